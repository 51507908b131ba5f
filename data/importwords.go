package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// ImportWords lists the values remembered for workbook imports, by column
// then the value as written.
func (r reader) ImportWords(ctx context.Context) ([]app.ImportWord, error) {
	l, err := queryList(ctx, r.q, func(w *app.ImportWord) []any {
		return []any{&w.Column, &w.From, &w.To}
	}, "SELECT column_label, from_value, to_value FROM import_words ORDER BY column_label, from_value")
	if err != nil {
		return nil, fmt.Errorf("list import words: %w", err)
	}
	return l, nil
}

// SaveImportWord remembers what a value of a workbook's column means,
// replacing what was remembered for it. It writes no change-log row: the
// words stay in this database.
func (t *txn) SaveImportWord(w app.ImportWord) error {
	w.Column, w.From, w.To = strings.TrimSpace(w.Column), strings.TrimSpace(w.From), strings.TrimSpace(w.To)
	if w.Column == "" || w.From == "" || w.To == "" {
		return fmt.Errorf("save import word %q=%q:%q: %w", w.Column, w.From, w.To, app.Refusal("导入时对应的值不完整"))
	}
	if err := t.exec(`INSERT INTO import_words(column_label, from_value, to_value, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(column_label, from_value) DO UPDATE SET to_value = excluded.to_value, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
		w.Column, w.From, w.To, t.op.At.UTC().Format(time.RFC3339Nano), t.op.Operator); err != nil {
		return fmt.Errorf("save import word %s=%s: %w", w.Column, w.From, err)
	}
	return nil
}
