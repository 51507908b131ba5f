package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

// 设置 › 放假安排 refuses a day listed both as holiday and as working day
// with the message beside the field and saves nothing; a good year saves,
// and the deadline the 交办 form proposes counts on it.
func TestCalendarEditor(t *testing.T) {
	u, st := newTestUI(t)
	u.selectTab(u.settings)
	settle(u)
	c := u.settings.calendar
	if !strings.Contains(c.known.Text, "2017—2026") {
		t.Errorf("the editor says %q, want the built-in years", c.known.Text)
	}
	test.Type(c.year, "2027")
	c.holidays.SetText("2027-10-01至2027-10-07")
	c.workdays.SetText("2027-10-07")
	before := st.Snapshot()
	test.Tap(shownButton(t, u.settings.root, "保存放假安排"))
	if msg := c.form.errorText("Workdays"); !strings.Contains(msg, "既列为放假日期又列为调休上班日期") {
		t.Errorf("调休上班日期 says %q", msg)
	}
	if diff := before.Diff(st.Snapshot()); len(diff) > 0 {
		t.Errorf("a refused year changed the database: %v", diff)
	}

	c.workdays.SetText("2027-09-26、2027-10-09")
	test.Tap(shownButton(t, u.settings.root, "保存放假安排"))
	if msg := c.form.errorText("Workdays") + c.form.general.Text; msg != "" {
		t.Fatalf("a good year is refused: %q", msg)
	}
	if !strings.Contains(c.known.Text, "2027年（本单位录入，使用中）") {
		t.Errorf("the editor says %q after saving 2027", c.known.Text)
	}
	// 15 working days after Friday 24 September 2027: 9/26 (1), 9/27–30
	// (2–5), 10/8 (6), 10/9 (7), 10/11–15 (8–12), 10/18–20 (13–15).
	if got := u.defaultDeadline(app.MustDate("2027-09-24")); got.String() != "2027-10-20" {
		t.Errorf("the proposed deadline is %s, want 2027-10-20", got)
	}
}
