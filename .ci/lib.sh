# lib.sh — helpers of the CI scripts (.ci/setup.sh, .ci/build.sh,
# .ci/smoke.sh, .ci/wine-smoke.sh, …); sourced, not run. Those for a real
# window need xvfb, x11-utils, xdotool and imagemagick, and a fail function
# and a $tmp folder
# from the caller.

# installed PKG: whether the Debian package PKG (NAME, this machine's
# architecture, or NAME:ARCH) is installed. With multiarch, dpkg-query
# answers for NAME with a line for each architecture it has.
installed() {
	local arch
	case "$1" in
	*:*) arch="${1#*:}" ;;
	*) arch="$(dpkg --print-architecture)" ;;
	esac
	dpkg-query -W -f='${db:Status-Status} ${Architecture}\n' "$1" 2>/dev/null | grep -qE "^installed ($arch|all)\$"
}

# need PKG...: installs the Debian packages that are missing.
need() {
	local missing=()
	for p in "$@"; do
		installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "installing ${missing[*]}"
	$sudo apt-get update -q >/dev/null
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# stop PID: TERM, then KILL if it is still there after 5 s.
stop() {
	kill "$1" 2>/dev/null || return 0
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# start_xvfb: starts a virtual display (Xvfb picks a free number with
# -displayfd), waits until it answers, and exports DISPLAY; sets xpid.
start_xvfb() {
	Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1366x768x24}" -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
	xpid=$!
	for _ in $(seq 100); do
		[ -s "$tmp/display" ] && break
		kill -0 "$xpid" 2>/dev/null || {
			cat "$tmp/xvfb.log" >&2
			fail "Xvfb did not start"
		}
		sleep 0.1
	done
	export DISPLAY=":$(tr -dc 0-9 <"$tmp/display")"
	[ "$DISPLAY" != ":" ] || fail "Xvfb gave no display number"
	# Up to 30 s: a busy machine (a cold build beside it) may be slow.
	for _ in $(seq 300); do
		xdpyinfo >/dev/null 2>&1 && break
		sleep 0.1
	done
	xdpyinfo >/dev/null 2>&1 || fail "display $DISPLAY does not answer"
}

# crop_window WID OUT.png: a screenshot of window WID's part of the screen;
# sets X Y WIDTH HEIGHT.
crop_window() {
	import -window root "$tmp/shot.png"
	eval "$(xdotool getwindowgeometry --shell "$1")" # X Y WIDTH HEIGHT
	convert "$tmp/shot.png" -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$2"
}

# shoot_window WID OUT.png: takes screenshots of the screen until window
# WID's part of it is not blank: more than 50 colours (a blank window has
# one or two) and some contrast (at most ~15 s), and writes that part to
# OUT.png. Sets colors, sd and X Y WIDTH HEIGHT; returns 1 if it stayed blank.
shoot_window() {
	local wid="$1" dest="$2"
	for _ in $(seq 15); do
		crop_window "$wid" "$dest"
		colors="$(identify -format '%k' "$dest")"
		sd="$(convert "$dest" -colorspace gray -format '%[fx:standard_deviation]' info:)"
		if [ "$colors" -gt 50 ] && awk -v s="$sd" 'BEGIN { exit !(s > 0.005) }'; then
			return 0
		fi
		sleep 1
	done
	return 1
}

# find_window PID SECONDS [NAME]: waits up to SECONDS for a visible window
# whose title matches NAME (default 五个一工作台) while process PID runs (""
# for none to watch); sets wid ("" if none), returns 1 if the process ended
# first.
find_window() {
	wid=""
	for _ in $(seq $(($2 * 10))); do
		wid="$(xdotool search --onlyvisible --name "${3:-五个一工作台}" 2>/dev/null | head -n1 || true)"
		[ -n "$wid" ] && return 0
		[ -z "$1" ] || kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
	done
	return 0
}

# still_running PID LOG: the program must still be running, and must not
# have panicked (its output is in LOG).
still_running() {
	kill -0 "$1" 2>/dev/null || {
		cat "$2" >&2
		fail "the program ended after its window appeared"
	}
	if grep -qE '^(panic:|fatal error:)' "$2"; then
		cat "$2" >&2
		fail "the program panicked"
	fi
}

# open_window SECONDS LOG CMD...: starts CMD (a program with its window) in
# the background with its output in LOG, and waits up to SECONDS for its
# visible window; sets apid and wid ("" if none came). Seen here now and
# then: GLFW cannot open a display that xdpyinfo has just answered on; then
# it tries once more.
open_window() {
	local secs="$1" log="$2"
	shift 2
	local try
	for try in 1 2; do
		"$@" >"$log" 2>&1 &
		apid=$!
		find_window "$apid" "$secs" || true
		[ -z "$wid" ] || return 0
		grep -q 'Failed to open display' "$log" && xdpyinfo >/dev/null 2>&1 || return 0
		echo "the program could not open $DISPLAY; trying once more"
		wait "$apid" 2>/dev/null || true
	done
}
