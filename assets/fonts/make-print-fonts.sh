#!/usr/bin/env bash
# make-print-fonts.sh — makes assets/fonts/print-song.ttf, the Song (宋体)
# face the printed documents are set in, from Debian's Noto Serif CJK SC.
#
#   bash assets/fonts/make-print-fonts.sh    (as root on Debian 12, or with sudo; about 30 s)
#
# gofpdf embeds only TrueType fonts (glyf outlines); Noto Serif CJK is CFF
# in a TTC collection. Steps:
#   1. install fonts-noto-cjk and fonttools with apt-get if missing;
#   2. take the SC face out of the collection and subset it with pyftsubset
#      to the same characters as ui-hei.ttf (Latin-1, general punctuation,
#      letter-like symbols, arrows, enclosed numbers, shapes such as □,
#      CJK punctuation, enclosed CJK, all of U+4E00–U+9FFF, full-width
#      forms), without hinting and without OpenType layout features
#      (gofpdf does no shaping; their alternate glyphs doubled the size);
#   3. turn its cubic CFF outlines into quadratic TrueType ones with
#      fontTools' cu2qu (within 1/1000 em), post table format 3;
#   4. rename it "WGY Print Song" (PostScript name WGYPrintSong-Regular;
#      name IDs 1, 3, 4, 6 and 16 when present).
#
# Licence: the Noto CJK fonts are under the SIL Open Font License 1.1, and
# upstream's notice ("Copyright 2014-2021 Adobe ..., with Reserved Font Name
# 'Source'") declares a Reserved Font Name. A subset is a Modified Version,
# so it gets a name of its own rather than the original's (OFL clause 3);
# the copyright (ID 0), trademark (ID 7) and licence (IDs 13, 14) name
# records are kept. See LICENSE-noto-cjk.txt.
#
# Timestamps are kept from the source: the same Debian packages give the
# same bytes (checked with sha256sum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc
out="$here/print-song.ttf"
. "$here/common.sh" fonts-noto-cjk "$src"

"$py" - "$src" "$tmp/sc.otf" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for f in TTCollection(sys.argv[1], recalcTimestamp=False).fonts:
    if f["name"].getDebugName(1) == "Noto Serif CJK SC":
        f.save(sys.argv[2])
        break
else:
    sys.exit("no Noto Serif CJK SC face in " + sys.argv[1])
PY

"$py" /usr/bin/pyftsubset "$tmp/sc.otf" \
	--unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+4E00-9FFF,U+FF00-FFEF" \
	--layout-features='' --no-layout-closure --no-hinting --no-recalc-timestamp --desubroutinize --name-IDs=0,1,2,3,4,5,6,7,13,14 \
	--output-file="$tmp/sub.otf"

"$py" - "$tmp/sub.otf" "$tmp/print-song.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

f = TTFont(sys.argv[1], recalcTimestamp=False)
order = f.getGlyphOrder()
gs = f.getGlyphSet()
glyphs = {}
for name in order:
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
    glyphs[name] = pen.glyph()
f["loca"] = newTable("loca")
glyf = f["glyf"] = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = glyphs
del f["CFF "]
for t in ("VORG", "vhea", "vmtx"):
    if t in f:
        del f[t]
maxp = f["maxp"] = newTable("maxp")
maxp.tableVersion = 0x00010000
for k in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
          "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
    setattr(maxp, k, 0)
maxp.maxZones = 1
post = f["post"]
post.formatType = 3.0
f["head"].glyphDataFormat = 0
# A name of its own (see the header): family, unique ID, full name, PostScript name.
names = {1: "WGY Print Song", 3: "2.001;WGY;WGYPrintSong-Regular", 4: "WGY Print Song",
         6: "WGYPrintSong-Regular", 16: "WGY Print Song"}
for rec in f["name"].names:
    if rec.nameID in names:
        rec.string = names[rec.nameID]
left = [r.nameID for r in f["name"].names if r.nameID in (1, 3, 4, 6, 16, 17) and "Noto" in r.toUnicode()]
if left:
    sys.exit("name IDs %s still say Noto" % left)
f.sfntVersion = "\x00\x01\x00\x00"
f.save(sys.argv[2])
PY

mv "$tmp/print-song.ttf" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16)…)"
