package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// The city's 进展通报: a county's imported records show in its row, the
// charts are drawn, each figure opens the county's records behind it, and
// the notice prints; a county has no such screen.
func TestNoticeScreen(t *testing.T) {
	city, st := newTestUIOf(t, cityOffice)
	opened := printInto(t, city)
	p := app.Problem{Meta: received("00000000-0000-4000-8000-000000000001", "130303"), Number: "山海关-2026-0001",
		Source: "企业反映", Category: "用地", Description: "用地指标不足", Registered: app.D(2026, 10, 12), Status: app.StatusRegistered}
	putReceived(t, st, app.TableProblems, p.Meta, p)
	s := city.notice
	if s == nil {
		t.Fatal("the city has no 进展通报")
	}
	city.selectTab(s)
	if s.period.Text != "2026-10" {
		t.Errorf("the period offered is %q, want last month", s.period.Text)
	}
	s.reload()
	if len(s.cur.Rows) != 9 || len(s.charts.Objects) != 3 {
		t.Fatalf("%d rows, %d charts", len(s.cur.Rows), len(s.charts.Objects))
	}
	row := -1
	for i, r := range s.cur.Rows {
		if r.Office == "130303" {
			row = i
			if r.Raised != 1 || r.Open != 1 {
				t.Errorf("山海关区's row %+v", r)
			}
		}
		if got, _ := s.cell(i, 0); r.Rank != 0 || got != "—" {
			t.Errorf("no county reported, yet row %d has rank %d, reads %q", i, r.Rank, got)
		}
	}
	if !strings.Contains(s.note.Text, "报送本期数据的县区0个，不足4个，不作排名") || !strings.Contains(s.note.Text, "送审稿") {
		t.Errorf("the note reads %q", s.note.Text)
	}
	if got, _ := s.cell(row, 1); got != "山海关区" {
		t.Errorf("the row reads %q", got)
	}
	if got, _ := s.cell(row, 13); got != "未报送" {
		t.Errorf("a county that sent no file reads %q", got)
	}
	for _, tc := range []struct {
		col  int
		want screen
	}{{2, city.leaders}, {3, city.ents}, {4, city.visits}, {11, city.meetings}, {12, city.loans}, {5, city.ledger}, {1, city.ledger}} {
		s.open(row, tc.col)
		if city.officeF.Selected != "山海关区" || city.current() != tc.want {
			t.Errorf("column %d opened %q, %T", tc.col, city.officeF.Selected, city.current())
		}
	}
	if len(city.ledger.list) != 1 || city.ledger.overdue.Checked {
		t.Errorf("the 登记 figure opened %d problems, overdue only %v", len(city.ledger.list), city.ledger.overdue.Checked)
	}
	s.open(row, 8)
	if !city.ledger.overdue.Checked || len(city.ledger.list) != 0 {
		t.Errorf("the 逾期 figure opened %d problems, overdue only %v", len(city.ledger.list), city.ledger.overdue.Checked)
	}
	city.selectTab(s)
	tapButton(t, s.root, "打印通报")
	wantPDF(t, city, *opened, "2026年10月进展情况通报")

	s.period.SetText("2026年10月")
	s.reload()
	if !strings.Contains(s.note.Text, "不是通报期间") {
		t.Errorf("a bad period says %q", s.note.Text)
	}
	county, _ := newTestUI(t)
	if county.notice != nil {
		t.Error("a county has the 进展通报")
	}
}

// The city publishes a notice; the county that imports the city's file
// sees it under 市局通报, read-only, and prints it.
func TestPublishedNoticeAtCounty(t *testing.T) {
	city, _ := newTestUIOf(t, cityOffice)
	county, countyStore := newTestUI(t)
	opened := printInto(t, county)
	county.selectTab(county.published)
	if !strings.Contains(county.published.note.Text, "尚未收到") {
		t.Errorf("before any notice the county reads %q", county.published.note.Text)
	}
	city.notice.period.SetText("2026Q3")
	tapButton(t, city.notice.root, "发布通报")
	pubs, err := city.svc.Store.PublishedNotices(city.ctx)
	if err != nil || len(pubs) != 1 {
		t.Fatalf("the city published %d notices (%v)", len(pubs), err)
	}
	if cur := city.notice.cur; cur.Published != pubs[0].Published || cur.Period.String() != "2026Q3" || len(cur.Rows) != 9 ||
		!strings.Contains(city.notice.note.Text, pubs[0].Published.Chinese()+"发布") {
		t.Errorf("after publishing the city shows the notice of %v published %v: %q", cur.Period, cur.Published, city.notice.note.Text)
	}
	data, err := json.Marshal(pubs[0])
	if err != nil {
		t.Fatal(err)
	}
	err = countyStore.Update(county.ctx, app.Op{Operator: "导入", At: time.Now()}, func(tx app.Tx) error {
		return tx.Put(app.Change{Table: app.TableNotices, ID: pubs[0].ID, Office: app.CityCode, Version: pubs[0].Version, Data: data})
	})
	if err != nil {
		t.Fatal(err)
	}
	county.published.reload()
	s := county.published
	if len(s.choice.Options) != 1 || !strings.Contains(s.choice.Selected, "2026年第三季度") || len(s.cur.Rows) != 9 || len(s.charts.Objects) != 2 {
		t.Fatalf("the county shows %q: %d rows, %d charts", s.choice.Selected, len(s.cur.Rows), len(s.charts.Objects))
	}
	for _, b := range findAll[*widget.Button](s.root) {
		if b.Text == "发布通报" || b.Text == "生成通报" {
			t.Errorf("a county has %q", b.Text)
		}
	}
	tapButton(t, s.root, "打印通报")
	wantPDF(t, county, *opened, "2026年第三季度进展情况通报")
}
