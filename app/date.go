package app

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Date is a calendar day with no time of day or zone: a deadline, a visit
// day, a meeting day. The zero Date means "not set".
type Date struct{ t time.Time } // midnight UTC

// D returns the date year-month-day.
func D(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return D(t.Year(), t.Month(), t.Day()) }

var dateForms = regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$`)

// ParseDate reads a date as clerks write it: 2026-03-05, 2026/3/5, 2026.3.5
// or 2026年3月5日. The empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	m := dateForms.FindStringSubmatch(s)
	if m == nil {
		return Date{}, fmt.Errorf("日期“%s”看不懂：请写成 2026-03-05 或 2026年3月5日", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	out := D(y, time.Month(mo), d)
	if mo < 1 || mo > 12 || d < 1 || out.t.Day() != d || y < 1900 || y > 2200 {
		return Date{}, fmt.Errorf("日期“%s”不存在：请检查年、月、日", s)
	}
	return out, nil
}

// MustDate parses s and panics if it is not a date; for literals in tests
// and generated data only, never for user input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// String formats d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Chinese formats d as 2026年3月5日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.t.Year(), d.t.Month(), d.t.Day())
}

// IsZero reports whether d is not set.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year, Month and Day are d's parts.
func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// Quarter is 1–4.
func (d Date) Quarter() int { return (int(d.t.Month())-1)/3 + 1 }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns d moved by n months.
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// Before, After and Equal compare days.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// DaysUntil is the number of days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// MarshalJSON writes d as "2006-01-02" (or "").
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("read date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("read date %q: %w", s, err)
	}
	*d = v
	return nil
}

// PeriodStart returns the first day of the period of months months that
// holds d, periods counted from January: 3 gives the quarter, 1 the month,
// 12 the year. months outside 1–12 is treated as 3.
func PeriodStart(d Date, months int) Date {
	if months < 1 || months > 12 {
		months = 3
	}
	m := (int(d.Month())-1)/months*months + 1
	return D(d.Year(), time.Month(m), 1)
}
