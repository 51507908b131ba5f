package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// lines edits a short list of rows of a record, such as a meeting's
// attendees or decisions: each row its own widgets and a remove button,
// with an add button below.
type lines[T any] struct {
	box    *fyne.Container
	rows   []*line[T]
	newRow func(v T) (fyne.CanvasObject, func(v *app.Invalid, i int) T)
	root   fyne.CanvasObject
}

type line[T any] struct {
	obj fyne.CanvasObject
	get func(v *app.Invalid, i int) T
}

// newLines makes an editor whose rows newRow builds: it returns the row's
// widgets, showing v, and a function that reads the row back (adding a
// field error to v for what cannot be read).
func newLines[T any](addLabel string, newRow func(v T) (fyne.CanvasObject, func(v *app.Invalid, i int) T)) *lines[T] {
	l := &lines[T]{box: container.NewVBox(), newRow: newRow}
	add := widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), func() {
		var zero T
		l.add(zero)
	})
	add.Importance = widget.LowImportance
	l.root = container.NewVBox(l.box, container.NewHBox(add))
	return l
}

// add appends a row showing v.
func (l *lines[T]) add(v T) {
	obj, get := l.newRow(v)
	ln := &line[T]{get: get}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range l.rows {
			if x == ln {
				l.rows = append(l.rows[:i], l.rows[i+1:]...)
				break
			}
		}
		l.box.Remove(ln.obj)
	})
	remove.Importance = widget.LowImportance
	ln.obj = container.NewBorder(nil, nil, nil, remove, obj)
	l.rows = append(l.rows, ln)
	l.box.Add(ln.obj)
}

// set replaces the rows with one per value.
func (l *lines[T]) set(vs []T) {
	l.rows = nil
	l.box.RemoveAll()
	for _, v := range vs {
		l.add(v)
	}
}

// values reads every row.
func (l *lines[T]) values(v *app.Invalid) []T {
	var out []T
	for i, ln := range l.rows {
		out = append(out, ln.get(v, i))
	}
	return out
}
