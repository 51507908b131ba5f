#!/usr/bin/env bash
# smoke.sh — builds the real binary (cgo, Fyne's window driver), or takes the
# one given, and uses it as a person and a script would:
#   1. wugeyi init / demo / stats on a temporary database; stats must print
#      every key docs/SPEC.md names ("The headless commands"), and the
#      mechanism-1 counts must be above zero;
#   2. commands that must fail do so with a non-zero exit, one line on stderr,
#      and no change;
#   3. under Debian's default locale, C.UTF-8, nothing on stderr (no "Fyne
#      error: Error parsing user locale" from Fyne's packages);
#   4. the command line never opens the window by mistake: help, -h and
#      --help print the usage, an unknown subcommand is refused with exit
#      code 2, all at once and with no window on the display;
#   5. the window under Xvfb: found by its title with xdotool, a screenshot
#      that is not blank, the program still running after it.
# The screenshot and the program's output are kept in .ci/out/.
#
#   bash .ci/smoke.sh [path/to/wugeyi]
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

bin="${1:-}"
if [ -z "$bin" ]; then
	echo "smoke: go build (cgo)"
	start=$(date +%s)
	(cd "$root" && CGO_ENABLED=1 go build -o "$tmp/wugeyi" .)
	echo "smoke: built in $(($(date +%s) - start)) s"
	bin="$tmp/wugeyi"
fi
[ -x "$bin" ] || fail "no program at $bin"
db="$tmp/a.db"

# Keep the program away from the real user's folders.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
# Debian's default locale, C.UTF-8, which Fyne 2.7.1 cannot parse: the
# program gives Fyne zh_CN.UTF-8 instead before its packages initialise
# (locale_linux.go), so nothing may appear on stderr.
wenv=(env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8)

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
[ ! -s "$tmp/stderr" ] || {
	cat "$tmp/stderr" >&2
	fail "LANG=C.UTF-8 wugeyi stats wrote on stderr"
}
echo "smoke: LANG=C.UTF-8 wugeyi stats: nothing on stderr"
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
	assessments imports comments holidays loan_applications departments decisions decisions_open \
	meetings_planned; do
	[ -n "$(value "$k")" ] || fail "stats has no integer key \"$k\""
done
for k in offices enterprises leaders assignments visits problems problems_open problems_overdue \
	holidays departments decisions; do
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

# The command line, with a display there to open a window on: help and
# a mistyped subcommand must end at once, open no window and make no
# database in the user's folder.
# cmdline WANT-EXIT ARGS...: runs wugeyi ARGS (at most 15 s); it must exit
# with WANT-EXIT.
cmdline() {
	local want="$1"
	shift
	set +e
	timeout 15 "${wenv[@]}" "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
	local rc=$?
	set -e
	[ "$rc" -ne 124 ] || fail "wugeyi $* was still running after 15 s (a window?)"
	[ "$rc" -eq "$want" ] || {
		cat "$tmp/stdout" "$tmp/stderr" >&2
		fail "wugeyi $* exited $rc, want $want"
	}
	[ -z "$(xdotool search --name 五个一工作台 2>/dev/null || true)" ] || fail "wugeyi $* opened a window"
}
for h in help -h --help; do
	cmdline 0 "$h"
	grep -q '^用法：' "$tmp/stdout" && grep -q 'wugeyi stats -db' "$tmp/stdout" || fail "wugeyi $h printed no usage: $(head -c 300 "$tmp/stdout")"
	[ ! -s "$tmp/stderr" ] || fail "wugeyi $h wrote on stderr: $(cat "$tmp/stderr")"
done
cmdline 2 statz -db "$db"
grep -q '^没有“statz”这个命令' "$tmp/stderr" && grep -q '^用法：' "$tmp/stderr" ||
	fail "wugeyi statz: stderr $(head -c 300 "$tmp/stderr"), want the reason and the usage"
[ ! -s "$tmp/stdout" ] || fail "wugeyi statz wrote on stdout"
echo "smoke:   wugeyi statz -db … → exit 2: $(head -n1 "$tmp/stderr")"
cmdline 2 -db "$db" -nope
[ -z "$(find "$XDG_CONFIG_HOME" "$HOME" -name 'wugeyi.db*' 2>/dev/null)" ] || fail "a refused command line made a database in the user's folder"
echo "smoke: help, -h, --help print the usage; statz and -nope are refused; no window"

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
