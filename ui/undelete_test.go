package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
)

// restoreIn taps 恢复 on the row of the deleted records dialog d whose
// line has text, then 是 in the question it asks.
func restoreIn(t *testing.T, u *UI, d fyne.CanvasObject, text string) {
	t.Helper()
	var row *fyne.Container
	for _, c := range findAll[*fyne.Container](d) {
		if len(c.Objects) == 2 {
			if l, ok := c.Objects[0].(*widget.Label); ok && strings.Contains(l.Text, text) {
				row = c
			}
		}
	}
	if row == nil {
		t.Fatalf("no deleted record %q in %q", text, labelsOf(d))
	}
	test.Tap(button(t, findAll[fyne.CanvasObject](row), "恢复"))
	ask := u.win.Canvas().Overlays().Top()
	if ask == d || !strings.Contains(dialogText(u), "确定恢复") {
		t.Fatalf("no question before restoring: %q", dialogText(u))
	}
	test.Tap(button(t, findAll[fyne.CanvasObject](ask), "是"))
}

// labelsOf is the text of the labels in o.
func labelsOf(o fyne.CanvasObject) string {
	var out []string
	for _, l := range findAll[*widget.Label](o) {
		out = append(out, l.Text)
	}
	return strings.Join(out, "\n")
}

// 已删除的记录 → 恢复: a visit whose enterprise is deleted is refused with
// the reason; restored after its enterprise, it is back on its screen.
func TestUndeleteDialog(t *testing.T) {
	u, st := newTestUI(t)
	v := savedVisit(t, u)
	if err := u.svc.Delete(u.ctx, app.TableVisits, v.ID); err != nil {
		t.Fatal(err)
	}
	if err := u.svc.Delete(u.ctx, app.TableEnterprises, v.EnterpriseID); err != nil {
		t.Fatal(err)
	}
	u.visits.reload()
	if n := len(u.visits.list); n != 0 {
		t.Fatalf("%d visits listed before the restore", n)
	}
	u.showDeleted()
	d := u.win.Canvas().Overlays().Top()

	restoreIn(t, u, d, "走访记录")
	if msg := dialogText(u); !strings.Contains(msg, "所属企业“秦皇岛海鹏机械有限公司”已删除，请先恢复企业") {
		t.Errorf("the refusal says %q", msg)
	}
	if _, err := st.Visit(u.ctx, v.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("the refused visit is back: %v", err)
	}
	test.Tap(button(t, findAll[fyne.CanvasObject](u.win.Canvas().Overlays().Top()), "确定"))

	restoreIn(t, u, d, "重点企业")
	if _, err := st.Enterprise(u.ctx, v.EnterpriseID); err != nil {
		t.Fatalf("the enterprise was not restored: %v", err)
	}
	if strings.Contains(labelsOf(d), "重点企业") {
		t.Errorf("the restored enterprise is still listed as deleted: %q", labelsOf(d))
	}
	restoreIn(t, u, d, "走访记录")
	if _, err := st.Visit(u.ctx, v.ID); err != nil {
		t.Fatalf("the visit was not restored: %v", err)
	}
	if !strings.Contains(labelsOf(d), "没有已删除的记录") {
		t.Errorf("after both restores the dialog lists %q", labelsOf(d))
	}
	if n := len(u.visits.list); n != 1 {
		t.Errorf("%d visits listed after the restore, want 1", n)
	}
	if !strings.Contains(u.status.Text, "已恢复走访记录") {
		t.Errorf("status line %q", u.status.Text)
	}
}
