package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// Deadlines across the long holidays, counted by hand.
func TestCalendarAcrossHolidays(t *testing.T) {
	var cal app.Calendar
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		// 国庆+中秋 2025: 10月1日–8日 off, 9月28日(日) and 10月11日(六)
		// worked. From Friday 26 September: 9/28 (1), 9/29 (2), 9/30 (3),
		// 10/9 (4), 10/10 (5), 10/11 (6), 10/13–17 (7–11), 10/20–23
		// (12–15). Monday to Friday alone would give 10月17日.
		{"国庆 2025", "2025-09-26", 15, "2025-10-23"},
		// 春节 2026: 2月15日–23日 off, 2月14日(六) and 2月28日(六) worked.
		// From Tuesday 10 February: 2/11 (1), 2/12 (2), 2/13 (3), 2/14
		// (4), 2/24–27 (5–8), 2/28 (9), 3/2–6 (10–14), 3/9 (15).
		{"春节 2026", "2026-02-10", 15, "2026-03-09"},
		// 30 working days from 2025-09-26 run on past 10/23 (15) through
		// 10/24 (16), 10/27–31 (17–21), 11/3–7 (22–26), 11/10–13 (27–30).
		{"国庆 2025, 30 days", "2025-09-26", 30, "2025-11-13"},
		// 元旦 2026: 1月1日–3日 off, 1月4日(日) worked. From Wednesday 31
		// December 2025: 1/4 (1), 1/5 (2).
		{"元旦 2026", "2025-12-31", 2, "2026-01-05"},
	}
	for _, tc := range tests {
		if got := cal.AddWorkingDays(app.MustDate(tc.from), tc.n); got.String() != tc.want {
			t.Errorf("%s: %d working days after %s = %s, want %s", tc.name, tc.n, tc.from, got, tc.want)
		}
	}
}

// A deadline on a rest day is due the next working day, and overdue only
// once that day has passed.
func TestCalendarNextWorkdayAndOverdue(t *testing.T) {
	var cal app.Calendar
	for _, tc := range []struct{ d, want string }{
		{"2025-10-04", "2025-10-09"}, // 国庆: the first working day after it is Thursday 9 October
		{"2025-09-28", "2025-09-28"}, // a Sunday worked
		{"2026-02-15", "2026-02-24"}, // 春节
		{"2026-03-07", "2026-03-09"}, // a plain Saturday
		{"2026-03-09", "2026-03-09"},
	} {
		if got := cal.NextWorkday(app.MustDate(tc.d)); got.String() != tc.want {
			t.Errorf("NextWorkday(%s) = %s, want %s", tc.d, got, tc.want)
		}
	}
	deadline := app.MustDate("2025-10-04")
	if cal.Overdue(deadline, app.MustDate("2025-10-09")) {
		t.Error("a deadline of 10月4日 is overdue on 10月9日, its next working day")
	}
	if !cal.Overdue(deadline, app.MustDate("2025-10-10")) {
		t.Error("a deadline of 10月4日 is not overdue on 10月10日")
	}
	if cal.Overdue(app.Date{}, app.MustDate("2025-10-10")) {
		t.Error("no deadline is overdue")
	}
	p := app.Problem{Status: app.StatusInProgress, Deadline: deadline}
	if p.Overdue(app.MustDate("2025-10-09"), cal) || !p.Overdue(app.MustDate("2025-10-10"), cal) {
		t.Error("Problem.Overdue does not follow the calendar")
	}
	// OverdueBefore agrees with Overdue on every pair of days around
	// 国庆 2025 and 春节 2026.
	for _, start := range []string{"2025-09-20", "2026-02-05"} {
		s := app.MustDate(start)
		for i := 0; i < 30; i++ {
			today := s.AddDays(i)
			cut := cal.OverdueBefore(today)
			for j := -5; j < 30; j++ {
				d := s.AddDays(j)
				if got, want := d.Before(cut), cal.Overdue(d, today); got != want {
					t.Fatalf("deadline %s, today %s: before OverdueBefore %s = %v, Overdue = %v", d, today, cut, got, want)
				}
			}
		}
	}
}

func TestParseDateList(t *testing.T) {
	got, err := app.ParseDateList("2027-10-01至2027-10-03、2027年9月15日，2027-10-02\n2027/9/26~2027/9/26")
	if err != nil {
		t.Fatal(err)
	}
	if s := app.FormatDateList(got); s != "2027-09-15、2027-09-26、2027-10-01至2027-10-03" {
		t.Errorf("ParseDateList then FormatDateList = %q", s)
	}
	for _, bad := range []string{"2027-10-05至2027-10-01", "2027-02-30", "明天"} {
		if _, err := app.ParseDateList(bad); err == nil {
			t.Errorf("ParseDateList(%q) took it", bad)
		}
	}
}

// A year entered with a day both a holiday and a working day, a working
// day that is a weekday, a year the program was built with, or a second
// entry of one year is refused in Chinese and nothing is saved.
func TestSaveCalendarYearRefusals(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty})
	svc := app.NewService(st, "张三")
	good := app.CalendarYear{Year: 2027, Holidays: []app.Date{app.MustDate("2027-10-01")}}
	if err := svc.SaveCalendarYear(ctx, &good); err != nil {
		t.Fatal(err)
	}
	before := st.Snapshot()
	ops := len(st.Ops())
	tests := []struct {
		name string
		y    app.CalendarYear
		want string
	}{
		{"both", app.CalendarYear{Year: 2028, Holidays: []app.Date{app.MustDate("2028-10-01"), app.MustDate("2028-10-07")},
			Workdays: []app.Date{app.MustDate("2028-10-07")}}, "既列为放假日期又列为调休上班日期"},
		// 2028-10-11 is a Wednesday.
		{"weekday worked", app.CalendarYear{Year: 2028, Holidays: []app.Date{app.MustDate("2028-10-02")},
			Workdays: []app.Date{app.MustDate("2028-10-11")}}, "本来就上班"},
		{"outside the year", app.CalendarYear{Year: 2028, Holidays: []app.Date{app.MustDate("2029-01-01")}}, "不在2028年内"},
		{"no holiday", app.CalendarYear{Year: 2028}, "请填写放假日期"},
		{"built in", app.CalendarYear{Year: 2025, Holidays: []app.Date{app.MustDate("2025-10-01")}}, "已内置"},
		{"second entry", app.CalendarYear{Year: 2027, Holidays: []app.Date{app.MustDate("2027-10-02")}}, "已录入2027年"},
	}
	for _, tc := range tests {
		err := svc.SaveCalendarYear(ctx, &tc.y)
		var inv app.Invalid
		var fe app.FieldError
		if err == nil || !(errors.As(err, &inv) || errors.As(err, &fe)) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: SaveCalendarYear = %v, want a refusal with %q", tc.name, err, tc.want)
		}
		if tc.y.ID != "" {
			t.Errorf("%s: the refused year got an ID", tc.name)
		}
	}
	if diff := before.Diff(st.Snapshot()); len(diff) > 0 || len(st.Ops()) != ops {
		t.Errorf("a refused year changed the database: %v", diff)
	}
	// A Saturday holiday within a run is taken.
	sat := app.CalendarYear{Year: 2028, Holidays: []app.Date{app.MustDate("2028-09-30"), app.MustDate("2028-10-02")}}
	if err := svc.SaveCalendarYear(ctx, &sat); err != nil {
		t.Errorf("a holiday run over a weekend: %v", err)
	}
}

// The store's settings carry the office's calendar, and the deadline
// rules count on it: the longest deadline of 30 working days from
// 2027-09-24 (a Friday) moves by the 2027 holidays entered.
func TestSettingsCarryCalendar(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty})
	svc := app.NewService(st, "张三")
	before, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	y := app.CalendarYear{Year: 2027, Holidays: []app.Date{app.MustDate("2027-10-01"), app.MustDate("2027-10-04"),
		app.MustDate("2027-10-05"), app.MustDate("2027-10-06"), app.MustDate("2027-10-07")},
		Workdays: []app.Date{app.MustDate("2027-09-26"), app.MustDate("2027-10-09")}}
	if err := svc.SaveCalendarYear(ctx, &y); err != nil {
		t.Fatal(err)
	}
	after, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from := app.MustDate("2027-09-24")
	// Monday to Friday: 30 working days after 9/24 is 11/5. The 2027
	// entry takes 5 weekdays off and adds 2 weekend days, 3 working days
	// fewer before 11/5: 9/26 (1), 9/27–30 (2–5), 10/8 (6), 10/9 (7),
	// 10/11–29 (8–22), 11/1–5 (23–27), 11/8–10 (28–30).
	if got := before.Rules().Calendar.AddWorkingDays(from, 30); got.String() != "2027-11-05" {
		t.Errorf("before the entry: %s", got)
	}
	if got := after.Rules().Calendar.AddWorkingDays(from, 30); got.String() != "2027-11-10" {
		t.Errorf("after the entry: %s, want 2027-11-10", got)
	}
	if d := after.Calendar.Holidays() - before.Calendar.Holidays(); d != 7 {
		t.Errorf("the entry adds %d days beyond weekends, want 7 (5 holidays on weekdays, 2 weekend days worked)", d)
	}
	if !after.Calendar.Known(2027) || before.Calendar.Known(2027) || !before.Calendar.Known(2017) || before.Calendar.Known(2016) {
		t.Error("Known does not say which years are known")
	}
	if app.MustDate("2027-10-09").Weekday() != time.Saturday {
		t.Fatal("2027-10-09 is not a Saturday")
	}
}
