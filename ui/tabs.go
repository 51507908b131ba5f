package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tabs is the window's column of screens down its left side, one name a
// clerk clicks for each, beside the screen chosen. It does for the window
// what Fyne's AppTabs did, less what made that slow to start and to
// switch: AppTabs refreshed every tab's screen on each change and all its
// tab names on each tab added, drew its names in bold (a second parse of
// the embedded CJK font: 18 MB and tens of milliseconds) and rendered an
// SVG close icon for each name.
type tabs struct {
	// Items are the tabs, in order: each one's text and screen.
	Items []*container.TabItem
	// OnSelected is called after a tab was chosen and its screen put in
	// place.
	OnSelected func(*container.TabItem)
	// Prepare, when set, is called before a tab's screen is put in place:
	// it may make the screen (the item's Content).
	Prepare func(*container.TabItem)

	buttons  []*tabButton
	selected int
	content  *fyne.Container // the selected tab's screen
	root     fyne.CanvasObject
}

// newTabs makes the column of items; the first is selected, and OnSelected
// is not called for it.
func newTabs(items ...*container.TabItem) *tabs {
	t := &tabs{Items: items, selected: -1, content: container.NewStack()}
	bar := container.NewVBox()
	for i, it := range items {
		b := &tabButton{text: it.Text, tapped: func() { t.SelectIndex(i) }}
		b.ExtendBaseWidget(b)
		t.buttons = append(t.buttons, b)
		bar.Add(b)
	}
	t.root = container.NewBorder(nil, nil,
		container.NewHBox(container.NewVScroll(bar), widget.NewSeparator()), nil, t.content)
	if len(items) > 0 {
		t.show(0)
	}
	return t
}

// object is the column and the selected screen, to put in the window.
func (t *tabs) object() fyne.CanvasObject { return t.root }

// Selected is the selected tab.
func (t *tabs) Selected() *container.TabItem {
	if t.selected < 0 || t.selected >= len(t.Items) {
		return nil
	}
	return t.Items[t.selected]
}

// Select chooses tab it, as a click on it does.
func (t *tabs) Select(it *container.TabItem) {
	for i, x := range t.Items {
		if x == it {
			t.SelectIndex(i)
			return
		}
	}
}

// SelectIndex chooses the tab at index i; choosing the selected one does
// nothing.
func (t *tabs) SelectIndex(i int) {
	if i == t.selected || i < 0 || i >= len(t.Items) {
		return
	}
	if t.Prepare != nil {
		t.Prepare(t.Items[i])
	}
	t.show(i)
	if t.OnSelected != nil {
		t.OnSelected(t.Items[i])
	}
}

// show puts the screen of tab i in place of the one shown. The screen is
// only laid out, not refreshed as a whole: its own reload refreshes what
// changed, and the two tab names' refresh asks for the frame. The screen
// taken out is refreshed on the canvas, which has the next frame free the
// textures of its texts (Fyne would keep them a minute).
func (t *tabs) show(i int) {
	if old := t.selected; old >= 0 {
		t.buttons[old].setSelected(false)
		if c := fyne.CurrentApp().Driver().CanvasForObject(t.content); c != nil {
			for _, o := range t.content.Objects {
				c.Refresh(o)
			}
		}
	}
	t.selected = i
	t.content.RemoveAll()
	if c := t.Items[i].Content; c != nil {
		t.content.Add(c)
	}
	t.buttons[i].setSelected(true)
}

// tabButton is one tab's name in the column: the selected one in the
// primary colour with a bar beside it, any under the mouse shaded.
type tabButton struct {
	widget.BaseWidget
	text     string
	selected bool
	hovered  bool
	tapped   func()
}

var (
	_ fyne.Tappable     = (*tabButton)(nil)
	_ desktop.Hoverable = (*tabButton)(nil)
)

func (b *tabButton) setSelected(v bool) {
	if b.selected != v {
		b.selected = v
		b.Refresh()
	}
}

// Tapped chooses the tab.
func (b *tabButton) Tapped(*fyne.PointEvent) { b.tapped() }

// MouseIn shades the name under the mouse.
func (b *tabButton) MouseIn(*desktop.MouseEvent) {
	b.hovered = true
	b.Refresh()
}

// MouseMoved does nothing.
func (b *tabButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut takes the shade away.
func (b *tabButton) MouseOut() {
	b.hovered = false
	b.Refresh()
}

// CreateRenderer draws the name, its shade and its bar.
func (b *tabButton) CreateRenderer() fyne.WidgetRenderer {
	r := &tabButtonRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent),
		label: canvas.NewText(b.text, color.Black)}
	r.Refresh()
	return r
}

type tabButtonRenderer struct {
	b         *tabButton
	bg, bar   *canvas.Rectangle
	label     *canvas.Text
	pad, line float32
}

func (r *tabButtonRenderer) Destroy() {}

func (r *tabButtonRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.bar, r.label}
}

func (r *tabButtonRenderer) MinSize() fyne.Size {
	return r.label.MinSize().Add(fyne.NewSize(r.pad*4, r.pad*4))
}

func (r *tabButtonRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.bar.Move(fyne.NewPos(size.Width-r.line, 0))
	r.bar.Resize(fyne.NewSize(r.line, size.Height))
	m := r.label.MinSize()
	r.label.Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
	r.label.Resize(m)
}

func (r *tabButtonRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.pad = th.Size(theme.SizeNamePadding)
	r.line = th.Size(theme.SizeNameInputBorder) * 2
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Color = th.Color(theme.ColorNameForeground, v)
	r.bar.FillColor = color.Transparent
	if r.b.selected {
		r.label.Color = th.Color(theme.ColorNamePrimary, v)
		r.bar.FillColor = th.Color(theme.ColorNamePrimary, v)
	}
	r.bg.FillColor = color.Transparent
	if r.b.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
	}
	r.bg.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.bar.Refresh()
	r.label.Refresh()
}
