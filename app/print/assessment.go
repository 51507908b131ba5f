package print

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"wugeyi/app"
)

// assessmentColumns are the widths of the assessment form's columns in a
// text block w mm wide: 考核项目, 考核内容, 分值, 评分标准, 完成情况, 得分.
func assessmentColumns(w float64) []float64 {
	return columns(w, 0.1, 0.13, 0.06, 0.415, 0.23, 0.065)
}

// Heights of the rows of the assessment form, mm, and its table's type:
// 小五 (9 pt), as forms of many columns take, so that the default
// scheme fits one page.
const (
	assessRowHeight   = 12 // a row filled from the records: room to write a hand score
	assessBlankHeight = 16 // a row to fill in by hand: room for the figures and the score
	assessTotalHeight = 9
	assessSize        = 9
)

// AssessmentForm lays out the yearly assessment form (考核评估表) a of the
// office named officeName, in the layout of official documents: a row
// per indicator with its group, name, full marks, scoring rule, what the
// records show and the score. Rows scored by hand, and every row of a
// blank form (app.BlankAssessment), are left empty and tall enough to
// write in. Under the table, the scores from the records add up to a
// subtotal when some rows are scored by hand, leaving the total to write;
// then the lines the assessment group and the office sign and the bureau
// seals (stamp.Sealer), dated the day stamp.Published; a draft is dated
// the day it is printed and marked 送审稿, and a blank form leaves the
// date to write. The form is a 表, not a 公文: it takes the Form layout
// and a smaller type than the body text, so that the default scheme
// fits one page. at is the document's creation date.
func AssessmentForm(fs *Fonts, a app.Assessment, officeName string, stamp app.AssessmentStamp, at time.Time) (*Doc, error) {
	title := fmt.Sprintf("%d年度秦皇岛市重点企业联系服务“五个一”工作机制考核评估表", a.Year)
	d, err := New(fs, Form, officeName+title, at)
	if err != nil {
		return nil, fmt.Errorf("assessment form: %w", err)
	}
	date := "日期：" + dateBlank
	switch {
	case !stamp.Published.IsZero():
		date = "日期：" + stamp.Published.Chinese()
	case !a.End.IsZero():
		date = "日期：" + app.DateOf(at).Chinese() + "（送审稿）"
		d.sides("", "送审稿", Hei, Size4)
	}
	d.Centred(fmt.Sprintf("%d年度秦皇岛市重点企业联系服务", a.Year), Song, Size2)
	d.Title("“五个一”工作机制考核评估表")
	asOf := ""
	if !a.End.IsZero() {
		asOf = "统计截至：" + a.End.Chinese()
	}
	d.sides("被考核单位："+officeName, asOf, Song, Size4)
	d.Space(2)

	t := Table{Size: assessSize, Widths: assessmentColumns(d.Width())}
	var head Row
	for _, h := range []string{"考核项目", "考核内容", "分值", "评分标准", "完成情况", "得分"} {
		head.Cells = append(head.Cells, label(h))
	}
	t.Head = []Row{head}
	var rows []Row
	var groups []string
	for _, r := range a.Rows {
		h, score := float64(assessBlankHeight), ""
		if r.Scored {
			h, score = assessRowHeight, pointsText(r.Score, 1)
		}
		rows = append(rows, Row{Height: h, Cells: []Cell{
			{}, // the group, drawn over the group's rows by groupedTable
			centred(d.balanced(r.Name, t.Widths[1]-2*cellPad, t.Size), 1),
			centred(pointsText(r.Weight, -1), 1),
			{Text: r.Rule},
			{Text: figureText(r)},
			centred(score, 1),
		}})
		groups = append(groups, r.Group)
	}
	d.groupedTable(t, rows, groups)
	d.Table(Table{Size: t.Size, Widths: t.Widths}, assessmentFoot(a))
	if a.Rank > 0 {
		d.Space(3)
		d.ParaIn(rankText(a), Song, Size4)
	}

	d.Space(6)
	d.setFont(Song, Size4)
	d.need(2*d.lineHeight() + 9) // the signatures stay together
	d.sides("考核组成员（签字）：", "被考核单位负责人（签字）：　　　　　", Song, Size4)
	d.Space(9) // room to sign
	d.sides(sealer(stamp)+"（盖章）", date, Song, Size4)
	return d, nil
}

// assessmentFoot is the rows under the form's table, for the total: the
// scores from the records are all of it when no row is scored by hand;
// otherwise they make a subtotal and the total is written in once the
// hand scores are.
func assessmentFoot(a app.Assessment) []Row {
	var weights, scoredWeights float64
	byHand, scored := 0, 0
	for _, r := range a.Rows {
		if r.Scored {
			scored++
			scoredWeights += r.Weight
		} else {
			byHand++
		}
		weights += r.Weight
	}
	var foot []Row
	total := ""
	if scored > 0 && byHand > 0 {
		foot = append(foot, Row{Height: assessTotalHeight, Cells: []Cell{
			{Text: "按记录计算小计", Span: 2, Align: Center, Face: Hei},
			centred(pointsText(scoredWeights, -1), 1),
			{Text: fmt.Sprintf("人工评分项（%d项）另行填写，与小计相加为合计", byHand), Span: 2, Align: Center},
			centred(pointsText(a.Total, 1), 1),
		}})
	} else if scored > 0 {
		total = pointsText(a.Total, 1)
	}
	return append(foot, Row{Height: assessTotalHeight, Cells: []Cell{
		{Text: "合计", Span: 2, Align: Center, Face: Hei},
		centred(pointsText(weights, -1), 1),
		{Span: 2},
		centred(total, 1),
	}})
}

// sealer is the body whose seal the form takes: stamp's, or the city
// bureau by default.
func sealer(stamp app.AssessmentStamp) string {
	if stamp.Sealer != "" {
		return stamp.Sealer
	}
	return app.OfficeName(app.CityCode)
}

// commandLine is the operator the change log names for what was entered
// at the command line: no person who scored, so the form leaves the
// scorer's name to sign.
const commandLine = "命令行"

// scorerBlank is the room to sign a hand score's scorer in.
const scorerBlank = "＿＿＿＿＿＿"

// figureText is what the form's 完成情况 column says of row r: the
// records' figures, or who entered a hand score (a line to sign when the
// record names no person).
func figureText(r app.AssessmentRow) string {
	if r.Figure == "" && r.Scored {
		by := r.By
		if by == "" || by == commandLine {
			by = scorerBlank
		}
		return "人工评分（评分人：" + by + "）"
	}
	return r.Figure
}

// wanText is y in 万元 as a form shows it: rounded half up to 0.01万元
// (100 元), trailing zeros dropped: 248.62万元, 10000万元.
func wanText(y app.Yuan) string {
	neg := y < 0
	if neg {
		y = -y
	}
	h := (y + 50) / 100 // in hundreds of 元
	s := strconv.FormatInt(int64(h/100), 10)
	if frac := int64(h % 100); frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%02d", frac), "0")
	}
	if neg && h != 0 {
		s = "-" + s
	}
	return s + "万元"
}

// rankText is the sentence under a ranked assessment's table: its total,
// rank, grade and share of the fund.
func rankText(a app.Assessment) string {
	s := fmt.Sprintf("总分%s分，在%d个县区中排名第%d，考核等次：%s。", pointsText(a.Total, 1), a.Of, a.Rank, a.Grade)
	if a.Fund > 0 {
		s += fmt.Sprintf("按得分比例建议分配资金%s（资金总额%s）。", wanText(a.Share), wanText(a.Fund))
	}
	return s
}

// balanced is text with line ends put in so that, when it takes more
// than one line in a cell w mm wide at size pt (in Song), its lines are
// of about the same length: 融资对接与／应急转贷, not 融资对接与应急／转贷.
func (d *Doc) balanced(text string, w, size float64) string {
	d.setFont(Song, size)
	n := len(Break(text, w, d.runeWidth, false))
	rs := []rune(text)
	if n < 2 {
		return text
	}
	per := (len(rs) + n - 1) / n
	var out []rune
	for i, r := range rs {
		if i > 0 && i%per == 0 {
			out = append(out, '\n')
		}
		out = append(out, r)
	}
	return string(out)
}

// pointsText writes x with prec decimals (-1: as few as it needs).
func pointsText(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// groupedTable draws t's head and rows as Table does, with the first
// column of consecutive rows of the same group drawn as one cell naming
// the group (once on each page the group runs over). The first cell of
// each row is left empty for it.
func (d *Doc) groupedTable(t Table, rows []Row, groups []string) {
	head := func() {
		for _, r := range t.Head {
			d.row(t, r)
		}
	}
	var name string
	var top float64
	started := false // a group's rows are being drawn from top
	// flush draws the group cell over the rows drawn since top: a white
	// box hides the lines between them, then the cell's border and name.
	flush := func() {
		if !started || d.y <= top {
			return
		}
		x, w, h := d.layout.Left, t.Widths[0], d.y-top
		const inset = 0.2 // clear of the borders' strokes
		d.pdf.SetFillColor(255, 255, 255)
		d.pdf.Rect(x+inset, top+inset, w-2*inset, h-2*inset, "F")
		d.pdf.Rect(x, top, w, h, "D")
		c := Cell{Text: name, Face: Hei}
		ls := d.cellLines(t, c, w)
		lh := cellLineHeight(t.Size)
		lineTop := top + (h-float64(len(ls))*lh)/2
		for i, l := range ls {
			d.drawLine(l, x+(w-l.Width)/2, lineTop+float64(i)*lh, lh)
		}
	}
	d.need(d.rowHeight(t, firstOf(t.Head)) + d.rowHeight(t, firstOf(rows)))
	head()
	d.onNewPage = head
	for i, r := range rows {
		h := d.rowHeight(t, r)
		breaks := d.y+h > d.bottom()+0.01 && d.y > d.layout.Top // as need decides
		if i == 0 || groups[i] != name || breaks {
			flush()
			d.need(h)
			name, top, started = groups[i], d.y, true
		}
		d.row(t, r)
	}
	flush()
	d.onNewPage = nil
}
