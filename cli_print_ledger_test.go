package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
)

// print ledger -status 在办 prints every open problem, with the days
// overdue, and no other; an unknown status is refused, naming 在办.
func TestPrintLedgerOpen(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	out := filepath.Join(dir, "open.pdf")
	mustRun(t, "print", "ledger", "-db", db, "-status", "在办", "-o", out)
	txt := pdfToText(t, out)
	for _, w := range []string{"状态：在办（登记、交办、办理中）", "天数", "办理中"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the ledger lacks %q: %s", w, txt[:min(len(txt), 300)])
		}
	}
	for _, closed := range []string{"销号", "已办结", "已解释"} {
		if strings.Contains(txt, closed) {
			t.Errorf("the ledger of open problems has %q", closed)
		}
	}
	refuse(t, dir, "在办", "print", "ledger", "-db", db, "-status", "未知", "-o", filepath.Join(dir, "x.pdf"))
}

// The city's ledger has the 县区 column and its comments.
func TestPrintLedgerCity(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "city.db")
	mustRun(t, "init", "-db", db, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	mustRun(t, "demo", "-db", db, "-years", "1")
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Problems(context.Background(), app.ProblemFilter{Limit: 1})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil || len(ps) == 0 {
		t.Fatalf("no problem to comment on: %v", err)
	}
	mustRun(t, "comment", "-db", db, "-problem", ps[0].Number, "-text", "请于月底前办结并反馈")
	out := filepath.Join(dir, "ledger.pdf")
	mustRun(t, "print", "ledger", "-db", db, "-o", out)
	txt := pdfToText(t, out)
	for _, w := range []string{"全市重点企业问题台账", "县区", "督办意见", "市级", "请于月底前办结并反馈", ps[0].Number} {
		if !strings.Contains(txt, w) {
			t.Errorf("the ledger lacks %q", w)
		}
	}
}
