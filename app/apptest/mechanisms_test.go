package apptest_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wugeyi/app"
	"wugeyi/app/apptest"
)

// ticking makes svc's clock move on a millisecond at each call.
func ticking(svc *app.Service) {
	var n time.Duration
	svc.Now = func() time.Time { n += time.Millisecond; return now.Add(n) }
}

func update(st *apptest.Store, fn func(tx app.Tx) error) error {
	return st.Update(ctx, app.Op{Operator: "张三", At: now}, fn)
}

func fullMeeting(enterpriseID string) app.Meeting {
	return app.Meeting{
		Kind: app.MeetingOnSite, Format: "企业", Seq: 3, Date: app.D(2026, 3, 12), Place: "港机重工会议室",
		EnterpriseID: enterpriseID, Chair: "王副区长",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "王副区长"}, {Group: app.Absent, Kind: "银行", Name: "秦皇岛银行"}},
		Agenda:    "协调用地", Minutes: "研究了用地问题。",
		Decisions: []app.Decision{{Text: "解决用地指标", Unit: "区自然资源局", Deadline: app.D(2026, 4, 30)}},
	}
}

func fullNeed(enterpriseID, meetingID string) app.FinancingNeed {
	return app.FinancingNeed{Date: app.D(2026, 3, 10), EnterpriseID: enterpriseID, MeetingID: meetingID, Amount: 12_345_678,
		Use: "购买原材料", TermMonths: 12, Collateral: "厂房抵押", Bank: "秦皇岛银行", Status: app.NeedLent,
		Credit: 9_000_000_000_001, Lent: 5_000_001, LentOn: app.D(2026, 3, 14), Reason: "无"}
}

func fullLoan(enterpriseID string) app.BridgeLoan {
	return app.BridgeLoan{EnterpriseID: enterpriseID, Bank: "中国银行秦皇岛分行", Original: 20_000_000, OriginalDue: app.D(2026, 3, 20),
		Commitment: "续贷承诺函", Conditions: []bool{true, true, false, true}, Applied: 18_000_000, AppliedOn: app.D(2026, 3, 9),
		Approved: 17_500_000, ApprovedOn: app.D(2026, 3, 11), PaidOn: app.D(2026, 3, 12), DueBack: app.D(2026, 3, 27),
		RepaidOn: app.D(2026, 3, 25), Fee: 12_345, Status: app.LoanSettled, Note: "按期归还"}
}

func TestMeetingNeedLoanRoundTrip(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "秦皇岛港机重工有限公司")
	m, l := fullMeeting(e.ID), fullLoan(e.ID)
	var n app.FinancingNeed
	if err := update(st, func(tx app.Tx) error {
		if err := tx.SaveMeeting(&m); err != nil {
			return err
		}
		n = fullNeed(e.ID, m.ID)
		return errors.Join(tx.SaveFinancingNeed(&n), tx.SaveBridgeLoan(&l))
	}); err != nil {
		t.Fatal(err)
	}
	for _, meta := range []app.Meta{m.Meta, n.Meta, l.Meta} {
		if meta.ID == "" || meta.Office != myOffice || meta.Version != 1 || meta.UpdatedBy != "张三" || !meta.UpdatedAt.Equal(now) {
			t.Errorf("inserted meta %+v", meta)
		}
	}
	wantN, wantL := n, l
	wantN.EnterpriseName, wantL.EnterpriseName = e.Name, e.Name
	if got, err := st.Meeting(ctx, m.ID); err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("Meeting = %+v, %v", got, err)
	}
	if got, err := st.FinancingNeed(ctx, n.ID); err != nil || !reflect.DeepEqual(got, wantN) {
		t.Errorf("FinancingNeed = %+v, %v", got, err)
	}
	if got, err := st.BridgeLoan(ctx, l.ID); err != nil || !reflect.DeepEqual(got, wantL) {
		t.Errorf("BridgeLoan = %+v, %v", got, err)
	}

	// The store keeps its own copies of the lists.
	m.Attendees[0].Name, m.Decisions[0].Text, l.Conditions[0] = "改", "改", false
	ms, _ := st.Meetings(ctx, app.MeetingFilter{})
	ms[0].Attendees[1].Name = "改"
	ls, _ := st.BridgeLoans(ctx, app.LoanFilter{})
	ls[0].Conditions[1] = false
	gm, _ := st.Meeting(ctx, m.ID)
	gl, _ := st.BridgeLoan(ctx, l.ID)
	if gm.Attendees[0].Name != "王副区长" || gm.Attendees[1].Name != "秦皇岛银行" || gm.Decisions[0].Text != "解决用地指标" ||
		!slices.Equal(gl.Conditions, []bool{true, true, false, true}) {
		t.Errorf("stored lists changed from outside: %+v %+v", gm, gl.Conditions)
	}

	// Empty lists read back as nil, as on data.
	bare := app.Meeting{Kind: app.MeetingBank, Format: "对接会", Date: app.D(2026, 3, 1), Place: "区政府", Chair: "李",
		Attendees: []app.Attendee{}, Decisions: []app.Decision{}}
	bl := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 1, Applied: 1, Status: app.LoanApplied, Conditions: []bool{}}
	if err := update(st, func(tx app.Tx) error { return errors.Join(tx.SaveMeeting(&bare), tx.SaveBridgeLoan(&bl)) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Meeting(ctx, bare.ID); got.Attendees != nil || got.Decisions != nil {
		t.Errorf("empty lists read back as %#v %#v", got.Attendees, got.Decisions)
	}
	if got, _ := st.BridgeLoan(ctx, bl.ID); got.Conditions != nil {
		t.Errorf("empty conditions read back as %#v", got.Conditions)
	}
}

func TestMeetingNeedLoanRefusals(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "企业甲")
	gone := addEnterprise(t, svc, 2, "企业乙")
	m, goneM, l := fullMeeting(e.ID), fullMeeting(""), fullLoan(e.ID)
	var n app.FinancingNeed
	if err := update(st, func(tx app.Tx) error {
		if err := errors.Join(tx.SaveMeeting(&m), tx.SaveMeeting(&goneM)); err != nil {
			return err
		}
		n = fullNeed(e.ID, m.ID)
		return errors.Join(tx.SaveFinancingNeed(&n), tx.SaveBridgeLoan(&l))
	}); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		tb app.Table
		id string
	}{{app.TableEnterprises, gone.ID}, {app.TableMeetings, goneM.ID}} {
		if err := svc.Delete(ctx, x.tb, x.id); err != nil {
			t.Fatal(err)
		}
	}
	before := len(st.ChangeLog())

	// Stale versions and missing IDs.
	sm, sn, sl := m, n, l
	sm.Version, sn.Version, sl.Version = 7, 7, 7
	for name, save := range map[string]func(tx app.Tx) error{
		"meeting": func(tx app.Tx) error { return tx.SaveMeeting(&sm) },
		"need":    func(tx app.Tx) error { return tx.SaveFinancingNeed(&sn) },
		"loan":    func(tx app.Tx) error { return tx.SaveBridgeLoan(&sl) },
	} {
		if err := update(st, save); !errors.Is(err, app.ErrStaleVersion) {
			t.Errorf("stale %s: %v", name, err)
		}
	}
	if sm.Version != 7 || sn.Version != 7 || sl.Version != 7 {
		t.Error("a refused save changed a version")
	}
	missing := m
	missing.ID = "id-999"
	if err := update(st, func(tx app.Tx) error { return tx.SaveMeeting(&missing) }); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("save of a missing meeting: %v", err)
	}

	// References to what is gone.
	cases := []struct {
		name, field string
		save        func(tx app.Tx) error
	}{
		{"meeting at a deleted enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullMeeting(gone.ID); return tx.SaveMeeting(&x) }},
		{"need of a deleted enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullNeed(gone.ID, ""); return tx.SaveFinancingNeed(&x) }},
		{"need of no enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullNeed("", ""); return tx.SaveFinancingNeed(&x) }},
		{"need of a deleted meeting", "MeetingID", func(tx app.Tx) error { x := fullNeed(e.ID, goneM.ID); return tx.SaveFinancingNeed(&x) }},
		{"need of a missing meeting", "MeetingID", func(tx app.Tx) error { x := fullNeed(e.ID, "id-999"); return tx.SaveFinancingNeed(&x) }},
		{"loan of a missing enterprise", "EnterpriseID", func(tx app.Tx) error { x := fullLoan("id-999"); return tx.SaveBridgeLoan(&x) }},
	}
	for _, c := range cases {
		err := update(st, c.save)
		var inv app.Invalid
		if !errors.As(err, &inv) || len(inv) != 1 || inv[0].Field != c.field || !strings.Contains(inv[0].Msg, "不存在或已删除") {
			t.Errorf("%s: %v, want a field error on %s", c.name, err, c.field)
		}
	}

	// Another office's records.
	for tb, id := range map[app.Table]string{app.TableMeetings: m.ID, app.TableFinancing: n.ID, app.TableLoans: l.ID} {
		if err := st.SetOwner(tb, "130303", id); err != nil {
			t.Fatal(err)
		}
		if err := update(st, func(tx app.Tx) error { return tx.Delete(tb, id) }); !errors.Is(err, app.ErrNotOwner) {
			t.Errorf("delete another office's %s: %v", tb, err)
		}
	}
	if err := update(st, func(tx app.Tx) error { return tx.SaveMeeting(&m) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's meeting: %v", err)
	}
	if err := update(st, func(tx app.Tx) error { return tx.SaveFinancingNeed(&n) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's need: %v", err)
	}
	if err := update(st, func(tx app.Tx) error { return tx.SaveBridgeLoan(&l) }); !errors.Is(err, app.ErrNotOwner) {
		t.Errorf("save another office's loan: %v", err)
	}
	if after := len(st.ChangeLog()); after != before {
		t.Errorf("refused writes logged %d changes", after-before)
	}
}

func TestMeetingNeedLoanFilters(t *testing.T) {
	svc, st := newService(t)
	ticking(svc)
	e1 := addEnterprise(t, svc, 1, "企业甲")
	e2 := addEnterprise(t, svc, 2, "企业乙")
	meeting := func(kind app.MeetingKind, d app.Date, place, chair, minutes string) app.Meeting {
		t.Helper()
		m := app.Meeting{Kind: kind, Format: kind.Formats()[0], Date: d, Place: place, Chair: chair, Minutes: minutes}
		if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
			t.Fatal(err)
		}
		return m
	}
	r1 := meeting(app.MeetingRoundtable, app.D(2026, 1, 15), "金梦海湾酒店", "王区长", "")
	o1 := meeting(app.MeetingOnSite, app.D(2026, 1, 20), "港机重工", "李副区长", "研究用地_指标")
	o2 := meeting(app.MeetingOnSite, app.D(2026, 2, 20), "项目工地", "李副区长", "100%解决")
	o3 := meeting(app.MeetingOnSite, app.D(2026, 2, 20), "玻璃厂", "张副区长", "Plc改造")
	b1 := meeting(app.MeetingBank, app.D(2026, 3, 5), "区政府会议室", "赵主任", "")
	old := meeting(app.MeetingOnSite, app.D(2025, 12, 30), "去年", "王区长", "")
	if o3.Seq != 3 || old.Seq != 1 || b1.Seq != 1 {
		t.Errorf("seqs %d %d %d", o3.Seq, old.Seq, b1.Seq)
	}
	if err := st.SetOwner(app.TableMeetings, "130303", r1.ID); err != nil {
		t.Fatal(err)
	}
	mid := func(m app.Meeting) string { return m.ID }
	for _, c := range []struct {
		f    app.MeetingFilter
		want []app.Meeting
	}{
		{app.MeetingFilter{}, []app.Meeting{b1, o3, o2, o1, r1, old}},
		{app.MeetingFilter{Office: myOffice}, []app.Meeting{b1, o3, o2, o1, old}},
		{app.MeetingFilter{Kind: app.MeetingOnSite, From: app.D(2026, 1, 1), To: app.D(2026, 2, 20)}, []app.Meeting{o3, o2, o1}},
		{app.MeetingFilter{To: app.D(2026, 1, 15)}, []app.Meeting{r1, old}},
		{app.MeetingFilter{Query: " 李副区长 "}, []app.Meeting{o2, o1}},
		{app.MeetingFilter{Query: "_"}, []app.Meeting{o1}},
		{app.MeetingFilter{Query: "%"}, []app.Meeting{o2}},
		{app.MeetingFilter{Query: "plc"}, []app.Meeting{o3}},
		{app.MeetingFilter{Query: "会议室"}, []app.Meeting{b1}},
		{app.MeetingFilter{Limit: 2}, []app.Meeting{b1, o3}},
	} {
		got, err := st.Meetings(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(got, mid), ids(c.want, mid); !slices.Equal(g, w) {
			t.Errorf("Meetings(%+v) = %v, want %v", c.f, g, w)
		}
	}

	need := func(e app.Enterprise, meetingID string, d app.Date, bank, status string) app.FinancingNeed {
		t.Helper()
		n := app.FinancingNeed{Date: d, EnterpriseID: e.ID, MeetingID: meetingID, Amount: 5_000_000, Use: "流动资金",
			Bank: bank, Status: status, Credit: 1, Lent: 1, LentOn: d, Reason: "资料不全"}
		if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	n1 := need(e1, b1.ID, app.D(2026, 3, 5), "秦皇岛银行", app.NeedOpen)
	n2 := need(e2, b1.ID, app.D(2026, 3, 5), "中国银行秦皇岛分行", app.NeedCredit)
	n3 := need(e1, "", app.D(2026, 3, 10), "秦皇岛银行", app.NeedLent)
	n4 := need(e2, "", app.D(2026, 2, 1), "秦皇岛银行股份", app.NeedRefused)
	if err := st.SetOwner(app.TableFinancing, "130303", n4.ID); err != nil {
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
		{app.FinancingFilter{MeetingID: b1.ID}, []app.FinancingNeed{n2, n1}},
		{app.FinancingFilter{Bank: "秦皇岛银行"}, []app.FinancingNeed{n3, n1}},
		{app.FinancingFilter{Status: app.NeedRefused}, []app.FinancingNeed{n4}},
		{app.FinancingFilter{Limit: 1}, []app.FinancingNeed{n3}},
	} {
		got, err := st.FinancingNeeds(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(got, nid), ids(c.want, nid); !slices.Equal(g, w) {
			t.Errorf("FinancingNeeds(%+v) = %v, want %v", c.f, g, w)
		}
		for _, n := range got {
			if n.EnterpriseName == "" {
				t.Errorf("need %s without EnterpriseName", n.ID)
			}
		}
	}

	loan := func(e app.Enterprise, applied app.Date) app.BridgeLoan {
		t.Helper()
		l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: applied.AddDays(10),
			Applied: 8_000_000, AppliedOn: applied}
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	l1, l2, l3 := loan(e1, app.D(2026, 1, 5)), loan(e2, app.D(2026, 3, 1)), loan(e1, app.D(2026, 2, 1))
	if _, err := svc.LoanAct(ctx, l3.ID, app.LoanAction{Kind: app.LoanActReview, Date: app.D(2026, 2, 2),
		Conditions: []bool{true, true, true, true}, Commitment: "承诺函"}); err != nil {
		t.Fatal(err)
	}
	lid := func(l app.BridgeLoan) string { return l.ID }
	for _, c := range []struct {
		f    app.LoanFilter
		want []app.BridgeLoan
	}{
		{app.LoanFilter{}, []app.BridgeLoan{l2, l3, l1}},
		{app.LoanFilter{EnterpriseID: e1.ID}, []app.BridgeLoan{l3, l1}},
		{app.LoanFilter{Status: app.LoanReviewed}, []app.BridgeLoan{l3}},
		{app.LoanFilter{Status: app.LoanApplied, Limit: 1}, []app.BridgeLoan{l2}},
		{app.LoanFilter{Office: "130303"}, nil},
	} {
		got, err := st.BridgeLoans(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := ids(got, lid), ids(c.want, lid); !slices.Equal(g, w) {
			t.Errorf("BridgeLoans(%+v) = %v, want %v", c.f, g, w)
		}
	}
}

func TestMeetingNeedLoanDeleteStatsBackup(t *testing.T) {
	svc, st := newService(t)
	e := addEnterprise(t, svc, 1, "企业甲")
	var ms []app.Meeting
	for i, k := range []app.MeetingKind{app.MeetingRoundtable, app.MeetingOnSite, app.MeetingOnSite, app.MeetingBank, app.MeetingBank} {
		m := app.Meeting{Kind: k, Format: k.Formats()[0], Date: app.D(2026, 1, 1+i), Place: "区政府", Chair: "赵主任"}
		if err := svc.SaveMeeting(ctx, &m, nil); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	n := app.FinancingNeed{Date: app.D(2026, 3, 5), EnterpriseID: e.ID, MeetingID: ms[3].ID, Amount: 3_000_000, Use: "设备"}
	if err := svc.SaveFinancingNeed(ctx, &n); err != nil {
		t.Fatal(err)
	}
	var ls []app.BridgeLoan
	for i := range 2 {
		l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 10_000_000, OriginalDue: app.D(2026, 3, 20),
			Applied: 5_000_000, AppliedOn: app.D(2026, 3, 9+i)}
		if err := svc.SaveBridgeLoan(ctx, &l); err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
	}
	s := stats(t, st)
	if s.MeetingsRoundtable != 1 || s.MeetingsOnsite != 2 || s.MeetingsBank != 2 || s.FinancingNeeds != 1 || s.BridgeLoans != 2 {
		t.Errorf("stats %+v", s)
	}
	path := filepath.Join(t.TempDir(), "备份.json")
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	wantM, _ := st.Meetings(ctx, app.MeetingFilter{})
	wantN, _ := st.FinancingNeeds(ctx, app.FinancingFilter{})
	wantL, _ := st.BridgeLoans(ctx, app.LoanFilter{})
	wantChanges := st.ChangeLog()

	for _, x := range []struct {
		tb app.Table
		id string
	}{{app.TableMeetings, ms[1].ID}, {app.TableFinancing, n.ID}, {app.TableLoans, ls[0].ID}} {
		if err := svc.Delete(ctx, x.tb, x.id); err != nil {
			t.Fatal(err)
		}
		if err := svc.Delete(ctx, x.tb, x.id); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("second delete of %s: %v", x.tb, err)
		}
	}
	if _, err := st.Meeting(ctx, ms[1].ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted meeting: %v", err)
	}
	if _, err := st.FinancingNeed(ctx, n.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted need: %v", err)
	}
	if _, err := st.BridgeLoan(ctx, ls[0].ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted loan: %v", err)
	}
	ch := st.ChangeLog()
	tail := ch[len(ch)-3:]
	for i, w := range []struct {
		tb      app.Table
		id      string
		version int64
	}{{app.TableMeetings, ms[1].ID, 2}, {app.TableFinancing, n.ID, 2}, {app.TableLoans, ls[0].ID, 2}} {
		c := tail[i]
		if c.Table != w.tb || c.RecordID != w.id || c.Op != "delete" || c.Version != w.version || !strings.Contains(c.Data, `"deleted":true`) {
			t.Errorf("delete change %d = %+v", i, c)
		}
	}
	s = stats(t, st)
	if s.MeetingsOnsite != 1 || s.FinancingNeeds != 0 || s.BridgeLoans != 1 {
		t.Errorf("stats after deletes %+v", s)
	}

	// The restore brings back the records and their change log.
	if err := st.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	gotM, _ := st.Meetings(ctx, app.MeetingFilter{})
	gotN, _ := st.FinancingNeeds(ctx, app.FinancingFilter{})
	gotL, _ := st.BridgeLoans(ctx, app.LoanFilter{})
	if !reflect.DeepEqual(gotM, wantM) || !reflect.DeepEqual(gotN, wantN) || !reflect.DeepEqual(gotL, wantL) ||
		!reflect.DeepEqual(st.ChangeLog(), wantChanges) {
		t.Errorf("after restore:\n%+v\n%+v\n%+v", gotM, gotN, gotL)
	}
	// A new store restores them too, and its IDs go on after theirs.
	fresh := apptest.New()
	if err := fresh.Restore(ctx, path); err != nil {
		t.Fatal(err)
	}
	if got, err := fresh.BridgeLoan(ctx, ls[1].ID); err != nil || !reflect.DeepEqual(got, wantL[0]) {
		t.Errorf("loan in a new store %+v, %v", got, err)
	}
	l := app.BridgeLoan{EnterpriseID: e.ID, Bank: "秦皇岛银行", Original: 1, Applied: 1, Status: app.LoanApplied}
	if err := update(fresh, func(tx app.Tx) error { return tx.SaveBridgeLoan(&l) }); err != nil {
		t.Fatal(err)
	}
	if l.ID == ls[0].ID || l.ID == ls[1].ID || l.ID == n.ID {
		t.Errorf("new ID %s reuses a restored one", l.ID)
	}
}
