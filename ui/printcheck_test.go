package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"wugeyi/app"
	"wugeyi/app/xlsx"
)

// A name with a character no print face has is saved, and the clerk is
// warned at once, with the field and the character's code; an ordinary
// name is saved without a word.
func TestSaveWarnsOfUnprintableCharacters(t *testing.T) {
	u, st := newTestUI(t)
	s := u.ents
	u.selectTab(s)
	cases := []struct {
		name, legalRep string
		warn           []string // what the warning names; none when nil
	}{
		{"秦皇岛耀华玻璃股份有限公司", "王建国", nil},
		{"秦皇岛\U0002A6D6玻璃", "王建国", []string{"企业名称中的“\U0002A6D6”（U+2A6D6）", "打印时将印为编码"}},
		{"秦皇岛海鹏机械有限公司", "李\U0002A6D6", []string{"法定代表人中的“\U0002A6D6”（U+2A6D6）"}},
	}
	for i, c := range cases {
		s.newRecord()
		test.Type(s.name, c.name)
		s.legalRep.SetText(c.legalRep)
		s.code.SetText(creditCode(t, i+1))
		enter(s.code)
		list, err := st.Enterprises(u.ctx, app.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != i+1 || s.cur.Name != c.name {
			t.Fatalf("%s: %d enterprises stored after saving %d, the form holds %q (%s)", c.name, len(list), i+1, s.cur.Name, s.form.errorText("Name"))
		}
		msg := dialogText(u)
		if c.warn == nil {
			if msg != "" {
				t.Errorf("%s: a warning for an ordinary name: %q", c.name, msg)
			}
			continue
		}
		for _, w := range c.warn {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: the warning %q does not say %q", c.name, msg, w)
			}
		}
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			u.win.Canvas().Overlays().Remove(top)
		}
	}
}

// The Excel preview names the row, field and character the print fonts
// lack, and the rows are imported all the same.
func TestImportPreviewWarnsOfUnprintableCharacters(t *testing.T) {
	u, _ := newTestUI(t)
	u.selectTab(u.ents)
	b := workbook(t,
		[]any{"企业名称", "统一社会信用代码", "法人代表"},
		[]any{"秦皇岛甲机械有限公司", creditCode(t, 1), "李甲"},
		[]any{"秦皇岛\U0002A6D6玻璃", creditCode(t, 2), "王建国"})
	d := u.openImport(xlsx.KindEnterprises, "名单.xlsx", b)
	if d == nil || d.plan == nil {
		t.Fatal("no preview")
	}
	if w := "第3行 企业名称：“\U0002A6D6”（U+2A6D6）"; !strings.Contains(d.summary.Text, w) || d.summary.Importance != widget.WarningImportance {
		t.Errorf("the preview says %q (%v), want a warning naming %s", d.summary.Text, d.summary.Importance, w)
	}
	if strings.Contains(d.summary.Text, "第2行") {
		t.Errorf("the preview warns of the ordinary row 2: %q", d.summary.Text)
	}
	if d.plan.Writes() != 2 || d.ok.Disabled() {
		t.Errorf("the preview imports %d rows (button enabled %v), want both", d.plan.Writes(), !d.ok.Disabled())
	}
}

// Saving a loan whose bank prints on the 转贷审批表, or settings whose
// issuing body prints in every 落款 and 版记, warns of the characters
// no print face has, naming the field; ordinary text gives no warning.
func TestLoanAndSettingsWarnOfUnprintableCharacters(t *testing.T) {
	u, _ := newTestUI(t)
	ent := addEnterprise(t, u, "秦皇岛海鹏机械有限公司", 1)
	loan := app.BridgeLoan{EnterpriseID: ent.ID, Bank: "中国银行秦皇岛分行", Original: 5_000_000, OriginalDue: app.D(2026, 12, 5),
		Applied: 5_000_000, AppliedOn: app.D(2026, 11, 25), Commitment: "续贷承诺函", TermDays: 10}
	if err := u.svc.SaveBridgeLoan(u.ctx, &loan); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		save func(text string)
		warn string
	}{
		{"loan", func(text string) {
			u.selectTab(u.loans)
			u.loans.open(loan.ID)
			u.loans.bank.SetText(text)
			u.loans.saveLoan()
		}, "原贷款银行中的“\U0002A6D6”（U+2A6D6）"},
		{"settings", func(text string) {
			u.selectTab(u.settings)
			u.settings.issuer[0].SetText(text)
			u.settings.save()
		}, "发文机关全称（落款、版记）中的“\U0002A6D6”（U+2A6D6）"},
	}
	for _, c := range cases {
		for _, text := range []string{"海港区\U0002A6D6办公室", "海港区人民政府办公室"} {
			c.save(text)
			msg := dialogText(u)
			if rare := strings.ContainsRune(text, 0x2A6D6); rare != strings.Contains(msg, c.warn) {
				t.Errorf("%s saved with %q: the dialog says %q; want a warning naming %s: %v", c.name, text, msg, c.warn, rare)
			}
			if top := u.win.Canvas().Overlays().Top(); top != nil {
				u.win.Canvas().Overlays().Remove(top)
			}
		}
	}
	if l, err := u.svc.BridgeLoan(u.ctx, loan.ID); err != nil || l.Bank != "海港区人民政府办公室" {
		t.Errorf("the loan's bank after saving: %q, %v", l.Bank, err)
	}
}
