package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

func TestSaveInsertUpdateVersions(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛玻璃有限公司")
	if e.ID == "" || e.Office != myOffice || e.Version != 1 || e.UpdatedBy != "张三" || !e.UpdatedAt.Equal(now) {
		t.Fatalf("inserted meta = %+v", e.Meta)
	}
	stale := e
	e.Name = "秦皇岛玻璃集团有限公司"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("update: %v", err)
	}
	if e.Version != 2 {
		t.Errorf("version after update = %d, want 2", e.Version)
	}
	got, err := db.Enterprise(ctx, e.ID)
	if err != nil || got.Name != "秦皇岛玻璃集团有限公司" || got.Version != 2 || !got.UpdatedAt.Equal(now) {
		t.Errorf("read back %+v, %v", got, err)
	}
	stale.Name = "旧名字"
	err = svc.SaveEnterprise(ctx, &stale)
	if !errors.Is(err, app.ErrStaleVersion) {
		t.Errorf("stale save: %v, want ErrStaleVersion", err)
	}
	if stale.Version != 1 {
		t.Errorf("a refused save changed the struct's version to %d", stale.Version)
	}
	missing := e
	missing.ID = "00000000-0000-4000-8000-000000000000"
	missing.CreditCode = creditCode(t, 99)
	if err := svc.SaveEnterprise(ctx, &missing); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("save of a missing id: %v, want ErrNotFound", err)
	}
}

func TestNotOwner(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "山海关企业")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	if err := data.SetOwner(db, app.TableEnterprises, "130303", e.ID); err != nil {
		t.Fatal(err)
	}
	if err := data.SetOwner(db, app.TableLeaders, "130303", l.ID); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	e.Name = "改名"
	if err := svc.SaveEnterprise(ctx, &e); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's enterprise: %v, want ErrNotOwner", err)
	}
	if err := svc.Delete(ctx, app.TableLeaders, l.ID); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("delete another office's leader: %v, want ErrNotOwner", err)
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused writes changed rows: %v → %v", before, after)
	}
}

func TestChangeLog(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	e.Phone = "0335-1234567"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	l := addLeader(t, svc, "李四", app.LevelCity)
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	ch, err := data.Changes(db)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		tbl, id, op string
		version     int64
	}{
		{"enterprises", e.ID, "insert", 1},
		{"enterprises", e.ID, "update", 2},
		{"leaders", l.ID, "insert", 1},
		{"enterprises", e.ID, "delete", 3},
	}
	if len(ch) != len(want) {
		t.Fatalf("%d change rows, want %d: %+v", len(ch), len(want), ch)
	}
	for i, w := range want {
		c := ch[i]
		if c.Office != myOffice || c.Seq != int64(i+1) || c.Tbl != w.tbl || c.RecordID != w.id || c.Op != w.op || c.Version != w.version || c.By != "张三" {
			t.Errorf("change %d = %+v, want %+v seq %d", i, c, w, i+1)
		}
		at, err := time.Parse(time.RFC3339Nano, c.At)
		if err != nil || !at.Equal(now) {
			t.Errorf("change %d at %q", i, c.At)
		}
	}
	var rec app.Enterprise
	if err := json.Unmarshal([]byte(ch[1].Data), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != e.ID || rec.Version != 2 || rec.Phone != "0335-1234567" || rec.Deleted {
		t.Errorf("update data = %+v", rec)
	}
	if err := json.Unmarshal([]byte(ch[3].Data), &rec); err != nil {
		t.Fatal(err)
	}
	if !rec.Deleted || rec.Version != 3 {
		t.Errorf("delete data = %+v, want deleted version 3", rec)
	}
}

func TestDeleteTombstone(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	keep := addEnterprise(t, svc, 2, "企业乙")
	p := addProblem(t, svc, e, app.Problem{Registered: today, Description: "厂房审批缓慢"}, nil)
	if err := svc.Delete(ctx, app.TableProblems, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enterprise(ctx, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("read deleted enterprise: %v, want ErrNotFound", err)
	}
	if _, err := db.Problem(ctx, p.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("read deleted problem: %v, want ErrNotFound", err)
	}
	list, err := db.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil || len(list) != 1 || list[0].ID != keep.ID {
		t.Errorf("Enterprises after delete = %v, %v; want only 企业乙", list, err)
	}
	ps, err := db.Problems(ctx, app.ProblemFilter{Query: "厂房审批缓慢"})
	if err != nil || len(ps) != 0 {
		t.Errorf("search finds deleted problem: %v, %v", ps, err)
	}
	evs, err := db.Events(ctx, p.ID)
	if err != nil || len(evs) != 0 {
		t.Errorf("events of a deleted problem: %v, %v", evs, err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("delete twice: %v, want ErrNotFound", err)
	}
	// Rows stay, as tombstones.
	if n, _ := data.CountRows(db, "enterprises"); n != 2 {
		t.Errorf("%d enterprise rows, want 2 (one a tombstone)", n)
	}
	ch, _ := data.Changes(db)
	ops := map[string]int{}
	for _, c := range ch {
		ops[c.Tbl+" "+c.Op]++
	}
	if ops["enterprises delete"] != 1 || ops["problems delete"] != 1 || ops["problem_events delete"] != 1 {
		t.Errorf("delete changes = %v", ops)
	}
}

func TestDuplicateCreditCode(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃")
	before := counts(t, db)
	dup := app.Enterprise{CreditCode: e.CreditCode, Name: "另一家"}
	err := svc.SaveEnterprise(ctx, &dup)
	msg := app.FieldMsg(err, "CreditCode")
	if !strings.Contains(msg, e.CreditCode) || !strings.Contains(msg, "“秦皇岛耀华玻璃”") || !strings.Contains(msg, "不能重复登记") {
		t.Fatalf("duplicate: %v (field msg %q)", err, msg)
	}
	if dup.ID != "" {
		t.Error("refused enterprise got an ID")
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused duplicate changed rows: %v → %v", before, after)
	}
	e.Contact = "刘经理"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Errorf("re-save with its own code: %v", err)
	}
	// Once the holder is deleted the code is free again.
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.SaveEnterprise(ctx, &dup); err != nil {
		t.Errorf("code of a deleted enterprise: %v", err)
	}
}

func TestReferencesChecked(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	before := counts(t, db)
	a := app.Assignment{LeaderID: "no-such-leader", EnterpriseID: e.ID, Liaison: "某人", From: today}
	err := svc.SaveAssignment(ctx, &a)
	if app.FieldMsg(err, "LeaderID") == "" || app.FieldMsg(err, "EnterpriseID") != "" {
		t.Errorf("assignment to a missing leader: %v", err)
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused write changed rows: %v → %v", before, after)
	}
}

var errBoom = errors.New("boom")

func TestRollback(t *testing.T) {
	cases := []struct {
		name string
		end  func() error
	}{
		{"error", func() error { return errBoom }},
		{"panic", func() error { panic("crash in the middle of a save") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, _ := newService(t)
			ctx := context.Background()
			e := addEnterprise(t, svc, 1, "企业甲")
			addProblem(t, svc, e, app.Problem{Registered: today}, nil)
			before := counts(t, db)
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						err = errors.New("panicked")
					}
				}()
				err = db.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
					e.Name = "改了名"
					if err := tx.SaveEnterprise(&e); err != nil {
						return err
					}
					l := app.Leader{Name: "新领导", Post: "区长", Level: app.LevelCounty, Body: "政府"}
					if err := tx.SaveLeader(&l); err != nil {
						return err
					}
					p := app.Problem{EnterpriseID: e.ID, Registered: today, Status: app.StatusRegistered, Description: "新问题"}
					if err := tx.SaveProblem(&p); err != nil {
						return err
					}
					return c.end()
				})
			}()
			if err == nil {
				t.Fatal("Update succeeded")
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("rows changed: %v → %v", before, after)
			}
			got, gerr := db.Enterprise(ctx, e.ID)
			if gerr != nil || got.Name != "企业甲" || got.Version != 1 {
				t.Errorf("enterprise after rollback = %+v, %v", got, gerr)
			}
			// The writer is usable afterwards.
			addLeader(t, svc, "赵六", app.LevelCounty)
		})
	}
}

func TestProblemNumbers(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	reg := []app.Date{app.D(2026, 1, 5), app.D(2026, 2, 1), app.D(2025, 12, 30), app.D(2026, 3, 1)}
	var got []string
	var ps []app.Problem
	for _, d := range reg {
		p := addProblem(t, svc, e, app.Problem{Registered: d}, nil)
		ps = append(ps, p)
		got = append(got, p.Number)
	}
	want := []string{"海港-2026-0001", "海港-2026-0002", "海港-2025-0001", "海港-2026-0003"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("numbers %v, want %v", got, want)
	}
	// Deleting the last does not free its number.
	if err := svc.Delete(ctx, app.TableProblems, ps[3].ID); err != nil {
		t.Fatal(err)
	}
	p := addProblem(t, svc, e, app.Problem{Registered: today}, nil)
	if p.Number != "海港-2026-0004" {
		t.Errorf("number after delete = %s, want 海港-2026-0004", p.Number)
	}
	// An edit keeps the number even if the struct says otherwise.
	p.Number = "篡改"
	p.Request = "尽快"
	if err := svc.EditProblem(ctx, &p); err != nil {
		t.Fatal(err)
	}
	stored, err := db.Problem(ctx, p.ID)
	if err != nil || stored.Number != "海港-2026-0004" || stored.Request != "尽快" {
		t.Errorf("after edit %+v, %v", stored, err)
	}
}
