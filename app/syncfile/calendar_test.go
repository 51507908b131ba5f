package syncfile_test

import (
	"context"
	"testing"

	"wugeyi/app"
)

// A year of holidays the city enters travels to a county in the city's
// next file and replaces the county's own entry of that year; the county's
// entry goes to the city and is not used there.
func TestRoundTripCalendarYear(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	// 2027-10-04 is a Monday, 2027-10-09 a Saturday.
	own := app.CalendarYear{Year: 2027, Holidays: []app.Date{app.MustDate("2027-10-01")}}
	if err := hg.svc.SaveCalendarYear(ctx, &own); err != nil {
		t.Fatal(err)
	}
	cityYear := app.CalendarYear{Year: 2027, Source: "国务院办公厅关于2027年部分节假日安排的通知",
		Holidays: []app.Date{app.MustDate("2027-10-01"), app.MustDate("2027-10-04")},
		Workdays: []app.Date{app.MustDate("2027-10-09")}}
	if err := city.svc.SaveCalendarYear(ctx, &cityYear); err != nil {
		t.Fatal(err)
	}
	cal := func(n *rtNode) app.Calendar {
		st, err := n.svc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.Calendar
	}
	if c := cal(hg); !c.IsWorkday(app.MustDate("2027-10-04")) || c.IsWorkday(app.MustDate("2027-10-01")) {
		t.Fatal("before the city's file, the county's own 2027 should be in force")
	}

	path, m := city.export(t, rtHaigang.Code, false)
	if m.Counts[app.TableCalendar] != 1 {
		t.Fatalf("the city's file carries %d calendar years, want 1", m.Counts[app.TableCalendar])
	}
	hg.importFile(t, path)
	c := cal(hg)
	if c.IsWorkday(app.MustDate("2027-10-04")) || !c.IsWorkday(app.MustDate("2027-10-09")) {
		t.Error("after the city's file, 海港区 does not count 2027 on the city's calendar")
	}
	if src, built := c.Notice(2027); built || src != cityYear.Source {
		t.Errorf("海港区's 2027 follows %q (built in %v), want the city's %q", src, built, cityYear.Source)
	}

	// The county's own entry reaches the city, which keeps its own.
	path, _ = hg.export(t, app.CityCode, false)
	city.importFile(t, path)
	ys, err := city.st.CalendarYears(ctx)
	if err != nil || len(ys) != 2 {
		t.Fatalf("the city holds %d calendar years (%v), want its own and 海港区's", len(ys), err)
	}
	if c := cal(city); c.IsWorkday(app.MustDate("2027-10-04")) {
		t.Error("the county's entry replaced the city's at the city")
	}
}
