package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/data/datatest"
)

// The enterprise's page shows 一企一档 below its fields: the counts, and a
// row per record that opens the record on its own screen; a new
// enterprise shows none.
func TestEnterpriseProfile(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	d := datatest.FillEnterprise(t, u.svc, "秦皇岛港机重工有限公司", 1)
	datatest.FillEnterprise(t, u.svc, "秦皇岛耀华玻璃有限公司", 2)
	u.selectTab(u.ents)
	u.ents.reload()
	s := u.ents
	s.newRecord()
	if s.profile.root.Visible() || s.printBtn.Visible() {
		t.Error("a new enterprise shows a profile or its print button")
	}
	for i, e := range s.list {
		if e.ID == d.Enterprise.ID {
			s.table.pick(i)
		}
	}
	if s.cur.ID != d.Enterprise.ID {
		t.Fatalf("the enterprise is not open: %+v", s.cur)
	}
	if !s.profile.root.Visible() || !s.printBtn.Visible() {
		t.Fatal("no profile on the enterprise's page")
	}
	want := "联系领导：刘志远　走访 2 次　问题 2 个（在办 2，逾期 1）　会议 2 次　融资需求 1 项　转贷 1 笔"
	if got := s.profile.summary.Text; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	link := func(part string) *widget.Hyperlink {
		t.Helper()
		var found *widget.Hyperlink
		for _, l := range findAll[*widget.Hyperlink](s.profile.lists) {
			if strings.Contains(l.Text, part) {
				if found != nil {
					t.Fatalf("two rows with %q", part)
				}
				found = l
			}
		}
		if found == nil {
			t.Fatalf("no row with %q", part)
		}
		return found
	}
	// At 1024×768 the page's rows have the wider side of the screen.
	u.win.Resize(fyne.NewSize(1024, 768))
	layOut(u)
	if w := link("缺少焊工").Size().Width; w < 450 {
		t.Errorf("the rows of 一企一档 are %.0f px wide at 1024×768, want 450 or more", w)
	}
	// Newest first: the rows of the visits in the order of d.Visits.
	var order []string
	for _, l := range findAll[*widget.Hyperlink](s.profile.lists) {
		for _, v := range d.Visits {
			if strings.HasPrefix(l.Text, v.Date.String()+"　刘志远") {
				order = append(order, v.ID)
			}
		}
	}
	if !slices.Equal(order, []string{d.Visits[0].ID, d.Visits[1].ID}) {
		t.Errorf("visit rows %v, want %v", order, []string{d.Visits[0].ID, d.Visits[1].ID})
	}
	if strings.Contains(s.profile.summary.Text+rowsText(s), "耀华") {
		t.Error("another enterprise's records on the page")
	}
	tapButton(t, s.root, "打印企业档案")
	wantPDF(t, u, *opened, d.Enterprise.Name+"一企一档")
	open := func(part string) {
		t.Helper()
		layOut(u)
		l := link(part)
		test.TapAt(l, fyne.NewPos(20, l.Size().Height/2))
	}
	open(d.Visits[0].Date.String() + "　刘志远")
	if u.current() != u.visits || u.visits.cur.ID != d.Visits[0].ID {
		t.Errorf("the visit's row opened %v, visit %q", u.tabs.Selected().Text, u.visits.cur.ID)
	}
	u.selectTab(u.ents)
	open("缺少焊工三十名")
	if u.current() != u.ledger || u.ledger.shown() != d.Problems[0].ID {
		t.Errorf("the problem's row opened %v, problem %q", u.tabs.Selected().Text, u.ledger.shown())
	}
	u.selectTab(u.ents)
	open("请加快办理用地指标")
	if u.ledger.shown() != d.Problems[1].ID {
		t.Errorf("the comment's row opened problem %q", u.ledger.shown())
	}
	u.selectTab(u.ents)
	open("在本企业召开")
	if u.current() != u.meetings || u.meetings.cur.ID != d.Meetings[1].ID {
		t.Errorf("the meeting's row opened %v, meeting %q", u.tabs.Selected().Text, u.meetings.cur.ID)
	}
	u.selectTab(u.ents)
	open(d.Needs[0].Date.String())
	if u.current() != u.finance || u.finance.cur.ID != d.Needs[0].ID {
		t.Errorf("the need's row opened %v, need %q", u.tabs.Selected().Text, u.finance.cur.ID)
	}
	u.selectTab(u.ents)
	open(d.Loans[0].AppliedOn.String())
	if u.current() != u.loans || u.loans.cur.ID != d.Loans[0].ID {
		t.Errorf("the loan's row opened %v, loan %q", u.tabs.Selected().Text, u.loans.cur.ID)
	}
	u.selectTab(u.ents)
	open("王建国")
	if u.current() != u.leaders || u.leaders.cur.ID != d.Former.ID {
		t.Errorf("the leader's row opened %v, leader %q", u.tabs.Selected().Text, u.leaders.cur.ID)
	}
}

// rowsText is the text of every row of the enterprise's profile.
func rowsText(s *enterprisesScreen) string {
	var b strings.Builder
	for _, l := range findAll[*widget.Hyperlink](s.profile.lists) {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}
