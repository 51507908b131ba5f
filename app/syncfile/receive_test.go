package syncfile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// recvOffice is an office's service over a real database set up for o,
// its sync keys made by syncfile as main wires them, at a fixed time.
func recvOffice(t *testing.T, o app.Office) (*app.Service, *datatest.Store) {
	t.Helper()
	st := datatest.NewSetUp(t, o)
	svc := app.NewService(st, "张三")
	svc.Now = func() time.Time { return time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local) }
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	return svc, st
}

// recvPair is the city and the sync file that a county with one
// enterprise sent it, in a folder of its own. The county trusts the city,
// and the city the county when trusting is set.
func recvPair(t *testing.T, trusting bool) (to *app.Service, toStore *datatest.Store, path string) {
	t.Helper()
	ctx := context.Background()
	from, _ := recvOffice(t, haigang)
	to, toStore = recvOffice(t, city)
	e := app.Enterprise{Name: "秦皇岛海鹏机械有限公司", CreditCode: datatest.CreditCode(1), Industry: "玻璃"}
	if err := from.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	recvTrust(t, from, to)
	if trusting {
		recvTrust(t, to, from)
	}
	path, m, err := syncfile.Send(ctx, from, city.Code, false, datatest.TempDir(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Records() != 1 || filepath.Base(path) != syncfile.FileName(m) {
		t.Fatalf("the county sent %d records in %s", m.Records(), path)
	}
	return to, toStore, path
}

// recvReceived is the city of recvPair and the plan of the file it
// received, before it is accepted.
func recvReceived(t *testing.T) (*app.Service, *datatest.Store, syncfile.Plan) {
	t.Helper()
	svc, st, path := recvPair(t, true)
	plan, err := syncfile.Receive(context.Background(), svc, path)
	if err != nil {
		t.Fatal(err)
	}
	return svc, st, plan
}

// recvTrust makes a trust b's card, as both offices do once by hand.
func recvTrust(t *testing.T, a, b *app.Service) {
	t.Helper()
	card, err := syncfile.OwnCard(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Trust(context.Background(), card, false); err != nil {
		t.Fatal(err)
	}
}

// recvEnterprises is how many enterprises svc's database holds.
func recvEnterprises(t *testing.T, svc *app.Service) int {
	t.Helper()
	list, err := svc.Enterprises(context.Background(), app.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// recvLog is svc's whole sync log, newest first.
func recvLog(t *testing.T, svc *app.Service) []app.SyncEntry {
	t.Helper()
	log, err := svc.SyncLog(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestOwnCardMakesKeysOnce(t *testing.T) {
	ctx := context.Background()
	svc, st := recvOffice(t, haigang)
	if _, err := svc.Keys(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("a new database has keys: %v", err)
	}
	card, err := syncfile.OwnCard(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	again, err := syncfile.OwnCard(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	if card.Office != haigang.Code || card.Name != haigang.Name || again.Fingerprint() != card.Fingerprint() {
		t.Errorf("own card %+v, then %s", card, again.Fingerprint())
	}
	if n := len(st.Ops()); n != 1 {
		t.Errorf("two calls made %d commits, want 1 (the keys)", n)
	}

	// The card file it makes is read back as the same card.
	path := filepath.Join(datatest.TempDir(t), "公钥卡.json")
	if err := os.WriteFile(path, syncfile.MarshalCard(card), 0o644); err != nil {
		t.Fatal(err)
	}
	read, err := syncfile.ReadCard(path)
	if err != nil || read.Fingerprint() != card.Fingerprint() {
		t.Errorf("ReadCard: %s, %v", read.Fingerprint(), err)
	}
	if err := os.WriteFile(path, []byte(`{"kind":"wugeyi-sync"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := syncfile.ReadCard(path); err == nil || !strings.Contains(err.Error(), "不是五个一工作台的公钥卡文件") {
		t.Errorf("ReadCard of a file that is no card: %v", err)
	}
}

func TestReceiveThenAccept(t *testing.T) {
	ctx := context.Background()
	bureau, cityStore, path := recvPair(t, true)
	plan, err := syncfile.Receive(ctx, bureau, path)
	if err != nil {
		t.Fatal(err)
	}
	if n := plan.Counts[app.TableEnterprises]; n.New != 1 || plan.File.Name != filepath.Base(path) {
		t.Fatalf("plan: %+v of %q", n, plan.File.Name)
	}
	if recvEnterprises(t, bureau) != 0 || len(recvLog(t, bureau)) != 0 {
		t.Fatal("Receive wrote more than nothing")
	}

	var last, total int
	done, backup, err := syncfile.Accept(ctx, bureau, plan.File, func(d, n int) { last, total = d, n })
	if err != nil {
		t.Fatal(err)
	}
	if done.Counts[app.TableEnterprises].New != 1 || recvEnterprises(t, bureau) != 1 || last != total || total != 1 {
		t.Errorf("Accept: counts %+v, %d enterprises, progress %d/%d", done.Counts, recvEnterprises(t, bureau), last, total)
	}
	want, err := syncfile.BackupPath(cityStore.Path(), bureau.Now())
	if err != nil {
		t.Fatal(err)
	}
	if backup == "" || filepath.Dir(backup) != filepath.Dir(want) {
		t.Errorf("backup %q, want beside the database as %q", backup, want)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Size() == 0 {
		t.Errorf("no backup at %s: %v", backup, err)
	}
	log := recvLog(t, bureau)
	if len(log) != 1 || log[0].Outcome != app.SyncOK || log[0].Operator != "张三" || log[0].File != filepath.Base(path) {
		t.Errorf("log %+v", log)
	}

	// The same file again is no fault and logs nothing.
	_, err = syncfile.Receive(ctx, bureau, path)
	if !syncfile.IsDuplicate(err) || !strings.Contains(err.Error(), "已经导入过") {
		t.Errorf("a file brought twice: %v", err)
	}
	if n := len(recvLog(t, bureau)); n != 1 {
		t.Errorf("a file brought twice left %d log lines", n)
	}
	// Accepting it twice (two windows) changes nothing either.
	if _, _, err := syncfile.Accept(ctx, bureau, plan.File, nil); !syncfile.IsDuplicate(err) {
		t.Errorf("accepted twice: %v", err)
	}
	if recvEnterprises(t, bureau) != 1 || len(recvLog(t, bureau)) != 1 {
		t.Error("accepting twice wrote")
	}
}

func TestReceiveRefusesAndLogs(t *testing.T) {
	ctx := context.Background()
	stranger, _, path := recvPair(t, false) // a city that does not trust the county yet
	before := len(recvLog(t, stranger))

	_, err := syncfile.Receive(ctx, stranger, path)
	var se *syncfile.Error
	if !errors.As(err, &se) || se.Code != syncfile.ErrUntrusted {
		t.Fatalf("a file of an untrusted office: %v", err)
	}
	log := recvLog(t, stranger)
	if len(log) != before+1 || log[0].Outcome != app.SyncRefused || log[0].Peer != haigang.Code ||
		log[0].Message != err.Error() || log[0].File != filepath.Base(path) {
		t.Errorf("log %+v", log)
	}
	if recvEnterprises(t, stranger) != 0 {
		t.Error("a refused file wrote records")
	}

	// A file that cannot be read is the reader's fault, not the file's:
	// nothing is logged.
	missing := filepath.Join(filepath.Dir(path), "没有.wgy")
	if _, err := syncfile.Receive(ctx, stranger, missing); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("a missing file: %v", err)
	}
	if n := len(recvLog(t, stranger)); n != before+1 {
		t.Errorf("a missing file was logged: %d lines", n)
	}
}

func TestReceiveWhenTheLogCannotBeWritten(t *testing.T) {
	ctx := context.Background()
	stranger, st, path := recvPair(t, false)
	full := errors.New("disk full")
	st.FailNextUpdate(full)
	_, err := syncfile.Receive(ctx, stranger, path)
	var se *syncfile.Error
	if !errors.As(err, &se) || se.Code != syncfile.ErrUntrusted || !errors.Is(err, full) {
		t.Errorf("the refusal and the failure to log it: %v", err)
	}
	if n := len(recvLog(t, stranger)); n != 0 {
		t.Errorf("%d log lines", n)
	}
}

// unfiled is a store that is not a file, as an in-memory store would be.
type unfiled struct{ app.Store }

func TestAcceptWithoutFileMakesNoBackup(t *testing.T) {
	ctx := context.Background()
	bureau, cityStore, plan := recvReceived(t)
	bureau.Store = unfiled{cityStore}
	_, backup, err := syncfile.Accept(ctx, bureau, plan.File, nil)
	if err != nil || backup != "" {
		t.Errorf("backup %q, %v", backup, err)
	}
	if p, err := syncfile.Backup(ctx, bureau); err != nil || p != "" {
		t.Errorf("Backup of a store with no file: %q, %v", p, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cityStore.Path()), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backups folder was made: %v", err)
	}
	if recvEnterprises(t, bureau) != 1 {
		t.Error("not imported")
	}
}

func TestAcceptStopsWhenTheBackupFails(t *testing.T) {
	ctx := context.Background()
	bureau, cityStore, plan := recvReceived(t)
	// A file where the backups folder should be.
	if err := os.WriteFile(filepath.Join(filepath.Dir(cityStore.Path()), "backups"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := syncfile.Accept(ctx, bureau, plan.File, nil)
	if err == nil || !strings.Contains(err.Error(), "导入前不能备份数据库") {
		t.Errorf("Accept with no room for the backup: %v", err)
	}
	if _, err := syncfile.Backup(ctx, bureau); err == nil || !strings.Contains(err.Error(), "导入前不能备份数据库") {
		t.Errorf("Backup with no room: %v", err)
	}
	if recvEnterprises(t, bureau) != 0 || len(recvLog(t, bureau)) != 0 {
		t.Error("imported without a backup")
	}
}

func TestBackupBesideTheDatabase(t *testing.T) {
	ctx := context.Background()
	svc, st := recvOffice(t, haigang)
	e := app.Enterprise{Name: "秦皇岛海鹏机械有限公司", CreditCode: datatest.CreditCode(2), Industry: "玻璃"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	first, err := syncfile.Backup(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	second, err := syncfile.Backup(ctx, svc) // the same second: numbered
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(st.Path()), "backups")
	if filepath.Dir(first) != dir || filepath.Dir(second) != dir || first == second {
		t.Fatalf("backups %s and %s, want two in %s", first, second, dir)
	}
	// The backup is the database as it was: restoring it brings the
	// enterprise back after it is deleted.
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Restore(ctx, first); err != nil {
		t.Fatal(err)
	}
	if recvEnterprises(t, svc) != 1 {
		t.Error("the backup does not hold the enterprise")
	}
}

func TestReadFileRefusesAHugeFile(t *testing.T) {
	path := filepath.Join(datatest.TempDir(t), "大.wgy")
	if err := os.WriteFile(path, make([]byte, 2<<20+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := syncfile.ReadFile(path, 2<<20); err == nil || !strings.Contains(err.Error(), path+"：文件超过 2 MB") {
		t.Errorf("a file above the limit: %v", err)
	}
	if b, err := syncfile.ReadFile(path, 4<<20); err != nil || len(b) != 2<<20+1 {
		t.Errorf("a file below the limit: %d bytes, %v", len(b), err)
	}
}
