package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// TestFundSettings: a county may run no fund of its own (0) or one; the
// city's fund is never 0; a negative size is refused.
func TestFundSettings(t *testing.T) {
	ctx := context.Background()
	county := app.NewService(datatest.NewSetUp(t, haigangOffice), "测试员")
	city := app.NewService(datatest.NewSetUp(t, app.Office{Code: app.CityCode, Name: app.OfficeName(app.CityCode), Role: app.RoleCity}), "测试员")
	for _, c := range []struct {
		svc  *app.Service
		size app.Yuan
		ok   bool
	}{{county, 0, true}, {county, 50_000_000, true}, {county, -1, false}, {city, 0, false}, {city, 200_000_000, true}} {
		s := app.DefaultSettings()
		s.FundSize = c.size
		err := c.svc.SaveSettings(ctx, s)
		if (err == nil) != c.ok || (err != nil && app.FieldMsg(err, "FundSize") == "") {
			t.Errorf("fund size %s: %v", c.size, err)
		}
	}
	if st, _ := city.Settings(ctx); st.FundSize != 200_000_000 {
		t.Errorf("city fund %s", st.FundSize)
	}
}

// TestApplicationAtCounty: a county without a fund of its own applies to
// the city's; it cannot take the fund's steps itself, may correct and
// withdraw its application until the city decides, and cannot decide.
func TestApplicationAtCounty(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	svc := app.NewService(st, "测试员")
	e := app.Enterprise{Name: "秦皇岛测试机械有限公司", CreditCode: datatest.CreditCode(1)}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	day := svc.Today()
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 3_000_000, OriginalDue: day, Applied: 3_000_000, AppliedOn: day,
		Commitment: "续贷承诺函", TermDays: 31}
	if err := svc.SaveBridgeLoan(ctx, &l); app.FieldMsg(err, "TermDays") == "" {
		t.Errorf("a term beyond the longest: %v", err)
	}
	l.TermDays = 15
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil || !l.CityFund {
		t.Fatalf("application %+v, %v", l, err)
	}
	before := st.Snapshot()
	if _, err := svc.LoanAct(ctx, l.ID, app.LoanAction{Kind: app.LoanActReview, Date: day, Conditions: []bool{true, true, true, true}}); err == nil {
		t.Error("the county reviewed an application to the city fund")
	}
	if _, err := svc.DecideLoan(ctx, l.ID, app.LoanAction{Kind: app.LoanActRefuse, Date: day, Reason: "x"}); err == nil {
		t.Error("the county decided")
	}
	if d := before.Diff(st.Snapshot()); len(d) != 0 {
		t.Errorf("refused steps changed %v", d)
	}
	l.Applied = 2_000_000
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil || l.Applied != 2_000_000 || l.Version != 2 {
		t.Errorf("corrected application %+v, %v", l, err)
	}
	if err := svc.Delete(ctx, app.TableLoans, l.ID); err != nil {
		t.Errorf("withdraw an undecided application: %v", err)
	}
	if _, err := svc.BridgeLoan(ctx, l.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("withdrawn application still there: %v", err)
	}
}

// TestEnterpriseWithPaidOutApplication: an enterprise whose application
// the city fund paid out cannot be deleted at the county until repaid.
func TestEnterpriseWithPaidOutApplication(t *testing.T) {
	ctx := context.Background()
	st := datatest.NewSetUp(t, haigangOffice)
	svc := app.NewService(st, "测试员")
	e := app.Enterprise{Name: "秦皇岛测试机械有限公司", CreditCode: datatest.CreditCode(1)}
	if err := svc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	day := svc.Today()
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 3_000_000, OriginalDue: day, Applied: 3_000_000,
		AppliedOn: day.AddDays(-3), Commitment: "续贷承诺函", TermDays: 10}
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	d := app.LoanDecision{Meta: app.Meta{ID: "00000000-0000-4000-8000-0000000000d1", Office: app.CityCode, Version: 1,
		UpdatedAt: svc.Now(), UpdatedBy: "市金融办"}, LoanID: l.ID, LoanOffice: haigangOffice.Code, Outcome: app.LoanGranted,
		Date: day.AddDays(-1), Approved: 3_000_000, PaidOn: day.AddDays(-1), DueBack: day.AddDays(9)}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(ctx, svc.Op(), func(tx app.Tx) error {
		return tx.Put(app.Change{Seq: 1, Table: app.TableLoanDecisions, ID: d.ID, Office: app.CityCode, Version: 1, Data: b})
	}); err != nil {
		t.Fatal(err)
	}
	before := st.Snapshot()
	if err := svc.Delete(ctx, app.TableEnterprises, e.ID); app.FieldMsg(err, "Name") == "" {
		t.Errorf("deleting an enterprise with the city's money out: %v", err)
	}
	if err := svc.Delete(ctx, app.TableLoans, l.ID); err == nil {
		t.Error("a decided application deleted")
	}
	if d := before.Diff(st.Snapshot()); len(d) != 0 {
		t.Errorf("refused deletions changed %v", d)
	}
}
