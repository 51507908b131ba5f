package syncfile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// The import of a file that a key-holding county (or bad luck) made
// hostile: every record is checked before anything is written, and one
// record refused refuses the whole file (issue 18). Every name of this
// file starts with hs.

// refusedWhole imports the file at path into n as Accept does (Import) and
// checks that the whole file is refused: an *Error of code ErrRecords
// whose message names the first refused record, the database exactly as
// it was but for one refusal line in the sync log that says so, and the
// plan's counts adding up to the file's records with each refused record
// counted once, as refused. It returns the plan.
func (n *rtNode) refusedWhole(t *testing.T, path string) syncfile.Plan {
	t.Helper()
	before := n.st.Snapshot()
	logged := len(rtLog(t, n))
	f := n.mustRead(t, path)
	p, err := syncfile.Import(context.Background(), n.st, n.op(), f, "", nil)
	se := rtCode(t, err, syncfile.ErrRecords)
	if len(p.Refused) == 0 {
		t.Fatalf("refused with %q, yet the plan refuses no record", se.Msg)
	}
	if !strings.Contains(se.Msg, p.Refused[0].ID) || !strings.Contains(se.Msg, "整个文件未导入") {
		t.Errorf("the refusal %q does not name the first refused record %s and say the file is not imported", se.Msg, p.Refused[0].ID)
	}
	if d := before.Diff(n.st.Snapshot()); len(d) != 1 || !strings.Contains(d[0], "sync_log") {
		t.Errorf("the refused file changed %v, want the sync log only", d)
	}
	log := rtLog(t, n)
	if len(log) != logged+1 || log[0].Outcome != app.SyncRefused || log[0].Message != se.Msg || log[0].File != f.Name {
		t.Errorf("the sync log after the refusal: %d lines (were %d), newest %+v", len(log), logged, log[0])
	}
	records, refused := 0, 0
	for _, c := range p.Counts {
		records += c.New + c.Updated + c.Unchanged + c.Deleted + c.Refused
		refused += c.Refused
	}
	if records != len(f.Changes) || refused != len(p.Refused) {
		t.Errorf("the plan counts %d records, %d refused, of %d in the file and %d refusals", records, refused, len(f.Changes), len(p.Refused))
	}
	for _, r := range p.Refused {
		if !rtHasHan(r.Msg) || !strings.Contains(r.Text(), r.Table.Label()) {
			t.Errorf("the refusal of %s %s says %q", r.Table, r.ID, r.Text())
		}
	}
	return p
}

// hsEdit is change c with its record's JSON edited by edit (numbers kept
// as written), the change's own ID, owner, version and deletion following
// the record's.
func hsEdit(t *testing.T, c app.Change, edit func(m map[string]any)) app.Change {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(c.Data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	c.Data = b
	var meta app.Meta
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	c.ID, c.Office, c.Version, c.Deleted = meta.ID, meta.Office, meta.Version, meta.Deleted
	return c
}

// hsChanges is every record of n, as its next -all file carries them,
// and the top of its change log.
func (n *rtNode) hsChanges(t *testing.T) ([]app.Change, int64) {
	t.Helper()
	cs, top, err := n.st.Changes(context.Background(), n.o.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	return cs, top
}

// hsFirst is the index of the first change of table tbl in cs.
func hsFirst(t *testing.T, cs []app.Change, tbl app.Table) int {
	t.Helper()
	i := slices.IndexFunc(cs, func(c app.Change) bool { return c.Table == tbl && !c.Deleted })
	if i < 0 {
		t.Fatalf("no %s among the changes", tbl)
	}
	return i
}

// A county's file that carries another county's record IDs as its own
// is refused whole at the city that holds them: a record is never taken
// over. Sent before the other county's own file, the city cannot tell
// them from new records and takes them in; the other county's file is
// then refused for those records, saying whose they are, and nothing of
// it is written: the printout never says 新增 for them.
func TestHostileForeignIDs(t *testing.T) {
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	hg.enter(t)
	shg.enter(t)
	theirs, _ := shg.hsChanges(t)
	// 海港区's file carries 山海关区's leaders as its own: one as it is,
	// one deleted.
	cs, top := hg.hsChanges(t)
	deleted := false
	for _, c := range theirs {
		if c.Table == app.TableLeaders {
			cs = append(cs, hsEdit(t, c, func(m map[string]any) { m["office"], m["deleted"] = rtHaigang.Code, deleted }))
			deleted = true
		}
	}
	forged := hg.craft(t, city, top, cs)
	path, _ := shg.export(t, app.CityCode, true)

	city.importFile(t, path)
	p := city.refusedWhole(t, forged)
	if len(p.Refused) != 2 || p.Refused[0].Table != app.TableLeaders || !strings.Contains(p.Refused[1].Msg, "山海关区") ||
		!strings.Contains(p.Refused[1].Msg, "不能改动或接管") || p.Counts[app.TableLeaders] != (app.TableCounts{New: 2, Refused: 2}) {
		t.Errorf("the forged leaders: %+v, refused %+v", p.Counts[app.TableLeaders], p.Refused)
	}

	// The other order, at a new city.
	keys := city.keys(t)
	city2 := rtNew(t, rtCity, &keys)
	city2.trusts(t, hg, shg)
	city2.importFile(t, forged)
	p = city2.refusedWhole(t, path)
	if len(p.Refused) != 2 || !strings.Contains(p.Refused[0].Msg, "海港区") || p.Counts[app.TableLeaders].New != 0 {
		t.Errorf("山海关区's own leaders after the forged ones: %+v, refused %+v", p.Counts[app.TableLeaders], p.Refused)
	}
}

// A record of one county that points at another county's record (an
// event on its problem, an attachment on its visit, a visit by its
// leader, a problem of its enterprise) is refused, and so the whole file.
func TestHostileCrossReferences(t *testing.T) {
	hg, shg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtShanhai, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg, shg)
	r := hg.enter(t)
	hg.attach(t, app.TableVisits, r.visit.ID, "走访现场.jpg", rtPhoto(20<<10, 7))
	theirs := shg.enter(t)
	for _, n := range []*rtNode{hg, shg} {
		path, _ := n.export(t, app.CityCode, true)
		city.importFile(t, path)
	}
	for _, tc := range []struct {
		name  string
		table app.Table
		field string
		to    string
		label string
	}{
		{"an event on another county's problem", app.TableEvents, "problem_id", theirs.problems[0].ID, "所属问题"},
		{"an attachment on another county's visit", app.TableAttachments, "record_id", theirs.visit.ID, "附件所属记录"},
		{"a visit by another county's leader", app.TableVisits, "leader_id", theirs.leaders[0].ID, "走访领导"},
		{"a problem of another county's enterprise", app.TableProblems, "enterprise_id", theirs.enterprises[0].ID, "问题所属企业"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, top := hg.hsChanges(t)
			i := hsFirst(t, cs, tc.table)
			cs[i] = hsEdit(t, cs[i], func(m map[string]any) {
				m[tc.field] = tc.to
				m["version"] = cs[i].Version + 1 // a change the city has not seen
			})
			p := city.refusedWhole(t, hg.craft(t, city, top, cs))
			if len(p.Refused) != 1 || p.Refused[0].ID != cs[i].ID || !strings.Contains(p.Refused[0].Msg, tc.label+"指向山海关区的记录") {
				t.Errorf("refused %+v", p.Refused)
			}
		})
	}
}

// Two problems may not share a ledger number: within the file, nor with
// a problem the city holds.
func TestHostileLedgerNumbers(t *testing.T) {
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	cs, top := hg.hsChanges(t)
	i := hsFirst(t, cs, app.TableProblems)
	j := i + 1 + hsFirst(t, cs[i+1:], app.TableProblems)
	twice := slices.Clone(cs)
	twice[j] = hsEdit(t, cs[j], func(m map[string]any) { m["number"] = r.problems[0].Number })
	p := city.refusedWhole(t, hg.craft(t, city, top, twice))
	if len(p.Refused) != 1 || p.Refused[0].ID != cs[j].ID || p.Refused[0].Name != r.problems[0].Number ||
		!strings.Contains(p.Refused[0].Msg, "与本文件中另一个问题") {
		t.Errorf("a number twice in the file: refused %+v", p.Refused)
	}

	path, _ := hg.export(t, app.CityCode, true)
	city.importFile(t, path)
	// A new problem with the number of one the city holds.
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: r.enterprises[0].ID, Source: "企业反映", Category: "用地",
		Description: "厂区道路破损", Registered: hg.svc.Today()}}
	if err := hg.svc.RegisterProblem(context.Background(), &np); err != nil {
		t.Fatal(err)
	}
	cs, top = hg.hsChanges(t)
	k := slices.IndexFunc(cs, func(c app.Change) bool { return c.ID == np.Problem.ID })
	cs[k] = hsEdit(t, cs[k], func(m map[string]any) { m["number"] = r.problems[1].Number })
	p = city.refusedWhole(t, hg.craft(t, city, top, cs))
	if len(p.Refused) != 1 || p.Refused[0].ID != np.Problem.ID || !strings.Contains(p.Refused[0].Msg, "已是海港区的另一个问题") {
		t.Errorf("a number the city holds: refused %+v", p.Refused)
	}
}

// A file signed by the city carries only what the city sends: a problem
// in it is refused, and so the whole file.
func TestHostileCityProblem(t *testing.T) {
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	cs, _ := hg.hsChanges(t)
	i := hsFirst(t, cs, app.TableProblems)
	planted := hsEdit(t, cs[i], func(m map[string]any) { m["office"] = app.CityCode; m["id"] = uuid.NewString() })
	p := hg.refusedWhole(t, city.craft(t, hg, 1, []app.Change{planted}))
	if len(p.Refused) != 1 || !strings.Contains(p.Refused[0].Msg, "市工信局不向县区发送问题记录") {
		t.Errorf("a problem from the city: refused %+v", p.Refused)
	}
	if got, _ := hg.st.Problems(context.Background(), app.ProblemFilter{}); len(got) != len(r.problems) {
		t.Errorf("海港区 has %d problems", len(got))
	}
}

// One field out of bounds in one record refuses the whole file and
// leaves the city's database exactly as it was.
func TestHostileFields(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	need := app.FinancingNeed{Date: hg.svc.Today(), EnterpriseID: r.enterprises[0].ID, Amount: 5_000_000, Use: "购置设备", TermMonths: 12, Bank: "中国银行"}
	if err := hg.svc.SaveFinancingNeed(ctx, &need); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		table app.Table
		edit  func(m map[string]any)
		want  string
	}{
		{"a name of 10,000 characters", app.TableEnterprises, func(m map[string]any) { m["name"] = strings.Repeat("企", 10000) }, "内容过长"},
		{"a negative amount", app.TableFinancing, func(m map[string]any) { m["amount"] = -100 }, "不在0至"},
		{"30 February", app.TableVisits, func(m map[string]any) { m["date"] = "2026-02-30" }, "记录内容无法读取"},
		{"a control character", app.TableLeaders, func(m map[string]any) { m["post"] = "副区长\a" }, "控制字符"},
		{"a right-to-left override", app.TableEnterprises, func(m map[string]any) { m["address"] = "海港区\u202Efdp.exe" }, "改变文字显示方向"},
		{"version 2^63-1", app.TableLeaders, func(m map[string]any) { m["version"] = int64(math.MaxInt64) }, "版本号"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, top := hg.hsChanges(t)
			i := hsFirst(t, cs, tc.table)
			cs[i] = hsEdit(t, cs[i], tc.edit)
			p := city.refusedWhole(t, hg.craft(t, city, top, cs))
			if len(p.Refused) != 1 || p.Refused[0].ID != cs[i].ID || !strings.Contains(p.Refused[0].Msg, tc.want) {
				t.Errorf("refused %+v, want %s %s saying %q", p.Refused, tc.table, cs[i].ID, tc.want)
			}
		})
	}
}

// refusingStore is a real store whose transactions' PutAll refuses the
// record id as the store refuses another office's record, after writing
// the others: what apply meets if a record changes owner between the
// plan and the write.
type refusingStore struct {
	*datatest.Store
	id string
}

func (s refusingStore) Update(ctx context.Context, op app.Op, fn func(tx app.Tx) error) error {
	return s.Store.Update(ctx, op, func(tx app.Tx) error { return fn(refusingTx{tx, s.id}) })
}

type refusingTx struct {
	app.Tx
	id string
}

func (tx refusingTx) PutAll(cs []app.Change, progress func(done int)) []error {
	errs := tx.Tx.PutAll(cs, progress)
	for i, c := range cs {
		if c.ID == tx.id {
			errs[i] = fmt.Errorf("put %s: %w", c.ID, app.ErrNotOwner)
		}
	}
	return errs
}

// A record the store refuses as it writes, though the plan took it,
// rolls the whole import back and refuses the file: the records written
// before and after it are gone, the refusal is logged and names it.
func TestHostileRefusedAsWritten(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	path, m := hg.export(t, app.CityCode, true)
	f := city.mustRead(t, path)
	before := city.st.Snapshot()
	written := 0
	p, err := syncfile.Import(ctx, refusingStore{city.st, r.enterprises[1].ID}, city.op(), f, "", func(done, total int) { written = done })
	rtCode(t, err, syncfile.ErrRecords)
	if written != m.Records() {
		t.Errorf("%d of %d records went through PutAll", written, m.Records())
	}
	if len(p.Refused) != 1 || p.Refused[0].ID != r.enterprises[1].ID || !strings.Contains(p.Refused[0].Msg, "属于其他单位") ||
		p.Counts[app.TableEnterprises] != (app.TableCounts{New: 1, Refused: 1}) || len(p.Apply) != 0 {
		t.Errorf("the plan after the refusal: %+v, refused %+v, %d to apply", p.Counts[app.TableEnterprises], p.Refused, len(p.Apply))
	}
	if d := before.Diff(city.st.Snapshot()); len(d) != 1 || !strings.Contains(d[0], "sync_log") {
		t.Errorf("the rolled-back import changed %v", d)
	}
	if log := rtLog(t, city); len(log) != 1 || log[0].Outcome != app.SyncRefused || !strings.Contains(log[0].Message, r.enterprises[1].ID) {
		t.Errorf("the sync log: %+v", log)
	}
}

// What the preview says is what the import writes, record for record.
func TestHostilePlanIsWhatIsWritten(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	path, _ := hg.export(t, app.CityCode, false)
	city.importFile(t, path)
	l := r.leaders[0]
	l.Post = "区委书记"
	if err := hg.svc.SaveLeader(ctx, &l); err != nil {
		t.Fatal(err)
	}
	if err := hg.svc.Delete(ctx, app.TableLeaders, r.leaders[1].ID); err != nil {
		t.Fatal(err)
	}
	hg.anotherLeader(t)
	path, _ = hg.export(t, app.CityCode, true) // every record: most unchanged
	before := city.versions(t, rtHaigang.Code)
	plan, err := syncfile.Receive(ctx, city.svc, path)
	if err != nil {
		t.Fatal(err)
	}
	done, _, err := syncfile.Accept(ctx, city.svc, plan.File, nil)
	if err != nil {
		t.Fatal(err)
	}
	after := city.versions(t, rtHaigang.Code)
	var written app.TableCounts
	for tbl, vs := range after {
		for id, v := range vs {
			switch old, ok := before[tbl][id]; {
			case !ok:
				written.New++
			case v != old:
				written.Updated++ // a deletion too
			default:
				written.Unchanged++
			}
		}
	}
	var said app.TableCounts
	for tbl, c := range plan.Counts {
		if done.Counts[tbl] != c {
			t.Errorf("%s: previewed %+v, imported %+v", tbl, c, done.Counts[tbl])
		}
		said.New += c.New
		said.Updated += c.Updated + c.Deleted
		said.Unchanged += c.Unchanged
		said.Refused += c.Refused
	}
	if said != written || said != (app.TableCounts{New: 1, Updated: 2, Unchanged: said.Unchanged}) {
		t.Errorf("previewed %+v, written %+v", said, written)
	}
	if got := done.Imported(); !strings.HasPrefix(got, "已导入 3 条记录（新增 1，更新 1，删除 1；") {
		t.Errorf("the import says %q", got)
	}
}

// A file refused at the preview (here for an attachment whose content is
// neither in it nor in the database) is logged as refused when it is
// received, with every refused record in the plan; it is not imported.
func TestHostileReceiveLogsTheRefusal(t *testing.T) {
	ctx := context.Background()
	hg, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, hg)
	r := hg.enter(t)
	hg.attach(t, app.TableVisits, r.visit.ID, "走访现场.jpg", rtPhoto(20<<10, 9))
	hg.attach(t, app.TableProblems, r.problems[0].ID, "整改前.jpg", rtPhoto(20<<10, 10))
	cs, top := hg.hsChanges(t)
	path := hg.craft(t, city, top, cs) // without the content
	before := city.st.Snapshot()
	plan, err := syncfile.Receive(ctx, city.svc, path)
	se := rtCode(t, err, syncfile.ErrRecords)
	if len(plan.Refused) != 2 || plan.Counts[app.TableAttachments].Refused != 2 || !strings.Contains(se.Msg, "2 条记录不能导入") {
		t.Errorf("refused %+v: %q", plan.Refused, se.Msg)
	}
	if d := before.Diff(city.st.Snapshot()); len(d) != 1 || !strings.Contains(d[0], "sync_log") {
		t.Errorf("receiving changed %v", d)
	}
	if log := rtLog(t, city); len(log) != 1 || log[0].Outcome != app.SyncRefused || log[0].Message != se.Msg || log[0].Peer != rtHaigang.Code {
		t.Errorf("the sync log: %+v", log)
	}
}

// BackupPath takes only a name that does not exist in any form, and ends
// with an error, not a hang, when the backups folder cannot be looked
// into or a thousand names of the same second are taken.
func TestHostileBackupPath(t *testing.T) {
	at := time.Date(2026, 3, 16, 10, 0, 0, 0, time.Local)
	newDir := func(t *testing.T) (string, string) {
		dir := t.TempDir()
		return dir, filepath.Join(dir, "市工信局.db")
	}
	t.Run("no folder yet", func(t *testing.T) {
		dir, db := newDir(t)
		p, err := syncfile.BackupPath(db, at)
		if err != nil || p != filepath.Join(dir, "backups", "市工信局_导入前_20260316_100000.db") {
			t.Errorf("%q, %v", p, err)
		}
	})
	t.Run("a broken link takes the name", func(t *testing.T) {
		dir, db := newDir(t)
		first := filepath.Join(dir, "backups", "市工信局_导入前_20260316_100000.db")
		if err := os.Mkdir(filepath.Dir(first), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(dir, "nowhere"), first); err != nil {
			t.Fatal(err)
		}
		if p, err := syncfile.BackupPath(db, at); err != nil || p != strings.TrimSuffix(first, ".db")+"_2.db" {
			t.Errorf("%q, %v", p, err)
		}
	})
	for _, tc := range []struct {
		name string
		make func(dir string) error
		want string
	}{
		{"a file named backups", func(dir string) error { return os.WriteFile(filepath.Join(dir, "backups"), nil, 0o644) }, "无法查看备份文件夹"},
		{"a link that loops", func(dir string) error { return os.Symlink("backups", filepath.Join(dir, "backups")) }, "无法查看备份文件夹"},
		{"a thousand names taken", func(dir string) error {
			b := filepath.Join(dir, "backups")
			if err := os.Mkdir(b, 0o755); err != nil {
				return err
			}
			for i := 1; i <= 1000; i++ {
				name := "市工信局_导入前_20260316_100000.db"
				if i > 1 {
					name = fmt.Sprintf("市工信局_导入前_20260316_100000_%d.db", i)
				}
				if err := os.WriteFile(filepath.Join(b, name), nil, 0o644); err != nil {
					return err
				}
			}
			return nil
		}, "同一秒的备份已有 1000 个"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, db := newDir(t)
			if err := tc.make(dir); err != nil {
				t.Fatal(err)
			}
			p, err := syncfile.BackupPath(db, at)
			if err == nil || p != "" || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "未导入") {
				t.Errorf("%q, %v; want an error saying %q", p, err, tc.want)
			}
		})
	}
}
