#!/bin/bash
# bench-window.sh — how fast the window opens and switches tabs, as ratios
# measured in one run (issue 16). Run by hand, not by .ci/run: it takes a
# few minutes and its numbers depend on the machine.
#
# It builds wugeyi and its test binary (which stands in for the yardstick,
# a trivial window of one label in the program's theme with the same
# embedded font: trivialWindow in bench_window_test.go), makes the
# databases once (.ci/bench-db.sh: a county with 2 years, the city with
# 10 offices × 10 years), and under an Xvfb of its own with software GL:
#
#  1. starts the trivial window, wugeyi on the county and wugeyi on the
#     city, in turn, N times each, and times each from exec to its first
#     painted frame, and wugeyi to the first frame with the 工作台's figures
#     (read in the background);
#  2. runs TOURS tours of every tab on each database (WUGEYI_TRACE=tour:
#     the program selects each tab in turn, twice round, as a click does,
#     waiting 1 s between) and times each switch from the selection to the
#     frame that shows it; then reads the program's RSS (VmRSS) and its
#     peak (VmHWM).
#
# How a frame is timed: with WUGEYI_TRACE set, the program draws a 1×1
# transparent raster last in its window, whose image Fyne asks for only
# while painting a frame after the raster was refreshed (ui/trace.go). The
# program writes the wall clock of that paint; the script compares it with
# the moment it started the program, or the program with the moment the
# tab was selected. This times the real paint of the real window, costs
# nothing between frames, and needs no screenshots (polling screenshots
# would take the CPU the window needs on a 2-core machine, and only sees a
# frame some tens of ms late). It does not include the ≤16 ms an X event
# waits for Fyne's next event poll, the same for every program.
#
# Usage: .ci/bench-window.sh   (env: N=7 TOURS=2 BENCH_DISPLAY=44
#        BENCH_BIN=path/to/wugeyi BENCH_TEST=path/to/wugeyi.test to skip
#        the builds, e.g. to measure an older build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.ci/out/bench
mkdir -p "$out"
N=${N:-7}
TOURS=${TOURS:-2}
disp=${BENCH_DISPLAY:-44}
tmp=$(mktemp -d)
xpid=""
app=""
cleanup() {
	[ -z "$app" ] || kill "$app" 2>/dev/null || true
	[ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "bench-window: $*" >&2
	exit 1
}

bin=${BENCH_BIN:-}
tbin=${BENCH_TEST:-}
if [ -z "$bin" ]; then
	echo "bench-window: building wugeyi and its test binary"
	bin=$out/wugeyi
	go build -o "$bin" .
fi
if [ -z "$tbin" ]; then
	tbin=$out/wugeyi.test
	go test -c -o "$tbin" .
fi
.ci/bench-db.sh "$bin"
cp "$out/county2.db" "$tmp/county2.db"
cp "$out/city10.db" "$tmp/city10.db"
# The window signs in from the environment (as the headless commands do);
# the copies get the account when the databases were built without one.
export WUGEYI_OPERATOR=张三 WUGEYI_PASSWORD=bench-2026
for db in county2 city10; do
	if "$bin" account list -db "$tmp/$db.db" | grep -q 还没有操作员账号; then
		WUGEYI_NEW_PASSWORD=$WUGEYI_PASSWORD "$bin" account add -db "$tmp/$db.db" -name 张三 -access 管理员 >/dev/null
	fi
done

Xvfb ":$disp" -screen 0 1024x768x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xpid=$!
export DISPLAY=":$disp" LIBGL_ALWAYS_SOFTWARE=1 FYNE_THEME=light LANG=zh_CN.UTF-8
for _ in $(seq 100); do
	xdpyinfo >/dev/null 2>&1 && break
	sleep 0.1
done
xdpyinfo >/dev/null 2>&1 || fail "display $DISPLAY does not answer"

# launch NAME LOG: starts the program NAME stands for, sets app and t0
# (the wall clock in µs just before the exec).
launch() {
	: >"$2"
	t0=${EPOCHREALTIME/./}
	case $1 in
	trivial) WUGEYI_BENCH_TRIVIAL=1 "$tbin" 2>"$2" & ;;
	county2 | city10) "$bin" -db "$tmp/$1.db" 2>"$2" & ;;
	tour-county2 | tour-city10) WUGEYI_TRACE=tour "$bin" -db "$tmp/${1#tour-}.db" 2>"$2" & ;;
	esac
	app=$!
}
# await LOG PATTERN SECONDS: waits until LOG has a line matching PATTERN.
await() {
	local i
	for i in $(seq $(($3 * 20))); do
		grep -q "$2" "$1" && return 0
		kill -0 "$app" 2>/dev/null || fail "the program ended: $(tail -3 "$1")"
		sleep 0.05
	done
	fail "no '$2' within $3 s: $(tail -3 "$1")"
}
finish() {
	kill "$app" 2>/dev/null || true
	wait "$app" 2>/dev/null || true
	app=""
}

results=$tmp/results
: >"$results"
echo "bench-window: first frame, $N runs each (load: $(cut -d' ' -f1-3 /proc/loadavg))"
for i in $(seq "$N"); do
	for what in trivial county2 city10; do
		log=$tmp/$what-$i.log
		if [ "$what" = trivial ]; then
			launch trivial "$log"
			await "$log" "painted first" 60
		else
			WUGEYI_TRACE=first launch "$what" "$log"
			await "$log" "painted first" 60
			# An older build (BENCH_BIN) may not time the frame with the figures.
			for _ in $(seq 60); do
				grep -q "painted ready" "$log" && break
				sleep 0.05
			done
		fi
		for ev in first ready; do
			at=$(sed -n "s/^wugeyi-trace: painted $ev .* at \([0-9]*\)\$/\1/p" "$log" | head -1)
			[ -z "$at" ] || echo "$ev $what $(((at / 1000 - t0) / 1000))" >>"$results"
		done
		sleep 0.5
		finish
		sleep 0.5
	done
done
for i in $(seq "$TOURS"); do
	for db in county2 city10; do
		echo "bench-window: tour $i of every tab on $db"
		log=$tmp/tour-$db-$i.log
		launch "tour-$db" "$log"
		await "$log" "tour done" 300
		sleep 3 # the window at rest: it gives memory back 2 s after the last tab
		echo "rss $db $(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$app/status")" >>"$results"
		echo "hwm $db $(awk '/^VmHWM/ {print int($2/1024)}' "/proc/$app/status")" >>"$results"
		sed -n "s/^wugeyi-trace: painted tab \(.*\) \([12]\) \([0-9.]*\) ms at .*/tab $db \2 \3 \1/p" "$log" >>"$results"
		finish
		cp "$log" "$out/tour-$db-$i.log"
	done
done

python3 - "$results" "$N" "$TOURS" <<'EOF'
import statistics, sys
rows = [l.split(" ", 4) for l in open(sys.argv[1]).read().splitlines()]
def times(ev):
    out = {}
    for r in rows:
        if r[0] == ev:
            out.setdefault(r[1], []).append(int(r[2]))
    return out
first, ready = times("first"), times("ready")
med = {k: statistics.median(v) for k, v in first.items()}
print()
print(f"First frame, exec to first painted frame, median of {sys.argv[2]} (ms; all runs):")
for k in ("trivial", "county2", "city10"):
    ratio = "" if k == "trivial" else f"  {med[k] / med['trivial']:.2f}×"
    print(f"  {k:8} {med[k]:7.0f}{ratio}   {sorted(first[k])}")
print("First frame with the 工作台's figures (read in the background), exec to frame:")
for k in ("county2", "city10"):
    if k in ready:
        m = statistics.median(ready[k])
        print(f"  {k:8} {m:7.0f}  {m / med['trivial']:.2f}×   {sorted(ready[k])}")
tabs, order = {}, []
for r in rows:
    if r[0] == "tab":
        _, db, rnd, ms, title = r
        if title not in order:
            order.append(title)
        tabs.setdefault((db, title, rnd), []).append(float(ms))
print()
print(f"Tab switch, selection to painted frame, median of {sys.argv[3]} tours (ms; first visit / later):")
print(f"  {'tab':14} {'county2':>16} {'city10':>16}")
worst = 0.0
for t in order:
    cells = []
    for db in ("county2", "city10"):
        a, b = tabs.get((db, t, "1"), []), tabs.get((db, t, "2"), [])
        if a and b:
            cells.append(f"{statistics.median(a):7.0f} /{statistics.median(b):5.0f}")
            if db == "city10":
                worst = max(worst, max(a + b))
        else:
            cells.append(f"{'-':>16}")
    print(f"  {t:{14 - sum(1 for c in t if ord(c) > 127)}} {cells[0]:>16} {cells[1]:>16}")
print(f"  slowest switch on city10 in any tour: {worst:.0f} ms")
rss, hwm = times("rss"), times("hwm")
print()
print("RSS after every tab twice, median (MB): " + ", ".join(f"{k} {statistics.median(v):.0f} {sorted(v)}" for k, v in rss.items()))
print("Peak RSS during the tours (VmHWM, MB):   " + ", ".join(f"{k} {statistics.median(v):.0f} {sorted(v)}" for k, v in hwm.items()))
EOF
