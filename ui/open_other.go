//go:build !windows

package ui

// systemOpen leaves opening to Fyne's OpenURL outside Windows (xdg-open on
// Linux, which takes a file:// URL's escapes as UTF-8): handled is false.
func systemOpen(string) (handled bool, err error) { return false, nil }

// documentsDir is "" outside Windows: the printed documents go beside the
// database, as they always have.
func documentsDir() string { return "" }
