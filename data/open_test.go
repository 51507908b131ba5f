package data_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
)

func TestOpenCloseReopenKeepsData(t *testing.T) {
	svc, db, path := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛港机重工有限公司")
	uv, vs, err := data.SchemaState(db)
	if err != nil {
		t.Fatal(err)
	}
	if uv != slices.Max(data.Versions()) || !slices.Equal(vs, data.Versions()) {
		t.Errorf("schema: user_version %d, migrations %v; want the latest, every version", uv, vs)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db2.Close()
	got, err := db2.Enterprise(context.Background(), e.ID)
	if err != nil {
		t.Fatalf("Enterprise after reopen: %v", err)
	}
	if got.Name != e.Name || got.CreditCode != e.CreditCode || !slices.Equal(got.Categories, e.Categories) || got.Version != 1 {
		t.Errorf("after reopen got %+v, want %+v", got, e)
	}
	o, err := db2.Office(context.Background())
	if err != nil || o.Code != myOffice || o.Role != app.RoleCounty {
		t.Errorf("Office after reopen = %+v, %v", o, err)
	}
	_, vs, err = data.SchemaState(db2)
	if err != nil || !slices.Equal(vs, data.Versions()) {
		t.Errorf("migrations after reopen %v, %v; want every version once", vs, err)
	}
}

func TestOfficeAndSettingsBeforeSetUp(t *testing.T) {
	db, _ := openDB(t)
	ctx := context.Background()
	if _, err := db.Office(ctx); !errors.Is(err, app.ErrNotSetUp) {
		t.Errorf("Office on a new database: %v, want ErrNotSetUp", err)
	}
	s, err := db.Settings(ctx)
	if err != nil || !reflect.DeepEqual(s, app.DefaultSettings()) {
		t.Errorf("Settings on a new database: %+v, %v; want defaults", s, err)
	}
	err = db.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		l := app.Leader{Name: "赵六", Post: "区长", Level: app.LevelCounty, Body: "政府"}
		return tx.SaveLeader(&l)
	})
	if !errors.Is(err, app.ErrNotSetUp) {
		t.Errorf("save before set up: %v, want ErrNotSetUp", err)
	}
}

func TestSetUpOtherOfficeRefused(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	err := svc.SetUp(ctx, app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty})
	if err == nil || !strings.Contains(err.Error(), "数据库已属于 海港区（130302）") {
		t.Fatalf("SetUp for another office: %v, want 数据库已属于 海港区（130302）…", err)
	}
	if err := svc.SetUp(ctx, app.Office{Code: myOffice, Name: "海港区人民政府", Role: app.RoleCounty}); err != nil {
		t.Fatalf("SetUp again with the same code: %v", err)
	}
	o, err := db.Office(ctx)
	if err != nil || o.Name != "海港区人民政府" {
		t.Errorf("Office = %+v, %v; want the new name", o, err)
	}
	st := app.DefaultSettings()
	st.VisitIntervalMonths = 1
	if err := svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Settings(ctx); err != nil || !reflect.DeepEqual(got, st) {
		t.Errorf("Settings = %+v, %v; want %+v", got, err, st)
	}
}

func TestSecondOpenLocked(t *testing.T) {
	db, path := openDB(t)
	_, err := data.Open(path)
	if !errors.Is(err, app.ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	db2.Close()
}

// TestHelperOpen is run as a child process by TestSecondOpenLockedOtherProcess.
func TestHelperOpen(t *testing.T) {
	path := os.Getenv("WUGEYI_HELPER_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := data.Open(path)
	switch {
	case errors.Is(err, app.ErrLocked):
		os.Stdout.WriteString("LOCKED\n")
	case err != nil:
		os.Stdout.WriteString("ERROR " + err.Error() + "\n")
	default:
		os.Stdout.WriteString("OPENED\n")
		db.Close()
	}
}

// openInChild opens the database at path in another process, which says
// LOCKED, OPENED or ERROR.
func openInChild(t *testing.T, path string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperOpen$")
	cmd.Env = append(os.Environ(), "WUGEYI_HELPER_DB="+path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v (%s)", err, out)
	}
	return string(out)
}

func TestSecondOpenLockedOtherProcess(t *testing.T) {
	db, path := openDB(t)
	if out := openInChild(t, path); !strings.Contains(out, "LOCKED") {
		t.Errorf("other process while open: %q, want LOCKED", out)
	}
	db.Close()
	if out := openInChild(t, path); !strings.Contains(out, "OPENED") {
		t.Errorf("other process after Close: %q, want OPENED", out)
	}
}

// The lock is on the database, not on the name it is opened by: while it
// is open, opening it through a symbolic link to the file, a symbolic link
// to its folder or a hard link fails with app.ErrLocked, in this process
// and in another; once it is closed, every name opens it.
func TestOpenLockedThroughLinks(t *testing.T) {
	db, path := openDB(t)
	links := t.TempDir()
	names := map[string]string{
		"symbolic link to the file":   filepath.Join(links, "链接.db"),
		"symbolic link to the folder": filepath.Join(links, "目录", filepath.Base(path)),
		"hard link":                   filepath.Join(filepath.Dir(path), "硬链接.db"),
	}
	if err := os.Symlink(path, names["symbolic link to the file"]); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	if err := os.Symlink(filepath.Dir(path), filepath.Join(links, "目录")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, names["hard link"]); err != nil {
		t.Fatal(err)
	}
	for how, name := range names {
		if db2, err := data.Open(name); !errors.Is(err, app.ErrLocked) {
			t.Errorf("open through a %s: %v, want ErrLocked", how, err)
			if err == nil {
				db2.Close()
			}
		}
		if out := openInChild(t, name); !strings.Contains(out, "LOCKED") {
			t.Errorf("another process through a %s: %q, want LOCKED", how, out)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for how, name := range names {
		db2, err := data.Open(name)
		if err != nil {
			t.Fatalf("open through a %s once closed: %v", how, err)
		}
		if err := db2.Close(); err != nil {
			t.Errorf("close through a %s: %v", how, err)
		}
	}
}

// An earlier build locks only the sidecar file PATH.lock: a database it
// holds is locked for this build too, through a symbolic link as well.
func TestOpenLockedBySidecar(t *testing.T) {
	db, path := openDB(t)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	release, err := data.LockSidecar(path + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	link := filepath.Join(t.TempDir(), "链接.db")
	if err := os.Symlink(path, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	for _, name := range []string{path, link} {
		if db2, err := data.Open(name); !errors.Is(err, app.ErrLocked) {
			t.Errorf("open %s while an earlier build holds it: %v, want ErrLocked", name, err)
			if err == nil {
				db2.Close()
			}
		}
	}
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// rawExec runs statements on the database file with a plain connection.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	c, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, s := range stmts {
		if _, err := c.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestNewerSchemaRefusedUntouched(t *testing.T) {
	cases := []struct {
		name  string
		stmts []string
	}{
		{"user_version", []string{"PRAGMA user_version = 99"}},
		{"schema_migrations", []string{"INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, '999_future.sql', '2030-01-01')"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, path := newService(t)
			addEnterprise(t, svc, 1, "秦皇岛未来科技有限公司")
			db.Close()
			rawExec(t, path, append(c.stmts, "PRAGMA journal_mode = DELETE")...)
			before := sha(t, path)
			_, err := data.Open(path)
			if !errors.Is(err, app.ErrNewerSchema) {
				t.Fatalf("Open newer: %v, want ErrNewerSchema", err)
			}
			if after := sha(t, path); after != before {
				t.Error("the newer database file was modified")
			}
			for _, s := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + s); err == nil {
					t.Errorf("%s file created", s)
				}
			}
		})
	}
}

func TestOpenNotADatabase(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name  string
		write func(path string)
	}{
		{"text file", func(p string) { os.WriteFile(p, []byte(strings.Repeat("这不是数据库\n", 200)), 0o644) }},
		{"other sqlite", func(p string) { rawExec(t, p, "CREATE TABLE t(x)", "PRAGMA journal_mode = DELETE") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".db")
			c.write(path)
			before := sha(t, path)
			db, err := data.Open(path)
			if err == nil {
				db.Close()
				t.Fatal("Open of a foreign file succeeded")
			}
			if !errors.Is(err, data.ErrNotDatabase) {
				t.Errorf("Open: %v, want ErrNotDatabase", err)
			}
			if sha(t, path) != before {
				t.Error("the foreign file was modified")
			}
		})
	}
}
