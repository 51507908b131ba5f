#!/usr/bin/env bash
# wine-msi.sh — the Windows installer under Wine, on a fresh Wine prefix (a
# new "PC", whose user's home is a temporary folder):
#   1. msiexec /i wugeyi-VERSION-windows-x64.msi /qn, as the user (per-user
#      install, no administrator): the program is in
#      %LocalAppData%\Programs\wugeyi and prints its version, the shortcuts
#      五个一工作台 are in the Start menu and on the desktop and point at it
#      with the icon, 应用和功能 lists it with version and publisher;
#   2. the installed program makes a database in %AppData%\wugeyi (init,
#      demo -years 1, stats);
#   3. an .msi of the next version (.ci/msi.sh with the same wugeyi.exe)
#      upgrades it: one entry, the new version, the program still there, and
#      the database made before still opens with the same records;
#   4. msiexec /x removes the program, the shortcuts and the entry, and
#      leaves the database.
#
#   bash .ci/wine-msi.sh dist/wugeyi-VERSION-windows-x64.msi dist/wugeyi.exe
#
# Wine 8 lacks bcryptprimitives.dll, which Go 1.26 programs need: the
# stand-in of .ci/wine/ goes into the prefix, as in .ci/wine-smoke.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.ci/out"
mkdir -p "$out"
# shellcheck source=lib.sh
. "$root/.ci/lib.sh"

[ $# -eq 2 ] || {
	echo "usage: bash .ci/wine-msi.sh FILE.msi wugeyi.exe" >&2
	exit 2
}
msi1="$(realpath "$1")" exe="$(realpath "$2")"
tmp="$(mktemp -d)"
# The prefix's Desktop and Documents link to $HOME: a home of its own.
export HOME="$tmp/home" WINEPREFIX="$tmp/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko prompts, and no menu entries of the host for shortcuts.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Wine's Windows Installer removes a component's folder when it is left
# empty, even the desktop (Windows does not): a home is never empty.
mkdir -p "$HOME"
: >"$HOME/.profile"
cleanup() {
	wineserver -k >/dev/null 2>&1 || true
	rm -rf "$tmp"
	return 0
}
trap cleanup EXIT
fail() {
	echo "wine-msi: FAIL: $*" >&2
	exit 1
}
say() { echo "wine-msi: $*"; }
log="$out/wine-msi.log"
: >"$log"

need wine wine64 gcc-mingw-w64-x86-64 wixl msitools imagemagick python3 binutils
t0=$(date +%s)
v1="$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' "$root/FyneApp.toml")"
IFS=. read -r major minor patch <<<"$v1"
v2="$major.$minor.$((patch + 1))"
msi2="$tmp/wugeyi-$v2-windows-x64.msi"
bash "$root/.ci/msi.sh" "$exe" "$v2" "$msi2" >>"$log"
wineboot -i >>"$log" 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	"$root/.ci/wine/bcryptprimitives.c" "$root/.ci/wine/bcryptprimitives.def" -lbcrypt
say "prefix and the $v2 .msi in $(($(date +%s) - t0)) s"

user="$WINEPREFIX/drive_c/users/$(id -un)"
prog="$user/AppData/Local/Programs/wugeyi/wugeyi.exe"
links=("$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/五个一工作台.lnk" "$user/Desktop/五个一工作台.lnk")
dbwin='C:\users\'"$(id -un)"'\AppData\Roaming\wugeyi\wugeyi.db'
db="$user/AppData/Roaming/wugeyi/wugeyi.db"

# msiexec ARGS...: Windows Installer, quiet, with its log appended to $log.
msiexec() {
	wine msiexec "$@" /qn /l*v 'C:\msi.log' >>"$log" 2>&1 || {
		tr -d '\r' <"$WINEPREFIX/drive_c/msi.log" | tail -n 40 >&2 || true
		fail "msiexec $* failed"
	}
	tr -d '\r' <"$WINEPREFIX/drive_c/msi.log" >>"$log" || true
}
# prog ARGS...: the installed program; its output in $tmp/prog.out.
prog() {
	wine "$prog" "$@" >"$tmp/prog.out" 2>>"$log" || { cat "$tmp/prog.out" >&2; fail "wugeyi.exe $* failed"; }
	tr -d '\r' <"$tmp/prog.out" >>"$log"
}
# entries: the programs 应用和功能 lists (Wine keeps them under
# HKLM\…\Uninstall), as "KEY|DisplayName|DisplayVersion|Publisher" lines.
entries() {
	wine reg export 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' 'C:\arp.reg' /y >/dev/null 2>&1 || true
	iconv -f UTF-16LE -t UTF-8 "$WINEPREFIX/drive_c/arp.reg" 2>/dev/null | tr -d '\r' | awk -F'"' '
		/^\[/ { key = $0 }
		$2 == "DisplayName" { name[key] = $4 }
		$2 == "DisplayVersion" { ver[key] = $4 }
		$2 == "Publisher" { pub[key] = $4 }
		END { for (k in name) if (name[k] == "五个一工作台") print k "|" name[k] "|" ver[k] "|" pub[k] }'
}
# check_install VERSION: the program, its shortcuts and one entry of VERSION.
check_install() {
	[ -f "$prog" ] || fail "no $prog"
	for l in "${links[@]}"; do
		[ -s "$l" ] || fail "no shortcut $l"
		# The .lnk's paths, in its ANSI and its UTF-16 strings.
		{ strings -a "$l" && strings -a -el "$l"; } >"$tmp/lnk.txt"
		grep -qiF 'AppData\Local\Programs\wugeyi\wugeyi.exe' "$tmp/lnk.txt" || fail "the shortcut $l does not point at the program"
		grep -qiF '\wugeyi.ico' "$tmp/lnk.txt" || fail "the shortcut $l has not the icon"
	done
	compgen -G "$user/AppData/Roaming/Microsoft/Installer/{*}/wugeyi.ico" >/dev/null || fail "the shortcuts' icon was not installed"
	local e
	e="$(entries)"
	[ "$(printf '%s\n' "$e" | grep -c .)" -eq 1 ] || fail "应用和功能 lists, for 五个一工作台: ${e:-nothing}"
	case "$e" in *"|五个一工作台|$1|五个一工作台") ;; *) fail "应用和功能 lists $e, want version $1, publisher 五个一工作台" ;; esac
}

# 1. Install.
msiexec /i "$(winepath -w "$msi1")"
check_install "$v1"
prog -version
grep -q "^五个一工作台 $v1.*windows/amd64" "$tmp/prog.out" || fail "-version printed $(cat "$tmp/prog.out")"
say "installed $v1: $(tr -d '\r' <"$tmp/prog.out"), shortcuts in the Start menu and on the desktop, one entry in 应用和功能"

# 2. The data, where the window keeps it (the window makes the folder).
mkdir -p "$(dirname "$db")"
prog init -db "$dbwin" -office 130302 -name 海港区 -role county
prog demo -db "$dbwin" -years 1
prog stats -db "$dbwin"
before="$(tr -d '\r\n' <"$tmp/prog.out")"
printf '%s' "$before" | grep -qE '"enterprises":[1-9]' || fail "stats after demo: $before"
say "database %AppData%\\wugeyi\\wugeyi.db made"

# 3. Upgrade.
msiexec /i "$(winepath -w "$msi2")"
check_install "$v2"
prog stats -db "$dbwin"
after="$(tr -d '\r\n' <"$tmp/prog.out")"
[ "$after" = "$before" ] || fail "after the upgrade stats says $after, before it said $before"
say "upgraded to $v2: one entry, the database made before opens with the same records"

# 4. Uninstall.
msiexec /x "$(winepath -w "$msi2")"
[ ! -e "$prog" ] || fail "the program is still there after uninstalling"
for l in "${links[@]}"; do
	[ ! -e "$l" ] || fail "the shortcut $l is still there after uninstalling"
done
[ -z "$(entries)" ] || fail "应用和功能 still lists $(entries)"
[ "$(head -c 15 "$db" 2>/dev/null)" = "SQLite format 3" ] || fail "uninstalling took the database $db"
say "uninstalled: program, shortcuts and entry gone, %AppData%\\wugeyi\\wugeyi.db still there"
say "ok in $(($(date +%s) - t0)) s"
