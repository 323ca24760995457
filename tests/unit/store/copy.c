/*
 * Unit tests of lib/store/copy.c: the catalogue holds every table and column
 * of the schema in foreign-key order (read from SQLite's own description of a
 * freshly migrated database, so that a migration that adds a column fails
 * here until the catalogue has it too); a copy carries every row of every
 * table, NULLs, empty text and blobs as they are, the journal verifies on the
 * copy and the next key follows the copied ones; a destination that holds
 * data is refused and one that fails part-way is left as it was.
 *
 * With S40_TEST_PG (tests/pg.sh) the round trip SQLite → PostgreSQL → SQLite
 * runs too and must give back the same rows. The source of every copy is a
 * SQLite file whatever the environment (testdb_setup_sqlite), since the tests
 * read it with sqlite3.
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
#include <sqlite3.h>

#include "core/date.h"
#include "registry/journal.h"
#include "store/copy.h"
#include "store/store.h"
#include "testdb.h"

#define VILLAGE 75030702 /* หมู่ 2 แควอ้อม, อัมพวา, สมุทรสงคราม */

/* ---- SQLite's view of the files, which only a test may take ---- */

static sqlite3 *sq_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return db;
}

static int64_t sq_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void sq_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* Rows of table in file path. */
static int64_t count_rows(const char *path, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	sqlite3 *db = sq_open(path);
	int64_t n = sq_int(db, sql);
	sqlite3_close(db);
	return n;
}

/* Assert that every table of the catalogue holds the same rows in files a and
 * b: the same count and no row of one missing from the other (EXCEPT tells 1
 * from '1', '' from NULL and blobs byte by byte). */
static void assert_same_rows(const char *a, const char *b)
{
	sqlite3 *db = sq_open(a);
	char sql[512];
	snprintf(sql, sizeof sql, "ATTACH '%s' AS other", b);
	sq_exec(db, sql);
	for (size_t i = 0; i < s40_copy_n_tables; i++) {
		const char *t = s40_copy_tables[i].name;
		snprintf(sql, sizeof sql,
			 "SELECT (SELECT count(*) FROM main.\"%s\") - (SELECT count(*) FROM "
			 "other.\"%s\") + (SELECT count(*) FROM (SELECT * FROM main.\"%s\" EXCEPT "
			 "SELECT * FROM other.\"%s\")) + (SELECT count(*) FROM (SELECT * FROM "
			 "other.\"%s\" EXCEPT SELECT * FROM main.\"%s\"))",
			 t, t, t, t, t, t);
		if (sq_int(db, sql) != 0)
			fail_msg("table %s differs between %s and %s", t, a, b);
	}
	sqlite3_close(db);
}

/* ---- a database with a row in every table ---- */

/* Run named query q with the int64 parameters given (INT64_MIN binds NULL),
 * returning the first column of its row, if any (else 0). */
static int64_t q_ints(struct s40_store *st, enum s40_q q, int n, ...)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, q, &ctx);
	assert_non_null(s);
	va_list ap;
	va_start(ap, n);
	for (int i = 1; i <= n; i++)
		s40_stmt_int64_or_null(s, i, va_arg(ap, int64_t), INT64_MIN);
	va_end(ap);
	int rc = s40_stmt_step(s, &ctx);
	int64_t v = 0;
	if (rc == S40_ROW) {
		v = s40_col_int64(s, 0);
		rc = s40_stmt_exec(s, &ctx);
	}
	testdb_ok((enum s40_err)rc, &ctx);
	return v;
}

/* The statement of q for binding by hand. */
static struct s40_stmt *q_stmt(struct s40_store *st, enum s40_q q)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, q, &ctx);
	assert_non_null(s);
	return s;
}

/* Run s to its end; the first column of its row, if any (else 0). */
static int64_t q_run(struct s40_stmt *s)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int rc = s40_stmt_step(s, &ctx);
	int64_t v = 0;
	if (rc == S40_ROW) {
		v = s40_col_int64(s, 0);
		rc = s40_stmt_exec(s, &ctx);
	}
	testdb_ok((enum s40_err)rc, &ctx);
	return v;
}

static void add_person(struct s40_store *st, int64_t id, const char *first, const char *address)
{
	struct s40_stmt *s = q_stmt(st, S40_Q_PERSON_INSERT);
	s40_stmt_int64(s, 1, id);
	s40_stmt_text(s, 2, "นาย");
	s40_stmt_text(s, 3, first);
	s40_stmt_text(s, 4, "ใจดี");
	s40_stmt_text(s, 5, NULL);
	s40_stmt_text(s, 6, NULL);
	s40_stmt_int64(s, 7, s40_day_from_ymd(1987, 5, 12));
	s40_stmt_int64(s, 8, 1);
	s40_stmt_int64(s, 9, 1);
	s40_stmt_int64(s, 10, VILLAGE);
	s40_stmt_text(s, 11, "0812345678");
	s40_stmt_text(s, 12, address);
	s40_stmt_int64(s, 13, 1);
	q_run(s);
}

/*
 * Fill t's database (areas loaded) with at least one row in every table of
 * the schema, through the named queries and the journal, in one transaction:
 * Thai text, NULLs, an empty text that is not NULL, and blobs with zero bytes.
 */
static void fill_every_table(struct testdb *t)
{
	struct s40_store *st = t->st;
	struct s40_ctx *ctx = &t->ctx;
	int64_t a = testdb_natid(111203456356), b = testdb_natid(375039499840);
	int32_t day = s40_day_from_ymd(2019, 10, 1);
	int32_t month = s40_month_from_ym(2019, 10);
	testdb_ok(s40_reg_begin(&t->reg, ctx), ctx);
	int64_t seq = 0;
	testdb_ok(s40_journal_append(&t->reg, "test.fill", "person:1112034563562",
				     "{\"note\":\"ทดสอบ\"}", &seq, ctx),
		  ctx);
	testdb_ok(s40_journal_append(&t->reg, "test.fill", "person:3750394998403", NULL, &seq, ctx),
		  ctx);

	add_person(st, a, "สมชาย", ""); /* an address that is empty, not NULL */
	add_person(st, b, "สมหญิง", NULL);

	struct s40_stmt *s = q_stmt(st, S40_Q_EVENT_INSERT);
	s40_stmt_int64(s, 1, day);
	s40_stmt_int64(s, 2, VILLAGE);
	s40_stmt_int64(s, 3, 75);
	s40_stmt_int64(s, 4, 3);
	s40_stmt_text(s, 5, "ศาลาหมู่บ้าน");
	s40_stmt_text(s, 6, NULL);
	s40_stmt_int64(s, 7, seq);
	int64_t event = q_run(s);

	s = q_stmt(st, S40_Q_SPELL_INSERT);
	s40_stmt_int64(s, 1, a);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, VILLAGE);
	s40_stmt_int64(s, 4, day - 400);
	s40_stmt_int64(s, 5, 1);
	s40_stmt_null(s, 6);
	s40_stmt_text(s, 7, NULL);
	s40_stmt_int64(s, 8, seq);
	int64_t ended = q_run(s);
	q_ints(st, S40_Q_SPELL_END, 4, ended, (int64_t)day - 100, (int64_t)2, seq);
	s = q_stmt(st, S40_Q_SPELL_INSERT);
	s40_stmt_int64(s, 1, a);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, VILLAGE);
	s40_stmt_int64(s, 4, day);
	s40_stmt_int64(s, 5, 2);
	s40_stmt_int64(s, 6, b);
	s40_stmt_text(s, 7, "อาสาสมัคร");
	s40_stmt_int64(s, 8, seq);
	int64_t spell = q_run(s);
	q_ints(st, S40_Q_SPELL_SET_EVENT, 2, spell, event);
	q_ints(st, S40_Q_OPTCHG_INSERT, 6, spell, (int64_t)day + 20, (int64_t)month + 1, (int64_t)2,
	       (int64_t)3, seq);

	s = q_stmt(st, S40_Q_EXCL_INSERT);
	s40_stmt_int64(s, 1, b);
	s40_stmt_int64(s, 2, 1);
	s40_stmt_null(s, 3);
	s40_stmt_int64(s, 4, day - 1000);
	s40_stmt_text(s, 5, "สปส.");
	s40_stmt_int64(s, 6, seq);
	q_run(s);

	s = q_stmt(st, S40_Q_PAY_INSERT);
	s40_stmt_int64(s, 1, a);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_text(s, 3, "CS-0001");
	s40_stmt_int64(s, 4, day);
	s40_stmt_int64(s, 5, 2);
	s40_stmt_int64(s, 6, month);
	s40_stmt_int64(s, 7, month);
	s40_stmt_int64(s, 8, 10000);
	s40_stmt_int64(s, 9, 0);
	s40_stmt_int64(s, 10, seq);
	int64_t payment = q_run(s);
	q_ints(st, S40_Q_LEDGER_INSERT, 10, a, (int64_t)month, (int64_t)75, (int64_t)VILLAGE, spell,
	       (int64_t)2, (int64_t)10000, (int64_t)5000, (int64_t)0, payment);
	q_ints(st, S40_Q_BENEFIT_INSERT, 6, a, (int64_t)1, (int64_t)day + 30, (int64_t)3,
	       (int64_t)90000, seq);

	int64_t survey = q_ints(st, S40_Q_SURVEY_INSERT, 3, (int64_t)VILLAGE, (int64_t)day, seq);
	q_ints(st, S40_Q_SURVEY_RES_PUT, 5, survey, a, (int64_t)1, INT64_MIN, seq);
	q_ints(st, S40_Q_SURVEY_RES_PUT, 5, survey, b, (int64_t)7, (int64_t)2, seq);
	q_ints(st, S40_Q_TARGET_PUT, 5, (int64_t)2563, (int64_t)75, (int64_t)100, (int64_t)1, seq);

	s = q_stmt(st, S40_Q_USER_INSERT);
	s40_stmt_text(s, 1, "officer75");
	s40_stmt_int64(s, 2, 2);
	s40_stmt_int64(s, 3, 75);
	s40_stmt_null(s, 4);
	s40_stmt_text(s, 5, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
	s40_stmt_int64(s, 6, TESTDB_NOW);
	s40_stmt_int64(s, 7, seq);
	int64_t user = q_run(s);
	static const unsigned char token[32] = { 0, 1, 2, 0, 0xff, 0x80, 'x', 0 };
	s = q_stmt(st, S40_Q_SESSION_INSERT);
	s40_stmt_blob(s, 1, token, sizeof token);
	s40_stmt_int64(s, 2, user);
	s40_stmt_int64(s, 3, TESTDB_NOW);
	s40_stmt_int64(s, 4, TESTDB_NOW + 3600);
	s40_stmt_text(s, 5, "127.0.0.1");
	q_run(s);
	s = q_stmt(st, S40_Q_THROTTLE_PUT);
	s40_stmt_text(s, 1, "user:officer75");
	s40_stmt_int64(s, 2, 2);
	s40_stmt_int64(s, 3, TESTDB_NOW);
	s40_stmt_int64(s, 4, 0);
	q_run(s);

	s = q_stmt(st, S40_Q_NET_INSERT);
	s40_stmt_int64(s, 1, a);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, 1);
	s40_stmt_int64(s, 4, VILLAGE);
	s40_stmt_int64(s, 5, b);
	s40_stmt_int64(s, 6, day - 10);
	s40_stmt_int64(s, 7, seq);
	q_run(s);
	q_ints(st, S40_Q_EVENT_STAFF_ADD, 2, event, a);

	/* Follow-up: b assigned to a; a call on b with a Thai note. */
	s = q_stmt(st, S40_Q_FU_ASSIGN_SET);
	s40_stmt_int64(s, 1, b);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, a);
	s40_stmt_int64(s, 4, day);
	s40_stmt_int64(s, 5, seq);
	q_run(s);
	s = q_stmt(st, S40_Q_FU_CALL_ADD);
	s40_stmt_int64(s, 1, b);
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, day + 1);
	s40_stmt_int64(s, 4, 2);
	s40_stmt_int64(s, 5, a);
	s40_stmt_text(s, 6, "รับปากว่าจะชำระ สิ้นเดือน");
	s40_stmt_int64(s, 7, seq);
	q_run(s);

	s = q_stmt(st, S40_Q_META_SET);
	s40_stmt_text(s, 1, "campaign.full_threshold");
	s40_stmt_text(s, 2, "9000");
	q_run(s);
	testdb_ok(s40_reg_end(&t->reg, S40_OK, ctx), ctx);

	/* Every table has a row now: meta and area too. */
	for (size_t i = 0; i < s40_copy_n_tables; i++)
		if (count_rows(t->uri, s40_copy_tables[i].name) == 0)
			fail_msg("fill_every_table left %s empty", s40_copy_tables[i].name);
}

/* A new, empty s40 database file (only meta), open; its path in path. */
static struct s40_store *fresh_sqlite(char *path, size_t n)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = NULL;
	assert_int_equal(testdb_tempfile(path, n), 0);
	testdb_ok(s40_store_open(path, true, &st, &ctx), &ctx);
	return st;
}

/* ---- the catalogue ---- */

static enum s40_copy_kind kind_of(const char *decl)
{
	if (strcmp(decl, "INTEGER") == 0)
		return S40_COPY_INT;
	if (strcmp(decl, "TEXT") == 0)
		return S40_COPY_TEXT;
	if (strcmp(decl, "BLOB") == 0)
		return S40_COPY_BLOB;
	fail_msg("a column declared %s: give it a kind in lib/store/copy.c", decl);
	return S40_COPY_INT;
}

/* Every table of a freshly migrated database is in the catalogue with its
 * columns in order, their kinds and its primary key, and nothing else is. */
static void test_catalogue_covers_schema(void **state)
{
	(void)state;
	char path[64];
	struct s40_store *st = fresh_sqlite(path, sizeof path);
	s40_store_close(st);
	sqlite3 *db = sq_open(path);
	sqlite3_stmt *tables;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_schema WHERE type = 'table' "
					    "AND name NOT LIKE 'sqlite_%' ORDER BY name",
					    -1, &tables, NULL),
			 SQLITE_OK);
	size_t n_tables = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		const struct s40_copy_table *t = s40_copy_table_find(name);
		if (t == NULL && s40_copy_table_skipped(name))
			continue;
		if (t == NULL)
			fail_msg("table %s is not in lib/store/copy.c's catalogue", name);
		n_tables++;
		char sql[128];
		snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", name);
		sqlite3_stmt *cols;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &cols, NULL), SQLITE_OK);
		size_t i = 0;
		const char *key[S40_COPY_KEY_MAX + 1] = { NULL };
		while (sqlite3_step(cols) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(cols, 1);
			const char *decl = (const char *)sqlite3_column_text(cols, 2);
			int pk = sqlite3_column_int(cols, 5);
			if (i >= t->n_cols || strcmp(t->cols[i].name, col) != 0)
				fail_msg("%s.%s: the catalogue has %s in its place", name, col,
					 i < t->n_cols ? t->cols[i].name : "nothing");
			if (kind_of(decl) != t->cols[i].kind)
				fail_msg("%s.%s is %s; the catalogue has another kind", name, col,
					 decl);
			if (pk > 0) {
				assert_true(pk <= S40_COPY_KEY_MAX);
				key[pk - 1] = t->cols[i].name;
			}
			i++;
		}
		sqlite3_finalize(cols);
		if (i != t->n_cols)
			fail_msg("%s has %zu columns; the catalogue %zu", name, i, t->n_cols);
		for (size_t k = 0; k <= S40_COPY_KEY_MAX; k++) {
			if (key[k] == NULL && t->key[k] == NULL)
				break;
			if (key[k] == NULL || t->key[k] == NULL || strcmp(key[k], t->key[k]) != 0)
				fail_msg("%s: the catalogue's key is not the primary key", name);
		}
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	assert_int_equal(n_tables, s40_copy_n_tables);
	assert_null(s40_copy_table_find("no_such_table"));
	testdb_remove(path);
}

/* A table comes after every table it refers to, meta first. */
static void test_catalogue_fk_order(void **state)
{
	(void)state;
	char path[64];
	struct s40_store *st = fresh_sqlite(path, sizeof path);
	s40_store_close(st);
	sqlite3 *db = sq_open(path);
	assert_string_equal(s40_copy_tables[0].name, "meta");
	for (size_t i = 0; i < s40_copy_n_tables; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "PRAGMA foreign_key_list(\"%s\")",
			 s40_copy_tables[i].name);
		sqlite3_stmt *fk;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &fk, NULL), SQLITE_OK);
		while (sqlite3_step(fk) == SQLITE_ROW) {
			const char *ref = (const char *)sqlite3_column_text(fk, 2);
			const struct s40_copy_table *r = s40_copy_table_find(ref);
			assert_non_null(r);
			if ((size_t)(r - s40_copy_tables) > i)
				fail_msg("%s refers to %s, which the catalogue copies after it",
					 s40_copy_tables[i].name, ref);
		}
		sqlite3_finalize(fk);
	}
	sqlite3_close(db);
	testdb_remove(path);
}

/* ---- copies ---- */

/* Progress calls: the last count seen per table, and the order tables came in. */
struct seen {
	int64_t last[64];
	size_t order[64];
	size_t n_order;
};

static void progress_note(void *arg, const char *table, int64_t rows)
{
	struct seen *s = arg;
	const struct s40_copy_table *t = s40_copy_table_find(table);
	assert_non_null(t);
	size_t i = (size_t)(t - s40_copy_tables);
	if (s->n_order == 0 || s->order[s->n_order - 1] != i)
		s->order[s->n_order++] = i;
	assert_true(rows >= s->last[i]);
	s->last[i] = rows;
}

/* The next key of a copied table follows the copied ones. */
static void assert_next_spell_key(struct s40_store *st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	testdb_ok(s40_store_begin(st, &ctx), &ctx);
	struct s40_stmt *s = q_stmt(st, S40_Q_SPELL_INSERT);
	s40_stmt_int64(s, 1, testdb_natid(375039499840));
	s40_stmt_int64(s, 2, 75);
	s40_stmt_int64(s, 3, VILLAGE);
	s40_stmt_int64(s, 4, s40_day_from_ymd(2020, 1, 1));
	s40_stmt_int64(s, 5, 1);
	s40_stmt_null(s, 6);
	s40_stmt_text(s, 7, NULL);
	s40_stmt_int64(s, 8, 2);
	assert_int_equal(q_run(s), 3); /* fill_every_table made spells 1 and 2 */
	s40_store_rollback(st);
}

/* Every row of every table arrives, the journal verifies, and the counts,
 * the progress calls and the next keys are right. */
static void test_copy_sqlite(void **state)
{
	struct testdb *t = *state;
	fill_every_table(t);
	char path[64];
	struct s40_store *to = fresh_sqlite(path, sizeof path);
	int64_t rows[64];
	struct seen seen = { { 0 }, { 0 }, 0 };
	testdb_ok(s40_store_copy(t->st, to, progress_note, &seen, rows, &t->ctx), &t->ctx);
	assert_false(s40_store_in_tx(to));
	assert_false(s40_store_in_tx(t->st));
	assert_int_equal(seen.n_order, s40_copy_n_tables);
	for (size_t i = 0; i < s40_copy_n_tables; i++) {
		assert_int_equal(seen.order[i], i);
		assert_int_equal(rows[i], count_rows(t->uri, s40_copy_tables[i].name));
		assert_int_equal(seen.last[i], rows[i]);
	}
	int64_t n = 0, bad = 0;
	testdb_ok(s40_journal_verify(to, &n, &bad, &t->ctx), &t->ctx);
	assert_int_equal(n, testdb_journal_last(t->st));
	assert_next_spell_key(to);
	s40_store_close(to);
	assert_same_rows(t->uri, path);
	testdb_remove(path);
}

/* A database made by init (it holds the areas) is refused and left alone;
 * so is the copy's own destination once it holds the copy. */
static void test_copy_refuses_data(void **state)
{
	struct testdb *t = *state;
	char path[64];
	struct s40_store *from = fresh_sqlite(path, sizeof path);
	int64_t areas = count_rows(t->uri, "area");
	int64_t rows[64];
	assert_int_equal(s40_store_copy(from, t->st, NULL, NULL, rows, &t->ctx), S40_E_EXISTS);
	assert_string_equal(t->ctx.field, "dest");
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "area"));
	assert_false(s40_store_in_tx(t->st));
	assert_int_equal(rows[1], 0);
	assert_int_equal(count_rows(t->uri, "area"), areas);
	s40_store_close(from);
	testdb_remove(path);

	/* A database with only meta is no obstacle: it is what open(create) makes. */
	struct s40_store *to = fresh_sqlite(path, sizeof path);
	const char *held = "x";
	testdb_ok(s40_store_has_data(to, &held, &t->ctx), &t->ctx);
	assert_null(held);
	testdb_ok(s40_store_copy(t->st, to, NULL, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_store_has_data(to, &held, &t->ctx), &t->ctx);
	assert_string_equal(held, "area");
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_store_copy(t->st, to, NULL, NULL, NULL, &t->ctx), S40_E_EXISTS);
	s40_store_close(to);
	assert_same_rows(t->uri, path);
	testdb_remove(path);
}

/* meta's rows take the source's values over the destination's; a key only
 * the destination has stays. */
static void test_copy_meta(void **state)
{
	struct testdb *t = *state;
	fill_every_table(t);
	char path[64];
	struct s40_store *to = fresh_sqlite(path, sizeof path);
	struct s40_stmt *s = q_stmt(to, S40_Q_META_SET);
	s40_stmt_text(s, 1, "test.dest_only");
	s40_stmt_text(s, 2, "kept");
	q_run(s);
	testdb_ok(s40_store_copy(t->st, to, NULL, NULL, NULL, &t->ctx), &t->ctx);
	s = q_stmt(to, S40_Q_META_GET);
	s40_stmt_text(s, 1, "campaign.full_threshold");
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	assert_string_equal(s40_col_text(s, 0), "9000");
	s40_stmt_reset(s);
	s40_stmt_text(s, 1, "test.dest_only");
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	assert_string_equal(s40_col_text(s, 0), "kept");
	s40_stmt_reset(s);
	s40_store_close(to);
	testdb_remove(path);
}

/* A copy that fails part-way (here a unique index of the destination's refuses
 * its second spell) leaves the destination exactly as it was, and says which
 * table failed. (Not a trigger: a copy into an empty database turns SQLite's
 * triggers off while it builds the names' index once, store.h.) */
static void test_copy_rolls_back(void **state)
{
	struct testdb *t = *state;
	fill_every_table(t);
	char path[64];
	struct s40_store *to = fresh_sqlite(path, sizeof path);
	sqlite3 *db = sq_open(path);
	sq_exec(db, "CREATE UNIQUE INDEX test_one_spell ON spell(province)");
	sqlite3_close(db);
	int64_t rows[64];
	assert_int_equal(s40_store_copy(t->st, to, NULL, NULL, rows, &t->ctx), S40_E_CONSTRAINT);
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "copying table spell"));
	assert_false(s40_store_in_tx(to));
	for (size_t i = 0; i < s40_copy_n_tables; i++)
		assert_int_equal(rows[i], 0);
	assert_int_equal(count_rows(path, "area"), 0);
	assert_int_equal(count_rows(path, "person"), 0);
	db = sq_open(path);
	assert_int_equal(sq_int(db, "SELECT value FROM meta WHERE key = "
				    "'campaign.full_threshold'"),
			 10000);
	sq_exec(db, "DROP INDEX test_one_spell");
	sqlite3_close(db);
	/* Still empty, so the copy can be done again. */
	testdb_ok(s40_store_copy(t->st, to, NULL, NULL, NULL, &t->ctx), &t->ctx);
	s40_store_close(to);
	assert_same_rows(t->uri, path);
	testdb_remove(path);
}

/* A new, empty s40 database on the S40_TEST_PG cluster, open; its name in
 * name (for testdb_pg_drop). NULL without S40_TEST_PG. */
static struct s40_store *fresh_pg(char *name, size_t n)
{
	char uri[TESTDB_URI_MAX];
	testdb_pg_name("copy", name, n);
	if (testdb_pg_uri(name, uri, sizeof uri) != 0)
		return NULL;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st = NULL;
	testdb_ok(s40_store_open(uri, true, &st, &ctx), &ctx);
	assert_string_equal(s40_store_engine_name(st), "postgres");
	return st;
}

/* Rows in table area of st, through the store. */
static int64_t store_n_areas(struct s40_store *st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_COUNT, &ctx);
	assert_non_null(s);
	assert_int_equal(s40_stmt_step(s, &ctx), S40_ROW);
	int64_t n = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return n;
}

/* SQLite → PostgreSQL → PostgreSQL → SQLite gives back every row; the journal
 * verifies on PostgreSQL and its identity sequences follow the copied keys. */
static void test_copy_pg_round_trip(void **state)
{
	struct testdb *t = *state;
	char name[64], name2[64];
	struct s40_store *pg = fresh_pg(name, sizeof name);
	if (pg == NULL)
		skip();
	fill_every_table(t);
	int64_t rows[64];
	testdb_ok(s40_store_copy(t->st, pg, NULL, NULL, rows, &t->ctx), &t->ctx);
	for (size_t i = 0; i < s40_copy_n_tables; i++)
		assert_int_equal(rows[i], count_rows(t->uri, s40_copy_tables[i].name));
	int64_t n = 0, bad = 0;
	testdb_ok(s40_journal_verify(pg, &n, &bad, &t->ctx), &t->ctx);
	assert_int_equal(n, testdb_journal_last(t->st));
	assert_next_spell_key(pg);
	/* And refused a second time. */
	assert_int_equal(s40_store_copy(t->st, pg, NULL, NULL, NULL, &t->ctx), S40_E_EXISTS);

	struct s40_store *pg2 = fresh_pg(name2, sizeof name2);
	testdb_ok(s40_store_copy(pg, pg2, NULL, NULL, rows, &t->ctx), &t->ctx);
	assert_int_equal(rows[7], count_rows(t->uri, "journal"));
	assert_next_spell_key(pg2);
	char path[64];
	struct s40_store *back = fresh_sqlite(path, sizeof path);
	testdb_ok(s40_store_copy(pg2, back, NULL, NULL, NULL, &t->ctx), &t->ctx);
	s40_store_close(back);
	s40_store_close(pg2);
	s40_store_close(pg);
	testdb_pg_drop(name2);
	testdb_pg_drop(name);
	assert_same_rows(t->uri, path);
	testdb_remove(path);
}

/* A copy into PostgreSQL that fails part-way (a trigger refuses the spells;
 * the inserts are pipelined, so the failure comes back after later writes)
 * leaves the destination as it was, and can be done again. */
static void test_copy_pg_rolls_back(void **state)
{
	struct testdb *t = *state;
	char name[64], err[256];
	struct s40_store *pg = fresh_pg(name, sizeof name);
	if (pg == NULL)
		skip();
	fill_every_table(t);
	if (testdb_pg_exec(name,
			   "CREATE FUNCTION test_no_spell() RETURNS trigger LANGUAGE plpgsql AS "
			   "$$ BEGIN RAISE EXCEPTION 'no spells here' USING ERRCODE = "
			   "'check_violation'; END; $$; CREATE TRIGGER test_no_spell BEFORE INSERT "
			   "ON spell FOR EACH ROW EXECUTE FUNCTION test_no_spell()",
			   err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_not_equal(s40_store_copy(t->st, pg, NULL, NULL, NULL, &t->ctx), S40_OK);
	assert_false(s40_store_in_tx(pg));
	assert_int_equal(store_n_areas(pg), 0);
	if (testdb_pg_exec(name, "DROP TRIGGER test_no_spell ON spell", err, sizeof err) != 0)
		fail_msg("%s", err);
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_store_copy(t->st, pg, NULL, NULL, NULL, &t->ctx), &t->ctx);
	assert_int_equal(store_n_areas(pg), count_rows(t->uri, "area"));
	s40_store_close(pg);
	testdb_pg_drop(name);
}

/* Text that is not UTF-8 in an SQLite source (SQLite keeps what it is given)
 * cannot go into PostgreSQL: the copy says which table and row, in both
 * languages, and the destination is left as it was. */
static void test_copy_pg_bad_text(void **state)
{
	struct testdb *t = *state;
	char name[64];
	struct s40_store *pg = fresh_pg(name, sizeof name);
	if (pg == NULL)
		skip();
	fill_every_table(t);
	sqlite3 *db = sq_open(t->uri);
	sq_exec(db, "UPDATE person SET address = CAST(X'34e0b8ff' AS TEXT) "
		    "WHERE id = (SELECT max(id) FROM person)");
	int64_t row = sq_int(db, "SELECT count(*) FROM person");
	sqlite3_close(db);
	assert_int_equal(s40_store_copy(t->st, pg, NULL, NULL, NULL, &t->ctx), S40_E_BAD_VALUE);
	char want[96];
	snprintf(want, sizeof want, "row %lld of table person holds text that is not UTF-8",
		 (long long)row);
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), want));
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_TH), "ไม่ใช่ UTF-8"));
	assert_false(s40_store_in_tx(pg));
	assert_int_equal(store_n_areas(pg), 0);
	s40_store_close(pg);
	testdb_pg_drop(name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_covers_schema),
		cmocka_unit_test(test_catalogue_fk_order),
		cmocka_unit_test_setup_teardown(test_copy_sqlite, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_refuses_data, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_meta, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_rolls_back, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_pg_round_trip, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_pg_rolls_back, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_copy_pg_bad_text, testdb_setup_sqlite,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
