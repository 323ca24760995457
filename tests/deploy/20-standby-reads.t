#!/usr/bin/env bash
# A primary and a hot standby made with pg_basebackup -R, whose replay lags by half a
# second (recovery_min_apply_delay), as a busy replica's may. Server W writes to the
# primary and reads from the standby (--read-db); server R has the standby only. R answers
# reports and follows W's enrolments; every write sent to R is refused with 503 read_only,
# never a 500; W reads its own writes at once although the standby lags.
# shellcheck source=tests/deploy/lib.sh
source "$(dirname "$0")/lib.sh"

dp_primary_start
dp_db s40
dp_standby_start 500ms
dp_standby_wait_replay
PRIMARY=$DB
STANDBY=$(dp_standby_uri s40)
dp_ok "a primary and a hot standby replaying half a second late"

# W names its connections to the standby, to be found there.
dp_serve W --db "$PRIMARY" --read-db "$STANDBY&application_name=s40-W-reads"
dp_serve R --db "$STANDBY"
dp_ok "W (--db primary --read-db standby) and R (--db standby) listen"

# W's login is a write: the token works on W at once (its session is read back although
# the standby has not replayed it yet).
dp_login W admin admin-secret
dp_expect_status 200 "log in on W"
DP_AS=$R_TOKEN
[ -n "$DP_AS" ] || dp_fail "the login on W returned no token"
dp_req W GET /api/v1/auth/me
dp_expect_status 200 "W's token on W right after the login"

# R reads the session once the standby has replayed it.
start=$(dp_now_ms)
while :; do
	dp_members R
	[ "$R_STATUS" = 200 ] && break
	[ "$R_STATUS" = 401 ] || dp_fail "the as-of report on R: HTTP $R_STATUS (expected 200, or 401 until the session is replayed)"
	[ $(($(dp_now_ms) - start)) -lt 5000 ] || dp_fail "R refuses W's token 5 s after the login"
	sleep 0.1
done
[ "$R_MEMBERS" = 0 ] || dp_fail "R's report counts $R_MEMBERS members on a new database, not 0"
dp_ok "R answers the as-of report (200) with W's token"

# Enrolments through W: each is read back by W at once, with its membership.
n=0
for i in 1 2 3; do
	id=$(dp_natid "17503200000$i")
	dp_enrol W "$id"
	dp_expect_status 201 "enrol $id on W"
	n=$((n + 1))
	dp_req W GET "/api/v1/persons/$id"
	dp_expect_status 200 "W's read of $id right after its 201"
	[[ $R_BODY == *'"memberships":[{'* && $R_BODY == *'"start_date":"2025-12-01"'* ]] ||
		dp_fail "W's read of $id right after its 201 shows no membership from 2025-12-01"
done
dp_ok "W reads each of its 3 enrolments right after the 201 (200, with the membership)"
dp_members W
[ "$R_MEMBERS" = "$n" ] || dp_fail "W's report counts $R_MEMBERS right after its enrolments, not $n"
w=$(dp_standby_psql postgres -c \
	"SELECT count(*) FROM pg_stat_activity WHERE application_name = 's40-W-reads'")
[ "${w:-0}" -ge 1 ] || dp_fail "W has no connection to the standby (application_name s40-W-reads)"
dp_ok "W holds $w connection(s) to the standby, its --read-db"

# R's report follows them from the standby.
dp_wait_members R "$n" 5000 100 ||
	dp_fail "R's report counts $R_MEMBERS members 5 s after W's enrolments, not $n"
dp_ok "R's report counts W's enrolments after $DP_WAITED_MS ms"
# A person page is journaled (person.read, tests/api/060-audit.t): a write, which a server
# on a standby cannot make. Either it is shown or refused as read_only; never a 500.
dp_req R GET "/api/v1/persons/$id"
if [ "$R_STATUS" = 200 ]; then
	[[ $R_BODY == *'"start_date":"2025-12-01"'* ]] || dp_fail "R shows $id without its membership"
	dp_ok "R shows the person page of $id (200)"
else
	dp_expect_problem 503 read_only "the person page of $id on R"
	dp_ok "R refuses the person page of $id, whose read is journaled: 503 read_only"
fi

# Writes sent to R: 503 read_only, in Thai and English, never a 500.
id=$(dp_natid 175032000009)
dp_enrol R "$id"
dp_expect_problem 503 read_only "an enrolment sent to R"
dp_leave R "$(dp_natid 175032000001)"
dp_expect_problem 503 read_only "an ended membership sent to R"
saved=$DP_AS
DP_AS=
dp_login R admin admin-secret
dp_expect_problem 503 read_only "a login on R (it would write a session)"
DP_AS=$saved
dp_req R POST /api/v1/auth/logout
dp_expect_problem 503 read_only "a logout on R"
dp_ok "an enrolment, an ended membership, a login and a logout sent to R: 503 read_only"

# None of it happened: the primary has no such person, the session still works, R still
# reads.
[ "$(dp_primary_psql s40 -c "SELECT count(*) FROM person WHERE id = $id")" = 0 ] ||
	dp_fail "the enrolment refused by R is in the database"
dp_req W GET /api/v1/auth/me
dp_expect_status 200 "the token on W after the logout refused by R"
dp_members R
dp_expect_status 200 "R's report after the refused writes"
[ "$R_MEMBERS" = "$n" ] || dp_fail "R's report counts $R_MEMBERS after the refused writes, not $n"
dp_ok "nothing of the refused writes was kept; R goes on reading"

dp_stop_all_servers
