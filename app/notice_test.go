package app_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	for _, ps := range []string{"2026-03", "2026Q2", "2025", "2026-11"} {
		n := noticeOf(t, svc, ps)
		p := n.Period
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
			if r.Raised != want.Raised || r.Settled != want.Settled || r.SettledEarlier != want.SettledEarlier || r.Open != want.Open || r.Overdue != want.Overdue ||
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
		// At most 海港区 reported (a file on 1 November): fewer than 4, no ranks.
		for _, r := range n.Rows {
			if r.Rank != 0 || r.Reported() != (r.Office == "130302" && !r.Stale) {
				t.Errorf("%s %s: rank %d, reported %v (stale %v)", ps, r.Office, r.Rank, r.Reported(), r.Stale)
			}
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

// noticeOf is the notice of period ps (as ParsePeriod reads it) that svc
// computes.
func noticeOf(t *testing.T, svc *app.Service, ps string) app.Notice {
	t.Helper()
	p, err := app.ParsePeriod(ps)
	if err != nil {
		t.Fatal(err)
	}
	n, err := svc.Notice(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return n
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
		if in(v.Date) && v.Mode == "实地" { // a phone call or a meeting is a 联系, not a 走访
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
			if !in(p.Registered) {
				r.SettledEarlier++
			}
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
		{"2026Q1", app.D(2026, 1, 1), app.D(2026, 3, 31), "2026年第一季度"},
		{"2025q4", app.D(2025, 10, 1), app.D(2025, 12, 31), "2025年第四季度"},
		{"2026Q2", app.D(2026, 4, 1), app.D(2026, 6, 30), "2026年第二季度"},
		{"2026Q3", app.D(2026, 7, 1), app.D(2026, 9, 30), "2026年第三季度"},
		{"2026", app.D(2026, 1, 1), app.D(2026, 12, 31), "2026年全年"},
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

// A county reported for a period when a file of it was imported on or
// after the period's last counted day; only such counties are ranked,
// and only when at least four did. With 2 of 9 reporting nobody is ranked
// and the two come first; with all 9 the counties without a record (all
// zeros) rank below both that have records, and the notice names those
// two ahead and none of the seven, alike, behind.
func TestNoticeReporting(t *testing.T) {
	svc, city := noticeCity(t, app.D(2026, 11, 20))
	logImport(t, city, "130303", noticeAt(app.D(2026, 3, 31))) // on Q1's last day: in time for Q1, not for Q2
	notice := func(ps string) app.Notice { return noticeOf(t, svc, ps) }
	reported := func(n app.Notice) []string {
		var out []string
		for _, r := range n.Ranked() {
			if r.Reported() {
				out = append(out, r.Office)
			}
		}
		return out
	}
	q1 := notice("2026Q1")
	if got := reported(q1); !slices.Equal(got, []string{"130302", "130303"}) {
		t.Errorf("2026Q1: reported %v, want 海港区 and 山海关区", got)
	}
	if q1.Ranking() || q1.Published != (app.Date{}) {
		t.Errorf("2026Q1: 2 of 9 reported, yet ranking %v; published %v", q1.Ranking(), q1.Published)
	}
	if ahead, behind := q1.Ends(); len(ahead)+len(behind) != 0 {
		t.Errorf("2026Q1: names %v ahead, %v behind", ahead, behind)
	}
	rows := q1.Ranked()
	yes, no := q1.Reporting()
	if len(yes) != 2 || len(no) != 7 || rows[0].Office != "130302" || rows[1].Office != "130303" {
		t.Errorf("2026Q1: %d reported, %d not, first %s %s", len(yes), len(no), rows[0].Office, rows[1].Office)
	}
	for _, r := range rows {
		if r.Rank != 0 {
			t.Errorf("2026Q1: %s ranked %d", r.Office, r.Rank)
		}
	}
	if got := reported(notice("2026Q2")); !slices.Equal(got, []string{"130302"}) {
		t.Errorf("2026Q2: reported %v, want 海港区 only (山海关区's file came on 31 March)", got)
	}

	for _, o := range app.Offices[3:] {
		logImport(t, city, o.Code, noticeAt(app.D(2026, 11, 20)))
	}
	q1 = notice("2026Q1")
	if got := reported(q1); len(got) != 9 || !q1.Ranking() {
		t.Fatalf("all reported, yet %v, ranking %v", got, q1.Ranking())
	}
	rows = q1.Ranked()
	for i, r := range rows {
		if r.Rank != i+1 {
			t.Errorf("row %d ranks %d", i, r.Rank)
		}
		if i == 0 {
			continue
		}
		a := rows[i-1] // ahead of r: a higher rate, or as high with fewer overdue, or as few with more visits, or a lower code
		if !(a.SettleRate > r.SettleRate || a.SettleRate == r.SettleRate && (a.Overdue < r.Overdue ||
			a.Overdue == r.Overdue && (a.Visits > r.Visits || a.Visits == r.Visits && a.Office < r.Office))) {
			t.Errorf("%s (%d) ahead of %s (%d): %+v\n%+v", a.Office, a.Rank, r.Office, r.Rank, a, r)
		}
	}
	for _, r := range q1.Rows {
		if (r.Office == "130302" || r.Office == "130303") != (r.Rank <= 2) {
			t.Errorf("%s, rate %.3f, ranks %d", r.Office, r.SettleRate, r.Rank)
		}
	}
	// The 7 without a record tie (the code gives their ranks): the third is
	// not praised for a lower code, nor the last three blamed for a higher.
	ahead, behind := q1.Ends()
	if len(ahead) != 2 || len(behind) != 0 || ahead[0].Rank != 1 || ahead[1].Rank != 2 {
		t.Errorf("9 ranked, 7 of them alike: ahead %v, behind %v", ahead, behind)
	}
}

// The counties a ranking notice names at each end: none below 4 ranked,
// then (ranked−1)/2 up to 3, so that one at least is named neither way,
// fewer where the figures tie at the edge;
// a published notice of an older version, its every county ranked, is
// ranked again among those that reported.
func TestNoticeEnds(t *testing.T) {
	want := []int{0, 0, 0, 0, 1, 2, 2, 3, 3, 3} // named at each end, by the number of counties reporting
	for reporting := 0; reporting <= 9; reporting++ {
		pub := app.PublishedNotice{Period: "2026Q1", End: app.D(2026, 3, 31), Published: app.D(2026, 4, 10)}
		for i, o := range app.Offices[1:] {
			pub.Rows = append(pub.Rows, app.NoticeRow{Office: o.Code, SettleRate: float64(i) / 10, Rank: 9 - i, Stale: i >= reporting})
		}
		n, err := pub.Notice()
		if err != nil {
			t.Fatal(err)
		}
		ahead, behind := n.Ends()
		if len(ahead) != want[reporting] || len(behind) != want[reporting] || n.Ranking() != (reporting >= app.MinRanked) {
			t.Errorf("%d reporting: %d ahead, %d behind, ranking %v", reporting, len(ahead), len(behind), n.Ranking())
		}
		if n.Published != pub.Published {
			t.Errorf("published %v, want %v", n.Published, pub.Published)
		}
		for _, r := range n.Rows {
			switch {
			case r.Stale && r.Rank != 0, reporting >= app.MinRanked && !r.Stale && r.Rank == 0:
				t.Errorf("%d reporting: %s (stale %v) ranks %d", reporting, r.Office, r.Stale, r.Rank)
			}
		}
		if len(ahead) > 0 && (ahead[0].SettleRate < ahead[len(ahead)-1].SettleRate || ahead[0].Office != app.Offices[reporting].Code) {
			t.Errorf("%d reporting: first %s at %.1f", reporting, ahead[0].Office, ahead[0].SettleRate)
		}
		for _, a := range ahead {
			for _, b := range behind {
				if a.Office == b.Office {
					t.Errorf("%d reporting: %s named ahead and behind", reporting, a.Office)
				}
			}
		}
	}

	// Ties at the edges: rates .9 .8 .8 .8 .5 .2 .2 .1 .1 name the first
	// alone ahead (the third ties the fourth) and the last two behind.
	pub := app.PublishedNotice{Period: "2026Q1", End: app.D(2026, 3, 31), Published: app.D(2026, 4, 10)}
	for i, rate := range []float64{.9, .8, .8, .8, .5, .2, .2, .1, .1} {
		pub.Rows = append(pub.Rows, app.NoticeRow{Office: app.Offices[1+i].Code, SettleRate: rate})
	}
	n, err := pub.Notice()
	if err != nil {
		t.Fatal(err)
	}
	if ahead, behind := n.Ends(); len(ahead) != 1 || ahead[0].Office != "130302" || len(behind) != 2 ||
		behind[0].Office != "130371" || behind[1].Office != "130372" {
		t.Errorf("ties: ahead %v, behind %v", ahead, behind)
	}
}

// A published notice carries the day it was published and the ranks of
// the notice computed that day.
func TestPublishedNoticeDate(t *testing.T) {
	svc, city := noticeCity(t, app.D(2026, 11, 20))
	ctx := context.Background()
	for _, o := range app.Offices[2:] {
		logImport(t, city, o.Code, noticeAt(app.D(2026, 11, 20)))
	}
	p := app.NoticePeriod{Year: 2026, Quarter: 3}
	pub, err := svc.PublishNotice(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	n, err := pub.Notice()
	if err != nil {
		t.Fatal(err)
	}
	now, err := svc.Notice(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if n.Published != app.D(2026, 11, 20) || pub.Label != "2026年第三季度" || !now.Published.IsZero() || !n.Ranking() {
		t.Errorf("published %v as %q, computed now %v, ranking %v", n.Published, pub.Label, now.Published, n.Ranking())
	}
	for i := range n.Rows {
		if n.Rows[i].Rank != now.Rows[i].Rank || n.Rows[i].Rank == 0 {
			t.Errorf("%s: published rank %d, computed %d", n.Rows[i].Office, n.Rows[i].Rank, now.Rows[i].Rank)
		}
	}
}

func TestQuarterName(t *testing.T) {
	for q, want := range map[int]string{1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度", 5: "第5季度"} {
		if got := app.QuarterName(q); got != want {
			t.Errorf("quarter %d: %q, want %q", q, got, want)
		}
	}
}
