package print

// The parts of a 公文 as GB/T 9704-2012 lays them out: the red mark that
// heads it (发文机关标志) over a red rule, headings of two levels, the
// signature and date (落款) kept with the text before it, and the
// colophon (版记) at the foot of the last page. They are meant for the
// Grid layout.

// red is the colour of the mark and rules of the 版头.
var red = [3]int{230, 0, 18}

// official is a writer of the 公文 this package lays out (the minutes and
// the notice): *Doc, which sets them as PDF, and *Word, which writes them
// for Word and WPS to edit. What a document says is written once, over
// this interface, and each writer lays it out in its own way.
type official interface {
	Mark(text string, top float64)
	Centred(text string, f Face, size float64)
	Spread(left, right string, f Face, size float64)
	Rule()
	OfficialTitle(text string)
	Body(text string)
	Heading1(text string)
	Listed(label, text string)
	LabeledIn(label, text string, f Face, size float64)
	// Space leaves h mm; blank leaves n lines of 三号.
	Space(h float64)
	blank(n int)
	// keepLines keeps n lines of 三号 after the last line of the next
	// paragraph on its page (the 落款, with the 附件说明 before it).
	keepLines(n int)
	attachments(names []string)
	Closing(issuer, date string)
	Colophon(copyTo, printer, printed string)
	// Turn starts a new page laid out as l; Width is the width of the
	// text block.
	Turn(l Layout)
	Width() float64
	Table(t Table, rows []Row)
}

// Mark sets text, the issuing body's mark ("……纪要", "……文件"),
// centred in red 小标宋 top mm below the top of the text block, as large
// as fits on one line up to 一号 (26 pt) and no smaller than 二号.
func (d *Doc) Mark(text string, top float64) {
	size := 26.0
	for size > Size2 {
		d.setFont(TitleSong, size)
		if d.measure(text) <= d.Width() {
			break
		}
		size -= 2
	}
	d.setFont(TitleSong, size)
	d.y = d.layout.Top + top
	d.pdf.SetTextColor(red[0], red[1], red[2])
	d.centred(text)
	d.pdf.SetTextColor(0, 0, 0)
}

// Rule draws a red rule as wide as the text block, 4 mm below the line
// before it (the 版头's 分隔线), and leaves a line's space under it.
func (d *Doc) Rule() {
	d.y += 4
	d.pdf.SetDrawColor(red[0], red[1], red[2])
	lw := d.pdf.GetLineWidth()
	d.pdf.SetLineWidth(0.5)
	d.pdf.Line(d.layout.Left, d.y, d.layout.Left+d.Width(), d.y)
	d.pdf.SetLineWidth(lw)
	d.pdf.SetDrawColor(0, 0, 0)
	d.setFont(FangSong, Size3)
	d.y += d.lineHeight()
}

// Spread sets left and right on one line in face f at size pt, each a
// character in from its edge of the text block (the issuer and the date
// under a mark).
func (d *Doc) Spread(left, right string, f Face, size float64) {
	d.setFont(f, size)
	em := size * mmPerPt
	lh := d.lineHeight()
	d.need(lh)
	d.drawLine(Line{Parts: []Part{{Text: left}}}, d.layout.Left+em, d.y, lh)
	w := d.measure(right)
	d.drawLine(Line{Parts: []Part{{Text: right}}}, d.layout.Left+d.Width()-em-w, d.y, lh)
	d.y += lh
}

// OfficialTitle sets a document's title centred in 二号 小标宋, with a
// line's space after it.
func (d *Doc) OfficialTitle(text string) {
	d.setFont(TitleSong, Size2)
	for _, l := range TitleLines(text, d.Width(), d.runeWidth) {
		d.centred(l)
	}
	d.setFont(FangSong, Size3)
	d.Space(d.lineHeight())
}

// Heading1 sets a first-level heading ("一、……") in 三号 黑体, two
// characters in (左空二字).
func (d *Doc) Heading1(text string) { d.ParaIn(text, Hei, Size3) }

// Heading2 sets a second-level heading ("（一）……") in 三号 楷体, two
// characters in.
func (d *Doc) Heading2(text string) { d.ParaIn(text, Kai, Size3) }

// Body sets a paragraph of body text in 三号 仿宋, its first line two
// characters in.
func (d *Doc) Body(text string) { d.ParaIn(text, FangSong, Size3) }

// Listed sets label in 三号 黑体 two characters in, then text in 三号
// 仿宋, its further lines aligned under its start: "出席：……".
func (d *Doc) Listed(label, text string) {
	d.setFont(Hei, Size3)
	lh := d.lineHeight()
	indent := 2 * d.runeWidth('\u3000')
	x := d.layout.Left + indent
	lw := d.measure(label)
	d.setFont(FangSong, Size3)
	lines := Break(text, d.Width()-indent-lw, d.runeWidth, true)
	d.flow(len(lines), lh, func(i int) {
		if i == 0 {
			d.setFont(Hei, Size3)
			d.drawLine(Line{Parts: []Part{{Text: label}}}, x, d.y, lh)
			d.setFont(FangSong, Size3)
		}
		d.drawLine(lines[i], x+lw, d.y, lh)
	})
}

// closingLines are the lines a 落款 takes: a blank one (the seal reaches
// up into it), the issuer and the date.
const closingLines = 3

// KeepClosing keeps the last line of the next paragraph on the page of
// the 落款 that follows it: a 落款 never stands alone on a page.
func (d *Doc) KeepClosing() { d.keepLines(closingLines) }

func (d *Doc) keepLines(n int) {
	d.setFont(FangSong, Size3)
	d.keep = float64(n) * d.lineHeight()
}

func (d *Doc) blank(n int) {
	d.setFont(FangSong, Size3)
	d.Space(float64(n) * d.lineHeight())
}

// Closing sets the 落款 in 三号 仿宋 after a blank line: the date four
// characters in from the right edge (右空四字) and the issuer centred
// over it (where the seal goes), moved left if it would pass the edge.
func (d *Doc) Closing(issuer, date string) {
	d.setFont(FangSong, Size3)
	lh := d.lineHeight()
	d.need(closingLines * lh)
	d.y += lh
	right := d.layout.Left + d.Width() - 4*d.runeWidth('\u3000')
	dw, iw := d.measure(date), d.measure(issuer)
	ix := min(right-dw/2-iw/2, d.layout.Left+d.Width()-iw)
	d.drawLine(Line{Parts: []Part{{Text: issuer}}}, max(ix, d.layout.Left), d.y, lh)
	d.y += lh
	d.drawLine(Line{Parts: []Part{{Text: date}}}, right-dw, d.y, lh)
	d.y += lh
}

// Colophon sets the 版记 at the foot of the last page, in 四号 仿宋
// between rules: 抄送 (when copyTo is not ""), and the body that printed
// the document with the date, each a character in from its edge. It
// starts a page when this one has no room left.
func (d *Doc) Colophon(copyTo, printer, printed string) {
	d.setFont(FangSong, Size4)
	em := Size4 * mmPerPt
	row := d.lineHeight()
	label := "抄送："
	var cc []Line
	if copyTo != "" {
		cc = Break(copyTo+"。", d.Width()-2*em-d.measure(label), d.runeWidth, true)
	}
	h := float64(len(cc)+1) * row
	top := d.bottom() - h
	if d.y > top {
		d.newPage()
	}
	rule := func(y, w float64) {
		d.pdf.SetLineWidth(w)
		d.pdf.Line(d.layout.Left, y, d.layout.Left+d.Width(), y)
	}
	lw := d.pdf.GetLineWidth()
	rule(top, 0.35)
	y := top
	for i, l := range cc {
		if i == 0 {
			d.drawLine(Line{Parts: []Part{{Text: label}}}, d.layout.Left+em, y, row)
		}
		d.drawLine(l, d.layout.Left+em+d.measure(label), y, row)
		y += row
	}
	if len(cc) > 0 {
		rule(y, 0.25)
	}
	d.drawLine(Line{Parts: []Part{{Text: printer}}}, d.layout.Left+em, y, row)
	pw := d.measure(printed)
	d.drawLine(Line{Parts: []Part{{Text: printed}}}, d.layout.Left+d.Width()-em-pw, y, row)
	rule(y+row, 0.35)
	d.pdf.SetLineWidth(lw)
	d.y = d.bottom()
}

// flow draws n lines lh apart with draw, each at d.y, starting a page
// where one does not fit. When a height is to be kept with the last line
// (KeepClosing) and would not fit after it, the last two lines (all of a
// paragraph of fewer than four) start a new page.
func (d *Doc) flow(n int, lh float64, draw func(i int)) {
	keep := d.keep
	d.keep = 0
	from := n // the line that starts a page of its own
	if keep > 0 {
		y := d.y
		for range n {
			if y+lh > d.bottom()+0.01 && y > d.layout.Top {
				y = d.layout.Top
			}
			y += lh
		}
		if y+keep > d.bottom()+0.01 {
			from = n - 2
			if n < 4 {
				from = 0
			}
		}
	}
	for i := range n {
		if i == from && d.y > d.layout.Top {
			d.newPage()
		}
		d.need(lh)
		draw(i)
		d.y += lh
	}
}
