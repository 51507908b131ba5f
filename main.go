// Command wugeyi is 五个一工作台, the desk tool of the offices that carry out
// the key-enterprise contact service mechanism of 秦政办字〔2017〕200号.
//
// With no subcommand it opens the window on the database in the user's
// config folder, or on -db PATH. The subcommands (init, demo, stats, …) work
// without a window; wugeyi help lists them (cli.go), and see README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/assets"
	"wugeyi/data"
	"wugeyi/ui"
)

// appID is the Fyne application ID; it names the preferences folder.
const appID = "cn.gov.qhd.wugeyi"

// version and commit name this build; the build script (.ci/build.sh) sets
// them with -ldflags -X from FyneApp.toml and git. A plain go build says "dev".
var (
	version = "dev"
	commit  = ""
)

func main() {
	if len(os.Args) > 1 {
		// A Windows build has no console of its own: print into the one
		// it was started from (a no-op elsewhere).
		attachConsole()
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, runWindow))
}

// runWindow opens the window on the database the flags name and returns
// the exit code once it is closed.
func runWindow(w windowArgs, stderr io.Writer) int {
	dbPath, operator := &w.db, &w.operator
	// WUGEYI_TRACE=1 writes when frames are painted: the first, and the
	// first with the first screen's records; =first then quits; =tour then
	// shows every tab in turn, twice, and says "tour done"
	// (.ci/bench-window.sh).
	var trace *ui.Trace
	traceMode := os.Getenv("WUGEYI_TRACE")
	if traceMode != "" {
		trace = ui.NewTrace(stderr)
	}
	// WUGEYI_PROFILE=DIR writes a CPU profile of the start and the tour,
	// and a heap profile after the tour, into DIR.
	profDir := os.Getenv("WUGEYI_PROFILE")
	stopProfile := startProfile(profDir)
	defer stopProfile()
	if *dbPath == "" {
		p, err := defaultDBPath()
		if err != nil {
			fmt.Fprintln(stderr, "找不到用户配置文件夹，请用 -db 指定数据库文件："+err.Error())
			return 1
		}
		*dbPath = p
	}
	// The settings screen shows the path, and the print folder is beside
	// it: say where it is whatever the working folder was.
	if abs, err := filepath.Abs(*dbPath); err == nil {
		*dbPath = abs
	}
	tuneMemory()

	a := newFyneApp()
	if err := ui.UseChinese(); err != nil {
		fmt.Fprintln(stderr, err)
	}

	db, err := data.Open(*dbPath)
	if err != nil {
		msg := openMessage(err, *dbPath)
		fmt.Fprintln(stderr, msg)
		showOpenError(a, msg)
		return 1
	}
	defer db.Close()

	// A script (the window test, the benchmark) signs in through the
	// environment, as the headless commands do; a person, in the window.
	svc, err := newService(db, *operator)
	if err != nil {
		fmt.Fprintln(stderr, app.Message(err))
		svc = wired(db, *operator)
	}
	if err := svc.EnsureKeys(context.Background()); err != nil && !errors.Is(err, app.ErrNotSetUp) {
		fmt.Fprintln(stderr, "不能生成本单位的同步密钥："+err.Error())
	}
	if trace != nil {
		trace.Note("opened the database")
	}
	u := ui.New(a, svc, ui.ReadAfterFrames)
	u.SetDBPath(*dbPath)
	u.SetVersion(versionLine())
	if trace != nil {
		trace.Note("built the window")
		u.SetTrace(trace)
		go traceRun(a, u, traceMode, func() { tourDone(stderr, profDir, stopProfile) })
	}
	u.WatchIdle(15 * time.Second)
	u.Window().ShowAndRun()
	return 0
}

// startProfile starts a CPU profile into dir/cpu.pprof, unless dir is "",
// and returns what stops it (once, however often called).
func startProfile(dir string) (stop func()) {
	stop = func() {}
	if dir == "" {
		return stop
	}
	if f, err := os.Create(filepath.Join(dir, "cpu.pprof")); err == nil {
		if pprof.StartCPUProfile(f) == nil {
			stop = sync.OnceFunc(func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	return stop
}

// tuneMemory sets how the Go heap grows, unless GOGC and GOMEMLIMIT say.
// The heap grows by half its live size before the garbage collector runs
// again (not by all of it, Go's default), which keeps the program small on
// the 4 GB office PCs it runs on: the live heap is about 60 MB, 40 of it
// parsed fonts, and 75 MB with the city's 40,000-problem ledger on screen.
// The soft limit stops it growing further; it is well above the live heap,
// where the collector would run all the time (it did at 120 MB when every
// screen kept its records, taking 40% of the CPU).
func tuneMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(150 << 20)
	}
}

// showOpenError shows in a window why the database did not open.
func showOpenError(a fyne.App, msg string) {
	w := a.NewWindow(ui.Title)
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	w.SetContent(l)
	w.Resize(fyne.NewSize(560, 200))
	w.ShowAndRun()
}

// tourDone ends the window tour (WUGEYI_TRACE=tour): it stops the CPU
// profile and writes a heap profile when profiling into profDir, and says
// on stderr how much memory the program holds.
func tourDone(stderr io.Writer, profDir string, stopProfile func()) {
	if profDir != "" {
		stopProfile()
		if f, err := os.Create(filepath.Join(profDir, "heap.pprof")); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(stderr, "wugeyi-trace: tour done; Go heap in use %d MB, Go memory held %d MB\n",
		m.HeapInuse>>20, (m.Sys-m.HeapReleased)>>20)
}

// traceRun times the start of the window (WUGEYI_TRACE): with mode
// "first" it then quits, with "tour" it shows every tab twice and calls
// done.
func traceRun(a fyne.App, u *ui.UI, mode string, done func()) {
	u.TraceStart()
	switch mode {
	case "first":
		fyne.Do(a.Quit)
	case "tour":
		u.Tour(2, time.Second, done)
	}
}

// newFyneApp makes the Fyne application with the program's ID, icon and
// theme. Its metadata says the program has moved to fyne.Do (every change
// to the window from another goroutine goes through it), so Fyne does not
// check the goroutine of each refresh, which took a stack trace each time.
func newFyneApp() fyne.App {
	fyneapp.SetMetadata(fyne.AppMetadata{ID: appID, Name: ui.Title, Version: version, Migrations: map[string]bool{"fyneDo": true}})
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	ui.ApplyTheme(a)
	return a
}

// defaultDBPath is wugeyi.db in the user's config folder (%AppData%\wugeyi
// on Windows), which it makes if needed.
func defaultDBPath() (string, error) {
	p, err := data.DefaultPath()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("make config folder: %w", err)
	}
	return p, nil
}

// versionLine is what -version prints and the settings screen shows.
func versionLine() string {
	s := "五个一工作台 " + version
	if commit != "" {
		s += "（" + commit + "）"
	}
	return s + " " + runtime.GOOS + "/" + runtime.GOARCH
}

// openMessage is the Chinese reason a database could not be opened: a
// known refusal (locked, newer, not a database) as it is, anything else
// after the path.
func openMessage(err error, path string) string {
	var ue app.UserError
	if errors.As(err, &ue) {
		return app.Message(err)
	}
	return "打不开数据库 " + path + "：" + app.Message(err)
}
