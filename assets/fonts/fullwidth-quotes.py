"""fullwidth-quotes.py — gives the quotation marks ‘ ’ “ ” of a Zhuque
Fangsong build the full-width glyphs the font has for them:

    /usr/bin/python3 fullwidth-quotes.py IN.ttf OUT.ttf

Zhuque Fangsong maps U+2018, U+2019, U+201C and U+201D to narrow
proportional glyphs (Western quotes, 0.18 and 0.33 em) and draws the
full-width ones Chinese text sets (an em each, as the Noto faces' SC quotes are) only for
the variation sequences with U+FE01 (glyphs named *.uv002). Debian's
glyphsLib 6.0.6 writes no variation sequences, and gofpdf would read none:
so the cmap maps the four characters to those glyphs. A 仿宋 body then
keeps GB/T 9704's grid of 28 characters a line. Run by make-fang-font.sh.
"""
import sys

from fontTools.ttLib import TTFont

src, out = sys.argv[1], sys.argv[2]
f = TTFont(src, recalcTimestamp=False)
order = set(f.getGlyphOrder())
best = f.getBestCmap()
swap = {}
for c in (0x2018, 0x2019, 0x201C, 0x201D):
    full = best[c] + ".uv002"
    if full not in order:
        sys.exit("%s: no glyph %s for U+%04X" % (src, full, c))
    if f["hmtx"][full][0] != f["head"].unitsPerEm:
        sys.exit("%s: %s is not an em wide" % (src, full))
    swap[c] = full
for t in f["cmap"].tables:
    for c, g in swap.items():
        if c in t.cmap:
            t.cmap[c] = g
f.save(out)
