package data_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// fileState is the state of every table of the database file at path; its
// integrity check must be ok.
func fileState(t *testing.T, path string) map[string]data.TableState {
	t.Helper()
	s, integrity, err := data.Snapshot(path)
	if err != nil {
		t.Fatalf("snapshot of %s: %v", path, err)
	}
	if integrity != "ok" {
		t.Fatalf("integrity check of %s: %s", path, integrity)
	}
	return s
}

// checkUnchanged checks that every table of the database file at path has
// the rows it had in before, and that the file passes its integrity check.
func checkUnchanged(t *testing.T, path string, before map[string]data.TableState) {
	t.Helper()
	after := fileState(t, path)
	if maps.Equal(before, after) {
		return
	}
	for tbl, s := range after {
		if before[tbl] != s {
			t.Errorf("table %s changed: %d rows %.8s → %d rows %.8s", tbl, before[tbl].Rows, before[tbl].Hash, s.Rows, s.Hash)
		}
	}
	for tbl := range before {
		if _, ok := after[tbl]; !ok {
			t.Errorf("table %s is gone", tbl)
		}
	}
}

// importAll writes cs as the sync import does: an error of PutAll counts
// as a refusal of its record, the rest is written and a sync-log line is
// added. It returns the errors PutAll gave.
func importAll(db *data.DB, cs []app.Change) ([]error, error) {
	var errs []error
	err := db.Update(context.Background(), app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		errs = tx.PutAll(cs, nil)
		refused := 0
		for _, err := range errs {
			if err != nil {
				refused++
			}
		}
		return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: "山海关区.wgy", Hash: "h", Peer: otherCounty,
			Operator: "导入", Outcome: app.SyncOK, Message: fmt.Sprintf("%d 条记录未导入", refused)})
	})
	return errs, err
}

// checkFault checks that err is the fault kind, said in Chinese.
func checkFault(t *testing.T, err, kind error, head string) {
	t.Helper()
	if !errors.Is(err, kind) || !strings.HasPrefix(err.Error(), head) {
		t.Fatalf("the error is not %q: %v", head, err)
	}
}

// checkStopped checks that PutAll's errors are none up to some change and
// the fault kind for that change and every one after it.
func checkStopped(t *testing.T, errs []error, n int, kind error) int {
	t.Helper()
	if len(errs) != n {
		t.Fatalf("%d errors for %d changes", len(errs), n)
	}
	first := -1
	for i, err := range errs {
		switch {
		case first < 0 && err == nil:
		case first < 0:
			first = i
			fallthrough
		default:
			if !errors.Is(err, kind) {
				t.Fatalf("change %d (first fault at %d): %v", i, first, err)
			}
		}
	}
	if first < 0 {
		t.Fatal("no change met the fault")
	}
	return first
}

// seeded is a city database with records of its own and of a county, and
// the changes of 6,000 more county records, which the database has room
// for.
func seeded(t *testing.T) (*app.Service, *data.DB, []app.Change) {
	t.Helper()
	svc, db := officeService(t, cityOffice)
	addLeader(t, svc, "李市长", app.LevelCity)
	cs := putChanges(t, 6500)
	if errs, err := importAll(db, cs[:500]); err != nil || errors.Join(errs...) != nil {
		t.Fatalf("seed: %v %v", err, errors.Join(errs...))
	}
	return svc, db, cs[500:]
}

// A full disk in the middle of an import (SQLite's page limit, which fails
// exactly as a full disk does) ends the import: PutAll stops at the record
// that met it, the sync-log line is not written, and the database is as it
// was, its change log included. Once there is room, the same import works.
func TestDiskFullImport(t *testing.T) {
	_, db, cs := seeded(t)
	path := db.Path()
	before := fileState(t, path)
	if err := data.LimitPages(db, 40); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	errs, err := importAll(db, cs)
	took := time.Since(start)
	checkUnchanged(t, path, before)
	t.Logf("%d changes, fault at change %d, in %v", len(cs), checkStopped(t, errs, len(cs), app.ErrDiskFull), took)
	checkFault(t, err, app.ErrDiskFull, "磁盘已满")

	// A fn that takes Put's fault as a refusal and goes on is stopped too.
	err = db.Update(context.Background(), app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		for _, c := range cs {
			_ = tx.Put(c)
		}
		return nil
	})
	checkUnchanged(t, path, before)
	checkFault(t, err, app.ErrDiskFull, "磁盘已满")

	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("reopen after the fault: %v", err)
	}
	defer db2.Close()
	checkUnchanged(t, path, before)
	if errs, err := importAll(db2, cs); err != nil || errors.Join(errs...) != nil {
		t.Fatalf("the import with room: %v %v", err, errors.Join(errs...))
	}
	if after := fileState(t, path); after["sync_log"].Rows != before["sync_log"].Rows+1 {
		t.Errorf("sync log %d lines, was %d", after["sync_log"].Rows, before["sync_log"].Rows)
	}
}

// Saves through Update meet a full disk as an import does: the Update
// fails and nothing of it is kept, even when its fn ignores the fault.
func TestDiskFullSave(t *testing.T) {
	_, db, _ := seeded(t)
	path := db.Path()
	ctx := context.Background()
	before := fileState(t, path)
	if err := data.LimitPages(db, 5); err != nil {
		t.Fatal(err)
	}
	for _, ignore := range []bool{false, true} {
		saved := 0
		err := db.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
			for i := range 3000 {
				l := app.Leader{Name: fmt.Sprintf("领导%04d", i), Post: "副市长", Level: app.LevelCity, Body: "政府"}
				if err := tx.SaveLeader(&l); err != nil && !ignore {
					return err
				} else if err == nil {
					saved++
				}
			}
			return nil
		})
		checkUnchanged(t, path, before)
		checkFault(t, err, app.ErrDiskFull, "磁盘已满")
		if saved == 0 {
			t.Errorf("ignore %t: the fault came before the first save", ignore)
		}
	}
}

// After SQLite ends the transaction by itself, nothing fn writes is kept:
// without a transaction each write would commit on its own.
func TestRollbackUnderneath(t *testing.T) {
	_, db, _ := seeded(t)
	path := db.Path()
	before := fileState(t, path)
	var saveErr error
	err := db.Update(context.Background(), app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		if err := data.RollBackUnderneath(tx); err != nil {
			t.Fatal(err)
		}
		l := app.Leader{Name: "无事务领导", Post: "副市长", Level: app.LevelCity, Body: "政府"}
		saveErr = tx.SaveLeader(&l)
		return nil
	})
	checkUnchanged(t, path, before)
	if saveErr == nil {
		t.Error("a save after the transaction ended was taken")
	}
	checkFault(t, err, app.ErrDiskIO, "读写数据库文件时出错")
}

// A read-only database file refuses an import and a save with a Chinese
// message, and stays as it was.
func TestReadOnlyDatabase(t *testing.T) {
	svc, db, cs := seeded(t)
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileState(t, path)
	how := datatest.ReadOnly(t, path)
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("open the read-only file: %v", err)
	}
	defer db2.Close()
	if how == "" {
		how = "PRAGMA query_only"
		if err := data.QueryOnly(db2); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("read-only by %s", how)
	errs, err := importAll(db2, cs)
	checkUnchanged(t, path, before)
	checkFault(t, err, app.ErrReadOnly, "数据库文件是只读的")
	// The transaction may not even begin; if it does, the first write fails.
	if errs != nil {
		if first := checkStopped(t, errs, len(cs), app.ErrReadOnly); first != 0 {
			t.Errorf("the first fault at change %d, want 0", first)
		}
	}
	svc.Store = db2
	l := app.Leader{Name: "只读领导", Post: "副市长", Level: app.LevelCity, Body: "政府"}
	if err := svc.SaveLeader(context.Background(), &l); !errors.Is(err, app.ErrReadOnly) || !strings.Contains(err.Error(), "数据库文件是只读的") {
		t.Errorf("a save: %v", err)
	}
	checkUnchanged(t, path, before)
}

// A real full disk: a 6 MB filesystem made for the test (root only),
// filled by an import of 30,000 records, once with the writer's page cache
// spilling to the file in the middle of the import, once holding every
// page until the commit. The import fails with the Chinese message, and
// the file is the database it was, which opens again.
func TestFullFilesystem(t *testing.T) {
	for _, spill := range []bool{true, false} {
		t.Run(fmt.Sprintf("spill=%t", spill), func(t *testing.T) { fullFilesystem(t, spill) })
	}
}

func fullFilesystem(t *testing.T, spill bool) {
	dir := smallDisk(t, "6m")
	path := filepath.Join(dir, "市工信局.db")
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	closeDB := sync.OnceValue(db.Close) // before the unmount
	t.Cleanup(func() { closeDB() })
	svc := app.NewService(db, "张三")
	if err := svc.SetUp(context.Background(), app.Office{Code: cityOffice, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}); err != nil {
		t.Fatal(err)
	}
	cs := putChanges(t, 30_500)
	if errs, err := importAll(db, cs[:500]); err != nil || errors.Join(errs...) != nil {
		t.Fatalf("seed: %v %v", err, errors.Join(errs...))
	}
	if spill {
		if err := data.SmallCache(db); err != nil {
			t.Fatal(err)
		}
	}
	before := fileState(t, path)
	start := time.Now()
	errs, err := importAll(db, cs[500:])
	took := time.Since(start)
	checkUnchanged(t, path, before)
	checkFault(t, err, app.ErrDiskFull, "磁盘已满")
	if len(errs) == len(cs)-500 && errs[len(errs)-1] != nil {
		t.Logf("PutAll stopped at change %d", checkStopped(t, errs, len(errs), app.ErrDiskFull))
	} else {
		t.Log("the disk filled at the commit")
	}
	t.Logf("import of %d changes on a full 6 MB disk failed in %v", len(cs)-500, took)
	if spill && errs[len(errs)-1] == nil {
		t.Error("the cache did not spill: the disk filled at the commit")
	}
	if err := closeDB(); err != nil {
		t.Logf("close on the full disk: %v", err)
	}
	db2, err := data.Open(path)
	if err != nil {
		t.Fatalf("reopen after the full disk: %v", err)
	}
	defer db2.Close()
	checkUnchanged(t, path, before)
	if o, err := db2.Office(context.Background()); err != nil || o.Code != cityOffice {
		t.Errorf("office after the full disk: %+v %v", o, err)
	}
}

// A backup that does not fit on its disk fails with an error and leaves
// nothing in its folder: no file under its name, no temporary file.
func TestBackupFullFilesystem(t *testing.T) {
	_, db, _ := seeded(t)
	dir := smallDisk(t, "256k")
	err := db.Backup(context.Background(), filepath.Join(dir, "备份.db"))
	if err == nil || !strings.Contains(err.Error(), "磁盘已满") {
		t.Errorf("backup to a full disk: %v", err)
	}
	if es, err := os.ReadDir(dir); err != nil || len(es) != 0 {
		t.Errorf("left in the folder: %v %v", es, err)
	}
}

// A database with accounts on a read-only medium (a backup on a CD, a
// file without write permission) still opens for reading: signing in with
// the right password writes nothing; a save is refused as before.
func TestReadOnlyDatabaseSignIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(datatest.TempDir(t), "只读 账号.db")
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(db, "")
	if err := svc.SetUp(ctx, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}); err != nil {
		t.Fatal(err)
	}
	if err := svc.AddFirstAdmin(ctx, "张三", "zhangsan-2026"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	how := datatest.ReadOnly(t, path)
	ro, err := data.Open(path)
	if err != nil {
		t.Fatalf("open the read-only file: %v", err)
	}
	defer ro.Close()
	if how == "" {
		if err := data.QueryOnly(ro); err != nil {
			t.Fatal(err)
		}
	}
	s := app.NewService(ro, "")
	if err := s.SignIn(ctx, "张三", "zhangsan-2026"); err != nil {
		t.Fatalf("sign in on a read-only file: %v", err)
	}
	l := app.Leader{Name: "只读领导", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := s.SaveLeader(ctx, &l); !errors.Is(err, app.ErrReadOnly) {
		t.Errorf("a save: %v, want ErrReadOnly", err)
	}
	if err := s.SignIn(ctx, "张三", "wrong-pass"); err == nil {
		t.Error("a wrong password signed in")
	}
}
