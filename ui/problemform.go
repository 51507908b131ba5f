package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// handleLater is the choice of registering a problem now and assigning it
// later, from the ledger.
const handleLater = "先登记，稍后交办"

// problemForm registers a new problem with its first handling: solved on
// the spot, assigned to a department with a deadline, or explained as not
// possible by law. The visit form has one per problem raised; the ledger
// uses one, with the enterprise, source and date, for problems from
// elsewhere.
type problemForm struct {
	u    *UI
	form *fieldForm
	ask  problemAsks

	enterprise  *picker
	source      *widget.Select
	registered  *widget.Entry
	category    *widget.Select
	description *textArea
	request     *widget.Entry
	handling    *widget.RadioGroup
	leadDept    *widget.SelectEntry
	support     *widget.Entry
	person      *widget.Entry
	deadline    *widget.Entry
	text        *textArea
}

// problemAsks says which fields a problem form asks for beyond the problem
// itself: a visit gives the enterprise, source and date; a meeting gives the
// source and date; the ledger gives nothing.
type problemAsks struct{ enterprise, sourceDate bool }

// newProblemForm makes the form asking for what ask says. submit runs on
// Enter.
func newProblemForm(u *UI, ask problemAsks, submit func()) *problemForm {
	p := &problemForm{u: u, ask: ask, form: newFieldForm(submit)}
	p.enterprise = newPicker("输入企业名称的一部分")
	p.source = newSelect(app.Sources, nil)
	p.registered = newDateEntry(u.svc.Today())
	p.category = newSelect(app.Categories, nil)
	p.category.PlaceHolder = "请选择"
	p.description = newTextArea()
	p.description.SetMinRowsVisible(3)
	p.description.Wrapping = fyne.TextWrapWord
	p.request = widget.NewEntry()
	p.handling = widget.NewRadioGroup([]string{handleLater, app.HandleOnSpot, app.HandleAssign, app.HandleExplain}, nil)
	// One choice a line: four in a row would widen the window.
	p.leadDept = widget.NewSelectEntry(nil)
	p.leadDept.SetPlaceHolder("从目录选择，或输入新的单位")
	p.support = widget.NewEntry()
	p.person = widget.NewEntry()
	p.deadline = widget.NewEntry()
	p.text = newTextArea()
	p.text.SetMinRowsVisible(2)
	p.text.Wrapping = fyne.TextWrapWord

	if ask.enterprise {
		p.form.add("EnterpriseID", "企业", p.enterprise)
	}
	if ask.sourceDate {
		p.form.add("Source", "问题来源", p.source)
		p.form.add("Registered", "登记日期", p.registered)
	}
	p.form.add("Category", "问题类别", p.category)
	p.form.add("Description", "问题描述", p.description)
	p.form.add("Request", "企业诉求", p.request)
	p.form.add("Handling", "办理方式", p.handling)
	p.form.add("LeadDept", "牵头责任单位", p.leadDept)
	p.form.add("SupportDepts", "配合单位", p.support)
	p.form.add("Person", "责任人", p.person)
	p.form.add("Deadline", "办理时限", p.deadline)
	p.form.add("Text", "办理结果", p.text)
	p.handling.OnChanged = func(string) { p.showHandling() }
	p.reset()
	return p
}

// reset empties the form for the next problem.
func (p *problemForm) reset() {
	p.form.clear()
	if p.ask.enterprise {
		names, ids := p.u.enterpriseChoices()
		p.enterprise.setChoices(names, ids)
		p.enterprise.SetText("")
	}
	if p.ask.sourceDate {
		p.source.SetSelected("企业反映")
		p.registered.SetText(p.u.svc.Today().String())
	}
	p.category.ClearSelected()
	for _, e := range []*widget.Entry{&p.description.Entry, p.request, &p.leadDept.Entry, p.support, p.person, &p.text.Entry} {
		e.SetText("")
	}
	p.deadline.SetText(p.u.defaultDeadline(p.u.svc.Today()).String())
	p.leadDept.SetOptions(p.u.departmentChoices())
	p.handling.SetSelected(handleLater)
}

// showHandling shows the fields the chosen handling needs.
func (p *problemForm) showHandling() {
	h := p.handling.Selected
	for _, f := range []string{"LeadDept", "SupportDepts", "Person", "Deadline"} {
		p.form.showField(f, h == app.HandleAssign)
	}
	p.form.showField("Text", h == app.HandleOnSpot || h == app.HandleExplain || h == app.HandleAssign)
	switch h {
	case app.HandleOnSpot:
		p.form.setLabel("Text", "办理结果")
	case app.HandleExplain:
		p.form.setLabel("Text", "解释说明及依据")
	default:
		p.form.setLabel("Text", "交办意见")
	}
}

// value reads the form: the problem and its first action, if any. day is
// the date of the visit, or zero to read the form's own date.
func (p *problemForm) value(day app.Date) (app.NewProblem, error) {
	var v app.Invalid
	var np app.NewProblem
	pr := &np.Problem
	if p.ask.enterprise {
		pr.EnterpriseID = p.enterprise.id()
		if pr.EnterpriseID == "" && p.enterprise.Text() != "" {
			v.Add("EnterpriseID", "没有名为“"+p.enterprise.Text()+"”的重点企业：请从下拉列表中选择")
		}
	}
	if p.ask.sourceDate {
		pr.Source = p.source.Selected
		day = parseDateField(&v, "Registered", p.registered)
	}
	pr.Registered = day
	pr.Category, pr.Description, pr.Request = p.category.Selected, p.description.Text, p.request.Text
	a := app.Action{Date: day, Text: p.text.Text}
	switch p.handling.Selected {
	case app.HandleOnSpot:
		a.Kind = app.ActOnSpot
	case app.HandleExplain:
		a.Kind = app.ActExplain
	case app.HandleAssign:
		a.Kind = app.ActAssign
		a.LeadDept, a.SupportDepts, a.Person = p.leadDept.Text, p.support.Text, p.person.Text
		a.Deadline = parseDateField(&v, "Deadline", p.deadline)
	}
	if a.Kind != "" {
		np.First = &a
	}
	return np, v.Err()
}

// defaultDeadline is the deadline proposed for a problem assigned on day:
// the settings' number of working days later.
func (u *UI) defaultDeadline(day app.Date) app.Date {
	st, err := u.svc.Settings(u.ctx)
	if err != nil {
		st = app.DefaultSettings()
	}
	return st.Calendar.AddWorkingDays(day, st.DeadlineDays)
}
