// Package assets holds the files embedded in the program: the fonts that
// render Chinese on any PC and in printed documents, and the icon. The
// scripts that make them and the fonts' licences sit beside them (see
// fonts/README.md).
package assets

import _ "embed"

// UIFont is the Hei (黑体) face: the window draws all its text with it, the
// charts label with it, and the printed documents set their headings in
// it. A TrueType subset of Noto Sans CJK SC Regular renamed WGY Hei:
// Latin-1, punctuation and symbols, and every Han character the source
// has (the URO, Extension A, 2,306 characters of Extensions B–F, all
// 8,105 of 通用规范汉字表). Made by fonts/make-fonts.sh; its licence (SIL
// OFL 1.1) is in fonts/LICENSE-noto-cjk.txt.
//
//go:embed fonts/ui-hei.ttf
var UIFont []byte

// PrintSong is the Song (宋体) face the printed documents' text is set in,
// and the face any other print face falls back to for a character it
// lacks: a TrueType subset of Noto Serif CJK SC Regular renamed WGY Print
// Song, with every Han character the source has (the URO, Extension A,
// 2,248 of Extensions B–F, all 8,105 of 通用规范汉字表). Made by
// fonts/make-print-fonts.sh; licence in fonts/LICENSE-noto-cjk.txt.
//
//go:embed fonts/print-song.ttf
var PrintSong []byte

// PrintTitle is the heavy Song face for the titles of official documents
// (GB/T 9704's 小标宋): a TrueType subset of Noto Serif CJK SC Bold renamed
// WGY Print Title, cut to 通用规范汉字表 and the marks (a rarer character
// in a title is drawn from PrintSong): gofpdf reads every glyph of a face
// on each document. Made by fonts/make-print-fonts.sh; licence in
// fonts/LICENSE-noto-cjk.txt.
//
//go:embed fonts/print-title.ttf
var PrintTitle []byte

// PrintNum is PrintSong cut to the characters of a page number ("— 12 —":
// space, digits, em dash), so that a document whose text needs no Song
// does not load the whole face for its page numbers. Made by
// fonts/make-print-fonts.sh (pyftsubset); licence in
// fonts/LICENSE-noto-cjk.txt.
//
//go:embed fonts/print-num.ttf
var PrintNum []byte

// PrintKai is the Kai (楷体) face for second-level headings of official
// documents: a TrueType subset of LXGW WenKai Regular (霞鹜文楷) renamed
// WGY Print Kai, cut to 通用规范汉字表, the marks and the characters that
// neither PrintSong nor the Hei face has (the others are drawn from those).
// Made by fonts/make-print-fonts.sh; licence (SIL OFL 1.1) in
// fonts/LICENSE-lxgw-wenkai.txt.
//
//go:embed fonts/print-kai.ttf
var PrintKai []byte

// PrintFang is the FangSong (仿宋) face for the body of official
// documents: a TrueType subset of Zhuque Fangsong Regular (朱雀仿宋),
// built from its Glyphs source, renamed WGY Print Fang: every Han
// character the source has (all 8,105 of 通用规范汉字表, 10,956 of the URO,
// 77 of Extension A, 197 of Extensions B–F); the print draws a character it
// lacks in the Song face. Made by fonts/make-fang-font.sh; licence (SIL OFL
// 1.1) in fonts/LICENSE-zhuque-fangsong.txt.
//
//go:embed fonts/print-fang.ttf
var PrintFang []byte

// Icon is the program's 512×512 PNG icon (a white “五” over a short bar on a
// red rounded square), drawn by make-icon.sh with the embedded font. It is
// the icon FyneApp.toml names, for the window and the packaged program.
//
//go:embed icon.png
var Icon []byte
