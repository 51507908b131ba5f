package app_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// world is a service over the database of one office, with a clock
// the test moves.
type world struct {
	t   *testing.T
	ctx context.Context
	st  *datatest.Store
	svc *app.Service
	now time.Time
}

var haigangOffice = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}

// newWorld returns a world set up for 海港区 on day today, with the default
// settings changed by mod, if given.
func newWorld(t *testing.T, today app.Date, mod func(s *app.Settings)) *world {
	t.Helper()
	st := datatest.NewSetUp(t, haigangOffice)
	w := &world{t: t, ctx: context.Background(), st: st}
	w.setToday(today)
	w.svc = &app.Service{Store: st, Now: func() time.Time { return w.now }, Operator: "测试员"}
	if mod != nil {
		s := app.DefaultSettings()
		mod(&s)
		if err := w.svc.SaveSettings(w.ctx, s); err != nil {
			t.Fatalf("SaveSettings: %v", err)
		}
	}
	return w
}

// logged is the number of rows of this office's change log: its sequence
// numbers run from 1 without a gap.
func (w *world) logged() int64 {
	w.t.Helper()
	_, top, err := w.st.Changes(w.ctx, haigangOffice.Code, math.MaxInt64)
	if err != nil {
		w.t.Fatalf("read the change log: %v", err)
	}
	return top
}

// setToday moves the clock to 9:30 in Beijing on day d.
func (w *world) setToday(d app.Date) {
	w.now = time.Date(d.Year(), d.Month(), d.Day(), 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
}

// enterprise saves the n-th enterprise.
func (w *world) enterprise(n int) app.Enterprise {
	w.t.Helper()
	e := app.Enterprise{Name: fmt.Sprintf("秦皇岛测试%d号机械有限公司", n), CreditCode: datatest.CreditCode(n)}
	if err := w.svc.SaveEnterprise(w.ctx, &e); err != nil {
		w.t.Fatalf("SaveEnterprise: %v", err)
	}
	return e
}

// meeting is a valid meeting of kind k on day d, unsaved.
func meeting(k app.MeetingKind, d app.Date) app.Meeting {
	return app.Meeting{Kind: k, Format: k.Formats()[len(k.Formats())-1], Date: d, Place: "区政府第三会议室", Chair: "李志强",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "李志强"}, {Group: app.Sitting, Kind: "部门", Name: "区工信局"}},
		Decisions: []app.Decision{{Text: "协调用地指标", Unit: "区自然资源和规划局", Deadline: d.AddDays(20)}}}
}

func (w *world) saveMeeting(m app.Meeting, nps ...app.NewProblem) app.Meeting {
	w.t.Helper()
	if err := w.svc.SaveMeeting(w.ctx, &m, nps); err != nil {
		w.t.Fatalf("SaveMeeting(%s %s): %v", m.Kind, m.Date, err)
	}
	return m
}

func TestSaveMeetingNumbering(t *testing.T) {
	w := newWorld(t, app.D(2026, time.November, 27), nil)
	type step struct {
		kind app.MeetingKind
		date app.Date
		seq  int
	}
	steps := []step{
		{app.MeetingRoundtable, app.D(2025, 3, 20), 1},
		{app.MeetingRoundtable, app.D(2025, 6, 18), 2},
		{app.MeetingOnSite, app.D(2025, 12, 31), 1},
		{app.MeetingRoundtable, app.D(2026, 1, 1), 1}, // a new year starts again at 1
		{app.MeetingOnSite, app.D(2026, 1, 15), 1},
		{app.MeetingBank, app.D(2026, 2, 10), 1},
		{app.MeetingRoundtable, app.D(2026, 3, 25), 2},
		{app.MeetingOnSite, app.D(2026, 2, 12), 2},
		{app.MeetingRoundtable, app.D(2026, 6, 30), 3},
		{app.MeetingOnSite, app.D(2026, 3, 12), 3},
		{app.MeetingBank, app.D(2026, 5, 10), 2},
		{app.MeetingRoundtable, app.D(2025, 9, 30), 3}, // typed in late: next number of 2025
		{app.MeetingRoundtable, app.D(2026, 9, 29), 4},
	}
	saved := map[int]app.Meeting{}
	for i, s := range steps {
		m := w.saveMeeting(meeting(s.kind, s.date))
		if m.ID == "" || m.Seq != s.seq {
			t.Errorf("step %d: %s of %s saved as number %d (ID %q), want %d", i, s.kind, s.date, m.Seq, m.ID, s.seq)
		}
		stored, err := w.st.Meeting(w.ctx, m.ID)
		if err != nil || stored.Seq != s.seq {
			t.Errorf("step %d: stored %+v, %v", i, stored, err)
		}
		saved[i] = m
	}
	if m := saved[9]; m.Title() != "2026年第3次企业现场办公会" {
		t.Errorf("title = %q", m.Title())
	}

	// Editing keeps the number, also when the date moves within the year.
	m := saved[6]
	m.Date, m.Minutes = app.D(2026, 3, 27), "补充纪要"
	m = w.saveMeeting(m)
	if m.Seq != 2 {
		t.Errorf("edited meeting renumbered %d, want 2", m.Seq)
	}
	// Moved to another year, it takes that year's next number.
	m.Date = app.D(2025, 12, 20)
	m = w.saveMeeting(m)
	if m.Seq != 4 {
		t.Errorf("meeting moved to 2025 got number %d, want 4", m.Seq)
	}
	// Changed to another kind, it takes that kind's next number.
	m2 := saved[10]
	m2.Kind, m2.Format = app.MeetingOnSite, "企业"
	m2 = w.saveMeeting(m2)
	if m2.Seq != 4 {
		t.Errorf("bank meeting changed to on-site got number %d, want 4", m2.Seq)
	}

	// A refused meeting takes no number.
	bad := meeting(app.MeetingBank, app.D(2026, 11, 28)) // tomorrow
	if err := w.svc.SaveMeeting(w.ctx, &bad, nil); app.FieldMsg(err, "Date") == "" {
		t.Errorf("meeting of tomorrow: %v", err)
	}
	if bad.ID != "" || bad.Seq != 0 {
		t.Errorf("refused meeting got ID %q, number %d", bad.ID, bad.Seq)
	}
	if got := w.saveMeeting(meeting(app.MeetingBank, app.D(2026, 11, 27))); got.Seq != 2 {
		t.Errorf("bank meeting after a refused one: number %d, want 2", got.Seq)
	}

	// Numbers are per office: a meeting another office owns (as the city
	// holds after importing counties' files) does not count.
	other := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2024, 5, 6)))
	o2 := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2024, 6, 6)))
	if other.Seq != 1 || o2.Seq != 2 {
		t.Fatalf("2024 on-site numbers %d, %d", other.Seq, o2.Seq)
	}
	if err := w.st.SetOwner(app.TableMeetings, "130303", other.ID, o2.ID); err != nil {
		t.Fatalf("SetOwner: %v", err)
	}
	if got := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2024, 7, 6))); got.Seq != 1 {
		t.Errorf("first own on-site meeting of 2024 after another office's two: number %d, want 1", got.Seq)
	}
}

// problemsOf lists the ledger's problems raised at the record with id.
func (w *world) problemsOf(id string) []app.Problem {
	w.t.Helper()
	ps, err := w.st.Problems(w.ctx, app.ProblemFilter{SourceID: id})
	if err != nil {
		w.t.Fatal(err)
	}
	return ps
}

func TestSaveMeetingProblems(t *testing.T) {
	day := app.D(2026, time.March, 12)
	w := newWorld(t, app.D(2026, time.March, 16), nil)
	e1, e2 := w.enterprise(1), w.enterprise(2)
	assign := &app.Action{Kind: app.ActAssign, Date: day, LeadDept: "区自然资源和规划局", Person: "张伟", Deadline: app.Calendar{}.AddWorkingDays(day, 15)}
	onSpot := &app.Action{Kind: app.ActOnSpot, Date: day, Text: "区住建局当场答复"}
	explain := &app.Action{Kind: app.ActExplain, Date: day, Text: "位于永久基本农田，依法不能占用"}

	// An on-site meeting at e1: its problems are e1's unless said otherwise.
	m := meeting(app.MeetingOnSite, day)
	m.Format, m.EnterpriseID = "企业", e1.ID
	m.Decisions = nil // followed up as problems too (TestMeetingDecisionsTracked)
	nps := []app.NewProblem{
		{Problem: app.Problem{Category: "用地", Description: "新增用地指标不足"}, First: assign},
		{Problem: app.Problem{Category: "建设", Description: "施工许可办理慢"}, First: onSpot},
		{Problem: app.Problem{Category: "规划", Description: "拟占用基本农田建设仓库"}, First: explain},
		{Problem: app.Problem{EnterpriseID: e2.ID, Category: "融资", Description: "流动资金贷款到期续贷难"}, First: assign},
	}
	m = w.saveMeeting(m, nps...)
	ps := w.problemsOf(m.ID)
	if len(ps) != len(nps) {
		t.Fatalf("%d problems in the ledger from the meeting, want %d", len(ps), len(nps))
	}
	want := map[string]struct {
		ent    string
		status app.Status
	}{
		"新增用地指标不足":    {e1.ID, app.StatusAssigned},
		"施工许可办理慢":     {e1.ID, app.StatusDone},
		"拟占用基本农田建设仓库": {e1.ID, app.StatusExplained},
		"流动资金贷款到期续贷难": {e2.ID, app.StatusAssigned},
	}
	for _, p := range ps {
		wp, ok := want[p.Description]
		if !ok || p.EnterpriseID != wp.ent || p.Status != wp.status {
			t.Errorf("problem %s %q: enterprise %s, status %s; want %+v", p.Number, p.Description, p.EnterpriseID, p.Status, wp)
		}
		if p.Source != app.MeetingOnSite.Source() || p.Source != "现场办公会" || p.SourceID != m.ID || !p.Registered.Equal(day) || p.Number == "" {
			t.Errorf("problem %+v: want source 现场办公会 of meeting %s, registered %s", p, m.ID, day)
		}
		evs, err := w.st.Events(w.ctx, p.ID)
		if err != nil || len(evs) != 2 || evs[0].Kind != app.EventRegistered {
			t.Errorf("problem %s: timeline %+v, %v; want its registration and the first action", p.Number, evs, err)
		}
	}
	// The caller's problems took their IDs.
	for i, np := range nps {
		if np.Problem.ID == "" {
			t.Errorf("problem %d has no ID after saving", i)
		}
	}

	// Round tables and bank meetings: problems without a first action wait
	// in 登记, sourced from the meeting.
	for _, k := range []app.MeetingKind{app.MeetingRoundtable, app.MeetingBank} {
		m := meeting(k, day)
		m.Decisions = nil
		m = w.saveMeeting(m, app.NewProblem{Problem: app.Problem{EnterpriseID: e2.ID, Category: "政策", Description: string(k) + "上反映的问题"}})
		ps := w.problemsOf(m.ID)
		if len(ps) != 1 || ps[0].Source != k.Source() || ps[0].Status != app.StatusRegistered || ps[0].EnterpriseID != e2.ID {
			t.Errorf("%s: problems %+v", k, ps)
		}
	}
	// A problem of a round table must name its enterprise.
	rt := meeting(app.MeetingRoundtable, day)
	err := w.svc.SaveMeeting(w.ctx, &rt, []app.NewProblem{{Problem: app.Problem{Category: "政策", Description: "无企业"}}})
	var pe app.ProblemError
	if !errors.As(err, &pe) || pe.Index != 0 || app.FieldMsg(err, "EnterpriseID") == "" {
		t.Errorf("round-table problem without an enterprise: %v", err)
	}
}

// An on-site meeting's problem without one of the three outcomes refuses
// the whole meeting: nothing is saved, and the form can be saved again once
// corrected.
func TestSaveMeetingOnSiteNeedsOutcome(t *testing.T) {
	day := app.D(2026, time.March, 12)
	w := newWorld(t, app.D(2026, time.March, 16), nil)
	e := w.enterprise(1)
	before := w.logged()
	stats0, err := w.st.Stats(w.ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	m := meeting(app.MeetingOnSite, day)
	m.EnterpriseID = e.ID
	nps := []app.NewProblem{
		{Problem: app.Problem{Category: "用地", Description: "用地指标"}, First: &app.Action{Kind: app.ActOnSpot, Date: day, Text: "当场解决"}},
		{Problem: app.Problem{Category: "用工", Description: "技术工人短缺"}},
	}
	err = w.svc.SaveMeeting(w.ctx, &m, nps)
	var pe app.ProblemError
	if !errors.As(err, &pe) || pe.Index != 1 || app.FieldMsg(err, "Handling") == "" || !strings.Contains(err.Error(), "第2个问题") {
		t.Fatalf("on-site problem without an outcome: %v, want ProblemError of problem 2 on Handling", err)
	}
	if m.ID != "" || m.Seq != 0 || nps[0].Problem.ID != "" || nps[0].Problem.Status != "" {
		t.Errorf("the refused form took IDs: meeting %q/%d, problem %q %s", m.ID, m.Seq, nps[0].Problem.ID, nps[0].Problem.Status)
	}
	if n := w.logged(); n != before {
		t.Errorf("%d changes written by a refused meeting", n-before)
	}
	ms, err := w.st.Meetings(w.ctx, app.MeetingFilter{})
	if err != nil || len(ms) != 0 {
		t.Errorf("meetings after a refusal: %+v, %v", ms, err)
	}
	stats1, err := w.st.Stats(w.ctx, day)
	if err != nil || stats1 != stats0 {
		t.Errorf("stats changed by a refused meeting: %+v, was %+v (%v)", stats1, stats0, err)
	}
	// Another action than the three outcomes is refused by the workflow.
	nps[1].First = &app.Action{Kind: app.ActProgress, Date: day, Text: "正在协调"}
	if err := w.svc.SaveMeeting(w.ctx, &m, nps); !errors.As(err, &pe) || pe.Index != 1 {
		t.Errorf("on-site problem with a progress report as its outcome: %v", err)
	}
	// Corrected, it saves, as meeting number 1.
	nps[1].First = &app.Action{Kind: app.ActAssign, Date: day, LeadDept: "区人社局", Person: "王芳", Deadline: app.Calendar{}.AddWorkingDays(day, 10)}
	m = w.saveMeeting(m, nps...)
	if m.Seq != 1 || len(w.problemsOf(m.ID)) != 2 {
		t.Errorf("corrected meeting: number %d, %d problems", m.Seq, len(w.problemsOf(m.ID)))
	}
}

func TestSaveFinancingNeed(t *testing.T) {
	w := newWorld(t, app.D(2026, time.March, 16), nil)
	e := w.enterprise(1)
	bm := w.saveMeeting(meeting(app.MeetingBank, app.D(2026, 3, 10)))
	n := app.FinancingNeed{Date: app.D(2026, 3, 10), EnterpriseID: e.ID, MeetingID: bm.ID, Amount: 8_000_000, Use: " 购买原材料 ", TermMonths: 12}
	if err := w.svc.SaveFinancingNeed(w.ctx, &n); err != nil {
		t.Fatalf("SaveFinancingNeed: %v", err)
	}
	if n.ID == "" || n.Status != app.NeedOpen || n.Use != "购买原材料" {
		t.Errorf("saved need %+v", n)
	}
	n.Status, n.Bank, n.Credit = app.NeedCredit, "秦皇岛银行", 6_000_000
	if err := w.svc.SaveFinancingNeed(w.ctx, &n); err != nil {
		t.Fatalf("bank's answer: %v", err)
	}
	got, err := w.st.FinancingNeed(w.ctx, n.ID)
	if err != nil || got.Status != app.NeedCredit || got.Credit != 6_000_000 || got.MeetingID != bm.ID {
		t.Errorf("stored need %+v, %v", got, err)
	}
	bad := n
	bad.Amount = 0
	before := w.logged()
	checkRefusal(t, w.svc.SaveFinancingNeed(w.ctx, &bad), "Amount")
	if w.logged() != before {
		t.Error("a refused need was written")
	}
}

// loanWorld is a world with enterprises and a fund of size 万元.
func loanWorld(t *testing.T, today app.Date, fundWan int64, ents int) (*world, []app.Enterprise) {
	w := newWorld(t, today, func(s *app.Settings) { s.FundSize = app.Yuan(fundWan * 10_000) })
	var es []app.Enterprise
	for i := range ents {
		es = append(es, w.enterprise(i+1))
	}
	return w, es
}

// apply saves a new application of ent for the amount in 万元.
func (w *world) apply(ent app.Enterprise, wan int64, on app.Date) app.BridgeLoan {
	w.t.Helper()
	l := app.BridgeLoan{EnterpriseID: ent.ID, Bank: "秦皇岛银行", Original: app.Yuan(wan * 10_000), OriginalDue: on.AddDays(5),
		Applied: app.Yuan(wan * 10_000), AppliedOn: on}
	if err := w.svc.SaveBridgeLoan(w.ctx, &l); err != nil {
		w.t.Fatalf("SaveBridgeLoan: %v", err)
	}
	return l
}

func (w *world) act(id string, a app.LoanAction) app.BridgeLoan {
	w.t.Helper()
	l, err := w.svc.LoanAct(w.ctx, id, a)
	if err != nil {
		w.t.Fatalf("LoanAct %s on %s: %v", a.Kind, a.Date, err)
	}
	return l
}

// approved takes an application through review and approval of all of it.
func (w *world) approved(l app.BridgeLoan, on app.Date) app.BridgeLoan {
	w.t.Helper()
	w.act(l.ID, app.LoanAction{Kind: app.LoanActReview, Date: on, Conditions: allTrue, Commitment: "续贷承诺函"})
	return w.act(l.ID, app.LoanAction{Kind: app.LoanActApprove, Date: on, Amount: l.Applied})
}

func TestSaveBridgeLoan(t *testing.T) {
	day := app.D(2026, time.March, 2)
	w, es := loanWorld(t, app.D(2026, time.March, 16), 1000, 2)
	// A new application's status, approval and pay-out come only from
	// LoanAct, whatever the form holds.
	l := app.BridgeLoan{EnterpriseID: es[0].ID, Bank: " 秦皇岛银行 ", Original: 5_000_000, OriginalDue: day, Applied: 5_000_000, AppliedOn: day,
		Status: app.LoanPaid, Approved: 5_000_000, ApprovedOn: day, PaidOn: day, DueBack: day.AddDays(3), Conditions: allTrue,
		Commitment: "承诺", RepaidOn: day, Fee: 100}
	if err := w.svc.SaveBridgeLoan(w.ctx, &l); err != nil {
		t.Fatal(err)
	}
	want := app.BridgeLoan{Meta: l.Meta, EnterpriseID: es[0].ID, Bank: "秦皇岛银行", Original: 5_000_000, OriginalDue: day,
		Applied: 5_000_000, AppliedOn: day, Status: app.LoanApplied}
	stored, err := w.st.BridgeLoan(w.ctx, l.ID)
	stored.EnterpriseName, stored.EnterpriseCode = "", ""
	// None, however the store keeps none.
	if len(stored.Conditions) == 0 {
		stored.Conditions = nil
	}
	if len(l.Conditions) == 0 {
		l.Conditions = nil
	}
	if err != nil || !reflect.DeepEqual(l, want) || !reflect.DeepEqual(stored, want) {
		t.Errorf("new application saved as\n %+v\nstored\n %+v (%v)\nwant\n %+v", l, stored, err, want)
	}
	// Corrections keep the workflow's fields.
	l = w.approved(l, day)
	l.Applied, l.Note, l.Status, l.Approved = 4_000_000, "更正申请金额", app.LoanApplied, 1
	if err := w.svc.SaveBridgeLoan(w.ctx, &l); err != nil {
		t.Fatal(err)
	}
	if l.Status != app.LoanApproved || l.Approved != 5_000_000 || l.Applied != 4_000_000 || l.Note != "更正申请金额" {
		t.Errorf("corrected application %+v", l)
	}
	// The original loan cannot fall below what is approved.
	l.Original = 4_000_000
	before := w.logged()
	checkRefusal(t, w.svc.SaveBridgeLoan(w.ctx, &l), "Original")
	// Applied above the original loan.
	bad := app.BridgeLoan{EnterpriseID: es[1].ID, Bank: "河北银行秦皇岛分行", Original: 1_000_000, OriginalDue: day, Applied: 1_000_001, AppliedOn: day}
	checkRefusal(t, w.svc.SaveBridgeLoan(w.ctx, &bad), "Applied")
	if bad.ID != "" || w.logged() != before {
		t.Error("a refused application was written")
	}
	// A loan holding money cannot be deleted; a settled one can.
	if err := w.svc.Delete(w.ctx, app.TableLoans, l.ID); app.FieldMsg(err, "Status") == "" {
		t.Errorf("deleting an approved loan: %v", err)
	}
	// Nor can its enterprise, which would leave the fund's money with no one.
	if err := w.svc.Delete(w.ctx, app.TableEnterprises, l.EnterpriseID); !strings.Contains(app.FieldMsg(err, "Name"), "转贷") {
		t.Errorf("deleting the enterprise of an approved loan: %v", err)
	}
	w.act(l.ID, app.LoanAction{Kind: app.LoanActPay, Date: day.AddDays(1), DueBack: day.AddDays(10)})
	w.act(l.ID, app.LoanAction{Kind: app.LoanActRepay, Date: day.AddDays(9)})
	if err := w.svc.Delete(w.ctx, app.TableLoans, l.ID); err != nil {
		t.Errorf("deleting a settled loan: %v", err)
	}
	if err := w.svc.Delete(w.ctx, app.TableEnterprises, l.EnterpriseID); err != nil {
		t.Errorf("deleting an enterprise whose loans are settled: %v", err)
	}
}

func TestLoanActFundAndUses(t *testing.T) {
	day := app.D(2026, time.March, 2)
	w, es := loanWorld(t, app.D(2026, time.December, 31), 1000, 2)
	a := w.approved(w.apply(es[0], 600, day), day)
	b := w.apply(es[1], 500, day)
	w.act(b.ID, app.LoanAction{Kind: app.LoanActReview, Date: day, Conditions: allTrue, Commitment: "承诺函"})
	before := w.logged()
	_, err := w.svc.LoanAct(w.ctx, b.ID, app.LoanAction{Kind: app.LoanActApprove, Date: day, Amount: 5_000_000})
	if msg := app.FieldMsg(err, "Amount"); !strings.Contains(msg, "400万元") {
		t.Errorf("approving 500万元 with 400万元 free: %v", err)
	}
	if got, _ := w.st.BridgeLoan(w.ctx, b.ID); got.Status != app.LoanReviewed || w.logged() != before {
		t.Errorf("a refused approval changed the loan: %+v", got)
	}
	fund, loans, err := w.svc.Fund(w.ctx, haigangOffice.Code)
	if err != nil || fund.Free != 4_000_000 || fund.Held != 6_000_000 || len(loans) != 2 {
		t.Errorf("fund %+v, %d loans, %v", fund, len(loans), err)
	}
	w.act(b.ID, app.LoanAction{Kind: app.LoanActApprove, Date: day, Amount: 4_000_000}) // all that is free
	if fund, _, _ := w.svc.Fund(w.ctx, haigangOffice.Code); fund.Free != 0 {
		t.Errorf("fund fully held: %+v", fund)
	}
	// Repaying frees the money.
	w.act(a.ID, app.LoanAction{Kind: app.LoanActPay, Date: day.AddDays(1), DueBack: day.AddDays(15)})
	w.act(a.ID, app.LoanAction{Kind: app.LoanActRepay, Date: day.AddDays(10), Fee: 3000})
	if fund, _, _ := w.svc.Fund(w.ctx, haigangOffice.Code); fund.Free != 6_000_000 || fund.Fees != 3000 || fund.Lent != 6_000_000 {
		t.Errorf("fund after repayment: %+v", fund)
	}

	// es[0] used the fund once in 2026; once more, then no more that year.
	c := w.approved(w.apply(es[0], 100, day.AddDays(20)), day.AddDays(20))
	w.act(c.ID, app.LoanAction{Kind: app.LoanActPay, Date: day.AddDays(21), DueBack: day.AddDays(30)})
	w.act(c.ID, app.LoanAction{Kind: app.LoanActRepay, Date: day.AddDays(25)})
	d := w.approved(w.apply(es[0], 100, app.D(2026, 12, 20)), app.D(2026, 12, 20))
	_, err = w.svc.LoanAct(w.ctx, d.ID, app.LoanAction{Kind: app.LoanActPay, Date: app.D(2026, 12, 31), DueBack: app.D(2027, 1, 10)})
	if msg := app.FieldMsg(err, "Date"); !strings.Contains(msg, "每年最多2次") {
		t.Errorf("third pay-out in 2026: %v", err)
	}
	// In the new year it may.
	w.setToday(app.D(2027, 1, 4))
	d = w.act(d.ID, app.LoanAction{Kind: app.LoanActPay, Date: app.D(2027, 1, 4), DueBack: app.D(2027, 1, 14)})
	if d.Status != app.LoanPaid {
		t.Errorf("pay-out in 2027: %+v", d)
	}
	// Another enterprise's uses do not count.
	w.act(b.ID, app.LoanAction{Kind: app.LoanActPay, Date: app.D(2026, 12, 31), DueBack: app.D(2027, 1, 20)})
	// Nor do another office's loans, nor the money they hold: with b (400)
	// and d (100) out, 500万元 are free; e takes 400 of them, but once it
	// is another office's loan they are free again.
	e := w.approved(w.apply(es[1], 400, day), day)
	if err := w.st.SetOwner(app.TableLoans, "130303", e.ID); err != nil {
		t.Fatalf("SetOwner: %v", err)
	}
	f := w.approved(w.apply(es[1], 500, day), day)
	if f.Status != app.LoanApproved {
		t.Errorf("approval with another office's loan holding 400万元: %+v", f)
	}
	if fund, _, _ := w.svc.Fund(w.ctx, haigangOffice.Code); fund.Free != 0 {
		t.Errorf("own fund: %+v", fund)
	}
}

// TestLoanFundProperty plays many random sequences of applications,
// reviews, approvals, pay-outs, repayments and deletions of bridge loans of
// several enterprises against a small fund. After every step: the loans
// that hold money hold no more than the fund, a refused step changed
// nothing, no enterprise was paid out more often in a year than the
// settings allow, and approvals and pay-outs were refused exactly when the
// rules say.
func TestLoanFundProperty(t *testing.T) {
	const (
		sequences = 50 // each on a database of its own; every edge below is still reached 10 times or more
		steps     = 60
		fundWan   = 1000
		usesMax   = 2
	)
	size := app.Yuan(fundWan * 10_000)
	tally := map[string]int{}
	for seq := range sequences {
		r := rand.New(rand.NewSource(int64(seq)))
		start := app.D(2025, time.October, 1).AddDays(r.Intn(90))
		w, es := loanWorld(t, start, fundWan, 2+r.Intn(3))
		day := start
		// The loans and the change log as the last step left them.
		before, err := w.st.BridgeLoans(w.ctx, app.LoanFilter{})
		if err != nil {
			t.Fatal(err)
		}
		changes := w.logged()
		for step := range steps {
			day = day.AddDays(r.Intn(9))
			w.setToday(day)
			what, err := propertyStep(w, r, es, before, day, size, usesMax, tally)
			after, err2 := w.st.BridgeLoans(w.ctx, app.LoanFilter{})
			if err2 != nil {
				t.Fatal(err2)
			}
			logged := w.logged()
			where := fmt.Sprintf("sequence %d step %d (%s, %s)", seq, step, what, day)
			if err != nil {
				tally["refused"]++
				if !reflect.DeepEqual(before, after) || logged != changes {
					t.Fatalf("%s: refused (%v) but changed the loans", where, err)
				}
			} else if logged != changes+1 {
				t.Fatalf("%s: %d changes, want 1", where, logged-changes)
			}
			before, changes = after, logged
			checkFundInvariants(t, where, after, size, usesMax)
			fund, _, err := w.svc.Fund(w.ctx, haigangOffice.Code)
			if err != nil || fund != app.Fund(size, after) {
				t.Fatalf("%s: Service.Fund %+v, %v; want %+v", where, fund, err, app.Fund(size, after))
			}
			if t.Failed() {
				t.FailNow()
			}
		}
		checkOverdueLoans(t, w, fmt.Sprintf("sequence %d", seq))
	}
	t.Logf("steps: %v", tally)
	// The sequences reach every edge of the rules.
	for _, k := range []string{"apply ok", "review ok", "approve ok", "pay ok", "repay ok", "delete ok",
		"approve refused: fund", "pay refused: uses", "refused: not allowed", "refused"} {
		if tally[k] < 5 {
			t.Errorf("%q happened %d times in %d sequences: the test does not reach it", k, tally[k], sequences)
		}
	}
}

// propertyStep takes one random step and says what it was.
func propertyStep(w *world, r *rand.Rand, es []app.Enterprise, loans []app.BridgeLoan, day app.Date, size app.Yuan, usesMax int, tally map[string]int) (string, error) {
	t := w.t
	wan := func(lo, hi int) app.Yuan { return app.Yuan((lo + r.Intn(hi-lo+1)) * 10_000) }
	actDay := day.AddDays(-r.Intn(4))
	kind := r.Intn(100)
	if len(loans) == 0 || kind < 14 {
		ent := es[r.Intn(len(es))]
		orig := wan(50, 600)
		l := app.BridgeLoan{EnterpriseID: ent.ID, Bank: pickBank(r), Original: orig, OriginalDue: day.AddDays(r.Intn(20)),
			Applied: orig - app.Yuan(r.Intn(3))*100_000, AppliedOn: day}
		if r.Intn(15) == 0 {
			l.Applied = orig + 10_000 // above the original loan
		}
		err := w.svc.SaveBridgeLoan(w.ctx, &l)
		count(tally, "apply", err)
		return "apply", err
	}
	// Mostly a loan the step suits, sometimes any.
	suits := func(x app.BridgeLoan) bool {
		switch {
		case kind < 35:
			return x.Status == app.LoanApplied || (x.Status == app.LoanReviewed && (!x.AllConditions() || x.Commitment == ""))
		case kind < 58:
			return x.Status == app.LoanReviewed && r.Intn(5) != 0
		case kind < 78:
			return x.Status == app.LoanApproved
		}
		return x.Status == app.LoanPaid
	}
	var suited []app.BridgeLoan
	for _, x := range loans {
		if suits(x) {
			suited = append(suited, x)
		}
	}
	l := loans[r.Intn(len(loans))]
	if len(suited) > 0 && r.Intn(8) != 0 {
		l = suited[r.Intn(len(suited))]
	}
	var a app.LoanAction
	switch {
	case kind < 35:
		a = app.LoanAction{Kind: app.LoanActReview, Date: actDay, Conditions: []bool{true, true, true, true}}
		if r.Intn(5) == 0 {
			a.Conditions[r.Intn(4)] = false
		}
		if r.Intn(6) != 0 {
			a.Commitment = l.Bank + "续贷承诺函"
		}
	case kind < 58:
		a = app.LoanAction{Kind: app.LoanActApprove, Date: actDay, Amount: wan(50, 600)}
		if r.Intn(2) == 0 && l.Original > 0 {
			a.Amount = l.Applied // the whole application, if the fund has it
		}
	case kind < 78:
		a = app.LoanAction{Kind: app.LoanActPay, Date: actDay, DueBack: actDay.AddDays(1 + r.Intn(33))}
	case kind < 92:
		a = app.LoanAction{Kind: app.LoanActRepay, Date: actDay.AddDays(r.Intn(3) - 1), Fee: wan(0, 2) / 10}
	case kind < 96:
		err := w.svc.Delete(w.ctx, app.TableLoans, l.ID)
		if err == nil && l.Holds() {
			t.Errorf("deleted loan %s holding %s", l.ID, l.Approved)
		}
		if err != nil && !l.Holds() {
			t.Errorf("deleting loan %s in status %s: %v", l.ID, l.Status, err)
		}
		count(tally, "delete", err)
		return "delete", err
	default: // any step, allowed or not
		a = app.LoanAction{Kind: []app.LoanActionKind{app.LoanActReview, app.LoanActApprove, app.LoanActPay, app.LoanActRepay}[r.Intn(4)],
			Date: actDay, Conditions: allTrue, Commitment: "承诺函", Amount: wan(10, 100), DueBack: actDay.AddDays(5)}
	}
	q, err := w.svc.LoanAct(w.ctx, l.ID, a)
	what := string(a.Kind)
	if !slicesContainKind(app.LoanActions(l.Status), a.Kind) {
		if app.FieldMsg(err, "Kind") == "" {
			t.Errorf("%s of a loan in status %s: %v, want a refusal", a.Kind, l.Status, err)
		}
		tally["refused: not allowed"]++
		return what + " not allowed", err
	}
	// The oracle: what the rules say of this step, from the loans before it.
	var others []app.BridgeLoan
	uses := 0
	for _, x := range loans {
		if x.ID == l.ID {
			continue
		}
		others = append(others, x)
		if x.EnterpriseID == l.EnterpriseID && !x.PaidOn.IsZero() && x.PaidOn.Year() == a.Date.Year() {
			uses++
		}
	}
	free := app.Fund(size, others).Free
	dateOK := !a.Date.Before(l.AppliedOn) && !a.Date.After(day) // a step is never dated after today
	switch a.Kind {
	case app.LoanActApprove:
		if dateOK && l.AllConditions() && strings.TrimSpace(l.Commitment) != "" && a.Amount <= l.Applied && a.Amount <= l.Original {
			if wantOK := a.Amount <= free; wantOK != (err == nil) {
				t.Errorf("approving %s of loan %s with %s free: %v", a.Amount, l.ID, free, err)
			}
			if err != nil {
				if app.FieldMsg(err, "Amount") == "" {
					t.Errorf("approval above the free money refused but not on Amount: %v", err)
				}
				tally["approve refused: fund"]++
			}
		} else if err == nil {
			t.Errorf("approval of loan %+v by %+v accepted", l, a)
		}
	case app.LoanActPay:
		if dateOK && !a.Date.Before(l.ApprovedOn) && a.DueBack.After(a.Date) && !a.DueBack.After(a.Date.AddDays(30)) {
			if wantOK := uses < usesMax; wantOK != (err == nil) {
				t.Errorf("pay-out of loan %s with %d uses in %d: %v", l.ID, uses, a.Date.Year(), err)
			}
			if err != nil {
				tally["pay refused: uses"]++
			}
		} else if err == nil {
			t.Errorf("pay-out of loan %+v by %+v accepted", l, a)
		}
	case app.LoanActRepay:
		if wantOK := dateOK && !a.Date.Before(l.PaidOn); wantOK != (err == nil) {
			t.Errorf("repayment of loan %+v on %s: %v", l, a.Date, err)
		}
	}
	if err == nil && (q.Status == l.Status && a.Kind != app.LoanActReview) {
		t.Errorf("%s of loan %s left it in %s", a.Kind, l.ID, q.Status)
	}
	count(tally, map[app.LoanActionKind]string{
		app.LoanActReview: "review", app.LoanActApprove: "approve", app.LoanActPay: "pay", app.LoanActRepay: "repay"}[a.Kind], err)
	return what, err
}

func count(tally map[string]int, what string, err error) {
	if err == nil {
		tally[what+" ok"]++
	}
}

func pickBank(r *rand.Rand) string { return app.Banks[r.Intn(len(app.Banks))] }

// checkFundInvariants checks what must hold of the loans after any step.
func checkFundInvariants(t *testing.T, where string, loans []app.BridgeLoan, size app.Yuan, usesMax int) {
	t.Helper()
	var held app.Yuan
	type entYear struct {
		ent  string
		year int
	}
	uses := map[entYear]int{}
	for _, l := range loans {
		if l.Holds() {
			held += l.Approved
		}
		if !l.PaidOn.IsZero() {
			uses[entYear{l.EnterpriseID, l.PaidOn.Year()}]++
		}
		if l.Approved > l.Original || l.Applied > l.Original {
			t.Errorf("%s: loan %s approved %s, applied %s of an original %s", where, l.ID, l.Approved, l.Applied, l.Original)
		}
		switch l.Status {
		case app.LoanApplied, app.LoanReviewed:
			if l.Approved != 0 || !l.PaidOn.IsZero() {
				t.Errorf("%s: loan %s in %s with approval or pay-out %+v", where, l.ID, l.Status, l)
			}
		case app.LoanApproved:
			if l.Approved <= 0 || !l.AllConditions() || l.Commitment == "" || !l.PaidOn.IsZero() {
				t.Errorf("%s: approved loan %+v", where, l)
			}
		case app.LoanPaid, app.LoanSettled:
			if l.Approved <= 0 || l.PaidOn.IsZero() || !l.DueBack.After(l.PaidOn) || l.DueBack.After(l.PaidOn.AddDays(30)) {
				t.Errorf("%s: paid loan %+v", where, l)
			}
			if l.Status == app.LoanSettled && l.RepaidOn.Before(l.PaidOn) {
				t.Errorf("%s: loan repaid before it was paid out %+v", where, l)
			}
		default:
			t.Errorf("%s: loan %s in status %q", where, l.ID, l.Status)
		}
	}
	if held > size {
		t.Errorf("%s: loans hold %s of a fund of %s", where, held, size)
	}
	if f := app.Fund(size, loans); f.Free < 0 || f.Held != held {
		t.Errorf("%s: fund %+v, held %s", where, f, held)
	}
	for _, e := range app.FundLedger(size, loans) {
		if e.Balance < 0 {
			t.Errorf("%s: the fund's ledger is overdrawn on %s: %+v", where, e.Date, e)
		}
	}
	for k, n := range uses {
		if n > usesMax {
			t.Errorf("%s: enterprise %s used the fund %d times in %d", where, k.ent, n, k.year)
		}
	}
}

// checkOverdueLoans checks that the 工作台 lists exactly the paid-out loans
// past their due-back date.
func checkOverdueLoans(t *testing.T, w *world, where string) {
	t.Helper()
	d, err := w.svc.Dashboard(w.ctx, "")
	if err != nil {
		t.Fatalf("%s: Dashboard: %v", where, err)
	}
	loans, err := w.st.BridgeLoans(w.ctx, app.LoanFilter{Office: haigangOffice.Code})
	if err != nil {
		t.Fatal(err)
	}
	today := w.svc.Today()
	want := map[string]bool{}
	for _, l := range loans {
		if l.Status == app.LoanPaid && l.DueBack.Before(today) {
			want[l.ID] = true
		}
	}
	got := map[string]bool{}
	for _, l := range d.OverdueLoans {
		if got[l.ID] || !l.Overdue(today) {
			t.Errorf("%s: 工作台 lists loan %+v (twice or not overdue)", where, l)
		}
		got[l.ID] = true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: 工作台 overdue loans %v, want %v", where, got, want)
	}
}

func TestDashboardOverdueLoans(t *testing.T) {
	day := app.D(2026, time.March, 2)
	w, es := loanWorld(t, app.D(2026, time.March, 20), 10000, 3)
	paid := func(ent app.Enterprise, due app.Date) app.BridgeLoan {
		l := w.approved(w.apply(ent, 100, day), day)
		return w.act(l.ID, app.LoanAction{Kind: app.LoanActPay, Date: day.AddDays(1), DueBack: due})
	}
	late := paid(es[0], app.D(2026, 3, 19))   // due yesterday
	onTime := paid(es[1], app.D(2026, 3, 20)) // due today
	settled := paid(es[2], app.D(2026, 3, 10))
	w.act(settled.ID, app.LoanAction{Kind: app.LoanActRepay, Date: app.D(2026, 3, 12)})
	w.approved(w.apply(es[2], 100, day), day) // approved, not paid
	foreign := paid(es[2], app.D(2026, 3, 5))
	if err := w.st.SetOwner(app.TableLoans, "130303", foreign.ID); err != nil {
		t.Fatalf("SetOwner: %v", err)
	}
	d, err := w.svc.Dashboard(w.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.OverdueLoans) != 1 || d.OverdueLoans[0].ID != late.ID || d.OverdueLoans[0].EnterpriseName != es[0].Name {
		t.Errorf("overdue loans %+v, want only %s of %s", d.OverdueLoans, late.ID, es[0].Name)
	}
	w.setToday(app.D(2026, 3, 21))
	d, err = w.svc.Dashboard(w.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, l := range d.OverdueLoans {
		ids[l.ID] = true
	}
	if len(ids) != 2 || !ids[late.ID] || !ids[onTime.ID] {
		t.Errorf("overdue loans the day after: %+v", d.OverdueLoans)
	}
	checkOverdueLoans(t, w, "own office")
}

func TestDashboardMeetings(t *testing.T) {
	w := newWorld(t, app.D(2026, time.May, 27), nil) // DueSoonDays 7: up to 3 June
	for _, m := range []app.Meeting{
		meeting(app.MeetingOnSite, app.D(2025, 7, 10)), // last year: its gaps are not listed
		meeting(app.MeetingOnSite, app.D(2026, 1, 20)),
		meeting(app.MeetingOnSite, app.D(2026, 3, 5)),
		meeting(app.MeetingRoundtable, app.D(2026, 2, 14)),
	} {
		w.saveMeeting(m)
	}
	// April's on-site meeting is another office's: April is still missing.
	foreign := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 4, 8)))
	if err := w.st.SetOwner(app.TableMeetings, "130303", foreign.ID); err != nil {
		t.Fatalf("SetOwner: %v", err)
	}
	// A deleted one does not count either.
	del := w.saveMeeting(meeting(app.MeetingBank, app.D(2026, 2, 3)))
	if err := w.svc.Delete(w.ctx, app.TableMeetings, del.ID); err != nil {
		t.Fatal(err)
	}
	labels := func() []string {
		t.Helper()
		d, err := w.svc.Dashboard(w.ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range d.Meetings {
			out = append(out, fmt.Sprintf("%s %s %s %d", p.Kind, p.Label(), p.State, p.DaysLeft(d.Today)))
		}
		return out
	}
	// This period's meetings still to hold come first, with the days left
	// (today included); then this year's missed ones.
	want := []string{
		"企业家恳谈会 2026年第二季度 待召开 35",
		"企业现场办公会 2026年5月 待召开 5",
		"银企对接会 2026年第二季度 待召开 35",
		"企业现场办公会 2026年2月 未召开 0",
		"企业现场办公会 2026年4月 未召开 0",
		"银企对接会 2026年第一季度 未召开 0",
	}
	if got := labels(); !reflect.DeepEqual(got, want) {
		t.Errorf("工作台 meetings on 27 May:\n got  %q\n want %q", got, want)
	}
	// A week earlier May's meeting is due too, with more days left.
	w.setToday(app.D(2026, 5, 20))
	want[0], want[1], want[2] = "企业家恳谈会 2026年第二季度 待召开 42", "企业现场办公会 2026年5月 待召开 12", "银企对接会 2026年第二季度 待召开 42"
	if got := labels(); !reflect.DeepEqual(got, want) {
		t.Errorf("工作台 meetings on 20 May:\n got  %q\n want %q", got, want)
	}
	// Holding a meeting takes its period off.
	w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 5, 20)))
	w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 4, 30)))
	w.saveMeeting(meeting(app.MeetingBank, app.D(2026, 3, 31)))
	w.setToday(app.D(2026, 6, 28))
	want = []string{
		"企业家恳谈会 2026年第二季度 待召开 3",
		"企业现场办公会 2026年6月 待召开 3",
		"银企对接会 2026年第二季度 待召开 3",
		"企业现场办公会 2026年2月 未召开 0",
	}
	if got := labels(); !reflect.DeepEqual(got, want) {
		t.Errorf("工作台 meetings on 28 June:\n got  %q\n want %q", got, want)
	}
	// On New Year's Day only the new year counts: nothing is missing yet,
	// and the new month's and quarter's meetings are to hold.
	w.setToday(app.D(2027, 1, 1))
	want = []string{
		"企业家恳谈会 2027年第一季度 待召开 90",
		"企业现场办公会 2027年1月 待召开 31",
		"银企对接会 2027年第一季度 待召开 90",
	}
	if got := labels(); !reflect.DeepEqual(got, want) {
		t.Errorf("工作台 meetings on 1 January:\n got  %q\n want %q", got, want)
	}
}

// A database set up today reminds of this period's meetings but of no
// period that ended before it was set up (a new database once showed 17
// 未召开 on its first day); moving its start date (启用日期) back to the
// year's first day brings those 17 back; a start date after today is
// refused, nothing saved.
func TestDashboardMeetingsSinceSetUp(t *testing.T) {
	st := datatest.New(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	svc := &app.Service{Store: st, Now: func() time.Time { return now }, Operator: "测试员"}
	if err := svc.SetUp(ctx, haigangOffice); err != nil {
		t.Fatal(err)
	}
	count := func() map[app.PeriodState]int {
		t.Helper()
		d, err := svc.Dashboard(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		n := map[app.PeriodState]int{}
		for _, p := range d.Meetings {
			n[p.State]++
		}
		return n
	}
	s, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Began.Equal(app.D(2026, 12, 7)) {
		t.Errorf("set up on 7 December, the start date is %s", s.Began)
	}
	if got := count(); got[app.PeriodMissing] != 0 || got[app.PeriodDue] != 3 {
		t.Errorf("on the first day: %v, want 3 待召开 and no 未召开", got)
	}
	s.Began = app.D(2026, 1, 1)
	if err := svc.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	// January–November's on-site meetings, and the first three quarters'
	// round tables and bank meetings.
	if got := count(); got[app.PeriodMissing] != 11+3+3 || got[app.PeriodDue] != 3 {
		t.Errorf("started on 1 January: %v, want 17 未召开 and 3 待召开", got)
	}
	before := st.Snapshot()
	s.Began = app.D(2026, 12, 8)
	if err := svc.SaveSettings(ctx, s); err == nil || app.Message(err) != "启用日期不能晚于今天" {
		t.Errorf("a start date tomorrow: %v", err)
	}
	if diff := st.Snapshot().Diff(before); len(diff) > 0 {
		t.Errorf("a refused start date changed the database: %v", diff)
	}
}
