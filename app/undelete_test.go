package app_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// tickingService is a service whose clock moves a second at each reading,
// so that each write has a time of its own (as it has in use).
func tickingService(t *testing.T) (*app.Service, *datatest.Store) {
	s, st := newTestService(t)
	now := svcNow
	s.Now = func() time.Time { now = now.Add(time.Second); return now }
	return s, st
}

// undeleteVisit saves a visit of e by l.
func undeleteVisit(t *testing.T, s *app.Service, e app.Enterprise, l app.Leader) app.Visit {
	t.Helper()
	v := app.Visit{LeaderID: l.ID, EnterpriseID: e.ID, Date: app.D(2026, time.March, 9), Mode: app.VisitModes[0], Findings: "生产经营正常"}
	if err := s.SaveVisit(context.Background(), &v, nil); err != nil {
		t.Fatalf("SaveVisit: %v", err)
	}
	return v
}

// refused checks that err is a refusal whose message has want and that
// the database is as it was.
func refused(t *testing.T, st *datatest.Store, before datatest.Snapshot, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("restore accepted, want refused with %q", want)
	}
	if msg := app.Message(err); !strings.Contains(msg, want) {
		t.Errorf("refusal %q, want it to say %q", msg, want)
	}
	if d := before.Diff(st.Snapshot()); d != nil {
		t.Errorf("a refused restore changed the database: %v", d)
	}
}

func TestUndeleteVisitAndItsEnterprise(t *testing.T) {
	s, st := tickingService(t)
	ctx := context.Background()
	e, l := svcRefs(t, s)
	v := undeleteVisit(t, s, e, l)
	if err := s.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	r, err := s.Undelete(ctx, app.TableVisits, v.ID)
	if err != nil {
		t.Fatalf("Undelete visit: %v", err)
	}
	got, err := st.Visit(ctx, v.ID)
	if err != nil {
		t.Fatalf("restored visit not readable: %v", err)
	}
	if got.Version != v.Version+2 || got.Findings != v.Findings || got.UpdatedBy != "李文" {
		t.Errorf("restored visit: version %d (want %d), findings %q, by %q", got.Version, v.Version+2, got.Findings, got.UpdatedBy)
	}
	if !strings.Contains(r.String(), "已恢复走访记录") {
		t.Errorf("Restored says %q", r)
	}
	log := st.ChangeLog()
	if last := log[len(log)-1]; last.RecordID != v.ID || last.Op != "update" || last.Version != got.Version {
		t.Errorf("last change-log row %+v, want the visit's update to version %d", last, got.Version)
	}
	if h, err := s.History(ctx, v.ID); err != nil || h.Deleted || h.Versions[len(h.Versions)-1].Op != "恢复" {
		t.Errorf("history after restore: %+v, %v", h, err)
	}

	// The enterprise deleted with the visit already deleted: the visit
	// waits for its enterprise.
	if err := s.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	before := st.Snapshot()
	_, err = s.Undelete(ctx, app.TableVisits, v.ID)
	refused(t, st, before, err, "所属企业“秦皇岛测试机械有限公司”已删除，请先恢复企业")
	if _, err := s.Undelete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatalf("Undelete enterprise: %v", err)
	}
	if _, err := s.Undelete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatalf("Undelete visit after its enterprise: %v", err)
	}
	if vs, err := st.Visits(ctx, app.VisitFilter{EnterpriseID: e.ID}); err != nil || len(vs) != 1 {
		t.Errorf("visits of the restored enterprise: %d, %v", len(vs), err)
	}
}

func TestUndeleteProblemWithEventsAndAttachment(t *testing.T) {
	s, st := tickingService(t)
	ctx := context.Background()
	ent, _ := svcRefs(t, s)
	np := app.NewProblem{Problem: newProblem(ent), First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "已解决"}}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	id := np.Problem.ID
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	kept, _, err := s.Attach(ctx, app.TableProblems, id, "整改报告.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	gone, _, err := s.Attach(ctx, app.TableProblems, id, "错传的文件.pdf", append(pdf, ' '))
	if err != nil {
		t.Fatal(err)
	}
	// One attachment deleted on its own first: it stays deleted.
	if err := s.Delete(ctx, app.TableAttachments, gone.ID); err != nil {
		t.Fatal(err)
	}
	evs, err := st.Events(ctx, id)
	if err != nil || len(evs) != 2 {
		t.Fatalf("events: %d, %v", len(evs), err)
	}
	if err := s.Delete(ctx, app.TableProblems, id); err != nil {
		t.Fatal(err)
	}
	// An event cannot come back without its problem.
	before := st.Snapshot()
	_, err = s.Undelete(ctx, app.TableEvents, evs[0].ID)
	refused(t, st, before, err, "所属问题“"+np.Problem.Number+"”已删除，请先恢复问题")

	r, err := s.Undelete(ctx, app.TableProblems, id)
	if err != nil {
		t.Fatalf("Undelete problem: %v", err)
	}
	if r.Events != 2 || r.Attachments != 1 {
		t.Errorf("restored %d events and %d attachments, want 2 and 1", r.Events, r.Attachments)
	}
	if got, err := st.Events(ctx, id); err != nil || len(got) != 2 {
		t.Errorf("events after restore: %d, %v", len(got), err)
	}
	as, err := st.Attachments(ctx, app.AttachmentFilter{RecordTable: app.TableProblems, RecordID: id})
	if err != nil || len(as) != 1 || as[0].ID != kept.ID {
		t.Errorf("attachments after restore: %+v, %v (want %s only)", as, err, kept.ID)
	}
	if b, err := s.AttachmentContent(ctx, as[0]); err != nil || string(b) != string(pdf) {
		t.Errorf("restored attachment's content: %v", err)
	}
	if ps, err := st.Problems(ctx, app.ProblemFilter{Query: "扩建用地"}); err != nil || len(ps) != 1 {
		t.Errorf("restored problem found by search: %d, %v", len(ps), err)
	}
}

func TestUndeleteRefusals(t *testing.T) {
	s, st := tickingService(t)
	ctx := context.Background()
	e, l := svcRefs(t, s)
	v := undeleteVisit(t, s, e, l)
	a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "张三", From: app.D(2026, time.January, 1), To: app.D(2026, time.December, 31)}
	if err := s.SaveAssignment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	// A live record.
	before := st.Snapshot()
	_, err := s.Undelete(ctx, app.TableVisits, v.ID)
	refused(t, st, before, err, "没有删除")
	if !errors.Is(err, app.ErrNotDeleted) {
		t.Errorf("err %v, want ErrNotDeleted", err)
	}
	// No such record.
	_, err = s.UndeleteID(ctx, "00000000-0000-4000-8000-000000000000")
	refused(t, st, before, err, "找不到这条记录")

	// An assignment whose leader is deleted.
	if err := s.Delete(ctx, app.TableAssignments, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableLeaders, l.ID); err != nil {
		t.Fatal(err)
	}
	before = st.Snapshot()
	_, err = s.Undelete(ctx, app.TableAssignments, a.ID)
	refused(t, st, before, err, "联系领导“刘志远”已删除，请先恢复联系领导")

	// An enterprise whose credit code another enterprise has taken since.
	if err := s.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	again := app.Enterprise{Name: "秦皇岛重新登记机械有限公司", CreditCode: e.CreditCode}
	if err := s.SaveEnterprise(ctx, &again); err != nil {
		t.Fatal(err)
	}
	before = st.Snapshot()
	_, err = s.UndeleteID(ctx, e.ID)
	refused(t, st, before, err, "已登记为“秦皇岛重新登记机械有限公司”")

	// A department whose name another department has taken since.
	d := app.Department{Name: "区发改局"}
	if err := s.SaveDepartment(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableDepartments, d.ID); err != nil {
		t.Fatal(err)
	}
	d2 := app.Department{Name: "区发改局"}
	if err := s.SaveDepartment(ctx, &d2); err != nil {
		t.Fatal(err)
	}
	before = st.Snapshot()
	_, err = s.UndeleteID(ctx, d.ID)
	refused(t, st, before, err, "目录中已有责任单位“区发改局”")

	// A record of another office.
	if err := st.SetOwner(app.TableVisits, "130303", v.ID); err != nil {
		t.Fatal(err)
	}
	before = st.Snapshot()
	_, err = s.Undelete(ctx, app.TableVisits, v.ID)
	refused(t, st, before, err, "只能恢复本单位的记录")
}
