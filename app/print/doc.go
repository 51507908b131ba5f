// Package print writes the documents the offices print and file as PDF:
// meeting minutes, the assessment form, blank paper forms and the problem
// ledger. Pages are A4, laid out after GB/T 9704-2012 where the document is
// official; text is set in the embedded Song and Hei faces with a line
// breaker of its own (see Break), and a document with a character the
// fonts lack is refused by name instead of printed with a blank.
package print

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

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
}

// The layouts of the documents.
var (
	// Official is GB/T 9704-2012: A4, top 37 mm, left 28 mm, a text block
	// of 156 × 225 mm, page numbers below it.
	Official = Layout{Top: 37, Left: 28, Right: 26, Bottom: 35, PageNumbers: true}
	// Form is a paper form to fill in by hand: more room on the page.
	Form = Layout{Top: 20, Left: 20, Right: 20, Bottom: 20}
	// Landscape is a wide table such as the problem ledger.
	Landscape = Layout{Landscape: true, Top: 18, Left: 15, Right: 15, Bottom: 18, PageNumbers: true}
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
	// missing collects the characters the faces cannot draw.
	missing map[rune]bool
	// onNewPage runs after each page break (a table draws its head again).
	onNewPage func()
	// out is the written file, once Write has closed the document.
	out []byte
}

// New starts a document with layout l, titled title (the PDF's own title),
// dated at (its creation date, so that the same records give the same
// file).
func New(fonts *Fonts, l Layout, title string, at time.Time) (*Doc, error) {
	orient := "P"
	if l.Landscape {
		orient = "L"
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: "A4"})
	pdf.SetTitle(title, true)
	pdf.SetCreator("五个一工作台", true)
	pdf.SetCreationDate(at)
	pdf.SetModificationDate(at)
	pdf.SetMargins(l.Left, l.Top, l.Right)
	pdf.SetAutoPageBreak(false, l.Bottom)
	for _, f := range []Face{Song, Hei} {
		pdf.AddUTF8FontFromBytes(f.family(), "", fonts.faces[f].data)
		// AddUTF8FontFromBytes reports a bad font only at SetFont.
		pdf.SetFont(f.family(), "", Size3)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("load the %s font: %w", f.family(), err)
		}
	}
	d := &Doc{pdf: pdf, fonts: fonts, layout: l, missing: map[rune]bool{}}
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
	d.pdf.AddPage()
	d.y = d.layout.Top
	d.setFont(d.face, max(d.size, Size3))
	if d.onNewPage != nil {
		d.onNewPage()
	}
}

// need starts a new page unless h mm are left on this one.
func (d *Doc) need(h float64) {
	if d.y+h > d.bottom()+0.01 && d.y > d.layout.Top {
		d.newPage()
	}
}

// pageNumber draws "— N —" 7 mm below the text block, in 四号 Song.
func (d *Doc) pageNumber() {
	face, size := d.face, d.size
	d.setFont(Song, Size4)
	s := fmt.Sprintf("— %d —", d.pdf.PageNo())
	w := d.measure(s)
	d.text((d.pageW-w)/2, d.bottom()+7+Size4*mmPerPt*0.8, s)
	d.setFont(face, size)
}

func (d *Doc) setFont(f Face, size float64) {
	d.face, d.size = f, size
	d.pdf.SetFont(f.family(), "", size)
}

// runeWidth is the width of r in mm in the current face and size.
func (d *Doc) runeWidth(r rune) float64 {
	w, _ := d.fonts.width(d.face, r)
	return w * d.size * mmPerPt
}

func (d *Doc) measure(s string) float64 {
	var w float64
	for _, r := range s {
		w += d.runeWidth(r)
	}
	return w
}

// text draws s with its baseline at y, noting characters the face lacks.
func (d *Doc) text(x, y float64, s string) {
	for _, r := range d.fonts.Missing(d.face, s) {
		d.missing[r] = true
	}
	d.pdf.Text(x, y, s)
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
// 9704's 22 lines of 三号 to 225 mm, in proportion for other sizes.
func (d *Doc) lineHeight() float64 { return d.size * mmPerPt * 1.8 }

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
	for _, l := range Break("\u3000\u3000"+text, d.Width(), d.runeWidth, true) {
		d.need(lh)
		d.drawLine(l, d.layout.Left, d.y, lh)
		d.y += lh
	}
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

// Write checks that every character drawn is in the fonts and writes the
// PDF to w. A document with characters the fonts lack is not written: the
// error is a *MissingError that names them. Write closes the document:
// nothing more may be added, and a second Write writes the same bytes.
func (d *Doc) Write(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("write PDF: %w", err)
	}
	if len(d.missing) > 0 {
		var rs []rune
		for r := range d.missing {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		return &MissingError{Runes: rs}
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
	for _, f := range []Face{Song, Hei} {
		// gofpdf embeds only the glyphs used but names the font without
		// the tag that marks a subset (ISO 32000-1, 9.6.4), so readers
		// take it for the whole font. The tagged name has the same length:
		// no offset in the file moves.
		out = bytes.ReplaceAll(out, []byte("/utf8"+f.family()+"\n"), []byte("/"+f.subsetName()+"\n"))
		out = bytes.ReplaceAll(out, []byte("/utf8"+f.family()+" "), []byte("/"+f.subsetName()+" "))
		out = bytes.ReplaceAll(out, []byte("/utf8"+f.family()+"\r"), []byte("/"+f.subsetName()+"\r"))
	}
	return out, nil
}

// WriteFile writes the document to the file at path: whole or not at all
// (it appears under its name only once written, and a refused document
// leaves no file).
func (d *Doc) WriteFile(path string) error {
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".wugeyi-print-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing left to remove
	_, err = tmp.Write(b.Bytes())
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
