package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window fits a 1024×768 screen: it opens at defaultWindowSize, and no
// screen in any state asks for more than maxContentSize, so Fyne never
// grows it past the screen (tests check both).
var (
	defaultWindowSize = fyne.NewSize(1000, 680)
	maxContentSize    = fyne.NewSize(1000, 700)
)

// formPane lays out a record form: its title fixed at the top, the body
// scrolling in the middle and the buttons in an action bar fixed at the
// bottom, wrapping onto a second line when the pane is narrow. However
// long the form grows (problems added to a visit, 交办 chosen) and however
// low the window, the save button stays in sight.
//
// title may be nil. A title label is cut short with "…" rather than
// widening the window; it does not wrap either, as a label that grows a
// line when its text changes is not always given the room by Fyne.
// body is put in a vertical scroll unless it is one already.
func formPane(title, body fyne.CanvasObject, buttons ...fyne.CanvasObject) *fyne.Container {
	if l, ok := title.(*widget.Label); ok && l.Wrapping == fyne.TextWrapOff {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	scroll, ok := body.(*container.Scroll)
	if !ok {
		scroll = container.NewVScroll(body)
	}
	bar := container.NewVBox(widget.NewSeparator(), buttonBar(buttons...))
	return container.NewBorder(title, bar, nil, nil, scroll)
}

// buttonBar lays out objs (buttons, filters) in a row that wraps onto
// more lines where the width is short, so a row of many buttons never
// makes the window wider than the screen.
func buttonBar(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapLayout{}, objs...)
}

// wrapLayout places objects left to right at their minimum size and
// starts a new line where the next one does not fit; a label that wraps
// takes a line of its own, as wide as the layout. Its minimum width is the
// widest object's; its minimum height is that of the lines it needs at the
// width it was last given (one line before it was given any).
type wrapLayout struct{ width float32 }

// fullLine reports whether o takes a whole line: a label that wraps.
func fullLine(o fyne.CanvasObject) bool {
	l, ok := o.(*widget.Label)
	return ok && l.Wrapping != fyne.TextWrapOff
}

// lines places the visible objects in rows of at most width, calling at
// for each with its position and size; it returns the height they take
// and the width of the widest object.
func (l *wrapLayout) lines(objs []fyne.CanvasObject, width float32, at func(o fyne.CanvasObject, pos fyne.Position, size fyne.Size)) (height, widest float32) {
	pad := theme.Padding()
	var x, y, rowH float32
	first := true
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		widest = max(widest, s.Width)
		full := fullLine(o) && width > 0
		if full {
			s.Width = width
		}
		if !first && (full || x+s.Width > width && width > 0) {
			y += rowH + pad
			x, rowH = 0, 0
		}
		if at != nil {
			at(o, fyne.NewPos(x, y), s)
		}
		x += s.Width + pad
		rowH = max(rowH, s.Height)
		if full { // nothing follows on its line
			x = width + 1
		}
		first = false
	}
	return y + rowH, widest
}

// MinSize is the widest object by the height of the lines needed.
func (l *wrapLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h, w := l.lines(objs, l.width, nil)
	return fyne.NewSize(w, h)
}

// Layout wraps the objects at the width of size.
func (l *wrapLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.lines(objs, size.Width, func(o fyne.CanvasObject, pos fyne.Position, s fyne.Size) {
		o.Move(pos)
		o.Resize(s)
	})
}

// wrapped is a label that wraps at word ends (and between Chinese
// characters) rather than widening the window.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
