package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
)

// print profile writes an enterprise's 一企一档 on one page, the
// enterprise named by its ID, credit code or full name; an enterprise not
// found is refused.
func TestPrintProfile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Visits(context.Background(), app.VisitFilter{Limit: 1})
	st.Close()
	if err != nil || len(vs) == 0 {
		t.Fatalf("no visit in the demo (%v)", err)
	}
	v := vs[0]
	for _, key := range []string{v.EnterpriseID, v.EnterpriseName} {
		out := filepath.Join(dir, "profile.pdf")
		if msg := mustRun(t, "print", "profile", "-db", db, "-enterprise", key, "-o", out); !strings.Contains(msg, "（1 页）") {
			t.Errorf("print profile -enterprise %s said %q, want one page", key, msg)
		}
		txt := pdfToText(t, out)
		for _, w := range []string{"重点企业服务档案", v.EnterpriseName, "走访记录", "问题台账", "联系领导"} {
			if !strings.Contains(txt, w) {
				t.Errorf("the profile lacks %q: %s", w, txt[:min(len(txt), 300)])
			}
		}
	}
	refuse(t, dir, "没有找到企业", "print", "profile", "-db", db, "-enterprise", "没有这家企业", "-o", filepath.Join(dir, "x.pdf"))
	refuse(t, dir, "缺少参数 -enterprise", "print", "profile", "-db", db, "-o", filepath.Join(dir, "x.pdf"))
}
