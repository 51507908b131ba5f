package app

import (
	"context"
	"fmt"
)

// SaveMeeting checks and saves a meeting together with the problems raised
// at it, which enter the ledger with the meeting as their source, in one
// transaction. A new meeting gets the next number of its kind in its year.
// At an on-site meeting every problem must be solved on the spot, assigned
// or explained (the notice's three outcomes).
func (s *Service) SaveMeeting(ctx context.Context, m *Meeting, problems []NewProblem) error {
	m.Normalize()
	if err := m.Validate(s.Today()); err != nil {
		return err
	}
	mm := *m
	nps := append([]NewProblem(nil), problems...)
	err := s.update(ctx, func(tx Tx) error {
		if err := numberMeeting(ctx, tx, &mm); err != nil {
			return err
		}
		if err := tx.SaveMeeting(&mm); err != nil {
			return err
		}
		for i := range nps {
			if mm.Kind == MeetingOnSite && nps[i].First == nil {
				return ProblemError{i, FieldError{"Handling", "现场办公会上的问题须当场解决、交办或依法不能办理并做好解释"}}
			}
		}
		return s.registerFrom(tx, nps, mm.Kind.Source(), mm.ID, mm.EnterpriseID, mm.Date)
	})
	if err != nil {
		return err
	}
	*m = mm
	copy(problems, nps)
	return nil
}

// numberMeeting gives a new meeting, or one moved to another year, the next
// number of its kind in its year.
func numberMeeting(ctx context.Context, tx Tx, m *Meeting) error {
	if m.ID != "" {
		old, err := tx.Meeting(ctx, m.ID)
		if err != nil {
			return err
		}
		if old.Date.Year() == m.Date.Year() && old.Kind == m.Kind && old.Seq > 0 {
			m.Seq = old.Seq
			return nil
		}
	}
	// A new meeting has no office yet: it will be this office's. Without
	// one, the filter would count the meetings of every office the city
	// imported too.
	office := m.Office
	if office == "" {
		o, err := tx.Office(ctx)
		if err != nil {
			return fmt.Errorf("number meeting: %w", err)
		}
		office = o.Code
	}
	y := m.Date.Year()
	list, err := tx.Meetings(ctx, MeetingFilter{Office: office, Kind: m.Kind, From: D(y, 1, 1), To: D(y, 12, 31)})
	if err != nil {
		return fmt.Errorf("number meeting: %w", err)
	}
	m.Seq = 1
	for _, x := range list {
		if x.ID != m.ID && x.Seq >= m.Seq {
			m.Seq = x.Seq + 1
		}
	}
	return nil
}

// SaveFinancingNeed checks and saves a financing need and the bank's answer.
func (s *Service) SaveFinancingNeed(ctx context.Context, n *FinancingNeed) error {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, n, Tx.SaveFinancingNeed)
}

// SaveBridgeLoan checks and saves a bridge-loan application, new or
// corrected. Its status, approval, pay-out and repayment move only by
// LoanAct, so they are kept as stored.
func (s *Service) SaveBridgeLoan(ctx context.Context, l *BridgeLoan) error {
	l.Normalize()
	if err := l.Validate(); err != nil {
		return err
	}
	x := *l
	err := s.update(ctx, func(tx Tx) error {
		if x.ID == "" {
			// Only the application is taken from the form: the review,
			// approval, pay-out and repayment come by LoanAct.
			x = BridgeLoan{Meta: x.Meta, EnterpriseID: x.EnterpriseID, Bank: x.Bank, Original: x.Original,
				OriginalDue: x.OriginalDue, Applied: x.Applied, AppliedOn: x.AppliedOn, Note: x.Note, Status: LoanApplied}
			return tx.SaveBridgeLoan(&x)
		}
		old, err := tx.BridgeLoan(ctx, x.ID)
		if err != nil {
			return err
		}
		if x.Applied > 0 && old.Approved > 0 && x.Original < old.Approved {
			return Invalid{{"Original", "到期贷款金额不能小于已批准金额 " + old.Approved.String()}}
		}
		q := old
		q.Version = x.Version
		q.EnterpriseID, q.Bank, q.Original, q.OriginalDue = x.EnterpriseID, x.Bank, x.Original, x.OriginalDue
		q.Applied, q.AppliedOn, q.Note = x.Applied, x.AppliedOn, x.Note
		if err := tx.SaveBridgeLoan(&q); err != nil {
			return err
		}
		x = q
		return nil
	})
	if err != nil {
		return err
	}
	*l = x
	return nil
}

// LoanAct takes step a of the loan with id in one transaction. Approval is
// refused when the fund has not the money free; pay-out when the
// enterprise has used the fund as often as a year allows.
func (s *Service) LoanAct(ctx context.Context, id string, a LoanAction) (BridgeLoan, error) {
	var out BridgeLoan
	err := s.update(ctx, func(tx Tx) error {
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		l, err := tx.BridgeLoan(ctx, id)
		if err != nil {
			return err
		}
		all, err := tx.BridgeLoans(ctx, LoanFilter{Office: l.Office})
		if err != nil {
			return err
		}
		r := LoanRules{MaxDays: st.LoanMaxDays, UsesPerYear: st.LoanUsesPerYear, Today: s.Today()}
		var others []BridgeLoan
		for _, x := range all {
			if x.ID == l.ID {
				continue
			}
			others = append(others, x)
			if x.EnterpriseID == l.EnterpriseID && !x.PaidOn.IsZero() && x.PaidOn.Year() == a.Date.Year() {
				r.UsesInYear++
			}
		}
		r.Free = Fund(st.FundSize, others).Free
		q, err := l.Apply(a, r)
		if err != nil {
			return err
		}
		if err := tx.SaveBridgeLoan(&q); err != nil {
			return err
		}
		out = q
		return nil
	})
	return out, err
}

// Fund is the position of this office's bridge-loan fund.
func (s *Service) Fund(ctx context.Context, office string) (FundState, []BridgeLoan, error) {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return FundState{}, nil, err
	}
	loans, err := s.Store.BridgeLoans(ctx, LoanFilter{Office: office})
	if err != nil {
		return FundState{}, nil, err
	}
	return Fund(st.FundSize, loans), loans, nil
}

// meetingsDue lists this year's required meetings still to hold in the
// current period (待召开: this month's 企业现场办公会, this quarter's
// 企业家恳谈会 and 银企对接会, when not yet held), then those whose period
// is over without one (未召开), each in the notice's order of kinds. The
// calendar (MeetingCalendar) says which is which.
func meetingsDue(year int, meetings []Meeting, today Date) []MeetingPeriod {
	cal := MeetingCalendar(year, meetings, today)
	var due, missing []MeetingPeriod
	for _, k := range MeetingKinds {
		for _, p := range cal[k] {
			switch p.State {
			case PeriodDue:
				due = append(due, p)
			case PeriodMissing:
				missing = append(missing, p)
			}
		}
	}
	return append(due, missing...)
}
