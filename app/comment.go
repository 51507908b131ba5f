package app

import (
	"context"
	"errors"
)

// Comment (督办意见) is the city bureau's comment on an office's problem: it
// urges, asks or instructs. The city writes it; it travels to the office
// whose problem it is and shows there read-only.
type Comment struct {
	Meta
	ProblemID     string `json:"problem_id"`
	ProblemOffice string `json:"problem_office"` // the office that owns the problem
	Date          Date   `json:"date"`
	Text          string `json:"text"`
	Author        string `json:"author"` // who signs it at the city bureau

	ProblemNumber string `json:"-"` // filled by the store when listing
}

// Normalize trims the comment's text.
func (c *Comment) Normalize() { trim(&c.Text, &c.Author) }

// Validate checks a comment before it is saved.
func (c *Comment) Validate() error {
	var v Invalid
	if c.ProblemID == "" {
		v.Add("ProblemID", "请选择要督办的问题")
	}
	if c.Date.IsZero() {
		v.Add("Date", "请填写日期")
	}
	if blank(c.Text) {
		v.Add("Text", "请填写督办意见")
	}
	return v.Err()
}

// CommentFilter selects comments, newest first.
type CommentFilter struct {
	ProblemID     string
	ProblemOffice string
}

// SaveComment checks and saves the city's comment (督办意见) on a problem
// (new when c.ID is empty), noting whose problem it is.
func (s *Service) SaveComment(ctx context.Context, c *Comment) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	cc := *c
	err := s.update(ctx, func(tx Tx) error {
		p, err := tx.Problem(ctx, cc.ProblemID)
		if err != nil {
			return FieldError{"ProblemID", "要督办的问题不存在或已删除"}
		}
		cc.ProblemOffice = p.Office
		return tx.SaveComment(&cc)
	})
	if err != nil {
		return err
	}
	*c = cc
	return nil
}

// Supervised is a 督办意见 received (or, at the city, given) and what was
// done about its problem since: the problem as it stands and its timeline
// from the comment's day on.
type Supervised struct {
	Comment Comment
	Problem Problem // zero when the problem was deleted
	Since   []Event
}

// Supervision lists the 督办意见 on this office's problems (at the city,
// on every office's), newest first, each with what was done since.
func (s *Service) Supervision(ctx context.Context) ([]Supervised, error) {
	me, err := s.Store.Office(ctx)
	if err != nil {
		return nil, err
	}
	f := CommentFilter{ProblemOffice: me.Code}
	if me.Role == RoleCity {
		f = CommentFilter{}
	}
	cs, err := s.Store.Comments(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Supervised, 0, len(cs))
	for _, c := range cs {
		x := Supervised{Comment: c}
		p, err := s.Store.Problem(ctx, c.ProblemID)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return nil, err
		default:
			x.Problem = p
			evs, err := s.Store.Events(ctx, p.ID)
			if err != nil {
				return nil, err
			}
			for _, e := range evs {
				if !e.Date.Before(c.Date) {
					x.Since = append(x.Since, e)
				}
			}
		}
		out = append(out, x)
	}
	return out, nil
}
