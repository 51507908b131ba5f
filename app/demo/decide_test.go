package demo_test

import (
	"context"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
)

// TestDecide fills two counties without funds of their own, carries their
// records to the city, fills the city and has it decide: the city's fund
// then shows approvals, repayments and refusals, each as the rules of the
// one fund allow, and a county's 工作台 would show its applications paid
// out and overdue once the decisions reach it.
func TestDecide(t *testing.T) {
	ctx := context.Background()
	city := open(t, app.Office{Code: app.CityCode, Name: app.OfficeName(app.CityCode), Role: app.RoleCity})
	applications := 0
	for i, code := range []string{"130302", "130303"} {
		o, _ := app.LookupOffice(code)
		db, c := fill(t, o.Office, 2, int64(10+i))
		if c.Applications == 0 || c.Applications != c.BridgeLoans {
			t.Fatalf("%s: %d applications of %d loans, want every loan an application", code, c.Applications, c.BridgeLoans)
		}
		applications += c.Applications
		cs, _, err := db.Changes(ctx, code, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := city.Update(ctx, op, func(tx app.Tx) error {
			for _, e := range tx.PutAll(cs, nil) {
				if e != nil {
					return e
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := demo.Fill(ctx, city, op, demo.Options{Today: today, Years: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	svc := &app.Service{Store: city, Now: func() time.Time { return now }, Operator: "演示"}
	n, err := demo.Decide(ctx, svc, 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("decisions %+v of %d applications", n, applications)
	if n.Approved == 0 || n.Repaid == 0 || n.Refused == 0 || n.Approved+n.Refused+n.Waiting != applications {
		t.Errorf("decisions %+v of %d applications", n, applications)
	}
	checkOneFund(t, svc)
	// Deciding again takes up only what waited.
	if again, err := demo.Decide(ctx, svc, 3); err != nil || again.Approved+again.Refused+again.Waiting != n.Waiting {
		t.Errorf("a second Decide: %+v, %v", again, err)
	}
}

// checkOneFund checks the city fund's loans: on no day did the loans
// approved and not yet repaid hold more than the fund, no enterprise was
// paid out more often in a year than allowed, no term is longer than
// allowed and every decision is sound.
func checkOneFund(t *testing.T, svc *app.Service) {
	t.Helper()
	ctx := context.Background()
	st, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := svc.FundBook(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if b.State.Free < 0 {
		t.Errorf("fund %+v", b.State)
	}
	type entYear struct {
		code string
		year int
	}
	uses := map[entYear]int{}
	status := map[app.LoanStatus]int{}
	for _, l := range b.Loans {
		status[l.Status]++
		if l.Decision != nil {
			if err := l.Decision.Validate(); err != nil {
				t.Errorf("decision %+v: %v", l.Decision, err)
			}
		}
		if !l.PaidOn.IsZero() {
			uses[entYear{l.EnterpriseCode, l.PaidOn.Year()}]++
			if l.PaidOn.DaysUntil(l.DueBack) > st.LoanMaxDays || l.PaidOn.Before(l.AppliedOn) || l.Approved > l.Applied {
				t.Errorf("loan %+v beyond the rules", l)
			}
		}
		d := l.ApprovedOn
		if d.IsZero() {
			continue
		}
		var held app.Yuan
		for _, x := range b.Loans {
			if !x.ApprovedOn.IsZero() && !x.ApprovedOn.After(d) && (x.RepaidOn.IsZero() || x.RepaidOn.After(d)) {
				held += x.Approved
			}
		}
		if held > st.FundSize {
			t.Errorf("on %s loans held %s of a fund of %s", d, held, st.FundSize)
		}
	}
	for k, n := range uses {
		if n > st.LoanUsesPerYear {
			t.Errorf("enterprise %s paid out %d times in %d", k.code, n, k.year)
		}
	}
	for _, s := range []app.LoanStatus{app.LoanPaid, app.LoanSettled, app.LoanRefused, app.LoanApplied} {
		if status[s] == 0 {
			t.Errorf("no loan of the city fund %s: %v", s, status)
		}
	}
}
