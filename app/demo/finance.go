package demo

import (
	"fmt"
	"slices"
	"strings"

	"wugeyi/app"
)

// wan is n 万元.
func wan(n int) app.Yuan { return app.Yuan(n) * 10_000 }

// needPlan is a financing need to save.
type needPlan struct {
	n       app.FinancingNeed
	ent     int
	meeting int // the bank meeting it was gathered for, or -1
}

// needs gathers the financing needs of the enterprises at each bank
// meeting, recommends each to a bank there and records the bank's answer as
// it stands today: the older the meeting, the likelier an answer. Every
// answer is there at least once.
func (g *gen) needs(p *plan, infos []entInfo) {
	for mi := range p.meetings {
		mp := &p.meetings[mi]
		if mp.m.Kind != app.MeetingBank {
			continue
		}
		age := mp.m.Date.DaysUntil(g.today)
		ents := slices.Clone(mp.ents)
		g.r.Shuffle(len(ents), func(i, j int) { ents[i], ents[j] = ents[j], ents[i] })
		for _, ent := range ents[:min(len(ents), g.between(3, 8))] {
			d := weekday(mp.m.Date.AddDays(-g.between(3, 20)))
			if since := infos[ent].since; d.Before(since) {
				d = since
			}
			amount := wan(50 * g.between(2, 20))
			if g.chance(0.25) {
				amount = wan(50 * g.between(20, 100))
			}
			n := app.FinancingNeed{
				Date: d, Amount: amount, Use: pick(g, needUses), TermMonths: pick(g, needTerms),
				Collateral: pick(g, needCollaterals), Bank: pick(g, mp.banks),
			}
			var status string
			switch {
			case age < 20:
				status = app.NeedStatuses[g.weighted(75, 15, 0, 10)]
			case age < 60:
				status = app.NeedStatuses[g.weighted(30, 30, 25, 15)]
			default:
				status = app.NeedStatuses[g.weighted(6, 30, 45, 19)]
			}
			g.answer(&n, mp.m.Date, status)
			p.needs = append(p.needs, needPlan{n: n, ent: ent, meeting: mi})
		}
	}
	// Every answer at least once, on needs of meetings old enough for it.
	seen := map[string]bool{}
	for i := range p.needs {
		seen[p.needs[i].n.Status] = true
	}
	for _, s := range app.NeedStatuses {
		if seen[s] {
			continue
		}
		for i := range p.needs {
			np := &p.needs[i]
			if others := p.countStatus(np.n.Status); others > 1 && g.answer(&np.n, p.meetings[np.meeting].m.Date, s) {
				break
			}
		}
	}
}

func (p *plan) countStatus(s string) int {
	n := 0
	for i := range p.needs {
		if p.needs[i].n.Status == s {
			n++
		}
	}
	return n
}

// answer records the bank's answer status to need n gathered for the
// meeting of day met, if it can have come by today, and reports whether it
// did.
func (g *gen) answer(n *app.FinancingNeed, met app.Date, status string) bool {
	n.Credit, n.Lent, n.LentOn, n.Reason = 0, 0, app.Date{}, ""
	credit := wan(max(50, int(n.Amount/10_000)*g.between(6, 10)/10/50*50))
	switch status {
	case app.NeedCredit:
		n.Credit = credit
	case app.NeedLent:
		on := weekday(met.AddDays(g.between(15, 75)))
		if on.After(g.today) {
			on = weekday(met.AddDays(15))
		}
		if on.After(g.today) || on.Before(met) {
			n.Status = app.NeedCredit
			n.Credit = credit
			return false
		}
		n.Credit = credit
		n.Lent = wan(max(50, int(credit/10_000)*g.between(5, 10)/10/50*50))
		n.LentOn = on
	case app.NeedRefused:
		n.Reason = pick(g, needReasons)
	}
	n.Status = status
	return true
}

// loanSettings are the rules of the fund, with the defaults where the
// settings have none.
type loanSettings struct {
	size          app.Yuan
	term, maxDays int
	uses          int
}

func newLoanSettings(s app.Settings) loanSettings {
	d := app.DefaultSettings()
	ls := loanSettings{size: s.FundSize, term: s.LoanTermDays, maxDays: s.LoanMaxDays, uses: s.LoanUsesPerYear}
	if ls.size <= 0 {
		ls.size = d.FundSize
	}
	if ls.maxDays < 1 {
		ls.maxDays = d.LoanMaxDays
	}
	if ls.term < 1 || ls.term > ls.maxDays {
		ls.term = min(d.LoanTermDays, ls.maxDays)
	}
	if ls.uses < 1 {
		ls.uses = d.LoanUsesPerYear
	}
	return ls
}

// loanPlan is a bridge loan and the steps of its life, taken in date order
// with those of the other loans.
type loanPlan struct {
	l       app.BridgeLoan
	ent     int
	steps   []app.LoanAction
	next    int  // the next step to take
	stopped bool // no more steps: the fund had not the money
	dropped bool // not saved: the application was withdrawn
	forced  bool // one of the loans near today that show every status
}

type entYear struct{ ent, year int }

// loans plays the bridge loans of the years: applications made a few days
// before a bank loan falls due, reviewed against the four conditions,
// approved, paid out on the due day and repaid once the bank lends again,
// some late. Near today there are loans in every status, and some paid out
// and past their due-back day. Each step goes through app.BridgeLoan.Apply
// with the rules app.Service.LoanAct applies at the time: the fund's free
// money and the enterprise's uses in the year.
func (g *gen) loans(p *plan, infos []entInfo) error {
	lb := &loanBook{g: g, p: p, infos: infos, uses: map[entYear]int{}}
	n := g.years * g.between(14, 22)
	for range n {
		lb.add(g.pastLoan())
	}
	g.recentLoans(lb.add)
	if g.cityFund {
		g.applications(p)
		return nil
	}
	return g.playLoans(p)
}

// applications turns the planned loans into applications to the city
// fund, as a county without a fund of its own makes them: the bank's
// commitment and the term asked for written in, the steps left to the
// city (Decide).
func (g *gen) applications(p *plan) {
	for i := range p.loans {
		lp := &p.loans[i]
		l := &lp.l
		l.CityFund, l.TermDays = true, g.loanTerm()
		l.Commitment = fmt.Sprintf("%s出具的续贷承诺函（%s）", l.Bank, l.AppliedOn.AddDays(-g.between(1, 5)).Chinese())
		for _, a := range lp.steps {
			if a.Kind == app.LoanActPay {
				l.TermDays = min(g.loanRules.maxDays, max(1, a.Date.DaysUntil(a.DueBack)))
			}
		}
		lp.steps = nil
	}
}

// loanShape says when each step of a loan falls; a zero day is a step
// that is not taken.
type loanShape struct {
	applied, review, approve, pay app.Date
	days                          int // the term agreed at pay-out
	repay                         app.Date
	unmet                         bool // first reviewed with a condition unmet
	rereview                      app.Date
	forced                        bool
}

// loanBook adds loans to the plan, each to an enterprise that may still
// use the fund in the year.
type loanBook struct {
	g     *gen
	p     *plan
	infos []entInfo
	uses  map[entYear]int // pay-outs planned
}

// pickEnt is an enterprise on the list by day d that may still use the
// fund in year y, or -1.
func (b *loanBook) pickEnt(d app.Date, y int) int {
	for range 50 {
		e := b.g.intn(len(b.p.ents))
		if !b.infos[e].since.After(d) && b.uses[entYear{e, y}] < b.g.loanRules.uses {
			return e
		}
	}
	return -1
}

// add plans a loan of shape s, unless no enterprise may use the fund.
func (b *loanBook) add(s loanShape) {
	g, ls := b.g, b.g.loanRules
	// Only a pay-out by today is a use.
	paid := !s.pay.IsZero() && !s.pay.After(g.today)
	y := s.applied.Year()
	if paid {
		y = s.pay.Year()
	}
	ent := b.pickEnt(s.applied, y)
	if ent < 0 {
		return
	}
	if paid {
		b.uses[entYear{ent, y}]++
	}
	// A loan takes at most a quarter of the fund; those near today a
	// tenth, so that they all find the money (see rulesFor).
	most := ls.size / 4
	if s.forced {
		most = ls.size / 10
	}
	lp := g.loan(ent, max(wan(50), most/wan(50)*wan(50)), s.applied, s.review, s.approve, s.pay, s.days, s.repay, s.unmet, s.rereview)
	lp.forced = s.forced
	b.p.loans = append(b.p.loans, lp)
}

// pastLoan is the shape of a loan applied for on a day of the years: paid
// out when the bank loan falls due, repaid within the term but now and
// then late, and sometimes first reviewed with a condition unmet.
func (g *gen) pastLoan() loanShape {
	ls := g.loanRules
	applied := g.day(g.start, g.today)
	due := wd(applied, g.between(4, 10)) // the bank loan falls due
	review := wd(applied, g.between(1, 2))
	approve := wd(review, g.between(0, 2))
	pay := due
	if pay.Before(approve) {
		pay = approve
	}
	days := g.loanTerm()
	if g.chance(0.12) {
		days = g.between(ls.term, ls.maxDays)
	}
	repay := pay.AddDays(g.between(max(1, days-8), days))
	if g.chance(0.07) {
		repay = pay.AddDays(days + g.between(1, 10)) // the bank lent late
	}
	s := loanShape{applied: applied, review: review, approve: approve, pay: pay, days: days, repay: repay}
	if g.chance(0.08) {
		s.unmet, s.rereview = true, wd(review, g.between(1, 3))
		s.approve, s.pay, s.repay = wd(s.rereview, 1), s.pay.AddDays(3), s.repay.AddDays(3)
		if s.pay.Before(s.approve) {
			s.pay = s.approve
			s.repay = s.pay.AddDays(g.between(1, days))
		}
	}
	return s
}

// loanTerm is a usual term of a loan, in days.
func (g *gen) loanTerm() int { return g.between(min(7, g.loanRules.term), g.loanRules.term) }

// recentLoans adds the loans near today: one in each status, and some
// overdue.
func (g *gen) recentLoans(add func(loanShape)) {
	ls := g.loanRules
	back := func(n int) app.Date { return weekday(g.today.AddDays(-n)) }
	far := g.today.AddDays(400)
	add(loanShape{applied: back(1), review: far, forced: true})                                    // 申请
	add(loanShape{applied: back(6), review: back(3), approve: far, forced: true})                  // 审核
	add(loanShape{applied: back(14), review: back(12), unmet: true, forced: true})                 // 审核, a condition unmet
	add(loanShape{applied: back(8), review: back(6), approve: back(2), pay: far, forced: true})    // 批准
	add(loanShape{applied: back(9), review: back(7), approve: back(5), pay: back(2), forced: true, // 放款
		days: min(ls.maxDays, max(ls.term, 10)), repay: far})
	for _, ago := range []int{g.between(28, 45), g.between(14, 25), g.between(8, 12)} { // 逾期
		pay := back(ago)
		days := min(ls.maxDays, max(1, ago-g.between(2, 6)))
		if !pay.AddDays(days).Before(g.today) {
			days = max(1, pay.DaysUntil(g.today)-1)
		}
		add(loanShape{applied: weekday(pay.AddDays(-7)), review: weekday(pay.AddDays(-5)), approve: weekday(pay.AddDays(-3)),
			pay: pay, days: days, repay: far, forced: true})
	}
	add(loanShape{applied: back(30), review: back(28), approve: back(27), pay: back(26), days: ls.term, // 结清
		repay: back(26).AddDays(max(1, ls.term-3)), forced: true})
}

// loan makes the application, of most, and plans the steps of one loan;
// zero days are steps not taken.
func (g *gen) loan(ent int, most app.Yuan, applied, review, approve, pay app.Date, days int, repay app.Date, unmet bool, rereview app.Date) loanPlan {
	orig := wan(50 * g.between(2, 20))
	switch g.weighted(60, 30, 10) {
	case 1:
		orig = wan(50 * g.between(20, 40))
	case 2:
		orig = wan(50 * g.between(40, 60))
	}
	orig = min(orig, most)
	asked := orig
	if g.chance(0.2) {
		asked = max(wan(50), orig-wan(50*g.between(1, 4)))
	}
	bank := pick(g, banks)
	due := pay
	if due.IsZero() || due.After(g.today.AddDays(60)) {
		due = wd(applied, g.between(4, 10))
	}
	lp := loanPlan{ent: ent, l: app.BridgeLoan{
		Bank: bank, Original: orig, OriginalDue: due, Applied: asked, AppliedOn: applied, Status: app.LoanApplied,
		Note: strings.ReplaceAll(pick(g, loanNotes), "{B}", bank),
	}}
	commitment := fmt.Sprintf("%s出具的续贷承诺函（%s）", bank, review.Chinese())
	all := []bool{true, true, true, true}
	if review.IsZero() {
		return lp
	}
	if unmet {
		conds := slices.Clone(all)
		conds[g.intn(len(conds))] = false
		lp.steps = append(lp.steps, app.LoanAction{Kind: app.LoanActReview, Date: review, Conditions: conds})
		if rereview.IsZero() {
			return lp
		}
		review, commitment = rereview, fmt.Sprintf("%s出具的续贷承诺函（%s）", bank, rereview.Chinese())
	}
	lp.steps = append(lp.steps, app.LoanAction{Kind: app.LoanActReview, Date: review, Conditions: all, Commitment: commitment})
	if approve.IsZero() {
		return lp
	}
	amount := asked
	if g.chance(0.15) {
		amount = max(wan(50), asked*app.Yuan(g.between(7, 9))/10/wan(50)*wan(50))
	}
	lp.steps = append(lp.steps, app.LoanAction{Kind: app.LoanActApprove, Date: approve, Amount: amount})
	if pay.IsZero() {
		return lp
	}
	lp.steps = append(lp.steps, app.LoanAction{Kind: app.LoanActPay, Date: pay, DueBack: pay.AddDays(days)})
	if repay.IsZero() {
		return lp
	}
	lp.steps = append(lp.steps, app.LoanAction{Kind: app.LoanActRepay, Date: repay}) // the fee is reckoned when repaid
	return lp
}

// stepRank orders the steps of one day: repayments first, as a clerk
// records the money that came back before lending it again.
var stepRank = map[app.LoanActionKind]int{app.LoanActRepay: 0, app.LoanActReview: 1, app.LoanActApprove: 2, app.LoanActPay: 3}

// playLoans takes every loan's steps up to today in date order, each
// through app.BridgeLoan.Apply with the rules of the moment. An approval
// the fund has not the money for is made smaller, or the application
// waits (recent) or is withdrawn (old).
func (g *gen) playLoans(p *plan) error {
	type ref struct {
		date             app.Date
		rank, loan, step int
	}
	var refs []ref
	for i := range p.loans {
		for j, a := range p.loans[i].steps {
			if !a.Date.After(g.today) {
				refs = append(refs, ref{a.Date, stepRank[a.Kind], i, j})
			}
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if c := cmpDate(a.date, b.date); c != 0 {
			return c
		}
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		if a.loan != b.loan {
			return a.loan - b.loan
		}
		return a.step - b.step
	})
	for _, rf := range refs {
		lp := &p.loans[rf.loan]
		if lp.dropped || lp.stopped || lp.next != rf.step {
			continue
		}
		a := lp.steps[rf.step]
		r := g.rulesFor(p, rf.loan, a)
		switch a.Kind {
		case app.LoanActApprove:
			if a.Amount > r.Free {
				if a.Amount = r.Free / wan(50) * wan(50); a.Amount < wan(50) {
					if lp.l.AppliedOn.DaysUntil(g.today) <= 30 {
						lp.stopped = true // waits for money to come back
					} else {
						lp.dropped = true
					}
					continue
				}
			}
		case app.LoanActRepay:
			// A day's fee of one ten-thousandth of the money, as the fund
			// charges about the bank's rate.
			a.Fee = lp.l.Approved * app.Yuan(max(1, lp.l.PaidOn.DaysUntil(a.Date))) / 10_000
		}
		q, err := lp.l.Apply(a, r)
		if err != nil {
			return fmt.Errorf("demo: bridge loan applied %s, %s on %s: %w", lp.l.AppliedOn, a.Kind, a.Date, err)
		}
		lp.l = q
		lp.next++
	}
	return nil
}

// rulesFor computes the rules of step a of loan i as app.Service.LoanAct
// does, from the other loans as they stand. In the last months it keeps
// back from the other loans the money the loans near today will be
// approved, so that they show every status: a stricter rule than the
// fund's, never a looser one.
func (g *gen) rulesFor(p *plan, i int, a app.LoanAction) app.LoanRules {
	ls := g.loanRules
	r := app.LoanRules{MaxDays: ls.maxDays, UsesPerYear: ls.uses}
	others := make([]app.BridgeLoan, 0, len(p.loans))
	me := &p.loans[i]
	for j := range p.loans {
		x := &p.loans[j]
		if j == i || x.dropped {
			continue
		}
		others = append(others, x.l)
		if x.ent == me.ent && !x.l.PaidOn.IsZero() && x.l.PaidOn.Year() == a.Date.Year() {
			r.UsesInYear++
		}
	}
	r.Free = app.Fund(ls.size, others).Free
	if !me.forced && !a.Date.Before(g.today.AddDays(-120)) {
		for j := range p.loans {
			x := &p.loans[j]
			if !x.forced || x.l.Holds() || x.l.Status == app.LoanSettled {
				continue
			}
			for _, s := range x.steps {
				if s.Kind == app.LoanActApprove && !s.Date.After(g.today) {
					r.Free -= s.Amount
				}
			}
		}
	}
	return r
}
