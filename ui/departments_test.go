package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

// The directory of 设置: a department added, found by its short name,
// and a 交办 on the problem's page offered it; a name typed anew there
// joins the directory.
func TestDepartmentsDirectory(t *testing.T) {
	u, _ := newTestUI(t)
	s := newDepartmentsView(u)
	s.reload()
	// The dialog is at most 960×600 and 40 less than the window each way:
	// its content, with the dialog's title and button, fits 1024×768.
	m := s.root.MinSize()
	t.Logf("the directory asks for %.0f×%.0f", m.Width, m.Height)
	if m.Width > 900 || m.Height > 540 {
		t.Errorf("the directory asks for %.0f×%.0f", m.Width, m.Height)
	}
	s.name.SetText("海港区自然资源和规划局")
	s.short.SetText("区自然资源局")
	s.saveRecord()
	if msg := s.form.errorText("Name"); msg != "" || s.cur.ID == "" {
		t.Fatalf("save: %q", msg)
	}
	s.search.SetText("自然资源局")
	if len(s.list) != 1 || s.list[0].Name != "海港区自然资源和规划局" || s.count.Text != "共 1 个" {
		t.Errorf("listed %+v, %q", s.list, s.count.Text)
	}
	s.edit(app.Department{})
	s.name.SetText("海港区自然资源和规划局")
	s.saveRecord()
	if msg := s.form.errorText("Name"); !strings.Contains(msg, "已有") {
		t.Errorf("a second department of the same name: %q", msg)
	}

	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	pg := openNewProblem(t, u, ent, "2026-11-20")
	test.Tap(button(t, pg.actions.Objects, string(app.ActAssign)))
	if !slices.Contains(pg.depts, "海港区自然资源和规划局") {
		t.Errorf("the 交办 form offers %v", pg.depts)
	}
	pg.leadDept.SetText("海港区行政审批局")
	pg.person.SetText("孙丽")
	pg.deadline.SetText("2026-12-11")
	pg.doAction()
	if pg.actBox.Visible() {
		t.Fatalf("交办 refused: %s%s", pg.act.general.Text, fieldMessages(pg.act))
	}
	if got := u.departmentChoices(); !slices.Equal(got, []string{"海港区自然资源和规划局", "海港区行政审批局"}) {
		t.Errorf("the directory after 交办 to a new name: %v", got)
	}
}

// With 交办后须责任单位签收 set in 设置, a 交办 problem offers 签收 and
// 退回 only; a 签收 by another department is refused on the form.
func TestProblemPageReceipt(t *testing.T) {
	u, _ := newTestUI(t)
	u.selectTab(u.settings)
	u.settings.reload()
	test.Tap(u.settings.receipt)
	u.settings.save()
	if st, err := u.svc.Settings(u.ctx); err != nil || !st.DeptReceipt {
		t.Fatalf("the setting was not saved: %+v %v", st, err)
	}
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	p := registerProblem(t, u, ent, "环评审批慢", app.D(2026, 11, 20),
		&app.Action{Kind: app.ActAssign, Date: app.D(2026, 11, 20), LeadDept: "区行政审批局", Person: "孙丽", Deadline: app.D(2026, 12, 11)})
	u.selectTab(u.ledger)
	u.ledger.reload()
	clickLedgerRow(t, u, p)
	pg := u.ledger.page
	var shown []string
	for _, k := range []app.ActionKind{app.ActReceive, app.ActReturn} {
		shown = append(shown, button(t, pg.actions.Objects, string(k)).Text)
	}
	if len(pg.actions.Objects) != 2 {
		t.Errorf("a 交办 problem offers %d actions, want 签收 and 退回: %v", len(pg.actions.Objects), shown)
	}
	test.Tap(button(t, pg.actions.Objects, string(app.ActReceive)))
	if pg.leadDept.Text != "区行政审批局" || pg.act.labels["LeadDept"].Text != "签收单位" {
		t.Errorf("the 签收 form: %q labelled %q", pg.leadDept.Text, pg.act.labels["LeadDept"].Text)
	}
	pg.leadDept.SetText("区住建局")
	pg.doAction()
	if msg := pg.act.errorText("LeadDept"); !strings.Contains(msg, "签收单位与交办的牵头单位不一致") {
		t.Errorf("签收 by another department: %q", msg)
	}
	if got, _ := u.svc.Problem(u.ctx, p.ID); got.Status != app.StatusAssigned {
		t.Errorf("after the refused 签收: %s", got.Status)
	}
	pg.leadDept.SetText("区行政审批局")
	pg.doAction()
	if got, _ := u.svc.Problem(u.ctx, p.ID); got.Status != app.StatusInProgress {
		t.Errorf("after 签收: %s (%s)", got.Status, fieldMessages(pg.act))
	}
}

// The 工作台 shows each department's figures.
func TestDashboardDepartments(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	registerProblem(t, u, ent, "环评审批慢", app.D(2026, 10, 9),
		&app.Action{Kind: app.ActAssign, Date: app.D(2026, 10, 9), LeadDept: "区行政审批局", Person: "孙丽", Deadline: app.D(2026, 10, 30)})
	registerProblem(t, u, ent, "用地指标不足", app.D(2026, 11, 2), nil)
	d := u.dash
	d.reload()
	l := d.lists[7]
	if l.n() != 1 || !strings.HasPrefix(l.head.Text, "各责任单位办理情况（1）") {
		t.Fatalf("the departments' card: %q with %d lines", l.head.Text, l.n())
	}
	if got := l.text(0); got != "区行政审批局  交办 1  按时办结 0  逾期 1" {
		t.Errorf("the department's line: %q", got)
	}
	if !inWindow(u, l.card) {
		t.Error("the departments' card is not on the 工作台")
	}
}
