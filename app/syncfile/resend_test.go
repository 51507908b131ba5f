package syncfile_test

import (
	"bytes"
	"testing"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/syncfile"
)

// A year of a county's demo records goes to the city and the city's
// comments come back; sending everything again (-all) both ways finds
// every record unchanged and warns of nothing: the comparison of
// same-version records must not see differences where the database only
// gives an empty list or a time back in another form.
func TestResendAllWarnsOfNothing(t *testing.T) {
	hg, c := newNode(t, haigang, nil), newNode(t, city, nil)
	trust(t, hg, c)
	if _, err := demo.Fill(ctx, hg.st, hg.op(), demo.Options{Today: app.DateOf(fileTime), Years: 1, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	path, m := hg.export(t, app.CityCode, false)
	if m.Counts[app.TableProblems] == 0 || m.Counts[app.TableMeetings] == 0 {
		t.Fatalf("demo records %v", m.Counts)
	}
	if plan, err := c.importFile(t, path); err != nil || len(plan.Warnings) != 0 {
		t.Fatalf("first import: %v, warnings %v", err, plan.Warnings)
	}
	ps, err := c.st.Problems(ctx, app.ProblemFilter{Office: haigang.Code, Limit: 3})
	if err != nil || len(ps) == 0 {
		t.Fatalf("the city has no problems of 海港区 (%v)", err)
	}
	for _, p := range ps {
		cm := app.Comment{ProblemID: p.ID, Date: c.svc.Today(), Text: "请加快办理", Author: "赵科长"}
		if err := c.svc.SaveComment(ctx, &cm); err != nil {
			t.Fatal(err)
		}
	}
	back, _ := c.export(t, haigang.Code, false)
	if _, err := hg.importFile(t, back); err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]*node{{hg, c}, {c, hg}} {
		from, to := pair[0], pair[1]
		again, m := from.export(t, to.office.Code, true)
		plan, err := to.importFile(t, again)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, n := range m.Counts {
			total += n
		}
		unchanged := 0
		for _, n := range plan.Counts {
			unchanged += n.Unchanged
		}
		if len(plan.Apply) != 0 || unchanged != total || len(plan.Warnings) != 0 || len(plan.Refused) != 0 {
			t.Errorf("%s sends all again: %d to apply, %d of %d unchanged, warnings %q, refused %v",
				from.office.Name, len(plan.Apply), unchanged, total, plan.Warnings, plan.Refused)
		}
	}

	// The county's records at their versions, each table's first
	// with other content: a warning per table, nothing applied.
	cs, top, err := hg.st.Changes(ctx, haigang.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	edited := map[app.Table]bool{}
	for i, ch := range cs {
		if !edited[ch.Table] && !ch.Deleted {
			edited[ch.Table] = true
			cs[i].Data = bytes.Replace(ch.Data, []byte(`"updated_by":"`), []byte(`"updated_by":"改`), 1)
		}
	}
	fm := syncfile.Manifest{Schema: syncfile.SchemaVersion, Sender: haigang.Code, Recipient: app.CityCode, Created: fileTime, All: true, SeqFrom: 1, SeqTo: top}
	var b bytes.Buffer
	if err := syncfile.Write(&b, &fm, cs, hg.keys(t), c.card(t)); err != nil {
		t.Fatal(err)
	}
	f, err := syncfile.Read(b.Bytes(), c.office, c.keys(t), func(o string) (app.Card, error) { return c.st.Card(ctx, o) })
	if err != nil {
		t.Fatal(err)
	}
	plan, err := syncfile.Preview(ctx, c.st, f, c.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Apply) != 0 || len(plan.Warnings) != len(edited) {
		t.Errorf("%d tables with one record edited at its version: %d to apply, warnings %q", len(edited), len(plan.Apply), plan.Warnings)
	}
}

// BenchmarkPreview plans 300,000 records against a city that has them:
// newer versions (the ordinary import) and the same versions (a file sent
// again with -all, where each record is compared with the stored one).
func BenchmarkPreview(b *testing.B) {
	const n = 300_000
	c := newNode(b, city, nil)
	f := &syncfile.File{Manifest: syncfile.Manifest{Sender: haigang.Code, Recipient: app.CityCode, SeqFrom: 1, SeqTo: n, All: true}, Hash: "first"}
	for i := 1; i <= n; i++ {
		f.Changes = append(f.Changes, change(b, app.TableLeaders, haigang.Code, i))
	}
	if _, err := syncfile.Import(ctx, c.st, c.op(), f, "", nil); err != nil {
		b.Fatal(err)
	}
	newer := &syncfile.File{Manifest: f.Manifest, Hash: "newer"}
	for _, ch := range f.Changes {
		ch.Version = 2
		ch.Data = bytes.Replace(ch.Data, []byte(`"version":1`), []byte(`"version":2`), 1)
		newer.Changes = append(newer.Changes, ch)
	}
	same := &syncfile.File{Manifest: f.Manifest, Changes: f.Changes, Hash: "same"}
	for _, bc := range []struct {
		name string
		f    *syncfile.File
	}{{"newer", newer}, {"same", same}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := syncfile.Preview(ctx, c.st, bc.f, c.svc.Today())
				if err != nil || len(p.Warnings) != 0 {
					b.Fatal(err, p.Warnings)
				}
			}
		})
	}
}
