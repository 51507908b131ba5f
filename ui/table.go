package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a record table: its title and width.
type column struct {
	title string
	width float32
}

// readableWidth is the narrowest a column that gives way to the key
// columns becomes while in view: four characters, or three and "…".
const readableWidth = 80

// recordTable is a scrolling table of records with a header row. Only the
// rows on screen are drawn, so tens of thousands of rows stay smooth. A tap
// or Enter on a row picks the record.
//
// Its key columns (the record's number, its status; the first column
// unless keep says otherwise) keep their width; the others share what is
// left of the table's width, down to two characters, so that a narrow
// window never pushes a key column out of sight. A cut text ends in "…"
// and shows whole in the record's pane.
//
// It is a widget of its own (ExtendBaseWidget) holding Fyne's table, so
// the object in the canvas tree is this one, not a part of it.
type recordTable struct {
	widget.BaseWidget
	table *widget.Table
	cols  []column
	keys  map[int]bool
	rows  func() int
	cell  func(row, col int) (string, widget.Importance)
	pick  func(row int)
	// widths are the column widths set last, to set them again only
	// when the table's width changes.
	widths []float32
}

// newRecordTable makes a table of cols whose length is rows() and whose
// cells cell gives; pick is called with the row the user chooses.
func newRecordTable(cols []column, rows func() int, cell func(row, col int) (string, widget.Importance), pick func(row int)) *recordTable {
	t := &recordTable{cols: cols, rows: rows, cell: cell, pick: pick, keys: map[int]bool{0: true}}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return t.rows(), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= t.rows() {
				l.SetText("")
				return
			}
			text, imp := t.cell(id.Row, id.Col)
			l.Importance = imp
			l.SetText(text)
		},
	)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Importance = widget.HighImportance
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.cols) {
			o.(*widget.Label).SetText(t.cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < t.rows() && t.pick != nil {
			t.pick(id.Row)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

// keep makes the columns cols the key columns, which never shrink, in
// place of the first.
func (t *recordTable) keep(cols ...int) *recordTable {
	t.keys = map[int]bool{}
	for _, c := range cols {
		t.keys[c] = true
	}
	t.widths = nil
	return t
}

// CreateRenderer is Fyne's table, its columns fitted to the width.
func (t *recordTable) CreateRenderer() fyne.WidgetRenderer {
	return &recordTableRenderer{t: t}
}

// Refresh draws the rows again.
func (t *recordTable) Refresh() { t.table.Refresh() }

// UnselectAll clears the chosen row.
func (t *recordTable) UnselectAll() { t.table.UnselectAll() }

// reset shows the table from its first row after its records changed.
func (t *recordTable) reset() {
	t.table.UnselectAll()
	t.table.Refresh()
	t.table.ScrollToTop()
}

// columnWidths are the widths of the columns in a table width wide. The
// key columns keep their set widths. The others share the rest in
// proportion to their set widths, growing when there is room; where there
// is too little, each keeps a readable width (readableWidth, or its set
// width if less), those that fit stay in view, left to right, sharing
// what is left, and the rest lie beyond the right edge, a horizontal
// scroll away. Key columns therefore come first.
func (t *recordTable) columnWidths(width float32) []float32 {
	sep := theme.Padding()
	avail := width - sep*float32(len(t.cols)+1)
	var fixed, flex float32
	for i, c := range t.cols {
		if t.keys[i] {
			fixed += c.width
		} else {
			flex += c.width
		}
	}
	out := make([]float32, len(t.cols))
	rest := avail - fixed
	scale := float32(1)
	if flex > 0 {
		scale = rest / flex
	}
	readable := func(c column) float32 { return min(c.width, readableWidth) }
	fits := true
	for i, c := range t.cols {
		if t.keys[i] {
			out[i] = c.width
		} else {
			out[i] = float32(int(c.width * scale))
			fits = fits && out[i] >= readable(c)
		}
	}
	if fits {
		return out
	}
	// Too narrow: left to right, the flex columns that fit at a readable
	// width stay in view and share the room left over; the others keep a
	// readable width beyond the right edge.
	var used, inView float32
	last := -1 // the last flex column in view
	for i, c := range t.cols {
		if t.keys[i] {
			continue
		}
		w := readable(c)
		if used+w > rest {
			break
		}
		used, inView, last = used+w, inView+c.width, i
	}
	spare := max(rest-used, 0)
	for i, c := range t.cols {
		if t.keys[i] {
			continue
		}
		out[i] = readable(c)
		if i <= last && inView > 0 {
			out[i] += float32(int(spare * c.width / inView))
		}
	}
	return out
}

// recordTableRenderer lays out the table and fits its columns to its
// width.
type recordTableRenderer struct{ t *recordTable }

func (r *recordTableRenderer) Layout(size fyne.Size) {
	t := r.t
	w := t.columnWidths(size.Width)
	changed := len(w) != len(t.widths)
	for i := range w {
		if !changed && w[i] != t.widths[i] {
			changed = true
		}
	}
	if changed {
		t.widths = w
		for i, x := range w {
			t.table.SetColumnWidth(i, x)
		}
	}
	t.table.Resize(size)
	t.table.Move(fyne.NewPos(0, 0))
}

func (r *recordTableRenderer) MinSize() fyne.Size           { return r.t.table.MinSize() }
func (r *recordTableRenderer) Refresh()                     { r.t.table.Refresh() }
func (r *recordTableRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.t.table} }
func (r *recordTableRenderer) Destroy()                     {}

// oneLine joins the lines of s with spaces, for one-line cells.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sectionTitle is the heading of a part of a screen, in the theme's
// primary colour. No text is bold: the embedded font has no bold face, and
// each text style costs Fyne another set of parsed fonts (about 20 MB).
func sectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.HighImportance
	return l
}
