package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

const (
	otherCounty = "130303" // 山海关区
	cityOffice  = "130300" // 秦皇岛市工业和信息化局
)

// officeService opens a new database set up for office code with a
// ticking service over it.
func officeService(tb testing.TB, code string) (*app.Service, *data.DB) {
	tb.Helper()
	o, ok := app.LookupOffice(code)
	if !ok {
		tb.Fatalf("unknown office %s", code)
	}
	db, err := data.Open(filepath.Join(tb.TempDir(), code+".db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	svc := &app.Service{Store: db, Operator: "李四"}
	var n time.Duration
	svc.Now = func() time.Time { n += time.Millisecond; return now.Add(n) }
	if err := svc.SetUp(context.Background(), o.Office); err != nil {
		tb.Fatal(err)
	}
	return svc, db
}

// changes lists the latest changes of office in db after seq after.
func changes(tb testing.TB, db *data.DB, office string, after int64) ([]app.Change, int64) {
	tb.Helper()
	cs, top, err := db.Changes(context.Background(), office, after)
	if err != nil {
		tb.Fatalf("Changes(%s, %d): %v", office, after, err)
	}
	return cs, top
}

// putAll applies changes to db in one Update, failing on any refusal.
func putAll(tb testing.TB, db *data.DB, cs []app.Change) {
	tb.Helper()
	err := db.Update(context.Background(), app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		for _, c := range cs {
			if err := tx.Put(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("put: %v", err)
	}
}

func put(db *data.DB, c app.Change) error {
	return db.Update(context.Background(), app.Op{Operator: "导入", At: now}, func(tx app.Tx) error { return tx.Put(c) })
}

func TestChangesLatestOnly(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	if cs, top := changes(t, db, myOffice, 0); cs != nil || top != 0 {
		t.Errorf("changes of an empty log: %v, %d", cs, top)
	}
	e := addEnterprise(t, svc, 1, "港机重工")         // seq 1
	l := addLeader(t, svc, "王海", app.LevelCounty) // 2
	e.Phone = "0335-1234567"
	if err := svc.SaveEnterprise(ctx, &e); err != nil { // 3
		t.Fatal(err)
	}
	m := addLeader(t, svc, "李立新", app.LevelCity)                    // 4
	if err := svc.Delete(ctx, app.TableLeaders, l.ID); err != nil { // 5
		t.Fatal(err)
	}
	cs, top := changes(t, db, myOffice, 0)
	got := ids(cs, func(c app.Change) string { return c.ID })
	if top != 5 || !slices.Equal(got, []string{e.ID, m.ID, l.ID}) {
		t.Fatalf("changes: top %d, ids %v", top, got)
	}
	if c := cs[0]; c.Seq != 3 || c.Version != 2 || c.Table != app.TableEnterprises || c.Office != myOffice || c.Deleted {
		t.Errorf("enterprise change %+v", c)
	}
	var back app.Enterprise
	if err := json.Unmarshal(cs[0].Data, &back); err != nil || back.Phone != e.Phone || back.Version != 2 {
		t.Errorf("enterprise data %s: %v", cs[0].Data, err)
	}
	if c := cs[2]; c.Seq != 5 || c.Version != 2 || !c.Deleted {
		t.Errorf("tombstone %+v", c)
	}
	if cs, top := changes(t, db, myOffice, 3); top != 5 || len(cs) != 2 || cs[0].ID != m.ID || cs[1].ID != l.ID {
		t.Errorf("after 3: %d, %+v", top, cs)
	}
	if cs, top := changes(t, db, myOffice, 5); top != 5 || cs != nil {
		t.Errorf("after 5: %d, %+v", top, cs)
	}
	if cs, top := changes(t, db, otherCounty, 0); top != 0 || cs != nil {
		t.Errorf("another office: %d, %+v", top, cs)
	}
}

func TestPutVersionRule(t *testing.T) {
	src, srcDB := officeService(t, otherCounty)
	_, db, _ := newService(t)
	ctx := context.Background()
	e := app.Enterprise{CreditCode: creditCode(t, 7), Name: "山海关船舶", Categories: []string{"规模以上"}}
	if err := src.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	v1, _ := changes(t, srcDB, otherCounty, 0)
	e.Name = "山海关船舶重工"
	if err := src.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	v2, _ := changes(t, srcDB, otherCounty, 0)
	logBefore, _ := data.Changes(db)

	putAll(t, db, v2)
	got, err := db.Enterprise(ctx, e.ID)
	want := e
	want.UpdatedAt = want.UpdatedAt.UTC()
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after put v2:\n got %+v, %v\nwant %+v", got, err, want)
	}
	// Lower and equal versions change nothing, even with other content.
	putAll(t, db, v1)
	same := v2[0]
	same.Data = json.RawMessage(strings.Replace(string(same.Data), "山海关船舶重工", "篡改", 1))
	putAll(t, db, []app.Change{same})
	if got, _ := db.Enterprise(ctx, e.ID); got.Name != "山海关船舶重工" || got.Version != 2 {
		t.Errorf("after lower and equal versions: %+v", got)
	}
	if vs, err := db.Versions(ctx, app.TableEnterprises, otherCounty); err != nil || !maps.Equal(vs, map[string]int64{e.ID: 2}) {
		t.Errorf("versions %v, %v", vs, err)
	}
	if vs, err := db.Versions(ctx, app.TableEnterprises, myOffice); err != nil || len(vs) != 0 {
		t.Errorf("versions of this office %v, %v", vs, err)
	}
	// A tombstone.
	if err := src.Delete(ctx, app.TableEnterprises, e.ID); err != nil {
		t.Fatal(err)
	}
	v3, _ := changes(t, srcDB, otherCounty, 0)
	putAll(t, db, v3)
	if _, err := db.Enterprise(ctx, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted enterprise: %v", err)
	}
	if vs, _ := db.Versions(ctx, app.TableEnterprises, otherCounty); vs[e.ID] != 3 {
		t.Errorf("versions after tombstone %v", vs)
	}
	// This office cannot change what it received.
	if err := svcDelete(db, app.TableEnterprises, e.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("delete a received tombstone: %v", err)
	}
	// Put never writes the change log.
	if logAfter, _ := data.Changes(db); !slices.Equal(logAfter, logBefore) {
		t.Errorf("change log changed by Put: %d rows, was %d", len(logAfter), len(logBefore))
	}
}

func svcDelete(db *data.DB, tb app.Table, id string) error {
	return db.Update(context.Background(), app.Op{Operator: "张三", At: now}, func(tx app.Tx) error { return tx.Delete(tb, id) })
}

func TestPutRefusals(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	mine := addEnterprise(t, svc, 1, "本区企业")
	own, _ := changes(t, db, myOffice, 0)
	if err := put(db, own[0]); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("put of this office's record: %v", err)
	}
	// Claimed by another office: refused, this office's record unchanged.
	stolen := own[0]
	stolen.Office = otherCounty
	stolen.Version = 9
	stolen.Data = json.RawMessage(strings.Replace(strings.Replace(string(stolen.Data), `"office":"`+myOffice, `"office":"`+otherCounty, 1),
		`"version":1`, `"version":9`, 1))
	if err := put(db, stolen); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("put of another office over this office's record: %v", err)
	}
	if got, _ := db.Enterprise(ctx, mine.ID); got.Office != myOffice || got.Version != 1 {
		t.Errorf("record after a refused put %+v", got)
	}
	src, srcDB := officeService(t, otherCounty)
	addEnterprise(t, src, 2, "外区企业")
	cs, _ := changes(t, srcDB, otherCounty, 0)
	for name, bad := range map[string]func(c *app.Change){
		"version":  func(c *app.Change) { c.Version++ },
		"id":       func(c *app.Change) { c.ID = "x" },
		"office":   func(c *app.Change) { c.Office = "130304" },
		"deleted":  func(c *app.Change) { c.Deleted = true },
		"no data":  func(c *app.Change) { c.Data = json.RawMessage(`{}`) },
		"not json": func(c *app.Change) { c.Data = json.RawMessage(`{`) },
		"table":    func(c *app.Change) { c.Table = "office" },
	} {
		c := cs[0]
		bad(&c)
		err := put(db, c)
		if err == nil || errors.Is(err, app.ErrNotOwner) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if vs, _ := db.Versions(ctx, app.TableEnterprises, otherCounty); len(vs) != 0 {
		t.Errorf("refused records stored: %v", vs)
	}
	if _, err := db.Versions(ctx, "office", myOffice); err == nil {
		t.Error("versions of an unknown table")
	}
}

// TestPutEveryTable carries every kind of record of a county to the city
// and a comment of the city back, and reads them the same on both sides.
func TestPutEveryTable(t *testing.T) {
	src, srcDB := officeService(t, otherCounty)
	city, cityDB := officeService(t, cityOffice)
	ctx := context.Background()
	e := addEnterprise(t, src, 1, "山海关船舶重工")
	l := addLeader(t, src, "王海", app.LevelCounty)
	addAssignment(t, src, l, e, app.D(2026, 1, 1), app.Date{})
	addVisit(t, src, l, e, app.D(2026, 3, 2))
	p := addProblem(t, src, e, app.Problem{Registered: app.D(2026, 3, 2), Description: "船坞用地指标不足"}, assign(app.D(2026, 3, 3), app.D(2026, 3, 20), "区自然资源局"))
	m := fullMeeting(e.ID)
	if err := src.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	n := fullNeed(e.ID, m.ID)
	if err := src.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	b := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
		Applied: 5_000_000, AppliedOn: app.D(2026, 3, 9), Commitment: "秦皇岛银行续贷承诺函（2026年3月8日）", TermDays: 10}
	if err := src.SaveBridgeLoan(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if !b.CityFund {
		t.Errorf("a county without a fund of its own applied to its own: %+v", b)
	}
	cs, top := changes(t, srcDB, otherCounty, 0)
	if len(cs) < 9 || top != int64(len(cs)) {
		t.Fatalf("%d changes up to %d", len(cs), top)
	}
	// Applied in reverse order: no reference is checked.
	slices.Reverse(cs)
	putAll(t, cityDB, cs)
	for _, f := range []func(db *data.DB) (any, error){
		func(db *data.DB) (any, error) { return db.Enterprises(ctx, app.EnterpriseFilter{}) },
		func(db *data.DB) (any, error) { return db.Leaders(ctx, app.LeaderFilter{}) },
		func(db *data.DB) (any, error) { return db.Assignments(ctx, app.AssignmentFilter{}) },
		func(db *data.DB) (any, error) { return db.Visits(ctx, app.VisitFilter{}) },
		func(db *data.DB) (any, error) { return db.Problems(ctx, app.ProblemFilter{Query: "船舶重工"}) },
		func(db *data.DB) (any, error) { return db.Events(ctx, p.ID) },
		func(db *data.DB) (any, error) { return db.Meetings(ctx, app.MeetingFilter{}) },
		func(db *data.DB) (any, error) { return db.FinancingNeeds(ctx, app.FinancingFilter{}) },
		func(db *data.DB) (any, error) { return db.BridgeLoans(ctx, app.LoanFilter{}) },
	} {
		a, erra := f(srcDB)
		c, errc := f(cityDB)
		if erra != nil || errc != nil || !reflect.DeepEqual(a, c) || reflect.ValueOf(a).Len() == 0 {
			t.Errorf("county %+v, %v\ncity   %+v, %v", a, erra, c, errc)
		}
	}
	if cs, top := changes(t, cityDB, cityOffice, 0); len(cs) != 0 || top != 0 {
		t.Errorf("the city's change log after the put: %d, %+v", top, cs)
	}

	// The city comments on the county's problem; the county reads it.
	cm := app.Comment{ProblemID: p.ID, Date: app.D(2026, 3, 16), Text: "请加快办理", Author: "市工信局赵科长"}
	if err := city.SaveComment(ctx, &cm); err != nil {
		t.Fatal(err)
	}
	if cm.ProblemOffice != otherCounty || cm.Office != cityOffice || cm.Version != 1 {
		t.Errorf("comment %+v", cm)
	}
	back, _ := changes(t, cityDB, cityOffice, 0)
	putAll(t, srcDB, back)
	got, err := srcDB.Comments(ctx, app.CommentFilter{ProblemID: p.ID})
	want := cm
	want.UpdatedAt = want.UpdatedAt.UTC()
	want.ProblemNumber = p.Number
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("comments at the county %+v, %v; want %+v", got, err, want)
	}
	if s, _ := srcDB.Stats(ctx, today); s.Comments != 1 || s.Offices != 2 {
		t.Errorf("county stats %+v", s)
	}
	// The county cannot delete it; the city can.
	if err := svcDelete(srcDB, app.TableComments, cm.ID); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("county deletes the city's comment: %v", err)
	}
	if err := city.Delete(ctx, app.TableComments, cm.ID); err != nil {
		t.Fatal(err)
	}
	back, _ = changes(t, cityDB, cityOffice, 0)
	putAll(t, srcDB, back)
	if got, _ := srcDB.Comments(ctx, app.CommentFilter{}); len(got) != 0 {
		t.Errorf("deleted comment listed %+v", got)
	}

	// The city fund approves the county's application; the county reads
	// the decision as the city saved it.
	d, err := city.DecideLoan(ctx, b.ID, app.LoanAction{Kind: app.LoanActPay, Date: app.D(2026, 3, 12), Amount: 4_000_000, DueBack: app.D(2026, 3, 20)})
	if err != nil {
		t.Fatal(err)
	}
	back, _ = changes(t, cityDB, cityOffice, 0)
	putAll(t, srcDB, back)
	gotD, err := srcDB.LoanDecisions(ctx, app.LoanDecisionFilter{LoanID: b.ID})
	d.UpdatedAt = d.UpdatedAt.UTC()
	if err != nil || len(gotD) != 1 || !reflect.DeepEqual(gotD[0], d) {
		t.Errorf("decisions at the county %+v, %v; want %+v", gotD, err, d)
	}
	if s, _ := srcDB.Stats(ctx, today); s.LoanApplications != 1 {
		t.Errorf("county stats %+v: want 1 loan application", s)
	}
}

func TestComments(t *testing.T) {
	svc, db, _ := newService(t) // a county
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "港机重工")
	p := addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 2)}, nil)
	err := update(t, db, func(tx app.Tx) error {
		return tx.SaveComment(&app.Comment{ProblemID: p.ID, ProblemOffice: myOffice, Date: today, Text: "x"})
	})
	var fe app.FieldError
	if !errors.As(err, &fe) || fe.Field != "ProblemID" || fe.Msg != "只有市工信局可以填写督办意见" {
		t.Errorf("a county's comment: %v", err)
	}

	city, cityDB := officeService(t, cityOffice)
	if err := city.SaveComment(ctx, &app.Comment{ProblemID: p.ID, Date: today, Text: "x"}); err == nil {
		t.Error("comment on a problem the city does not have")
	}
	src, _ := changes(t, db, myOffice, 0)
	putAll(t, cityDB, src)
	var made []app.Comment
	for i, d := range []app.Date{app.D(2026, 3, 10), app.D(2026, 3, 12), app.D(2026, 3, 10)} {
		c := app.Comment{ProblemID: p.ID, Date: d, Text: "督办" + string(rune('一'+i)), Author: "赵科长"}
		if err := city.SaveComment(ctx, &c); err != nil {
			t.Fatal(err)
		}
		made = append(made, c)
	}
	list, err := cityDB.Comments(ctx, app.CommentFilter{ProblemOffice: myOffice})
	if got := ids(list, func(c app.Comment) string { return c.ID }); err != nil ||
		!slices.Equal(got, []string{made[1].ID, made[2].ID, made[0].ID}) || list[0].ProblemNumber != p.Number {
		t.Errorf("comments %v, %v", list, err)
	}
	for _, f := range []app.CommentFilter{{ProblemID: "x"}, {ProblemOffice: otherCounty}} {
		if l, err := cityDB.Comments(ctx, f); err != nil || len(l) != 0 {
			t.Errorf("comments %+v: %v, %v", f, l, err)
		}
	}
	made[0].Text = "改"
	if err := city.SaveComment(ctx, &made[0]); err != nil || made[0].Version != 2 {
		t.Errorf("edit comment: %v %+v", err, made[0])
	}
	if err := city.Delete(ctx, app.TableComments, made[1].ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := cityDB.Stats(ctx, today); s.Comments != 2 {
		t.Errorf("stats %+v", s)
	}
}

func TestKeysCardsSyncLog(t *testing.T) {
	_, db, _ := newService(t)
	ctx := context.Background()
	if _, err := db.Keys(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("keys before: %v", err)
	}
	k := app.OfficeKeys{SignPrivate: []byte{1, 2, 3, 0x1f, 0}, AgeIdentity: "AGE-SECRET-KEY-1XYZ", Created: now}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveKeys(k) }); err != nil {
		t.Fatal(err)
	}
	got, err := db.Keys(ctx)
	k.Created = k.Created.UTC()
	if err != nil || !reflect.DeepEqual(got, k) {
		t.Errorf("keys %+v, %v", got, err)
	}
	k2 := app.OfficeKeys{SignPrivate: []byte{9}, AgeIdentity: "AGE-SECRET-KEY-1OTHER", Created: now}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveKeys(k2) }); err == nil || !strings.Contains(err.Error(), "密钥已经生成") {
		t.Errorf("second keys: %v", err)
	}

	if _, err := db.Card(ctx, cityOffice); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("card before: %v", err)
	}
	own := app.Card{Office: myOffice, Name: "海港区", Role: app.RoleCounty, SignKey: make([]byte, 32), AgeRecipient: "age1own", Created: now}
	if err := update(t, db, func(tx app.Tx) error { return tx.Trust(own) }); err == nil {
		t.Error("trusted its own card")
	}
	city := app.Card{Office: cityOffice, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity, SignKey: []byte("0123456789abcdef0123456789abcdef"),
		AgeRecipient: "age1city", Created: now}
	other := app.Card{Office: otherCounty, Name: "山海关区", Role: app.RoleCounty, SignKey: make([]byte, 32), AgeRecipient: "age1shg", Created: now}
	for _, c := range []app.Card{other, city} {
		if err := update(t, db, func(tx app.Tx) error { return tx.Trust(c) }); err != nil {
			t.Fatal(err)
		}
	}
	city.AgeRecipient = "age1citynew"
	if err := update(t, db, func(tx app.Tx) error { return tx.Trust(city) }); err != nil {
		t.Fatal(err)
	}
	city.Created, other.Created = city.Created.UTC(), other.Created.UTC()
	cards, err := db.Cards(ctx)
	if err != nil || !reflect.DeepEqual(cards, []app.Card{city, other}) {
		t.Errorf("cards %+v, %v", cards, err)
	}
	if c, err := db.Card(ctx, cityOffice); err != nil || !reflect.DeepEqual(c, city) {
		t.Errorf("card %+v, %v", c, err)
	}

	entries := []app.SyncEntry{
		{Direction: app.SyncImport, File: "a.wgy", Hash: "h1", Peer: cityOffice, At: now, Operator: "张三", SeqFrom: 1, SeqTo: 9,
			Counts: map[app.Table]app.TableCounts{app.TableComments: {New: 2, Updated: 1}}, Outcome: app.SyncOK},
		{Direction: app.SyncExport, File: "b.wgy", Hash: "h2", Peer: cityOffice, Operator: "张三", SeqTo: 40,
			Counts: map[app.Table]app.TableCounts{app.TableProblems: {New: 40}}, Outcome: app.SyncOK},
		{Direction: app.SyncImport, File: "c.wgy", Hash: "h3", Peer: otherCounty, At: now.Add(time.Hour), Outcome: app.SyncRefused, Message: "签名不符"},
		{Direction: app.SyncImport, File: "a2.wgy", Hash: "h1", Peer: cityOffice, At: now.Add(2 * time.Hour), Outcome: app.SyncDuplicate},
	}
	for i := range entries {
		if err := update(t, db, func(tx app.Tx) error { return tx.LogSync(&entries[i]) }); err != nil {
			t.Fatal(err)
		}
		if entries[i].ID != int64(i+1) {
			t.Errorf("entry %d: ID %d", i, entries[i].ID)
		}
		if entries[i].At.IsZero() {
			entries[i].At = now // the operation's time
		}
		entries[i].At = entries[i].At.UTC()
	}
	all, err := db.SyncLog(ctx, "", 0)
	want := slices.Clone(entries)
	slices.Reverse(want)
	if err != nil || !reflect.DeepEqual(all, want) {
		t.Errorf("sync log\n got %+v, %v\nwant %+v", all, err, want)
	}
	if l, _ := db.SyncLog(ctx, cityOffice, 2); len(l) != 2 || l[0].ID != 4 || l[1].ID != 2 {
		t.Errorf("sync log of the city, 2: %+v", l)
	}
	if e, ok, err := db.SyncByHash(ctx, "h1"); err != nil || !ok || !reflect.DeepEqual(e, entries[0]) {
		t.Errorf("by hash h1: %+v %t %v", e, ok, err)
	}
	for _, h := range []string{"h2", "h3", "nope"} {
		if e, ok, err := db.SyncByHash(ctx, h); err != nil || ok {
			t.Errorf("by hash %s: %+v %t %v", h, e, ok, err)
		}
	}
	if s, _ := db.Stats(ctx, today); s.Imports != 1 {
		t.Errorf("stats imports %d", s.Imports)
	}
}

// TestPutFailureKeepsTransaction: a record a constraint refuses is an error
// of that Put alone; the transaction goes on and commits the others.
func TestPutFailureKeepsTransaction(t *testing.T) {
	src, srcDB := officeService(t, otherCounty)
	_, db, _ := newService(t)
	ctx := context.Background()
	a := addEnterprise(t, src, 1, "甲企业")
	b := addEnterprise(t, src, 2, "乙企业")
	cs, _ := changes(t, srcDB, otherCounty, 0)
	// A twin of a with the same credit code and another ID.
	twin := cs[0]
	twin.ID = "33333333-3333-4333-8333-333333333333"
	twin.Data = json.RawMessage(strings.Replace(string(twin.Data), a.ID, twin.ID, 1))
	var putErr error
	err := db.Update(ctx, app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		if err := tx.Put(cs[0]); err != nil {
			return err
		}
		putErr = tx.Put(twin)
		return tx.Put(cs[1])
	})
	if err != nil {
		t.Fatal(err)
	}
	if putErr == nil || !strings.Contains(putErr.Error(), "UNIQUE") {
		t.Errorf("twin put: %v", putErr)
	}
	vs, _ := db.Versions(ctx, app.TableEnterprises, otherCounty)
	if !maps.Equal(vs, map[string]int64{a.ID: 1, b.ID: 1}) {
		t.Errorf("versions %v", vs)
	}
}

func TestRestoreSyncTables(t *testing.T) {
	city, db := officeService(t, cityOffice)
	ctx := context.Background()
	src, srcDB := officeService(t, otherCounty)
	e := addEnterprise(t, src, 1, "甲企业")
	p := addProblem(t, src, e, app.Problem{Registered: app.D(2026, 3, 2)}, nil)
	cs, _ := changes(t, srcDB, otherCounty, 0)
	putAll(t, db, cs)
	k := app.OfficeKeys{SignPrivate: []byte("secret"), AgeIdentity: "AGE-SECRET-KEY-1A", Created: now}
	card := app.Card{Office: otherCounty, Name: "山海关区", Role: app.RoleCounty, SignKey: make([]byte, 32), AgeRecipient: "age1a", Created: now}
	entry := app.SyncEntry{Direction: app.SyncImport, File: "a", Hash: "h", Peer: otherCounty, Outcome: app.SyncOK}
	if err := update(t, db, func(tx app.Tx) error {
		return errors.Join(tx.SaveKeys(k), tx.Trust(card), tx.LogSync(&entry))
	}); err != nil {
		t.Fatal(err)
	}
	c := app.Comment{ProblemID: p.ID, Date: today, Text: "请加快"}
	if err := city.SaveComment(ctx, &c); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "备份.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	atBackup := counts(t, db)
	log, _ := db.SyncLog(ctx, "", 0)
	cards, _ := db.Cards(ctx)
	comments, _ := db.Comments(ctx, app.CommentFilter{})

	// After the backup: more comments, cards and log lines.
	if err := city.SaveComment(ctx, &app.Comment{ProblemID: p.ID, Date: today, Text: "再催"}); err != nil {
		t.Fatal(err)
	}
	card2 := card
	card2.Office, card2.Name = "130304", "北戴河区"
	if err := update(t, db, func(tx app.Tx) error {
		return errors.Join(tx.Trust(card2), tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, Hash: "h2", Outcome: app.SyncOK}))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db); !maps.Equal(got, atBackup) {
		t.Errorf("rows after restore %v, want %v", got, atBackup)
	}
	l2, _ := db.SyncLog(ctx, "", 0)
	c2, _ := db.Cards(ctx)
	cm2, _ := db.Comments(ctx, app.CommentFilter{})
	k2, _ := db.Keys(ctx)
	if !reflect.DeepEqual(l2, log) || !reflect.DeepEqual(c2, cards) || !reflect.DeepEqual(cm2, comments) || string(k2.SignPrivate) != "secret" {
		t.Errorf("after restore: log %+v, cards %+v, comments %+v, keys %+v", l2, c2, cm2, k2)
	}
	if _, ok, _ := db.SyncByHash(ctx, "h2"); ok {
		t.Error("an import after the backup is still logged")
	}
}

// TestRestoreKeepsKeys: a backup made before the office had keys keeps the
// keys it has now.
func TestRestoreKeepsKeys(t *testing.T) {
	_, db, path := newService(t)
	ctx := context.Background()
	backup := filepath.Join(filepath.Dir(path), "无密钥.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	k := app.OfficeKeys{SignPrivate: []byte("secret"), AgeIdentity: "AGE-SECRET-KEY-1A", Created: now}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveKeys(k) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Keys(ctx); err != nil || got.AgeIdentity != k.AgeIdentity {
		t.Errorf("keys after restoring a backup without keys: %+v, %v", got, err)
	}
}

func TestMigrateFromVersion2(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "第二版.db")
	if err := data.CreateVersion(path, 2); err != nil {
		t.Fatal(err)
	}
	rawExec(t, path,
		`INSERT INTO office(id, code, name, role) VALUES (1, '130302', '海港区', 'county')`,
		`INSERT INTO changes(office, seq, tbl, record_id, version, op, at, "by", data)
		 VALUES ('130302', 1, 'leaders', 'l1', 1, 'insert', '2026-01-05T02:00:00Z', '李四', '{"id":"l1"}')`)
	backup := filepath.Join(dir, "第二版备份.db")
	rawExec(t, path, "VACUUM INTO '"+backup+"'")
	db, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if uv, vs, err := data.SchemaState(db); err != nil || uv != slices.Max(data.Versions()) || !slices.Equal(vs, data.Versions()) {
		t.Errorf("schema %d %v %v", uv, vs, err)
	}
	ctx := context.Background()
	if _, err := db.Keys(ctx); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("keys: %v", err)
	}
	if cs, top, err := db.Changes(ctx, myOffice, 0); err != nil || top != 1 || len(cs) != 1 || cs[0].ID != "l1" {
		t.Errorf("old change log: %+v %d %v", cs, top, err)
	}
	if err := update(t, db, func(tx app.Tx) error {
		return tx.SaveKeys(app.OfficeKeys{SignPrivate: []byte{1}, AgeIdentity: "AGE-SECRET-KEY-1A", Created: now})
	}); err != nil {
		t.Fatal(err)
	}
	// A schema-2 backup restores, and the keys stay.
	if err := db.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Keys(ctx); err != nil {
		t.Errorf("keys after restoring a schema-2 backup: %v", err)
	}
}

// The city's 工作台 shows every office's records, or one office's when it
// picks one.
func TestDashboardByOffice(t *testing.T) {
	ctx := context.Background()
	_, cityDB := officeService(t, cityOffice)
	for i, code := range []string{myOffice, otherCounty} {
		svc, db := officeService(t, code)
		e := addEnterprise(t, svc, i+1, "企业"+code)
		l := addLeader(t, svc, "分包领导"+code, app.LevelCounty)
		addLeader(t, svc, "未分包领导"+code, app.LevelCounty)
		addAssignment(t, svc, l, e, app.D(2026, 1, 1), app.Date{})
		addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 2)}, assign(app.D(2026, 3, 3), app.D(2026, 3, 10), "区发改局"))
		cs, _ := changes(t, db, code, 0)
		putAll(t, cityDB, cs)
	}
	for _, tc := range []struct {
		office string
		want   int // of each list
	}{{"", 2}, {myOffice, 1}, {otherCounty, 1}, {cityOffice, 0}} {
		d, err := cityDB.Dashboard(ctx, today, app.DefaultSettings(), tc.office)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Overdue) != tc.want || len(d.Unvisited) != tc.want || len(d.IdleLeaders) != tc.want || d.OpenCount != tc.want {
			t.Errorf("office %q: %d overdue, %d unvisited, %d idle leaders, %d open; want %d of each",
				tc.office, len(d.Overdue), len(d.Unvisited), len(d.IdleLeaders), d.OpenCount, tc.want)
		}
		if tc.office == "" {
			continue
		}
		for _, p := range d.Overdue {
			if p.Office != tc.office {
				t.Errorf("office %q: overdue problem of %s", tc.office, p.Office)
			}
		}
		for _, a := range d.Unvisited {
			if a.Office != tc.office {
				t.Errorf("office %q: unvisited assignment of %s", tc.office, a.Office)
			}
		}
		for _, l := range d.IdleLeaders {
			if l.Office != tc.office {
				t.Errorf("office %q: idle leader of %s", tc.office, l.Office)
			}
		}
	}
}

// Problems written by Put are in the search index when the transaction
// ends, tombstones leave it, and a rolled-back import leaves the index
// following each local write as before.
func TestPutSearchIndex(t *testing.T) {
	src, srcDB := officeService(t, otherCounty)
	svc, db, _ := newService(t)
	ctx := context.Background()
	search := func(q string) []string {
		t.Helper()
		l, err := db.Problems(ctx, app.ProblemFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return ids(l, func(p app.Problem) string { return p.ID })
	}
	e := addEnterprise(t, src, 1, "山海关船舶重工")
	p := addProblem(t, src, e, app.Problem{Registered: app.D(2026, 3, 2), Description: "船坞用地指标不足"}, nil)
	v1, _ := changes(t, srcDB, otherCounty, 0)
	putAll(t, db, v1)
	if got := search("船坞用地"); !slices.Equal(got, []string{p.ID}) {
		t.Errorf("search after put: %v, want %s", got, p.ID)
	}
	if got := search("船舶重工"); !slices.Equal(got, []string{p.ID}) {
		t.Errorf("search by the enterprise's name after put: %v", got)
	}
	if err := src.Delete(ctx, app.TableProblems, p.ID); err != nil {
		t.Fatal(err)
	}
	v2, _ := changes(t, srcDB, otherCounty, 0)
	putAll(t, db, v2)
	if got := search("船坞用地"); len(got) != 0 {
		t.Errorf("search after the tombstone: %v", got)
	}

	// An import that fails part way rolls the index back with it.
	q := addProblem(t, src, e, app.Problem{Registered: app.D(2026, 3, 3), Description: "码头岸线审批慢"}, nil)
	v3, _ := changes(t, srcDB, otherCounty, v2[len(v2)-1].Seq)
	errStop := errors.New("stop")
	err := db.Update(ctx, app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		for _, c := range v3 {
			if err := tx.Put(c); err != nil {
				return err
			}
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("the failed import: %v", err)
	}
	if got := search("码头岸线"); len(got) != 0 {
		t.Errorf("search after a rolled-back import: %v", got)
	}
	own := addEnterprise(t, svc, 2, "海港区玻璃厂")
	mine := addProblem(t, svc, own, app.Problem{Registered: app.D(2026, 3, 4), Description: "天然气供应不稳"}, nil)
	if got := search("天然气"); !slices.Equal(got, []string{mine.ID}) {
		t.Errorf("a local problem after a rolled-back import: %v, want %s", got, mine.ID)
	}
	putAll(t, db, v3)
	if got := search("码头岸线"); !slices.Equal(got, []string{q.ID}) {
		t.Errorf("search after the import: %v, want %s", got, q.ID)
	}
}

// PutAll writes what Put writes, in order, with one error per change where
// Put gives one, across its batches.
func TestPutAllSameAsPut(t *testing.T) {
	ctx := context.Background()
	var cs []app.Change
	for i := range 2500 {
		office := otherCounty
		if i == 2100 {
			office = myOffice // this office's own record: refused
		}
		id := fmt.Sprintf("l-%04d", i%2300) // the last 200 are version 2 of earlier ones
		version := int64(1 + i/2300)
		data, err := json.Marshal(app.Leader{Meta: app.Meta{ID: id, Office: office, Version: version, UpdatedAt: now},
			Name: fmt.Sprintf("领导%d", i), Post: "副区长", Level: app.LevelCounty, Body: "政府"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1500 {
			data = []byte(`{"id": 1500}`) // not a leader
		}
		cs = append(cs, app.Change{Seq: int64(i + 1), Table: app.TableLeaders, ID: id, Office: office, Version: version, Data: data})
	}
	_, one, _ := newService(t)
	_, all, _ := newService(t)
	var want []error
	err := one.Update(ctx, app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		for _, c := range cs {
			want = append(want, tx.Put(c))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []error
	var dones []int
	err = all.Update(ctx, app.Op{Operator: "导入", At: now}, func(tx app.Tx) error {
		got = tx.PutAll(cs, func(done int) { dones = append(dones, done) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cs) {
		t.Fatalf("%d errors for %d changes", len(got), len(cs))
	}
	for i := range cs {
		if (got[i] == nil) != (want[i] == nil) || errors.Is(got[i], app.ErrNotOwner) != errors.Is(want[i], app.ErrNotOwner) {
			t.Errorf("change %d: PutAll %v, Put %v", i, got[i], want[i])
		}
	}
	if want[1500] == nil || !errors.Is(want[2100], app.ErrNotOwner) {
		t.Errorf("Put took the bad changes: %v, %v", want[1500], want[2100])
	}
	if !slices.IsSorted(dones) || len(dones) == 0 || dones[len(dones)-1] != len(cs) {
		t.Errorf("progress %v", dones)
	}
	a, err := one.Versions(ctx, app.TableLeaders, otherCounty)
	if err != nil {
		t.Fatal(err)
	}
	b, err := all.Versions(ctx, app.TableLeaders, otherCounty)
	if err != nil || !maps.Equal(a, b) || len(a) != 2298 {
		t.Errorf("versions: Put %d, PutAll %d (%v)", len(a), len(b), err)
	}
}

// A notice the city publishes is saved, listed, counted, carried in its
// change log and put at a county as it was; a county cannot publish one.
func TestPublishedNotices(t *testing.T) {
	ctx := context.Background()
	city, cityDB := officeService(t, cityOffice)
	_, countyDB := officeService(t, myOffice)
	p, err := app.ParsePeriod("2026-02")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := city.PublishNotice(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(pub.Rows) != 9 || pub.Label != "2026年2月" || pub.End != app.D(2026, 2, 28) {
		t.Fatalf("published %+v", pub)
	}
	got, err := cityDB.PublishedNotices(ctx)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0].Rows, pub.Rows) || got[0].Period != "2026-02" {
		t.Fatalf("the city lists %+v (%v)", got, err)
	}
	if st, err := cityDB.Stats(ctx, today); err != nil || st.Notices != 1 {
		t.Errorf("stats %+v, %v", st, err)
	}
	cs, _ := changes(t, cityDB, cityOffice, 0)
	putAll(t, countyDB, cs)
	at, err := countyDB.PublishedNotices(ctx)
	if err != nil || len(at) != 1 || !reflect.DeepEqual(at[0], got[0]) {
		t.Errorf("the county has %+v (%v), the city %+v", at, err, got)
	}
	err = countyDB.Update(ctx, app.Op{Operator: "李四", At: now}, func(tx app.Tx) error {
		n := app.PublishedNotice{Period: "2026-03"}
		return tx.SavePublishedNotice(&n)
	})
	var fe app.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("a county published a notice: %v", err)
	}
}

// A published assessment is stored as the city saved it, counted, carried
// to a county by Put as it is, and refused when a county saves one; hand
// scores are replaced by a second entry and stay at the city.
func TestPublishedAssessments(t *testing.T) {
	ctx := context.Background()
	_, cityDB := officeService(t, cityOffice)
	_, countyDB := officeService(t, myOffice)
	a := app.BlankAssessment(myOffice, 2025, app.DefaultIndicators())
	for i := range a.Rows {
		a.Rows[i].Score, a.Rows[i].Scored, a.Rows[i].Figure = a.Rows[i].Weight-1, true, "figure"
	}
	a.Rows[7].By = "李四"
	a.Total, a.Rank, a.Of, a.Grade, a.Fund, a.Share, a.End = 92, 1, 1, "优秀", 1_000_000, 1_000_000, app.D(2025, 12, 31)
	pub := app.PublishedAssessment{Result: a, Published: app.D(2026, 1, 10)}
	err := cityDB.Update(ctx, app.Op{Operator: "王五", At: now}, func(tx app.Tx) error {
		for _, s := range []float64{6, 7.5} {
			h := app.HandScore{Year: 2025, Office: myOffice, Indicator: "信息报送与资料管理", Score: s, By: "王五", At: now}
			if err := tx.SaveHandScore(h); err != nil {
				return err
			}
		}
		return tx.SavePublishedAssessment(&pub)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := cityDB.PublishedAssessments(ctx)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], pub) {
		t.Fatalf("the city lists %+v (%v), saved %+v", got, err, pub)
	}
	hs, err := cityDB.HandScores(ctx, 2025)
	if err != nil || len(hs) != 1 || hs[0].Score != 7.5 || hs[0].By != "王五" || !hs[0].At.Equal(now) {
		t.Errorf("hand scores %+v (%v), want the second entry only", hs, err)
	}
	if hs, _ := cityDB.HandScores(ctx, 2024); len(hs) != 0 {
		t.Errorf("hand scores of 2024: %+v", hs)
	}
	if st, err := cityDB.Stats(ctx, today); err != nil || st.Assessments != 1 {
		t.Errorf("stats %+v, %v", st, err)
	}
	cs, _ := changes(t, cityDB, cityOffice, 0)
	putAll(t, countyDB, cs)
	at, err := countyDB.PublishedAssessments(ctx)
	if err != nil || len(at) != 1 || !reflect.DeepEqual(at[0], got[0]) {
		t.Errorf("the county has %+v (%v), the city %+v", at, err, got)
	}
	err = countyDB.Update(ctx, app.Op{Operator: "李四", At: now}, func(tx app.Tx) error {
		x := at[0]
		x.Result.Total = 100
		return tx.SavePublishedAssessment(&x)
	})
	var fe app.FieldError
	if !errors.As(err, &fe) {
		t.Errorf("a county saved an assessment: %v", err)
	}
	err = countyDB.Update(ctx, app.Op{Operator: "李四", At: now}, func(tx app.Tx) error {
		return tx.SaveHandScore(app.HandScore{Year: 2025, Office: myOffice, Indicator: "信息报送与资料管理", Score: 10, By: "李四", At: now})
	})
	if !errors.As(err, &fe) {
		t.Errorf("a county saved a hand score: %v", err)
	}
}
