package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"wugeyi/app"
)

// Attachments (app.Attachment), their content stored once per SHA-256,
// and the change log read back as a record's history.

const attachmentCols = "record_table, record_id, name, type, size, sha256"

func attachmentDest(a *app.Attachment) []any {
	return append(metaDest(&a.Meta), strCol[app.Table]{&a.RecordTable}, &a.RecordID, &a.Name, &a.Type, &a.Size, &a.SHA256)
}

func attachmentArgs(a *app.Attachment) []any {
	return []any{string(a.RecordTable), a.RecordID, a.Name, a.Type, a.Size, a.SHA256}
}

const attachmentSelect = "SELECT id, office, version, updated_at, updated_by, deleted, " + attachmentCols + " FROM attachments"

// Attachments lists the live attachments of a record, in the order they
// were added.
func (r reader) Attachments(ctx context.Context, f app.AttachmentFilter) ([]app.Attachment, error) {
	var w where
	w.add("deleted = 0")
	w.eq("record_id", f.RecordID)
	w.eq("record_table", string(f.RecordTable))
	l, err := queryPlain(ctx, r.q, attachmentDest, attachmentSelect+w.sql()+" ORDER BY rowid", w.args...)
	if err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	return l, nil
}

// attachment reads the live attachment with id.
func (t *txn) attachment(id string) (app.Attachment, error) {
	l, err := queryPlain(t.ctx, t.q, attachmentDest, attachmentSelect+" WHERE id = ? AND deleted = 0", id)
	return one(l, err, "attachment", id)
}

// Content is the stored content with hash, or app.ErrNotFound.
func (r reader) Content(ctx context.Context, hash string) ([]byte, error) {
	var b []byte
	err := r.q.QueryRowContext(ctx, "SELECT data FROM attachment_content WHERE sha256 = ?", hash).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read attachment content %s: %w", hash, app.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read attachment content %s: %w", hash, err)
	}
	return b, nil
}

// HasContent reports whether the content with hash is stored.
func (r reader) HasContent(ctx context.Context, hash string) (bool, error) {
	var n int
	if err := r.q.QueryRowContext(ctx, "SELECT count(*) FROM attachment_content WHERE sha256 = ?", hash).Scan(&n); err != nil {
		return false, fmt.Errorf("find attachment content %s: %w", hash, err)
	}
	return n > 0, nil
}

// SentContent lists the hashes of the contents already sent to peer.
func (r reader) SentContent(ctx context.Context, peer string) (map[string]bool, error) {
	l, err := queryPlain(ctx, r.q, func(s *string) []any { return []any{s} }, "SELECT sha256 FROM attachment_sent WHERE peer = ?", peer)
	if err != nil {
		return nil, fmt.Errorf("list contents sent to %s: %w", peer, err)
	}
	out := make(map[string]bool, len(l))
	for _, h := range l {
		out[h] = true
	}
	return out, nil
}

// PutContent stores content under hash once.
func (t *txn) PutContent(hash string, content []byte) error {
	if app.ContentHash(content) != hash {
		return fmt.Errorf("store attachment content %s: the hash is not the content's", hash)
	}
	if _, err := t.tx.ExecContext(t.ctx, "INSERT INTO attachment_content(sha256, size, data) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
		hash, len(content), content); err != nil {
		return fmt.Errorf("store attachment content %s: %w", hash, err)
	}
	return nil
}

// SaveAttachment saves an attachment of a live record whose content is
// stored.
func (t *txn) SaveAttachment(a *app.Attachment) error {
	if !slices.Contains(app.AttachableTables, a.RecordTable) {
		return fmt.Errorf("save attachment: records of %s take no attachments", a.RecordTable)
	}
	if err := t.refs(ref{"Attachments", a.RecordTable, a.RecordID, "要添加附件的记录不存在或已删除：请先保存记录"}); err != nil {
		return err
	}
	me, err := t.me()
	if err != nil {
		return err
	}
	var owner string
	if err := t.tx.QueryRowContext(t.ctx, "SELECT office FROM "+string(a.RecordTable)+" WHERE id = ?", a.RecordID).Scan(&owner); err != nil {
		return fmt.Errorf("save attachment: owner of %s %s: %w", a.RecordTable, a.RecordID, err)
	}
	if owner != me.Code {
		return app.FieldError{Field: "Attachments", Msg: "这是" + app.OfficeName(owner) + "的记录，只能由该单位添加附件"}
	}
	if ok, err := t.HasContent(t.ctx, a.SHA256); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("save attachment %s: content %s: %w", a.Name, a.SHA256, app.ErrNotFound)
	}
	return t.save(app.TableAttachments, attachmentCols, &a.Meta, a, attachmentArgs(a))
}

// markSent records that an export carried the contents hashes to peer.
func (t *txn) markSent(peer string, hashes []string) error {
	for _, h := range hashes {
		if _, err := t.tx.ExecContext(t.ctx, "INSERT INTO attachment_sent(peer, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING", peer, h); err != nil {
			return fmt.Errorf("log contents sent to %s: %w", peer, err)
		}
	}
	return nil
}

func loggedDest(c *app.LoggedChange) []any {
	return []any{strCol[app.Table]{&c.Table}, &c.ID, &c.Office, &c.Seq, &c.Version, &c.Op, timeCol{&c.At}, &c.By, rawCol{&c.Data}}
}

const loggedSelect = `SELECT tbl, record_id, office, seq, version, op, at, "by", data FROM changes`

// History lists every change-log row of the record id, oldest first.
func (r reader) History(ctx context.Context, id string) ([]app.LoggedChange, error) {
	l, err := queryPlain(ctx, r.q, loggedDest, loggedSelect+" WHERE record_id = ? ORDER BY seq", id)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	return l, nil
}

// DeletedRecords lists the latest deletion of each record of the change
// log that is still deleted, newest first.
func (r reader) DeletedRecords(ctx context.Context, f app.DeletedFilter) ([]app.LoggedChange, error) {
	var w where
	w.add("c.op = 'delete'")
	w.add("c.seq = (SELECT max(seq) FROM changes x WHERE x.office = c.office AND x.record_id = c.record_id)")
	w.eq("c.tbl", string(f.Table))
	q := `SELECT c.tbl, c.record_id, c.office, c.seq, c.version, c.op, c.at, c."by", c.data FROM changes c` + w.sql() +
		" ORDER BY c.seq DESC" + limit(f.Limit)
	l, err := queryPlain(ctx, r.q, loggedDest, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list deleted records: %w", err)
	}
	return l, nil
}
