#!/usr/bin/env bash
# test.sh — every check and every test, on a machine where .ci/setup.sh has run:
#   0. every program the scripts and tests run is installed by setup.sh
#      (.ci/check-tools);
#   1. gofmt -l prints nothing;
#   2. go vet ./... (cgo on: main imports Fyne's window driver);
#   3. the unit tests: every package that does not need the window driver with
#      CGO_ENABLED=0 (the Fyne test driver is pure Go), the rest with cgo;
#   4. the Linux package (.ci/build.sh linux), whose program must print its
#      version;
#   5. the smoke test of that program (.ci/smoke.sh): init, demo, stats,
#      refusals, the command line, and the window under Xvfb with a
#      screenshot;
#   5b. the real-window test (.ci/window.sh): the program with its probe in a
#      real window under Xvfb at 1024x768 (light) and 1366x768 (dark),
#      driven with xdotool through a clerk's day, a screenshot per step;
#   6. the sync round (.ci/sync-round): the city and two counties exchange
#      cards and files with that program;
#   6b. the amd64 .deb (built with the Linux package) installed with dpkg,
#      its program and window run, removed keeping the data
#      (.ci/deb-test.sh);
#   6c. the arm64 .deb and the loong64 headless program (.ci/build.sh arm64
#      loong64), run under QEMU, their exports imported by the amd64
#      program (.ci/qemu-test.sh);
#   7. the Windows program (.ci/build.sh windows) and its smoke test under
#      Wine (.ci/wine-smoke.sh): headless commands, Windows path tests, the
#      window with a screenshot, the console;
#   8. the Windows installer (.ci/build.sh msi) under Wine: install,
#      shortcuts, upgrade, uninstall keeping the data (.ci/wine-msi.sh).
# The last line is the count of Go tests: "tests: N passed, N failed, N skipped".
# Full logs and the screenshot go to .ci/out/; how long each step took, to
# .ci/out/times.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/.ci/out"
mkdir -p "$out"

if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi

times="$out/times.txt"
: >"$times"
t0=$(date +%s)
t_step=$t0
step_name=""
# step NAME: ends the step before (its time goes to times.txt) and starts NAME.
step() {
	local now
	now=$(date +%s)
	[ -z "$step_name" ] || printf '%5d s  %s\n' $((now - t_step)) "$step_name" | tee -a "$times"
	t_step=$now
	step_name="$*"
	[ -z "$step_name" ] || printf '\n==> %s\n' "$*"
}

step "every program the scripts run is installed by setup.sh (.ci/check-tools)"
python3 "$root/.ci/check-tools"

step "gofmt -l"
bad="$(gofmt -l . 2>&1)" || true
if [ -n "$bad" ]; then
	echo "gofmt: these files are not formatted (run gofmt -w):" >&2
	echo "$bad" >&2
	exit 1
fi
echo "ok"

step "go vet ./... (and the real-window test and the probe, built with their tags)"
CGO_ENABLED=1 go vet ./...
CGO_ENABLED=1 go vet -tags window .
CGO_ENABLED=0 go vet -tags probe ./ui
echo "ok"

# Split the packages: those that link Fyne's real window driver need cgo.
nocgo=()
cgo=()
while read -r pkg deps; do
	case " $deps " in
	*" fyne.io/fyne/v2/app "* | *" fyne.io/fyne/v2/internal/driver/glfw "*) cgo+=("$pkg") ;;
	*) nocgo+=("$pkg") ;;
	esac
done < <(CGO_ENABLED=1 go list -f '{{.ImportPath}} {{join .Deps " "}}' ./...)

log="$out/go-test.log"
: >"$log"
rc=0
if [ ${#nocgo[@]} -gt 0 ]; then
	step "CGO_ENABLED=0 go test ${nocgo[*]}"
	CGO_ENABLED=0 go test -count=1 -v "${nocgo[@]}" >>"$log" 2>&1 || rc=1
fi
# Packages that need cgo are tested only if they have tests (usually just main).
withtests=()
for p in "${cgo[@]}"; do
	if [ -n "$(go list -f '{{if or .TestGoFiles .XTestGoFiles}}x{{end}}' "$p")" ]; then
		withtests+=("$p")
	fi
done
if [ ${#withtests[@]} -gt 0 ]; then
	step "CGO_ENABLED=1 go test ${withtests[*]}"
	CGO_ENABLED=1 go test -count=1 -v "${withtests[@]}" >>"$log" 2>&1 || rc=1
fi
# The package lines here; the whole -v log is in .ci/out/go-test.log.
grep -E '^(ok|FAIL|\?|panic:)[[:space:]]' "$log" || true
if [ "$rc" -ne 0 ]; then
	echo "--- failures (from .ci/out/go-test.log):"
	grep -vE '^(=== (RUN|PAUSE|CONT|NAME)|[[:space:]]*--- (PASS|SKIP)|PASS$|ok[[:space:]])' "$log" | tail -n 200
fi
passed=$(grep -cE '^[[:space:]]*--- PASS' "$log" || true)
failed=$(grep -cE '^[[:space:]]*--- FAIL' "$log" || true)
skipped=$(grep -cE '^[[:space:]]*--- SKIP' "$log" || true)
summary="tests: $passed passed, $failed failed, $skipped skipped"
if [ "$rc" -ne 0 ]; then
	echo "go test failed (full log: .ci/out/go-test.log)" >&2
	echo "$summary"
	exit 1
fi

step "the Linux package (.ci/build.sh linux)"
rm -rf "$out/dist"
WUGEYI_DIST="$out/dist" bash "$root/.ci/build.sh" linux
pkgdir="$(mktemp -d)"
trap 'rm -rf "$pkgdir"' EXIT
tar -C "$pkgdir" -xJf "$out/dist"/wugeyi-*-linux-amd64.tar.xz
for f in usr/local/bin/wugeyi usr/local/share/applications/cn.gov.qhd.wugeyi.desktop usr/local/share/pixmaps/cn.gov.qhd.wugeyi.png; do
	[ -s "$pkgdir/$f" ] || { echo "the Linux package has no $f" >&2; exit 1; }
done
bin="$pkgdir/usr/local/bin/wugeyi"
v="$(env LANG=zh_CN.UTF-8 "$bin" -version 2>/dev/null)"
case "$v" in
"五个一工作台 $(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)"*linux/amd64) echo "Linux package: $v" ;;
*) echo "the packaged program's -version printed \"$v\"" >&2; exit 1 ;;
esac

# The smoke test and the sync round use the packaged program: what the
# offices install is what is tested, and it is linked once.
step "smoke test of the packaged program"
bash "$root/.ci/smoke.sh" "$bin"

step "the real window under Xvfb, driven through a clerk's day (.ci/window.sh)"
bash "$root/.ci/window.sh"

step "sync round: the city and two counties exchange files"
bash "$root/.ci/sync-round" "$bin"

step "the amd64 .deb: dpkg -i, the program and its window, dpkg -r (.ci/deb-test.sh)"
bash "$root/.ci/deb-test.sh" "$out/dist"/wugeyi_*_amd64.deb

step "the arm64 .deb and the loong64 program (.ci/build.sh arm64 loong64)"
WUGEYI_DIST="$out/dist" bash "$root/.ci/build.sh" arm64 loong64

step "the arm64 and loong64 programs under QEMU (.ci/qemu-test.sh)"
bash "$root/.ci/qemu-test.sh" "$out/dist"/wugeyi_*_arm64.deb "$out/dist"/wugeyi-*-linux-loong64 "$bin"

step "the Windows program (.ci/build.sh windows)"
WUGEYI_DIST="$out/dist" bash "$root/.ci/build.sh" windows

step "the Windows program under Wine (.ci/wine-smoke.sh)"
bash "$root/.ci/wine-smoke.sh" "$out/dist/wugeyi.exe"

step "the Windows installer (.ci/build.sh msi)"
WUGEYI_DIST="$out/dist" bash "$root/.ci/build.sh" msi

step "the Windows installer under Wine (.ci/wine-msi.sh)"
bash "$root/.ci/wine-msi.sh" "$out/dist"/wugeyi-*-windows-x64.msi "$out/dist/wugeyi.exe"

step ""
printf '%5d s  %s\n' $(($(date +%s) - t0)) "test.sh in all" | tee -a "$times"
echo
[ -z "${WUGEYI_CI_START:-}" ] || echo "all checks passed in $(($(date +%s) - WUGEYI_CI_START)) s"
echo "$summary"
