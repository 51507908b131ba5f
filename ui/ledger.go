package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
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
	loading bool   // the rest of the rows are being read
	gen     int    // counts reloads, so a late background read of an old filter is dropped
	want    string // a problem opened from elsewhere whose row is to be selected once read
	marked  string // the problem whose row was selected since the last reload
	holding bool   // the filters are being cleared: no reload for each

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
	right   *fyne.Container // the problem's page or the new problem form; hidden when neither is open
	hint    *widget.Label
	split   *container.Split
	root    fyne.CanvasObject
}

func newLedgerScreen(u *UI) *ledgerScreen {
	s := &ledgerScreen{u: u, count: widget.NewLabel("")}
	changed := func(string) { s.reload() }
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("全文查找：编号、企业、问题、诉求、单位、责任人（Ctrl+F）")
	s.search.OnChanged = changed
	s.search.OnSubmitted = func(string) { s.openFound() }
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
	// The number and the status columns are as wide as the longest number
	// and status with the days overdue, so that they always show whole.
	fit := func(text string) float32 { return widget.NewLabel(text).MinSize().Width + 2*theme.Padding() }
	s.table = newRecordTable(
		[]column{{"编号", fit("山海关-2026-0000")}, {"状态", fit(string(app.StatusInProgress) + "（逾期999天）")}, {"企业", 150}, {"类别", 46}, {"问题描述", 180}, {"牵头责任单位", 120}, {"办理时限", 95}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			p := &s.list[r]
			imp := widget.MediumImportance
			status := string(p.status)
			if p.overdue(today) {
				imp, status = widget.DangerImportance, fmt.Sprintf("%s（逾期%d天）", status, p.deadline.DaysUntil(today))
			}
			return [...]string{p.number, status, p.enterprise, p.category, p.summary, p.lead, p.deadline.String()}[c], imp
		},
		func(r int) {
			id := s.list[r].id
			s.marked = id
			if s.shown() != id {
				s.open(id)
			}
		}).keep(0, ledgerStatusColumn)

	s.page = newProblemPage(u, s.changed)
	s.create = newProblemForm(u, problemAsks{enterprise: true, sourceDate: true}, s.saveNew)
	save := widget.NewButton("登记问题", s.saveNew)
	save.Importance = widget.HighImportance
	title := sectionTitle("登记新问题")
	s.newPane = formPane(title, s.create.form.object(), save)
	// Until a problem or the new problem form is open, the table has the
	// whole width and a line under it says what to do.
	s.hint = widget.NewLabel("单击一行查看办理过程，或点“登记问题”")
	s.hint.Importance = widget.LowImportance
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.right = container.NewStack()
	s.right.Hide()

	newBtn := widget.NewButton("登记问题", s.newRecord)
	printBtn := widget.NewButton("打印台账", s.print)
	filters := container.NewVBox(s.search, buttonBar(s.status, s.category,
		container.NewGridWrap(fyne.NewSize(140, s.dept.MinSize().Height), s.dept), s.overdue,
		newBtn, printBtn, u.importButton(xlsx.KindProblems),
		u.exportButton(xlsx.ExportProblems, func() (xlsx.Options, error) { return xlsx.Options{Problems: s.filter()}, nil })))
	left := container.NewBorder(filters, container.NewBorder(nil, nil, s.count, nil, s.hint), nil, nil, s.table)
	s.split = container.NewHSplit(left, s.right)
	s.split.Offset = 0.55
	s.root = s.split
	return s
}

// ledgerStatusColumn is the column of the ledger's table that shows the
// status, with the days overdue.
const ledgerStatusColumn = 1

// showPane shows obj beside the table, or nothing (the table then takes
// the whole width) when obj is nil.
func (s *ledgerScreen) showPane(obj fyne.CanvasObject) {
	if obj == nil {
		s.right.Objects = nil
		s.right.Hide()
		s.hint.Show()
	} else {
		s.right.Objects = []fyne.CanvasObject{obj}
		s.right.Show()
		s.hint.Hide()
	}
	s.split.Refresh()
}

func (s *ledgerScreen) view() fyne.CanvasObject { return s.root }

// filter is the filter the controls say.
func (s *ledgerScreen) filter() app.ProblemFilter {
	f := app.ProblemFilter{
		Office:   s.u.ownOffice(),
		Dept:     strings.TrimSpace(s.dept.Text),
		Query:    strings.TrimSpace(s.search.Text),
		Overdue:  s.overdue.Checked,
		Today:    s.u.svc.Today(),
		Calendar: s.u.calendar(),
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
	if s.table == nil || s.holding { // still being built, or the filters being cleared
		return
	}
	s.gen++
	gen := s.gen
	f := s.filter()
	f.Limit = ledgerFirstPage
	list, err := s.u.svc.Problems(s.u.ctx, f)
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = nil
	s.append(list)
	s.loading = len(list) == ledgerFirstPage
	s.showCount()
	s.table.reset()
	s.marked = ""
	s.settle()
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
		list, err := s.u.svc.Problems(s.u.ctx, f)
		more := err == nil && len(list) == f.Limit
		stale := false
		s.u.do(func() {
			if gen != s.gen {
				stale = true
				return
			}
			s.loading = more
			if err != nil {
				s.count.SetText(app.Message(err))
				return
			}
			s.append(list)
			s.showCount()
			s.table.Refresh()
			s.settle()
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

// openFound opens, on Enter in the search box, the problem whose ledger
// number was typed (as a handheld scanner types the QR code of a printed
// 交办单 or 回执, Enter last), or the only problem found.
func (s *ledgerScreen) openFound() {
	q := strings.TrimSpace(s.search.Text)
	for i := range s.list {
		if s.list[i].number == q {
			s.openRow(i)
			return
		}
	}
	if len(s.list) == 1 && !s.loading {
		s.openRow(0)
	}
}

// openRow opens the problem of row i and selects its row.
func (s *ledgerScreen) openRow(i int) {
	id := s.list[i].id
	if s.open(id) {
		s.marked = id
		s.table.mark(i)
	}
}

// newRecord shows the form for a problem raised outside a visit.
func (s *ledgerScreen) newRecord() {
	s.create.reset()
	s.showPane(s.newPane)
	s.u.win.Canvas().Focus(s.create.enterprise.entry)
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
	s.u.saved("已登记问题 "+np.Problem.Number, problemFields([]app.NewProblem{np})...)
	s.reload()
	s.show(np.Problem.ID)
}

// extras are the attachments of the problem shown, if one is.
func (s *ledgerScreen) extras() *recordExtras {
	if s.shown() != "" {
		return s.page.more
	}
	return nil
}

// shown is the ID of the problem whose page the right pane shows, "" when
// it shows the hint or the form for a new problem.
func (s *ledgerScreen) shown() string {
	if s.right.Visible() && len(s.right.Objects) == 1 && s.right.Objects[0] == s.page.view() {
		return s.page.p.ID
	}
	return ""
}

// open shows the page of the problem with id.
func (s *ledgerScreen) open(id string) bool {
	if !s.page.load(id) {
		return false
	}
	s.showPane(s.page.view())
	return true
}

// show opens the problem with id from another screen (工作台, a visit, a
// meeting) and selects its row, scrolled into view; if the filters hide
// it, they are cleared.
func (s *ledgerScreen) show(id string) {
	if !s.open(id) {
		return
	}
	s.want, s.marked = id, ""
	s.settle()
}

// settle keeps the list and the right pane in step after the rows change:
// the row of the problem shown (or asked for by show) is selected and
// scrolled into view. Once every row is read, a problem the filters hide
// leaves the pane, which goes back to its hint; one asked for by show
// clears the filters instead.
func (s *ledgerScreen) settle() {
	id := s.want
	if id == "" {
		id = s.shown()
	}
	if id == "" {
		return
	}
	for i := range s.list {
		if s.list[i].id == id {
			s.want = ""
			if s.marked != id {
				s.marked = id
				s.table.mark(i)
			}
			return
		}
	}
	if s.loading {
		return
	}
	if s.want != "" {
		s.want = ""
		if s.filterText() != "" {
			s.clearFilters()
			s.u.notify("问题台账已取消筛选，以列出 " + s.page.p.Number)
			return
		}
	}
	s.showHint()
}

// showHint puts the hint back in the right pane.
func (s *ledgerScreen) showHint() {
	s.showPane(nil)
	s.table.UnselectAll()
	s.marked = ""
}

// clearFilters sets every filter to select everything and reads the list
// again, once.
func (s *ledgerScreen) clearFilters() {
	s.holding = true
	s.search.SetText("")
	s.status.SetSelected(allStatuses)
	s.category.SetSelected(allCategories)
	s.dept.SetText("")
	s.overdue.SetChecked(false)
	s.holding = false
	s.reload()
}

// changed is called after the open problem was changed or deleted: its
// row and the count line show the change at once.
func (s *ledgerScreen) changed(p app.Problem, deleted bool) {
	if deleted {
		s.reload() // the page of a problem no longer listed gives way to the hint
		s.showPane(nil)
		return
	}
	for i := range s.list {
		if s.list[i].id == p.ID {
			s.list[i] = rowOf(&p)
			s.showCount()
			s.table.Refresh()
			return
		}
	}
	s.reload()
}

// A ledger print above either of these is asked about first.
const (
	bigPrintProblems = 200
	bigPrintPages    = 50
)

// print prints the ledger as the filters select it: every matching
// problem, not only the rows read so far. A long one is asked about
// first, offering to print only the open problems.
func (s *ledgerScreen) print() {
	f := s.filter()
	list, err := s.u.svc.Problems(s.u.ctx, f)
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
	name := title + "问题台账"
	info := print.LedgerInfo{Title: title, Office: f.Office, Today: f.Today, Calendar: f.Calendar, City: s.u.office.Role == app.RoleCity}
	if info.City {
		if info.Comments, err = s.u.svc.Comments(s.u.ctx, app.CommentFilter{}); err != nil {
			s.u.showError(err)
			return
		}
	}
	layOut := func(list []app.Problem, filter string) (*print.Doc, time.Time, bool) {
		return s.u.layOut(func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
			info := info
			info.Filter = filter
			return print.Ledger(fs, list, info, at)
		})
	}
	d, at, ok := layOut(list, s.filterText())
	if !ok {
		return
	}
	if len(list) <= bigPrintProblems && d.Pages() <= bigPrintPages {
		s.u.writeDoc(name, d, at)
		return
	}
	var open []app.Problem
	for _, p := range list {
		if p.Status.Open() {
			open = append(open, p)
		}
	}
	msg := fmt.Sprintf("按当前筛选要打印 %d 件问题，约 %d 页。", len(list), d.Pages())
	buttons := []fyne.CanvasObject{}
	var dlg dialog.Dialog
	if len(open) > 0 && len(open) < len(list) {
		msg += fmt.Sprintf("\n其中在办 %d 件，只打印在办的约 %d 页。", len(open), max(1, d.Pages()*len(open)/len(list)))
		onlyOpen := widget.NewButton(fmt.Sprintf("只打印在办的 %d 件", len(open)), func() {
			dlg.Hide()
			filter := "仅在办"
			if t := s.filterText(); t != "" {
				filter = t + "；" + filter
			}
			if d, at, ok := layOut(open, filter); ok {
				s.u.writeDoc(name+"（在办）", d, at)
			}
		})
		onlyOpen.Importance = widget.HighImportance
		buttons = append(buttons, onlyOpen)
	}
	msg += "\n也可以先用上方的筛选（状态、类别、责任单位、只看逾期）缩小范围再打印。"
	all := widget.NewButton(fmt.Sprintf("全部打印（%d 页）", d.Pages()), func() {
		dlg.Hide()
		s.u.writeDoc(name, d, at)
	})
	cancel := widget.NewButton("取消", func() { dlg.Hide() })
	buttons = append(buttons, all, cancel)
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	cd := dialog.NewCustomWithoutButtons("打印台账", text, s.u.win)
	cd.SetButtons(buttons)
	cd.Resize(fyne.NewSize(520, 0))
	dlg = cd
	cd.Show()
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
