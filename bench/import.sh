#!/usr/bin/env bash
# Benchmark of s40 import (not a test): the validated import of N persons and their
# memberships against the sqlite3 shell's own .import of the same file, in one run:
#   a. sqlite3 '.mode csv' '.import persons.csv t' into a new table with no index,
#   b. the same into a table with a UNIQUE index on the ID,
#   c. s40 init + s40 import persons (every row checked, the ID and village indexes,
#      one journal entry with the file's SHA-256, WAL, synchronous=FULL),
#   d. s40 import enrolments (about N/2 rows, each checked for eligibility),
#   e. s40 import exclusions (Section 33 cover that ends about a fifth of them),
# and prints wall time, rows/s, peak memory and the ratios c/a and c/b. The files come
# from bench/gen_import.c (valid IDs with check digits, real village codes from s40 init).
# DESIGN.md's aim: c at least as fast as a.
#
#   bench/import.sh [BUILD_DIR] [N] [KEEP_DB]     (defaults: build 10000000, none)
#
# BUILD_DIR is a release build (meson setup B --buildtype=release); N the number of
# persons; KEEP_DB, when given, is where the s40 database is left for bench/asof.sh. The
# figures and the command go in docs/PERFORMANCE.md. Needs sqlite3 and /usr/bin/time.
set -euo pipefail
build=${1:-build}
n=${2:-10000000}
keep=${3:-}
build=$(cd "$build" && pwd)
s40=$build/src/cli/s40
gen=$build/bench/gen_import
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok
today=2026-01-01 # the files hold dates up to 2025-12-31

for tool in sqlite3 /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "bench/import.sh: $tool is missing (apt-get install sqlite3 time)" >&2
		exit 1
	}
done
[ -x "$s40" ] && [ -x "$gen" ] || {
	echo "bench/import.sh: build $build first (ninja -C $build)" >&2
	exit 1
}
bt=$(python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "buildtype"))' \
	"$build/meson-info/intro-buildoptions.json" 2>/dev/null || echo unknown)
[ "$bt" = release ] || echo "bench/import.sh: warning: $build is a $bt build, not release" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-import.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed NAME CMD…: runs CMD with its output in $work/NAME.out, and keeps
# "seconds peak_kib" in $work/NAME.
timed() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || {
		echo "bench/import.sh: $name failed:" >&2
		tail -5 "$work/$name.out" >&2
		exit 1
	}
	cp "$work/$name.time" "$work/$name"
}

echo "s40 import bench: N=$n, $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), $bt build $build"

# The villages of the shipped geography, then the files.
"$s40" init --db "$work/geo.db" >/dev/null
sqlite3 "$work/geo.db" "SELECT code FROM area WHERE level = 4 AND code % 100 <> 0" \
	>"$work/villages.txt"
rm -f "$work/geo.db"*
t0=$(date +%s.%N)
"$gen" "$n" "$work/villages.txt" "$work" >"$work/gen.out"
t1=$(date +%s.%N)
read -r _ _ n_enrol _ n_excl _ <"$work/gen.out"
printf 'generated %s persons, %s enrolments, %s exclusions in %.1f s (%s MB of persons.csv)\n' \
	"$n" "$n_enrol" "$n_excl" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
	"$(($(stat -c %s "$work/persons.csv") / 1000000))"
sync

# a. the sqlite3 shell's .import into a new table: every column TEXT, no index.
timed plain sqlite3 "$work/plain.db" '.mode csv' '.import '"$work/persons.csv"' person'
got=$(sqlite3 "$work/plain.db" 'SELECT count(*) FROM person')
[ "$got" = "$n" ] || { echo "bench/import.sh: plain .import has $got rows" >&2; exit 1; }
rm -f "$work/plain.db"*

# b. the same with a UNIQUE index on the ID.
timed unique sqlite3 "$work/unique.db" \
	'CREATE TABLE person (id TEXT, title TEXT, first_name TEXT, last_name TEXT,
		birth_date TEXT, sex TEXT, thai TEXT, village TEXT, UNIQUE (id))' \
	'.mode csv' '.import --skip 1 '"$work/persons.csv"' person'
got=$(sqlite3 "$work/unique.db" 'SELECT count(*) FROM person')
[ "$got" = "$n" ] || { echo "bench/import.sh: unique .import has $got rows" >&2; exit 1; }
rm -f "$work/unique.db"*

# c–e. s40 on a fresh database.
db=$work/s40.db
timed init "$s40" init --db "$db"
timed persons "$s40" --today "$today" import persons "$work/persons.csv" --db "$db"
timed enrolments "$s40" --today "$today" import enrolments "$work/enrolments.csv" --db "$db"
timed exclusions "$s40" --today "$today" import exclusions "$work/exclusions.csv" --db "$db"
read -r p s e < <(sqlite3 -separator ' ' "$db" "SELECT (SELECT count(*) FROM person),
	(SELECT count(*) FROM spell), (SELECT count(*) FROM spell WHERE end_day IS NOT NULL)")
[ "$p" = "$n" ] && [ "$s" = "$n_enrol" ] && [ "$e" = "$n_excl" ] || {
	echo "bench/import.sh: the database holds $p persons, $s spells, $e ended" >&2
	exit 1
}

read -r a_s a_m <"$work/plain"
read -r b_s b_m <"$work/unique"
read -r i_s i_m <"$work/init"
read -r c_s c_m <"$work/persons"
read -r d_s d_m <"$work/enrolments"
read -r e_s e_m <"$work/exclusions"
echo
awk -v n="$n" -v ne="$n_enrol" -v nx="$n_excl" -v a="$a_s" -v am="$a_m" -v b="$b_s" \
	-v bm="$b_m" -v i="$i_s" -v c="$c_s" -v cm="$c_m" -v d="$d_s" -v dm="$d_m" -v e="$e_s" \
	-v em="$e_m" '
# time -f %e has 10 ms steps: a tiny N may take "0.00" s.
function t(s) { return s > 0 ? s : 0.01 }
BEGIN {
	fmt = "%-48s %10d rows %8.2f s %9.0f rows/s %7.0f MB peak\n"
	printf fmt, "a. sqlite3 .import, no index", n, a, n / t(a), am / 1024
	printf fmt, "b. sqlite3 .import, UNIQUE (id)", n, b, n / t(b), bm / 1024
	printf fmt, "c. s40 init + import persons (validated)", n, i + c, n / t(i + c), cm / 1024
	printf fmt, "d. s40 import enrolments", ne, d, ne / t(d), dm / 1024
	printf fmt, "e. s40 import exclusions (ends spells)", nx, e, nx / t(e), em / 1024
	printf "\nc / a (rows/s)   %.2f   (DESIGN aim: >= 1.00)\n", t(a) / t(i + c)
	printf "c / b (rows/s)   %.2f\n", t(b) / t(i + c)
	printf "persons + memberships (c+d) / a   %.2f\n", (t(a) / n) / (t(i + c + d) / (n + ne))
}'
echo "after: $(uptime | sed 's/.*load average/load average/')"
if [ -n "$keep" ]; then
	mv "$db" "$keep"
	echo "the s40 database is in $keep"
fi
