#!/usr/bin/env bash
# wine-smoke.sh — the Windows program, wugeyi.exe, used under Wine on a
# virtual display, as an office PC would run it:
#   1. builds dist/wugeyi.exe with .ci/build.sh (or takes the .exe given);
#   2. a fresh Wine prefix (a new "PC"), with the stand-in bcryptprimitives.dll
#      (.ci/wine/bcryptprimitives.c) that Debian 12's Wine 8 lacks and Go 1.26
#      needs — Windows 10 and 11 have the real one;
#   3. the headless commands on a database in folders with Chinese names and
#      spaces: -version, help, init, demo, stats, print form, and refusals;
#   4. the path tests of packages data and ui, built for Windows and run
#      under Wine (Windows' own path rules: drive letters, backslashes,
#      %AppData%);
#   5. the window with no -db: it makes its database under %AppData%\wugeyi,
#      the window appears, a screenshot of it is not blank, and OCR reads
#      Chinese in it (the embedded font, not "�": Fyne draws with its own fonts, never Windows');
#   6. a file in a folder with a Chinese name and spaces opens in the PC's
#      program for it (the call the program makes for PDFs and folders);
#   7. headless commands started from cmd.exe in a console window print into
#      that window (the .exe attaches to its parent's console): their lines,
#      Chinese and all, are read from the console's cells (.ci/wine/readcon.c).
# Each step is timed; the times, the screenshot and the logs are left in
# .ci/out/ (wine-times.txt, wine-window.png, wine-*.log).
#
#   bash .ci/wine-smoke.sh [path/to/wugeyi.exe]
#
# Missing Debian packages (wine, mingw-w64, Xvfb, xdotool, ImageMagick,
# poppler-utils, tesseract with its Simplified Chinese data, a Chinese font)
# are installed first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/.ci/out"
mkdir -p "$out"
cd "$root"
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi

# shellcheck source=lib.sh
. "$root/.ci/lib.sh"

tmp="$(mktemp -d)"
xpid=""
apid=""
export WINEPREFIX="$tmp/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko install prompts in a fresh prefix.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
	[ -z "$apid" ] || stop "$apid"
	wineserver -k >/dev/null 2>&1 || true
	[ -z "$xpid" ] || stop "$xpid"
	rm -rf "$tmp"
	return 0
}
trap cleanup EXIT
fail() {
	echo "wine-smoke: FAIL: $*" >&2
	exit 1
}
say() { echo "wine-smoke: $*"; }

times="$out/wine-times.txt"
: >"$times"
t_start=$(date +%s)
step_start=$t_start
# done_step NAME: records how long the step since the last one took.
done_step() {
	local now
	now=$(date +%s)
	printf '%-34s %4d s\n' "$1" $((now - step_start)) | tee -a "$times"
	step_start=$now
}

# 0. Packages.
need wine wine64 gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 xvfb xauth x11-utils xdotool imagemagick \
	poppler-utils tesseract-ocr tesseract-ocr-chi-sim fonts-wqy-microhei
done_step "packages"

# 1. The .exe.
exe="${1:-}"
if [ -z "$exe" ]; then
	WUGEYI_DIST="$tmp/dist" bash "$root/.ci/build.sh" windows
	exe="$tmp/dist/wugeyi.exe"
	done_step "build wugeyi.exe"
fi
[ -f "$exe" ] || fail "no such file: $exe"
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"

# 2. A new "PC", made while the Windows test programs build.
start_xvfb
say "Xvfb on $DISPLAY"
wineboot -i >"$out/wine-boot.log" 2>&1 &
bpid=$!
# The path tests of data and ui, for Windows (pure Go, no cgo), with
# -trimpath as .ci/build.sh builds wugeyi.exe: then Go's build cache has
# every package they import but their own.
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go test -c -trimpath -o "$tmp/data.test.exe" ./data
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go test -c -trimpath -o "$tmp/ui.test.exe" ./ui
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$tmp/bcryptprimitives.dll" \
	"$root/.ci/wine/bcryptprimitives.c" "$root/.ci/wine/bcryptprimitives.def" -lbcrypt
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$tmp/readcon.exe" "$root/.ci/wine/readcon.c"
done_step "build Windows test programs"
wait "$bpid" || {
	cat "$out/wine-boot.log" >&2
	fail "wineboot could not make a prefix"
}
wineserver -w
cp "$tmp/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
done_step "Wine prefix and stand-in DLL"

# wine_run NAME ARGS...: runs wugeyi.exe ARGS under Wine; stdout and stderr
# in $tmp/NAME.out and .err; returns its exit code.
wine_run() {
	local name="$1"
	shift
	set +e
	wine "$exe" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	local rc=$?
	set -e
	cat "$tmp/$name.out" "$tmp/$name.err" >>"$out/wine-commands.log"
	return $rc
}
# must NAME ARGS...: the command must succeed.
must() {
	say "wugeyi.exe ${*:2}"
	wine_run "$@" || {
		cat "$tmp/$1.out" "$tmp/$1.err" >&2
		fail "wugeyi.exe ${*:2} exited non-zero"
	}
}
: >"$out/wine-commands.log"

# 3. Headless commands, in folders with Chinese names and spaces.
windir='C:\users\张三\我的 文档\五个一 工作台'
unixdir="$WINEPREFIX/drive_c/users/张三/我的 文档/五个一 工作台"
mkdir -p "$unixdir"
db="$windir\\wugeyi.db"

must version -version
grep -q "windows/amd64" "$tmp/version.out" || fail "-version printed: $(cat "$tmp/version.out")"
say "  $(cat "$tmp/version.out")"
must help help
grep -q '^用法：' "$tmp/help.out" || fail "help printed no usage: $(head -c 300 "$tmp/help.out")"
if wine_run statz statz -db "$db"; then
	fail "wugeyi.exe statz exited 0"
fi
grep -q '没有“statz”这个命令' "$tmp/statz.err" || fail "statz said: $(head -c 300 "$tmp/statz.err")"
say "  help prints the usage; statz is refused: $(head -n1 "$tmp/statz.err" | tr -d '\r')"
must init init -db "$db" -office 130302 -name 海港区 -role county
[ -s "$unixdir/wugeyi.db" ] || fail "init made no database at $unixdir/wugeyi.db"
must demo demo -db "$db" -years 2
must stats stats -db "$db"
stats="$(tr -d '\r\n' <"$tmp/stats.out")"
say "  $stats"
cp "$tmp/stats.out" "$out/wine-stats.json"
for k in enterprises leaders visits problems; do
	n="$(printf '%s' "$stats" | grep -oE "\"$k\"[[:space:]]*:[[:space:]]*[0-9]+" | grep -oE '[0-9]+$' || true)"
	[ -n "$n" ] && [ "$n" -gt 0 ] || fail "stats: $k is \"$n\", want > 0 after demo"
done
must print print form -db "$db" -form visit -o "$windir\\走访记录表 空白.pdf"
pdf="$unixdir/走访记录表 空白.pdf"
[ -s "$pdf" ] && head -c 5 "$pdf" | grep -q '%PDF-' || fail "print form wrote no PDF at $pdf"
pdftotext "$pdf" - | grep -q '走访' || fail "the printed form has no 走访 in its text"
cp "$pdf" "$out/wine-form.pdf"
say "  printed $(pdfinfo "$pdf" | grep -E '^Pages' | tr -s ' ')"
if wine_run refused stats -db "$windir\\没有这个库.db"; then
	fail "stats on a missing database exited 0"
fi
grep -q '找不到数据库文件' "$tmp/refused.err" || fail "refusal said: $(cat "$tmp/refused.err")"
[ ! -e "$unixdir/没有这个库.db" ] || fail "stats on a missing database made it"
say "  refused: $(grep -v '^$' "$tmp/refused.err" | tail -n1)"
done_step "headless init, demo, stats, print"

# 4. Windows' path rules.
say "path tests of data and ui under Wine"
(cd "$root/data" && wine "$tmp/data.test.exe" -test.v -test.run 'DefaultPath|ChineseNames') >"$out/wine-go-test.log" 2>&1 ||
	{ cat "$out/wine-go-test.log" >&2; fail "data's path tests failed under Wine"; }
(cd "$root/ui" && wine "$tmp/ui.test.exe" -test.v -test.run 'NativePath|URIPath|LastFolder|ChineseFolder') >>"$out/wine-go-test.log" 2>&1 ||
	{ cat "$out/wine-go-test.log" >&2; fail "ui's path tests failed under Wine"; }
grep -E '^(--- |ok|PASS|FAIL)' "$out/wine-go-test.log" | tr -d '\r' | sed 's/^/wine-smoke:   /'
done_step "path tests under Wine"

# 5. The window, on a fresh database in %AppData%.
appdata="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Roaming"
say "wugeyi.exe (the window, no -db)"
start=$(date +%s)
wine "$exe" >"$out/wine-window.log" 2>&1 &
apid=$!
find_window "$apid" 60 || true
if [ -z "$wid" ]; then
	cat "$out/wine-window.log" >&2
	fail "no visible window titled 五个一工作台 within 60 s"
fi
say "window $wid \"$(xdotool getwindowname "$wid")\" after $(($(date +%s) - start)) s"
[ -s "$appdata/wugeyi/wugeyi.db" ] || [ -e "$appdata/wugeyi/wugeyi.db" ] ||
	fail "no database under %AppData%: $(find "$WINEPREFIX/drive_c/users" -name 'wugeyi.db*' | head)"
say "database made at %AppData%\\wugeyi\\wugeyi.db"
sleep 3
ok=""
if shoot_window "$wid" "$tmp/win.png"; then ok=1; fi
cp "$tmp/win.png" "$out/wine-window.png"
[ -n "$ok" ] || fail "the screenshot looks blank ($colors colours, deviation $sd): .ci/out/wine-window.png"
say "screenshot .ci/out/wine-window.png: ${WIDTH}x${HEIGHT}, $colors colours, grey deviation $sd"
# Chinese text: OCR of the window, twice as large, must read Chinese words
# of the first-start form; a window drawn with "�" has none.
convert "$tmp/win.png" -resize 200% -colorspace gray "$tmp/ocr.png"
tesseract "$tmp/ocr.png" "$tmp/ocr" -l chi_sim >/dev/null 2>&1 || fail "tesseract failed"
tr -d ' \n' <"$tmp/ocr.txt" >"$out/wine-window-ocr.txt"
found=()
for w in 五个一 工作台 机构代码 单位 县区 管理员 密码; do
	grep -q "$w" "$out/wine-window-ocr.txt" && found+=("$w")
done
say "OCR read: $(head -c 300 "$out/wine-window-ocr.txt")"
[ ${#found[@]} -ge 2 ] || fail "OCR found too little Chinese in the window (${found[*]:-none}): .ci/out/wine-window.png"
say "OCR found ${found[*]}"
still_running "$apid" "$out/wine-window.log"
done_step "window, screenshot, OCR"

# 6. A file in a folder with a Chinese name and spaces opens in the PC's
# program for it (ShellExecuteW): Wine's notepad for a .txt, as Windows
# has it (a fresh Wine prefix lacks the .txt association; add it).
wine reg add 'HKCR\.txt' /ve /d txtfile /f >/dev/null 2>&1 || fail "could not register .txt"
mkdir -p "$WINEPREFIX/drive_c/opencheck"
(cd "$root/ui" && WUGEYI_OPEN_CHECK='C:\opencheck' wine "$tmp/ui.test.exe" -test.v -test.run SystemOpen) >"$out/wine-open.log" 2>&1 ||
	{ cat "$out/wine-open.log" >&2; fail "systemOpen failed under Wine"; }
grep -q -- '--- PASS: TestSystemOpen' "$out/wine-open.log" || { cat "$out/wine-open.log" >&2; fail "the open test did not run"; }
find_window "" 20 '打开 测试\.txt'
owid="$wid"
[ -n "$owid" ] || fail "no editor window titled 打开 测试.txt appeared"
say "opened C:\\opencheck\\张三 的文档\\打开 测试.txt: window \"$(xdotool getwindowname "$owid")\""
done_step "open a file (ShellExecuteW)"

# 7. Headless commands started from a console window (cmd.exe in
# wineconsole) print into it: the .exe has no console of its own and
# attaches to its parent's. readcon.exe (.ci/wine/readcon.c), run next in
# the same console, waits until both lines are there and writes out the
# console's text: the characters in its cells, as wugeyi.exe wrote them,
# whatever font draws them (no OCR).
cdir="$WINEPREFIX/drive_c/wugeyi"
mkdir -p "$cdir"
cp "$exe" "$cdir/wugeyi.exe"
cp "$tmp/readcon.exe" "$cdir/readcon.exe"
# The console's font: the Chinese one setup.sh installs, so that the
# screenshot shows the Chinese (as a Chinese Windows' console does).
wine reg add 'HKCU\Console' /v FaceName /d 'WenQuanYi Micro Hei Mono' /f >/dev/null 2>&1 || true
wineconsole cmd /k 'C:\wugeyi\wugeyi.exe -version & C:\wugeyi\wugeyi.exe stats -db C:\nope.db & C:\wugeyi\readcon.exe C:\wugeyi\console.txt windows/amd64 nope.db' >"$out/wine-console.log" 2>&1 &
for _ in $(seq 600); do
	[ -e "$cdir/console.txt" ] && break
	sleep 0.1
done
find_window "" 5 'cmd\.exe'
[ -z "$wid" ] || crop_window "$wid" "$out/wine-console.png"
[ -e "$cdir/console.txt" ] || fail "readcon.exe wrote nothing: did cmd.exe run in wineconsole? .ci/out/wine-console.png"
tr -d '\r' <"$cdir/console.txt" >"$out/wine-console.txt"
say "console window's text (.ci/out/wine-console.txt, .ci/out/wine-console.png):"
grep -v '^$' "$out/wine-console.txt" | sed 's/^/wine-smoke:   | /'
grep -qxF "$(tr -d '\r\n' <"$tmp/version.out")" "$out/wine-console.txt" ||
	fail "-version did not print \"$(tr -d '\r\n' <"$tmp/version.out")\" into the console: .ci/out/wine-console.txt"
grep -qF '不能统计记录：找不到数据库文件 C:\nope.db' "$out/wine-console.txt" ||
	fail "the refusal was not printed into the console: .ci/out/wine-console.txt"
done_step "headless commands in a console"

printf '%-34s %4d s\n' "wine smoke test in all" $(($(date +%s) - t_start)) | tee -a "$times"
say "ok"
