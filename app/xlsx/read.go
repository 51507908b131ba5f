// Package xlsx brings the offices' existing Excel/WPS workbooks in (an
// enterprise list, a problem ledger, a directory of departments, leaders
// with their assignments, visits, meetings) and hands tables out as .xlsx
// files (github.com/xuri/excelize/v2).
//
// An import reads a workbook (Read), finds the header row of a sheet under
// its title rows and merged cells, maps the columns by their Chinese names
// and the usual variants (Guess; the user may correct the Mapping), and
// previews every row (Preview): what will be created, what matches a
// record already there, what is wrong and why, with the sheet and row
// number. An enumerated column (企业类别, 问题类别, 来源, 状态, 处理方式,
// 满意度, 走访方式, …) reads the ways offices write each value (a table of
// words per column, values.go); a value none names is listed once with its
// rows (Plan.Unknown) for the clerk to map to a known one (Values), and
// what the clerk mapped is remembered in the database for the next
// import. Plan.Apply then writes the accepted rows, and the mappings,
// through app.Service in one transaction.
//
// It depends on package app and excelize only: no screens, no SQL.
package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxFile is the largest workbook Read takes (bytes); the unzipped parts
// may be at most MaxUnzipped.
const (
	MaxFile     = 64 << 20
	MaxUnzipped = 512 << 20
)

// The refusals of Read, in Chinese, saying what to do.
var (
	ErrNotWorkbook = errors.New("这个文件不是 Excel 工作簿（.xlsx）：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再导入")
	ErrOldFormat   = errors.New("这是旧版 Excel 97-2003 文件（.xls）：请在 Excel 或 WPS 中打开后“另存为”Excel 工作簿（*.xlsx）再导入")
	ErrPassword    = errors.New("这个工作簿设置了打开密码，不能读取：请在 Excel 或 WPS 中打开，取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再导入")
	ErrTooLarge    = fmt.Errorf("文件过大（超过 %d MB），不像是企业清单或问题台账：请检查是否选错了文件", MaxFile>>20)
)

// Cell is one cell as read: its text (numbers as Excel stores them, not
// as formatted), and whether Excel holds it as a number.
type Cell struct {
	Text   string
	Number bool
}

// Sheet is one worksheet as read: every row, with the value of a merged
// range in each of its cells.
type Sheet struct {
	Name string
	Rows [][]Cell // Rows[i] is row i+1 as Excel numbers it
	// date1904 is the workbook's date system (Mac Excel's older one).
	date1904 bool
}

// Book is a workbook as read for an import.
type Book struct {
	Sheets []*Sheet
}

// cfbMagic starts an OLE compound file: an old .xls, or an encrypted
// .xlsx (which is a compound file holding EncryptionInfo and the package).
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16le is s as UTF-16LE bytes, as compound-file directory names are.
func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// Read reads the workbook in b. A file that is not a workbook, an old .xls
// and a password-protected workbook are refused with ErrNotWorkbook,
// ErrOldFormat and ErrPassword.
func Read(b []byte) (book *Book, err error) {
	// A damaged file must never take the program down: whatever the
	// library trips over in it is a file that is not a workbook.
	defer func() {
		if r := recover(); r != nil {
			book, err = nil, fmt.Errorf("%w（%v）", ErrNotWorkbook, r)
		}
	}()
	if len(b) > MaxFile {
		return nil, ErrTooLarge
	}
	if bytes.HasPrefix(b, cfbMagic) {
		if bytes.Contains(b, utf16le("EncryptionInfo")) || bytes.Contains(b, utf16le("EncryptedPackage")) {
			return nil, ErrPassword
		}
		return nil, ErrOldFormat
	}
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return nil, ErrNotWorkbook
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped})
	if err != nil {
		return nil, fmt.Errorf("%w（%v）", ErrNotWorkbook, err)
	}
	defer f.Close()
	book = &Book{}
	props, _ := f.GetWorkbookProps()
	for _, name := range f.GetSheetList() {
		sh, err := readSheet(f, name)
		if err != nil {
			return nil, fmt.Errorf("%w（工作表“%s”：%v）", ErrNotWorkbook, name, err)
		}
		sh.date1904 = props.Date1904 != nil && *props.Date1904
		book.Sheets = append(book.Sheets, sh)
	}
	if len(book.Sheets) == 0 {
		return nil, ErrNotWorkbook
	}
	return book, nil
}

// readSheet reads one worksheet, filling merged ranges.
func readSheet(f *excelize.File, name string) (*Sheet, error) {
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	sh := &Sheet{Name: name, Rows: make([][]Cell, len(rows))}
	for i, r := range rows {
		cs := make([]Cell, len(r))
		for j, v := range r {
			cs[j] = Cell{Text: v}
			if looksNumeric(v) {
				// Only text that looks like a number can be a number cell;
				// asking excelize for the type of every cell would be slow.
				axis, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if t, err := f.GetCellType(name, axis); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
					cs[j].Number = true
				}
			}
		}
		sh.Rows[i] = cs
	}
	merged, err := f.GetMergeCells(name)
	if err != nil {
		return nil, err
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2-r1 > 1000 || c2-c1 > 200 {
			continue // a malformed or absurd range: leave the cells as they are
		}
		top := sh.cell(r1-1, c1-1)
		for r := r1 - 1; r < r2 && r < len(sh.Rows); r++ {
			for c := c1 - 1; c < c2; c++ {
				for len(sh.Rows[r]) <= c {
					sh.Rows[r] = append(sh.Rows[r], Cell{})
				}
				sh.Rows[r][c] = top
			}
		}
	}
	return sh, nil
}

// cell is the cell at row r, column c (both from 0), empty past the end.
func (s *Sheet) cell(r, c int) Cell {
	if r < 0 || r >= len(s.Rows) || c < 0 || c >= len(s.Rows[r]) {
		return Cell{}
	}
	return s.Rows[r][c]
}

// looksNumeric reports whether s reads as a number: digits, a decimal
// point, an exponent.
func looksNumeric(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// ColumnName is a column's letter as Excel shows it (0 → A).
func ColumnName(c int) string {
	n, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return strconv.Itoa(c + 1)
	}
	return n
}

// plainNumber is a number cell's text as a clerk would type it: an integer
// without exponent or trailing zeros (a phone number stored as a number).
func plainNumber(c Cell) string {
	t := strings.TrimSpace(c.Text)
	if !c.Number {
		return t
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return t
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
