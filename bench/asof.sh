#!/usr/bin/env bash
# Benchmark of the as-of index (not a test): "active Section 40 members by village on a
# day", for the whole country, answered by the index of lib/stats/asof.c (bench/asof.c)
# against the same count as one SQL GROUP BY over the same spells in DuckDB and in the
# sqlite3 shell, in one run on one database:
#   1. bench/asof builds the index from every spell (timed: s40 serve does it once at
#      start, with its memory), then times 50 days of the count by village for the
#      country and for its largest province, 20,000 totals of a random area on a random
#      day at each level (country, province, district, subdistrict) and 20,000 writes as
#      the server makes them after commits; then builds the attainment index (new
#      members by area and start day, lib/stats/attainment.c: timed, with its memory)
#      and both indexes again from one read of the spells (as s40 serve builds them),
#      and times 20,000 attainment totals of a random area at each level from the start
#      of a random fiscal year to a random day of it, checked to add up level by level;
#      then builds the coverage index of surveyed villages (lib/stats/coverage.h: timed,
#      with its memory) and times 20,000 of its totals of a random area at each level on
#      a random day of 2024–2025, checked to add up level by level and, for the largest
#      province, to equal what the reports compute from the store;
#   2. DuckDB (the @duckdb/node-api npm package, installed by this script into
#      BUILD_DIR/duckdb-node, not into the repository) loads the spells exported from the
#      database into an in-memory table (untimed), then runs
#        SELECT village, count(*) FROM spell WHERE start_day <= D AND
#        (end_day IS NULL OR end_day > D) GROUP BY village
#      (a spell is half-open, docs/DECISIONS.md) five times for each of three of those
#      days, timed from the query to its result materialised in DuckDB; its answers must
#      equal the index's;
#   3. sqlite3 runs the same query once for each of the three days, timed, and its
#      answers must equal the index's too.
# Prints the times, DuckDB / index and SQLite / index (medians), and each figure beside
# its aim (docs/PERFORMANCE.md): by village under 1/100 of DuckDB's time, area totals
# under 10 µs, the build at 11 M spells under 5 s.
#
#   bench/asof.sh [BUILD_DIR] [N [KEEP_DB] | DB]     (defaults: build 10000000)
#
# With N, a database of N persons, their enrolments (about N/2) and the Section 33 cover
# that ends about a fifth of those is made first with bench/gen_import and s40 import (as
# bench/import.sh does, untimed), with two rounds of surveys (below), and kept as
# KEEP_DB when given (a file that must not exist yet); with DB, that database is used as
# it is (for instance one kept so, or the one bench/import.sh BUILD N DB leaves, which has
# no survey). BUILD_DIR is a release build. The figures
# and the command go in docs/PERFORMANCE.md. Needs sqlite3, /usr/bin/time, and for the
# DuckDB reference node and npm (without them, or when npm cannot fetch the package, the
# run goes on with the SQLite reference alone and says so).
set -euo pipefail
build=${1:-build}
what=${2:-10000000}
build=$(cd "$build" && pwd)
s40=$build/src/cli/s40
gen=$build/bench/gen_import
asof=$build/bench/asof
duck_dir=$build/duckdb-node
duck_pkg=@duckdb/node-api@1.5.6-r.1
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

# DuckDB, once per build directory.
duck=yes
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	duck="no: node or npm is missing"
elif [ ! -f "$duck_dir/node_modules/@duckdb/node-api/package.json" ]; then
	echo "installing $duck_pkg into $duck_dir …"
	if ! npm install --prefix "$duck_dir" --no-audit --no-fund --no-save "$duck_pkg" \
		>"$work/npm.log" 2>&1; then
		duck="no: npm install $duck_pkg failed: $(grep -m1 -i 'err' "$work/npm.log" || tail -1 "$work/npm.log")"
	fi
fi

echo "s40 as-of bench: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
if [ -f "$what" ]; then
	db=$what
	echo "database $db"
else
	db=${3:-$work/s40.db}
	[ ! -e "$db" ] || {
		echo "bench/asof.sh: $db exists already" >&2
		exit 1
	}
	echo "making a database of $what persons …"
	"$s40" init --db "$db" >/dev/null
	sqlite3 "$db" "SELECT code FROM area WHERE level = 4 AND code % 100 <> 0" \
		>"$work/villages.txt"
	"$gen" "$what" "$work/villages.txt" "$work" >/dev/null
	for kind in persons enrolments exclusions; do
		"$s40" --today "$today" import "$kind" "$work/$kind.csv" --db "$db" >/dev/null
	done
	rm -f "$work"/*.csv
	# Two rounds of surveys, as a campaign goes: on 1 September 2024 every resident
	# 16–63 of each subdistrict's หมู่ 1, on 1 September 2025 those of หมู่ 1 and 2,
	# each recorded as a member when a spell of theirs was in force that day and as
	# uninsured otherwise (the register has the last word on Section 33 cover); and
	# a threshold of 50 %, so that some villages are fully covered.
	survey_round() { # DAY VILLAGE_PARTS
		local d
		d=$(($(date -u -d "$1" +%s) / 86400))
		sqlite3 -csv "$db" "SELECT p.village, '$1', p.id,
			CASE WHEN EXISTS (SELECT 1 FROM spell s WHERE s.person = p.id AND
				s.start_day <= $d AND (s.end_day IS NULL OR s.end_day > $d))
			THEN 'member' ELSE 'uninsured' END, ''
			FROM person p WHERE p.village % 100 IN ($2)
			AND p.birth_day > $d - 64 * 365 AND p.birth_day <= $d - 16 * 365"
	}
	{
		echo 'village,date,id,status,reason'
		survey_round 2024-09-01 1
		survey_round 2025-09-01 1,2
	} >"$work/survey.csv"
	"$s40" --today "$today" import survey "$work/survey.csv" --db "$db" >/dev/null
	"$s40" survey threshold 50 --db "$db" >/dev/null
	rm -f "$work/survey.csv"
fi
read -r persons spells ended < <(sqlite3 -separator ' ' "$db" "SELECT
	(SELECT count(*) FROM person), count(*), count(end_day) FROM spell")
echo "$persons persons, $spells spells ($ended ended)"
read -r n_surveys n_residents < <(sqlite3 -separator ' ' "$db" "SELECT count(*),
	(SELECT count(*) FROM survey_resident) FROM survey")
echo "$n_surveys surveys of $n_residents residents, fully covered at $("$s40" survey threshold \
	--db "$db" | grep -o '[0-9.]*%' | head -1)"

day_of() { echo $(($(date -u -d "$1" +%s) / 86400)); }
check_days=("$(day_of 2015-06-30)" "$(day_of 2019-10-31)" "$(day_of 2025-12-31)")

# 1. The index.
/usr/bin/time -f '%e %M' -o "$work/asof.time" "$asof" "$db" "$work" "${check_days[@]}" \
	>"$work/asof.out"
get() { awk -v k="$1" '$1 == k { print $2 }' "$work/asof.out"; }
read -r _ asof_peak_kib <"$work/asof.time"

same() { # NAME DAY FILE: FILE (village|n lines, any order) is the index's answer
	sort -t'|' -k1,1n "$3" >"$3.sorted"
	if ! cmp -s "$3.sorted" "$work/asof-$2.csv"; then
		echo "bench/asof.sh: the index and $1 differ on day $2:" >&2
		diff "$3.sorted" "$work/asof-$2.csv" | head -5 >&2
		exit 1
	fi
}

# 2. DuckDB.
duck_median=
if [ "$duck" = yes ]; then
	sqlite3 -csv "$db" "SELECT village, start_day, end_day FROM spell" >"$work/spells.csv"
	cat >"$work/duckdb.cjs" <<'EOF'
// DuckDB's side of bench/asof.sh: node duckdb.cjs MODULE_DIR CSV OUTDIR DAY…
const { createRequire } = require('module');
const [dir, csv, out, ...days] = process.argv.slice(2);
const { DuckDBInstance } = createRequire(dir + '/')('@duckdb/node-api');
const fs = require('fs');
(async () => {
	const db = await DuckDBInstance.create(':memory:');
	const c = await db.connect();
	const v = (await (await c.run('SELECT version()')).getRows())[0][0];
	const threads = (await (await c.run("SELECT current_setting('threads')")).getRows())[0][0];
	await c.run(`CREATE TABLE spell AS SELECT * FROM read_csv('${csv}', header = false,
		columns = {'village': 'INTEGER', 'start_day': 'INTEGER', 'end_day': 'INTEGER'})`);
	console.log(`duckdb_version ${v}`);
	console.log(`duckdb_threads ${threads}`);
	for (const d of days) {
		const q = `SELECT village, count(*) FROM spell WHERE start_day <= ${d} AND
			(end_day IS NULL OR end_day > ${d}) GROUP BY village`;
		const t = [];
		let r;
		for (let k = 0; k < 5; k++) {
			const a = process.hrtime.bigint();
			r = await c.run(q);
			t.push(Number(process.hrtime.bigint() - a) / 1e6);
		}
		t.sort((x, y) => x - y);
		console.log(`duckdb_ms_${d} ${t[2]} ${t.join(',')}`);
		const rows = await r.getRows();
		fs.writeFileSync(`${out}/duckdb-${d}.txt`,
			rows.map(([vil, n]) => `${vil}|${n}`).join('\n') + '\n');
	}
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
EOF
	node "$work/duckdb.cjs" "$duck_dir" "$work/spells.csv" "$work" "${check_days[@]}" \
		>"$work/duckdb.out"
	rm -f "$work/spells.csv"
	duck_times=()
	for d in "${check_days[@]}"; do
		same DuckDB "$d" "$work/duckdb-$d.txt"
		duck_times+=("$(awk -v k="duckdb_ms_$d" '$1 == k { print $2 }' "$work/duckdb.out")")
	done
	duck_median=$(printf '%s\n' "${duck_times[@]}" | sort -n | sed -n 2p)
fi

# 3. SQLite.
sql_times=()
for d in "${check_days[@]}"; do
	TIMEFORMAT=%R
	{ time sqlite3 "$db" "SELECT village, count(*) FROM spell WHERE start_day <= $d AND
		(end_day IS NULL OR end_day > $d) GROUP BY village" >"$work/sql-$d.txt"; } \
		2>"$work/sql-$d.time"
	sql_times+=("$(cat "$work/sql-$d.time")")
	same SQLite "$d" "$work/sql-$d.txt"
	printf 'day %s (%s): %s villages with members, %s members: index = SQLite%s\n' "$d" \
		"$(date -u -d "@$((d * 86400))" +%F)" "$(wc -l <"$work/asof-$d.csv")" \
		"$(awk -F'|' '{ s += $2 } END { print s }' "$work/asof-$d.csv")" \
		"$([ "$duck" = yes ] && echo ' = DuckDB')"
done
sql_median=$(printf '%s\n' "${sql_times[@]}" | sort -n | sed -n 2p)

met() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? "met" : "NOT met") }'; }
echo
build_aim="aim < 5 s at 11 M spells"
if [ "$(get spells)" -ge 10000000 ]; then
	build_aim="$build_aim: $(met "$(get build_s)" 5)"
fi
printf 'index: %s spells, %s villages, build %.3f s, %.3f s of CPU (%s)\n' "$(get spells)" \
	"$(get villages)" "$(get build_s)" "$(get build_cpu_s)" "$build_aim"
printf 'index memory %s MB: villages %s, area totals %s, events by day %s, snapshots %s (%s chunks)\n' \
	"$(get mem_total_mb)" "$(get mem_villages_mb)" "$(get mem_totals_mb)" \
	"$(get mem_events_mb)" "$(get mem_snapshots_mb)" "$(get chunks)"
printf 'process: %s MB resident after opening the store, %s MB with the index built; peak %s MB\n' \
	"$(get rss_open_mb)" "$(get rss_built_mb)" "$((asof_peak_kib / 1024))"
printf 'by village, whole country, 50 days     median %8.3f ms   max %8.3f ms\n' \
	"$(get by_village_median_ms)" "$(get by_village_max_ms)"
printf 'by village, province %s, 50 days       median %8.3f ms   max %8.3f ms\n' \
	"$(get province)" "$(get province_by_village_median_ms)" "$(get province_by_village_max_ms)"
for l in country province district subdistrict; do
	printf 'total of a %-11s (%5s areas) median %6.3f µs  p99 %6.3f µs  max %8.3f µs (aim < 10 µs: %s)\n' \
		"$l" "$(get "total_${l}_areas")" "$(get "total_${l}_median_us")" \
		"$(get "total_${l}_p99_us")" "$(get "total_${l}_max_us")" \
		"$(met "$(get "total_${l}_p99_us")" 10)"
done
printf 'attainment index: %s new members, build %.3f s, %.3f s of CPU; %s MB: every start of villages and subdistricts %s, running counts %s, areas %s; process %s MB after it\n' \
	"$(get attain_starts)" "$(get attain_build_s)" "$(get attain_build_cpu_s)" \
	"$(get attain_mem_total_mb)" "$(get attain_mem_every_start_mb)" \
	"$(get attain_mem_counted_mb)" "$(get attain_mem_areas_mb)" "$(get rss_attain_mb)"
printf 'both indexes from one read of the spells (as s40 serve starts): %.3f s, %.3f s of CPU\n' \
	"$(get both_build_s)" "$(get both_build_cpu_s)"
for l in country province district subdistrict; do
	printf 'attainment of a %-11s             median %6.3f µs  p99 %6.3f µs  max %8.3f µs (aim < 10 µs: %s)\n' \
		"$l" "$(get "attain_${l}_median_us")" "$(get "attain_${l}_p99_us")" \
		"$(get "attain_${l}_max_us")" "$(met "$(get "attain_${l}_p99_us")" 10)"
done
printf 'coverage index: %s residents of the surveys, %s village-days, %s days of areas above; build %.3f s, %.3f s of CPU; %s MB (process +%s MB)\n' \
	"$(get cov_residents)" "$(get cov_village_days)" "$(get cov_area_days)" \
	"$(get cov_build_s)" "$(get cov_build_cpu_s)" "$(get cov_mem_mb)" "$(get cov_rss_growth_mb)"
printf 'coverage on %s: %s villages surveyed, %s fully covered, %s tambons achieved; %s members of %s eligible, %s surveyed\n' \
	"$(date -u -d "@$((check_days[2] * 86400))" +%F)" "$(get cov_villages_surveyed)" \
	"$(get cov_villages_full)" "$(get cov_tambons_achieved)" "$(get cov_members)" \
	"$(get cov_eligible)" "$(get cov_surveyed)"
printf 'coverage of province %s from the store (the reports'"'"' way): %.3f s, %s villages surveyed: the same totals as the index\n' \
	"$(get province)" "$(get cov_province_from_store_s)" "$(get cov_check_villages)"
for l in country province district subdistrict; do
	printf 'coverage of a %-11s               median %6.3f µs  p99 %6.3f µs  max %8.3f µs (aim < 10 µs: %s)\n' \
		"$l" "$(get "cov_${l}_median_us")" "$(get "cov_${l}_p99_us")" \
		"$(get "cov_${l}_max_us")" "$(met "$(get "cov_${l}_p99_us")" 10)"
done
printf 'writes (add/end), 20,000                median %6.3f µs  p99 %6.3f µs  max %8.3f µs\n' \
	"$(get write_median_us)" "$(get write_p99_us)" "$(get write_max_us)"
if [ "$duck" = yes ]; then
	printf 'DuckDB GROUP BY, 3 days x 5            median %8.1f ms   (days: %s ms; DuckDB %s, %s threads)\n' \
		"$duck_median" "$(awk '/^duckdb_ms_/ { printf "%s%.1f", s, $2; s = " | " }' \
		"$work/duckdb.out")" "$(awk '$1 == "duckdb_version" { print $2 }' "$work/duckdb.out")" \
		"$(awk '$1 == "duckdb_threads" { print $2 }' "$work/duckdb.out")"
else
	echo "DuckDB reference: $duck"
fi
printf 'SQLite GROUP BY (sqlite3), 3 days      median %8.0f ms   (%s s)\n' \
	"$(awk -v t="$sql_median" 'BEGIN { print t * 1000 }')" "${sql_times[*]}"
awk -v s="$sql_median" -v d="$duck_median" -v i="$(get by_village_median_ms)" 'BEGIN {
	if (d != "")
		printf "DuckDB / index (by village, medians)   %9.0f x   (aim >= 100: %s)\n",
			d / i, (d / i >= 100 ? "met" : "NOT met")
	printf "SQLite / index (by village, medians)   %9.0f x\n", s * 1000 / i
}'
echo "after: $(uptime | sed 's/.*load average/load average/')"
