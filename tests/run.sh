#!/usr/bin/env bash
# Runs every test against one or more build directories and prints one closing line,
# "N passed, N failed", which CI reads.
#
#   tests/run.sh BUILD_DIR...        e.g. tests/run.sh build build-asan
#
# For each build directory: the cmocka unit test programs BUILD_DIR/tests/test-* (a test
# case is one test; a program that crashes or exits non-zero without saying which case
# failed counts as one failed test), then the command tests (tests/cmd/run.sh with
# S40=BUILD_DIR/src/cli/s40; one .t file is one test), then the API tests (tests/api/*.t
# through BUILD_DIR/tests/api/api-runner, each file against its own server; one file is one
# test), then the browser tests (tests/browser/*.test.mjs through node --test: playwright-core
# driving /usr/bin/chromium against a real s40 serve; one test is one test; screenshots in
# test-output/browser/).
# Exits 1 when anything failed or when no test ran.
#
# Environment: TEST_TIMEOUT (seconds per unit test program, default 600).
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
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
timeout_s=${TEST_TIMEOUT:-600}

work=$(mktemp -d "${TMPDIR:-/tmp}/s40-run.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

# run_unit PROGRAM LABEL: runs one cmocka program and adds its cases to the totals.
run_unit()
{
	local prog=$1 label=$2 log="$work/unit.log" rc n p=0 f=0 s=0 summary=0

	# Not exec'd, so that the shell reports a crash ("Segmentation fault") into the log.
	(cd "$build_abs" && timeout -k 10 "$timeout_s" "$prog"; exit $?) >"$log" 2>&1 </dev/null
	rc=$?
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
	[ "$rc" -eq 124 ] && why="timed out after ${timeout_s}s${why:+; $why}"

	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -eq 0 ]; then
		local msg="ok $label $p tests"
		[ "$s" -gt 0 ] && msg+=" ($s skipped)"
		echo "$msg"
	else
		echo "FAIL $label: $p passed, $f failed${why:+ ($why)}"
		sed 's/^/    /' "$log"
	fi
}

for build in "$@"; do
	echo "== $build"
	if [ ! -d "$build" ]; then
		echo "FAIL $build: no such build directory"
		failed=$((failed + 1))
		continue
	fi
	build_abs=$(cd "$build" && pwd)

	# (a) unit tests
	n_prog=0
	for prog in "$build_abs"/tests/test-*; do
		if [ ! -f "$prog" ] || [ ! -x "$prog" ]; then
			continue
		fi
		n_prog=$((n_prog + 1))
		name=${prog##*/}
		run_unit "$prog" "${name#test-}"
	done
	[ "$n_prog" -eq 0 ] && echo "(no unit test programs in $build/tests)"

	# (b) command tests
	counts="$work/cmd.counts"
	rm -f "$counts"
	S40="$build_abs/src/cli/s40" TESTS_COUNTS_FILE="$counts" "$root/tests/cmd/run.sh"
	if [ -s "$counts" ]; then
		read -r p f <"$counts"
		passed=$((passed + p))
		failed=$((failed + f))
	else
		echo "FAIL $build: tests/cmd/run.sh reported no counts"
		failed=$((failed + 1))
	fi

	# (c) API tests: tests/api/*.t against a real s40 serve (tests/api/README.md)
	counts="$work/api.counts"
	rm -f "$counts"
	TESTS_COUNTS_FILE="$counts" timeout -k 10 "$timeout_s" "$build_abs/tests/api/api-runner" \
		"$build_abs/src/cli/s40" "$root/tests/api" | grep -v '^api: '
	if [ -s "$counts" ]; then
		read -r p f <"$counts"
		passed=$((passed + p))
		failed=$((failed + f))
	else
		echo "FAIL $build: tests/api reported no counts"
		failed=$((failed + 1))
	fi

	# (d) browser tests: the web UI in Debian's chromium (tests/browser/harness.mjs)
	if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] ||
		[ ! -d "$root/node_modules/playwright-core" ]; then
		echo "FAIL $build: browser tests need node, /usr/bin/chromium and node_modules (make test installs them)"
		failed=$((failed + 1))
	else
		log="$work/browser.log"
		mkdir -p "$work/browser"
		(cd "$root" && S40="$build_abs/src/cli/s40" S40_BROWSER_WORK="$work/browser" \
			timeout -k 10 "$timeout_s" node --test --test-reporter=tap --test-concurrency=1 \
			tests/browser/) >"$log" 2>&1 </dev/null
		p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
		if [ -z "$p" ] || [ -z "$f" ]; then
			echo "FAIL $build: tests/browser reported no counts"
			sed 's/^/    /' "$log" | tail -40
			failed=$((failed + 1))
		else
			passed=$((passed + p))
			failed=$((failed + f))
			if [ "$f" -eq 0 ]; then
				echo "ok browser $p tests"
			else
				echo "FAIL browser: $p passed, $f failed"
				# Each test's line, and the whole report (up to 30 lines) under a failure.
				awk '/^ *(not ok|ok) [0-9]/ { print; blk = /not ok/; n = 0; next }
					blk && /^ *\.\.\.$/ { blk = 0; next }
					blk && n++ < 30 { print }' "$log" | sed 's/^/    /'
			fi
		fi
	fi
done

if [ $((passed + failed)) -eq 0 ]; then
	echo "no test ran" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
