#!/usr/bin/env bash
# Soak of s40 serve (not a test): on a fresh demo database, the mix of reads and durable
# writes of bench/soak.lua (its header gives the proportions; every request is one that
# answers 2xx), first unpaced for 30 s to measure the capacity C (requests/s), then paced at
# 0.8 C for MINUTES minutes, run as one wrk per segment of SEGMENT minutes. For each segment
# it prints the rate achieved, the errors (non-2xx answers; connect, read, write errors and
# timeouts, a request unanswered after 2 s), latency p50/p90/p99/max, the requests sent more
# than 10 ms behind their schedule, the server's resident memory (VmRSS) sampled every 30 s
# and the database's size at its end; at the end the totals, the memory at the start, end
# and peak, and p99 per segment.
#
#   bench/soak.sh [--build DIR] [--minutes N] [--segment-minutes M] [--connections C]
#                                               (defaults: build, 60, 5, 64)
#
# Latency is wrk's: from the moment a request is sent, not from its slot in the schedule, so
# a server that falls behind shows as late requests and a rate under the target rather than
# as latency. Exits 1 if any request failed. Needs wrk (Debian package wrk; installed here when
# run as root, else the apt-get line is printed) and sqlite3 (to list the demo's persons and
# areas for the script). The command and a run's figures go in docs/PERFORMANCE.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=build
minutes=60
seg_minutes=5
conns=64
capacity_secs=30
rss_every=30

usage() {
	echo "usage: bench/soak.sh [--build DIR] [--minutes N] [--segment-minutes M] [--connections C]" >&2
	exit 2
}
# count VALUE: VALUE if it is a whole number above 0, else the usage.
count() {
	if [[ ${1-} =~ ^[1-9][0-9]*$ ]]; then echo "$1"; else usage; fi
}
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--build) build=$2 ;;
	--minutes) minutes=$(count "$2") ;;
	--segment-minutes) seg_minutes=$(count "$2") ;;
	--connections) conns=$(count "$2") ;;
	*) usage ;;
	esac
	shift 2
done
s40=$(cd "$build" && pwd)/src/cli/s40
threads=$(nproc)
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok

if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y --no-install-recommends wrk >/dev/null || {
			apt-get update >/dev/null && apt-get install -y --no-install-recommends wrk >/dev/null; }
	else
		echo "bench/soak.sh: wrk is missing: apt-get install wrk (as root)" >&2
		exit 1
	fi
fi
command -v sqlite3 >/dev/null || { echo "bench/soak.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-soak.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
	echo "bench/soak.sh: $*" >&2
	tail -5 "$work/serve.log" >&2 2>/dev/null || true
	exit 1
}

db=$work/soak.db
"$s40" demo --db "$db" >/dev/null
echo 'soak-password' | "$s40" user add soak --role admin --db "$db" >/dev/null

# What the script asks for, read from the database before the server opens it: every person of
# the demo; the villages of districts 7501 and 7502 (name searches) and of 7503 (enrolments);
# the subdistricts of 7501 and 7502 (lapsed lists).
mkdir "$work/data"
sqlite3 "$db" "SELECT id FROM person ORDER BY id" >"$work/data/persons.txt"
sqlite3 "$db" "SELECT code FROM area WHERE level = 4 AND code % 100 <> 0
	AND code / 10000 IN (7501, 7502) ORDER BY code" >"$work/data/search.txt"
sqlite3 "$db" "SELECT code FROM area WHERE level = 4 AND code % 100 <> 0
	AND code / 10000 = 7503 ORDER BY code" >"$work/data/enrol.txt"
sqlite3 "$db" "SELECT code FROM area WHERE level = 3 AND code / 100 IN (7501, 7502)
	ORDER BY code" >"$work/data/lapsed.txt"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$s40" serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" --per-ip 4096 \
	>"$work/serve.log" 2>&1 &
spid=$!
pids+=("$spid")
url=http://127.0.0.1:$port
up() { curl -sf "$url/api/v1/health" >/dev/null 2>&1; }
for _ in $(seq 100); do up && break; sleep 0.1; done
up || fail "the server did not start"
token=$(curl -sf -H 'Content-Type: application/json' \
	-d '{"name":"soak","password":"soak-password"}' \
	"$url/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "login failed"
# The peak so far: the login's password hash (Argon2id, 64 MiB) is most of it.
hwm_login=$(awk '/^VmHWM:/ {print $2}' "/proc/$spid/status")

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$spid/status" 2>/dev/null || echo 0; }
# The value of KEY on the SOAK line of FILE.
soak_get() { awk -v k="$2" '/^SOAK / { for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] == k) print a[2] } }' "$1"; }
# The database's size and its WAL's, in MB.
db_size() {
	stat -c %s "$db" "$db-wal" 2>/dev/null | awk '{ s[NR] = $1 }
		END { printf "     database %.0f MB, WAL %.0f MB\n", s[1] / 1048576, s[2] / 1048576 }'
}
clock() { printf '%02d:%02d' $(($1 / 60)) $(($1 % 60)); }

# run_wrk SEGMENT SECONDS RATE: one wrk run of the mix (RATE 0: unpaced) into
# $work/wrk.SEGMENT; while it runs, VmRSS every $rss_every s (and once at its end) as
# "SECONDS-SINCE-$t0 KB" lines in $work/rss.SEGMENT.
run_wrk() {
	local seg=$1 secs=$2 rate=$3 wpid next now
	SOAK_RATE=$rate wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 2s --latency \
		-s "$root/bench/soak.lua" "$url" -- "$token" "$work/data" "$seg" "$threads" \
		>"$work/wrk.$seg" 2>"$work/err.$seg" &
	wpid=$!
	pids+=("$wpid")
	next=$(date +%s)
	: >"$work/rss.$seg"
	while kill -0 "$wpid" 2>/dev/null; do
		kill -0 "$spid" 2>/dev/null || fail "the server has stopped (segment $seg)"
		now=$(date +%s)
		if [ "$now" -ge "$next" ]; then
			echo "$((now - t0)) $(rss_kb)" >>"$work/rss.$seg"
			next=$((next + rss_every))
		fi
		sleep 1
	done
	wait "$wpid" || fail "wrk failed: $(head -3 "$work/err.$seg")"
	echo "$(($(date +%s) - t0)) $(rss_kb)" >>"$work/rss.$seg"
	kill -0 "$spid" 2>/dev/null || fail "the server has stopped"
	grep -q '^SOAK ' "$work/wrk.$seg" || fail "wrk printed no result: $(head -3 "$work/err.$seg")"
}

echo "s40 soak: $threads cores, $conns connections, wrk -t$threads, build $build"
echo "capacity: the mix unpaced for ${capacity_secs} s"
t0=$(date +%s)
rss_begin=$(rss_kb)
run_wrk 0 "$capacity_secs" 0
read -r cap rate < <(awk -v n="$(soak_get "$work/wrk.0" requests)" \
	-v us="$(soak_get "$work/wrk.0" duration_us)" \
	'BEGIN { c = n / (us / 1e6); printf "%.1f %d\n", c, int(0.8 * c) }')
cap_err=$(for k in non2xx connect read write timeout; do soak_get "$work/wrk.0" $k; done |
	awk '{ s += $1 } END { print s }')
printf 'capacity C = %s req/s (%s requests, %s errors, p99 %s ms); paced at 0.8 C = %s req/s\n' \
	"$cap" "$(soak_get "$work/wrk.0" requests)" "$cap_err" \
	"$(awk -v u="$(soak_get "$work/wrk.0" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }')" "$rate"
awk '{ printf "%s%s %.1f", (NR == 1 ? "  VmRSS (MB) " : "  "), sprintf("%02d:%02d", $1 / 60, $1 % 60), $2 / 1024 }
	END { print "" }' "$work/rss.0"
db_size | sed 's/^   //'
[ "$cap_err" -eq 0 ] || head -3 "$work/err.0" >&2
[ "$rate" -gt 0 ] || fail "no capacity measured"
for _ in $(seq 100); do up && break; sleep 0.1; done

total=$((minutes * 60))
seg_len=$((seg_minutes * 60))
n_seg=$(((total + seg_len - 1) / seg_len))
echo
echo "soak: $minutes min at $rate req/s in $n_seg segments of up to $seg_minutes min"
echo "(errors: non-2xx/connect/read/write/timeout; late: sent more than 10 ms after its slot;"
echo " VmRSS in MB every $rss_every s, at minutes:seconds since the soak began)"
printf '%-4s %-11s %9s %9s %6s %-24s %8s %8s %8s %8s %7s\n' seg time 'req/s' requests errors \
	'(non2xx/conn/rd/wr/tmo)' 'p50 ms' 'p90 ms' 'p99 ms' 'max ms' late
t0=$(date +%s)
for seg in $(seq "$n_seg"); do
	secs=$seg_len
	[ $((seg * seg_len)) -le "$total" ] || secs=$((total - (seg - 1) * seg_len))
	start=$(($(date +%s) - t0))
	run_wrk "$seg" "$secs" "$rate"
	end=$(($(date +%s) - t0))
	f=$work/wrk.$seg
	awk -v seg="$seg" -v span="$(clock "$start")-$(clock "$end")" \
		-v n="$(soak_get "$f" requests)" -v us="$(soak_get "$f" duration_us)" \
		-v bad="$(soak_get "$f" non2xx)" -v c="$(soak_get "$f" connect)" \
		-v r="$(soak_get "$f" read)" -v w="$(soak_get "$f" write)" \
		-v t="$(soak_get "$f" timeout)" -v p50="$(soak_get "$f" p50_us)" \
		-v p90="$(soak_get "$f" p90_us)" -v p99="$(soak_get "$f" p99_us)" \
		-v mx="$(soak_get "$f" max_us)" -v late="$(soak_get "$f" late)" \
		-v lag="$(soak_get "$f" lag_max_ms)" 'BEGIN {
		printf "%-4s %-11s %9.1f %9d %6d %-24s %8.1f %8.1f %8.1f %8.1f %7d (max lag %d ms)\n",
			seg, span, n / (us / 1e6), n, bad + c + r + w + t,
			sprintf("(%d/%d/%d/%d/%d)", bad, c, r, w, t),
			p50 / 1000, p90 / 1000, p99 / 1000, mx / 1000, late, lag
	}'
	awk '{ printf "%s%s %.1f", (NR == 1 ? "     VmRSS (MB) " : "  "), sprintf("%02d:%02d", $1 / 60, $1 % 60), $2 / 1024 }
		END { print "" }' "$work/rss.$seg"
	db_size
	[ "$(soak_get "$f" non2xx)" -eq 0 ] || head -3 "$work/err.$seg" | sed 's/^/     /'
done

# The summary over the paced segments.
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$spid/status")
for seg in $(seq "$n_seg"); do
	grep '^SOAK ' "$work/wrk.$seg"
done >"$work/all"
for seg in $(seq "$n_seg"); do
	cat "$work/rss.$seg"
done >"$work/rss.all"
echo
awk -v rate="$rate" -v cap_err="$cap_err" -v begin="$rss_begin" -v hwm="$hwm" \
	-v hwm_login="$hwm_login" -v mins="$minutes" '
	function get(k,   i, a) { for (i = 2; i <= NF; i++) { split($i, a, "="); if (a[1] == k) return a[2] } }
	mode == "rss" { if (first == "") first = $2; last = $2; if ($2 + 0 > max) max = $2 + 0; next }
	{
		n += get("requests"); us += get("duration_us")
		bad += get("non2xx"); c += get("connect"); r += get("read"); w += get("write")
		t += get("timeout"); late += get("late"); if (get("lag_max_ms") + 0 > lag) lag = get("lag_max_ms") + 0
		enrolled += get("enrolled")
		p99 = p99 sprintf(" %.1f", get("p99_us") / 1000)
		split("asof attainment targets person search lapsed enrol pay", kinds, " ")
		for (i = 1; i <= 8; i++) sent[kinds[i]] += get("sent_" kinds[i])
	}
	END {
		err = bad + c + r + w + t
		printf "summary: %d min paced at %d req/s: %d requests, %.1f req/s achieved\n",
			mins, rate, n, n / (us / 1e6)
		printf "  errors %d (non-2xx %d, connect %d, read %d, write %d, timeout %d)\n", err, bad, c, r, w, t
		printf "  sent more than 10 ms behind schedule: %d (max lag %d ms)\n", late, lag
		printf "  VmRSS: before the capacity run %.1f MB; soak start %.1f, end %.1f, max sampled %.1f MB\n",
			begin / 1024, first / 1024, last / 1024, max / 1024
		printf "  VmHWM (peak): %.1f MB at the end, %.1f MB after the login (its password hash)\n",
			hwm / 1024, hwm_login / 1024
		printf "  p99 per segment (ms):%s\n", p99
		s = 0; for (k in sent) s += sent[k]
		printf "  mix sent (%%):"
		for (i = 1; i <= 8; i++) printf " %s %.1f", kinds[i], 100 * sent[kinds[i]] / s
		printf "\n  fresh persons enrolled: %d; payments sent: %d\n", enrolled, sent["pay"]
		if (cap_err > 0)
			printf "  and %d errors in the capacity run\n", cap_err
		exit (err + cap_err > 0)
	}' mode=rss "$work/rss.all" mode=soak "$work/all" || { echo "bench/soak.sh: some requests failed" >&2; exit 1; }
