#!/usr/bin/env bash
# make-print-fonts.sh — makes the faces the printed documents are set in
# (GB/T 9704-2012 names them):
#   print-song.ttf   宋体, body text and tables: Noto Serif CJK SC Regular;
#   print-title.ttf  小标宋, titles: Noto Serif CJK SC Bold;
#   print-kai.ttf    楷体, second-level headings: LXGW WenKai Regular (霞鹜文楷).
# Their headings' 黑体 is ui-hei.ttf (make-fonts.sh); the 仿宋 of the body,
# print-fang.ttf, is built from Zhuque Fangsong's source, which no Debian
# package has (make-fang-font.sh).
#
#   bash assets/fonts/make-print-fonts.sh    (as root on Debian 12, or with sudo; about three minutes)
#
# Each face: taken out of its Debian font file, cut down to the characters
# of common.sh's $ranges that it has (every Han block from Extension A to
# G), without hinting or layout features (gofpdf does no shaping), its CFF
# outlines turned into TrueType ones (gofpdf embeds only glyf fonts), and
# renamed, since a subset is a Modified Version under the SIL OFL and may
# not carry a Reserved Font Name ("Source" for Noto CJK, "LXGW" and "霞鹜"
# for WenKai). See subset.py and README.md.
#
# The same Debian package versions give the same bytes (checked with sha256sum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
serif=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
bold=/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc
kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
. "$here/common.sh" fonts-noto-cjk="$serif" fonts-noto-cjk="$bold" fonts-lxgw-wenkai="$kai"

make_face "$serif" NotoSerifCJKsc-Regular "$here/print-song.ttf" "WGY Print Song" WGYPrintSong-Regular "Noto,Source"
make_face "$bold" NotoSerifCJKsc-Bold "$here/print-title.ttf" "WGY Print Title" WGYPrintTitle-Regular "Noto,Source"
make_face "$kai" LXGWWenKai-Regular "$here/print-kai.ttf" "WGY Print Kai" WGYPrintKai-Regular "LXGW,霞鹜,WenKai"

# print-num.ttf: print-song.ttf cut to what a page number "— 12 —" needs
# (space, digits, em dash). gofpdf reads every glyph of a face it is given,
# about 25 ms for the whole Song face: a document whose text needs no Song
# numbers its pages with this one.
pyftsubset "$here/print-song.ttf" --unicodes=U+0020,U+0030-0039,U+2014 --output-file="$here/print-num.ttf" \
	--no-hinting --layout-features='' --name-IDs='*' --name-languages='*' --glyph-names

# The faces of titles (小标宋) and of second-level headings (楷体) set a few
# words of common characters, while gofpdf reads every glyph of each face a
# document uses (about 35 ms for the whole title face, on each document).
# They keep the 8,105 characters of 通用规范汉字表 (app/print/testdata/
# tgh-8105.txt), the marks, letters and digits of $ranges, and what the Song
# and Hei faces lack; a rarer character in a title or heading is drawn from
# the Song face (or the Hei).
for f in print-title print-kai; do
	"$py" "$here/cut-common.py" "$here/$f.ttf" "$here/../../app/print/testdata/tgh-8105.txt" "$tmp/$f.ttf" \
		"$here/print-song.ttf" "$here/ui-hei.ttf"
	mv "$tmp/$f.ttf" "$here/$f.ttf"
	echo "cut $f.ttf to 通用规范汉字表 ($(stat -c %s "$here/$f.ttf") bytes)"
done
