package app_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"testing"
	"time"

	"wugeyi/app"
)

// memState is everything the in-memory store holds.
type memState struct {
	office      *app.Office
	settings    *app.Settings
	enterprises map[string]app.Enterprise
	visits      map[string]app.Visit
	problems    map[string]app.Problem
	events      []app.Event // in the order saved
	serial      int         // last problem serial
	nextID      int
}

func (s memState) clone() memState {
	c := s
	c.enterprises = maps.Clone(s.enterprises)
	c.visits = maps.Clone(s.visits)
	c.problems = maps.Clone(s.problems)
	c.events = append([]app.Event(nil), s.events...)
	return c
}

func (s *memState) getSettings() (app.Settings, error) {
	if s.office == nil {
		return app.Settings{}, app.ErrNotSetUp
	}
	return *s.settings, nil
}

func (s *memState) getProblem(id string) (app.Problem, error) {
	p, ok := s.problems[id]
	if !ok || p.Deleted {
		return app.Problem{}, app.ErrNotFound
	}
	return p, nil
}

func (s *memState) getEvents(problemID string) []app.Event {
	var out []app.Event
	for _, e := range s.events {
		if e.ProblemID == problemID && !e.Deleted {
			out = append(out, e)
		}
	}
	return out
}

// memStore is a small in-memory app.Store: enough of it for the Service.
// Methods the tests do not use fall through to the nil embedded interface
// and panic.
type memStore struct {
	app.Store
	st  memState
	ops []app.Op // one per committed transaction
}

func newMemStore() *memStore {
	return &memStore{st: memState{
		enterprises: map[string]app.Enterprise{},
		visits:      map[string]app.Visit{},
		problems:    map[string]app.Problem{},
	}}
}

// Update runs fn against a copy of the state and keeps it only if fn
// succeeds.
func (m *memStore) Update(_ context.Context, op app.Op, fn func(app.Tx) error) error {
	tx := &memTx{st: m.st.clone(), op: op}
	if err := fn(tx); err != nil {
		return err
	}
	m.st = tx.st
	m.ops = append(m.ops, op)
	return nil
}

func (m *memStore) Office(context.Context) (app.Office, error) {
	if m.st.office == nil {
		return app.Office{}, app.ErrNotSetUp
	}
	return *m.st.office, nil
}
func (m *memStore) Settings(context.Context) (app.Settings, error) { return m.st.getSettings() }
func (m *memStore) Problem(_ context.Context, id string) (app.Problem, error) {
	return m.st.getProblem(id)
}
func (m *memStore) Events(_ context.Context, id string) ([]app.Event, error) {
	return m.st.getEvents(id), nil
}

type memTx struct {
	app.Tx
	st memState
	op app.Op
}

func (tx *memTx) Settings(context.Context) (app.Settings, error) { return tx.st.getSettings() }
func (tx *memTx) Problem(_ context.Context, id string) (app.Problem, error) {
	return tx.st.getProblem(id)
}
func (tx *memTx) Events(_ context.Context, id string) ([]app.Event, error) {
	return tx.st.getEvents(id), nil
}

// Attachments: this store keeps none.
func (tx *memTx) Attachments(context.Context, app.AttachmentFilter) ([]app.Attachment, error) {
	return nil, nil
}

func (tx *memTx) SetUp(o app.Office) error {
	if tx.st.office != nil && tx.st.office.Code != o.Code {
		return errors.New("已为其他单位初始化")
	}
	tx.st.office = &o
	return nil
}

func (tx *memTx) SaveSettings(s app.Settings) error {
	if tx.st.office == nil {
		return app.ErrNotSetUp
	}
	tx.st.settings = &s
	return nil
}

// stamp gives a new record its identity, or checks and bumps the version of
// a stored one (storedVersion < 0: not stored).
func (tx *memTx) stamp(m *app.Meta, storedVersion int64) error {
	if tx.st.office == nil {
		return app.ErrNotSetUp
	}
	if m.ID == "" {
		tx.st.nextID++
		m.ID, m.Office, m.Version = fmt.Sprintf("id-%d", tx.st.nextID), tx.st.office.Code, 1
	} else {
		if storedVersion < 0 {
			return app.ErrNotFound
		}
		if m.Version != storedVersion {
			return app.ErrStaleVersion
		}
		m.Version++
	}
	m.UpdatedAt, m.UpdatedBy = tx.op.At, tx.op.Operator
	return nil
}

func storedVersion[T any](records map[string]T, id string, meta func(T) app.Meta) int64 {
	r, ok := records[id]
	if !ok || id == "" {
		return -1
	}
	return meta(r).Version
}

func (tx *memTx) SaveEnterprise(e *app.Enterprise) error {
	for _, o := range tx.st.enterprises {
		if o.CreditCode == e.CreditCode && o.ID != e.ID && !o.Deleted {
			return app.Invalid{{Field: "CreditCode", Msg: "统一社会信用代码已存在"}}
		}
	}
	if err := tx.stamp(&e.Meta, storedVersion(tx.st.enterprises, e.ID, func(r app.Enterprise) app.Meta { return r.Meta })); err != nil {
		return err
	}
	tx.st.enterprises[e.ID] = *e
	return nil
}

func (tx *memTx) SaveVisit(v *app.Visit) error {
	if err := tx.stamp(&v.Meta, storedVersion(tx.st.visits, v.ID, func(r app.Visit) app.Meta { return r.Meta })); err != nil {
		return err
	}
	tx.st.visits[v.ID] = *v
	return nil
}

func (tx *memTx) SaveProblem(p *app.Problem) error {
	isNew := p.ID == ""
	if err := tx.stamp(&p.Meta, storedVersion(tx.st.problems, p.ID, func(r app.Problem) app.Meta { return r.Meta })); err != nil {
		return err
	}
	if isNew {
		tx.st.serial++
		p.Number = app.ProblemNumber(p.Office, p.Registered.Year(), tx.st.serial)
	}
	tx.st.problems[p.ID] = *p
	return nil
}

func (tx *memTx) SaveEvent(e *app.Event) error {
	if e.ID != "" {
		return errors.New("events are never changed")
	}
	if _, ok := tx.st.problems[e.ProblemID]; !ok {
		return fmt.Errorf("event of unknown problem %q", e.ProblemID)
	}
	if err := tx.stamp(&e.Meta, -1); err != nil {
		return err
	}
	tx.st.events = append(tx.st.events, *e)
	return nil
}

func (tx *memTx) Delete(t app.Table, id string) error {
	switch t {
	case app.TableProblems:
		p, ok := tx.st.problems[id]
		if !ok {
			return app.ErrNotFound
		}
		p.Deleted = true
		tx.st.problems[id] = p
	case app.TableEvents:
		for i := range tx.st.events {
			if tx.st.events[i].ID == id {
				tx.st.events[i].Deleted = true
				return nil
			}
		}
		return app.ErrNotFound
	default:
		return fmt.Errorf("memStore: delete from %s not supported", t)
	}
	return nil
}

var svcNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC) // a Tuesday

// newTestService returns a service over a fresh store set up for 海港区.
func newTestService(t *testing.T) (*app.Service, *memStore) {
	t.Helper()
	st := newMemStore()
	s := app.NewService(st, "李文")
	s.Now = func() time.Time { return svcNow }
	if err := s.SetUp(context.Background(), app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}); err != nil {
		t.Fatalf("SetUp: %v", err)
	}
	return s, st
}

func newProblem() app.Problem {
	return app.Problem{EnterpriseID: "e-1", Source: "企业反映", Category: "用地", Description: "厂房扩建用地指标不足", Registered: app.D(2026, time.March, 9)}
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
			st := newMemStore()
			s := app.NewService(st, "李文")
			s.Now = func() time.Time { return svcNow }
			err := s.SetUp(context.Background(), tc.office)
			got, gerr := st.Office(context.Background())
			if tc.field != "" {
				checkRefusal(t, err, tc.field)
				if !errors.Is(gerr, app.ErrNotSetUp) || len(st.ops) != 0 {
					t.Errorf("refused SetUp stored office %+v (%v), ops %v", got, gerr, st.ops)
				}
				return
			}
			if err != nil {
				t.Fatalf("SetUp: %v", err)
			}
			if gerr != nil || got.Code != "130302" && got.Code != "130300" || got.Name != trimmed(tc.office.Name) {
				t.Errorf("stored office = %+v, %v", got, gerr)
			}
			set, err := st.Settings(context.Background())
			if err != nil || !reflect.DeepEqual(set, app.DefaultSettings()) {
				t.Errorf("settings after SetUp = %+v, %v; want defaults", set, err)
			}
			if len(st.ops) != 1 || st.ops[0].Operator != "李文" || !st.ops[0].At.Equal(svcNow) {
				t.Errorf("ops = %+v", st.ops)
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
	bad := app.DefaultSettings()
	bad.VisitIntervalMonths = 5
	checkRefusal(t, s.SaveSettings(ctx, bad), "VisitIntervalMonths")
	if got, _ := st.Settings(ctx); !reflect.DeepEqual(got, app.DefaultSettings()) {
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
	if len(st.st.enterprises) != 0 {
		t.Fatalf("refused enterprises were saved: %v", st.st.enterprises)
	}
	e := app.Enterprise{Name: " 华为技术有限公司 ", CreditCode: "９１４４０３００１９２２０３８２１６"}
	if err := s.SaveEnterprise(ctx, &e); err != nil {
		t.Fatalf("SaveEnterprise: %v", err)
	}
	if got := st.st.enterprises[e.ID]; got.CreditCode != "914403001922038216" || got.Name != "华为技术有限公司" || got.UpdatedBy != "李文" {
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
			np := app.NewProblem{Problem: newProblem(), First: tc.first}
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
		{"already registered", func(np *app.NewProblem) { np.Problem.ID = "id-99" }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, st := newTestService(t)
			np := app.NewProblem{Problem: newProblem()}
			tc.mod(&np)
			err := s.RegisterProblem(context.Background(), &np)
			if tc.field == "" {
				if err == nil {
					t.Fatal("accepted")
				}
			} else {
				checkRefusal(t, err, tc.field)
			}
			if len(st.st.problems) != 0 || len(st.st.events) != 0 {
				t.Errorf("refused problem saved: %d problems, %d events", len(st.st.problems), len(st.st.events))
			}
		})
	}
}

// A refused registration leaves the form's problem as it was, so the clerk
// can correct it and save again.
func TestServiceRegisterProblemRetryAfterRefusal(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	// The store refuses the second event: the problem itself was saved in
	// the transaction before the failure.
	np := app.NewProblem{Problem: newProblem(), First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "已解决"}}
	np.Problem.Request = "请求协调"
	before := np
	failing := &failingEventStore{memStore: st, failAfter: 1}
	fs := app.NewService(failing, "李文")
	fs.Now = s.Now
	if err := fs.RegisterProblem(ctx, &np); err == nil {
		t.Fatal("RegisterProblem succeeded although the store failed")
	}
	if !reflect.DeepEqual(np, before) {
		t.Errorf("refused RegisterProblem changed the form:\n got %+v\nwant %+v", np.Problem, before.Problem)
	}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatalf("second RegisterProblem: %v", err)
	}
	if len(st.st.problems) != 1 || len(st.st.events) != 2 {
		t.Errorf("after retry: %d problems, %d events; want 1 and 2", len(st.st.problems), len(st.st.events))
	}
}

// failingEventStore is a memStore whose transactions refuse an event after
// failAfter of them were saved.
type failingEventStore struct {
	*memStore
	failAfter int
}

func (f *failingEventStore) Update(ctx context.Context, op app.Op, fn func(app.Tx) error) error {
	return f.memStore.Update(ctx, op, func(tx app.Tx) error {
		return fn(&failingTx{Tx: tx, left: f.failAfter})
	})
}

type failingTx struct {
	app.Tx
	left int
}

func (f *failingTx) SaveEvent(e *app.Event) error {
	if f.left == 0 {
		return errors.New("disk full")
	}
	f.left--
	return f.Tx.SaveEvent(e)
}

func TestServiceAct(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	np := app.NewProblem{Problem: newProblem(), First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: app.D(2026, time.March, 27)}}
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
		{app.Action{Kind: app.ActDeadline, Date: app.D(2026, time.March, 12), Deadline: app.D(2026, time.April, 3), Text: "等待批复"}, app.StatusInProgress, ""},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 13)}, app.StatusInProgress, "Text"},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, time.March, 13), Text: "指标已下达"}, app.StatusDone, ""},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, time.March, 16), Satisfaction: "满意"}, app.StatusFollowedUp, ""},
		{app.Action{Kind: app.ActClose, Date: app.D(2026, time.March, 17)}, app.StatusClosed, ""},
	}
	for i, step := range steps {
		before, _ := st.Problem(ctx, id)
		nEvents := len(st.st.events)
		got, err := s.Act(ctx, id, step.a)
		after, _ := st.Problem(ctx, id)
		if step.field != "" {
			checkRefusal(t, err, step.field)
			if !reflect.DeepEqual(after, before) || len(st.st.events) != nEvents {
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
		evs, _ := st.Events(ctx, id)
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
	np := app.NewProblem{Problem: newProblem(), First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, time.March, 10), LeadDept: "自然资源局", Person: "王伟", Deadline: app.D(2026, time.March, 27)}}
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
	visitDay := app.D(2026, time.March, 6)
	v := app.Visit{Date: visitDay, LeaderID: "l-1", EnterpriseID: "e-7", Mode: "实地", Findings: " 生产正常 "}
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
	if len(st.st.visits) != 0 || len(st.st.problems) != 0 || len(st.st.events) != 0 {
		t.Fatalf("refused visit saved: %d visits, %d problems, %d events", len(st.st.visits), len(st.st.problems), len(st.st.events))
	}
	if v.ID != "" || problems[0].Problem.ID != "" {
		t.Errorf("refused SaveVisit left IDs on the form: visit %q, problem %q", v.ID, problems[0].Problem.ID)
	}

	// The clerk fills in the missing description and saves again.
	problems[1].Problem.Description = "招工难，缺熟练技工"
	if err := s.SaveVisit(ctx, &v, problems); err != nil {
		t.Fatalf("SaveVisit after correction: %v", err)
	}
	if v.ID == "" || v.Findings != "生产正常" || len(st.st.visits) != 1 {
		t.Fatalf("visit = %+v, stored %d", v, len(st.st.visits))
	}
	wantStatus := []app.Status{app.StatusAssigned, app.StatusRegistered}
	for i, np := range problems {
		p, err := st.Problem(ctx, np.Problem.ID)
		if err != nil {
			t.Fatalf("problem %d not stored: %v", i, err)
		}
		if p.Source != "走访" || p.SourceID != v.ID || p.EnterpriseID != "e-7" || !p.Registered.Equal(visitDay) || p.Status != wantStatus[i] {
			t.Errorf("problem %d = %+v", i, p)
		}
		if want := fmt.Sprintf("海港-2026-%04d", i+1); p.Number != want {
			t.Errorf("problem %d number %q, want %q", i, p.Number, want)
		}
	}
	if len(st.st.events) != 3 {
		t.Errorf("%d events, want 3 (登记+交办, 登记)", len(st.st.events))
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
			v := app.Visit{Date: app.DateOf(svcNow), LeaderID: "l-1", EnterpriseID: "e-7", Mode: "电话"}
			tc.mod(&v)
			checkRefusal(t, s.SaveVisit(context.Background(), &v, nil), tc.field)
			if len(st.st.visits) != 0 {
				t.Error("refused visit saved")
			}
		})
	}
}

func TestServiceDeleteProblem(t *testing.T) {
	s, st := newTestService(t)
	ctx := context.Background()
	np := app.NewProblem{Problem: newProblem(), First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, time.March, 9), Text: "已解决"}}
	if err := s.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, app.TableProblems, np.Problem.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := st.Problem(ctx, np.Problem.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted problem still readable: %v", err)
	}
	for _, e := range st.st.events {
		if !e.Deleted {
			t.Errorf("event %s of a deleted problem not deleted", e.Kind)
		}
	}
	if len(st.st.events) != 2 {
		t.Errorf("%d events, want the 2 tombstones", len(st.st.events))
	}
}

func TestServiceToday(t *testing.T) {
	s, _ := newTestService(t)
	if got := s.Today(); !got.Equal(app.D(2026, time.March, 10)) {
		t.Errorf("Today() = %v", got)
	}
}
