/*
 * Unit tests of lib/registry/registry.c: nesting transactions, and the
 * savepoints of s40_reg_join used by the server's group commit — a failed
 * operation inside a shared transaction is undone alone, even after it wrote.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/journal.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "testdb.h"

#define ID1 1112034563562
#define ID2 3100600445635

/* An operation that writes a journal entry and then fails. */
static enum s40_err write_then_fail(struct s40_reg *reg, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	int64_t seq;
	rc = s40_reg_journal(reg, "test.partial", "test:1", NULL, &seq, ctx);
	if (rc == S40_OK)
		rc = s40_errorf(ctx, S40_E_BAD_VALUE, "x", "ล้มเหลวหลังเขียน", "failed after writing");
	return s40_reg_end(reg, rc, ctx);
}

static void test_join_with_savepoints(void **state)
{
	struct testdb *t = *state;
	int32_t born = s40_day_from_ymd(1990, 1, 1);
	int64_t before = testdb_journal_last(t->st);
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	struct s40_reg reg = t->reg;
	s40_reg_join(&reg, 1);
	struct s40_person p;
	testdb_person(&p, ID1, "หนึ่ง", "ดี", born, 75030702);
	testdb_ok(s40_person_add(&reg, &p, NULL, &t->ctx), &t->ctx);
	assert_int_equal(write_then_fail(&reg, &t->ctx), S40_E_BAD_VALUE);
	assert_true(s40_store_in_tx(t->st));
	testdb_person(&p, ID2, "สอง", "ดี", born, 75030702);
	testdb_ok(s40_person_add(&reg, &p, NULL, &t->ctx), &t->ctx);
	assert_int_equal(reg.depth, 1);
	testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
	/* Both persons are there; the failed operation's entry is not. */
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "test:1", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	s40_journal_entries_free(e, n);
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	testdb_ok(s40_person_get(t->st, ID2, &p, &t->ctx), &t->ctx);
	assert_int_equal(testdb_journal_last(t->st), before + 2);
	int64_t nv = 0, bad = 0;
	testdb_ok(s40_journal_verify(t->st, &nv, &bad, &t->ctx), &t->ctx);
}

static void test_join_without_savepoints_leaves_it_to_the_caller(void **state)
{
	struct testdb *t = *state;
	int64_t before = testdb_journal_last(t->st);
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	struct s40_reg reg = t->reg;
	s40_reg_join(&reg, 0);
	assert_int_equal(write_then_fail(&reg, &t->ctx), S40_E_BAD_VALUE);
	/* Without savepoints the partial write stays until the caller decides. */
	assert_int_equal(testdb_journal_last(t->st), before + 1);
	s40_store_rollback(t->st);
	assert_int_equal(testdb_journal_last(t->st), before);
}

static void test_plain_nesting_unchanged(void **state)
{
	struct testdb *t = *state;
	int64_t before = testdb_journal_last(t->st);
	testdb_ok(s40_reg_begin(&t->reg, &t->ctx), &t->ctx);
	assert_int_equal(write_then_fail(&t->reg, &t->ctx), S40_E_BAD_VALUE);
	/* The outer level decides: it rolls back everything. */
	assert_int_equal(s40_reg_end(&t->reg, S40_E_BAD_VALUE, &t->ctx), S40_E_BAD_VALUE);
	assert_false(s40_store_in_tx(t->st));
	assert_int_equal(testdb_journal_last(t->st), before);
	assert_int_equal(t->reg.depth, 0);
}

static void test_store_savepoints(void **state)
{
	struct testdb *t = *state;
	assert_int_equal(s40_store_savepoint(t->st, "outside", &t->ctx), S40_E_INTERNAL);
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	assert_int_equal(s40_store_savepoint(t->st, "bad name; DROP", &t->ctx), S40_E_INTERNAL);
	testdb_ok(s40_store_savepoint(t->st, "a_1", &t->ctx), &t->ctx);
	testdb_ok(s40_store_rollback_to(t->st, "a_1", &t->ctx), &t->ctx);
	testdb_ok(s40_store_release(t->st, "a_1", &t->ctx), &t->ctx);
	assert_true(s40_store_in_tx(t->st));
	assert_int_equal(s40_store_release(t->st, "never_made", &t->ctx), S40_E_DB);
	s40_store_rollback(t->st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_join_with_savepoints, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_join_without_savepoints_leaves_it_to_the_caller,
						testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_plain_nesting_unchanged, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_store_savepoints, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
