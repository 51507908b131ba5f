package app

import (
	"context"
	"fmt"
	"slices"
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

// NewAssignment is an assignment brought in with a batch: its LeaderID is
// set, or it is empty and Leader is the index in Batch.Leaders of the
// leader it names (a leader new in the same batch).
type NewAssignment struct {
	Assignment
	Leader int
}

// Batch is what one workbook brings in: records of several kinds written
// together in one transaction, with the values the clerk mapped for the
// next import (Words). Leaders are saved before the assignments that name
// them.
type Batch struct {
	Enterprises []Enterprise
	Problems    []NewProblem
	Leaders     []Leader
	Assignments []NewAssignment
	Visits      []Visit
	Meetings    []Meeting
	Words       []ImportWord
}

// Len is how many records the batch writes (the words not counted).
func (b *Batch) Len() int {
	return len(b.Enterprises) + len(b.Problems) + len(b.Leaders) + len(b.Assignments) + len(b.Visits) + len(b.Meetings)
}

// BatchError is the refusal of the Index-th record of Table in a Batch;
// nothing of the batch is saved.
type BatchError struct {
	Table Table
	Index int
	Err   error
}

func (e BatchError) Error() string { return fmt.Sprintf("%s第%d条：%v", e.Table, e.Index+1, e.Err) }
func (e BatchError) Unwrap() error { return e.Err }

// ImportBatch checks and saves a batch brought in from a workbook in one
// transaction, as the screens save each kind: enterprises (new or
// corrected), problems with the actions that bring them where the ledger
// says they stand (ImportProblems), leaders, their assignments, visits
// (not after today) and meetings held (numbered; a meeting that comes with
// its number keeps it when no meeting of its kind and year has it; its
// decisions are followed up in the ledger as SaveMeeting does), and the
// words remembered. If any record is refused, nothing is saved and the
// error is a BatchError naming it. progress, when set, is called now and
// then with the number saved so far, and last with b.Len().
func (s *Service) ImportBatch(ctx context.Context, b *Batch, progress func(done, total int)) error {
	x := s.checkBatch(b)
	if x.err != nil {
		return x.err
	}
	total, done := x.Len(), 0
	step := func() {
		done++
		report(progress, done, total)
	}
	err := s.update(ctx, func(tx Tx) error {
		for i := range x.Enterprises {
			if err := tx.SaveEnterprise(&x.Enterprises[i]); err != nil {
				return BatchError{TableEnterprises, i, err}
			}
			step()
		}
		for i := range x.Problems {
			if err := s.register(tx, &x.Problems[i], true); err != nil {
				return BatchError{TableProblems, i, err}
			}
			step()
		}
		for i := range x.Leaders {
			if err := tx.SaveLeader(&x.Leaders[i]); err != nil {
				return BatchError{TableLeaders, i, err}
			}
			step()
		}
		for i := range x.Assignments {
			a := &x.Assignments[i]
			if a.LeaderID == "" && a.Leader >= 0 && a.Leader < len(x.Leaders) {
				a.LeaderID = x.Leaders[a.Leader].ID
			}
			if err := a.Validate(); err != nil {
				return BatchError{TableAssignments, i, err}
			}
			if err := tx.SaveAssignment(&a.Assignment); err != nil {
				return BatchError{TableAssignments, i, err}
			}
			step()
		}
		for i := range x.Visits {
			if err := tx.SaveVisit(&x.Visits[i]); err != nil {
				return BatchError{TableVisits, i, err}
			}
			step()
		}
		for i := range x.Meetings {
			if err := importMeeting(ctx, tx, &x.Meetings[i]); err != nil {
				return BatchError{TableMeetings, i, err}
			}
			step()
		}
		for _, w := range x.Words {
			if err := tx.SaveImportWord(w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	copy(b.Enterprises, x.Enterprises)
	copy(b.Problems, x.Problems)
	copy(b.Leaders, x.Leaders)
	copy(b.Assignments, x.Assignments)
	copy(b.Visits, x.Visits)
	copy(b.Meetings, x.Meetings)
	return nil
}

// checkedBatch is a copy of a batch, normalized and validated, and the
// first refusal met.
type checkedBatch struct {
	Batch
	err error
}

// checkBatch normalizes and validates a copy of b's records as their
// Service methods do, before anything is written.
func (s *Service) checkBatch(b *Batch) checkedBatch {
	x := checkedBatch{Batch: Batch{Enterprises: slices.Clone(b.Enterprises), Problems: slices.Clone(b.Problems),
		Leaders: slices.Clone(b.Leaders), Assignments: slices.Clone(b.Assignments), Visits: slices.Clone(b.Visits),
		Meetings: slices.Clone(b.Meetings), Words: b.Words}}
	today := s.Today()
	fail := func(t Table, i int, err error) bool {
		if err != nil && x.err == nil {
			x.err = BatchError{t, i, err}
		}
		return x.err != nil
	}
	for i := range x.Enterprises {
		x.Enterprises[i].Normalize()
		if fail(TableEnterprises, i, x.Enterprises[i].Validate()) {
			return x
		}
	}
	for i := range x.Leaders {
		x.Leaders[i].Normalize()
		if fail(TableLeaders, i, x.Leaders[i].Validate()) {
			return x
		}
	}
	for i := range x.Assignments {
		x.Assignments[i].Normalize()
	}
	for i := range x.Visits {
		x.Visits[i].Normalize()
		if fail(TableVisits, i, x.Visits[i].Validate(today)) {
			return x
		}
	}
	for i := range x.Meetings {
		m := &x.Meetings[i]
		m.Normalize()
		if fail(TableMeetings, i, m.Validate(today)) {
			return x
		}
		if !m.Held() {
			fail(TableMeetings, i, FieldError{"State", "只能导入已召开的会议"})
			return x
		}
	}
	return x
}

// importMeeting saves a held meeting of a batch, numbered and with its
// decisions followed up, as SaveMeeting saves one; a new meeting that
// comes with a number (Seq) keeps it when no live meeting of its kind and
// year at this office has it.
func importMeeting(ctx context.Context, tx Tx, m *Meeting) error {
	if err := checkMeetingState(ctx, tx, *m); err != nil {
		return err
	}
	seq, isNew := m.Seq, m.ID == ""
	if err := numberMeeting(ctx, tx, m); err != nil {
		return err
	}
	if isNew && seq > 0 && seq != m.Seq {
		me, err := tx.Office(ctx)
		if err != nil {
			return fmt.Errorf("import meeting: %w", err)
		}
		y := m.Date.Year()
		list, err := tx.Meetings(ctx, MeetingFilter{Office: me.Code, Kind: m.Kind, From: D(y, 1, 1), To: D(y, 12, 31), HeldOnly: true})
		if err != nil {
			return fmt.Errorf("import meeting: %w", err)
		}
		if !slices.ContainsFunc(list, func(o Meeting) bool { return o.Seq == seq }) {
			m.Seq = seq
		}
	}
	legacy, err := keepTracked(ctx, tx, *m)
	if err != nil {
		return err
	}
	if m.ID == "" {
		m.ID = tx.NewID()
	}
	if err := TrackDecisions(ctx, tx, m, legacy); err != nil {
		return err
	}
	return tx.SaveMeeting(m)
}
