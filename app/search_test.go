package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/data/datatest"
)

// searchTokens are the two-character words put in one record of each kind,
// in the order of app.SearchKinds; every such record also holds 犇犇.
var searchTokens = []string{"龘壹", "龘贰", "龘叁", "龘肆", "龘伍", "龘陆", "龘柒"}

// searchWorld is a year of demo records with one record of each kind
// marked with its token (in the field named) and 犇犇; it returns the
// marked records' IDs by kind.
func searchWorld(t *testing.T) (*app.Service, map[app.SearchKind]string) {
	t.Helper()
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	op := app.Op{Operator: "测试员", At: svcNow}
	if _, err := demo.Fill(ctx, st, op, demo.Options{Today: app.DateOf(svcNow), Years: 1, Seed: 7}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	mark := func(i int) string { return "前文" + searchTokens[i] + "后文 犇犇" }
	ids := map[app.SearchKind]string{}
	err := st.Update(ctx, op, func(tx app.Tx) error {
		es, _ := tx.Enterprises(ctx, app.EnterpriseFilter{})
		ls, _ := tx.Leaders(ctx, app.LeaderFilter{})
		vs, _ := tx.Visits(ctx, app.VisitFilter{})
		ps, _ := tx.Problems(ctx, app.ProblemFilter{})
		ms, _ := tx.Meetings(ctx, app.MeetingFilter{})
		ns, _ := tx.FinancingNeeds(ctx, app.FinancingFilter{})
		bs, _ := tx.BridgeLoans(ctx, app.LoanFilter{})
		if len(es) == 0 || len(ls) == 0 || len(vs) == 0 || len(ps) == 0 || len(ms) == 0 || len(ns) == 0 || len(bs) == 0 {
			t.Fatalf("demo made %d %d %d %d %d %d %d records", len(es), len(ls), len(vs), len(ps), len(ms), len(ns), len(bs))
		}
		// Records in the middle of their lists, not the newest.
		e, l, v, p, m, n, b := es[len(es)/2], ls[len(ls)/2], vs[len(vs)/2], ps[len(ps)/2], ms[len(ms)/2], ns[len(ns)/2], bs[len(bs)/2]
		e.LegalRep = mark(0) + " 犇中犇"
		l.Post = mark(1)
		v.Companions = mark(2)
		p.Result = mark(3)
		m.Decisions = append(m.Decisions, app.Decision{Text: mark(4), Unit: "区工信局", Deadline: m.Date.AddDays(30)})
		n.Use = mark(5)
		b.Note = mark(6) + " 达标率5%_以上 Wxyz%_9"
		for _, err := range []error{tx.SaveEnterprise(&e), tx.SaveLeader(&l), tx.SaveVisit(&v), tx.SaveProblem(&p),
			tx.SaveMeeting(&m), tx.SaveFinancingNeed(&n), tx.SaveBridgeLoan(&b)} {
			if err != nil {
				return err
			}
		}
		for k, id := range []string{e.ID, l.ID, v.ID, p.ID, m.ID, n.ID, b.ID} {
			ids[app.SearchKinds()[k]] = id
		}
		return nil
	})
	if err != nil {
		t.Fatalf("mark the records: %v", err)
	}
	svc := app.NewService(st, "测试员")
	svc.Now = func() time.Time { return svcNow }
	return svc, ids
}

// found is the kinds and IDs a search found, "kind id" each.
func found(t *testing.T, svc *app.Service, words string, limit int) []string {
	t.Helper()
	r, err := svc.Search(context.Background(), words, limit)
	if err != nil {
		t.Fatalf("Search(%q): %v", words, err)
	}
	var out []string
	for _, g := range r.Groups {
		for _, x := range g.Results {
			out = append(out, string(g.Kind)+" "+x.ID)
		}
	}
	return out
}

func TestSearch(t *testing.T) {
	svc, ids := searchWorld(t)
	ctx := context.Background()
	for i, k := range app.SearchKinds() {
		want := []string{string(k) + " " + ids[k]}
		if got := found(t, svc, searchTokens[i], 20); !slices.Equal(got, want) {
			t.Errorf("%s: found %v, want %v", searchTokens[i], got, want)
		}
	}
	// The common word: one group of each kind, in order, one record each.
	r, err := svc.Search(ctx, "犇犇", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != len(app.SearchKinds()) {
		t.Fatalf("犇犇: %d groups, want %d", len(r.Groups), len(app.SearchKinds()))
	}
	for i, g := range r.Groups {
		if g.Kind != app.SearchKinds()[i] || g.Total != 1 || len(g.Results) != 1 || g.Results[0].ID != ids[g.Kind] {
			t.Errorf("犇犇 group %d: %+v", i, g)
		}
		var marked []string
		for _, p := range g.Results[0].Snippet {
			if p.Match {
				marked = append(marked, p.Text)
			}
		}
		if !slices.Contains(marked, "犇犇") {
			t.Errorf("snippet of %s marks %v, want 犇犇", g.Kind, marked)
		}
	}
	// AND: both words in the same record.
	if got := found(t, svc, "犇犇 "+searchTokens[2], 20); !slices.Equal(got, []string{"走访记录 " + ids[app.FoundVisit]}) {
		t.Errorf("犇犇 and the visit's word: %v", got)
	}
	if got := found(t, svc, searchTokens[2]+" "+searchTokens[3], 20); len(got) != 0 {
		t.Errorf("words of two records found %v", got)
	}
	// Wildcards are taken literally.
	for _, q := range []string{"犇%犇", "犇_犇", "龘%"} {
		if got := found(t, svc, q, 20); len(got) != 0 {
			t.Errorf("%q found %v", q, got)
		}
	}
	if got := found(t, svc, "5%_以上", 20); !slices.Equal(got, []string{"应急转贷 " + ids[app.FoundLoan]}) {
		t.Errorf("5%%_以上 found %v", got)
	}
	// Letters A–Z in either case, wildcards still literal.
	if got := found(t, svc, "wXYZ%_9", 20); !slices.Equal(got, []string{"应急转贷 " + ids[app.FoundLoan]}) {
		t.Errorf("wXYZ%%_9 found %v", got)
	}
	if got := found(t, svc, "wxyz_%9", 20); len(got) != 0 {
		t.Errorf("wxyz_%%9 found %v", got)
	}
	if got := found(t, svc, "犇中犇", 20); !slices.Equal(got, []string{"重点企业 " + ids[app.FoundEnterprise]}) {
		t.Errorf("犇中犇 found %v", got)
	}
	// A deleted record is not found.
	if err := svc.Delete(ctx, app.TableVisits, ids[app.FoundVisit]); err != nil {
		t.Fatal(err)
	}
	if got := found(t, svc, searchTokens[2], 20); len(got) != 0 {
		t.Errorf("a deleted visit found: %v", got)
	}
	if got := found(t, svc, "   ", 20); len(got) != 0 {
		t.Errorf("no words found %v", got)
	}
}

func TestSearchLimit(t *testing.T) {
	svc, _ := searchWorld(t)
	r, err := svc.Search(context.Background(), "企业", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) < 3 {
		t.Fatalf("企业 found %d kinds", len(r.Groups))
	}
	kinds := app.SearchKinds()
	last := -1
	for _, g := range r.Groups {
		i := slices.Index(kinds, g.Kind)
		if i <= last {
			t.Errorf("group %s out of order", g.Kind)
		}
		last = i
		if len(g.Results) > 3 || g.Total < len(g.Results) || len(g.Results) == 0 {
			t.Errorf("%s: %d results of %d, limit 3", g.Kind, len(g.Results), g.Total)
		}
		if g.Kind == app.FoundVisit {
			if g.Total <= 3 {
				t.Errorf("only %d visits hold 企业", g.Total)
			}
			// Newest first: the titles start with the day.
			for i := 1; i < len(g.Results); i++ {
				if g.Results[i-1].Title[:10] < g.Results[i].Title[:10] {
					t.Errorf("visits not newest first: %q before %q", g.Results[i-1].Title, g.Results[i].Title)
				}
			}
		}
	}
	// The problem's title names its number and enterprise.
	r, err = svc.Search(context.Background(), "龘肆", 3)
	if err != nil || len(r.Groups) != 1 {
		t.Fatalf("龘肆: %+v, %v", r, err)
	}
	p, err := svc.Problem(context.Background(), r.Groups[0].Results[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if title := r.Groups[0].Results[0].Title; !strings.Contains(title, p.Number) || !strings.Contains(title, p.EnterpriseName) {
		t.Errorf("title %q, want %s and %s", title, p.Number, p.EnterpriseName)
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("前", 30) + "焊工" + strings.Repeat("后", 80)
	parts := app.Snippet([]string{"无关", long}, []string{"焊工"})
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
		if p.Match != (p.Text == "焊工") {
			t.Errorf("part %+v", p)
		}
	}
	got := b.String()
	if !strings.HasPrefix(got, "…"+strings.Repeat("前", 12)+"焊工") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet %q", got)
	}
	if parts := app.Snippet([]string{"Hello World"}, []string{"world"}); len(parts) != 2 || !parts[1].Match || parts[1].Text != "World" {
		t.Errorf("either case: %+v", parts)
	}
	if app.Snippet([]string{"abc"}, []string{"x"}) != nil {
		t.Error("a snippet without a match")
	}
}
