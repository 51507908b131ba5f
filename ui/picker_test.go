package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// newTestPicker is a picker of three enterprises in a window of its own.
func newTestPicker(t *testing.T) (*picker, fyne.Canvas) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("picker")
	p := newPicker("输入企业名称的一部分")
	p.setChoices([]string{"秦皇岛瑞丰玻璃器皿有限公司", "秦皇岛瑞丰机械制造有限公司", "秦皇岛祖山食品科技有限公司"}, []string{"e1", "e2", "e3"})
	w.SetContent(container.NewVBox(p))
	w.Resize(fyne.NewSize(600, 500))
	return p, w.Canvas()
}

// typeInto types s where the keyboard is, as a real window does.
func typeInto(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

func overlays(c fyne.Canvas) int { return len(c.Overlays().List()) }

func TestPickerListsMatchesAsYouType(t *testing.T) {
	p, c := newTestPicker(t)
	c.Focus(p.entry)
	typeInto(c, "瑞丰")
	if overlays(c) != 1 {
		t.Fatalf("typing opened %d lists, want 1", overlays(c))
	}
	if got := p.matches; len(got) != 2 || got[0] != "秦皇岛瑞丰玻璃器皿有限公司" || got[1] != "秦皇岛瑞丰机械制造有限公司" {
		t.Fatalf("matches of 瑞丰: %q", got)
	}
	if p.Text() != "瑞丰" {
		t.Fatalf("the entry says %q, want 瑞丰: the open list must pass typing on to it", p.Text())
	}
	typeInto(c, "机械")
	if len(p.matches) != 1 || p.Text() != "瑞丰机械" {
		t.Fatalf("typing on narrowed to %q with the entry at %q", p.matches, p.Text())
	}
	typeInto(c, "x")
	if overlays(c) != 0 {
		t.Fatal("the list stays open with no match")
	}
}

func TestPickerKeyboard(t *testing.T) {
	p, c := newTestPicker(t)
	c.Focus(p.entry)
	// ↓ opens the whole list; ↓ again moves to the second; Enter chooses it.
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if overlays(c) != 1 || len(p.matches) != 3 {
		t.Fatalf("↓ opened %d lists of %d names, want 1 of 3", overlays(c), len(p.matches))
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.id() != "e2" || overlays(c) != 0 {
		t.Fatalf("↓ ↓ Enter chose %q (%q) with %d lists open, want e2 and the list closed", p.id(), p.Text(), overlays(c))
	}
	if c.Focused() != p.entry {
		t.Fatalf("after choosing, the keyboard is at %T, want the picker's entry", c.Focused())
	}
	// Esc closes the list and leaves the keyboard in the entry.
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if overlays(c) != 0 || c.Focused() != p.entry {
		t.Fatalf("Esc left %d lists open and the keyboard at %T", overlays(c), c.Focused())
	}
	if p.id() != "e2" {
		t.Fatalf("Esc changed the choice to %q", p.Text())
	}
}

func TestPickerArrowAndClick(t *testing.T) {
	p, c := newTestPicker(t)
	test.Tap(p.arrow)
	if overlays(c) != 1 || len(p.matches) != 3 {
		t.Fatalf("the arrow opened %d lists of %d names", overlays(c), len(p.matches))
	}
	p.list.list.Select(2) // a click on the third row
	if p.id() != "e3" || overlays(c) != 0 {
		t.Fatalf("a click chose %q with %d lists open", p.Text(), overlays(c))
	}
	test.Tap(p.arrow)
	test.Tap(p.arrow)
	if overlays(c) != 0 {
		t.Fatal("a second click on the arrow does not close the list")
	}
	p.Disable()
	test.Tap(p.arrow)
	if overlays(c) != 0 {
		t.Fatal("a disabled picker opened its list")
	}
}

func TestPickerChooseAndUnknownName(t *testing.T) {
	p, c := newTestPicker(t)
	p.choose("e3")
	if p.Text() != "秦皇岛祖山食品科技有限公司" || overlays(c) != 0 {
		t.Fatalf("choose(e3) shows %q with %d lists open", p.Text(), overlays(c))
	}
	p.SetText("没有这家企业")
	if p.id() != "" {
		t.Fatalf("an unknown name has the ID %q", p.id())
	}
}

func TestTabLeavesTextAreas(t *testing.T) {
	u, _ := newTestUI(t)
	u.ledger.newRecord()
	var tabbable fyne.Tabbable = u.ledger.create.description
	if tabbable.AcceptsTab() {
		t.Fatal("the problem description keeps Tab: the clerk cannot leave it with the keyboard")
	}
}
