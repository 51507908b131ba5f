package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"wugeyi/app"
)

const accountSelect = "SELECT name, access, hash, failures, locked_to, created, created_by, changed, changed_by FROM accounts"

func accountDest(a *app.Account) []any {
	return []any{&a.Name, strCol[app.Access]{&a.Access}, &a.Hash, &a.Failures, timeCol{&a.LockedTo},
		timeCol{&a.Created}, &a.CreatedBy, timeCol{&a.Changed}, &a.ChangedBy}
}

// Accounts lists the operator accounts of this database by name.
func (r reader) Accounts(ctx context.Context) ([]app.Account, error) {
	l, err := queryPlain(ctx, r.q, accountDest, accountSelect+" ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	return l, nil
}

// Account is the account named name, or app.ErrNotFound.
func (r reader) Account(ctx context.Context, name string) (app.Account, error) {
	var a app.Account
	err := r.q.QueryRowContext(ctx, accountSelect+" WHERE name = ?", name).Scan(accountDest(&a)...)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("read account %s: %w", name, app.ErrNotFound)
	}
	if err != nil {
		return app.Account{}, fmt.Errorf("read account %s: %w", name, err)
	}
	return a, nil
}

// SaveAccount adds the account or replaces the one of its name. It writes
// no change-log row: accounts are the database's own and not synced.
func (t *txn) SaveAccount(a app.Account) error {
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO accounts(name, access, hash, failures, locked_to, created, created_by, changed, changed_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET access = excluded.access, hash = excluded.hash, failures = excluded.failures,
			locked_to = excluded.locked_to, changed = excluded.changed, changed_by = excluded.changed_by`,
		a.Name, string(a.Access), a.Hash, a.Failures, optStamp(a.LockedTo), stampOf(a.Created), a.CreatedBy,
		stampOf(a.Changed), a.ChangedBy); err != nil {
		return fmt.Errorf("save account %s: %w", a.Name, err)
	}
	return nil
}

// DeleteAccount removes the account named name, or says app.ErrNotFound.
func (t *txn) DeleteAccount(name string) error {
	res, err := t.tx.ExecContext(t.ctx, "DELETE FROM accounts WHERE name = ?", name)
	if err != nil {
		return fmt.Errorf("remove account %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("remove account %s: %w", name, app.ErrNotFound)
	}
	return nil
}

// optStamp is stampOf, or "" for the zero time.
func optStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return stampOf(t)
}
