package syncfile_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// The round trip of sync files between two counties and the city bureau,
// over SQLite databases and app.Service, as the offices use them. Every name
// of this file starts with rt, beside the other tests of the package.

// rtNow is the fixed clock of these tests: Monday 16 March 2026, 10:00 in
// Beijing.
var rtNow = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

var (
	rtHaigang  = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	rtShanhai  = app.Office{Code: "130303", Name: "山海关区", Role: app.RoleCounty}
	rtBeidaihe = app.Office{Code: "130304", Name: "北戴河区", Role: app.RoleCounty}
	rtCity     = app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}
)

// rtNode is an office's database with its service.
type rtNode struct {
	o   app.Office
	st  *datatest.Store
	svc *app.Service
}

// rtNew sets up an office on a new database with the fixed clock;
// keys, when set, are the keys it gets (a second database of one office,
// which opens the same files).
func rtNew(t *testing.T, o app.Office, keys *app.OfficeKeys) *rtNode {
	t.Helper()
	st := datatest.New(t)
	svc := app.NewService(st, "张三")
	svc.Now = func() time.Time { return rtNow }
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		if keys != nil {
			return *keys, nil
		}
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	if err := svc.SetUp(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	return &rtNode{o: o, st: st, svc: svc}
}

func (n *rtNode) op() app.Op { return app.Op{Operator: n.svc.Operator, At: n.svc.Now()} }

func (n *rtNode) keys(t *testing.T) app.OfficeKeys {
	t.Helper()
	k, err := n.st.Keys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (n *rtNode) card(t *testing.T) app.Card {
	t.Helper()
	c, err := syncfile.CardOf(n.o, n.keys(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// trusts has n register the cards of others.
func (n *rtNode) trusts(t *testing.T, others ...*rtNode) {
	t.Helper()
	for _, o := range others {
		if err := n.svc.Trust(context.Background(), o.card(t), false); err != nil {
			t.Fatalf("%s trusts %s: %v", n.o.Name, o.o.Name, err)
		}
	}
}

// rtExchange has the city and each county trust each other.
func rtExchange(t *testing.T, city *rtNode, counties ...*rtNode) {
	t.Helper()
	for _, c := range counties {
		city.trusts(t, c)
		c.trusts(t, city)
	}
}

// rtRecords are the records a county enters through the service.
type rtRecords struct {
	leaders     []app.Leader
	enterprises []app.Enterprise
	assignment  app.Assignment
	visit       app.Visit
	problems    []app.Problem // the first was assigned (交办)
}

// rtCreditCode is a valid credit code of office numbered k.
func rtCreditCode(t *testing.T, office string, k int) string {
	t.Helper()
	body := fmt.Sprintf("91%sMA%07d", office, k)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	return body + string(c)
}

// enter saves two leaders, two enterprises, an assignment, a visit and two
// problems (one assigned) at n.
func (n *rtNode) enter(t *testing.T) rtRecords {
	t.Helper()
	ctx := context.Background()
	var r rtRecords
	for i, name := range []string{"王建国", "李海涛"} {
		l := app.Leader{Name: name, Post: "副区长", Level: app.LevelCounty, Body: "政府"}
		if err := n.svc.SaveLeader(ctx, &l); err != nil {
			t.Fatalf("leader %d: %v", i, err)
		}
		r.leaders = append(r.leaders, l)
	}
	for i, name := range []string{"宏达机械制造有限公司", "渤海玻璃有限公司"} {
		e := app.Enterprise{Name: n.o.Name + name, CreditCode: rtCreditCode(t, n.o.Code, i+1), Industry: "装备制造",
			Categories: []string{"规模以上"}}
		if err := n.svc.SaveEnterprise(ctx, &e); err != nil {
			t.Fatalf("enterprise %d: %v", i, err)
		}
		r.enterprises = append(r.enterprises, e)
	}
	today := n.svc.Today()
	r.assignment = app.Assignment{LeaderID: r.leaders[0].ID, EnterpriseID: r.enterprises[0].ID, Liaison: "赵联络", LeadDept: "区工信局",
		From: today.AddDays(-30)}
	if err := n.svc.SaveAssignment(ctx, &r.assignment); err != nil {
		t.Fatal(err)
	}
	r.visit = app.Visit{Date: today.AddDays(-3), LeaderID: r.leaders[0].ID, EnterpriseID: r.enterprises[0].ID, Mode: "实地",
		Findings: "生产经营正常，用地紧张"}
	if err := n.svc.SaveVisit(ctx, &r.visit, nil); err != nil {
		t.Fatal(err)
	}
	firsts := []*app.Action{
		{Kind: app.ActAssign, Date: today, LeadDept: "区自然资源局", Person: "王科长", Deadline: today.AddDays(20)},
		nil,
	}
	for i, first := range firsts {
		np := app.NewProblem{Problem: app.Problem{EnterpriseID: r.enterprises[i].ID, Source: "企业反映", Category: "用地",
			Description: fmt.Sprintf("新厂区用地指标不足（%d）", i+1), Registered: today.AddDays(-1)}, First: first}
		if err := n.svc.RegisterProblem(ctx, &np); err != nil {
			t.Fatalf("problem %d: %v", i, err)
		}
		r.problems = append(r.problems, np.Problem)
	}
	return r
}

// export writes n's file to office to in a new folder.
func (n *rtNode) export(t *testing.T, to string, all bool) (string, syncfile.Manifest) {
	t.Helper()
	dir := t.TempDir()
	path, m, err := syncfile.Export(context.Background(), n.st, n.op(), to, all, dir, nil)
	if err != nil {
		t.Fatalf("%s exports to %s: %v", n.o.Name, to, err)
	}
	if filepath.Dir(path) != dir {
		t.Errorf("the file %s is not in %s", path, dir)
	}
	return path, m
}

// read reads the file at path as n, with the cards n registered.
func (n *rtNode) read(t *testing.T, path string) (*syncfile.File, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := syncfile.Read(b, n.o, n.keys(t), func(o string) (app.Card, error) { return n.st.Card(context.Background(), o) })
	if err != nil {
		return nil, err
	}
	f.Name = filepath.Base(path)
	return f, nil
}

func (n *rtNode) mustRead(t *testing.T, path string) *syncfile.File {
	t.Helper()
	f, err := n.read(t, path)
	if err != nil {
		t.Fatalf("%s reads %s: %v", n.o.Name, filepath.Base(path), err)
	}
	return f
}

// importFile reads and imports the file at path into n, without backup.
func (n *rtNode) importFile(t *testing.T, path string) syncfile.Plan {
	t.Helper()
	p, err := syncfile.Import(context.Background(), n.st, n.op(), n.mustRead(t, path), "", nil)
	if err != nil {
		t.Fatalf("%s imports %s: %v", n.o.Name, filepath.Base(path), err)
	}
	return p
}

// lists is every live record of office (every office when "") as n's
// lists show it: a line per record with its table, ID, version and JSON,
// sorted.
func (n *rtNode) lists(t *testing.T, office string) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	add := func(tbl app.Table, m app.Meta, rec any) {
		if office != "" && m.Office != office {
			return
		}
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s v%d %s", tbl, m.ID, m.Version, b))
	}
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	es, err := n.st.Enterprises(ctx, app.EnterpriseFilter{Office: office})
	check(err)
	for _, x := range es {
		add(app.TableEnterprises, x.Meta, x)
	}
	ls, err := n.st.Leaders(ctx, app.LeaderFilter{Office: office})
	check(err)
	for _, x := range ls {
		add(app.TableLeaders, x.Meta, x)
	}
	as, err := n.st.Assignments(ctx, app.AssignmentFilter{Office: office})
	check(err)
	for _, x := range as {
		add(app.TableAssignments, x.Meta, x)
	}
	vs, err := n.st.Visits(ctx, app.VisitFilter{Office: office})
	check(err)
	for _, x := range vs {
		add(app.TableVisits, x.Meta, x)
	}
	ps, err := n.st.Problems(ctx, app.ProblemFilter{Office: office})
	check(err)
	for _, x := range ps {
		add(app.TableProblems, x.Meta, x)
		evs, err := n.st.Events(ctx, x.ID)
		check(err)
		for _, ev := range evs {
			add(app.TableEvents, ev.Meta, ev)
		}
	}
	ms, err := n.st.Meetings(ctx, app.MeetingFilter{Office: office})
	check(err)
	for _, x := range ms {
		add(app.TableMeetings, x.Meta, x)
	}
	fs, err := n.st.FinancingNeeds(ctx, app.FinancingFilter{Office: office})
	check(err)
	for _, x := range fs {
		add(app.TableFinancing, x.Meta, x)
	}
	bl, err := n.st.BridgeLoans(ctx, app.LoanFilter{Office: office})
	check(err)
	for _, x := range bl {
		add(app.TableLoans, x.Meta, x)
	}
	cs, err := n.st.Comments(ctx, app.CommentFilter{})
	check(err)
	for _, x := range cs {
		add(app.TableComments, x.Meta, x)
	}
	slices.Sort(out)
	return out
}

// state is a hash of every list of n and its stats: what an import that
// changes nothing leaves as it was.
func (n *rtNode) state(t *testing.T) string {
	t.Helper()
	st, err := n.st.Stats(context.Background(), n.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%+v\n", st)
	for _, l := range n.lists(t, "") {
		fmt.Fprintln(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// versions is every record of office in n's database, deleted or not,
// table by table.
func (n *rtNode) versions(t *testing.T, office string) map[app.Table]map[string]int64 {
	t.Helper()
	out := map[app.Table]map[string]int64{}
	for _, tbl := range app.SyncedTables {
		vs, err := n.st.Versions(context.Background(), tbl, office)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) > 0 {
			out[tbl] = vs
		}
	}
	return out
}

func rtHasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func rtCode(t *testing.T, err error, code string) *syncfile.Error {
	t.Helper()
	var se *syncfile.Error
	if !errors.As(err, &se) || se.Code != code {
		t.Fatalf("error %v, want an *syncfile.Error with code %s", err, code)
	}
	if !rtHasHan(se.Msg) {
		t.Errorf("the message %q says nothing in Chinese", se.Msg)
	}
	return se
}

// rtCounts checks what a plan counts, table by table, against want;
// tables left out of want should count nothing.
func rtCounts(t *testing.T, what string, got map[app.Table]app.TableCounts, want map[app.Table]app.TableCounts) {
	t.Helper()
	for _, tbl := range app.SyncedTables {
		if got[tbl] != want[tbl] {
			t.Errorf("%s: %s counts %+v, want %+v", what, tbl, got[tbl], want[tbl])
		}
	}
}

// rtAllNew is every record of vs counted as new.
func rtAllNew(vs map[app.Table]map[string]int64) map[app.Table]app.TableCounts {
	out := map[app.Table]app.TableCounts{}
	for tbl, m := range vs {
		out[tbl] = app.TableCounts{New: len(m)}
	}
	return out
}

// TestRoundTripCountiesCity follows the files of two counties to the city and back:
// the first file, the same file again, an edit and a deletion, -all after
// earlier files, and the city's comments.
func TestRoundTripCountiesCity(t *testing.T) {
	ctx := context.Background()
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	hgRec, shgRec := hg.enter(t), shg.enter(t)

	// The first file of each county: every record new, the lists at the
	// city as at the county.
	hgPath, hgM := hg.export(t, app.CityCode, false)
	shgPath, _ := shg.export(t, app.CityCode, false)
	want := hg.versions(t, rtHaigang.Code)
	if len(want) != 7 { // with the department the problem was 交办 to
		t.Fatalf("海港区 has records of %d tables, want 7: %v", len(want), want)
	}
	for tbl, vs := range want {
		if hgM.Counts[tbl] != len(vs) {
			t.Errorf("the manifest counts %d %s, the county has %d", hgM.Counts[tbl], tbl, len(vs))
		}
	}
	f := city.mustRead(t, hgPath)
	before := city.state(t)
	plan, err := syncfile.Preview(ctx, city.st, f, city.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	rtCounts(t, "preview", plan.Counts, rtAllNew(want))
	if plan.Duplicate || len(plan.Refused) != 0 || len(plan.Warnings) != 0 || len(plan.Apply) != len(f.Changes) {
		t.Errorf("preview: duplicate %v, refused %v, warnings %q, %d to apply of %d", plan.Duplicate, plan.Refused, plan.Warnings,
			len(plan.Apply), len(f.Changes))
	}
	if city.state(t) != before {
		t.Fatal("the preview changed the city's records")
	}
	plan, err = syncfile.Import(ctx, city.st, city.op(), f, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	rtCounts(t, "import", plan.Counts, rtAllNew(want))
	plan = city.importFile(t, shgPath)
	rtCounts(t, "import of 山海关区", plan.Counts, rtAllNew(shg.versions(t, rtShanhai.Code)))
	for _, n := range []*rtNode{hg, shg} {
		if got, want := city.lists(t, n.o.Code), n.lists(t, n.o.Code); !reflect.DeepEqual(got, want) {
			t.Errorf("the city's records of %s:\n%s\nthe county's:\n%s", n.o.Name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got, want := city.versions(t, n.o.Code), n.versions(t, n.o.Code); !reflect.DeepEqual(got, want) {
			t.Errorf("the city's versions of %s %v, the county's %v", n.o.Name, got, want)
		}
	}
	if got, err := city.st.Problem(ctx, hgRec.problems[0].ID); err != nil || got.Office != rtHaigang.Code ||
		got.Number != hgRec.problems[0].Number || got.Status != app.StatusAssigned || got.LeadDept != "区自然资源局" {
		t.Errorf("the city has the problem %+v (%v), the county %+v", got, err, hgRec.problems[0])
	}
	// The department the problem was 交办 to came into the county's
	// directory, and travels with it: the city sees it as the county's.
	if ds, err := city.st.Departments(ctx, app.DepartmentFilter{Office: rtHaigang.Code}); err != nil || len(ds) != 1 ||
		ds[0].Name != "区自然资源局" || ds[0].Office != rtHaigang.Code {
		t.Errorf("the city has the county's departments %+v (%v)", ds, err)
	}
	log, err := city.st.SyncLog(ctx, rtHaigang.Code, 0)
	if err != nil || len(log) != 1 || log[0].Direction != app.SyncImport || log[0].Outcome != app.SyncOK || log[0].Hash != f.Hash ||
		log[0].File != filepath.Base(hgPath) || log[0].SeqFrom != 1 || log[0].SeqTo != hgM.SeqTo {
		t.Errorf("the city's log of 海港区 %+v (%v)", log, err)
	}

	// The same file again: refused as a duplicate, nothing changes, not
	// even the log.
	before = city.state(t)
	logLen := len(rtLog(t, city))
	plan, err = syncfile.Import(ctx, city.st, city.op(), city.mustRead(t, hgPath), "", nil)
	if se := rtCode(t, err, syncfile.ErrDuplicate); se.Sender != rtHaigang.Code {
		t.Errorf("the duplicate's sender %q", se.Sender)
	}
	if !plan.Duplicate || len(plan.Apply) != 0 {
		t.Errorf("the plan of a duplicate %+v", plan)
	}
	if city.state(t) != before || len(rtLog(t, city)) != logLen {
		t.Error("a duplicate changed the city's records or log")
	}

	// An edit and a deletion at the county: the next file carries those
	// only, and the tombstone hides the record at the city.
	l := hgRec.leaders[1]
	l.Post = "区长"
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	if err := hg.svc.Delete(ctx, app.TableVisits, hgRec.visit.ID); err != nil {
		t.Fatal(err)
	}
	path2, m2 := hg.export(t, app.CityCode, false)
	if m2.SeqFrom != hgM.SeqTo+1 || m2.SeqTo != hgM.SeqTo+2 ||
		!reflect.DeepEqual(m2.Counts, map[app.Table]int{app.TableLeaders: 1, app.TableVisits: 1}) {
		t.Errorf("the second file %d–%d counts %v", m2.SeqFrom, m2.SeqTo, m2.Counts)
	}
	plan = city.importFile(t, path2)
	rtCounts(t, "the second file", plan.Counts, map[app.Table]app.TableCounts{app.TableLeaders: {Updated: 1}, app.TableVisits: {Deleted: 1}})
	if len(plan.Warnings) != 0 {
		t.Errorf("warnings %q", plan.Warnings)
	}
	if _, err := city.st.Visit(ctx, hgRec.visit.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the deleted visit at the city: %v", err)
	}
	if vs, _ := city.st.Visits(ctx, app.VisitFilter{Office: rtHaigang.Code}); len(vs) != 0 {
		t.Errorf("the city lists %d visits of 海港区", len(vs))
	}
	if got, _ := city.st.Leader(ctx, l.ID); got.Post != "区长" || got.Version != 2 {
		t.Errorf("the edited leader at the city %+v", got)
	}
	if got, want := city.lists(t, rtHaigang.Code), hg.lists(t, rtHaigang.Code); !reflect.DeepEqual(got, want) {
		t.Errorf("after the second file the city has\n%s\nthe county\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// -all after these: every record, tombstone included, already there.
	// (Its log line counts in the stats: only the lists stay as they were.)
	beforeAll := city.lists(t, "")
	path3, m3 := hg.export(t, app.CityCode, true)
	all := hg.versions(t, rtHaigang.Code)
	if !m3.All || m3.SeqFrom != 1 || m3.SeqTo != m2.SeqTo {
		t.Errorf("-all: %+v", m3)
	}
	unchanged := map[app.Table]app.TableCounts{}
	for tbl, vs := range all {
		if m3.Counts[tbl] != len(vs) {
			t.Errorf("-all carries %d %s, the county has %d", m3.Counts[tbl], tbl, len(vs))
		}
		unchanged[tbl] = app.TableCounts{Unchanged: len(vs)}
	}
	plan = city.importFile(t, path3)
	rtCounts(t, "-all", plan.Counts, unchanged)
	if len(plan.Apply) != 0 || len(plan.Warnings) != 0 {
		t.Errorf("-all: %d to apply, warnings %q", len(plan.Apply), plan.Warnings)
	}
	if got := city.lists(t, ""); !reflect.DeepEqual(got, beforeAll) {
		t.Error("-all changed the city's records")
	}

	// The city's comment on a problem of 海港区 goes to 海港区 only.
	cm := app.Comment{ProblemID: hgRec.problems[0].ID, Date: city.svc.Today(), Text: "请加快办理，月底前报送进展", Author: "赵科长"}
	if err := city.svc.SaveComment(ctx, &cm); err != nil {
		t.Fatal(err)
	}
	if cm.ProblemOffice != rtHaigang.Code || cm.Office != app.CityCode {
		t.Fatalf("the comment %+v", cm)
	}
	toHg, mHg := city.export(t, rtHaigang.Code, false)
	if !reflect.DeepEqual(mHg.Counts, map[app.Table]int{app.TableComments: 1}) || mHg.Sender != app.CityCode || mHg.Recipient != rtHaigang.Code {
		t.Errorf("the city's file to 海港区: %+v", mHg)
	}
	_, mShg := city.export(t, rtShanhai.Code, false)
	if len(mShg.Counts) != 0 {
		t.Errorf("the city's file to 山海关区 carries %v", mShg.Counts)
	}
	plan = hg.importFile(t, toHg)
	rtCounts(t, "the city's file at 海港区", plan.Counts, map[app.Table]app.TableCounts{app.TableComments: {New: 1}})
	got, err := hg.st.Comments(ctx, app.CommentFilter{ProblemID: hgRec.problems[0].ID})
	if err != nil || len(got) != 1 || got[0].ID != cm.ID || got[0].Text != cm.Text || got[0].Office != app.CityCode ||
		got[0].ProblemOffice != rtHaigang.Code {
		t.Errorf("海港区 sees the comments %+v (%v)", got, err)
	}

	// A city file to 海港区 that carries a comment on a problem of
	// 山海关区 beside the one already there: the whole file is refused.
	other := app.Comment{ProblemID: shgRec.problems[1].ID, Date: city.svc.Today(), Text: "请说明办理情况", Author: "赵科长"}
	if err := city.svc.SaveComment(ctx, &other); err != nil {
		t.Fatal(err)
	}
	cs, top, err := city.st.Changes(ctx, app.CityCode, 0)
	if err != nil {
		t.Fatal(err)
	}
	var comments []app.Change
	for _, c := range cs {
		if c.Table == app.TableComments {
			comments = append(comments, c)
		}
	}
	if len(comments) != 2 {
		t.Fatalf("the city's change log has %d comments", len(comments))
	}
	crafted := city.craft(t, hg, top, comments)
	f = hg.mustRead(t, crafted)
	plan, err = syncfile.Preview(ctx, hg.st, f, hg.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	rtCounts(t, "a comment on 山海关区's problem", plan.Counts, map[app.Table]app.TableCounts{app.TableComments: {Unchanged: 1, Refused: 1}})
	if len(plan.Refused) != 1 || plan.Refused[0].ID != other.ID || plan.Refused[0].Table != app.TableComments || !rtHasHan(plan.Refused[0].Msg) ||
		len(plan.Apply) != 0 || plan.Err() == nil {
		t.Errorf("refused %+v, %d to apply, %v", plan.Refused, len(plan.Apply), plan.Err())
	}
	hg.refusedWhole(t, crafted)
	if _, ok := hg.versions(t, app.CityCode)[app.TableComments][other.ID]; ok {
		t.Error("海港区 keeps a comment on a problem of 山海关区")
	}
}

func rtLog(t *testing.T, n *rtNode) []app.SyncEntry {
	t.Helper()
	log, err := n.st.SyncLog(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// Two files of a county give the city the same records whichever comes
// first: the later file, when it points at records of the earlier one, is
// refused until the earlier one is imported.
func TestRoundTripAnyOrder(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	path1, _ := hg.export(t, app.CityCode, false)
	l := r.leaders[0]
	l.Post = "区委书记"
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	if err := hg.svc.Delete(ctx, app.TableLeaders, r.leaders[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := hg.svc.Act(ctx, r.problems[1].ID, app.Action{Kind: app.ActAssign, Date: hg.svc.Today(), LeadDept: "区住建局",
		Person: "孙科长", Deadline: hg.svc.Today().AddDays(15)}); err != nil {
		t.Fatal(err)
	}
	path2, m2 := hg.export(t, app.CityCode, false)
	if m2.Counts[app.TableLeaders] != 2 || m2.Counts[app.TableProblems] != 1 || m2.Counts[app.TableEvents] != 1 {
		t.Fatalf("the second file counts %v", m2.Counts)
	}

	keys := city.keys(t)
	inOrder, reversed := rtNew(t, rtCity, &keys), rtNew(t, rtCity, &keys)
	inOrder.trusts(t, hg)
	reversed.trusts(t, hg)
	for _, p := range []string{path1, path2} {
		inOrder.importFile(t, p)
	}
	// The later file first points at records of the earlier one: it is
	// refused whole, saying to import the earlier file first, which
	// makes the later one import.
	plan := reversed.refusedWhole(t, path2)
	if len(plan.Refused) != 1 || plan.Refused[0].ID != r.problems[1].ID || !strings.Contains(plan.Refused[0].Msg, "请先导入较早的文件") {
		t.Errorf("the later file first: refused %+v", plan.Refused)
	}
	plan = reversed.importFile(t, path1)
	if len(plan.Warnings) != 0 {
		t.Errorf("the earlier file second: warnings %q", plan.Warnings)
	}
	plan = reversed.importFile(t, path2)
	if c := plan.Counts[app.TableLeaders]; c != (app.TableCounts{Updated: 1, Deleted: 1}) || len(plan.Warnings) != 0 {
		t.Errorf("the later file again: leaders %+v, warnings %q", c, plan.Warnings)
	}
	want := hg.lists(t, rtHaigang.Code)
	if got := inOrder.lists(t, rtHaigang.Code); !reflect.DeepEqual(got, want) {
		t.Errorf("in order the city has\n%s\nthe county\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := reversed.lists(t, rtHaigang.Code); !reflect.DeepEqual(got, want) {
		t.Errorf("in the other order the city has\n%s\nthe county\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a, b := inOrder.versions(t, rtHaigang.Code), reversed.versions(t, rtHaigang.Code); !reflect.DeepEqual(a, b) {
		t.Errorf("versions in order %v, in the other order %v", a, b)
	}
	if a, b := inOrder.state(t), reversed.state(t); a != b {
		t.Error("the two cities' lists and stats differ")
	}
}

// A county that restored an old backup sends a file whose range overlaps
// one the city imported: the city is warned, by sequence number, and
// keeps the newer records it has.
func TestRoundTripBackwardsWarning(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	backup := filepath.Join(t.TempDir(), "海港区备份.json")
	if err := hg.st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	l := r.leaders[0]
	l.Post = "区长"
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	path1, m1 := hg.export(t, app.CityCode, false)
	if plan := city.importFile(t, path1); len(plan.Warnings) != 0 {
		t.Fatalf("the first file warns %q", plan.Warnings)
	}

	if err := hg.st.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	e := r.enterprises[1]
	e.Address = "海港区河北大街西段"
	if err := hg.svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	path2, m2 := hg.export(t, app.CityCode, false)
	if m2.SeqFrom > m1.SeqTo || m2.SeqTo < m1.SeqFrom {
		t.Fatalf("the second file %d–%d does not overlap the first %d–%d", m2.SeqFrom, m2.SeqTo, m1.SeqFrom, m1.SeqTo)
	}
	f := city.mustRead(t, path2)
	plan, err := syncfile.Preview(ctx, city.st, f, city.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, w := range plan.Warnings {
		if strings.Contains(w, "序号") && strings.Contains(w, filepath.Base(path1)) {
			warned = true
		}
	}
	if !warned {
		t.Errorf("warnings %q, want one that names the sequence numbers and the first file", plan.Warnings)
	}
	if c := plan.Counts[app.TableEnterprises]; c.Updated != 1 {
		t.Errorf("enterprises %+v, want the edited one updated", c)
	}
	plan, err = syncfile.Import(ctx, city.st, city.op(), f, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if log := rtLog(t, city); log[0].Message == "" || !rtHasHan(log[0].Message) {
		t.Errorf("the log line of the file that went back %+v", log[0])
	}
	if got, _ := city.st.Leader(ctx, l.ID); got.Post != "区长" || got.Version != 2 {
		t.Errorf("the city's newer leader was overwritten: %+v", got)
	}
	if got, _ := city.st.Enterprise(ctx, e.ID); got.Address != e.Address {
		t.Errorf("the edited enterprise at the city %+v", got)
	}
}

// Export refuses a recipient whose card is not registered, and leaves no
// file and no log line.
func TestRoundTripExportUntrusted(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	for _, tc := range []struct {
		name string
		from *rtNode
		to   string
	}{
		{"a county to the city", hg, app.CityCode},
		{"the city to a county", city, rtHaigang.Code},
		{"the city to itself", city, app.CityCode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path, _, err := syncfile.Export(ctx, tc.from.st, tc.from.op(), tc.to, false, dir, nil)
			if err == nil || !rtHasHan(err.Error()) {
				t.Fatalf("export: %s, %v", path, err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a refused export left %d files", len(entries))
			}
			if log := rtLog(t, tc.from); len(log) != 0 {
				t.Errorf("a refused export was logged: %+v", log)
			}
		})
	}
}

// LogRefused writes a refused line with the reason, and the sender when
// the file named one.
func TestRoundTripLogRefused(t *testing.T) {
	ctx := context.Background()
	bdh, city := rtNew(t, rtBeidaihe, nil), rtNew(t, rtCity, nil)
	bdh.trusts(t, city) // the city has not registered 北戴河区's card
	bdh.enter(t)
	path, _ := bdh.export(t, app.CityCode, false)
	signed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		data   []byte
		code   string
		sender string
	}{
		{"untrusted sender", signed, syncfile.ErrUntrusted, rtBeidaihe.Code},
		{"not a sync file", []byte("PK\x03\x04 这不是同步文件"), syncfile.ErrNotSyncFile, ""},
		{"truncated", signed[:len(signed)/2], syncfile.ErrDamaged, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := city.state(t)
			_, err := syncfile.Read(tc.data, city.o, city.keys(t), func(o string) (app.Card, error) { return city.st.Card(ctx, o) })
			se := rtCode(t, err, tc.code)
			if se.Sender != tc.sender {
				t.Errorf("sender %q, want %q", se.Sender, tc.sender)
			}
			if err := syncfile.LogRefused(ctx, city.st, city.op(), tc.name+".wgy", tc.data, err); err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(tc.data)
			e := rtLog(t, city)[0]
			if e.Direction != app.SyncImport || e.Outcome != app.SyncRefused || e.Peer != tc.sender || e.Message != err.Error() ||
				e.File != tc.name+".wgy" || e.Hash != hex.EncodeToString(sum[:]) {
				t.Errorf("the log line %+v", e)
			}
			if tc.sender != "" {
				if log, err := city.st.SyncLog(ctx, tc.sender, 0); err != nil || len(log) != 1 || log[0].Outcome != app.SyncRefused {
					t.Errorf("the log of %s: %+v (%v)", tc.sender, log, err)
				}
			}
			if city.state(t) != before {
				t.Error("a refused file changed the city's records")
			}
		})
	}
}

// Import with a backup path first writes the database as it was.
func TestRoundTripImportBackup(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	path, _ := hg.export(t, app.CityCode, false)
	backup := filepath.Join(t.TempDir(), "backups", "导入前.json")
	if _, err := syncfile.Import(ctx, city.st, city.op(), city.mustRead(t, path), backup, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Fatalf("the backup: %v", err)
	}
	if _, err := city.st.Leader(ctx, r.leaders[0].ID); err != nil {
		t.Fatalf("not imported: %v", err)
	}
	// The backup is the city before the import.
	restored := datatest.New(t)
	if err := restored.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if o, err := restored.Office(ctx); err != nil || o.Code != app.CityCode {
		t.Errorf("the backup is of %+v (%v)", o, err)
	}
	if _, err := restored.Leader(ctx, r.leaders[0].ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the backup has the imported leader: %v", err)
	}
	if cards, err := restored.Cards(ctx); err != nil || len(cards) != 1 || cards[0].Office != rtHaigang.Code {
		t.Errorf("the backup's cards %+v (%v)", cards, err)
	}

	// A backup that cannot be written stops the import before it writes.
	hg.anotherLeader(t)
	path2, _ := hg.export(t, app.CityCode, false)
	before := city.state(t)
	if _, err := syncfile.Import(ctx, city.st, city.op(), city.mustRead(t, path2), backup, nil); err == nil || !rtHasHan(err.Error()) {
		t.Errorf("an import whose backup file exists: %v", err)
	}
	if city.state(t) != before {
		t.Error("an import whose backup failed changed the records")
	}
}

// anotherLeader saves one more leader at n.
func (n *rtNode) anotherLeader(t *testing.T) app.Leader {
	t.Helper()
	l := app.Leader{Name: "周晓东", Post: "常务副区长", Level: app.LevelCounty, Body: "政府"}
	if err := n.svc.SaveLeader(context.Background(), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// The progress of a long import and export runs up to done == total.
func TestRoundTripProgress(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	if _, err := demo.Fill(ctx, hg.st, hg.op(), demo.Options{Today: hg.svc.Today(), Years: 2, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	type call struct{ done, total int }
	check := func(what string, calls []call, total int) {
		t.Helper()
		if len(calls) < 2 {
			t.Fatalf("%s of %d records: progress called %d times", what, total, len(calls))
		}
		for i, c := range calls {
			if c.total != total || c.done > c.total || (i > 0 && c.done < calls[i-1].done) {
				t.Fatalf("%s: call %d of %d is %+v, total %d", what, i+1, len(calls), c, total)
			}
		}
		if last := calls[len(calls)-1]; last.done != total {
			t.Errorf("%s: the last call %+v, want done == total == %d", what, last, total)
		}
	}
	var exported []call
	path, m, err := syncfile.Export(ctx, hg.st, hg.op(), app.CityCode, false, t.TempDir(),
		func(done, total int) { exported = append(exported, call{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	records := 0
	for _, n := range m.Counts {
		records += n
	}
	if records < 2000 {
		t.Fatalf("the demo gave %d records", records)
	}
	check("export", exported, records)

	var imported []call
	plan, err := syncfile.Import(ctx, city.st, city.op(), city.mustRead(t, path), "",
		func(done, total int) { imported = append(imported, call{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Apply) != records {
		t.Errorf("%d applied of %d", len(plan.Apply), records)
	}
	check("import", imported, records)
}

// A county's signed file that carries a comment (督办意见) of its own is
// refused whole at the city: comments are the city's alone.
func TestRoundTripCountyCommentRefusedAtCity(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	p := r.problems[0]
	cm := app.Comment{Meta: app.Meta{ID: "c-planted", Office: rtHaigang.Code, Version: 1, UpdatedAt: rtNow},
		ProblemID: p.ID, ProblemOffice: rtHaigang.Code, Date: app.DateOf(rtNow), Text: "已阅，同意办结"}
	data, err := json.Marshal(cm)
	if err != nil {
		t.Fatal(err)
	}
	cs, top, err := hg.st.Changes(ctx, rtHaigang.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	cs = append(cs, app.Change{Seq: top + 1, Table: app.TableComments, ID: cm.ID, Office: rtHaigang.Code, Version: 1, Data: data})
	crafted := filepath.Join(t.TempDir(), "crafted.wgy")
	out, err := os.Create(crafted)
	if err != nil {
		t.Fatal(err)
	}
	m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: rtHaigang.Code, SenderName: rtHaigang.Name, Recipient: app.CityCode,
		Created: rtNow, SeqFrom: 1, SeqTo: top + 1}
	if err := syncfile.Write(out, &m, cs, hg.keys(t), city.card(t)); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	plan := city.refusedWhole(t, crafted)
	if c := plan.Counts[app.TableComments]; c.Refused != 1 || c.New != 0 {
		t.Errorf("comments %+v, want the county's comment refused", c)
	}
	if len(plan.Refused) != 1 || plan.Refused[0].ID != cm.ID || !strings.Contains(plan.Refused[0].Msg, "市工信局") {
		t.Errorf("refused %+v, want the planted comment with a reason that names the city bureau", plan.Refused)
	}
	if got := plan.Counts[app.TableProblems]; got.New != len(r.problems) {
		t.Errorf("problems %+v, want the county's %d problems counted new", got, len(r.problems))
	}
}

// An earlier file that comes after an -all file overlaps its sequence
// range by design and is not reported as the sender going backwards.
func TestRoundTripAllThenEarlierFileNoWarning(t *testing.T) {
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	hg.enter(t)
	early, _ := hg.export(t, app.CityCode, false)
	hg.anotherLeader(t)
	all, _ := hg.export(t, app.CityCode, true)
	if plan := city.importFile(t, all); len(plan.Warnings) != 0 {
		t.Fatalf("the -all file warns %q", plan.Warnings)
	}
	if log := rtLog(t, city); !log[0].All {
		t.Errorf("the log line of the -all file %+v does not say so", log[0])
	}
	plan := city.importFile(t, early)
	if len(plan.Warnings) != 0 {
		t.Errorf("the earlier file warns %q", plan.Warnings)
	}
	if len(plan.Apply) != 0 {
		t.Errorf("the earlier file applies %d records the -all file had brought", len(plan.Apply))
	}
}

// Open refuses a file already imported, by its hash, with a message that
// says when; it reads a new file as Read does.
func TestRoundTripOpenDuplicate(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	hg.enter(t)
	path, m := hg.export(t, app.CityCode, false)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := syncfile.Open(ctx, city.st, b)
	if err != nil || f.Manifest.SeqTo != m.SeqTo {
		t.Fatalf("Open a new file: %v", err)
	}
	city.importFile(t, path)
	before := city.state(t)
	f, err = syncfile.Open(ctx, city.st, b)
	e := rtCode(t, err, syncfile.ErrDuplicate)
	if f != nil || e.Sender != rtHaigang.Code || !strings.Contains(e.Msg, "已经") || !strings.Contains(e.Msg, rtNow.Format("2006-01-02")) {
		t.Errorf("Open a file imported before: %v, %+v", f, e)
	}
	if city.state(t) != before {
		t.Error("opening a file imported before changed the city's database")
	}
}

// A notice the city publishes travels to every county in the city's next
// file and reads there as published; republishing the period updates it.
// A county cannot publish one, nor plant one at the city in its file.
func TestRoundTripNoticeToCounties(t *testing.T) {
	ctx := context.Background()
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	hg.enter(t)
	path, _ := hg.export(t, app.CityCode, false)
	city.importFile(t, path)
	p, err := app.ParsePeriod("2026Q1")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := city.svc.PublishNotice(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, county := range []*rtNode{hg, shg} {
		path, m := city.export(t, county.o.Code, false)
		if m.Counts[app.TableNotices] != 1 {
			t.Fatalf("the city's file to %s carries %v", county.o.Name, m.Counts)
		}
		county.importFile(t, path)
		got, err := county.st.PublishedNotices(ctx)
		if err != nil || len(got) != 1 || got[0].ID != pub.ID || got[0].Period != "2026Q1" || !reflect.DeepEqual(got[0].Rows, pub.Rows) {
			t.Fatalf("%s has %+v (%v), published %+v", county.o.Name, got, err, pub)
		}
		if _, err := county.svc.PublishNotice(ctx, p); err == nil {
			t.Errorf("%s published a notice", county.o.Name)
		}
	}
	again, err := city.svc.PublishNotice(ctx, p)
	if err != nil || again.ID != pub.ID || again.Version != pub.Version+1 {
		t.Fatalf("republished %+v (%v), was %+v", again.Meta, err, pub.Meta)
	}
	path, _ = city.export(t, hg.o.Code, false)
	hg.importFile(t, path)
	if got, _ := hg.st.PublishedNotices(ctx); len(got) != 1 || got[0].Version != again.Version {
		t.Errorf("海港区 has %+v after the republished notice", got)
	}

	// A county's file that carries a notice of its own: refused at the city.
	data, err := json.Marshal(app.PublishedNotice{Meta: app.Meta{ID: "n-planted", Office: rtHaigang.Code, Version: 1, UpdatedAt: rtNow},
		Period: "2026Q1", Label: "2026年第1季度", Published: app.DateOf(rtNow)})
	if err != nil {
		t.Fatal(err)
	}
	cs, top, err := hg.st.Changes(ctx, rtHaigang.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	cs = append(cs, app.Change{Seq: top + 1, Table: app.TableNotices, ID: "n-planted", Office: rtHaigang.Code, Version: 1, Data: data})
	crafted := hg.craft(t, city, top+1, cs)
	plan := city.refusedWhole(t, crafted)
	if c := plan.Counts[app.TableNotices]; c.Refused != 1 || c.New != 0 || len(plan.Refused) != 1 || !strings.Contains(plan.Refused[0].Msg, "市工信局") {
		t.Errorf("the planted notice: %+v %+v", c, plan.Refused)
	}
	if got, _ := city.st.PublishedNotices(ctx); len(got) != 1 || got[0].ID != pub.ID {
		t.Errorf("the city has notices %+v", got)
	}
}

// The city's published assessments travel each to the county it assesses
// and to no other; there they are read-only; a city file that carries
// another county's assessment is refused whole.
func TestRoundTripAssessmentToItsCounty(t *testing.T) {
	ctx := context.Background()
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	for _, county := range []*rtNode{hg, shg} {
		county.enter(t)
		path, _ := county.export(t, app.CityCode, false)
		city.importFile(t, path)
	}
	const year = 2025
	for _, county := range []*rtNode{hg, shg} {
		for _, ind := range app.DefaultIndicators() {
			if ind.Code == "" {
				if err := city.svc.SetHandScores(ctx, year, []app.HandScore{{Office: county.o.Code, Indicator: ind.Name, Score: ind.Weight - 1}}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	r, err := city.svc.PublishRanking(ctx, year, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 2 {
		t.Fatalf("published %d assessments, want 2", len(r.Rows))
	}
	for _, county := range []*rtNode{hg, shg} {
		path, m := city.export(t, county.o.Code, false)
		if m.Counts[app.TableAssessments] != 1 {
			t.Fatalf("the city's file to %s carries %v", county.o.Name, m.Counts)
		}
		county.importFile(t, path)
		got, err := county.st.PublishedAssessments(ctx)
		if err != nil || len(got) != 1 || got[0].Result.Office != county.o.Code || got[0].Result.Year != year {
			t.Fatalf("%s has %+v (%v)", county.o.Name, got, err)
		}
		want := r.Rows[slices.IndexFunc(r.Rows, func(a app.Assessment) bool { return a.Office == county.o.Code })]
		if !reflect.DeepEqual(got[0].Result, want) {
			t.Errorf("%s received\n%+v\nthe city published\n%+v", county.o.Name, got[0].Result, want)
		}
		if err := county.svc.SetHandScores(ctx, year, []app.HandScore{{Office: county.o.Code, Indicator: "信息报送与资料管理", Score: 10}}); err == nil {
			t.Errorf("%s scored itself", county.o.Name)
		}
		if _, err := county.svc.PublishRanking(ctx, year, 1); err == nil {
			t.Errorf("%s published an assessment", county.o.Name)
		}
		err = county.st.Update(ctx, county.op(), func(tx app.Tx) error {
			a := got[0]
			a.Result.Total = 100
			return tx.SavePublishedAssessment(&a)
		})
		if err == nil {
			t.Errorf("%s changed its published assessment", county.o.Name)
		}
	}

	// A city file to 海港区 that carries 山海关区's assessment too.
	cs, top, err := city.st.Changes(ctx, app.CityCode, 0)
	if err != nil {
		t.Fatal(err)
	}
	var both []app.Change
	for _, c := range cs {
		if c.Table == app.TableAssessments {
			both = append(both, c)
		}
	}
	crafted := city.craft(t, hg, top, both)
	plan := hg.refusedWhole(t, crafted)
	if c := plan.Counts[app.TableAssessments]; c.Refused != 1 || len(plan.Refused) != 1 || !strings.Contains(plan.Refused[0].Msg, "不是发给海港区") {
		t.Errorf("山海关区's assessment at 海港区: %+v %+v", c, plan.Refused)
	}
	if got, _ := hg.st.PublishedAssessments(ctx); len(got) != 1 || got[0].Result.Office != rtHaigang.Code {
		t.Errorf("海港区 has %+v", got)
	}
}

// craft writes a file from n to `to` that carries cs, as n's whole log up
// to top, signed by n: what a tampering sender could make.
func (n *rtNode) craft(t *testing.T, to *rtNode, top int64, cs []app.Change) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafted.wgy")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	m := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: n.o.Code, SenderName: n.o.Name, Recipient: to.o.Code,
		Created: rtNow, SeqFrom: 1, SeqTo: top, All: true}
	if err := syncfile.Write(out, &m, cs, n.keys(t), to.card(t)); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
