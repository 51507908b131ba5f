#!/usr/bin/env bash
# build.sh — builds what the offices install, from this Linux machine, into dist/:
#
#   wugeyi.exe                          Windows 10/11, 64-bit: one file, our icon,
#                                       name and version in its properties
#   wugeyi-VERSION-windows-x64.msi      the same program as a Windows installer
#                                       (per user, no administrator; .ci/msi.sh)
#   wugeyi_VERSION_amd64.deb            Linux x86-64 (Kylin, UOS, Debian …; .ci/deb.sh)
#   wugeyi_VERSION_arm64.deb            Linux arm64 (Phytium, Kunpeng), cgo cross-compiled
#   wugeyi-VERSION-linux-loong64        Loongson: the headless commands only, static
#                                       (no window: docs/PACKAGING.md says why)
#   wugeyi-VERSION-linux-amd64.tar.xz   Linux, 64-bit: the program, its icon and a
#                                       menu entry, to unpack into /
#
# All have the version of FyneApp.toml and the git commit stamped in
# (-ldflags -X main.version=… -X main.commit=…): `wugeyi -version` prints them
# and the 设置 screen shows them.
#
#   bash .ci/build.sh            all of them
#   bash .ci/build.sh windows    only wugeyi.exe
#   bash .ci/build.sh msi        the .msi (and wugeyi.exe if dist/ has none)
#   bash .ci/build.sh linux      the amd64 .deb and the .tar.xz (one build)
#   bash .ci/build.sh arm64      the arm64 .deb
#   bash .ci/build.sh loong64    the loong64 headless program
#
# The Windows build is cgo with mingw-w64 (Fyne's window driver is C) and
# -H=windowsgui (no console window); windres links in the icon, the version
# information and a manifest. Missing Debian packages (gcc-mingw-w64-x86-64,
# imagemagick for the .ico) are installed first. Cold, the Windows build took
# 3 min 5 s on 2 cores (more on a busy machine), most of it cgo's probe of
# the OpenGL binding's names (see build_windows); with Go's build cache warm,
# seconds. The arm64 build needs gcc-aarch64-linux-gnu and the arm64 X11/GL
# -dev packages (multiarch: .ci/setup.sh adds the arm64 architecture): cold
# (empty Go cache) it took 83 s on 2 cores, 3 min 31 s beside other builds;
# the loong64 one 64 s; warm, 11 s and 1 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(windows msi linux arm64 loong64)
dist="${WUGEYI_DIST:-$root/dist}"
mkdir -p "$dist"

# shellcheck source=lib.sh
. "$root/.ci/lib.sh"

# toml KEY: the value of KEY in FyneApp.toml's [Details].
toml() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -n1
}
name="$(toml Name)"
appid="$(toml ID)"
version="$(toml Version)"
buildno="$(toml Build)"
[ -n "$name" ] && [ -n "$appid" ] && [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && [[ "$buildno" =~ ^[0-9]+$ ]] || {
	echo "build: FyneApp.toml needs Name, ID, Version (x.y.z) and Build (a number)" >&2
	exit 1
}
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null || true)" ]; then
	commit="$commit-modified"
fi
ldx="-X main.version=$version -X main.commit=$commit"
echo "build: $name $version ($commit), $appid"

tmp="$(mktemp -d)"
syso="$root/zz_wugeyi_windows_amd64.syso"
trap 'rm -rf "$tmp" "$syso"' EXIT

build_windows() {
	need gcc-mingw-w64-x86-64 imagemagick
	local start=$(date +%s)
	# The .syso must sit in the package's folder while Go links: one Windows
	# build at a time in this checkout.
	exec 9>"$tmp/../wugeyi-build-$(id -u)-$(printf '%s' "$root" | cksum | cut -d' ' -f1).lock"
	flock 9
	# The resources: icon (16 to 256 px), version information, manifest.
	convert "$root/assets/icon.png" -define icon:auto-resize=256,128,64,48,32,16 "$tmp/wugeyi.ico"
	local v4="${version//./,},$buildno"
	cat >"$tmp/wugeyi.manifest" <<-EOF
		<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
		<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
		  <assemblyIdentity type="win32" name="$appid" version="$version.$buildno" processorArchitecture="amd64"/>
		  <description>$name</description>
		  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
		    <application>
		      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
		    </application>
		  </compatibility>
		  <application xmlns="urn:schemas-microsoft-com:asm.v3">
		    <windowsSettings>
		      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
		      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">permonitorv2,permonitor</dpiAwareness>
		    </windowsSettings>
		  </application>
		  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
		    <security>
		      <requestedPrivileges>
		        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
		      </requestedPrivileges>
		    </security>
		  </trustInfo>
		</assembly>
	EOF
	cat >"$tmp/wugeyi.rc" <<-EOF
		#pragma code_page(65001)
		1 ICON "wugeyi.ico"
		1 24 "wugeyi.manifest"
		1 VERSIONINFO
		FILEVERSION $v4
		PRODUCTVERSION $v4
		FILEFLAGSMASK 0x3f
		FILEFLAGS 0
		FILEOS 0x40004
		FILETYPE 1
		BEGIN
		  BLOCK "StringFileInfo"
		  BEGIN
		    BLOCK "080404b0"
		    BEGIN
		      VALUE "FileDescription", "$name"
		      VALUE "FileVersion", "$version"
		      VALUE "InternalName", "wugeyi"
		      VALUE "OriginalFilename", "wugeyi.exe"
		      VALUE "ProductName", "$name"
		      VALUE "ProductVersion", "$version ($commit)"
		      VALUE "LegalCopyright", "MIT License"
		    END
		  END
		  BLOCK "VarFileInfo"
		  BEGIN
		    VALUE "Translation", 0x804, 1200
		  END
		END
	EOF
	(cd "$tmp" && x86_64-w64-mingw32-windres -c 65001 -O coff -o "$syso" wugeyi.rc)
	# WINAPI and APIENTRY as <windows.h> defines them, given up front: then
	# the OpenGL binding's header (github.com/go-gl/gl) does not include
	# <windows.h>, and cgo's probe of its 11,000 names, in which GCC weighs
	# every name in scope for a "did you mean" on each of tens of thousands
	# of errors, takes half the time: that package built cold in 2 min 54 s
	# instead of 5 min 39 s on 2 busy cores, and it is most of a cold build.
	# The code compiled is the same.
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		CGO_CFLAGS="-O2 -g -DWINAPI=__stdcall -DAPIENTRY=WINAPI" \
		go build -trimpath -ldflags "-H=windowsgui -s -w $ldx" -o "$dist/wugeyi.exe" .
	rm -f "$syso"
	echo "build: $dist/wugeyi.exe ($(stat -c %s "$dist/wugeyi.exe") bytes) in $(($(date +%s) - start)) s"
}

build_linux() {
	need dpkg-dev binutils imagemagick
	local start=$(date +%s)
	local pkg="$tmp/linux"
	mkdir -p "$pkg/usr/local/bin" "$pkg/usr/local/share/applications" "$pkg/usr/local/share/pixmaps"
	# No -trimpath here: the build then shares Go's cache with the tests and
	# .ci/smoke.sh, and only links.
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 go build -ldflags "-s -w $ldx" -o "$pkg/usr/local/bin/wugeyi" .
	cp "$root/assets/icon.png" "$pkg/usr/local/share/pixmaps/$appid.png"
	cp "$root/assets/wugeyi.desktop" "$pkg/usr/local/share/applications/$appid.desktop"
	bash "$root/.ci/deb.sh" amd64 "$pkg/usr/local/bin/wugeyi" "$version" "$dist"
	local out="$dist/wugeyi-$version-linux-amd64.tar.xz"
	# xz on every core: half the time on two, 0.3 % larger.
	XZ_OPT="${XZ_OPT:--T0}" tar -C "$pkg" --owner=0 --group=0 --numeric-owner --sort=name -cJf "$out" usr
	echo "build: $out ($(stat -c %s "$out") bytes) in $(($(date +%s) - start)) s"
}

# The arm64 program: cgo cross-compiled against Debian's arm64 libraries.
build_arm64() {
	need gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu dpkg-dev imagemagick
	local start=$(date +%s)
	CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
		PKG_CONFIG_PATH="" PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
		go build -ldflags "-s -w $ldx" -o "$tmp/wugeyi-arm64" .
	bash "$root/.ci/deb.sh" arm64 "$tmp/wugeyi-arm64" "$version" "$dist"
	echo "build: arm64 in $(($(date +%s) - start)) s"
}

# The loong64 program: no C (Debian 12 has no loong64 C cross compiler nor
# libraries), so no window. -tags ci makes Fyne link its pure-Go software
# driver instead of GLFW; headless_ci.go makes such a build refuse to open
# a window.
build_loong64() {
	local start=$(date +%s)
	local out="$dist/wugeyi-$version-linux-loong64"
	CGO_ENABLED=0 GOOS=linux GOARCH=loong64 go build -tags ci -trimpath -ldflags "-s -w $ldx" -o "$out" .
	echo "build: $out ($(stat -c %s "$out") bytes) in $(($(date +%s) - start)) s"
}

# The Windows installer, of the wugeyi.exe in dist/ (built first if missing).
build_msi() {
	need wixl msitools imagemagick python3
	[ -f "$dist/wugeyi.exe" ] || build_windows
	bash "$root/.ci/msi.sh" "$dist/wugeyi.exe" "$version" "$dist/wugeyi-$version-windows-x64.msi"
}

for t in "${targets[@]}"; do
	case "$t" in
	windows) build_windows ;;
	msi) build_msi ;;
	linux) build_linux ;;
	arm64) build_arm64 ;;
	loong64) build_loong64 ;;
	*)
		echo "build: unknown target $t (windows, msi, linux, arm64 or loong64)" >&2
		exit 2
		;;
	esac
done
