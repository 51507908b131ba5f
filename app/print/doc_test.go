package print_test

import (
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
