package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
)

// printInto sends u's printed documents to a temporary folder and records
// the files it would open in the PDF viewer.
func printInto(t *testing.T, u *UI) *[]string {
	t.Helper()
	u.printer.dir = t.TempDir()
	var opened []string
	u.printer.open = func(path string) error { opened = append(opened, path); return nil }
	return &opened
}

// tapButton taps the button labelled text under root.
func tapButton(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	for _, b := range findAll[*widget.Button](root) {
		if b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q", text)
}

// wantPDF checks that the last document printed is a PDF file in the print
// folder, opened once, whose name starts with name.
func wantPDF(t *testing.T, u *UI, opened []string, name string) {
	t.Helper()
	if len(opened) == 0 || opened[len(opened)-1] != u.printer.last {
		t.Fatalf("%s: opened %q, last written %q", name, opened, u.printer.last)
	}
	path := u.printer.last
	if filepath.Dir(path) != u.printer.dir || !strings.HasPrefix(filepath.Base(path), name) || filepath.Ext(path) != ".pdf" {
		t.Errorf("%s: written as %s", name, path)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
		t.Errorf("%s: %s is not a whole PDF (%v)", name, path, err)
	}
}

// Every blank form and the assessment form, filled and blank, print from
// the 打印 screen.
func TestPrintScreen(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	u.printing.reload()
	if !strings.Contains(u.printing.folder.Text, u.printer.dir) {
		t.Errorf("the screen says %q", u.printing.folder.Text)
	}
	for _, k := range print.FormKinds {
		tapButton(t, u.printing.root, k.Label())
		wantPDF(t, u, *opened, k.Label())
	}
	if u.printing.office.Selected != "海港区" || len(u.printing.office.Options) != 1 {
		t.Errorf("a county chooses among %q", u.printing.office.Options)
	}
	tapButton(t, u.printing.root, "按记录填写并打印")
	wantPDF(t, u, *opened, "海港区2026年度考核评估表")
	tapButton(t, u.printing.root, "打印空白表")
	wantPDF(t, u, *opened, "海港区2026年度考核评估表（空白）")

	n := len(*opened)
	u.printing.year.SetText("1999")
	tapButton(t, u.printing.root, "按记录填写并打印")
	if len(*opened) != n {
		t.Error("a form was printed for the year 1999")
	}
}

// The ledger prints as filtered; a meeting's minutes print from its form.
func TestPrintLedgerAndMinutes(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	ctx := context.Background()
	e := addEnterprise(t, u, "秦皇岛耀华玻璃股份有限公司", 1)
	for _, d := range []string{"用地指标不足", "环评审批慢"} {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Source: "企业反映", Category: "用地", Description: d,
			Registered: app.D(2026, 11, 2)}}
		if err := u.svc.RegisterProblem(ctx, &np); err != nil {
			t.Fatal(err)
		}
	}
	u.selectTab(u.ledger)
	tapButton(t, u.ledger.root, "打印台账")
	wantPDF(t, u, *opened, "海港区问题台账")

	m := app.Meeting{Kind: app.MeetingOnSite, Format: app.MeetingOnSite.Formats()[0], Date: app.D(2026, 11, 20), Place: "企业会议室",
		EnterpriseID: e.ID, Chair: "李明", Minutes: "协调解决用地问题。"}
	if err := u.svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	u.selectTab(u.meetings)
	u.meetings.edit(m)
	if !u.meetings.printBtn.Visible() {
		t.Fatal("no 打印纪要 on a saved meeting")
	}
	tapButton(t, u.meetings.root, "打印纪要")
	wantPDF(t, u, *opened, m.Title()+"纪要")
	u.meetings.newRecord()
	if u.meetings.printBtn.Visible() {
		t.Error("打印纪要 on a meeting not saved yet")
	}
}

// At a county, 市局通报 prints the office's own figures of the period typed
// in (its 工作总结's table); a period that is not one is refused by name.
func TestPrintOwnFigures(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	s := u.published
	u.selectTab(s)
	s.period.SetText("2026Q3")
	tapButton(t, s.root, "打印统计表")
	wantPDF(t, u, *opened, "2026年第三季度工作情况统计表")
	s.period.SetText("2026年秋")
	before := len(*opened)
	tapButton(t, s.root, "打印统计表")
	if len(*opened) != before || !strings.Contains(dialogText(u), "2026年秋") {
		t.Errorf("a period that is none: opened %d files, the dialog says %q", len(*opened)-before, dialogText(u))
	}
}
