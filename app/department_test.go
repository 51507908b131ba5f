package app_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// departmentNames lists the names of office's departments.
func departmentNames(t *testing.T, s *app.Service, office string) []string {
	t.Helper()
	ds, err := s.Departments(context.Background(), app.DepartmentFilter{Office: office})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}

func TestDepartmentDirectory(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	d := app.Department{Name: " 海港区住房和城乡建设局 ", Short: "区住建局", Contact: "王平", Phone: "0335-3011111"}
	if err := s.SaveDepartment(ctx, &d); err != nil {
		t.Fatalf("SaveDepartment: %v", err)
	}
	got, err := s.Department(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "海港区住房和城乡建设局" || got.Short != "区住建局" || got.Office != haigangOffice.Code || got.Version != 1 || got.Label() != "区住建局" {
		t.Errorf("stored %+v", got)
	}
	got.Phone = "0335-3022222"
	if err := s.SaveDepartment(ctx, &got); err != nil || got.Version != 2 {
		t.Fatalf("edit: %v, version %d", err, got.Version)
	}
	if n := logged(st)[app.TableDepartments]; n != 2 {
		t.Errorf("change log has %d department rows, want 2", n)
	}

	// A second department of the same name, or none, is refused and
	// nothing is written.
	before := st.Snapshot()
	for _, bad := range []app.Department{{Name: "海港区住房和城乡建设局"}, {Name: "  "}, {Name: strings.Repeat("局", 101)}} {
		err := s.SaveDepartment(ctx, &bad)
		var inv app.Invalid
		if !errors.As(err, &inv) || inv[0].Field != "Name" {
			t.Errorf("SaveDepartment(%q) = %v, want a refusal of the name", bad.Name, err)
		}
	}
	if diff := before.Diff(st.Snapshot()); diff != nil {
		t.Errorf("refused saves changed %v", diff)
	}

	// Deleted, it leaves the list; its name may be used again.
	if err := s.Delete(ctx, app.TableDepartments, d.ID); err != nil {
		t.Fatal(err)
	}
	if names := departmentNames(t, s, haigangOffice.Code); len(names) != 0 {
		t.Errorf("after deletion: %v", names)
	}
	again := app.Department{Name: "海港区住房和城乡建设局"}
	if err := s.SaveDepartment(ctx, &again); err != nil {
		t.Errorf("the name of a deleted department: %v", err)
	}
}

// assignedProblem registers a problem of e and, when dept is not empty,
// 交办 it to dept.
func assignedProblem(t *testing.T, s *app.Service, e app.Enterprise, dept string) app.Problem {
	t.Helper()
	np := app.NewProblem{Problem: newProblem(e)}
	if err := s.RegisterProblem(context.Background(), &np); err != nil {
		t.Fatalf("RegisterProblem: %v", err)
	}
	if dept == "" {
		return np.Problem
	}
	p, err := s.Act(context.Background(), np.Problem.ID, app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10),
		LeadDept: dept, Person: "赵刚", Deadline: app.D(2026, time.March, 31)})
	if err != nil {
		t.Fatalf("交办: %v", err)
	}
	return p
}

func TestAssignAddsANewDepartmentInTheSameWrite(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	e, _ := svcRefs(t, s)
	known := app.Department{Name: "区自然资源局"}
	if err := s.SaveDepartment(ctx, &known); err != nil {
		t.Fatal(err)
	}

	// 交办 to a department of the directory adds nothing.
	assignedProblem(t, s, e, "区自然资源局")
	if names := departmentNames(t, s, haigangOffice.Code); !reflect.DeepEqual(names, []string{"区自然资源局"}) {
		t.Errorf("after 交办 to a known department: %v", names)
	}

	// 交办 to a name typed anew adds it, in the 交办's one commit.
	np := app.NewProblem{Problem: newProblem(e)}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	ops, logs := len(st.Ops()), logged(st)
	if _, err := s.Act(ctx, np.Problem.ID, app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10),
		LeadDept: " 区行政审批局 ", Person: "赵刚", Deadline: app.D(2026, time.March, 31)}); err != nil {
		t.Fatal(err)
	}
	if n := len(st.Ops()) - ops; n != 1 {
		t.Errorf("交办 with a new department took %d commits, want 1", n)
	}
	after := logged(st)
	if after[app.TableDepartments]-logs[app.TableDepartments] != 1 || after[app.TableProblems]-logs[app.TableProblems] != 1 {
		t.Errorf("the commit logged %v, before %v", after, logs)
	}
	if names := departmentNames(t, s, haigangOffice.Code); !reflect.DeepEqual(names, []string{"区自然资源局", "区行政审批局"}) {
		t.Errorf("after 交办 to a new department: %v", names)
	}

	// Registered with its 交办 at once, a new name comes in too; a 交办
	// refused adds nothing.
	first := app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "区住建局", Person: "钱明", Deadline: app.D(2026, time.March, 31)}
	np = app.NewProblem{Problem: newProblem(e), First: &first}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	before := st.Snapshot()
	bad := app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "区发改局", Deadline: app.D(2026, time.March, 31)}
	np = app.NewProblem{Problem: newProblem(e), First: &bad}
	if err := s.RegisterProblem(ctx, &np); err == nil {
		t.Fatal("交办 without a 责任人 accepted")
	}
	long := app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: strings.Repeat("局", 101), Person: "钱明",
		Deadline: app.D(2026, time.March, 31)}
	np = app.NewProblem{Problem: newProblem(e), First: &long}
	var inv app.Invalid
	if err := s.RegisterProblem(ctx, &np); !errors.As(err, &inv) || inv[0].Field != "LeadDept" {
		t.Errorf("交办 to a name too long for the directory: %v", err)
	}
	if diff := before.Diff(st.Snapshot()); diff != nil {
		t.Errorf("a refused 交办 changed %v", diff)
	}
	if names := departmentNames(t, s, haigangOffice.Code); !reflect.DeepEqual(names, []string{"区住建局", "区自然资源局", "区行政审批局"}) {
		t.Errorf("after registering with 交办: %v", names)
	}
}

// setReceipt turns Settings.DeptReceipt on or off.
func setReceipt(t *testing.T, s *app.Service, on bool) {
	t.Helper()
	st, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.DeptReceipt = on
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
}

func TestReceiptAndReturn(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	e, _ := svcRefs(t, s)
	day := app.D(2026, time.March, 12)

	// Off (the default): a 交办 problem is worked on at once; 签收 and
	// 退回 are not offered and refused.
	p := assignedProblem(t, s, e, "区自然资源局")
	if got := app.ActionsFor(p.Status, false); !reflect.DeepEqual(got, app.Actions(p.Status)) || containsKind(got, app.ActReceive) {
		t.Errorf("actions with receipt off: %v", got)
	}
	if _, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActReceive, Date: day, LeadDept: "区自然资源局"}); err == nil {
		t.Error("签收 accepted with the setting off")
	}
	if _, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActProgress, Date: day, Text: "已现场踏勘"}); err != nil {
		t.Errorf("进展 after 交办 with the setting off: %v", err)
	}

	// On: a 交办 problem waits for 签收 or 退回.
	setReceipt(t, s, true)
	p = assignedProblem(t, s, e, "区自然资源局")
	if got := app.ActionsFor(p.Status, true); !reflect.DeepEqual(got, []app.ActionKind{app.ActReceive, app.ActReturn}) {
		t.Errorf("actions of 交办 with receipt on: %v", got)
	}
	if _, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActProgress, Date: day, Text: "已现场踏勘"}); err == nil {
		t.Error("进展 before 签收 accepted")
	}
	q, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActReceive, Date: day, LeadDept: "区自然资源局"})
	if err != nil {
		t.Fatalf("签收: %v", err)
	}
	// The deadline set at 交办 stands.
	if q.Status != app.StatusInProgress || !q.Deadline.Equal(p.Deadline) || q.LeadDept != "区自然资源局" {
		t.Errorf("after 签收: %+v", q)
	}
	evs, err := s.Events(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := evs[len(evs)-1]; last.Kind != app.ActReceive || last.LeadDept != "区自然资源局" || !last.Date.Equal(day) || last.Status != app.StatusInProgress {
		t.Errorf("签收 event %+v", last)
	}

	// 退回 needs a reason and takes the problem back to 登记, to be 交办
	// again.
	p = assignedProblem(t, s, e, "区住建局")
	if _, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActReturn, Date: day, LeadDept: "区住建局"}); err == nil {
		t.Error("退回 without a reason accepted")
	}
	q, err = s.Act(ctx, p.ID, app.Action{Kind: app.ActReturn, Date: day, LeadDept: "区住建局", Text: "不属于本单位职责，应由区自然资源局办理"})
	if err != nil {
		t.Fatalf("退回: %v", err)
	}
	if q.Status != app.StatusRegistered || q.LeadDept != "" || q.Person != "" || !q.Deadline.IsZero() || q.Handling != "" {
		t.Errorf("after 退回: %+v", q)
	}
	if _, err := s.Act(ctx, p.ID, app.Action{Kind: app.ActAssign, Date: day, LeadDept: "区自然资源局", Person: "孙伟",
		Deadline: app.D(2026, time.March, 31)}); err != nil {
		t.Errorf("交办 again after 退回: %v", err)
	}
	evs, _ = s.Events(ctx, p.ID)
	if got := eventKinds(evs); !reflect.DeepEqual(got, []app.ActionKind{app.EventRegistered, app.ActAssign, app.ActReturn, app.ActAssign}) {
		t.Errorf("timeline %v", got)
	}

	// A 签收 by another department than the one assigned is refused with
	// nothing saved.
	p = assignedProblem(t, s, e, "区自然资源局")
	before := st.Snapshot()
	ops := len(st.Ops())
	_, err = s.Act(ctx, p.ID, app.Action{Kind: app.ActReceive, Date: day, LeadDept: "区住建局"})
	var inv app.Invalid
	if !errors.As(err, &inv) || inv[0].Field != "LeadDept" || !strings.HasPrefix(inv[0].Msg, "签收单位与交办的牵头单位不一致") {
		t.Errorf("签收 by another department: %v", err)
	}
	if diff := before.Diff(st.Snapshot()); diff != nil || len(st.Ops()) != ops {
		t.Errorf("the refused 签收 changed %v", diff)
	}
	if got, _ := s.Problem(ctx, p.ID); got.Status != app.StatusAssigned {
		t.Errorf("after the refused 签收: %s", got.Status)
	}

	// An imported ledger's steps never wait for a 签收.
	first := app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "区住建局", Person: "钱明", Deadline: app.D(2026, time.March, 31)}
	np := app.NewProblem{Problem: newProblem(e), First: &first,
		Then: []app.Action{{Kind: app.ActFinish, Date: app.D(2026, time.March, 11), Text: "已办结"}}}
	if err := s.ImportProblems(ctx, []app.NewProblem{np}, nil); err != nil {
		t.Errorf("import of 交办 then 办结 with receipt on: %v", err)
	}
}

func containsKind(ks []app.ActionKind, k app.ActionKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// The figures per department, by hand on a small set judged on 31 March
// 2026: 区住建局 has one settled on time (registered 2 March, settled 12
// March: 10 days), one settled late (registered 1 March, deadline 10
// March, settled 20 March: 19 days), one open past its deadline and one
// open in time; 区自然资源局 one 已解释 on time (4 days) and one settled
// after 31 March, which counts as open and, its deadline passed, late;
// a problem 当场解决 (no 牵头单位) and one of another office.
func TestDeptFigures(t *testing.T) {
	d := func(m time.Month, day int) app.Date { return app.D(2026, m, day) }
	p := func(office, dept string, st app.Status, reg, deadline, closed app.Date) app.Problem {
		return app.Problem{Meta: app.Meta{Office: office}, LeadDept: dept, Status: st, Registered: reg, Deadline: deadline, ClosedOn: closed}
	}
	hg, city := haigangOffice.Code, app.CityCode
	ps := []app.Problem{
		p(hg, "区住建局", app.StatusClosed, d(3, 2), d(3, 20), d(3, 12)),
		p(hg, "区住建局", app.StatusDone, d(3, 1), d(3, 10), d(3, 20)),
		p(hg, "区住建局", app.StatusInProgress, d(3, 2), d(3, 25), app.Date{}),
		p(hg, "区住建局", app.StatusAssigned, d(3, 20), d(4, 10), app.Date{}),
		p(hg, "区自然资源局", app.StatusExplained, d(3, 3), d(3, 20), d(3, 7)),
		p(hg, "区自然资源局", app.StatusDone, d(3, 3), d(3, 20), d(4, 2)),
		p(hg, "", app.StatusDone, d(3, 3), app.Date{}, d(3, 3)),
		p(city, "市住建局", app.StatusInProgress, d(3, 5), d(3, 30), app.Date{}),
	}
	got := app.DeptFigures(ps, d(3, 31), app.Calendar{})
	want := []app.DeptFigure{
		{Office: city, Dept: "市住建局", Assigned: 1, Late: 1, Open: 1},
		{Office: hg, Dept: "区住建局", Assigned: 4, OnTime: 1, Late: 2, Open: 2, Settled: 2, AvgDays: 14.5},
		{Office: hg, Dept: "区自然资源局", Assigned: 2, OnTime: 1, Late: 1, Open: 1, Settled: 1, AvgDays: 4},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DeptFigures:\n got %+v\nwant %+v", got, want)
	}
	if r := want[1].OnTimeRate(); r != "50.0%" {
		t.Errorf("on-time rate %s", r)
	}
	if r := want[0].OnTimeRate(); r != "—" {
		t.Errorf("on-time rate with none settled %s", r)
	}
	if app.DeptFigures(nil, d(3, 31), app.Calendar{}) != nil {
		t.Error("figures of no problems")
	}
	// Settled on 20 March after an extension to 10 April approved only
	// once the first deadline (10 March) had run out: late. Due on
	// Saturday 4 April (清明's rest days run 4–6 April), settled on
	// Tuesday 7 April, the next working day: on time.
	lateExt := p(hg, "区住建局", app.StatusDone, d(3, 1), d(4, 10), d(3, 20))
	lateExt.DeadlineCounted = d(3, 10)
	holiday := p(hg, "区财政局", app.StatusDone, d(3, 1), d(4, 4), d(4, 7))
	got = app.DeptFigures([]app.Problem{lateExt, holiday}, d(4, 30), app.Calendar{})
	if len(got) != 2 || got[0].Late != 1 || got[0].OnTime != 0 || got[1].OnTime != 1 || got[1].Late != 0 {
		t.Errorf("the late extension and the holiday deadline: %+v", got)
	}
}

// The notice's department table counts the counties' problems and the
// city's own, registered in the period.
func TestNoticeDepartments(t *testing.T) {
	ctx := context.Background()
	city := datatest.NewSetUp(t, cityOfficeForDepts)
	s := app.NewService(city, "陈明")
	s.Now = func() time.Time { return svcNow }
	e := app.Enterprise{Name: "秦皇岛市直属测试有限公司", CreditCode: datatest.CreditCode(7)}
	if err := s.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	assignedProblem(t, s, e, "市自然资源和规划局")
	n, err := s.Notice(ctx, app.NoticePeriod{Year: 2026, Month: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Depts) != 1 || n.Depts[0].Office != app.CityCode || n.Depts[0].Dept != "市自然资源和规划局" || n.Depts[0].Assigned != 1 {
		t.Errorf("notice departments %+v", n.Depts)
	}
	pub, err := s.PublishNotice(ctx, app.NoticePeriod{Year: 2026, Month: 3})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.PublishedNotices(ctx)
	if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0].Depts, pub.Depts) || len(pub.Depts) != 1 {
		t.Errorf("published notice departments %+v (%v), want %+v", list, err, pub.Depts)
	}
	// Another period has none.
	if n, _ := s.Notice(ctx, app.NoticePeriod{Year: 2026, Month: 2}); n.Depts != nil {
		t.Errorf("February's departments %+v", n.Depts)
	}
}

var cityOfficeForDepts = app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}
