"""subset.py — makes one embedded font: takes a face out of a Debian font
file, keeps only the characters we print, turns CFF outlines into TrueType
(glyf) ones, and gives the result a name of its own.

    /usr/bin/python3 subset.py SRC FACE OUT FAMILY PSNAME FORBIDDEN RANGES HAN ORIGIN

SRC       the source file (.ttc collection, .otf or .ttf);
FACE      the PostScript name of the face to take out of SRC (for a single
          font, its own PostScript name: checked);
OUT       the TrueType file to write;
FAMILY    the new family name (name IDs 1, 4 and 16), e.g. "WGY Print Song";
PSNAME    the new PostScript name (ID 6), e.g. "WGYPrintSong-Regular";
FORBIDDEN comma-separated words no renamed record may still contain (the
          licence's Reserved Font Names and the upstream name);
RANGES    the characters to keep, as pyftsubset's --unicodes takes them;
HAN       a file to write the Han characters of the SOURCE face to (its
          coverage of the Han blocks, as ranges): the tests check that the
          subset kept every one of them;
ORIGIN    where SRC comes from, for HAN's header ("Debian's" package and
          version, or how a face built here was made).

Characters above U+FFFF (CJK Extensions B to G) also get an alias in the
Private Use Area (U+E000 on, in code order) in the format 4 cmap subtables:
gofpdf reads only cmap format 4, so the print hands it the alias, and the
PDF says which character it stands for (ActualText).

Run by make-fonts.sh, make-print-fonts.sh and make-fang-font.sh with Debian's fontTools
(python3-fonttools, hence /usr/bin/python3). Hinting and OpenType layout
features are dropped: gofpdf does no shaping, Fyne needs none for Chinese,
and the alternate glyphs the features pull in double the size. Timestamps
are kept from the source, so the same Debian packages give the same bytes.
"""

import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable


def load(src, face):
    """The face named face (PostScript name) of src."""
    if src.endswith(".ttc"):
        fonts = TTCollection(src, recalcTimestamp=False).fonts
    else:
        fonts = [TTFont(src, recalcTimestamp=False)]
    for f in fonts:
        if f["name"].getDebugName(6) == face:
            return f
    sys.exit("no face %s in %s" % (face, src))


def to_truetype(f):
    """Replaces f's CFF outlines with quadratic glyf ones (cu2qu, within
    1/1000 em); gofpdf embeds only glyf fonts."""
    order = f.getGlyphOrder()
    gs = f.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err=f["head"].unitsPerEm / 1000, reverse_direction=True))
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
    for k in ("maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements", "maxTwilightPoints"):
        setattr(maxp, k, 0)
    maxp.maxZones = 1
    f["post"].formatType = 3.0
    f["head"].glyphDataFormat = 0
    f.sfntVersion = "\x00\x01\x00\x00"


HAN_BLOCKS = [(0x2E80, 0x2FDF), (0x31C0, 0x31EF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
              (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x3134F)]
PUA = (0xE000, 0xF8FF)


def write_han(f, path, origin, face):
    """Writes the Han characters of f to path, as ranges of code points."""
    cps = sorted(c for c in f.getBestCmap() if any(lo <= c <= hi for lo, hi in HAN_BLOCKS))
    runs = []
    for c in cps:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    with open(path, "w", encoding="utf-8") as w:
        w.write("# The Han characters (radicals, strokes, Extension A, the URO, compatibility\n")
        w.write("# ideographs, Extensions B to G) of %s (%s),\n" % (face, origin))
        w.write("# %d of them, as ranges of code points. Written by assets/fonts/subset.py from\n" % len(cps))
        w.write("# the source font (not the subset): the embedded face must draw every one.\n")
        for lo, hi in runs:
            w.write("%04X\n" % lo if lo == hi else "%04X-%04X\n" % (lo, hi))


def alias_astral(f):
    """Maps a Private Use Area code point to the glyph of each character
    above U+FFFF, in code order, in the format 4 subtables only: gofpdf
    reads those, while Fyne and Go's sfnt read the format 12 ones, where
    the aliases would draw a stray glyph for a Private Use character."""
    cmap = f["cmap"]
    best = f.getBestCmap()
    astral = sorted(c for c in best if c > 0xFFFF)
    if any(PUA[0] <= c <= PUA[1] for c in best):
        sys.exit("the face already maps the Private Use Area")
    if len(astral) > PUA[1] - PUA[0] + 1:
        sys.exit("%d characters above U+FFFF: more than the Private Use Area holds" % len(astral))
    for t in cmap.tables:
        if t.format == 4:
            for i, c in enumerate(astral):
                t.cmap[PUA[0] + i] = best[c]


def main():
    src, face, out, family, psname, forbidden, ranges, han, origin = sys.argv[1:]
    f = load(src, face)
    write_han(f, han, origin, face)

    opts = subset.Options()
    opts.layout_features = []
    opts.layout_closure = False
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.drop_tables += ["FFTM", "DSIG", "VORG", "vhea", "vmtx", "BASE", "JSTF", "meta"]
    s = subset.Subsetter(opts)
    s.populate(unicodes=subset.parse_unicodes(ranges))
    s.subset(f)

    alias_astral(f)
    if "CFF " in f:
        to_truetype(f)
    elif "glyf" in f:
        f["post"].formatType = 3.0

    # A subset is a Modified Version under the SIL OFL: it may not carry a
    # Reserved Font Name, so every name record that names the font (in
    # every language) gets the new name. Copyright (0), trademark (7) and
    # licence (13, 14) records are kept.
    names = {1: family, 2: "Regular", 3: "WGY;" + psname, 4: family, 6: psname}
    table = f["name"]
    for rec in table.names:
        if rec.nameID in names:
            rec.string = names[rec.nameID]
    for word in filter(None, forbidden.split(",")):
        left = [r.nameID for r in table.names if r.nameID in (1, 2, 3, 4, 6) and word in r.toUnicode()]
        if left:
            sys.exit("%s: name IDs %s still say %s" % (out, left, word))
    f.save(out)


main()
