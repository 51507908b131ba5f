package app_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"wugeyi/app"
)

// planned is a valid planned meeting of kind k on day d, unsaved, with a
// leader, a department, an enterprise and a bank invited.
func planned(k app.MeetingKind, d app.Date) app.Meeting {
	return app.Meeting{State: app.MeetingPlanned, Kind: k, Format: k.Formats()[0], Date: d, Place: "区政府第三会议室",
		Agenda: "企业融资需求对接", Invitees: []app.Attendee{
			{Kind: "领导", Name: "副区长李志强"}, {Kind: "部门", Name: "区工信局"},
			{Kind: "企业", Name: "秦皇岛测试1号机械有限公司"}, {Kind: "银行", Name: "中国银行秦皇岛分行"}}}
}

// A meeting planned ahead has no number; held, it takes the next number
// of its year and its attendance is marked from the invitees, each of
// whom may be switched to 请假 or 列席; its decisions enter the ledger
// only then.
func TestPlanThenHoldMeeting(t *testing.T) {
	w := newWorld(t, app.D(2026, time.December, 7), nil)
	w.saveMeeting(meeting(app.MeetingBank, app.D(2026, 3, 20))) // 第1次
	p := w.saveMeeting(planned(app.MeetingBank, app.D(2026, 12, 18)))
	if p.Seq != 0 || p.State != app.MeetingPlanned || p.Title() != "银企对接会（计划）" || len(p.Invitees) != 4 {
		t.Fatalf("planned: seq %d state %q title %q invitees %v", p.Seq, p.State, p.Title(), p.Invitees)
	}
	got, err := w.svc.Meeting(w.ctx, p.ID)
	if err != nil || !reflect.DeepEqual(got.Invitees, p.Invitees) || got.State != app.MeetingPlanned {
		t.Fatalf("read back: %+v, %v", got, err)
	}

	// Held on the day: the form starts from the invitees, all present.
	w.setToday(app.D(2026, 12, 18))
	h := app.HoldPlanned(got, w.svc.Today())
	want := []app.Attendee{{Group: app.Present, Kind: "领导", Name: "副区长李志强"}, {Group: app.Present, Kind: "部门", Name: "区工信局"},
		{Group: app.Present, Kind: "企业", Name: "秦皇岛测试1号机械有限公司"}, {Group: app.Present, Kind: "银行", Name: "中国银行秦皇岛分行"}}
	if !reflect.DeepEqual(h.Attendees, want) || h.Date != app.D(2026, 12, 18) || !h.Held() {
		t.Fatalf("HoldPlanned: %v on %s held %v", h.Attendees, h.Date, h.Held())
	}
	h.Attendees[1].Group = app.Absent
	h.Chair = "副区长李志强"
	h.Decisions = []app.Decision{{Text: "对接授信5000万元", Unit: "区工信局", Deadline: app.D(2026, 12, 31)}}
	h = w.saveMeeting(h)
	if h.Seq != 2 || h.Title() != "2026年第2次银企对接会" || h.Attendees[1].Group != app.Absent || h.Decisions[0].ProblemID == "" {
		t.Errorf("held: %q seq %d attendees %v decisions %v", h.Title(), h.Seq, h.Attendees, h.Decisions)
	}
	if h.State != "" || len(h.Invitees) != 4 {
		t.Errorf("held: state %q, invitees %v kept", h.State, h.Invitees)
	}
	// A planned meeting whose day has come can be held on a later day.
	p2 := w.saveMeeting(planned(app.MeetingRoundtable, app.D(2026, 12, 20)))
	w.setToday(app.D(2026, 12, 28))
	if h2 := app.HoldPlanned(p2, w.svc.Today()); h2.Date != app.D(2026, 12, 20) {
		t.Errorf("held late on %s, want the planned day", h2.Date)
	}
	// One planned for next week is held today if held now.
	if h3 := app.HoldPlanned(planned(app.MeetingRoundtable, app.D(2027, 1, 5)), w.svc.Today()); h3.Date != app.D(2026, 12, 28) {
		t.Errorf("held early on %s, want today", h3.Date)
	}
}

// A planned meeting cancelled keeps its reason and no number; the
// refusals (a plan in the past, problems at a meeting not held, holding
// or changing a cancelled meeting, cancelling without a reason or a held
// meeting, planning a held one again) change nothing.
func TestPlanCancelAndRefusals(t *testing.T) {
	w := newWorld(t, app.D(2026, time.December, 7), nil)
	held := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 12, 1)))
	p := w.saveMeeting(planned(app.MeetingRoundtable, app.D(2026, 12, 10)))
	ent := w.enterprise(1)
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: ent.ID, Category: "融资", Description: "流动资金紧张"}}

	refused := func(what, field, msg string, do func() error) {
		t.Helper()
		before := w.st.Snapshot()
		err := do()
		var fe app.FieldError
		var inv app.Invalid
		switch {
		case errors.As(err, &fe) && fe.Field == field && fe.Msg == msg:
		case errors.As(err, &inv) && app.FieldMsg(inv, field) == msg:
		default:
			t.Errorf("%s: got %v, want %s: %s", what, err, field, msg)
		}
		if d := before.Diff(w.st.Snapshot()); len(d) > 0 {
			t.Errorf("%s: saved %v", what, d)
		}
	}
	refused("planned yesterday", "Date", "计划召开日期不能早于今天：已开过的会议请直接登记", func() error {
		m := planned(app.MeetingBank, app.D(2026, 12, 6))
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})
	refused("problems at a plan", "Problems", "会议尚未召开：会上反映的问题请在召开后登记", func() error {
		m := planned(app.MeetingBank, app.D(2026, 12, 9))
		return w.svc.SaveMeeting(w.ctx, &m, []app.NewProblem{np})
	})
	refused("decisions of a plan", "Decisions", "会议尚未召开，没有议定事项：召开后再填写", func() error {
		m := planned(app.MeetingBank, app.D(2026, 12, 9))
		m.Decisions = meeting(app.MeetingBank, m.Date).Decisions
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})
	refused("held planned again", "State", "会议已召开，不能改回计划", func() error {
		m := held
		m.State = app.MeetingPlanned
		m.Date, m.Attendees, m.Decisions = app.D(2026, 12, 20), nil, nil
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})
	refused("cancelled without a reason", "CancelReason", "请填写取消原因", func() error {
		_, err := w.svc.CancelMeeting(w.ctx, p.ID, "  ")
		return err
	})
	refused("cancelling a held one", "State", "会议已召开，不能取消；如系误登记，请删除", func() error {
		_, err := w.svc.CancelMeeting(w.ctx, held.ID, "领导另有安排")
		return err
	})
	refused("cancelled through the form", "State", "取消会议请使用“取消会议”，并写明原因", func() error {
		m := p
		m.State, m.CancelReason = app.MeetingCancelled, "领导另有安排"
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})

	c, err := w.svc.CancelMeeting(w.ctx, p.ID, " 主要企业负责人外出 ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.svc.Meeting(w.ctx, p.ID)
	if err != nil || got.State != app.MeetingCancelled || got.CancelReason != "主要企业负责人外出" || got.Seq != 0 || got.Version != c.Version {
		t.Fatalf("cancelled: %+v, %v", got, err)
	}
	refused("holding a cancelled one", "State", "会议已取消，不能再召开：如仍要开会，请重新计划或登记", func() error {
		m := app.HoldPlanned(got, w.svc.Today())
		m.Chair = "李志强"
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})
	refused("changing a cancelled one", "State", "会议已取消，不能再修改", func() error {
		m := got
		m.State, m.Date = app.MeetingPlanned, app.D(2026, 12, 30)
		return w.svc.SaveMeeting(w.ctx, &m, nil)
	})
	refused("cancelling twice", "State", "会议已取消", func() error {
		_, err := w.svc.CancelMeeting(w.ctx, p.ID, "再次取消")
		return err
	})
}

// Planned and cancelled meetings count nowhere: not in the calendar, the
// notice, the assessment, the numbers of the year nor the counts of
// stats; a planned one shows on the 工作台 next to its period's 待召开.
func TestPlannedMeetingsNotCounted(t *testing.T) {
	w := newWorld(t, app.D(2026, time.November, 2), nil)
	w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 10, 15)))
	w.saveMeeting(planned(app.MeetingOnSite, app.D(2026, 11, 20)))
	w.saveMeeting(planned(app.MeetingBank, app.D(2026, 12, 18)))
	c := w.saveMeeting(planned(app.MeetingRoundtable, app.D(2026, 11, 3)))
	if _, err := w.svc.CancelMeeting(w.ctx, c.ID, "改期"); err != nil {
		t.Fatal(err)
	}
	// By the end of November, with the plans' days past and none held.
	w.setToday(app.D(2026, 12, 25))
	all, err := w.svc.Meetings(w.ctx, app.MeetingFilter{})
	if err != nil || len(all) != 4 {
		t.Fatalf("meetings %d, %v", len(all), err)
	}
	cal := app.MeetingCalendar(2026, all, w.svc.Today(), app.Date{})
	if p := cal[app.MeetingOnSite][10]; p.State != app.PeriodMissing || p.Held != 0 || len(p.Planned) != 1 {
		t.Errorf("calendar, November: %s held %d planned %d", p.State, p.Held, len(p.Planned))
	}
	if p := cal[app.MeetingOnSite][9]; p.State != app.PeriodHeld || p.Held != 1 {
		t.Errorf("calendar, October: %s held %d", p.State, p.Held)
	}
	if p := cal[app.MeetingRoundtable][3]; p.State != app.PeriodDue || len(p.Planned) != 0 {
		t.Errorf("calendar, 第四季度 恳谈会 (cancelled): %s planned %d", p.State, len(p.Planned))
	}
	n, err := w.svc.Notice(w.ctx, app.NoticePeriod{Year: 2026, Quarter: 4})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, r := range n.Rows {
		if r.Office != haigangOffice.Code {
			continue
		}
		rows++
		// October held; November missing; December and the quarters
		// not over yet.
		if r.MeetingsHeld != [3]int{0, 1, 0} || r.MeetingsRequired != [3]int{0, 2, 0} {
			t.Errorf("notice: held %v of %v, want [0 1 0] of [0 2 0]", r.MeetingsHeld, r.MeetingsRequired)
		}
	}
	if rows != 1 {
		t.Errorf("notice: %d rows of 海港区", rows)
	}
	a, err := w.svc.Assessment(w.ctx, haigangOffice.Code, 2026)
	if err != nil {
		t.Fatal(err)
	}
	figure := ""
	for _, r := range a.Rows {
		if r.Code == app.IndMeetings {
			figure = r.Figure
		}
	}
	if figure != "应召开17期，已召开1期（企业家恳谈会0/3、企业现场办公会1/11、银企对接会0/3），5.9%" {
		t.Errorf("assessment: %q", figure)
	}
	s, err := w.st.Stats(w.ctx, w.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	if s.MeetingsPlanned != 2 || s.MeetingsOnsite != 1 || s.MeetingsRoundtable != 0 || s.MeetingsBank != 0 {
		t.Errorf("stats: planned %d, on-site %d, round table %d, bank %d", s.MeetingsPlanned, s.MeetingsOnsite, s.MeetingsRoundtable, s.MeetingsBank)
	}
	// Held in December, the on-site meeting is the year's 2nd.
	h := w.saveMeeting(meeting(app.MeetingOnSite, app.D(2026, 12, 3)))
	if h.Seq != 2 {
		t.Errorf("held after plans: seq %d, want 2", h.Seq)
	}

	// The 工作台 on 1 December: the bank meeting is planned in its
	// quarter, still to hold.
	w.setToday(app.D(2026, 12, 1))
	d, err := w.svc.Dashboard(w.ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range d.Meetings {
		if p.State == app.PeriodDue {
			got = append(got, fmt.Sprintf("%s %s", p.Kind, p.PlanText()))
		}
	}
	want := []string{"企业家恳谈会 ", "银企对接会 已计划 12月18日 在区政府第三会议室召开"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("工作台 on 1 December:\n got  %q\n want %q", got, want)
	}
}
