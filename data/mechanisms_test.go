package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/data"
)

// ticking makes svc's clock move on a millisecond at each call, so records
// saved in turn have different times.
func ticking(svc *app.Service) {
	var n time.Duration
	svc.Now = func() time.Time { n += time.Millisecond; return now.Add(n) }
}

// update runs fn in one write transaction at the tests' clock.
func update(t *testing.T, db *data.DB, fn func(tx app.Tx) error) error {
	t.Helper()
	return db.Update(context.Background(), app.Op{Operator: "张三", At: now}, fn)
}

// fullMeeting is a meeting with every field set.
func fullMeeting(enterpriseID string) app.Meeting {
	return app.Meeting{
		Kind: app.MeetingOnSite, Format: "企业", Seq: 3, Date: app.D(2026, 3, 12), Place: "港机重工会议室",
		EnterpriseID: enterpriseID, Chair: "王副区长",
		Attendees: []app.Attendee{
			{Group: app.Present, Kind: "领导", Name: "王副区长"},
			{Group: app.Sitting, Kind: "部门", Name: "区工信局"},
			{Group: app.Absent, Kind: "银行", Name: "秦皇岛银行"},
		},
		Agenda:  "协调用地与用电",
		Minutes: "会议听取了企业汇报，\n研究了用地问题。",
		Decisions: []app.Decision{
			{Text: "区自然资源局牵头解决用地指标", Unit: "区自然资源局", Deadline: app.D(2026, 4, 30)},
			{Text: "供电公司办理增容", Unit: "海港供电公司", Deadline: app.D(2026, 3, 31)},
		},
	}
}

func fullNeed(enterpriseID, meetingID string) app.FinancingNeed {
	return app.FinancingNeed{
		Date: app.D(2026, 3, 10), EnterpriseID: enterpriseID, MeetingID: meetingID, Amount: 12_345_678,
		Use: "购买原材料", TermMonths: 12, Collateral: "厂房抵押", Bank: "秦皇岛银行", Status: app.NeedLent,
		Credit: 9_000_000_000_001, Lent: 5_000_001, LentOn: app.D(2026, 3, 14), Reason: "无",
	}
}

func fullLoan(enterpriseID string) app.BridgeLoan {
	return app.BridgeLoan{
		EnterpriseID: enterpriseID, Bank: "中国银行秦皇岛分行", Original: 20_000_000, OriginalDue: app.D(2026, 3, 20),
		Commitment: "续贷承诺函（2026年3月9日）", Conditions: []bool{true, true, false, true},
		Applied: 18_000_000, AppliedOn: app.D(2026, 3, 9), Approved: 17_500_000, ApprovedOn: app.D(2026, 3, 11),
		PaidOn: app.D(2026, 3, 12), DueBack: app.D(2026, 3, 27), RepaidOn: app.D(2026, 3, 25), Fee: 12_345,
		Status: app.LoanSettled, Note: "按期归还",
	}
}

func TestMeetingNeedLoanRoundTrip(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛港机重工有限公司")
	m, n, l := fullMeeting(e.ID), app.FinancingNeed{}, fullLoan(e.ID)
	err := update(t, db, func(tx app.Tx) error {
		if err := tx.SaveMeeting(&m); err != nil {
			return err
		}
		n = fullNeed(e.ID, m.ID)
		if err := tx.SaveFinancingNeed(&n); err != nil {
			return err
		}
		return tx.SaveBridgeLoan(&l)
	})
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	for _, meta := range []app.Meta{m.Meta, n.Meta, l.Meta} {
		if meta.ID == "" || meta.Office != myOffice || meta.Version != 1 || meta.UpdatedBy != "张三" || !meta.UpdatedAt.Equal(now) {
			t.Errorf("inserted meta %+v", meta)
		}
	}

	gm, err := db.Meeting(ctx, m.ID)
	if err != nil || !reflect.DeepEqual(gm, m) {
		t.Errorf("Meeting = %+v, %v\nwant %+v", gm, err, m)
	}
	gn, err := db.FinancingNeed(ctx, n.ID)
	wantN := n
	wantN.EnterpriseName = e.Name
	if err != nil || !reflect.DeepEqual(gn, wantN) {
		t.Errorf("FinancingNeed = %+v, %v\nwant %+v", gn, err, wantN)
	}
	gl, err := db.BridgeLoan(ctx, l.ID)
	wantL := l
	wantL.EnterpriseName, wantL.EnterpriseCode = e.Name, e.CreditCode
	if err != nil || !reflect.DeepEqual(gl, wantL) {
		t.Errorf("BridgeLoan = %+v, %v\nwant %+v", gl, err, wantL)
	}
	// Lists fill the same.
	if ms, err := db.Meetings(ctx, app.MeetingFilter{}); err != nil || len(ms) != 1 || !reflect.DeepEqual(ms[0], m) {
		t.Errorf("Meetings = %+v, %v", ms, err)
	}
	if ns, err := db.FinancingNeeds(ctx, app.FinancingFilter{}); err != nil || len(ns) != 1 || !reflect.DeepEqual(ns[0], wantN) {
		t.Errorf("FinancingNeeds = %+v, %v", ns, err)
	}
	if ls, err := db.BridgeLoans(ctx, app.LoanFilter{}); err != nil || len(ls) != 1 || !reflect.DeepEqual(ls[0], wantL) {
		t.Errorf("BridgeLoans = %+v, %v", ls, err)
	}

	// Empty lists are stored as [] and read back as nil.
	bare := app.Meeting{Kind: app.MeetingBank, Format: "对接会", Date: app.D(2026, 3, 1), Place: "区政府", Chair: "李"}
	bl := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 1, Applied: 1, Status: app.LoanApplied, Conditions: []bool{}}
	if err := update(t, db, func(tx app.Tx) error {
		if err := tx.SaveMeeting(&bare); err != nil {
			return err
		}
		return tx.SaveBridgeLoan(&bl)
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Meeting(ctx, bare.ID); err != nil || got.Attendees != nil || got.Decisions != nil || got.EnterpriseID != "" {
		t.Errorf("bare meeting = %+v, %v", got, err)
	}
	if got, err := db.BridgeLoan(ctx, bl.ID); err != nil || got.Conditions != nil || !got.PaidOn.IsZero() {
		t.Errorf("bare loan = %+v, %v", got, err)
	}
	for _, tbl := range []string{"meetings", "bridge_loans"} {
		if n, err := data.CountRows(db, tbl); err != nil || n != 2 {
			t.Errorf("%s rows %d, %v", tbl, n, err)
		}
	}
}

func TestMeetingNeedLoanVersionsAndOwner(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	m, l := fullMeeting(e.ID), fullLoan(e.ID)
	var n app.FinancingNeed
	if err := update(t, db, func(tx app.Tx) error {
		if err := tx.SaveMeeting(&m); err != nil {
			return err
		}
		n = fullNeed(e.ID, m.ID)
		if err := tx.SaveFinancingNeed(&n); err != nil {
			return err
		}
		return tx.SaveBridgeLoan(&l)
	}); err != nil {
		t.Fatal(err)
	}
	staleM, staleN, staleL := m, n, l

	// An update adds one to the version.
	m.Minutes, n.Amount, l.Fee = "改过的纪要", 1, 2
	if err := update(t, db, func(tx app.Tx) error {
		return errors.Join(tx.SaveMeeting(&m), tx.SaveFinancingNeed(&n), tx.SaveBridgeLoan(&l))
	}); err != nil {
		t.Fatal(err)
	}
	if m.Version != 2 || n.Version != 2 || l.Version != 2 {
		t.Errorf("versions after update %d %d %d", m.Version, n.Version, l.Version)
	}
	if got, _ := db.Meeting(ctx, m.ID); got.Minutes != "改过的纪要" || got.Version != 2 {
		t.Errorf("meeting after update %+v", got)
	}
	if got, _ := db.FinancingNeed(ctx, n.ID); got.Amount != 1 || got.Version != 2 {
		t.Errorf("need after update %+v", got)
	}
	if got, _ := db.BridgeLoan(ctx, l.ID); got.Fee != 2 || got.Version != 2 {
		t.Errorf("loan after update %+v", got)
	}

	// A stale version is refused and leaves the struct as it was.
	before := counts(t, db)
	for name, save := range map[string]func(tx app.Tx) error{
		"meeting": func(tx app.Tx) error { return tx.SaveMeeting(&staleM) },
		"need":    func(tx app.Tx) error { return tx.SaveFinancingNeed(&staleN) },
		"loan":    func(tx app.Tx) error { return tx.SaveBridgeLoan(&staleL) },
	} {
		if err := update(t, db, save); !errors.Is(err, app.ErrStaleVersion) {
			t.Errorf("stale %s: %v, want ErrStaleVersion", name, err)
		}
	}
	if staleM.Version != 1 || staleN.Version != 1 || staleL.Version != 1 {
		t.Error("a refused save changed a version")
	}
	// A missing ID is not found.
	missing := m
	missing.ID = "00000000-0000-4000-8000-000000000000"
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveMeeting(&missing) }); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("save of a missing meeting: %v", err)
	}

	// Another office's records are refused, for saves and deletes.
	for tbl, id := range map[app.Table]string{app.TableMeetings: m.ID, app.TableFinancing: n.ID, app.TableLoans: l.ID} {
		if err := data.SetOwner(db, tbl, "130303", id); err != nil {
			t.Fatal(err)
		}
	}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveMeeting(&m) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's meeting: %v", err)
	}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveFinancingNeed(&n) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's need: %v", err)
	}
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveBridgeLoan(&l) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's loan: %v", err)
	}
	for _, tbl := range []app.Table{app.TableMeetings, app.TableFinancing, app.TableLoans} {
		id := map[app.Table]string{app.TableMeetings: m.ID, app.TableFinancing: n.ID, app.TableLoans: l.ID}[tbl]
		if err := update(t, db, func(tx app.Tx) error { return tx.Delete(tbl, id) }); !errors.Is(err, app.ErrNotOwner) {
			t.Errorf("delete another office's %s: %v", tbl, err)
		}
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused writes changed rows: %v → %v", before, after)
	}
}

func TestMeetingNeedLoanReferences(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	gone := addEnterprise(t, svc, 2, "已删除企业")
	m := fullMeeting(e.ID)
	goneM := fullMeeting("")
	if err := update(t, db, func(tx app.Tx) error {
		return errors.Join(tx.SaveMeeting(&m), tx.SaveMeeting(&goneM))
	}); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableEnterprises, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableMeetings, goneM.ID); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	const missing = "00000000-0000-4000-8000-000000000000"
	cases := []struct {
		name, field string
		save        func(tx app.Tx) error
	}{
		{"meeting at a deleted enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullMeeting(gone.ID); return tx.SaveMeeting(&x) }},
		{"meeting at a missing enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullMeeting(missing); return tx.SaveMeeting(&x) }},
		{"need of a deleted enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullNeed(gone.ID, ""); return tx.SaveFinancingNeed(&x) }},
		{"need of no enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullNeed("", ""); return tx.SaveFinancingNeed(&x) }},
		{"need of a deleted meeting", "MeetingID", func(tx app.Tx) error { x := fullNeed(e.ID, goneM.ID); return tx.SaveFinancingNeed(&x) }},
		{"need of a missing meeting", "MeetingID", func(tx app.Tx) error { x := fullNeed(e.ID, missing); return tx.SaveFinancingNeed(&x) }},
		{"loan of a deleted enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullLoan(gone.ID); return tx.SaveBridgeLoan(&x) }},
		{"loan of a missing enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullLoan(missing); return tx.SaveBridgeLoan(&x) }},
	}
	for _, c := range cases {
		err := update(t, db, c.save)
		var inv app.Invalid
		if !errors.As(err, &inv) || len(inv) != 1 || inv[0].Field != c.field || !strings.Contains(inv[0].Msg, "不存在或已删除") {
			t.Errorf("%s: %v, want a field error on %s", c.name, err, c.field)
		}
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("refused saves changed rows: %v → %v", before, after)
	}
	// A meeting with no enterprise and a need with no meeting are fine.
	ok := fullNeed(e.ID, "")
	if err := update(t, db, func(tx app.Tx) error { return tx.SaveFinancingNeed(&ok) }); err != nil {
		t.Errorf("need without a meeting: %v", err)
	}
}

func TestMeetingFilters(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "秦皇岛港机重工有限公司")
	save := func(kind app.MeetingKind, format string, d app.Date, place, chair, agenda, minutes string) app.Meeting {
		t.Helper()
		m := app.Meeting{Kind: kind, Format: format, Date: d, Place: place, Chair: chair, Agenda: agenda, Minutes: minutes}
		if kind == app.MeetingOnSite {
			m.EnterpriseID = e.ID
		}
		if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
			t.Fatalf("SaveMeeting: %v", err)
		}
		return m
	}
	r1 := save(app.MeetingRoundtable, "早餐会", app.D(2026, 1, 15), "金梦海湾酒店", "王区长", "听取企业家意见", "")
	o1 := save(app.MeetingOnSite, "企业", app.D(2026, 1, 20), "港机重工", "李副区长", "用地", "研究用地_指标")
	o2 := save(app.MeetingOnSite, "项目现场", app.D(2026, 2, 20), "开发区项目工地", "李副区长", "", "现场办公100%解决")
	b1 := save(app.MeetingBank, "对接会", app.D(2026, 3, 5), "区政府三楼会议室", "赵主任", "银企对接", "")
	o3 := save(app.MeetingOnSite, "企业", app.D(2026, 2, 20), "玻璃厂", "张副区长", "Plc改造", "")
	old := save(app.MeetingOnSite, "企业", app.D(2025, 12, 30), "去年的会", "王区长", "", "")
	// Numbers run per kind and year.
	if r1.Seq != 1 || o1.Seq != 1 || o2.Seq != 2 || o3.Seq != 3 || b1.Seq != 1 || old.Seq != 1 {
		t.Errorf("seqs %d %d %d %d %d %d", r1.Seq, o1.Seq, o2.Seq, o3.Seq, b1.Seq, old.Seq)
	}
	// The roundtable lists the enterprise among its attendees; the bank
	// meeting a name that only begins like it.
	for _, a := range []struct {
		m    *app.Meeting
		name string
	}{{&r1, e.Name}, {&b1, "秦皇岛港机"}} {
		a.m.Attendees = []app.Attendee{{Group: app.Present, Kind: "企业", Name: a.name}}
		if err := svc.SaveMeeting(ctx, a.m, nil); err != nil {
			t.Fatalf("SaveMeeting attendees: %v", err)
		}
	}
	other := save(app.MeetingBank, "对接会", app.D(2026, 3, 6), "山海关", "孙", "", "")
	if err := data.SetOwner(db, app.TableMeetings, "130303", other.ID); err != nil {
		t.Fatal(err)
	}
	id := func(m app.Meeting) string { return m.ID }
	cases := []struct {
		f    app.MeetingFilter
		want []app.Meeting
	}{
		{app.MeetingFilter{}, []app.Meeting{other, b1, o3, o2, o1, r1, old}},
		{app.MeetingFilter{Office: myOffice}, []app.Meeting{b1, o3, o2, o1, r1, old}},
		{app.MeetingFilter{Office: "130303"}, []app.Meeting{other}},
		{app.MeetingFilter{Kind: app.MeetingOnSite}, []app.Meeting{o3, o2, o1, old}},
		{app.MeetingFilter{Kind: app.MeetingOnSite, From: app.D(2026, 1, 1), To: app.D(2026, 12, 31)}, []app.Meeting{o3, o2, o1}},
		{app.MeetingFilter{From: app.D(2026, 1, 20), To: app.D(2026, 2, 20)}, []app.Meeting{o3, o2, o1}},
		{app.MeetingFilter{From: app.D(2026, 3, 5)}, []app.Meeting{other, b1}},
		{app.MeetingFilter{To: app.D(2026, 1, 15)}, []app.Meeting{r1, old}},
		{app.MeetingFilter{Query: "会议室"}, []app.Meeting{b1}},
		{app.MeetingFilter{Query: " 李副区长 "}, []app.Meeting{o2, o1}},
		{app.MeetingFilter{Query: "企业家"}, []app.Meeting{r1}},
		{app.MeetingFilter{Query: "用地_"}, []app.Meeting{o1}},
		{app.MeetingFilter{Query: "_"}, []app.Meeting{o1}},
		{app.MeetingFilter{Query: "%"}, []app.Meeting{o2}},
		{app.MeetingFilter{Query: "plc"}, []app.Meeting{o3}},
		{app.MeetingFilter{Query: "没有"}, nil},
		{app.MeetingFilter{Limit: 2}, []app.Meeting{other, b1}},
		{app.MeetingFilter{Kind: app.MeetingRoundtable, Limit: 5}, []app.Meeting{r1}},
		{app.MeetingFilter{EnterpriseID: e.ID}, []app.Meeting{o3, o2, o1, old}},
		{app.MeetingFilter{EnterpriseID: e.ID, EnterpriseName: e.Name}, []app.Meeting{o3, o2, o1, r1, old}},
		{app.MeetingFilter{EnterpriseID: "其他", EnterpriseName: e.Name}, []app.Meeting{r1}},
		{app.MeetingFilter{EnterpriseID: e.ID, Kind: app.MeetingRoundtable, EnterpriseName: e.Name}, []app.Meeting{r1}},
	}
	for _, c := range cases {
		got, err := db.Meetings(ctx, c.f)
		if err != nil {
			t.Fatalf("Meetings(%+v): %v", c.f, err)
		}
		if g, w := ids(got, id), ids(c.want, id); !slices.Equal(g, w) {
			t.Errorf("Meetings(%+v) = %v, want %v", c.f, g, w)
		}
	}
}

func TestFinancingAndLoanFilters(t *testing.T) {
	svc, db, _ := newService(t)
	ticking(svc)
	ctx := context.Background()
	e1 := addEnterprise(t, svc, 1, "企业甲")
	e2 := addEnterprise(t, svc, 2, "企业乙")
	m := app.Meeting{Kind: app.MeetingBank, Format: "对接会", Date: app.D(2026, 3, 5), Place: "区政府", Chair: "赵主任"}
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	need := func(e app.Enterprise, meeting string, d app.Date, bank, status string) app.FinancingNeed {
		t.Helper()
		n := app.FinancingNeed{Date: d, EnterpriseID: e.ID, MeetingID: meeting, Amount: 5_000_000, Use: "流动资金",
			Bank: bank, Status: status, Credit: 1, Lent: 1, LentOn: d, Reason: "资料不全"}
		if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
			t.Fatalf("SaveFinancingNeed: %v", err)
		}
		return n
	}
	n1 := need(e1, m.ID, app.D(2026, 3, 5), "秦皇岛银行", app.NeedOpen)
	n2 := need(e2, m.ID, app.D(2026, 3, 5), "中国银行秦皇岛分行", app.NeedCredit)
	n3 := need(e1, "", app.D(2026, 3, 10), "秦皇岛银行", app.NeedLent)
	n4 := need(e2, "", app.D(2026, 2, 1), "秦皇岛银行股份", app.NeedRefused)
	if err := data.SetOwner(db, app.TableFinancing, "130303", n4.ID); err != nil {
		t.Fatal(err)
	}
	nid := func(n app.FinancingNeed) string { return n.ID }
	for _, c := range []struct {
		f    app.FinancingFilter
		want []app.FinancingNeed
	}{
		{app.FinancingFilter{}, []app.FinancingNeed{n3, n2, n1, n4}},
		{app.FinancingFilter{Office: myOffice}, []app.FinancingNeed{n3, n2, n1}},
		{app.FinancingFilter{EnterpriseID: e1.ID}, []app.FinancingNeed{n3, n1}},
		{app.FinancingFilter{MeetingID: m.ID}, []app.FinancingNeed{n2, n1}},
		{app.FinancingFilter{Bank: "秦皇岛银行"}, []app.FinancingNeed{n3, n1}},
		{app.FinancingFilter{Bank: "秦皇岛"}, nil},
		{app.FinancingFilter{Status: app.NeedRefused}, []app.FinancingNeed{n4}},
		{app.FinancingFilter{Status: app.NeedCredit, MeetingID: m.ID}, []app.FinancingNeed{n2}},
		{app.FinancingFilter{Limit: 2}, []app.FinancingNeed{n3, n2}},
	} {
		got, err := db.FinancingNeeds(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(got, nid), ids(c.want, nid); !slices.Equal(g, w) {
			t.Errorf("FinancingNeeds(%+v) = %v, want %v", c.f, g, w)
		}
		for _, n := range got {
			if want := map[string]string{e1.ID: "企业甲", e2.ID: "企业乙"}[n.EnterpriseID]; n.EnterpriseName != want {
				t.Errorf("need %s EnterpriseName %q, want %q", n.ID, n.EnterpriseName, want)
			}
		}
	}

	loan := func(e app.Enterprise, applied app.Date) app.BridgeLoan {
		t.Helper()
		l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: applied.AddDays(10),
			Applied: 8_000_000, AppliedOn: applied}
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
			t.Fatalf("SaveBridgeLoan: %v", err)
		}
		return l
	}
	l1 := loan(e1, app.D(2026, 1, 5))
	l2 := loan(e2, app.D(2026, 3, 1))
	l3 := loan(e1, app.D(2026, 2, 1))
	l4 := loan(e2, app.D(2026, 2, 15))
	if l1.Status != app.LoanApplied {
		t.Errorf("new loan status %q", l1.Status)
	}
	var err error
	if l3, err = svc.LoanAct(ctx, l3.ID, app.LoanAction{Kind: app.LoanActReview, Date: app.D(2026, 2, 2),
		Conditions: []bool{true, true, true, true}, Commitment: "承诺函"}); err != nil {
		t.Fatal(err)
	}
	if l3, err = svc.LoanAct(ctx, l3.ID, app.LoanAction{Kind: app.LoanActApprove, Date: app.D(2026, 2, 3), Amount: 8_000_000}); err != nil {
		t.Fatal(err)
	}
	if err := data.SetOwner(db, app.TableLoans, "130303", l4.ID); err != nil {
		t.Fatal(err)
	}
	lid := func(l app.BridgeLoan) string { return l.ID }
	for _, c := range []struct {
		f    app.LoanFilter
		want []app.BridgeLoan
	}{
		{app.LoanFilter{}, []app.BridgeLoan{l2, l4, l3, l1}},
		{app.LoanFilter{Office: myOffice}, []app.BridgeLoan{l2, l3, l1}},
		{app.LoanFilter{Office: "130303"}, []app.BridgeLoan{l4}},
		{app.LoanFilter{EnterpriseID: e1.ID}, []app.BridgeLoan{l3, l1}},
		{app.LoanFilter{Status: app.LoanApproved}, []app.BridgeLoan{l3}},
		{app.LoanFilter{Status: app.LoanApplied, EnterpriseID: e2.ID}, []app.BridgeLoan{l2, l4}},
		{app.LoanFilter{Status: app.LoanOverdue}, nil},
		{app.LoanFilter{Limit: 1}, []app.BridgeLoan{l2}},
	} {
		got, err := db.BridgeLoans(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(got, lid), ids(c.want, lid); !slices.Equal(g, w) {
			t.Errorf("BridgeLoans(%+v) = %v, want %v", c.f, g, w)
		}
		for _, l := range got {
			if l.EnterpriseName == "" {
				t.Errorf("loan %s without EnterpriseName", l.ID)
			}
		}
	}
	got, _ := db.BridgeLoan(ctx, l3.ID)
	if got.Approved != 8_000_000 || !slices.Equal(got.Conditions, []bool{true, true, true, true}) || got.Commitment != "承诺函" || got.Version != 3 {
		t.Errorf("approved loan %+v", got)
	}
	// The fund reads its loans from the store.
	f, loans, err := svc.Fund(ctx, myOffice)
	if err != nil || len(loans) != 3 || f.Held != 8_000_000 || f.Free != app.DefaultSettings().FundSize-8_000_000 {
		t.Errorf("Fund = %+v, %d loans, %v", f, len(loans), err)
	}
}

func TestMeetingNeedLoanDeleteAndChangeLog(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	m := app.Meeting{Kind: app.MeetingBank, Format: "对接会", Date: app.D(2026, 3, 5), Place: "区政府", Chair: "赵主任",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "银行", Name: "秦皇岛银行"}}}
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	n := app.FinancingNeed{Date: app.D(2026, 3, 5), EnterpriseID: e.ID, MeetingID: m.ID, Amount: 3_000_000, Use: "设备"}
	if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
		Applied: 5_000_000, AppliedOn: app.D(2026, 3, 9)}
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	n.Status, n.Bank, n.Credit = app.NeedCredit, "秦皇岛银行", 2_500_000
	if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		tb app.Table
		id string
	}{{app.TableFinancing, n.ID}, {app.TableLoans, l.ID}, {app.TableMeetings, m.ID}} {
		if err := svc.Delete(ctx, x.tb, x.id); err != nil {
			t.Fatalf("delete %s: %v", x.tb, err)
		}
		if err := svc.Delete(ctx, x.tb, x.id); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("second delete of %s: %v, want ErrNotFound", x.tb, err)
		}
	}
	if _, err := db.Meeting(ctx, m.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted meeting: %v", err)
	}
	if _, err := db.FinancingNeed(ctx, n.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted need: %v", err)
	}
	if _, err := db.BridgeLoan(ctx, l.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted loan: %v", err)
	}
	ms, _ := db.Meetings(ctx, app.MeetingFilter{})
	ns, _ := db.FinancingNeeds(ctx, app.FinancingFilter{})
	ls, _ := db.BridgeLoans(ctx, app.LoanFilter{})
	if len(ms)+len(ns)+len(ls) != 0 {
		t.Errorf("lists after delete: %d %d %d", len(ms), len(ns), len(ls))
	}
	// Tombstones stay.
	for _, tbl := range []string{"meetings", "financing_needs", "bridge_loans"} {
		if c, _ := data.CountRows(db, tbl); c != 1 {
			t.Errorf("%s rows %d, want the tombstone", tbl, c)
		}
	}
	// A deleted meeting can no longer be a need's meeting.
	n2 := app.FinancingNeed{Date: app.D(2026, 3, 5), EnterpriseID: e.ID, MeetingID: m.ID, Amount: 1, Use: "设备"}
	var inv app.Invalid
	if err := svc.SaveFinancingNeed(ctx, &n2); !errors.As(err, &inv) || inv[0].Field != "MeetingID" {
		t.Errorf("need of a deleted meeting: %v", err)
	}

	ch, err := data.Changes(db)
	if err != nil {
		t.Fatal(err)
	}
	ch = ch[1:] // the enterprise
	want := []struct {
		tbl, id, op string
		version     int64
	}{
		{"meetings", m.ID, "insert", 1},
		{"financing_needs", n.ID, "insert", 1},
		{"bridge_loans", l.ID, "insert", 1},
		{"financing_needs", n.ID, "update", 2},
		{"financing_needs", n.ID, "delete", 3},
		{"bridge_loans", l.ID, "delete", 2},
		{"meetings", m.ID, "delete", 2},
	}
	if len(ch) != len(want) {
		t.Fatalf("%d change rows, want %d: %+v", len(ch), len(want), ch)
	}
	for i, w := range want {
		c := ch[i]
		if c.Office != myOffice || c.Seq != int64(i+2) || c.Tbl != w.tbl || c.RecordID != w.id || c.Op != w.op || c.Version != w.version || c.By != "张三" {
			t.Errorf("change %d = %+v, want %+v", i, c, w)
		}
	}
	var rm app.Meeting
	if err := json.Unmarshal([]byte(ch[0].Data), &rm); err != nil || rm.ID != m.ID || rm.Seq != 1 || len(rm.Attendees) != 1 || rm.Attendees[0].Name != "秦皇岛银行" {
		t.Errorf("meeting insert data %s: %v", ch[0].Data, err)
	}
	var rn app.FinancingNeed
	if err := json.Unmarshal([]byte(ch[3].Data), &rn); err != nil || rn.Credit != 2_500_000 || rn.Status != app.NeedCredit || rn.Version != 2 {
		t.Errorf("need update data %s: %v", ch[3].Data, err)
	}
	var rl app.BridgeLoan
	if err := json.Unmarshal([]byte(ch[5].Data), &rl); err != nil || !rl.Deleted || rl.Version != 2 || rl.Applied != 5_000_000 {
		t.Errorf("loan delete data %s: %v", ch[5].Data, err)
	}
}

func TestMeetingNeedLoanStats(t *testing.T) {
	svc, db, _ := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	var meetings []app.Meeting
	for i, k := range []app.MeetingKind{app.MeetingRoundtable, app.MeetingOnSite, app.MeetingOnSite, app.MeetingBank,
		app.MeetingBank, app.MeetingBank, app.MeetingOnSite} {
		m := app.Meeting{Kind: k, Format: k.Formats()[0], Date: app.D(2026, 1, 1+i), Place: "区政府", Chair: "赵主任"}
		if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
			t.Fatal(err)
		}
		meetings = append(meetings, m)
	}
	var needs []app.FinancingNeed
	for i := range 4 {
		n := app.FinancingNeed{Date: app.D(2026, 3, 1+i), EnterpriseID: e.ID, Amount: 1_000_000, Use: "设备"}
		if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
			t.Fatal(err)
		}
		needs = append(needs, n)
	}
	var loans []app.BridgeLoan
	for i := range 3 {
		l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
			Applied: 5_000_000, AppliedOn: app.D(2026, 3, 1+i)}
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
			t.Fatal(err)
		}
		loans = append(loans, l)
	}
	for _, x := range []struct {
		tb app.Table
		id string
	}{{app.TableMeetings, meetings[6].ID}, {app.TableMeetings, meetings[5].ID}, {app.TableFinancing, needs[0].ID}, {app.TableLoans, loans[2].ID}} {
		if err := svc.Delete(ctx, x.tb, x.id); err != nil {
			t.Fatal(err)
		}
	}
	// A live record of another office counts, and its office too.
	if err := data.SetOwner(db, app.TableLoans, "130303", loans[0].ID); err != nil {
		t.Fatal(err)
	}
	s, err := db.Stats(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if s.MeetingsRoundtable != 1 || s.MeetingsOnsite != 2 || s.MeetingsBank != 2 || s.FinancingNeeds != 3 || s.BridgeLoans != 2 ||
		s.Offices != 2 || s.Enterprises != 1 {
		t.Errorf("Stats = %+v", s)
	}
}

func TestBackupRestoreMeetingsLoans(t *testing.T) {
	svc, db, path := newService(t)
	ctx := context.Background()
	e := addEnterprise(t, svc, 1, "企业甲")
	m := fullMeeting(e.ID)
	m.Seq = 0
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	n := app.FinancingNeed{Date: app.D(2026, 3, 5), EnterpriseID: e.ID, MeetingID: m.ID, Amount: 3_000_000, Use: "设备"}
	if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
		Applied: 5_000_000, AppliedOn: app.D(2026, 3, 9)}
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(filepath.Dir(path), "备份.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	atBackup := counts(t, db)
	wantM, _ := db.Meeting(ctx, m.ID)
	wantN, _ := db.FinancingNeed(ctx, n.ID)
	wantL, _ := db.BridgeLoan(ctx, l.ID)

	// Changes after the backup.
	m.Minutes = "改了"
	if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, app.TableFinancing, n.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoanAct(ctx, l.ID, app.LoanAction{Kind: app.LoanActReview, Date: app.D(2026, 3, 10),
		Conditions: []bool{true, true, true, true}, Commitment: "承诺函"}); err != nil {
		t.Fatal(err)
	}
	l2 := l
	l2.ID, l2.Version = "", 0
	if err := svc.SaveBridgeLoan(ctx, &l2); err != nil {
		t.Fatal(err)
	}

	if err := db.Restore(ctx, backup); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if got := counts(t, db); !maps.Equal(got, atBackup) {
		t.Errorf("rows after restore %v, want %v", got, atBackup)
	}
	if got, err := db.Meeting(ctx, m.ID); err != nil || !reflect.DeepEqual(got, wantM) {
		t.Errorf("meeting after restore %+v, %v", got, err)
	}
	if got, err := db.FinancingNeed(ctx, n.ID); err != nil || !reflect.DeepEqual(got, wantN) {
		t.Errorf("need after restore %+v, %v", got, err)
	}
	if got, err := db.BridgeLoan(ctx, l.ID); err != nil || !reflect.DeepEqual(got, wantL) {
		t.Errorf("loan after restore %+v, %v", got, err)
	}
	if _, err := db.BridgeLoan(ctx, l2.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("loan made after the backup: %v", err)
	}
}

// TestMigrateFromVersion1 opens a database the first version of the
// program made: the new tables are added and the old rows kept.
func TestMigrateFromVersion1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "旧版.db")
	if err := data.CreateVersion1(path); err != nil {
		t.Fatal(err)
	}
	const entID = "11111111-1111-4111-8111-111111111111"
	rows := []string{
		`INSERT INTO office(id, code, name, role) VALUES (1, '130302', '海港区', 'county')`,
		`INSERT INTO settings(id, data) VALUES (1, '{"assign_within_days":5,"deadline_days":15,"max_deadline_days":30,"visit_interval_months":3,"due_soon_days":7}')`,
		`INSERT INTO enterprises(id, office, version, updated_at, updated_by, deleted, credit_code, name, categories)
		 VALUES ('` + entID + `', '130302', 2, '2026-01-05T02:00:00Z', '李四', 0, '` + creditCode(t, 1) + `', '老企业', '["规模以上"]')`,
		`INSERT INTO problems(id, office, version, updated_at, updated_by, number, enterprise_id, source, category, description, registered, status)
		 VALUES ('22222222-2222-4222-8222-222222222222', '130302', 1, '2026-01-05T02:00:00Z', '李四', '海港-2026-0001', '` + entID + `', '企业反映', '用地', '老问题', '2026-01-05', '登记')`,
		`INSERT INTO changes(office, seq, tbl, record_id, version, op, at, "by", data)
		 VALUES ('130302', 1, 'enterprises', '` + entID + `', 1, 'insert', '2026-01-05T02:00:00Z', '李四', '{}')`,
	}
	rawExec(t, path, rows...)
	// Keep a copy as a version-1 backup.
	backup := filepath.Join(dir, "旧版备份.db")
	rawExec(t, path, "VACUUM INTO '"+backup+"'")

	db, err := data.Open(path)
	if err != nil {
		t.Fatalf("Open version 1: %v", err)
	}
	defer db.Close()
	uv, vs, err := data.SchemaState(db)
	if err != nil || uv != slices.Max(data.Versions()) || !slices.Equal(vs, data.Versions()) {
		t.Errorf("schema after migration: %d %v %v", uv, vs, err)
	}
	ctx := context.Background()
	e, err := db.Enterprise(ctx, entID)
	if err != nil || e.Name != "老企业" || e.Version != 2 {
		t.Errorf("old enterprise %+v, %v", e, err)
	}
	if ps, err := db.Problems(ctx, app.ProblemFilter{Query: "老企业"}); err != nil || len(ps) != 1 {
		t.Errorf("old problem search: %d, %v", len(ps), err)
	}
	st, err := db.Settings(ctx)
	// A county that kept no loans sends its applications to the city
	// fund from now on (010_fund).
	if err != nil || st.AssignWithinDays != 5 || st.FundSize != 0 || st.LoanUsesPerYear != 2 {
		t.Errorf("old settings %+v, %v", st, err)
	}
	// The new records work, referring to the old ones, and the change log
	// goes on from the old rows.
	svc := &app.Service{Store: db, Now: func() time.Time { return now }, Operator: "张三"}
	l := app.BridgeLoan{EnterpriseID: entID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
		Applied: 5_000_000, AppliedOn: app.D(2026, 3, 9), Commitment: "续贷承诺函", TermDays: 10}
	if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
		t.Fatal(err)
	}
	if got, err := db.BridgeLoan(ctx, l.ID); err != nil || got.EnterpriseName != "老企业" || !got.CityFund {
		t.Errorf("new loan %+v, %v", got, err)
	}
	ch, _ := data.Changes(db)
	if len(ch) != 2 || ch[1].Seq != 2 || ch[1].Tbl != "bridge_loans" {
		t.Errorf("changes %+v", ch)
	}
	s, err := db.Stats(ctx, today)
	if err != nil || s.BridgeLoans != 1 || s.Problems != 1 || s.MeetingsBank != 0 {
		t.Errorf("stats %+v, %v", s, err)
	}

	// A version-1 backup restores into the new schema: the loan made since
	// is gone, the old rows are back.
	if err := db.Restore(ctx, backup); err != nil {
		t.Fatalf("restore a version-1 backup: %v", err)
	}
	if c, _ := data.CountRows(db, "bridge_loans"); c != 0 {
		t.Errorf("%d loans after restoring a version-1 backup", c)
	}
	if _, err := db.Enterprise(ctx, entID); err != nil {
		t.Errorf("old enterprise after restore: %v", err)
	}
	if err := svc.SaveBridgeLoan(ctx, &app.BridgeLoan{EnterpriseID: entID, Bank: "秦皇岛银行", Original: 1, OriginalDue: today,
		Applied: 1, AppliedOn: today, Commitment: "续贷承诺函", TermDays: 7}); err != nil {
		t.Errorf("save after restore: %v", err)
	}
}
