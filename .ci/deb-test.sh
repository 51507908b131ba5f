#!/usr/bin/env bash
# deb-test.sh — the amd64 .deb installed as an office's Linux PC installs it:
#   1. its control data (version of FyneApp.toml, Depends with the window's
#      libraries) and files (/usr/bin/wugeyi, the menu entry 五个一工作台 and
#      its icon in hicolor);
#   2. dpkg -i (apt-get -f install if a dependency is missing);
#   3. the installed /usr/bin/wugeyi: -version, init and stats on a temporary
#      database;
#   4. the window of the installed program under Xvfb, started as the menu
#      entry starts it (no -db: its database goes to ~/.config/wugeyi);
#   5. dpkg -r: the program and its menu entry are gone, the user's
#      databases stay.
# As root (or a user who may sudo), on a machine where the package wugeyi is
# not installed (it is removed at the end).
#
#   bash .ci/deb-test.sh dist/wugeyi_VERSION_amd64.deb
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.ci/out"
mkdir -p "$out"
# shellcheck source=lib.sh
. "$root/.ci/lib.sh"

deb="$(realpath "${1:?usage: bash .ci/deb-test.sh FILE.deb}")"
tmp="$(mktemp -d)"
xpid=""
apid=""
installed=""
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
cleanup() {
	[ -z "$apid" ] || stop "$apid"
	[ -z "$xpid" ] || stop "$xpid"
	[ -z "$installed" ] || $sudo dpkg -r wugeyi >/dev/null 2>&1 || true
	rm -rf "$tmp"
	return 0
}
trap cleanup EXIT
fail() {
	echo "deb-test: FAIL: $*" >&2
	exit 1
}
say() { echo "deb-test: $*"; }

need xvfb xauth x11-utils xdotool imagemagick

# 1. What the package says and holds.
version="$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$root/FyneApp.toml")"
[ "$(dpkg-deb -f "$deb" Package)" = wugeyi ] || fail "the package is not named wugeyi"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version $(dpkg-deb -f "$deb" Version), FyneApp.toml says $version"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || fail "architecture $(dpkg-deb -f "$deb" Architecture)"
depends="$(dpkg-deb -f "$deb" Depends)"
for p in libc6 libgl1 libx11-6 libxrandr2 libxcursor1 libxi6 libxinerama1 libxxf86vm1; do
	case ", $depends," in *", $p "* | *", $p,"*) ;; *) fail "Depends lacks $p: $depends" ;; esac
done
say "wugeyi $version amd64, Depends: $depends"
dpkg-deb -x "$deb" "$tmp/x"
desktop="$tmp/x/usr/share/applications/cn.gov.qhd.wugeyi.desktop"
for f in usr/bin/wugeyi usr/share/applications/cn.gov.qhd.wugeyi.desktop usr/share/icons/hicolor/256x256/apps/cn.gov.qhd.wugeyi.png; do
	[ -s "$tmp/x/$f" ] || fail "the package has no /$f"
done
grep -qx 'Name\[zh_CN\]=五个一工作台' "$desktop" || fail "the menu entry has no Name[zh_CN]=五个一工作台"
grep -qx 'Exec=wugeyi' "$desktop" || fail "the menu entry does not start wugeyi"
grep -qx 'Icon=cn.gov.qhd.wugeyi' "$desktop" || fail "the menu entry's icon is not cn.gov.qhd.wugeyi"

# 2. Install.
if dpkg-query -W -f='${db:Status-Status}' wugeyi 2>/dev/null | grep -q installed; then
	fail "the package wugeyi is installed already: remove it first (dpkg -r wugeyi)"
fi
installed=1
if ! $sudo dpkg -i "$deb" >"$out/deb-install.log" 2>&1; then
	say "dpkg -i left dependencies missing; apt-get -f install"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q >>"$out/deb-install.log" 2>&1 ||
		{ cat "$out/deb-install.log" >&2; fail "apt-get -f install failed"; }
fi
[ "$(dpkg-query -W -f='${db:Status-Status}' wugeyi)" = installed ] || fail "wugeyi is not installed after dpkg -i"
[ -x /usr/bin/wugeyi ] || fail "no /usr/bin/wugeyi after dpkg -i"
say "installed: $(dpkg-query -W -f='${Package} ${Version} ${Architecture}' wugeyi)"

# 3. The installed program, headless, as a user with a home of its own.
export HOME="$tmp/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME
mkdir -p "$HOME"
v="$(/usr/bin/wugeyi -version)"
case "$v" in "五个一工作台 $version"*linux/amd64) ;; *) fail "-version printed \"$v\"" ;; esac
say "$v"
db="$HOME/文档/县区.db"
mkdir -p "$HOME/文档"
/usr/bin/wugeyi init -db "$db" -office 130302 -name 海港区 -role county >/dev/null || fail "init failed"
stats="$(/usr/bin/wugeyi stats -db "$db")" || fail "stats failed"
printf '%s' "$stats" | grep -q '"offices":1' || fail "stats: $stats"
say "init and stats on $db: ok"

# 4. The window of the installed program, as the menu entry starts it.
start_xvfb
start=$(date +%s)
open_window 30 "$out/deb-window.log" env LIBGL_ALWAYS_SOFTWARE=1 /usr/bin/wugeyi
[ -n "$wid" ] || { cat "$out/deb-window.log" >&2; fail "no window titled 五个一工作台 within 30 s"; }
say "window $wid \"$(xdotool getwindowname "$wid")\" after $(($(date +%s) - start)) s"
shoot_window "$wid" "$out/deb-window.png" || fail "the window stays blank: .ci/out/deb-window.png"
still_running "$apid" "$out/deb-window.log"
userdb="$HOME/.config/wugeyi/wugeyi.db"
[ -e "$userdb" ] || fail "the window made no database at $userdb"
stop "$apid"
apid=""
say "screenshot .ci/out/deb-window.png ($colors colours); the window's database is $userdb"

# 5. Remove: the program goes, the data stays.
$sudo dpkg -r wugeyi >>"$out/deb-install.log" 2>&1 || fail "dpkg -r wugeyi failed"
installed=""
[ ! -e /usr/bin/wugeyi ] || fail "/usr/bin/wugeyi is still there after dpkg -r"
[ ! -e /usr/share/applications/cn.gov.qhd.wugeyi.desktop ] || fail "the menu entry is still there after dpkg -r"
for f in "$db" "$userdb"; do
	[ "$(head -c 15 "$f" 2>/dev/null)" = "SQLite format 3" ] || fail "dpkg -r took $f"
done
say "dpkg -r: the program is gone, both databases are still there"
say "ok"
