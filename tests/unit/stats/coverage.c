/*
 * Unit tests of lib/stats/coverage.c (with lib/registry/survey.c): a village
 * exactly at the threshold and one resident short; a resident who leaves for
 * Section 33 (no longer eligible: the village becomes covered); a new eligible
 * resident in a later survey (no longer covered); "since when" across surveys;
 * the register winning over the survey where they disagree; a refused survey
 * writing nothing; One Tambon, One Village.
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
#include "registry/exclusion.h"
#include "registry/membership.h"
#include "registry/survey.h"
#include "rules/eligibility.h"
#include "stats/coverage.h"
#include "testdb.h"

#define VIL 75030702
#define VIL2 75030703

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/* The n-th test person's ID. */
static int64_t pid(int n)
{
	return testdb_natid(110000000000LL + n);
}

/* Register persons 1..n in village, Thai, born 1990. */
static void people(struct testdb *t, int from, int to, int32_t village)
{
	for (int i = from; i <= to; i++)
		testdb_add_person(t, pid(i), "ทดสอบ", "ครอบคลุม", ymd(1990, 1, 1 + i % 28), village);
}

static void enrol(struct testdb *t, int i, int32_t day)
{
	struct s40_enrol e = { .person = pid(i), .option = 1, .day = day };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
}

/* Survey residents from..to of village on day with one status. */
static void survey(struct testdb *t, int32_t village, int32_t day, int from, int to, int status)
{
	struct s40_survey_entry v[64];
	size_t n = 0;
	for (int i = from; i <= to; i++)
		v[n++] = (struct s40_survey_entry){ pid(i), status, 0 };
	testdb_ok(s40_survey_add(&t->reg, village, day, v, n, NULL, &t->ctx), &t->ctx);
}

static struct s40_village_cov cov(struct testdb *t, int32_t village, int32_t day)
{
	struct s40_village_cov c;
	testdb_ok(s40_coverage_village_on(t->st, village, day, &c, &t->ctx), &t->ctx);
	return c;
}

static void test_threshold_exact_and_one_short(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 4, VIL);
	survey(t, VIL, ymd(2019, 9, 1), 1, 4, S40_SURVEY_UNINSURED);
	for (int i = 1; i <= 3; i++)
		enrol(t, i, ymd(2019, 9, 10));
	/* Default 100%: three of four is one short. */
	struct s40_village_cov c = cov(t, VIL, ymd(2019, 10, 31));
	assert_int_equal(c.n_eligible, 4);
	assert_int_equal(c.n_members, 3);
	assert_int_equal(c.n_uninsured, 1);
	assert_int_equal(c.coverage, 7500);
	assert_false(c.full);
	assert_int_equal(c.full_since, S40_NO_DAY);
	/* A threshold of exactly 75% is reached; 75.01% is one resident short. */
	testdb_ok(s40_coverage_set_threshold(&t->reg, 7500, &t->ctx), &t->ctx);
	c = cov(t, VIL, ymd(2019, 10, 31));
	assert_true(c.full);
	assert_int_equal(c.full_since, ymd(2019, 9, 10));
	testdb_ok(s40_coverage_set_threshold(&t->reg, 7501, &t->ctx), &t->ctx);
	assert_false(cov(t, VIL, ymd(2019, 10, 31)).full);
	/* Back to 100%: the fourth joins, and the village is covered from that day. */
	testdb_ok(s40_coverage_set_threshold(&t->reg, 10000, &t->ctx), &t->ctx);
	enrol(t, 4, ymd(2019, 10, 5));
	c = cov(t, VIL, ymd(2019, 10, 31));
	assert_true(c.full);
	assert_int_equal(c.full_since, ymd(2019, 10, 5));
	assert_false(cov(t, VIL, ymd(2019, 10, 4)).full);
	/* Out of range thresholds are refused. */
	assert_int_equal(s40_coverage_set_threshold(&t->reg, 0, &t->ctx), S40_E_BAD_VALUE);
	assert_int_equal(s40_coverage_set_threshold(&t->reg, 10001, &t->ctx), S40_E_BAD_VALUE);
}

static void test_leaves_for_s33(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 3, VIL);
	survey(t, VIL, ymd(2019, 9, 1), 1, 3, S40_SURVEY_UNINSURED);
	enrol(t, 1, ymd(2019, 9, 2));
	enrol(t, 2, ymd(2019, 9, 2));
	assert_false(cov(t, VIL, ymd(2019, 10, 31)).full);
	/* Resident 3 starts work under Section 33 on 15 Oct: no longer eligible. */
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	x.person = pid(3);
	x.e.kind = S40_EXCL_S33;
	x.e.start_day = ymd(2019, 10, 15);
	x.e.end_day = S40_NO_DAY;
	testdb_ok(s40_exclusion_add(&t->reg, &x, NULL, NULL, &t->ctx), &t->ctx);
	struct s40_village_cov c = cov(t, VIL, ymd(2019, 10, 31));
	assert_true(c.full);
	assert_int_equal(c.full_since, ymd(2019, 10, 15));
	assert_int_equal(c.n_eligible, 2);
	assert_int_equal(c.n_other_scheme, 1);
	assert_int_equal(c.n_disagree, 3); /* the survey said uninsured of all three */
	assert_false(cov(t, VIL, ymd(2019, 10, 14)).full);
}

static void test_new_resident_in_later_survey(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 3, VIL);
	survey(t, VIL, ymd(2019, 6, 1), 1, 2, S40_SURVEY_UNINSURED);
	enrol(t, 1, ymd(2019, 6, 3));
	enrol(t, 2, ymd(2019, 6, 4));
	assert_true(cov(t, VIL, ymd(2019, 9, 30)).full);
	/* The next survey finds resident 3, uninsured and eligible. */
	struct s40_survey_entry v[3] = { { pid(1), S40_SURVEY_MEMBER, 0 },
					 { pid(2), S40_SURVEY_MEMBER, 0 },
					 { pid(3), S40_SURVEY_UNINSURED, 0 } };
	testdb_ok(s40_survey_add(&t->reg, VIL, ymd(2019, 10, 1), v, 3, NULL, &t->ctx), &t->ctx);
	struct s40_village_cov c = cov(t, VIL, ymd(2019, 10, 31));
	assert_false(c.full);
	assert_int_equal(c.survey_day, ymd(2019, 10, 1));
	assert_int_equal(c.n_uninsured, 1);
	/* The day before, the earlier survey is in force and the village covered. */
	c = cov(t, VIL, ymd(2019, 9, 30));
	assert_true(c.full);
	assert_int_equal(c.full_since, ymd(2019, 6, 4));
	/* Resident 3 joins: covered again, since that day (not since June). */
	enrol(t, 3, ymd(2019, 11, 20));
	c = cov(t, VIL, ymd(2019, 12, 1));
	assert_true(c.full);
	assert_int_equal(c.full_since, ymd(2019, 11, 20));
	/* Before any survey there is nothing to be covered. */
	c = cov(t, VIL, ymd(2019, 5, 31));
	assert_false(c.full);
	assert_int_equal(c.survey_id, 0);
}

static void test_register_over_survey(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 2, VIL);
	/* The survey says both are members; the register has no spell for 2. */
	survey(t, VIL, ymd(2019, 9, 1), 1, 2, S40_SURVEY_MEMBER);
	enrol(t, 1, ymd(2019, 8, 1));
	struct s40_resident_cov *r;
	size_t n;
	testdb_ok(s40_coverage_residents(t->st, VIL, ymd(2019, 10, 31), &r, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		if (r[i].person == pid(1)) {
			assert_int_equal(r[i].cls, S40_COV_MEMBER);
			assert_false(r[i].disagree);
		} else {
			assert_int_equal(r[i].cls, S40_COV_UNINSURED);
			assert_int_equal(r[i].standing, S40_STAND_UNINSURED);
			assert_true(r[i].disagree);
		}
	}
	free(r);
	assert_false(cov(t, VIL, ymd(2019, 10, 31)).full);
}

static void test_nobody_eligible_is_not_covered(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 2, VIL);
	survey(t, VIL, ymd(2019, 9, 1), 1, 2, S40_SURVEY_S33);
	struct s40_village_cov c = cov(t, VIL, ymd(2019, 10, 31));
	assert_int_equal(c.n_eligible, 0);
	assert_int_equal(c.coverage, -1);
	assert_false(c.full);
}

static void test_refused_survey_writes_nothing(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 1, VIL);
	int64_t seq = testdb_journal_last(t->st);
	struct s40_survey_entry v[3] = { { pid(1), S40_SURVEY_UNINSURED, 0 },
					 { pid(2), S40_SURVEY_UNINSURED, 0 }, /* not registered */
					 { 0, 0, 0 } };
	assert_int_equal(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 2, NULL, &t->ctx),
			 S40_E_NOT_FOUND);
	assert_string_equal(t->ctx.field, "resident");
	/* Not eligible without a reason; a reason with another status; a future day. */
	v[0].status = S40_SURVEY_INELIGIBLE;
	assert_int_equal(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 1, NULL, &t->ctx),
			 S40_E_BAD_REASON);
	v[0] = (struct s40_survey_entry){ pid(1), S40_SURVEY_MEMBER, S40_SURVEY_R_AGE };
	assert_int_equal(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 1, NULL, &t->ctx),
			 S40_E_BAD_REASON);
	v[0].reason = 0;
	assert_int_equal(s40_survey_add(&t->reg, VIL, ymd(2027, 1, 1), v, 1, NULL, &t->ctx),
			 S40_E_BAD_VALUE);
	assert_int_equal(s40_survey_add(&t->reg, 750307, ymd(2019, 9, 1), v, 1, NULL, &t->ctx),
			 S40_E_BAD_AREA);
	assert_int_equal(testdb_journal_last(t->st), seq);
	struct s40_survey *sv;
	size_t n;
	testdb_ok(s40_survey_list(t->st, VIL, &sv, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	free(sv);
	/* A good one, then the same again: nothing changes the second time. */
	struct s40_survey_result res;
	testdb_ok(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 1, &res, &t->ctx), &t->ctx);
	assert_int_equal(res.added, 1);
	seq = testdb_journal_last(t->st);
	testdb_ok(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 1, &res, &t->ctx), &t->ctx);
	assert_int_equal(res.unchanged, 1);
	assert_int_equal(testdb_journal_last(t->st), seq);
	/* A changed status updates the same survey. */
	v[0].status = S40_SURVEY_UNINSURED;
	testdb_ok(s40_survey_add(&t->reg, VIL, ymd(2019, 9, 1), v, 1, &res, &t->ctx), &t->ctx);
	assert_int_equal(res.updated, 1);
	testdb_ok(s40_survey_list(t->st, VIL, &sv, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(sv[0].n_residents, 1);
	free(sv);
}

static void test_tambon_achievement(void **state)
{
	struct testdb *t = *state;
	people(t, 1, 2, VIL);
	people(t, 3, 4, VIL2);
	survey(t, VIL, ymd(2019, 9, 1), 1, 2, S40_SURVEY_UNINSURED);
	survey(t, VIL2, ymd(2019, 9, 1), 3, 4, S40_SURVEY_UNINSURED);
	enrol(t, 1, ymd(2019, 9, 5));
	enrol(t, 3, ymd(2019, 9, 5));
	struct s40_tambon_cov *v;
	size_t n;
	testdb_ok(s40_coverage_tambons(t->st, 750307, ymd(2019, 10, 31), &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_false(v[0].achieved);
	assert_int_equal(v[0].n_surveyed, 2);
	free(v);
	enrol(t, 4, ymd(2019, 10, 20));
	testdb_ok(s40_coverage_tambons(t->st, 7503, ymd(2019, 10, 31), &v, &n, &t->ctx), &t->ctx);
	int found = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].subdistrict == 750307) {
			found = 1;
			assert_true(v[i].achieved);
			assert_int_equal(v[i].n_full, 1);
		} else {
			assert_false(v[i].achieved);
		}
	assert_true(found);
	free(v);
	struct s40_village_cov *f;
	testdb_ok(s40_coverage_fully_covered_list(t->st, 75, ymd(2019, 10, 31), &f, &n, &t->ctx),
		  &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].village, VIL2);
	assert_int_equal(f[0].full_since, ymd(2019, 10, 20));
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_threshold_exact_and_one_short, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_leaves_for_s33, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_new_resident_in_later_survey, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_register_over_survey, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_nobody_eligible_is_not_covered, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refused_survey_writes_nothing, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_tambon_achievement, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
