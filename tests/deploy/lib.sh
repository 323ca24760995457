#!/usr/bin/env bash
# tests/deploy/lib.sh — what the deployment tests share: PostgreSQL clusters of their own
# (tests/pg.sh's primary, made ready for replication, and a hot standby copied from it with
# pg_basebackup -R), s40 serve processes on them, and HTTP calls with curl.
#
#   source "$(dirname "$0")/lib.sh"    at the top of a tests/deploy/*.t script
#
# Sourcing it sets `set -uo pipefail`, LC_ALL and TZ, unsets the S40_* variables but for
# S40_PG_BINDIR and S40_PG_LOCALE (a test says its databases itself), makes a work folder $DP_WORK and installs traps: when the
# script exits — at its end, at a failed check, on SIGINT or SIGTERM — the background
# loops it started (dp_bg) are ended, every s40 serve it started is stopped, the standby
# is stopped and its folder removed, then tests/pg.sh stops and removes the primary, and
# $DP_WORK is removed.
#
# Environment read: S40 (the program; default build/src/cli/s40 of the repository),
# S40_PG_BINDIR (tests/pg.sh), KEEP=1 (keep $DP_WORK, the servers' output and the curl
# logs, when the test failed), DP_VERBOSE=1 (print each request and its answer),
# DP_MAX_TIME (seconds a request may take, default 10).
#
# Clusters (loopback only: Unix sockets in their folders, no TCP listener)
#   dp_primary_start            start the primary (pg_cluster_start) with wal_level
#                               replica, max_wal_senders and trusted replication over its
#                               socket and 127.0.0.1
#   dp_db NAME                  create database NAME on the primary, s40 init it and add
#                               the user admin (password admin-secret); its URI in DB
#   dp_primary_uri NAME         the URI of database NAME on the primary
#   dp_primary_psql NAME ARGS…  psql there (-X -q -A -t, stopping at the first error)
#   dp_primary_crash            pg_ctl stop -m immediate (no shutdown checkpoint)
#   dp_primary_stop             pg_ctl stop -m fast
#   dp_primary_restart          pg_ctl start again (crash recovery first after a crash)
#   dp_standby_start [DELAY]    a hot standby of the primary (pg_basebackup -R, its own
#                               folder and port), started; DELAY sets its
#                               recovery_min_apply_delay (e.g. 500ms: a replica that lags)
#   dp_standby_uri NAME, dp_standby_psql NAME ARGS…
#   dp_standby_wait_replay [S]  wait (at most S seconds, default 20) until the standby has
#                               replayed everything the primary had written when called
#   dp_standby_promote          pg_ctl promote -w
#   dp_multi_uri NAME           postgresql:///NAME?host=PRIMARY_DIR,STANDBY_DIR&port=P1,P2
#                               &target_session_attrs=read-write&user=…
#
# Servers
#   dp_serve NAME ARGS…         start `s40 serve ARGS… --listen 127.0.0.1:0 --today
#                               2026-01-01` and wait for its "listening on" line (30 s);
#                               DP_PORT[NAME], DP_PID[NAME]
#   dp_serve_alive NAME         whether the process still runs
#   dp_serve_stop NAME          SIGTERM, wait for it (40 s, then SIGKILL); returns its exit
#                               status
#   dp_stop_all_servers         dp_serve_stop each one, failing the test unless each
#                               exits 0
#
# HTTP (curl, at most DP_MAX_TIME seconds a request, default 10)
#   dp_req NAME METHOD PATH [BODY]   sets R_STATUS (000 when curl got no answer), R_BODY,
#                               R_HDRS, R_TIME (seconds), R_CURL (curl's exit status),
#                               R_CODE (the body's first "code" string: a problem's code),
#                               R_CTYPE and R_RETRY (the Content-Type and Retry-After
#                               headers); the bearer token is $DP_AS when set
#   dp_login NAME USER PASSWORD  POST /api/v1/auth/login; R_* as above, R_TOKEN
#   dp_enrol NAME ID [OPTION]    POST /api/v1/enrolments of a new person ID in village
#                               75030702, from 2025-12-01
#   dp_leave NAME ID             POST /api/v1/memberships/ID/end on 2025-12-20 (resigned)
#   dp_members NAME              GET the as-of report of village 75030702 on 2026-01-01:
#                               R_MEMBERS is its total ("" unless 200)
#   dp_wait_members NAME N MS [EVERY_MS]   poll dp_members until it is N, sending the
#                               last request at most MS milliseconds after the call;
#                               DP_WAITED_MS is when the one that saw N was sent; non-zero
#                               when none did
#   dp_json_str KEY [TEXT], dp_json_int KEY [TEXT]   the first string / the last integer
#                               value of KEY in TEXT (default R_BODY): the server's JSON is
#                               compact, which is all this reads
#   dp_header NAME              the value of response header NAME in R_HDRS
#   dp_natid D12                the 13-digit national ID with these 12 first digits
#   dp_natid_v VAR D12          the same into VAR (no process: for loops)
#
# Checks
#   dp_ok TEXT                  print "ok - TEXT"
#   dp_fail TEXT                print "not ok - TEXT", the last answer, the servers' and
#                               clusters' logs, and exit 1
#   dp_expect_status CODE TEXT  the last answer's status is CODE
#   dp_expect_problem STATUS CODE TEXT   the last answer is STATUS with
#                               application/problem+json, "code": CODE and message_th and
#                               message_en; with STATUS 503 a Retry-After header when CODE
#                               is db_unavailable
#   dp_now_ms                   milliseconds since the epoch
#   dp_bg CMD…                  run CMD in the background, ended at exit
#   dp_bg_wait                  wait for them to end
#
# The servers following each other
#   dp_follows FROM TO ID       enrol ID on FROM: TO's report counts it within 1 s
#   dp_logout_follows A B       a session used on A and B, ended on B: A refuses it
#                               within 1 s
#   dp_wait_listening PSQL NAMES MS   each server of NAMES (their application_name) listens
#                               for the journal's notifications again within MS ms

set -uo pipefail

dp_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
S40=${S40:-$dp_root/build/src/cli/s40}
case $S40 in
/*) ;;
*) S40=$PWD/$S40 ;;
esac
export LC_ALL=C.UTF-8
if [ -e /usr/share/zoneinfo/Asia/Bangkok ]; then
	export TZ=Asia/Bangkok
else
	export TZ='<+07>-7'
fi
for _dp_v in $(compgen -e S40_); do
	[ "$_dp_v" = S40_PG_BINDIR ] || [ "$_dp_v" = S40_PG_LOCALE ] || unset "$_dp_v"
done
unset _dp_v
# As root the clusters run as the user postgres, which must reach their folders.
[ "$(id -u)" = 0 ] && export TMPDIR=/tmp

DP_TODAY=2026-01-01
DP_VILLAGE=75030702
DP_MAX_TIME=${DP_MAX_TIME:-10}

_dp_owner=${BASHPID:-$$}
_dp_done=0
_dp_failed=0
declare -gA DP_PORT=() DP_PID=()
_dp_servers=() # names, in the order started
_dp_bg=()
_dp_sb_dir=
_dp_sb_port=

if [ ! -x "$S40" ]; then
	echo "not ok - $S40 is not an executable (set S40 to the s40 program)"
	exit 1
fi
if ! command -v curl >/dev/null 2>&1; then
	echo "not ok - the deployment tests need curl (Debian package curl)"
	exit 1
fi

DP_WORK=$(mktemp -d "${TMPDIR:-/tmp}/s40-deploy.XXXXXX") || exit 1

# shellcheck source=tests/pg.sh
source "$dp_root/tests/pg.sh"

# ---- cleanup ----

_dp_cleanup()
{
	[ "${BASHPID:-$$}" = "$_dp_owner" ] || return 0
	[ "$_dp_done" = 1 ] && return 0
	_dp_done=1
	# A second signal (tests/run.sh signals the whole tree) must not cut the cleanup short.
	trap '' INT TERM
	local p name
	for p in "${_dp_bg[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${_dp_bg[@]}"; do
		wait "$p" 2>/dev/null
	done
	_dp_bg=()
	for name in "${_dp_servers[@]}"; do
		[ -n "${DP_PID[$name]:-}" ] && dp_serve_stop "$name" >/dev/null 2>&1
	done
	_dp_standby_remove
	if [ "$_dp_failed" = 1 ] && [ "${KEEP:-0}" = 1 ]; then
		echo "kept: $DP_WORK"
	else
		rm -rf -- "$DP_WORK"
	fi
	return 0
}

_dp_standby_remove()
{
	[ -n "$_dp_sb_dir" ] || return 0
	if [ -f "$_dp_sb_dir/data/postmaster.pid" ]; then
		local pid
		pid=$(head -1 "$_dp_sb_dir/data/postmaster.pid")
		_pg_as "$_pg_bin/pg_ctl" -D "$_dp_sb_dir/data" -m immediate -w -t 30 -s stop \
			>/dev/null 2>&1 || {
			[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
			sleep 1
		}
	fi
	case $_dp_sb_dir in
	*/s40-pg.*) rm -rf -- "$_dp_sb_dir" ;;
	esac
	_dp_sb_dir=
}

# Ours run first, then tests/pg.sh's (which stops the primary): the servers end before
# their database does. dp_primary_start installs them again in that order.
trap '_dp_cleanup' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- checks ----

dp_ok()
{
	echo "ok - $*"
}

_dp_tail()
{
	local title=$1 file=$2 n=${3:-30}
	[ -s "$file" ] || return 0
	echo "  --- $title (last $n lines)"
	tail -n "$n" "$file" | sed 's/^/  | /'
}

dp_fail()
{
	_dp_failed=1
	echo "not ok - $*"
	if [ -n "${R_STATUS:-}" ]; then
		echo "  last answer: HTTP $R_STATUS (curl exit $R_CURL, ${R_TIME}s)"
		[ -n "${R_HDRS:-}" ] && grep -v '^ *$' <<<"$R_HDRS" | sed 's/^/  < /'
		[ -n "${R_BODY:-}" ] && printf '  %s\n' "${R_BODY:0:2000}"
	fi
	local name
	for name in "${_dp_servers[@]}"; do
		_dp_tail "server $name: standard error" "$DP_WORK/$name.err"
	done
	[ -n "${_pg_dir:-}" ] && _dp_tail "primary's log" "$_pg_dir/log" 20
	[ -n "$_dp_sb_dir" ] && _dp_tail "standby's log" "$_dp_sb_dir/log" 20
	exit 1
}

# _dp_now_ms: dp_now_ms into REPLY.
_dp_now_ms()
{
	local t=${EPOCHREALTIME/[.,]/}
	REPLY=$((10#$t / 1000))
}

dp_now_ms()
{
	_dp_now_ms
	echo "$REPLY"
}

dp_bg()
{
	"$@" &
	_dp_bg+=($!)
}

# ---- clusters ----

# _dp_conf FILE: append the lines of standard input to a cluster's configuration file,
# keeping its owner.
_dp_conf()
{
	cat >>"$1"
}

dp_primary_start()
{
	pg_cluster_start || dp_fail "the primary cluster did not start (tests/pg.sh)"
	trap '_dp_cleanup; _pg_on_exit' EXIT
	_dp_conf "$_pg_dir/data/postgresql.conf" <<EOF

# tests/deploy/lib.sh: a primary that standbys copy and follow
wal_level = replica
max_wal_senders = 10
hot_standby = on
EOF
	_dp_conf "$_pg_dir/data/pg_hba.conf" <<EOF
local replication all trust
host replication all 127.0.0.1/32 trust
EOF
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -s reload >/dev/null 2>&1
	# wal_level and max_wal_senders only change with a restart (PostgreSQL's defaults
	# are these already).
	if [ "$(dp_primary_psql postgres -c 'SHOW wal_level')" != replica ] ||
		[ "$(dp_primary_psql postgres -c 'SHOW max_wal_senders')" = 0 ]; then
		_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/log" -w -t 60 -s \
			restart >/dev/null 2>&1 || dp_fail "the primary did not restart"
	fi
	[ "$(dp_primary_psql postgres -c 'SHOW wal_level')" = replica ] ||
		dp_fail "the primary's wal_level is not replica"
}

dp_primary_uri()
{
	pg_uri "$1"
}

dp_primary_psql()
{
	local name=$1
	shift
	PGOPTIONS='-c client_min_messages=warning' pg_psql "$name" -A -t "$@" </dev/null
}

dp_db()
{
	local name=$1 out
	pg_createdb "$name" || dp_fail "createdb $name on the primary"
	DB=$(pg_uri "$name")
	out=$("$S40" init --db "$DB" --today "$DP_TODAY" 2>&1) || dp_fail "s40 init: $out"
	out=$(echo admin-secret | "$S40" user add admin --role admin --db "$DB" \
		--insecure-test-hash 2>&1) || dp_fail "s40 user add admin: $out"
}

dp_primary_crash()
{
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate -w -t 60 -s stop >/dev/null 2>&1
}

dp_primary_stop()
{
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m fast -w -t 60 -s stop >/dev/null 2>&1
}

dp_primary_restart()
{
	_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/log" -w -t 60 -s start \
		>/dev/null 2>&1
}

# shellcheck disable=SC2120 # its argument is optional
dp_standby_start()
{
	local delay=${1:-}
	[ -n "${_pg_dir:-}" ] || dp_fail "dp_standby_start: no primary (dp_primary_start)"
	_dp_sb_port=$(_pg_free_port) || dp_fail "no free port for the standby"
	_dp_sb_dir=$(mktemp -d "${TMPDIR:-/tmp}/s40-pg.XXXXXX") || dp_fail "mktemp"
	if [ "$_pg_root" = 1 ]; then
		chown postgres: "$_dp_sb_dir" && chmod 0755 "$_dp_sb_dir"
	fi
	if ! _pg_as "$_pg_bin/pg_basebackup" -h "$_pg_dir" -p "$_pg_port" -U "$_pg_user" \
		-D "$_dp_sb_dir/data" -R -X stream --checkpoint=fast --no-sync \
		>"$DP_WORK/basebackup.log" 2>&1; then
		_dp_tail "pg_basebackup" "$DP_WORK/basebackup.log"
		dp_fail "pg_basebackup -R from the primary"
	fi
	# The copy holds the primary's settings: its own folder and port override them.
	# shellcheck disable=SC2016 # the quotes are the configuration file's
	_dp_conf "$_dp_sb_dir/data/postgresql.conf" <<EOF

# tests/deploy/lib.sh: the hot standby
unix_socket_directories = '$_dp_sb_dir'
port = $_dp_sb_port
hot_standby = on
${delay:+recovery_min_apply_delay = '$delay'}
EOF
	if ! _pg_as "$_pg_bin/pg_ctl" -D "$_dp_sb_dir/data" -l "$_dp_sb_dir/log" -w -t 60 -s \
		start >/dev/null 2>&1; then
		dp_fail "the standby did not start"
	fi
	[ "$(dp_standby_psql postgres -c 'SELECT pg_is_in_recovery()')" = t ] ||
		dp_fail "the standby is not in recovery"
}

dp_standby_uri()
{
	printf 'postgresql:///%s?host=%s&port=%s&user=%s\n' "$(_pg_urlenc "$1")" \
		"$(_pg_urlenc "$_dp_sb_dir")" "$_dp_sb_port" "$_pg_user"
}

dp_standby_psql()
{
	local name=$1
	shift
	PGOPTIONS='-c client_min_messages=warning' "$_pg_bin/psql" -X -q -A -t \
		-v ON_ERROR_STOP=1 -d "$(dp_standby_uri "$name")" "$@" </dev/null
}

# shellcheck disable=SC2120 # its argument is optional
dp_standby_wait_replay()
{
	local s=${1:-20} lsn end
	lsn=$(dp_primary_psql postgres -c 'SELECT pg_current_wal_lsn()') ||
		dp_fail "the primary's WAL position"
	end=$(($(dp_now_ms) + s * 1000))
	while [ "$(dp_standby_psql postgres -c \
		"SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" != t ]; do
		[ "$(dp_now_ms)" -lt "$end" ] ||
			dp_fail "the standby did not replay the primary's WAL up to $lsn in ${s}s"
		sleep 0.05
	done
}

dp_standby_promote()
{
	_pg_as "$_pg_bin/pg_ctl" -D "$_dp_sb_dir/data" -w -t 60 -s promote >/dev/null 2>&1
}

dp_multi_uri()
{
	printf 'postgresql:///%s?host=%s,%s&port=%s,%s&target_session_attrs=read-write&user=%s\n' \
		"$(_pg_urlenc "$1")" "$(_pg_urlenc "$_pg_dir")" "$(_pg_urlenc "$_dp_sb_dir")" \
		"$_pg_port" "$_dp_sb_port" "$_pg_user"
}

# ---- servers ----

dp_serve()
{
	local name=$1 port='' end pid
	shift
	# The files exist before the first look at them: the server's shell opens them
	# only when it has started, which may come after.
	: >"$DP_WORK/$name.out"
	: >"$DP_WORK/$name.err"
	"$S40" serve "$@" --listen 127.0.0.1:0 --today "$DP_TODAY" \
		>"$DP_WORK/$name.out" 2>"$DP_WORK/$name.err" </dev/null &
	pid=$!
	DP_PID[$name]=$pid
	_dp_servers+=("$name")
	end=$(($(dp_now_ms) + 30000))
	while :; do
		port=$(sed -n 's|^s40: listening on http://127\.0\.0\.1:\([0-9][0-9]*\) .*|\1|p' \
			"$DP_WORK/$name.out")
		[ -n "$port" ] && break
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid"
			local rc=$?
			DP_PID[$name]=
			R_STATUS=
			dp_fail "server $name (s40 serve $*) exited with status $rc before listening:" \
				"$(head -c 2000 "$DP_WORK/$name.err")"
		fi
		[ "$(dp_now_ms)" -lt "$end" ] || dp_fail "server $name did not listen within 30 s"
		sleep 0.05
	done
	DP_PORT[$name]=$port
}

dp_serve_alive()
{
	[ -n "${DP_PID[$1]:-}" ] && kill -0 "${DP_PID[$1]}" 2>/dev/null
}

dp_serve_stop()
{
	local name=$1 pid=${DP_PID[$1]:-} i rc
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	for ((i = 0; i < 400; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	DP_PID[$name]=
	return "$rc"
}

dp_stop_all_servers()
{
	local name rc
	for name in "${_dp_servers[@]}"; do
		[ -n "${DP_PID[$name]:-}" ] || continue
		dp_serve_stop "$name"
		rc=$?
		R_STATUS=
		[ "$rc" -eq 0 ] || dp_fail "server $name exited with status $rc after SIGTERM"
	done
	dp_ok "every server stopped on SIGTERM with exit status 0"
}

# ---- HTTP ----

dp_req()
{
	local srv=$1 method=$2 path=$3 body=${4-} f out
	f=$DP_WORK/req.${BASHPID:-$$}
	local args=(-sS -o "$f.body" -D "$f.hdrs" -w '%{http_code} %{time_total}'
		--max-time "$DP_MAX_TIME" -X "$method")
	[ -n "${DP_AS:-}" ] && args+=(-H "Authorization: Bearer $DP_AS")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	: >"$f.body"
	: >"$f.hdrs"
	out=$(curl "${args[@]}" "http://127.0.0.1:${DP_PORT[$srv]}$path" 2>"$f.err")
	R_CURL=$?
	R_STATUS=${out%% *}
	R_TIME=${out#* }
	[ -n "$R_STATUS" ] || R_STATUS=000
	# Read, and below picked apart, in this shell: no process per answer, as the load of
	# 30-primary-crash.t makes many answers on a machine that may be busy.
	R_BODY='' R_HDRS=''
	IFS= read -r -d '' R_BODY <"$f.body"
	IFS= read -r -d '' R_HDRS <"$f.hdrs"
	R_HDRS=${R_HDRS//$'\r'/}
	_dp_json_str code
	R_CODE=$REPLY
	_dp_header Content-Type
	R_CTYPE=$REPLY
	_dp_header Retry-After
	R_RETRY=$REPLY
	if [ "${DP_VERBOSE:-0}" = 1 ]; then
		echo "  $EPOCHREALTIME $srv $method $path -> $R_STATUS ${R_TIME}s ${R_BODY:0:200}" >&2
	fi
	return 0
}

# _dp_json_str KEY [TEXT], _dp_json_int KEY [TEXT], _dp_header NAME: as dp_json_str,
# dp_json_int and dp_header, into REPLY.
_dp_json_str()
{
	local re="\"$1\":\"([^\"]*)\""
	REPLY=
	[[ ${2-$R_BODY} =~ $re ]] && REPLY=${BASH_REMATCH[1]}
	return 0
}

_dp_json_int()
{
	local re="(.*)\"$1\":(-?[0-9]+)" # the longest (.*): the last one
	REPLY=
	[[ ${2-$R_BODY} =~ $re ]] && REPLY=${BASH_REMATCH[2]}
	return 0
}

_dp_header()
{
	local re="(^|"$'\n'")$1: *([^"$'\n'"]*)" nc=0
	shopt -q nocasematch && nc=1
	shopt -s nocasematch
	REPLY=
	[[ $R_HDRS =~ $re ]] && REPLY=${BASH_REMATCH[2]}
	[ "$nc" = 1 ] || shopt -u nocasematch
	return 0
}

dp_json_str()
{
	_dp_json_str "$@"
	echo "$REPLY"
}

dp_json_int()
{
	_dp_json_int "$@"
	echo "$REPLY"
}

dp_header()
{
	_dp_header "$1"
	echo "$REPLY"
}

# dp_natid_v VAR D12: dp_natid into VAR.
dp_natid_v()
{
	local d=$2 s=0 i
	for ((i = 0; i < 12; i++)); do
		s=$((s + (13 - i) * ${d:i:1}))
	done
	printf -v "$1" '%s%d' "$d" $(((11 - s % 11) % 10))
}

dp_natid()
{
	local id
	dp_natid_v id "$1"
	echo "$id"
}

dp_login()
{
	dp_req "$1" POST /api/v1/auth/login "{\"name\": \"$2\", \"password\": \"$3\"}"
	_dp_json_str token
	# shellcheck disable=SC2034 # for the tests
	R_TOKEN=$REPLY
}

dp_enrol()
{
	local srv=$1 id=$2 option=${3:-1}
	dp_req "$srv" POST /api/v1/enrolments "{\"person\": {\"id\": \"$id\", \"first_th\": \"ทดสอบ\", \"last_th\": \"หลายเครื่อง\", \"birth_date\": \"1980-01-01\", \"thai\": true, \"village\": $DP_VILLAGE}, \"option\": $option, \"date\": \"2025-12-01\", \"channel\": \"office\"}"
}

dp_leave()
{
	dp_req "$1" POST "/api/v1/memberships/$2/end" '{"date": "2025-12-20", "reason": "resigned"}'
}

dp_members()
{
	dp_req "$1" GET "/api/v1/reports/asof?date=$DP_TODAY&area=$DP_VILLAGE"
	R_MEMBERS=
	[ "$R_STATUS" = 200 ] && _dp_json_int members && R_MEMBERS=$REPLY
	return 0
}

dp_wait_members()
{
	local srv=$1 n=$2 ms=$3 every=${4:-50} start pause
	printf -v pause '%d.%03d' $((every / 1000)) $((every % 1000))
	_dp_now_ms
	start=$REPLY
	while :; do
		# The time the request is sent: a busy machine may take long to answer it.
		_dp_now_ms
		DP_WAITED_MS=$((REPLY - start))
		[ "$DP_WAITED_MS" -le "$ms" ] || return 1
		dp_members "$srv"
		[ "$R_MEMBERS" = "$n" ] && return 0
		sleep "$pause"
	done
}

dp_expect_status()
{
	local code=$1
	shift
	[ "$R_STATUS" = "$code" ] || dp_fail "$* (expected HTTP $code, got $R_STATUS)"
}

dp_expect_problem()
{
	local status=$1 code=$2
	shift 2
	[ "$R_STATUS" = "$status" ] ||
		dp_fail "$* (expected HTTP $status $code, got $R_STATUS${R_CODE:+ $R_CODE})"
	[[ $R_CTYPE == application/problem+json* ]] ||
		dp_fail "$* (Content-Type $R_CTYPE, expected application/problem+json)"
	[ "$R_CODE" = "$code" ] || dp_fail "$* (\"code\": \"$R_CODE\", expected \"$code\")"
	_dp_json_str message_th
	[ -n "$REPLY" ] || dp_fail "$* (the problem has no message_th)"
	_dp_json_str message_en
	[ -n "$REPLY" ] || dp_fail "$* (the problem has no message_en)"
	if [ "$code" = db_unavailable ]; then
		[[ $R_RETRY =~ ^[0-9]+$ ]] || dp_fail "$* (no Retry-After: SECONDS header)"
	fi
	return 0
}

# dp_bg_wait: wait for the background commands of dp_bg to end.
dp_bg_wait()
{
	local p
	for p in "${_dp_bg[@]}"; do
		wait "$p" 2>/dev/null
	done
	_dp_bg=()
}

# ---- the servers following each other ----

# dp_follows FROM TO ID: enrol the new person ID on FROM (201) and see TO's report count one
# more member within 1 s (polled every 50 ms). DP_AS must be set.
dp_follows()
{
	local from=$1 to=$2 id=$3 n
	dp_members "$to"
	dp_expect_status 200 "the as-of report on $to"
	n=$((R_MEMBERS + 1))
	dp_enrol "$from" "$id"
	dp_expect_status 201 "enrol $id on $from"
	dp_wait_members "$to" "$n" 1000 50 ||
		dp_fail "$to's report counts $R_MEMBERS members 1 s after $from's 201, not $n"
	dp_ok "an enrolment on $from is counted by $to after $DP_WAITED_MS ms"
}

# dp_logout_follows A B: a new session of admin, opened on A and used there (A may keep
# it in memory) and on B, ended on B: B refuses it at once, A within 1 s (polled every
# 50 ms). DP_AS is left empty.
dp_logout_follows()
{
	local a=$1 b=$2 start waited
	DP_AS=
	dp_login "$a" admin admin-secret
	dp_expect_status 200 "log in on $a"
	DP_AS=$R_TOKEN
	dp_req "$a" GET /api/v1/auth/me
	dp_expect_status 200 "the token on $a before the logout"
	dp_req "$b" GET /api/v1/auth/me
	dp_expect_status 200 "the token on $b before the logout"
	dp_req "$b" POST /api/v1/auth/logout
	dp_expect_status 204 "log out on $b"
	dp_req "$b" GET /api/v1/auth/me
	dp_expect_problem 401 unauthenticated "the token on $b right after the logout on $b"
	_dp_now_ms
	start=$REPLY
	while :; do
		_dp_now_ms
		waited=$((REPLY - start)) # when the request is sent
		[ "$waited" -le 1000 ] ||
			dp_fail "$a still accepts the token 1 s after the logout on $b (expected 401 within 1 s)"
		dp_req "$a" GET /api/v1/auth/me
		[ "$R_STATUS" = 401 ] && break
		[ "$R_STATUS" = 200 ] ||
			dp_fail "the logged-out token on $a: HTTP $R_STATUS, expected 200 then 401"
		sleep 0.05
	done
	dp_expect_problem 401 unauthenticated "the logged-out token on $a"
	DP_AS=
	dp_ok "a logout on $b ends the session on $a after $waited ms"
}

# dp_wait_listening PSQL NAMES MS: wait at most MS milliseconds until each application name
# of NAMES (space-separated, sorted: the servers' URIs say application_name=…) has a
# session on database s40 whose last statement was a LISTEN: each server is told of the
# others' commits by notification again, not by its check of the journal every second.
# PSQL is dp_primary_psql or dp_standby_psql.
dp_wait_listening()
{
	local psql=$1 names=$2 ms=$3 start got
	start=$(dp_now_ms)
	while :; do
		got=$("$psql" postgres -c "SELECT string_agg(DISTINCT application_name, ' '
			ORDER BY application_name) FROM pg_stat_activity
			WHERE datname = 's40' AND query ILIKE 'LISTEN%'")
		[ "$got" = "$names" ] && break
		R_STATUS=''
		[ $(($(dp_now_ms) - start)) -lt "$ms" ] ||
			dp_fail "sessions listening for the journal's notifications: \"$got\", expected \"$names\" (after $ms ms)"
		sleep 0.2
	done
	dp_ok "$names listen for the journal's notifications"
}
