#!/usr/bin/env bash
# Build each fuzzer with clang (libFuzzer, address and undefined sanitizers) and run
# it for SECONDS seconds (default 60). Crashes are left as crash-* files in the
# working directory, and the script exits non-zero. Needs clang (Debian package clang).
# tests/run.sh runs each target so for 15 s as part of make test; fuzz/README.md.
#   fuzz/run.sh [SECONDS] [csv|date|natid ...]
set -euo pipefail
here=$PWD # crash-* inputs are left here
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv date natid)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L
	-D_DEFAULT_SOURCE -Ilib)
icu=$(pkg-config --cflags --libs icu-uc icu-i18n)
for t in "${targets[@]}"; do
	case $t in
	csv) srcs=(lib/core/csv.c lib/core/buf.c lib/core/error.c) ;;
	date) srcs=(lib/core/date.c lib/core/thai.c lib/core/error.c lib/core/buf.c) ;;
	natid) srcs=(lib/core/natid.c lib/core/area.c lib/core/error.c) ;;
	*) echo "fuzz/run.sh: unknown target $t" >&2; exit 2 ;;
	esac
	# shellcheck disable=SC2086
	clang "${flags[@]}" "fuzz/$t.c" "${srcs[@]}" $icu -o "$out/fuzz-$t"
	echo "== fuzz-$t for ${secs}s"
	"$out/fuzz-$t" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$here/" 2>&1 |
		tail -n 40
done
