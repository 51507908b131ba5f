package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
	"wugeyi/app/xlsx"
)

// visitLimit is how many visits the list shows at once; the search box
// finds older ones.
const visitLimit = 5000

// visitsScreen (走访记录) lists visits, newest first, and records a visit
// with the problems the enterprise raised, each entering the ledger with its
// first handling.
type visitsScreen struct {
	u      *UI
	list   []app.Visit
	rule   app.Settings // which modes count as a 走访 (Settings.CountsAsVisit)
	search *widget.Entry
	table  *recordTable
	count  *widget.Label

	cur        app.Visit
	heading    *widget.Label
	form       *fieldForm
	date       *widget.Entry
	leader     *picker
	companions *widget.Entry
	enterprise *picker
	mode       *widget.RadioGroup
	findings   *textArea
	del        *widget.Button
	printBtn   *widget.Button // prints the 走访记录表

	raised   []app.Problem // problems already in the ledger from this visit
	raisedBx *fyne.Container
	problems *problemList // new problems to register with the visit
	more     *recordExtras
	root     fyne.CanvasObject

	// gen and choicesGen count the reloads, so that a late read of an old
	// search, or of old choices, is dropped.
	gen, choicesGen int
}

func newVisitsScreen(u *UI) *visitsScreen {
	s := &visitsScreen{u: u, count: widget.NewLabel("")}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("按领导、企业或走访情况查找（Ctrl+F）")
	s.search.OnChanged = func(string) { s.reload() }
	s.table = newRecordTable(
		[]column{{"日期", 95}, {"领导", 70}, {"企业", 200}, {"方式", 80}, {"走访情况", 210}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			v := s.list[r]
			return [...]string{v.Date.String(), v.LeaderName, v.EnterpriseName, s.modeText(v.Mode), oneLine(v.Findings)}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) }).keep(0, 1)

	s.heading = sectionTitle("")
	s.date = newDateEntry(app.Date{})
	s.leader = newPicker("输入领导姓名")
	s.companions = widget.NewEntry()
	s.companions.SetPlaceHolder("陪同人员、部门")
	s.enterprise = newPicker("输入企业名称的一部分")
	s.mode = widget.NewRadioGroup(app.VisitModes, nil)
	s.mode.Horizontal = true // three short words
	s.findings = newTextArea()
	s.findings.SetMinRowsVisible(3)
	s.findings.Wrapping = fyne.TextWrapWord
	s.form = newFieldForm(s.save)
	s.form.add("Date", "走访日期", s.date)
	s.form.add("LeaderID", "走访领导", s.leader)
	s.form.add("Companions", "陪同人员", s.companions)
	s.form.add("EnterpriseID", "被走访企业", s.enterprise)
	s.form.add("Mode", "走访方式", s.mode)
	s.form.add("Findings", "走访情况", s.findings)

	s.raisedBx = container.NewVBox()
	s.problems = newProblemList(u, "企业反映的问题（保存时一并进入问题台账）", problemAsks{}, s.save)
	save := widget.NewButton("保存走访记录", s.save)
	save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance
	s.printBtn = widget.NewButton("打印走访记录表", func() {
		s.u.printFilled(fmt.Sprintf("%s走访%s", s.cur.Date, s.cur.EnterpriseName), print.FormVisit, s.cur.ID)
	})
	s.more = newRecordExtras(u, app.TableVisits)
	right := formPane(s.heading, container.NewVBox(s.form.object(), s.raisedBx, s.problems.root, s.more.root),
		save, s.printBtn, s.del, s.more.histBtn)

	newBtn := widget.NewButton("新增走访", s.newRecord)
	left := container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, u.importButton(xlsx.KindVisits), u.exportButton(xlsx.ExportVisits, u.viewOptions)), s.search), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	s.root = split
	s.edit(app.Visit{})
	return s
}

func (s *visitsScreen) view() fyne.CanvasObject { return s.root }

// reload reads the first page of visits at once and, if the search
// matches more, the rest in the background.
// modeText is how the list shows a contact's mode: a mode that does not
// count as a 走访 (电话, 视频 unless 设置 widens the rule) is a 联系.
func (s *visitsScreen) modeText(mode string) string {
	if s.rule.CountsAsVisit(mode) {
		return mode
	}
	return mode + "（联系）"
}

func (s *visitsScreen) reload() {
	if st, err := s.u.svc.Settings(s.u.ctx); err == nil {
		s.rule = st
	}
	f := app.VisitFilter{Office: s.u.ownOffice(), Query: strings.TrimSpace(s.search.Text), Limit: firstPage}
	list, err := s.u.svc.Visits(s.u.ctx, f)
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.table.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Visit{}) })
	if len(list) < firstPage {
		s.gen++ // drops the rest of an earlier search still being read
		s.showCount(false)
	} else {
		s.showCount(true)
		f.Limit = visitLimit
		s.u.background(&s.gen, func() func() {
			all, err := s.u.svc.Visits(s.u.ctx, f)
			return func() {
				if err != nil {
					s.count.SetText(app.Message(err))
					return
				}
				s.list = all
				s.showCount(false)
				s.table.Refresh()
				s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.Visit{}) })
			}
		})
	}
	// The pickers' choices (every leader and enterprise) come in the
	// background too; a visit opened meanwhile shows its names once they
	// have come.
	office := s.u.ownOffice()
	s.u.background(&s.choicesGen, func() func() {
		ln, li, lerr := s.u.leaderChoicesOf(office)
		en, ei, eerr := s.u.enterpriseChoicesOf(office)
		return func() {
			if err := errors.Join(lerr, eerr); err != nil {
				s.u.notify(app.Message(err))
			}
			s.leader.setChoices(ln, li)
			s.enterprise.setChoices(en, ei)
			if strings.TrimSpace(s.leader.Text()) == "" {
				s.leader.choose(s.cur.LeaderID)
			}
			if strings.TrimSpace(s.enterprise.Text()) == "" {
				s.enterprise.choose(s.cur.EnterpriseID)
			}
		}
	})
}

// release lets go of the visits when the tab is left, and of the rest
// still being read.
func (s *visitsScreen) release() {
	s.gen++
	s.list = nil
	s.table.Refresh()
}

// showCount says how many visits the table holds.
func (s *visitsScreen) showCount(reading bool) {
	switch {
	case reading:
		s.count.SetText(fmt.Sprintf("已读取 %d 次走访，其余正在读取……", len(s.list)))
	case len(s.list) == visitLimit:
		s.count.SetText(fmt.Sprintf("显示最近 %d 次走访；更早的请用查找", visitLimit))
	default:
		visits := len(s.rule.CountedVisits(s.list))
		if visits == len(s.list) {
			s.count.SetText(fmt.Sprintf("共 %d 次走访", len(s.list)))
		} else {
			s.count.SetText(fmt.Sprintf("共 %d 条：走访 %d 次，联系 %d 次（电话、视频等方式，不计为走访）", len(s.list), visits, len(s.list)-visits))
		}
	}
}

func (s *visitsScreen) focusSearch() { s.u.win.Canvas().Focus(s.search) }

func (s *visitsScreen) newRecord() { s.newVisit("", "") }

// newVisit empties the form for a new visit of a leader to an enterprise
// (either may be empty).
func (s *visitsScreen) newVisit(leaderID, enterpriseID string) {
	s.reload()
	s.edit(app.Visit{Date: s.u.svc.Today(), LeaderID: leaderID, EnterpriseID: enterpriseID, Mode: app.VisitModes[0]})
	s.u.win.Canvas().Focus(s.leader.entry)
}

func (s *visitsScreen) edit(v app.Visit) {
	s.cur = v
	s.form.clear()
	if v.ID == "" {
		s.heading.SetText("新增走访记录")
		s.del.Hide()
		s.printBtn.Hide()
	} else {
		s.heading.SetText(fmt.Sprintf("走访记录：%s %s 走访 %s", v.Date, v.LeaderName, v.EnterpriseName))
		s.del.Show()
		s.printBtn.Show()
	}
	s.date.SetText(v.Date.String())
	s.leader.choose(v.LeaderID)
	s.companions.SetText(v.Companions)
	s.enterprise.choose(v.EnterpriseID)
	s.mode.SetSelected(v.Mode)
	s.findings.SetText(v.Findings)
	s.problems.clear()
	s.showRaised()
	s.more.set(v.ID, v.Office)
}

func (s *visitsScreen) extras() *recordExtras { return s.more }

// showRaised lists the problems already registered from the visit.
func (s *visitsScreen) showRaised() {
	s.raised = s.u.showRaised(s.raisedBx, "本次走访已登记的问题", s.cur.ID)
}

func (s *visitsScreen) save() {
	v := s.cur
	var inv app.Invalid
	v.Date = parseDateField(&inv, "Date", s.date)
	v.LeaderID, v.EnterpriseID = s.leader.id(), s.enterprise.id()
	if v.LeaderID == "" && strings.TrimSpace(s.leader.Text()) != "" {
		inv.Add("LeaderID", "没有名为“"+s.leader.Text()+"”的联系领导：请从下拉列表中选择")
	}
	if v.EnterpriseID == "" && strings.TrimSpace(s.enterprise.Text()) != "" {
		inv.Add("EnterpriseID", "没有名为“"+s.enterprise.Text()+"”的重点企业：请从下拉列表中选择")
	}
	v.Companions, v.Mode, v.Findings = s.companions.Text, s.mode.Selected, s.findings.Text
	s.form.show(inv.Err())
	nps, ok := s.problems.values(v.Date)
	if !ok || inv.Err() != nil {
		return
	}
	if err := s.u.svc.SaveVisit(s.u.ctx, &v, nps); err != nil {
		if !s.problems.showError(err) {
			s.form.show(err)
		}
		return
	}
	s.u.saved(fmt.Sprintf("已保存走访记录，登记问题 %d 个", len(nps)), append([]printField{{"陪同人员", v.Companions}, {"走访情况", v.Findings}}, problemFields(nps)...)...)
	s.reload()
	saved, err := s.u.svc.Visit(s.u.ctx, v.ID)
	if err != nil {
		saved = v
	}
	s.edit(saved)
}

func (s *visitsScreen) remove() {
	v := s.cur
	msg := "确定删除这次走访记录吗？"
	if len(s.raised) > 0 {
		msg += fmt.Sprintf("\n本次走访登记的 %d 个问题仍保留在问题台账中。", len(s.raised))
	}
	dialog.ShowConfirm("删除走访记录", msg, func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableVisits, v.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}

// shortText is the first n characters of s on one line.
func shortText(s string, n int) string {
	r := []rune(oneLine(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
