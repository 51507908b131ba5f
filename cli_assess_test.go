package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// wugeyi assess at a city that has no county's file: every county is
// listed as absent, publishing is refused, a wrong -score is a usage
// error, and a county cannot assess.
func TestAssessCommand(t *testing.T) {
	dir := t.TempDir()
	city := filepath.Join(dir, "city.db")
	mustRun(t, "init", "-db", city, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	out := mustRun(t, "assess", "-db", city, "-year", "2025")
	if strings.Count(out, "未报送同步文件") != 9 {
		t.Errorf("assess at an empty city printed:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-year", "2025", "-publish"}, exitFail, "尚未收到任何县区的同步文件"},
		{[]string{"-year", "2025", "-score", "130302信息报送与资料管理=8"}, exitUsage, "机构代码:指标名称=得分"},
		{[]string{"-year", "2025", "-score", "130302:信息报送与资料管理=80"}, exitFail, "得分应在0至10分之间"},
		{[]string{"-year", "2025", "-score", "130302:问题办结率=8"}, exitFail, "按记录自动计算"},
		{[]string{"-year", "2025", "-fund", "一千"}, exitUsage, "-fund"},
		{nil, exitUsage, "-year"},
	} {
		code, _, errOut := cli(t, append([]string{"assess", "-db", city}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("assess %q: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
	county := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", county, "-office", "130302", "-name", "海港区", "-role", "county")
	if code, _, errOut := cli(t, "assess", "-db", county, "-year", "2025", "-score", "130302:信息报送与资料管理=8"); code != exitFail || !strings.Contains(errOut, "只有市工信局") {
		t.Errorf("a county assessed: exit %d, %q", code, errOut)
	}
}
