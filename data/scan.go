package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"wugeyi/app"
)

// querier is what reads need: a pool, a connection or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// textOf reads a TEXT column value.
func textOf(src any) (string, error) {
	switch v := src.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	}
	return "", fmt.Errorf("want text, got %T", src)
}

// jsonCol scans a column of JSON text into v; what names it in errors.
type jsonCol[T any] struct {
	v    *T
	what string
}

func (c jsonCol[T]) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan %s: %w", c.what, err)
	}
	var zero T
	*c.v = zero
	if err := json.Unmarshal([]byte(s), c.v); err != nil {
		return fmt.Errorf("scan %s: %w", c.what, err)
	}
	return nil
}

// dateCol scans a 'YYYY-MM-DD' or ” column into an app.Date.
type dateCol struct{ d *app.Date }

func (c dateCol) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan date: %w", err)
	}
	d, err := parseDate(s)
	if err != nil {
		return fmt.Errorf("scan date %q: %w", s, err)
	}
	*c.d = d
	return nil
}

// parseDate reads the stored form 'YYYY-MM-DD' fast, and anything else
// with app.ParseDate.
func parseDate(s string) (app.Date, error) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 {
			out := app.D(y, time.Month(m), d)
			if out.Day() == d {
				return out, nil
			}
		}
	}
	return app.ParseDate(s)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// timeCol scans an RFC3339Nano column into a time.Time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("scan time %q: %w", s, err)
	}
	*c.t = t
	return nil
}

// boolCol scans a 0/1 column.
type boolCol struct{ b *bool }

func (c boolCol) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*c.b = v != 0
	case string:
		*c.b = v != "" && v != "0"
	case nil:
		*c.b = false
	default:
		return fmt.Errorf("scan flag: want integer, got %T", src)
	}
	return nil
}

// strCol scans a TEXT column into any string type.
type strCol[T ~string] struct{ s *T }

func (c strCol[T]) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan text: %w", err)
	}
	*c.s = T(s)
	return nil
}

// listCol scans a JSON array of strings.
type listCol struct{ l *[]string }

func (c listCol) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan list: %w", err)
	}
	*c.l = nil
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), c.l); err != nil {
		return fmt.Errorf("scan list %q: %w", s, err)
	}
	return nil
}

func metaDest(m *app.Meta) []any {
	d := make([]any, 6, 32)
	d[0], d[1], d[2], d[3], d[4], d[5] = &m.ID, &m.Office, &m.Version, timeCol{&m.UpdatedAt}, &m.UpdatedBy, boolCol{&m.Deleted}
	return d
}

// The column lists of each record, after the identity columns, in the order
// the dest functions scan them and the args functions write them.
const (
	enterpriseCols = "credit_code, name, industry, categories, legal_rep, contact, phone, address"
	leaderCols     = "name, post, level, body, phone"
	departmentCols = "name, short, contact, phone"
	assignmentCols = "leader_id, enterprise_id, liaison, liaison_phone, lead_dept, support_depts, date_from, date_to"
	visitCols      = "date, leader_id, companions, enterprise_id, mode, findings"
	problemCols    = "number, enterprise_id, source, source_id, category, description, request, registered, status, handling, lead_dept, support_depts, person, deadline, result, closed_on, explanation, follow_up, satisfaction, deadline_counted"
	eventCols      = "problem_id, kind, date, text, status, lead_dept, person, old_deadline, new_deadline, satisfaction, approver"
	meetingCols    = "kind, format, seq, date, place, enterprise_id, chair, attendees, agenda, minutes, decisions, state, cancel_reason, invitees"
	needCols       = "date, enterprise_id, meeting_id, amount, purpose, term_months, collateral, bank, status, credit, lent, lent_on, reason"
	loanCols       = "enterprise_id, bank, original, original_due, commitment, conditions, applied, applied_on, approved, approved_on, paid_on, due_back, repaid_on, fee, status, note, city_fund, term_days"
	decisionCols   = "loan_id, loan_office, outcome, date, approved, paid_on, due_back, repaid_on, fee, reason"
	commentCols    = "problem_id, problem_office, date, text, author"
	calendarCols   = "year, holidays, workdays, source"
)

func enterpriseDest(e *app.Enterprise) []any {
	return append(metaDest(&e.Meta), &e.CreditCode, &e.Name, &e.Industry, listCol{&e.Categories},
		&e.LegalRep, &e.Contact, &e.Phone, &e.Address)
}

func enterpriseArgs(e *app.Enterprise) ([]any, error) {
	cats := e.Categories
	if cats == nil {
		cats = []string{}
	}
	b, err := json.Marshal(cats)
	if err != nil {
		return nil, fmt.Errorf("encode categories: %w", err)
	}
	return []any{e.CreditCode, e.Name, e.Industry, string(b), e.LegalRep, e.Contact, e.Phone, e.Address}, nil
}

func leaderDest(l *app.Leader) []any {
	return append(metaDest(&l.Meta), &l.Name, &l.Post, strCol[app.Level]{&l.Level}, &l.Body, &l.Phone)
}

func leaderArgs(l *app.Leader) []any {
	return []any{l.Name, l.Post, string(l.Level), l.Body, l.Phone}
}

func departmentDest(d *app.Department) []any {
	return append(metaDest(&d.Meta), &d.Name, &d.Short, &d.Contact, &d.Phone)
}

func departmentArgs(d *app.Department) []any {
	return []any{d.Name, d.Short, d.Contact, d.Phone}
}

func assignmentDest(a *app.Assignment) []any {
	return append(metaDest(&a.Meta), &a.LeaderID, &a.EnterpriseID, &a.Liaison, &a.LiaisonPhone,
		&a.LeadDept, &a.SupportDepts, dateCol{&a.From}, dateCol{&a.To})
}

func assignmentArgs(a *app.Assignment) []any {
	return []any{a.LeaderID, a.EnterpriseID, a.Liaison, a.LiaisonPhone, a.LeadDept, a.SupportDepts, a.From.String(), a.To.String()}
}

func visitDest(v *app.Visit) []any {
	return append(metaDest(&v.Meta), dateCol{&v.Date}, &v.LeaderID, &v.Companions, &v.EnterpriseID, &v.Mode, &v.Findings)
}

func visitArgs(v *app.Visit) []any {
	return []any{v.Date.String(), v.LeaderID, v.Companions, v.EnterpriseID, v.Mode, v.Findings}
}

func problemDest(p *app.Problem) []any {
	return append(metaDest(&p.Meta), &p.Number, &p.EnterpriseID, &p.Source, &p.SourceID, &p.Category,
		&p.Description, &p.Request, dateCol{&p.Registered}, strCol[app.Status]{&p.Status}, &p.Handling,
		&p.LeadDept, &p.SupportDepts, &p.Person, dateCol{&p.Deadline}, &p.Result, dateCol{&p.ClosedOn},
		&p.Explanation, &p.FollowUp, &p.Satisfaction, dateCol{&p.DeadlineCounted})
}

func problemArgs(p *app.Problem) []any {
	return []any{p.Number, p.EnterpriseID, p.Source, p.SourceID, p.Category, p.Description, p.Request,
		p.Registered.String(), string(p.Status), p.Handling, p.LeadDept, p.SupportDepts, p.Person,
		p.Deadline.String(), p.Result, p.ClosedOn.String(), p.Explanation, p.FollowUp, p.Satisfaction,
		p.DeadlineCounted.String()}
}

func eventDest(e *app.Event) []any {
	return append(metaDest(&e.Meta), &e.ProblemID, strCol[app.ActionKind]{&e.Kind}, dateCol{&e.Date}, &e.Text,
		strCol[app.Status]{&e.Status}, &e.LeadDept, &e.Person, dateCol{&e.OldDeadline}, dateCol{&e.NewDeadline},
		&e.Satisfaction, &e.Approver)
}

func eventArgs(e *app.Event) []any {
	return []any{e.ProblemID, string(e.Kind), e.Date.String(), e.Text, string(e.Status), e.LeadDept, e.Person,
		e.OldDeadline.String(), e.NewDeadline.String(), e.Satisfaction, e.Approver}
}

// jsonList scans a JSON array of any element type; an empty array reads
// as a nil slice.
type jsonList[T any] struct{ l *[]T }

func (c jsonList[T]) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan list: %w", err)
	}
	*c.l = nil
	if s == "" || s == "[]" {
		return nil
	}
	switch l := any(c.l).(type) {
	case *[]app.Attendee:
		if flatList(s, l, setAttendee) {
			return nil
		}
	case *[]app.Decision:
		if flatList(s, l, setDecision) {
			return nil
		}
	}
	if err := json.Unmarshal([]byte(s), c.l); err != nil {
		return fmt.Errorf("scan list %q: %w", s, err)
	}
	if len(*c.l) == 0 {
		*c.l = nil
	}
	return nil
}

// jsonText encodes list as a JSON array, [] when empty.
func jsonText[T any](list []T) (string, error) {
	if len(list) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func meetingDest(m *app.Meeting) []any {
	return append(metaDest(&m.Meta), strCol[app.MeetingKind]{&m.Kind}, &m.Format, &m.Seq, dateCol{&m.Date}, &m.Place,
		&m.EnterpriseID, &m.Chair, jsonList[app.Attendee]{&m.Attendees}, &m.Agenda, &m.Minutes,
		jsonList[app.Decision]{&m.Decisions}, &m.State, &m.CancelReason, jsonList[app.Attendee]{&m.Invitees})
}

func meetingArgs(m *app.Meeting) ([]any, error) {
	as, err := jsonText(m.Attendees)
	if err != nil {
		return nil, fmt.Errorf("encode attendees: %w", err)
	}
	ds, err := jsonText(m.Decisions)
	if err != nil {
		return nil, fmt.Errorf("encode decisions: %w", err)
	}
	is, err := jsonText(m.Invitees)
	if err != nil {
		return nil, fmt.Errorf("encode invitees: %w", err)
	}
	return []any{string(m.Kind), m.Format, m.Seq, m.Date.String(), m.Place, m.EnterpriseID, m.Chair, as,
		m.Agenda, m.Minutes, ds, m.State, m.CancelReason, is}, nil
}

func needDest(n *app.FinancingNeed) []any {
	return append(metaDest(&n.Meta), dateCol{&n.Date}, &n.EnterpriseID, &n.MeetingID, (*int64)(&n.Amount), &n.Use,
		&n.TermMonths, &n.Collateral, &n.Bank, &n.Status, (*int64)(&n.Credit), (*int64)(&n.Lent), dateCol{&n.LentOn},
		&n.Reason)
}

func needArgs(n *app.FinancingNeed) []any {
	return []any{n.Date.String(), n.EnterpriseID, n.MeetingID, int64(n.Amount), n.Use, n.TermMonths, n.Collateral,
		n.Bank, n.Status, int64(n.Credit), int64(n.Lent), n.LentOn.String(), n.Reason}
}

func loanDest(l *app.BridgeLoan) []any {
	return append(metaDest(&l.Meta), &l.EnterpriseID, &l.Bank, (*int64)(&l.Original), dateCol{&l.OriginalDue},
		&l.Commitment, jsonList[bool]{&l.Conditions}, (*int64)(&l.Applied), dateCol{&l.AppliedOn},
		(*int64)(&l.Approved), dateCol{&l.ApprovedOn}, dateCol{&l.PaidOn}, dateCol{&l.DueBack},
		dateCol{&l.RepaidOn}, (*int64)(&l.Fee), strCol[app.LoanStatus]{&l.Status}, &l.Note, boolCol{&l.CityFund}, &l.TermDays)
}

func loanArgs(l *app.BridgeLoan) ([]any, error) {
	cs, err := jsonText(l.Conditions)
	if err != nil {
		return nil, fmt.Errorf("encode conditions: %w", err)
	}
	return []any{l.EnterpriseID, l.Bank, int64(l.Original), l.OriginalDue.String(), l.Commitment, cs,
		int64(l.Applied), l.AppliedOn.String(), int64(l.Approved), l.ApprovedOn.String(), l.PaidOn.String(),
		l.DueBack.String(), l.RepaidOn.String(), int64(l.Fee), string(l.Status), l.Note, l.CityFund, l.TermDays}, nil
}

func decisionDest(d *app.LoanDecision) []any {
	return append(metaDest(&d.Meta), &d.LoanID, &d.LoanOffice, strCol[app.LoanOutcome]{&d.Outcome}, dateCol{&d.Date},
		(*int64)(&d.Approved), dateCol{&d.PaidOn}, dateCol{&d.DueBack}, dateCol{&d.RepaidOn}, (*int64)(&d.Fee), &d.Reason)
}

func decisionArgs(d *app.LoanDecision) []any {
	return []any{d.LoanID, d.LoanOffice, string(d.Outcome), d.Date.String(), int64(d.Approved), d.PaidOn.String(),
		d.DueBack.String(), d.RepaidOn.String(), int64(d.Fee), d.Reason}
}

func commentDest(c *app.Comment) []any {
	return append(metaDest(&c.Meta), &c.ProblemID, &c.ProblemOffice, dateCol{&c.Date}, &c.Text, &c.Author)
}

func commentArgs(c *app.Comment) []any {
	return []any{c.ProblemID, c.ProblemOffice, c.Date.String(), c.Text, c.Author}
}

func calendarDest(y *app.CalendarYear) []any {
	return append(metaDest(&y.Meta), &y.Year, jsonList[app.Date]{&y.Holidays}, jsonList[app.Date]{&y.Workdays}, &y.Source)
}

func calendarArgs(y *app.CalendarYear) ([]any, error) {
	h, err := jsonText(y.Holidays)
	if err != nil {
		return nil, fmt.Errorf("encode holidays: %w", err)
	}
	w, err := jsonText(y.Workdays)
	if err != nil {
		return nil, fmt.Errorf("encode workdays: %w", err)
	}
	return []any{y.Year, h, w, y.Source}, nil
}

// queryList runs query and scans every row with dest into a new T.
//
// Reading a row column by column costs about 0.3 µs a column in
// modernc.org/sqlite, which makes a 40,000-row ledger of 26 columns take
// 400 ms; so the columns are first read packed into one text (joined by
// U+001F) and split here, about three times faster. A row that does not
// split into as many fields as dest wants (a text holding U+001F, or a
// NULL) makes the query run again column by column.
func queryList[T any](ctx context.Context, q querier, dest func(*T) []any, query string, args ...any) ([]T, error) {
	if packed, ok := packQuery(query); ok {
		out, ok, err := queryPacked(ctx, q, dest, packed, args...)
		if err != nil || ok {
			return out, err
		}
	}
	return queryPlain(ctx, q, dest, query, args...)
}

// packQuery turns "SELECT a, b FROM …" into "SELECT concat_ws(char(31), a, b) FROM …".
func packQuery(query string) (string, bool) {
	const sel = "SELECT "
	i := strings.Index(query, " FROM ")
	if !strings.HasPrefix(query, sel) || i < 0 {
		return "", false
	}
	return sel + "concat_ws(char(31), " + query[len(sel):i] + ")" + query[i:], true
}

func queryPacked[T any](ctx context.Context, q querier, dest func(*T) []any, query string, args ...any) ([]T, bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	// Rows are gathered in chunks and copied once at the end: growing one
	// slice of large records by doubling costs more than the copy.
	var chunks [][]T
	cur := make([]T, 0, 256)
	var packed string
	for rows.Next() {
		if err := rows.Scan(&packed); err != nil {
			return nil, false, err
		}
		if len(cur) == cap(cur) {
			chunks = append(chunks, cur)
			cur = make([]T, 0, min(2*cap(cur), 8192))
		}
		cur = cur[:len(cur)+1]
		x := &cur[len(cur)-1]
		ds := dest(x)
		if strings.Count(packed, "\x1f") != len(ds)-1 {
			return nil, false, nil
		}
		for i := range ds {
			field := packed
			if j := strings.IndexByte(packed, 0x1f); j >= 0 {
				field, packed = packed[:j], packed[j+1:]
			}
			if err := assignText(ds[i], field); err != nil {
				return nil, false, fmt.Errorf("column %d: %w", i, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	if len(chunks) == 0 {
		if len(cur) == 0 {
			return nil, true, nil
		}
		return cur, true, nil
	}
	n := len(cur)
	for _, c := range chunks {
		n += len(c)
	}
	out := make([]T, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	out = append(out, cur...)
	return out, true, nil
}

// assignText stores one packed field in a scan destination.
func assignText(d any, s string) error {
	switch d := d.(type) {
	case *string:
		*d = s
	case *int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("scan integer %q: %w", s, err)
		}
		*d = n
	case *int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("scan integer %q: %w", s, err)
		}
		*d = n
	case sql.Scanner:
		return d.Scan(s)
	default:
		return fmt.Errorf("scan: unsupported destination %T", d)
	}
	return nil
}

func queryPlain[T any](ctx context.Context, q querier, dest func(*T) []any, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var x T
		if err := rows.Scan(dest(&x)...); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
