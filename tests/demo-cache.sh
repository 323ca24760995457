#!/usr/bin/env bash
# The demo databases of a test run, each built once: prints the path of an SQLite file that
# holds what "s40 demo --seed SEED --today TODAY" builds, building it with S40 the first
# time it is asked for.
#
#   S40=PROGRAM tests/demo-cache.sh DIR SEED TODAY
#
# DIR is the cache (tests/run.sh gives every part of a run the same one, in
# S40_TEST_DEMO_CACHE). The demo is the same whichever build of s40 made it (it is made
# from the seed alone, and 070-demo.t and the unit test io-demo check that it is), so the
# plain and the sanitizer builds share one file; S40_TEST_DEMO_S40, when set (tests/run.sh
# sets it to its first build, the plain one), is the program that builds it, so that the
# sanitizer build's tests do not spend three times as long making the same file (the
# sanitizer build's own demo is tested by 070-demo.t and the unit test io-demo). Callers
# copy the file, never write it. Two callers asking at once wait for one build (flock).
set -euo pipefail
if [ $# -ne 3 ] || [ -z "${S40:-}" ]; then
	echo "usage: S40=PROGRAM tests/demo-cache.sh DIR SEED TODAY" >&2
	exit 2
fi
dir=$1 seed=$2 today=$3
case $seed$today in
*[!0-9-]*)
	echo "demo-cache.sh: bad seed or day: $seed $today" >&2
	exit 2 ;;
esac
mkdir -p "$dir"
key=demo_${seed}_${today//-/}
exec 9>>"$dir/$key.lock"
flock 9
if [ ! -f "$dir/$key.db" ]; then
	rm -f "$dir/$key.tmp" "$dir/$key.tmp-wal" "$dir/$key.tmp-shm"
	"${S40_TEST_DEMO_S40:-$S40}" --db "$dir/$key.tmp" demo --seed "$seed" --today "$today" >/dev/null
	# s40 leaves no write-ahead log behind once closed: the file is the database.
	if [ -s "$dir/$key.tmp-wal" ]; then
		echo "demo-cache.sh: $key.tmp-wal is left" >&2
		exit 1
	fi
	mv "$dir/$key.tmp" "$dir/$key.db"
fi
printf '%s\n' "$dir/$key.db"
