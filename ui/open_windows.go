package ui

import (
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
		return fmt.Errorf("open %s: %w", path, err)
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
