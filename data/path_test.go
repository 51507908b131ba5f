package data_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
	"wugeyi/data/datatest"
)

// TestDefaultPathInAChineseUserFolder: the database goes under the user's
// config folder (%AppData% on Windows), whatever its name.
func TestDefaultPathInAChineseUserFolder(t *testing.T) {
	for _, name := range []string{"张三", "张 三", "Zhang San 张三", "李四（综合科）"} {
		t.Run(name, func(t *testing.T) {
			cfg := filepath.Join(datatest.TempDir(t), name, "AppData", "Roaming")
			t.Setenv("APPDATA", cfg)         // Windows
			t.Setenv("XDG_CONFIG_HOME", cfg) // Linux and other Unix
			t.Setenv("HOME", filepath.Join(datatest.TempDir(t), name))
			got, err := data.DefaultPath()
			if err != nil {
				t.Fatal(err)
			}
			want := filepath.Join(cfg, "wugeyi", "wugeyi.db")
			if runtime.GOOS == "darwin" {
				want = filepath.Join(os.Getenv("HOME"), "Library", "Application Support", "wugeyi", "wugeyi.db")
			}
			if got != want {
				t.Errorf("DefaultPath() = %q, want %q", got, want)
			}
		})
	}
}

// TestDatabaseInFoldersWithChineseNamesAndSpaces: a database whose path has
// Chinese names, spaces and the characters a file URI must escape is made,
// closed, reopened (which reads it through a read-only URI first), backed up
// and restored with its records.
func TestDatabaseInFoldersWithChineseNamesAndSpaces(t *testing.T) {
	for _, rel := range []string{
		filepath.Join("张三", "我的 文档", "五个一工作台", "wugeyi.db"),
		filepath.Join("Users", "Zhang San", "Documents", "五个一 数据.db"),
		filepath.Join("百分号%20与井号#", "问号?与&符号", "a b.db"),
		filepath.Join("单引号'与分号;", "（全角括号）　全角空格", "库.db"),
	} {
		if runtime.GOOS == "windows" && filepath.Base(filepath.Dir(rel)) == "问号?与&符号" {
			rel = filepath.Join("百分号%20与井号#", "与&符号", "a b.db") // '?' is not allowed in Windows names
		}
		t.Run(rel, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(datatest.TempDir(t), rel)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			db, err := data.Open(path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "张三"}
			if err := svc.SetUp(ctx, app.Office{Code: myOffice, Name: "海港区", Role: app.RoleCounty}); err != nil {
				db.Close()
				t.Fatalf("SetUp: %v", err)
			}
			e := addEnterprise(t, svc, 1, "秦皇岛 港机重工有限公司")
			backup := filepath.Join(filepath.Dir(path), "备份 文件", "五个一备份 "+now.Format("2006-01-02")+".db")
			if err := os.MkdirAll(filepath.Dir(backup), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := db.Backup(ctx, backup); err != nil {
				db.Close()
				t.Fatalf("Backup(%q): %v", backup, err)
			}
			if err := db.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			for _, p := range []string{path, backup} {
				db, err := data.Open(p)
				if err != nil {
					t.Fatalf("reopen %q: %v", p, err)
				}
				got, err := db.Enterprise(ctx, e.ID)
				if cerr := db.Close(); cerr != nil {
					t.Errorf("Close %q: %v", p, cerr)
				}
				if err != nil || got.Name != e.Name {
					t.Errorf("%q: enterprise %q, %v; want %q", p, got.Name, err, e.Name)
				}
			}
		})
	}
}
