package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
)

// The ledger reads the first page of problems at once and, if the filter
// matches more, the rest page by page in the background, so the first rows
// show at once even for tens of thousands.
const (
	ledgerFirstPage = 500
	ledgerPage      = 5000
)

// ledgerRow is what the ledger's table shows of a problem: a few short
// strings, so 50,000 rows take a few megabytes rather than a whole record
// each.
type ledgerRow struct {
	id, number, enterprise, category, summary, lead string
	status                                          app.Status
	deadline                                        app.Date
}

// rowOf is the ledger row of p. Its strings are copies: the store may
// hand out a record's fields as parts of one string, which a kept part
// would keep whole.
func rowOf(p *app.Problem) ledgerRow {
	c := strings.Clone
	return ledgerRow{
		id: c(p.ID), number: c(p.Number), enterprise: c(p.EnterpriseName), category: c(p.Category),
		summary: shortText(p.Description, 60), lead: c(p.LeadDept), status: app.Status(c(string(p.Status))), deadline: p.Deadline,
	}
}

// overdue reports whether the row's problem is open past its deadline.
func (r *ledgerRow) overdue(today app.Date) bool {
	return r.status.Open() && !r.deadline.IsZero() && r.deadline.Before(today)
}

// Choices of the filters that select everything.
const (
	allStatuses   = "全部状态"
	allCategories = "全部类别"
)

// ledgerScreen (问题台账) lists problems by status, category, department,
// office and overdue, with full-text search, and shows the chosen
// problem's page or the form for a new one.
type ledgerScreen struct {
	u       *UI
	list    []ledgerRow
	loading bool // the rest of the rows are being read
	gen     int  // counts reloads, so a late background read of an old filter is dropped

	search   *widget.Entry
	status   *widget.Select
	category *widget.Select
	dept     *widget.Entry
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
	s.status = newFilter(statuses, changed)
	s.category = newFilter(append([]string{allCategories}, app.Categories...), changed)
	s.dept = widget.NewEntry()
	s.dept.SetPlaceHolder("责任单位")
	s.dept.OnChanged = changed
	s.overdue = widget.NewCheck("只看逾期", func(bool) { s.reload() })

	today := u.svc.Today()
	s.table = newRecordTable(
		[]column{{"编号", 118}, {"企业", 150}, {"类别", 46}, {"问题描述", 180}, {"状态", 110}, {"牵头责任单位", 120}, {"办理时限", 95}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			p := &s.list[r]
			imp := widget.MediumImportance
			status := string(p.status)
			if p.overdue(today) {
				imp, status = widget.DangerImportance, status+"（逾期）"
			}
			return [...]string{p.number, p.enterprise, p.category, p.summary, status, p.lead, p.deadline.String()}[c], imp
		},
		func(r int) { s.open(s.list[r].id) })

	s.page = newProblemPage(u, s.changed)
	s.create = newProblemForm(u, problemAsks{enterprise: true, sourceDate: true}, s.saveNew)
	save := widget.NewButton("登记问题", s.saveNew)
	save.Importance = widget.HighImportance
	title := sectionTitle("登记新问题")
	s.newPane = container.NewVScroll(container.NewVBox(title, s.create.form.object(), save))
	hint := widget.NewLabel("在左侧选择一个问题查看办理过程，或点“登记问题”。")
	hint.Importance = widget.LowImportance
	s.right = container.NewStack(container.NewCenter(hint))

	newBtn := widget.NewButton("登记问题", s.newRecord)
	printBtn := widget.NewButton("打印台账", s.print)
	filters := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, printBtn, u.importButton(xlsx.KindProblems),
			u.exportButton(xlsx.ExportProblems, func() (xlsx.Options, error) { return xlsx.Options{Problems: s.filter()}, nil })), s.search),
		container.NewHBox(s.status, s.category, container.NewGridWrap(fyne.NewSize(140, s.dept.MinSize().Height), s.dept), s.overdue))
	left := container.NewBorder(filters, s.count, nil, nil, s.table)
	split := container.NewHSplit(left, s.right)
	split.Offset = 0.6
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
	s.list = nil
	s.append(list)
	s.loading = len(list) == ledgerFirstPage
	s.showCount()
	s.table.reset()
	if !s.loading {
		return
	}
	s.u.readStarts()
	s.u.afterFrame(func() { go s.readRest(gen, f) })
}

// release lets go of the rows when the tab is left, and of the rest
// still being read.
func (s *ledgerScreen) release() {
	s.gen++
	s.list, s.loading = nil, false
	s.table.Refresh()
}

// readRest reads the problems after the first page, a page at a time, and
// adds them to the table unless the filter has changed meanwhile.
func (s *ledgerScreen) readRest(gen int, f app.ProblemFilter) {
	defer s.u.readEnds()
	f.Offset, f.Limit = ledgerFirstPage, ledgerPage
	for {
		list, err := s.u.svc.Store.Problems(s.u.ctx, f)
		more := err == nil && len(list) == f.Limit
		stale := false
		s.u.do(func() {
			if gen != s.gen {
				stale = true
				return
			}
			s.loading = more
			if err != nil {
				s.count.SetText(message(err))
				return
			}
			s.append(list)
			s.showCount()
			s.table.Refresh()
		})
		if stale || !more {
			return
		}
		f.Offset += f.Limit
	}
}

// append adds the rows of list to the table's.
func (s *ledgerScreen) append(list []app.Problem) {
	for i := range list {
		s.list = append(s.list, rowOf(&list[i]))
	}
}

// showCount says how many problems the table holds.
func (s *ledgerScreen) showCount() {
	today := s.u.svc.Today()
	open, overdue := 0, 0
	for i := range s.list {
		if s.list[i].status.Open() {
			open++
		}
		if s.list[i].overdue(today) {
			overdue++
		}
	}
	msg := fmt.Sprintf("共 %d 件，在办 %d 件，逾期 %d 件", len(s.list), open, overdue)
	if s.loading {
		msg = fmt.Sprintf("已读取 %d 件，其余正在读取……", len(s.list))
	}
	s.count.SetText(msg)
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
// extras are the attachments of the problem shown, if one is.
func (s *ledgerScreen) extras() *recordExtras {
	if len(s.right.Objects) == 1 && s.right.Objects[0] == s.page.view() {
		return s.page.more
	}
	return nil
}

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
		if s.list[i].id == p.ID {
			s.list[i] = rowOf(&p)
			s.table.Refresh()
			return
		}
	}
	s.reload()
}

// print prints the ledger as the filters select it: every matching
// problem, not only the rows read so far.
func (s *ledgerScreen) print() {
	f := s.filter()
	list, err := s.u.svc.Store.Problems(s.u.ctx, f)
	if err != nil {
		s.u.showError(err)
		return
	}
	title := s.u.office.Name
	if o := s.u.ownOffice(); o != "" {
		title = app.OfficeName(o)
	} else if s.u.office.Role == app.RoleCity {
		title = "全市"
	}
	s.u.printDoc(title+"问题台账", func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.Ledger(fs, list, title, s.filterText(), f.Today, at)
	})
}

// filterText says in words how the ledger is filtered, "" when it is not.
func (s *ledgerScreen) filterText() string {
	var parts []string
	if s.status.Selected != allStatuses {
		parts = append(parts, "状态："+s.status.Selected)
	}
	if s.category.Selected != allCategories {
		parts = append(parts, "类别："+s.category.Selected)
	}
	if d := strings.TrimSpace(s.dept.Text); d != "" {
		parts = append(parts, "牵头单位含“"+d+"”")
	}
	if q := strings.TrimSpace(s.search.Text); q != "" {
		parts = append(parts, "含“"+q+"”")
	}
	if s.overdue.Checked {
		parts = append(parts, "仅逾期")
	}
	return strings.Join(parts, "；")
}
