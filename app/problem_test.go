package app_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
)

var (
	probRules       = app.DeadlineRules{DefaultDays: 15, MaxDays: 30}
	probRegistered  = app.D(2026, time.March, 2) // a Monday
	probAssignDay   = app.D(2026, time.March, 3) // Tuesday; + 30 working days = 2026-04-15 (清明: 4月6日 off)
	probDeadline    = app.D(2026, time.March, 20)
	probMaxOnAssign = app.D(2026, time.April, 15)
)

// problemIn returns a problem as it stands in status s, with the fields the
// workflow would have filled in to get there.
func problemIn(t *testing.T, s app.Status) app.Problem {
	t.Helper()
	p := app.Problem{
		Meta:         app.Meta{ID: "p-1", Office: "130302", Version: 3},
		Number:       "海港-2026-0001",
		EnterpriseID: "e-1",
		Source:       "走访",
		Category:     "用地",
		Description:  "项目用地指标不足",
		Registered:   probRegistered,
		Status:       s,
	}
	switch s {
	case app.StatusRegistered:
	case app.StatusAssigned, app.StatusInProgress:
		p.Handling, p.LeadDept, p.Person, p.Deadline = app.HandleAssign, "自然资源局", "王伟", probDeadline
	case app.StatusDone, app.StatusFollowedUp, app.StatusClosed:
		p.Handling, p.LeadDept, p.Person, p.Deadline = app.HandleAssign, "自然资源局", "王伟", probDeadline
		p.Result, p.ClosedOn = "已调剂用地指标", app.D(2026, time.March, 16)
		if s != app.StatusDone {
			p.Satisfaction = "满意"
		}
	case app.StatusExplained:
		p.Handling, p.Explanation, p.ClosedOn = app.HandleExplain, "不符合国土空间规划", app.D(2026, time.March, 4)
	default:
		t.Fatalf("problemIn: unknown status %q", s)
	}
	return p
}

// mustApply applies a and fails the test on a refusal.
func mustApply(t *testing.T, p app.Problem, a app.Action) (app.Problem, app.Event) {
	t.Helper()
	q, ev, err := p.Apply(a, probRules)
	if err != nil {
		t.Fatalf("Apply(%s from %s): %v", a.Kind, p.Status, err)
	}
	return q, ev
}

func TestApplyAccepted(t *testing.T) {
	day := app.D(2026, time.March, 10)
	tests := []struct {
		name   string
		from   app.Status
		action app.Action
		want   app.Status
		check  func(t *testing.T, p, q app.Problem, ev app.Event)
	}{
		{
			name: "交办 from 登记", from: app.StatusRegistered, want: app.StatusAssigned,
			action: app.Action{Kind: app.ActAssign, Date: probAssignDay, LeadDept: " 自然资源局 ", SupportDepts: "住建局", Person: "王伟", Deadline: probDeadline},
			check: func(t *testing.T, p, q app.Problem, ev app.Event) {
				t.Helper()
				if q.Handling != app.HandleAssign || q.LeadDept != "自然资源局" || q.SupportDepts != "住建局" || q.Person != "王伟" || !q.Deadline.Equal(probDeadline) {
					t.Errorf("assigned problem = %+v", q)
				}
				if ev.LeadDept != "自然资源局" || ev.Person != "王伟" || !ev.NewDeadline.Equal(probDeadline) {
					t.Errorf("assign event = %+v", ev)
				}
			},
		},
		{
			name: "交办 with the latest deadline allowed", from: app.StatusRegistered, want: app.StatusAssigned,
			action: app.Action{Kind: app.ActAssign, Date: probAssignDay, LeadDept: "自然资源局", Person: "王伟", Deadline: probMaxOnAssign},
		},
		{
			name: "交办 with the deadline on the registration day", from: app.StatusRegistered, want: app.StatusAssigned,
			action: app.Action{Kind: app.ActAssign, Date: probRegistered, LeadDept: "自然资源局", Person: "王伟", Deadline: probRegistered},
		},
		{
			name: "当场解决 from 登记", from: app.StatusRegistered, want: app.StatusDone,
			action: app.Action{Kind: app.ActOnSpot, Date: probRegistered, Text: "现场协调供电公司接入"},
			check: func(t *testing.T, p, q app.Problem, ev app.Event) {
				t.Helper()
				if q.Handling != app.HandleOnSpot || q.Result != "现场协调供电公司接入" || !q.ClosedOn.Equal(probRegistered) {
					t.Errorf("on-spot problem = %+v", q)
				}
			},
		},
		{
			name: "依法不能办理 from 登记", from: app.StatusRegistered, want: app.StatusExplained,
			action: app.Action{Kind: app.ActExplain, Date: probAssignDay, Text: "属于生态红线范围，依法不能供地，已向企业说明"},
			check:  checkExplained(probAssignDay),
		},
		{
			name: "进展 from 交办", from: app.StatusAssigned, want: app.StatusInProgress,
			action: app.Action{Kind: app.ActProgress, Date: day, Text: "已上报省厅"},
			check: func(t *testing.T, p, q app.Problem, ev app.Event) {
				t.Helper()
				if ev.Text != "已上报省厅" || !q.Deadline.Equal(p.Deadline) {
					t.Errorf("progress: problem %+v event %+v", q, ev)
				}
			},
		},
		{
			name: "进展 from 办理中", from: app.StatusInProgress, want: app.StatusInProgress,
			action: app.Action{Kind: app.ActProgress, Date: day, Text: "省厅已受理"},
		},
		{
			name: "调整时限 from 交办", from: app.StatusAssigned, want: app.StatusAssigned,
			action: app.Action{Kind: app.ActDeadline, Date: day, Deadline: app.D(2026, time.April, 3), Text: "需省厅审批", Approver: "副区长张建国"},
			check:  checkNewDeadline(app.D(2026, time.April, 3)),
		},
		{
			name: "调整时限 from 办理中", from: app.StatusInProgress, want: app.StatusInProgress,
			action: app.Action{Kind: app.ActDeadline, Date: day, Deadline: app.D(2026, time.March, 13), Text: "提前办理", Approver: "副区长张建国"},
			check:  checkNewDeadline(app.D(2026, time.March, 13)),
		},
		{
			name: "办结 from 交办", from: app.StatusAssigned, want: app.StatusDone,
			action: app.Action{Kind: app.ActFinish, Date: day, Text: "已调剂指标"},
			check:  checkFinished(day),
		},
		{
			name: "办结 from 办理中", from: app.StatusInProgress, want: app.StatusDone,
			action: app.Action{Kind: app.ActFinish, Date: day, Text: "已调剂指标"},
			check:  checkFinished(day),
		},
		{
			name: "依法不能办理 from 交办", from: app.StatusAssigned, want: app.StatusExplained,
			action: app.Action{Kind: app.ActExplain, Date: day, Text: "不符合政策，已解释"},
			check:  checkExplained(day),
		},
		{
			name: "依法不能办理 from 办理中", from: app.StatusInProgress, want: app.StatusExplained,
			action: app.Action{Kind: app.ActExplain, Date: day, Text: "不符合政策，已解释"},
			check:  checkExplained(day),
		},
		{
			name: "回访 满意", from: app.StatusDone, want: app.StatusFollowedUp,
			action: app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "满意", Text: "企业表示感谢"},
			check:  checkFollowedUp("满意"),
		},
		{
			name: "回访 基本满意", from: app.StatusDone, want: app.StatusFollowedUp,
			action: app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "基本满意"},
			check:  checkFollowedUp("基本满意"),
		},
		{
			name: "回访 不满意 reopens", from: app.StatusDone, want: app.StatusInProgress,
			action: app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "不满意", Text: "指标不够", Deadline: app.D(2026, time.April, 10)},
			check: func(t *testing.T, p, q app.Problem, ev app.Event) {
				t.Helper()
				if !q.ClosedOn.IsZero() {
					t.Errorf("reopened problem keeps ClosedOn %v", q.ClosedOn)
				}
				if !q.Deadline.Equal(app.D(2026, time.April, 10)) || q.Satisfaction != "不满意" || q.FollowUp != "指标不够" {
					t.Errorf("reopened problem = %+v", q)
				}
				if !ev.OldDeadline.Equal(p.Deadline) || !ev.NewDeadline.Equal(q.Deadline) || ev.Satisfaction != "不满意" {
					t.Errorf("reopen event = %+v", ev)
				}
				if !q.Status.Open() {
					t.Error("reopened problem is not open")
				}
			},
		},
		{
			name: "销号 from 回访", from: app.StatusFollowedUp, want: app.StatusClosed,
			action: app.Action{Kind: app.ActClose, Date: day},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := problemIn(t, tc.from)
			orig := p
			q, ev := mustApply(t, p, tc.action)
			if q.Status != tc.want {
				t.Errorf("status = %q, want %q", q.Status, tc.want)
			}
			if ev.Kind != tc.action.Kind || ev.Status != tc.want || ev.ProblemID != p.ID || !ev.Date.Equal(tc.action.Date) {
				t.Errorf("event = %+v, want kind %q, status %q, problem %q, date %v", ev, tc.action.Kind, tc.want, p.ID, tc.action.Date)
			}
			if q.ID != p.ID || q.Number != p.Number || q.Version != p.Version || q.Description != p.Description {
				t.Errorf("identity changed: %+v", q)
			}
			if !reflect.DeepEqual(p, orig) {
				t.Errorf("Apply changed its receiver:\n got %+v\nwant %+v", p, orig)
			}
			if tc.check != nil {
				tc.check(t, p, q, ev)
			}
		})
	}
}

func checkExplained(day app.Date) func(t *testing.T, p, q app.Problem, ev app.Event) {
	return func(t *testing.T, p, q app.Problem, ev app.Event) {
		t.Helper()
		if q.Handling != app.HandleExplain || q.Explanation == "" || q.Explanation != ev.Text || !q.ClosedOn.Equal(day) {
			t.Errorf("explained problem = %+v", q)
		}
		if q.Status.Open() {
			t.Error("explained problem is still open")
		}
	}
}

func checkNewDeadline(want app.Date) func(t *testing.T, p, q app.Problem, ev app.Event) {
	return func(t *testing.T, p, q app.Problem, ev app.Event) {
		t.Helper()
		if !q.Deadline.Equal(want) {
			t.Errorf("deadline = %v, want %v", q.Deadline, want)
		}
		if !ev.OldDeadline.Equal(p.Deadline) || !ev.NewDeadline.Equal(want) || ev.Text == "" {
			t.Errorf("deadline event = %+v, want old %v new %v and the reason", ev, p.Deadline, want)
		}
	}
}

func checkFinished(day app.Date) func(t *testing.T, p, q app.Problem, ev app.Event) {
	return func(t *testing.T, p, q app.Problem, ev app.Event) {
		t.Helper()
		if q.Result != "已调剂指标" || !q.ClosedOn.Equal(day) || q.Handling != app.HandleAssign {
			t.Errorf("finished problem = %+v", q)
		}
	}
}

func checkFollowedUp(sat string) func(t *testing.T, p, q app.Problem, ev app.Event) {
	return func(t *testing.T, p, q app.Problem, ev app.Event) {
		t.Helper()
		if q.Satisfaction != sat || ev.Satisfaction != sat || !q.ClosedOn.Equal(p.ClosedOn) || !q.Deadline.Equal(p.Deadline) {
			t.Errorf("followed-up problem = %+v, event %+v", q, ev)
		}
	}
}

func TestApplyRefused(t *testing.T) {
	day := app.D(2026, time.March, 10)
	assign := func(mod func(a *app.Action)) app.Action {
		a := app.Action{Kind: app.ActAssign, Date: probAssignDay, LeadDept: "自然资源局", Person: "王伟", Deadline: probDeadline}
		mod(&a)
		return a
	}
	tests := []struct {
		name   string
		from   app.Status
		action app.Action
		field  string
	}{
		{"交办 without lead department", app.StatusRegistered, assign(func(a *app.Action) { a.LeadDept = "  " }), "LeadDept"},
		{"交办 without person", app.StatusRegistered, assign(func(a *app.Action) { a.Person = "" }), "Person"},
		{"交办 without deadline", app.StatusRegistered, assign(func(a *app.Action) { a.Deadline = app.Date{} }), "Deadline"},
		{"交办 with deadline before registration", app.StatusRegistered, assign(func(a *app.Action) { a.Deadline = probRegistered.AddDays(-1) }), "Deadline"},
		{"交办 with deadline past max working days", app.StatusRegistered, assign(func(a *app.Action) { a.Deadline = probMaxOnAssign.AddDays(1) }), "Deadline"},
		{"交办 without date", app.StatusRegistered, assign(func(a *app.Action) { a.Date = app.Date{} }), "Date"},
		{"交办 dated before registration", app.StatusRegistered, assign(func(a *app.Action) { a.Date = probRegistered.AddDays(-1) }), "Date"},
		{"当场解决 without result", app.StatusRegistered, app.Action{Kind: app.ActOnSpot, Date: probRegistered, Text: " "}, "Text"},
		{"当场解决 dated before registration", app.StatusRegistered, app.Action{Kind: app.ActOnSpot, Date: probRegistered.AddDays(-3), Text: "已解决"}, "Date"},
		{"依法不能办理 without explanation", app.StatusRegistered, app.Action{Kind: app.ActExplain, Date: day}, "Text"},
		{"依法不能办理 from 办理中 without explanation", app.StatusInProgress, app.Action{Kind: app.ActExplain, Date: day}, "Text"},
		{"进展 without text", app.StatusAssigned, app.Action{Kind: app.ActProgress, Date: day}, "Text"},
		{"进展 from 办理中 without text", app.StatusInProgress, app.Action{Kind: app.ActProgress, Date: day, Text: "\t"}, "Text"},
		{"进展 dated before registration", app.StatusAssigned, app.Action{Kind: app.ActProgress, Date: probRegistered.AddDays(-1), Text: "x"}, "Date"},
		{"调整时限 without reason", app.StatusAssigned, app.Action{Kind: app.ActDeadline, Date: day, Deadline: app.D(2026, time.April, 3)}, "Text"},
		{"调整时限 to the same deadline", app.StatusAssigned, app.Action{Kind: app.ActDeadline, Date: day, Deadline: probDeadline, Text: "理由", Approver: "副区长"}, "Deadline"},
		{"调整时限 without deadline", app.StatusInProgress, app.Action{Kind: app.ActDeadline, Date: day, Text: "理由", Approver: "副区长"}, "Deadline"},
		{"调整时限 without approver", app.StatusInProgress, app.Action{Kind: app.ActDeadline, Date: day, Deadline: app.D(2026, time.April, 3), Text: "理由", Approver: " "}, "Approver"},
		{"调整时限 before registration", app.StatusInProgress, app.Action{Kind: app.ActDeadline, Date: day, Deadline: probRegistered.AddDays(-1), Text: "理由", Approver: "副区长"}, "Deadline"},
		{"调整时限 past max working days", app.StatusInProgress, app.Action{Kind: app.ActDeadline, Date: day, Deadline: app.Calendar{}.AddWorkingDays(day, 31), Text: "理由", Approver: "副区长"}, "Deadline"},
		{"办结 without result", app.StatusAssigned, app.Action{Kind: app.ActFinish, Date: day}, "Text"},
		{"办结 from 办理中 without result", app.StatusInProgress, app.Action{Kind: app.ActFinish, Date: day}, "Text"},
		{"回访 without satisfaction", app.StatusDone, app.Action{Kind: app.ActFollowUp, Date: day}, "Satisfaction"},
		{"回访 with unknown satisfaction", app.StatusDone, app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "很好"}, "Satisfaction"},
		{"回访 不满意 without new deadline", app.StatusDone, app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "不满意"}, "Deadline"},
		{"回访 不满意 with deadline past max", app.StatusDone, app.Action{Kind: app.ActFollowUp, Date: day, Satisfaction: "不满意", Deadline: app.Calendar{}.AddWorkingDays(day, 31)}, "Deadline"},
		{"销号 without date", app.StatusFollowedUp, app.Action{Kind: app.ActClose}, "Date"},
		{"销号 from 登记", app.StatusRegistered, app.Action{Kind: app.ActClose, Date: day}, "Kind"},
		{"办结 from 已解释", app.StatusExplained, app.Action{Kind: app.ActFinish, Date: day, Text: "x"}, "Kind"},
		{"unknown action", app.StatusAssigned, app.Action{Kind: "作废", Date: day}, "Kind"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := problemIn(t, tc.from)
			orig := p
			q, ev, err := p.Apply(tc.action, probRules)
			if err == nil {
				t.Fatalf("Apply accepted: status %q", q.Status)
			}
			msg := app.FieldMsg(err, tc.field)
			if msg == "" || !hasHan(msg) {
				t.Errorf("FieldMsg(err, %q) = %q; err = %v", tc.field, msg, err)
			}
			if !reflect.DeepEqual(q, orig) {
				t.Errorf("refused Apply returned a changed problem: %+v", q)
			}
			if !reflect.DeepEqual(ev, app.Event{}) {
				t.Errorf("refused Apply returned an event: %+v", ev)
			}
			if !reflect.DeepEqual(p, orig) {
				t.Errorf("refused Apply changed its receiver: %+v", p)
			}
		})
	}
}

// wantActions is the workflow of docs/SPEC.md, "Problems and their
// statuses", written out independently of the package's table.
var wantActions = map[app.Status][]app.ActionKind{
	app.StatusRegistered: {app.ActAssign, app.ActOnSpot, app.ActExplain},
	app.StatusAssigned:   {app.ActProgress, app.ActDeadline, app.ActFinish, app.ActExplain},
	app.StatusInProgress: {app.ActProgress, app.ActDeadline, app.ActFinish, app.ActExplain},
	app.StatusDone:       {app.ActFollowUp},
	app.StatusFollowedUp: {app.ActClose},
	app.StatusClosed:     nil,
	app.StatusExplained:  nil,
}

var allActionKinds = []app.ActionKind{
	app.ActAssign, app.ActProgress, app.ActDeadline, app.ActFinish,
	app.ActOnSpot, app.ActExplain, app.ActFollowUp, app.ActClose,
}

func TestActionsPerStatus(t *testing.T) {
	if len(app.Statuses) != len(wantActions) {
		t.Fatalf("Statuses = %v, want %d statuses", app.Statuses, len(wantActions))
	}
	for _, s := range app.Statuses {
		want, ok := wantActions[s]
		if !ok {
			t.Errorf("unexpected status %q", s)
			continue
		}
		if got := app.Actions(s); !reflect.DeepEqual(append([]app.ActionKind(nil), got...), append([]app.ActionKind(nil), want...)) {
			t.Errorf("Actions(%q) = %v, want %v", s, got, want)
		}
	}
}

// Every action a status does not allow is refused on the Kind field, even
// when the action is otherwise complete.
func TestApplyRefusesEveryDisallowedAction(t *testing.T) {
	day := app.D(2026, time.March, 10)
	for _, s := range app.Statuses {
		allowed := map[app.ActionKind]bool{}
		for _, k := range wantActions[s] {
			allowed[k] = true
		}
		for _, k := range allActionKinds {
			if allowed[k] {
				continue
			}
			t.Run(fmt.Sprintf("%s from %s", k, s), func(t *testing.T) {
				p := problemIn(t, s)
				a := app.Action{Kind: k, Date: day, LeadDept: "住建局", Person: "李强", Deadline: app.D(2026, time.April, 1), Text: "内容", Satisfaction: "满意"}
				q, _, err := p.Apply(a, probRules)
				if err == nil {
					t.Fatalf("Apply accepted, status %q", q.Status)
				}
				if msg := app.FieldMsg(err, "Kind"); msg == "" || !hasHan(msg) {
					t.Errorf("FieldMsg(err, Kind) = %q; err = %v", msg, err)
				}
				if q.Status != s {
					t.Errorf("status moved to %q", q.Status)
				}
			})
		}
	}
}

// A problem goes through the whole life docs/SPEC.md describes ("Problems
// and their statuses"), including a reopening.
func TestProblemLifecycle(t *testing.T) {
	p := problemIn(t, app.StatusRegistered)
	steps := []struct {
		a    app.Action
		want app.Status
	}{
		{app.Action{Kind: app.ActAssign, Date: probAssignDay, LeadDept: "自然资源局", Person: "王伟", Deadline: probDeadline}, app.StatusAssigned},
		{app.Action{Kind: app.ActProgress, Date: app.D(2026, time.March, 5), Text: "已上报"}, app.StatusInProgress},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 12), Text: "已办结"}, app.StatusDone},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, time.March, 13), Satisfaction: "不满意", Deadline: app.D(2026, time.March, 27)}, app.StatusInProgress},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 20), Text: "再次办结"}, app.StatusDone},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, time.March, 23), Satisfaction: "满意"}, app.StatusFollowedUp},
		{app.Action{Kind: app.ActClose, Date: app.D(2026, time.March, 24)}, app.StatusClosed},
	}
	for i, st := range steps {
		p, _ = mustApply(t, p, st.a)
		if p.Status != st.want {
			t.Fatalf("step %d (%s): status %q, want %q", i+1, st.a.Kind, p.Status, st.want)
		}
	}
	if p.Result != "再次办结" || !p.ClosedOn.Equal(app.D(2026, time.March, 20)) {
		t.Errorf("closed problem = %+v", p)
	}
	if len(app.Actions(p.Status)) != 0 {
		t.Errorf("销号 allows %v", app.Actions(p.Status))
	}
}

func TestOverdueAndDueSoon(t *testing.T) {
	today := app.D(2026, time.March, 10)
	deadlines := []struct {
		name     string
		deadline app.Date
		overdue  bool // when open
		dueSoon  bool // when open, within 7 days
	}{
		{"yesterday", today.AddDays(-1), true, false},
		{"today", today, false, true},
		{"tomorrow", today.AddDays(1), false, true},
		{"in 7 days", today.AddDays(7), false, true},
		{"in 8 days", today.AddDays(8), false, false},
		{"none", app.Date{}, false, false},
	}
	for _, s := range app.Statuses {
		for _, d := range deadlines {
			t.Run(string(s)+" "+d.name, func(t *testing.T) {
				p := problemIn(t, s)
				p.Deadline = d.deadline
				open := s == app.StatusRegistered || s == app.StatusAssigned || s == app.StatusInProgress
				if s.Open() != open {
					t.Errorf("%q.Open() = %v, want %v", s, s.Open(), open)
				}
				if got := p.Overdue(today, app.Calendar{}); got != (open && d.overdue) {
					t.Errorf("Overdue = %v, want %v", got, open && d.overdue)
				}
				if got := p.DueSoon(today, 7); got != (open && d.dueSoon) {
					t.Errorf("DueSoon = %v, want %v", got, open && d.dueSoon)
				}
			})
		}
	}
}

func TestProblemValidate(t *testing.T) {
	valid := func() app.Problem {
		return app.Problem{EnterpriseID: "e-1", Source: "企业反映", Category: "融资", Description: "流动资金紧张", Registered: probRegistered}
	}
	if p := valid(); p.Validate() != nil {
		t.Fatalf("valid problem refused: %v", p.Validate())
	}
	tests := []struct {
		field string
		mod   func(p *app.Problem)
	}{
		{"EnterpriseID", func(p *app.Problem) { p.EnterpriseID = "" }},
		{"Description", func(p *app.Problem) { p.Description = "  " }},
		{"Description", func(p *app.Problem) { p.Description = strings.Repeat("字", 2001) }},
		{"Category", func(p *app.Problem) { p.Category = "" }},
		{"Category", func(p *app.Problem) { p.Category = "治安" }},
		{"Source", func(p *app.Problem) { p.Source = "" }},
		{"Registered", func(p *app.Problem) { p.Registered = app.Date{} }},
	}
	for _, tc := range tests {
		p := valid()
		tc.mod(&p)
		err := p.Validate()
		if msg := app.FieldMsg(err, tc.field); msg == "" || !hasHan(msg) {
			t.Errorf("%s: FieldMsg = %q, err = %v", tc.field, msg, err)
		}
	}
}

func TestRegisterEvent(t *testing.T) {
	p := problemIn(t, app.StatusRegistered)
	ev := app.RegisterEvent(&p)
	if ev.Kind != app.EventRegistered || ev.Status != app.StatusRegistered || ev.ProblemID != p.ID || !ev.Date.Equal(p.Registered) || ev.Text != p.Description {
		t.Errorf("RegisterEvent = %+v", ev)
	}
}

func TestFieldMsg(t *testing.T) {
	inv := app.Invalid{{Field: "Name", Msg: "请填写名称"}, {Field: "Phone", Msg: "电话不对"}}
	tests := []struct {
		name  string
		err   error
		field string
		want  string
	}{
		{"first of several", inv, "Name", "请填写名称"},
		{"second of several", inv, "Phone", "电话不对"},
		{"absent field", inv, "Address", ""},
		{"wrapped Invalid", fmt.Errorf("save: %w", inv), "Phone", "电话不对"},
		{"single FieldError", app.FieldError{Field: "Kind", Msg: "不能销号"}, "Kind", "不能销号"},
		{"FieldError other field", app.FieldError{Field: "Kind", Msg: "不能销号"}, "Date", ""},
		{"wrapped FieldError", fmt.Errorf("act: %w", app.FieldError{Field: "Kind", Msg: "不能销号"}), "Kind", "不能销号"},
		{"plain error", errors.New("磁盘已满"), "Name", ""},
		{"nil", nil, "Name", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := app.FieldMsg(tc.err, tc.field); got != tc.want {
				t.Errorf("FieldMsg(%v, %q) = %q, want %q", tc.err, tc.field, got, tc.want)
			}
		})
	}
	if got := inv.Error(); got != "请填写名称；电话不对" {
		t.Errorf("Invalid.Error() = %q", got)
	}
	if (app.Invalid{}).Err() != nil || inv.Err() == nil {
		t.Error("Invalid.Err wrong for empty or non-empty")
	}
}
