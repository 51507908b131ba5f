package app

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"
)

// The city bureau's yearly assessment of every county office: scores from
// the records (Service.Assessment) and by hand (HandScore), then the
// total, rank, grade (等次) and suggested share of a fund; published once
// for a year (PublishedAssessment), which locks it, and sent to each
// office in the city's sync files to it alone.

// TableAssessments holds the assessments the city bureau published, one
// per office and year; each travels to the office it assesses only.
const TableAssessments Table = "assessments"

// HandScore is a score the city bureau entered for an indicator that no
// rule scores from the records.
type HandScore struct {
	Year      int       `json:"year"`
	Office    string    `json:"office"`    // the office assessed
	Indicator string    `json:"indicator"` // the indicator's name in the scheme
	Score     float64   `json:"score"`
	By        string    `json:"by"` // the operator who entered it
	At        time.Time `json:"at"`
}

// The grades (等次) of an assessment, best first, and the lowest total of
// each out of 100 points.
var Grades = []struct {
	Name string
	From float64
}{{"优秀", 90}, {"良好", 80}, {"合格", 60}, {"不合格", 0}}

// GradeOf is the grade of total points out of 100.
func GradeOf(total float64) string {
	for _, g := range Grades {
		if total >= g.From {
			return g.Name
		}
	}
	return Grades[len(Grades)-1].Name
}

// Ranking is the assessment of every county office for a year, as the
// city bureau sees it before and after publishing.
type Ranking struct {
	Year      int
	Fund      Yuan         // the amount shared out in proportion to the totals
	Rows      []Assessment // by office, in the order of Offices
	Absent    []string     // offices with no sync file imported: not assessed
	Published Date         // the day it was published (and locked); zero before
}

// Missing counts the hand scores still to enter before the ranking can
// be published.
func (r Ranking) Missing() int {
	n := 0
	for _, a := range r.Rows {
		n += a.Missing()
	}
	return n
}

// Ranked is r's rows best first (ties by office code).
func (r Ranking) Ranked() []Assessment {
	out := slices.Clone(r.Rows)
	slices.SortStableFunc(out, func(a, b Assessment) int {
		return cmp.Or(cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.Office, b.Office))
	})
	return out
}

// Missing counts a's indicators scored by hand whose score is not entered.
func (a Assessment) Missing() int {
	n := 0
	for _, r := range a.Rows {
		if !r.Scored {
			n++
		}
	}
	return n
}

// PublishedAssessment is one office's assessment for a year as the city
// bureau published it: the city's record, read-only at the office.
type PublishedAssessment struct {
	Meta
	Result    Assessment `json:"result"`    // Result.Office is the office assessed
	Published Date       `json:"published"` // the day it was published
}

// HandScores lists the hand scores entered for year, of every office.
func (s *Service) HandScores(ctx context.Context, year int) ([]HandScore, error) {
	hs, err := s.Store.HandScores(ctx, year)
	if err != nil {
		return nil, fmt.Errorf("hand scores of %d: %w", year, err)
	}
	return hs, nil
}

// SetHandScores enters (or corrects) hand scores of year as this
// operator now, all in one transaction or none: each names an office and
// an indicator of the scheme scored by hand, with a score within its full
// marks; the year must not be published yet.
func (s *Service) SetHandScores(ctx context.Context, year int, scores []HandScore) error {
	me, err := s.Store.Office(ctx)
	if err != nil {
		return err
	}
	if me.Role != RoleCity {
		return FieldError{"Score", "只有市工信局可以评分"}
	}
	st, err := s.Store.Settings(ctx)
	if err != nil {
		return fmt.Errorf("hand scores: %w", err)
	}
	scheme := st.Scheme()
	var v Invalid
	for i := range scores {
		h := &scores[i]
		at := OfficeName(h.Office) + "“" + h.Indicator + "”"
		k := slices.IndexFunc(scheme, func(x Indicator) bool { return x.Name == h.Indicator })
		switch {
		case !isCounty(h.Office):
			v.Add("Office", "机构代码“"+h.Office+"”不是县区")
		case k < 0:
			v.Add("Indicator", "考核指标“"+h.Indicator+"”不在当前考核方案中")
		case scheme[k].Code != "":
			v.Add("Indicator", at+"按记录自动计算，不需要手工评分")
		case math.IsNaN(h.Score) || h.Score < 0 || h.Score > scheme[k].Weight:
			v.Add("Score", fmt.Sprintf("%s的得分应在0至%s分之间", at, points(scheme[k].Weight)))
		}
		h.Year, h.Score, h.By, h.At = year, roundTenth(h.Score), s.Operator, s.Now()
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.update(ctx, func(tx Tx) error {
		if pub, err := publishedYear(ctx, tx, year); err != nil {
			return err
		} else if len(pub) > 0 {
			return lockedError(year, pub[0].Published)
		}
		for _, h := range scores {
			if err := tx.SaveHandScore(h); err != nil {
				return err
			}
		}
		return nil
	})
}

// isCounty tells whether code is a county office's.
func isCounty(code string) bool {
	o, ok := LookupOffice(code)
	return ok && o.Role == RoleCounty
}

// Ranking scores every county office for year: the scheme's rules from
// the records, the hand scores entered so far, the total, rank, grade and
// share of fund. Once the year is published it is the published ranking
// instead, as it was locked (fund is then the published fund).
func (s *Service) Ranking(ctx context.Context, year int, fund Yuan) (Ranking, error) {
	pub, err := publishedYear(ctx, s.Store, year)
	if err != nil {
		return Ranking{}, err
	}
	if len(pub) > 0 {
		r := Ranking{Year: year, Fund: pub[0].Result.Fund, Published: pub[0].Published}
		for _, p := range pub {
			r.Rows = append(r.Rows, p.Result)
		}
		slices.SortFunc(r.Rows, func(a, b Assessment) int { return cmp.Compare(officeIndex(a.Office), officeIndex(b.Office)) })
		return r, nil
	}
	if fund < 0 {
		return Ranking{}, FieldError{"Fund", "资金总额不能为负数"}
	}
	hands, err := s.HandScores(ctx, year)
	if err != nil {
		return Ranking{}, err
	}
	me, err := s.Store.Office(ctx)
	if err != nil {
		return Ranking{}, fmt.Errorf("ranking of %d: %w", year, err)
	}
	r := Ranking{Year: year, Fund: fund}
	for _, o := range Offices {
		if o.Role != RoleCounty {
			continue
		}
		if ok, err := s.reported(ctx, me, o.Code); err != nil {
			return r, fmt.Errorf("ranking of %d: %w", year, err)
		} else if !ok {
			r.Absent = append(r.Absent, o.Code)
			continue
		}
		a, err := s.Assessment(ctx, o.Code, year)
		if err != nil {
			return r, err
		}
		addHandScores(&a, hands)
		r.Rows = append(r.Rows, a)
	}
	rankAndShare(r.Rows, fund)
	return r, nil
}

// addHandScores fills a's rows scored by hand with the scores of hands
// entered for a's office, and adds them to its total.
func addHandScores(a *Assessment, hands []HandScore) {
	for _, h := range hands {
		if h.Office != a.Office || h.Year != a.Year {
			continue
		}
		for i := range a.Rows {
			if row := &a.Rows[i]; row.Code == "" && row.Name == h.Indicator {
				row.Score, row.Scored, row.By = h.Score, true, h.By
				a.Total += h.Score
			}
		}
	}
	a.Total = roundTenth(a.Total)
}

// AssessmentForm is the assessment of office for year as its form prints
// it: blank, with the settings' scheme, to fill in by hand; or as
// published when the city bureau has published it (what a county
// received, or what the city locked); otherwise scored from this
// database's records with the hand scores entered so far.
func (s *Service) AssessmentForm(ctx context.Context, office string, year int, blank bool) (Assessment, error) {
	if blank {
		st, err := s.Store.Settings(ctx)
		if err != nil {
			return Assessment{}, fmt.Errorf("blank assessment form: %w", err)
		}
		return BlankAssessment(office, year, st.Scheme()), nil
	}
	pub, err := publishedYear(ctx, s.Store, year)
	if err != nil {
		return Assessment{}, err
	}
	for _, p := range pub {
		if p.Result.Office == office {
			return p.Result, nil
		}
	}
	a, err := s.Assessment(ctx, office, year)
	if err != nil {
		return a, err
	}
	hands, err := s.HandScores(ctx, year)
	if err != nil {
		return a, err
	}
	addHandScores(&a, hands)
	return a, nil
}

// AssessmentStamp is what an assessment form's foot carries besides the
// scores: the body that seals it and the day the city published it.
type AssessmentStamp struct {
	Sealer    string // the city bureau's name as its seal reads: 秦皇岛市工业和信息化局
	Published Date   // the day the assessment was published; zero while it is a draft
}

// AssessmentStamp is the stamp of office's assessment form for year: the
// city bureau's issuing name as set in the city's settings (a county's
// database, whose issuer is its own, takes the city's default), and the
// day the city published office's assessment, zero when it has not.
func (s *Service) AssessmentStamp(ctx context.Context, office string, year int) (AssessmentStamp, error) {
	var st AssessmentStamp
	me, err := s.Store.Office(ctx)
	if err != nil {
		return st, fmt.Errorf("assessment stamp: %w", err)
	}
	set := Settings{}
	if me.Role == RoleCity {
		if set, err = s.Store.Settings(ctx); err != nil {
			return st, fmt.Errorf("assessment stamp: settings: %w", err)
		}
	} else {
		me = Office{Code: CityCode, Name: OfficeName(CityCode), Role: RoleCity}
	}
	st.Sealer = set.Issuer(me).Name
	pub, err := publishedYear(ctx, s.Store, year)
	if err != nil {
		return st, err
	}
	for _, p := range pub {
		if p.Result.Office == office {
			st.Published = p.Published
		}
	}
	return st, nil
}

// reported tells whether a sync file from office was ever imported here,
// or this database is office's own: an office the city has no records of
// would score full marks on every rate with nothing to count.
func (s *Service) reported(ctx context.Context, me Office, office string) (bool, error) {
	if me.Code == office {
		return true, nil
	}
	last, err := s.lastImport(ctx, office)
	return !last.IsZero(), err
}

// lastImport is when the last file from office was imported here; zero
// when none was.
func (s *Service) lastImport(ctx context.Context, office string) (time.Time, error) {
	log, err := s.Store.SyncLog(ctx, office, 0)
	if err != nil {
		return time.Time{}, err
	}
	for _, e := range log { // newest first
		if e.Direction == SyncImport && e.Outcome == SyncOK {
			return e.At, nil
		}
	}
	return time.Time{}, nil
}

// rankAndShare gives each of rows its rank (equal totals share a rank:
// 1, 1, 3), grade, and share of fund (Shares).
func rankAndShare(rows []Assessment, fund Yuan) {
	totals := make([]float64, len(rows))
	for i := range rows {
		totals[i] = rows[i].Total
	}
	shares := Shares(totals, fund)
	for i := range rows {
		rows[i].Rank, rows[i].Of = 1, len(rows)
		for _, o := range rows {
			if o.Total > rows[i].Total {
				rows[i].Rank++
			}
		}
		rows[i].Grade = GradeOf(rows[i].Total)
		rows[i].Fund, rows[i].Share = fund, shares[i]
	}
}

// Shares shares fund out in proportion to totals, in whole 元 that add up
// to fund exactly: each gets its exact share rounded down, then the 元
// left go one each to the largest remainders (the first listed among
// equal ones). All shares are zero when no total is above zero or fund
// is not.
func Shares(totals []float64, fund Yuan) []Yuan {
	out := make([]Yuan, len(totals))
	var sum float64
	for _, t := range totals {
		if t > 0 {
			sum += t
		}
	}
	if sum <= 0 || fund <= 0 {
		return out
	}
	rest := fund
	rem := make([]float64, len(totals))
	for i, t := range totals {
		if t <= 0 {
			continue
		}
		exact := float64(fund) * t / sum
		out[i] = Yuan(math.Floor(exact))
		rem[i] = exact - math.Floor(exact)
		rest -= out[i]
	}
	order := make([]int, len(totals))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for k := 0; rest > 0; k = (k + 1) % len(order) {
		if totals[order[k]] > 0 {
			out[order[k]]++
			rest--
		}
	}
	// Rounding in floating point can, at worst, round one share up a 元
	// too many: take it back from the smallest remainders.
	for k := len(order) - 1; rest < 0; k = (k + len(order) - 1) % len(order) {
		if out[order[k]] > 0 {
			out[order[k]]--
			rest++
		}
	}
	return out
}

// PublishRanking publishes the ranking of year with fund shared out: one
// PublishedAssessment per office assessed, saved together, which the
// city's next sync file to each office carries to it. It is refused while
// a hand score is missing, before the year is over, and when the year was
// published before: a published year is locked.
func (s *Service) PublishRanking(ctx context.Context, year int, fund Yuan) (Ranking, error) {
	if today := s.Today(); year >= today.Year() {
		return Ranking{}, FieldError{"Year", fmt.Sprintf("%d年度尚未结束，年度结束后才能发布考核结果", year)}
	}
	r, err := s.Ranking(ctx, year, fund)
	if err != nil {
		return r, err
	}
	switch {
	case !r.Published.IsZero():
		return r, lockedError(year, r.Published)
	case len(r.Rows) == 0:
		return r, FieldError{"Year", "尚未收到任何县区的同步文件，没有可发布的考核结果"}
	case r.Missing() > 0:
		return r, FieldError{"Score", fmt.Sprintf("还有%d项人工评分未填写，填写完整后才能发布", r.Missing())}
	}
	r.Published = s.Today()
	err = s.update(ctx, func(tx Tx) error {
		if pub, err := publishedYear(ctx, tx, year); err != nil {
			return err
		} else if len(pub) > 0 {
			return lockedError(year, pub[0].Published)
		}
		for _, a := range r.Rows {
			if err := tx.SavePublishedAssessment(&PublishedAssessment{Result: a, Published: r.Published}); err != nil {
				return fmt.Errorf("publish assessment of %s: %w", a.Office, err)
			}
		}
		return nil
	})
	if err != nil {
		return Ranking{}, err
	}
	return r, nil
}

// lockedError says that year's assessment was published on day and
// cannot change.
func lockedError(year int, day Date) error {
	return FieldError{"Year", fmt.Sprintf("%d年度考核结果已于%s发布并锁定，不能再修改", year, day.Chinese())}
}

// publishedYear lists the published assessments of year.
func publishedYear(ctx context.Context, r Reader, year int) ([]PublishedAssessment, error) {
	all, err := r.PublishedAssessments(ctx)
	if err != nil {
		return nil, fmt.Errorf("published assessments: %w", err)
	}
	var out []PublishedAssessment
	for _, p := range all {
		if p.Result.Year == year {
			out = append(out, p)
		}
	}
	return out, nil
}

// officeIndex is the place of code in Offices (after them when unknown).
func officeIndex(code string) int {
	if i := slices.IndexFunc(Offices, func(o KnownOffice) bool { return o.Code == code }); i >= 0 {
		return i
	}
	return len(Offices)
}

// points writes x points with as few decimals as it needs.
func points(x float64) string { return fmt.Sprintf("%g", x) }
