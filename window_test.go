//go:build window

package main

// The real-window test: the program built with -tags probe, in a real X
// window under Xvfb, driven with the mouse and keyboard through xdotool as
// a clerk would use it. .ci/window.sh starts the display and runs
//
//	go test -tags window -run TestRealWindow -count=1 -v .
//
// with DISPLAY, WUGEYI_WINDOW_OUT (where the screenshots go) and
// FYNE_THEME set. The probe (ui/probe.go) tells the test where each button
// and field is; the test fails on a panic in the program's log, on a window
// larger than the screen, and when a button it needs is not on screen.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"wugeyi/app"
)

// item is one object of the window as the probe reports it.
type item struct {
	Type     string  `json:"type"`
	Text     string  `json:"text"`
	Hint     string  `json:"hint"`
	Layer    int     `json:"layer"`
	X        float32 `json:"x"`
	Y        float32 `json:"y"`
	W        float32 `json:"w"`
	H        float32 `json:"h"`
	Visible  bool    `json:"visible"`
	Disabled bool    `json:"disabled"`
	Focused  bool    `json:"focused"`
}

// dump is what the probe writes for "dump".
type dump struct {
	Title    string  `json:"title"`
	W        float32 `json:"w"`
	H        float32 `json:"h"`
	MinW     float32 `json:"min_w"`
	MinH     float32 `json:"min_h"`
	Scale    float32 `json:"scale"`
	Overlays int     `json:"overlays"`
	Focused  string  `json:"focused"`
	Items    []item  `json:"items"`
}

// driver runs the program and works its window.
type driver struct {
	t       *testing.T
	bin     string
	dir     string // the probe's answers
	out     string // screenshots
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	log     *lockedBuffer
	n       int // dumps asked for
	shots   int
	screenW int
	screenH int
	wid     string
}

// sh runs name with args and returns its output; the test fails if it fails.
func sh(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// lockedBuffer is the program's output, written by the process while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRealWindow(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: .ci/window.sh starts Xvfb and runs this test")
	}
	out := os.Getenv("WUGEYI_WINDOW_OUT")
	if out == "" {
		out = t.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "wugeyi")
	build := exec.Command("go", "build", "-tags", "probe", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags probe: %v\n%s", err, b)
	}
	db := filepath.Join(tmp, "county.db")
	sh(t, bin, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	sh(t, bin, "demo", "-db", db, "-years", "1")
	add := exec.Command(bin, "account", "add", "-db", db, "-name", "张三", "-access", "管理员")
	add.Env = append(os.Environ(), "WUGEYI_NEW_PASSWORD="+windowPassword)
	if b, err := add.CombinedOutput(); err != nil {
		t.Fatalf("account add: %v\n%s", err, b)
	}

	d := start(t, bin, db, out)
	for _, s := range day {
		t.Run(s.name, func(t *testing.T) {
			d.t = t
			s.do(d)
			d.check()
			d.shot(s.name)
		})
		if d.ended() {
			break // the steps after it need the program
		}
	}
	d.t = t
	d.check()
}

// start runs the program on db and waits for its window. A program that
// could not open the display (seen now and then on a new Xvfb on a busy
// machine) is started again, twice at most.
func start(t *testing.T, bin, db, out string) *driver {
	t.Helper()
	w, h := screenSize(t)
	home := t.TempDir()
	for try := 1; ; try++ {
		d := &driver{t: t, bin: bin, dir: t.TempDir(), out: out, log: &lockedBuffer{}, screenW: w, screenH: h}
		if d.launch(db, home) {
			// Let it lay out and draw the first screen.
			d.waitStill()
			return d
		}
		if try == 3 || !strings.Contains(d.log.String(), "GLFW") {
			t.Fatalf("no window titled 五个一工作台 within 60 s\n%s", d.log)
		}
		t.Logf("the program could not open the display; starting it again:\n%s", d.log)
		time.Sleep(2 * time.Second)
	}
}

// launch starts the program and waits for its window; false if the
// program ended first or no window came.
func (d *driver) launch(db, home string) bool {
	t := d.t
	d.cmd = exec.Command(d.bin, "-db", db, "-operator", "张三")
	d.cmd.Env = append(os.Environ(),
		"WUGEYI_PROBE="+d.dir, "LIBGL_ALWAYS_SOFTWARE=1", "LANG=zh_CN.UTF-8",
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "cfg"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"))
	var err error
	d.stdin, err = d.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(d.out, "program.log"))
	if err != nil {
		t.Fatal(err)
	}
	d.cmd.Stdout = io.MultiWriter(logf, d.log)
	d.cmd.Stderr = d.cmd.Stdout
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() {
		d.cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		d.stdin.Close()
		d.cmd.Process.Kill()
		<-exited
		logf.Close()
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		o, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(d.cmd.Process.Pid), "--name", "五个一工作台").Output()
		if f := strings.Fields(string(o)); len(f) > 0 {
			d.wid = f[0]
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(100 * time.Millisecond):
		}
	}
	return false
}

// screenSize is the size of the X screen in pixels.
func screenSize(t *testing.T) (int, int) {
	t.Helper()
	o := sh(t, "xdpyinfo")
	for _, l := range strings.Split(o, "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, "dimensions:"); ok {
			f := strings.Fields(rest)
			w, h, _ := strings.Cut(f[0], "x")
			wi, _ := strconv.Atoi(w)
			hi, _ := strconv.Atoi(h)
			return wi, hi
		}
	}
	t.Fatal("xdpyinfo gave no dimensions")
	return 0, 0
}

// alive fails the test if the program has ended or has panicked.
func (d *driver) alive() {
	d.t.Helper()
	s := d.log.String()
	if i := strings.Index(s, "panic:"); i >= 0 {
		d.t.Fatalf("the program panicked:\n%s", s[i:])
	}
	if i := strings.Index(s, "fatal error:"); i >= 0 {
		d.t.Fatalf("the program crashed:\n%s", s[i:])
	}
	if d.ended() {
		d.t.Fatalf("the program has ended:\n%s", s)
	}
}

// ended reports whether the program is no longer running.
func (d *driver) ended() bool {
	return d.cmd.ProcessState != nil || d.cmd.Process.Signal(syscall.Signal(0)) != nil
}

// dump asks the probe for what the window shows.
func (d *driver) dump() dump {
	d.t.Helper()
	d.alive()
	d.n++
	name := fmt.Sprintf("d%04d", d.n)
	if _, err := fmt.Fprintf(d.stdin, "dump %s\n", name); err != nil {
		d.t.Fatalf("ask the probe: %v\n%s", err, d.log)
	}
	path := filepath.Join(d.dir, name+".json")
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, err := os.ReadFile(path)
		if err == nil {
			var x dump
			if err := json.Unmarshal(b, &x); err != nil {
				d.t.Fatalf("probe answer %s: %v", path, err)
			}
			return x
		}
		d.alive()
		if time.Now().After(deadline) {
			d.t.Fatalf("the probe did not answer within 20 s\n%s", d.log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitStill waits until two dumps in a row show the same objects: the
// window has done what the last action started (at most 10 s).
func (d *driver) waitStill() dump {
	d.t.Helper()
	prev := d.dump()
	for i := 0; i < 50; i++ {
		time.Sleep(100 * time.Millisecond)
		cur := d.dump()
		if sameDump(prev, cur) {
			return cur
		}
		prev = cur
	}
	return prev
}

func sameDump(a, b dump) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

// geometry is the window's place and size on the screen in pixels.
func (d *driver) geometry() (x, y, w, h int) {
	d.t.Helper()
	o := sh(d.t, "xdotool", "getwindowgeometry", "--shell", d.wid)
	for _, l := range strings.Split(o, "\n") {
		k, v, _ := strings.Cut(l, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "X":
			x = n
		case "Y":
			y = n
		case "WIDTH":
			w = n
		case "HEIGHT":
			h = n
		}
	}
	return x, y, w, h
}

// check fails the test if the window is larger than the screen or reaches
// past it, or its content needs more room than the screen has.
func (d *driver) check() {
	d.t.Helper()
	d.alive()
	x, y, w, h := d.geometry()
	if w > d.screenW || h > d.screenH || x < 0 || y < 0 || x+w > d.screenW || y+h > d.screenH {
		d.t.Errorf("the window is %dx%d at %d,%d on a %dx%d screen", w, h, x, y, d.screenW, d.screenH)
	}
	s := d.dump()
	if int(s.MinW*s.Scale) > d.screenW || int(s.MinH*s.Scale) > d.screenH {
		d.t.Errorf("the window's content needs %.0fx%.0f, more than the %dx%d screen", s.MinW*s.Scale, s.MinH*s.Scale, d.screenW, d.screenH)
	}
}

// shot keeps a screenshot of the window in the output folder.
func (d *driver) shot(name string) {
	d.t.Helper()
	d.shots++
	full := filepath.Join(d.out, "screen.png")
	sh(d.t, "import", "-window", "root", full)
	x, y, w, h := d.geometry()
	dest := filepath.Join(d.out, fmt.Sprintf("%02d-%s.png", d.shots, strings.ReplaceAll(name, "/", "-")))
	sh(d.t, "convert", full, "-crop", fmt.Sprintf("%dx%d+%d+%d", w, h, x, y), "+repage", dest)
	os.Remove(full)
}

// find is the visible object of the top-most layer whose text is text and
// whose type contains kind ("" for any).
func (d *driver) find(s dump, kind, text string) (item, bool) {
	best, found := item{}, false
	for _, it := range s.Items {
		if !it.Visible || it.Text != text || !strings.Contains(it.Type, kind) {
			continue
		}
		if !found || it.Layer > best.Layer {
			best, found = it, true
		}
	}
	return best, found
}

// findHint is the visible object of type kind whose placeholder is hint.
func (d *driver) findHint(s dump, kind, hint string) (item, bool) {
	for i := len(s.Items) - 1; i >= 0; i-- {
		if it := s.Items[i]; it.Visible && it.Hint == hint && it.Type == kind {
			return it, true
		}
	}
	return item{}, false
}

// must is the object find gives; the test fails if there is none or it is
// not wholly on the screen.
func (d *driver) must(kind, text string) item {
	d.t.Helper()
	s := d.waitStill()
	it, ok := d.find(s, kind, text)
	if !ok {
		d.shot("missing-" + text)
		d.t.Fatalf("no %q %s on screen; the window shows: %s", text, kind, texts(s))
	}
	d.onScreen(s, it, text)
	return it
}

// onScreen fails the test unless it lies within the window and the screen.
func (d *driver) onScreen(s dump, it item, name string) {
	d.t.Helper()
	x, y, _, _ := d.geometry()
	px0, py0 := x+int(it.X*s.Scale), y+int(it.Y*s.Scale)
	px1, py1 := x+int((it.X+it.W)*s.Scale), y+int((it.Y+it.H)*s.Scale)
	if it.X < 0 || it.Y < 0 || it.X+it.W > s.W+0.5 || it.Y+it.H > s.H+0.5 || px0 < 0 || py0 < 0 || px1 > d.screenW || py1 > d.screenH {
		d.shot("offscreen-" + name)
		d.t.Fatalf("%q (%s) is not wholly on screen: %.0f,%.0f %.0fx%.0f in a %.0fx%.0f window", name, it.Type, it.X, it.Y, it.W, it.H, s.W, s.H)
	}
}

// texts lists the texts a dump shows, for a failure message.
func texts(s dump) string {
	var b strings.Builder
	for _, it := range s.Items {
		if it.Visible && it.Text != "" {
			fmt.Fprintf(&b, "%q ", it.Text)
		}
	}
	return b.String()
}

// clickAt moves the mouse to the point (fx, fy) of it (0…1 of its width
// and height) and clicks.
func (d *driver) clickAt(it item, fx, fy float32) {
	d.t.Helper()
	s := d.dump()
	x, y, _, _ := d.geometry()
	px := x + int((it.X+it.W*fx)*s.Scale)
	py := y + int((it.Y+it.H*fy)*s.Scale)
	sh(d.t, "xdotool", "mousemove", "--sync", strconv.Itoa(px), strconv.Itoa(py))
	time.Sleep(60 * time.Millisecond)
	sh(d.t, "xdotool", "click", "1")
	time.Sleep(150 * time.Millisecond)
	d.alive()
}

// click clicks the middle of the object showing text.
func (d *driver) click(kind, text string) {
	d.t.Helper()
	d.clickAt(d.must(kind, text), 0.5, 0.5)
}

// key presses keys (xdotool names: Escape, Return, Tab, Down, ctrl+f …).
func (d *driver) key(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		sh(d.t, "xdotool", "key", "--clearmodifiers", k)
		time.Sleep(80 * time.Millisecond)
	}
	d.alive()
}

// typeText types s where the keyboard is. Chinese comes in through the
// clipboard and Ctrl+V, as from an input method's or another program's
// text: xdotool cannot type characters the X keyboard map lacks into a
// GLFW window, and Xvfb has no input method.
func (d *driver) typeText(s string) {
	d.t.Helper()
	ascii := true
	for _, r := range s {
		ascii = ascii && r < 128
	}
	if ascii {
		sh(d.t, "xdotool", "type", "--delay", "40", s)
	} else {
		// xclip serves the clipboard from the background until the
		// next copy takes it over.
		cmd := exec.Command("xclip", "-selection", "clipboard")
		cmd.Stdin = strings.NewReader(s)
		if err := cmd.Run(); err != nil {
			d.t.Fatalf("xclip: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
		d.key("ctrl+v")
	}
	time.Sleep(100 * time.Millisecond)
	d.alive()
}

// overlays is how many pop-ups (dialogs, drop-down lists) are open.
func (d *driver) overlays() int { return d.waitStill().Overlays }

// closeWithEscape presses Esc and fails if a pop-up is still open.
func (d *driver) closeWithEscape(what string) {
	d.t.Helper()
	d.key("Escape")
	if n := d.overlays(); n != 0 {
		d.shot("esc-" + what)
		d.t.Fatalf("Esc left %d pop-up(s) open on %s", n, what)
	}
}

// step is one thing a clerk does in the scripted day.
type step struct {
	name string
	do   func(d *driver)
}

// tabs are the county's screens in the order of the tab bar.
var tabs = []string{"工作台", "市局通报", "考核结果", "重点企业", "联系领导与分包", "走访记录", "问题台账", "会议", "融资对接", "应急转贷", "数据交换", "打印", "设置"}

// field is the input object on the row of the form label label: the
// nearest object of one of the input kinds right of the label whose height
// spans the label's middle.
func (d *driver) field(label string) item {
	d.t.Helper()
	s := d.waitStill()
	best, bestGap, found := item{}, float32(0), false
	for _, l := range s.Items {
		if !l.Visible || l.Text != label || l.Type != "*widget.Label" {
			continue
		}
		// A table's header may say the same word: the form's label is
		// the one with its field right beside it.
		if f, ok := beside(s, l); ok {
			if gap := f.X - (l.X + l.W); !found || gap < bestGap {
				best, bestGap, found = f, gap, true
			}
		}
	}
	if !found {
		d.shot("no-field-" + label)
		d.t.Fatalf("no field labelled %q on screen; the window shows: %s", label, texts(s))
	}
	d.onScreen(s, best, label)
	return best
}

// beside is the nearest input object right of the label l on its row.
func beside(s dump, l item) (item, bool) {
	// The middle of the label's first line: a field with its error message
	// under it makes the row, and so the label, taller.
	mid := l.Y + min(l.H, 36)/2
	best, found := item{}, false
	for _, it := range s.Items {
		gap := it.X - (l.X + l.W)
		if !it.Visible || it.Layer != l.Layer || gap < -1 || gap > 40 || it.Y > mid || it.Y+it.H < mid {
			continue
		}
		switch it.Type {
		case "*widget.Entry", "*ui.textArea", "*widget.Select", "*ui.picker", "*widget.RadioGroup", "*widget.CheckGroup", "*widget.SelectEntry":
		default:
			continue
		}
		if !found || it.X < best.X {
			best, found = it, true
		}
	}
	return best, found
}

// fill clicks into the field labelled label, selects what it holds and
// types text over it.
func (d *driver) fill(label, text string) {
	d.t.Helper()
	f := d.field(label)
	x := float32(0.5)
	if f.Type == "*ui.picker" {
		x = 0.3 // the entry, not the arrow at its right end
	}
	d.clickAt(f, x, 0.5)
	d.key("ctrl+a", "BackSpace")
	d.typeText(text)
}

// search types text into the entry whose placeholder is hint.
func (d *driver) search(hint, text string) {
	d.t.Helper()
	e, ok := d.findHint(d.waitStill(), "*widget.Entry", hint)
	if !ok {
		d.t.Fatalf("no entry %q on screen", hint)
	}
	d.clickAt(e, 0.5, 0.5)
	d.key("ctrl+a", "BackSpace")
	d.typeText(text)
}

// choose opens the drop-down labelled label and clicks option in its list.
func (d *driver) choose(label, option string) {
	d.t.Helper()
	d.clickAt(d.field(label), 0.5, 0.5)
	if d.overlays() == 0 {
		d.t.Fatalf("the drop-down %q did not open", label)
	}
	d.click("Text", option)
	if n := d.overlays(); n != 0 {
		d.t.Fatalf("choosing %q left %d pop-ups open", option, n)
	}
}

// lowest is the visible button showing text that is lowest in the
// window: the one of a form's action bar where a toolbar has the same word.
func (d *driver) lowest(text string) item {
	d.t.Helper()
	s := d.waitStill()
	best, found := item{}, false
	for _, it := range s.Items {
		if it.Visible && it.Text == text && it.Type == "*widget.Button" && (!found || it.Y > best.Y) {
			best, found = it, true
		}
	}
	if !found {
		d.t.Fatalf("no button %q on screen; the window shows: %s", text, texts(s))
	}
	d.onScreen(s, best, text)
	return best
}

// shows fails unless some visible text of the window contains part.
func (d *driver) shows(part string) {
	d.t.Helper()
	s := d.waitStill()
	for _, it := range s.Items {
		if it.Visible && strings.Contains(it.Text, part) {
			return
		}
	}
	d.shot("expected-" + part)
	d.t.Fatalf("nothing on screen says %q; the window shows: %s", part, texts(s))
}

// problemIs fails unless the problem page open on the right of the
// ledger is the test enterprise's new problem, in status.
func (d *driver) problemIs(status string) {
	d.t.Helper()
	s := d.waitStill()
	var heading string
	ours := false
	for _, it := range s.Items {
		if !it.Visible || it.Type != "*widget.Label" || it.X < s.W/2 {
			continue
		}
		if strings.HasPrefix(it.Text, "海港-2026-") {
			heading = it.Text
		}
		ours = ours || it.Text == testEnterprise
	}
	if !ours || !strings.HasSuffix(strings.TrimSpace(heading), status) {
		d.shot("problem-not-" + status)
		d.t.Fatalf("the open problem is %q (of %s: %v), want one of %s in status %s", heading, testEnterprise, ours, testEnterprise, status)
	}
}

// dropDowns opens and closes every drop-down and picker of the screen on
// show, each with the mouse and then with the keyboard.
func (d *driver) dropDowns(screen string) {
	d.t.Helper()
	s := d.waitStill()
	var targets []item
	for _, it := range s.Items {
		if it.Visible && it.Layer == 0 && !it.Disabled && (it.Type == "*widget.Select" || it.Type == "*ui.picker") {
			targets = append(targets, it)
		}
	}
	for i, it := range targets {
		name := fmt.Sprintf("%s-%d-%s", screen, i+1, it.Text+it.Hint)
		if it.Type == "*ui.picker" {
			d.clickAt(it, 1-12/it.W, 0.5) // the arrow
		} else {
			d.clickAt(it, 0.5, 0.5)
		}
		if d.overlays() == 0 {
			d.t.Errorf("the drop-down %s did not open with the mouse", name)
			continue
		}
		d.shot("open-" + name)
		d.closeWithEscape(name)
		// The keyboard: the picker's entry or the select has the
		// keyboard now (a click on the entry gives it); ↓ opens the list.
		if it.Type == "*ui.picker" {
			d.clickAt(it, 0.3, 0.5)
		}
		d.key("Down")
		if d.overlays() == 0 {
			d.t.Errorf("the drop-down %s did not open with ↓", name)
			continue
		}
		d.closeWithEscape(name + " (keyboard)")
	}
}

// windowPassword is the password of 张三, the 管理员 the window test signs
// in as.
const windowPassword = "zhangsan-2026"

// day is the scripted day.
var day = []step{
	{"sign in: a wrong password, then the right one", func(d *driver) {
		d.shows("请选择您的账号并输入密码")
		d.choose("账号", "张三")
		d.fill("密码", "wrong-pass")
		d.key("Return")
		d.shows("账号或密码不对")
		d.shot("wrong-password")
		d.fill("密码", windowPassword)
		d.key("Return")
		d.waitUntil(func(s dump) bool {
			for _, it := range s.Items {
				if it.Visible && it.Text == "问题台账" {
					return true
				}
			}
			return false
		}, "the screens after signing in")
	}},
	{"every screen and every drop-down", func(d *driver) {
		for _, tab := range tabs {
			d.click("Text", tab)
			d.check()
			d.shot("tab-" + tab)
			d.dropDowns(tab)
		}
	}},
	{"register an enterprise: a wrong credit code, then the right one", func(d *driver) {
		d.click("Text", "重点企业")
		d.click("Button", "新增企业")
		d.fill("企业名称", testEnterprise)
		good, bad := testCreditCodes(d.t)
		d.fill("统一社会信用代码", bad)
		d.click("Button", "保存")
		d.shows("校验")
		d.shot("wrong-credit-code")
		d.fill("统一社会信用代码", good)
		d.click("Button", "保存")
		d.search("按企业名称或信用代码查找（Ctrl+F）", "测试玻璃")
		d.shows(testEnterprise)
	}},
	{"register a problem, picking the enterprise by typing", func(d *driver) {
		d.click("Text", "问题台账")
		d.click("Button", "登记问题")
		d.fill("企业", "测试玻璃")
		if d.overlays() != 1 {
			d.t.Fatal("typing part of the name shows no list of matches")
		}
		d.shot("picker-typed")
		d.key("Return")
		if got := d.field("企业").Text; got != testEnterprise {
			d.t.Fatalf("Enter chose %q, want %s", got, testEnterprise)
		}
		d.choose("问题类别", "用地")
		d.fill("问题描述", "厂区扩建用地指标不足")
		d.key("Tab")
		d.typeText("协调增加用地指标")
		d.clickAt(d.lowest("登记问题"), 0.5, 0.5)
		d.problemIs("登记")
	}},
	{"交办, 办结, 回访, 销号", func(d *driver) {
		d.click("Button", "交办")
		d.fill("牵头责任单位", "区自然资源局")
		d.fill("责任人", "李四")
		d.click("Button", "确定")
		d.problemIs("交办")
		d.click("Button", "办结")
		d.fill("办理结果", "已协调增加用地指标")
		d.click("Button", "确定")
		d.problemIs("已办结")
		d.click("Button", "回访")
		d.click("Text", "满意")
		d.fill("回访情况", "企业表示满意")
		d.click("Button", "确定")
		d.problemIs("回访")
		d.click("Button", "销号")
		d.click("Button", "确定")
		d.problemIs("销号")
	}},
	{"Esc on each kind of dialog", func(d *driver) {
		// A question: deleting an enterprise asks first.
		d.click("Text", "重点企业")
		d.search("按企业名称或信用代码查找（Ctrl+F）", "测试玻璃")
		d.click("Text", testEnterprise)
		d.click("Button", "删除")
		if d.overlays() != 1 {
			d.t.Fatal("删除 asked nothing")
		}
		d.shot("confirm-delete")
		d.closeWithEscape("the question before a delete")
		d.shows(testEnterprise)
		// The file dialog.
		d.click("Text", "数据交换")
		d.shows("第一次使用数据交换") // no other office is registered yet
		d.click("Button", "登记对方公钥卡…")
		if d.overlays() != 1 {
			d.t.Fatal("登记对方公钥卡… opened no file dialog")
		}
		d.shows("个人文件夹")
		d.shot("file-dialog")
		d.closeWithEscape("the file dialog")
		// A message: printing a blank form says where the PDF went.
		d.click("Text", "打印")
		d.click("Button", "打印空白表")
		if d.overlays() == 0 {
			d.t.Fatal("printing said nothing")
		}
		d.shot("printed")
		d.closeWithEscape("the message after printing")
	}},
	{"search, an enterprise's page (一企一档), delete and restore a visit", func(d *driver) {
		// The newest visit: its enterprise certainly has records.
		d.click("Text", "走访记录")
		date, ent := d.openTopVisit()
		part := middle(ent)
		// Search every kind of record with part of its name.
		d.key("ctrl+k")
		if d.overlays() != 1 {
			d.t.Fatal("Ctrl+K opened no search box")
		}
		d.typeText(part)
		d.waitFor(func(it item) bool { return strings.HasPrefix(it.Text, "共找到 ") }, "共找到 N 条")
		d.waitFor(func(it item) bool { return it.Layer == 1 && strings.HasPrefix(it.Text, "重点企业（") }, "重点企业（N）")
		d.shot("search-" + part)
		d.click("Button", "关闭")
		if n := d.overlays(); n != 0 {
			d.t.Fatalf("关闭 left %d pop-up(s) open", n)
		}
		// Its page: the fields, then 一企一档.
		d.click("Text", "重点企业")
		d.search("按企业名称或信用代码查找（Ctrl+F）", part)
		d.clickAt(d.waitFor(func(it item) bool { return it.Layer == 0 && it.Type == "*widget.Label" && it.Text == ent }, ent), 0.5, 0.5)
		d.shows("一企一档")
		sum := d.waitFor(func(it item) bool {
			return it.Layer == 0 && strings.HasPrefix(it.Text, "联系领导：") && !strings.Contains(it.Text, "走访 0 次")
		}, "联系领导：… 走访 N 次 …")
		d.shot("profile")
		// Below the fields: the list of its visits, as many as the summary says.
		_, rest, _ := strings.Cut(sum.Text, "走访 ")
		visits, _, _ := strings.Cut(rest, " 次")
		d.scrollTo("Label", "走访（"+visits+"）", "地址")
		d.shot("profile-lists")
		// Delete the visit, then restore it from 设置 → 已删除的记录….
		d.click("Text", "走访记录")
		all := d.visitCount()
		d.search("按领导、企业或走访情况查找（Ctrl+F）", ent)
		n := d.visitCount(all)
		if got, _ := d.openTopVisit(); got != date {
			d.t.Fatalf("the newest visit of %s is of %s, want %s", ent, got, date)
		}
		d.clickAt(d.lowest("删除"), 0.5, 0.5)
		d.confirm()
		d.waitVisits(n - 1)
		d.click("Text", "设置")
		d.scrollTo("Button", "已删除的记录…", "本单位")
		d.click("Button", "已删除的记录…")
		row := d.waitFor(func(it item) bool {
			return it.Layer == 1 && strings.Contains(it.Text, "张三 删除") && strings.Contains(it.Text, date) && strings.Contains(it.Text, ent)
		}, "the deleted visit")
		d.shot("deleted-records")
		d.clickAt(d.rowButton(row, "恢复"), 0.5, 0.5)
		d.confirm()
		d.waitUntil(func(s dump) bool {
			_, there := d.find(s, "*widget.Label", row.Text)
			return s.Overlays == 1 && !there
		}, "the visit gone from 已删除的记录")
		d.click("Button", "关闭")
		d.click("Text", "走访记录")
		d.waitVisits(n)
		d.shows("已恢复")
	}},
}

// testEnterprise is the enterprise the day registers.
const testEnterprise = "秦皇岛测试玻璃有限公司"

// testCreditCodes are a valid unified social credit code that the demo
// records do not use, and the same with a wrong check character.
func testCreditCodes(t *testing.T) (good, bad string) {
	t.Helper()
	body := "91130302MA0AB1234"
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	wrong := byte('1')
	if c == wrong {
		wrong = '2'
	}
	return body + string(c), body + string(wrong)
}

// openTopVisit opens the visit on the top row of the visits list and
// gives its date and enterprise, as its page heads it.
func (d *driver) openTopVisit() (date, ent string) {
	d.t.Helper()
	s := d.waitStill()
	top, found := item{}, false
	for _, it := range s.Items {
		if it.Visible && it.Layer == 0 && it.Type == "*widget.Label" && it.X < s.W/2 && isDate(it.Text) && (!found || it.Y < top.Y) {
			top, found = it, true
		}
	}
	if !found {
		d.t.Fatalf("no visit on the list; the window shows: %s", texts(s))
	}
	d.clickAt(top, 0.5, 0.5)
	h := d.waitFor(func(it item) bool { return strings.HasPrefix(it.Text, "走访记录：") }, "走访记录：…")
	f := strings.Fields(strings.TrimPrefix(h.Text, "走访记录："))
	if len(f) < 4 || f[0] != top.Text {
		d.t.Fatalf("clicking the visit of %s opened %q", top.Text, h.Text)
	}
	return f[0], f[len(f)-1]
}

// isDate reports whether s is a date as 2006-01-02.
func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// middle is name without its first and last two characters: typed into a
// search box it finds name, and no text of the box equals name.
func middle(name string) string {
	r := []rune(name)
	if len(r) < 6 {
		return name
	}
	return string(r[2 : len(r)-2])
}

// waitFor waits up to 20 s for a visible object that ok accepts (what
// the program reads in the background comes a while after the click).
func (d *driver) waitFor(ok func(item) bool, what string) item {
	d.t.Helper()
	var found item
	d.waitUntil(func(s dump) bool {
		for _, it := range s.Items {
			if it.Visible && ok(it) {
				found = it
				return true
			}
		}
		return false
	}, what)
	return found
}

// waitUntil waits up to 20 s until what the window shows is as ok wants.
func (d *driver) waitUntil(ok func(dump) bool, what string) {
	d.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := d.waitStill()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			d.shot("waited-for-" + what)
			d.t.Fatalf("%s did not show within 20 s; the window shows: %s", what, texts(s))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// visitCount is the number of visits the visits list says it shows,
// once it says a number other than not (the list is read in the
// background after a search).
func (d *driver) visitCount(not ...int) int {
	d.t.Helper()
	it := d.waitFor(func(it item) bool {
		if !strings.HasPrefix(it.Text, "共 ") || !strings.Contains(it.Text, "走访") {
			return false
		}
		for _, n := range not {
			if strings.HasPrefix(it.Text, fmt.Sprintf("共 %d ", n)) {
				return false
			}
		}
		return true
	}, "共 N 次走访")
	n, err := strconv.Atoi(strings.Fields(it.Text)[1])
	if err != nil {
		d.t.Fatalf("the visits list says %q", it.Text)
	}
	return n
}

// waitVisits waits until the visits list says it shows n visits.
func (d *driver) waitVisits(n int) {
	d.t.Helper()
	want := fmt.Sprintf("共 %d ", n)
	d.waitFor(func(it item) bool { return strings.HasPrefix(it.Text, want) && strings.Contains(it.Text, "走访") }, want+"…走访")
}

// scrollTo turns the mouse wheel until the object showing text is
// wholly visible (at most 160 notches).
func (d *driver) scrollTo(kind, text, over string) {
	d.t.Helper()
	// Over the left edge of the label over, half-way down the window: where
	// a form's labels are, not over an entry or a list that would take the
	// wheel for itself.
	l := d.must("Label", over)
	s := d.dump()
	x, y, _, h := d.geometry()
	sh(d.t, "xdotool", "mousemove", "--sync", strconv.Itoa(x+int((l.X+4)*s.Scale)), strconv.Itoa(y+h/2))
	last := float32(-1)
	for i := 0; i < 40; i++ {
		s := d.waitStill()
		if it, ok := d.find(s, kind, text); ok {
			// In the upper part of the window, clear of a form's fixed
			// buttons and the status line under the scrolled part, or as
			// high as it goes (the end of the scroll).
			if it.Y+it.H <= s.H*0.7 || it.Y == last {
				return
			}
			last = it.Y
		}
		sh(d.t, "xdotool", "click", "--repeat", "4", "--delay", "30", "5")
		time.Sleep(100 * time.Millisecond)
	}
	d.shot("scrolled-to-" + text)
	d.t.Fatalf("no %q %s on screen after scrolling down", text, kind)
}

// confirm answers yes to the question a pop-up asks.
func (d *driver) confirm() {
	d.t.Helper()
	s := d.waitStill()
	for _, yes := range []string{"是", "Yes"} {
		if it, ok := d.find(s, "Button", yes); ok && it.Layer == s.Overlays && it.Layer > 0 {
			d.shot("confirm")
			d.clickAt(it, 0.5, 0.5)
			return
		}
	}
	d.t.Fatalf("no question with 是 on screen; the window shows: %s", texts(s))
}

// rowButton is the button showing text on the row of row, in its layer.
func (d *driver) rowButton(row item, text string) item {
	d.t.Helper()
	s := d.waitStill()
	mid := row.Y + row.H/2
	for _, it := range s.Items {
		if it.Visible && it.Layer == row.Layer && it.Type == "*widget.Button" && it.Text == text && it.Y <= mid && it.Y+it.H >= mid {
			d.onScreen(s, it, text)
			return it
		}
	}
	d.t.Fatalf("no %q button on the row %q", text, row.Text)
	return item{}
}
