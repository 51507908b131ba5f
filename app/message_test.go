package app_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/app/print"
	"wugeyi/app/syncfile"
)

// told is an adapter's error whose text is for the user.
type told struct{ msg string }

func (e told) Error() string       { return "told: " + e.msg }
func (e told) UserMessage() string { return e.msg }

func TestMessage(t *testing.T) {
	_, notExist := os.Open(filepath.Join(t.TempDir(), "没有.db"))
	inv := app.Invalid{{Field: "Name", Msg: "请填写企业名称"}, {Field: "CreditCode", Msg: "统一社会信用代码应为18位"}}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"sentinel", app.ErrNotOwner, "这条记录属于其他单位，本单位不能修改"},
		{"wrapped sentinel", fmt.Errorf("save visit: %w", app.ErrStaleVersion), "记录已被修改，请重新打开后再保存"},
		{"joined", errors.Join(errors.New("close: busy"), app.ErrNotFound), "记录不存在或已删除"},
		{"refusal", fmt.Errorf("print: %w", app.Refusal("没有纪要可打印")), "没有纪要可打印"},
		{"invalid", fmt.Errorf("save: %w", inv), "请填写企业名称；统一社会信用代码应为18位"},
		{"field", app.FieldError{Field: "Fund", Msg: "资金总额应为正数"}, "资金总额应为正数"},
		{"adapter's own", fmt.Errorf("open: %w", told{"文件已损坏"}), "文件已损坏"},
		{"sync file", &syncfile.Error{Code: syncfile.ErrDamaged, Msg: "同步文件已损坏：请重新导出"}, "同步文件已损坏：请重新导出"},
		{"demo", fmt.Errorf("fill: %w", demo.ErrYears), demo.ErrYears.Error()},
		{"print", &print.MissingError{Runes: []rune{'㐀'}}, (&print.MissingError{Runes: []rune{'㐀'}}).Error()},
		{"problem", app.ProblemError{Index: 1, Err: inv}, "第2个问题：请填写企业名称；统一社会信用代码应为18位"},
		{"problem, unknown cause", app.ProblemError{Index: 0, Err: errors.New("boom")}, "第1个问题：操作未完成，数据没有改动：boom"},
		{"record", fmt.Errorf("import: %w", app.RecordError{Index: 3, Err: fmt.Errorf("save: %w", app.ErrNotOwner)}),
			"第4条：这条记录属于其他单位，本单位不能修改"},
		{"disk full", &fs.PathError{Op: "write", Path: "备份.db", Err: diskFull}, "磁盘已满：请清理磁盘空间后再试，数据没有改动"},
		{"permission", &fs.PathError{Op: "open", Path: "/备份.db", Err: fs.ErrPermission},
			"没有权限读写这个文件或其所在文件夹：请换一个有写入权限的位置（open /备份.db: permission denied）"},
		{"not there", notExist, "文件或文件夹不存在：请检查路径（" + notExist.Error() + "）"},
		{"anything else", fmt.Errorf("read settings: %w", errors.New("sql: connection is already closed")),
			"操作未完成，数据没有改动：read settings: sql: connection is already closed"},
	} {
		if got := app.Message(tc.err); got != tc.want {
			t.Errorf("%s: Message(%v) = %q, want %q", tc.name, tc.err, got, tc.want)
		}
	}
}

// A Refusal is its own error: another with the same words is not it.
func TestRefusalIdentity(t *testing.T) {
	again := app.Refusal(app.ErrNotFound.Error())
	if errors.Is(again, app.ErrNotFound) {
		t.Error("a new Refusal with ErrNotFound's text is ErrNotFound")
	}
	if !errors.Is(fmt.Errorf("load: %w", app.ErrNotFound), app.ErrNotFound) {
		t.Error("wrapped ErrNotFound is not ErrNotFound")
	}
}
