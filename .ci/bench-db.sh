#!/bin/bash
# bench-db.sh — builds the databases the window benchmark opens, once, and
# keeps them in .ci/out/bench/ for the next run:
#
#   county2.db  海港区 with 2 years of demo records;
#   city10.db   the city bureau with 10 years of its own demo records and the
#               nine counties' 10 years each, imported from their sync files
#               as the city receives them (10 offices × 10 years).
#
# It builds them with the real binary (init, card, trust, demo, export,
# import), as .ci/sync-round does. A database is rebuilt only when it is
# missing; delete .ci/out/bench/ to start again.
#
# Usage: .ci/bench-db.sh [path/to/wugeyi]   (builds the binary when not given)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$PWD/.ci/out/bench
mkdir -p "$out"
bin=${1:-}
if [ -z "$bin" ]; then
	bin=$out/wugeyi-db
	go build -o "$bin" .
fi
bin=$(realpath "$bin")
export LANG=C.UTF-8

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

if [ ! -s "$out/county2.db" ]; then
	echo "bench-db: county2.db (海港区, 2 years)"
	"$bin" init -db county2.db -office 130302 -name 海港区 -role county >/dev/null
	"$bin" demo -db county2.db -years 2 -seed 1 >/dev/null
	mv county2.db "$out/county2.db"
fi

if [ ! -s "$out/city10.db" ]; then
	echo "bench-db: city10.db (10 offices × 10 years); this takes a few minutes"
	counties="130302 130303 130304 130306 130321 130322 130324 130371 130372"
	"$bin" init -db city.db -office 130300 -name 秦皇岛市工业和信息化局 -role city >/dev/null
	"$bin" card -db city.db -o city.card >/dev/null
	for c in $counties; do
		"$bin" init -db "$c.db" -office "$c" -name "县区$c" -role county >/dev/null
		"$bin" card -db "$c.db" -o "$c.card" >/dev/null
		"$bin" trust -db city.db "$c.card" >/dev/null
		"$bin" trust -db "$c.db" city.card >/dev/null
	done
	# Two at a time: a 2-core machine.
	demo_export() {
		"$bin" demo -db "$1.db" -years 10 -seed "$1" >/dev/null
		mkdir -p "files-$1"
		"$bin" export -db "$1.db" -o "files-$1" -all >/dev/null
	}
	set -- $counties
	while [ $# -gt 0 ]; do
		demo_export "$1" &
		a=$!
		b=""
		if [ $# -gt 1 ]; then
			demo_export "$2" &
			b=$!
		fi
		wait "$a"
		[ -z "$b" ] || wait "$b"
		shift $(($# > 1 ? 2 : 1))
	done
	"$bin" demo -db city.db -years 10 -seed 130300 >/dev/null
	for c in $counties; do
		"$bin" import -db city.db "files-$c"/* >/dev/null
	done
	"$bin" stats -db city.db >"$out/city10.stats.json"
	mv city.db "$out/city10.db"
fi
echo "bench-db: $out/county2.db $out/city10.db"
