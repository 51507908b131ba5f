package datatest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTempDirIsRemovedWithWhatIsInIt(t *testing.T) {
	var dir string
	t.Run("use", func(t *testing.T) {
		dir = TempDir(t)
		sub := filepath.Join(dir, "张三", "我的 文档")
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "五个一 备份.db"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after the test %s is still there (%v)", dir, err)
	}
}
