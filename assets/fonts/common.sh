# common.sh — sourced by make-fonts.sh, make-print-fonts.sh and
# make-fang-font.sh. Its arguments are PACKAGE=FILE pairs: each Debian
# package whose FILE (a source font, or a program) is missing is installed,
# with fontTools, by apt-get. It sets $py (the
# Python that has Debian's fontTools), $ranges (the characters every face
# keeps, see README.md), makes $tmp, a folder removed on exit, and defines
# make_face, which runs subset.py.

py=/usr/bin/python3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

need=()
for pair in "$@"; do
	[ -f "${pair#*=}" ] || need+=("${pair%%=*}")
done
if ! "$py" -c 'import fontTools.subset, fontTools.pens.cu2quPen' 2>/dev/null; then
	need+=(python3-fonttools)
fi
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "installing ${need[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Latin-1, general punctuation, letter-like symbols, arrows, enclosed
# numbers, shapes, symbols, CJK punctuation, enclosed CJK, full-width forms;
# then every Han block: radicals, strokes, Extension A, the URO, the
# compatibility ideographs, vertical and compatibility forms, Extensions B
# to G and the compatibility supplement. A face keeps those of them its
# source has.
ranges="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+FF00-FFEF"
ranges+=",U+2E80-2FDF,U+31C0-31EF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE10-FE1F,U+FE30-FE4F"
ranges+=",U+20000-2A6DF,U+2A700-2EBEF,U+2F800-2FA1F,U+30000-3134F"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# make_face SRC FACE OUT FAMILY PSNAME FORBIDDEN [ORIGIN]: see subset.py.
# The file is written to $tmp first and moved into place once whole; the
# Han characters of the source face go to app/print/testdata/OUT.han, where
# the coverage test reads them, with ORIGIN (by default the Debian package
# and version SRC comes from) in its header.
make_face() {
	local out="$3" pkg="${7:-}"
	if [ -z "$pkg" ]; then
		pkg="$(dpkg-query -S "$1" | cut -d: -f1)"
		pkg="Debian's $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
	fi
	"$py" "$here/subset.py" "$1" "$2" "$tmp/$(basename "$out")" "$4" "$5" "$6" "$ranges" \
		"$here/../../app/print/testdata/$(basename "$out" .ttf).han" "$pkg"
	mv "$tmp/$(basename "$out")" "$out"
	echo "wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16)…)"
}
