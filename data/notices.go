package data

import (
	"context"
	"encoding/json"
	"fmt"

	"wugeyi/app"
)

// The progress notices the city bureau publishes (app.PublishedNotice).

const noticeCols = "period, label, end_date, published, figures, depts"

func noticeDest(n *app.PublishedNotice) []any {
	return append(metaDest(&n.Meta), &n.Period, &n.Label, dateCol{&n.End}, dateCol{&n.Published}, jsonCol[[]app.NoticeRow]{&n.Rows, "notice figures"},
		jsonCol[[]app.DeptFigure]{&n.Depts, "notice departments"})
}

func noticeArgs(n *app.PublishedNotice) ([]any, error) {
	b, err := json.Marshal(n.Rows)
	if err != nil {
		return nil, fmt.Errorf("notice %s figures: %w", n.Period, err)
	}
	d, err := json.Marshal(n.Depts)
	if err != nil {
		return nil, fmt.Errorf("notice %s departments: %w", n.Period, err)
	}
	return []any{n.Period, n.Label, n.End.String(), n.Published.String(), string(b), string(d)}, nil
}

// PublishedNotices lists the live published notices, the latest
// published first.
func (r reader) PublishedNotices(ctx context.Context) ([]app.PublishedNotice, error) {
	l, err := queryPlain(ctx, r.q, noticeDest, "SELECT id, office, version, updated_at, updated_by, deleted, "+noticeCols+
		" FROM notices WHERE deleted = 0 ORDER BY published DESC, period DESC, id")
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	return l, nil
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
	args, err := noticeArgs(n)
	if err != nil {
		return err
	}
	return t.save(app.TableNotices, noticeCols, &n.Meta, n, args)
}
