package syncfile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/syncfile"
)

// fileSize is the size of the file at path, 0 when there is none.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// The room an import needs, measured: a county with two years of demo
// records sends every record to a new city database. The database file
// and its write-ahead log (which holds every page of the transaction
// before the checkpoint copies them into the file) grow by less than
// ImportRoom says, and by more than a quarter of it, so that the estimate
// is not wildly high either; the backup is no larger than the database.
func TestImportRoom(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a county with two years of demo records")
	}
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	if _, err := demo.Fill(ctx, hg.st, hg.op(), demo.Options{Today: hg.svc.Today(), Years: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	path, m := hg.export(t, app.CityCode, true)
	f := city.mustRead(t, path)
	db := city.st.Path()
	file, wal := fileSize(db), fileSize(db+"-wal")
	plan, backup, err := syncfile.Accept(ctx, city.svc, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	grown := fileSize(db) - file + fileSize(db+"-wal") - wal
	need := syncfile.ImportRoom(f)
	t.Logf("%d records: the database grew by %d bytes and its log by %d, %d bytes a record; the estimate is %d; the backup takes %d bytes of the %d-byte database",
		m.Records(), fileSize(db)-file, fileSize(db+"-wal")-wal, grown/int64(m.Records()), need, fileSize(backup), fileSize(db))
	if len(plan.Apply) != m.Records() {
		t.Fatalf("%d of %d records imported", len(plan.Apply), m.Records())
	}
	if grown > need || grown < need/4 {
		t.Errorf("the import took %d bytes, estimated %d", grown, need)
	}
	if b := fileSize(backup); b == 0 || b > file+wal {
		t.Errorf("the backup takes %d bytes, the database %d", b, file+wal)
	}
}

// A disk with less room than the import needs is refused before anything
// is written, saying how much is needed and how much there is; with
// enough room the same file imports.
func TestAcceptRefusesASmallDisk(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	hg.enter(t)
	path, _ := hg.export(t, app.CityCode, false)
	f := city.mustRead(t, path)
	before := city.st.Snapshot()
	var asked string
	free := func(dir string) (int64, error) { asked = dir; return 3 << 20, nil }
	_, backup, err := syncfile.AcceptWithFree(ctx, city.svc, f, nil, free)
	se := rtCode(t, err, syncfile.ErrNoSpace)
	if !strings.HasPrefix(se.Msg, "磁盘空间不足：导入需要约 ") || !strings.Contains(se.Msg, "只有 3 MB") || !strings.Contains(se.Msg, "未做任何改动") {
		t.Errorf("the refusal says %q", se.Msg)
	}
	if asked != filepath.Dir(city.st.Path()) {
		t.Errorf("asked for the room of %q, not the database's folder", asked)
	}
	if d := before.Diff(city.st.Snapshot()); d != nil {
		t.Errorf("the refused import changed %v", d)
	}
	if entries, err := os.ReadDir(filepath.Join(filepath.Dir(city.st.Path()), "backups")); err == nil && len(entries) > 0 || backup != "" {
		t.Errorf("a backup was made: %v %q", entries, backup)
	}
	// A disk that cannot say goes on, as one with room does.
	unknown := func(string) (int64, error) { return 0, errors.New("unknown") }
	if _, _, err := syncfile.AcceptWithFree(ctx, city.svc, f, nil, unknown); err != nil {
		t.Fatalf("with the room unknown: %v", err)
	}
	if d := before.Diff(city.st.Snapshot()); len(d) == 0 {
		t.Error("the import with room changed nothing")
	}
}
