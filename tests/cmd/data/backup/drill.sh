#!/usr/bin/env bash
# The restore drill of s40 backup: a SQLite database served by s40 serve takes enrolments
# from several clients at once; s40 backup copies it in the middle of that load; then the
# backup is restored (put in the database's place) and served again. Every enrolment the
# server acknowledged (HTTP 201) before the backup began must be in the restored database,
# and the restored database must hold exactly the enrolments of one moment: its journal a
# prefix of the live journal, its enrolments those the live database had committed up to
# that entry, each one acknowledged, none sent after the backup ended.
#
#   drill.sh [CLIENTS] [PER_CLIENT]     (in a command test's directory; s40 on PATH)
#
# SQLite only: on the PostgreSQL pass (S40_TEST_PG set) it says so and does nothing, as
# PostgreSQL is backed up with pg_basebackup and WAL archiving (docs/DEPLOY.md), which s40
# backup refuses (tests/cmd/085-backup.t). Prints one line a finding; exits 1 at the first
# that does not hold, 0 when all do.
set -uo pipefail
clients=${1:-4}
per=${2:-150}
if [ -n "${S40_TEST_PG:-}" ]; then
	echo "skipped: the drill is of a SQLite file; PostgreSQL is backed up with pg_basebackup"
	exit 0
fi
db=$PWD/drill.db
today=2026-01-01
village=75030702
n=$((clients * per + 1)) # the last person is enrolled on the restored database

# A failure leaves no server or client running.
pid=
pids=()
cleanup()
{
	local p
	for p in "${pids[@]}" $pid; do
		kill -TERM "$p" 2>/dev/null
	done
	wait 2>/dev/null
}
trap cleanup EXIT

fail()
{
	echo "FAILED: $*"
	for f in serve.err serve2.err backup.err; do
		[ -s "$f" ] && { echo "$f:"; sed 's/^/  /' "$f"; }
	done
	exit 1
}

# serve DB OUT ERR: starts s40 serve on DB; sets pid and url.
serve()
{
	# The files exist before the first look at them: the server's shell opens them
	# only when it has started, which may come after.
	: >"$2"
	: >"$3"
	s40 serve --db "$1" --listen 127.0.0.1:0 --today "$today" >"$2" 2>"$3" &
	pid=$!
	local i port=
	for ((i = 0; i < 100; i++)); do
		port=$(sed -n 's|^s40: listening on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' "$2")
		[ -n "$port" ] && break
		kill -0 "$pid" 2>/dev/null || fail "s40 serve did not start"
		sleep 0.1
	done
	[ -n "$port" ] || fail "s40 serve printed no port"
	url=http://127.0.0.1:$port
}

# stop: SIGTERM to the server, which must exit 0.
stop()
{
	local rc
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	pid=
	[ "$rc" -eq 0 ] || fail "s40 serve exited with status $rc"
}

# login: the admin's bearer token.
login()
{
	curl -s --max-time 30 -H 'Content-Type: application/json' \
		-d '{"name":"admin","password":"admin-secret"}' "$url/api/v1/auth/login" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# enrol ID: prints the HTTP status of enrolling ID (000: no answer).
enrol()
{
	curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Authorization: Bearer $token" \
		-H 'Content-Type: application/json' \
		-d "{\"id\":\"$1\",\"option\":1,\"date\":\"2025-12-01\"}" "$url/api/v1/enrolments"
}

# N persons in one village, with valid national IDs, and an admin.
awk -v n="$n" 'BEGIN {
	print "id,first_name,last_name,birth_date,village,thai"
	for (i = 0; i < n; i++) {
		d = sprintf("175031%06d", i); s = 0
		for (k = 1; k <= 12; k++) s += substr(d, k, 1) * (14 - k)
		printf "%s%d,ซ้อม%d,กู้คืน,1980-01-01,75030702,yes\n", d, (11 - s % 11) % 10, i
	}
}' >persons.csv
mapfile -t ids < <(tail -n +2 persons.csv | cut -d, -f1)
s40 init --db "$db" --today "$today" >/dev/null || fail "s40 init"
s40 import persons persons.csv --db "$db" --today "$today" >/dev/null || fail "s40 import"
echo admin-secret | s40 user add admin --role admin --insecure-test-hash --db "$db" >/dev/null ||
	fail "s40 user add"

serve "$db" serve.out serve.err
token=$(login)
[ -n "$token" ] || fail "no token from the login"

# The load: each client enrols its share of the persons one after another and writes a
# line per request: ID, when it was sent, when its answer came (microseconds), the status.
client()
{
	local c=$1 i t0 t1 code
	for ((i = c; i < clients * per; i += clients)); do
		[ -e stop ] && break
		t0=${EPOCHREALTIME/./}
		code=$(enrol "${ids[i]}")
		t1=${EPOCHREALTIME/./}
		echo "${ids[i]} $t0 $t1 $code" >>"sent.$c"
	done
}
for ((c = 0; c < clients; c++)); do
	: >"sent.$c"
	client "$c" &
	pids+=($!)
done
# acked: the enrolments acknowledged so far.
acked() { cat sent.* | awk '$4 == 201' | wc -l; }

# The backup, once a quarter of the load is acknowledged, while the clients go on.
for ((i = 0; i < 600 && $(acked) < clients * per / 4; i++)); do
	sleep 0.05
done
b0=${EPOCHREALTIME/./}
s40 backup --db "$db" backup.db >backup.out 2>backup.err || fail "s40 backup exited with status $?"
b1=${EPOCHREALTIME/./}
# The load goes on after it, then stops.
at_backup=$(acked)
for ((i = 0; i < 600 && $(acked) < at_backup + clients * per / 4; i++)); do
	sleep 0.05
done
touch stop
for p in "${pids[@]}"; do
	wait "$p"
done
pids=()
stop
cat sent.* >sent
awk '$4 != 201' sent >refused
[ -s refused ] && { echo "not acknowledged:"; cat refused; fail "some enrolments were not acknowledged"; }

before=$(awk -v b0="$b0" '$3 < b0' sent | wc -l)
during=$(awk -v b0="$b0" -v b1="$b1" '$2 < b1 && $3 > b0' sent | wc -l)
after=$(awk -v b1="$b1" '$2 > b1' sent | wc -l)
echo "acknowledged before the backup began: $before; in flight during it: $during; sent after it ended: $after"
[ "$before" -gt 0 ] || fail "no enrolment was acknowledged before the backup"
[ "$during" -gt 0 ] || fail "no enrolment was in flight during the backup"
[ "$after" -gt 0 ] || fail "the load did not go on after the backup"

# The restore: the live database is put aside, the backup file takes its place (it is an
# ordinary database file), and its journal is verified.
mv "$db" live.db
cp backup.db "$db"
s40 journal verify --db "$db" --lang en || fail "the restored journal does not verify"
head=$(sqlite3 "$db" "SELECT max(seq) FROM journal")
sqlite3 "$db" "SELECT person FROM spell ORDER BY person" >restored
echo "restored: $(wc -l <restored) enrolments, journal up to entry $head"

# Every enrolment acknowledged before the backup began is there.
awk -v b0="$b0" '$3 < b0 { print $1 }' sent | sort >must
missing=$(comm -23 must restored | wc -l)
[ "$missing" -eq 0 ] || fail "$missing enrolments acknowledged before the backup are not in the restored database"
echo "every enrolment acknowledged before the backup began is restored"

# Each restored enrolment was acknowledged, and none was sent after the backup ended.
awk '{ print $1 }' sent | sort >acknowledged
stray=$(comm -13 acknowledged restored | wc -l)
[ "$stray" -eq 0 ] || fail "$stray restored enrolments were never acknowledged"
awk -v b1="$b1" '$2 > b1 { print $1 }' sent | sort >late
late=$(comm -12 late restored | wc -l)
[ "$late" -eq 0 ] || fail "$late enrolments sent after the backup ended are in the restored database"
echo "every restored enrolment was acknowledged or in flight, none sent after the backup"

# One moment: the restored journal is the live journal up to its last entry, and the
# enrolments are those the live database had committed up to that entry.
q="SELECT seq, hex(prev_hash), hex(hash) FROM journal WHERE seq <= $head ORDER BY seq"
cmp -s <(sqlite3 "$db" "$q") <(sqlite3 live.db "$q") ||
	fail "the restored journal is not the live journal up to entry $head"
cmp -s restored <(sqlite3 live.db "SELECT person FROM spell WHERE journal_seq <= $head ORDER BY person") ||
	fail "the restored enrolments are not those committed up to entry $head"
echo "the restored database is the live one as of journal entry $head"

# The restored database is served again and takes a write.
serve "$db" serve2.out serve2.err
token=$(login)
code=$(enrol "${ids[n - 1]}")
[ "$code" = 201 ] || fail "the restored database's server answered $code to an enrolment"
members=$(curl -s --max-time 30 -H "Authorization: Bearer $token" \
	"$url/api/v1/reports/asof?date=$today&area=$village" | grep -o '"members":[0-9]*' | tail -1)
stop
[ "$members" = "\"members\":$(($(wc -l <restored) + 1))" ] ||
	fail "the restored server's report counts $members, not $(($(wc -l <restored) + 1))"
s40 journal verify --db "$db" --lang en >verify.out || fail "the journal does not verify after the write"
echo "served again: one more enrolment, $members, the journal intact"
