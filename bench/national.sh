#!/usr/bin/env bash
# Benchmark of s40 serve at national size (not a test). On the national database of
# bench/national_build.sh (20 M persons, 11 M members; built once into DIR and kept),
# and on a province-size reference (`s40 demo`, 27,000 persons) served the same way in
# the same run, it measures:
#   - the time from starting `s40 serve` until it answers the health route, until it
#     answers the national as-of report (ready to answer), and until its coverage index
#     (built beside it) is current;
#   - the server's resident memory (VmRSS) after all the requests, and its peak (VmHWM);
#   - p99 over HTTP (wrk, CONNECTIONS connections, SECONDS each) of: the health route
#     (the floor), the national and a provincial as-of report, the national and a
#     provincial coverage report (surveyed villages), a name search in a
#     province, the first page of a province's lapsed list, a province's 12-month
#     contributions report, and a person's page with a 10-year ledger (the person and
#     the ledger routes);
# and prints each figure beside its aim (docs/DESIGN.md "Numbers to reach", issue 11) and
# the same request on the reference database.
#
#   bench/national.sh BUILD_DIR DIR [PAYERS] [SECONDS] [CONNECTIONS] [PROVINCE]
#   (defaults: 100 10 4 30)
#
# BUILD_DIR is a release build; DIR keeps the national database (DIR/national.db) and its
# CSV files: built when missing (about an hour on two cores), reused otherwise. PAYERS 100
# or 10: monthly payments of 2025 for 1/100 or 1/10 of the members (10 after 100 adds the
# rest). PROVINCE is the province asked about (30, Nakhon Ratchasima, the largest after
# Bangkok). Needs wrk, curl, sqlite3 and python3. The figures go in docs/PERFORMANCE.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:?usage: national.sh BUILD_DIR DIR [PAYERS] [SECONDS] [CONNECTIONS]}" && pwd)
dir=${2:?usage: national.sh BUILD_DIR DIR [PAYERS] [SECONDS] [CONNECTIONS]}
payers=${3:-100}
secs=${4:-10}
conns=${5:-4}
prov=${6:-30}
s40=$build/src/cli/s40
today=2026-01-01
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok
for tool in wrk curl sqlite3 python3; do
	command -v "$tool" >/dev/null || {
		echo "bench/national.sh: $tool is missing" >&2
		exit 1
	}
done

"$root/bench/national_build.sh" "$build" "$dir" 20000000 "$payers"
dir=$(cd "$dir" && pwd)
db=$dir/national.db

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-national.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

# A user to log in with, added once (a journaled write, as any user's).
if ! "$s40" user list --db "$db" | grep -q '^natbench\b'; then
	echo 'bench-password' | "$s40" user add natbench --role admin --db "$db" >/dev/null
fi
# The reference: the demo's province, built once beside the national database.
if [ ! -e "$dir/demo.db" ]; then
	"$s40" demo --db "$dir/demo.tmp.db" >/dev/null
	echo 'bench-password' | "$s40" user add natbench --role admin --db "$dir/demo.tmp.db" \
		>/dev/null
	mv "$dir/demo.tmp.db" "$dir/demo.db"
fi

now() { date +%s.%N; }

# serve NAME DB: starts s40 serve on a free loopback port; sets port_NAME, pid_NAME and
# the seconds until health answers (listen_NAME) and until the national as-of report
# answers (ready_NAME).
serve() {
	local name=$1 db=$2 t0 port pid url
	t0=$(now)
	# The log exists before the server writes to it: the loop below reads it at once.
	: >"$work/$name.log"
	"$s40" --today "$today" serve --db "$db" --listen 127.0.0.1:0 --threads "$(nproc)" \
		--per-ip 100000 >"$work/$name.log" 2>&1 &
	pid=$!
	pids+=("$pid")
	for _ in $(seq 600); do
		port=$(sed -n '1s/.*:\([0-9][0-9]*\).*/\1/p' "$work/$name.log")
		[ -n "$port" ] && break
		kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
		sleep 0.05
	done
	url=http://127.0.0.1:$port
	until curl -sf "$url/api/v1/health" >/dev/null 2>&1; do
		kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
		sleep 0.02
	done
	printf -v "listen_$name" '%s' "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')"
	local token
	token=$(curl -sf -H 'Content-Type: application/json' \
		-d '{"name":"natbench","password":"bench-password"}' \
		"$url/api/v1/auth/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	[ -n "$token" ] || { echo "bench/national.sh: login to $name failed" >&2; exit 1; }
	until curl -sf -H "Authorization: Bearer $token" \
		"$url/api/v1/reports/asof?date=2025-12-31" >/dev/null 2>&1; do
		kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
		sleep 0.02
	done
	printf -v "ready_$name" '%s' "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')"
	# The coverage index is built beside the server, after it is ready.
	local i=0
	until curl -sf "$url/api/v1/health" | grep -q '"coverage_index_current":true'; do
		kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
		((++i < 12000)) || {
			echo "bench/national.sh: $name: the coverage index is not current after 600 s" >&2
			exit 1
		}
		sleep 0.05
	done
	printf -v "covready_$name" '%s' "$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')"
	printf -v "port_$name" '%s' "$port"
	printf -v "pid_$name" '%s' "$pid"
	printf -v "token_$name" '%s' "$token"
}

# p99 NAME URL: wrk on URL; keeps "p99_ms req/s non2xx" in $work/NAME.
p99() {
	local name=$1 url=$2 token=$3
	wrk -t"$(nproc)" -c"$conns" -d"${secs}s" --timeout 60s --latency \
		-H "Authorization: Bearer $token" "$url" >"$work/$name.wrk" 2>&1 || {
		echo "bench/national.sh: wrk $url failed:" >&2
		cat "$work/$name.wrk" >&2
		exit 1
	}
	# Requests wrk left unanswered are still being served: wait until the server
	# answers again, so that they do not slow the next measure.
	curl -sf -m 300 "${url%%/api/*}/api/v1/health" >/dev/null || true
	awk '
	function ms(v) {
		if (v ~ /us$/) return v * 0.001
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	$1 == "99%" { p = ms($2) }
	/^Requests\/sec:/ { r = $2 }
	/Non-2xx/ { bad = $NF }
	END { printf "%.3f %.0f %d\n", p, r, bad }' "$work/$name.wrk" >"$work/$name"
	# None answered within the run (each slower than SECONDS): the slowest of three
	# requests one after the other, by curl, instead.
	if [ "$(cut -d' ' -f2 "$work/$name")" = 0 ]; then
		local slowest=0 t
		for _ in 1 2 3; do
			t=$(curl -s -o /dev/null -m 300 -w '%{time_total}' \
				-H "Authorization: Bearer $token" "$url")
			slowest=$(awk -v a="$slowest" -v b="$t" 'BEGIN { print (b > a ? b : a) }')
		done
		awk -v s="$slowest" 'BEGIN { printf "%.3f 0 0 curl\n", s * 1000 }' >"$work/$name"
	fi
}

echo "s40 national bench: $(nproc) cores, wrk -c$conns ${secs}s each, payers 1/$payers," \
	"province $prov, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database $db: $(($(stat -c %s "$db") / 1000000)) MB;" \
	"$(sqlite3 "$db" 'SELECT (SELECT count(*) FROM person) || " persons, " ||
	(SELECT count(*) FROM spell) || " spells, " || (SELECT count(*) FROM payment) ||
	" payments, " || (SELECT count(*) FROM ledger) || " ledger months"')"

# The person with the longest ledger, and a name in the province.
ledger_id=$(sed -n 's/^ledger //p' "$dir/csv/sample.txt" | head -1)
demo_ledger=$(sqlite3 "$dir/demo.db" \
	"SELECT person FROM ledger GROUP BY person ORDER BY count(*) DESC LIMIT 1")
name=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("สมชาย"))') # สมชาย

serve demo "$dir/demo.db"
serve nat "$db"

# The same requests on both databases: PROVINCE on the national one, 75 (the demo's only
# province) on the reference.
routes=(health asof_country asof_province coverage_country coverage_province search lapsed
	contributions person ledger)
url_of() { # url_of ROUTE PORT AREA PERSON
	local base=http://127.0.0.1:$2/api/v1
	case $1 in
	health) echo "$base/health" ;;
	asof_country) echo "$base/reports/asof?date=2025-12-31" ;;
	asof_province) echo "$base/reports/asof?date=2025-12-31&area=$3" ;;
	coverage_country) echo "$base/reports/coverage?date=2025-12-31" ;;
	coverage_province) echo "$base/reports/coverage?date=2025-12-31&area=$3" ;;
	search) echo "$base/persons?q=$name&area=$3" ;;
	lapsed) echo "$base/reports/lapsed?area=$3&date=$today" ;;
	contributions) echo "$base/reports/contributions?area=$3&from=2025-01&to=2025-12" ;;
	person) echo "$base/persons/$4" ;;
	ledger) echo "$base/persons/$4/ledger?date=$today" ;;
	esac
}
for r in "${routes[@]}"; do
	p99 "demo.$r" "$(url_of "$r" "$port_demo" 75 "$demo_ledger")" "$token_demo"
	p99 "nat.$r" "$(url_of "$r" "$port_nat" "$prov" "$ledger_id")" "$token_nat"
done
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid_nat/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$pid_nat/status")
ledger_months=$(sqlite3 "$db" "SELECT count(*) FROM ledger WHERE person = $ledger_id")

echo
printf '%-34s %12s %12s %12s %10s %s\n' "measure" "national" "aim" "reference" "req/s" "met"
printf '%-34s %10.2f s %10s s %10.2f s %10s %s\n' "ready: health answers" "$listen_nat" "-" \
	"$listen_demo" "" ""
awk -v a="$ready_nat" -v b="$ready_demo" 'BEGIN { printf "%-34s %10.2f s %10s s %10.2f s %10s %s\n",
	"ready: national as-of answers", a, "< 10", b, "", (a < 10 ? "met" : "NOT met") }'
printf '%-34s %10.2f s %10s s %10.2f s %10s %s\n' "ready: coverage index current" \
	"$covready_nat" "-" "$covready_demo" "" ""
awk -v r="$rss_kb" -v h="$hwm_kb" 'BEGIN {
	printf "%-34s %9.0f MB %9s MB %12s %10s %s\n", "resident memory (VmRSS)", r / 1024,
		"< 2048", "", "", (r / 1024 < 2048 ? "met" : "NOT met")
	printf "%-34s %9.0f MB %9s MB %12s %10s %s\n", "peak resident memory (VmHWM)", h / 1024,
		"< 2048", "", "", (h / 1024 < 2048 ? "met" : "NOT met") }'
aim_of() {
	case $1 in
	asof_country | asof_province | coverage_country | coverage_province) echo 5 ;;
	search) echo 50 ;;
	lapsed | contributions) echo 200 ;;
	person | ledger) echo 20 ;;
	*) echo - ;;
	esac
}
for r in "${routes[@]}"; do
	read -r np nr nb nc <"$work/nat.$r"
	read -r dp _ db_ dc <"$work/demo.$r"
	aim=$(aim_of "$r")
	awk -v r="p99 $r" -v np="$np" -v dp="$dp" -v aim="$aim" -v nr="$nr" -v nb="$nb" -v db="$db_" \
		-v nc="${nc:-}" -v dc="${dc:-}" '
	BEGIN {
		met = aim == "-" ? "" : (np < aim ? "met" : "NOT met")
		if (nb > 0 || db > 0) met = met " (non-2xx: " nb " / " db ")"
		if (nc != "" || dc != "") met = met " (slowest of 3 by curl: " (nc != "" ? "national" : "") \
			(nc != "" && dc != "" ? ", " : "") (dc != "" ? "reference" : "") ")"
		printf "%-34s %9.2f ms %9s ms %9.2f ms %10s %s\n", r, np, aim, dp, nr, met
	}'
done
echo "(reference: the same request on a province-size database, s40 demo, area 75; the" \
	"person is the one with the longest ledger: $ledger_months months on the national one)"
echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
