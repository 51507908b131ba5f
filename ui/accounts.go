package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// accountsView (操作员账号, opened from 设置 by a 管理员) lists the
// accounts of this database and adds, changes and removes them.
type accountsView struct {
	u     *UI
	list  []app.Account
	table *recordTable
	count *widget.Label

	cur     app.Account // "" Name: a new account
	heading *widget.Label
	form    *fieldForm
	name    *widget.Entry
	access  *widget.Select
	pass    *widget.Entry // a new account's first password, or a new one for a forgotten password
	again   *widget.Entry
	save    *widget.Button
	reset   *widget.Button
	del     *widget.Button

	root fyne.CanvasObject
}

func newAccountsView(u *UI) *accountsView {
	s := &accountsView{u: u, count: widget.NewLabel("")}
	s.table = newRecordTable(
		[]column{{"账号", 110}, {"类型", 70}, {"状态", 150}},
		func() int { return len(s.list) },
		func(r, c int) (string, widget.Importance) {
			a := s.list[r]
			return [...]string{a.Name, string(a.Access), accountState(a, u.svc.Now())}[c], widget.MediumImportance
		},
		func(r int) { s.edit(s.list[r]) })
	s.heading = sectionTitle("")
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("同事的姓名，记入其每条修改记录")
	var kinds []string
	for _, a := range app.Accesses() {
		kinds = append(kinds, string(a))
	}
	s.access = newSelect(kinds, nil)
	s.pass = widget.NewPasswordEntry()
	s.pass.SetPlaceHolder(fmt.Sprintf("至少%d位，当面告诉本人", app.MinPassword))
	s.again = widget.NewPasswordEntry()
	s.form = newFieldForm(s.saveAccount)
	s.form.add("Name", "账号", s.name)
	s.form.add("Access", "类型", s.access)
	s.form.add("Password", "密码", s.pass)
	s.form.add("Again", "再输一次密码", s.again)
	s.save = widget.NewButton("保存", s.saveAccount)
	s.save.Importance = widget.HighImportance
	s.reset = widget.NewButton("重设密码", s.resetPassword)
	s.del = widget.NewButton("删除账号", s.remove)
	s.del.Importance = widget.DangerImportance
	newBtn := widget.NewButton("添加账号", func() { s.edit(app.Account{}) })
	note := wrapped("管理员：全部记录，以及设置、日历、公钥卡、恢复备份和账号；录入员：录入和修改记录；只读：只能查看。" +
		"同事忘记密码时，选中其账号，输入新密码后点“重设密码”。至少要留一个管理员。")
	left := container.NewBorder(container.NewVBox(note, buttonBar(newBtn)), s.count, nil, nil, s.table)
	split := container.NewHSplit(left, formPane(s.heading, s.form.object(), s.save, s.reset, s.del))
	split.Offset = 0.5
	s.root = split
	s.edit(app.Account{})
	return s
}

// accountState says whether an account may sign in now.
func accountState(a app.Account, now time.Time) string {
	if now.Before(a.LockedTo) {
		return "密码输错次数过多，锁定至 " + a.LockedTo.Local().Format("15:04:05")
	}
	return "正常"
}

// showAccounts opens the accounts in a dialog.
func (u *UI) showAccounts() {
	s := newAccountsView(u)
	s.reload()
	d := dialog.NewCustom("操作员账号", "关闭", s.root, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 900), min(u.win.Canvas().Size().Height-40, 560)))
	d.Show()
}

func (s *accountsView) reload() {
	list, err := s.u.svc.Accounts(s.u.ctx)
	if err != nil {
		s.count.SetText(app.Message(err))
		return
	}
	s.list = list
	s.count.SetText(fmt.Sprintf("共 %d 个账号", len(list)))
	s.table.reset()
}

func (s *accountsView) edit(a app.Account) {
	s.cur = a
	s.form.clear()
	s.pass.SetText("")
	s.again.SetText("")
	isNew := a.Name == ""
	if isNew {
		s.heading.SetText("添加账号")
		s.name.Enable()
		s.access.SetSelected(string(app.AccessClerk))
	} else {
		s.heading.SetText("账号：" + a.Name)
		s.name.Disable() // the name is on every change the account made
		s.access.SetSelected(string(a.Access))
	}
	s.name.SetText(a.Name)
	s.reset.Hidden = isNew
	s.del.Hidden = isNew
	s.reset.Refresh()
	s.del.Refresh()
}

// passwords reads the two password entries, refusing two that differ.
func (s *accountsView) passwords() (string, bool) {
	if err := samePassword(s.pass, s.again); err != nil {
		s.form.show(*err)
		return "", false
	}
	return s.pass.Text, true
}

// saveAccount adds the new account, or changes the kind of the one shown.
func (s *accountsView) saveAccount() {
	access := app.Access(s.access.Selected)
	if s.cur.Name != "" {
		if err := s.u.svc.SetAccess(s.u.ctx, s.cur.Name, access); err != nil {
			s.form.show(err)
			return
		}
		s.done("账号“" + s.cur.Name + "”已改为" + string(access))
		return
	}
	pass, ok := s.passwords()
	if !ok {
		return
	}
	if err := s.u.svc.AddAccount(s.u.ctx, s.name.Text, access, pass); err != nil {
		s.form.show(err)
		return
	}
	s.done(fmt.Sprintf("已添加账号“%s”（%s）", s.name.Text, access))
}

func (s *accountsView) resetPassword() {
	pass, ok := s.passwords()
	if !ok {
		return
	}
	if err := s.u.svc.ResetPassword(s.u.ctx, s.cur.Name, pass); err != nil {
		s.form.show(err)
		return
	}
	s.done("已重设账号“" + s.cur.Name + "”的密码")
}

func (s *accountsView) remove() {
	name := s.cur.Name
	dialog.ShowConfirm("删除账号", "确定删除账号“"+name+"”吗？它做过的修改记录仍然保留。", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.svc.RemoveAccount(s.u.ctx, name); err != nil {
			s.u.showError(err)
			return
		}
		s.done("已删除账号“" + name + "”")
	}, s.u.win)
}

// done says what was done, lists the accounts again and starts a new one.
func (s *accountsView) done(msg string) {
	s.reload()
	s.edit(app.Account{})
	s.u.notify(msg)
	if s.u.settings != nil {
		s.u.settings.reload()
	}
}

// changePassword asks for the signed-in operator's old password and a
// new one, twice.
func (u *UI) changePassword() {
	old, pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f := newFieldForm(nil)
	f.add("Old", "原密码", old)
	f.add("Password", "新密码", pass)
	f.add("Again", "再输一次新密码", again)
	var d dialog.Dialog
	save := func() {
		if pass.Text != again.Text {
			f.show(app.FieldError{Field: "Again", Msg: "两次输入的新密码不一样，请重新输入"})
			return
		}
		if err := u.svc.ChangePassword(u.ctx, old.Text, pass.Text); err != nil {
			f.show(err)
			return
		}
		d.Hide()
		u.notify("密码已修改")
	}
	again.OnSubmitted = func(string) { save() }
	ok := widget.NewButton("修改", save)
	ok.Importance = widget.HighImportance
	d = dialog.NewCustom("修改我的密码", "取消", container.NewVBox(f.object(), buttonBar(ok)), u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 520), 0))
	d.Show()
	u.win.Canvas().Focus(old)
}
