/*
 * Unit tests of lib/store/pg.c, what only the PostgreSQL engine does, on the
 * cluster of S40_TEST_PG (tests/pg.sh; every test is skipped without it):
 * the journal's append-only triggers and the one-open-spell index against SQL
 * run behind the store's back with libpq (which only a test may do), the text
 * columns' byte-order collation, the session's settings whatever the
 * database's defaults, processes opening one new database at once, one writer
 * at a time across processes, and the errors of a wrong URI, a server that is
 * not there, a refused login or password and a lost connection.
 * store.c beside this file tests what every engine does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "core/date.h"
#include "core/embed.h"
#include "registry/journal.h"
#include "store/store.h"
#include "testdb.h"

#define VILLAGE 75030702 /* หมู่ 2 แควอ้อม, อัมพวา, สมุทรสงคราม */
#define ID1 1112034563562
#define ID2 3100600445635

/* Databases a test made by name, dropped by drop_made even when it fails. */
static char made[4][64];

static const char *make_name(const char *prefix)
{
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (made[i][0] == '\0') {
			testdb_pg_name(prefix, made[i], sizeof made[i]);
			return made[i];
		}
	fail_msg("more than %zu databases made", sizeof made / sizeof made[0]);
	return NULL;
}

static int drop_made(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		if (made[i][0]) {
			testdb_pg_drop(made[i]);
			made[i][0] = '\0';
		}
	return 0;
}

/* cmocka setup: a testdb on PostgreSQL, or NULL (the test skips) without
 * S40_TEST_PG. */
static int pg_setup(void **state)
{
	*state = NULL;
	return testdb_pg_base() ? testdb_setup(state) : 0;
}

static struct testdb *pg_state(void **state)
{
	if (*state == NULL)
		skip();
	struct testdb *t = *state;
	assert_true(testdb_is_pg(t));
	return t;
}

/* The newest migrations/pg/NNNN the program holds. */
static int pg_latest(void)
{
	static const char prefix[] = "migrations/pg/";
	int latest = 0;
	for (const struct s40_embed *e = s40_embedded; e->name; e++)
		if (strncmp(e->name, prefix, sizeof prefix - 1) == 0) {
			int n = (int)strtol(e->name + sizeof prefix - 1, NULL, 10);
			if (n > latest)
				latest = n;
		}
	return latest;
}

/* A connection of the test's own to database name. */
static PGconn *raw_connect(const char *name)
{
	char uri[TESTDB_URI_MAX];
	assert_int_equal(testdb_pg_uri(name, uri, sizeof uri), 0);
	PGconn *c = PQconnectdb(uri);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("connect %s: %s", uri, PQerrorMessage(c));
	return c;
}

/* The rows of sql on database name, one line each, columns joined by '|'
 * (at most n bytes); the row count. */
static int raw_rows(const char *name, const char *sql, char *out, size_t n)
{
	PGconn *c = raw_connect(name);
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQresultErrorMessage(r));
	size_t len = 0;
	out[0] = '\0';
	int rows = PQntuples(r);
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < PQnfields(r) && len < n; j++)
			len += (size_t)snprintf(out + len, n - len, "%s%s", PQgetvalue(r, i, j),
						j + 1 < PQnfields(r) ? "|" : "\n");
	PQclear(r);
	PQfinish(c);
	return rows;
}

/* A spell of person, open, through the store's named query. */
static int spell_insert(struct s40_store *st, int64_t person, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_INSERT, ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, person);
	s40_stmt_int64(s, 2, VILLAGE / 1000000);
	s40_stmt_int64(s, 3, VILLAGE);
	s40_stmt_int64(s, 4, s40_day_from_ymd(2019, 10, 1));
	s40_stmt_int64(s, 5, 1);
	s40_stmt_null(s, 6);
	s40_stmt_null(s, 7);
	s40_stmt_int64(s, 8, 1);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		s40_stmt_reset(s);
		return S40_OK;
	}
	return rc;
}

/* The journal refuses UPDATE, DELETE and TRUNCATE, whoever asks; with its
 * triggers disabled, a changed entry is found by s40_journal_verify. */
static void test_pg_journal_append_only(void **state)
{
	struct testdb *t = pg_state(state);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	testdb_add_person(t, ID1, "สมชาย", "ใจดี", s40_day_from_ymd(1980, 5, 1), VILLAGE);
	testdb_add_person(t, ID2, "สมหญิง", "รักไทย", s40_day_from_ymd(1985, 2, 3), VILLAGE);
	int64_t n = 0, bad = -1;
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &ctx), &ctx);
	assert_int_equal(n, 3); /* areas.load and two person.add */

	static const char *const refused[] = {
		"UPDATE journal SET detail = '{}' WHERE seq = 2",
		"DELETE FROM journal WHERE seq = 3",
		"TRUNCATE journal",
	};
	char err[512];
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		assert_int_not_equal(testdb_exec(t, refused[i], err, sizeof err), 0);
		if (strstr(err, "append-only") == NULL)
			fail_msg("%s: %s", refused[i], err);
	}
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &ctx), &ctx);
	assert_int_equal(n, 3);

	assert_int_equal(
		testdb_exec(t,
			    "ALTER TABLE journal DISABLE TRIGGER journal_no_update;"
			    "UPDATE journal SET detail = '{\"village\":75030701}' WHERE seq = 2",
			    err, sizeof err),
		0);
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_journal_verify(t->st, &n, &bad, &ctx), S40_E_JOURNAL);
	assert_int_equal(bad, 2);
	assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "entry 2"));
}

/* One open spell per person is the database's rule: a second one is refused
 * when written with libpq behind the store's back, and through a second
 * connection of the store as S40_E_CONSTRAINT, its transaction left for the
 * caller to roll back. */
static void test_pg_one_open_spell(void **state)
{
	struct testdb *t = pg_state(state);
	testdb_add_person(t, ID1, "สมชาย", "ใจดี", s40_day_from_ymd(1980, 5, 1), VILLAGE);
	testdb_add_person(t, ID2, "สมหญิง", "รักไทย", s40_day_from_ymd(1985, 2, 3), VILLAGE);
	char sql[512], err[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO spell (person, province, village, start_day, option, journal_seq) "
		 "VALUES (%lld, 75, %d, %d, 1, 1)",
		 (long long)ID2, VILLAGE, s40_day_from_ymd(2019, 10, 1));
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_not_equal(testdb_exec(t, sql, err, sizeof err), 0);
	if (strstr(err, "spell_one_open") == NULL)
		fail_msg("a second open spell: %s", err);

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *b;
	testdb_ok(s40_store_open(t->uri, false, &b, &ctx), &ctx);
	testdb_ok(s40_store_begin(t->st, &ctx), &ctx);
	testdb_ok(spell_insert(t->st, ID1, &ctx), &ctx);
	testdb_ok(s40_store_commit(t->st, &ctx), &ctx);
	testdb_ok(s40_store_begin(b, &ctx), &ctx);
	assert_int_equal(spell_insert(b, ID1, &ctx), S40_E_CONSTRAINT);
	assert_int_equal(ctx.code, S40_E_CONSTRAINT);
	assert_true(ctx.msg_en[0] != '\0');
	assert_true(s40_store_in_tx(b));
	s40_store_rollback(b);
	assert_false(s40_store_in_tx(b));
	/* The connection is good for the next transaction. */
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_begin(b, &ctx), &ctx);
	assert_int_equal(testdb_n_spells(b, ID1), 1);
	s40_store_rollback(b);
	s40_store_close(b);
	assert_int_equal(testdb_n_spells(t->st, ID1), 1);
	assert_int_equal(testdb_n_spells(t->st, ID2), 1);
}

/* Every text column of the schema compares byte by byte (COLLATE "C"),
 * whatever the cluster's locale. */
static void test_pg_text_collation(void **state)
{
	struct testdb *t = pg_state(state);
	char out[2048];
	int n = raw_rows(t->pg_name,
			 "SELECT table_name, column_name, coalesce(collation_name, '(default)') "
			 "FROM information_schema.columns WHERE table_schema = 'public' "
			 "AND data_type IN ('text', 'character varying', 'character') "
			 "AND collation_name IS DISTINCT FROM 'C' ORDER BY 1, 2",
			 out, sizeof out);
	if (n != 0)
		fail_msg("text columns without COLLATE \"C\":\n%s", out);
	/* And there are text columns to look at. */
	assert_true(raw_rows(t->pg_name,
			     "SELECT 1 FROM information_schema.columns WHERE table_schema = "
			     "'public' AND data_type = 'text'",
			     out, sizeof out) > 10);
}

/* The schema's functions are PL/pgSQL: PostgreSQL plans a SQL function's body
 * again at every statement that calls it (each row of a trigger; pg_trgm's
 * own functions are the extension's), and a
 * database that ran migration 0015 when its two functions were SQL gets them
 * in PL/pgSQL from 0016, with the same months as core/date.c for any day. */
static void test_pg_functions_plpgsql(void **state)
{
	struct testdb *t = pg_state(state);
	const char *sql_lang = "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON "
			       "n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
			       "WHERE n.nspname = 'public' AND l.lanname <> 'plpgsql' AND NOT "
			       "EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND "
			       "d.deptype = 'e') ORDER BY 1";
	char out[4096];
	int n = raw_rows(t->pg_name, sql_lang, out, sizeof out);
	if (n != 0)
		fail_msg("functions not in PL/pgSQL:\n%s", out);
	assert_true(raw_rows(t->pg_name,
			     "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = "
			     "p.pronamespace WHERE n.nspname = 'public' AND p.prolang = (SELECT "
			     "oid FROM pg_language WHERE lanname = 'plpgsql')",
			     out, sizeof out) >= 8);

	/* 0015's SQL functions as it first made them, and the version back at 15
	 * (0017's table taken away) */
	PGconn *c = raw_connect(t->pg_name);
	PGresult *r = PQexec(
		c, "CREATE OR REPLACE FUNCTION s40_day_month(d integer) RETURNS integer "
		   "LANGUAGE sql IMMUTABLE AS $$ SELECT ((y + (m <= 2)::integer - 1970) * 12 "
		   "+ m - 1)::integer FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 "
		   "THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 "
		   "* yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, "
		   "(doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM "
		   "(SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 "
		   "THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT d::bigint + "
		   "719468 AS z) a) b) c) d) e) f $$; "
		   "CREATE OR REPLACE FUNCTION s40_paid_run(p bigint, OUT paid_to integer, "
		   "OUT run_from integer) LANGUAGE sql STABLE AS $$ SELECT max(l.month), "
		   "max(l.month) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ledger x WHERE "
		   "x.person = p AND x.month = l.month - 1)) FROM ledger l WHERE l.person = "
		   "p $$; DROP TABLE spell_paid_load; "
		   "UPDATE meta SET value = '15' WHERE key = 'schema_version'");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("back to 0015: %s", PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	assert_int_equal(raw_rows(t->pg_name, sql_lang, out, sizeof out), 2);

	s40_store_close(t->st);
	testdb_ok(s40_store_open(t->uri, false, &t->st, &t->ctx), &t->ctx);
	assert_int_equal(s40_store_schema_version(t->st), pg_latest());
	n = raw_rows(t->pg_name, sql_lang, out, sizeof out);
	if (n != 0)
		fail_msg("functions not in PL/pgSQL after the upgrade:\n%s", out);

	/* the same month as the program's for days from far before to far after */
	static const int32_t days[] = { INT32_MIN, -800000000, -719469, -719468, -146097, -366,
					-32,	   -31,	       -1,	0,	 31,	  59,
					10957,	   11016,      11017,	20000,	 2932896, 800000000,
					INT32_MAX };
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		char q[96];
		snprintf(q, sizeof q, "SELECT s40_day_month(%ld)", (long)days[i]);
		assert_int_equal(raw_rows(t->pg_name, q, out, sizeof out), 1);
		assert_int_equal(strtol(out, NULL, 10), s40_day_month(days[i]));
	}
	assert_int_equal(raw_rows(t->pg_name,
				  "SELECT count(*) FROM generate_series(-700000, 1000000, 13) d "
				  "WHERE s40_day_month(d) <> (SELECT (extract(year FROM x) - 1970) "
				  "* 12 + extract(month FROM x) - 1 FROM (SELECT date '1970-01-01' "
				  "+ d AS x) y)",
				  out, sizeof out),
			 1);
	assert_string_equal(out, "0\n");
}

/* The store sets its session as it needs it, whatever the database's own
 * defaults say: durable commits, UTC, UTF-8. */
static void test_pg_session_settings(void **state)
{
	struct testdb *t = pg_state(state);
	char sql[256], err[512];
	snprintf(sql, sizeof sql,
		 "ALTER DATABASE \"%s\" SET synchronous_commit = off; "
		 "ALTER DATABASE \"%s\" SET TimeZone = 'Asia/Bangkok'",
		 t->pg_name, t->pg_name);
	assert_int_equal(testdb_pg_exec(NULL, sql, err, sizeof err), 0);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st;
	testdb_ok(s40_store_open(t->uri, false, &st, &ctx), &ctx);
	struct s40_stmt *s = s40_store_prepare(st,
					       "SELECT current_setting('synchronous_commit'), "
					       "current_setting('TimeZone'), "
					       "current_setting('client_encoding')",
					       &ctx);
	assert_non_null(s);
	assert_int_equal(s40_stmt_step(s, &ctx), S40_ROW);
	assert_string_equal(s40_col_text(s, 0), "on");
	assert_string_equal(s40_col_text(s, 1), "UTC");
	assert_string_equal(s40_col_text(s, 2), "UTF8");
	assert_int_equal(s40_stmt_step(s, &ctx), S40_OK);
	s40_stmt_finalize(s);
	s40_store_close(st);
}

/* Opening with create: a database that is not there is made on the server;
 * one that is there without the s40 schema gets it; without create, a
 * database with no s40 schema is S40_E_NOT_FOUND as a missing one is. */
static void test_pg_create(void **state)
{
	(void)state;
	if (!testdb_pg_base())
		skip();
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	struct s40_store *st;
	s40_ctx_clear(&ctx);

	const char *name = make_name("create");
	assert_int_equal(testdb_pg_uri(name, uri, sizeof uri), 0);
	testdb_ok(s40_store_open(uri, true, &st, &ctx), &ctx);
	assert_string_equal(s40_store_engine_name(st), "postgres");
	assert_int_equal(s40_store_schema_version(st), pg_latest());
	s40_store_close(st);

	name = make_name("empty");
	assert_int_equal(testdb_pg_uri(name, uri, sizeof uri), 0);
	assert_int_equal(testdb_pg_create(name, NULL), 0);
	st = (struct s40_store *)&ctx;
	assert_int_equal(s40_store_open(uri, false, &st, &ctx), S40_E_NOT_FOUND);
	assert_null(st);
	assert_string_equal(ctx.field, "db");
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_open(uri, true, &st, &ctx), &ctx);
	assert_int_equal(s40_store_schema_version(st), pg_latest());
	s40_store_close(st);
}

/* Processes that open one new database at once with create: each gets it,
 * and the migrations ran once. */
static void test_pg_open_at_once(void **state)
{
	(void)state;
	if (!testdb_pg_base())
		skip();
	enum {
		N = 6
	};
	char uri[TESTDB_URI_MAX];
	const char *name = make_name("race");
	assert_int_equal(testdb_pg_uri(name, uri, sizeof uri), 0);
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			struct s40_ctx ctx;
			struct s40_store *st;
			s40_ctx_clear(&ctx);
			enum s40_err rc = s40_store_open(uri, true, &st, &ctx);
			if (rc != S40_OK)
				fprintf(stderr, "child %d: %s\n", i, s40_errmsg(&ctx, S40_LANG_EN));
			else if (s40_store_schema_version(st) != pg_latest())
				rc = S40_E_SCHEMA;
			s40_store_close(st);
			_exit(rc == S40_OK ? 0 : 1);
		}
	}
	int failed = 0;
	for (int i = 0; i < N; i++) {
		int status;
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	char out[64];
	const char *sql = "SELECT value FROM meta WHERE key = 'schema_version'";
	assert_int_equal(failed, 0);
	assert_int_equal(raw_rows(name, sql, out, sizeof out), 1);
	assert_int_equal(strtol(out, NULL, 10), pg_latest());
}

/* One writer at a time across processes: a begin waits on the writer's lock
 * while another process's transaction is open, and goes on once it commits. */
static void test_pg_one_writer(void **state)
{
	struct testdb *t = pg_state(state);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_begin(t->st, &ctx), &ctx);
	pid_t kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		/* The child: a second writer, whose begin must wait. */
		struct s40_store *b;
		s40_ctx_clear(&ctx);
		if (s40_store_open(t->uri, false, &b, &ctx) != S40_OK)
			_exit(2);
		enum s40_err rc = s40_store_begin(b, &ctx);
		if (rc == S40_OK)
			rc = s40_store_commit(b, &ctx);
		s40_store_close(b);
		_exit(rc == S40_OK ? 0 : 3);
	}
	/* Until the child's session waits for an advisory lock in our database. */
	char sql[256], out[64];
	snprintf(sql, sizeof sql,
		 "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND "
		 "database = (SELECT oid FROM pg_database WHERE datname = '%s')",
		 t->pg_name);
	bool waited = false;
	for (int i = 0; i < 600 && !waited; i++) {
		waited = raw_rows("postgres", sql, out, sizeof out) > 0;
		if (!waited)
			usleep(50 * 1000);
	}
	testdb_ok(s40_store_commit(t->st, &ctx), &ctx);
	int status;
	assert_int_equal(waitpid(kid, &status, 0), kid);
	if (!waited)
		fail_msg("a second writer's begin did not wait for the first's commit");
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Where the store cannot go: a clear error with its code, in Thai and English,
 * and never the URI's password. */
static void expect_open_error(const char *uri, enum s40_err want, const char *en_part)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = (struct s40_store *)&ctx;
	enum s40_err rc = s40_store_open(uri, false, &st, &ctx);
	const char *en = s40_errmsg(&ctx, S40_LANG_EN), *th = s40_errmsg(&ctx, S40_LANG_TH);
	if (rc != want || strstr(en, en_part) == NULL)
		fail_msg("%s: got %s \"%s\", want %s with \"%s\"", uri, s40_errname(rc), en,
			 s40_errname(want), en_part);
	assert_null(st);
	assert_int_equal(ctx.code, want);
	assert_string_equal(ctx.field, "db");
	assert_true(th[0] != '\0' && strcmp(th, en) != 0);
	assert_null(strstr(en, "wrong-secret"));
	assert_null(strstr(th, "wrong-secret"));
}

static void test_pg_open_errors(void **state)
{
	(void)state;
	if (!testdb_pg_base())
		skip();
	/* Not a URI libpq reads. */
	expect_open_error("postgresql://localhost/s40?no_such_option=1", S40_E_USAGE, "not valid");
	/* No server there. */
	expect_open_error("postgresql:///s40?host=/nonexistent/s40-no-server&port=5", S40_E_DB,
			  "cannot connect to PostgreSQL");
	expect_open_error("host=/nonexistent/s40-no-server port=5 dbname=s40", S40_E_DB,
			  "cannot connect to PostgreSQL");
	/* A login that the server refuses: no such role. */
	char uri[TESTDB_URI_MAX + 128], base[TESTDB_URI_MAX];
	assert_int_equal(testdb_pg_uri("postgres", base, sizeof base), 0);
	const char sep = strchr(base, '?') ? '&' : '?';
	if (strstr(base, "://")) {
		assert_true(snprintf(uri, sizeof uri, "%s%cuser=s40_no_such_role", base, sep) <
			    (int)sizeof uri);
		expect_open_error(uri, S40_E_DB, "s40_no_such_role");
	}
	/* A wrong password (tests/pg.sh makes a role that needs one). */
	const char *pw_user = getenv("S40_PG_PASSWORD_USER"), *pw = getenv("S40_PG_PASSWORD");
	if (pw_user && pw && strstr(base, "://")) {
		assert_true(snprintf(uri, sizeof uri, "%s%cuser=%s&password=wrong-secret", base,
				     sep, pw_user) < (int)sizeof uri);
		expect_open_error(uri, S40_E_DB, "password");
		/* With the right one the login works: the maintenance database has
		 * no s40 schema, which is S40_E_NOT_FOUND. */
		assert_true(snprintf(uri, sizeof uri, "%s%cuser=%s&password=%s", base, sep, pw_user,
				     pw) < (int)sizeof uri);
		struct s40_ctx ctx;
		struct s40_store *st;
		s40_ctx_clear(&ctx);
		assert_int_equal(s40_store_open(uri, false, &st, &ctx), S40_E_NOT_FOUND);
	}
}

/* End every other connection to the test's database (as a restart of the
 * server would), and give the ends time to arrive. */
static void kill_connections(struct testdb *t)
{
	char sql[256], out[256];
	snprintf(sql, sizeof sql,
		 "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s' "
		 "AND pid <> pg_backend_pid()",
		 t->pg_name);
	assert_int_equal(raw_rows("postgres", sql, out, sizeof out), 1);
	usleep(100 * 1000);
}

/* The number of areas, through the store (-1 and ctx set on failure). */
static long long area_count(struct s40_store *st, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_COUNT, ctx);
	if (s == NULL)
		return -1;
	int rc = s40_stmt_step(s, ctx);
	long long n = rc == S40_ROW ? (long long)s40_col_int64(s, 0) : -1;
	s40_stmt_reset(s);
	return n;
}

/* A connection the server ended while it was idle (a restart, a failover)
 * is found ended at its next use, before a statement is lost to it, and
 * comes back by itself, prepared statements and all: no request fails. */
static void test_pg_connection_lost(void **state)
{
	struct testdb *t = pg_state(state);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	long long before = area_count(t->st, &ctx);
	assert_true(before >= 0);
	kill_connections(t);
	s40_ctx_clear(&ctx);
	long long after = area_count(t->st, &ctx);
	if (after != before)
		fail_msg("after the end: %lld, %s", after, ctx.msg_en);
	assert_int_equal(s40_store_begin(t->st, &ctx), S40_OK);
	assert_int_equal(s40_store_commit(t->st, &ctx), S40_OK);
	/* And a begin that is the first use after the end. */
	kill_connections(t);
	usleep(1100 * 1000); /* past the wait between two attempts */
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_store_begin(t->st, &ctx), S40_OK);
	assert_int_equal(area_count(t->st, &ctx), before);
	assert_int_equal(s40_store_commit(t->st, &ctx), S40_OK);
}

/* Lost inside a transaction: its work is gone, and the store says so to every
 * statement until the caller ends the transaction — never running the rest
 * of it outside any transaction on a new connection. */
static void test_pg_connection_lost_in_tx(void **state)
{
	struct testdb *t = pg_state(state);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_store_begin(t->st, &ctx), S40_OK);
	assert_true(area_count(t->st, &ctx) >= 0);
	kill_connections(t);
	s40_ctx_clear(&ctx);
	assert_int_equal(area_count(t->st, &ctx), -1);
	assert_int_equal(ctx.code, S40_E_DB_UNAVAILABLE);
	usleep(1100 * 1000); /* past the wait between two attempts */
	s40_ctx_clear(&ctx);
	assert_int_equal(area_count(t->st, &ctx), -1);
	assert_int_equal(ctx.code, S40_E_DB_UNAVAILABLE);
	assert_false(s40_store_in_tx(t->st));
	s40_store_rollback(t->st);
	s40_ctx_clear(&ctx);
	assert_true(area_count(t->st, &ctx) >= 0);
}

/* The schema's triggers notify a listening connection of a commit to the
 * journal and of an ended session; SQLite-like polling is not needed then. */
static void test_pg_wait_change(void **state)
{
	struct testdb *t = pg_state(state);
	struct s40_store *other = NULL;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_store_open(t->uri, false, &other, &ctx), S40_OK);
	unsigned what = 0;
	/* The first wait reports everything: nothing was listened to before. */
	assert_int_equal(s40_store_wait_change(other, 10, &what, &ctx), S40_OK);
	assert_int_equal(what, S40_CHANGE_JOURNAL | S40_CHANGE_SESSIONS);
	assert_int_equal(s40_store_wait_change(other, 50, &what, &ctx), S40_OK);
	assert_int_equal(what, 0);
	char out[64];
	assert_int_equal(
		raw_rows(t->pg_name,
			 "INSERT INTO journal(seq, at, \"user\", op, entity, detail, "
			 "prev_hash, hash) SELECT coalesce(max(seq), 0) + 1, 0, 'u', 'x', 'e', "
			 "'{}', '\\x00', '\\x00' FROM journal RETURNING seq",
			 out, sizeof out),
		1);
	assert_int_equal(s40_store_wait_change(other, 2000, &what, &ctx), S40_OK);
	assert_int_equal(what, S40_CHANGE_JOURNAL);
	assert_int_equal(raw_rows(t->pg_name, "DELETE FROM session RETURNING 1", out, sizeof out),
			 0);
	assert_int_equal(s40_store_wait_change(other, 2000, &what, &ctx), S40_OK);
	assert_int_equal(what, S40_CHANGE_SESSIONS);
	s40_store_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pg_journal_append_only, pg_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_one_open_spell, pg_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_text_collation, pg_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_functions_plpgsql, pg_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_session_settings, pg_setup,
						testdb_teardown),
		cmocka_unit_test_teardown(test_pg_create, drop_made),
		cmocka_unit_test_teardown(test_pg_open_at_once, drop_made),
		cmocka_unit_test_setup_teardown(test_pg_one_writer, pg_setup, testdb_teardown),
		cmocka_unit_test(test_pg_open_errors),
		cmocka_unit_test_setup_teardown(test_pg_connection_lost, pg_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_connection_lost_in_tx, pg_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pg_wait_change, pg_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
