package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
	"wugeyi/assets"
)

// noticeScreen (进展通报) is the city bureau's progress notice: every
// county's figures for a month, quarter or year, ranked, with the charts;
// a row opens that county's problem ledger.
type noticeScreen struct {
	u      *UI
	period *widget.Entry
	table  *recordTable
	note   *widget.Label
	charts *fyne.Container
	cur    app.Notice
	gen    int // counts reloads, so that a late notice of an old period is dropped
	drawMu sync.Mutex
	draw   *chart.Charts // read at the first notice; drawMu guards it
	root   fyne.CanvasObject
}

// noticeColumns are the columns of the table on screen.
var noticeColumns = []column{{"排名", 50}, {"单位", 120}, {"联系领导", 82}, {"分包企业", 82}, {"走访", 56}, {"登记问题", 82},
	{"办结", 56}, {"在办", 56}, {"逾期", 56}, {"累计办结率", 96}, {"满意率", 70}, {"会议(已开/应开)", 136}, {"转贷放款", 82}, {"数据", 150}}

func newNoticeScreen(u *UI) *noticeScreen {
	s := &noticeScreen{u: u, period: widget.NewEntry(), note: widget.NewLabel(""), charts: container.NewGridWithColumns(3)}
	last := u.svc.Today().AddMonths(-1)
	s.period.SetText(fmt.Sprintf("%d-%02d", last.Year(), last.Month()))
	s.period.OnSubmitted = func(string) { s.reload() }
	s.table = newRecordTable(noticeColumns, func() int { return len(s.cur.Rows) }, s.cell, nil).keep(0, 1)
	s.table.table.OnSelected = func(id widget.TableCellID) { s.open(id.Row, id.Col) }
	show := widget.NewButton("生成通报", s.reload)
	show.Importance = widget.HighImportance
	printBtn := widget.NewButton("打印通报", s.print)
	wordBtn := widget.NewButton("导出Word", s.word)
	publish := widget.NewButton("发布通报", s.publish)
	export := u.exportButton(xlsx.ExportNotice, func() (xlsx.Options, error) {
		p, err := app.ParsePeriod(strings.TrimSpace(s.period.Text))
		return xlsx.Options{Period: p}, err
	})
	hint := wrapped("期间写作 2026-03（月）、2026Q1（季度）或 2026（全年）。点一个数字查看它背后的记录（该县区的领导、企业、走访、问题、会议或转贷）。")
	s.note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(buttonBar(widget.NewLabel("通报期间"),
		container.NewGridWrap(fyne.NewSize(110, s.period.MinSize().Height), s.period), show, printBtn, wordBtn, export, publish), hint, s.note)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewVSplit(s.table, s.charts))
	return s
}

func (s *noticeScreen) view() fyne.CanvasObject { return s.root }

// reload computes the notice of the period typed in and shows it. The
// figures take every county's records, so they are computed in the
// background, the note saying so meanwhile.
func (s *noticeScreen) reload() {
	p, err := app.ParsePeriod(strings.TrimSpace(s.period.Text))
	if err != nil {
		s.note.SetText(err.Error())
		return
	}
	s.show(func() (app.Notice, error) { return s.noticeOf(p) })
}

// show shows the notice get gives, with its charts, both made in the
// background.
func (s *noticeScreen) show(get func() (app.Notice, error)) {
	s.note.SetText(loading)
	s.u.background(&s.gen, func() func() {
		n, err := get()
		if err != nil {
			return func() { s.note.SetText(app.Message(err)) }
		}
		imgs, err := s.chartsOf(n)
		var decoded []image.Image
		if err == nil {
			decoded, err = decodeImages(imgs)
		}
		return func() {
			s.cur = n
			s.note.SetText(noticeNote(n))
			s.table.reset()
			showDecoded(s.charts, decoded)
			if err != nil {
				s.note.SetText(app.Message(err))
			}
		}
	})
}

// noticeNote says what notice n covers, who reported for it and so is
// ranked, and whether it is published or a draft.
func noticeNote(n app.Notice) string {
	text := fmt.Sprintf("%s，统计截至 %s", n.Period.Label(), n.End.Chinese())
	reported, not := n.Reporting()
	switch {
	case !n.Ranking():
		text += fmt.Sprintf("；报送本期数据的县区%d个，不足%d个，不作排名", len(reported), app.MinRanked)
	case len(not) > 0:
		text += fmt.Sprintf("；%d个县区未报送本期数据，不参加排名", len(not))
	}
	if n.Published.IsZero() {
		return text + "。打印的通报为送审稿。"
	}
	return text + fmt.Sprintf("；%s发布。", n.Published.Chinese())
}

// release lets go of the charts' images when the tab is left; the
// figures stay on screen until reload has computed them again.
func (s *noticeScreen) release() {
	s.gen++
	for _, c := range s.charts.Objects {
		if img, ok := c.(*canvas.Image); ok {
			img.Image = nil // Fyne's caches keep the object a minute longer
		}
		s.u.win.Canvas().Refresh(c) // frees its texture at the next frame
	}
	s.charts.RemoveAll()
}

// noticeOf computes the notice of period p, its rows in rank order (as
// the table lists them).
func (s *noticeScreen) noticeOf(p app.NoticePeriod) (app.Notice, error) {
	n, err := s.u.svc.Notice(s.u.ctx, p)
	if err != nil {
		return n, err
	}
	n.Rows = n.Ranked()
	return n, nil
}

// cell is the text of row r, column c of the table.
func (s *noticeScreen) cell(r, c int) (string, widget.Importance) {
	return noticeCell(s.cur.Rows[r], c)
}

// noticeCell is the text of column c of a county's row of a notice.
func noticeCell(x app.NoticeRow, c int) (string, widget.Importance) {
	imp := widget.MediumImportance
	data := "截至 " + app.DateOf(x.LastImport).String()
	switch {
	case x.LastImport.IsZero():
		data, imp = "未报送", widget.WarningImportance
	case x.Stale:
		imp = widget.WarningImportance
	}
	sat, rank := "—", "—"
	if x.FollowedUp > 0 {
		sat = fmt.Sprintf("%.1f%%", 100*float64(x.Satisfied)/float64(x.FollowedUp))
	}
	if x.Rank > 0 {
		rank = fmt.Sprint(x.Rank)
	}
	var held, required int
	for k := range x.MeetingsHeld {
		held, required = held+x.MeetingsHeld[k], required+x.MeetingsRequired[k]
	}
	cells := [...]string{rank, app.OfficeName(x.Office), fmt.Sprint(x.Leaders), fmt.Sprint(x.Enterprises),
		fmt.Sprint(x.Visits), fmt.Sprint(x.Raised), fmt.Sprint(x.Settled), fmt.Sprint(x.Open), fmt.Sprint(x.Overdue),
		fmt.Sprintf("%.1f%%", 100*x.SettleRate), sat, fmt.Sprintf("%d/%d", held, required), fmt.Sprint(x.LoansPaid), data}
	if c == 8 && x.Overdue > 0 {
		imp = widget.DangerImportance
	}
	return cells[c], imp
}

// open shows the records behind the figure in row r, column c: the
// county's leaders, enterprises, visits, meetings or bridge loans, or its
// problem ledger (only the overdue ones for the 逾期 column).
func (s *noticeScreen) open(r, c int) {
	if r < 0 || r >= len(s.cur.Rows) || s.u.officeF == nil {
		return
	}
	s.table.UnselectAll()
	s.u.officeF.SetSelected(app.OfficeName(s.cur.Rows[r].Office))
	switch noticeColumns[max(c, 0)].title {
	case "联系领导":
		s.u.ShowTab(tabLeaders)
	case "分包企业":
		s.u.ShowTab(tabEnterprises)
	case "走访":
		s.u.ShowTab(tabVisits)
	case "会议(已开/应开)":
		s.u.ShowTab(tabMeetings)
	case "转贷放款":
		s.u.ShowTab(tabLoans)
	default:
		s.u.buildTab(tabLedger)
		s.u.ledger.overdue.SetChecked(noticeColumns[max(c, 0)].title == "逾期")
		s.u.ShowTab(tabLedger)
	}
}

// showImages puts the PNG images imgs in box, in place of what it held.
func showImages(box *fyne.Container, imgs [][]byte) error {
	decoded, err := decodeImages(imgs)
	showDecoded(box, decoded)
	return err
}

// decodeImages decodes the PNG images imgs; it may run off the UI's
// goroutine.
func decodeImages(imgs [][]byte) ([]image.Image, error) {
	var out []image.Image
	for _, b := range imgs {
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			return out, fmt.Errorf("show chart: %w", err)
		}
		out = append(out, img)
	}
	return out, nil
}

// showDecoded puts the images imgs in box, in place of what it held.
func showDecoded(box *fyne.Container, imgs []image.Image) {
	box.RemoveAll()
	for _, img := range imgs {
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.SetMinSize(fyne.NewSize(200, 140)) // three in a row fit the window
		box.Add(c)
	}
}

// chartsOf draws the charts of notice n as PNG; it may run off the UI's
// goroutine.
func (s *noticeScreen) chartsOf(n app.Notice) ([][]byte, error) {
	return drawNotice(s, n, (*chart.Charts).Notice)
}

// drawingsOf draws the charts of notice n as vector drawings for the
// printed notice; it may run off the UI's goroutine.
func (s *noticeScreen) drawingsOf(n app.Notice) ([]*chart.Drawing, error) {
	return drawNotice(s, n, (*chart.Charts).NoticeDrawings)
}

// drawNotice draws notice n's charts with draw, given the trend of its
// year, with the screen's charts (one drawing at a time).
func drawNotice[T any](s *noticeScreen, n app.Notice, draw func(*chart.Charts, app.Notice, []app.TrendPoint) (T, error)) (T, error) {
	s.drawMu.Lock()
	defer s.drawMu.Unlock()
	var none T
	c, err := chartsFor(&s.draw)
	if err != nil {
		return none, err
	}
	trend, err := s.u.svc.Trend(s.u.ctx, n.Period.Year, n.End)
	if err != nil {
		return none, err
	}
	return draw(c, n, trend)
}

// print prints the notice shown, with its charts; before the notice is
// shown, that of the period typed in.
func (s *noticeScreen) print() {
	if n, ok := s.shown(); ok {
		s.u.printNotice(n, func() ([]*chart.Drawing, error) { return s.drawingsOf(n) })
	}
}

// word writes the notice print prints as a Word document, its charts as
// pictures, for the bureau to edit before 签发.
func (s *noticeScreen) word() {
	if n, ok := s.shown(); ok {
		s.u.wordNotice(n, func() ([][]byte, error) { return s.chartsOf(n) })
	}
}

// shown is the notice shown; before one is shown, that of the period
// typed in. ok is false when there is none (the user has been told why).
func (s *noticeScreen) shown() (app.Notice, bool) {
	n := s.cur
	if len(n.Rows) == 0 {
		p, err := app.ParsePeriod(strings.TrimSpace(s.period.Text))
		if err != nil {
			s.u.showError(app.FieldError{Field: "Period", Msg: err.Error()})
			return n, false
		}
		if n, err = s.noticeOf(p); err != nil {
			s.u.showError(err)
			return n, false
		}
	}
	return n, true
}

// chartsFor is *c, made with the window's font the first time.
func chartsFor(c **chart.Charts) (*chart.Charts, error) {
	if *c == nil {
		d, err := chart.New(assets.UIFont)
		if err != nil {
			return nil, err
		}
		*c = d
	}
	return *c, nil
}

// printNotice prints notice n with the charts drawings draws.
func (u *UI) printNotice(n app.Notice, drawings func() ([]*chart.Drawing, error)) {
	imgs, err := drawings()
	if err != nil {
		u.showError(err)
		return
	}
	is, ok := u.noticeIssuer()
	if !ok {
		return
	}
	u.printDoc(n.Period.Label()+"进展情况通报", func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.NoticeDoc(fs, is, n, imgs, at)
	})
}

// wordNotice writes notice n as a Word document with the charts (PNG)
// images draws.
func (u *UI) wordNotice(n app.Notice, images func() ([][]byte, error)) {
	imgs, err := images()
	if err != nil {
		u.showError(err)
		return
	}
	is, ok := u.noticeIssuer()
	if !ok {
		return
	}
	u.writeWord(n.Period.Label()+"进展情况通报", func(at time.Time) (*print.Word, error) {
		return print.NoticeWord(is, n, imgs, at)
	})
}

// noticeIssuer is the body that issues the notice, the city bureau: as
// set up in 设置 at the city, by default at a county that prints the
// notice published to it. ok is false when the settings could not be read
// (the user has been told).
func (u *UI) noticeIssuer() (app.Issuer, bool) {
	is := app.DefaultSettings().Issuer(app.Office{Code: app.CityCode, Name: app.OfficeName(app.CityCode), Role: app.RoleCity})
	if u.office.Role == app.RoleCity {
		st, err := u.svc.Settings(u.ctx)
		if err != nil {
			u.showError(err)
			return is, false
		}
		is = st.Issuer(u.office)
	}
	return is, true
}

// publish publishes the notice of the period typed in: each county gets
// it, read-only, in the city's next sync file to it. The notice published
// is then shown, to print dated on its day.
func (s *noticeScreen) publish() {
	p, err := app.ParsePeriod(strings.TrimSpace(s.period.Text))
	if err != nil {
		s.u.showError(app.FieldError{Field: "Period", Msg: err.Error()})
		return
	}
	pub, err := s.u.svc.PublishNotice(s.u.ctx, p)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.show(func() (app.Notice, error) {
		n, err := pub.Notice()
		n.Rows = n.Ranked()
		return n, err
	})
	s.u.notify(fmt.Sprintf("已发布%s进展通报（第%d版）：下次向各县区导出同步文件时一并发送", pub.Label, pub.Version))
}
