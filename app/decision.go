package app

import (
	"context"
	"fmt"
	"slices"
)

// SourceDecision is the source of a problem that follows up a decision
// (议定事项) of a meeting: the meeting decided what is to be done, by which
// unit and by when, and the ledger follows it to its end like any problem
// (交办 to the unit, 办理中, 办结, overdue past its deadline), so that it
// is counted in the notice and the assessment as the problems are.
const SourceDecision = "会议议定"

// TrackDecisions enters each decision of meeting m that the ledger does
// not yet follow as a problem of source SourceDecision, 交办 on the
// meeting's day to the decision's unit with the decision's deadline (the
// meeting sets it: the longest-deadline rule of 交办 does not apply), and
// records its ID in the decision, for the caller to save m with. m must
// have its ID (Tx.NewID for a new meeting). The problem's enterprise is
// the on-site meeting's, or none. A decision in legacy (those of a meeting
// saved by an earlier version of the program, which tracked none) is left
// as it was: its work was followed outside the ledger.
func TrackDecisions(ctx context.Context, tx Tx, m *Meeting, legacy []Decision) error {
	if m.ID == "" {
		return fmt.Errorf("track decisions: the meeting has no ID")
	}
	st, err := tx.Settings(ctx)
	if err != nil {
		return err
	}
	rules := st.Rules()
	rules.MaxDays = 0
	for i := range m.Decisions {
		d := &m.Decisions[i]
		if d.ProblemID != "" || slices.Contains(legacy, *d) {
			continue
		}
		p := Problem{EnterpriseID: m.EnterpriseID, Source: SourceDecision, SourceID: m.ID, Category: "其他",
			Description: d.Text, Registered: m.Date, Status: StatusRegistered}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return fmt.Errorf("议定事项%d：%w", i+1, err)
		}
		q, ev, err := p.Apply(Action{Kind: ActAssign, Date: m.Date, LeadDept: d.Unit, Deadline: d.Deadline,
			Text: m.Title() + "议定"}, rules)
		if err != nil {
			return fmt.Errorf("议定事项%d：%w", i+1, err)
		}
		if err := tx.SaveProblem(&q); err != nil {
			return err
		}
		reg := RegisterEvent(&q)
		if err := tx.SaveEvent(&reg); err != nil {
			return err
		}
		ev.ProblemID = q.ID
		if err := tx.SaveEvent(&ev); err != nil {
			return err
		}
		d.ProblemID = q.ID
	}
	return nil
}

// keepTracked refuses a change to meeting m that would part a decision
// from the problem that follows it up: a tracked decision cannot be
// removed, nor its unit or deadline changed here (the ledger's 调整时限
// moves a deadline, with its approval); its text may be corrected. It
// returns the stored meeting's untracked decisions (see TrackDecisions).
func keepTracked(ctx context.Context, tx Tx, m Meeting) (legacy []Decision, err error) {
	if m.ID == "" || m.Version == 0 {
		return nil, nil
	}
	old, err := tx.Meeting(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, d := range old.Decisions {
		if d.ProblemID == "" {
			legacy = append(legacy, d)
		}
	}
	now := map[string]Decision{}
	for _, d := range m.Decisions {
		if d.ProblemID != "" {
			now[d.ProblemID] = d
		}
	}
	for i, d := range old.Decisions {
		if d.ProblemID == "" {
			continue
		}
		p, err := tx.Problem(ctx, d.ProblemID)
		if err != nil {
			return nil, fmt.Errorf("议定事项%d：读取台账中的问题：%w", i+1, err)
		}
		n, ok := now[d.ProblemID]
		switch {
		case !ok:
			return nil, FieldError{"Decisions", fmt.Sprintf("议定事项%d已纳入问题台账（%s），不能删除；如不再办理，请在问题台账中办理“依法不能办理”并写明原因", i+1, p.Number)}
		case n.Unit != d.Unit || !n.Deadline.Equal(d.Deadline):
			return nil, FieldError{"Decisions", fmt.Sprintf("议定事项%d已纳入问题台账（%s），责任单位和完成时限不能在这里修改；调整时限请在问题台账中办理", i+1, p.Number)}
		}
	}
	return legacy, nil
}
