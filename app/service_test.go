package app_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

var svcNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC) // a Tuesday

// newTestService returns a service over a new database set up for 海港区.
func newTestService(t *testing.T) (*app.Service, *datatest.Store) {
	t.Helper()
	st := datatest.NewSetUp(t, haigangOffice)
	s := app.NewService(st, "李文")
	s.Now = func() time.Time { return svcNow }
	return s, st
}

// svcRefs saves the enterprise and the leader a problem or a visit names.
func svcRefs(t *testing.T, s *app.Service) (app.Enterprise, app.Leader) {
	t.Helper()
	ctx := context.Background()
	e := app.Enterprise{Name: "秦皇岛测试机械有限公司", CreditCode: datatest.CreditCode(1)}
	if err := s.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("SaveEnterprise: %v", err)
	}
	l := app.Leader{Name: "刘志远", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := s.SaveLeader(ctx, &l); err != nil {
		t.Fatalf("SaveLeader: %v", err)
	}
	return e, l
}

// logged counts the change-log rows of each table: the store writes one
// for every record a committed transaction saves or deletes.
func logged(st *datatest.Store) map[app.Table]int {
	n := map[app.Table]int{}
	for _, c := range st.ChangeLog() {
		n[c.Table]++
	}
	return n
}

// newProblem is a problem of enterprise e, unsaved.
func newProblem(e app.Enterprise) app.Problem {
	return app.Problem{EnterpriseID: e.ID, Source: "企业反映", Category: "用地", Description: "厂房扩建用地指标不足", Registered: app.D(2026, time.March, 9)}
}

func eventKinds(evs []app.Event) []app.ActionKind {
	out := make([]app.ActionKind, len(evs))
	for i, e := range evs {
		out[i] = e.Kind
	}
	return out
}

func TestServiceSetUp(t *testing.T) {
	tests := []struct {
		name   string
		office app.Office
		field  string // "" when accepted
	}{
		{"county", app.Office{Code: " 130302 ", Name: " 海港区 ", Role: app.RoleCounty}, ""},
		{"city", app.Office{Code: "130300", Name: "市工信局", Role: app.RoleCity}, ""},
		{"bad code", app.Office{Code: "1303", Name: "海港区", Role: app.RoleCounty}, "Code"},
		{"wrong role", app.Office{Code: "130302", Name: "海港区", Role: app.RoleCity}, "Role"},
		{"no name", app.Office{Code: "130302", Role: app.RoleCounty}, "Name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := datatest.New(t)
			s := app.NewService(st, "李文")
			s.Now = func() time.Time { return svcNow }
			err := s.SetUp(context.Background(), tc.office)
			got, gerr := st.Office(context.Background())
			if tc.field != "" {
				checkRefusal(t, err, tc.field)
				if !errors.Is(gerr, app.ErrNotSetUp) || len(st.Ops()) != 0 {
					t.Errorf("refused SetUp stored office %+v (%v), ops %v", got, gerr, st.Ops())
				}
				return
			}
			if err != nil {
				t.Fatalf("SetUp: %v", err)
			}
			if gerr != nil || got.Code != "130302" && got.Code != "130300" || got.Name != trimmed(tc.office.Name) {
				t.Errorf("stored office = %+v, %v", got, gerr)
			}
			want := app.DefaultSettingsOf(got.Role)
			want.Began = app.DateOf(svcNow) // the office begins on the day it is set up
			set, err := st.Settings(context.Background())
			if err != nil || !reflect.DeepEqual(set, want) {
				t.Errorf("settings after SetUp = %+v, %v; want defaults, begun today", set, err)
			}
			if ops := st.Ops(); len(ops) != 1 || ops[0].Operator != "李文" || !ops[0].At.Equal(svcNow) {
				t.Errorf("ops = %+v", ops)
			}
		})
	}
}

func trimmed(s string) string {
	o := app.Office{Name: s}
	o.Normalize()
	return o.Name
}

func TestServiceSaveSettings(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	was, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bad := app.DefaultSettings()
	bad.VisitIntervalMonths = 5
	checkRefusal(t, s.SaveSettings(ctx, bad), "VisitIntervalMonths")
	if got, _ := st.Settings(ctx); !reflect.DeepEqual(got, was) {
		t.Errorf("refused settings were saved: %+v", got)
	}
	good := app.DefaultSettings()
	good.VisitIntervalMonths = 1
	if err := s.SaveSettings(ctx, good); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Settings(ctx); !reflect.DeepEqual(got, good) {
		t.Errorf("settings = %+v, want %+v", got, good)
	}
}

func TestServiceSaveEnterprise(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		e     app.Enterprise
		field string
	}{
		{"bad credit code", app.Enterprise{Name: "某公司", CreditCode: "914403001922038217"}, "CreditCode"},
		{"no name", app.Enterprise{CreditCode: "914403001922038216"}, "Name"},
	}
	for _, tc := range tests {
		e := tc.e
		checkRefusal(t, s.SaveEnterprise(ctx, &e), tc.field)
	}
	if list, err := st.Enterprises(ctx, app.EnterpriseFilter{}); err != nil || len(list) != 0 || len(st.ChangeLog()) != 0 {
		t.Fatalf("refused enterprises were saved: %v, %v", list, err)
	}
	e := app.Enterprise{Name: " 华为技术有限公司 ", CreditCode: "９１４４０３００１９２２０３８２１６"}
	if err := s.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("SaveEnterprise: %v", err)
	}
	if got, _ := st.Enterprise(ctx, e.ID); got.CreditCode != "914403001922038216" || got.Name != "华为技术有限公司" || got.UpdatedBy != "李文" {
		t.Errorf("stored enterprise = %+v", got)
	}
}

func TestServiceRegisterProblem(t *testing.T) {
	deadline := app.D(2026, time.March, 27)
	tests := []struct {
		name       string
		first      *app.Action
		wantStatus app.Status
		wantEvents []app.ActionKind
	}{
		{"no first action", nil, app.StatusRegistered, []app.ActionKind{app.EventRegistered}},
		{"交办", &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: deadline},
			app.StatusAssigned, []app.ActionKind{app.EventRegistered, app.ActAssign}},
		{"当场解决", &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "现场协调解决"},
			app.StatusDone, []app.ActionKind{app.EventRegistered, app.ActOnSpot}},
		{"依法不能办理", &app.Action{Kind: app.ActExplain, Date: app.D(2026, time.March, 9), Text: "不符合规划，已解释"},
			app.StatusExplained, []app.ActionKind{app.EventRegistered, app.ActExplain}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, st := newTestService(t)
			ctx := context.Background()
			ent, _ := svcRefs(t, s)
			np := app.NewProblem{Problem: newProblem(ent), First: tc.first}
			if err := s.RegisterProblem(ctx, &np); err != nil {
				t.Fatalf("RegisterProblem: %v", err)
			}
			p := np.Problem
			if p.ID == "" || p.Number != "海港-2026-0001" || p.Status != tc.wantStatus {
				t.Errorf("registered problem = %+v", p)
			}
			stored, err := st.Problem(ctx, p.ID)
			if err != nil || stored.Status != tc.wantStatus {
				t.Fatalf("stored problem = %+v, %v", stored, err)
			}
			evs, _ := st.Events(ctx, p.ID)
			if got := eventKinds(evs); !reflect.DeepEqual(got, tc.wantEvents) {
				t.Fatalf("events = %v, want %v", got, tc.wantEvents)
			}
			if evs[0].Status != app.StatusRegistered || !evs[0].Date.Equal(p.Registered) {
				t.Errorf("registration event = %+v", evs[0])
			}
			if last := evs[len(evs)-1]; last.Status != tc.wantStatus || last.ProblemID != p.ID {
				t.Errorf("last event = %+v", last)
			}
			if tc.first != nil && tc.first.Kind == app.ActAssign {
				if stored.LeadDept != "自然资源局" || stored.Person != "王伟" || !stored.Deadline.Equal(deadline) || !evs[1].NewDeadline.Equal(deadline) {
					t.Errorf("assigned problem = %+v, event %+v", stored, evs[1])
				}
			}
		})
	}
}

func TestServiceRegisterProblemRefused(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(np *app.NewProblem)
		field string // "" for a refusal that is not a field error
	}{
		{"no description", func(np *app.NewProblem) { np.Problem.Description = " " }, "Description"},
		{"bad category", func(np *app.NewProblem) { np.Problem.Category = "杂项" }, "Category"},
		{"交办 without person", func(np *app.NewProblem) {
			np.First = &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Deadline: app.D(2026, time.March, 27)}
		}, "Person"},
		{"交办 deadline before registration", func(np *app.NewProblem) {
			np.First = &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: app.D(2026, time.March, 8)}
		}, "Deadline"},
		{"当场解决 without result", func(np *app.NewProblem) {
			np.First = &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 10)}
		}, "Text"},
		{"依法不能办理 without explanation", func(np *app.NewProblem) {
			np.First = &app.Action{Kind: app.ActExplain, Date: app.D(2026, time.March, 10)}
		}, "Text"},
		{"first action 办结", func(np *app.NewProblem) {
			np.First = &app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 10), Text: "已办结"}
		}, "Kind"},
		{"already registered", func(np *app.NewProblem) { np.Problem.ID = "2f1c4e0a-6b1d-4c8e-9a57-3d2b7f9e1c60" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, st := newTestService(t)
			ent, _ := svcRefs(t, s)
			np := app.NewProblem{Problem: newProblem(ent)}
			tc.mod(&np)
			err := s.RegisterProblem(context.Background(), &np)
			if tc.field == "" {
				if err == nil {
					t.Fatal("accepted")
				}
			} else {
				checkRefusal(t, err, tc.field)
			}
			if n := logged(st); n[app.TableProblems] != 0 || n[app.TableEvents] != 0 {
				t.Errorf("refused problem saved: %d problems, %d events", n[app.TableProblems], n[app.TableEvents])
			}
		})
	}
}

// A refused registration leaves the form's problem as it was, so the clerk
// can correct it and save again.
func TestServiceRegisterProblemRetryAfterRefusal(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	ent, _ := svcRefs(t, s)
	// The store refuses the second event: the problem itself was saved in
	// the transaction before the failure.
	np := app.NewProblem{Problem: newProblem(ent), First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "已解决"}}
	np.Problem.Request = "请求协调"
	before := np
	fs := app.NewService(eventFailingStore{Store: st, after: 1}, "李文")
	fs.Now = s.Now
	if err := fs.RegisterProblem(ctx, &np); err == nil {
		t.Fatal("RegisterProblem succeeded although the store failed")
	}
	if !reflect.DeepEqual(np, before) {
		t.Errorf("refused RegisterProblem changed the form:\n got %+v\nwant %+v", np.Problem, before.Problem)
	}
	if n := logged(st); n[app.TableProblems] != 0 || n[app.TableEvents] != 0 {
		t.Fatalf("the failed transaction kept %d problems, %d events", n[app.TableProblems], n[app.TableEvents])
	}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatalf("second RegisterProblem: %v", err)
	}
	ps, _ := st.Problems(ctx, app.ProblemFilter{})
	evs, _ := st.Events(ctx, np.Problem.ID)
	if n := logged(st); len(ps) != 1 || len(evs) != 2 || n[app.TableProblems] != 1 || n[app.TableEvents] != 2 {
		t.Errorf("after retry: %d problems, %d events (logged %v); want 1 and 2", len(ps), len(evs), n)
	}
}

// eventFailingStore is a store whose transactions refuse an event after
// `after` of them were saved.
type eventFailingStore struct {
	app.Store
	after int
}

func (f eventFailingStore) Update(ctx context.Context, op app.Op, fn func(app.Tx) error) error {
	return f.Store.Update(ctx, op, func(tx app.Tx) error {
		return fn(&eventFailingTx{Tx: tx, left: f.after})
	})
}

type eventFailingTx struct {
	app.Tx
	left int
}

func (f *eventFailingTx) SaveEvent(e *app.Event) error {
	if f.left == 0 {
		return errors.New("disk full")
	}
	f.left--
	return f.Tx.SaveEvent(e)
}

func TestServiceAct(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	ent, _ := svcRefs(t, s)
	np := app.NewProblem{Problem: newProblem(ent), First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: app.D(2026, time.March, 27)}}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	id := np.Problem.ID
	steps := []struct {
		a          app.Action
		wantStatus app.Status
		field      string // refused on this field
	}{
		{app.Action{Kind: app.ActClose, Date: app.D(2026, time.March, 11)}, app.StatusAssigned, "Kind"},
		{app.Action{Kind: app.ActProgress, Date: app.D(2026, time.March, 11)}, app.StatusAssigned, "Text"},
		{app.Action{Kind: app.ActProgress, Date: app.D(2026, time.March, 11), Text: "已报省厅"}, app.StatusInProgress, ""},
		{app.Action{Kind: app.ActDeadline, Date: app.D(2026, time.March, 12), Deadline: app.D(2026, time.April, 3), Text: "等待批复", Approver: "副区长张建国"}, app.StatusInProgress, ""},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 13)}, app.StatusInProgress, "Text"},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 13), Text: "指标已下达"}, app.StatusDone, ""},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, time.March, 16), Satisfaction: "满意"}, app.StatusFollowedUp, ""},
		{app.Action{Kind: app.ActClose, Date: app.D(2026, time.March, 17)}, app.StatusClosed, ""},
	}
	for i, step := range steps {
		before, _ := st.Problem(ctx, id)
		evs, _ := st.Events(ctx, id)
		nEvents, nLogged := len(evs), len(st.ChangeLog())
		got, err := s.Act(ctx, id, step.a)
		after, _ := st.Problem(ctx, id)
		if step.field != "" {
			checkRefusal(t, err, step.field)
			if evs, _ := st.Events(ctx, id); !reflect.DeepEqual(after, before) || len(evs) != nEvents || len(st.ChangeLog()) != nLogged {
				t.Errorf("step %d: refused %s changed the store", i+1, step.a.Kind)
			}
			continue
		}
		if err != nil {
			t.Fatalf("step %d: Act(%s): %v", i+1, step.a.Kind, err)
		}
		if got.Status != step.wantStatus || after.Status != step.wantStatus {
			t.Errorf("step %d: status returned %q, stored %q, want %q", i+1, got.Status, after.Status, step.wantStatus)
		}
		if after.Version != before.Version+1 {
			t.Errorf("step %d: version %d → %d", i+1, before.Version, after.Version)
		}
		evs, _ = st.Events(ctx, id)
		if len(evs) != nEvents+1 {
			t.Fatalf("step %d: %d events, want %d", i+1, len(evs), nEvents+1)
		}
		if last := evs[len(evs)-1]; last.Kind != step.a.Kind || last.Status != step.wantStatus || last.UpdatedBy != "李文" {
			t.Errorf("step %d: event %+v", i+1, last)
		}
	}
	if _, err := s.Act(ctx, "no-such-id", app.Action{Kind: app.ActProgress, Date: app.D(2026, time.March, 11), Text: "x"}); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("Act on a missing problem: %v, want ErrNotFound", err)
	}
}

func TestServiceEditProblem(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	ent, _ := svcRefs(t, s)
	np := app.NewProblem{Problem: newProblem(ent), First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: app.D(2026, time.March, 27)}}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	edit := np.Problem
	edit.Description = " 厂房扩建用地指标不足（补充：约20亩） "
	edit.Category = "审批"
	edit.Status, edit.Handling, edit.Person = app.StatusClosed, app.HandleOnSpot, "别人"
	if err := s.EditProblem(ctx, &edit); err != nil {
		t.Fatalf("EditProblem: %v", err)
	}
	got, _ := st.Problem(ctx, edit.ID)
	if got.Description != "厂房扩建用地指标不足（补充：约20亩）" || got.Category != "审批" {
		t.Errorf("edit not saved: %+v", got)
	}
	if got.Status != app.StatusAssigned || got.Handling != app.HandleAssign || got.Person != "王伟" {
		t.Errorf("EditProblem changed status, handling or person: %+v", got)
	}
	if edit.Status != app.StatusAssigned || edit.Version != got.Version {
		t.Errorf("edited form not refreshed from the store: %+v", edit)
	}

	tests := []struct {
		name  string
		mod   func(p *app.Problem)
		field string
	}{
		{"registered after the deadline", func(p *app.Problem) { p.Registered = app.D(2026, time.March, 30) }, "Registered"},
		{"no description", func(p *app.Problem) { p.Description = "" }, "Description"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := st.Problem(ctx, edit.ID)
			p := before
			tc.mod(&p)
			checkRefusal(t, s.EditProblem(ctx, &p), tc.field)
			if after, _ := st.Problem(ctx, edit.ID); !reflect.DeepEqual(after, before) {
				t.Errorf("refused edit changed the store: %+v", after)
			}
		})
	}
}

func TestServiceSaveVisit(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	ent, leader := svcRefs(t, s)
	visitDay := app.D(2026, time.March, 6)
	v := app.Visit{Date: visitDay, LeaderID: leader.ID, EnterpriseID: ent.ID, Mode: "实地", Findings: " 生产正常 "}
	problems := []app.NewProblem{
		{Problem: app.Problem{Category: "融资", Description: "流动资金缺口2000万元"},
			First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 9), LeadDept: "金融办", Person: "赵静", Deadline: app.D(2026, time.March, 27)}},
		{Problem: app.Problem{Category: "用工", Description: ""}}, // refused: no description
	}
	err := s.SaveVisit(ctx, &v, problems)
	var pe app.ProblemError
	if !errors.As(err, &pe) {
		t.Fatalf("SaveVisit error %v, want a ProblemError", err)
	}
	if pe.Index != 1 {
		t.Errorf("ProblemError.Index = %d, want 1", pe.Index)
	}
	if msg := app.FieldMsg(err, "Description"); msg == "" {
		t.Errorf("FieldMsg(Description) empty through ProblemError: %v", err)
	}
	if !hasHan(err.Error()) {
		t.Errorf("message %q is not Chinese", err)
	}
	if n := logged(st); n[app.TableVisits] != 0 || n[app.TableProblems] != 0 || n[app.TableEvents] != 0 {
		t.Fatalf("refused visit saved: %d visits, %d problems, %d events", n[app.TableVisits], n[app.TableProblems], n[app.TableEvents])
	}
	if v.ID != "" || problems[0].Problem.ID != "" {
		t.Errorf("refused SaveVisit left IDs on the form: visit %q, problem %q", v.ID, problems[0].Problem.ID)
	}

	// The clerk fills in the missing description and saves again.
	problems[1].Problem.Description = "招工难，缺熟练技工"
	if err := s.SaveVisit(ctx, &v, problems); err != nil {
		t.Fatalf("SaveVisit after correction: %v", err)
	}
	if vs, _ := st.Visits(ctx, app.VisitFilter{}); v.ID == "" || v.Findings != "生产正常" || len(vs) != 1 || vs[0].ID != v.ID {
		t.Fatalf("visit = %+v, stored %d", v, len(vs))
	}
	wantStatus := []app.Status{app.StatusAssigned, app.StatusRegistered}
	for i, np := range problems {
		p, err := st.Problem(ctx, np.Problem.ID)
		if err != nil {
			t.Fatalf("problem %d not stored: %v", i, err)
		}
		if p.Source != "走访" || p.SourceID != v.ID || p.EnterpriseID != ent.ID || !p.Registered.Equal(visitDay) || p.Status != wantStatus[i] {
			t.Errorf("problem %d = %+v", i, p)
		}
		if want := fmt.Sprintf("海港-2026-%04d", i+1); p.Number != want {
			t.Errorf("problem %d number %q, want %q", i, p.Number, want)
		}
	}
	if n := logged(st)[app.TableEvents]; n != 3 {
		t.Errorf("%d events, want 3 (登记+交办, 登记)", n)
	}
}

func TestServiceSaveVisitRefused(t *testing.T) {
	tests := []struct {
		name  string
		mod   func(v *app.Visit)
		field string
	}{
		{"tomorrow", func(v *app.Visit) { v.Date = app.DateOf(svcNow).AddDays(1) }, "Date"},
		{"no leader", func(v *app.Visit) { v.LeaderID = "" }, "LeaderID"},
		{"bad mode", func(v *app.Visit) { v.Mode = "短信" }, "Mode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, st := newTestService(t)
			ent, leader := svcRefs(t, s)
			v := app.Visit{Date: app.DateOf(svcNow), LeaderID: leader.ID, EnterpriseID: ent.ID, Mode: "电话"}
			tc.mod(&v)
			checkRefusal(t, s.SaveVisit(context.Background(), &v, nil), tc.field)
			if n := logged(st)[app.TableVisits]; n != 0 {
				t.Errorf("refused visit saved: %d change-log rows", n)
			}
		})
	}
}

func TestServiceDeleteProblem(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	ent, _ := svcRefs(t, s)
	np := app.NewProblem{Problem: newProblem(ent), First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "已解决"}}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableProblems, np.Problem.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := st.Problem(ctx, np.Problem.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted problem still readable: %v", err)
	}
	// Each of the two events is logged once saved and once deleted: the
	// deletions travel in the next sync file as tombstones.
	ops := map[string][]string{}
	for _, c := range st.ChangeLog() {
		if c.Table == app.TableEvents {
			ops[c.RecordID] = append(ops[c.RecordID], c.Op)
		}
	}
	if len(ops) != 2 {
		t.Errorf("%d events logged, want 2", len(ops))
	}
	for id, l := range ops {
		if !reflect.DeepEqual(l, []string{"insert", "delete"}) {
			t.Errorf("event %s logged %v, want insert then delete", id, l)
		}
	}
	if evs, err := st.Events(ctx, np.Problem.ID); err != nil || len(evs) != 0 {
		t.Errorf("events of a deleted problem: %v, %v", evs, err)
	}
}

func TestServiceToday(t *testing.T) {
	s, _ := newTestService(t)
	if got := s.Today(); !got.Equal(app.D(2026, time.March, 10)) {
		t.Errorf("Today() = %v", got)
	}
}
