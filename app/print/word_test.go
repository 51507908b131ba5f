package print_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"wugeyi/app"
	"wugeyi/app/chart"
	"wugeyi/app/print"
	"wugeyi/assets"
)

// node is an element of a .docx part, read whole.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr is the value of n's attribute local ("" when it has none).
func (n node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// find is the first element named local at or below n.
func (n node) find(local string) (node, bool) {
	if n.XMLName.Local == local {
		return n, true
	}
	for _, c := range n.Nodes {
		if f, ok := c.find(local); ok {
			return f, true
		}
	}
	return node{}, false
}

// all is every element named local at or below n, in document order.
func (n node) all(local string) []node {
	var out []node
	if n.XMLName.Local == local {
		return append(out, n)
	}
	for _, c := range n.Nodes {
		out = append(out, c.all(local)...)
	}
	return out
}

// text is the text of paragraph p: its w:t joined, a tab as "\t".
func (n node) text() string {
	var b strings.Builder
	var walk func(n node)
	walk = func(n node) {
		switch n.XMLName.Local {
		case "t":
			b.WriteString(n.Text)
		case "tab":
			if n.XMLName.Space != "" && len(n.Attrs) == 0 {
				b.WriteString("\t")
			}
		case "pPr":
			return
		}
		for _, c := range n.Nodes {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// docx is a written .docx: its parts by name, and word/document.xml read.
type docx struct {
	parts map[string][]byte
	body  node
}

// readDocx unzips the .docx w writes and reads its document part.
func readDocx(t *testing.T, w *print.Word) docx {
	t.Helper()
	var b bytes.Buffer
	if err := w.Write(&b); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	d := docx{parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		d.parts[f.Name] = data
	}
	var doc node
	if err := xml.Unmarshal(d.parts["word/document.xml"], &doc); err != nil {
		t.Fatalf("word/document.xml: %v", err)
	}
	body, ok := doc.find("body")
	if !ok {
		t.Fatal("no w:body")
	}
	d.body = body
	return d
}

// styleDefault is the element named local in the run defaults of the
// document's styles (word/styles.xml's rPrDefault).
func (d docx) styleDefault(local string) (node, bool) {
	var styles node
	if err := xml.Unmarshal(d.parts["word/styles.xml"], &styles); err != nil {
		return node{}, false
	}
	def, ok := styles.find("rPrDefault")
	if !ok {
		return node{}, false
	}
	return def.find(local)
}

// paragraphs are the texts of the body's paragraphs (those in tables
// too), in order, the empty ones left out.
func (d docx) paragraphs() []string {
	var out []string
	for _, p := range d.body.all("p") {
		if s := p.text(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// paragraph is the first paragraph whose text starts with prefix.
func (d docx) paragraph(t *testing.T, prefix string) node {
	t.Helper()
	for _, p := range d.body.all("p") {
		if strings.HasPrefix(p.text(), prefix) {
			return p
		}
	}
	t.Fatalf("no paragraph starts with %q", prefix)
	return node{}
}

// checkRun checks that every run of p is set in the East Asian font
// font, Times New Roman for Latin letters, at half-points sz.
func checkRun(t *testing.T, p node, font, sz string) {
	t.Helper()
	runs := p.all("r")
	if len(runs) == 0 {
		t.Errorf("%q has no runs", p.text())
	}
	for _, r := range runs {
		f, _ := r.find("rFonts")
		s, _ := r.find("sz")
		if f.attr("eastAsia") != font || f.attr("ascii") != "Times New Roman" || s.attr("val") != sz {
			t.Errorf("%q: run in %q/%q size %s, want %q/Times New Roman size %s",
				p.text(), f.attr("eastAsia"), f.attr("ascii"), s.attr("val"), font, sz)
		}
	}
}

// checkGrid checks that section s is GB/T 9704's portrait A4 page with a
// text block of 156 × 225 mm, 22 lines of 28.95 pt and 28 characters a
// line, numbered on odd and even pages by the footers odd and even.
func checkGrid(t *testing.T, d docx, s node) {
	t.Helper()
	mm := func(n node, a string) float64 {
		v, err := strconv.Atoi(n.attr(a))
		if err != nil {
			t.Fatalf("%s %s: %v", n.XMLName.Local, a, err)
		}
		return float64(v) * 25.4 / 1440
	}
	sz, _ := s.find("pgSz")
	mar, _ := s.find("pgMar")
	if w, h := mm(sz, "w"), mm(sz, "h"); math.Abs(w-210) > 0.1 || math.Abs(h-297) > 0.1 || sz.attr("orient") == "landscape" {
		t.Errorf("page %.1f × %.1f mm %s, want portrait A4", w, h, sz.attr("orient"))
	}
	bw := mm(sz, "w") - mm(mar, "left") - mm(mar, "right")
	bh := mm(sz, "h") - mm(mar, "top") - mm(mar, "bottom")
	if math.Abs(bw-156) > 0.1 || math.Abs(bh-225) > 0.1 || math.Abs(mm(mar, "top")-37) > 0.1 || math.Abs(mm(mar, "left")-28) > 0.1 {
		t.Errorf("text block %.1f × %.1f mm at %.1f, %.1f mm, want 156 × 225 at 37, 28", bw, bh, mm(mar, "top"), mm(mar, "left"))
	}
	g, _ := s.find("docGrid")
	pitch, _ := strconv.Atoi(g.attr("linePitch"))
	// The advance of a 三号 character: its size and the default spacing
	// (20ths of a point).
	sp, _ := d.styleDefault("spacing")
	space, _ := strconv.Atoi(sp.attr("val"))
	if chars := bw / 25.4 * 72 / (16 + float64(space)/20); g.attr("type") != "lines" || pitch != 579 || math.Abs(chars-28) > 0.1 {
		t.Errorf("grid %s, line pitch %d twips, %.2f characters a line; want lines, 579, 28", g.attr("type"), pitch, chars)
	}
	refs := map[string]string{}
	for _, r := range s.all("footerReference") {
		refs[r.attr("type")] = r.attr("id")
	}
	rels := string(d.parts["word/_rels/document.xml.rels"])
	for typ, jc := range map[string]string{"default": "right", "even": "left"} {
		id := refs[typ]
		i := strings.Index(rels, `Id="`+id+`"`)
		if id == "" || i < 0 {
			t.Errorf("no %s footer in %v", typ, refs)
			continue
		}
		target := rels[i:]
		target = target[strings.Index(target, `Target="`)+8:]
		target = target[:strings.Index(target, `"`)]
		var ftr node
		if err := xml.Unmarshal(d.parts["word/"+target], &ftr); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		j, _ := ftr.find("jc")
		instr, _ := ftr.find("instrText")
		s, _ := ftr.find("sz")
		if j.attr("val") != jc || strings.TrimSpace(instr.Text) != "PAGE" || s.attr("val") != "28" || !strings.HasPrefix(ftr.text(), "— ") {
			t.Errorf("%s footer %s: %q aligned %s, field %q, size %s; want — PAGE — in 四号 %s", typ, target, ftr.text(), j.attr("val"), instr.Text, s.attr("val"), jc)
		}
	}
	if !bytes.Contains(d.parts["word/settings.xml"], []byte("<w:evenAndOddHeaders/>")) {
		t.Error("the settings do not turn on even pages' footers")
	}
}

// checkPackage checks that every part of d has one content type: an
// Override of its own or the single Default of its extension.
func checkPackage(t *testing.T, d docx) {
	t.Helper()
	var types struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(d.parts["[Content_Types].xml"], &types); err != nil {
		t.Fatal(err)
	}
	defaults := map[string]int{}
	for _, x := range types.Default {
		defaults[strings.ToLower(x.Extension)]++
	}
	for ext, n := range defaults {
		if n > 1 {
			t.Errorf("%d content types for .%s", n, ext)
		}
	}
	over := map[string]bool{}
	for _, x := range types.Override {
		over[x.PartName] = true
	}
	for name := range d.parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if ext := strings.TrimPrefix(filepath.Ext(name), "."); !over["/"+name] && defaults[strings.ToLower(ext)] == 0 {
			t.Errorf("%s has no content type", name)
		}
	}
}

// The minutes as a .docx say what the PDF says, in the same order, in the
// faces and sizes of GB/T 9704 on its page and grid.
func TestMinutesWord(t *testing.T) {
	m := twoPageMeeting()
	m.Place = "𪛖山会议室" // U+2A6D6, beyond the BMP
	is := app.DefaultSettings().Issuer(haigang)
	is.CopyTo = "区委办公室，区人大办公室"
	w, err := print.MinutesWord(m, is, "秦皇岛耀华玻璃股份有限公司", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d := readDocx(t, w)
	lead := "2026年3月15日，李明（区长）在𪛖山会议室主持召开2026年第3次企业现场办公会，现场协调解决秦皇岛耀华玻璃股份有限公司的困难和问题。" +
		"王堃、朱镕基出席会议，区发改局、区工信局、区自然资源局参加会议。会议议题：" + strings.TrimSuffix(m.Agenda, "。") + "。"
	want := []string{"海港区企业现场办公会纪要", "2026年第3期", "\t海港区人民政府办公室\t2026年3月15日", lead}
	want = append(want, strings.Split(m.Minutes, "\n")...)
	want = append(want, "会议议定事项如下：",
		"一、协调落实二期项目用地指标。", "责任单位：区自然资源局。完成时限：2026年4月30日前。",
		"二、组织银企对接，帮助企业解决流动资金缺口。", "责任单位：区工信局、秦皇岛银行海港支行。完成时限：2026年4月15日前。",
		"三、指导企业办理环评手续。", "责任单位：市生态环境局海港分局。",
		"出席：李明、王堃、朱镕基、区发改局、区工信局、区自然资源局。", "请假：区人社局（外出学习）。", "列席：秦皇岛银行海港支行。",
		"海港区人民政府办公室", "2026年3月15日", "抄送：区委办公室，区人大办公室。", "海港区人民政府办公室", "2026年3月16日印发")
	if got := d.paragraphs(); !slices.Equal(got, want) {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
	if !bytes.Contains(d.parts["word/document.xml"], []byte("\U0002A6D6山会议室")) {
		t.Error("U+2A6D6 did not pass into word/document.xml as itself")
	}

	mark := d.paragraph(t, "海港区企业现场办公会纪要")
	checkRun(t, mark, "方正小标宋简体", "52")
	if c, _ := mark.find("color"); c.attr("val") != "E60012" {
		t.Errorf("the mark is coloured %q, want red E60012", c.attr("val"))
	}
	if b, ok := d.paragraph(t, "\t海港区").find("bottom"); !ok || b.attr("color") != "E60012" {
		t.Error("no red rule under the issuer and date")
	}
	body := d.paragraph(t, "2026年3月15日，")
	checkRun(t, body, "仿宋_GB2312", "32")
	if in, _ := body.find("ind"); in.attr("firstLineChars") != "200" {
		t.Errorf("body indented %v, want two characters", in.Attrs)
	}
	if sp, _ := body.find("spacing"); sp.attr("line") != "579" || sp.attr("lineRule") != "exact" {
		t.Errorf("body lines %s %s, want exactly 579 twips (28.95 pt)", sp.attr("line"), sp.attr("lineRule"))
	}
	checkRun(t, d.paragraph(t, "一、"), "黑体", "32")
	checkRun(t, d.paragraph(t, "责任单位：区自然资源局"), "仿宋_GB2312", "32")
	listed := d.paragraph(t, "出席：").all("r")
	if f, _ := listed[0].find("rFonts"); f.attr("eastAsia") != "黑体" || len(listed) != 2 {
		t.Errorf("出席 label in %q, %d runs; want 黑体 then the names", f.attr("eastAsia"), len(listed))
	}
	// The last paragraph before the 落款 and its issuer are kept with what
	// follows; the date is not.
	for _, s := range []string{"列席：", "海港区人民政府办公室"} {
		if _, ok := d.paragraph(t, s).find("keepNext"); !ok {
			t.Errorf("%q is not kept with the next paragraph", s)
		}
	}
	date := d.body.all("p")[slices.Index(d.paragraphs(), "2026年3月15日")]
	if in, _ := date.find("ind"); in.attr("rightChars") != "400" {
		t.Errorf("the 落款's date is %v in from the right, want four characters", in.Attrs)
	}
	tbl := d.body.all("tbl")
	if len(tbl) != 1 {
		t.Fatalf("%d tables, want the 版记", len(tbl))
	}
	if pos, ok := tbl[0].find("tblpPr"); !ok || pos.attr("tblpYSpec") != "bottom" {
		t.Error("the 版记 is not at the foot of the page")
	}
	sects := d.body.all("sectPr")
	if len(sects) != 1 {
		t.Fatalf("%d sections, want 1", len(sects))
	}
	checkGrid(t, d, sects[0])
	checkPackage(t, d)
	core := string(d.parts["docProps/core.xml"])
	if !strings.Contains(core, "<dc:title>2026年第3次企业现场办公会纪要</dc:title>") || strings.Contains(core, "godocx") {
		t.Errorf("document properties %s", core)
	}
}

// The notice as a .docx: 版头, title, 主送, the text the PDF has, the
// 附件说明 and 落款 on the grid; attachment 1, the table with a row for each
// county, in a landscape section with its head repeated; attachment 2,
// the charts as pictures, in a portrait section again.
func TestNoticeWord(t *testing.T) {
	svc, _ := noticeCity(t, []int{0, 1, 2, 3, 4, 5}, []int{0, 1, 2, 3, 4})
	n := noticeOf(t, svc, 1)
	c, err := chart.New(assets.UIFont)
	if err != nil {
		t.Fatal(err)
	}
	pngs, err := c.Notice(n, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := print.NoticeWord(cityIssuer, n, pngs, printedAt)
	if err != nil {
		t.Fatal(err)
	}
	d := readDocx(t, w)
	title := "关于2026年第一季度重点企业联系服务“五个一”工作机制进展情况的通报"
	ps := d.paragraphs()
	want := []string{"秦皇岛市工业和信息化局文件", "\u3000\u3000\u3000〔2026〕\u3000\u3000号", title, "（送审稿）",
		"各县、区人民政府，开发区、北戴河新区管委：", print.NoticeText(n),
		"附件：1．各县区“五个一”工作机制进展情况统计表", "2．各县区“五个一”工作机制进展情况图表",
		"秦皇岛市工业和信息化局", "2026年3月16日", "附件1", "各县区“五个一”工作机制进展情况统计表"}
	if len(ps) < len(want) || !slices.Equal(ps[:len(want)], want) {
		t.Errorf("paragraphs begin\n%q\nwant\n%q", ps[:min(len(ps), len(want))], want)
	}
	checkRun(t, d.paragraph(t, title), "方正小标宋简体", "44")
	checkRun(t, d.paragraph(t, "各县、区人民政府"), "仿宋_GB2312", "32")
	checkRun(t, d.paragraph(t, "现将"), "仿宋_GB2312", "32")
	checkRun(t, d.paragraph(t, "附件1"), "黑体", "32")
	if !slices.Contains(ps, "附件2") || ps[len(ps)-3] != "抄送：市政府办公室。" {
		t.Errorf("the notice ends %q", ps[max(0, len(ps)-5):])
	}

	tbls := d.body.all("tbl")
	if len(tbls) != 2 {
		t.Fatalf("%d tables, want the counties' and the 版记", len(tbls))
	}
	rows := tbls[0].all("tr")
	ranked := n.Ranked()
	if len(rows) != 1+len(ranked) {
		t.Fatalf("%d rows, want a head and %d counties", len(rows), len(ranked))
	}
	if _, ok := rows[0].find("tblHeader"); !ok {
		t.Error("the table's head is not repeated on each page")
	}
	if got := rows[0].all("tc")[1].text(); got != "单位" {
		t.Errorf("head %q", got)
	}
	for i, r := range ranked {
		cells := rows[1+i].all("tc")
		if len(cells) != 19 || cells[1].text() != app.OfficeName(r.Office) {
			t.Errorf("row %d: %d cells, county %q; want 19, %s", i+1, len(cells), cells[1].text(), app.OfficeName(r.Office))
		}
	}
	checkRun(t, rows[1].all("p")[0], "宋体", "18")

	sects := d.body.all("sectPr")
	if len(sects) != 3 {
		t.Fatalf("%d sections, want 3 (the notice, attachment 1, attachment 2)", len(sects))
	}
	checkGrid(t, d, sects[0])
	checkGrid(t, d, sects[2])
	checkPackage(t, d)
	if sz, _ := sects[1].find("pgSz"); sz.attr("orient") != "landscape" || sz.attr("w") != "16838" {
		t.Errorf("attachment 1's pages %v, want landscape A4", sz.Attrs)
	}
	// The table is in the landscape section: after the first section's
	// last paragraph and before the second's.
	xmlText := string(d.parts["word/document.xml"])
	first, second := strings.Index(xmlText, "<w:sectPr>"), strings.LastIndex(xmlText, "<w:sectPr>")
	if at := strings.Index(xmlText, "<w:tbl>"); at < first || at > strings.Index(xmlText[first+1:], "<w:sectPr>")+first+1 || at > second {
		t.Error("the county table is not in the landscape section")
	}
	if got := len(d.body.all("drawing")); got != len(pngs) {
		t.Errorf("%d pictures, want %d", got, len(pngs))
	}
	for i := range pngs {
		if !bytes.Equal(d.parts[fmt.Sprintf("word/media/image%d.png", i+1)], pngs[i]) {
			t.Errorf("chart %d is not in the document as drawn", i+1)
		}
	}
}

// WriteFile writes the whole .docx, and a bad chart is an error, not a
// document without it.
func TestWordWriteFile(t *testing.T) {
	w, err := print.MinutesWord(twoPageMeeting(), app.DefaultSettings().Issuer(haigang), "", printedAt)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "纪要.docx")
	if err := w.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("wrote %d bytes, %v", len(b), err)
	}
	svc, _ := noticeCity(t, []int{0}, []int{0})
	if _, err := print.NoticeWord(cityIssuer, noticeOf(t, svc, 1), [][]byte{[]byte("not a PNG")}, printedAt); err == nil {
		t.Error("a chart that is no PNG went unnoticed")
	}
}

// BenchmarkMinutesWord writes two pages of minutes as a .docx.
func BenchmarkMinutesWord(b *testing.B) {
	m := twoPageMeeting()
	is := app.DefaultSettings().Issuer(haigang)
	var size int
	for b.Loop() {
		w, err := print.MinutesWord(m, is, "秦皇岛耀华玻璃股份有限公司", printedAt)
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := w.Write(&out); err != nil {
			b.Fatal(err)
		}
		size = out.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB")
}
