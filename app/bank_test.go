package app_test

import (
	"testing"

	"wugeyi/app"
)

// The ways offices write a bank come to the one name of app.Banks; a name
// of no known bank is kept, its spaces taken out.
func TestBankName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"中国工商银行秦皇岛分行", "中国工商银行秦皇岛分行"},
		{"工商银行秦皇岛分行", "中国工商银行秦皇岛分行"},
		{"工行秦皇岛分行", "中国工商银行秦皇岛分行"},
		{" 中国工商银行 秦皇岛分行 ", "中国工商银行秦皇岛分行"},
		{"中国工商银行股份有限公司秦皇岛分行", "中国工商银行秦皇岛分行"},
		{"邮储银行秦皇岛分行", "中国邮政储蓄银行秦皇岛分行"},
		{"邮政储蓄银行秦皇岛分行", "中国邮政储蓄银行秦皇岛分行"},
		{"建行秦皇岛海港支行", "中国建设银行秦皇岛海港支行"},
		{"中行秦皇岛分行", "中国银行秦皇岛分行"},
		{"中国银行秦皇岛分行", "中国银行秦皇岛分行"},
		{"交行秦皇岛分行", "交通银行秦皇岛分行"},
		{"中国光大银行秦皇岛分行", "光大银行秦皇岛分行"},
		{"秦皇岛银行", "秦皇岛银行"},
		{"秦皇岛农商银行", "秦皇岛农商银行"},
	} {
		if got := app.BankName(c.in); got != c.want {
			t.Errorf("BankName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, b := range app.Banks {
		if app.BankName(b) != b {
			t.Errorf("the list's own %q becomes %q", b, app.BankName(b))
		}
	}
}

// A financing need, a loan and a meeting's bank attendee written another
// way are saved under the list's name, so one bank is one row of the totals.
func TestBanksSavedUnderOneName(t *testing.T) {
	w := newWorld(t, app.D(2026, 3, 16), nil)
	e := w.enterprise(1)
	n := app.FinancingNeed{Date: app.D(2026, 3, 10), EnterpriseID: e.ID, Amount: 5_000_000, Use: "流动资金", TermMonths: 12,
		Bank: "工行秦皇岛分行", Status: app.NeedStatuses[0]}
	if err := w.svc.SaveFinancingNeed(w.ctx, &n); err != nil {
		t.Fatal(err)
	}
	m := meeting(app.MeetingBank, app.D(2026, 3, 12))
	m.Attendees = append(m.Attendees, app.Attendee{Group: app.Present, Kind: "银行", Name: "工商银行秦皇岛分行"})
	m = w.saveMeeting(m)
	got, err := w.svc.FinancingNeed(w.ctx, n.ID)
	if err != nil || got.Bank != "中国工商银行秦皇岛分行" {
		t.Errorf("the need's bank: %q, %v", got.Bank, err)
	}
	if last := m.Attendees[len(m.Attendees)-1]; last.Name != "中国工商银行秦皇岛分行" {
		t.Errorf("the meeting's bank: %q", last.Name)
	}
}
