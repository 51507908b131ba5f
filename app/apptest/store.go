// Package apptest is an in-memory app.Store for the tests of packages that
// use one (screens, commands) and must not open SQLite.
//
// It keeps the semantics of package data, the SQLite store, so that what a
// test sees here is what the program does:
//
//   - Update runs fn on a copy of the state and keeps the copy only if fn
//     returns nil (and the commit does not fail, see FailNextUpdate); a panic
//     in fn keeps nothing either. Updates run one at a time, like data's
//     single writer; reads never wait for them and see the last committed
//     state, also while an Update runs. Calling Update from inside fn
//     deadlocks, as it does on data.
//   - A Save with an empty ID inserts: the record gets the next ID of this
//     store ("id-1", "id-2" … in the order saved, never reused, not even
//     after a rollback or a Restore), this office as owner, version 1,
//     UpdatedAt = op.At in UTC and UpdatedBy = op.Operator. A Save with an
//     ID updates: an unknown or deleted ID is app.ErrNotFound, another
//     office's record app.ErrNotOwner, a version other than the stored one
//     app.ErrStaleVersion; otherwise the version grows by one. A refused
//     Save leaves the record's Meta (and a problem's Number) as it was.
//   - The same refusals as data, with the same Chinese messages: a credit
//     code another live enterprise has, references to missing or deleted
//     leaders, enterprises, problems and meetings, a SetUp for another
//     office.
//   - New problems are numbered app.ProblemNumber(office, year registered,
//     serial), the serial one more than the highest of this office and year,
//     deleted problems included, so numbers are never reused.
//   - Lists leave out deleted records, are ordered as data orders them and
//     fill LeaderName and EnterpriseName (of visits, assignments, problems,
//     financing needs and bridge loans); single reads of deleted records
//     are app.ErrNotFound. Searches are the substring matches data makes:
//     SQLite's LIKE, which ignores the case of ASCII letters, and for
//     problem query words of three characters or more the trigram full-text
//     index, which ignores case. The enterprise name a problem is searched
//     by is that enterprise's current name. The lists a record holds
//     (attendees, decisions, a loan's conditions) are copied in and out, and
//     an empty one reads back as nil, as data stores it as [] and reads [] as
//     nil.
//   - Dashboard and Stats compute what data's do, over the records of every
//     office.
//   - Comments, keys, trusted cards, the sync log, Changes, Versions and
//     Put (records of other offices as sync files carry them) behave as
//     data's do; see sync.go.
//   - Every committed write adds a change-log row (ChangeLog), and every
//     committed Update its Op (Ops).
//
// Backup writes the committed state to a JSON file at path (refusing an
// existing file, as data does) and Restore reads such a file back in one
// step, refusing a file that is not an apptest backup or is another
// office's. The files are not SQLite databases: data cannot open them, nor
// can apptest restore data's backups.
//
// The store has no global state; each New is independent. It is safe for
// concurrent use.
package apptest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"wugeyi/app"
)

// ErrClosed is the error of every method of a Store after Close.
var ErrClosed = errors.New("apptest: the store is closed")

// errTxDone is the error of a Tx used after its Update has returned.
var errTxDone = errors.New("apptest: transaction has already been committed or rolled back")

// Change is one row of the change log: a write a committed Update made, as
// data's changes table records it.
type Change struct {
	Office   string    `json:"office"` // the office that made the change: this one
	Seq      int64     `json:"seq"`    // 1, 2 … per office
	Table    app.Table `json:"table"`
	RecordID string    `json:"record_id"`
	Version  int64     `json:"version"` // the record's version after the change
	Op       string    `json:"op"`      // "insert", "update" or "delete"
	At       time.Time `json:"at"`      // op.At in UTC
	By       string    `json:"by"`      // op.Operator
	Data     string    `json:"data"`    // JSON of the record after the change
}

// Store is an in-memory app.Store. The zero value is not usable; call New.
type Store struct {
	wmu    sync.Mutex // held by Update, Restore and SetOwner: one writer at a time
	lastID int        // the last ID given; guarded by wmu

	mu       sync.Mutex // guards the fields below
	cur      *state     // the committed state; never changed once committed
	ops      []app.Op
	failNext error
	closed   bool
}

var _ app.Store = (*Store)(nil)

// New returns an empty store that is not set up: Office is app.ErrNotSetUp
// until an Update calls SetUp (app.Service.SetUp does).
func New() *Store { return &Store{cur: newState()} }

// NewSetUp returns a store already set up for office o with the default
// settings, as app.Service.SetUp leaves a new database, but without an Op:
// Ops starts empty. It refuses an office that app.Office.Validate refuses.
func NewSetUp(o app.Office) (*Store, error) {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return nil, err
	}
	s := New()
	ds := app.DefaultSettings()
	s.cur.office, s.cur.settings = &o, &ds
	return s, nil
}

// Ops returns the Op of every committed Update, oldest first.
func (s *Store) Ops() []app.Op {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ops)
}

// ChangeLog returns the change log of the committed state in the order
// written (after a Restore: the backup's change log).
func (s *Store) ChangeLog() []Change {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cur.changes)
}

// FailNextUpdate makes the next Update whose fn returns nil fail at commit,
// as if the disk failed or the program crashed while saving: fn has run,
// nothing it did is kept, no Op is recorded and Update returns an error
// wrapping err. An Update whose fn fails does not use it up. A nil err
// cancels a pending failure. As on data, a struct fn saved keeps the ID
// and version the store gave it, although the record was not kept.
func (s *Store) FailNextUpdate(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = err
}

// SetOwner makes office the owner of the records ids of table t, as if they
// had come from that office's sync file: this office can read them but not
// change them. It is not an Update: no Op and no change is recorded. It
// refuses an unknown table or ID, changing nothing.
func (s *Store) SetOwner(t app.Table, office string, ids ...string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	base, err := s.committed()
	if err != nil {
		return err
	}
	st := base.clone()
	for _, id := range ids {
		ok, known := st.edit(t, id, func(m *app.Meta) { m.Office = office })
		if !known {
			return fmt.Errorf("apptest: set owner: unknown table %q", t)
		}
		if !ok {
			return fmt.Errorf("apptest: set owner of %s %s: %w", t, id, app.ErrNotFound)
		}
	}
	return s.commit(st, nil)
}

// Update runs fn in one transaction stamped with op (op.At zero: the
// current time, as data does). fn works on a copy of the state, which is
// kept only if fn returns nil and the commit succeeds.
func (s *Store) Update(ctx context.Context, op app.Op, fn func(tx app.Tx) error) error {
	if op.At.IsZero() {
		op.At = time.Now()
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	base, err := s.committed()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	t := &txn{view: view{st: base.clone()}, s: s, op: op}
	defer func() { t.st = nil }() // a Tx kept beyond its Update fails
	if err := fn(t); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return s.commit(t.st, &op)
}

// commit makes st the committed state and records op, unless the store is
// closed or a failure is pending.
func (s *Store) commit(st *state, op *app.Op) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if op != nil && s.failNext != nil {
		err := s.failNext
		s.failNext = nil
		return fmt.Errorf("commit: %w", err)
	}
	s.cur = st
	if op != nil {
		s.ops = append(s.ops, *op)
	}
	return nil
}

// committed returns the committed state, or ErrClosed.
func (s *Store) committed() (*state, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	return s.cur, nil
}

// Close closes the store: every method then returns ErrClosed. Closing
// twice is not an error.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// backupFormat marks the JSON files Backup writes.
const backupFormat = "wugeyi-apptest-backup-1"

// backupFile is the content of a backup.
type backupFile struct {
	Format      string                    `json:"format"`
	Office      *app.Office               `json:"office"`
	Settings    *app.Settings             `json:"settings"`
	Enterprises []app.Enterprise          `json:"enterprises"`
	Leaders     []app.Leader              `json:"leaders"`
	Assignments []app.Assignment          `json:"assignments"`
	Visits      []app.Visit               `json:"visits"`
	Problems    []app.Problem             `json:"problems"`
	Events      []app.Event               `json:"events"`
	Meetings    []app.Meeting             `json:"meetings"`
	Needs       []app.FinancingNeed       `json:"financing_needs"`
	Loans       []app.BridgeLoan          `json:"bridge_loans"`
	Comments    []app.Comment             `json:"comments"`
	Notices     []app.PublishedNotice     `json:"notices"`
	Assessments []app.PublishedAssessment `json:"assessments"`
	HandScores  []app.HandScore           `json:"hand_scores"`
	Attachments []app.Attachment          `json:"attachments"`
	Content     map[string][]byte         `json:"content"`
	Sent        map[string][]string       `json:"sent"`
	Changes     []Change                  `json:"changes"`
	Keys        *app.OfficeKeys           `json:"keys"`
	Cards       []app.Card                `json:"cards"`
	SyncLog     []app.SyncEntry           `json:"sync_log"`
}

// Backup writes the committed state, deleted records and change log
// included, to a new JSON file at path. It refuses to overwrite an existing
// file, with data's message.
func (s *Store) Backup(ctx context.Context, path string) error {
	st, err := s.committed()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	b, err := json.MarshalIndent(backupFile{
		Format: backupFormat, Office: st.office, Settings: st.settings,
		Enterprises: st.enterprises.rows, Leaders: st.leaders.rows, Assignments: st.assignments.rows,
		Visits: st.visits.rows, Problems: st.problems.rows, Events: st.events.rows,
		Meetings: st.meetings.rows, Needs: st.needs.rows, Loans: st.loans.rows, Comments: st.comments.rows, Notices: st.notices.rows,
		Assessments: st.assessments.rows, HandScores: st.handScores,
		Attachments: st.attachments.rows, Content: st.content, Sent: sentLists(st.sent), Changes: st.changes,
		Keys: st.keys, Cards: st.cards, SyncLog: st.syncLog,
	}, "", "\t")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup to %s: 备份文件 %s 已存在：请换一个文件名，或先移走原文件", path, path)
	}
	if err != nil {
		return fmt.Errorf("backup to %s: 无法写入备份文件（请检查文件夹是否存在、是否有写入权限、磁盘空间是否足够）: %w", path, err)
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		return fmt.Errorf("backup to %s: 无法写入备份文件（请检查文件夹是否存在、是否有写入权限、磁盘空间是否足够）: %w", path, werr)
	}
	return nil
}

// Restore replaces every record, the settings and the change log with those
// of the backup at path, in one step. The file must be a backup Backup
// wrote, of this office (of any office when this store is not set up);
// otherwise nothing changes. Restore records no Op.
func (s *Store) Restore(ctx context.Context, path string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("restore from %s: %w", path, err)
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("找不到备份文件 %s: %w", path, err)
	}
	var f backupFile
	if err := json.Unmarshal(b, &f); err != nil || f.Format != backupFormat {
		if err == nil {
			err = fmt.Errorf("format %q, want %q", f.Format, backupFormat)
		}
		return fmt.Errorf("这个文件不是五个一工作台的备份文件（或已损坏）；当前数据未做任何改动: %w", err)
	}
	if f.Office == nil || f.Office.Code == "" {
		return errors.New("备份文件中没有单位信息，不是有效的备份；当前数据未做任何改动")
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	base, err := s.committed()
	if err != nil {
		return err
	}
	if me := base.office; me != nil && me.Code != f.Office.Code {
		return fmt.Errorf("这是%s（%s）的备份，不是本单位%s（%s）的，不能恢复；当前数据未做任何改动",
			app.OfficeName(f.Office.Code), f.Office.Code, me.Name, me.Code)
	}
	st := newState()
	st.office, st.settings, st.changes = f.Office, f.Settings, f.Changes
	for _, x := range f.Enterprises {
		x.Categories = nonNil(x.Categories)
		st.enterprises.put(x.ID, x)
	}
	for _, x := range f.Leaders {
		st.leaders.put(x.ID, x)
	}
	for _, x := range f.Assignments {
		st.assignments.put(x.ID, x)
	}
	for _, x := range f.Visits {
		st.visits.put(x.ID, x)
	}
	for _, x := range f.Problems {
		st.problems.put(x.ID, x)
	}
	for _, x := range f.Events {
		st.events.put(x.ID, x)
	}
	for _, x := range f.Meetings {
		st.meetings.put(x.ID, meetingIn(x))
	}
	for _, x := range f.Needs {
		x.EnterpriseName = ""
		st.needs.put(x.ID, x)
	}
	for _, x := range f.Loans {
		st.loans.put(x.ID, loanIn(x))
	}
	for _, x := range f.Comments {
		x.ProblemNumber = ""
		st.comments.put(x.ID, x)
	}
	for _, x := range f.Notices {
		st.notices.put(x.ID, x)
	}
	for _, x := range f.Assessments {
		st.assessments.put(x.ID, x)
	}
	st.handScores = f.HandScores
	for _, x := range f.Attachments {
		st.attachments.put(x.ID, x)
	}
	for h, b := range f.Content {
		st.content[h] = b
	}
	for p, hs := range f.Sent {
		st.sent[p] = map[string]bool{}
		for _, h := range hs {
			st.sent[p][h] = true
		}
	}
	// The office's keys stay when the backup has none (one made before
	// they existed), as data keeps them.
	st.keys, st.cards, st.syncLog = f.Keys, f.Cards, f.SyncLog
	if st.keys == nil {
		st.keys = base.keys
	}
	for i := range st.syncLog {
		st.syncLog[i].Counts = countsIn(st.syncLog[i].Counts)
	}
	if err := s.commit(st, nil); err != nil {
		return err
	}
	// New records must not take the IDs of restored ones.
	for _, tb := range []map[string]int{st.enterprises.pos, st.leaders.pos, st.assignments.pos, st.visits.pos, st.problems.pos, st.events.pos,
		st.meetings.pos, st.needs.pos, st.loans.pos, st.comments.pos, st.notices.pos, st.assessments.pos, st.attachments.pos} {
		for id := range tb {
			if n, ok := strings.CutPrefix(id, "id-"); ok {
				s.lastID = max(s.lastID, leadingInt(n))
			}
		}
	}
	return nil
}

// reader returns a view of the committed state.
func (s *Store) reader() (view, error) {
	st, err := s.committed()
	return view{st: st}, err
}

// Office is the office this store belongs to, or app.ErrNotSetUp.
func (s *Store) Office(ctx context.Context) (app.Office, error) {
	v, err := s.reader()
	if err != nil {
		return app.Office{}, err
	}
	return v.Office(ctx)
}

// Settings are the office's settings, or the defaults when none were saved.
func (s *Store) Settings(ctx context.Context) (app.Settings, error) {
	v, err := s.reader()
	if err != nil {
		return app.Settings{}, err
	}
	return v.Settings(ctx)
}

// Enterprise returns the live enterprise with id.
func (s *Store) Enterprise(ctx context.Context, id string) (app.Enterprise, error) {
	v, err := s.reader()
	if err != nil {
		return app.Enterprise{}, err
	}
	return v.Enterprise(ctx, id)
}

// Enterprises lists live enterprises by name.
func (s *Store) Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Enterprises(ctx, f)
}

// Leader returns the live leader with id.
func (s *Store) Leader(ctx context.Context, id string) (app.Leader, error) {
	v, err := s.reader()
	if err != nil {
		return app.Leader{}, err
	}
	return v.Leader(ctx, id)
}

// Leaders lists live leaders, 市级 first, then by name.
func (s *Store) Leaders(ctx context.Context, f app.LeaderFilter) ([]app.Leader, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Leaders(ctx, f)
}

// Assignment returns the live assignment with id.
func (s *Store) Assignment(ctx context.Context, id string) (app.Assignment, error) {
	v, err := s.reader()
	if err != nil {
		return app.Assignment{}, err
	}
	return v.Assignment(ctx, id)
}

// Assignments lists live assignments by leader, then enterprise.
func (s *Store) Assignments(ctx context.Context, f app.AssignmentFilter) ([]app.Assignment, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Assignments(ctx, f)
}

// Visit returns the live visit with id.
func (s *Store) Visit(ctx context.Context, id string) (app.Visit, error) {
	v, err := s.reader()
	if err != nil {
		return app.Visit{}, err
	}
	return v.Visit(ctx, id)
}

// Visits lists live visits, newest first.
func (s *Store) Visits(ctx context.Context, f app.VisitFilter) ([]app.Visit, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Visits(ctx, f)
}

// Problem returns the live problem with id.
func (s *Store) Problem(ctx context.Context, id string) (app.Problem, error) {
	v, err := s.reader()
	if err != nil {
		return app.Problem{}, err
	}
	return v.Problem(ctx, id)
}

// Problems lists live problems, newest registered first.
func (s *Store) Problems(ctx context.Context, f app.ProblemFilter) ([]app.Problem, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Problems(ctx, f)
}

// Events is a problem's live timeline, oldest first.
func (s *Store) Events(ctx context.Context, problemID string) ([]app.Event, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Events(ctx, problemID)
}

// Meeting returns the live meeting with id.
func (s *Store) Meeting(ctx context.Context, id string) (app.Meeting, error) {
	v, err := s.reader()
	if err != nil {
		return app.Meeting{}, err
	}
	return v.Meeting(ctx, id)
}

// Meetings lists live meetings, newest first.
func (s *Store) Meetings(ctx context.Context, f app.MeetingFilter) ([]app.Meeting, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Meetings(ctx, f)
}

// FinancingNeed returns the live financing need with id.
func (s *Store) FinancingNeed(ctx context.Context, id string) (app.FinancingNeed, error) {
	v, err := s.reader()
	if err != nil {
		return app.FinancingNeed{}, err
	}
	return v.FinancingNeed(ctx, id)
}

// FinancingNeeds lists live financing needs, newest first.
func (s *Store) FinancingNeeds(ctx context.Context, f app.FinancingFilter) ([]app.FinancingNeed, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.FinancingNeeds(ctx, f)
}

// BridgeLoan returns the live bridge loan with id.
func (s *Store) BridgeLoan(ctx context.Context, id string) (app.BridgeLoan, error) {
	v, err := s.reader()
	if err != nil {
		return app.BridgeLoan{}, err
	}
	return v.BridgeLoan(ctx, id)
}

// BridgeLoans lists live bridge loans, newest application first.
func (s *Store) BridgeLoans(ctx context.Context, f app.LoanFilter) ([]app.BridgeLoan, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.BridgeLoans(ctx, f)
}

// SkipIDs makes the IDs this store gives next start above n. Two stores
// that stand for two offices' databases then give different IDs, as the
// real ones' UUIDs are.
func (s *Store) SkipIDs(n int) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.lastID = max(s.lastID, n)
}

// Dashboard gathers what the 工作台 shows on day today, for office or
// every office ("").
func (s *Store) Dashboard(ctx context.Context, today app.Date, st app.Settings, office string) (app.Dashboard, error) {
	v, err := s.reader()
	if err != nil {
		return app.Dashboard{}, err
	}
	return v.Dashboard(ctx, today, st, office)
}

// Stats counts the live records of every office.
func (s *Store) Stats(ctx context.Context, today app.Date) (app.Stats, error) {
	v, err := s.reader()
	if err != nil {
		return app.Stats{}, err
	}
	return v.Stats(ctx, today)
}

// ---------------------------------------------------------------------------
// State

// table holds the records of one table in the order inserted (SQLite's
// rowid order), deleted ones included.
type table[T any] struct {
	rows []T
	pos  map[string]int // ID → index in rows
	meta func(*T) *app.Meta
}

func newTable[T any](meta func(*T) *app.Meta) table[T] {
	return table[T]{pos: map[string]int{}, meta: meta}
}

func (t table[T]) clone() table[T] {
	return table[T]{rows: slices.Clone(t.rows), pos: maps.Clone(t.pos), meta: t.meta}
}

// get returns the record with id, deleted or not.
func (t *table[T]) get(id string) (T, bool) {
	i, ok := t.pos[id]
	if !ok {
		var zero T
		return zero, false
	}
	return t.rows[i], true
}

// live returns the record with id unless it is missing or deleted.
func (t *table[T]) live(id string) (T, bool) {
	x, ok := t.get(id)
	if !ok || t.meta(&x).Deleted {
		var zero T
		return zero, false
	}
	return x, true
}

// put inserts x, or replaces the record with its ID.
func (t *table[T]) put(id string, x T) {
	if i, ok := t.pos[id]; ok {
		t.rows[i] = x
		return
	}
	if t.pos == nil {
		t.pos = map[string]int{}
	}
	t.pos[id] = len(t.rows)
	t.rows = append(t.rows, x)
}

// metaOf returns the identity of the record with id.
func (t *table[T]) metaOf(id string) (app.Meta, bool) {
	x, ok := t.get(id)
	if !ok {
		return app.Meta{}, false
	}
	return *t.meta(&x), true
}

// edit changes the identity of the record with id.
func (t *table[T]) edit(id string, f func(*app.Meta)) bool {
	i, ok := t.pos[id]
	if ok {
		f(t.meta(&t.rows[i]))
	}
	return ok
}

// state is everything a store holds. A committed state is never changed:
// an Update works on a clone.
type state struct {
	office      *app.Office
	settings    *app.Settings
	enterprises table[app.Enterprise]
	leaders     table[app.Leader]
	assignments table[app.Assignment]
	visits      table[app.Visit]
	problems    table[app.Problem]
	events      table[app.Event]
	meetings    table[app.Meeting]
	needs       table[app.FinancingNeed]
	loans       table[app.BridgeLoan]
	comments    table[app.Comment]
	notices     table[app.PublishedNotice]
	assessments table[app.PublishedAssessment]
	handScores  []app.HandScore // the city's, never synced
	attachments table[app.Attachment]
	content     map[string][]byte          // attachment content by SHA-256; never changed in place
	sent        map[string]map[string]bool // peer → hashes of the contents sent to it
	changes     []Change

	keys    *app.OfficeKeys
	cards   []app.Card // by office code
	syncLog []app.SyncEntry
}

func newState() *state {
	return &state{
		enterprises: newTable(func(x *app.Enterprise) *app.Meta { return &x.Meta }),
		leaders:     newTable(func(x *app.Leader) *app.Meta { return &x.Meta }),
		assignments: newTable(func(x *app.Assignment) *app.Meta { return &x.Meta }),
		visits:      newTable(func(x *app.Visit) *app.Meta { return &x.Meta }),
		problems:    newTable(func(x *app.Problem) *app.Meta { return &x.Meta }),
		events:      newTable(func(x *app.Event) *app.Meta { return &x.Meta }),
		meetings:    newTable(func(x *app.Meeting) *app.Meta { return &x.Meta }),
		needs:       newTable(func(x *app.FinancingNeed) *app.Meta { return &x.Meta }),
		loans:       newTable(func(x *app.BridgeLoan) *app.Meta { return &x.Meta }),
		comments:    newTable(func(x *app.Comment) *app.Meta { return &x.Meta }),
		notices:     newTable(func(x *app.PublishedNotice) *app.Meta { return &x.Meta }),
		assessments: newTable(func(x *app.PublishedAssessment) *app.Meta { return &x.Meta }),
		attachments: newTable(func(x *app.Attachment) *app.Meta { return &x.Meta }),
		content:     map[string][]byte{},
		sent:        map[string]map[string]bool{},
	}
}

// clone copies st for a transaction. Records are values; the slices in
// them (Enterprise.Categories, Meeting.Attendees and Decisions,
// BridgeLoan.Conditions) are copied as they go in and out, and never
// changed in place.
func (st *state) clone() *state {
	c := *st
	c.enterprises = st.enterprises.clone()
	c.leaders = st.leaders.clone()
	c.assignments = st.assignments.clone()
	c.visits = st.visits.clone()
	c.problems = st.problems.clone()
	c.events = st.events.clone()
	c.meetings = st.meetings.clone()
	c.needs = st.needs.clone()
	c.loans = st.loans.clone()
	c.comments = st.comments.clone()
	c.notices = st.notices.clone()
	c.assessments = st.assessments.clone()
	c.handScores = slices.Clone(st.handScores)
	c.attachments = st.attachments.clone()
	c.content = maps.Clone(st.content)
	c.sent = map[string]map[string]bool{}
	for p, hs := range st.sent {
		c.sent[p] = maps.Clone(hs)
	}
	c.changes = slices.Clone(st.changes)
	c.cards = slices.Clone(st.cards)
	c.syncLog = slices.Clone(st.syncLog)
	return &c
}

// metaOf returns the identity of record id of table t; known is false for
// a table the store does not have.
func (st *state) metaOf(t app.Table, id string) (m app.Meta, ok, known bool) {
	switch t {
	case app.TableEnterprises:
		m, ok = st.enterprises.metaOf(id)
	case app.TableLeaders:
		m, ok = st.leaders.metaOf(id)
	case app.TableAssignments:
		m, ok = st.assignments.metaOf(id)
	case app.TableVisits:
		m, ok = st.visits.metaOf(id)
	case app.TableProblems:
		m, ok = st.problems.metaOf(id)
	case app.TableEvents:
		m, ok = st.events.metaOf(id)
	case app.TableMeetings:
		m, ok = st.meetings.metaOf(id)
	case app.TableFinancing:
		m, ok = st.needs.metaOf(id)
	case app.TableLoans:
		m, ok = st.loans.metaOf(id)
	case app.TableComments:
		m, ok = st.comments.metaOf(id)
	case app.TableNotices:
		m, ok = st.notices.metaOf(id)
	case app.TableAssessments:
		m, ok = st.assessments.metaOf(id)
	case app.TableAttachments:
		m, ok = st.attachments.metaOf(id)
	default:
		return m, false, false
	}
	return m, ok, true
}

// edit changes the identity of record id of table t.
func (st *state) edit(t app.Table, id string, f func(*app.Meta)) (ok, known bool) {
	switch t {
	case app.TableEnterprises:
		return st.enterprises.edit(id, f), true
	case app.TableLeaders:
		return st.leaders.edit(id, f), true
	case app.TableAssignments:
		return st.assignments.edit(id, f), true
	case app.TableVisits:
		return st.visits.edit(id, f), true
	case app.TableProblems:
		return st.problems.edit(id, f), true
	case app.TableEvents:
		return st.events.edit(id, f), true
	case app.TableMeetings:
		return st.meetings.edit(id, f), true
	case app.TableFinancing:
		return st.needs.edit(id, f), true
	case app.TableLoans:
		return st.loans.edit(id, f), true
	case app.TableComments:
		return st.comments.edit(id, f), true
	case app.TableNotices:
		return st.notices.edit(id, f), true
	case app.TableAssessments:
		return st.assessments.edit(id, f), true
	case app.TableAttachments:
		return st.attachments.edit(id, f), true
	}
	return false, false
}

// isLive reports whether record id of table t is there and not deleted.
func (st *state) isLive(t app.Table, id string) bool {
	m, ok, _ := st.metaOf(t, id)
	return ok && !m.Deleted
}

// what names a table's record in error messages, as data does.
func what(t app.Table) string {
	switch t {
	case app.TableEnterprises:
		return "enterprise"
	case app.TableLeaders:
		return "leader"
	case app.TableAssignments:
		return "assignment"
	case app.TableVisits:
		return "visit"
	case app.TableProblems:
		return "problem"
	case app.TableEvents:
		return "event"
	case app.TableMeetings:
		return "meeting"
	case app.TableFinancing:
		return "financing need"
	case app.TableLoans:
		return "bridge loan"
	case app.TableComments:
		return "comment"
	case app.TableNotices:
		return "notice"
	case app.TableAssessments:
		return "assessment"
	case app.TableAttachments:
		return "attachment"
	}
	return string(t)
}

// stampText is a time as data stores and sorts it: UTC, RFC3339Nano text.
func stampText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// nonNil returns a copy of list that is never nil: data stores an empty
// list as [] and reads it back as an empty slice.
func nonNil(list []string) []string { return append([]string{}, list...) }

// orNil returns a copy of list, nil when it is empty: data stores an
// empty list of attendees, decisions or conditions as [] and reads it back
// as nil.
func orNil[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return slices.Clone(list)
}

// meetingIn and loanIn are the records as stored: their own copies of
// their lists.
func meetingIn(m app.Meeting) app.Meeting {
	m.Attendees, m.Decisions = orNil(m.Attendees), orNil(m.Decisions)
	return m
}

func loanIn(l app.BridgeLoan) app.BridgeLoan {
	l.Conditions = orNil(l.Conditions)
	l.EnterpriseName = ""
	return l
}

// ---------------------------------------------------------------------------
// Reads

// view implements app.Reader over a state: the committed one for a Store,
// the transaction's own for a Tx (nil once the transaction is over).
type view struct{ st *state }

func (v view) ready(ctx context.Context) error {
	if v.st == nil {
		return errTxDone
	}
	return ctx.Err()
}

// Office is the office this store belongs to, or app.ErrNotSetUp.
func (v view) Office(ctx context.Context) (app.Office, error) {
	if err := v.ready(ctx); err != nil {
		return app.Office{}, err
	}
	if v.st.office == nil {
		return app.Office{}, app.ErrNotSetUp
	}
	return *v.st.office, nil
}

// Settings are the saved settings, or the defaults.
func (v view) Settings(ctx context.Context) (app.Settings, error) {
	if err := v.ready(ctx); err != nil {
		return app.DefaultSettings(), err
	}
	if v.st.settings == nil {
		return app.DefaultSettings(), nil
	}
	return *v.st.settings, nil
}

// notFound is data's error for a single read of a missing record.
func notFound(t app.Table, id string) error {
	return fmt.Errorf("read %s %s: %w", what(t), id, app.ErrNotFound)
}

// likeContains is SQLite's s LIKE '%sub%' (with sub's wildcards escaped):
// a substring match that ignores the case of ASCII letters only.
func likeContains(s, sub string) bool {
	return strings.Contains(asciiLower(s), asciiLower(sub))
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ftsContains is a phrase match of the trigram full-text index: a
// substring match that ignores case.
func ftsContains(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

func limit[T any](list []T, n int) []T {
	if n > 0 && len(list) > n {
		return list[:n:n]
	}
	return list
}

func (v view) enterpriseOut(e app.Enterprise) app.Enterprise {
	e.Categories = nonNil(e.Categories)
	return e
}

// enterpriseName and leaderName are the names a LEFT JOIN finds: of the
// record with id, deleted or not; ok is false when there is none.
func (v view) enterpriseName(id string) (string, bool) {
	e, ok := v.st.enterprises.get(id)
	return e.Name, ok
}

func (v view) leaderName(id string) (string, bool) {
	l, ok := v.st.leaders.get(id)
	return l.Name, ok
}

// Enterprise returns the live enterprise with id.
func (v view) Enterprise(ctx context.Context, id string) (app.Enterprise, error) {
	if err := v.ready(ctx); err != nil {
		return app.Enterprise{}, err
	}
	e, ok := v.st.enterprises.live(id)
	if !ok {
		return app.Enterprise{}, notFound(app.TableEnterprises, id)
	}
	return v.enterpriseOut(e), nil
}

// Enterprises lists live enterprises by name, then ID.
func (v view) Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	q := strings.TrimSpace(f.Query)
	var out []app.Enterprise
	for _, e := range v.st.enterprises.rows {
		if e.Deleted || (f.Office != "" && e.Office != f.Office) {
			continue
		}
		if q != "" && !likeContains(e.Name, q) && !likeContains(e.CreditCode, strings.ToUpper(q)) {
			continue
		}
		out = append(out, v.enterpriseOut(e))
	}
	slices.SortStableFunc(out, func(a, b app.Enterprise) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return limit(out, f.Limit), nil
}

// levelRank orders leaders: 市级, 县级, then anything else (and a missing
// leader).
func levelRank(l app.Level, ok bool) int {
	switch {
	case ok && l == app.LevelCity:
		return 0
	case ok && l == app.LevelCounty:
		return 1
	}
	return 2
}

// cmpNullable compares two texts of a LEFT JOIN: a missing one (NULL)
// sorts first.
func cmpNullable(a string, aok bool, b string, bok bool) int {
	switch {
	case aok == bok:
		return strings.Compare(a, b)
	case !aok:
		return -1
	}
	return 1
}

func cmpLeaders(a, b app.Leader) int {
	if c := levelRank(a.Level, true) - levelRank(b.Level, true); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// Leader returns the live leader with id.
func (v view) Leader(ctx context.Context, id string) (app.Leader, error) {
	if err := v.ready(ctx); err != nil {
		return app.Leader{}, err
	}
	l, ok := v.st.leaders.live(id)
	if !ok {
		return app.Leader{}, notFound(app.TableLeaders, id)
	}
	return l, nil
}

// Leaders lists live leaders, 市级 first, then by name and ID.
func (v view) Leaders(ctx context.Context, f app.LeaderFilter) ([]app.Leader, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	q := strings.TrimSpace(f.Query)
	var out []app.Leader
	for _, l := range v.st.leaders.rows {
		if l.Deleted || (f.Office != "" && l.Office != f.Office) {
			continue
		}
		if q != "" && !likeContains(l.Name, q) && !likeContains(l.Post, q) {
			continue
		}
		out = append(out, l)
	}
	slices.SortStableFunc(out, cmpLeaders)
	return out, nil
}

func (v view) assignmentOut(a app.Assignment) app.Assignment {
	a.LeaderName, _ = v.leaderName(a.LeaderID)
	a.EnterpriseName, _ = v.enterpriseName(a.EnterpriseID)
	return a
}

// sortAssignments orders assignments as data does: by the leader's level
// and name, the enterprise's name, then ID.
func (v view) sortAssignments(list []app.Assignment) {
	slices.SortStableFunc(list, func(a, b app.Assignment) int {
		la, laok := v.st.leaders.get(a.LeaderID)
		lb, lbok := v.st.leaders.get(b.LeaderID)
		if c := levelRank(la.Level, laok) - levelRank(lb.Level, lbok); c != 0 {
			return c
		}
		if c := cmpNullable(la.Name, laok, lb.Name, lbok); c != 0 {
			return c
		}
		ea, eaok := v.st.enterprises.get(a.EnterpriseID)
		eb, ebok := v.st.enterprises.get(b.EnterpriseID)
		if c := cmpNullable(ea.Name, eaok, eb.Name, ebok); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// Assignment returns the live assignment with id.
func (v view) Assignment(ctx context.Context, id string) (app.Assignment, error) {
	if err := v.ready(ctx); err != nil {
		return app.Assignment{}, err
	}
	a, ok := v.st.assignments.live(id)
	if !ok {
		return app.Assignment{}, notFound(app.TableAssignments, id)
	}
	return v.assignmentOut(a), nil
}

// Assignments lists live assignments by leader, then enterprise.
func (v view) Assignments(ctx context.Context, f app.AssignmentFilter) ([]app.Assignment, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.Assignment
	for _, a := range v.st.assignments.rows {
		if a.Deleted || (f.Office != "" && a.Office != f.Office) ||
			(f.LeaderID != "" && a.LeaderID != f.LeaderID) ||
			(f.EnterpriseID != "" && a.EnterpriseID != f.EnterpriseID) ||
			(!f.ActiveOn.IsZero() && !a.ActiveOn(f.ActiveOn)) {
			continue
		}
		out = append(out, v.assignmentOut(a))
	}
	v.sortAssignments(out)
	return out, nil
}

func (v view) visitOut(x app.Visit) app.Visit {
	x.LeaderName, _ = v.leaderName(x.LeaderID)
	x.EnterpriseName, _ = v.enterpriseName(x.EnterpriseID)
	return x
}

// Visit returns the live visit with id.
func (v view) Visit(ctx context.Context, id string) (app.Visit, error) {
	if err := v.ready(ctx); err != nil {
		return app.Visit{}, err
	}
	x, ok := v.st.visits.live(id)
	if !ok {
		return app.Visit{}, notFound(app.TableVisits, id)
	}
	return v.visitOut(x), nil
}

// Visits lists live visits, newest first: by date, then time saved, both
// descending, then ID.
func (v view) Visits(ctx context.Context, f app.VisitFilter) ([]app.Visit, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	q := strings.TrimSpace(f.Query)
	var out []app.Visit
	for _, x := range v.st.visits.rows {
		if x.Deleted || (f.Office != "" && x.Office != f.Office) ||
			(f.EnterpriseID != "" && x.EnterpriseID != f.EnterpriseID) ||
			(f.LeaderID != "" && x.LeaderID != f.LeaderID) ||
			(!f.From.IsZero() && x.Date.Before(f.From)) ||
			(!f.To.IsZero() && x.Date.After(f.To)) {
			continue
		}
		x = v.visitOut(x)
		if q != "" && !likeContains(x.LeaderName, q) && !likeContains(x.EnterpriseName, q) &&
			!likeContains(x.Findings, q) && !likeContains(x.Companions, q) {
			continue
		}
		out = append(out, x)
	}
	slices.SortStableFunc(out, func(a, b app.Visit) int {
		switch {
		case a.Date.After(b.Date):
			return -1
		case a.Date.Before(b.Date):
			return 1
		}
		if c := strings.Compare(stampText(b.UpdatedAt), stampText(a.UpdatedAt)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return limit(out, f.Limit), nil
}

func (v view) problemOut(p app.Problem) app.Problem {
	p.EnterpriseName, _ = v.enterpriseName(p.EnterpriseID)
	return p
}

// Problem returns the live problem with id.
func (v view) Problem(ctx context.Context, id string) (app.Problem, error) {
	if err := v.ready(ctx); err != nil {
		return app.Problem{}, err
	}
	p, ok := v.st.problems.live(id)
	if !ok {
		return app.Problem{}, notFound(app.TableProblems, id)
	}
	return v.problemOut(p), nil
}

// matchesQuery reports whether every word of query is in one of the texts
// data searches: number, enterprise name, description, request, lead
// department and person.
func matchesQuery(p *app.Problem, query string) bool {
	texts := []string{p.Number, p.EnterpriseName, p.Description, p.Request, p.LeadDept, p.Person}
	for _, word := range strings.Fields(query) {
		if utf8.RuneCountInString(word) < 3 {
			// data: one LIKE over the texts joined by spaces.
			if !likeContains(strings.Join(texts, " "), word) {
				return false
			}
			continue
		}
		// data: a phrase of the trigram index, within one text.
		found := false
		for _, t := range texts {
			if ftsContains(t, word) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// cmpDateNumber orders problems by a date, then number, both ascending.
func cmpDateNumber(da, db app.Date, na, nb string) int {
	switch {
	case da.Before(db):
		return -1
	case da.After(db):
		return 1
	}
	return strings.Compare(na, nb)
}

// Problems lists live problems, newest registered first, then by number
// descending.
func (v view) Problems(ctx context.Context, f app.ProblemFilter) ([]app.Problem, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	dept := strings.TrimSpace(f.Dept)
	var out []app.Problem
	for _, p := range v.st.problems.rows {
		if p.Deleted || (f.Office != "" && p.Office != f.Office) ||
			(f.Status != "" && p.Status != f.Status) ||
			(f.Category != "" && p.Category != f.Category) ||
			(dept != "" && !likeContains(p.LeadDept, dept)) ||
			(f.EnterpriseID != "" && p.EnterpriseID != f.EnterpriseID) ||
			(f.SourceID != "" && p.SourceID != f.SourceID) ||
			(f.Overdue && !p.Overdue(f.Today)) {
			continue
		}
		p = v.problemOut(p)
		if !matchesQuery(&p, f.Query) {
			continue
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b app.Problem) int {
		return cmpDateNumber(b.Registered, a.Registered, b.Number, a.Number)
	})
	if f.Limit > 0 && f.Offset > 0 {
		out = out[min(f.Offset, len(out)):]
	}
	return limit(out, f.Limit), nil
}

// Events is a problem's live timeline, oldest first: by date, time saved,
// then the order saved.
func (v view) Events(ctx context.Context, problemID string) ([]app.Event, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.Event
	for _, e := range v.st.events.rows {
		if !e.Deleted && e.ProblemID == problemID {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b app.Event) int {
		switch {
		case a.Date.Before(b.Date):
			return -1
		case a.Date.After(b.Date):
			return 1
		}
		return strings.Compare(stampText(a.UpdatedAt), stampText(b.UpdatedAt))
	})
	return out, nil
}

// Meeting returns the live meeting with id.
func (v view) Meeting(ctx context.Context, id string) (app.Meeting, error) {
	if err := v.ready(ctx); err != nil {
		return app.Meeting{}, err
	}
	m, ok := v.st.meetings.live(id)
	if !ok {
		return app.Meeting{}, notFound(app.TableMeetings, id)
	}
	return meetingIn(m), nil
}

// cmpNewest orders records newest first, as data does: by a date, a
// number, then the time saved, all descending, then by ID.
func cmpNewest(da, db app.Date, na, nb int, ma, mb *app.Meta) int {
	switch {
	case da.After(db):
		return -1
	case da.Before(db):
		return 1
	case na != nb:
		return nb - na
	}
	if c := strings.Compare(stampText(mb.UpdatedAt), stampText(ma.UpdatedAt)); c != 0 {
		return c
	}
	return strings.Compare(ma.ID, mb.ID)
}

// Meetings lists live meetings, newest first: by date, then number, then
// time saved, all descending.
func (v view) Meetings(ctx context.Context, f app.MeetingFilter) ([]app.Meeting, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	q := strings.TrimSpace(f.Query)
	var out []app.Meeting
	for _, m := range v.st.meetings.rows {
		if m.Deleted || (f.Office != "" && m.Office != f.Office) ||
			(f.Kind != "" && m.Kind != f.Kind) ||
			(!f.From.IsZero() && m.Date.Before(f.From)) ||
			(!f.To.IsZero() && m.Date.After(f.To)) {
			continue
		}
		if q != "" && !likeContains(m.Place, q) && !likeContains(m.Chair, q) &&
			!likeContains(m.Agenda, q) && !likeContains(m.Minutes, q) {
			continue
		}
		out = append(out, meetingIn(m))
	}
	slices.SortStableFunc(out, func(a, b app.Meeting) int { return cmpNewest(a.Date, b.Date, a.Seq, b.Seq, &a.Meta, &b.Meta) })
	return limit(out, f.Limit), nil
}

func (v view) needOut(n app.FinancingNeed) app.FinancingNeed {
	n.EnterpriseName, _ = v.enterpriseName(n.EnterpriseID)
	return n
}

// FinancingNeed returns the live financing need with id.
func (v view) FinancingNeed(ctx context.Context, id string) (app.FinancingNeed, error) {
	if err := v.ready(ctx); err != nil {
		return app.FinancingNeed{}, err
	}
	n, ok := v.st.needs.live(id)
	if !ok {
		return app.FinancingNeed{}, notFound(app.TableFinancing, id)
	}
	return v.needOut(n), nil
}

// FinancingNeeds lists live financing needs, newest first: by date, then
// time saved, both descending.
func (v view) FinancingNeeds(ctx context.Context, f app.FinancingFilter) ([]app.FinancingNeed, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.FinancingNeed
	for _, n := range v.st.needs.rows {
		if n.Deleted || (f.Office != "" && n.Office != f.Office) ||
			(f.EnterpriseID != "" && n.EnterpriseID != f.EnterpriseID) ||
			(f.MeetingID != "" && n.MeetingID != f.MeetingID) ||
			(f.Bank != "" && n.Bank != f.Bank) ||
			(f.Status != "" && n.Status != f.Status) {
			continue
		}
		out = append(out, v.needOut(n))
	}
	slices.SortStableFunc(out, func(a, b app.FinancingNeed) int { return cmpNewest(a.Date, b.Date, 0, 0, &a.Meta, &b.Meta) })
	return limit(out, f.Limit), nil
}

func (v view) loanOut(l app.BridgeLoan) app.BridgeLoan {
	l = loanIn(l)
	l.EnterpriseName, _ = v.enterpriseName(l.EnterpriseID)
	return l
}

// BridgeLoan returns the live bridge loan with id.
func (v view) BridgeLoan(ctx context.Context, id string) (app.BridgeLoan, error) {
	if err := v.ready(ctx); err != nil {
		return app.BridgeLoan{}, err
	}
	l, ok := v.st.loans.live(id)
	if !ok {
		return app.BridgeLoan{}, notFound(app.TableLoans, id)
	}
	return v.loanOut(l), nil
}

// BridgeLoans lists live bridge loans, newest application first: by the
// day applied, then time saved, both descending.
func (v view) BridgeLoans(ctx context.Context, f app.LoanFilter) ([]app.BridgeLoan, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.BridgeLoan
	for _, l := range v.st.loans.rows {
		if l.Deleted || (f.Office != "" && l.Office != f.Office) ||
			(f.EnterpriseID != "" && l.EnterpriseID != f.EnterpriseID) ||
			(f.Status != "" && l.Status != f.Status) {
			continue
		}
		out = append(out, v.loanOut(l))
	}
	slices.SortStableFunc(out, func(a, b app.BridgeLoan) int {
		return cmpNewest(a.AppliedOn, b.AppliedOn, 0, 0, &a.Meta, &b.Meta)
	})
	return limit(out, f.Limit), nil
}

// Dashboard gathers what the 工作台 shows on day today, over the records
// of every office, as data's Dashboard does.
func (v view) Dashboard(ctx context.Context, today app.Date, s app.Settings, office string) (app.Dashboard, error) {
	d := app.Dashboard{Today: today, PeriodStart: app.PeriodStart(today, s.VisitIntervalMonths)}
	if err := v.ready(ctx); err != nil {
		return d, err
	}
	soon := today.AddDays(s.DueSoonDays)
	last := lastLateRegistration(today, s.AssignWithinDays)
	mine := func(m app.Meta) bool { return !m.Deleted && (office == "" || m.Office == office) }
	for _, p := range v.st.problems.rows {
		if !mine(p.Meta) {
			continue
		}
		if p.Status.Open() {
			d.OpenCount++
			if !p.Deadline.IsZero() && p.Deadline.Before(today) {
				d.Overdue = append(d.Overdue, v.problemOut(p))
			}
			if !p.Deadline.IsZero() && !p.Deadline.Before(today) && !p.Deadline.After(soon) {
				d.DueSoon = append(d.DueSoon, v.problemOut(p))
			}
		}
		if p.Status == app.StatusRegistered && !p.Registered.IsZero() && !p.Registered.After(last) &&
			app.AddWorkingDays(p.Registered, s.AssignWithinDays).Before(today) {
			d.Unassigned = append(d.Unassigned, v.problemOut(p))
		}
	}
	byDeadline := func(a, b app.Problem) int { return cmpDateNumber(a.Deadline, b.Deadline, a.Number, b.Number) }
	slices.SortStableFunc(d.Overdue, byDeadline)
	slices.SortStableFunc(d.DueSoon, byDeadline)
	slices.SortStableFunc(d.Unassigned, func(a, b app.Problem) int {
		return cmpDateNumber(a.Registered, b.Registered, a.Number, b.Number)
	})

	type pair struct{ leader, enterprise string }
	visited := map[pair]bool{}
	for _, x := range v.st.visits.rows {
		if !x.Deleted && !x.Date.Before(d.PeriodStart) {
			visited[pair{x.LeaderID, x.EnterpriseID}] = true
		}
	}
	busy := map[string]bool{} // leaders with an assignment in force
	for _, a := range v.st.assignments.rows {
		if a.Deleted || !a.ActiveOn(today) {
			continue
		}
		busy[a.LeaderID] = true
		if !mine(a.Meta) {
			continue
		}
		_, lok := v.st.leaders.live(a.LeaderID)
		_, eok := v.st.enterprises.live(a.EnterpriseID)
		if lok && eok && !visited[pair{a.LeaderID, a.EnterpriseID}] {
			d.Unvisited = append(d.Unvisited, v.assignmentOut(a))
		}
	}
	v.sortAssignments(d.Unvisited)
	for _, l := range v.st.leaders.rows {
		if mine(l.Meta) && !busy[l.ID] {
			d.IdleLeaders = append(d.IdleLeaders, l)
		}
	}
	slices.SortStableFunc(d.IdleLeaders, cmpLeaders)
	return d, nil
}

// lastLateRegistration is the last registration day r for which
// app.AddWorkingDays(r, days) is before today, searched as data searches
// it.
func lastLateRegistration(today app.Date, days int) app.Date {
	r := today.AddDays(-1)
	for i := 0; i < 400 && !app.AddWorkingDays(r, days).Before(today); i++ {
		r = r.AddDays(-1)
	}
	return r
}

// Stats counts the live records of every office; Offices counts this
// office and every office that owns a live record.
func (v view) Stats(ctx context.Context, today app.Date) (app.Stats, error) {
	var s app.Stats
	if err := v.ready(ctx); err != nil {
		return s, err
	}
	offices := map[string]bool{}
	if v.st.office != nil {
		offices[v.st.office.Code] = true
	}
	count := func(m *app.Meta) bool {
		if m.Deleted {
			return false
		}
		offices[m.Office] = true
		return true
	}
	for i := range v.st.enterprises.rows {
		if count(&v.st.enterprises.rows[i].Meta) {
			s.Enterprises++
		}
	}
	for i := range v.st.leaders.rows {
		if count(&v.st.leaders.rows[i].Meta) {
			s.Leaders++
		}
	}
	for i := range v.st.assignments.rows {
		if count(&v.st.assignments.rows[i].Meta) {
			s.Assignments++
		}
	}
	for i := range v.st.visits.rows {
		if count(&v.st.visits.rows[i].Meta) {
			s.Visits++
		}
	}
	for i := range v.st.problems.rows {
		p := &v.st.problems.rows[i]
		if !count(&p.Meta) {
			continue
		}
		s.Problems++
		if p.Status.Open() {
			s.ProblemsOpen++
		}
		if p.Overdue(today) {
			s.ProblemsOverdue++
		}
	}
	for i := range v.st.events.rows {
		count(&v.st.events.rows[i].Meta)
	}
	for i := range v.st.meetings.rows {
		m := &v.st.meetings.rows[i]
		if !count(&m.Meta) {
			continue
		}
		switch m.Kind {
		case app.MeetingRoundtable:
			s.MeetingsRoundtable++
		case app.MeetingOnSite:
			s.MeetingsOnsite++
		case app.MeetingBank:
			s.MeetingsBank++
		}
	}
	for i := range v.st.needs.rows {
		if count(&v.st.needs.rows[i].Meta) {
			s.FinancingNeeds++
		}
	}
	for i := range v.st.loans.rows {
		if count(&v.st.loans.rows[i].Meta) {
			s.BridgeLoans++
		}
	}
	for i := range v.st.notices.rows {
		if count(&v.st.notices.rows[i].Meta) {
			s.Notices++
		}
	}
	for i := range v.st.assessments.rows {
		if count(&v.st.assessments.rows[i].Meta) {
			s.Assessments++
		}
	}
	for i := range v.st.comments.rows {
		if count(&v.st.comments.rows[i].Meta) {
			s.Comments++
		}
	}
	for _, e := range v.st.syncLog {
		if e.Direction == app.SyncImport && e.Outcome == app.SyncOK {
			s.Imports++
		}
	}
	s.Offices = len(offices)
	return s, nil
}

// ---------------------------------------------------------------------------
// Writes

// txn is the app.Tx of one Update: its reads see its own writes.
type txn struct {
	view
	s  *Store
	op app.Op
}

// me returns this store's office, or app.ErrNotSetUp.
func (t *txn) me() (app.Office, error) {
	if t.st == nil {
		return app.Office{}, errTxDone
	}
	if t.st.office == nil {
		return app.Office{}, app.ErrNotSetUp
	}
	return *t.st.office, nil
}

// SetUp makes the store o's; it refuses another office once set up.
func (t *txn) SetUp(o app.Office) error {
	if t.st == nil {
		return errTxDone
	}
	if old := t.st.office; old != nil && old.Code != o.Code {
		return fmt.Errorf("set up office: 数据库已属于 %s（%s），不能改为 %s（%s）", old.Name, old.Code, o.Name, o.Code)
	}
	t.st.office = &o
	return nil
}

// SaveSettings saves the office's settings.
func (t *txn) SaveSettings(s app.Settings) error {
	if t.st == nil {
		return errTxDone
	}
	t.st.settings = &s
	return nil
}

// save inserts (m.ID empty) or updates a record of table tbl; put stores the
// record, already stamped, and record is logged. m is filled on success and
// left as it was on failure.
func (t *txn) save(tbl app.Table, m *app.Meta, record any, put func()) (err error) {
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
	at := t.op.At.UTC()
	op := "insert"
	if m.ID == "" {
		t.s.lastID++
		*m = app.Meta{ID: fmt.Sprintf("id-%d", t.s.lastID), Office: me.Code, Version: 1, UpdatedAt: at, UpdatedBy: t.op.Operator}
	} else {
		cur, ok, _ := t.st.metaOf(tbl, m.ID)
		if !ok || cur.Deleted {
			return fmt.Errorf("save %s %s: %w", tbl, m.ID, app.ErrNotFound)
		}
		if cur.Office != me.Code {
			return fmt.Errorf("save %s %s of office %s: %w", tbl, m.ID, cur.Office, app.ErrNotOwner)
		}
		if cur.Version != m.Version {
			return fmt.Errorf("save %s %s: version %d, stored %d: %w", tbl, m.ID, m.Version, cur.Version, app.ErrStaleVersion)
		}
		*m = app.Meta{ID: m.ID, Office: cur.Office, Version: cur.Version + 1, UpdatedAt: at, UpdatedBy: t.op.Operator}
		op = "update"
	}
	if err := t.logChange(tbl, *m, op, record); err != nil {
		return err
	}
	put()
	return nil
}

// logChange adds the change-log row of a write with this office's next
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
	var seq int64
	for _, c := range t.st.changes {
		if c.Office == me.Code {
			seq = max(seq, c.Seq)
		}
	}
	t.st.changes = append(t.st.changes, Change{
		Office: me.Code, Seq: seq + 1, Table: tbl, RecordID: m.ID, Version: m.Version, Op: op,
		At: t.op.At.UTC(), By: t.op.Operator, Data: string(data),
	})
	return nil
}

// ref is a reference a record makes to another.
type ref struct {
	field string
	tbl   app.Table
	id    string
	msg   string
}

// refs checks that each referenced record is live, with a field error in
// Chinese for each that is not.
func (t *txn) refs(checks ...ref) error {
	if t.st == nil {
		return errTxDone
	}
	var v app.Invalid
	for _, c := range checks {
		if !t.st.isLive(c.tbl, c.id) {
			v.Add(c.field, c.msg)
		}
	}
	return v.Err()
}

// SaveEnterprise saves an enterprise, refusing a credit code another live
// enterprise (of any office) already has.
func (t *txn) SaveEnterprise(e *app.Enterprise) error {
	if t.st == nil {
		return errTxDone
	}
	for _, o := range t.st.enterprises.rows {
		if o.Deleted || o.ID == e.ID || o.CreditCode != e.CreditCode {
			continue
		}
		msg := fmt.Sprintf("统一社会信用代码 %s 已登记为“%s”，不能重复登记", e.CreditCode, o.Name)
		if me, err := t.me(); err == nil && o.Office != me.Code {
			msg = fmt.Sprintf("统一社会信用代码 %s 已由%s登记为“%s”，不能重复登记", e.CreditCode, app.OfficeName(o.Office), o.Name)
		}
		return app.Invalid{{Field: "CreditCode", Msg: msg}}
	}
	return t.save(app.TableEnterprises, &e.Meta, e, func() {
		x := *e
		x.Categories = nonNil(e.Categories)
		t.st.enterprises.put(x.ID, x)
	})
}

// SaveLeader saves a leader.
func (t *txn) SaveLeader(l *app.Leader) error {
	return t.save(app.TableLeaders, &l.Meta, l, func() { t.st.leaders.put(l.ID, *l) })
}

// SaveAssignment saves an assignment whose leader and enterprise are live.
func (t *txn) SaveAssignment(a *app.Assignment) error {
	if err := t.refs(
		ref{"LeaderID", app.TableLeaders, a.LeaderID, "所选联系领导不存在或已删除，请重新选择"},
		ref{"EnterpriseID", app.TableEnterprises, a.EnterpriseID, "所选企业不存在或已删除，请重新选择"},
	); err != nil {
		return err
	}
	return t.save(app.TableAssignments, &a.Meta, a, func() {
		x := *a
		x.LeaderName, x.EnterpriseName = "", ""
		t.st.assignments.put(x.ID, x)
	})
}

// SaveVisit saves a visit whose leader and enterprise are live.
func (t *txn) SaveVisit(v *app.Visit) error {
	if err := t.refs(
		ref{"LeaderID", app.TableLeaders, v.LeaderID, "所选走访领导不存在或已删除，请重新选择"},
		ref{"EnterpriseID", app.TableEnterprises, v.EnterpriseID, "所选企业不存在或已删除，请重新选择"},
	); err != nil {
		return err
	}
	return t.save(app.TableVisits, &v.Meta, v, func() {
		x := *v
		x.LeaderName, x.EnterpriseName = "", ""
		t.st.visits.put(x.ID, x)
	})
}

// SaveProblem saves a problem of a live enterprise. A new problem gets the
// next ledger number of this office and its registration year; an update
// keeps the stored number.
func (t *txn) SaveProblem(p *app.Problem) error {
	if err := t.refs(ref{"EnterpriseID", app.TableEnterprises, p.EnterpriseID, "所选企业不存在或已删除，请重新选择"}); err != nil {
		return err
	}
	oldNumber := p.Number
	if p.ID == "" {
		n, err := t.nextNumber(p.Registered)
		if err != nil {
			return err
		}
		p.Number = n
	} else if stored, ok := t.st.problems.get(p.ID); ok {
		p.Number = stored.Number
	}
	err := t.save(app.TableProblems, &p.Meta, p, func() {
		x := *p
		x.EnterpriseName = ""
		t.st.problems.put(x.ID, x)
	})
	if err != nil {
		p.Number = oldNumber
	}
	return err
}

// nextNumber is the ledger number of the next problem of this office
// registered in the year of day (of op.At when day is not set): one more
// than the highest serial of that office and year, deleted problems
// included.
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
	last := 0
	for _, p := range t.st.problems.rows {
		// data: number > prefix AND number < prefix || '~', then the rest
		// read as SQLite's CAST(… AS INTEGER) reads it.
		if p.Office == me.Code && p.Number > prefix && p.Number < prefix+"~" {
			last = max(last, leadingInt(p.Number[len(prefix):]))
		}
	}
	return app.ProblemNumber(me.Code, year, last+1), nil
}

// leadingInt reads the integer at the start of s as SQLite's CAST(s AS
// INTEGER) does: spaces, a sign, digits; 0 when there are none.
func leadingInt(s string) int {
	s = strings.TrimLeft(s, " \t\n\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	n := 0
	for i := 0; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

// SaveEvent saves a timeline event of a live problem.
func (t *txn) SaveEvent(e *app.Event) error {
	if err := t.refs(ref{"ProblemID", app.TableProblems, e.ProblemID, "问题不存在或已删除"}); err != nil {
		return err
	}
	return t.save(app.TableEvents, &e.Meta, e, func() { t.st.events.put(e.ID, *e) })
}

// enterpriseMsg is data's refusal of a reference to an enterprise that is
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
	return t.save(app.TableMeetings, &m.Meta, m, func() { t.st.meetings.put(m.ID, meetingIn(*m)) })
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
	return t.save(app.TableFinancing, &n.Meta, n, func() {
		x := *n
		x.EnterpriseName = ""
		t.st.needs.put(x.ID, x)
	})
}

// SaveBridgeLoan saves a bridge loan of a live enterprise.
func (t *txn) SaveBridgeLoan(l *app.BridgeLoan) error {
	if err := t.refs(ref{"EnterpriseID", app.TableEnterprises, l.EnterpriseID, enterpriseMsg}); err != nil {
		return err
	}
	return t.save(app.TableLoans, &l.Meta, l, func() { t.st.loans.put(l.ID, loanIn(*l)) })
}

// Delete marks the live record id of table tb as deleted, adds one to its
// version and logs the tombstone. It refuses another office's record.
func (t *txn) Delete(tb app.Table, id string) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	var rec any
	switch tb {
	case app.TableEnterprises:
		x, ok := t.st.enterprises.live(id)
		x.Categories = nonNil(x.Categories)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableLeaders:
		x, ok := t.st.leaders.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableAssignments:
		x, ok := t.st.assignments.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableVisits:
		x, ok := t.st.visits.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableProblems:
		x, ok := t.st.problems.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableEvents:
		x, ok := t.st.events.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableMeetings:
		x, ok := t.st.meetings.live(id)
		x = meetingIn(x)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableFinancing:
		x, ok := t.st.needs.live(id)
		x = t.needOut(x)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableLoans:
		x, ok := t.st.loans.live(id)
		x = t.loanOut(x)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableComments:
		x, ok := t.st.comments.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableNotices:
		x, ok := t.st.notices.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	case app.TableAttachments:
		x, ok := t.st.attachments.live(id)
		rec, err = &x, t.deleted(tb, id, ok, &x.Meta, me)
	default:
		return fmt.Errorf("delete %s %s: unknown table", tb, id)
	}
	if err != nil {
		return err
	}
	m, _, _ := t.st.metaOf(tb, id)
	if err := t.logChange(tb, m, "delete", rec); err != nil {
		return err
	}
	return nil
}

// deleted checks that this office may delete the record whose identity is
// m (found: ok), turns m into its tombstone and stores that.
func (t *txn) deleted(tb app.Table, id string, ok bool, m *app.Meta, me app.Office) error {
	if !ok {
		return fmt.Errorf("delete: %w", notFound(tb, id))
	}
	if m.Office != me.Code {
		return fmt.Errorf("delete %s %s of office %s: %w", tb, id, m.Office, app.ErrNotOwner)
	}
	m.Version++
	m.UpdatedAt, m.UpdatedBy, m.Deleted = t.op.At.UTC(), t.op.Operator, true
	tomb := *m
	t.st.edit(tb, id, func(stored *app.Meta) { *stored = tomb })
	return nil
}
