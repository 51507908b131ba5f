package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// mark selects row r of the table and scrolls it into view, as if the
// user had chosen it, but without picking the record again: the screen
// already shows it, perhaps with changes not yet saved.
//
// The scroll is done again once the window has laid out the rows: a table
// whose rows were just read (the first time its tab is shown) still has
// the height of its old rows, and Fyne's scroller would cut the scroll
// back to the top while the table drew the rows further down, leaving it
// blank.
func (t *recordTable) mark(r int) {
	pick := t.pick
	t.pick = nil
	id := widget.TableCellID{Row: r, Col: 0}
	t.table.Select(id)
	t.pick = pick
	fyne.Do(func() {
		if r < t.rows() {
			t.table.ScrollTo(id)
		}
	})
}

// indexOf is the index of the record with id among the n records idAt
// reads, or -1.
func indexOf(id string, n int, idAt func(i int) string) int {
	for i := 0; i < n; i++ {
		if idAt(i) == id {
			return i
		}
	}
	return -1
}

// follow keeps a list screen's form in step with its list after a reload:
// the row of the open record (open, "" for a new one) is selected and
// scrolled into view; when the list (its filter changed) no longer holds
// the record, clear puts the pane back to its empty state.
func (t *recordTable) follow(open string, n int, idAt func(i int) string, clear func()) {
	if open == "" {
		return
	}
	if i := indexOf(open, n, idAt); i >= 0 {
		t.mark(i)
		return
	}
	clear()
}
