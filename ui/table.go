package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a record table: its title and width.
type column struct {
	title string
	width float32
}

// recordTable is a scrolling table of records with a header row. Only the
// rows on screen are drawn, so tens of thousands of rows stay smooth. A tap
// or Enter on a row picks the record.
type recordTable struct {
	*widget.Table
	cols []column
	rows func() int
	cell func(row, col int) (string, widget.Importance)
	pick func(row int)
}

// newRecordTable makes a table of cols whose length is rows() and whose
// cells cell gives; pick is called with the row the user chooses.
func newRecordTable(cols []column, rows func() int, cell func(row, col int) (string, widget.Importance), pick func(row int)) *recordTable {
	t := &recordTable{cols: cols, rows: rows, cell: cell, pick: pick}
	t.Table = widget.NewTableWithHeaders(
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
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Importance = widget.HighImportance
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.cols) {
			o.(*widget.Label).SetText(t.cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < t.rows() && t.pick != nil {
			t.pick(id.Row)
		}
	}
	return t
}

// reset shows the table from its first row after its records changed.
func (t *recordTable) reset() {
	t.UnselectAll()
	t.Refresh()
	t.ScrollToTop()
}

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
