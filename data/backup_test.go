package data_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

func TestBackupRestore(t *testing.T) {
	svc, db, path := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃")
	p := addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 2), Description: "用地指标不足"}, nil)
	gone := addEnterprise(t, svc, 3, "已删除企业")
	if err := svc.Delete(ctx, app.TableEnterprises, gone.ID); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(filepath.Dir(path), "备份 2026-03-16.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if err := db.Backup(ctx, backup); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("second backup to the same file: %v, want 已存在", err)
	}
	if err := db.Backup(ctx, filepath.Join(filepath.Dir(path), "没有", "x.db")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
	atBackup := counts(t, db)
	changesAtBackup, _ := data.Changes(db)
	snapAtBackup := snapshot(t, db)

	// Change things after the backup.
	e.Name = "秦皇岛耀华光伏"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Act(ctx, p.ID, app.Action{Kind: app.ActOnSpot, Date: today, Text: "当场协调解决"}); err != nil {
		t.Fatal(err)
	}
	addEnterprise(t, svc, 2, "后加的企业")
	st := app.DefaultSettings()
	st.DueSoonDays = 14
	if err := svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}

	if err := db.Restore(ctx, backup); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if got := counts(t, db); !maps.Equal(got, atBackup) {
		t.Errorf("rows after restore %v, want %v", got, atBackup)
	}
	if got := snapshot(t, db); !reflect.DeepEqual(got, snapAtBackup) {
		t.Errorf("restored\n%+v\nwant\n%+v", got, snapAtBackup)
	}
	// The deleted enterprise came back as a tombstone.
	if _, err := db.Enterprise(ctx, gone.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("tombstone after restore: %v", err)
	}
	es, _ := db.Enterprises(ctx, app.EnterpriseFilter{})
	if len(es) != 1 || es[0].Name != "秦皇岛耀华玻璃" || es[0].Version != 1 {
		t.Errorf("enterprises after restore %+v", es)
	}
	got, err := db.Problem(ctx, p.ID)
	if err != nil || got.Status != app.StatusRegistered || got.Version != 1 {
		t.Errorf("problem after restore %+v, %v", got, err)
	}
	if s, _ := db.Settings(ctx); !reflect.DeepEqual(s, ownFund) {
		t.Errorf("settings after restore %+v", s)
	}
	if ch, _ := data.Changes(db); len(ch) != len(changesAtBackup) {
		t.Errorf("%d changes after restore, want %d", len(ch), len(changesAtBackup))
	}
	// The search index is rebuilt from the restored rows.
	if ps, _ := db.Problems(ctx, app.ProblemFilter{Query: "耀华玻璃"}); len(ps) != 1 {
		t.Errorf("search by the restored name finds %d", len(ps))
	}
	if ps, _ := db.Problems(ctx, app.ProblemFilter{Query: "耀华光伏"}); len(ps) != 0 {
		t.Errorf("search by the undone name finds %d", len(ps))
	}
	// Writing goes on from the restored state.
	p2 := addProblem(t, svc, e, app.Problem{Registered: today}, nil)
	if p2.Number != "海港-2026-0002" {
		t.Errorf("number after restore %s", p2.Number)
	}
	// The restored database survives a reopen.
	db.Close()
	db2, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if ps, err := db2.Problems(ctx, app.ProblemFilter{}); err != nil || len(ps) != 2 {
		t.Errorf("after reopen %d problems, %v", len(ps), err)
	}

	// A new database, not set up, restores the backup too, and numbers on.
	fresh, _ := openDB(t)
	if err := fresh.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, fresh); !reflect.DeepEqual(got, snapAtBackup) {
		t.Errorf("restored into a new database\n%+v\nwant\n%+v", got, snapAtBackup)
	}
	fsvc := &app.Service{Store: fresh, Now: func() time.Time { return now }, Operator: "张三"}
	if p3 := addProblem(t, fsvc, e, app.Problem{Registered: today}, nil); p3.Number != "海港-2026-0002" {
		t.Errorf("number after a restore into a new database %s", p3.Number)
	}
}

// snapshot is what the office, settings, enterprises, problems and their
// timelines, the counts and the change log of db read.
func snapshot(t *testing.T, db *data.DB) []any {
	t.Helper()
	ctx := context.Background()
	o, err1 := db.Office(ctx)
	s, err2 := db.Settings(ctx)
	es, err3 := db.Enterprises(ctx, app.EnterpriseFilter{})
	ps, err4 := db.Problems(ctx, app.ProblemFilter{})
	ch, err5 := data.Changes(db)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	var evs []app.Event
	for _, p := range ps {
		ev, err := db.Events(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev...)
	}
	return []any{o, s, es, ps, evs, stats(t, db), ch}
}

func TestRestoreRefused(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()

	// A backup of another office.
	other, err := data.Open(filepath.Join(dir, "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	osvc := &app.Service{Store: other, Now: func() time.Time { return now }, Operator: "李四"}
	if err := osvc.SetUp(ctx, app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty}); err != nil {
		t.Fatal(err)
	}
	addEnterprise(t, osvc, 5, "山海关企业")
	otherBackup := filepath.Join(dir, "other-backup.db")
	if err := other.Backup(ctx, otherBackup); err != nil {
		t.Fatal(err)
	}
	other.Close()

	// A backup of a newer version.
	newer := filepath.Join(dir, "newer.db")
	{
		svc, db, _ := newService(t)
		addEnterprise(t, svc, 9, "新版企业")
		if err := db.Backup(ctx, newer); err != nil {
			t.Fatal(err)
		}
		rawExec(t, newer, "PRAGMA user_version = 42")
	}

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("会议纪要\n", 500)), 0o644)
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)

	cases := []struct {
		name, path, msg string
	}{
		{"another office", otherBackup, "这是山海关区（130303）的备份，不是本单位海港区（130302）的"},
		{"newer version", newer, "更新版本"},
		{"text file", text, "不是五个一工作台的备份文件"},
		{"empty file", empty, "没有单位信息"},
		{"missing file", filepath.Join(dir, "nope.db"), "找不到备份文件"},
	}
	svc, db, _ := newService(t)
	e := addEnterprise(t, svc, 1, "本单位企业")
	addProblem(t, svc, e, app.Problem{Registered: today}, nil)
	before := counts(t, db)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sum [32]byte
			if _, err := os.Stat(c.path); err == nil {
				sum = sha(t, c.path)
			}
			err := db.Restore(ctx, c.path)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("Restore: %v, want a message with %q", err, c.msg)
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("refused restore changed rows: %v → %v", before, after)
			}
			if _, err := os.Stat(c.path); err == nil && sha(t, c.path) != sum {
				t.Error("the backup file was modified")
			}
		})
	}
	es, _ := db.Enterprises(ctx, app.EnterpriseFilter{})
	if names := ids(es, func(e app.Enterprise) string { return e.Name }); !slices.Equal(names, []string{"本单位企业"}) {
		t.Errorf("enterprises after refused restores: %v", names)
	}
	// No temporary copies are left beside the database.
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(db.Path()), ".wugeyi-restore-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
