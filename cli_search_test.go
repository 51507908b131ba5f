package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// search prints the records found grouped by kind, one line each with the
// record's ID; none found is not an error.
func TestSearch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "海港区.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	svc := wired(st, "张三")
	e := app.Enterprise{Name: "秦皇岛焊接设备有限公司", CreditCode: datatest.CreditCode(1), LegalRep: "王焊工"}
	l := app.Leader{Name: "刘志远", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	var v app.Visit
	err = svc.SaveEnterprise(context.Background(), &e)
	if err == nil {
		err = svc.SaveLeader(context.Background(), &l)
	}
	if err == nil {
		v = app.Visit{Date: app.MustDate("2026-03-02"), LeaderID: l.ID, EnterpriseID: e.ID, Mode: app.VisitModes[0], Findings: "车间焊工短缺"}
		err = svc.SaveVisit(context.Background(), &v, nil)
	}
	if cerr := st.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	want := "重点企业（1）\n  " + e.ID + "  秦皇岛焊接设备有限公司\n" +
		"走访记录（1）\n  " + v.ID + "  2026-03-02  刘志远  秦皇岛焊接设备有限公司\n"
	if got := mustRun(t, "search", "-db", db, "焊工"); got != want {
		t.Errorf("search 焊工 =\n%s\nwant\n%s", got, want)
	}
	if got := mustRun(t, "search", "-db", db, "焊工", "短缺"); !strings.Contains(got, v.ID) || strings.Contains(got, e.ID) {
		t.Errorf("search 焊工 短缺 =\n%s", got)
	}
	if got := mustRun(t, "search", "-db", db, "焊%"); got != "没有找到\n" {
		t.Errorf("search 焊%% = %q", got)
	}
	for _, args := range [][]string{{"-db", db}, {"焊工"}, {"-db", db, "-limit", "0", "焊工"}} {
		code, _, errOut := cli(t, append([]string{"search"}, args...)...)
		if code != exitUsage || !strings.Contains(errOut, "用法") {
			t.Errorf("search %q: exit %d, %q", args, code, errOut)
		}
	}
}
