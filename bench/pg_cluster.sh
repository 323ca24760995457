#!/usr/bin/env bash
# bench/pg_cluster.sh — the PostgreSQL cluster of the benchmarks, a library to source
# (bash), not a test:
#
#   source bench/pg_cluster.sh
#   bench_pg_start        # start it, export tests/pg.sh's variables (S40_PG_DIR, …)
#   bench_pg_settings     # print the settings that matter, one "name = value" a line
#
# It is tests/pg.sh's throwaway cluster (initdb into a temporary folder, a Unix socket
# only, stopped and removed at exit) with the test cluster's shortcuts undone: the tests
# turn fsync and full_page_writes off, since their data is thrown away; a benchmark of
# durable writes must not. bench_pg_start sets, with ALTER SYSTEM (postgresql.auto.conf,
# read after postgresql.conf), and restarts the server:
#
#   fsync = on, full_page_writes = on, synchronous_commit = on   PostgreSQL's defaults
#   shared_buffers = 1GB, max_wal_size = 4GB                     a modest server tuning
#
# Everything else is PostgreSQL 15's default (wal_level = replica, checkpoint_timeout =
# 5min, wal_buffers = -1, …). S40_BENCH_PG_SHARED_BUFFERS and S40_BENCH_PG_MAX_WAL_SIZE
# change the two tuned values. The data folder is on the machine's disk (TMPDIR, else
# /tmp), so every commit is an fsync there.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=tests/pg.sh
source "$root/tests/pg.sh"

bench_pg_start()
{
	pg_cluster_start || return 1
	pg_psql postgres <<EOF || return 1
ALTER SYSTEM SET fsync = on;
ALTER SYSTEM SET full_page_writes = on;
ALTER SYSTEM SET synchronous_commit = on;
ALTER SYSTEM SET shared_buffers = '${S40_BENCH_PG_SHARED_BUFFERS:-1GB}';
ALTER SYSTEM SET max_wal_size = '${S40_BENCH_PG_MAX_WAL_SIZE:-4GB}';
EOF
	# shared_buffers needs a restart. initdb ran with --no-sync: write its files out now,
	# so that the first fsyncs of the run do not pay for them.
	_pg_as "$_pg_bin/pg_ctl" -D "$S40_PG_DIR/data" -l "$S40_PG_DIR/log" -w -t 120 -s \
		restart >/dev/null 2>&1 || {
		echo "bench/pg_cluster.sh: the server did not restart; its log:" >&2
		tail -20 "$S40_PG_DIR/log" >&2
		return 1
	}
	sync
	local off
	off=$(pg_psql postgres -At -c "SELECT string_agg(name, ', ') FROM pg_settings
		WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit')
		AND setting <> 'on'")
	if [ -n "$off" ]; then
		echo "bench/pg_cluster.sh: still off after the restart: $off" >&2
		return 1
	fi
}

bench_pg_settings()
{
	pg_psql postgres -At -F ' = ' -c "SELECT name, current_setting(name) FROM pg_settings
		WHERE name IN ('server_version', 'fsync', 'full_page_writes', 'synchronous_commit',
			'wal_sync_method', 'shared_buffers', 'max_wal_size', 'wal_level',
			'checkpoint_timeout', 'wal_buffers', 'commit_delay', 'max_connections',
			'work_mem', 'maintenance_work_mem')
		ORDER BY name"
}
