package app

import (
	"context"
	"fmt"
)

// RecordError is the refusal of the i-th of several records saved
// together (a workbook's rows); nothing of them is saved.
type RecordError struct {
	Index int
	Err   error
}

func (e RecordError) Error() string { return fmt.Sprintf("第%d条：%v", e.Index+1, e.Err) }
func (e RecordError) Unwrap() error { return e.Err }

// ImportEnterprises checks and saves enterprises brought in from outside
// (a workbook): new ones (no ID) and corrections of stored ones, in one
// transaction. If any is refused, nothing is saved and the error is a
// RecordError naming it. progress, when set, is called now and then with
// the number saved so far, and last with len(es).
func (s *Service) ImportEnterprises(ctx context.Context, es []Enterprise, progress func(done, total int)) error {
	xs := append([]Enterprise(nil), es...)
	for i := range xs {
		xs[i].Normalize()
		if err := xs[i].Validate(); err != nil {
			return RecordError{i, err}
		}
	}
	err := s.update(ctx, func(tx Tx) error {
		for i := range xs {
			if err := tx.SaveEnterprise(&xs[i]); err != nil {
				return RecordError{i, err}
			}
			report(progress, i+1, len(xs))
		}
		return nil
	})
	if err != nil {
		return err
	}
	copy(es, xs)
	return nil
}

// ImportProblems registers problems brought in from outside (an existing
// ledger), each with the actions that bring it to where the ledger says it
// stands, in one transaction, as RegisterProblem does one, except that the
// limit on how far a deadline may be set (Settings.MaxDeadlineDays) is not
// applied: a ledger's deadlines were set, and some moved, before it came
// in. If any is refused, nothing is saved and the error is a RecordError
// naming it.
func (s *Service) ImportProblems(ctx context.Context, nps []NewProblem, progress func(done, total int)) error {
	xs := append([]NewProblem(nil), nps...)
	err := s.update(ctx, func(tx Tx) error {
		for i := range xs {
			if err := s.register(tx, &xs[i], true); err != nil {
				return RecordError{i, err}
			}
			report(progress, i+1, len(xs))
		}
		return nil
	})
	if err != nil {
		return err
	}
	copy(nps, xs)
	return nil
}

// report calls progress every 200 records and at the end.
func report(progress func(done, total int), done, total int) {
	if progress != nil && (done%200 == 0 || done == total) {
		progress(done, total)
	}
}
