package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// plannedParts are the parts of the 会议 form for a meeting planned ahead
// (计划): its invitees, picked from the office's leaders, departments,
// enterprises and banks; the 召开 action that marks its attendance from
// them; the 取消会议 action with its reason.
type plannedParts struct {
	invitees *lines[app.Attendee]
	reason   *widget.Entry
	save     *widget.Button
	hold     *widget.Button
	cancel   *widget.Button
	choices  map[string][]string // invitee names offered by kind, read when a plan is shown
}

func (s *meetingsScreen) newPlanParts() {
	s.plan.invitees = newLines("添加邀请对象", s.inviteeRow)
	s.plan.reason = widget.NewEntry()
	s.plan.reason.SetPlaceHolder("取消会议时填写")
	s.plan.hold = widget.NewButton("召开", s.holdPlanned)
	s.plan.hold.Importance = widget.HighImportance
	s.plan.cancel = widget.NewButton("取消会议", s.cancelPlanned)
}

// inviteeRow is one invitee line: kind, then the name picked from that
// kind's choices or typed (a bank, a unit not in the directory).
func (s *meetingsScreen) inviteeRow(a app.Attendee) (fyne.CanvasObject, func(*app.Invalid, int) app.Attendee) {
	name := widget.NewSelectEntry(nil)
	name.SetPlaceHolder("选择或填写姓名、单位")
	kind := newSelect(app.AttendeeKinds, func(k string) { name.SetOptions(s.plan.choices[k]) })
	kind.SetSelected(orDefault(a.Kind, "部门"))
	name.SetText(a.Name)
	get := func(*app.Invalid, int) app.Attendee {
		return app.Attendee{Kind: kind.Selected, Name: name.Text}
	}
	return container.NewBorder(nil, nil, kind, nil, name), get
}

// loadChoices reads the names an invitee may be picked from: the office's
// leaders (post and name), departments, enterprises and the banks.
func (s *meetingsScreen) loadChoices() {
	c := map[string][]string{"部门": s.u.departmentChoices(), "银行": app.Banks}
	c["企业"], _ = s.u.enterpriseChoices()
	list, err := s.u.svc.Leaders(s.u.ctx, app.LeaderFilter{Office: s.u.ownOffice()})
	if err != nil {
		s.u.notify(app.Message(err))
	}
	for _, l := range list {
		c["领导"] = append(c["领导"], l.Post+l.Name)
	}
	s.plan.choices = c
}

// newPlan starts a meeting planned ahead, today or later.
func (s *meetingsScreen) newPlan() {
	s.tabs.SelectIndex(0)
	kind := app.MeetingBank
	if s.kindF.Selected != allKinds {
		kind = app.MeetingKind(s.kindF.Selected)
	}
	s.edit(app.Meeting{State: app.MeetingPlanned, Kind: kind, Date: s.u.svc.Today()})
	s.u.win.Canvas().Focus(s.date)
}

// showPlan shows the parts of the form m's state calls for: invitees and
// the 召开 and 取消 actions for a plan, the reason of a cancelled one,
// attendance, minutes, decisions and problems for a meeting held.
func (s *meetingsScreen) showPlan(m app.Meeting) {
	held := m.Held()
	if !held && s.plan.choices == nil {
		s.loadChoices()
	}
	for _, f := range []string{"Attendees", "Minutes", "Decisions"} {
		s.form.showField(f, held)
	}
	s.form.showField("Invitees", !held)
	s.form.showField("CancelReason", !held && m.ID != "")
	s.plan.invitees.set(m.Invitees)
	s.plan.reason.SetText(m.CancelReason)
	s.form.setLabel("Date", "会议日期")
	showIf(held, s.raisedBx, s.problems.root)
	showIf(m.ID != "" && held, s.printBtn, s.wordBtn)
	showIf(m.State != app.MeetingCancelled, s.plan.save)
	showIf(m.ID != "" && m.State == app.MeetingPlanned, s.plan.hold, s.plan.cancel)
	showIf(m.ID != "" && m.State != app.MeetingCancelled, s.signBtn)
	s.plan.reason.Enable()
	switch {
	case m.State == app.MeetingCancelled:
		s.heading.SetText(fmt.Sprintf("%s（已取消：%s）", m.Kind, m.CancelReason))
		s.plan.reason.Disable()
	case !held:
		s.form.setLabel("Date", "计划日期")
		s.heading.SetText("计划会议")
		if m.ID != "" {
			s.heading.SetText(fmt.Sprintf("%s：计划%s召开", m.Kind, m.Date.Chinese()))
		}
	case m.Seq == 0 && m.ID != "":
		s.heading.SetText("登记召开情况：" + string(m.Kind))
	}
}

// showIf shows objs when show is true, hides them otherwise.
func showIf(show bool, objs ...fyne.CanvasObject) {
	for _, o := range objs {
		if show {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// savePlan saves planned meeting m as the form shows it, v holding what
// the form could not read.
func (s *meetingsScreen) savePlan(m app.Meeting, v *app.Invalid) {
	m.Invitees = s.plan.invitees.values(v)
	s.form.show(v.Err())
	if v.Err() != nil {
		return
	}
	if err := s.u.svc.SaveMeeting(s.u.ctx, &m, nil); err != nil {
		s.form.show(err)
		return
	}
	fields := []printField{{"会议地点", m.Place}, {"会议议题", m.Agenda}}
	for _, a := range m.Invitees {
		fields = append(fields, printField{"邀请对象", a.Name})
	}
	s.u.saved(fmt.Sprintf("已计划%s于%s在%s召开，邀请 %d 个", m.Kind, m.Date.Chinese(), m.Place, len(m.Invitees)), fields...)
	s.reload()
	s.edit(m)
}

// holdPlanned turns the form to the planned meeting held: its date, its
// attendance marked from the invitees (each present until switched to
// 列席 or 请假), the chair, minutes and decisions to fill; saving it
// gives it its number.
func (s *meetingsScreen) holdPlanned() {
	m, err := s.u.svc.Meeting(s.u.ctx, s.cur.ID)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.edit(app.HoldPlanned(m, s.u.svc.Today()))
	s.u.win.Canvas().Focus(s.chair)
}

// cancelPlanned cancels the planned meeting with the reason the form
// shows, which is required.
func (s *meetingsScreen) cancelPlanned() {
	m, err := s.u.svc.CancelMeeting(s.u.ctx, s.cur.ID, s.plan.reason.Text)
	if err != nil {
		s.form.show(err)
		return
	}
	s.u.notify(fmt.Sprintf("已取消%s（原计划%s）", m.Kind, m.Date.Chinese()))
	s.reload()
	s.edit(m)
}
