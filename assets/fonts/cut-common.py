#!/usr/bin/env python3
"""cut-common.py FONT TABLE OUT [OTHER ...]: cut FONT (one of ours, made by
subset.py) to the characters of 通用规范汉字表 (TABLE:
app/print/testdata/tgh-8105.txt), the marks, letters and digits below the Han
blocks, and the characters that none of the OTHER fonts has (the faces a
document falls back on), keeping the Private Use Area aliases (see
subset.py) of those above U+FFFF, which gofpdf reads in their place. The
result is written to OUT."""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

MARKS = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x21FF),
         (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F),
         (0x3200, 0x32FF), (0xFF00, 0xFFEF)]


def main(src, table, out, *others):
    keep = set()
    with open(table, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            keep.add(int(line.split("\t")[1][2:], 16))
    for lo, hi in MARKS:
        keep.update(range(lo, hi + 1))
    font = TTFont(src, recalcTimestamp=False)  # the same bytes each time
    cmap = font.getBestCmap()
    elsewhere = set()
    for o in others:
        elsewhere.update(TTFont(o).getBestCmap())
    keep.update(c for c in cmap if c >= 0x2E80 and not 0xE000 <= c <= 0xF8FF and c not in elsewhere)
    astral = {cmap[c] for c in keep if c > 0xFFFF and c in cmap}
    keep.update(c for c, g in cmap.items() if 0xE000 <= c <= 0xF8FF and g in astral)
    # The PUA aliases live in the format 4 table only: getBestCmap prefers
    # format 12, which has none.
    for t in font["cmap"].tables:
        if t.format == 4:
            keep.update(c for c, g in t.cmap.items() if 0xE000 <= c <= 0xF8FF and g in astral)
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.glyph_names = True
    opts.notdef_outline = True
    s = subset.Subsetter(opts)
    s.populate(unicodes=sorted(keep))
    s.subset(font)
    font.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:])
