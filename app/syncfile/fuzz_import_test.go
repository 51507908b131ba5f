package syncfile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/data/datatest"
)

// FuzzImport fuzzes the whole import into SQLite. The signature would
// refuse any change to a file's bytes, so the fuzzer edits the record set
// instead (the records' data and identity, the attachments and their
// content, the manifest's range) and 海港区 signs and encrypts what it
// made, as a county holding its keys could. The city then receives and
// accepts the file as the window does (Receive, Accept) into a real
// database that holds 海港区's earlier file, 山海关区's and a comment of
// its own. Whatever the edits, nothing panics, and either the file is
// refused and the database is exactly as it was (every row of every
// table; the sync log may gain a line saying 拒绝), or it is accepted
// and every record it carries reads back as sent, or as the city held it
// when the city's version was as high, and no other row changed. What an
// accepted file writes must also be what the import promises to take:
// records the window's rules allow (app.CheckIncoming), attachments whose
// content is what they say, on a record of the sender, events on its
// problems, and no ledger number twice.
func FuzzImport(f *testing.F) {
	w := fiSetUp(f)
	for _, seed := range fiSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, edits []byte) { fiImport(t, w, edits) })
}

// fiSeeds are edits that start the fuzzer from whole record sets, each
// taking a path the property checks differently: the record set as it is
// (accepted: new, updated, unchanged and deleted records), an edit with
// its version raised (updated), a record at a version below the city's
// (kept), a record claiming another owner in the change only (refused by
// Read), a record twice (refused), and a record whose data disagrees with
// its change on the version (refused).
var fiSeeds = [][]byte{
	{},
	{fiBump, 0, 1},
	{fiBump, 3, 1, fiMeta, 3, fiVersion, fiBoth, 1},
	{fiMeta, 5, fiOwner, fiChangeOnly, 2},
	{fiDuplicate, 2, 0},
	{fiMeta, 7, fiVersion, fiDataOnly, 5},
}

// The seeds of FuzzImport take the paths they are there for: the property
// holds whether a file is accepted or refused, so a seed that was refused
// for another reason would test less than it says.
func TestFuzzImportSeeds(t *testing.T) {
	w := fiSetUp(t)
	sum := func(p syncfile.Plan) (n app.TableCounts) {
		for _, c := range p.Counts {
			n.New, n.Updated, n.Unchanged, n.Deleted, n.Refused = n.New+c.New, n.Updated+c.Updated, n.Unchanged+c.Unchanged,
				n.Deleted+c.Deleted, n.Refused+c.Refused
		}
		return n
	}
	p, err := fiImport(t, w, fiSeeds[0])
	if n := sum(p); err != nil || n.New != 1 || n.Updated != 1 || n.Deleted != 1 || n.Unchanged != len(w.changes)-3 {
		t.Errorf("the record set as it is: %+v, %v; want one record new, one updated, one deleted, the rest unchanged", n, err)
	}
	if p, err := fiImport(t, w, fiSeeds[1]); sum(p).Updated != 2 || err != nil {
		t.Errorf("a leader at a higher version: %+v, %v; want it updated", sum(p), err)
	}
	if p, err := fiImport(t, w, fiSeeds[2]); sum(p).Unchanged != len(w.changes)-3 || len(p.Warnings) != 1 || err != nil {
		t.Errorf("an assignment changed at the city's version: %+v, warnings %q, %v; want it kept", sum(p), p.Warnings, err)
	}
	for i, code := range map[int]string{3: syncfile.ErrForeignOwner, 4: syncfile.ErrDamaged, 5: syncfile.ErrDamaged} {
		var se *syncfile.Error
		if _, err := fiImport(t, w, fiSeeds[i]); !errors.As(err, &se) || se.Code != code {
			t.Errorf("seed %d: %v, want a refusal of code %s", i, err, code)
		}
	}
}

// fiNow is the clock of both offices: Monday 16 March 2026, 10:00 in
// Beijing.
var fiNow = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// fiWorld is what every input of FuzzImport starts from.
type fiWorld struct {
	changes  []app.Change      // 海港区's latest state of every record, as 全部导出 carries it
	content  map[string][]byte // the content of its live attachments, by hash
	manifest syncfile.Manifest // of a file of them to the city, before Write fills it in
	keys     app.OfficeKeys    // 海港区's
	city     app.Card          // the city's, trusted by 海港区
	base     string            // the city's database, backed up
	ids      []string          // the IDs of every record of the three offices, for edits
}

// fiOffice is an office on a new database with the fixed clock and its
// keys.
func fiOffice(tb testing.TB, o app.Office) (*datatest.Store, *app.Service) {
	tb.Helper()
	st := datatest.NewSetUp(tb, o)
	svc := app.NewService(st, "张三")
	svc.Now = func() time.Time { return fiNow }
	svc.MakeKeys = func(o app.Office, now time.Time) (app.OfficeKeys, error) {
		k, _, err := syncfile.NewKeys(o, now)
		return k, err
	}
	if err := svc.EnsureKeys(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return st, svc
}

// fiTrust has a register b's card.
func fiTrust(tb testing.TB, a, b *app.Service) {
	tb.Helper()
	card, err := syncfile.OwnCard(context.Background(), b)
	if err != nil {
		tb.Fatal(err)
	}
	if err := a.Trust(context.Background(), card, false); err != nil {
		tb.Fatal(err)
	}
}

// fiSetUp makes the offices and their records: 海港区 enters a few
// records of each of its tables through the window's service and sends
// them to the city, then changes a leader, adds an enterprise and deletes
// its financing need; 山海关区 sends an enterprise and a problem; the city
// imports both files and comments on a problem of 海港区.
func fiSetUp(tb testing.TB) *fiWorld {
	tb.Helper()
	ctx := context.Background()
	hgSt, hg := fiOffice(tb, rtHaigang)
	shgSt, shg := fiOffice(tb, rtShanhai)
	citySt, city := fiOffice(tb, rtCity)
	for _, c := range []*app.Service{hg, shg} {
		fiTrust(tb, c, city)
		fiTrust(tb, city, c)
	}
	check := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	today := hg.Today()
	l1 := app.Leader{Name: "王建国", Post: "副区长", Level: app.LevelCounty, Body: "政府", Phone: "0335-3012345"}
	l2 := app.Leader{Name: "李海涛", Post: "区委常委", Level: app.LevelCounty, Body: "党委"}
	check(hg.SaveLeader(ctx, &l1))
	check(hg.SaveLeader(ctx, &l2))
	e1 := app.Enterprise{Name: "秦皇岛海港玻璃制品有限公司", CreditCode: datatest.CreditCode(1), Industry: "玻璃制造",
		Categories: []string{"规模以上", "专精特新"}, LegalRep: "李强", Contact: "张敏", Phone: "13903350001", Address: "海港区河北大街西段100号"}
	e2 := app.Enterprise{Name: "秦皇岛渤海机械有限公司", CreditCode: datatest.CreditCode(2), Industry: "装备制造"}
	check(hg.SaveEnterprise(ctx, &e1))
	check(hg.SaveEnterprise(ctx, &e2))
	as := app.Assignment{LeaderID: l1.ID, EnterpriseID: e1.ID, Liaison: "赵磊", LiaisonPhone: "13903350002", LeadDept: "区工信局",
		SupportDepts: "区发改局", From: today.AddDays(-60)}
	check(hg.SaveAssignment(ctx, &as))
	v := app.Visit{Date: today.AddDays(-3), LeaderID: l1.ID, EnterpriseID: e1.ID, Companions: "赵磊", Mode: "实地",
		Findings: "企业生产正常。\n反映用地手续办理慢。"}
	check(hg.SaveVisit(ctx, &v, nil))
	p1 := app.NewProblem{Problem: app.Problem{EnterpriseID: e1.ID, Source: "走访", SourceID: v.ID, Category: "用地",
		Description: "新厂房用地预审迟迟未批", Request: "请协调加快预审", Registered: today.AddDays(-3)},
		First: &app.Action{Kind: app.ActAssign, Date: today.AddDays(-2), LeadDept: "区自然资源局", Person: "孙伟", Deadline: today.AddDays(18)}}
	p2 := app.NewProblem{Problem: app.Problem{EnterpriseID: e2.ID, Source: "企业反映", Category: "融资",
		Description: "流动资金紧张", Registered: today.AddDays(-1)}}
	check(hg.RegisterProblem(ctx, &p1))
	check(hg.RegisterProblem(ctx, &p2))
	_, err := hg.Act(ctx, p1.Problem.ID, app.Action{Kind: app.ActProgress, Date: today, Text: "已上报市局"})
	check(err)
	m := app.Meeting{Kind: app.MeetingRoundtable, Format: "座谈会", Date: today.AddDays(-5), Place: "区政府第一会议室", Chair: "王建国",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "王建国"}, {Group: app.Present, Kind: "企业", Name: "李强"}},
		Agenda:    "企业用地和融资", Minutes: "会议听取了企业反映的问题。",
		Decisions: []app.Decision{{Text: "月底前完成用地预审", Unit: "区自然资源局", Deadline: today.AddDays(15)}}}
	check(hg.SaveMeeting(ctx, &m, nil))
	need := app.FinancingNeed{Date: today.AddDays(-4), EnterpriseID: e2.ID, Amount: 5_000_000, Use: "购置生产线", TermMonths: 12,
		Collateral: "厂房抵押", Bank: "秦皇岛银行", Status: app.NeedOpen}
	check(hg.SaveFinancingNeed(ctx, &need))
	loan := app.BridgeLoan{EnterpriseID: e2.ID, Bank: "中国银行秦皇岛分行", Original: 20_000_000, OriginalDue: today.AddDays(10),
		Applied: 20_000_000, AppliedOn: today.AddDays(-1), Commitment: "中国银行秦皇岛分行续贷承诺函", TermDays: 10}
	check(hg.SaveBridgeLoan(ctx, &loan))
	for _, a := range []struct {
		t    app.Table
		id   string
		name string
		b    []byte
	}{
		{app.TableVisits, v.ID, "走访现场.jpg", rtPhoto(3000, 1)},
		{app.TableProblems, p1.Problem.ID, "整改方案.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")},
		{app.TableMeetings, m.ID, "签到表.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 500)...)},
	} {
		_, added, err := hg.Attach(ctx, a.t, a.id, a.name, a.b)
		check(err)
		if !added {
			tb.Fatalf("%s was not attached", a.name)
		}
	}

	s := app.Enterprise{Name: "山海关药业有限公司", CreditCode: datatest.CreditCode(3), Industry: "医药"}
	check(shg.SaveEnterprise(ctx, &s))
	sp := app.NewProblem{Problem: app.Problem{EnterpriseID: s.ID, Source: "企业反映", Category: "用工", Description: "招工难",
		Registered: today.AddDays(-2)}}
	check(shg.RegisterProblem(ctx, &sp))

	dir := datatest.TempDir(tb)
	for _, from := range []*app.Service{hg, shg} {
		path, _, err := syncfile.Send(ctx, from, app.CityCode, false, dir, nil)
		check(err)
		p, err := syncfile.Receive(ctx, city, path)
		check(err)
		_, _, err = syncfile.Accept(ctx, city, p.File, nil)
		check(err)
	}
	cm := app.Comment{ProblemID: p1.Problem.ID, Date: today, Text: "请加快办理", Author: "陈明"}
	check(city.SaveComment(ctx, &cm))

	l2.Post = "区长"
	check(hg.SaveLeader(ctx, &l2))
	e3 := app.Enterprise{Name: "秦皇岛港城物流有限公司", CreditCode: datatest.CreditCode(4), Industry: "物流"}
	check(hg.SaveEnterprise(ctx, &e3))
	check(hg.Delete(ctx, app.TableFinancing, need.ID))

	w := &fiWorld{content: map[string][]byte{}, base: filepath.Join(dir, "市工信局.db")}
	var top int64
	w.changes, top, err = hgSt.Changes(ctx, rtHaigang.Code, 0)
	check(err)
	for _, c := range w.changes {
		w.ids = append(w.ids, c.ID)
		var a app.Attachment
		if c.Table == app.TableAttachments && !c.Deleted && json.Unmarshal(c.Data, &a) == nil {
			w.content[a.SHA256], err = hgSt.Content(ctx, a.SHA256)
			check(err)
		}
	}
	shgChanges, _, err := shgSt.Changes(ctx, rtShanhai.Code, 0)
	check(err)
	for _, c := range shgChanges {
		w.ids = append(w.ids, c.ID)
	}
	w.ids = append(w.ids, cm.ID)
	w.manifest = syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: rtHaigang.Code, SenderName: rtHaigang.Name,
		Recipient: app.CityCode, Created: fiNow.UTC(), SeqFrom: 1, SeqTo: top, All: true}
	if w.keys, err = hgSt.Keys(ctx); err != nil {
		tb.Fatal(err)
	}
	if w.city, err = syncfile.OwnCard(ctx, city); err != nil {
		tb.Fatal(err)
	}
	check(citySt.Backup(ctx, w.base))
	return w
}

// errNoFile is fiImport's outcome when the edits made data that is not
// JSON: 海港区 cannot write the file, and the city has nothing to receive.
var errNoFile = errors.New("no file")

// fiImport makes the file of edits, has a copy of the city's database
// receive and accept it, and checks what it did. It returns the plan
// accepted, or the refusal.
func fiImport(t *testing.T, w *fiWorld, edits []byte) (syncfile.Plan, error) {
	ctx := context.Background()
	cs, content, m := fiEdit(w, edits)
	var file bytes.Buffer
	if err := syncfile.WriteWith(&file, &m, cs, content, w.keys, w.city); err != nil {
		return syncfile.Plan{}, errNoFile
	}
	dir := datatest.TempDir(t)
	path := filepath.Join(dir, "海港区.wgy")
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	st := datatest.New(t)
	if err := st.Restore(ctx, w.base); err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(st, "李四")
	svc.Now = func() time.Time { return fiNow }

	before := st.Dump()
	versions := fiVersions(t, st)
	logLen := len(fiLog(t, svc))
	recovered := syncfile.Recovered()
	plan, err := syncfile.Receive(ctx, svc, path)
	if err == nil {
		plan, _, err = syncfile.Accept(ctx, svc, plan.File, nil)
	}
	if syncfile.Recovered() != recovered {
		t.Fatalf("reading the file panicked: %v", err)
	}
	if err != nil {
		fiRefused(t, st, svc, before, logLen, err)
		return plan, err
	}
	fiAccepted(t, st, svc, cs, before, versions, logLen, plan)
	return plan, nil
}

// fiRefused checks that a refused file changed no row of the database but
// for a line of the sync log saying 拒绝, and that the refusal says why in
// Chinese.
func fiRefused(t *testing.T, st *datatest.Store, svc *app.Service, before map[string][]string, logLen int, refusal error) {
	t.Helper()
	after := st.Dump()
	for _, tbl := range fiTables(before, after) {
		switch tbl {
		case "sqlite_sequence":
		case "sync_log":
			if n := len(after[tbl]) - len(before[tbl]); n < 0 || n > 1 || !fiSubset(before[tbl], after[tbl]) {
				t.Fatalf("the file was refused (%v), yet the sync log went from %d to %d lines or lost some", refusal, len(before[tbl]), len(after[tbl]))
			}
		default:
			if !slices.Equal(before[tbl], after[tbl]) {
				t.Fatalf("the file was refused (%v), yet table %s changed:%s", refusal, tbl, fiDiff(before[tbl], after[tbl]))
			}
		}
	}
	log := fiLog(t, svc)
	for _, e := range log[:len(log)-logLen] {
		if e.Outcome != app.SyncRefused {
			t.Fatalf("the file was refused (%v), yet the sync log says %+v", refusal, e)
		}
	}
	if msg := app.Message(refusal); !rtHasHan(msg) {
		t.Errorf("the refusal says nothing in Chinese: %q", msg)
	}
}

// fiAccepted checks an accepted file: each record of cs reads back as
// sent, or as the city held it when its version was as high, the content
// added is the accepted attachments', the sync log has one more line
// saying 成功, and no other row changed.
func fiAccepted(t *testing.T, st *datatest.Store, svc *app.Service, cs []app.Change, before map[string][]string,
	versions map[app.Table]map[string]int64, logLen int, plan syncfile.Plan) {
	t.Helper()
	ctx := context.Background()
	after := st.Dump()
	now := fiVersions(t, st)
	written := map[app.Table]map[string]bool{}
	hashes := map[string]bool{}
	for _, c := range cs {
		if v, ok := versions[c.Table][c.ID]; ok && v >= c.Version {
			continue // kept as the city held it: its rows are checked below
		}
		if now[c.Table][c.ID] != c.Version {
			t.Fatalf("the file was accepted, but %s %s sent at version %d is at version %d in the city's database (refused: %v)",
				c.Table, c.ID, c.Version, now[c.Table][c.ID], plan.Refused)
		}
		if written[c.Table] == nil {
			written[c.Table] = map[string]bool{}
		}
		written[c.Table][c.ID] = true
		if err := fiValid(ctx, st, svc, c, now); err != nil {
			t.Fatalf("the file was accepted with %s %s, which %v\nsent %s", c.Table, c.ID, err, fiShort(string(c.Data)))
		}
		got, err := fiRead(ctx, st, c)
		switch {
		case c.Deleted && err == nil:
			t.Fatalf("%s %s was sent deleted, yet reads back: %+v", c.Table, c.ID, got)
		case c.Deleted && !errors.Is(err, app.ErrNotFound):
			t.Fatalf("%s %s was sent deleted; reading it: %v", c.Table, c.ID, err)
		case c.Deleted:
			continue
		case err != nil:
			t.Fatalf("the file was accepted, but %s %s does not read back: %v\nsent %s", c.Table, c.ID, err, fiShort(string(c.Data)))
		}
		want, err := fiCanonData(c)
		if err != nil {
			t.Fatalf("the file was accepted, but the data of %s %s does not decode as the record: %v\nsent %s", c.Table, c.ID, err, fiShort(string(c.Data)))
		}
		if got := fiCanon(got); got != want {
			i := 0
			for i < min(len(want), len(got)) && want[i] == got[i] {
				i++
			}
			i = max(0, i-60)
			t.Fatalf("%s %s reads back other than sent, from byte %d:\nsent %s\nread %s", c.Table, c.ID, i, fiShort(want[i:]), fiShort(got[i:]))
		}
		if a, ok := got.(app.Attachment); ok {
			hashes[a.SHA256] = true
		}
	}
	if err := fiNumbers(ctx, st); err != nil {
		t.Fatalf("the file was accepted: %v", err)
	}
	touched := len(written[app.TableProblems]) > 0 || len(written[app.TableEnterprises]) > 0
	searched := false // a record the global search finds
	for _, tb := range []app.Table{app.TableEnterprises, app.TableLeaders, app.TableVisits, app.TableProblems,
		app.TableMeetings, app.TableFinancing, app.TableLoans} {
		searched = searched || len(written[tb]) > 0
	}
	for _, tbl := range fiTables(before, after) {
		switch {
		case tbl == "sqlite_sequence", strings.HasPrefix(tbl, "problems_fts") && touched,
			strings.HasPrefix(tbl, "search_") && searched:
		case slices.Contains(app.SyncedTables, app.Table(tbl)):
			keep := func(rows []string) []string {
				return slices.DeleteFunc(slices.Clone(rows), func(r string) bool { return written[app.Table(tbl)][fiFirst(r)] })
			}
			if b, a := keep(before[tbl]), keep(after[tbl]); !slices.Equal(b, a) {
				t.Fatalf("the file changed rows of %s it does not carry:%s", tbl, fiDiff(b, a))
			}
		case tbl == "attachment_content":
			if !fiSubset(before[tbl], after[tbl]) {
				t.Fatalf("the file removed or changed stored content")
			}
			for _, r := range after[tbl] {
				if !slices.Contains(before[tbl], r) && !hashes[fiFirst(r)] {
					t.Fatalf("the file stored content %s that no accepted attachment has", fiFirst(r))
				}
			}
		case tbl == "sync_log":
			if len(after[tbl]) != len(before[tbl])+1 || !fiSubset(before[tbl], after[tbl]) {
				t.Fatalf("the sync log went from %d to %d lines, or lost some", len(before[tbl]), len(after[tbl]))
			}
		default:
			if !slices.Equal(before[tbl], after[tbl]) {
				t.Fatalf("the file changed table %s:%s", tbl, fiDiff(before[tbl], after[tbl]))
			}
		}
	}
	if log := fiLog(t, svc); len(log) != logLen+1 || log[0].Outcome != app.SyncOK {
		t.Fatalf("after an accepted file the sync log has %d lines (was %d), the newest %+v", len(log), logLen, log[0])
	}
	if len(plan.Refused) > 0 {
		t.Fatalf("the file was accepted with %d records refused, the first %+v: a file is taken whole or not at all", len(plan.Refused), plan.Refused[0])
	}
}

// fiValid checks the record c that the city accepted from 海港区 by
// what the import promises: the window's rules (app.CheckIncoming) and,
// when c is live, an attachment's content as its record describes it and
// on a record of 海港区, an event on a problem of 海港区. now is 海港区's
// records in st.
func fiValid(ctx context.Context, st app.Reader, svc *app.Service, c app.Change, now map[app.Table]map[string]int64) error {
	s, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	lim := app.IncomingLimits{Sender: rtHaigang.Code, Receiver: app.CityCode, Today: svc.Today(), AttachMax: s.AttachLimit()}
	if err := app.CheckIncoming(c, lim); err != nil {
		return fmt.Errorf("the window's rules refuse: %w", err)
	}
	if c.Deleted {
		return nil
	}
	switch c.Table {
	case app.TableEvents:
		var e app.Event
		if err := json.Unmarshal(c.Data, &e); err != nil {
			return err
		}
		if _, ok := now[app.TableProblems][e.ProblemID]; !ok {
			return fmt.Errorf("is an event of the problem %q, which is no problem of 海港区", e.ProblemID)
		}
	case app.TableAttachments:
		var a app.Attachment
		if err := json.Unmarshal(c.Data, &a); err != nil {
			return err
		}
		if _, ok := now[a.RecordTable][a.RecordID]; !ok {
			return fmt.Errorf("is attached to %s %q, which is no record of 海港区", a.RecordTable, a.RecordID)
		}
		b, err := st.Content(ctx, a.SHA256)
		if err != nil {
			return fmt.Errorf("has no content: %w", err)
		}
		if err := app.CheckAttachmentContent(a, b); err != nil {
			return fmt.Errorf("has content other than it says: %w", err)
		}
	}
	return nil
}

// fiNumbers checks that no two live problems in st share a ledger number.
func fiNumbers(ctx context.Context, st app.Reader) error {
	ps, err := st.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		return err
	}
	seen := map[string]string{}
	for _, p := range ps {
		if other, ok := seen[p.Number]; ok {
			return fmt.Errorf("the problems %s and %s share the ledger number %q", other, p.ID, p.Number)
		}
		seen[p.Number] = p.ID
	}
	return nil
}

// fiVersions is every record of 海港区 in st, deleted or not, by table.
func fiVersions(t *testing.T, st app.Reader) map[app.Table]map[string]int64 {
	t.Helper()
	out := map[app.Table]map[string]int64{}
	for _, tbl := range app.SyncedTables {
		vs, err := st.Versions(context.Background(), tbl, rtHaigang.Code)
		if err != nil {
			t.Fatal(err)
		}
		out[tbl] = vs
	}
	return out
}

func fiLog(t *testing.T, svc *app.Service) []app.SyncEntry {
	t.Helper()
	log, err := svc.SyncLog(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// fiRead reads the live record c carries as the window reads it:
// app.ErrNotFound when it is deleted or missing.
func fiRead(ctx context.Context, st app.Reader, c app.Change) (any, error) {
	switch c.Table {
	case app.TableEnterprises:
		return fiOne(st.Enterprise(ctx, c.ID))
	case app.TableLeaders:
		return fiOne(st.Leader(ctx, c.ID))
	case app.TableAssignments:
		return fiOne(st.Assignment(ctx, c.ID))
	case app.TableVisits:
		return fiOne(st.Visit(ctx, c.ID))
	case app.TableProblems:
		return fiOne(st.Problem(ctx, c.ID))
	case app.TableEvents:
		var e app.Event
		json.Unmarshal(c.Data, &e) // the event is looked for on the problem it names
		l, err := st.Events(ctx, e.ProblemID)
		return fiFind(l, err, c.ID)
	case app.TableMeetings:
		return fiOne(st.Meeting(ctx, c.ID))
	case app.TableFinancing:
		return fiOne(st.FinancingNeed(ctx, c.ID))
	case app.TableLoans:
		return fiOne(st.BridgeLoan(ctx, c.ID))
	case app.TableComments:
		l, err := st.Comments(ctx, app.CommentFilter{})
		return fiFind(l, err, c.ID)
	case app.TableLoanDecisions:
		l, err := st.LoanDecisions(ctx, app.LoanDecisionFilter{})
		return fiFind(l, err, c.ID)
	case app.TableNotices:
		l, err := st.PublishedNotices(ctx)
		return fiFind(l, err, c.ID)
	case app.TableAssessments:
		l, err := st.PublishedAssessments(ctx)
		return fiFind(l, err, c.ID)
	case app.TableAttachments:
		l, err := st.Attachments(ctx, app.AttachmentFilter{})
		return fiFind(l, err, c.ID)
	}
	return nil, fmt.Errorf("read %s: no such table", c.Table)
}

func fiOne[T any](x T, err error) (any, error) { return x, err }

// fiFind is the record with id in list, each record having Meta.
func fiFind[T any](list []T, err error, id string) (any, error) {
	if err != nil {
		return nil, err
	}
	for _, x := range list {
		if reflect.ValueOf(x).FieldByName("ID").String() == id {
			return x, nil
		}
	}
	return nil, app.ErrNotFound
}

// fiCanonData is the data of c decoded as a record of its table (as the
// store decodes it), in fiCanon's form.
func fiCanonData(c app.Change) (string, error) {
	var x any
	switch c.Table {
	case app.TableEnterprises:
		x = &app.Enterprise{}
	case app.TableLeaders:
		x = &app.Leader{}
	case app.TableAssignments:
		x = &app.Assignment{}
	case app.TableVisits:
		x = &app.Visit{}
	case app.TableProblems:
		x = &app.Problem{}
	case app.TableEvents:
		x = &app.Event{}
	case app.TableMeetings:
		x = &app.Meeting{}
	case app.TableFinancing:
		x = &app.FinancingNeed{}
	case app.TableLoans:
		x = &app.BridgeLoan{}
	case app.TableComments:
		x = &app.Comment{}
	case app.TableLoanDecisions:
		x = &app.LoanDecision{}
	case app.TableNotices:
		x = &app.PublishedNotice{}
	case app.TableAssessments:
		x = &app.PublishedAssessment{}
	case app.TableAttachments:
		x = &app.Attachment{}
	default:
		return "", fmt.Errorf("no such table %s", c.Table)
	}
	if err := json.Unmarshal(c.Data, x); err != nil {
		return "", err
	}
	return fiCanon(reflect.ValueOf(x).Elem().Interface()), nil
}

// fiCanon is the JSON of record x in a form that leaves out what the
// store does not keep apart: an empty list and none, a time's zone.
func fiCanon(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprintf("(cannot marshal: %v)", err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return fmt.Sprintf("(cannot decode: %v)", err)
	}
	b, _ = json.Marshal(fiNormal(v))
	return string(b)
}

func fiNormal(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = fiNormal(x)
		}
	case []any:
		if len(v) == 0 {
			return nil
		}
		for i, x := range v {
			v[i] = fiNormal(x)
		}
	case string:
		if at, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return at.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

// fiTables is every table of two dumps.
func fiTables(a, b map[string][]string) []string {
	all := maps.Clone(a)
	maps.Copy(all, b)
	return slices.Sorted(maps.Keys(all))
}

// fiFirst is the first value of a dumped row: a record's ID, a content's
// hash.
func fiFirst(row string) string {
	q, err := strconv.QuotedPrefix(row)
	if err != nil {
		return ""
	}
	s, _ := strconv.Unquote(q)
	return s
}

// fiSubset reports whether every row of a is in b.
func fiSubset(a, b []string) bool {
	for _, r := range a {
		if _, ok := slices.BinarySearch(b, r); !ok {
			return false
		}
	}
	return true
}

// fiDiff lists the rows only in a (-) and only in b (+), shortened.
func fiDiff(a, b []string) string {
	var out strings.Builder
	for _, r := range a {
		if _, ok := slices.BinarySearch(b, r); !ok {
			out.WriteString("\n- " + fiShort(r))
		}
	}
	for _, r := range b {
		if _, ok := slices.BinarySearch(a, r); !ok {
			out.WriteString("\n+ " + fiShort(r))
		}
	}
	return out.String()
}

// fiShort is s cut to about 300 bytes, for a message.
func fiShort(s string) string {
	if len(s) > 300 {
		s = s[:300] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return strings.ToValidUTF8(s, "")
}

// The edits. Each edit is a byte naming it (modulo fiOps) and the bytes it
// takes; a byte missing at the end reads as 0.
const (
	fiSetField    = iota // record, key, value from fiValues
	fiSetBytes           // record, key, n, then n bytes as a string
	fiMeta               // record, which (fiID…), where (fiBoth…), value
	fiTable              // record, table
	fiDuplicate          // record, same ID (even) or a new one (odd)
	fiRemove             // record
	fiReference          // record, a key ending in _id, an ID of the three offices
	fiCopyField          // record, other record, key of the other
	fiContent            // attachment, content from fiContents, how (fiLegit…)
	fiManifest           // which, value
	fiAttachment         // attachment, field, value
	fiDropContent        // which content
	fiDropKey            // record, key
	fiRawData            // record, raw JSON from fiRaws
	fiList               // record, list key, how
	fiBump               // record, versions up (1 to 3): the change a later edit makes
	fiOps
)

// What fiMeta sets, and where: in the change and its data, in the change
// only, or in the data only.
const (
	fiID = iota
	fiOwner
	fiVersion
	fiDeleted
)

const (
	fiBoth = iota
	fiChangeOnly
	fiDataOnly
)

// How fiContent puts in content: the attachment made to match it, the
// content alone, or the attachment naming it without it.
const (
	fiLegit = iota
	fiContentOnly
	fiRecordOnly
)

// fiRec is a record being edited.
type fiRec struct {
	c    app.Change
	data map[string]any // nil when raw is the data
	raw  []byte
}

// fiEditor applies edits to a record set.
type fiEditor struct {
	in      []byte
	recs    []*fiRec
	content map[string][]byte
	m       syncfile.Manifest
	ids     []string
}

func (e *fiEditor) next() int {
	if len(e.in) == 0 {
		return 0
	}
	b := e.in[0]
	e.in = e.in[1:]
	return int(b)
}

func (e *fiEditor) pick(n int) int {
	if n <= 0 {
		return 0
	}
	return e.next() % n
}

// rec is the record the next byte names, nil when there is none or its
// data is raw.
func (e *fiEditor) rec() *fiRec {
	if len(e.recs) == 0 {
		e.next()
		return nil
	}
	r := e.recs[e.pick(len(e.recs))]
	if r.data == nil {
		return nil
	}
	return r
}

// key is a key of r's data the next byte names, or a key r lacks.
func (e *fiEditor) key(r *fiRec) string {
	keys := slices.Sorted(maps.Keys(r.data))
	keys = append(keys, "id", "office", "version", "deleted", "updated_at", "problem_id", "number", "status", "unknown")
	return keys[e.pick(len(keys))]
}

// fiEdit is the record set, content and manifest of w after edits.
func fiEdit(w *fiWorld, edits []byte) ([]app.Change, map[string][]byte, syncfile.Manifest) {
	e := &fiEditor{in: edits, content: maps.Clone(w.content), m: w.manifest, ids: w.ids}
	for _, c := range w.changes {
		e.recs = append(e.recs, &fiRec{c: c, data: fiDecode(c.Data)})
	}
	for len(e.in) > 0 {
		e.edit(e.next() % fiOps)
	}
	cs := make([]app.Change, 0, len(e.recs))
	for _, r := range e.recs {
		c := r.c
		c.Data = r.raw
		if r.data != nil {
			c.Data, _ = json.Marshal(r.data)
		}
		cs = append(cs, c)
	}
	return cs, e.content, e.m
}

// fiDecode is a record's data as a map, its numbers kept as written.
func fiDecode(b []byte) map[string]any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if d.Decode(&m) != nil || m == nil {
		return map[string]any{}
	}
	return m
}

func (e *fiEditor) edit(op int) {
	switch op {
	case fiSetField:
		if r := e.rec(); r != nil {
			r.data[e.key(r)] = fiValues[e.pick(len(fiValues))]
		}
	case fiSetBytes:
		if r := e.rec(); r != nil {
			k, n := e.key(r), e.next()
			n = min(n, len(e.in))
			r.data[k] = string(e.in[:n])
			e.in = e.in[n:]
		}
	case fiMeta:
		if r := e.rec(); r != nil {
			e.meta(r)
		}
	case fiTable:
		if r := e.rec(); r != nil {
			r.c.Table = app.SyncedTables[e.pick(len(app.SyncedTables))]
		}
	case fiDuplicate:
		if r := e.rec(); r != nil {
			d := &fiRec{c: r.c, data: fiDecode(mustJSON(r.data))}
			if e.next()%2 == 1 {
				d.c.ID = fmt.Sprintf("00000000-0000-4000-8000-%012d", len(e.recs))
				d.data["id"] = d.c.ID
			}
			e.recs = append(e.recs, d)
		}
	case fiRemove:
		if len(e.recs) > 0 {
			i := e.pick(len(e.recs))
			e.recs = slices.Delete(e.recs, i, i+1)
		}
	case fiReference:
		if r := e.rec(); r != nil {
			var refs []string
			for k := range r.data {
				if strings.HasSuffix(k, "_id") {
					refs = append(refs, k)
				}
			}
			slices.Sort(refs)
			k := "problem_id"
			if len(refs) > 0 {
				k = refs[e.pick(len(refs))]
			}
			ids := append(slices.Clone(e.ids), "", "00000000-0000-4000-8000-999999999999")
			r.data[k] = ids[e.pick(len(ids))]
		}
	case fiCopyField:
		if r, o := e.rec(), e.rec(); r != nil && o != nil {
			k := e.key(o)
			if v, ok := o.data[k]; ok {
				r.data[k] = v
			}
		}
	case fiContent:
		e.editContent()
	case fiManifest:
		v := fiInts[e.pick(len(fiInts))]
		switch e.next() % 4 {
		case 0:
			e.m.SeqFrom = v
		case 1:
			e.m.SeqTo = v
		case 2:
			e.m.All = !e.m.All
		case 3:
			e.m.Created = e.m.Created.Add(time.Duration(v) * time.Hour)
		}
	case fiAttachment:
		if r := e.attachment(); r != nil {
			switch e.next() % 4 {
			case 0:
				r.data["name"] = fiNames[e.pick(len(fiNames))]
			case 1:
				r.data["type"] = []string{app.TypePDF, app.TypeJPEG, app.TypePNG, "application/x-msdownload", "text/html", ""}[e.pick(6)]
			case 2:
				r.data["size"] = fiInts[e.pick(len(fiInts))]
			case 3:
				ts := append(slices.Clone(app.SyncedTables), "", "sqlite_master")
				r.data["record_table"] = string(ts[e.pick(len(ts))])
			}
		}
	case fiDropContent:
		if len(e.content) > 0 {
			hs := slices.Sorted(maps.Keys(e.content))
			delete(e.content, hs[e.pick(len(hs))])
		}
	case fiDropKey:
		if r := e.rec(); r != nil {
			delete(r.data, e.key(r))
		}
	case fiRawData:
		if len(e.recs) > 0 {
			r := e.recs[e.pick(len(e.recs))]
			r.raw, r.data = []byte(fiRaws[e.pick(len(fiRaws))]), nil
		}
	case fiList:
		if r := e.rec(); r != nil {
			e.list(r)
		}
	case fiBump:
		if r := e.rec(); r != nil {
			r.c.Version += int64(1 + e.pick(3))
			r.data["version"] = r.c.Version
			r.data["updated_at"] = fiNow.Format(time.RFC3339)
			r.data["updated_by"] = "王芳"
		}
	}
}

// meta sets the ID, owner, version or deletion of r.
func (e *fiEditor) meta(r *fiRec) {
	which, where := e.next()%4, e.next()%3
	var key string
	var v any
	switch which {
	case fiID:
		ids := append(slices.Clone(e.ids), "", "x", strings.ToUpper(r.c.ID), " "+r.c.ID, "00000000-0000-4000-8000-999999999999")
		id := ids[e.pick(len(ids))]
		if where != fiDataOnly {
			r.c.ID = id
		}
		key, v = "id", id
	case fiOwner:
		offices := []string{rtHaigang.Code, app.CityCode, rtShanhai.Code, "130304", "", "999999", rtHaigang.Code + " "}
		o := offices[e.pick(len(offices))]
		if where != fiDataOnly {
			r.c.Office = o
		}
		key, v = "office", o
	case fiVersion:
		vs := append(slices.Clone(fiInts), r.c.Version-1, r.c.Version+1)
		n := vs[e.pick(len(vs))]
		if where != fiDataOnly {
			r.c.Version = n
		}
		key, v = "version", n
	case fiDeleted:
		del := !r.c.Deleted
		if where != fiDataOnly {
			r.c.Deleted = del
		}
		key, v = "deleted", del
	}
	if where != fiChangeOnly {
		r.data[key] = v
	}
}

// attachment is the attachment record the next byte names, nil if none.
func (e *fiEditor) attachment() *fiRec {
	var as []*fiRec
	for _, r := range e.recs {
		if r.c.Table == app.TableAttachments && r.data != nil {
			as = append(as, r)
		}
	}
	if len(as) == 0 {
		e.next()
		return nil
	}
	return as[e.pick(len(as))]
}

// editContent puts content of fiContents in the file.
func (e *fiEditor) editContent() {
	r := e.attachment()
	b := fiContents[e.pick(len(fiContents))]
	h := app.ContentHash(b)
	switch e.next() % 3 {
	case fiLegit:
		e.content[h] = b
		if r != nil {
			r.data["sha256"], r.data["size"] = h, len(b)
		}
	case fiContentOnly:
		e.content[h] = b
	case fiRecordOnly:
		if r != nil {
			r.data["sha256"] = h
		}
	}
}

// list edits a list of r: many items, items of another kind, or a field
// of its first item.
func (e *fiEditor) list(r *fiRec) {
	var keys []string
	for k, v := range r.data {
		if _, ok := v.([]any); ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		e.next()
		return
	}
	k := keys[e.pick(len(keys))]
	l := r.data[k].([]any)
	switch e.next() % 3 {
	case 0:
		var item any = "x"
		if len(l) > 0 && len(mustJSON(l[0])) < 200 { // a thousand long texts would take minutes
			item = l[0]
		}
		many := make([]any, 1001)
		for i := range many {
			many[i] = item
		}
		r.data[k] = many
	case 1:
		r.data[k] = []any{fiValues[e.pick(len(fiValues))]}
	case 2:
		if len(l) > 0 {
			if m, ok := l[0].(map[string]any); ok {
				m = maps.Clone(m)
				ks := append(slices.Sorted(maps.Keys(m)), "unknown")
				m[ks[e.pick(len(ks))]] = fiValues[e.pick(len(fiValues))]
				r.data[k] = append([]any{m}, l[1:]...)
			}
		}
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // a map of what JSON decoded always encodes
	}
	return b
}

// fiInts are numbers for versions, sizes and sequences.
var fiInts = []int64{0, 1, 2, 3, 4, 10, -1, 1 << 40, 1<<40 + 1, 10 << 30, 20<<20 + 1, math.MaxInt64, math.MinInt64}

// fiValues are values of a field: text too long or with characters the
// window refuses, days that do not exist, amounts out of range, values of
// another JSON kind.
var fiValues = []any{
	"", "x", "秦皇岛海港玻璃制品有限公司", strings.Repeat("很", 10001), strings.Repeat("长", 1<<20/3+1),
	"a\x00b", "\x1b[31m红\x1b[0m", "报告\u202Efdp.exe", "\u2066隐藏\u2069", "一行\t二\n三\r\n", "\x7f\u0085",
	"2026-02-30", "0001-01-01", "2026-03-16", "2026-03-20", "2099-12-31", "1989-12-31", "2026-3-1",
	"2026-03-15T10:30:00+08:00", "1969-12-31T23:59:59Z", "2030-01-01T00:00:00Z",
	"登记", "交办", "办结", "销号", "已放款", "待审核", "结清", "满意", "企业家恳谈会",
	json.Number("-1"), json.Number("0"), json.Number("1"), json.Number("1000000000000000"), json.Number("1000000000001"),
	json.Number("9223372036854775807"), json.Number("-9223372036854775808"), json.Number("1.5"), json.Number("1e308"),
	true, false, nil, []any{}, map[string]any{}, []any{json.Number("1"), "二"}, map[string]any{"id": "x"},
}

// fiNames are names of attachments.
var fiNames = []string{"整改报告.pdf.exe", "说明.bat", "CON.pdf", "../../x.pdf", `..\..\Windows\x.pdf`, "报告\u202Efdp.exe",
	"", "a.pdf.", strings.Repeat("名", 300) + ".pdf", "正常的扫描件.pdf"}

// fiContents are contents of attachments: a program, a web page, a
// photo, a PDF, nothing.
var fiContents = [][]byte{
	append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0}, 200)...),
	[]byte("<html><script>alert(1)</script></html>"),
	rtPhoto(2000, 9),
	[]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n"),
	{},
	[]byte("%PDF-"),
}

// fiRaws are data of a record that are JSON but not a record.
var fiRaws = []string{`null`, `[]`, `"x"`, `0`, `{}`, `{"id":1}`, `{"id":"x","id":"y"}`, `{"ID":"X"}`}
