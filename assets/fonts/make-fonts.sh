#!/usr/bin/env bash
# make-fonts.sh — makes assets/fonts/ui-hei.ttf, the Hei (黑体) face: the
# window draws all its text with it, and the printed documents set their
# headings in it. Taken from Debian's Noto Sans CJK SC Regular.
#
#   bash assets/fonts/make-fonts.sh          (as root on Debian 12, or with sudo; about a minute)
#
# Steps (see subset.py and README.md):
#   1. install fonts-noto-cjk and python3-fonttools with apt-get if missing;
#   2. take the SC face out of the collection and keep the characters of
#      common.sh's $ranges (Latin-1, punctuation, symbols, every Han block
#      from Extension A to G), without hinting or layout features;
#   3. turn the cubic CFF outlines into quadratic TrueType ones (within
#      1/1000 em): gofpdf embeds only glyf fonts;
#   4. rename it "WGY Hei" (WGYHei-Regular): the SIL OFL's Reserved Font
#      Name "Source" may not name a Modified Version.
#
# The same Debian package versions give the same bytes (checked with sha256sum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sans=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
. "$here/common.sh" fonts-noto-cjk="$sans"

make_face "$sans" NotoSansCJKsc-Regular "$here/ui-hei.ttf" "WGY Hei" WGYHei-Regular "Noto,Source"
