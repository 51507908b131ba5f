package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// longName is an enterprise name as long as real ones get.
const longName = "秦皇岛市海港区经济技术开发区北戴河新区耀华玻璃制品股份有限公司"

// newLayoutUI is the window of office o with the program's own theme and
// font (so text is measured as on a PC), at its default size, with a few
// records of every kind, some with long names.
func newLayoutUI(t *testing.T, o app.Office) *UI {
	t.Helper()
	st := datatest.New(t)
	svc := newTestService(t, st)
	if err := svc.SetUp(context.Background(), o); err != nil {
		t.Fatalf("set up: %v", err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(false, false))
	u := New(a, svc)
	settle(u)
	if got := u.win.Canvas().Size(); got != defaultWindowSize {
		t.Errorf("the window opens at %v, not %v", got, defaultWindowSize)
	}
	ent := addEnterprise(t, u, longName, 7)
	addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 8)
	l := app.Leader{Name: "欧阳建国", Post: "区委常委、常务副区长（分管工业和信息化）", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(u.ctx, &l); err != nil {
		t.Fatal(err)
	}
	np := app.NewProblem{
		Problem: app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "审批",
			Description: strings.Repeat("环评审批手续办理时间长，影响新生产线按期投产。", 4), Registered: app.D(2026, 10, 9)},
		First: &app.Action{Kind: app.ActAssign, Date: app.D(2026, 10, 9), LeadDept: "秦皇岛市海港区行政审批局（营商环境建设局）",
			SupportDepts: "区生态环境分局、区发展和改革局、区自然资源和规划局", Person: "孙丽", Deadline: app.D(2026, 10, 30)},
	}
	if o.Role == app.RoleCounty {
		if err := u.svc.RegisterProblem(u.ctx, &np); err != nil {
			t.Fatal(err)
		}
		settings, _ := st.Settings(u.ctx)
		settings.FundSize = 10_000_000
		if err := u.svc.SaveSettings(u.ctx, settings); err != nil {
			t.Fatal(err)
		}
		loan := app.BridgeLoan{EnterpriseID: ent.ID, Bank: "中国邮政储蓄银行秦皇岛分行", Original: 5_000_000,
			OriginalDue: app.D(2026, 11, 30), Applied: 5_000_000, AppliedOn: app.D(2026, 11, 20)}
		if err := u.svc.SaveBridgeLoan(u.ctx, &loan); err != nil {
			t.Fatal(err)
		}
		m := app.Meeting{Kind: app.MeetingBank, Format: app.MeetingBank.Formats()[0], Date: app.D(2026, 11, 3), Place: "区政府三楼会议室", Chair: "副区长张建国", Minutes: "研究企业融资需求"}
		if err := u.svc.SaveMeeting(u.ctx, &m, nil); err != nil {
			t.Fatal(err)
		}
	}
	u.reloadAll()
	return u
}

// layOut lays the window's content out again from the top, as the real
// driver does after a change of minimum size; twice, so that wrapped
// text and wrapped button rows settle at their width.
func layOut(u *UI) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *fyne.Container:
			if c.Layout != nil {
				c.Layout.Layout(c.Objects, c.Size())
			}
			for _, x := range c.Objects {
				walk(x)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(c)
			r.Layout(c.Size())
			for _, x := range r.Objects() {
				walk(x)
			}
		}
	}
	for range 2 {
		size := u.win.Canvas().Size()
		c := u.win.Content()
		if u.win.Padded() {
			size = size.Subtract(fyne.NewSquareSize(2 * theme.Padding()))
		}
		c.Resize(size)
		walk(c)
	}
}

// windowMin is the least size the window's content asks for: what Fyne
// grows the window to.
func windowMin(u *UI) fyne.Size {
	m := u.win.Content().MinSize()
	if u.win.Padded() {
		m = m.Add(fyne.NewSquareSize(2 * theme.Padding()))
	}
	return m
}

// placed is where an object is drawn in the window: its rectangle and the
// part of the window it may show in (the viewports of the scrolls around
// it), and whether it and everything around it is visible.
type placed struct {
	pos, size        fyne.Position
	clipPos, clipEnd fyne.Position
	visible          bool
}

// place finds obj in the window's content.
func place(u *UI, obj fyne.CanvasObject) (placed, bool) {
	var found placed
	ok := false
	var walk func(o fyne.CanvasObject, at, clipPos, clipEnd fyne.Position, visible bool)
	walk = func(o fyne.CanvasObject, at, clipPos, clipEnd fyne.Position, visible bool) {
		if ok {
			return
		}
		visible = visible && o.Visible()
		pos := at.Add(o.Position())
		if o == obj {
			found = placed{pos: pos, size: fyne.NewPos(o.Size().Width, o.Size().Height), clipPos: clipPos, clipEnd: clipEnd, visible: visible}
			ok = true
			return
		}
		if _, scroll := o.(*container.Scroll); scroll {
			end := pos.Add(fyne.NewPos(o.Size().Width, o.Size().Height))
			clipPos = fyne.NewPos(max(clipPos.X, pos.X), max(clipPos.Y, pos.Y))
			clipEnd = fyne.NewPos(min(clipEnd.X, end.X), min(clipEnd.Y, end.Y))
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, x := range c.Objects {
				walk(x, pos, clipPos, clipEnd, visible)
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(c).Objects() {
				walk(x, pos, clipPos, clipEnd, visible)
			}
		}
	}
	size := u.win.Canvas().Size()
	walk(u.win.Content(), fyne.NewPos(0, 0), fyne.NewPos(0, 0), fyne.NewPos(size.Width, size.Height), true)
	return found, ok
}

// inSight says why obj cannot be seen whole in the window without
// scrolling, "" when it can.
func inSight(u *UI, obj fyne.CanvasObject) string {
	p, ok := place(u, obj)
	switch {
	case !ok:
		return "not in the window"
	case !p.visible:
		return "hidden"
	case p.size.X <= 0 || p.size.Y <= 0:
		return "of no size"
	}
	end := p.pos.Add(p.size)
	if p.pos.X < p.clipPos.X-0.5 || p.pos.Y < p.clipPos.Y-0.5 || end.X > p.clipEnd.X+0.5 || end.Y > p.clipEnd.Y+0.5 {
		return fmt.Sprintf("at %v–%v, outside the visible %v–%v", p.pos, end, p.clipPos, p.clipEnd)
	}
	return ""
}

// shownButton is the visible button labelled text in o.

// layoutState is one state of the window: a tab, a form in it, a choice
// made; set puts the window in it and returns the buttons that must be in
// sight.
type layoutState struct {
	name string
	set  func(t *testing.T, u *UI) []*widget.Button
}

// tabStates are the states of showing each tab.
func tabStates(u *UI) []layoutState {
	var out []layoutState
	for _, ti := range u.tabs.Items {
		ti := ti
		out = append(out, layoutState{"tab " + ti.Text, func(*testing.T, *UI) []*widget.Button {
			u.tabs.Select(ti)
			return nil
		}})
	}
	return out
}

// countyStates are the forms of a county's screens, in each of their
// states.
var countyStates = []layoutState{
	{"new enterprise", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ents)
		u.ents.newRecord()
		return []*widget.Button{shownButton(t, u.ents.root, "保存")}
	}},
	{"enterprise with a long name", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ents)
		u.ents.table.pick(0)
		return []*widget.Button{shownButton(t, u.ents.root, "保存"), shownButton(t, u.ents.root, "删除")}
	}},
	{"leader", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.leaders)
		u.leaders.table.pick(0)
		return []*widget.Button{shownButton(t, u.leaders.root, "保存")}
	}},
	{"leader's enterprises", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.leaders)
		u.leaders.table.pick(0)
		u.leaders.tabs.SelectIndex(1)
		return []*widget.Button{shownButton(t, u.leaders.root, "保存分包")}
	}},
	{"new visit with problems", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.visits)
		s := u.visits
		s.newRecord()
		s.enterprise.SetText(longName)
		s.findings.SetText(strings.Repeat("企业生产经营正常，订单饱满。", 10))
		for _, h := range []string{app.HandleAssign, app.HandleExplain, app.HandleOnSpot} {
			s.problems.add()
			s.problems.forms[len(s.problems.forms)-1].handling.SetSelected(h)
		}
		return []*widget.Button{shownButton(t, s.root, "保存走访记录")}
	}},
	{"new problem", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ledger)
		u.ledger.newRecord()
		return []*widget.Button{shownButton(t, u.ledger.newPane, "登记问题")}
	}},
	{"new problem 当场解决", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ledger)
		u.ledger.newRecord()
		u.ledger.create.handling.SetSelected(app.HandleOnSpot)
		return []*widget.Button{shownButton(t, u.ledger.newPane, "登记问题")}
	}},
	{"new problem 交办", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ledger)
		u.ledger.newRecord()
		u.ledger.create.enterprise.SetText(longName)
		u.ledger.create.handling.SetSelected(app.HandleAssign)
		u.ledger.create.leadDept.SetText("秦皇岛市海港区行政审批局（营商环境建设局）")
		return []*widget.Button{shownButton(t, u.ledger.newPane, "登记问题")}
	}},
	{"new problem 依法不能办理", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ledger)
		u.ledger.newRecord()
		u.ledger.create.handling.SetSelected(app.HandleExplain)
		return []*widget.Button{shownButton(t, u.ledger.newPane, "登记问题")}
	}},
	{"problem page", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.ledger)
		u.ledger.table.pick(0)
		return []*widget.Button{shownButton(t, u.ledger.page.root, "保存登记信息")}
	}},
	{"problem page 办理进展", func(t *testing.T, u *UI) []*widget.Button {
		return problemAction(t, u, app.ActProgress)
	}},
	{"problem page 调整时限", func(t *testing.T, u *UI) []*widget.Button {
		return problemAction(t, u, app.ActDeadline)
	}},
	{"problem page 办结", func(t *testing.T, u *UI) []*widget.Button {
		return problemAction(t, u, app.ActFinish)
	}},
	{"new meeting with rows and problems", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.meetings)
		s := u.meetings
		s.newRecord()
		s.kind.SetSelected(string(app.MeetingOnSite))
		s.enterprise.SetText(longName)
		for range 3 {
			s.attendees.add(app.Attendee{Name: "秦皇岛市海港区行政审批局（营商环境建设局）"})
			s.decisions.add(app.Decision{Text: "协调解决企业用地指标", Unit: "区自然资源和规划局"})
		}
		s.problems.add()
		s.problems.forms[0].handling.SetSelected(app.HandleAssign)
		return []*widget.Button{shownButton(t, s.root, "保存会议")}
	}},
	{"plan meeting with invitees", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.meetings)
		s := u.meetings
		s.newPlan()
		s.place.SetText(longName)
		for range 4 {
			s.plan.invitees.add(app.Attendee{Kind: "部门", Name: "秦皇岛市海港区行政审批局（营商环境建设局）"})
		}
		return []*widget.Button{shownButton(t, s.root, "保存会议")}
	}},
	{"meeting calendar", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.meetings)
		u.meetings.tabs.SelectIndex(1)
		return nil
	}},
	{"new financing need", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.finance)
		u.finance.newRecord()
		return []*widget.Button{shownButton(t, u.finance.root, "保存")}
	}},
	{"financing need lent", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.finance)
		u.finance.newRecord()
		u.finance.enterprise.SetText(longName)
		u.finance.status.SetSelected(app.NeedLent)
		return []*widget.Button{shownButton(t, u.finance.root, "保存")}
	}},
	{"financing need refused", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.finance)
		u.finance.newRecord()
		u.finance.status.SetSelected(app.NeedRefused)
		return []*widget.Button{shownButton(t, u.finance.root, "保存")}
	}},
	{"financing totals", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.finance)
		u.finance.tabs.SelectIndex(1)
		return nil
	}},
	{"new bridge loan", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.loans)
		u.loans.newRecord()
		return []*widget.Button{shownButton(t, u.loans.root, "保存申请")}
	}},
	{"bridge loan 审核", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.loans)
		u.loans.table.pick(0)
		test.Tap(shownButton(t, u.loans.root, string(app.LoanActReview)))
		return []*widget.Button{shownButton(t, u.loans.root, "确定")}
	}},
	{"new application to the city fund", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.loans)
		u.loans.edit(app.BridgeLoan{AppliedOn: today, CityFund: true})
		u.loans.appCommit.SetText(strings.Repeat("中国邮政储蓄银行秦皇岛分行续贷承诺函", 3))
		return []*widget.Button{shownButton(t, u.loans.root, "保存申请")}
	}},
	{"city fund decision", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.loans)
		u.loans.edit(app.BridgeLoan{Meta: app.Meta{ID: "00000000-0000-4000-8000-000000000001", Office: "130303"}, CityFund: true,
			EnterpriseName: longName, Bank: "中国邮政储蓄银行秦皇岛分行", Original: 5_000_000, Applied: 5_000_000, AppliedOn: today,
			Commitment: strings.Repeat("中国邮政储蓄银行秦皇岛分行续贷承诺函", 3), TermDays: 15, Status: app.LoanApplied})
		u.loans.startAction(app.LoanActRefuse)
		u.loans.reason.SetText(strings.Repeat("原贷款已展期，不属于到期续贷。", 5))
		return []*widget.Button{shownButton(t, u.loans.root, "确定")}
	}},
	{"fund ledger", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.loans)
		u.loans.tabs.SelectIndex(1)
		return nil
	}},
	{"settings", func(t *testing.T, u *UI) []*widget.Button {
		u.selectTab(u.settings)
		return []*widget.Button{shownButton(t, u.settings.root, "保存设置")}
	}},
	{"enterprise with records of every kind (一企一档)", func(t *testing.T, u *UI) []*widget.Button {
		d := datatest.FillEnterprise(t, u.svc, "秦皇岛市海港区经济技术开发区港机重工装备制造股份有限公司", 9)
		u.selectTab(u.ents)
		u.ents.reload()
		for i, e := range u.ents.list {
			if e.ID == d.Enterprise.ID {
				u.ents.table.pick(i)
			}
		}
		if u.ents.cur.ID != d.Enterprise.ID || !u.ents.profile.root.Visible() {
			t.Fatal("the enterprise's page with its profile is not shown")
		}
		return []*widget.Button{shownButton(t, u.ents.root, "保存"), shownButton(t, u.ents.root, "打印企业档案")}
	}},
}

// problemAction opens the ledger's first problem and starts action k.
func problemAction(t *testing.T, u *UI, k app.ActionKind) []*widget.Button {
	t.Helper()
	u.selectTab(u.ledger)
	u.ledger.table.pick(0)
	pg := u.ledger.page
	test.Tap(button(t, pg.actions.Objects, string(k)))
	pg.text.SetText(strings.Repeat("已与企业对接，正在协调。", 8))
	return []*widget.Button{shownButton(t, pg.root, "确定"), shownButton(t, pg.root, "取消")}
}

// At 1024×768 the window must fit the screen in every state: Fyne grows a
// window to its content's minimum size, so no screen, form or choice may
// ask for more than maxContentSize; and each form's buttons must be in
// sight at the default size, not below the fold.
func TestWindowFitsTheScreen(t *testing.T) {
	for _, o := range []app.Office{haigang, cityOffice} {
		u := newLayoutUI(t, o)
		states := tabStates(u)
		if o.Role == app.RoleCounty {
			states = append(states, countyStates...)
		}
		for _, s := range states {
			t.Run(o.Name+" "+s.name, func(t *testing.T) {
				btns := s.set(t, u)
				layOut(u)
				if m := windowMin(u); m.Width > maxContentSize.Width || m.Height > maxContentSize.Height {
					t.Errorf("the window asks for %.0f×%.0f, more than %.0f×%.0f", m.Width, m.Height, maxContentSize.Width, maxContentSize.Height)
				}
				if got := u.win.Canvas().Size(); got != defaultWindowSize {
					t.Errorf("the window is %v, not %v", got, defaultWindowSize)
				}
				for _, b := range btns {
					if why := inSight(u, b); why != "" {
						t.Errorf("button %q: %s", b.Text, why)
					}
				}
			})
		}
	}
}

// The ledger's key columns, the number and the status with the days
// overdue, stay in sight at the default size, with or without a problem
// open beside the table; with none open the table has the whole width.
func TestLedgerKeyColumns(t *testing.T) {
	u := newLayoutUI(t, haigang)
	s := u.ledger
	u.selectTab(s)
	check := func(when string) {
		t.Helper()
		layOut(u)
		tw := s.table.Size().Width
		if why := inSight(u, s.table); why != "" {
			t.Fatalf("%s: the table is %s", when, why)
		}
		var x float32
		for i, w := range s.table.widths {
			x += w + theme.Padding()
			if (i == 0 || i == ledgerStatusColumn) && x > tw {
				t.Errorf("%s: column %q ends at %.0f, beyond the table's width %.0f", when, s.table.cols[i].title, x, tw)
			}
		}
		if s.table.widths[ledgerStatusColumn] < s.table.cols[ledgerStatusColumn].width {
			t.Errorf("%s: the status column shrank to %.0f", when, s.table.widths[ledgerStatusColumn])
		}
	}
	check("nothing open")
	if s.right.Visible() {
		t.Error("with no problem open, the pane beside the table is shown")
	}
	if w := s.table.Size().Width; w < 0.9*defaultWindowSize.Width-200 {
		t.Errorf("with no problem open the table is only %.0f wide", w)
	}
	s.table.pick(0)
	check("a problem open")
	s.newRecord()
	check("the new problem form open")
	text, imp := s.table.cell(0, ledgerStatusColumn)
	if text != "交办（逾期28天）" || imp != widget.DangerImportance {
		t.Errorf("the status cell of an overdue problem reads %q (%v)", text, imp)
	}
	for col, long := range map[int]string{0: "山海关-2026-0001", ledgerStatusColumn: "办理中（逾期365天）"} {
		if w := widget.NewLabel(long).MinSize().Width + theme.Padding(); w > s.table.widths[col] { // the truncation needs a little room
			t.Errorf("%q needs %.0f, more than its column's %.0f", long, w, s.table.widths[col])
		}
	}
}

// A table too narrow for all its columns keeps its key columns whole,
// shows as many of the others as fit at a readable width, and leaves the
// rest to the right, a scroll away; with room to spare, every column
// grows.
func TestColumnWidths(t *testing.T) {
	test.NewTempApp(t)
	cols := []column{{"编号", 120}, {"状态", 150}, {"企业", 150}, {"类别", 50}, {"问题描述", 180}, {"牵头责任单位", 120}}
	tb := newRecordTable(cols, func() int { return 0 }, func(int, int) (string, widget.Importance) { return "", 0 }, nil).keep(0, 1)
	sep := theme.Padding() * float32(len(cols)+1)
	cases := []struct {
		width float32
		want  []float32
	}{
		{770 + sep, []float32{120, 150, 150, 50, 180, 120}},
		{1270 + sep, []float32{120, 150, 300, 100, 360, 240}},
		{270 + 250 + sep, []float32{120, 150, 80 + 15, 50 + 5, 80 + 18, 80}}, // 40 to spare, 150:50:180
		{270 + 40 + sep, []float32{120, 150, 80, 50, 80, 80}},
	}
	for _, c := range cases {
		got := tb.columnWidths(c.width)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("at %.0f: widths %v, want %v", c.width, got, c.want)
		}
	}
}
