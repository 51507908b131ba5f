package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// Theme choices and the preference key that keeps the choice.
const (
	prefTheme   = "theme"
	themeSystem = "跟随系统"
	themeLight  = "浅色"
	themeDark   = "深色"
)

// ApplyTheme sets the theme a's preferences name (light, dark or the
// system's).
func ApplyTheme(a fyne.App) {
	switch a.Preferences().StringWithFallback(prefTheme, themeSystem) {
	case themeDark:
		a.Settings().SetTheme(NewTheme(true, false))
	case themeSystem:
		a.Settings().SetTheme(NewTheme(false, true))
	default:
		a.Settings().SetTheme(NewTheme(false, false))
	}
}

// settingsScreen (设置) edits the office's rules with numbers, the
// operator's name and the look, and backs up or restores the database.
type settingsScreen struct {
	u        *UI
	cur      app.Settings
	form     *fieldForm
	nums     map[string]*widget.Entry
	fund     *widget.Entry
	began    *widget.Entry
	modes    *widget.CheckGroup // visit modes counted as 走访 besides 实地
	receipt  *widget.Check      // Settings.DeptReceipt
	idleLock *widget.Entry      // minutes without use that lock the window, 0 never
	account  *widget.Label      // who is signed in
	accounts *widget.Button
	issuer   [3]*widget.Entry // IssuerName, IssuerShort, CopyTo
	theme    *widget.RadioGroup
	office   *widget.Label
	keys     *widget.Label // this office's card fingerprint and the cards it trusts
	calendar *calendarEditor
	root     fyne.CanvasObject
}

// settingFields are the whole-number settings in the order shown, each
// with the field of app.Settings it edits.
var settingFields = []struct {
	field, label string
	of           func(*app.Settings) *int
}{
	{"AssignWithinDays", "登记后交办时限（工作日）", func(s *app.Settings) *int { return &s.AssignWithinDays }},
	{"DeadlineDays", "默认办理时限（工作日）", func(s *app.Settings) *int { return &s.DeadlineDays }},
	{"MaxDeadlineDays", "最长办理时限（工作日）", func(s *app.Settings) *int { return &s.MaxDeadlineDays }},
	{"VisitIntervalMonths", "走访周期（月）", func(s *app.Settings) *int { return &s.VisitIntervalMonths }},
	{"DueSoonDays", "工作台提前提醒（天）", func(s *app.Settings) *int { return &s.DueSoonDays }},
	{"LoanTermDays", "转贷一般期限（天）", func(s *app.Settings) *int { return &s.LoanTermDays }},
	{"LoanMaxDays", "转贷最长期限（天）", func(s *app.Settings) *int { return &s.LoanMaxDays }},
	{"LoanUsesPerYear", "每家企业每年转贷次数", func(s *app.Settings) *int { return &s.LoanUsesPerYear }},
	{"AttachMaxMB", "每个附件大小上限（MB）", func(s *app.Settings) *int { return &s.AttachMaxMB }},
	{"ShrinkAboveMB", "照片超过多大时提示缩小（MB）", func(s *app.Settings) *int { return &s.ShrinkAboveMB }},
}

// issuerFields are the settings of the issuing body that prints on
// documents, each with the field of app.Settings it edits; left empty,
// the default for the office is used (app.Settings.Issuer).
var issuerFields = []struct {
	field, label, hint string
	of                 func(*app.Settings) *string
}{
	{"IssuerName", "发文机关全称（落款、版记）", "如：海港区人民政府办公室", func(s *app.Settings) *string { return &s.IssuerName }},
	{"IssuerShort", "发文机关标志用名（纪要红头）", "如：海港区", func(s *app.Settings) *string { return &s.IssuerShort }},
	{"CopyTo", "纪要抄送单位", "如：区委办公室，区人大常委会办公室", func(s *app.Settings) *string { return &s.CopyTo }},
}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{u: u, nums: map[string]*widget.Entry{}, office: widget.NewLabel(""), keys: widget.NewLabel("")}
	s.keys.Wrapping = fyne.TextWrapWord
	s.form = newFieldForm(s.save)
	for _, f := range settingFields {
		e := widget.NewEntry()
		s.nums[f.field] = e
		s.form.add(f.field, f.label, e)
	}
	s.receipt = widget.NewCheck("交办后须责任单位签收（可退回）", nil)
	s.form.add("DeptReceipt", "责任单位签收", s.receipt)
	s.fund = widget.NewEntry()
	if u.office.Role != app.RoleCity {
		// 0: the county runs no fund and applies to the city's.
		s.fund.SetPlaceHolder("不设本级基金填0，转贷申请报市级基金")
	}
	s.form.add("FundSize", "本级转贷基金规模（万元）", s.fund)
	s.began = widget.NewEntry()
	s.began.SetPlaceHolder("如：2026-01-01；此前各期的会议不提示未召开")
	s.form.add("Began", "启用日期", s.began)
	var others []string
	for _, m := range app.VisitModes {
		if m != app.VisitOnSite {
			others = append(others, m)
		}
	}
	s.modes = widget.NewCheckGroup(others, nil)
	s.modes.Horizontal = true
	s.form.add("VisitModesCounted", "也计为走访的联系方式（实地走访总是计入）", s.modes)
	s.idleLock = widget.NewEntry()
	s.idleLock.SetPlaceHolder("填0为不自动锁定")
	s.form.add("IdleLock", "无操作自动锁定窗口（分钟）", s.idleLock)
	for i, f := range issuerFields {
		s.issuer[i] = widget.NewEntry()
		s.issuer[i].SetPlaceHolder(f.hint)
		s.form.add(f.field, f.label, s.issuer[i])
	}
	save := widget.NewButton("保存设置", s.save)
	save.Importance = widget.HighImportance

	s.theme = widget.NewRadioGroup([]string{themeLight, themeDark, themeSystem}, nil)
	s.theme.Horizontal = true
	// Chosen before OnChanged is set: showing the choice must not apply
	// the theme again, which has Fyne parse its fonts anew (60 ms, 37 MB).
	s.theme.SetSelected(u.app.Preferences().StringWithFallback(prefTheme, themeSystem))
	s.theme.OnChanged = func(v string) {
		if v == "" {
			return
		}
		u.app.Preferences().SetString(prefTheme, v)
		ApplyTheme(u.app)
	}

	backup := widget.NewButton("备份数据库…", s.backup)
	restore := widget.NewButton("从备份恢复…", s.restore)
	restore.Importance = widget.DangerImportance
	s.office.Wrapping = fyne.TextWrapWord
	s.calendar = newCalendarEditor(u)
	s.account = wrapped("")
	s.accounts = widget.NewButton("操作员账号…", u.showAccounts)
	s.root = formPane(nil, container.NewVBox(
		sectionTitle("本单位"), s.office,
		widget.NewSeparator(), sectionTitle("操作员账号"), s.account,
		buttonBar(widget.NewButton("修改我的密码…", u.changePassword), widget.NewButton("锁定窗口", u.lockNow), s.accounts),
		widget.NewSeparator(), sectionTitle("工作规则"), s.form.object(),
		widget.NewSeparator(), sectionTitle("放假安排"), s.calendar.root,
		widget.NewSeparator(), sectionTitle("责任单位"),
		buttonBar(widget.NewButton("责任单位目录…", u.showDepartments)),
		widget.NewSeparator(), sectionTitle("同步文件的公钥卡"), s.keys,
		buttonBar(widget.NewButton("导出本单位公钥卡…", func() { u.exchangeScreen().exportCard() }),
			widget.NewButton("登记对方公钥卡…", func() { u.exchangeScreen().importCard() })),
		widget.NewSeparator(), sectionTitle("外观"), s.theme,
		widget.NewSeparator(), sectionTitle("备份与恢复"),
		wrapped("建议每周备份一次，备份文件存到U盘或其他电脑。恢复会用备份中的记录替换当前全部记录。"),
		buttonBar(backup, restore),
		widget.NewSeparator(), sectionTitle("修改记录"),
		wrapped("每条记录的页面上有“修改记录”按钮；已删除的记录在这里查找。"),
		buttonBar(widget.NewButton("已删除的记录…", u.showDeleted))), save)
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.root }

func (s *settingsScreen) reload() {
	st, err := s.u.svc.Settings(s.u.ctx)
	if err != nil {
		s.form.show(err)
		return
	}
	s.cur = st
	for _, f := range settingFields {
		s.nums[f.field].SetText(strconv.Itoa(*f.of(&st)))
	}
	s.receipt.SetChecked(st.DeptReceipt)
	s.fund.SetText(st.FundSize.Wan())
	s.began.SetText(st.Began.String())
	s.modes.SetSelected(st.VisitModesCounted)
	s.idleLock.SetText(strconv.Itoa(st.IdleLockMinutes()))
	s.account.SetText(s.u.accountLine())
	if s.u.svc.Allowed(s.u.ctx, app.AccessAdmin) == nil {
		s.accounts.Enable()
	} else {
		s.accounts.Disable()
	}
	for i, f := range issuerFields {
		s.issuer[i].SetText(*f.of(&st))
	}
	o := s.u.office
	text := fmt.Sprintf("%s（机构代码 %s，%s）\n数据库：%s", o.Name, o.Code, o.Role.Label(), s.u.dbPath)
	if s.u.version != "" {
		text += "\n程序版本：" + s.u.version
	}
	s.office.SetText(text)
	s.keys.SetText(s.u.exchangeScreen().fingerprints())
	s.calendar.reload()
	s.form.clear()
}

func (s *settingsScreen) save() {
	var v app.Invalid
	st := s.cur
	for _, f := range settingFields {
		*f.of(&st) = parseIntField(&v, f.field, s.nums[f.field])
	}
	st.DeptReceipt = s.receipt.Checked
	st.FundSize = parseWanField(&v, "FundSize", s.fund)
	st.Began = parseDateField(&v, "Began", s.began)
	st.VisitModesCounted = append([]string(nil), s.modes.Selected...)
	for i, f := range issuerFields {
		*f.of(&st) = strings.TrimSpace(s.issuer[i].Text)
	}
	st.SetIdleLockMinutes(parseIntField(&v, "IdleLock", s.idleLock))
	if err := v.Err(); err != nil {
		s.form.show(err)
		return
	}
	if err := s.u.svc.SaveSettings(s.u.ctx, st); err != nil {
		s.form.show(err)
		return
	}
	s.form.clear()
	var printed []printField
	for i, f := range issuerFields {
		printed = append(printed, printField{f.label, s.issuer[i].Text})
	}
	s.u.saved("设置已保存", printed...)
}

func (s *settingsScreen) backup() {
	name := fmt.Sprintf("五个一备份-%s-%s.db", s.u.office.Name, s.u.svc.Today())
	s.u.fileSave(name, func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := uriPath(w.URI())
		w.Close()
		// The dialog made an empty file; the backup must write a new one.
		if err := storage.Delete(w.URI()); err != nil {
			s.u.showError(err)
			return
		}
		if err := s.u.svc.Backup(s.u.ctx, path); err != nil {
			s.u.showError(err)
			return
		}
		s.u.notify("已备份到 " + path)
	})
}

func (s *settingsScreen) restore() {
	s.u.fileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := uriPath(r.URI())
		r.Close()
		dialog.ShowConfirm("从备份恢复", "恢复会用备份文件中的记录替换本数据库的全部记录，确定吗？\n"+path, func(ok bool) {
			if !ok {
				return
			}
			if err := s.u.svc.Restore(s.u.ctx, path); err != nil {
				s.u.showError(err)
				return
			}
			s.u.notify("已从备份恢复：" + path)
			s.u.reloadAll()
		}, s.u.win)
	})
}
