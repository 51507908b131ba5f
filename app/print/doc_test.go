package print_test

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app/print"
)

// Rare characters of names print: the fonts cover all of U+4E00–U+9FFF.
func TestRareNameCharacters(t *testing.T) {
	fs := testFonts(t)
	for _, f := range []print.Face{print.Song, print.Hei} {
		if m := fs.Missing(f, "朱镕基王堃李喆陈昇张珺赵玥周琤（）《》，。、；：？！“”…—·％０１ＡＢ"); len(m) != 0 {
			t.Errorf("face %d lacks %q", f, string(m))
		}
	}
	d, err := print.New(fs, print.Official, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.Title("会议纪要")
	d.Para("出席会议的有朱镕基路企业王堃、李喆。会议于2026年3月15日召开，Windows 10电脑12台。")
	txt := pdfText(t, render(t, d))
	inOrder(t, txt, "会议纪要", "出席会议的有朱镕基路企业王堃、李喆。会议于2026年3月15日召开，Windows 10电脑12台。")
	if got := pageNumbers(txt); len(got) != 1 || got[0] != "1" {
		t.Errorf("page numbers %q", got)
	}
}

// A paragraph in a small size that runs over a page goes on in that size
// on the next (it once went on in 三号, its glyphs drawn over each other).
func TestParagraphOverPage(t *testing.T) {
	d, err := print.New(testFonts(t), print.Landscape, "测试", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d.LabeledIn("说明：", strings.Repeat("累计办结率为截至统计日登记问题中已办结的比例；", 150), print.Song, print.Size5)
	if d.Pages() < 2 {
		t.Fatalf("%d page: the paragraph does not run over", d.Pages())
	}
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", writePDF(t, render(t, d)), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	box := regexp.MustCompile(`yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">累计`)
	heights := map[string]bool{}
	for _, m := range box.FindAllStringSubmatch(string(out), -1) {
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		heights[fmt.Sprintf("%.0f", hi-lo)] = true
	}
	if len(heights) != 1 {
		t.Errorf("the lines are %v pt high, want one height", heights)
	}
}
