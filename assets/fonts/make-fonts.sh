#!/usr/bin/env bash
# make-fonts.sh — makes assets/fonts/ui-hei.ttf, the font the window draws
# all text with, from Debian's WenQuanYi Micro Hei.
#
#   bash assets/fonts/make-fonts.sh          (as root on Debian 12, or with sudo)
#
# Steps:
#   1. install fonts-wqy-microhei and fonttools with apt-get if missing;
#   2. take face 0 (WenQuanYi Micro Hei, not the Mono face) out of the TTC
#      collection with fontTools (Debian's python3-fonttools, so /usr/bin/python3),
#      keeping the source's timestamps so the result is the same on every run;
#   3. subset it with pyftsubset to Latin-1, general punctuation, letter-like
#      symbols, arrows, enclosed numbers, shapes, CJK punctuation, enclosed CJK,
#      all of U+4E00–U+9FFF and the full-width forms. No hinting (smaller, and
#      Fyne does not use it).
#
# The same Debian package versions give the same bytes (checked with sha256sum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
out="$here/ui-hei.ttf"
. "$here/common.sh" fonts-wqy-microhei "$src"

"$py" - "$src" "$tmp/wqy0.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont
# recalcTimestamp=False keeps head.modified from the source: reproducible output.
f = TTFont(sys.argv[1], fontNumber=0, recalcTimestamp=False)
name = f["name"].getDebugName(4)
if "Mono" in (name or ""):
    sys.exit("face 0 is %r, expected WenQuanYi Micro Hei" % name)
f.save(sys.argv[2])
EOF

"$py" /usr/bin/pyftsubset "$tmp/wqy0.ttf" \
	--unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+4E00-9FFF,U+FF00-FFEF" \
	--layout-features='*' --no-hinting --no-recalc-timestamp \
	--output-file="$tmp/ui-hei.ttf" 2> >(grep -v 'FFTM NOT subset' >&2)

mv "$tmp/ui-hei.ttf" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16)…)"
