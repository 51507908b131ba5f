package datatest

import (
	"context"
	"encoding/json"
	"testing"

	"wugeyi/app"
)

// Dossier are the records FillEnterprise saves about one enterprise, each
// list newest first.
type Dossier struct {
	Enterprise app.Enterprise
	Leader     app.Leader // in charge today
	Former     app.Leader // whose assignment ended
	Visits     []app.Visit
	Problems   []app.Problem // the newer one registered only, the older one overdue
	Meetings   []app.Meeting // a roundtable listing it, then an on-site meeting at it
	Needs      []app.FinancingNeed
	Loans      []app.BridgeLoan
	Comments   []app.Comment // on the overdue problem
}

// FillEnterprise saves through svc an enterprise named name (credit code
// n) with records of every kind about it: two assignments (one ended),
// two visits, two problems (one overdue, with a 督办意见), two meetings
// (one held at it, one listing it among the attendees), a financing need
// and a bridge loan, all dated in the 60 days before svc's today.
func FillEnterprise(tb testing.TB, svc *app.Service, name string, n int) Dossier {
	tb.Helper()
	ctx := context.Background()
	today := svc.Today()
	day := func(ago int) app.Date { return today.AddDays(-ago) }
	must := func(what string, err error) {
		tb.Helper()
		if err != nil {
			tb.Fatalf("FillEnterprise %s: %s: %v", name, what, err)
		}
	}
	var d Dossier
	d.Enterprise = app.Enterprise{Name: name, CreditCode: CreditCode(n), Industry: "装备制造"}
	must("enterprise", svc.SaveEnterprise(ctx, &d.Enterprise))
	e := d.Enterprise.ID
	d.Leader = app.Leader{Name: "刘志远", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	d.Former = app.Leader{Name: "王建国", Post: "区长助理", Level: app.LevelCounty, Body: "政府"}
	must("leader", svc.SaveLeader(ctx, &d.Leader))
	must("leader", svc.SaveLeader(ctx, &d.Former))
	for _, a := range []app.Assignment{
		{LeaderID: d.Leader.ID, EnterpriseID: e, Liaison: "张三", From: day(30)},
		{LeaderID: d.Former.ID, EnterpriseID: e, Liaison: "李四", From: day(400), To: day(31)},
	} {
		must("assignment", svc.SaveAssignment(ctx, &a))
	}
	for _, ago := range []int{3, 20} {
		v := app.Visit{LeaderID: d.Leader.ID, EnterpriseID: e, Date: day(ago), Mode: app.VisitModes[0], Findings: "生产经营正常，反映用工难"}
		must("visit", svc.SaveVisit(ctx, &v, nil))
		d.Visits = append(d.Visits, v)
	}
	np := app.NewProblem{Problem: app.Problem{EnterpriseID: e, Source: "企业反映", Category: "用工", Description: "缺少焊工三十名", Registered: day(2)}}
	must("problem", svc.RegisterProblem(ctx, &np))
	d.Problems = append(d.Problems, np.Problem)
	np = app.NewProblem{Problem: app.Problem{EnterpriseID: e, Source: "企业反映", Category: "用地", Description: "厂房扩建用地指标不足", Registered: day(40)},
		First: &app.Action{Kind: app.ActAssign, Date: day(40), LeadDept: "区自然资源局", Person: "赵六", Deadline: day(25)}}
	must("overdue problem", svc.RegisterProblem(ctx, &np))
	d.Problems = append(d.Problems, np.Problem)
	// Only the city writes 督办意见: this one comes as in a sync file.
	c := app.Comment{ProblemID: np.Problem.ID, ProblemOffice: np.Problem.Office, Date: day(10), Text: "请加快办理用地指标", Author: "市工信局"}
	must("comment", svc.Store.Update(ctx, svc.Op(), func(tx app.Tx) error {
		c.ID, c.Office, c.Version = tx.NewID(), app.CityCode, 1
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		return tx.Put(app.Change{Seq: 1, Table: app.TableComments, ID: c.ID, Office: c.Office, Version: 1, Data: b})
	}))
	c.ProblemNumber = np.Problem.Number
	d.Comments = append(d.Comments, c)
	round := app.Meeting{Kind: app.MeetingRoundtable, Format: "早餐会", Date: day(5), Place: "金梦海湾酒店", Chair: "王区长",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "企业", Name: name}}}
	onSite := app.Meeting{Kind: app.MeetingOnSite, Format: "企业", Date: day(15), Place: name + "会议室", Chair: "刘志远", EnterpriseID: e}
	for _, m := range []*app.Meeting{&round, &onSite} {
		must("meeting", svc.SaveMeeting(ctx, m, nil))
		d.Meetings = append(d.Meetings, *m)
	}
	need := app.FinancingNeed{Date: day(12), EnterpriseID: e, Amount: 5_000_000, Use: "购买原材料", TermMonths: 12, Bank: "秦皇岛银行"}
	must("financing need", svc.SaveFinancingNeed(ctx, &need))
	d.Needs = append(d.Needs, need)
	loan := app.BridgeLoan{EnterpriseID: e, Bank: "秦皇岛银行", Original: 3_000_000, OriginalDue: today.AddDays(10),
		Applied: 3_000_000, AppliedOn: day(1), Commitment: "续贷承诺函", TermDays: 15}
	must("bridge loan", svc.SaveBridgeLoan(ctx, &loan))
	d.Loans = append(d.Loans, loan)
	return d
}
