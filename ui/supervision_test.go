package ui

import (
	"strings"
	"testing"

	"wugeyi/app"
)

// A 督办意见 reads with its problem as it stands and what was done since;
// one on a problem since deleted says so; a county with none is told so.
func TestSupervision(t *testing.T) {
	c := app.Comment{Date: app.D(2026, 3, 10), Text: "请加快办理", Author: "市工信局 王五", ProblemNumber: "海港-2026-0012"}
	p := app.Problem{Meta: app.Meta{ID: "p1"}, Number: "海港-2026-0012", EnterpriseName: "秦皇岛海鹏机械有限公司", Status: app.StatusInProgress}
	for _, x := range []struct {
		s    app.Supervised
		want []string
	}{
		{app.Supervised{Comment: c, Problem: p, Since: []app.Event{{Date: app.D(2026, 3, 12), Kind: app.ActProgress, Text: "已召开\n协调会"}}},
			[]string{"2026-03-10　海港-2026-0012　秦皇岛海鹏机械有限公司（办理中）　市工信局 王五", "督办意见：请加快办理", "此后：2026-03-12 进展：已召开 协调会"}},
		{app.Supervised{Comment: c, Problem: p}, []string{"此后尚无办理记录。"}},
		{app.Supervised{Comment: c}, []string{"海港-2026-0012", "该问题已删除。"}},
	} {
		got := supervisedText(x.s)
		for _, w := range x.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
	}
	u, _ := newTestUI(t)
	u.selectTab(u.published)
	tapButton(t, u.published.root, "收到的督办意见")
	if got := dialogText(u); !strings.Contains(got, "尚未收到市工信局的督办意见。") {
		t.Errorf("with none received the dialog says %q", got)
	}
}
