package print_test

import (
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/assets"
)

// deptNoticeText is the text of notice n printed with a chart.
func deptNoticeText(t *testing.T, n app.Notice) string {
	t.Helper()
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	charts, err := c.PublishedDrawings(n)
	if err != nil {
		t.Fatal(err)
	}
	d, err := print.NoticeDoc(testFonts(t), cityIssuer, n, charts[:1], printedAt)
	if err != nil {
		t.Fatal(err)
	}
	return pdfText(t, render(t, d))
}

// A notice with figures per department prints them as attachment 2,
// after the counties' table, and the charts become attachment 3; one
// without any prints as before.
func TestNoticeDocDepartments(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	svc, _ := noticeCity(t, all, all)
	n := noticeOf(t, svc, 1)
	if n.Depts != nil {
		t.Fatalf("problems with no 牵头单位 gave figures %+v", n.Depts)
	}
	if txt := deptNoticeText(t, n); strings.Contains(txt, "各责任单位问题办理情况统计表") {
		t.Error("a notice without department figures prints their table")
	}
	n.Depts = []app.DeptFigure{
		{Office: app.CityCode, Dept: "市自然资源和规划局", Assigned: 4, OnTime: 2, Late: 1, Open: 1, Settled: 3, AvgDays: 12.5},
		{Office: app.Offices[1].Code, Dept: "区行政审批局", Assigned: 2, Open: 2},
	}
	inOrder(t, deptNoticeText(t, n), "附件：1．各县区“五个一”工作机制进展情况统计表", "2．各责任单位问题办理情况统计表", "3．各县区“五个一”工作机制进展情况图表",
		"附件1", "附件2", "各责任单位问题办理情况统计表", "市自然资源和规划局", "66.7%", "12.5", "海港区", "区行政审批局", "—",
		"平均办结天数为已办结问题", "附件3")
}
