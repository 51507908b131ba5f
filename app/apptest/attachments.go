package apptest

import (
	"context"
	"fmt"
	"slices"

	"wugeyi/app"
)

// Attachments, their content and the change log read back as a record's
// history, as data keeps them.

// Attachments lists the live attachments of a record, in the order added.
func (s *Store) Attachments(ctx context.Context, f app.AttachmentFilter) ([]app.Attachment, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Attachments(ctx, f)
}

// Content is the stored content with hash, or app.ErrNotFound.
func (s *Store) Content(ctx context.Context, hash string) ([]byte, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.Content(ctx, hash)
}

// HasContent reports whether the content with hash is stored.
func (s *Store) HasContent(ctx context.Context, hash string) (bool, error) {
	v, err := s.reader()
	if err != nil {
		return false, err
	}
	return v.HasContent(ctx, hash)
}

// SentContent lists the hashes of the contents already sent to peer.
func (s *Store) SentContent(ctx context.Context, peer string) (map[string]bool, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.SentContent(ctx, peer)
}

// History lists every change-log row of the record id, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]app.LoggedChange, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.History(ctx, id)
}

// DeletedRecords lists the latest deletion of each record still deleted,
// newest first.
func (s *Store) DeletedRecords(ctx context.Context, f app.DeletedFilter) ([]app.LoggedChange, error) {
	v, err := s.reader()
	if err != nil {
		return nil, err
	}
	return v.DeletedRecords(ctx, f)
}

// Attachments lists the live attachments of a record, in the order added.
func (v view) Attachments(ctx context.Context, f app.AttachmentFilter) ([]app.Attachment, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.Attachment
	for _, a := range v.st.attachments.rows {
		if !a.Deleted && (f.RecordID == "" || a.RecordID == f.RecordID) && (f.RecordTable == "" || a.RecordTable == f.RecordTable) {
			out = append(out, a)
		}
	}
	return out, nil
}

// Content is the stored content with hash, or app.ErrNotFound.
func (v view) Content(ctx context.Context, hash string) ([]byte, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	b, ok := v.st.content[hash]
	if !ok {
		return nil, fmt.Errorf("read attachment content %s: %w", hash, app.ErrNotFound)
	}
	return slices.Clone(b), nil
}

// HasContent reports whether the content with hash is stored.
func (v view) HasContent(ctx context.Context, hash string) (bool, error) {
	if err := v.ready(ctx); err != nil {
		return false, err
	}
	_, ok := v.st.content[hash]
	return ok, nil
}

// SentContent lists the hashes of the contents already sent to peer.
func (v view) SentContent(ctx context.Context, peer string) (map[string]bool, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for h := range v.st.sent[peer] {
		out[h] = true
	}
	return out, nil
}

func logged(c Change) app.LoggedChange {
	return app.LoggedChange{Table: c.Table, ID: c.RecordID, Office: c.Office, Seq: c.Seq, Version: c.Version, Op: c.Op,
		At: c.At, By: c.By, Data: []byte(c.Data)}
}

// History lists every change-log row of the record id, oldest first.
func (v view) History(ctx context.Context, id string) ([]app.LoggedChange, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	var out []app.LoggedChange
	for _, c := range v.st.changes {
		if c.RecordID == id {
			out = append(out, logged(c))
		}
	}
	return out, nil
}

// DeletedRecords lists the latest deletion of each record still deleted,
// newest first.
func (v view) DeletedRecords(ctx context.Context, f app.DeletedFilter) ([]app.LoggedChange, error) {
	if err := v.ready(ctx); err != nil {
		return nil, err
	}
	last := map[string]Change{}
	for _, c := range v.st.changes {
		last[c.Office+"/"+c.RecordID] = c
	}
	var out []app.LoggedChange
	for i := len(v.st.changes) - 1; i >= 0; i-- {
		c := v.st.changes[i]
		if c.Op == "delete" && last[c.Office+"/"+c.RecordID].Seq == c.Seq && (f.Table == "" || c.Table == f.Table) {
			out = append(out, logged(c))
		}
	}
	return limit(out, f.Limit), nil
}

// PutContent stores content under hash once.
func (t *txn) PutContent(hash string, content []byte) error {
	if t.st == nil {
		return errTxDone
	}
	if app.ContentHash(content) != hash {
		return fmt.Errorf("store attachment content %s: the hash is not the content's", hash)
	}
	if _, ok := t.st.content[hash]; !ok {
		t.st.content[hash] = slices.Clone(content)
	}
	return nil
}

// SaveAttachment saves an attachment of a live record whose content is
// stored.
func (t *txn) SaveAttachment(a *app.Attachment) error {
	if t.st == nil {
		return errTxDone
	}
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
	if m, _, _ := t.st.metaOf(a.RecordTable, a.RecordID); m.Office != me.Code {
		return app.FieldError{Field: "Attachments", Msg: "这是" + app.OfficeName(m.Office) + "的记录，只能由该单位添加附件"}
	}
	if _, ok := t.st.content[a.SHA256]; !ok {
		return fmt.Errorf("save attachment %s: content %s: %w", a.Name, a.SHA256, app.ErrNotFound)
	}
	return t.save(app.TableAttachments, &a.Meta, a, func() { t.st.attachments.put(a.ID, *a) })
}

// sentLists is the contents sent to each peer as a backup keeps them.
func sentLists(sent map[string]map[string]bool) map[string][]string {
	out := map[string][]string{}
	for p, hs := range sent {
		for h := range hs {
			out[p] = append(out[p], h)
		}
		slices.Sort(out[p])
	}
	return out
}
