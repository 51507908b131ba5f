package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// NoticeDoc lays out the city bureau's progress notice (通报) n: a
// paragraph naming the counties ahead and behind, a landscape table of
// every county's figures in rank order, and charts (PNG images, each
// drawn 2:1 wide) after it; a county whose latest sync file came before
// the period's end is marked, so that it is not taken for an idle one.
func NoticeDoc(fs *Fonts, n app.Notice, charts [][]byte, at time.Time) (*Doc, error) {
	title := fmt.Sprintf("关于%s重点企业联系服务“五个一”工作机制进展情况的通报", n.Period.Label())
	d, err := New(fs, Landscape, title, at)
	if err != nil {
		return nil, err
	}
	d.Title(title)
	rows := n.Ranked()
	var ahead, behind, stale []string
	for i, r := range rows {
		name := app.OfficeName(r.Office)
		switch {
		case i < 3:
			ahead = append(ahead, name)
		case i >= len(rows)-3:
			behind = append(behind, name)
		}
		if r.Stale {
			stale = append(stale, name)
		}
	}
	text := fmt.Sprintf("现将%s（统计截至%s）各县区重点企业联系服务“五个一”工作机制进展情况通报如下。按问题累计办结率、逾期问题数和走访次数综合排名，%s位列前三；%s排名靠后，请加快推进。",
		n.Period.Label(), n.End.Chinese(), strings.Join(ahead, "、"), strings.Join(behind, "、"))
	if len(stale) > 0 {
		text += fmt.Sprintf("%s未按时报送同步文件，其数据可能不完整，表中已注明。", strings.Join(stale, "、"))
	}
	d.ParaIn(text, Song, Size4)
	d.Space(3)

	heads := []string{"排名", "单位", "联系领导", "分包企业", "走访次数", "登记问题", "办结问题", "在办问题", "逾期问题",
		"累计办结率", "满意率", "恳谈会", "现场办公会", "银企对接会", "融资需求", "银行放款", "转贷放款", "转贷归还", "备注"}
	shares := []float64{3.5, 6.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 4.5, 5.5, 5, 5, 5.5, 5.5, 4.5, 7, 4.5, 4.5, 11.5}
	t := Table{Size: Small5}
	var head Row
	for i, h := range heads {
		t.Widths = append(t.Widths, d.Width()*shares[i]/100)
		head.Cells = append(head.Cells, Cell{Text: h, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	var body []Row
	for _, r := range rows {
		note := ""
		if r.Stale {
			note = "未报送本期数据"
			if !r.LastImport.IsZero() {
				note = "数据截至" + app.DateOf(r.LastImport).Chinese()
			}
		}
		sat := "—"
		if r.FollowedUp > 0 {
			sat = pct(float64(r.Satisfied) / float64(r.FollowedUp))
		}
		meetings := func(k int) string { return fmt.Sprintf("%d/%d", r.MeetingsHeld[k], r.MeetingsRequired[k]) }
		var cells []Cell
		for _, v := range []string{fmt.Sprint(r.Rank), app.OfficeName(r.Office), fmt.Sprint(r.Leaders), fmt.Sprint(r.Enterprises),
			fmt.Sprint(r.Visits), fmt.Sprint(r.Raised), fmt.Sprint(r.Settled), fmt.Sprint(r.Open), fmt.Sprint(r.Overdue),
			pct(r.SettleRate), sat, meetings(0), meetings(1), meetings(2), fmt.Sprint(r.FinancingNeeds), r.Lent.String(),
			fmt.Sprint(r.LoansPaid), fmt.Sprint(r.LoansRepaid), note} {
			cells = append(cells, Cell{Text: v, Align: Center})
		}
		body = append(body, Row{Cells: cells})
	}
	d.Table(t, body)
	d.Space(2)
	d.LabeledIn("说明：", "会议栏为已召开期数/应召开期数（恳谈会、银企对接会按季度，现场办公会按月）；累计办结率为截至统计日登记问题中已办结的比例；满意率为本期办结并回访问题中“满意”的比例。",
		Song, Size5)
	for i, c := range charts {
		d.Space(4)
		d.Image(fmt.Sprintf("chart%d", i), c, 150, 75)
	}
	d.Space(6)
	d.Right("秦皇岛市工业和信息化局", Song, Size4)
	d.Right(app.DateOf(at).Chinese(), Song, Size4)
	return d, nil
}

// pct says a rate as a percentage with one decimal.
func pct(rate float64) string { return fmt.Sprintf("%.1f%%", 100*rate) }
