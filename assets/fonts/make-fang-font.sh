#!/usr/bin/env bash
# make-fang-font.sh — makes print-fang.ttf, the 仿宋 face for the body of
# official documents (GB/T 9704-2012), from Zhuque Fangsong (朱雀仿宋, SIL
# OFL 1.1), which is published as Glyphs sources on GitHub and in no
# package registry:
#
#   git clone https://github.com/TrionesType/zhuque /tmp/zhuque
#   bash assets/fonts/make-fang-font.sh /tmp/zhuque        (about 25 minutes)
#   bash assets/fonts/make-fang-font.sh ZhuqueFangsong-Regular.ttf
#
# Given a clone (a bare one will do), it builds the font from the source at
# $commit below with Debian 12's fontmake (2.4.1, with python3-glyphslib
# 6.0.6 and python3-ufo2ft 2.30, installed by apt-get if missing): a
# .glyphspackage that glyphsLib cannot read is turned into a UFO by
# glyphspackage.py first (see there why), then `fontmake -u … -o ttf`, with
# SOURCE_DATE_EPOCH set to the commit's time so the same source gives the
# same bytes (two builds gave the same print-fang.ttf). Given a TrueType
# file already built, it takes that.
#
# Its quotation marks ‘’“” are given the full-width glyphs the font has
# for them (fullwidth-quotes.py). Then, as for the other faces (subset.py):
# cut down to the characters of common.sh's $ranges the face has, without
# hinting or layout features, characters above U+FFFF aliased in the
# Private Use Area, and renamed WGY Print Fang: a subset is a Modified
# Version under the SIL OFL, and though Zhuque's licence reserves no name,
# the upstream names ("Zhuque", "朱雀") are kept off it like the others'.
# The build is TrueType already (quadratic glyf outlines, which gofpdf
# needs).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
commit=227319a16dab9b4ce48b8cf168f70f2ffa0ce3d0 # 2024-12-18, version 0.211
src="${1:?usage: make-fang-font.sh ZHUQUE-CLONE-or-BUILT.ttf}"
src="$(cd "$(dirname "$src")" && pwd)/$(basename "$src")"

if [ -f "$src" ]; then
	. "$here/common.sh"
	ttf="$src"
	origin="built from github.com/TrionesType/zhuque, $(basename "$src")"
else
	. "$here/common.sh" fontmake=/usr/bin/fontmake
	git -C "$src" archive "$commit" src/ZhuqueFangsong.glyphspackage | tar -x -C "$tmp"
	export SOURCE_DATE_EPOCH
	SOURCE_DATE_EPOCH="$(git -C "$src" log -1 --format=%ct "$commit")"
	echo "building Zhuque Fangsong at ${commit:0:7} (single-threaded: 20 to 30 minutes)" >&2
	ttf="$tmp/ZhuqueFangsong-Regular.ttf"
	# Both steps warn a lot (components decomposed, anchors): the log is
	# shown only when a step fails.
	{ "$py" "$here/glyphspackage.py" "$tmp/src/ZhuqueFangsong.glyphspackage" "$tmp/ZhuqueFangsong-Regular.ufo" &&
		/usr/bin/fontmake -u "$tmp/ZhuqueFangsong-Regular.ufo" -o ttf --output-path "$ttf"; } >"$tmp/build.log" 2>&1 ||
		{ tail -20 "$tmp/build.log" >&2; exit 1; }
	origin="github.com/TrionesType/zhuque ${commit:0:7}, built by Debian's fontmake $(dpkg-query -W -f='${Version}' fontmake)"
fi

# Full-width quotation marks, as Chinese text sets them (see there).
"$py" "$here/fullwidth-quotes.py" "$ttf" "$tmp/quotes.ttf"
make_face "$tmp/quotes.ttf" ZhuqueFangsong-Regular "$here/print-fang.ttf" "WGY Print Fang" WGYPrintFang-Regular "Zhuque,朱雀" "$origin"
