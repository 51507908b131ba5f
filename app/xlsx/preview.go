package xlsx

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
)

// Outcome is what an import does with one row.
type Outcome int

// The outcomes of a row.
const (
	Create  Outcome = iota // a new record
	Update                 // matches a record of this office, whose fields it corrects
	Same                   // matches a record already there; nothing to change
	Refused                // wrong: not imported, with the reason
)

// Label names the outcome as the preview shows it.
func (o Outcome) Label() string {
	return [...]string{"新增", "更新", "已有", "有误"}[o]
}

// RowResult is the preview of one row.
type RowResult struct {
	Sheet   string
	Row     int // as Excel numbers it
	Outcome Outcome
	Name    string // the enterprise, or the problem's enterprise and description
	Msg     string // what is wrong, what changes, or which record it matches
}

// Plan is the preview of an import: every non-blank row and what it
// becomes, and the values of enumerated columns it could not read. Apply
// writes the rows that are created or updated.
type Plan struct {
	Kind    Kind
	Sheet   string
	Rows    []RowResult
	Unknown []Unknown // each value not known once, in the order met

	batch    app.Batch
	depts    []app.Department
	writeRow []int               // the row number of each row that writes
	rowOf    map[app.Table][]int // the row number of each record of the batch, per table
}

// write notes that row (as Excel numbers it) writes the records added to
// the batch for it: one more of each table of tables.
func (p *Plan) write(row int, tables ...app.Table) {
	if len(p.writeRow) == 0 || p.writeRow[len(p.writeRow)-1] != row {
		p.writeRow = append(p.writeRow, row)
	}
	if p.rowOf == nil {
		p.rowOf = map[app.Table][]int{}
	}
	for _, t := range tables {
		p.rowOf[t] = append(p.rowOf[t], row)
	}
}

// finish takes what the valuer of the preview met: the unknown values,
// and the clerk's mappings used, to remember at Apply.
func (p *Plan) finish(v *valuer) {
	for _, u := range v.unknown {
		p.Unknown = append(p.Unknown, *u)
	}
	p.batch.Words = v.words()
}

// Words are the clerk's mappings of values this import used; Apply
// remembers them for the next import.
func (p *Plan) Words() []app.ImportWord { return p.batch.Words }

// Count is how many rows have outcome o.
func (p *Plan) Count(o Outcome) int {
	n := 0
	for _, r := range p.Rows {
		if r.Outcome == o {
			n++
		}
	}
	return n
}

// Writes is how many rows Apply writes.
func (p *Plan) Writes() int { return len(p.writeRow) }

// Summary says in one line what the import does.
func (p *Plan) Summary() string {
	return fmt.Sprintf("工作表“%s”：新增%d条，更新%d条，已有%d条，有误%d条（不导入）", p.Sheet,
		p.Count(Create), p.Count(Update), p.Count(Same), p.Count(Refused))
}

// Apply writes the accepted rows through svc in one transaction, with the
// clerk's mappings of values used (remembered for the next import); the
// rows with errors are left out. A refusal at writing (the database
// changed since the preview) names its sheet and row, and nothing is
// written.
func (p *Plan) Apply(ctx context.Context, svc *app.Service, progress func(done, total int)) error {
	if p.Kind == KindDepartments {
		if len(p.depts) == 0 {
			return nil
		}
		err := svc.ImportDepartments(ctx, p.depts, progress)
		var re app.RecordError
		if errors.As(err, &re) && re.Index < len(p.writeRow) {
			return fmt.Errorf("工作表“%s”第%d行：%w；未导入任何记录", p.Sheet, p.writeRow[re.Index], re.Err)
		}
		return err
	}
	if p.batch.Len() == 0 {
		return nil
	}
	b := p.batch
	err := svc.ImportBatch(ctx, &b, progress)
	var be app.BatchError
	if errors.As(err, &be) && be.Index < len(p.rowOf[be.Table]) {
		return fmt.Errorf("工作表“%s”第%d行：%w；未导入任何记录", p.Sheet, p.rowOf[be.Table][be.Index], be.Err)
	}
	return err
}

// rowReader reads the mapped fields of one row.
type rowReader struct {
	sh  *Sheet
	m   Mapping
	row int     // from 0
	v   *valuer // reads the enumerated cells; nil reads by the words only
}

// value reads the field key of enumerated column c: "" for a blank cell,
// else the program's value, or an error that names the value not known.
func (r rowReader) value(key string, c valueColumn) (string, error) {
	s := r.text(key)
	w, ok := r.v.read(c, s, r.row)
	if !ok {
		return "", unknownError(c, w)
	}
	return w, nil
}

// text is the field's cell as text, trimmed; a number cell as a clerk
// would type it.
func (r rowReader) text(key string) string {
	c, ok := r.m[key]
	if !ok {
		return ""
	}
	return plainNumber(r.sh.cell(r.row, c))
}

// blank reports whether every mapped cell of the row is empty. A row
// whose only content is its serial number (序号) is blank too.
func (r rowReader) blank() bool {
	for _, c := range r.m {
		if strings.TrimSpace(r.sh.cell(r.row, c).Text) != "" {
			return false
		}
	}
	return true
}

// repeatedHeader reports whether the row repeats the header (a header
// printed again on every page).
func (r rowReader) repeatedHeader(k Kind) bool {
	n := 0
	for _, c := range r.m {
		if match(Fields(k), r.sh.cell(r.row, c).Text) != "" {
			n++
		}
	}
	return n >= 2
}

// creditCode reads the credit code, catching a code that Excel turned into
// a number: digits lost past the 15th, or written in scientific notation.
func (r rowReader) creditCode(key string) (string, error) {
	c, ok := r.m[key]
	if !ok {
		return "", nil
	}
	cell := r.sh.cell(r.row, c)
	t := strings.TrimSpace(cell.Text)
	if cell.Number || strings.ContainsAny(t, "Ee") && looksNumeric(t) {
		shown := t
		if f, err := strconv.ParseFloat(t, 64); err == nil {
			shown = strconv.FormatFloat(f, 'E', 5, 64)
		}
		return "", fmt.Errorf("统一社会信用代码被 Excel 存成了数字（显示为 %s），后几位已经丢失，不能使用：请把这一列设为“文本”格式，照营业执照重新填写后再导入", shown)
	}
	return app.NormalizeCreditCode(t), nil
}

// date reads a date: an Excel date (a serial number) or text in the usual
// forms (2026年3月5日, 2026.3.5, 2026-03-05, 2026/3/5).
func (r rowReader) date(key, label string) (app.Date, error) {
	c, ok := r.m[key]
	if !ok {
		return app.Date{}, nil
	}
	cell := r.sh.cell(r.row, c)
	t := strings.TrimSpace(cell.Text)
	if t == "" {
		return app.Date{}, nil
	}
	if cell.Number {
		f, err := strconv.ParseFloat(t, 64)
		if err == nil && f >= 1 && f < 2958466 && !math.IsNaN(f) {
			tm, err := excelize.ExcelDateToTime(f, r.sh.date1904)
			if err == nil && tm.Year() >= 1900 && tm.Year() <= 2200 {
				return app.D(tm.Year(), tm.Month(), tm.Day()), nil
			}
		}
		return app.Date{}, fmt.Errorf("%s“%s”不是日期：请填写日期，例如 2026-03-05 或 2026年3月5日", label, t)
	}
	// A date typed with its time of day, as some exports write it.
	if d, _, ok := strings.Cut(t, " "); ok && len(d) >= 8 {
		if _, err := time.Parse("15:04:05", strings.TrimSpace(t[len(d):])); err == nil {
			t = d
		}
	}
	d, err := app.ParseDate(t)
	if err != nil {
		return app.Date{}, fmt.Errorf("%s：%v", label, err)
	}
	return d, nil
}

// rowErrors collects what is wrong with one row.
type rowErrors []string

func (e *rowErrors) add(err error) {
	if err == nil {
		return
	}
	var inv app.Invalid
	if errors.As(err, &inv) {
		for _, fe := range inv {
			*e = append(*e, fe.Msg)
		}
		return
	}
	*e = append(*e, err.Error())
}

func (e rowErrors) String() string { return strings.Join(e, "；") }

// prepare checks the mapping of sh and lists the rows to read.
func prepare(sh *Sheet, h Header, k Kind, m Mapping) ([]int, error) {
	if miss := m.Missing(k); len(miss) > 0 {
		return nil, missingError(sh.Name, k, miss)
	}
	var rows []int
	for r := h.Row; r < len(sh.Rows); r++ {
		rr := rowReader{sh: sh, m: m, row: r}
		if rr.blank() || rr.repeatedHeader(k) {
			continue
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Records is what an import preview reads of the office's database: its
// settings, its records and the values remembered from earlier imports. An *app.Service has them (the
// window passes its service), as has every app.Reader.
type Records interface {
	Settings(ctx context.Context) (app.Settings, error)
	Enterprises(ctx context.Context, f app.EnterpriseFilter) ([]app.Enterprise, error)
	Problems(ctx context.Context, f app.ProblemFilter) ([]app.Problem, error)
	Departments(ctx context.Context, f app.DepartmentFilter) ([]app.Department, error)
	Leaders(ctx context.Context, f app.LeaderFilter) ([]app.Leader, error)
	Assignments(ctx context.Context, f app.AssignmentFilter) ([]app.Assignment, error)
	Visits(ctx context.Context, f app.VisitFilter) ([]app.Visit, error)
	Meetings(ctx context.Context, f app.MeetingFilter) ([]app.Meeting, error)
	ImportWords(ctx context.Context) ([]app.ImportWord, error)
}

// Preview previews importing sheet sh (header h) as kind k with mapping m
// into the database of office me, reading the enumerated columns by their
// tables of words, then the clerk's values vals (nil for none), then the
// values remembered from earlier imports of the database.
func Preview(ctx context.Context, r Records, me app.Office, k Kind, sh *Sheet, h Header, m Mapping, vals Values) (*Plan, error) {
	saved, err := r.ImportWords(ctx)
	if err != nil {
		return nil, err
	}
	v := newValuer(vals, saved)
	rows, err := prepare(sh, h, k, m)
	if err != nil {
		return nil, err
	}
	read := func(ri int) rowReader { return rowReader{sh: sh, m: m, row: ri, v: v} }
	p := &Plan{Kind: k, Sheet: sh.Name}
	switch k {
	case KindProblems:
		err = previewProblems(ctx, r, me, p, rows, read)
	case KindDepartments:
		err = previewDepartments(ctx, r, me, p, rows, read, m)
	case KindLeaders:
		err = previewLeaders(ctx, r, me, p, rows, read)
	case KindVisits:
		err = previewVisits(ctx, r, me, p, rows, read)
	case KindMeetings:
		err = previewMeetings(ctx, r, me, p, rows, read)
	default:
		err = previewEnterprises(ctx, r, me, p, rows, read, m)
	}
	if err != nil {
		return nil, err
	}
	p.finish(v)
	return p, nil
}
