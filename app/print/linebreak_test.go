package print_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"wugeyi/app/print"
)

// em measures a rune as a monospaced font would: ASCII half a unit, all
// else a whole one.
func em(r rune) float64 {
	if r < utf8.RuneSelf {
		return 0.5
	}
	return 1
}

// lines is the text of each line of Break, joined by "|".
func lines(text string, width float64) string {
	var out []string
	for _, l := range print.Break(text, width, em, true) {
		out = append(out, l.Text())
	}
	return strings.Join(out, "|")
}

func TestBreakGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		want  string
	}{
		{"a long run without punctuation", "秦皇岛市工业和信息化局重点企业服务机制五个一工作台", 10,
			"秦皇岛市工业和信息化|局重点企业服务机制五|个一工作台"},
		{"a comma where a line would start", "一二三四五六七八九十，一二三", 10,
			"一二三四五六七八九|十，一二三"},
		{"a full stop and a closing quote where a line would start", "一二三四五六七八九“十”。一二", 10,
			"一二三四五六七八九|“十”。一二"},
		{"an opening bracket where a line would end", "一二三四五六七八九（十）", 10,
			"一二三四五六七八九|（十）"},
		{"an opening bracket and a closing one across the cut", "一二三四五六七八《九十》，", 10,
			"一二三四五六七八《九|十》，"},
		{"numbers and Latin words kept whole", "会议于2026年3月15日在Microsoft Teams召开", 10,
			"会议于2026年3月15日|在Microsoft Teams召|开"},
		{"a date and a percentage kept whole", "办结率达到98.5%以上，满意率100%", 8,
			"办结率达到98.5%|以上，满意率100%"},
		{"a date is never cut", "一二三四五六七会议于2026年12月8日召开", 10,
			"一二三四五六七会议于|2026年12月8日召开"},
		{"a sum stays with its unit", "一二三四五六七3500万元，", 10,
			"一二三四五六七|3500万元，"},
		{"a year alone", "一二三四五六七八九2026年度", 10,
			"一二三四五六七八九|2026年度"},
		{"a date in hanzi kept whole", "一二三四五六七2026年12月8日", 10,
			"一二三四五六七|2026年12月8日"},
		{"a year goes with its 年 only", "一二三四五六七2026年度", 10,
			"一二三四五六七2026年|度"},
		{"ten thousands kept whole, the unit may go", "一二三四五六七八12.5万元", 10,
			"一二三四五六七八|12.5万元"},
		{"a problem's number kept whole", "编号山海关-2026-0354的问题", 8,
			"编号|山海关-2026-0354|的问题"},
		{"a number's office part is three hanzi at most", "一二三四五海港-2026-0354", 9,
			"一二三四|五海港-2026-0354"},
		{"a dash before other than a number", "一二三四五六七八九-20-1", 10,
			"一二三四五六七八九|-20-1"},
		{"names with rare characters", "朱镕基同志、王堃同志、李喆同志出席", 6,
			"朱镕基同志、|王堃同志、李|喆同志出席"},
		{"an ellipsis and a dash stay whole", "一二三四五六七八……九十——一二", 10,
			"一二三四五六七八……|九十——一二"},
		{"a word wider than a line is cut by runes", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5,
			"ABCDEFGHIJ|KLMNOPQRST|UVWXYZ"},
		{"spaces at the cut are dropped", "abcd efgh ijkl mnop", 4.5,
			"abcd efgh|ijkl mnop"},
		{"paragraphs and an empty one", "第一段\n\n第三段", 10, "第一段||第三段"},
		{"punctuation at every place", "，。，。，。，。，。，。，。，。，。，。，。", 4,
			"，。，。，。，|。，。，。，。|，。，。，。，|。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lines(tc.text, tc.width); got != tc.want {
				t.Errorf("Break(%q, %v)\n got %s\nwant %s", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

// Every line but a paragraph's last is spread to the full width; the last
// keeps its natural spacing.
func TestBreakJustifies(t *testing.T) {
	ls := print.Break("一二三四五六七八九十1234，一二三", 10, em, true)
	if len(ls) != 2 {
		t.Fatalf("%d lines", len(ls))
	}
	first := ls[0]
	last := first.Parts[len(first.Parts)-1]
	if end := last.X + float64(utf8.RuneCountInString(last.Text)); end < 9.999 || end > 10.001 {
		t.Errorf("the first line ends at %v, want 10", end)
	}
	x := 0.0
	for _, p := range ls[1].Parts {
		if p.X != x {
			t.Errorf("the last line is spread: %+v", ls[1].Parts)
		}
		for _, r := range p.Text {
			x += em(r)
		}
	}
	if ls[0].Last || !ls[1].Last {
		t.Errorf("Last: %v %v", ls[0].Last, ls[1].Last)
	}
}

// On random text of hanzi, punctuation, digits, Latin words and spaces, at
// many widths: no character is lost or moved, no line is wider than the
// width unless it is one unit or ends in hanging punctuation, and no line
// starts with closing or ends with opening punctuation.
func TestBreakRandom(t *testing.T) {
	pieces := []string{"企", "业", "问", "题", "镕", "堃", "，", "。", "、", "；", "：", "？", "！", "（", "）", "《", "》",
		"“", "”", "「", "」", "2026", "3.5%", "Windows", "ABC", " ", "……", "——"}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := rng.IntN(80); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		width := float64(4 + rng.IntN(20))
		ls := print.Break(text, width, em, true)
		var joined strings.Builder
		for i, l := range ls {
			joined.WriteString(l.Text())
			if l.Width > width+1e-9 && len(l.Parts) > 1 && !fallback(l) {
				t.Fatalf("%q at %v: line %d %q is %v wide", text, width, i, l.Text(), l.Width)
			}
			s := l.Text()
			if i > 0 && !allPunct(s) && startsClosing(s) && !hungFull(ls[i-1], width) {
				t.Fatalf("%q at %v: line %d starts with closing punctuation: %q", text, width, i, s)
			}
			if i < len(ls)-1 && !allPunct(s) && endsOpening(s) {
				t.Fatalf("%q at %v: line %d ends with opening punctuation: %q", text, width, i, s)
			}
		}
		if strip(joined.String()) != strip(text) {
			t.Fatalf("%q at %v: lines %q lose or move text", text, width, joined.String())
		}
	}
}

// fallback says whether a line wider than its width is one of Break's
// ways out when no cut keeps the rules: closing marks hanging at its end,
// or the unit after opening punctuation taken along.
func fallback(l print.Line) bool {
	n := len(l.Parts)
	return startsClosing(l.Parts[n-1].Text) || endsOpening(l.Parts[n-2].Text)
}

// hungFull says whether line l hangs as many closing marks as Break
// hangs (three), or is wider than width because it hangs some: Break has
// no better cut when the text has more closing marks in a row than that.
func hungFull(l print.Line, width float64) bool {
	rs := []rune(l.Text())
	n := 0
	for n < len(rs) && startsClosing(string(rs[len(rs)-1-n])) {
		n++
	}
	return n >= 3 || (n > 0 && l.Width > width+1e-9)
}

// allPunct says whether s is only punctuation: no cut can keep the rules.
func allPunct(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("、，。；：？！）》」』”…（《「『“—", r) {
			return false
		}
	}
	return true
}

func startsClosing(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("、，。；：？！）》」』”…", r)
}

func endsOpening(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("（《「『“", r)
}

func strip(s string) string { return strings.ReplaceAll(s, " ", "") }

// A title breaks into even lines, the longer first, never inside a
// quotation or a number, nor where a line would start with closing
// punctuation.
func TestTitleLines(t *testing.T) {
	w := func(r rune) float64 { // CJK one em, ASCII half
		if r < 0x80 {
			return 0.5
		}
		return 1
	}
	cases := []struct {
		title string
		width float64
		want  []string // nil: as Break fills it
	}{
		{"海港区企业现场办公会纪要", 20, []string{"海港区企业现场办公会纪要"}},
		// Filled greedily it would cut “五|个一”.
		{"关于2026年第一季度重点企业联系服务“五个一”工作机制进展情况的通报", 20,
			[]string{"关于2026年第一季度重点企业联系服务", "“五个一”工作机制进展情况的通报"}},
		// Not inside a number (the even cut is 企业20|26年度); of the two
		// cuts as uneven, the longer line first.
		{"企业2026年度", 4, []string{"企业2026", "年度"}},
		// The quotation 《……》 is 18 em: no break outside it fits.
		{"关于印发《秦皇岛市重点企业联系服务工作办法》的通知", 20, nil},
	}
	for _, c := range cases {
		got := print.TitleLines(c.title, c.width, w)
		want := c.want
		if want == nil {
			for _, l := range print.Break(c.title, c.width, w, false) {
				want = append(want, l.Text())
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", c.title, got, want)
		}
	}
}
