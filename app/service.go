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
// operator's name and the clock's time. The Store's reads are promoted, so a
// screen reads with svc.Problems(ctx, f) and never names the Store; every
// write goes through a method of the Service.
type Service struct {
	Store           // the office's database
	Now      Clock  // time.Now unless a test sets another
	Operator string // the name recorded on every change
	// account is the operator signed in (SignIn), whose kind says what
	// the service may write; nil before anyone signed in.
	account *Account
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

// Op is the stamp of a write made now by the operator: every transaction
// the Service (or an exchange it drives) commits carries one.
func (s *Service) Op() Op { return Op{Operator: s.Operator, At: s.Now()} }

// update runs fn in one write transaction stamped with Op, once the
// operator may keep records (see write).
func (s *Service) update(ctx context.Context, fn func(Tx) error) error {
	return s.write(ctx, AccessClerk, s.Op(), fn)
}

// admin runs fn as update does, once the operator is a 管理员: what
// changes how the office works (settings, calendar, trusted cards) rather
// than its records.
func (s *Service) admin(ctx context.Context, fn func(Tx) error) error {
	return s.write(ctx, AccessAdmin, s.Op(), fn)
}

// Update runs fn as the Store does, once the operator may keep records:
// the Store's own Update, promoted, would skip the check.
func (s *Service) Update(ctx context.Context, op Op, fn func(Tx) error) error {
	return s.write(ctx, AccessClerk, op, fn)
}

// Checked is the service's Store with every write checked as the
// Service's own are (Update and Restore): what the sync exchange and the
// demo data write through.
func (s *Service) Checked() Store { return checked{s.Store, s} }

type checked struct {
	Store
	s *Service
}

func (c checked) Update(ctx context.Context, op Op, fn func(Tx) error) error {
	return c.s.Update(ctx, op, fn)
}

func (c checked) Restore(ctx context.Context, path string) error { return c.s.Restore(ctx, path) }

// Restore replaces every record with those of the backup at path (see
// Store.Restore), once the operator is a 管理员. The accounts are the
// database's, not the backup's: they stay as they are.
func (s *Service) Restore(ctx context.Context, path string) error {
	if err := s.write(ctx, AccessAdmin, s.Op(), func(Tx) error { return nil }); err != nil {
		return err
	}
	return s.Store.Restore(ctx, path)
}

// saveCopy saves a copy of rec with save in one transaction and copies it
// back (with the ID and version the store gave it) only once committed, so a
// failed save leaves the caller's form as it was.
func saveCopy[T any](s *Service, ctx context.Context, rec *T, save func(Tx, *T) error) error {
	return saveCopyAs(s, ctx, AccessClerk, rec, save)
}

// saveCopyAs is saveCopy once the operator is at least need.
func saveCopyAs[T any](s *Service, ctx context.Context, need Access, rec *T, save func(Tx, *T) error) error {
	x := *rec
	if err := s.write(ctx, need, s.Op(), func(tx Tx) error { return save(tx, &x) }); err != nil {
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
	return s.admin(ctx, func(tx Tx) error {
		if err := tx.SetUp(o); err != nil {
			return err
		}
		st := DefaultSettingsOf(o.Role)
		st.Began = s.Today()
		if err := tx.SaveSettings(st); err != nil {
			return err
		}
		return s.makeKeys(ctx, tx, o)
	})
}

// EnsureKeys makes the office's sync keys if its database has none yet (a
// database set up before sync files existed). It does nothing when MakeKeys
// is nil or the keys exist. It needs no account: the keys are the
// office's, made once, whoever opens the database first.
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
	return s.Store.Update(ctx, s.Op(), func(tx Tx) error { return s.makeKeys(ctx, tx, o) })
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
			if l.CityFund {
				if err := undecided(ctx, tx, id); err != nil {
					return err
				}
			}
		}
		if t == TableEnterprises {
			loans, err := tx.BridgeLoans(ctx, LoanFilter{EnterpriseID: id})
			if err != nil {
				return err
			}
			// An application to the city fund holds the city's money
			// once the city paid it out, until it is repaid.
			ds, err := tx.LoanDecisions(ctx, LoanDecisionFilter{})
			if err != nil {
				return err
			}
			for _, l := range WithDecisions(loans, ds) {
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
// are one office's own: those of office, or of this office when office is
// "". Overdue loans are those of office, its applications to the city
// fund included, or at the city's overall view those of the city fund.
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
	me, err := s.Store.Office(ctx)
	if err != nil {
		return d, err
	}
	own := office
	if own == "" {
		own = me.Code
	}
	ms, err := s.Store.Meetings(ctx, MeetingFilter{Office: own, From: D(today.Year(), 1, 1), To: D(today.Year(), 12, 31)})
	if err != nil {
		return d, fmt.Errorf("dashboard: meetings: %w", err)
	}
	var began Date // another office's start is not known here
	if own == me.Code {
		began = st.Began
	}
	d.Meetings = meetingsDue(today.Year(), ms, today, began)
	loans, err := s.overdueCandidates(ctx, me, office, own)
	if err != nil {
		return d, fmt.Errorf("dashboard: loans: %w", err)
	}
	for _, l := range loans {
		if l.Overdue(today) {
			d.OverdueLoans = append(d.OverdueLoans, l)
		}
	}
	// One office's departments: at the city looking at every office,
	// its own 市级联络部门 (the notice has the counties'), so that the
	// 工作台 does not read every county's ten years of problems.
	ps, err := s.Store.Problems(ctx, ProblemFilter{Office: own})
	if err != nil {
		return d, fmt.Errorf("dashboard: departments: %w", err)
	}
	d.Depts = DeptFigures(ps, today, st.Calendar)
	return d, nil
}

// overdueCandidates are the loans whose overdue ones the 工作台 lists: at
// the city's overall view (office "") the city fund's, the counties'
// applications it paid out among them; else the loans of office own, its
// applications to the city fund as the city decided them.
func (s *Service) overdueCandidates(ctx context.Context, me Office, office, own string) ([]BridgeLoan, error) {
	if office == "" && me.Role == RoleCity {
		return fundLoans(ctx, s.Store, me)
	}
	loans, err := s.Store.BridgeLoans(ctx, LoanFilter{Office: own})
	if err != nil {
		return nil, err
	}
	ds, err := s.Store.LoanDecisions(ctx, LoanDecisionFilter{LoanOffice: own})
	if err != nil {
		return nil, err
	}
	return WithDecisions(loans, ds), nil
}

// Clock gives the current time; tests set it.
type Clock func() time.Time
