#!/usr/bin/env bash
# s40 import persons killed with SIGKILL, again and again: at random points of the import, and
# (SQLite) in the middle of its commit, when the write-ahead log has begun to grow. After each
# kill the database holds all of that file's persons or none, and its journal verifies.
# Each round imports a file of new IDs, so a round that got through leaves its persons and the
# next starts from there. Prints one line a finding.
#
#   kill-imports.sh ROUNDS N     (in a command test's directory, with $DB made; s40 on PATH)
set -uo pipefail
rounds=${1:-6}
n=${2:-20000}
count() { dbsql "SELECT count(*) FROM person"; }
file() { # file ROUND: N persons whose IDs are the round's own
	awk -v n="$n" -v r="$1" 'BEGIN {
		print "id,first_name,last_name,birth_date,village,thai"
		for (i = 0; i < n; i++) {
			d = sprintf("1750%02d%06d", r, i); s = 0
			for (k = 1; k <= 12; k++) s += substr(d, k, 1) * (14 - k)
			printf "%s%d,ชื่อ%d,ทดสอบ,1980-01-01,75030702,yes\n", d, (11 - s % 11) % 10, i
		}
	}' >"round$1.csv"
}
# How long one import takes here, on a file of its own (round 0, kept).
file 0
t0=$(date +%s%N)
s40 import persons round0.csv >/dev/null || { echo "the timing import failed"; exit 1; }
ms=$((($(date +%s%N) - t0) / 1000000))
wal="${DB}-wal"
bad=0 whole=0 none=0 at_commit=0
for r in $(seq 1 "$rounds"); do
	file "$r"
	before=$(count)
	s40 import persons "round$r.csv" >/dev/null 2>&1 &
	pid=$!
	if [ -z "${S40_TEST_PG:-}" ] && [ $((r % 2)) -eq 0 ]; then
		# In the commit: the log grows only when the transaction's pages are written out.
		w0=$(stat -c %s "$wal" 2>/dev/null || echo 0)
		while kill -0 "$pid" 2>/dev/null; do
			w=$(stat -c %s "$wal" 2>/dev/null || echo 0)
			[ "$w" -gt $((w0 + 262144)) ] && break
		done
		kill -KILL "$pid" 2>/dev/null && at_commit=$((at_commit + 1))
	else
		# Anywhere from the start to a little past the time a whole import takes.
		sleep "$(awk -v ms="$ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.2 * (r / 32768) / 1000 }')"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	got=$(($(count) - before))
	if [ "$got" -eq "$n" ]; then
		whole=$((whole + 1))
	elif [ "$got" -eq 0 ]; then
		none=$((none + 1))
	else
		bad=$((bad + 1))
		echo "round $r: $got of $n persons"
	fi
	s40 journal verify --lang en >/dev/null 2>&1 || { echo "round $r: the journal does not verify"; bad=$((bad + 1)); }
done
echo "rounds: $rounds, half-written: $bad"
[ -z "${S40_TEST_PG:-}" ] && echo "killed in the commit: $at_commit" >&2
echo "whole: $whole, none: $none" >&2
exit 0
