package ui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/data/datatest"
)

// newLazyUI opens the window as the program does: screens made when first
// needed, long lists read in the background (the UI goroutine stood in for
// by a lock, as the test driver runs fyne.DoAndWait on the caller's).
func newLazyUI(t *testing.T, o app.Office) (*UI, *datatest.Store) {
	t.Helper()
	st := datatest.New(t)
	svc := newTestService(t, st)
	if err := svc.SetUp(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), svc)
	if u.tabs == nil {
		t.Fatal("the main window did not open")
	}
	u.WaitReads() // the 工作台's first read, before u.do is replaced
	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	return u, st
}

// tabButtonOf is the name of the tab titled title in the column.
func tabButtonOf(t *testing.T, u *UI, title string) *tabButton {
	t.Helper()
	for _, b := range u.tabs.buttons {
		if b.text == title {
			return b
		}
	}
	t.Fatalf("no tab %s", title)
	return nil
}

// inWindow reports whether o is in the window's tree.
func inWindow(u *UI, o fyne.CanvasObject) bool {
	return slices.Contains(findAll[fyne.CanvasObject](u.win.Content()), o)
}

func TestScreensAreMadeWhenFirstShown(t *testing.T) {
	for _, o := range []app.Office{haigang, {Code: app.CityCode, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity}} {
		u, _ := newLazyUI(t, o)
		if len(u.screens) != 1 || u.dash == nil || u.ledger != nil || u.visits != nil {
			t.Fatalf("%s: %d screens made at the start", o.Name, len(u.screens))
		}
		if !inWindow(u, u.dash.view()) {
			t.Fatalf("%s: the 工作台 is not in the window", o.Name)
		}
		prev := u.dash.view()
		for _, item := range u.tabs.Items[1:] {
			test.Tap(tabButtonOf(t, u, item.Text))
			u.WaitReads()
			s := u.current()
			if s == nil || u.tabs.Selected() != item || u.screens[item] != s {
				t.Fatalf("%s: clicking %s selected %v", o.Name, item.Text, u.tabs.Selected())
			}
			if !inWindow(u, s.view()) || inWindow(u, prev) {
				t.Errorf("%s: after clicking %s the window holds the wrong screen", o.Name, item.Text)
			}
			if !tabButtonOf(t, u, item.Text).selected {
				t.Errorf("%s: the name of %s is not shown as selected", o.Name, item.Text)
			}
			prev = s.view()
		}
		if len(u.screens) != len(u.tabs.Items) {
			t.Errorf("%s: %d screens made after every tab, want %d", o.Name, len(u.screens), len(u.tabs.Items))
		}
	}
}

func TestOtherScreensAreMadeWhenNeeded(t *testing.T) {
	u, _ := newLazyUI(t, haigang)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: ent.ID, Source: "企业反映", Category: "审批", Description: "环评审批慢", Registered: today}}
	if err := u.svc.RegisterProblem(u.ctx, &np); err != nil {
		t.Fatal(err)
	}
	u.showProblem(np.Problem.ID) // a 工作台 row
	if u.current() != u.ledger || u.ledger.page.p.ID != np.Problem.ID {
		t.Fatal("showProblem did not open the problem in a ledger not made yet")
	}
	// The settings screen shows the fingerprints of the exchange screen,
	// not made yet.
	u.ShowTab(tabSettings)
	if u.exchange == nil || !strings.Contains(u.settings.keys.Text, "本单位 海港区（130302）指纹") {
		t.Errorf("settings: exchange made %v, keys %q", u.exchange != nil, u.settings.keys.Text)
	}
}

func TestLeftScreensLetGoOfTheirRecords(t *testing.T) {
	u, st := newLazyUI(t, haigang)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	l := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(u.ctx, &l); err != nil {
		t.Fatal(err)
	}
	const n = firstPage + 50
	err := st.Update(u.ctx, app.Op{Operator: "测试员", At: time.Now()}, func(tx app.Tx) error {
		for i := range n {
			v := app.Visit{Date: today.AddDays(-i), LeaderID: l.ID, EnterpriseID: ent.ID, Mode: app.VisitModes[0], Findings: fmt.Sprintf("走访%d", i)}
			if err := tx.SaveVisit(&v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	u.ShowTab(tabVisits)
	u.WaitReads()
	var rows int
	var count string
	u.do(func() { rows, count = len(u.visits.list), u.visits.count.Text })
	if rows != n || count != fmt.Sprintf("共 %d 次走访", n) {
		t.Fatalf("visits: %d rows, %q; want %d", rows, count, n)
	}
	u.ShowTab(tabLedger)
	u.WaitReads()
	if u.visits.list != nil {
		t.Errorf("the visits screen kept %d visits after its tab was left", len(u.visits.list))
	}
	u.ShowTab(tabVisits)
	u.WaitReads()
	if len(u.visits.list) != n {
		t.Errorf("back on 走访记录: %d visits, want %d", len(u.visits.list), n)
	}
}

func TestBackgroundDropsAnOldRead(t *testing.T) {
	u, _ := newLazyUI(t, haigang)
	var gen int
	var got []string
	release := make(chan struct{})
	u.do(func() {
		u.background(&gen, func() func() {
			<-release // the first read ends after the second
			return func() { got = append(got, "old") }
		})
		u.background(&gen, func() func() { return func() { got = append(got, "new") } })
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		var n int
		u.do(func() { n = len(got) })
		if n == 1 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(release)
	u.WaitReads()
	if !slices.Equal(got, []string{"new"}) {
		t.Errorf("applied %v, want only the newer read", got)
	}
}

// refreshCounter counts its refreshes.
type refreshCounter struct {
	widget.Label
	n int
}

func (c *refreshCounter) Refresh() {
	c.n++
	c.Label.Refresh()
}

func TestTabsRefreshAScreenThatMissedAThemeChange(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(false, false))
	one, two := &refreshCounter{}, &refreshCounter{}
	one.ExtendBaseWidget(one)
	two.ExtendBaseWidget(two)
	tb := newTabs(container.NewTabItem("一", one), container.NewTabItem("二", two))
	w := a.NewWindow("")
	w.SetContent(tb)
	tb.SelectIndex(1)
	tb.SelectIndex(0)
	before := two.n
	tb.SelectIndex(1) // the same theme: only laid out
	if two.n != before {
		t.Errorf("a screen shown again was refreshed %d times with no change of theme", two.n-before)
	}
	tb.SelectIndex(0)
	a.Settings().SetTheme(NewTheme(true, false)) // while 二 is out of the window
	before = two.n
	tb.SelectIndex(1)
	if two.n == before {
		t.Error("a screen out of the window during a change of theme was not refreshed when shown again")
	}
}

func TestFrameHookRunsAfterTheFrameOrAtTheLatestAfterTheFallback(t *testing.T) {
	test.NewTempApp(t)
	h := newFrameHook()
	var mu sync.Mutex
	ran := 0
	run := func() { mu.Lock(); ran++; mu.Unlock() }
	count := func() int { mu.Lock(); defer mu.Unlock(); return ran }
	h.after(run)
	if count() != 0 {
		t.Fatal("ran before the frame")
	}
	h.paint(1, 1) // the frame: Fyne asks for the hook's image
	if count() != 1 {
		t.Fatalf("after the frame: ran %d times", count())
	}
	h.after(run) // no frame comes
	deadline := time.Now().Add(5 * time.Second)
	for count() != 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if count() != 2 {
		t.Fatalf("without a frame: ran %d times after 5 s", count())
	}
	h.paint(1, 1) // nothing waits
	if count() != 2 {
		t.Errorf("a frame with nothing waiting ran something: %d", count())
	}
}

func TestReadsAfterFramesComeWithoutAFrame(t *testing.T) {
	st := datatest.New(t)
	svc := newTestService(t, st)
	if err := svc.SetUp(t.Context(), haigang); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), svc, ReadAfterFrames)
	u.WaitReads() // the 工作台's: the test driver draws no frame, the fallback starts it
	if u.dash.d.Today.IsZero() || !inWindow(u, u.dash.view()) {
		t.Fatal("the 工作台 has not read its figures, or is not in the window")
	}
	var mu sync.Mutex
	u.do = func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	u.ShowTab(tabVisits)
	u.WaitReads() // the test driver draws no frame: the fallback starts them
	var count string
	u.do(func() { count = u.visits.count.Text })
	if count != "共 0 次走访" {
		t.Errorf("visits: %q", count)
	}
}
