package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
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
	want := e
	want.UpdatedAt = want.UpdatedAt.UTC()
	if got, err := db.Enterprise(ctx, e.ID); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, %v; want %+v", got, err, want)
	}
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
	// No categories read back as an empty list.
	n := app.Enterprise{CreditCode: creditCode(t, 2), Name: "无类别"}
	if err := svc.SaveEnterprise(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Enterprise(ctx, n.ID); got.Categories == nil || len(got.Categories) != 0 {
		t.Errorf("categories %#v, want an empty list", got.Categories)
	}
}

// A save the store refuses returns why, leaves the struct's identity as it
// was and writes nothing.
func TestSaveRefusals(t *testing.T) {
	cases := []struct {
		name string
		// change makes a save of e (stored at version 1, then updated to
		// version 2 as e2) that the store must refuse with want.
		change func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise
		want   error
	}{
		{"stale version", func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise {
			e1.Name = "旧名字"
			return e1
		}, app.ErrStaleVersion},
		{"version from the future", func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise {
			e2.Version = 7
			return e2
		}, app.ErrStaleVersion},
		{"unknown id", func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise {
			e2.ID, e2.CreditCode = "00000000-0000-4000-8000-000000000000", creditCode(t, 99)
			return e2
		}, app.ErrNotFound},
		{"deleted", func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise {
			if err := svc.Delete(context.Background(), app.TableEnterprises, e2.ID); err != nil {
				t.Fatal(err)
			}
			return e2
		}, app.ErrNotFound},
		{"another office's", func(t *testing.T, svc *app.Service, db *data.DB, e1, e2 *app.Enterprise) *app.Enterprise {
			if err := data.SetOwner(db, app.TableEnterprises, "130303", e2.ID); err != nil {
				t.Fatal(err)
			}
			return e2
		}, app.ErrNotOwner},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, _ := newService(t)
			ctx := context.Background()
			e1 := addEnterprise(t, svc, 1, "秦皇岛玻璃有限公司")
			e2 := e1
			e2.Name = "秦皇岛玻璃集团有限公司"
			if err := svc.SaveEnterprise(ctx, &e2); err != nil || e2.Version != 2 {
				t.Fatalf("update: %v, version %d", err, e2.Version)
			}
			e := c.change(t, svc, db, &e1, &e2)
			before := counts(t, db)
			meta := e.Meta
			if err := svc.SaveEnterprise(ctx, e); !errors.Is(err, c.want) {
				t.Errorf("save: %v, want %v", err, c.want)
			}
			if e.Meta != meta {
				t.Errorf("a refused save changed the meta to %+v", e.Meta)
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("a refused save changed rows: %v → %v", before, after)
			}
		})
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

// Deleting what is not there, or not this office's, is refused and
// changes nothing.
func TestDeleteRefusals(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "山海关企业")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	if err := data.SetOwner(db, app.TableLeaders, "130303", l.ID); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	cases := []struct {
		tbl  app.Table
		id   string
		want error // nil: any error
	}{
		{app.TableLeaders, l.ID, app.ErrNotOwner},
		{app.TableEnterprises, "00000000-0000-4000-8000-000000000000", app.ErrNotFound},
		{app.TableProblems, e.ID, app.ErrNotFound}, // an ID of another table
		{app.TableMeetings, e.ID, app.ErrNotFound},
		{"office", e.ID, nil}, // not a table of records
	}
	for _, c := range cases {
		err := svc.Delete(ctx, c.tbl, c.id)
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("delete %s %s: %v, want %v", c.tbl, c.id, err, c.want)
		}
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused deletes changed rows: %v → %v", before, after)
	}
	// Another office's leader is still there to read.
	if got, err := db.Leader(ctx, l.ID); err != nil || got.Office != "130303" || got.Deleted {
		t.Errorf("another office's leader after a refused delete: %+v, %v", got, err)
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
	other := addEnterprise(t, svc, 2, "山海关船舶重工")
	if err := data.SetOwner(db, app.TableEnterprises, "130303", other.ID); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		code string
		want string
	}{
		{"same office", e.CreditCode, "统一社会信用代码 " + e.CreditCode + " 已登记为“秦皇岛耀华玻璃”，不能重复登记"},
		{"another office", other.CreditCode, "统一社会信用代码 " + other.CreditCode + " 已由山海关区登记为“山海关船舶重工”，不能重复登记"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := counts(t, db)
			dup := app.Enterprise{CreditCode: c.code, Name: "另一家"}
			err := svc.SaveEnterprise(ctx, &dup)
			var inv app.Invalid
			if !errors.As(err, &inv) || app.FieldMsg(err, "CreditCode") != c.want {
				t.Errorf("duplicate: %v (%T), want field message %q", err, err, c.want)
			}
			if dup.ID != "" {
				t.Error("refused enterprise got an ID")
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("refused duplicate changed rows: %v → %v", before, after)
			}
		})
	}
	e.Contact = "刘经理"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Errorf("re-save with its own code: %v", err)
	}
	// Once the holder is deleted the code is free again.
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	dup := app.Enterprise{CreditCode: e.CreditCode, Name: "另一家"}
	if err := svc.SaveEnterprise(ctx, &dup); err != nil {
		t.Errorf("code of a deleted enterprise: %v", err)
	}
}

func TestReferencesChecked(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	gone := addLeader(t, svc, "赵六", app.LevelCounty)
	if err := svc.Delete(ctx, app.TableLeaders, gone.ID); err != nil {
		t.Fatal(err)
	}
	const missing = "00000000-0000-4000-8000-000000000000"
	cases := []struct {
		name  string
		save  func(tx app.Tx) error
		field string
	}{
		{"assignment to a missing leader", func(tx app.Tx) error {
			return tx.SaveAssignment(&app.Assignment{LeaderID: missing, EnterpriseID: e.ID, Liaison: "某人", From: today})
		}, "LeaderID"},
		{"assignment to a deleted leader", func(tx app.Tx) error {
			return tx.SaveAssignment(&app.Assignment{LeaderID: gone.ID, EnterpriseID: e.ID, Liaison: "某人", From: today})
		}, "LeaderID"},
		{"visit of a missing enterprise", func(tx app.Tx) error {
			return tx.SaveVisit(&app.Visit{LeaderID: l.ID, EnterpriseID: missing, Date: today, Mode: "实地"})
		}, "EnterpriseID"},
		{"problem of no enterprise", func(tx app.Tx) error {
			return tx.SaveProblem(&app.Problem{EnterpriseID: "", Registered: today, Status: app.StatusRegistered})
		}, "EnterpriseID"},
		{"event of a missing problem", func(tx app.Tx) error {
			return tx.SaveEvent(&app.Event{ProblemID: e.ID, Kind: app.EventRegistered})
		}, "ProblemID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := counts(t, db)
			err := update(t, db, c.save)
			if app.FieldMsg(err, c.field) == "" {
				t.Errorf("got %v, want a message for %s", err, c.field)
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("refused write changed rows: %v → %v", before, after)
			}
		})
	}
	// Only the reference that is wrong is named.
	a := app.Assignment{LeaderID: missing, EnterpriseID: e.ID, Liaison: "某人", From: today}
	if err := svc.SaveAssignment(ctx, &a); app.FieldMsg(err, "LeaderID") == "" || app.FieldMsg(err, "EnterpriseID") != "" {
		t.Errorf("assignment to a missing leader: %v", err)
	}
}

var errBoom = errors.New("boom")

func TestRollback(t *testing.T) {
	cases := []struct {
		name   string
		cancel bool // the context is cancelled before the Update
		end    func() error
	}{
		{"error", false, func() error { return errBoom }},
		{"panic", false, func() error { panic("crash in the middle of a save") }},
		{"cancelled", true, func() error { return nil }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, _ := newService(t)
			ctx := context.Background()
			e := addEnterprise(t, svc, 1, "企业甲")
			addProblem(t, svc, e, app.Problem{Registered: today}, nil)
			before := counts(t, db)
			uctx := ctx
			if c.cancel {
				cctx, cancel := context.WithCancel(ctx)
				cancel()
				uctx = cctx
			}
			var kept app.Tx
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						err = errors.New("panicked")
					}
				}()
				err = db.Update(uctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
					kept = tx
					e.Name = "改了名"
					if err := tx.SaveEnterprise(&e); err != nil {
						return err
					}
					// The transaction sees its own writes; readers do not.
					if got, _ := tx.Enterprise(ctx, e.ID); got.Name != "改了名" {
						t.Errorf("tx reads %q", got.Name)
					}
					if got, _ := db.Enterprise(ctx, e.ID); got.Name != "企业甲" {
						t.Errorf("the database reads %q during the transaction", got.Name)
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
			if kept != nil {
				if _, err := kept.Office(ctx); err == nil {
					t.Error("a Tx works after its Update")
				}
			}
			// The writer is usable afterwards.
			addLeader(t, svc, "赵六", app.LevelCounty)
		})
	}
}

// Reads do not wait for a write transaction: they see the last commit.
func TestReadsDoNotWaitForUpdate(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	addEnterprise(t, svc, 1, "企业甲")
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
			if err := tx.SaveLeader(&app.Leader{Name: "王五", Post: "区长", Level: app.LevelCity, Body: "政府"}); err != nil {
				return err
			}
			close(inside)
			<-release
			return nil
		})
	}()
	<-inside
	if s, err := db.Stats(ctx, today); err != nil || s.Enterprises != 1 || s.Leaders != 0 {
		t.Errorf("stats during an Update: %+v, %v", s, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s, _ := db.Stats(ctx, today); s.Leaders != 1 {
		t.Errorf("stats after the Update: %+v", s)
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
	// Another office's problems do not count.
	if err := data.SetOwner(db, app.TableProblems, "130303", ps[1].ID); err != nil {
		t.Fatal(err)
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
	// A refused save keeps the struct's number.
	stale := stored
	stale.Version = 1
	stale.Number = "表单上的"
	err = update(t, db, func(tx app.Tx) error { return tx.SaveProblem(&stale) })
	if !errors.Is(err, app.ErrStaleVersion) || stale.Number != "表单上的" {
		t.Errorf("stale save: %v, number %s", err, stale.Number)
	}
	// The timeline is oldest first.
	evs, err := db.Events(ctx, ps[0].ID)
	if err != nil || len(evs) != 1 || evs[0].Kind != app.EventRegistered {
		t.Errorf("events %+v, %v", evs, err)
	}
}
