package xlsx_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// office fills svc's store with enterprises, leaders with their
// assignments, visits of every mode and meetings of every kind, with
// attendees of every kind and decisions.
func office(t testing.TB, svc *app.Service) {
	t.Helper()
	var ents []app.Enterprise
	for i, name := range []string{"秦皇岛甲机械有限公司", "秦皇岛乙玻璃（集团）有限公司", "秦皇岛丙食品有限公司"} {
		e := app.Enterprise{Name: name, CreditCode: code(t, i+1), Industry: "制造", Categories: []string{"规模以上", "专精特新"}}
		if err := svc.SaveEnterprise(ctx, &e); err != nil {
			t.Fatal(err)
		}
		ents = append(ents, e)
	}
	var ls []app.Leader
	for _, l := range []app.Leader{{Name: "王建国", Post: "副区长", Level: app.LevelCounty, Body: "政府", Phone: "13800000001"},
		{Name: "李红", Post: "区委常委", Level: app.LevelCounty, Body: "党委"},
		{Name: "赵明", Post: "副市长", Level: app.LevelCity, Body: "政府"}} {
		if err := svc.SaveLeader(ctx, &l); err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
	}
	for _, a := range []app.Assignment{
		{LeaderID: ls[0].ID, EnterpriseID: ents[0].ID, Liaison: "刘洋", LiaisonPhone: "0335-1234567", LeadDept: "区工信局", SupportDepts: "区发改局、区财政局", From: app.D(2026, 1, 1)},
		{LeaderID: ls[0].ID, EnterpriseID: ents[1].ID, Liaison: "陈静", From: app.D(2025, 3, 1), To: app.D(2025, 12, 31)},
		{LeaderID: ls[1].ID, EnterpriseID: ents[2].ID, Liaison: "孙丽", From: app.D(2026, 2, 1)},
	} {
		if err := svc.SaveAssignment(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for i, mode := range app.VisitModes {
		v := app.Visit{Date: app.D(2026, 3, 2+i), LeaderID: ls[i%2].ID, EnterpriseID: ents[i%3].ID, Mode: mode,
			Companions: "区工信局 刘洋", Findings: fmt.Sprintf("了解企业生产经营情况，第%d次", i+1)}
		if err := svc.SaveVisit(ctx, &v, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []app.Meeting{
		{Kind: app.MeetingOnSite, Format: "企业", Date: app.D(2026, 2, 10), Place: "甲机械会议室", EnterpriseID: ents[0].ID, Chair: "王建国",
			Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "王建国"}, {Group: app.Present, Kind: "部门", Name: "区自然资源局"},
				{Group: app.Sitting, Kind: "企业", Name: ents[0].Name}, {Group: app.Absent, Kind: "部门", Name: "区住建局"}},
			Agenda: "协调用地", Minutes: "会议听取了企业汇报。\n会议议定如下事项。",
			Decisions: []app.Decision{{Text: "协调用地；尽快供地", Unit: "区自然资源局（牵头）", Deadline: app.D(2026, 3, 31)}}},
		{Kind: app.MeetingOnSite, Format: "项目现场", Date: app.D(2026, 3, 12), Place: "开发区项目工地", Chair: "李红",
			Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "李红"}}},
		{Kind: app.MeetingBank, Format: "对接会", Date: app.D(2026, 3, 20), Place: "区政府三楼会议室", Chair: "赵明",
			Attendees: []app.Attendee{{Group: app.Present, Kind: "银行", Name: "中国工商银行秦皇岛分行"}, {Group: app.Present, Kind: "银行", Name: "秦皇岛银行"},
				{Group: app.Present, Kind: "企业", Name: ents[1].Name}},
			Agenda: "融资对接", Minutes: "三家银行介绍信贷产品。"},
		{Kind: app.MeetingRoundtable, Format: "早餐会", Date: app.D(2026, 1, 15), Place: "区政府食堂", Chair: "王建国"},
	} {
		if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// importAll previews each workbook in turn into svc and applies it; every
// row must be of outcome want.
func importAll(t *testing.T, svc *app.Service, want xlsx.Outcome, files ...any) {
	t.Helper()
	for i := 0; i < len(files); i += 2 {
		k, b := files[i].(xlsx.Kind), files[i+1].([]byte)
		p, err := preview(t, svc, k, b)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if p.Count(want) != len(p.Rows) || len(p.Rows) == 0 {
			t.Fatalf("%s: %s, want every row %s\n%+v", k, p.Summary(), want.Label(), p.Rows)
		}
		if err := p.Apply(ctx, svc, nil); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
	}
}

// leadersOf, visitsOf and meetingsOf are the records of a store as text,
// without what the store gives them (IDs, versions, times), sorted.
func leadersOf(t *testing.T, svc *app.Service) []string {
	t.Helper()
	ls, err := svc.Leaders(ctx, app.LeaderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	as, err := svc.Assignments(ctx, app.AssignmentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range ls {
		l.Meta = app.Meta{}
		out = append(out, fmt.Sprintf("%+v", l))
	}
	for _, a := range as {
		a.Meta, a.LeaderID, a.EnterpriseID = app.Meta{}, "", ""
		out = append(out, fmt.Sprintf("%+v", a))
	}
	slices.Sort(out)
	return out
}

func visitsOf(t *testing.T, svc *app.Service) []string {
	t.Helper()
	vs, err := svc.Visits(ctx, app.VisitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		v.Meta, v.LeaderID, v.EnterpriseID = app.Meta{}, "", ""
		out = append(out, fmt.Sprintf("%+v", v))
	}
	slices.Sort(out)
	return out
}

func meetingsOf(t *testing.T, svc *app.Service) []string {
	t.Helper()
	ms, err := svc.Meetings(ctx, app.MeetingFilter{HeldOnly: true}) // the export's: not the plans

	if err != nil {
		t.Fatal(err)
	}
	ents, _ := svc.Enterprises(ctx, app.EnterpriseFilter{})
	names := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
	}
	var out []string
	for _, m := range ms {
		ent := names[m.EnterpriseID]
		m.Meta, m.EnterpriseID = app.Meta{}, ""
		// The workbook lists each group's attendees in a column of its
		// own: the order of the groups is the minutes' order.
		slices.SortStableFunc(m.Attendees, func(a, b app.Attendee) int {
			return slices.Index(app.AttendanceGroups, a.Group) - slices.Index(app.AttendanceGroups, b.Group)
		})
		for i := range m.Decisions {
			if m.Decisions[i].ProblemID == "" {
				t.Errorf("%s: decision %d not followed in the ledger", m.Title(), i+1)
			}
			m.Decisions[i].ProblemID = ""
		}
		out = append(out, fmt.Sprintf("%s %s %+v", m.Title(), ent, m))
	}
	slices.Sort(out)
	return out
}

// Leaders with their assignments, visits and meetings exported and
// imported into a new database of the same office give the same records;
// imported again, every row is already there and nothing is written.
func TestRoundTripLeadersVisitsMeetings(t *testing.T) {
	src, _ := service(t)
	office(t, src)
	files := []any{xlsx.KindEnterprises, export(t, src, xlsx.ExportEnterprises), xlsx.KindLeaders, export(t, src, xlsx.ExportLeaders),
		xlsx.KindVisits, export(t, src, xlsx.ExportVisits), xlsx.KindMeetings, export(t, src, xlsx.ExportMeetings)}

	dst, dstStore := service(t)
	importAll(t, dst, xlsx.Create, files...)
	for _, c := range []struct {
		name string
		of   func(*testing.T, *app.Service) []string
		n    int
	}{{"leaders", leadersOf, 6}, {"visits", visitsOf, 4}, {"meetings", meetingsOf, 4}} {
		if w, g := c.of(t, src), c.of(t, dst); len(w) != c.n || !slices.Equal(w, g) {
			t.Errorf("%s:\nwant %s\ngot  %s", c.name, strings.Join(w, "\n     "), strings.Join(g, "\n     "))
		}
	}
	wp, gp := decisionProblems(t, src), decisionProblems(t, dst)
	if len(wp) != 1 || len(gp) != 1 || gp[0].LeadDept != wp[0].LeadDept || !gp[0].Deadline.Equal(wp[0].Deadline) {
		t.Errorf("the decision's problem: %+v, want %+v", gp, wp)
	}

	before := dstStore.Snapshot()
	importAll(t, dst, xlsx.Same, files...)
	if d := before.Diff(dstStore.Snapshot()); len(d) > 0 {
		t.Errorf("importing the same records again changed %v", d)
	}
}

// decisionProblems are the problems of svc's store that follow a
// meeting's decision.
func decisionProblems(t *testing.T, svc *app.Service) []app.Problem {
	t.Helper()
	ps, err := svc.Problems(ctx, app.ProblemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []app.Problem
	for _, p := range ps {
		if p.Source == app.SourceDecision {
			out = append(out, p)
		}
	}
	return out
}

// A row naming a leader or an enterprise not on record is refused with
// the reason; a corrected row updates the record it matches.
func TestImportVisitsRefusedAndCorrected(t *testing.T) {
	svc, _ := service(t)
	office(t, svc)
	b := newBook(t, "走访").
		row(1, "走访日期", "走访领导", "企业名称", "统一社会信用代码", "走访方式", "陪同人员", "走访情况").
		row(2, "2026-04-01", "王建国", "秦皇岛甲机械有限公司", nil, "上门走访", "刘洋", "新的走访").
		row(3, "2026-04-01", "钱多多", "秦皇岛甲机械有限公司", nil, "实地", nil, "x").
		row(4, "2026-04-02", "王建国", "秦皇岛丁电子有限公司", nil, "实地", nil, "x").
		row(5, "2026-03-02", "王建国", "秦皇岛甲机械有限公司", nil, "实地", "区工信局 刘洋", "了解企业生产经营情况，已更正").
		row(6, "2026-04-03", "王建国", "秦皇岛甲机械有限公司", nil, "微信", nil, "x").
		row(7, "2026-05-03", "王建国", "秦皇岛甲机械有限公司", nil, "实地", nil, "x")
	p, err := preview(t, svc, xlsx.KindVisits, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{2: xlsx.Create, 3: xlsx.Refused, 4: xlsx.Refused, 5: xlsx.Update, 6: xlsx.Refused, 7: xlsx.Refused}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	for row, reason := range map[int]string{3: "联系领导“钱多多”不在本单位的领导名单中", 4: "企业“秦皇岛丁电子有限公司”不在企业清单中",
		6: "走访方式“微信”不认识", 7: "走访日期不能晚于今天"} {
		if !strings.Contains(msg(p, row), reason) {
			t.Errorf("row %d: %q, want %q", row, msg(p, row), reason)
		}
	}
	if u := p.Unknown; len(u) != 1 || u[0].Column != "走访方式" || u[0].Value != "微信" || u[0].Rows != 1 || !slices.Equal(u[0].Values, app.VisitModes) {
		t.Errorf("unknown values %+v", p.Unknown)
	}
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	vs, _ := svc.Visits(ctx, app.VisitFilter{From: app.D(2026, 3, 2), To: app.D(2026, 3, 2)})
	if len(vs) != 1 || vs[0].Findings != "了解企业生产经营情况，已更正" || vs[0].Version != 2 {
		t.Errorf("the corrected visit %+v", vs)
	}
	if vs, _ := svc.Visits(ctx, app.VisitFilter{}); len(vs) != 5 {
		t.Errorf("%d visits, want 4 and the new one", len(vs))
	}
}

// Leaders: a leader named on several rows is one leader, and rows that
// contradict the first are refused; an assignment to an enterprise not on
// record is refused; the words of 级别 and 所在班子 are read.
func TestImportLeaders(t *testing.T) {
	svc, _ := service(t)
	office(t, svc)
	b := newBook(t, "领导").
		row(1, "领导姓名", "职务", "级别", "所在班子", "联系电话", "分包企业", "统一社会信用代码", "联络员", "分包开始日期").
		row(2, "周平", "副区长", "县（区）级", "区政府", nil, "秦皇岛甲机械有限公司", nil, "吴刚", "2026-04-01").
		row(3, "周平", nil, nil, nil, nil, "秦皇岛丙食品有限公司", code(t, 3), "吴刚", "2026-04-01").
		row(4, "周平", "区长", nil, nil, nil, "秦皇岛乙玻璃（集团）有限公司", nil, "吴刚", "2026-04-01").
		row(5, "王建国", "常务副区长", "县级", "政府", nil, nil, nil, nil, nil).
		row(6, "郑伟", "副区长", "县级", "政府", nil, "秦皇岛戊化工有限公司", nil, "吴刚", "2026-04-01").
		row(7, "王建国", nil, nil, nil, nil, "秦皇岛甲机械有限公司", nil, "刘洋", "2026-01-01")
	p, err := preview(t, svc, xlsx.KindLeaders, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{2: xlsx.Create, 3: xlsx.Create, 4: xlsx.Refused, 5: xlsx.Update, 6: xlsx.Refused, 7: xlsx.Same}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	if !strings.Contains(msg(p, 4), "与第2行不同") || !strings.Contains(msg(p, 6), "不在企业清单中") {
		t.Errorf("reasons %q, %q", msg(p, 4), msg(p, 6))
	}
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	ls, _ := svc.Leaders(ctx, app.LeaderFilter{Query: "周平"})
	if len(ls) != 1 || ls[0].Level != app.LevelCounty || ls[0].Body != "政府" {
		t.Fatalf("leaders %+v", ls)
	}
	if as, _ := svc.Assignments(ctx, app.AssignmentFilter{LeaderID: ls[0].ID}); len(as) != 2 {
		t.Errorf("%d assignments of the new leader, want 2", len(as))
	}
	if ls, _ := svc.Leaders(ctx, app.LeaderFilter{Query: "王建国"}); len(ls) != 1 || ls[0].Post != "常务副区长" {
		t.Errorf("the corrected leader %+v", ls)
	}
}

// An unknown value is listed once with the rows that use it; mapped by
// the clerk, the rows import and the mapping is remembered, not synced,
// and read by the next import without being given again.
func TestValueMappedAndRemembered(t *testing.T) {
	svc, st := service(t)
	b := newBook(t, "企业").
		row(1, "企业名称", "统一社会信用代码", "企业类别").
		row(2, "秦皇岛甲机械有限公司", code(t, 1), "龙头骨干、规上").
		row(3, "秦皇岛乙玻璃有限公司", code(t, 2), "龙头骨干").
		row(4, "秦皇岛丙食品有限公司", code(t, 3), "高企").bytes()
	p, err := preview(t, svc, xlsx.KindEnterprises, b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(xlsx.Refused) != 2 || len(p.Unknown) != 1 || p.Unknown[0].Value != "龙头骨干" || p.Unknown[0].Rows != 2 || p.Unknown[0].Column != "企业类别" {
		t.Fatalf("%s, unknown %+v", p.Summary(), p.Unknown)
	}
	vals := xlsx.Values{}
	if err := vals.Set(xlsx.KindEnterprises, "企业类别", "龙头骨干", "不存在的类别"); err == nil {
		t.Fatal("a mapping to a value that does not exist taken")
	}
	if err := vals.Set(xlsx.KindEnterprises, "企业类别", "龙头骨干", "规模以上"); err != nil {
		t.Fatal(err)
	}
	if p, err = previewValues(t, svc, xlsx.KindEnterprises, b, vals); err != nil || p.Count(xlsx.Create) != 3 || len(p.Unknown) != 0 {
		t.Fatalf("mapped: %v %s %+v", err, p.Summary(), p.Rows)
	}
	if words, _ := svc.ImportWords(ctx); len(words) != 0 {
		t.Fatalf("the preview remembered %v", words)
	}
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	words, _ := svc.ImportWords(ctx)
	if len(words) != 1 || words[0] != (app.ImportWord{Column: "企业类别", From: "龙头骨干", To: "规模以上"}) {
		t.Errorf("remembered %v", words)
	}
	for _, c := range st.ChangeLog() {
		if c.Table != app.TableEnterprises {
			t.Errorf("a change of %s in the change log", c.Table)
		}
	}
	e, _ := svc.Enterprises(ctx, app.EnterpriseFilter{Query: "乙玻璃"})
	if len(e) != 1 || !slices.Equal(e[0].Categories, []string{"规模以上"}) {
		t.Errorf("mapped categories %+v", e)
	}

	// The next workbook's 龙头骨干 is read by the remembered mapping,
	// with the ending offices add.
	next := newBook(t, "企业").
		row(1, "企业名称", "统一社会信用代码", "企业类别").
		row(2, "秦皇岛丁电子有限公司", code(t, 4), "龙头骨干企业").bytes()
	p, err = preview(t, svc, xlsx.KindEnterprises, next)
	if err != nil || p.Count(xlsx.Create) != 1 || len(p.Unknown) != 0 {
		t.Fatalf("the next import: %v %+v", err, p.Rows)
	}
}

// An import the store refuses at writing changes nothing: not the
// records, not the remembered values.
func TestRefusedImportChangesNothing(t *testing.T) {
	src, _ := service(t)
	office(t, src)
	dst, st := service(t)
	importAll(t, dst, xlsx.Create, xlsx.KindEnterprises, export(t, src, xlsx.ExportEnterprises))
	b := export(t, src, xlsx.ExportLeaders)
	vals := xlsx.Values{}
	if err := vals.Set(xlsx.KindLeaders, "级别", "区处级", "县级"); err != nil {
		t.Fatal(err)
	}
	p, err := previewValues(t, dst, xlsx.KindLeaders, b, vals)
	if err != nil || p.Count(xlsx.Create) != len(p.Rows) {
		t.Fatalf("%v %+v", err, p.Rows)
	}
	before := st.Snapshot()
	fail := errors.New("磁盘已满")
	st.FailNextUpdate(fail)
	if err := p.Apply(ctx, dst, nil); !errors.Is(err, fail) {
		t.Fatalf("apply: %v", err)
	}
	if d := before.Diff(st.Snapshot()); len(d) > 0 {
		t.Errorf("a refused import changed %v", d)
	}
}

// Meetings: the kinds as offices write them and the banks' short names are
// read; an enterprise not on record, a form the kind does not have and
// decisions not written as the export writes them are refused.
func TestImportMeetings(t *testing.T) {
	svc, _ := service(t)
	office(t, svc)
	b := newBook(t, "会议").
		row(1, "会议类型", "形式", "日期", "地点", "企业", "主持人", "出席", "议定事项").
		row(2, "银企对接", nil, "2026-04-10", "区政府二楼", nil, "王建国", "领导：王建国；银行：工行秦皇岛分行、建行 秦皇岛分行", nil).
		row(3, "现场办公会", "企业", "2026-04-11", "丁公司", "秦皇岛丁电子有限公司", "王建国", nil, nil).
		row(4, "恳谈会", "午餐会", "2026-04-12", "区政府", nil, "王建国", nil, nil).
		row(5, "恳谈会", "座谈会", "2026-04-13", "区政府", nil, "王建国", nil, "协调用地").
		row(6, "招商会", nil, "2026-04-14", "区政府", nil, "王建国", nil, nil)
	p, err := preview(t, svc, xlsx.KindMeetings, b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]xlsx.Outcome{2: xlsx.Create, 3: xlsx.Refused, 4: xlsx.Refused, 5: xlsx.Refused, 6: xlsx.Refused}
	if got := outcomes(p); !maps.Equal(got, want) {
		t.Fatalf("outcomes %v, want %v\n%+v", got, want, p.Rows)
	}
	for row, reason := range map[int]string{3: "不在企业清单中", 4: "形式“午餐会”不是企业家恳谈会的形式", 5: "议定事项应写成", 6: "会议类型“招商会”不认识"} {
		if !strings.Contains(msg(p, row), reason) {
			t.Errorf("row %d: %q, want %q", row, msg(p, row), reason)
		}
	}
	if err := p.Apply(ctx, svc, nil); err != nil {
		t.Fatal(err)
	}
	ms, _ := svc.Meetings(ctx, app.MeetingFilter{Kind: app.MeetingBank, From: app.D(2026, 4, 10)})
	if len(ms) != 1 || ms[0].Format != "对接会" || len(ms[0].Attendees) != 3 || ms[0].Attendees[1].Name != "中国工商银行秦皇岛分行" ||
		ms[0].Attendees[2].Name != "中国建设银行秦皇岛分行" || ms[0].Title() != "2026年第2次银企对接会" {
		t.Errorf("the meeting imported %+v", ms)
	}
}
