package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// searchLimit is how many records of each kind the search box shows.
const searchLimit = 20

// searchBox is the dialog that searches every kind of record (Ctrl+K,
// Ctrl+Shift+F): the results grouped by kind, the words marked, a click
// opening the record on its screen.
type searchBox struct {
	u       *UI
	entry   *widget.Entry
	summary *widget.Label
	box     *fyne.Container
	scroll  *container.Scroll
	d       dialog.Dialog
	gen     int
	shown   app.SearchResults
}

// showSearch opens the search box.
func (u *UI) showSearch() *searchBox {
	s := &searchBox{u: u, entry: widget.NewEntry(), summary: widget.NewLabel("输入要找的词，多个词用空格隔开：每个词都要有"), box: container.NewVBox()}
	s.entry.SetPlaceHolder("例如：焊工　用地 融资")
	s.entry.OnChanged = func(string) { s.search() }
	s.entry.OnSubmitted = func(string) { s.search() }
	s.scroll = container.NewVScroll(s.box)
	content := container.NewBorder(container.NewVBox(s.entry, s.summary), nil, nil, nil, s.scroll)
	s.d = dialog.NewCustom("搜索全部记录", "关闭", content, u.win)
	s.d.Resize(fyne.NewSize(900, 660))
	s.d.Show()
	u.win.Canvas().Focus(s.entry)
	return s
}

// search reads the results of the entry's words in the background.
func (s *searchBox) search() {
	text := s.entry.Text
	s.u.background(&s.gen, func() func() {
		r, err := s.u.svc.Search(s.u.ctx, text, searchLimit)
		return func() {
			if err != nil {
				s.summary.SetText(app.Message(err))
				return
			}
			s.show(r)
		}
	})
}

// show puts the results on the dialog: a heading per kind with its count,
// a row per record.
func (s *searchBox) show(r app.SearchResults) {
	s.shown = r
	s.box.RemoveAll()
	switch {
	case len(r.Words) == 0:
		s.summary.SetText("输入要找的词，多个词用空格隔开：每个词都要有")
	case len(r.Groups) == 0:
		s.summary.SetText("没有找到")
	default:
		s.summary.SetText(fmt.Sprintf("共找到 %d 条", r.Count()))
	}
	for _, g := range r.Groups {
		head := fmt.Sprintf("%s（%d）", g.Kind, g.Total)
		if g.Total > len(g.Results) {
			head += fmt.Sprintf("　显示最新的 %d 条", len(g.Results))
		}
		s.box.Add(sectionTitle(head))
		for _, x := range g.Results {
			s.box.Add(newSearchRow(x.ID, s.rowText(x), func() { s.open(x) }))
		}
	}
	s.scroll.ScrollToTop()
}

// rowText is a result's title on one line (the office's name first when
// the city sees another office's record) and its snippet, the words bold.
func (s *searchBox) rowText(x app.SearchResult) []widget.RichTextSegment {
	title := x.Title
	if s.u.office.Role == app.RoleCity && x.Office != s.u.office.Code {
		title = "【" + app.OfficeName(x.Office) + "】" + title
	}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: title,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Bold: true}}}}
	for _, p := range x.Snippet {
		st := widget.RichTextStyleInline
		if p.Match {
			st.TextStyle = fyne.TextStyle{Bold: true}
			st.ColorName = theme.ColorNameError
		}
		segs = append(segs, &widget.TextSegment{Text: p.Text, Style: st})
	}
	return segs
}

// open shows the record on its screen and closes the search box.
func (s *searchBox) open(x app.SearchResult) {
	if err := s.u.openFound(x); err != nil {
		s.u.showError(err)
		return
	}
	s.d.Hide()
}

// openFound shows a record the search found on its screen.
func (u *UI) openFound(x app.SearchResult) error {
	ctx := u.ctx
	switch x.Kind {
	case app.FoundEnterprise:
		e, err := u.svc.Enterprise(ctx, x.ID)
		if err != nil {
			return err
		}
		u.ShowTab(tabEnterprises)
		u.ents.edit(e)
	case app.FoundLeader:
		u.showLeader(x.ID)
	case app.FoundVisit:
		v, err := u.svc.Visit(ctx, x.ID)
		if err != nil {
			return err
		}
		u.ShowTab(tabVisits)
		u.visits.edit(v)
	case app.FoundProblem:
		u.showProblem(x.ID)
	case app.FoundMeeting:
		m, err := u.svc.Meeting(ctx, x.ID)
		if err != nil {
			return err
		}
		u.ShowTab(tabMeetings)
		u.meetings.tabs.SelectIndex(0)
		u.meetings.edit(m)
	case app.FoundNeed:
		n, err := u.svc.FinancingNeed(ctx, x.ID)
		if err != nil {
			return err
		}
		u.ShowTab(tabFinancing)
		u.finance.tabs.SelectIndex(0)
		u.finance.edit(n)
	case app.FoundLoan:
		u.showLoan(x.ID)
	}
	return nil
}

// searchRow is a record found: its title and snippet, opened by a tap.
type searchRow struct {
	widget.BaseWidget
	id    string
	text  *widget.RichText
	onTap func()
}

func newSearchRow(id string, segs []widget.RichTextSegment, onTap func()) *searchRow {
	r := &searchRow{id: id, text: widget.NewRichText(segs...), onTap: onTap}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the row's text.
func (r *searchRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.text) }

// Tapped opens the record.
func (r *searchRow) Tapped(*fyne.PointEvent) { r.onTap() }

// Cursor is the hand, as over a link.
func (r *searchRow) Cursor() desktop.Cursor { return desktop.PointerCursor }
