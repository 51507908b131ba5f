package app_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// TestProfile: 一企一档 gathers every kind of record of the enterprise, and
// none of another's, each list newest first.
func TestProfile(t *testing.T) {
	ctx := context.Background()
	svc, _ := newTestService(t)
	d := datatest.FillEnterprise(t, svc, "秦皇岛港机重工有限公司", 1)
	other := datatest.FillEnterprise(t, svc, "秦皇岛耀华玻璃有限公司", 2)
	p, err := svc.Profile(ctx, d.Enterprise.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Enterprise.ID != d.Enterprise.ID || p.Enterprise.Name != d.Enterprise.Name {
		t.Errorf("enterprise %+v", p.Enterprise)
	}
	ids := func(n int, id func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	check := func(kind string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s %v, want %v", kind, got, want)
		}
	}
	check("visits", ids(len(p.Visits), func(i int) string { return p.Visits[i].ID }), ids(len(d.Visits), func(i int) string { return d.Visits[i].ID }))
	check("problems", ids(len(p.Problems), func(i int) string { return p.Problems[i].ID }), ids(len(d.Problems), func(i int) string { return d.Problems[i].ID }))
	check("meetings", ids(len(p.Meetings), func(i int) string { return p.Meetings[i].ID }), ids(len(d.Meetings), func(i int) string { return d.Meetings[i].ID }))
	check("needs", ids(len(p.Financing), func(i int) string { return p.Financing[i].ID }), ids(len(d.Needs), func(i int) string { return d.Needs[i].ID }))
	check("loans", ids(len(p.Loans), func(i int) string { return p.Loans[i].ID }), ids(len(d.Loans), func(i int) string { return d.Loans[i].ID }))
	check("comments", ids(len(p.Comments), func(i int) string { return p.Comments[i].ID }), ids(len(d.Comments), func(i int) string { return d.Comments[i].ID }))
	check("leaders", ids(len(p.Assignments), func(i int) string { return p.Assignments[i].LeaderName }), []string{d.Leader.Name, d.Former.Name})
	check("leaders in force", p.Leaders(), []string{d.Leader.Name})
	if len(p.Comments) == 1 && p.Comments[0].ProblemNumber != d.Problems[1].Number {
		t.Errorf("comment's problem number %q, want %q", p.Comments[0].ProblemNumber, d.Problems[1].Number)
	}
	if !p.Overdue[d.Problems[1].ID] || p.Overdue[d.Problems[0].ID] || len(p.Overdue) != 1 {
		t.Errorf("overdue %v", p.Overdue)
	}
	for _, x := range [][]string{
		ids(len(p.Visits), func(i int) string { return p.Visits[i].EnterpriseID }),
		ids(len(p.Problems), func(i int) string { return p.Problems[i].EnterpriseID }),
		ids(len(p.Financing), func(i int) string { return p.Financing[i].EnterpriseID }),
		ids(len(p.Loans), func(i int) string { return p.Loans[i].EnterpriseID }),
	} {
		if slices.Contains(x, other.Enterprise.ID) {
			t.Errorf("another enterprise's record in the profile: %v", x)
		}
	}
	want := "联系领导：刘志远　走访 2 次　问题 2 个（在办 2，逾期 1）　会议 2 次　融资需求 1 项　转贷 1 笔"
	if got := p.Summary(); got != want {
		t.Errorf("summary\n%s\nwant\n%s", got, want)
	}
	if _, err := svc.Profile(ctx, "没有"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("profile of no enterprise: %v", err)
	}
}
