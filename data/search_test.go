package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

var (
	haigangOffice = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	cityOffice9   = app.Office{Code: "130300", Name: "秦皇岛市", Role: app.RoleCity}
)

// searchSvc is a service over a new database of office o.
func searchSvc(t *testing.T, o app.Office) (*app.Service, *datatest.Store) {
	t.Helper()
	st := datatest.NewSetUp(t, o)
	svc := app.NewService(st, "张三")
	svc.Now = func() time.Time { return now }
	return svc, st
}

// hits is what a search of words found: "kind id" for each record, and
// each kind's total.
func hits(t *testing.T, svc *app.Service, words string) []string {
	t.Helper()
	r, err := svc.Search(context.Background(), words, 100)
	if err != nil {
		t.Fatalf("Search(%q): %v", words, err)
	}
	var out []string
	for _, g := range r.Groups {
		if g.Total != len(g.Results) {
			t.Errorf("Search(%q): %s total %d, %d results", words, g.Kind, g.Total, len(g.Results))
		}
		for _, x := range g.Results {
			out = append(out, string(g.Kind)+" "+x.ID)
		}
	}
	return out
}

// wantHits checks that each search finds exactly the records want.
func wantHits(t *testing.T, svc *app.Service, want map[string][]string) {
	t.Helper()
	for words, w := range want {
		got := hits(t, svc, words)
		slices.Sort(got)
		w = slices.Clone(w)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("Search(%q) = %q, want %q", words, got, w)
		}
	}
}

// visitFound saves an enterprise 秦皇岛宏达机械有限公司, a leader 王建国 and a
// visit of his there whose findings are findings.
func visitFound(t *testing.T, svc *app.Service, findings string) (app.Enterprise, app.Leader, app.Visit) {
	t.Helper()
	e := addEnterprise(t, svc, 1, "秦皇岛宏达机械有限公司")
	l := addLeader(t, svc, "王建国", app.LevelCounty)
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: findings}
	if err := svc.SaveVisit(context.Background(), &v, nil); err != nil {
		t.Fatal(err)
	}
	return e, l, v
}

func kindID(k app.SearchKind, id string) string { return string(k) + " " + id }

// The index follows every write: a new visit is found by its words, one,
// two or more characters; edited, by its new words only; deleted, not at
// all; brought back, again. A write rolled back leaves the index as the
// records.
func TestSearchIndexFollowsWrites(t *testing.T) {
	svc, st := searchSvc(t, haigangOffice)
	ctx := context.Background()
	e, l, v := visitFound(t, svc, "焊工培训需求")
	visit := []string{kindID(app.FoundVisit, v.ID)}
	wantHits(t, svc, map[string][]string{
		"焊工": visit, "焊": visit, "求": visit, "工培训": visit, "培训需求": visit, "焊工 需求": visit,
		"焊培": nil, "需求焊": nil, "焊工 用地": nil,
	})

	v.Findings = "用地审批"
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, map[string][]string{"焊工": nil, "培训": nil, "用地": visit, "审批": visit})

	if err := svc.Delete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, map[string][]string{"用地": nil, "王建国": {kindID(app.FoundLeader, l.ID)}})
	if _, err := svc.Undelete(ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, map[string][]string{"用地": visit})

	// A write that fails leaves the index as the records.
	cur, err := st.Visit(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Findings = "融资担保"
	st.FailNextUpdate(errors.New("磁盘已满"))
	if err := svc.SaveVisit(ctx, &cur, nil); err == nil {
		t.Fatal("the failed save succeeded")
	}
	boom := errors.New("boom")
	err = st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		x := app.Visit{Date: app.D(2026, 3, 11), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "融资担保"}
		if err := tx.SaveVisit(&x); err != nil {
			return err
		}
		cur.Findings = "融资担保"
		if err := tx.SaveVisit(&cur); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update: %v", err)
	}
	wantHits(t, svc, map[string][]string{"融资": nil, "用地": visit})
}

// A visit, problem, meeting, financing need and loan are found by their
// enterprise's name, a visit by its leader's too; renamed, by the new name
// only.
func TestSearchByNames(t *testing.T) {
	svc, _ := searchSvc(t, haigangOffice)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛某某公司")
	other := addEnterprise(t, svc, 2, "山海关另一家厂")
	l := addLeader(t, svc, "王建国", app.LevelCounty)
	v := addVisit(t, svc, l, e, app.D(2026, 3, 10))
	ov := addVisit(t, svc, l, other, app.D(2026, 3, 11))
	p := addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 12), Category: "用地", Description: "厂房用地手续"}, nil)
	m := fullMeeting(e.ID)
	m.Decisions = nil
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	own := []string{kindID(app.FoundEnterprise, e.ID), kindID(app.FoundVisit, v.ID), kindID(app.FoundProblem, p.ID), kindID(app.FoundMeeting, m.ID)}
	byLeader := []string{kindID(app.FoundLeader, l.ID), kindID(app.FoundVisit, v.ID), kindID(app.FoundVisit, ov.ID)}
	wantHits(t, svc, map[string][]string{
		"秦皇岛某某公司": own, "某某": own, "王建国": byLeader, "王建国 某某": {kindID(app.FoundVisit, v.ID)},
	})

	e.Name = "秦皇岛新名字公司"
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	l.Name = "李卫东"
	if err := svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, map[string][]string{
		"某某": nil, "新名字": own, "王建国": nil, "李卫东": byLeader,
	})
	r, err := svc.Search(ctx, "新名字", 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range r.Groups {
		for _, x := range g.Results {
			if !slices.ContainsFunc(x.Snippet, func(p app.SearchPart) bool { return p.Match && p.Text == "新名字" }) {
				t.Errorf("%s %s: snippet %v marks not the name", g.Kind, x.ID, x.Snippet)
			}
		}
	}
}

// Letters A–Z match either case; punctuation is matched as typed; a word
// is not found across two fields, or across a space.
func TestSearchLettersAndFields(t *testing.T) {
	svc, _ := searchSvc(t, haigangOffice)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "ABC科技有限公司")
	l := addLeader(t, svc, "王建国", app.LevelCounty)
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地",
		Findings: "需要焊", Companions: "工会主席 张三"}
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	p := addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 12), Category: "用地", Description: "用地指标 5%_以上"}, nil)
	ent, visit, prob := kindID(app.FoundEnterprise, e.ID), kindID(app.FoundVisit, v.ID), kindID(app.FoundProblem, p.ID)
	number, _, _ := strings.Cut(p.Number[strings.Index(p.Number, "-")+1:], "-") // the year
	wantHits(t, svc, map[string][]string{
		"abc": {ent, visit, prob}, "aBc科技": {ent, visit, prob}, "bc科": {ent, visit, prob}, "abd": nil,
		"焊工": nil, "焊": {visit}, "主席张三": nil, "主席": {visit},
		"5%_": {prob}, "%_以上": {prob}, "5%": {prob}, "5_": nil,
		p.Number: {prob}, "-" + number + "-": {prob},
	})
}

// Another office's records written by a sync file are found by their
// words and names as they are now: an edit by its new words, a deletion
// not at all, a visit that arrived before its enterprise by the name the
// enterprise brought.
func TestSearchSyncImport(t *testing.T) {
	svc, st := searchSvc(t, cityOffice9)
	ctx := context.Background()
	const county = "130303"
	at := now.Add(-time.Hour)
	put := func(tb app.Table, rec any, m app.Meta) {
		t.Helper()
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		c := app.Change{Table: tb, ID: m.ID, Office: m.Office, Version: m.Version, Deleted: m.Deleted, Data: b}
		if err := st.Update(ctx, app.Op{Operator: "市工信局", At: now}, func(tx app.Tx) error { return tx.Put(c) }); err != nil {
			t.Fatalf("Put %s %s: %v", tb, m.ID, err)
		}
	}
	meta := func(id string, version int64) app.Meta {
		return app.Meta{ID: id, Office: county, Version: version, UpdatedAt: at, UpdatedBy: "李四"}
	}
	v := app.Visit{Meta: meta("v1", 1), Date: app.D(2026, 3, 10), LeaderID: "l1", EnterpriseID: "e1", Mode: "实地", Findings: "焊工短缺"}
	put(app.TableVisits, v, v.Meta)
	visit := []string{kindID(app.FoundVisit, v.ID)}
	wantHits(t, svc, map[string][]string{"焊工": visit, "北戴河": nil})

	e := app.Enterprise{Meta: meta("e1", 1), CreditCode: creditCode(t, 7), Name: "北戴河某厂"}
	put(app.TableEnterprises, e, e.Meta)
	wantHits(t, svc, map[string][]string{"北戴河": {kindID(app.FoundEnterprise, "e1"), visit[0]}})

	v.Meta, v.Findings = meta(v.ID, 2), "用地紧张"
	put(app.TableVisits, v, v.Meta)
	e.Meta, e.Name = meta("e1", 2), "南戴河某厂"
	put(app.TableEnterprises, e, e.Meta)
	wantHits(t, svc, map[string][]string{"焊工": nil, "用地": visit, "北戴河": nil, "南戴河 用地": visit})

	// An older version changes nothing.
	old := v
	old.Meta, old.Findings = meta(v.ID, 1), "焊工短缺"
	put(app.TableVisits, old, old.Meta)
	wantHits(t, svc, map[string][]string{"焊工": nil, "用地": visit})

	v.Meta = meta(v.ID, 3)
	v.Meta.Deleted = true
	put(app.TableVisits, v, v.Meta)
	wantHits(t, svc, map[string][]string{"用地": nil, "南戴河": {kindID(app.FoundEnterprise, "e1")}})
}

// A restored backup is searched as it was saved; migration 014 fills the
// index of a database of an earlier version with its live records.
func TestSearchRestoreAndMigration(t *testing.T) {
	svc, st := searchSvc(t, haigangOffice)
	ctx := context.Background()
	e, l, v := visitFound(t, svc, "焊工培训")
	gone := addVisit(t, svc, l, e, app.D(2026, 3, 9))
	if err := svc.Delete(ctx, app.TableVisits, gone.ID); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(datatest.TempDir(t), "备份.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	v.Findings = "用地审批"
	if err := svc.SaveVisit(ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	addVisit(t, svc, l, e, app.D(2026, 3, 11)) // after the backup: gone with the restore
	visit := []string{kindID(app.FoundVisit, v.ID)}
	ent := kindID(app.FoundEnterprise, e.ID)
	want := map[string][]string{"焊工": visit, "用地": nil, "宏达": {ent, visit[0]}, "生产经营": nil}
	if err := st.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, want)

	if err := data.RemigrateSearch(st.DB); err != nil {
		t.Fatal(err)
	}
	wantHits(t, svc, want)
}

// The index finds exactly the records whose texts hold every word (A–Z
// in either case): random texts of a few characters, searched for random
// words, against a plain scan.
func TestSearchExact(t *testing.T) {
	svc, st := searchSvc(t, haigangOffice)
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("甲乙丙aAbB-%  ")
	text := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return string(r)
	}
	texts := map[string]string{}
	err := st.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error {
		for i := range 60 {
			e := app.Enterprise{CreditCode: creditCode(t, i+1), Name: fmt.Sprintf("企业%d", i), LegalRep: text(1 + rnd.IntN(8))}
			if err := tx.SaveEnterprise(&e); err != nil {
				return err
			}
			texts[e.ID] = e.Name + "\n" + e.CreditCode + "\n" + e.LegalRep
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 300 {
		words := app.SearchWords(text(1+rnd.IntN(3)) + " " + text(rnd.IntN(3)))
		if len(words) == 0 {
			continue
		}
		var want []string
		for id, s := range texts {
			all := true
			for _, w := range words {
				all = all && strings.Contains(strings.ToLower(s), strings.ToLower(w))
			}
			if all {
				want = append(want, kindID(app.FoundEnterprise, id))
			}
		}
		wantHits(t, svc, map[string][]string{strings.Join(words, " "): want})
	}
}
