#!/usr/bin/env bash
# smoke.sh — builds the real binary (cgo, Fyne's window driver) and uses it as
# a person and a script would:
#   1. wugeyi init / demo / stats on a temporary database; stats must print
#      every key SPEC.md names, and the mechanism-1 counts must be above zero;
#   2. commands that must fail do so with a non-zero exit, one line on stderr,
#      and no change;
#   3. the window under Xvfb: found by its title with xdotool, a screenshot
#      that is not blank, the program still running after it.
# The screenshot and the program's output are kept in .ci/out/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.ci/out"
mkdir -p "$out"
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi

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
	echo "smoke: FAIL: $*" >&2
	exit 1
}

echo "smoke: go build (cgo)"
start=$(date +%s)
(cd "$root" && CGO_ENABLED=1 go build -o "$tmp/wugeyi" .)
echo "smoke: built in $(($(date +%s) - start)) s"
bin="$tmp/wugeyi"
db="$tmp/a.db"

# Keep the program away from the real user's folders.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
# The users' locale. Also: under LANG=C.UTF-8 (Debian's default in containers)
# Fyne 2.7.1 logs three lines "Error parsing user locale C" to stderr when its
# packages initialise, before main runs, which would spoil the one-line check.
# (Set for the program only: bash itself would warn that this locale is not installed.)
wenv=(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8)

# run NAME ARGS...: runs the binary; must succeed.
run() {
	echo "smoke: wugeyi $*"
	if ! "${wenv[@]}" "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
		cat "$tmp/stdout" "$tmp/stderr" >&2
		fail "wugeyi $* exited non-zero"
	fi
}

# refuse ARGS...: the command must fail, with exactly one non-empty line on stderr.
refuse() {
	echo "smoke: wugeyi $* (must fail)"
	set +e
	"${wenv[@]}" "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	local rc=$?
	set -e
	[ "$rc" -ne 0 ] || fail "wugeyi $* exited 0"
	local lines
	lines=$(grep -c . "$tmp/stderr" || true)
	[ "$lines" -eq 1 ] || {
		cat "$tmp/stderr" >&2
		fail "wugeyi $* wrote $lines lines on stderr, want one line with the reason"
	}
	echo "smoke:   exit $rc: $(cat "$tmp/stderr")"
}

run init -db "$db" -office 130302 -name 海港区 -role county
start=$(date +%s)
run demo -db "$db" -years 3
echo "smoke:   demo -years 3 took $(($(date +%s) - start)) s"
run stats -db "$db"
stats="$(tr -d '\n\r' <"$tmp/stdout")"
echo "smoke:   $stats"
cp "$tmp/stdout" "$out/stats.json"

# value KEY: the integer value of KEY in the stats JSON object ("" if absent).
value() {
	printf '%s' "$stats" | grep -oE "\"$1\"[[:space:]]*:[[:space:]]*-?[0-9]+" | head -n1 | grep -oE -- '-?[0-9]+$' || true
}
case "$stats" in
"{"*"}") ;;
*) fail "stats did not print one JSON object: $stats" ;;
esac
for k in offices enterprises leaders assignments visits problems problems_open problems_overdue \
	meetings_roundtable meetings_onsite meetings_bank financing_needs bridge_loans notices \
	assessments imports; do
	[ -n "$(value "$k")" ] || fail "stats has no integer key \"$k\""
done
for k in offices enterprises leaders assignments visits problems problems_open problems_overdue; do
	[ "$(value "$k")" -gt 0 ] || fail "stats: $k is $(value "$k"), want > 0 after demo"
done
echo "smoke: stats has every key; mechanism-1 counts above zero"

# Refusals: nothing may change.
before="$(sha256sum "$db" | cut -d' ' -f1)"
refuse init -db "$db" -office 130303 -name 山海关区 -role county
run stats -db "$db"
[ "$(tr -d '\n\r' <"$tmp/stdout")" = "$stats" ] || fail "a refused init changed the counts"
refuse stats -db "$tmp/missing.db"
[ ! -e "$tmp/missing.db" ] || fail "stats on a missing database created it"
refuse init -db "$tmp/b.db" -office 130302 -name 海港区 -role mayor
echo "smoke: refusals ok (database $(printf '%.12s' "$before"))"

# Excel: the enterprise list and the ledger out, and into a new database of
# the same office as the same records; a file that is not a workbook is refused.
run xlsx export enterprises -db "$db" -o "$tmp/enterprises.xlsx"
run xlsx export problems -db "$db" -o "$tmp/ledger.xlsx"
run xlsx export meetings -db "$db" -o "$tmp/meetings.xlsx"
run init -db "$tmp/x.db" -office 130302 -name 海港区 -role county
run xlsx import-enterprises -db "$tmp/x.db" "$tmp/enterprises.xlsx"
start=$(date +%s)
run xlsx import-problems -db "$tmp/x.db" "$tmp/ledger.xlsx"
echo "smoke:   $(cat "$tmp/stdout")"
echo "smoke:   importing the ledger of $(value problems) problems took $(($(date +%s) - start)) s"
run stats -db "$tmp/x.db"
xstats="$(tr -d '\n\r' <"$tmp/stdout")"
for k in enterprises problems problems_open; do
	got="$(printf '%s' "$xstats" | grep -oE "\"$k\"[[:space:]]*:[[:space:]]*[0-9]+" | grep -oE '[0-9]+$')"
	[ "$got" = "$(value "$k")" ] || fail "Excel round trip: $k is $got, want $(value "$k")"
done
refuse xlsx import-problems -db "$tmp/x.db" "$out/stats.json"
echo "smoke: Excel export and import ok"

# The window, under a virtual display.
echo "smoke: starting Xvfb"
start_xvfb
echo "smoke: Xvfb on $DISPLAY"

# launch: starts the window; sets apid.
launch() {
	echo "smoke: wugeyi -db $db -operator 张三 (the window)"
	"${wenv[@]}" LIBGL_ALWAYS_SOFTWARE=1 FYNE_THEME=light "$bin" -db "$db" -operator 张三 >"$out/window.log" 2>&1 &
	apid=$!
}
# await: waits up to 30 s for the visible window; sets wid, or returns 1 when the program ended.
await() { find_window "$apid" 30; }
start=$(date +%s)
launch
if ! await; then
	# Seen once here: GLFW could not open a display that xdpyinfo had just
	# answered on. Try once more before calling it a failure.
	if grep -q 'Failed to open display' "$out/window.log" && xdpyinfo >/dev/null 2>&1; then
		echo "smoke: the program could not open $DISPLAY; trying once more"
		wait "$apid" 2>/dev/null || true
		launch
		await || true
	fi
fi
if [ -z "$wid" ]; then
	cat "$out/window.log" >&2
	kill -0 "$apid" 2>/dev/null || fail "the program ended before its window appeared"
	fail "no visible window titled 五个一工作台 within 30 s"
fi
title="$(xdotool getwindowname "$wid" 2>/dev/null || true)"
echo "smoke: window $wid \"$title\" after $(($(date +%s) - start)) s"

# Let it draw, then take screenshots until the window is not blank.
sleep 2
ok=""
if shoot_window "$wid" "$tmp/win.png"; then ok=1; fi
cp "$tmp/win.png" "$out/screenshot.png"
[ -n "$ok" ] || fail "the screenshot looks blank ($colors colours, deviation $sd): .ci/out/screenshot.png"
still_running "$apid" "$out/window.log"
echo "smoke: screenshot .ci/out/screenshot.png: window ${WIDTH}x${HEIGHT}+${X}+${Y}, $colors colours, grey deviation $sd"
echo "smoke: ok"
