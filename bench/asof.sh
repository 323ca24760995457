#!/usr/bin/env bash
# Benchmark of the as-of index (not a test): "active Section 40 members by village on a
# day", for the whole country, answered by the index of lib/stats/asof.c (bench/asof.c)
# against the same count as one SQL GROUP BY over the spell table in the sqlite3 shell,
# in one run on one database:
#   1. bench/asof builds the index from every spell (timed: s40 serve does it once at
#      start), then times 50 days of the count by village and of the national total,
#      and reports its memory;
#   2. sqlite3 runs SELECT village, count(*) FROM spell WHERE start_day <= D AND
#      (end_day IS NULL OR end_day > D) GROUP BY village (a spell is half-open,
#      docs/DECISIONS.md) for three of those days, timed, and its answer must equal the
#      index's for each.
# Prints the times and the ratio SQL / index. DESIGN.md's aim: under 1/100 of DuckDB's
# 0.44 s, i.e. 4.4 ms, and under 2 GB of server memory for 20 M people.
#
#   bench/asof.sh [BUILD_DIR] [N | DB]     (defaults: build 10000000)
#
# With N, a database of N persons, their enrolments (about N/2) and the Section 33 cover
# that ends about a fifth of those is made first with bench/gen_import and s40 import (as
# bench/import.sh does, untimed); with DB, that database is used as it is (for instance
# the one bench/import.sh BUILD N DB leaves). BUILD_DIR is a release build. The figures
# and the command go in docs/PERFORMANCE.md. Needs sqlite3 and /usr/bin/time.
set -euo pipefail
build=${1:-build}
what=${2:-10000000}
build=$(cd "$build" && pwd)
s40=$build/src/cli/s40
gen=$build/bench/gen_import
asof=$build/bench/asof
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok
today=2026-01-01

for tool in sqlite3 /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "bench/asof.sh: $tool is missing (apt-get install sqlite3 time)" >&2
		exit 1
	}
done
[ -x "$s40" ] && [ -x "$gen" ] && [ -x "$asof" ] || {
	echo "bench/asof.sh: build $build first (ninja -C $build)" >&2
	exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-asof.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "s40 as-of bench: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
if [ -f "$what" ]; then
	db=$what
	echo "database $db"
else
	db=$work/s40.db
	echo "making a database of $what persons …"
	"$s40" init --db "$db" >/dev/null
	sqlite3 "$db" "SELECT code FROM area WHERE level = 4 AND code % 100 <> 0" \
		>"$work/villages.txt"
	"$gen" "$what" "$work/villages.txt" "$work" >/dev/null
	for kind in persons enrolments exclusions; do
		"$s40" --today "$today" import "$kind" "$work/$kind.csv" --db "$db" >/dev/null
	done
	rm -f "$work"/*.csv
fi
read -r persons spells ended < <(sqlite3 -separator ' ' "$db" "SELECT
	(SELECT count(*) FROM person), count(*), count(end_day) FROM spell")
echo "$persons persons, $spells spells ($ended ended)"

day_of() { echo $(($(date -u -d "$1" +%s) / 86400)); }
check_days=("$(day_of 2015-06-30)" "$(day_of 2019-10-31)" "$(day_of 2025-12-31)")

# 1. The index.
/usr/bin/time -f '%e %M' -o "$work/asof.time" "$asof" "$db" "$work" "${check_days[@]}" \
	>"$work/asof.out"
get() { awk -v k="$1" '$1 == k { print $2 }' "$work/asof.out"; }
read -r _ asof_peak_kib <"$work/asof.time"

# 2. The SQL reference, and the check.
sql_times=()
for d in "${check_days[@]}"; do
	TIMEFORMAT=%R
	{ time sqlite3 "$db" "SELECT village, count(*) FROM spell WHERE start_day <= $d AND
		(end_day IS NULL OR end_day > $d) GROUP BY village" >"$work/sql-$d.txt"; } \
		2>"$work/sql-$d.time"
	sql_times+=("$(cat "$work/sql-$d.time")")
	sort "$work/sql-$d.txt" >"$work/sql-$d.sorted"
	if ! cmp -s "$work/sql-$d.sorted" "$work/asof-$d.csv"; then
		echo "bench/asof.sh: the index and SQL differ on day $d:" >&2
		diff "$work/sql-$d.sorted" "$work/asof-$d.csv" | head -5 >&2
		exit 1
	fi
	printf 'day %s (%s): %s villages with members, %s members: index = SQL\n' "$d" \
		"$(date -u -d "@$((d * 86400))" +%F)" "$(wc -l <"$work/asof-$d.csv")" \
		"$(awk -F'|' '{ s += $2 } END { print s }' "$work/asof-$d.csv")"
done
sql_median=$(printf '%s\n' "${sql_times[@]}" | sort -n | sed -n 2p)

echo
printf 'index build (once, at start)               %9.3f s\n' "$(get build_s)"
printf 'by village, whole country, 50 days        median %8.3f ms   max %8.3f ms\n' \
	"$(get by_village_median_ms)" "$(get by_village_max_ms)"
printf 'national total, 50 days                   median %8.3f ms   max %8.3f ms\n' \
	"$(get total_median_ms)" "$(get total_max_ms)"
printf 'SQL GROUP BY (sqlite3), 3 days            median %8.0f ms   (%s s)\n' \
	"$(awk -v t="$sql_median" 'BEGIN { print t * 1000 }')" "${sql_times[*]}"
awk -v s="$sql_median" -v i="$(get by_village_median_ms)" 'BEGIN {
	printf "SQL / index (by village, medians)         %9.0f x\n", s * 1000 / i
	printf "aim: by village under 4.4 ms (DESIGN: 1/100 of DuckDB 0.44 s): %s\n",
		(i < 4.4 ? "met" : "NOT met")
}'
printf 'memory: %s MB after opening the store, %s MB with the index built; process peak %s MB\n' \
	"$(get rss_open_mb)" "$(get rss_built_mb)" "$((asof_peak_kib / 1024))"
echo "after: $(uptime | sed 's/.*load average/load average/')"
