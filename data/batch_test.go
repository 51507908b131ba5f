package data_test

import (
	"context"
	"fmt"
	"testing"

	"wugeyi/app"
)

// A batch of problems saved in one transaction (a ledger imported from a
// workbook) numbers them one after another, the last number read once,
// and leaves every one of them findable by full-text search.
func TestImportProblemsNumbersAndIndex(t *testing.T) {
	ctx := context.Background()
	svc, db, _ := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛甲机械有限公司")
	addProblem(t, svc, e, app.Problem{Category: "用地", Source: "走访", Description: "之前登记的问题", Registered: app.D(2026, 3, 1)}, nil)
	var nps []app.NewProblem
	for i := range 250 {
		nps = append(nps, app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Category: "用地", Source: "其他",
			Description: fmt.Sprintf("批量问题%03d号用地指标不足", i), Registered: app.D(2026, 3, 2)},
			Then: []app.Action{{Kind: app.ActAssign, Date: app.D(2026, 3, 2), LeadDept: "自然资源局", Person: "刘科长", Deadline: app.D(2026, 3, 20)}}})
	}
	if err := svc.ImportProblems(ctx, nps, nil); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 99, 100, 249} {
		if want := app.ProblemNumber(myOffice, 2026, i+2); nps[i].Problem.Number != want {
			t.Errorf("problem %d numbered %s, want %s", i, nps[i].Problem.Number, want)
		}
		q := fmt.Sprintf("批量问题%03d号", i)
		ps, err := db.Problems(ctx, app.ProblemFilter{Query: q})
		if err != nil || len(ps) != 1 || ps[0].ID != nps[i].Problem.ID || ps[0].Status != app.StatusAssigned {
			t.Errorf("search %q found %d (%v)", q, len(ps), err)
		}
	}
	ps, err := db.Problems(ctx, app.ProblemFilter{Query: "用地指标不足"})
	if err != nil || len(ps) != 250 {
		t.Errorf("search found %d of 250 (%v)", len(ps), err)
	}
	p := addProblem(t, svc, e, app.Problem{Category: "用地", Source: "走访", Description: "之后登记的问题", Registered: app.D(2026, 3, 3)}, nil)
	if p.Number != app.ProblemNumber(myOffice, 2026, 252) {
		t.Errorf("the next problem after the batch is %s", p.Number)
	}
	if ps, _ := db.Problems(ctx, app.ProblemFilter{Query: "之后登记"}); len(ps) != 1 {
		t.Errorf("a problem saved after the batch is not found by search")
	}
}
