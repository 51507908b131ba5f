package app

import (
	"fmt"
	"strconv"
	"strings"
)

// Yuan is an amount of money in whole 元, stored exactly as an integer.
// Forms take and show amounts in 万元, as loan papers write them.
type Yuan int64

// MaxYuan is the largest amount a form or a sync file may carry: 1万亿元,
// far above any enterprise's loan or need, and nine million such amounts
// still add up within an int64, so no sum of a notice or of the fund can
// overflow.
const MaxYuan Yuan = 1_000_000_000_000

// Wan is the amount in 万元 with as many decimals as it needs, e.g. 1234.5.
func (y Yuan) Wan() string {
	neg := y < 0
	if neg {
		y = -y
	}
	s := strconv.FormatInt(int64(y/10000), 10)
	if frac := int64(y % 10000); frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%04d", frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// String is the amount in 万元 with its unit, e.g. 1234.5万元.
func (y Yuan) String() string { return y.Wan() + "万元" }

// ParseWan reads an amount in 万元 as clerks type it: 800, 1234.5 or
// 0.0001 (one 元); commas, spaces and a trailing 万 or 万元 are allowed.
// The empty string is zero. Parsing is exact: no floating point.
func ParseWan(s string) (Yuan, error) {
	t := strings.NewReplacer(",", "", "，", "", " ", "").Replace(strings.TrimSpace(s))
	// Only 万 or 万元 may follow the number: "800元" is 800 元, not 800万元,
	// and is refused rather than read ten thousand times too large.
	if u, ok := strings.CutSuffix(t, "万元"); ok {
		t = u
	} else {
		t = strings.TrimSuffix(t, "万")
	}
	if t == "" {
		return 0, nil
	}
	whole, frac, dot := strings.Cut(t, ".")
	bad := fmt.Errorf("金额“%s”看不懂：请以万元为单位填写数字，例如 800 或 1234.5", s)
	if whole == "" || !digits(whole) || (dot && (!digits(frac) || frac == "")) {
		return 0, bad
	}
	if len(frac) > 4 {
		return 0, fmt.Errorf("金额“%s”小数位过多：以万元为单位最多4位小数（即精确到元）", s)
	}
	if len(whole) > 12 {
		return 0, fmt.Errorf("金额“%s”过大", s)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "0000")[:4], 10, 64)
	if y := Yuan(w*10000 + f); y <= MaxYuan {
		return y, nil
	}
	return 0, fmt.Errorf("金额“%s”过大：最多 %s", s, MaxYuan)
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
