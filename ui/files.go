package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// Preference keys of the folders the program remembers.
const (
	// prefLastFolder is the folder of the file last opened or saved with a
	// file dialog; the next dialog starts there.
	prefLastFolder = "lastFolder"
	// prefPrintFolder is the folder printed documents go to, once the user
	// has chosen one.
	prefPrintFolder = "printFolder"
)

// fileDialogSize is the size file dialogs open at: big enough to read long
// Chinese file names.
var fileDialogSize = fyne.NewSize(900, 600)

// nativePath is the path of a file URI's slash path in the PC's own form:
// on Windows "C:/Users/张三/我的 文档/a.pdf" (or "/C:/Users/…") becomes
// `C:\Users\张三\我的 文档\a.pdf` and "//server/共享/a.pdf" becomes
// `\\server\共享\a.pdf`; elsewhere the path is as it is.
func nativePath(p string, windows bool) string {
	if !windows {
		return p
	}
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' && isLetter(p[1]) {
		p = p[1:]
	}
	return strings.ReplaceAll(p, "/", `\`)
}

// isLetter tells whether b is an ASCII letter, as a drive letter is.
func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// uriPath is the local path of a file the file dialogs return.
func uriPath(u fyne.URI) string { return nativePath(u.Path(), runtime.GOOS == "windows") }

// existingFolder is the folder dir as a location for a file dialog, or nil
// when dir is empty or no longer a folder (a USB stick taken out).
func existingFolder(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// lastFolder is where the next file dialog starts: the folder of the file
// last opened or saved, or, when there is none (or it is gone), the user's
// documents folder; nil leaves the choice to the dialog.
func (u *UI) lastFolder() fyne.ListableURI {
	if l := existingFolder(u.app.Preferences().String(prefLastFolder)); l != nil {
		return l
	}
	return existingFolder(documentsDir())
}

// rememberFolder keeps dir as the folder the next file dialog starts in.
func (u *UI) rememberFolder(dir string) {
	if dir != "" {
		u.app.Preferences().SetString(prefLastFolder, dir)
	}
}

// rememberFile keeps the folder of the file a dialog chose.
func (u *UI) rememberFile(file fyne.URI) { u.rememberFolder(filepath.Dir(uriPath(file))) }

// showFileDialog sizes d, starts it in the last folder and shows it.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	if l := u.lastFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fileDialogSize)
	d.Show()
	u.translatePlaces()
}

// fileOpen shows a dialog to choose a file to read, starting in the last
// folder, showing only files ending in one of exts (every file when none is
// given); the chosen file's folder is remembered.
func (u *UI) fileOpen(picked func(r fyne.URIReadCloser, err error), exts ...string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if r != nil {
			u.rememberFile(r.URI())
		}
		picked(r, err)
	}, u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.SetTitleText("选择要打开的文件")
	u.showFileDialog(d)
}

// fileSave shows a dialog to choose where to write a file named name,
// starting in the last folder; the chosen file's folder is remembered.
func (u *UI) fileSave(name string, picked func(w fyne.URIWriteCloser, err error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if w != nil {
			u.rememberFile(w.URI())
		}
		picked(w, err)
	}, u.win)
	d.SetFileName(name)
	d.SetTitleText("保存为")
	u.showFileDialog(d)
}

// folderOpen shows a dialog to choose a folder, starting in the last
// folder; the chosen one is remembered.
func (u *UI) folderOpen(picked func(dir string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if l == nil {
			return
		}
		dir := uriPath(l)
		u.rememberFolder(dir)
		picked(dir)
	}, u.win)
	d.SetTitleText("选择文件夹")
	u.showFileDialog(d)
}
