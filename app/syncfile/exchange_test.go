package syncfile_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

var ctx = context.Background()

// node is one office's database with its service.
type node struct {
	office app.Office
	st     *datatest.Store
	svc    *app.Service
}

// newNode sets up a new database for o with a ticking clock; keys, when
// set, are the keys it gets (two databases of one office share them).
func newNode(tb testing.TB, o app.Office, keys *app.OfficeKeys) *node {
	tb.Helper()
	st := datatest.New(tb)
	var tick time.Duration
	svc := &app.Service{Store: st, Operator: "张三",
		Now: func() time.Time { tick += time.Second; return fileTime.Add(tick) },
		MakeKeys: func(o app.Office, now time.Time) (app.OfficeKeys, error) {
			if keys != nil {
				return *keys, nil
			}
			k, _, err := syncfile.NewKeys(o, now)
			return k, err
		}}
	if err := svc.SetUp(ctx, o); err != nil {
		tb.Fatal(err)
	}
	return &node{office: o, st: st, svc: svc}
}

func (n *node) keys(t *testing.T) app.OfficeKeys {
	t.Helper()
	k, err := n.st.Keys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (n *node) card(t *testing.T) app.Card {
	t.Helper()
	c, err := syncfile.CardOf(n.office, n.keys(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (n *node) op() app.Op { return app.Op{Operator: n.svc.Operator, At: n.svc.Now()} }

// trust has each of the nodes register the others' cards where the rules
// let it (a county the city's, the city every county's).
func trust(t *testing.T, nodes ...*node) {
	t.Helper()
	for _, a := range nodes {
		for _, b := range nodes {
			if a != b && (a.office.Role == app.RoleCity) != (b.office.Role == app.RoleCity) {
				if err := a.svc.Trust(ctx, b.card(t), false); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func (n *node) leader(t *testing.T, name string) app.Leader {
	t.Helper()
	l := app.Leader{Name: name, Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := n.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// problem saves an enterprise of n and a problem of it.
func (n *node) problem(t *testing.T, k int) app.Problem {
	t.Helper()
	body := fmt.Sprintf("91%sMA%07d", n.office.Code, k)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	e := app.Enterprise{Name: fmt.Sprintf("秦皇岛测试企业%d有限公司", k), CreditCode: body + string(c)}
	if err := n.svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Description: "用地手续办理缓慢", Category: "用地",
		Source: "企业反映", Registered: n.svc.Today()}}
	if err := n.svc.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	return np.Problem
}

// export writes n's file to office to in a new folder.
func (n *node) export(t *testing.T, to string, all bool) (string, syncfile.Manifest) {
	t.Helper()
	path, m, err := syncfile.Export(ctx, n.st, n.op(), to, all, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return path, m
}

// read reads the file at path as n.
func (n *node) read(t *testing.T, path string) (*syncfile.File, error) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := syncfile.Read(b, n.office, n.keys(t), func(o string) (app.Card, error) { return n.st.Card(ctx, o) })
	if f != nil {
		f.Name = filepath.Base(path)
	}
	return f, err
}

// importFile reads and imports the file at path into n.
func (n *node) importFile(t *testing.T, path string) (syncfile.Plan, error) {
	t.Helper()
	f, err := n.read(t, path)
	if err != nil {
		t.Fatal(err)
	}
	return syncfile.Import(ctx, n.st, n.op(), f, "", nil)
}

// versions is every record of office in n's database, table by table.
func (n *node) versions(t *testing.T, office string) map[app.Table]map[string]int64 {
	t.Helper()
	out := map[app.Table]map[string]int64{}
	for _, tbl := range app.SyncedTables {
		vs, err := n.st.Versions(ctx, tbl, office)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) > 0 {
			out[tbl] = vs
		}
	}
	return out
}

func TestExportImport(t *testing.T) {
	hg, city := newNode(t, haigang, nil), newNode(t, city, nil)
	trust(t, hg, city)
	l1, l2 := hg.leader(t, "王一"), hg.leader(t, "李二")
	p := hg.problem(t, 1)

	path, m := hg.export(t, city.office.Code, false)
	if filepath.Base(path) != syncfile.FileName(m) || m.SeqFrom != 1 || m.SeqTo < 4 || m.Sender != haigang.Code || m.Schema != syncfile.SchemaVersion {
		t.Errorf("exported %s with %+v", path, m)
	}
	if want := map[app.Table]int{app.TableLeaders: 2, app.TableEnterprises: 1, app.TableProblems: 1, app.TableEvents: 1}; !reflect.DeepEqual(m.Counts, want) {
		t.Errorf("counts %v, want %v", m.Counts, want)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the folder has %d files, want only the sync file", len(entries))
	}
	log, err := hg.st.SyncLog(ctx, city.office.Code, 0)
	if err != nil || len(log) != 1 || log[0].Direction != app.SyncExport || log[0].Outcome != app.SyncOK ||
		log[0].SeqTo != m.SeqTo || log[0].Counts[app.TableLeaders].New != 2 || log[0].File != filepath.Base(path) {
		t.Fatalf("county's log %+v (%v)", log, err)
	}

	f, err := city.read(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if log[0].Hash != f.Hash {
		t.Errorf("logged hash %s, file hash %s", log[0].Hash, f.Hash)
	}
	plan, err := syncfile.Preview(ctx, city.st, f, city.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	if plan.Counts[app.TableLeaders].New != 2 || plan.Counts[app.TableProblems].New != 1 || len(plan.Apply) != 5 || plan.Duplicate {
		t.Errorf("preview %+v", plan)
	}
	if _, err := city.st.Leader(ctx, l1.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("the preview wrote a record")
	}
	plan, err = syncfile.Import(ctx, city.st, city.op(), f, filepath.Join(t.TempDir(), "backup", "before.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := city.st.Problem(ctx, p.ID); err != nil || got.Description != p.Description || got.Office != haigang.Code {
		t.Fatalf("the city has %+v (%v)", got, err)
	}
	if !reflect.DeepEqual(city.versions(t, haigang.Code), hg.versions(t, haigang.Code)) {
		t.Errorf("city has %v, county %v", city.versions(t, haigang.Code), hg.versions(t, haigang.Code))
	}

	// The same file again changes nothing.
	ops, logLen := len(city.st.Ops()), len(syncLog(t, city))
	plan, err = syncfile.Import(ctx, city.st, city.op(), f, "", nil)
	wantCode(t, err, syncfile.ErrDuplicate)
	if !plan.Duplicate || len(city.st.Ops()) != ops || len(syncLog(t, city)) != logLen {
		t.Errorf("a second import: plan %+v, %d commits (was %d)", plan, len(city.st.Ops()), ops)
	}

	// An edit and a deletion travel; the rest is not sent again.
	l2.Post = "区长"
	if err := hg.svc.SaveLeader(ctx, &l2); err != nil {
		t.Fatal(err)
	}
	if err := hg.svc.Delete(ctx, app.TableLeaders, l1.ID); err != nil {
		t.Fatal(err)
	}
	path2, m2 := hg.export(t, city.office.Code, false)
	if m2.SeqFrom != m.SeqTo+1 || m2.Counts[app.TableLeaders] != 2 || len(m2.Counts) != 1 {
		t.Errorf("second file %+v", m2)
	}
	plan, err = city.importFile(t, path2)
	if err != nil {
		t.Fatal(err)
	}
	if c := plan.Counts[app.TableLeaders]; c != (app.TableCounts{Updated: 1, Deleted: 1}) || len(plan.Warnings) != 0 {
		t.Errorf("second import %+v, warnings %v", c, plan.Warnings)
	}
	if _, err := city.st.Leader(ctx, l1.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("the deleted leader is still there: %v", err)
	}
	if got, _ := city.st.Leader(ctx, l2.ID); got.Post != "区长" {
		t.Errorf("the city has %+v", got)
	}
	last := syncLog(t, city)[0]
	if last.Direction != app.SyncImport || last.Outcome != app.SyncOK || last.Peer != haigang.Code || last.File != filepath.Base(path2) ||
		last.Hash == "" || last.SeqFrom != m2.SeqFrom || last.SeqTo != m2.SeqTo || last.Counts[app.TableLeaders].Deleted != 1 {
		t.Errorf("city's log line %+v", last)
	}

	// Nothing new: a file with no records, which still moves the range on.
	_, m3 := hg.export(t, city.office.Code, false)
	if len(m3.Counts) != 0 || m3.SeqTo != m2.SeqTo {
		t.Errorf("an export with nothing new: %+v", m3)
	}
	// -all sends everything again, which the city already has.
	path4, m4 := hg.export(t, city.office.Code, true)
	if m4.SeqFrom != 1 || !m4.All || m4.Counts[app.TableLeaders] != 2 {
		t.Errorf("-all: %+v", m4)
	}
	plan, err = city.importFile(t, path4)
	if err != nil || len(plan.Apply) != 0 || plan.Counts[app.TableLeaders].Unchanged != 2 || len(plan.Warnings) != 0 {
		t.Errorf("-all import: %+v, %v", plan, err)
	}
}

func syncLog(t *testing.T, n *node) []app.SyncEntry {
	t.Helper()
	log, err := n.st.SyncLog(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestExportRefusesUntrusted(t *testing.T) {
	hg := newNode(t, haigang, nil)
	dir := t.TempDir()
	_, _, err := syncfile.Export(ctx, hg.st, hg.op(), app.CityCode, false, dir, nil)
	if err == nil || !hasHan(err.Error()) {
		t.Fatalf("export to an office whose card is not registered: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused export left %d files", len(entries))
	}
}

// Files imported in either order give the same records.
func TestImportInAnyOrder(t *testing.T) {
	hg := newNode(t, haigang, nil)
	shared := newNode(t, city, nil)
	k := shared.keys(t)
	a, b := newNode(t, city, &k), newNode(t, city, &k)
	trust(t, hg, shared)
	trust(t, hg, a)
	trust(t, hg, b)

	l1, l2 := hg.leader(t, "王一"), hg.leader(t, "李二")
	hg.problem(t, 1)
	path1, _ := hg.export(t, app.CityCode, false)
	l1.Post = "区长"
	if err := hg.svc.SaveLeader(ctx, &l1); err != nil {
		t.Fatal(err)
	}
	if err := hg.svc.Delete(ctx, app.TableLeaders, l2.ID); err != nil {
		t.Fatal(err)
	}
	hg.leader(t, "张三")
	path2, _ := hg.export(t, app.CityCode, false)

	for _, p := range []string{path1, path2} {
		if _, err := a.importFile(t, p); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := b.importFile(t, path2)
	if err != nil {
		t.Fatal(err)
	}
	if c := plan.Counts[app.TableLeaders]; c != (app.TableCounts{New: 2, Deleted: 1}) {
		t.Errorf("the later file first: %+v", c)
	}
	plan, err = b.importFile(t, path1)
	if err != nil {
		t.Fatal(err)
	}
	if c := plan.Counts[app.TableLeaders]; c != (app.TableCounts{Unchanged: 2}) || plan.Counts[app.TableProblems].New != 1 || len(plan.Warnings) != 0 {
		t.Errorf("the earlier file second: %+v, warnings %v", plan.Counts, plan.Warnings)
	}
	want := hg.versions(t, haigang.Code)
	if got := a.versions(t, haigang.Code); !reflect.DeepEqual(got, want) {
		t.Errorf("in order: %v, want %v", got, want)
	}
	if got := b.versions(t, haigang.Code); !reflect.DeepEqual(got, want) {
		t.Errorf("out of order: %v, want %v", got, want)
	}
	la, _ := a.st.Leaders(ctx, app.LeaderFilter{})
	lb, _ := b.st.Leaders(ctx, app.LeaderFilter{})
	if len(la) != 2 || !reflect.DeepEqual(la, lb) {
		t.Errorf("leaders in order %+v, out of order %+v", la, lb)
	}
}

// The city's comment on a county's problem goes to that county only.
func TestCityComments(t *testing.T) {
	hg, shg, c := newNode(t, haigang, nil), newNode(t, shanhai, nil), newNode(t, city, nil)
	trust(t, hg, shg, c)
	p1, p2 := hg.problem(t, 1), shg.problem(t, 2)
	for _, n := range []*node{hg, shg} {
		path, _ := n.export(t, app.CityCode, false)
		if _, err := c.importFile(t, path); err != nil {
			t.Fatal(err)
		}
	}
	var comments []app.Comment
	for _, p := range []app.Problem{p1, p2} {
		cm := app.Comment{ProblemID: p.ID, Date: c.svc.Today(), Text: "请加快办理", Author: "赵科长"}
		if err := c.svc.SaveComment(ctx, &cm); err != nil {
			t.Fatal(err)
		}
		comments = append(comments, cm)
	}
	path, m := c.export(t, haigang.Code, false)
	if !reflect.DeepEqual(m.Counts, map[app.Table]int{app.TableComments: 1}) {
		t.Fatalf("the city sends 海港区 %v", m.Counts)
	}
	plan, err := hg.importFile(t, path)
	if err != nil || plan.Counts[app.TableComments].New != 1 {
		t.Fatalf("import at the county: %+v, %v", plan.Counts, err)
	}
	got, err := hg.st.Comments(ctx, app.CommentFilter{ProblemID: p1.ID})
	if err != nil || len(got) != 1 || got[0].ID != comments[0].ID || got[0].Office != app.CityCode {
		t.Fatalf("the county has comments %+v (%v)", got, err)
	}

	// A city file that carries another county's comment: refused whole.
	cs, _, err := c.st.Changes(ctx, app.CityCode, 0)
	if err != nil {
		t.Fatal(err)
	}
	var all []app.Change
	for _, ch := range cs {
		if ch.Table == app.TableComments {
			all = append(all, ch)
		}
	}
	fm := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: app.CityCode, Recipient: haigang.Code, Created: fileTime, SeqFrom: 1, SeqTo: 99}
	fp := filepath.Join(t.TempDir(), "all.wgy")
	out, err := os.Create(fp)
	if err != nil {
		t.Fatal(err)
	}
	if err := syncfile.Write(out, &fm, all, c.keys(t), hg.card(t)); err != nil {
		t.Fatal(err)
	}
	out.Close()
	plan, err = hg.importFile(t, fp)
	if se := (*syncfile.Error)(nil); !errors.As(err, &se) || se.Code != syncfile.ErrRecords {
		t.Fatalf("a file with a comment on another county's problem: %v, want it refused whole", err)
	}
	if cc := plan.Counts[app.TableComments]; cc.Refused != 1 || cc.Unchanged != 1 || len(plan.Refused) != 1 || plan.Refused[0].ID != comments[1].ID || !hasHan(plan.Refused[0].Msg) {
		t.Errorf("a comment on another county's problem: %+v, refused %+v", cc, plan.Refused)
	}
	if got, _ := hg.st.Comments(ctx, app.CommentFilter{}); len(got) != 1 {
		t.Errorf("the county has %d comments, want 1", len(got))
	}
	// The county's own records never come back from the city.
	if v := hg.versions(t, app.CityCode); len(v) != 1 {
		t.Errorf("the county holds the city's %v", v)
	}
}

// A county that restored an old backup sends a range the city has seen,
// and a record at the version the city has with other content: the city
// is told of both, and the records it has stay.
func TestBackwardsWarning(t *testing.T) {
	hg, c := newNode(t, haigang, nil), newNode(t, city, nil)
	trust(t, hg, c)
	l := hg.leader(t, "王一")
	backup := filepath.Join(t.TempDir(), "county.json")
	if err := hg.st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	l.Post = "区长"
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	path1, _ := hg.export(t, app.CityCode, false)
	if _, err := c.importFile(t, path1); err != nil {
		t.Fatal(err)
	}
	if err := hg.st.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	hg.leader(t, "李二")
	l, err := hg.st.Leader(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	l.Post = "书记" // the same version as the city has, other content
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	path2, m2 := hg.export(t, app.CityCode, false)
	if m2.SeqFrom != 1 {
		t.Fatalf("after the restore the county sends from %d", m2.SeqFrom)
	}
	plan, err := c.importFile(t, path2)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 2 || !strings.Contains(plan.Warnings[0], "版本号相同但内容不同") || !strings.Contains(plan.Warnings[0], l.ID) ||
		!strings.Contains(plan.Warnings[1], "倒退") {
		t.Errorf("warnings %q", plan.Warnings)
	}
	if cc := plan.Counts[app.TableLeaders]; cc != (app.TableCounts{New: 1, Unchanged: 1}) {
		t.Errorf("counts %+v", cc)
	}
	if got, _ := c.st.Leader(ctx, l.ID); got.Post != "区长" {
		t.Errorf("the newer version was overwritten: %+v", got)
	}
}

func TestLogRefused(t *testing.T) {
	hg, c := newNode(t, haigang, nil), newNode(t, city, nil)
	if err := hg.svc.Trust(ctx, c.card(t), false); err != nil { // the city does not trust 海港区
		t.Fatal(err)
	}
	path, _ := hg.export(t, app.CityCode, false)
	b, _ := os.ReadFile(path)
	_, err := c.read(t, path)
	wantCode(t, err, syncfile.ErrUntrusted)
	if err := syncfile.LogRefused(ctx, c.st, c.op(), filepath.Base(path), b, err); err != nil {
		t.Fatal(err)
	}
	garbage := []byte("这不是同步文件")
	_, gerr := syncfile.Read(garbage, c.office, c.keys(t), func(o string) (app.Card, error) { return c.st.Card(ctx, o) })
	if err := syncfile.LogRefused(ctx, c.st, c.op(), "x.wgy", garbage, gerr); err != nil {
		t.Fatal(err)
	}
	log := syncLog(t, c)
	if len(log) != 2 || log[1].Outcome != app.SyncRefused || log[1].Peer != haigang.Code || log[1].Message != err.Error() ||
		log[0].Peer != "" || log[0].Hash == "" || log[0].File != "x.wgy" || !hasHan(log[0].Message) {
		t.Errorf("log %+v", log)
	}
	if v := c.versions(t, haigang.Code); len(v) != 0 {
		t.Errorf("a refused file wrote %v", v)
	}
}
