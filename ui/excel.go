package ui

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/syncfile"
	"wugeyi/app/xlsx"
)

// The Excel tables of the screens: an enterprise list or a problem ledger
// brought in from a workbook after a preview, and the tables handed out
// as workbooks.

// exportDir is the folder exported workbooks go to: 导出 in the print
// folder when one is chosen, and on Windows (where it is in 文档); else 导出
// beside the database.
func (u *UI) exportDir() string {
	if u.printer.dir != "" || u.app.Preferences().String(prefPrintFolder) != "" || documentsDir() != "" {
		return filepath.Join(u.printDir(), "导出")
	}
	if u.dbPath != "" {
		return filepath.Join(filepath.Dir(u.dbPath), "导出")
	}
	return filepath.Join(os.TempDir(), "五个一工作台导出")
}

// exportXlsx writes the table k, as o selects it, as a workbook in the
// export folder and opens it in the PC's spreadsheet program.
func (u *UI) exportXlsx(k xlsx.ExportKind, o xlsx.Options) {
	t, err := xlsx.Export(u.ctx, u.svc, k, o)
	if err != nil {
		u.showError(err)
		return
	}
	var b bytes.Buffer
	if err := t.Write(&b); err != nil {
		u.showError(err)
		return
	}
	dir := u.exportDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		u.showError(fmt.Errorf("不能建立存放导出文件的文件夹 %s（%w）", dir, err))
		return
	}
	who := u.office.Name
	if o.Office != "" {
		who = app.OfficeName(o.Office)
	}
	path := filepath.Join(dir, fileName(k.Label()+"_"+who)+"_"+u.svc.Now().Format("20060102-150405")+".xlsx")
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		u.showError(fmt.Errorf("不能写出 %s（%w）", path, err))
		return
	}
	u.notify(fmt.Sprintf("已导出 %s（%d 行）", path, t.Rows()))
	u.openWritten(path, "表格程序（Excel 或 WPS）", "打开")
}

// exportButton is a button that exports table k as the screen selects it.
func (u *UI) exportButton(k xlsx.ExportKind, opts func() (xlsx.Options, error)) *widget.Button {
	return widget.NewButton("导出Excel", func() {
		o, err := opts()
		if err != nil {
			u.showError(err)
			return
		}
		u.exportXlsx(k, o)
	})
}

// viewOptions are the export options of a screen that shows the records of
// the office chosen at the top.
func (u *UI) viewOptions() (xlsx.Options, error) { return xlsx.Options{Office: u.ownOffice()}, nil }

// importButton is a button that imports a workbook of kind k.
func (u *UI) importButton(k xlsx.Kind) *widget.Button {
	return widget.NewButton("从Excel导入…", func() {
		u.fileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			defer r.Close()
			b, err := readAllLimited(r, xlsx.MaxFile)
			if err != nil {
				u.showError(err)
				return
			}
			u.openImport(k, r.URI().Name(), b)
		}, ".xlsx", ".XLSX")
	})
}

// readAllLimited reads r whole, refusing more than max bytes.
func readAllLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > max {
		return nil, xlsx.ErrTooLarge
	}
	return b, nil
}

// importDialog is the import of one workbook: which sheet, which column
// holds which field (guessed from the header, correctable), the preview
// of every row, and the import of the good rows with a progress bar.
type importDialog struct {
	u        *UI
	kind     xlsx.Kind
	name     string
	book     *xlsx.Book
	sheet    *widget.Select
	sh       *xlsx.Sheet
	head     xlsx.Header
	m        xlsx.Mapping
	mapBox   *fyne.Container
	vals     xlsx.Values     // the values the clerk mapped
	valueBox *fyne.Container // a choice for each value not known, and each mapped
	summary  *widget.Label
	detail   *widget.Label // the whole message of the row picked
	plan     *xlsx.Plan
	table    *recordTable
	progress *widget.ProgressBar
	ok       *widget.Button
	d        dialog.Dialog
}

// notMapped is the choice of a field that is not read.
const notMapped = "（不导入）"

// openImport reads the workbook b (named name) and shows its preview. A
// file that is not a workbook, or has a password, is refused with a
// message and nothing else happens.
func (u *UI) openImport(k xlsx.Kind, name string, b []byte) *importDialog {
	book, err := xlsx.Read(b)
	if err != nil {
		u.showError(fmt.Errorf("%s：%w", name, err))
		return nil
	}
	s := &importDialog{u: u, kind: k, name: name, book: book, summary: widget.NewLabel(""), mapBox: container.NewGridWithColumns(6),
		vals: xlsx.Values{}, valueBox: container.NewGridWithColumns(4), progress: widget.NewProgressBar()}
	s.summary.Wrapping = fyne.TextWrapWord
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.progress.Hide()
	var sheets []string
	for _, sh := range book.Sheets {
		sheets = append(sheets, sh.Name)
	}
	s.sheet = newSelect(sheets, func(string) { s.pickSheet() })
	s.table = newRecordTable([]column{{"行", 56}, {"结果", 60}, {"企业 / 问题", 320}, {"说明", 620}},
		func() int {
			if s.plan == nil {
				return 0
			}
			return len(s.plan.Rows)
		},
		func(r, c int) (string, widget.Importance) {
			row := s.plan.Rows[r]
			imp := widget.MediumImportance
			switch row.Outcome {
			case xlsx.Refused:
				imp = widget.DangerImportance
			case xlsx.Update:
				imp = widget.WarningImportance
			case xlsx.Same:
				imp = widget.LowImportance
			}
			return [...]string{fmt.Sprint(row.Row), row.Outcome.Label(), row.Name, row.Msg}[c], imp
		}, func(r int) {
			row := s.plan.Rows[r]
			s.detail.SetText(fmt.Sprintf("第%d行（%s）：%s %s", row.Row, row.Outcome.Label(), row.Name, row.Msg))
		})
	s.ok = widget.NewButton("导入", s.apply)
	s.ok.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { s.d.Hide() })
	top := container.NewVBox(
		widget.NewLabel(fmt.Sprintf("文件：%s。先核对每一列对应的内容，再看下面每一行将怎样导入；确认后才写入，并先备份数据库。", name)),
		container.NewHBox(widget.NewLabel("工作表"), container.NewGridWrap(fyne.NewSize(260, s.sheet.MinSize().Height), s.sheet)),
		sectionTitle("列的对应（按表头识别，可以修改；带 * 的必须有）"), s.mapBox,
		s.valueBox, sectionTitle("导入预览"), s.summary)
	bottom := container.NewVBox(s.detail, s.progress, container.NewHBox(s.ok, cancel))
	s.d = dialog.NewCustomWithoutButtons("从Excel导入"+k.Label(), container.NewBorder(top, bottom, nil, nil, s.table), u.win)
	s.d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 1200), min(u.win.Canvas().Size().Height-40, 720)))
	sh, _, err := book.Sheet("", k)
	if sh == nil {
		sh = book.Sheets[0]
	}
	s.sheet.SetSelected(sh.Name) // pickSheet previews it
	if err != nil && s.plan == nil && s.summary.Text == "" {
		s.showError(err)
	}
	s.d.Show()
	return s
}

// pickSheet finds the header of the chosen sheet, guesses the mapping and
// previews.
func (s *importDialog) pickSheet() {
	sh, h, err := s.book.Sheet(s.sheet.Selected, s.kind)
	s.sh, s.head, s.m = sh, h, xlsx.Guess(s.kind, h)
	s.showMapping()
	if err != nil {
		s.showError(err)
		return
	}
	s.preview()
}

// showMapping shows a choice of column for each field.
func (s *importDialog) showMapping() {
	s.mapBox.RemoveAll()
	choices := []string{notMapped}
	for i, name := range s.head.Columns {
		choices = append(choices, xlsx.ColumnName(i)+"列 "+name)
	}
	for _, f := range xlsx.Fields(s.kind) {
		label := f.Label
		if f.Required {
			label += " *"
		}
		if strings.HasPrefix(f.Note, "不导入") {
			label += "（不导入）"
		}
		l := widget.NewLabel(label)
		key := f.Key
		sel := newSelect(choices, nil)
		if c, ok := s.m[key]; ok && c+1 < len(choices) {
			sel.SetSelected(choices[c+1])
		} else {
			sel.SetSelected(notMapped)
		}
		sel.OnChanged = func(v string) {
			delete(s.m, key)
			for i, c := range choices[1:] {
				if c == v {
					s.m[key] = i
				}
			}
			s.preview()
		}
		s.mapBox.Add(l)
		s.mapBox.Add(sel)
	}
}

// preview previews the import with the mapping as it stands.
func (s *importDialog) preview() {
	if s.sh == nil || s.head.Row == 0 {
		return
	}
	p, err := xlsx.Preview(s.u.ctx, s.u.svc, s.u.office, s.kind, s.sh, s.head, s.m, s.vals)
	if err != nil {
		s.showError(err)
		return
	}
	s.plan = p
	s.summary.Importance = widget.MediumImportance
	text := fmt.Sprintf("表头在第%d行。%s。", s.head.Row, p.Summary())
	if n := p.Count(xlsx.Refused); n > 0 {
		text += fmt.Sprintf("有误的%d行不导入：可以改正表格后重新导入，或只导入无误的行。", n)
		s.summary.Importance = widget.WarningImportance
	}
	if w := s.u.importWarning(p, s.sh, s.m); w != "" {
		text += w
		s.summary.Importance = widget.WarningImportance
	}
	s.summary.SetText(text)
	s.ok.SetText(fmt.Sprintf("导入无误的 %d 条", p.Writes()))
	if p.Writes() == 0 {
		s.ok.Disable()
	} else {
		s.ok.Enable()
	}
	s.detail.SetText("单击一行可看完整说明。")
	s.showValues()
	s.table.reset()
}

// keepRefused is the choice that maps a value not known to nothing: its
// rows stay refused.
const keepRefused = "（不导入这些行）"

// showValues shows a choice of the program's values for each value of an
// enumerated column the preview did not know, and for each the clerk
// mapped already (to change it back). The choices made are remembered at
// the import, for the next one.
func (s *importDialog) showValues() {
	s.valueBox.RemoveAll()
	type entry struct {
		col, value, label string
		values            []string
	}
	var list []entry
	for _, u := range s.plan.Unknown {
		list = append(list, entry{u.Column, u.Value, fmt.Sprintf("%s“%s”（%d行）", u.Column, u.Value, u.Rows), u.Values})
	}
	cols := xlsx.ValueColumns(s.kind)
	for _, col := range slices.Sorted(maps.Keys(s.vals)) {
		for _, from := range slices.Sorted(maps.Keys(s.vals[col])) {
			list = append(list, entry{col, from, fmt.Sprintf("%s“%s”", col, from), cols[col]})
		}
	}
	if len(list) == 0 {
		return
	}
	s.valueBox.Add(sectionTitle("不认识的值（请对应到已有的值，导入后记住）"))
	s.valueBox.Add(layout.NewSpacer())
	s.valueBox.Add(layout.NewSpacer())
	s.valueBox.Add(layout.NewSpacer())
	for _, e := range list {
		sel := newSelect(append([]string{keepRefused}, e.values...), nil)
		sel.SetSelected(keepRefused)
		if to, ok := s.vals[e.col][e.value]; ok {
			sel.SetSelected(to)
		}
		sel.OnChanged = func(to string) {
			if to == keepRefused {
				delete(s.vals[e.col], e.value)
				if len(s.vals[e.col]) == 0 {
					delete(s.vals, e.col)
				}
			} else if err := s.vals.Set(s.kind, e.col, e.value, to); err != nil {
				s.showError(err)
				return
			}
			s.preview()
		}
		s.valueBox.Add(widget.NewLabel(e.label))
		s.valueBox.Add(sel)
	}
}

// showError shows why the sheet cannot be previewed, and offers no import.
func (s *importDialog) showError(err error) {
	s.plan = nil
	s.summary.Importance = widget.DangerImportance
	s.summary.SetText(app.Message(err))
	s.ok.SetText("导入")
	s.ok.Disable()
	s.table.reset()
}

// apply backs the database up and imports the good rows in the background,
// with the progress bar showing.
func (s *importDialog) apply() {
	p := s.plan
	if p == nil || p.Writes() == 0 {
		return
	}
	s.ok.Disable()
	s.progress.SetValue(0)
	s.progress.Show()
	u := s.u
	go func() {
		backup, err := syncfile.Backup(u.ctx, u.svc)
		if err == nil {
			err = p.Apply(u.ctx, u.svc, func(done, total int) {
				u.do(func() { s.progress.SetValue(float64(done) / float64(total)) })
			})
		}
		u.do(func() {
			s.progress.Hide()
			if err != nil {
				s.ok.Enable()
				u.showError(err)
				return
			}
			s.d.Hide()
			msg := fmt.Sprintf("已导入%s：新增%d条，更新%d条", s.kind.Label(), p.Count(xlsx.Create), p.Count(xlsx.Update))
			if n := len(p.Words()); n > 0 {
				msg += fmt.Sprintf("；记住了%d个值的对应", n)
			}
			if backup != "" {
				msg += "；导入前的数据库已备份到 " + backup
			}
			u.notify(msg)
			u.reloadAll()
		})
	}()
}

// mapped is the column label a field is read from, for tests and the
// mapping's display ("" when not read).
func (s *importDialog) mapped(key string) string {
	c, ok := s.m[key]
	if !ok || c >= len(s.head.Columns) {
		return ""
	}
	return strings.TrimSpace(s.head.Columns[c])
}
