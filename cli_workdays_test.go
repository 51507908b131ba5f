package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"wugeyi/app"
	"wugeyi/data"
)

// workdays counts on the office's calendar: the published holidays, and a
// year the office entered; stats counts the days beyond weekends.
func TestWorkdays(t *testing.T) {
	db := filepath.Join(t.TempDir(), "海港区.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	for _, tc := range []struct{ from, days, want string }{
		{"2025-09-26", "15", "2025-10-23\n"}, // 国庆 2025 (app/calendar_test.go counts it by hand)
		{"2026-02-10", "15", "2026-03-09\n"}, // 春节 2026
		{"2026年3月6日", "0", "2026-03-06\n"},
		{"2027-09-24", "30", "2027-11-05\n"}, // 2027 not known yet: Monday to Friday
	} {
		if got := mustRun(t, "workdays", "-db", db, "-from", tc.from, "-days", tc.days); got != tc.want {
			t.Errorf("workdays -from %s -days %s = %q, want %q", tc.from, tc.days, got, tc.want)
		}
	}
	before := stats(t, db)["holidays"]
	if before != (app.Calendar{}).Holidays() || before < 200 {
		t.Errorf("stats holidays = %d, want the published calendar's %d", before, (app.Calendar{}).Holidays())
	}

	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	y := app.CalendarYear{Year: 2027, Holidays: []app.Date{app.MustDate("2027-10-01"), app.MustDate("2027-10-04"),
		app.MustDate("2027-10-05"), app.MustDate("2027-10-06"), app.MustDate("2027-10-07")},
		Workdays: []app.Date{app.MustDate("2027-09-26"), app.MustDate("2027-10-09")}}
	if err := wired(st, "张三").SaveCalendarYear(context.Background(), &y); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// 5 weekdays off, 2 weekend days worked: 3 working days later.
	if got := mustRun(t, "workdays", "-db", db, "-from", "2027-09-24", "-days", "30"); got != "2027-11-10\n" {
		t.Errorf("workdays over the entered 2027 = %q, want 2027-11-10", got)
	}
	if after := stats(t, db)["holidays"]; after != before+7 {
		t.Errorf("stats holidays after entering 2027 = %d, want %d", after, before+7)
	}

	for _, args := range [][]string{
		{"-from", "2025-02-30", "-days", "3"},
		{"-from", "2025-09-26", "-days", "-1"},
		{"-days", "3"},
	} {
		code, out, errOut := cli(t, append([]string{"workdays", "-db", db}, args...)...)
		if code != exitUsage || out != "" || !strings.ContainsFunc(errOut, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("workdays %v: exit %d, stdout %q, stderr %q; want exit %d and a Chinese message", args, code, out, errOut, exitUsage)
		}
	}
}
