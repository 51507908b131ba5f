package apptest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"wugeyi/app"
)

// The reads and writes of sync files (keys, cards, the sync log, the change
// log as it leaves, records as they arrive) and the city's comments, with
// the semantics of package data:
//
//   - Comments are written by the city bureau only, on a live problem; the
//     list is live comments newest first (date, then time saved, both
//     descending, then ID) with the problem's number.
//   - Keys are stored once; a second SaveKeys is refused. Cards are kept by
//     office code, replaced by a new Trust; this office's own is refused.
//   - The sync log is listed newest logged first; times are kept in UTC.
//   - Put writes a record of another office as its change carries it, only
//     when its version is above the stored one, and never logs a change.

// Comments lists the live comments, newest first.
func (s *Store) Comments(ctx context.Context, f app.CommentFilter) ([]app.Comment, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Comments(ctx, f)
}

// Keys are this office's secret keys, or app.ErrNotFound.
func (s *Store) Keys(ctx context.Context) (app.OfficeKeys, error) {
	v, err := s.reader()
	if err != nil {
		return app.OfficeKeys{}, err
	}
	return v.Keys(ctx)
}

// Cards lists the trusted cards by office code.
func (s *Store) Cards(ctx context.Context) ([]app.Card, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Cards(ctx)
}

// Card is the trusted card of office, or app.ErrNotFound.
func (s *Store) Card(ctx context.Context, office string) (app.Card, error) {
	v, err := s.reader()
	if err != nil {
		return app.Card{}, err
	}
	return v.Card(ctx, office)
}

// Changes lists the latest state of each record of office changed after
// sequence after, in sequence order, with the highest sequence of office.
func (s *Store) Changes(ctx context.Context, office string, after int64) ([]app.Change, int64, error) {
	v, err := s.reader()
	if err != nil {
		return nil, 0, err
	}
	return v.Changes(ctx, office, after)
}

// Versions maps the ID of each record of t owned by office to its version.
func (s *Store) Versions(ctx context.Context, t app.Table, office string) (map[string]int64, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Versions(ctx, t, office)
}

// SyncLog lists the sync log, newest first, of one peer when set.
func (s *Store) SyncLog(ctx context.Context, peer string, limit int) ([]app.SyncEntry, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.SyncLog(ctx, peer, limit)
}

// SyncByHash is the successful import of the file with hash, if any.
func (s *Store) SyncByHash(ctx context.Context, hash string) (app.SyncEntry, bool, error) {
	v, err := s.reader()
	if err != nil {
		return app.SyncEntry{}, false, err
	}
	return v.SyncByHash(ctx, hash)
}

// Comments lists the live comments, newest first: by date, then time saved,
// both descending, then ID; ProblemNumber is the number of the problem
// commented on, deleted or not.
func (v view) Comments(ctx context.Context, f app.CommentFilter) ([]app.Comment, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.Comment
	for _, c := range v.st.comments.rows {
		if c.Deleted || (f.ProblemID != "" && c.ProblemID != f.ProblemID) ||
			(f.ProblemOffice != "" && c.ProblemOffice != f.ProblemOffice) {
			continue
		}
		if p, ok := v.st.problems.get(c.ProblemID); ok {
			c.ProblemNumber = p.Number
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b app.Comment) int { return cmpNewest(a.Date, b.Date, 0, 0, &a.Meta, &b.Meta) })
	return out, nil
}

// keysOut and cardOut copy the byte slices out of the state.
func keysOut(k app.OfficeKeys) app.OfficeKeys {
	k.SignPrivate = bytes.Clone(k.SignPrivate)
	return k
}

func cardOut(c app.Card) app.Card {
	c.SignKey = bytes.Clone(c.SignKey)
	return c
}

// Keys are this office's secret keys, or app.ErrNotFound.
func (v view) Keys(ctx context.Context) (app.OfficeKeys, error) {
	if err := v.ready(ctx); err != nil {
		return app.OfficeKeys{}, err
	}
	if v.st.keys == nil {
		return app.OfficeKeys{}, fmt.Errorf("read office keys: %w", app.ErrNotFound)
	}
	return keysOut(*v.st.keys), nil
}

// Cards lists the trusted cards by office code.
func (v view) Cards(ctx context.Context) ([]app.Card, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.Card
	for _, c := range v.st.cards {
		out = append(out, cardOut(c))
	}
	return out, nil
}

// Card is the trusted card of office, or app.ErrNotFound.
func (v view) Card(ctx context.Context, office string) (app.Card, error) {
	if err := v.ready(ctx); err != nil {
		return app.Card{}, err
	}
	for _, c := range v.st.cards {
		if c.Office == office {
			return cardOut(c), nil
		}
	}
	return app.Card{}, fmt.Errorf("read card of %s: %w", office, app.ErrNotFound)
}

// Changes lists, for each record of office in the change log, its latest
// change when that change's sequence is above after, in sequence order; the
// highest sequence of office comes with them.
func (v view) Changes(ctx context.Context, office string, after int64) ([]app.Change, int64, error) {
	if err := v.ready(ctx); err != nil {
		return nil, 0, err
	}
	type key struct {
		t  app.Table
		id string
	}
	latest := map[key]Change{}
	var top int64
	for _, c := range v.st.changes {
		if c.Office != office {
			continue
		}
		top = max(top, c.Seq)
		k := key{c.Table, c.RecordID}
		if old, ok := latest[k]; !ok || c.Seq > old.Seq {
			latest[k] = c
		}
	}
	var out []app.Change
	for _, c := range latest {
		if c.Seq <= after {
			continue
		}
		deleted := c.Op == "delete"
		if !deleted {
			var m struct {
				Deleted bool `json:"deleted"`
			}
			if err := json.Unmarshal([]byte(c.Data), &m); err != nil {
				return nil, 0, fmt.Errorf("list changes of %s: %s %s: %w", office, c.Table, c.RecordID, err)
			}
			deleted = m.Deleted
		}
		out = append(out, app.Change{Seq: c.Seq, Table: c.Table, ID: c.RecordID, Office: c.Office, Version: c.Version,
			Deleted: deleted, Data: json.RawMessage(c.Data)})
	}
	slices.SortFunc(out, func(a, b app.Change) int { return int(a.Seq - b.Seq) })
	return out, top, nil
}

// metas returns the identity of every record of table t, deleted ones
// included, in the order inserted; known is false for a table the store
// does not have.
func (st *state) metas(t app.Table) (out []app.Meta, known bool) {
	collect := func(n int, m func(i int) *app.Meta) {
		for i := range n {
			out = append(out, *m(i))
		}
	}
	switch t {
	case app.TableEnterprises:
		collect(len(st.enterprises.rows), func(i int) *app.Meta { return &st.enterprises.rows[i].Meta })
	case app.TableLeaders:
		collect(len(st.leaders.rows), func(i int) *app.Meta { return &st.leaders.rows[i].Meta })
	case app.TableAssignments:
		collect(len(st.assignments.rows), func(i int) *app.Meta { return &st.assignments.rows[i].Meta })
	case app.TableVisits:
		collect(len(st.visits.rows), func(i int) *app.Meta { return &st.visits.rows[i].Meta })
	case app.TableProblems:
		collect(len(st.problems.rows), func(i int) *app.Meta { return &st.problems.rows[i].Meta })
	case app.TableEvents:
		collect(len(st.events.rows), func(i int) *app.Meta { return &st.events.rows[i].Meta })
	case app.TableMeetings:
		collect(len(st.meetings.rows), func(i int) *app.Meta { return &st.meetings.rows[i].Meta })
	case app.TableFinancing:
		collect(len(st.needs.rows), func(i int) *app.Meta { return &st.needs.rows[i].Meta })
	case app.TableLoans:
		collect(len(st.loans.rows), func(i int) *app.Meta { return &st.loans.rows[i].Meta })
	case app.TableComments:
		collect(len(st.comments.rows), func(i int) *app.Meta { return &st.comments.rows[i].Meta })
	case app.TableNotices:
		collect(len(st.notices.rows), func(i int) *app.Meta { return &st.notices.rows[i].Meta })
	case app.TableAssessments:
		collect(len(st.assessments.rows), func(i int) *app.Meta { return &st.assessments.rows[i].Meta })
	case app.TableAttachments:
		collect(len(st.attachments.rows), func(i int) *app.Meta { return &st.attachments.rows[i].Meta })
	default:
		return nil, false
	}
	return out, true
}

// Versions maps the ID of each record of t owned by office, deleted or
// not, to its version.
func (v view) Versions(ctx context.Context, t app.Table, office string) (map[string]int64, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	ms, known := v.st.metas(t)
	if !known {
		return nil, fmt.Errorf("versions of %s: unknown table", t)
	}
	out := map[string]int64{}
	for _, m := range ms {
		if m.Office == office {
			out[m.ID] = m.Version
		}
	}
	return out, nil
}

// countsIn is a sync-log line's counts as data stores them: a copy, nil
// when empty.
func countsIn(c map[app.Table]app.TableCounts) map[app.Table]app.TableCounts {
	if len(c) == 0 {
		return nil
	}
	return maps.Clone(c)
}

// SyncLog lists the sync log, the line logged last first; peer, when set,
// keeps that office's lines; limit, when above zero, the first ones.
func (v view) SyncLog(ctx context.Context, peer string, limit int) ([]app.SyncEntry, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.SyncEntry
	for i := len(v.st.syncLog) - 1; i >= 0; i-- {
		e := v.st.syncLog[i]
		if peer != "" && e.Peer != peer {
			continue
		}
		e.Counts = countsIn(e.Counts)
		out = append(out, e)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out, nil
}

// SyncByHash is the first successful import of the file with hash, if any.
func (v view) SyncByHash(ctx context.Context, hash string) (app.SyncEntry, bool, error) {
	if err := v.ready(ctx); err != nil {
		return app.SyncEntry{}, false, err
	}
	for _, e := range v.st.syncLog {
		if e.Hash == hash && e.Direction == app.SyncImport && e.Outcome == app.SyncOK {
			e.Counts = countsIn(e.Counts)
			return e, true, nil
		}
	}
	return app.SyncEntry{}, false, nil
}

// SaveComment saves the city's comment on a live problem; only the city
// bureau may write comments.
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
	return t.save(app.TableComments, &c.Meta, c, func() {
		x := *c
		x.ProblemNumber = ""
		t.st.comments.put(x.ID, x)
	})
}

// SaveKeys stores this office's secret keys; it is refused once keys exist.
func (t *txn) SaveKeys(k app.OfficeKeys) error {
	if t.st == nil {
		return errTxDone
	}
	if t.st.keys != nil {
		return errors.New("save office keys: 本单位的密钥已经生成，不能再次生成")
	}
	k = keysOut(k)
	k.Created = k.Created.UTC()
	t.st.keys = &k
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
	c = cardOut(c)
	c.Created = c.Created.UTC()
	i, found := slices.BinarySearchFunc(t.st.cards, c.Office, func(x app.Card, office string) int {
		return strings.Compare(x.Office, office)
	})
	if found {
		t.st.cards[i] = c
	} else {
		t.st.cards = slices.Insert(t.st.cards, i, c)
	}
	return nil
}

// LogSync adds a line to the sync log, giving it the next ID; a zero At is
// the operation's time.
func (t *txn) LogSync(e *app.SyncEntry) error {
	if t.st == nil {
		return errTxDone
	}
	x := *e
	var last int64
	for _, o := range t.st.syncLog {
		last = max(last, o.ID)
	}
	x.ID = last + 1
	if x.At.IsZero() {
		x.At = t.op.At
	}
	x.At = x.At.UTC()
	x.Counts = countsIn(x.Counts)
	if x.Direction == app.SyncExport && x.Outcome == app.SyncOK && len(x.Sent) > 0 {
		sent := maps.Clone(t.st.sent[x.Peer]) // the committed state's map stays as it was
		if sent == nil {
			sent = map[string]bool{}
		}
		for _, h := range x.Sent {
			sent[h] = true
		}
		t.st.sent[x.Peer] = sent
	}
	x.Sent = nil // the log keeps no list, as data's does not
	t.st.syncLog = append(t.st.syncLog, x)
	e.ID = x.ID
	return nil
}

// Put writes a record of another office as its change carries it, when its
// version is above the stored one.
// PutAll does Put for each of cs in order.
func (t *txn) PutAll(cs []app.Change, progress func(done int)) []error {
	errs := make([]error, len(cs))
	for i, c := range cs {
		errs[i] = t.Put(c)
		if progress != nil && ((i+1)%1000 == 0 || i+1 == len(cs)) {
			progress(i + 1)
		}
	}
	return errs
}

func (t *txn) Put(c app.Change) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	var (
		m     *app.Meta
		store func()
	)
	switch c.Table {
	case app.TableEnterprises:
		var x app.Enterprise
		m, store = &x.Meta, func() { x.Categories = nonNil(x.Categories); t.st.enterprises.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableLeaders:
		var x app.Leader
		m, store = &x.Meta, func() { t.st.leaders.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableAssignments:
		var x app.Assignment
		m, store = &x.Meta, func() { t.st.assignments.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableVisits:
		var x app.Visit
		m, store = &x.Meta, func() { t.st.visits.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableProblems:
		var x app.Problem
		m, store = &x.Meta, func() { t.st.problems.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableEvents:
		var x app.Event
		m, store = &x.Meta, func() { t.st.events.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableMeetings:
		var x app.Meeting
		m, store = &x.Meta, func() { t.st.meetings.put(x.ID, meetingIn(x)) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableFinancing:
		var x app.FinancingNeed
		m, store = &x.Meta, func() { t.st.needs.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableLoans:
		var x app.BridgeLoan
		m, store = &x.Meta, func() { t.st.loans.put(x.ID, loanIn(x)) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableComments:
		var x app.Comment
		m, store = &x.Meta, func() { t.st.comments.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableNotices:
		var x app.PublishedNotice
		m, store = &x.Meta, func() { t.st.notices.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableAssessments:
		var x app.PublishedAssessment
		m, store = &x.Meta, func() { t.st.assessments.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	case app.TableAttachments:
		var x app.Attachment
		m, store = &x.Meta, func() { t.st.attachments.put(x.ID, x) }
		err = json.Unmarshal(c.Data, &x)
	default:
		return fmt.Errorf("put %s %s: unknown table", c.Table, c.ID)
	}
	if err != nil {
		return fmt.Errorf("put %s %s: decode: %w", c.Table, c.ID, err)
	}
	if err := checkPut(c, *m, me); err != nil {
		return err
	}
	m.UpdatedAt = m.UpdatedAt.UTC()
	cur, ok, _ := t.st.metaOf(c.Table, c.ID)
	switch {
	case !ok:
	case cur.Office != c.Office:
		return fmt.Errorf("put %s %s of office %s, stored as office %s's: %w", c.Table, c.ID, c.Office, cur.Office, app.ErrNotOwner)
	case c.Version <= cur.Version:
		return nil
	}
	store()
	return nil
}

// checkPut checks that a change's record is what the change says it is and
// not this office's own (me).
func checkPut(c app.Change, m app.Meta, me app.Office) error {
	if c.ID == "" || m.ID != c.ID || m.Office != c.Office || m.Version != c.Version || m.Deleted != c.Deleted {
		return fmt.Errorf("put %s %s: the record is inconsistent with its change (id %q office %q version %d deleted %t)",
			c.Table, c.ID, m.ID, m.Office, m.Version, m.Deleted)
	}
	if c.Office == me.Code {
		return fmt.Errorf("put %s %s of this office %s: %w", c.Table, c.ID, c.Office, app.ErrNotOwner)
	}
	return nil
}

// PublishedNotices lists the live published notices, the latest published
// first.
func (s *Store) PublishedNotices(ctx context.Context) ([]app.PublishedNotice, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.PublishedNotices(ctx)
}

// PublishedNotices lists the live published notices: by publishing day,
// then period, both descending, then ID, as data orders them.
func (v view) PublishedNotices(ctx context.Context) ([]app.PublishedNotice, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.PublishedNotice
	for _, n := range v.st.notices.rows {
		if !n.Deleted {
			n.Rows = slices.Clone(n.Rows)
			out = append(out, n)
		}
	}
	slices.SortStableFunc(out, func(a, b app.PublishedNotice) int {
		return cmp.Or(strings.Compare(b.Published.String(), a.Published.String()), strings.Compare(b.Period, a.Period), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// SavePublishedNotice saves a notice the city bureau publishes.
func (t *txn) SavePublishedNotice(n *app.PublishedNotice) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if me.Role != app.RoleCity {
		return app.FieldError{Field: "Period", Msg: "只有市工信局可以发布进展通报"}
	}
	return t.save(app.TableNotices, &n.Meta, n, func() {
		x := *n
		x.Rows = slices.Clone(n.Rows)
		t.st.notices.put(x.ID, x)
	})
}

// PublishedAssessments lists the live published assessments, by year then
// office.
func (s *Store) PublishedAssessments(ctx context.Context) ([]app.PublishedAssessment, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.PublishedAssessments(ctx)
}

// PublishedAssessments lists the live published assessments: by year, then
// the office assessed, then ID, as data orders them.
func (v view) PublishedAssessments(ctx context.Context) ([]app.PublishedAssessment, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.PublishedAssessment
	for _, a := range v.st.assessments.rows {
		if !a.Deleted {
			out = append(out, assessmentCopy(a))
		}
	}
	slices.SortStableFunc(out, func(a, b app.PublishedAssessment) int {
		return cmp.Or(cmp.Compare(a.Result.Year, b.Result.Year), strings.Compare(a.Result.Office, b.Result.Office), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// assessmentCopy is a with a Rows slice of its own.
func assessmentCopy(a app.PublishedAssessment) app.PublishedAssessment {
	a.Result.Rows = slices.Clone(a.Result.Rows)
	return a
}

// SavePublishedAssessment saves an assessment the city bureau publishes.
func (t *txn) SavePublishedAssessment(a *app.PublishedAssessment) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if me.Role != app.RoleCity {
		return app.FieldError{Field: "Year", Msg: "只有市工信局可以发布考核结果"}
	}
	return t.save(app.TableAssessments, &a.Meta, a, func() {
		x := assessmentCopy(*a)
		t.st.assessments.put(x.ID, x)
	})
}

// HandScores lists the hand scores of year, by office then indicator.
func (s *Store) HandScores(ctx context.Context, year int) ([]app.HandScore, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.HandScores(ctx, year)
}

// HandScores lists the hand scores of year, by office then indicator.
func (v view) HandScores(ctx context.Context, year int) ([]app.HandScore, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.HandScore
	for _, h := range v.st.handScores {
		if h.Year == year {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b app.HandScore) int {
		return cmp.Or(strings.Compare(a.Office, b.Office), strings.Compare(a.Indicator, b.Indicator))
	})
	return out, nil
}

// SaveHandScore saves or replaces a hand score of the city's.
func (t *txn) SaveHandScore(h app.HandScore) error {
	me, err := t.me()
	if err != nil {
		return err
	}
	if me.Role != app.RoleCity {
		return app.FieldError{Field: "Score", Msg: "只有市工信局可以评分"}
	}
	h.At = h.At.UTC()
	for i, o := range t.st.handScores {
		if o.Year == h.Year && o.Office == h.Office && o.Indicator == h.Indicator {
			t.st.handScores[i] = h
			return nil
		}
	}
	t.st.handScores = append(t.st.handScores, h)
	return nil
}
