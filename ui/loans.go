package ui

import (
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

// allLoanStates is the status filter that selects every loan.
const allLoanStates = "全部状态"

// loansScreen (应急转贷) keeps the bridge-loan fund's ledger: its position,
// the applications, and each loan's steps from review to repayment. At a
// county without a fund of its own it is 转贷申请: the county enters its
// applications to the city fund and sees the city's decisions; at the
// city the fund's ledger holds every county's applications, with the
// decisions to take.
type loansScreen struct {
	u       *UI
	more    *recordExtras // attachments and history
	book    app.FundBook
	list    []app.BridgeLoan
	fund    app.FundState
	ledger  []app.FundEntry
	ledgerT *recordTable
	tabs    *tabs
	fundL   *widget.Label
	statusF *widget.Select
	table   *recordTable
	count   *widget.Label

	cur        app.BridgeLoan
	heading    *widget.Label
	form       *fieldForm
	enterprise *picker
	bank       *widget.SelectEntry
	original   *widget.Entry
	origDue    *widget.Entry
	applied    *widget.Entry
	appliedOn  *widget.Entry
	appCommit  *widget.Entry // the bank's commitment, of an application to the city fund
	termDays   *widget.Entry // the days asked for, of one
	note       *widget.Entry
	save       *widget.Button
	del        *widget.Button
	printBtn   *widget.Button // prints the 转贷审批表

	state    *widget.Label
	actions  *fyne.Container
	act      *fieldForm
	actKind  app.LoanActionKind
	actTitle *widget.Label
	actDate  *widget.Entry
	conds    *widget.CheckGroup
	commit   *widget.Entry
	amount   *widget.Entry
	dueBack  *widget.Entry
	fee      *widget.Entry
	reason   *widget.Entry // a refusal's, by the city fund
	actBox   *fyne.Container
	actBtns  *fyne.Container // 确定 and 取消 of the open step
	appBtns  *fyne.Container // 保存申请 and 删除
	scroll   *container.Scroll
	pane     *fyne.Container // the loan's: the scroll above, the buttons below
	root     fyne.CanvasObject
}

func newLoansScreen(u *UI) *loansScreen {
	s := &loansScreen{u: u, count: widget.NewLabel(""), fundL: sectionTitle("")}
	states := []string{allLoanStates}
	for _, st := range app.LoanStatuses {
		states = append(states, string(st))
	}
	states = append(states, string(app.LoanOverdue), string(app.LoanRefused))
	s.statusF = newFilter(states, func(string) { s.reload() })
	today := u.svc.Today()
	s.table = newRecordTable(
		[]column{{"申请日期", 95}, {"状态", 56}, {"企业", 165}, {"银行", 135}, {"申请(万元)", 92}, {"批准(万元)", 92}, {"放款日期", 95}, {"约定归还", 95}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			l := &s.list[r]
			imp := widget.MediumImportance
			if l.Overdue(today) {
				imp = widget.DangerImportance
			}
			return [...]string{l.AppliedOn.String(), string(l.Shown(today)), s.enterpriseOf(l), l.Bank, l.Applied.Wan(), wanOrEmpty(l.Approved),
				l.PaidOn.String(), l.DueBack.String()}[c], imp
		},
		func(r int) { s.edit(s.list[r]) }).keep(0, 1)

	s.heading = sectionTitle("")
	s.newApplicationForm()
	ok, cancel := s.newStepForm()
	s.actBox = container.NewVBox(widget.NewSeparator(), s.actTitle, s.act.object())
	s.actBtns = container.NewHBox(ok, cancel)
	s.appBtns = container.NewHBox(s.save, s.del)

	// A step's form opens at the top, under the buttons of the steps;
	// its 确定 and 取消 take the place of 保存申请 in the bar at the bottom.
	s.more = newRecordExtras(u, app.TableLoans)
	s.scroll = container.NewVScroll(container.NewVBox(s.state, s.actions, s.actBox,
		widget.NewSeparator(), sectionTitle("申请信息"), s.form.object(), s.more.root))
	s.printBtn = widget.NewButton("打印审批表", func() {
		s.u.printFilled(s.cur.EnterpriseName+"转贷审批表", print.FormLoan, s.cur.ID)
	})
	s.pane = formPane(s.heading, s.scroll, s.actBtns, s.appBtns, s.printBtn, s.more.histBtn)
	s.setActing(false)
	newBtn := widget.NewButton("登记转贷申请", s.newRecord)
	s.fundL.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(container.NewVBox(s.fundL, buttonBar(s.statusF, newBtn, u.exportButton(xlsx.ExportLoans, u.viewOptions))), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, s.pane)
	split.Offset = 0.58
	s.tabs = newTabs(container.NewTabItem("转贷业务", split), container.NewTabItem("基金台账", s.ledgerView()))
	s.root = s.tabs
	s.edit(app.BridgeLoan{})
	return s
}

// newApplicationForm makes the form of a loan application and its
// 保存申请 and 删除 buttons.
func (s *loansScreen) newApplicationForm() {
	s.enterprise = newPicker("输入企业名称的一部分")
	s.bank = widget.NewSelectEntry(app.Banks)
	s.bank.SetPlaceHolder("从列表选择，或填写银行名称")
	s.original = widget.NewEntry()
	s.original.SetPlaceHolder("万元")
	s.origDue = newDateEntry(app.Date{})
	s.applied = widget.NewEntry()
	s.applied.SetPlaceHolder("万元，不超过到期贷款")
	s.appliedOn = newDateEntry(app.Date{})
	s.appCommit = widget.NewEntry()
	s.appCommit.SetPlaceHolder("例如 中国银行秦皇岛分行续贷承诺函（2026年3月2日）")
	s.termDays = widget.NewEntry()
	s.termDays.SetPlaceHolder("天")
	s.note = widget.NewEntry()
	s.form = newFieldForm(s.saveLoan)
	s.form.add("EnterpriseID", "申请企业", s.enterprise)
	s.form.add("Bank", "贷款银行", s.bank)
	s.form.add("Original", "到期贷款（万元）", s.original)
	s.form.add("OriginalDue", "原贷款到期日", s.origDue)
	s.form.add("Applied", "申请金额（万元）", s.applied)
	s.form.add("AppliedOn", "申请日期", s.appliedOn)
	s.form.add("Commitment", "银行续贷承诺", s.appCommit)
	s.form.add("TermDays", "申请使用天数", s.termDays)
	s.form.add("Note", "备注", s.note)
	s.save = widget.NewButton("保存申请", s.saveLoan)
	s.save.Importance = widget.HighImportance
	s.del = widget.NewButton("删除", s.remove)
	s.del.Importance = widget.DangerImportance

}

// newStepForm makes the form of a step (审核, 批准, 放款, 结清) and the
// state line and step buttons above it; it returns the form's 确定 and 取消.
func (s *loansScreen) newStepForm() (ok, cancel *widget.Button) {
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.actions = buttonBar()
	s.actTitle = sectionTitle("")
	s.actDate = newDateEntry(app.Date{})
	s.conds = widget.NewCheckGroup(app.LoanConditions, nil)
	s.commit = widget.NewEntry()
	s.commit.SetPlaceHolder("例如 中国银行秦皇岛分行续贷承诺函（2026年3月2日）")
	s.amount = widget.NewEntry()
	s.amount.SetPlaceHolder("万元")
	s.dueBack = newDateEntry(app.Date{})
	s.fee = widget.NewEntry()
	s.fee.SetPlaceHolder("万元")
	s.reason = widget.NewEntry()
	s.act = newFieldForm(s.doAction)
	s.act.add("Date", "日期", s.actDate)
	s.act.add("Conditions", "四个条件", s.conds)
	s.act.add("Commitment", "银行续贷承诺", s.commit)
	s.act.add("Amount", "批准金额（万元）", s.amount)
	s.act.add("DueBack", "约定归还日期", s.dueBack)
	s.act.add("Fee", "资金使用费（万元）", s.fee)
	s.act.add("Reason", "不予支持的理由", s.reason)
	ok = widget.NewButton("确定", s.doAction)
	ok.Importance = widget.HighImportance
	cancel = widget.NewButton("取消", func() { s.setActing(false) })
	return ok, cancel
}

func (s *loansScreen) view() fyne.CanvasObject { return s.root }

func (s *loansScreen) reload() {
	b, err := s.u.svc.FundBook(s.u.ctx, s.u.ownOffice())
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.book, s.fund, s.ledger = b, b.State, b.Ledger
	today := s.u.svc.Today()
	overdue, waiting := 0, 0
	s.list = s.list[:0]
	for _, l := range b.Loans {
		if l.Overdue(today) {
			overdue++
		}
		if l.CityFund && l.Decision == nil {
			waiting++
		}
		sel := s.statusF.Selected
		if sel == allLoanStates || string(l.Shown(today)) == sel || (sel == string(app.LoanPaid) && l.Status == app.LoanPaid) {
			s.list = append(s.list, l)
		}
	}
	fund := b.State
	switch {
	case !b.Own:
		s.fundL.SetText(fmt.Sprintf("本单位不设转贷基金：转贷申请随同步文件报市级应急转贷基金（市金融办牵头），市里的审批结果随市里的同步文件返回。待市里审批 %d 笔；逾期未还 %d 笔",
			waiting, overdue))
		s.count.SetText(fmt.Sprintf("共 %d 笔申请", len(b.Loans)))
	case b.City:
		s.fundL.SetText(fmt.Sprintf("市级应急转贷基金 %s：占用 %s（%d笔），可用 %s；县区申请待审批 %d 笔；逾期未还 %d 笔",
			fund.Size, fund.Held, fund.Out, fund.Free, waiting, overdue))
		s.count.SetText(fmt.Sprintf("基金共 %d 笔，累计放款 %s，资金使用费 %s", fund.Loans, fund.Lent, fund.Fees))
	default:
		s.fundL.SetText(fmt.Sprintf("应急转贷基金 %s：占用 %s（%d笔），可用 %s；逾期未还 %d 笔",
			fund.Size, fund.Held, fund.Out, fund.Free, overdue))
		s.count.SetText(fmt.Sprintf("共 %d 笔，累计放款 %s，资金使用费 %s", fund.Loans, fund.Lent, fund.Fees))
	}
	if first := s.tabs.Items[0]; first.Text != s.title() {
		first.Text = s.title()
		s.tabs.Refresh()
	}
	s.table.reset()
	s.ledgerT.reset()
	s.table.follow(s.cur.ID, len(s.list), func(i int) string { return s.list[i].ID }, func() { s.edit(app.BridgeLoan{}) })
	names, ids := s.u.enterpriseChoices()
	s.enterprise.setChoices(names, ids)
}

// title is the name of the screen's first tab: 转贷申请 at a county
// without a fund of its own.
func (s *loansScreen) title() string {
	if s.book.Own {
		return "转贷业务"
	}
	return "转贷申请"
}

// enterpriseOf names a loan's enterprise, with its county at the city.
func (s *loansScreen) enterpriseOf(l *app.BridgeLoan) string {
	if s.book.City && l.Office != s.u.office.Code {
		return app.OfficeShort(l.Office) + "｜" + l.EnterpriseName
	}
	return l.EnterpriseName
}

// toCity reports whether a new application goes to the city fund.
func (s *loansScreen) toCity() bool { return !s.book.Own }

func (s *loansScreen) newRecord() {
	s.edit(app.BridgeLoan{AppliedOn: s.u.svc.Today(), CityFund: s.toCity()})
	s.u.win.Canvas().Focus(s.enterprise.entry)
}

// ledgerView is the fund's ledger (基金台账): each pay-out and repayment in
// date order with what is then out with enterprises and the balance left.
func (s *loansScreen) ledgerView() fyne.CanvasObject {
	s.ledgerT = newRecordTable(
		[]column{{"日期", 95}, {"摘要", 60}, {"企业", 220}, {"银行", 150}, {"支出(万元)", 92}, {"收回(万元)", 92}, {"使用费(万元)", 100}, {"在外(万元)", 92}, {"余额(万元)", 92}},
		func() int { return len(s.ledger) },
		func(r, c int) (string, widget.Importance) {
			e := &s.ledger[len(s.ledger)-1-r] // newest first
			what := "放款"
			if e.In > 0 {
				what = "收回"
			}
			return [...]string{e.Date.String(), what, e.Enterprise, e.Bank, wanOrEmpty(e.Out), wanOrEmpty(e.In), wanOrEmpty(e.Fee), e.Lent.Wan(), e.Balance.Wan()}[c], widget.MediumImportance
		},
		func(r int) { s.open(s.ledger[len(s.ledger)-1-r].LoanID) })
	note := widget.NewLabel("按日期列出基金每一笔放款和收回（最新的在上），余额 = 基金规模 − 在外金额；已批准未放款的额度不在台账中，但占用可用余额。单击一行打开该笔转贷。")
	note.Wrapping = fyne.TextWrapWord
	return container.NewBorder(note, nil, nil, nil, s.ledgerT)
}

// open shows the loan with id.
func (s *loansScreen) open(id string) {
	s.tabs.SelectIndex(0)
	l, err := s.u.svc.LoanWithDecision(s.u.ctx, id)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.edit(l)
}

func (s *loansScreen) extras() *recordExtras { return s.more }

func (s *loansScreen) edit(l app.BridgeLoan) {
	s.cur = l
	s.more.set(l.ID, l.Office)
	s.form.clear()
	s.setActing(false)
	s.actions.RemoveAll()
	mine := l.ID == "" || l.Office == s.u.office.Code
	editable := mine && (l.ID == "" || l.Status == app.LoanApplied || l.Status == app.LoanReviewed) && (!l.CityFund || l.Decision == nil)
	s.form.showField("Commitment", l.CityFund)
	s.form.showField("TermDays", l.CityFund)
	if l.ID == "" {
		s.heading.SetText("登记转贷申请")
		if l.CityFund {
			s.heading.SetText("登记转贷申请（报市级基金）")
		}
		s.state.SetText("")
		s.state.Hide()
		s.del.Hide()
		s.printBtn.Hide()
	} else {
		today := s.u.svc.Today()
		s.heading.SetText(fmt.Sprintf("转贷：%s　%s", l.EnterpriseName, l.Shown(today)))
		s.state.SetText(loanText(l, today))
		s.state.Show()
		s.del.Hidden = !mine || (l.CityFund && l.Decision != nil)
		s.printBtn.Show()
		var acts []app.LoanActionKind
		switch {
		case l.CityFund && s.book.City:
			acts = app.DecisionActions(&l)
		case !l.CityFund && mine:
			acts = app.LoanActions(l.Status)
		}
		for _, k := range acts {
			k := k
			s.actions.Add(widget.NewButton(actionName(l, k), func() { s.startAction(k) }))
		}
	}
	s.save.Hidden = !editable
	s.enterprise.choose(l.EnterpriseID)
	s.bank.SetText(l.Bank)
	s.original.SetText(wanOrEmpty(l.Original))
	s.origDue.SetText(l.OriginalDue.String())
	s.applied.SetText(wanOrEmpty(l.Applied))
	s.appliedOn.SetText(l.AppliedOn.String())
	s.appCommit.SetText(l.Commitment)
	s.termDays.SetText("")
	if l.TermDays > 0 {
		s.termDays.SetText(fmt.Sprint(l.TermDays))
	}
	s.note.SetText(l.Note)
	s.save.Refresh()
	s.del.Refresh()
}

// actionName is the button of step k on loan l: the city fund's decisions
// in its words.
func actionName(l app.BridgeLoan, k app.LoanActionKind) string {
	if !l.CityFund {
		return string(k)
	}
	switch k {
	case app.LoanActPay:
		return "批准放款"
	case app.LoanActRepay:
		return "登记归还"
	}
	return string(k)
}

// loanText says in a few lines where the loan stands.
func loanText(l app.BridgeLoan, today app.Date) string {
	if l.CityFund {
		return applicationText(l, today)
	}
	var b strings.Builder
	if len(l.Conditions) == len(app.LoanConditions) {
		var ok, no []string
		for i, c := range app.LoanConditions {
			if l.Conditions[i] {
				ok = append(ok, c)
			} else {
				no = append(no, c)
			}
		}
		fmt.Fprintf(&b, "审核：符合 %s", strings.Join(ok, "、"))
		if len(no) > 0 {
			fmt.Fprintf(&b, "；不符合 %s", strings.Join(no, "、"))
		}
		b.WriteString("\n")
	}
	if l.Commitment != "" {
		fmt.Fprintf(&b, "银行续贷承诺：%s\n", l.Commitment)
	}
	if l.Approved > 0 {
		fmt.Fprintf(&b, "%s 批准 %s\n", l.ApprovedOn, l.Approved)
	}
	if !l.PaidOn.IsZero() {
		fmt.Fprintf(&b, "%s 放款，约定 %s 归还，已使用 %d 天\n", l.PaidOn, l.DueBack, l.DaysUsed(today))
	}
	if !l.RepaidOn.IsZero() {
		fmt.Fprintf(&b, "%s 归还，资金使用费 %s\n", l.RepaidOn, l.Fee)
	}
	return strings.TrimRight(b.String(), "\n")
}

// applicationText says where an application to the city fund stands: the
// commitment and term asked, and the city's decision, read-only.
func applicationText(l app.BridgeLoan, today app.Date) string {
	var b strings.Builder
	fmt.Fprintf(&b, "报市级应急转贷基金（%s），申请使用 %d 天\n银行续贷承诺：%s\n", app.OfficeName(l.Office), l.TermDays, l.Commitment)
	d := l.Decision
	switch {
	case d == nil:
		b.WriteString("市级基金尚未审批：审批结果随市里的同步文件返回")
	case d.Outcome == app.LoanDenied:
		fmt.Fprintf(&b, "市级基金 %s 不予支持：%s", d.Date, d.Reason)
	default:
		fmt.Fprintf(&b, "市级基金 %s 批准 %s 并放款，约定 %s 归还，已使用 %d 天", d.PaidOn, d.Approved, d.DueBack, l.DaysUsed(today))
		if !d.RepaidOn.IsZero() {
			fmt.Fprintf(&b, "\n%s 归还，资金使用费 %s", d.RepaidOn, d.Fee)
		} else if l.Overdue(today) {
			b.WriteString("\n已逾期未还")
		}
	}
	return b.String()
}

// startAction opens the form of step k.
func (s *loansScreen) startAction(k app.LoanActionKind) {
	s.actKind = k
	s.act.clear()
	today := s.u.svc.Today()
	s.actTitle.SetText(actionName(s.cur, k))
	s.actDate.SetText(today.String())
	var checked []string
	for i, c := range app.LoanConditions {
		if i < len(s.cur.Conditions) && s.cur.Conditions[i] {
			checked = append(checked, c)
		}
	}
	s.conds.SetSelected(checked)
	s.commit.SetText(s.cur.Commitment)
	s.amount.SetText(wanOrEmpty(s.cur.Applied))
	term := 15
	if st, err := s.u.svc.Settings(s.u.ctx); err == nil {
		term = st.LoanTermDays
	}
	s.dueBack.SetText(today.AddDays(term).String())
	if s.cur.CityFund && s.cur.TermDays > 0 {
		term = s.cur.TermDays
	}
	s.dueBack.SetText(today.AddDays(term).String())
	s.fee.SetText("0")
	s.reason.SetText("")
	decision := s.cur.CityFund
	s.act.showField("Conditions", k == app.LoanActReview)
	s.act.showField("Commitment", k == app.LoanActReview)
	s.act.showField("Amount", k == app.LoanActApprove || (decision && k == app.LoanActPay))
	s.act.showField("DueBack", k == app.LoanActPay)
	s.act.showField("Fee", k == app.LoanActRepay)
	s.act.showField("Reason", k == app.LoanActRefuse)
	s.setActing(true)
	s.scroll.ScrollToTop()
	s.u.win.Canvas().Focus(s.actDate)
}

// setActing shows or hides the open step's form, and its buttons in
// place of those of the application.
func (s *loansScreen) setActing(on bool) {
	s.actBox.Hidden = !on
	s.actBtns.Hidden = !on
	s.appBtns.Hidden = on
	s.pane.Refresh()
}

func (s *loansScreen) doAction() {
	var v app.Invalid
	a := app.LoanAction{Kind: s.actKind, Commitment: s.commit.Text}
	a.Date = parseDateField(&v, "Date", s.actDate)
	switch s.actKind {
	case app.LoanActReview:
		for _, c := range app.LoanConditions {
			a.Conditions = append(a.Conditions, contains(s.conds.Selected, c))
		}
	case app.LoanActApprove:
		a.Amount = parseWanField(&v, "Amount", s.amount)
	case app.LoanActPay:
		a.DueBack = parseDateField(&v, "DueBack", s.dueBack)
		if s.cur.CityFund {
			a.Amount = parseWanField(&v, "Amount", s.amount)
		}
	case app.LoanActRepay:
		a.Fee = parseWanField(&v, "Fee", s.fee)
	case app.LoanActRefuse:
		a.Reason = s.reason.Text
	}
	if err := v.Err(); err != nil {
		s.act.show(err)
		return
	}
	if s.cur.CityFund {
		if _, err := s.u.svc.DecideLoan(s.u.ctx, s.cur.ID, a); err != nil {
			s.act.show(err)
			return
		}
		s.u.saved(fmt.Sprintf("转贷申请 %s：%s", s.cur.EnterpriseName, actionName(s.cur, a.Kind)), printField{"不予支持的理由", a.Reason})
		s.reload()
		s.open(s.cur.ID)
		return
	}
	l, err := s.u.svc.LoanAct(s.u.ctx, s.cur.ID, a)
	if err != nil {
		s.act.show(err)
		return
	}
	s.u.saved(fmt.Sprintf("转贷 %s：%s", s.cur.EnterpriseName, a.Kind), printField{"续贷承诺", a.Commitment})
	s.reload()
	l.EnterpriseName = s.cur.EnterpriseName
	s.edit(l)
}

func (s *loansScreen) saveLoan() {
	l := s.cur
	var v app.Invalid
	l.EnterpriseID = s.enterprise.id()
	if l.EnterpriseID == "" && s.enterprise.Text() != "" {
		v.Add("EnterpriseID", "没有名为“"+s.enterprise.Text()+"”的重点企业：请从下拉列表中选择")
	}
	l.Bank, l.Note = s.bank.Text, s.note.Text
	l.Original = parseWanField(&v, "Original", s.original)
	l.OriginalDue = parseDateField(&v, "OriginalDue", s.origDue)
	l.Applied = parseWanField(&v, "Applied", s.applied)
	l.AppliedOn = parseDateField(&v, "AppliedOn", s.appliedOn)
	if l.CityFund {
		l.Commitment = s.appCommit.Text
		l.TermDays = parseIntField(&v, "TermDays", s.termDays)
	}
	if err := v.Err(); err != nil {
		s.form.show(err)
		return
	}
	if err := s.u.svc.SaveBridgeLoan(s.u.ctx, &l); err != nil {
		s.form.show(err)
		return
	}
	s.u.saved("已保存转贷申请", printField{"原贷款银行", l.Bank})
	s.reload()
	s.open(l.ID)
}

func (s *loansScreen) remove() {
	l := s.cur
	dialog.ShowConfirm("删除转贷申请", "确定删除“"+l.EnterpriseName+"”的转贷申请吗？", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.Delete(s.u.ctx, app.TableLoans, l.ID); err != nil {
			s.u.showError(err)
			return
		}
		s.reload()
		s.newRecord()
	}, s.u.win)
}
