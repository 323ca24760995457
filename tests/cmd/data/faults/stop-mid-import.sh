#!/usr/bin/env bash
# The database goes away in the middle of an import, then comes back: the import fails
# (on PostgreSQL with a clear message), and the database holds nothing of it — not one
# person, not a journal entry — and takes the same import again afterwards.
#
#   stop-mid-import.sh N     (in a command test's directory; s40 on PATH)
#
# N persons are imported on PostgreSQL, three times as many on SQLite (which imports them
# faster), so that the fault falls in the middle.
#
# On PostgreSQL (S40_TEST_PG set) the test has a cluster of its own (tests/pg.sh), since
# stopping the shared one would stop every other test: the server is stopped with
# `pg_ctl stop -m immediate` (a crash: no shutdown checkpoint) and started again. On SQLite
# the import process itself is killed with SIGKILL. Prints one line a finding.
set -uo pipefail
n=${1:-30000}
[ -n "${S40_TEST_PG:-}" ] || n=$((n * 3))
root=$(cd "$TESTDATA/../../.." && pwd)

# N persons in village 75030702, with valid IDs.
awk -v n="$n" 'BEGIN {
	print "id,first_name,last_name,birth_date,village,thai"
	for (i = 0; i < n; i++) {
		d = sprintf("175030%06d", i); s = 0
		for (k = 1; k <= 12; k++) s += substr(d, k, 1) * (14 - k)
		printf "%s%d,ชื่อ%d,ทดสอบ,1980-01-01,75030702,yes\n", d, (11 - s % 11) % 10, i
	}
}' >persons.csv

if [ -n "${S40_TEST_PG:-}" ]; then
	unset S40_TEST_PG
	export TMPDIR=/tmp # the postgres user must reach the cluster's folder
	# shellcheck source=/dev/null
	source "$root/tests/pg.sh"
	pg_cluster_start >/dev/null || exit 1
	db=$(pg_uri faults)
	count() { pg_psql faults -A -t -c "SELECT count(*) FROM person"; }
else
	db=$PWD/faults.db
	count() { sqlite3 "$db" "SELECT count(*) FROM person"; }
fi
s40 init --db "$db" >/dev/null || exit 1

s40 import persons persons.csv --db "$db" >import.out 2>import.err &
pid=$!
# The fault falls while the import runs: after a second on PostgreSQL (which takes several
# for N rows), after half a second on SQLite (which takes a few for 3 N: its transaction
# stays in its page cache until the commit, so there is nothing on disk to watch).
if [ -n "${_pg_dir:-}" ]; then sleep 1; else sleep 0.5; fi
if ! kill -0 "$pid" 2>/dev/null; then
	echo "the import ended before the fault: make N larger"
	exit 1
fi
if [ -n "${_pg_dir:-}" ]; then
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate -w -s stop >/dev/null 2>&1
	echo "fault: the server stopped in the middle of the import" >&2
else
	kill -KILL "$pid"
	echo "fault: the import killed in its middle" >&2
fi
wait "$pid"
rc=$?
[ "$rc" -ne 0 ] && echo "the import failed" || echo "the import reported success ($rc)"
if [ -n "${_pg_dir:-}" ]; then
	# A clear error, its code, Thai then English, on one line.
	# (lost under a statement, or found lost and not back yet when the next one began)
	grep -qE '^s40: db_unavailable \(75\): (ขาดการเชื่อมต่อกับ PostgreSQL|ยังติดต่อ PostgreSQL ไม่ได้)[^/]* / (the connection to PostgreSQL was lost|PostgreSQL cannot be reached yet)' import.err &&
		echo "it said why" || { echo "its message:"; cat import.err; }
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/log" -w -s start >/dev/null 2>&1 ||
		{ echo "the server did not start again"; exit 1; }
else
	echo "it said why"
fi
echo "persons after restart: $(count)"
s40 journal verify --db "$db" --lang en | sed "s/the data ([0-9,]* rows/the data (N rows/"
s40 import persons persons.csv --db "$db" --lang en | tail -1
[ "$(count)" -eq "$n" ] && echo "all persons after the second import" || echo "persons after the second import: $(count) of $n"
s40 journal verify --db "$db" --lang en | sed "s/the data ([0-9,]* rows/the data (N rows/"
