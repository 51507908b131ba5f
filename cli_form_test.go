package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/data"
)

// demoRecords are a problem, a meeting with attendees, a visit and a
// bridge loan of the demo database at db.
func demoRecords(t *testing.T, db string) (app.Problem, app.Meeting, app.Visit, app.BridgeLoan) {
	t.Helper()
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ps, err := st.Problems(ctx, app.ProblemFilter{Status: app.StatusInProgress, Limit: 1})
	if err != nil || len(ps) == 0 {
		t.Fatalf("no problem in progress in the demo (%v)", err)
	}
	ms, err := st.Meetings(ctx, app.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var m app.Meeting
	for _, x := range ms {
		if len(x.Attendees) > 0 {
			m = x
			break
		}
	}
	vs, err := st.Visits(ctx, app.VisitFilter{Limit: 1})
	if err != nil || len(vs) == 0 {
		t.Fatalf("no visit in the demo (%v)", err)
	}
	ls, err := st.BridgeLoans(ctx, app.LoanFilter{Limit: 1})
	if err != nil || len(ls) == 0 || m.ID == "" {
		t.Fatalf("no loan, or no meeting with attendees, in the demo (%v)", err)
	}
	return ps[0], m, vs[0], ls[0]
}

// The forms print filled from the records of the demo: the 交办单 by the
// problem's ledger number, the 签到表 with the meeting's invitees, the
// 走访记录表 and the 转贷审批表 by their IDs. A flag for another form, a
// record not found and a 督办单 of a problem the city never commented on
// are refused.
func TestPrintFilledForms(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	p, m, v, l := demoRecords(t, db)
	for _, tc := range []struct {
		name string
		args []string
		want []string // in the text of the document
	}{
		{"problem", []string{"-form", "problem", "-problem", p.Number},
			[]string{"企业问题交办单", "编号：" + p.Number, p.EnterpriseName, "问题办理回执", "（一般问题15个工作日内办结）"}},
		{"signin", []string{"-form", "signin", "-meeting", m.ID}, []string{"会议签到表", m.Title(), m.Attendees[0].Name}},
		{"visit", []string{"-form", "visit", "-visit", v.ID}, []string{"重点企业走访记录表", v.EnterpriseName, v.Date.Chinese()}},
		{"loan", []string{"-form", "loan", "-loan", l.ID}, []string{"应急转贷申请审批表", l.Bank, l.Applied.Wan()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".pdf")
			args := append([]string{"print", "form", "-db", db, "-o", out}, tc.args...)
			if msg := mustRun(t, args...); !strings.Contains(msg, out) {
				t.Errorf("print said %q", msg)
			}
			txt := pdfToText(t, out)
			for _, w := range tc.want {
				if !strings.Contains(txt, strings.Join(strings.Fields(w), "")) {
					t.Errorf("the form lacks %q: %s", w, txt[:min(len(txt), 400)])
				}
			}
		})
	}
	x := filepath.Join(dir, "x.pdf")
	refuse(t, dir, "-meeting 只用于 -form signin", "print", "form", "-db", db, "-o", x, "-form", "problem", "-meeting", m.ID)
	refuse(t, dir, "找不到编号为“海港-1999-0001”的问题", "print", "form", "-db", db, "-o", x, "-form", "problem", "-problem", "海港-1999-0001")
	refuse(t, dir, "找不到走访记录", "print", "form", "-db", db, "-o", x, "-form", "visit", "-visit", "no-such-id")
	refuse(t, dir, "没有市工信局的督办意见", "print", "form", "-db", db, "-o", x, "-form", "supervise", "-problem", p.Number)
	refuse(t, dir, "督办单须用 -problem 指定问题编号", "print", "form", "-db", db, "-o", x, "-form", "supervise")
}
