package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// systemOpen opens a file in a folder with a Chinese name and spaces in the
// PC's program for it. It shows a window, so it runs only when asked:
// .ci/wine-smoke.sh sets WUGEYI_OPEN_CHECK to a folder, and looks for the
// editor's window titled with the file's name.
func TestSystemOpenChineseNameWithSpaces(t *testing.T) {
	dir := os.Getenv("WUGEYI_OPEN_CHECK")
	if dir == "" {
		t.Skip("opens a window; set WUGEYI_OPEN_CHECK to a folder to run it")
	}
	path := filepath.Join(dir, "张三 的文档", "打开 测试.txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("wugeyi open check\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	handled, err := systemOpen(path)
	if !handled || err != nil {
		t.Fatalf("systemOpen(%q) = %v, %v", path, handled, err)
	}
}
