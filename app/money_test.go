package app_test

import (
	"math"
	"strings"
	"testing"

	"wugeyi/app"
)

func TestParseWan(t *testing.T) {
	tests := []struct {
		in   string
		want app.Yuan
	}{
		{"", 0},
		{"   ", 0},
		{"0", 0},
		{"800", 8_000_000},
		{"800万", 8_000_000},
		{"800万元", 8_000_000},
		{" 800 万元 ", 8_000_000},
		{"1234.5", 12_345_000},
		{"1,234.5", 12_345_000},
		{"1，234.5", 12_345_000},
		{"1 234.5", 12_345_000},
		{"0.0001", 1}, // one 元
		{"0.5", 5000},
		{"0.05", 500},
		{"0.50", 5000},
		{"12.3456", 123_456},
		{"1.0000", 10_000},
		{"007", 70_000},
		{"10000", 100_000_000},           // 1亿元
		{"100000000", 1_000_000_000_000}, // MaxYuan, 1万亿元
		// Sums that floating point gets wrong come out exact.
		{"0.1", 1000},
		{"0.3", 3000},
		{"1.1", 11_000},
		{"4.35", 43_500},
	}
	for _, tt := range tests {
		got, err := app.ParseWan(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseWan(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	// 0.1 + 0.2 is 0.3 exactly.
	a, _ := app.ParseWan("0.1")
	b, _ := app.ParseWan("0.2")
	c, _ := app.ParseWan("0.3")
	if a+b != c {
		t.Errorf("0.1 + 0.2 = %d, want %d", a+b, c)
	}
}

func TestParseWanRefuses(t *testing.T) {
	tests := []struct {
		in   string
		want string // part of the message
	}{
		{"-5", "看不懂"},
		{"+5", "看不懂"},
		{"八百", "看不懂"},
		{"abc", "看不懂"},
		{"1e3", "看不懂"},
		{"1.2.3", "看不懂"},
		{".5", "看不懂"},
		{"5.", "看不懂"},
		{".", "看不懂"},
		{"1.-5", "看不懂"},
		{"0x10", "看不懂"},
		{"８００", "看不懂"},  // full-width digits
		{"800元", "看不懂"}, // 800 元 is not 800万元
		{"800亿", "看不懂"},
		{"万元800", "看不懂"},
		{"1.00001", "小数位过多"},
		{"0.00005", "小数位过多"},
		{"999999999999.9999", "过大"},
		{"1234567890123", "过大"},
		{"9999999999999.5", "过大"},
		{"100000000.0001", "过大"}, // one 元 above MaxYuan
	}
	for _, tt := range tests {
		got, err := app.ParseWan(tt.in)
		if err == nil {
			t.Errorf("ParseWan(%q) = %d, want a refusal", tt.in, got)
			continue
		}
		if got != 0 {
			t.Errorf("ParseWan(%q) refused but returned %d", tt.in, got)
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.in) {
			t.Errorf("ParseWan(%q): %q, want it to quote the input and say %q", tt.in, err, tt.want)
		}
	}
}

func TestWan(t *testing.T) {
	tests := []struct {
		y         app.Yuan
		wan, full string
	}{
		{0, "0", "0万元"},
		{1, "0.0001", "0.0001万元"},
		{10, "0.001", "0.001万元"},
		{5000, "0.5", "0.5万元"},
		{10_000, "1", "1万元"},
		{8_000_000, "800", "800万元"},
		{12_345_000, "1234.5", "1234.5万元"},
		{12_345_670, "1234.567", "1234.567万元"},
		{100_000_000, "10000", "10000万元"},
		{-5000, "-0.5", "-0.5万元"},
		{-12_345_000, "-1234.5", "-1234.5万元"},
		{math.MaxInt64, "922337203685477.5807", "922337203685477.5807万元"},
	}
	for _, tt := range tests {
		if got := tt.y.Wan(); got != tt.wan {
			t.Errorf("Yuan(%d).Wan() = %q, want %q", tt.y, got, tt.wan)
		}
		if got := tt.y.String(); got != tt.full {
			t.Errorf("Yuan(%d).String() = %q, want %q", tt.y, got, tt.full)
		}
	}
}

// Wan and ParseWan are each other's inverse on every non-negative amount a
// form can hold.
func TestWanRoundTrip(t *testing.T) {
	for _, y := range []app.Yuan{0, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 10_001, 123_456_789, app.MaxYuan - 1, app.MaxYuan} {
		for _, s := range []string{y.Wan(), y.String(), y.Wan() + "万"} {
			got, err := app.ParseWan(s)
			if err != nil || got != y {
				t.Errorf("ParseWan(%q) = %d, %v; want %d", s, got, err, y)
			}
		}
	}
	for y := app.Yuan(0); y < 20_000; y += 7 {
		if got, err := app.ParseWan(y.Wan()); err != nil || got != y {
			t.Fatalf("ParseWan(%q) = %d, %v; want %d", y.Wan(), got, err, y)
		}
	}
}
