#!/usr/bin/env bash
# Runs every test against one or more build directories and prints one closing line,
# "N passed, N failed", which CI reads.
#
#   tests/run.sh BUILD_DIR...        e.g. tests/run.sh build build-asan
#
# For each build directory, in this order of output, each part on both storage engines
# where it says so:
#   unit      the cmocka unit test programs BUILD_DIR/tests/test-* on SQLite (a test case
#             is one test; a program that crashes or exits non-zero without saying which
#             case failed counts as one failed test);
#   unit [pg] the same programs again on PostgreSQL: those that read S40_TEST_PG (every
#             program built with tests/unit/testdb.c: store, registry, stats, report,
#             io-import), each test in a database of its own (tests/unit/testdb.h);
#   cmd       the command tests (tests/cmd/run.sh with S40=BUILD_DIR/src/cli/s40; one .t
#             file is one test), on SQLite files, then again on PostgreSQL (lines "[pg]");
#   api       the API tests (tests/api/*.t through BUILD_DIR/tests/api/api-runner, each
#             file against its own server; one file is one test), on SQLite, then again on
#             PostgreSQL (lines "[pg]"); for the first BUILD_DIR each run also records
#             every exchange (S40_API_RECORD) and tests/api/schema-check.mjs checks them
#             against docs/openapi.json (one more test on each engine);
#   oas       docs/openapi.json through two linters, @redocly/cli (redocly.yaml) and
#             @stoplight/spectral-cli (.spectral.yaml), any error or warning failing
#             (each linter one test), for the first BUILD_DIR;
#   deploy [pg] the deployment tests (tests/deploy/*.t with S40=BUILD_DIR/src/cli/s40:
#             several servers, a hot standby, a crash, a failover; each file on PostgreSQL
#             clusters of its own; one file is one test, its output shown when it fails);
#   fuzz      the libFuzzer targets of fuzz/ (fuzz/run.sh: built with clang, the API's in
#             build-fuzz/, each run for FUZZ_SECONDS, default 15; one target is one test;
#             a crash leaves its input in the part's folder and its report in the output),
#             for the first BUILD_DIR;
#   browser   the browser tests (tests/browser/*.test.mjs through node --test: playwright-
#             core driving /usr/bin/chromium against a real s40 serve; one test is one
#             test; screenshots in test-output/browser/), on SQLite only, for the first
#             BUILD_DIR.
# The [pg] command, API and deployment parts run for the first BUILD_DIR only (the others,
# such as the sanitizer build, run the unit tests on both engines, the command tests but
# those in cmd_first_only below and the API tests on SQLite).
# PostgreSQL is one throwaway cluster for the whole run (tests/pg.sh: started here, stopped
# and removed at the end, also when a test fails or the run is interrupted); a part runs
# on it with S40_TEST_PG set to the cluster's maintenance database, and makes its own
# databases there. Without PostgreSQL's programs each [pg] part counts as one failure.
# The demo databases the command, API and browser tests read are built once for the whole
# run, by whichever part asks first, and copied (tests/demo-cache.sh, S40_TEST_DEMO_CACHE).
#
# The parts run TEST_JOBS at a time (default: the number of processors), the longest
# first (by a rough weight each; the command tests on PostgreSQL and on the sanitizer
# builds as two halves, "1/2" and "2/2", every other file each), each part's output held back and printed whole, in the
# order above; a line "-- BUILD PART: Ns" closes each. Two browser parts never run at once.
# Exits 1 when anything failed or when no test ran.
#
# Environment: TEST_TIMEOUT (seconds per unit test program and per deployment test, and
# for the API run, default 600; the browser run gets twice it), TEST_JOBS (parts at once).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [ $# -eq 0 ]; then
	echo "usage: tests/run.sh BUILD_DIR..." >&2
	exit 2
fi

export LC_ALL=C.UTF-8
export CMOCKA_MESSAGE_OUTPUT=STDOUT
# Sanitizer builds: any finding fails the program. UBSan only reports unless told to stop.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# A freed block waits in a 64 MiB quarantine (not 256) before its memory is reused: a use
# after free within the next 64 MiB freed is still caught, and the demo's build (2.3 M rows)
# no longer spends a third of its time recycling the quarantine.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=64}
# Leaks reported inside fontconfig, which hides its pointers from the leak checker, are not
# ours (tests/lsan.supp says why).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
timeout_s=${TEST_TIMEOUT:-600}
max_jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
case $max_jobs in
'' | *[!0-9]* | 0) max_jobs=2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-run.XXXXXX") || exit 2

# Every part runs in its own process group (job control): a terminal's Ctrl-C reaches this
# script alone, which then ends each part with everything it started.
set -m
declare -A running=() # part number → process ID

# proc_tree PID: PID and every process under it, parents first (timeout(1) puts its
# command in a process group of its own, so a part's group does not hold everything).
proc_tree()
{
	local c
	echo "$1"
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		proc_tree "$c"
	done
}

stop_parts()
{
	local i pids=()
	for i in "${!running[@]}"; do
		mapfile -t -O "${#pids[@]}" pids < <(proc_tree "${running[$i]}")
	done
	[ "${#pids[@]}" -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null
	for i in "${!running[@]}"; do
		wait "${running[$i]}" 2>/dev/null
		unset "running[$i]"
	done
}

# The parts are stopped first, then the cluster (tests/pg.sh adds its own to these traps:
# on SIGINT and SIGTERM it runs ours, then exits through EXIT, which stops the cluster and
# then removes $work).
trap 'stop_parts; rm -rf "$work"' EXIT
trap 'stop_parts; exit 130' INT
trap 'stop_parts; exit 143' TERM

# One PostgreSQL cluster for the run. S40_TEST_PG is taken out of the environment and
# given only to the [pg] parts.
# shellcheck source=tests/pg.sh
source "$root/tests/pg.sh"
pg_base=
pg_why=
if pg_cluster_start 2>"$work/pg.err"; then
	pg_base=$S40_TEST_PG
else
	pg_why=$(tr '\n' ' ' <"$work/pg.err")
	pg_why=${pg_why% }
fi
unset S40_TEST_PG

# The demo databases the command, API and browser tests copy (tests/demo-cache.sh) are
# built once for the whole run, by whichever part asks first.
export S40_TEST_DEMO_CACHE="$work/demo-cache"
mkdir -p "$S40_TEST_DEMO_CACHE"
# ... with the first build (the plain one), whichever part asks: the same file, three times
# sooner than the sanitizer build makes it.
if [ -x "$1/src/cli/s40" ]; then
	export S40_TEST_DEMO_S40
	S40_TEST_DEMO_S40=$(cd "$1" && pwd)/src/cli/s40
fi

# ---- the parts: each prints its lines and writes "PASSED FAILED" into $counts ----

# run_unit PROGRAM LABEL: runs one cmocka program and adds its cases to p_all, f_all.
run_unit()
{
	local prog=$1 label=$2 log="$dir/unit.log" rc n p=0 f=0 s=0 summary=0
	# The sanitizers slow the demo's build (io-demo: 2.3 M rows, each digested) past
	# the plain build's limit: three times as long for them.
	local limit=$timeout_s
	case $build in *asan*) limit=$((timeout_s * 3)) ;; esac

	# Not exec'd, so that the shell reports a crash ("Segmentation fault") into the log.
	local t0=$SECONDS
	(cd "$build_abs" && timeout -k 10 "$limit" "$prog"; exit $?) >"$log" 2>&1 </dev/null
	rc=$?
	local secs=$((SECONDS - t0))
	# cmocka prints one summary per group: "[  PASSED  ] N test(s)." and, when some
	# failed, "[  FAILED  ] N test(s), listed below:".
	while IFS= read -r line; do
		case $line in
		'[  PASSED  ] '*' test(s).')
			n=${line#'[  PASSED  ] '}; n=${n%' test(s).'}
			p=$((p + n)); summary=1 ;;
		'[  FAILED  ] '*' test(s), listed below:')
			n=${line#'[  FAILED  ] '}; n=${n%' test(s), listed below:'}
			f=$((f + n)); summary=1 ;;
		'[  SKIPPED ] '*' test(s), listed below:')
			n=${line#'[  SKIPPED ] '}; n=${n%' test(s), listed below:'}
			s=$((s + n)) ;;
		esac
	done <"$log"

	local why=
	if [ "$summary" -eq 0 ]; then
		why="no cmocka summary (exit status $rc)"
		f=$((f + 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# All cases passed but the program failed afterwards (crash in teardown,
		# sanitizer finding such as a leak at exit, timeout).
		why="exit status $rc after its tests passed"
		f=$((f + 1))
	fi
	[ "$rc" -eq 124 ] && why="timed out after ${limit}s${why:+; $why}"

	p_all=$((p_all + p))
	f_all=$((f_all + f))
	if [ "$f" -eq 0 ]; then
		local msg="ok $label $p tests"
		[ "$s" -gt 0 ] && msg+=", $s skipped"
		echo "$msg (${secs}s)"
	else
		echo "FAIL $label: $p passed, $f failed${why:+ ($why)} (${secs}s)"
		sed 's/^/    /' "$log"
	fi
}

# part_unit PG: every unit test program; with PG=1 on PostgreSQL, only the programs that
# read S40_TEST_PG (the others would only repeat their SQLite run).
part_unit()
{
	local pg=$1 prog name n_prog=0 tag=
	p_all=0 f_all=0
	[ "$pg" = 1 ] && tag=' [pg]'
	for prog in "$build_abs"/tests/test-*; do
		if [ ! -f "$prog" ] || [ ! -x "$prog" ]; then
			continue
		fi
		[ "$pg" = 1 ] && ! grep -qa S40_TEST_PG "$prog" && continue
		n_prog=$((n_prog + 1))
		name=${prog##*/}
		run_unit "$prog" "${name#test-}$tag"
	done
	[ "$n_prog" -eq 0 ] && echo "(no unit test programs${tag} in $build/tests)"
	echo "$p_all $f_all" >"$counts"
}

part_cmd()
{
	# A step's time limit: PostgreSQL builds the demo (2.3 M rows, each also digested
	# through its triggers: docs/PERFORMANCE.md) in about twice SQLite's time.
	local limit=${CMD_TIMEOUT:-120}
	[ -z "${S40_TEST_PG:-}" ] || limit=${CMD_TIMEOUT:-300}
	# The sanitizers slow the demo's build most (330's, to 2026, passed 120 s there):
	# three times as long for them, as for the unit programs.
	case $build in *asan*) limit=$((limit * 3)) ;; esac
	# The other builds (the sanitizers') leave out the files in cmd_first_only. A part that
	# is a share K/N of the files (shard) takes every Nth file from the Kth.
	local files=() f k=0
	if [ "$first" = 0 ] || [ -n "$shard" ]; then
		for f in "$root"/tests/cmd/*.t; do
			[ "$first" = 0 ] && [[ " $cmd_first_only " == *" ${f##*/} "* ]] && continue
			if [ -z "$shard" ] || [ $((k % ${shard#*/})) -eq $((${shard%/*} - 1)) ]; then
				files+=("$f")
			fi
			k=$((k + 1))
		done
	fi
	CMD_TIMEOUT=$limit S40="$build_abs/src/cli/s40" \
		TESTS_COUNTS_FILE="$counts" "$root/tests/cmd/run.sh" "${files[@]}" </dev/null
	[ -s "$counts" ] || echo "FAIL $build: tests/cmd/run.sh reported no counts"
}

# add_counts P F: P passed and F failed added to the part's counts.
add_counts()
{
	local p=0 f=0
	[ -s "$counts" ] && read -r p f <"$counts"
	echo "$((p + $1)) $((f + $2))" >"$counts"
}

# API tests: tests/api/*.t against a real s40 serve (tests/api/README.md); with the first
# build, every exchange recorded and checked against the OpenAPI document's schemas.
part_api()
{
	local record=
	[ "$first" = 1 ] && record="$dir/api-record.jsonl"
	TESTS_COUNTS_FILE="$counts" S40_API_RECORD="$record" timeout -k 10 "$timeout_s" \
		"$build_abs/tests/api/api-runner" "$build_abs/src/cli/s40" "$root/tests/api" \
		</dev/null | grep -v '^api: '
	[ -s "$counts" ] || echo "FAIL $build: tests/api reported no counts"
	[ -n "$record" ] || return 0
	local log="$dir/schema-check.log"
	if ! command -v node >/dev/null || [ ! -d "$root/node_modules/ajv" ]; then
		echo "FAIL api schema-check: needs node and node_modules (make test installs them)"
		add_counts 0 1
	elif node "$root/tests/api/schema-check.mjs" "$root/docs/openapi.json" "$record" \
		>"$log" 2>&1 </dev/null; then
		echo "ok api schema-check: $(tail -n 1 "$log" | sed 's/^schema-check: //')"
		add_counts 1 0
	else
		echo "FAIL api schema-check: the answers and docs/openapi.json disagree"
		head -n 60 "$log" | sed 's/^/    /'
		add_counts 0 1
	fi
}

# oas: the OpenAPI document through two linters, with the rules of redocly.yaml and
# .spectral.yaml; a warning fails as an error does.
part_oas()
{
	local p=0 f=0 log="$dir/oas.log" bin="$root/node_modules/.bin"
	if ! command -v node >/dev/null || [ ! -x "$bin/redocly" ] || [ ! -x "$bin/spectral" ]; then
		echo "FAIL oas: the linters need node and node_modules (make test installs them)"
		echo "0 2" >"$counts"
		return
	fi
	# Redocly exits 0 with warnings: its JSON report's totals decide.
	if (cd "$root" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
		timeout -k 10 "$timeout_s" "$bin/redocly" lint --config redocly.yaml \
		--format=json docs/openapi.json) >"$log" 2>/dev/null </dev/null &&
		node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totals;
			process.exit(t.errors + t.warnings === 0 ? 0 : 1)' "$log" 2>/dev/null; then
		p=$((p + 1))
		echo "ok oas redocly lint docs/openapi.json"
	else
		f=$((f + 1))
		echo "FAIL oas redocly lint docs/openapi.json: errors or warnings"
		(cd "$root" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
			"$bin/redocly" lint --config redocly.yaml docs/openapi.json 2>&1 </dev/null) |
			head -n 80 | sed 's/^/    /'
	fi
	if (cd "$root" && timeout -k 10 "$timeout_s" "$bin/spectral" lint --ruleset .spectral.yaml \
		--fail-severity=warn docs/openapi.json) >"$log" 2>&1 </dev/null; then
		p=$((p + 1))
		echo "ok oas spectral lint docs/openapi.json"
	else
		f=$((f + 1))
		echo "FAIL oas spectral lint docs/openapi.json: errors or warnings"
		head -n 80 "$log" | sed 's/^/    /'
	fi
	echo "$p $f" >"$counts"
}

# Deployment tests: each tests/deploy/*.t starts and removes its own clusters (tests/deploy/
# README.md); S40_TEST_PG, the shared cluster, is not theirs to use.
part_deploy()
{
	local t name log="$dir/deploy.log" rc p=0 f=0
	for t in "$root"/tests/deploy/*.t; do
		[ -f "$t" ] || continue
		name=${t#"$root"/}
		(unset S40_TEST_PG; S40="$build_abs/src/cli/s40" \
			timeout -k 10 "$timeout_s" bash "$t") >"$log" 2>&1 </dev/null
		rc=$?
		if [ "$rc" -eq 0 ]; then
			p=$((p + 1))
			echo "ok $name"
		else
			f=$((f + 1))
			if [ "$rc" -eq 124 ]; then
				echo "FAIL $name: timed out after ${timeout_s}s"
			else
				echo "FAIL $name: exit status $rc"
			fi
			sed 's/^/    /' "$log"
		fi
	done
	[ $((p + f)) -eq 0 ] && echo "(no deployment tests in tests/deploy)"
	echo "$p $f" >"$counts"
}

# fuzz: each libFuzzer target for a short while (fuzz/run.sh, fuzz/README.md)
part_fuzz()
{
	local t log rc p=0 f=0 secs=${FUZZ_SECONDS:-15}
	if ! command -v clang >/dev/null; then
		echo "FAIL fuzz: clang is missing (make test installs it)"
		echo "0 1" >"$counts"
		return
	fi
	for t in csv date natid xlsx api_write api_read; do
		log="$dir/fuzz-$t.log"
		(cd "$dir" && timeout -k 10 "$timeout_s" "$root/fuzz/run.sh" "$secs" "$t") \
			>"$log" 2>&1 </dev/null
		rc=$?
		if [ "$rc" -eq 0 ]; then
			p=$((p + 1))
			echo "ok fuzz/$t.c (${secs}s)"
		else
			f=$((f + 1))
			echo "FAIL fuzz/$t.c: exit status $rc"
			tail -n 40 "$log" | sed 's/^/    /'
		fi
	done
	echo "$p $f" >"$counts"
}

# browser tests: the web UI in Debian's chromium (tests/browser/harness.mjs)
part_browser()
{
	if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] ||
		[ ! -d "$root/node_modules/playwright-core" ]; then
		echo "FAIL $build: browser tests need node, /usr/bin/chromium and node_modules (make test installs them)"
		echo "0 1" >"$counts"
		return
	fi
	local log="$dir/browser.log" p f
	mkdir -p "$dir/browser"
	# One run of every file (about 650 s on two cores with the offline tests): twice the
	# limit of a single program, as the sanitizer build's unit tests get three times it.
	(cd "$root" && S40="$build_abs/src/cli/s40" S40_BROWSER_WORK="$dir/browser" \
		timeout -k 10 "$((timeout_s * 2))" node --test --test-reporter=tap --test-concurrency=1 \
		tests/browser/) >"$log" 2>&1 </dev/null
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	if [ -z "$p" ] || [ -z "$f" ]; then
		# Stopped before the end (the time limit): each failure so far with its report,
		# then where it stopped.
		echo "FAIL $build: tests/browser reported no counts"
		awk '/^ *not ok [0-9]/ { print; blk = 1; n = 0; next }
			blk && /^ *\.\.\.$/ { blk = 0; next }
			blk && n++ < 30 { print }' "$log" | sed 's/^/    /'
		echo "    (the last lines:)"
		sed 's/^/    /' "$log" | tail -20
		echo "0 1" >"$counts"
		return
	fi
	echo "$p $f" >"$counts"
	if [ "$f" -eq 0 ]; then
		echo "ok browser $p tests"
	else
		echo "FAIL browser: $p passed, $f failed"
		# Each test's line, and the whole report (up to 30 lines) under a failure.
		awk '/^ *(not ok|ok) [0-9]/ { print; blk = /not ok/; n = 0; next }
			blk && /^ *\.\.\.$/ { blk = 0; next }
			blk && n++ < 30 { print }' "$log" | sed 's/^/    /'
	fi
}

# run_part I: part I in its own folder $work/I; its output in out, counts in counts.
run_part()
{
	local kind=${p_kind[$1]} pg=${p_pg[$1]} first=${p_first[$1]} shard=${p_shard[$1]}
	build=${p_build[$1]} build_abs=${p_abs[$1]} dir="$work/$1" counts="$work/$1/counts"
	mkdir -p "$dir"
	if [ "$pg" = 1 ]; then
		if [ -z "$pg_base" ]; then
			echo "FAIL $build: $kind on PostgreSQL: no cluster (${pg_why:-tests/pg.sh failed})"
			echo "0 1" >"$counts"
			return
		fi
		export S40_TEST_PG=$pg_base
	fi
	case $kind in
	unit) part_unit "$pg" ;;
	cmd) part_cmd ;;
	api) part_api ;;
	oas) part_oas ;;
	deploy) part_deploy ;;
	fuzz) part_fuzz ;;
	browser) part_browser ;;
	esac
}

# ---- the plan: every part of every build, in the order of output ----

# What runs on the first build only, besides the parts said below: the command tests that
# build or copy the whole demo several times (070: three builds, two by s40 demo; 080:
# three copies), and 104, which kills imports of 40,000 rows at random points (the
# database's atomic commit, not the program's memory, is what it tries). Under the
# sanitizers they took seven minutes of a run, to repeat what the unit tests io-demo (three
# builds of the demo, the same seed twice and another), store-copy and io-import, and the
# command tests of imports (050-057), run there already.
cmd_first_only="070-demo.t 080-copy.t 104-kill-import.t"

p_kind=() p_pg=() p_build=() p_abs=() p_name=() p_weight=() p_first=() p_shard=()
# About how long each part takes (seconds, on two cores, docs/PERFORMANCE.md), for the
# first build and (":a") for the others: the parts start longest first, so that a long
# one does not start last.
declare -A part_weight=([unit:0]=110 [unit:1]=115 [cmd:0]=300 [cmd:1]=600 [api:0]=50
	[api:1]=190 [deploy:1]=50 [fuzz:0]=160 [browser:0]=650 [oas:0]=10
	[unit:0:a]=330 [unit:1:a]=270 [cmd:0:a]=420 [api:0:a]=70)
passed=0
failed=0
for build in "$@"; do
	if [ ! -d "$build" ]; then
		p_kind+=(none) p_pg+=(0) p_build+=("$build") p_abs+=("") p_name+=("") p_weight+=(0)
		p_first+=(0) p_shard+=("")
		continue
	fi
	abs=$(cd "$build" && pwd)
	# The command, API and deployment tests run on PostgreSQL with the first build only:
	# on the sanitizer build they would add some 20 minutes of what the SQLite pass and
	# the unit tests on PostgreSQL already run through the same code under the sanitizers.
	# So do the browser tests: the web application is the same file in every build, and
	# the routes its pages call are the API tests', which run on every build (under the
	# sanitizers they took seven minutes of a run).
	# The longest parts, the command tests on PostgreSQL and on the sanitizer build, run as
	# two halves (a part followed by /2: every other file each), so that two at once end
	# closer together.
	parts="unit:0 unit:1 cmd:0 cmd:1/2 api:0 api:1 oas:0 deploy:1 fuzz:0 browser:0"
	first=1 key_tail=
	if [ "$build" != "$1" ]; then
		parts="unit:0 unit:1 cmd:0/2 api:0"
		first=0 key_tail=:a
	fi
	for part in $parts; do
		n_shards=1
		case $part in */*) n_shards=${part#*/} part=${part%/*} ;; esac
		for ((k = 1; k <= n_shards; k++)); do
			p_kind+=("${part%:*}") p_pg+=("${part#*:}") p_build+=("$build") p_abs+=("$abs")
			p_name+=("${part%:*}$([ "${part#*:}" = 1 ] && echo ' [pg]')$([ "$n_shards" -gt 1 ] && echo " $k/$n_shards")")
			p_first+=("$first")
			p_weight+=($((${part_weight[$part$key_tail]:-100} / n_shards)))
			if [ "$n_shards" -gt 1 ]; then p_shard+=("$k/$n_shards"); else p_shard+=(""); fi
		done
	done
done
n_parts=${#p_kind[@]}

# The order in which the parts start: by weight, heaviest first (the output keeps the
# order of the plan).
mapfile -t start_order < <(for i in "${!p_weight[@]}"; do
	echo "${p_weight[$i]} $i"
done | sort -k1,1nr -k2,2n | cut -d' ' -f2)

declare -A done_rc=() started_at=() took=()
next_print=0
last_header=

# Whether part I may start now: a browser part waits while another browser part runs.
may_start()
{
	local i
	[ "${p_kind[$1]}" = browser ] || return 0
	for i in "${!running[@]}"; do
		[ "${p_kind[$i]}" = browser ] && return 1
	done
	return 0
}

# print_part I: its output (the [pg] runs of cmd and api say so on each result line) and
# its counts added to the totals.
print_part()
{
	local i=$1 b=${p_build[$1]} p f
	if [ "$b" != "$last_header" ]; then
		echo "== $b"
		last_header=$b
	fi
	if [ "${p_kind[$i]}" = none ]; then
		echo "FAIL $b: no such build directory"
		failed=$((failed + 1))
		return
	fi
	if [ "${p_pg[$i]}" = 1 ] && [ "${p_kind[$i]}" != unit ]; then
		sed -E 's/^(ok|FAIL) /\1 [pg] /' "$work/$i/out"
	else
		cat "$work/$i/out"
	fi
	if [ -s "$work/$i/counts" ] && read -r p f <"$work/$i/counts"; then
		passed=$((passed + p))
		failed=$((failed + f))
	else
		[ "${done_rc[$i]}" -ne 0 ] &&
			echo "FAIL $b ${p_name[$i]}: ended with status ${done_rc[$i]} and no counts"
		failed=$((failed + 1))
	fi
	echo "-- $b ${p_name[$i]}: ${took[$i]}s"
}

while [ "$next_print" -lt "$n_parts" ]; do
	# Start what may start, heaviest first; a browser part that must wait lets the
	# next part start before it.
	k=0
	while [ "$k" -lt "${#start_order[@]}" ] && [ "${#running[@]}" -lt "$max_jobs" ]; do
		i=${start_order[$k]}
		if [ "${p_kind[$i]}" = none ]; then
			done_rc[$i]=0
		elif may_start "$i"; then
			mkdir -p "$work/$i"
			(run_part "$i") >"$work/$i/out" 2>&1 </dev/null &
			running[$i]=$!
			started_at[$i]=$SECONDS
		else
			k=$((k + 1))
			continue
		fi
		start_order=("${start_order[@]:0:k}" "${start_order[@]:k+1}")
	done
	# Print every finished part whose turn it is.
	if [ -n "${done_rc[$next_print]+x}" ]; then
		print_part "$next_print"
		next_print=$((next_print + 1))
		continue
	fi
	# Wait for a part to end.
	pid=
	wait -n -p pid
	rc=$?
	if [ -z "$pid" ]; then
		echo "tests/run.sh: lost track of the running parts" >&2
		failed=$((failed + 1))
		break
	fi
	for i in "${!running[@]}"; do
		if [ "${running[$i]}" = "$pid" ]; then
			done_rc[$i]=$rc
			took[$i]=$((SECONDS - started_at[$i]))
			unset "running[$i]"
		fi
	done
done

if [ $((passed + failed)) -eq 0 ]; then
	echo "no test ran" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
