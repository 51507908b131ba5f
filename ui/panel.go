package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// panel frames content in a thin rounded border, as Fyne's Card without
// a title does. Card measures its empty title in bold, which costs a second
// parse of the embedded CJK font (18 MB, some 30 ms) although no text of the
// program is bold.
type panel struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

// newPanel frames content.
func newPanel(content fyne.CanvasObject) *panel {
	p := &panel{content: content}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer draws the border around the content.
func (p *panel) CreateRenderer() fyne.WidgetRenderer {
	r := &panelRenderer{p: p, border: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p      *panel
	border *canvas.Rectangle
	pad    float32
}

func (r *panelRenderer) Destroy() {}

func (r *panelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.border, r.p.content}
}

// Layout leaves half a padding outside the border and one inside it, as
// Card does.
func (r *panelRenderer) Layout(size fyne.Size) {
	r.border.Move(fyne.NewSquareOffsetPos(r.pad / 2))
	r.border.Resize(size.Subtract(fyne.NewSquareSize(r.pad)))
	r.p.content.Move(fyne.NewSquareOffsetPos(r.pad * 1.5))
	r.p.content.Resize(size.Subtract(fyne.NewSquareSize(r.pad * 3)))
}

func (r *panelRenderer) MinSize() fyne.Size {
	return r.p.content.MinSize().Add(fyne.NewSquareSize(r.pad * 3))
}

func (r *panelRenderer) Refresh() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.pad = th.Size(theme.SizeNamePadding)
	r.border.StrokeColor = th.Color(theme.ColorNameShadow, v)
	r.border.StrokeWidth = 1
	r.border.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.Layout(r.p.Size())
	r.border.Refresh()
	r.p.content.Refresh()
}
