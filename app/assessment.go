package app

import (
	"context"
	"fmt"
	"math"
)

// The yearly assessment (考核评估) of an office by the city bureau: the
// notice's 加强考核问效. Most indicators are scored from the records by a
// rule written next to them on the form; the others are scored by hand.

// Indicator is one item of the assessment scheme.
type Indicator struct {
	Group  string  // 服务措施, 服务效果 or 机制落实
	Name   string  // e.g. 问题办结率
	Weight float64 // full marks
	Rule   string  // the scoring rule as the form prints it
	Code   string  // how the records score it; "" when it is scored by hand
}

// Codes of the indicators scored from the records.
const (
	IndCoverage     = "coverage"
	IndVisits       = "visits"
	IndMeetings     = "meetings"
	IndSettled      = "settled"
	IndOnTime       = "on-time"
	IndSatisfaction = "satisfaction"
)

// DefaultIndicators is the default scheme, 100 points in all.
func DefaultIndicators() []Indicator {
	return []Indicator{
		{"服务措施", "领导分包覆盖", 10, "年内有县级以上领导分包的重点企业占全部重点企业的比例×10分", IndCoverage},
		{"服务措施", "定期走访", 15, "分包领导按走访周期走访分包企业，到位次数占应走访次数的比例×15分", IndVisits},
		{"服务措施", "会议召开", 15, "企业家恳谈会每季度、企业现场办公会每月、银企对接会每季度至少1次，已召开期数占应召开期数的比例×15分", IndMeetings},
		{"服务效果", "问题办结率", 20, "年内登记的问题中已办结（办结、已回访、销号、已解释）的比例×20分", IndSettled},
		{"服务效果", "按时办结率", 10, "已办结问题中在办理时限内办结的比例×10分", IndOnTime},
		{"服务效果", "企业满意度", 10, "回访问题中满意计1、基本满意计0.5、不满意计0，平均值×10分", IndSatisfaction},
		{"机制落实", "融资对接与应急转贷", 10, "据银企对接成效、应急转贷资金使用和按期归还情况评分", ""},
		{"机制落实", "信息报送与资料管理", 10, "据同步文件报送及时性、台账资料完整性评分", ""},
	}
}

// AssessmentRow is an indicator with what the records say of it.
type AssessmentRow struct {
	Indicator
	Figure string  // the numbers behind the score, in Chinese
	Score  float64 // rounded to one decimal
	Scored bool    // false when scored by hand (or on a blank form): left empty
}

// Assessment is the assessment form of one office for one year.
type Assessment struct {
	Office string
	Year   int
	Rows   []AssessmentRow
	Total  float64 // of the scored rows
}

// BlankAssessment is the form of office for year with the default scheme
// and nothing scored, to fill in by hand.
func BlankAssessment(office string, year int) Assessment {
	a := Assessment{Office: office, Year: year}
	for _, ind := range DefaultIndicators() {
		a.Rows = append(a.Rows, AssessmentRow{Indicator: ind})
	}
	return a
}

// assessWindow is the part of year the records are judged over: the year,
// up to today when it is the current year.
type assessWindow struct {
	from, to, today Date
}

// Assessment fills the default scheme for office and year from the live
// records of that office; indicators scored by hand stay empty. A rate
// with nothing to count gives full marks, and the figure says so: an
// office is not marked down for problems no enterprise raised.
func (s *Service) Assessment(ctx context.Context, office string, year int) (Assessment, error) {
	a := BlankAssessment(office, year)
	today := s.Today()
	w := assessWindow{from: D(year, 1, 1), to: D(year, 12, 31), today: today}
	if w.to.After(today) {
		w.to = today
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return a, fmt.Errorf("assessment: %w", err)
	}
	problems, err := s.Store.Problems(ctx, ProblemFilter{Office: office})
	if err != nil {
		return a, fmt.Errorf("assessment: problems: %w", err)
	}
	var raised []Problem
	for _, p := range problems {
		if p.Registered.Year() == year {
			raised = append(raised, p)
		}
	}
	for i := range a.Rows {
		r := &a.Rows[i]
		var done, of float64
		var figure string
		switch r.Code {
		case IndCoverage:
			done, of, figure, err = s.coverage(ctx, office, w)
		case IndVisits:
			done, of, figure, err = s.visitsDone(ctx, office, w, st.VisitIntervalMonths)
		case IndMeetings:
			done, of, figure, err = s.meetingsHeld(ctx, office, year, today)
		case IndSettled:
			done, of, figure = settled(raised)
		case IndOnTime:
			done, of, figure = onTime(raised)
		case IndSatisfaction:
			done, of, figure = satisfaction(raised)
		default:
			continue // scored by hand
		}
		if err != nil {
			return a, fmt.Errorf("assessment: %s: %w", r.Name, err)
		}
		rate := 1.0
		if of > 0 {
			rate = done / of
		} else {
			figure += "，按满分计"
		}
		r.Figure, r.Score, r.Scored = figure, math.Round(r.Weight*rate*10)/10, true
		a.Total += r.Score
	}
	a.Total = math.Round(a.Total*10) / 10
	return a, nil
}

// inForce says whether assignment x is in force on some day of w.
func (w assessWindow) inForce(x Assignment) bool {
	return !x.From.After(w.to) && (x.To.IsZero() || !x.To.Before(w.from))
}

// coverage: live enterprises with an assignment in force during the year,
// of all live enterprises.
func (s *Service) coverage(ctx context.Context, office string, w assessWindow) (done, of float64, figure string, err error) {
	es, err := s.Store.Enterprises(ctx, EnterpriseFilter{Office: office})
	if err != nil {
		return 0, 0, "", err
	}
	as, err := s.Store.Assignments(ctx, AssignmentFilter{Office: office})
	if err != nil {
		return 0, 0, "", err
	}
	covered := map[string]bool{}
	for _, x := range as {
		if w.inForce(x) {
			covered[x.EnterpriseID] = true
		}
	}
	for _, e := range es {
		if covered[e.ID] {
			done++
		}
	}
	of = float64(len(es))
	if of == 0 {
		return 0, 0, "没有重点企业", nil
	}
	return done, of, fmt.Sprintf("%d家重点企业中%d家有领导分包（%s）", len(es), int(done), percent(done, of)), nil
}

// visitsDone: for each assignment and each visit period (months long) of
// the year that has begun while it was in force, whether its leader
// visited its enterprise within the period.
func (s *Service) visitsDone(ctx context.Context, office string, w assessWindow, months int) (done, of float64, figure string, err error) {
	if months < 1 || months > 12 {
		months = 3
	}
	as, err := s.Store.Assignments(ctx, AssignmentFilter{Office: office})
	if err != nil {
		return 0, 0, "", err
	}
	vs, err := s.Store.Visits(ctx, VisitFilter{Office: office, From: w.from, To: w.to})
	if err != nil {
		return 0, 0, "", err
	}
	type key struct {
		leader, enterprise string
		period             Date
	}
	visited := map[key]bool{}
	for _, v := range vs {
		visited[key{v.LeaderID, v.EnterpriseID, PeriodStart(v.Date, months)}] = true
	}
	for _, x := range as {
		for p := w.from; !p.After(w.to); p = p.AddMonths(months) {
			end := p.AddMonths(months).AddDays(-1)
			if x.From.After(end) || (!x.To.IsZero() && x.To.Before(p)) {
				continue // not in force during the period
			}
			of++
			if visited[key{x.LeaderID, x.EnterpriseID, p}] {
				done++
			}
		}
	}
	if of == 0 {
		return 0, 0, "年内没有在分包期内的走访周期", nil
	}
	return done, of, fmt.Sprintf("每%d个月走访1次，应走访%d次，到位%d次（%s）", months, int(of), int(done), percent(done, of)), nil
}

// meetingsHeld: periods of the year's meeting calendar that are over or
// held, and of those the ones with a meeting (MeetingCalendar's rules).
func (s *Service) meetingsHeld(ctx context.Context, office string, year int, today Date) (done, of float64, figure string, err error) {
	ms, err := s.Store.Meetings(ctx, MeetingFilter{Office: office, From: D(year, 1, 1), To: D(year, 12, 31)})
	if err != nil {
		return 0, 0, "", err
	}
	cal := MeetingCalendar(year, ms, today)
	var parts string
	for _, k := range MeetingKinds {
		var kd, ko float64
		for _, p := range cal[k] {
			if p.State == PeriodHeld || p.State == PeriodMissing {
				ko++
			}
			if p.State == PeriodHeld {
				kd++
			}
		}
		done, of = done+kd, of+ko
		if parts != "" {
			parts += "；"
		}
		parts += fmt.Sprintf("%s%d/%d期", k, int(kd), int(ko))
	}
	if of == 0 {
		return 0, 0, "年内尚无到期的会议", nil
	}
	return done, of, parts + fmt.Sprintf("（%s）", percent(done, of)), nil
}

// settled: problems raised in the year that are settled.
func settled(raised []Problem) (done, of float64, figure string) {
	for _, p := range raised {
		if !p.Status.Open() {
			done++
		}
	}
	of = float64(len(raised))
	if of == 0 {
		return 0, 0, "年内没有登记问题"
	}
	return done, of, fmt.Sprintf("登记%d件，办结%d件（%s）", len(raised), int(done), percent(done, of))
}

// onTime: settled problems with a deadline that were settled on or before
// it.
func onTime(raised []Problem) (done, of float64, figure string) {
	for _, p := range raised {
		if p.Status.Open() || p.Deadline.IsZero() || p.ClosedOn.IsZero() {
			continue
		}
		of++
		if !p.ClosedOn.After(p.Deadline) {
			done++
		}
	}
	if of == 0 {
		return 0, 0, "没有有时限的已办结问题"
	}
	return done, of, fmt.Sprintf("有时限的已办结问题%d件，按时办结%d件（%s）", int(of), int(done), percent(done, of))
}

// satisfaction: the mean of the follow-up answers, 满意 1, 基本满意 0.5,
// 不满意 0.
func satisfaction(raised []Problem) (done, of float64, figure string) {
	var n [3]int
	for _, p := range raised {
		for i, s := range Satisfactions {
			if p.Satisfaction == s {
				n[i]++
			}
		}
	}
	done = float64(n[0]) + 0.5*float64(n[1])
	of = float64(n[0] + n[1] + n[2])
	if of == 0 {
		return 0, 0, "没有回访记录"
	}
	return done, of, fmt.Sprintf("回访%d件：满意%d件、基本满意%d件、不满意%d件", n[0]+n[1]+n[2], n[0], n[1], n[2])
}

// percent says done of of as a percentage with one decimal.
func percent(done, of float64) string {
	return fmt.Sprintf("%.1f%%", 100*done/of)
}
