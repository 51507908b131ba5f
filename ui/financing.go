package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// Filter choices that select every bank or status.
const (
	allBanks     = "全部银行"
	allNeedState = "全部结果"
)

// financingScreen (融资对接) gathers enterprises' financing needs for the
// 银企对接会, records which bank each is recommended to and the bank's
// answer, and sums them per bank and per meeting.
type financingScreen struct {
	u        *UI
	more     *recordExtras // attachments and history
	list     []app.FinancingNeed
	meetings []app.Meeting // bank matchmaking meetings, newest first
	bankF    *widget.Select
	statusF  *widget.Select
	table    *recordTable
	count    *widget.Label
	byBank   []app.BankTotal
	byMeet   []meetingTotal
	tabs     *tabs

	cur        app.FinancingNeed
	heading    *widget.Label
	form       *fieldForm
	date       *widget.Entry
	enterprise *picker
	meeting    *widget.Select
	amount     *widget.Entry
	use        *widget.Entry
	term       *widget.Entry
	collateral *widget.Entry
	bank       *widget.SelectEntry
	status     *widget.RadioGroup
	credit     *widget.Entry
	lent       *widget.Entry
	lentOn     *widget.Entry
	reason     *widget.Entry
	del        *widget.Button
	root       fyne.CanvasObject
}

// meetingTotal sums the needs of one matchmaking meeting.
type meetingTotal struct {
	title string
	app.BankTotal
}

// noMeeting is the meeting choice of a need gathered outside a meeting.
const noMeeting = "（不属于某次对接会）"

func newFinancingScreen(u *UI) *financingScreen {
	s := &financingScreen{u: u, count: widget.NewLabel("")}
	s.bankF = newFilter(append([]string{allBanks}, app.Banks...), func(string) { s.reload() })
	s.statusF = newFilter(append([]string{allNeedState}, app.NeedStatuses...), func(string) { s.reload() })
	s.table = newRecordTable(
		[]column{{"登记日期", 95}, {"结果", 80}, {"企业", 165}, {"需求(万元)", 90}, {"推荐银行", 150}, {"授信(万元)", 85}, {"放款(万元)", 85}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			n := &s.list[r]
			return [...]string{n.Date.String(), n.Status, n.EnterpriseName, n.Amount.Wan(), n.Bank, wanOrEmpty(n.Credit), wanOrEmpty(n.Lent)}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) }).keep(0, 1)

	s.heading = sectionTitle("")
	s.newForm()
	save := widget.NewButton("保存", s.save)
	save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	s.more = newRecordExtras(u, app.TableFinancing)
	right := formPane(s.heading, container.NewVBox(s.form.object(), s.more.root), save, s.del, s.more.histBtn)

	newBtn := widget.NewButton("登记融资需求", s.newRecord)
	left := container.NewBorder(buttonBar(s.bankF, s.statusF, newBtn, u.exportButton(xlsx.ExportFinancing, u.viewOptions)), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, right)
	split.Offset = 0.58

	totals := s.totalsView()
	s.tabs = newTabs(container.NewTabItem("融资需求", split), container.NewTabItem("汇总", totals))
	s.root = s.tabs
	s.edit(app.FinancingNeed{})
	return s
}

// newForm makes the fields of a financing need's form.
func (s *financingScreen) newForm() {
	s.date = newDateEntry(app.Date{})
	s.enterprise = newPicker("输入企业名称的一部分")
	s.meeting = newSelect([]string{noMeeting}, nil)
	s.amount = widget.NewEntry()
	s.amount.SetPlaceHolder("万元，例如 800")
	s.use = widget.NewEntry()
	s.use.SetPlaceHolder("例如 购买原材料、设备更新")
	s.term = widget.NewEntry()
	s.term.SetPlaceHolder("月")
	s.collateral = widget.NewEntry()
	s.collateral.SetPlaceHolder("例如 厂房抵押、担保公司担保")
	s.bank = widget.NewSelectEntry(app.Banks)
	s.bank.SetPlaceHolder("从列表选择，或填写银行名称")
	s.status = widget.NewRadioGroup(app.NeedStatuses, func(string) { s.showStatus() })
	s.credit = widget.NewEntry()
	s.credit.SetPlaceHolder("万元")
	s.lent = widget.NewEntry()
	s.lent.SetPlaceHolder("万元")
	s.lentOn = newDateEntry(app.Date{})
	s.reason = widget.NewEntry()
	s.form = newFieldForm(s.save)
	s.form.add("Date", "登记日期", s.date)
	s.form.add("EnterpriseID", "企业", s.enterprise)
	s.form.add("MeetingID", "银企对接会", s.meeting)
	s.form.add("Amount", "融资金额（万元）", s.amount)
	s.form.add("Use", "资金用途", s.use)
	s.form.add("TermMonths", "期限（月）", s.term)
	s.form.add("Collateral", "担保方式", s.collateral)
	s.form.add("Bank", "推荐银行", s.bank)
	s.form.add("Status", "对接结果", s.status)
	s.form.add("Credit", "授信额度（万元）", s.credit)
	s.form.add("Lent", "放款金额（万元）", s.lent)
	s.form.add("LentOn", "放款日期", s.lentOn)
	s.form.add("Reason", "未获批准原因", s.reason)
}

// totalsView is the 汇总 tab: the needs summed by bank and by meeting.
func (s *financingScreen) totalsView() fyne.CanvasObject {
	bankTable := newRecordTable(
		[]column{{"银行", 170}, {"需求笔数", 85}, {"需求(万元)", 95}, {"授信(万元)", 95}, {"放款(万元)", 95}, {"未获批准", 85}},
		func() int { return len(s.byBank) },
		func(r, c int) (string, widget.Importance) {
			return totalCells(s.byBank[r].Bank, s.byBank[r])[c], widget.MediumImportance
		},
		nil)
	meetTable := newRecordTable(
		[]column{{"银企对接会", 200}, {"需求笔数", 85}, {"需求(万元)", 95}, {"授信(万元)", 95}, {"放款(万元)", 95}, {"未获批准", 85}},
		func() int { return len(s.byMeet) },
		func(r, c int) (string, widget.Importance) {
			return totalCells(s.byMeet[r].title, s.byMeet[r].BankTotal)[c], widget.MediumImportance
		},
		nil)
	return container.NewGridWithRows(2,
		container.NewBorder(sectionTitle("按银行汇总"), nil, nil, nil, bankTable),
		container.NewBorder(sectionTitle("按对接会汇总"), nil, nil, nil, meetTable))
}

// totalCells are the cells of a totals row named name.
func totalCells(name string, t app.BankTotal) [6]string {
	return [6]string{name, fmt.Sprint(t.Needs), t.Amount.Wan(), t.Credit.Wan(), t.Lent.Wan(), fmt.Sprint(t.Refused)}
}

// wanOrEmpty is the amount in 万元, or nothing for zero.
func wanOrEmpty(y app.Yuan) string {
	if y == 0 {
		return ""
	}
	return y.Wan()
}

func (s *financingScreen) view() fyne.CanvasObject { return s.root }

func (s *financingScreen) reload() {
	f := app.FinancingFilter{Office: s.u.ownOffice()}
	if s.bankF.Selected != allBanks {
		f.Bank = s.bankF.Selected
	}
	if s.statusF.Selected != allNeedState {
		f.Status = s.statusF.Selected
	}
	list, err := s.u.svc.FinancingNeeds(s.u.ctx, f)
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	t := app.TotalOf(list)
	s.count.SetText(fmt.Sprintf("共 %d 笔，需求 %s，授信 %s，放款 %s", t.Needs, t.Amount, t.Credit, t.Lent))
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.FinancingNeed{}) })

	all, err := s.u.svc.FinancingNeeds(s.u.ctx, app.FinancingFilter{Office: s.u.ownOffice()})
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.byBank = app.TotalsByBank(all)
	meetings, err := s.u.svc.Meetings(s.u.ctx, app.MeetingFilter{Office: s.u.viewOffice(), Kind: app.MeetingBank, HeldOnly: true})
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.meetings = meetings
	s.byMeet = nil
	for _, m := range meetings {
		var of []app.FinancingNeed
		for _, n := range all {
			if n.MeetingID == m.ID {
				of = append(of, n)
			}
		}
		if len(of) > 0 {
			s.byMeet = append(s.byMeet, meetingTotal{m.Title(), app.TotalOf(of)})
		}
	}
	names := []string{noMeeting}
	for _, m := range meetings {
		names = append(names, meetingChoice(m))
	}
	s.meeting.SetOptions(names)
	names, ids := s.u.enterpriseChoices()
	s.enterprise.setChoices(names, ids)
}

// meetingChoice names a meeting in the meeting select.
func meetingChoice(m app.Meeting) string { return m.Title() + "（" + m.Date.String() + "）" }

func (s *financingScreen) newRecord() {
	s.tabs.SelectIndex(0)
	n := app.FinancingNeed{Date: s.u.svc.Today(), Status: app.NeedOpen}
	if len(s.meetings) > 0 {
		n.MeetingID = s.meetings[0].ID
	}
	s.edit(n)
	s.u.win.Canvas().Focus(s.enterprise.entry)
}

func (s *financingScreen) extras() *recordExtras { return s.more }

func (s *financingScreen) edit(n app.FinancingNeed) {
	s.cur = n
	s.more.set(n.ID, n.Office)
	s.form.clear()
	if n.ID == "" {
		s.heading.SetText("登记融资需求")
		s.del.Hide()
	} else {
		s.heading.SetText("融资需求：" + n.EnterpriseName)
		s.del.Show()
	}
	s.date.SetText(n.Date.String())
	s.enterprise.choose(n.EnterpriseID)
	s.meeting.SetSelected(noMeeting)
	for _, m := range s.meetings {
		if m.ID == n.MeetingID {
			s.meeting.SetSelected(meetingChoice(m))
		}
	}
	s.amount.SetText(wanOrEmpty(n.Amount))
	s.use.SetText(n.Use)
	s.term.SetText("")
	if n.TermMonths > 0 {
		s.term.SetText(fmt.Sprint(n.TermMonths))
	}
	s.collateral.SetText(n.Collateral)
	s.bank.SetText(n.Bank)
	s.status.SetSelected(orDefault(n.Status, app.NeedOpen))
	s.credit.SetText(wanOrEmpty(n.Credit))
	s.lent.SetText(wanOrEmpty(n.Lent))
	s.lentOn.SetText(n.LentOn.String())
	s.reason.SetText(n.Reason)
	s.showStatus()
}

// showStatus shows the answer fields the chosen result needs.
func (s *financingScreen) showStatus() {
	st := s.status.Selected
	s.form.showField("Credit", st == app.NeedCredit || st == app.NeedLent)
	s.form.showField("Lent", st == app.NeedLent)
	s.form.showField("LentOn", st == app.NeedLent)
	s.form.showField("Reason", st == app.NeedRefused)
}

func (s *financingScreen) save() {
	n := s.cur
	var v app.Invalid
	n.Date = parseDateField(&v, "Date", s.date)
	n.EnterpriseID = s.enterprise.id()
	if n.EnterpriseID == "" && s.enterprise.Text() != "" {
		v.Add("EnterpriseID", "没有名为“"+s.enterprise.Text()+"”的重点企业：请从下拉列表中选择")
	}
	n.MeetingID = ""
	for _, m := range s.meetings {
		if meetingChoice(m) == s.meeting.Selected {
			n.MeetingID = m.ID
		}
	}
	n.Amount = parseWanField(&v, "Amount", s.amount)
	n.Use, n.Collateral, n.Bank, n.Status, n.Reason = s.use.Text, s.collateral.Text, s.bank.Text, s.status.Selected, s.reason.Text
	n.TermMonths = parseIntField(&v, "TermMonths", s.term)
	n.Credit, n.Lent, n.LentOn = 0, 0, app.Date{}
	if s.form.cells["Credit"].Visible() {
		n.Credit = parseWanField(&v, "Credit", s.credit)
	}
	if s.form.cells["Lent"].Visible() {
		n.Lent = parseWanField(&v, "Lent", s.lent)
		n.LentOn = parseDateField(&v, "LentOn", s.lentOn)
	}
	if err := v.Err(); err != nil {
		s.form.show(err)
		return
	}
	if err := s.u.svc.SaveFinancingNeed(s.u.ctx, &n); err != nil {
		s.form.show(err)
		return
	}
	s.u.notify("已保存融资需求")
	s.reload()
	s.edit(n)
}

func (s *financingScreen) remove() {
	n := s.cur
	dialog.ShowConfirm("删除融资需求", "确定删除这条融资需求吗？", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableFinancing, n.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}
