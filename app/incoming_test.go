package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/demo"
	"wugeyi/data/datatest"
)

const (
	county = "130302" // 海港区
	other  = "130303" // 山海关区
	city   = app.CityCode
)

var (
	inToday = app.D(2026, 3, 16)
	inStamp = time.Date(2026, 3, 15, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))
)

// uid is the n-th ID of these tests, shaped as the store makes them.
func uid(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012x", n) }

func meta(n int, office string) app.Meta {
	return app.Meta{ID: uid(n), Office: office, Version: 3, UpdatedAt: inStamp, UpdatedBy: "王芳"}
}

// good is a record of table t that the window could have saved, with
// every field set that its state allows.
func good(t app.Table) any {
	d := app.MustDate
	switch t {
	case app.TableEnterprises:
		return app.Enterprise{Meta: meta(1, county), CreditCode: datatest.CreditCode(1), Name: "秦皇岛海港玻璃制品有限公司",
			Industry: "玻璃制造", Categories: []string{"规模以上", "专精特新"}, LegalRep: "李强", Contact: "张敏",
			Phone: "13903350001", Address: "海港区河北大街西段100号"}
	case app.TableLeaders:
		return app.Leader{Meta: meta(2, county), Name: "刘建国", Post: "副区长", Level: app.LevelCounty, Body: "政府", Phone: "0335-3012345"}
	case app.TableDepartments:
		return app.Department{Meta: meta(14, county), Name: "海港区自然资源和规划局", Short: "区自然资源局", Contact: "孙伟", Phone: "0335-3012346"}
	case app.TableAssignments:
		return app.Assignment{Meta: meta(3, county), LeaderID: uid(2), EnterpriseID: uid(1), Liaison: "赵磊",
			LiaisonPhone: "13903350002", LeadDept: "区工信局", SupportDepts: "区发改局、区自然资源局",
			From: d("2025-01-01"), To: d("2026-12-31")}
	case app.TableVisits:
		return app.Visit{Meta: meta(4, county), Date: d("2026-03-10"), LeaderID: uid(2), Companions: "赵磊",
			EnterpriseID: uid(1), Mode: "实地", Findings: "企业生产正常。\n反映用地手续办理慢。\t待跟进。"}
	case app.TableProblems:
		return app.Problem{Meta: meta(5, county), Number: "海港-2026-0001", EnterpriseID: uid(1), Source: "走访",
			SourceID: uid(4), Category: "用地", Description: "新厂房用地预审迟迟未批", Request: "请协调加快预审",
			Registered: d("2026-01-05"), Status: app.StatusClosed, Handling: app.HandleAssign, LeadDept: "区自然资源局",
			SupportDepts: "区住建局", Person: "孙伟", Deadline: d("2026-01-26"), Result: "预审已批复",
			ClosedOn: d("2026-01-20"), FollowUp: "企业表示满意", Satisfaction: "满意"}
	case app.TableEvents:
		return app.Event{Meta: meta(6, county), ProblemID: uid(5), Kind: app.ActFollowUp, Date: d("2026-01-22"),
			Text: "电话回访", Status: app.StatusFollowedUp, LeadDept: "区自然资源局", Person: "孙伟",
			OldDeadline: d("2026-01-26"), NewDeadline: d("2026-01-26"), Satisfaction: "满意"}
	case app.TableMeetings:
		return app.Meeting{Meta: meta(7, county), Kind: app.MeetingOnSite, Format: "企业", Seq: 3, Date: d("2026-03-12"),
			Place: "海港玻璃会议室", EnterpriseID: uid(1), Chair: "刘建国",
			Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "刘建国"}, {Group: app.Sitting, Kind: "部门", Name: "区工信局"}},
			Agenda:    "用地预审", Minutes: "会议研究了用地预审问题。\n各部门表态支持。",
			Decisions: []app.Decision{{Text: "三月底前完成用地预审", Unit: "区自然资源局", Deadline: d("2026-03-31")}}}
	case app.TableFinancing:
		return app.FinancingNeed{Meta: meta(8, county), Date: d("2026-02-10"), EnterpriseID: uid(1), MeetingID: uid(7),
			Amount: 50_000_000, Use: "购置生产线", TermMonths: 12, Collateral: "厂房抵押", Bank: "秦皇岛银行",
			Status: app.NeedLent, Credit: 50_000_000, Lent: 30_000_000, LentOn: d("2026-03-01")}
	case app.TableLoans:
		return app.BridgeLoan{Meta: meta(9, county), EnterpriseID: uid(1), Bank: "中国银行秦皇岛分行", Original: 20_000_000,
			OriginalDue: d("2026-02-01"), Commitment: "续贷承诺函（2026年1月20日）", Conditions: []bool{true, true, true, true},
			Applied: 20_000_000, AppliedOn: d("2026-01-15"), Approved: 20_000_000, ApprovedOn: d("2026-01-22"),
			PaidOn: d("2026-01-30"), DueBack: d("2026-02-10"), RepaidOn: d("2026-02-08"), Fee: 12_000,
			Status: app.LoanSettled, Note: "按期归还"}
	case app.TableLoanDecisions:
		return app.LoanDecision{Meta: meta(14, city), LoanID: uid(9), LoanOffice: county, Outcome: app.LoanGranted,
			Date: d("2026-01-30"), Approved: 20_000_000, PaidOn: d("2026-01-30"), DueBack: d("2026-02-10"),
			RepaidOn: d("2026-02-08"), Fee: 12_000}
	case app.TableComments:
		return app.Comment{Meta: meta(10, city), ProblemID: uid(5), ProblemOffice: county, Date: d("2026-03-01"),
			Text: "请加快办理", Author: "陈明"}
	case app.TableNotices:
		row := func(office string, rank int) app.NoticeRow {
			return app.NoticeRow{Office: office, Leaders: 5, Enterprises: 30, Visits: 40, Raised: 10, Settled: 8, Open: 2,
				Overdue: 1, SettleRate: 0.8, FollowedUp: 6, Satisfied: 5, MeetingsHeld: [3]int{1, 1, 1},
				MeetingsRequired: [3]int{1, 1, 1}, FinancingNeeds: 3, Lent: 10_000_000, LoansPaid: 2, LoansRepaid: 1,
				LastImport: inStamp, Stale: false, Rank: rank}
		}
		return app.PublishedNotice{Meta: meta(11, city), Period: "2026-02", Label: "2026年2月", End: d("2026-02-28"),
			Published: d("2026-03-02"), Rows: []app.NoticeRow{row(county, 1), row(other, 2)},
			Depts: []app.DeptFigure{{Office: county, Dept: "区自然资源局", Assigned: 3, OnTime: 1, Late: 1, Open: 1, Settled: 2, AvgDays: 7.5}}}
	case app.TableAssessments:
		a := app.BlankAssessment(county, 2025, app.DefaultIndicators())
		for i := range a.Rows {
			a.Rows[i].Figure, a.Rows[i].Score, a.Rows[i].Scored, a.Rows[i].By = "全部到位", a.Rows[i].Weight, true, "陈明"
		}
		a.End, a.Total, a.Rank, a.Of, a.Grade, a.Fund, a.Share = d("2025-12-31"), 100, 1, 9, "优秀", 1_000_000, 111_111
		return app.PublishedAssessment{Meta: meta(12, city), Result: a, Published: d("2026-01-15")}
	case app.TableAttachments:
		return app.Attachment{Meta: meta(13, county), RecordTable: app.TableVisits, RecordID: uid(4), Name: "现场照片.jpg",
			Type: app.TypeJPEG, Size: 2048, SHA256: strings.Repeat("ab", 32)}
	case app.TableCalendar:
		return app.CalendarYear{Meta: meta(14, county), Year: 2027, Source: "国务院办公厅关于2027年部分节假日安排的通知",
			Holidays: []app.Date{d("2027-10-01"), d("2027-10-04")}, Workdays: []app.Date{d("2027-10-09")}}
	}
	panic("no good record of " + string(t))
}

// changeOf is the change that carries x, a record of table t.
func changeOf(t app.Table, x any) app.Change {
	b, err := json.Marshal(x)
	if err != nil {
		panic(err)
	}
	var m app.Meta
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return app.Change{Seq: 1, Table: t, ID: m.ID, Office: m.Office, Version: m.Version, Deleted: m.Deleted, Data: b}
}

// with is the change of the good record of t, edited.
func with[T any](t app.Table, edit func(*T)) app.Change {
	x := good(t).(T)
	edit(&x)
	return changeOf(t, x)
}

// raw is the change of the good record of t, with the change itself edited.
func raw(t app.Table, edit func(*app.Change)) app.Change {
	c := changeOf(t, good(t))
	edit(&c)
	return c
}

// limitsOf are the limits a record of c's table is checked with: the
// city's records go to the county, the county's to the city.
func limitsOf(c app.Change) app.IncomingLimits {
	l := app.IncomingLimits{Sender: county, Receiver: city, Today: inToday, AttachMax: 20 << 20}
	if c.Table == app.TableComments || c.Table == app.TableLoanDecisions || c.Table == app.TableNotices || c.Table == app.TableAssessments {
		l.Sender, l.Receiver = city, county
	}
	return l
}

func TestCheckIncomingTakesGoodRecords(t *testing.T) {
	for _, tb := range app.SyncedTables {
		c := changeOf(tb, good(tb))
		if err := app.CheckIncoming(c, limitsOf(c)); err != nil {
			t.Errorf("%s: a good record is refused: %v", tb, err)
		}
	}
}

func TestCheckIncomingTakesWhatTheWindowTakes(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    app.Change
	}{
		{"a tombstone whose fields the window would refuse", raw(app.TableEnterprises, func(c *app.Change) {
			e := good(app.TableEnterprises).(app.Enterprise)
			e.Deleted, e.Name, e.CreditCode = true, "", "x"
			*c = changeOf(app.TableEnterprises, e)
		})},
		{"tab, line feed and carriage return in a one-line field (a paste, an Excel cell)", with(app.TableEnterprises, func(e *app.Enterprise) { e.Address = "海港区\t河北大街\r\n100号" })},
		{"a visit three days after today (a clock ahead)", with(app.TableVisits, func(v *app.Visit) { v.Date = inToday.AddDays(3) })},
		{"a change stamped three days after today", with(app.TableVisits, func(v *app.Visit) { v.UpdatedAt = inStamp.AddDate(0, 0, 4) })},
		{"a change stamped by a PC whose clock was reset to 1970", with(app.TableVisits, func(v *app.Visit) { v.UpdatedAt = time.Unix(0, 0).UTC() })},
		{"a day of 1990", with(app.TableAssignments, func(a *app.Assignment) { a.From = app.D(1990, 1, 1) })},
		{"a need as the window saves it (待对接, no bank)", with(app.TableFinancing, func(n *app.FinancingNeed) {
			n.Status, n.Bank, n.Credit, n.Lent, n.LentOn = app.NeedOpen, "", 0, 0, app.Date{}
		})},
		{"a problem worked on again after an unsatisfied follow-up of an on-the-spot solution", with(app.TableProblems, func(p *app.Problem) {
			p.Status, p.Handling, p.LeadDept, p.Person, p.ClosedOn, p.Satisfaction = app.StatusInProgress, app.HandleOnSpot, "", "", app.Date{}, "不满意"
		})},
		{"a registered problem", with(app.TableProblems, func(p *app.Problem) {
			*p = app.Problem{Meta: p.Meta, Number: "海港-2026-12345", EnterpriseID: p.EnterpriseID, Source: "企业反映",
				Category: "其他", Description: "用工难", Registered: p.Registered, Status: app.StatusRegistered}
		})},
		{"a loan just applied for", with(app.TableLoans, func(l *app.BridgeLoan) {
			*l = app.BridgeLoan{Meta: l.Meta, EnterpriseID: l.EnterpriseID, Bank: l.Bank, Original: l.Original,
				OriginalDue: l.OriginalDue, Applied: l.Applied, AppliedOn: l.AppliedOn, Status: app.LoanApplied}
		})},
		{"an attachment of the receiving office's largest size", with(app.TableAttachments, func(a *app.Attachment) { a.Size = 20 << 20 })},
		{"an attachment named in capitals with dots", with(app.TableAttachments, func(a *app.Attachment) { a.Name = "扫描件 v1.2.PDF" })},
		{"an amount of 1万亿元", with(app.TableFinancing, func(n *app.FinancingNeed) { n.Amount = 1_000_000_000_000 })},
		{"meeting minutes of 20,000 characters", with(app.TableMeetings, func(m *app.Meeting) { m.Minutes = strings.Repeat("纪", 20000) })},
		{"a meeting planned for a day now past (the plan arrives late)", with(app.TableMeetings, func(m *app.Meeting) {
			m.State, m.Seq, m.Chair, m.Attendees, m.Decisions = app.MeetingPlanned, 0, "", nil, nil
			m.Invitees = []app.Attendee{{Kind: "银行", Name: "中国银行秦皇岛分行"}}
		})},
		{"a planned meeting cancelled", with(app.TableMeetings, func(m *app.Meeting) {
			m.State, m.CancelReason, m.Seq, m.Attendees, m.Decisions = app.MeetingCancelled, "改期", 0, nil, nil
		})},
		{"a meeting held with its invitees kept", with(app.TableMeetings, func(m *app.Meeting) {
			m.Invitees = []app.Attendee{{Kind: "部门", Name: "区工信局"}}
		})},
		{"a quarter's notice labelled as before issue 19 (第1季度)", with(app.TableNotices, func(n *app.PublishedNotice) { n.Period, n.Label = "2026Q1", "2026年第1季度" })},
		{"a quarter's notice labelled in Chinese numerals", with(app.TableNotices, func(n *app.PublishedNotice) { n.Period, n.Label = "2026Q1", "2026年第一季度" })},
		{"a year's notice labelled as before issue 19", with(app.TableNotices, func(n *app.PublishedNotice) { n.Period, n.Label, n.End = "2025", "2025年", app.D(2025, 12, 31) })},
		{"a notice with problems settled that were registered before", with(app.TableNotices, func(n *app.PublishedNotice) { n.Rows[0].SettledEarlier = 3 })},
	} {
		if err := app.CheckIncoming(tc.c, limitsOf(tc.c)); err != nil {
			t.Errorf("%s: refused: %v", tc.name, err)
		}
	}
}

// incomingCase is a record CheckIncoming must refuse, naming field.
type incomingCase struct {
	name  string
	c     app.Change
	field string
	lim   func(*app.IncomingLimits) // changes the limits of the table, when set
	says  string                    // what the message must say, when set
}

// incomingCases break one rule each.
func incomingCases() []incomingCase {
	long := func(n int) string { return strings.Repeat("字", n) }
	ent := func(edit func(*app.Enterprise)) app.Change { return with(app.TableEnterprises, edit) }
	prob := func(edit func(*app.Problem)) app.Change { return with(app.TableProblems, edit) }
	loan := func(edit func(*app.BridgeLoan)) app.Change { return with(app.TableLoans, edit) }
	ev := func(edit func(*app.Event)) app.Change { return with(app.TableEvents, edit) }
	note := func(edit func(*app.PublishedNotice)) app.Change { return with(app.TableNotices, edit) }
	asmt := func(edit func(*app.PublishedAssessment)) app.Change { return with(app.TableAssessments, edit) }
	att := func(edit func(*app.Attachment)) app.Change { return with(app.TableAttachments, edit) }
	visit := func(edit func(*app.Visit)) app.Change { return with(app.TableVisits, edit) }
	data := func(t app.Table, s string) app.Change {
		return raw(t, func(c *app.Change) { c.Data = json.RawMessage(s) })
	}
	d := app.MustDate
	entJSON := string(changeOf(app.TableEnterprises, good(app.TableEnterprises)).Data)
	return []incomingCase{
		// The change and the record's identity.
		{"unknown table", raw(app.TableEnterprises, func(c *app.Change) { c.Table = "secrets" }), "Table", nil, ""},
		{"ID not a UUID", raw(app.TableEnterprises, func(c *app.Change) { c.ID = "e1" }), "ID", nil, ""},
		{"owner not the sender", with(app.TableEnterprises, func(e *app.Enterprise) { e.Office = other }), "Office", nil, ""},
		{"sender not an office of the city", with(app.TableEnterprises, func(e *app.Enterprise) { e.Office = "999999" }), "Office",
			func(l *app.IncomingLimits) { l.Sender = "999999" }, ""},
		{"a county record from the city", with(app.TableEnterprises, func(e *app.Enterprise) { e.Office = city }), "Table",
			func(l *app.IncomingLimits) { l.Sender, l.Receiver = city, county }, ""},
		{"a city record from a county", with(app.TableComments, func(c *app.Comment) { c.Office = county }), "Table",
			func(l *app.IncomingLimits) { l.Sender, l.Receiver = county, city }, ""},
		{"version 0", with(app.TableEnterprises, func(e *app.Enterprise) { e.Version = 0 }), "Version", nil, ""},
		{"version 2^62", with(app.TableEnterprises, func(e *app.Enterprise) { e.Version = 1 << 62 }), "Version", nil, ""},
		{"record over 1 MB", with(app.TableVisits, func(v *app.Visit) { v.Findings = strings.Repeat("a", 1<<20) }), "Data", nil, ""},
		{"invalid UTF-8", data(app.TableEnterprises, strings.Replace(entJSON, "玻璃", "\xff\xfe", 1)), "Data", nil, ""},
		{"data not JSON", data(app.TableEnterprises, `{"id" 1}`), "Data", nil, "不是有效的 JSON"},
		{"data not an object", data(app.TableEnterprises, `[1, 2]`), "Data", nil, "结构不对"},
		{"a field of the wrong type", data(app.TableEnterprises, strings.Replace(entJSON, `"version":3`, `"version":"3"`, 1)), "Data", nil, "类型不对"},
		{"an unknown field", data(app.TableEnterprises, strings.Replace(entJSON, `{`, `{"payload":"x",`, 1)), "Data", nil, "不认识的字段"},
		{"data after the record", data(app.TableEnterprises, entJSON+` {}`), "Data", nil, ""},
		{"data of another record", raw(app.TableEnterprises, func(c *app.Change) { c.ID = uid(20) }), "ID", nil, ""},
		{"data of another version", raw(app.TableEnterprises, func(c *app.Change) { c.Version = 4 }), "ID", nil, ""},
		{"data of another owner", raw(app.TableEnterprises, func(c *app.Change) {
			e := good(app.TableEnterprises).(app.Enterprise)
			e.Office = other
			c.Data = changeOf(app.TableEnterprises, e).Data
		}), "ID", nil, ""},
		{"no change time", with(app.TableEnterprises, func(e *app.Enterprise) { e.UpdatedAt = time.Time{} }), "UpdatedAt", nil, ""},
		{"change time four days ahead", with(app.TableEnterprises, func(e *app.Enterprise) { e.UpdatedAt = inStamp.AddDate(0, 0, 5) }), "UpdatedAt", nil, ""},
		{"change time before 1970", with(app.TableEnterprises, func(e *app.Enterprise) { e.UpdatedAt = time.Unix(-1, 0).UTC() }), "UpdatedAt", nil, ""},

		// Text.
		{"a control character", ent(func(e *app.Enterprise) { e.Industry = "玻璃\x07制造" }), "Industry", nil, ""},
		{"DEL", ent(func(e *app.Enterprise) { e.Contact = "张\x7f敏" }), "Contact", nil, ""},
		{"a C1 control character", ent(func(e *app.Enterprise) { e.LegalRep = "李\u0085强" }), "LegalRep", nil, ""},
		{"U+202E", ent(func(e *app.Enterprise) { e.Phone = "139\u202e0335" }), "Phone", nil, ""},
		{"U+202A", ent(func(e *app.Enterprise) { e.Phone = "139\u202a0335" }), "Phone", nil, ""},
		{"U+2066", visit(func(v *app.Visit) { v.Findings = "正常\u2066" }), "Findings", nil, ""},
		{"U+2069", visit(func(v *app.Visit) { v.Companions = "赵\u2069磊" }), "Companions", nil, ""},
		{"U+200E", ent(func(e *app.Enterprise) { e.Contact = "\u200e张敏" }), "Contact", nil, ""},
		{"U+200F", ent(func(e *app.Enterprise) { e.Contact = "张敏\u200f" }), "Contact", nil, ""},
		{"U+061C", ent(func(e *app.Enterprise) { e.Contact = "张\u061c敏" }), "Contact", nil, ""},
		{"a control character in the change's author", ent(func(e *app.Enterprise) { e.UpdatedBy = "王\x1b[2J芳" }), "UpdatedBy", nil, ""},
		{"a control character in a list item", with(app.TableMeetings, func(m *app.Meeting) { m.Attendees[1].Name = "区\x00工信局" }), "Attendees.1.Name", nil, ""},
		{"a name past the window's 100", ent(func(e *app.Enterprise) { e.Name = long(101) }), "Name", nil, ""},
		{"a one-line field past 200", ent(func(e *app.Enterprise) { e.Industry = long(201) }), "Industry", nil, ""},
		{"a text past 20,000", visit(func(v *app.Visit) { v.Findings = long(20001) }), "Findings", nil, ""},
		{"a list past 1,000", with(app.TableMeetings, func(m *app.Meeting) {
			m.Attendees = slices.Repeat(m.Attendees[:1], 1001)
		}), "Attendees", nil, ""},

		// Days, amounts, numbers.
		{"30 February", data(app.TableVisits, strings.Replace(string(changeOf(app.TableVisits, good(app.TableVisits)).Data),
			`"date":"2026-03-10"`, `"date":"2026-02-30"`, 1)), "Data", nil, "2026-02-30”不存在"},
		{"a day of 1989", with(app.TableAssignments, func(a *app.Assignment) { a.From = d("1989-12-31") }), "From", nil, ""},
		{"a day of 2101", with(app.TableAssignments, func(a *app.Assignment) { a.To = d("2101-01-01") }), "To", nil, ""},
		{"a negative amount", loan(func(l *app.BridgeLoan) { l.Fee = -1 }), "Fee", nil, "万元"},
		{"an amount above 1万亿元", with(app.TableFinancing, func(n *app.FinancingNeed) {
			n.Amount = 1_000_000_000_001
		}), "Amount", nil, "万元"},
		{"a negative count", note(func(n *app.PublishedNotice) { n.Rows[0].Visits = -1 }), "Rows.0.Visits", nil, ""},
		{"a count above its bound", with(app.TableMeetings, func(m *app.Meeting) { m.Seq = 10000 }), "Seq", nil, ""},
		{"a negative score", asmt(func(a *app.PublishedAssessment) { a.Result.Rows[0].Score = -1 }), "Result.Rows.0.Score", nil, ""},
		{"a rate above 1", note(func(n *app.PublishedNotice) { n.Rows[0].SettleRate = 1.5 }), "Rows.0.SettleRate", nil, ""},
		{"an int64-max amount", with(app.TableFinancing, func(n *app.FinancingNeed) { n.Credit = 1<<63 - 1 }), "Credit", nil, ""},

		// Enterprises, leaders, assignments, visits: the window's rules, references.
		{"enterprise: the window's rules", ent(func(e *app.Enterprise) { e.CreditCode = "91130302MA0000000X" }), "CreditCode", nil, ""},
		{"enterprise: a category not in the notice", ent(func(e *app.Enterprise) { e.Categories = []string{"独角兽"} }), "Categories.0", nil, ""},
		{"leader: the window's rules", with(app.TableLeaders, func(x *app.Leader) { x.Level = "省级" }), "Level", nil, ""},
		{"assignment: the window's rules", with(app.TableAssignments, func(a *app.Assignment) { a.To = d("2024-12-31") }), "To", nil, ""},
		{"assignment: leader not a record ID", with(app.TableAssignments, func(a *app.Assignment) { a.LeaderID = "l1" }), "LeaderID", nil, ""},
		{"assignment: enterprise not a record ID", with(app.TableAssignments, func(a *app.Assignment) { a.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},
		{"visit: four days after today", visit(func(v *app.Visit) { v.Date = inToday.AddDays(4) }), "Date", nil, ""},
		{"visit: leader not a record ID", visit(func(v *app.Visit) { v.LeaderID = "l1" }), "LeaderID", nil, ""},
		{"visit: enterprise not a record ID", visit(func(v *app.Visit) { v.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},

		// Problems.
		{"problem: the window's rules", prob(func(p *app.Problem) { p.Category = "" }), "Category", nil, ""},
		{"problem: enterprise not a record ID", prob(func(p *app.Problem) { p.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},
		{"problem: source not a record ID", prob(func(p *app.Problem) { p.SourceID = "v1" }), "SourceID", nil, ""},
		{"problem: number of another office", prob(func(p *app.Problem) { p.Number = "山海关-2026-0001" }), "Number", nil, ""},
		{"problem: unknown status", prob(func(p *app.Problem) { p.Status = "逾期" }), "Status", nil, ""},
		{"problem: unknown handling", prob(func(p *app.Problem) {
			*p = app.Problem{Meta: p.Meta, Number: p.Number, EnterpriseID: p.EnterpriseID, Source: p.Source, Category: p.Category,
				Description: p.Description, Registered: p.Registered, Status: app.StatusRegistered, Handling: "搁置"}
		}), "Handling", nil, ""},
		{"problem: unknown satisfaction", prob(func(p *app.Problem) {
			p.Status, p.ClosedOn, p.Satisfaction = app.StatusInProgress, app.Date{}, "很好"
		}), "Satisfaction", nil, ""},
		{"problem: 交办 not handled by assigning", prob(func(p *app.Problem) {
			p.Status, p.Handling, p.ClosedOn, p.Result, p.Satisfaction = app.StatusAssigned, app.HandleOnSpot, app.Date{}, "", ""
		}), "Handling", nil, ""},
		{"problem: 交办 with no lead department", prob(func(p *app.Problem) { p.Status, p.LeadDept = app.StatusAssigned, "" }), "LeadDept", nil, ""},
		{"problem: 交办 with no person", prob(func(p *app.Problem) { p.Status, p.Person = app.StatusAssigned, " " }), "Person", nil, ""},
		{"problem: 交办 with no deadline", prob(func(p *app.Problem) { p.Status, p.Deadline = app.StatusAssigned, app.Date{} }), "Deadline", nil, ""},
		{"problem: 办理中 explained", prob(func(p *app.Problem) { p.Status, p.Handling = app.StatusInProgress, app.HandleExplain }), "Handling", nil, ""},
		{"problem: 办理中 with no deadline", prob(func(p *app.Problem) { p.Status, p.Deadline = app.StatusInProgress, app.Date{} }), "Deadline", nil, ""},
		{"problem: 已办结 not handled", prob(func(p *app.Problem) { p.Status, p.Handling = app.StatusDone, "" }), "Handling", nil, ""},
		{"problem: 已办结 with no result", prob(func(p *app.Problem) { p.Status, p.Result = app.StatusDone, "" }), "Result", nil, ""},
		{"problem: 销号 with no closing day (登记 → 销号)", prob(func(p *app.Problem) { p.ClosedOn = app.Date{} }), "ClosedOn", nil, ""},
		{"problem: 销号 with no follow-up answer", prob(func(p *app.Problem) { p.Satisfaction = "" }), "Satisfaction", nil, ""},
		{"problem: 回访 unsatisfied", prob(func(p *app.Problem) { p.Status, p.Satisfaction = app.StatusFollowedUp, "不满意" }), "Satisfaction", nil, ""},
		{"problem: 已解释 not handled so", prob(func(p *app.Problem) {
			p.Status, p.Explanation, p.Satisfaction = app.StatusExplained, "无法律依据", ""
		}), "Handling", nil, ""},
		{"problem: 已解释 with no explanation", prob(func(p *app.Problem) {
			p.Status, p.Handling, p.Satisfaction = app.StatusExplained, app.HandleExplain, ""
		}), "Explanation", nil, ""},
		{"problem: 已解释 with no closing day", prob(func(p *app.Problem) {
			p.Status, p.Handling, p.Explanation, p.Satisfaction, p.ClosedOn = app.StatusExplained, app.HandleExplain, "无法律依据", "", app.Date{}
		}), "ClosedOn", nil, ""},

		// Events.
		{"event: problem not a record ID", ev(func(e *app.Event) { e.ProblemID = "p1" }), "ProblemID", nil, ""},
		{"event: no day", ev(func(e *app.Event) { e.Date = app.Date{} }), "Date", nil, ""},
		{"event: unknown satisfaction", ev(func(e *app.Event) { e.Satisfaction = "很好" }), "Satisfaction", nil, ""},
		{"event: unknown step", ev(func(e *app.Event) { e.Kind = "跳过" }), "Kind", nil, ""},
		{"event: a status the step does not lead to", ev(func(e *app.Event) { e.Kind = app.ActAssign }), "Status", nil, ""},

		// Meetings.
		{"meeting: the window's rules", with(app.TableMeetings, func(m *app.Meeting) { m.Format = "早餐会" }), "Format", nil, ""},
		{"meeting: four days after today", with(app.TableMeetings, func(m *app.Meeting) {
			m.Date, m.Decisions = inToday.AddDays(4), nil
		}), "Date", nil, ""},
		{"meeting: enterprise not a record ID", with(app.TableMeetings, func(m *app.Meeting) { m.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},
		{"meeting: no number", with(app.TableMeetings, func(m *app.Meeting) { m.Seq = 0 }), "Seq", nil, ""},
		{"meeting: a plan with a number", with(app.TableMeetings, func(m *app.Meeting) {
			m.State, m.Attendees, m.Decisions = app.MeetingPlanned, nil, nil
		}), "Seq", nil, ""},
		{"meeting: an unknown state", with(app.TableMeetings, func(m *app.Meeting) { m.State = "推迟" }), "State", nil, ""},
		{"meeting: cancelled without a reason", with(app.TableMeetings, func(m *app.Meeting) {
			m.State, m.Seq, m.Attendees, m.Decisions = app.MeetingCancelled, 0, nil, nil
		}), "CancelReason", nil, ""},
		{"meeting: an invitee of no kind", with(app.TableMeetings, func(m *app.Meeting) {
			m.Invitees = []app.Attendee{{Kind: "朋友", Name: "张三"}}
		}), "Invitees", nil, ""},

		// Financing needs.
		{"need: no status", with(app.TableFinancing, func(n *app.FinancingNeed) {
			n.Status, n.Bank, n.Credit, n.Lent, n.LentOn = "", "", 0, 0, app.Date{}
		}), "Status", nil, "未填写"},
		{"need: the window's rules", with(app.TableFinancing, func(n *app.FinancingNeed) { n.Amount = 0 }), "Amount", nil, ""},
		{"need: enterprise not a record ID", with(app.TableFinancing, func(n *app.FinancingNeed) { n.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},
		{"need: meeting not a record ID", with(app.TableFinancing, func(n *app.FinancingNeed) { n.MeetingID = "m1" }), "MeetingID", nil, ""},

		// Bridge loans.
		{"loan: the window's rules", loan(func(l *app.BridgeLoan) { l.Applied = l.Original + 1 }), "Applied", nil, ""},
		{"loan: enterprise not a record ID", loan(func(l *app.BridgeLoan) { l.EnterpriseID = "e1" }), "EnterpriseID", nil, ""},
		{"loan: unknown status", loan(func(l *app.BridgeLoan) { l.Status = app.LoanOverdue }), "Status", nil, ""},
		{"loan: three conditions", loan(func(l *app.BridgeLoan) { l.Status, l.Conditions = app.LoanApplied, []bool{true, true, true} }), "Conditions", nil, ""},
		{"loan: 审核 not reviewed", loan(func(l *app.BridgeLoan) { l.Status, l.Conditions = app.LoanReviewed, nil }), "Conditions", nil, ""},
		{"loan: 批准 with a condition not met", loan(func(l *app.BridgeLoan) { l.Conditions[2] = false }), "Conditions", nil, ""},
		{"loan: 批准 with no commitment", loan(func(l *app.BridgeLoan) { l.Commitment = "" }), "Commitment", nil, ""},
		{"loan: approved above the loan", loan(func(l *app.BridgeLoan) { l.Approved = l.Original + 1 }), "Approved", nil, ""},
		{"loan: 批准 with no day", loan(func(l *app.BridgeLoan) { l.ApprovedOn = app.Date{} }), "ApprovedOn", nil, ""},
		{"loan: 放款 with no day", loan(func(l *app.BridgeLoan) { l.Status, l.PaidOn, l.RepaidOn = app.LoanPaid, app.Date{}, app.Date{} }), "PaidOn", nil, ""},
		{"loan: due back before paid", loan(func(l *app.BridgeLoan) { l.DueBack = l.PaidOn }), "DueBack", nil, ""},
		{"loan: 结清 with no day", loan(func(l *app.BridgeLoan) { l.RepaidOn = app.Date{} }), "RepaidOn", nil, ""},
		{"loan: approved after today", loan(func(l *app.BridgeLoan) {
			l.Status, l.ApprovedOn, l.PaidOn, l.DueBack, l.RepaidOn = app.LoanApproved, inToday.AddDays(4), app.Date{}, app.Date{}, app.Date{}
		}), "ApprovedOn", nil, ""},
		{"loan: paid after today", loan(func(l *app.BridgeLoan) {
			l.Status, l.PaidOn, l.DueBack, l.RepaidOn = app.LoanPaid, inToday.AddDays(4), inToday.AddDays(10), app.Date{}
		}), "PaidOn", nil, ""},
		{"loan: repaid after today", loan(func(l *app.BridgeLoan) { l.RepaidOn = inToday.AddDays(4) }), "RepaidOn", nil, ""},

		// Comments.
		{"comment: the window's rules", with(app.TableComments, func(c *app.Comment) { c.Text = " " }), "Text", nil, ""},
		{"comment: problem not a record ID", with(app.TableComments, func(c *app.Comment) { c.ProblemID = "p1" }), "ProblemID", nil, ""},
		{"comment: on the city's own problem", with(app.TableComments, func(c *app.Comment) { c.ProblemOffice = city }), "ProblemOffice", nil, "不是县区"},
		{"comment: for another county", with(app.TableComments, func(c *app.Comment) { c.ProblemOffice = other }), "ProblemOffice", nil, ""},

		// Notices.
		{"notice: not a period", note(func(n *app.PublishedNotice) { n.Period = "2026-13" }), "Period", nil, ""},
		{"notice: label of another period", note(func(n *app.PublishedNotice) { n.Label = "2026年3月" }), "Label", nil, ""},
		{"notice: label of another quarter", note(func(n *app.PublishedNotice) { n.Period, n.Label = "2026Q1", "2026年第二季度" }), "Label", nil, ""},
		{"notice: a period of 1980", note(func(n *app.PublishedNotice) { n.Period, n.Label = "1980", "1980年" }), "Period", nil, ""},
		{"notice: no end", note(func(n *app.PublishedNotice) { n.End = app.Date{} }), "End", nil, ""},
		{"notice: not published", note(func(n *app.PublishedNotice) { n.Published = app.Date{} }), "Published", nil, ""},
		{"notice: published after today", note(func(n *app.PublishedNotice) { n.Published = inToday.AddDays(4) }), "Published", nil, ""},
		{"notice: a row of the city", note(func(n *app.PublishedNotice) { n.Rows[1].Office = city }), "Rows.1.Office", nil, ""},
		{"notice: a county twice", note(func(n *app.PublishedNotice) { n.Rows[1].Office = county }), "Rows.1.Office", nil, ""},
		{"notice: more rows than offices", note(func(n *app.PublishedNotice) { n.Rows = slices.Repeat(n.Rows, 6) }), "Rows", nil, ""},

		// Assessments.
		{"assessment: of another county", asmt(func(a *app.PublishedAssessment) { a.Result.Office = other }), "Result.Office", nil, ""},
		{"assessment: a year before 1990", asmt(func(a *app.PublishedAssessment) { a.Result.Year = 1989 }), "Result.Year", nil, ""},
		{"assessment: not published", asmt(func(a *app.PublishedAssessment) { a.Published = app.Date{} }), "Published", nil, ""},
		{"assessment: published after today", asmt(func(a *app.PublishedAssessment) { a.Published = inToday.AddDays(4) }), "Published", nil, ""},
		{"assessment: unknown grade", asmt(func(a *app.PublishedAssessment) { a.Result.Grade = "卓越" }), "Result.Grade", nil, ""},

		// Attachments.
		{"attachment: of a comment", att(func(a *app.Attachment) { a.RecordTable = app.TableComments }), "RecordTable", nil, ""},
		{"attachment: record not a record ID", att(func(a *app.Attachment) { a.RecordID = "v1" }), "RecordID", nil, ""},
		{"attachment: a program's type", att(func(a *app.Attachment) { a.Type = "application/x-msdownload" }), "Type", nil, ""},
		{"attachment: a program's name", att(func(a *app.Attachment) { a.Name = "整改报告.pdf.exe" }), "Name", nil, ""},
		{"attachment: empty", att(func(a *app.Attachment) { a.Size = 0 }), "Size", nil, ""},
		{"attachment: 10 GB", att(func(a *app.Attachment) { a.Size = 10 << 30 }), "Size", nil, ""},
		{"attachment: above this office's cap", att(func(a *app.Attachment) { a.Size = 20<<20 + 1 }), "Size", nil, ""},
		{"attachment: not a SHA-256", att(func(a *app.Attachment) { a.SHA256 = strings.Repeat("AB", 32) }), "SHA256", nil, ""},

		// A tombstone is checked as stored: identity and field bounds.
		{"tombstone: a bidirectional control", raw(app.TableEnterprises, func(c *app.Change) {
			e := good(app.TableEnterprises).(app.Enterprise)
			e.Deleted, e.Name = true, "\u202eexe.pdf"
			*c = changeOf(app.TableEnterprises, e)
		}), "Name", nil, ""},
		{"tombstone: not deleted in its data", raw(app.TableEnterprises, func(c *app.Change) { c.Deleted = true }), "ID", nil, ""},
	}
}

func TestCheckIncomingRefuses(t *testing.T) {
	for _, tc := range incomingCases() {
		t.Run(tc.name, func(t *testing.T) {
			l := limitsOf(tc.c)
			if tc.lim != nil {
				tc.lim(&l)
			}
			err := app.CheckIncoming(tc.c, l)
			var inv app.Invalid
			if !errors.As(err, &inv) {
				t.Fatalf("CheckIncoming = %v, want a refusal naming %s", err, tc.field)
			}
			msg := app.FieldMsg(err, tc.field)
			if msg == "" {
				t.Fatalf("the refusal names no %s: %v", tc.field, err)
			}
			if !strings.Contains(msg, tc.says) {
				t.Errorf("message %q does not say %q", msg, tc.says)
			}
			if !strings.ContainsFunc(msg, func(c rune) bool { return c >= 0x4e00 && c <= 0x9fff }) {
				t.Errorf("message %q is not in Chinese", msg)
			}
			t.Logf("%s", err)
		})
	}
}

// TestCheckIncomingNamesTheField checks that a message says which field,
// in the clerks' words, even where the window's message does not.
func TestCheckIncomingNamesTheField(t *testing.T) {
	c := with(app.TableEnterprises, func(e *app.Enterprise) { e.Name = strings.Repeat("字", 101) })
	msg := app.FieldMsg(app.CheckIncoming(c, limitsOf(c)), "Name")
	if !strings.Contains(msg, "企业名称") || !strings.Contains(msg, "100") {
		t.Errorf("message = %q, want it to name 企业名称 and its bound", msg)
	}
	c = with(app.TableMeetings, func(m *app.Meeting) { m.Attendees[1].Name = "区\u202e局" })
	msg = app.FieldMsg(app.CheckIncoming(c, limitsOf(c)), "Attendees.1.Name")
	if !strings.Contains(msg, "参会人员姓名（第2项）") || strings.ContainsRune(msg, '\u202e') {
		t.Errorf("message = %q, want it to name the second attendee's name without the character itself", msg)
	}
}

func TestCheckIncomingListsAtMostTenFaults(t *testing.T) {
	c := with(app.TableMeetings, func(m *app.Meeting) {
		for range 30 {
			m.Attendees = append(m.Attendees, app.Attendee{Group: "x", Kind: "y", Name: "z\x01"})
		}
	})
	var inv app.Invalid
	if !errors.As(app.CheckIncoming(c, limitsOf(c)), &inv) {
		t.Fatal("a meeting with 30 bad attendees is taken")
	}
	if len(inv) != 11 || !strings.Contains(inv[10].Msg, "共") {
		t.Errorf("%d faults listed, the last %q; want 10 and a count", len(inv), inv[len(inv)-1].Msg)
	}
}

func TestCheckIncomingNeedsToday(t *testing.T) {
	c := changeOf(app.TableVisits, good(app.TableVisits))
	l := limitsOf(c)
	l.Today = app.Date{}
	err := app.CheckIncoming(c, l)
	var inv app.Invalid
	if err == nil || errors.As(err, &inv) {
		t.Errorf("CheckIncoming with no today = %v, want a fault of the program", err)
	}
}

func TestCheckAttachmentName(t *testing.T) {
	for _, name := range []string{"现场照片.jpg", "扫描件.PDF", "v1.2 整改报告.pdf", "IMG_0001", "会议纪要（签字版）.pdf", ".pdf"} {
		if err := app.CheckAttachmentName(name); err != nil {
			t.Errorf("CheckAttachmentName(%q) = %v, want nil", name, err)
		}
	}
	for _, name := range []string{
		"",                                              // empty
		strings.Repeat("名", 256),                        // too long
		strings.Repeat("😀", 128) + ".jpg",               // over 255 UTF-16 units
		"../../启动/a.pdf", `C:\Windows\a.pdf`, "a/b.pdf", // paths
		"a:b.pdf", "a.pdf:evil.exe", "a<b.pdf", "a>b.pdf", `a"b.pdf`, "a|b.pdf", "a?.pdf", "a*.pdf", "a\tb.pdf", "a\x7f.pdf", // Windows characters
		"报告.pdf.", "报告.pdf ", " 报告.pdf", // dropped by Windows
		"CON", "con.pdf", "Nul .jpg", "PRN.png", "AUX.pdf", "COM1.pdf", "com9.jpg", "LPT1.pdf", "lpt9", "COM¹.pdf", "CONIN$.pdf", // devices
		"整改报告.pdf.exe", "说明.bat", "a.CMD", "a.com", "a.scr", "a.msi", "a.js", "a.vbs", "a.ps1", "a.lnk", "a.hta", "a.html", // programs
		"说明.exe.pdf", "a.Exe .pdf", "x.pdf.lnk", // a program's extension inside
	} {
		if err := app.CheckAttachmentName(name); err == nil {
			t.Errorf("CheckAttachmentName(%q) = nil, want a refusal", name)
		} else if !strings.Contains(err.Error(), "附件") {
			t.Errorf("CheckAttachmentName(%q) = %v, want a message about the attachment", name, err)
		}
	}
}

func TestCheckAttachmentContent(t *testing.T) {
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	a := app.Attachment{Name: "报告.pdf", Type: app.TypePDF, Size: int64(len(pdf)), SHA256: app.ContentHash(pdf)}
	if err := app.CheckAttachmentContent(a, pdf); err != nil {
		t.Fatalf("the attachment's own content: %v", err)
	}
	jpeg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	exe := append([]byte("MZ"), pdf[2:]...)
	for _, tc := range []struct {
		name    string
		a       app.Attachment
		content []byte
		field   string
	}{
		{"size field not the content's", func() app.Attachment { x := a; x.Size = 10 << 30; return x }(), pdf, "Size"},
		{"hash not the content's", a, append([]byte("%PDF-1.5"), pdf[8:]...), "SHA256"},
		{"a program typed as a PDF", func() app.Attachment { x := a; x.SHA256 = app.ContentHash(exe); return x }(), exe, "Type"},
		{"a photo typed as a PDF", func() app.Attachment {
			x := a
			x.Size, x.SHA256 = int64(len(jpeg)), app.ContentHash(jpeg)
			return x
		}(), jpeg, "Type"},
	} {
		err := app.CheckAttachmentContent(tc.a, tc.content)
		if msg := app.FieldMsg(err, tc.field); msg == "" || !strings.Contains(msg, "报告.pdf") {
			t.Errorf("%s: CheckAttachmentContent = %v, want a refusal of %s naming the file", tc.name, err, tc.field)
		}
	}
}

// TestCheckIncomingTakesARealCountyFile checks every record of two years
// of a county's generated records, made through the store as the window
// makes them, with an attachment, and the city's comment, notice:
// nothing the program writes is refused.
func TestCheckIncomingTakesARealCountyFile(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 16, 9, 0, 0, 0, time.Local)
	today := app.DateOf(now)
	st := datatest.NewSetUp(t, app.Office{Code: county, Name: "海港区", Role: app.RoleCounty})
	if _, err := demo.Fill(ctx, st, app.Op{Operator: "演示", At: now}, demo.Options{Today: today, Years: 2, Seed: 7}); err != nil {
		t.Fatalf("demo.Fill: %v", err)
	}
	svc := &app.Service{Store: st, Now: func() time.Time { return now }, Operator: "测试"}
	visits, err := svc.Visits(ctx, app.VisitFilter{Limit: 1})
	if err != nil || len(visits) == 0 {
		t.Fatalf("Visits = %v, %v", visits, err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	att, _, err := svc.Attach(ctx, app.TableVisits, visits[0].ID, "现场照片.png", buf.Bytes())
	if err != nil {
		t.Fatalf("Attach: %v", err)
	}
	if err := app.CheckAttachmentContent(att, buf.Bytes()); err != nil {
		t.Errorf("CheckAttachmentContent of an attachment as added: %v", err)
	}
	changes, _, err := st.Changes(ctx, county, 0)
	if err != nil {
		t.Fatalf("Changes: %v", err)
	}
	lim := app.IncomingLimits{Sender: county, Receiver: city, Today: today, AttachMax: app.DefaultSettings().AttachLimit()}
	checkAll(t, changes, lim)

	// The city's records to the county.
	cst := datatest.NewSetUp(t, app.Office{Code: city, Name: "秦皇岛市工业和信息化局", Role: app.RoleCity})
	csvc := &app.Service{Store: cst, Now: func() time.Time { return now }, Operator: "陈明"}
	e := app.Enterprise{CreditCode: datatest.CreditCode(3), Name: "山海关船舶配件有限公司"}
	if err := csvc.SaveEnterprise(ctx, &e); err != nil {
		t.Fatal(err)
	}
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: e.ID, Description: "融资难", Category: "融资", Source: "企业反映", Registered: today}}
	if err := csvc.RegisterProblem(ctx, &np); err != nil {
		t.Fatal(err)
	}
	if err := cst.SetOwner(app.TableProblems, county, np.Problem.ID); err != nil {
		t.Fatal(err)
	}
	if err := csvc.SaveComment(ctx, &app.Comment{ProblemID: np.Problem.ID, Date: today, Text: "请尽快对接银行", Author: "陈明"}); err != nil {
		t.Fatal(err)
	}
	if _, err := csvc.PublishNotice(ctx, app.NoticePeriod{Year: 2026, Month: 2}); err != nil {
		t.Fatal(err)
	}
	all, _, err := cst.Changes(ctx, city, 0)
	if err != nil {
		t.Fatal(err)
	}
	var toCounty []app.Change
	for _, c := range all {
		if c.Table == app.TableComments || c.Table == app.TableNotices {
			toCounty = append(toCounty, c)
		}
	}
	if len(toCounty) != 2 {
		t.Fatalf("%d city records for the county, want a comment and a notice", len(toCounty))
	}
	checkAll(t, toCounty, app.IncomingLimits{Sender: city, Receiver: county, Today: today, AttachMax: 20 << 20})
}

// checkAll checks that CheckIncoming takes every change, and that every
// table among them is seen.
func checkAll(t *testing.T, changes []app.Change, l app.IncomingLimits) {
	t.Helper()
	seen := map[app.Table]int{}
	refused := 0
	start := time.Now()
	for _, c := range changes {
		seen[c.Table]++
		if err := app.CheckIncoming(c, l); err != nil {
			if refused++; refused <= 5 {
				t.Errorf("%s %s of %s refused: %v\n%s", c.Table, c.ID, c.Office, err, c.Data)
			}
		}
	}
	if refused > 0 {
		t.Errorf("%d of %d records refused", refused, len(changes))
	}
	t.Logf("%d records checked in %v: %v", len(changes), time.Since(start).Round(time.Millisecond), seen)
}

func FuzzCheckIncoming(f *testing.F) {
	for i, tb := range app.SyncedTables {
		f.Add(uint8(i), []byte(changeOf(tb, good(tb)).Data), false)
	}
	for _, tc := range incomingCases() {
		if i := slices.Index(app.SyncedTables, tc.c.Table); i >= 0 {
			f.Add(uint8(i), []byte(tc.c.Data), tc.c.Deleted)
		}
	}
	f.Add(uint8(0), []byte(`{"id":"00000000-0000-4000-8000-00000000000b","office":"130302","version":3,"categories":null,"name":{}}`), true)
	f.Fuzz(func(t *testing.T, table uint8, data []byte, deleted bool) {
		tb := app.SyncedTables[int(table)%len(app.SyncedTables)]
		c := changeOf(tb, good(tb))
		c.Data, c.Deleted = data, deleted
		err := app.CheckIncoming(c, limitsOf(c))
		var inv app.Invalid
		if err != nil && !errors.As(err, &inv) {
			t.Fatalf("a fault of the program on data %q: %v", data, err)
		}
		if err == nil && (len(data) > 1<<20 || !json.Valid(data)) {
			t.Fatalf("data %q taken", data)
		}
	})
}
