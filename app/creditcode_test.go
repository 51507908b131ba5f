package app_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"wugeyi/app"
)

// realCreditCodes are unified social credit codes published by well-known
// companies (business licences, annual reports, the national enterprise
// credit information system). Each was checked against the GB 32100-2015
// algorithm independently of package app.
var realCreditCodes = []struct {
	name string
	code string
}{
	{"华为技术有限公司", "914403001922038216"},
	{"深圳市腾讯计算机系统有限公司", "91440300708461136T"},
	{"阿里巴巴（中国）有限公司", "91330100716105852F"},
	{"中国石油天然气股份有限公司", "91110000710925462X"},
	{"中国石油化工股份有限公司", "91110000710926094P"},
	{"北京百度网讯科技有限公司", "91110000802100433B"},
	{"小米科技有限责任公司", "91110108551385082Q"},
	{"比亚迪股份有限公司", "91440300192317458F"},
	{"贵州茅台酒股份有限公司", "91520000214434146R"},
	{"珠海格力电器股份有限公司", "91440400192548256N"},
	{"美的集团股份有限公司", "91440606722473344C"},
	{"中国平安保险（集团）股份有限公司", "91440300100012316L"},
	{"招商银行股份有限公司", "9144030010001686XA"},
	{"万科企业股份有限公司", "91440300192181490G"},
	{"中国工商银行股份有限公司", "91100000100003962T"},
	{"中兴通讯股份有限公司", "9144030027939873X7"},
	{"海尔智家股份有限公司", "91370200264574251E"},
	{"hutool test vector", "91310110666007217T"},
}

func TestCheckCreditCodeRealCodes(t *testing.T) {
	for _, tc := range realCreditCodes {
		t.Run(tc.name, func(t *testing.T) {
			if err := app.CheckCreditCode(tc.code); err != nil {
				t.Errorf("CheckCreditCode(%q) = %v, want nil", tc.code, err)
			}
			c, err := app.CreditCheckChar(tc.code[:17])
			if err != nil {
				t.Fatalf("CreditCheckChar(%q) error: %v", tc.code[:17], err)
			}
			if c != tc.code[17] {
				t.Errorf("CreditCheckChar(%q) = %q, want %q", tc.code[:17], c, tc.code[17])
			}
		})
	}
}

// replaceAt returns s with the byte at i replaced by c.
func replaceAt(t *testing.T, s string, i int, c byte) string {
	t.Helper()
	if s[i] == c {
		t.Fatalf("replaceAt(%q, %d, %q) changes nothing", s, i, c)
	}
	b := []byte(s)
	b[i] = c
	return string(b)
}

func TestCheckCreditCodeRefusals(t *testing.T) {
	const huawei = "914403001922038216"
	tests := []struct {
		name string
		code string
		want string // a part of the message
	}{
		{"one digit changed", replaceAt(t, huawei, 10, '3'), "校验位"},
		{"two digits swapped", "914403001922038126", "校验位"},
		{"check char changed", replaceAt(t, huawei, 17, '7'), "校验位"},
		{"check char letter changed", replaceAt(t, "91440300708461136T", 17, 'U'), "校验位"},
		{"17 characters", huawei[:17], "现在是17位"},
		{"19 characters", huawei + "0", "现在是19位"},
		{"empty", "", "现在是0位"},
		{"letter I", replaceAt(t, huawei, 12, 'I'), "第13位“I”"},
		{"letter O", replaceAt(t, huawei, 12, 'O'), "第13位“O”"},
		{"letter S", replaceAt(t, huawei, 12, 'S'), "第13位“S”"},
		{"letter V", replaceAt(t, huawei, 12, 'V'), "第13位“V”"},
		{"letter Z", replaceAt(t, huawei, 12, 'Z'), "第13位“Z”"},
		{"lower case not normalized", "91440300708461136t", "第18位“t”"},
		{"hyphen", replaceAt(t, huawei, 8, '-'), "第9位“-”"},
		{"letter in position 3", replaceAt(t, huawei, 2, 'A'), "第3至8位"},
		{"letter in position 5", replaceAt(t, huawei, 4, 'B'), "第5位"},
		{"letter in position 8", replaceAt(t, huawei, 7, 'C'), "第8位"},
		{"chinese character counts as one", "91440300192181490中", "第18位“中”"},
		{"six chinese characters", "华为技术有限", "现在是6位"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := app.CheckCreditCode(tc.code)
			if err == nil {
				t.Fatalf("CheckCreditCode(%q) = nil, want a refusal", tc.code)
			}
			msg := err.Error()
			if !hasHan(msg) {
				t.Errorf("message %q is not Chinese", msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("message %q does not contain %q", msg, tc.want)
			}
		})
	}
}

// A letter in positions 3–8 is refused even when the check character has
// been computed to match it.
func TestCheckCreditCodeLetterInRegionWithValidCheck(t *testing.T) {
	body := "91A403001922038" + "21"
	c, err := app.CreditCheckChar(body)
	if err != nil {
		t.Fatalf("CreditCheckChar(%q): %v", body, err)
	}
	code := body + string(c)
	err = app.CheckCreditCode(code)
	if err == nil || !strings.Contains(err.Error(), "行政区划") {
		t.Errorf("CheckCreditCode(%q) = %v, want the region refusal", code, err)
	}
}

// Letters are allowed in the other positions, e.g. the newer MA… codes.
func TestCheckCreditCodeLettersOutsideRegion(t *testing.T) {
	for _, body := range []string{"91110105MA00DP8Y9", "Y1130302MA0CXWU0A"} {
		c, err := app.CreditCheckChar(body)
		if err != nil {
			t.Fatalf("CreditCheckChar(%q): %v", body, err)
		}
		if err := app.CheckCreditCode(body + string(c)); err != nil {
			t.Errorf("CheckCreditCode(%q) = %v, want nil", body+string(c), err)
		}
	}
}

func TestCreditCheckCharRefusals(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"16 characters", "9144030019220382"},
		{"18 characters", "914403001922038216"},
		{"letter O", "9144030019220382O"},
		{"lower case", "91440300708461136"[:16] + "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if c, err := app.CreditCheckChar(tc.body); err == nil {
				t.Errorf("CreditCheckChar(%q) = %q, nil; want an error", tc.body, c)
			}
		})
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"already normal", "91440300708461136T", "91440300708461136T"},
		{"lower case", "91440300708461136t", "91440300708461136T"},
		{"spaces around", "  91330100716105852f\t", "91330100716105852F"},
		{"spaces inside", "9144 0300 7084 6113 6T", "91440300708461136T"},
		{"full-width", "９１４４０３００７０８４６１１３６Ｔ", "91440300708461136T"},
		{"full-width lower case", "９１１１００００７１０９２５４６２ｘ", "91110000710925462X"},
		{"ideographic space", "　914403001922038216　", "914403001922038216"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := app.NormalizeCreditCode(tc.in)
			if got != tc.want {
				t.Fatalf("NormalizeCreditCode(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if err := app.CheckCreditCode(got); err != nil {
				t.Errorf("CheckCreditCode(NormalizeCreditCode(%q)) = %v, want nil", tc.in, err)
			}
		})
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// refCheckChar is an independent implementation of GB 32100-2015: weights
// 3^i mod 31, check = (31 - sum mod 31) mod 31.
func refCheckChar(t *testing.T, body string) byte {
	t.Helper()
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	sum, w := 0, 1
	for i := 0; i < len(body); i++ {
		v := strings.IndexByte(alphabet, body[i])
		if v < 0 {
			t.Fatalf("refCheckChar: %q not in the alphabet", body[i])
		}
		sum += v * w
		w = w * 3 % 31
	}
	return alphabet[(31-sum%31)%31]
}

// Bodies are varied until every one of the 31 check characters, including
// "0" (sum divisible by 31) and "Y", has been produced and agrees with the
// reference.
func TestCreditCheckCharEveryValue(t *testing.T) {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	seen := map[byte]bool{}
	for i := 0; i < 31*31 && len(seen) < 31; i++ {
		body := fmt.Sprintf("91130302MA0%c%c%04d", alphabet[i%31], alphabet[(i/31)%31], i)
		got, err := app.CreditCheckChar(body)
		if err != nil {
			t.Fatalf("CreditCheckChar(%q): %v", body, err)
		}
		if want := refCheckChar(t, body); got != want {
			t.Fatalf("CreditCheckChar(%q) = %q, want %q", body, got, want)
		}
		if err := app.CheckCreditCode(body + string(got)); err != nil {
			t.Fatalf("CheckCreditCode(%q) = %v", body+string(got), err)
		}
		seen[got] = true
	}
	if len(seen) != 31 {
		t.Errorf("only %d distinct check characters produced", len(seen))
	}
	for _, tc := range realCreditCodes {
		if got := refCheckChar(t, tc.code[:17]); got != tc.code[17] {
			t.Errorf("%s: reference check %q, code has %q", tc.name, got, tc.code[17])
		}
	}
}
