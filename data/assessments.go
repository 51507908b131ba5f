package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"wugeyi/app"
)

// The yearly assessments the city bureau publishes
// (app.PublishedAssessment), and its hand scores (app.HandScore).

const assessmentCols = "assessed, year, published, result"

func assessmentDest(a *app.PublishedAssessment) []any {
	return append(metaDest(&a.Meta), new(string), new(int), dateCol{&a.Published},
		jsonCol[app.Assessment]{&a.Result, "assessment result"})
}

func assessmentArgs(a *app.PublishedAssessment) ([]any, error) {
	b, err := json.Marshal(a.Result)
	if err != nil {
		return nil, fmt.Errorf("assessment of %s for %d: %w", a.Result.Office, a.Result.Year, err)
	}
	return []any{a.Result.Office, a.Result.Year, a.Published.String(), string(b)}, nil
}

// PublishedAssessments lists the live published assessments, by year then
// the office assessed.
func (r reader) PublishedAssessments(ctx context.Context) ([]app.PublishedAssessment, error) {
	l, err := queryPlain(ctx, r.q, assessmentDest, "SELECT id, office, version, updated_at, updated_by, deleted, "+assessmentCols+
		" FROM assessments WHERE deleted = 0 ORDER BY year, assessed, id")
	if err != nil {
		return nil, fmt.Errorf("list assessments: %w", err)
	}
	return l, nil
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
	args, err := assessmentArgs(a)
	if err != nil {
		return err
	}
	return t.save(app.TableAssessments, assessmentCols, &a.Meta, a, args)
}

// HandScores lists the hand scores of year, by office then indicator.
func (r reader) HandScores(ctx context.Context, year int) ([]app.HandScore, error) {
	l, err := queryPlain(ctx, r.q, func(h *app.HandScore) []any {
		return []any{&h.Year, &h.Office, &h.Indicator, &h.Score, &h.By, timeCol{&h.At}}
	}, "SELECT year, assessed, indicator, score, entered_by, entered_at FROM hand_scores WHERE year = ? ORDER BY assessed, indicator", year)
	if err != nil {
		return nil, fmt.Errorf("list hand scores of %d: %w", year, err)
	}
	return l, nil
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
	if _, err := t.tx.ExecContext(t.ctx, `INSERT INTO hand_scores(year, assessed, indicator, score, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(year, assessed, indicator) DO UPDATE SET
		score = excluded.score, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
		h.Year, h.Office, h.Indicator, h.Score, h.By, h.At.UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("save hand score of %s %s for %d: %w", h.Office, h.Indicator, h.Year, err)
	}
	return nil
}
