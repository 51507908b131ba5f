package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// fieldForm lays out labelled fields with a line under each for its error
// message, and a line at the bottom for errors that belong to no field.
// Enter in a one-line entry submits the form.
type fieldForm struct {
	rows    []fyne.CanvasObject
	errs    map[string]*widget.Label
	labels  map[string]*widget.Label
	cells   map[string]fyne.CanvasObject
	general *widget.Label
	submit  func()
}

func newFieldForm(submit func()) *fieldForm {
	g := widget.NewLabel("")
	g.Importance = widget.DangerImportance
	g.Wrapping = fyne.TextWrapWord
	g.Hide()
	return &fieldForm{errs: map[string]*widget.Label{}, labels: map[string]*widget.Label{}, cells: map[string]fyne.CanvasObject{}, general: g, submit: submit}
}

// add appends a field. field is the Go name of the record's field, as the
// domain's FieldError names it; label is what the user reads.
func (f *fieldForm) add(field, label string, obj fyne.CanvasObject) {
	if e, ok := obj.(*widget.Entry); ok && !e.MultiLine && f.submit != nil {
		e.OnSubmitted = func(string) { f.submit() }
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	f.errs[field] = msg
	lbl := widget.NewLabel(label)
	lbl.Alignment = fyne.TextAlignTrailing
	cell := container.NewVBox(obj, msg)
	f.labels[field], f.cells[field] = lbl, cell
	f.rows = append(f.rows, lbl, cell)
}

// showField shows or hides the row of field.
func (f *fieldForm) showField(field string, visible bool) {
	for _, o := range []fyne.CanvasObject{f.labels[field], f.cells[field]} {
		if visible {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// setLabel changes what the label of field says.
func (f *fieldForm) setLabel(field, label string) { f.labels[field].SetText(label) }

// show puts the messages of err next to their fields; a message that
// belongs to no field of the form goes to the bottom line.
func (f *fieldForm) show(err error) {
	f.clear()
	if err == nil {
		return
	}
	var rest []string
	var inv app.Invalid
	var fe app.FieldError
	switch {
	case errors.As(err, &inv):
	case errors.As(err, &fe):
		inv = app.Invalid{fe}
	default:
		rest = append(rest, app.Message(err))
	}
	for _, e := range inv {
		// A field of a row, such as Decisions.2, shows under its list.
		name, _, _ := strings.Cut(e.Field, ".")
		l, ok := f.errs[e.Field]
		if !ok {
			l, ok = f.errs[name]
		}
		if !ok {
			rest = append(rest, e.Msg)
			continue
		}
		if l.Visible() {
			l.SetText(l.Text + "；" + e.Msg)
		} else {
			l.SetText(e.Msg)
		}
		l.Show()
	}
	if len(rest) > 0 {
		f.general.SetText(strings.Join(rest, "；"))
		f.general.Show()
	}
}

// clear hides every error message.
func (f *fieldForm) clear() {
	for _, l := range f.errs {
		l.SetText("")
		l.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

// errorText is the message shown for field, "" when none; tests read it.
func (f *fieldForm) errorText(field string) string {
	if l, ok := f.errs[field]; ok {
		return l.Text
	}
	return ""
}

// object is the form as one canvas object.
func (f *fieldForm) object() fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout(), f.rows...)
	return container.NewVBox(grid, f.general)
}

// newSelect is a drop-down list that asks 请选择 while nothing is chosen
// (Fyne's own placeholder is English).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = "请选择"
	return s
}

// newFilter is a drop-down list that narrows a list. Its first option
// (全部…) is chosen before changed is set, so building a screen does not
// reload it. A filter always has a choice, so its placeholder is never
// shown: it is set to the longest option, which makes the list wide enough
// for every option.
func newFilter(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.PlaceHolder = "" // not Fyne's English one
	for _, o := range options {
		if len([]rune(o)) > len([]rune(s.PlaceHolder)) {
			s.PlaceHolder = o
		}
	}
	s.SetSelected(options[0])
	s.OnChanged = changed
	return s
}

// newDateEntry is an entry for a date as clerks write it (2026-03-05 or
// 2026年3月5日).
func newDateEntry(d app.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("例如 2026-03-05")
	e.SetText(d.String())
	return e
}

// parseDateField reads a date entry, adding a field error to v when the
// text is not a date.
func parseDateField(v *app.Invalid, field string, e *widget.Entry) app.Date {
	d, err := app.ParseDate(strings.TrimSpace(e.Text))
	if err != nil {
		v.Add(field, err.Error())
	}
	return d
}

// parseWanField reads an amount in 万元, adding a field error to v when the
// text is not one.
func parseWanField(v *app.Invalid, field string, e *widget.Entry) app.Yuan {
	y, err := app.ParseWan(e.Text)
	if err != nil {
		v.Add(field, err.Error())
	}
	return y
}

// parseIntField reads a whole number; empty is zero.
func parseIntField(v *app.Invalid, field string, e *widget.Entry) int {
	t := strings.TrimSpace(e.Text)
	if t == "" {
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		v.Add(field, "请填写整数，例如 12")
	}
	return n
}

// textArea is a multi-line entry that Tab leaves, to the next field, as in
// every other form the clerks know (Fyne's own keeps Tab as a character).
type textArea struct{ widget.Entry }

// newTextArea is an empty multi-line entry with word wrapping.
func newTextArea() *textArea {
	t := &textArea{}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	return t
}

// AcceptsTab is false: Tab moves to the next field.
func (t *textArea) AcceptsTab() bool { return false }
