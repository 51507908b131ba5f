package ui

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/print"
)

// printer writes the documents the screens print as PDF files in one
// folder and opens each in the PC's PDF viewer.
type printer struct {
	fonts *print.Fonts // read at the first document
	// dir is the folder the files go to; "" for a 打印 folder beside the
	// database.
	dir string
	// open shows a written file or a folder; nil for the PC's program
	// (openFile); tests replace it.
	open func(path string) error
	// last is the path of the file written last.
	last string
}

// printDir is the folder documents are written to: the one the user chose
// (kept in the preferences), else 五个一工作台打印 in the documents folder on
// Windows, else 打印 beside the database.
func (u *UI) printDir() string {
	if u.printer.dir != "" {
		return u.printer.dir
	}
	if d := u.app.Preferences().String(prefPrintFolder); d != "" {
		return d
	}
	if d := documentsDir(); d != "" {
		return filepath.Join(d, "五个一工作台打印")
	}
	if u.dbPath != "" {
		return filepath.Join(filepath.Dir(u.dbPath), "打印")
	}
	return filepath.Join(os.TempDir(), "五个一工作台打印")
}

// setPrintDir makes dir the folder printed documents go to, now and at
// the next start.
func (u *UI) setPrintDir(dir string) {
	u.printer.dir = dir
	u.app.Preferences().SetString(prefPrintFolder, dir)
}

// openPath opens path, a file or a folder, with the PC's program for it;
// tests replace the opener.
func (u *UI) openPath(path string) error {
	if u.printer.open != nil {
		return u.printer.open(path)
	}
	return u.openFile(path)
}

// openError says in Chinese why the PC could not open a file or folder;
// the error behind it is kept for the log.
type openError struct {
	msg string
	err error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.err }

// openFile opens path, a file or a folder, in the PC's program for it (the
// PDF viewer, Excel, the file manager).
func (u *UI) openFile(path string) error {
	if handled, err := systemOpen(path); handled {
		return err
	}
	uri := storage.NewFileURI(path)
	link, err := url.Parse(uri.String())
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return u.app.OpenURL(link)
}

// printDoc lays out a document with build and writes it as name (and the
// time, so that no earlier file is overwritten) in the print folder, then
// opens it. A character no font has is printed as its code, and the user
// is told which.
func (u *UI) printDoc(name string, build func(fs *print.Fonts, at time.Time) (*print.Doc, error)) {
	if d, at, ok := u.layOut(build); ok {
		u.writeDoc(name, d, at)
	}
}

// printFilled prints the paper form of kind filled from the record key
// names (a problem's ledger number, another record's ID) as it is saved,
// as name.
func (u *UI) printFilled(name string, kind print.FormKind, key string) {
	u.printDoc(name, func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		return print.Filled(u.ctx, u.svc, fs, kind, key, at)
	})
}

// layOut lays out a document with build, at the time it returns; ok is
// false when it could not (the user has been told why).
func (u *UI) layOut(build func(fs *print.Fonts, at time.Time) (*print.Doc, error)) (d *print.Doc, at time.Time, ok bool) {
	fs, err := u.printFonts()
	if err != nil {
		u.showError(err)
		return nil, at, false
	}
	at = u.svc.Now()
	d, err = build(fs, at)
	if err != nil {
		u.showError(err)
		return nil, at, false
	}
	return d, at, true
}

// writeWord writes the Word document (.docx) build writes, at the time
// it returns, as name in the print folder and opens it in the PC's Word
// or WPS, for the office to edit before 签发.
func (u *UI) writeWord(name string, build func(at time.Time) (*print.Word, error)) {
	at := u.svc.Now()
	w, err := build(at)
	if err != nil {
		u.showError(err)
		return
	}
	path, ok := u.printPath(name, at, ".docx")
	if !ok {
		return
	}
	if err := w.WriteFile(path); err != nil {
		u.showError(err)
		return
	}
	u.notify(fmt.Sprintf("已生成 Word 文档 %s，可修改后签发", path))
	u.openWritten(path, "Word 或 WPS", "打开、修改")
}

// printPath is the path in the print folder of a file named name, with
// the time at (so that no earlier file is overwritten) and extension ext;
// ok is false when the folder cannot be made (the user has been told).
func (u *UI) printPath(name string, at time.Time, ext string) (path string, ok bool) {
	dir := u.printDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		u.showError(fmt.Errorf("不能建立存放打印文件的文件夹 %s（%w）", dir, err))
		return "", false
	}
	return filepath.Join(dir, fileName(name)+"_"+at.Format("20060102-150405")+ext), true
}

// writeDoc writes the document d laid out at as name in the print folder
// and opens it.
func (u *UI) writeDoc(name string, d *print.Doc, at time.Time) {
	path, ok := u.printPath(name, at, ".pdf")
	if !ok {
		return
	}
	if err := d.WriteFile(path); err != nil {
		u.showError(err)
		return
	}
	u.notify(fmt.Sprintf("已生成 %s（%d 页）", path, d.Pages()))
	if m := d.Missing(); len(m) > 0 {
		u.showError(&print.MissingError{Runes: m})
	}
	u.openWritten(path, "PDF 阅读器", "打开、打印")
}

// openWritten remembers the file just written at path and opens it in the
// PC's program for it (what), or says where it is and what to do there.
func (u *UI) openWritten(path, what, do string) {
	u.printer.last = path
	if err := u.openPath(path); err != nil {
		u.showNotOpened(path, what, do, err)
	}
}

// showNotOpened tells, in Chinese, that the file at path was saved but
// could not be opened with the PC's program for it (what, err): where it
// is, with a button to open its folder and, when that fails too, one to
// copy the file's path.
func (u *UI) showNotOpened(path, what, do string, err error) {
	dir := filepath.Dir(path)
	why := ""
	var oe *openError
	if errors.As(err, &oe) {
		why = "（" + oe.msg + "）"
	}
	text := widget.NewLabel(fmt.Sprintf("没能用本机的%s打开它%s。请点“打开文件夹”，在文件夹中%s。", what, why, do))
	text.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(fmt.Sprintf("文件夹：%s\n文件名：%s", dir, filepath.Base(path)))
	where.Wrapping = fyne.TextWrapBreak
	where.Selectable = true
	content := container.NewVBox(widget.NewLabel("文件已保存。"), where, text)
	d := dialog.NewCustomWithoutButtons("文件已生成", content, u.win)
	closeBtn := widget.NewButton("关闭", d.Hide)
	var openBtn, copyBtn *widget.Button
	copyBtn = widget.NewButton("复制路径", func() {
		u.app.Clipboard().SetContent(path)
		copyBtn.SetText("已复制")
		u.notify("已复制文件路径：" + path)
	})
	openBtn = widget.NewButton("打开文件夹", func() {
		err := u.openPath(dir)
		if err == nil {
			d.Hide()
			return
		}
		why := ""
		if errors.As(err, &oe) {
			why = "（" + oe.msg + "）"
		}
		text.SetText(fmt.Sprintf("也没能打开文件夹%s。请点“复制路径”，把文件的路径粘贴到文件管理器或浏览器的地址栏中打开。", why))
		copyBtn.Importance = widget.HighImportance
		d.SetButtons([]fyne.CanvasObject{copyBtn, closeBtn})
	})
	openBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{openBtn, closeBtn})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// fileName makes s safe as a file name on every system.
func fileName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
}

// printScreen (打印) prints the blank paper forms and the assessment form;
// minutes and the ledger print from their own screens.
type printScreen struct {
	u      *UI
	office *widget.Select
	year   *widget.Entry
	folder *widget.Label
	root   fyne.CanvasObject
}

func newPrintScreen(u *UI) *printScreen {
	s := &printScreen{u: u, folder: widget.NewLabel("")}
	forms := container.NewGridWrap(fyne.NewSize(220, 40))
	for _, k := range print.FormKinds {
		forms.Add(widget.NewButton(k.Label(), func() {
			u.printDoc(k.Label(), func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
				st, err := u.svc.Settings(u.ctx)
				if err != nil {
					return nil, err
				}
				return print.BlankForm(fs, k, u.office, st, at)
			})
		}))
	}
	var names []string
	for _, o := range app.Offices {
		if o.Role == app.RoleCounty && (u.office.Role == app.RoleCity || o.Code == u.office.Code) {
			names = append(names, o.Name)
		}
	}
	s.office = newSelect(names, nil)
	if len(names) > 0 {
		s.office.SetSelected(names[0])
	}
	s.year = widget.NewEntry()
	s.year.SetText(strconv.Itoa(u.svc.Today().Year()))
	filled := widget.NewButton("按记录填写并打印", func() { s.assessment(false) })
	filled.Importance = widget.HighImportance
	blank := widget.NewButton("打印空白表", func() { s.assessment(true) })
	hint := widget.NewLabel("会议纪要在「会议」中打开一次会议后打印；问题台账在「问题台账」中按当前筛选打印。")
	choose := widget.NewButton("更改文件夹…", func() {
		u.folderOpen(func(dir string) {
			u.setPrintDir(dir)
			s.reload()
		})
	})
	open := widget.NewButton("打开文件夹", s.openFolder)
	s.root = container.NewVScroll(container.NewVBox(
		sectionTitle("空白表格（供现场手工填写）"), forms,
		widget.NewSeparator(),
		sectionTitle("考核评估表"),
		container.NewHBox(widget.NewLabel("被考核单位"), s.office, widget.NewLabel("年度"),
			container.NewGridWrap(fyne.NewSize(90, s.year.MinSize().Height), s.year), filled, blank),
		widget.NewSeparator(),
		hint, s.folder, container.NewHBox(choose, open)))
	return s
}

func (s *printScreen) view() fyne.CanvasObject { return s.root }

// openFolder opens the print folder in the PC's file manager, making it
// first if nothing has been printed yet.
func (s *printScreen) openFolder() {
	dir := s.u.printDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.u.showError(fmt.Errorf("不能建立存放打印文件的文件夹 %s（%w）", dir, err))
		return
	}
	if err := s.u.openPath(dir); err != nil {
		s.u.showError(fmt.Errorf("没能打开文件夹 %s（%w），请在资源管理器中找到它", dir, err))
	}
}

func (s *printScreen) reload() {
	s.folder.SetText("生成的 PDF 文件存放在：" + s.u.printDir())
}

// assessment prints the assessment form of the chosen office and year,
// blank, as published, or filled from the records and the hand scores.
func (s *printScreen) assessment(blank bool) {
	year, err := strconv.Atoi(strings.TrimSpace(s.year.Text))
	if err != nil || year < 2017 || year > s.u.svc.Today().Year() {
		s.u.showError(app.FieldError{Field: "Year", Msg: fmt.Sprintf("年度须是 2017 到 %d 之间的年份", s.u.svc.Today().Year())})
		return
	}
	var office app.Office
	for _, o := range app.Offices {
		if o.Name == s.office.Selected {
			office = o.Office
		}
	}
	if office.Code == "" {
		s.u.showError(app.FieldError{Field: "Office", Msg: "请选择被考核单位"})
		return
	}
	name := fmt.Sprintf("%s%d年度考核评估表", office.Name, year)
	if blank {
		name += "（空白）"
	}
	s.u.printDoc(name, func(fs *print.Fonts, at time.Time) (*print.Doc, error) {
		a, err := s.u.svc.AssessmentForm(s.u.ctx, office.Code, year, blank)
		if err != nil {
			return nil, err
		}
		stamp, err := s.u.svc.AssessmentStamp(s.u.ctx, office.Code, year)
		if err != nil {
			return nil, err
		}
		return print.AssessmentForm(fs, a, office.Name, stamp, at)
	})
}
