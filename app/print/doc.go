// Package print writes the documents the offices print and file as PDF:
// meeting minutes, the assessment form, blank paper forms and the problem
// ledger. Pages are A4, laid out after GB/T 9704-2012 where the document is
// official; text is set in the embedded faces (see Fonts) with a line
// breaker of its own (see Break). A character no face has is printed as
// its code, never as a blank, and named by Doc.Missing. The minutes and
// the notice are also written as Word documents (see Word), from the same
// code as their PDF (see official).
package print

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"
)

// mmPerPt converts a font size in points to millimetres.
const mmPerPt = 25.4 / 72

// Layout is the page of a document: its orientation, margins (mm) and
// whether pages are numbered "— N —".
type Layout struct {
	Landscape                bool
	Top, Left, Right, Bottom float64
	PageNumbers              bool
	// Chars and Lines, when set, are a character grid: 三号 text is spaced
	// to Chars characters a line and Lines lines a page (other sizes in
	// proportion), and pages are numbered as GB/T 9704 says: right on odd
	// pages, left on even ones, each a character in from the edge.
	Chars, Lines int
	// Turned numbers a landscape page as if it were a page of Grid turned
	// on its side (see turnedNumber).
	Turned bool
}

// The layouts of the documents.
var (
	// Official is GB/T 9704-2012: A4, top 37 mm, left 28 mm, a text block
	// of 156 × 225 mm, page numbers below it.
	Official = Layout{Top: 37, Left: 28, Right: 26, Bottom: 35, PageNumbers: true}
	// Form is a paper form to fill in by hand: more room on the page.
	Form = Layout{Top: 20, Left: 20, Right: 20, Bottom: 20}
	// Grid is Official with the standard's grid of 28 characters a line
	// and 22 lines a page, for the documents that are 公文 (minutes, the
	// notice).
	Grid = Layout{Top: 37, Left: 28, Right: 26, Bottom: 35, PageNumbers: true, Chars: 28, Lines: 22}
	// Landscape is a wide table such as the problem ledger.
	Landscape = Layout{Landscape: true, Top: 18, Left: 15, Right: 15, Bottom: 18, PageNumbers: true}
	// Turned is a landscape page inside a Grid document (the notice's
	// table): Grid's text block turned on its side, and the page number
	// drawn where Grid puts it, turned with the page (see turnedNumber).
	Turned = Layout{Landscape: true, Top: 28, Left: 36, Right: 36, Bottom: 26, PageNumbers: true, Turned: true}
)

// Sizes of type, in points, by their Chinese names.
const (
	Size2  = 22   // 二号: titles
	Size3  = 16   // 三号: body text
	Size4  = 14   // 四号: page numbers, form text
	Size5  = 10.5 // 五号: table text
	Small5 = 9    // 小五: dense tables
)

// Doc is a document being written. Its methods lay text out from the top
// of the text block down, starting a new page when the next piece does not
// fit. Errors are kept and returned by Write.
type Doc struct {
	pdf    *gofpdf.Fpdf
	fonts  *Fonts
	layout Layout
	pageW  float64
	pageH  float64
	y      float64 // top of the next piece, mm from the top of the page
	face   Face
	size   float64
	// pdfFace and pdfSize are gofpdf's current font (a new page keeps it).
	pdfFace *face
	pdfSize float64
	// missing collects the characters the faces cannot draw.
	missing map[rune]bool
	// loaded are the font files registered with gofpdf, each when first
	// used (reading one takes time).
	loaded map[*face]bool
	// onNewPage runs after each page break (a table draws its head again).
	onNewPage func()
	// out is the written file, once Write has closed the document.
	out []byte
	// keep is the height (mm) that must follow the last line of the next
	// paragraph on its page (see KeepClosing).
	keep float64
}

// New starts a document with layout l, titled title (the PDF's own title),
// dated at (its creation date, so that the same records give the same
// file).
func New(fonts *Fonts, l Layout, title string, at time.Time) (*Doc, error) {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orientation(l), UnitStr: "mm", SizeStr: "A4"})
	pdf.SetTitle(title, true)
	pdf.SetCreator("五个一工作台", true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetMargins(l.Left, l.Top, l.Right)
	pdf.SetAutoPageBreak(false, l.Bottom)
	// A face is registered with gofpdf when text is first drawn in it
	// (pdfFont): registering reads every glyph.
	d := &Doc{pdf: pdf, fonts: fonts, layout: l, missing: map[rune]bool{}, loaded: map[*face]bool{}, face: Song, size: Size3}
	d.pageW, d.pageH = pdf.GetPageSize()
	if l.PageNumbers {
		pdf.SetFooterFunc(d.pageNumber)
	}
	d.newPage()
	return d, nil
}

// Width is the width of the text block, mm.
func (d *Doc) Width() float64 { return d.pageW - d.layout.Left - d.layout.Right }

// bottom is the lowest the text block goes, mm from the top.
func (d *Doc) bottom() float64 { return d.pageH - d.layout.Bottom }

// Pages is the number of pages so far.
func (d *Doc) Pages() int { return d.pdf.PageNo() }

func (d *Doc) newPage() {
	d.pdf.AddPageFormat(orientation(d.layout), d.pdf.GetPageSizeStr("A4"))
	d.y = d.layout.Top
	d.setFont(d.face, d.size) // a paragraph that runs over goes on in its size
	if d.onNewPage != nil {
		d.onNewPage()
	}
}

// orientation is gofpdf's name for the orientation of l's pages.
func orientation(l Layout) string {
	if l.Landscape {
		return "L"
	}
	return "P"
}

// Turn starts a new page laid out as l, which may turn the other way (a
// wide table attached to a portrait 公文); the pages after it are laid
// out as l too, until the next Turn.
func (d *Doc) Turn(l Layout) {
	// The page number of the page before is drawn by AddPageFormat, in
	// that page's layout: the new one is taken on after it.
	d.pdf.AddPageFormat(orientation(l), d.pdf.GetPageSizeStr("A4"))
	d.layout = l
	d.pdf.SetMargins(l.Left, l.Top, l.Right)
	d.pdf.SetAutoPageBreak(false, l.Bottom)
	d.pageW, d.pageH = d.pdf.GetPageSize()
	d.y = l.Top
	d.setFont(d.face, d.size)
}

// need starts a new page unless h mm are left on this one.
func (d *Doc) need(h float64) {
	if d.y+h > d.bottom()+0.01 && d.y > d.layout.Top {
		d.newPage()
	}
}

// pageNumber draws "— N —" 7 mm below the text block, in 四号 Song:
// centred, or on a grid (Layout.Chars) a character in from the right edge
// of the text block on odd pages and from the left on even ones, the
// dashes' line 7 mm below the block.
func (d *Doc) pageNumber() {
	face, size := d.face, d.size
	d.setFont(Num, Size4)
	s := fmt.Sprintf("— %d —", d.pdf.PageNo())
	w := d.measure(s)
	if d.layout.Turned {
		d.turnedNumber(s, w)
	} else if d.layout.Chars > 0 {
		em := Size4 * mmPerPt
		x := d.layout.Left + em
		if d.pdf.PageNo()%2 == 1 {
			x = d.layout.Left + d.Width() - em - w
		}
		// A CJK face's dash sits at the middle of its em box, 0.38 em
		// above the baseline.
		d.text(x, d.bottom()+7+0.38*em, s)
	} else {
		d.text((d.pageW-w)/2, d.bottom()+7+Size4*mmPerPt*0.8, s)
	}
	d.setFont(face, size)
}

// turnedNumber draws page number s, w mm wide, on a landscape page of a
// Grid document where Grid puts it on an upright page, turned with the
// page. GB/T 9704 binds a landscape table with its head on the binding
// side (the left edge of an odd page, the right edge of an even one) and
// keeps its page number where the other pages have theirs: on an odd page
// the sheet is turned clockwise to read the table, so the number lies along
// the left edge near the foot, reading downwards; on an even page
// anticlockwise, along the right edge, reading upwards.
func (d *Doc) turnedNumber(s string, w float64) {
	em := Size4 * mmPerPt
	upW, upH := d.pageH, d.pageW // the sheet upright
	base := upH - Grid.Bottom + 7 + 0.38*em
	var x, y, angle float64
	if d.pdf.PageNo()%2 == 1 {
		// Upright (ux, uy) is (upH-uy, ux) here.
		x, y, angle = upH-base, upW-Grid.Right-em-w, -90
	} else {
		// Upright (ux, uy) is (uy, upW-ux) here.
		x, y, angle = base, upW-(Grid.Left+em), 90
	}
	d.pdf.TransformBegin()
	d.pdf.TransformRotate(angle, x, y)
	d.text(x, y, s)
	d.pdf.TransformEnd()
}

// track is the space added to each character's advance, mm: on a grid
// (Layout.Chars), what sets 三号 text to Chars characters a line; else 0.
func (d *Doc) track() float64 {
	if d.layout.Chars == 0 || d.size != Size3 {
		return 0
	}
	return d.Width()/float64(d.layout.Chars) - Size3*mmPerPt
}

// setFont sets the face and size of the text that follows; gofpdf's font
// is set as each run is drawn (drawRun).
func (d *Doc) setFont(f Face, size float64) {
	d.face, d.size = f, size
}

// pdfFont makes fc at size pt gofpdf's current font, registering it first
// if it is new to the document. Setting the font that is already current
// is skipped: gofpdf writes every change into the page.
func (d *Doc) pdfFont(fc *face, size float64) {
	if !d.loaded[fc] {
		d.loaded[fc] = true
		d.pdf.AddUTF8FontFromBytes(fc.family, "", fc.data)
	}
	if fc == d.pdfFace && size == d.pdfSize {
		return
	}
	d.pdfFace, d.pdfSize = fc, size
	d.pdf.SetFont(fc.family, "", size)
}

// runeWidth is the width of r in mm in the current face and size: in the
// face that draws it (see Fonts), or the width of its code (see drawCode).
// A control character takes no room and is not drawn.
func (d *Doc) runeWidth(r rune) float64 {
	if r < ' ' {
		return 0
	}
	f, ok := d.fonts.pick(d.face, r)
	if !ok {
		_, _, w, _ := d.code(r)
		return w
	}
	w, _ := d.fonts.width(f, r)
	return w*d.size*mmPerPt + d.track()
}

func (d *Doc) measure(s string) float64 {
	var w float64
	for _, r := range s {
		w += d.runeWidth(r)
	}
	return w
}

// text draws s with its baseline at y from x on in the current face and
// size: each run of characters in the face that draws it (see Fonts), a
// character no face draws as its code (see drawCode). Control characters
// are left out.
func (d *Doc) text(x, y float64, s string) {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if rs[i] < ' ' {
			i++
			continue
		}
		f, ok := d.fonts.pick(d.face, rs[i])
		if !ok {
			x += d.drawCode(x, y, rs[i])
			i++
			continue
		}
		// Characters above U+FFFF go to gofpdf as their aliases, in runs
		// of their own that say which characters they are.
		astral := rs[i] > 0xFFFF
		j := i + 1
		for ; j < len(rs); j++ {
			g, ok := d.fonts.pick(d.face, rs[j])
			if !ok || g != f || (rs[j] > 0xFFFF) != astral || rs[j] < ' ' {
				break
			}
		}
		x += d.drawRun(x, y, f, rs[i:j], astral)
		i = j
	}
	d.pdfFont(d.fonts.faces[d.face], d.size)
}

// drawRun draws rs in face f from x on and returns its width, mm. astral
// runs, of characters above U+FFFF, are drawn as the faces' aliases and
// marked with the text they stand for (ActualText), so the PDF reads and
// copies as the real characters.
func (d *Doc) drawRun(x, y float64, f Face, rs []rune, astral bool) float64 {
	d.pdfFont(d.fonts.faces[f], d.size)
	var w float64
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = d.fonts.pdfRune(f, r)
		em, _ := d.fonts.width(f, r)
		w += em * d.size * mmPerPt
	}
	if astral {
		d.actualText(string(rs))
	}
	tr := d.track()
	if tr != 0 { // character spacing, in points
		d.pdf.RawWriteStr(fmt.Sprintf("%.4f Tc", tr/mmPerPt))
	}
	d.pdf.Text(x, y, string(out))
	if tr != 0 {
		d.pdf.RawWriteStr("0 Tc")
	}
	if astral {
		d.pdf.RawWriteStr("EMC")
	}
	return w + tr*float64(len(rs))
}

// actualText opens a marked-content span that reads as s (close it with
// EMC).
func (d *Doc) actualText(s string) {
	var b strings.Builder
	b.WriteString("/Span <</ActualText <FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">>> BDC")
	d.pdf.RawWriteStr(b.String())
}

// codeScale is the size of a missing character's code, relative to the
// text around it.
const codeScale = 0.5

// code is how a character no face draws is shown: its code ("U+2A6D6") in
// Song at size pt, in a box w mm wide with pad mm on either side of the
// code.
func (d *Doc) code(r rune) (code string, size, w, pad float64) {
	code = fmt.Sprintf("U+%04X", r)
	size = d.size * codeScale
	pad = d.size * mmPerPt * 0.06
	w = 2 * pad
	for _, c := range code {
		em, _ := d.fonts.width(Song, c)
		w += em * size * mmPerPt
	}
	return code, size, w, pad
}

// drawCode draws r, which no face has, as its code in a thin box on the
// baseline y from x on, notes it for Missing and returns the box's width,
// mm. The box reads and copies as r itself.
func (d *Doc) drawCode(x, y float64, r rune) float64 {
	d.missing[r] = true
	code, size, w, pad := d.code(r)
	em := d.size * mmPerPt
	top, h := y-0.8*em, 0.95*em
	lw := d.pdf.GetLineWidth()
	d.pdf.SetLineWidth(0.15)
	d.pdf.Rect(x+pad/2, top, w-pad, h, "D")
	d.pdf.SetLineWidth(lw)
	d.pdfFont(d.fonts.faces[Song], size)
	d.actualText(string(r))
	d.pdf.Text(x+pad, top+h/2+0.35*size*mmPerPt, code)
	d.pdf.RawWriteStr("EMC")
	return w
}

// drawLine draws a laid-out line whose box starts at (x, top) and is lh
// high.
func (d *Doc) drawLine(l Line, x, top, lh float64) {
	base := top + lh/2 + d.size*mmPerPt*0.35
	for _, p := range l.Parts {
		d.text(x+p.X, base, p.Text)
	}
}

// lineHeight is the distance between lines of the current size: GB/T
// 9704's 22 lines of 三号 to 225 mm, in proportion for other sizes; on a
// grid (Layout.Lines) exactly Lines lines of 三号 to the text block.
func (d *Doc) lineHeight() float64 {
	if d.layout.Lines > 0 {
		return (d.pageH - d.layout.Top - d.layout.Bottom) / float64(d.layout.Lines) * d.size / Size3
	}
	return d.size * mmPerPt * 1.8
}

// Space leaves h mm.
func (d *Doc) Space(h float64) { d.y += h }

// Title sets text centred in 二号 Song, as many lines as it takes, with
// space after it.
func (d *Doc) Title(text string) {
	d.setFont(Song, Size2)
	d.centred(text)
	d.Space(d.lineHeight() * 0.5)
}

// Centred sets text centred in face f at size pt.
func (d *Doc) Centred(text string, f Face, size float64) {
	d.setFont(f, size)
	d.centred(text)
}

func (d *Doc) centred(text string) {
	lh := d.lineHeight()
	for _, l := range Break(text, d.Width(), d.runeWidth, false) {
		d.need(lh)
		d.drawLine(l, d.layout.Left+(d.Width()-l.Width)/2, d.y, lh)
		d.y += lh
	}
}

// Heading sets text flush left in 三号 Hei.
func (d *Doc) Heading(text string) {
	d.setFont(Hei, Size3)
	d.Labeled("", text)
}

// Para sets a paragraph of body text in 三号 Song, justified, its first
// line indented by two characters.
func (d *Doc) Para(text string) { d.ParaIn(text, Song, Size3) }

// ParaIn sets a justified paragraph in face f at size pt, its first line
// indented by two characters.
func (d *Doc) ParaIn(text string, f Face, size float64) {
	d.setFont(f, size)
	lh := d.lineHeight()
	lines := Break("\u3000\u3000"+text, d.Width(), d.runeWidth, true)
	d.flow(len(lines), lh, func(i int) { d.drawLine(lines[i], d.layout.Left, d.y, lh) })
}

// Labeled sets label and then text in the current face and size, the
// lines of text after the first aligned under its start (a hanging
// indent): "出席：张三、李四……" or "1．……".
func (d *Doc) Labeled(label, text string) {
	lh := d.lineHeight()
	lw := d.measure(label)
	first := true
	for _, l := range Break(text, d.Width()-lw, d.runeWidth, true) {
		d.need(lh)
		if first && label != "" {
			d.drawLine(Line{Parts: []Part{{Text: label}}}, d.layout.Left, d.y, lh)
		}
		first = false
		d.drawLine(l, d.layout.Left+lw, d.y, lh)
		d.y += lh
	}
}

// LabeledIn is Labeled in face f at size pt.
func (d *Doc) LabeledIn(label, text string, f Face, size float64) {
	d.setFont(f, size)
	d.Labeled(label, text)
}

// Right sets text flush right in face f at size pt (a signature or a
// date under a document).
func (d *Doc) Right(text string, f Face, size float64) {
	d.setFont(f, size)
	lh := d.lineHeight()
	d.need(lh)
	w := d.measure(text)
	d.drawLine(Line{Parts: []Part{{Text: text}}}, d.layout.Left+d.Width()-w, d.y, lh)
	d.y += lh
}

// sides sets left flush left and right flush right on one line in face f
// at size pt ("填报单位：海港区 … 编号：____").
func (d *Doc) sides(left, right string, f Face, size float64) {
	d.setFont(f, size)
	lh := d.lineHeight()
	d.need(lh)
	d.drawLine(Line{Parts: []Part{{Text: left}}}, d.layout.Left, d.y, lh)
	w := d.measure(right)
	d.drawLine(Line{Parts: []Part{{Text: right}}}, d.layout.Left+d.Width()-w, d.y, lh)
	d.y += lh
}

// Image places the PNG image img w mm wide and h mm high at the left of
// the text block, on a new page if it does not fit on this one.
func (d *Doc) Image(name string, img []byte, w, h float64) {
	d.need(h)
	opt := gofpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(img))
	d.pdf.ImageOptions(name, d.layout.Left+(d.Width()-w)/2, d.y, w, h, false, opt, 0, "")
	d.y += h
}

// Missing lists the characters of the document that no face has (each
// once, in code order): each is printed as its code in a box, and reads
// and copies as itself. Tell the user with a *MissingError that names
// them.
func (d *Doc) Missing() []rune {
	var rs []rune
	for r := range d.missing {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return rs
}

// Write writes the PDF to w. Write closes the document: nothing more may
// be added, and a second Write writes the same bytes.
func (d *Doc) Write(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	if d.out == nil {
		out, err := d.output()
		if err != nil {
			return err
		}
		d.out = out
	}
	if _, err := w.Write(d.out); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	return nil
}

// output closes the document (gofpdf can do that once) and returns its
// bytes.
func (d *Doc) output() ([]byte, error) {
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("write PDF: %w", err)
	}
	out := b.Bytes()
	for fc := range d.loaded {
		// gofpdf embeds only the glyphs used but names the font without
		// the tag that marks a subset (ISO 32000-1, 9.6.4), so readers
		// take it for the whole font. The tagged name has the same length:
		// no offset in the file moves.
		for _, end := range []string{"\n", " ", "\r"} {
			out = bytes.ReplaceAll(out, []byte("/utf8"+fc.family+end), []byte("/"+fc.subset+end))
		}
	}
	return out, nil
}

// WriteFile writes the document to the file at path: whole or not at all
// (it appears under its name only once written, and a failed write leaves
// no file).
func (d *Doc) WriteFile(path string) error {
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		return err
	}
	return writeWhole(path, b.Bytes())
}

// writeWhole writes b to the file at path: whole or not at all (it
// appears under its name only once written, and a failed write leaves no
// file).
func writeWhole(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".wugeyi-print-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing left to remove
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
