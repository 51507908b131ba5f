package print

// Align is where text sits in a table cell: flush left at the top, or
// centred both ways.
type Align int

// The alignments of a cell.
const (
	Left Align = iota
	Center
	Right
)

// Cell is one cell of a table row.
type Cell struct {
	Text  string
	Span  int // columns it covers; 0 means 1
	Align Align
	Face  Face // Hei for heads and labels
}

// Row is a row of a table.
type Row struct {
	Cells  []Cell
	Height float64 // at least this many mm (room to write in by hand); the text may need more
}

// Table is a grid of cells with their borders drawn.
type Table struct {
	Widths []float64 // of the columns, mm, adding up to no more than the text block
	Size   float64   // of the text, pt
	Head   []Row     // drawn first and again at the top of each new page
}

// cellPad is the room between a cell's border and its text, mm.
const cellPad = 1.5

// Table draws the head of t and then rows, starting a new page (with the
// head again) before a row that does not fit on this one.
func (d *Doc) Table(t Table, rows []Row) {
	head := func() {
		for _, r := range t.Head {
			d.row(t, r)
		}
	}
	d.need(d.rowHeight(t, firstOf(t.Head)) + d.rowHeight(t, firstOf(rows)))
	head()
	d.onNewPage = head
	for _, r := range rows {
		ls, h := d.layRow(t, r) // once: laying out is most of the work
		d.need(h)
		d.drawRow(t, r, ls, h)
	}
	d.onNewPage = nil
}

func firstOf(rows []Row) Row {
	if len(rows) == 0 {
		return Row{}
	}
	return rows[0]
}

// span is the width of cell i of row r whose first column is col, and the
// column after it.
func span(t Table, c Cell, col int) (float64, int) {
	n := max(c.Span, 1)
	var w float64
	for k := col; k < col+n && k < len(t.Widths); k++ {
		w += t.Widths[k]
	}
	return w, col + n
}

// cellLines lays out the text of c in a cell w mm wide.
func (d *Doc) cellLines(t Table, c Cell, w float64) []Line {
	d.setFont(c.Face, t.Size)
	return Break(c.Text, w-2*cellPad, d.runeWidth, false)
}

// cellLineHeight is the distance between lines inside a cell.
func cellLineHeight(size float64) float64 { return size * mmPerPt * 1.45 }

// layRow lays out the cells of row r: the lines of each, and the height
// the row takes.
func (d *Doc) layRow(t Table, r Row) ([][]Line, float64) {
	h := r.Height
	ls := make([][]Line, len(r.Cells))
	col := 0
	for i, c := range r.Cells {
		var w float64
		w, col = span(t, c, col)
		if c.Text == "" {
			continue
		}
		ls[i] = d.cellLines(t, c, w)
		h = max(h, float64(len(ls[i]))*cellLineHeight(t.Size)+2*cellPad)
	}
	return ls, h
}

// rowHeight is the height row r takes.
func (d *Doc) rowHeight(t Table, r Row) float64 {
	_, h := d.layRow(t, r)
	return h
}

// row draws r at the current height and moves below it.
func (d *Doc) row(t Table, r Row) {
	ls, h := d.layRow(t, r)
	d.drawRow(t, r, ls, h)
}

// drawRow draws r, laid out as ls and h mm high (see layRow), at the
// current height and moves below it.
func (d *Doc) drawRow(t Table, r Row, cells [][]Line, h float64) {
	lh := cellLineHeight(t.Size)
	x, col := d.layout.Left, 0
	for i, c := range r.Cells {
		var w float64
		w, col = span(t, c, col)
		d.pdf.Rect(x, d.y, w, h, "D")
		if ls := cells[i]; len(ls) > 0 {
			d.setFont(c.Face, t.Size)
			top := d.y + cellPad
			if c.Align != Left {
				top = d.y + (h-float64(len(ls))*lh)/2
			}
			for _, l := range ls {
				lx := x + cellPad
				switch c.Align {
				case Center:
					lx = x + (w-l.Width)/2
				case Right:
					lx = x + w - cellPad - l.Width
				}
				d.drawLine(l, lx, top, lh)
				top += lh
			}
		}
		x += w
	}
	d.y += h
}
