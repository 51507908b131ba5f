package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// dashboardScreen (工作台) shows what needs doing today: overdue problems,
// problems due soon, problems not yet assigned, enterprises not visited
// this period and leaders with no enterprise. Each line opens its record.
type dashboardScreen struct {
	u       *UI
	d       app.Dashboard
	gen     int // counts reloads, so that a late read for another office is dropped
	summary *widget.Label
	lists   []*dashList
	root    fyne.CanvasObject
}

// dashList is one titled list of the dashboard.
type dashList struct {
	card  fyne.CanvasObject
	head  *widget.Label
	list  *widget.List
	title string
	n     func() int
	text  func(i int) string
	open  func(i int)
}

func newDashboardScreen(u *UI) *dashboardScreen {
	s := &dashboardScreen{u: u, summary: widget.NewLabel("")}
	d := &s.d
	problemText := func(p app.Problem) string {
		return fmt.Sprintf("%s  %s  %s  时限 %s  %s", p.Number, p.EnterpriseName, oneLine(p.Description), p.Deadline, p.LeadDept)
	}
	s.lists = []*dashList{
		s.newList("逾期问题", func() int { return len(d.Overdue) },
			func(i int) string {
				p := d.Overdue[i]
				return fmt.Sprintf("逾期%d天  %s", p.Deadline.DaysUntil(d.Today), problemText(p))
			},
			func(i int) { u.showProblem(d.Overdue[i].ID) }),
		s.newList("即将到期", func() int { return len(d.DueSoon) },
			func(i int) string { return problemText(d.DueSoon[i]) },
			func(i int) { u.showProblem(d.DueSoon[i].ID) }),
		s.newList("登记后未按时交办", func() int { return len(d.Unassigned) },
			func(i int) string {
				p := d.Unassigned[i]
				return fmt.Sprintf("%s  %s  %s  登记于 %s", p.Number, p.EnterpriseName, oneLine(p.Description), p.Registered)
			},
			func(i int) { u.showProblem(d.Unassigned[i].ID) }),
		s.newList("本期未走访的企业", func() int { return len(d.Unvisited) },
			func(i int) string {
				a := d.Unvisited[i]
				return fmt.Sprintf("%s%s  联系领导 %s  联络员 %s", s.officeOf(a.Office), a.EnterpriseName, a.LeaderName, a.Liaison)
			},
			func(i int) { u.newVisitFor(d.Unvisited[i]) }),
		s.newList("未分包企业的领导", func() int { return len(d.IdleLeaders) },
			func(i int) string { l := d.IdleLeaders[i]; return s.officeOf(l.Office) + l.Name + "  " + l.Post },
			func(i int) { u.showLeader(d.IdleLeaders[i].ID) }),
		s.newList("会议提醒", func() int { return len(d.Meetings) },
			func(i int) string { return meetingText(d.Meetings[i], d.Today) },
			func(int) { u.showMeetings() }),
		s.newList("逾期未还的转贷", func() int { return len(d.OverdueLoans) },
			func(i int) string {
				l := d.OverdueLoans[i]
				return fmt.Sprintf("逾期%d天  %s  %s  约定 %s 归还", l.DueBack.DaysUntil(d.Today), l.EnterpriseName, l.Approved, l.DueBack)
			},
			func(i int) { u.showLoan(d.OverdueLoans[i].ID) }),
		s.newList("各责任单位办理情况", func() int { return len(d.Depts) },
			func(i int) string { return s.officeOf(d.Depts[i].Office) + deptText(d.Depts[i]) },
			func(int) { u.showDepartments() }),
	}
	var cards []fyne.CanvasObject
	for _, l := range s.lists {
		cards = append(cards, l.card)
	}
	hint := widget.NewLabel("单击一行打开对应记录。")
	hint.Importance = widget.LowImportance
	s.root = container.NewBorder(container.NewVBox(s.summary, hint), nil, nil, nil,
		container.NewGridWithRows(3,
			container.NewGridWithColumns(2, cards[0], cards[5]),
			container.NewGridWithColumns(3, cards[1], cards[2], cards[6]),
			container.NewGridWithColumns(3, cards[3], cards[4], cards[7])))
	return s
}

// deptText is one line of 各责任单位办理情况: a department's figures
// (app.DeptFigures).
func deptText(f app.DeptFigure) string {
	s := fmt.Sprintf("%s  交办 %d  按时办结 %d  逾期 %d", f.Dept, f.Assigned, f.OnTime, f.Late)
	if f.Settled > 0 {
		s += fmt.Sprintf("  平均 %.1f 天办结", f.AvgDays)
	}
	return s
}

// meetingText is one line of 会议提醒, in the calendar's words: a meeting
// of this month or quarter still to hold (待召开) with the days left and
// when and where it is planned, if it is, or a period that ended without
// one (未召开).
func meetingText(p app.MeetingPeriod, today app.Date) string {
	if p.State != app.PeriodDue {
		return fmt.Sprintf("%s %s：%s", p.Label(), p.Kind, p.State)
	}
	period := "本季度"
	if p.Kind.Monthly() {
		period = "本月"
	}
	left := fmt.Sprintf("%s还剩 %d 天", period, p.DaysLeft(today))
	if p.DaysLeft(today) == 1 {
		left = "今天是" + period + "最后一天"
	}
	if plan := p.PlanText(); plan != "" {
		return fmt.Sprintf("%s %s：%s，%s", p.Label(), p.Kind, plan, left)
	}
	return fmt.Sprintf("%s %s：%s，%s", p.Label(), p.Kind, p.State, left)
}

// officeOf names the office of a row whose text does not show it, when
// the city looks at every office's records; "" otherwise.
func (s *dashboardScreen) officeOf(office string) string {
	if s.u.office.Role != app.RoleCity || s.u.ownOffice() != "" {
		return ""
	}
	return "【" + app.OfficeName(office) + "】"
}

func (s *dashboardScreen) newList(title string, n func() int, text func(int) string, open func(int)) *dashList {
	l := &dashList{title: title, n: n, text: text, open: open}
	l.list = widget.NewList(n,
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(i)) })
	l.list.OnSelected = func(i widget.ListItemID) {
		l.list.UnselectAll()
		if i < n() {
			open(i)
		}
	}
	l.head = sectionTitle(title)
	l.card = newPanel(container.NewBorder(l.head, nil, nil, nil, l.list))
	return l
}

func (s *dashboardScreen) view() fyne.CanvasObject { return s.root }

// reload reads what needs doing in the background: the window opens on
// this screen, and shows it before the figures are read.
func (s *dashboardScreen) reload() {
	if s.d.Today.IsZero() {
		s.summary.SetText("正在读取……")
	}
	office := s.u.ownOffice()
	s.u.background(&s.gen, func() func() {
		d, err := s.u.svc.Dashboard(s.u.ctx, office)
		return func() {
			if err != nil {
				s.summary.SetText(app.Message(err))
				return
			}
			s.show(d)
		}
	})
}

// show puts the figures of d on the screen.
func (s *dashboardScreen) show(d app.Dashboard) {
	s.d = d
	whose := "" // the city says whose 工作台 it looks at
	if s.u.office.Role == app.RoleCity {
		whose = allOffices + "："
		if o := s.u.ownOffice(); o != "" {
			whose = app.OfficeName(o) + "："
		}
	}
	s.summary.SetText(fmt.Sprintf("%s今天 %s　在办问题 %d 件，其中逾期 %d 件；本期（%s起）未走访 %d 家企业",
		whose, d.Today.Chinese(), d.OpenCount, len(d.Overdue), d.PeriodStart, len(d.Unvisited)))
	for _, l := range s.lists {
		l.head.SetText(fmt.Sprintf("%s（%d）", l.title, l.n()))
		l.list.Refresh()
	}
}
