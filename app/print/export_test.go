package print

import "wugeyi/app"

// LedgerShares are the shares of the page width of the ledger's columns,
// for the tests that read the printed table column by column.
func LedgerShares() []float64 {
	var out []float64
	for _, c := range ledgerColumns {
		out = append(out, c.share)
	}
	return out
}

// NoticeText is the opening paragraph of notice n.
func NoticeText(n app.Notice) string { return noticeText(n) }
