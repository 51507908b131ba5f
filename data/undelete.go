package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"wugeyi/app"
)

// Undelete brings back the deleted record id of table tb, of this office,
// as a new version: deleted cleared, its version one more, and a change-log
// row carrying the record as it stood when deleted, so that the offices it
// syncs to bring it back too. A record of another office is refused with
// app.ErrNotOwner, a missing one with app.ErrNotFound, a live one with
// app.ErrNotDeleted, an enterprise whose credit code another live
// enterprise has taken since with a field error. References are not
// checked here: Service.Undelete does.
func (t *txn) Undelete(tb app.Table, id string) error {
	if err := synced(tb); err != nil {
		return fmt.Errorf("undelete %s %s: %w", tb, id, err)
	}
	me, err := t.me()
	if err != nil {
		return err
	}
	var m app.Meta
	err = t.tx.QueryRowContext(t.ctx, "SELECT id, office, version, updated_at, updated_by, deleted FROM "+string(tb)+" WHERE id = ?", id).
		Scan(metaDest(&m)...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("undelete %s %s: %w", tb, id, app.ErrNotFound)
	case err != nil:
		return fmt.Errorf("undelete %s %s: %w", tb, id, err)
	case m.Office != me.Code:
		return fmt.Errorf("undelete %s %s of office %s: %w", tb, id, m.Office, app.ErrNotOwner)
	case !m.Deleted:
		return fmt.Errorf("undelete %s %s: %w", tb, id, app.ErrNotDeleted)
	}
	rec, err := t.deletedData(tb, m)
	if err != nil {
		return err
	}
	if tb == app.TableEnterprises {
		var e app.Enterprise
		if err := json.Unmarshal(rec, &e); err != nil {
			return fmt.Errorf("undelete %s %s: %w", tb, id, err)
		}
		if err := t.creditCodeFree(e.CreditCode, id); err != nil {
			return err
		}
	}
	at, atText := t.stamp()
	m.Version++
	m.UpdatedAt, m.UpdatedBy, m.Deleted = at, t.op.Operator, false
	if err := t.searchWrite(tb, id, func() (bool, error) {
		_, err := t.tx.ExecContext(t.ctx, "UPDATE "+string(tb)+" SET deleted = 0, version = ?, updated_at = ?, updated_by = ? WHERE id = ?",
			m.Version, atText, m.UpdatedBy, id)
		return true, err
	}); err != nil {
		return fmt.Errorf("undelete %s %s: %w", tb, id, err)
	}
	data, err := withMeta(rec, m)
	if err != nil {
		return fmt.Errorf("undelete %s %s: %w", tb, id, err)
	}
	return t.logChange(tb, m, "update", data)
}

// deletedData is the record of the tombstone m of table tb as its
// deletion logged it: the latest change-log row of the record must be that
// deletion, of the stored version, and carry a record of its table.
func (t *txn) deletedData(tb app.Table, m app.Meta) (json.RawMessage, error) {
	var op string
	var version int64
	var data json.RawMessage
	err := t.tx.QueryRowContext(t.ctx, "SELECT op, version, data FROM changes WHERE office = ? AND tbl = ? AND record_id = ? ORDER BY seq DESC LIMIT 1",
		m.Office, string(tb), m.ID).Scan(&op, &version, rawCol{&data})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (op != "delete" || version != m.Version)) {
		return nil, fmt.Errorf("undelete %s %s: the change log does not hold its deletion (version %d)", tb, m.ID, m.Version)
	}
	if err != nil {
		return nil, fmt.Errorf("undelete %s %s: %w", tb, m.ID, err)
	}
	if _, _, err := decodeChange(app.Change{Table: tb, ID: m.ID, Data: data}); err != nil {
		return nil, fmt.Errorf("undelete: %w", err)
	}
	return data, nil
}

// withMeta is the JSON record rec with the identity fields of m.
func withMeta(rec json.RawMessage, m app.Meta) (json.RawMessage, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(rec, &fields); err != nil {
		return nil, err
	}
	meta, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	var mf map[string]json.RawMessage
	if err := json.Unmarshal(meta, &mf); err != nil {
		return nil, err
	}
	delete(fields, "deleted")
	for k, v := range mf {
		fields[k] = v
	}
	return json.Marshal(fields)
}

// Undelete is the txn's, guarded.
func (g guarded) Undelete(tb app.Table, id string) error {
	return write(g.txn, func(id string) error { return g.txn.Undelete(tb, id) }, id)
}
