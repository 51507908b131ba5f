package print

// The minutes and the notice as Word documents (.docx), for the office to
// edit before 签发. They are written with github.com/gomutex/godocx (MIT):
// the only maintained, freely licensed Go writer of .docx there is
// (unioffice needs a paid licence; baliance/gooxml, its free ancestor,
// is no longer kept up). What the library has no API for (footers with a
// page-number field, section breaks, floating tables, pictures from
// memory) is written with its wml/ctypes types or, for the footers, as
// the XML parts themselves.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/png" // the charts are PNG
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/dml"
	"github.com/gomutex/godocx/dml/dmlct"
	"github.com/gomutex/godocx/dml/dmlpic"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"

	"wugeyi/app"
)

// wordFonts are the East Asian fonts the faces are named by in a .docx:
// those a Chinese office PC has for 公文 (Latin letters and digits are
// set in Times New Roman).
var wordFonts = [numFaces]string{
	Song:      "宋体",
	Hei:       "黑体",
	FangSong:  "仿宋_GB2312",
	Kai:       "楷体_GB2312",
	TitleSong: "方正小标宋简体",
	Num:       "宋体",
}

// latinFont is the font of Latin letters and digits in a .docx.
const latinFont = "Times New Roman"

// wordLine is the distance between lines of 三号 in a .docx, twips:
// GB/T 9704's 22 lines to the text block, fixed at 28.95 pt.
const wordLine = 579

// twips is mm in twentieths of a point.
func twips(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// Word is a 公文 written as a Word document: the minutes or the notice,
// laid out as the PDF is (the same grid, faces and parts) in paragraphs,
// tables and sections that Word and WPS edit. Errors are kept and
// returned by Write.
type Word struct {
	root   *docx.RootDoc
	layout Layout
	// space is the room (twips) to leave before the next paragraph.
	space int
	// keep keeps each paragraph with the next until the 落款 is set.
	keep bool
	// last is the last paragraph of the body so far.
	last *ctypes.Paragraph
	// footers are the relationship IDs of the odd and even pages' footers.
	footers [2]string
	err     error
}

// MinutesWord writes the minutes of meeting m, issued by is and printed
// at, as MinutesBy lays them out, for Word and WPS.
func MinutesWord(m app.Meeting, is app.Issuer, enterprise string, at time.Time) (*Word, error) {
	w, err := newWord(Grid, m.Title()+"纪要", at)
	if err != nil {
		return nil, err
	}
	minutes(w, m, is, enterprise, at)
	return w, nil
}

// NoticeWord writes notice n, issued by is and printed at, as NoticeDoc
// lays it out, for Word and WPS: attachment 1 is a table on landscape
// pages, attachment 2 the charts, PNG images (chart.Charts.Notice), each
// 150 mm wide.
func NoticeWord(is app.Issuer, n app.Notice, charts [][]byte, at time.Time) (*Word, error) {
	w, err := newWord(Grid, noticeTitle(n), at)
	if err != nil {
		return nil, err
	}
	var draw []func()
	for _, c := range charts {
		draw = append(draw, func() { w.picture(c, 150) })
	}
	notice(w, is, n, draw, at)
	if w.err != nil {
		return nil, w.err
	}
	return w, nil
}

// newWord starts a Word document laid out as l, titled title and dated
// at (its creation date, so that the same records give the same file),
// with the document's defaults (三号 仿宋, lines fixed at 28.95 pt) and
// its page-number footers.
func newWord(l Layout, title string, at time.Time) (*Word, error) {
	root, err := godocx.NewDocument()
	if err != nil {
		return nil, fmt.Errorf("start a Word document: %w", err)
	}
	w := &Word{root: root, layout: l}
	root.DocStyles.DocDefaults = &ctypes.DocDefault{
		RunProp: &ctypes.RunPropDefault{RunProp: runProp(FangSong, Size3)},
		ParaProp: &ctypes.ParaPropDefault{ParaProp: &ctypes.ParagraphProp{
			Spacing: &ctypes.Spacing{After: ptr[uint64](0), Line: ptr(wordLine), LineRule: ptr(stypes.LineSpacingRuleExact)},
		}},
	}
	root.DocStyles.DocDefaults.RunProp.RunProp.Lang = &ctypes.Lang{Val: ptr("en-US"), EastAsia: ptr("zh-CN")}
	if l.Chars > 0 {
		// Characters l.Chars to a line of 三号: each advance narrowed by
		// the difference, as the PDF's track (in 20ths of a point). A
		// character grid (docGrid linesAndChars) would say the same to
		// Word, but LibreOffice lays such a grid out at 19 a line.
		pitch := (210 - l.Left - l.Right) / 25.4 * 72 / float64(l.Chars)
		root.DocStyles.DocDefaults.RunProp.RunProp.Spacing = &ctypes.DecimalNum{Val: int(math.Round((pitch - Size3) * 20))}
	}
	// Odd pages' numbers a character in from the right, even pages' from
	// the left (GB/T 9704, 7.5): Word takes the even footer only when the
	// settings say so.
	for i, jc := range []string{`<w:jc w:val="right"/><w:ind w:right="280"/>`, `<w:jc w:val="left"/><w:ind w:left="280"/>`} {
		name := fmt.Sprintf("footer%d.xml", i+1)
		root.FileMap.Store("word/"+name, []byte(footerXML(jc)))
		if err := root.ContentType.AddOverride("/word/"+name, "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"); err != nil {
			return nil, fmt.Errorf("start a Word document: %w", err)
		}
		w.footers[i] = w.relation("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer", name)
	}
	// The template's properties and its thumbnail (of a blank page) are
	// not this document's.
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	xml.EscapeText(&b, []byte(title))
	stamp := at.UTC().Format("2006-01-02T15:04:05Z")
	fmt.Fprintf(&b, `</dc:title><dc:creator>五个一工作台</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`+
		`<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`, stamp, stamp)
	root.FileMap.Store("docProps/core.xml", b.Bytes())
	root.FileMap.Delete("docProps/thumbnail.jpeg")
	rels := root.RootRels.Relationships[:0]
	for _, r := range root.RootRels.Relationships {
		if !strings.HasSuffix(r.Type, "/thumbnail") {
			rels = append(rels, r)
		}
	}
	root.RootRels.Relationships = rels
	if s, ok := root.FileMap.Load("word/settings.xml"); ok {
		const tab = `<w:defaultTabStop w:val="720"/>`
		root.FileMap.Store("word/settings.xml", bytes.Replace(s.([]byte), []byte(tab), []byte(tab+"<w:evenAndOddHeaders/>"), 1))
	}
	return w, nil
}

// footerXML is a footer part with the page number "— N —" in 四号 宋体,
// its paragraph laid out by ppr.
func footerXML(ppr string) string {
	rpr := `<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>`
	r := func(inner string) string { return "<w:r>" + rpr + inner + "</w:r>" }
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<w:p><w:pPr>` + ppr + `</w:pPr>` +
		r(`<w:t xml:space="preserve">— </w:t>`) + r(`<w:fldChar w:fldCharType="begin"/>`) +
		r(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) + r(`<w:fldChar w:fldCharType="separate"/>`) +
		r(`<w:t>1</w:t>`) + r(`<w:fldChar w:fldCharType="end"/>`) + r(`<w:t xml:space="preserve"> —</w:t>`) +
		`</w:p></w:ftr>`
}

// relation adds a relationship of the document to target (in word/) of
// type typ, and returns its ID.
func (w *Word) relation(typ, target string) string {
	id := fmt.Sprintf("rId%d", w.root.Document.IncRelationID())
	w.root.Document.DocRels.Relationships = append(w.root.Document.DocRels.Relationships,
		&docx.Relationship{ID: id, Type: typ, Target: target})
	return id
}

func ptr[T any](v T) *T { return &v }

// runProp is the run properties of face f at size pt.
func runProp(f Face, size float64) *ctypes.RunProperty {
	sz := uint64(math.Round(2 * size))
	return &ctypes.RunProperty{
		Fonts: &ctypes.RunFonts{Ascii: latinFont, HAnsi: latinFont, EastAsia: wordFonts[f], CS: latinFont},
		Size:  ctypes.NewFontSize(sz), SizeCs: ctypes.NewFontSizeCS(sz),
	}
}

// run is text in face f at size pt; a tab character is a tab.
func run(text string, f Face, size float64) ctypes.ParagraphChild {
	r := &ctypes.Run{Property: runProp(f, size)}
	for i, s := range strings.Split(text, "\t") {
		if i > 0 {
			r.Children = append(r.Children, ctypes.RunChild{Tab: &ctypes.Empty{}})
		}
		if s != "" {
			r.Children = append(r.Children, ctypes.RunChild{Text: ctypes.TextFromString(s)})
		}
	}
	return ctypes.ParagraphChild{Run: r}
}

// lineOf is the distance between lines of size pt, twips: in proportion
// to 三号's.
func lineOf(size float64) int { return int(math.Round(wordLine * size / Size3)) }

// add adds a paragraph laid out by pp (its spacing is set here) with
// runs, lines of size pt apart, after the room asked for (Space, blank)
// and kept with the next when a 落款 follows (keepLines).
func (w *Word) add(pp ctypes.ParagraphProp, size float64, runs ...ctypes.ParagraphChild) *ctypes.Paragraph {
	p := w.root.AddEmptyParagraph().GetCT()
	pp.Spacing = &ctypes.Spacing{Before: ptr(uint64(w.space)), After: ptr[uint64](0),
		Line: ptr(lineOf(size)), LineRule: ptr(stypes.LineSpacingRuleExact)}
	w.space = 0
	if w.keep {
		pp.KeepNext = ctypes.OnOffFromBool(true)
	}
	if pp.RunProperty == nil && len(runs) > 0 {
		pp.RunProperty = runs[0].Run.Property // the paragraph mark's size
	}
	p.Property = &pp
	p.Children = append(p.Children, runs...)
	w.last = p
	return p
}

// jc is paragraph alignment a.
func jc(a stypes.Justification) *ctypes.GenSingleStrVal[stypes.Justification] {
	return ctypes.NewGenSingleStrVal(a)
}

// ems is the width of s in ems: a CJK character one, other characters
// (digits, Latin letters in Times New Roman) half.
func ems(s string) float64 {
	var n float64
	for _, r := range s {
		if r < 0x2E80 {
			n += 0.5
		} else {
			n++
		}
	}
	return n
}

// indent is an indentation in characters of size pt: left of every line,
// hanging (the first line out by that much) and firstLine (in by that
// much). In 三号 it is given in characters too, so that it keeps to the
// character grid.
func indent(size, left, hanging, firstLine float64) *ctypes.Indent {
	if left == 0 && hanging == 0 && firstLine == 0 {
		return nil
	}
	em := size * 20
	in := &ctypes.Indent{}
	grid := size == Size3
	if left > 0 {
		in.Left = ptr(int(math.Round(left * em)))
		if grid {
			in.LeftChars = ptr(int(math.Round(left * 100)))
		}
	}
	if hanging > 0 {
		in.Hanging = ptr(uint64(math.Round(hanging * em)))
		if grid {
			in.HangingChars = ptr(int(math.Round(hanging * 100)))
		}
	}
	if firstLine > 0 {
		in.FirstLine = ptr(uint64(math.Round(firstLine * em)))
		if grid {
			in.FirstLineChars = ptr(int(math.Round(firstLine * 100)))
		}
	}
	return in
}

// Width is the width of the text block, mm.
func (w *Word) Width() float64 {
	pw := 210.0
	if w.layout.Landscape {
		pw = 297
	}
	return pw - w.layout.Left - w.layout.Right
}

// Mark sets text, the issuing body's mark, centred in red 小标宋 top mm
// below the top of the text block, as large as fits on one line up to 一号
// and no smaller than 二号.
func (w *Word) Mark(text string, top float64) {
	size := 26.0
	for size > Size2 && ems(text)*size*mmPerPt > w.Width() {
		size -= 2
	}
	w.space += twips(top)
	r := run(text, TitleSong, size)
	r.Run.Property.Color = ctypes.NewColor(fmt.Sprintf("%02X%02X%02X", red[0], red[1], red[2]))
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationCenter)}, size, r)
}

// Centred sets text centred in face f at size pt.
func (w *Word) Centred(text string, f Face, size float64) {
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationCenter)}, size, run(text, f, size))
}

// Spread sets left and right on one line, each a character in from its
// edge of the text block, at tab stops.
func (w *Word) Spread(left, right string, f Face, size float64) {
	em := int(size * 20)
	tabs := ctypes.Tabs{Tab: []ctypes.Tab{{Val: stypes.CustTabStopLeft, Position: em},
		{Val: stypes.CustTabStopRight, Position: twips(w.Width()) - em}}}
	w.add(ctypes.ParagraphProp{Tabs: tabs}, size, run("\t"+left+"\t"+right, f, size))
}

// Rule draws a red rule as wide as the text block under the last
// paragraph (the 版头's 分隔线), and leaves a line's space under it.
func (w *Word) Rule() {
	p := w.last
	if p == nil {
		p = w.add(ctypes.ParagraphProp{}, Size3)
	}
	p.Property.Border = &ctypes.ParaBorder{Bottom: &ctypes.Border{Val: stypes.BorderStyleSingle,
		Color: ptr(fmt.Sprintf("%02X%02X%02X", red[0], red[1], red[2])), Size: ptr(12), Space: ptr("11")}}
	w.space += wordLine
}

// OfficialTitle sets a document's title centred in 二号 小标宋, with a
// line's space after it.
func (w *Word) OfficialTitle(text string) {
	em := Size2 * mmPerPt
	lines := TitleLines(text, w.Width(), func(r rune) float64 { return ems(string(r)) * em })
	var runs []ctypes.ParagraphChild
	for i, l := range lines {
		r := run(l, TitleSong, Size2)
		if i > 0 {
			r.Run.Children = append([]ctypes.RunChild{{Break: &ctypes.Break{}}}, r.Run.Children...)
		}
		runs = append(runs, r)
	}
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationCenter)}, Size2, runs...)
	w.space += wordLine
}

// para sets a justified paragraph of text in face f at 三号, its first
// line two characters in.
func (w *Word) para(text string, f Face) {
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationBoth), Indent: indent(Size3, 0, 0, 2)},
		Size3, run(text, f, Size3))
}

// Body sets a paragraph of body text in 三号 仿宋, its first line two
// characters in.
func (w *Word) Body(text string) { w.para(text, FangSong) }

// Heading1 sets a first-level heading in 三号 黑体, two characters in.
func (w *Word) Heading1(text string) { w.para(text, Hei) }

// Listed sets label in 三号 黑体 two characters in, then text in 三号 仿宋,
// its further lines aligned under its start.
func (w *Word) Listed(label, text string) {
	n := ems(label)
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationBoth), Indent: indent(Size3, 2+n, n, 0)},
		Size3, run(label, Hei, Size3), run(text, FangSong, Size3))
}

// LabeledIn sets label and then text in face f at size pt, the lines of
// text after the first aligned under its start.
func (w *Word) LabeledIn(label, text string, f Face, size float64) {
	n := ems(label)
	w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationBoth), Indent: indent(size, n, n, 0)},
		size, run(label+text, f, size))
}

// Space leaves h mm.
func (w *Word) Space(h float64) { w.space += twips(h) }

func (w *Word) blank(n int) { w.space += n * wordLine }

func (w *Word) keepLines(int) { w.keep = true }

// attachments sets the 附件说明 in 三号 仿宋 two characters in:
// "附件：1．……" and each further one under the first.
func (w *Word) attachments(names []string) {
	for i, name := range names {
		text, hang := fmt.Sprintf("%d．%s", i+1, name), 0.0
		if i == 0 {
			text, hang = "附件："+text, 3
		}
		w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationBoth), Indent: indent(Size3, 5, hang, 0)},
			Size3, run(text, FangSong, Size3))
	}
}

// Closing sets the 落款 in 三号 仿宋 after a blank line: the date four
// characters in from the right edge (右空四字) and the issuer centred
// over it.
func (w *Word) Closing(issuer, date string) {
	w.space += wordLine
	right := func(text string, in float64) {
		pp := ctypes.ParagraphProp{Justification: jc(stypes.JustificationRight)}
		if in > 0 {
			pp.Indent = &ctypes.Indent{Right: ptr(int(math.Round(in * Size3 * 20))), RightChars: ptr(int(math.Round(in * 100)))}
		}
		w.add(pp, Size3, run(text, FangSong, Size3))
	}
	right(issuer, max(4+(ems(date)-ems(issuer))/2, 0))
	w.keep = false
	right(date, 4)
}

// Colophon sets the 版记 at the foot of the last page, in 四号 仿宋
// between rules: 抄送 (when copyTo is not ""), and the body that printed
// the document with the date, each a character in from its edge. It is
// a table floating at the bottom of the text block.
func (w *Word) Colophon(copyTo, printer, printed string) {
	tbl := w.root.AddTable()
	width := twips(w.Width())
	half := uint64(width / 2)
	tbl.Grid(half, uint64(width)-half)
	border := func(sz int) *ctypes.Border {
		return &ctypes.Border{Val: stypes.BorderStyleSingle, Color: ptr("000000"), Size: ptr(sz)}
	}
	none := &ctypes.Border{Val: stypes.BorderStyleNone}
	t := tbl.GetCT()
	t.TableProp = ctypes.TableProp{
		FloatPos: &ctypes.FloatPos{HAnchor: ptr(stypes.AnchorMargin), VAnchor: ptr(stypes.AnchorMargin),
			XAlign: ptr(stypes.XAlignCenter), YAlign: ptr(stypes.YAlignBottom)},
		Width:   ctypes.NewTableWidth(width, stypes.TableWidthDxa),
		Borders: &ctypes.TableBorders{Top: border(8), Bottom: border(8), InsideH: border(4), Left: none, Right: none, InsideV: none},
		Layout:  ctypes.NewTableLayout(stypes.TableLayoutFixed),
		CellMargin: &ctypes.CellMargins{Left: ctypes.NewTableWidth(0, stypes.TableWidthDxa),
			Right: ctypes.NewTableWidth(0, stypes.TableWidthDxa)},
	}
	cell := func(r *docx.Row, text string, span int, a stypes.Justification, hang float64) {
		c := r.AddCell()
		c.Width(int(half)*span, stypes.TableWidthDxa)
		if span > 1 {
			c.ColSpan(span)
		}
		p := c.AddEmptyPara().GetCT()
		in := indent(Size4, 1+hang, hang, 0)
		in.Right = ptr(int(Size4 * 20))
		p.Property = &ctypes.ParagraphProp{Justification: ctypes.NewGenSingleStrVal(a), Indent: in,
			Spacing:     &ctypes.Spacing{Before: ptr[uint64](0), After: ptr[uint64](0), Line: ptr(lineOf(Size4)), LineRule: ptr(stypes.LineSpacingRuleExact)},
			RunProperty: runProp(FangSong, Size4)}
		p.Children = append(p.Children, run(text, FangSong, Size4))
	}
	if copyTo != "" {
		cell(tbl.AddRow(), "抄送："+copyTo+"。", 2, stypes.JustificationLeft, ems("抄送："))
	}
	r := tbl.AddRow()
	cell(r, printer, 1, stypes.JustificationLeft, 0)
	cell(r, printed, 1, stypes.JustificationRight, 0)
	// A floating table is anchored to the paragraph after it, here a
	// point high.
	w.add(ctypes.ParagraphProp{}, 1)
}

// section is the section properties of layout l: A4, its margins, the
// character grid and the page-number footers.
func (w *Word) section(l Layout) *ctypes.SectionProp {
	pw, ph := uint64(twips(210)), uint64(twips(297))
	orient := stypes.PageOrientPortrait
	if l.Landscape {
		pw, ph, orient = ph, pw, stypes.PageOrientLandscape
	}
	s := &ctypes.SectionProp{
		PageSize: &ctypes.PageSize{Width: &pw, Height: &ph, Orient: orient},
		PageMargin: &ctypes.PageMargin{Top: ptr(twips(l.Top)), Bottom: ptr(twips(l.Bottom)),
			Left: ptr(twips(l.Left)), Right: ptr(twips(l.Right)),
			Header: ptr(twips(15)), Footer: ptr(twips(l.Bottom - 7 - Size4*mmPerPt)), Gutter: ptr(0)},
	}
	if l.PageNumbers {
		s.FooterReference = &ctypes.FooterReference{Type: stypes.HdrFtrDefault, ID: w.footers[0]}
	}
	if l.Chars > 0 {
		// l.Lines lines a page; l.Chars a line come of the narrowed
		// advance in the defaults (newWord).
		s.DocGrid = &ctypes.DocGrid{Type: stypes.DocGridLines, LinePitch: ptr(wordLine)}
	}
	return s
}

// Turn starts a new section, on a new page, laid out as l (a landscape
// table attached to a portrait 公文).
func (w *Word) Turn(l Layout) {
	last := w.root.Document.Body.Children
	if w.last == nil || len(last) == 0 || last[len(last)-1].Para == nil {
		w.add(ctypes.ParagraphProp{}, Size3)
	}
	w.last.Property.SectPr = w.section(w.layout)
	w.layout = l
}

// Table sets t's head, repeated at the top of each page, and rows as a
// Word table as wide as t's columns, centred.
func (w *Word) Table(t Table, rows []Row) {
	tbl := w.root.AddTable()
	var total int
	for _, c := range t.Widths {
		tbl.Grid(uint64(twips(c)))
		total += twips(c)
	}
	thin := &ctypes.Border{Val: stypes.BorderStyleSingle, Color: ptr("000000"), Size: ptr(4)}
	pad := ctypes.NewTableWidth(twips(cellPad), stypes.TableWidthDxa)
	tbl.GetCT().TableProp = ctypes.TableProp{
		Width:         ctypes.NewTableWidth(total, stypes.TableWidthDxa),
		Justification: jc(stypes.JustificationCenter),
		Borders:       &ctypes.TableBorders{Top: thin, Left: thin, Bottom: thin, Right: thin, InsideH: thin, InsideV: thin},
		Layout:        ctypes.NewTableLayout(stypes.TableLayoutFixed),
		CellMargin:    &ctypes.CellMargins{Left: pad, Right: pad},
	}
	add := func(r Row, head bool) {
		row := tbl.AddRow()
		prop := &ctypes.RowProperty{CantSplit: ctypes.OnOffFromBool(true)}
		if head {
			prop.Header = ctypes.OnOffFromBool(true)
		}
		if r.Height > 0 {
			prop.Height = ctypes.NewTableRowHeight(twips(r.Height), stypes.HeightRuleAtLeast)
		}
		tbl.GetCT().RowContents[len(tbl.GetCT().RowContents)-1].Row.Property = prop
		col := 0
		for _, c := range r.Cells {
			var wd float64
			wd, col = span(t, c, col)
			cell := row.AddCell()
			cell.Width(twips(wd), stypes.TableWidthDxa)
			if c.Span > 1 {
				cell.ColSpan(c.Span)
			}
			a := stypes.JustificationLeft
			if c.Align != Left {
				cell.VerticalAlign("center")
				a = map[Align]stypes.Justification{Center: stypes.JustificationCenter, Right: stypes.JustificationRight}[c.Align]
			}
			p := cell.AddEmptyPara().GetCT()
			p.Property = &ctypes.ParagraphProp{Justification: jc(a), SnapToGrid: ctypes.OnOffFromBool(false),
				Spacing:     &ctypes.Spacing{Before: ptr[uint64](0), After: ptr[uint64](0), Line: ptr(240), LineRule: ptr(stypes.LineSpacingRuleAuto)},
				RunProperty: runProp(c.Face, t.Size)}
			if c.Text != "" {
				p.Children = append(p.Children, run(c.Text, c.Face, t.Size))
			}
		}
	}
	for _, r := range t.Head {
		add(r, true)
	}
	for _, r := range rows {
		add(r, false)
	}
}

// picture adds the PNG image img w mm wide (and high in proportion),
// centred.
func (w *Word) picture(img []byte, wmm float64) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		w.err = fmt.Errorf("add a chart to the Word document: %w", err)
		return
	}
	w.root.ImageCount++
	n := w.root.ImageCount
	name := fmt.Sprintf("image%d.png", n)
	// godocx adds the extension's type once a picture; a second entry for
	// it makes Word call the file damaged.
	if !slices.ContainsFunc(w.root.ContentType.Default, func(d docx.Default) bool { return d.Extension == "png" }) {
		if err := w.root.ContentType.AddExtension("png", "image/png"); err != nil {
			w.err = fmt.Errorf("add a chart to the Word document: %w", err)
			return
		}
	}
	w.root.FileMap.Store("word/media/"+name, img)
	id := w.relation("http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", "media/"+name)
	cx := units.Inch(wmm / 25.4).ToEmu()
	cy := units.Inch(wmm / 25.4 * float64(cfg.Height) / float64(cfg.Width)).ToEmu()
	inline := dml.NewInline(*dmlct.NewPostvSz2D(cx, cy), dml.DocProp{ID: uint64(n), Name: fmt.Sprintf("图表%d", n)},
		*dml.NewPicGraphic(dmlpic.NewPic(id, n, cx, cy)))
	r := &ctypes.Run{Children: []ctypes.RunChild{{Drawing: &dml.Drawing{Inline: []dml.Inline{inline}}}}}
	p := w.add(ctypes.ParagraphProp{Justification: jc(stypes.JustificationCenter)}, Size3)
	p.Property.Spacing.Line, p.Property.Spacing.LineRule = ptr(240), ptr(stypes.LineSpacingRuleAuto) // as high as the picture
	p.Children = append(p.Children, ctypes.ParagraphChild{Run: r})
}

// Write writes the .docx to out.
func (w *Word) Write(out io.Writer) error {
	b, err := w.bytes()
	if err != nil {
		return err
	}
	if _, err := out.Write(b); err != nil {
		return fmt.Errorf("write the Word document: %w", err)
	}
	return nil
}

// WriteFile writes the .docx to the file at path, whole or not at all.
func (w *Word) WriteFile(path string) error {
	b, err := w.bytes()
	if err != nil {
		return err
	}
	return writeWhole(path, b)
}

// bytes is the .docx: the body with the last section's properties, and
// each section's footers for odd and even pages.
func (w *Word) bytes() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	w.root.Document.Body.SectPr = w.section(w.layout)
	var b bytes.Buffer
	if err := w.root.Write(&b); err != nil {
		return nil, fmt.Errorf("write the Word document: %w", err)
	}
	out, err := evenFooters(b.Bytes(), w.footers)
	if err != nil {
		return nil, fmt.Errorf("write the Word document: %w", err)
	}
	return out, nil
}

// evenFooters adds to each section of the .docx doc, after its reference
// to the footer footers[0], one to footers[1] for even pages: godocx
// writes one footer reference a section.
func evenFooters(doc []byte, footers [2]string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == "word/document.xml" {
			odd := fmt.Sprintf(`<w:footerReference w:type="default" r:id="%s"></w:footerReference>`, footers[0])
			if !bytes.Contains(data, []byte(odd)) {
				return nil, fmt.Errorf("no footer reference %s in %s", footers[0], f.Name)
			}
			even := fmt.Sprintf(`<w:footerReference w:type="even" r:id="%s"></w:footerReference>`, footers[1])
			data = bytes.ReplaceAll(data, []byte(odd), []byte(odd+even))
		}
		h := f.FileHeader
		fw, err := zw.CreateHeader(&h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
