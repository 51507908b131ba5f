package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// ledgerColumns are the columns of the printed ledger: head and share of
// the page's width (they add up to 100).
var ledgerColumns = []struct {
	head  string
	share float64
}{
	{"序号", 4}, {"编号", 10.5}, {"企业名称", 12}, {"类别", 4.5}, {"问题描述及企业诉求", 23},
	{"牵头单位（配合单位）", 11}, {"责任人", 5}, {"登记日期", 8}, {"办理时限", 8}, {"状态", 5}, {"办理结果", 9},
}

// Ledger lays out the problem ledger (问题台账) ps on landscape pages, a
// row per problem with the table's head on every page. title names whose
// ledger it is (e.g. 海港区); filter says in Chinese how the list was
// filtered ("" for every problem); today marks open problems past their
// deadline as overdue.
func Ledger(fs *Fonts, ps []app.Problem, title, filter string, today app.Date, at time.Time) (*Doc, error) {
	d, err := New(fs, Landscape, title+"重点企业问题台账", at)
	if err != nil {
		return nil, err
	}
	d.Title(title + "重点企业问题台账")
	sub := fmt.Sprintf("截至%s，共%d件", today.Chinese(), len(ps))
	if filter != "" {
		sub = filter + "；" + sub
	}
	d.Centred("（"+sub+"）", Song, Size4)
	d.Space(3)

	t := Table{Size: Small5}
	var head Row
	for _, c := range ledgerColumns {
		t.Widths = append(t.Widths, d.Width()*c.share/100)
		head.Cells = append(head.Cells, Cell{Text: c.head, Align: Center, Face: Hei})
	}
	t.Head = []Row{head}
	rows := make([]Row, 0, len(ps))
	for i, p := range ps {
		rows = append(rows, Row{Cells: []Cell{
			{Text: fmt.Sprint(i + 1), Align: Center},
			{Text: p.Number},
			{Text: p.EnterpriseName},
			{Text: p.Category, Align: Center},
			{Text: joinNonEmpty("\n", p.Description, prefixed("诉求：", p.Request))},
			{Text: p.LeadDept + parenthesized(p.SupportDepts)},
			{Text: p.Person},
			{Text: p.Registered.String(), Align: Center},
			{Text: p.Deadline.String(), Align: Center},
			{Text: ledgerStatus(p, today), Align: Center},
			{Text: joinNonEmpty("\n", p.Result, p.Explanation, p.Satisfaction)},
		}})
	}
	d.Table(t, rows)
	return d, nil
}

// ledgerStatus is the problem's status, with 逾期 when it is open past its
// deadline.
func ledgerStatus(p app.Problem, today app.Date) string {
	if p.Overdue(today) {
		return string(p.Status) + "\n逾期"
	}
	return string(p.Status)
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func prefixed(prefix, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return prefix + s
}

func parenthesized(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "（" + s + "）"
}
