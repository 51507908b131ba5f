package app_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"wugeyi/app"
)

// assessWorld is 海港区 on 15 July 2026 (the third quarter and July still
// running) with a handful of records whose figures the tests below count
// by hand. Every record is of 海港区; the deleted ones must not count.
func assessWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t, app.D(2026, 7, 15), nil)
	e1, e2, e3, e4, e5 := w.enterprise(1), w.enterprise(2), w.enterprise(3), w.enterprise(4), w.enterprise(5)
	l1, l2, l3 := w.leaderNamed("李志强"), w.leaderNamed("王堃"), w.leaderNamed("赵刚")

	// Assignments. Covered in 2026: e1, e2 and e4 (e4's ended in February);
	// not e3, whose assignment ended in 2025 and whose second one is of a
	// deleted leader; e5 is deleted. 3 of 4 live enterprises.
	w.assignFor(l1, e1, app.D(2026, 1, 1), app.Date{})
	w.assignFor(l2, e2, app.D(2026, 5, 1), app.Date{})
	w.assignFor(l1, e3, app.D(2025, 1, 1), app.D(2025, 12, 31))
	w.assignFor(l2, e4, app.D(2026, 1, 1), app.D(2026, 2, 15))
	w.assignFor(l3, e3, app.D(2026, 3, 1), app.Date{})
	w.assignFor(l1, e5, app.D(2026, 1, 1), app.Date{})
	w.deleteRecord(app.TableLeaders, l3.ID)
	w.deleteRecord(app.TableEnterprises, e5.ID)

	// Visits, once a quarter. Owed: l1–e1 in Q1 and Q2 (in force on 31
	// March and 30 June), l2–e2 in Q2 (from 1 May); Q3 is not over, so
	// l1–e1's visit in July counts and l2–e2's missing one does not yet;
	// e4's assignment was not in force at the end of Q1. Visited: l1–e1 in
	// Q1 (twice, one period) and Q3, l2–e2 in Q2: 3 of 4.
	w.visitOn(l1, e1, app.D(2026, 2, 10))
	w.visitOn(l1, e1, app.D(2026, 3, 1))
	w.visitOn(l1, e1, app.D(2026, 7, 10))
	w.visitOn(l2, e2, app.D(2026, 6, 1))
	w.visitOn(l2, e4, app.D(2026, 1, 20)) // owed nothing
	w.visitOn(l2, e3, app.D(2026, 6, 2))  // not l2's enterprise
	w.deleteRecord(app.TableVisits, w.visitOn(l1, e1, app.D(2026, 5, 5)).ID)
	w.phoneOn(l1, e1, app.D(2026, 5, 20)) // a 联系, not a 走访: Q2 stays unvisited

	// Meetings. 企业家恳谈会: Q1 held, Q2 missing, Q3 not over (1/2);
	// 企业现场办公会: January, February and July held, March–June missing
	// (3/7); 银企对接会: Q1 and Q2 missing (0/2). 4 of 11. Without
	// decisions, which the ledger would follow as problems (counted below
	// by hand without them).
	meeting := func(k app.MeetingKind, d app.Date) app.Meeting {
		m := meeting(k, d)
		m.Decisions = nil
		return m
	}
	w.saveMeeting(meeting(app.MeetingRoundtable, app.D(2026, 2, 5)))
	for _, d := range []app.Date{app.D(2026, 1, 20), app.D(2026, 2, 20), app.D(2026, 7, 8)} {
		w.saveMeeting(meeting(app.MeetingOnSite, d))
	}
	w.deleteRecord(app.TableMeetings, w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 3, 10))).ID)
	w.saveMeeting(meeting(app.MeetingBank, app.D(2025, 12, 10))) // of 2025

	// Problems registered in 2026: six live ones.
	//   p1 settled on time, 满意;        p2 settled late, 基本满意;
	//   p3 当场解决 (no deadline);       p4 settled, 不满意: reopened, past its new deadline;
	//   p5 registered only;              p6 explained (no deadline).
	// Settled 4 of 6; on time 3 (p1, p3, p6) of 5 (the settled and p4);
	// satisfaction (1 + 0.5 + 0) / 3.
	assign := func(p app.Problem, on, deadline app.Date) {
		w.problemAct(p, app.Action{Kind: app.ActAssign, Date: on, LeadDept: "区自然资源和规划局", Person: "赵六", Deadline: deadline})
	}
	finish := func(p app.Problem, on app.Date) {
		w.problemAct(p, app.Action{Kind: app.ActFinish, Date: on, Text: "已落实用地指标"})
	}
	followUp := func(p app.Problem, on app.Date, satisfaction string, deadline app.Date) {
		w.problemAct(p, app.Action{Kind: app.ActFollowUp, Date: on, Satisfaction: satisfaction, Text: "电话回访", Deadline: deadline})
	}
	p1 := w.registerOn(e1, app.D(2026, 3, 2))
	assign(p1, app.D(2026, 3, 3), app.D(2026, 3, 20))
	finish(p1, app.D(2026, 3, 18))
	followUp(p1, app.D(2026, 3, 20), "满意", app.Date{})
	p2 := w.registerOn(e1, app.D(2026, 3, 2))
	assign(p2, app.D(2026, 3, 3), app.D(2026, 3, 20))
	finish(p2, app.D(2026, 3, 25))
	followUp(p2, app.D(2026, 3, 27), "基本满意", app.Date{})
	p3 := w.registerOn(e2, app.D(2026, 4, 1))
	w.problemAct(p3, app.Action{Kind: app.ActOnSpot, Date: app.D(2026, 4, 1), Text: "现场协调解决"})
	p4 := w.registerOn(e2, app.D(2026, 4, 1))
	assign(p4, app.D(2026, 4, 2), app.D(2026, 4, 20))
	finish(p4, app.D(2026, 4, 10))
	followUp(p4, app.D(2026, 4, 13), "不满意", app.D(2026, 4, 30))
	w.registerOn(e2, app.D(2026, 4, 1))
	p6 := w.registerOn(e4, app.D(2026, 4, 1))
	w.problemAct(p6, app.Action{Kind: app.ActExplain, Date: app.D(2026, 4, 2), Text: "不符合用地政策，已向企业解释"})
	w.deleteRecord(app.TableProblems, w.registerOn(e1, app.D(2026, 5, 1)).ID)

	// Of 2025: registered in December, settled after the year's end.
	p7 := w.registerOn(e3, app.D(2025, 12, 1))
	assign(p7, app.D(2025, 12, 2), app.D(2025, 12, 20))
	finish(p7, app.D(2026, 1, 10))
	return w
}

func (w *world) leaderNamed(name string) app.Leader {
	w.t.Helper()
	l := app.Leader{Name: name, Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := w.svc.SaveLeader(w.ctx, &l); err != nil {
		w.t.Fatalf("SaveLeader: %v", err)
	}
	return l
}

func (w *world) assignFor(l app.Leader, e app.Enterprise, from, to app.Date) {
	w.t.Helper()
	a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "张三", From: from, To: to}
	if err := w.svc.SaveAssignment(w.ctx, &a); err != nil {
		w.t.Fatalf("SaveAssignment: %v", err)
	}
}

func (w *world) visitOn(l app.Leader, e app.Enterprise, d app.Date) app.Visit {
	w.t.Helper()
	v := app.Visit{LeaderID: l.ID, EnterpriseID: e.ID, Date: d, Mode: app.VisitModes[0], Findings: "生产经营正常"}
	if err := w.svc.SaveVisit(w.ctx, &v, nil); err != nil {
		w.t.Fatalf("SaveVisit: %v", err)
	}
	return v
}

// phoneOn records l's phone call to e on day d.
func (w *world) phoneOn(l app.Leader, e app.Enterprise, d app.Date) {
	w.t.Helper()
	v := app.Visit{LeaderID: l.ID, EnterpriseID: e.ID, Date: d, Mode: "电话", Findings: "电话了解生产情况"}
	if err := w.svc.SaveVisit(w.ctx, &v, nil); err != nil {
		w.t.Fatalf("SaveVisit: %v", err)
	}
}

func (w *world) registerOn(e app.Enterprise, d app.Date) app.Problem {
	w.t.Helper()
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Source: "企业反映", Category: "用地", Description: "用地指标不足", Registered: d}}
	if err := w.svc.RegisterProblem(w.ctx, &np); err != nil {
		w.t.Fatalf("RegisterProblem: %v", err)
	}
	return np.Problem
}

func (w *world) problemAct(p app.Problem, a app.Action) {
	w.t.Helper()
	if _, err := w.svc.Act(w.ctx, p.ID, a); err != nil {
		w.t.Fatalf("%s %s: %v", a.Kind, p.Number, err)
	}
}

func (w *world) deleteRecord(t app.Table, id string) {
	w.t.Helper()
	if err := w.svc.Delete(w.ctx, t, id); err != nil {
		w.t.Fatalf("Delete %s: %v", t, err)
	}
}

// rowWant is what a computed row should say.
type rowWant struct {
	score  float64
	figure string
}

// checkAssessment compares a's computed rows with want, by code, checks
// that the rows scored by hand are left empty and that the total is the
// sum of the scores.
func checkAssessment(tb testing.TB, a app.Assessment, want map[string]rowWant) {
	tb.Helper()
	if len(a.Rows) != len(app.DefaultIndicators()) {
		tb.Fatalf("%d rows", len(a.Rows))
	}
	var total float64
	for i, r := range a.Rows {
		if r.Indicator != app.DefaultIndicators()[i] {
			tb.Errorf("row %d is %+v", i, r.Indicator)
		}
		if r.Code == "" {
			if r.Scored || r.Score != 0 || r.Figure != "" {
				tb.Errorf("%s is scored by hand but has %v %q", r.Name, r.Score, r.Figure)
			}
			continue
		}
		wt, ok := want[r.Code]
		if !ok {
			tb.Errorf("no expectation for %s", r.Code)
			continue
		}
		if !r.Scored || r.Score != wt.score || r.Figure != wt.figure {
			tb.Errorf("%s: %v %q (scored %v), want %v %q", r.Name, r.Score, r.Figure, r.Scored, wt.score, wt.figure)
		}
		total += wt.score
	}
	if math.Abs(a.Total-total) > 1e-9 {
		tb.Errorf("total %v, want %v", a.Total, total)
	}
}

// Each computed figure and score of 2026, up to 15 July, against the
// records counted by hand in assessWorld.
func TestAssessment(t *testing.T) {
	w := assessWorld(t)
	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	if a.Office != "130302" || a.Year != 2026 || a.End != app.D(2026, 7, 15) {
		t.Errorf("office %s year %d end %s", a.Office, a.Year, a.End)
	}
	checkAssessment(t, a, map[string]rowWant{
		app.IndCoverage: {7.5, "4家重点企业中3家有领导分包，75.0%"},
		// 15 × 3/4 = 11.25, rounded half away from zero.
		app.IndVisits: {11.3, "每3个月走访1次，应走访4次，到位3次，75.0%"},
		// 15 × 4/11 = 5.45.
		app.IndMeetings: {5.5, "应召开11期，已召开4期（企业家恳谈会1/2、企业现场办公会3/7、银企对接会0/2），36.4%"},
		// 20 × 4/6 = 13.33.
		app.IndSettled:      {13.3, "登记6件，已办结4件，66.7%"},
		app.IndOnTime:       {6, "已办结或到期5件，按时办结3件，60.0%"},
		app.IndSatisfaction: {5, "回访3件：满意1件、基本满意1件、不满意1件，得分率50.0%"},
	})
	if a.Total != 48.6 {
		t.Errorf("total %v, want 48.6", a.Total)
	}
}

// A past year is judged at its end: 2025's problem settled in January
// 2026 is neither settled nor on time, and its assignment of the whole
// year owed four visits.
func TestAssessmentPastYear(t *testing.T) {
	w := assessWorld(t)
	a, err := w.svc.Assessment(w.ctx, "130302", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if a.End != app.D(2025, 12, 31) {
		t.Errorf("end %s", a.End)
	}
	checkAssessment(t, a, map[string]rowWant{
		// Today's list of enterprises: no record says since when each is on it.
		app.IndCoverage: {2.5, "4家重点企业中1家有领导分包，25.0%"},
		app.IndVisits:   {0, "每3个月走访1次，应走访4次，到位0次，0.0%"},
		// 15 × 1/20 = 0.75: the 银企对接会 of December 2025.
		app.IndMeetings:     {0.8, "应召开20期，已召开1期（企业家恳谈会0/4、企业现场办公会0/12、银企对接会1/4），5.0%"},
		app.IndSettled:      {0, "登记1件，已办结0件，0.0%"},
		app.IndOnTime:       {0, "已办结或到期1件，按时办结0件，0.0%"},
		app.IndSatisfaction: {10, "本年度无回访记录，按满分计"},
	})
}

// An office with nothing to count gets full marks on every computed
// indicator, and each figure says why; the records of 海港区 are not
// 山海关区's.
func TestAssessmentNothingToCount(t *testing.T) {
	w := assessWorld(t)
	w.setToday(app.D(2026, 1, 10)) // before any period of the year is over
	for _, office := range []string{"130303", "130302"} {
		a, err := w.svc.Assessment(w.ctx, office, 2026)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]rowWant{
			app.IndCoverage:     {10, "本单位无重点企业，按满分计"},
			app.IndVisits:       {15, "年内无应走访的分包企业，按满分计"},
			app.IndMeetings:     {15, "年内尚无到期的会议，按满分计"},
			app.IndSettled:      {20, "本年度无问题登记，按满分计"},
			app.IndOnTime:       {10, "本年度无已办结或到期的问题，按满分计"},
			app.IndSatisfaction: {10, "本年度无回访记录，按满分计"},
		}
		if office == "130302" {
			// Its enterprises exist; on 10 January the assignments of
			// 1 January cover e1 and e4, and nothing else is due yet.
			want[app.IndCoverage] = rowWant{5, "4家重点企业中2家有领导分包，50.0%"}
		}
		checkAssessment(t, a, want)
	}
}

// A year not yet begun is refused.
func TestAssessmentFutureYear(t *testing.T) {
	w := newWorld(t, app.D(2026, 12, 31), nil)
	_, err := w.svc.Assessment(w.ctx, "130302", 2027)
	var fe app.FieldError
	if !errors.As(err, &fe) || fe.Field != "Year" {
		t.Fatalf("Assessment(2027): %v", err)
	}
}

// The visit period is the office's setting. Monthly: l1–e1 owes January
// to June (visited in February and March; May's visit is deleted) and
// July counts as visited; l2–e2 owes May and June (visited in June);
// l2–e4, in force on 31 January, owes January (visited). 5 of 10.
func TestAssessmentMonthlyVisits(t *testing.T) {
	w := assessWorld(t)
	s := app.DefaultSettings()
	s.VisitIntervalMonths = 1
	if err := w.svc.SaveSettings(w.ctx, s); err != nil {
		t.Fatal(err)
	}
	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Rows {
		if r.Code == app.IndVisits && (r.Score != 7.5 || r.Figure != "每1个月走访1次，应走访10次，到位5次，50.0%") {
			t.Errorf("%s: %v %q", r.Name, r.Score, r.Figure)
		}
	}
}

// When the settings count phone calls as 走访, l1–e1's call of 20 May
// fills its second quarter: 4 of 4.
func TestAssessmentPhoneCallsCounted(t *testing.T) {
	w := assessWorld(t)
	s := app.DefaultSettings()
	s.VisitModesCounted = []string{"电话"}
	if err := w.svc.SaveSettings(w.ctx, s); err != nil {
		t.Fatal(err)
	}
	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range a.Rows {
		if r.Code == app.IndVisits {
			found = true
			if r.Score != 15 || r.Figure != "每3个月走访1次，应走访4次，到位4次，100.0%" {
				t.Errorf("%s: %v %q", r.Name, r.Score, r.Figure)
			}
		}
	}
	if !found {
		t.Error("no visits row")
	}
}

// The default scheme: 100 points, known groups, a rule printed for every
// indicator, unique codes, some scored by hand, and a rule function for
// every computed code (an unknown code would fail Assessment; a computed
// row comes back scored).
func TestDefaultIndicators(t *testing.T) {
	var sum float64
	codes := map[string]bool{}
	byHand := 0
	for _, ind := range app.DefaultIndicators() {
		sum += ind.Weight
		if ind.Group != app.GroupMeasures && ind.Group != app.GroupResults && ind.Group != app.GroupMechanism {
			t.Errorf("%s: group %q", ind.Name, ind.Group)
		}
		if ind.Name == "" || ind.Rule == "" || ind.Weight <= 0 {
			t.Errorf("incomplete indicator %+v", ind)
		}
		if ind.Code == "" {
			byHand++
			continue
		}
		if codes[ind.Code] {
			t.Errorf("code %s twice", ind.Code)
		}
		codes[ind.Code] = true
		if !strings.Contains(ind.Rule, "×") {
			t.Errorf("%s: the rule does not say how the points are reckoned: %s", ind.Name, ind.Rule)
		}
	}
	if sum != 100 {
		t.Errorf("the default weights add up to %v", sum)
	}
	if byHand == 0 || len(codes) == 0 {
		t.Errorf("%d computed and %d by hand", len(codes), byHand)
	}

	w := newWorld(t, app.D(2026, 12, 31), nil)
	a, err := w.svc.Assessment(w.ctx, "130302", 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Rows {
		if (r.Code != "") != r.Scored {
			t.Errorf("%s (code %q): scored %v", r.Name, r.Code, r.Scored)
		}
	}
}

// The blank form has the default scheme and nothing on it.
func TestBlankAssessment(t *testing.T) {
	b := app.BlankAssessment("130303", 2025, app.DefaultIndicators())
	if b.Office != "130303" || b.Year != 2025 || !b.End.IsZero() || b.Total != 0 {
		t.Errorf("blank %+v", b)
	}
	if len(b.Rows) != len(app.DefaultIndicators()) {
		t.Fatalf("%d rows", len(b.Rows))
	}
	for i, r := range b.Rows {
		if r.Indicator != app.DefaultIndicators()[i] {
			t.Errorf("row %d is %+v", i, r.Indicator)
		}
		if r.Scored || r.Figure != "" || r.Score != 0 {
			t.Errorf("blank row %s: %+v", r.Name, r)
		}
	}
}

// On the demo records of a city database, every score lies between 0 and
// the full marks and the total adds them up.
func TestAssessmentDemo(t *testing.T) {
	svc, _ := noticeCity(t, app.D(2026, 11, 20))
	for _, year := range []int{2025, 2026} {
		a, err := svc.Assessment(t.Context(), "130302", year)
		if err != nil {
			t.Fatal(err)
		}
		var sum float64
		for _, r := range a.Rows {
			if r.Scored && (r.Score < 0 || r.Score > r.Weight || r.Figure == "" || strings.Contains(r.Figure, "按满分计")) {
				t.Errorf("%d %s: %v of %v, %q", year, r.Name, r.Score, r.Weight, r.Figure)
			}
			sum += r.Score
		}
		if math.Abs(sum-a.Total) > 0.05 {
			t.Errorf("%d: total %v, rows add up to %v", year, a.Total, sum)
		}
		t.Logf("%d: %v", year, a.Total)
	}
}

// 按时办结 is measured against the deadline set at 交办; an extension
// counts only when it was approved on or before the day that deadline ran
// out. Each problem below is assigned on 3 March, due 20 March, and
// settled on 30 March, after the first deadline.
func TestOnTimeCountsApprovedExtensionsOnly(t *testing.T) {
	cases := []struct {
		name     string
		approved app.Date // the extension to 3 April, approved on this day; none when zero
		onTime   bool
	}{
		{"no extension", app.Date{}, false},
		{"extension approved before the deadline", app.D(2026, 3, 18), true},
		{"extension approved on the deadline's last day", app.D(2026, 3, 20), true},
		{"extension approved after the deadline ran out", app.D(2026, 3, 23), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, app.D(2026, 7, 15), nil)
			p := w.registerOn(w.enterprise(1), app.D(2026, 3, 2))
			w.problemAct(p, app.Action{Kind: app.ActAssign, Date: app.D(2026, 3, 3), LeadDept: "区自然资源和规划局", Person: "赵六", Deadline: app.D(2026, 3, 20)})
			if !c.approved.IsZero() {
				w.problemAct(p, app.Action{Kind: app.ActDeadline, Date: c.approved, Deadline: app.D(2026, 4, 3), Text: "需市局审批", Approver: "副区长张建国"})
			}
			got, err := w.svc.Problem(w.ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			// The work is due on the new deadline either way: a late
			// extension still stops the overdue flag.
			if !c.approved.IsZero() && (!got.Deadline.Equal(app.D(2026, 4, 3)) || got.Overdue(app.D(2026, 3, 30), app.Calendar{})) {
				t.Errorf("after the extension: deadline %s, overdue on 30 March %v", got.Deadline, got.Overdue(app.D(2026, 3, 30), app.Calendar{}))
			}
			w.problemAct(p, app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 30), Text: "已落实用地指标"})
			a, err := w.svc.Assessment(w.ctx, "130302", 2026)
			if err != nil {
				t.Fatal(err)
			}
			want := "已办结或到期1件，按时办结0件，0.0%"
			if c.onTime {
				want = "已办结或到期1件，按时办结1件，100.0%"
			}
			for _, r := range a.Rows {
				if r.Code == app.IndOnTime && r.Figure != want {
					t.Errorf("按时办结率: %q, want %q", r.Figure, want)
				}
			}
			evs, err := w.svc.Events(w.ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				if e.Kind == app.ActDeadline && e.Approver != "副区长张建国" {
					t.Errorf("the extension's event keeps approver %q", e.Approver)
				}
			}
		})
	}
}

// A problem recorded before extensions were approved (no counted
// deadline) is measured against its deadline as it stands, so past
// years' figures do not change.
func TestCountedDeadlineOfOldRecords(t *testing.T) {
	p := app.Problem{Deadline: app.D(2026, 4, 3)}
	if got := p.CountedDeadline(); !got.Equal(app.D(2026, 4, 3)) {
		t.Errorf("counted deadline %s, want the deadline 2026-04-03", got)
	}
	p.DeadlineCounted = app.D(2026, 3, 20)
	if got := p.CountedDeadline(); !got.Equal(app.D(2026, 3, 20)) {
		t.Errorf("counted deadline %s, want 2026-03-20", got)
	}
}
