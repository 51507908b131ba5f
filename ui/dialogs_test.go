package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFyneWordsAreChineseWhateverTheLocale(t *testing.T) {
	for _, loc := range []string{"en_US.UTF-8", "de_DE.UTF-8", "C", "zh_CN.UTF-8"} {
		t.Run(loc, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", loc)
			if err := UseChinese(); err != nil {
				t.Fatal(err)
			}
			for en, zh := range map[string]string{"OK": "确定", "Cancel": "取消", "Yes": "是", "No": "否", "Open": "打开", "Save": "保存", "Error": "出错了"} {
				if got := lang.L(en); got != zh {
					t.Errorf("under LANG=%s Fyne says %q for %q, want %q", loc, got, en, zh)
				}
			}
		})
	}
}

func TestKeyboardClosesDialogs(t *testing.T) {
	u, _ := newTestUI(t)
	c := u.win.Canvas()
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	open := func() int { return len(c.Overlays().List()) }

	u.showError(errors.New("测试"))
	if open() != 1 {
		t.Fatalf("an error message opened %d pop-ups", open())
	}
	u.dialogKey(esc)
	if open() != 0 {
		t.Fatal("Esc does not close an error message")
	}

	dialog.ShowInformation("已保存", "企业已保存", u.win)
	u.dialogKey(enter)
	if open() != 0 {
		t.Fatal("Enter does not close a message")
	}

	answer := "none"
	dialog.ShowConfirm("删除企业", "确定删除吗？", func(ok bool) {
		if ok {
			answer = "yes"
		} else {
			answer = "no"
		}
	}, u.win)
	u.dialogKey(enter)
	if open() != 1 || answer != "none" {
		t.Fatalf("Enter answered a question (%s): only a click may say yes", answer)
	}
	u.dialogKey(esc)
	if open() != 0 || answer != "no" {
		t.Fatalf("Esc on a question left %d pop-ups and answered %q, want it closed with no", open(), answer)
	}

	picked := false
	u.fileOpen(func(r fyne.URIReadCloser, err error) { picked = r != nil })
	if open() != 1 {
		t.Fatalf("the file dialog opened %d pop-ups", open())
	}
	var places []string
	for _, o := range test.LaidOutObjects(c.Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok {
			places = append(places, l.Text)
		}
	}
	home := false
	for _, p := range places {
		if p == "Home" || p == "Computer" {
			t.Errorf("the file dialog lists %q in English (all: %q)", p, places)
		}
		home = home || p == "个人文件夹"
	}
	if !home {
		t.Errorf("the file dialog does not list 个人文件夹: %q", places)
	}
	u.dialogKey(esc)
	if open() != 0 || picked {
		t.Fatalf("Esc on the file dialog left %d pop-ups (picked %v)", open(), picked)
	}
}
