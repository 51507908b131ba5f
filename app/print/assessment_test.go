package print_test

import (
	"strconv"
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

func TestAssessmentForm(t *testing.T) {
	a := app.BlankAssessment("130302", 2026)
	for i := range a.Rows {
		r := &a.Rows[i]
		if r.Code != "" {
			r.Scored, r.Score, r.Figure = true, r.Weight-float64(i), "登记3件，办结2件（66.7%）"
			a.Total += r.Score
		}
	}
	d, err := print.AssessmentForm(testFonts(t), a, "海港区", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	txt := pdfText(t, b)
	inOrder(t, txt, "2026年度重点企业联系服务“五个一”工作机制考核评估表", "被考核单位：海港区", "考核年度：2026")
	for _, r := range a.Rows {
		inOrder(t, txt, r.Name)
	}
	inOrder(t, txt, "合计", "考核组成员（签字）：", "市工业和信息化局（盖章）")

	// Read column by column: names, full marks and scores in order.
	const left = 28.0
	w := 210.0 - 28 - 26
	var names, weights, scores []string
	for _, r := range a.Rows {
		names = append(names, r.Name)
		weights = append(weights, fmtNum(r.Weight))
		if r.Scored {
			scores = append(scores, fmtScore(r.Score))
		}
	}
	inOrder(t, columnText(t, b, left+w*0.125, w*0.17, 297), names...)
	inOrder(t, columnText(t, b, left+w*0.295, w*0.07, 297), append(weights, "100")...)
	inOrder(t, columnText(t, b, left+w*0.9, w*0.1, 297), append(scores, fmtScore(a.Total))...)
}

func TestAssessmentFormBlank(t *testing.T) {
	d, err := print.AssessmentForm(testFonts(t), app.BlankAssessment("130303", 2025), "山海关区", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, render(t, d))
	inOrder(t, txt, "2025年度", "被考核单位：山海关区")
	for _, r := range app.DefaultIndicators() {
		inOrder(t, txt, r.Name)
		inOrder(t, txt, r.Rule)
	}
	inOrder(t, txt, "考核组成员（签字）：", "市工业和信息化局（盖章）")
}

func fmtNum(f float64) string   { return strconv.FormatFloat(f, 'f', -1, 64) }
func fmtScore(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
