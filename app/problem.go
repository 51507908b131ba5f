package app

import (
	"context"
	"fmt"
	"slices"
)

// Status is where a problem stands in the ledger (问题台账).
type Status string

// The statuses of a problem. 登记 → 交办 → 办理中 → 已办结 → 回访 → 销号;
// 当场解决 goes straight to 已办结; 依法不能办理 ends as 已解释. With
// Settings.DeptReceipt a 交办 problem waits for its department: 签收 moves
// it on to 办理中, 退回 back to 登记. 逾期 is never
// stored: it is computed from the deadline (see Problem.Overdue).
const (
	StatusRegistered Status = "登记"
	StatusAssigned   Status = "交办"
	StatusInProgress Status = "办理中"
	StatusDone       Status = "已办结"
	StatusFollowedUp Status = "回访"
	StatusClosed     Status = "销号"
	StatusExplained  Status = "已解释"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusRegistered, StatusAssigned, StatusInProgress, StatusDone, StatusFollowedUp, StatusClosed, StatusExplained}

// Open reports whether a problem in status s is still being worked on.
func (s Status) Open() bool {
	return s == StatusRegistered || s == StatusAssigned || s == StatusInProgress
}

// Categories are the kinds of problem; the first five are those the notice
// names for on-site meetings.
var Categories = []string{"规划", "用地", "建设", "融资", "用工", "环保", "审批", "政策", "其他"}

// Sources say where a problem came from.
var Sources = []string{"走访", "企业家恳谈会", "现场办公会", "银企对接会", "企业反映", SourceDecision, "其他"}

// Handling is how a problem is dealt with, in the three ways of the notice.
const (
	HandleOnSpot  = "当场解决"
	HandleAssign  = "交办"
	HandleExplain = "依法不能办理"
)

// Satisfaction levels recorded at the follow-up call (回访).
var Satisfactions = []string{"满意", "基本满意", "不满意"}

// Problem is one difficulty of an enterprise in the ledger, followed until
// it is settled (拉条挂号、台账推进).
type Problem struct {
	Meta
	Number       string `json:"number"` // e.g. 海港-2026-0001, given by the store
	EnterpriseID string `json:"enterprise_id"`
	Source       string `json:"source"`
	SourceID     string `json:"source_id"` // the visit or meeting it was raised at
	Category     string `json:"category"`
	Description  string `json:"description"`
	Request      string `json:"request"` // what the enterprise asks for
	Registered   Date   `json:"registered"`
	Status       Status `json:"status"`
	Handling     string `json:"handling"`
	LeadDept     string `json:"lead_dept"`
	SupportDepts string `json:"support_depts"`
	Person       string `json:"person"` // 责任人
	Deadline     Date   `json:"deadline"`
	// DeadlineCounted is the deadline 按时办结 is measured against (see
	// CountedDeadline): the one set at 交办, moved by an extension only
	// when the extension was approved before it passed.
	DeadlineCounted Date   `json:"deadline_counted"`
	Result          string `json:"result"`
	ClosedOn        Date   `json:"closed_on"`
	Explanation     string `json:"explanation"`
	FollowUp        string `json:"follow_up"`
	Satisfaction    string `json:"satisfaction"`

	EnterpriseName string `json:"-"` // filled by the store when listing
}

// CountedDeadline is the deadline 按时办结 is measured against: the
// deadline set at 交办 (or at a 不满意 follow-up, which opens a new round
// of work), replaced by an extension's only when the extension was
// approved on or before the day that deadline ran out. A late extension
// moves Deadline, the day the work is now due and overdue is judged by,
// but the problem is still late. A problem recorded before extensions were
// approved (DeadlineCounted not set) is measured against Deadline.
func (p *Problem) CountedDeadline() Date {
	if p.DeadlineCounted.IsZero() {
		return p.Deadline
	}
	return p.DeadlineCounted
}

// Overdue reports whether the problem is still open after its deadline on
// the calendar cal (a deadline on a rest day is due the next working day).
func (p *Problem) Overdue(today Date, cal Calendar) bool {
	return p.Status.Open() && cal.Overdue(p.Deadline, today)
}

// Normalize trims fields.
func (p *Problem) Normalize() {
	trim(&p.Description, &p.Request, &p.LeadDept, &p.SupportDepts, &p.Person, &p.Result, &p.Explanation, &p.FollowUp)
}

// Validate checks what is registered about a new problem.
func (p *Problem) Validate() error {
	var v Invalid
	if p.EnterpriseID == "" && p.Source != SourceDecision { // a meeting's decision may concern no one enterprise
		v.Add("EnterpriseID", "请选择问题所属企业")
	}
	if blank(p.Description) {
		v.Add("Description", "请填写问题描述")
	}
	if !contains(Categories, p.Category) {
		v.Add("Category", "请选择问题类别")
	}
	if !contains(Sources, p.Source) {
		v.Add("Source", "请选择问题来源")
	}
	if p.Registered.IsZero() {
		v.Add("Registered", "请填写登记日期")
	}
	checkLen(&v, "Description", p.Description, 2000)
	return v.Err()
}

// ActionKind is one thing a clerk can do to a problem.
type ActionKind string

// The actions on a problem.
const (
	ActAssign   ActionKind = "交办"
	ActProgress ActionKind = "进展"
	ActDeadline ActionKind = "调整时限"
	ActFinish   ActionKind = "办结"
	ActOnSpot   ActionKind = "当场解决"
	ActExplain  ActionKind = "依法不能办理"
	ActFollowUp ActionKind = "回访"
	ActClose    ActionKind = "销号"
	// ActReceive (签收) and ActReturn (退回) are the department's answer
	// to a 交办 when Settings.DeptReceipt is on.
	ActReceive ActionKind = "签收"
	ActReturn  ActionKind = "退回"
)

// allowed says which actions each status allows.
var allowed = map[Status][]ActionKind{
	StatusRegistered: {ActAssign, ActOnSpot, ActExplain},
	StatusAssigned:   {ActProgress, ActDeadline, ActFinish, ActExplain},
	StatusInProgress: {ActProgress, ActDeadline, ActFinish, ActExplain},
	StatusDone:       {ActFollowUp},
	StatusFollowedUp: {ActClose},
}

// receiptAllowed replaces allowed for the statuses it names when the
// department signs for a 交办 (Settings.DeptReceipt): a 交办 problem is
// first 签收 or 退回.
var receiptAllowed = map[Status][]ActionKind{
	StatusAssigned: {ActReceive, ActReturn},
}

// Actions lists what can be done to a problem in status s when
// departments do not sign for a 交办.
func Actions(s Status) []ActionKind { return ActionsFor(s, false) }

// ActionsFor lists what can be done to a problem in status s, receipt
// saying whether the department signs for a 交办 (Settings.DeptReceipt).
func ActionsFor(s Status, receipt bool) []ActionKind {
	if l, ok := receiptAllowed[s]; ok && receipt {
		return l
	}
	return allowed[s]
}

// Action is one step in a problem's life, as the clerk fills it in.
type Action struct {
	Kind         ActionKind
	Date         Date   // the day it happened
	LeadDept     string // ActAssign; ActReceive and ActReturn: the department that answers
	SupportDepts string // ActAssign
	Person       string // ActAssign
	Deadline     Date   // ActAssign, ActDeadline, ActFollowUp when not satisfied
	Approver     string // ActDeadline: who approved the extension (批准人); Date is the day approved
	Text         string // progress, result, explanation, reason for a new deadline, follow-up notes
	Satisfaction string // ActFollowUp
}

// Event is one entry of a problem's timeline: registration and every action,
// with who did it. Events are synced records of their own.
type Event struct {
	Meta
	ProblemID    string     `json:"problem_id"`
	Kind         ActionKind `json:"kind"` // or "登记" for the registration
	Date         Date       `json:"date"`
	Text         string     `json:"text"`
	Status       Status     `json:"status"` // the status after the event
	LeadDept     string     `json:"lead_dept,omitempty"`
	Person       string     `json:"person,omitempty"`
	OldDeadline  Date       `json:"old_deadline"`
	NewDeadline  Date       `json:"new_deadline"`
	Satisfaction string     `json:"satisfaction,omitempty"`
	Approver     string     `json:"approver,omitempty"` // of a deadline change
}

// EventRegistered is the kind of the first event of every problem.
const EventRegistered ActionKind = "登记"

// DeadlineRules bound the deadlines a clerk may set, in working days from
// the day a problem is assigned.
type DeadlineRules struct {
	DefaultDays int // the deadline proposed on 交办 (default 15)
	MaxDays     int // the latest deadline allowed (default 30)
	// Calendar counts the working days (the zero Calendar: the published
	// years only).
	Calendar Calendar
	// Receipt says that a 交办 waits for the department's 签收 or 退回
	// (Settings.DeptReceipt).
	Receipt bool
}

// Apply does action a to p and returns the problem as it then is and the
// timeline event that records it. p itself is not changed. It refuses an
// action the status does not allow, or one whose required fields are
// missing, with field errors in Chinese.
func (p Problem) Apply(a Action, rules DeadlineRules) (Problem, Event, error) {
	if !slices.Contains(ActionsFor(p.Status, rules.Receipt), a.Kind) {
		return p, Event{}, FieldError{"Kind", fmt.Sprintf("问题当前状态为“%s”，不能“%s”", p.Status, a.Kind)}
	}
	trim(&a.LeadDept, &a.SupportDepts, &a.Person, &a.Text, &a.Satisfaction, &a.Approver)
	var v Invalid
	if a.Date.IsZero() {
		v.Add("Date", "请填写日期")
	} else if a.Date.Before(p.Registered) {
		v.Add("Date", "日期不能早于问题登记日期 "+p.Registered.String())
	}
	ev := Event{ProblemID: p.ID, Kind: a.Kind, Date: a.Date, Text: a.Text}
	q := p
	switch a.Kind {
	case ActAssign:
		if a.LeadDept == "" {
			v.Add("LeadDept", "请填写牵头责任单位")
		}
		if a.Person == "" && p.Source != SourceDecision { // the meeting named the unit only
			v.Add("Person", "请填写责任人")
		}
		checkDeadline(&v, a.Deadline, p.Registered, a.Date, rules)
		q.Status, q.Handling = StatusAssigned, HandleAssign
		q.LeadDept, q.SupportDepts, q.Person, q.Deadline = a.LeadDept, a.SupportDepts, a.Person, a.Deadline
		q.DeadlineCounted = a.Deadline
		ev.LeadDept, ev.Person, ev.NewDeadline = a.LeadDept, a.Person, a.Deadline
	case ActReceive:
		// The deadline set at 交办 stands: the department's time runs from
		// the 交办, so a late 签收 does not lengthen it.
		if a.LeadDept == "" {
			v.Add("LeadDept", "请填写签收单位")
		} else if a.LeadDept != p.LeadDept {
			v.Add("LeadDept", "签收单位与交办的牵头单位不一致：本问题交办给“"+p.LeadDept+"”，应由其签收；交办错了请由该单位退回后重新交办")
		}
		q.Status = StatusInProgress
		ev.LeadDept = a.LeadDept
	case ActReturn:
		if a.Text == "" {
			v.Add("Text", "退回须写明理由")
		}
		if a.LeadDept != "" && a.LeadDept != p.LeadDept {
			v.Add("LeadDept", "退回单位与交办的牵头单位不一致：本问题交办给“"+p.LeadDept+"”")
		}
		q.Status, q.Handling = StatusRegistered, ""
		q.LeadDept, q.SupportDepts, q.Person, q.Deadline, q.DeadlineCounted = "", "", "", Date{}, Date{}
		ev.LeadDept, ev.OldDeadline = p.LeadDept, p.Deadline
	case ActProgress:
		if a.Text == "" {
			v.Add("Text", "请填写办理进展")
		}
		q.Status = StatusInProgress
	case ActDeadline:
		if a.Text == "" {
			v.Add("Text", "调整办理时限须写明理由")
		}
		if a.Approver == "" {
			v.Add("Approver", "调整办理时限须写明批准人")
		}
		checkDeadline(&v, a.Deadline, p.Registered, a.Date, rules)
		if a.Deadline.Equal(p.Deadline) {
			v.Add("Deadline", "新时限与原时限相同")
		}
		q.Deadline = a.Deadline
		// Approved in time, the extension is the deadline 按时办结 is
		// measured against; approved after the counted deadline ran out,
		// it is not: the problem was already late.
		q.DeadlineCounted = p.CountedDeadline()
		if !rules.Calendar.Overdue(p.CountedDeadline(), a.Date) {
			q.DeadlineCounted = a.Deadline
		}
		ev.OldDeadline, ev.NewDeadline, ev.Approver = p.Deadline, a.Deadline, a.Approver
	case ActFinish, ActOnSpot:
		if a.Text == "" {
			v.Add("Text", "办结须填写办理结果")
		}
		q.Status, q.Result, q.ClosedOn = StatusDone, a.Text, a.Date
		if a.Kind == ActOnSpot {
			q.Handling = HandleOnSpot
		}
	case ActExplain:
		if a.Text == "" {
			v.Add("Text", "依法依规不能办理的，须写明向企业所做的解释和依据")
		}
		q.Status, q.Handling, q.Explanation, q.ClosedOn = StatusExplained, HandleExplain, a.Text, a.Date
	case ActFollowUp:
		if !contains(Satisfactions, a.Satisfaction) {
			v.Add("Satisfaction", "请选择企业满意度：满意、基本满意或不满意")
		}
		q.FollowUp, q.Satisfaction = a.Text, a.Satisfaction
		ev.Satisfaction = a.Satisfaction
		if a.Satisfaction == "不满意" {
			// The enterprise is not satisfied: the problem is worked on again
			// with a new deadline.
			checkDeadline(&v, a.Deadline, p.Registered, a.Date, rules)
			q.Status, q.ClosedOn, q.Deadline, q.DeadlineCounted = StatusInProgress, Date{}, a.Deadline, a.Deadline
			ev.OldDeadline, ev.NewDeadline = p.Deadline, a.Deadline
		} else {
			q.Status = StatusFollowedUp
		}
	case ActClose:
		q.Status = StatusClosed
	}
	if err := v.Err(); err != nil {
		return p, Event{}, err
	}
	ev.Status = q.Status
	return q, ev, nil
}

func checkDeadline(v *Invalid, deadline, registered, from Date, rules DeadlineRules) {
	switch {
	case deadline.IsZero():
		v.Add("Deadline", "请填写办理时限")
	case deadline.Before(registered):
		v.Add("Deadline", "办理时限不能早于问题登记日期 "+registered.String())
	case rules.MaxDays > 0 && deadline.After(rules.Calendar.AddWorkingDays(from, rules.MaxDays)):
		v.Add("Deadline", fmt.Sprintf("办理时限最长为%d个工作日（不晚于 %s）", rules.MaxDays, rules.Calendar.AddWorkingDays(from, rules.MaxDays)))
	}
}

// RegisterEvent is the first timeline event of a newly registered problem.
func RegisterEvent(p *Problem) Event {
	return Event{ProblemID: p.ID, Kind: EventRegistered, Date: p.Registered, Text: p.Description, Status: StatusRegistered}
}

// ProblemNumber formats a problem's ledger number: office short name, year
// and a four-digit serial, e.g. 海港-2026-0001.
func ProblemNumber(office string, year, serial int) string {
	return fmt.Sprintf("%s-%d-%04d", OfficeShort(office), year, serial)
}

// DueSoon reports whether an open problem's deadline falls within the next
// days days (today included) and it is not yet overdue.
func (p *Problem) DueSoon(today Date, days int) bool {
	return p.Status.Open() && !p.Deadline.IsZero() && !p.Deadline.Before(today) && !p.Deadline.After(today.AddDays(days))
}

// ProblemFilter selects problems of the ledger, newest first.
type ProblemFilter struct {
	Office       string
	Status       Status
	Category     string
	Dept         string // lead department, any part
	EnterpriseID string
	SourceID     string
	Overdue      bool // only open problems past their deadline on Today
	Today        Date
	Calendar     Calendar // the one Overdue counts on: Settings.Calendar
	Query        string   // full text: number, enterprise, description, request, department, person
	Limit        int
	Offset       int // with Limit: skip this many, to read a long ledger page by page
}

// ProblemError is the refusal of one of several problems saved together.
type ProblemError struct {
	Index int
	Err   error
}

func (e ProblemError) Error() string { return fmt.Sprintf("第%d个问题：%v", e.Index+1, e.Err) }

func (e ProblemError) Unwrap() error { return e.Err }

// RegisterProblem enters a problem into the ledger, with its first action
// if one is given, in one transaction. p gets its ID and number.
func (s *Service) RegisterProblem(ctx context.Context, np *NewProblem) error {
	// A copy, as in SaveVisit: np takes its ID and number only once saved.
	x := *np
	if err := s.update(ctx, func(tx Tx) error { return s.register(tx, &x, false) }); err != nil {
		return err
	}
	*np = x
	return nil
}

// register checks and saves a new problem with its actions. For the
// history of an imported ledger (history set) the limit on how far a
// deadline may be set is lifted: those deadlines were set, and some moved,
// before the ledger came in.
func (s *Service) register(tx Tx, np *NewProblem, history bool) error {
	p := &np.Problem
	p.Normalize()
	if p.ID != "" {
		return fmt.Errorf("register problem %s: already registered", p.ID)
	}
	p.Status = StatusRegistered
	if err := p.Validate(); err != nil {
		return err
	}
	acts := np.Then
	if np.First != nil {
		acts = append([]Action{*np.First}, np.Then...)
	}
	var events []Event
	if len(acts) > 0 {
		st, err := tx.Settings(context.Background())
		if err != nil {
			return err
		}
		rules := st.Rules()
		if history {
			// An imported ledger's steps were taken before; none waited
			// for a 签收 in this program.
			rules.MaxDays, rules.Receipt = 0, false
		}
		for _, a := range acts {
			q, ev, err := p.Apply(a, rules)
			if err != nil {
				return err
			}
			if a.Kind == ActAssign && !history {
				if err := ensureDepartment(context.Background(), tx, q.LeadDept); err != nil {
					return err
				}
			}
			*p = q
			events = append(events, ev)
		}
	}
	if err := tx.SaveProblem(p); err != nil {
		return err
	}
	reg := RegisterEvent(p)
	if err := tx.SaveEvent(&reg); err != nil {
		return err
	}
	for i := range events {
		events[i].ProblemID = p.ID
		if err := tx.SaveEvent(&events[i]); err != nil {
			return err
		}
	}
	return nil
}

// Act takes action a on the problem with id: the status moves as the
// workflow allows, and the timeline gets an event, in one transaction.
func (s *Service) Act(ctx context.Context, id string, a Action) (Problem, error) {
	var out Problem
	err := s.update(ctx, func(tx Tx) error {
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		p, err := tx.Problem(ctx, id)
		if err != nil {
			return err
		}
		q, ev, err := p.Apply(a, st.Rules())
		if err != nil {
			return err
		}
		if a.Kind == ActAssign {
			if err := ensureDepartment(ctx, tx, q.LeadDept); err != nil {
				return err
			}
		}
		if err := tx.SaveProblem(&q); err != nil {
			return err
		}
		if err := tx.SaveEvent(&ev); err != nil {
			return err
		}
		out = q
		return nil
	})
	return out, err
}

// EditProblem saves changes to what was registered about a problem
// (description, request, category …). Its status and handling move only by
// Act, so they are kept as stored.
func (s *Service) EditProblem(ctx context.Context, p *Problem) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	var saved Problem
	err := s.update(ctx, func(tx Tx) error {
		old, err := tx.Problem(ctx, p.ID)
		if err != nil {
			return err
		}
		q := old
		q.Version = p.Version
		q.EnterpriseID, q.Category, q.Source = p.EnterpriseID, p.Category, p.Source
		q.Description, q.Request, q.Registered = p.Description, p.Request, p.Registered
		if !q.Deadline.IsZero() && q.Deadline.Before(q.Registered) {
			return Invalid{{"Registered", "登记日期不能晚于办理时限 " + q.Deadline.String()}}
		}
		if err := tx.SaveProblem(&q); err != nil {
			return err
		}
		saved = q
		return nil
	})
	if err != nil {
		return err
	}
	*p = saved
	return nil
}

// NewProblem is a problem to register, with the first action taken on it
// at once, if any (当场解决, 交办 or 依法不能办理).
type NewProblem struct {
	Problem Problem
	First   *Action
	// Then are further actions taken on it at once, in order, after
	// First: the history an imported ledger row carries (交办, then 办结 …).
	Then []Action
}
