package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

// A meeting planned from the 会议 screen with invitees shows on the 工作台
// next to its period; 召开 fills the attendance from the invitees, one
// switched to 请假, and saving gives it its number; a second plan,
// refused in the past, is cancelled only with a reason.
func TestPlanHoldAndCancelMeeting(t *testing.T) {
	u, st := newTestUI(t) // today 27 November 2026
	s := u.meetings
	u.selectTab(s)
	s.newPlan()
	if s.heading.Text != "计划会议" || s.form.cells["Attendees"].Visible() || !s.form.cells["Invitees"].Visible() || s.problems.root.Visible() {
		t.Fatalf("plan form: heading %q, attendees shown %v", s.heading.Text, s.form.cells["Attendees"].Visible())
	}
	s.kind.SetSelected(string(app.MeetingBank))
	s.date.SetText("2026-12-18")
	s.place.SetText("区政府三楼会议室")
	if bank := s.plan.choices["银行"]; len(bank) == 0 {
		t.Error("no banks offered to invite")
	}
	s.plan.invitees.add(app.Attendee{Kind: "领导", Name: "副区长张建国"})
	s.plan.invitees.add(app.Attendee{Kind: "银行", Name: "中国银行秦皇岛分行"})
	s.save()
	list, _ := st.Meetings(u.ctx, app.MeetingFilter{})
	if len(list) != 1 || list[0].State != app.MeetingPlanned || list[0].Seq != 0 || len(list[0].Invitees) != 2 {
		t.Fatalf("planned: %+v; form: %s", list, s.form.general.Text)
	}
	if !s.plan.hold.Visible() || !s.plan.cancel.Visible() || !s.signBtn.Visible() || s.printBtn.Visible() {
		t.Error("a planned meeting shows no 召开, 取消 or 签到表, or offers minutes")
	}
	u.dash.reload()
	if got, want := u.dash.lists[5].text(2), "2026年第四季度 银企对接会：已计划 12月18日 在区政府三楼会议室召开，本季度还剩 35 天"; got != want {
		t.Errorf("工作台: %q, want %q", got, want)
	}

	// 召开 (held early, today): attendance from the invitees.
	test.Tap(s.plan.hold)
	if !s.form.cells["Attendees"].Visible() || s.form.cells["Invitees"].Visible() || len(s.attendees.rows) != 2 || s.date.Text != "2026-11-27" {
		t.Fatalf("hold form: %d attendee rows, date %s", len(s.attendees.rows), s.date.Text)
	}
	as := s.attendees.values(&app.Invalid{})
	as[1].Group = app.Absent
	s.attendees.set(as)
	s.chair.SetText("副区长张建国")
	s.save()
	m, err := st.Meeting(u.ctx, list[0].ID)
	if err != nil || m.State != "" || m.Seq != 1 || len(m.Attendees) != 2 || m.Attendees[1].Group != app.Absent || m.Attendees[0].Group != app.Present {
		t.Fatalf("held: %+v, %v; form: %s", m, err, s.form.general.Text)
	}

	// A plan in the past is refused on the form, nothing saved.
	s.newPlan()
	s.kind.SetSelected(string(app.MeetingRoundtable))
	s.date.SetText("2026-11-26")
	s.place.SetText("企业会议室")
	s.save()
	if msg := s.form.errorText("Date"); msg != "计划召开日期不能早于今天：已开过的会议请直接登记" {
		t.Errorf("a plan in the past: %q", msg)
	}
	if l, _ := st.Meetings(u.ctx, app.MeetingFilter{}); len(l) != 1 {
		t.Fatalf("refused, yet %d meetings", len(l))
	}
	s.date.SetText("2026-12-02")
	s.save()
	p := s.cur
	if p.ID == "" || p.State != app.MeetingPlanned {
		t.Fatalf("second plan not saved: %s", s.form.general.Text)
	}
	test.Tap(s.plan.cancel)
	if msg := s.form.errorText("CancelReason"); msg != "请填写取消原因" {
		t.Errorf("cancelled without a reason: %q", msg)
	}
	if got, _ := st.Meeting(u.ctx, p.ID); got.State != app.MeetingPlanned {
		t.Fatalf("refused, yet %q", got.State)
	}
	s.plan.reason.SetText("企业负责人外出")
	test.Tap(s.plan.cancel)
	got, _ := st.Meeting(u.ctx, p.ID)
	if got.State != app.MeetingCancelled || got.CancelReason != "企业负责人外出" {
		t.Errorf("cancelled: %q %q", got.State, got.CancelReason)
	}
	if s.plan.save.Visible() || s.plan.hold.Visible() || s.heading.Text != "企业家恳谈会（已取消：企业负责人外出）" {
		t.Errorf("a cancelled meeting: save shown %v, hold shown %v, heading %q", s.plan.save.Visible(), s.plan.hold.Visible(), s.heading.Text)
	}
}
