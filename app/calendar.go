package app

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Calendar says which days are worked: Monday to Friday, except the public
// holidays, plus the weekend days worked instead (调休上班), as the State
// Council published them (holidays.go) and, for the years it has not
// published yet, as the office entered them or the city sent them
// (CalendarYear). Every deadline and overdue figure is counted on it.
//
// The zero Calendar knows the published years only. Settings carry the
// office's calendar (Settings.Calendar), as the store reads them.
type Calendar struct {
	days  map[Date]bool        // entered days: true worked, false rest
	years map[int]CalendarYear // the entered years in force
}

// CalendarYear is a year's holidays and 调休 working days entered by an
// office for a year the program does not know. The city's entries travel
// to the counties in its sync files.
type CalendarYear struct {
	Meta
	Year     int    `json:"year"`
	Holidays []Date `json:"holidays"` // 放假日期
	Workdays []Date `json:"workdays"` // 调休上班日期, weekend days worked
	Source   string `json:"source"`   // the notice, as the clerk cites it
}

// NewCalendar is the calendar of office: the published years, then, for a
// year not published, the city bureau's entry when it sent one, else the
// office's own. Entries of other offices (the counties' at the city) are
// not used. Of two entries of one office for one year, the later saved is.
func NewCalendar(office string, entered []CalendarYear) Calendar {
	c := Calendar{days: map[Date]bool{}, years: map[int]CalendarYear{}}
	rank := func(y CalendarYear) int {
		switch {
		case y.Office == CityCode:
			return 2
		case y.Office == office:
			return 1
		}
		return 0
	}
	for _, y := range entered {
		if y.Deleted || rank(y) == 0 || publishedNotices[y.Year] != "" {
			continue
		}
		if cur, ok := c.years[y.Year]; ok {
			if r := cmp.Compare(rank(y), rank(cur)); r < 0 || r == 0 && !y.UpdatedAt.After(cur.UpdatedAt) {
				continue
			}
		}
		c.years[y.Year] = y
	}
	for _, y := range c.years {
		for _, d := range y.Holidays {
			c.days[d] = false
		}
		for _, d := range y.Workdays {
			c.days[d] = true
		}
	}
	return c
}

// IsWorkday reports whether d is worked.
func (c Calendar) IsWorkday(d Date) bool {
	if w, ok := publishedDays[d]; ok {
		return w
	}
	if w, ok := c.days[d]; ok {
		return w
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkingDays returns the day n working days after d: the n-th working
// day counted from the day after d (d itself when n is 0).
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

// NextWorkday is d when it is worked, else the first working day after it:
// the day a deadline that falls on a rest day is due.
func (c Calendar) NextWorkday(d Date) Date {
	for i := 0; i < 60 && !c.IsWorkday(d); i++ {
		d = d.AddDays(1)
	}
	return d
}

// Overdue reports whether a deadline has passed on today: its day, or the
// next working day when it falls on a rest day, is before today. The zero
// deadline is never overdue.
func (c Calendar) Overdue(deadline, today Date) bool {
	return !deadline.IsZero() && c.NextWorkday(deadline).Before(today)
}

// OverdueBefore is the day before which a deadline is overdue on today
// (deadline < OverdueBefore(today) exactly when Overdue(deadline, today)):
// the day after the last working day before today. Queries compare
// deadlines with it.
func (c Calendar) OverdueBefore(today Date) Date {
	d := today.AddDays(-1)
	for i := 0; i < 60 && !c.IsWorkday(d); i++ {
		d = d.AddDays(-1)
	}
	return d.AddDays(1)
}

// Known reports whether the holidays of year are known: published, or
// entered.
func (c Calendar) Known(year int) bool {
	_, ok := c.years[year]
	return ok || publishedNotices[year] != ""
}

// Notice is the notice year's holidays follow, and whether year is one
// the program was built with (false: entered, or unknown).
func (c Calendar) Notice(year int) (string, bool) {
	if n := publishedNotices[year]; n != "" {
		return n, true
	}
	return c.years[year].Source, false
}

// Holidays counts the days on which the calendar differs from Monday to
// Friday: holidays on weekdays and 调休 working days on weekends, of the
// published years and the entered years in force.
func (c Calendar) Holidays() int {
	n := 0
	differs := func(d Date, worked bool) {
		wd := d.Weekday()
		if worked == (wd == time.Saturday || wd == time.Sunday) {
			n++
		}
	}
	for d, w := range publishedDays {
		differs(d, w)
	}
	for d, w := range c.days {
		if _, ok := publishedDays[d]; !ok {
			differs(d, w)
		}
	}
	return n
}

// PublishedYears are the years the program was built with, in order.
func PublishedYears() []int {
	out := make([]int, 0, len(published))
	for _, y := range published {
		out = append(out, y.year)
	}
	return out
}

// Normalize sorts both lists, drops repeats and trims the source.
func (y *CalendarYear) Normalize() {
	for _, l := range []*[]Date{&y.Holidays, &y.Workdays} {
		slices.SortFunc(*l, func(a, b Date) int { return a.t.Compare(b.t) })
		*l = slices.CompactFunc(*l, Date.Equal)
	}
	trim(&y.Source)
}

// Validate checks a year as entered: a year from 2000 to 2100; at least
// one holiday; every day in the year,
// or in the December before it (元旦 may start there); no day both a
// holiday and a working day; a 调休 working day on a Saturday or Sunday (a
// weekday is worked anyway). A holiday on a weekend is taken: notices give
// runs of days that hold weekends.
func (y CalendarYear) Validate() error {
	var v Invalid
	if y.Year < 2000 || y.Year > 2100 {
		v.Add("Year", "年份应在2000至2100之间")
		return v.Err()
	}
	if len(y.Holidays) == 0 {
		v.Add("Holidays", "请填写放假日期")
	}
	first, last := D(y.Year-1, time.December, 1), D(y.Year, time.December, 31)
	outside := func(field, label string, l []Date) {
		for _, d := range l {
			if d.Before(first) || d.After(last) {
				v.Add(field, fmt.Sprintf("%s %s 不在%d年内", label, d.Chinese(), y.Year))
				return
			}
		}
	}
	outside("Holidays", "放假日期", y.Holidays)
	outside("Workdays", "调休上班日期", y.Workdays)
	for _, d := range y.Workdays {
		if slices.ContainsFunc(y.Holidays, d.Equal) {
			v.Add("Workdays", fmt.Sprintf("%s 既列为放假日期又列为调休上班日期：请只留一处", d.Chinese()))
			break
		}
	}
	for _, d := range y.Workdays {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			v.Add("Workdays", fmt.Sprintf("%s 是%s，本来就上班，不是调休上班日：调休上班日期只填周六、周日", d.Chinese(), weekdayNames[wd]))
			break
		}
	}
	if len(y.Holidays)+len(y.Workdays) > 366 {
		v.Add("Holidays", "一年的放假和调休上班日期合计不能超过366天")
	}
	if len([]rune(y.Source)) > 200 {
		v.Add("Source", "依据文件不超过200个字")
	}
	return v.Err()
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// dateRun is a day, or a run of days "A至B" (also A~B, A～B, A—B).
var dateRun = regexp.MustCompile(`^(.+?)\s*(?:至|~|～|—|－－|--)\s*(.+)$`)

// ParseDateList reads days as a clerk lists them: days and runs of days
// (2027-10-01至2027-10-07) separated by 、，, ; or line breaks. The runs are
// expanded; the result is in order, without repeats.
func ParseDateList(s string) ([]Date, error) {
	var out []Date
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;\n\r\t ", r) }) {
		from, to := part, part
		if m := dateRun.FindStringSubmatch(part); m != nil {
			from, to = m[1], m[2]
		}
		a, err := ParseDate(from)
		if err != nil {
			return nil, err
		}
		b, err := ParseDate(to)
		if err != nil {
			return nil, err
		}
		if b.Before(a) {
			return nil, fmt.Errorf("“%s”的结束日期早于开始日期", part)
		}
		if a.DaysUntil(b) > 366 {
			return nil, fmt.Errorf("“%s”超过一年", part)
		}
		for d := a; !d.After(b); d = d.AddDays(1) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Date) int { return a.t.Compare(b.t) })
	return slices.CompactFunc(out, Date.Equal), nil
}

// FormatDateList writes days as ParseDateList reads them, consecutive days
// as one run: 2027-10-01至2027-10-07、2027-10-10.
func FormatDateList(ds []Date) string {
	var parts []string
	for i := 0; i < len(ds); {
		j := i
		for j+1 < len(ds) && ds[j].AddDays(1).Equal(ds[j+1]) {
			j++
		}
		if j == i {
			parts = append(parts, ds[i].String())
		} else {
			parts = append(parts, ds[i].String()+"至"+ds[j].String())
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}

// SaveCalendarYear checks and saves a year's holidays entered by this
// office, for a year the program was not built with. An office keeps one
// entry a year: a second new one for a year it entered already is refused.
func (s *Service) SaveCalendarYear(ctx context.Context, y *CalendarYear) error {
	y.Normalize()
	if err := y.Validate(); err != nil {
		return err
	}
	if n := publishedNotices[y.Year]; n != "" {
		return FieldError{"Year", fmt.Sprintf("%d年的放假安排本程序已内置（%s），不需要录入", y.Year, n)}
	}
	return saveCopyAs(s, ctx, AccessAdmin, y, func(tx Tx, x *CalendarYear) error {
		me, err := tx.Office(ctx)
		if err != nil {
			return err
		}
		all, err := tx.CalendarYears(ctx)
		if err != nil {
			return err
		}
		for _, o := range all {
			if o.Office == me.Code && o.Year == x.Year && o.ID != x.ID {
				return FieldError{"Year", fmt.Sprintf("本单位已录入%d年的放假安排：请在已有的记录上修改", x.Year)}
			}
		}
		return tx.SaveCalendarYear(x)
	})
}
