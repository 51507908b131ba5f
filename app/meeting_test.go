package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
)

var meetToday = app.D(2026, time.March, 16)

func validMeeting(k app.MeetingKind) app.Meeting {
	return app.Meeting{
		Kind: k, Format: k.Formats()[0], Date: app.D(2026, time.March, 10), Place: "区政府第一会议室", Chair: "王建国",
		Attendees: []app.Attendee{
			{Group: app.Present, Kind: "领导", Name: "王建国"},
			{Group: app.Sitting, Kind: "部门", Name: "区工信局"},
			{Group: app.Absent, Kind: "银行", Name: "秦皇岛银行"},
			{Group: app.Present, Kind: "企业", Name: "秦皇岛宏达玻璃有限公司"},
		},
		Agenda:    "通报一季度工业经济运行情况",
		Minutes:   "会议听取了企业意见建议。",
		Decisions: []app.Decision{{Text: "协调解决用地指标", Unit: "区自然资源和规划局", Deadline: app.D(2026, time.April, 10)}},
	}
}

func TestMeetingKinds(t *testing.T) {
	tests := []struct {
		k       app.MeetingKind
		monthly bool
		source  string
		formats []string
	}{
		{app.MeetingRoundtable, false, "企业家恳谈会", []string{"早餐会", "茶叙会", "座谈会"}},
		{app.MeetingOnSite, true, "现场办公会", []string{"企业", "项目现场"}},
		{app.MeetingBank, false, "银企对接会", []string{"对接会"}},
	}
	if len(app.MeetingKinds) != len(tests) {
		t.Fatalf("MeetingKinds = %v", app.MeetingKinds)
	}
	for i, tt := range tests {
		if app.MeetingKinds[i] != tt.k {
			t.Errorf("MeetingKinds[%d] = %s, want %s", i, app.MeetingKinds[i], tt.k)
		}
		if tt.k.Monthly() != tt.monthly {
			t.Errorf("%s.Monthly() = %v", tt.k, tt.k.Monthly())
		}
		if tt.k.Source() != tt.source || !slicesContain(app.Sources, tt.k.Source()) {
			t.Errorf("%s.Source() = %q, want %q, one of %v", tt.k, tt.k.Source(), tt.source, app.Sources)
		}
		if fmt.Sprint(tt.k.Formats()) != fmt.Sprint(tt.formats) {
			t.Errorf("%s.Formats() = %v, want %v", tt.k, tt.k.Formats(), tt.formats)
		}
	}
	if s := app.MeetingKind("团拜会").Source(); s != "其他" {
		t.Errorf("unknown kind's source = %q", s)
	}
}

func slicesContain(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestMeetingValidateAccepts(t *testing.T) {
	for _, k := range app.MeetingKinds {
		for _, f := range k.Formats() {
			m := validMeeting(k)
			m.Format = f
			if err := m.Validate(meetToday); err != nil {
				t.Errorf("%s %s refused: %v", k, f, err)
			}
		}
	}
	m := validMeeting(app.MeetingOnSite)
	m.Date = meetToday // held today
	m.Decisions[0].Deadline = meetToday
	m.Attendees, m.Decisions, m.Agenda, m.Minutes = nil, nil, "", ""
	if err := m.Validate(meetToday); err != nil {
		t.Errorf("meeting of today with a decision due the same day, no attendees: %v", err)
	}
}

func TestMeetingValidateRefuses(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(m *app.Meeting)
		field string
	}{
		{"no kind", func(m *app.Meeting) { m.Kind = "" }, "Kind"},
		{"unknown kind", func(m *app.Meeting) { m.Kind = "团拜会" }, "Kind"},
		{"no format", func(m *app.Meeting) { m.Format = "" }, "Format"},
		{"format of another kind", func(m *app.Meeting) { m.Format = "项目现场" }, "Format"},
		{"on-site format at a round table", func(m *app.Meeting) { m.Format = "企业" }, "Format"},
		{"no date", func(m *app.Meeting) { m.Date = app.Date{} }, "Date"},
		{"date in the future", func(m *app.Meeting) { m.Date = meetToday.AddDays(1) }, "Date"},
		{"date next year", func(m *app.Meeting) { m.Date = app.D(2027, 1, 5) }, "Date"},
		{"no chair", func(m *app.Meeting) { m.Chair = "" }, "Chair"},
		{"blank chair", func(m *app.Meeting) { m.Chair = "  " }, "Chair"},
		{"no place", func(m *app.Meeting) { m.Place = "" }, "Place"},
		{"attendee without group", func(m *app.Meeting) { m.Attendees[1].Group = "" }, "Attendees"},
		{"attendee in unknown group", func(m *app.Meeting) { m.Attendees[1].Group = "缺席" }, "Attendees"},
		{"attendee of unknown kind", func(m *app.Meeting) { m.Attendees[1].Kind = "专家" }, "Attendees"},
		{"decision without text", func(m *app.Meeting) { m.Decisions[0].Text = "" }, "Decisions.0"},
		{"decision without responsible unit", func(m *app.Meeting) { m.Decisions[0].Unit = "" }, "Decisions.0"},
		{"decision without deadline", func(m *app.Meeting) { m.Decisions[0].Deadline = app.Date{} }, "Decisions.0"},
		{"decision deadline before the meeting", func(m *app.Meeting) { m.Decisions[0].Deadline = m.Date.AddDays(-1) }, "Decisions.0"},
		{"second decision without unit", func(m *app.Meeting) {
			m.Decisions = append(m.Decisions, app.Decision{Text: "协调银行续贷", Deadline: app.D(2026, 4, 30)})
		}, "Decisions.1"},
		{"minutes too long", func(m *app.Meeting) { m.Minutes = strings.Repeat("纪", 20001) }, "Minutes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := validMeeting(app.MeetingRoundtable)
			tc.mod(&m)
			checkRefusal(t, m.Validate(meetToday), tc.field)
		})
	}
	// The message of a decision names it by its number and says what is
	// missing.
	m := validMeeting(app.MeetingBank)
	m.Decisions = append(m.Decisions, app.Decision{Text: "推荐企业", Deadline: app.D(2026, 4, 30)})
	if msg := app.FieldMsg(m.Validate(meetToday), "Decisions.1"); !strings.Contains(msg, "议定事项2") || !strings.Contains(msg, "责任单位") {
		t.Errorf("message of decision 2 without unit: %q", msg)
	}
	m = validMeeting(app.MeetingBank)
	m.Decisions[0].Deadline = m.Date.AddDays(-3)
	if msg := app.FieldMsg(m.Validate(meetToday), "Decisions.0"); !strings.Contains(msg, "不能早于会议日期") {
		t.Errorf("message of a deadline before the meeting: %q", msg)
	}
}

func TestMeetingNormalize(t *testing.T) {
	m := app.Meeting{
		Kind: app.MeetingOnSite, Format: " 企业 ", Place: " 厂区 ", Chair: " 王建国 ", Agenda: " 议程 ", Minutes: " 纪要 ",
		Attendees: []app.Attendee{
			{Group: " 出席 ", Kind: " 领导 ", Name: " 王建国 "},
			{Group: app.Present, Kind: "领导", Name: "  "},
			{},
		},
		Decisions: []app.Decision{
			{Text: " 协调 ", Unit: " 区住建局 ", Deadline: app.D(2026, 4, 1)},
			{Text: "  ", Unit: " "},
			{Unit: "区发改局"},
			{Deadline: app.D(2026, 4, 1)},
		},
	}
	m.Normalize()
	if m.Format != "企业" || m.Place != "厂区" || m.Chair != "王建国" || m.Agenda != "议程" || m.Minutes != "纪要" {
		t.Errorf("text not trimmed: %+v", m)
	}
	if len(m.Attendees) != 1 || m.Attendees[0] != (app.Attendee{Group: "出席", Kind: "领导", Name: "王建国"}) {
		t.Errorf("attendees = %+v", m.Attendees)
	}
	// Empty lines go; lines with anything in them stay, to be refused.
	if len(m.Decisions) != 3 || m.Decisions[0].Text != "协调" || m.Decisions[0].Unit != "区住建局" {
		t.Errorf("decisions = %+v", m.Decisions)
	}
}

func TestMeetingTitle(t *testing.T) {
	m := validMeeting(app.MeetingOnSite)
	if got := m.Title(); got != "企业现场办公会" {
		t.Errorf("unnumbered title = %q", got)
	}
	m.Seq = 3
	if got := m.Title(); got != "2026年第3次企业现场办公会" {
		t.Errorf("title = %q", got)
	}
	m.Date = app.Date{}
	if got := m.Title(); got != "企业现场办公会" {
		t.Errorf("title without date = %q", got)
	}
}

// mt is a meeting of kind k on day d.
func mt(k app.MeetingKind, d app.Date) app.Meeting { return app.Meeting{Kind: k, Date: d} }

// states lists the states of a kind's periods as one string per period.
func states(ps []app.MeetingPeriod) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%d:%s", p.Index, p.State)
	}
	return out
}

func TestMeetingCalendarPeriods(t *testing.T) {
	cal := app.MeetingCalendar(2024, nil, app.D(2024, 6, 1), app.Date{}) // a leap year
	for _, k := range app.MeetingKinds {
		ps := cal[k]
		n := 4
		if k.Monthly() {
			n = 12
		}
		if len(ps) != n {
			t.Fatalf("%s: %d periods, want %d", k, len(ps), n)
		}
		next := app.D(2024, 1, 1)
		for i, p := range ps {
			if p.Kind != k || p.Year != 2024 || p.Index != i+1 || !p.From.Equal(next) || p.To.Before(p.From) {
				t.Errorf("%s period %d = %+v", k, i, p)
			}
			next = p.To.AddDays(1)
		}
		if !next.Equal(app.D(2025, 1, 1)) {
			t.Errorf("%s: periods end on %s, want 2024-12-31", k, next.AddDays(-1))
		}
	}
	feb := cal[app.MeetingOnSite][1]
	if !feb.To.Equal(app.D(2024, 2, 29)) || feb.Label() != "2024年2月" {
		t.Errorf("February 2024 = %s–%s %q", feb.From, feb.To, feb.Label())
	}
	q3 := cal[app.MeetingBank][2]
	if !q3.From.Equal(app.D(2024, 7, 1)) || !q3.To.Equal(app.D(2024, 9, 30)) || q3.Label() != "2024年第三季度" {
		t.Errorf("Q3 2024 = %s–%s %q", q3.From, q3.To, q3.Label())
	}
}

func TestMeetingCalendarStates(t *testing.T) {
	H, M, D, F := app.PeriodHeld, app.PeriodMissing, app.PeriodDue, app.PeriodFuture
	deleted := mt(app.MeetingOnSite, app.D(2026, 2, 10))
	deleted.Deleted = true
	meetings := []app.Meeting{
		mt(app.MeetingOnSite, app.D(2026, 1, 1)),  // first day of January
		mt(app.MeetingOnSite, app.D(2026, 1, 31)), // January again: held twice
		deleted, // February: deleted, so missing
		mt(app.MeetingOnSite, app.D(2026, 4, 30)),  // last day of April
		mt(app.MeetingOnSite, app.D(2025, 12, 31)), // last year: ignored
		mt(app.MeetingOnSite, app.D(2027, 3, 1)),   // next year: ignored
		mt(app.MeetingRoundtable, app.D(2026, 3, 31)),
		mt(app.MeetingRoundtable, app.D(2026, 10, 1)), // recorded ahead of today (never by Validate)
		mt(app.MeetingBank, app.D(2025, 11, 20)),      // Q4 of last year only
		mt(app.MeetingBank, app.D(2026, 4, 1)),
	}
	tests := []struct {
		name  string
		today app.Date
		kind  app.MeetingKind
		want  []app.PeriodState
	}{
		{"on-site in May", app.D(2026, 5, 15), app.MeetingOnSite, []app.PeriodState{H, M, M, H, D, F, F, F, F, F, F, F}},
		{"on-site on the last day of March", app.D(2026, 3, 31), app.MeetingOnSite, []app.PeriodState{H, M, D, H, F, F, F, F, F, F, F, F}},
		{"on-site on the first day of April", app.D(2026, 4, 1), app.MeetingOnSite, []app.PeriodState{H, M, M, H, F, F, F, F, F, F, F, F}},
		{"on-site on New Year's Eve", app.D(2026, 12, 31), app.MeetingOnSite, []app.PeriodState{H, M, M, H, M, M, M, M, M, M, M, D}},
		{"on-site a year later", app.D(2027, 1, 1), app.MeetingOnSite, []app.PeriodState{H, M, M, H, M, M, M, M, M, M, M, M}},
		// A meeting in the list counts as held whatever today is.
		{"on-site a year before", app.D(2025, 12, 31), app.MeetingOnSite, []app.PeriodState{H, F, F, H, F, F, F, F, F, F, F, F}},
		{"round table in February", app.D(2026, 2, 1), app.MeetingRoundtable, []app.PeriodState{H, F, F, H}},
		{"round table in August", app.D(2026, 8, 20), app.MeetingRoundtable, []app.PeriodState{H, M, D, H}},
		{"bank on 1 January", app.D(2026, 1, 1), app.MeetingBank, []app.PeriodState{D, H, F, F}},
		{"bank on 1 April", app.D(2026, 4, 1), app.MeetingBank, []app.PeriodState{M, H, F, F}},
		{"bank at year end", app.D(2026, 12, 31), app.MeetingBank, []app.PeriodState{M, H, M, D}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cal := app.MeetingCalendar(2026, meetings, tc.today, app.Date{})
			got := cal[tc.kind]
			want := make([]string, len(tc.want))
			for i, s := range tc.want {
				want[i] = fmt.Sprintf("%d:%s", i+1, s)
			}
			if fmt.Sprint(states(got)) != fmt.Sprint(want) {
				t.Errorf("states on %s:\n got  %v\n want %v", tc.today, states(got), want)
			}
		})
	}
	cal := app.MeetingCalendar(2026, meetings, app.D(2026, 5, 15), app.Date{})
	if n := cal[app.MeetingOnSite][0].Held; n != 2 {
		t.Errorf("January held %d, want 2", n)
	}
	if n := cal[app.MeetingOnSite][1].Held; n != 0 {
		t.Errorf("February held %d (a deleted meeting counted)", n)
	}
	// The last year's calendar sees only last year's meetings.
	cal = app.MeetingCalendar(2025, meetings, app.D(2026, 5, 15), app.Date{})
	if got := states(cal[app.MeetingBank]); fmt.Sprint(got) != "[1:未召开 2:未召开 3:未召开 4:已召开]" {
		t.Errorf("bank meetings of 2025: %v", got)
	}
	if got := cal[app.MeetingOnSite][11]; got.State != H || got.Held != 1 {
		t.Errorf("December 2025: %+v", got)
	}
}

func TestMeetingPeriodDaysLeft(t *testing.T) {
	cal := app.MeetingCalendar(2026, nil, app.D(2026, 5, 15), app.Date{})
	may, feb, q2 := cal[app.MeetingOnSite][4], cal[app.MeetingOnSite][1], cal[app.MeetingBank][1]
	for _, c := range []struct {
		name  string
		p     app.MeetingPeriod
		today app.Date
		want  int
	}{
		{"May on the 15th", may, app.D(2026, 5, 15), 17},
		{"May on its first day", may, app.D(2026, 5, 1), 31},
		{"May on its last day", may, app.D(2026, 5, 31), 1},
		{"May once over", may, app.D(2026, 6, 1), 0},
		{"May before it begins", may, app.D(2026, 4, 20), 31},
		{"February 2026", feb, app.D(2026, 2, 27), 2},
		{"second quarter on 15 May", q2, app.D(2026, 5, 15), 47},
		{"second quarter on 30 June", q2, app.D(2026, 6, 30), 1},
	} {
		if got := c.p.DaysLeft(c.today); got != c.want {
			t.Errorf("%s: %d days left, want %d", c.name, got, c.want)
		}
	}
}
