package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// today is the day every test runs on.
var today = app.D(2026, time.November, 27)

var haigang = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}

// newTestUI opens the window on a new database of 海港区.
func newTestUI(t *testing.T) (*UI, *datatest.Store) {
	t.Helper()
	return newTestUIOf(t, haigang)
}

// newTestUIOf is the window of office o on a new database.
func newTestUIOf(t *testing.T, o app.Office) (*UI, *datatest.Store) {
	t.Helper()
	if err := UseChinese(); err != nil {
		t.Fatal(err)
	}
	st := datatest.New(t)
	svc := newTestService(t, st)
	if err := svc.SetUp(context.Background(), o); err != nil {
		t.Fatalf("set up: %v", err)
	}
	u := New(test.NewTempApp(t), svc)
	if u.tabs == nil {
		t.Fatal("the main window did not open")
	}
	settle(u)
	return u, st
}

// settle makes u ready for a test: the 工作台's first read is done, what a
// screen reads in the background is there when its reload returns, and
// every screen is made (the tests look at screens whose tab was not chosen).
func settle(u *UI) {
	u.WaitReads()
	u.inline = true
	u.buildAll()
}

// testPassword is the password of the 管理员 测试员 of the test databases.
const testPassword = "ceshi-2026"

// newTestService is a service over st signed in as its first 管理员,
// 测试员, made first.
func newTestService(t *testing.T, st app.Store) *app.Service {
	t.Helper()
	svc := newBareService(st)
	if err := svc.AddFirstAdmin(context.Background(), "测试员", testPassword); err != nil {
		t.Fatal(err)
	}
	return svc
}

// newBareService is a service over st, signed in to no account.
func newBareService(st app.Store) *app.Service {
	svc := app.NewService(st, "测试员")
	svc.Now = func() time.Time { return time.Date(2026, time.November, 27, 9, 30, 0, 0, time.Local) }
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	return svc
}

// creditCode is a valid unified social credit code ending in n.
func creditCode(t *testing.T, n int) string {
	t.Helper()
	body := fmt.Sprintf("91130302MA%07d", n)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatalf("check character of %s: %v", body, err)
	}
	return body + string(c)
}

// addEnterprise saves an enterprise through the service.
func addEnterprise(t *testing.T, u *UI, name string, n int) app.Enterprise {
	t.Helper()
	e := app.Enterprise{Name: name, CreditCode: creditCode(t, n), Industry: "玻璃"}
	if err := u.svc.SaveEnterprise(u.ctx, &e); err != nil {
		t.Fatalf("save enterprise %s: %v", name, err)
	}
	return e
}

// enter presses Enter in e, which submits its form.
func enter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// button finds the button labelled text among objs.
func button(t *testing.T, objs []fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func countProblems(t *testing.T, st app.Store) int {
	t.Helper()
	list, err := st.Problems(context.Background(), app.ProblemFilter{})
	if err != nil {
		t.Fatalf("list problems: %v", err)
	}
	return len(list)
}

func TestEnterpriseForm(t *testing.T) {
	u, st := newTestUI(t)
	taken := addEnterprise(t, u, "秦皇岛耀华玻璃股份有限公司", 1)
	s := u.ents
	u.selectTab(s)
	cases := []struct {
		name, code string
		field      string // the field whose message is expected, "" when saved
	}{
		{"", creditCode(t, 2), "Name"},
		{"秦皇岛海鹏机械有限公司", "91130302MA00000021", "CreditCode"},
		{"秦皇岛海鹏机械有限公司", "9113030", "CreditCode"},
		{"秦皇岛海鹏机械有限公司", taken.CreditCode, "CreditCode"},
		{"秦皇岛海鹏机械有限公司", creditCode(t, 2), ""},
	}
	for _, c := range cases {
		s.newRecord()
		test.Type(s.name, c.name)
		s.code.SetText(c.code)
		s.categories.SetSelected([]string{"专精特新"})
		enter(s.code)
		list, err := st.Enterprises(u.ctx, app.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if c.field != "" {
			if msg := s.form.errorText(c.field); msg == "" {
				t.Errorf("%q/%q: no message next to %s", c.name, c.code, c.field)
			}
			if len(list) != 1 {
				t.Errorf("%q/%q: refused, yet %d enterprises stored", c.name, c.code, len(list))
			}
			continue
		}
		if len(list) != 2 {
			t.Fatalf("saved: want 2 enterprises, have %d (%s)", len(list), s.form.errorText("CreditCode"))
		}
		if len(s.list) != 2 || s.cur.ID == "" {
			t.Errorf("after saving the list shows %d and the form holds ID %q", len(s.list), s.cur.ID)
		}
	}
}

// openNewProblem registers a problem through the ledger's form and opens
// its page.
func openNewProblem(t *testing.T, u *UI, ent app.Enterprise, registered string) *problemPage {
	t.Helper()
	u.selectTab(u.ledger)
	u.ledger.newRecord()
	f := u.ledger.create
	test.Type(f.enterprise.entry, ent.Name)
	f.category.SetSelected("用地")
	f.registered.SetText(registered)
	f.description.SetText("厂区扩建用地指标不足，土地手续迟迟未办")
	f.request.SetText("协调增加用地指标")
	u.ledger.saveNew()
	if msg := f.form.general.Text; msg != "" {
		t.Fatalf("register problem: %s", msg)
	}
	pg := u.ledger.page
	if pg.p.ID == "" {
		t.Fatalf("the new problem's page did not open: %v", f.form.errs)
	}
	return pg
}

func TestProblemThroughEveryStatus(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	pg := openNewProblem(t, u, ent, "2026-11-20")
	if pg.p.Status != app.StatusRegistered || pg.p.Number != "海港-2026-0001" {
		t.Fatalf("new problem: status %s number %s", pg.p.Status, pg.p.Number)
	}
	steps := []struct {
		action app.ActionKind
		fill   func()
		want   app.Status
	}{
		{app.ActAssign, func() {
			pg.leadDept.SetText("区自然资源和规划局")
			pg.person.SetText("王立新")
			pg.deadline.SetText("2026-12-11")
		}, app.StatusAssigned},
		{app.ActProgress, func() { pg.text.SetText("已上报市局，等待指标调剂") }, app.StatusInProgress},
		{app.ActDeadline, func() {
			pg.deadline.SetText("2026-12-18")
			pg.approver.SetText("副区长张建国")
			pg.text.SetText("需等市局会议研究")
		}, app.StatusInProgress},
		{app.ActFinish, func() { pg.text.SetText("已调剂用地指标12亩") }, app.StatusDone},
		{app.ActFollowUp, func() {
			pg.satisfy.SetSelected("满意")
			pg.text.SetText("企业表示满意")
		}, app.StatusFollowedUp},
		{app.ActClose, func() {}, app.StatusClosed},
	}
	for i, s := range steps {
		test.Tap(button(t, pg.actions.Objects, string(s.action)))
		if !pg.actBox.Visible() {
			t.Fatalf("%s: the action's form did not open", s.action)
		}
		s.fill()
		pg.doAction()
		if pg.actBox.Visible() {
			t.Fatalf("%s: refused: %v", s.action, pg.act.general.Text+fieldMessages(pg.act))
		}
		stored, err := st.Problem(u.ctx, pg.p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != s.want || pg.p.Status != s.want {
			t.Fatalf("%s: stored %s, page %s, want %s", s.action, stored.Status, pg.p.Status, s.want)
		}
		if got := len(pg.timeline.Objects); got != i+2 {
			t.Errorf("%s: timeline has %d entries, want %d", s.action, got, i+2)
		}
	}
	if len(pg.actions.Objects) != 1 {
		t.Errorf("a closed problem still offers %d actions", len(pg.actions.Objects))
	}
	u.ledger.reload()
	if len(u.ledger.list) != 1 || u.ledger.list[0].status != app.StatusClosed {
		t.Errorf("the ledger lists %+v", u.ledger.list)
	}
}

func fieldMessages(f *fieldForm) string {
	s := ""
	for k, l := range f.errs {
		if l.Text != "" {
			s += " " + k + ": " + l.Text
		}
	}
	return s
}

func TestProblemActionRefusals(t *testing.T) {
	cases := []struct {
		name   string
		before []app.Action // done first, through the service
		action app.ActionKind
		fill   func(pg *problemPage)
		field  string
	}{
		{"deadline before registration", nil, app.ActAssign, func(pg *problemPage) {
			pg.leadDept.SetText("区发改局")
			pg.person.SetText("李明")
			pg.deadline.SetText("2026-11-01")
		}, "Deadline"},
		{"deadline beyond the longest allowed", nil, app.ActAssign, func(pg *problemPage) {
			pg.leadDept.SetText("区发改局")
			pg.person.SetText("李明")
			pg.deadline.SetText("2027-06-01")
		}, "Deadline"},
		{"assigned to nobody", nil, app.ActAssign, func(pg *problemPage) { pg.leadDept.SetText("") }, "LeadDept"},
		{"closed without a result", []app.Action{assign()}, app.ActFinish, func(pg *problemPage) {}, "Text"},
		{"explained without the explanation", nil, app.ActExplain, func(pg *problemPage) {}, "Text"},
		{"date not a date", nil, app.ActOnSpot, func(pg *problemPage) {
			pg.actDate.SetText("2026年13月1日")
			pg.text.SetText("当场协调解决")
		}, "Date"},
		{"follow-up without satisfaction", []app.Action{assign(), finish()}, app.ActFollowUp, func(pg *problemPage) {}, "Satisfaction"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, st := newTestUI(t)
			ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
			pg := openNewProblem(t, u, ent, "2026-11-20")
			for _, a := range c.before {
				if _, err := u.svc.Act(u.ctx, pg.p.ID, a); err != nil {
					t.Fatalf("%s: %v", a.Kind, err)
				}
			}
			pg.load(pg.p.ID)
			before, _ := st.Problem(u.ctx, pg.p.ID)
			ops := len(st.Ops())
			test.Tap(button(t, pg.actions.Objects, string(c.action)))
			c.fill(pg)
			pg.doAction()
			if pg.act.errorText(c.field) == "" {
				t.Errorf("no message next to %s; form says %q%s", c.field, pg.act.general.Text, fieldMessages(pg.act))
			}
			after, _ := st.Problem(u.ctx, pg.p.ID)
			if after.Version != before.Version || len(st.Ops()) != ops {
				t.Errorf("refused, yet saved: version %d → %d", before.Version, after.Version)
			}
		})
	}
}

func assign() app.Action {
	return app.Action{Kind: app.ActAssign, Date: app.D(2026, 11, 23), LeadDept: "区发改局", Person: "李明", Deadline: app.D(2026, 12, 11)}
}

func finish() app.Action {
	return app.Action{Kind: app.ActFinish, Date: app.D(2026, 11, 25), Text: "已解决"}
}

func TestVisitWithProblems(t *testing.T) {
	u, st := newTestUI(t)
	s, ent := startVisit(t, u)
	s.findings.SetText("企业生产正常，订单增长，反映用工和融资困难")
	s.problems.add()
	s.problems.add()
	p1, p2 := s.problems.forms[0], s.problems.forms[1]
	p1.category.SetSelected("用工")
	p1.description.SetText("熟练焊工招不到")
	p1.handling.SetSelected(app.HandleAssign)
	p1.leadDept.SetText("区人社局")
	p1.person.SetText("赵刚")
	p2.category.SetSelected("融资")
	p2.handling.SetSelected(app.HandleOnSpot) // no description, no result: refused

	s.save()
	if p2.form.errorText("Description") == "" {
		t.Errorf("problem 2 has no description, yet no message next to it")
	}
	visits, _ := st.Visits(u.ctx, app.VisitFilter{})
	if len(visits) != 0 || countProblems(t, st) != 0 {
		t.Fatalf("refused, yet %d visits and %d problems stored", len(visits), countProblems(t, st))
	}

	p2.description.SetText("流动资金贷款到期续贷难")
	s.save()
	if msg := p2.form.errorText("Text"); msg == "" {
		t.Errorf("solved on the spot without a result, yet no message next to it")
	}
	p2.text.SetText("当场联系银行，同意续贷")
	s.save()
	visits, _ = st.Visits(u.ctx, app.VisitFilter{})
	if len(visits) != 1 {
		t.Fatalf("want 1 visit, have %d; form: %s%s", len(visits), s.form.general.Text, fieldMessages(p2.form))
	}
	list, _ := st.Problems(u.ctx, app.ProblemFilter{SourceID: visits[0].ID})
	got := map[app.Status]int{}
	for _, p := range list {
		got[p.Status]++
		if p.Source != "走访" || p.EnterpriseID != ent.ID {
			t.Errorf("problem %s: source %s enterprise %s", p.Number, p.Source, p.EnterpriseID)
		}
	}
	if got[app.StatusAssigned] != 1 || got[app.StatusDone] != 1 {
		t.Errorf("problems by status: %v", got)
	}
	if len(s.raised) != 2 || len(s.problems.forms) != 0 {
		t.Errorf("after saving the visit shows %d raised problems and %d empty forms", len(s.raised), len(s.problems.forms))
	}
}

func TestSaveFailureKeepsForm(t *testing.T) {
	u, st := newTestUI(t)
	s := u.ents
	s.newRecord()
	s.name.SetText("秦皇岛海鹏机械有限公司")
	s.code.SetText(creditCode(t, 5))
	st.FailNextUpdate(fmt.Errorf("disk full"))
	s.save()
	if s.form.general.Text == "" {
		t.Error("the failed save shows no message")
	}
	if list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Errorf("failed save kept %d enterprises", len(list))
	}
	s.save()
	if list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{}); len(list) != 1 || s.name.Text == "" {
		t.Errorf("saving again: %d enterprises, form name %q", len(list), s.name.Text)
	}
}

// The first start sets up the office and its first 管理员: a short
// password or two that differ are refused before anything is saved.
func TestSetupForm(t *testing.T) {
	st := datatest.New(t)
	svc := newBareService(st)
	u := New(test.NewTempApp(t), svc)
	if u.tabs != nil {
		t.Fatal("the main window opened before the office was set up")
	}
	// Read the setup form's widgets from the window.
	form := findAll[*widget.Select](u.win.Content())
	if len(form) != 1 {
		t.Fatalf("want 1 office select, found %d", len(form))
	}
	form[0].SetSelected("130303 山海关区")
	entries := findAll[*widget.Entry](u.win.Content())
	if len(entries) != 4 || entries[0].Text != "山海关区" {
		t.Fatalf("entries %d, name %q", len(entries), entries[0].Text)
	}
	name, pass, again := entries[1], entries[2], entries[3]
	for _, c := range []struct{ name, pass, again, want string }{
		{"", "liufang-1", "liufang-1", "请填写账号"},
		{"刘芳", "123", "123", "密码至少6位"},
		{"刘芳", "liufang-1", "liufang-2", "两次输入的密码不一样"},
	} {
		name.SetText(c.name)
		pass.SetText(c.pass)
		again.SetText(c.again)
		enter(again)
		if u.tabs != nil {
			t.Fatalf("set up with %+v", c)
		}
		if !strings.Contains(labelTexts(u.win.Content()), c.want) {
			t.Errorf("%+v: the form does not say %q:\n%s", c, c.want, labelTexts(u.win.Content()))
		}
		if _, err := st.Office(u.ctx); !errors.Is(err, app.ErrNotSetUp) {
			t.Fatalf("%+v: a refused form set the office up", c)
		}
	}
	again.SetText("liufang-1")
	enter(again)
	if u.tabs == nil {
		t.Fatal("the main window did not open after the setup")
	}
	o, err := st.Office(u.ctx)
	if err != nil || o.Code != "130303" || o.Role != app.RoleCounty || svc.Operator != "刘芳" {
		t.Errorf("office %+v, operator %q, err %v", o, svc.Operator, err)
	}
	if a, err := st.Account(u.ctx, "刘芳"); err != nil || a.Access != app.AccessAdmin || !app.CheckPassword(a.Hash, "liufang-1") {
		t.Errorf("account %+v, %v; want 刘芳, 管理员, her password", a, err)
	}
}

// shownAll lists the objects of type T in o's tree that are shown (not
// hidden, nor inside something hidden).
func shownAll[T fyne.CanvasObject](o fyne.CanvasObject) []T { return collect[T](o, true) }

// labelTexts is the text of every label shown under o, a line each.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, l := range shownAll[*widget.Label](o) {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// lookButton is the button labelled text shown under o, or nil.
func lookButton(o fyne.CanvasObject, text string) *widget.Button {
	for _, b := range shownAll[*widget.Button](o) {
		if b.Text == text {
			return b
		}
	}
	return nil
}

// shownButton is the button labelled text shown under o; the test stops
// if there is none.
func shownButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b := lookButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// findAll lists the objects of type T in o's tree.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T { return collect[T](o, false) }

// collect lists the objects of type T in o's tree, leaving out hidden
// ones and what is inside them when shown is true.
func collect[T fyne.CanvasObject](o fyne.CanvasObject, shown bool) []T {
	var out []T
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || shown && !o.Visible() {
			return
		}
		if t, ok := o.(T); ok {
			out = append(out, t)
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, x := range c.Objects {
				walk(x)
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(c).Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	return out
}

func TestDashboardOpensRecords(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	np := app.NewProblem{
		Problem: app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "审批", Description: "环评审批慢", Registered: app.D(2026, 10, 9)},
		First:   &app.Action{Kind: app.ActAssign, Date: app.D(2026, 10, 9), LeadDept: "区行政审批局", Person: "孙丽", Deadline: app.D(2026, 10, 30)},
	}
	if err := u.svc.RegisterProblem(u.ctx, &np); err != nil {
		t.Fatal(err)
	}
	idle := app.Leader{Name: "陈志强", Post: "区人大常委会副主任", Level: app.LevelCounty, Body: "人大"}
	if err := u.svc.SaveLeader(u.ctx, &idle); err != nil {
		t.Fatal(err)
	}
	d := u.dash
	d.reload()
	overdue, leaders := d.lists[0], d.lists[4]
	if overdue.n() != 1 || leaders.n() != 1 {
		t.Fatalf("dashboard: %d overdue, %d idle leaders", overdue.n(), leaders.n())
	}
	overdue.list.Select(0)
	if u.current() != u.ledger || u.ledger.page.p.ID != np.Problem.ID {
		t.Errorf("clicking the overdue problem did not open its page")
	}
	leaders.list.Select(0)
	if u.current() != u.leaders || u.leaders.cur.ID != idle.ID {
		t.Errorf("clicking the idle leader did not open the leader")
	}
}

func TestLedgerReadsEveryPage(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	const n = ledgerFirstPage + ledgerPage + 7 // three pages
	err := st.Update(u.ctx, app.Op{Operator: "测试员", At: time.Now()}, func(tx app.Tx) error {
		for i := range n {
			p := app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "其他", Status: app.StatusRegistered,
				Description: fmt.Sprintf("问题%d", i), Registered: today.AddDays(-i % 300)}
			if err := tx.SaveProblem(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The test driver runs fyne.DoAndWait on the calling goroutine; a lock
	// stands in for the real driver's single UI goroutine.
	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	u.selectTab(u.ledger)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var rows int
		var loading bool
		u.do(func() { rows, loading = len(u.ledger.list), u.ledger.loading })
		if !loading && rows == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s the ledger holds %d of %d rows (loading %v)", rows, n, loading)
		}
		time.Sleep(10 * time.Millisecond)
	}
	seen := map[string]bool{}
	for _, r := range u.ledger.list {
		if seen[r.id] {
			t.Fatalf("problem %s listed twice", r.number)
		}
		seen[r.id] = true
	}
	if got := u.ledger.count.Text; got != fmt.Sprintf("共 %d 件，在办 %d 件，逾期 0 件", n, n) {
		t.Errorf("count line %q", got)
	}
}
