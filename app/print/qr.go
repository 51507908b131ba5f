package print

import (
	"fmt"

	qr "github.com/piglig/go-qr"
)

// QR codes on the filled forms carry the record's number (a problem's
// ledger number, another record's ID), so that a handheld scanner reads it
// back into the program's search box when the paper returns. They are
// drawn as squares of the PDF itself, not as an image, so they print sharp
// at any resolution.

// qrQuiet is the light margin a QR code needs around it, in modules
// (ISO/IEC 18004 asks for four).
const qrQuiet = 4

// utf8ECI is the ECI assignment number of UTF-8: it tells the scanner that
// the bytes that follow are UTF-8, so that a number with hanzi (海港-…)
// reads back as itself rather than as Shift JIS or Latin-1.
const utf8ECI = 26

// qrCode encodes text at error correction level M (a stain or a fold on
// the paper may hide up to 15% of it), with an ECI segment saying UTF-8
// when the text is not plain ASCII.
func qrCode(text string) (*qr.QrCode, error) {
	segs, err := qr.MakeSegments(text)
	if err != nil {
		return nil, fmt.Errorf("encode QR code %q: %w", text, err)
	}
	if !ascii(text) {
		eci, err := qr.MakeEci(utf8ECI)
		if err != nil {
			return nil, fmt.Errorf("encode QR code %q: %w", text, err)
		}
		segs = append([]*qr.QrSegment{eci}, segs...)
	}
	c, err := qr.EncodeStandardSegments(segs, qr.Medium)
	if err != nil {
		return nil, fmt.Errorf("encode QR code %q: %w", text, err)
	}
	return c, nil
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// qrAt draws text as a QR code whose dark modules fill a square side mm
// wide with its top left corner at (x, y); the quiet zone is left around
// that square, outside it. Each run of dark modules in a row is one filled
// rectangle, a hair taller than its row so that no light seam shows
// between rows in a viewer that smooths edges.
func (d *Doc) qrAt(text string, x, y, side float64) {
	c, err := qrCode(text)
	if err != nil {
		d.pdf.SetError(err)
		return
	}
	n := c.Size()
	m := side / float64(n)
	d.pdf.SetFillColor(0, 0, 0)
	for row := range n {
		for col := 0; col < n; {
			if !c.Module(col, row) {
				col++
				continue
			}
			end := col + 1
			for end < n && c.Module(end, row) {
				end++
			}
			h := m
			if row < n-1 {
				h += m * 0.05
			}
			d.pdf.Rect(x+float64(col)*m, y+float64(row)*m, float64(end-col)*m, h, "F")
			col = end
		}
	}
}
