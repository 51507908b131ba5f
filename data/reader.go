package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"wugeyi/app"
)

// reader implements app.Reader over a querier: the read pool for *DB, the
// write transaction for a Tx.
type reader struct{ q querier }

// openStatuses is the SQL list of the statuses app.Status.Open accepts.
const openStatuses = "('登记', '交办', '办理中')"

// Office returns the office this database belongs to, or app.ErrNotSetUp.
func (r reader) Office(ctx context.Context) (app.Office, error) {
	var o app.Office
	err := r.q.QueryRowContext(ctx, "SELECT code, name, role FROM office WHERE id = 1").
		Scan(&o.Code, &o.Name, strCol[app.Role]{&o.Role})
	if errors.Is(err, sql.ErrNoRows) {
		return o, app.ErrNotSetUp
	}
	if err != nil {
		return o, fmt.Errorf("read office: %w", err)
	}
	return o, nil
}

// Settings returns the office's settings, or the defaults when none were
// saved.
func (r reader) Settings(ctx context.Context) (app.Settings, error) {
	s := app.DefaultSettings()
	var data string
	err := r.q.QueryRowContext(ctx, "SELECT data FROM settings WHERE id = 1").Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return s, r.calendar(ctx, &s)
	}
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &s); err != nil {
		return app.DefaultSettings(), fmt.Errorf("read settings: %w", err)
	}
	return s, r.calendar(ctx, &s)
}

// calendar gives s the office's calendar, made by app.NewCalendar from the
// years of holidays held here.
func (r reader) calendar(ctx context.Context, s *app.Settings) error {
	ys, err := r.CalendarYears(ctx)
	if err != nil || len(ys) == 0 {
		return err
	}
	o, err := r.Office(ctx)
	if err != nil && !errors.Is(err, app.ErrNotSetUp) {
		return fmt.Errorf("read settings: %w", err)
	}
	s.Calendar = app.NewCalendar(o.Code, ys)
	return nil
}

// one returns the single row of list or app.ErrNotFound.
func one[T any](list []T, err error, what, id string) (T, error) {
	var zero T
	if err != nil {
		return zero, fmt.Errorf("read %s %s: %w", what, id, err)
	}
	if len(list) == 0 {
		return zero, fmt.Errorf("read %s %s: %w", what, id, app.ErrNotFound)
	}
	return list[0], nil
}

// likeArg makes a LIKE pattern matching s anywhere, with \ as escape.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// where collects the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// eq adds "col = value" when value is set: an empty filter field matches all.
func (w *where) eq(col string, value string) {
	if value != "" {
		w.add(col+" = ?", value)
	}
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func limit(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d", n)
}

const enterpriseSelect = "SELECT " + "e.id, e.office, e.version, e.updated_at, e.updated_by, e.deleted, " +
	"e.credit_code, e.name, e.industry, e.categories, e.legal_rep, e.contact, e.phone, e.address FROM enterprises e"

// Enterprise returns the live enterprise with id.
func (r reader) Enterprise(ctx context.Context, id string) (app.Enterprise, error) {
	l, err := queryList(ctx, r.q, enterpriseDest, enterpriseSelect+" WHERE e.id = ? AND e.deleted = 0", id)
	return one(l, err, "enterprise", id)
}

// Enterprises lists live enterprises by name.
func (r reader) Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error) {
	var w where
	w.add("e.deleted = 0")
	w.eq("e.office", f.Office)
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likeArg(q)
		w.add(`(e.name LIKE ? ESCAPE '\' OR e.credit_code LIKE ? ESCAPE '\')`, p, strings.ToUpper(p))
	}
	l, err := queryList(ctx, r.q, enterpriseDest, enterpriseSelect+w.sql()+" ORDER BY e.name, e.id"+limit(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list enterprises: %w", err)
	}
	return l, nil
}

const leaderSelect = "SELECT l.id, l.office, l.version, l.updated_at, l.updated_by, l.deleted, " +
	"l.name, l.post, l.level, l.body, l.phone FROM leaders l"

const leaderOrder = " ORDER BY CASE l.level WHEN '市级' THEN 0 WHEN '县级' THEN 1 ELSE 2 END, l.name, l.id"

// Leader returns the live leader with id.
func (r reader) Leader(ctx context.Context, id string) (app.Leader, error) {
	l, err := queryList(ctx, r.q, leaderDest, leaderSelect+" WHERE l.id = ? AND l.deleted = 0", id)
	return one(l, err, "leader", id)
}

// Leaders lists live leaders by level (市级 first), then name.
func (r reader) Leaders(ctx context.Context, f app.LeaderFilter) ([]app.Leader, error) {
	var w where
	w.add("l.deleted = 0")
	w.eq("l.office", f.Office)
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likeArg(q)
		w.add(`(l.name LIKE ? ESCAPE '\' OR l.post LIKE ? ESCAPE '\')`, p, p)
	}
	l, err := queryList(ctx, r.q, leaderDest, leaderSelect+w.sql()+leaderOrder, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list leaders: %w", err)
	}
	return l, nil
}

const departmentSelect = "SELECT d.id, d.office, d.version, d.updated_at, d.updated_by, d.deleted, " +
	"d.name, d.short, d.contact, d.phone FROM departments d"

// Department returns the live department with id.
func (r reader) Department(ctx context.Context, id string) (app.Department, error) {
	l, err := queryList(ctx, r.q, departmentDest, departmentSelect+" WHERE d.id = ? AND d.deleted = 0", id)
	return one(l, err, "department", id)
}

// Departments lists live departments by office, then name.
func (r reader) Departments(ctx context.Context, f app.DepartmentFilter) ([]app.Department, error) {
	var w where
	w.add("d.deleted = 0")
	w.eq("d.office", f.Office)
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likeArg(q)
		w.add(`(d.name LIKE ? ESCAPE '\' OR d.short LIKE ? ESCAPE '\')`, p, p)
	}
	l, err := queryList(ctx, r.q, departmentDest, departmentSelect+w.sql()+" ORDER BY d.office, d.name, d.id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	return l, nil
}

const assignmentSelect = "SELECT a.id, a.office, a.version, a.updated_at, a.updated_by, a.deleted, " +
	"a.leader_id, a.enterprise_id, a.liaison, a.liaison_phone, a.lead_dept, a.support_depts, a.date_from, a.date_to, " +
	"COALESCE(l.name, ''), COALESCE(e.name, '') " +
	"FROM assignments a LEFT JOIN leaders l ON l.id = a.leader_id LEFT JOIN enterprises e ON e.id = a.enterprise_id"

const assignmentOrder = " ORDER BY CASE l.level WHEN '市级' THEN 0 WHEN '县级' THEN 1 ELSE 2 END, l.name, e.name, a.id"

func assignmentRow(a *app.Assignment) []any {
	return append(assignmentDest(a), &a.LeaderName, &a.EnterpriseName)
}

// Assignment returns the live assignment with id.
func (r reader) Assignment(ctx context.Context, id string) (app.Assignment, error) {
	l, err := queryList(ctx, r.q, assignmentRow, assignmentSelect+" WHERE a.id = ? AND a.deleted = 0", id)
	return one(l, err, "assignment", id)
}

// Assignments lists live assignments by leader, then enterprise.
func (r reader) Assignments(ctx context.Context, f app.AssignmentFilter) ([]app.Assignment, error) {
	var w where
	w.add("a.deleted = 0")
	w.eq("a.office", f.Office)
	w.eq("a.leader_id", f.LeaderID)
	w.eq("a.enterprise_id", f.EnterpriseID)
	if !f.ActiveOn.IsZero() {
		d := f.ActiveOn.String()
		w.add("a.date_from <= ? AND (a.date_to = '' OR a.date_to >= ?)", d, d)
	}
	l, err := queryList(ctx, r.q, assignmentRow, assignmentSelect+w.sql()+assignmentOrder, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list assignments: %w", err)
	}
	return l, nil
}

const visitSelect = "SELECT v.id, v.office, v.version, v.updated_at, v.updated_by, v.deleted, " +
	"v.date, v.leader_id, v.companions, v.enterprise_id, v.mode, v.findings, " +
	"COALESCE(l.name, ''), COALESCE(e.name, '') " +
	"FROM visits v LEFT JOIN leaders l ON l.id = v.leader_id LEFT JOIN enterprises e ON e.id = v.enterprise_id"

func visitRow(v *app.Visit) []any { return append(visitDest(v), &v.LeaderName, &v.EnterpriseName) }

// Visit returns the live visit with id.
func (r reader) Visit(ctx context.Context, id string) (app.Visit, error) {
	l, err := queryList(ctx, r.q, visitRow, visitSelect+" WHERE v.id = ? AND v.deleted = 0", id)
	return one(l, err, "visit", id)
}

// Visits lists live visits, newest first.
func (r reader) Visits(ctx context.Context, f app.VisitFilter) ([]app.Visit, error) {
	var w where
	w.add("v.deleted = 0")
	w.eq("v.office", f.Office)
	w.eq("v.enterprise_id", f.EnterpriseID)
	w.eq("v.leader_id", f.LeaderID)
	if !f.From.IsZero() {
		w.add("v.date >= ?", f.From.String())
	}
	if !f.To.IsZero() {
		w.add("v.date <= ?", f.To.String())
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likeArg(q)
		w.add(`(l.name LIKE ? ESCAPE '\' OR e.name LIKE ? ESCAPE '\' OR v.findings LIKE ? ESCAPE '\' OR v.companions LIKE ? ESCAPE '\')`, p, p, p, p)
	}
	sel := visitSelect
	if f.Limit > 0 && f.EnterpriseID == "" && f.LeaderID == "" {
		// The newest visits, read along the date index up to the limit.
		// SQLite's planner would rather sort the whole table: 85 ms
		// against 1 ms for the newest 200 of 60,000 visits.
		sel = strings.Replace(sel, "FROM visits v", "FROM visits v INDEXED BY visits_date", 1)
	}
	l, err := queryList(ctx, r.q, visitRow, sel+w.sql()+" ORDER BY v.date DESC, v.updated_at DESC, v.id"+limit(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list visits: %w", err)
	}
	return l, nil
}

const problemSelect = "SELECT p.id, p.office, p.version, p.updated_at, p.updated_by, p.deleted, " +
	"p.number, p.enterprise_id, p.source, p.source_id, p.category, p.description, p.request, p.registered, " +
	"p.status, p.handling, p.lead_dept, p.support_depts, p.person, p.deadline, p.result, p.closed_on, " +
	"p.explanation, p.follow_up, p.satisfaction, p.deadline_counted, COALESCE(e.name, '') " +
	"FROM problems p LEFT JOIN enterprises e ON e.id = p.enterprise_id"

const problemOrder = " ORDER BY p.registered DESC, p.number DESC"

func problemRow(p *app.Problem) []any { return append(problemDest(p), &p.EnterpriseName) }

// Problem returns the live problem with id.
func (r reader) Problem(ctx context.Context, id string) (app.Problem, error) {
	l, err := queryList(ctx, r.q, problemRow, problemSelect+" WHERE p.id = ? AND p.deleted = 0", id)
	return one(l, err, "problem", id)
}

// ftsPhrase quotes s as one FTS5 phrase.
func ftsPhrase(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Problems lists live problems of the ledger, newest registered first. The
// query's words of three characters or more are matched by the trigram
// full-text index, shorter ones with LIKE; all words must match.
func (r reader) Problems(ctx context.Context, f app.ProblemFilter) ([]app.Problem, error) {
	var w where
	w.add("p.deleted = 0")
	w.eq("p.office", f.Office)
	if f.Status != "" {
		w.add("p.status = ?", string(f.Status))
	}
	w.eq("p.category", f.Category)
	if d := strings.TrimSpace(f.Dept); d != "" {
		w.add(`p.lead_dept LIKE ? ESCAPE '\'`, likeArg(d))
	}
	w.eq("p.enterprise_id", f.EnterpriseID)
	w.eq("p.source_id", f.SourceID)
	if f.Overdue {
		w.add("p.status IN "+openStatuses+" AND p.deadline <> '' AND p.deadline < ?", f.Calendar.OverdueBefore(f.Today).String())
	}
	var phrases []string
	for _, word := range strings.Fields(f.Query) {
		if utf8.RuneCountInString(word) >= 3 {
			phrases = append(phrases, ftsPhrase(word))
			continue
		}
		// Too short for trigrams: scan the index's own copy of the texts
		// (enterprise name included), one LIKE over the fields joined by
		// spaces, which a word without spaces cannot match across.
		w.add(`p.rowid IN (SELECT rowid FROM problems_fts WHERE (number || ' ' || enterprise || ' ' || description || ' ' || `+
			`request || ' ' || lead_dept || ' ' || person) LIKE ? ESCAPE '\')`, likeArg(word))
	}
	if len(phrases) > 0 {
		w.add("p.rowid IN (SELECT rowid FROM problems_fts WHERE problems_fts MATCH ?)", strings.Join(phrases, " AND "))
	}
	if f.Limit > 0 {
		page := limit(f.Limit)
		if f.Offset > 0 {
			page += fmt.Sprintf(" OFFSET %d", f.Offset)
		}
		l, err := queryList(ctx, r.q, problemRow, problemSelect+w.sql()+problemOrder+page, w.args...)
		if err != nil {
			return nil, fmt.Errorf("list problems: %w", err)
		}
		return l, nil
	}
	// Without a limit, reading the rows in table order and sorting here is
	// faster than following the index order row by row.
	l, err := queryList(ctx, r.q, problemRow, problemSelect+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list problems: %w", err)
	}
	slices.SortFunc(l, func(a, b app.Problem) int {
		switch {
		case a.Registered.After(b.Registered):
			return -1
		case a.Registered.Before(b.Registered):
			return 1
		}
		return strings.Compare(b.Number, a.Number)
	})
	return l, nil
}

const eventSelect = "SELECT x.id, x.office, x.version, x.updated_at, x.updated_by, x.deleted, " +
	"x.problem_id, x.kind, x.date, x.text, x.status, x.lead_dept, x.person, x.old_deadline, x.new_deadline, x.satisfaction, x.approver " +
	"FROM problem_events x"

// Events is a problem's live timeline, oldest first.
func (r reader) Events(ctx context.Context, problemID string) ([]app.Event, error) {
	l, err := queryList(ctx, r.q, eventDest, eventSelect+" WHERE x.problem_id = ? AND x.deleted = 0 ORDER BY x.date, x.updated_at, x.rowid", problemID)
	if err != nil {
		return nil, fmt.Errorf("list events of %s: %w", problemID, err)
	}
	return l, nil
}

const meetingSelect = "SELECT m.id, m.office, m.version, m.updated_at, m.updated_by, m.deleted, " +
	"m.kind, m.format, m.seq, m.date, m.place, m.enterprise_id, m.chair, m.attendees, m.agenda, m.minutes, m.decisions, " +
	"m.state, m.cancel_reason, m.invitees " +
	"FROM meetings m"

// Meeting returns the live meeting with id.
func (r reader) Meeting(ctx context.Context, id string) (app.Meeting, error) {
	l, err := queryList(ctx, r.q, meetingDest, meetingSelect+" WHERE m.id = ? AND m.deleted = 0", id)
	return one(l, err, "meeting", id)
}

// Meetings lists live meetings, newest first: by date, then number, then
// time saved, all descending.
func (r reader) Meetings(ctx context.Context, f app.MeetingFilter) ([]app.Meeting, error) {
	var w where
	w.add("m.deleted = 0")
	w.eq("m.office", f.Office)
	if f.Kind != "" {
		w.add("m.kind = ?", string(f.Kind))
	}
	if f.HeldOnly {
		w.add("m.state = ''")
	}
	if !f.From.IsZero() {
		w.add("m.date >= ?", f.From.String())
	}
	if !f.To.IsZero() {
		w.add("m.date <= ?", f.To.String())
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likeArg(q)
		w.add(`(m.place LIKE ? ESCAPE '\' OR m.chair LIKE ? ESCAPE '\' OR m.agenda LIKE ? ESCAPE '\' OR m.minutes LIKE ? ESCAPE '\')`, p, p, p, p)
	}
	switch {
	case f.EnterpriseID != "" && f.EnterpriseName != "":
		w.add(`(m.enterprise_id = ? OR EXISTS (SELECT 1 FROM json_each(m.attendees) a WHERE json_extract(a.value, '$.name') = ?))`,
			f.EnterpriseID, f.EnterpriseName)
	case f.EnterpriseID != "":
		w.add("m.enterprise_id = ?", f.EnterpriseID)
	}
	sel := meetingSelect
	if f.Kind == "" && f.EnterpriseID == "" {
		// Read along the date index: SQLite's planner would rather sort
		// the whole table, minutes and all, in memory (10 ms against 1 ms
		// for the newest 200 of 1,900 meetings, 21 against 12 for all).
		sel += " INDEXED BY meetings_date"
	}
	l, err := queryList(ctx, r.q, meetingDest, sel+w.sql()+
		" ORDER BY m.date DESC, m.seq DESC, m.updated_at DESC, m.id"+limit(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return l, nil
}

const needSelect = "SELECT n.id, n.office, n.version, n.updated_at, n.updated_by, n.deleted, " +
	"n.date, n.enterprise_id, n.meeting_id, n.amount, n.purpose, n.term_months, n.collateral, n.bank, n.status, " +
	"n.credit, n.lent, n.lent_on, n.reason, COALESCE(e.name, '') " +
	"FROM financing_needs n LEFT JOIN enterprises e ON e.id = n.enterprise_id"

func needRow(n *app.FinancingNeed) []any { return append(needDest(n), &n.EnterpriseName) }

// FinancingNeed returns the live financing need with id.
func (r reader) FinancingNeed(ctx context.Context, id string) (app.FinancingNeed, error) {
	l, err := queryList(ctx, r.q, needRow, needSelect+" WHERE n.id = ? AND n.deleted = 0", id)
	return one(l, err, "financing need", id)
}

// FinancingNeeds lists live financing needs, newest first: by date, then
// time saved, both descending.
func (r reader) FinancingNeeds(ctx context.Context, f app.FinancingFilter) ([]app.FinancingNeed, error) {
	var w where
	w.add("n.deleted = 0")
	w.eq("n.office", f.Office)
	w.eq("n.enterprise_id", f.EnterpriseID)
	w.eq("n.meeting_id", f.MeetingID)
	w.eq("n.bank", f.Bank)
	w.eq("n.status", f.Status)
	l, err := queryList(ctx, r.q, needRow, needSelect+w.sql()+
		" ORDER BY n.date DESC, n.updated_at DESC, n.id"+limit(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list financing needs: %w", err)
	}
	return l, nil
}

const loanSelect = "SELECT b.id, b.office, b.version, b.updated_at, b.updated_by, b.deleted, " +
	"b.enterprise_id, b.bank, b.original, b.original_due, b.commitment, b.conditions, b.applied, b.applied_on, " +
	"b.approved, b.approved_on, b.paid_on, b.due_back, b.repaid_on, b.fee, b.status, b.note, b.city_fund, b.term_days, " +
	"COALESCE(e.name, ''), COALESCE(e.credit_code, '') " +
	"FROM bridge_loans b LEFT JOIN enterprises e ON e.id = b.enterprise_id"

func loanRow(l *app.BridgeLoan) []any {
	return append(loanDest(l), &l.EnterpriseName, &l.EnterpriseCode)
}

// BridgeLoan returns the live bridge loan with id.
func (r reader) BridgeLoan(ctx context.Context, id string) (app.BridgeLoan, error) {
	l, err := queryList(ctx, r.q, loanRow, loanSelect+" WHERE b.id = ? AND b.deleted = 0", id)
	return one(l, err, "bridge loan", id)
}

// BridgeLoans lists live bridge loans, newest application first: by the
// day applied, then time saved, both descending.
func (r reader) BridgeLoans(ctx context.Context, f app.LoanFilter) ([]app.BridgeLoan, error) {
	var w where
	w.add("b.deleted = 0")
	w.eq("b.office", f.Office)
	w.eq("b.enterprise_id", f.EnterpriseID)
	if f.Status != "" {
		w.add("b.status = ?", string(f.Status))
	}
	l, err := queryList(ctx, r.q, loanRow, loanSelect+w.sql()+
		" ORDER BY b.applied_on DESC, b.updated_at DESC, b.id"+limit(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("list bridge loans: %w", err)
	}
	return l, nil
}
