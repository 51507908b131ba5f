package xlsx

import (
	"fmt"
	"strings"
	"unicode"
)

// Kind is what a workbook brings in.
type Kind string

// The kinds of import.
const (
	KindEnterprises Kind = "enterprises" // 重点企业清单
	KindProblems    Kind = "problems"    // 问题台账
	KindDepartments Kind = "departments" // 责任单位目录
	KindLeaders     Kind = "leaders"     // 联系领导与分包企业
	KindVisits      Kind = "visits"      // 走访记录
	KindMeetings    Kind = "meetings"    // 会议台账
)

// Label names the kind as staff do.
func (k Kind) Label() string {
	switch k {
	case KindProblems:
		return "问题台账"
	case KindDepartments:
		return "责任单位目录"
	case KindLeaders:
		return "联系领导与分包"
	case KindVisits:
		return "走访记录"
	case KindMeetings:
		return "会议台账"
	}
	return "企业清单"
}

// Field is one thing an import reads from a column.
type Field struct {
	Key      string   // the field's name in code, e.g. "CreditCode"
	Label    string   // the column name the program writes, e.g. 统一社会信用代码
	Aliases  []string // other names offices give the column
	Required bool     // the import refuses a sheet without it
	Note     string   // what happens with it, where that is not obvious
}

// names are the field's label and aliases.
func (f Field) names() []string { return append([]string{f.Label}, f.Aliases...) }

// The fields of an enterprise list.
var EnterpriseFields = []Field{
	{Key: "Name", Label: "企业名称", Aliases: []string{"单位名称", "企业全称", "企业名", "名称", "公司名称"}, Required: true},
	{Key: "CreditCode", Label: "统一社会信用代码", Aliases: []string{"信用代码", "社会信用代码", "统一代码", "统一信用代码", "组织机构代码"}, Required: true},
	{Key: "Industry", Label: "所属行业", Aliases: []string{"行业", "行业类别", "行业分类"}},
	{Key: "Categories", Label: "企业类别", Aliases: []string{"类别", "企业类型", "企业分类"}},
	{Key: "LegalRep", Label: "法定代表人", Aliases: []string{"法人代表", "法人", "法定代表"}},
	{Key: "Contact", Label: "联系人", Aliases: []string{"企业联系人"}},
	{Key: "Phone", Label: "联系电话", Aliases: []string{"电话", "手机", "联系方式", "手机号码", "联系人电话"}},
	{Key: "Address", Label: "地址", Aliases: []string{"企业地址", "注册地址", "经营地址", "详细地址"}},
	{Key: "Leader", Label: "分包领导", Aliases: []string{"包联领导", "联系领导", "包抓领导"},
		Note: "不导入：分包关系请在“联系领导”中设置"},
}

// The fields of a problem ledger.
var ProblemFields = []Field{
	{Key: "Number", Label: "问题编号", Aliases: []string{"编号", "台账编号"}, Note: "与已有问题的编号相同时，视为已有"},
	{Key: "EnterpriseName", Label: "企业名称", Aliases: []string{"单位名称", "企业全称", "企业", "反映企业"}, Required: true,
		Note: "有信用代码时按信用代码找企业，否则按名称"},
	{Key: "CreditCode", Label: "统一社会信用代码", Aliases: []string{"信用代码", "社会信用代码", "统一代码"}},
	{Key: "Source", Label: "问题来源", Aliases: []string{"来源"}, Note: "空白记为“其他”"},
	{Key: "Category", Label: "问题类别", Aliases: []string{"类别", "问题类型", "问题分类"}, Note: "空白记为“其他”"},
	{Key: "Description", Label: "问题描述", Aliases: []string{"存在问题", "问题内容", "问题", "困难问题", "存在的问题", "问题及诉求"}, Required: true},
	{Key: "Request", Label: "企业诉求", Aliases: []string{"诉求", "企业诉求及建议"}},
	{Key: "Registered", Label: "登记日期", Aliases: []string{"提出时间", "提出日期", "反映时间", "登记时间", "收集时间"}, Required: true},
	{Key: "Status", Label: "办理状态", Aliases: []string{"状态", "进展状态", "是否办结"}, Note: "空白时：有责任单位记为交办，否则登记"},
	{Key: "Handling", Label: "处理方式", Aliases: []string{"办理方式"}},
	{Key: "LeadDept", Label: "牵头责任单位", Aliases: []string{"责任单位", "承办单位", "牵头单位", "责任部门", "牵头部门", "主办单位"}},
	{Key: "SupportDepts", Label: "配合单位", Aliases: []string{"配合部门", "协办单位", "协办部门"}},
	{Key: "Person", Label: "责任人", Aliases: []string{"负责人", "责任人员", "经办人"}},
	{Key: "Deadline", Label: "办理时限", Aliases: []string{"完成时限", "时限要求", "办结时限", "时限"}},
	{Key: "Progress", Label: "办理进展", Aliases: []string{"进展情况", "办理情况", "推进情况"}},
	{Key: "ClosedOn", Label: "办结日期", Aliases: []string{"办结时间", "完成时间", "完成日期"}},
	{Key: "Result", Label: "办理结果", Aliases: []string{"办结情况", "解决情况", "办理结果及成效"}},
	{Key: "Explanation", Label: "不能办理的解释", Aliases: []string{"解释说明", "解释情况", "不能办理原因"}},
	{Key: "FollowUp", Label: "回访情况", Aliases: []string{"回访记录"}},
	{Key: "Satisfaction", Label: "满意度", Aliases: []string{"企业满意度", "是否满意"}},
	{Key: "Leader", Label: "分包领导", Aliases: []string{"包联领导", "联系领导", "包抓领导"}, Note: "不导入"},
}

// The fields of a directory of departments.
var DepartmentFields = []Field{
	{Key: "Name", Label: "责任单位", Aliases: []string{"单位名称", "部门名称", "责任单位名称", "部门", "单位", "联络部门"}, Required: true},
	{Key: "Short", Label: "简称", Aliases: []string{"单位简称", "部门简称"}},
	{Key: "Contact", Label: "联系人", Aliases: []string{"联络员", "负责人"}},
	{Key: "Phone", Label: "联系电话", Aliases: []string{"电话", "手机", "联系方式"}},
}

// The fields of a list of leaders and their assignments (包联), a row for
// each assignment, as LeaderTable writes it.
var LeaderFields = []Field{
	{Key: "Name", Label: "领导姓名", Aliases: []string{"联系领导", "分包领导", "包联领导", "领导", "姓名"}, Required: true,
		Note: "同名的领导视为同一人"},
	{Key: "Post", Label: "职务", Aliases: []string{"领导职务", "现任职务"}},
	{Key: "Level", Label: "级别", Aliases: []string{"领导级别"}},
	{Key: "Body", Label: "所在班子", Aliases: []string{"班子", "所属班子"}},
	{Key: "Phone", Label: "联系电话", Aliases: []string{"领导电话", "电话"}},
	{Key: "EnterpriseName", Label: "分包企业", Aliases: []string{"联系企业", "包联企业", "企业名称", "分包企业名称"},
		Note: "有信用代码时按信用代码找企业，否则按名称；空白时只导入领导"},
	{Key: "CreditCode", Label: "统一社会信用代码", Aliases: []string{"信用代码", "社会信用代码", "统一代码"}},
	{Key: "Liaison", Label: "联络员", Aliases: []string{"企业联络员", "专人负责"}},
	{Key: "LiaisonPhone", Label: "联络员电话", Aliases: []string{"联络员联系电话"}},
	{Key: "LeadDept", Label: "牵头部门", Aliases: []string{"牵头单位"}},
	{Key: "SupportDepts", Label: "配合部门", Aliases: []string{"配合单位"}},
	{Key: "From", Label: "分包开始日期", Aliases: []string{"开始日期", "分包日期", "包联开始日期"}},
	{Key: "To", Label: "分包结束日期", Aliases: []string{"结束日期", "包联结束日期"}},
}

// The fields of a list of visits, as VisitTable writes it.
var VisitFields = []Field{
	{Key: "Date", Label: "走访日期", Aliases: []string{"日期", "走访时间"}, Required: true},
	{Key: "Leader", Label: "走访领导", Aliases: []string{"领导", "联系领导", "带队领导", "分包领导", "包联领导"}, Required: true,
		Note: "须是本单位已有的联系领导"},
	{Key: "EnterpriseName", Label: "企业名称", Aliases: []string{"被走访企业", "走访企业", "企业"}, Required: true,
		Note: "有信用代码时按信用代码找企业，否则按名称"},
	{Key: "CreditCode", Label: "统一社会信用代码", Aliases: []string{"信用代码", "社会信用代码", "统一代码"}},
	{Key: "Mode", Label: "走访方式", Aliases: []string{"方式", "联系方式"}, Note: "空白记为“实地”"},
	{Key: "Counted", Label: "计为", Note: "不导入：按设置中计为走访的方式计算"},
	{Key: "Companions", Label: "陪同人员", Aliases: []string{"陪同", "随行人员", "参加人员"}},
	{Key: "Findings", Label: "走访情况", Aliases: []string{"走访内容", "企业情况", "了解情况", "走访记录"}},
}

// The fields of a list of meetings held, as MeetingTable writes it.
var MeetingFields = []Field{
	{Key: "Title", Label: "会议", Aliases: []string{"会议名称"}, Note: "按其中的“第N次”编号（未被占用时）"},
	{Key: "Kind", Label: "会议类型", Aliases: []string{"类型", "会议类别"}, Required: true},
	{Key: "Format", Label: "形式", Aliases: []string{"会议形式"}, Note: "空白记为该类会议的第一种形式"},
	{Key: "Date", Label: "日期", Aliases: []string{"会议日期", "召开日期", "召开时间", "会议时间"}, Required: true},
	{Key: "Place", Label: "地点", Aliases: []string{"会议地点", "召开地点"}},
	{Key: "Enterprise", Label: "企业", Aliases: []string{"企业名称", "现场企业"}, Note: "按名称找企业"},
	{Key: "Chair", Label: "主持人", Aliases: []string{"主持", "主持领导"}},
	{Key: "Present", Label: "出席", Aliases: []string{"出席人员", "参会人员"}, Note: "写成“领导：张三、李四；银行：…”，未写类别的记为领导"},
	{Key: "Sitting", Label: "列席", Aliases: []string{"列席人员"}},
	{Key: "Absent", Label: "请假", Aliases: []string{"请假人员"}},
	{Key: "Agenda", Label: "议程", Aliases: []string{"会议议程", "议题"}},
	{Key: "Minutes", Label: "纪要", Aliases: []string{"会议纪要", "会议内容", "会议情况"}},
	{Key: "Decisions", Label: "议定事项", Aliases: []string{"会议议定事项"}, Note: "写成“1.内容（责任单位，2026-03-31前）；2.…”"},
}

// Fields are the fields of kind k.
func Fields(k Kind) []Field {
	switch k {
	case KindProblems:
		return ProblemFields
	case KindDepartments:
		return DepartmentFields
	case KindLeaders:
		return LeaderFields
	case KindVisits:
		return VisitFields
	case KindMeetings:
		return MeetingFields
	}
	return EnterpriseFields
}

// normHeader is a header cell's text reduced for matching: no spaces or
// line breaks, no marks of a required column, no unit or note in
// brackets at the end (“融资金额（万元）”, “统一社会信用代码\n(18位)”).
func normHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '＊' || r == '　' {
			return -1
		}
		return r
	}, s)
	for {
		i := strings.LastIndexAny(s, "(（")
		if i <= 0 || !(strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")) {
			return s
		}
		s = s[:i]
	}
}

// match is the key of the field of fs a header names, or "".
func match(fs []Field, header string) string {
	h := normHeader(header)
	if h == "" {
		return ""
	}
	for _, f := range fs {
		for _, n := range f.names() {
			if h == n {
				return f.Key
			}
		}
	}
	return ""
}

// headerScan is how many rows from the top are searched for the header.
const headerScan = 30

// Header is the header of a sheet as found: its row and each column's name.
type Header struct {
	Row     int      // 1-based row number of the header (the lower row of a two-row header)
	Columns []string // each column's name, "" for a column with none
}

// FindHeader finds the header row of kind k in sh: among the first rows,
// the one that names the most fields (at least two), under any title rows;
// a two-row header (a merged 责任单位 over 牵头单位 and 配合单位) is read
// as one. It returns false when no row looks like a header.
func FindHeader(sh *Sheet, k Kind) (Header, bool) {
	fs := Fields(k)
	best, bestScore := -1, 1
	for r := 0; r < len(sh.Rows) && r < headerScan; r++ {
		seen := map[string]bool{}
		for _, c := range sh.Rows[r] {
			if key := match(fs, c.Text); key != "" {
				seen[key] = true
			}
		}
		// On a tie the lower row wins: a header of two rows whose cells
		// are merged downwards reads the same in both.
		if len(seen) >= bestScore {
			best, bestScore = r, len(seen)
		}
	}
	if best < 0 {
		return Header{}, false
	}
	width := 0
	for r := 0; r <= best; r++ {
		width = max(width, len(sh.Rows[r]))
	}
	h := Header{Row: best + 1, Columns: make([]string, width)}
	for c := range width {
		name := strings.TrimSpace(sh.cell(best, c).Text)
		if match(fs, name) == "" && best > 0 {
			if up := strings.TrimSpace(sh.cell(best-1, c).Text); match(fs, up) != "" {
				name = up
			}
		}
		h.Columns[c] = name
	}
	return h, true
}

// Mapping says which column (from 0) each field is read from; a field
// missing from it is not read.
type Mapping map[string]int

// Guess maps the fields of kind k to the columns of h by their names; the
// first column that names a field wins.
func Guess(k Kind, h Header) Mapping {
	m := Mapping{}
	for c, name := range h.Columns {
		if key := match(Fields(k), name); key != "" {
			if _, ok := m[key]; !ok {
				m[key] = c
			}
		}
	}
	return m
}

// Missing lists the labels of the required fields of kind k that m does not
// map.
func (m Mapping) Missing(k Kind) []string {
	var out []string
	for _, f := range Fields(k) {
		if _, ok := m[f.Key]; f.Required && !ok {
			out = append(out, f.Label)
		}
	}
	return out
}

// missingError says which required columns a sheet lacks and how to fix it.
func missingError(sheet string, k Kind, missing []string) error {
	var names []string
	for _, f := range Fields(k) {
		for _, m := range missing {
			if f.Label == m {
				names = append(names, "“"+m+"”（也可叫"+strings.Join(f.Aliases[:min(3, len(f.Aliases))], "、")+"）")
			}
		}
	}
	return fmt.Errorf("工作表“%s”缺少必需的列：%s。请在表头加上这一列，或在导入时把它对应到表中的某一列；未做任何改动",
		sheet, strings.Join(names, "，"))
}

// noHeaderError says a sheet has no header the import recognises.
func noHeaderError(sheet string, k Kind) error {
	var names []string
	for _, f := range Fields(k) {
		if f.Required {
			names = append(names, "“"+f.Label+"”")
		}
	}
	return fmt.Errorf("工作表“%s”的前%d行中找不到%s的表头（应有%s等列名）：请检查是否选错了工作表或文件；未做任何改动",
		sheet, headerScan, k.Label(), strings.Join(names, "、"))
}

// Sheet picks the sheet of b to import as kind k: the one named, or the
// first whose header is recognised.
func (b *Book) Sheet(name string, k Kind) (*Sheet, Header, error) {
	for _, sh := range b.Sheets {
		if name != "" && sh.Name != name {
			continue
		}
		if h, ok := FindHeader(sh, k); ok {
			return sh, h, nil
		}
		if name != "" {
			return sh, Header{}, noHeaderError(sh.Name, k)
		}
	}
	if name != "" {
		return nil, Header{}, fmt.Errorf("工作簿中没有名为“%s”的工作表", name)
	}
	return b.Sheets[0], Header{}, noHeaderError(b.Sheets[0].Name, k)
}
