package data_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

func TestWorkflowEndToEnd(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛佰工钢铁")
	p := addProblem(t, svc, e, app.Problem{Registered: app.D(2026, 3, 2), Category: "用地"},
		assign(app.D(2026, 3, 2), app.D(2026, 3, 20), "区自然资源局"))
	if p.Status != app.StatusAssigned || p.Number != "海港-2026-0001" {
		t.Fatalf("registered %+v", p)
	}
	steps := []struct {
		a    app.Action
		want app.Status
	}{
		{app.Action{Kind: app.ActProgress, Date: app.D(2026, 3, 5), Text: "已现场踏勘"}, app.StatusInProgress},
		{app.Action{Kind: app.ActDeadline, Date: app.D(2026, 3, 9), Deadline: app.D(2026, 3, 27), Text: "需市局审批", Approver: "副区长张建国"}, app.StatusInProgress},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 12), Text: "已办理用地手续"}, app.StatusDone},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, 3, 13), Satisfaction: "不满意", Deadline: app.D(2026, 3, 31), Text: "指标仍不足"}, app.StatusInProgress},
		{app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 14), Text: "追加指标"}, app.StatusDone},
		{app.Action{Kind: app.ActFollowUp, Date: app.D(2026, 3, 15), Satisfaction: "满意"}, app.StatusFollowedUp},
		{app.Action{Kind: app.ActClose, Date: app.D(2026, 3, 16)}, app.StatusClosed},
	}
	for i, s := range steps {
		q, err := svc.Act(ctx, p.ID, s.a)
		if err != nil {
			t.Fatalf("step %d %s: %v", i, s.a.Kind, err)
		}
		stored, err := db.Problem(ctx, p.ID)
		if err != nil || stored.Status != s.want || stored.Version != q.Version {
			t.Fatalf("step %d %s: stored %s v%d (%v), want %s v%d", i, s.a.Kind, stored.Status, stored.Version, err, s.want, q.Version)
		}
	}
	final, _ := db.Problem(ctx, p.ID)
	if final.Version != 1+int64(len(steps)) || final.Satisfaction != "满意" || final.Deadline != app.D(2026, 3, 31) || final.EnterpriseName != "秦皇岛佰工钢铁" {
		t.Errorf("final %+v", final)
	}
	evs, err := db.Events(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	kinds := ids(evs, func(e app.Event) string { return string(e.Kind) })
	want := []string{"登记", "交办", "进展", "调整时限", "办结", "回访", "办结", "回访", "销号"}
	if !slices.Equal(kinds, want) {
		t.Errorf("timeline %v, want %v", kinds, want)
	}
	if evs[3].OldDeadline != app.D(2026, 3, 20) || evs[3].NewDeadline != app.D(2026, 3, 27) || evs[5].Satisfaction != "不满意" {
		t.Errorf("event details %+v %+v", evs[3], evs[5])
	}
	// A refused action saves nothing.
	before := counts(t, db)
	if _, err := svc.Act(ctx, p.ID, app.Action{Kind: app.ActProgress, Date: today, Text: "x"}); err == nil {
		t.Error("progress on a closed problem accepted")
	}
	if after := counts(t, db); after["changes"] != before["changes"] {
		t.Error("refused action wrote a change")
	}
}

func TestVisitWithProblems(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛方圆包装")
	l := addLeader(t, svc, "周区长", app.LevelCounty)
	v := app.Visit{Date: app.D(2026, 3, 10), LeaderID: l.ID, EnterpriseID: e.ID, Mode: "实地", Findings: "订单充足，缺少熟练工"}
	nps := []app.NewProblem{
		{Problem: app.Problem{Category: "用工", Description: "缺少熟练焊工"}, First: assign(app.D(2026, 3, 10), app.D(2026, 3, 25), "区人社局")},
		{Problem: app.Problem{Category: "融资", Description: "流动资金紧张"}, First: &app.Action{Kind: app.ActOnSpot, Date: app.D(2026, 3, 10), Text: "现场对接银行"}},
	}
	if err := svc.SaveVisit(ctx, &v, nps); err != nil {
		t.Fatal(err)
	}
	ps, err := db.Problems(ctx, app.ProblemFilter{SourceID: v.ID})
	if err != nil || len(ps) != 2 {
		t.Fatalf("problems of the visit: %v, %v", ps, err)
	}
	vs, err := db.Visits(ctx, app.VisitFilter{Query: "熟练工"})
	if err != nil || len(vs) != 1 || vs[0].LeaderName != "周区长" || vs[0].EnterpriseName != "秦皇岛方圆包装" {
		t.Errorf("visits %+v, %v", vs, err)
	}
	// A bad second problem refuses the whole visit.
	before := counts(t, db)
	v2 := app.Visit{Date: today, LeaderID: l.ID, EnterpriseID: e.ID, Mode: "电话"}
	bad := []app.NewProblem{{Problem: app.Problem{Category: "用工", Description: "好的"}}, {Problem: app.Problem{Category: "不存在"}}}
	if err := svc.SaveVisit(ctx, &v2, bad); err == nil {
		t.Fatal("visit with a bad problem saved")
	}
	if after := counts(t, db); after["visits"] != before["visits"] || after["problems"] != before["problems"] || after["changes"] != before["changes"] {
		t.Errorf("refused visit left rows: %v → %v", before, after)
	}
}

func TestListsOrderAndJoins(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	eb := addEnterprise(t, svc, 1, "B公司")
	ea := addEnterprise(t, svc, 2, "A公司")
	ec := addEnterprise(t, svc, 3, "秦皇岛abc科技")
	lc := addLeader(t, svc, "乙", app.LevelCounty)
	lm := addLeader(t, svc, "甲", app.LevelCity)
	lx := app.Leader{Name: "丙", Post: "人大主任", Level: app.LevelCounty, Body: "人大"}
	if err := svc.SaveLeader(ctx, &lx); err != nil {
		t.Fatal(err)
	}
	a1 := addAssignment(t, svc, lc, eb, app.D(2025, 1, 1), app.Date{})
	a2 := addAssignment(t, svc, lm, ea, app.D(2025, 1, 1), app.D(2025, 12, 31))
	a3 := addAssignment(t, svc, lc, ea, app.D(2026, 3, 16), app.D(2026, 3, 16))
	v1 := addVisit(t, svc, lc, eb, app.D(2026, 1, 2))
	v2 := addVisit(t, svc, lm, ea, app.D(2026, 3, 2))
	v3 := app.Visit{Date: app.D(2026, 3, 2), LeaderID: lc.ID, EnterpriseID: ec.ID, Mode: "电话", Companions: "刘秘书", Findings: "PLC改造缺资金"}
	later := &app.Service{Store: db, Now: func() time.Time { return now.Add(time.Second) }, Operator: "张三"}
	if err := later.SaveVisit(ctx, &v3, nil); err != nil {
		t.Fatal(err)
	}
	// Renaming an enterprise renames it in every list.
	ea.Name = "A集团"
	if err := svc.SaveEnterprise(ctx, &ea); err != nil {
		t.Fatal(err)
	}
	name := func(e app.Enterprise) string { return e.Name }
	aid := func(a app.Assignment) string { return a.ID }
	vid := func(v app.Visit) string { return v.ID }
	cases := []struct {
		name string
		got  func() ([]string, error)
		want []string
	}{
		{"enterprises by name", func() ([]string, error) {
			l, err := db.Enterprises(ctx, app.EnterpriseFilter{})
			return ids(l, name), err
		}, []string{"A集团", "B公司", "秦皇岛abc科技"}},
		{"enterprises limit", func() ([]string, error) {
			l, err := db.Enterprises(ctx, app.EnterpriseFilter{Limit: 1})
			return ids(l, name), err
		}, []string{"A集团"}},
		{"enterprise by part of the credit code, lower case", func() ([]string, error) {
			l, err := db.Enterprises(ctx, app.EnterpriseFilter{Query: strings.ToLower(eb.CreditCode[8:])})
			return ids(l, name), err
		}, []string{"B公司"}},
		{"enterprise name ignores ASCII case", func() ([]string, error) {
			l, err := db.Enterprises(ctx, app.EnterpriseFilter{Query: " ABC "})
			return ids(l, name), err
		}, []string{"秦皇岛abc科技"}},
		{"enterprises of another office", func() ([]string, error) {
			l, err := db.Enterprises(ctx, app.EnterpriseFilter{Office: "130303"})
			return ids(l, name), err
		}, nil},
		{"leaders 市级 first", func() ([]string, error) {
			l, err := db.Leaders(ctx, app.LeaderFilter{})
			return ids(l, func(l app.Leader) string { return l.Name }), err
		}, []string{"甲", "丙", "乙"}},
		{"leaders by post", func() ([]string, error) {
			l, err := db.Leaders(ctx, app.LeaderFilter{Query: "人大", Office: myOffice})
			return ids(l, func(l app.Leader) string { return l.Name }), err
		}, []string{"丙"}},
		{"assignments", func() ([]string, error) {
			l, err := db.Assignments(ctx, app.AssignmentFilter{})
			return ids(l, aid), err
		}, []string{a2.ID, a3.ID, a1.ID}},
		{"assignments in force", func() ([]string, error) {
			l, err := db.Assignments(ctx, app.AssignmentFilter{ActiveOn: today})
			return ids(l, aid), err
		}, []string{a3.ID, a1.ID}},
		{"assignments in force the next day", func() ([]string, error) {
			l, err := db.Assignments(ctx, app.AssignmentFilter{ActiveOn: today.AddDays(1)})
			return ids(l, aid), err
		}, []string{a1.ID}},
		{"assignments of a leader and enterprise", func() ([]string, error) {
			l, err := db.Assignments(ctx, app.AssignmentFilter{LeaderID: lc.ID, EnterpriseID: ea.ID})
			return ids(l, aid), err
		}, []string{a3.ID}},
		{"visits newest first, later save first", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{})
			return ids(l, vid), err
		}, []string{v3.ID, v2.ID, v1.ID}},
		{"visits in range", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{From: app.D(2026, 2, 1), To: today})
			return ids(l, vid), err
		}, []string{v3.ID, v2.ID}},
		{"visits up to", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{To: app.D(2026, 3, 1)})
			return ids(l, vid), err
		}, []string{v1.ID}},
		{"visits by findings, ASCII case ignored", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{Query: "plc"})
			return ids(l, vid), err
		}, []string{v3.ID}},
		{"visits by companion", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{Query: "刘秘书"})
			return ids(l, vid), err
		}, []string{v3.ID}},
		{"visits by leader name", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{Query: "乙"})
			return ids(l, vid), err
		}, []string{v3.ID, v1.ID}},
		{"visits by new enterprise name, limit", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{Query: "集团", Limit: 1})
			return ids(l, vid), err
		}, []string{v2.ID}},
		{"visits of an enterprise and leader", func() ([]string, error) {
			l, err := db.Visits(ctx, app.VisitFilter{EnterpriseID: eb.ID, LeaderID: lc.ID, Office: myOffice})
			return ids(l, vid), err
		}, []string{v1.ID}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.got()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	as, _ := db.Assignments(ctx, app.AssignmentFilter{})
	if as[0].LeaderName != "甲" || as[0].EnterpriseName != "A集团" {
		t.Errorf("assignment names %+v", as[0])
	}
	vs, _ := db.Visits(ctx, app.VisitFilter{})
	if vs[0].LeaderName != "乙" || vs[0].EnterpriseName != "秦皇岛abc科技" {
		t.Errorf("visit names %+v", vs[0])
	}
	if v, err := db.Visit(ctx, v2.ID); err != nil || v.EnterpriseName != "A集团" || v.LeaderName != "甲" {
		t.Errorf("visit %+v, %v", v, err)
	}
	if a, err := db.Assignment(ctx, a1.ID); err != nil || a.EnterpriseName != "B公司" || a.LeaderName != "乙" {
		t.Errorf("assignment %+v, %v", a, err)
	}
	// A control character inside a text survives the packed read (the
	// Service drops such characters from a form; a store must still read
	// back whatever it holds, so this one is written straight to it).
	ea.Address = "海港区\x1f河北大街"
	if err := db.Update(ctx, app.Op{Operator: "张三", At: now}, func(tx app.Tx) error { return tx.SaveEnterprise(&ea) }); err != nil {
		t.Fatal(err)
	}
	if es, _ := db.Enterprises(ctx, app.EnterpriseFilter{}); len(es) != 3 || es[0].Address != "海港区\x1f河北大街" || es[1].Name != "B公司" {
		t.Errorf("enterprises with a separator in a text: %+v", es)
	}
	// A deleted leader's name still shows on old records.
	if err := svc.Delete(ctx, app.TableLeaders, lm.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Visit(ctx, v2.ID); v.LeaderName != "甲" {
		t.Errorf("visit of a deleted leader: %+v", v)
	}
}

func TestProblemFilters(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	yh := addEnterprise(t, svc, 1, "秦皇岛耀华玻璃")
	sg := addEnterprise(t, svc, 2, "山海关船舶重工")
	d := app.D(2026, 2, 2)
	p1 := addProblem(t, svc, yh, app.Problem{Registered: d, Category: "用地", Description: "新厂区用地指标不足", Request: "请协调用地指标"},
		assign(d, app.D(2026, 3, 2), "市自然资源和规划局"))
	p2 := addProblem(t, svc, yh, app.Problem{Registered: d.AddDays(1), Category: "融资", Description: "流动资金贷款到期"},
		assign(d.AddDays(1), app.D(2026, 3, 17), "区金融办"))
	p3 := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(2), Category: "用工", Description: "招工难", Source: "走访", SourceID: "v-1"}, nil)
	p4 := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(3), Category: "用地", Description: "码头用地审批，PLC系统改造"},
		&app.Action{Kind: app.ActOnSpot, Date: d.AddDays(3), Text: "现场明确办理路径"})
	other := addProblem(t, svc, sg, app.Problem{Registered: d.AddDays(4), Category: "审批", Description: "环评审批"}, nil)
	if err := data.SetOwner(db, app.TableProblems, "130303", other.ID); err != nil {
		t.Fatal(err)
	}
	num := func(ps ...app.Problem) []string { return problemNumbers(ps) }
	cases := []struct {
		name string
		f    app.ProblemFilter
		want []string
	}{
		{"all newest first", app.ProblemFilter{}, num(other, p4, p3, p2, p1)},
		{"limit", app.ProblemFilter{Limit: 2}, num(other, p4)},
		{"page 2", app.ProblemFilter{Limit: 2, Offset: 2}, num(p3, p2)},
		{"last page", app.ProblemFilter{Limit: 2, Offset: 4}, num(p1)},
		{"past the end", app.ProblemFilter{Limit: 2, Offset: 9}, num()},
		{"office", app.ProblemFilter{Office: myOffice}, num(p4, p3, p2, p1)},
		{"status 交办", app.ProblemFilter{Status: app.StatusAssigned}, num(p2, p1)},
		{"status 已办结", app.ProblemFilter{Status: app.StatusDone}, num(p4)},
		{"category 用地", app.ProblemFilter{Category: "用地"}, num(p4, p1)},
		{"dept part", app.ProblemFilter{Dept: " 自然资源 "}, num(p1)},
		{"enterprise", app.ProblemFilter{EnterpriseID: sg.ID}, num(other, p4, p3)},
		{"source", app.ProblemFilter{SourceID: "v-1"}, num(p3)},
		{"overdue", app.ProblemFilter{Overdue: true, Today: today}, num(p1)},
		{"overdue later", app.ProblemFilter{Overdue: true, Today: app.D(2026, 3, 18)}, num(p2, p1)},
		{"overdue without a day", app.ProblemFilter{Overdue: true}, nil},
		{"overdue and dept", app.ProblemFilter{Overdue: true, Today: app.D(2026, 3, 18), Dept: "金融"}, num(p2)},
		{"fts 4 chars", app.ProblemFilter{Query: "用地指标"}, num(p1)},
		{"fts enterprise name", app.ProblemFilter{Query: "耀华玻璃"}, num(p2, p1)},
		{"fts number", app.ProblemFilter{Query: p3.Number}, num(p3)},
		{"fts person and dept", app.ProblemFilter{Query: "自然资源和规划"}, num(p1)},
		{"fts ignores case", app.ProblemFilter{Query: "plc系统"}, num(p4)},
		{"like ignores ASCII case", app.ProblemFilter{Query: "pl"}, num(p4)},
		{"like 2 chars", app.ProblemFilter{Query: "融资"}, nil}, // category is not searched
		{"like 2 chars description", app.ProblemFilter{Query: "招工"}, num(p3)},
		{"like 1 char enterprise", app.ProblemFilter{Query: "船"}, num(other, p4, p3)},
		{"two words", app.ProblemFilter{Query: "耀华玻璃 贷款"}, num(p2)},
		{"words do not span texts", app.ProblemFilter{Query: "指标不足请协调"}, nil},
		{"fts with status", app.ProblemFilter{Query: "耀华玻璃", Status: app.StatusAssigned, Category: "融资"}, num(p2)},
		{"quotes are text", app.ProblemFilter{Query: `"用地" OR 招工`}, nil},
		{"like wildcard is text", app.ProblemFilter{Query: "%"}, nil},
		{"like one-character wildcard is text", app.ProblemFilter{Query: "_"}, nil},
		{"part of a number", app.ProblemFilter{Query: strings.TrimPrefix(p3.Number, "海港-")}, num(p3)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := db.Problems(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(problemNumbers(got), c.want) {
				t.Errorf("got %v, want %v", problemNumbers(got), c.want)
			}
			for _, p := range got {
				if p.EnterpriseName == "" {
					t.Errorf("%s without enterprise name", p.Number)
				}
			}
		})
	}
	// Renaming the enterprise is reflected in the full-text index.
	yh.Name = "秦皇岛耀华光伏"
	if err := svc.SaveEnterprise(ctx, &yh); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Problems(ctx, app.ProblemFilter{Query: "耀华光伏"}); !slices.Equal(problemNumbers(got), num(p2, p1)) {
		t.Errorf("after rename, new name finds %v", problemNumbers(got))
	}
	if got, _ := db.Problems(ctx, app.ProblemFilter{Query: "耀华玻璃"}); len(got) != 0 {
		t.Errorf("after rename, old name finds %v", problemNumbers(got))
	}
	// Editing the description is reflected too.
	p3, _ = db.Problem(ctx, p3.ID)
	p3.Description = "技术工人流失严重"
	if err := svc.EditProblem(ctx, &p3); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Problems(ctx, app.ProblemFilter{Query: "工人流失"}); !slices.Equal(problemNumbers(got), num(p3)) {
		t.Errorf("after edit finds %v", problemNumbers(got))
	}
	if err := svc.Delete(ctx, app.TableProblems, p3.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Problems(ctx, app.ProblemFilter{Query: "工人流失"}); len(got) != 0 {
		t.Errorf("search finds a deleted problem: %v", problemNumbers(got))
	}
	if evs, err := db.Events(ctx, p3.ID); err != nil || len(evs) != 0 {
		t.Errorf("events of a deleted problem: %v, %v", evs, err)
	}
}

func TestDashboardAndStats(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e1 := addEnterprise(t, svc, 1, "企业一")
	e2 := addEnterprise(t, svc, 2, "企业二")
	e3 := addEnterprise(t, svc, 3, "企业三")
	mk := func(reg app.Date, first *app.Action) app.Problem {
		t.Helper()
		return addProblem(t, svc, e1, app.Problem{Registered: reg}, first)
	}
	over1 := mk(app.D(2026, 2, 2), assign(app.D(2026, 2, 3), app.D(2026, 3, 10), "区住建局"))
	over2 := mk(app.D(2026, 2, 20), assign(app.D(2026, 2, 20), app.D(2026, 3, 13), "区住建局"))
	dueToday := mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), today, "区住建局"))
	due7 := mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), app.D(2026, 3, 23), "区住建局"))
	mk(app.D(2026, 3, 2), assign(app.D(2026, 3, 2), app.D(2026, 3, 24), "区住建局")) // due in 8 days
	closed := mk(app.D(2026, 2, 2), assign(app.D(2026, 2, 2), app.D(2026, 3, 1), "区住建局"))
	if _, err := svc.Act(ctx, closed.ID, app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 5), Text: "办结"}); err != nil {
		t.Fatal(err)
	}
	late := mk(app.D(2026, 3, 10), nil)   // +3 working days = 3-13 < 3-16
	mk(app.D(2026, 3, 11), nil)           // +3 working days = 3-16, not late yet
	lateOld := mk(app.D(2026, 1, 5), nil) // long late
	gone := mk(app.D(2026, 1, 6), nil)
	if err := svc.Delete(ctx, app.TableProblems, gone.ID); err != nil {
		t.Fatal(err)
	}

	l1 := addLeader(t, svc, "县领导甲", app.LevelCounty)
	l2 := addLeader(t, svc, "县领导乙", app.LevelCounty)
	l3 := addLeader(t, svc, "县领导丁", app.LevelCounty)
	l4 := addLeader(t, svc, "市领导甲", app.LevelCity)
	l5 := addLeader(t, svc, "县领导丙", app.LevelCounty)
	a11 := addAssignment(t, svc, l1, e1, app.D(2025, 1, 1), app.Date{})
	a12 := addAssignment(t, svc, l1, e2, app.D(2025, 1, 1), app.Date{})
	addAssignment(t, svc, l2, e3, app.D(2026, 1, 1), app.D(2026, 2, 28)) // ended
	a31 := addAssignment(t, svc, l3, e1, app.D(2026, 1, 1), app.D(2026, 12, 31))
	addAssignment(t, svc, l5, e2, app.D(2026, 4, 1), app.Date{}) // not yet
	addVisit(t, svc, l1, e1, app.D(2026, 2, 10))
	addVisit(t, svc, l1, e2, app.D(2025, 12, 20)) // last quarter
	goneVisit := addVisit(t, svc, l1, e2, app.D(2026, 3, 1))
	if err := svc.Delete(ctx, app.TableVisits, goneVisit.ID); err != nil {
		t.Fatal(err)
	}
	// A phone call is a 联系, not a 走访: a31 stays to be visited unless
	// the settings count phone calls too.
	phone := app.Visit{Date: app.D(2026, 3, 3), LeaderID: l3.ID, EnterpriseID: e1.ID, Mode: "电话"}
	if err := svc.SaveVisit(ctx, &phone, nil); err != nil {
		t.Fatal(err)
	}

	d, err := svc.Dashboard(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Today != today || d.PeriodStart != app.D(2026, 1, 1) {
		t.Errorf("today %s period %s", d.Today, d.PeriodStart)
	}
	aid := func(a app.Assignment) string { return a.ID }
	lname := func(l app.Leader) string { return l.Name }
	monthly := app.DefaultSettings()
	monthly.VisitIntervalMonths = 1
	dm, err := db.Dashboard(ctx, today, monthly, "")
	if err != nil {
		t.Fatal(err)
	}
	phones := app.DefaultSettings()
	phones.VisitModesCounted = []string{"电话"}
	dp, err := db.Dashboard(ctx, today, phones, "")
	if err != nil {
		t.Fatal(err)
	}
	soon := app.DefaultSettings()
	soon.DueSoonDays, soon.AssignWithinDays = 8, 1
	ds, err := db.Dashboard(ctx, today, soon, "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		got, want []string
	}{
		{"overdue", problemNumbers(d.Overdue), problemNumbers([]app.Problem{over1, over2})},
		{"due soon", problemNumbers(d.DueSoon), problemNumbers([]app.Problem{dueToday, due7})},
		{"due soon in 8 days", problemNumbers(ds.DueSoon)[2:], []string{"海港-2026-0005"}},
		{"unassigned", problemNumbers(d.Unassigned), problemNumbers([]app.Problem{lateOld, late})},
		{"unassigned within 1 day", problemNumbers(ds.Unassigned), []string{lateOld.Number, late.Number, "海港-2026-0008"}},
		// By leader name (丁 sorts before 甲 in code point order), then enterprise.
		{"unvisited", ids(d.Unvisited, aid), []string{a31.ID, a12.ID}},
		{"unvisited monthly", ids(dm.Unvisited, aid), []string{a31.ID, a11.ID, a12.ID}},
		{"unvisited, phone calls counted", ids(dp.Unvisited, aid), []string{a12.ID}},
		{"idle leaders", ids(d.IdleLeaders, lname), []string{l4.Name, l5.Name, l2.Name}},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(d.Unvisited) == 2 && (d.Unvisited[1].LeaderName != "县领导甲" || d.Unvisited[1].EnterpriseName != "企业二") {
		t.Errorf("unvisited names %+v", d.Unvisited[1])
	}
	if len(d.Overdue) > 0 && d.Overdue[0].EnterpriseName != "企业一" {
		t.Errorf("overdue without the enterprise name: %+v", d.Overdue[0])
	}
	if d.OpenCount != 8 {
		t.Errorf("open count %d, want 8", d.OpenCount)
	}
	// A deleted enterprise's assignments are not to be visited; a deleted
	// leader is not idle.
	if err := svc.Delete(ctx, app.TableEnterprises, e2.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableLeaders, l4.ID); err != nil {
		t.Fatal(err)
	}
	d, _ = svc.Dashboard(ctx, "")
	if got := ids(d.Unvisited, aid); !slices.Equal(got, []string{a31.ID}) {
		t.Errorf("unvisited after deleting 企业二: %v", got)
	}
	if got := ids(d.IdleLeaders, lname); !slices.Equal(got, []string{l5.Name, l2.Name}) {
		t.Errorf("idle leaders after deleting 市领导甲: %v", got)
	}

	// Stats counts records: the phone call is one, though not a 走访; the
	// department the problems were 交办 to came into the directory then.
	want := app.Stats{Offices: 1, Enterprises: 2, Leaders: 4, Assignments: 5, Visits: 3, Problems: 9, ProblemsOpen: 8, ProblemsOverdue: 2, Departments: 1,
		Holidays: app.Calendar{}.Holidays()}
	if s := stats(t, db); s != want {
		t.Errorf("stats %+v, want %+v", s, want)
	}
	if err := data.SetOwner(db, app.TableLeaders, app.CityCode, l3.ID); err != nil {
		t.Fatal(err)
	}
	if s := stats(t, db); s.Offices != 2 {
		t.Errorf("offices with a city record: %d, want 2", s.Offices)
	}
}

// stats is the database's Stats on today.
func stats(t *testing.T, db *data.DB) app.Stats {
	t.Helper()
	s, err := db.Stats(context.Background(), today)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Stats counts the meetings' decisions the ledger follows up, and those
// still open.
func TestStatsDecisions(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛港机重工")
	m := fullMeeting(e.ID)
	m.Seq = 0
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	if len(m.Decisions) < 2 {
		t.Fatalf("%d decisions", len(m.Decisions))
	}
	if _, err := svc.Act(ctx, m.Decisions[0].ProblemID, app.Action{Kind: app.ActFinish, Date: app.D(2026, 3, 13), Text: "已落实"}); err != nil {
		t.Fatal(err)
	}
	s := stats(t, db)
	if s.Decisions != len(m.Decisions) || s.DecisionsOpen != len(m.Decisions)-1 || s.Problems != len(m.Decisions) {
		t.Errorf("stats: %d decisions, %d open, %d problems; want %d, %d, %d",
			s.Decisions, s.DecisionsOpen, s.Problems, len(m.Decisions), len(m.Decisions)-1, len(m.Decisions))
	}
}
