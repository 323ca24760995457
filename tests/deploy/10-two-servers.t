#!/usr/bin/env bash
# Two servers on one PostgreSQL database: each follows what the other writes (the as-of
# report on B counts an enrolment or an ended membership acknowledged by A within one
# second), a session opened on one works on the other and ends on both at a logout, and the
# login throttle counts the failures made on both.
# shellcheck source=tests/deploy/lib.sh
source "$(dirname "$0")/lib.sh"

dp_primary_start
dp_db s40
dp_serve A --db "$DB"
dp_serve B --db "$DB"
dp_ok "servers A (port ${DP_PORT[A]}) and B (port ${DP_PORT[B]}) on one database"

# A session opened on A works on B.
dp_login A admin admin-secret
dp_expect_status 200 "log in on A"
[ -n "$R_TOKEN" ] || dp_fail "the login on A returned no token"
DP_AS=$R_TOKEN
dp_members B
dp_expect_status 200 "the as-of report on B with A's token"
[ "$R_MEMBERS" = 0 ] || dp_fail "the new database's report on B counts $R_MEMBERS members, not 0"
dp_ok "A's token is accepted by B (200)"

# One enrolment on A: B's report counts it within 1 s.
n=0
id=$(dp_natid 175031000000)
dp_enrol A "$id"
dp_expect_status 201 "enrol $id on A"
n=$((n + 1))
dp_wait_members B "$n" 1000 50 ||
	dp_fail "B's report counts $R_MEMBERS members 1 s after A's 201, not $n"
dp_ok "an enrolment on A is counted by B after $DP_WAITED_MS ms"

# Several in a row on A, then one on B: each server counts them all within 1 s of the last.
ids=("$id")
for i in 1 2 3 4 5; do
	id=$(dp_natid "17503100000$i")
	dp_enrol A "$id"
	dp_expect_status 201 "enrol $id on A"
	ids+=("$id")
	n=$((n + 1))
done
dp_wait_members B "$n" 1000 50 ||
	dp_fail "B's report counts $R_MEMBERS members 1 s after A's last of 5 enrolments, not $n"
dp_ok "5 enrolments in a row on A are counted by B after $DP_WAITED_MS ms"
id=$(dp_natid 175031000010)
dp_enrol B "$id"
dp_expect_status 201 "enrol $id on B"
n=$((n + 1))
dp_wait_members A "$n" 1000 50 ||
	dp_fail "A's report counts $R_MEMBERS members 1 s after B's 201, not $n"
dp_ok "an enrolment on B is counted by A after $DP_WAITED_MS ms"
dp_members B
[ "$R_MEMBERS" = "$n" ] || dp_fail "B's own report counts $R_MEMBERS after its enrolment, not $n"

# A membership ended on A: B's report stops counting it within 1 s.
dp_leave A "${ids[2]}"
dp_expect_status 200 "end the membership of ${ids[2]} on A"
n=$((n - 1))
dp_wait_members B "$n" 1000 50 ||
	dp_fail "B's report counts $R_MEMBERS members 1 s after A ended a membership, not $n"
dp_ok "a membership ended on A is followed by B after $DP_WAITED_MS ms"
dp_req B GET "/api/v1/persons/${ids[2]}"
dp_expect_status 200 "the person on B"
[[ $R_BODY == *'"end_date":"2025-12-20"'* ]] ||
	dp_fail "B shows ${ids[2]} without the membership's end on 2025-12-20"

# The database agrees with both.
open=$(dp_primary_psql s40 -c 'SELECT count(*) FROM spell WHERE end_day IS NULL') ||
	dp_fail "count the open memberships with psql"
[ "$open" = "$n" ] || dp_fail "the database has $open open memberships, the servers count $n"

# Logout on B ends the session on A as well, also when A has just used it (and may keep it
# in memory).
dp_logout_follows A B

# The login throttle counts the failures made on both servers. Five wrong passwords,
# alternating A, B, A, B, A (the third and fourth lock the name for a second or two, which
# each attempt waits out): 3 failures on A and 2 on B, 5 in all, which lock the name for
# some 4 s. Right after, the right password is refused by B (which alone saw only 2) and
# by A, with 429 and Retry-After.
echo clerk-secret | "$S40" user add clerk --role officer --area 75 --db "$DB" \
	--insecure-test-hash >/dev/null 2>&1 || dp_fail "s40 user add clerk"
DP_AS=
srv=A
for i in 1 2 3 4 5; do
	end=$(($(dp_now_ms) + 15000))
	while :; do
		dp_login "$srv" clerk "wrong-password-$i"
		[ "$R_STATUS" = 401 ] && break
		[ "$R_STATUS" = 429 ] ||
			dp_fail "wrong password $i on $srv: HTTP $R_STATUS, expected 401 (or 429 while locked)"
		[ "$(dp_now_ms)" -lt "$end" ] || dp_fail "the throttle did not let failure $i through in 15 s"
		sleep 0.2
	done
	dp_expect_problem 401 bad_login "wrong password $i on $srv"
	if [ "$srv" = A ]; then srv=B; else srv=A; fi
done
dp_login B clerk clerk-secret
dp_expect_problem 429 throttled "the right password on B after 5 failures on A and B"
[[ $R_RETRY =~ ^[1-9][0-9]*$ ]] || dp_fail "B's 429 has no Retry-After"
dp_login A clerk clerk-secret
dp_expect_problem 429 throttled "the right password on A after 5 failures on A and B"
[[ $R_RETRY =~ ^[1-9][0-9]*$ ]] || dp_fail "A's 429 has no Retry-After"
dp_ok "5 failed logins alternating A and B: both servers answer 429 with Retry-After"

dp_stop_all_servers
