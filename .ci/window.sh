#!/usr/bin/env bash
# window.sh — the real-window test: the program (built with -tags probe) in a
# real X window under Xvfb, driven with xdotool through a clerk's day
# (window_test.go). Runs at 1024x768 in the light theme and at 1366x768 in
# the dark one, each on a display of its own. Screenshots of every step are
# kept in .ci/out/window/SIZE-THEME/; the program's log beside them.
#
#   bash .ci/window.sh [WIDTHxHEIGHT THEME]...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.ci/out/window"
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi
# shellcheck source=lib.sh
. "$root/.ci/lib.sh"

top="$(mktemp -d)"
tmp="$top"
xpid=""
cleanup() {
	[ -z "$xpid" ] || stop "$xpid"
	rm -rf "$top"
	return 0
}
trap cleanup EXIT
fail() {
	echo "window: FAIL: $*" >&2
	exit 1
}

[ $# -gt 0 ] || set -- 1024x768 light 1366x768 dark
rc=0
while [ $# -ge 2 ]; do
	size="$1" theme="$2"
	shift 2
	dest="$out/$size-$theme"
	rm -rf "$dest"
	mkdir -p "$dest"
	# A display of its own for each run, found with a file of its own.
	tmp="$top/$size-$theme"
	mkdir -p "$tmp"
	XVFB_SCREEN="${size}x24" start_xvfb
	echo "window: $size $theme on $DISPLAY"
	if ! (cd "$root" && FYNE_THEME="$theme" WUGEYI_WINDOW_OUT="$dest" \
		go test -tags window -run TestRealWindow -count=1 -v -timeout 15m . 2>&1 | tee "$dest/test.log"); then
		rc=1
	fi
	grep -q -- '--- PASS: TestRealWindow' "$dest/test.log" || rc=1
	stop "$xpid"
	xpid=""
	echo "window: screenshots in .ci/out/window/$size-$theme/ ($(ls "$dest"/*.png 2>/dev/null | wc -l))"
done
[ "$rc" -eq 0 ] || fail "the real-window test failed (logs and screenshots in .ci/out/window/)"
echo "window: ok"
