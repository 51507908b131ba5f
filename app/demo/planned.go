package demo

import (
	"fmt"
	"time"

	"wugeyi/app"
)

// planned is a meeting entered ahead (app.MeetingPlanned), its host
// enterprise (an index of plan.ents, or -1) and the enterprises invited.
type planned struct {
	m    app.Meeting
	ent  int
	ents []int
}

// plans enters ahead the meetings the current period still requires (the
// 待召开 periods of the office's calendar), as an office plans them: on a
// working day from three days on to the period's end, inviting the chair
// and another leader, three departments of the directory, three
// enterprises (the host first, for an on-site meeting) and, for a bank
// meeting, three banks. A period whose end is too near for that has none.
// It draws last, after every other record, so that those are as they were
// before meetings could be planned.
func (g *gen) plans(p *plan) {
	if len(p.leaders) < 2 || len(p.ents) < 3 || len(p.depts) < 3 {
		return
	}
	var held []app.Meeting
	for _, mp := range p.meetings {
		held = append(held, mp.m)
	}
	cal := app.MeetingCalendar(g.today.Year(), held, g.today, app.Date{})
	for _, k := range app.MeetingKinds {
		for _, per := range cal[k] {
			first := g.today.AddDays(3)
			if per.State != app.PeriodDue || first.After(per.To) {
				continue
			}
			day := g.day(first, per.To)
			for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				day = day.AddDays(-1)
			}
			if day.Before(first) {
				continue
			}
			p.plans = append(p.plans, g.planned(p, k, day))
		}
	}
}

// planned is a meeting of kind k planned on day.
func (g *gen) planned(p *plan, k app.MeetingKind, day app.Date) planned {
	chair := p.leaders[g.intn(len(p.leaders))]
	other := p.leaders[g.intn(len(p.leaders))]
	x := planned{ent: -1, m: app.Meeting{Kind: k, Format: k.Formats()[0], Date: day, State: app.MeetingPlanned,
		Chair: chair.Post + chair.Name, Place: g.gov + "三楼会议室"}}
	x.m.Invitees = append(x.m.Invitees, app.Attendee{Kind: "领导", Name: chair.Post + chair.Name})
	if other.Name != chair.Name {
		x.m.Invitees = append(x.m.Invitees, app.Attendee{Kind: "领导", Name: other.Post + other.Name})
	}
	for _, i := range g.r.Perm(len(p.depts))[:3] {
		x.m.Invitees = append(x.m.Invitees, app.Attendee{Kind: "部门", Name: p.depts[i].Name})
	}
	x.ents = g.r.Perm(len(p.ents))[:3]
	if k == app.MeetingOnSite {
		x.ent = x.ents[0]
		x.m.Place = p.ents[x.ent].Name + "会议室"
	}
	for _, i := range x.ents {
		x.m.Invitees = append(x.m.Invitees, app.Attendee{Kind: "企业", Name: p.ents[i].Name})
	}
	if k == app.MeetingBank {
		for _, i := range g.r.Perm(len(banks))[:3] {
			x.m.Invitees = append(x.m.Invitees, app.Attendee{Kind: "银行", Name: banks[i]})
		}
	}
	x.m.Agenda = fmt.Sprintf("研究%s需要协调解决的问题", p.ents[x.ents[0]].Name)
	return x
}

// plans saves the meetings planned ahead.
func (w *writer) plans() error {
	for i := range w.p.plans {
		x := &w.p.plans[i]
		if x.ent >= 0 {
			x.m.EnterpriseID = w.p.ents[x.ent].ID
		}
		x.m.Normalize()
		if err := x.m.Validate(w.today); err != nil {
			return fmt.Errorf("demo: planned %s of %s: %w", x.m.Kind, x.m.Date, err)
		}
		if err := w.tx.SaveMeeting(&x.m); err != nil {
			return fmt.Errorf("demo: save the planned %s of %s: %w", x.m.Kind, x.m.Date, err)
		}
		w.c.Planned++
	}
	return nil
}
