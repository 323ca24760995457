/*
 * Unit tests of lib/rules/benefits.c: the shipped table (data/benefits.csv)
 * loads and holds the versions of DOMAIN.md §4 on their days; a faulty table
 * is refused naming its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "rules/benefits.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/* The amount (satang) of the part of kind for option on day, or -1. */
static int64_t amount_of(const struct s40_benefit_rules *r, int32_t day, int kind, int option,
			 const char *part)
{
	const struct s40_benefit_rule *v[8];
	size_t n = s40_benefit_rules_for(r, day, kind, option, v, 8);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i]->part, part) == 0)
			return v[i]->amount;
	return -1;
}

static void test_shipped_versions(void **state)
{
	(void)state;
	struct s40_benefit_rules r;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_benefit_rules_load(&r, &ctx), S40_OK);
	assert_null(s40_benefit_version_on(&r, ymd(2011, 12, 31)));
	static const struct {
		int y, m, d;
		const char *version;
		int64_t funeral_1, survivor_1, funeral_3, outpatient_3, rest_min_days, child_3;
	} cases[] = {
		{ 2012, 1, 1, "2561", 2000000, 300000, 4000000, -1, 3, 20000 },
		{ 2019, 10, 31, "2561", 2000000, 300000, 4000000, -1, 3, 20000 },
		{ 2020, 10, 12, "2561", 2000000, 300000, 4000000, -1, 3, 20000 },
		{ 2020, 10, 13, "2563", 2500000, 800000, 5000000, -1, 3, 20000 },
		{ 2025, 12, 31, "2563", 2500000, 800000, 5000000, -1, 3, 20000 },
		{ 2026, 1, 1, "2568", 2500000, 800000, 5000000, 20000, 1, 30000 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t day = ymd(cases[i].y, cases[i].m, cases[i].d);
		const struct s40_benefit_rule *v = s40_benefit_version_on(&r, day);
		assert_non_null(v);
		assert_string_equal(v->version, cases[i].version);
		assert_int_equal(amount_of(&r, day, S40_CASE_DEATH, 1, "funeral"), cases[i].funeral_1);
		assert_int_equal(amount_of(&r, day, S40_CASE_DEATH, 2, "survivor"),
				 cases[i].survivor_1);
		assert_int_equal(amount_of(&r, day, S40_CASE_DEATH, 3, "funeral"), cases[i].funeral_3);
		assert_int_equal(amount_of(&r, day, S40_CASE_DEATH, 3, "survivor"), -1);
		assert_int_equal(amount_of(&r, day, S40_CASE_OUTPATIENT, 3, "main"),
				 cases[i].outpatient_3);
		assert_int_equal(amount_of(&r, day, S40_CASE_CHILD, 3, "main"), cases[i].child_3);
		assert_int_equal(amount_of(&r, day, S40_CASE_CHILD, 1, "main"), -1);
		const struct s40_benefit_rule *rest[2];
		assert_int_equal(s40_benefit_rules_for(&r, day, S40_CASE_REST, 2, rest, 2), 1);
		assert_int_equal(rest[0]->min_units, cases[i].rest_min_days);
		/* four disability tiers for every option, windows 10/20/40/60 */
		for (int opt = 1; opt <= 3; opt++) {
			const struct s40_benefit_rule *tiers[8];
			assert_int_equal(s40_benefit_rules_for(&r, day, S40_CASE_DISABILITY, opt, tiers,
							       8),
					 4);
			static const int windows[] = { 10, 20, 40, 60 }, mins[] = { 6, 12, 24, 36 };
			for (int k = 0; k < 4; k++) {
				assert_int_equal(tiers[k]->window, windows[k]);
				assert_int_equal(tiers[k]->min_paid, mins[k]);
			}
		}
		/* sickness caps: 30 days (options 1–2), 90 (option 3), 3 visits */
		const struct s40_benefit_rule *x[2];
		s40_benefit_rules_for(&r, day, S40_CASE_INPATIENT, 1, x, 2);
		assert_int_equal(x[0]->cap_per_year, 30);
		s40_benefit_rules_for(&r, day, S40_CASE_INPATIENT, 3, x, 2);
		assert_int_equal(x[0]->cap_per_year, 90);
		assert_string_equal(x[0]->cap_group, "sick_days");
	}
	s40_benefit_rules_free(&r);
}

static void test_faulty_tables(void **state)
{
	(void)state;
	static const char head[] =
		"version,from_day,case,part,options,amount_baht,per,window_months,min_paid,"
		"min_total_paid,min_units,max_units,age,cap_per_year,cap_group,duration_months,"
		"status,source\n";
	static const struct {
		const char *rows;
		long line;
		const char *field;
	} cases[] = {
		{ "a,2019-01-01,flood,main,1,1,day,0,0,0,0,0,0,0,,0,DECIDED,x\n", 2, "case" },
		{ "a,2019-01-01,death,main,4,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n", 2, "options" },
		{ "a,2019-01-01,death,main,1,1.234,once,0,0,0,0,0,0,0,,0,DECIDED,x\n", 2,
		  "amount_baht" },
		{ "a,2019-02-30,death,main,1,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n", 2, "from_day" },
		{ "a,2019-01-01,death,main,1,1,once,4,5,0,0,0,0,0,,0,DECIDED,x\n", 2, "min_paid" },
		{ "a,2019-01-01,death,main,1,1,once,0,0,0,0,0,0,3,,0,DECIDED,x\n", 2, "cap_group" },
		{ "a,2019-01-01,death,main,1,1,once,0,0,0,0,0,0,0,,0,MAYBE,x\n", 2, "status" },
		{ "a,2019-01-01,death,main,1-2,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n"
		  "a,2019-01-01,death,main,2,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n",
		  3, "options" },
		{ "a,2019-01-01,death,main,1,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n"
		  "a,2020-01-01,death,main,2,1,once,0,0,0,0,0,0,0,,0,DECIDED,x\n",
		  3, "from_day" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "%s%s", head, cases[i].rows);
		struct s40_benefit_rules r;
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		assert_int_not_equal(s40_benefit_rules_parse(&r, text, strlen(text), &ctx), S40_OK);
		if (ctx.line != cases[i].line || strcmp(ctx.field, cases[i].field) != 0)
			fail_msg("case %zu: line %ld field %s (%s)", i, ctx.line, ctx.field,
				 s40_errmsg(&ctx, S40_LANG_EN));
		assert_null(r.v);
	}
	assert_int_equal(s40_case_parse("ทุพพลภาพ"), S40_CASE_DISABILITY);
	assert_int_equal(s40_case_parse("oldage"), S40_CASE_OLDAGE);
	assert_int_equal(s40_case_parse("flood"), 0);
	assert_string_equal(s40_case_key(S40_CASE_CHILD), "child");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_versions),
		cmocka_unit_test(test_faulty_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
