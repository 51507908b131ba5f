package app

import (
	"testing"
	"time"
)

// Every day of the table is what its notice says: a day off is not
// worked, a 调休 day is, and is a Saturday or a Sunday; every year from
// 2017 to 2026 is there, with its notice.
func TestPublishedTable(t *testing.T) {
	var cal Calendar
	for _, y := range published {
		for _, r := range y.off {
			for _, d := range expandRun(r) {
				if cal.IsWorkday(d) {
					t.Errorf("%d: %s is listed off but worked", y.year, d)
				}
			}
		}
		for _, r := range y.work {
			for _, d := range expandRun(r) {
				if !cal.IsWorkday(d) {
					t.Errorf("%d: %s is listed worked but off", y.year, d)
				}
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					t.Errorf("%d: %s is listed as a 调休 working day but is a %v", y.year, d, wd)
				}
			}
		}
	}
	for y := 2017; y <= 2026; y++ {
		if publishedNotices[y] == "" {
			t.Errorf("no notice for %d", y)
		}
	}
	// 2025, counted by hand: holidays on weekdays 1/1; 1/28–31, 2/3–4;
	// 4/4; 5/1–2, 5/5; 6/2; 10/1–3, 10/6–8 (18), weekend days worked
	// 1/26, 2/8, 4/27, 9/28, 10/11 (5).
	n := 0
	for d, w := range publishedDays {
		if d.Year() != 2025 {
			continue
		}
		wd := d.Weekday()
		if w == (wd == time.Saturday || wd == time.Sunday) {
			n++
		}
	}
	if n != 23 {
		t.Errorf("2025 differs from Monday–Friday on %d days, want 23", n)
	}
}
