#!/usr/bin/env bash
# setup.sh — installs, from Debian 12's packages, everything the program needs
# to be built, run and tested: the C compiler and the X11/OpenGL headers that
# Fyne's window needs (cgo), the virtual display and screenshot tools the
# smoke test uses, and mingw-w64 and Wine for the Windows program and its
# smoke test. Go itself (1.26 or newer) must already be installed.
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
)

missing=()
for p in "${pkgs[@]}"; do
	if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" != installed ]; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -gt 0 ]; then
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
