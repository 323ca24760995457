#!/usr/bin/env bash
# Build each fuzzer with clang (libFuzzer, address and undefined sanitizers) and run
# it for SECONDS seconds (default 60). Crashes are left as crash-* files in the
# working directory, and the script exits non-zero. Needs clang (Debian package clang).
# tests/run.sh runs each target so for 15 s as part of make test; fuzz/README.md.
#   fuzz/run.sh [SECONDS] [csv|date|natid|xlsx|api_write|api_read ...]
# csv, date, natid and xlsx are compiled here from their few sources (xlsx starts from
# the workbooks in fuzz/corpus/xlsx). api_write and api_read
# need the whole program, instrumented: they are built by meson in build-fuzz/ (set up
# on first use with CC=clang -Dfuzz=true; FUZZ_BUILD names another folder) and start
# from their seeds in fuzz/corpus/TARGET, the inputs they find kept in a temporary
# folder.
set -euo pipefail
here=$PWD # crash-* inputs are left here
cd "$(dirname "$0")/.."
# api_read may ask for a PDF report: fontconfig hides its pointers from the leak checker,
# whose reports inside it are not ours (tests/lsan.supp).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv date natid xlsx api_write api_read)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The API targets' databases: in memory when it can be, removed with the rest.
S40_FUZZ_DIR=$(mktemp -d -p "$([ -w /dev/shm ] && echo /dev/shm || echo "$out")")
export S40_FUZZ_DIR
trap 'rm -rf "$out" "$S40_FUZZ_DIR"' EXIT
flags=(-std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L
	-D_DEFAULT_SOURCE -Ilib)
icu=$(pkg-config --cflags --libs icu-uc icu-i18n)
build=${FUZZ_BUILD:-build-fuzz}

# The meson build of the API targets, set up once (every file instrumented).
api_build()
{
	if [ ! -f "$build/build.ninja" ] &&
		! CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined \
			-Db_lundef=false -Dbuildtype=debugoptimized --werror >"$out/build.log" 2>&1; then
		cat "$out/build.log"
		return 1
	fi
	if ! ninja -C "$build" -j "$(nproc)" "fuzz/fuzz-$1" >"$out/build.log" 2>&1; then
		cat "$out/build.log"
		return 1
	fi
}

for t in "${targets[@]}"; do
	corpus=()
	opts=()
	libs=
	case $t in
	csv) srcs=(lib/core/csv.c lib/core/buf.c lib/core/error.c) ;;
	date) srcs=(lib/core/date.c lib/core/thai.c lib/core/error.c lib/core/buf.c) ;;
	natid) srcs=(lib/core/natid.c lib/core/area.c lib/core/thai.c lib/core/error.c lib/core/buf.c) ;;
	xlsx)
		srcs=(lib/io/xlsx_read.c lib/core/buf.c lib/core/error.c lib/core/date.c)
		libs="$(pkg-config --cflags --libs libzip expat) -lm"
		mkdir "$out/corpus-$t"
		corpus=("$out/corpus-$t" "fuzz/corpus/$t")
		;;
	api_write | api_read)
		srcs=()
		mkdir "$out/corpus-$t"
		corpus=("$out/corpus-$t" "fuzz/corpus/$t")
		# An answer that takes a minute is a server that hangs.
		opts=(-timeout=60 -dict="fuzz/$t.dict")
		;;
	*) echo "fuzz/run.sh: unknown target $t" >&2; exit 2 ;;
	esac
	if [ ${#srcs[@]} -eq 0 ]; then
		api_build "$t"
		bin=$build/fuzz/fuzz-$t
	else
		# shellcheck disable=SC2086
		clang "${flags[@]}" "fuzz/$t.c" "${srcs[@]}" $icu $libs -o "$out/fuzz-$t"
		bin=$out/fuzz-$t
	fi
	echo "== fuzz-$t for ${secs}s"
	"$bin" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$here/" \
		"${opts[@]}" "${corpus[@]}" 2>&1 | tail -n 40
done
