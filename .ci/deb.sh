#!/usr/bin/env bash
# deb.sh — packs a Linux build of the program into a .deb, as .ci/build.sh
# calls it:
#
#   bash .ci/deb.sh ARCH BINARY VERSION OUT_DIR     (ARCH: amd64 or arm64)
#
# writes OUT_DIR/wugeyi_VERSION_ARCH.deb with
#   /usr/bin/wugeyi                                          the program
#   /usr/share/applications/cn.gov.qhd.wugeyi.desktop        menu entry (assets/wugeyi.desktop)
#   /usr/share/icons/hicolor/{48x48,…,512x512}/apps/cn.gov.qhd.wugeyi.png   the icon
#   /usr/share/doc/wugeyi/copyright                          the licence
#
# Depends: dpkg-shlibdeps finds the packages of the libraries the program
# links (libGL, libX11, libc); GLFW, Fyne's window library, loads the other
# X11 libraries at run time with dlopen (libXrandr, libXcursor, …), which no
# tool sees: they are listed by hand below, and each library of both kinds
# is looked up (dpkg -S, the ARCH's multiarch folder) and its package must
# be in Depends, or the build fails. For arm64 the arm64 libraries must be
# installed (multiarch, as .ci/setup.sh does). The user's data
# (~/.config/wugeyi) is not the package's: removing or purging it leaves it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 4 ] || {
	echo "usage: bash .ci/deb.sh ARCH BINARY VERSION OUT_DIR" >&2
	exit 2
}
arch="$1" bin="$2" version="$3" outdir="$4"
case "$arch" in
amd64) triplet=x86_64-linux-gnu objdump=objdump ;;
arm64) triplet=aarch64-linux-gnu objdump=aarch64-linux-gnu-objdump ;;
*)
	echo "deb: unknown ARCH $arch (amd64 or arm64)" >&2
	exit 2
	;;
esac
appid=cn.gov.qhd.wugeyi
# The X11 libraries GLFW opens with dlopen (go-gl/glfw's x11_init.c), with
# their packages; Wayland, libdecor and Vulkan are not used on X11.
dlopened=(libX11-xcb.so.1:libx11-xcb1 libXcursor.so.1:libxcursor1 libXi.so.6:libxi6 libXinerama.so.1:libxinerama1
	libXrandr.so.2:libxrandr2 libXrender.so.1:libxrender1 libXxf86vm.so.1:libxxf86vm1)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pkg="$tmp/wugeyi"
install -D -m 0755 "$bin" "$pkg/usr/bin/wugeyi"
install -D -m 0644 "$root/assets/wugeyi.desktop" "$pkg/usr/share/applications/$appid.desktop"
for s in 48 64 128 256 512; do
	mkdir -p "$pkg/usr/share/icons/hicolor/${s}x$s/apps"
	convert "$root/assets/icon.png" -resize "${s}x$s" -strip "$pkg/usr/share/icons/hicolor/${s}x$s/apps/$appid.png"
done
install -D -m 0644 "$root/LICENSE" "$pkg/usr/share/doc/wugeyi/copyright"

# Depends: what dpkg-shlibdeps finds, then the dlopened libraries.
mkdir -p "$tmp/src/debian"
printf 'Source: wugeyi\n\nPackage: wugeyi\nArchitecture: %s\n' "$arch" >"$tmp/src/debian/control"
shlibs="$(cd "$tmp/src" && env $(dpkg-architecture -a"$arch" 2>/dev/null | tr '\n' ' ') \
	dpkg-shlibdeps -O "$pkg/usr/bin/wugeyi" 2>"$tmp/shlibdeps.err")" || {
	cat "$tmp/shlibdeps.err" >&2
	echo "deb: dpkg-shlibdeps failed (are the $arch libraries installed?)" >&2
	exit 1
}
depends="${shlibs#shlibs:Depends=}"
for d in "${dlopened[@]}"; do
	depends="$depends, ${d#*:}"
done

# The check: every library the program needs, linked or opened, is in a
# package of Depends.
needed=($("$objdump" -p "$pkg/usr/bin/wugeyi" | awk '$1 == "NEEDED" { print $2 }'))
for d in "${needed[@]}" "${dlopened[@]%%:*}"; do
	f=""
	for dir in "/lib/$triplet" "/usr/lib/$triplet"; do
		[ -e "$dir/$d" ] && f="$dir/$d" && break
	done
	[ -n "$f" ] || { echo "deb: $d ($arch) is not installed here: cannot check Depends" >&2; exit 1; }
	# dpkg knows a file by the path its package has: /lib or /usr/lib
	# (merged /usr), the link or the file it points to.
	p=""
	for g in "$f" "$(realpath "$f")" "${f/#\/lib//usr/lib}" "$(realpath "$f" | sed 's,^/usr/lib/,/lib/,')"; do
		p="$(dpkg -S "$g" 2>/dev/null | head -n1 | cut -d: -f1 || true)"
		[ -z "$p" ] || break
	done
	[ -n "$p" ] || { echo "deb: no package has $f" >&2; exit 1; }
	case ", $depends," in
	*", $p "* | *", $p,"*) ;;
	*)
		echo "deb: $d is in package $p, which Depends ($depends) lacks" >&2
		exit 1
		;;
	esac
done

mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<-CONTROL
	Package: wugeyi
	Version: $version
	Architecture: $arch
	Maintainer: 五个一工作台 <wugeyi@invalid>
	Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
	Depends: $depends
	Section: misc
	Priority: optional
	Description: 五个一工作台：重点企业联系服务“五个一”工作机制
	 县区和市工信局登记、办理、统计和打印重点企业联系服务“五个一”工作机制
	 的记录（走访、问题台账、会议、融资需求、应急转贷），并交换同步文件。
	 数据在用户自己的文件夹（~/.config/wugeyi），卸载不会删除。
	 命令行用法：wugeyi help。
CONTROL
mkdir -p "$outdir"
out="$outdir/wugeyi_${version}_$arch.deb"
# gzip: 44 MB in 7 s; xz would give 35 MB in 46 s (one thread). Every dpkg
# reads gzip; older ones do not read zstd.
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$out" >/dev/null
echo "deb: $out ($(stat -c %s "$out") bytes), Depends: $depends"
