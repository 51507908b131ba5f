package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// carry puts every record of office from one store into another, as an
// imported sync file does.
func carry(t *testing.T, from, to *datatest.Store, office string) {
	t.Helper()
	ctx := context.Background()
	cs, _, err := from.Changes(ctx, office, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := to.Update(ctx, app.Op{Operator: "导入", At: time.Date(2026, time.November, 27, 9, 30, 0, 0, time.Local)}, func(tx app.Tx) error {
		for _, e := range tx.PutAll(cs, nil) {
			if e != nil {
				return e
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestFundApplicationAndDecision: at a county without a fund of its own
// the screen is 转贷申请 and a new application goes to the city fund with
// the bank's commitment and the term; at the city the application shows
// in the fund's ledger with the decisions to take; the city's refusal,
// back at the county, shows read-only.
func TestFundApplicationAndDecision(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 8)
	s := u.loans
	u.selectTab(s)
	s.reload()
	if got := s.tabs.Items[0].Text; got != "转贷申请" {
		t.Errorf("the county's loan screen is %q, want 转贷申请", got)
	}
	if !strings.Contains(s.fundL.Text, "报市级应急转贷基金") {
		t.Errorf("fund line %q", s.fundL.Text)
	}
	s.newRecord()
	s.enterprise.choose(ent.ID)
	s.bank.SetText("秦皇岛银行")
	s.original.SetText("600")
	s.origDue.SetText("2026-12-05")
	s.applied.SetText("500")
	s.appCommit.SetText("秦皇岛银行续贷承诺函（2026年11月20日）")
	s.termDays.SetText("12")
	test.Tap(shownButton(t, s.root, "保存申请"))
	l := s.cur
	if l.ID == "" || !l.CityFund || l.TermDays != 12 || l.Commitment == "" {
		t.Fatalf("saved application %+v; form says %s", l, fieldMessages(s.form))
	}
	if !strings.Contains(s.state.Text, "尚未审批") || lookButton(s.root, "批准放款") != nil {
		t.Errorf("the county's application shows %q, or a decision to take", s.state.Text)
	}

	city, cst := newTestUIOf(t, app.Office{Code: app.CityCode, Name: app.OfficeName(app.CityCode), Role: app.RoleCity})
	carry(t, st, cst, haigang.Code)
	c := city.loans
	city.selectTab(c)
	c.reload()
	if c.tabs.Items[0].Text != "转贷业务" || !strings.Contains(c.fundL.Text, "县区申请待审批 1 笔") || len(c.list) != 1 {
		t.Fatalf("the city's fund: %q, %q, %d loans", c.tabs.Items[0].Text, c.fundL.Text, len(c.list))
	}
	c.table.pick(0)
	shownButton(t, c.root, "批准放款")
	if lookButton(c.root, "保存申请") != nil || lookButton(c.root, "删除") != nil {
		t.Error("the city may edit or delete the county's application")
	}
	test.Tap(shownButton(t, c.root, "不予支持"))
	test.Tap(shownButton(t, c.root, "确定"))
	if msg := fieldMessages(c.act); !strings.Contains(msg, "理由") {
		t.Errorf("a refusal without a reason: %q", msg)
	}
	c.reason.SetText("原贷款已展期，不属于到期续贷")
	test.Tap(shownButton(t, c.root, "确定"))
	if c.cur.Decision == nil || c.cur.Status != app.LoanRefused || lookButton(c.root, "批准放款") != nil {
		t.Fatalf("after the refusal: %+v", c.cur)
	}

	carry(t, cst, st, app.CityCode)
	s.reload()
	s.open(l.ID)
	if !strings.Contains(s.state.Text, "不予支持：原贷款已展期") || !s.save.Hidden || !s.del.Hidden {
		t.Errorf("the county sees %q, save hidden %v, delete hidden %v", s.state.Text, s.save.Hidden, s.del.Hidden)
	}
}
