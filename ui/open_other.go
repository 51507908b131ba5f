//go:build !windows

package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"runtime"
	"time"
)

// xdgWait is how long opening a file waits for xdg-open to say it failed:
// it exits at once when no program is set for the file's type; when it is
// still running after this, the program it started is taken to be showing
// the file.
const xdgWait = 1500 * time.Millisecond

// systemOpen opens path, a file or a folder, with xdg-open on Linux and
// the BSDs, telling when it failed; on macOS it leaves opening to Fyne's
// OpenURL (handled is false).
func systemOpen(path string) (handled bool, err error) {
	if runtime.GOOS == "darwin" {
		return false, nil
	}
	return true, xdgOpen("xdg-open", path, xdgWait)
}

// xdgOpen runs prog (xdg-open) with path, and returns its failure as an
// openError when it exits with one within wait. A run longer than wait is
// left running (and reaped when it ends).
func xdgOpen(prog, path string, wait time.Duration) error {
	cmd := exec.Command(prog, path)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return &openError{fmt.Sprintf("本机没有安装打开文件用的 %s", prog), err}
		}
		return &openError{fmt.Sprintf("不能启动 %s", prog), err}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return err
		}
		// xdg-open's exit codes (xdg-utils): 2 no such file, 3 no program
		// for it, 4 the program failed.
		switch ee.ExitCode() {
		case 2:
			return &openError{"找不到这个文件", err}
		case 3:
			return &openError{"本机没有能打开这类文件的程序", err}
		case 4:
			return &openError{"打开它的程序出错", err}
		}
		return &openError{fmt.Sprintf("%s 出错（退出码 %d）", prog, ee.ExitCode()), err}
	case <-timer.C:
		return nil
	}
}

// documentsDir is "" outside Windows: the printed documents go beside the
// database, as they always have.
func documentsDir() string { return "" }
