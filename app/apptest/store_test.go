package apptest_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/apptest"
	"wugeyi/data"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

// now is the fixed clock of the tests: Monday 16 March 2026, 10:00 in Beijing.
var now = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

var today = app.D(2026, 3, 16)

const myOffice = "130302" // 海港区

var haigang = app.Office{Code: myOffice, Name: "海港区", Role: app.RoleCounty}

var ctx = context.Background()

// newService returns a service over a new store set up for 海港区.
func newService(t *testing.T) (*app.Service, *apptest.Store) {
	t.Helper()
	st := apptest.New()
	svc := &app.Service{Store: st, Now: func() time.Time { return now }, Operator: "张三"}
	if err := svc.SetUp(ctx, haigang); err != nil {
		t.Fatalf("SetUp: %v", err)
	}
	return svc, st
}

// creditCode makes a valid unified social credit code numbered n.
func creditCode(t testing.TB, n int) string {
	t.Helper()
	body := fmt.Sprintf("91130302MA%07d", n)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatalf("credit code %d: %v", n, err)
	}
	return body + string(c)
}

func addEnterprise(t *testing.T, svc *app.Service, n int, name string) app.Enterprise {
	t.Helper()
	e := app.Enterprise{CreditCode: creditCode(t, n), Name: name, Industry: "装备制造", Categories: []string{"规模以上", "专精特新"}}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("SaveEnterprise %s: %v", name, err)
	}
	return e
}

func addLeader(t *testing.T, svc *app.Service, name string, level app.Level) app.Leader {
	t.Helper()
	l := app.Leader{Name: name, Post: "副区长", Level: level, Body: "政府"}
	if err := svc.SaveLeader(ctx, &l); err != nil {
		t.Fatalf("SaveLeader %s: %v", name, err)
	}
	return l
}

func addAssignment(t *testing.T, svc *app.Service, l app.Leader, e app.Enterprise, from, to app.Date) app.Assignment {
	t.Helper()
	a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "李联络", LeadDept: "区工信局", From: from, To: to}
	if err := svc.SaveAssignment(ctx, &a); err != nil {
		t.Fatalf("SaveAssignment: %v", err)
	}
	return a
}

func addVisit(t *testing.T, svc *app.Service, l app.Leader, e app.Enterprise, d app.Date) app.Visit {
	t.Helper()
	v := app.Visit{Date: d, LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "生产经营正常"}
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatalf("SaveVisit: %v", err)
	}
	return v
}

// addProblem registers a problem with an optional first action.
func addProblem(t *testing.T, svc *app.Service, e app.Enterprise, p app.Problem, first *app.Action) app.Problem {
	t.Helper()
	p.EnterpriseID = e.ID
	if p.Source == "" {
		p.Source = "企业反映"
	}
	if p.Category == "" {
		p.Category = "用地"
	}
	if p.Description == "" {
		p.Description = "项目用地指标不足"
	}
	np := app.NewProblem{Problem: p, First: first}
	if err := svc.RegisterProblem(ctx, &np); err != nil {
		t.Fatalf("RegisterProblem: %v", err)
	}
	return np.Problem
}

// assign is a 交办 action on day d with deadline dl.
func assign(d, dl app.Date, dept string) *app.Action {
	return &app.Action{Kind: app.ActAssign, Date: d, LeadDept: dept, Person: "王科长", Deadline: dl}
}

func ids[T any](list []T, key func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = key(x)
	}
	return out
}

func numbers(ps []app.Problem) []string {
	return ids(ps, func(p app.Problem) string { return p.Number })
}

// stats is the store's Stats on today.
func stats(t *testing.T, st app.Store) app.Stats {
	t.Helper()
	s, err := st.Stats(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNotSetUp(t *testing.T) {
	st := apptest.New()
	if _, err := st.Office(ctx); !errors.Is(err, app.ErrNotSetUp) {
		t.Errorf("Office: %v, want ErrNotSetUp", err)
	}
	if s, err := st.Settings(ctx); err != nil || !reflect.DeepEqual(s, app.DefaultSettings()) {
		t.Errorf("Settings: %+v, %v; want the defaults", s, err)
	}
	err := st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		return tx.SaveLeader(&app.Leader{Name: "王五"})
	})
	if !errors.Is(err, app.ErrNotSetUp) || len(st.Ops()) != 0 {
		t.Errorf("save before SetUp: %v, ops %v", err, st.Ops())
	}

	st, err = apptest.NewSetUp(haigang)
	if err != nil {
		t.Fatal(err)
	}
	if o, err := st.Office(ctx); err != nil || o != haigang || len(st.Ops()) != 0 {
		t.Errorf("NewSetUp: office %+v, %v, ops %v", o, err, st.Ops())
	}
	if _, err := apptest.NewSetUp(app.Office{Code: "12", Name: "x", Role: app.RoleCounty}); app.FieldMsg(err, "Code") == "" {
		t.Errorf("NewSetUp of a bad code: %v", err)
	}
	// SetUp for another office is refused, the same one renames.
	svc := &app.Service{Store: st, Now: func() time.Time { return now }, Operator: "张三"}
	if err := svc.SetUp(ctx, app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty}); err == nil ||
		!strings.Contains(err.Error(), "数据库已属于 海港区（130302）") {
		t.Errorf("SetUp for another office: %v", err)
	}
	if err := svc.SetUp(ctx, app.Office{Code: myOffice, Name: "海港区（新）", Role: app.RoleCounty}); err != nil {
		t.Errorf("SetUp again: %v", err)
	}
	if o, _ := st.Office(ctx); o.Name != "海港区（新）" {
		t.Errorf("office after a second SetUp: %+v", o)
	}
}

func TestSaveMeta(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛玻璃有限公司")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	want := app.Meta{ID: "id-1", Office: myOffice, Version: 1, UpdatedAt: now.UTC(), UpdatedBy: "张三"}
	if e.Meta != want {
		t.Errorf("inserted meta = %+v, want %+v", e.Meta, want)
	}
	if l.ID != "id-2" {
		t.Errorf("second ID %q, want id-2", l.ID)
	}
	got, err := st.Enterprise(ctx, e.ID)
	if err != nil || !reflect.DeepEqual(got, e) {
		t.Errorf("read back %+v, %v; want %+v", got, err, e)
	}
	// What the store hands out is a copy.
	got.Categories[0] = "改了"
	if again, _ := st.Enterprise(ctx, e.ID); again.Categories[0] != "规模以上" {
		t.Error("a read shares its categories with the store")
	}
	e.Categories[0] = "改了"
	if again, _ := st.Enterprise(ctx, e.ID); again.Categories[0] != "规模以上" {
		t.Error("the store shares its categories with the saved struct")
	}
	// No categories read back as an empty list, as data reads them.
	n := app.Enterprise{CreditCode: creditCode(t, 2), Name: "无类别"}
	if err := svc.SaveEnterprise(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Enterprise(ctx, n.ID); got.Categories == nil || len(got.Categories) != 0 {
		t.Errorf("categories %#v, want an empty list", got.Categories)
	}
}

func TestSaveRefusals(t *testing.T) {
	cases := []struct {
		name string
		// change makes a save of e (stored at version 1, then updated to
		// version 2 as e2) that the store must refuse with want.
		change func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise
		want   error
	}{
		{"stale version", func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise {
			e1.Name = "旧名字"
			return e1
		}, app.ErrStaleVersion},
		{"version from the future", func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise {
			e2.Version = 7
			return e2
		}, app.ErrStaleVersion},
		{"unknown id", func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise {
			e2.ID, e2.CreditCode = "id-999", creditCode(t, 99)
			return e2
		}, app.ErrNotFound},
		{"deleted", func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise {
			err := st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error { return tx.Delete(app.TableEnterprises, e2.ID) })
			if err != nil {
				t.Fatal(err)
			}
			return e2
		}, app.ErrNotFound},
		{"another office's", func(t *testing.T, st *apptest.Store, e1, e2 *app.Enterprise) *app.Enterprise {
			if err := st.SetOwner(app.TableEnterprises, "130303", e2.ID); err != nil {
				t.Fatal(err)
			}
			return e2
		}, app.ErrNotOwner},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, st := newService(t)
			e1 := addEnterprise(t, svc, 1, "秦皇岛玻璃有限公司")
			e2 := e1
			e2.Name = "秦皇岛玻璃集团有限公司"
			if err := svc.SaveEnterprise(ctx, &e2); err != nil || e2.Version != 2 {
				t.Fatalf("update: %v, version %d", err, e2.Version)
			}
			e := c.change(t, st, &e1, &e2)
			before, beforeOps, beforeChanges := stats(t, st), len(st.Ops()), len(st.ChangeLog())
			meta := e.Meta
			if err := svc.SaveEnterprise(ctx, e); !errors.Is(err, c.want) {
				t.Errorf("save: %v, want %v", err, c.want)
			}
			if e.Meta != meta {
				t.Errorf("a refused save changed the meta to %+v", e.Meta)
			}
			if stats(t, st) != before || len(st.Ops()) != beforeOps || len(st.ChangeLog()) != beforeChanges {
				t.Error("a refused save changed the store")
			}
		})
	}
}

func TestDeleteRefusals(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "山海关企业")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	if err := st.SetOwner(app.TableLeaders, "130303", l.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOwner(app.TableLeaders, "130303", "id-404"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("SetOwner of a missing id: %v", err)
	}
	cases := []struct {
		tbl  app.Table
		id   string
		want error
	}{
		{app.TableLeaders, l.ID, app.ErrNotOwner},
		{app.TableEnterprises, "id-404", app.ErrNotFound},
		{app.TableProblems, e.ID, app.ErrNotFound}, // an ID of another table
		{"meetings", e.ID, nil},                    // unknown table: some error
	}
	for _, c := range cases {
		err := svc.Delete(ctx, c.tbl, c.id)
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("delete %s %s: %v, want %v", c.tbl, c.id, err, c.want)
		}
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("delete twice: %v, want ErrNotFound", err)
	}
	if _, err := st.Enterprise(ctx, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("read a deleted enterprise: %v", err)
	}
	if got, _ := st.Leader(ctx, l.ID); got.Office != "130303" {
		t.Errorf("another office's leader is readable: %+v", got)
	}
}

func TestChangeLogAndOps(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "企业甲")
	e.Phone = "0335-1234567"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	l := addLeader(t, svc, "李四", app.LevelCity)
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	ops := st.Ops()
	if len(ops) != 5 { // SetUp and four saves
		t.Fatalf("%d ops, want 5: %+v", len(ops), ops)
	}
	for _, op := range ops {
		if op.Operator != "张三" || !op.At.Equal(now) {
			t.Errorf("op %+v", op)
		}
	}
	want := []apptest.Change{
		{Table: app.TableEnterprises, RecordID: e.ID, Op: "insert", Version: 1},
		{Table: app.TableEnterprises, RecordID: e.ID, Op: "update", Version: 2},
		{Table: app.TableLeaders, RecordID: l.ID, Op: "insert", Version: 1},
		{Table: app.TableEnterprises, RecordID: e.ID, Op: "delete", Version: 3},
	}
	ch := st.ChangeLog()
	if len(ch) != len(want) {
		t.Fatalf("%d changes, want %d: %+v", len(ch), len(want), ch)
	}
	for i, w := range want {
		w.Office, w.Seq, w.At, w.By, w.Data = myOffice, int64(i+1), now.UTC(), "张三", ch[i].Data
		if ch[i] != w {
			t.Errorf("change %d = %+v, want %+v", i, ch[i], w)
		}
	}
	if !strings.Contains(ch[1].Data, `"phone":"0335-1234567"`) || !strings.Contains(ch[3].Data, `"deleted":true`) {
		t.Errorf("change data %s / %s", ch[1].Data, ch[3].Data)
	}
}

func TestDuplicateCreditCode(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃")
	other := addEnterprise(t, svc, 2, "山海关船舶重工")
	if err := st.SetOwner(app.TableEnterprises, "130303", other.ID); err != nil {
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
			before := stats(t, st)
			dup := app.Enterprise{CreditCode: c.code, Name: "另一家"}
			err := svc.SaveEnterprise(ctx, &dup)
			var inv app.Invalid
			if !errors.As(err, &inv) || app.FieldMsg(err, "CreditCode") != c.want {
				t.Errorf("duplicate: %v (%T), want field message %q", err, err, c.want)
			}
			if dup.ID != "" || stats(t, st) != before {
				t.Error("a refused duplicate was saved")
			}
		})
	}
	e.Contact = "刘经理"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Errorf("re-save with its own code: %v", err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	dup := app.Enterprise{CreditCode: e.CreditCode, Name: "另一家"}
	if err := svc.SaveEnterprise(ctx, &dup); err != nil {
		t.Errorf("code of a deleted enterprise: %v", err)
	}
}

func TestReferencesChecked(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "企业甲")
	l := addLeader(t, svc, "王五", app.LevelCounty)
	gone := addLeader(t, svc, "赵六", app.LevelCounty)
	if err := svc.Delete(ctx, app.TableLeaders, gone.ID); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		save  func(tx app.Tx) error
		field string
	}{
		{"assignment to a missing leader", func(tx app.Tx) error {
			return tx.SaveAssignment(&app.Assignment{LeaderID: "id-404", EnterpriseID: e.ID, Liaison: "某人", From: today})
		}, "LeaderID"},
		{"assignment to a deleted leader", func(tx app.Tx) error {
			return tx.SaveAssignment(&app.Assignment{LeaderID: gone.ID, EnterpriseID: e.ID, Liaison: "某人", From: today})
		}, "LeaderID"},
		{"visit of a missing enterprise", func(tx app.Tx) error {
			return tx.SaveVisit(&app.Visit{LeaderID: l.ID, EnterpriseID: "id-404", Date: today, Mode: "实地"})
		}, "EnterpriseID"},
		{"problem of a missing enterprise", func(tx app.Tx) error {
			return tx.SaveProblem(&app.Problem{EnterpriseID: "", Registered: today, Status: app.StatusRegistered})
		}, "EnterpriseID"},
		{"event of a missing problem", func(tx app.Tx) error {
			return tx.SaveEvent(&app.Event{ProblemID: e.ID, Kind: app.EventRegistered})
		}, "ProblemID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := stats(t, st)
			err := st.Update(ctx, app.Op{Operator: "张三", At: now}, c.save)
			if app.FieldMsg(err, c.field) == "" {
				t.Errorf("got %v, want a message for %s", err, c.field)
			}
			if stats(t, st) != before {
				t.Error("a refused save changed the store")
			}
		})
	}
}

var errBoom = errors.New("boom")

func TestRollback(t *testing.T) {
	cases := []struct {
		name string
		ctx  func() context.Context
		arm  func(st *apptest.Store)
		end  func() error
	}{
		{"error", nil, nil, func() error { return errBoom }},
		{"panic", nil, nil, func() error { panic("crash in the middle of a save") }},
		{"commit fails", nil, func(st *apptest.Store) { st.FailNextUpdate(errBoom) }, func() error { return nil }},
		{"cancelled", func() context.Context {
			c, cancel := context.WithCancel(ctx)
			cancel()
			return c
		}, nil, func() error { return nil }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, st := newService(t)
			e := addEnterprise(t, svc, 1, "企业甲")
			addProblem(t, svc, e, app.Problem{Registered: today}, nil)
			before, ops, changes := stats(t, st), st.Ops(), st.ChangeLog()
			if c.arm != nil {
				c.arm(st)
			}
			uctx := ctx
			if c.ctx != nil {
				uctx = c.ctx()
			}
			var kept app.Tx
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						err = errors.New("panicked")
					}
				}()
				err = st.Update(uctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
					kept = tx
					e.Name = "改了名"
					if err := tx.SaveEnterprise(&e); err != nil {
						return err
					}
					// The transaction sees its own writes; the store does not.
					if got, _ := tx.Enterprise(ctx, e.ID); got.Name != "改了名" {
						t.Errorf("tx reads %q", got.Name)
					}
					if got, _ := st.Enterprise(ctx, e.ID); got.Name != "企业甲" {
						t.Errorf("store reads %q during the transaction", got.Name)
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
			if c.arm != nil && !errors.Is(err, errBoom) {
				t.Errorf("failed commit: %v, want it to wrap errBoom", err)
			}
			if stats(t, st) != before || !slices.Equal(st.Ops(), ops) || !slices.Equal(st.ChangeLog(), changes) {
				t.Errorf("rolled-back Update changed the store: %+v → %+v, ops %d → %d", before, stats(t, st), len(ops), len(st.Ops()))
			}
			if got, err := st.Enterprise(ctx, e.ID); err != nil || got.Name != "企业甲" || got.Version != 1 {
				t.Errorf("enterprise after rollback = %+v, %v", got, err)
			}
			if kept != nil {
				if _, err := kept.Office(ctx); err == nil {
					t.Error("a Tx works after its Update")
				}
			}
			// The store is usable afterwards, and IDs are not reused.
			l := addLeader(t, svc, "赵六", app.LevelCounty)
			if kept != nil && (l.ID == "id-4" || l.ID == "id-5") {
				t.Errorf("ID %s of a rolled-back record given again", l.ID)
			}
		})
	}
}

func TestFailNextUpdateWaitsForACommit(t *testing.T) {
	svc, st := newService(t)
	st.FailNextUpdate(errBoom)
	bad := app.Enterprise{CreditCode: "x", Name: "坏"}
	if err := svc.SaveEnterprise(ctx, &bad); err == nil || errors.Is(err, errBoom) {
		t.Fatalf("refused form: %v", err) // refused by Validate: no Update at all
	}
	if err := st.Update(ctx, app.Op{}, func(app.Tx) error { return errBoom }); !errors.Is(err, errBoom) {
		t.Fatal(err)
	}
	e := app.Enterprise{CreditCode: creditCode(t, 1), Name: "企业甲"}
	if err := svc.SaveEnterprise(ctx, &e); !errors.Is(err, errBoom) {
		t.Errorf("save: %v, want the armed failure", err)
	}
	if list, _ := st.Enterprises(ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Errorf("failed commit kept %v", list)
	}
	e = app.Enterprise{CreditCode: creditCode(t, 1), Name: "企业甲"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Errorf("save after the failure: %v", err)
	}
	st.FailNextUpdate(errBoom)
	st.FailNextUpdate(nil)
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Errorf("save after a cancelled failure: %v", err)
	}
}

func TestReadsDoNotWaitForUpdate(t *testing.T) {
	svc, st := newService(t)
	addEnterprise(t, svc, 1, "企业甲")
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
			close(inside)
			<-release
			return tx.SaveLeader(&app.Leader{Name: "王五", Level: app.LevelCity})
		})
	}()
	<-inside
	if s := stats(t, st); s.Enterprises != 1 || s.Leaders != 0 {
		t.Errorf("stats during an Update: %+v", s)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s := stats(t, st); s.Leaders != 1 {
		t.Errorf("stats after the Update: %+v", s)
	}
}

func TestProblemNumbers(t *testing.T) {
	svc, st := newService(t)
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
	if !slices.Equal(got, want) {
		t.Errorf("numbers %v, want %v", got, want)
	}
	// Another office's problems do not count.
	if err := st.SetOwner(app.TableProblems, "130303", ps[1].ID); err != nil {
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
	stored, err := st.Problem(ctx, p.ID)
	if err != nil || stored.Number != "海港-2026-0004" || stored.Request != "尽快" {
		t.Errorf("after edit %+v, %v", stored, err)
	}
	// A refused save keeps the struct's number.
	stale := stored
	stale.Version = 1
	stale.Number = "表单上的"
	err = st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error { return tx.SaveProblem(&stale) })
	if !errors.Is(err, app.ErrStaleVersion) || stale.Number != "表单上的" {
		t.Errorf("stale save: %v, number %s", err, stale.Number)
	}
	// The timeline is oldest first.
	evs, err := st.Events(ctx, ps[0].ID)
	if err != nil || len(evs) != 1 || evs[0].Kind != app.EventRegistered {
		t.Errorf("events %+v, %v", evs, err)
	}
}

func TestListsOrderAndJoins(t *testing.T) {
	svc, st := newService(t)
	eb := addEnterprise(t, svc, 1, "B公司")
	ea := addEnterprise(t, svc, 2, "A公司")
	ec := addEnterprise(t, svc, 3, "秦皇岛abc科技")
	lc := addLeader(t, svc, "乙", app.LevelCounty)
	lm := addLeader(t, svc, "甲", app.LevelCity)
	lx := app.Leader{Name: "丙", Post: "人大主任", Level: app.LevelCounty, Body: "人大"}
	if err := svc.SaveLeader(ctx, &lx); err != nil {
		t.Fatal(err)
	}
	a1 := addAssignment(t, svc, lc, eb, app.D(2025, 1, 1), app.Date{})
	a2 := addAssignment(t, svc, lm, ea, app.D(2025, 1, 1), app.D(2025, 12, 31))
	a3 := addAssignment(t, svc, lc, ea, app.D(2026, 3, 16), app.D(2026, 3, 16))
	v1 := addVisit(t, svc, lc, eb, app.D(2026, 1, 2))
	v2 := addVisit(t, svc, lm, ea, app.D(2026, 3, 2))
	v3 := app.Visit{Date: app.D(2026, 3, 2), LeaderID: lc.ID, EnterpriseID: ec.ID, Mode: "电话", Companions: "刘秘书", Findings: "PLC改造缺资金"}
	later := &app.Service{Store: st, Now: func() time.Time { return now.Add(time.Second) }, Operator: "张三"}
	if err := later.SaveVisit(ctx, &v3, nil); err != nil {
		t.Fatal(err)
	}
	// Renaming an enterprise renames it in every list.
	ea.Name = "A集团"
	if err := svc.SaveEnterprise(ctx, &ea); err != nil {
		t.Fatal(err)
	}
	name := func(e app.Enterprise) string { return e.Name }
	aid := func(a app.Assignment) string { return a.ID }
	vid := func(v app.Visit) string { return v.ID }
	cases := []struct {
		name string
		got  func() ([]string, error)
		want []string
	}{
		{"enterprises by name", func() ([]string, error) {
			l, err := st.Enterprises(ctx, app.EnterpriseFilter{})
			return ids(l, name), err
		}, []string{"A集团", "B公司", "秦皇岛abc科技"}},
		{"enterprises limit", func() ([]string, error) {
			l, err := st.Enterprises(ctx, app.EnterpriseFilter{Limit: 1})
			return ids(l, name), err
		}, []string{"A集团"}},
		{"enterprise by part of the credit code, lower case", func() ([]string, error) {
			l, err := st.Enterprises(ctx, app.EnterpriseFilter{Query: strings.ToLower(eb.CreditCode[8:])})
			return ids(l, name), err
		}, []string{"B公司"}},
		{"enterprise name ignores ASCII case", func() ([]string, error) {
			l, err := st.Enterprises(ctx, app.EnterpriseFilter{Query: " ABC "})
			return ids(l, name), err
		}, []string{"秦皇岛abc科技"}},
		{"enterprises of another office", func() ([]string, error) {
			l, err := st.Enterprises(ctx, app.EnterpriseFilter{Office: "130303"})
			return ids(l, name), err
		}, nil},
		{"leaders 市级 first", func() ([]string, error) {
			l, err := st.Leaders(ctx, app.LeaderFilter{})
			return ids(l, func(l app.Leader) string { return l.Name }), err
		}, []string{"甲", "丙", "乙"}},
		{"leaders by post", func() ([]string, error) {
			l, err := st.Leaders(ctx, app.LeaderFilter{Query: "人大", Office: myOffice})
			return ids(l, func(l app.Leader) string { return l.Name }), err
		}, []string{"丙"}},
		{"assignments", func() ([]string, error) {
			l, err := st.Assignments(ctx, app.AssignmentFilter{})
			return ids(l, aid), err
		}, []string{a2.ID, a3.ID, a1.ID}},
		{"assignments in force", func() ([]string, error) {
			l, err := st.Assignments(ctx, app.AssignmentFilter{ActiveOn: today})
			return ids(l, aid), err
		}, []string{a3.ID, a1.ID}},
		{"assignments in force the next day", func() ([]string, error) {
			l, err := st.Assignments(ctx, app.AssignmentFilter{ActiveOn: today.AddDays(1)})
			return ids(l, aid), err
		}, []string{a1.ID}},
		{"assignments of a leader and enterprise", func() ([]string, error) {
			l, err := st.Assignments(ctx, app.AssignmentFilter{LeaderID: lc.ID, EnterpriseID: ea.ID})
			return ids(l, aid), err
		}, []string{a3.ID}},
		{"visits newest first, later save first", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{})
			return ids(l, vid), err
		}, []string{v3.ID, v2.ID, v1.ID}},
		{"visits in range", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{From: app.D(2026, 2, 1), To: today})
			return ids(l, vid), err
		}, []string{v3.ID, v2.ID}},
		{"visits up to", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{To: app.D(2026, 3, 1)})
			return ids(l, vid), err
		}, []string{v1.ID}},
		{"visits by findings, ASCII case ignored", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{Query: "plc"})
			return ids(l, vid), err
		}, []string{v3.ID}},
		{"visits by companion", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{Query: "刘秘书"})
			return ids(l, vid), err
		}, []string{v3.ID}},
		{"visits by leader name", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{Query: "乙"})
			return ids(l, vid), err
		}, []string{v3.ID, v1.ID}},
		{"visits by new enterprise name, limit", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{Query: "集团", Limit: 1})
			return ids(l, vid), err
		}, []string{v2.ID}},
		{"visits of an enterprise and leader", func() ([]string, error) {
			l, err := st.Visits(ctx, app.VisitFilter{EnterpriseID: eb.ID, LeaderID: lc.ID, Office: myOffice})
			return ids(l, vid), err
		}, []string{v1.ID}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.got()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	as, _ := st.Assignments(ctx, app.AssignmentFilter{})
	if as[0].LeaderName != "甲" || as[0].EnterpriseName != "A集团" {
		t.Errorf("assignment names %+v", as[0])
	}
	vs, _ := st.Visits(ctx, app.VisitFilter{})
	if vs[0].LeaderName != "乙" || vs[0].EnterpriseName != "秦皇岛abc科技" {
		t.Errorf("visit names %+v", vs[0])
	}
	if v, err := st.Visit(ctx, v2.ID); err != nil || v.EnterpriseName != "A集团" || v.LeaderName != "甲" {
		t.Errorf("visit %+v, %v", v, err)
	}
	if a, err := st.Assignment(ctx, a1.ID); err != nil || a.EnterpriseName != "B公司" || a.LeaderName != "乙" {
		t.Errorf("assignment %+v, %v", a, err)
	}
	// A deleted leader's name still shows on old records, as data's join shows it.
	if err := svc.Delete(ctx, app.TableLeaders, lm.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.Visit(ctx, v2.ID); v.LeaderName != "甲" {
		t.Errorf("visit of a deleted leader: %+v", v)
	}
}

func TestProblemFilters(t *testing.T) {
	svc, st := newService(t)
	yh := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃")
	sg := addEnterprise(t, svc, 2, "山海关船舶重工")
	d := app.D(2026, 2, 2)
	p1 := addProblem(t, svc, yh, app.Problem{Registered: d, Category: "用地", Description: "新厂区用地指标不足", Request: "请协调用地指标"},
		assign(d, app.D(2026, 3, 2), "市自然资源和规划局"))
	p2 := addProblem(t, svc, yh, app.Problem{Registered: d.AddDays(1), Category: "融资", Description: "流动资金贷款到期"},
		assign(d.AddDays(1), app.D(2026, 3, 17), "区金融办"))
	p3 := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(2), Category: "用工", Description: "招工难", Source: "走访", SourceID: "v-1"}, nil)
	p4 := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(3), Category: "用地", Description: "码头用地审批，PLC系统改造"},
		&app.Action{Kind: app.ActOnSpot, Date: d.AddDays(3), Text: "现场明确办理路径"})
	other := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(4), Category: "审批", Description: "环评审批"}, nil)
	if err := st.SetOwner(app.TableProblems, "130303", other.ID); err != nil {
		t.Fatal(err)
	}
	num := func(ps ...app.Problem) []string { return numbers(ps) }
	cases := []struct {
		name string
		f    app.ProblemFilter
		want []string
	}{
		{"all newest first", app.ProblemFilter{}, num(other, p4, p3, p2, p1)},
		{"limit", app.ProblemFilter{Limit: 2}, num(other, p4)},
		{"page 2", app.ProblemFilter{Limit: 2, Offset: 2}, num(p3, p2)},
		{"last page", app.ProblemFilter{Limit: 2, Offset: 4}, num(p1)},
		{"past the end", app.ProblemFilter{Limit: 2, Offset: 9}, num()},
		{"office", app.ProblemFilter{Office: myOffice}, num(p4, p3, p2, p1)},
		{"status 交办", app.ProblemFilter{Status: app.StatusAssigned}, num(p2, p1)},
		{"status 已办结", app.ProblemFilter{Status: app.StatusDone}, num(p4)},
		{"category 用地", app.ProblemFilter{Category: "用地"}, num(p4, p1)},
		{"dept part", app.ProblemFilter{Dept: " 自然资源 "}, num(p1)},
		{"enterprise", app.ProblemFilter{EnterpriseID: sg.ID}, num(other, p4, p3)},
		{"source", app.ProblemFilter{SourceID: "v-1"}, num(p3)},
		{"overdue", app.ProblemFilter{Overdue: true, Today: today}, num(p1)},
		{"overdue later", app.ProblemFilter{Overdue: true, Today: app.D(2026, 3, 18)}, num(p2, p1)},
		{"overdue without a day", app.ProblemFilter{Overdue: true}, nil},
		{"overdue and dept", app.ProblemFilter{Overdue: true, Today: app.D(2026, 3, 18), Dept: "金融"}, num(p2)},
		{"fts 4 chars", app.ProblemFilter{Query: "用地指标"}, num(p1)},
		{"fts enterprise name", app.ProblemFilter{Query: "耀华玻璃"}, num(p2, p1)},
		{"fts number", app.ProblemFilter{Query: p3.Number}, num(p3)},
		{"fts person and dept", app.ProblemFilter{Query: "自然资源和规划"}, num(p1)},
		{"fts ignores case", app.ProblemFilter{Query: "plc系统"}, num(p4)},
		{"like ignores ASCII case", app.ProblemFilter{Query: "pl"}, num(p4)},
		{"like 2 chars", app.ProblemFilter{Query: "融资"}, nil}, // category is not searched
		{"like 2 chars description", app.ProblemFilter{Query: "招工"}, num(p3)},
		{"like 1 char enterprise", app.ProblemFilter{Query: "船"}, num(other, p4, p3)},
		{"two words", app.ProblemFilter{Query: "耀华玻璃 贷款"}, num(p2)},
		{"words do not span texts", app.ProblemFilter{Query: "指标不足请协调"}, nil},
		{"fts with status", app.ProblemFilter{Query: "耀华玻璃", Status: app.StatusAssigned, Category: "融资"}, num(p2)},
		{"quotes are text", app.ProblemFilter{Query: `"用地" OR 招工`}, nil},
		{"like wildcard is text", app.ProblemFilter{Query: "%"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := st.Problems(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(numbers(got), c.want) {
				t.Errorf("got %v, want %v", numbers(got), c.want)
			}
			for _, p := range got {
				if p.EnterpriseName == "" {
					t.Errorf("%s without enterprise name", p.Number)
				}
			}
		})
	}
	yh.Name = "秦皇岛耀华光伏"
	if err := svc.SaveEnterprise(ctx, &yh); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Problems(ctx, app.ProblemFilter{Query: "耀华光伏"}); !slices.Equal(numbers(got), num(p2, p1)) {
		t.Errorf("after rename, new name finds %v", numbers(got))
	}
	if got, _ := st.Problems(ctx, app.ProblemFilter{Query: "耀华玻璃"}); len(got) != 0 {
		t.Errorf("after rename, old name finds %v", numbers(got))
	}
	if err := svc.Delete(ctx, app.TableProblems, p3.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Problems(ctx, app.ProblemFilter{Query: "招工难"}); len(got) != 0 {
		t.Errorf("search finds a deleted problem: %v", numbers(got))
	}
	if evs, err := st.Events(ctx, p3.ID); err != nil || len(evs) != 0 {
		t.Errorf("events of a deleted problem: %v, %v", evs, err)
	}
}

func TestDashboardAndStats(t *testing.T) {
	svc, st := newService(t)
	e1 := addEnterprise(t, svc, 1, "企业一")
	e2 := addEnterprise(t, svc, 2, "企业二")
	e3 := addEnterprise(t, svc, 3, "企业三")
	mk := func(reg app.Date, first *app.Action) app.Problem {
		t.Helper()
		return addProblem(t, svc, e1, app.Problem{Registered: reg}, first)
	}
	over1 := mk(app.D(2026, 2, 2), assign(app.D(2026, 2, 3), app.D(2026, 3, 10), "区住建局"))
	over2 := mk(app.D(2026, 2, 20), assign(app.D(2026, 2, 20), app.D(2026, 3, 13), "区住建局"))
	dueToday := mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), today, "区住建局"))
	due7 := mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), app.D(2026, 3, 23), "区住建局"))
	mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), app.D(2026, 3, 24), "区住建局")) // due in 8 days
	closed := mk(app.D(2026, 2, 2), assign(app.D(2026, 2, 2), app.D(2026, 3, 1), "区住建局"))
	if _, err := svc.Act(ctx, closed.ID, app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 5), Text: "办结"}); err != nil {
		t.Fatal(err)
	}
	late := mk(app.D(2026, 3, 10), nil)   // +3 working days = 3-13 < 3-16
	mk(app.D(2026, 3, 11), nil)           // +3 working days = 3-16, not late yet
	lateOld := mk(app.D(2026, 1, 5), nil) // long late
	gone := mk(app.D(2026, 1, 6), nil)
	if err := svc.Delete(ctx, app.TableProblems, gone.ID); err != nil {
		t.Fatal(err)
	}

	l1 := addLeader(t, svc, "县领导甲", app.LevelCounty)
	l2 := addLeader(t, svc, "县领导乙", app.LevelCounty)
	l3 := addLeader(t, svc, "县领导丁", app.LevelCounty)
	l4 := addLeader(t, svc, "市领导甲", app.LevelCity)
	l5 := addLeader(t, svc, "县领导丙", app.LevelCounty)
	a11 := addAssignment(t, svc, l1, e1, app.D(2025, 1, 1), app.Date{})
	a12 := addAssignment(t, svc, l1, e2, app.D(2025, 1, 1), app.Date{})
	addAssignment(t, svc, l2, e3, app.D(2026, 1, 1), app.D(2026, 2, 28)) // ended
	a31 := addAssignment(t, svc, l3, e1, app.D(2026, 1, 1), app.D(2026, 12, 31))
	addAssignment(t, svc, l5, e2, app.D(2026, 4, 1), app.Date{}) // not yet
	addVisit(t, svc, l1, e1, app.D(2026, 2, 10))
	addVisit(t, svc, l1, e2, app.D(2025, 12, 20)) // last quarter
	goneVisit := addVisit(t, svc, l1, e2, app.D(2026, 3, 1))
	if err := svc.Delete(ctx, app.TableVisits, goneVisit.ID); err != nil {
		t.Fatal(err)
	}

	d, err := svc.Dashboard(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Today != today || d.PeriodStart != app.D(2026, 1, 1) {
		t.Errorf("today %s period %s", d.Today, d.PeriodStart)
	}
	aid := func(a app.Assignment) string { return a.ID }
	lname := func(l app.Leader) string { return l.Name }
	monthly := app.DefaultSettings()
	monthly.VisitIntervalMonths = 1
	dm, err := st.Dashboard(ctx, today, monthly, "")
	if err != nil {
		t.Fatal(err)
	}
	soon := app.DefaultSettings()
	soon.DueSoonDays, soon.AssignWithinDays = 8, 1
	ds, err := st.Dashboard(ctx, today, soon, "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		got, want []string
	}{
		{"overdue", numbers(d.Overdue), numbers([]app.Problem{over1, over2})},
		{"due soon", numbers(d.DueSoon), numbers([]app.Problem{dueToday, due7})},
		{"due soon in 8 days", numbers(ds.DueSoon)[2:], []string{"海港-2026-0005"}},
		{"unassigned", numbers(d.Unassigned), numbers([]app.Problem{lateOld, late})},
		{"unassigned within 1 day", numbers(ds.Unassigned), []string{lateOld.Number, late.Number, "海港-2026-0008"}},
		// By leader name (丁 sorts before 甲 in code point order), then enterprise.
		{"unvisited", ids(d.Unvisited, aid), []string{a31.ID, a12.ID}},
		{"unvisited monthly", ids(dm.Unvisited, aid), []string{a31.ID, a11.ID, a12.ID}},
		{"idle leaders", ids(d.IdleLeaders, lname), []string{l4.Name, l5.Name, l2.Name}},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(d.Unvisited) == 2 && (d.Unvisited[1].LeaderName != "县领导甲" || d.Unvisited[1].EnterpriseName != "企业二") {
		t.Errorf("unvisited names %+v", d.Unvisited[1])
	}
	if len(d.Overdue) > 0 && d.Overdue[0].EnterpriseName != "企业一" {
		t.Errorf("overdue without the enterprise name: %+v", d.Overdue[0])
	}
	if d.OpenCount != 8 {
		t.Errorf("open count %d, want 8", d.OpenCount)
	}
	// A deleted enterprise's assignments are not to be visited; a deleted
	// leader is not idle.
	if err := svc.Delete(ctx, app.TableEnterprises, e2.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableLeaders, l4.ID); err != nil {
		t.Fatal(err)
	}
	d, _ = svc.Dashboard(ctx, "")
	if got := ids(d.Unvisited, aid); !slices.Equal(got, []string{a31.ID}) {
		t.Errorf("unvisited after deleting 企业二: %v", got)
	}
	if got := ids(d.IdleLeaders, lname); !slices.Equal(got, []string{l5.Name, l2.Name}) {
		t.Errorf("idle leaders after deleting 市领导甲: %v", got)
	}

	want := app.Stats{Offices: 1, Enterprises: 2, Leaders: 4, Assignments: 5, Visits: 2, Problems: 9, ProblemsOpen: 8, ProblemsOverdue: 2}
	if s := stats(t, st); s != want {
		t.Errorf("stats %+v, want %+v", s, want)
	}
	if err := st.SetOwner(app.TableLeaders, app.CityCode, l3.ID); err != nil {
		t.Fatal(err)
	}
	if s := stats(t, st); s.Offices != 2 {
		t.Errorf("offices with a city record: %d, want 2", s.Offices)
	}
}

func TestBackupRestore(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "企业甲")
	addProblem(t, svc, e, app.Problem{Registered: today}, assign(today, today.AddDays(10), "区住建局"))
	gone := addEnterprise(t, svc, 2, "企业乙")
	if err := svc.Delete(ctx, app.TableEnterprises, gone.ID); err != nil {
		t.Fatal(err)
	}
	st7 := app.DefaultSettings()
	st7.DueSoonDays = 9
	if err := svc.SaveSettings(ctx, st7); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "备份 1.json")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, path); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Errorf("backup over a file: %v", err)
	}
	if err := st.Backup(ctx, filepath.Join(dir, "没有", "x.json")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
	snapshot := func(st *apptest.Store) []any {
		t.Helper()
		o, err1 := st.Office(ctx)
		s, err2 := st.Settings(ctx)
		es, err3 := st.Enterprises(ctx, app.EnterpriseFilter{})
		ps, err4 := st.Problems(ctx, app.ProblemFilter{})
		var evs []app.Event
		for _, p := range ps {
			ev, err := st.Events(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			evs = append(evs, ev...)
		}
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		return []any{o, s, es, ps, evs, stats(t, st), st.ChangeLog()}
	}
	before := snapshot(st)

	// Changes after the backup are undone by the restore.
	addEnterprise(t, svc, 3, "企业丙")
	e.Name = "企业甲（新）"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := st.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(st); !reflect.DeepEqual(after, before) {
		t.Errorf("restored\n%+v\nwant\n%+v", after, before)
	}
	// The deleted enterprise came back as a tombstone: its code is free, its
	// ID refused.
	if _, err := st.Enterprise(ctx, gone.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("tombstone after restore: %v", err)
	}
	// A new store restores it too; IDs it gives later are new.
	fresh := apptest.New()
	if err := fresh.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(fresh); !reflect.DeepEqual(after, before) {
		t.Errorf("restored into a new store\n%+v\nwant\n%+v", after, before)
	}
	l := app.Leader{Name: "王五", Level: app.LevelCity}
	if err := fresh.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error { return tx.SaveLeader(&l) }); err != nil {
		t.Fatal(err)
	}
	if l.ID != "id-6" { // after 企业甲 (1), its problem (2), its two events (3, 4) and 企业乙 (5)
		t.Errorf("first ID after a restore: %s, want id-6", l.ID)
	}

	other, err := apptest.NewSetUp(app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty})
	if err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.json")
	if err := os.WriteFile(junk, []byte(`{"enterprises": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	refusals := []struct {
		name, path, want string
	}{
		{"another office's backup", path, "这是海港区（130302）的备份，不是本单位山海关区（130303）的"},
		{"not a backup", junk, "不是五个一工作台的备份文件"},
		{"missing file", filepath.Join(dir, "nothing.json"), "找不到备份文件"},
	}
	for _, c := range refusals {
		before := stats(t, other)
		if err := other.Restore(ctx, c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if stats(t, other) != before {
			t.Errorf("%s: a refused restore changed the store", c.name)
		}
	}
}

func TestClose(t *testing.T) {
	_, st := newService(t)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := st.Office(ctx); !errors.Is(err, apptest.ErrClosed) {
		t.Errorf("Office after Close: %v", err)
	}
	if err := st.Update(ctx, app.Op{}, func(app.Tx) error { return nil }); !errors.Is(err, apptest.ErrClosed) {
		t.Errorf("Update after Close: %v", err)
	}
	if err := st.Backup(ctx, filepath.Join(t.TempDir(), "b.json")); !errors.Is(err, apptest.ErrClosed) {
		t.Errorf("Backup after Close: %v", err)
	}
}

// ---------------------------------------------------------------------------
// The same scenario on apptest and on data, the SQLite store.

// world is one store with a service over it, driven by a scenario.
type world struct {
	t     testing.TB
	st    app.Store
	svc   *app.Service
	tick  time.Duration
	ids   []string    // every record the scenario made, in order
	kinds []app.Table // the table of each
	log   []string    // the outcome of every step
	keys  map[string]string
}

// base is the scenario's clock at its first call: every call is one
// millisecond later, so records saved in turn have different times.
var base = time.Date(2026, 6, 30, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))

var scenarioToday = app.D(2026, 6, 30)

func newWorld(t testing.TB, st app.Store) *world {
	t.Helper()
	w := &world{t: t, st: st}
	w.svc = &app.Service{Store: st, Operator: "张三", Now: func() time.Time {
		w.tick += time.Millisecond
		return base.Add(w.tick)
	}}
	if err := w.svc.SetUp(ctx, haigang); err != nil {
		t.Fatalf("SetUp: %v", err)
	}
	return w
}

func (w *world) made(tb app.Table, id string) {
	w.ids = append(w.ids, id)
	w.kinds = append(w.kinds, tb)
}

// outcome logs how a step ended, in words both stores must agree on.
func (w *world) outcome(step string, err error) {
	var inv app.Invalid
	var fe app.FieldError
	switch {
	case err == nil:
		step += ": ok"
	case errors.Is(err, app.ErrNotFound):
		step += ": not found"
	case errors.Is(err, app.ErrStaleVersion):
		step += ": stale"
	case errors.Is(err, app.ErrNotOwner):
		step += ": not owner"
	case errors.As(err, &inv), errors.As(err, &fe):
		step += ": invalid: " + err.Error()
	default:
		step += ": error"
	}
	w.log = append(w.log, step)
}

// runScenario makes a few hundred records with random (but, for a seed,
// always the same) dates, states, texts, edits and deletions.
func runScenario(w *world, seed uint64) {
	rng := newRand(seed)
	pick := func(n int) int { return rng.IntN(n) }
	day := func(from, to app.Date) app.Date { return from.AddDays(pick(from.DaysUntil(to) + 1)) }
	oneOf := func(list ...string) string { return list[pick(len(list))] }
	places := []string{"秦皇岛", "海港", "河北", "渤海", "燕山"}
	trades := []string{"玻璃", "钢铁", "ABC科技", "船舶重工", "食品", "包装", "Plc自动化"}
	depts := []string{"区住建局", "区自然资源局", "区人社局", "区金融办", "市生态环境局", "区工信局"}
	persons := []string{"王科长", "李主任", "赵局长", "Zhang"}
	texts := []string{"用地指标不足", "流动资金紧张，贷款到期", "招工难，缺少熟练焊工", "PLC控制系统改造需要资金",
		"环评审批缓慢", "厂房扩建规划调整", "电力增容", "政策兑现慢", "订单充足"}

	var ents, leaders, visits, problems []string
	var stale []app.Enterprise
	for i := range 24 {
		e := app.Enterprise{CreditCode: creditCode(w.t, i+1), Name: fmt.Sprintf("%s%s%02d有限公司", places[i%5], trades[i%7], i),
			Industry: oneOf("制造", "服务", ""), Contact: oneOf("刘经理", ""), Address: "河北大街" + fmt.Sprint(i)}
		for _, c := range app.EnterpriseCategories {
			if pick(3) == 0 {
				e.Categories = append(e.Categories, c)
			}
		}
		err := w.svc.SaveEnterprise(ctx, &e)
		w.outcome("enterprise", err)
		if err == nil {
			ents = append(ents, e.ID)
			w.made(app.TableEnterprises, e.ID)
			stale = append(stale, e)
		}
	}
	dup := app.Enterprise{CreditCode: creditCode(w.t, 3), Name: "重复登记"}
	w.outcome("duplicate", w.svc.SaveEnterprise(ctx, &dup))

	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐"}
	for i, s := range surnames {
		l := app.Leader{Name: s + oneOf("建国", "海", "立新", "Li"), Post: oneOf("副区长", "区长", "常务副区长", "人大副主任"),
			Level: app.Level(oneOf(string(app.LevelCity), string(app.LevelCounty), string(app.LevelCounty))), Body: oneOf(app.Bodies...)}
		l.Name += fmt.Sprint(i)
		err := w.svc.SaveLeader(ctx, &l)
		w.outcome("leader", err)
		if err == nil {
			leaders = append(leaders, l.ID)
			w.made(app.TableLeaders, l.ID)
		}
	}

	type pair struct{ l, e string }
	var pairs []pair
	for _, l := range leaders {
		for _, k := range rng.Perm(len(ents))[:1+pick(4)] {
			from := day(app.D(2024, 1, 1), app.D(2026, 9, 1))
			a := app.Assignment{LeaderID: l, EnterpriseID: ents[k], Liaison: oneOf("李联络", "王秘书"), LeadDept: oneOf(depts...), From: from}
			if pick(2) == 0 {
				a.To = from.AddDays(30 + pick(700))
			}
			err := w.svc.SaveAssignment(ctx, &a)
			w.outcome("assignment", err)
			if err == nil {
				pairs = append(pairs, pair{l, ents[k]})
				w.made(app.TableAssignments, a.ID)
			}
		}
	}

	newProblem := func(e string, reg app.Date) app.NewProblem {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: e, Source: oneOf(app.Sources...), Category: oneOf(app.Categories...),
			Description: oneOf(texts...) + oneOf("", "，请协调", " PLC"), Request: oneOf("", "尽快解决", "协调银行"), Registered: reg}}
		switch r := pick(20); {
		case r < 8:
			d := reg.AddDays(pick(4))
			dl := app.AddWorkingDays(d, 1+pick(30))
			if r == 0 {
				dl = app.AddWorkingDays(d, 40) // too late: refused
			}
			np.First = &app.Action{Kind: app.ActAssign, Date: d, LeadDept: oneOf(depts...), Person: oneOf(persons...), Deadline: dl}
		case r < 10:
			np.First = &app.Action{Kind: app.ActOnSpot, Date: reg, Text: "现场解决"}
		case r < 11:
			np.First = &app.Action{Kind: app.ActExplain, Date: reg, Text: "依法不能办理，已解释"}
		}
		return np
	}

	for range 70 {
		p := pairs[pick(len(pairs))]
		if pick(5) == 0 {
			p = pair{leaders[pick(len(leaders))], ents[pick(len(ents))]}
		}
		v := app.Visit{Date: day(app.D(2025, 1, 1), scenarioToday), LeaderID: p.l, EnterpriseID: p.e, Mode: oneOf(app.VisitModes...),
			Companions: oneOf("", "刘秘书", "办公室小孙"), Findings: oneOf(texts...)}
		var nps []app.NewProblem
		for range pick(3) {
			np := newProblem(p.e, v.Date)
			np.Problem.Registered = app.Date{} // the visit's day
			nps = append(nps, np)
		}
		err := w.svc.SaveVisit(ctx, &v, nps)
		w.outcome("visit", err)
		if err == nil {
			visits = append(visits, v.ID)
			w.made(app.TableVisits, v.ID)
			for _, np := range nps {
				problems = append(problems, np.Problem.ID)
				w.made(app.TableProblems, np.Problem.ID)
			}
		}
	}
	for range 110 {
		np := newProblem(ents[pick(len(ents))], day(app.D(2025, 1, 1), scenarioToday))
		err := w.svc.RegisterProblem(ctx, &np)
		w.outcome("problem", err)
		if err == nil {
			problems = append(problems, np.Problem.ID)
			w.made(app.TableProblems, np.Problem.ID)
		}
	}
	for range 160 {
		id := problems[pick(len(problems))]
		p, err := w.st.Problem(ctx, id)
		if err != nil {
			w.t.Fatal(err)
		}
		acts := app.Actions(p.Status)
		if len(acts) == 0 {
			continue
		}
		a := app.Action{Kind: acts[pick(len(acts))], Date: p.Registered.AddDays(pick(60)), Text: oneOf("已协调", "正在办理", "")}
		switch a.Kind {
		case app.ActAssign:
			a.LeadDept, a.Person, a.Deadline = oneOf(depts...), oneOf(persons...), app.AddWorkingDays(a.Date, 1+pick(30))
		case app.ActDeadline:
			a.Deadline = app.AddWorkingDays(a.Date, 1+pick(30))
		case app.ActFollowUp:
			a.Satisfaction = oneOf(app.Satisfactions...)
			a.Deadline = app.AddWorkingDays(a.Date, 1+pick(30))
		}
		_, err = w.svc.Act(ctx, id, a)
		w.outcome("act "+string(a.Kind), err)
	}

	meetings, needs, loans := runMechanisms(w, rng, ents, newProblem)

	// Edits: renames, a stale save, problem edits.
	for _, k := range []int{0, 5, 9} {
		e, err := w.st.Enterprise(ctx, ents[k])
		if err != nil {
			w.t.Fatal(err)
		}
		e.Name = "更名" + e.Name
		w.outcome("rename", w.svc.SaveEnterprise(ctx, &e))
	}
	old := stale[5]
	old.Phone = "123"
	w.outcome("stale enterprise", w.svc.SaveEnterprise(ctx, &old))
	for range 6 {
		p, err := w.st.Problem(ctx, problems[pick(len(problems))])
		if err != nil {
			w.t.Fatal(err)
		}
		p.Description += "，补充：" + oneOf(texts...)
		if pick(4) == 0 {
			p.Version-- // stale
		}
		w.outcome("edit problem", w.svc.EditProblem(ctx, &p))
	}

	// Deletions, twice over for some.
	del := func(tb app.Table, list []string, n int) {
		for range n {
			w.outcome("delete "+string(tb), w.svc.Delete(ctx, tb, list[pick(len(list))]))
		}
	}
	del(app.TableVisits, visits, 4)
	del(app.TableProblems, problems, 8)
	del(app.TableEnterprises, ents, 3)
	del(app.TableLeaders, leaders, 2)
	var asg []string
	for i, k := range w.kinds {
		if k == app.TableAssignments {
			asg = append(asg, w.ids[i])
		}
	}
	del(app.TableAssignments, asg, 4)
	del(app.TableMeetings, meetings, 3)
	del(app.TableFinancing, needs, 4)
	del(app.TableLoans, loans, 5)
	// What refers to a deleted enterprise or meeting is refused; a loan of
	// a deleted enterprise cannot move on.
	for range 6 {
		n := app.FinancingNeed{Date: scenarioToday, EnterpriseID: ents[pick(len(ents))], MeetingID: meetings[pick(len(meetings))],
			Amount: 1_000_000, Use: "流动资金"}
		err := w.svc.SaveFinancingNeed(ctx, &n)
		w.outcome("late need", err)
		if err == nil {
			w.made(app.TableFinancing, n.ID)
		}
	}
	for _, id := range loans {
		l, err := w.st.BridgeLoan(ctx, id)
		if err != nil || len(app.LoanActions(l.Status)) == 0 {
			continue
		}
		a := app.LoanAction{Kind: app.LoanActions(l.Status)[0], Date: scenarioToday, Conditions: []bool{true, true, true, true},
			Commitment: "承诺函", Amount: 1_000_000, DueBack: scenarioToday.AddDays(10)}
		_, err = w.svc.LoanAct(ctx, id, a)
		w.outcome("late loan act", err)
	}
	// References to what is gone are refused. (A pair not assigned yet:
	// two assignments of one pair are ordered by ID, which differ.)
	p := pair{leaders[pick(len(leaders))], ents[pick(len(ents))]}
	for slices.Contains(pairs, p) {
		p = pair{leaders[pick(len(leaders))], ents[pick(len(ents))]}
	}
	a := app.Assignment{LeaderID: p.l, EnterpriseID: p.e, Liaison: "某人", From: scenarioToday}
	w.outcome("late assignment", w.svc.SaveAssignment(ctx, &a))
	if a.ID != "" {
		w.made(app.TableAssignments, a.ID)
	}

	w.keys = map[string]string{}
	for i, id := range w.ids {
		w.keys[id] = fmt.Sprintf("#%d", i)
	}
}

// runMechanisms adds the records of mechanisms 2 and 3 to a scenario:
// meetings with the problems raised at them, financing needs and bridge
// loans taken through their steps, with refusals, edits and stale saves.
// It returns the IDs of the meetings, needs and loans made.
func runMechanisms(w *world, rng *rand.Rand, ents []string, newProblem func(e string, reg app.Date) app.NewProblem) (meetings, needs, loans []string) {
	pick := func(n int) int { return rng.IntN(n) }
	day := func(from, to app.Date) app.Date { return from.AddDays(pick(from.DaysUntil(to) + 1)) }
	oneOf := func(list ...string) string { return list[pick(len(list))] }
	texts := []string{"用地指标不足", "流动资金紧张", "PLC控制系统改造", "电力增容", "100%解决", "政策兑现_慢"}
	banks := []string{"", app.Banks[0], app.Banks[6], app.Banks[7], "秦皇岛银行股份"}

	for range 40 {
		k := app.MeetingKinds[pick(len(app.MeetingKinds))]
		m := app.Meeting{Kind: k, Format: oneOf(k.Formats()...), Date: day(app.D(2025, 1, 1), scenarioToday),
			Place: oneOf("区政府三楼会议室", "港机重工", "开发区项目工地", "金梦海湾酒店"), Chair: oneOf("王区长", "李副区长", "Zhao"),
			Agenda: oneOf(texts...), Minutes: oneOf("", "会议纪要："+oneOf(texts...), "plc 改造")}
		if k == app.MeetingOnSite && pick(2) == 0 {
			m.EnterpriseID = ents[pick(len(ents))]
		}
		for range pick(4) {
			m.Attendees = append(m.Attendees, app.Attendee{Group: oneOf(app.AttendanceGroups...), Kind: oneOf(app.AttendeeKinds...),
				Name: oneOf("王区长", "区工信局", "秦皇岛银行", " ")})
		}
		for range pick(3) {
			m.Decisions = append(m.Decisions, app.Decision{Text: oneOf(texts...), Unit: oneOf("区工信局", "区金融办"),
				Deadline: m.Date.AddDays(pick(60) - 3)}) // a few before the meeting: refused
		}
		switch pick(12) {
		case 0:
			m.Date = scenarioToday.AddDays(3) // not held yet: refused
		case 1:
			m.Chair = ""
		}
		var nps []app.NewProblem
		for range pick(3) {
			e := m.EnterpriseID
			if e == "" || pick(3) == 0 {
				e = ents[pick(len(ents))]
			}
			np := newProblem(e, m.Date)
			np.Problem.Registered = app.Date{} // the meeting's day
			if k == app.MeetingOnSite && np.First == nil && pick(3) != 0 {
				np.First = &app.Action{Kind: app.ActOnSpot, Date: m.Date, Text: "现场解决"}
			}
			nps = append(nps, np)
		}
		err := w.svc.SaveMeeting(ctx, &m, nps)
		w.outcome("meeting", err)
		if err == nil {
			meetings = append(meetings, m.ID)
			w.made(app.TableMeetings, m.ID)
			for _, np := range nps {
				w.made(app.TableProblems, np.Problem.ID)
			}
		}
	}
	// Edits: new minutes, a move to another year (a new number), stale.
	for range 8 {
		m, err := w.st.Meeting(ctx, meetings[pick(len(meetings))])
		if err != nil {
			w.t.Fatal(err)
		}
		switch pick(4) {
		case 0:
			m.Date = m.Date.AddDays(-366)
		case 1:
			m.Version--
		default:
			m.Minutes += "（补充）"
		}
		w.outcome("edit meeting", w.svc.SaveMeeting(ctx, &m, nil))
	}

	for range 45 {
		n := app.FinancingNeed{Date: day(app.D(2025, 1, 1), scenarioToday), EnterpriseID: ents[pick(len(ents))],
			Amount: app.Yuan(pick(3000))*10000 + app.Yuan(pick(3)*pick(10000)), Use: oneOf("流动资金", "设备更新", "技术改造", ""),
			TermMonths: pick(40), Collateral: oneOf("", "厂房抵押", "担保公司担保"), Bank: oneOf(banks...), Status: oneOf(app.NeedStatuses...)}
		if pick(2) == 0 {
			n.MeetingID = meetings[pick(len(meetings))]
		}
		if pick(4) != 0 {
			n.Credit, n.Lent, n.LentOn, n.Reason = n.Amount, n.Amount/2, n.Date.AddDays(pick(30)), oneOf("", "资料不全")
		}
		err := w.svc.SaveFinancingNeed(ctx, &n)
		w.outcome("need", err)
		if err == nil {
			needs = append(needs, n.ID)
			w.made(app.TableFinancing, n.ID)
		}
	}
	for range 10 {
		n, err := w.st.FinancingNeed(ctx, needs[pick(len(needs))])
		if err != nil {
			w.t.Fatal(err)
		}
		n.Status, n.Bank, n.Credit = app.NeedCredit, oneOf(banks[1:]...), n.Amount+1
		if pick(4) == 0 {
			n.Version++ // stale
		}
		w.outcome("edit need", w.svc.SaveFinancingNeed(ctx, &n))
	}

	for range 24 {
		orig := app.Yuan(100+pick(3000)) * 10000
		l := app.BridgeLoan{EnterpriseID: ents[pick(len(ents))], Bank: oneOf(banks[1:]...), Original: orig,
			OriginalDue: day(app.D(2025, 6, 1), app.D(2026, 9, 1)), Applied: orig - app.Yuan(pick(100))*10000,
			AppliedOn: day(app.D(2025, 1, 1), scenarioToday), Note: oneOf("", "急需")}
		if pick(10) == 0 {
			l.Applied = orig + 1 // more than the maturing loan: refused
		}
		// Only the application is kept from a new loan's form.
		l.Approved, l.Status, l.Conditions = 5, app.LoanPaid, []bool{true}
		err := w.svc.SaveBridgeLoan(ctx, &l)
		w.outcome("loan", err)
		if err == nil {
			loans = append(loans, l.ID)
			w.made(app.TableLoans, l.ID)
		}
	}
	for range 90 {
		id := loans[pick(len(loans))]
		l, err := w.st.BridgeLoan(ctx, id)
		if err != nil {
			w.t.Fatal(err)
		}
		acts := app.LoanActions(l.Status)
		if len(acts) == 0 {
			continue
		}
		a := app.LoanAction{Kind: acts[pick(len(acts))], Date: l.AppliedOn.AddDays(pick(20) - 1)}
		switch a.Kind {
		case app.LoanActReview:
			a.Conditions = []bool{pick(6) != 0, true, pick(6) != 0, true}
			a.Commitment = oneOf("", "续贷承诺函", "续贷承诺函")
		case app.LoanActApprove:
			a.Amount = l.Original - app.Yuan(pick(50))*10000
		case app.LoanActPay:
			a.DueBack = a.Date.AddDays(pick(36))
		case app.LoanActRepay:
			a.Date = l.PaidOn.AddDays(pick(30) - 1)
			a.Fee = app.Yuan(pick(5000))
		}
		_, err = w.svc.LoanAct(ctx, id, a)
		w.outcome("loan "+string(a.Kind), err)
	}
	for range 6 {
		l, err := w.st.BridgeLoan(ctx, loans[pick(len(loans))])
		if err != nil {
			w.t.Fatal(err)
		}
		l.Note += "（更正）"
		l.Original -= app.Yuan(pick(2)) * l.Approved // below the approved amount: refused
		if pick(4) == 0 {
			l.Version-- // stale
		}
		w.outcome("edit loan", w.svc.SaveBridgeLoan(ctx, &l))
	}
	return meetings, needs, loans
}

// refFields are the fields of records that hold an ID.
var refFields = map[string]bool{"ID": true, "LeaderID": true, "EnterpriseID": true, "SourceID": true, "ProblemID": true, "MeetingID": true}

// relabel replaces the IDs in the record x points to by the scenario's
// keys, the same for both stores; an ID the scenario did not make (an
// event's) becomes "?".
func relabel(keys map[string]string, x reflect.Value) {
	for i := range x.NumField() {
		f, sf := x.Field(i), x.Type().Field(i)
		switch {
		case sf.Type == reflect.TypeFor[app.Meta]():
			relabel(keys, f)
		case f.Kind() == reflect.String && refFields[sf.Name] && f.String() != "":
			k, ok := keys[f.String()]
			if !ok {
				k = "?"
			}
			f.SetString(k)
		}
	}
}

// sameList reports whether lists a (of apptest) and b (of data) hold the
// same records once relabelled.
func sameList[T any](t *testing.T, what string, wa, wb *world, a, b []T) {
	t.Helper()
	la, lb := slices.Clone(a), slices.Clone(b)
	for i := range la {
		relabel(wa.keys, reflect.ValueOf(&la[i]).Elem())
	}
	for i := range lb {
		relabel(wb.keys, reflect.ValueOf(&lb[i]).Elem())
	}
	if reflect.DeepEqual(la, lb) {
		return
	}
	for i := range min(len(la), len(lb)) {
		if !reflect.DeepEqual(la[i], lb[i]) {
			t.Errorf("%s: %d records (apptest), %d (data); first difference at %d:\napptest %+v\ndata    %+v", what, len(la), len(lb), i, la[i], lb[i])
			return
		}
	}
	t.Errorf("%s: %d records (apptest), %d (data)", what, len(la), len(lb))
}

func TestSameAsSQLite(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			wa := newWorld(t, apptest.New())
			db, err := data.Open(filepath.Join(t.TempDir(), "data.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			wb := newWorld(t, db)
			runScenario(wa, seed)
			runScenario(wb, seed)
			if !slices.Equal(wa.log, wb.log) {
				for i := range min(len(wa.log), len(wb.log)) {
					if wa.log[i] != wb.log[i] {
						t.Fatalf("step %d: apptest %q, data %q", i, wa.log[i], wb.log[i])
					}
				}
				t.Fatalf("%d steps on apptest, %d on data", len(wa.log), len(wb.log))
			}
			compareStores(t, wa, wb)
		})
	}
}

// compareStores compares every read of the two stores of a scenario.
func compareStores(t *testing.T, wa, wb *world) {
	// Single reads, deleted records included.
	for i := range wa.ids {
		ida, idb := wa.ids[i], wb.ids[i]
		what := fmt.Sprintf("%s %s", wa.kinds[i], wa.keys[ida])
		var ea, eb error
		switch wa.kinds[i] {
		case app.TableEnterprises:
			a, erra := wa.st.Enterprise(ctx, ida)
			b, errb := wb.st.Enterprise(ctx, idb)
			sameList(t, what, wa, wb, []app.Enterprise{a}, []app.Enterprise{b})
			ea, eb = erra, errb
		case app.TableLeaders:
			a, erra := wa.st.Leader(ctx, ida)
			b, errb := wb.st.Leader(ctx, idb)
			sameList(t, what, wa, wb, []app.Leader{a}, []app.Leader{b})
			ea, eb = erra, errb
		case app.TableAssignments:
			a, erra := wa.st.Assignment(ctx, ida)
			b, errb := wb.st.Assignment(ctx, idb)
			sameList(t, what, wa, wb, []app.Assignment{a}, []app.Assignment{b})
			ea, eb = erra, errb
		case app.TableVisits:
			a, erra := wa.st.Visit(ctx, ida)
			b, errb := wb.st.Visit(ctx, idb)
			sameList(t, what, wa, wb, []app.Visit{a}, []app.Visit{b})
			ea, eb = erra, errb
		case app.TableProblems:
			a, erra := wa.st.Problem(ctx, ida)
			b, errb := wb.st.Problem(ctx, idb)
			sameList(t, what, wa, wb, []app.Problem{a}, []app.Problem{b})
			ea, eb = erra, errb
			eva, erra := wa.st.Events(ctx, ida)
			evb, errb := wb.st.Events(ctx, idb)
			if erra != nil || errb != nil {
				t.Fatal(erra, errb)
			}
			sameList(t, "events of "+what, wa, wb, eva, evb)
		case app.TableMeetings:
			a, erra := wa.st.Meeting(ctx, ida)
			b, errb := wb.st.Meeting(ctx, idb)
			sameList(t, what, wa, wb, []app.Meeting{a}, []app.Meeting{b})
			ea, eb = erra, errb
		case app.TableFinancing:
			a, erra := wa.st.FinancingNeed(ctx, ida)
			b, errb := wb.st.FinancingNeed(ctx, idb)
			sameList(t, what, wa, wb, []app.FinancingNeed{a}, []app.FinancingNeed{b})
			ea, eb = erra, errb
		case app.TableLoans:
			a, erra := wa.st.BridgeLoan(ctx, ida)
			b, errb := wb.st.BridgeLoan(ctx, idb)
			sameList(t, what, wa, wb, []app.BridgeLoan{a}, []app.BridgeLoan{b})
			ea, eb = erra, errb
		}
		if errors.Is(ea, app.ErrNotFound) != errors.Is(eb, app.ErrNotFound) || (ea == nil) != (eb == nil) {
			t.Errorf("%s: apptest %v, data %v", what, ea, eb)
		}
	}

	// Lists, with filters on IDs given as the scenario's index of a record.
	id := func(w *world, k int) string { return w.ids[k%len(w.ids)] }
	nthOf := func(w *world, tb app.Table, n int) string {
		for i, k := range w.kinds {
			if k == tb {
				if n == 0 {
					return w.ids[i]
				}
				n--
			}
		}
		return ""
	}
	check := func(t *testing.T, err1, err2 error) {
		t.Helper()
		if err1 != nil || err2 != nil {
			t.Fatalf("apptest %v, data %v", err1, err2)
		}
	}
	days := []app.Date{{}, app.D(2024, 6, 1), app.D(2025, 3, 31), app.D(2025, 7, 15), app.D(2026, 1, 1), scenarioToday, app.D(2026, 9, 30)}

	for _, f := range []func(w *world) app.EnterpriseFilter{
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Office: myOffice, Limit: 5} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Office: "130303"} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Query: "abc"} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Query: " 更名 "} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Query: "ma00000"} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Query: "1"} },
		func(w *world) app.EnterpriseFilter { return app.EnterpriseFilter{Query: "有限公司", Limit: 3} },
	} {
		a, erra := wa.st.Enterprises(ctx, f(wa))
		b, errb := wb.st.Enterprises(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("enterprises %+v", f(wa)), wa, wb, a, b)
	}
	for _, f := range []app.LeaderFilter{{}, {Office: myOffice}, {Query: "区长"}, {Query: "li"}, {Query: "王"}, {Office: "x"}} {
		a, erra := wa.st.Leaders(ctx, f)
		b, errb := wb.st.Leaders(ctx, f)
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("leaders %+v", f), wa, wb, a, b)
	}
	asgFilters := []func(w *world) app.AssignmentFilter{
		func(w *world) app.AssignmentFilter { return app.AssignmentFilter{Office: myOffice} },
		func(w *world) app.AssignmentFilter {
			return app.AssignmentFilter{LeaderID: nthOf(w, app.TableLeaders, 1)}
		},
		func(w *world) app.AssignmentFilter {
			return app.AssignmentFilter{EnterpriseID: nthOf(w, app.TableEnterprises, 4)}
		},
	}
	for _, d := range days {
		asgFilters = append(asgFilters, func(w *world) app.AssignmentFilter { return app.AssignmentFilter{ActiveOn: d} })
	}
	for _, f := range asgFilters {
		a, erra := wa.st.Assignments(ctx, f(wa))
		b, errb := wb.st.Assignments(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("assignments %+v", f(wa)), wa, wb, a, b)
	}
	for _, f := range []func(w *world) app.VisitFilter{
		func(w *world) app.VisitFilter { return app.VisitFilter{} },
		func(w *world) app.VisitFilter { return app.VisitFilter{Office: myOffice, Limit: 10} },
		func(w *world) app.VisitFilter {
			return app.VisitFilter{EnterpriseID: nthOf(w, app.TableEnterprises, 2)}
		},
		func(w *world) app.VisitFilter { return app.VisitFilter{LeaderID: nthOf(w, app.TableLeaders, 3)} },
		func(w *world) app.VisitFilter { return app.VisitFilter{From: app.D(2025, 6, 1)} },
		func(w *world) app.VisitFilter { return app.VisitFilter{To: app.D(2025, 6, 1)} },
		func(w *world) app.VisitFilter {
			return app.VisitFilter{From: app.D(2025, 6, 1), To: app.D(2025, 12, 31)}
		},
		func(w *world) app.VisitFilter { return app.VisitFilter{Query: "plc"} },
		func(w *world) app.VisitFilter { return app.VisitFilter{Query: "刘秘书"} },
		func(w *world) app.VisitFilter { return app.VisitFilter{Query: "李"} },
		func(w *world) app.VisitFilter { return app.VisitFilter{Query: "更名"} },
		func(w *world) app.VisitFilter { return app.VisitFilter{Query: "钢铁", Limit: 2} },
	} {
		a, erra := wa.st.Visits(ctx, f(wa))
		b, errb := wb.st.Visits(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("visits %+v", f(wa)), wa, wb, a, b)
	}
	probFilters := []func(w *world) app.ProblemFilter{
		func(w *world) app.ProblemFilter { return app.ProblemFilter{} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{Limit: 7} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{Office: myOffice} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{Dept: " 住建 "} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{Dept: "局", Limit: 4} },
		func(w *world) app.ProblemFilter {
			return app.ProblemFilter{EnterpriseID: nthOf(w, app.TableEnterprises, 7)}
		},
		func(w *world) app.ProblemFilter { return app.ProblemFilter{SourceID: nthOf(w, app.TableVisits, 0)} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{SourceID: id(w, 100)} },
		func(w *world) app.ProblemFilter { return app.ProblemFilter{Overdue: true} },
	}
	for _, s := range app.Statuses {
		probFilters = append(probFilters, func(w *world) app.ProblemFilter { return app.ProblemFilter{Status: s} })
	}
	for _, c := range app.Categories {
		probFilters = append(probFilters, func(w *world) app.ProblemFilter { return app.ProblemFilter{Category: c} })
	}
	for _, d := range days {
		probFilters = append(probFilters, func(w *world) app.ProblemFilter { return app.ProblemFilter{Overdue: true, Today: d} })
	}
	for _, q := range []string{"用地", "指标", "海港-2025", "2026-00", "0012", "plc", "PLC控制", "Plc", "pl", "c", "耀华", "有限公司",
		"王科长", "zhang", "区住建局", "资金 紧张", "招工难", "%", "_", "协调 用地", "更名", "补充", "ABC科技", "abc", "焊工，"} {
		probFilters = append(probFilters, func(w *world) app.ProblemFilter { return app.ProblemFilter{Query: q} })
	}
	probFilters = append(probFilters,
		func(w *world) app.ProblemFilter {
			return app.ProblemFilter{Query: "资金", Status: app.StatusAssigned, Overdue: true, Today: scenarioToday, Limit: 3}
		},
		func(w *world) app.ProblemFilter {
			return app.ProblemFilter{Query: "局", Category: "用地", Dept: "区"}
		})
	for _, f := range probFilters {
		a, erra := wa.st.Problems(ctx, f(wa))
		b, errb := wb.st.Problems(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("problems %+v", f(wa)), wa, wb, a, b)
	}

	meetFilters := []func(w *world) app.MeetingFilter{
		func(w *world) app.MeetingFilter { return app.MeetingFilter{} },
		func(w *world) app.MeetingFilter { return app.MeetingFilter{Office: myOffice, Limit: 5} },
		func(w *world) app.MeetingFilter { return app.MeetingFilter{Office: "130303"} },
		func(w *world) app.MeetingFilter { return app.MeetingFilter{From: app.D(2025, 7, 1)} },
		func(w *world) app.MeetingFilter { return app.MeetingFilter{To: app.D(2025, 7, 1)} },
		func(w *world) app.MeetingFilter {
			return app.MeetingFilter{From: app.D(2025, 3, 1), To: app.D(2025, 3, 31)}
		},
	}
	for _, k := range app.MeetingKinds {
		for _, y := range []int{2024, 2025, 2026} {
			meetFilters = append(meetFilters, func(w *world) app.MeetingFilter {
				return app.MeetingFilter{Office: myOffice, Kind: k, From: app.D(y, 1, 1), To: app.D(y, 12, 31)}
			})
		}
		meetFilters = append(meetFilters, func(w *world) app.MeetingFilter { return app.MeetingFilter{Kind: k, Limit: 2} })
	}
	for _, q := range []string{"会议室", "PLC", "plc", "%", "_", "王区长", "zhao", "补充", "用地", " 纪要 "} {
		meetFilters = append(meetFilters, func(w *world) app.MeetingFilter { return app.MeetingFilter{Query: q} })
	}
	for _, f := range meetFilters {
		a, erra := wa.st.Meetings(ctx, f(wa))
		b, errb := wb.st.Meetings(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("meetings %+v", f(wa)), wa, wb, a, b)
	}
	needFilters := []func(w *world) app.FinancingFilter{
		func(w *world) app.FinancingFilter { return app.FinancingFilter{} },
		func(w *world) app.FinancingFilter { return app.FinancingFilter{Office: myOffice, Limit: 7} },
		func(w *world) app.FinancingFilter { return app.FinancingFilter{Office: "130303"} },
	}
	for n := range 4 {
		needFilters = append(needFilters,
			func(w *world) app.FinancingFilter {
				return app.FinancingFilter{EnterpriseID: nthOf(w, app.TableEnterprises, n*5)}
			},
			func(w *world) app.FinancingFilter {
				return app.FinancingFilter{MeetingID: nthOf(w, app.TableMeetings, n*3)}
			})
	}
	for _, b := range []string{app.Banks[0], app.Banks[6], "秦皇岛银行股份", "秦皇岛"} {
		needFilters = append(needFilters, func(w *world) app.FinancingFilter { return app.FinancingFilter{Bank: b} })
	}
	for _, s := range app.NeedStatuses {
		needFilters = append(needFilters, func(w *world) app.FinancingFilter { return app.FinancingFilter{Status: s, Limit: 4} })
	}
	for _, f := range needFilters {
		a, erra := wa.st.FinancingNeeds(ctx, f(wa))
		b, errb := wb.st.FinancingNeeds(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("financing needs %+v", f(wa)), wa, wb, a, b)
	}
	loanFilters := []func(w *world) app.LoanFilter{
		func(w *world) app.LoanFilter { return app.LoanFilter{} },
		func(w *world) app.LoanFilter { return app.LoanFilter{Office: myOffice, Limit: 3} },
		func(w *world) app.LoanFilter { return app.LoanFilter{Office: "130303"} },
		func(w *world) app.LoanFilter { return app.LoanFilter{Status: app.LoanOverdue} },
	}
	for n := range 4 {
		loanFilters = append(loanFilters, func(w *world) app.LoanFilter {
			return app.LoanFilter{EnterpriseID: nthOf(w, app.TableEnterprises, n*6+1)}
		})
	}
	for _, s := range app.LoanStatuses {
		loanFilters = append(loanFilters, func(w *world) app.LoanFilter { return app.LoanFilter{Status: s} })
	}
	for _, f := range loanFilters {
		a, erra := wa.st.BridgeLoans(ctx, f(wa))
		b, errb := wb.st.BridgeLoans(ctx, f(wb))
		check(t, erra, errb)
		sameList(t, fmt.Sprintf("bridge loans %+v", f(wa)), wa, wb, a, b)
	}
	fa, la, erra := wa.svc.Fund(ctx, myOffice)
	fb, lb, errb := wb.svc.Fund(ctx, myOffice)
	check(t, erra, errb)
	if fa != fb {
		t.Errorf("fund: apptest %+v, data %+v", fa, fb)
	}
	sameList(t, "fund loans", wa, wb, la, lb)
	da, erra := wa.svc.Dashboard(ctx, "")
	db, errb := wb.svc.Dashboard(ctx, "")
	check(t, erra, errb)
	if !reflect.DeepEqual(da.Meetings, db.Meetings) {
		t.Errorf("dashboard meetings: apptest %+v, data %+v", da.Meetings, db.Meetings)
	}
	sameList(t, "dashboard overdue loans", wa, wb, da.OverdueLoans, db.OverdueLoans)

	// The dashboard and the counts, on many days and settings.
	settings := []app.Settings{app.DefaultSettings(), {AssignWithinDays: 1, DueSoonDays: 30, VisitIntervalMonths: 1},
		{AssignWithinDays: 10, DueSoonDays: 1, VisitIntervalMonths: 12}, {AssignWithinDays: 5, DueSoonDays: 14, VisitIntervalMonths: 6}}
	offices := []string{"", myOffice, app.CityCode} // every office's, this office's, another's (none)
	for d := app.D(2024, 12, 1); d.Before(app.D(2026, 10, 1)); d = d.AddDays(9) {
		for i, s := range settings {
			o := offices[(d.Day()+i)%len(offices)]
			da, erra := wa.st.Dashboard(ctx, d, s, o)
			db, errb := wb.st.Dashboard(ctx, d, s, o)
			check(t, erra, errb)
			what := fmt.Sprintf("dashboard %s %+v office %q", d, s, o)
			sameList(t, what+" overdue", wa, wb, da.Overdue, db.Overdue)
			sameList(t, what+" due soon", wa, wb, da.DueSoon, db.DueSoon)
			sameList(t, what+" unassigned", wa, wb, da.Unassigned, db.Unassigned)
			sameList(t, what+" unvisited", wa, wb, da.Unvisited, db.Unvisited)
			sameList(t, what+" idle leaders", wa, wb, da.IdleLeaders, db.IdleLeaders)
			if da.OpenCount != db.OpenCount || da.Today != db.Today || da.PeriodStart != db.PeriodStart {
				t.Errorf("%s: apptest %d %s %s, data %d %s %s", what, da.OpenCount, da.Today, da.PeriodStart, db.OpenCount, db.Today, db.PeriodStart)
			}
		}
		sa, erra := wa.st.Stats(ctx, d)
		sb, errb := wb.st.Stats(ctx, d)
		check(t, erra, errb)
		if !reflect.DeepEqual(sa, sb) {
			t.Errorf("stats on %s: apptest %+v, data %+v", d, sa, sb)
		}
	}
	sa, _ := wa.st.Settings(ctx)
	sb, _ := wb.st.Settings(ctx)
	oa, _ := wa.st.Office(ctx)
	ob, _ := wb.st.Office(ctx)
	if !reflect.DeepEqual(sa, sb) || oa != ob {
		t.Errorf("settings %+v / %+v, office %+v / %+v", sa, sb, oa, ob)
	}
}
