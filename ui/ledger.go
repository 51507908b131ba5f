package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// ledgerFirstPage is how many problems the ledger reads at once; a filter
// that matches more reads the rest in the background, so the first rows
// show at once even for tens of thousands.
const ledgerFirstPage = 500

// Choices of the filters that select everything.
const (
	allStatuses   = "全部状态"
	allCategories = "全部类别"
	allOffices    = "全部单位"
)

// ledgerScreen (问题台账) lists problems by status, category, department,
// office and overdue, with full-text search, and shows the chosen
// problem's page or the form for a new one.
type ledgerScreen struct {
	u    *UI
	list []app.Problem
	gen  int // counts reloads, so a late background read of an old filter is dropped

	search   *widget.Entry
	status   *widget.Select
	category *widget.Select
	dept     *widget.Entry
	office   *widget.Select
	overdue  *widget.Check
	table    *recordTable
	count    *widget.Label

	page    *problemPage
	create  *problemForm
	newPane fyne.CanvasObject
	right   *fyne.Container
	root    fyne.CanvasObject
}

func newLedgerScreen(u *UI) *ledgerScreen {
	s := &ledgerScreen{u: u, count: widget.NewLabel("")}
	changed := func(string) { s.reload() }
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("全文查找：编号、企业、问题、诉求、单位、责任人（Ctrl+F）")
	s.search.OnChanged = changed
	statuses := []string{allStatuses}
	for _, st := range app.Statuses {
		statuses = append(statuses, string(st))
	}
	s.status = widget.NewSelect(statuses, changed)
	s.status.SetSelected(allStatuses)
	s.category = widget.NewSelect(append([]string{allCategories}, app.Categories...), changed)
	s.category.SetSelected(allCategories)
	s.dept = widget.NewEntry()
	s.dept.SetPlaceHolder("责任单位")
	s.dept.OnChanged = changed
	offices := []string{allOffices}
	for _, o := range app.Offices {
		offices = append(offices, o.Name)
	}
	s.office = widget.NewSelect(offices, changed)
	s.office.SetSelected(allOffices)
	if u.office.Role != app.RoleCity {
		s.office.Hide()
	}
	s.overdue = widget.NewCheck("只看逾期", func(bool) { s.reload() })

	today := u.svc.Today()
	s.table = newRecordTable(
		[]column{{"编号", 120}, {"企业", 170}, {"类别", 50}, {"问题描述", 220}, {"状态", 90}, {"牵头责任单位", 120}, {"办理时限", 95}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			p := &s.list[r]
			imp := widget.MediumImportance
			status := string(p.Status)
			if p.Overdue(today) {
				imp, status = widget.DangerImportance, status+"（逾期）"
			}
			return [...]string{p.Number, p.EnterpriseName, p.Category, oneLine(p.Description), status, p.LeadDept, p.Deadline.String()}[c], imp
		},
		func(r int) { s.open(s.list[r].ID) })

	s.page = newProblemPage(u, s.changed)
	s.create = newProblemForm(u, true, s.saveNew)
	save := widget.NewButton("登记问题", s.saveNew)
	save.Importance = widget.HighImportance
	title := widget.NewLabel("登记新问题")
	title.TextStyle.Bold = true
	s.newPane = container.NewVScroll(container.NewVBox(title, s.create.form.object(), save))
	hint := widget.NewLabel("在左侧选择一个问题查看办理过程，或点“登记问题”。")
	hint.Importance = widget.LowImportance
	s.right = container.NewStack(container.NewCenter(hint))

	newBtn := widget.NewButton("登记问题", s.newRecord)
	filters := container.NewVBox(
		container.NewBorder(nil, nil, nil, newBtn, s.search),
		container.NewHBox(s.status, s.category, container.NewGridWrap(fyne.NewSize(140, s.dept.MinSize().Height), s.dept), s.office, s.overdue))
	left := container.NewBorder(filters, s.count, nil, nil, s.table)
	split := container.NewHSplit(left, s.right)
	split.Offset = 0.55
	s.root = split
	return s
}

func (s *ledgerScreen) view() fyne.CanvasObject { return s.root }

// filter is the filter the controls say.
func (s *ledgerScreen) filter() app.ProblemFilter {
	f := app.ProblemFilter{
		Office:  s.u.ownOffice(),
		Dept:    strings.TrimSpace(s.dept.Text),
		Query:   strings.TrimSpace(s.search.Text),
		Overdue: s.overdue.Checked,
		Today:   s.u.svc.Today(),
	}
	if s.status.Selected != allStatuses {
		f.Status = app.Status(s.status.Selected)
	}
	if s.category.Selected != allCategories {
		f.Category = s.category.Selected
	}
	if s.office.Visible() && s.office.Selected != allOffices {
		for _, o := range app.Offices {
			if o.Name == s.office.Selected {
				f.Office = o.Code
			}
		}
	}
	return f
}

func (s *ledgerScreen) reload() {
	if s.table == nil { // still being built
		return
	}
	s.gen++
	gen := s.gen
	f := s.filter()
	f.Limit = ledgerFirstPage
	list, err := s.u.svc.Store.Problems(s.u.ctx, f)
	if err != nil {
		s.count.SetText(message(err))
		return
	}
	s.show(list, false)
	if len(list) < ledgerFirstPage {
		return
	}
	s.count.SetText(fmt.Sprintf("已显示 %d 件，正在读取其余……", len(list)))
	f.Limit = 0
	go func() {
		all, err := s.u.svc.Store.Problems(s.u.ctx, f)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.count.SetText(message(err))
				return
			}
			s.show(all, true)
		})
	}()
}

// show puts list in the table; more says it extends the rows shown, so
// the user's place is kept.
func (s *ledgerScreen) show(list []app.Problem, more bool) {
	s.list = list
	open := 0
	today := s.u.svc.Today()
	overdue := 0
	for i := range list {
		if list[i].Status.Open() {
			open++
		}
		if list[i].Overdue(today) {
			overdue++
		}
	}
	s.count.SetText(fmt.Sprintf("共 %d 件，在办 %d 件，逾期 %d 件", len(list), open, overdue))
	if more {
		s.table.Refresh()
		return
	}
	s.table.reset()
}

func (s *ledgerScreen) focusSearch() { s.u.win.Canvas().Focus(s.search) }

// newRecord shows the form for a problem raised outside a visit.
func (s *ledgerScreen) newRecord() {
	s.create.reset()
	s.right.Objects = []fyne.CanvasObject{s.newPane}
	s.right.Refresh()
	s.u.win.Canvas().Focus(s.create.enterprise)
}

func (s *ledgerScreen) saveNew() {
	np, err := s.create.value(app.Date{})
	if err != nil {
		s.create.form.show(err)
		return
	}
	if err := s.u.svc.RegisterProblem(s.u.ctx, &np); err != nil {
		s.create.form.show(err)
		return
	}
	s.u.notify("已登记问题 " + np.Problem.Number)
	s.reload()
	s.open(np.Problem.ID)
}

// open shows the page of the problem with id.
func (s *ledgerScreen) open(id string) {
	if !s.page.load(id) {
		return
	}
	s.right.Objects = []fyne.CanvasObject{s.page.view()}
	s.right.Refresh()
}

// changed is called after the open problem was changed or deleted.
func (s *ledgerScreen) changed(p app.Problem, deleted bool) {
	if deleted {
		s.reload()
		s.right.Objects = nil
		s.right.Refresh()
		return
	}
	for i := range s.list {
		if s.list[i].ID == p.ID {
			s.list[i] = p
			s.table.Refresh()
			return
		}
	}
	s.reload()
}
