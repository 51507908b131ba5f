package print

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Face is one of the typefaces documents are set in.
type Face int

// The faces, as GB/T 9704-2012 names them: Song (宋体) and Hei (黑体);
// FangSong (仿宋) for the body of official documents, Kai (楷体) for their
// second-level headings and TitleSong (小标宋) for their titles. A face
// whose file was not given to Load is drawn with Song (see Files).
const (
	Song Face = iota
	Hei
	FangSong
	Kai
	TitleSong
	// Num is Song for page numbers: the same face cut to a space, the
	// digits and the em dash (see Files.Num).
	Num
	numFaces
)

// names of the faces, by Face: their family (registered with gofpdf, which
// names it "utf8"+family in the PDF) and the name a written PDF gives it: a
// subset tag and a plain name, as long as "utf8"+family (see Doc.output).
var faceNames = [numFaces]struct{ family, subset, chinese string }{
	Song:      {"wgysong", "WUGEYA+Song", "宋体"},
	Hei:       {"wgyhei", "WUGEYB+Hei", "黑体"},
	FangSong:  {"wgyfang", "WUGEYE+Fang", "仿宋"},
	Kai:       {"wgykai", "WUGEYC+Kai", "楷体"},
	TitleSong: {"wgytitle", "WUGEYD+Title", "小标宋"},
	Num:       {"wgynum", "WUGEYF+Num", "宋体"},
}

// String is the face's Chinese name (宋体, 黑体, 仿宋, 楷体, 小标宋).
func (f Face) String() string {
	if f < 0 || f >= numFaces {
		return fmt.Sprintf("Face(%d)", int(f))
	}
	return faceNames[f].chinese
}

// Files are the TrueType files (glyf outlines: gofpdf takes no other kind)
// of the faces. Song and Hei are needed; FangSong, Kai or TitleSong left
// nil is drawn with the Song file.
type Files struct {
	Song, Hei, FangSong, Kai, TitleSong []byte
	// Num is the Song file cut to what page numbers need: gofpdf reads
	// every glyph of each face a document uses (about 25 ms for Song), and
	// a 公文 set in 仿宋 uses Song for nothing else.
	Num []byte
}

// Fonts are the TrueType faces of the documents, read once and shared by
// every document printed (safe for concurrent use).
//
// A character the face of the text lacks is drawn in the first of Song
// and Hei that has it; one that none has is drawn as its code in a box
// (see Doc.Missing).
type Fonts struct {
	faces [numFaces]*face
}

// face is a TrueType face with the advance widths of the runes measured so
// far. Faces drawn with the same file share one face.
type face struct {
	family, subset string // of the face whose file this is
	data           []byte
	font           *sfnt.Font
	upem           float64

	mu  sync.Mutex
	buf sfnt.Buffer
	adv map[rune]float64 // advance in em; -1 when the face cannot draw the rune
	// alias is the Private Use Area character that maps to each glyph of a
	// character above U+FFFF in the font's format 4 cmap (see
	// assets/fonts/subset.py): gofpdf reads only that cmap, so it is handed
	// the alias.
	alias map[sfnt.GlyphIndex]rune
}

// The Private Use Area that carries the aliases.
const (
	puaFirst = 0xE000
	puaLast  = 0xF8FF
)

// Load reads the faces' files.
func Load(files Files) (*Fonts, error) {
	if files.Song == nil || files.Hei == nil {
		return nil, errors.New("read the fonts: the Song and Hei files are needed")
	}
	var fs Fonts
	for f, data := range [numFaces][]byte{files.Song, files.Hei, files.FangSong, files.Kai, files.TitleSong, files.Num} {
		if data == nil {
			fs.faces[f] = fs.faces[Song]
			continue
		}
		fc, err := readFace(Face(f), data)
		if err != nil {
			return nil, err
		}
		fs.faces[f] = fc
	}
	return &fs, nil
}

// NewFonts reads the Song and Hei faces; the other faces are drawn with
// Song. It is Load(Files{Song: song, Hei: hei}).
func NewFonts(song, hei []byte) (*Fonts, error) {
	return Load(Files{Song: song, Hei: hei})
}

func readFace(f Face, data []byte) (*face, error) {
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("read the %s font: %w", faceNames[f].family, err)
	}
	return &face{family: faceNames[f].family, subset: faceNames[f].subset, data: data, font: fnt,
		upem: float64(fnt.UnitsPerEm()), adv: map[rune]float64{}, alias: puaAliases(data)}, nil
}

// puaAliases reads the Private Use Area entries of the first Unicode
// format 4 subtable of the cmap of the TrueType font data, the one gofpdf
// reads: the glyph each maps to, and the alias. A font without such
// entries (or a cmap this cannot read) has none.
func puaAliases(data []byte) map[sfnt.GlyphIndex]rune {
	out := map[sfnt.GlyphIndex]rune{}
	u16 := func(at int) int {
		if at < 0 || at+2 > len(data) {
			return -1
		}
		return int(binary.BigEndian.Uint16(data[at:]))
	}
	u32 := func(at int) int {
		if at < 0 || at+4 > len(data) {
			return -1
		}
		return int(binary.BigEndian.Uint32(data[at:]))
	}
	cmap := -1
	for i := range max(u16(4), 0) {
		if rec := 12 + 16*i; rec+16 <= len(data) && string(data[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	sub := -1
	for i := range max(u16(cmap+2), 0) {
		rec := cmap + 4 + 8*i
		platform, encoding, at := u16(rec), u16(rec+2), u32(rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && u16(cmap+at) == 4 {
			sub = cmap + at
			break
		}
	}
	if cmap < 0 || sub < 0 {
		return out
	}
	segs := u16(sub+6) / 2
	ends, starts, deltas, offsets := sub+14, sub+16+2*segs, sub+16+4*segs, sub+16+6*segs
	for i := range max(segs, 0) {
		start, end := max(u16(starts+2*i), puaFirst), min(u16(ends+2*i), puaLast)
		delta, offset := u16(deltas+2*i), u16(offsets+2*i)
		for c := start; c <= end; c++ {
			g := c
			if offset != 0 {
				g = u16(offsets + 2*i + offset + 2*(c-u16(starts+2*i)))
			}
			if g > 0 {
				out[sfnt.GlyphIndex((g+delta)&0xFFFF)] = rune(c)
			}
		}
	}
	return out
}

// width is the advance of r in f, in em; ok is false when the face cannot
// draw r: no glyph, above U+FFFF a glyph without an alias, or a Private
// Use character (it has no agreed meaning).
func (fs *Fonts) width(f Face, r rune) (w float64, ok bool) {
	fc := fs.faces[f]
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if w, seen := fc.adv[r]; seen {
		return max(w, 0), w >= 0
	}
	w = -1
	pua := r >= puaFirst && r <= puaLast
	if g, err := fc.font.GlyphIndex(&fc.buf, r); !pua && err == nil && g != 0 && (r <= 0xFFFF || fc.alias[g] != 0) {
		// At a size of upem pixels the advance is in font units.
		if a, err := fc.font.GlyphAdvance(&fc.buf, g, fixed.I(int(fc.upem)), 0); err == nil {
			w = float64(a) / 64 / fc.upem
		}
	}
	fc.adv[r] = w
	return max(w, 0), w >= 0
}

// pdfRune is the character gofpdf is handed to draw r in f: r itself, or
// above U+FFFF its alias. f must be able to draw r.
func (fs *Fonts) pdfRune(f Face, r rune) rune {
	if r <= 0xFFFF {
		return r
	}
	fc := fs.faces[f]
	fc.mu.Lock()
	defer fc.mu.Unlock()
	g, _ := fc.font.GlyphIndex(&fc.buf, r)
	return fc.alias[g]
}

// Draws reports whether face f itself can draw r, without falling back
// to another face.
func (fs *Fonts) Draws(f Face, r rune) bool {
	_, ok := fs.width(f, r)
	return ok
}

// pick is the face that draws r in text set in f: f itself, or the first
// of Song and Hei that can; ok is false when none can.
func (fs *Fonts) pick(f Face, r rune) (Face, bool) {
	for _, c := range [...]Face{f, Song, Hei} {
		if _, ok := fs.width(c, r); ok {
			return c, true
		}
	}
	return f, false
}

// Missing lists the characters of text that no face can draw when it is
// set in face f (each once, in code order): a document shows them as their
// code. Control characters and line ends are not characters to print.
func (fs *Fonts) Missing(f Face, text string) []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, r := range text {
		if r < ' ' || seen[r] {
			continue
		}
		seen[r] = true
		if _, ok := fs.pick(f, r); !ok {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// MissingError names characters the fonts cannot draw. A document is
// written all the same, each of them shown as its code (see Doc.Missing);
// this is the warning to give with it.
type MissingError struct {
	Runes []rune
}

func (e *MissingError) Error() string {
	var names []string
	for _, r := range e.Runes {
		names = append(names, fmt.Sprintf("“%c”（U+%04X）", r, r))
	}
	return "打印字体中没有这些字，文件中在它们的位置印的是字的编码：" + strings.Join(names, "、") +
		"。复制文件中的文字时它们仍是原字；请在印好的纸上手写补上"
}

// UserMessage is the message, for the user (app.UserError).
func (e *MissingError) UserMessage() string { return e.Error() }
