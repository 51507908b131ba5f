package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/data/datatest"
)

// noticeCity is a city database holding two counties' demo records (two
// years up to today), copied over as an import does, and a service on it
// whose clock says today. 海港区's last file came on 2026-11-01, 山海关区
// sent none. Each test gets a database of its own, restored from a backup
// made when the first test asked for that day: building one takes seconds.
func noticeCity(t *testing.T, today app.Date) (*app.Service, *datatest.Store) {
	t.Helper()
	city := datatest.New(t)
	path := filepath.Join(datatest.TempDir(t), "市工信局 备份.db")
	if err := os.WriteFile(path, cityBackup(t, today), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := city.Restore(context.Background(), path); err != nil {
		t.Fatalf("restore the city: %v", err)
	}
	at := noticeAt(today)
	svc := &app.Service{Store: city, Operator: "市工信局", Now: func() time.Time { return at }}
	return svc, city
}

// noticeAt is 9:00 in Beijing on day d.
func noticeAt(d app.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// cityBackups holds, for each day, the backup file of the city database
// that buildCity made for it.
var cityBackups = struct {
	sync.Mutex
	files map[app.Date][]byte
}{files: map[app.Date][]byte{}}

// cityBackup is the backup of the city database of day today, built the
// first time it is asked for.
func cityBackup(t *testing.T, today app.Date) []byte {
	t.Helper()
	cityBackups.Lock()
	defer cityBackups.Unlock()
	if b, ok := cityBackups.files[today]; ok {
		return b
	}
	city := buildCity(t, today)
	path := filepath.Join(datatest.TempDir(t), "备份.db")
	if err := city.Backup(context.Background(), path); err != nil {
		t.Fatalf("back up the city: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cityBackups.files[today] = b
	return b
}

// buildCity fills two counties' databases with demo records and imports
// their change logs into a new city database.
func buildCity(t *testing.T, today app.Date) *datatest.Store {
	t.Helper()
	ctx := context.Background()
	at := noticeAt(today)
	city := datatest.NewSetUp(t, app.Office{Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity})
	for i, code := range []string{"130302", "130303"} {
		o, _ := app.LookupOffice(code)
		st := datatest.NewSetUp(t, o.Office)
		if _, err := demo.Fill(ctx, st, app.Op{Operator: "张三", At: at}, demo.Options{Today: today, Years: 2, Seed: int64(i + 1)}); err != nil {
			t.Fatal(err)
		}
		cs, _, err := st.Changes(ctx, code, 0)
		if err != nil {
			t.Fatal(err)
		}
		err = city.Update(ctx, app.Op{Operator: "导入", At: at}, func(tx app.Tx) error {
			for _, c := range cs {
				if err := tx.Put(c); err != nil {
					return err
				}
			}
			if code == "130302" {
				return tx.LogSync(&app.SyncEntry{Direction: app.SyncImport, File: "a.wgy", Hash: "h", Peer: code,
					At: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), Outcome: app.SyncOK})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return city
}

// Every figure of the notice, for a month, a quarter, a whole year and
// the month still running, equals a count made here directly from the
// records; settling is read from the problems' timelines rather than
// their closing dates.
func TestNoticeFigures(t *testing.T) {
	today := app.D(2026, 11, 20)
	svc, city := noticeCity(t, today)
	ctx := context.Background()
	for _, ps := range []string{"2026-03", "2026Q2", "2025", "2026-11"} {
		p, err := app.ParsePeriod(ps)
		if err != nil {
			t.Fatal(err)
		}
		n, err := svc.Notice(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		end := p.To()
		if today.Before(end) {
			end = today
		}
		if n.End != end {
			t.Errorf("%s: end %s, want %s", ps, n.End, end)
		}
		in := func(d app.Date) bool { return !d.Before(p.From()) && !d.After(end) }
		counties := 0
		for _, r := range n.Rows {
			if r.Office != "130302" && r.Office != "130303" {
				if r.Visits != 0 || r.Raised != 0 || r.Leaders != 0 || !r.Stale {
					t.Errorf("%s: %s has no records but %+v", ps, r.Office, r)
				}
				// No meeting held: every period over by the end is required.
				if want := directRow(t, city, r.Office, in, end, today); r.MeetingsHeld != [3]int{} || r.MeetingsRequired != want.MeetingsRequired {
					t.Errorf("%s: %s held none, meetings %v of %v, want 0 of %v", ps, r.Office, r.MeetingsHeld, r.MeetingsRequired, want.MeetingsRequired)
				}
				continue
			}
			counties++
			want := directRow(t, city, r.Office, in, end, today)
			if r.Leaders != want.Leaders || r.Enterprises != want.Enterprises || r.Visits != want.Visits {
				t.Errorf("%s %s: leaders %d enterprises %d visits %d, want %d %d %d", ps, r.Office,
					r.Leaders, r.Enterprises, r.Visits, want.Leaders, want.Enterprises, want.Visits)
			}
			if r.Raised != want.Raised || r.Settled != want.Settled || r.Open != want.Open || r.Overdue != want.Overdue ||
				r.SettleRate != want.SettleRate || r.FollowedUp != want.FollowedUp || r.Satisfied != want.Satisfied {
				t.Errorf("%s %s: problems %+v\nwant %+v", ps, r.Office, r, want)
			}
			if r.MeetingsHeld != want.MeetingsHeld || r.MeetingsRequired != want.MeetingsRequired {
				t.Errorf("%s %s: meetings %v of %v, want %v of %v", ps, r.Office, r.MeetingsHeld, r.MeetingsRequired,
					want.MeetingsHeld, want.MeetingsRequired)
			}
			if r.FinancingNeeds != want.FinancingNeeds || r.Lent != want.Lent || r.LoansPaid != want.LoansPaid || r.LoansRepaid != want.LoansRepaid {
				t.Errorf("%s %s: financing %d %v loans %d %d, want %d %v %d %d", ps, r.Office, r.FinancingNeeds, r.Lent,
					r.LoansPaid, r.LoansRepaid, want.FinancingNeeds, want.Lent, want.LoansPaid, want.LoansRepaid)
			}
			if r.Visits == 0 || r.Raised == 0 {
				t.Errorf("%s %s: the demo gives nothing to count: %+v", ps, r.Office, r)
			}
			stale := r.Office == "130303" || end.After(app.D(2026, 11, 1))
			if r.Stale != stale {
				t.Errorf("%s %s: stale %v, want %v (last file %v)", ps, r.Office, r.Stale, stale, r.LastImport)
			}
		}
		if counties != 2 || len(n.Rows) != 9 {
			t.Errorf("%s: %d rows, %d of them the two counties", ps, len(n.Rows), counties)
		}
		ranks := map[int]bool{}
		for _, r := range n.Rows {
			ranks[r.Rank] = true
		}
		if len(ranks) != len(n.Rows) || ranks[0] {
			t.Errorf("%s: ranks %v", ps, ranks)
		}
		if p.Month == 0 && p.Quarter == 0 { // a whole past year: 4 round tables, 12 on-site meetings, 4 matchmakings required
			for _, r := range n.Rows[:2] {
				if r.MeetingsRequired != [3]int{4, 12, 4} {
					t.Errorf("%s %s: required %v", ps, r.Office, r.MeetingsRequired)
				}
			}
		}
	}
}

// directRow counts one office's figures straight from the records.
func directRow(t *testing.T, st *datatest.Store, office string, in func(app.Date) bool, end, today app.Date) app.NoticeRow {
	t.Helper()
	ctx := context.Background()
	r := app.NoticeRow{Office: office}
	es, _ := st.Enterprises(ctx, app.EnterpriseFilter{Office: office})
	as, _ := st.Assignments(ctx, app.AssignmentFilter{Office: office})
	leaders, ents := map[string]bool{}, map[string]bool{}
	for _, a := range as {
		for d := a.From; !d.After(end) && (a.To.IsZero() || !d.After(a.To)); d = d.AddDays(1) {
			if in(d) { // some day of the period in force
				leaders[a.LeaderID] = true
				for _, e := range es {
					if e.ID == a.EnterpriseID {
						ents[e.ID] = true
					}
				}
				break
			}
		}
	}
	r.Leaders, r.Enterprises = len(leaders), len(ents)
	vs, _ := st.Visits(ctx, app.VisitFilter{Office: office})
	for _, v := range vs {
		if in(v.Date) {
			r.Visits++
		}
	}
	ps, _ := st.Problems(ctx, app.ProblemFilter{Office: office})
	var upToEnd, settledByEnd int
	for _, p := range ps {
		evs, err := st.Events(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Settled on the day of the last step into a settled status,
		// unless a later step (a follow-up the enterprise was not
		// satisfied with) took it back to being worked on.
		var settledOn app.Date
		for _, e := range evs {
			switch {
			case e.Status.Open():
				settledOn = app.Date{}
			case e.Kind == app.ActFinish || e.Kind == app.ActOnSpot || e.Kind == app.ActExplain:
				settledOn = e.Date
			}
		}
		if in(p.Registered) {
			r.Raised++
		}
		if !settledOn.IsZero() && in(settledOn) {
			r.Settled++
			if p.Satisfaction != "" {
				r.FollowedUp++
			}
			if p.Satisfaction == "满意" {
				r.Satisfied++
			}
		}
		if p.Registered.After(end) {
			continue
		}
		upToEnd++
		if !settledOn.IsZero() && !settledOn.After(end) {
			settledByEnd++
		} else {
			r.Open++
			if !p.Deadline.IsZero() && p.Deadline.Before(end) {
				r.Overdue++
			}
		}
	}
	if upToEnd > 0 {
		r.SettleRate = float64(settledByEnd) / float64(upToEnd)
	}
	ms, _ := st.Meetings(ctx, app.MeetingFilter{Office: office})
	for k, kind := range app.MeetingKinds {
		months := 3
		if kind == app.MeetingOnSite {
			months = 1
		}
		held := map[string]bool{}
		for _, m := range ms {
			if m.Kind == kind && !m.Date.After(end) {
				held[fmt.Sprint(app.PeriodStart(m.Date, months))] = true
			}
		}
		for d := app.D(2024, 1, 1); !d.After(end); d = d.AddMonths(months) {
			last := d.AddMonths(months).AddDays(-1)
			if !in(d) {
				continue
			}
			switch {
			case held[fmt.Sprint(d)]:
				r.MeetingsHeld[k]++
				r.MeetingsRequired[k]++
			case last.Before(end), last == end && end.Before(today):
				r.MeetingsRequired[k]++
			}
		}
	}
	ns, _ := st.FinancingNeeds(ctx, app.FinancingFilter{Office: office})
	for _, x := range ns {
		if in(x.Date) {
			r.FinancingNeeds++
		}
		if !x.LentOn.IsZero() && in(x.LentOn) {
			r.Lent += x.Lent
		}
	}
	ls, _ := st.BridgeLoans(ctx, app.LoanFilter{Office: office})
	for _, l := range ls {
		if !l.PaidOn.IsZero() && in(l.PaidOn) {
			r.LoansPaid++
		}
		if !l.RepaidOn.IsZero() && in(l.RepaidOn) {
			r.LoansRepaid++
		}
	}
	return r
}

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in       string
		from, to app.Date
		label    string
	}{
		{"2026-03", app.D(2026, 3, 1), app.D(2026, 3, 31), "2026年3月"},
		{"2026-2", app.D(2026, 2, 1), app.D(2026, 2, 28), "2026年2月"},
		{"2026Q1", app.D(2026, 1, 1), app.D(2026, 3, 31), "2026年第1季度"},
		{"2025q4", app.D(2025, 10, 1), app.D(2025, 12, 31), "2025年第4季度"},
		{"2026", app.D(2026, 1, 1), app.D(2026, 12, 31), "2026年"},
	} {
		p, err := app.ParsePeriod(tc.in)
		if err != nil || p.From() != tc.from || p.To() != tc.to || p.Label() != tc.label {
			t.Errorf("%s: %v %s %s %s", tc.in, err, p.From(), p.To(), p.Label())
		}
	}
	for _, bad := range []string{"", "2026-13", "2026-00", "2026Q5", "26-03", "2026年3月", "2026-03-01"} {
		if _, err := app.ParsePeriod(bad); err == nil {
			t.Errorf("%q was taken", bad)
		}
	}
}

// The monthly trend adds up each month's notice over the counties.
func TestTrend(t *testing.T) {
	today := app.D(2026, 11, 20)
	svc, _ := noticeCity(t, today)
	ctx := context.Background()
	points, err := svc.Trend(ctx, 2026, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(points) != 11 {
		t.Fatalf("%d months up to 20 November", len(points))
	}
	for _, pt := range points {
		n, err := svc.Notice(ctx, app.NoticePeriod{Year: 2026, Month: pt.Month})
		if err != nil {
			t.Fatal(err)
		}
		var raised, settled, overdue int
		for _, r := range n.Rows {
			raised, settled, overdue = raised+r.Raised, settled+r.Settled, overdue+r.Overdue
		}
		if pt.Raised != raised || pt.Settled != settled || pt.Overdue != overdue || raised == 0 {
			t.Errorf("month %d: trend %d %d %d, notices %d %d %d", pt.Month, pt.Raised, pt.Settled, pt.Overdue, raised, settled, overdue)
		}
	}
	if ps, err := svc.Trend(ctx, 2027, today); err != nil || len(ps) != 0 {
		t.Errorf("a year to come: %v %v", ps, err)
	}
	if ps, err := svc.Trend(ctx, 2025, today); err != nil || len(ps) != 12 {
		t.Errorf("a past year: %d months, %v", len(ps), err)
	}
}
