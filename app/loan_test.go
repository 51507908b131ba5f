package app_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
)

var (
	loanApplied  = app.D(2026, time.March, 2)
	loanReviewed = app.D(2026, time.March, 4)
	loanApproved = app.D(2026, time.March, 5)
	loanPaid     = app.D(2026, time.March, 9)
	loanDueBack  = app.D(2026, time.March, 24) // 15 days
	loanRepaid   = app.D(2026, time.March, 20)
	allTrue      = []bool{true, true, true, true}
	loanRules    = app.LoanRules{MaxDays: 30, UsesPerYear: 2, Free: 100_000_000}
)

func validLoan() app.BridgeLoan {
	return app.BridgeLoan{
		Meta:         app.Meta{ID: "l-1", Office: "130302", Version: 1},
		EnterpriseID: "e-1", Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, time.March, 10),
		Applied: 10_000_000, AppliedOn: loanApplied, Status: app.LoanApplied,
	}
}

// loanIn returns a loan as it stands in status s, with the fields the
// workflow would have filled in to get there.
func loanIn(s app.LoanStatus) app.BridgeLoan {
	l := validLoan()
	l.Status = s
	if s == app.LoanApplied {
		return l
	}
	l.Conditions, l.Commitment = []bool{true, true, true, true}, "秦皇岛银行续贷承诺函（2026年3月3日）"
	if s == app.LoanReviewed {
		return l
	}
	l.Approved, l.ApprovedOn = 8_000_000, loanApproved
	if s == app.LoanApproved {
		return l
	}
	l.PaidOn, l.DueBack = loanPaid, loanDueBack
	if s == app.LoanPaid {
		return l
	}
	l.RepaidOn, l.Fee = loanRepaid, 12_000
	return l
}

func TestBridgeLoanValidate(t *testing.T) {
	l := validLoan()
	if err := l.Validate(); err != nil {
		t.Fatalf("valid application refused: %v", err)
	}
	l.Applied = l.Original - 1
	if err := l.Validate(); err != nil {
		t.Errorf("application below the original loan refused: %v", err)
	}
	tests := []struct {
		name  string
		mod   func(l *app.BridgeLoan)
		field string
	}{
		{"no enterprise", func(l *app.BridgeLoan) { l.EnterpriseID = "" }, "EnterpriseID"},
		{"no bank", func(l *app.BridgeLoan) { l.Bank = " " }, "Bank"},
		{"no original loan", func(l *app.BridgeLoan) { l.Original = 0 }, "Original"},
		{"negative original loan", func(l *app.BridgeLoan) { l.Original = -1 }, "Original"},
		{"no original due date", func(l *app.BridgeLoan) { l.OriginalDue = app.Date{} }, "OriginalDue"},
		{"nothing applied for", func(l *app.BridgeLoan) { l.Applied = 0 }, "Applied"},
		{"negative application", func(l *app.BridgeLoan) { l.Applied = -5 }, "Applied"},
		{"applied above the original loan", func(l *app.BridgeLoan) { l.Applied = l.Original + 1 }, "Applied"},
		{"no application date", func(l *app.BridgeLoan) { l.AppliedOn = app.Date{} }, "AppliedOn"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := validLoan()
			tc.mod(&l)
			checkRefusal(t, l.Validate(), tc.field)
		})
	}
	l = validLoan()
	l.Applied = 12_000_000
	if msg := app.FieldMsg(l.Validate(), "Applied"); !strings.Contains(msg, "1000万元") {
		t.Errorf("message for an application above the loan does not name it: %q", msg)
	}
}

func TestBridgeLoanNormalize(t *testing.T) {
	l := app.BridgeLoan{Bank: " 秦皇岛银行 ", Commitment: " 承诺函 ", Note: " 备注 "}
	l.Normalize()
	if l.Bank != "秦皇岛银行" || l.Commitment != "承诺函" || l.Note != "备注" {
		t.Errorf("not trimmed: %+v", l)
	}
}

func TestLoanActions(t *testing.T) {
	want := map[app.LoanStatus][]app.LoanActionKind{
		app.LoanApplied:  {app.LoanActReview},
		app.LoanReviewed: {app.LoanActReview, app.LoanActApprove},
		app.LoanApproved: {app.LoanActPay},
		app.LoanPaid:     {app.LoanActRepay},
		app.LoanSettled:  nil,
		app.LoanOverdue:  nil,
	}
	for s, w := range want {
		if got := app.LoanActions(s); !reflect.DeepEqual(got, w) {
			t.Errorf("LoanActions(%s) = %v, want %v", s, got, w)
		}
	}
	if fmt.Sprint(app.LoanStatuses) != "[申请 审核 批准 放款 结清]" {
		t.Errorf("LoanStatuses = %v", app.LoanStatuses)
	}
}

func TestBridgeLoanApplyAccepted(t *testing.T) {
	tests := []struct {
		name   string
		from   app.LoanStatus
		action app.LoanAction
		rules  app.LoanRules
		want   func(l app.BridgeLoan) app.BridgeLoan // the loan after the step
	}{
		{
			name: "review", from: app.LoanApplied, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: allTrue, Commitment: "续贷承诺函"},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.Conditions, l.Commitment = app.LoanReviewed, allTrue, "续贷承诺函"
				return l
			},
		},
		{
			name: "review finding a condition not met", from: app.LoanApplied, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActReview, Date: loanApplied, Conditions: []bool{true, false, true, true}},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.Conditions = app.LoanReviewed, []bool{true, false, true, true}
				return l
			},
		},
		{
			name: "review again", from: app.LoanReviewed, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: []bool{false, true, true, true}, Commitment: "新承诺函"},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Conditions, l.Commitment = []bool{false, true, true, true}, "新承诺函"
				return l
			},
		},
		{
			name: "approve", from: app.LoanReviewed, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActApprove, Date: loanApproved, Amount: 9_000_000},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.Approved, l.ApprovedOn = app.LoanApproved, 9_000_000, loanApproved
				return l
			},
		},
		{
			name: "approve the whole original loan with exactly that much free", from: app.LoanReviewed,
			rules:  app.LoanRules{MaxDays: 30, UsesPerYear: 2, Free: 10_000_000},
			action: app.LoanAction{Kind: app.LoanActApprove, Date: loanApproved, Amount: 10_000_000},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.Approved, l.ApprovedOn = app.LoanApproved, 10_000_000, loanApproved
				return l
			},
		},
		{
			name: "pay out", from: app.LoanApproved, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActPay, Date: loanPaid, DueBack: loanDueBack},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.PaidOn, l.DueBack = app.LoanPaid, loanPaid, loanDueBack
				return l
			},
		},
		{
			name: "pay out for the longest term", from: app.LoanApproved, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActPay, Date: loanPaid, DueBack: loanPaid.AddDays(30)},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.PaidOn, l.DueBack = app.LoanPaid, loanPaid, loanPaid.AddDays(30)
				return l
			},
		},
		{
			name: "pay out the second time in a year", from: app.LoanApproved,
			rules:  app.LoanRules{MaxDays: 30, UsesPerYear: 2, UsesInYear: 1},
			action: app.LoanAction{Kind: app.LoanActPay, Date: loanPaid, DueBack: loanPaid.AddDays(1)},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.PaidOn, l.DueBack = app.LoanPaid, loanPaid, loanPaid.AddDays(1)
				return l
			},
		},
		{
			name: "pay out with no free money (it was set aside at approval)", from: app.LoanApproved,
			rules:  app.LoanRules{MaxDays: 30, UsesPerYear: 2, Free: 0},
			action: app.LoanAction{Kind: app.LoanActPay, Date: loanPaid, DueBack: loanDueBack},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.PaidOn, l.DueBack = app.LoanPaid, loanPaid, loanDueBack
				return l
			},
		},
		{
			name: "repay", from: app.LoanPaid, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActRepay, Date: loanRepaid, Fee: 5000},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.RepaidOn, l.Fee = app.LoanSettled, loanRepaid, 5000
				return l
			},
		},
		{
			name: "repay the day it was paid out, late, without a fee", from: app.LoanPaid, rules: loanRules,
			action: app.LoanAction{Kind: app.LoanActRepay, Date: loanPaid},
			want: func(l app.BridgeLoan) app.BridgeLoan {
				l.Status, l.RepaidOn = app.LoanSettled, loanPaid
				return l
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := loanIn(tc.from)
			before := loanIn(tc.from)
			q, err := l.Apply(tc.action, tc.rules)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if want := tc.want(loanIn(tc.from)); !reflect.DeepEqual(q, want) {
				t.Errorf("after %s:\n got  %+v\n want %+v", tc.action.Kind, q, want)
			}
			if !reflect.DeepEqual(l, before) {
				t.Errorf("Apply changed the loan it was called on: %+v", l)
			}
		})
	}
}

// The conditions a review records are the loan's own: changing the slice
// the form passed changes nothing.
func TestBridgeLoanApplyCopiesConditions(t *testing.T) {
	conds := []bool{true, true, true, true}
	q, err := loanIn(app.LoanApplied).Apply(app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: conds}, loanRules)
	if err != nil {
		t.Fatal(err)
	}
	conds[0] = false
	if !q.AllConditions() {
		t.Error("the review's conditions share the form's slice")
	}
}

func TestBridgeLoanApplyRefused(t *testing.T) {
	noCommit := loanIn(app.LoanReviewed)
	noCommit.Commitment = "  "
	oneFalse := loanIn(app.LoanReviewed)
	oneFalse.Conditions = []bool{true, true, true, false}
	threeConds := loanIn(app.LoanReviewed)
	threeConds.Conditions = []bool{true, true, true}
	noConds := loanIn(app.LoanReviewed)
	noConds.Conditions = nil
	appliedLess := loanIn(app.LoanReviewed)
	appliedLess.Applied = 7_000_000
	approve := func(amount app.Yuan) app.LoanAction {
		return app.LoanAction{Kind: app.LoanActApprove, Date: loanApproved, Amount: amount}
	}
	pay := func(d, due app.Date) app.LoanAction {
		return app.LoanAction{Kind: app.LoanActPay, Date: d, DueBack: due}
	}
	tests := []struct {
		name   string
		loan   app.BridgeLoan
		action app.LoanAction
		rules  app.LoanRules
		field  string
		msg    string // part of the message, if set
	}{
		// Review.
		{"review without a date", loanIn(app.LoanApplied), app.LoanAction{Kind: app.LoanActReview, Conditions: allTrue}, loanRules, "Date", ""},
		{"review before the application", loanIn(app.LoanApplied), app.LoanAction{Kind: app.LoanActReview, Date: loanApplied.AddDays(-1), Conditions: allTrue}, loanRules, "Date", "申请日期"},
		{"review without the conditions", loanIn(app.LoanApplied), app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed}, loanRules, "Conditions", ""},
		{"review with three conditions", loanIn(app.LoanApplied), app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: []bool{true, true, true}}, loanRules, "Conditions", ""},
		// Approval.
		{"approve with a condition unchecked", oneFalse, approve(8_000_000), loanRules, "Conditions", "须全部符合"},
		{"approve a loan never reviewed for the conditions", noConds, approve(8_000_000), loanRules, "Conditions", ""},
		{"approve with three conditions", threeConds, approve(8_000_000), loanRules, "Conditions", ""},
		{"approve without the bank's commitment", noCommit, approve(8_000_000), loanRules, "Commitment", "续贷承诺"},
		{"approve nothing", loanIn(app.LoanReviewed), approve(0), loanRules, "Amount", ""},
		{"approve a negative amount", loanIn(app.LoanReviewed), approve(-1), loanRules, "Amount", ""},
		{"approve above the original loan", loanIn(app.LoanReviewed), approve(10_000_001), loanRules, "Amount", "到期贷款金额"},
		{"approve above the fund's free money", loanIn(app.LoanReviewed), approve(8_000_000),
			app.LoanRules{MaxDays: 30, UsesPerYear: 2, Free: 7_999_999}, "Amount", "可用余额只有 799.9999万元"},
		{"approve with the fund overdrawn", loanIn(app.LoanReviewed), approve(1),
			app.LoanRules{MaxDays: 30, UsesPerYear: 2, Free: -5}, "Amount", "可用余额"},
		{"approve above the amount applied for", appliedLess, approve(8_000_000), loanRules, "Amount", "申请金额"},
		{"approve without a date", loanIn(app.LoanReviewed), app.LoanAction{Kind: app.LoanActApprove, Amount: 1}, loanRules, "Date", ""},
		{"approve before the application", loanIn(app.LoanReviewed), app.LoanAction{Kind: app.LoanActApprove, Date: loanApplied.AddDays(-3), Amount: 1}, loanRules, "Date", ""},
		// Pay-out.
		{"pay out without a due-back date", loanIn(app.LoanApproved), pay(loanPaid, app.Date{}), loanRules, "DueBack", ""},
		{"pay out due back the same day", loanIn(app.LoanApproved), pay(loanPaid, loanPaid), loanRules, "DueBack", "晚于放款日期"},
		{"pay out due back before", loanIn(app.LoanApproved), pay(loanPaid, loanPaid.AddDays(-1)), loanRules, "DueBack", ""},
		{"pay out due back beyond LoanMaxDays", loanIn(app.LoanApproved), pay(loanPaid, loanPaid.AddDays(31)), loanRules, "DueBack", "最长30天"},
		{"pay out beyond a shorter LoanMaxDays", loanIn(app.LoanApproved), pay(loanPaid, loanPaid.AddDays(16)),
			app.LoanRules{MaxDays: 15, UsesPerYear: 2}, "DueBack", "最长15天"},
		{"pay out the third time in a year", loanIn(app.LoanApproved), pay(loanPaid, loanDueBack),
			app.LoanRules{MaxDays: 30, UsesPerYear: 2, UsesInYear: 2}, "Date", "每年最多2次"},
		{"pay out the second time with one use a year", loanIn(app.LoanApproved), pay(loanPaid, loanDueBack),
			app.LoanRules{MaxDays: 30, UsesPerYear: 1, UsesInYear: 1}, "Date", "已使用转贷基金1次"},
		{"pay out without a date", loanIn(app.LoanApproved), pay(app.Date{}, loanDueBack), loanRules, "Date", ""},
		{"pay out before the approval", loanIn(app.LoanApproved), pay(loanApproved.AddDays(-1), loanDueBack), loanRules, "Date", "不能早于批准日期"},
		{"pay out before the application", loanIn(app.LoanApproved), pay(loanApplied.AddDays(-1), loanDueBack), loanRules, "Date", ""},
		// Repayment.
		{"repay before the pay-out", loanIn(app.LoanPaid), app.LoanAction{Kind: app.LoanActRepay, Date: loanPaid.AddDays(-1)}, loanRules, "Date", "不能早于放款日期"},
		{"repay dated after today", loanIn(app.LoanPaid), app.LoanAction{Kind: app.LoanActRepay, Date: loanRepaid},
			app.LoanRules{MaxDays: 30, UsesPerYear: 2, Today: loanRepaid.AddDays(-1)}, "Date", "不能晚于今天"},
		{"repay without a date", loanIn(app.LoanPaid), app.LoanAction{Kind: app.LoanActRepay}, loanRules, "Date", ""},
		{"repay with a negative fee", loanIn(app.LoanPaid), app.LoanAction{Kind: app.LoanActRepay, Date: loanRepaid, Fee: -1}, loanRules, "Fee", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.loan
			before.Conditions = append([]bool(nil), tc.loan.Conditions...)
			q, err := tc.loan.Apply(tc.action, tc.rules)
			checkRefusal(t, err, tc.field)
			if msg := app.FieldMsg(err, tc.field); !strings.Contains(msg, tc.msg) {
				t.Errorf("message %q, want it to say %q", msg, tc.msg)
			}
			if !reflect.DeepEqual(q, tc.loan) || !reflect.DeepEqual(tc.loan.Conditions, before.Conditions) {
				t.Errorf("a refused step returned %+v, want the loan as it was %+v", q, tc.loan)
			}
		})
	}
}

// Every step a status does not allow is refused, on the Kind field, with
// the loan unchanged.
func TestBridgeLoanApplyNotAllowed(t *testing.T) {
	kinds := []app.LoanActionKind{app.LoanActReview, app.LoanActApprove, app.LoanActPay, app.LoanActRepay, "撤销"}
	full := app.LoanAction{Date: loanRepaid, Conditions: allTrue, Commitment: "承诺", Amount: 1, DueBack: loanRepaid.AddDays(1), Fee: 1}
	for _, s := range append(app.LoanStatuses, app.LoanOverdue, "") {
		for _, k := range kinds {
			if slicesContainKind(app.LoanActions(s), k) {
				continue
			}
			l := loanIn(app.LoanApplied)
			if s != "" && s != app.LoanOverdue {
				l = loanIn(s)
			}
			l.Status = s
			a := full
			a.Kind = k
			q, err := l.Apply(a, loanRules)
			var fe app.FieldError
			if !errors.As(err, &fe) || fe.Field != "Kind" || !strings.Contains(fe.Msg, string(k)) {
				t.Errorf("%s from %q: %v, want a refusal on Kind", k, s, err)
			}
			if !reflect.DeepEqual(q, l) {
				t.Errorf("%s from %q changed the loan", k, s)
			}
		}
	}
}

func slicesContainKind(xs []app.LoanActionKind, k app.LoanActionKind) bool {
	for _, x := range xs {
		if x == k {
			return true
		}
	}
	return false
}

// A whole life: application to settlement, through the steps in order.
func TestBridgeLoanLifecycle(t *testing.T) {
	l := validLoan()
	steps := []struct {
		a    app.LoanAction
		want app.LoanStatus
	}{
		{app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: []bool{true, true, false, true}}, app.LoanReviewed},
		{app.LoanAction{Kind: app.LoanActReview, Date: loanReviewed, Conditions: allTrue, Commitment: "承诺函"}, app.LoanReviewed},
		{app.LoanAction{Kind: app.LoanActApprove, Date: loanApproved, Amount: 10_000_000}, app.LoanApproved},
		{app.LoanAction{Kind: app.LoanActPay, Date: loanPaid, DueBack: loanDueBack}, app.LoanPaid},
		{app.LoanAction{Kind: app.LoanActRepay, Date: loanRepaid, Fee: 8000}, app.LoanSettled},
	}
	var holds []bool
	for _, s := range steps {
		var err error
		l, err = l.Apply(s.a, loanRules)
		if err != nil {
			t.Fatalf("%s: %v", s.a.Kind, err)
		}
		if l.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.a.Kind, l.Status, s.want)
		}
		holds = append(holds, l.Holds())
	}
	if fmt.Sprint(holds) != "[false false true true false]" {
		t.Errorf("Holds after each step: %v", holds)
	}
	if l.DaysUsed(app.D(2030, 1, 1)) != 11 {
		t.Errorf("days used = %d, want 11 (9 to 20 March)", l.DaysUsed(app.D(2030, 1, 1)))
	}
}

func TestBridgeLoanOverdueAndDays(t *testing.T) {
	paid := loanIn(app.LoanPaid) // paid 9 March, due back 24 March
	tests := []struct {
		name    string
		loan    app.BridgeLoan
		today   app.Date
		overdue bool
		shown   app.LoanStatus
		days    int
	}{
		{"paid, before due", paid, app.D(2026, 3, 20), false, app.LoanPaid, 11},
		{"paid, on the due-back day", paid, loanDueBack, false, app.LoanPaid, 15},
		{"paid, the day after", paid, loanDueBack.AddDays(1), true, app.LoanOverdue, 16},
		{"paid, long after", paid, app.D(2026, 12, 31), true, app.LoanOverdue, 297},
		{"settled late", loanIn(app.LoanSettled), app.D(2026, 12, 31), false, app.LoanSettled, 11},
		{"approved, never paid", loanIn(app.LoanApproved), app.D(2026, 12, 31), false, app.LoanApproved, 0},
		{"applied", loanIn(app.LoanApplied), app.D(2026, 12, 31), false, app.LoanApplied, 0},
	}
	for _, tc := range tests {
		if got := tc.loan.Overdue(tc.today); got != tc.overdue {
			t.Errorf("%s: Overdue = %v", tc.name, got)
		}
		if got := tc.loan.Shown(tc.today); got != tc.shown {
			t.Errorf("%s: Shown = %s, want %s", tc.name, got, tc.shown)
		}
		if got := tc.loan.DaysUsed(tc.today); got != tc.days {
			t.Errorf("%s: DaysUsed = %d, want %d", tc.name, got, tc.days)
		}
	}
	noDue := paid
	noDue.DueBack = app.Date{}
	if noDue.Overdue(app.D(2030, 1, 1)) {
		t.Error("a paid loan with no due-back date is overdue")
	}
}

func TestBridgeLoanHoldsAndConditions(t *testing.T) {
	for _, s := range app.LoanStatuses {
		l := loanIn(s)
		want := s == app.LoanApproved || s == app.LoanPaid
		if l.Holds() != want {
			t.Errorf("%s: Holds = %v", s, l.Holds())
		}
		l.Deleted = true
		if l.Holds() {
			t.Errorf("deleted %s loan holds money", s)
		}
	}
	for _, c := range [][]bool{nil, {}, {true, true, true}, {true, true, true, false}, {true, true, true, true, true}, {false, false, false, false}} {
		l := app.BridgeLoan{Conditions: c}
		if l.AllConditions() {
			t.Errorf("AllConditions(%v) = true", c)
		}
	}
	if l := (app.BridgeLoan{Conditions: allTrue}); !l.AllConditions() {
		t.Error("AllConditions of four checked = false")
	}
	if len(app.LoanConditions) != 4 {
		t.Errorf("LoanConditions = %v", app.LoanConditions)
	}
}

func TestFund(t *testing.T) {
	mk := func(s app.LoanStatus, approved, fee app.Yuan) app.BridgeLoan {
		l := loanIn(s)
		l.Approved, l.Fee = approved, fee
		if s == app.LoanApplied || s == app.LoanReviewed {
			l.Approved = 0
		}
		return l
	}
	deleted := mk(app.LoanSettled, 50_000_000, 1000)
	deleted.Deleted = true
	loans := []app.BridgeLoan{
		mk(app.LoanApplied, 0, 0),
		mk(app.LoanReviewed, 0, 0),
		mk(app.LoanApproved, 20_000_000, 0),
		mk(app.LoanPaid, 30_000_000, 0),
		mk(app.LoanPaid, 5_000_000, 0),
		mk(app.LoanSettled, 40_000_000, 20_000),
		mk(app.LoanSettled, 10_000_000, 5000),
		deleted,
	}
	got := app.Fund(100_000_000, loans)
	want := app.FundState{Size: 100_000_000, Held: 55_000_000, Free: 45_000_000, Out: 3,
		Lent: 85_000_000, Fees: 25_000, Loans: 7}
	if got != want {
		t.Errorf("Fund:\n got  %+v\n want %+v", got, want)
	}
	if got := app.Fund(100_000_000, nil); got != (app.FundState{Size: 100_000_000, Free: 100_000_000}) {
		t.Errorf("Fund of no loans = %+v", got)
	}
	// A fund made smaller than what loans hold shows it: nothing is free.
	if got := app.Fund(50_000_000, loans); got.Free != -5_000_000 {
		t.Errorf("Fund of a smaller fund: free %s", got.Free)
	}
	// Holding all of it leaves nothing free.
	if got := app.Fund(55_000_000, loans); got.Free != 0 || got.Held != 55_000_000 {
		t.Errorf("Fund fully held = %+v", got)
	}
}

func TestFundLedger(t *testing.T) {
	d := func(day int) app.Date { return app.D(2026, time.April, day) }
	loan := func(id string, amount app.Yuan, paid, repaid app.Date, fee app.Yuan) app.BridgeLoan {
		l := app.BridgeLoan{Meta: app.Meta{ID: id}, EnterpriseName: "企业" + id, Approved: amount, PaidOn: paid, RepaidOn: repaid, Fee: fee}
		l.Status = app.LoanPaid
		if !repaid.IsZero() {
			l.Status = app.LoanSettled
		}
		return l
	}
	deleted := loan("x", 9_000_000, d(1), app.Date{}, 0)
	deleted.Deleted = true
	approvedOnly := loan("y", 4_000_000, app.Date{}, app.Date{}, 0)
	approvedOnly.Status = app.LoanApproved
	loans := []app.BridgeLoan{
		loan("b", 3_000_000, d(10), app.Date{}, 0), // still out
		loan("a", 5_000_000, d(2), d(10), 20_000),  // repaid the day b goes out
		loan("c", 2_000_000, d(3), d(8), 5_000),    // repaid first
		deleted, approvedOnly,
	}
	type row struct {
		day     int
		id      string
		out, in app.Yuan
		lent    app.Yuan
		balance app.Yuan
	}
	want := []row{
		{2, "a", 5_000_000, 0, 5_000_000, 5_000_000},
		{3, "c", 2_000_000, 0, 7_000_000, 3_000_000},
		{8, "c", 0, 2_000_000, 5_000_000, 5_000_000},
		{10, "a", 0, 5_000_000, 0, 10_000_000}, // the repayment before the pay-out of the same day
		{10, "b", 3_000_000, 0, 3_000_000, 7_000_000},
	}
	got := app.FundLedger(10_000_000, loans)
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if !g.Date.Equal(d(w.day)) || g.LoanID != w.id || g.Out != w.out || g.In != w.in || g.Lent != w.lent || g.Balance != w.balance {
			t.Errorf("entry %d = %s %s out %s in %s lent %s balance %s, want %+v", i, g.Date, g.LoanID, g.Out, g.In, g.Lent, g.Balance, w)
		}
	}
	if got[3].Fee != 20_000 || got[3].Enterprise != "企业a" || got[0].Fee != 0 {
		t.Errorf("fee and name: %+v / %+v", got[3], got[0])
	}
	// What the ledger leaves out with enterprises is what the paid-out
	// loans hold.
	if f := app.Fund(10_000_000, loans); got[len(got)-1].Lent != f.Held-approvedOnly.Approved {
		t.Errorf("ledger ends with %s lent, the fund holds %s of which %s only approved", got[len(got)-1].Lent, f.Held, approvedOnly.Approved)
	}
}
