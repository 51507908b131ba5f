package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The checks of a record that arrives in another office's sync file
// (CheckIncoming): the rules the window applies when a clerk saves it, and
// bounds on what no window writes, so that a damaged or forged file can
// neither store nonsense nor swell the database.

// The bounds of an incoming record.
const (
	// maxVersion is the highest version taken: a record changed a
	// thousand times a second for thirty years stays far below it, and a
	// version near the int64 maximum would freeze the record for good.
	maxVersion = 1 << 40
	// maxYuan is the largest amount, the same as a form takes (MaxYuan).
	maxYuan = MaxYuan
	// maxRecordBytes bounds the JSON of one record: a meeting with a
	// thousand attendees and minutes of 20,000 characters takes about
	// 150 KB.
	maxRecordBytes = 1 << 20
	// lineMax is the most characters of a one-line field that the window
	// sets no bound for (names, departments, phones, banks).
	lineMax = 200
	// textMax is the most characters of a multi-line field that the window
	// sets no bound for (findings, results, comments): the bound the
	// window sets for meeting minutes, its longest.
	textMax = 20000
	// listMax is the most items of a list (attendees, decisions).
	listMax = 1000
	// countMax bounds every other number (counts, months, scores).
	countMax = 1_000_000_000
	// A calendar day is taken from earliestYear (the demonstration data
	// goes back 30 years) to latestYear; ParseDate already refuses days
	// that do not exist.
	earliestYear = 1990
	latestYear   = 2100
	// A time stamp is taken from 1970 (where a PC whose clock was reset
	// stamps its changes) to clockSkewDays after today.
	earliestStampYear = 1970
	// clockSkewDays is how far after this PC's today a day that has
	// happened (a visit, a meeting, a pay-out, a change's time stamp) may
	// be: a day for time zones and midnight, two for a sender's clock a
	// little ahead. A clock further off is refused, so that it is put
	// right.
	clockSkewDays = 3
	// maxErrors is the most faults one refusal lists.
	maxErrors = 10
)

// IncomingLimits are what an incoming record is checked against: who sent
// it, who receives it and this office's own bounds.
type IncomingLimits struct {
	Sender    string // the office that signed the file: every record must be its own
	Receiver  string // this office: a comment or an assessment must be addressed to it
	Today     Date   // this PC's day
	AttachMax int64  // the largest attachment this office takes: Settings.AttachLimit()
}

// CheckIncoming decides whether the record c of another office's sync file
// may be stored here. It returns nil, or an Invalid whose messages name
// each field at fault in Chinese (the caller says which record); an error
// that is not an Invalid is a fault of the program.
//
// Every record: its table is one this program syncs, and one the sender's
// role sends (the city sends comments, notices, assessments and years of
// holidays, a county everything else); its ID is a UUID; its owner is the sender, a known
// office; its version is 1 to 2^40; its data is valid UTF-8, at most 1 MB,
// decodes into the table's type with no unknown field and agrees with the
// change on ID, owner, version and deletion; it has a change time from 1970
// to three days after today. Every field of it, deleted or not (a tombstone
// is stored whole too): text without control characters other than tab
// and line breaks, without bidirectional controls (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C), within the window's bound where
// it sets one, else 200 characters on one line or 20,000 in a text;
// calendar days real and in 1990–2100; amounts 0 to 1万亿元; other numbers
// 0 to 10^9; lists at most 1,000 items. A live record also passes its
// table's rules: those of the window that saves it, with days that happened
// (visits, meetings, loan steps) at most three days after today, and the
// fields its status needs.
func CheckIncoming(c Change, l IncomingLimits) error {
	if l.Today.IsZero() {
		return errors.New("check incoming record: no today")
	}
	t, ok := incomingTables[c.Table]
	if !ok {
		return Invalid{{"Table", fmt.Sprintf("记录种类“%s”不是本程序同步的记录", clip(string(c.Table)))}}
	}
	r := verdict{fields: t.fields, limits: l}
	r.change(c)
	if len(r.inv) > 0 {
		return r.inv
	}
	meta, err := t.check(&r, c.Data, c.Deleted)
	if err != nil {
		return fmt.Errorf("check incoming %s %s: %w", c.Table, c.ID, err)
	}
	if meta != nil {
		r.meta(c, *meta)
	}
	return r.err()
}

// change checks what the change says of its record, before its data.
func (r *verdict) change(c Change) {
	if !isUUID(c.ID) {
		r.inv.Add("ID", fmt.Sprintf("记录编号“%s”不是本程序生成的编号", clip(c.ID)))
	}
	sender, known := LookupOffice(r.limits.Sender)
	switch {
	case c.Office != r.limits.Sender:
		r.inv.Add("Office", fmt.Sprintf("记录属于%s，不属于发送单位%s：每个单位只能发送自己的记录", ownerText(c.Office), ownerText(r.limits.Sender)))
	case !known:
		r.inv.Add("Office", fmt.Sprintf("发送单位的代码“%s”不是秦皇岛市的单位", clip(r.limits.Sender)))
	case sender.Role == RoleCity && !slices.Contains(cityTables, c.Table) && c.Table != TableCalendar:
		r.inv.Add("Table", fmt.Sprintf("市工信局不向县区发送%s记录", c.Table.Label()))
	case sender.Role == RoleCounty && slices.Contains(cityTables, c.Table):
		r.inv.Add("Table", fmt.Sprintf("%s只由市工信局发布，县区不能发送", c.Table.Label()))
	}
	if c.Version < 1 || c.Version > maxVersion {
		r.inv.Add("Version", fmt.Sprintf("版本号 %d 不在 1 至 %d 之间", c.Version, int64(maxVersion)))
	}
	switch {
	case len(c.Data) > maxRecordBytes:
		r.inv.Add("Data", fmt.Sprintf("记录内容有 %s，超过每条记录 1 MB 的上限", sizeText(int64(len(c.Data)))))
	case !utf8.Valid(c.Data):
		r.inv.Add("Data", "记录含有无效的文字编码（不是 UTF-8）")
	}
}

// meta checks the record's identity as its data carries it.
func (r *verdict) meta(c Change, m Meta) {
	if m.ID != c.ID || m.Office != c.Office || m.Version != c.Version || m.Deleted != c.Deleted {
		r.add("ID", "记录内容与其编号、所属单位、版本或删除标记不一致")
	}
	if m.UpdatedAt.IsZero() {
		r.add("UpdatedAt", "缺少修改时间")
	}
}

// cityTables are the tables only the city bureau writes and sends; every
// office sends TableCalendar, and the others are the counties'.
var cityTables = []Table{TableComments, TableLoanDecisions, TableNotices, TableAssessments}

// incomingTable is how CheckIncoming checks the records of one table: the
// label and bound of each field, and check, which decodes data and applies
// the field bounds and, to a live record, the table's rules. It returns the
// record's identity, or nil when data does not decode.
type incomingTable struct {
	fields fields
	check  func(r *verdict, data []byte, deleted bool) (*Meta, error)
}

// incomingRules makes the incomingTable of records of type T, with
// identity meta, field bounds fs (Meta's are added) and the table's rules.
func incomingRules[T any](fs fields, meta func(*T) *Meta, rules func(*T, *verdict)) incomingTable {
	all := maps.Clone(metaFields)
	maps.Copy(all, fs)
	return incomingTable{fields: all, check: func(r *verdict, data []byte, deleted bool) (*Meta, error) {
		var x T
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&x); err != nil {
			r.inv.Add("Data", "记录内容无法读取："+decodeText(err))
			return nil, nil
		}
		if _, err := dec.Token(); err != io.EOF {
			r.inv.Add("Data", "记录内容之后还有多余的内容")
			return nil, nil
		}
		r.walk(reflect.ValueOf(&x).Elem(), "")
		if len(r.missing) > 0 {
			return nil, fmt.Errorf("no rule for field %s", strings.Join(r.missing, ", "))
		}
		if !deleted {
			rules(&x, r)
		}
		return meta(&x), nil
	}}
}

// decodeText says in Chinese why JSON did not decode: a day that does not
// exist says so itself (ParseDate).
func decodeText(err error) string {
	var ut *json.UnmarshalTypeError
	var se *json.SyntaxError
	inner := err
	for e := err; e != nil; e = errors.Unwrap(e) {
		inner = e
	}
	switch {
	case errors.As(err, &se):
		return "不是有效的 JSON"
	case errors.As(err, &ut) && ut.Field != "":
		return fmt.Sprintf("字段“%s”的类型不对", clip(ut.Field))
	case errors.As(err, &ut):
		return "记录内容的结构不对"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "有本程序不认识的字段" + clip(strings.TrimPrefix(err.Error(), "json: unknown field "))
	case strings.ContainsFunc(inner.Error(), func(c rune) bool { return c >= 0x3000 }):
		return clip(inner.Error())
	}
	return "格式不对"
}

// incomingTables are the rules of every synced table.
var incomingTables = map[Table]incomingTable{
	TableEnterprises:   incomingRules(enterpriseFields, func(x *Enterprise) *Meta { return &x.Meta }, enterpriseRules),
	TableLeaders:       incomingRules(leaderFields, func(x *Leader) *Meta { return &x.Meta }, leaderRules),
	TableDepartments:   incomingRules(departmentFields, func(x *Department) *Meta { return &x.Meta }, departmentRules),
	TableAssignments:   incomingRules(assignmentFields, func(x *Assignment) *Meta { return &x.Meta }, assignmentRules),
	TableVisits:        incomingRules(visitFields, func(x *Visit) *Meta { return &x.Meta }, visitRules),
	TableProblems:      incomingRules(problemFields, func(x *Problem) *Meta { return &x.Meta }, problemRules),
	TableEvents:        incomingRules(eventFields, func(x *Event) *Meta { return &x.Meta }, eventRules),
	TableMeetings:      incomingRules(meetingFields, func(x *Meeting) *Meta { return &x.Meta }, meetingRules),
	TableFinancing:     incomingRules(needFields, func(x *FinancingNeed) *Meta { return &x.Meta }, needRules),
	TableLoans:         incomingRules(loanFields, func(x *BridgeLoan) *Meta { return &x.Meta }, loanRules),
	TableComments:      incomingRules(commentFields, func(x *Comment) *Meta { return &x.Meta }, commentRules),
	TableLoanDecisions: incomingRules(decisionFields, func(x *LoanDecision) *Meta { return &x.Meta }, decisionRules),
	TableNotices:       incomingRules(noticeFields, func(x *PublishedNotice) *Meta { return &x.Meta }, noticeRules),
	TableAssessments:   incomingRules(assessmentFields, func(x *PublishedAssessment) *Meta { return &x.Meta }, assessmentRules),
	TableAttachments:   incomingRules(attachmentFields, func(x *Attachment) *Meta { return &x.Meta }, attachmentRules),
	TableCalendar:      incomingRules(calendarFields, func(x *CalendarYear) *Meta { return &x.Meta }, calendarRules),
}

// Calendar years: the window's rules (a year the receiver was built with
// is taken, and not used: NewCalendar).

var calendarFields = fields{
	"Year": {"年份", 0}, "Holidays": {"放假日期", 0}, "Holidays.*": {"放假日期", 0},
	"Workdays": {"调休上班日期", 0}, "Workdays.*": {"调休上班日期", 0}, "Source": {"依据文件", 0},
}

func calendarRules(y *CalendarYear, r *verdict) { r.validated(y.Validate()) }

// field is the label of a field in messages and its bound: the most
// characters of a text, the most items of a list, the largest number; 0
// is the default of its kind (lineMax, listMax, maxYuan, countMax).
// Calendar days and time stamps take no bound here.
type field struct {
	label string
	max   int64
}

// fields are the fields of a record type by path: Go field names joined
// by dots, * for every item of a list (Attendees.*.Name).
type fields map[string]field

var metaFields = fields{
	"ID": {"记录编号", 0}, "Office": {"所属单位", 0}, "Version": {"版本号", maxVersion},
	"UpdatedAt": {"修改时间", 0}, "UpdatedBy": {"修改人", 0},
}

// Enterprises: the window's rules (name, credit code, lengths) and
// categories from the notice's list.

var enterpriseFields = fields{
	"CreditCode": {"统一社会信用代码", 0}, "Name": {"企业名称", 100}, "Industry": {"所属行业", 0},
	"Categories": {"企业类别", 0}, "Categories.*": {"企业类别", 0}, "LegalRep": {"法定代表人", 0},
	"Contact": {"联系人", 0}, "Phone": {"联系电话", 0}, "Address": {"地址", 200},
}

func enterpriseRules(e *Enterprise, r *verdict) {
	r.validated(e.Validate())
	for i, c := range e.Categories {
		r.oneOf("Categories."+strconv.Itoa(i), c, EnterpriseCategories)
	}
}

// Leaders: the window's rules.

var leaderFields = fields{
	"Name": {"领导姓名", 30}, "Post": {"职务", 0}, "Level": {"级别", 0}, "Body": {"所在班子", 0}, "Phone": {"联系电话", 0},
}

func leaderRules(x *Leader, r *verdict) { r.validated(x.Validate()) }

// Departments: the window's rules.

var departmentFields = fields{
	"Name": {"责任单位名称", maxDeptName}, "Short": {"简称", 20}, "Contact": {"联系人", 30}, "Phone": {"联系电话", 30},
}

func departmentRules(x *Department, r *verdict) { r.validated(x.Validate()) }

// Assignments: the window's rules; the leader and enterprise are records.

var assignmentFields = fields{
	"LeaderID": {"联系领导", 0}, "EnterpriseID": {"重点企业", 0}, "Liaison": {"联络员", 0},
	"LiaisonPhone": {"联络员电话", 0}, "LeadDept": {"牵头部门", 0}, "SupportDepts": {"配合部门", 0},
	"From": {"分包开始日期", 0}, "To": {"分包结束日期", 0},
}

func assignmentRules(a *Assignment, r *verdict) {
	r.validated(a.Validate())
	r.ref("LeaderID", a.LeaderID, true)
	r.ref("EnterpriseID", a.EnterpriseID, true)
}

// Visits: the window's rules, the visit no later than today (give or take
// the clock), leader and enterprise records.

var visitFields = fields{
	"Date": {"走访日期", 0}, "LeaderID": {"走访领导", 0}, "Companions": {"陪同人员", 0},
	"EnterpriseID": {"被走访企业", 0}, "Mode": {"走访方式", 0}, "Findings": {"走访情况", textMax},
}

func visitRules(x *Visit, r *verdict) {
	r.validated(x.Validate(r.latest()))
	r.ref("LeaderID", x.LeaderID, true)
	r.ref("EnterpriseID", x.EnterpriseID, true)
}

// Problems: the window's rules for what is registered, the ledger number
// the store gives, and the fields the status needs, as the actions of
// Problem.Apply leave them.

var problemFields = fields{
	"Number": {"台账编号", 0}, "EnterpriseID": {"问题所属企业", 0}, "Source": {"问题来源", 0},
	"SourceID": {"问题来源记录", 0}, "Category": {"问题类别", 0}, "Description": {"问题描述", 2000},
	"Request": {"企业诉求", textMax}, "Registered": {"登记日期", 0}, "Status": {"办理状态", 0},
	"Handling": {"处理方式", 0}, "LeadDept": {"牵头责任单位", 0}, "SupportDepts": {"配合单位", 0},
	"Person": {"责任人", 0}, "Deadline": {"办理时限", 0}, "DeadlineCounted": {"考核时限", 0}, "Result": {"办理结果", textMax},
	"ClosedOn": {"办结日期", 0}, "Explanation": {"不能办理的解释", textMax}, "FollowUp": {"回访情况", textMax},
	"Satisfaction": {"满意度", 0},
}

var numberForm = regexp.MustCompile(`^(.+)-[0-9]{4}-[0-9]{4,9}$`)

func problemRules(p *Problem, r *verdict) {
	r.validated(p.Validate())
	r.ref("EnterpriseID", p.EnterpriseID, p.Source != SourceDecision)
	r.ref("SourceID", p.SourceID, false)
	if m := numberForm.FindStringSubmatch(p.Number); m == nil || m[1] != OfficeShort(p.Office) {
		r.add("Number", fmt.Sprintf("“%s”不是%s的台账编号（应为 %s 这样的编号）", clip(p.Number), OfficeName(p.Office), ProblemNumber(p.Office, r.limits.Today.Year(), 1)))
	}
	if !slices.Contains(Statuses, p.Status) {
		r.add("Status", fmt.Sprintf("“%s”不是问题的办理状态", clip(string(p.Status))))
		return
	}
	r.oneOf("Handling", p.Handling, []string{"", HandleAssign, HandleOnSpot, HandleExplain})
	r.oneOf("Satisfaction", p.Satisfaction, append([]string{""}, Satisfactions...))
	at := "办理状态为“" + string(p.Status) + "”的问题"
	switch p.Status {
	case StatusAssigned:
		r.need(p.Handling == HandleAssign, "Handling", at+"应为交办")
		r.need(!blank(p.LeadDept), "LeadDept", at+"须有牵头责任单位")
		r.need(!blank(p.Person) || p.Source == SourceDecision, "Person", at+"须有责任人")
		r.need(!p.Deadline.IsZero(), "Deadline", at+"须有办理时限")
	case StatusInProgress:
		r.need(p.Handling == HandleAssign || p.Handling == HandleOnSpot, "Handling", at+"应为交办或当场解决后重新办理")
		r.need(!p.Deadline.IsZero(), "Deadline", at+"须有办理时限")
	case StatusDone, StatusFollowedUp, StatusClosed:
		r.need(p.Handling == HandleAssign || p.Handling == HandleOnSpot, "Handling", at+"应为交办或当场解决")
		r.need(!blank(p.Result), "Result", at+"须有办理结果")
		r.need(!p.ClosedOn.IsZero(), "ClosedOn", at+"须有办结日期")
		if p.Status != StatusDone {
			r.need(p.Satisfaction == "满意" || p.Satisfaction == "基本满意", "Satisfaction", at+"须有回访的满意度（满意或基本满意）")
		}
	case StatusExplained:
		r.need(p.Handling == HandleExplain, "Handling", at+"应为依法不能办理")
		r.need(!blank(p.Explanation), "Explanation", at+"须有向企业所做的解释")
		r.need(!p.ClosedOn.IsZero(), "ClosedOn", at+"须有办结日期")
	}
}

// Events: a known step of a problem, the status that step leads to, a day.

var eventFields = fields{
	"ProblemID": {"所属问题", 0}, "Kind": {"办理环节", 0}, "Date": {"办理日期", 0}, "Text": {"办理情况", textMax},
	"Status": {"办理后状态", 0}, "LeadDept": {"牵头责任单位", 0}, "Person": {"责任人", 0},
	"OldDeadline": {"原办理时限", 0}, "NewDeadline": {"新办理时限", 0}, "Satisfaction": {"满意度", 0},
	"Approver": {"批准人", 0},
}

// eventStatuses are the statuses each step can leave a problem in
// (Problem.Apply; a deadline change leaves it as it was).
var eventStatuses = map[ActionKind][]Status{
	EventRegistered: {StatusRegistered},
	ActAssign:       {StatusAssigned},
	ActProgress:     {StatusInProgress},
	ActDeadline:     {StatusAssigned, StatusInProgress},
	ActFinish:       {StatusDone},
	ActOnSpot:       {StatusDone},
	ActExplain:      {StatusExplained},
	ActFollowUp:     {StatusFollowedUp, StatusInProgress},
	ActClose:        {StatusClosed},
	ActReceive:      {StatusInProgress},
	ActReturn:       {StatusRegistered},
}

func eventRules(e *Event, r *verdict) {
	r.ref("ProblemID", e.ProblemID, true)
	r.need(!e.Date.IsZero(), "Date", "缺少办理日期")
	r.oneOf("Satisfaction", e.Satisfaction, append([]string{""}, Satisfactions...))
	then, ok := eventStatuses[e.Kind]
	switch {
	case !ok:
		r.add("Kind", fmt.Sprintf("“%s”不是问题的办理环节", clip(string(e.Kind))))
	case !slices.Contains(then, e.Status):
		r.add("Status", fmt.Sprintf("“%s”之后问题的状态不会是“%s”", e.Kind, clip(string(e.Status))))
	}
}

// Meetings: the window's rules (held no later than today, give or take
// the clock), a number in the year once held; a plan may arrive after its
// day.

var meetingFields = fields{
	"Kind": {"会议类型", 0}, "Format": {"会议形式", 0}, "Seq": {"会议序号", 9999}, "Date": {"会议日期", 0},
	"Place": {"会议地点", 0}, "EnterpriseID": {"所在企业", 0}, "Chair": {"主持人", 0},
	"Attendees": {"参会人员", 0}, "Attendees.*.Group": {"参会人员的出席情况", 0},
	"Attendees.*.Kind": {"参会人员类别", 0}, "Attendees.*.Name": {"参会人员姓名", 0},
	"Agenda": {"会议议题", textMax}, "Minutes": {"会议纪要", 20000},
	"Decisions": {"议定事项", 0}, "Decisions.*": {"议定事项", 0}, "Decisions.*.Text": {"议定事项内容", textMax},
	"Decisions.*.Unit": {"议定事项责任单位", 0}, "Decisions.*.Deadline": {"议定事项完成时限", 0},
	"Decisions.*.ProblemID": {"议定事项的台账问题", 0},
	"State":                 {"会议状态", 0}, "CancelReason": {"取消原因", textMax},
	"Invitees": {"邀请对象", 0}, "Invitees.*.Group": {"邀请对象的出席情况", 0},
	"Invitees.*.Kind": {"邀请对象类别", 0}, "Invitees.*.Name": {"邀请对象名称", 0},
}

func meetingRules(m *Meeting, r *verdict) {
	r.validated(m.Validate(r.latest()))
	r.ref("EnterpriseID", m.EnterpriseID, false)
	for i, d := range m.Decisions {
		r.ref(fmt.Sprintf("Decisions.%d.ProblemID", i), d.ProblemID, false)
	}
	if m.Held() {
		r.need(m.Seq >= 1, "Seq", "缺少会议序号（本年第几次）")
	} else {
		r.need(m.Seq == 0, "Seq", "尚未召开的会议没有序号")
	}
}

// Financing needs: the window's rules, a known status, the meeting a
// record.

var needFields = fields{
	"Date": {"登记日期", 0}, "EnterpriseID": {"企业", 0}, "MeetingID": {"银企对接会", 0}, "Amount": {"融资金额", 0},
	"Use": {"资金用途", textMax}, "TermMonths": {"期限（月）", 360}, "Collateral": {"担保方式", textMax}, "Bank": {"推荐银行", 0},
	"Status": {"对接结果", 0}, "Credit": {"授信额度", 0}, "Lent": {"放款金额", 0}, "LentOn": {"放款日期", 0},
	"Reason": {"未获批准的原因", textMax},
}

func needRules(n *FinancingNeed, r *verdict) {
	r.oneOf("Status", n.Status, NeedStatuses) // the window saves "" as 待对接
	r.validated(n.Validate())
	r.ref("EnterpriseID", n.EnterpriseID, true)
	r.ref("MeetingID", n.MeetingID, false)
}

// Bridge loans: the window's rules for the application, a known status and
// what each step (BridgeLoan.Apply) leaves, the steps' days no later than
// today (give or take the clock).

var loanFields = fields{
	"EnterpriseID": {"申请企业", 0}, "Bank": {"贷款银行", 0}, "Original": {"到期贷款金额", 0},
	"OriginalDue": {"原贷款到期日", 0}, "Commitment": {"银行续贷承诺", textMax}, "Conditions": {"四个条件", 0},
	"Applied": {"申请金额", 0}, "AppliedOn": {"申请日期", 0}, "Approved": {"批准金额", 0},
	"ApprovedOn": {"批准日期", 0}, "PaidOn": {"放款日期", 0}, "DueBack": {"约定归还日期", 0},
	"RepaidOn": {"归还日期", 0}, "Fee": {"费用", 0}, "Status": {"办理状态", 0}, "Note": {"备注", textMax},
	"CityFund": {"报市级基金", 0}, "TermDays": {"申请使用天数", maxLoanDays},
}

func loanRules(l *BridgeLoan, r *verdict) {
	r.validated(l.Validate())
	r.ref("EnterpriseID", l.EnterpriseID, true)
	r.happened("ApprovedOn", l.ApprovedOn)
	r.happened("PaidOn", l.PaidOn)
	r.happened("RepaidOn", l.RepaidOn)
	step := slices.Index(LoanStatuses, l.Status)
	if step < 0 {
		r.add("Status", fmt.Sprintf("“%s”不是转贷的办理状态", clip(string(l.Status))))
		return
	}
	r.need(len(l.Conditions) == 0 || len(l.Conditions) == len(LoanConditions), "Conditions", "应逐项核实四个条件")
	if l.CityFund {
		// The county only applies: the steps are the city's decision.
		r.need(l.Status == LoanApplied && l.Approved == 0 && l.PaidOn.IsZero() && l.RepaidOn.IsZero(), "Status",
			"报市级基金的转贷申请只能是“申请”状态：审批、放款和归还由市里决定")
		return
	}
	at := "办理状态为“" + string(l.Status) + "”的转贷"
	if step >= slices.Index(LoanStatuses, LoanReviewed) {
		r.need(len(l.Conditions) == len(LoanConditions), "Conditions", at+"须已逐项核实四个条件")
	}
	if step >= slices.Index(LoanStatuses, LoanApproved) {
		r.need(l.AllConditions(), "Conditions", at+"须四个条件全部符合")
		r.need(!blank(l.Commitment), "Commitment", at+"须有银行的书面续贷承诺")
		r.need(l.Approved > 0 && l.Approved <= l.Original, "Approved", at+"须有批准金额，且不超过到期贷款金额")
		r.need(!l.ApprovedOn.IsZero(), "ApprovedOn", at+"须有批准日期")
	}
	if step >= slices.Index(LoanStatuses, LoanPaid) {
		r.need(!l.PaidOn.IsZero(), "PaidOn", at+"须有放款日期")
		r.need(l.DueBack.After(l.PaidOn), "DueBack", at+"须有晚于放款日期的约定归还日期")
	}
	if l.Status == LoanSettled {
		r.need(!l.RepaidOn.IsZero(), "RepaidOn", at+"须有归还日期")
	}
}

// Comments: the window's rules, on a problem of this office.

var commentFields = fields{
	"ProblemID": {"督办的问题", 0}, "ProblemOffice": {"问题所属单位", 0}, "Date": {"督办日期", 0},
	"Text": {"督办意见", textMax}, "Author": {"签发人", 0},
}

func commentRules(c *Comment, r *verdict) {
	r.validated(c.Validate())
	r.ref("ProblemID", c.ProblemID, true)
	r.addressed("ProblemOffice", c.ProblemOffice)
}

// Loan decisions: the city fund's, in themselves sound, on an application
// of this office, addressed to it, on days that happened.

var decisionFields = fields{
	"LoanID": {"转贷申请", 0}, "LoanOffice": {"申请单位", 0}, "Outcome": {"决定", 0}, "Date": {"决定日期", 0},
	"Approved": {"批准金额", 0}, "PaidOn": {"放款日期", 0}, "DueBack": {"约定归还日期", 0},
	"RepaidOn": {"归还日期", 0}, "Fee": {"资金使用费", 0}, "Reason": {"不予支持的理由", textMax},
}

func decisionRules(d *LoanDecision, r *verdict) {
	r.validated(d.Validate())
	r.ref("LoanID", d.LoanID, true)
	r.addressed("LoanOffice", d.LoanOffice)
	r.happened("Date", d.Date)
	r.happened("PaidOn", d.PaidOn)
	r.happened("RepaidOn", d.RepaidOn)
}

// Notices: a period as the city publishes it, published no later than
// today (give or take the clock), one row per county.

var noticeFields = fields{
	"Period": {"通报期间", 0}, "Label": {"通报名称", 0}, "End": {"统计截止日期", 0}, "Published": {"发布日期", 0},
	"Rows": {"各单位数据", int64(len(Offices))}, "Rows.*.Office": {"通报中的单位", 0},
	"Rows.*.Leaders": {"联系领导数", 0}, "Rows.*.Enterprises": {"企业数", 0}, "Rows.*.Visits": {"走访次数", 0},
	"Rows.*.Raised": {"新登记问题数", 0}, "Rows.*.Settled": {"办结问题数", 0},
	"Rows.*.SettledEarlier": {"以前登记的办结问题数", 0}, "Rows.*.Open": {"未办结问题数", 0},
	"Rows.*.Overdue": {"逾期问题数", 0}, "Rows.*.SettleRate": {"办结率", 1}, "Rows.*.FollowedUp": {"回访数", 0},
	"Rows.*.Satisfied": {"满意数", 0}, "Rows.*.MeetingsHeld.*": {"会议召开期数", 0},
	"Rows.*.MeetingsRequired.*": {"会议应召开期数", 0}, "Rows.*.FinancingNeeds": {"融资需求数", 0},
	"Rows.*.Lent": {"放款金额", 0}, "Rows.*.LoansPaid": {"转贷放款笔数", 0}, "Rows.*.LoansRepaid": {"转贷归还笔数", 0},
	"Rows.*.LastImport": {"最近导入时间", 0}, "Rows.*.Rank": {"排名", int64(len(Offices))},
	"Depts": {"各部门数据", 0}, "Depts.*.Office": {"部门所属单位", 0}, "Depts.*.Dept": {"责任单位", 0},
	"Depts.*.Assigned": {"交办问题数", 0}, "Depts.*.OnTime": {"按时办结数", 0}, "Depts.*.Late": {"逾期数", 0},
	"Depts.*.Open": {"未办结数", 0}, "Depts.*.Settled": {"办结数", 0}, "Depts.*.AvgDays": {"平均办结天数", 0},
}

func noticeRules(n *PublishedNotice, r *verdict) {
	p, err := ParsePeriod(n.Period)
	switch {
	case err != nil:
		r.add("Period", fmt.Sprintf("“%s”不是通报期间", clip(n.Period)))
	case n.Label != p.Label() && n.Label != p.legacyLabel():
		r.add("Label", fmt.Sprintf("“%s”与通报期间 %s 不符", clip(n.Label), p.Label()))
	case p.Year < earliestYear || p.Year > latestYear:
		r.add("Period", fmt.Sprintf("%d年不在%d年至%d年之间", p.Year, earliestYear, latestYear))
	}
	r.need(!n.End.IsZero(), "End", "缺少统计截止日期")
	r.need(!n.Published.IsZero(), "Published", "缺少发布日期")
	r.happened("Published", n.Published)
	seen := map[string]bool{}
	for i, row := range n.Rows {
		path := "Rows." + strconv.Itoa(i) + ".Office"
		switch {
		case !isCounty(row.Office):
			r.add(path, fmt.Sprintf("“%s”不是县区", clip(row.Office)))
		case seen[row.Office]:
			r.add(path, OfficeName(row.Office)+"出现了两次")
		}
		seen[row.Office] = true
	}
}

// Assessments: one county's (this office's) form for a year, published
// no later than today (give or take the clock).

var assessmentFields = fields{
	"Published": {"发布日期", 0}, "Result.Office": {"被考核单位", 0}, "Result.Year": {"考核年度", latestYear},
	"Result.End": {"统计截止日期", 0}, "Result.Rows": {"考核指标", 100},
	"Result.Rows.*.Group": {"考核项目", 0}, "Result.Rows.*.Name": {"考核内容", 0},
	"Result.Rows.*.Weight": {"指标分值", SchemeTotal}, "Result.Rows.*.Rule": {"评分标准", textMax},
	"Result.Rows.*.Code": {"计算规则", 0}, "Result.Rows.*.Figure": {"计算依据", textMax},
	"Result.Rows.*.Score": {"指标得分", SchemeTotal}, "Result.Rows.*.By": {"评分人", 0},
	"Result.Total": {"总分", 0}, "Result.Rank": {"名次", int64(len(Offices))}, "Result.Of": {"参评单位数", int64(len(Offices))},
	"Result.Grade": {"等次", 0}, "Result.Fund": {"资金总额", 0}, "Result.Share": {"建议分配金额", 0},
}

func assessmentRules(a *PublishedAssessment, r *verdict) {
	r.addressed("Result.Office", a.Result.Office)
	r.need(a.Result.Year >= earliestYear, "Result.Year", fmt.Sprintf("%d年不在%d年至%d年之间", a.Result.Year, earliestYear, latestYear))
	r.need(!a.Published.IsZero(), "Published", "缺少发布日期")
	r.happened("Published", a.Published)
	grades := []string{""}
	for _, g := range Grades {
		grades = append(grades, g.Name)
	}
	r.oneOf("Result.Grade", a.Result.Grade, grades)
}

// Attachments: a record of a kind that takes them, a type the window
// takes, a name safe to write and open, a size within this office's cap.

var attachmentFields = fields{
	"RecordTable": {"附件所属记录种类", 0}, "RecordID": {"附件所属记录", 0}, "Name": {"附件文件名", 0},
	"Type": {"附件类型", 0}, "Size": {"附件大小", 1 << 40}, "SHA256": {"附件校验值", 0},
}

var sha256Form = regexp.MustCompile(`^[0-9a-f]{64}$`)

func attachmentRules(a *Attachment, r *verdict) {
	if !slices.Contains(AttachableTables, a.RecordTable) {
		r.add("RecordTable", fmt.Sprintf("“%s”不是能加附件的记录", clip(string(a.RecordTable))))
	}
	r.ref("RecordID", a.RecordID, true)
	r.oneOf("Type", a.Type, []string{TypeJPEG, TypePNG, TypePDF})
	if err := CheckAttachmentName(a.Name); err != nil {
		r.add("Name", err.Error())
	}
	switch {
	case a.Size < 1:
		r.add("Size", "附件是空文件")
	case a.Size > r.limits.AttachMax:
		r.add("Size", fmt.Sprintf("附件“%s”有 %s，超过本单位每个附件 %s 的上限（上限可在“设置”中修改）",
			clip(a.Name), sizeText(a.Size), sizeText(r.limits.AttachMax)))
	}
	r.need(sha256Form.MatchString(a.SHA256), "SHA256", "不是 SHA-256 校验值")
}

// programExts are the extensions Windows runs, or opens in a program that
// runs what the file says (a script, a web page, an installer, a disk
// image), rather than shows: an attachment's name has none of them
// anywhere, so that "整改报告.pdf.exe" or "说明.exe.pdf" is refused.
var programExts = []string{
	"exe", "com", "bat", "cmd", "scr", "pif", "cpl", "msi", "msp", "mst", "msc", "dll", "sys", "drv", "ocx",
	"js", "jse", "vbs", "vbe", "vb", "wsf", "wsh", "ws", "wsc", "sct", "ps1", "psm1", "psd1", "ps1xml",
	"hta", "htm", "html", "xht", "xhtml", "mht", "mhtml", "svg", "chm", "hlp", "lnk", "url", "scf", "inf",
	"reg", "jar", "application", "appref-ms", "gadget", "iso", "img", "vhd", "vhdx", "msix", "appx",
	"appxbundle", "settingcontent-ms", "library-ms", "search-ms", "xll", "cab",
}

// reservedNames are the device names Windows will not take as a file's
// name, with any extension.
var reservedNames = []string{"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
	"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
	"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³"}

// CheckAttachmentName refuses an attachment's name that is not safe to
// write as a file on Windows and open: empty or longer than 255 UTF-16
// units, with a path separator or a character Windows does not allow
// (< > : " | ? * and control characters), with spaces at either end or a
// dot at the end (Windows drops them, so "a.exe." becomes a.exe), a
// device name such as CON or LPT1, or a program's extension anywhere.
func CheckAttachmentName(name string) error {
	units := 0
	for _, c := range name {
		units += utf16.RuneLen(c)
	}
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch {
	case name == "":
		return errors.New("附件缺少文件名")
	case units > 255:
		return fmt.Errorf("附件文件名过长：最多255个字符")
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("附件文件名“%s”含有路径", clip(name))
	case strings.ContainsFunc(name, func(c rune) bool { return c < 0x20 || c == 0x7f || strings.ContainsRune(`<>:"|?*`, c) }):
		return fmt.Errorf("附件文件名“%s”含有 Windows 文件名不允许的字符", clip(name))
	case name != strings.TrimSpace(name) || strings.HasSuffix(name, "."):
		return fmt.Errorf("附件文件名“%s”以空格或点开头或结尾", clip(name))
	case slices.Contains(reservedNames, stem):
		return fmt.Errorf("附件文件名“%s”是 Windows 保留的设备名", clip(name))
	}
	for _, ext := range strings.Split(name, ".")[1:] {
		if slices.Contains(programExts, strings.ToLower(strings.TrimSpace(ext))) {
			return fmt.Errorf("附件文件名“%s”带有程序的扩展名“.%s”：附件只能是照片（JPG、PNG）或 PDF 文件", clip(name), ext)
		}
	}
	return nil
}

// CheckAttachmentContent checks that content is the file a describes: as
// many bytes as its size, the SHA-256 it names and, read from its first
// bytes, of its type.
func CheckAttachmentContent(a Attachment, content []byte) error {
	var v Invalid
	name := clip(a.Name)
	if n := int64(len(content)); n != a.Size {
		v.Add("Size", fmt.Sprintf("附件“%s”的文件内容有 %d 字节，与记录的 %d 字节不符", name, n, a.Size))
	}
	if ContentHash(content) != a.SHA256 {
		v.Add("SHA256", fmt.Sprintf("附件“%s”的文件内容与记录的校验值不符", name))
	}
	if got := SniffType(content); got != a.Type {
		v.Add("Type", fmt.Sprintf("附件“%s”的文件内容是%s，不是记录所说的%s", name, typeName(got), typeName(a.Type)))
	}
	return v.Err()
}

// typeName names a type of attachment as staff know it.
func typeName(t string) string {
	switch t {
	case TypeJPEG:
		return "JPG 照片"
	case TypePNG:
		return "PNG 照片"
	case TypePDF:
		return "PDF 文件"
	}
	return "不能作为附件的文件"
}

// verdict gathers what is wrong with one incoming record.
type verdict struct {
	fields  fields
	limits  IncomingLimits
	inv     Invalid
	missing []string // fields with no rule: a fault of the program
}

// err is the refusal, at most maxErrors faults of it.
func (r *verdict) err() error {
	if len(r.inv) > maxErrors {
		n := len(r.inv)
		r.inv = r.inv[:maxErrors]
		r.inv.Add("", fmt.Sprintf("……共%d处", n))
	}
	return r.inv.Err()
}

// rule is the rule of the field at path, items numbered (Rows.3.Office).
func (r *verdict) rule(path string) (field, bool) {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			parts[i] = "*"
		}
	}
	f, ok := r.fields[strings.Join(parts, ".")]
	return f, ok
}

// label names the field at path in Chinese, with the item: 参会人员姓名（第4项）.
func (r *verdict) label(path string) string {
	f, ok := r.rule(path)
	if !ok {
		return path
	}
	l := f.label
	for _, p := range strings.Split(path, ".") {
		if n, err := strconv.Atoi(p); err == nil {
			l += fmt.Sprintf("（第%d项）", n+1)
		}
	}
	return l
}

// add records that the field at path is wrong, with msg, named by its
// label unless msg names it.
func (r *verdict) add(path, msg string) {
	l := r.label(path)
	if l != "" && !strings.Contains(msg, l) {
		msg = l + "：" + msg
	}
	r.inv.Add(path, msg)
}

// need adds msg unless ok.
func (r *verdict) need(ok bool, path, msg string) {
	if !ok {
		r.add(path, msg)
	}
}

// validated adds the window's refusal err, field by field, but for
// fields already refused for their bounds (the window's own length
// bounds are among them).
func (r *verdict) validated(err error) {
	var inv Invalid
	if err != nil && !errors.As(err, &inv) {
		inv = Invalid{{"", err.Error()}}
	}
	for _, e := range inv {
		if FieldMsg(r.inv, e.Field) == "" {
			r.add(e.Field, e.Msg)
		}
	}
}

// oneOf checks that s is one of list.
func (r *verdict) oneOf(path, s string, list []string) {
	switch {
	case slices.Contains(list, s):
	case s == "":
		r.add(path, "未填写")
	default:
		r.add(path, fmt.Sprintf("“%s”不是可选的值", clip(s)))
	}
}

var uuidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func isUUID(s string) bool { return uuidForm.MatchString(s) }

// ref checks that id could name a record (it is a UUID), or is empty when
// not required. Whether that record exists is for the caller to check.
func (r *verdict) ref(path, id string, required bool) {
	if (id != "" || required) && !isUUID(id) {
		r.add(path, fmt.Sprintf("“%s”不是本程序生成的记录编号", clip(id)))
	}
}

// latest is the latest day a day that happened may be.
func (r *verdict) latest() Date { return r.limits.Today.AddDays(clockSkewDays) }

// happened checks that day d, when set, is no later than latest.
func (r *verdict) happened(path string, d Date) {
	if !d.IsZero() && d.After(r.latest()) {
		r.add(path, fmt.Sprintf("%s晚于今天（%s）：请核对发送单位电脑的日期", d, r.limits.Today))
	}
}

// addressed checks that a city record is for this office, a county.
func (r *verdict) addressed(path, office string) {
	switch {
	case !isCounty(office):
		r.add(path, fmt.Sprintf("“%s”不是县区", clip(office)))
	case office != r.limits.Receiver:
		r.add(path, fmt.Sprintf("这是发给%s的记录，不是发给%s的", OfficeName(office), OfficeName(r.limits.Receiver)))
	}
}

var (
	dateType = reflect.TypeFor[Date]()
	timeType = reflect.TypeFor[time.Time]()
	yuanType = reflect.TypeFor[Yuan]()
)

// walk checks every field of v, at path, by the bounds of its kind: text,
// calendar days, time stamps, amounts, numbers and lists.
func (r *verdict) walk(v reflect.Value, path string) {
	switch {
	case v.Kind() == reflect.Struct && v.Type() != dateType && v.Type() != timeType:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" { // not in the data
				continue
			}
			p := path
			if !f.Anonymous {
				p = join(path, f.Name)
			}
			r.walk(v.Field(i), p)
		}
		return
	case v.Kind() == reflect.Array:
		r.items(v, path)
		return
	case v.Kind() == reflect.Bool:
		return
	}
	f, ok := r.rule(path)
	if !ok {
		r.missing = append(r.missing, path)
		return
	}
	switch {
	case v.Type() == dateType:
		if d := v.Interface().(Date); !d.IsZero() && (d.Year() < earliestYear || d.Year() > latestYear) {
			r.add(path, fmt.Sprintf("%s不在%d年至%d年之间", d, earliestYear, latestYear))
		}
	case v.Type() == timeType:
		if t := v.Interface().(time.Time); !t.IsZero() && (t.Year() < earliestStampYear || DateOf(t).After(r.latest())) {
			r.add(path, fmt.Sprintf("%s不在%d年至今天（%s）之间：请核对发送单位电脑的时间",
				t.Format("2006-01-02 15:04"), earliestStampYear, r.limits.Today))
		}
	case v.Type() == yuanType:
		if y, most := Yuan(v.Int()), Yuan(or(f.max, int64(maxYuan))); y < 0 || y > most {
			r.add(path, fmt.Sprintf("%s不在0至%s之间", y, most))
		}
	case v.CanInt():
		if n, most := v.Int(), or(f.max, countMax); n < 0 || n > most {
			r.add(path, fmt.Sprintf("%d不在0至%d之间", n, most))
		}
	case v.Kind() == reflect.Float64:
		if x, most := v.Float(), or(f.max, countMax); x < 0 || x > float64(most) {
			r.add(path, fmt.Sprintf("%g不在0至%d之间", x, most))
		}
	case v.Kind() == reflect.String:
		if msg := textFault(v.String(), int(or(f.max, lineMax))); msg != "" {
			r.add(path, msg)
		}
	case v.Kind() == reflect.Slice:
		if n, most := v.Len(), int(or(f.max, listMax)); n > most {
			r.add(path, fmt.Sprintf("项数过多：最多%d项（现有%d项）", most, n))
			return
		}
		r.items(v, path)
	default:
		r.missing = append(r.missing, path+" ("+v.Type().String()+")")
	}
}

// items walks the items of list v at path.
func (r *verdict) items(v reflect.Value, path string) {
	for i := range v.Len() {
		r.walk(v.Index(i), join(path, strconv.Itoa(i)))
	}
}

func or(x, y int64) int64 {
	if x != 0 {
		return x
	}
	return y
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// textFault says what is wrong with text s bounded to most characters, or
// "" (s is valid UTF-8: the record's data was checked, and decoding turns
// an escaped lone surrogate into U+FFFD): a control character other than tab and line breaks (which a pasted
// tab or an Excel cell with Alt+Enter bring into any field), a
// bidirectional control that can make text show other than it reads, or
// too many characters.
func textFault(s string, most int) string {
	for _, c := range s {
		switch {
		case bidi(c):
			return fmt.Sprintf("含有改变文字显示方向的隐藏字符 U+%04X：可能用来伪装内容", c)
		case hidden(c):
			return fmt.Sprintf("含有控制字符 U+%04X", c)
		}
	}
	if n := utf8.RuneCountInString(s); n > most {
		return fmt.Sprintf("内容过长：最多%d个字（现有%d个）", most, n)
	}
	return ""
}

// bidi reports whether c is a bidirectional formatting control.
func bidi(c rune) bool {
	return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C
}

// Clip shortens s, text from a file, for a message, as the refusals of
// CheckIncoming do: at most 40 characters, with control and bidirectional
// characters shown as code points.
func Clip(s string) string { return clip(s) }

// clip shortens s from a file for a message: at most 40 characters, with
// control and bidirectional characters shown as code points.
func clip(s string) string {
	var b strings.Builder
	n := 0
	for _, c := range s {
		if n == 40 {
			b.WriteString("…")
			break
		}
		if c < 0x20 || c >= 0x7f && c <= 0x9f || bidi(c) {
			fmt.Fprintf(&b, "<U+%04X>", c)
		} else {
			b.WriteRune(c)
		}
		n++
	}
	return b.String()
}

// ownerText names the office with code, or says it names none.
func ownerText(code string) string {
	if _, ok := LookupOffice(code); !ok {
		return fmt.Sprintf("未知单位“%s”", clip(code))
	}
	return OfficeName(code)
}
