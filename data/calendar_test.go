package data_test

import (
	"context"
	"slices"
	"testing"

	"wugeyi/app"
)

// The 工作台, the ledger's 逾期 filter and stats count on the settings'
// calendar: a deadline on a holiday is overdue only once the next working
// day has passed, and a problem still 登记 is late only after three
// working days.
func TestDashboardOnCalendar(t *testing.T) {
	ctx := context.Background()
	svc, db, _ := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃有限公司")
	// 2025-10-04 is a Saturday in 国庆 (10月1日–8日 off); the next working
	// day is Thursday 9 October.
	p := addProblem(t, svc, e, app.Problem{Registered: app.MustDate("2025-09-20")},
		assign(app.MustDate("2025-09-22"), app.MustDate("2025-10-04"), "区自然资源局"))
	// Registered Tuesday 30 September: 3 working days later is 10月11日
	// (10/9, 10/10, and Saturday 10/11 worked), not 10月3日.
	q := addProblem(t, svc, e, app.Problem{Registered: app.MustDate("2025-09-30")}, nil)
	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	num := func(ps []app.Problem) []string { return problemNumbers(ps) }
	for _, tc := range []struct {
		today      string
		overdue    bool
		unassigned bool
	}{
		{"2025-10-08", false, false},
		{"2025-10-09", false, false},
		{"2025-10-10", true, false},
		{"2025-10-11", true, false},
		{"2025-10-12", true, true},
	} {
		today := app.MustDate(tc.today)
		d, err := db.Dashboard(ctx, today, st, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(num(d.Overdue), p.Number); got != tc.overdue {
			t.Errorf("%s: overdue on the 工作台 = %v, want %v", tc.today, got, tc.overdue)
		}
		if got := slices.Contains(num(d.DueSoon), p.Number); got == tc.overdue {
			t.Errorf("%s: due soon on the 工作台 = %v, want %v", tc.today, got, !tc.overdue)
		}
		if got := slices.Contains(num(d.Unassigned), q.Number); got != tc.unassigned {
			t.Errorf("%s: not assigned in time = %v, want %v", tc.today, got, tc.unassigned)
		}
		l, err := db.Problems(ctx, app.ProblemFilter{Overdue: true, Today: today, Calendar: st.Calendar})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(num(l), p.Number); got != tc.overdue {
			t.Errorf("%s: in the ledger's 逾期 = %v, want %v", tc.today, got, tc.overdue)
		}
		s, err := db.Stats(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 0, true: 1}[tc.overdue]; s.ProblemsOverdue != want {
			t.Errorf("%s: stats problems_overdue = %d, want %d", tc.today, s.ProblemsOverdue, want)
		}
	}
}
