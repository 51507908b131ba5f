// Package assets holds the files embedded in the program: the fonts that
// render Chinese on any PC and in printed documents, and the icon. The scripts that make them and the
// font's licence text sit beside them.
package assets

import _ "embed"

// UIFont is the TrueType face the window draws all text with: a subset of
// WenQuanYi Micro Hei (ASCII, CJK punctuation, U+4E00–U+9FFF, full-width
// forms), made by fonts/make-fonts.sh; its licence is in
// fonts/LICENSE-wqy-microhei.txt. Embedding it means Chinese renders the same
// on a PC with no Chinese fonts.
//
//go:embed fonts/ui-hei.ttf
var UIFont []byte

// PrintSong is the Song (宋体) face the printed documents are set in: a
// TrueType subset of Noto Serif CJK SC renamed WGY Print Song (ASCII, CJK punctuation,
// U+4E00–U+9FFF, full-width forms), made by fonts/make-print-fonts.sh; its
// licence is in fonts/LICENSE-noto-cjk.txt. Their headings use UIFont as
// the Hei (黑体) face.
//
//go:embed fonts/print-song.ttf
var PrintSong []byte

// Icon is the program's 512×512 PNG icon (a white “五” over a short bar on a
// red rounded square), drawn by make-icon.sh with the embedded font. It is
// the icon FyneApp.toml names, for the window and the packaged program.
//
//go:embed icon.png
var Icon []byte
