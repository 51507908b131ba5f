// Package demo fills an office's database with realistic generated records:
// key enterprises of the industries of Qinhuangdao with valid unified social
// credit codes, the county's (or city's) leaders and their assignments,
// visits over the years, a problem ledger whose every status and timeline is
// what the real workflow (app.Problem.Apply) would produce, the three kinds
// of meeting of the notice with the problems raised at them, the financing
// needs gathered for the bank meetings with the banks' answers, and the
// bridge loans of the fund, each played through app.BridgeLoan.Apply under
// the rules app.Service.LoanAct applies.
//
// The records are the same for the same office, seed and day: only the IDs
// the store gives them and the time stamps of the change differ.
package demo

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"wugeyi/app"
)

// MaxYears is the most years of records Fill generates.
const MaxYears = 30

// Errors of Fill, in Chinese for the screens and commands that show them.
var (
	// ErrNotEmpty refuses to add demo records to a database that already
	// has enterprises of this office.
	ErrNotEmpty = app.Refusal("数据库中已有本单位的企业记录：演示数据只能填入刚初始化的空数据库，请用 init 另建一个数据库")
	// ErrYears refuses a number of years out of range.
	ErrYears = app.Refusal(fmt.Sprintf("演示数据的年数应为1至%d年", MaxYears))
)

// Options say what Fill generates.
type Options struct {
	// Today is the last day records fall on: no visit or problem event is
	// later. The zero Date means the day of the Op's time.
	Today app.Date
	// Years is how far back records go, 1 to MaxYears.
	Years int
	// Seed chooses the records: the same seed, office and Today give the
	// same records.
	Seed int64
}

// Counts says how many records Fill wrote.
type Counts struct {
	Enterprises int
	Leaders     int
	Departments int // the directory of 责任单位: every 牵头单位 the records name
	Assignments int
	Visits      int
	Problems    int
	Events      int // timeline events, registrations included

	Planned        int // meetings entered ahead (计划), not counted in Meetings
	Meetings       int // held, of the three kinds, which follow
	Roundtables    int // 企业家恳谈会
	OnSiteMeetings int // 企业现场办公会
	BankMeetings   int // 银企对接会
	FinancingNeeds int
	BridgeLoans    int
	Applications   int // of the bridge loans, those that are applications to the city fund
}

// Per office and year, as in a busy county.
const (
	enterprisesPerYear = 30
	visitsPerYear      = 600
	problemsPerYear    = 400
)

// Fill generates records for the office st belongs to and saves them in one
// transaction stamped with op: everything or, on an error, nothing. It
// refuses a database that is not set up (app.ErrNotSetUp) or already has
// enterprises of this office (ErrNotEmpty).
func Fill(ctx context.Context, st app.Store, op app.Op, opt Options) (Counts, error) {
	if opt.Years < 1 || opt.Years > MaxYears {
		return Counts{}, ErrYears
	}
	if opt.Today.IsZero() {
		at := op.At
		if at.IsZero() {
			at = time.Now()
		}
		opt.Today = app.DateOf(at)
	}
	var c Counts
	err := st.Update(ctx, op, func(tx app.Tx) error {
		o, err := tx.Office(ctx)
		if err != nil {
			return fmt.Errorf("demo: read office: %w", err)
		}
		es, err := tx.Enterprises(ctx, app.EnterpriseFilter{Office: o.Code, Limit: 1})
		if err != nil {
			return fmt.Errorf("demo: list enterprises: %w", err)
		}
		if len(es) > 0 {
			return ErrNotEmpty
		}
		s, err := tx.Settings(ctx)
		if err != nil {
			return fmt.Errorf("demo: read settings: %w", err)
		}
		g := newGen(o, s, opt)
		// The records begin before the database was set up: so does the
		// office's use of the program (app.Settings.Began).
		if s.Began.IsZero() || g.start.Before(s.Began) {
			s.Began = g.start
			if err := tx.SaveSettings(s); err != nil {
				return fmt.Errorf("demo: save the start date: %w", err)
			}
		}
		p, err := g.plan()
		if err != nil {
			return err
		}
		c, err = p.write(ctx, tx, opt.Today)
		return err
	})
	if err != nil {
		return Counts{}, err
	}
	return c, nil
}

// gen makes the records of one office.
type gen struct {
	r            *rand.Rand
	office       app.Office
	city         bool
	x            string // the prefix of department names: 区, 县, 开发区, 新区, 市
	gov          string // the office's government: 区政府, 开发区管委会 …
	short        string // 海港, 开发区 …
	posts        []countyPost
	place        place
	settings     app.Settings
	rules        app.DeadlineRules
	loanRules    loanSettings
	cityFund     bool // a county without a fund of its own: its loans are applications to the city's
	today, start app.Date
	years        int
}

func newGen(o app.Office, s app.Settings, opt Options) *gen {
	stream, err := strconv.ParseUint(o.Code, 10, 64)
	if err != nil {
		for _, c := range o.Code {
			stream = stream*31 + uint64(c)
		}
	}
	g := &gen{
		r:        rand.New(rand.NewPCG(uint64(opt.Seed), stream)),
		office:   o,
		city:     o.Role == app.RoleCity,
		cityFund: o.Role != app.RoleCity && s.FundSize <= 0,
		short:    app.OfficeShort(o.Code),
		settings: s,
		rules:    s.Rules(),
		today:    opt.Today,
		start:    opt.Today.AddMonths(-12 * opt.Years).AddDays(1),
		years:    opt.Years,
	}
	if g.rules.DefaultDays < 1 {
		g.rules.DefaultDays = app.DefaultSettings().DeadlineDays
	}
	if g.rules.MaxDays < g.rules.DefaultDays {
		g.rules.MaxDays = g.rules.DefaultDays
	}
	g.loanRules = newLoanSettings(s)
	switch {
	case g.city:
		g.x, g.gov, g.posts = "市", "市政府", cityPosts
	case o.Code == "130371" || strings.HasSuffix(o.Name, "开发区"):
		g.x, g.gov, g.posts = "开发区", "开发区管委会", zonePosts
	case o.Code == "130372" || strings.HasSuffix(o.Name, "新区"):
		g.x, g.gov, g.posts = "新区", "新区管委会", zonePosts
	case strings.HasSuffix(o.Name, "县"):
		g.x, g.gov, g.posts = "县", "县政府", countyPosts
	default:
		g.x, g.gov, g.posts = "区", "区政府", countyPosts
	}
	g.place = place{code: o.Code, prefix: o.Name, streets: []string{"工业园区#号", "经济开发区#号", "建设路#号", "迎宾路#号"}}
	for i := range industries {
		g.place.industries = append(g.place.industries, i)
	}
	for _, p := range places {
		if p.code == o.Code {
			g.place = p
		}
	}
	return g
}

// Random helpers. Every choice goes through g.r, in a fixed order, so that
// the same seed gives the same records.

func (g *gen) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return g.r.IntN(n)
}

// between returns a number in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *gen, xs []T) T { return xs[g.intn(len(xs))] }

// weighted returns an index chosen with the given weights.
func (g *gen) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	n := g.intn(total)
	for i, w := range ws {
		if n < w {
			return i
		}
		n -= w
	}
	return len(ws) - 1
}

func (g *gen) person() string { return pick(g, surnames) + pick(g, givenNames) }

func (g *gen) mobile() string {
	return pick(g, mobilePrefixes) + fmt.Sprintf("%08d", g.intn(100000000))
}

func (g *gen) landline() string { return fmt.Sprintf("0335-%d%06d", g.between(3, 8), g.intn(1000000)) }

// dept expands X in a department name to the office's prefix.
func (g *gen) dept(s string) string {
	if g.city {
		s = strings.ReplaceAll(s, "生态环境分局", "生态环境局")
		s = strings.ReplaceAll(s, "秦皇岛市公安局X分局", "秦皇岛市公安局")
		s = strings.ReplaceAll(s, "属地乡镇政府", "属地县区政府")
	} else if g.x == "开发区" || g.x == "新区" {
		s = strings.ReplaceAll(s, "秦皇岛市公安局X分局", "秦皇岛市公安局"+g.x+"分局")
	}
	if strings.Contains(s, "秦皇岛市公安局X分局") {
		s = strings.ReplaceAll(s, "秦皇岛市公安局X分局", "秦皇岛市公安局"+g.short+"分局")
	}
	return strings.ReplaceAll(s, "X", g.x)
}

// wd is the day n working days after d (d itself when n is 0), on the
// published calendar.
func wd(d app.Date, n int) app.Date { return app.Calendar{}.AddWorkingDays(d, n) }

// weekday moves a Saturday or Sunday back to the Friday before.
func weekday(d app.Date) app.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(-2)
	}
	return d
}

// day returns a working day in [from, to], or from when there is none.
func (g *gen) day(from, to app.Date) app.Date {
	span := from.DaysUntil(to)
	for range 10 {
		d := weekday(from.AddDays(g.intn(span + 1)))
		if !d.Before(from) {
			return d
		}
	}
	return from
}

// plan is the records to save, linked by index; write gives them IDs.
type plan struct {
	ents     []app.Enterprise
	leaders  []app.Leader
	asgs     []asgPlan
	visits   []visitPlan
	probs    []probPlan
	depts    []app.Department
	meetings []meetPlan
	plans    []planned // meetings entered ahead, not yet held
	needs    []needPlan
	loans    []loanPlan
}

type asgPlan struct {
	a           app.Assignment
	leader, ent int
}

type visitPlan struct {
	v           app.Visit
	leader, ent int
}

type probPlan struct {
	p       app.Problem
	ent     int
	visit   int // the visit it was raised at, or -1
	meeting int // the meeting it was raised at, or -1
	events  []app.Event
}

// entInfo is what the generator keeps of an enterprise.
type entInfo struct {
	since    app.Date // first day on the office's list
	industry int
}

// plan generates every record.
func (g *gen) plan() (*plan, error) {
	p := &plan{}
	infos := g.enterprises(p)
	idle := g.leaders(p)
	g.assignments(p, infos, idle)
	g.visits(p, infos)
	g.meetings(p, infos)
	if err := g.problems(p, infos); err != nil {
		return nil, err
	}
	g.needs(p, infos)
	g.minutes(p, infos)
	if err := g.loans(p, infos); err != nil {
		return nil, err
	}
	g.departments(p)
	g.plans(p)
	return p, nil
}

// departments makes the office's directory of 责任单位: every department
// that leads an assignment or a problem, so that the problems name
// departments of the directory. It draws last, leaving the other records
// as they were before the directory was kept.
func (g *gen) departments(p *plan) {
	seen := map[string]bool{}
	var names []string
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	for _, a := range p.asgs {
		add(a.a.LeadDept)
	}
	for _, pp := range p.probs {
		add(pp.p.LeadDept)
		for _, ev := range pp.events {
			add(ev.LeadDept)
		}
	}
	for _, mp := range p.meetings {
		for _, d := range mp.m.Decisions {
			add(d.Unit)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		p.depts = append(p.depts, app.Department{Name: n, Contact: g.person(), Phone: g.landline()})
	}
}

// enterprises makes the office's key enterprises.
func (g *gen) enterprises(p *plan) []entInfo {
	used := map[string]bool{}
	var infos []entInfo
	for range enterprisesPerYear * g.years {
		pl := g.place
		if g.city {
			pl = pick(g, places)
		}
		ind := pick(g, pl.industries)
		in := industries[ind]
		var name string
		for range 50 {
			trade := pick(g, tradeNames)
			word := pick(g, in.nameWords)
			form := pick(g, in.forms)
			if strings.HasSuffix(word, "制造") && strings.HasPrefix(form, "制造") {
				form = strings.TrimPrefix(form, "制造") // not 机械制造制造有限公司
			}
			switch g.weighted(50, 12, 15, 10, 13) {
			case 0:
				name = "秦皇岛" + trade + word + form
			case 1:
				name = "秦皇岛市" + trade + word + form
			case 2:
				name = "河北" + trade + word + "股份有限公司"
			case 3:
				name = trade + word + "（秦皇岛）" + form
			default:
				name = countyName(pl) + trade + word + form
			}
			if !used[name] {
				break
			}
		}
		used[name] = true
		code := g.creditCode(pl.code, used)
		var cats []string
		for i, c := range app.EnterpriseCategories {
			// 三大一新, 规模以上, 专精特新, 高成长性, 高新技术
			if g.chance([]float64{0.4, 0.85, 0.2, 0.1, 0.25}[i]) {
				cats = append(cats, c)
			}
		}
		if len(cats) == 0 {
			cats = []string{"规模以上"}
		}
		contact := g.person()
		phone := g.mobile()
		if g.chance(0.4) {
			phone = g.landline()
		}
		p.ents = append(p.ents, app.Enterprise{
			CreditCode: code, Name: name, Industry: in.name, Categories: cats,
			LegalRep: g.person(), Contact: contact, Phone: phone,
			Address: pl.prefix + strings.Replace(pick(g, pl.streets), "#", strconv.Itoa(g.between(1, 999)), 1),
		})
		since := g.start
		if late := g.start.AddDays(30); g.chance(0.3) && late.Before(g.today.AddDays(-120)) {
			since = g.day(late, g.today.AddDays(-120))
		}
		infos = append(infos, entInfo{since: since, industry: ind})
	}
	return infos
}

// countyName is how a company name starts when it names its county: 昌黎县,
// 卢龙县 …; companies of the districts and zones say 秦皇岛.
func countyName(pl place) string {
	if strings.HasSuffix(pl.prefix, "县") {
		return pl.prefix
	}
	return "秦皇岛"
}

// creditCode makes a valid unified social credit code of an enterprise
// registered in region (GB 32100-2015): 9 (market regulation) 1
// (enterprise), the region, a nine-character organization code with its
// own GB 11714 check character, and the check character.
func (g *gen) creditCode(region string, used map[string]bool) string {
	const orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for {
		var body string
		if g.chance(0.45) {
			// an organization code from before 2015: eight digits
			body = strconv.Itoa(g.between(1, 7)) + fmt.Sprintf("%07d", g.intn(10000000))
		} else {
			b := []byte("MA0")
			for range 5 {
				b = append(b, orgChars[g.intn(len(orgChars))])
			}
			body = string(b)
		}
		first17 := "91" + region + body + string(orgCheck(body))
		c, err := app.CreditCheckChar(first17)
		if err != nil {
			continue // cannot happen: every character is in the alphabet
		}
		code := first17 + string(c)
		if !used[code] {
			used[code] = true
			return code
		}
	}
}

// orgCheck is the check character of an eight-character organization code
// (GB 11714-1997).
func orgCheck(body string) byte {
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8 && i < len(body); i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// leaders makes the office's leaders and returns how many of the last ones
// have no enterprise.
func (g *gen) leaders(p *plan) int {
	n := g.between(15, 20)
	posts := g.posts
	if n < len(posts) {
		// Keep the first four and the last two; drop some in between.
		mid := slices.Clone(posts[4 : len(posts)-2])
		g.r.Shuffle(len(mid), func(i, j int) { mid[i], mid[j] = mid[j], mid[i] })
		keep := map[countyPost]int{}
		for _, x := range mid[:n-6] {
			keep[x]++
		}
		var out []countyPost
		out = append(out, posts[:4]...)
		for _, x := range posts[4 : len(posts)-2] {
			if keep[x] > 0 {
				keep[x]--
				out = append(out, x)
			}
		}
		posts = append(out, posts[len(posts)-2:]...)
	}
	level := app.LevelCounty
	if g.city {
		level = app.LevelCity
	}
	used := map[string]bool{}
	for _, x := range posts {
		name := g.person()
		for used[name] {
			name = g.person()
		}
		used[name] = true
		p.leaders = append(p.leaders, app.Leader{Name: name, Post: g.dept(x.post), Level: level, Body: x.body, Phone: g.mobile()})
	}
	return g.between(1, 2)
}

// assignments gives every enterprise a leader among the active ones; some
// enterprises changed leader over the years.
func (g *gen) assignments(p *plan, infos []entInfo, idle int) {
	active := len(p.leaders) - idle
	order := g.r.Perm(len(p.ents))
	lorder := g.r.Perm(active)
	support := []string{"X发改局", "X自然资源和规划局", "X人社局", "X行政审批局", "X金融办", "X住建局"}
	for k, ei := range order {
		li := lorder[k%active]
		info := infos[ei]
		mk := func(leader int, from, to app.Date) {
			s1 := pick(g, support)
			s2 := pick(g, support)
			sup := g.dept(s1)
			if s2 != s1 {
				sup += "、" + g.dept(s2)
			}
			p.asgs = append(p.asgs, asgPlan{leader: leader, ent: ei, a: app.Assignment{
				Liaison: g.person(), LiaisonPhone: g.mobile(),
				LeadDept: g.dept("X" + industries[info.industry].leadDept), SupportDepts: sup,
				From: from, To: to,
			}})
		}
		first, last := info.since.AddDays(180), g.today.AddDays(-45)
		if g.chance(0.25) && first.Before(last) {
			change := g.day(first, last)
			prev := g.intn(active)
			if prev == li {
				prev = (prev + 1) % active
			}
			mk(prev, info.since, change.AddDays(-1))
			mk(li, change, app.Date{})
			continue
		}
		mk(li, info.since, app.Date{})
	}
}

// leaderOn is the leader assigned to enterprise ent on day d, or -1.
func (p *plan) leaderOn(ent int, d app.Date) int {
	for _, a := range p.asgs {
		if a.ent == ent && a.a.ActiveOn(d) {
			return a.leader
		}
	}
	return -1
}

// visits makes the visits of all the years. Some enterprises are left
// unvisited in the current visit period, as the 工作台 should show.
func (g *gen) visits(p *plan, infos []entInfo) {
	periodStart := app.PeriodStart(g.today, g.settings.VisitIntervalMonths)
	unvisited := make([]bool, len(p.ents))
	for i := range unvisited {
		unvisited[i] = g.chance(0.25)
	}
	unvisited[g.intn(len(unvisited))] = true
	n := g.years * g.between(visitsPerYear-30, visitsPerYear+30)
	days := make([]app.Date, n)
	for i := range days {
		days[i] = g.day(g.start, g.today)
	}
	slices.SortFunc(days, cmpDate)
	type entDay struct {
		ent int
		day app.Date
	}
	seen := map[entDay]bool{}
	for _, d := range days {
		ent := -1
		for range 100 {
			e := g.intn(len(p.ents))
			if infos[e].since.After(d) || (unvisited[e] && !d.Before(periodStart)) || seen[entDay{e, d}] {
				continue
			}
			seen[entDay{e, d}] = true
			ent = e
			break
		}
		if ent < 0 {
			continue
		}
		leader := p.leaderOn(ent, d)
		if leader < 0 || g.chance(0.15) {
			leader = g.intn(4) // the secretary, the head and the deputies visit too
		}
		mode := app.VisitModes[g.weighted(60, 22, 14, 4)]
		var companions string
		switch mode {
		case "实地":
			companions = g.dept(pick(g, []string{"X工信局", "X发改局", "X商务局"})) + g.person() + "、联络员" + g.person()
		case "电话":
			if g.chance(0.5) {
				companions = "联络员" + g.person()
			}
		default:
			companions = g.dept("X工信局、X发改局等部门负责同志")
		}
		p.visits = append(p.visits, visitPlan{leader: leader, ent: ent, v: app.Visit{Date: d, Mode: mode, Companions: companions}})
	}
}

// texts fills in the placeholders of one problem's texts, with the same
// numbers in all of them.
type texts struct{ r *strings.Replacer }

func (t texts) fill(s string) string { return t.r.Replace(s) }

func (g *gen) newTexts(product, dept, bank, legalRep, leader string) texts {
	a := g.between(2, 50) * 100
	return texts{strings.NewReplacer(
		"X政府", g.gov, "X", g.x,
		"{P}", product, "{D}", dept, "{B}", bank, "{R}", legalRep, "{L}", leader,
		"{N}", strconv.Itoa(g.between(10, 90)), "{n}", strconv.Itoa(g.between(2, 9)),
		"{A}", strconv.Itoa(a), "{a}", strconv.Itoa(a/2/50*50+50),
		"{M}", strconv.Itoa(g.between(1, 12)), "{K}", strconv.Itoa(g.between(200, 2000)),
		"{V}", strconv.FormatFloat(float64(g.between(5, 500))/10, 'f', 1, 64),
		"{S}", pick(g, visitSites),
	)}
}

// fate is how a problem's life goes.
type fate int

const (
	fNormal        fate = iota // assigned, finished in time, followed up, closed
	fLate                      // finished after its deadline, often moved once
	fStuck                     // open for months, overdue
	fExplainNow                // cannot be done by law: explained at once
	fExplainLater              // explained after the department looked into it
	fOnSpot                    // solved at the meeting or visit
	fNeverAssigned             // still 登记, past the days to assign it
	fDueSoon                   // open, due within the next days
	fAssignedOnly              // assigned, nothing reported yet
	fInProgress                // assigned, progress reported, not finished
	fDoneOnly                  // finished, not yet followed up
	fFollowedOnly              // followed up, not yet closed
	fClosed                    // followed up satisfied and closed
)

// draft is a problem before its life is played.
type draft struct {
	pp       probPlan
	cat      *category
	tp       topic
	tx       texts
	lead     string
	fate     fate
	forced   bool
	legalRep string
}

// onSite reports whether the problem was raised at an on-site meeting,
// which settles every problem at once: solved on the spot, assigned, or
// explained (the notice's three outcomes).
func (d *draft) onSite() bool {
	return d.pp.meeting >= 0 && d.pp.p.Source == app.MeetingOnSite.Source()
}

// problems makes the ledger: problems raised at visits and from the other
// sources, each played through the workflow up to today.
func (g *gen) problems(p *plan, infos []entInfo) error {
	target := g.years * g.between(problemsPerYear-20, problemsPerYear+20)
	var drafts []draft
	catWeights := make([]int, len(categories))
	for i, c := range categories {
		catWeights[i] = c.weight
	}
	// From visits: about 45% of the ledger.
	q := 0.45 * float64(target) / float64(max(1, len(p.visits)))
	for vi := range p.visits {
		v := &p.visits[vi]
		k := 0
		if u := g.r.Float64(); u < q*0.87 {
			k = 1
		} else if u < q {
			k = 2
		}
		var raised []string
		for range k {
			d := g.draft(p, infos, v.ent, v.v.Date, "走访", g.weighted(catWeights...))
			d.pp.visit = vi
			raised = append(raised, d.pp.p.Description)
			drafts = append(drafts, d)
		}
		g.findings(p, v, infos, raised)
	}
	// From the other sources.
	for i := 0; len(drafts) < target || i < len(categories); i++ {
		d := g.day(g.start, g.today)
		ent := g.intn(len(p.ents))
		for range 50 {
			if !infos[ent].since.After(d) {
				break
			}
			ent = g.intn(len(p.ents))
		}
		if infos[ent].since.After(d) {
			d = infos[ent].since
		}
		source := []string{"企业反映", "现场办公会", "企业家恳谈会", "银企对接会", "其他"}[g.weighted(35, 25, 15, 15, 10)]
		// A problem raised at a meeting is registered on its day, for one
		// of the enterprises there.
		mi := -1
		if k, ok := meetingKindOf(source); ok && i >= len(categories) {
			if mi = g.meetingOf(p, k); mi < 0 {
				source = "企业反映"
			} else {
				d, ent = p.meetings[mi].m.Date, g.meetingEnterprise(&p.meetings[mi])
			}
		}
		var cat int
		switch {
		case i < len(categories): // every category at least once
			cat, source = i, "企业反映"
		case source == "现场办公会": // the notice's five
			cat = g.weighted(catWeights[:5]...)
		case source == "银企对接会":
			cat = 3
		default:
			cat = g.weighted(catWeights...)
		}
		dr := g.draft(p, infos, ent, d, source, cat)
		dr.pp.meeting = mi
		drafts = append(drafts, dr)
	}
	slices.SortStableFunc(drafts, func(a, b draft) int { return cmpDate(a.pp.p.Registered, b.pp.p.Registered) })
	g.fates(drafts)
	for i := range drafts {
		if err := g.live(&drafts[i]); err != nil {
			return err
		}
		p.probs = append(p.probs, drafts[i].pp)
	}
	return nil
}

// draft registers a problem of enterprise ent on day reg.
func (g *gen) draft(p *plan, infos []entInfo, ent int, reg app.Date, source string, cat int) draft {
	c := &categories[cat]
	tp := pick(g, c.topics)
	leads := tp.lead
	if len(leads) == 0 {
		leads = c.lead
	}
	lead := g.dept(pick(g, leads))
	product := pick(g, industries[infos[ent].industry].products)
	tx := g.newTexts(product, lead, pick(g, banks), p.ents[ent].LegalRep, "")
	return draft{
		pp: probPlan{ent: ent, visit: -1, meeting: -1, p: app.Problem{
			Source: source, Category: c.name, Registered: reg, Status: app.StatusRegistered,
			Description: tx.fill(tp.desc), Request: tx.fill(tp.request),
		}},
		cat: c, tp: tp, tx: tx, lead: lead, legalRep: p.ents[ent].LegalRep,
	}
}

// findings writes what a visit found, with the problems raised at it.
func (g *gen) findings(p *plan, v *visitPlan, infos []entInfo, raised []string) {
	l := p.leaders[v.leader]
	tx := g.newTexts(pick(g, industries[infos[v.ent].industry].products), "", "", p.ents[v.ent].LegalRep, l.Post+l.Name)
	var b strings.Builder
	b.WriteString(tx.fill(pick(g, visitOpen[v.v.Mode])))
	b.WriteString(tx.fill(pick(g, visitState)))
	switch len(raised) {
	case 0:
		b.WriteString(pick(g, visitNone))
	case 1:
		b.WriteString("企业反映：" + raised[0] + "。已纳入问题台账跟踪办理。")
	default:
		b.WriteString("企业反映：")
		for i, r := range raised {
			fmt.Fprintf(&b, "%d.%s；", i+1, r)
		}
		b.WriteString("已纳入问题台账跟踪办理。")
	}
	v.v.Findings = b.String()
}

// fates draws each problem's fate, then makes sure the days before today
// show every situation the 工作台 and the ledger have to show.
func (g *gen) fates(ds []draft) {
	for i := range ds {
		d := &ds[i]
		switch {
		case d.pp.p.Source == "现场办公会" && g.chance(0.3):
			d.fate = fOnSpot
		default:
			d.fate = []fate{fNormal, fLate, fStuck, fExplainNow, fExplainLater, fOnSpot}[g.weighted(72, 12, 4, 3, 3, 6)]
		}
		age := d.pp.p.Registered.DaysUntil(g.today)
		if age <= 45 && g.chance(0.04) && !d.onSite() {
			d.fate = fNeverAssigned
		}
	}
	// force gives fate f to n problems registered between from and to days
	// before today.
	force := func(f fate, n, from, to int) {
		var cands []int
		for i := range ds {
			age := ds[i].pp.p.Registered.DaysUntil(g.today)
			if !ds[i].forced && age >= to && age <= from && (f != fNeverAssigned || !ds[i].onSite()) {
				cands = append(cands, i)
			}
		}
		for k := 0; k < n && len(cands) > 0; k++ {
			j := g.intn(len(cands))
			ds[cands[j]].fate, ds[cands[j]].forced = f, true
			cands = slices.Delete(cands, j, j+1)
		}
	}
	force(fNeverAssigned, g.between(2, 3), 40, 6)
	force(fStuck, g.between(3, 5), 150, 50)
	force(fDueSoon, g.between(2, 3), 25, 8)
	force(fAssignedOnly, 1, 12, 3)
	force(fInProgress, 1, 30, 10)
	force(fDoneOnly, 1, 60, 25)
	force(fFollowedOnly, 1, 90, 40)
	force(fExplainNow, 1, 200, 100)
	force(fClosed, 2, 300, 120)
}

// life plays a problem's actions through app.Problem.Apply until today.
type life struct {
	g       *gen
	p       app.Problem
	evs     []app.Event
	stopped bool
}

// do applies a, unless an earlier step was after today or a is.
func (l *life) do(a app.Action) error {
	if l.stopped {
		return nil
	}
	if a.Date.After(l.g.today) {
		l.stopped = true
		return nil
	}
	q, ev, err := l.p.Apply(a, l.g.rules)
	if err != nil {
		return fmt.Errorf("demo: problem registered %s, %s on %s: %w", l.p.Registered, a.Kind, a.Date, err)
	}
	l.p, l.evs = q, append(l.evs, ev)
	return nil
}

// live plays draft d's life according to its fate.
func (g *gen) live(d *draft) error {
	l := &life{g: g, p: d.pp.p}
	reg := l.p.Registered
	explain := d.tx.fill(d.tp.explain)
	if explain == "" {
		explain = d.tx.fill(d.cat.explain)
	}
	result := d.tx.fill(d.tp.result)
	var err error
	switch d.fate {
	case fNeverAssigned:
	case fExplainNow:
		on := wd(reg, g.intn(4))
		if d.onSite() {
			on = reg // explained at the meeting
		}
		err = l.do(app.Action{Kind: app.ActExplain, Date: on, Text: explain})
	case fOnSpot:
		err = l.do(app.Action{Kind: app.ActOnSpot, Date: reg, Text: d.tx.fill(pick(g, onSpotResults))})
		if err == nil {
			err = g.afterDone(d, l, reg, result)
		}
	default:
		err = g.handle(d, l, explain, result)
	}
	if err != nil {
		return err
	}
	d.pp.p, d.pp.events = l.p, l.evs
	return nil
}

// handle assigns d's problem and plays what follows by its fate: progress
// reports and moved deadlines, then the day it ends, finished or explained,
// unless it is still open today.
func (g *gen) handle(d *draft, l *life, explain, result string) error {
	assigned := wd(l.p.Registered, g.assignDelay(d))
	k := g.term(d, assigned)
	deadline := wd(assigned, k)
	if err := l.do(g.assignment(d, assigned, deadline)); err != nil {
		return err
	}
	end, steps := g.course(d, assigned, deadline, k)
	for _, s := range steps {
		if err := l.do(s); err != nil {
			return err
		}
	}
	switch {
	case end.Equal(g.never()):
		return nil
	case d.fate == fExplainLater:
		return l.do(app.Action{Kind: app.ActExplain, Date: end, Text: explain})
	}
	if err := l.do(app.Action{Kind: app.ActFinish, Date: end, Text: result}); err != nil {
		return err
	}
	return g.afterDone(d, l, end, result)
}

// never is a day no problem's life reaches: one that ends then is still
// open today.
func (g *gen) never() app.Date { return g.today.AddDays(3650) }

// assignDelay is how many working days after its registration d's
// problem is assigned.
func (g *gen) assignDelay(d *draft) int {
	delay := []int{0, 1, 2, 3, g.between(4, 8)}[g.weighted(40, 30, 15, 8, 7)]
	if d.forced || d.onSite() {
		delay = 0 // an on-site meeting assigns what it cannot solve at once
	}
	return delay
}

// term is how many working days after the day it is assigned d's problem
// is due. A problem due soon is due on a working day within the next few
// days.
func (g *gen) term(d *draft, assigned app.Date) int {
	defDays := g.rules.DefaultDays
	k := defDays
	if g.chance(0.4) {
		k = g.between(min(5, defDays), defDays)
	}
	if d.fate != fDueSoon {
		return k
	}
	var days []app.Date
	for i := range min(7, max(1, g.settings.DueSoonDays)) {
		if day := g.today.AddDays(i); weekday(day).Equal(day) {
			days = append(days, day)
		}
	}
	target := g.today
	if len(days) > 0 {
		target = pick(g, days)
	}
	k = 0
	for wd(assigned, k).Before(target) {
		k++
	}
	if k < 1 || k > g.rules.MaxDays {
		k = defDays
	}
	return k
}

// assignment is the action that assigns d's problem on day on, due on
// day due, to its lead department with some others in support and a
// person responsible.
func (g *gen) assignment(d *draft, on, due app.Date) app.Action {
	person := g.person()
	if g.chance(0.5) {
		person += pick(g, []string{"（局长）", "（副局长）", "（科长）", "（主任）", "（副主任）"})
	}
	var sup []string
	for range g.intn(3) {
		s := g.dept(pick(g, d.cat.support))
		if s != d.lead && !slices.Contains(sup, s) {
			sup = append(sup, s)
		}
	}
	return app.Action{Kind: app.ActAssign, Date: on, LeadDept: d.lead, SupportDepts: strings.Join(sup, "、"),
		Person: person, Deadline: due, Text: d.tx.fill(pick(g, assignNotes))}
}

// course plans, by its fate, the life of d's problem assigned on day
// assigned, due k working days later on deadline: the day it ends
// (finished or explained; never() when it is still open today), and the
// progress reports and moved deadlines before, in date order.
func (g *gen) course(d *draft, assigned, deadline app.Date, k int) (app.Date, []app.Action) {
	s := &stepList{g: g, d: d}
	var end app.Date
	far := g.never()
	switch d.fate {
	case fNormal, fClosed, fDoneOnly, fFollowedOnly:
		end = wd(assigned, g.between(2, k))
		if d.forced {
			end = wd(assigned, g.between(2, min(8, k)))
		}
		if workingDays(assigned, end) > 4 && g.chance(0.7) {
			s.progress(g.between(1, 2), assigned, end)
		}
	case fLate:
		end = wd(deadline, g.between(1, 15))
		if k >= 2 && g.chance(0.6) {
			s.moveDeadline(wd(assigned, g.between(1, k-1)), deadline, app.Date{})
		}
		s.progress(g.between(1, 3), assigned, end)
	case fStuck:
		end = wd(deadline, g.between(30, 250))
		var before app.Date
		if d.forced {
			end, before = far, g.today
		}
		if k >= 2 && g.chance(0.6) {
			on := wd(assigned, g.between(1, k-1))
			nd := s.moveDeadline(on, deadline, before)
			if nd != deadline && g.chance(0.4) {
				s.moveDeadline(wd(on, g.between(1, max(1, workingDays(on, nd)-1))), nd, before)
			}
		}
		s.progress(g.between(2, 6), assigned, minDate(end, g.today))
	case fExplainLater:
		end = wd(assigned, g.between(3, k+10))
		s.progress(g.intn(2), assigned, end)
	case fDueSoon:
		end = far
		s.progress(1, assigned, g.today)
	case fAssignedOnly:
		end = far
	case fInProgress:
		end = far
		s.progress(1, assigned, minDate(wd(assigned, 4), g.today))
	}
	slices.SortStableFunc(s.acts, func(a, b app.Action) int { return cmpDate(a.Date, b.Date) })
	return end, s.acts
}

// stepList gathers the actions on an assigned problem before it ends.
type stepList struct {
	g    *gen
	d    *draft
	acts []app.Action
}

// progress adds n progress reports on working days after from and before
// to.
func (s *stepList) progress(n int, from, to app.Date) {
	span := workingDays(from, to)
	if span < 2 {
		return
	}
	for range n {
		s.acts = append(s.acts, app.Action{Kind: app.ActProgress, Date: wd(from, s.g.between(1, span-1)), Text: s.d.tx.fill(pick(s.g, s.d.cat.progress))})
	}
}

// moveDeadline moves the deadline cur later on day on, at most the most
// working days the rules allow after on and, when before is set, to a day
// before it; it returns the deadline then in force.
func (s *stepList) moveDeadline(on, cur, before app.Date) app.Date {
	g := s.g
	c := workingDays(on, cur)
	hi := g.rules.MaxDays
	for hi > c && !before.IsZero() && !wd(on, hi).Before(before) {
		hi--
	}
	if hi < c+3 {
		return cur
	}
	nd := wd(on, g.between(c+3, hi))
	s.acts = append(s.acts, app.Action{Kind: app.ActDeadline, Date: on, Deadline: nd, Text: s.d.tx.fill(pick(g, deadlineReasons)),
		Approver: g.gov + "分管领导"})
	return nd
}

// afterDone plays the follow-up call and the closing of a finished problem.
func (g *gen) afterDone(d *draft, l *life, done app.Date, result string) error {
	if d.fate == fDoneOnly || (!d.forced && g.chance(0.02)) {
		return nil
	}
	fu := wd(done, g.between(2, 10))
	if d.forced {
		fu = wd(done, g.between(2, 4))
	}
	sat := app.Satisfactions[g.weighted(75, 20, 5)]
	if d.forced {
		sat = "满意"
	}
	if sat == "不满意" {
		nd := wd(fu, g.between(min(10, g.rules.DefaultDays), g.rules.DefaultDays))
		if err := l.do(app.Action{Kind: app.ActFollowUp, Date: fu, Satisfaction: sat, Deadline: nd, Text: pick(g, followUps[sat])}); err != nil {
			return err
		}
		if err := l.do(app.Action{Kind: app.ActProgress, Date: wd(fu, g.between(2, 5)), Text: d.tx.fill(pick(g, d.cat.progress))}); err != nil {
			return err
		}
		done = wd(fu, g.between(6, 20))
		if err := l.do(app.Action{Kind: app.ActFinish, Date: done, Text: "经再次协调，" + result}); err != nil {
			return err
		}
		fu = wd(done, g.between(2, 8))
		sat = app.Satisfactions[g.weighted(60, 40, 0)]
	}
	if err := l.do(app.Action{Kind: app.ActFollowUp, Date: fu, Satisfaction: sat, Text: strings.Replace(pick(g, followUps[sat]), "企业负责人", "企业负责人"+d.legalRep, 1)}); err != nil {
		return err
	}
	if d.fate == fFollowedOnly || (!d.forced && g.chance(0.03)) {
		return nil
	}
	return l.do(app.Action{Kind: app.ActClose, Date: wd(fu, g.between(1, 10)), Text: pick(g, closeNotes)})
}

// workingDays counts the working days after from up to and including to.
func workingDays(from, to app.Date) int {
	n := 0
	for d := from; d.Before(to) && n < 10000; n++ {
		d = wd(d, 1)
		if d.After(to) {
			break
		}
	}
	return n
}

// cmpDate orders days, earliest first.
func cmpDate(a, b app.Date) int { return cmp.Compare(b.DaysUntil(a), 0) }

func minDate(a, b app.Date) app.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// write saves the plan through tx in order: enterprises, leaders, departments,
// assignments, visits, problems with their timelines, meetings (with their
// decisions followed up), meetings planned, financing needs and bridge loans.
func (p *plan) write(ctx context.Context, tx app.Tx, today app.Date) (Counts, error) {
	st, err := tx.Settings(ctx)
	if err != nil {
		return Counts{}, fmt.Errorf("demo: read settings: %w", err)
	}
	w := &writer{ctx: ctx, tx: tx, today: today, p: p, rules: st.Rules()}
	// The meetings' IDs come first: the problems raised at them name them,
	// and each meeting, saved after its problems, names the problems that
	// follow its decisions up.
	for i := range p.meetings {
		p.meetings[i].m.ID = tx.NewID()
	}
	for _, save := range []func() error{w.enterprises, w.leaders, w.departments, w.assignments, w.visits, w.problems, w.meetings, w.plans, w.needs, w.loans} {
		if err := save(); err != nil {
			return w.c, err
		}
	}
	return w.c, nil
}

// writer saves a plan's records, each kind once the kinds it refers to
// have their IDs, and counts them.
type writer struct {
	ctx   context.Context
	tx    app.Tx
	today app.Date
	p     *plan
	c     Counts
	rules app.DeadlineRules // the office's, for the decisions settled
}

// checkCancel reports whether the fill was cancelled, every 1000th record
// i of a long list.
func (w *writer) checkCancel(i int, what string) error {
	if i%1000 != 0 {
		return nil
	}
	if err := w.ctx.Err(); err != nil {
		return fmt.Errorf("demo: save %s: %w", what, err)
	}
	return nil
}

func (w *writer) enterprises() error {
	for i := range w.p.ents {
		e := &w.p.ents[i]
		e.Normalize()
		if err := e.Validate(); err != nil {
			return fmt.Errorf("demo: enterprise %s: %w", e.Name, err)
		}
		if err := w.tx.SaveEnterprise(e); err != nil {
			return fmt.Errorf("demo: save enterprise %s: %w", e.Name, err)
		}
		w.c.Enterprises++
	}
	return nil
}

func (w *writer) leaders() error {
	for i := range w.p.leaders {
		l := &w.p.leaders[i]
		l.Normalize()
		if err := l.Validate(); err != nil {
			return fmt.Errorf("demo: leader %s: %w", l.Name, err)
		}
		if err := w.tx.SaveLeader(l); err != nil {
			return fmt.Errorf("demo: save leader %s: %w", l.Name, err)
		}
		w.c.Leaders++
	}
	return nil
}

func (w *writer) departments() error {
	for i := range w.p.depts {
		d := &w.p.depts[i]
		d.Normalize()
		if err := d.Validate(); err != nil {
			return fmt.Errorf("demo: department %s: %w", d.Name, err)
		}
		if err := w.tx.SaveDepartment(d); err != nil {
			return fmt.Errorf("demo: save department %s: %w", d.Name, err)
		}
		w.c.Departments++
	}
	return nil
}

func (w *writer) assignments() error {
	p := w.p
	for i := range p.asgs {
		a := &p.asgs[i]
		a.a.LeaderID, a.a.EnterpriseID = p.leaders[a.leader].ID, p.ents[a.ent].ID
		a.a.Normalize()
		if err := a.a.Validate(); err != nil {
			return fmt.Errorf("demo: assignment %d: %w", i, err)
		}
		if err := w.tx.SaveAssignment(&a.a); err != nil {
			return fmt.Errorf("demo: save assignment %d: %w", i, err)
		}
		w.c.Assignments++
	}
	return nil
}

func (w *writer) visits() error {
	p := w.p
	for i := range p.visits {
		v := &p.visits[i]
		if err := w.checkCancel(i, "visits"); err != nil {
			return err
		}
		v.v.LeaderID, v.v.EnterpriseID = p.leaders[v.leader].ID, p.ents[v.ent].ID
		v.v.Normalize()
		if err := v.v.Validate(w.today); err != nil {
			return fmt.Errorf("demo: visit of %s: %w", v.v.Date, err)
		}
		if err := w.tx.SaveVisit(&v.v); err != nil {
			return fmt.Errorf("demo: save visit of %s: %w", v.v.Date, err)
		}
		w.c.Visits++
	}
	return nil
}

func (w *writer) meetings() error {
	p := w.p
	for i := range p.meetings {
		m := &p.meetings[i].m
		if ent := p.meetings[i].ent; ent >= 0 {
			m.EnterpriseID = p.ents[ent].ID
		}
		m.Normalize()
		if err := m.Validate(w.today); err != nil {
			return fmt.Errorf("demo: %s of %s: %w", m.Kind, m.Date, err)
		}
		if err := w.decisions(&p.meetings[i]); err != nil {
			return err
		}
		if err := w.tx.SaveMeeting(m); err != nil {
			return fmt.Errorf("demo: save %s of %s: %w", m.Kind, m.Date, err)
		}
		w.c.Meetings++
		switch m.Kind {
		case app.MeetingRoundtable:
			w.c.Roundtables++
		case app.MeetingOnSite:
			w.c.OnSiteMeetings++
		case app.MeetingBank:
			w.c.BankMeetings++
		}
	}
	return nil
}

// decisions links each decision of meeting mp to the problem that follows
// it up: the problem raised at the meeting it settles, or a problem of its
// own entered as the program enters one (app.TrackDecisions), then
// settled: most on or before their deadline, one in seven a few days late;
// those not yet due, and half of the last quarter's, left in the units'
// hands.
func (w *writer) decisions(mp *meetPlan) error {
	m := &mp.m
	for i, pi := range mp.raised {
		if pi >= 0 && i < len(m.Decisions) {
			m.Decisions[i].ProblemID = w.p.probs[pi].p.ID
		}
	}
	before := map[string]bool{}
	for _, d := range m.Decisions {
		before[d.ProblemID] = d.ProblemID != ""
	}
	if err := app.TrackDecisions(w.ctx, w.tx, m, nil); err != nil {
		return fmt.Errorf("demo: decisions of %s of %s: %w", m.Kind, m.Date, err)
	}
	for i, d := range m.Decisions {
		if before[d.ProblemID] {
			continue
		}
		w.c.Problems++
		w.c.Events += 2 // registered, 交办
		done := d.Deadline.AddDays(-(i % 5))
		if i%7 == 3 {
			done = d.Deadline.AddDays(3)
		}
		if done.Before(m.Date) {
			done = m.Date
		}
		// Not yet due, or decided in the last quarter and still being
		// worked on.
		if done.After(w.today) || m.Date.After(w.today.AddDays(-91)) && i%2 == 0 {
			continue
		}
		p, err := w.tx.Problem(w.ctx, d.ProblemID)
		if err != nil {
			return fmt.Errorf("demo: decision of %s of %s: %w", m.Kind, m.Date, err)
		}
		q, ev, err := p.Apply(app.Action{Kind: app.ActFinish, Date: done, Text: d.Unit + "已按会议议定完成"}, w.rules)
		if err != nil {
			return fmt.Errorf("demo: settle a decision of %s of %s: %w", m.Kind, m.Date, err)
		}
		if err := w.tx.SaveProblem(&q); err != nil {
			return err
		}
		if err := w.tx.SaveEvent(&ev); err != nil {
			return err
		}
		w.c.Events++
	}
	return nil
}

// problems saves the problems, each with its registration and the events
// of its timeline.
func (w *writer) problems() error {
	p := w.p
	for i := range p.probs {
		pp := &p.probs[i]
		if err := w.checkCancel(i, "problems"); err != nil {
			return err
		}
		pr := &pp.p
		pr.EnterpriseID = p.ents[pp.ent].ID
		if pp.visit >= 0 {
			pr.SourceID = p.visits[pp.visit].v.ID
		}
		if pp.meeting >= 0 {
			pr.SourceID = p.meetings[pp.meeting].m.ID
		}
		pr.Normalize()
		if err := pr.Validate(); err != nil {
			return fmt.Errorf("demo: problem registered %s: %w", pr.Registered, err)
		}
		if err := w.tx.SaveProblem(pr); err != nil {
			return fmt.Errorf("demo: save problem registered %s: %w", pr.Registered, err)
		}
		w.c.Problems++
		reg := app.RegisterEvent(pr)
		if err := w.tx.SaveEvent(&reg); err != nil {
			return fmt.Errorf("demo: save event of %s: %w", pr.Number, err)
		}
		w.c.Events++
		for j := range pp.events {
			ev := &pp.events[j]
			ev.ProblemID = pr.ID
			if err := w.tx.SaveEvent(ev); err != nil {
				return fmt.Errorf("demo: save event of %s: %w", pr.Number, err)
			}
			w.c.Events++
		}
	}
	return nil
}

func (w *writer) needs() error {
	p := w.p
	for i := range p.needs {
		np := &p.needs[i]
		n := &np.n
		n.EnterpriseID = p.ents[np.ent].ID
		if np.meeting >= 0 {
			n.MeetingID = p.meetings[np.meeting].m.ID
		}
		n.Normalize()
		if err := n.Validate(); err != nil {
			return fmt.Errorf("demo: financing need of %s: %w", n.Date, err)
		}
		if err := w.tx.SaveFinancingNeed(n); err != nil {
			return fmt.Errorf("demo: save financing need of %s: %w", n.Date, err)
		}
		w.c.FinancingNeeds++
	}
	return nil
}

// loans saves the bridge loans but those withdrawn.
func (w *writer) loans() error {
	p := w.p
	for i := range p.loans {
		lp := &p.loans[i]
		if lp.dropped {
			continue
		}
		l := &lp.l
		l.EnterpriseID = p.ents[lp.ent].ID
		l.Normalize()
		if err := l.Validate(); err != nil {
			return fmt.Errorf("demo: bridge loan applied %s: %w", l.AppliedOn, err)
		}
		if err := w.tx.SaveBridgeLoan(l); err != nil {
			return fmt.Errorf("demo: save bridge loan applied %s: %w", l.AppliedOn, err)
		}
		w.c.BridgeLoans++
		if l.CityFund {
			w.c.Applications++
		}
	}
	return nil
}
