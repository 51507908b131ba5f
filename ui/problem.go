package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
)

// problemPage is one problem of the ledger: what was registered (editable),
// how it is being handled, its timeline, and a button for each action its
// status allows, which opens the form of that action.
type problemPage struct {
	u       *UI
	more    *recordExtras // attachments and history
	p       app.Problem
	events  []app.Event
	changed func(p app.Problem, deleted bool)

	heading    *widget.Label // the number and the status
	enterprise *widget.Label
	handling   *widget.Label
	timeline   *fyne.Container
	actions    *fyne.Container

	edit        *fieldForm
	category    *widget.Select
	source      *widget.Select
	registered  *widget.Entry
	description *textArea
	request     *widget.Entry

	act      *fieldForm // the open action's form
	actKind  app.ActionKind
	actTitle *widget.Label
	actDate  *widget.Entry
	leadDept *widget.SelectEntry
	depts    []string // the choices of leadDept: the directory, or the department assigned
	support  *widget.Entry
	person   *widget.Entry
	deadline *widget.Entry
	approver *widget.Entry // who approved a deadline change
	satisfy  *widget.RadioGroup
	text     *textArea
	actBox   *fyne.Container
	actBtns  *fyne.Container // 确定 and 取消 of the open action
	editBtns *fyne.Container

	comments    *fyne.Container // the city's 督办意见
	supervise   *widget.Button  // prints the 督办单, when the city commented
	commentForm *fyne.Container // the city writes one
	commentText *textArea

	scroll *container.Scroll
	root   *fyne.Container
}

func newProblemPage(u *UI, changed func(app.Problem, bool)) *problemPage {
	pg := &problemPage{u: u, changed: changed}
	// The number and the status (with the days overdue) come first, on a
	// line of their own, so that a long name never hides them.
	pg.heading = sectionTitle("")
	pg.heading.Truncation = fyne.TextTruncateEllipsis
	pg.enterprise = sectionTitle("")
	pg.enterprise.Truncation = fyne.TextTruncateEllipsis
	pg.handling = widget.NewLabel("")
	pg.handling.Wrapping = fyne.TextWrapWord
	pg.timeline = container.NewVBox()
	pg.actions = buttonBar()

	pg.category = newSelect(app.Categories, nil)
	pg.source = newSelect(app.Sources, nil)
	pg.registered = newDateEntry(app.Date{})
	pg.description = newTextArea()
	pg.description.SetMinRowsVisible(3)
	pg.description.Wrapping = fyne.TextWrapWord
	pg.request = widget.NewEntry()
	pg.edit = newFieldForm(pg.saveEdit)
	pg.edit.add("Category", "问题类别", pg.category)
	pg.edit.add("Source", "问题来源", pg.source)
	pg.edit.add("Registered", "登记日期", pg.registered)
	pg.edit.add("Description", "问题描述", pg.description)
	pg.edit.add("Request", "企业诉求", pg.request)
	saveEdit := widget.NewButton("保存登记信息", pg.saveEdit)
	del := widget.NewButton("删除问题", pg.remove)
	del.Importance = widget.DangerImportance

	pg.actTitle = sectionTitle("")
	pg.actDate = newDateEntry(app.Date{})
	pg.leadDept = widget.NewSelectEntry(nil)
	pg.leadDept.SetPlaceHolder("从目录选择，或输入新的单位")
	pg.support = widget.NewEntry()
	pg.person = widget.NewEntry()
	pg.deadline = widget.NewEntry()
	pg.deadline.SetPlaceHolder("例如 2026-03-05")
	pg.satisfy = widget.NewRadioGroup(app.Satisfactions, func(string) { pg.showActFields() })
	pg.satisfy.Horizontal = true // three short words
	pg.text = newTextArea()
	pg.text.SetMinRowsVisible(3)
	pg.text.Wrapping = fyne.TextWrapWord
	pg.act = newFieldForm(pg.doAction)
	pg.act.add("Date", "日期", pg.actDate)
	pg.act.add("LeadDept", "牵头责任单位", pg.leadDept)
	pg.act.add("SupportDepts", "配合单位", pg.support)
	pg.act.add("Person", "责任人", pg.person)
	pg.act.add("Satisfaction", "企业满意度", pg.satisfy)
	pg.act.add("Deadline", "办理时限", pg.deadline)
	pg.approver = widget.NewEntry()
	pg.approver.SetPlaceHolder("例如 副区长张建国")
	pg.act.add("Approver", "批准人", pg.approver)
	pg.act.add("Text", "说明", pg.text)
	ok := widget.NewButton("确定", pg.doAction)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { pg.setActing(false) })
	pg.actBox = container.NewVBox(widget.NewSeparator(), pg.actTitle, pg.act.object())
	pg.actBtns = container.NewHBox(ok, cancel)

	pg.comments = container.NewVBox()
	pg.commentText = newTextArea()
	pg.commentText.SetPlaceHolder("督办意见，例如：请加快办理，月底前报送进展")
	pg.commentText.SetMinRowsVisible(2)
	pg.commentText.Wrapping = fyne.TextWrapWord
	addComment := widget.NewButton("填写督办意见", pg.addComment)
	pg.commentForm = container.NewBorder(nil, nil, nil, addComment, pg.commentText)
	pg.more = newRecordExtras(u, app.TableProblems)
	pg.editBtns = container.NewHBox(saveEdit, del)
	slip := widget.NewButton("打印交办单", func() {
		pg.u.printFilled(pg.p.Number+"交办单", print.FormProblem, pg.p.ID)
	})
	pg.supervise = widget.NewButton("打印督办单", func() {
		pg.u.printFilled(pg.p.Number+"督办单", print.FormSupervise, pg.p.ID)
	})

	// The action's form opens at the top, under the buttons of the
	// actions; its 确定 and 取消 take the place of 保存登记信息 in the bar
	// at the bottom.
	pg.scroll = container.NewVScroll(container.NewVBox(
		pg.handling,
		pg.actions, pg.actBox,
		widget.NewSeparator(), sectionTitle("办理过程"), pg.timeline,
		widget.NewSeparator(), sectionTitle("督办意见"), pg.comments, pg.commentForm,
		widget.NewSeparator(), sectionTitle("登记信息"), pg.edit.object(),
		pg.more.root))
	pg.root = formPane(container.NewVBox(pg.heading, pg.enterprise), pg.scroll, pg.actBtns, pg.editBtns, slip, pg.supervise, pg.more.histBtn)
	pg.setActing(false)
	return pg
}

// setActing shows or hides the open action's form, and its buttons in
// place of those of the registration.
func (pg *problemPage) setActing(on bool) {
	pg.actBox.Hidden = !on
	pg.actBtns.Hidden = !on
	pg.editBtns.Hidden = on || pg.p.Office != pg.u.office.Code
	pg.root.Refresh()
}

// showComments lists the city's comments on the problem; the city bureau
// may add one.
func (pg *problemPage) showComments() {
	pg.comments.RemoveAll()
	list, err := pg.u.svc.Comments(pg.u.ctx, app.CommentFilter{ProblemID: pg.p.ID})
	if err != nil {
		pg.comments.Add(widget.NewLabel(app.Message(err)))
	}
	for _, c := range list {
		l := widget.NewLabel(fmt.Sprintf("%s　%s：%s", c.Date, orDefault(c.Author, app.OfficeName(c.Office)), c.Text))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		pg.comments.Add(l)
	}
	if len(list) == 0 {
		pg.comments.Add(widget.NewLabel("暂无"))
	}
	pg.supervise.Hidden = len(list) == 0
	pg.root.Refresh()
	pg.commentText.SetText("")
	pg.commentForm.Hidden = pg.u.office.Role != app.RoleCity
}

func (pg *problemPage) addComment() {
	c := app.Comment{ProblemID: pg.p.ID, Date: pg.u.svc.Today(), Text: pg.commentText.Text, Author: pg.u.office.Name}
	if err := pg.u.svc.SaveComment(pg.u.ctx, &c); err != nil {
		pg.u.showError(err)
		return
	}
	pg.u.notify("已填写督办意见，将随下一次发给" + app.OfficeName(pg.p.Office) + "的同步文件送达")
	pg.showComments()
}

func (pg *problemPage) view() fyne.CanvasObject { return pg.root }

// load reads the problem with id and its timeline; false if it could not.
func (pg *problemPage) load(id string) bool {
	p, err := pg.u.svc.Problem(pg.u.ctx, id)
	if err != nil {
		pg.u.showError(err)
		return false
	}
	evs, err := pg.u.svc.Events(pg.u.ctx, id)
	if err != nil {
		pg.u.showError(err)
		return false
	}
	pg.p, pg.events = p, evs
	pg.more.set(p.ID, p.Office)
	pg.show()
	return true
}

// show fills the page from pg.p and pg.events.
func (pg *problemPage) show() {
	p := pg.p
	today := pg.u.svc.Today()
	status := string(p.Status)
	if p.Overdue(today, pg.u.calendar()) {
		status += fmt.Sprintf("（已逾期 %d 天）", p.Deadline.DaysUntil(today))
	}
	pg.heading.SetText(p.Number + "　" + status)
	pg.enterprise.SetText(p.EnterpriseName)
	pg.handling.SetText(handlingText(p))
	pg.handling.Hidden = pg.handling.Text == ""

	pg.timeline.RemoveAll()
	for _, e := range pg.events {
		l := widget.NewLabel(eventText(e))
		l.Wrapping = fyne.TextWrapWord
		pg.timeline.Add(l)
	}

	pg.actions.RemoveAll()
	own := p.Office == pg.u.office.Code
	if own {
		st, err := pg.u.svc.Settings(pg.u.ctx)
		if err != nil {
			pg.u.notify(app.Message(err))
		}
		for _, k := range app.ActionsFor(p.Status, st.DeptReceipt) {
			k := k
			b := widget.NewButton(string(k), func() { pg.startAction(k) })
			pg.actions.Add(b)
		}
	}
	switch {
	case !own:
		pg.actions.Add(wrapped("这是" + app.OfficeName(p.Office) + "的问题，由该单位办理，这里只能查看。"))
	case len(pg.actions.Objects) == 0:
		pg.actions.Add(wrapped("此问题已" + string(p.Status) + "，办理完毕。"))
	}
	pg.setActing(false)
	pg.showComments()

	pg.edit.clear()
	pg.category.SetSelected(p.Category)
	pg.source.SetSelected(p.Source)
	pg.registered.SetText(p.Registered.String())
	pg.description.SetText(p.Description)
	pg.request.SetText(p.Request)
}

// handlingText says in a few lines who handles the problem and how it ended.
func handlingText(p app.Problem) string {
	var b strings.Builder
	add := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s：%s\n", label, v)
		}
	}
	add("办理方式", p.Handling)
	add("牵头责任单位", p.LeadDept)
	add("配合单位", p.SupportDepts)
	add("责任人", p.Person)
	add("办理时限", p.Deadline.String())
	add("办理结果", p.Result)
	add("解释说明", p.Explanation)
	add("办结日期", p.ClosedOn.String())
	add("回访情况", strings.TrimSpace(p.Satisfaction+" "+p.FollowUp))
	return strings.TrimRight(b.String(), "\n")
}

// eventText is one line of the timeline.
func eventText(e app.Event) string {
	s := fmt.Sprintf("%s　%s", e.Date, e.Kind)
	if e.Kind != app.EventRegistered && e.Kind != app.ActionKind(e.Status) {
		s += " → " + string(e.Status)
	}
	if e.LeadDept != "" {
		s += "　" + e.LeadDept
	}
	if e.Person != "" {
		s += "　责任人 " + e.Person
	}
	if !e.NewDeadline.IsZero() {
		if e.OldDeadline.IsZero() {
			s += "　时限 " + e.NewDeadline.String()
		} else {
			s += fmt.Sprintf("　时限 %s 改为 %s", e.OldDeadline, e.NewDeadline)
		}
		if e.Approver != "" {
			s += "（" + e.Approver + "批准）"
		}
	}
	if e.Satisfaction != "" {
		s += "　" + e.Satisfaction
	}
	if e.Text != "" {
		s += "\n" + e.Text
	}
	if e.UpdatedBy != "" {
		s += "　（" + e.UpdatedBy + "）"
	}
	return s
}

// startAction opens the form of action k.
func (pg *problemPage) startAction(k app.ActionKind) {
	pg.actKind = k
	pg.act.clear()
	today := pg.u.svc.Today()
	pg.actTitle.SetText(string(k) + "：" + pg.p.Number)
	pg.actDate.SetText(today.String())
	pg.leadDept.SetText(pg.p.LeadDept)
	pg.depts = []string{pg.p.LeadDept}
	if k == app.ActAssign {
		pg.depts = pg.u.departmentChoices()
	}
	pg.leadDept.SetOptions(pg.depts)
	pg.support.SetText(pg.p.SupportDepts)
	pg.person.SetText(pg.p.Person)
	pg.deadline.SetText(pg.u.defaultDeadline(today).String())
	if k == app.ActDeadline {
		pg.deadline.SetText(pg.p.Deadline.String())
	}
	pg.satisfy.SetSelected("")
	pg.approver.SetText("")
	pg.text.SetText("")
	pg.showActFields()
	pg.setActing(true)
	pg.scroll.ScrollToTop()
	pg.u.win.Canvas().Focus(pg.actDate)
}

// showActFields shows the fields the open action needs, and names its text
// for what it holds.
func (pg *problemPage) showActFields() {
	k := pg.actKind
	assign := k == app.ActAssign
	for _, f := range []string{"LeadDept", "SupportDepts", "Person"} {
		pg.act.showField(f, assign)
	}
	// The department that answers a 交办 says who it is.
	answer := k == app.ActReceive || k == app.ActReturn
	pg.act.showField("LeadDept", assign || answer)
	switch k {
	case app.ActReceive:
		pg.act.setLabel("LeadDept", "签收单位")
	case app.ActReturn:
		pg.act.setLabel("LeadDept", "退回单位")
	default:
		pg.act.setLabel("LeadDept", "牵头责任单位")
	}
	pg.act.showField("Satisfaction", k == app.ActFollowUp)
	pg.act.showField("Deadline", assign || k == app.ActDeadline || (k == app.ActFollowUp && pg.satisfy.Selected == "不满意"))
	pg.act.showField("Approver", k == app.ActDeadline)
	pg.act.showField("Text", k != app.ActClose)
	labels := map[app.ActionKind]string{
		app.ActAssign: "交办意见", app.ActProgress: "办理进展", app.ActDeadline: "调整理由",
		app.ActFinish: "办理结果", app.ActOnSpot: "办理结果", app.ActExplain: "解释说明及依据",
		app.ActFollowUp: "回访情况", app.ActReceive: "签收意见", app.ActReturn: "退回理由",
	}
	if l, ok := labels[k]; ok {
		pg.act.setLabel("Text", l)
	}
	if k == app.ActFollowUp && pg.satisfy.Selected == "不满意" {
		pg.act.setLabel("Deadline", "重新办理时限")
	} else {
		pg.act.setLabel("Deadline", "办理时限")
	}
}

// doAction saves the open action.
func (pg *problemPage) doAction() {
	var v app.Invalid
	a := app.Action{Kind: pg.actKind, Text: pg.text.Text, Satisfaction: pg.satisfy.Selected}
	a.Date = parseDateField(&v, "Date", pg.actDate)
	if pg.act.cells["Deadline"].Visible() {
		a.Deadline = parseDateField(&v, "Deadline", pg.deadline)
	}
	switch a.Kind {
	case app.ActAssign:
		a.LeadDept, a.SupportDepts, a.Person = pg.leadDept.Text, pg.support.Text, pg.person.Text
	case app.ActReceive, app.ActReturn:
		a.LeadDept = pg.leadDept.Text
	}
	if a.Kind == app.ActDeadline {
		a.Approver = pg.approver.Text
	}
	if err := v.Err(); err != nil {
		pg.act.show(err)
		return
	}
	if _, err := pg.u.svc.Act(pg.u.ctx, pg.p.ID, a); err != nil {
		pg.act.show(err)
		return
	}
	pg.u.notify(fmt.Sprintf("%s：%s", pg.p.Number, a.Kind))
	if pg.load(pg.p.ID) {
		pg.changed(pg.p, false)
	}
}

func (pg *problemPage) saveEdit() {
	p := pg.p
	var v app.Invalid
	p.Category, p.Source = pg.category.Selected, pg.source.Selected
	p.Registered = parseDateField(&v, "Registered", pg.registered)
	p.Description, p.Request = pg.description.Text, pg.request.Text
	if err := v.Err(); err != nil {
		pg.edit.show(err)
		return
	}
	if err := pg.u.svc.EditProblem(pg.u.ctx, &p); err != nil {
		pg.edit.show(err)
		return
	}
	pg.u.saved("已保存："+p.Number, printField{"问题描述", p.Description}, printField{"企业诉求", p.Request})
	if pg.load(p.ID) {
		pg.changed(pg.p, false)
	}
}

func (pg *problemPage) remove() {
	p := pg.p
	dialog.ShowConfirm("删除问题", "确定删除问题 "+p.Number+" 及其办理过程吗？台账中登记错误的问题才应删除。", func(ok bool) {
		if !ok {
			return
		}
		if err := pg.u.svc.Delete(pg.u.ctx, app.TableProblems, p.ID); err != nil {
			pg.u.showError(err)
			return
		}
		pg.u.notify("已删除问题 " + p.Number)
		pg.changed(p, true)
	}, pg.u.win)
}
