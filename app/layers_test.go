package app_test

// The layers of the program held apart (docs/ARCHITECTURE.md): this test
// reads the imports of every Go file of the repository, tests aside, and
// fails when a part imports what it must not know. It parses the files
// (go/parser, imports only) rather than building them, so it runs without
// cgo and sees the files of every build tag and operating system. It lives
// with the domain's tests because the domain is what the rules protect most.

import (
	"bufio"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// rule forbids the packages in some folders to import some paths.
type rule struct {
	pkgs   string   // a folder from the module root; "x/..." is x and every folder under it
	forbid []string // import paths, in the same form
	why    string
}

// rules are the allowed directions of docs/ARCHITECTURE.md, written as
// what each part must not import. Package main (the module root) wires
// everything and has no rule.
var rules = []rule{
	{"ui/...", []string{"wugeyi/data/...", "database/sql/...", "modernc.org/sqlite/..."},
		"the window reaches the records through app.Service only (its tests may use data/datatest)"},
	{"data/...", []string{"wugeyi/ui/..."},
		"the store knows nothing of the window"},
	// The domain (app) and its adapters (app/print, app/xlsx, app/chart,
	// app/syncfile, app/demo) alike: none of them imports Fyne today.
	{"app/...", []string{"fyne.io/...", "database/sql/...", "modernc.org/sqlite/...", "wugeyi/data/...", "wugeyi/ui/..."},
		"the domain and its adapters know no window, no SQL and no store"},
}

// under reports whether p is pattern or, for a pattern "x/...", x or a
// path under it.
func under(p, pattern string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

// check returns what the rules forbid of the imports of file, a path from
// the module root with slashes: one line per forbidden import.
func check(rules []rule, file string, imports []string) []string {
	dir := path.Dir(file)
	var bad []string
	for _, r := range rules {
		if !under(dir, r.pkgs) {
			continue
		}
		for _, imp := range imports {
			for _, f := range r.forbid {
				if under(imp, f) {
					bad = append(bad, fmt.Sprintf("%s imports %q: %s", file, imp, r.why))
				}
			}
		}
	}
	return bad
}

// moduleRoot is the folder of go.mod of module wugeyi, found from the
// test's working folder (the folder of this file) upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if mod, err := modulePath(filepath.Join(dir, "go.mod")); err == nil {
			if mod != "wugeyi" {
				return "", fmt.Errorf("%s is module %q, not wugeyi", dir, mod)
			}
			return dir, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the test's folder")
		}
		dir = up
	}
}

// modulePath reads the module line of the go.mod file name.
func modulePath(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(m), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s has no module line", name)
}

// imports reads the imports of every non-test Go file under root, by path
// from root with slashes. It skips what the go command skips: folders
// whose names start with . or _, and testdata.
func imports(root string) (map[string][]string, error) {
	fset := token.NewFileSet()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		var list []string
		for _, is := range f.Imports {
			imp, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: import %s: %w", rel, is.Path.Value, err)
			}
			list = append(list, imp)
		}
		out[filepath.ToSlash(rel)] = list
		return nil
	})
	return out, err
}

// TestLayers fails on every import of a non-test file that the rules
// forbid.
func TestLayers(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := imports(root)
	if err != nil {
		t.Fatal(err)
	}
	// The walk must have found the parts the rules are about, or it
	// would pass on nothing.
	seen := map[string]bool{}
	for f := range files {
		seen[path.Dir(f)] = true
	}
	for _, dir := range []string{".", "ui", "data", "app", "app/print", "app/xlsx", "app/chart", "app/syncfile", "app/demo"} {
		if !seen[dir] {
			t.Errorf("no Go file found in %s under %s", dir, root)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		for _, bad := range check(rules, f, files[f]) {
			t.Error(bad)
		}
	}
	t.Logf("%d non-test Go files checked under %s", len(files), root)
}

// TestCheck shows check refusing what each rule forbids, and letting
// through what it does not.
func TestLayerRules(t *testing.T) {
	for _, c := range []struct {
		file    string
		imports []string
		bad     int // how many of the imports are forbidden
	}{
		{"ui/window.go", []string{"wugeyi/app", "wugeyi/app/print", "fyne.io/fyne/v2"}, 0},
		{"ui/window.go", []string{"wugeyi/app", "wugeyi/data"}, 1},
		{"ui/window.go", []string{"wugeyi/data/datatest"}, 1},
		{"ui/window.go", []string{"database/sql", "modernc.org/sqlite"}, 2},
		{"ui/sub/x.go", []string{"database/sql/driver", "modernc.org/sqlite/lib"}, 2},
		{"ui/window.go", []string{"wugeyi/database", "modernc.org/sqlitex"}, 0}, // names that only start alike
		{"uikit/x.go", []string{"wugeyi/data"}, 0},                              // not under ui
		{"data/store.go", []string{"database/sql", "modernc.org/sqlite", "wugeyi/app"}, 0},
		{"data/store.go", []string{"wugeyi/ui"}, 1},
		{"data/datatest/store.go", []string{"wugeyi/data", "wugeyi/ui/probe"}, 1},
		{"app/service.go", []string{"context", "wugeyi/app/print"}, 0},
		{"app/service.go", []string{"fyne.io/fyne/v2/widget"}, 1},
		{"app/service.go", []string{"database/sql", "modernc.org/sqlite", "wugeyi/data", "wugeyi/ui"}, 4},
		{"app/syncfile/file.go", []string{"wugeyi/app", "filippo.io/age"}, 0},
		{"app/syncfile/file.go", []string{"wugeyi/data"}, 1},
		{"app/xlsx/export.go", []string{"github.com/xuri/excelize/v2", "fyne.io/fyne/v2"}, 1},
		{"app/print/doc.go", []string{"wugeyi/ui"}, 1},
		{"app/chart/chart.go", []string{"database/sql"}, 1},
		{"app/demo/demo.go", []string{"modernc.org/sqlite"}, 1},
		{"main.go", []string{"wugeyi/data", "wugeyi/ui", "fyne.io/fyne/v2/app"}, 0}, // main wires them
	} {
		got := check(rules, c.file, c.imports)
		if len(got) != c.bad {
			t.Errorf("check(%s, %q) = %q, want %d forbidden", c.file, c.imports, got, c.bad)
		}
	}
}
