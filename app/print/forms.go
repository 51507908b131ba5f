package print

import (
	"fmt"
	"strings"
	"time"

	"wugeyi/app"
)

// FormKind names a paper form, blank or filled from a record.
type FormKind string

// The forms on-site staff print: blank to fill in by hand, or (but for
// the financing need) filled from a record (see Filled). The 督办单 is
// only ever filled.
const (
	FormVisit     FormKind = "visit"     // 走访记录表 (with signature lines)
	FormProblem   FormKind = "problem"   // 问题交办单 (registration and assignment slip)
	FormSignIn    FormKind = "signin"    // 会议签到表
	FormFinancing FormKind = "financing" // 企业融资需求表
	FormLoan      FormKind = "loan"      // 应急转贷申请审批表
	FormSupervise FormKind = "supervise" // 问题督办单, of a problem the city commented on
	// FormEnterprise is an enterprise's 一企一档, only ever filled (ProfileForm).
	FormEnterprise FormKind = "enterprise"
)

// FormKinds lists the blank forms in menu order.
var FormKinds = []FormKind{FormVisit, FormProblem, FormSignIn, FormFinancing, FormLoan}

// Label is the form's Chinese title, e.g. "重点企业走访记录表".
func (k FormKind) Label() string {
	switch k {
	case FormVisit:
		return "重点企业走访记录表"
	case FormProblem:
		return "企业问题交办单"
	case FormSignIn:
		return "会议签到表"
	case FormFinancing:
		return "企业融资需求表"
	case FormLoan:
		return "应急转贷申请审批表"
	case FormSupervise:
		return "企业问题督办单"
	case FormEnterprise:
		return "重点企业服务档案"
	}
	return string(k)
}

// ParseFormKind reads a kind as the command line names it ("visit",
// "problem", "signin", "financing", "loan" or "supervise"); ok is false
// for an unknown one.
func ParseFormKind(s string) (FormKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range append(FormKinds, FormSupervise) {
		if strings.EqualFold(s, string(k)) {
			return k, true
		}
	}
	return "", false
}

// BlankForm lays out the blank form of kind for office (its name, e.g.
// 海港区, heads the form) printed at `at`, with the office's rules st
// where the form states them (the deadline of a problem, the fund's
// size). Every form fits on one A4 page.
func BlankForm(fs *Fonts, kind FormKind, office app.Office, st app.Settings, at time.Time) (*Doc, error) {
	var lay func(*Doc)
	switch kind {
	case FormVisit:
		lay = visitForm
	case FormProblem:
		lay = func(d *Doc) { problemForm(d, st.Rules()) }
	case FormSignIn:
		lay = signInForm
	case FormFinancing:
		lay = financingForm
	case FormLoan:
		lay = func(d *Doc) { loanForm(d, st.FundSize) }
	case FormSupervise:
		return nil, app.Refusal("督办单只能按问题打印：请在问题台账中打开有督办意见的问题，或用 -problem 指定问题编号")
	default:
		var names []string
		for _, k := range FormKinds {
			names = append(names, string(k))
		}
		return nil, fmt.Errorf("没有“%s”这种空白表格（可选：%s）", kind, strings.Join(names, "、"))
	}
	d, err := New(fs, Form, office.Name+kind.Label(), at)
	if err != nil {
		return nil, err
	}
	d.Title(kind.Label())
	d.sides("填报单位："+office.Name, "编号：____________", Song, formSize)
	d.Space(1)
	lay(d)
	return d, nil
}

// formSize is the size of the text of the forms' tables and lines, pt
// (小四): large enough to read, small enough to leave room to write.
const formSize = 12

// Heights of the rows of a form, mm.
const (
	fieldHeight = 11  // a one-line field written by hand
	signHeight  = 8.7 // a line of the sign-in sheet, in 五号
)

// dateBlank is a date to write in by hand.
const dateBlank = "　　　年　　月　　日"

// label is a cell naming a field: Hei, centred.
func label(text string) Cell { return Cell{Text: text, Align: Center, Face: Hei} }

// blank is an empty cell span columns wide, for handwriting.
func blank(span int) Cell { return Cell{Span: span} }

// printed is a cell of printed text span columns wide, flush left.
func printed(text string, span int) Cell { return Cell{Text: text, Span: span} }

// centred is a cell of printed text span columns wide, centred.
func centred(text string, span int) Cell { return Cell{Text: text, Span: span, Align: Center} }

// checkBoxes are options to tick by hand: "□满意　□基本满意　□不满意".
func checkBoxes(options ...string) string { return ticks(options, none) }

// checkLines are options to tick, perLine to a line, so that no box is
// parted from its option by a line break.
func checkLines(perLine int, options ...string) string { return tickLines(perLine, options, none) }

// none chooses no option: the boxes are left to tick by hand.
func none(int) bool { return false }

// columns splits the width w into columns of the given shares (adding up
// to 1); the last column takes what is left, so that they add up to w.
func columns(w float64, shares ...float64) []float64 {
	out := make([]float64, len(shares))
	rest := w
	for i, s := range shares[:len(shares)-1] {
		out[i] = w * s
		rest -= out[i]
	}
	out[len(out)-1] = rest
	return out
}

// grid is the four columns of most forms: label, field, label, field.
func grid(d *Doc) Table {
	return Table{Widths: columns(d.Width(), 0.225, 0.275, 0.225, 0.275), Size: formSize}
}

// signLines are the lines to sign and date at the foot of a box a cell w
// mm wide (in a table of formSize): each set flush right by leading
// spaces, so that printed text above them can stay flush left.
func (d *Doc) signLines(w float64, lines ...string) string {
	d.setFont(Song, formSize)
	room := w - 2*cellPad - d.measure("　") // a character's room at the right
	sp := d.measure("　")
	out := make([]string, len(lines))
	for i, l := range lines {
		n := max(int((room-d.measure(l))/sp), 0)
		out[i] = strings.Repeat("　", n) + l
	}
	return strings.Join(out, "\n")
}

// visitForm is the record of a visit to a key enterprise by its contact
// leader (走访记录表): who went and when, what was found, the difficulties
// the enterprise raised and what was answered on the spot, signed by the
// leader and the enterprise.
func visitForm(d *Doc) {
	t := grid(d)
	d.Table(t, []Row{
		{Height: fieldHeight, Cells: []Cell{label("企业名称"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("统一社会信用代码"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("走访日期"), centred(dateBlank, 1), label("联系领导"), blank(1)}},
		{Cells: []Cell{label("走访方式"), printed(checkBoxes("实地走访", "座谈", "电话"), 3)}},
		{Height: fieldHeight, Cells: []Cell{label("陪同人员及联络员"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("企业参加人员\n（姓名、职务）"), blank(3)}},
		{Height: 42, Cells: []Cell{label("企业生产经营情况"), blank(3)}},
		{Height: 48, Cells: []Cell{label("企业反映的\n困难和诉求"), printed("1．\n\n\n2．\n\n\n3．", 3)}},
		{Height: 42, Cells: []Cell{label("现场答复及\n处理意见"), printed(
			checkBoxes("当场解决")+"\n\n"+
				checkBoxes("交办（另填问题交办单）")+"\n\n"+
				checkBoxes("依法依规不能办理，已做好解释"), 3)}},
	})
	d.Space(6)
	d.sides("走访领导（签字）：", "企业负责人（签字）：　　　　　　　　", Song, Size4)
	d.Space(2)
	d.Right("日期："+dateBlank, Song, Size4)
}

// problemForm is the slip a problem is registered and assigned on
// (问题交办单): the enterprise, where the problem came from and its kind, the
// problem and what the enterprise asks, who leads and who helps, the
// deadline, the signatures of the leader who assigns it and of the unit
// that takes it, the result and the follow-up call.
func problemForm(d *Doc, rules app.DeadlineRules) {
	t := grid(d)
	box := t.Widths[1] + t.Widths[2] + t.Widths[3]
	d.Table(t, []Row{
		{Height: fieldHeight, Cells: []Cell{label("企业名称"), blank(3)}},
		{Cells: []Cell{label("问题来源"), printed(checkLines(4, app.Sources...), 3)}},
		{Cells: []Cell{label("问题类别"), printed(checkLines(5, app.Categories...), 3)}},
		{Height: fieldHeight, Cells: []Cell{label("登记日期"), centred(dateBlank, 1), label("登记人"), blank(1)}},
		{Height: 32, Cells: []Cell{label("问题描述"), blank(3)}},
		{Height: 24, Cells: []Cell{label("企业诉求"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("牵头单位"), blank(1), label("责任人"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("配合单位"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("办理时限"), centred(dateBlank+"前办结"+deadlineRule(rules), 3)}},
		{Height: fieldHeight, Cells: []Cell{label("交办领导（签字）"), blank(1), label("交办日期"), centred(dateBlank, 1)}},
		{Height: fieldHeight, Cells: []Cell{label("承办单位签收\n（签字）"), blank(1), label("签收日期"), centred(dateBlank, 1)}},
		{Height: 28, Cells: []Cell{label("办理结果"), blank(3)}},
		{Cells: []Cell{label("回访情况"), printed("\n\n"+d.signLines(box, "回访人：　　　　　　　回访日期："+dateBlank), 3)}},
		{Cells: []Cell{label("满意度"), printed(checkBoxes(app.Satisfactions...), 3)}},
	})
}

// signInForm is the sign-in sheet of a meeting (会议签到表): the meeting,
// then 20 numbered lines to sign.
func signInForm(d *Doc) {
	const headHeight = 10 // of the rows above the lines to sign
	t := Table{Widths: columns(d.Width(), 0.15, 0.35, 0.15, 0.35), Size: formSize}
	d.Table(t, []Row{
		{Height: headHeight, Cells: []Cell{label("会议名称"), blank(3)}},
		{Cells: []Cell{label("会议类型"), printed(checkBoxes("企业家恳谈会", "现场办公会", "银企对接会", "其他"), 3)}},
		{Height: headHeight, Cells: []Cell{label("时　　间"), centred("　　年　　月　　日　　时", 1), label("地　　点"), blank(1)}},
		{Height: headHeight, Cells: []Cell{label("主 持 人"), blank(1), label("记 录 人"), blank(1)}},
	})
	d.Space(3)
	list := Table{
		Widths: columns(d.Width(), 0.07, 0.14, 0.32, 0.16, 0.18, 0.13),
		Size:   Size5, // so that 20 lines fit under the head
		Head: []Row{{Height: headHeight, Cells: []Cell{
			label("序号"), label("姓名"), label("单位"), label("职务"), label("联系电话"), label("签到时间"),
		}}},
	}
	var rows []Row
	for i := range 20 {
		rows = append(rows, Row{Height: signHeight, Cells: []Cell{
			centred(fmt.Sprint(i+1), 1), blank(1), blank(1), blank(1), blank(1), blank(1),
		}})
	}
	d.Table(list, rows)
}

// financingForm is an enterprise's financing need (企业融资需求表), gathered
// for the bank–enterprise matchmaking meeting (银企对接会): the amount,
// term, use and security, the banks it would borrow from and its figures
// of the last two years, stamped by the enterprise, with the opinion of
// the office that takes it.
func financingForm(d *Doc) {
	t := grid(d)
	box := t.Widths[1] + t.Widths[2] + t.Widths[3]
	d.Table(t, []Row{
		{Height: fieldHeight, Cells: []Cell{label("企业名称"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("统一社会信用代码"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("所属行业"), blank(1), label("联系人"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("联系电话"), blank(1), label("融资金额（万元）"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("融资期限"), {Text: "个月", Align: Right}, label("意向银行"), blank(1)}},
		{Height: 28, Cells: []Cell{label("融资用途"), blank(3)}},
		{Cells: []Cell{label("担保方式"), printed(checkBoxes("抵押", "质押", "保证", "信用", "其他____________"), 3)}},
		{Height: 16, Cells: []Cell{label("抵（质）押物\n及担保情况"), blank(3)}},
		{Height: 10, Cells: []Cell{{Text: "企业近两年主要财务数据", Span: 4, Align: Center, Face: Hei}}},
	})
	money := Table{Widths: columns(d.Width(), 0.225, 0.3875, 0.3875), Size: formSize}
	d.Table(money, []Row{
		{Height: 10, Cells: []Cell{label("项　　目"), label("上　　年"), label("本　　年")}},
		{Height: 10, Cells: []Cell{label("营业收入（万元）"), blank(1), blank(1)}},
		{Height: 10, Cells: []Cell{label("利润总额（万元）"), blank(1), blank(1)}},
		{Height: 10, Cells: []Cell{label("资产总额（万元）"), blank(1), blank(1)}},
		{Height: 10, Cells: []Cell{label("负债总额（万元）"), blank(1), blank(1)}},
	})
	d.Table(t, []Row{
		{Cells: []Cell{label("企业申明"), printed("以上情况属实，同意将融资需求推荐给金融机构。\n\n"+
			d.signLines(box, "企业（盖章）　　　　　　"+dateBlank), 3)}},
		{Cells: []Cell{label("受理单位意见"), printed("\n\n\n\n"+
			d.signLines(box, "经办人（签字）：　　　　　　（盖章）　"+dateBlank), 3)}},
	})
}

// loanForm is the application for the city's emergency bridge-loan fund
// (应急转贷资金) and its approval (应急转贷申请审批表): the enterprise and
// its maturing loan, the bridge it asks for, the renewing bank's opinion,
// the enterprise's promise, the county's review against the notice's four
// conditions and the fund's approval, each signed and dated.
func loanForm(d *Doc, fund app.Yuan) {
	t := grid(d)
	box := t.Widths[1] + t.Widths[2] + t.Widths[3]
	signed := func(who string) string {
		return d.signLines(box, who+"（签字）：　　　　　　（盖章）", dateBlank)
	}
	d.Table(t, []Row{
		{Height: fieldHeight, Cells: []Cell{label("企业名称"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("统一社会信用代码"), blank(3)}},
		{Height: fieldHeight, Cells: []Cell{label("法定代表人"), blank(1), label("联系电话"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("原贷款银行"), blank(1), label("原贷款金额\n（万元）"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("原贷款到期日"), centred(dateBlank, 1), label("申请转贷金额\n（万元）"), blank(1)}},
		{Height: fieldHeight, Cells: []Cell{label("使用天数"), centred("　　　　天（自　　月　　日至　　月　　日）", 3)}},
		{Cells: []Cell{label("续贷银行意见"), printed("是否同意续贷及续贷金额、期限：\n\n"+signed("经办人"), 3)}},
		{Cells: []Cell{label("企业承诺"), printed("本企业承诺：所提供材料真实有效，应急转贷资金专款专用，仅用于归还上述到期银行贷款，续贷资金到位后按期归还。\n\n\n"+
			d.signLines(box, "法定代表人（签字）：　　　　　　企业（盖章）", dateBlank), 3)}},
		{Cells: []Cell{label("县（区）工信部门\n审核意见"), printed(checkLines(2, app.LoanConditions...)+"\n\n\n"+signed("负责人"), 3)}},
		{Cells: []Cell{label("基金管理机构\n审批意见"), printed("同意转贷金额：　　　　　万元，使用期限：　　　　天。\n\n\n"+signed("负责人"), 3)}},
	})
	loanNote(d, fund)
}

// loanNote is the note under the bridge-loan form: what the fund is, and
// its size as the settings say (none at a county without a fund of its
// own, which applies to the city's).
func loanNote(d *Doc, fund app.Yuan) {
	d.Space(2)
	size := "，规模" + yuanText(fund)
	if fund <= 0 {
		size = "（市级应急转贷基金）"
	}
	d.LabeledIn("注：", "应急转贷资金由市政府设立"+size+"，帮助企业按期续贷，化解资金链风险。", Song, Size5)
}

// yuanText is an amount as a form's note writes it: in 亿元 when it is a
// whole number of them (1亿元), otherwise in 万元.
func yuanText(y app.Yuan) string {
	const yi = 100_000_000
	if y > 0 && y%yi == 0 {
		return fmt.Sprintf("%d亿元", y/yi)
	}
	return y.String()
}

// deadlineRule is the office's rule for a problem's deadline as the
// 交办单 states it beside the date: "（一般问题15个工作日内办结）".
func deadlineRule(r app.DeadlineRules) string {
	if r.DefaultDays <= 0 {
		return ""
	}
	return fmt.Sprintf("（一般问题%d个工作日内办结）", r.DefaultDays)
}
