package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
	"wugeyi/app/chart"
)

// addressees is whom the city bureau's notice goes to (主送): the
// county governments and the two zones' administrations, worded as the
// mechanism's founding notice (秦政办字〔2017〕200号) addresses them.
const addressees = "各县、区人民政府，开发区、北戴河新区管委："

// The attachments of the notice (附件): the table and the charts.
const (
	noticeTable  = "各县区“五个一”工作机制进展情况统计表"
	noticeCharts = "各县区“五个一”工作机制进展情况图表"
	deptTable    = "各责任单位问题办理情况统计表"
)

// NoticeDoc lays out the city bureau's progress notice (通报) n as GB/T
// 9704's 公文, issued by is: on portrait pages with the grid of 28
// characters a line, the 版头 (the red mark "<is.Short>文件", the 文号 and
// the red rule); the title; the 主送 (addressees); the text naming the
// counties ahead and behind among those that reported for the period
// (Notice.Ends), and the others once as not reported; the 附件说明; the
// 落款 with the issuer and the date, kept with the text. Attachment 1,
// on landscape pages of its own, is the table of every county's figures
// in rank order with a note on the figures; attachment 2 the charts (PNG
// images, each drawn 2:1 wide), on portrait pages again; the 版记 (抄送
// and 印发, on the notice's date) is at the foot of the last page. A county whose latest sync
// file came before the period's end is marked, so that it is not taken
// for an idle one. A published notice is dated on the day it was
// published; one computed now is a draft, marked 送审稿 under its title
// and dated at (the day it is printed). The app keeps no number for
// notices: the 文号 is printed with the year and room to write the
// bureau's 代字 and the number in by hand ("〔2026〕 号").
func NoticeDoc(fs *Fonts, is app.Issuer, n app.Notice, charts []*chart.Drawing, at time.Time) (*Doc, error) {
	d, err := New(fs, Grid, noticeTitle(n), at)
	if err != nil {
		return nil, err
	}
	var draw []func()
	for _, c := range charts {
		draw = append(draw, func() { d.Drawing(c, 150) })
	}
	notice(d, is, n, draw, at)
	return d, nil
}

// noticeTitle is the title of notice n.
func noticeTitle(n app.Notice) string {
	return fmt.Sprintf("关于%s重点企业联系服务“五个一”工作机制进展情况的通报", n.Period.Label())
}

// notice writes notice n on d (see NoticeDoc); each of charts draws a
// chart of attachment 2, 150 mm wide.
func notice(d official, is app.Issuer, n app.Notice, charts []func(), at time.Time) {
	dated := n.Published
	if dated.IsZero() {
		dated = app.DateOf(at)
	}
	d.Mark(is.Short+"文件", 35)
	d.blank(2)
	d.Centred(fmt.Sprintf("\u3000\u3000\u3000〔%d〕\u3000\u3000号", dated.Year()), FangSong, Size3)
	d.Rule()
	d.OfficialTitle(noticeTitle(n))
	if n.Published.IsZero() {
		d.Centred("（送审稿）", Kai, Size3)
	}
	d.LabeledIn("", addressees, FangSong, Size3)
	attached := []string{noticeTable}
	if len(n.Depts) > 0 {
		attached = append(attached, deptTable)
	}
	if len(charts) > 0 {
		attached = append(attached, noticeCharts)
	}
	// The text's last lines are kept with the 附件说明 and the 落款.
	d.keepLines(1 + len(attached) + closingLines)
	d.Body(noticeText(n))
	d.blank(1)
	d.attachments(attached)
	d.Closing(is.Name, dated.Chinese())

	d.Turn(Turned)
	attachment(d, 1, noticeTable)
	d.Table(noticeTableOf(d.Width(), n))
	d.Space(2)
	d.LabeledIn("说明：", figuresNote(n), Song, Size5)
	if len(n.Depts) > 0 {
		attachment(d, 2, deptTable)
		d.Table(deptTableOf(d.Width(), n))
		d.Space(2)
		d.LabeledIn("说明：", deptNote, Song, Size5)
	}
	d.Turn(Grid)
	if len(charts) > 0 {
		attachment(d, len(attached), noticeCharts)
		for i, c := range charts {
			if i > 0 {
				d.Space(4)
			}
			c()
		}
	}
	d.Colophon(is.CopyTo, is.Name, dated.Chinese()+"印发")
}

// attachments sets the 附件说明 in 三号 仿宋 two characters in:
// "附件：1．……" and each further one under the first.
func (d *Doc) attachments(names []string) {
	d.setFont(FangSong, Size3)
	lh := d.lineHeight()
	label := "\u3000\u3000附件："
	lw := d.measure(label)
	var lines []Line
	for i, name := range names {
		lines = append(lines, Break(fmt.Sprintf("%d．%s", i+1, name), d.Width()-lw, d.runeWidth, true)...)
	}
	d.flow(len(lines), lh, func(i int) {
		if i == 0 {
			d.drawLine(Line{Parts: []Part{{Text: label}}}, d.layout.Left, d.y, lh)
		}
		d.drawLine(lines[i], d.layout.Left+lw, d.y, lh)
	})
}

// attachment heads attachment i (from 1) at the top of its page: "附件i"
// flush left in 三号 黑体, then its title centred in 二号 小标宋.
func attachment(d official, i int, title string) {
	d.LabeledIn("", fmt.Sprintf("附件%d", i), Hei, Size3)
	d.Centred(title, TitleSong, Size2)
	d.Space(4)
}

// noticeTableOf is the table of notice n's figures, a row for each county
// in rank order, width mm wide.
func noticeTableOf(width float64, n app.Notice) (Table, []Row) {
	heads := []string{"排名", "单位", "联系领导", "分包企业", "走访次数", "登记问题", "办结问题", "在办问题", "逾期问题",
		"累计办结率", "满意率", "恳谈会", "现场办公会", "银企对接会", "融资需求", "银行放款", "转贷放款", "转贷归还", "备注"}
	shares := []float64{3, 10, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 5.5, 5, 5, 5.5, 5.5, 4.5, 7, 4.5, 4.5, 8.5}
	t := Table{Size: Small5}
	var head Row
	for i, h := range heads {
		t.Widths = append(t.Widths, width*shares[i]/100)
		head.Cells = append(head.Cells, Cell{Text: h, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	var body []Row
	for _, r := range n.Ranked() {
		rank := "—"
		if r.Rank > 0 {
			rank = fmt.Sprint(r.Rank)
		}
		note := ""
		if r.Stale {
			note = "未报送本期数据"
			if !r.LastImport.IsZero() {
				// The year is the notice's but when the file came in
				// another: the column is narrow.
				last := app.DateOf(r.LastImport)
				note = "数据截至" + last.Chinese()
				if last.Year() == n.End.Year() {
					note = fmt.Sprintf("数据截至%d月%d日", last.Month(), last.Day())
				}
			}
		}
		sat := "—"
		if r.FollowedUp > 0 {
			sat = pct(float64(r.Satisfied) / float64(r.FollowedUp))
		}
		meetings := func(k int) string { return fmt.Sprintf("%d/%d", r.MeetingsHeld[k], r.MeetingsRequired[k]) }
		var cells []Cell
		for _, v := range []string{rank, app.OfficeName(r.Office), fmt.Sprint(r.Leaders), fmt.Sprint(r.Enterprises),
			fmt.Sprint(r.Visits), fmt.Sprint(r.Raised), fmt.Sprint(r.Settled), fmt.Sprint(r.Open), fmt.Sprint(r.Overdue),
			pct(r.SettleRate), sat, meetings(0), meetings(1), meetings(2), fmt.Sprint(r.FinancingNeeds), r.Lent.String(),
			fmt.Sprint(r.LoansPaid), fmt.Sprint(r.LoansRepaid), note} {
			cells = append(cells, Cell{Text: v, Align: Center})
		}
		body = append(body, Row{Cells: cells})
	}
	return t, body
}

// figuresNote explains the figures of notice n's table of offices.
func figuresNote(n app.Notice) string {
	note := "会议栏为已召开期数/应召开期数（恳谈会、银企对接会按季度，现场办公会按月）；登记问题含会议议定、纳入台账跟踪的事项；办结问题为本期办结的问题，不论何时登记；" +
		"累计办结率为截至统计日登记问题中已办结的比例；满意率为本期办结并回访问题中“满意”的比例"
	if _, not := n.Reporting(); len(not) > 0 {
		note += "；截至统计日未收到其同步文件的县区为未报送本期数据，不参加排名"
	}
	return note + "。" + settledNote(n)
}

// deptNote explains the figures of the department table of the city's
// notice; deptCounted of an office's own.
const (
	deptNote    = "统计本期登记、已交办的问题，按牵头责任单位分列，含市级联络部门办理的市本级问题；" + deptCounted
	deptCounted = "按时办结为截至统计日在办理时限内办结（含依法不能办理）的问题；逾期为超过时限办结或截至统计日超过时限仍未办结的问题；" +
		"平均办结天数为已办结问题自登记至办结的自然日平均数。"
)

// deptTableOf is the table of notice n's figures per department
// (app.DeptFigures), a row for each department by office, width mm wide.
func deptTableOf(width float64, n app.Notice) (Table, []Row) {
	heads := []string{"序号", "单位", "责任单位", "交办问题", "按时办结", "逾期", "在办", "按时办结率", "平均办结天数"}
	shares := []float64{5, 14, 33, 8, 8, 8, 8, 8, 8}
	t := Table{Size: Small5}
	var head Row
	for i, h := range heads {
		t.Widths = append(t.Widths, width*shares[i]/100)
		head.Cells = append(head.Cells, Cell{Text: h, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	var body []Row
	for i, f := range n.Depts {
		avg := "—"
		if f.Settled > 0 {
			avg = fmt.Sprintf("%.1f", f.AvgDays)
		}
		var cells []Cell
		for _, v := range []string{fmt.Sprint(i + 1), app.OfficeName(f.Office), f.Dept, fmt.Sprint(f.Assigned),
			fmt.Sprint(f.OnTime), fmt.Sprint(f.Late), fmt.Sprint(f.Open), f.OnTimeRate(), avg} {
			cells = append(cells, Cell{Text: v, Align: Center})
		}
		body = append(body, Row{Cells: cells})
	}
	return t, body
}

// noticeText is the notice's opening paragraph: the period, the ranking
// among the counties that reported (the first and last Notice.Ends
// named), or, when fewer than app.MinRanked reported, their figures
// without a ranking; then the counties that did not report, named once.
func noticeText(n app.Notice) string {
	var b strings.Builder
	fmt.Fprintf(&b, "现将%s（统计截至%s）各县区重点企业联系服务“五个一”工作机制进展情况通报如下。", n.Period.Label(), n.End.Chinese())
	reported, not := n.Reporting()
	const by = "按问题累计办结率、逾期问题数和走访次数综合排名"
	switch {
	case n.Ranking():
		if len(not) > 0 {
			fmt.Fprintf(&b, "在报送本期数据的%d个县区中，", len(reported))
		}
		ahead, behind := n.Ends()
		var said []string
		if len(ahead) > 0 {
			said = append(said, names(ahead)+[...]string{"", "位列第一", "位列前两名", "位列前三"}[len(ahead)])
		}
		if len(behind) > 0 {
			said = append(said, names(behind)+[...]string{"", "排名末位", "排名靠后", "排名靠后"}[len(behind)]+"，请加快推进")
		}
		if len(said) == 0 {
			said = append(said, "各县区主要指标相同，不分先后")
		}
		fmt.Fprintf(&b, "%s，%s。", by, strings.Join(said, "；"))
	case len(reported) > 0:
		fmt.Fprintf(&b, "本期报送数据的县区仅%d个，不足%d个，不作综合排名。", len(reported), app.MinRanked)
		for i, r := range reported {
			sep := "；"
			if i == len(reported)-1 {
				sep = "。"
			}
			fmt.Fprintf(&b, "%s登记问题%d个、办结%d个，累计办结率%s，逾期问题%d个，走访%d次%s",
				app.OfficeName(r.Office), r.Raised, r.Settled, pct(r.SettleRate), r.Overdue, r.Visits, sep)
		}
	}
	switch {
	case len(reported) == 0:
		b.WriteString("截至统计日各县区均未报送本期数据，本期不作综合排名，表中数字为已收到的记录，请各县区尽快报送。")
	case len(not) > 0:
		who := names(not)
		if len(not) > 1 {
			who += fmt.Sprintf("等%d个县区", len(not))
		}
		fmt.Fprintf(&b, "%s截至统计日未报送本期数据，", who)
		if n.Ranking() {
			b.WriteString("未参加排名，")
		}
		b.WriteString("表中数字为已收到的记录，请尽快报送。")
	}
	return b.String()
}

// settledNote explains, when some county settled more problems in the
// period than it registered, that the settled ones include problems
// registered before the period, saying how many for each such county.
func settledNote(n app.Notice) string {
	var parts []string
	for _, r := range n.Ranked() {
		if r.Settled > r.Raised {
			parts = append(parts, fmt.Sprintf("%s%d个", app.OfficeName(r.Office), r.SettledEarlier))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	before := "本期以前"
	if n.Period.Month == 0 && n.Period.Quarter == 0 {
		before = "以前年度"
	}
	return fmt.Sprintf("办结数含%s登记、本期办结的问题，其中%s，故办结问题数多于登记问题数。", before, strings.Join(parts, "、"))
}

// names joins the counties of rows with 、.
func names(rows []app.NoticeRow) string {
	var s []string
	for _, r := range rows {
		s = append(s, app.OfficeName(r.Office))
	}
	return strings.Join(s, "、")
}

// pct says a rate as a percentage with one decimal.
func pct(rate float64) string { return fmt.Sprintf("%.1f%%", 100*rate) }
