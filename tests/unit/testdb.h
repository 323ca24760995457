/*
 * testdb.h — a fresh database for one unit test, opened through the store with
 * the geography loaded, and a registry context on it acting as "tester" on
 * 1 Jan 2026 with a fixed clock.
 *
 * The engine is chosen by the environment, as tests/run.sh runs the programs
 * twice:
 *   - without S40_TEST_PG, a temporary SQLite file under /tmp;
 *   - with S40_TEST_PG, the URI of a PostgreSQL cluster's maintenance database
 *     (tests/pg.sh sets it), a new database on that cluster.
 *
 * The geography is loaded into a template, and each test gets a copy of it, so
 * a test starts from the same state as s40_store_open(create) +
 * s40_areas_load, only faster:
 *   - SQLite: a template file made once per program, byte-copied for each
 *     test; every file is removed at teardown, the template at exit;
 *   - PostgreSQL: a template database s40_tpl_HASH made once per cluster by
 *     the first program that needs it (HASH: of the files built into the
 *     program, the migrations and the geography) and left there for the
 *     others, since loading the geography row by row takes PostgreSQL
 *     seconds; each test gets CREATE DATABASE s40_t_PID_RANDOM_N TEMPLATE it,
 *     dropped at teardown. The cluster is tests/pg.sh's, removed at the end.
 *
 * Use as cmocka setup/teardown: the state is a struct testdb *. A test that
 * looks at the SQLite file itself (with the sqlite3 API) uses
 * testdb_setup_sqlite, which gives a SQLite file whatever the environment.
 * Tests may use libpq and sqlite3 directly; lib/ may not.
 */
#ifndef S40_TESTS_TESTDB_H
#define S40_TESTS_TESTDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "registry/person.h"
#include "registry/registry.h"
#include "store/store.h"

#define TESTDB_NOW 1767225600 /* 2026-01-01 00:00:00 UTC, the journal's clock */

/* Room for a database location: a file path or a PostgreSQL URI. */
#define TESTDB_URI_MAX 512

struct testdb {
	char uri[TESTDB_URI_MAX]; /* the database: a SQLite file path or a PostgreSQL URI */
	char pg_name[64]; /* the PostgreSQL database's name; "" for SQLite */
	struct s40_store *st; /* open on uri */
	struct s40_reg reg; /* today = 2026-01-01, now = TESTDB_NOW */
	struct s40_ctx ctx; /* cleared before each test */
};

/* cmocka setup: *state becomes a struct testdb with areas loaded, on the
 * engine the environment chooses (see above). */
int testdb_setup(void **state);

/* The same on a SQLite file, whatever the environment. */
int testdb_setup_sqlite(void **state);

/* cmocka teardown: closes the store and removes its database. */
int testdb_teardown(void **state);

/* Whether t is a PostgreSQL database. */
static inline bool testdb_is_pg(const struct testdb *t)
{
	return t->pg_name[0] != '\0';
}

/* Run sql (one or more statements) on t's database through a connection of
 * its own (sqlite3 or libpq), behind the store's back. 0 on success; else -1
 * with the engine's message in err. */
int testdb_exec(const struct testdb *t, const char *sql, char *err, size_t n);

/* --- SQLite files --- */

/* Make a temporary file name under /tmp (the file exists, empty); 0 on success. */
int testdb_tempfile(char *path, size_t n);

/* Remove path and its -wal, -shm and -journal companions. */
void testdb_remove(const char *path);

/* --- PostgreSQL databases on the cluster of S40_TEST_PG --- */

/* S40_TEST_PG, or NULL when it is not set (or empty). */
const char *testdb_pg_base(void);

/* The URI of database name on that cluster: S40_TEST_PG with its database
 * replaced by name. 0, or -1 without S40_TEST_PG or when it does not fit. */
int testdb_pg_uri(const char *name, char *uri, size_t n);

/* A database name not used before by this program, "s40_PREFIX_PID_RANDOM_N"
 * (at most 63 bytes): nothing is created. */
void testdb_pg_name(const char *prefix, char *name, size_t n);

/* CREATE DATABASE name (TEMPLATE template when not NULL); 0 on success, else
 * -1 with PostgreSQL's message on stderr. */
int testdb_pg_create(const char *name, const char *template_name);

/* DROP DATABASE IF EXISTS name, ending the sessions still on it. */
void testdb_pg_drop(const char *name);

/* Run sql on database name (NULL: the maintenance database) through a new
 * connection; 0 on success, else -1 with the message in err. */
int testdb_pg_exec(const char *name, const char *sql, char *err, size_t n);

/* --- the register --- */

/* A valid national ID whose first 12 digits are those of d12 (a 12-digit number). */
int64_t testdb_natid(int64_t d12);

/* The last journal sequence number (0 when the journal is empty). */
int64_t testdb_journal_last(struct s40_store *st);

/* Rows in the spell table for person (0 for everyone). */
int64_t testdb_n_spells(struct s40_store *st, int64_t person);

/* Fill p: Thai nationality, born on birth_day, living in village. */
void testdb_person(struct s40_person *p, int64_t id, const char *first_th, const char *last_th,
		   int32_t birth_day, int32_t village);

/* Register a person as testdb_person fills it; fails the test on error. */
void testdb_add_person(struct testdb *t, int64_t id, const char *first_th, const char *last_th,
		       int32_t birth_day, int32_t village);

/* Assert that rc is S40_OK, printing ctx's English detail if it is not. */
#define testdb_ok(rc, ctx) testdb_ok_at((rc), (ctx), __FILE__, __LINE__)
void testdb_ok_at(enum s40_err rc, const struct s40_ctx *ctx, const char *file, int line);

#endif
