/*
 * Unit tests of lib/store/store.c on every engine: open and create, the schema
 * version and migrations, the data version, transactions, constraint errors,
 * statement reuse.
 *
 * The tests loop over a table of engines, each giving a fresh database
 * location, a location with no database, a way to drop one and the newest
 * migration the program holds: SQLite always (a temporary file), PostgreSQL
 * when S40_TEST_PG names a cluster (tests/pg.sh; a database made on it). What
 * only one engine does is tested in sqlite.c and pg.c beside this file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "core/date.h"
#include "core/embed.h"
#include "registry/journal.h"
#include "store/store.h"
#include "testdb.h"

/* One engine under test. */
struct engine_case {
	const char *name; /* what s40_store_engine_name says */
	int (*fresh)(char *uri, size_t n); /* a location for a new database */
	int (*missing)(char *uri, size_t n); /* a location with no database */
	void (*drop)(const char *uri); /* remove what fresh made */
	int (*latest)(void); /* the newest migration the program holds */
};

static int sqlite_fresh(char *uri, size_t n)
{
	/* mkstemp leaves an empty file: SQLite takes it as an empty database. */
	return testdb_tempfile(uri, n);
}

static int sqlite_missing(char *uri, size_t n)
{
	if (testdb_tempfile(uri, n))
		return -1;
	testdb_remove(uri);
	return 0;
}

/* The highest N of the embedded migrations of an engine (PREFIX/NNNN_*.sql). */
static int latest_migration(const char *prefix)
{
	size_t len = strlen(prefix);
	int latest = 0;
	for (const struct s40_embed *e = s40_embedded; e->name; e++)
		if (strncmp(e->name, prefix, len) == 0) {
			int n = (int)strtol(e->name + len, NULL, 10);
			if (n > latest)
				latest = n;
		}
	return latest;
}

static int sqlite_latest(void)
{
	return latest_migration("migrations/sqlite/");
}

/* PostgreSQL: an empty database made on the cluster, as an administrator
 * makes one for s40 init. */
static int pg_fresh(char *uri, size_t n)
{
	char name[64];
	testdb_pg_name("store", name, sizeof name);
	return testdb_pg_uri(name, uri, n) || testdb_pg_create(name, NULL);
}

/* A database name nobody made. */
static int pg_missing(char *uri, size_t n)
{
	char name[64];
	testdb_pg_name("none", name, sizeof name);
	return testdb_pg_uri(name, uri, n);
}

/* DROP DATABASE the one uri names. */
static void pg_drop(const char *uri)
{
	PQconninfoOption *o = PQconninfoParse(uri, NULL);
	for (PQconninfoOption *p = o; p && p->keyword; p++)
		if (strcmp(p->keyword, "dbname") == 0 && p->val)
			testdb_pg_drop(p->val);
	PQconninfoFree(o);
}

static int pg_latest(void)
{
	return latest_migration("migrations/pg/");
}

/* The engines under test: SQLite, and PostgreSQL with S40_TEST_PG (main). */
static struct engine_case engines[2] = {
	{ "sqlite", sqlite_fresh, sqlite_missing, testdb_remove, sqlite_latest },
};
static size_t n_engines = 1;

/* Every location a test made, dropped by drop_all even when the test fails. */
static struct {
	const struct engine_case *e;
	char uri[TESTDB_URI_MAX];
} made[16];
static size_t n_made;

static int drop_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_made; i++)
		made[i].e->drop(made[i].uri);
	n_made = 0;
	return 0;
}

/* Open a new database of engine e at uri (made by e->fresh). */
static struct s40_store *open_fresh(const struct engine_case *e, char *uri, size_t n)
{
	struct s40_ctx ctx;
	struct s40_store *st = NULL;
	s40_ctx_clear(&ctx);
	assert_int_equal(e->fresh(uri, n), 0);
	assert_true(n_made < sizeof made / sizeof made[0]);
	made[n_made].e = e;
	snprintf(made[n_made].uri, sizeof made[n_made].uri, "%s", uri);
	n_made++;
	testdb_ok(s40_store_open(uri, true, &st, &ctx), &ctx);
	assert_non_null(st);
	assert_string_equal(s40_store_engine_name(st), e->name);
	return st;
}

/* Write meta key = value (outside a transaction: autocommit). */
static void meta_set(struct s40_store *st, const char *key, const char *value)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_META_SET, &ctx);
	assert_non_null(s);
	s40_stmt_text(s, 1, key);
	s40_stmt_text(s, 2, value);
	testdb_ok(s40_stmt_exec(s, &ctx), &ctx);
}

/* Read meta key into buf; returns 1 if it is there, 0 if not. */
static int meta_get(struct s40_store *st, const char *key, char *buf, size_t n)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_META_GET, &ctx);
	assert_non_null(s);
	s40_stmt_text(s, 1, key);
	int rc = s40_stmt_step(s, &ctx);
	buf[0] = '\0';
	if (rc == S40_ROW) {
		snprintf(buf, n, "%s", s40_col_text(s, 0));
		s40_stmt_reset(s);
		return 1;
	}
	assert_int_equal(rc, S40_OK);
	return 0;
}

static void test_open_missing(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	struct s40_store *st = (struct s40_store *)&ctx; /* must be set to NULL */
	s40_ctx_clear(&ctx);
	assert_int_equal(e->missing(uri, sizeof uri), 0);
	assert_int_equal(s40_store_open(uri, false, &st, &ctx), S40_E_NOT_FOUND);
	assert_int_equal(ctx.code, S40_E_NOT_FOUND);
	assert_string_equal(ctx.field, "db");
	assert_null(st);
	/* Nor did it create one: a second try fails the same way. */
	assert_int_equal(s40_store_open(uri, false, &st, &ctx), S40_E_NOT_FOUND);
	e->drop(uri);
	/* No location at all is a usage error, whatever the engine. */
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_store_open("", true, &st, &ctx), S40_E_USAGE);
	assert_null(st);
	assert_int_equal(s40_store_open(NULL, true, &st, &ctx), S40_E_USAGE);
	assert_null(st);
}

static void test_schema_version(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX], v[32], want[32];
	/* Every migration is applied, from 1 up. */
	int latest = e->latest();
	assert_true(latest >= 1);
	snprintf(want, sizeof want, "%d", latest);
	struct s40_store *st = open_fresh(e, uri, sizeof uri);
	assert_int_equal(s40_store_schema_version(st), latest);
	assert_int_equal(meta_get(st, "schema_version", v, sizeof v), 1);
	assert_string_equal(v, want);
	assert_false(s40_store_in_tx(st));
	s40_store_close(st);

	/* Opening again applies nothing new and keeps version 1. */
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_open(uri, false, &st, &ctx), &ctx);
	assert_int_equal(s40_store_schema_version(st), latest);
	s40_store_close(st);
	e->drop(uri);
}

static void test_reopen_keeps_data(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX], v[64];
	struct s40_store *st = open_fresh(e, uri, sizeof uri);
	meta_set(st, "test.key", "ค่าทดสอบ");
	meta_set(st, "test.key", "ค่าใหม่"); /* META_SET replaces */
	s40_store_close(st);

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_open(uri, false, &st, &ctx), &ctx);
	assert_int_equal(meta_get(st, "test.key", v, sizeof v), 1);
	assert_string_equal(v, "ค่าใหม่");
	assert_int_equal(meta_get(st, "no.such.key", v, sizeof v), 0);
	s40_store_close(st);
	e->drop(uri);
}

/* The data version moves when another connection commits, not for our own. */
static void test_data_version(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *a = open_fresh(e, uri, sizeof uri), *b;
	testdb_ok(s40_store_open(uri, false, &b, &ctx), &ctx);
	int64_t v0, v1, v2, w0, w1;
	testdb_ok(s40_store_data_version(a, &v0, &ctx), &ctx);
	testdb_ok(s40_store_data_version(b, &w0, &ctx), &ctx);
	meta_set(a, "test.dv", "1"); /* a commits */
	testdb_ok(s40_store_data_version(a, &v1, &ctx), &ctx);
	testdb_ok(s40_store_data_version(b, &w1, &ctx), &ctx);
	assert_true(v1 == v0); /* its own commit */
	assert_true(w1 != w0); /* seen from the other connection */
	meta_set(b, "test.dv", "2"); /* b commits */
	testdb_ok(s40_store_data_version(a, &v2, &ctx), &ctx);
	assert_true(v2 != v1);
	/* Nothing committed: nothing moves. */
	testdb_ok(s40_store_data_version(a, &v1, &ctx), &ctx);
	assert_true(v1 == v2);
	s40_store_close(b);
	s40_store_close(a);
	e->drop(uri);
}

static void test_schema_newer(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_store *st = open_fresh(e, uri, sizeof uri);
	meta_set(st, "schema_version", "99");
	s40_store_close(st);

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	st = (struct s40_store *)&ctx;
	assert_int_equal(s40_store_open(uri, false, &st, &ctx), S40_E_SCHEMA);
	assert_null(st);
	assert_int_equal(ctx.code, S40_E_SCHEMA);
	assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "99"));
	/* With create too: the newer database is not touched. */
	assert_int_equal(s40_store_open(uri, true, &st, &ctx), S40_E_SCHEMA);
	assert_null(st);
	e->drop(uri);
}

static void test_rollback_and_commit(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX], v[32];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = open_fresh(e, uri, sizeof uri);

	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	assert_true(s40_store_in_tx(st));
	meta_set(st, "gone", "1");
	assert_int_equal(meta_get(st, "gone", v, sizeof v), 1); /* seen inside */
	s40_store_rollback(st);
	assert_false(s40_store_in_tx(st));
	assert_int_equal(meta_get(st, "gone", v, sizeof v), 0);
	s40_store_rollback(st); /* no transaction: nothing happens */

	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	meta_set(st, "kept", "2");
	testdb_ok(s40_store_commit(st, &ctx), &ctx);
	assert_false(s40_store_in_tx(st));
	s40_store_close(st);

	testdb_ok(s40_store_open(uri, false, &st, &ctx), &ctx);
	assert_int_equal(meta_get(st, "kept", v, sizeof v), 1);
	assert_string_equal(v, "2");
	assert_int_equal(meta_get(st, "gone", v, sizeof v), 0);
	s40_store_close(st);
	e->drop(uri);
}

static enum s40_err area_insert(struct s40_store *st, int32_t code, int level, const char *name,
				struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_INSERT, ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, code);
	s40_stmt_int64(s, 2, level);
	s40_stmt_int64_or_null(s, 3, level > 1 ? code / 100 : 0, 0);
	s40_stmt_int64_or_null(s, 4, level == 4 ? code % 100 : -1, -1);
	s40_stmt_text(s, 5, name);
	s40_stmt_text(s, 6, NULL);
	s40_stmt_text(s, 7, NULL);
	return s40_stmt_exec(s, ctx);
}

static enum s40_err person_insert(struct s40_store *st, int64_t id, int32_t village,
				  struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PERSON_INSERT, ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, id);
	s40_stmt_null(s, 2);
	s40_stmt_text(s, 3, "สมชาย");
	s40_stmt_text(s, 4, "ใจดี");
	s40_stmt_null(s, 5);
	s40_stmt_null(s, 6);
	s40_stmt_int64(s, 7, s40_day_from_ymd(1980, 1, 1));
	s40_stmt_int64(s, 8, 1);
	s40_stmt_int64(s, 9, 1);
	s40_stmt_int64(s, 10, village);
	s40_stmt_null(s, 11);
	s40_stmt_null(s, 12);
	s40_stmt_int64(s, 13, 1);
	return s40_stmt_exec(s, ctx);
}

/* Insert a spell; returns the step's code, and its id in *spell_id on success. */
static int spell_insert(struct s40_store *st, int64_t person, int32_t village, int32_t start,
			int option, int64_t *spell_id, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_INSERT, ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, person);
	s40_stmt_int64(s, 2, village / 1000000);
	s40_stmt_int64(s, 3, village);
	s40_stmt_int64(s, 4, start);
	s40_stmt_int64(s, 5, option);
	s40_stmt_null(s, 6);
	s40_stmt_null(s, 7);
	s40_stmt_int64(s, 8, 1);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		*spell_id = s40_col_int64(s, 0);
		s40_stmt_reset(s);
		return S40_OK;
	}
	return rc;
}

/* A fresh store of engine e with the areas down to village 75030702 (หมู่ 2,
 * แควอ้อม, อัมพวา, สมุทรสงคราม). */
static struct s40_store *open_with_village(const struct engine_case *e, char *uri, size_t n)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = open_fresh(e, uri, n);
	testdb_ok(area_insert(st, 75, 1, "สมุทรสงคราม", &ctx), &ctx);
	testdb_ok(area_insert(st, 7503, 2, "อัมพวา", &ctx), &ctx);
	testdb_ok(area_insert(st, 750307, 3, "แควอ้อม", &ctx), &ctx);
	testdb_ok(area_insert(st, 75030702, 4, "หมู่ 2", &ctx), &ctx);
	return st;
}

static void test_constraints(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = open_with_village(e, uri, sizeof uri);
	const int32_t village = 75030702;
	const int64_t id = 1112034563562;
	testdb_ok(person_insert(st, id, village, &ctx), &ctx);

	/* A second area with the same code. */
	s40_ctx_clear(&ctx);
	assert_int_equal(area_insert(st, 75, 1, "ซ้ำ", &ctx), S40_E_CONSTRAINT);
	assert_int_equal(ctx.code, S40_E_CONSTRAINT);
	assert_true(ctx.msg_en[0] != '\0');
	/* A person in a village that does not exist (foreign keys are on). */
	assert_int_equal(person_insert(st, 3100600445635, 75030799, &ctx), S40_E_CONSTRAINT);

	/* A refusal inside a transaction leaves it open for the caller to roll
	 * back, which undoes everything in it. */
	int64_t sp1 = 0, sp2 = 0;
	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	testdb_ok(spell_insert(st, id, village, s40_day_from_ymd(2019, 1, 1), 1, &sp1, &ctx), &ctx);
	s40_ctx_clear(&ctx);
	assert_int_equal(spell_insert(st, id, village, s40_day_from_ymd(2020, 1, 1), 2, &sp2, &ctx),
			 S40_E_CONSTRAINT);
	assert_int_equal(ctx.code, S40_E_CONSTRAINT);
	assert_true(s40_store_in_tx(st));
	s40_store_rollback(st);
	assert_false(s40_store_in_tx(st));
	assert_int_equal(testdb_n_spells(st, id), 0);

	/* Or the caller undoes only the refused part, back to a savepoint, and
	 * commits the rest, as the registry does: PostgreSQL refuses every
	 * statement after an error until then, where SQLite undoes only the one
	 * statement. Two open spells for one person; an option that does not
	 * exist; a spell of nobody. */
	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	testdb_ok(spell_insert(st, id, village, s40_day_from_ymd(2019, 1, 1), 1, &sp1, &ctx), &ctx);
	assert_true(sp1 > 0);
	static const struct {
		int64_t person;
		int option;
	} refused[] = { { 1112034563562, 2 }, { 1112034563562, 4 }, { 3100600445635, 1 } };
	for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
		testdb_ok(s40_store_savepoint(st, "refused", &ctx), &ctx);
		s40_ctx_clear(&ctx);
		assert_int_equal(spell_insert(st, refused[k].person, village,
					      s40_day_from_ymd(2020, 1, 1), refused[k].option, &sp2,
					      &ctx),
				 S40_E_CONSTRAINT);
		assert_int_equal(ctx.code, S40_E_CONSTRAINT);
		assert_true(ctx.msg_en[0] != '\0');
		assert_true(s40_store_in_tx(st));
		testdb_ok(s40_store_rollback_to(st, "refused", &ctx), &ctx);
		testdb_ok(s40_store_release(st, "refused", &ctx), &ctx);
	}
	testdb_ok(s40_store_commit(st, &ctx), &ctx);
	assert_int_equal(testdb_n_spells(st, id), 1);

	/* Ending a spell before it starts breaks a CHECK too. */
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_END, &ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, sp1);
	s40_stmt_int64(s, 2, s40_day_from_ymd(2018, 12, 31));
	s40_stmt_int64(s, 3, 6);
	s40_stmt_int64(s, 4, 2);
	assert_int_equal(s40_stmt_exec(s, &ctx), S40_E_CONSTRAINT);
	/* The end day and reason go together. */
	s = s40_store_stmt(st, S40_Q_SPELL_END, &ctx);
	s40_stmt_int64(s, 1, sp1);
	s40_stmt_int64(s, 2, s40_day_from_ymd(2019, 6, 1));
	s40_stmt_null(s, 3);
	s40_stmt_int64(s, 4, 2);
	assert_int_equal(s40_stmt_exec(s, &ctx), S40_E_CONSTRAINT);

	/* Once the first spell is ended a new open one is allowed. */
	s = s40_store_stmt(st, S40_Q_SPELL_END, &ctx);
	s40_stmt_int64(s, 1, sp1);
	s40_stmt_int64(s, 2, s40_day_from_ymd(2019, 6, 1));
	s40_stmt_int64(s, 3, 6);
	s40_stmt_int64(s, 4, 2);
	testdb_ok(s40_stmt_exec(s, &ctx), &ctx);
	testdb_ok(spell_insert(st, id, village, s40_day_from_ymd(2020, 1, 1), 2, &sp2, &ctx), &ctx);
	assert_true(sp2 > sp1);
	assert_int_equal(testdb_n_spells(st, id), 2);
	s40_store_close(st);
	e->drop(uri);
}

/* Run sql, with $1 and $2 bound to a and b, through the store's own
 * connection (inside its transaction, if one is open). */
static void raw_run(struct s40_store *st, const char *sql, int64_t a, int64_t b)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_prepare(st, sql, &ctx);
	testdb_ok(s ? S40_OK : ctx.code, &ctx);
	s40_stmt_int64(s, 1, a);
	s40_stmt_int64(s, 2, b);
	testdb_ok(s40_stmt_exec(s, &ctx), &ctx);
	s40_stmt_finalize(s);
}

/* The first column of the first row of sql, as an integer. */
static int64_t raw_int(struct s40_store *st, const char *sql)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_prepare(st, sql, &ctx);
	testdb_ok(s ? S40_OK : ctx.code, &ctx);
	assert_int_equal(s40_stmt_step(s, &ctx), S40_ROW);
	int64_t v = s40_col_int64(s, 0);
	s40_stmt_finalize(s);
	return v;
}

/* A load that touched few members mends their rows of spell_paid
 * (s40_store_spell_paid_load): a spell moved to another village, one that
 * changed hands and one removed lose their old rows, which are made again
 * where the spell is still there; a spell ended gets its end. No write of
 * s40 moves or removes a spell today, but the triggers write such members
 * down, and the mend must leave spell_paid as the spells are. */
static void test_paid_load_mend(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = open_with_village(e, uri, sizeof uri);
	const int32_t village = 75030702, other = 75030701;
	testdb_ok(area_insert(st, other, 4, "หมู่ 1", &ctx), &ctx);
	/* Sixteen persons; the first fifteen members. */
	int64_t id[16], sp[15];
	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	for (size_t k = 0; k < 16; k++) {
		id[k] = testdb_natid(110000000000 + (int64_t)k);
		testdb_ok(person_insert(st, id[k], village, &ctx), &ctx);
		if (k < 15)
			testdb_ok(spell_insert(st, id[k], village,
					       s40_day_from_ymd(2020, 1, 1 + (int)k), 1, &sp[k],
					       &ctx),
				  &ctx);
	}
	testdb_ok(s40_store_commit(st, &ctx), &ctx);
	assert_int_equal(raw_int(st, "SELECT count(*) FROM spell_paid"), 15);

	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	testdb_ok(s40_store_spell_paid_load(st, S40_NAME_INDEX_DEFER, &ctx), &ctx);
	raw_run(st, "UPDATE spell SET village = $1 WHERE spell_id = $2", other, sp[0]);
	raw_run(st, "UPDATE spell SET person = $1 WHERE spell_id = $2", id[15], sp[1]);
	raw_run(st, "DELETE FROM spell WHERE spell_id = $1 AND person = $2", sp[2], id[2]);
	raw_run(st, "UPDATE spell SET end_day = $1, end_reason = 6 WHERE spell_id = $2",
		s40_day_from_ymd(2021, 1, 1), sp[3]);
	/* Five members written down, fewer than half the spells: the mend, not
	 * every row made anew. */
	assert_int_equal(raw_int(st, "SELECT count(*) FROM spell_paid_load WHERE person <> 0"), 5);
	assert_true(5 < raw_int(st, "SELECT max(spell_id) FROM spell") / 2);
	testdb_ok(s40_store_spell_paid_load(st, S40_NAME_INDEX_BUILD, &ctx), &ctx);
	testdb_ok(s40_store_commit(st, &ctx), &ctx);

	assert_int_equal(raw_int(st, "SELECT count(*) FROM spell_paid"), 14);
	assert_int_equal(raw_int(st, "SELECT count(*) FROM spell_paid_load"), 0);
	/* Every spell has its row, with its member, village, start and end. */
	assert_int_equal(raw_int(st, "SELECT count(*) FROM spell s JOIN spell_paid p "
				     "ON p.spell_id = s.spell_id AND p.person = s.person "
				     "AND p.province = s.province AND p.village = s.village "
				     "AND p.start_day = s.start_day "
				     "AND coalesce(p.end_day, -1) = coalesce(s.end_day, -1)"),
			 14);
	s40_store_close(st);
	e->drop(uri);
}

static void test_stmt_reuse(void **state)
{
	const struct engine_case *e = *state;
	char uri[TESTDB_URI_MAX];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = open_fresh(e, uri, sizeof uri);
	testdb_ok(area_insert(st, 75, 1, "สมุทรสงคราม", &ctx), &ctx);
	testdb_ok(area_insert(st, 7501, 2, "เมืองสมุทรสงคราม", &ctx), &ctx);
	testdb_ok(area_insert(st, 7502, 2, "บางคนที", &ctx), &ctx);
	testdb_ok(area_insert(st, 7503, 2, "อัมพวา", &ctx), &ctx);

	/* Read part of a result, then ask for the query again: the same
	 * prepared statement, reset, with no bindings left. */
	struct s40_stmt *a = s40_store_stmt(st, S40_Q_AREA_CHILDREN, &ctx);
	assert_non_null(a);
	s40_stmt_int64(a, 1, 75);
	assert_int_equal(s40_stmt_step(a, &ctx), S40_ROW);
	assert_int_equal(s40_col_int64(a, 0), 7501);
	assert_int_equal(s40_stmt_step(a, &ctx), S40_ROW);
	assert_int_equal(s40_col_int64(a, 0), 7502);
	struct s40_stmt *b = s40_store_stmt(st, S40_Q_AREA_CHILDREN, &ctx);
	assert_ptr_equal(a, b);
	/* No binding: parent IS NULL, the provinces. */
	assert_int_equal(s40_stmt_step(b, &ctx), S40_ROW);
	assert_int_equal(s40_col_int64(b, 0), 75);
	assert_true(s40_col_null(b, 2));
	assert_int_equal(s40_col_int64_or(b, 2, -7), -7);
	assert_int_equal(s40_stmt_step(b, &ctx), S40_OK);

	/* Many runs with other bindings. */
	for (int k = 0; k < 50; k++) {
		int32_t code = 7501 + k % 3;
		struct s40_stmt *g = s40_store_stmt(st, S40_Q_AREA_GET, &ctx);
		assert_non_null(g);
		s40_stmt_int64(g, 1, code);
		assert_int_equal(s40_stmt_step(g, &ctx), S40_ROW);
		assert_int_equal(s40_col_int64(g, 0), code);
		assert_int_equal(s40_col_int64(g, 1), 2);
		assert_int_equal(s40_col_int64_or(g, 2, 0), 75);
		if (k % 2) /* leave every other one unfinished */
			assert_int_equal(s40_stmt_step(g, &ctx), S40_OK);
	}
	/* A statement that failed is usable again. */
	assert_int_equal(area_insert(st, 7501, 2, "ซ้ำ", &ctx), S40_E_CONSTRAINT);
	testdb_ok(area_insert(st, 7504, 2, "ใหม่", &ctx), &ctx);
	struct s40_stmt *c = s40_store_stmt(st, S40_Q_AREA_COUNT, &ctx);
	assert_int_equal(s40_stmt_step(c, &ctx), S40_ROW);
	assert_int_equal(s40_col_int64(c, 0), 5);
	s40_stmt_reset(c);

	/* Blobs and text round-trip through the journal's queries. */
	uint8_t h[S40_HASH_LEN];
	for (int k = 0; k < S40_HASH_LEN; k++)
		h[k] = (uint8_t)(k * 7);
	struct s40_stmt *j = s40_store_stmt(st, S40_Q_JOURNAL_APPEND, &ctx);
	s40_stmt_int64(j, 1, 1);
	s40_stmt_int64(j, 2, 1234567890);
	s40_stmt_text(j, 3, "ผู้ทดสอบ");
	s40_stmt_text(j, 4, "test.op");
	s40_stmt_text(j, 5, "test:1");
	s40_stmt_text(j, 6, "{}");
	s40_stmt_blob(j, 7, h, sizeof h);
	s40_stmt_blob(j, 8, h, sizeof h);
	testdb_ok(s40_stmt_exec(j, &ctx), &ctx);
	j = s40_store_stmt(st, S40_Q_JOURNAL_ALL, &ctx);
	assert_int_equal(s40_stmt_step(j, &ctx), S40_ROW);
	assert_int_equal(s40_col_int64(j, 1), 1234567890);
	assert_string_equal(s40_col_text(j, 2), "ผู้ทดสอบ");
	size_t n;
	const void *blob = s40_col_blob(j, 7, &n);
	assert_int_equal(n, S40_HASH_LEN);
	assert_memory_equal(blob, h, S40_HASH_LEN);
	assert_int_equal(s40_stmt_step(j, &ctx), S40_OK);
	s40_store_close(st);
	e->drop(uri);
}

int main(void)
{
	static const struct {
		const char *name;
		CMUnitTestFunction fn;
	} cases[] = {
		{ "open_missing", test_open_missing },
		{ "schema_version", test_schema_version },
		{ "reopen_keeps_data", test_reopen_keeps_data },
		{ "schema_newer", test_schema_newer },
		{ "data_version", test_data_version },
		{ "rollback_and_commit", test_rollback_and_commit },
		{ "constraints", test_constraints },
		{ "stmt_reuse", test_stmt_reuse },
		{ "paid_load_mend", test_paid_load_mend },
	};
	enum {
		N_CASES = sizeof cases / sizeof cases[0]
	};
	if (testdb_pg_base())
		engines[n_engines++] = (struct engine_case){ "postgres", pg_fresh, pg_missing,
							     pg_drop, pg_latest };
	/* Each case once per engine, named "case [engine]". */
	static char names[2][N_CASES][64];
	struct CMUnitTest tests[2 * N_CASES];
	size_t n = 0;
	for (size_t k = 0; k < n_engines; k++)
		for (size_t c = 0; c < N_CASES; c++) {
			snprintf(names[k][c], sizeof names[k][c], "%s [%s]", cases[c].name,
				 engines[k].name);
			tests[n++] = (struct CMUnitTest){ .name = names[k][c],
							  .test_func = cases[c].fn,
							  .teardown_func = drop_all,
							  .initial_state = &engines[k] };
		}
	return _cmocka_run_group_tests("store", tests, n, NULL, NULL);
}
