package xlsx_test

import (
	"reflect"
	"testing"

	"wugeyi/app/xlsx"
)

// Unprintable names row, field and character of each imported row whose
// text the checker finds lacking; refused rows are not imported and not
// listed, and the plan is left as it was.
func TestUnprintable(t *testing.T) {
	svc, _ := service(t)
	b := newBook(t, "企业名单").
		row(1, "企业名称", "统一社会信用代码", "法人代表", "地址").
		row(2, "秦皇岛\U0002A6D6玻璃有限公司", code(t, 1), "张\U0002A6D6\U00020000", "海港区").
		row(3, "秦皇岛甲机械有限公司", code(t, 2), "李甲", "海港区").
		row(4, "秦皇岛\U0002A6D6重复", code(t, 1))
	bk, err := xlsx.Read(b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	sh, h, err := bk.Sheet("", xlsx.KindEnterprises)
	if err != nil {
		t.Fatal(err)
	}
	m := xlsx.Guess(xlsx.KindEnterprises, h)
	p, err := xlsx.PreviewEnterprises(ctx, svc.Store, haigang, sh, h, m)
	if err != nil {
		t.Fatal(err)
	}
	above := func(text string) []rune { // a checker that lacks every character above U+FFFF
		var out []rune
		for _, r := range text {
			if r > 0xFFFF {
				out = append(out, r)
			}
		}
		return out
	}
	got := xlsx.Unprintable(p, sh, m, above)
	want := []string{
		"第2行 企业名称：“\U0002A6D6”（U+2A6D6）",
		"第2行 法定代表人：“\U0002A6D6”（U+2A6D6）、“\U00020000”（U+20000）",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Unprintable = %q, want %q (outcomes %v)", got, want, outcomes(p))
	}
	if p.Writes() != 2 {
		t.Errorf("the plan writes %d records, want 2", p.Writes())
	}
}
