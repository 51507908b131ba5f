package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// leadersScreen (联系领导与分包) lists the leaders; for the chosen leader it
// edits the leader and the enterprises the leader looks after (分包关系).
type leadersScreen struct {
	u      *UI
	list   []app.Leader
	search *widget.Entry
	table  *recordTable
	count  *widget.Label
	tabs   *tabs

	cur     app.Leader
	heading *widget.Label
	form    *fieldForm
	name    *widget.Entry
	post    *widget.Entry
	level   *widget.RadioGroup
	body    *widget.Select
	phone   *widget.Entry
	del     *widget.Button

	assigns    []app.Assignment
	aTable     *recordTable
	aTab       *container.TabItem
	aCur       app.Assignment
	aHeading   *widget.Label
	aForm      *fieldForm
	enterprise *picker
	liaison    *widget.Entry
	lPhone     *widget.Entry
	leadDept   *widget.Entry
	support    *widget.Entry
	from, to   *widget.Entry
	aDel       *widget.Button

	root fyne.CanvasObject
}

func newLeadersScreen(u *UI) *leadersScreen {
	s := &leadersScreen{u: u, count: widget.NewLabel("")}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按姓名查找（Ctrl+F）")
	s.search.OnChanged = func(string) { s.reload() }
	s.table = newRecordTable(
		[]column{{"姓名", 90}, {"职务", 150}, {"级别", 60}, {"班子", 60}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			l := s.list[r]
			return [...]string{l.Name, l.Post, string(l.Level), l.Body}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) })

	s.heading = sectionTitle("")
	s.name = widget.NewEntry()
	s.post = widget.NewEntry()
	s.post.SetPlaceHolder("例如 副区长")
	s.level = widget.NewRadioGroup(app.Levels, nil)
	s.level.Horizontal = true
	s.body = newSelect(app.Bodies, nil)
	s.phone = widget.NewEntry()
	s.form = newFieldForm(s.save)
	s.form.add("Name", "姓名", s.name)
	s.form.add("Post", "职务", s.post)
	s.form.add("Level", "级别", s.level)
	s.form.add("Body", "所在班子", s.body)
	s.form.add("Phone", "联系电话", s.phone)
	save := widget.NewButton("保存", s.save)
	save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	leaderPane := formPane(s.heading, s.form.object(), save, s.del)

	s.tabs = newTabs(container.NewTabItem("领导信息", leaderPane))
	s.aTab = container.NewTabItem("分包企业", s.assignmentPane())
	s.tabs.Append(s.aTab)

	newBtn := widget.NewButton("新增领导", s.newRecord)
	left := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, u.importButton(xlsx.KindLeaders), u.exportButton(xlsx.ExportLeaders, u.viewOptions)), s.search), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, s.tabs)
	split.Offset = 0.4
	s.root = split
	s.edit(app.Leader{})
	return s
}

// assignmentPane is the list and form of the chosen leader's enterprises.
func (s *leadersScreen) assignmentPane() fyne.CanvasObject {
	s.aTable = newRecordTable(
		[]column{{"企业", 200}, {"联络员", 70}, {"开始", 95}, {"结束", 95}},
		func() int { return len(s.assigns) },
		func(r, c int) (string, widget.Importance) {
			a := s.assigns[r]
			imp := widget.MediumImportance
			if !a.ActiveOn(s.u.svc.Today()) {
				imp = widget.LowImportance
			}
			return [...]string{a.EnterpriseName, a.Liaison, a.From.String(), a.To.String()}[c], imp
		},
		func(r int) { s.editAssignment(s.assigns[r]) })
	s.aHeading = sectionTitle("")
	s.enterprise = newPicker("输入企业名称的一部分")
	s.liaison = widget.NewEntry()
	s.lPhone = widget.NewEntry()
	s.leadDept = widget.NewEntry()
	s.support = widget.NewEntry()
	s.from = newDateEntry(app.Date{})
	s.to = newDateEntry(app.Date{})
	s.to.SetPlaceHolder("仍在分包的留空")
	s.aForm = newFieldForm(s.saveAssignment)
	s.aForm.add("EnterpriseID", "重点企业", s.enterprise)
	s.aForm.add("Liaison", "联络员", s.liaison)
	s.aForm.add("LiaisonPhone", "联络员电话", s.lPhone)
	s.aForm.add("LeadDept", "牵头部门", s.leadDept)
	s.aForm.add("SupportDepts", "配合部门", s.support)
	s.aForm.add("From", "开始日期", s.from)
	s.aForm.add("To", "结束日期", s.to)
	save := widget.NewButton("保存分包", s.saveAssignment)
	save.Importance = widget.HighImportance
	s.aDel = widget.NewButton("删除", s.removeAssignment)
	s.aDel.Importance = widget.DangerImportance
	newBtn := widget.NewButton("新增分包企业", func() { s.editAssignment(app.Assignment{}) })
	form := formPane(s.aHeading, s.aForm.object(), save, s.aDel)
	split := container.NewVSplit(container.NewBorder(newBtn, nil, nil, nil, s.aTable), form)
	split.Offset = 0.35
	return split
}

func (s *leadersScreen) view() fyne.CanvasObject { return s.root }

func (s *leadersScreen) reload() {
	list, err := s.u.svc.Leaders(s.u.ctx, app.LeaderFilter{Office: s.u.ownOffice(), Query: strings.TrimSpace(s.search.Text)})
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.count.SetText(fmt.Sprintf("共 %d 人", len(list)))
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Leader{}) })
	names, ids := s.u.enterpriseChoices()
	s.enterprise.setChoices(names, ids)
	s.reloadAssignments()
}

func (s *leadersScreen) focusSearch() { s.u.win.Canvas().Focus(s.search) }

func (s *leadersScreen) newRecord() {
	s.tabs.SelectIndex(0)
	s.edit(app.Leader{})
	s.u.win.Canvas().Focus(s.name)
}

// open shows the leader with id.
func (s *leadersScreen) open(id string) {
	l, err := s.u.svc.Leader(s.u.ctx, id)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.edit(l)
}

func (s *leadersScreen) edit(l app.Leader) {
	s.cur = l
	s.form.clear()
	if l.ID == "" {
		s.heading.SetText("新增联系领导")
		s.del.Hide()
	} else {
		s.heading.SetText("联系领导：" + l.Name)
		s.del.Show()
	}
	s.name.SetText(l.Name)
	s.post.SetText(l.Post)
	s.level.SetSelected(string(l.Level))
	s.body.SetSelected(l.Body)
	s.phone.SetText(l.Phone)
	s.reloadAssignments()
	s.editAssignment(app.Assignment{})
}

func (s *leadersScreen) save() {
	l := s.cur
	l.Name, l.Post, l.Level, l.Body, l.Phone = s.name.Text, s.post.Text, app.Level(s.level.Selected), s.body.Selected, s.phone.Text
	if err := s.u.svc.SaveLeader(s.u.ctx, &l); err != nil {
		s.form.show(err)
		return
	}
	s.reload()
	s.edit(l)
	s.u.saved("已保存："+l.Name, printField{"领导姓名", l.Name}, printField{"职务", l.Post})
}

func (s *leadersScreen) remove() {
	l := s.cur
	dialog.ShowConfirm("删除联系领导", "确定删除“"+l.Name+"”吗？", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableLeaders, l.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}

func (s *leadersScreen) reloadAssignments() {
	s.assigns = nil
	if s.cur.ID != "" {
		list, err := s.u.svc.Assignments(s.u.ctx, app.AssignmentFilter{LeaderID: s.cur.ID})
		if err != nil {
			s.u.showError(err)
		}
		s.assigns = list
	}
	s.aTab.Text = fmt.Sprintf("分包企业（%d）", len(s.assigns))
	s.tabs.Refresh()
	s.aTable.reset()
}

func (s *leadersScreen) editAssignment(a app.Assignment) {
	s.aCur = a
	s.aForm.clear()
	switch {
	case s.cur.ID == "":
		s.aHeading.SetText("请先保存领导信息，再添加分包企业")
		s.aDel.Hide()
	case a.ID == "":
		s.aHeading.SetText(s.cur.Name + " 新增分包企业")
		s.aDel.Hide()
		a.From = s.u.svc.Today()
	default:
		s.aHeading.SetText(s.cur.Name + " 分包：" + a.EnterpriseName)
		s.aDel.Show()
	}
	s.enterprise.choose(a.EnterpriseID)
	s.liaison.SetText(a.Liaison)
	s.lPhone.SetText(a.LiaisonPhone)
	s.leadDept.SetText(a.LeadDept)
	s.support.SetText(a.SupportDepts)
	s.from.SetText(a.From.String())
	s.to.SetText(a.To.String())
}

func (s *leadersScreen) saveAssignment() {
	if s.cur.ID == "" {
		s.aForm.show(app.FieldError{Field: "EnterpriseID", Msg: "请先保存领导信息，再添加分包企业"})
		return
	}
	a := s.aCur
	var v app.Invalid
	a.LeaderID, a.EnterpriseID = s.cur.ID, s.enterprise.id()
	if a.EnterpriseID == "" && strings.TrimSpace(s.enterprise.Text()) != "" {
		v.Add("EnterpriseID", "没有名为“"+s.enterprise.Text()+"”的重点企业：请从下拉列表中选择，或先在“重点企业”中新增")
	}
	a.Liaison, a.LiaisonPhone, a.LeadDept, a.SupportDepts = s.liaison.Text, s.lPhone.Text, s.leadDept.Text, s.support.Text
	a.From = parseDateField(&v, "From", s.from)
	a.To = parseDateField(&v, "To", s.to)
	if err := v.Err(); err != nil {
		s.aForm.show(err)
		return
	}
	if err := s.u.svc.SaveAssignment(s.u.ctx, &a); err != nil {
		s.aForm.show(err)
		return
	}
	s.reloadAssignments()
	s.u.notify("已保存分包关系")
	s.editAssignment(app.Assignment{})
}

func (s *leadersScreen) removeAssignment() {
	a := s.aCur
	dialog.ShowConfirm("删除分包关系", "确定删除“"+a.EnterpriseName+"”的分包关系吗？分包结束时，更好的做法是填写结束日期。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableAssignments, a.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reloadAssignments()
		s.editAssignment(app.Assignment{})
	}, s.u.win)
}
