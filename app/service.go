package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Service is what screens and commands call: it applies the rules of this
// package, then saves through the Store in one transaction, stamped with the
// operator's name and the clock's time.
type Service struct {
	Store    Store
	Now      Clock  // time.Now unless a test sets another
	Operator string // the name recorded on every change
	// MakeKeys makes an office's secret keys for its sync files (package
	// syncfile does, wired by main). When nil, SetUp makes none.
	MakeKeys func(o Office, now time.Time) (OfficeKeys, error)
}

// NewService returns a service over st that stamps changes with operator.
func NewService(st Store, operator string) *Service {
	return &Service{Store: st, Now: time.Now, Operator: operator}
}

// Today is the clock's calendar day.
func (s *Service) Today() Date { return DateOf(s.Now()) }

func (s *Service) update(ctx context.Context, fn func(Tx) error) error {
	return s.Store.Update(ctx, Op{Operator: s.Operator, At: s.Now()}, fn)
}

// saveCopy saves a copy of rec with save in one transaction and copies it
// back (with the ID and version the store gave it) only once committed, so a
// failed save leaves the caller's form as it was.
func saveCopy[T any](s *Service, ctx context.Context, rec *T, save func(Tx, *T) error) error {
	x := *rec
	if err := s.update(ctx, func(tx Tx) error { return save(tx, &x) }); err != nil {
		return err
	}
	*rec = x
	return nil
}

// SetUp makes the database the office's, with default settings.
func (s *Service) SetUp(ctx context.Context, o Office) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error {
		if err := tx.SetUp(o); err != nil {
			return err
		}
		if err := tx.SaveSettings(DefaultSettings()); err != nil {
			return err
		}
		return s.makeKeys(ctx, tx, o)
	})
}

// EnsureKeys makes the office's sync keys if its database has none yet (a
// database set up before sync files existed). It does nothing when MakeKeys
// is nil or the keys exist.
func (s *Service) EnsureKeys(ctx context.Context) error {
	if s.MakeKeys == nil {
		return nil
	}
	if _, err := s.Store.Keys(ctx); !errors.Is(err, ErrNotFound) {
		return err
	}
	o, err := s.Store.Office(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error { return s.makeKeys(ctx, tx, o) })
}

func (s *Service) makeKeys(ctx context.Context, tx Tx, o Office) error {
	if s.MakeKeys == nil {
		return nil
	}
	if _, err := tx.Keys(ctx); !errors.Is(err, ErrNotFound) {
		return err // nil: they exist already
	}
	k, err := s.MakeKeys(o, s.Now())
	if err != nil {
		return fmt.Errorf("make office keys: %w", err)
	}
	return tx.SaveKeys(k)
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

// SaveSettings checks and saves the office's settings.
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error { return tx.SaveSettings(st) })
}

// SaveEnterprise checks and saves an enterprise (new when e.ID is empty).
func (s *Service) SaveEnterprise(ctx context.Context, e *Enterprise) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, e, Tx.SaveEnterprise)
}

// SaveLeader checks and saves a leader.
func (s *Service) SaveLeader(ctx context.Context, l *Leader) error {
	l.Normalize()
	if err := l.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, l, Tx.SaveLeader)
}

// SaveAssignment checks and saves a leader↔enterprise assignment.
func (s *Service) SaveAssignment(ctx context.Context, a *Assignment) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return saveCopy(s, ctx, a, Tx.SaveAssignment)
}

// NewProblem is a problem to register, with the first action taken on it
// at once, if any (当场解决, 交办 or 依法不能办理).
type NewProblem struct {
	Problem Problem
	First   *Action
	// Then are further actions taken on it at once, in order, after
	// First: the history an imported ledger row carries (交办, then 办结 …).
	Then []Action
}

// SaveVisit checks and saves a visit together with the problems the
// enterprise raised during it, which enter the ledger with the visit as their
// source. Nothing is saved if any of them is wrong; the error of the i-th
// problem is wrapped in a ProblemError.
func (s *Service) SaveVisit(ctx context.Context, v *Visit, problems []NewProblem) error {
	v.Normalize()
	if err := v.Validate(s.Today()); err != nil {
		return err
	}
	// Work on copies: the store fills in IDs, numbers and versions as it
	// saves, and a later refusal rolls the transaction back, so the caller's
	// form must only take them on once everything is saved; otherwise saving
	// the corrected form again fails (an ID of a record that was never kept).
	vv := *v
	nps := append([]NewProblem(nil), problems...)
	err := s.update(ctx, func(tx Tx) error {
		if err := tx.SaveVisit(&vv); err != nil {
			return err
		}
		for i := range nps {
			nps[i].Problem.EnterpriseID = vv.EnterpriseID // a visit's problems are the visited enterprise's
		}
		return s.registerFrom(tx, nps, "走访", vv.ID, vv.EnterpriseID, vv.Date)
	})
	if err != nil {
		return err
	}
	*v = vv
	copy(problems, nps)
	return nil
}

// registerFrom registers problems raised at a visit or meeting with it as
// their source: a problem with no enterprise of its own gets ent, one with
// no registration date the day of the source. The error of the i-th problem
// is wrapped in a ProblemError.
func (s *Service) registerFrom(tx Tx, nps []NewProblem, source, sourceID, ent string, on Date) error {
	for i := range nps {
		np := &nps[i]
		if np.Problem.EnterpriseID == "" {
			np.Problem.EnterpriseID = ent
		}
		np.Problem.Source, np.Problem.SourceID = source, sourceID
		if np.Problem.Registered.IsZero() {
			np.Problem.Registered = on
		}
		if err := s.register(tx, np, false); err != nil {
			return ProblemError{Index: i, Err: err}
		}
	}
	return nil
}

// ProblemError is the refusal of one of several problems saved together.
type ProblemError struct {
	Index int
	Err   error
}

func (e ProblemError) Error() string { return fmt.Sprintf("第%d个问题：%v", e.Index+1, e.Err) }
func (e ProblemError) Unwrap() error { return e.Err }

// RegisterProblem enters a problem into the ledger, with its first action
// if one is given, in one transaction. p gets its ID and number.
func (s *Service) RegisterProblem(ctx context.Context, np *NewProblem) error {
	// A copy, as in SaveVisit: np takes its ID and number only once saved.
	x := *np
	if err := s.update(ctx, func(tx Tx) error { return s.register(tx, &x, false) }); err != nil {
		return err
	}
	*np = x
	return nil
}

// register checks and saves a new problem with its actions. For the
// history of an imported ledger (history set) the limit on how far a
// deadline may be set is lifted: those deadlines were set, and some moved,
// before the ledger came in.
func (s *Service) register(tx Tx, np *NewProblem, history bool) error {
	p := &np.Problem
	p.Normalize()
	if p.ID != "" {
		return fmt.Errorf("register problem %s: already registered", p.ID)
	}
	p.Status = StatusRegistered
	if err := p.Validate(); err != nil {
		return err
	}
	acts := np.Then
	if np.First != nil {
		acts = append([]Action{*np.First}, np.Then...)
	}
	var events []Event
	if len(acts) > 0 {
		st, err := tx.Settings(context.Background())
		if err != nil {
			return err
		}
		rules := st.Rules()
		if history {
			rules.MaxDays = 0
		}
		for _, a := range acts {
			q, ev, err := p.Apply(a, rules)
			if err != nil {
				return err
			}
			*p = q
			events = append(events, ev)
		}
	}
	if err := tx.SaveProblem(p); err != nil {
		return err
	}
	reg := RegisterEvent(p)
	if err := tx.SaveEvent(&reg); err != nil {
		return err
	}
	for i := range events {
		events[i].ProblemID = p.ID
		if err := tx.SaveEvent(&events[i]); err != nil {
			return err
		}
	}
	return nil
}

// Act takes action a on the problem with id: the status moves as the
// workflow allows, and the timeline gets an event, in one transaction.
func (s *Service) Act(ctx context.Context, id string, a Action) (Problem, error) {
	var out Problem
	err := s.update(ctx, func(tx Tx) error {
		st, err := tx.Settings(ctx)
		if err != nil {
			return err
		}
		p, err := tx.Problem(ctx, id)
		if err != nil {
			return err
		}
		q, ev, err := p.Apply(a, st.Rules())
		if err != nil {
			return err
		}
		if err := tx.SaveProblem(&q); err != nil {
			return err
		}
		if err := tx.SaveEvent(&ev); err != nil {
			return err
		}
		out = q
		return nil
	})
	return out, err
}

// EditProblem saves changes to what was registered about a problem
// (description, request, category …). Its status and handling move only by
// Act, so they are kept as stored.
func (s *Service) EditProblem(ctx context.Context, p *Problem) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	var saved Problem
	err := s.update(ctx, func(tx Tx) error {
		old, err := tx.Problem(ctx, p.ID)
		if err != nil {
			return err
		}
		q := old
		q.Version = p.Version
		q.EnterpriseID, q.Category, q.Source = p.EnterpriseID, p.Category, p.Source
		q.Description, q.Request, q.Registered = p.Description, p.Request, p.Registered
		if !q.Deadline.IsZero() && q.Deadline.Before(q.Registered) {
			return Invalid{{"Registered", "登记日期不能晚于办理时限 " + q.Deadline.String()}}
		}
		if err := tx.SaveProblem(&q); err != nil {
			return err
		}
		saved = q
		return nil
	})
	if err != nil {
		return err
	}
	*p = saved
	return nil
}

// Delete removes a record (a tombstone that syncs). Deleting a problem also
// deletes its timeline, and deleting a record its attachments (their
// content stays, for the history).
func (s *Service) Delete(ctx context.Context, t Table, id string) error {
	return s.update(ctx, func(tx Tx) error {
		if t == TableLoans {
			l, err := tx.BridgeLoan(ctx, id)
			if err != nil {
				return err
			}
			if l.Holds() {
				return FieldError{"Status", "已批准或已放款的转贷占用着基金，不能删除：归还后请办理结清"}
			}
		}
		if t == TableEnterprises {
			loans, err := tx.BridgeLoans(ctx, LoanFilter{EnterpriseID: id})
			if err != nil {
				return err
			}
			for _, l := range loans {
				if l.Holds() {
					return FieldError{"Name", "该企业有尚未结清的应急转贷（" + l.Approved.String() + "），不能删除：结清后再删除"}
				}
			}
		}
		if slices.Contains(AttachableTables, t) {
			list, err := tx.Attachments(ctx, AttachmentFilter{RecordTable: t, RecordID: id})
			if err != nil {
				return err
			}
			for _, a := range list {
				if err := tx.Delete(TableAttachments, a.ID); err != nil {
					return err
				}
			}
		}
		if t == TableProblems {
			evs, err := tx.Events(ctx, id)
			if err != nil {
				return err
			}
			for _, e := range evs {
				if err := tx.Delete(TableEvents, e.ID); err != nil {
					return err
				}
			}
		}
		return tx.Delete(t, id)
	})
}

// Dashboard is the 工作台 of today for office, or for every office in this
// database when office is "" (the city bureau's overall view). Meetings
// and loans are one office's own, as each office holds its own meetings
// and runs its own fund: those of office, or of this office when office
// is "".
func (s *Service) Dashboard(ctx context.Context, office string) (Dashboard, error) {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	today := s.Today()
	d, err := s.Store.Dashboard(ctx, today, st, office)
	if err != nil {
		return d, err
	}
	own := office
	if own == "" {
		me, err := s.Store.Office(ctx)
		if err != nil {
			return d, err
		}
		own = me.Code
	}
	ms, err := s.Store.Meetings(ctx, MeetingFilter{Office: own, From: D(today.Year(), 1, 1), To: D(today.Year(), 12, 31)})
	if err != nil {
		return d, fmt.Errorf("dashboard: meetings: %w", err)
	}
	d.Meetings = meetingsDue(today.Year(), ms, today)
	loans, err := s.Store.BridgeLoans(ctx, LoanFilter{Office: own, Status: LoanPaid})
	if err != nil {
		return d, fmt.Errorf("dashboard: loans: %w", err)
	}
	for _, l := range loans {
		if l.Overdue(today) {
			d.OverdueLoans = append(d.OverdueLoans, l)
		}
	}
	return d, nil
}
