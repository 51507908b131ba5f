package ui

import (
	"errors"
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// systemOpen opens path, a file or a folder, with the PC's program for it
// (the PDF viewer, Excel, Explorer), as a double-click in Explorer would.
// It calls ShellExecuteW with the path itself: no file:// URL, whose
// percent-escaped UTF-8 Windows reads in the ANSI code page, and no command
// line to quote, so Chinese names and spaces reach the program as they are.
// handled is always true.
func systemOpen(path string) (handled bool, err error) {
	return true, shellOpen(path)
}

// shellOpen opens path with ShellExecuteW's "open".
func shellOpen(path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	dir, err := windows.UTF16PtrFromString(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if err := windows.ShellExecute(0, verb, file, nil, dir, windows.SW_SHOWNORMAL); err != nil {
		switch {
		case errors.Is(err, windows.ERROR_NO_ASSOCIATION):
			return &openError{"本机没有能打开这类文件的程序", err}
		case errors.Is(err, windows.ERROR_FILE_NOT_FOUND), errors.Is(err, windows.ERROR_PATH_NOT_FOUND):
			return &openError{"找不到这个文件", err}
		}
		return &openError{"Windows 没能打开它（" + err.Error() + "）", err}
	}
	return nil
}

// documentsDir is the user's 文档 (Documents) folder, wherever Windows
// keeps it (moved to another drive or to OneDrive too); "" if unknown.
func documentsDir() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return d
}
