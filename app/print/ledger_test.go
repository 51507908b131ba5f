package print_test

import (
	"fmt"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

// ledgerProblems are n problems of 海港区 with texts of varied length.
func ledgerProblems(n int) []app.Problem {
	var ps []app.Problem
	for i := range n {
		p := app.Problem{Number: fmt.Sprintf("海港-2026-%04d", i+1), EnterpriseName: fmt.Sprintf("秦皇岛第%d玻璃制品有限公司", i+1),
			Category: app.Categories[i%len(app.Categories)], Registered: app.D(2026, 1, 5).AddDays(i),
			Description: strings.Repeat("企业新建厂房需要办理施工许可，", 1+i%4) + fmt.Sprintf("涉及投资%d万元。", 100*(i+1)),
			Request:     "请协调有关部门加快审批", LeadDept: "区住建局", SupportDepts: "区自然资源局", Person: "王堃",
			Status: app.StatusAssigned, Deadline: app.D(2026, 2, 20).AddDays(i)}
		if i%3 == 0 {
			p.Status, p.Result, p.ClosedOn = app.StatusClosed, "已办结，企业取得施工许可证", app.D(2026, 3, 1)
		}
		ps = append(ps, p)
	}
	return ps
}

func TestLedger(t *testing.T) {
	ps := ledgerProblems(40)
	today := app.D(2026, 3, 16)
	d, err := print.Ledger(testFonts(t), ps, "海港区", "状态：全部", today, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages() < 3 {
		t.Fatalf("40 problems on %d pages", d.Pages())
	}
	b := render(t, d)
	txt := pdfText(t, b)
	inOrder(t, txt, "海港区重点企业问题台账", "（状态：全部；截至2026年3月16日，共40件）")
	// Column by column, every cell is there in order, its wrapped lines
	// read back whole.
	cols := make([][]string, len(print.LedgerShares()))
	for i, p := range ps {
		status := string(p.Status)
		if p.Overdue(today) {
			status += "逾期"
		}
		for c, v := range []string{fmt.Sprint(i + 1), p.Number, p.EnterpriseName, p.Category, p.Description + "诉求：" + p.Request,
			p.LeadDept + "（" + p.SupportDepts + "）", p.Person, p.Registered.String(), p.Deadline.String(), status, p.Result} {
			cols[c] = append(cols[c], v)
		}
	}
	const width, left = 297 - 30, 15.0
	x := left
	for c, share := range print.LedgerShares() {
		w := width * share / 100
		inOrder(t, columnText(t, b, x, w, 210), cols[c]...)
		x += w
	}
	if heads := strings.Count(squeeze(txt), "问题描述及企业诉求"); heads != d.Pages() {
		t.Errorf("the head is on %d of %d pages", heads, d.Pages())
	}
	if got := pageNumbers(txt); len(got) != d.Pages() {
		t.Errorf("page numbers %q on %d pages", got, d.Pages())
	}
}

// BenchmarkLedger lays out and writes a ledger of 400 problems, a
// county's year.
func BenchmarkLedger(b *testing.B) {
	fs := testFonts(b)
	ps := ledgerProblems(400)
	var size, pages int
	for b.Loop() {
		d, err := print.Ledger(fs, ps, "海港区", "", app.D(2026, 3, 16), printedAt)
		if err != nil {
			b.Fatal(err)
		}
		pages = d.Pages()
		size = len(render(b, d))
	}
	b.ReportMetric(float64(size)/1024, "KB")
	b.ReportMetric(float64(pages), "pages")
}
