package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"wugeyi/app"
)

// meetPlan is a meeting to save, with what the generator keeps of it.
type meetPlan struct {
	m     app.Meeting
	ent   int      // the enterprise an on-site meeting is held at, or -1
	ents  []int    // the enterprises attending, ent first
	banks []string // the banks attending
	// raised is, for each decision, the problem raised at the meeting
	// that the decision settles (an index of plan.probs), or -1 for a
	// decision the ledger follows as one of its own (app.TrackDecisions).
	raised []int
}

// meetingKindOf is the kind of meeting a problem source names.
func meetingKindOf(source string) (app.MeetingKind, bool) {
	for _, k := range app.MeetingKinds {
		if k.Source() == source {
			return k, true
		}
	}
	return "", false
}

// meetingOf picks a meeting of kind k, or -1 when there is none.
func (g *gen) meetingOf(p *plan, k app.MeetingKind) int {
	var idx []int
	for i := range p.meetings {
		if p.meetings[i].m.Kind == k {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return -1
	}
	return pick(g, idx)
}

// meetingEnterprise picks the enterprise a problem raised at meeting m is
// of: mostly the one an on-site meeting is held at, else one of those there.
func (g *gen) meetingEnterprise(m *meetPlan) int {
	if m.ent >= 0 && g.chance(0.7) {
		return m.ent
	}
	return pick(g, m.ents)
}

// meetings holds the meetings the notice requires of the years: a round
// table every quarter, an on-site meeting every month and a bank meeting
// every quarter. A few periods pass without one, and this year at least
// one month and one quarter already over (or, early in the year, the
// current ones) have none, as the 工作台 should show.
func (g *gen) meetings(p *plan, infos []entInfo) {
	y := g.today.Year()
	type period struct {
		kind app.MeetingKind
		from app.Date
	}
	skip := map[period]bool{}
	// One on-site month of this year that is over has none; in January,
	// this month has none yet.
	var months []app.Date
	for m := 1; m < int(g.today.Month()); m++ {
		if from := app.D(y, time.Month(m), 1); !from.Before(app.PeriodStart(g.start, 1)) {
			months = append(months, from)
		}
	}
	if len(months) > 0 {
		skip[period{app.MeetingOnSite, pick(g, months)}] = true
	} else {
		skip[period{app.MeetingOnSite, app.PeriodStart(g.today, 1)}] = true
	}
	// Likewise one quarter of a quarterly kind.
	quarterly := []app.MeetingKind{app.MeetingRoundtable, app.MeetingBank}
	var quarters []app.Date
	for q := 1; q < g.today.Quarter(); q++ {
		if from := app.D(y, time.Month(3*q-2), 1); !from.Before(app.PeriodStart(g.start, 3)) {
			quarters = append(quarters, from)
		}
	}
	if len(quarters) > 0 {
		skip[period{pick(g, quarterly), pick(g, quarters)}] = true
	} else {
		skip[period{app.MeetingBank, app.PeriodStart(g.today, 3)}] = true
	}

	for _, k := range app.MeetingKinds {
		months := 3
		if k.Monthly() {
			months = 1
		}
		for from := app.PeriodStart(g.start, months); !from.After(g.today); from = from.AddMonths(months) {
			to := from.AddMonths(months).AddDays(-1)
			lo, hi := from, to
			if lo.Before(g.start) {
				lo = g.start
			}
			current := hi.After(g.today)
			if current {
				hi = g.today
			}
			if hi.Before(lo) || skip[period{k, from}] || g.chance(0.04) {
				continue
			}
			if current && g.intn(from.DaysUntil(to)+1) > from.DaysUntil(g.today) {
				continue // not yet held this period
			}
			// Round tables come late in the quarter, after its figures.
			if k == app.MeetingRoundtable && !current {
				if late := from.AddMonths(1); !late.After(hi) && !late.Before(lo) && g.chance(0.7) {
					lo = late
				}
			}
			p.meetings = append(p.meetings, g.meeting(p, infos, k, g.day(lo, hi)))
		}
	}
	slices.SortStableFunc(p.meetings, func(a, b meetPlan) int { return cmpDate(a.m.Date, b.m.Date) })
	// Numbered as SaveMeeting numbers them when typed in in order: per kind
	// and year.
	seq := map[period]int{}
	for i := range p.meetings {
		m := &p.meetings[i].m
		key := period{m.Kind, app.D(m.Date.Year(), 1, 1)}
		seq[key]++
		m.Seq = seq[key]
	}
}

// meeting makes a meeting of kind k on day d, but for its minutes and
// decisions (see minutes).
func (g *gen) meeting(p *plan, infos []entInfo, k app.MeetingKind, d app.Date) meetPlan {
	mp := meetPlan{ent: -1}
	m := &mp.m
	m.Kind, m.Date = k, d
	var cands []int
	for i := range infos {
		if !infos[i].since.After(d) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		cands = []int{0}
	}
	chair, depts := g.meetingSetting(p, infos, &mp, cands)
	m.Chair = p.leaderName(chair)
	g.attendees(p, &mp, chair, depts)
	g.apologies(p, &mp)
	m.Agenda = g.local(pick(g, agendas[k]))
	return mp
}

// meetingSetting gives meeting mp of its kind its format, place and the
// enterprises (and banks) invited among cands, and returns its chair and
// the departments that may sit in.
func (g *gen) meetingSetting(p *plan, infos []entInfo, mp *meetPlan, cands []int) (chair int, depts []string) {
	m := &mp.m
	someEnts := func(n int) []int {
		n = min(n, len(cands))
		out := make([]int, 0, n)
		for _, j := range g.r.Perm(len(cands))[:n] {
			out = append(out, cands[j])
		}
		return out
	}
	switch k := m.Kind; k {
	case app.MeetingRoundtable:
		m.Format = k.Formats()[g.weighted(30, 30, 40)]
		chair = []int{0, 1, 2, 3}[g.weighted(25, 45, 20, 10)]
		mp.ents = someEnts(g.between(6, 12))
		m.Place = g.local(pick(g, roundtablePlaces[m.Format]))
		depts = roundtableDepts
	case app.MeetingOnSite:
		m.Format = k.Formats()[g.weighted(65, 35)]
		chair = g.govLeader(p, 1, 8)
		mp.ents = someEnts(g.between(1, 3))
		mp.ent = mp.ents[0]
		host := p.ents[mp.ent].Name
		if m.Format == "企业" {
			m.Place = host + pick(g, visitSites)
		} else {
			m.Place = host + pick(g, industries[infos[mp.ent].industry].products) + pick(g, projectSites)
		}
		depts = onSiteDepts
	default:
		m.Format = k.Formats()[0]
		chair = g.govLeader(p, 2, 6)
		mp.ents = someEnts(g.between(6, 14))
		nb := g.between(5, 8)
		for _, j := range g.r.Perm(len(banks))[:nb] {
			mp.banks = append(mp.banks, banks[j])
		}
		m.Place = g.local(pick(g, bankPlaces))
		if g.chance(0.25) {
			m.Place = mp.banks[0] + "会议室" // a bank hosts it
		}
		depts = bankDepts
	}
	return chair, depts
}

// leaderName is leader i's post and name, the last leader's when there
// are not so many.
func (p *plan) leaderName(i int) string {
	l := p.leaders[min(i, len(p.leaders)-1)]
	return l.Post + l.Name
}

// govLeader picks one of the government's leaders (政府负责同志) among the
// leaders lo to hi.
func (g *gen) govLeader(p *plan, lo, hi int) int {
	var is []int
	for i := lo; i <= hi && i < len(p.leaders); i++ {
		if p.leaders[i].Body == "政府" {
			is = append(is, i)
		}
	}
	if len(is) == 0 {
		return 1
	}
	return pick(g, is)
}

// attendees lists who attend meeting mp: the chair and some other
// leaders, some of the departments depts, the enterprises and banks, and
// now and then a bank that sits in.
func (g *gen) attendees(p *plan, mp *meetPlan, chair int, depts []string) {
	m := &mp.m
	add := func(group, kind, name string) {
		m.Attendees = append(m.Attendees, app.Attendee{Group: group, Kind: kind, Name: name})
	}
	add(app.Present, "领导", m.Chair)
	for _, i := range g.r.Perm(9)[:g.intn(3)] {
		if i != chair {
			add(app.Present, "领导", p.leaderName(i))
		}
	}
	for _, i := range g.r.Perm(len(depts))[:g.between(min(3, len(depts)), min(6, len(depts)))] {
		add(app.Sitting, "部门", g.dept(depts[i]))
	}
	for _, e := range mp.ents {
		add(app.Present, "企业", p.ents[e].Name)
	}
	for _, b := range mp.banks {
		add(app.Present, "银行", b)
	}
	if m.Kind != app.MeetingBank && g.chance(0.25) {
		add(app.Sitting, "银行", pick(g, banks))
	}
}

// apologies marks someone of meeting mp absent, having sent apologies;
// never the chair, nor the enterprise an on-site meeting is held at, nor
// the last enterprise or bank.
func (g *gen) apologies(p *plan, mp *meetPlan) {
	m := &mp.m
	for range g.weighted(50, 35, 15) {
		i := g.between(1, len(m.Attendees)-1)
		a := &m.Attendees[i]
		if a.Group == app.Absent || (mp.ent >= 0 && a.Name == p.ents[mp.ent].Name) {
			continue
		}
		switch {
		case a.Kind == "企业" && len(mp.ents) == 1, a.Kind == "银行" && len(mp.banks) == 1:
			continue
		case a.Kind == "企业":
			mp.ents = slices.DeleteFunc(mp.ents, func(e int) bool { return p.ents[e].Name == a.Name })
		case a.Kind == "银行":
			mp.banks = slices.DeleteFunc(mp.banks, func(b string) bool { return b == a.Name })
		}
		a.Group = app.Absent
	}
}

// local expands X政府 to the office's government and X in department names
// to its prefix.
func (g *gen) local(s string) string { return g.dept(strings.ReplaceAll(s, "X政府", g.gov)) }

// minutes writes each meeting's minutes and decisions, with the problems
// raised at it and, for a bank meeting, the financing needs gathered for
// it.
func (g *gen) minutes(p *plan, infos []entInfo) {
	raised := make([][]int, len(p.meetings))
	for i := range p.probs {
		if mi := p.probs[i].meeting; mi >= 0 {
			raised[mi] = append(raised[mi], i)
		}
	}
	needs := make([][]int, len(p.meetings))
	for i := range p.needs {
		if mi := p.needs[i].meeting; mi >= 0 {
			needs[mi] = append(needs[mi], i)
		}
	}
	for mi := range p.meetings {
		mp := &p.meetings[mi]
		m := &mp.m
		var names []string
		for _, e := range mp.ents {
			names = append(names, p.ents[e].Name)
		}
		ents := strings.Join(names[:min(3, len(names))], "、")
		if len(names) > 3 {
			ents += fmt.Sprintf("等%d家企业", len(names))
		}
		host := 0
		if mp.ent >= 0 {
			host = mp.ent
		}
		var amount app.Yuan
		for _, ni := range needs[mi] {
			amount += p.needs[ni].n.Amount
		}
		bankNames := strings.Join(mp.banks[:min(3, len(mp.banks))], "、")
		period := fmt.Sprintf("%d年%s", m.Date.Year(), []string{"一季度", "二季度", "三季度", "四季度"}[m.Date.Quarter()-1])
		r := strings.NewReplacer(
			"X政府", g.gov, "X", g.x,
			"{D}", m.Date.Chinese(), "{C}", m.Chair, "{T}", m.Title(), "{F}", m.Format, "{PL}", m.Place,
			"{E}", ents, "{Q}", period, "{R}", p.ents[host].LegalRep, "{S}", pick(g, visitSites),
			"{P}", pick(g, industries[infos[host].industry].products),
			"{BN}", bankNames, "{nb}", strconv.Itoa(len(mp.banks)), "{nn}", strconv.Itoa(len(needs[mi])), "{amt}", amount.Wan(),
			"{k}", strconv.Itoa(g.between(5, 15)), "{j}", strconv.Itoa(max(1, len(needs[mi])/2)), "{prod}", pick(g, bankProducts),
		)
		var b strings.Builder
		b.WriteString(r.Replace(pick(g, minutesOpen[m.Kind])))
		b.WriteString(r.Replace(pick(g, minutesBody[m.Kind])))
		var decisions []app.Decision
		mp.raised = nil
		if len(raised[mi]) == 0 {
			b.WriteString(r.Replace(pick(g, minutesNone[m.Kind])))
		} else {
			b.WriteString(g.raisedText(p, m.Kind, mp.ent, raised[mi]))
			if m.Kind == app.MeetingOnSite {
				for _, pi := range raised[mi] {
					pp := &p.probs[pi]
					if len(pp.events) > 0 && pp.events[0].Kind == app.ActAssign && len(decisions) < 4 {
						decisions = append(decisions, app.Decision{Text: "协调解决" + p.ents[pp.ent].Name + "反映的“" + pp.p.Description + "”问题",
							Unit: pp.events[0].LeadDept, Deadline: pp.events[0].NewDeadline})
						mp.raised = append(mp.raised, pi)
					}
				}
			}
		}
		b.WriteString(r.Replace(pick(g, minutesClose[m.Kind])))
		m.Minutes = b.String()
		ts := decisionTexts[m.Kind]
		for _, i := range g.r.Perm(len(ts))[:g.between(1, min(3, len(ts)))] {
			t := ts[i]
			decisions = append(decisions, app.Decision{Text: r.Replace(t.text), Unit: g.local(t.unit), Deadline: m.Date.AddDays(g.between(t.lo, t.hi))})
			mp.raised = append(mp.raised, -1)
		}
		m.Decisions = decisions
	}
}

// raisedText lists the problems raised at a meeting, and for an on-site
// meeting (held at enterprise host) how each was settled.
func (g *gen) raisedText(p *plan, k app.MeetingKind, host int, idx []int) string {
	var b strings.Builder
	if k != app.MeetingOnSite {
		fmt.Fprintf(&b, "会上企业反映需要协调解决的问题%d个：", len(idx))
		for i, pi := range idx {
			pp := &p.probs[pi]
			fmt.Fprintf(&b, "%d.%s反映%s；", i+1, p.ents[pp.ent].Name, pp.p.Description)
		}
		b.WriteString("已纳入问题台账，明确责任单位和办理时限，跟踪推进。")
		return b.String()
	}
	var spot, assigned, explained int
	var items []string
	for _, pi := range idx {
		pp := &p.probs[pi]
		desc := pp.p.Description
		if pp.ent != host {
			desc = p.ents[pp.ent].Name + "反映" + desc
		}
		var how string
		if len(pp.events) > 0 {
			switch ev := pp.events[0]; ev.Kind {
			case app.ActOnSpot:
				spot++
				how = "当场解决"
			case app.ActAssign:
				assigned++
				how = fmt.Sprintf("交%s牵头办理，%s前办结", ev.LeadDept, ev.NewDeadline.Chinese())
			case app.ActExplain:
				explained++
				how = "依法依规不能办理，已向企业解释"
			}
		}
		items = append(items, fmt.Sprintf("%s（%s）", desc, how))
	}
	var outcomes []string
	for _, o := range []struct {
		n    int
		text string
	}{{spot, "当场解决%d个"}, {assigned, "明确责任部门、负责人员和办理时限交办%d个"}, {explained, "依法依规确实不能办理、已向企业做好解释%d个"}} {
		if o.n > 0 {
			outcomes = append(outcomes, fmt.Sprintf(o.text, o.n))
		}
	}
	fmt.Fprintf(&b, "企业反映规划、用地、建设、融资、用工等方面问题%d个，经现场研究，%s：", len(idx), strings.Join(outcomes, "，"))
	for i, it := range items {
		fmt.Fprintf(&b, "%d.%s；", i+1, it)
	}
	b.WriteString("均已纳入问题台账。")
	return b.String()
}
