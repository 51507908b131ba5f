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

	// A soft limit on the Go heap: the garbage collector works harder
	// before the window grows past it, which keeps the program small on
	// the 4 GB office PCs it runs on (the live heap with a 40,000-problem
	// ledger is about 60 MB, most of it parsed fonts).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}

	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if err := ui.UseChinese(); err != nil {
		fmt.Fprintln(stderr, err)
	}
	ui.ApplyTheme(a)

	db, err := data.Open(*dbPath)
	if err != nil {
		msg := openMessage(err, *dbPath)
		fmt.Fprintln(stderr, msg)
		w := a.NewWindow(ui.Title)
		l := widget.NewLabel(msg)
		l.Wrapping = fyne.TextWrapWord
		w.SetContent(l)
		w.Resize(fyne.NewSize(560, 200))
		w.ShowAndRun()
		return 1
	}
	defer db.Close()

	svc := newService(db, *operator)
	if err := svc.EnsureKeys(context.Background()); err != nil && !errors.Is(err, app.ErrNotSetUp) {
		fmt.Fprintln(stderr, "不能生成本单位的同步密钥："+err.Error())
	}
	u := ui.New(a, svc)
	u.SetDBPath(*dbPath)
	u.SetVersion(versionLine())
	u.Window().ShowAndRun()
	return 0
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

// openMessage is the Chinese reason a database could not be opened.
func openMessage(err error, path string) string {
	for _, known := range []error{app.ErrLocked, app.ErrNewerSchema} {
		if errors.Is(err, known) {
			return known.Error()
		}
	}
	return "打不开数据库 " + path + "：" + err.Error()
}
