package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

// A name with a character no print face has is saved, and the clerk is
// warned at once, with the field and the character's code; an ordinary
// name is saved without a word.
func TestSaveWarnsOfUnprintableCharacters(t *testing.T) {
	u, st := newTestUI(t)
	s := u.ents
	u.selectTab(s)
	cases := []struct {
		name, legalRep string
		warn           []string // what the warning names; none when nil
	}{
		{"秦皇岛耀华玻璃股份有限公司", "王建国", nil},
		{"秦皇岛\U0002A6D6玻璃", "王建国", []string{"企业名称中的“\U0002A6D6”（U+2A6D6）", "打印时将印为编码"}},
		{"秦皇岛海鹏机械有限公司", "李\U0002A6D6", []string{"法定代表人中的“\U0002A6D6”（U+2A6D6）"}},
	}
	for i, c := range cases {
		s.newRecord()
		test.Type(s.name, c.name)
		s.legalRep.SetText(c.legalRep)
		s.code.SetText(creditCode(t, i+1))
		enter(s.code)
		list, err := st.Enterprises(u.ctx, app.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != i+1 || s.cur.Name != c.name {
			t.Fatalf("%s: %d enterprises stored after saving %d, the form holds %q (%s)", c.name, len(list), i+1, s.cur.Name, s.form.errorText("Name"))
		}
		msg := dialogText(u)
		if c.warn == nil {
			if msg != "" {
				t.Errorf("%s: a warning for an ordinary name: %q", c.name, msg)
			}
			continue
		}
		for _, w := range c.warn {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: the warning %q does not say %q", c.name, msg, w)
			}
		}
		u.win.Canvas().Overlays().Top().Hide()
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
}
