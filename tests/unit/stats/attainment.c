/*
 * Unit tests of lib/stats/attainment.c: new memberships counted at the
 * fiscal-year boundaries (30 Sep and 1 Oct), by the village at enrolment,
 * against the target, at every level.
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
#include "registry/membership.h"
#include "registry/target.h"
#include "stats/attainment.h"
#include "testdb.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t pid(int n)
{
	return testdb_natid(120000000000LL + n);
}

static void member(struct testdb *t, int i, int32_t village, int32_t day)
{
	testdb_add_person(t, pid(i), "ทดสอบ", "เป้าหมาย", ymd(1990, 3, 3), village);
	struct s40_enrol e = { .person = pid(i), .option = 1, .day = day };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
}

static struct s40_attainment att(struct testdb *t, int fy, int32_t area, int32_t day)
{
	struct s40_attainment a;
	testdb_ok(s40_attainment(t->st, NULL, fy, area, day, &a, &t->ctx), &t->ctx);
	return a;
}

static void test_fiscal_year_boundaries(void **state)
{
	struct testdb *t = *state;
	member(t, 1, 75030702, ymd(2018, 9, 30)); /* last day of FY2561 */
	member(t, 2, 75030702, ymd(2018, 10, 1)); /* first day of FY2562 */
	member(t, 3, 75010201, ymd(2019, 9, 30)); /* last day of FY2562 */
	member(t, 4, 75030702, ymd(2019, 10, 1)); /* first day of FY2563 */
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 10, NULL, &t->ctx), &t->ctx);

	assert_int_equal(att(t, 2562, 75, ymd(2018, 9, 30)).achieved, 0);
	assert_int_equal(att(t, 2562, 75, ymd(2018, 10, 1)).achieved, 1);
	assert_int_equal(att(t, 2562, 75, ymd(2019, 9, 29)).achieved, 1);
	assert_int_equal(att(t, 2562, 75, ymd(2019, 9, 30)).achieved, 2);
	struct s40_attainment a = att(t, 2562, 75, ymd(2019, 10, 31));
	assert_int_equal(a.achieved, 2); /* the 1 Oct 2019 enrolment is FY2563's */
	assert_int_equal(a.to_day, ymd(2019, 9, 30));
	assert_true(a.has_target);
	assert_int_equal(a.target, 10);
	assert_int_equal(a.pct, 2000);
	assert_int_equal(a.remaining, 8);
	assert_int_equal(att(t, 2561, 75, ymd(2019, 10, 31)).achieved, 1);
	assert_false(att(t, 2561, 75, ymd(2019, 10, 31)).has_target);
	assert_int_equal(att(t, 2561, 75, ymd(2019, 10, 31)).pct, -1);
	assert_int_equal(att(t, 2563, 75, ymd(2019, 10, 1)).achieved, 1);
	/* Every level: district, subdistrict, village; another district. */
	assert_int_equal(att(t, 2562, 7503, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 750307, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 75030702, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 7501, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 10, ymd(2019, 10, 31)).achieved, 0);
	assert_int_equal(att(t, 2562, 0, ymd(2019, 10, 31)).achieved, 2);
	assert_int_equal(s40_attainment(t->st, NULL, 2019, 75, ymd(2019, 10, 31), &a, &t->ctx),
			 S40_E_BAD_VALUE);
}

static void test_village_at_enrolment_and_index(void **state)
{
	struct testdb *t = *state;
	member(t, 1, 75030702, ymd(2019, 1, 10));
	/* The member moves away later: the spell keeps 75030702. */
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, pid(1), &p, &t->ctx), &t->ctx);
	p.village = 75010201;
	testdb_ok(s40_person_update(&t->reg, &p, NULL, &t->ctx), &t->ctx);
	struct s40_attain_ix *ix;
	testdb_ok(s40_attain_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_attain_count(ix, 7503, ymd(2018, 10, 1), ymd(2019, 9, 30)), 1);
	assert_int_equal(s40_attain_count(ix, 7501, ymd(2018, 10, 1), ymd(2019, 9, 30)), 0);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 1, 11), ymd(2019, 9, 30)), 0);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 1, 10), ymd(2019, 1, 10)), 1);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 2, 1), ymd(2019, 1, 1)), 0);
	s40_attain_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fiscal_year_boundaries, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_village_at_enrolment_and_index, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
