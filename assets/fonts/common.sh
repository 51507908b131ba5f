# common.sh — sourced by make-fonts.sh and make-print-fonts.sh: installs
# the font package $1 (when $2, the source font, is missing) and fontTools
# from Debian's packages, and makes $tmp, a folder removed on exit.

py=/usr/bin/python3

need=()
[ -f "$2" ] || need+=("$1")
if ! [ -x /usr/bin/pyftsubset ] || ! "$py" -c 'import fontTools.subset, fontTools.pens.cu2quPen' 2>/dev/null; then
	need+=(fonttools python3-fonttools)
fi
if [ ${#need[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "installing ${need[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
