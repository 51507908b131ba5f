package print_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"wugeyi/app/print"
)

// The blocks the coverage is counted in.
var (
	extA  = [2]rune{0x3400, 0x4DBF}
	extBF = [2]rune{0x20000, 0x2EBEF} // Extensions B, C, D, E and F (and the gap before C)
)

// Every embedded face draws every Han character its source font has
// (Extension A, the URO, Extensions B to G: the lists
// assets/fonts/subset.py writes from the source), itself and where gofpdf
// reaches it, and all 8,105 characters of 通用规范汉字表: just those its
// source has, and every source has them all. Text set in any face draws
// all 8,105 (a character the face lacked would come from Song or Hei).
func TestFaceCoverage(t *testing.T) {
	fs := testFonts(t)
	table := generalStandard(t)
	faces := []struct {
		face   print.Face
		source string // the source face's Han characters
		// least is the fewest Han characters the source may have: Zhuque
		// Fangsong (0.211, a technical preview) has 11,231, the others
		// over 20,000.
		least int
		table int // how many characters of 通用规范汉字表 the face draws
		// extAGap are the characters of Extension A the source lacks:
		// Noto CJK (2022) stops at U+4DB5, before the ten that Unicode 13
		// added; LXGW WenKai has 503 of the 6,592 (its list says which).
		extAGap []rune
		// cut: the face keeps of its source's Han characters only those of
		// 通用规范汉字表 and those Song and Hei lack (titles and headings:
		// see make-print-fonts.sh), and draws the others through Song or Hei.
		cut bool
	}{
		{print.Song, "print-song.han", 20000, 8105, runes(0x4DB6, 0x4DBF), false},
		{print.TitleSong, "print-title.han", 20000, 8105, runes(0x4DB6, 0x4DBF), true},
		{print.Hei, "ui-hei.han", 20000, 8105, runes(0x4DB6, 0x4DBF), false},
		{print.Kai, "print-kai.han", 20000, 8105, nil, true},
		{print.FangSong, "print-fang.han", 11000, 8105, nil, false},
	}
	for _, c := range faces {
		t.Run(c.face.String(), func(t *testing.T) {
			source := hanList(t, c.source, c.least)
			have := map[rune]bool{}
			for _, r := range source {
				have[r] = true
			}
			// The face lacks just the characters of 通用规范汉字表 its
			// source lacks, as many as said.
			var lacking, sourceLacks []rune
			for _, r := range table {
				if !fs.Draws(c.face, r) {
					lacking = append(lacking, r)
				}
				if !have[r] {
					sourceLacks = append(sourceLacks, r)
				}
			}
			if len(table)-len(lacking) != c.table || fmt.Sprint(lacking) != fmt.Sprint(sourceLacks) {
				t.Errorf("draws %d of 通用规范汉字表, want %d, those its source has; lacks %s",
					len(table)-len(lacking), c.table, names(lacking[:min(len(lacking), 20)]))
			}
			if m := fs.Missing(c.face, string(table)); len(m) != 0 {
				t.Errorf("text in %s lacks %d of 通用规范汉字表 in every face: %s", c.face, len(m), names(m[:min(len(m), 20)]))
			}
			var lost, own []rune
			for _, r := range source {
				if !fs.Draws(c.face, r) {
					lost = append(lost, r)
				} else if !slices.Contains(table, r) && (fs.Draws(print.Song, r) || fs.Draws(print.Hei, r)) {
					own = append(own, r)
				}
			}
			if c.cut {
				// Its own Han characters are the table's and those no other
				// face has; its source's others come from Song or Hei.
				if len(own) > 0 {
					t.Errorf("a face cut to 通用规范汉字表 draws %d that Song or Hei has: %s", len(own), names(own[:min(len(own), 20)]))
				}
				lost = fs.Missing(c.face, string(source))
			}
			if len(lost) > 0 {
				t.Errorf("lacks %d characters its source has: %s", len(lost), names(lost[:min(len(lost), 20)]))
			}
			if c.extAGap != nil {
				var gap []rune
				for r := extA[0]; r <= extA[1]; r++ {
					if !have[r] {
						gap = append(gap, r)
					}
				}
				if fmt.Sprint(gap) != fmt.Sprint(c.extAGap) {
					t.Errorf("the source lacks %d of Extension A: %s", len(gap), names(gap[:min(len(gap), 20)]))
				}
			}
			t.Logf("%s draws %d of 8,105 of 通用规范汉字表, %d of Extension A (6,592), %d of Extensions B–F; its source has %d Han characters",
				c.face, len(table)-len(lacking), count(fs, c.face, extA), count(fs, c.face, extBF), len(source))
		})
	}
}

// Names with characters of Extensions A, B, C and E print in every face,
// none shown as a code, and the PDF reads as the names.
func TestRareNamesPrint(t *testing.T) {
	fs := testFonts(t)
	const names = "张㛃、王䶮、吉𠮷、赵𫖯、李𬌗"
	for _, f := range []print.Face{print.Song, print.Hei, print.Kai, print.TitleSong, print.FangSong} {
		if m := fs.Missing(f, names); len(m) != 0 {
			t.Errorf("%s: no face draws %q", f, string(m))
		}
	}
	d, err := print.New(fs, print.Official, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Centred("名单"+names, print.TitleSong, print.Size2)
	d.Centred("楷体"+names, print.Kai, print.Size3)
	d.Heading("黑体" + names)
	d.ParaIn("仿宋"+names, print.FangSong, print.Size3)
	d.Para("宋体" + names)
	txt := pdfText(t, render(t, d))
	if m := d.Missing(); len(m) != 0 {
		t.Errorf("shown as codes: %q", string(m))
	}
	inOrder(t, txt, "名单"+names, "楷体"+names, "黑体"+names, "仿宋"+names, "宋体"+names)
}

// A character no face has does not stop the document: it prints as its
// code in a box, reads and copies as itself, and Missing names it. A
// control character (a tab from a spreadsheet) is left out, not named.
func TestMissingCharacterPrintedAsCode(t *testing.T) {
	fs := testFonts(t)
	const r = 0x2A6D6 // 𪛖, the last of Extension B
	for _, f := range []print.Face{print.Song, print.Hei, print.Kai, print.TitleSong} {
		if fs.Draws(f, r) {
			t.Fatalf("%s draws U+2A6D6: the test needs a character no face has", f)
		}
	}
	d, err := print.New(fs, print.Official, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Para("企业负责人王𪛖先生反映用地问题，赵𫖯女士\t列席")
	b := render(t, d)
	if m := d.Missing(); len(m) != 1 || m[0] != r {
		t.Fatalf("Missing() = %q, want [U+2A6D6]", string(m))
	}
	inOrder(t, pdfText(t, b), "企业负责人王𪛖先生反映用地问题，赵𫖯女士列席")
	// The page draws the code: gofpdf writes text as UTF-16, and qpdf
	// shows such strings in hex.
	if !bytes.Contains(pageContent(t, b), []byte("<"+utf16Hex("U+2A6D6")+"> Tj")) {
		t.Error("the page does not draw “U+2A6D6”")
	}
	msg := (&print.MissingError{Runes: d.Missing()}).Error()
	if !strings.Contains(msg, "“𪛖”（U+2A6D6）") {
		t.Errorf("the warning does not name the character: %s", msg)
	}
}

// pageContent is the PDF b with its streams uncompressed and normalized
// (qpdf --qdf).
func pageContent(t *testing.T, b []byte) []byte {
	t.Helper()
	in := writePDF(t, b)
	out := filepath.Join(filepath.Dir(in), "qdf.pdf")
	if msg, err := exec.Command(tool(t, "qpdf"), "--qdf", "--object-streams=disable", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, msg)
	}
	q, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// utf16Hex is s as big-endian UTF-16 in lower-case hex.
func utf16Hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04x", u)
	}
	return b.String()
}

// generalStandard reads the 8,105 characters of 通用规范汉字表 from
// testdata/tgh-8105.txt, checking they are numbered 1 to 8,105.
func generalStandard(t *testing.T) []rune {
	t.Helper()
	var out []rune
	for i, l := range dataLines(t, "tgh-8105.txt") {
		f := strings.Split(l, "\t")
		if len(f) != 3 || f[0] != strconv.Itoa(i+1) {
			t.Fatalf("tgh-8105.txt: line %q is not number %d", l, i+1)
		}
		cp, err := strconv.ParseInt(strings.TrimPrefix(f[1], "U+"), 16, 32)
		if err != nil || string(rune(cp)) != f[2] {
			t.Fatalf("tgh-8105.txt: line %q", l)
		}
		out = append(out, rune(cp))
	}
	if len(out) != 8105 {
		t.Fatalf("tgh-8105.txt has %d characters", len(out))
	}
	return out
}

// hanList reads the characters of a source face from testdata/name: code
// points and ranges of them ("3400-4DB5"), one a line; at least least of
// them.
func hanList(t *testing.T, name string, least int) []rune {
	t.Helper()
	var out []rune
	for _, l := range dataLines(t, name) {
		lo, hi, _ := strings.Cut(l, "-")
		if hi == "" {
			hi = lo
		}
		a, err1 := strconv.ParseInt(lo, 16, 32)
		b, err2 := strconv.ParseInt(hi, 16, 32)
		if err1 != nil || err2 != nil || b < a {
			t.Fatalf("%s: bad line %q", name, l)
		}
		out = append(out, runes(rune(a), rune(b))...)
	}
	if len(out) < least {
		t.Fatalf("%s lists only %d characters", name, len(out))
	}
	return out
}

// dataLines are the lines of testdata/name but for comments and blank
// lines.
func dataLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if l := strings.TrimSpace(s.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// runes are the characters from lo to hi.
func runes(lo, hi rune) []rune {
	var out []rune
	for r := lo; r <= hi; r++ {
		out = append(out, r)
	}
	return out
}

// count is how many characters of block face f draws.
func count(fs *print.Fonts, f print.Face, block [2]rune) int {
	n := 0
	for r := block[0]; r <= block[1]; r++ {
		if fs.Draws(f, r) {
			n++
		}
	}
	return n
}

// names shows characters as “字”（U+XXXX）.
func names(rs []rune) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("“%c”（U+%04X）", r, r))
	}
	return strings.Join(out, "、")
}

// A paragraph of 仿宋 with a character Zhuque Fangsong lacks prints whole:
// that character in the Song face, the rest in the 仿宋, none shown as a
// code, and the PDF reads as the paragraph.
func TestFangSongFallsBackToSong(t *testing.T) {
	fs := testFonts(t)
	const r = '頔' // U+9814, in names; Zhuque Fangsong has GB 2312 and 通用规范汉字表, not all of GBK
	if fs.Draws(print.FangSong, r) || !fs.Draws(print.Song, r) {
		t.Fatal("the test needs a character the 仿宋 lacks and the Song face has")
	}
	text := "经协调，企业负责人张頔先生反映的用地问题已解决"
	d, err := print.New(fs, print.Grid, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Body(text)
	b := render(t, d)
	if m := d.Missing(); len(m) != 0 {
		t.Errorf("shown as codes: %q", string(m))
	}
	inOrder(t, pdfText(t, b), text)
	drawn := drawnIn(t, b)
	for _, c := range text {
		want := "WUGEYE+Fang"
		if c == r {
			want = "WUGEYA+Song"
		}
		if got := drawn[c]; len(got) != 1 || got[0] != want {
			t.Errorf("%s is drawn in %v, want %s", names([]rune{c}), got, want)
		}
	}
}

// The text operators of a content stream (qpdf --qdf): a font chosen, or
// a string shown, in hex or as a literal.
var (
	fontRef  = regexp.MustCompile(`(/F[0-9a-f]+) (\d+) 0 R`)
	showOps  = regexp.MustCompile(`(/F[0-9a-f]+) [\d.]+ Tf|<([0-9a-f]*)> Tj|\(((?:\\.|[^\\)])*)\) Tj`)
	escapeRe = regexp.MustCompile(`\\([0-7]{1,3}|.)`)
)

// drawnIn maps each character drawn on the pages of the PDF b to the
// fonts it is drawn in (their PDF names, e.g. WUGEYA+Song).
func drawnIn(t *testing.T, b []byte) map[rune][]string {
	t.Helper()
	q := string(pageContent(t, b))
	base := map[string]string{}
	for _, m := range fontRef.FindAllStringSubmatch(q, -1) {
		obj := regexp.MustCompile(`(?s)\n` + m[2] + ` 0 obj\n.*?/BaseFont /(\S+)`).FindStringSubmatch(q)
		if obj == nil {
			t.Fatalf("font %s (object %s) has no /BaseFont", m[1], m[2])
		}
		base[m[1]] = obj[1]
	}
	out := map[rune][]string{}
	font := ""
	for _, m := range showOps.FindAllStringSubmatch(q, -1) {
		var raw []byte
		switch {
		case m[1] != "":
			font = base[m[1]]
			continue
		case strings.HasPrefix(m[0], "<"):
			var err error
			if raw, err = hex.DecodeString(m[2]); err != nil {
				t.Fatal(err)
			}
		default:
			raw = []byte(escapeRe.ReplaceAllStringFunc(m[3], func(e string) string {
				if n, err := strconv.ParseUint(e[1:], 8, 8); err == nil {
					return string([]byte{byte(n)})
				}
				if c, ok := map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}[e[1]]; ok {
					return string([]byte{c})
				}
				return e[1:]
			}))
		}
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		for _, c := range utf16.Decode(u) {
			if !slices.Contains(out[c], font) {
				out[c] = append(out[c], font)
			}
		}
	}
	return out
}
