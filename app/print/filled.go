package print

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"wugeyi/app"
)

// Forms filled from the records: the 问题交办单 handed to the department
// that takes a problem, with a 回执 to tear off and send back; the 督办单
// of a problem the city bureau commented on; the 签到表 of a meeting with
// its invitees; the 走访记录表 of a visit; the 转贷审批表 of a bridge loan.
// Each carries its record's number as a QR code at the top right (see
// qrAt), and what the record does not say is left to write in by hand.

// qrSide is the side of a filled form's QR code, mm: 25 to 29 modules of
// 0.6 to 0.7 mm, well above what a handheld scanner needs.
const qrSide = 18

// printedHeight is the height of a row of printed text a form's reader
// does not write in; fieldHeight stays for the fields left to write in.
const printedHeight = 9

// newFilled starts the filled form of kind, name being the PDF's title:
// its QR code of code at the top right (beside the title, clear of the
// text by more than the quiet zone), the title, then left and right on
// one line.
func newFilled(fs *Fonts, kind FormKind, name, left, right, code string, at time.Time) (*Doc, error) {
	d, err := New(fs, Form, name, at)
	if err != nil {
		return nil, err
	}
	d.qrAt(code, d.layout.Left+d.Width()-qrSide, d.y, qrSide)
	d.Title(kind.Label())
	d.sides(left, right, Song, formSize)
	d.Space(1)
	return d, nil
}

// newRecordForm starts the filled form of kind of the record with meta m:
// headed by its office, its ID as the QR code and the number beside it.
// name follows the office's name in the PDF's title.
func newRecordForm(fs *Fonts, kind FormKind, m app.Meta, name string, at time.Time) (*Doc, error) {
	office := app.OfficeName(m.Office)
	return newFilled(fs, kind, office+name, "填报单位："+office, "记录号："+m.ID, m.ID, at)
}

// flow draws a table row by row as a form adds them, so that a long
// text can fill what is left of a page and go on on the next (see long).
type flow struct {
	d    *Doc
	t    Table
	rows []Row
}

// add queues rows to draw.
func (f *flow) add(rows ...Row) { f.rows = append(f.rows, rows...) }

// flush draws the rows queued.
func (f *flow) flush() {
	if len(f.rows) > 0 {
		f.d.Table(f.t, f.rows)
		f.rows = nil
	}
}

// long draws a printed text beside its label lbl, the text spanning the
// other columns, in a row at least minH mm high. A text longer than the
// page has room for fills it and goes on in a row of its own on the next
// page, its label marked 续, so that a long description never runs off
// the paper.
func (f *flow) long(lbl, text string, minH float64) {
	f.flush()
	d, t := f.d, f.t
	var w float64
	for _, c := range t.Widths[1:] {
		w += c
	}
	lines := d.cellLines(t, Cell{Text: text}, w)
	lh := cellLineHeight(t.Size)
	for first := true; len(lines) > 0; first = false {
		n := int((d.bottom() - d.y - 2*cellPad + 0.005) / lh)
		if n < len(lines) && n < 4 && d.y > d.layout.Top {
			d.newPage() // too little room left to be worth starting the text here
			continue
		}
		n = max(min(n, len(lines)), 1)
		var b []string
		for _, l := range lines[:n] {
			b = append(b, l.Text())
		}
		l, h := lbl, minH
		if !first {
			l += "\n（续）"
		}
		if n < len(lines) {
			h = 0 // the text goes on: its row is as high as its lines
		}
		d.Table(t, []Row{{Height: h, Cells: []Cell{label(l), printed(strings.Join(b, "\n"), len(t.Widths)-1)}}})
		lines = lines[n:]
	}
}

// handHeight is the height of a row holding value: that of printed text,
// or room to write it in by hand when the record has none.
func handHeight(value string) float64 {
	if strings.TrimSpace(value) == "" {
		return fieldHeight
	}
	return printedHeight
}

// ticks are options with the chosen ones marked ■ and the others □, as a
// clerk ticks a printed form: "■实地　□电话　□会议".
func ticks(options []string, chosen func(i int) bool) string {
	var b strings.Builder
	for i, o := range options {
		if i > 0 {
			b.WriteString("　")
		}
		if chosen(i) {
			b.WriteString("■")
		} else {
			b.WriteString("□")
		}
		b.WriteString(o)
	}
	return b.String()
}

// tickLines are ticks, perLine options to a line, so that no box is
// parted from its option by a line break.
func tickLines(perLine int, options []string, chosen func(i int) bool) string {
	var lines []string
	for i := 0; i < len(options); i += perLine {
		end := min(i+perLine, len(options))
		lines = append(lines, ticks(options[i:end], func(j int) bool { return chosen(i + j) }))
	}
	return strings.Join(lines, "\n")
}

// orBlank is d as a form writes a date, or the blank to write it in.
func orBlank(d app.Date) string {
	if d.IsZero() {
		return dateBlank
	}
	return d.Chinese()
}

// cutLine draws the dashed line a receipt is cut off along, with a word
// in its middle saying so.
func (d *Doc) cutLine() {
	const h = 9
	mid := d.y + h/2
	d.setFont(Song, Size5)
	word := "（沿此虚线剪下，回执由承办单位填写后交回）"
	ww := d.measure(word) + 4
	left, right := d.layout.Left, d.layout.Left+d.Width()
	cx := left + d.Width()/2
	d.pdf.SetDashPattern([]float64{1.5, 1}, 0)
	d.pdf.Line(left, mid, cx-ww/2, mid)
	d.pdf.Line(cx+ww/2, mid, right, mid)
	d.pdf.SetDashPattern(nil, 0)
	d.text(cx-ww/2+2, mid+Size5*mmPerPt*0.35, word)
	d.y += h
}

// receiptQR is the side of a receipt's QR code, mm.
const receiptQR = 14

// receipt sets the tear-off receipt (回执) at the foot of a slip: the cut
// line, its title with the QR code of code at the right (so that the
// receipt, once back, finds its problem with a scan), then rows. It
// starts a new page unless all of it fits on this one.
func (d *Doc) receipt(title, code string, t Table, rows []Row) {
	h := 9 + receiptQR + 3.0
	for _, r := range rows {
		h += d.rowHeight(t, r)
	}
	d.need(h)
	d.cutLine()
	top := d.y
	d.qrAt(code, d.layout.Left+d.Width()-receiptQR, top, receiptQR)
	d.setFont(Hei, Size4)
	d.y = top + (receiptQR-d.lineHeight())/2
	d.centred(title)
	d.y = top + receiptQR + 3 // the quiet zone
	d.Table(t, rows)
}

// ProblemSlip is what a problem's 交办单 or 督办单 prints.
type ProblemSlip struct {
	Problem    app.Problem       // with its EnterpriseName
	Registrar  string            // who registered it; "" leaves the field to write in
	AssignedOn app.Date          // the day it was assigned (交办); zero before
	Progress   app.Event         // the latest 进展 reported, if any (the 督办单 prints it)
	Comments   []app.Comment     // the city's 督办意见, oldest first
	Rules      app.DeadlineRules // the office's, stated beside the deadline
}

// deadline is the slip's 办理时限: the date the record says, or a blank
// to write it in, and the office's rule.
func (s ProblemSlip) deadline() string {
	return orBlank(s.Problem.Deadline) + "前办结" + deadlineRule(s.Rules)
}

// ProblemForm lays out the filled 问题交办单 of a problem, headed by the
// office whose problem it is, with a receipt (办理结果, 经办人, 日期) to cut
// off and send back at its foot.
func ProblemForm(fs *Fonts, s ProblemSlip, at time.Time) (*Doc, error) {
	p := s.Problem
	d, err := newFilled(fs, FormProblem, p.Number+FormProblem.Label(), "交办单位："+app.OfficeName(p.Office), "编号："+p.Number, p.Number, at)
	if err != nil {
		return nil, err
	}
	f := flow{d: d, t: grid(d)}
	f.add(
		Row{Height: printedHeight, Cells: []Cell{label("企业名称"), printed(p.EnterpriseName, 3)}},
		Row{Height: printedHeight, Cells: []Cell{label("问题来源"), printed(p.Source, 1), label("问题类别"), printed(p.Category, 1)}},
		Row{Height: handHeight(s.Registrar), Cells: []Cell{label("登记日期"), printed(p.Registered.Chinese(), 1), label("登记人"), printed(s.Registrar, 1)}},
	)
	f.long("问题描述", p.Description, 24)
	f.long("企业诉求", p.Request, 14)
	f.add(
		Row{Height: handHeight(p.LeadDept + p.Person), Cells: []Cell{label("牵头单位"), printed(p.LeadDept, 1), label("责任人"), printed(p.Person, 1)}},
		Row{Height: handHeight(p.LeadDept), Cells: []Cell{label("配合单位"), printed(p.SupportDepts, 3)}},
		Row{Height: fieldHeight, Cells: []Cell{label("办理时限"), centred(s.deadline(), 3)}},
		Row{Height: fieldHeight, Cells: []Cell{label("交办领导（签字）"), blank(1), label("交办日期"), centred(orBlank(s.AssignedOn), 1)}},
		Row{Height: fieldHeight, Cells: []Cell{label("承办单位签收\n（签字）"), blank(1), label("签收日期"), centred(dateBlank, 1)}},
	)
	f.flush()
	d.problemReceipt(p, "问题办理回执", "办理结果")
	return d, nil
}

// problemReceipt is the receipt of a problem's slip: which problem, then
// a box for what was done, with the stamp, and the signature and date.
// Its columns give the enterprise's name a line of its own.
func (d *Doc) problemReceipt(p app.Problem, title, result string) {
	t := Table{Widths: columns(d.Width(), 0.2, 0.25, 0.15, 0.4), Size: formSize}
	box := t.Widths[1] + t.Widths[2] + t.Widths[3]
	d.receipt(title, p.Number, t, []Row{
		{Height: printedHeight, Cells: []Cell{label("问题编号"), printed(p.Number, 1), label("企业"), printed(p.EnterpriseName, 1)}},
		{Height: printedHeight, Cells: []Cell{label("问题摘要"), printed(shortLine(p.Description, 28), 3)}},
		{Height: 27, Cells: []Cell{label(result), printed("\n\n\n"+d.signLines(box, "承办单位（盖章）"), 3)}},
		{Height: fieldHeight, Cells: []Cell{label("经办人（签字）"), blank(1), label("日期"), centred(dateBlank, 1)}},
	})
}

// shortLine is s on one line, cut to n characters with "……".
func shortLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "……"
}

// SupervisionForm lays out the 问题督办单 of a problem the city bureau
// commented on: the problem and where it stands on the day printed, the
// city's 督办意见, what is asked of the office, and a receipt for the
// progress and result. It is refused for a problem without a comment.
func SupervisionForm(fs *Fonts, s ProblemSlip, at time.Time) (*Doc, error) {
	p := s.Problem
	if len(s.Comments) == 0 {
		return nil, app.Refusal("问题 " + p.Number + " 没有市工信局的督办意见，不能打印督办单：请打印交办单")
	}
	last := s.Comments[len(s.Comments)-1]
	by := orName(last.Author, app.OfficeName(last.Office))
	d, err := newFilled(fs, FormSupervise, p.Number+FormSupervise.Label(), "督办单位："+by, "编号："+p.Number, p.Number, at)
	if err != nil {
		return nil, err
	}
	status := string(p.Status)
	if today := app.DateOf(at); p.Overdue(today, s.Rules.Calendar) {
		status += fmt.Sprintf("（已逾期%d天）", p.Deadline.DaysUntil(today))
	}
	var opinions []string
	for _, c := range s.Comments {
		opinions = append(opinions, fmt.Sprintf("%s　%s：%s", c.Date.Chinese(), orName(c.Author, app.OfficeName(c.Office)), c.Text))
	}
	progress := "暂未报送进展"
	if !s.Progress.Date.IsZero() {
		progress = s.Progress.Date.Chinese() + "：" + s.Progress.Text
	}
	f := flow{d: d, t: grid(d)}
	f.add(
		Row{Height: printedHeight, Cells: []Cell{label("承办单位"), printed(app.OfficeName(p.Office), 1), label("问题类别"), printed(p.Category, 1)}},
		Row{Height: printedHeight, Cells: []Cell{label("企业名称"), printed(p.EnterpriseName, 3)}},
		Row{Height: printedHeight, Cells: []Cell{label("登记日期"), printed(p.Registered.Chinese(), 1), label("当前状态"), printed(status, 1)}},
	)
	f.long("问题描述", p.Description, 14)
	f.long("企业诉求", p.Request, printedHeight)
	f.add(
		Row{Height: printedHeight, Cells: []Cell{label("牵头单位"), printed(p.LeadDept, 1), label("责任人"), printed(p.Person, 1)}},
		Row{Height: printedHeight, Cells: []Cell{label("办理时限"), printed(orBlank(p.Deadline), 1), label("交办日期"), printed(orBlank(s.AssignedOn), 1)}},
	)
	f.long("办理进展", progress, printedHeight)
	f.long("督办意见", strings.Join(opinions, "\n"), 16)
	f.add(Row{Cells: []Cell{label("督办要求"),
		printed("请承办单位按督办意见抓紧办理，在办理时限内办结；办结后填写下方回执，连同办理材料报送督办单位。", 3)}})
	f.flush()
	d.problemReceipt(p, "督办事项办理回执", "办理进展\n及结果")
	return d, nil
}

// orName is name, or else the fallback.
func orName(name, fallback string) string {
	if strings.TrimSpace(name) == "" {
		return fallback
	}
	return name
}

// SignInSheet lays out the 签到表 of meeting m: the meeting (enterprise
// names the enterprise of an on-site meeting, "" for none), then a line
// to sign for each invitee, those present first, then those sitting in,
// then those on leave (marked so), then empty lines for the unexpected,
// at least three and up to twenty lines in all. A meeting still planned
// has no attendance yet: its invitees are the lines to sign, in the order
// invited, and it is named by its planned date.
func SignInSheet(fs *Fonts, m app.Meeting, enterprise string, at time.Time) (*Doc, error) {
	title := m.Title()
	if !m.Held() && !m.Date.IsZero() {
		title = m.Date.Chinese() + string(m.Kind)
	}
	d, err := newRecordForm(fs, FormSignIn, m.Meta, title+FormSignIn.Label(), at)
	if err != nil {
		return nil, err
	}
	const headHeight = 10
	t := Table{Widths: columns(d.Width(), 0.15, 0.35, 0.15, 0.35), Size: formSize}
	kind := string(m.Kind)
	if m.Format != "" {
		kind += "（" + m.Format + "）"
	}
	head := []Row{
		{Height: headHeight, Cells: []Cell{label("会议名称"), printed(title, 3)}},
		{Height: headHeight, Cells: []Cell{label("会议类型"), printed(kind, 1), label("时　　间"), printed(m.Date.Chinese(), 1)}},
		{Height: headHeight, Cells: []Cell{label("地　　点"), printed(m.Place, 1), label("主 持 人"), printed(m.Chair, 1)}},
	}
	if enterprise != "" {
		head = append(head, Row{Height: headHeight, Cells: []Cell{label("所在企业"), printed(enterprise, 3)}})
	}
	d.Table(t, head)
	d.Space(3)
	list := Table{
		Widths: columns(d.Width(), 0.07, 0.4, 0.08, 0.08, 0.24, 0.13),
		Size:   Size5,
		Head: []Row{{Height: headHeight, Cells: []Cell{
			label("序号"), label("单位或姓名"), label("类别"), label("参会"), label("签　　名"), label("联系电话"),
		}}},
	}
	var rows []Row
	groups, people := app.AttendanceGroups, m.Attendees
	if !m.Held() {
		groups, people = []string{""}, m.Invitees
	}
	for _, g := range groups {
		for _, a := range people {
			if !m.Held() {
				a.Group = "邀请"
			} else if a.Group != g {
				continue
			}
			sign := blank(1)
			if g == app.Absent {
				sign = centred("（请假）", 1)
			}
			rows = append(rows, Row{Height: signHeight, Cells: []Cell{
				centred(fmt.Sprint(len(rows)+1), 1), printed(a.Name, 1), centred(a.Kind, 1), centred(a.Group, 1), sign, blank(1),
			}})
		}
	}
	for n := max(20, len(rows)+3); len(rows) < n; {
		rows = append(rows, Row{Height: signHeight, Cells: []Cell{
			centred(fmt.Sprint(len(rows)+1), 1), blank(1), blank(1), blank(1), blank(1), blank(1),
		}})
	}
	d.Table(list, rows)
	return d, nil
}

// VisitRecord is what a visit's 走访记录表 prints: the visit, its
// enterprise and leader (as far as the records still have them) and the
// problems the enterprise raised.
type VisitRecord struct {
	Visit      app.Visit
	Enterprise app.Enterprise // zero if deleted since: the visit's name is printed
	Leader     app.Leader     // zero if deleted since: the visit's name is printed
	Problems   []app.Problem  // registered from the visit, in ledger order
}

// VisitForm lays out the filled 走访记录表 of a visit: who went, when and
// how, what was found, each problem the enterprise raised and what was
// answered (solved on the spot, assigned to whom by when, or explained),
// and the lines for the leader and the enterprise to sign.
func VisitForm(fs *Fonts, r VisitRecord, at time.Time) (*Doc, error) {
	v := r.Visit
	d, err := newRecordForm(fs, FormVisit, v.Meta, FormVisit.Label(), at)
	if err != nil {
		return nil, err
	}
	leader := orName(r.Leader.Post+r.Leader.Name, v.LeaderName)
	f := flow{d: d, t: grid(d)}
	f.add(
		Row{Height: printedHeight, Cells: []Cell{label("企业名称"), printed(orName(r.Enterprise.Name, v.EnterpriseName), 3)}},
		Row{Height: handHeight(r.Enterprise.CreditCode), Cells: []Cell{label("统一社会信用代码"), printed(r.Enterprise.CreditCode, 3)}},
		Row{Height: printedHeight, Cells: []Cell{label("走访日期"), printed(v.Date.Chinese(), 1), label("联系领导"), printed(leader, 1)}},
		Row{Height: printedHeight, Cells: []Cell{label("走访方式"), printed(ticks(app.VisitModes, func(i int) bool { return app.VisitModes[i] == v.Mode }), 3)}},
		Row{Height: handHeight(v.Companions), Cells: []Cell{label("陪同人员"), printed(v.Companions, 3)}},
		Row{Height: fieldHeight, Cells: []Cell{label("企业参加人员\n（姓名、职务）"), blank(3)}},
	)
	f.long("走访情况", v.Findings, 30)
	var raised, answers []string
	for i, p := range r.Problems {
		raised = append(raised, fmt.Sprintf("%d．（%s）%s%s", i+1, p.Category, p.Description, request(p.Request)))
		answers = append(answers, fmt.Sprintf("%d．%s　%s", i+1, p.Number, answer(p)))
	}
	if len(raised) == 0 {
		f.add(
			Row{Height: 16, Cells: []Cell{label("企业反映的\n困难和诉求"), printed("本次走访企业未反映困难和问题。", 3)}},
			Row{Height: 16, Cells: []Cell{label("现场答复及\n处理意见"), blank(3)}})
	} else {
		f.long("企业反映的\n困难和诉求", strings.Join(raised, "\n"), 24)
		f.long("现场答复及\n处理意见", strings.Join(answers, "\n"), 24)
	}
	f.flush()
	d.Space(6)
	d.sides("走访领导（签字）：", "企业负责人（签字）：　　　　　　　　", Song, Size4)
	d.Space(2)
	d.Right("日期："+v.Date.Chinese(), Song, Size4)
	return d, nil
}

// request is what the enterprise asks, as the visit form adds it after
// the problem: "（诉求：……）", or nothing.
func request(r string) string {
	if strings.TrimSpace(r) == "" {
		return ""
	}
	return "（诉求：" + r + "）"
}

// answer is how a problem was answered, as the visit form says it.
func answer(p app.Problem) string {
	switch p.Handling {
	case app.HandleOnSpot:
		return "当场解决：" + p.Result
	case app.HandleExplain:
		return "依法依规不能办理，已做好解释：" + p.Explanation
	case app.HandleAssign:
		s := "交办" + p.LeadDept
		if p.Person != "" {
			s += "，责任人" + p.Person
		}
		if !p.Deadline.IsZero() {
			s += "，" + p.Deadline.Chinese() + "前办结"
		}
		return s
	}
	return "已登记，待交办"
}

// LoanRecord is what a bridge loan's 转贷审批表 prints: the loan, its
// enterprise (zero if deleted since) and the office's settings (the
// fund's size, the usual term).
type LoanRecord struct {
	Loan       app.BridgeLoan
	Enterprise app.Enterprise
	Settings   app.Settings
}

// LoanForm lays out the filled 应急转贷申请审批表 of a bridge loan: the
// enterprise and its maturing loan, the bridge applied for, the bank's
// renewal commitment, the four conditions as the review found them, the
// amount approved and the days used, with the lines to sign and stamp.
func LoanForm(fs *Fonts, r LoanRecord, at time.Time) (*Doc, error) {
	l := r.Loan
	d, err := newRecordForm(fs, FormLoan, l.Meta, FormLoan.Label(), at)
	if err != nil {
		return nil, err
	}
	t := grid(d)
	box := t.Widths[1] + t.Widths[2] + t.Widths[3]
	signed := func(who string, on app.Date) string {
		return d.signLines(box, who+"（签字）：　　　　　　（盖章）", orBlank(on))
	}
	days := "　　　　天（自　　月　　日至　　月　　日）"
	if !l.PaidOn.IsZero() && !l.DueBack.IsZero() {
		days = fmt.Sprintf("%d天（自%s至%s）", l.PaidOn.DaysUntil(l.DueBack), l.PaidOn.Chinese(), l.DueBack.Chinese())
	}
	reviewed := len(l.Conditions) == len(app.LoanConditions)
	conds := tickLines(2, app.LoanConditions, func(i int) bool { return reviewed && l.Conditions[i] })
	if reviewed && !l.AllConditions() {
		conds += "\n（未勾选的条件经审核不符合）"
	}
	bank := "是否同意续贷及续贷金额、期限：\n\n"
	if l.Commitment != "" {
		bank = "续贷承诺：" + l.Commitment + "\n\n"
	}
	approval := "同意转贷金额：　　　　　万元，使用期限：　　　　天。"
	if l.Approved > 0 {
		approval = fmt.Sprintf("同意转贷金额：%s万元", l.Approved.Wan())
		if !l.PaidOn.IsZero() && !l.DueBack.IsZero() {
			approval += fmt.Sprintf("，使用期限：%d天", l.PaidOn.DaysUntil(l.DueBack))
		}
		approval += "。"
	}
	d.Table(t, []Row{
		{Height: printedHeight, Cells: []Cell{label("企业名称"), printed(orName(r.Enterprise.Name, l.EnterpriseName), 3)}},
		{Height: printedHeight, Cells: []Cell{label("统一社会信用代码"), printed(r.Enterprise.CreditCode, 3)}},
		{Height: printedHeight, Cells: []Cell{label("法定代表人"), printed(r.Enterprise.LegalRep, 1), label("联系电话"), printed(r.Enterprise.Phone, 1)}},
		{Height: printedHeight, Cells: []Cell{label("原贷款银行"), printed(l.Bank, 1), label("原贷款（万元）"), printed(l.Original.Wan(), 1)}},
		{Height: printedHeight, Cells: []Cell{label("原贷款到期日"), printed(l.OriginalDue.Chinese(), 1), label("申请转贷（万元）"), printed(l.Applied.Wan(), 1)}},
		{Height: printedHeight, Cells: []Cell{label("申请日期"), printed(l.AppliedOn.Chinese(), 1), label("当前状态"), printed(string(l.Shown(app.DateOf(at))), 1)}},
		{Height: printedHeight, Cells: []Cell{label("使用天数"), printed(days, 3)}},
		{Cells: []Cell{label("续贷银行意见"), printed(bank+signed("经办人", app.Date{}), 3)}},
		{Cells: []Cell{label("企业承诺"), printed("本企业承诺：所提供材料真实有效，应急转贷资金专款专用，仅用于归还上述到期银行贷款，续贷资金到位后按期归还。\n\n"+
			d.signLines(box, "法定代表人（签字）：　　　　　　企业（盖章）", orBlank(l.AppliedOn)), 3)}},
		{Cells: []Cell{label("县（区）工信部门\n审核意见"), printed(conds+"\n\n"+signed("负责人", app.Date{}), 3)}},
		{Cells: []Cell{label("基金管理机构\n审批意见"), printed(approval+"\n\n"+signed("负责人", l.ApprovedOn), 3)}},
		{Height: printedHeight, Cells: []Cell{label("放款日期"), printed(l.PaidOn.Chinese(), 1), label("约定归还日期"), printed(l.DueBack.Chinese(), 1)}},
		{Height: printedHeight, Cells: []Cell{label("实际归还日期"), printed(l.RepaidOn.Chinese(), 1), label("使用费（万元）"), printed(wanOrEmpty(l.Fee, !l.RepaidOn.IsZero()), 1)}},
	})
	loanNote(d, r.Settings.FundSize)
	return d, nil
}

// wanOrEmpty is y in 万元, or "" when it is not known yet (known false).
func wanOrEmpty(y app.Yuan, known bool) string {
	if !known {
		return ""
	}
	return y.Wan()
}

// Records are the reads the filled forms make: an app.Reader's, and an
// app.Service's alike.
type Records interface {
	Settings(ctx context.Context) (app.Settings, error)
	Enterprise(ctx context.Context, id string) (app.Enterprise, error)
	Leader(ctx context.Context, id string) (app.Leader, error)
	Visit(ctx context.Context, id string) (app.Visit, error)
	Problem(ctx context.Context, id string) (app.Problem, error)
	Problems(ctx context.Context, f app.ProblemFilter) ([]app.Problem, error)
	Events(ctx context.Context, problemID string) ([]app.Event, error)
	Comments(ctx context.Context, f app.CommentFilter) ([]app.Comment, error)
	Meeting(ctx context.Context, id string) (app.Meeting, error)
	BridgeLoan(ctx context.Context, id string) (app.BridgeLoan, error)
	LoanDecisions(ctx context.Context, f app.LoanDecisionFilter) ([]app.LoanDecision, error)
}

// Filled lays out the form of kind filled from the record key names,
// read from r: a problem (FormProblem, FormSupervise) by its ledger
// number or ID, a meeting (FormSignIn), visit (FormVisit) or bridge loan
// (FormLoan) by its ID. A record not found, or a kind with no filled
// form, is refused with a message for the user.
func Filled(ctx context.Context, r Records, fs *Fonts, kind FormKind, key string, at time.Time) (*Doc, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return nil, app.Refusal("请指定要填入" + kind.Label() + "的记录")
	}
	switch kind {
	case FormProblem, FormSupervise:
		s, err := ProblemSlipOf(ctx, r, key)
		if err != nil {
			return nil, err
		}
		if kind == FormSupervise {
			return SupervisionForm(fs, s, at)
		}
		return ProblemForm(fs, s, at)
	case FormSignIn:
		m, err := r.Meeting(ctx, key)
		if err != nil {
			return nil, notFound(err, "会议", key)
		}
		var enterprise string
		if m.EnterpriseID != "" {
			e, err := r.Enterprise(ctx, m.EnterpriseID)
			if err != nil && !errors.Is(err, app.ErrNotFound) {
				return nil, err
			}
			enterprise = e.Name
		}
		return SignInSheet(fs, m, enterprise, at)
	case FormVisit:
		v, err := visitOf(ctx, r, key)
		if err != nil {
			return nil, err
		}
		return VisitForm(fs, v, at)
	case FormLoan:
		l, err := r.BridgeLoan(ctx, key)
		if err != nil {
			return nil, notFound(err, "转贷记录", key)
		}
		if l.CityFund { // the city fund's decision fills the approval
			ds, err := r.LoanDecisions(ctx, app.LoanDecisionFilter{LoanID: l.ID})
			if err != nil {
				return nil, err
			}
			if len(ds) > 0 {
				l = l.Decided(&ds[0])
			}
		}
		rec := LoanRecord{Loan: l}
		if rec.Enterprise, err = r.Enterprise(ctx, l.EnterpriseID); err != nil && !errors.Is(err, app.ErrNotFound) {
			return nil, err
		}
		if rec.Settings, err = r.Settings(ctx); err != nil {
			return nil, err
		}
		return LoanForm(fs, rec, at)
	}
	return nil, app.Refusal(kind.Label() + "没有按记录填写的版本，只能打印空白表")
}

// notFound says a record of what, named key, is not in the database
// when err says so; other errors pass as they are.
func notFound(err error, what, key string) error {
	if errors.Is(err, app.ErrNotFound) {
		return app.Refusal(fmt.Sprintf("找不到%s“%s”：请检查记录号，或在程序中打开该记录后打印", what, key))
	}
	return err
}

// ProblemSlipOf reads what the slips of a problem print: the problem with
// key as its ledger number (海港-2026-0001) or ID, who registered it and
// when it was assigned (from its timeline), its latest progress, the
// city's comments and the office's deadline rules.
func ProblemSlipOf(ctx context.Context, r Records, key string) (ProblemSlip, error) {
	p, err := problemOf(ctx, r, key)
	if err != nil {
		return ProblemSlip{}, err
	}
	s := ProblemSlip{Problem: p}
	evs, err := r.Events(ctx, p.ID)
	if err != nil {
		return s, err
	}
	for _, e := range evs {
		switch e.Kind {
		case app.EventRegistered:
			s.Registrar = e.UpdatedBy
		case app.ActAssign:
			s.AssignedOn = e.Date
		case app.ActProgress:
			s.Progress = e
		}
	}
	cs, err := r.Comments(ctx, app.CommentFilter{ProblemID: p.ID})
	if err != nil {
		return s, err
	}
	slices.Reverse(cs) // the store lists the newest first
	s.Comments = cs
	st, err := r.Settings(ctx)
	if err != nil {
		return s, err
	}
	s.Rules = st.Rules()
	return s, nil
}

// problemOf finds the problem whose ledger number or ID is key.
func problemOf(ctx context.Context, r Records, key string) (app.Problem, error) {
	ps, err := r.Problems(ctx, app.ProblemFilter{Query: key})
	if err != nil {
		return app.Problem{}, err
	}
	for _, p := range ps {
		if p.Number == key {
			return p, nil
		}
	}
	p, err := r.Problem(ctx, key)
	if err != nil {
		if errors.Is(err, app.ErrNotFound) {
			return p, app.Refusal("找不到编号为“" + key + "”的问题：请检查台账编号（如 海港-2026-0001）")
		}
		return p, err
	}
	return p, nil
}

// visitOf reads the visit with id, its enterprise and leader and the
// problems raised at it.
func visitOf(ctx context.Context, r Records, id string) (VisitRecord, error) {
	v, err := r.Visit(ctx, id)
	if err != nil {
		return VisitRecord{}, notFound(err, "走访记录", id)
	}
	rec := VisitRecord{Visit: v}
	if rec.Enterprise, err = r.Enterprise(ctx, v.EnterpriseID); err != nil && !errors.Is(err, app.ErrNotFound) {
		return rec, err
	}
	if rec.Leader, err = r.Leader(ctx, v.LeaderID); err != nil && !errors.Is(err, app.ErrNotFound) {
		return rec, err
	}
	if rec.Problems, err = r.Problems(ctx, app.ProblemFilter{SourceID: v.ID}); err != nil {
		return rec, err
	}
	slices.SortFunc(rec.Problems, func(a, b app.Problem) int { return strings.Compare(a.Number, b.Number) })
	return rec, nil
}
