#!/usr/bin/env bash
# qemu-test.sh — the programs built for other processors, run on this amd64
# machine under QEMU's user-mode emulation (Debian's qemu-user):
#   arm64:   the program of the arm64 .deb, with Debian's arm64 libraries
#            (multiarch: /lib/aarch64-linux-gnu, as .ci/setup.sh installs);
#   loong64: the static headless program.
# Each: -version, init, demo -years 1, stats, print form (a PDF with 走访 in
# its text), and Excel exports of enterprises and problems that the amd64
# program imports into a database of its own, with the same counts (the
# files are the same on every processor). The arm64 one then opens its
# window under Xvfb, drawn by the arm64 Mesa (llvmpipe, emulated too), with
# a screenshot in .ci/out/arm64-window.png; the loong64 one must refuse to
# open a window.
#
#   bash .ci/qemu-test.sh ARM64.deb LOONG64_PROGRAM AMD64_PROGRAM
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 3 ] || {
	echo "usage: bash .ci/qemu-test.sh ARM64.deb LOONG64_PROGRAM AMD64_PROGRAM" >&2
	exit 2
}
deb="$1" loong="$2" amd64="$3"
out="$root/.ci/out"
mkdir -p "$out"
# shellcheck source=lib.sh
. "$root/.ci/lib.sh"
tmp="$(mktemp -d)"
xpid=""
apid=""
cleanup() {
	[ -z "$apid" ] || stop "$apid"
	[ -z "$xpid" ] || stop "$xpid"
	rm -rf "$tmp"
	return 0
}
trap cleanup EXIT
fail() {
	echo "qemu-test: FAIL: $*" >&2
	exit 1
}
say() { echo "qemu-test: $*"; }
# Fyne reads the language before main runs; the static loong64 build has no
# C constructor to mend C.UTF-8 (see locale_linux.go), so give it Chinese,
# as Kylin and UOS have it.
lang=(env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8)

# count JSON KEY: the number KEY has in stats' JSON.
count() { printf '%s' "$1" | grep -oE "\"$2\":[0-9]+" | grep -oE '[0-9]+$'; }

# check ARCH QEMU PROGRAM: the commands of the program under qemu-ARCH.
check() {
	local arch="$1" qemu="$2" bin="$3" d="$tmp/$1"
	mkdir -p "$d"
	local start=$(date +%s)
	local v
	v="$("${lang[@]}" "$qemu" "$bin" -version)"
	case "$v" in *"linux/$arch") ;; *) fail "$arch: -version printed \"$v\"" ;; esac
	say "$arch: $v"
	"${lang[@]}" "$qemu" "$bin" init -db "$d/县区.db" -office 130302 -name 海港区 -role county >/dev/null || fail "$arch: init failed"
	"${lang[@]}" "$qemu" "$bin" demo -db "$d/县区.db" -years 1 >/dev/null || fail "$arch: demo failed"
	local stats
	stats="$("${lang[@]}" "$qemu" "$bin" stats -db "$d/县区.db")" || fail "$arch: stats failed"
	local ne np
	ne="$(count "$stats" enterprises)" np="$(count "$stats" problems)"
	[ "${ne:-0}" -gt 0 ] && [ "${np:-0}" -gt 0 ] || fail "$arch: stats after demo: $stats"
	"${lang[@]}" "$qemu" "$bin" print form -db "$d/县区.db" -form visit -o "$d/走访记录表.pdf" >/dev/null || fail "$arch: print form failed"
	pdftotext "$d/走访记录表.pdf" - | grep -q 走访 || fail "$arch: the printed form has no 走访 in its text"
	"${lang[@]}" "$qemu" "$bin" xlsx export enterprises -db "$d/县区.db" -o "$d/enterprises.xlsx" >/dev/null || fail "$arch: xlsx export enterprises failed"
	"${lang[@]}" "$qemu" "$bin" xlsx export problems -db "$d/县区.db" -o "$d/problems.xlsx" >/dev/null || fail "$arch: xlsx export problems failed"
	say "$arch: init, demo -years 1, stats ($ne enterprises, $np problems), print form, two Excel exports in $(($(date +%s) - start)) s"
	# The amd64 program imports what it exported.
	"$amd64" init -db "$d/amd64.db" -office 130302 -name 海港区 -role county >/dev/null
	"$amd64" xlsx import-enterprises -db "$d/amd64.db" "$d/enterprises.xlsx" >"$d/import.log" 2>&1 ||
		{ cat "$d/import.log" >&2; fail "$arch: the amd64 program could not import the enterprises"; }
	"$amd64" xlsx import-problems -db "$d/amd64.db" "$d/problems.xlsx" >>"$d/import.log" 2>&1 ||
		{ cat "$d/import.log" >&2; fail "$arch: the amd64 program could not import the problems"; }
	local got
	got="$("$amd64" stats -db "$d/amd64.db")"
	[ "$(count "$got" enterprises)" = "$ne" ] && [ "$(count "$got" problems)" = "$np" ] ||
		fail "$arch: the amd64 program imported $(count "$got" enterprises) enterprises and $(count "$got" problems) problems, want $ne and $np"
	say "$arch: the amd64 program imported its $ne enterprises and $np problems"
}

need xvfb xauth x11-utils xdotool imagemagick poppler-utils qemu-user
dpkg-deb -x "$deb" "$tmp/arm64-deb"
[ "$(dpkg-deb -f "$deb" Architecture)" = arm64 ] || fail "$deb is not an arm64 package"
check arm64 qemu-aarch64 "$tmp/arm64-deb/usr/bin/wugeyi"

# The arm64 window, on a fresh database in a home of its own.
start_xvfb
mkdir -p "$tmp/home"
start=$(date +%s)
open_window 90 "$out/arm64-window.log" \
	env HOME="$tmp/home" LIBGL_ALWAYS_SOFTWARE=1 "${lang[@]}" qemu-aarch64 "$tmp/arm64-deb/usr/bin/wugeyi"
[ -n "$wid" ] || { cat "$out/arm64-window.log" >&2; fail "arm64: no window titled 五个一工作台 within 90 s"; }
sleep 3
shoot_window "$wid" "$out/arm64-window.png" || fail "arm64: the window stays blank: .ci/out/arm64-window.png"
still_running "$apid" "$out/arm64-window.log"
say "arm64: window after $(($(date +%s) - start)) s, screenshot .ci/out/arm64-window.png (${WIDTH}x$HEIGHT, $colors colours)"
stop "$apid"
apid=""

check loong64 qemu-loongarch64 "$loong"
set +e
"${lang[@]}" qemu-loongarch64 "$loong" -db "$tmp/loong64/县区.db" >"$tmp/nowin.out" 2>"$tmp/nowin.err"
rc=$?
set -e
[ "$rc" -eq 1 ] && grep -q '没有窗口' "$tmp/nowin.err" ||
	fail "loong64 with no command: exit $rc, said $(cat "$tmp/nowin.out" "$tmp/nowin.err")"
say "loong64: with no command it says: $(cat "$tmp/nowin.err")"
say "ok"
