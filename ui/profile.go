package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
)

// profileRows is the most rows a list of 一企一档 shows on the page; the
// rest are on the list's own screen.
const profileRows = 20

// The share of the enterprises screen its list takes (Split.Offset):
// most of it while a new enterprise is entered, less while an
// enterprise's page shows its 一企一档, whose lines need the width (at
// 1024×768 they were cut to a few words).
const (
	listOffset     = 0.6
	pageListOffset = 0.4
)

// pageOffset is the list's share with an enterprise's page open or not.
func pageOffset(page bool) float64 {
	if page {
		return pageListOffset
	}
	return listOffset
}

// profilePane is 一企一档 below an enterprise's fields: a summary line and
// the lists of everything recorded about it, newest first, each row a
// click from its record on its own screen.
type profilePane struct {
	u       *UI
	p       app.Profile
	summary *widget.Label
	lists   *fyne.Container
	root    *fyne.Container
}

func newProfilePane(u *UI) *profilePane {
	pp := &profilePane{u: u, summary: widget.NewLabel(""), lists: container.NewVBox()}
	pp.summary.Wrapping = fyne.TextWrapWord
	pp.root = container.NewVBox(widget.NewSeparator(), sectionTitle("一企一档"), pp.summary, pp.lists)
	pp.root.Hide()
	return pp
}

// show reads and shows the profile of the enterprise with id; "" hides it.
func (pp *profilePane) show(id string) {
	pp.lists.RemoveAll()
	if id == "" {
		pp.p = app.Profile{}
		pp.root.Hide()
		return
	}
	p, err := pp.u.svc.Profile(pp.u.ctx, id)
	if err != nil {
		pp.p = app.Profile{}
		pp.summary.SetText(app.Message(err))
		pp.root.Show()
		return
	}
	pp.p = p
	pp.summary.SetText(p.Summary())
	u := pp.u
	pp.list("联系领导", tabLeaders, len(p.Assignments), func(i int) (string, func()) {
		a := p.Assignments[i]
		return fmt.Sprintf("%s　%s　%s起", a.LeaderName, p.State(a), a.From), func() { u.showLeader(a.LeaderID) }
	})
	pp.list("走访", tabVisits, len(p.Visits), func(i int) (string, func()) {
		v := p.Visits[i]
		return fmt.Sprintf("%s　%s　%s　%s", v.Date, v.LeaderName, v.Mode, oneLine(v.Findings)), func() { u.showVisit(v) }
	})
	pp.list("问题", tabLedger, len(p.Problems), func(i int) (string, func()) {
		x := p.Problems[i]
		return fmt.Sprintf("%s　%s　%s　%s", x.Number, p.ProblemStatus(x), x.Category, oneLine(x.Description)), func() { u.showProblem(x.ID) }
	})
	pp.list("督办意见", tabLedger, len(p.Comments), func(i int) (string, func()) {
		c := p.Comments[i]
		return fmt.Sprintf("%s　%s　%s", c.Date, c.ProblemNumber, oneLine(c.Text)), func() { u.showProblem(c.ProblemID) }
	})
	pp.list("会议", tabMeetings, len(p.Meetings), func(i int) (string, func()) {
		m := p.Meetings[i]
		return fmt.Sprintf("%s　%s　%s", m.Date, m.Title(), p.Role(m)), func() { u.showMeeting(m) }
	})
	pp.list("融资需求", tabFinancing, len(p.Financing), func(i int) (string, func()) {
		n := p.Financing[i]
		return fmt.Sprintf("%s　%s　%s　%s", n.Date, n.Amount, n.Bank, n.Status), func() { u.showNeed(n) }
	})
	pp.list("转贷", tabLoans, len(p.Loans), func(i int) (string, func()) {
		l := p.Loans[i]
		return fmt.Sprintf("%s　%s　%s　%s", l.AppliedOn, l.Applied, l.Bank, l.Status), func() { u.showLoan(l.ID) }
	})
	pp.root.Show()
}

// list adds the list title (n records, on the screen tab) with its first
// rows, each a link that opens its record.
func (pp *profilePane) list(title, tab string, n int, row func(i int) (string, func())) {
	if n == 0 {
		return
	}
	pp.lists.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s（%d）", title, n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i := range min(n, profileRows) {
		text, open := row(i)
		l := widget.NewHyperlink(text, nil)
		l.Truncation = fyne.TextTruncateEllipsis
		l.OnTapped = open
		pp.lists.Add(l)
	}
	if n > profileRows {
		pp.lists.Add(widget.NewLabel(fmt.Sprintf("……等%d条，其余请到“%s”查看", n, tab)))
	}
}

// print prints the one-page 一企一档 of the profile shown.
func (pp *profilePane) print() {
	p := pp.p
	if p.Enterprise.ID == "" {
		return
	}
	pp.u.printDoc(p.Enterprise.Name+"一企一档", func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.ProfileForm(fs, p, at)
	})
}

// showVisit opens visit v in the visits tab.
func (u *UI) showVisit(v app.Visit) {
	u.ShowTab(tabVisits)
	u.visits.edit(v)
}

// showMeeting opens meeting m in the meetings tab.
func (u *UI) showMeeting(m app.Meeting) {
	u.ShowTab(tabMeetings)
	u.meetings.tabs.SelectIndex(0)
	u.meetings.edit(m)
}

// showNeed opens financing need n in the financing tab.
func (u *UI) showNeed(n app.FinancingNeed) {
	u.ShowTab(tabFinancing)
	u.finance.tabs.SelectIndex(0)
	u.finance.edit(n)
}
