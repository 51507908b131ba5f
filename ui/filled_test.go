package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

// A handheld scanner reading the QR code of a printed 交办单 types the
// ledger number into the ledger's search box, key by key, then Enter: the
// problem is listed, and Enter opens it, even when another problem's text
// names the same number.
func TestLedgerFindsScannedNumber(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	p1 := registerProblem(t, u, ent, "厂区扩建用地指标不足", app.D(2026, 11, 20), nil)
	p2 := registerProblem(t, u, ent, "新建仓库土地手续迟迟未办", app.D(2026, 11, 20), nil)
	p3 := registerProblem(t, u, ent, "与海港-2026-0002同一地块，道路未通", app.D(2026, 11, 20), nil)
	if p2.Number != "海港-2026-0002" {
		t.Fatalf("the second problem is numbered %s", p2.Number)
	}
	s := u.ledger
	u.selectTab(s)
	test.Type(s.search, p2.Number)
	var got []string
	for _, r := range s.list {
		got = append(got, r.number)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{p2.Number, p3.Number}) {
		t.Errorf("typing %s lists %q, want it and %s, which names it", p2.Number, got, p3.Number)
	}
	enter(s.search)
	if s.shown() != p2.ID || !strings.HasPrefix(s.page.heading.Text, p2.Number) {
		t.Errorf("Enter opens %q (%s), want %s", s.shown(), s.page.heading.Text, p2.Number)
	}

	// A number found once opens on Enter too.
	s.search.SetText("")
	test.Type(s.search, p1.Number)
	if len(s.list) != 1 || s.list[0].id != p1.ID {
		t.Fatalf("typing %s lists %d rows", p1.Number, len(s.list))
	}
	enter(s.search)
	if s.shown() != p1.ID {
		t.Errorf("Enter opens %q, want %s", s.shown(), p1.Number)
	}
}

// The pages of a problem, a meeting, a visit and a bridge loan print their
// filled forms.
func TestPrintFilledFromPages(t *testing.T) {
	u, _ := newTestUI(t)
	opened := printInto(t, u)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	p := registerProblem(t, u, ent, "厂区扩建用地指标不足", app.D(2026, 11, 20), nil)

	s := u.ledger
	u.selectTab(s)
	s.show(p.ID)
	if s.page.supervise.Visible() {
		t.Error("打印督办单 is offered for a problem without 督办意见")
	}
	tapButton(t, s.page.root, "打印交办单")
	wantPDF(t, u, *opened, p.Number+"交办单")

	m := app.Meeting{Kind: app.MeetingOnSite, Format: "企业", Date: app.D(2026, 11, 26), Place: "海鹏机械会议室",
		Chair: "副区长张建国", Attendees: []app.Attendee{{Group: app.Present, Kind: "部门", Name: "区住建局"}}}
	if err := u.svc.SaveMeeting(u.ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	u.meetings.edit(m)
	tapButton(t, u.meetings.root, "打印签到表")
	wantPDF(t, u, *opened, m.Title()+"签到表")

	l := app.Leader{Name: "张建国", Post: "副区长", Level: app.LevelCounty, Body: "政府"}
	if err := u.svc.SaveLeader(u.ctx, &l); err != nil {
		t.Fatal(err)
	}
	v := app.Visit{Date: app.D(2026, 11, 24), LeaderID: l.ID, EnterpriseID: ent.ID, Mode: "实地", Findings: "生产正常"}
	if err := u.svc.SaveVisit(u.ctx, &v, nil); err != nil {
		t.Fatal(err)
	}
	v, err := u.svc.Visit(u.ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.visits.edit(v)
	tapButton(t, u.visits.root, "打印走访记录表")
	wantPDF(t, u, *opened, "2026-11-24走访秦皇岛海鹏机械有限公司")

	loan := app.BridgeLoan{EnterpriseID: ent.ID, Bank: "中国银行秦皇岛分行", Original: 5_000_000, OriginalDue: app.D(2026, 12, 5),
		Applied: 5_000_000, AppliedOn: app.D(2026, 11, 25), Commitment: "续贷承诺函", TermDays: 10}
	if err := u.svc.SaveBridgeLoan(u.ctx, &loan); err != nil {
		t.Fatal(err)
	}
	u.loans.open(loan.ID)
	tapButton(t, u.loans.root, "打印审批表")
	wantPDF(t, u, *opened, "秦皇岛海鹏机械有限公司转贷审批表")

	// A new record, not yet saved, has nothing to print.
	u.visits.newRecord()
	if u.visits.printBtn.Visible() {
		t.Error("打印走访记录表 is offered for a visit not yet saved")
	}
}

// At the city, a county's problem offers its 督办单 once the city has
// commented on it.
func TestPrintSupervision(t *testing.T) {
	city, st := newTestUIOf(t, cityOffice)
	opened := printInto(t, city)
	ent := addEnterprise(t, city, "秦皇岛海鹏机械有限公司", 3)
	p := registerProblem(t, city, ent, "厂区扩建用地指标不足", app.D(2026, 11, 20), nil)
	if err := st.SetOwner(app.TableProblems, haigang.Code, p.ID); err != nil {
		t.Fatal(err)
	}
	s := city.ledger
	city.selectTab(s)
	s.show(p.ID)
	if s.page.supervise.Visible() {
		t.Error("打印督办单 is offered for a problem without 督办意见")
	}
	test.Type(s.page.commentText, "请加快办理，月底前报送进展")
	tapButton(t, s.page.root, "填写督办意见")
	if !s.page.supervise.Visible() {
		t.Fatal("打印督办单 is not offered once the city has commented")
	}
	tapButton(t, s.page.root, "打印督办单")
	wantPDF(t, city, *opened, p.Number+"督办单")
}
