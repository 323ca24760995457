#!/usr/bin/env bash
# Runs the command tests: every tests/cmd/*.t file, or the files named as arguments.
# The .t format is described in tests/cmd/README.md. One file is one test.
#
#   S40=build/src/cli/s40 tests/cmd/run.sh [FILE.t...]
#
# Environment: S40 (the program; default build/src/cli/s40), KEEP=1 (keep the temporary
# directory, and database, of a failed test), CMD_TIMEOUT (seconds per step, default 120),
# TESTS_COUNTS_FILE (set by tests/run.sh: write "PASSED FAILED" there instead of printing
# the closing line), S40_TEST_PG (a libpq URI of the maintenance database of a PostgreSQL
# cluster, as tests/pg.sh exports it: each test then gets a new empty database there,
# dropped afterwards, instead of the SQLite file test.db). Prints "N passed, N failed"
# last; exits 1 if any failed or none ran.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

S40=${S40:-$root/build/src/cli/s40}
case $S40 in
/*) ;;
*) S40=$PWD/$S40 ;;
esac
counts_file=${TESTS_COUNTS_FILE:-}
keep=${KEEP:-0}
step_timeout=${CMD_TIMEOUT:-120}

files=()
if [ $# -gt 0 ]; then
	for f in "$@"; do
		if [ ! -f "$f" ] && [ -f "$here/$f" ]; then
			f=$here/$f
		fi
		files+=("$f")
	done
else
	shopt -s nullglob
	files=("$here"/*.t)
	shopt -u nullglob
fi

# PostgreSQL: the maintenance database of the cluster the tests run on, if any.
pg=${S40_TEST_PG:-}

# pg_uri NAME: the URI of database NAME on that cluster ($pg with its database replaced).
pg_uri()
{
	local scheme rest query=
	case $pg in
	postgres://* | postgresql://*)
		scheme=${pg%%://*}
		rest=${pg#*://}
		if [[ $rest == *'?'* ]]; then
			query="?${rest#*'?'}"
			rest=${rest%%'?'*}
		fi
		printf '%s://%s/%s%s\n' "$scheme" "${rest%%/*}" "$1" "$query" ;;
	*)
		printf '%s dbname=%s\n' "$pg" "$1" ;; # key=value: the last dbname wins
	esac
}

# pg_admin SQL: runs SQL on the maintenance database; errors on standard error.
pg_admin()
{
	PGOPTIONS='-c client_min_messages=warning' \
		psql -X -q -v ON_ERROR_STOP=1 -d "$pg" -c "$1" </dev/null >/dev/null
}

# pg_drop NAME: drops the test database NAME, and the databases a step made beside it under
# names NAME_…, ending the sessions still connected to them.
pg_drop()
{
	local d
	for d in $(psql -X -q -A -t -d "$pg" -c "SELECT datname FROM pg_database
			WHERE starts_with(datname, '${1}_') ORDER BY 1" </dev/null) "$1"; do
		pg_admin "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" ||
			echo "note: could not drop the test database $d" >&2
	done
}

if [ -n "$pg" ] && ! command -v psql >/dev/null; then
	echo "S40_TEST_PG is set but psql is not on PATH (Debian package postgresql-client)" >&2
	exit 2
fi

t_base= # the running test's temporary directory
t_pgdb= # the running test's PostgreSQL database, while it exists
work=$(mktemp -d "${TMPDIR:-/tmp}/s40-cmd.XXXXXX") || exit 2
trap 'rm -rf "$work" ${t_base:+"$t_base"}; [ -z "$t_pgdb" ] || pg_drop "$t_pgdb"
	[ -z "$pg" ] || pg_drop "s40_cmd_$$_demo"' EXIT
trap 'exit 130' INT TERM
mkdir "$work/bin"
ln -s "$S40" "$work/bin/s40"
[ -x "$S40" ] || echo "note: $S40 is not an executable; steps that run s40 will fail" >&2

# dbsql and dbdump: the steps' view of the database $DB (tests/cmd/README.md). Each tells
# the engine from $DB as s40 does (s40_store_uri_is_pg in lib/store/store.c): a postgres://
# or postgresql:// URI, or libpq's key=value form, is PostgreSQL; anything else is an
# SQLite file.
cat >"$work/bin/dbsql" <<'END'
#!/usr/bin/env bash
# dbsql [SQL]: runs SQL (else standard input) on the database $DB and prints the rows as
# sqlite3 does by default: the columns joined by "|", NULL as nothing, no header. Stops at
# the first error with exit status 1.
set -uo pipefail
if [ $# -gt 1 ]; then
	echo "usage: dbsql [SQL]" >&2
	exit 2
fi
if [[ $DB =~ ^postgres(ql)?:// || $DB =~ ^\ *[a-z_]+\ *= ]]; then
	if [ $# -eq 1 ]; then
		printf '%s\n' "$1"
	else
		cat
	fi | PGOPTIONS='-c client_min_messages=warning' \
		psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$DB" -f - || exit 1
elif [ $# -eq 1 ]; then
	exec sqlite3 -bail "$DB" "$1"
else
	exec sqlite3 -bail "$DB"
fi
END
cat >"$work/bin/dbdump" <<'END'
#!/usr/bin/env bash
# dbdump: prints the data of the database $DB, the same text whenever the rows are the same.
# SQLite: sqlite3's .dump. PostgreSQL: every table (schema-qualified, in order of name)
# after a line "-- TABLE name", then its rows as COPY writes them, in the order of their
# text; sequences are left out, as PostgreSQL does not roll them back.
set -uo pipefail
if [ $# -ne 0 ]; then
	echo "usage: dbdump" >&2
	exit 2
fi
if [[ $DB =~ ^postgres(ql)?:// || $DB =~ ^\ *[a-z_]+\ *= ]]; then
	psql=(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB")
	tables=$("${psql[@]}" -c "SELECT format('%I.%I', n.nspname, c.relname)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname <> 'information_schema'
			AND n.nspname !~ '^pg_'
		ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"") || exit 1
	{
		echo 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'
		while IFS= read -r t; do
			[ -n "$t" ] || continue
			printf "\\\\echo '-- TABLE %s'\n" "${t//\'/\'\'}"
			echo "COPY (SELECT * FROM $t AS r ORDER BY r::text COLLATE \"C\") TO STDOUT;"
		done <<<"$tables"
		echo 'COMMIT;'
	} | "${psql[@]}" -f - || exit 1
else
	exec sqlite3 "$DB" .dump
fi
END
cat >"$work/bin/demo_db" <<'END'
#!/usr/bin/env bash
# demo_db SEED TODAY [DEST]: puts in DEST (default $DB) the demo that "s40 demo --seed SEED
# --today TODAY" builds, copied from the SQLite file built once per run (tests/demo-cache.sh).
# An SQLite DEST (a file not yet made) gets a copy of the file; a PostgreSQL DEST (the
# test's database) is made again from a database of the cluster that s40 copy filled once
# from that file, as its template.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: demo_db SEED TODAY [DEST]" >&2
	exit 2
fi
seed=$1 today=$2 dest=${3:-$DB}
cache=$DEMO_DB_CACHE
src=$(S40_TEST_DEMO_S40=$DEMO_DB_S40 "$DEMO_CACHE_SH" "$cache" "$seed" "$today")
if [[ $dest =~ ^postgres(ql)?:// ]]; then
	key=${DEMO_DB_PG_PREFIX}_demo_${seed}_${today//-/}
	exec 9>>"$cache/$key.lock"
	flock 9
	# The test's database, by name: the path of the URI the runner made (pg_uri).
	name=${dest#*://*/}
	name=${name%%\?*}
	tmpl=$key
	psql=(psql -X -q -v ON_ERROR_STOP=1 -d "$S40_TEST_PG")
	if [ ! -f "$cache/$key.pg" ]; then
		"${psql[@]}" -c "CREATE DATABASE \"$tmpl\" TEMPLATE template0" >/dev/null
		turi=$(printf '%s' "$dest" | sed "s|/$name?|/$tmpl?|")
		"$S40" copy "$src" "$turi" >/dev/null
		: >"$cache/$key.pg"
	fi
	PGOPTIONS='-c client_min_messages=warning' "${psql[@]}" \
		-c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" \
		-c "CREATE DATABASE \"$name\" TEMPLATE \"$tmpl\" STRATEGY FILE_COPY" >/dev/null
else
	[ ! -e "$dest" ] || { echo "demo_db: $dest exists" >&2; exit 1; }
	cp "$src" "$dest"
fi
END
chmod +x "$work/bin/dbsql" "$work/bin/dbdump" "$work/bin/demo_db"
# demo_db's databases: the SQLite files in the folder tests/run.sh gives all its parts
# (S40_TEST_DEMO_CACHE, so that they share them), else in ours; on PostgreSQL, databases
# named after this runner, dropped at its end.
demo_cache=${S40_TEST_DEMO_CACHE:-$work/demo}
mkdir -p "$demo_cache"
demo_s40=${S40_TEST_DEMO_S40:-$S40} # the program that builds them (tests/demo-cache.sh)

# The environment every step sees; DB, S40_DB, TMPDIR and HOME are set per test below.
export S40
export TESTDATA=$here/data
export PATH="$work/bin:$PATH"
export LC_ALL=C.UTF-8
if [ -e /usr/share/zoneinfo/Asia/Bangkok ]; then
	export TZ=Asia/Bangkok
else
	export TZ='<+07>-7' # no tzdata: the same offset (Thailand has no summer time)
fi
unset TESTS_COUNTS_FILE KEEP
for v in $(compgen -e S40_); do
	unset "$v"
done
# S40_TEST_PG stays, so that a runner started by a step (002-runner-failures.t) uses the
# same cluster.
[ -z "$pg" ] || export S40_TEST_PG="$pg"
export DEMO_DB_CACHE=$demo_cache DEMO_DB_PG_PREFIX=s40_cmd_$$ DEMO_CACHE_SH=$root/tests/demo-cache.sh \
	DEMO_DB_S40=$demo_s40

passed=0
failed=0

# State of the file being run; t_db is its database, DB in its steps.
t_file='' t_name='' t_dir='' t_db='' t_step=0 t_failed=0 t_num=0 # t_base, t_pgdb: above
# The step being collected: its command, stdin, expected status and output.
s_cmd='' s_line=0 s_status=0
s_in=() s_out=() s_out_re=() s_err=() s_err_re=()
s_out_set=0 s_err_set=0
next_in=() # "< " lines seen since the last step: the next step's stdin

# fail_step MESSAGE...: the first complaint about the current step prints its header.
fail_step()
{
	if [ "$t_failed" -eq 0 ]; then
		echo "FAIL ${t_file#"$root"/}: $t_name"
		echo "  step $t_step (line $s_line): \$ $s_cmd"
	fi
	t_failed=1
	printf '  %s\n' "$@"
}

# fail_file LINE MESSAGE: the file itself is malformed.
fail_file()
{
	if [ "$t_failed" -eq 0 ]; then
		echo "FAIL ${t_file#"$root"/}: $t_name"
	fi
	t_failed=1
	echo "  line $1: $2"
}

# check_stream WHAT ACTUAL SET N EXPECTED_LINE×N REGEX...: compares one output stream.
check_stream()
{
	local what=$1 actual=$2 set=$3 n=$4 re
	shift 4
	local exp=("${@:1:n}") res=("${@:n+1}")
	if [ "$set" -eq 1 ]; then
		local expected="$t_base/expected"
		if [ "${#exp[@]}" -gt 0 ]; then
			printf '%s\n' "${exp[@]}" >"$expected"
		else
			: >"$expected"
		fi
		if ! cmp -s "$expected" "$actual"; then
			fail_step "$what differs (- expected, + actual):"
			diff -u --label "expected $what" --label "actual $what" "$expected" "$actual" |
				sed 's/^/    /'
		fi
	fi
	for re in "${res[@]}"; do
		if ! grep -qE -- "$re" "$actual"; then
			fail_step "$what has no line matching: $re" "actual $what:"
			sed 's/^/    /' "$actual"
		fi
	done
}

# run_step: runs the collected step, if any, and checks its results.
run_step()
{
	[ -n "$s_cmd" ] || return 0
	[ "$t_failed" -eq 0 ] || return 0
	t_step=$((t_step + 1))

	local in="$t_base/stdin" out="$t_base/stdout" err="$t_base/stderr" rc
	if [ "${#s_in[@]}" -gt 0 ]; then
		printf '%s\n' "${s_in[@]}" >"$in"
	else
		in=/dev/null
	fi
	(
		cd "$t_dir" || exit 125
		# shellcheck disable=SC2030 # TMPDIR for this step only
		export DB="$t_db" S40_DB="$t_db" TMPDIR="$t_dir" HOME="$t_dir"
		exec timeout -k 5 "$step_timeout" bash -o pipefail -c "$s_cmd"
	) <"$in" >"$out" 2>"$err"
	rc=$?

	if [ "$rc" -ne "$s_status" ]; then
		if [ "$rc" -eq 124 ]; then
			fail_step "timed out after ${step_timeout}s (CMD_TIMEOUT)"
		else
			fail_step "exit status $rc, expected $s_status"
		fi
		if [ "$s_out_set" -eq 0 ] && [ "${#s_out_re[@]}" -eq 0 ] && [ -s "$out" ]; then
			fail_step "stdout:"
			sed 's/^/    /' "$out"
		fi
		if [ "$s_err_set" -eq 0 ] && [ "${#s_err_re[@]}" -eq 0 ] && [ -s "$err" ]; then
			fail_step "stderr:"
			sed 's/^/    /' "$err"
		fi
	fi
	check_stream stdout "$out" "$s_out_set" "${#s_out[@]}" "${s_out[@]}" "${s_out_re[@]}"
	check_stream stderr "$err" "$s_err_set" "${#s_err[@]}" "${s_err[@]}" "${s_err_re[@]}"
}

# new_step COMMAND LINE_NUMBER: starts collecting a step.
new_step()
{
	s_cmd=$1 s_line=$2 s_status=0
	s_in=("${next_in[@]}")
	next_in=()
	s_out=() s_out_re=() s_err=() s_err_re=()
	s_out_set=0 s_err_set=0
}

# run_file FILE: runs one .t file; sets t_failed.
run_file()
{
	t_file=$1
	t_name=${1##*/}
	t_step=0 t_failed=0 s_cmd='' next_in=()
	# t_base holds the step's stdin, stdout, stderr; t_base/dir is the test's directory.
	# shellcheck disable=SC2031 # the runner's TMPDIR, not a step's
	if ! t_base=$(mktemp -d "${TMPDIR:-/tmp}/s40-cmd.XXXXXX") || ! mkdir "$t_base/dir"; then
		fail_file 0 "cannot create a temporary directory"
		return
	fi
	t_dir=$t_base/dir
	t_db=$t_dir/test.db
	if [ ! -r "$t_file" ]; then
		fail_file 0 "cannot read the file"
		return
	fi
	if [ -n "$pg" ]; then
		# s40_cmd_PID_N_FILE: unique on the cluster while this runner runs, of letters,
		# digits and "_" only, at most 48 bytes: PostgreSQL's limit is 63, and a step
		# may name another database after it (NAME_2).
		local slug=${t_name%.t} err
		slug=${slug,,}
		slug=${slug//[^a-z0-9]/_}
		t_num=$((t_num + 1))
		t_pgdb=s40_cmd_$$_${t_num}_$slug
		t_pgdb=${t_pgdb:0:48}
		if ! err=$(pg_admin "CREATE DATABASE \"$t_pgdb\" TEMPLATE template0" 2>&1); then
			t_pgdb=
			fail_file 0 "cannot create a database on S40_TEST_PG: $err"
			return
		fi
		t_db=$(pg_uri "$t_pgdb")
	fi

	local line n=0 steps=0
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		[ "$t_failed" -eq 0 ] || break
		case $line in
		'' | '#'*)
			;;
		'name: '*)
			t_name=${line#name: } ;;
		'$ '*)
			run_step
			new_step "${line#'$ '}" "$n"
			steps=$((steps + 1)) ;;
		'< '* | '<')
			next_in+=("${line#'<'}")
			next_in[-1]=${next_in[-1]#' '} ;;
		'? '*)
			if [ -z "$s_cmd" ]; then
				fail_file "$n" "'?' before any '\$ ' step"
			elif [[ ${line#'? '} =~ ^[0-9]+$ ]]; then
				s_status=$((10#${line#'? '}))
			else
				fail_file "$n" "bad exit status: $line"
			fi ;;
		'>~ '* | '!~ '* | '> '* | '>' | '>-' | '! '* | '!' | '!-')
			if [ -z "$s_cmd" ]; then
				fail_file "$n" "expected output before any '\$ ' step: $line"
				continue
			fi
			case $line in
			'>~ '*) s_out_re+=("${line#'>~ '}") ;;
			'!~ '*) s_err_re+=("${line#'!~ '}") ;;
			'>-') s_out_set=1 ;;
			'!-') s_err_set=1 ;;
			'>'*) s_out+=("${line#'>'}"); s_out[-1]=${s_out[-1]#' '}; s_out_set=1 ;;
			'!'*) s_err+=("${line#'!'}"); s_err[-1]=${s_err[-1]#' '}; s_err_set=1 ;;
			esac ;;
		*)
			fail_file "$n" "cannot parse: $line" ;;
		esac
	done <"$t_file"

	if [ "$t_failed" -eq 0 ]; then
		if [ "${#next_in[@]}" -gt 0 ]; then
			fail_file "$n" "'<' lines with no step after them"
		elif [ "$steps" -eq 0 ]; then
			fail_file "$n" "no '\$ ' step"
		fi
	fi
	run_step
}

for f in "${files[@]}"; do
	t_start=$SECONDS
	run_file "$f"
	if [ "$t_failed" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok ${t_file#"$root"/} ($((SECONDS - t_start))s)"
	else
		failed=$((failed + 1))
		if [ "$keep" = 1 ] && [ -n "$t_base" ] && [ -d "$t_base" ]; then
			echo "  kept: $t_base/dir (the failed step's output: $t_base/stdout, stderr)"
			t_base=
		fi
		if [ "$keep" = 1 ] && [ -n "$t_pgdb" ]; then
			echo "  kept database: $t_db (drop it with: DROP DATABASE $t_pgdb)"
			t_pgdb=
		fi
	fi
	[ -n "$t_base" ] && rm -rf "$t_base"
	t_base=
	[ -n "$t_pgdb" ] && pg_drop "$t_pgdb"
	t_pgdb=
done

if [ -n "$counts_file" ]; then
	echo "$passed $failed" >"$counts_file"
else
	[ $((passed + failed)) -eq 0 ] && echo "no command test ran" >&2
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
