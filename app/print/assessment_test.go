package print_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

// filledAssessment is an assessment of 海港区 with every computed row
// scored, as Service.Assessment gives it.
func filledAssessment(tb testing.TB) app.Assessment {
	tb.Helper()
	a := app.BlankAssessment("130302", 2026, app.DefaultIndicators())
	a.End = app.D(2026, 12, 31)
	figures := map[string]string{
		app.IndCoverage:     "32家重点企业中30家有领导分包，93.8%",
		app.IndVisits:       "每3个月走访1次，应走访120次，到位103次，85.8%",
		app.IndMeetings:     "应召开20期，已召开17期（企业家恳谈会4/4、企业现场办公会10/12、银企对接会3/4），85.0%",
		app.IndSettled:      "登记334件，已办结308件，92.2%",
		app.IndOnTime:       "已办结或到期312件，按时办结281件，90.1%",
		app.IndSatisfaction: "回访260件：满意221件、基本满意31件、不满意8件，得分率90.0%",
	}
	for i := range a.Rows {
		r := &a.Rows[i]
		if r.Code == "" {
			continue
		}
		f, ok := figures[r.Code]
		if !ok {
			tb.Fatalf("no figure for %s", r.Code)
		}
		r.Scored, r.Figure = true, f
		r.Score = float64(int(r.Weight*0.9*10+float64(i))) / 10
		a.Total += r.Score
	}
	return a
}

// assessShares are the shares of the text block (170 mm from 20 mm, the
// Form layout) of the form's columns, as print lays them out.
var assessShares = []float64{0.1, 0.13, 0.06, 0.415, 0.23, 0.065}

// assessColumn is the text pdftotext reads down column i of the form's
// table, over all pages. pdftotext reads cells side by side in an order
// of its own, so what a column holds is checked column by column.
func assessColumn(t *testing.T, b []byte, i int) string {
	t.Helper()
	const left, width = 20.0, 170.0
	x := left
	for _, s := range assessShares[:i] {
		x += width * s
	}
	return columnText(t, b, x, width*assessShares[i], 297)
}

// The filled form reads title, office and the signature lines in order,
// and down each column of the table its group, name, full marks, rule,
// figure and score, with the subtotal of the computed scores and the
// total left to write under them.
func TestAssessmentForm(t *testing.T) {
	a := filledAssessment(t)
	d, err := print.AssessmentForm(testFonts(t), a, "海港区", app.AssessmentStamp{}, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	saveForLooking(t, "filled", b)
	txt := pdfText(t, b)
	inOrder(t, txt, "2026年度秦皇岛市重点企业联系服务“五个一”工作机制考核评估表",
		"被考核单位：海港区", "考核项目", "考核内容", "分值", "评分标准", "完成情况", "得分")
	inOrder(t, txt, "送审稿", "考核组成员（签字）：", "秦皇岛市工业和信息化局（盖章）") // the left side
	inOrder(t, txt, "被考核单位负责人（签字）：", "日期：2026年3月16日（送审稿）")  // the right side
	if !strings.Contains(txt, "统计截至：2026年12月31日") {         // pdftotext reads it in an order of its own
		t.Error("no 统计截至")
	}
	if n := d.Pages(); n != 1 {
		t.Errorf("%d pages, want the default scheme on one", n)
	}

	var names, weights, rules, figures, scores []string
	for _, r := range a.Rows {
		names = append(names, r.Name)
		weights = append(weights, strconv.FormatFloat(r.Weight, 'f', -1, 64))
		rules = append(rules, r.Rule)
		if r.Scored {
			figures = append(figures, r.Figure)
			scores = append(scores, strconv.FormatFloat(r.Score, 'f', 1, 64))
		}
	}
	inOrder(t, assessColumn(t, b, 0), "考核项目", app.GroupMeasures, app.GroupResults, app.GroupMechanism)
	inOrder(t, txt, "按记录计算小计", "合计") // across columns 1 and 2
	inOrder(t, assessColumn(t, b, 1), append([]string{"考核内容"}, names...)...)
	inOrder(t, assessColumn(t, b, 2), append(append([]string{"分值"}, weights...), "80", "100")...)
	inOrder(t, assessColumn(t, b, 3), append(append([]string{"评分标准"}, rules...), "人工评分项（2项）另行填写")...)
	inOrder(t, assessColumn(t, b, 4), append([]string{"完成情况"}, figures...)...)
	inOrder(t, assessColumn(t, b, 5), append(append([]string{"得分"}, scores...), strconv.FormatFloat(a.Total, 'f', 1, 64))...)
}

// With every row computed, the total is printed and no subtotal.
func TestAssessmentFormAllComputed(t *testing.T) {
	a := filledAssessment(t)
	var rows []app.AssessmentRow
	for _, r := range a.Rows {
		if r.Scored {
			rows = append(rows, r)
		}
	}
	a.Rows = rows
	d, err := print.AssessmentForm(testFonts(t), a, "海港区", app.AssessmentStamp{}, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	if txt := pdfText(t, b); strings.Contains(txt, "小计") || strings.Contains(txt, "人工评分") {
		t.Error("a subtotal with no row scored by hand")
	}
	inOrder(t, assessColumn(t, b, 1), "企业满意度", "合计")
	inOrder(t, assessColumn(t, b, 2), "10", "80")
	inOrder(t, assessColumn(t, b, 5), "9.5", strconv.FormatFloat(a.Total, 'f', 1, 64))
}

// The blank form has every indicator and rule, and no figure, score or
// total.
func TestAssessmentFormBlank(t *testing.T) {
	d, err := print.AssessmentForm(testFonts(t), app.BlankAssessment("130303", 2025, app.DefaultIndicators()), "山海关区", app.AssessmentStamp{}, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	saveForLooking(t, "blank", b)
	txt := pdfText(t, b)
	inOrder(t, txt, "2025年度秦皇岛市重点企业联系服务“五个一”工作机制考核评估表", "被考核单位：山海关区")
	inOrder(t, txt, "考核组成员（签字）：", "秦皇岛市工业和信息化局（盖章）", "日期：　　　年　　月　　日")
	if d.Pages() != 1 {
		t.Errorf("the blank form takes %d pages", d.Pages())
	}
	for _, s := range []string{"统计截至", "小计", "%", "送审稿"} {
		if strings.Contains(txt, s) {
			t.Errorf("the blank form says %q", s)
		}
	}
	var names, rules []string
	for _, r := range app.DefaultIndicators() {
		names = append(names, r.Name)
		rules = append(rules, r.Rule)
	}
	inOrder(t, assessColumn(t, b, 1), append(names, "合计")...)
	inOrder(t, assessColumn(t, b, 2), "100")
	inOrder(t, assessColumn(t, b, 3), rules...)
	for _, i := range []int{4, 5} { // 完成情况 and 得分: nothing but the heads
		if col := assessColumn(t, b, i); strings.ContainsAny(col, "0123456789.%") {
			t.Errorf("column %d reads %q", i, col)
		}
	}
}

// saveForLooking writes the PDF b to $ASSESS_PDF_DIR/name.pdf when that is
// set, to look at the pages.
func saveForLooking(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := os.Getenv("ASSESS_PDF_DIR")
	if dir == "" {
		return
	}
	if err := os.WriteFile(dir+"/"+name+".pdf", b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A published assessment prints its hand scores with who gave them, the
// total of all rows, and its rank, grade and share of the fund under the
// table.
func TestAssessmentFormPublished(t *testing.T) {
	a := filledAssessment(t)
	for i := range a.Rows {
		if r := &a.Rows[i]; r.Code == "" {
			r.Score, r.Scored, r.By = 8.5, true, "王科长"
			a.Total += r.Score
		}
	}
	a.Rows[len(a.Rows)-1].By = "命令行" // entered at the command line: no person named
	a.Rank, a.Of, a.Grade, a.Fund, a.Share = 2, 9, app.GradeOf(a.Total), 100_000_000, 2_486_203
	stamp := app.AssessmentStamp{Sealer: "秦皇岛市工业和信息化局", Published: app.D(2027, 1, 15)}
	d, err := print.AssessmentForm(testFonts(t), a, "海港区", stamp, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	saveForLooking(t, "published", b)
	txt := pdfText(t, b)
	if strings.Contains(txt, "小计") || strings.Contains(txt, "另行填写") {
		t.Error("a subtotal on a form with every row scored")
	}
	inOrder(t, assessColumn(t, b, 4), "人工评分（评分人：王科长）", "人工评分（评分人：＿＿＿＿＿＿）")
	if strings.Contains(txt, "命令行") || strings.Contains(txt, "送审稿") {
		t.Errorf("the published form names the command line or is marked a draft:\n%s", txt)
	}
	inOrder(t, txt, "秦皇岛市工业和信息化局（盖章）", "日期：2027年1月15日")
	if d.Pages() != 1 {
		t.Errorf("the published form takes %d pages", d.Pages())
	}
	inOrder(t, assessColumn(t, b, 5), "8.5", "8.5", strconv.FormatFloat(a.Total, 'f', 1, 64))
	flat := strings.Join(strings.Fields(txt), "")
	want := "在9个县区中排名第2，考核等次：" + a.Grade + "。按得分比例建议分配资金248.62万元（资金总额10000万元）。"
	if !strings.Contains(flat, want) {
		t.Errorf("the form does not say %q:\n%s", want, txt)
	}
}
