package app

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// The city bureau's progress notice (通报) for a month, a quarter or a
// year: every county's figures from the records imported from it, and its
// rank (彰先策后). Each figure's rule is written on its field; one
// function computes each, so that a figure can be checked against its
// rule.

// NoticePeriod is the month, quarter or year a notice covers.
type NoticePeriod struct {
	Year    int
	Month   int // 1–12 for a month, else 0
	Quarter int // 1–4 for a quarter, else 0
}

var periodForms = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})|[Qq]([1-4]))?$`)

// ParsePeriod reads a period as the command line gives it: 2026-03, 2026Q1
// or 2026.
func ParsePeriod(s string) (NoticePeriod, error) {
	m := periodForms.FindStringSubmatch(s)
	if m == nil {
		return NoticePeriod{}, fmt.Errorf("“%s”不是通报期间：月份写作 2026-03，季度写作 2026Q1，全年写作 2026", s)
	}
	p := NoticePeriod{}
	p.Year, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		p.Month, _ = strconv.Atoi(m[2])
		if p.Month < 1 || p.Month > 12 {
			return NoticePeriod{}, fmt.Errorf("“%s”的月份不在 1–12 之间", s)
		}
	}
	if m[3] != "" {
		p.Quarter, _ = strconv.Atoi(m[3])
	}
	return p, nil
}

// From is the period's first day.
func (p NoticePeriod) From() Date {
	switch {
	case p.Month > 0:
		return D(p.Year, time.Month(p.Month), 1)
	case p.Quarter > 0:
		return D(p.Year, time.Month(3*p.Quarter-2), 1)
	}
	return D(p.Year, 1, 1)
}

// To is the period's last day.
func (p NoticePeriod) To() Date {
	switch {
	case p.Month > 0:
		return p.From().AddMonths(1).AddDays(-1)
	case p.Quarter > 0:
		return p.From().AddMonths(3).AddDays(-1)
	}
	return D(p.Year, 12, 31)
}

// String is the period as ParsePeriod reads it: 2026-03, 2026Q1 or 2026.
func (p NoticePeriod) String() string {
	switch {
	case p.Month > 0:
		return fmt.Sprintf("%d-%02d", p.Year, p.Month)
	case p.Quarter > 0:
		return fmt.Sprintf("%dQ%d", p.Year, p.Quarter)
	}
	return strconv.Itoa(p.Year)
}

// Label names the period as a notice's title does: 2026年3月,
// 2026年第一季度 (QuarterName) or 2026年全年.
func (p NoticePeriod) Label() string {
	switch {
	case p.Month > 0:
		return fmt.Sprintf("%d年%d月", p.Year, p.Month)
	case p.Quarter > 0:
		return fmt.Sprintf("%d年%s", p.Year, QuarterName(p.Quarter))
	}
	return fmt.Sprintf("%d年全年", p.Year)
}

// legacyLabel is the label versions before issue 19 gave the period
// (2026年第1季度, 2026年), which notices they published still carry.
func (p NoticePeriod) legacyLabel() string {
	switch {
	case p.Month > 0:
		return p.Label()
	case p.Quarter > 0:
		return fmt.Sprintf("%d年第%d季度", p.Year, p.Quarter)
	}
	return fmt.Sprintf("%d年", p.Year)
}

// QuarterName names quarter q (1–4) in Chinese numerals, as official
// documents write it: 第一季度 … 第四季度.
func QuarterName(q int) string {
	if q < 1 || q > 4 {
		return fmt.Sprintf("第%d季度", q)
	}
	return "第" + []string{"一", "二", "三", "四"}[q-1] + "季度"
}

// NoticeRow is one county's figures for a period. "In the period" means
// dated from From to the period's end, which is To or today when the
// period is not over.
type NoticeRow struct {
	Office string

	Leaders     int // leaders with an assignment in force on some day of the period
	Enterprises int // live enterprises with an assignment in force on some day of the period
	Visits      int // visits in the period

	Raised int // problems registered in the period
	// Settled counts the problems settled on a day in the period,
	// whenever registered, that are settled still (a follow-up the
	// enterprise was not satisfied with takes one back).
	Settled int
	// SettledEarlier counts those of Settled registered before the
	// period: they are why Settled may exceed Raised.
	SettledEarlier int
	Open           int // problems registered by the end and not settled by it (as Settled)
	Overdue        int // of Open, those whose deadline was before the end
	// SettleRate is the share of the problems registered by the end that
	// were settled by it (累计办结率); 0 with none registered.
	SettleRate float64
	FollowedUp int // problems settled in the period with a follow-up answer
	Satisfied  int // of FollowedUp, answered 满意

	MeetingsHeld     [3]int // per MeetingKinds: calendar periods starting in the period with a meeting by its end
	MeetingsRequired [3]int // per MeetingKinds: those periods that are over by the end, or held

	FinancingNeeds int  // financing needs gathered in the period
	Lent           Yuan // lent by banks on financing needs, on days in the period
	LoansPaid      int  // bridge loans paid out in the period
	LoansRepaid    int  // bridge loans repaid in the period

	LastImport time.Time // the last file imported from the office; zero if none
	// Stale says that no file from the office was imported on or after
	// the last day counted (or none at all): its figures may be behind,
	// and it did not report for the period (Reported).
	Stale bool
	// Rank is the county's place among the counties ranked (see
	// Notice.Ranking), 1 first; 0 for a county not ranked.
	Rank int
}

// Reported reports whether the county reported for the period: a sync
// file from it was imported on or after the notice's last counted day
// (End), so that its records up to that day are in (the database's own
// office always is). Records alone do not make a report: figures from
// files imported before End stop short of it and would compare a part of
// the period with the whole, and a county that reported and did nothing
// has reported.
func (r NoticeRow) Reported() bool { return !r.Stale }

// MinRanked is the fewest counties reporting for a period that a notice
// ranks: among fewer, a ranking says little and would single out one of
// the few that did report. With fewer, the notice lists the reporting
// counties' figures without praise or blame.
const MinRanked = 4

// Notice is the progress notice of a period.
type Notice struct {
	Period NoticePeriod
	End    Date // the last day counted: To, or today when the period is not over
	Rows   []NoticeRow
	// Depts are the figures per department (DeptFigures) of the problems
	// registered in the period, of every county and of the city itself
	// (its 市级联络部门), judged on End.
	Depts []DeptFigure
	// Published is the day the city bureau published the notice; zero
	// for one computed from the records now, which is a draft.
	Published Date
}

// Ranked is the notice's rows in rank order: the ranked counties by rank,
// then the other counties that reported, then those that did not, each
// in the order of Rows (the order of Offices).
func (n Notice) Ranked() []NoticeRow {
	rows := slices.Clone(n.Rows)
	place := func(r NoticeRow) int {
		switch {
		case r.Rank > 0:
			return r.Rank
		case r.Reported():
			return len(Offices) + 1
		}
		return len(Offices) + 2
	}
	slices.SortStableFunc(rows, func(a, b NoticeRow) int { return cmp.Compare(place(a), place(b)) })
	return rows
}

// Ranking reports whether the notice ranks the counties: whether at
// least MinRanked of them reported for the period.
func (n Notice) Ranking() bool {
	return slices.ContainsFunc(n.Rows, func(r NoticeRow) bool { return r.Rank > 0 })
}

// Reporting is the notice's rows, in the order of Ranked, split into the
// counties that reported for the period and those that did not.
func (n Notice) Reporting() (reported, not []NoticeRow) {
	for _, r := range n.Ranked() {
		if r.Reported() {
			reported = append(reported, r)
		} else {
			not = append(not, r)
		}
	}
	return reported, not
}

// Ends is the counties a ranking notice names ahead (彰先) and behind
// (策后): the first and last k of the ranking, k being 3 or less, so that
// at least one ranked county is named neither way (k = (ranked−1)/2 when
// fewer than 7 are ranked). The office code breaks ties for the ranks but
// not for praise or blame: a county whose figures equal those of the
// first county not named is not named either, so that ties at the edge
// shrink the group. A notice that does not rank names none.
func (n Notice) Ends() (ahead, behind []NoticeRow) {
	var ranked []NoticeRow
	for _, r := range n.Ranked() {
		if r.Rank > 0 {
			ranked = append(ranked, r)
		}
	}
	k := min(3, (len(ranked)-1)/2)
	if k <= 0 {
		return nil, nil
	}
	tied := func(a, b NoticeRow) bool {
		return a.SettleRate == b.SettleRate && a.Overdue == b.Overdue && a.Visits == b.Visits
	}
	ahead, behind = ranked[:k], ranked[len(ranked)-k:]
	for len(ahead) > 0 && tied(ahead[len(ahead)-1], ranked[len(ahead)]) {
		ahead = ahead[:len(ahead)-1]
	}
	for len(behind) > 0 && tied(behind[0], ranked[len(ranked)-len(behind)-1]) {
		behind = behind[1:]
	}
	return ahead, behind
}

// rank ranks rows: the counties that reported (NoticeRow.Reported), when
// at least MinRanked did, by settle rate, then fewer overdue problems,
// then more visits, then office code, so that no two share a rank; every
// other row, and every row when fewer reported, gets rank 0.
func rank(rows []NoticeRow) {
	var ranked []*NoticeRow
	for i := range rows {
		rows[i].Rank = 0
		if rows[i].Reported() {
			ranked = append(ranked, &rows[i])
		}
	}
	if len(ranked) < MinRanked {
		return
	}
	slices.SortStableFunc(ranked, func(a, b *NoticeRow) int {
		return cmp.Or(cmp.Compare(b.SettleRate, a.SettleRate), cmp.Compare(a.Overdue, b.Overdue),
			cmp.Compare(b.Visits, a.Visits), cmp.Compare(a.Office, b.Office))
	})
	for i, r := range ranked {
		r.Rank = i + 1
	}
}

// Notice computes the progress notice of period p for every county, from
// the records in this database, as a draft (Published zero), ranked as
// rank says.
func (s *Service) Notice(ctx context.Context, p NoticePeriod) (Notice, error) {
	n, me, err := s.startNotice(ctx, p)
	if err != nil {
		return n, err
	}
	var raised []Problem // every county's problems registered in the period, for Depts
	for _, o := range Offices {
		if o.Role != RoleCounty {
			continue
		}
		r, err := s.noticeRow(ctx, o.Code, o.Code == me.Code, p.From(), n.End, &raised)
		if err != nil {
			return n, fmt.Errorf("notice %s: %s: %w", p.Label(), o.Name, err)
		}
		n.Rows = append(n.Rows, r)
	}
	rank(n.Rows)
	// The city's own problems, 交办 to its 市级联络部门, count with the
	// counties'.
	ps, err := s.Store.Problems(ctx, ProblemFilter{Office: CityCode})
	if err != nil {
		return n, fmt.Errorf("notice %s: departments: %w", p.Label(), err)
	}
	for _, x := range ps {
		if inPeriod(x.Registered, p.From(), n.End) {
			raised = append(raised, x)
		}
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return n, fmt.Errorf("notice %s: departments: %w", p.Label(), err)
	}
	n.Depts = DeptFigures(raised, n.End, st.Calendar)
	return n, nil
}

// OwnFigures are the figures of the notice for this office's own records
// in period p, as a county gives them in its 工作总结 (or the city for its
// own): one row, not ranked nor marked stale, and the figures per
// department of its own problems registered in the period.
func (s *Service) OwnFigures(ctx context.Context, p NoticePeriod) (Notice, error) {
	n, me, err := s.startNotice(ctx, p)
	if err != nil {
		return n, err
	}
	var raised []Problem
	r, err := s.noticeRow(ctx, me.Code, true, p.From(), n.End, &raised)
	if err != nil {
		return n, fmt.Errorf("figures %s: %w", p.Label(), err)
	}
	n.Rows = []NoticeRow{r}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return n, fmt.Errorf("figures %s: %w", p.Label(), err)
	}
	n.Depts = DeptFigures(raised, n.End, st.Calendar)
	return n, nil
}

// startNotice is a notice of period p with no figures yet, counted up to
// the period's last day or today while it runs, and this office.
func (s *Service) startNotice(ctx context.Context, p NoticePeriod) (Notice, Office, error) {
	n := Notice{Period: p, End: p.To()}
	if today := s.Today(); today.Before(n.End) {
		n.End = today
	}
	me, err := s.Store.Office(ctx)
	if err != nil {
		return n, me, fmt.Errorf("notice %s: %w", p.Label(), err)
	}
	return n, me, nil
}

// noticeRow computes one office's figures from from to end, and adds
// its problems registered in that time to raised. A database's own office
// (own) is never stale.
func (s *Service) noticeRow(ctx context.Context, office string, own bool, from, end Date, raised *[]Problem) (NoticeRow, error) {
	r := NoticeRow{Office: office}
	problems := func(ctx context.Context, r *NoticeRow, from, end Date) error {
		return s.countProblems(ctx, r, from, end, raised)
	}
	for _, count := range []func(context.Context, *NoticeRow, Date, Date) error{
		s.countAssigned, s.countVisits, problems, s.countMeetings, s.countFinance,
	} {
		if err := count(ctx, &r, from, end); err != nil {
			return r, err
		}
	}
	var err error
	if r.LastImport, err = s.lastImport(ctx, office); err != nil {
		return r, err
	}
	if !own {
		r.Stale = r.LastImport.IsZero() || DateOf(r.LastImport).Before(end)
	}
	return r, nil
}

// inPeriod reports whether d is a day from from to end.
func inPeriod(d, from, end Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(end) }

// countAssigned counts r's leaders and live enterprises with an
// assignment in force on some day from from to end.
func (s *Service) countAssigned(ctx context.Context, r *NoticeRow, from, end Date) error {
	as, err := s.Store.Assignments(ctx, AssignmentFilter{Office: r.Office})
	if err != nil {
		return err
	}
	es, err := s.Store.Enterprises(ctx, EnterpriseFilter{Office: r.Office})
	if err != nil {
		return err
	}
	live := map[string]bool{}
	for _, e := range es {
		live[e.ID] = true
	}
	leaders, ents := map[string]bool{}, map[string]bool{}
	for _, a := range as {
		if !a.From.After(end) && (a.To.IsZero() || !a.To.Before(from)) {
			leaders[a.LeaderID] = true
			if live[a.EnterpriseID] {
				ents[a.EnterpriseID] = true
			}
		}
	}
	r.Leaders, r.Enterprises = len(leaders), len(ents)
	return nil
}

// countVisits counts r's visits from from to end that count as a 走访
// under the settings (Settings.CountedModes).
func (s *Service) countVisits(ctx context.Context, r *NoticeRow, from, end Date) error {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	vs, err := s.Store.Visits(ctx, VisitFilter{Office: r.Office, From: from, To: end})
	if err != nil {
		return err
	}
	r.Visits = len(st.CountedVisits(vs))
	return nil
}

// countProblems counts r's problems: raised and settled from from to end,
// open and overdue at end, and the settle rate by then; it adds those
// raised to raised.
func (s *Service) countProblems(ctx context.Context, r *NoticeRow, from, end Date, raised *[]Problem) error {
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	ps, err := s.Store.Problems(ctx, ProblemFilter{Office: r.Office})
	if err != nil {
		return err
	}
	var upToEnd, settledByEnd int
	for _, p := range ps {
		settled := !p.Status.Open() && !p.ClosedOn.IsZero()
		if inPeriod(p.Registered, from, end) {
			r.Raised++
			*raised = append(*raised, p)
		}
		if settled && inPeriod(p.ClosedOn, from, end) {
			r.Settled++
			if p.Registered.Before(from) {
				r.SettledEarlier++
			}
			if p.Satisfaction != "" {
				r.FollowedUp++
				if p.Satisfaction == Satisfactions[0] {
					r.Satisfied++
				}
			}
		}
		if p.Registered.IsZero() || p.Registered.After(end) {
			continue
		}
		upToEnd++
		if settled && !p.ClosedOn.After(end) {
			settledByEnd++
			continue
		}
		r.Open++
		if st.Calendar.Overdue(p.Deadline, end) {
			r.Overdue++
		}
	}
	if upToEnd > 0 {
		r.SettleRate = float64(settledByEnd) / float64(upToEnd)
	}
	return nil
}

// countMeetings counts r's meetings held and required: the periods of the
// meeting calendar (months or quarters) that start from from to end,
// judged at end with the meetings held by then.
func (s *Service) countMeetings(ctx context.Context, r *NoticeRow, from, end Date) error {
	ms, err := s.Store.Meetings(ctx, MeetingFilter{Office: r.Office, From: D(from.Year(), 1, 1), To: end, HeldOnly: true})
	if err != nil {
		return err
	}
	// A period that ends on the notice's last day is over when that day
	// is past; it still has the day to hold its meeting when that is today.
	asOf := end
	if end.Before(s.Today()) {
		asOf = end.AddDays(1)
	}
	for y := from.Year(); y <= end.Year(); y++ {
		cal := MeetingCalendar(y, ms, asOf, Date{})
		for k, kind := range MeetingKinds {
			for _, mp := range cal[kind] {
				if mp.From.Before(from) || mp.From.After(end) {
					continue
				}
				switch mp.State {
				case PeriodHeld:
					r.MeetingsHeld[k]++
					r.MeetingsRequired[k]++
				case PeriodMissing: // over by the end without one
					r.MeetingsRequired[k]++
				}
			}
		}
	}
	return nil
}

// countFinance counts r's financing needs gathered and money lent on them,
// and its bridge loans paid out and repaid, from from to end.
func (s *Service) countFinance(ctx context.Context, r *NoticeRow, from, end Date) error {
	ns, err := s.Store.FinancingNeeds(ctx, FinancingFilter{Office: r.Office})
	if err != nil {
		return err
	}
	for _, x := range ns {
		if inPeriod(x.Date, from, end) {
			r.FinancingNeeds++
		}
		if inPeriod(x.LentOn, from, end) {
			r.Lent += x.Lent
		}
	}
	ls, err := s.Store.BridgeLoans(ctx, LoanFilter{Office: r.Office})
	if err != nil {
		return err
	}
	// A county's applications to the city fund count as the city paid
	// them out and they were repaid.
	ds, err := s.Store.LoanDecisions(ctx, LoanDecisionFilter{LoanOffice: r.Office})
	if err != nil {
		return err
	}
	for _, l := range WithDecisions(ls, ds) {
		if inPeriod(l.PaidOn, from, end) {
			r.LoansPaid++
		}
		if inPeriod(l.RepaidOn, from, end) {
			r.LoansRepaid++
		}
	}
	return nil
}

// TrendPoint is one month of the year's trend: problems registered and
// settled in the month, all counties together.
type TrendPoint struct {
	Month           int
	Raised, Settled int
	Overdue         int // open at the month's end past their deadline
}

// Trend is the monthly trend of year up to the month of end (or the whole
// year when end is later), counted as the notice counts them (Raised,
// Settled and Overdue of NoticeRow), in one pass over each county's
// problems.
func (s *Service) Trend(ctx context.Context, year int, end Date) ([]TrendPoint, error) {
	last := 12
	if end.Year() == year {
		last = int(end.Month())
	} else if end.Year() < year {
		return nil, nil
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	points := make([]TrendPoint, last)
	from, until := make([]Date, last), make([]Date, last) // each month's first and last counted day
	cut := make([]Date, last)                             // a deadline before it is overdue at until
	for i := range points {
		points[i].Month = i + 1
		from[i] = D(year, time.Month(i+1), 1)
		until[i] = from[i].AddMonths(1).AddDays(-1)
		if until[i].After(end) {
			until[i] = end
		}
		cut[i] = st.Calendar.OverdueBefore(until[i])
	}
	for _, o := range Offices {
		if o.Role != RoleCounty {
			continue
		}
		ps, err := s.Store.Problems(ctx, ProblemFilter{Office: o.Code})
		if err != nil {
			return nil, fmt.Errorf("trend %d: %s: %w", year, o.Name, err)
		}
		for _, p := range ps {
			settled := !p.Status.Open() && !p.ClosedOn.IsZero()
			for i := range points {
				t := &points[i]
				if !p.Registered.IsZero() && !p.Registered.Before(from[i]) && !p.Registered.After(until[i]) {
					t.Raised++
				}
				if settled && !p.ClosedOn.Before(from[i]) && !p.ClosedOn.After(until[i]) {
					t.Settled++
				}
				openAtEnd := !p.Registered.IsZero() && !p.Registered.After(until[i]) && !(settled && !p.ClosedOn.After(until[i]))
				if openAtEnd && !p.Deadline.IsZero() && p.Deadline.Before(cut[i]) {
					t.Overdue++
				}
			}
		}
	}
	return points, nil
}

// PublishedNotice is a progress notice as the city bureau published it:
// the figures as they stood that day, which travel to every county and
// show there as they were published. Publishing a period again replaces
// its notice.
type PublishedNotice struct {
	Meta
	Period    string      `json:"period"` // as NoticePeriod.String gives it
	Label     string      `json:"label"`
	End       Date        `json:"end"`       // the last day counted
	Published Date        `json:"published"` // the day it was published
	Rows      []NoticeRow `json:"rows"`
	// Depts are the notice's figures per department; notices published
	// before departments were kept have none.
	Depts []DeptFigure `json:"depts,omitempty"`
}

// Notice is the published notice as a Notice, its figures as published
// and its rows ranked as rank says (which gives the counties that
// reported the order they had).
func (n *PublishedNotice) Notice() (Notice, error) {
	p, err := ParsePeriod(n.Period)
	if err != nil {
		return Notice{}, err
	}
	rows := slices.Clone(n.Rows)
	rank(rows)
	return Notice{Period: p, End: n.End, Rows: rows, Depts: n.Depts, Published: n.Published}, nil
}

// PublishNotice computes the notice of period p and publishes it: the
// counties receive it in the city's next sync file to each. A period
// published before is published again with today's figures. Only the city
// bureau publishes notices.
func (s *Service) PublishNotice(ctx context.Context, p NoticePeriod) (PublishedNotice, error) {
	n, err := s.Notice(ctx, p)
	if err != nil {
		return PublishedNotice{}, err
	}
	pub := PublishedNotice{Period: p.String(), Label: p.Label(), End: n.End, Published: s.Today(), Rows: n.Rows, Depts: n.Depts}
	err = s.update(ctx, func(tx Tx) error {
		old, err := tx.PublishedNotices(ctx)
		if err != nil {
			return err
		}
		for _, o := range old {
			if o.Period == pub.Period {
				pub.Meta = o.Meta
			}
		}
		return tx.SavePublishedNotice(&pub)
	})
	return pub, err
}
