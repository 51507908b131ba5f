package datatest_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

var haigang = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}

func TestNewSetUpIsTheOffice(t *testing.T) {
	st := datatest.NewSetUp(t, haigang)
	o, err := st.Office(context.Background())
	if err != nil || o.Code != haigang.Code {
		t.Fatalf("Office = %+v, %v", o, err)
	}
	if n := len(st.Ops()); n != 0 {
		t.Errorf("a new database has %d ops", n)
	}
	if _, err := datatest.New(t).Office(context.Background()); !errors.Is(err, app.ErrNotSetUp) {
		t.Errorf("New: Office error %v, want ErrNotSetUp", err)
	}
}

func TestFailNextUpdateRollsBackOneCommit(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigang)
	svc := app.NewService(st, "张三")
	boom := errors.New("disk full")

	st.FailNextUpdate(boom)
	if err := st.Update(ctx, app.Op{}, func(app.Tx) error { return errors.New("form refused") }); err == nil {
		t.Fatal("a failing fn committed")
	}
	e := app.Enterprise{CreditCode: datatest.CreditCode(1), Name: "企业甲"}
	if err := svc.SaveEnterprise(ctx, &e); !errors.Is(err, boom) {
		t.Fatalf("save with an armed failure: %v", err)
	}
	if list, _ := st.Enterprises(ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Fatalf("the failed commit kept %v", list)
	}
	if n := len(st.Ops()); n != 0 {
		t.Errorf("%d ops recorded for a failed commit", n)
	}
	e = app.Enterprise{CreditCode: datatest.CreditCode(1), Name: "企业甲"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("save after the failure: %v", err)
	}
	ops := st.Ops()
	if len(ops) != 1 || ops[0].Operator != "张三" {
		t.Errorf("ops %+v, want one of 张三", ops)
	}
	log := st.ChangeLog()
	if len(log) != 1 || log[0].Table != app.TableEnterprises || log[0].RecordID != e.ID || log[0].Op != "insert" {
		t.Errorf("change log %+v", log)
	}
}

func TestSetOwner(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigang)
	svc := &app.Service{Store: st, Now: func() time.Time { return time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC) }, Operator: "张三"}
	e := app.Enterprise{CreditCode: datatest.CreditCode(2), Name: "企业乙"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	before := len(st.ChangeLog())
	if err := st.SetOwner(app.TableEnterprises, "130303", e.ID, "no-such-id"); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("SetOwner of an unknown ID: %v", err)
	}
	if got, _ := st.Enterprise(ctx, e.ID); got.Office != haigang.Code {
		t.Fatalf("a refused SetOwner changed the owner to %s", got.Office)
	}
	if err := st.SetOwner(app.TableEnterprises, "130303", e.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Enterprise(ctx, e.ID); got.Office != "130303" {
		t.Fatalf("owner %s, want 130303", got.Office)
	}
	e.Name = "企业乙改"
	if err := svc.SaveEnterprise(ctx, &e); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("saving another office's record: %v", err)
	}
	if n := len(st.ChangeLog()); n != before {
		t.Errorf("SetOwner wrote %d change-log rows", n-before)
	}
	if err := st.SetOwner(app.Table("nope"), "130303", e.ID); err == nil {
		t.Error("an unknown table was accepted")
	}
}

func TestCreditCodesAreValidAndDistinct(t *testing.T) {
	seen := map[string]bool{}
	for n := range 50 {
		c := datatest.CreditCode(n)
		e := app.Enterprise{CreditCode: c, Name: fmt.Sprint("企业", n)}
		e.Normalize()
		if err := e.Validate(); err != nil || seen[c] {
			t.Fatalf("code %d %s: %v (seen %v)", n, c, err, seen[c])
		}
		seen[c] = true
	}
}

// Snapshot sees a change in any table, the change log included, and none
// when nothing changed.
func TestSnapshot(t *testing.T) {
	st := datatest.NewSetUp(t, haigang)
	before := st.Snapshot()
	if before.Integrity != "ok" || len(before.Tables) < 10 || before.Tables["office"].Rows != 1 {
		t.Fatalf("snapshot of a new database: %+v", before)
	}
	if d := before.Diff(st.Snapshot()); d != nil {
		t.Fatalf("nothing changed, yet %v", d)
	}
	l := app.Leader{Name: "王建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := app.NewService(st, "张三").SaveLeader(context.Background(), &l); err != nil {
		t.Fatal(err)
	}
	// The leader, its change-log row and its row of the search index.
	d := before.Diff(st.Snapshot())
	var index []string
	d = slices.DeleteFunc(d, func(s string) bool {
		if strings.HasPrefix(s, "table search_") {
			index = append(index, s)
			return true
		}
		return false
	})
	if len(d) != 2 || !strings.Contains(d[0], "changes") || !strings.Contains(d[1], "leaders") || len(index) == 0 {
		t.Errorf("a new leader shows as %v, and in the search index as %v", d, index)
	}
}
