package print_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/print"
)

var haigang = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}

// twoPageMeeting is an on-site office meeting whose minutes take two pages.
func twoPageMeeting() app.Meeting {
	m := app.Meeting{Kind: app.MeetingOnSite, Format: "现场办公会", Seq: 3, Date: app.D(2026, 3, 15),
		Place: "秦皇岛耀华玻璃股份有限公司会议室", Chair: "李明（区长）",
		Agenda: "听取企业生产经营情况汇报；协调解决企业在用地、融资、用工等方面的困难和问题。"}
	for i, n := range []string{"李明", "王堃", "朱镕基", "区发改局", "区工信局", "区自然资源局"} {
		kind := "领导"
		if i >= 3 {
			kind = "部门"
		}
		m.Attendees = append(m.Attendees, app.Attendee{Group: app.Present, Kind: kind, Name: n})
	}
	m.Attendees = append(m.Attendees, app.Attendee{Group: app.Sitting, Kind: "银行", Name: "秦皇岛银行海港支行"},
		app.Attendee{Group: app.Absent, Kind: "部门", Name: "区人社局（外出学习）"})
	var paras []string
	for i := 1; i <= 3; i++ {
		paras = append(paras, fmt.Sprintf("第%d项：企业反映，二期项目（年产12万吨光伏玻璃）用地指标尚未落实，"+
			"环评批复需在2026年4月底前取得，流动资金缺口约3500万元。会议认为，“五个一”机制要做到件件有着落、事事有回音；"+
			"各部门要主动靠前服务，不能推诿扯皮……", i))
	}
	m.Minutes = strings.Join(paras, "\n")
	m.Decisions = []app.Decision{
		{Text: "协调落实二期项目用地指标", Unit: "区自然资源局", Deadline: app.D(2026, 4, 30)},
		{Text: "组织银企对接，帮助企业解决流动资金缺口", Unit: "区工信局、秦皇岛银行海港支行", Deadline: app.D(2026, 4, 15)},
		{Text: "指导企业办理环评手续", Unit: "市生态环境局海港分局"},
	}
	return m
}

func TestMinutes(t *testing.T) {
	m := twoPageMeeting()
	d, err := print.Minutes(testFonts(t), m, haigang, "秦皇岛耀华玻璃股份有限公司", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages() != 2 {
		t.Errorf("%d pages, want 2", d.Pages())
	}
	want := []string{"海港区企业现场办公会纪要", "2026年第3期", "海港区人民政府办公室", "2026年3月15日",
		"2026年3月15日，李明（区长）在" + m.Place + "主持召开2026年第3次企业现场办公会，现场协调解决秦皇岛耀华玻璃股份有限公司的困难和问题。" +
			"王堃、朱镕基出席会议，区发改局、区工信局、区自然资源局参加会议。会议议题：" + strings.TrimSuffix(m.Agenda, "。") + "。"}
	want = append(want, strings.Split(m.Minutes, "\n")...)
	want = append(want, "会议议定事项如下：",
		"一、协调落实二期项目用地指标。", "责任单位：区自然资源局。完成时限：2026年4月30日前。",
		"二、组织银企对接，帮助企业解决流动资金缺口。", "责任单位：区工信局、秦皇岛银行海港支行。完成时限：2026年4月15日前。",
		"三、指导企业办理环评手续。", "责任单位：市生态环境局海港分局。",
		"出席：李明、王堃、朱镕基、区发改局、区工信局、区自然资源局。", "请假：区人社局（外出学习）。", "列席：秦皇岛银行海港支行。",
		"海港区人民政府办公室", "2026年3月15日", "海港区人民政府办公室", "2026年3月16日印发")
	txt := pdfText(t, render(t, d))
	inOrder(t, txt, want...)
	if got := pageNumbers(txt); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("page numbers %q", got)
	}
}

// Minutes of a meeting with nothing but its kind and date still print.
func TestMinutesEmpty(t *testing.T) {
	m := app.Meeting{Kind: app.MeetingRoundtable, Date: app.D(2026, 1, 10), Seq: 1}
	d, err := print.Minutes(testFonts(t), m, haigang, "", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	inOrder(t, pdfText(t, render(t, d)), "海港区企业家恳谈会纪要", "2026年第1期", "海港区人民政府办公室", "2026年1月10日",
		"2026年1月10日，召开2026年第1次企业家恳谈会。", "海港区人民政府办公室", "2026年1月10日", "2026年3月16日印发")
}

// BenchmarkMinutes lays out and writes two pages of minutes: target under
// 100 ms and 300 KB.
func BenchmarkMinutes(b *testing.B) {
	fs := testFonts(b)
	m := twoPageMeeting()
	var size int
	for b.Loop() {
		d, err := print.Minutes(fs, m, haigang, "秦皇岛耀华玻璃股份有限公司", printedAt)
		if err != nil {
			b.Fatal(err)
		}
		size = len(render(b, d))
	}
	b.ReportMetric(float64(size)/1024, "KB")
}
