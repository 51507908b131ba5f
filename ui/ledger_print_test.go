package ui

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"wugeyi/app"
)

// The city prints its ledger from the window with the 县区 column and its
// comments (督办意见).
func TestPrintCityLedger(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed: .ci/setup.sh should install poppler-utils")
		}
		t.Skip("pdftotext is not installed")
	}
	u, st := newTestUIOf(t, cityOffice)
	opened := printInto(t, u)
	ctx := context.Background()
	e := addEnterprise(t, u, "秦皇岛耀华玻璃股份有限公司", 1)
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Source: "企业反映", Category: "用地", Description: "用地指标不足",
		Registered: app.D(2026, 11, 2)}}
	if err := u.svc.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOwner(app.TableProblems, haigang.Code, np.Problem.ID); err != nil {
		t.Fatal(err)
	}
	c := app.Comment{ProblemID: np.Problem.ID, Date: app.D(2026, 11, 20), Text: "请于月底前办结"}
	if err := u.svc.SaveComment(ctx, &c); err != nil {
		t.Fatal(err)
	}
	u.selectTab(u.ledger)
	tapButton(t, u.ledger.root, "打印台账")
	wantPDF(t, u, *opened, "全市问题台账")
	out, err := exec.Command(bin, "-enc", "UTF-8", u.printer.last, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.Join(strings.Fields(string(out)), "")
	for _, w := range []string{"全市重点企业问题台账", "县区", "督办意见", "海港区", "11月20日：请于月底前办结"} {
		if !strings.Contains(txt, w) {
			t.Errorf("the ledger lacks %q: %s", w, txt)
		}
	}
}
