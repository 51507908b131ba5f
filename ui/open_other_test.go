//go:build !windows

package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xdgOpen says in Chinese why a file did not open: no xdg-open, or
// xdg-open finding no program for the file; a program still running after
// the wait is taken as the file shown.
func TestXDGOpenFailures(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	file := filepath.Join(dir, "问题 台账.pdf")
	for _, c := range []struct {
		name, prog string
		want       string // in the message; "" for success
	}{
		{"missing", filepath.Join(dir, "no-such-xdg-open"), "本机没有安装"},
		{"not on the PATH", "no-such-xdg-open-wugeyi", "本机没有安装"},
		{"no program for PDF", script("no-viewer", "exit 3"), "本机没有能打开这类文件的程序"},
		{"viewer failed", script("failed", "exit 4"), "打开它的程序出错"},
		{"other failure", script("other", "exit 1"), "退出码 1"},
		{"opened", script("ok", `test -f "$1"`), ""},
		{"viewer still running", script("slow", "sleep 2; exit 3"), ""},
	} {
		if err := os.WriteFile(file, []byte("%PDF-"), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		err := xdgOpen(c.prog, file, 300*time.Millisecond)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: waited %v", c.name, took)
		}
		var oe *openError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (!errors.As(err, &oe) || !strings.Contains(oe.Error(), c.want)):
			t.Errorf("%s: %v, want an openError saying %q", c.name, err, c.want)
		}
	}
}
