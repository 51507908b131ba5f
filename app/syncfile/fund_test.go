package syncfile_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"wugeyi/app"
)

// rtApply has county n apply to the city fund for enterprise e.
func (n *rtNode) rtApply(t *testing.T, e app.Enterprise, applied app.Yuan) app.BridgeLoan {
	t.Helper()
	today := n.svc.Today()
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "中国银行秦皇岛分行", Original: applied + 2_000_000, OriginalDue: today.AddDays(2),
		Applied: applied, AppliedOn: today.AddDays(-5), Commitment: "中国银行秦皇岛分行续贷承诺函（2026年3月10日）", TermDays: 10}
	if err := n.svc.SaveBridgeLoan(context.Background(), &l); err != nil {
		t.Fatalf("%s applies: %v", n.o.Name, err)
	}
	if !l.CityFund {
		t.Fatalf("%s's application is not to the city fund: %+v", n.o.Name, l)
	}
	return l
}

// unchanged fails when fn changes n's database.
func (n *rtNode) unchanged(t *testing.T, what string, fn func()) {
	t.Helper()
	before := n.st.Snapshot()
	fn()
	if d := before.Diff(n.st.Snapshot()); len(d) != 0 {
		t.Errorf("%s changed %v", what, d)
	}
}

// bookLoan is the loan with id in n's FundBook of office.
func (n *rtNode) bookLoan(t *testing.T, office, id string) (app.FundBook, app.BridgeLoan) {
	t.Helper()
	b, err := n.svc.FundBook(context.Background(), office)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range b.Loans {
		if l.ID == id {
			return b, l
		}
	}
	t.Fatalf("%s's fund book of %q lacks loan %s", n.o.Name, office, id)
	return b, app.BridgeLoan{}
}

// TestFundRoundTrip: a county's application travels to the city in its
// file, the city decides it under the fund's rules over every county's
// applications, the decision travels back and is read-only at the county.
func TestFundRoundTrip(t *testing.T) {
	ctx := context.Background()
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	today := city.svc.Today()
	hgR, shgR := hg.enter(t), shg.enter(t)
	st, _ := city.svc.Settings(ctx)
	st.FundSize, st.LoanUsesPerYear = 10_000_000, 1 // 1000万元, once a year
	if err := city.svc.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	a1 := hg.rtApply(t, hgR.enterprises[0], 6_000_000)
	a2 := shg.rtApply(t, shgR.enterprises[0], 6_000_000)

	// The applications travel to the city and show in its fund's ledger.
	p, _ := hg.export(t, app.CityCode, false)
	city.importFile(t, p)
	p, _ = shg.export(t, app.CityCode, false)
	city.importFile(t, p)
	b, l := city.bookLoan(t, "", a1.ID)
	if l.Status != app.LoanApplied || l.Decision != nil || len(b.Loans) != 2 || !b.City || b.State.Free != 10_000_000 {
		t.Fatalf("at the city: %+v, fund %+v, %d loans", l, b.State, len(b.Loans))
	}
	if s, _ := city.st.Stats(ctx, today); s.LoanApplications != 2 {
		t.Errorf("city stats: %d applications, want 2", s.LoanApplications)
	}

	// Bad decisions change nothing.
	pay := app.LoanAction{Kind: app.LoanActPay, Date: today.AddDays(-1), Amount: 5_000_000, DueBack: today.AddDays(9)}
	city.unchanged(t, "decisions the rules refuse", func() {
		if _, err := city.svc.DecideLoan(ctx, "00000000-0000-4000-8000-00000000abcd", pay); err == nil || !strings.Contains(app.Message(err), "没有收到") {
			t.Errorf("a decision on an application never received: %v", err)
		}
		too := pay
		too.Amount = 7_000_000
		if _, err := city.svc.DecideLoan(ctx, a1.ID, too); app.FieldMsg(err, "Amount") == "" {
			t.Errorf("more than applied: %v", err)
		}
		long := pay
		long.DueBack = pay.Date.AddDays(31)
		if _, err := city.svc.DecideLoan(ctx, a1.ID, long); app.FieldMsg(err, "DueBack") == "" {
			t.Errorf("beyond 30 days: %v", err)
		}
		if _, err := city.svc.DecideLoan(ctx, a1.ID, app.LoanAction{Kind: app.LoanActRepay, Date: today}); err == nil {
			t.Error("a repayment of an application never paid out")
		}
		if _, err := city.svc.DecideLoan(ctx, a1.ID, app.LoanAction{Kind: app.LoanActRefuse, Date: today}); app.FieldMsg(err, "Reason") == "" {
			t.Errorf("a refusal without a reason: %v", err)
		}
		if _, err := hg.svc.DecideLoan(ctx, a1.ID, pay); err == nil {
			t.Error("a county decided")
		}
	})
	d1, err := city.svc.DecideLoan(ctx, a1.ID, pay)
	if err != nil {
		t.Fatal(err)
	}
	// The fund is one: 山海关区's application finds only 500万元 free.
	city.unchanged(t, "a decision beyond the fund's balance", func() {
		if _, err := city.svc.DecideLoan(ctx, a2.ID, withAmount(pay, 6_000_000)); !strings.Contains(app.FieldMsg(err, "Amount"), "可用余额只有 500万元") {
			t.Errorf("beyond the balance: %v", err)
		}
	})
	if _, err := city.svc.DecideLoan(ctx, a1.ID, pay); err == nil {
		t.Error("a second decision on a decided application")
	}

	// The decision travels back to 海港区 alone and is read-only there.
	p, m := city.export(t, rtHaigang.Code, false)
	if m.Counts[app.TableLoanDecisions] != 1 {
		t.Errorf("the city's file to 海港区 carries %v", m.Counts)
	}
	hg.importFile(t, p)
	p, m = city.export(t, rtShanhai.Code, false)
	if m.Counts[app.TableLoanDecisions] != 0 {
		t.Errorf("the city's file to 山海关区 carries another county's decision: %v", m.Counts)
	}
	_, got := hg.bookLoan(t, rtHaigang.Code, a1.ID)
	if got.Status != app.LoanPaid || got.Decision == nil || got.Decision.ID != d1.ID || got.Approved != 5_000_000 || !got.DueBack.Equal(pay.DueBack) {
		t.Errorf("at 海港区: %+v", got)
	}
	hg.unchanged(t, "editing a decided application", func() {
		edit := a1
		edit.Applied = 5_500_000
		if err := hg.svc.SaveBridgeLoan(ctx, &edit); err == nil || !strings.Contains(err.Error(), "作出决定") {
			t.Errorf("a decided application edited: %v", err)
		}
		if err := hg.svc.Delete(ctx, app.TableLoans, a1.ID); err == nil {
			t.Error("a decided application deleted")
		}
		if err := hg.svc.Delete(ctx, app.TableLoanDecisions, d1.ID); !errors.Is(err, app.ErrNotOwner) {
			t.Errorf("the county deleted the city's decision: %v", err)
		}
	})

	// Repaid: the money is free again, and 海港区 sees it settled.
	if _, err := city.svc.DecideLoan(ctx, a1.ID, app.LoanAction{Kind: app.LoanActRepay, Date: today, Fee: 5000}); err != nil {
		t.Fatal(err)
	}
	p, _ = city.export(t, rtHaigang.Code, false)
	hg.importFile(t, p)
	if _, got := hg.bookLoan(t, rtHaigang.Code, a1.ID); got.Status != app.LoanSettled || got.Fee != 5000 {
		t.Errorf("at 海港区 after repayment: %+v", got)
	}
	if b, _ := city.bookLoan(t, "", a1.ID); b.State.Free != 10_000_000 || len(b.Ledger) != 2 {
		t.Errorf("the city fund after repayment: %+v, %d ledger lines", b.State, len(b.Ledger))
	}
	// Once a year: 海港区's second application for the same enterprise.
	a3 := hg.rtApply(t, hgR.enterprises[0], 1_000_000)
	p, _ = hg.export(t, app.CityCode, false)
	city.importFile(t, p)
	city.unchanged(t, "a second pay-out in the year", func() {
		if _, err := city.svc.DecideLoan(ctx, a3.ID, withAmount(pay, 1_000_000)); !strings.Contains(app.FieldMsg(err, "Date"), "每年最多1次") {
			t.Errorf("a second pay-out in a year: %v", err)
		}
	})
	if _, err := city.svc.DecideLoan(ctx, a3.ID, app.LoanAction{Kind: app.LoanActRefuse, Date: today, Reason: "本年度已使用一次"}); err != nil {
		t.Fatal(err)
	}
	if _, l := city.bookLoan(t, "", a3.ID); l.Status != app.LoanRefused {
		t.Errorf("refused application shows %s", l.Status)
	}
}

// withAmount is a with the amount n.
func withAmount(a app.LoanAction, n app.Yuan) app.LoanAction { a.Amount = n; return a }

// decisionChange is the change that carries decision d, owned by office.
func decisionChange(t *testing.T, seq int64, office string, d app.LoanDecision) app.Change {
	t.Helper()
	d.Meta = app.Meta{ID: d.ID, Office: office, Version: 1, UpdatedAt: rtNow, UpdatedBy: "张三"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return app.Change{Seq: seq, Table: app.TableLoanDecisions, ID: d.ID, Office: office, Version: 1, Data: b}
}

// TestFundBadFiles: a county's file that carries a fund decision, and a
// city's file with a decision on an application the county never made,
// are each refused whole, changing nothing but the sync log.
func TestFundBadFiles(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	a := hg.rtApply(t, r.enterprises[0], 3_000_000)
	today := hg.svc.Today()

	// 海港区 approves its own application in its file.
	cs, top, err := hg.st.Changes(ctx, rtHaigang.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	own := app.LoanDecision{Meta: app.Meta{ID: "00000000-0000-4000-8000-0000000000d1"}, LoanID: a.ID, LoanOffice: rtHaigang.Code,
		Outcome: app.LoanGranted, Date: today, Approved: 3_000_000, PaidOn: today, DueBack: today.AddDays(10)}
	cs = append(cs, decisionChange(t, top+1, rtHaigang.Code, own))
	plan := city.refusedWhole(t, hg.craft(t, city, top+1, cs))
	if len(plan.Refused) != 1 || plan.Refused[0].Table != app.TableLoanDecisions || !strings.Contains(plan.Refused[0].Msg, "只由市工信局") {
		t.Errorf("refused %+v, want the county's decision, refused as the city's record", plan.Refused)
	}

	// The city sends 海港区 a decision on an application it never made.
	stray := own
	stray.LoanID = "00000000-0000-4000-8000-0000000000f0"
	plan = hg.refusedWhole(t, city.craft(t, hg, 1, []app.Change{decisionChange(t, 1, app.CityCode, stray)}))
	if len(plan.Refused) != 1 || !strings.Contains(plan.Refused[0].Msg, "不在本单位的数据库中") {
		t.Errorf("refused %+v, want the stray decision, its application not here", plan.Refused)
	}
	// A decision that breaks its own rules (due back before the pay-out).
	bad := own
	bad.DueBack = today.AddDays(-1)
	plan = hg.refusedWhole(t, city.craft(t, hg, 1, []app.Change{decisionChange(t, 1, app.CityCode, bad)}))
	if len(plan.Refused) != 1 || !strings.Contains(plan.Refused[0].Msg, "约定归还日期") {
		t.Errorf("refused %+v, want the decision due back before its pay-out", plan.Refused)
	}
}
