package print

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line breaking for Chinese text, done here because gofpdf's MultiCell and
// SplitText drop a character at most breaks between hanzi.
//
// Text is cut into units that are never split: one hanzi or punctuation
// mark; a run of ASCII letters, digits and ASCII punctuation (a number, a
// date, a Latin word); a date or number written with hanzi (2026年12月8日,
// 12.5万); a problem's number (山海关-2026-0354); a run of spaces; a run
// of "—" or "…". A line takes
// units while they fit. Where the cut would start a line with closing
// punctuation (，。、；：？！）》」』” …) or end one with opening punctuation
// (（《「『“ …), units move down to the next line until neither holds; if
// no cut on the line can, the closing punctuation hangs past the edge.

// noStart are the marks a line may not start with.
const noStart = "、，。；：？！）》」』”’…〉】〕｝％·．,.;:?!)]}%"

// noEnd are the marks a line may not end with.
const noEnd = "（《「『“‘〈【〔｛([{"

// A unit is a piece of text a line is never broken inside.
type unit struct {
	text  string
	width float64
	space bool // a run of spaces: dropped at either end of a line
}

// Line is one line of a paragraph as it is drawn: its units and their
// offsets from the left edge.
type Line struct {
	Parts []Part
	Width float64 // natural width, before any justification
	Last  bool    // the last line of its paragraph: not justified
}

// Part is a piece of a line drawn at X from the line's left edge.
type Part struct {
	Text string
	X    float64
}

// Text is the line's text as it reads.
func (l Line) Text() string {
	var b strings.Builder
	for _, p := range l.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Break cuts text into lines no wider than width (but for hanging
// punctuation, see adjust), measuring each rune with
// w. A "\n" ends a paragraph; every paragraph gives at least one line, an
// empty one for an empty paragraph. When justify is set, every line but
// the last of a paragraph is spread to the full width by widening the
// gaps between its units. A unit wider than a whole line (a very long
// Latin word) is cut by runes. Nothing of the text is lost except spaces
// at the ends of lines.
func Break(text string, width float64, w func(rune) float64, justify bool) []Line {
	var out []Line
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		out = append(out, breakParagraph(para, width, w, justify)...)
	}
	return out
}

func breakParagraph(para string, width float64, w func(rune) float64, justify bool) []Line {
	units := split(para, width, w)
	var lines []Line
	for start := 0; start < len(units); {
		if units[start].space && start > 0 { // no spaces at the start of a continued line
			start++
			continue
		}
		end, sum := start, 0.0 // units[start:end] fit
		for end < len(units) && (end == start || sum+units[end].width <= width+1e-9) {
			sum += units[end].width
			end++
		}
		if end < len(units) {
			end = adjust(units, start, end)
		}
		lines = append(lines, layout(units[start:end], width, justify && end < len(units)))
		start = end
	}
	if len(lines) == 0 {
		lines = append(lines, Line{})
	}
	lines[len(lines)-1].Last = true
	return lines
}

// adjust moves the cut at end (units[start:end] fit, units[end] does not)
// back until the next line does not start with closing punctuation and
// this one does not end with opening punctuation (spaces at the cut, which
// are dropped, do not count), keeping at least one unit on the line. When
// no cut on the line avoids both (a run of punctuation as long as the
// line), up to three closing marks that follow hang past the right edge
// (悬挂), as typesetters do, and a line that would still end with opening
// punctuation takes the unit after it too.
func adjust(units []unit, start, end int) int {
	for cut := end; cut > start; cut-- {
		if ok(units, start, cut) {
			return cut
		}
	}
	end = hang(units, end)
	if end < len(units) && isNoEnd(units[end-1].text) && !units[end].space {
		end = hang(units, end+1)
	}
	return end
}

// hang moves the end of a line past up to three closing marks that follow
// it (and the spaces before them).
func hang(units []unit, end int) int {
	for range 3 {
		next := end
		for next < len(units) && units[next].space {
			next++
		}
		if next == len(units) || !isNoStart(units[next].text) {
			break
		}
		end = next + 1
	}
	return end
}

// ok says whether a cut before units[cut] keeps the rules: what ends the
// line and what starts the next, spaces aside.
func ok(units []unit, start, cut int) bool {
	last := cut - 1
	for last > start && units[last].space {
		last--
	}
	next := cut
	for next < len(units) && units[next].space {
		next++
	}
	if units[last].space || isNoEnd(units[last].text) {
		return false
	}
	return next == len(units) || !isNoStart(units[next].text)
}

// layout places units on a line of width, spread to the full width when
// justify is set; spaces at the end are dropped.
func layout(units []unit, width float64, justify bool) Line {
	for len(units) > 0 && units[len(units)-1].space {
		units = units[:len(units)-1]
	}
	var natural float64
	for _, u := range units {
		natural += u.width
	}
	gap := 0.0
	if justify && len(units) > 1 && natural < width {
		gap = (width - natural) / float64(len(units)-1)
	}
	l := Line{Width: natural}
	x := 0.0
	for _, u := range units {
		if !u.space {
			l.Parts = append(l.Parts, Part{Text: u.text, X: x})
		} else if len(l.Parts) > 0 {
			// A space inside a line is kept as text, so that the line
			// reads back as written.
			l.Parts = append(l.Parts, Part{Text: u.text, X: x})
		}
		x += u.width + gap
	}
	return l
}

// split cuts a paragraph into units, cutting a unit wider than width by
// runes.
func split(para string, width float64, w func(rune) float64) []unit {
	var units []unit
	rs := []rune(para)
	for i := 0; i < len(rs); {
		j := i + 1
		switch r := rs[i]; {
		case r == ' ' || r == '\t' || r == '\u3000':
			for j < len(rs) && (rs[j] == ' ' || rs[j] == '\t' || rs[j] == '\u3000') {
				j++
			}
		case isWord(r):
			j = wordEnd(rs, i)
			if n := numberPrefix(rs[i:j], units); n > 0 {
				i -= n // the hanzi before "-2026-0354" are the number's
				units = units[:len(units)-n]
			}
		case r == '—' || r == '…':
			for j < len(rs) && rs[j] == r {
				j++
			}
		}
		u := unit{text: string(rs[i:j]), space: unicode.IsSpace(rs[i]) || rs[i] == '\u3000'}
		for _, r := range rs[i:j] {
			u.width += w(r)
		}
		if u.width > width && j-i > 1 && !u.space {
			for _, r := range rs[i:j] { // too wide for any line: rune by rune
				units = append(units, unit{text: string(r), width: w(r)})
			}
		} else {
			units = append(units, u)
		}
		i = j
	}
	return units
}

// numSuffixes are the hanzi that go on with a number without a break
// inside: the parts of a date and a time (2026年12月8日, 9时30分) and 万
// and 亿 (12.5万, with 元 after them: 3500万元).
const numSuffixes = "年月日时分秒万亿元"

// wordEnd is the end of the run of ASCII that starts at rs[i], taking in a
// date or number written with hanzi: a run ending in a digit goes on over
// a suffix of numSuffixes and a run of ASCII after it, again and again.
func wordEnd(rs []rune, i int) int {
	j := i
	for {
		for j < len(rs) && isWord(rs[j]) {
			j++
		}
		if j == len(rs) || !isDigit(rs[j-1]) || !strings.ContainsRune(numSuffixes, rs[j]) {
			return j
		}
		j++ // the suffix
		if j < len(rs) && rs[j] == '元' && (rs[j-1] == '万' || rs[j-1] == '亿') {
			j++
		}
		if j == len(rs) || !isDigit(rs[j]) {
			return j
		}
	}
}

// numberPrefix is how many of the units before the run of ASCII w belong
// to it as the office part of a problem's number (山海关-2026-0354): up to
// three hanzi, each a unit of its own, right before a run shaped
// -YYYY-NNNN.
func numberPrefix(w []rune, before []unit) int {
	if len(w) < 7 || w[0] != '-' || w[5] != '-' || !isDigit(w[6]) {
		return 0
	}
	for _, r := range w[1:5] {
		if !isDigit(r) {
			return 0
		}
	}
	n := 0
	for n < 3 && n < len(before) {
		r, size := utf8.DecodeRuneInString(before[len(before)-1-n].text)
		if size != len(before[len(before)-1-n].text) || !unicode.Is(unicode.Han, r) {
			break
		}
		n++
	}
	return n
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWord says whether r belongs in a run of ASCII kept whole: letters,
// digits and ASCII punctuation.
func isWord(r rune) bool { return r > ' ' && r < utf8.RuneSelf }

// isNoStart says whether a unit may not start a line. A run of ASCII is
// judged by its first rune, so that "," or ")" after a Latin word goes
// with the word (they are in the same run).
func isNoStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(noStart, r)
}

// isNoEnd says whether a unit may not end a line.
func isNoEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(noEnd, r)
}

// TitleLines breaks a document's title into lines no wider than width,
// with w the width of each rune, as GB/T 9704 wants a title set: each line
// whole in sense and the lines of even length (梯形或菱形), not filled
// greedily. A title breaks never inside a quotation or bracket (“五个一”,
// 《……》, （……）) nor inside a number or a Latin word, and never where
// Break would not (避头尾); of the two-line breaks that fit, it takes the
// one whose lines differ least, the longer first, a break beside a
// quotation or after a mark (where the sense pauses) counted as two
// characters more even than it is. A title that needs more
// than two lines, or that no allowed break fits, is broken as Break does.
func TitleLines(text string, width float64, w func(rune) float64) []string {
	rs := []rune(text)
	widths := make([]float64, len(rs)+1) // widths[i]: of rs[:i]
	for i, r := range rs {
		widths[i+1] = widths[i] + w(r)
	}
	total := widths[len(rs)]
	if total <= width {
		return []string{text}
	}
	best, bestDiff := -1, 0.0
	depth := 0
	pause := 2 * w('中') // what a break at a pause is worth
	for i := 1; i < len(rs); i++ {
		switch rs[i-1] {
		case '“', '《', '（', '(', '「', '『', '‘':
			depth++
		case '”', '》', '）', ')', '」', '』', '’':
			depth = max(0, depth-1)
		}
		a, b := rs[i-1], rs[i]
		if depth > 0 || (isWordRune(a) && isWordRune(b)) ||
			strings.ContainsRune(noStart, b) || strings.ContainsRune(noEnd, a) {
			continue
		}
		w1, w2 := widths[i], total-widths[i]
		if w1 > width || w2 > width {
			continue
		}
		// The longer line first: a shorter first line costs a little more.
		diff := math.Abs(w1 - w2)
		if w1 < w2 {
			diff += 0.01 * width
		}
		if strings.ContainsRune("“《（(「『‘", b) || strings.ContainsRune("”》）)」』’，、；：", a) {
			diff -= pause
		}
		if best < 0 || diff < bestDiff {
			best, bestDiff = i, diff
		}
	}
	if best < 0 {
		var out []string
		for _, l := range Break(text, width, w, false) {
			out = append(out, l.Text())
		}
		return out
	}
	return []string{string(rs[:best]), string(rs[best:])}
}

// isWordRune reports whether r belongs to a number or a Latin word, which
// a title does not break inside.
func isWordRune(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%')
}
