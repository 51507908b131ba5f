package print_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/data/datatest"
)

// The printed 一企一档 is one page with the enterprise's name, its QR code
// (the enterprise's ID), the counts and the latest records of every kind;
// a long history is cut to the latest with "等N条" and stays on one page.
func TestProfileForm(t *testing.T) {
	ctx := context.Background()
	svc := app.NewService(datatest.NewSetUp(t, app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}), "测试员")
	svc.Now = func() time.Time { return printedAt }
	d := datatest.FillEnterprise(t, svc, "秦皇岛港机重工有限公司", 1)
	p, err := svc.Profile(ctx, d.Enterprise.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, txt := onePage(t)(print.ProfileForm(testFonts(t), p, printedAt))
	anywhere(t, txt, "重点企业服务档案", "秦皇岛港机重工有限公司", "刘志远", "走访 2 次", "问题 2 个（在办 2，逾期 1）", "会议 2 次",
		"融资需求 1 项", "转贷 1 笔", "走访记录（2）", "督办意见（1）", "请加快办理用地指标", "缺少焊工三十名", "在本企业召开", "王建国")
	if strings.Contains(txt, "……等") {
		t.Errorf("a short profile is cut:\n%s", txt)
	}
	if got := qrCodes(t, b, 1); len(got) != 1 || got[0] != d.Enterprise.ID {
		t.Errorf("QR codes %q, want the enterprise's ID %s", got, d.Enterprise.ID)
	}

	// Years of visits and problems: the latest of each, then 等N条.
	day := svc.Today()
	for i := range 40 {
		v := app.Visit{LeaderID: d.Leader.ID, EnterpriseID: d.Enterprise.ID, Date: day.AddDays(-100 - i), Mode: app.VisitModes[0],
			Findings: strings.Repeat("企业生产经营正常，订单饱满，反映用工和用地问题。", 5)}
		if err := svc.SaveVisit(ctx, &v, nil); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 25 {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: d.Enterprise.ID, Source: "企业反映", Category: "其他",
			Description: fmt.Sprintf("第%d个问题：%s", i+1, strings.Repeat("环评审批手续办理时间长。", 6)), Registered: day.AddDays(-200 - i)}}
		if err := svc.RegisterProblem(ctx, &np); err != nil {
			t.Fatal(err)
		}
	}
	if p, err = svc.Profile(ctx, d.Enterprise.ID); err != nil {
		t.Fatal(err)
	}
	_, txt = onePage(t)(print.ProfileForm(testFonts(t), p, printedAt))
	anywhere(t, txt, "走访记录（42）", "……等42条", "问题台账（27）", "……等27条", "缺少焊工三十名", "融资需求（1）", "转贷（1）")
	if strings.Contains(txt, "第25个问题") {
		t.Errorf("the oldest problems are printed, not the latest:\n%s", txt)
	}
}
