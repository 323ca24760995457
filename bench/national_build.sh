#!/usr/bin/env bash
# The national database of bench/national.sh, built through `s40 import` and the target
# commands so that it is one s40 itself wrote (journal, indexes, everything):
#
#   bench/national_build.sh BUILD_DIR DIR [N] [PAYERS]      (defaults: 20000000 100)
#
# Writes DIR/national.db from the files of bench/gen_national.c (kept in DIR/csv), N
# persons over the level-4 areas of `s40 init`. PAYERS is 100 (a year of monthly payments
# for 1/100 of the members) or 10 (then also 9/100 more, so 1/10). Each step leaves a mark
# DIR/done.STEP and is skipped when its mark is there: an interrupted build goes on where
# it stopped, and `PAYERS=10` after `100` only adds the second payment file. Each step's
# wall time, peak memory and the database's size after it go to DIR/build.log.
set -euo pipefail
build=$(cd "${1:?usage: national_build.sh BUILD_DIR DIR [N] [PAYERS]}" && pwd)
dir=${2:?usage: national_build.sh BUILD_DIR DIR [N] [PAYERS]}
n=${3:-20000000}
payers=${4:-100}
s40=$build/src/cli/s40
gen=$build/bench/gen_national
today=2026-01-01 # the files hold dates up to 2025-12-31
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok
case $payers in 100 | 10) ;; *) echo "national_build.sh: PAYERS is 100 or 10" >&2; exit 2 ;; esac
[ -x "$s40" ] && [ -x "$gen" ] || {
	echo "national_build.sh: build $build first (ninja -C $build)" >&2
	exit 1
}
mkdir -p "$dir/csv"
dir=$(cd "$dir" && pwd)
db=$dir/national.db
log=$dir/build.log

# step NAME CMD…: runs CMD once (unless DIR/done.NAME exists), logging its time.
step() {
	local name=$1
	shift
	[ -e "$dir/done.$name" ] && return 0
	echo "national_build.sh: $name …" >&2
	/usr/bin/time -f '%e %M' -o "$dir/$name.time" bash -c '"$@"' _ "$@" \
		>"$dir/$name.out" 2>&1 || {
		echo "national_build.sh: $name failed:" >&2
		tail -5 "$dir/$name.out" >&2
		exit 1
	}
	local size=0
	[ -e "$db" ] && size=$(($(stat -c %s "$db") / 1000000))
	read -r secs kib <"$dir/$name.time"
	printf '%-14s %9.1f s %7d MB peak   db %6d MB   %s   load %s\n' "$name" "$secs" \
		$((kib / 1024)) "$size" "$(date -u +%FT%TZ)" \
		"$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log" >&2
	touch "$dir/done.$name"
}

areas() {
	"$s40" init --db "$dir/geo.db" >/dev/null
	sqlite3 "$dir/geo.db" "SELECT code FROM area WHERE level = 4 ORDER BY code" \
		>"$dir/csv/areas.txt"
	rm -f "$dir/geo.db"*
	"$gen" "$n" "$dir/csv/areas.txt" "$dir/csv"
}

imp() { "$s40" --today "$today" import "$1" "$dir/csv/$2" --db "$db"; }

# targets FY: a target for every province (a tenth of its members so far, at least 1),
# each divided among its districts by their surveyed eligible residents. One fiscal year
# only: each `target allocate --by share` takes seconds at national size.
targets() {
	local fy=$1
	sqlite3 -separator ' ' "$db" \
		"SELECT province, max(1, count(*) / 10) FROM spell GROUP BY province" |
		while read -r prov target; do
			"$s40" --today "$today" target set --fy "$fy" --area "$prov" --target "$target" \
				--db "$db" >/dev/null
			"$s40" --today "$today" target allocate --fy "$fy" --area "$prov" --by share \
				--db "$db" >/dev/null
		done
}

export s40 gen dir db n today
export -f areas imp targets
step generate areas
step init "$s40" init --db "$db"
step persons imp persons persons.csv
step enrolments imp enrolments enrolments.csv
step exclusions imp exclusions exclusions.csv
step survey imp survey survey.csv
step targets2568 targets 2568 # fiscal year 2568: October 2024 to September 2025
step ledger imp payments ledger.csv
step payments_100 imp payments payments_100.csv
[ "$payers" = 10 ] && step payments_10 imp payments payments_10.csv
echo "national_build.sh: $db holds $(($(stat -c %s "$db") / 1000000)) MB" >&2
