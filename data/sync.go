package data

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"wugeyi/app"
)

// This file holds what sync files need of the database: the city's
// comments, the office's keys, the trusted cards, the sync log, the change
// log as it leaves (Changes) and records as they arrive (Put).

const commentSelect = "SELECT c.id, c.office, c.version, c.updated_at, c.updated_by, c.deleted, " +
	"c.problem_id, c.problem_office, c.date, c.text, c.author, COALESCE(p.number, '') " +
	"FROM comments c LEFT JOIN problems p ON p.id = c.problem_id"

func commentRow(c *app.Comment) []any { return append(commentDest(c), &c.ProblemNumber) }

// Comments lists the live comments, newest first: by date, then time saved,
// both descending, then ID; ProblemNumber is the number of the problem
// commented on.
func (r reader) Comments(ctx context.Context, f app.CommentFilter) ([]app.Comment, error) {
	var w where
	w.add("c.deleted = 0")
	w.eq("c.problem_id", f.ProblemID)
	w.eq("c.problem_office", f.ProblemOffice)
	l, err := queryList(ctx, r.q, commentRow, commentSelect+w.sql()+" ORDER BY c.date DESC, c.updated_at DESC, c.id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	return l, nil
}

const decisionSelect = "SELECT d.id, d.office, d.version, d.updated_at, d.updated_by, d.deleted, " +
	"d.loan_id, d.loan_office, d.outcome, d.date, d.approved, d.paid_on, d.due_back, d.repaid_on, d.fee, d.reason FROM loan_decisions d"

// LoanDecisions lists the city fund's live decisions, newest first: by
// date, then time saved, both descending, then ID.
func (r reader) LoanDecisions(ctx context.Context, f app.LoanDecisionFilter) ([]app.LoanDecision, error) {
	var w where
	w.add("d.deleted = 0")
	w.eq("d.loan_id", f.LoanID)
	w.eq("d.loan_office", f.LoanOffice)
	l, err := queryList(ctx, r.q, decisionDest, decisionSelect+w.sql()+" ORDER BY d.date DESC, d.updated_at DESC, d.id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list loan decisions: %w", err)
	}
	return l, nil
}

// stampOf is a time as stored: UTC, RFC3339Nano.
func stampOf(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Keys are this office's secret keys, or app.ErrNotFound before they are
// made.
func (r reader) Keys(ctx context.Context) (app.OfficeKeys, error) {
	var k app.OfficeKeys
	err := r.q.QueryRowContext(ctx, "SELECT sign_private, age_identity, sm2_sign, sm2_decrypt, created FROM office_keys WHERE id = 1").
		Scan(&k.SignPrivate, &k.AgeIdentity, &k.SM2Sign, &k.SM2Decrypt, timeCol{&k.Created})
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("read office keys: %w", app.ErrNotFound)
	}
	if err != nil {
		return app.OfficeKeys{}, fmt.Errorf("read office keys: %w", err)
	}
	return k, nil
}

const cardSelect = "SELECT office, name, role, sign_key, age_recipient, sm2_sign_key, sm2_encrypt_key, created FROM trusted_cards"

func cardDest(c *app.Card) []any {
	return []any{&c.Office, &c.Name, strCol[app.Role]{&c.Role}, &c.SignKey, &c.AgeRecipient, &c.SM2SignKey, &c.SM2EncryptKey,
		timeCol{&c.Created}}
}

// Cards lists the cards of the offices this one trusts, by office code.
func (r reader) Cards(ctx context.Context) ([]app.Card, error) {
	// Plain rows: the keys are blobs, which the packed reading cannot carry.
	l, err := queryPlain(ctx, r.q, cardDest, cardSelect+" ORDER BY office")
	if err != nil {
		return nil, fmt.Errorf("list cards: %w", err)
	}
	return l, nil
}

// Card is the trusted card of office, or app.ErrNotFound.
func (r reader) Card(ctx context.Context, office string) (app.Card, error) {
	l, err := queryPlain(ctx, r.q, cardDest, cardSelect+" WHERE office = ?", office)
	return one(l, err, "card of", office)
}

// Changes lists, for each record of office in the change log, its latest
// change when that change's sequence is above after, in sequence order; the
// highest sequence of office's change log comes with them (0 when empty).
func (r reader) Changes(ctx context.Context, office string, after int64) ([]app.Change, int64, error) {
	var top int64
	if err := r.q.QueryRowContext(ctx, "SELECT COALESCE(max(seq), 0) FROM changes WHERE office = ?", office).Scan(&top); err != nil {
		return nil, 0, fmt.Errorf("list changes of %s: %w", office, err)
	}
	if top <= after {
		return nil, top, nil
	}
	// The latest change of each record, found along the covering index
	// changes_latest (office, tbl, record_id, seq); only those after the
	// sequence asked for are read in full. Sorting them here is faster
	// than letting SQLite sort the rows with their data.
	type row struct {
		app.Change
		op string
	}
	rows, err := queryPlain(ctx, r.q, func(c *row) []any {
		return []any{&c.Seq, strCol[app.Table]{&c.Table}, &c.ID, &c.Office, &c.Version, &c.op, rawCol{&c.Data}}
	}, "SELECT c.seq, c.tbl, c.record_id, c.office, c.version, c.op, c.data"+
		" FROM (SELECT max(seq) AS seq FROM changes WHERE office = ?1 GROUP BY tbl, record_id HAVING max(seq) > ?2) m"+
		" JOIN changes c ON c.office = ?1 AND c.seq = m.seq", office, after)
	if err != nil {
		return nil, 0, fmt.Errorf("list changes of %s: %w", office, err)
	}
	l := make([]app.Change, len(rows))
	for i, c := range rows {
		c.Deleted = c.op == "delete"
		if !c.Deleted && bytes.Contains(c.Data, []byte(`"deleted"`)) {
			var m app.Meta
			if err := json.Unmarshal(c.Data, &m); err != nil {
				return nil, 0, fmt.Errorf("list changes of %s: %s %s: %w", office, c.Table, c.ID, err)
			}
			c.Deleted = m.Deleted
		}
		l[i] = c.Change
	}
	slices.SortFunc(l, func(a, b app.Change) int { return cmp.Compare(a.Seq, b.Seq) })
	return l, top, nil
}

// rawCol scans a TEXT column of JSON.
type rawCol struct{ b *json.RawMessage }

func (c rawCol) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*c.b = json.RawMessage(v)
	case []byte:
		*c.b = bytes.Clone(v)
	case nil:
		*c.b = nil
	default:
		return fmt.Errorf("scan JSON: want text, got %T", src)
	}
	return nil
}

// synced checks that t is a synced table.
func synced(t app.Table) error {
	if !slices.Contains(app.SyncedTables, t) {
		return fmt.Errorf("unknown table %q", t)
	}
	return nil
}

// Versions maps the ID of each record of t owned by office, deleted or
// not, to its stored version.
func (r reader) Versions(ctx context.Context, t app.Table, office string) (map[string]int64, error) {
	if err := synced(t); err != nil {
		return nil, fmt.Errorf("versions of %s: %w", t, err)
	}
	rows, err := r.q.QueryContext(ctx, "SELECT id, version FROM "+string(t)+" WHERE office = ?", office)
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", t, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("versions of %s: %w", t, err)
		}
		out[id] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of %s: %w", t, err)
	}
	return out, nil
}

// countsCol scans a sync-log line's counts: a JSON object, nil when empty.
type countsCol struct {
	c *map[app.Table]app.TableCounts
}

func (c countsCol) Scan(src any) error {
	s, err := textOf(src)
	if err != nil {
		return fmt.Errorf("scan counts: %w", err)
	}
	*c.c = nil
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), c.c); err != nil {
		return fmt.Errorf("scan counts %q: %w", s, err)
	}
	if len(*c.c) == 0 {
		*c.c = nil
	}
	return nil
}

const syncSelect = "SELECT id, direction, file, hash, peer, at, operator, seq_from, seq_to, counts, outcome, message, whole FROM sync_log"

func syncDest(e *app.SyncEntry) []any {
	return []any{&e.ID, strCol[app.SyncDirection]{&e.Direction}, &e.File, &e.Hash, &e.Peer, timeCol{&e.At}, &e.Operator,
		&e.SeqFrom, &e.SeqTo, countsCol{&e.Counts}, &e.Outcome, &e.Message, &e.All}
}

// SyncLog lists the sync log, the line logged last first; peer, when set,
// keeps that office's lines; limit, when above zero, the first ones.
func (r reader) SyncLog(ctx context.Context, peer string, n int) ([]app.SyncEntry, error) {
	var w where
	w.eq("peer", peer)
	l, err := queryPlain(ctx, r.q, syncDest, syncSelect+w.sql()+" ORDER BY id DESC"+limit(n), w.args...)
	if err != nil {
		return nil, fmt.Errorf("read sync log: %w", err)
	}
	return l, nil
}

// SyncByHash is the first successful import of the file with hash, if any.
func (r reader) SyncByHash(ctx context.Context, hash string) (app.SyncEntry, bool, error) {
	l, err := queryPlain(ctx, r.q, syncDest, syncSelect+" WHERE hash = ? AND direction = ? AND outcome = ? ORDER BY id LIMIT 1",
		hash, string(app.SyncImport), app.SyncOK)
	if err != nil {
		return app.SyncEntry{}, false, fmt.Errorf("find import of %s: %w", hash, err)
	}
	if len(l) == 0 {
		return app.SyncEntry{}, false, nil
	}
	return l[0], true, nil
}

// comment reads the live comment with id.
func (t *txn) comment(id string) (app.Comment, error) {
	l, err := queryList(t.ctx, t.q, commentRow, commentSelect+" WHERE c.id = ? AND c.deleted = 0", id)
	return one(l, err, "comment", id)
}

const calendarSelect = "SELECT id, office, version, updated_at, updated_by, deleted, " + calendarCols + " FROM calendar_years"

// CalendarYears lists the live years of holidays of every office, by year,
// then office.
func (r reader) CalendarYears(ctx context.Context) ([]app.CalendarYear, error) {
	l, err := queryList(ctx, r.q, calendarDest, calendarSelect+" WHERE deleted = 0 ORDER BY year, office, id")
	if err != nil {
		return nil, fmt.Errorf("list calendar years: %w", err)
	}
	return l, nil
}

// SaveCalendarYear saves a year of holidays this office entered.
func (t *txn) SaveCalendarYear(y *app.CalendarYear) error {
	args, err := calendarArgs(y)
	if err != nil {
		return fmt.Errorf("save calendar year %d: %w", y.Year, err)
	}
	return t.save(app.TableCalendar, calendarCols, &y.Meta, y, args)
}

// SaveComment saves the city's comment on a live problem of this database.
// Only the city bureau may write comments.
func (t *txn) SaveComment(c *app.Comment) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if me.Role != app.RoleCity {
		return app.FieldError{Field: "ProblemID", Msg: "只有市工信局可以填写督办意见"}
	}
	if err := t.refs(ref{"ProblemID", app.TableProblems, c.ProblemID, "要督办的问题不存在或已删除"}); err != nil {
		return err
	}
	return t.save(app.TableComments, commentCols, &c.Meta, c, commentArgs(c))
}

// loanDecision reads the live decision with id.
func (t *txn) loanDecision(id string) (app.LoanDecision, error) {
	l, err := queryList(t.ctx, t.q, decisionDest, decisionSelect+" WHERE d.id = ? AND d.deleted = 0", id)
	return one(l, err, "loan decision", id)
}

// SaveLoanDecision saves the city fund's decision on a live application
// stored here. Only the city bureau may decide.
func (t *txn) SaveLoanDecision(d *app.LoanDecision) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if me.Role != app.RoleCity {
		return app.FieldError{Field: "LoanID", Msg: "报市级应急转贷基金的申请由市里审批：县区不能作出决定"}
	}
	if err := t.refs(ref{"LoanID", app.TableLoans, d.LoanID, "转贷申请不存在或已删除"}); err != nil {
		return err
	}
	return t.save(app.TableLoanDecisions, decisionCols, &d.Meta, d, decisionArgs(d))
}

// SaveKeys stores this office's secret keys; it is refused once keys exist.
func (t *txn) SaveKeys(k app.OfficeKeys) error {
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO office_keys(id, sign_private, age_identity, sm2_sign, sm2_decrypt, created)
		VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`, k.SignPrivate, k.AgeIdentity, k.SM2Sign, k.SM2Decrypt, stampOf(k.Created))
	if err != nil {
		return fmt.Errorf("save office keys: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("save office keys: %w", err)
	} else if n == 0 {
		return errors.New("save office keys: 本单位的密钥已经生成，不能再次生成")
	}
	return nil
}

// AddSM2Keys gives keys made before sync file format 2 k's SM2 keys; it is
// refused when there are no keys or they have SM2 keys already.
func (t *txn) AddSM2Keys(k app.OfficeKeys) error {
	if len(k.SM2Sign) != 32 || len(k.SM2Decrypt) != 32 {
		return errors.New("add SM2 keys: 国密密钥不完整")
	}
	res, err := t.tx.ExecContext(t.ctx, "UPDATE office_keys SET sm2_sign = ?, sm2_decrypt = ? WHERE id = 1 AND sm2_sign IS NULL",
		k.SM2Sign, k.SM2Decrypt)
	if err != nil {
		return fmt.Errorf("add SM2 keys: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("add SM2 keys: %w", err)
	} else if n == 0 {
		return errors.New("add SM2 keys: 本单位没有密钥，或国密密钥已经生成")
	}
	return nil
}

// Trust registers, or replaces, the card of another office.
func (t *txn) Trust(c app.Card) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if c.Office == me.Code {
		return fmt.Errorf("trust card of %s: 这是本单位自己的公钥卡，不需要登记", c.Office)
	}
	_, at := t.stamp()
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO trusted_cards(office, name, role, sign_key, age_recipient, sm2_sign_key, sm2_encrypt_key, created, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(office) DO UPDATE SET name = excluded.name, role = excluded.role, sign_key = excluded.sign_key,
			age_recipient = excluded.age_recipient, sm2_sign_key = excluded.sm2_sign_key,
			sm2_encrypt_key = excluded.sm2_encrypt_key, created = excluded.created, added_at = excluded.added_at`,
		c.Office, c.Name, string(c.Role), c.SignKey, c.AgeRecipient, c.SM2SignKey, c.SM2EncryptKey, stampOf(c.Created), at); err != nil {
		return fmt.Errorf("trust card of %s: %w", c.Office, err)
	}
	return nil
}

// LogSync adds a line to the sync log, giving it its ID; a zero At is the
// operation's time. A successful export's Sent contents are remembered as
// sent to its peer.
func (t *txn) LogSync(e *app.SyncEntry) error {
	counts := "{}"
	if len(e.Counts) > 0 {
		b, err := json.Marshal(e.Counts)
		if err != nil {
			return fmt.Errorf("log sync of %s: %w", e.File, err)
		}
		counts = string(b)
	}
	at := e.At
	if at.IsZero() {
		at = t.op.At
	}
	res, err := t.tx.ExecContext(t.ctx, `INSERT INTO sync_log(direction, file, hash, peer, at, operator, seq_from, seq_to, counts, outcome, message, whole)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(e.Direction), e.File, e.Hash, e.Peer, stampOf(at), e.Operator, e.SeqFrom, e.SeqTo, counts, e.Outcome, e.Message, e.All)
	if err != nil {
		return fmt.Errorf("log sync of %s: %w", e.File, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("log sync of %s: %w", e.File, err)
	}
	e.ID = id
	if e.Direction == app.SyncExport && e.Outcome == app.SyncOK {
		return t.markSent(e.Peer, e.Sent)
	}
	return nil
}

// putDef is how Put writes one table: its own columns, and the decoding
// of a change's data into the record's identity and the values of those
// columns.
type putDef struct {
	cols   string
	decode func(data []byte) (app.Meta, []any, error)
}

// putAs makes the putDef of a table whose records are T.
func putAs[T any](cols string, meta func(*T) *app.Meta, args func(*T) ([]any, error)) putDef {
	return putDef{cols: cols, decode: func(data []byte) (app.Meta, []any, error) {
		var x T
		if err := json.Unmarshal(data, &x); err != nil {
			return app.Meta{}, nil, err
		}
		vals, err := args(&x)
		return *meta(&x), vals, err
	}}
}

// noErr adapts an args function that cannot fail.
func noErr[T any](args func(*T) []any) func(*T) ([]any, error) {
	return func(x *T) ([]any, error) { return args(x), nil }
}

// putDefs are the synced tables Put writes.
var putDefs = map[app.Table]putDef{
	app.TableEnterprises:   putAs(enterpriseCols, func(x *app.Enterprise) *app.Meta { return &x.Meta }, enterpriseArgs),
	app.TableLeaders:       putAs(leaderCols, func(x *app.Leader) *app.Meta { return &x.Meta }, noErr(leaderArgs)),
	app.TableDepartments:   putAs(departmentCols, func(x *app.Department) *app.Meta { return &x.Meta }, noErr(departmentArgs)),
	app.TableAssignments:   putAs(assignmentCols, func(x *app.Assignment) *app.Meta { return &x.Meta }, noErr(assignmentArgs)),
	app.TableVisits:        putAs(visitCols, func(x *app.Visit) *app.Meta { return &x.Meta }, noErr(visitArgs)),
	app.TableProblems:      putAs(problemCols, func(x *app.Problem) *app.Meta { return &x.Meta }, noErr(problemArgs)),
	app.TableEvents:        putAs(eventCols, func(x *app.Event) *app.Meta { return &x.Meta }, noErr(eventArgs)),
	app.TableMeetings:      putAs(meetingCols, func(x *app.Meeting) *app.Meta { return &x.Meta }, meetingArgs),
	app.TableFinancing:     putAs(needCols, func(x *app.FinancingNeed) *app.Meta { return &x.Meta }, noErr(needArgs)),
	app.TableLoans:         putAs(loanCols, func(x *app.BridgeLoan) *app.Meta { return &x.Meta }, loanArgs),
	app.TableComments:      putAs(commentCols, func(x *app.Comment) *app.Meta { return &x.Meta }, noErr(commentArgs)),
	app.TableLoanDecisions: putAs(decisionCols, func(x *app.LoanDecision) *app.Meta { return &x.Meta }, noErr(decisionArgs)),
	app.TableNotices:       putAs(noticeCols, func(x *app.PublishedNotice) *app.Meta { return &x.Meta }, noticeArgs),
	app.TableAssessments:   putAs(assessmentCols, func(x *app.PublishedAssessment) *app.Meta { return &x.Meta }, assessmentArgs),
	app.TableAttachments:   putAs(attachmentCols, func(x *app.Attachment) *app.Meta { return &x.Meta }, noErr(attachmentArgs)),
	app.TableCalendar:      putAs(calendarCols, func(x *app.CalendarYear) *app.Meta { return &x.Meta }, calendarArgs),
}

// putSQL is the upsert of each table, made once.
var putSQL = func() map[app.Table]string {
	out := map[app.Table]string{}
	for tb, d := range putDefs {
		names := append([]string{"office", "version", "updated_at", "updated_by", "deleted"}, strings.Split(d.cols, ", ")...)
		set := make([]string, len(names))
		for i, n := range names {
			set[i] = n + " = excluded." + n
		}
		out[tb] = "INSERT INTO " + string(tb) + " (id, " + strings.Join(names, ", ") + ") VALUES (?" +
			strings.Repeat(", ?", len(names)) + ") ON CONFLICT(id) DO UPDATE SET " + strings.Join(set, ", ") +
			" WHERE excluded.version > " + string(tb) + ".version AND excluded.office = " + string(tb) + ".office"
	}
	return out
}()

// Put writes a record of another office exactly as its change carries it
// (identity, version, times, tombstone) when its version is above the
// stored one; a lower or equal version changes nothing. It never writes the
// change log and checks no references: files arrive in any order. A record
// of this office, or one stored as another office's, is refused with
// app.ErrNotOwner; a record that is not what its change says it is, as
// inconsistent.
func (t *txn) Put(c app.Change) error {
	m, vals, err := decodeChange(c)
	return t.put(c, m, vals, err)
}

// decodeChange decodes the record a change carries into its identity and
// the values of its table's columns.
func decodeChange(c app.Change) (app.Meta, []any, error) {
	d, ok := putDefs[c.Table]
	if !ok {
		return app.Meta{}, nil, fmt.Errorf("put %s %s: unknown table", c.Table, c.ID)
	}
	m, vals, err := d.decode(c.Data)
	if err != nil {
		return app.Meta{}, nil, fmt.Errorf("put %s %s: decode: %w", c.Table, c.ID, err)
	}
	return m, vals, nil
}

// putBatch is how many changes PutAll decodes ahead of the ones it writes.
const putBatch = 1000

// PutAll does Put for each of cs. The JSON of the next batch of changes is
// decoded on another goroutine while this one writes the batch before it,
// so that an import keeps two processors busy. A fault of the database
// (see fault.go) stops it: that change and every one after it get the
// fault, nothing more is written, and the Update fails.
func (t *txn) PutAll(cs []app.Change, progress func(done int)) []error {
	type decoded struct {
		m    app.Meta
		vals []any
		err  error
	}
	errs := make([]error, len(cs))
	batches := make(chan []decoded, 1)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(cs); lo += putBatch {
			b := make([]decoded, min(putBatch, len(cs)-lo))
			for i := range b {
				b[i].m, b[i].vals, b[i].err = safeDecode(cs[lo+i])
			}
			select {
			case batches <- b:
			case <-quit:
				return
			}
		}
	}()
	done := 0
	for b := range batches {
		for _, d := range b {
			if t.fault == nil {
				errs[done] = t.note(t.put(cs[done], d.m, d.vals, d.err))
			}
			if t.fault != nil {
				for i := range errs[done:] {
					errs[done+i] = t.fault
				}
				return errs
			}
			done++
		}
		if progress != nil {
			progress(done)
		}
	}
	return errs
}

// safeDecode is decodeChange on a goroutine of its own, where a panic
// would end the program: it becomes the change's error.
func safeDecode(c app.Change) (m app.Meta, vals []any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("put %s %s: decode: %v", c.Table, c.ID, r)
		}
	}()
	return decodeChange(c)
}

// put writes the record of c, decoded into m and vals (or not, with
// decodeErr), as Put says.
func (t *txn) put(c app.Change, m app.Meta, vals []any, decodeErr error) error {
	if decodeErr != nil {
		return decodeErr
	}
	me, err := t.me()
	if err != nil {
		return err
	}
	if c.ID == "" || m.ID != c.ID || m.Office != c.Office || m.Version != c.Version || m.Deleted != c.Deleted {
		return fmt.Errorf("put %s %s: the record is inconsistent with its change (id %q office %q version %d deleted %t)",
			c.Table, c.ID, m.ID, m.Office, m.Version, m.Deleted)
	}
	if c.Office == me.Code {
		return fmt.Errorf("put %s %s of this office %s: %w", c.Table, c.ID, c.Office, app.ErrNotOwner)
	}
	deleted := 0
	if m.Deleted {
		deleted = 1
	}
	if c.Table == app.TableProblems {
		if err := t.deferIndex(); err != nil {
			return err
		}
	}
	args := append([]any{m.ID, m.Office, m.Version, stampOf(m.UpdatedAt), m.UpdatedBy, deleted}, vals...)
	st, err := t.prepared(putSQL[c.Table])
	if err != nil {
		return fmt.Errorf("put %s %s: %w", c.Table, c.ID, err)
	}
	var n int64
	if err := t.searchWrite(c.Table, c.ID, func() (bool, error) {
		res, err := st.ExecContext(t.ctx, args...)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return n > 0, err
	}); err != nil {
		return fmt.Errorf("put %s %s: %w", c.Table, c.ID, err)
	}
	if n > 0 {
		if c.Table == app.TableProblems {
			t.deferred = append(t.deferred, c.ID)
		}
		return nil
	}
	// Nothing written: a stored version as high, or another owner's record.
	var owner string
	if err := t.tx.QueryRowContext(t.ctx, "SELECT office FROM "+string(c.Table)+" WHERE id = ?", c.ID).Scan(&owner); err != nil {
		return fmt.Errorf("put %s %s: %w", c.Table, c.ID, err)
	}
	if owner != c.Office {
		return fmt.Errorf("put %s %s of office %s, stored as office %s's: %w", c.Table, c.ID, c.Office, owner, app.ErrNotOwner)
	}
	return nil
}
