// Package ui is the window of 五个一工作台: one file per screen, the theme,
// and small shared widgets. It reaches the records through app.Service
// alone: the Service's methods for every change, and the Store's reads,
// which the Service promotes (svc.Problems). It never names the Store (the
// adapters that move records to and from files, syncfile and xlsx, take the
// Service too), never imports the storage package, and shows every error
// with app.Message.
package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// Title is the window title before the office is known.
const Title = "五个一工作台"

// screen is one tab of the main window.
type screen interface {
	view() fyne.CanvasObject
	reload() // read the records again
}

// releaser is a screen that lets go of the records it read when its tab
// is left: reload reads them again when the tab is shown.
type releaser interface{ release() }

// searcher is a screen with a search box (Ctrl+F).
type searcher interface{ focusSearch() }

// creator is a screen that can start a new record (Ctrl+N).
type creator interface{ newRecord() }

// UI is the main window and its screens.
type UI struct {
	app    fyne.App
	svc    *app.Service
	win    fyne.Window
	office app.Office
	ctx    context.Context

	tabs    *tabs
	screens map[*container.TabItem]screen
	officeF *widget.Select // the city's choice of whose records the screens show
	status  *widget.Label  // the line at the bottom: what was last done
	dbPath  string         // shown on the settings screen
	version string         // the program's version, shown on the settings screen

	// screens are those made so far; makers make each tab's screen when
	// it is first needed; shown is the screen in the window, whose tab is
	// selected.
	makers map[*container.TabItem]func() screen
	shown  screen

	// do runs f on the UI's goroutine and waits for it: how background
	// reads hand their results to the screens. Tests replace it.
	do func(f func())

	dash      *dashboardScreen
	ents      *enterprisesScreen
	leaders   *leadersScreen
	visits    *visitsScreen
	ledger    *ledgerScreen
	meetings  *meetingsScreen
	finance   *financingScreen
	loans     *loansScreen
	exchange  *exchangeScreen
	printing  *printScreen
	settings  *settingsScreen
	notice    *noticeScreen    // the city's only
	assess    *assessScreen    // the city's only
	published *publishedScreen // a county's only
	assessed  *assessedScreen  // a county's only

	printer printer // writes and opens the printed documents

	// The idle lock: the PC's idle time (Idle) or, without it, when the
	// window was last used (touch); the cover of a locked window, or nil.
	idle   func() (time.Duration, bool)
	active time.Time
	locked *widget.PopUp

	trace  *Trace            // times the frames for the window benchmark, or nil
	frames *frameHook        // runs reads after the next frame (ReadAfterFrames), or nil
	main   fyne.CanvasObject // what the window shows, less the hook and the probe
	reads  readers           // the background reads of long lists
	inline bool              // read in the foreground (tests; see background)
}

// New makes the main window of a over svc. If the database is not set up
// yet, the window first asks for the office and its first 管理员; a
// database without accounts (of an earlier version) asks for the 管理员;
// one with accounts asks who signs in, unless svc is signed in already.
// opts change how it works (ReadAfterFrames, Idle).
func New(a fyne.App, svc *app.Service, opts ...Option) *UI {
	u := &UI{app: a, svc: svc, ctx: context.Background(), win: a.NewWindow(Title), do: fyne.DoAndWait,
		idle: systemIdle, active: time.Now()}
	for _, o := range opts {
		o(u)
	}
	u.win.Resize(defaultWindowSize)
	o, err := svc.Office(u.ctx)
	var has bool
	if err == nil {
		u.office = o
		has, err = svc.HasAccounts(u.ctx)
	}
	switch {
	case errors.Is(err, app.ErrNotSetUp):
		u.win.SetContent(u.setupForm(u.start))
	case err != nil:
		u.win.SetContent(widget.NewLabel(app.Message(err)))
	case !has:
		u.win.SetContent(u.firstAdminForm(u.start))
	case svc.SignedIn() == nil:
		u.win.SetContent(u.signInForm(u.start))
	default:
		u.start()
	}
	u.win.Canvas().SetOnTypedKey(u.dialogKey)
	u.startProbe()
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// start builds the screens once the office and operator are known.
func (u *UI) start() {
	if o, err := u.svc.Office(u.ctx); err == nil {
		u.office = o
	}
	title := Title + " — " + u.office.Name
	if a := u.svc.SignedIn(); a != nil {
		title += " — " + a.Name + "（" + string(a.Access) + "）" // who works here, a 只读 account too
	}
	u.win.SetTitle(title)
	u.officeF = newFilter(officeChoices(), func(string) {
		if s := u.current(); s != nil {
			s.reload()
		}
	})
	u.screens = map[*container.TabItem]screen{}
	u.makers = map[*container.TabItem]func() screen{}
	var items []*container.TabItem
	// Each screen is made when its tab is first shown (or another screen
	// needs it): making all of them made the window slow to open.
	add := func(title string, newScreen func() screen) {
		t := container.NewTabItem(title, nil)
		u.makers[t] = newScreen
		items = append(items, t)
	}
	add(tabDashboard, func() screen { u.dash = newDashboardScreen(u); return u.dash })
	if u.office.Role == app.RoleCity {
		add(tabNotice, func() screen { u.notice = newNoticeScreen(u); return u.notice })
		add(tabAssess, func() screen { u.assess = newAssessScreen(u); return u.assess })
	} else {
		add(tabPublished, func() screen { u.published = newPublishedScreen(u); return u.published })
		add(tabAssessed, func() screen { u.assessed = newAssessedScreen(u); return u.assessed })
	}
	add(tabEnterprises, func() screen { u.ents = newEnterprisesScreen(u); return u.ents })
	add(tabLeaders, func() screen { u.leaders = newLeadersScreen(u); return u.leaders })
	add(tabVisits, func() screen { u.visits = newVisitsScreen(u); return u.visits })
	add(tabLedger, func() screen { u.ledger = newLedgerScreen(u); return u.ledger })
	add(tabMeetings, func() screen { u.meetings = newMeetingsScreen(u); return u.meetings })
	add(tabFinancing, func() screen { u.finance = newFinancingScreen(u); return u.finance })
	add(tabLoans, func() screen { u.loans = newLoansScreen(u); return u.loans })
	add(tabExchange, func() screen { u.exchange = newExchangeScreen(u); return u.exchange })
	add(tabPrint, func() screen { u.printing = newPrintScreen(u); return u.printing })
	add(tabSettings, func() screen { u.settings = newSettingsScreen(u); return u.settings })
	u.build(items[0])
	u.tabs = newSideTabs(items...)
	u.tabs.Prepare = func(t *container.TabItem) { u.build(t) }
	u.tabs.OnSelected = u.show
	u.status = widget.NewLabel("")
	u.status.Importance = widget.SuccessImportance
	u.status.Truncation = fyne.TextTruncateEllipsis // a long path must not widen the window
	var top fyne.CanvasObject
	if u.office.Role == app.RoleCity {
		top = container.NewHBox(widget.NewLabel("查看单位"), u.officeF)
	}
	u.setContent(container.NewBorder(top, u.status, nil, nil, u.tabs))
	u.show(u.tabs.Selected())
	u.shortcuts()
	u.win.SetOnDropped(u.dropped)
}

// The titles of the tabs.
const (
	tabDashboard   = "工作台"
	tabNotice      = "进展通报"
	tabAssess      = "考核评估"
	tabPublished   = "市局通报"
	tabAssessed    = "考核结果"
	tabEnterprises = "重点企业"
	tabLeaders     = "联系领导与分包"
	tabVisits      = "走访记录"
	tabLedger      = "问题台账"
	tabMeetings    = "会议"
	tabFinancing   = "融资对接"
	tabLoans       = "应急转贷"
	tabExchange    = "数据交换"
	tabPrint       = "打印"
	tabSettings    = "设置"
)

// build makes the screen of tab t unless it is made, and puts it in the
// tab.
func (u *UI) build(t *container.TabItem) screen {
	if s := u.screens[t]; s != nil {
		return s
	}
	newScreen := u.makers[t]
	if newScreen == nil {
		return nil
	}
	s := newScreen()
	u.screens[t] = s
	t.Content = s.view()
	return s
}

// buildTab makes the screen of the tab titled title unless it is made.
func (u *UI) buildTab(title string) {
	if u.tabs == nil {
		return
	}
	for _, t := range u.tabs.Items {
		if t.Text == title {
			u.build(t)
		}
	}
}

// buildAll makes every screen (the tests look at screens not shown).
func (u *UI) buildAll() {
	if u.tabs != nil {
		for _, t := range u.tabs.Items {
			u.build(t)
		}
	}
}

// show reads the records of tab t's screen again once the tab is chosen.
// The screen left lets go of its records (releaser), which it reads again
// when it is shown anyway, and the memory goes back to the system when the
// window rests.
func (u *UI) show(t *container.TabItem) {
	u.touch()
	s := u.build(t)
	if s == nil {
		return
	}
	if r, ok := u.shown.(releaser); ok && u.shown != s {
		r.release()
	}
	if u.shown != nil {
		u.trimSoon()
	}
	u.shown = s
	s.reload()
}

// current is the screen of the selected tab.
func (u *UI) current() screen {
	if u.tabs == nil {
		return nil
	}
	return u.screens[u.tabs.Selected()]
}

func (u *UI) shortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if s, ok := u.current().(searcher); ok {
			s.focusSearch()
		}
	})
	search := func(fyne.Shortcut) { u.showSearch() }
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}, search)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, search)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if s, ok := u.current().(creator); ok {
			s.newRecord()
		}
	})
}

// selectTab shows the tab of screen s.
func (u *UI) selectTab(s screen) {
	for t, x := range u.screens {
		if x == s {
			u.tabs.Select(t)
			return
		}
	}
}

// showProblem opens a problem's page in the ledger tab, its row selected.
func (u *UI) showProblem(id string) {
	u.ShowTab(tabLedger)
	u.ledger.show(id)
}

// showError tells the user, in Chinese, why something was not done.
func (u *UI) showError(err error) {
	dialog.ShowError(errors.New(app.Message(err)), u.win)
}

// notify shows msg on the status line. Something was done: the window is
// in use (see touch).
func (u *UI) notify(msg string) {
	u.touch()
	if u.status != nil {
		u.status.SetText(time.Now().Format("15:04") + "  " + msg)
	}
}

// allOffices is the city's choice of every office's records.
const allOffices = "全部单位"

// officeChoices are the offices the city may choose to look at.
func officeChoices() []string {
	out := []string{allOffices}
	for _, o := range app.Offices {
		out = append(out, o.Name)
	}
	return out
}

// ownOffice is the office whose records the lists show: a county sees its
// own; the city bureau sees every office's, or the one it chose at the top
// of the window.
func (u *UI) ownOffice() string {
	if u.office.Role != app.RoleCity {
		return u.office.Code
	}
	for _, o := range app.Offices {
		if u.officeF != nil && o.Name == u.officeF.Selected {
			return o.Code
		}
	}
	return ""
}

// viewOffice is the one office whose calendar and fund are shown: the
// office chosen by the city, or this office.
func (u *UI) viewOffice() string {
	if o := u.ownOffice(); o != "" {
		return o
	}
	return u.office.Code
}

// enterpriseChoices are the names and IDs of the enterprises a picker offers;
// a name two enterprises share gets the end of the credit code added.
func (u *UI) enterpriseChoices() (names, ids []string) {
	names, ids, err := u.enterpriseChoicesOf(u.ownOffice())
	if err != nil {
		u.notify(app.Message(err))
	}
	return names, ids
}

// enterpriseChoicesOf are the choices of the enterprises of office; it
// may run off the UI's goroutine.
func (u *UI) enterpriseChoicesOf(office string) (names, ids []string, err error) {
	list, err := u.svc.Enterprises(u.ctx, app.EnterpriseFilter{Office: office})
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]int{}
	for _, e := range list {
		seen[e.Name]++
	}
	for _, e := range list {
		n := strings.Clone(e.Name) // not a part of the store's row string
		if seen[n] > 1 {
			n += "（" + e.CreditCode + "）"
		}
		names, ids = append(names, n), append(ids, strings.Clone(e.ID))
	}
	return names, ids, nil
}

// leaderChoices are the names and IDs of the leaders a picker offers, each
// with the leader's post.
func (u *UI) leaderChoices() (names, ids []string) {
	names, ids, err := u.leaderChoicesOf(u.ownOffice())
	if err != nil {
		u.notify(app.Message(err))
	}
	return names, ids
}

// leaderChoicesOf are the choices of the leaders of office; it may run
// off the UI's goroutine.
func (u *UI) leaderChoicesOf(office string) (names, ids []string, err error) {
	list, err := u.svc.Leaders(u.ctx, app.LeaderFilter{Office: office})
	if err != nil {
		return nil, nil, err
	}
	for _, l := range list {
		names, ids = append(names, l.Name+"（"+l.Post+"）"), append(ids, strings.Clone(l.ID))
	}
	return names, ids, nil
}

// exchangeScreen is the 数据交换 screen, made if it is not yet.
func (u *UI) exchangeScreen() *exchangeScreen {
	u.buildTab(tabExchange)
	return u.exchange
}

// showLoan opens a bridge loan in the loans tab.
func (u *UI) showLoan(id string) {
	u.ShowTab(tabLoans)
	u.loans.open(id)
}

// showMeetings opens the meetings tab on the year's calendar.
func (u *UI) showMeetings() {
	u.ShowTab(tabMeetings)
	u.meetings.tabs.SelectIndex(1)
}

// showLeader opens a leader in the leaders tab.
func (u *UI) showLeader(id string) {
	u.ShowTab(tabLeaders)
	u.leaders.open(id)
}

// newVisitFor opens a new visit of the assignment's leader to its
// enterprise.
func (u *UI) newVisitFor(a app.Assignment) {
	u.ShowTab(tabVisits)
	u.visits.newVisit(a.LeaderID, a.EnterpriseID)
}

// SetDBPath tells the settings screen where the database is.
func (u *UI) SetDBPath(path string) { u.dbPath = path }

// SetVersion tells the settings screen the program's name and version.
func (u *UI) SetVersion(v string) { u.version = v }

// reloadAll reads every screen's records again, after a restore.
func (u *UI) reloadAll() {
	for _, s := range u.screens {
		s.reload()
	}
}
