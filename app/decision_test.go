package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// Each decision of a meeting enters the ledger as a problem of source
// 会议议定, 交办 to its unit with its deadline, in the meeting's one
// write; it then follows the ledger's rules (overdue past its deadline).
// A tracked decision keeps its unit and deadline and cannot be removed
// from the meeting; its text may be corrected; a new decision is tracked
// when the meeting is saved again.
func TestMeetingDecisionsTracked(t *testing.T) {
	w := newWorld(t, app.D(2026, time.May, 6), nil)
	m := meeting(app.MeetingBank, app.D(2026, 5, 6))
	m.Decisions = []app.Decision{
		{Text: "组织银行对3家企业开展授信评估", Unit: "人行秦皇岛市分行", Deadline: app.D(2026, 5, 29)},
		// Longer than the 30 working days a 交办 may give: the meeting set it.
		{Text: "研究设立科技型企业信用贷款风险补偿资金", Unit: "区财政局", Deadline: app.D(2026, 9, 30)},
	}
	ops := len(w.st.Ops())
	m = w.saveMeeting(m)
	if n := len(w.st.Ops()) - ops; n != 1 {
		t.Errorf("saving the meeting took %d writes, want 1", n)
	}
	ps, err := w.svc.Problems(w.ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d problems in the ledger, want the 2 decisions", len(ps))
	}
	byID := map[string]app.Problem{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	for i, d := range m.Decisions {
		p, ok := byID[d.ProblemID]
		if !ok {
			t.Fatalf("decision %d: problem %q not in the ledger", i+1, d.ProblemID)
		}
		if p.Source != app.SourceDecision || p.SourceID != m.ID || p.Status != app.StatusAssigned || p.LeadDept != d.Unit ||
			!p.Deadline.Equal(d.Deadline) || p.Description != d.Text || p.EnterpriseID != "" || !p.Registered.Equal(m.Date) {
			t.Errorf("decision %d tracked as %+v", i+1, p)
		}
	}
	// Past its deadline the first is overdue, on the 工作台 too.
	w.setToday(app.D(2026, 6, 1))
	d, err := w.svc.Dashboard(w.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Overdue) != 1 || d.Overdue[0].ID != m.Decisions[0].ProblemID {
		t.Errorf("overdue on 1 June: %d problems, want the first decision", len(d.Overdue))
	}

	// The text corrected: saved, no new problem.
	m.Decisions[0].Text = "组织银行对3家企业开展授信评估并反馈结果"
	m = w.saveMeeting(m)
	if ps, _ := w.svc.Problems(w.ctx, app.ProblemFilter{}); len(ps) != 2 {
		t.Errorf("%d problems after a correction, want 2", len(ps))
	}
	// The unit changed, the deadline changed, or the decision removed:
	// refused, nothing saved.
	for name, change := range map[string]func(m *app.Meeting){
		"unit":     func(m *app.Meeting) { m.Decisions[1].Unit = "区金融办" },
		"deadline": func(m *app.Meeting) { m.Decisions[1].Deadline = app.D(2026, 10, 30) },
		"removed":  func(m *app.Meeting) { m.Decisions = m.Decisions[:1] },
	} {
		before := w.st.Snapshot()
		x := m
		x.Decisions = append([]app.Decision(nil), m.Decisions...)
		change(&x)
		err := w.svc.SaveMeeting(w.ctx, &x, nil)
		if err == nil || !strings.Contains(app.Message(err), "已纳入问题台账") {
			t.Errorf("%s: %v, want a refusal naming the ledger", name, err)
		}
		if diff := w.st.Snapshot().Diff(before); len(diff) > 0 {
			t.Errorf("%s: refused but changed %v", name, diff)
		}
	}
	// A decision added later is tracked when the meeting is saved again.
	m.Decisions = append(m.Decisions, app.Decision{Text: "编印银企对接产品手册", Unit: "区工信局", Deadline: app.D(2026, 6, 30)})
	m = w.saveMeeting(m)
	if ps, _ := w.svc.Problems(w.ctx, app.ProblemFilter{}); len(ps) != 3 || m.Decisions[2].ProblemID == "" {
		t.Errorf("%d problems after adding a decision (its problem %q), want 3", len(ps), m.Decisions[2].ProblemID)
	}
}

// A meeting saved by an earlier version keeps its decisions untracked when
// it is edited: their work was followed outside the ledger, and two-year-
// old decisions must not flood it as overdue problems. A decision added
// now is tracked.
func TestLegacyDecisionsStayUntracked(t *testing.T) {
	w := newWorld(t, app.D(2026, time.May, 6), nil)
	m := meeting(app.MeetingRoundtable, app.D(2024, 3, 22))
	err := w.st.Update(w.ctx, w.svc.Op(), func(tx app.Tx) error { return tx.SaveMeeting(&m) })
	if err != nil {
		t.Fatal(err)
	}
	m.Decisions = append(m.Decisions, app.Decision{Text: "梳理企业意见建议", Unit: "区工信局", Deadline: app.D(2026, 5, 20)})
	m.Date = app.D(2024, 3, 22)
	m = w.saveMeeting(m)
	ps, err := w.svc.Problems(w.ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || m.Decisions[0].ProblemID != "" || m.Decisions[1].ProblemID != ps[0].ID {
		t.Errorf("%d problems; decisions %+v; want the added one alone tracked", len(ps), m.Decisions)
	}
}

// A county's own figures for a period: one row, its own, not ranked nor
// stale, with its departments' figures; the same figures the city's
// notice gives it.
func TestOwnFigures(t *testing.T) {
	w := newWorld(t, app.D(2026, time.May, 6), nil)
	m := meeting(app.MeetingBank, app.D(2026, 4, 20))
	w.saveMeeting(m) // its decision: a problem 交办 to 区自然资源和规划局
	p, err := app.ParsePeriod("2026Q2")
	if err != nil {
		t.Fatal(err)
	}
	n, err := w.svc.OwnFigures(w.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Rows) != 1 || n.Rows[0].Office != haigangOffice.Code || n.Rows[0].Rank != 0 || n.Rows[0].Stale ||
		n.Rows[0].Raised != 1 || n.Rows[0].MeetingsHeld[2] != 1 || !n.End.Equal(app.D(2026, 5, 6)) {
		t.Errorf("own figures %+v", n.Rows)
	}
	if len(n.Depts) != 1 || n.Depts[0].Dept != "区自然资源和规划局" || n.Depts[0].Assigned != 1 {
		t.Errorf("departments %+v", n.Depts)
	}
	city, err := w.svc.Notice(w.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range city.Rows {
		if r.Office == haigangOffice.Code && (r.Raised != n.Rows[0].Raised || r.Visits != n.Rows[0].Visits || r.MeetingsHeld != n.Rows[0].MeetingsHeld) {
			t.Errorf("the notice's row %+v and the own figures %+v differ", r, n.Rows[0])
		}
	}
}

// The 督办意见 list: each comment with its problem as it stands and what
// was done from the comment's day on; a comment on a problem since
// deleted is listed without one.
func TestSupervision(t *testing.T) {
	st := datatest.NewSetUp(t, cityOfficeForDepts)
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	w := &world{t: t, ctx: context.Background(), st: st, now: now}
	w.svc = &app.Service{Store: st, Now: func() time.Time { return w.now }, Operator: "测试员"}
	e := w.enterprise(1)
	p := w.registerOn(e, app.D(2026, 3, 2))
	w.problemAct(p, app.Action{Kind: app.ActAssign, Date: app.D(2026, 3, 3), LeadDept: "市住建局", Person: "赵六", Deadline: app.D(2026, 3, 31)})
	gone := w.registerOn(e, app.D(2026, 3, 2))
	for _, c := range []app.Comment{
		{ProblemID: p.ID, Date: app.D(2026, 3, 10), Text: "请加快办理"},
		{ProblemID: gone.ID, Date: app.D(2026, 3, 11), Text: "请核实"},
	} {
		if err := w.svc.SaveComment(w.ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	w.problemAct(p, app.Action{Kind: app.ActProgress, Date: app.D(2026, 3, 12), Text: "已召开协调会"})
	w.deleteRecord(app.TableProblems, gone.ID)
	list, err := w.svc.Supervision(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Comment.Text != "请核实" || list[0].Problem.ID != "" {
		t.Fatalf("the list: %+v", list)
	}
	x := list[1]
	if x.Problem.ID != p.ID || x.Problem.Status != app.StatusInProgress || len(x.Since) != 1 || x.Since[0].Kind != app.ActProgress {
		t.Errorf("the comment on %s: problem %s %s, since %+v", p.Number, x.Problem.Number, x.Problem.Status, x.Since)
	}
}
