package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// accountsUI is a set-up database of 海港区 with a 管理员 测试员 and a 只读
// 王五, and the window opened on it by a service nobody signed in to.
func accountsUI(t *testing.T, opts ...Option) (*UI, *datatest.Store) {
	t.Helper()
	if err := UseChinese(); err != nil {
		t.Fatal(err)
	}
	st := datatest.New(t)
	admin := newTestService(t, st)
	if err := admin.SetUp(context.Background(), haigang); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddAccount(context.Background(), "王五", app.AccessReader, "chakan-2026"); err != nil {
		t.Fatal(err)
	}
	return New(test.NewTempApp(t), newBareService(st), opts...), st
}

// signInAs fills the sign-in form shown in u and submits it.
func signInAs(t *testing.T, u *UI, name, password string) {
	t.Helper()
	sel := findAll[*widget.Select](u.win.Content())
	if len(sel) != 1 {
		t.Fatalf("the sign-in form has %d drop-downs, want the accounts'", len(sel))
	}
	sel[0].SetSelected(name)
	pass := findAll[*widget.Entry](u.win.Content())
	if len(pass) != 1 || !pass[0].Password {
		t.Fatalf("the sign-in form has %d entries, want one password", len(pass))
	}
	pass[0].SetText(password)
	enter(pass[0])
}

// A database with accounts opens on the sign-in form: a wrong password is
// refused on the form; the right one opens the screens, and a 只读 account
// sees them but saving an enterprise is refused in Chinese, nothing saved.
func TestSignIn(t *testing.T) {
	u, st := accountsUI(t)
	if u.tabs != nil {
		t.Fatal("the screens opened before anyone signed in")
	}
	sel := findAll[*widget.Select](u.win.Content())
	if len(sel) != 1 || strings.Join(sel[0].Options, ",") != "测试员,王五" {
		t.Fatalf("accounts offered: %d drop-downs %v", len(sel), sel[0].Options)
	}
	signInAs(t, u, "王五", "wrong-pass")
	if u.tabs != nil || !strings.Contains(labelTexts(u.win.Content()), "账号或密码不对") {
		t.Fatalf("a wrong password: screens %v, form says\n%s", u.tabs != nil, labelTexts(u.win.Content()))
	}
	// The card grows with the message: its button stays inside it.
	layOut(u)
	card := findAll[*widget.Card](u.win.Content())[0]
	if card.Size().Height < card.MinSize().Height {
		t.Errorf("the sign-in card is %.0f high, its content needs %.0f", card.Size().Height, card.MinSize().Height)
	}
	signInAs(t, u, "王五", "chakan-2026")
	if u.tabs == nil {
		t.Fatalf("the right password did not open the screens:\n%s", labelTexts(u.win.Content()))
	}
	if got := u.win.Title(); got != "五个一工作台 — 海港区 — 王五（只读）" {
		t.Errorf("title %q", got)
	}
	if u.svc.Operator != "王五" || u.app.Preferences().String(prefAccount) != "王五" {
		t.Errorf("operator %q, remembered %q", u.svc.Operator, u.app.Preferences().String(prefAccount))
	}
	settle(u)
	s := u.ents
	s.newRecord()
	s.name.SetText("秦皇岛海鹏机械有限公司")
	s.code.SetText(creditCode(t, 5))
	s.save()
	if !strings.Contains(s.form.general.Text, "只读账号只能查看") {
		t.Errorf("a 只读 save says %q", s.form.general.Text)
	}
	if list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Errorf("a 只读 account saved %d enterprises", len(list))
	}
	u.settings.reload()
	if !u.settings.accounts.Disabled() || !strings.Contains(u.settings.account.Text, "王五（只读）") {
		t.Errorf("设置 of a 只读 account: accounts button enabled %v, line %q", !u.settings.accounts.Disabled(), u.settings.account.Text)
	}
}

// A database of an earlier version (set up, no account) asks for its
// first 管理员 before the screens.
func TestFirstAdmin(t *testing.T) {
	st := datatest.NewSetUp(t, haigang)
	u := New(test.NewTempApp(t), newBareService(st))
	if u.tabs != nil {
		t.Fatal("the screens opened without an account")
	}
	e := findAll[*widget.Entry](u.win.Content())
	if len(e) != 3 {
		t.Fatalf("the form has %d entries, want name and the password twice", len(e))
	}
	e[0].SetText("刘芳")
	e[1].SetText("liufang-1")
	e[2].SetText("liufang-1")
	enter(e[2])
	if u.tabs == nil || u.svc.SignedIn() == nil || u.svc.SignedIn().Access != app.AccessAdmin {
		t.Fatalf("after the form: screens %v, signed in %+v\n%s", u.tabs != nil, u.svc.SignedIn(), labelTexts(u.win.Content()))
	}
}

// After the office's idle time the window locks, its screens kept under
// the cover, and nothing can be saved until the password is given again;
// before that time, or with the lock off, it does not lock.
func TestIdleLock(t *testing.T) {
	idle := 29 * time.Minute
	u, st := accountsUI(t, Idle(func() (time.Duration, bool) { return idle, true }))
	signInAs(t, u, "测试员", testPassword)
	settle(u)
	tabs := u.tabs
	u.checkIdle()
	if u.locked != nil {
		t.Fatal("locked after 29 minutes; the default is 30")
	}
	idle = 31 * time.Minute
	u.checkIdle()
	if u.locked == nil || u.svc.SignedIn() != nil {
		t.Fatal("not locked after 31 minutes")
	}
	cover := u.locked.Content
	if !strings.Contains(labelTexts(cover), "窗口已锁定（30分钟无操作）") {
		t.Errorf("the cover says\n%s", labelTexts(cover))
	}
	e := app.Enterprise{Name: "秦皇岛海鹏机械有限公司", CreditCode: creditCode(t, 5)}
	if err := u.svc.SaveEnterprise(u.ctx, &e); err == nil {
		t.Error("saved while locked")
	}
	pass := findAll[*widget.Entry](cover)[0]
	pass.SetText("wrong-pass")
	enter(pass)
	if u.locked == nil || !strings.Contains(labelTexts(cover), "账号或密码不对") {
		t.Fatalf("a wrong password unlocked, or was not refused:\n%s", labelTexts(cover))
	}
	pass.SetText(testPassword)
	enter(pass)
	if u.locked != nil || u.tabs != tabs || u.svc.Operator != "测试员" {
		t.Fatalf("after the password: locked %v, same screens %v", u.locked != nil, u.tabs == tabs)
	}

	// Off: never locks.
	set, err := u.svc.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SetIdleLockMinutes(0)
	if err := u.svc.SaveSettings(u.ctx, set); err != nil {
		t.Fatal(err)
	}
	idle = 10 * time.Hour
	u.checkIdle()
	if u.locked != nil {
		t.Error("locked with the lock off")
	}
	// By hand, then another account signs in: the screens start anew.
	u.lockNow()
	if u.locked == nil {
		t.Fatal("锁定窗口 did not lock")
	}
	tapButton(t, u.locked.Content, "换一个账号登录")
	if u.locked != nil {
		t.Fatal("the cover stayed")
	}
	signInAs(t, u, "王五", "chakan-2026")
	if u.tabs == nil || u.tabs == tabs || u.svc.Operator != "王五" {
		t.Fatalf("another account: screens anew %v, operator %q", u.tabs != tabs, u.svc.Operator)
	}
	if list, _ := st.Enterprises(u.ctx, app.EnterpriseFilter{}); len(list) != 0 {
		t.Errorf("%d enterprises saved", len(list))
	}
}

// A 管理员 adds an account (two passwords that differ refused), resets a
// forgotten password, changes a kind and removes an account; the last
// 管理员 stays.
func TestAccountsView(t *testing.T) {
	u, st := accountsUI(t)
	signInAs(t, u, "测试员", testPassword)
	settle(u)
	s := newAccountsView(u)
	s.reload()
	if len(s.list) != 2 {
		t.Fatalf("%d accounts listed, want 2", len(s.list))
	}
	s.name.SetText("李四")
	s.access.SetSelected(string(app.AccessClerk))
	s.pass.SetText("luru-2026")
	s.again.SetText("luru-2027")
	s.saveAccount()
	if !strings.Contains(fieldMessages(s.form), "两次输入的密码不一样") {
		t.Errorf("passwords that differ: %q", fieldMessages(s.form))
	}
	s.again.SetText("luru-2026")
	s.saveAccount()
	a, err := st.Account(u.ctx, "李四")
	if err != nil || a.Access != app.AccessClerk || a.CreatedBy != "测试员" || len(s.list) != 3 {
		t.Fatalf("added: %+v, %v; %d listed", a, err, len(s.list))
	}
	s.edit(a)
	s.pass.SetText("xin-mima-1")
	s.again.SetText("xin-mima-1")
	s.resetPassword()
	if a, _ := st.Account(u.ctx, "李四"); !app.CheckPassword(a.Hash, "xin-mima-1") {
		t.Error("the password was not reset")
	}
	s.edit(a)
	s.access.SetSelected(string(app.AccessReader))
	s.saveAccount()
	if a, _ := st.Account(u.ctx, "李四"); a.Access != app.AccessReader {
		t.Errorf("kind %q after the change", a.Access)
	}
	me, _ := st.Account(u.ctx, "测试员")
	s.edit(me)
	s.access.SetSelected(string(app.AccessClerk))
	s.saveAccount()
	if !strings.Contains(s.form.general.Text+fieldMessages(s.form), "最后一个管理员") {
		t.Errorf("the last 管理员 made a 录入员: %q", s.form.general.Text+fieldMessages(s.form))
	}
	s.edit(a)
	s.remove()
	confirmDialog(t, u)
	if _, err := st.Account(u.ctx, "李四"); err == nil {
		t.Error("李四 was not removed")
	}
}

// confirmDialog answers yes to the question on top of u's window.
func confirmDialog(t *testing.T, u *UI) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question open")
	}
	for _, b := range findAll[*widget.Button](top) {
		if b.Importance == widget.HighImportance {
			test.Tap(b)
			return
		}
	}
	t.Fatal("the question has no button to say yes")
}
