#!/usr/bin/env bash
# Failover: two servers whose database URI lists the primary and its hot standby (libpq's
# multi-host form, target_session_attrs=read-write) write to the primary. The primary is
# stopped and the standby promoted: the same server processes write again, to the promoted
# database, within 20 s, without a restart; each follows the other's writes there; every
# enrolment acknowledged before the failover is there, and the journal verifies.
# shellcheck source=tests/deploy/lib.sh
source "$(dirname "$0")/lib.sh"

dp_primary_start
dp_db s40
dp_standby_start
dp_standby_wait_replay
URI=$(dp_multi_uri s40)
# Each server names its connections, to be told apart in pg_stat_activity.
dp_serve A --db "$URI&application_name=s40-A"
dp_serve B --db "$URI&application_name=s40-B"
dp_ok "A and B on $URI"

dp_login A admin admin-secret
dp_expect_status 200 "log in on A"
DP_AS=$R_TOKEN
acked=()
n=0
for i in 1 2 3; do
	for srv in A B; do
		k=1
		[ "$srv" = B ] && k=2
		dp_natid_v id "1750340${k}000$i"
		dp_enrol "$srv" "$id"
		dp_expect_status 201 "enrol $id on $srv"
		acked+=("$id")
		n=$((n + 1))
	done
done
dp_wait_members A "$n" 5000 100 || dp_fail "A's report counts $R_MEMBERS, not $n"
dp_wait_members B "$n" 5000 100 || dp_fail "B's report counts $R_MEMBERS, not $n"
dp_ok "$n enrolments through A and B, written to the primary"
dp_wait_listening dp_primary_psql "s40-A s40-B" 5000

# The failover: every write acknowledged so far is on the standby (its replay waited for:
# streaming replication here is asynchronous), then the primary stops and the standby is
# promoted.
dp_standby_wait_replay
dp_primary_stop || dp_fail "pg_ctl stop -m fast of the primary"
t_down=$(dp_now_ms)
dp_standby_promote || dp_fail "pg_ctl promote of the standby"
[ "$(dp_standby_psql postgres -c 'SELECT pg_is_in_recovery()')" = f ] ||
	dp_fail "the standby is still in recovery after pg_ctl promote"
dp_ok "the primary stopped, the standby promoted $(($(dp_now_ms) - t_down)) ms later"

# The same processes write again, to the promoted database, within 20 s; until then each
# write is answered 503 (db_unavailable, or read_only while a connection still reaches a
# database in recovery), never a 500.
probe=0
for srv in A B; do
	while :; do
		dp_natid_v id "$(printf '17503409%04d' "$probe")"
		probe=$((probe + 1))
		dp_enrol "$srv" "$id"
		[ "$R_STATUS" = 201 ] && break
		if [ "$R_CODE" = read_only ]; then
			dp_expect_problem 503 read_only "an enrolment on $srv during the failover"
		else
			dp_expect_problem 503 db_unavailable "an enrolment on $srv during the failover"
		fi
		[ $(($(dp_now_ms) - t_down)) -lt 20000 ] ||
			dp_fail "$srv takes no write 20 s after the primary stopped"
		sleep 0.2
	done
	acked+=("$id")
	n=$((n + 1))
	dp_serve_alive "$srv" || dp_fail "server $srv is not the process started before the failover"
	dp_ok "$srv (the same process) enrols again $(($(dp_now_ms) - t_down)) ms after the primary stopped"
done
[ "$(dp_standby_psql postgres -c "SELECT count(DISTINCT application_name) FROM pg_stat_activity
	WHERE datname = 's40' AND application_name IN ('s40-A', 's40-B')")" = 2 ] ||
	dp_fail "A and B are not both connected to the promoted database"

# They count everything there, and follow each other as before: told of each commit and
# each logout.
for srv in A B; do
	dp_wait_members "$srv" "$n" 5000 100 ||
		dp_fail "$srv's report counts $R_MEMBERS members on the promoted database, not $n (after 5 s)"
done
dp_ok "A's and B's reports count all $n enrolments, before and after the failover"
dp_wait_listening dp_standby_psql "s40-A s40-B" 5000
dp_natid_v id 175034099991
dp_follows B A "$id"
acked+=("$id")
dp_natid_v id 175034099992
dp_follows A B "$id"
acked+=("$id")
dp_logout_follows A B

# The promoted database holds each acknowledged enrolment once, and its journal verifies.
for id in "${acked[@]}"; do
	got=$(dp_standby_psql s40 -c "SELECT count(*), count(*) FILTER (WHERE end_day IS NULL)
		FROM spell WHERE person = $id") || dp_fail "psql on the promoted database"
	[ "$got" = "1|1" ] ||
		dp_fail "person $id, acknowledged, has (memberships|open) $got on the promoted database"
done
twice=$(dp_standby_psql s40 -c "SELECT person FROM spell GROUP BY person HAVING count(*) > 1")
[ -z "$twice" ] || dp_fail "persons with two memberships: $twice"
dp_ok "the promoted database holds each of the ${#acked[@]} acknowledged enrolments once"
out=$("$S40" journal verify --db "$(dp_standby_uri s40)" --lang en 2>&1) ||
	dp_fail "s40 journal verify on the promoted database: $out"
[[ $out == *"journal intact"* ]] || dp_fail "s40 journal verify said: $out"
dp_ok "s40 journal verify on the promoted database: $out"

dp_stop_all_servers
