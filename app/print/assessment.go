package print

import (
	"fmt"
	"strconv"
	"time"

	"wugeyi/app"
)

// AssessmentForm lays out the yearly assessment form (考核评估表) of the
// office named officeName: a row per indicator with its group, name, full
// marks, scoring rule, what the records show and the score; rows scored by
// hand (and every row of a blank form) are left empty, tall enough to
// write in. Signature lines for the assessment group and the office close
// it.
func AssessmentForm(fs *Fonts, a app.Assessment, officeName string, at time.Time) (*Doc, error) {
	title := fmt.Sprintf("%d年度重点企业联系服务“五个一”工作机制考核评估表", a.Year)
	d, err := New(fs, Official, officeName+title, at)
	if err != nil {
		return nil, err
	}
	d.Title(title)
	d.sides("被考核单位："+officeName, "考核年度："+strconv.Itoa(a.Year), Song, Size4)
	d.Space(2)

	w := d.Width()
	t := Table{Size: Size5, Widths: []float64{w * 0.125, w * 0.17, w * 0.07, w * 0.285, w * 0.25, w * 0.1}}
	var head Row
	for _, h := range []string{"考核项目", "考核内容", "分值", "评分标准", "完成情况", "得分"} {
		head.Cells = append(head.Cells, Cell{Text: h, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	var rows []Row
	var weights float64
	byHand := false
	for i, r := range a.Rows {
		group := r.Group
		if i > 0 && a.Rows[i-1].Group == r.Group {
			group = "" // the group is named on its first row
		}
		score := ""
		if r.Scored {
			score = strconv.FormatFloat(r.Score, 'f', 1, 64)
		} else {
			byHand = true
		}
		rows = append(rows, Row{Height: 14, Cells: []Cell{
			{Text: group, Align: Center, Face: Hei},
			{Text: r.Name, Align: Center},
			{Text: strconv.FormatFloat(r.Weight, 'f', -1, 64), Align: Center},
			{Text: r.Rule},
			{Text: r.Figure},
			{Text: score, Align: Center},
		}})
		weights += r.Weight
	}
	total := ""
	if !byHand || a.Total > 0 {
		total = strconv.FormatFloat(a.Total, 'f', 1, 64)
	}
	note := ""
	if byHand && a.Total > 0 {
		note = "得分为按记录计算的部分，人工评分项另行填写后合计"
	}
	rows = append(rows, Row{Height: 12, Cells: []Cell{
		{Text: "合计", Span: 2, Align: Center, Face: Hei},
		{Text: strconv.FormatFloat(weights, 'f', -1, 64), Align: Center},
		{Text: note, Span: 2},
		{Text: total, Align: Center},
	}})
	d.Table(t, rows)

	d.Space(5)
	d.setFont(Song, Size4)
	d.need(3 * d.lineHeight()) // the signatures stay together
	d.sides("考核组成员（签字）：", "被考核单位负责人（签字）：　　　　　", Song, Size4)
	d.Space(6)
	d.sides("市工业和信息化局（盖章）", "日期：　　年　　月　　日", Song, Size4)
	return d, nil
}
