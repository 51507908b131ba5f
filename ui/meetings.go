package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
)

// allKinds is the kind filter that selects every kind of meeting.
const allKinds = "全部会议"

// meetingsScreen (会议) records the three kinds of meeting the notice
// requires, with attendees, minutes, decisions and the problems raised at
// them, and shows the year's calendar of required meetings.
type meetingsScreen struct {
	u      *UI
	more   *recordExtras // attachments and history
	list   []app.Meeting
	kindF  *widget.Select
	search *widget.Entry
	table  *recordTable
	count  *widget.Label
	cal    *calendarView
	tabs   *tabs

	cur        app.Meeting
	heading    *widget.Label
	form       *fieldForm
	kind       *widget.Select
	format     *widget.Select
	date       *widget.Entry
	place      *widget.Entry
	enterprise *picker
	chair      *widget.Entry
	attendees  *lines[app.Attendee]
	agenda     *textArea
	minutes    *textArea
	decisions  *lines[app.Decision]
	raisedBx   *fyne.Container
	problems   *problemList
	del        *widget.Button
	printBtn   *widget.Button
	wordBtn    *widget.Button
	signBtn    *widget.Button // prints the 签到表
	root       fyne.CanvasObject

	plan plannedParts // a meeting planned ahead (meeting_plan.go)
}

func newMeetingsScreen(u *UI) *meetingsScreen {
	s := &meetingsScreen{u: u, count: widget.NewLabel("")}
	kinds := []string{allKinds}
	for _, k := range app.MeetingKinds {
		kinds = append(kinds, string(k))
	}
	s.kindF = newFilter(kinds, func(string) { s.reload() })
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按地点、主持人、议题或纪要查找（Ctrl+F）")
	s.search.OnChanged = func(string) { s.reload() }
	s.table = newRecordTable(
		[]column{{"会议", 210}, {"日期", 95}, {"形式", 80}, {"地点", 170}, {"主持人", 80}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			m := &s.list[r]
			return [...]string{m.Title(), m.Date.String(), m.Format, m.Place, m.Chair}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) })

	s.heading = sectionTitle("")
	s.kind = newSelect(kinds[1:], func(k string) { s.kindChanged(app.MeetingKind(k)) })
	s.format = newSelect(nil, nil)
	s.date = newDateEntry(app.Date{})
	s.place = widget.NewEntry()
	s.enterprise = newPicker("现场办公会所在企业（可不填）")
	s.chair = widget.NewEntry()
	s.chair.SetPlaceHolder("例如 副区长张建国")
	s.attendees = newLines("添加参会人员", attendeeRow)
	s.agenda = newTextArea()
	s.agenda.SetMinRowsVisible(2)
	s.agenda.Wrapping = fyne.TextWrapWord
	s.minutes = newTextArea()
	s.minutes.SetMinRowsVisible(5)
	s.minutes.Wrapping = fyne.TextWrapWord
	s.decisions = newLines("添加议定事项", decisionRow)
	s.newPlanParts()
	s.form = newFieldForm(s.save)
	s.form.add("Kind", "会议类型", s.kind)
	s.form.add("Format", "会议形式", s.format)
	s.form.add("Date", "会议日期", s.date)
	s.form.add("Place", "会议地点", s.place)
	s.form.add("EnterpriseID", "所在企业", s.enterprise)
	s.form.add("Chair", "主持人", s.chair)
	s.form.add("Invitees", "邀请对象", s.plan.invitees.root)
	s.form.add("Attendees", "参会人员", s.attendees.root)
	s.form.add("Agenda", "会议议题", s.agenda)
	s.form.add("Minutes", "会议纪要", s.minutes)
	s.form.add("Decisions", "议定事项", s.decisions.root)
	s.form.add("CancelReason", "取消原因", s.plan.reason)
	s.raisedBx = container.NewVBox()
	s.problems = newProblemList(u, "会上企业反映的问题（保存时一并进入问题台账）", problemAsks{enterprise: true}, s.save)
	save := widget.NewButton("保存会议", s.save)
	save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	s.printBtn = widget.NewButton("打印纪要", s.printMinutes)
	s.wordBtn = widget.NewButton("导出Word", s.wordMinutes)
	s.signBtn = widget.NewButton("打印签到表", func() {
		s.u.printFilled(s.cur.Title()+"签到表", print.FormSignIn, s.cur.ID)
	})
	s.more = newRecordExtras(u, app.TableMeetings)
	s.plan.save = save
	right := formPane(s.heading, container.NewVBox(s.form.object(), s.raisedBx, s.problems.root, s.more.root),
		save, s.plan.hold, s.plan.cancel, s.printBtn, s.wordBtn, s.signBtn, s.del, s.more.histBtn)

	newBtn := widget.NewButton("登记会议", s.newRecord)
	planBtn := widget.NewButton("计划会议", s.newPlan)
	left := container.NewBorder(container.NewVBox(s.search,
		buttonBar(s.kindF, newBtn, planBtn, u.importButton(xlsx.KindMeetings), u.exportButton(xlsx.ExportMeetings, u.viewOptions))), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, right)
	split.Offset = 0.48
	s.cal = newCalendarView(u)
	s.tabs = newTabs(
		container.NewTabItem("会议记录", split),
		container.NewTabItem("年度会议日历", s.cal.root))
	s.tabs.OnSelected = func(*container.TabItem) { s.cal.reload() }
	s.root = s.tabs
	s.edit(app.Meeting{Kind: app.MeetingOnSite})
	return s
}

// attendeeRow is one attendee line: group, kind and name.
func attendeeRow(a app.Attendee) (fyne.CanvasObject, func(*app.Invalid, int) app.Attendee) {
	group := newSelect(app.AttendanceGroups, nil)
	group.SetSelected(orDefault(a.Group, app.Present))
	kind := newSelect(app.AttendeeKinds, nil)
	kind.SetSelected(orDefault(a.Kind, "部门"))
	name := widget.NewEntry()
	name.SetPlaceHolder("姓名或单位")
	name.SetText(a.Name)
	get := func(*app.Invalid, int) app.Attendee {
		return app.Attendee{Group: group.Selected, Kind: kind.Selected, Name: name.Text}
	}
	return container.NewBorder(nil, nil, container.NewHBox(group, kind), nil, name), get
}

// decisionRow is one decision line: what, who and by when.
func decisionRow(d app.Decision) (fyne.CanvasObject, func(*app.Invalid, int) app.Decision) {
	text := widget.NewEntry()
	text.SetPlaceHolder("议定内容")
	text.SetText(d.Text)
	unit := widget.NewEntry()
	unit.SetPlaceHolder("责任单位")
	unit.SetText(d.Unit)
	deadline := newDateEntry(d.Deadline)
	deadline.SetPlaceHolder("完成时限")
	if d.ProblemID != "" {
		// Followed up in the ledger: its unit and deadline change there
		// (app.TrackDecisions).
		unit.Disable()
		deadline.Disable()
	}
	get := func(v *app.Invalid, i int) app.Decision {
		dd := app.Decision{Text: text.Text, Unit: unit.Text, ProblemID: d.ProblemID}
		dd.Deadline = parseDateField(v, fmt.Sprintf("Decisions.%d", i), deadline)
		return dd
	}
	fixed := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(fixed(unit, 150), fixed(deadline, 120)), text), get
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s *meetingsScreen) view() fyne.CanvasObject { return s.root }

func (s *meetingsScreen) reload() {
	f := app.MeetingFilter{Office: s.u.ownOffice(), Query: strings.TrimSpace(s.search.Text)}
	if s.kindF.Selected != allKinds {
		f.Kind = app.MeetingKind(s.kindF.Selected)
	}
	list, err := s.u.svc.Meetings(s.u.ctx, f)
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.count.SetText(fmt.Sprintf("共 %d 次会议", len(list)))
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Meeting{Kind: app.MeetingOnSite}) })
	names, ids := s.u.enterpriseChoices()
	s.enterprise.setChoices(names, ids)
	s.cal.reload()
}

// release lets go of the meetings when the tab is left.
func (s *meetingsScreen) release() {
	s.list = nil
	s.table.Refresh()
}

func (s *meetingsScreen) focusSearch() { s.u.win.Canvas().Focus(s.search) }

func (s *meetingsScreen) newRecord() {
	s.tabs.SelectIndex(0)
	kind := app.MeetingOnSite
	if s.kindF.Selected != allKinds {
		kind = app.MeetingKind(s.kindF.Selected)
	}
	s.edit(app.Meeting{Kind: kind, Date: s.u.svc.Today()})
	s.u.win.Canvas().Focus(s.place)
}

// kindChanged offers the formats of kind k.
func (s *meetingsScreen) kindChanged(k app.MeetingKind) {
	s.format.SetOptions(k.Formats())
	if !contains(k.Formats(), s.format.Selected) {
		s.format.SetSelected(k.Formats()[0])
	}
	s.form.showField("EnterpriseID", k == app.MeetingOnSite)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *meetingsScreen) extras() *recordExtras { return s.more }

func (s *meetingsScreen) edit(m app.Meeting) {
	s.cur = m
	s.more.set(m.ID, m.Office)
	s.form.clear()
	if m.ID == "" {
		s.heading.SetText("登记会议")
		s.del.Hide()
		s.printBtn.Hide()
		s.wordBtn.Hide()
		s.signBtn.Hide()
	} else {
		s.heading.SetText(m.Title())
		s.del.Show()
		s.printBtn.Show()
		s.wordBtn.Show()
		s.signBtn.Show()
	}
	s.kind.SetSelected(string(m.Kind))
	s.kindChanged(m.Kind)
	if m.Format != "" {
		s.format.SetSelected(m.Format)
	}
	s.date.SetText(m.Date.String())
	s.place.SetText(m.Place)
	s.enterprise.choose(m.EnterpriseID)
	s.chair.SetText(m.Chair)
	s.attendees.set(m.Attendees)
	s.agenda.SetText(m.Agenda)
	s.minutes.SetText(m.Minutes)
	s.decisions.set(m.Decisions)
	s.problems.clear()
	s.u.showRaised(s.raisedBx, "本次会议已登记的问题", m.ID)
	s.showPlan(m)
}

func (s *meetingsScreen) save() {
	m := s.cur
	var v app.Invalid
	m.Kind, m.Format = app.MeetingKind(s.kind.Selected), s.format.Selected
	m.Date = parseDateField(&v, "Date", s.date)
	m.Place, m.Chair, m.Agenda, m.Minutes = s.place.Text, s.chair.Text, s.agenda.Text, s.minutes.Text
	m.EnterpriseID = ""
	if m.Kind == app.MeetingOnSite {
		m.EnterpriseID = s.enterprise.id()
		if m.EnterpriseID == "" && strings.TrimSpace(s.enterprise.Text()) != "" {
			v.Add("EnterpriseID", "没有名为“"+s.enterprise.Text()+"”的重点企业：请从下拉列表中选择，或留空")
		}
	}
	if !m.Held() {
		s.savePlan(m, &v)
		return
	}
	m.Attendees = s.attendees.values(&v)
	m.Decisions = s.decisions.values(&v)
	s.form.show(v.Err())
	nps, ok := s.problems.values(m.Date)
	if !ok || v.Err() != nil {
		return
	}
	if err := s.u.svc.SaveMeeting(s.u.ctx, &m, nps); err != nil {
		if !s.problems.showError(err) {
			s.form.show(err)
		}
		return
	}
	s.u.saved(fmt.Sprintf("已保存%s，登记问题 %d 个", m.Title(), len(nps)), append(meetingFields(m), problemFields(nps)...)...)
	s.reload()
	s.edit(m)
}

func (s *meetingsScreen) remove() {
	m := s.cur
	dialog.ShowConfirm("删除会议", "确定删除“"+m.Title()+"”吗？会上登记的问题仍保留在问题台账中。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableMeetings, m.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}

// printMinutes prints the minutes of the meeting as saved (not as the
// form shows it while being edited).
func (s *meetingsScreen) printMinutes() {
	m, is, enterprise, ok := s.savedMinutes()
	if !ok {
		return
	}
	s.u.printDoc(m.Title()+"纪要", func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.MinutesBy(fs, m, is, enterprise, at)
	})
}

// wordMinutes writes the minutes of the meeting as saved as a Word
// document, for the office to edit before 签发.
func (s *meetingsScreen) wordMinutes() {
	m, is, enterprise, ok := s.savedMinutes()
	if !ok {
		return
	}
	s.u.writeWord(m.Title()+"纪要", func(at time.Time) (*print.Word, error) {
		return print.MinutesWord(m, is, enterprise, at)
	})
}

// savedMinutes is the meeting shown as saved, the body that issues its
// minutes and the enterprise it was held at; ok is false when no meeting
// is shown or it could not be read (the user has been told).
func (s *meetingsScreen) savedMinutes() (m app.Meeting, is app.Issuer, enterprise string, ok bool) {
	if s.cur.ID == "" {
		return m, is, "", false
	}
	m, err := s.u.svc.Meeting(s.u.ctx, s.cur.ID)
	if err != nil {
		s.u.showError(err)
		return m, is, "", false
	}
	if m.EnterpriseID != "" {
		if e, err := s.u.svc.Enterprise(s.u.ctx, m.EnterpriseID); err == nil {
			enterprise = e.Name
		}
	}
	st, err := s.u.svc.Settings(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return m, is, "", false
	}
	is = st.Issuer(s.u.office)
	if m.Office != s.u.office.Code { // another office's meeting, issued by that office
		is = app.DefaultSettings().Issuer(app.Office{Code: m.Office, Name: app.OfficeName(m.Office), Role: app.RoleCounty})
	}
	return m, is, enterprise, true
}
