package xlsx

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"wugeyi/app"
)

// colKind says how a column's values are written.
type colKind int

const (
	colText    colKind = iota
	colDate            // app.Date, written as an Excel date
	colWan             // app.Yuan, written as a number of 万元
	colInt             // int
	colPercent         // float64 share, written as a percentage
)

// column is one column of an exported table.
type column struct {
	head string
	kind colKind
}

// Table is a table to hand out as a workbook: one sheet, its header row
// frozen, each column as wide as its content, dates as dates and amounts
// as numbers.
type Table struct {
	Sheet string
	cols  []column
	rows  [][]any
}

// Rows is how many rows the table has under its header.
func (t *Table) Rows() int { return len(t.rows) }

// displayWidth is how wide s shows in Excel's character units: a Chinese
// character takes two.
func displayWidth(s string) float64 {
	w := 0.0
	for _, line := range strings.Split(s, "\n") {
		lw := 0.0
		for _, r := range line {
			if r > 0x2E7F || unicode.Is(unicode.Han, r) {
				lw += 2
			} else {
				lw++
			}
		}
		w = max(w, lw)
	}
	return w
}

// maxWidth is the widest a column is made (in Excel's character units: a
// Chinese character takes two).
const maxWidth = 40

// Write writes the table as an .xlsx workbook to w.
func (t *Table) Write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := t.write(f, w); err != nil {
		return fmt.Errorf("export %s: %w", t.Sheet, err)
	}
	return nil
}

// write makes the table the one sheet of f and writes f to w.
func (t *Table) write(f *excelize.File, w io.Writer) error {
	if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := t.pageSetup(f); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	cells, widths := t.cells(st)
	lines := wrapLong(cells, widths, st.wrap)
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, min(w+2, maxWidth)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hs := make([]any, len(t.cols))
	for i, c := range t.cols {
		hs[i] = excelize.Cell{StyleID: st.head, Value: c.head}
	}
	if err := sw.SetRow("A1", hs, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	for r, row := range cells {
		axis, _ := excelize.CoordinatesToCellName(1, r+2)
		var opts []excelize.RowOpts
		if lines[r] > 1 {
			opts = append(opts, excelize.RowOpts{Height: 15 * float64(min(lines[r], 20))})
		}
		if err := sw.SetRow(axis, row, opts...); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// styles are the cell styles of a table's workbook.
type styles struct {
	head           int // the header row's
	date, wan, pct int // a date's, an amount's in 万元, a share's
	wrap           int // long text's, wrapped
}

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	var err error
	st.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	if err != nil {
		return st, err
	}
	dateFmt, wanFmt, pctFmt := "yyyy-mm-dd", "#,##0.00##", "0.0%"
	st.date, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	st.wan, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &wanFmt})
	st.pct, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	st.wrap, _ = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return st, nil
}

// pageSetup sets the sheet to print from Excel across an A4 landscape
// page, as many pages down as it needs, the header row on each.
func (t *Table) pageSetup(f *excelize.File) error {
	landscape, a4, wide, tall, fit := "landscape", 9, 1, 0, true
	if err := f.SetPageLayout(t.Sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(t.Sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + t.Sheet + "'!$1:$1", Scope: t.Sheet})
}

// cells is the table's rows as the workbook's cells, dates as dates and
// amounts as numbers, with the width each column needs.
func (t *Table) cells(st styles) ([][]any, []float64) {
	widths := make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = displayWidth(c.head)
		switch c.kind {
		case colDate:
			widths[i] = max(widths[i], 11)
		case colWan:
			widths[i] = max(widths[i], 10)
		}
	}
	cells := make([][]any, len(t.rows))
	for r, row := range t.rows {
		out := make([]any, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case app.Date:
				if !x.IsZero() {
					out[i] = excelize.Cell{StyleID: st.date, Value: time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)}
				}
			case app.Yuan:
				out[i] = excelize.Cell{StyleID: st.wan, Value: float64(x) / 10000}
				widths[i] = max(widths[i], displayWidth(x.Wan())+3)
			case float64:
				out[i] = excelize.Cell{StyleID: st.pct, Value: x}
			case string:
				if x != "" {
					out[i] = x
					widths[i] = max(widths[i], displayWidth(x))
				}
			default:
				out[i] = v
				widths[i] = max(widths[i], displayWidth(fmt.Sprint(v)))
			}
		}
		cells[r] = out
	}
	return cells, widths
}

// wrapLong keeps a column of long text (a problem's description) to
// maxWidth: its cells wrap, so that the table still reads on a page. It
// returns the lines of each row's tallest cell, for each row is made as
// tall as its wrapped text: spreadsheet programs do not all fit the height
// themselves.
func wrapLong(cells [][]any, widths []float64, wrap int) []int {
	lines := make([]int, len(cells))
	for i, w := range widths {
		if w+2 <= maxWidth {
			continue
		}
		for r, row := range cells {
			if v, ok := row[i].(string); ok {
				row[i] = excelize.Cell{StyleID: wrap, Value: v}
				lines[r] = max(lines[r], int(displayWidth(v)/(maxWidth-2))+1)
			}
		}
	}
	return lines
}

// ExportKind is a table that can be handed out.
type ExportKind string

// The tables that can be exported.
const (
	ExportEnterprises ExportKind = "enterprises"
	ExportProblems    ExportKind = "problems"
	ExportMeetings    ExportKind = "meetings"
	ExportFinancing   ExportKind = "financing"
	ExportLoans       ExportKind = "loans"
	ExportNotice      ExportKind = "notice"
	ExportVisits      ExportKind = "visits"
	ExportLeaders     ExportKind = "leaders"
	ExportFigures     ExportKind = "figures"
)

// ExportKinds lists them in the order the command's usage names them.
var ExportKinds = []ExportKind{ExportEnterprises, ExportProblems, ExportMeetings, ExportFinancing, ExportLoans, ExportNotice,
	ExportVisits, ExportLeaders, ExportFigures}

// Label names the table as a file name and sheet name.
func (k ExportKind) Label() string {
	switch k {
	case ExportEnterprises:
		return "重点企业清单"
	case ExportProblems:
		return "问题台账"
	case ExportMeetings:
		return "会议台账"
	case ExportFinancing:
		return "融资需求"
	case ExportLoans:
		return "应急转贷"
	case ExportNotice:
		return "进展情况通报"
	case ExportVisits:
		return "走访记录"
	case ExportLeaders:
		return "联系领导与分包"
	case ExportFigures:
		return "本单位工作情况"
	}
	return string(k)
}

// VisitTable is the visits vs, with each enterprise's credit code from
// codes; 计为 says whether the contact counts as a 走访 under st (a phone
// call is a 联系 unless 设置 says otherwise).
func VisitTable(vs []app.Visit, codes map[string]string, st app.Settings) *Table {
	t := &Table{Sheet: ExportVisits.Label(), cols: []column{{"走访日期", colDate}, {"走访领导", colText}, {"企业名称", colText},
		{"统一社会信用代码", colText}, {"走访方式", colText}, {"计为", colText}, {"陪同人员", colText}, {"走访情况", colText}}}
	for _, v := range vs {
		counted := "联系"
		if st.CountsAsVisit(v.Mode) {
			counted = "走访"
		}
		t.rows = append(t.rows, []any{v.Date, v.LeaderName, v.EnterpriseName, codes[v.EnterpriseID], v.Mode, counted, v.Companions, v.Findings})
	}
	return t
}

// LeaderTable is the leaders ls with their assignments as (包联): a row
// for each assignment, and one for a leader with none.
func LeaderTable(ls []app.Leader, as []app.Assignment, codes map[string]string) *Table {
	t := &Table{Sheet: ExportLeaders.Label(), cols: []column{{"领导姓名", colText}, {"职务", colText}, {"级别", colText},
		{"所在班子", colText}, {"联系电话", colText}, {"分包企业", colText}, {"统一社会信用代码", colText}, {"联络员", colText},
		{"联络员电话", colText}, {"牵头部门", colText}, {"配合部门", colText}, {"分包开始日期", colDate}, {"分包结束日期", colDate}}}
	byLeader := map[string][]app.Assignment{}
	for _, a := range as {
		byLeader[a.LeaderID] = append(byLeader[a.LeaderID], a)
	}
	for _, l := range ls {
		lead := []any{l.Name, l.Post, string(l.Level), l.Body, l.Phone}
		if len(byLeader[l.ID]) == 0 {
			t.rows = append(t.rows, append(lead, "", "", "", "", "", "", app.Date{}, app.Date{}))
		}
		for _, a := range byLeader[l.ID] {
			t.rows = append(t.rows, append(append([]any{}, lead...), a.EnterpriseName, codes[a.EnterpriseID], a.Liaison,
				a.LiaisonPhone, a.LeadDept, a.SupportDepts, a.From, a.To))
		}
	}
	return t
}

// EnterpriseTable is the enterprise list es.
func EnterpriseTable(es []app.Enterprise) *Table {
	t := &Table{Sheet: ExportEnterprises.Label(), cols: []column{{"企业名称", colText}, {"统一社会信用代码", colText},
		{"所属行业", colText}, {"企业类别", colText}, {"法定代表人", colText}, {"联系人", colText}, {"联系电话", colText}, {"地址", colText}}}
	for _, e := range es {
		t.rows = append(t.rows, []any{e.Name, e.CreditCode, e.Industry, strings.Join(e.Categories, "、"), e.LegalRep, e.Contact, e.Phone, e.Address})
	}
	return t
}

// ProblemTable is the ledger ps (as filtered on screen), with each
// enterprise's credit code from codes (enterprise ID → code), so that the
// table imports back; 是否逾期 is on today, on the calendar cal.
func ProblemTable(ps []app.Problem, codes map[string]string, today app.Date, cal app.Calendar) *Table {
	t := &Table{Sheet: ExportProblems.Label(), cols: []column{{"问题编号", colText}, {"企业名称", colText}, {"统一社会信用代码", colText},
		{"问题来源", colText}, {"问题类别", colText}, {"问题描述", colText}, {"企业诉求", colText}, {"登记日期", colDate},
		{"办理状态", colText}, {"处理方式", colText}, {"牵头责任单位", colText}, {"配合单位", colText}, {"责任人", colText},
		{"办理时限", colDate}, {"是否逾期", colText}, {"办结日期", colDate}, {"办理结果", colText}, {"不能办理的解释", colText},
		{"回访情况", colText}, {"满意度", colText}}}
	for _, p := range ps {
		overdue := ""
		if p.Overdue(today, cal) {
			overdue = "逾期"
		}
		t.rows = append(t.rows, []any{p.Number, p.EnterpriseName, codes[p.EnterpriseID], p.Source, p.Category, p.Description, p.Request,
			p.Registered, string(p.Status), p.Handling, p.LeadDept, p.SupportDepts, p.Person, p.Deadline, overdue, p.ClosedOn,
			p.Result, p.Explanation, p.FollowUp, p.Satisfaction})
	}
	return t
}

// MeetingTable is the meetings ms, as PreviewMeetings reads them back;
// names maps enterprise IDs to names for on-site meetings.
func MeetingTable(ms []app.Meeting, names map[string]string) *Table {
	t := &Table{Sheet: ExportMeetings.Label(), cols: []column{{"会议", colText}, {"会议类型", colText}, {"形式", colText}, {"日期", colDate},
		{"地点", colText}, {"企业", colText}, {"主持人", colText}, {"出席", colText}, {"列席", colText}, {"请假", colText},
		{"议程", colText}, {"纪要", colText}, {"议定事项", colText}}}
	for _, m := range ms {
		groups := map[string][]app.Attendee{}
		for _, a := range m.Attendees {
			groups[a.Group] = append(groups[a.Group], a)
		}
		t.rows = append(t.rows, []any{m.Title(), string(m.Kind), m.Format, m.Date, m.Place, names[m.EnterpriseID], m.Chair,
			attendeeCell(groups[app.Present]), attendeeCell(groups[app.Sitting]), attendeeCell(groups[app.Absent]),
			m.Agenda, m.Minutes, decisionCell(m.Decisions)})
	}
	return t
}

// FinancingTable is the financing needs ns.
func FinancingTable(ns []app.FinancingNeed, codes map[string]string) *Table {
	t := &Table{Sheet: ExportFinancing.Label(), cols: []column{{"登记日期", colDate}, {"企业名称", colText}, {"统一社会信用代码", colText},
		{"融资金额（万元）", colWan}, {"资金用途", colText}, {"期限（月）", colInt}, {"抵押担保", colText}, {"推荐银行", colText},
		{"对接结果", colText}, {"授信额度（万元）", colWan}, {"放款金额（万元）", colWan}, {"放款日期", colDate}, {"未获批准原因", colText}}}
	for _, n := range ns {
		t.rows = append(t.rows, []any{n.Date, n.EnterpriseName, codes[n.EnterpriseID], n.Amount, n.Use, n.TermMonths, n.Collateral,
			n.Bank, n.Status, n.Credit, n.Lent, n.LentOn, n.Reason})
	}
	return t
}

// LoanTable is the bridge loans ls on day today.
func LoanTable(ls []app.BridgeLoan, codes map[string]string, today app.Date) *Table {
	t := &Table{Sheet: ExportLoans.Label(), cols: []column{{"企业名称", colText}, {"统一社会信用代码", colText}, {"贷款银行", colText},
		{"到期贷款金额（万元）", colWan}, {"原贷款到期日", colDate}, {"银行续贷承诺", colText}, {"申请金额（万元）", colWan},
		{"申请日期", colDate}, {"批准金额（万元）", colWan}, {"批准日期", colDate}, {"放款日期", colDate}, {"应还日期", colDate},
		{"归还日期", colDate}, {"使用天数", colInt}, {"费用（万元）", colWan}, {"状态", colText}, {"备注", colText}}}
	for _, l := range ls {
		t.rows = append(t.rows, []any{l.EnterpriseName, codes[l.EnterpriseID], l.Bank, l.Original, l.OriginalDue, l.Commitment,
			l.Applied, l.AppliedOn, l.Approved, l.ApprovedOn, l.PaidOn, l.DueBack, l.RepaidOn, l.DaysUsed(today), l.Fee,
			string(l.Shown(today)), l.Note})
	}
	return t
}

// NoticeTable is the progress notice n, its rows in rank order; a county
// not ranked (app.Notice.Ranking) has no place.
func NoticeTable(n app.Notice) *Table {
	t := &Table{Sheet: ExportNotice.Label(), cols: []column{{"排名", colInt}, {"县区", colText}, {"联系领导", colInt}, {"联系企业", colInt},
		{"走访次数", colInt}, {"新增问题", colInt}, {"办结问题", colInt}, {"未办结", colInt}, {"其中逾期", colInt}, {"累计办结率", colPercent},
		{"回访", colInt}, {"满意", colInt}, {"恳谈会（开/应开）", colText}, {"现场办公会（开/应开）", colText}, {"银企对接会（开/应开）", colText},
		{"融资需求", colInt}, {"银行放款（万元）", colWan}, {"转贷放款", colInt}, {"转贷归还", colInt}, {"最近报送", colDate}, {"说明", colText}}}
	for _, r := range n.Ranked() {
		var held [3]string
		for i := range held {
			held[i] = fmt.Sprintf("%d/%d", r.MeetingsHeld[i], r.MeetingsRequired[i])
		}
		var last app.Date
		if !r.LastImport.IsZero() {
			last = app.DateOf(r.LastImport.Local())
		}
		note := ""
		if r.Stale {
			note = "截至统计日未报送本期数据，未参加排名，数字可能滞后"
		}
		var rank any = r.Rank
		if r.Rank == 0 {
			rank = "" // not ranked: no place
		}
		t.rows = append(t.rows, []any{rank, app.OfficeName(r.Office), r.Leaders, r.Enterprises, r.Visits, r.Raised, r.Settled, r.Open,
			r.Overdue, r.SettleRate, r.FollowedUp, r.Satisfied, held[0], held[1], held[2], r.FinancingNeeds, r.Lent,
			r.LoansPaid, r.LoansRepaid, last, note})
	}
	t.Sheet = "通报" + n.Period.String()
	return t
}

// Options select what Export reads.
type Options struct {
	Office   string            // the office whose records, "" for every office in the database
	Problems app.ProblemFilter // the ledger's filter, as on screen
	Period   app.NoticePeriod  // the notice's period
}

// Export reads the table of kind k through svc.
func Export(ctx context.Context, svc *app.Service, k ExportKind, o Options) (*Table, error) {
	st := svc.Store
	today := svc.Today()
	codes := map[string]string{}
	names := map[string]string{}
	es, err := st.Enterprises(ctx, app.EnterpriseFilter{Office: o.Office})
	if k != ExportEnterprises && k != ExportNotice {
		es, err = st.Enterprises(ctx, app.EnterpriseFilter{}) // any office's, for the codes
	}
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		codes[e.ID], names[e.ID] = e.CreditCode, e.Name
	}
	switch k {
	case ExportEnterprises:
		return EnterpriseTable(es), nil
	case ExportProblems:
		f := o.Problems
		if f.Office == "" {
			f.Office = o.Office
		}
		if f.Today.IsZero() {
			f.Today = today
		}
		set, err := st.Settings(ctx)
		if err != nil {
			return nil, err
		}
		f.Limit, f.Offset, f.Calendar = 0, 0, set.Calendar
		ps, err := st.Problems(ctx, f)
		if err != nil {
			return nil, err
		}
		return ProblemTable(ps, codes, today, set.Calendar), nil
	case ExportMeetings:
		ms, err := st.Meetings(ctx, app.MeetingFilter{Office: o.Office, HeldOnly: true}) // held: the records of meetings, not plans
		if err != nil {
			return nil, err
		}
		return MeetingTable(ms, names), nil
	case ExportFinancing:
		ns, err := st.FinancingNeeds(ctx, app.FinancingFilter{Office: o.Office})
		if err != nil {
			return nil, err
		}
		return FinancingTable(ns, codes), nil
	case ExportLoans:
		ls, err := st.BridgeLoans(ctx, app.LoanFilter{Office: o.Office})
		if err != nil {
			return nil, err
		}
		ds, err := st.LoanDecisions(ctx, app.LoanDecisionFilter{LoanOffice: o.Office})
		if err != nil {
			return nil, err
		}
		return LoanTable(app.WithDecisions(ls, ds), codes, today), nil
	case ExportNotice:
		me, err := st.Office(ctx)
		if err != nil {
			return nil, err
		}
		if me.Role != app.RoleCity {
			return nil, fmt.Errorf("进展情况通报由市工信局根据各县区报送的数据生成，县区不能导出；本单位的工作情况请导出 figures")
		}
		n, err := svc.Notice(ctx, o.Period)
		if err != nil {
			return nil, err
		}
		return NoticeTable(n), nil
	case ExportFigures:
		n, err := svc.OwnFigures(ctx, o.Period)
		if err != nil {
			return nil, err
		}
		t := NoticeTable(n)
		t.Sheet = ExportFigures.Label() + n.Period.String()
		return t, nil
	case ExportVisits:
		vs, err := st.Visits(ctx, app.VisitFilter{Office: o.Office})
		if err != nil {
			return nil, err
		}
		set, err := st.Settings(ctx)
		if err != nil {
			return nil, err
		}
		return VisitTable(vs, codes, set), nil
	case ExportLeaders:
		ls, err := st.Leaders(ctx, app.LeaderFilter{Office: o.Office})
		if err != nil {
			return nil, err
		}
		as, err := st.Assignments(ctx, app.AssignmentFilter{Office: o.Office})
		if err != nil {
			return nil, err
		}
		return LeaderTable(ls, as, codes), nil
	}
	return nil, fmt.Errorf("没有“%s”这种表格：可导出 enterprises、problems、meetings、financing、loans、notice、visits、leaders 或 figures", k)
}
