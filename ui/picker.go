package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pickerRows is how many matches the list of a picker shows before it
// scrolls; pickerMax is how many it lists at most (type more to narrow).
const (
	pickerRows = 8
	pickerMax  = 200
)

// picker chooses one record out of many by typing part of its name: the
// list under it shows the matches as the clerk types, opens with its arrow
// or ↓, moves with ↑ and ↓, and chooses with Enter or a click. Esc closes
// the list. While the list is open it passes what is typed on to the
// entry, so typing never lands anywhere else.
type picker struct {
	widget.BaseWidget
	entry *pickerEntry
	arrow *widget.Button

	names   []string          // every choice, in order
	ids     map[string]string // name → ID
	matches []string          // the names the list shows
	list    *pickerList
	popUp   *widget.PopUp
	setting bool // the text is being set by a choice, not typed
}

func newPicker(placeholder string) *picker {
	p := &picker{ids: map[string]string{}}
	p.entry = &pickerEntry{p: p}
	p.entry.ExtendBaseWidget(p.entry)
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = p.typed
	p.arrow = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.toggle)
	p.arrow.Importance = widget.LowImportance
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer lays the entry out with the arrow at its right end.
func (p *picker) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, p.arrow, p.entry))
}

// setChoices replaces the choices; names must be unique (add a suffix
// such as the credit code's end where they are not).
func (p *picker) setChoices(names, ids []string) {
	p.names = names
	p.ids = make(map[string]string, len(names))
	for i, n := range names {
		p.ids[n] = ids[i]
	}
	p.hideList()
}

// Text is what the entry says.
func (p *picker) Text() string { return p.entry.Text }

// SetText puts text in the entry without opening the list.
func (p *picker) SetText(text string) {
	p.setting = true
	p.entry.SetText(text)
	p.setting = false
}

// id is the ID of the chosen record, "" when the text names none.
func (p *picker) id() string { return p.ids[strings.TrimSpace(p.entry.Text)] }

// choose shows the record with id as chosen.
func (p *picker) choose(id string) {
	for n, x := range p.ids {
		if x == id {
			p.SetText(n)
			return
		}
	}
	p.SetText("")
}

// Enable and Disable switch the entry and its arrow together.
func (p *picker) Enable()  { p.entry.Enable(); p.arrow.Enable() }
func (p *picker) Disable() { p.entry.Disable(); p.arrow.Disable() }

// match lists the names that contain s (every name for "" or for a name
// already chosen, so the arrow shows the whole list).
func (p *picker) match(s string) []string {
	s = strings.TrimSpace(s)
	if p.ids[s] != "" {
		s = ""
	}
	var out []string
	for _, n := range p.names {
		if s == "" || strings.Contains(n, s) {
			out = append(out, n)
			if len(out) == pickerMax {
				break
			}
		}
	}
	return out
}

// typed follows what the clerk types: the list shows the matches, and
// closes when there are none.
func (p *picker) typed(s string) {
	if p.setting {
		return
	}
	if strings.TrimSpace(s) == "" {
		p.hideList()
		return
	}
	p.showList(p.match(s))
}

// toggle opens the list with the matches of what is typed, or closes it.
func (p *picker) toggle() {
	if p.listShown() {
		p.hideList()
		return
	}
	p.showList(p.match(p.entry.Text))
}

func (p *picker) listShown() bool { return p.popUp != nil && p.popUp.Visible() }

// showList shows matches under the picker (above it when there is no room
// below) and takes the keyboard, which it passes on to the entry.
func (p *picker) showList(matches []string) {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil || p.entry.Disabled() {
		return
	}
	p.matches = matches
	if len(matches) == 0 {
		p.hideList()
		return
	}
	if p.list == nil {
		p.list = newPickerList(p)
	}
	if p.popUp == nil || p.popUp.Canvas != c {
		p.popUp = widget.NewPopUp(p.list, c)
	}
	p.list.reset()

	row := p.list.rowHeight()
	h := row * float32(min(len(matches), pickerRows))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	below := pos.Add(fyne.NewPos(0, p.Size().Height))
	if below.Y+h > c.Size().Height && pos.Y-h >= 0 {
		below = pos.Subtract(fyne.NewPos(0, h))
	}
	p.popUp.Resize(fyne.NewSize(p.Size().Width, h))
	p.popUp.ShowAtPosition(below)
	c.Focus(p.list)
}

// hideList closes the list; the entry keeps the keyboard.
func (p *picker) hideList() {
	if p.popUp != nil {
		p.popUp.Hide()
	}
}

// pick chooses the i-th match, closes the list and gives the entry back the keyboard.
func (p *picker) pick(i int) {
	if i < 0 || i >= len(p.matches) {
		return
	}
	p.SetText(p.matches[i])
	p.entry.CursorColumn = len([]rune(p.entry.Text))
	p.entry.Refresh()
	p.hideList()
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.entry); c != nil {
		c.Focus(p.entry)
	}
}

// pickerEntry is the picker's entry: ↓ opens the list.
type pickerEntry struct {
	widget.Entry
	p *picker
}

// TypedKey opens the list on ↓ and otherwise types as an entry does.
func (e *pickerEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown {
		e.p.showList(e.p.match(e.Text))
		return
	}
	e.Entry.TypedKey(k)
}

// pickerList is the list of matches. It holds the keyboard while it is
// open: ↑ ↓ move, Enter chooses, Esc closes, Tab closes and moves on;
// anything else is typed into the entry.
type pickerList struct {
	widget.BaseWidget
	p    *picker
	list *widget.List
	at   int  // the highlighted match
	busy bool // the highlight is being moved, not clicked
}

func newPickerList(p *picker) *pickerList {
	l := &pickerList{p: p}
	l.list = widget.NewList(
		func() int { return len(p.matches) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("")
			t.Truncation = fyne.TextTruncateEllipsis
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.matches[i]) },
	)
	l.list.OnSelected = func(i widget.ListItemID) {
		if !l.busy {
			p.pick(i)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer draws the list.
func (l *pickerList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.list) }

// rowHeight is the height of one row of the list.
func (l *pickerList) rowHeight() float32 {
	return widget.NewLabel("企").MinSize().Height + theme.SeparatorThicknessSize()
}

// reset shows the new matches with the first, or the chosen one, highlighted.
func (l *pickerList) reset() {
	l.at = 0
	for i, n := range l.p.matches {
		if n == strings.TrimSpace(l.p.entry.Text) {
			l.at = i
		}
	}
	l.list.Refresh()
	l.highlight()
}

func (l *pickerList) highlight() {
	l.busy = true
	l.list.Select(l.at)
	l.list.ScrollTo(l.at)
	l.busy = false
}

// FocusGained and FocusLost: the list needs no look of its own when focused.
func (l *pickerList) FocusGained() {}
func (l *pickerList) FocusLost()   {}

// TypedRune types r into the entry, which narrows the list.
func (l *pickerList) TypedRune(r rune) { l.p.entry.TypedRune(r) }

// TypedKey moves the highlight, chooses, closes, or edits the entry.
func (l *pickerList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		if l.at < len(l.p.matches)-1 {
			l.at++
			l.highlight()
		}
	case fyne.KeyUp:
		if l.at > 0 {
			l.at--
			l.highlight()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		l.p.pick(l.at)
	case fyne.KeyEscape:
		l.p.hideList()
	case fyne.KeyTab:
		l.p.hideList()
		if c := fyne.CurrentApp().Driver().CanvasForObject(l.p.entry); c != nil {
			c.Focus(l.p.entry)
			c.FocusNext()
		}
	default:
		l.p.entry.TypedKey(k)
	}
}

// TypedShortcut passes shortcuts such as paste on to the entry.
func (l *pickerList) TypedShortcut(s fyne.Shortcut) { l.p.entry.TypedShortcut(s) }
