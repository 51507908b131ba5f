package app

import (
	"context"
	"fmt"
	"time"
)

// MeetingKind is one of the three kinds of meeting the notice requires.
type MeetingKind string

// The kinds of meeting: 企业家恳谈会 every quarter, 企业现场办公会 every
// month, 银企对接会 every quarter.
const (
	MeetingRoundtable MeetingKind = "企业家恳谈会"
	MeetingOnSite     MeetingKind = "企业现场办公会"
	MeetingBank       MeetingKind = "银企对接会"
)

// MeetingKinds lists the kinds in the notice's order.
var MeetingKinds = []MeetingKind{MeetingRoundtable, MeetingOnSite, MeetingBank}

// Monthly reports whether the kind must be held every month (otherwise
// every quarter).
func (k MeetingKind) Monthly() bool { return k == MeetingOnSite }

// Source is the problem source a problem raised at such a meeting has.
func (k MeetingKind) Source() string {
	switch k {
	case MeetingRoundtable:
		return "企业家恳谈会"
	case MeetingOnSite:
		return "现场办公会"
	case MeetingBank:
		return "银企对接会"
	}
	return "其他"
}

// Formats lists the forms a meeting of the kind takes: a round table is a
// breakfast, tea or discussion meeting; an on-site meeting is held at an
// enterprise or a project site.
func (k MeetingKind) Formats() []string {
	switch k {
	case MeetingRoundtable:
		return []string{"早餐会", "茶叙会", "座谈会"}
	case MeetingOnSite:
		return []string{"企业", "项目现场"}
	}
	return []string{"对接会"}
}

// Attendance groups of a meeting's attendees.
const (
	Present = "出席"
	Sitting = "列席"
	Absent  = "请假"
)

// AttendanceGroups lists the groups in the order minutes print them.
var AttendanceGroups = []string{Present, Sitting, Absent}

// AttendeeKinds lists who attends: leaders, departments, enterprises, banks.
var AttendeeKinds = []string{"领导", "部门", "企业", "银行"}

// Attendee is one person or unit at a meeting.
type Attendee struct {
	Group string `json:"group"` // 出席, 列席 or 请假
	Kind  string `json:"kind"`  // 领导, 部门, 企业 or 银行
	Name  string `json:"name"`
}

// Decision is one 议定事项 of a meeting: what was decided, who carries it
// out and by when.
type Decision struct {
	Text     string `json:"text"`
	Unit     string `json:"unit"`
	Deadline Date   `json:"deadline"`
	// ProblemID is the item of the problem ledger that follows the
	// decision up (source 会议议定, see TrackDecisions), once the meeting
	// is saved.
	ProblemID string `json:"problem_id,omitempty"`
}

// Meeting is a 企业家恳谈会, 企业现场办公会 or 银企对接会.
type Meeting struct {
	Meta
	Kind         MeetingKind `json:"kind"`
	Format       string      `json:"format"` // from Kind.Formats
	Seq          int         `json:"seq"`    // number in the year among its kind, given on first save
	Date         Date        `json:"date"`
	Place        string      `json:"place"`
	EnterpriseID string      `json:"enterprise_id"` // an on-site meeting at an enterprise
	Chair        string      `json:"chair"`
	Attendees    []Attendee  `json:"attendees"`
	Agenda       string      `json:"agenda"`
	Minutes      string      `json:"minutes"`
	Decisions    []Decision  `json:"decisions"`
	// State is "" for a meeting held (every meeting recorded before
	// meetings could be planned), MeetingPlanned or MeetingCancelled.
	State        string `json:"state,omitempty"`
	CancelReason string `json:"cancel_reason,omitempty"` // why a planned meeting was cancelled
	// Invitees are those a planned meeting invites (Group unset); once it
	// is held, its Attendees are marked from them (HoldPlanned).
	Invitees []Attendee `json:"invitees,omitempty"`
}

// Title names the meeting as minutes head it, e.g. 2026年第3次企业现场办公会.
func (m *Meeting) Title() string {
	if !m.Held() {
		return string(m.Kind) + "（" + m.State + "）"
	}
	if m.Seq == 0 || m.Date.IsZero() {
		return string(m.Kind)
	}
	return fmt.Sprintf("%d年第%d次%s", m.Date.Year(), m.Seq, m.Kind)
}

// Normalize trims the meeting's text and drops empty attendee and decision
// lines.
func (m *Meeting) Normalize() {
	trim(&m.Format, &m.Place, &m.Chair, &m.Agenda, &m.Minutes, &m.State, &m.CancelReason)
	if m.State == MeetingHeld {
		m.State = ""
	}
	m.Attendees = namedOnly(m.Attendees)
	m.Invitees = namedOnly(m.Invitees)
	var ds []Decision
	for _, d := range m.Decisions {
		trim(&d.Text, &d.Unit)
		if d.Text != "" || d.Unit != "" || !d.Deadline.IsZero() {
			ds = append(ds, d)
		}
	}
	m.Decisions = ds
}

// namedOnly trims the attendees' text and drops those without a name.
func namedOnly(list []Attendee) []Attendee {
	var as []Attendee
	for _, a := range list {
		trim(&a.Group, &a.Kind, &a.Name)
		if a.Kind == "银行" {
			a.Name = BankName(a.Name)
		}
		if a.Name != "" {
			as = append(as, a)
		}
	}
	return as
}

// Validate checks a meeting before it is saved; today is the day it is
// typed in, as a meeting held is recorded once held. A planned meeting's
// date is checked against today where it is entered (Service.SaveMeeting),
// not here: a plan that arrives late in a sync file is still taken.
func (m *Meeting) Validate(today Date) error {
	var v Invalid
	held := m.Held()
	switch m.State {
	case "", MeetingPlanned:
	case MeetingCancelled:
		if blank(m.CancelReason) {
			v.Add("CancelReason", "请填写取消原因")
		}
	default:
		v.Add("State", "会议状态只能是计划、已召开或已取消")
	}
	if !containsKind(m.Kind) {
		v.Add("Kind", "请选择会议类型：企业家恳谈会、企业现场办公会或银企对接会")
	} else if !contains(m.Kind.Formats(), m.Format) {
		v.Add("Format", "请选择会议形式")
	}
	if m.Date.IsZero() {
		v.Add("Date", "请填写会议日期")
	} else if held && m.Date.After(today) {
		v.Add("Date", "会议日期不能晚于今天：会议开过后再登记，尚未召开的请“计划会议”")
	}
	if held && blank(m.Chair) {
		v.Add("Chair", "请填写主持人")
	}
	if blank(m.Place) {
		v.Add("Place", "请填写会议地点")
	}
	for i, a := range m.Attendees {
		if !contains(AttendanceGroups, a.Group) || !contains(AttendeeKinds, a.Kind) {
			v.Add("Attendees", fmt.Sprintf("第%d位参会人员：请选择出席、列席或请假，以及领导、部门、企业或银行", i+1))
		}
	}
	for i, a := range m.Invitees {
		if !contains(AttendeeKinds, a.Kind) {
			v.Add("Invitees", fmt.Sprintf("第%d位邀请对象：请选择领导、部门、企业或银行", i+1))
		}
	}
	if !held {
		if len(m.Attendees) > 0 {
			v.Add("Attendees", "会议尚未召开，没有出席情况：召开后再登记参会人员")
		}
		if len(m.Decisions) > 0 {
			v.Add("Decisions", "会议尚未召开，没有议定事项：召开后再填写")
		}
	}
	for i, d := range m.Decisions {
		field := fmt.Sprintf("Decisions.%d", i)
		switch {
		case d.Text == "":
			v.Add(field, fmt.Sprintf("议定事项%d：请填写议定内容", i+1))
		case d.Unit == "":
			v.Add(field, fmt.Sprintf("议定事项%d：请填写责任单位", i+1))
		case d.Deadline.IsZero():
			v.Add(field, fmt.Sprintf("议定事项%d：请填写完成时限", i+1))
		case !m.Date.IsZero() && d.Deadline.Before(m.Date):
			v.Add(field, fmt.Sprintf("议定事项%d：完成时限不能早于会议日期", i+1))
		}
	}
	checkLen(&v, "Minutes", m.Minutes, 20000)
	return v.Err()
}

func containsKind(k MeetingKind) bool {
	for _, x := range MeetingKinds {
		if x == k {
			return true
		}
	}
	return false
}

// PeriodState says whether a required meeting was held in a period.
type PeriodState string

// The states of a period of the meeting calendar.
const (
	PeriodHeld    PeriodState = "已召开"
	PeriodMissing PeriodState = "未召开" // the period is over without one
	PeriodDue     PeriodState = "待召开" // the current period, none yet
	PeriodFuture  PeriodState = "未到期"
	PeriodBefore  PeriodState = "启用前" // over before the office began keeping records here
)

// MeetingPeriod is one month or quarter of the calendar of a kind.
type MeetingPeriod struct {
	Kind     MeetingKind
	Year     int
	Index    int  // month 1–12, or quarter 1–4
	From, To Date // first and last day
	Held     int  // meetings of the kind held in the period
	// Planned are the meetings of the kind planned in the period (state
	// MeetingPlanned), not yet held, latest first as listed.
	Planned []Meeting
	State   PeriodState
}

// Label names the period, e.g. 2026年3月 or 2026年第一季度 (QuarterName).
func (p MeetingPeriod) Label() string {
	if p.Kind.Monthly() {
		return fmt.Sprintf("%d年%d月", p.Year, p.Index)
	}
	return fmt.Sprintf("%d年%s", p.Year, QuarterName(p.Index))
}

// DaysLeft is how many days of the period are left on today, today
// included: 1 on its last day, 0 once it is over. A period not yet begun
// has all its days left.
func (p MeetingPeriod) DaysLeft(today Date) int {
	if today.Before(p.From) {
		return p.From.DaysUntil(p.To) + 1
	}
	return max(0, today.DaysUntil(p.To)+1)
}

// MeetingCalendar lays out year's required meetings of each kind, month by
// month or quarter by quarter, and says of each period whether a meeting
// was held, is missing, is due now or is still to come. meetings may hold
// any meetings; those of other years are ignored. A period without a
// meeting that ended before began (the office's Settings.Began, when set)
// is PeriodBefore, not missing: the program did not yet hold the office's
// records. The notice and the assessment judge every period (began zero).
func MeetingCalendar(year int, meetings []Meeting, today, began Date) map[MeetingKind][]MeetingPeriod {
	out := map[MeetingKind][]MeetingPeriod{}
	for _, k := range MeetingKinds {
		n, months := 4, 3
		if k.Monthly() {
			n, months = 12, 1
		}
		for i := 1; i <= n; i++ {
			from := D(year, time.Month((i-1)*months+1), 1)
			p := MeetingPeriod{Kind: k, Year: year, Index: i, From: from, To: from.AddMonths(months).AddDays(-1)}
			for j := range meetings {
				m := &meetings[j]
				if m.Kind != k || m.Deleted || m.Date.Before(p.From) || m.Date.After(p.To) {
					continue
				}
				switch {
				case m.Held():
					p.Held++
				case m.State == MeetingPlanned:
					p.Planned = append(p.Planned, *m)
				}
			}
			switch {
			case p.Held > 0:
				p.State = PeriodHeld
			case p.To.Before(began):
				p.State = PeriodBefore
			case p.To.Before(today):
				p.State = PeriodMissing
			case p.From.After(today):
				p.State = PeriodFuture
			default:
				p.State = PeriodDue
			}
			out[k] = append(out[k], p)
		}
	}
	return out
}

// MeetingFilter selects meetings, newest first.
type MeetingFilter struct {
	Office   string
	Kind     MeetingKind
	From, To Date   // held within, when set
	Query    string // place, chair, agenda, minutes
	Limit    int
	HeldOnly bool // leave out planned and cancelled meetings
	// EnterpriseID keeps the meetings held at this enterprise (on-site
	// meetings) and, with EnterpriseName, those listing that name among
	// their attendees.
	EnterpriseID   string
	EnterpriseName string
}

// SaveMeeting checks and saves a meeting together with the problems raised
// at it, which enter the ledger with the meeting as their source, in one
// transaction. A new meeting gets the next number of its kind in its year.
// At an on-site meeting every problem must be solved on the spot, assigned
// or explained (the notice's three outcomes).
//
// A planned meeting (state MeetingPlanned) is dated today or later, has no
// number, attendance, decisions nor problems yet; saving it again with
// state "" holds it (see HoldPlanned). A cancelled meeting is not saved
// here (CancelMeeting), nor changed once cancelled.
func (s *Service) SaveMeeting(ctx context.Context, m *Meeting, problems []NewProblem) error {
	m.Normalize()
	if err := m.Validate(s.Today()); err != nil {
		return err
	}
	if err := m.checkPlan(s.Today(), len(problems)); err != nil {
		return err
	}
	mm := *m
	nps := append([]NewProblem(nil), problems...)
	err := s.update(ctx, func(tx Tx) error {
		if err := checkMeetingState(ctx, tx, mm); err != nil {
			return err
		}
		if !mm.Held() {
			mm.Seq = 0
			if mm.ID == "" {
				mm.ID = tx.NewID()
			}
			return tx.SaveMeeting(&mm)
		}
		if err := numberMeeting(ctx, tx, &mm); err != nil {
			return err
		}
		legacy, err := keepTracked(ctx, tx, mm)
		if err != nil {
			return err
		}
		// The decisions' problems name the meeting: a new one takes its
		// ID first, and is saved once, with their IDs.
		if mm.ID == "" {
			mm.ID = tx.NewID()
		}
		if err := TrackDecisions(ctx, tx, &mm, legacy); err != nil {
			return err
		}
		if err := tx.SaveMeeting(&mm); err != nil {
			return err
		}
		for i := range nps {
			if mm.Kind == MeetingOnSite && nps[i].First == nil {
				return ProblemError{i, FieldError{"Handling", "现场办公会上的问题须当场解决、交办或依法不能办理并做好解释"}}
			}
		}
		return s.registerFrom(tx, nps, mm.Kind.Source(), mm.ID, mm.EnterpriseID, mm.Date)
	})
	if err != nil {
		return err
	}
	*m = mm
	copy(problems, nps)
	return nil
}

// numberMeeting gives a new meeting, or one moved to another year, the next
// number of its kind in its year.
func numberMeeting(ctx context.Context, tx Tx, m *Meeting) error {
	if m.ID != "" {
		old, err := tx.Meeting(ctx, m.ID)
		if err != nil {
			return err
		}
		if old.Date.Year() == m.Date.Year() && old.Kind == m.Kind && old.Seq > 0 {
			m.Seq = old.Seq
			return nil
		}
	}
	// A new meeting has no office yet: it will be this office's. Without
	// one, the filter would count the meetings of every office the city
	// imported too.
	office := m.Office
	if office == "" {
		o, err := tx.Office(ctx)
		if err != nil {
			return fmt.Errorf("number meeting: %w", err)
		}
		office = o.Code
	}
	y := m.Date.Year()
	list, err := tx.Meetings(ctx, MeetingFilter{Office: office, Kind: m.Kind, From: D(y, 1, 1), To: D(y, 12, 31), HeldOnly: true})
	if err != nil {
		return fmt.Errorf("number meeting: %w", err)
	}
	m.Seq = 1
	for _, x := range list {
		if x.ID != m.ID && x.Seq >= m.Seq {
			m.Seq = x.Seq + 1
		}
	}
	return nil
}

// meetingsDue lists this year's required meetings still to hold in the
// current period (待召开: this month's 企业现场办公会, this quarter's
// 企业家恳谈会 and 银企对接会, when not yet held), then those whose period
// is over without one (未召开), each in the notice's order of kinds. The
// calendar (MeetingCalendar) says which is which.
func meetingsDue(year int, meetings []Meeting, today, began Date) []MeetingPeriod {
	cal := MeetingCalendar(year, meetings, today, began)
	var due, missing []MeetingPeriod
	for _, k := range MeetingKinds {
		for _, p := range cal[k] {
			switch p.State {
			case PeriodDue:
				due = append(due, p)
			case PeriodMissing:
				missing = append(missing, p)
			}
		}
	}
	return append(due, missing...)
}
