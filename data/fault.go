package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"wugeyi/app"
)

// This file tells a fault of the database from a refusal of one record.
// A refusal (app.ErrNotOwner, app.ErrStaleVersion, a missing reference, a
// field error, a record that does not decode, a constraint SQLite refused
// the statement for) leaves the transaction as it was: the caller may go
// on. A fault (a full disk, a read-only file, an I/O error, an interrupt,
// a transaction SQLite rolled back by itself) ends the whole Update: it is
// rolled back and returns the fault, whatever its fn returns.

// faultError is a fault of the database: kind is the app error that says
// it in Chinese, err what SQLite said.
type faultError struct {
	kind error
	err  error
}

func (e *faultError) Error() string { return e.kind.Error() + "（" + e.err.Error() + "）" }

func (e *faultError) Unwrap() []error { return []error{e.kind, e.err} }

// asFault returns err as a fault, or nil when err is nil or a refusal of a
// record. A context that ends is a fault too, returned as it is.
func asFault(err error) error {
	var f *faultError
	var se *sqlite.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &f):
		return f
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.As(err, &se):
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			return nil // the statement alone is undone
		case sqlite3.SQLITE_FULL:
			return &faultError{app.ErrDiskFull, err}
		case sqlite3.SQLITE_READONLY:
			return &faultError{app.ErrReadOnly, err}
		}
		return &faultError{app.ErrDiskIO, err}
	case errors.Is(err, sql.ErrTxDone), errors.Is(err, sql.ErrConnDone), errors.Is(err, driver.ErrBadConn):
		return &faultError{app.ErrDiskIO, err}
	}
	return nil
}

// withFault is err as a fault when it is one, which says in Chinese what
// happened, or else err of the operation op.
func withFault(op string, err error) error {
	if f := asFault(err); f != nil {
		return f
	}
	return fmt.Errorf("%s: %w", op, err)
}

// errLost is the fault of a transaction SQLite rolled back by itself with
// no error seen.
var errLost = errors.New("SQLite rolled the transaction back")

// watch is what the hooks of the writer connection see of one Update.
type watch struct {
	lost       atomic.Bool // SQLite rolled the transaction back
	committing atomic.Bool // Update commits: the one commit allowed
}

// hooks are the hooks of modernc.org/sqlite's connection that watch uses.
type hooks interface {
	RegisterCommitHook(sqlite.CommitHookFn)
	RegisterRollbackHook(sqlite.RollbackHookFn)
}

// start hooks w on the writer connection c for one Update: a rollback
// marks the transaction lost, and a commit other than Update's own — a
// statement run in autocommit mode after SQLite ended the transaction —
// is turned into a rollback, so that nothing of a failed Update is kept.
// The returned function removes the hooks.
func (w *watch) start(c *sql.Conn) (stop func(), err error) {
	err = c.Raw(func(dc any) error {
		h, ok := dc.(hooks)
		if !ok {
			return errors.New("the SQLite driver has no commit and rollback hooks")
		}
		h.RegisterRollbackHook(func() { w.lost.Store(true) })
		h.RegisterCommitHook(func() int32 {
			if w.committing.Load() {
				return 0
			}
			return 1
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return func() {
		c.Raw(func(dc any) error {
			h := dc.(hooks)
			h.RegisterCommitHook(nil)
			h.RegisterRollbackHook(nil)
			return nil
		})
	}, nil
}

// note records err as the transaction's fault when it is one (or when
// SQLite has rolled the transaction back), and returns what the caller
// should return: the fault, or err as it was.
func (t *txn) note(err error) error {
	if t.fault != nil {
		return t.fault
	}
	f := asFault(err)
	if f == nil && t.watch.lost.Load() {
		if err == nil {
			err = errLost
		}
		f = &faultError{app.ErrDiskIO, err}
	}
	if f == nil {
		return err
	}
	t.fault = f
	return f
}

// write runs the write fn(a) of the transaction: none after a fault, and
// a fault of its own is remembered.
func write[A any](t *txn, fn func(A) error, a A) error {
	if t.fault != nil {
		return t.fault
	}
	if err := fn(a); err != nil {
		return t.note(err)
	}
	return nil
}

// guarded is the app.Tx an Update gives its fn: every write goes through
// write, so that a fault its fn does not return still ends the Update.
// Each method is the txn's of the same name.
type guarded struct{ *txn }

var _ app.Tx = guarded{}

func (g guarded) SetUp(o app.Office) error          { return write(g.txn, g.txn.SetUp, o) }
func (g guarded) SaveSettings(s app.Settings) error { return write(g.txn, g.txn.SaveSettings, s) }
func (g guarded) SaveEnterprise(e *app.Enterprise) error {
	return write(g.txn, g.txn.SaveEnterprise, e)
}
func (g guarded) SaveLeader(l *app.Leader) error { return write(g.txn, g.txn.SaveLeader, l) }
func (g guarded) SaveDepartment(d *app.Department) error {
	return write(g.txn, g.txn.SaveDepartment, d)
}
func (g guarded) SaveAssignment(a *app.Assignment) error {
	return write(g.txn, g.txn.SaveAssignment, a)
}
func (g guarded) SaveVisit(v *app.Visit) error     { return write(g.txn, g.txn.SaveVisit, v) }
func (g guarded) SaveProblem(p *app.Problem) error { return write(g.txn, g.txn.SaveProblem, p) }
func (g guarded) SaveEvent(e *app.Event) error     { return write(g.txn, g.txn.SaveEvent, e) }
func (g guarded) SaveMeeting(m *app.Meeting) error { return write(g.txn, g.txn.SaveMeeting, m) }
func (g guarded) SaveFinancingNeed(n *app.FinancingNeed) error {
	return write(g.txn, g.txn.SaveFinancingNeed, n)
}
func (g guarded) SaveBridgeLoan(l *app.BridgeLoan) error {
	return write(g.txn, g.txn.SaveBridgeLoan, l)
}
func (g guarded) SaveComment(c *app.Comment) error { return write(g.txn, g.txn.SaveComment, c) }
func (g guarded) SaveCalendarYear(y *app.CalendarYear) error {
	return write(g.txn, g.txn.SaveCalendarYear, y)
}

func (g guarded) SaveLoanDecision(d *app.LoanDecision) error {
	return write(g.txn, g.txn.SaveLoanDecision, d)
}
func (g guarded) SavePublishedNotice(n *app.PublishedNotice) error {
	return write(g.txn, g.txn.SavePublishedNotice, n)
}
func (g guarded) SavePublishedAssessment(a *app.PublishedAssessment) error {
	return write(g.txn, g.txn.SavePublishedAssessment, a)
}
func (g guarded) SaveHandScore(h app.HandScore) error { return write(g.txn, g.txn.SaveHandScore, h) }
func (g guarded) SaveAttachment(a *app.Attachment) error {
	return write(g.txn, g.txn.SaveAttachment, a)
}
func (g guarded) SaveKeys(k app.OfficeKeys) error { return write(g.txn, g.txn.SaveKeys, k) }
func (g guarded) AddSM2Keys(k app.OfficeKeys) error {
	return write(g.txn, g.txn.AddSM2Keys, k)
}
func (g guarded) Trust(c app.Card) error          { return write(g.txn, g.txn.Trust, c) }
func (g guarded) SaveAccount(a app.Account) error { return write(g.txn, g.txn.SaveAccount, a) }
func (g guarded) DeleteAccount(name string) error { return write(g.txn, g.txn.DeleteAccount, name) }
func (g guarded) Put(c app.Change) error          { return write(g.txn, g.txn.Put, c) }
func (g guarded) LogSync(e *app.SyncEntry) error  { return write(g.txn, g.txn.LogSync, e) }

func (g guarded) PutContent(hash string, content []byte) error {
	return write(g.txn, func(c []byte) error { return g.txn.PutContent(hash, c) }, content)
}

func (g guarded) Delete(tb app.Table, id string) error {
	return write(g.txn, func(id string) error { return g.txn.Delete(tb, id) }, id)
}
