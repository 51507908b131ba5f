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

// A visit edited three times by two operators, then deleted: history
// prints each version with its operator and changed fields, and -deleted
// finds it.
func TestHistory(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "海港区.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	at := time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local)
	svc := wired(st, "张三")
	svc.Now = func() time.Time { return at }
	check, err := app.CreditCheckChar("91130302MA0000001")
	if err != nil {
		t.Fatal(err)
	}
	e := app.Enterprise{Name: "秦皇岛耀华玻璃有限公司", CreditCode: "91130302MA0000001" + string(check)}
	l := app.Leader{Name: "李明", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	v := app.Visit{Date: app.D(2026, 3, 10), Mode: "实地", Findings: "生产正常"}
	steps := []struct {
		by   string
		edit func() error
	}{
		{"张三", func() error {
			if err := svc.SaveEnterprise(ctx, &e); err != nil {
				return err
			}
			if err := svc.SaveLeader(ctx, &l); err != nil {
				return err
			}
			v.LeaderID, v.EnterpriseID = l.ID, e.ID
			return svc.SaveVisit(ctx, &v, nil)
		}},
		{"李四", func() error { v.Findings = "订单增加，用工紧张"; return svc.SaveVisit(ctx, &v, nil) }},
		{"张三", func() error { v.Companions = "区工信局王五"; return svc.SaveVisit(ctx, &v, nil) }},
		{"李四", func() error { return svc.Delete(ctx, app.TableVisits, v.ID) }},
	}
	for i, s := range steps {
		svc.Operator = s.by
		at = at.Add(time.Hour)
		if err := s.edit(); err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	out := mustRun(t, "history", "-db", db, "-id", v.ID)
	for _, want := range []string{
		"走访记录 2026-03-10 秦皇岛耀华玻璃有限公司 李明（已删除）", "海港区",
		"第 1 版  2026-03-16 11:00:00  张三  新增", "    走访情况：（空） → 生产正常", "    联系领导：（空） → 李明",
		"第 2 版  2026-03-16 12:00:00  李四  修改", "    走访情况：生产正常 → 订单增加，用工紧张",
		"第 3 版  2026-03-16 13:00:00  张三  修改", "    陪同人员：（空） → 区工信局王五",
		"第 4 版  2026-03-16 14:00:00  李四  删除",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("history does not say %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "走访情况："); n != 2 {
		t.Errorf("the findings show as changed %d times, want 2:\n%s", n, out)
	}
	out = mustRun(t, "history", "-db", db, "-deleted")
	if !strings.Contains(out, "李四删除") || !strings.Contains(out, "-id "+v.ID) {
		t.Errorf("-deleted does not list the visit:\n%s", out)
	}

	refuse(t, dir, "记录不存在或已删除", "history", "-db", db, "-id", "no-such-record")
	refuse(t, dir, "缺少参数 -id", "history", "-db", db)
}
