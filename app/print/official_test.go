package print_test

import (
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"wugeyi/app"
	"wugeyi/app/print"
)

// word is a word pdftotext -bbox reads, its box in mm from the top left
// of its page.
type word struct {
	page                   int
	text                   string
	left, top, right, bott float64
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>|<page `)

// words are the words of the PDF b with their boxes, as pdftotext -bbox
// reads them (a line of Chinese text without spaces is one word).
func words(t *testing.T, b []byte) []word {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", writePDF(t, b), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	const mm = 25.4 / 72
	var ws []word
	page := 0
	for _, m := range bboxWord.FindAllStringSubmatch(string(out), -1) {
		if m[1] == "" {
			page++
			continue
		}
		f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v * mm }
		ws = append(ws, word{page, m[5], f(1), f(2), f(3), f(4)})
	}
	return ws
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// The grid of GB/T 9704: a text block of 156 × 225 mm from 28 mm left and
// 37 mm top, 28 characters a line and 22 lines a page of 三号 text, page
// numbers 7 mm below the block, a character in from the right on odd
// pages and from the left on even ones.
func TestGridGeometry(t *testing.T) {
	d, err := print.New(testFonts(t), print.Grid, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Body(strings.Repeat("重点企业联系服务工作机制进展情况通报如下", 70)) // 1400 characters: 3 pages
	ws := words(t, render(t, d))
	const left, top, right, bottom = 28, 37, 184, 262
	lines := map[int]int{}
	var body []word
	for _, w := range ws {
		if w.top < bottom {
			body = append(body, w)
		}
	}
	var full int
	for i, w := range body {
		lines[w.page]++
		if w.left < left-0.5 || w.right > right+0.5 || w.top < top-1 || w.bott > bottom+1 {
			t.Errorf("page %d: %q at %.1f–%.1f × %.1f–%.1f mm is outside the text block", w.page, w.text, w.left, w.right, w.top, w.bott)
		}
		if i > 0 && i < len(body)-1 { // a whole line: neither the first (indented) nor the last
			full++
			if n := utf8.RuneCountInString(w.text); n != 28 {
				t.Errorf("page %d: a line of %d characters, want 28: %q", w.page, n, w.text)
			}
			if !near(w.left, left, 0.3) || !near(w.right, right, 0.3) {
				t.Errorf("page %d: a line spans %.2f–%.2f mm, want %d–%d", w.page, w.left, w.right, left, right)
			}
		}
	}
	if full < 40 {
		t.Fatalf("only %d whole lines measured", full)
	}
	for _, p := range []int{1, 2} {
		if lines[p] != 22 {
			t.Errorf("page %d has %d lines, want 22", p, lines[p])
		}
	}
	// Page numbers: "—", the number and "—" as words below the block.
	for p := 1; p <= 3; p++ {
		var box *word
		for _, w := range ws {
			if w.page != p || w.top < bottom {
				continue
			}
			if box == nil {
				b := w
				b.text = ""
				box = &b
			}
			box.left, box.right = min(box.left, w.left), max(box.right, w.right)
			box.text += w.text
		}
		if box == nil || box.text != fmt.Sprintf("—%d—", p) {
			t.Fatalf("page %d: no page number below the text block: %+v", p, box)
		}
		mid := (box.top + box.bott) / 2
		if !near(mid-bottom, 7, 1) {
			t.Errorf("page %d: page number %.1f mm below the text block, want 7", p, mid-bottom)
		}
		em := print.Size4 * 25.4 / 72
		if p%2 == 1 && !near(box.right, right-em, 0.5) {
			t.Errorf("odd page %d: page number ends at %.1f mm, want %.1f (右空一字)", p, box.right, right-em)
		}
		if p%2 == 0 && !near(box.left, left+em, 0.5) {
			t.Errorf("even page %d: page number starts at %.1f mm, want %.1f (左空一字)", p, box.left, left+em)
		}
	}
}

// A landscape page of a Grid document (the notice's table) has its page
// number where an upright page has it once the sheet is turned to be
// bound with the table's head on the binding side: along the left edge,
// near the foot, on an odd page; along the right edge on an even one; 7 mm
// out from the turned text block and a character in from its end.
func TestTurnedPageNumbers(t *testing.T) {
	d, err := print.New(testFonts(t), print.Grid, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Body("现将有关情况通报如下。")
	d.Turn(print.Turned)
	d.Body(strings.Repeat("重点企业联系服务工作机制进展情况通报如下", 40)) // 800 characters: 2 landscape pages
	ws := words(t, render(t, d))
	em := print.Size4 * 25.4 / 72
	// The upright page's block ends 262 mm down, i.e. 297-262 = 35 mm from
	// the left of an odd page turned clockwise, 262 mm from the left of an
	// even one turned anticlockwise; the number's dashes lie 7 mm beyond.
	for _, c := range []struct {
		page        int
		mid, bottom float64 // mm: the number's centre line, the foot of its box
	}{
		{2, 262 + 7, 210 - (28 + em)},     // even: upright left edge 28 mm + 一字
		{3, 297 - 262 - 7, 210 - 26 - em}, // odd: upright right edge 26 mm + 一字
	} {
		// The number and its two dashes: the words of the page outside
		// the turned block's 36–261 mm.
		var box *word
		var text string
		for _, w := range ws {
			if w.page != c.page || (w.left > 36 && w.right < 261) {
				continue
			}
			if box == nil {
				b := w
				box = &b
			}
			box.left, box.right = min(box.left, w.left), max(box.right, w.right)
			box.top, box.bott = min(box.top, w.top), max(box.bott, w.bott)
			text += w.text
		}
		if box == nil || strings.Count(text, "—") != 2 || strings.Trim(text, "—") != fmt.Sprint(c.page) {
			t.Fatalf("page %d: no page number beside the turned text block: %q", c.page, text)
		}
		if mid := (box.left + box.right) / 2; !near(mid, c.mid, 1) {
			t.Errorf("page %d: page number centred %.1f mm from the left, want %.1f", c.page, mid, c.mid)
		}
		if !near(box.bott, c.bottom, 0.6) || box.bott-box.top < 1.5*(box.right-box.left) {
			t.Errorf("page %d: page number at %.1f–%.1f mm down, want a column ending at %.1f", c.page, box.top, box.bott, c.bottom)
		}
	}
}

// The 落款 of minutes whose last paragraph ends at the foot of a page goes
// onto the next page with the last lines of that paragraph: never alone.
func TestMinutesClosingNotAlone(t *testing.T) {
	fs := testFonts(t)
	for n := 0; n < 26; n++ { // the last line moves down a whole page, a line at a time
		m := app.Meeting{Kind: app.MeetingBank, Date: app.D(2026, 3, 20), Seq: 1, Chair: "区委常委、副区长覃少华",
			Minutes: strings.Repeat("会议要求各银行加大信贷投放力度，做好企业服务工作。", 14+n)}
		d, err := print.MinutesBy(fs, m, app.DefaultSettings().Issuer(haigang), "", printedAt)
		if err != nil {
			t.Fatal(err)
		}
		ws := words(t, render(t, d))
		var closing word
		for _, w := range ws {
			if w.text == "海港区人民政府办公室" && w.left > 60 {
				closing = w
				break
			}
		}
		if closing.page == 0 {
			t.Fatalf("n=%d: no 落款", n)
		}
		body := 0
		for _, w := range ws {
			if w.page == closing.page && w.top < closing.top {
				body++
			}
		}
		if body == 0 {
			t.Errorf("n=%d: the 落款 is alone on page %d", n, closing.page)
		}
		// 右空四字: the date ends four characters in from the right.
		for _, w := range ws {
			if w.page == closing.page && w.text == "2026年3月20日" && w.top > closing.top {
				if cell := 156.0 / 28; !near(w.right, 184-4*cell, 0.5) {
					t.Errorf("n=%d: the date ends at %.1f mm, want %.1f", n, w.right, 184-4*cell)
				}
			}
		}
	}
}

// Attendees whose names carry their titles are told apart: ；between
// people when a title has a 、 of its own.
func TestMinutesAttendeesRead(t *testing.T) {
	m := app.Meeting{Kind: app.MeetingBank, Date: app.D(2026, 3, 20), Seq: 1, Chair: "区委常委、副区长覃少华",
		Attendees: []app.Attendee{{Group: app.Present, Kind: "领导", Name: "区委副书记、区长樊莹"},
			{Group: app.Present, Kind: "领导", Name: "区委常委、副区长覃少华"},
			{Group: app.Present, Kind: "领导", Name: "区政府办公室主任张珺"},
			{Group: app.Present, Kind: "部门", Name: "区工信局"}, {Group: app.Present, Kind: "部门", Name: "区财政局"},
			{Group: app.Sitting, Kind: "银行", Name: "秦皇岛银行海港支行"}, {Group: app.Sitting, Kind: "银行", Name: "农行海港支行"}},
		Agenda: "一、听取各银行信贷投放情况\n二、对接企业融资需求"}
	d, err := print.MinutesBy(testFonts(t), m, app.DefaultSettings().Issuer(haigang), "", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	inOrder(t, pdfText(t, render(t, d)),
		"区委常委、副区长覃少华主持召开2026年第1次银企对接会。区委副书记、区长樊莹；区政府办公室主任张珺出席会议，区工信局、区财政局参加会议。"+
			"会议议题：（一）听取各银行信贷投放情况；（二）对接企业融资需求。",
		"出席：区委副书记、区长樊莹；区委常委、副区长覃少华；区政府办公室主任张珺；区工信局；区财政局。",
		"列席：秦皇岛银行海港支行、农行海港支行。")
}

// A 纪要 set in 仿宋 numbers its pages with the small Num file and does
// not load the whole Song face (gofpdf reads every glyph of each face a
// document uses); the page numbers read as before.
func TestMinutesLoadOnlyTheFacesTheyUse(t *testing.T) {
	d, err := print.MinutesBy(testFonts(t), twoPageMeeting(), app.DefaultSettings().Issuer(haigang), "", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	b := render(t, d)
	out, err := exec.Command(tool(t, "pdffonts"), writePDF(t, b)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	fonts := string(out)
	for _, f := range []string{"WUGEYE+Fang", "WUGEYD+Title", "WUGEYF+Num"} {
		if !strings.Contains(fonts, f) {
			t.Errorf("the minutes lack the face %s:\n%s", f, fonts)
		}
	}
	if strings.Contains(fonts, "WUGEYA+Song") {
		t.Errorf("the minutes load the whole Song face:\n%s", fonts)
	}
	// pdftotext reads the number's spaces as none.
	if txt := strings.ReplaceAll(pdfText(t, b), " ", ""); !strings.Contains(txt, "—1—") || !strings.Contains(txt, "—2—") {
		t.Errorf("the page numbers do not read “— 1 —”, “— 2 —”")
	}
}
