package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// registerProblem registers a problem of ent through the service.
func registerProblem(t *testing.T, u *UI, ent app.Enterprise, description string, registered app.Date, first *app.Action) app.Problem {
	t.Helper()
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "用地", Description: description,
		Registered: registered}, First: first}
	if err := u.svc.RegisterProblem(u.ctx, &np); err != nil {
		t.Fatalf("register %s: %v", description, err)
	}
	return np.Problem
}

// ledgerRowOf is the row of the problem with id in the ledger, or -1.
func ledgerRowOf(u *UI, id string) int {
	for i, r := range u.ledger.list {
		if r.id == id {
			return i
		}
	}
	return -1
}

// clickLedgerRow chooses the problem's row as a click would.
func clickLedgerRow(t *testing.T, u *UI, p app.Problem) {
	t.Helper()
	r := ledgerRowOf(u, p.ID)
	if r < 0 {
		t.Fatalf("%s is not listed", p.Number)
	}
	u.ledger.table.table.Select(widget.TableCellID{Row: r, Col: 1})
	if u.ledger.extras() == nil || u.ledger.page.p.ID != p.ID {
		t.Fatalf("clicking %s did not open its page", p.Number)
	}
}

// The ledger's row and count line follow every action taken on the
// problem's page at once, without changing tabs.
func TestLedgerCountsFollowThePage(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	registerProblem(t, u, ent, "环评审批慢", app.D(2026, 11, 2), nil)
	pg := openNewProblem(t, u, ent, "2026-11-20")
	s := u.ledger
	wantCount := func(when, want string) {
		t.Helper()
		if got := s.count.Text; got != want {
			t.Errorf("after %s the count line says %q, want %q", when, got, want)
		}
	}
	wantCount("registering", "共 2 件，在办 2 件，逾期 0 件")
	steps := []struct {
		action app.ActionKind
		fill   func()
		status app.Status
		count  string
	}{
		{app.ActAssign, func() {
			pg.leadDept.SetText("区自然资源和规划局")
			pg.person.SetText("王立新")
			pg.deadline.SetText("2026-12-11")
		}, app.StatusAssigned, "共 2 件，在办 2 件，逾期 0 件"},
		{app.ActFinish, func() { pg.text.SetText("已调剂用地指标12亩") }, app.StatusDone, "共 2 件，在办 1 件，逾期 0 件"},
		{app.ActFollowUp, func() {
			pg.satisfy.SetSelected("满意")
			pg.text.SetText("企业表示满意")
		}, app.StatusFollowedUp, "共 2 件，在办 1 件，逾期 0 件"},
		{app.ActClose, func() {}, app.StatusClosed, "共 2 件，在办 1 件，逾期 0 件"},
	}
	for _, st := range steps {
		test.Tap(button(t, pg.actions.Objects, string(st.action)))
		st.fill()
		pg.doAction()
		if pg.actBox.Visible() {
			t.Fatalf("%s refused: %s%s", st.action, pg.act.general.Text, fieldMessages(pg.act))
		}
		if r := ledgerRowOf(u, pg.p.ID); r < 0 || s.list[r].status != st.status {
			t.Errorf("after %s the row shows %+v", st.action, s.list)
		}
		wantCount(string(st.action), st.count)
	}
}

// When the filters hide the problem whose page is open, the pane goes back
// to its hint; a problem the filters still list stays open.
func TestLedgerPaneLeavesAHiddenProblem(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	land := registerProblem(t, u, ent, "厂区扩建用地指标不足", app.D(2026, 11, 2), nil)
	registerProblem(t, u, ent, "环评审批慢", app.D(2026, 11, 3), nil)
	s := u.ledger
	u.selectTab(s)
	clickLedgerRow(t, u, land)

	test.Type(s.search, "用地")
	if s.extras() == nil || s.page.p.ID != land.ID {
		t.Fatal("a search that still lists the open problem closed its page")
	}
	s.search.SetText("环评")
	if len(s.list) != 1 || s.extras() != nil {
		t.Fatalf("the search lists %d problems, yet the pane still shows %s", len(s.list), s.page.p.Number)
	}
	s.search.SetText("")
	if s.extras() != nil {
		t.Error("clearing the search brought the closed page back")
	}

	clickLedgerRow(t, u, land)
	s.status.SetSelected(string(app.StatusClosed))
	if s.extras() != nil {
		t.Error("the status filter lists no problem, yet the pane shows one")
	}
}

// Every list screen with a form beside it empties the form when its filter
// hides the open record, and keeps it while the record is listed.
func TestListScreensLeaveAHiddenRecord(t *testing.T) {
	u, _ := newTestUI(t)
	ctx := u.ctx
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	leader := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(ctx, &leader); err != nil {
		t.Fatal(err)
	}
	visit := app.Visit{Date: app.D(2026, 11, 20), LeaderID: leader.ID, EnterpriseID: ent.ID, Mode: app.VisitModes[0], Findings: "生产正常"}
	if err := u.svc.SaveVisit(ctx, &visit, nil); err != nil {
		t.Fatal(err)
	}
	meeting := app.Meeting{Kind: app.MeetingOnSite, Format: app.MeetingOnSite.Formats()[0], Date: app.D(2026, 11, 20), Place: "企业会议室", Chair: "李明"}
	if err := u.svc.SaveMeeting(ctx, &meeting, nil); err != nil {
		t.Fatal(err)
	}
	need := app.FinancingNeed{Date: app.D(2026, 11, 20), EnterpriseID: ent.ID, Amount: 8_000_000, Use: "购买原材料", Bank: app.Banks[0]}
	if err := u.svc.SaveFinancingNeed(ctx, &need); err != nil {
		t.Fatal(err)
	}
	loan := app.BridgeLoan{EnterpriseID: ent.ID, Bank: "秦皇岛银行", Original: 5_000_000, OriginalDue: app.D(2026, 12, 5),
		Applied: 5_000_000, AppliedOn: app.D(2026, 11, 25), Commitment: "续贷承诺函", TermDays: 10}
	if err := u.svc.SaveBridgeLoan(ctx, &loan); err != nil {
		t.Fatal(err)
	}
	screens := []struct {
		name  string
		s     screen
		table func() *recordTable
		open  func() string // the ID of the record in the form
		keep  func()        // a filter that still lists it
		hide  func()        // a filter that does not
	}{
		{"重点企业", u.ents, func() *recordTable { return u.ents.table }, func() string { return u.ents.cur.ID },
			func() { u.ents.search.SetText("海鹏") }, func() { u.ents.search.SetText("耀华") }},
		{"联系领导", u.leaders, func() *recordTable { return u.leaders.table }, func() string { return u.leaders.cur.ID },
			func() { u.leaders.search.SetText("张") }, func() { u.leaders.search.SetText("王") }},
		{"走访记录", u.visits, func() *recordTable { return u.visits.table }, func() string { return u.visits.cur.ID },
			func() { u.visits.search.SetText("海鹏") }, func() { u.visits.search.SetText("停产") }},
		{"会议", u.meetings, func() *recordTable { return u.meetings.table }, func() string { return u.meetings.cur.ID },
			func() { u.meetings.kindF.SetSelected(string(app.MeetingOnSite)) }, func() { u.meetings.kindF.SetSelected(string(app.MeetingBank)) }},
		{"融资对接", u.finance, func() *recordTable { return u.finance.table }, func() string { return u.finance.cur.ID },
			func() { u.finance.bankF.SetSelected(app.Banks[0]) }, func() { u.finance.bankF.SetSelected(app.Banks[1]) }},
		{"应急转贷", u.loans, func() *recordTable { return u.loans.table }, func() string { return u.loans.cur.ID },
			func() { u.loans.statusF.SetSelected(string(app.LoanApplied)) }, func() { u.loans.statusF.SetSelected(string(app.LoanPaid)) }},
	}
	for _, c := range screens {
		u.selectTab(c.s)
		c.table().table.Select(widget.TableCellID{Row: 0, Col: 1})
		id := c.open()
		if id == "" {
			t.Errorf("%s: clicking the row opened nothing", c.name)
			continue
		}
		c.keep()
		if c.open() != id {
			t.Errorf("%s: a filter that still lists the open record closed it", c.name)
		}
		c.hide()
		if c.open() != "" {
			t.Errorf("%s: the filter hides the open record, yet the form still holds it", c.name)
		}
	}
}

// A 工作台 line opens its problem in the ledger with its row selected and
// scrolled into view, even when the row is far down the list or the
// ledger's filters hide it.
func TestDashboardSelectsTheLedgerRow(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	late := registerProblem(t, u, ent, "环评审批慢，逾期未办", app.D(2026, 10, 9),
		&app.Action{Kind: app.ActAssign, Date: app.D(2026, 10, 9), LeadDept: "区行政审批局", Person: "孙丽", Deadline: app.D(2026, 10, 30)})
	for i := range 60 { // registered later, so listed above it
		registerProblem(t, u, ent, fmt.Sprintf("第%d个问题", i+1), app.D(2026, 11, 1+i%20), nil)
	}
	s := u.ledger
	var selected []widget.TableCellID
	pick := s.table.table.OnSelected
	s.table.table.OnSelected = func(id widget.TableCellID) {
		selected = append(selected, id)
		pick(id)
	}
	// The ledger was shown before, scrolled to the top and filtered so
	// that the overdue problem is not listed.
	u.selectTab(s)
	if shown := visibleTexts(s.table); strings.Contains(shown, late.Number) {
		t.Fatalf("the test needs %s off screen; the table shows %s", late.Number, shown)
	}
	s.status.SetSelected(string(app.StatusRegistered))
	u.selectTab(u.dash)

	u.dash.reload()
	overdue := u.dash.lists[0]
	if overdue.n() != 1 {
		t.Fatalf("%d overdue problems on the 工作台", overdue.n())
	}
	overdue.list.Select(0)
	if u.current() != s || s.extras() == nil || s.page.p.ID != late.ID {
		t.Fatal("the 工作台 line did not open the problem's page")
	}
	r := ledgerRowOf(u, late.ID)
	if r < 0 {
		t.Fatalf("the ledger does not list %s (status filter %q)", late.Number, s.status.Selected)
	}
	if len(selected) == 0 || selected[len(selected)-1].Row != r {
		t.Errorf("row %d is not selected (selections %v)", r, selected)
	}
	if shown := visibleTexts(s.table); !strings.Contains(shown, late.Number) {
		t.Errorf("the table does not show row %d (%s); it shows %s", r, late.Number, shown)
	}
}

// visibleTexts is the text of every label the table draws.
func visibleTexts(t *recordTable) string {
	var b strings.Builder
	for _, l := range findAll[*widget.Label](t.table) {
		if l.Visible() && l.Text != "" {
			b.WriteString(l.Text + " ")
		}
	}
	return b.String()
}

// overlayLabels is the text of every label in the dialog on top.
func overlayLabels(t *testing.T, u *UI) string {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var b strings.Builder
	for _, l := range findAll[*widget.Label](top) {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// With no PDF viewer (the opener fails) the message says in Chinese where
// the file was saved and offers to open its folder; when the folder cannot
// be opened either, it offers to copy the file's path.
func TestNoViewerOffersTheFolder(t *testing.T) {
	u, _ := newTestUI(t)
	u.printer.dir = filepath.Join(t.TempDir(), "打印 文件")
	var tried []string
	u.printer.open = func(path string) error {
		tried = append(tried, path)
		return &openError{"本机没有安装打开文件用的 xdg-open", errors.New(`exec: "xdg-open": executable file not found in $PATH`)}
	}
	tapButton(t, u.printing.root, "会议签到表")
	path := u.printer.last
	if _, err := os.Stat(path); err != nil || len(tried) != 1 || tried[0] != path {
		t.Fatalf("written %q (%v), tried to open %q", path, err, tried)
	}
	text := overlayLabels(t, u)
	for _, want := range []string{u.printer.dir, filepath.Base(path), "没能用本机的PDF 阅读器打开它", "本机没有安装打开文件用的 xdg-open", "打开文件夹"} {
		if !strings.Contains(text, want) {
			t.Errorf("the message does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "exec:") || strings.Contains(text, "executable file not found") {
		t.Errorf("the message carries the raw error:\n%s", text)
	}
	open := lookButton(u.win.Canvas().Overlays().Top(), "打开文件夹")
	if open == nil {
		t.Fatalf("no 打开文件夹 button:\n%s", text)
	}
	if lookButton(u.win.Canvas().Overlays().Top(), "复制路径") != nil {
		t.Error("复制路径 offered before the folder failed to open")
	}
	test.Tap(open)
	if len(tried) != 2 || tried[1] != u.printer.dir {
		t.Fatalf("打开文件夹 opened %q", tried)
	}
	copyPath := lookButton(u.win.Canvas().Overlays().Top(), "复制路径")
	if copyPath == nil {
		t.Fatalf("the folder could not be opened either, yet no 复制路径:\n%s", overlayLabels(t, u))
	}
	test.Tap(copyPath)
	if got := u.app.Clipboard().Content(); got != path {
		t.Errorf("复制路径 copied %q, want %q", got, path)
	}

	// When the folder opens, the message goes.
	u.printer.open = func(p string) error {
		tried = append(tried, p)
		if p == u.printer.dir {
			return nil
		}
		return errors.New("no viewer")
	}
	u.win.Canvas().Overlays().Top().Hide()
	tapButton(t, u.printing.root, "会议签到表")
	if text := overlayLabels(t, u); strings.Contains(text, "no viewer") {
		t.Errorf("the message carries the raw error:\n%s", text)
	}
	test.Tap(lookButton(u.win.Canvas().Overlays().Top(), "打开文件夹"))
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Error("the message stays after the folder opened")
	}
}

// 打印台账 over many problems asks first, saying how many problems and
// about how many pages, and can print only the open ones.
func TestBigLedgerPrintAsksFirst(t *testing.T) {
	u, st := newTestUI(t)
	opened := printInto(t, u)
	ent := addEnterprise(t, u, "秦皇岛耀华玻璃股份有限公司", 1)
	err := st.Update(u.ctx, app.Op{Operator: "测试员", At: u.svc.Now()}, func(tx app.Tx) error {
		for i := range 230 {
			p := app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "其他", Status: app.StatusRegistered,
				Description: fmt.Sprintf("问题%d：厂区道路需要硬化", i), Registered: today.AddDays(-i % 300)}
			if i%3 != 0 {
				p.Status = app.StatusClosed
			}
			if err := tx.SaveProblem(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	u.selectTab(u.ledger)
	tapButton(t, u.ledger.root, "打印台账")
	if len(*opened) != 0 || u.printer.last != "" {
		t.Fatalf("printed %q without asking", *opened)
	}
	text := overlayLabels(t, u)
	for _, want := range []string{"230 件问题", "页", "在办 77 件"} {
		if !strings.Contains(text, want) {
			t.Errorf("the question does not say %q:\n%s", want, text)
		}
	}
	only := lookButton(u.win.Canvas().Overlays().Top(), "只打印在办的 77 件")
	if only == nil {
		t.Fatalf("no choice of only the open problems:\n%s", text)
	}
	test.Tap(only)
	wantPDF(t, u, *opened, "海港区问题台账（在办）")
	if b, _ := os.ReadFile(u.printer.last); len(b) == 0 {
		t.Error("empty file")
	}

	tapButton(t, u.ledger.root, "打印台账")
	all := findAll[*widget.Button](u.win.Canvas().Overlays().Top())
	var goOn *widget.Button
	for _, b := range all {
		if strings.HasPrefix(b.Text, "全部打印") {
			goOn = b
		}
	}
	if goOn == nil {
		t.Fatal("no choice to print them all")
	}
	test.Tap(goOn)
	wantPDF(t, u, *opened, "海港区问题台账_")
}

// 数据交换 with no other office registered shows the four first steps, each
// with its button; once an office is registered the usual screen returns.
func TestExchangeGuidesANewcomer(t *testing.T) {
	county, _ := newTestUI(t)
	city, _ := newTestUIOf(t, cityOffice)
	s := county.exchange
	county.selectTab(s)
	guide := labelTexts(s.root)
	for _, want := range []string{"第1步", "导出本单位公钥卡", "U盘", "交给市工信局", "第2步", "登记对方公钥卡", "第3步", "指纹", "打电话", "第4步", "导出同步文件",
		"本单位指纹：" + cardOf(t, county).Fingerprint()} {
		if !strings.Contains(guide, want) {
			t.Errorf("the guide does not say %q:\n%s", want, guide)
		}
	}
	for _, b := range []string{"导出本单位公钥卡…", "登记对方公钥卡…", "查看指纹", "导出同步文件…"} {
		if !(lookButton(s.root, b) != nil) {
			t.Errorf("the guide has no button %q", b)
		}
	}
	if strings.Contains(labelTexts(city.exchange.root), "交给市工信局") {
		t.Error("the city is told to give its card to itself")
	}
	city.selectTab(city.exchange)
	if got := labelTexts(city.exchange.root); !strings.Contains(got, "交给各县区") {
		t.Errorf("the city's guide:\n%s", got)
	}

	if err := county.svc.Trust(county.ctx, cardOf(t, city), false); err != nil {
		t.Fatal(err)
	}
	s.reload()
	if got := labelTexts(s.root); strings.Contains(got, "第1步") || !strings.Contains(got, "已登记的单位") {
		t.Errorf("with the city registered the guide stays:\n%s", got)
	}
}
