package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The accounts from the command line: a new database works without any;
// the first account must be a 管理员; once there is one, every command that
// writes needs WUGEYI_OPERATOR and WUGEYI_PASSWORD and refuses a wrong
// password or a 只读 account in one line, changing nothing, while reading
// commands still work; the change log records the account.
func TestAccountCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "海港区.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	if out := mustRun(t, "account", "list", "-db", db); !strings.Contains(out, "还没有操作员账号") {
		t.Fatalf("list of a new database: %q", out)
	}
	failed := func(want string, args ...string) {
		t.Helper()
		code, out, errOut := cli(t, args...)
		if code == exitOK || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want refused in one line with %q", args, code, out, errOut, want)
		}
	}
	t.Setenv(envNewPassword, "guanli-2026")
	failed("第一个账号必须是管理员", "account", "add", "-db", db, "-name", "李四", "-access", "录入员")
	failed("账号类型应为", "account", "add", "-db", db, "-name", "李四", "-access", "root")
	if out := mustRun(t, "account", "add", "-db", db, "-name", "张三", "-access", "管理员"); !strings.Contains(out, "已添加账号“张三”（管理员）") {
		t.Fatalf("add the first: %q", out)
	}
	// Now a script must sign in.
	failed("请先登录", "account", "add", "-db", db, "-name", "李四", "-access", "录入员")
	failed("WUGEYI_OPERATOR", "demo", "-db", db)
	if n := stats(t, db)["enterprises"]; n != 0 {
		t.Fatalf("a refused demo wrote %d enterprises", n)
	}
	t.Setenv(envOperator, "张三")
	t.Setenv(envPassword, "wrong-pass")
	failed("登录失败", "demo", "-db", db)
	t.Setenv(envPassword, "guanli-2026")
	t.Setenv(envNewPassword, "chakan-2026")
	mustRun(t, "account", "add", "-db", db, "-name", "王五", "-access", "只读")
	t.Setenv(envNewPassword, "luru-2026")
	mustRun(t, "account", "add", "-db", db, "-name", "李四", "-access", "clerk")
	if out := mustRun(t, "account", "list", "-db", db); out != "张三\t管理员\n李四\t录入员\n王五\t只读\n" && out != "李四\t录入员\n王五\t只读\n张三\t管理员\n" {
		t.Errorf("list: %q", out)
	}

	t.Setenv(envOperator, "王五")
	t.Setenv(envPassword, "chakan-2026")
	failed("只读账号只能查看", "demo", "-db", db)
	if n := stats(t, db)["enterprises"]; n != 0 {
		t.Fatalf("a 只读 demo wrote %d enterprises", n)
	}
	failed("只有管理员", "account", "remove", "-db", db, "-name", "李四")
	// Anyone changes their own password, given the old one.
	t.Setenv(envNewPassword, "wode-mima-1")
	mustRun(t, "account", "passwd", "-db", db, "-name", "王五")
	failed("登录失败", "search", "-db", db, "焊工") // the old password no longer signs in
	t.Setenv(envPassword, "wode-mima-1")
	mustRun(t, "search", "-db", db, "焊工") // reading works for a 只读 account

	t.Setenv(envOperator, "李四")
	t.Setenv(envPassword, "luru-2026")
	mustRun(t, "demo", "-db", db, "-years", "1")
	if n := stats(t, db)["enterprises"]; n == 0 {
		t.Fatal("the 录入员's demo wrote nothing")
	}
	failed("只有管理员", "account", "access", "-db", db, "-name", "王五", "-access", "录入员")

	t.Setenv(envOperator, "张三")
	t.Setenv(envPassword, "guanli-2026")
	failed("最后一个管理员", "account", "remove", "-db", db, "-name", "张三")
	mustRun(t, "account", "access", "-db", db, "-name", "王五", "-access", "录入员")
	mustRun(t, "account", "remove", "-db", db, "-name", "李四")
	if out := mustRun(t, "account", "list", "-db", db); strings.Contains(out, "李四") || !strings.Contains(out, "王五\t录入员") {
		t.Errorf("list after remove and access: %q", out)
	}
}
