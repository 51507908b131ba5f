#!/usr/bin/env bash
# setup.sh — installs, from Debian 12's packages, everything the program needs
# to be built, run and tested: the C compiler and the X11/OpenGL headers that
# Fyne's window needs (cgo), the virtual display and screenshot tools the
# smoke test uses, and mingw-w64 and Wine for the Windows program and its
# smoke test, and the tools that build and test the .deb, .msi, arm64 and
# loong64 packages. Go itself (1.26 or newer) must already be installed.
#
#   bash .ci/setup.sh        (as root, or as a user who may sudo)
#
# When every package is already installed it does nothing and takes a second.
# .ci/check-tools (run first by .ci/test.sh) checks that this list has the
# package of every program the scripts in .ci/ and the Go tests run.
set -euo pipefail

pkgs=(
	# build (cgo, Fyne's GLFW driver)
	gcc libc6-dev pkg-config libgl1-mesa-dev libgl1-mesa-dri libx11-dev libxcursor-dev
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
	# Go module downloads over HTTPS; the commit stamped into the build
	ca-certificates git
	# the Linux package is a .tar.xz
	xz-utils
	# smoke test: virtual display, finding the window, screenshots
	xvfb xauth x11-utils xdotool imagemagick xclip
	# sync round (.ci/sync-round): reading stats and the database
	python3
	# printed documents: checking PDFs and reading their text and fonts
	qpdf poppler-utils
	# the store's fault tests: chattr makes a database file immutable, so
	# that even root gets SQLite's read-only error
	e2fsprogs
	# the sync files' SM2/SM3/SM4: a second implementation to check ours against
	openssl
	# the Windows program (.ci/build.sh, .ci/wine-smoke.sh): cross compiler and
	# resources, Wine, OCR of the window's Chinese, and a Chinese font for
	# Wine's console window (as a Chinese Windows has; without one its
	# Chinese shows as boxes in .ci/out/wine-console.png)
	gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine wine64 tesseract-ocr tesseract-ocr-chi-sim
	fonts-wqy-microhei
	# the packages (.ci/deb.sh, .ci/msi.sh): .deb tools, wixl for the .msi
	# and msitools to mend its Chinese strings
	dpkg-dev binutils wixl msitools
	# the arm64 program (.ci/build.sh arm64): cross compiler and the arm64
	# X11/OpenGL headers and libraries (multiarch, below); it runs under
	# QEMU, as does the loong64 one (.ci/qemu-test.sh)
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
	libc6:arm64 libgl1-mesa-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
	libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64 libx11-xcb1:arm64 libxrender1:arm64
	libgl1-mesa-dri:arm64 libglx-mesa0:arm64
	qemu-user
)

# The arm64 packages above need Debian's arm64 architecture (multiarch).
added_arch=""
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo dpkg --add-architecture arm64
	added_arch=1
fi

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
missing=()
for p in "${pkgs[@]}"; do
	installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ] || [ -n "$added_arch" ]; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || {
			echo "setup: run as root (missing packages: ${missing[*]})" >&2
			exit 1
		}
		sudo="sudo"
	fi
	echo "setup: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -q
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
else
	echo "setup: all ${#pkgs[@]} Debian packages already installed"
fi

# Go: the usual place of the official tarball, when it is not on PATH.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then
	export PATH="$PATH:/usr/local/go/bin"
fi
if ! command -v go >/dev/null; then
	echo "setup: Go is not installed; install Go 1.26 or newer (https://go.dev/dl/) and put it on PATH" >&2
	exit 1
fi
echo "setup: $(go version)"
