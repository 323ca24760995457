#!/usr/bin/env bash
# The primary crashes (pg_ctl stop -m immediate) under a load of enrolments through two
# servers, and is started again. While it is down every write is answered 503
# db_unavailable with Retry-After, at once: never a 500, never a hang. The same server
# processes take writes again once it is back. Every enrolment acknowledged with 201 is
# in the database exactly once, nothing is there twice, the journal verifies, and both
# servers' reports count what the database holds.
# shellcheck source=tests/deploy/lib.sh
source "$(dirname "$0")/lib.sh"

dp_primary_start
dp_db s40
# Each server names its connections, to be told apart in pg_stat_activity.
dp_serve A --db "$DB&application_name=s40-A"
dp_serve B --db "$DB&application_name=s40-B"
dp_login A admin admin-secret
dp_expect_status 200 "log in on A"
DP_AS=$R_TOKEN
dp_ok "servers A and B on the primary"

# load SERVER PREFIX: enrol new persons PREFIX00000, PREFIX00001, … (7 + 5 digits and the
# check digit) one after the other until $DP_WORK/stop exists, each answer a line of
# $DP_WORK/load.PREFIX: ID STATUS CODE RETRY_AFTER PROBLEM CURL_EXIT SECONDS AT_MS. An
# enrolment that is not acknowledged is not tried again.
load()
{
	local srv=$1 prefix=$2 i=0 id seq code ra pb
	while [ ! -e "$DP_WORK/stop" ]; do
		printf -v seq '%05d' "$i"
		dp_natid_v id "$prefix$seq"
		dp_enrol "$srv" "$id"
		code=- ra=- pb=-
		if [ "$R_STATUS" != 201 ]; then
			code=${R_CODE:--} ra=${R_RETRY:--}
			[[ $R_CTYPE == application/problem+json* ]] && pb=problem
			[ "$R_STATUS" = 503 ] ||
				printf '%s %s %s\n' "$id" "$R_STATUS" "$R_BODY" >>"$DP_WORK/odd.$prefix"
		fi
		_dp_now_ms
		echo "$id $R_STATUS $code $ra $pb $R_CURL $R_TIME $REPLY" >>"$DP_WORK/load.$prefix"
		i=$((i + 1))
	done
}

acked() # the number of 201s of the load so far, after AT_MS when given
{
	cat "$DP_WORK"/load.* 2>/dev/null | awk -v t="${1:-0}" '$2 == 201 && $8 > t { n++ }
		END { print n + 0 }'
}

dp_bg load A 1750331
dp_bg load A 1750332
dp_bg load B 1750333
dp_bg load B 1750334
end=$(($(dp_now_ms) + 20000))
while [ "$(acked)" -lt 40 ]; do
	[ "$(dp_now_ms)" -lt "$end" ] || dp_fail "the load made $(acked) enrolments in 20 s, not 40"
	sleep 0.1
done
dp_ok "4 clients enrolling through A and B: $(acked) acknowledged"

# The crash, in the middle of the load.
dp_primary_crash || dp_fail "pg_ctl stop -m immediate of the primary"
t_down=$(dp_now_ms)
dp_ok "the primary stopped with -m immediate after $(acked) enrolments"

# While it is down: writes get 503 db_unavailable with Retry-After, at once; reads answer
# (from what the server holds) or get the same 503; nothing gets a 500 or hangs.
probe=0
probes_acked=()
for _ in 1 2 3; do
	for srv in A B; do
		id=$(dp_natid "1750339$(printf %05d "$probe")")
		probe=$((probe + 1))
		dp_enrol "$srv" "$id"
		dp_expect_problem 503 db_unavailable "an enrolment on $srv while the primary is down"
		for path in "/api/v1/reports/asof?date=$DP_TODAY&area=$DP_VILLAGE" \
			/api/v1/auth/me /api/v1/health; do
			dp_req "$srv" GET "$path"
			[ "$R_STATUS" = 200 ] ||
				dp_expect_problem 503 db_unavailable "GET $path on $srv while the primary is down"
		done
	done
	sleep 0.5
done
dp_ok "while the primary is down, A and B answer each enrolment 503 db_unavailable with Retry-After (in at most ${DP_MAX_TIME}s), and each read 200 or 503"
while [ $(($(dp_now_ms) - t_down)) -lt 3000 ]; do
	sleep 0.1
done

# The restart: the same processes take writes again, within 15 s.
dp_primary_restart || dp_fail "the primary did not start again"
t_up=$(dp_now_ms)
dp_ok "the primary started again after $((t_up - t_down)) ms down"
for srv in A B; do
	while :; do
		id=$(dp_natid "1750339$(printf %05d "$probe")")
		probe=$((probe + 1))
		dp_enrol "$srv" "$id"
		[ "$R_STATUS" = 201 ] && break
		dp_expect_problem 503 db_unavailable "an enrolment on $srv after the restart, before it is taken"
		[ $(($(dp_now_ms) - t_up)) -lt 15000 ] ||
			dp_fail "$srv still refuses writes 15 s after the primary came back"
		sleep 0.2
	done
	probes_acked+=("$id")
	dp_serve_alive "$srv" || dp_fail "server $srv is not the process started before the crash"
	dp_ok "$srv (the same process) enrols again $(($(dp_now_ms) - t_up)) ms after the restart"
done
end=$(($(dp_now_ms) + 15000))
while [ "$(acked "$t_up")" -lt 20 ]; do
	[ "$(dp_now_ms)" -lt "$end" ] ||
		dp_fail "the load made $(acked "$t_up") enrolments in the 15 s after the restart, not 20"
	sleep 0.1
done
touch "$DP_WORK/stop"
dp_bg_wait
R_STATUS=

# What the clients were told: 201, or 503 db_unavailable with Retry-After; always an
# answer within DP_MAX_TIME.
cat "$DP_WORK"/load.* >"$DP_WORK/load"
total=$(wc -l <"$DP_WORK/load")
n201=$(awk '$2 == 201' "$DP_WORK/load" | wc -l)
n503=$(awk '$2 == 503' "$DP_WORK/load" | wc -l)
bad=$(awk '$6 != 0 || ($2 != 201 && ($2 != 503 || $3 != "db_unavailable" ||
	$4 !~ /^[0-9]+$/ || $5 != "problem"))' "$DP_WORK/load")
if [ -n "$bad" ]; then
	echo "  answers other than 201 or 503 db_unavailable (ID STATUS CODE RETRY_AFTER PROBLEM CURL_EXIT SECONDS AT_MS):"
	head -20 <<<"$bad" | sed 's/^/  /'
	cat "$DP_WORK"/odd.* 2>/dev/null | head -5 | cut -c1-600 | sed 's/^/  /'
	dp_fail "$(wc -l <<<"$bad") of $total enrolments of the load were answered otherwise than 201 or 503 db_unavailable with Retry-After"
fi
slowest=$(awk '$7 > m { m = $7 } END { print m + 0 }' "$DP_WORK/load")
dp_ok "the load's $total enrolments: $n201 answered 201, $n503 answered 503 db_unavailable with Retry-After, the slowest in ${slowest}s"

# The database: each acknowledged person has one membership, open; nobody has two; only
# persons the clients sent are there.
{
	awk '$2 == 201 { print $1 }' "$DP_WORK/load"
	printf '%s\n' "${probes_acked[@]}"
} | sort >"$DP_WORK/acked"
{
	awk '{ print $1 }' "$DP_WORK/load"
	for ((i = 0; i < probe; i++)); do
		dp_natid "1750339$(printf %05d "$i")"
	done
} | sort >"$DP_WORK/sent"
dp_primary_psql s40 -F ' ' -c "SELECT person, count(*), count(*) FILTER (WHERE end_day IS NULL)
	FROM spell GROUP BY person" | sort >"$DP_WORK/spells" ||
	dp_fail "read the memberships with psql"
dp_primary_psql s40 -F ' ' -c "SELECT substr(entity, 8), count(*) FROM journal
	WHERE op = 'membership.enrol' GROUP BY entity" | sort >"$DP_WORK/enrols" ||
	dp_fail "read the journal with psql"
missing=$(join -v 1 "$DP_WORK/acked" "$DP_WORK/spells")
[ -z "$missing" ] || dp_fail "$(wc -l <<<"$missing") acknowledged enrolments are not in the database: $(head -5 <<<"$missing" | tr '\n' ' ')"
wrong=$(join "$DP_WORK/acked" "$DP_WORK/spells" | awk '$2 != 1 || $3 != 1')
[ -z "$wrong" ] || dp_fail "acknowledged persons without exactly one open membership (ID SPELLS OPEN): $(head -5 <<<"$wrong" | tr '\n' ' ')"
twice=$(awk '$2 != 1' "$DP_WORK/spells")
[ -z "$twice" ] || dp_fail "persons with more than one membership (ID SPELLS OPEN): $(head -5 <<<"$twice" | tr '\n' ' ')"
twice=$(awk '$2 != 1' "$DP_WORK/enrols")
[ -z "$twice" ] || dp_fail "persons enrolled twice in the journal (ID ENTRIES): $(head -5 <<<"$twice" | tr '\n' ' ')"
stray=$(join -v 1 <(cut -d' ' -f1 "$DP_WORK/spells") "$DP_WORK/sent")
[ -z "$stray" ] || dp_fail "memberships of persons no client sent: $(head -5 <<<"$stray" | tr '\n' ' ')"
nojournal=$(join -v 1 <(cut -d' ' -f1 "$DP_WORK/spells") <(cut -d' ' -f1 "$DP_WORK/enrols"))
[ -z "$nojournal" ] || dp_fail "memberships without their journal entry: $(head -5 <<<"$nojournal" | tr '\n' ' ')"
in_db=$(wc -l <"$DP_WORK/spells")
dp_ok "each of the $(wc -l <"$DP_WORK/acked") acknowledged enrolments is in the database once, open, with one journal entry; $in_db memberships in all, none twice"

out=$("$S40" journal verify --db "$DB" --lang en 2>&1) || dp_fail "s40 journal verify: $out"
[[ $out == *"journal intact"* ]] || dp_fail "s40 journal verify said: $out"
dp_ok "s40 journal verify: $out"

# Both servers count what the database holds (whatever was committed while they were told
# otherwise included).
for srv in A B; do
	dp_wait_members "$srv" "$in_db" 5000 100 ||
		dp_fail "$srv's report counts $R_MEMBERS members, the database $in_db (after 5 s)"
done
dp_ok "A's and B's reports count the database's $in_db members"

# And they follow each other as before the crash: told of each commit, each logout.
dp_wait_listening dp_primary_psql "s40-A s40-B" 5000
dp_follows A B "$(dp_natid 175033800001)"
dp_follows B A "$(dp_natid 175033800002)"
dp_logout_follows A B

dp_stop_all_servers
