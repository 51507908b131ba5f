package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tabs shows one of several screens, chosen by clicking its name in a row
// above it (newTabs) or, for the window, in a column down its left side
// (newSideTabs). It does what Fyne's AppTabs did, less what made that slow
// to start and to switch: AppTabs refreshed every tab's screen on each
// change and all its tab names on each tab added, drew its names in bold
// (a second parse of the embedded CJK font: 18 MB and some 30 ms) and
// rendered an SVG close icon for each name.
type tabs struct {
	widget.BaseWidget
	// Items are the tabs, in order: each one's name and screen.
	Items []*container.TabItem
	// OnSelected is called after a tab was chosen and its screen put in
	// place.
	OnSelected func(*container.TabItem)
	// Prepare, when set, is called before a tab's screen is put in place:
	// it may make the screen (the item's Content).
	Prepare func(*container.TabItem)

	side     bool // names down the left side, not in a row above
	buttons  []*tabButton
	bar      *fyne.Container
	selected int
	content  *fyne.Container // the selected tab's screen
	root     fyne.CanvasObject
	// looks is the theme each screen last had: a screen out of the window
	// misses a change of theme, and is refreshed when shown again.
	looks map[*container.TabItem]look
}

// look is a theme and variant.
type look struct {
	theme   fyne.Theme
	variant fyne.ThemeVariant
}

// currentLook is the app's theme and variant now.
func currentLook() look {
	s := fyne.CurrentApp().Settings()
	return look{s.Theme(), s.ThemeVariant()}
}

// newTabs makes tabs with their names in a row above the screen; the
// first is selected (OnSelected is not called for it).
func newTabs(items ...*container.TabItem) *tabs { return makeTabs(false, items) }

// newSideTabs makes tabs with their names down the left side.
func newSideTabs(items ...*container.TabItem) *tabs { return makeTabs(true, items) }

func makeTabs(side bool, items []*container.TabItem) *tabs {
	t := &tabs{side: side, selected: -1, content: container.NewStack(), looks: map[*container.TabItem]look{}}
	t.ExtendBaseWidget(t)
	if side {
		t.bar = container.New(layout.NewCustomPaddedVBoxLayout(0)) // no gap a click falls into
		t.root = container.NewBorder(nil, nil,
			container.NewHBox(container.NewVScroll(t.bar), widget.NewSeparator()), nil, t.content)
	} else {
		t.bar = container.New(layout.NewCustomPaddedHBoxLayout(0))
		t.root = container.NewBorder(container.NewVBox(t.bar, widget.NewSeparator()), nil, nil, nil, t.content)
	}
	for _, it := range items {
		t.Append(it)
	}
	return t
}

// Append adds a tab at the end; the first one added is selected.
func (t *tabs) Append(it *container.TabItem) {
	i := len(t.Items)
	t.Items = append(t.Items, it)
	b := &tabButton{text: it.Text, side: t.side, tapped: func() { t.SelectIndex(i) }}
	b.ExtendBaseWidget(b)
	t.buttons = append(t.buttons, b)
	t.bar.Add(b)
	if t.selected < 0 {
		if t.Prepare != nil {
			t.Prepare(it)
		}
		t.show(i)
	}
}

// Selected is the selected tab.
func (t *tabs) Selected() *container.TabItem {
	if t.selected < 0 || t.selected >= len(t.Items) {
		return nil
	}
	return t.Items[t.selected]
}

// SelectedIndex is the index of the selected tab, -1 when there is none.
func (t *tabs) SelectedIndex() int { return t.selected }

// Select chooses tab it, as a click on its name does.
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
// changed, and the two names' refresh asks for the frame. The screen taken
// out is refreshed on the canvas, which has the next frame free the
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
		t.refreshLook()
	}
	t.buttons[i].setSelected(true)
}

// refreshLook refreshes the screen shown if it has missed a change of
// theme: out of the window then, or inside tabs that were.
func (t *tabs) refreshLook() {
	it := t.Selected()
	if it == nil || it.Content == nil {
		return
	}
	now := currentLook()
	if was, ok := t.looks[it]; ok && was != now {
		it.Content.Refresh()
	}
	t.looks[it] = now
}

// CreateRenderer lays out the names and the screen.
func (t *tabs) CreateRenderer() fyne.WidgetRenderer { return &tabsRenderer{t: t} }

// tabsRenderer's Refresh updates the names (an item's Text may change)
// without refreshing the screen shown.
type tabsRenderer struct{ t *tabs }

func (r *tabsRenderer) Destroy()                     {}
func (r *tabsRenderer) Layout(size fyne.Size)        { r.t.root.Resize(size) }
func (r *tabsRenderer) MinSize() fyne.Size           { return r.t.root.MinSize() }
func (r *tabsRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.root} }

func (r *tabsRenderer) Refresh() {
	r.t.refreshLook()
	for i, b := range r.t.buttons {
		if txt := r.t.Items[i].Text; b.text != txt {
			b.text = txt
			b.Refresh()
		}
	}
	r.t.bar.Refresh()
}

// tabButton is one tab's name: the selected one in the primary colour
// with a bar beside it (under it in a row), any under the mouse shaded.
type tabButton struct {
	widget.BaseWidget
	text     string
	side     bool
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
	return r.label.MinSize().Add(fyne.NewSize(r.pad*4, r.pad*3))
}

func (r *tabButtonRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	if r.b.side {
		r.bar.Move(fyne.NewPos(size.Width-r.line, 0))
		r.bar.Resize(fyne.NewSize(r.line, size.Height))
	} else {
		r.bar.Move(fyne.NewPos(0, size.Height-r.line))
		r.bar.Resize(fyne.NewSize(size.Width, r.line))
	}
	m := r.label.MinSize()
	r.label.Move(fyne.NewPos((size.Width-m.Width)/2, (size.Height-m.Height)/2))
	r.label.Resize(m)
}

func (r *tabButtonRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.pad = th.Size(theme.SizeNamePadding)
	r.line = th.Size(theme.SizeNameInputBorder) * 2
	r.label.Text = r.b.text
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
