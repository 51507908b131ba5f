package print

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one of the two typefaces documents are set in.
type Face int

// The faces: Song (宋体) for titles and body text, Hei (黑体) for headings
// and table heads.
const (
	Song Face = iota
	Hei
)

// family is the name a face is registered under with gofpdf, which names
// it "utf8"+family in the PDF.
func (f Face) family() string {
	if f == Hei {
		return "wgyhei"
	}
	return "wgysong"
}

// subsetName is the face's name in a written PDF: a subset tag and a
// plain name, as long as "utf8"+family (see Doc.Write).
func (f Face) subsetName() string {
	if f == Hei {
		return "WUGEYB+Hei"
	}
	return "WUGEYA+Song"
}

// Fonts are the TrueType faces of the documents, read once and shared by
// every document printed (safe for concurrent use).
type Fonts struct {
	faces [2]*face
}

// face is a TrueType face with the advance widths of the runes measured so
// far.
type face struct {
	data []byte
	font *sfnt.Font
	upem float64

	mu  sync.Mutex
	buf sfnt.Buffer
	adv map[rune]float64 // advance in em; -1 when the face has no glyph for the rune
}

// NewFonts reads the Song and Hei faces, each a TrueType font (glyf
// outlines: gofpdf takes no other kind).
func NewFonts(song, hei []byte) (*Fonts, error) {
	var fs Fonts
	for i, data := range [][]byte{song, hei} {
		f, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("read the %s font: %w", Face(i).family(), err)
		}
		fs.faces[i] = &face{data: data, font: f, upem: float64(f.UnitsPerEm()), adv: map[rune]float64{}}
	}
	return &fs, nil
}

// width is the advance of r in f, in em; ok is false when the face has no
// glyph for r.
func (fs *Fonts) width(f Face, r rune) (w float64, ok bool) {
	fc := fs.faces[f]
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if w, seen := fc.adv[r]; seen {
		return max(w, 0), w >= 0
	}
	w = -1
	if g, err := fc.font.GlyphIndex(&fc.buf, r); err == nil && g != 0 {
		// At a size of upem pixels the advance is in font units.
		if a, err := fc.font.GlyphAdvance(&fc.buf, g, fixed.I(int(fc.upem)), 0); err == nil {
			w = float64(a) / 64 / fc.upem
		}
	}
	fc.adv[r] = w
	return max(w, 0), w >= 0
}

// Missing lists the characters of text that face f cannot print (each
// once, in code order); control characters and line ends are not
// characters to print.
func (fs *Fonts) Missing(f Face, text string) []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, r := range text {
		if r < ' ' || seen[r] {
			continue
		}
		seen[r] = true
		if _, ok := fs.width(f, r); !ok {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// MissingError is why a document is not printed: characters its fonts
// cannot draw, which would come out as blanks.
type MissingError struct {
	Runes []rune
}

func (e *MissingError) Error() string {
	var names []string
	for _, r := range e.Runes {
		names = append(names, fmt.Sprintf("“%c”（U+%04X）", r, r))
	}
	return "打印字体中没有这些字，印出来会是空白，所以没有生成文件：" + strings.Join(names, "、") +
		"。请把它们改成常用写法（或在旁边注明）后再打印"
}

// UserMessage is the message, for the user (app.UserError).
func (e *MissingError) UserMessage() string { return e.Error() }
