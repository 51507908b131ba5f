package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"wugeyi/data/datatest"
)

// chineseFolders are folder names as office PCs have them: Chinese user
// names, spaces, full-width brackets and spaces, and characters a file URI
// must escape.
var chineseFolders = []string{
	filepath.Join("张三", "我的 文档"),
	filepath.Join("Users", "Zhang San", "Documents", "五个一 工作台"),
	filepath.Join("李四（综合科）", "2026年　督办", "百分号%20与井号#"),
	filepath.Join("王五", "单引号'与&符号;"),
}

func TestNativePath(t *testing.T) {
	for _, c := range []struct {
		in      string
		windows bool
		want    string
	}{
		{"C:/Users/张三/我的 文档/五个一 工作台/a b.pdf", true, `C:\Users\张三\我的 文档\五个一 工作台\a b.pdf`},
		{"/C:/Users/张三/Documents/问题台账.pdf", true, `C:\Users\张三\Documents\问题台账.pdf`},
		{"d:/备份 文件/五个一备份.db", true, `d:\备份 文件\五个一备份.db`},
		{"//服务器/共享 文件夹/同步 文件.wgy", true, `\\服务器\共享 文件夹\同步 文件.wgy`},
		{`C:\Users\张三\已是 Windows 路径.pdf`, true, `C:\Users\张三\已是 Windows 路径.pdf`},
		{"/C", true, `\C`},
		{"", true, ""},
		{"/home/张三/我的 文档/a b.pdf", false, "/home/张三/我的 文档/a b.pdf"},
		{"/C:/not/a/drive/elsewhere", false, "/C:/not/a/drive/elsewhere"},
	} {
		if got := nativePath(c.in, c.windows); got != c.want {
			t.Errorf("nativePath(%q, windows=%v) = %q, want %q", c.in, c.windows, got, c.want)
		}
	}
}

// A path with Chinese names and spaces comes back from a file URI (what
// the file dialogs give) as the same path, on this PC's system.
func TestURIPathRoundTrip(t *testing.T) {
	for _, rel := range chineseFolders {
		path := filepath.Join(datatest.TempDir(t), rel, "五个一 备份.db")
		if got := uriPath(storage.NewFileURI(path)); got != path {
			t.Errorf("uriPath(NewFileURI(%q)) = %q", path, got)
		}
	}
	if runtime.GOOS == "windows" {
		path := `C:\Users\张三\我的 文档\a b.pdf`
		if got := uriPath(storage.NewFileURI(path)); got != path {
			t.Errorf("uriPath(NewFileURI(%q)) = %q", path, got)
		}
	}
}

// The next file dialog starts in the folder of the file last chosen, while
// that folder exists; else in the documents folder (Windows) or where the
// dialog itself would.
func TestFileDialogsStartInTheLastFolder(t *testing.T) {
	u, _ := newTestUI(t)
	fallback := existingFolder(documentsDir())
	samePlace := func(t *testing.T, got, want string) {
		t.Helper()
		if !strings.EqualFold(filepath.Clean(got), filepath.Clean(want)) {
			t.Errorf("the dialog starts in %q, want %q", got, want)
		}
	}
	if l := u.lastFolder(); (l == nil) != (fallback == nil) {
		t.Errorf("before any file was chosen the dialog starts in %v, want %v", l, fallback)
	}
	for _, rel := range chineseFolders {
		dir := filepath.Join(datatest.TempDir(t), rel)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		u.rememberFile(storage.NewFileURI(filepath.Join(dir, "公钥卡-130302-海港区.json")))
		l := u.lastFolder()
		if l == nil {
			t.Fatalf("after a file in %q was chosen, the dialog has no folder", dir)
		}
		samePlace(t, uriPath(l), dir)

		// The folder is gone (a USB stick taken out): back to the fallback.
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if l := u.lastFolder(); (l == nil) != (fallback == nil) || l != nil && uriPath(l) != uriPath(fallback) {
			t.Errorf("with %q gone the dialog starts in %v, want %v", dir, l, fallback)
		}
	}
}

// Documents print into a chosen folder with a Chinese name and spaces,
// kept across starts, and open there by their exact paths.
func TestPrintIntoAChosenChineseFolder(t *testing.T) {
	for _, rel := range chineseFolders {
		t.Run(rel, func(t *testing.T) {
			u, _ := newTestUI(t)
			var opened []string
			u.printer.open = func(path string) error { opened = append(opened, path); return nil }
			dir := filepath.Join(datatest.TempDir(t), rel, "打印 文件")
			u.setPrintDir(dir)
			u.printer.dir = "" // as at the next start: from the preferences
			if got := u.printDir(); got != dir {
				t.Fatalf("printDir() = %q, want the chosen %q", got, dir)
			}
			u.printing.openFolder()
			if len(opened) != 1 || opened[0] != dir {
				t.Fatalf("打开文件夹 opened %q, want %q", opened, dir)
			}
			tapButton(t, u.printing.root, "按记录填写并打印")
			if len(opened) != 2 || filepath.Dir(opened[1]) != dir || !strings.HasPrefix(filepath.Base(opened[1]), "海港区2026年度考核评估表_") {
				t.Fatalf("printed and opened %q, want a file in %q", opened, dir)
			}
			if b, err := os.ReadFile(opened[1]); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
				t.Errorf("%q is not a PDF (%v)", opened[1], err)
			}
		})
	}
}
