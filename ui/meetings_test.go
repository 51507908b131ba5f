package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"wugeyi/app"
)

func TestMeetingWithProblems(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	s := u.meetings
	u.selectTab(s)
	s.newRecord()
	s.kind.SetSelected(string(app.MeetingOnSite))
	s.format.SetSelected("企业")
	s.date.SetText("2026-11-20")
	s.place.SetText("海鹏机械三号车间")
	s.enterprise.SetText(ent.Name)
	s.chair.SetText("副区长张建国")
	s.attendees.add(app.Attendee{Group: app.Present, Kind: "部门", Name: "区发改局"})
	s.decisions.add(app.Decision{Text: "协调解决车间用电增容", Deadline: app.D(2026, 12, 10)}) // no unit
	s.problems.add()
	p := s.problems.forms[0]
	p.category.SetSelected("建设")
	p.description.SetText("车间扩建需要用电增容")
	p.handling.SetSelected(handleLater) // an on-site meeting must settle it

	s.save()
	if s.form.errorText("Decisions") == "" {
		t.Error("a decision without a responsible unit shows no message")
	}
	if list, _ := st.Meetings(u.ctx, app.MeetingFilter{}); len(list) != 0 {
		t.Fatalf("refused, yet %d meetings stored", len(list))
	}

	s.decisions.set([]app.Decision{{Text: "协调解决车间用电增容", Unit: "区发改局", Deadline: app.D(2026, 12, 10)}})
	s.save()
	if p.form.errorText("Handling") == "" {
		t.Errorf("a problem left for later at an on-site meeting shows no message; form: %s", s.form.general.Text)
	}
	if countProblems(t, st) != 0 {
		t.Fatal("refused, yet a problem was stored")
	}

	p.handling.SetSelected(app.HandleOnSpot)
	p.text.SetText("供电公司当场答复，一周内完成增容")
	s.save()
	list, _ := st.Meetings(u.ctx, app.MeetingFilter{})
	if len(list) != 1 || list[0].Seq != 1 || list[0].Title() != "2026年第1次企业现场办公会" {
		t.Fatalf("meetings stored: %+v; form: %s%s", list, s.form.general.Text, fieldMessages(p.form))
	}
	probs, _ := st.Problems(u.ctx, app.ProblemFilter{SourceID: list[0].ID})
	bySource := map[string]app.Problem{}
	for _, p := range probs {
		bySource[p.Source] = p
	}
	// The problem raised, settled on the spot; the decision, 交办 to its unit.
	raised, decided := bySource["现场办公会"], bySource[app.SourceDecision]
	if len(probs) != 2 || raised.Status != app.StatusDone || raised.EnterpriseID != ent.ID ||
		decided.Status != app.StatusAssigned || decided.LeadDept != "区发改局" || !decided.Deadline.Equal(app.D(2026, 12, 10)) {
		t.Errorf("problems from the meeting: %+v", probs)
	}
	// Saved again from the form, the tracked decision stays tracked.
	s.save()
	if again, _ := st.Problems(u.ctx, app.ProblemFilter{SourceID: list[0].ID}); len(again) != 2 || s.form.general.Text != "" {
		t.Errorf("saved again: %d problems, the form says %q", len(again), s.form.general.Text)
	}
	if len(s.cur.Decisions) != 1 || s.cur.Decisions[0].Unit != "区发改局" || s.cur.Decisions[0].ProblemID != decided.ID {
		t.Errorf("the form now holds %+v", s.cur.Decisions)
	}
}

func TestLoanThroughSteps(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	settings, _ := st.Settings(u.ctx)
	settings.FundSize = 10_000_000 // 1000万元
	if err := u.svc.SaveSettings(u.ctx, settings); err != nil {
		t.Fatal(err)
	}
	s := u.loans
	u.selectTab(s)
	s.newRecord()
	s.enterprise.SetText(ent.Name)
	s.bank.SetText("秦皇岛银行")
	s.original.SetText("1500")
	s.origDue.SetText("2026-11-30")
	s.applied.SetText("1600") // above the original loan
	s.appliedOn.SetText("2026-11-20")
	s.saveLoan()
	if s.form.errorText("Applied") == "" {
		t.Fatal("an application above the original loan shows no message")
	}
	s.applied.SetText("1500")
	s.saveLoan()
	if s.cur.ID == "" || s.cur.Status != app.LoanApplied {
		t.Fatalf("application not saved: %s%s", s.form.general.Text, fieldMessages(s.form))
	}

	step := func(k app.LoanActionKind, fill func(), field string, want app.LoanStatus) {
		t.Helper()
		test.Tap(button(t, s.actions.Objects, string(k)))
		fill()
		s.doAction()
		if field != "" && s.act.errorText(field) == "" {
			t.Errorf("%s: no message next to %s; form: %s%s", k, field, s.act.general.Text, fieldMessages(s.act))
		}
		stored, _ := st.BridgeLoan(u.ctx, s.cur.ID)
		if stored.Status != want {
			t.Fatalf("%s: stored status %s, want %s", k, stored.Status, want)
		}
	}
	step(app.LoanActReview, func() {
		s.conds.SetSelected(app.LoanConditions[:3]) // 符合银行续贷条件 unchecked
		s.commit.SetText("秦皇岛银行续贷承诺函")
	}, "", app.LoanReviewed)
	step(app.LoanActApprove, func() { s.amount.SetText("800") }, "Conditions", app.LoanReviewed)
	step(app.LoanActReview, func() { s.conds.SetSelected(app.LoanConditions) }, "", app.LoanReviewed)
	step(app.LoanActApprove, func() { s.amount.SetText("1200") }, "Amount", app.LoanReviewed) // fund is 1000万元
	step(app.LoanActApprove, func() {
		s.actDate.SetText("2026-11-24")
		s.amount.SetText("1000")
	}, "", app.LoanApproved)
	step(app.LoanActPay, func() {
		s.actDate.SetText("2026-11-23") // before the approval
		s.dueBack.SetText("2026-12-05")
	}, "Date", app.LoanApproved)
	step(app.LoanActPay, func() {
		s.actDate.SetText("2026-11-25")
		s.dueBack.SetText("2027-01-05") // 41 days
	}, "DueBack", app.LoanApproved)
	step(app.LoanActPay, func() {
		s.actDate.SetText("2026-11-25")
		s.dueBack.SetText("2026-12-10")
	}, "", app.LoanPaid)
	if s.fund.Free != 0 || s.fund.Held != 10_000_000 {
		t.Errorf("fund while paid out: %+v", s.fund)
	}
	step(app.LoanActRepay, func() {
		s.actDate.SetText("2026-11-27")
		s.fee.SetText("0.5")
	}, "", app.LoanSettled)
	if s.fund.Free != 10_000_000 || s.fund.Fees != 5000 {
		t.Errorf("fund after repayment: %+v", s.fund)
	}
	// The fund's ledger shows the pay-out and the repayment, newest first.
	s.tabs.SelectIndex(1)
	for r, want := range [][2]string{{"收回", "0"}, {"放款", "1000"}} {
		what, _ := s.ledgerT.cell(r, 1)
		lent, _ := s.ledgerT.cell(r, 7)
		if what != want[0] || lent != want[1] {
			t.Errorf("ledger row %d: %s, out %s万元; want %s, %s", r, what, lent, want[0], want[1])
		}
	}
	if n := s.ledgerT.rows(); n != 2 {
		t.Errorf("ledger has %d rows, want 2", n)
	}
}

func TestFinancingNeedRefusals(t *testing.T) {
	u, st := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 3)
	s := u.finance
	u.selectTab(s)
	s.newRecord()
	s.enterprise.SetText(ent.Name)
	s.use.SetText("购买原材料")
	for _, amount := range []string{"0", "-5", "八百", "1.00001"} {
		s.amount.SetText(amount)
		s.save()
		if s.form.errorText("Amount") == "" {
			t.Errorf("amount %q shows no message", amount)
		}
	}
	s.amount.SetText("800")
	s.status.SetSelected(app.NeedRefused)
	s.bank.SetText("秦皇岛银行")
	s.save()
	if s.form.errorText("Reason") == "" {
		t.Error("refused without a reason shows no message")
	}
	if list, _ := st.FinancingNeeds(u.ctx, app.FinancingFilter{}); len(list) != 0 {
		t.Fatalf("refused, yet %d needs stored", len(list))
	}
	s.reason.SetText("抵押物不足")
	s.save()
	list, _ := st.FinancingNeeds(u.ctx, app.FinancingFilter{})
	if len(list) != 1 || list[0].Amount != 8_000_000 {
		t.Fatalf("needs stored: %+v; %s%s", list, s.form.general.Text, fieldMessages(s.form))
	}
	if len(s.byBank) != 1 || s.byBank[0].Refused != 1 || s.byBank[0].Amount != 8_000_000 {
		t.Errorf("totals by bank: %+v", s.byBank)
	}
}

func TestDashboardMeetingReminders(t *testing.T) {
	u, _ := newTestUI(t)
	d := u.dash
	d.reload()
	reminders := d.lists[5]
	// Set up today, the database reminds of this period's meetings only:
	// the months and quarters before it are none of its business.
	if n := reminders.n(); n != 3 || reminders.text(2) != "2026年第四季度 银企对接会：待召开，本季度还剩 35 天" {
		t.Errorf("a database set up today: %d meeting reminders, want this period's 3", n)
	}
	// Its start date (启用日期) moved to the year's first day in 设置.
	u.selectTab(u.settings)
	u.settings.began.SetText("2026-01-01")
	u.settings.save()
	if st, err := u.svc.Settings(u.ctx); err != nil || !st.Began.Equal(app.D(2026, 1, 1)) {
		t.Fatalf("the start date saved from 设置: %+v, %v (%s)", st.Began, err, fieldMessages(u.settings.form))
	}
	d.reload()
	// No meeting at all this year by 27 November: this month's on-site
	// meeting and this quarter's round table and bank meeting are still to
	// hold, listed first with the days left; ten on-site months and three
	// quarters of each quarterly kind are missing.
	if n := reminders.n(); n != 3+10+3+3 {
		t.Errorf("%d meeting reminders, want 19", n)
	}
	for i, want := range []string{
		"2026年第四季度 企业家恳谈会：待召开，本季度还剩 35 天",
		"2026年11月 企业现场办公会：待召开，本月还剩 4 天",
		"2026年第四季度 银企对接会：待召开，本季度还剩 35 天",
		"2026年第一季度 企业家恳谈会：未召开",
	} {
		if got := reminders.text(i); got != want {
			t.Errorf("reminder %d: %q, want %q", i+1, got, want)
		}
	}
	// Once November's on-site meeting is held, the calendar and the
	// reminders agree that it is no longer to hold.
	m := app.Meeting{Kind: app.MeetingOnSite, Format: app.MeetingOnSite.Formats()[0], Date: app.D(2026, 11, 26), Place: "企业会议室", Chair: "李明"}
	if err := u.svc.SaveMeeting(u.ctx, &m, nil); err != nil {
		t.Fatal(err)
	}
	d.reload()
	if n := reminders.n(); n != 2+10+3+3 || strings.Contains(reminders.text(1), "11月") {
		t.Errorf("after November's meeting: %d reminders, the second %q", n, reminders.text(1))
	}
	reminders.list.Select(0)
	if u.current() != u.meetings || u.meetings.tabs.SelectedIndex() != 1 {
		t.Error("a meeting reminder did not open the calendar")
	}
	missing := 0
	for _, p := range u.meetings.cal.periods[app.MeetingOnSite] {
		if p.State == app.PeriodMissing {
			missing++
		}
	}
	if missing != 10 {
		t.Errorf("calendar shows %d missing on-site months, want 10", missing)
	}
	if nov := u.meetings.cal.periods[app.MeetingOnSite][10]; nov.State != app.PeriodHeld {
		t.Errorf("the calendar shows November %s", nov.State)
	}
}

// On the last day of its month a meeting still to hold says so.
func TestMeetingReminderOnTheLastDay(t *testing.T) {
	nov := app.MeetingPeriod{Kind: app.MeetingOnSite, Year: 2026, Index: 11, From: app.D(2026, 11, 1), To: app.D(2026, 11, 30), State: app.PeriodDue}
	if got, want := meetingText(nov, app.D(2026, 11, 30)), "2026年11月 企业现场办公会：待召开，今天是本月最后一天"; got != want {
		t.Errorf("on the last day: %q, want %q", got, want)
	}
}

// 设置 keeps which contacts count as a 走访 besides 实地 and the start
// date; a start date that is no date, or after today, is refused with
// the field named and nothing saved.
func TestSettingsVisitModesAndStart(t *testing.T) {
	u, st := newTestUI(t)
	s := u.settings
	u.selectTab(s)
	s.modes.SetSelected([]string{"电话", "视频"})
	s.save()
	got, err := u.svc.Settings(u.ctx)
	if err != nil || fmt.Sprint(got.VisitModesCounted) != "[电话 视频]" || got.CountsAsVisit("会议") || !got.CountsAsVisit("视频") {
		t.Fatalf("saved modes %v, %v (%s)", got.VisitModesCounted, err, fieldMessages(s.form))
	}
	s.modes.SetSelected(nil)
	s.reload()
	if fmt.Sprint(s.modes.Selected) != "[电话 视频]" || s.began.Text != "2026-11-27" {
		t.Errorf("settings shown again: modes %v, start %q", s.modes.Selected, s.began.Text)
	}
	for _, bad := range []struct{ text, says string }{{"2026-13-01", "日期"}, {"2026-11-28", "启用日期不能晚于今天"}} {
		before := st.Snapshot()
		s.began.SetText(bad.text)
		s.save()
		if msg := fieldMessages(s.form); !strings.Contains(msg, bad.says) {
			t.Errorf("start date %s: the form says %q, want %q", bad.text, msg, bad.says)
		}
		if diff := st.Snapshot().Diff(before); len(diff) > 0 {
			t.Errorf("start date %s refused but saved: %v", bad.text, diff)
		}
	}
}
