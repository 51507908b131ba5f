package xlsx_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
	"wugeyi/app/xlsx"
	"wugeyi/data/datatest"
)

var (
	ctx     = context.Background()
	haigang = app.Office{Code: "130302", Name: "海港区", Role: app.RoleCounty}
	now     = time.Date(2026, 4, 20, 9, 0, 0, 0, time.Local)
)

// code is a valid credit code of Haigang numbered n.
func code(t testing.TB, n int) string {
	t.Helper()
	return datatest.CreditCode(n)
}

// book builds a workbook in a test.
type book struct {
	t     testing.TB
	f     *excelize.File
	sheet string
}

func newBook(t testing.TB, sheet string) *book {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &book{t, f, sheet}
}

// row sets the cells of row r from column A on; nil leaves a cell empty.
func (b *book) row(r int, vals ...any) *book {
	b.t.Helper()
	for i, v := range vals {
		if v == nil {
			continue
		}
		axis, _ := excelize.CoordinatesToCellName(i+1, r)
		if err := b.f.SetCellValue(b.sheet, axis, v); err != nil {
			b.t.Fatal(err)
		}
	}
	return b
}

func (b *book) merge(from, to string) *book {
	b.t.Helper()
	if err := b.f.MergeCell(b.sheet, from, to); err != nil {
		b.t.Fatal(err)
	}
	return b
}

func (b *book) bytes(opts ...excelize.Options) []byte {
	b.t.Helper()
	var buf bytes.Buffer
	if err := b.f.Write(&buf, opts...); err != nil {
		b.t.Fatal(err)
	}
	return buf.Bytes()
}

// service is a service over a new database of Haigang at now.
func service(t testing.TB) (*app.Service, *datatest.Store) {
	t.Helper()
	st := datatest.NewSetUp(t, haigang)
	svc := app.NewService(st, "测试")
	svc.Now = func() time.Time { return now }
	return svc, st
}

// preview reads b and previews it as kind k with the guessed mapping.
func preview(t testing.TB, svc *app.Service, k xlsx.Kind, b []byte) (*xlsx.Plan, error) {
	t.Helper()
	return previewValues(t, svc, k, b, nil)
}

// previewValues is preview with the clerk's values vals.
func previewValues(t testing.TB, svc *app.Service, k xlsx.Kind, b []byte, vals xlsx.Values) (*xlsx.Plan, error) {
	t.Helper()
	bk, err := xlsx.Read(b)
	if err != nil {
		return nil, err
	}
	sh, h, err := bk.Sheet("", k)
	if err != nil {
		return nil, err
	}
	return xlsx.Preview(ctx, svc, haigang, k, sh, h, xlsx.Guess(k, h), vals)
}

// outcomes maps each previewed row number to its outcome.
func outcomes(p *xlsx.Plan) map[int]xlsx.Outcome {
	m := map[int]xlsx.Outcome{}
	for _, r := range p.Rows {
		m[r.Row] = r.Outcome
	}
	return m
}

// msg is the preview's message for row n.
func msg(p *xlsx.Plan, n int) string {
	for _, r := range p.Rows {
		if r.Row == n {
			return r.Msg
		}
	}
	return ""
}
