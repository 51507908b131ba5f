package datatest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TempDir is a new empty folder that is removed when the test ends, as
// t.TempDir is, but removed one file at a time with os.Remove: Go 1.26's
// os.RemoveAll, which t.TempDir uses, fails with "Invalid function" under
// Debian's Wine 8, where the path tests also run (.ci/wine-smoke.sh). The
// files in it must be closed by then, as Windows requires.
func TempDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "wugeyi-test-")
	if err != nil {
		tb.Fatalf("make a temporary folder: %v", err)
	}
	tb.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			tb.Errorf("remove the temporary folder: %v", err)
		}
	})
	return dir
}

// removeTree removes dir and everything in it, deepest first.
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(paths) - 1; i >= 0; i-- {
		if err := os.Remove(paths[i]); err != nil {
			return err
		}
	}
	return nil
}
