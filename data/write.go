package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"wugeyi/app"
)

// Update runs fn in one write transaction (BEGIN IMMEDIATE) stamped with op.
// If fn returns an error or panics, everything it did is rolled back (and
// the panic goes on). So it is after a fault of the database (a full disk,
// a read-only file, an I/O error; see fault.go), even one fn does not
// return: Update then returns the fault, which wraps app.ErrDiskFull,
// app.ErrReadOnly or app.ErrDiskIO. Nothing but the final commit can
// commit: after a fault the writes of fn stop.
func (db *DB) Update(ctx context.Context, op app.Op, fn func(tx app.Tx) error) (err error) {
	if op.At.IsZero() {
		op.At = time.Now()
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return withFault("begin write", err)
	}
	defer conn.Close()
	w := &watch{}
	stop, err := w.start(conn)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	defer stop()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return withFault("begin write", err)
	}
	done := false
	defer func() {
		if !done {
			sqlTx.Rollback() // fn panicked; the panic continues
		}
	}()
	t := &txn{reader: reader{q: sqlTx}, ctx: ctx, tx: sqlTx, op: op, watch: w}
	err = fn(guarded{t})
	if err == nil && t.fault == nil {
		err = t.indexDeferred()
	}
	if err == nil && t.fault == nil {
		err = t.indexSearch()
	}
	if f := t.note(err); t.fault != nil && !errors.Is(err, f) {
		err = f // a fault fn did not return, or SQLite's own rollback
	}
	done = true
	if err != nil {
		// After SQLite's own rollback there is no transaction left to
		// roll back: the ROLLBACK's error says only that.
		lost := w.lost.Load()
		if rerr := sqlTx.Rollback(); rerr != nil && !lost {
			return errors.Join(err, fmt.Errorf("roll back: %w", rerr))
		}
		return err
	}
	w.committing.Store(true)
	if err := sqlTx.Commit(); err != nil {
		return withFault("commit", err)
	}
	return nil
}

// txn is the app.Tx of one Update.
type txn struct {
	reader
	ctx    context.Context
	tx     *sql.Tx
	op     app.Op
	office *app.Office // cached once read
	stmts  map[string]*sql.Stmt
	// serials caches the last problem serial given per number prefix in
	// this transaction: a batch of new problems (a workbook imported)
	// reads the highest stored number once, not once per problem.
	serials map[string]int

	// deferred holds the IDs of the problems Put wrote while the search
	// index waits for the end of the transaction (see indexDeferred);
	// nil when it does not wait.
	deferred []string

	// search is what this transaction wrote of the records the search
	// index holds, indexed at its end (see indexSearch).
	search searchDirty

	// watch is what the writer connection's hooks saw of this
	// transaction, fault the first fault of the database met in it,
	// which ends it (see fault.go).
	watch *watch
	fault error
}

// deferIndex makes the search index wait for the end of the transaction,
// once: a long run of Puts then fills it in one statement.
func (t *txn) deferIndex() error {
	if t.deferred != nil {
		return nil
	}
	if _, err := t.tx.ExecContext(t.ctx, "UPDATE fts_state SET deferred = 1"); err != nil {
		return fmt.Errorf("defer search index: %w", err)
	}
	t.deferred = []string{}
	return nil
}

// indexDeferred brings the search index up to date with the problems
// written since deferIndex, as the problems_fts triggers would have, and
// makes it follow each write again.
func (t *txn) indexDeferred() error {
	if t.deferred == nil {
		return nil
	}
	ids, err := json.Marshal(t.deferred)
	if err != nil {
		return fmt.Errorf("index problems: %w", err)
	}
	const touched = "SELECT p.rowid FROM problems p WHERE p.id IN (SELECT value FROM json_each(?))"
	for _, q := range []string{
		"DELETE FROM problems_fts WHERE rowid IN (" + touched + ")",
		`INSERT INTO problems_fts(rowid, number, enterprise, description, request, lead_dept, person)
		 SELECT p.rowid, p.number, COALESCE((SELECT name FROM enterprises WHERE id = p.enterprise_id), ''),
		        p.description, p.request, p.lead_dept, p.person
		 FROM problems p WHERE p.id IN (SELECT value FROM json_each(?)) AND p.deleted = 0`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q, string(ids)); err != nil {
			return fmt.Errorf("index problems: %w", err)
		}
	}
	if _, err := t.tx.ExecContext(t.ctx, "UPDATE fts_state SET deferred = 0"); err != nil {
		return fmt.Errorf("index problems: %w", err)
	}
	t.deferred = nil
	return nil
}

// prepared is the statement q prepared once for this transaction: a long
// run of writes of the same shape (an import) parses its SQL once.
func (t *txn) prepared(q string) (*sql.Stmt, error) {
	if s, ok := t.stmts[q]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(t.ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = s
	return s, nil
}

// exec runs the statement q, prepared once for this transaction.
func (t *txn) exec(q string, args ...any) error {
	st, err := t.prepared(q)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, args...)
	return err
}

// me returns this database's office, or app.ErrNotSetUp.
func (t *txn) me() (app.Office, error) {
	if t.office != nil {
		return *t.office, nil
	}
	o, err := t.Office(t.ctx)
	if err != nil {
		return o, err
	}
	t.office = &o
	return o, nil
}

// SetUp makes the database o's; it refuses another office once set up.
func (t *txn) SetUp(o app.Office) error {
	old, err := t.Office(t.ctx)
	switch {
	case errors.Is(err, app.ErrNotSetUp):
	case err != nil:
		return fmt.Errorf("set up office: %w", err)
	case old.Code != o.Code:
		return fmt.Errorf("set up office: 数据库已属于 %s（%s），不能改为 %s（%s）", old.Name, old.Code, o.Name, o.Code)
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO office(id, code, name, role) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role`, o.Code, o.Name, string(o.Role)); err != nil {
		return fmt.Errorf("set up office: %w", err)
	}
	t.office = &o
	return nil
}

// SaveSettings saves the office's settings.
func (t *txn) SaveSettings(s app.Settings) error {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO settings(id, data) VALUES (1, ?)
		ON CONFLICT(id) DO UPDATE SET data = excluded.data`, string(b)); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// stamp returns the operator's time as stored: UTC, RFC3339Nano.
func (t *txn) stamp() (time.Time, string) {
	at := t.op.At.UTC()
	return at, at.Format(time.RFC3339Nano)
}

// NewID is the ID of a record not yet saved (app.Tx).
func (t *txn) NewID() string { return uuid.NewString() }

// save inserts (m.ID empty, or Version 0 under m.ID) or updates a record of table tbl whose own
// columns are cols with values vals, then writes its change-log row with
// record marshalled as the data. m is filled on success and left as it was
// on failure.
func (t *txn) save(tbl app.Table, cols string, m *app.Meta, record any, vals []any) (err error) {
	me, err := t.me()
	if err != nil {
		return err
	}
	old := *m
	defer func() {
		if err != nil {
			*m = old
		}
	}()
	at, atText := t.stamp()
	op := "insert"
	names := strings.Split(cols, ", ")
	if m.ID == "" || m.Version == 0 {
		id := m.ID
		if id == "" {
			id = t.NewID()
		}
		*m = app.Meta{ID: id, Office: me.Code, Version: 1, UpdatedAt: at, UpdatedBy: t.op.Operator}
		q := "INSERT INTO " + string(tbl) + " (id, office, version, updated_at, updated_by, deleted, " + cols +
			") VALUES (?, ?, ?, ?, ?, 0" + strings.Repeat(", ?", len(names)) + ")"
		args := append([]any{m.ID, m.Office, m.Version, atText, m.UpdatedBy}, vals...)
		if err := t.searchWrite(tbl, m.ID, func() (bool, error) { return true, t.exec(q, args...) }); err != nil {
			return fmt.Errorf("insert into %s: %w", tbl, err)
		}
	} else {
		cur, err := t.current(tbl, m.ID)
		if err != nil {
			return err
		}
		if cur.Office != me.Code {
			return fmt.Errorf("save %s %s of office %s: %w", tbl, m.ID, cur.Office, app.ErrNotOwner)
		}
		if cur.Version != m.Version {
			return fmt.Errorf("save %s %s: version %d, stored %d: %w", tbl, m.ID, m.Version, cur.Version, app.ErrStaleVersion)
		}
		*m = app.Meta{ID: m.ID, Office: cur.Office, Version: cur.Version + 1, UpdatedAt: at, UpdatedBy: t.op.Operator}
		q := "UPDATE " + string(tbl) + " SET version = ?, updated_at = ?, updated_by = ?, " +
			strings.Join(names, " = ?, ") + " = ? WHERE id = ?"
		args := append([]any{m.Version, atText, m.UpdatedBy}, vals...)
		if err := t.searchWrite(tbl, m.ID, func() (bool, error) { return true, t.exec(q, append(args, m.ID)...) }); err != nil {
			return fmt.Errorf("update %s %s: %w", tbl, m.ID, err)
		}
		op = "update"
	}
	return t.logChange(tbl, *m, op, record)
}

// current reads the identity of a live record for an update or delete.
func (t *txn) current(tbl app.Table, id string) (app.Meta, error) {
	var m app.Meta
	err := t.tx.QueryRowContext(t.ctx, "SELECT "+"id, office, version, updated_at, updated_by, deleted FROM "+string(tbl)+" WHERE id = ?", id).
		Scan(metaDest(&m)...)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && m.Deleted) {
		return m, fmt.Errorf("save %s %s: %w", tbl, id, app.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("read %s %s: %w", tbl, id, err)
	}
	return m, nil
}

// logChange writes the change-log row of a write with this office's next
// sequence number.
func (t *txn) logChange(tbl app.Table, m app.Meta, op string, record any) error {
	data, err := json.Marshal(record)
	if err != nil {
		return fmt.Errorf("log change of %s %s: %w", tbl, m.ID, err)
	}
	me, err := t.me()
	if err != nil {
		return err
	}
	_, atText := t.stamp()
	if err := t.exec(`INSERT INTO changes(office, seq, tbl, record_id, version, op, at, "by", data)
		VALUES (?1, (SELECT COALESCE(max(seq), 0) + 1 FROM changes WHERE office = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
		me.Code, string(tbl), m.ID, m.Version, op, atText, t.op.Operator, string(data)); err != nil {
		return fmt.Errorf("log change of %s %s: %w", tbl, m.ID, err)
	}
	return nil
}

// live reports whether a live record with id is in tbl.
func (t *txn) live(tbl app.Table, id string) (bool, error) {
	var n int
	st, err := t.prepared("SELECT count(*) FROM " + string(tbl) + " WHERE id = ? AND deleted = 0")
	if err != nil {
		return false, fmt.Errorf("check %s %s: %w", tbl, id, err)
	}
	if err := st.QueryRowContext(t.ctx, id).Scan(&n); err != nil {
		return false, fmt.Errorf("check %s %s: %w", tbl, id, err)
	}
	return n > 0, nil
}

// refs checks that each referenced record is live, with a field error in
// Chinese for each that is not.
func (t *txn) refs(checks ...ref) error {
	var v app.Invalid
	for _, c := range checks {
		ok, err := t.live(c.tbl, c.id)
		if err != nil {
			return err
		}
		if !ok {
			v.Add(c.field, c.msg)
		}
	}
	return v.Err()
}

// ref is a reference a record makes to another.
type ref struct {
	field string
	tbl   app.Table
	id    string
	msg   string
}

// SaveEnterprise saves an enterprise, refusing a credit code another live
// enterprise already has.
func (t *txn) SaveEnterprise(e *app.Enterprise) error {
	if err := t.creditCodeFree(e.CreditCode, e.ID); err != nil {
		return err
	}
	vals, err := enterpriseArgs(e)
	if err != nil {
		return fmt.Errorf("save enterprise: %w", err)
	}
	return t.save(app.TableEnterprises, enterpriseCols, &e.Meta, e, vals)
}

// creditCodeFree refuses, with a field error, the credit code of the
// enterprise id when another live enterprise has it.
func (t *txn) creditCodeFree(code, id string) error {
	var otherName, otherOffice string
	err := t.tx.QueryRowContext(t.ctx, "SELECT name, office FROM enterprises WHERE credit_code = ? AND deleted = 0 AND id <> ? LIMIT 1",
		code, id).Scan(&otherName, &otherOffice)
	if err == nil {
		msg := fmt.Sprintf("统一社会信用代码 %s 已登记为“%s”，不能重复登记", code, otherName)
		if me, merr := t.me(); merr == nil && otherOffice != me.Code {
			msg = fmt.Sprintf("统一社会信用代码 %s 已由%s登记为“%s”，不能重复登记", code, app.OfficeName(otherOffice), otherName)
		}
		return app.Invalid{{Field: "CreditCode", Msg: msg}}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("check credit code %s: %w", code, err)
	}
	return nil
}

// SaveLeader saves a leader.
func (t *txn) SaveLeader(l *app.Leader) error {
	return t.save(app.TableLeaders, leaderCols, &l.Meta, l, leaderArgs(l))
}

// SaveDepartment saves a department of the directory.
func (t *txn) SaveDepartment(d *app.Department) error {
	return t.save(app.TableDepartments, departmentCols, &d.Meta, d, departmentArgs(d))
}

// SaveAssignment saves an assignment whose leader and enterprise are live.
func (t *txn) SaveAssignment(a *app.Assignment) error {
	if err := t.refs(
		ref{"LeaderID", app.TableLeaders, a.LeaderID, "所选联系领导不存在或已删除，请重新选择"},
		ref{"EnterpriseID", app.TableEnterprises, a.EnterpriseID, "所选企业不存在或已删除，请重新选择"},
	); err != nil {
		return err
	}
	return t.save(app.TableAssignments, assignmentCols, &a.Meta, a, assignmentArgs(a))
}

// SaveVisit saves a visit whose leader and enterprise are live.
func (t *txn) SaveVisit(v *app.Visit) error {
	if err := t.refs(
		ref{"LeaderID", app.TableLeaders, v.LeaderID, "所选走访领导不存在或已删除，请重新选择"},
		ref{"EnterpriseID", app.TableEnterprises, v.EnterpriseID, "所选企业不存在或已删除，请重新选择"},
	); err != nil {
		return err
	}
	return t.save(app.TableVisits, visitCols, &v.Meta, v, visitArgs(v))
}

// SaveProblem saves a problem of a live enterprise (of none, for a
// meeting's decision). A new problem gets the
// next ledger number of this office and its registration year; numbers are
// never reused, even after a deletion. An update keeps the stored number.
func (t *txn) SaveProblem(p *app.Problem) error {
	// A meeting's decision (app.SourceDecision) may concern no one enterprise.
	if p.EnterpriseID != "" || p.Source != app.SourceDecision {
		if err := t.refs(ref{"EnterpriseID", app.TableEnterprises, p.EnterpriseID, enterpriseMsg}); err != nil {
			return err
		}
	}
	oldNumber := p.Number
	if p.ID == "" {
		n, err := t.nextNumber(p.Registered)
		if err != nil {
			return err
		}
		p.Number = n
	} else if err := t.tx.QueryRowContext(t.ctx, "SELECT number FROM problems WHERE id = ?", p.ID).Scan(&p.Number); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read number of problem %s: %w", p.ID, err)
	}
	if err := t.save(app.TableProblems, problemCols, &p.Meta, p, problemArgs(p)); err != nil {
		p.Number = oldNumber
		return err
	}
	return nil
}

// nextNumber is the ledger number of the next problem of this office
// registered in the year of day.
func (t *txn) nextNumber(day app.Date) (string, error) {
	me, err := t.me()
	if err != nil {
		return "", err
	}
	year := day.Year()
	if day.IsZero() {
		year = t.op.At.Year()
	}
	prefix := strings.TrimSuffix(app.ProblemNumber(me.Code, year, 0), "0000")
	last, ok := t.serials[prefix]
	if !ok {
		var max sql.NullInt64
		if err := t.tx.QueryRowContext(t.ctx,
			"SELECT max(CAST(substr(number, ?) AS INTEGER)) FROM problems WHERE office = ? AND number > ? AND number < ?",
			utf8.RuneCountInString(prefix)+1, me.Code, prefix, prefix+"~").Scan(&max); err != nil {
			return "", fmt.Errorf("next problem number %s: %w", prefix, err)
		}
		last = int(max.Int64)
	}
	if t.serials == nil {
		t.serials = map[string]int{}
	}
	t.serials[prefix] = last + 1
	return app.ProblemNumber(me.Code, year, last+1), nil
}

// SaveEvent saves a timeline event of a live problem.
func (t *txn) SaveEvent(e *app.Event) error {
	if err := t.refs(ref{"ProblemID", app.TableProblems, e.ProblemID, "问题不存在或已删除"}); err != nil {
		return err
	}
	return t.save(app.TableEvents, eventCols, &e.Meta, e, eventArgs(e))
}

// enterpriseMsg is the refusal of a reference to an enterprise that is
// missing or deleted.
const enterpriseMsg = "所选企业不存在或已删除，请重新选择"

// SaveMeeting saves a meeting; an on-site meeting's enterprise, when set,
// must be live.
func (t *txn) SaveMeeting(m *app.Meeting) error {
	if m.EnterpriseID != "" {
		if err := t.refs(ref{"EnterpriseID", app.TableEnterprises, m.EnterpriseID, enterpriseMsg}); err != nil {
			return err
		}
	}
	vals, err := meetingArgs(m)
	if err != nil {
		return fmt.Errorf("save meeting: %w", err)
	}
	return t.save(app.TableMeetings, meetingCols, &m.Meta, m, vals)
}

// SaveFinancingNeed saves a financing need of a live enterprise; its
// matchmaking meeting, when set, must be live.
func (t *txn) SaveFinancingNeed(n *app.FinancingNeed) error {
	checks := []ref{{"EnterpriseID", app.TableEnterprises, n.EnterpriseID, enterpriseMsg}}
	if n.MeetingID != "" {
		checks = append(checks, ref{"MeetingID", app.TableMeetings, n.MeetingID, "所选会议不存在或已删除，请重新选择"})
	}
	if err := t.refs(checks...); err != nil {
		return err
	}
	return t.save(app.TableFinancing, needCols, &n.Meta, n, needArgs(n))
}

// SaveBridgeLoan saves a bridge loan of a live enterprise.
func (t *txn) SaveBridgeLoan(l *app.BridgeLoan) error {
	if err := t.refs(ref{"EnterpriseID", app.TableEnterprises, l.EnterpriseID, enterpriseMsg}); err != nil {
		return err
	}
	vals, err := loanArgs(l)
	if err != nil {
		return fmt.Errorf("save bridge loan: %w", err)
	}
	return t.save(app.TableLoans, loanCols, &l.Meta, l, vals)
}

// Delete marks the live record id of table tb as deleted, adds one to its
// version and logs the tombstone.
func (t *txn) Delete(tb app.Table, id string) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	rec, m, err := t.liveRecord(tb, id)
	if err != nil {
		return err
	}
	if m.Office != me.Code {
		return fmt.Errorf("delete %s %s of office %s: %w", tb, id, m.Office, app.ErrNotOwner)
	}
	at, atText := t.stamp()
	m.Version++
	m.UpdatedAt, m.UpdatedBy, m.Deleted = at, t.op.Operator, true
	if err := t.searchWrite(tb, id, func() (bool, error) {
		_, err := t.tx.ExecContext(t.ctx, "UPDATE "+string(tb)+" SET deleted = 1, version = ?, updated_at = ?, updated_by = ? WHERE id = ?",
			m.Version, atText, m.UpdatedBy, id)
		return true, err
	}); err != nil {
		return fmt.Errorf("delete %s %s: %w", tb, id, err)
	}
	return t.logChange(tb, *m, "delete", rec)
}

// liveRecord reads the live record id of table tb for Delete: a pointer
// to it and to its Meta.
func (t *txn) liveRecord(tb app.Table, id string) (any, *app.Meta, error) {
	var rec any
	var m *app.Meta
	var err error
	switch tb {
	case app.TableEnterprises:
		x, e := t.Enterprise(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableLeaders:
		x, e := t.Leader(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableDepartments:
		x, e := t.Department(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableAssignments:
		x, e := t.Assignment(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableVisits:
		x, e := t.Visit(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableProblems:
		x, e := t.Problem(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableEvents:
		l, e := queryList(t.ctx, t.q, eventDest, eventSelect+" WHERE x.id = ? AND x.deleted = 0", id)
		x, e := one(l, e, "event", id)
		rec, m, err = &x, &x.Meta, e
	case app.TableMeetings:
		x, e := t.Meeting(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableFinancing:
		x, e := t.FinancingNeed(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableLoans:
		x, e := t.BridgeLoan(t.ctx, id)
		rec, m, err = &x, &x.Meta, e
	case app.TableComments:
		x, e := t.comment(id)
		rec, m, err = &x, &x.Meta, e
	case app.TableLoanDecisions:
		x, e := t.loanDecision(id)
		rec, m, err = &x, &x.Meta, e
	case app.TableAttachments:
		x, e := t.attachment(id)
		rec, m, err = &x, &x.Meta, e
	case app.TableCalendar:
		l, e := queryList(t.ctx, t.q, calendarDest, calendarSelect+" WHERE id = ? AND deleted = 0", id)
		x, e := one(l, e, "calendar year", id)
		rec, m, err = &x, &x.Meta, e
	default:
		return nil, nil, fmt.Errorf("delete %s %s: unknown table", tb, id)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("delete: %w", err)
	}
	return rec, m, nil
}
