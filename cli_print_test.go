package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// pdfToText is the text of the PDF at path as pdftotext reads it; the
// test is skipped without poppler's tools, except under CI, which has
// them.
func pdfToText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed: .ci/setup.sh should install poppler-utils")
		}
		t.Skip("pdftotext is not installed")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// Every kind of document prints from the command line of a county with a
// year of demo records.
func TestPrint(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	for _, tc := range []struct {
		name string
		args []string
		want []string // in the text of the document
	}{
		{"minutes", []string{"minutes", "-meeting", "latest"}, []string{"海港区", "纪要", "主持召开", "议定事项"}},
		{"ledger", []string{"ledger"}, []string{"海港区重点企业问题台账", "问题描述及企业诉求"}},
		{"ledger-overdue", []string{"ledger", "-status", "逾期"}, []string{"逾期未办结"}},
		{"ledger-closed", []string{"ledger", "-status", "销号"}, []string{"状态：销号"}},
		{"assessment", []string{"assessment", "-office", "130302", "-year", "2026"}, []string{"考核评估表", "海港区"}},
		{"assessment-blank", []string{"assessment", "-office", "130302", "-year", "2026", "-blank"}, []string{"考核评估表"}},
		{"visit", []string{"form", "-form", "visit"}, []string{"走访记录表"}},
		{"problem", []string{"form", "-form", "problem"}, []string{"问题交办单"}},
		{"signin", []string{"form", "-form", "signin"}, []string{"签到表"}},
		{"financing", []string{"form", "-form", "financing"}, []string{"融资需求表"}},
		{"loan", []string{"form", "-form", "loan"}, []string{"应急转贷"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".pdf")
			args := append([]string{"print", tc.args[0], "-db", db, "-o", out}, tc.args[1:]...)
			if msg := mustRun(t, args...); !strings.Contains(msg, out) || !strings.Contains(msg, "页") {
				t.Errorf("print said %q", msg)
			}
			b, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Fatalf("%s: %v", out, err)
			}
			txt := pdfToText(t, out)
			for _, w := range tc.want {
				if !strings.Contains(txt, w) {
					t.Errorf("the document lacks %q: %s", w, txt[:min(len(txt), 300)])
				}
			}
		})
	}
}

// The city prints the progress notice of a period; a period not begun and
// a period not written as one are refused.
func TestPrintNotice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "city.db")
	mustRun(t, "init", "-db", db, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	out := filepath.Join(dir, "notice.pdf")
	mustRun(t, "print", "notice", "-db", db, "-period", "2026Q1", "-o", out)
	txt := pdfToText(t, out)
	for _, w := range []string{"关于2026年第一季度重点企业联系服务“五个一”工作机制进展情况的通报", "（送审稿）", "海港区", "北戴河新区", "各县区均未报送本期数据"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the notice lacks %q", w)
		}
	}
	refuse(t, dir, "不是通报期间", "print", "notice", "-db", db, "-period", "2026年3月", "-o", filepath.Join(dir, "x.pdf"))
	refuse(t, dir, "还没有开始", "print", "notice", "-db", db, "-period", "2099", "-o", filepath.Join(dir, "x.pdf"))
}

// A name with a character no print font has (U+2A6D6, CJK Extension B)
// does not stop the ledger: the document is written with the character's
// code in its place, the command exits 0 and warns on stderr, naming it.
func TestPrintRareCharacter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svc := app.NewService(st, "张三")
	e := app.Enterprise{CreditCode: datatest.CreditCode(7), Name: "秦皇岛\U0002A6D6玻璃有限公司"}
	err = svc.SaveEnterprise(ctx, &e)
	if err == nil {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Source: "走访", Category: "用地", Description: "用地指标不足",
			Registered: svc.Today()}}
		err = svc.RegisterProblem(ctx, &np)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ledger.pdf")
	code, stdout, stderr := cli(t, "print", "ledger", "-db", db, "-o", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("print ledger: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "U+2A6D6") {
		t.Errorf("stderr does not name the missing character: %q", stderr)
	}
	if txt := pdfToText(t, out); !strings.Contains(txt, "玻璃有限公司") {
		t.Errorf("the ledger lacks the enterprise: %s", txt[:min(len(txt), 300)])
	}
}
