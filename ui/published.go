package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
)

// publishedScreen (市局通报) shows a county the progress notices the city
// bureau published, as published: read-only, with their charts, to print.
type publishedScreen struct {
	u      *UI
	list   []app.PublishedNotice
	choice *widget.Select
	table  *recordTable
	note   *widget.Label
	charts *fyne.Container
	cur    app.Notice
	draw   *chart.Charts // read at the first notice shown
	period *widget.Entry // of this office's own figures
	root   fyne.CanvasObject
}

func newPublishedScreen(u *UI) *publishedScreen {
	s := &publishedScreen{u: u, note: widget.NewLabel(""), charts: container.NewGridWithColumns(2)}
	s.choice = newSelect(nil, func(string) { s.show() })
	s.table = newRecordTable(noticeColumns, func() int { return len(s.cur.Rows) }, func(r, c int) (string, widget.Importance) {
		return noticeCell(s.cur.Rows[r], c)
	}, nil)
	printBtn := widget.NewButton("打印通报", s.print)
	wordBtn := widget.NewButton("导出Word", s.word)
	hint := container.NewBorder(nil, nil, nil, widget.NewButton("收到的督办意见", u.showSupervision),
		wrapped("市工信局发布的进展通报随市局的同步文件到达，在此只能查看和打印。"))
	s.note.Wrapping = fyne.TextWrapWord
	// This office's own figures, for its 工作总结: a period, then print
	// or export.
	s.period = widget.NewEntry()
	last := u.svc.Today().AddMonths(-3)
	s.period.SetText(fmt.Sprintf("%dQ%d", last.Year(), last.Quarter()))
	own := buttonBar(widget.NewLabel("本单位工作情况"), container.NewGridWrap(fyne.NewSize(110, s.period.MinSize().Height), s.period),
		widget.NewButton("打印统计表", s.printOwn), u.exportButton(xlsx.ExportFigures, s.ownOptions))
	top := container.NewVBox(buttonBar(widget.NewLabel("通报"),
		container.NewGridWrap(fyne.NewSize(300, s.choice.MinSize().Height), s.choice), printBtn, wordBtn), hint, s.note, own)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewVSplit(s.table, s.charts))
	return s
}

func (s *publishedScreen) view() fyne.CanvasObject { return s.root }

// reload lists the notices received and shows the chosen one (the latest
// at first).
func (s *publishedScreen) reload() {
	l, err := s.u.svc.PublishedNotices(s.u.ctx)
	if err != nil {
		s.note.SetText(app.Message(err))
		return
	}
	s.list = l
	var labels []string
	for _, n := range l {
		labels = append(labels, noticeChoice(n))
	}
	if !offer(s.choice, labels, s.show) {
		s.cur = app.Notice{}
		s.note.SetText("尚未收到市工信局发布的进展通报。")
		s.table.reset()
		s.charts.RemoveAll()
	}
}

// offer makes labels the choices of sel and shows the one chosen with
// show, the first when the one chosen before is gone. It reports false,
// showing nothing, when there is no choice.
func offer(sel *widget.Select, labels []string, show func()) bool {
	sel.Options = labels
	sel.Refresh()
	switch {
	case len(labels) == 0:
		sel.ClearSelected()
		return false
	case !slices.Contains(labels, sel.Selected):
		sel.SetSelected(labels[0]) // shows it
	default:
		show()
	}
	return true
}

// noticeChoice names a published notice in the list.
func noticeChoice(n app.PublishedNotice) string {
	return fmt.Sprintf("%s（%s发布）", n.Label, n.Published.Chinese())
}

// show shows the notice chosen.
func (s *publishedScreen) show() {
	for _, n := range s.list {
		if noticeChoice(n) != s.choice.Selected {
			continue
		}
		cur, err := n.Notice()
		if err != nil {
			s.note.SetText(app.Message(err))
			return
		}
		cur.Rows = cur.Ranked()
		s.cur = cur
		s.note.SetText(fmt.Sprintf("%s，统计截至 %s，%s发布（第%d版）。", n.Label, n.End.Chinese(), n.Published.Chinese(), n.Version))
		s.table.reset()
		s.showCharts()
		return
	}
}

// word writes the notice shown, as published, as a Word document.
func (s *publishedScreen) word() {
	if len(s.cur.Rows) == 0 {
		return
	}
	s.u.wordNotice(s.cur, s.images)
}

// images draws the published notice's charts: the rates and the meetings
// (the trend needs every county's records, which only the city has).
func (s *publishedScreen) images() ([][]byte, error) {
	c, err := chartsFor(&s.draw)
	if err != nil {
		return nil, err
	}
	rates, err := c.SettleRates(s.cur, 16, 8)
	if err != nil {
		return nil, err
	}
	meetings, err := c.Meetings(s.cur, 16, 8)
	if err != nil {
		return nil, err
	}
	return [][]byte{rates, meetings}, nil
}

func (s *publishedScreen) showCharts() {
	imgs, err := s.images()
	if err == nil {
		err = showImages(s.charts, imgs)
	}
	if err != nil {
		s.note.SetText(app.Message(err))
	}
}

// print prints the notice shown, as published.
func (s *publishedScreen) print() {
	if len(s.cur.Rows) == 0 {
		return
	}
	s.u.printNotice(s.cur, func() ([]*chart.Drawing, error) {
		c, err := chartsFor(&s.draw)
		if err != nil {
			return nil, err
		}
		return c.PublishedDrawings(s.cur)
	})
}

// ownOptions selects this office's own figures of the period typed in.
func (s *publishedScreen) ownOptions() (xlsx.Options, error) {
	p, err := app.ParsePeriod(strings.TrimSpace(s.period.Text))
	return xlsx.Options{Period: p}, err
}

// printOwn prints this office's own figures of the period typed in, as
// the table of its 工作总结 (print.OwnFiguresDoc).
func (s *publishedScreen) printOwn() {
	o, err := s.ownOptions()
	if err != nil {
		s.u.showError(err)
		return
	}
	n, err := s.u.svc.OwnFigures(s.u.ctx, o.Period)
	if err != nil {
		s.u.showError(err)
		return
	}
	st, err := s.u.svc.Settings(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	is := st.Issuer(s.u.office)
	s.u.printDoc(o.Period.Label()+"工作情况统计表", func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.OwnFiguresDoc(fs, is, n, at)
	})
}
