/*
 * Unit tests of lib/store/sqlite.c, what only the SQLite engine does: the file
 * as sqlite3 sees it (WAL, the schema version, the journal's triggers), and
 * the append-only journal against SQL run behind the store's back, which only
 * a test may do. store.c beside this file tests what every engine does.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/embed.h"
#include "registry/journal.h"
#include "store/sqlite_int.h"
#include "store/store.h"
#include "testdb.h"

/* The highest N of the embedded migrations/sqlite/NNNN_*.sql. */
static int sqlite_latest(void)
{
	static const char prefix[] = "migrations/sqlite/";
	int latest = 0;
	for (const struct s40_embed *e = s40_embedded; e->name; e++)
		if (strncmp(e->name, prefix, sizeof prefix - 1) == 0) {
			int n = (int)strtol(e->name + sizeof prefix - 1, NULL, 10);
			if (n > latest)
				latest = n;
		}
	return latest;
}

/* The first column of the first row of sql on the file, as text ("" if none). */
static void raw_text(const char *path, const char *sql, char *out, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* A new SQLite store in a temporary file, whose name goes to path. */
static struct s40_store *temp_store(char path[TESTDB_URI_MAX])
{
	struct s40_ctx ctx;
	struct s40_store *st;
	s40_ctx_clear(&ctx);
	assert_int_equal(testdb_tempfile(path, TESTDB_URI_MAX), 0);
	testdb_ok(s40_store_open(path, true, &st, &ctx), &ctx);
	return st;
}

static void test_sqlite_file(void **state)
{
	(void)state;
	char path[TESTDB_URI_MAX], v[64];
	struct s40_store *st = temp_store(path);
	assert_string_equal(s40_store_engine_name(st), "sqlite");
	raw_text(path, "PRAGMA journal_mode", v, sizeof v);
	assert_string_equal(v, "wal");
	raw_text(path, "SELECT value FROM meta WHERE key = 'schema_version'", v, sizeof v);
	assert_int_equal(strtol(v, NULL, 10), sqlite_latest());
	raw_text(
		path,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'journal'",
		v, sizeof v);
	assert_string_equal(v, "2");
	s40_store_close(st);
	testdb_remove(path);
}

/* The connection's cache_size in KiB (SQLite reports it negative). */
static int cache_kib(struct s40_store *st)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(st->db, "PRAGMA cache_size", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int v = -sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The everyday page cache of s40_store_cache, kept across a bulk load, and
 * SQLite's count of its memory off (its one mutex for every allocation of
 * every thread). */
static void test_sqlite_cache(void **state)
{
	(void)state;
	char path[TESTDB_URI_MAX];
	struct s40_store *st = temp_store(path);
	assert_int_equal(sqlite3_memory_used(), 0);
	assert_int_equal(cache_kib(st), 2000);
	s40_store_cache(st, 64);
	assert_int_equal(cache_kib(st), 64 * 1024);
	s40_store_bulk(st, true);
	assert_int_equal(cache_kib(st), S40_STORE_BULK_CACHE_MIB * 1024);
	s40_store_bulk(st, false);
	assert_int_equal(cache_kib(st), 64 * 1024);
	s40_store_close(st);
	testdb_remove(path);
}

/* Run sql on the store's connection, which must take it. */
static void raw_exec(struct s40_store *st, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : sqlite3_errstr(rc));
}

/* How many of this process's open files are SQLite's temporary files (the
 * Unix layer names them etilqs_…, and unlinks them as it opens them). */
static int temp_files_open(void)
{
	char dir[64], link[320], to[512];
	int n = 0;
	snprintf(dir, sizeof dir, "/proc/%d/fd", (int)getpid());
	DIR *d = opendir(dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		snprintf(link, sizeof link, "%s/%s", dir, e->d_name);
		ssize_t len = readlink(link, to, sizeof to - 1);
		if (len > 0) {
			to[len] = '\0';
			n += strstr(to, "etilqs_") != NULL;
		}
	}
	closedir(d);
	return n;
}

/*
 * A savepoint's journal, as a statement's in a transaction: one of 20 pages
 * (80 KiB) stays in memory rather than in a temporary file that every later
 * statement of the transaction would write to; one of 64 pages goes to a
 * file, and rolling back to the savepoint from that file gives every row back.
 */
static void test_sqlite_savepoint_journal(void **state)
{
	(void)state;
	char path[TESTDB_URI_MAX], v[64];
	struct s40_store *st = temp_store(path);
	/* Rows of 3,000 bytes: one page of 4 KiB each. */
	raw_exec(st, "CREATE TABLE t(x BLOB);"
		     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64) "
		     "INSERT INTO t SELECT randomblob(3000) FROM n;"
		     "CREATE TABLE t0 AS SELECT rowid AS r, x FROM t");
	assert_int_equal(temp_files_open(), 0);
	raw_exec(st, "BEGIN; SAVEPOINT a;"
		     "UPDATE t SET x = randomblob(3000) WHERE rowid <= 20; RELEASE a");
	assert_int_equal(temp_files_open(), 0);
	raw_exec(st, "SAVEPOINT b; UPDATE t SET x = randomblob(3000)");
	assert_int_equal(temp_files_open(), 1);
	raw_exec(st, "ROLLBACK TO b; RELEASE b; COMMIT");
	s40_store_close(st);
	raw_text(path,
		 "SELECT count(*) FROM t JOIN t0 ON t.rowid = t0.r "
		 "WHERE (t.rowid <= 20) = (t.x IS t0.x)",
		 v, sizeof v);
	assert_string_equal(v, "0");
	testdb_remove(path);
}

/* The journal refuses UPDATE and DELETE; with its triggers dropped, a changed
 * entry is found by s40_journal_verify. */
static void test_sqlite_journal_tamper(void **state)
{
	struct testdb *t = *state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_false(testdb_is_pg(t));
	testdb_add_person(t, 1112034563562, "สมชาย", "ใจดี", s40_day_from_ymd(1980, 5, 1), 75030702);
	testdb_add_person(t, 3100600445635, "สมหญิง", "รักไทย", s40_day_from_ymd(1985, 2, 3),
			  75030702);
	int64_t n = 0, bad = -1;
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &ctx), &ctx);
	assert_int_equal(n, 3); /* areas.load and two person.add */
	assert_int_equal(bad, 0);

	char err[256];
	assert_int_not_equal(testdb_exec(t, "UPDATE journal SET detail = '{}' WHERE seq = 2", err,
					 sizeof err),
			     0);
	assert_non_null(strstr(err, "append-only"));
	assert_int_not_equal(testdb_exec(t, "DELETE FROM journal WHERE seq = 3", err, sizeof err),
			     0);
	assert_non_null(strstr(err, "append-only"));
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &ctx), &ctx);
	assert_int_equal(n, 3);

	assert_int_equal(
		testdb_exec(t,
			    "DROP TRIGGER journal_no_update;"
			    "UPDATE journal SET detail = '{\"village\":75030701}' WHERE seq = 2",
			    err, sizeof err),
		0);
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_journal_verify(t->st, &n, &bad, &ctx), S40_E_JOURNAL);
	assert_int_equal(bad, 2);
	assert_int_equal(ctx.code, S40_E_JOURNAL);
	assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "entry 2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite_file),
		cmocka_unit_test(test_sqlite_cache),
		cmocka_unit_test(test_sqlite_savepoint_journal),
		cmocka_unit_test_setup_teardown(test_sqlite_journal_tamper, testdb_setup_sqlite,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
