package syncfile_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"wugeyi/app"
)

// A record a county restores comes back at the city too: the restore is a
// change of a version above the tombstone's, and travels as any change.
func TestRoundTripUndelete(t *testing.T) {
	ctx := context.Background()
	county, city := rtNew(t, rtHaigang, nil), rtNew(t, rtCity, nil)
	rtExchange(t, city, county)
	r := county.enter(t)
	p := r.problems[0]
	evs, err := county.st.Events(ctx, p.ID)
	if err != nil || len(evs) == 0 {
		t.Fatalf("events of the problem: %d, %v", len(evs), err)
	}
	for _, d := range []struct {
		t  app.Table
		id string
	}{{app.TableVisits, r.visit.ID}, {app.TableProblems, p.ID}} {
		if err := county.svc.Delete(ctx, d.t, d.id); err != nil {
			t.Fatal(err)
		}
	}
	path, _ := county.export(t, city.o.Code, false)
	city.importFile(t, path)
	if _, err := city.st.Visit(ctx, r.visit.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("the deleted visit at the city: %v", err)
	}

	for _, d := range []struct {
		t  app.Table
		id string
	}{{app.TableVisits, r.visit.ID}, {app.TableProblems, p.ID}} {
		if _, err := county.svc.Undelete(ctx, d.t, d.id); err != nil {
			t.Fatalf("Undelete %s: %v", d.t, err)
		}
	}
	path, _ = county.export(t, city.o.Code, false)
	plan := city.importFile(t, path)
	if n := plan.Counts[app.TableVisits].Updated; n != 1 {
		t.Errorf("the city's plan updates %d visits, want 1 (%+v)", n, plan.Counts)
	}
	v, err := city.st.Visit(ctx, r.visit.ID)
	if err != nil {
		t.Fatalf("the restored visit at the city: %v", err)
	}
	if want, _ := county.st.Visit(ctx, r.visit.ID); v.Version != want.Version || v.Findings != want.Findings {
		t.Errorf("the city's visit: version %d %q, the county's %d %q", v.Version, v.Findings, want.Version, want.Findings)
	}
	if _, err := city.st.Problem(ctx, p.ID); err != nil {
		t.Errorf("the restored problem at the city: %v", err)
	}
	if got, err := city.st.Events(ctx, p.ID); err != nil || len(got) != len(evs) {
		t.Errorf("the restored problem's events at the city: %d, %v; want %d", len(got), err, len(evs))
	}
	if got, want := city.lists(t, county.o.Code), county.lists(t, county.o.Code); !slices.Equal(got, want) {
		t.Errorf("the city's copy of the county differs from the county's own:\n%v\n%v", got, want)
	}
}
