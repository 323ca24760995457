/*
 * testdb.h — a fresh database for one unit test: a temporary SQLite file under
 * /tmp opened through the store with the geography loaded, and a registry
 * context on it acting as "tester" on 1 Jan 2026 with a fixed clock.
 *
 * The geography is loaded once per test program into a template file; each
 * test gets a byte copy of it, so a test starts from the same state as
 * s40_store_open(create) + s40_areas_load, only faster. Every file is removed
 * at teardown (the template at exit).
 *
 * Use as cmocka setup/teardown: the state is a struct testdb *.
 */
#ifndef S40_TESTS_TESTDB_H
#define S40_TESTS_TESTDB_H

#include <stdint.h>

#include "core/error.h"
#include "registry/person.h"
#include "registry/registry.h"
#include "store/store.h"

#define TESTDB_NOW 1767225600 /* 2026-01-01 00:00:00 UTC, the journal's clock */

struct testdb {
	char path[64]; /* the database file */
	struct s40_store *st; /* open on path */
	struct s40_reg reg; /* today = 2026-01-01, now = TESTDB_NOW */
	struct s40_ctx ctx; /* cleared before each test */
};

/* cmocka setup: *state becomes a struct testdb with areas loaded. */
int testdb_setup(void **state);

/* cmocka teardown: closes the store and removes its files. */
int testdb_teardown(void **state);

/* Make a temporary file name under /tmp (the file exists, empty); 0 on success. */
int testdb_tempfile(char *path, size_t n);

/* Remove path and its -wal, -shm and -journal companions. */
void testdb_remove(const char *path);

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
