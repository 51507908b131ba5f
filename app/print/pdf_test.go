package print_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"wugeyi/app/print"
	"wugeyi/assets"
)

// Helpers shared by the tests of the documents: the fonts, and the checks
// of a written PDF with poppler's and qpdf's tools, as a person's PDF
// viewer would read it.

var (
	fontsOnce sync.Once
	fontsVal  *print.Fonts
	fontsErr  error
)

// testFonts are the program's embedded print fonts, read once.
func testFonts(t testing.TB) *print.Fonts {
	t.Helper()
	fontsOnce.Do(func() {
		fontsVal, fontsErr = print.Load(print.Files{Song: assets.PrintSong, Hei: assets.UIFont, FangSong: assets.PrintFang,
			Kai: assets.PrintKai, TitleSong: assets.PrintTitle, Num: assets.PrintNum})
	})
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return fontsVal
}

// printedAt is the date the test documents are printed on.
var printedAt = time.Date(2026, 3, 16, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// tool finds a command-line tool; without it the test is skipped, except
// under CI, which installs every tool (.ci/setup.sh).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: .ci/setup.sh should install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// writePDF writes the PDF b to a file in a temporary folder and returns
// its path.
func writePDF(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText is the text pdftotext reads from the PDF b, and checks that the
// file is sound (qpdf --check), that every font is embedded as a subset
// (pdffonts) and that no line of the text starts with closing
// punctuation.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	path := writePDF(t, b)
	if out, err := exec.Command(tool(t, "qpdf"), "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(tool(t, "pdffonts"), path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	fonts := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(fonts) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range fonts[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("a font is not embedded as a subset: %s", l)
		}
	}
	txt, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, l := range strings.Split(string(txt), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && strings.ContainsRune("，。、；：？！）》」』”", []rune(l)[0]) {
			t.Errorf("a line starts with closing punctuation: %q", l)
		}
	}
	return string(txt)
}

// pageNumber is a page number line as pdftotext reads it.
var pageNumber = regexp.MustCompile(`^—\s*(\d+)\s*—$`)

// pageNumbers lists the page numbers of the text, in order.
func pageNumbers(txt string) []string {
	var out []string
	for _, l := range strings.Split(txt, "\n") {
		if m := pageNumber.FindStringSubmatch(strings.TrimSpace(strings.Trim(l, "\f"))); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// inOrder checks that every piece of want appears in the text got, in
// order, each with its characters in order: the text is all there,
// whatever the line breaks and spacing pdftotext puts between, and page
// numbers (which come between the pages' text) aside.
func inOrder(t *testing.T, got string, want ...string) {
	t.Helper()
	var body []string
	for _, l := range strings.Split(got, "\n") {
		if !pageNumber.MatchString(strings.TrimSpace(strings.Trim(l, "\f"))) {
			body = append(body, l)
		}
	}
	flat := squeeze(strings.Join(body, "\n"))
	at := 0
	for _, w := range want {
		i := strings.Index(flat[at:], squeeze(w))
		if i < 0 {
			t.Errorf("the text lacks %q after position %d; it reads:\n%s", w, at, got)
			return
		}
		at += i + len(squeeze(w))
	}
}

// squeeze drops every space and line end.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// columnText is the text pdftotext reads from the PDF b in the band of
// each page from x mm to x+w mm from the left edge (a table's column), in
// reading order over all pages.
func columnText(t *testing.T, b []byte, x, w, pageH float64) string {
	t.Helper()
	const pt = 72 / 25.4
	path := writePDF(t, b)
	args := []string{"-enc", "UTF-8", "-x", fmt.Sprint(int(x*pt + 1)), "-y", "0", "-W", fmt.Sprint(int(w*pt - 2)),
		"-H", fmt.Sprint(int(pageH * pt)), path, "-"}
	out, err := exec.Command(tool(t, "pdftotext"), args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %v: %v", args, err)
	}
	return string(out)
}

// render writes the document d to bytes, failing the test on an error.
func render(t testing.TB, d *print.Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
