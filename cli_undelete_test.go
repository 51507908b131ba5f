package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// undelete brings back a deleted visit once its enterprise is back, and
// refuses, in one line, the visit first and a record not deleted.
func TestUndelete(t *testing.T) {
	db := filepath.Join(t.TempDir(), "海港区.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	at := time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local)
	svc := wired(st, "张三")
	svc.Now = func() time.Time { at = at.Add(time.Second); return at }
	check, err := app.CreditCheckChar("91130302MA0000001")
	if err != nil {
		t.Fatal(err)
	}
	e := app.Enterprise{Name: "秦皇岛耀华玻璃有限公司", CreditCode: "91130302MA0000001" + string(check)}
	l := app.Leader{Name: "李明", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	v := app.Visit{Date: app.D(2026, 3, 10), Mode: "实地", Findings: "生产正常", LeaderID: l.ID, EnterpriseID: e.ID}
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	refused := func(id, want string) {
		t.Helper()
		code, out, errOut := cli(t, "undelete", "-db", db, "-id", id)
		if code != exitFail || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "不能恢复记录：") || !strings.Contains(errOut, want) {
			t.Errorf("undelete %s: exit %d, stdout %q, stderr %q; want exit 1 and one line with %q", id, code, out, errOut, want)
		}
	}
	refused(v.ID, "所属企业“秦皇岛耀华玻璃有限公司”已删除，请先恢复企业")
	if out := mustRun(t, "undelete", "-db", db, "-id", e.ID); !strings.Contains(out, "已恢复重点企业") || !strings.Contains(out, "秦皇岛耀华玻璃有限公司") {
		t.Errorf("undelete enterprise printed %q", out)
	}
	if out := mustRun(t, "undelete", "-db", db, "-id", v.ID); !strings.Contains(out, "已恢复走访记录 2026-03-10") {
		t.Errorf("undelete visit printed %q", out)
	}
	refused(v.ID, "这条记录没有删除，不需要恢复")
	refused("00000000-0000-4000-8000-000000000000", "找不到这条记录")
	if out := mustRun(t, "history", "-db", db, "-id", v.ID); !strings.Contains(out, "命令行  恢复") {
		t.Errorf("the visit's history after undelete:\n%s", out)
	}
	if code, _, errOut := cli(t, "undelete", "-db", db); code != exitUsage || !strings.Contains(errOut, "缺少参数 -id") {
		t.Errorf("undelete without -id: exit %d, %q", code, errOut)
	}
}
