package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// problemList is the part of a visit or meeting form where the problems
// raised there are typed in, one card each (问题1, 问题2 …), to enter the
// ledger when the visit or meeting is saved.
type problemList struct {
	u      *UI
	ask    problemAsks
	submit func()
	forms  []*problemForm
	titles []*widget.Label
	box    *fyne.Container
	root   fyne.CanvasObject
}

func newProblemList(u *UI, title string, ask problemAsks, submit func()) *problemList {
	l := &problemList{u: u, ask: ask, submit: submit, box: container.NewVBox()}
	add := widget.NewButtonWithIcon("添加问题", theme.ContentAddIcon(), l.add)
	l.root = container.NewVBox(sectionTitle(title), l.box, add)
	return l
}

// add appends an empty problem card and puts the cursor in it.
func (l *problemList) add() {
	pf := newProblemForm(l.u, l.ask, l.submit)
	title := sectionTitle("")
	l.forms, l.titles = append(l.forms, pf), append(l.titles, title)
	var card fyne.CanvasObject
	remove := widget.NewButtonWithIcon("移除", theme.DeleteIcon(), func() {
		for i, x := range l.forms {
			if x == pf {
				l.forms = append(l.forms[:i], l.forms[i+1:]...)
				l.titles = append(l.titles[:i], l.titles[i+1:]...)
				break
			}
		}
		l.box.Remove(card)
		l.renumber()
	})
	remove.Importance = widget.LowImportance
	card = widget.NewCard("", "", container.NewVBox(container.NewBorder(nil, nil, nil, remove, title), pf.form.object()))
	l.box.Add(card)
	l.renumber()
	if pf.ask.enterprise {
		l.u.win.Canvas().Focus(pf.enterprise.entry)
	} else {
		l.u.win.Canvas().Focus(pf.description)
	}
}

func (l *problemList) renumber() {
	for i, t := range l.titles {
		t.SetText(fmt.Sprintf("问题%d", i+1))
	}
}

// clear removes every card.
func (l *problemList) clear() {
	l.forms, l.titles = nil, nil
	l.box.RemoveAll()
}

// values reads the cards; day is the visit's or meeting's date. ok is false
// when a card has a field that could not be read (its message is shown).
func (l *problemList) values(day app.Date) (nps []app.NewProblem, ok bool) {
	ok = true
	for _, pf := range l.forms {
		np, err := pf.value(day)
		pf.form.show(err)
		ok = ok && err == nil
		nps = append(nps, np)
	}
	return nps, ok
}

// showError puts a save's refusal of one problem next to its fields and
// reports whether err was such a refusal.
func (l *problemList) showError(err error) bool {
	var pe app.ProblemError
	if errors.As(err, &pe) && pe.Index < len(l.forms) {
		l.forms[pe.Index].form.show(pe.Err)
		return true
	}
	return false
}

// showRaised fills box with the problems registered from the visit or
// meeting with sourceID, each a button to its page in the ledger, under
// title; it returns them.
func (u *UI) showRaised(box *fyne.Container, title, sourceID string) []app.Problem {
	box.RemoveAll()
	if sourceID == "" {
		return nil
	}
	list, err := u.svc.Problems(u.ctx, app.ProblemFilter{SourceID: sourceID})
	if err != nil {
		u.notify(app.Message(err))
		return nil
	}
	if len(list) == 0 {
		return nil
	}
	box.Add(sectionTitle(fmt.Sprintf("%s（%d）", title, len(list))))
	for _, p := range list {
		id := p.ID
		// A link whose text ends in "…" where the pane is narrow: a
		// button as wide as its text would widen the window.
		l := widget.NewHyperlink(fmt.Sprintf("%s  %s  %s", p.Number, p.Status, shortText(p.Description, 30)), nil)
		l.OnTapped = func() { u.showProblem(id) }
		l.Truncation = fyne.TextTruncateEllipsis
		box.Add(l)
	}
	return list
}
