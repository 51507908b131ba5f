//go:build probe

package ui

// The probe lets the real-window test (window_test.go, .ci/window.sh) see
// what the window shows, so it can click a button by its label and check
// that it is on screen. It is compiled only with -tags probe and started
// only when WUGEYI_PROBE names a folder; the program the offices install
// has none of it.
//
// The driver writes one command a line on the program's standard input:
//
//	dump NAME   write NAME.json into the folder: every visible object of
//	            the window and its pop-ups, with its text and place
//
// The answer is written to a temporary name and renamed, so a file that
// exists is whole.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// probeItem is one object the window shows: its Go type, the text it
// shows (a label, a button's caption, an entry's text or placeholder), its
// place in window coordinates, and the part of it that is not scrolled or
// clipped away.
type probeItem struct {
	Type     string  `json:"type"`
	Text     string  `json:"text,omitempty"`
	Hint     string  `json:"hint,omitempty"`
	Layer    int     `json:"layer"` // 0 the window's content, 1… its pop-ups in order
	X        float32 `json:"x"`
	Y        float32 `json:"y"`
	W        float32 `json:"w"`
	H        float32 `json:"h"`
	Visible  bool    `json:"visible"` // some part of it is inside its clip
	Disabled bool    `json:"disabled,omitempty"`
	Focused  bool    `json:"focused,omitempty"`
}

// probeDump is what "dump" writes.
type probeDump struct {
	Title    string      `json:"title"`
	W        float32     `json:"w"` // the canvas, in Fyne units
	H        float32     `json:"h"`
	MinW     float32     `json:"min_w"` // the content's minimum size
	MinH     float32     `json:"min_h"`
	Scale    float32     `json:"scale"` // pixels per Fyne unit
	Overlays int         `json:"overlays"`
	Focused  string      `json:"focused,omitempty"`
	Items    []probeItem `json:"items"`
}

type rect struct{ x, y, w, h float32 }

func (r rect) intersect(o rect) rect {
	x0, y0 := max(r.x, o.x), max(r.y, o.y)
	x1, y1 := min(r.x+r.w, o.x+o.w), min(r.y+r.h, o.y+o.h)
	if x1 < x0 {
		x1 = x0
	}
	if y1 < y0 {
		y1 = y0
	}
	return rect{x0, y0, x1 - x0, y1 - y0}
}

// startProbe answers the driver's commands when WUGEYI_PROBE names a folder.
func (u *UI) startProbe() {
	dir := os.Getenv("WUGEYI_PROBE")
	if dir == "" {
		return
	}
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			cmd, arg, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
			switch cmd {
			case "dump":
				var d probeDump
				fyne.DoAndWait(func() { d = u.probeDump() })
				if err := writeProbe(filepath.Join(dir, arg+".json"), d); err != nil {
					fmt.Fprintln(os.Stderr, "probe:", err)
				}
			default:
				fmt.Fprintln(os.Stderr, "probe: unknown command", cmd)
			}
		}
	}()
}

func writeProbe(path string, d probeDump) error {
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path+".tmp", b, 0o644); err != nil {
		return err
	}
	return os.Rename(path+".tmp", path)
}

// probeDump walks the window's content and pop-ups. It runs on the UI's
// goroutine.
// probeText is the text and placeholder of a widget the probe lists, and
// whether it lists o at all: text widgets, and other tappable widgets.
func probeText(o fyne.CanvasObject) (text, hint string, record bool) {
	switch w := o.(type) {
	case *canvas.Text:
		return w.Text, "", true
	case *widget.Button:
		return w.Text, "", true
	case *widget.Label:
		return w.Text, "", true
	case *widget.Check:
		return w.Text, "", true
	case *widget.Select:
		return w.Selected, w.PlaceHolder, true
	case *widget.Entry:
		return w.Text, w.PlaceHolder, true
	case *widget.SelectEntry:
		return w.Text, w.PlaceHolder, true
	case *picker:
		return w.entry.Text, w.entry.PlaceHolder, true
	case *pickerEntry:
		return w.Text, w.PlaceHolder, true
	case *widget.RadioGroup:
		return w.Selected, "", true
	}
	_, isWidget := o.(fyne.Widget)
	_, tappable := o.(fyne.Tappable)
	return "", "", isWidget && tappable
}

func (u *UI) probeDump() probeDump {
	c := u.win.Canvas()
	d := probeDump{Title: u.win.Title(), W: c.Size().Width, H: c.Size().Height, Scale: c.Scale()}
	if ct := c.Content(); ct != nil {
		m := ct.MinSize()
		d.MinW, d.MinH = m.Width, m.Height
	}
	focused := c.Focused()
	if focused != nil {
		d.Focused = fmt.Sprintf("%T", focused)
	}
	whole := rect{0, 0, d.W, d.H}
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect, layer int)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect, layer int) {
		if o == nil || !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		s := o.Size()
		r := rect{p.X, p.Y, s.Width, s.Height}
		vis := r.intersect(clip)
		it := probeItem{Type: fmt.Sprintf("%T", o), Layer: layer, X: p.X, Y: p.Y, W: s.Width, H: s.Height, Visible: vis.w > 0 && vis.h > 0}
		if f, ok := o.(fyne.Focusable); ok && f == focused {
			it.Focused = true
		}
		if dis, ok := o.(fyne.Disableable); ok {
			it.Disabled = dis.Disabled()
		}
		var record bool
		it.Text, it.Hint, record = probeText(o)
		if record {
			d.Items = append(d.Items, it)
		}
		inner := clip
		if _, ok := o.(*container.Scroll); ok {
			inner = clip.intersect(r)
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, ch := range w.Objects {
				walk(ch, p, inner, layer)
			}
		case fyne.Widget:
			if rd := test.WidgetRenderer(w); rd != nil {
				for _, ch := range rd.Objects() {
					walk(ch, p, inner, layer)
				}
			}
		}
	}
	walk(c.Content(), fyne.Position{}, whole, 0)
	for i, o := range c.Overlays().List() {
		d.Overlays++
		walk(o, fyne.Position{}, whole, i+1)
	}
	return d
}
