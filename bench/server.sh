#!/usr/bin/env bash
# Benchmark of s40 serve (not a test): on a fresh demo database, wrk against
#   1. a minimal libmicrohttpd handler returning a fixed 200-byte JSON (bench/mhd_fixed.c),
#   2. a report read: GET /api/v1/reports/asof (the as-of index, area 75, by district),
#   3. durable enrolments: POST /api/v1/enrolments of a fresh person each request
#      (bench/enrol.lua), each answered only after its commit is on disk (synchronous=FULL),
#   3b. the same with an Idempotency-Key on each request (the key's row written with the
#      enrolment, its answer stored after by a second small write),
#   4. the durable-write reference: one-row transactions in SQLite, WAL, synchronous=FULL,
#      one connection (bench/sqlite_tx.c), for the same number of seconds,
# and prints requests/s, p99 latency and the ratios. DESIGN.md's aims: a report read at
# least 0.7 of the minimal handler; durable enrolments at least 1.5 times the one-row
# transactions.
#
#   bench/server.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]     (defaults: build 10 64)
#
# Needs wrk (Debian package wrk): installed here when run as root, else the apt-get line
# is printed. The figures and the command go in docs/PERFORMANCE.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
secs=${2:-10}
conns=${3:-64}
s40=$(cd "$build" && pwd)/src/cli/s40
threads=$(nproc)
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok

if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y --no-install-recommends wrk >/dev/null || {
			apt-get update >/dev/null && apt-get install -y --no-install-recommends wrk >/dev/null; }
	else
		echo "bench/server.sh: wrk is missing: apt-get install wrk (as root)" >&2
		exit 1
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-bench.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

cc -O2 -o "$work/mhd_fixed" "$root/bench/mhd_fixed.c" $(pkg-config --cflags --libs libmicrohttpd)
cc -O2 -o "$work/sqlite_tx" "$root/bench/sqlite_tx.c" $(pkg-config --cflags --libs sqlite3)

"$s40" demo --db "$work/bench.db" >/dev/null
echo 'bench-password' | "$s40" user add bench --role admin --db "$work/bench.db" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

port_fixed=$(free_port)
"$work/mhd_fixed" "$port_fixed" "$threads" >"$work/fixed.log" &
pids+=($!)
port=$(free_port)
"$s40" serve --db "$work/bench.db" --listen "127.0.0.1:$port" --threads "$threads" \
	--per-ip 4096 >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
	curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 &&
		curl -sf "http://127.0.0.1:$port_fixed/" >/dev/null 2>&1 && break
	sleep 0.1
done
token=$(curl -sf -H 'Content-Type: application/json' \
	-d '{"name":"bench","password":"bench-password"}' \
	"http://127.0.0.1:$port/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench/server.sh: login failed" >&2; exit 1; }

# run NAME wrk-args…: prints "NAME req/s p99" and keeps them in $work/NAME.
run() {
	local name=$1
	shift
	wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$@" >"$work/$name.wrk" 2>"$work/$name.err"
	local rps p99 non2xx
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.wrk")
	p99=$(awk '$1 == "99%" {print $2}' "$work/$name.wrk")
	non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$name.wrk")
	echo "$rps $p99 ${non2xx:-0}" >"$work/$name"
	printf '%-34s %12s req/s   p99 %9s   non-2xx %s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
}

echo "s40 bench: $threads cores, $conns connections, ${secs}s each, wrk -t$threads"
run "minimal MHD handler (200 B)" "http://127.0.0.1:$port_fixed/"
cp "$work/minimal MHD handler (200 B)" "$work/fixed"
run "report read (asof 75 by district)" -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/reports/asof?date=2019-10-31&area=75"
cp "$work/report read (asof 75 by district)" "$work/report"
run "durable enrolments" -s "$root/bench/enrol.lua" "http://127.0.0.1:$port" -- \
	"$token" 575990000000
cp "$work/durable enrolments" "$work/enrol"
head -3 "$work/durable enrolments.err" >&2 || true
run "durable enrolments, Idempotency-Key" -s "$root/bench/enrol.lua" "http://127.0.0.1:$port" -- \
	"$token" 576990000000 key
cp "$work/durable enrolments, Idempotency-Key" "$work/enrol_key"
head -3 "$work/durable enrolments, Idempotency-Key.err" >&2 || true

"$work/sqlite_tx" "$work/tx.db" "$secs" >"$work/tx"
printf '%-34s %12s tx/s\n' "one-row transactions (reference)" \
	"$(sed -n 's/.*: \([0-9]*\)\/s$/\1/p' "$work/tx")"

read -r f_rps _ _ <"$work/fixed"
read -r r_rps _ _ <"$work/report"
read -r e_rps _ e_bad <"$work/enrol"
read -r k_rps _ k_bad <"$work/enrol_key"
t_tps=$(sed -n 's/.*: \([0-9]*\)\/s$/\1/p' "$work/tx")
members=$(curl -sf -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$port/api/v1/reports/asof?date=2025-12-31&area=7503" |
	grep -o '"members":[0-9]*' | tail -1 | cut -d: -f2)
echo
awk -v f="$f_rps" -v r="$r_rps" -v e="$e_rps" -v bad="$e_bad" -v t="$t_tps" -v k="$k_rps" \
	-v kbad="$k_bad" 'BEGIN {
	printf "report read / minimal handler        %.2f   (DESIGN aim >= 0.70: %s)\n", r / f,
		(r / f >= 0.7 ? "met" : "NOT met")
	printf "durable enrolments / one-row tx      %.2f   (DESIGN aim >= 1.50: %s; %.0f/s, %s not 201)\n",
		e / t, (e / t >= 1.5 ? "met" : "NOT met"), e, bad
	printf "keyed / plain durable enrolments     %.2f   (%.0f/s, %s not 201)\n", k / e, k, kbad
}'
echo "members in Amphawa on 2025-12-31 after the run: $members"
