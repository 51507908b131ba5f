#!/usr/bin/env bash
# msi.sh — the Windows installer: packs a wugeyi.exe into an .msi with wixl
# (Debian's package wixl, of msitools), from assets/wugeyi.wxs:
#
#   bash .ci/msi.sh WUGEYI.EXE VERSION OUT.msi
#
# VERSION is x.y.z (FyneApp.toml's, from .ci/build.sh); a .msi with a higher
# one replaces the installed program. The icon is assets/icon.png as a
# multi-size .ico (ImageMagick).
#
# Debian 12's wixl (0.101) leaves the tables' code page unset and stores
# every string it cannot convert to it — all the Chinese ones — empty (the
# fix, "wixl: set db codepage from product.Codepage", came in 2026). So,
# after wixl, msibuild sets the code page of the .wxs (936, GBK) and writes
# the .wxs's Chinese strings into their tables again; msiinfo then checks
# that ProductName reads back right.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 3 ] || {
	echo "usage: bash .ci/msi.sh WUGEYI.EXE VERSION OUT.msi" >&2
	exit 2
}
exe="$1" version="$2" out="$3"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
	echo "msi: version $version is not x.y.z" >&2
	exit 2
}
wxs="$root/assets/wugeyi.wxs"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
out="$(realpath -m "$out")"
# wixl takes the files' paths relative to the current folder.
cp "$exe" "$tmp/wugeyi.exe"
convert "$root/assets/icon.png" -define icon:auto-resize=256,128,64,48,32,16 "$tmp/wugeyi.ico"
(cd "$tmp" && wixl -a x64 -D Version="$version" -D Exe=wugeyi.exe -D Icon=wugeyi.ico -o "$tmp/out.msi" "$wxs")

# The Chinese strings, as SQL: one UPDATE a line, from the .wxs.
python3 - "$wxs" >"$tmp/fix.sql" <<'PY'
import sys
import xml.etree.ElementTree as ET

ns = "{http://schemas.microsoft.com/wix/2006/wi}"
product = ET.parse(sys.argv[1]).getroot().find(ns + "Product")
done = set()


def update(table, column, value, where, *attrs):
    print(f"UPDATE `{table}` SET `{column}`='{value}' WHERE {where}")
    done.update(attrs)


update("Property", "Value", product.get("Name"), "`Property`='ProductName'", product.get("Name"))
update("Property", "Value", product.get("Manufacturer"), "`Property`='Manufacturer'", product.get("Manufacturer"))
for e in product.iter():
    tag = e.tag[len(ns):]
    if tag == "Property" and not e.get("Value").isascii():
        update("Property", "Value", e.get("Value"), f"`Property`='{e.get('Id')}'", e.get("Value"))
    elif tag == "Shortcut":
        # A file name is "SHORT|long" when the long one is not 8.3.
        update("Shortcut", "Name", "wugeyi|" + e.get("Name"), f"`Shortcut`='{e.get('Id')}'", e.get("Name"))
        update("Shortcut", "Description", e.get("Description"), f"`Shortcut`='{e.get('Id')}'", e.get("Description"))
    elif tag == "MajorUpgrade":
        m = e.get("DowngradeErrorMessage")
        update("LaunchCondition", "Description", m, "`Condition`='NOT WIX_DOWNGRADE_DETECTED'", m)
# Every other Chinese string would be left empty: refuse.
for e in product.iter():
    for k, v in e.attrib.items():
        if not v.isascii() and v not in done and not (e.tag == ns + "Package" and k in ("Description", "Manufacturer")):
            sys.exit(f"msi: {e.tag[len(ns):]} {k}=\"{v}\": wixl would store it empty and this script does not set it")
PY
printf '\r\n\r\n%s\t_ForceCodepage\r\n' "$(sed -n 's/.*<Product [^>]*Codepage="\([0-9]*\)".*/\1/p' "$wxs")" >"$tmp/_ForceCodepage.idt"
(cd "$tmp" && msibuild out.msi -i _ForceCodepage.idt)
args=()
while IFS= read -r q; do args+=(-q "$q"); done <"$tmp/fix.sql"
msibuild "$tmp/out.msi" "${args[@]}"
name="$(msiinfo export "$tmp/out.msi" Property | sed -n 's/^ProductName\t//p' | tr -d '\r')"
[ "$name" = 五个一工作台 ] || {
	echo "msi: ProductName reads \"$name\", want 五个一工作台" >&2
	exit 1
}
mv "$tmp/out.msi" "$out"
echo "msi: $out ($(stat -c %s "$out") bytes) in $(($(date +%s) - start)) s"
