package print_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/print"
)

// ledgerProblems are n problems of 海港区 with texts of varied length,
// registered a day apart.
func ledgerProblems(n int) []app.Problem {
	var ps []app.Problem
	for i := range n {
		p := app.Problem{Meta: app.Meta{Office: "130302"}, Number: fmt.Sprintf("海港-2026-%04d", i+1), EnterpriseName: fmt.Sprintf("秦皇岛第%d玻璃制品有限公司", i+1),
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

// ledgerColumn finds the column head among heads, failing the test
// without it.
func ledgerColumn(t *testing.T, heads []string, head string) int {
	t.Helper()
	c := slices.Index(heads, head)
	if c < 0 {
		t.Fatalf("no column %s among %q", head, heads)
	}
	return c
}

// readColumns is the text of each column of the ledger PDF b whose
// columns are widths wide.
func readColumns(t *testing.T, b []byte, widths []float64) []string {
	t.Helper()
	const left = 15.0
	var out []string
	x := left
	for _, w := range widths {
		out = append(out, columnText(t, b, x, w, 210))
		x += w
	}
	return out
}

// The county's ledger: oldest first whatever the order given, every cell
// in its column, open problems past their deadline with the days
// overdue, the head on every page, no 县区 or 督办意见 column.
func TestLedger(t *testing.T) {
	ps := ledgerProblems(40)
	given := slices.Clone(ps)
	slices.Reverse(given) // as the store lists them: newest first
	today := app.D(2026, 3, 16)
	info := print.LedgerInfo{Title: "海港区", Filter: "状态：全部", Today: today}
	d, err := print.Ledger(testFonts(t), given, info, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages() < 2 {
		t.Fatalf("40 problems on %d pages", d.Pages())
	}
	heads, widths, err := print.LedgerColumns(testFonts(t), given, info)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"序号", "编号", "企业名称", "类别", "问题描述及企业诉求", "牵头单位（配合单位）", "责任人", "登记日期", "办理时限", "状态", "逾期天数", "办理结果"}
	if !slices.Equal(heads, want) {
		t.Fatalf("columns %q, want %q", heads, want)
	}
	if sum := floatSum(widths); sum < 266.9 || sum > 267.1 {
		t.Errorf("the columns are %.1f mm wide together, not the text block's 267 mm: %.1f", sum, widths)
	}
	b := render(t, d)
	txt := pdfText(t, b)
	inOrder(t, txt, "海港区重点企业问题台账", "（状态：全部；截至2026年3月16日，共40件）")
	// Column by column, every cell is there in order, its wrapped lines
	// read back whole.
	cols := make([][]string, len(heads))
	overdue := 0
	for i, p := range ps {
		days := ""
		if p.Overdue(today, app.Calendar{}) {
			days = fmt.Sprint(p.Deadline.DaysUntil(today))
			overdue++
		}
		for c, v := range []string{fmt.Sprint(i + 1), p.Number, p.EnterpriseName, p.Category, p.Description + "诉求：" + p.Request,
			p.LeadDept + "（" + p.SupportDepts + "）", p.Person, p.Registered.String(), p.Deadline.String(), string(p.Status), days, p.Result} {
			if v != "" {
				cols[c] = append(cols[c], v)
			}
		}
	}
	if overdue == 0 || overdue == len(ps) {
		t.Fatalf("%d of %d problems overdue: the test needs both kinds", overdue, len(ps))
	}
	for c, text := range readColumns(t, b, widths) {
		inOrder(t, text, cols[c]...)
		if c == ledgerColumn(t, heads, "逾期天数") {
			if got := len(strings.Fields(text)) - d.Pages()*2; got != overdue { // the head is 逾期 / 天数
				t.Errorf("%d overdue days in their column, want %d: %q", got, overdue, text)
			}
		}
	}
	if heads := strings.Count(squeeze(txt), "问题描述及企业诉求"); heads != d.Pages() {
		t.Errorf("the head is on %d of %d pages", heads, d.Pages())
	}
	if got := pageNumbers(txt); len(got) != d.Pages() {
		t.Errorf("page numbers %q on %d pages", got, d.Pages())
	}
}

// The city's ledger has a 县区 column and the city's comments (督办意见):
// the latest of a problem, dated, cut short, with how many there are; a
// problem's number is never broken across lines.
func TestLedgerCity(t *testing.T) {
	ps := ledgerProblems(6)
	ps[1].Office, ps[1].Number = "130303", "山海关-2026-0354"
	ps[2].Office, ps[2].Number = "130321", "青龙-2026-0012"
	ps[3].Office, ps[3].Number = "130371", "开发区-2026-0101"
	ps[4].Office, ps[4].Number = "130300", "市级-2026-0005"
	ps[0].Person = "付洋（局长）"
	today := app.D(2026, 3, 16)
	long := "请" + strings.Repeat("抓紧协调", 12) + "。"
	saved := printedAt
	comments := []app.Comment{
		{ProblemID: "p2", Date: app.D(2026, 3, 2), Text: "请于月底前办结并反馈"},
		{ProblemID: "p2", Date: app.D(2026, 3, 12), Text: "同一天早些时候的意见", Meta: app.Meta{UpdatedAt: saved}},
		{ProblemID: "p2", Date: app.D(2025, 12, 30), Text: "去年的一条意见"},
		{ProblemID: "p2", Date: app.D(2026, 3, 12), Text: long, Meta: app.Meta{UpdatedAt: saved.Add(time.Hour)}},
		{ProblemID: "p3", Date: app.D(2025, 12, 30), Text: "请说明进展"},
	}
	for i := range ps {
		ps[i].ID = fmt.Sprintf("p%d", i+1)
	}
	info := print.LedgerInfo{Title: "全市", Today: today, City: true, Comments: comments}
	heads, widths, err := print.LedgerColumns(testFonts(t), ps, info)
	if err != nil {
		t.Fatal(err)
	}
	d, err := print.Ledger(testFonts(t), ps, info, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	pdfText(t, b)
	cols := readColumns(t, b, widths)
	inOrder(t, cols[ledgerColumn(t, heads, "县区")], "海港区", "山海关区", "青龙县", "开发区", "市级", "海港区")
	remarks := cols[ledgerColumn(t, heads, "督办意见")]
	inOrder(t, remarks, "3月12日（共4次）："+string([]rune(long)[:23])+"…", "2025年12月30日：请说明进展")
	for _, gone := range []string{"请于月底前办结并反馈", "同一天早些时候的意见", "去年的一条意见", string([]rune(long)[23:])} {
		if strings.Contains(squeeze(remarks), gone) {
			t.Errorf("the 督办意见 column has %q", gone)
		}
	}
	if person := strings.Fields(cols[ledgerColumn(t, heads, "责任人")]); !slices.Contains(person, "付洋") || !slices.Contains(person, "（局长）") {
		t.Errorf("the name and the post of 付洋（局长） are not on lines of their own: %q", person)
	}
	numbers := cols[ledgerColumn(t, heads, "编号")]
	for _, p := range ps {
		if !slices.Contains(strings.Fields(numbers), p.Number) {
			t.Errorf("the number %s is not whole on a line: %q", p.Number, numbers)
		}
	}
	// A county's ledger of its own problems has neither column; one of
	// problems of several offices has 县区.
	county, _, err := print.LedgerColumns(testFonts(t), ledgerProblems(3), print.LedgerInfo{Title: "海港区", Today: today, Comments: comments})
	if err != nil {
		t.Fatal(err)
	}
	mixed, _, err := print.LedgerColumns(testFonts(t), ps, print.LedgerInfo{Title: "海港区", Today: today, Comments: comments})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(county, "县区") || slices.Contains(county, "督办意见") || !slices.Contains(mixed, "县区") || slices.Contains(mixed, "督办意见") {
		t.Errorf("county columns %q, several offices %q", county, mixed)
	}
}

// The columns of long texts share the width by what they hold: long
// results widen 办理结果, long descriptions 问题描述; either way a row is
// no more than a few lines high.
func TestLedgerBalancesColumns(t *testing.T) {
	short, long := "企业反映用电增容。", strings.Repeat("经区发改局协调，供电公司已完成线路改造，企业用电恢复正常，", 3)
	for _, tc := range []struct {
		name                string
		description, result string
		wider, narrower     string
	}{
		{"long results", short, long, "办理结果", "问题描述及企业诉求"},
		{"long descriptions", long, short, "问题描述及企业诉求", "办理结果"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := ledgerProblems(60)
			for i := range ps {
				ps[i].Description, ps[i].Request, ps[i].Result = tc.description, "", tc.result
			}
			info := print.LedgerInfo{Title: "海港区", Today: app.D(2026, 3, 16)}
			heads, widths, err := print.LedgerColumns(testFonts(t), ps, info)
			if err != nil {
				t.Fatal(err)
			}
			wide, narrow := widths[ledgerColumn(t, heads, tc.wider)], widths[ledgerColumn(t, heads, tc.narrower)]
			if wide <= narrow {
				t.Errorf("%s is %.1f mm wide, %s %.1f mm: %.1f", tc.wider, wide, tc.narrower, narrow, widths)
			}
			d, err := print.Ledger(testFonts(t), ps, info, printedAt)
			if err != nil {
				t.Fatal(err)
			}
			// 87 characters in a column of about 100 mm: 4 lines, a
			// row of about 21 mm, 7 rows a page after the first.
			if perPage := float64(len(ps)) / float64(d.Pages()); perPage < 6.5 {
				t.Errorf("%d problems on %d pages: %.1f a page", len(ps), d.Pages(), perPage)
			}
		})
	}
}

func floatSum(ws []float64) float64 {
	var s float64
	for _, w := range ws {
		s += w
	}
	return s
}

// BenchmarkLedger lays out and writes a ledger of 1,000 problems, more
// than a county registers in a year.
func BenchmarkLedger(b *testing.B) {
	fs := testFonts(b)
	ps := ledgerProblems(1000)
	info := print.LedgerInfo{Title: "海港区", Today: app.D(2026, 3, 16)}
	b.ReportAllocs()
	var size, pages int
	for b.Loop() {
		d, err := print.Ledger(fs, ps, info, printedAt)
		if err != nil {
			b.Fatal(err)
		}
		pages = d.Pages()
		size = len(render(b, d))
	}
	b.ReportMetric(float64(size), "B/pdf")
	b.ReportMetric(float64(pages), "pages")
}
