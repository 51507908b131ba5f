package data_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// TestMigrateFund opens databases of the version before the city fund
// (schema 7): a county that kept loans keeps its fund and its loans work
// as before; a county that kept none sends its next application to the
// city; the city keeps its fund.
func TestMigrateFund(t *testing.T) {
	const entID = "11111111-1111-4111-8111-111111111111"
	const loanID = "33333333-3333-4333-8333-333333333333"
	old := func(t *testing.T, code, role string, loans bool) (*app.Service, *data.DB) {
		path := filepath.Join(t.TempDir(), "旧版.db")
		if err := data.CreateVersion(path, 7); err != nil {
			t.Fatal(err)
		}
		rows := []string{
			`INSERT INTO office(id, code, name, role) VALUES (1, '` + code + `', '` + app.OfficeName(code) + `', '` + role + `')`,
			`INSERT INTO settings(id, data) VALUES (1, '{"assign_within_days":3,"deadline_days":15,"max_deadline_days":30,"visit_interval_months":3,"due_soon_days":7,"fund_size":100000000,"loan_term_days":15,"loan_max_days":30,"loan_uses_per_year":2}')`,
			`INSERT INTO enterprises(id, office, version, updated_at, updated_by, deleted, credit_code, name, categories)
			 VALUES ('` + entID + `', '` + code + `', 1, '2026-01-05T02:00:00Z', '李四', 0, '` + creditCode(t, 1) + `', '老企业', '[]')`,
		}
		if loans {
			rows = append(rows, `INSERT INTO bridge_loans(id, office, version, updated_at, updated_by, enterprise_id, bank, original, original_due,
				commitment, conditions, applied, applied_on, approved, approved_on, paid_on, due_back, status)
				VALUES ('`+loanID+`', '`+code+`', 4, '2026-03-10T02:00:00Z', '李四', '`+entID+`', '秦皇岛银行', 10000000, '2026-03-10',
				'承诺函', '[true,true,true,true]', 8000000, '2026-03-02', 8000000, '2026-03-05', '2026-03-10', '2026-03-20', '放款')`)
		}
		rawExec(t, path, rows...)
		db, err := data.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "张三"}, db
	}
	ctx := context.Background()

	t.Run("county with loans", func(t *testing.T) {
		svc, db := old(t, myOffice, "county", true)
		st, err := db.Settings(ctx)
		if err != nil || st.FundSize != 100_000_000 {
			t.Fatalf("settings %+v, %v: want its own fund of 1亿 kept", st, err)
		}
		b, err := svc.FundBook(ctx, myOffice)
		if err != nil || !b.Own || b.State.Held != 8_000_000 || len(b.Loans) != 1 || b.Loans[0].CityFund || len(b.Ledger) != 1 {
			t.Fatalf("fund book %+v, %v", b, err)
		}
		if _, err := svc.LoanAct(ctx, loanID, app.LoanAction{Kind: app.LoanActRepay, Date: app.D(2026, 3, 15), Fee: 1000}); err != nil {
			t.Errorf("repay the old loan: %v", err)
		}
		l := app.BridgeLoan{EnterpriseID: entID, Bank: "河北银行", Original: 1_000_000, OriginalDue: today, Applied: 1_000_000, AppliedOn: today}
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil || l.CityFund {
			t.Errorf("a new loan of a county with its own fund: %+v, %v", l, err)
		}
	})
	t.Run("county without loans", func(t *testing.T) {
		svc, db := old(t, myOffice, "county", false)
		if st, err := db.Settings(ctx); err != nil || st.FundSize != 0 {
			t.Fatalf("settings %+v, %v: want no fund of its own", st, err)
		}
		l := app.BridgeLoan{EnterpriseID: entID, Bank: "河北银行", Original: 1_000_000, OriginalDue: today, Applied: 1_000_000, AppliedOn: today}
		var inv app.Invalid
		if err := svc.SaveBridgeLoan(ctx, &l); !errors.As(err, &inv) || app.FieldMsg(inv, "Commitment") == "" || app.FieldMsg(inv, "TermDays") == "" {
			t.Errorf("an application without commitment and term: %v", err)
		}
		l.Commitment, l.TermDays = "河北银行续贷承诺函", 10
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil || !l.CityFund || l.Status != app.LoanApplied {
			t.Errorf("application to the city fund: %+v, %v", l, err)
		}
		if _, err := svc.LoanAct(ctx, l.ID, app.LoanAction{Kind: app.LoanActReview, Date: today, Conditions: []bool{true, true, true, true}}); err == nil {
			t.Error("a county took a step of the city fund")
		}
		if s, err := db.Stats(ctx, today); err != nil || s.LoanApplications != 1 || s.BridgeLoans != 1 {
			t.Errorf("stats %+v, %v", s, err)
		}
	})
	t.Run("city", func(t *testing.T) {
		_, db := old(t, app.CityCode, "city", false)
		if st, err := db.Settings(ctx); err != nil || st.FundSize != 100_000_000 {
			t.Fatalf("settings %+v, %v: want the city fund of 1亿", st, err)
		}
	})
}

// TestLoanDecisionOnlyCity: the store refuses a county's decision, and
// the city's on an application it does not hold.
func TestLoanDecisionOnlyCity(t *testing.T) {
	county, cdb := officeService(t, otherCounty)
	ctx := context.Background()
	e := addEnterprise(t, county, 1, "山海关船舶重工")
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 1_000_000, OriginalDue: today, Applied: 1_000_000,
		AppliedOn: today, Commitment: "承诺函", TermDays: 10}
	if err := county.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	d := app.LoanDecision{LoanID: l.ID, LoanOffice: otherCounty, Outcome: app.LoanDenied, Date: today, Reason: "x"}
	var fe app.FieldError
	if err := update(t, cdb, func(tx app.Tx) error { return tx.SaveLoanDecision(&d) }); !errors.As(err, &fe) || fe.Field != "LoanID" {
		t.Errorf("a county's decision: %v", err)
	}
	_, citydb := officeService(t, cityOffice)
	if err := update(t, citydb, func(tx app.Tx) error { return tx.SaveLoanDecision(&d) }); err == nil {
		t.Error("the city decided on an application it does not hold")
	}
}
