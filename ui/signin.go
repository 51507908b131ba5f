package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// prefAccount is the preference key of the account that signed in last,
// chosen first next time.
const prefAccount = "account"

// adminFields are the entries of a new 管理员: name, password, and the
// password again.
type adminFields struct {
	name, pass, again *widget.Entry
}

func newAdminFields(f *fieldForm, submit func()) adminFields {
	a := adminFields{name: widget.NewEntry(), pass: widget.NewPasswordEntry(), again: widget.NewPasswordEntry()}
	a.name.SetPlaceHolder("管理员的姓名，记入每条修改记录")
	a.pass.SetPlaceHolder(fmt.Sprintf("至少%d位", app.MinPassword))
	a.again.OnSubmitted = func(string) { submit() }
	f.add("Name", "管理员账号", a.name)
	f.add("Password", "密码", a.pass)
	f.add("Again", "再输一次密码", a.again)
	return a
}

// check refuses what AddFirstAdmin would, and two passwords that differ,
// before anything is saved.
func (a adminFields) check() error {
	var v app.Invalid
	if err := app.ValidateAccount(a.name.Text, app.AccessAdmin, a.pass.Text); err != nil {
		if !errors.As(err, &v) {
			return err
		}
	}
	if err := samePassword(a.pass, a.again); err != nil {
		v = append(v, *err)
	}
	return v.Err()
}

// samePassword refuses a password typed twice two ways, on the field of
// the second.
func samePassword(pass, again *widget.Entry) *app.FieldError {
	if pass.Text == again.Text {
		return nil
	}
	return &app.FieldError{Field: "Again", Msg: "两次输入的密码不一样，请重新输入"}
}

// firstAdminForm asks, in a database without accounts (a new one, or one
// of an earlier version), for its first 管理员; done runs once the account
// is saved and signed in.
func (u *UI) firstAdminForm(done func()) fyne.CanvasObject {
	var f *fieldForm
	var a adminFields
	save := func() {
		if err := a.check(); err != nil {
			f.show(err)
			return
		}
		if err := u.svc.AddFirstAdmin(u.ctx, a.name.Text, a.pass.Text); err != nil {
			f.show(err)
			return
		}
		u.signedIn()
		done()
	}
	f = newFieldForm(save)
	a = newAdminFields(f, save)
	intro := wrapped("本数据库还没有操作员账号。请先建一个管理员账号：以后每次打开都要登录，每条修改都记下账号。" +
		"其他同事的账号由管理员在“设置”中添加（录入员、只读）。")
	btn := widget.NewButton("建立账号并登录", save)
	btn.Importance = widget.HighImportance
	return centered(u.office.Name+" — 建立管理员账号", container.NewVBox(intro, f.object(), btn))
}

// signInForm asks for an account and its password; done runs once signed
// in.
func (u *UI) signInForm(done func()) fyne.CanvasObject {
	list, err := u.svc.Accounts(u.ctx)
	if err != nil {
		return widget.NewLabel(app.Message(err))
	}
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = a.Name
	}
	who := newSelect(names, nil)
	who.PlaceHolder = "请选择账号"
	last := u.app.Preferences().String(prefAccount)
	switch {
	case slices.Contains(names, u.svc.Operator):
		who.SetSelected(u.svc.Operator) // wugeyi -operator NAME
	case slices.Contains(names, last):
		who.SetSelected(last)
	case len(names) == 1:
		who.SetSelected(names[0])
	}
	pass := widget.NewPasswordEntry()
	var f *fieldForm
	signIn := func() {
		if who.Selected == "" {
			f.show(app.FieldError{Field: "Name", Msg: "请选择账号"})
			return
		}
		if err := u.svc.SignIn(u.ctx, who.Selected, pass.Text); err != nil {
			pass.SetText("")
			f.show(app.FieldError{Field: "Password", Msg: app.Message(err)})
			return
		}
		u.signedIn()
		done()
	}
	pass.OnSubmitted = func(string) { signIn() }
	f = newFieldForm(signIn)
	f.add("Name", "账号", who)
	f.add("Password", "密码", pass)
	btn := widget.NewButton("登录", signIn)
	btn.Importance = widget.HighImportance
	intro := wrapped("请选择您的账号并输入密码。忘记密码请找管理员在“设置 → 操作员账号”中重设。")
	if who.Selected != "" {
		u.win.Canvas().Focus(pass)
	}
	return centered(u.office.Name+" — 登录", container.NewVBox(intro, f.object(), btn))
}

// signedIn keeps who signed in for the next start and counts from now
// for the idle lock.
func (u *UI) signedIn() {
	if a := u.svc.SignedIn(); a != nil {
		u.app.Preferences().SetString(prefAccount, a.Name)
	}
	u.touch()
}

// touch notes that the window is in use now, for the idle lock where the
// PC's own idle time is not known (see Idle).
func (u *UI) touch() { u.active = time.Now() }

// Idle replaces how the window learns the PC's time without a key pressed
// or the mouse moved (systemIdle: on Windows GetLastInputInfo), which the
// idle lock uses; when that is not known it counts from the window's last
// change of tab, its last thing done (notify) or sign-in.
func Idle(idle func() (time.Duration, bool)) Option {
	return func(u *UI) { u.idle = idle }
}

// idleFor is how long the window has not been used.
func (u *UI) idleFor() time.Duration {
	if u.idle != nil {
		if d, ok := u.idle(); ok {
			return d
		}
	}
	return time.Since(u.active)
}

// WatchIdle checks every interval, until the app quits, whether the
// window has gone unused for the office's idle lock time, and locks it.
func (u *UI) WatchIdle(interval time.Duration) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for range t.C {
			fyne.Do(u.checkIdle)
		}
	}()
}

// checkIdle locks the window when an account is signed in and the window
// has gone unused for the office's idle lock time.
func (u *UI) checkIdle() {
	if u.locked != nil || u.svc.SignedIn() == nil {
		return
	}
	st, err := u.svc.Settings(u.ctx)
	if err != nil {
		return
	}
	m := st.IdleLockMinutes()
	if m > 0 && u.idleFor() >= time.Duration(m)*time.Minute {
		u.lock(fmt.Sprintf("%d分钟无操作", m))
	}
}

// lock covers the window, dialogs and all, until the account's password
// is given again; nothing under it is lost. Another account may sign in
// instead, which closes what was open and starts the screens anew.
func (u *UI) lock(reason string) {
	a := u.svc.SignedIn()
	if a == nil || u.locked != nil {
		return
	}
	name := a.Name
	u.svc.SignOut()
	pass := widget.NewPasswordEntry()
	var f *fieldForm
	unlock := func() {
		if err := u.svc.SignIn(u.ctx, name, pass.Text); err != nil {
			pass.SetText("")
			f.show(app.FieldError{Field: "Password", Msg: app.Message(err)})
			return
		}
		u.locked.Hide()
		u.locked = nil
		u.touch()
	}
	pass.OnSubmitted = func(string) { unlock() }
	f = newFieldForm(unlock)
	f.add("Password", "密码", pass)
	btn := widget.NewButton("解锁", unlock)
	btn.Importance = widget.HighImportance
	other := widget.NewButton("换一个账号登录", func() {
		u.locked.Hide()
		u.locked = nil
		for o := u.win.Canvas().Overlays(); o.Top() != nil; {
			o.Remove(o.Top())
		}
		u.setContent(u.signInForm(u.start))
	})
	intro := wrapped(fmt.Sprintf("窗口已锁定（%s）。请输入账号“%s”的密码继续，未保存的内容都还在。", reason, name))
	back := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	card := centered("已锁定 — "+name, container.NewVBox(intro, f.object(), buttonBar(btn, other)))
	u.locked = widget.NewModalPopUp(container.NewStack(back, card), u.win.Canvas())
	u.locked.Resize(u.win.Canvas().Size())
	u.locked.Show()
	u.win.Canvas().Focus(pass)
}

// lockNow locks the window at once (设置 → 锁定窗口).
func (u *UI) lockNow() { u.lock("手动锁定") }

// accountLine says who is signed in and what they may do.
func (u *UI) accountLine() string {
	a := u.svc.SignedIn()
	if a == nil {
		return "未登录"
	}
	what := map[app.Access]string{
		app.AccessAdmin:  "可以录入和修改全部记录，管理设置和账号",
		app.AccessClerk:  "可以录入和修改记录；设置、日历、公钥卡、恢复备份和账号由管理员管理",
		app.AccessReader: "只能查看，不能修改",
	}[a.Access]
	return strings.TrimSpace(fmt.Sprintf("当前账号：%s（%s）：%s", a.Name, a.Access, what))
}
