package main

import (
	"archive/zip"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// documentXML is word/document.xml of the .docx at path.
func documentXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The minutes and the notice are written as Word documents when -o ends
// in .docx or -format is docx; other kinds and formats are refused.
func TestPrintDocx(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "hg.db")
	mustRun(t, "init", "-db", db, "-office", "130302", "-name", "海港区", "-role", "county")
	mustRun(t, "demo", "-db", db, "-years", "1")
	out := filepath.Join(dir, "纪要.docx")
	if msg := mustRun(t, "print", "minutes", "-db", db, "-meeting", "latest", "-o", out); !strings.Contains(msg, out) || !strings.Contains(msg, "Word") {
		t.Errorf("print said %q", msg)
	}
	for _, w := range []string{"纪要", "主持召开", "仿宋_GB2312", "方正小标宋简体", `w:w="11906"`} {
		if !strings.Contains(documentXML(t, out), w) {
			t.Errorf("the minutes lack %q", w)
		}
	}
	named := filepath.Join(dir, "minutes.bin")
	mustRun(t, "print", "minutes", "-db", db, "-meeting", "latest", "-format", "docx", "-o", named)
	if !strings.Contains(documentXML(t, named), "主持召开") {
		t.Error("-format docx wrote no Word document")
	}
	refuse(t, dir, "只有 minutes", "print", "ledger", "-db", db, "-o", filepath.Join(dir, "l.docx"))
	refuse(t, dir, "-format 须是", "print", "minutes", "-db", db, "-meeting", "latest", "-format", "odt", "-o", filepath.Join(dir, "m.odt"))

	city := filepath.Join(dir, "city.db")
	mustRun(t, "init", "-db", city, "-office", "130300", "-name", "秦皇岛市工业和信息化局", "-role", "city")
	notice := filepath.Join(dir, "通报.docx")
	mustRun(t, "print", "notice", "-db", city, "-period", "2026Q1", "-o", notice)
	x := documentXML(t, notice)
	// The text without its markup: the title is two runs, a line break
	// between them.
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(x, "")
	for _, w := range []string{"关于2026年第一季度重点企业联系服务“五个一”工作机制进展情况的通报", "北戴河新区"} {
		if !strings.Contains(text, w) {
			t.Errorf("the notice lacks %q", w)
		}
	}
	for _, w := range []string{`w:orient="landscape"`, "<w:drawing>"} {
		if !strings.Contains(x, w) {
			t.Errorf("the notice lacks %q", w)
		}
	}
}
