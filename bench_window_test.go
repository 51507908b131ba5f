package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/ui"
)

// The speed of the window (issue 16): .ci/bench-window.sh times the real
// window against trivialWindow; BenchmarkTabs times, without a display,
// the part of a tab switch that is the program's own work.

// benchCity is the 10-office × 10-year city database .ci/bench-db.sh
// builds.
var benchCity = filepath.Join(".ci", "out", "bench", "city10.db")

// trivialWindowWanted says whether the test binary should stand in for
// the trivial window (see trivialWindow).
func trivialWindowWanted() bool { return os.Getenv("WUGEYI_BENCH_TRIVIAL") != "" }

// trivialWindow is the yardstick of the window benchmark: the smallest
// window of this program, one label in its theme with the same embedded
// font, made as the program makes its app (newFyneApp), at the size of the
// main window, with the same frame trace. It runs
// on the main goroutine (from TestMain), as a Fyne window must, and returns
// when it is closed.
func trivialWindow() int {
	trace := ui.NewTrace(os.Stderr)
	a := newFyneApp()
	w := a.NewWindow(ui.Title)
	w.SetContent(container.NewStack(widget.NewLabel("五个一工作台：重点企业联系服务"), trace.Probe()))
	w.Resize(fyne.NewSize(1280, 720))
	trace.Note("built the window")
	w.ShowAndRun()
	return 0
}

// BenchmarkStart times ui.New on the city database of 10 offices × 10
// years: what the program does between opening the database and its first
// frame, less the frame itself.
func BenchmarkStart(b *testing.B) {
	svc := benchService(b)
	for range b.N {
		a := test.NewTempApp(b)
		ui.ApplyTheme(a)
		u := ui.New(a, svc)
		u.Window().Resize(fyne.NewSize(1280, 720))
		u.WaitReads()
		u.Window().Close()
	}
}

// benchService opens the city database for a benchmark, or skips it when
// .ci/bench-db.sh has not made it.
func benchService(b *testing.B) *app.Service {
	b.Helper()
	if _, err := os.Stat(benchCity); err != nil {
		b.Skip("no " + benchCity + ": run .ci/bench-db.sh first")
	}
	db, err := data.Open(benchCity)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := wired(db, "张三")
	if err := svc.EnsureKeys(context.Background()); err != nil {
		b.Fatal(err)
	}
	// The window opens on its screens once signed in; the bench database
	// gets the account the first time.
	ctx := context.Background()
	has, err := svc.HasAccounts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if has {
		err = svc.SignIn(ctx, "张三", "bench-2026")
	} else {
		err = svc.AddFirstAdmin(ctx, "张三", "bench-2026")
	}
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkTabs times each tab's selection on the city database of 10
// offices × 10 years: the work on the UI's goroutine from the click until
// the frame can be painted (the reload of the visible page and the layout
// of the new content), without the paint itself, which needs a display.
// The first selection of each tab, which may build the screen, is logged
// apart. Run: go test -run '^$' -bench Tabs -benchtime 5x .
func BenchmarkTabs(b *testing.B) {
	svc := benchService(b)
	a := test.NewTempApp(b)
	ui.ApplyTheme(a)
	t0 := time.Now()
	u := ui.New(a, svc)
	u.Window().Resize(fyne.NewSize(1280, 720))
	b.Logf("window built in %v", time.Since(t0).Round(time.Millisecond))
	tabs := u.Tabs()
	if len(tabs) < 2 {
		b.Fatalf("tabs %v", tabs)
	}
	u.WaitReads()
	for _, title := range append(tabs[1:], tabs[0]) {
		t := time.Now()
		u.ShowTab(title)
		d := time.Since(t)
		u.WaitReads()
		b.Logf("first %s: %v", title, d.Round(100*time.Microsecond))
	}
	for i, title := range tabs {
		other := tabs[(i+1)%len(tabs)]
		b.Run(title, func(b *testing.B) {
			b.StopTimer()
			for range b.N {
				u.ShowTab(other)
				u.WaitReads()
				b.StartTimer()
				u.ShowTab(title)
				b.StopTimer()
				u.WaitReads()
			}
		})
	}
}
