package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

// Profile is 一企一档: an enterprise with everything recorded about it,
// each list newest first.
type Profile struct {
	Enterprise  Enterprise
	Assignments []Assignment // in force first, then past ones, each by start day, latest first
	Visits      []Visit
	Problems    []Problem
	Overdue     map[string]bool // the IDs of the problems overdue today
	Meetings    []Meeting       // held at it, or listing it among the attendees
	Financing   []FinancingNeed
	Loans       []BridgeLoan // an application to the city fund with its decision
	Comments    []Comment    // the city's 督办意见 on its problems
	Today       Date
}

// InForce reports whether assignment a is in force on the profile's day.
func (p *Profile) InForce(a Assignment) bool {
	return (a.From.IsZero() || !a.From.After(p.Today)) && (a.To.IsZero() || !a.To.Before(p.Today))
}

// State is 在任 for an assignment in force on the profile's day, else 已结束.
func (p *Profile) State(a Assignment) string {
	if p.InForce(a) {
		return "在任"
	}
	return "已结束"
}

// ProblemStatus is problem x's status, marked 逾期 when overdue today.
func (p *Profile) ProblemStatus(x Problem) string {
	if p.Overdue[x.ID] {
		return string(x.Status) + "（逾期）"
	}
	return string(x.Status)
}

// Role says how the enterprise took part in meeting m: 在本企业召开 (an
// on-site meeting held at it) or 参会.
func (p *Profile) Role(m Meeting) string {
	if m.EnterpriseID == p.Enterprise.ID {
		return "在本企业召开"
	}
	return "参会"
}

// Leaders are the names of the leaders whose assignments are in force.
func (p *Profile) Leaders() []string {
	var names []string
	for _, a := range p.Assignments {
		if p.InForce(a) {
			names = append(names, a.LeaderName)
		}
	}
	return names
}

// OpenProblems counts the problems still open (在办).
func (p *Profile) OpenProblems() int {
	n := 0
	for i := range p.Problems {
		if p.Problems[i].Status.Open() {
			n++
		}
	}
	return n
}

// Summary is the profile in one line, as the enterprise's page heads it.
func (p *Profile) Summary() string {
	leaders := "无"
	if l := p.Leaders(); len(l) > 0 {
		leaders = strings.Join(l, "、")
	}
	return fmt.Sprintf("联系领导：%s　走访 %d 次　问题 %d 个（在办 %d，逾期 %d）　会议 %d 次　融资需求 %d 项　转贷 %d 笔",
		leaders, len(p.Visits), len(p.Problems), p.OpenProblems(), len(p.Overdue),
		len(p.Meetings), len(p.Financing), len(p.Loans))
}

// Profile gathers 一企一档 of the enterprise with id.
func (s *Service) Profile(ctx context.Context, id string) (Profile, error) {
	e, err := s.Store.Enterprise(ctx, id)
	if err != nil {
		return Profile{}, fmt.Errorf("profile of enterprise %s: %w", id, err)
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return Profile{}, fmt.Errorf("profile of enterprise %s: %w", id, err)
	}
	p := Profile{Enterprise: e, Today: s.Today(), Overdue: map[string]bool{}}
	if err := s.gather(ctx, &p, st.Calendar); err != nil {
		return Profile{}, fmt.Errorf("profile of enterprise %s: %w", id, err)
	}
	return p, nil
}

func (s *Service) gather(ctx context.Context, p *Profile, cal Calendar) error {
	id := p.Enterprise.ID
	var err error
	if p.Assignments, err = s.Store.Assignments(ctx, AssignmentFilter{EnterpriseID: id}); err != nil {
		return err
	}
	sort.SliceStable(p.Assignments, func(i, j int) bool {
		a, b := p.Assignments[i], p.Assignments[j]
		if fa, fb := p.InForce(a), p.InForce(b); fa != fb {
			return fa
		}
		return a.From.After(b.From)
	})
	if p.Visits, err = s.Store.Visits(ctx, VisitFilter{EnterpriseID: id}); err != nil {
		return err
	}
	if p.Problems, err = s.Store.Problems(ctx, ProblemFilter{EnterpriseID: id}); err != nil {
		return err
	}
	// The comments on its problems: one read per office that owns any of
	// them (the counties' own, or the city's), not one per problem.
	number := map[string]string{}
	offices := map[string]bool{}
	for i := range p.Problems {
		if p.Problems[i].Overdue(p.Today, cal) {
			p.Overdue[p.Problems[i].ID] = true
		}
		number[p.Problems[i].ID] = p.Problems[i].Number
		offices[p.Problems[i].Office] = true
	}
	for _, office := range slices.Sorted(maps.Keys(offices)) {
		cs, err := s.Store.Comments(ctx, CommentFilter{ProblemOffice: office})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if n, ok := number[c.ProblemID]; ok {
				c.ProblemNumber = n
				p.Comments = append(p.Comments, c)
			}
		}
	}
	sort.SliceStable(p.Comments, func(i, j int) bool { return p.Comments[i].Date.After(p.Comments[j].Date) })
	if p.Meetings, err = s.Store.Meetings(ctx, MeetingFilter{EnterpriseID: id, EnterpriseName: p.Enterprise.Name}); err != nil {
		return err
	}
	if p.Financing, err = s.Store.FinancingNeeds(ctx, FinancingFilter{EnterpriseID: id}); err != nil {
		return err
	}
	if p.Loans, err = s.Store.BridgeLoans(ctx, LoanFilter{EnterpriseID: id}); err != nil {
		return err
	}
	for i, l := range p.Loans {
		if !l.CityFund {
			continue
		}
		ds, err := s.Store.LoanDecisions(ctx, LoanDecisionFilter{LoanID: l.ID})
		if err != nil {
			return err
		}
		p.Loans[i] = WithDecisions([]BridgeLoan{l}, ds)[0]
	}
	return nil
}
