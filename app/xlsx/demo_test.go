package xlsx_test

import (
	"slices"
	"testing"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/xlsx"
)

// A year of a county's demo records (leaders named on many rows, visits of
// every mode, meetings with attendees of every kind and decisions) round
// trips through the leaders', visits' and meetings' workbooks.
func TestRoundTripDemo(t *testing.T) {
	src, st := service(t)
	if _, err := demo.Fill(ctx, st, src.Op(), demo.Options{Today: src.Today(), Years: 1, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	dst, _ := service(t)
	for _, k := range []struct {
		imp xlsx.Kind
		exp xlsx.ExportKind
	}{{xlsx.KindEnterprises, xlsx.ExportEnterprises}, {xlsx.KindLeaders, xlsx.ExportLeaders},
		{xlsx.KindVisits, xlsx.ExportVisits}, {xlsx.KindMeetings, xlsx.ExportMeetings}} {
		p, err := preview(t, dst, k.imp, export(t, src, k.exp))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			if r.Outcome == xlsx.Refused {
				t.Errorf("%s row %d: %s %s", k.imp, r.Row, r.Name, r.Msg)
			}
		}
		if err := p.Apply(ctx, dst, nil); err != nil {
			t.Fatalf("%s: %v", k.imp, err)
		}
	}
	for _, c := range []struct {
		name string
		of   func(*testing.T, *app.Service) []string
	}{{"leaders", leadersOf}, {"visits", visitsOf}, {"meetings", meetingsOf}} {
		w, g := c.of(t, src), c.of(t, dst)
		if len(w) == 0 || !slices.Equal(w, g) {
			t.Errorf("%s: %d records, %d after the round trip", c.name, len(w), len(g))
			for i := range min(len(w), len(g)) {
				if w[i] != g[i] {
					t.Errorf("first difference:\nwant %s\ngot  %s", w[i], g[i])
					break
				}
			}
		}
	}
}
