package app

import "context"

// VisitModes are the ways a visit is made.
var VisitModes = []string{VisitOnSite, "电话", "会议", "视频"}

// VisitOnSite (实地) is the mode of a visit in person, the one mode that
// always counts as a 走访.
const VisitOnSite = "实地"

// CountedModes are the visit modes that count as a 走访 under s: 实地,
// and whatever modes Settings.VisitModesCounted widens it to, in the order
// of VisitModes. A contact made another way (by phone, at a meeting) is
// kept as a 联系 and listed with the visits, but it is not a 走访 on the
// 工作台, in the notice or in the assessment. This and CountsAsVisit are
// the one place of that rule.
func (s Settings) CountedModes() []string {
	var l []string
	for _, m := range VisitModes {
		if m == VisitOnSite || contains(s.VisitModesCounted, m) {
			l = append(l, m)
		}
	}
	return l
}

// CountsAsVisit reports whether a contact made in mode counts as a 走访
// under s (see CountedModes).
func (s Settings) CountsAsVisit(mode string) bool { return contains(s.CountedModes(), mode) }

// CountedVisits are the visits of vs that count as a 走访 under s, in
// their order.
func (s Settings) CountedVisits(vs []Visit) []Visit {
	var l []Visit
	for _, v := range vs {
		if s.CountsAsVisit(v.Mode) {
			l = append(l, v)
		}
	}
	return l
}

// Visit (走访记录) is one visit of a leader to an enterprise.
type Visit struct {
	Meta
	Date         Date   `json:"date"`
	LeaderID     string `json:"leader_id"`
	Companions   string `json:"companions"`
	EnterpriseID string `json:"enterprise_id"`
	Mode         string `json:"mode"`
	Findings     string `json:"findings"` // what was found, the enterprise's situation

	LeaderName     string `json:"-"`
	EnterpriseName string `json:"-"`
}

// Normalize trims fields.
func (x *Visit) Normalize() { trim(&x.Companions, &x.Mode, &x.Findings) }

// Validate checks a visit before it is saved; today is the day it is typed
// in, since a visit cannot be in the future.
func (x *Visit) Validate(today Date) error {
	var v Invalid
	if x.Date.IsZero() {
		v.Add("Date", "请填写走访日期")
	} else if x.Date.After(today) {
		v.Add("Date", "走访日期不能晚于今天")
	}
	if x.LeaderID == "" {
		v.Add("LeaderID", "请选择走访领导")
	}
	if x.EnterpriseID == "" {
		v.Add("EnterpriseID", "请选择被走访企业")
	}
	if !contains(VisitModes, x.Mode) {
		v.Add("Mode", "请选择走访方式：实地、电话、会议或视频")
	}
	return v.Err()
}

// VisitFilter selects visits, newest first.
type VisitFilter struct {
	Office       string
	EnterpriseID string
	LeaderID     string
	From, To     Date
	Query        string // leader, enterprise or findings
	Limit        int
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
