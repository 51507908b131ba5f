"""glyphspackage.py — turns a Glyphs 3 .glyphspackage (fontinfo.plist,
order.plist, glyphs/*.glyph) into a UFO for fontmake, with Debian 12's
glyphsLib 6.0.6 (python3-glyphslib, under its fontmake 2.4.1):

    /usr/bin/python3 glyphspackage.py PACKAGE OUT.ufo

That glyphsLib reads single .glyphs files only (packages came in later
versions), and `fontmake -g` fails on the Zhuque Fangsong source: its
glyphs' background layers collide ("glyph named 'Be-cy' already exists").
So this joins the package's files into the dictionary a .glyphs file would
hold, in order.plist's order (any glyph not listed there after them, by
name), and converts it the way glyphsLib does for font production only
(minimal: the masters' layers, without backgrounds or backup layers), with
the export flags in public.skipExportGlyphs. The tracing images of a few
glyphs are left out: that glyphsLib cannot read their Glyphs 3 "crop"
rectangles, and they are no part of the font; and '"' is taken out of the
names of stylistic sets (see below). Run by make-fang-font.sh.
"""
import os
import sys

import glyphsLib
import openstep_plist
import ufoLib2
from glyphsLib.parser import Parser


def load(path):
    with open(path, encoding="utf-8") as f:
        return openstep_plist.load(f, use_numbers=True)


def main():
    pkg, out = sys.argv[1], sys.argv[2]
    font = load(os.path.join(pkg, "fontinfo.plist"))
    glyphs = {}
    for name in os.listdir(os.path.join(pkg, "glyphs")):
        g = load(os.path.join(pkg, "glyphs", name))
        for layer in g.get("layers", []):
            layer.pop("backgroundImage", None)
            layer.get("background", {}).pop("backgroundImage", None)
        glyphs[g["glyphname"]] = g
    # A stylistic set's name with a '"' in it (ss05's "Greek adscript
    # iota\"" in Zhuque Fangsong 0.211) is written unescaped into the
    # feature file by this glyphsLib, which then does not compile.
    for feature in font.get("features", []):
        for label in feature.get("labels", []):
            label["value"] = label["value"].replace('"', "")
    order = load(os.path.join(pkg, "order.plist"))
    listed = [glyphs.pop(n) for n in order if n in glyphs]
    listed += [glyphs[n] for n in sorted(glyphs)]
    # A .glyphs file has its top-level keys in alphabetical order.
    merged = {}
    for k, v in font.items():
        if "glyphs" not in merged and k.lstrip(".") > "glyphs":
            merged["glyphs"] = listed
        merged[k] = v
    merged.setdefault("glyphs", listed)

    gs = glyphsLib.classes.GSFont()
    Parser(current_type=glyphsLib.classes.GSFont).parse_into_object(gs, merged)
    ds = glyphsLib.to_designspace(gs, minimal=True, write_skipexportglyphs=True,
                                  ufo_module=ufoLib2, generate_GDEF=True)
    if len(ds.sources) != 1:
        sys.exit("%s: %d masters, one expected" % (pkg, len(ds.sources)))
    ds.sources[0].font.save(out, overwrite=True)
    print("%s: %d glyphs" % (out, len(ds.sources[0].font)), file=sys.stderr)


main()
