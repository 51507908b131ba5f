package app

import (
	"fmt"
	"strings"
)

// creditAlphabet is the character set of the unified social credit code
// (GB 32100-2015): digits and capital letters without I, O, S, V, Z. A
// character's value is its index.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for the first 17 positions.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCheckChar computes the check character (the 18th) of the first 17
// characters of a unified social credit code.
func CreditCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("credit code body has %d characters, want 17", len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditAlphabet, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("credit code character %q at %d is not allowed", first17[i], i+1)
		}
		sum += v * creditWeights[i]
	}
	c := (31 - sum%31) % 31
	return creditAlphabet[c], nil
}

// NormalizeCreditCode trims a code and turns it to upper case, full-width
// characters to half-width, as clerks often type them.
func NormalizeCreditCode(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if r >= '！' && r <= '～' { // full-width ASCII
			r -= 0xFEE0
		}
		if r == ' ' || r == '　' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// CheckCreditCode validates a normalized unified social credit code and
// returns nil or a Chinese message saying what is wrong.
func CheckCreditCode(code string) error {
	// Count and report characters, not bytes: a Chinese character typed by
	// mistake is one position, and is shown as itself.
	rs := []rune(code)
	if len(rs) != 18 {
		return fmt.Errorf("统一社会信用代码应为18位，现在是%d位：请对照营业执照重新填写", len(rs))
	}
	for i, r := range rs {
		if r > 0x7f || strings.IndexByte(creditAlphabet, byte(r)) < 0 {
			return fmt.Errorf("统一社会信用代码第%d位“%c”不是有效字符（不使用 I、O、S、V、Z）：请对照营业执照重新填写", i+1, r)
		}
	}
	for i := 2; i < 8; i++ {
		if code[i] > '9' {
			return fmt.Errorf("统一社会信用代码第3至8位应为行政区划代码（数字），第%d位是“%c”", i+1, code[i])
		}
	}
	want, _ := CreditCheckChar(code[:17])
	if code[17] != want {
		return fmt.Errorf("统一社会信用代码校验位不符（第18位是“%c”，按前17位应为“%c”）：可能有一位抄错，请对照营业执照重新填写", code[17], want)
	}
	return nil
}
