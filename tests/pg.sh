#!/usr/bin/env bash
# tests/pg.sh — a throwaway PostgreSQL cluster for the tests.
#
# As a library (bash):
#
#   source tests/pg.sh
#   pg_cluster_start              # start a cluster, export the variables below
#   pg_createdb NAME [TEMPLATE]   # create database NAME (from TEMPLATE)
#   pg_uri NAME                   # print the URI of database NAME
#   pg_psql NAME [PSQL_ARGS...]   # psql on database NAME, stopping at the first error
#   pg_dropdb NAME                # drop database NAME (closing its connections)
#   pg_cluster_stop               # stop the cluster and remove its folder
#
# As a command:
#
#   tests/pg.sh run CMD [ARGS...]  # start a cluster, run CMD with the variables exported,
#                                  # stop and remove the cluster, exit with CMD's status
#   e.g. tests/pg.sh run build/tests/test-store
#
# pg_cluster_start makes a folder with mktemp -d under ${TMPDIR:-/tmp}, runs initdb into
# FOLDER/data (as the user postgres when we are root, since PostgreSQL refuses to run as
# root; as ourselves otherwise), trusts every local connection, and starts the server with
# pg_ctl -w, its log in FOLDER/log. The server listens on no TCP address, only on the Unix
# socket FOLDER/.s.PGSQL.PORT: the port number only names that socket, so two clusters
# never clash, but a port no TCP listener uses is chosen all the same. It exports:
#
#   S40_PG_DIR    the folder (the socket's directory)
#   S40_PG_PORT   the port number
#   S40_PG_USER   the superuser: postgres when started as root, else the current user
#   S40_TEST_PG   the URI of the maintenance database "postgres", e.g.
#                 postgresql:///postgres?host=/tmp/s40-pg.AbC123&port=54321&user=postgres
#   S40_PG_PASSWORD_USER, S40_PG_PASSWORD
#                 a role that logs in only with this password (scram-sha-256, every
#                 other role is trusted), to test a refused password; it may not
#                 create databases
#
# Starting installs traps so that the cluster is stopped and its folder removed when the
# shell exits, also on failure, and on SIGINT and SIGTERM (which then exit with 130 and
# 143). A trap already set for EXIT runs after ours, one already set for INT or TERM
# before ours; set your own traps before pg_cluster_start, or add to ours likewise. Bash
# runs a trap only once the foreground command ends, so a signal sent to the shell alone
# (not to its process group) is handled once the running command finishes; "run" waits
# for CMD in a way a signal interrupts, and passes SIGTERM on to it.
#
# Environment read: S40_PG_BINDIR (the folder of initdb and pg_ctl; found by itself
# otherwise), S40_PG_LOCALE (the cluster's locale, default C.UTF-8; e.g. th_TH.UTF-8 to
# check that compared text says COLLATE "C").

# The folder of the server programs: S40_PG_BINDIR, pg_config's, the newest
# /usr/lib/postgresql/N/bin, or initdb on PATH.
_pg_bindir()
{
	local d v
	if [ -n "${S40_PG_BINDIR:-}" ]; then
		echo "$S40_PG_BINDIR"
		return
	fi
	if command -v pg_config >/dev/null 2>&1; then
		d=$(pg_config --bindir 2>/dev/null)
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return
		fi
	fi
	for v in $(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null |
		sort -rn); do
		d=/usr/lib/postgresql/$v/bin
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return
		fi
	done
	d=$(command -v initdb 2>/dev/null) && echo "${d%/*}"
}

# _pg_as CMD...: run CMD as the cluster's owner, in its folder (the caller's working
# directory may be closed to that user).
_pg_as()
{
	if [ "$_pg_root" = 1 ]; then
		(cd "$_pg_dir" && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@")
	else
		(cd "$_pg_dir" && "$@")
	fi
}

# A port no TCP listener uses, from 20000 to 59999.
_pg_free_port()
{
	local p i used
	used=$( (ss -Hltn 2>/dev/null || netstat -ltn 2>/dev/null) | awk '{ print $4 }' |
		sed 's/.*://')
	for i in $(seq 1 200); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		if ! grep -qx "$p" <<<"$used"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# Percent-encode a URI query value (the folder may hold any character).
_pg_urlenc()
{
	local s=$1 out='' c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9/._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

# pg_uri NAME: the URI of database NAME on the running cluster.
pg_uri()
{
	if [ -z "${_pg_dir:-}" ]; then
		echo "pg_uri: no cluster is running (pg_cluster_start)" >&2
		return 1
	fi
	local name
	name=$(_pg_urlenc "$1")
	printf 'postgresql:///%s?host=%s&port=%s&user=%s\n' "$name" "$(_pg_urlenc "$_pg_dir")" \
		"$_pg_port" "$_pg_user"
}

# pg_psql NAME [ARGS...]: psql on database NAME, quiet, without ~/.psqlrc, stopping at the
# first error.
pg_psql()
{
	local name=$1
	shift
	"$_pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -d "$(pg_uri "$name")" "$@"
}

# pg_createdb NAME [TEMPLATE]
pg_createdb()
{
	[ -n "${_pg_dir:-}" ] || { echo "pg_createdb: no cluster is running" >&2; return 1; }
	"$_pg_bin/createdb" -h "$_pg_dir" -p "$_pg_port" -U "$_pg_user" ${2:+-T "$2"} -- "$1"
}

# pg_dropdb NAME: drops it if it exists, ending the sessions still connected to it.
pg_dropdb()
{
	[ -n "${_pg_dir:-}" ] || { echo "pg_dropdb: no cluster is running" >&2; return 1; }
	PGOPTIONS="-c client_min_messages=warning" "$_pg_bin/dropdb" -h "$_pg_dir" -p "$_pg_port" -U "$_pg_user" --if-exists --force -- "$1"
}

# _pg_trap_get SIG: the command of the trap set for SIG, empty when none.
_pg_trap_get()
{
	local t
	t=$(trap -p "$1")
	[ -n "$t" ] || return 0
	eval "set -- $t" # trap -- 'COMMAND' SIG
	printf '%s' "$3"
}

# Stops the cluster at exit, only in the shell that started it (not in a subshell).
_pg_on_exit()
{
	[ "${BASHPID:-$$}" = "${_pg_owner:-}" ] && pg_cluster_stop
	return 0
}

_pg_on_signal()
{
	local sig=$1 code=$2 prev
	[ "${BASHPID:-$$}" = "${_pg_owner:-}" ] || return 0
	prev=${_pg_prev_trap[$sig]:-}
	[ -n "$prev" ] && eval "$prev"
	trap - "$sig"
	exit "$code" # runs the EXIT trap: the cluster is stopped there
}

declare -gA _pg_prev_trap 2>/dev/null || true

_pg_traps_install()
{
	local prev sig
	[ "${_pg_traps_set:-}" = "${BASHPID:-$$}" ] && return 0
	_pg_traps_set=${BASHPID:-$$}
	prev=$(_pg_trap_get EXIT)
	if [ -n "$prev" ]; then
		# shellcheck disable=SC2064 # the previous trap's text, as it is now
		trap "_pg_on_exit; $prev" EXIT
	else
		trap _pg_on_exit EXIT
	fi
	for sig in INT TERM; do
		prev=$(_pg_trap_get "$sig")
		# A signal the script chose to ignore (trap '' SIG) stays ignored.
		if [ -n "$(trap -p "$sig")" ] && [ -z "$prev" ]; then
			continue
		fi
		_pg_prev_trap[$sig]=$prev
		if [ "$sig" = INT ]; then
			trap '_pg_on_signal INT 130' INT
		else
			trap '_pg_on_signal TERM 143' TERM
		fi
	done
}

_pg_pw_user=s40_password
_pg_pw=s40-test-password

# pg_cluster_start: start a cluster (see the top of this file). Returns non-zero, having
# said why on standard error and left nothing behind, when it cannot.
pg_cluster_start()
{
	if [ -n "${_pg_dir:-}" ]; then
		return 0 # already running in this shell
	fi
	_pg_bin=$(_pg_bindir)
	if [ -z "$_pg_bin" ] || [ ! -x "$_pg_bin/initdb" ] || [ ! -x "$_pg_bin/pg_ctl" ]; then
		echo "tests/pg.sh: the PostgreSQL server programs (initdb, pg_ctl) were not found;" \
			"scripts/install-deps.sh installs them (Debian package postgresql)," \
			"or set S40_PG_BINDIR to their folder" >&2
		return 1
	fi
	local u
	for u in psql createdb dropdb; do
		if [ ! -x "$_pg_bin/$u" ]; then
			echo "tests/pg.sh: $_pg_bin/$u not found (Debian package postgresql-client)" >&2
			return 1
		fi
	done

	_pg_root=0
	_pg_user=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		if ! id postgres >/dev/null 2>&1; then
			echo "tests/pg.sh: running as root, PostgreSQL needs the user postgres to run as;" \
				"the Debian package postgresql creates it" >&2
			return 1
		fi
		_pg_root=1
		_pg_user=postgres
	fi

	_pg_port=$(_pg_free_port) || { echo "tests/pg.sh: no free port" >&2; return 1; }
	_pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/s40-pg.XXXXXX") || {
		_pg_dir=
		return 1
	}
	_pg_owner=${BASHPID:-$$}
	_pg_traps_install
	if [ "$_pg_root" = 1 ]; then
		chown postgres: "$_pg_dir" && chmod 0755 "$_pg_dir"
		if ! setpriv --reuid=postgres --regid=postgres --init-groups -- test -w "$_pg_dir"; then
			echo "tests/pg.sh: the user postgres cannot reach $_pg_dir;" \
				"set TMPDIR to a folder everyone may pass through, such as /tmp" >&2
			pg_cluster_stop
			return 1
		fi
	fi

	local locale=${S40_PG_LOCALE:-C.UTF-8}
	if ! _pg_as "$_pg_bin/initdb" -D "$_pg_dir/data" --auth=trust --encoding=UTF8 \
		--locale="$locale" --username="$_pg_user" --no-sync >"$_pg_dir/initdb.log" 2>&1; then
		echo "tests/pg.sh: initdb failed:" >&2
		sed 's/^/    /' "$_pg_dir/initdb.log" >&2
		pg_cluster_stop
		return 1
	fi
	# The data is thrown away after the run, so the settings that only protect it against a
	# crash of the machine are off for speed: fsync and full-page writes. synchronous_commit
	# stays as PostgreSQL's default (on): the store relies on it for durable commits, and
	# what is committed is still read back by every other connection either way.
	cat >>"$_pg_dir/data/postgresql.conf" <<EOF

# tests/pg.sh
listen_addresses = ''
unix_socket_directories = '$_pg_dir'
port = $_pg_port
max_connections = 200
fsync = off
full_page_writes = off
EOF
	# One role logs in with a password only, checked before the trust of every other.
	{
		echo "local all $_pg_pw_user scram-sha-256"
		cat "$_pg_dir/data/pg_hba.conf"
	} >"$_pg_dir/pg_hba.conf" && cat "$_pg_dir/pg_hba.conf" >"$_pg_dir/data/pg_hba.conf"
	rm -f "$_pg_dir/pg_hba.conf"
	if ! _pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/log" -w -t 60 -s \
		start >/dev/null 2>&1; then
		echo "tests/pg.sh: the server did not start; its log:" >&2
		sed 's/^/    /' "$_pg_dir/log" >&2
		pg_cluster_stop
		return 1
	fi

	if ! pg_psql postgres -c "CREATE ROLE $_pg_pw_user LOGIN PASSWORD '$_pg_pw'"; then
		echo "tests/pg.sh: the role $_pg_pw_user could not be made" >&2
		pg_cluster_stop
		return 1
	fi

	export S40_PG_DIR=$_pg_dir S40_PG_PORT=$_pg_port S40_PG_USER=$_pg_user
	export S40_PG_PASSWORD_USER=$_pg_pw_user S40_PG_PASSWORD=$_pg_pw
	S40_TEST_PG=$(pg_uri postgres)
	export S40_TEST_PG
	return 0
}

# pg_cluster_stop: stop the server (fast shutdown, then immediate, then SIGKILL) and remove
# the folder. Does nothing when no cluster runs.
pg_cluster_stop()
{
	[ -n "${_pg_dir:-}" ] || return 0
	local pid=
	if [ -f "$_pg_dir/data/postmaster.pid" ]; then
		pid=$(head -1 "$_pg_dir/data/postmaster.pid")
		_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m fast -w -t 30 -s stop >/dev/null 2>&1 ||
			_pg_as "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate -w -t 30 -s stop \
				>/dev/null 2>&1 ||
			{
				[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
				sleep 1
			}
	fi
	case $_pg_dir in
	*/s40-pg.*) rm -rf -- "$_pg_dir" ;;
	esac
	_pg_dir=
	if [ "${S40_PG_PORT:-}" = "$_pg_port" ]; then
		unset S40_PG_DIR S40_PG_PORT S40_PG_USER S40_TEST_PG S40_PG_PASSWORD_USER \
			S40_PG_PASSWORD
	fi
	return 0
}

# Executed rather than sourced: tests/pg.sh run CMD [ARGS...]
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -u
	if [ "${1:-}" != run ] || [ $# -lt 2 ]; then
		echo "usage: tests/pg.sh run CMD [ARGS...]   (or: source tests/pg.sh)" >&2
		exit 2
	fi
	shift
	pg_cluster_start || exit 1
	_pg_child=
	# SIGINT and SIGTERM end CMD and what it started (with SIGTERM), then the cluster.
	# PID and the processes under it, parents first (a parent is signalled before its
	# children's end can wake it).
	_pg_tree()
	{
		local c
		echo "$1"
		for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
			_pg_tree "$c"
		done
	}
	_pg_end_child()
	{
		if [ -n "$_pg_child" ]; then
			# shellcheck disable=SC2046
			kill -TERM $(_pg_tree "$_pg_child") 2>/dev/null
			wait "$_pg_child" 2>/dev/null
		fi
	}
	trap '_pg_end_child; _pg_on_signal TERM 143' TERM
	trap '_pg_end_child; _pg_on_signal INT 130' INT
	# In the background so that a signal interrupts the wait; stdin stays the caller's.
	"$@" 0<&0 &
	_pg_child=$!
	wait "$_pg_child"
	rc=$?
	_pg_child=
	pg_cluster_stop
	exit "$rc"
fi
