package app_test

import (
	"math"
	"testing"

	"wugeyi/app"
)

// An office's assessment for 2026, on 15 July, from records counted by
// hand below: each computed row's score, figure and the total.
func TestAssessment(t *testing.T) {
	w := newWorld(t, app.D(2026, 7, 15), nil)
	es := []app.Enterprise{w.enterprise(1), w.enterprise(2), w.enterprise(3), w.enterprise(4)}
	leader := func(name string) app.Leader {
		l := app.Leader{Name: name, Post: "副区长", Level: app.LevelCounty, Body: "政府"}
		if err := w.svc.SaveLeader(w.ctx, &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	l1, l2 := leader("李志强"), leader("王堃")
	assignment := func(l app.Leader, e app.Enterprise, from, to app.Date) {
		a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "张三", From: from, To: to}
		if err := w.svc.SaveAssignment(w.ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	// Coverage: 1 and 2 of the 4 enterprises (3's assignment ended in 2025).
	assignment(l1, es[0], app.D(2026, 1, 1), app.Date{})
	assignment(l2, es[1], app.D(2026, 5, 1), app.Date{})
	assignment(l1, es[2], app.D(2025, 1, 1), app.D(2025, 12, 31))
	// Visits, quarterly: l1–1 owes Q1, Q2, Q3 and visits in Q1 (twice) and
	// Q3; l2–2 owes Q2 and Q3 and visits in Q2: 3 of 5.
	visit := func(l app.Leader, e app.Enterprise, d app.Date) {
		v := app.Visit{LeaderID: l.ID, EnterpriseID: e.ID, Date: d, Mode: app.VisitModes[0], Findings: "生产正常"}
		if err := w.svc.SaveVisit(w.ctx, &v, nil); err != nil {
			t.Fatal(err)
		}
	}
	visit(l1, es[0], app.D(2026, 2, 10))
	visit(l1, es[0], app.D(2026, 3, 1))
	visit(l1, es[0], app.D(2026, 7, 10))
	visit(l2, es[1], app.D(2026, 6, 1))
	visit(l2, es[2], app.D(2026, 6, 2)) // not an assignment of l2: does not count
	// Meetings: round tables Q1 held, Q2 missing; on-site January,
	// February and July (the current month) held, March–June missing; bank
	// meetings Q1 and Q2 missing: 4 held of 11.
	w.saveMeeting(meeting(app.MeetingRoundtable, app.D(2026, 2, 5)))
	for _, d := range []app.Date{app.D(2026, 1, 20), app.D(2026, 2, 20), app.D(2026, 7, 8)} {
		w.saveMeeting(meeting(app.MeetingOnSite, d))
	}
	// Problems of 2026: one settled on time and followed up 满意, one
	// settled late and followed up 基本满意, one open; one of 2025.
	register := func(d app.Date) app.Problem {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: es[0].ID, Source: "企业反映", Category: "用地", Description: "用地指标不足", Registered: d}}
		if err := w.svc.RegisterProblem(w.ctx, &np); err != nil {
			t.Fatal(err)
		}
		return np.Problem
	}
	act := func(p app.Problem, a app.Action) {
		if _, err := w.svc.Act(w.ctx, p.ID, a); err != nil {
			t.Fatalf("%s: %v", a.Kind, err)
		}
	}
	for i, finished := range []app.Date{app.D(2026, 3, 18), app.D(2026, 3, 25)} {
		p := register(app.D(2026, 3, 2))
		act(p, app.Action{Kind: app.ActAssign, Date: app.D(2026, 3, 3), LeadDept: "区自然资源局", Person: "赵六", Deadline: app.D(2026, 3, 20)})
		act(p, app.Action{Kind: app.ActFinish, Date: finished, Text: "已落实用地指标"})
		act(p, app.Action{Kind: app.ActFollowUp, Date: finished.AddDays(2), Satisfaction: app.Satisfactions[i], Text: "电话回访"})
	}
	register(app.D(2026, 4, 1))
	register(app.D(2025, 12, 1))

	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		score  float64
		figure string
	}{
		app.IndCoverage:     {5, "4家重点企业中2家有领导分包（50.0%）"},
		app.IndVisits:       {9, "每3个月走访1次，应走访5次，到位3次（60.0%）"},
		app.IndMeetings:     {5.5, "企业家恳谈会1/2期；企业现场办公会3/7期；银企对接会0/2期（36.4%）"},
		app.IndSettled:      {13.3, "登记3件，办结2件（66.7%）"},
		app.IndOnTime:       {5, "有时限的已办结问题2件，按时办结1件（50.0%）"},
		app.IndSatisfaction: {7.5, "回访2件：满意1件、基本满意1件、不满意0件"},
	}
	var total float64
	for _, r := range a.Rows {
		if r.Code == "" {
			if r.Scored || r.Figure != "" {
				t.Errorf("%s is scored by hand but has %v %q", r.Name, r.Score, r.Figure)
			}
			continue
		}
		wt, ok := want[r.Code]
		if !ok {
			t.Errorf("no expectation for %s", r.Code)
			continue
		}
		if !r.Scored || r.Score != wt.score || r.Figure != wt.figure {
			t.Errorf("%s: %v %q, want %v %q", r.Name, r.Score, r.Figure, wt.score, wt.figure)
		}
		total += wt.score
	}
	if math.Abs(a.Total-total) > 1e-9 || a.Office != "130302" || a.Year != 2026 {
		t.Errorf("total %v, want %v (%+v)", a.Total, total, a)
	}
}

// With nothing to count, a computed indicator gets full marks and says
// why; the default scheme is 100 points.
func TestAssessmentEmptyAndWeights(t *testing.T) {
	w := newWorld(t, app.D(2026, 1, 10), nil)
	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Rows {
		if r.Code != "" && (r.Score != r.Weight || r.Figure == "") {
			t.Errorf("%s with no records: %v %q", r.Name, r.Score, r.Figure)
		}
	}
	var sum float64
	for _, ind := range app.DefaultIndicators() {
		sum += ind.Weight
	}
	if sum != 100 {
		t.Errorf("the default weights add up to %v", sum)
	}
	b := app.BlankAssessment("130302", 2026)
	if len(b.Rows) != len(app.DefaultIndicators()) || b.Total != 0 {
		t.Errorf("blank %+v", b)
	}
	for _, r := range b.Rows {
		if r.Scored {
			t.Errorf("blank row %s is scored", r.Name)
		}
	}
}
