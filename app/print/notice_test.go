package print_test

import (
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/assets"
)

func TestNoticeDoc(t *testing.T) {
	p, err := app.ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	n := app.Notice{Period: p, End: p.To()}
	for i, o := range app.Offices[1:] {
		r := app.NoticeRow{Office: o.Code, Rank: i + 1, Visits: 100 - i, Raised: 20, Settled: 18 - i, Open: 2 + i,
			SettleRate: 0.9 - float64(i)/100, FollowedUp: 10, Satisfied: 9, MeetingsHeld: [3]int{1, 3, 1}, MeetingsRequired: [3]int{1, 3, 1},
			LastImport: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)}
		if i == 8 {
			r.Stale, r.LastImport = true, time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
		}
		n.Rows = append(n.Rows, r)
	}
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	img, err := c.SettleRates(n, 16, 8)
	if err != nil {
		t.Fatal(err)
	}
	d, err := print.NoticeDoc(testFonts(t), n, [][]byte{img}, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, render(t, d))
	inOrder(t, txt, "关于2026年第1季度重点企业联系服务“五个一”工作机制进展情况的通报",
		"统计截至2026年3月31日", "海港区、山海关区、北戴河区位列前三", "北戴河新区未按时报送同步文件")
	for _, o := range app.Offices[1:] {
		inOrder(t, txt, o.Name)
	}
	inOrder(t, txt, "数据截至2026年2月10日", "秦皇岛市工业和信息化局")
	if d.Pages() != 2 {
		t.Errorf("%d pages, want the table on the first and the chart on the second", d.Pages())
	}
}
