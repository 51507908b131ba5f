package app_test

import (
	"fmt"
	"testing"
	"time"

	"wugeyi/app"
)

func validNeed() app.FinancingNeed {
	return app.FinancingNeed{
		Date: app.D(2026, time.March, 10), EnterpriseID: "e-1", Amount: 8_000_000, Use: "购买原材料",
		TermMonths: 12, Collateral: "厂房抵押", Bank: "秦皇岛银行",
	}
}

func TestFinancingNeedValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		mod  func(n *app.FinancingNeed)
	}{
		{"open", func(n *app.FinancingNeed) { n.Status = app.NeedOpen }},
		{"open, no bank yet", func(n *app.FinancingNeed) { n.Status, n.Bank = app.NeedOpen, "" }},
		{"credit", func(n *app.FinancingNeed) { n.Status, n.Credit = app.NeedCredit, 5_000_000 }},
		{"lent", func(n *app.FinancingNeed) {
			n.Status, n.Credit, n.Lent, n.LentOn = app.NeedLent, 8_000_000, 6_000_000, app.D(2026, 4, 2)
		}},
		{"lent without a credit line", func(n *app.FinancingNeed) { n.Status, n.Lent, n.LentOn = app.NeedLent, 1, app.D(2026, 4, 2) }},
		{"refused", func(n *app.FinancingNeed) { n.Status, n.Reason = app.NeedRefused, "企业资产负债率过高" }},
		{"no term", func(n *app.FinancingNeed) { n.TermMonths = 0 }},
		{"thirty years", func(n *app.FinancingNeed) { n.TermMonths = 360 }},
		{"one 元", func(n *app.FinancingNeed) { n.Amount = 1 }},
	}
	for _, tc := range tests {
		n := validNeed()
		tc.mod(&n)
		if err := n.Validate(); err != nil {
			t.Errorf("%s: refused: %v", tc.name, err)
		}
	}
	n := validNeed()
	if err := n.Validate(); err != nil || n.Status != app.NeedOpen {
		t.Errorf("a need with no status: %v, status %q; want it open", err, n.Status)
	}
}

func TestFinancingNeedValidateRefuses(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(n *app.FinancingNeed)
		field string
	}{
		{"no enterprise", func(n *app.FinancingNeed) { n.EnterpriseID = "" }, "EnterpriseID"},
		{"no date", func(n *app.FinancingNeed) { n.Date = app.Date{} }, "Date"},
		{"amount zero", func(n *app.FinancingNeed) { n.Amount = 0 }, "Amount"},
		{"amount negative", func(n *app.FinancingNeed) { n.Amount = -10_000 }, "Amount"},
		{"amount minus one 元", func(n *app.FinancingNeed) { n.Amount = -1 }, "Amount"},
		{"no use", func(n *app.FinancingNeed) { n.Use = " " }, "Use"},
		{"term negative", func(n *app.FinancingNeed) { n.TermMonths = -1 }, "TermMonths"},
		{"term too long", func(n *app.FinancingNeed) { n.TermMonths = 361 }, "TermMonths"},
		{"unknown status", func(n *app.FinancingNeed) { n.Status = "已签约" }, "Status"},
		{"credit without a line", func(n *app.FinancingNeed) { n.Status = app.NeedCredit }, "Credit"},
		{"credit with a negative line", func(n *app.FinancingNeed) { n.Status, n.Credit = app.NeedCredit, -5 }, "Credit"},
		{"credit without a bank", func(n *app.FinancingNeed) { n.Status, n.Credit, n.Bank = app.NeedCredit, 5_000_000, "" }, "Bank"},
		{"lent without an amount", func(n *app.FinancingNeed) { n.Status, n.LentOn = app.NeedLent, app.D(2026, 4, 2) }, "Lent"},
		{"lent without a date", func(n *app.FinancingNeed) { n.Status, n.Lent = app.NeedLent, 6_000_000 }, "LentOn"},
		{"lent without a bank", func(n *app.FinancingNeed) {
			n.Status, n.Lent, n.LentOn, n.Bank = app.NeedLent, 6_000_000, app.D(2026, 4, 2), " "
		}, "Bank"},
		{"refused without a reason", func(n *app.FinancingNeed) { n.Status = app.NeedRefused }, "Reason"},
		{"refused without a bank", func(n *app.FinancingNeed) { n.Status, n.Reason, n.Bank = app.NeedRefused, "抵押不足", "" }, "Bank"},
		{"open with a negative credit line", func(n *app.FinancingNeed) { n.Credit = -1 }, "Credit"},
		{"open with a negative amount lent", func(n *app.FinancingNeed) { n.Lent = -1 }, "Lent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := validNeed()
			tc.mod(&n)
			checkRefusal(t, n.Validate(), tc.field)
		})
	}
}

func TestFinancingNeedNormalize(t *testing.T) {
	n := app.FinancingNeed{Use: " 流动资金 ", Collateral: " 厂房 ", Bank: " 秦皇岛银行 ", Status: " 已授信 ", Reason: " 无 "}
	n.Normalize()
	if n.Use != "流动资金" || n.Collateral != "厂房" || n.Bank != "秦皇岛银行" || n.Status != app.NeedCredit || n.Reason != "无" {
		t.Errorf("not trimmed: %+v", n)
	}
}

func TestTotalsByBank(t *testing.T) {
	deleted := app.FinancingNeed{Bank: "秦皇岛银行", Amount: 99_000_000, Credit: 99_000_000}
	deleted.Deleted = true
	needs := []app.FinancingNeed{
		{Bank: "秦皇岛银行", Amount: 8_000_000, Status: app.NeedOpen},
		{Bank: "秦皇岛银行", Amount: 5_000_000, Credit: 5_000_000, Lent: 3_000_000, Status: app.NeedLent},
		{Bank: "中国银行秦皇岛分行", Amount: 2_000_000, Status: app.NeedRefused, Reason: "抵押不足"},
		{Bank: "中国银行秦皇岛分行", Amount: 3_000_000, Credit: 2_500_000, Status: app.NeedCredit},
		{Bank: "中国银行秦皇岛分行", Amount: 1_000_000, Status: app.NeedRefused, Reason: "不符合产业政策"},
		{Amount: 1_234_500, Status: app.NeedOpen},
		{Bank: "河北银行秦皇岛分行", Amount: 1, Status: app.NeedOpen},
		deleted,
	}
	got := app.TotalsByBank(needs)
	want := []app.BankTotal{
		{Bank: "中国银行秦皇岛分行", Needs: 3, Amount: 6_000_000, Credit: 2_500_000, Refused: 2},
		{Bank: "未推荐", Needs: 1, Amount: 1_234_500},
		{Bank: "河北银行秦皇岛分行", Needs: 1, Amount: 1},
		{Bank: "秦皇岛银行", Needs: 2, Amount: 13_000_000, Credit: 5_000_000, Lent: 3_000_000},
	}
	// Banks in name order (as strings sort).
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("TotalsByBank:\n got  %+v\n want %+v", got, want)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].Bank >= got[i].Bank {
			t.Errorf("banks not in order: %q before %q", got[i-1].Bank, got[i].Bank)
		}
	}
	all := app.TotalOf(needs)
	if all != (app.BankTotal{Needs: 7, Amount: 20_234_501, Credit: 7_500_000, Lent: 3_000_000, Refused: 2}) {
		t.Errorf("TotalOf = %+v", all)
	}
	// The per-bank totals add up to the total.
	var sum app.BankTotal
	for _, b := range got {
		sum.Needs += b.Needs
		sum.Amount += b.Amount
		sum.Credit += b.Credit
		sum.Lent += b.Lent
		sum.Refused += b.Refused
	}
	if sum != all {
		t.Errorf("per-bank totals add up to %+v, TotalOf is %+v", sum, all)
	}
	if got := app.TotalsByBank(nil); len(got) != 0 {
		t.Errorf("TotalsByBank(nil) = %+v", got)
	}
	if got := app.TotalOf([]app.FinancingNeed{deleted}); got != (app.BankTotal{}) {
		t.Errorf("TotalOf(only deleted) = %+v", got)
	}
}
