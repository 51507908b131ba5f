package print

import (
	"time"

	"wugeyi/app"
)

// LedgerColumns are the heads and widths (mm) of the columns of the
// ledger of ps, for the tests that read the printed table column by
// column.
func LedgerColumns(fs *Fonts, ps []app.Problem, info LedgerInfo) ([]string, []float64, error) {
	d, err := New(fs, Landscape, "", time.Time{})
	if err != nil {
		return nil, nil, err
	}
	t, _ := ledgerTable(d, ps, &info)
	var heads []string
	for _, c := range t.Head[0].Cells {
		heads = append(heads, c.Text)
	}
	return heads, t.Widths, nil
}

// NoticeText is the opening paragraph of notice n.
func NoticeText(n app.Notice) string { return noticeText(n) }
