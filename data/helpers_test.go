package data_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// now is the fixed clock of the tests: Monday 16 March 2026, 10:00 in Beijing.
var now = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

var today = app.D(2026, 3, 16)

const myOffice = "130302" // 海港区

// openDB opens a new database in a temporary folder, closed at the end of
// the test.
func openDB(t *testing.T) (*data.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "测试 库.db")
	db, err := data.Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// newService opens a database set up for 海港区 with a service over it.
// 海港区 runs a bridge-loan fund of its own (1亿元), as a county whose
// database kept loans before the city fund: these tests take its loans
// through every step.
func newService(t *testing.T) (*app.Service, *data.DB, string) {
	t.Helper()
	db, path := openDB(t)
	svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "张三"}
	ctx := context.Background()
	if err := svc.SetUp(ctx, app.Office{Code: myOffice, Name: "海港区", Role: app.RoleCounty}); err != nil {
		t.Fatalf("SetUp: %v", err)
	}
	if err := svc.SaveSettings(ctx, ownFund); err != nil {
		t.Fatalf("SaveSettings: %v", err)
	}
	return svc, db, path
}

// ownFund are the settings of a county that runs a fund of its own.
var ownFund = app.DefaultSettings()

// creditCode makes a valid unified social credit code numbered n.
func creditCode(t testing.TB, n int) string {
	t.Helper()
	body := fmt.Sprintf("91130302MA%07d", n)
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatalf("credit code %d: %v", n, err)
	}
	return body + string(c)
}

func addEnterprise(t *testing.T, svc *app.Service, n int, name string) app.Enterprise {
	t.Helper()
	e := app.Enterprise{CreditCode: creditCode(t, n), Name: name, Industry: "装备制造", Categories: []string{"规模以上", "专精特新"}}
	if err := svc.SaveEnterprise(context.Background(), &e); err != nil {
		t.Fatalf("SaveEnterprise %s: %v", name, err)
	}
	return e
}

func addLeader(t *testing.T, svc *app.Service, name string, level app.Level) app.Leader {
	t.Helper()
	l := app.Leader{Name: name, Post: "副区长", Level: level, Body: "政府"}
	if err := svc.SaveLeader(context.Background(), &l); err != nil {
		t.Fatalf("SaveLeader %s: %v", name, err)
	}
	return l
}

func addAssignment(t *testing.T, svc *app.Service, l app.Leader, e app.Enterprise, from, to app.Date) app.Assignment {
	t.Helper()
	a := app.Assignment{LeaderID: l.ID, EnterpriseID: e.ID, Liaison: "李联络", LeadDept: "区工信局", From: from, To: to}
	if err := svc.SaveAssignment(context.Background(), &a); err != nil {
		t.Fatalf("SaveAssignment: %v", err)
	}
	return a
}

func addVisit(t *testing.T, svc *app.Service, l app.Leader, e app.Enterprise, d app.Date) app.Visit {
	t.Helper()
	v := app.Visit{Date: d, LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "生产经营正常"}
	if err := svc.SaveVisit(context.Background(), &v, nil); err != nil {
		t.Fatalf("SaveVisit: %v", err)
	}
	return v
}

// addProblem registers a problem with an optional first action.
func addProblem(t *testing.T, svc *app.Service, e app.Enterprise, p app.Problem, first *app.Action) app.Problem {
	t.Helper()
	p.EnterpriseID = e.ID
	if p.Source == "" {
		p.Source = "企业反映"
	}
	if p.Category == "" {
		p.Category = "用地"
	}
	if p.Description == "" {
		p.Description = "项目用地指标不足"
	}
	np := app.NewProblem{Problem: p, First: first}
	if err := svc.RegisterProblem(context.Background(), &np); err != nil {
		t.Fatalf("RegisterProblem: %v", err)
	}
	return np.Problem
}

// assign is a 交办 action on day d with deadline dl.
func assign(d, dl app.Date, dept string) *app.Action {
	return &app.Action{Kind: app.ActAssign, Date: d, LeadDept: dept, Person: "王科长", Deadline: dl}
}

// counts is the number of rows (deleted included) of every table a write
// touches.
func counts(t *testing.T, db *data.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"office", "settings", "enterprises", "leaders", "assignments", "visits", "problems", "problem_events",
		"meetings", "financing_needs", "bridge_loans", "comments", "notices", "attachments", "attachment_content", "changes", "problems_fts", "office_keys", "trusted_cards", "sync_log"} {
		n, err := data.CountRows(db, tbl)
		if err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		out[tbl] = n
	}
	return out
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

func problemNumbers(ps []app.Problem) []string {
	return ids(ps, func(p app.Problem) string { return p.Number })
}
