package apptest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/apptest"
	"wugeyi/data"
)

var city = app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}

// syncWorld is a city store receiving a county's records, driven by a
// sync scenario.
type syncWorld struct {
	st       app.Store
	svc      *app.Service
	log      []string
	comments []string // IDs of the comments the city made, in order
}

// newSyncWorld sets st up for the city bureau with a ticking clock.
func newSyncWorld(t *testing.T, st app.Store) *syncWorld {
	t.Helper()
	w := &syncWorld{st: st}
	var tick time.Duration
	w.svc = &app.Service{Store: st, Operator: "赵科长", Now: func() time.Time { tick += time.Millisecond; return base.Add(tick) }}
	if err := w.svc.SetUp(ctx, city); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *syncWorld) outcome(step string, err error) {
	var fe app.FieldError
	var inv app.Invalid
	switch {
	case err == nil:
		step += ": ok"
	case errors.Is(err, app.ErrNotOwner):
		step += ": not owner"
	case errors.Is(err, app.ErrNotFound):
		step += ": not found"
	case errors.As(err, &fe), errors.As(err, &inv):
		step += ": invalid: " + err.Error()
	default:
		step += ": error"
	}
	w.log = append(w.log, step)
}

// withData returns c with the fields of its record's JSON changed by edit
// (and the change's own fields kept as they are).
func withData(t *testing.T, c app.Change, edit func(m map[string]any)) app.Change {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(c.Data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	c.Data = b
	return c
}

// runSync applies a county's changes to the city store in three imports,
// with repeats, older versions and refusals, then has the city comment,
// trust, keep keys and log the files.
func runSync(t *testing.T, w *syncWorld, cs []app.Change) {
	put := func(step string, list []app.Change) {
		err := w.st.Update(ctx, app.Op{Operator: "导入", At: base}, func(tx app.Tx) error {
			for _, c := range list {
				w.outcome(fmt.Sprintf("%s %s %d", step, c.Table, c.Seq), tx.Put(c))
			}
			return nil
		})
		w.outcome(step, err)
	}
	half := slices.Clone(cs[:len(cs)/2])
	slices.Reverse(half)
	put("first half reversed", half)
	put("all", cs)
	put("all again", cs)
	// Older and equal versions with other content, inconsistent and own
	// records, an unknown table.
	var odd []app.Change
	for i, c := range cs {
		if i%17 != 0 {
			continue
		}
		lower := withData(t, c, func(m map[string]any) { m["version"] = float64(c.Version - 1); m["updated_by"] = "旧" })
		lower.Version--
		odd = append(odd, lower, withData(t, c, func(m map[string]any) { m["updated_by"] = "篡改" }))
		bad := c
		bad.Version++
		odd = append(odd, bad)
		own := withData(t, c, func(m map[string]any) { m["office"] = city.Code })
		own.Office = city.Code
		odd = append(odd, own)
	}
	odd = append(odd, app.Change{Table: "office", ID: "x", Data: json.RawMessage(`{}`)})
	put("odd", odd)

	// The city's comments on the county's problems.
	ps, err := w.st.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps[:min(12, len(ps))] {
		c := app.Comment{ProblemID: p.ID, Date: scenarioToday.AddDays(-i % 4), Text: fmt.Sprintf("请加快办理（%d）", i), Author: "赵科长"}
		err := w.svc.SaveComment(ctx, &c)
		w.outcome("comment", err)
		if err == nil {
			w.comments = append(w.comments, c.ID)
		}
	}
	w.outcome("comment on nothing", w.svc.SaveComment(ctx, &app.Comment{ProblemID: "nope", Date: scenarioToday, Text: "x"}))
	for _, k := range []int{1, 4} {
		list, _ := w.st.Comments(ctx, app.CommentFilter{ProblemID: ps[k].ID})
		list[0].Text += "（补充）"
		w.outcome("edit comment", w.svc.SaveComment(ctx, &list[0]))
	}
	w.outcome("delete comment", w.svc.Delete(ctx, app.TableComments, w.comments[2]))
	w.outcome("delete county record", w.svc.Delete(ctx, app.TableProblems, ps[0].ID))

	op := app.Op{Operator: "赵科长", At: base}
	keys := app.OfficeKeys{SignPrivate: []byte{1, 2, 3}, AgeIdentity: "AGE-SECRET-KEY-1X", Created: base}
	for range 2 {
		w.outcome("keys", w.st.Update(ctx, op, func(tx app.Tx) error { return tx.SaveKeys(keys) }))
	}
	for _, code := range []string{"130306", myOffice, app.CityCode, myOffice} {
		o, _ := app.LookupOffice(code)
		card := app.Card{Office: code, Name: o.Name, Role: o.Role, SignKey: []byte(strings.Repeat("k", 32)), AgeRecipient: "age1" + code, Created: base}
		w.outcome("trust "+code, w.st.Update(ctx, op, func(tx app.Tx) error { return tx.Trust(card) }))
	}
	for i, e := range []app.SyncEntry{
		{Direction: app.SyncImport, File: "a", Hash: "h1", Peer: myOffice, SeqTo: int64(len(cs)), Outcome: app.SyncOK,
			Counts: map[app.Table]app.TableCounts{app.TableProblems: {New: 3, Refused: 1}}},
		{Direction: app.SyncExport, File: "b", Hash: "h2", Peer: myOffice, At: base.Add(time.Hour), Outcome: app.SyncOK},
		{Direction: app.SyncImport, File: "c", Hash: "h1", Peer: myOffice, Outcome: app.SyncDuplicate, Counts: map[app.Table]app.TableCounts{}},
		{Direction: app.SyncImport, File: "d", Hash: "h3", Peer: "130306", Outcome: app.SyncRefused, Message: "签名不符"},
	} {
		err := w.st.Update(ctx, op, func(tx app.Tx) error { return tx.LogSync(&e) })
		w.outcome(fmt.Sprintf("log %d → %d", i, e.ID), err)
	}
}

// TestSyncSameAsSQLite runs the same sync scenario on apptest and on data
// and compares what they read.
func TestSyncSameAsSQLite(t *testing.T) {
	srcDB, err := data.Open(filepath.Join(t.TempDir(), "county.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srcDB.Close() })
	runScenario(newWorld(t, srcDB), 1)
	cs, _, err := srcDB.Changes(ctx, myOffice, 0)
	if err != nil || len(cs) < 100 {
		t.Fatalf("%d changes, %v", len(cs), err)
	}

	wa := newSyncWorld(t, apptest.New())
	db, err := data.Open(filepath.Join(t.TempDir(), "city.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	wb := newSyncWorld(t, db)
	runSync(t, wa, cs)
	runSync(t, wb, cs)
	if !slices.Equal(wa.log, wb.log) {
		for i := range min(len(wa.log), len(wb.log)) {
			if wa.log[i] != wb.log[i] {
				t.Fatalf("step %d: apptest %q, data %q", i, wa.log[i], wb.log[i])
			}
		}
		t.Fatalf("%d steps on apptest, %d on data", len(wa.log), len(wb.log))
	}
	// The city's own comment IDs differ: compare them as their order.
	relabel := func(w *syncWorld, s string) string {
		for i, id := range w.comments {
			s = strings.ReplaceAll(s, `"`+id+`"`, fmt.Sprintf(`"#%d"`, i))
		}
		return s
	}
	same := func(what string, a, b any) {
		t.Helper()
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if relabel(wa, string(ja)) != relabel(wb, string(jb)) || !reflect.DeepEqual(reflect.TypeOf(a), reflect.TypeOf(b)) {
			t.Errorf("%s:\napptest %s\ndata    %s", what, ja, jb)
		}
	}
	for _, tb := range app.SyncedTables {
		for _, o := range []string{myOffice, app.CityCode, "130306"} {
			va, erra := wa.st.Versions(ctx, tb, o)
			vb, errb := wb.st.Versions(ctx, tb, o)
			if erra != nil || errb != nil {
				t.Fatal(erra, errb)
			}
			ra, rb := map[string]int64{}, map[string]int64{}
			for id, v := range va {
				ra[relabel(wa, `"`+id+`"`)] = v
			}
			for id, v := range vb {
				rb[relabel(wb, `"`+id+`"`)] = v
			}
			if !reflect.DeepEqual(ra, rb) {
				t.Errorf("versions of %s %s:\napptest %v\ndata    %v", tb, o, ra, rb)
			}
		}
	}
	if _, err := wa.st.Versions(ctx, "office", myOffice); err == nil {
		t.Error("apptest: versions of an unknown table")
	}
	for _, after := range []int64{0, 3, 9, 100} {
		a, ta, erra := wa.st.Changes(ctx, app.CityCode, after)
		b, tb, errb := wb.st.Changes(ctx, app.CityCode, after)
		if erra != nil || errb != nil || ta != tb {
			t.Fatal(erra, errb, ta, tb)
		}
		for i := range a { // the times saved differ: data's clock is its own
			a[i].Data, b[i].Data = nil, nil
		}
		same(fmt.Sprintf("changes of the city after %d", after), a, b)
	}
	for _, f := range []app.CommentFilter{{}, {ProblemOffice: myOffice}, {ProblemOffice: "130306"}} {
		a, erra := wa.st.Comments(ctx, f)
		b, errb := wb.st.Comments(ctx, f)
		if erra != nil || errb != nil {
			t.Fatal(erra, errb)
		}
		if len(a) == 0 && f.ProblemOffice != "130306" {
			t.Errorf("no comments %+v", f)
		}
		same(fmt.Sprintf("comments %+v", f), a, b)
		for _, c := range a {
			ca, _ := wa.st.Comments(ctx, app.CommentFilter{ProblemID: c.ProblemID})
			cb, _ := wb.st.Comments(ctx, app.CommentFilter{ProblemID: c.ProblemID})
			same("comments of "+c.ProblemID, ca, cb)
		}
	}
	ea, erra := wa.st.Enterprises(ctx, app.EnterpriseFilter{})
	eb, errb := wb.st.Enterprises(ctx, app.EnterpriseFilter{})
	same("enterprises", []any{ea, erra == nil}, []any{eb, errb == nil})
	for _, f := range []app.ProblemFilter{{}, {Query: "有限公司"}, {Query: "更名"}, {Status: app.StatusAssigned}} {
		pa, erra := wa.st.Problems(ctx, f)
		pb, errb := wb.st.Problems(ctx, f)
		same(fmt.Sprintf("problems %+v", f), []any{pa, erra == nil}, []any{pb, errb == nil})
	}
	ma, _ := wa.st.Meetings(ctx, app.MeetingFilter{})
	mb, _ := wb.st.Meetings(ctx, app.MeetingFilter{})
	same("meetings", ma, mb)
	la, _ := wa.st.BridgeLoans(ctx, app.LoanFilter{})
	lb, _ := wb.st.BridgeLoans(ctx, app.LoanFilter{})
	same("loans", la, lb)
	sa, _ := wa.st.Stats(ctx, scenarioToday)
	sb, _ := wb.st.Stats(ctx, scenarioToday)
	same("stats", sa, sb)
	if sa.Imports != 1 || sa.Comments == 0 || sa.Offices != 2 {
		t.Errorf("stats %+v", sa)
	}
	ka, erra := wa.st.Keys(ctx)
	kb, errb := wb.st.Keys(ctx)
	if erra != nil || errb != nil || !reflect.DeepEqual(ka, kb) {
		t.Errorf("keys %+v %v / %+v %v", ka, erra, kb, errb)
	}
	ca, _ := wa.st.Cards(ctx)
	cb, _ := wb.st.Cards(ctx)
	if !reflect.DeepEqual(ca, cb) || len(ca) != 2 {
		t.Errorf("cards\napptest %+v\ndata    %+v", ca, cb)
	}
	for _, peer := range []string{"", myOffice, "130306"} {
		for _, n := range []int{0, 1, 3} {
			a, _ := wa.st.SyncLog(ctx, peer, n)
			b, _ := wb.st.SyncLog(ctx, peer, n)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("sync log %q %d\napptest %+v\ndata    %+v", peer, n, a, b)
			}
		}
	}
	for _, h := range []string{"h1", "h2", "h3", "x"} {
		a, oka, _ := wa.st.SyncByHash(ctx, h)
		b, okb, _ := wb.st.SyncByHash(ctx, h)
		if oka != okb || !reflect.DeepEqual(a, b) {
			t.Errorf("by hash %s: %+v %t / %+v %t", h, a, oka, b, okb)
		}
	}

	// Backup and restore carry it all.
	dir := t.TempDir()
	if err := wa.st.Backup(ctx, filepath.Join(dir, "a.json")); err != nil {
		t.Fatal(err)
	}
	wa.outcome("comment after backup", wa.svc.SaveComment(ctx, &app.Comment{ProblemID: ea[0].ID, Date: scenarioToday, Text: "x"}))
	if err := wa.st.Restore(ctx, filepath.Join(dir, "a.json")); err != nil {
		t.Fatal(err)
	}
	if s, _ := wa.st.Stats(ctx, scenarioToday); s != sa {
		t.Errorf("stats after restore %+v, want %+v", s, sa)
	}
	if c, _ := wa.st.Cards(ctx); !reflect.DeepEqual(c, ca) {
		t.Errorf("cards after restore %+v", c)
	}
	if k, err := wa.st.Keys(ctx); err != nil || !reflect.DeepEqual(k, ka) {
		t.Errorf("keys after restore %+v %v", k, err)
	}
	if l, _ := wa.st.SyncLog(ctx, "", 0); len(l) != 4 {
		t.Errorf("sync log after restore %+v", l)
	}
}
