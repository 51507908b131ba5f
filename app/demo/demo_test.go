package demo_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/data"
)

// now is the tests' clock: Monday 16 March 2026, 10:00 in Beijing.
var now = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

var today = app.DateOf(now)

var op = app.Op{Operator: "演示", At: now}

// open opens a new database in a temporary folder, set up for office o
// unless o is zero.
func open(t testing.TB, o app.Office) *data.DB {
	t.Helper()
	db, err := data.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatalf("data.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if o.Code != "" {
		svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "测试"}
		if err := svc.SetUp(context.Background(), o); err != nil {
			t.Fatalf("SetUp: %v", err)
		}
	}
	return db
}

var haigang = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}

// fill opens a database for o and fills it.
func fill(t testing.TB, o app.Office, years int, seed int64) (*data.DB, demo.Counts) {
	t.Helper()
	db := open(t, o)
	c, err := demo.Fill(context.Background(), db, op, demo.Options{Today: today, Years: years, Seed: seed})
	if err != nil {
		t.Fatalf("Fill(%s, %d years, seed %d): %v", o.Code, years, seed, err)
	}
	return db, c
}

func TestFillCounts(t *testing.T) {
	db, c := fill(t, haigang, 3, 1)
	t.Logf("counts: %+v", c)
	if c.Enterprises != 3*30 {
		t.Errorf("enterprises = %d, want 30 a year", c.Enterprises)
	}
	if c.Leaders < 15 || c.Leaders > 20 {
		t.Errorf("leaders = %d, want 15–20", c.Leaders)
	}
	if c.Assignments < c.Enterprises || c.Assignments > 2*c.Enterprises {
		t.Errorf("assignments = %d for %d enterprises", c.Assignments, c.Enterprises)
	}
	if c.Visits < 3*540 || c.Visits > 3*660 {
		t.Errorf("visits = %d, want about 600 a year", c.Visits)
	}
	if c.Problems < 3*360 || c.Problems > 3*440 {
		t.Errorf("problems = %d, want about 400 a year", c.Problems)
	}
	if c.Events < 3*c.Problems {
		t.Errorf("events = %d for %d problems", c.Events, c.Problems)
	}
	// Three years (37 months, 13 quarters) of the meetings the notice
	// requires, a few missed.
	if c.OnSiteMeetings < 28 || c.OnSiteMeetings > 37 || c.Roundtables < 7 || c.Roundtables > 13 || c.BankMeetings < 7 || c.BankMeetings > 13 ||
		c.Meetings != c.Roundtables+c.OnSiteMeetings+c.BankMeetings {
		t.Errorf("meetings: %+v", c)
	}
	if c.FinancingNeeds < 3*c.BankMeetings || c.FinancingNeeds > 8*c.BankMeetings {
		t.Errorf("financing needs = %d for %d bank meetings", c.FinancingNeeds, c.BankMeetings)
	}
	if c.BridgeLoans < 3*12 || c.BridgeLoans > 3*22+10 {
		t.Errorf("bridge loans = %d, want about 18 a year", c.BridgeLoans)
	}
	s, err := db.Stats(context.Background(), today)
	if err != nil {
		t.Fatal(err)
	}
	if s.Enterprises != c.Enterprises || s.Leaders != c.Leaders || s.Assignments != c.Assignments ||
		s.Visits != c.Visits || s.Problems != c.Problems || s.Offices != 1 ||
		s.MeetingsRoundtable != c.Roundtables || s.MeetingsOnsite != c.OnSiteMeetings || s.MeetingsBank != c.BankMeetings ||
		s.FinancingNeeds != c.FinancingNeeds || s.BridgeLoans != c.BridgeLoans || s.Departments != c.Departments || c.Departments == 0 {
		t.Errorf("stats %+v do not match counts %+v", s, c)
	}
	if s.ProblemsOpen == 0 || s.ProblemsOverdue == 0 {
		t.Errorf("stats %+v: want open and overdue problems", s)
	}
}

// checkLedger checks that the ledger has every status and category, that
// the 工作台 has something in every list, and that every record is valid
// and as the workflow makes it.
func checkLedger(t *testing.T, db *data.DB, years int) {
	t.Helper()
	ctx := context.Background()
	start := today.AddMonths(-12 * years)
	ps, err := db.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[app.Status]int{}
	cats := map[string]int{}
	sources := map[string]int{}
	overdue, dueSoon := 0, 0
	for _, p := range ps {
		status[p.Status]++
		cats[p.Category]++
		sources[p.Source]++
		if p.Overdue(today, app.Calendar{}) {
			overdue++
		}
		if p.DueSoon(today, 7) {
			dueSoon++
		}
		if err := p.Validate(); err != nil {
			t.Errorf("problem %s: %v", p.Number, err)
		}
		if p.Registered.After(today) || p.Registered.Before(start) {
			t.Errorf("problem %s registered %s, outside %s–%s", p.Number, p.Registered, start, today)
		}
		if !p.ClosedOn.IsZero() && p.ClosedOn.After(today) {
			t.Errorf("problem %s closed on %s, after today", p.Number, p.ClosedOn)
		}
	}
	for _, s := range app.Statuses {
		if status[s] == 0 {
			t.Errorf("no problem in status %s (%v)", s, status)
		}
	}
	for _, c := range app.Categories {
		if cats[c] == 0 {
			t.Errorf("no problem of category %s (%v)", c, cats)
		}
	}
	if overdue == 0 || dueSoon == 0 {
		t.Errorf("overdue %d, due soon %d: want some of each", overdue, dueSoon)
	}
	t.Logf("%d problems; statuses %v; sources %v; overdue %d, due soon %d", len(ps), status, sources, overdue, dueSoon)

	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.Dashboard(ctx, today, st, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Overdue) == 0 || len(d.DueSoon) == 0 || len(d.Unassigned) == 0 || len(d.Unvisited) == 0 || len(d.IdleLeaders) == 0 {
		t.Errorf("工作台: overdue %d, due soon %d, unassigned %d, unvisited %d, idle leaders %d: want some of each",
			len(d.Overdue), len(d.DueSoon), len(d.Unassigned), len(d.Unvisited), len(d.IdleLeaders))
	}

	// Every timeline replays through the workflow to the stored problem.
	kinds := map[app.ActionKind]int{}
	sats := map[string]int{}
	for _, p := range ps {
		evs, err := db.Events(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 || evs[0].Kind != app.EventRegistered || !evs[0].Date.Equal(p.Registered) || evs[0].Text != p.Description {
			t.Fatalf("problem %s: timeline does not start with its registration: %+v", p.Number, evs)
		}
		q := app.Problem{Source: p.Source, Registered: p.Registered, Status: app.StatusRegistered}
		rules := st.Rules()
		if p.Source == app.SourceDecision {
			rules.MaxDays = 0 // the meeting set the deadline
		}
		for i, e := range evs[1:] {
			kinds[e.Kind]++
			sats[e.Satisfaction]++
			if e.Date.After(today) || e.Date.Before(evs[i].Date) {
				t.Errorf("problem %s: event %s on %s, after today or before the one before", p.Number, e.Kind, e.Date)
			}
			if e.Kind == app.ActDeadline && !e.NewDeadline.After(e.OldDeadline) {
				t.Errorf("problem %s: deadline moved from %s to %s, not later", p.Number, e.OldDeadline, e.NewDeadline)
			}
			a := app.Action{Kind: e.Kind, Date: e.Date, LeadDept: e.LeadDept, Person: e.Person, Deadline: e.NewDeadline,
				Text: e.Text, Satisfaction: e.Satisfaction, Approver: e.Approver}
			var ev app.Event
			q, ev, err = q.Apply(a, rules)
			if err != nil {
				t.Fatalf("problem %s: replay %s on %s: %v", p.Number, e.Kind, e.Date, err)
			}
			if ev.Status != e.Status {
				t.Fatalf("problem %s: event %s has status %s, the workflow gives %s", p.Number, e.Kind, e.Status, ev.Status)
			}
		}
		if q.Status != p.Status || !q.Deadline.Equal(p.Deadline) || q.Handling != p.Handling || q.LeadDept != p.LeadDept ||
			q.Result != p.Result || q.Explanation != p.Explanation || q.Satisfaction != p.Satisfaction || !q.ClosedOn.Equal(p.ClosedOn) {
			t.Fatalf("problem %s: stored %s/%s/%s, replayed %s/%s/%s", p.Number, p.Status, p.Deadline, p.Handling, q.Status, q.Deadline, q.Handling)
		}
	}

	for _, k := range []app.ActionKind{app.ActAssign, app.ActProgress, app.ActDeadline, app.ActFinish, app.ActOnSpot, app.ActExplain, app.ActFollowUp, app.ActClose} {
		if kinds[k] == 0 {
			t.Errorf("no event %s (%v)", k, kinds)
		}
	}
	for _, s := range app.Satisfactions {
		if sats[s] == 0 {
			t.Errorf("no follow-up %s (%v)", s, sats)
		}
	}
	t.Logf("events %v; satisfaction %v", kinds, sats)

	// The other records.
	es, err := db.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			t.Errorf("enterprise %s: %v", e.Name, err)
		}
		if codes[e.CreditCode] {
			t.Errorf("credit code %s twice", e.CreditCode)
		}
		codes[e.CreditCode] = true
		if e.Industry == "" || e.LegalRep == "" || e.Address == "" || len(e.Categories) == 0 {
			t.Errorf("enterprise %+v lacks fields", e)
		}
	}
	ls, err := db.Leaders(ctx, app.LeaderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if err := l.Validate(); err != nil {
			t.Errorf("leader %s: %v", l.Name, err)
		}
	}
	as, err := db.Assignments(ctx, app.AssignmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if err := a.Validate(); err != nil {
			t.Errorf("assignment %s–%s: %v", a.LeaderName, a.EnterpriseName, err)
		}
	}
	vs, err := db.Visits(ctx, app.VisitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]app.Visit{}
	modes := map[string]int{}
	for _, v := range vs {
		if err := v.Validate(today); err != nil {
			t.Errorf("visit %s: %v", v.Date, err)
		}
		if v.Date.Before(start) || v.Findings == "" {
			t.Errorf("visit %+v: before %s or no findings", v, start)
		}
		modes[v.Mode]++
		byID[v.ID] = v
	}
	for _, m := range app.VisitModes {
		if modes[m] == 0 {
			t.Errorf("no visit by %s (%v)", m, modes)
		}
	}
	for _, p := range ps {
		if p.Source != "走访" {
			continue
		}
		v, ok := byID[p.SourceID]
		if !ok || v.EnterpriseID != p.EnterpriseID || !v.Date.Equal(p.Registered) || !strings.Contains(v.Findings, p.Description) {
			t.Errorf("problem %s raised at visit %s: visit %+v does not match", p.Number, p.SourceID, v)
		}
	}
	checkMeetings(t, db, years, ps, ls)
	checkFinancing(t, db)
	checkLoans(t, db)
	checkDashboard(t, db)
}

func TestFillLedger(t *testing.T) {
	db, _ := fill(t, haigang, 3, 1)
	checkLedger(t, db, 3)
}

// Every office, role and seed gives a full ledger, even with one year.
func TestFillOffices(t *testing.T) {
	for i, o := range app.Offices {
		t.Run(o.Code, func(t *testing.T) {
			t.Parallel()
			db, c := fill(t, o.Office, 1, int64(100+i))
			if c.Problems == 0 {
				t.Fatal("no problems")
			}
			checkLedger(t, db, 1)
			ls, err := db.Leaders(context.Background(), app.LeaderFilter{})
			if err != nil {
				t.Fatal(err)
			}
			want := app.LevelCounty
			if o.Role == app.RoleCity {
				want = app.LevelCity
			}
			for _, l := range ls {
				if l.Level != want {
					t.Errorf("leader %s %s is %s, want %s", l.Post, l.Name, l.Level, want)
				}
			}
		})
	}
}

// Settings other than the defaults still give records the rules allow.
func TestFillOtherSettings(t *testing.T) {
	db := open(t, haigang)
	ctx := context.Background()
	// A small fund with short terms, one use a year.
	s := app.Settings{AssignWithinDays: 2, DeadlineDays: 8, MaxDeadlineDays: 12, VisitIntervalMonths: 1, DueSoonDays: 3,
		FundSize: 20_000_000, LoanTermDays: 7, LoanMaxDays: 10, LoanUsesPerYear: 1}
	if err := db.Update(ctx, op, func(tx app.Tx) error { return tx.SaveSettings(s) }); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(ctx, db, op, demo.Options{Today: today, Years: 2, Seed: 7}); err != nil {
		t.Fatalf("Fill: %v", err)
	}
	checkLedger(t, db, 2)
}

// snapshot is what a generated database holds, without IDs and stamps.
func snapshot(t *testing.T, db *data.DB) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	es, err := db.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		out = append(out, e.CreditCode+" "+e.Name+" "+e.Address+" "+e.LegalRep)
	}
	ls, err := db.Leaders(ctx, app.LeaderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		out = append(out, l.Post+" "+l.Name)
	}
	vs, err := db.Visits(ctx, app.VisitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		out = append(out, v.Date.String()+" "+v.LeaderName+" "+v.EnterpriseName+" "+v.Mode+" "+v.Findings)
	}
	slices.Sort(out) // visits of one day come in the order of their random IDs
	ps, err := db.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		out = append(out, strings.Join([]string{p.Number, p.EnterpriseName, p.Description, string(p.Status), p.Deadline.String(), p.Person}, " "))
	}
	ms, err := db.Meetings(ctx, app.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var more []string
	for _, m := range ms {
		var ds []string // without the IDs of their problems, new each time
		for _, d := range m.Decisions {
			ds = append(ds, d.Text+d.Unit+d.Deadline.String())
		}
		more = append(more, fmt.Sprintf("%s %s %s %s %v %s %v", m.Title(), m.Date, m.Place, m.Chair, m.Attendees, m.Minutes, ds))
	}
	ns, err := db.FinancingNeeds(ctx, app.FinancingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		more = append(more, fmt.Sprintf("%s %s %s %s %s %s %s", n.Date, n.EnterpriseName, n.Amount, n.Bank, n.Status, n.Credit, n.Lent))
	}
	loans, err := db.BridgeLoans(ctx, app.LoanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range loans {
		more = append(more, fmt.Sprintf("%s %s %s %s %s %s %s %s", l.AppliedOn, l.EnterpriseName, l.Bank, l.Applied, l.Approved, l.Status, l.PaidOn, l.Fee))
	}
	slices.Sort(more) // records of one day come in the order of their random IDs
	return append(out, more...)
}

func TestFillDeterministic(t *testing.T) {
	db1, c1 := fill(t, haigang, 2, 42)
	db2, c2 := fill(t, haigang, 2, 42)
	db3, _ := fill(t, haigang, 2, 43)
	if c1 != c2 {
		t.Fatalf("counts differ: %+v, %+v", c1, c2)
	}
	s1, s2, s3 := snapshot(t, db1), snapshot(t, db2), snapshot(t, db3)
	if !slices.Equal(s1, s2) {
		for i := range min(len(s1), len(s2)) {
			if s1[i] != s2[i] {
				t.Fatalf("same seed, different records at %d:\n%s\n%s", i, s1[i], s2[i])
			}
		}
		t.Fatalf("same seed, %d and %d records", len(s1), len(s2))
	}
	if slices.Equal(s1, s3) {
		t.Error("another seed gives the same records")
	}
}

func TestFillRefuses(t *testing.T) {
	ctx := context.Background()
	db := open(t, app.Office{})
	if _, err := demo.Fill(ctx, db, op, demo.Options{Today: today, Years: 1}); !errors.Is(err, app.ErrNotSetUp) {
		t.Errorf("Fill on a database not set up: %v, want ErrNotSetUp", err)
	}
	db, c := fill(t, haigang, 1, 1)
	if _, err := demo.Fill(ctx, db, op, demo.Options{Today: today, Years: 1}); !errors.Is(err, demo.ErrNotEmpty) {
		t.Errorf("second Fill: %v, want ErrNotEmpty", err)
	}
	s, err := db.Stats(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if s.Problems != c.Problems || s.Visits != c.Visits {
		t.Errorf("a refused Fill changed the records: %+v, had %+v", s, c)
	}
	for _, y := range []int{0, -1, demo.MaxYears + 1} {
		if _, err := demo.Fill(ctx, db, op, demo.Options{Today: today, Years: y}); !errors.Is(err, demo.ErrYears) {
			t.Errorf("Fill with %d years: %v, want ErrYears", y, err)
		}
	}
}

// A cancelled context stops Fill and keeps nothing.
func TestFillCancelled(t *testing.T) {
	db := open(t, haigang)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := demo.Fill(ctx, db, op, demo.Options{Today: today, Years: 1}); err == nil {
		t.Fatal("Fill with a cancelled context succeeded")
	}
	s, err := db.Stats(context.Background(), today)
	if err != nil {
		t.Fatal(err)
	}
	if s.Enterprises != 0 || s.Problems != 0 {
		t.Errorf("a failed Fill kept records: %+v", s)
	}
}

func BenchmarkFill10Years(b *testing.B) {
	ctx := context.Background()
	var c demo.Counts
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := open(b, haigang)
		b.StartTimer()
		var err error
		if c, err = demo.Fill(ctx, db, op, demo.Options{Today: today, Years: 10, Seed: int64(i)}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(c.Visits), "visits")
	b.ReportMetric(float64(c.Problems), "problems")
	b.ReportMetric(float64(c.Events), "events")
}
