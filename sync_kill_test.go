package main

import (
	"bytes"
	"database/sql"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite", to check the database from outside
)

// TestMain lets the test binary stand in for wugeyi: with WUGEYI_CHILD set
// it runs that command line (words separated by "\x1f") and exits, so a
// test can kill a real import process. With WUGEYI_BENCH_TRIVIAL set it
// shows the window benchmark's yardstick (trivialWindow).
func TestMain(m *testing.M) {
	if args := os.Getenv("WUGEYI_CHILD"); args != "" {
		_, code := runCommand(strings.Split(args, "\x1f"), io.Discard, io.Discard)
		os.Exit(code)
	}
	if trivialWindowWanted() {
		os.Exit(trivialWindow())
	}
	os.Exit(m.Run())
}

// syncPair makes a city that trusts a county with demo records, and the
// county's sync file for the city; it returns the city database and the
// file.
func syncPair(t *testing.T, dir string, years int) (city, file string) {
	t.Helper()
	city, county := filepath.Join(dir, "city.db"), filepath.Join(dir, "hg.db")
	mustCode(t, "init", "-db", city, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	mustCode(t, "init", "-db", county, "-office", "130302", "-name", "海港区", "-role", "county")
	mustCode(t, "card", "-db", city, "-o", filepath.Join(dir, "city.card"))
	mustCode(t, "card", "-db", county, "-o", filepath.Join(dir, "hg.card"))
	mustCode(t, "trust", "-db", city, filepath.Join(dir, "hg.card"))
	mustCode(t, "trust", "-db", county, filepath.Join(dir, "city.card"))
	mustCode(t, "demo", "-db", county, "-years", strconv.Itoa(years))
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	mustCode(t, "export", "-db", county, "-o", out)
	files, err := filepath.Glob(filepath.Join(out, "130302*"))
	if err != nil || len(files) != 1 {
		t.Fatalf("export wrote %v (%v)", files, err)
	}
	return city, files[0]
}

// mustCode runs a command that must exit 0 (it may print progress on
// stderr).
func mustCode(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(t, args...)
	if code != 0 {
		t.Fatalf("wugeyi %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

// dbState is the integrity check's answer and the live record counts of
// the database at path, read from outside the program.
func dbState(t *testing.T, path string) (integrity string, counts string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	var b strings.Builder
	for _, tbl := range []string{"enterprises", "leaders", "assignments", "visits", "problems", "problem_events",
		"meetings", "financing_needs", "bridge_loans", "sync_log"} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM " + tbl).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		b.WriteString(tbl + "=" + strconv.Itoa(n) + " ")
	}
	return integrity, b.String()
}

// copyFile copies a closed database file.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportKilled kills an import process at random points, at least 20
// times, and checks each time that the database is intact and holds either
// everything it held before the import or everything after it: never a
// part.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes; skipped with -short")
	}
	dir := t.TempDir()
	city, file := syncPair(t, dir, 2)
	_, before := dbState(t, city)

	// The whole import once, to know the state after and how long it takes.
	done := filepath.Join(dir, "done.db")
	copyFile(t, city, done)
	start := time.Now()
	child(t, "import", "-db", done, file).Run()
	took := time.Since(start)
	ok, after := dbState(t, done)
	if ok != "ok" || after == before {
		t.Fatalf("the whole import: integrity %q, %s (before %s)", ok, after, before)
	}

	r := rand.New(rand.NewSource(7))
	var killedBefore, killedAfter int
	for i := 0; i < 24; i++ {
		db := filepath.Join(dir, "k.db")
		for _, p := range append(sidecars(db), db) {
			os.Remove(p)
		}
		copyFile(t, city, db)
		cmd := child(t, "import", "-db", db, file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int63n(int64(took + took/4))))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		ok, got := dbState(t, db)
		switch {
		case ok != "ok":
			t.Fatalf("kill %d: integrity_check %q", i, ok)
		case got == before:
			killedBefore++
		case got == after:
			killedAfter++
		default:
			t.Fatalf("kill %d: the database holds part of the import: %s\nbefore %s\nafter  %s", i, got, before, after)
		}
	}
	t.Logf("24 kills: %d left the database as before, %d as after (a whole import takes %v)", killedBefore, killedAfter, took)
}

// child is the test binary run as `wugeyi args...`.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "WUGEYI_CHILD="+strings.Join(args, "\x1f"))
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &bytes.Buffer{}
	return cmd
}
