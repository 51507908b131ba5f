package ui

import (
	"fmt"
	"image"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Trace times what the window benchmark (.ci/bench-window.sh) measures:
// the first frame, and each tab from its selection to the frame that shows
// it. It writes one line per event:
//
//	wugeyi-trace: painted WHAT MS ms at UNIXNANO
//
// MS is the time since the event began (for "first", since NewTrace) and
// UNIXNANO the wall clock of the paint, which the script compares with the
// moment it started the program.
//
// The paint is hooked through Probe, a transparent 1×1 raster drawn last in
// the window: Fyne's painter asks for a raster's image only while it paints
// a frame, and asks again only after the raster was refreshed. Mark
// refreshes it, so its image is asked for in the first frame painted after
// the marked event, and that is when the line is written.
type Trace struct {
	out     io.Writer
	start   time.Time
	raster  *canvas.Raster
	probe   fyne.CanvasObject
	what    string    // the event the next paint ends, "" for none
	since   time.Time // when that event began
	painted chan string
}

// NewTrace starts timing the first frame; the lines go to out.
func NewTrace(out io.Writer) *Trace {
	now := time.Now()
	return &Trace{out: out, start: now, what: "first", since: now, painted: make(chan string, 1)}
}

// Probe is the object to draw last in the window (see Trace). Make it
// once the app is made.
func (t *Trace) Probe() fyne.CanvasObject {
	if t.probe == nil {
		t.raster = canvas.NewRaster(t.paint)
		t.raster.Resize(fyne.NewSize(1, 1))
		t.probe = container.NewWithoutLayout(t.raster)
	}
	return t.probe
}

// Note writes a line saying what was done how long after NewTrace, for
// the phases of the start.
func (t *Trace) Note(what string) {
	fmt.Fprintf(t.out, "wugeyi-trace: %s %.1f ms\n", what, ms(time.Since(t.start)))
}

// Mark begins the event what: the next frame painted ends it. Call it on
// the UI's goroutine.
func (t *Trace) Mark(what string) { t.markFrom(what, time.Now()) }

// markFrom begins the event what, which began at since.
func (t *Trace) markFrom(what string, since time.Time) {
	t.what, t.since = what, since
	if t.raster != nil {
		t.raster.Refresh()
	}
}

// paint is the probe's image, asked for while a frame is painted.
func (t *Trace) paint(w, h int) image.Image {
	if t.what != "" {
		now := time.Now()
		fmt.Fprintf(t.out, "wugeyi-trace: painted %s %.1f ms at %d\n", t.what, ms(now.Sub(t.since)), now.UnixNano())
		select {
		case t.painted <- t.what:
		default:
		}
		t.what = ""
	}
	return image.NewNRGBA(image.Rect(0, 0, 1, 1))
}

// WaitPainted waits up to timeout for the frame that ends the marked
// event (at first, the first frame).
func (t *Trace) WaitPainted(timeout time.Duration) bool {
	select {
	case <-t.painted:
		return true
	case <-time.After(timeout):
		return false
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// SetTrace draws t's probe in the window, so that its frames are timed.
func (u *UI) SetTrace(t *Trace) {
	u.trace = t
	u.setContent(u.main)
}

// setContent shows c in the window, with the frame hook and the trace's
// probe over it.
func (u *UI) setContent(c fyne.CanvasObject) {
	u.main = c
	if c == nil {
		return
	}
	objs := []fyne.CanvasObject{c}
	if u.frames != nil {
		objs = append(objs, u.frames.obj)
	}
	if u.trace != nil {
		objs = append(objs, u.trace.Probe())
	}
	if len(objs) > 1 {
		c = container.NewStack(objs...)
	}
	u.win.SetContent(c)
}

// Tabs are the titles of the window's tabs, in order; none before the
// office is set up.
func (u *UI) Tabs() []string {
	if u.tabs == nil {
		return nil
	}
	var out []string
	for _, t := range u.tabs.Items {
		out = append(out, t.Text)
	}
	return out
}

// ShowTab selects the tab titled title, as a click on it does, and
// reports whether there is one. Call it on the UI's goroutine.
func (u *UI) ShowTab(title string) bool {
	if u.tabs == nil {
		return false
	}
	for _, t := range u.tabs.Items {
		if t.Text == title {
			u.tabs.Select(t)
			return true
		}
	}
	return false
}

// WaitReads waits until the records a screen reads in the background
// (the rest of a long list) are all shown.
func (u *UI) WaitReads() { u.reads.wg.Wait() }

// TraceStart times the start: it waits for the first frame, then for
// what the first screen reads in the background, and has the trace time
// the frame that shows it from the start ("ready"). Run it on a goroutine
// of its own.
func (u *UI) TraceStart() {
	t := u.trace
	if t == nil {
		return
	}
	t.WaitPainted(time.Minute)
	u.WaitReads()
	fyne.DoAndWait(func() { t.markFrom("ready", t.start) })
	t.WaitPainted(time.Minute)
}

// Tour shows every tab in turn, rounds times over, as clicks on them do;
// the trace times each from its selection to the frame that shows it
// ("tab 问题台账 1" for the first round). It waits for the background reads
// and then pause before each tab, and calls done at the end. Run it on a
// goroutine of its own, after TraceStart.
func (u *UI) Tour(rounds int, pause time.Duration, done func()) {
	t := u.trace
	if t == nil || u.tabs == nil {
		done()
		return
	}
	time.Sleep(pause)
	tabs := u.Tabs()
	for r := 1; r <= rounds; r++ {
		for i := range tabs {
			title := tabs[(i+1)%len(tabs)] // from the second tab round to the first
			fyne.DoAndWait(func() {
				t.Mark(fmt.Sprintf("tab %s %d", title, r))
				u.ShowTab(title)
			})
			t.WaitPainted(time.Minute)
			u.WaitReads()
			time.Sleep(pause)
		}
	}
	done()
}
