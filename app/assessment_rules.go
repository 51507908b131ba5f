package app

import (
	"context"
	"fmt"
	"math"
	"strings"
)

// The yearly assessment (考核评估) of an office by the city bureau: the
// notice's 加强考核问效 (三(三)). Most indicators are scored from the
// records, each by one rule function below whose behaviour its Rule text
// states; the others are scored by hand on the printed form.

// Indicator is one item of an assessment scheme.
type Indicator struct {
	Group  string  `json:"group"`  // 服务措施, 服务效果 or 机制落实
	Name   string  `json:"name"`   // e.g. 问题办结率
	Weight float64 `json:"weight"` // full marks, points
	Rule   string  `json:"rule"`   // the scoring rule as the form prints it
	Code   string  `json:"code"`   // which rule scores it from the records; "" when it is scored by hand
}

// The codes of the indicators scored from the records; ruleFor maps each
// to its rule function.
const (
	IndCoverage     = "coverage"     // 领导分包覆盖
	IndVisits       = "visits"       // 定期走访
	IndMeetings     = "meetings"     // 会议召开
	IndSettled      = "settled"      // 问题办结率
	IndOnTime       = "on-time"      // 按时办结率
	IndSatisfaction = "satisfaction" // 企业满意度
)

// The groups of indicators, in the form's order.
const (
	GroupMeasures  = "服务措施"
	GroupResults   = "服务效果"
	GroupMechanism = "机制落实"
)

// DefaultIndicators is the default scheme, 100 points in all: six
// indicators scored from the records and two scored by hand.
func DefaultIndicators() []Indicator {
	return []Indicator{
		{GroupMeasures, "领导分包覆盖", 10,
			"年内有分包领导（分包关系在年内任一天有效）的重点企业占本单位重点企业总数的比例×10分", IndCoverage},
		{GroupMeasures, "定期走访", 15,
			"每个走访周期（默认每季度）末仍有效的分包关系，该周期内应由分包领导走访1次；走访到位的次数占应走访次数的比例×15分（未结束的周期已走访的计入）", IndVisits},
		{GroupMeasures, "会议召开", 15,
			"企业家恳谈会、银企对接会每季度1次，企业现场办公会每月1次；已召开期数占应召开期数的比例×15分（未结束且未召开的当期不计）", IndMeetings},
		{GroupResults, "问题办结率", 20,
			"年内登记的问题中截至年末已办结（已办结、回访、销号、已解释）的比例×20分；回访不满意重新办理的不计为办结", IndSettled},
		{GroupResults, "按时办结率", 10,
			"年内登记的问题中，截至年末已办结或已超过办理时限的，在时限（到期前批准延期的以延期后为准）内办结的比例×10分；当场解决、当即解释的计为按时，逾期未办结的计为未按时", IndOnTime},
		{GroupResults, "企业满意度", 10,
			"年内登记问题的回访结果，满意计1、基本满意计0.5、不满意计0，平均值×10分", IndSatisfaction},
		{GroupMechanism, "融资对接与应急转贷", 10,
			"据银企对接成效、应急转贷资金使用和按期归还情况评分", ""},
		{GroupMechanism, "信息报送与资料管理", 10,
			"据同步文件报送及时性、台账资料完整性评分", ""},
	}
}

// RuleCodes lists the codes of the rules that score an indicator from the
// records, in the default scheme's order.
var RuleCodes = []string{IndCoverage, IndVisits, IndMeetings, IndSettled, IndOnTime, IndSatisfaction}

// RuleName names the rule of code as the scheme editor offers it, or
// 人工评分 for "".
func RuleName(code string) string {
	for _, ind := range DefaultIndicators() {
		if ind.Code == code && code != "" {
			return "按记录：" + ind.Name
		}
	}
	return "人工评分"
}

// SchemeTotal is the full marks of a scheme: 100 points.
const SchemeTotal = 100

// ValidateScheme checks an assessment scheme before it is saved: every
// indicator has a group, a name of its own, full marks above zero and a
// rule text; a rule code is known and used once; the full marks add up to
// SchemeTotal, so that totals and grades mean the same every year.
func ValidateScheme(inds []Indicator) error {
	var v Invalid
	seen := map[string]bool{}
	used := map[string]bool{}
	var sum float64
	for i, ind := range inds {
		at := fmt.Sprintf("第%d项指标", i+1)
		switch {
		case strings.TrimSpace(ind.Group) == "" || strings.TrimSpace(ind.Name) == "":
			v.Add("Indicators", at+"缺少考核项目或考核内容")
		case seen[ind.Name]:
			v.Add("Indicators", at+"“"+ind.Name+"”与前面的指标重名")
		case ind.Weight <= 0 || math.IsNaN(ind.Weight):
			v.Add("Indicators", at+"“"+ind.Name+"”的分值应大于零")
		case strings.TrimSpace(ind.Rule) == "":
			v.Add("Indicators", at+"“"+ind.Name+"”缺少评分标准")
		}
		if ind.Code != "" {
			if _, ok := ruleFor(ind.Code); !ok {
				v.Add("Indicators", at+"“"+ind.Name+"”的计算规则无法识别")
			} else if used[ind.Code] {
				v.Add("Indicators", at+"“"+ind.Name+"”的计算规则已被前面的指标使用")
			}
			used[ind.Code] = true
		}
		seen[ind.Name] = true
		sum += ind.Weight
	}
	if len(inds) == 0 {
		v.Add("Indicators", "考核方案至少要有一项指标")
	} else if math.Abs(sum-SchemeTotal) > 1e-9 {
		v.Add("Indicators", fmt.Sprintf("各项分值合计%s分，应为%d分", points(sum), SchemeTotal))
	}
	return v.Err()
}

// AssessmentRow is an indicator with what the records say of it.
type AssessmentRow struct {
	Indicator
	Figure string  `json:"figure"` // the numbers behind the score, in Chinese; "" when not scored
	Score  float64 `json:"score"`  // Weight × rate, rounded to one decimal, or the hand score
	Scored bool    `json:"scored"` // false while a hand score is not entered, and on a blank form
	By     string  `json:"by"`     // who entered a hand score; "" for a score from the records
}

// Assessment is the assessment form of one office for one year.
type Assessment struct {
	Office string          `json:"office"` // the office's code
	Year   int             `json:"year"`
	End    Date            `json:"end"` // the last day counted: 31 December, or today during the year; zero on a blank form
	Rows   []AssessmentRow `json:"rows"`
	Total  float64         `json:"total"` // of the scored rows, rounded to one decimal

	// Set when the city ranks the offices (Service.Ranking); zero otherwise.
	Rank  int    `json:"rank,omitempty"`  // 1 is the best; equal totals share a rank
	Of    int    `json:"of,omitempty"`    // the number of offices ranked
	Grade string `json:"grade,omitempty"` // 等次: GradeOf(Total)
	Fund  Yuan   `json:"fund,omitempty"`  // the amount shared out among the offices
	Share Yuan   `json:"share,omitempty"` // this office's suggested share of Fund
}

// BlankAssessment is the form of office for year with the indicators of
// scheme and nothing scored, to fill in by hand.
func BlankAssessment(office string, year int, scheme []Indicator) Assessment {
	a := Assessment{Office: office, Year: year}
	for _, ind := range scheme {
		a.Rows = append(a.Rows, AssessmentRow{Indicator: ind})
	}
	return a
}

// Assessment scores the settings' scheme for office and year from the
// live records of that office in this database, up to today when year is
// the current year; indicators scored by hand stay empty. A year not yet
// begun is refused.
//
// A rate with nothing to count (no problem registered, say) gives full
// marks, and the figure says so: an office is not marked down for
// problems no enterprise raised, and a zero would rank it below offices
// that did work badly.
func (s *Service) Assessment(ctx context.Context, office string, year int) (Assessment, error) {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return Assessment{}, fmt.Errorf("assessment of %s for %d: settings: %w", office, year, err)
	}
	a := BlankAssessment(office, year, st.Scheme())
	today := s.Today()
	if year > today.Year() {
		return a, FieldError{"Year", fmt.Sprintf("%d年度尚未开始，不能考核", year)}
	}
	in, err := s.assessInput(ctx, office, year, st, today)
	if err != nil {
		return a, fmt.Errorf("assessment of %s for %d: %w", office, year, err)
	}
	a.End = in.to
	for i := range a.Rows {
		r := &a.Rows[i]
		if r.Code == "" {
			continue // scored by hand
		}
		rule, ok := ruleFor(r.Code)
		if !ok {
			return a, fmt.Errorf("assessment of %s for %d: indicator %s: no rule for code %q", office, year, r.Name, r.Code)
		}
		m := rule(in)
		rate := 1.0
		if m.of > 0 {
			rate = m.done / m.of
		}
		r.Figure, r.Score, r.Scored = m.figure, roundTenth(r.Weight*rate), true
		a.Total += r.Score
	}
	a.Total = roundTenth(a.Total)
	return a, nil
}

// roundTenth rounds x to one decimal.
func roundTenth(x float64) float64 { return math.Round(x*10) / 10 }

// assessInput is what the rules read: the live records of one office that
// bear on one year, read once.
type assessInput struct {
	from, to    Date // 1 January to 31 December, or to today during the year
	today       Date
	months      int // the visit period, Settings.VisitIntervalMonths
	enterprises []Enterprise
	liveLeader  map[string]bool // of every office: a city leader may look after a county's enterprise
	assignments []Assignment    // whose leader and enterprise are live
	visits      []Visit         // dated within from–to, of the modes that count (Settings.CountedModes)
	raised      []Problem       // registered within from–to
	meetings    []Meeting       // dated within from–to
	cal         Calendar        // the office's working days (Settings.Calendar)
}

// assessInput reads the records of office that the rules of year need.
// The enterprises are today's list: no record says since when an
// enterprise is on it.
func (s *Service) assessInput(ctx context.Context, office string, year int, st Settings, today Date) (*assessInput, error) {
	in := &assessInput{from: D(year, 1, 1), to: D(year, 12, 31), today: today, cal: st.Calendar}
	if today.Before(in.to) {
		in.to = today
	}
	var err error
	in.months = st.VisitIntervalMonths
	if in.months < 1 || in.months > 12 {
		in.months = DefaultSettings().VisitIntervalMonths
	}
	if in.enterprises, err = s.Store.Enterprises(ctx, EnterpriseFilter{Office: office}); err != nil {
		return nil, fmt.Errorf("enterprises: %w", err)
	}
	liveEnterprise := map[string]bool{}
	for _, e := range in.enterprises {
		liveEnterprise[e.ID] = true
	}
	leaders, err := s.Store.Leaders(ctx, LeaderFilter{})
	if err != nil {
		return nil, fmt.Errorf("leaders: %w", err)
	}
	in.liveLeader = map[string]bool{}
	for _, l := range leaders {
		in.liveLeader[l.ID] = true
	}
	as, err := s.Store.Assignments(ctx, AssignmentFilter{Office: office})
	if err != nil {
		return nil, fmt.Errorf("assignments: %w", err)
	}
	for _, x := range as {
		if in.liveLeader[x.LeaderID] && liveEnterprise[x.EnterpriseID] {
			in.assignments = append(in.assignments, x)
		}
	}
	vs, err := s.Store.Visits(ctx, VisitFilter{Office: office, From: in.from, To: in.to})
	if err != nil {
		return nil, fmt.Errorf("visits: %w", err)
	}
	in.visits = st.CountedVisits(vs)
	ps, err := s.Store.Problems(ctx, ProblemFilter{Office: office})
	if err != nil {
		return nil, fmt.Errorf("problems: %w", err)
	}
	for _, p := range ps {
		if !p.Registered.Before(in.from) && !p.Registered.After(in.to) {
			in.raised = append(in.raised, p)
		}
	}
	if in.meetings, err = s.Store.Meetings(ctx, MeetingFilter{Office: office, From: in.from, To: in.to, HeldOnly: true}); err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return in, nil
}

// measure is what a rule counts: done out of of (of is 0 when there is
// nothing to count), and the figure that says so on the form.
type measure struct {
	done, of float64
	figure   string
}

// ruleFor is the rule function of an indicator code.
func ruleFor(code string) (func(*assessInput) measure, bool) {
	switch code {
	case IndCoverage:
		return coverageRule, true
	case IndVisits:
		return visitsRule, true
	case IndMeetings:
		return meetingsRule, true
	case IndSettled:
		return settledRule, true
	case IndOnTime:
		return onTimeRule, true
	case IndSatisfaction:
		return satisfactionRule, true
	}
	return nil, false
}

// coverageRule (领导分包覆盖): of the office's live key enterprises, those
// with an assignment (of a live leader) in force on some day of the year.
func coverageRule(in *assessInput) measure {
	covered := map[string]bool{}
	for _, x := range in.assignments {
		if !x.From.After(in.to) && (x.To.IsZero() || !x.To.Before(in.from)) {
			covered[x.EnterpriseID] = true
		}
	}
	m := measure{of: float64(len(in.enterprises))}
	for _, e := range in.enterprises {
		if covered[e.ID] {
			m.done++
		}
	}
	if m.of == 0 {
		m.figure = "本单位无重点企业，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("%d家重点企业中%d家有领导分包，%s", int(m.of), int(m.done), percentOf(m.done, m.of))
	return m
}

// visitsRule (定期走访): the year is cut into visit periods of
// Settings.VisitIntervalMonths months from January, as the 工作台 cuts it.
// An assignment in force on the last day of a period owes one visit by its
// leader to its enterprise within that period: the 工作台 of that day
// listed it as not visited otherwise. A period not over yet (the current
// one) counts only when the visit has been made, as meetingsRule does.
func visitsRule(in *assessInput) measure {
	type pair struct{ leader, enterprise string }
	visited := map[pair]map[Date]bool{} // by visit period
	for _, v := range in.visits {
		k := pair{v.LeaderID, v.EnterpriseID}
		if visited[k] == nil {
			visited[k] = map[Date]bool{}
		}
		visited[k][PeriodStart(v.Date, in.months)] = true
	}
	var m measure
	for start := in.from; !start.After(in.to); start = start.AddMonths(in.months) {
		end := start.AddMonths(in.months).AddDays(-1)
		over := end.Before(in.today)
		judged := end // the day the assignment must be in force
		if !over {
			judged = in.today
		}
		for _, x := range in.assignments {
			if !x.ActiveOn(judged) {
				continue
			}
			done := visited[pair{x.LeaderID, x.EnterpriseID}][start]
			if !over && !done {
				continue // still time to visit
			}
			m.of++
			if done {
				m.done++
			}
		}
	}
	if m.of == 0 {
		m.figure = "年内无应走访的分包企业，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("每%d个月走访1次，应走访%d次，到位%d次，%s", in.months, int(m.of), int(m.done), percentOf(m.done, m.of))
	return m
}

// meetingsRule (会议召开): the periods of MeetingCalendar (the rule of the
// 工作台 and the notice: 恳谈会 and 银企对接会 by quarter, 现场办公会 by
// month) that were held or are over without a meeting; of those, the
// held ones.
func meetingsRule(in *assessInput) measure {
	cal := MeetingCalendar(in.from.Year(), in.meetings, in.today, Date{})
	var m measure
	var parts string
	for _, k := range MeetingKinds {
		var held, due int
		for _, p := range cal[k] {
			switch p.State {
			case PeriodHeld:
				held++
				due++
			case PeriodMissing:
				due++
			}
		}
		m.done += float64(held)
		m.of += float64(due)
		if parts != "" {
			parts += "、"
		}
		parts += fmt.Sprintf("%s%d/%d", k, held, due)
	}
	if m.of == 0 {
		m.figure = "年内尚无到期的会议，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("应召开%d期，已召开%d期（%s），%s", int(m.of), int(m.done), parts, percentOf(m.done, m.of))
	return m
}

// settledBy reports whether p was settled on or before end and is settled
// still (a follow-up the enterprise was not satisfied with reopens a
// problem and clears its closing date), as the notice counts it. Judging
// at the year's end keeps a year's form the same when it is printed again
// later.
func settledBy(p Problem, end Date) bool {
	return !p.Status.Open() && !p.ClosedOn.IsZero() && !p.ClosedOn.After(end)
}

// settledRule (问题办结率): of the problems registered in the year, those
// settled by its end (settledBy).
func settledRule(in *assessInput) measure {
	m := measure{of: float64(len(in.raised))}
	for _, p := range in.raised {
		if settledBy(p, in.to) {
			m.done++
		}
	}
	if m.of == 0 {
		m.figure = "本年度无问题登记，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("登记%d件，已办结%d件，%s", int(m.of), int(m.done), percentOf(m.done, m.of))
	return m
}

// onTimeRule (按时办结率): of the problems registered in the year that
// were settled by its end (settledBy) or were still open then past their
// deadline, those settled on or before their counted deadline
// (Problem.CountedDeadline: the first, or an extension approved before it
// ran out). A settled problem with no deadline was settled the day it was
// registered (当场解决, or explained at once) and is on time; an open one
// past its deadline is not, so that settling nothing does not score well.
func onTimeRule(in *assessInput) measure {
	var m measure
	for _, p := range in.raised {
		due := p.CountedDeadline()
		switch {
		case settledBy(p, in.to):
			m.of++
			if !in.cal.Overdue(due, p.ClosedOn) {
				m.done++
			}
		case in.cal.Overdue(due, in.to):
			m.of++ // open at the end, past its deadline
		}
	}
	if m.of == 0 {
		m.figure = "本年度无已办结或到期的问题，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("已办结或到期%d件，按时办结%d件，%s", int(m.of), int(m.done), percentOf(m.done, m.of))
	return m
}

// satisfactionRule (企业满意度): over the problems registered in the year
// that have a follow-up answer, the mean of 满意 1, 基本满意 0.5 and 不满意
// 0. A problem reopened after an unsatisfied answer keeps that answer
// until it is followed up again.
func satisfactionRule(in *assessInput) measure {
	points := []float64{1, 0.5, 0} // by Satisfactions: 满意, 基本满意, 不满意
	n := make([]int, len(Satisfactions))
	var m measure
	for _, p := range in.raised {
		for i, s := range Satisfactions {
			if p.Satisfaction == s {
				n[i]++
				m.of++
				m.done += points[i]
			}
		}
	}
	if m.of == 0 {
		m.figure = "本年度无回访记录，按满分计"
		return m
	}
	m.figure = fmt.Sprintf("回访%d件：满意%d件、基本满意%d件、不满意%d件，得分率%s", int(m.of), n[0], n[1], n[2], percentOf(m.done, m.of))
	return m
}

// percentOf says done out of of as a percentage with one decimal.
func percentOf(done, of float64) string {
	return fmt.Sprintf("%.1f%%", 100*done/of)
}
