package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
)

func TestParseDate(t *testing.T) {
	want := app.D(2026, time.March, 5)
	tests := []struct {
		in   string
		want app.Date
	}{
		{"2026-03-05", want},
		{"2026/3/5", want},
		{"2026.3.5", want},
		{"2026年3月5日", want},
		{"2026年03月05日", want},
		{" 2026-3-5 ", want},
		{"2024-02-29", app.D(2024, time.February, 29)},
		{"2026-12-31", app.D(2026, time.December, 31)},
		{"", app.Date{}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := app.ParseDate(tc.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tc.in, err)
			}
			if !got.Equal(tc.want) || got.IsZero() != tc.want.IsZero() {
				t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseDateRefusals(t *testing.T) {
	tests := []struct {
		in   string
		want string // part of the message
	}{
		{"2026-02-30", "不存在"},
		{"2025-02-29", "不存在"},
		{"2026-13-01", "不存在"},
		{"2026-00-10", "不存在"},
		{"2026-04-31", "不存在"},
		{"2026-04-00", "不存在"},
		{"1800-01-01", "不存在"},
		{"abc", "看不懂"},
		{"2026-3", "看不懂"},
		{"26-3-5", "看不懂"},
		{"2026-03-05 10:00", "看不懂"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := app.ParseDate(tc.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tc.in, d)
			}
			if !strings.Contains(err.Error(), tc.want) || !hasHan(err.Error()) {
				t.Errorf("ParseDate(%q) error %q, want a Chinese message with %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	d := app.D(2026, time.March, 5)
	if got := d.String(); got != "2026-03-05" {
		t.Errorf("String() = %q", got)
	}
	if got := d.Chinese(); got != "2026年3月5日" {
		t.Errorf("Chinese() = %q", got)
	}
	var zero app.Date
	if zero.String() != "" || zero.Chinese() != "" || !zero.IsZero() {
		t.Errorf("zero Date: String %q, Chinese %q, IsZero %v", zero.String(), zero.Chinese(), zero.IsZero())
	}
	if d.IsZero() {
		t.Error("a set Date reports IsZero")
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		A app.Date `json:"a"`
		B app.Date `json:"b"`
	}
	in := rec{A: app.D(2026, time.March, 5)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"a":"2026-03-05","b":""}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var out rec
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("Unmarshal(%s): %v", b, err)
	}
	if !out.A.Equal(in.A) || !out.B.IsZero() {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}

	for _, bad := range []string{`{"a":"2026-02-30"}`, `{"a":20260305}`, `{"a":"tomorrow"}`} {
		var r rec
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want an error", bad, r)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	// 2026-03-06 is a Friday.
	fri := app.D(2026, time.March, 6)
	if fri.Weekday() != time.Friday {
		t.Fatalf("2026-03-06 is %v", fri.Weekday())
	}
	tests := []struct {
		name string
		from app.Date
		n    int
		want app.Date
	}{
		{"zero days", fri, 0, fri},
		{"friday + 1 skips the weekend", fri, 1, app.D(2026, time.March, 9)},
		{"friday + 5 is next friday", fri, 5, app.D(2026, time.March, 13)},
		{"saturday + 1 is monday", app.D(2026, time.March, 7), 1, app.D(2026, time.March, 9)},
		{"sunday + 1 is monday", app.D(2026, time.March, 8), 1, app.D(2026, time.March, 9)},
		{"monday + 4 is friday", app.D(2026, time.March, 9), 4, app.D(2026, time.March, 13)},
		{"monday + 15 is three weeks later", app.D(2026, time.March, 9), 15, app.D(2026, time.March, 30)},
		// 清明 2026: 4月4日–6日 off, so Monday 6 April is not worked.
		{"wednesday + 30 over 清明", app.D(2026, time.March, 4), 30, app.D(2026, time.April, 16)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := (app.Calendar{}).AddWorkingDays(tc.from, tc.n); !got.Equal(tc.want) {
				t.Errorf("AddWorkingDays(%v, %d) = %v (%v), want %v", tc.from, tc.n, got, got.Weekday(), tc.want)
			}
		})
	}
}

func TestPeriodStartAndQuarter(t *testing.T) {
	tests := []struct {
		d       app.Date
		months  int
		want    app.Date
		quarter int
	}{
		{app.D(2026, time.August, 17), 1, app.D(2026, time.August, 1), 3},
		{app.D(2026, time.August, 17), 3, app.D(2026, time.July, 1), 3},
		{app.D(2026, time.August, 17), 6, app.D(2026, time.July, 1), 3},
		{app.D(2026, time.August, 17), 12, app.D(2026, time.January, 1), 3},
		{app.D(2026, time.January, 1), 3, app.D(2026, time.January, 1), 1},
		{app.D(2026, time.March, 31), 3, app.D(2026, time.January, 1), 1},
		{app.D(2026, time.April, 1), 3, app.D(2026, time.April, 1), 2},
		{app.D(2026, time.June, 30), 6, app.D(2026, time.January, 1), 2},
		{app.D(2026, time.December, 31), 3, app.D(2026, time.October, 1), 4},
		{app.D(2026, time.December, 31), 12, app.D(2026, time.January, 1), 4},
		{app.D(2026, time.May, 9), 0, app.D(2026, time.April, 1), 2},  // out of range: a quarter
		{app.D(2026, time.May, 9), 13, app.D(2026, time.April, 1), 2}, // out of range: a quarter
	}
	for _, tc := range tests {
		if got := app.PeriodStart(tc.d, tc.months); !got.Equal(tc.want) {
			t.Errorf("PeriodStart(%v, %d) = %v, want %v", tc.d, tc.months, got, tc.want)
		}
		if got := tc.d.Quarter(); got != tc.quarter {
			t.Errorf("%v.Quarter() = %d, want %d", tc.d, got, tc.quarter)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := app.D(2026, time.January, 31)
	if got := d.AddDays(1); !got.Equal(app.D(2026, time.February, 1)) {
		t.Errorf("AddDays(1) = %v", got)
	}
	if got := d.AddDays(-31); !got.Equal(app.D(2025, time.December, 31)) {
		t.Errorf("AddDays(-31) = %v", got)
	}
	if got := app.D(2026, time.March, 15).AddMonths(2); !got.Equal(app.D(2026, time.May, 15)) {
		t.Errorf("AddMonths(2) = %v", got)
	}
	if got := d.DaysUntil(app.D(2026, time.March, 2)); got != 30 {
		t.Errorf("DaysUntil = %d, want 30", got)
	}
	if got := app.D(2026, time.March, 2).DaysUntil(d); got != -30 {
		t.Errorf("DaysUntil backwards = %d, want -30", got)
	}
	if !d.Before(d.AddDays(1)) || d.After(d.AddDays(1)) || !d.Equal(app.D(2026, time.January, 31)) {
		t.Error("Before/After/Equal disagree with the calendar")
	}
	loc := time.FixedZone("UTC+8", 8*3600)
	if got := app.DateOf(time.Date(2026, time.March, 5, 23, 30, 0, 0, loc)); !got.Equal(app.D(2026, time.March, 5)) {
		t.Errorf("DateOf late evening in UTC+8 = %v, want 2026-03-05", got)
	}
	if got := app.MustDate("2026年3月5日"); !got.Equal(app.D(2026, time.March, 5)) {
		t.Errorf("MustDate = %v", got)
	}
}

func TestMustDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(\"2026-02-30\") did not panic")
		}
	}()
	app.MustDate("2026-02-30")
}
