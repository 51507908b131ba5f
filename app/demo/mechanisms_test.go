package demo_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// checkMeetings checks the meetings of every kind: valid, numbered per kind
// and year in date order, chaired by the office's leaders, and linked to
// the problems raised at them; this year shows a missed month and quarter
// (or, early in the year, ones not yet held).
func checkMeetings(t *testing.T, db *data.DB, years int, ps []app.Problem, leaders []app.Leader) {
	t.Helper()
	ctx := context.Background()
	start := today.AddMonths(-12 * years)
	decided := map[bool]int{} // decisions followed up as problems of their own: open or settled
	checkPlanned(t, db)
	ms, err := db.Meetings(ctx, app.MeetingFilter{HeldOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	chairs := map[string]bool{}
	for _, l := range leaders {
		chairs[l.Post+l.Name] = true
	}
	ents, err := db.Enterprises(ctx, app.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	entName := map[string]string{}
	for _, e := range ents {
		entName[e.ID] = e.Name
	}
	byID := map[string]app.Meeting{}
	kinds := map[app.MeetingKind]int{}
	formats := map[string]int{}
	groups := map[string]int{}
	attendeeKinds := map[string]int{}
	type kindYear struct {
		k app.MeetingKind
		y int
	}
	numbered := map[kindYear][]app.Meeting{}
	for _, m := range ms {
		byID[m.ID] = m
		kinds[m.Kind]++
		formats[m.Format]++
		if err := m.Validate(today); err != nil {
			t.Errorf("%s: %v", m.Title(), err)
		}
		if m.Date.Before(start) || m.Date.After(today) {
			t.Errorf("%s on %s, outside %s–%s", m.Title(), m.Date, start, today)
		}
		if !chairs[m.Chair] {
			t.Errorf("%s chaired by %q, not one of the office's leaders", m.Title(), m.Chair)
		}
		if m.Place == "" || m.Agenda == "" || !strings.Contains(m.Minutes, m.Title()) || len(m.Decisions) == 0 {
			t.Errorf("%s lacks place, agenda, minutes or decisions: %+v", m.Title(), m)
		}
		for _, d := range m.Decisions {
			if d.Text == "" || d.Unit == "" || d.Deadline.Before(m.Date) || strings.Contains(d.Unit+d.Text, "X") {
				t.Errorf("%s: decision %+v", m.Title(), d)
			}
			// Followed up in the ledger: by the problem raised at the
			// meeting it settles, or one of its own 交办 to its unit.
			p, err := db.Problem(ctx, d.ProblemID)
			if err != nil || p.SourceID != m.ID || p.LeadDept != d.Unit ||
				p.Source == app.SourceDecision && (p.Description != d.Text || !p.Deadline.Equal(d.Deadline)) {
				t.Errorf("%s: decision %q followed up by %+v, %v", m.Title(), d.Text, p, err)
			} else if p.Source == app.SourceDecision {
				decided[p.Status.Open()]++
			}
		}
		var banks, present int
		for _, a := range m.Attendees {
			groups[a.Group]++
			attendeeKinds[a.Kind]++
			if a.Kind == "银行" && a.Group == app.Present {
				banks++
			}
			if a.Group == app.Present {
				present++
			}
		}
		if !slices.Contains(m.Attendees, app.Attendee{Group: app.Present, Kind: "领导", Name: m.Chair}) {
			t.Errorf("%s: the chair %s is not among those present", m.Title(), m.Chair)
		}
		switch m.Kind {
		case app.MeetingOnSite:
			if name, ok := entName[m.EnterpriseID]; !ok || !strings.HasPrefix(m.Place, name) {
				t.Errorf("%s at %q, enterprise %q", m.Title(), m.Place, m.EnterpriseID)
			}
		case app.MeetingBank:
			if banks < 3 {
				t.Errorf("%s: %d banks present", m.Title(), banks)
			}
		}
		key := kindYear{m.Kind, m.Date.Year()}
		numbered[key] = append(numbered[key], m)
	}
	for _, k := range app.MeetingKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s (%v)", k, kinds)
		}
		if years >= 3 {
			for _, f := range k.Formats() {
				if formats[f] == 0 {
					t.Errorf("no %s in the form of %s (%v)", k, f, formats)
				}
			}
		}
	}
	// Most decisions are settled by now, the latest still being worked on.
	if decided[false] == 0 || decided[true] == 0 || decided[true] > decided[false] {
		t.Errorf("decisions followed up: %d settled, %d open; want both, most settled", decided[false], decided[true])
	}
	for _, g := range app.AttendanceGroups {
		if groups[g] == 0 {
			t.Errorf("no attendee %s (%v)", g, groups)
		}
	}
	for _, k := range app.AttendeeKinds {
		if attendeeKinds[k] == 0 {
			t.Errorf("no attendee of kind %s (%v)", k, attendeeKinds)
		}
	}
	// Numbered 1, 2, 3 … per kind and year, in date order, as SaveMeeting
	// numbers meetings typed in in order.
	for key, list := range numbered {
		slices.SortFunc(list, func(a, b app.Meeting) int {
			if c := b.Date.DaysUntil(a.Date); c != 0 {
				return c
			}
			return a.Seq - b.Seq
		})
		for i, m := range list {
			if m.Seq != i+1 {
				t.Errorf("%v: meeting of %s numbered %d, want %d", key, m.Date, m.Seq, i+1)
			}
		}
	}
	// The meetings of each kind per month or quarter: all but a few held.
	cal := app.MeetingCalendar(today.Year(), ms, today, app.Date{})
	states := map[app.MeetingKind]map[app.PeriodState]int{}
	for _, k := range app.MeetingKinds {
		states[k] = map[app.PeriodState]int{}
		for _, p := range cal[k] {
			states[k][p.State]++
		}
	}
	if today.Month() > 1 && states[app.MeetingOnSite][app.PeriodMissing] == 0 {
		t.Errorf("no on-site month of this year missed: %v", states[app.MeetingOnSite])
	}
	if today.Month() == 1 && states[app.MeetingOnSite][app.PeriodDue] == 0 {
		t.Errorf("this month's on-site meeting held in January: %v", states[app.MeetingOnSite])
	}
	missedQ := states[app.MeetingRoundtable][app.PeriodMissing] + states[app.MeetingBank][app.PeriodMissing]
	dueQ := states[app.MeetingRoundtable][app.PeriodDue] + states[app.MeetingBank][app.PeriodDue]
	if (today.Quarter() > 1 && missedQ == 0) || (today.Quarter() == 1 && dueQ == 0) {
		t.Errorf("no quarter of this year missed or due: round tables %v, bank %v", states[app.MeetingRoundtable], states[app.MeetingBank])
	}
	t.Logf("meetings %v; formats %v; attendees %v %v; this year %v", kinds, formats, groups, attendeeKinds, states)

	// Every problem of a meeting source was raised at a meeting of that
	// kind, on its day, by an enterprise there; on-site ones were settled
	// there, in one of the three ways.
	raised := map[app.MeetingKind]int{}
	for _, p := range ps {
		k, ok := kindOfSource(p.Source)
		if !ok {
			continue
		}
		m, found := byID[p.SourceID]
		if !found || m.Kind != k || !m.Date.Equal(p.Registered) {
			t.Errorf("problem %s (%s) raised at %q: meeting %+v does not match", p.Number, p.Source, p.SourceID, m)
			continue
		}
		raised[k]++
		name := entName[p.EnterpriseID]
		if !slices.Contains(m.Attendees, app.Attendee{Group: app.Present, Kind: "企业", Name: name}) {
			t.Errorf("problem %s of %s raised at %s, where the enterprise was not present", p.Number, name, m.Title())
		}
		if !strings.Contains(m.Minutes, p.Description) {
			t.Errorf("problem %s: the minutes of %s do not mention it", p.Number, m.Title())
		}
		if k != app.MeetingOnSite {
			continue
		}
		evs, err := db.Events(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) < 2 || !evs[1].Date.Equal(p.Registered) ||
			!slices.Contains([]app.ActionKind{app.ActAssign, app.ActOnSpot, app.ActExplain}, evs[1].Kind) {
			t.Errorf("problem %s raised at %s not settled there: %+v", p.Number, m.Title(), evs)
		}
	}
	for _, k := range app.MeetingKinds {
		if raised[k] == 0 {
			t.Errorf("no problem raised at a %s (%v)", k, raised)
		}
	}
}

func kindOfSource(source string) (app.MeetingKind, bool) {
	for _, k := range app.MeetingKinds {
		if k.Source() == source {
			return k, true
		}
	}
	return "", false
}

// wholeWan reports whether every amount is a whole number of 万元.
func wholeWan(ys ...app.Yuan) bool {
	for _, y := range ys {
		if y%10_000 != 0 {
			return false
		}
	}
	return true
}

// checkFinancing checks that the financing needs were gathered for bank
// meetings, recommended to banks there, and answered in every way.
func checkFinancing(t *testing.T, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	ns, err := db.FinancingNeeds(ctx, app.FinancingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, n := range ns {
		status[n.Status]++
		if err := n.Validate(); err != nil {
			t.Errorf("need %+v: %v", n, err)
		}
		if !wholeWan(n.Amount, n.Credit, n.Lent) || n.EnterpriseName == "" || n.Use == "" {
			t.Errorf("need %+v: amounts not in whole 万元, or no enterprise or use", n)
		}
		m, err := db.Meeting(ctx, n.MeetingID)
		if err != nil || m.Kind != app.MeetingBank || n.Date.After(m.Date) {
			t.Errorf("need %+v of meeting %+v (%v)", n, m, err)
			continue
		}
		if !slices.Contains(m.Attendees, app.Attendee{Group: app.Present, Kind: "银行", Name: n.Bank}) {
			t.Errorf("need recommended to %s, not at %s", n.Bank, m.Title())
		}
		if !slices.Contains(m.Attendees, app.Attendee{Group: app.Present, Kind: "企业", Name: n.EnterpriseName}) {
			t.Errorf("need of %s, not at %s", n.EnterpriseName, m.Title())
		}
		if n.Status == app.NeedLent && (n.LentOn.Before(m.Date) || n.LentOn.After(today)) {
			t.Errorf("need lent on %s, meeting %s", n.LentOn, m.Date)
		}
	}
	for _, s := range app.NeedStatuses {
		if status[s] == 0 {
			t.Errorf("no financing need %s (%v)", s, status)
		}
	}
	t.Logf("%d financing needs: %v", len(ns), status)
}

// checkLoans checks that every bridge loan is what the workflow makes, in
// every status, that the fund never held more than it has at any day, and
// that no enterprise used it more often in a year than the settings allow.
func checkLoans(t *testing.T, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loans, err := db.BridgeLoans(ctx, app.LoanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if st.FundSize <= 0 {
		checkApplications(t, st, loans)
		return
	}
	status := map[app.LoanStatus]int{}
	overdue := 0
	type entYear struct {
		ent  string
		year int
	}
	uses := map[entYear]int{}
	for _, l := range loans {
		status[l.Status]++
		if l.Overdue(today) {
			overdue++
		}
		if err := l.Validate(); err != nil {
			t.Errorf("loan %+v: %v", l, err)
		}
		if !wholeWan(l.Original, l.Applied, l.Approved) || l.EnterpriseName == "" || l.AppliedOn.After(today) {
			t.Errorf("loan %+v: amounts not in whole 万元, no enterprise or applied after today", l)
		}
		if !l.PaidOn.IsZero() {
			uses[entYear{l.EnterpriseID, l.PaidOn.Year()}]++
		}
		for _, d := range []app.Date{l.ApprovedOn, l.PaidOn, l.RepaidOn} {
			if d.After(today) {
				t.Errorf("loan %+v: a step after today", l)
			}
		}
		// Replayed through the workflow from its application, it is what
		// is stored.
		q := app.BridgeLoan{Meta: l.Meta, EnterpriseID: l.EnterpriseID, Bank: l.Bank, Original: l.Original, OriginalDue: l.OriginalDue,
			Applied: l.Applied, AppliedOn: l.AppliedOn, Note: l.Note, Status: app.LoanApplied, EnterpriseName: l.EnterpriseName,
			EnterpriseCode: l.EnterpriseCode}
		rules := app.LoanRules{MaxDays: st.LoanMaxDays, Free: st.FundSize}
		var steps []app.LoanAction
		if l.Status != app.LoanApplied {
			on := l.AppliedOn
			if !l.ApprovedOn.IsZero() {
				on = l.ApprovedOn
			}
			steps = append(steps, app.LoanAction{Kind: app.LoanActReview, Date: on, Conditions: l.Conditions, Commitment: l.Commitment})
		}
		if !l.ApprovedOn.IsZero() {
			steps = append(steps, app.LoanAction{Kind: app.LoanActApprove, Date: l.ApprovedOn, Amount: l.Approved})
		}
		if !l.PaidOn.IsZero() {
			steps = append(steps, app.LoanAction{Kind: app.LoanActPay, Date: l.PaidOn, DueBack: l.DueBack})
		}
		if !l.RepaidOn.IsZero() {
			steps = append(steps, app.LoanAction{Kind: app.LoanActRepay, Date: l.RepaidOn, Fee: l.Fee})
		}
		for _, a := range steps {
			if q, err = q.Apply(a, rules); err != nil {
				t.Fatalf("loan %+v: replay %s: %v", l, a.Kind, err)
			}
		}
		if len(q.Conditions) == 0 && len(l.Conditions) == 0 {
			q.Conditions = l.Conditions
		}
		if !reflect.DeepEqual(q, l) {
			t.Errorf("loan stored\n %+v\nreplayed\n %+v", l, q)
		}
	}
	for _, s := range app.LoanStatuses {
		if status[s] == 0 {
			t.Errorf("no bridge loan %s (%v)", s, status)
		}
	}
	if overdue == 0 {
		t.Error("no bridge loan overdue")
	}
	for k, n := range uses {
		if n > st.LoanUsesPerYear {
			t.Errorf("enterprise %s used the fund %d times in %d", k.ent, n, k.year)
		}
	}
	// At the end of every day an approval was made, the loans approved and
	// not yet repaid hold no more than the fund.
	for _, l := range loans {
		if l.ApprovedOn.IsZero() {
			continue
		}
		d := l.ApprovedOn
		var held app.Yuan
		for _, x := range loans {
			if !x.ApprovedOn.IsZero() && !x.ApprovedOn.After(d) && (x.RepaidOn.IsZero() || x.RepaidOn.After(d)) {
				held += x.Approved
			}
		}
		if held > st.FundSize {
			t.Errorf("on %s loans held %s of a fund of %s", d, held, st.FundSize)
		}
	}
	f := app.Fund(st.FundSize, loans)
	if f.Free < 0 {
		t.Errorf("fund %+v", f)
	}
	t.Logf("%d bridge loans: %v, %d overdue; fund %+v", len(loans), status, overdue, f)
}

// checkApplications checks the loans of a county without a fund of its
// own: each an application to the city fund as the window saves it, with
// the bank's commitment and a term the settings allow, and no step of
// its own.
func checkApplications(t *testing.T, st app.Settings, loans []app.BridgeLoan) {
	t.Helper()
	if len(loans) == 0 {
		t.Fatal("no applications to the city fund")
	}
	for _, l := range loans {
		if err := l.Validate(); err != nil || !l.CityFund || l.Status != app.LoanApplied || l.TermDays > st.LoanMaxDays ||
			l.Approved != 0 || !l.PaidOn.IsZero() || len(l.Conditions) != 0 || l.AppliedOn.After(today) || l.EnterpriseName == "" {
			t.Errorf("application %+v: %v", l, err)
		}
	}
}

// checkDashboard checks that the 工作台 shows the meetings missed or due
// and the overdue loans.
func checkDashboard(t *testing.T, db *data.DB) {
	t.Helper()
	svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "测试"}
	d, err := svc.Dashboard(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := svc.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A county without a fund of its own has only applications, which
	// the city decides: none overdue before the city's decisions.
	if len(d.Meetings) == 0 || (st.FundSize > 0) != (len(d.OverdueLoans) > 0) {
		t.Errorf("工作台: %d meetings, %d overdue loans; want some of each", len(d.Meetings), len(d.OverdueLoans))
	}
	for _, l := range d.OverdueLoans {
		if !l.Overdue(today) {
			t.Errorf("工作台 lists loan %+v as overdue", l)
		}
	}
}

// checkPlanned checks the meetings planned ahead: one for each period of
// this year's calendar still due (待召开) with more than three days left,
// after today and within its period, unnumbered, with a chair among its
// invitees and invitees of each kind it needs.
func checkPlanned(t *testing.T, db *data.DB) {
	t.Helper()
	ctx := context.Background()
	all, err := db.Meetings(ctx, app.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var held []app.Meeting
	plans := map[app.MeetingKind]app.Meeting{}
	for _, m := range all {
		switch m.State {
		case app.MeetingPlanned:
			plans[m.Kind] = m
		case "":
			held = append(held, m)
		default:
			t.Errorf("a demo meeting in state %q", m.State)
		}
	}
	cal := app.MeetingCalendar(today.Year(), held, today, app.Date{})
	for _, k := range app.MeetingKinds {
		var due *app.MeetingPeriod
		for _, p := range cal[k] {
			if p.State == app.PeriodDue && today.AddDays(3).Before(p.To) {
				due = &p
			}
		}
		m, ok := plans[k]
		switch {
		case due == nil && ok:
			t.Errorf("%s planned on %s with no period due", k, m.Date)
		case due == nil:
		case !ok:
			t.Errorf("%s due in %s, none planned", k, due.Label())
		case !m.Date.After(today) || m.Date.After(due.To) || m.Seq != 0 || m.Place == "":
			t.Errorf("%s planned on %s at %q (number %d), want after %s within %s", k, m.Date, m.Place, m.Seq, today, due.Label())
		default:
			kinds := map[string]bool{}
			for _, a := range m.Invitees {
				kinds[a.Kind] = true
			}
			if !kinds["领导"] || !kinds["部门"] || !kinds["企业"] || (k == app.MeetingBank) != kinds["银行"] || m.Invitees[0].Name != m.Chair {
				t.Errorf("%s planned on %s invites %+v, chaired by %s", k, m.Date, m.Invitees, m.Chair)
			}
		}
	}
}
