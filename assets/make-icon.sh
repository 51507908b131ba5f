#!/usr/bin/env bash
# make-icon.sh — draws assets/icon.png, the program's 512×512 icon:
# a red rounded square with a white “五” and, beneath it, a short white bar
# (the “一” of 五个一). Drawn with ImageMagick and WenQuanYi Micro Hei (the
# window's font until it became Noto Sans CJK SC, whose “五” sits lower),
# both from Debian's packages (imagemagick, fonts-wqy-microhei).
#
#   bash assets/make-icon.sh
#
# The PNG carries no date or time chunks: the same ImageMagick gives the same bytes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
out="$here/icon.png"

if ! command -v convert >/dev/null || ! [ -f "$font" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends imagemagick fonts-wqy-microhei >/dev/null
fi

red='#C62828'  # body
dark='#9E1B1B' # thin edge, so the square reads on a red or white desktop too

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

convert -size 512x512 xc:none \
	-fill "$dark" -draw "roundrectangle 16,16 495,495 96,96" \
	-fill "$red" -draw "roundrectangle 22,22 489,489 90,90" \
	-font "$font" -fill white -stroke white -strokewidth 12 -pointsize 320 -gravity center \
	-annotate +0-30 '五' -stroke none \
	-gravity northwest -draw "roundrectangle 151,398 360,424 13,13" \
	-strip -define png:exclude-chunks=date,time,tIME \
	-define png:color-type=6 -define png:bit-depth=8 \
	"PNG32:$tmp/icon.png"

mv "$tmp/icon.png" "$out"
echo "wrote $out ($(identify -format '%wx%h' "$out"), $(stat -c %s "$out") bytes)"
