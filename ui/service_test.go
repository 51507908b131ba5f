package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storeUses are the places in src that select the Store of a service
// (svc.Store, u.svc.Store): reads, writes or a hand-over to an adapter that
// bypass the Service.
func storeUses(t *testing.T, name string, src any) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	var uses []string
	ast.Inspect(f, func(n ast.Node) bool {
		s, ok := n.(*ast.SelectorExpr)
		if !ok || s.Sel.Name != "Store" {
			return true
		}
		switch x := s.X.(type) {
		case *ast.Ident:
			ok = x.Name == "svc"
		case *ast.SelectorExpr:
			ok = x.Sel.Name == "svc"
		default:
			ok = false
		}
		if ok {
			uses = append(uses, fset.Position(s.Pos()).String())
		}
		return true
	})
	return uses
}

func TestStoreUses(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"read through the service", "u.svc.Problems(ctx, f)", 0},
		{"store handed to an adapter", "syncfile.Export(ctx, s.u.svc.Store, op)", 1},
		{"another type's Store", "x.Store.Problems(ctx, f)", 0},
		{"read through the store", "s.u.svc.Store.Problems(ctx, f)", 1},
		{"local service", "svc.Store.Office(ctx)", 1},
		{"store kept aside", "st := u.svc.Store; st.Backup(ctx, p)", 1},
		{"handed to a local helper", "keep(u.svc.Store)", 1},
	} {
		src := "package ui\nfunc f() {\n" + tc.body + "\n}\n"
		if got := storeUses(t, tc.name+".go", src); len(got) != tc.want {
			t.Errorf("%s: %q found %v, want %d", tc.name, tc.body, got, tc.want)
		}
	}
}

// TestServiceOnly holds the package comment: the screens reach the records
// through app.Service, not through its Store.
func TestServiceOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n++
		for _, at := range storeUses(t, name, src) {
			t.Errorf("%s: the screen uses the Store; call the Service (svc.Problems, svc.Backup …)", at)
		}
	}
	if n < 10 {
		t.Fatalf("read %d files of package ui, want its screens", n)
	}
}
