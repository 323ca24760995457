/*
 * Unit tests of lib/registry/target.c: setting a target, allocation by hand that
 * does not add up (refused, nothing written) and that does, allocation by
 * weight (largest remainder, adding up exactly), the rule that an allocated
 * target is changed from its parent, and the allocation below a changed target
 * being removed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/journal.h"
#include "registry/target.h"
#include "testdb.h"

static int64_t tget(struct testdb *t, int fy, int32_t area)
{
	struct s40_target x;
	int found = 0;
	testdb_ok(s40_target_get(t->st, fy, area, &x, &found, &t->ctx), &t->ctx);
	return found ? x.n : -1;
}

static size_t tcount(struct testdb *t, int fy)
{
	struct s40_target *v;
	size_t n;
	testdb_ok(s40_target_list(t->st, fy, 0, &v, &n, &t->ctx), &t->ctx);
	free(v);
	return n;
}

static void test_set_and_hand_allocation(void **state)
{
	struct testdb *t = *state;
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 2878, NULL, &t->ctx), &t->ctx);
	assert_int_equal(tget(t, 2562, 75), 2878);
	int64_t seq = testdb_journal_last(t->st);
	/* The same again changes nothing. */
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 2878, NULL, &t->ctx), &t->ctx);
	assert_int_equal(testdb_journal_last(t->st), seq);

	/* Does not add up: refused, nothing written. */
	struct s40_alloc bad[3] = { { 7501, 1000 }, { 7502, 900 }, { 7503, 900 } };
	assert_int_equal(s40_target_allocate(&t->reg, 2562, 75, bad, 3, NULL, &t->ctx),
			 S40_E_ALLOC_SUM);
	assert_non_null(strstr(t->ctx.msg_en, "2800"));
	assert_non_null(strstr(t->ctx.msg_en, "2878"));
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_int_equal(tcount(t, 2562), 1);
	/* Not a child; given twice; negative. */
	struct s40_alloc odd[2] = { { 1001, 10 }, { 7501, 5 } };
	assert_int_equal(s40_target_allocate(&t->reg, 2562, 75, odd, 1, NULL, &t->ctx),
			 S40_E_BAD_AREA);
	odd[0].area = 7501;
	assert_int_equal(s40_target_allocate(&t->reg, 2562, 75, odd, 2, NULL, &t->ctx),
			 S40_E_BAD_VALUE);
	assert_int_equal(tcount(t, 2562), 1);

	struct s40_alloc good[3] = { { 7501, 1000 }, { 7502, 900 }, { 7503, 978 } };
	testdb_ok(s40_target_allocate(&t->reg, 2562, 75, good, 3, NULL, &t->ctx), &t->ctx);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);
	assert_int_equal(tget(t, 2562, 7503), 978);
	/* Moving 10 from one district to another: the others keep theirs. */
	struct s40_alloc move[2] = { { 7501, 990 }, { 7502, 910 } };
	testdb_ok(s40_target_allocate(&t->reg, 2562, 75, move, 2, NULL, &t->ctx), &t->ctx);
	assert_int_equal(tget(t, 2562, 7501), 990);
	assert_int_equal(tget(t, 2562, 7503), 978);
	/* Changing one alone cannot add up. */
	struct s40_alloc one[1] = { { 7501, 991 } };
	assert_int_equal(s40_target_allocate(&t->reg, 2562, 75, one, 1, NULL, &t->ctx),
			 S40_E_ALLOC_SUM);
	assert_int_equal(tget(t, 2562, 7501), 990);

	/* A district's target comes from the province's allocation. */
	assert_int_equal(s40_target_set(&t->reg, 2562, 7501, 5, NULL, &t->ctx),
			 S40_E_TARGET_ALLOCATED);
	/* Allocating without a target is refused. */
	assert_int_equal(s40_target_allocate(&t->reg, 2563, 75, good, 3, NULL, &t->ctx),
			 S40_E_NO_TARGET);

	/* Sub-allocate a district, then change the province: everything below goes. */
	struct s40_alloc sub[1] = { { 750101, 990 } };
	testdb_ok(s40_target_allocate(&t->reg, 2562, 7501, sub, 1, NULL, &t->ctx), &t->ctx);
	assert_int_equal(tcount(t, 2562), 5);
	long cleared = 0;
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 3000, &cleared, &t->ctx), &t->ctx);
	assert_int_equal(cleared, 4);
	assert_int_equal(tcount(t, 2562), 1);
	int fy = 0, found = 0;
	testdb_ok(s40_target_latest_fy(t->st, 75, s40_day_from_ymd(2019, 10, 31), &fy, &found,
				       &t->ctx),
		  &t->ctx);
	assert_true(found);
	assert_int_equal(fy, 2562);
	testdb_ok(s40_target_latest_fy(t->st, 75, s40_day_from_ymd(2018, 9, 30), &fy, &found,
				       &t->ctx),
		  &t->ctx);
	assert_false(found);
}

static void test_weighted_adds_up(void **state)
{
	struct testdb *t = *state;
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 100, NULL, &t->ctx), &t->ctx);
	struct s40_alloc w[3] = { { 7501, 1 }, { 7502, 1 }, { 7503, 1 } };
	testdb_ok(s40_target_allocate_weighted(&t->reg, 2562, 75, w, 3, NULL, &t->ctx), &t->ctx);
	assert_int_equal(tget(t, 2562, 7501), 34); /* the tie goes to the lower code */
	assert_int_equal(tget(t, 2562, 7502), 33);
	assert_int_equal(tget(t, 2562, 7503), 33);
	struct s40_alloc w2[3] = { { 7501, 5 }, { 7502, 3 }, { 7503, 0 } };
	testdb_ok(s40_target_allocate_weighted(&t->reg, 2562, 75, w2, 3, NULL, &t->ctx), &t->ctx);
	assert_int_equal(tget(t, 2562, 7501), 63); /* 62.5 and 37.5: the tie to 7501 */
	assert_int_equal(tget(t, 2562, 7502), 37);
	assert_int_equal(tget(t, 2562, 7503), 0);
	struct s40_alloc zero[1] = { { 7501, 0 } };
	assert_int_equal(s40_target_allocate_weighted(&t->reg, 2562, 75, zero, 1, NULL, &t->ctx),
			 S40_E_NO_SHARE);
	assert_int_equal(tget(t, 2562, 7501), 63);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_and_hand_allocation, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_weighted_adds_up, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
