package data

import (
	"context"
	"fmt"
	"strings"

	"wugeyi/app"
)

// Dashboard gathers what the 工作台 shows on day today, for the records of
// office, or of every office in this database when office is "".
func (r reader) Dashboard(ctx context.Context, today app.Date, s app.Settings, office string) (app.Dashboard, error) {
	d := app.Dashboard{Today: today, PeriodStart: app.PeriodStart(today, s.VisitIntervalMonths)}
	t := today.String()
	// problems is the live problems of office that meet cond.
	problems := func(what, cond, order string, args ...any) ([]app.Problem, error) {
		var w where
		w.add("p.deleted = 0 AND "+cond, args...)
		w.eq("p.office", office)
		l, err := queryList(ctx, r.q, problemRow, problemSelect+w.sql()+order, w.args...)
		if err != nil {
			return nil, fmt.Errorf("dashboard: %s: %w", what, err)
		}
		return l, nil
	}
	var err error
	// A deadline on a rest day is due the next working day: it is overdue
	// once before the day after the last working day before today.
	cut := s.Calendar.OverdueBefore(today).String()
	if d.Overdue, err = problems("overdue", "p.status IN "+openStatuses+" AND p.deadline <> '' AND p.deadline < ?",
		" ORDER BY p.deadline, p.number", cut); err != nil {
		return d, err
	}
	if d.DueSoon, err = problems("due soon", "p.status IN "+openStatuses+" AND p.deadline >= ? AND p.deadline <= ?",
		" ORDER BY p.deadline, p.number", cut, today.AddDays(s.DueSoonDays).String()); err != nil {
		return d, err
	}
	// A problem still 登记 is late once registered + AssignWithinDays working
	// days is before today; registered days that are late form a prefix of
	// the calendar, so find its last day and let the index do the rest.
	last := lastLateRegistration(s.Calendar, today, s.AssignWithinDays)
	unassigned, err := problems("unassigned", "p.status = ? AND p.registered <> '' AND p.registered <= ?",
		" ORDER BY p.registered, p.number", string(app.StatusRegistered), last.String())
	if err != nil {
		return d, err
	}
	for _, p := range unassigned {
		if s.Calendar.AddWorkingDays(p.Registered, s.AssignWithinDays).Before(today) {
			d.Unassigned = append(d.Unassigned, p)
		}
	}
	// Only a visit of a mode that counts as a 走访 (app.Settings.CountedModes)
	// takes an assignment off the list.
	modes := s.CountedModes()
	args := []any{t, t, d.PeriodStart.String()}
	for _, m := range modes {
		args = append(args, m)
	}
	var w where
	w.add("a.deleted = 0 AND l.deleted = 0 AND e.deleted = 0 AND a.date_from <= ? AND (a.date_to = '' OR a.date_to >= ?)"+
		" AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.leader_id = a.leader_id AND v.enterprise_id = a.enterprise_id"+
		" AND v.date >= ? AND v.deleted = 0 AND v.mode IN (?"+strings.Repeat(", ?", len(modes)-1)+"))", args...)
	w.eq("a.office", office)
	if d.Unvisited, err = queryList(ctx, r.q, assignmentRow, assignmentSelect+w.sql()+assignmentOrder, w.args...); err != nil {
		return d, fmt.Errorf("dashboard: unvisited: %w", err)
	}
	w = where{}
	w.add("l.deleted = 0 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.leader_id = l.id AND a.deleted = 0"+
		" AND a.date_from <= ? AND (a.date_to = '' OR a.date_to >= ?))", t, t)
	w.eq("l.office", office)
	if d.IdleLeaders, err = queryList(ctx, r.q, leaderDest, leaderSelect+w.sql()+leaderOrder, w.args...); err != nil {
		return d, fmt.Errorf("dashboard: idle leaders: %w", err)
	}
	w = where{}
	w.add("deleted = 0 AND status IN " + openStatuses)
	w.eq("office", office)
	if err := r.q.QueryRowContext(ctx, "SELECT count(*) FROM problems"+w.sql(), w.args...).Scan(&d.OpenCount); err != nil {
		return d, fmt.Errorf("dashboard: open count: %w", err)
	}
	return d, nil
}

// lastLateRegistration is the last registration day r for which
// cal.AddWorkingDays(r, days) is before today. AddWorkingDays never goes
// backwards as r grows, so every earlier day is late too.
func lastLateRegistration(cal app.Calendar, today app.Date, days int) app.Date {
	r := today.AddDays(-1)
	for i := 0; i < 400 && !cal.AddWorkingDays(r, days).Before(today); i++ {
		r = r.AddDays(-1)
	}
	return r
}

// Stats counts the live records of every office in this database.
// Overdue problems and the count of holidays follow the office's calendar
// (Settings.Calendar).
func (r reader) Stats(ctx context.Context, today app.Date) (app.Stats, error) {
	var s app.Stats
	st, err := r.Settings(ctx)
	if err != nil {
		return s, fmt.Errorf("count records: %w", err)
	}
	s.Holidays = st.Calendar.Holidays()
	err = r.q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM enterprises WHERE deleted = 0),
		(SELECT count(*) FROM leaders WHERE deleted = 0),
		(SELECT count(*) FROM assignments WHERE deleted = 0),
		(SELECT count(*) FROM visits WHERE deleted = 0),
		(SELECT count(*) FROM problems WHERE deleted = 0),
		(SELECT count(*) FROM problems WHERE deleted = 0 AND status IN `+openStatuses+`),
		(SELECT count(*) FROM problems WHERE deleted = 0 AND status IN `+openStatuses+` AND deadline <> '' AND deadline < ?),
		(SELECT count(*) FROM meetings WHERE deleted = 0 AND state = '' AND kind = ?),
		(SELECT count(*) FROM meetings WHERE deleted = 0 AND state = '' AND kind = ?),
		(SELECT count(*) FROM meetings WHERE deleted = 0 AND state = '' AND kind = ?),
		(SELECT count(*) FROM financing_needs WHERE deleted = 0),
		(SELECT count(*) FROM bridge_loans WHERE deleted = 0),
		(SELECT count(*) FROM comments WHERE deleted = 0),
		(SELECT count(*) FROM bridge_loans WHERE deleted = 0 AND city_fund = 1),
		(SELECT count(*) FROM notices WHERE deleted = 0),
		(SELECT count(*) FROM assessments WHERE deleted = 0),
		(SELECT count(*) FROM sync_log WHERE direction = ? AND outcome = ?)`,
		st.Calendar.OverdueBefore(today).String(), string(app.MeetingRoundtable), string(app.MeetingOnSite), string(app.MeetingBank),
		string(app.SyncImport), app.SyncOK).
		Scan(&s.Enterprises, &s.Leaders, &s.Assignments, &s.Visits, &s.Problems, &s.ProblemsOpen, &s.ProblemsOverdue,
			&s.MeetingsRoundtable, &s.MeetingsOnsite, &s.MeetingsBank, &s.FinancingNeeds, &s.BridgeLoans, &s.Comments, &s.LoanApplications, &s.Notices, &s.Assessments, &s.Imports)
	if err != nil {
		return s, fmt.Errorf("count records: %w", err)
	}
	if err := r.q.QueryRowContext(ctx, "SELECT count(*) FROM meetings WHERE deleted = 0 AND state = ?", app.MeetingPlanned).Scan(&s.MeetingsPlanned); err != nil {
		return s, fmt.Errorf("count planned meetings: %w", err)
	}
	if err := r.q.QueryRowContext(ctx, "SELECT count(*) FROM departments WHERE deleted = 0").Scan(&s.Departments); err != nil {
		return s, fmt.Errorf("count departments: %w", err)
	}
	if err := r.q.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE status IN `+openStatuses+`)
		FROM problems WHERE deleted = 0 AND source = ?`, app.SourceDecision).Scan(&s.Decisions, &s.DecisionsOpen); err != nil {
		return s, fmt.Errorf("count decisions: %w", err)
	}
	offices := map[string]bool{}
	if o, err := r.Office(ctx); err == nil {
		offices[o.Code] = true
	}
	for _, t := range app.SyncedTables {
		// Skip from one office to the next along the (office, deleted)
		// index instead of reading every row.
		list, err := queryPlain(ctx, r.q, func(s *string) []any { return []any{s} }, `WITH RECURSIVE o(x) AS (
			SELECT (SELECT min(office) FROM `+string(t)+` WHERE deleted = 0)
			UNION ALL
			SELECT (SELECT min(office) FROM `+string(t)+` WHERE office > o.x AND deleted = 0) FROM o WHERE o.x IS NOT NULL)
			SELECT x FROM o WHERE x IS NOT NULL`)
		if err != nil {
			return s, fmt.Errorf("count offices of %s: %w", t, err)
		}
		for _, o := range list {
			offices[o] = true
		}
	}
	s.Offices = len(offices)
	return s, nil
}
