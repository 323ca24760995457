/*
 * Unit tests of lib/rules/rates.c: the shipped table's rates by month
 * (full, the two reductions, full again), exact satang amounts, and broken
 * tables refused with the line at fault.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "rules/rates.h"

#define HEADER "option,from_month,to_month,member_baht,government_baht,oldage_credit_baht," \
	       "status,note\n"

/* Rows for options 2 and 3 that make a table complete (lines after the test's). */
#define OPT23 "2,2012-01,,100,50,50,CONFIRMED,\n3,2012-01,,300,150,150,CONFIRMED,\n"

static void test_rates_embedded(void **state)
{
	(void)state;
	static const struct {
		int option, y, m;
		int64_t member, government, credit;
	} cases[] = {
		/* the confirmed rates */
		{1, 2019, 10, 7000, 3000, 0},
		{2, 2019, 10, 10000, 5000, 5000},
		{3, 2019, 10, 30000, 15000, 15000},
		{1, 2021, 7, 7000, 3000, 0},
		/* first reduction: Aug 2021 – Jan 2022 */
		{1, 2021, 8, 4200, 2100, 0},
		{2, 2021, 8, 6000, 3000, 5000},
		{3, 2021, 8, 18000, 9000, 15000},
		{3, 2022, 1, 18000, 9000, 15000},
		/* second reduction: Feb 2022 – Jul 2022 */
		{1, 2022, 2, 4200, 2100, 0},
		{1, 2022, 7, 4200, 2100, 0},
		{2, 2022, 7, 6000, 3000, 5000},
		{3, 2022, 7, 18000, 9000, 15000},
		/* full again */
		{1, 2022, 8, 7000, 3000, 0},
		{2, 2022, 8, 10000, 5000, 5000},
		{3, 2022, 8, 30000, 15000, 15000},
		{2, 2026, 12, 10000, 5000, 5000},
		/* the first month covered (pre-2018 assumed) */
		{1, 2012, 1, 7000, 3000, 0},
		{3, 2017, 12, 30000, 15000, 15000},
	};
	struct s40_rates r;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_rates_load(&r, &ctx) != S40_OK)
		fail_msg("load: %s", s40_errmsg(&ctx, S40_LANG_EN));
	assert_int_equal(r.n, 15);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t month = s40_month_from_ym(cases[i].y, cases[i].m);
		const struct s40_rate *x = s40_rate_for(&r, cases[i].option, month);
		if (x == NULL)
			fail_msg("option %d %d-%02d: no rate", cases[i].option, cases[i].y,
				 cases[i].m);
		assert_int_equal(x->option, cases[i].option);
		assert_true(x->from_month <= month && month <= x->to_month);
		if (x->member != cases[i].member || x->government != cases[i].government ||
		    x->oldage_credit != cases[i].credit)
			fail_msg("option %d %d-%02d: %lld/%lld/%lld", cases[i].option, cases[i].y,
				 cases[i].m, (long long)x->member, (long long)x->government,
				 (long long)x->oldage_credit);
	}
	/* months and options outside the table */
	assert_null(s40_rate_for(&r, 1, s40_month_from_ym(2011, 12)));
	assert_null(s40_rate_for(&r, 0, s40_month_from_ym(2019, 10)));
	assert_null(s40_rate_for(&r, 4, s40_month_from_ym(2019, 10)));
	/* the open last row */
	const struct s40_rate *last = s40_rate_for(&r, 3, s40_month_from_ym(2100, 1));
	assert_non_null(last);
	assert_int_equal(last->to_month, INT32_MAX);
	assert_int_equal(last->from_month, s40_month_from_ym(2022, 8));
	s40_rates_free(&r);
	assert_null(r.v);
	assert_int_equal(r.n, 0);
}

/* Amounts in satang, exactly, and rows in any order. */
static void test_rates_parse_amounts(void **state)
{
	(void)state;
	static const char text[] = HEADER
		"1,2021-08,,42.5,21.05,0.5,DECIDED,\"a note, with a comma\"\n"
		"1,2012-01,2021-07,70,30,0,CONFIRMED,\n" OPT23;
	struct s40_rates r;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_rates_parse(&r, text, strlen(text), &ctx) != S40_OK)
		fail_msg("parse: %s", s40_errmsg(&ctx, S40_LANG_EN));
	assert_int_equal(r.n, 4);
	const struct s40_rate *x = s40_rate_for(&r, 1, s40_month_from_ym(2030, 1));
	assert_non_null(x);
	assert_int_equal(x->member, 4250);
	assert_int_equal(x->government, 2105);
	assert_int_equal(x->oldage_credit, 50);
	x = s40_rate_for(&r, 1, s40_month_from_ym(2021, 7));
	assert_non_null(x);
	assert_int_equal(x->member, 7000);
	assert_int_equal(x->to_month, s40_month_from_ym(2021, 7));
	x = s40_rate_for(&r, 2, s40_month_from_ym(2012, 1));
	assert_non_null(x);
	assert_int_equal(x->member, 10000);
	s40_rates_free(&r);
}

/* Broken tables are refused with the code, line and field at fault. */
static void test_rates_parse_broken(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		const char *text;
		enum s40_err code;
		long line;
		const char *field;
	} cases[] = {
		{"overlap", HEADER "1,2012-01,2021-08,70,30,0,CONFIRMED,\n"
				   "1,2021-08,,42,21,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 3, "from_month"},
		{"overlap, later row first in file",
		 HEADER "1,2021-08,,42,21,0,CONFIRMED,\n"
			"1,2012-01,2021-08,70,30,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 3, "from_month"},
		{"same start twice", HEADER OPT23 "1,2012-01,,70,30,0,CONFIRMED,\n"
						  "1,2012-01,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 5, "from_month"},
		{"gap", HEADER "1,2012-01,2021-07,70,30,0,CONFIRMED,\n"
			       "1,2021-09,,42,21,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 3, "from_month"},
		{"starts after 2012-01", HEADER "1,2012-02,,70,30,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 2, "from_month"},
		{"last row closed", HEADER "1,2012-01,2030-12,70,30,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 2, "to_month"},
		{"option missing", HEADER "1,2012-01,,70,30,0,CONFIRMED,\n"
					  "2,2012-01,,100,50,50,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 3, "option"},
		{"negative amount", HEADER "1,2012-01,,-70,30,0,CONFIRMED,\n" OPT23,
		 S40_E_BAD_VALUE, 2, "member_baht"},
		{"three decimals", HEADER OPT23 "1,2012-01,,70,30.005,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "government_baht"},
		{"trailing dot", HEADER OPT23 "1,2012-01,,70,30,0.,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "oldage_credit_baht"},
		{"exponent", HEADER OPT23 "1,2012-01,,7e1,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "member_baht"},
		{"empty amount", HEADER OPT23 "1,2012-01,,70,,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "government_baht"},
		{"thousands comma", HEADER OPT23 "1,2012-01,,\"1,000\",30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "member_baht"},
		{"option 4", HEADER OPT23 "4,2012-01,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_OPTION, 4, "option"},
		{"option empty", HEADER OPT23 ",2012-01,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_OPTION, 4, "option"},
		{"month 13", HEADER OPT23 "1,2012-13,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "from_month"},
		{"BE year", HEADER OPT23 "1,2555-01,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "from_month"},
		{"from empty", HEADER OPT23 "1,,,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "from_month"},
		{"to before from", HEADER OPT23 "1,2012-05,2012-04,70,30,0,CONFIRMED,\n",
		 S40_E_BAD_VALUE, 4, "to_month"},
		{"bad status", HEADER OPT23 "1,2012-01,,70,30,0,maybe,\n",
		 S40_E_BAD_VALUE, 4, "status"},
		{"too few columns", HEADER OPT23 "1,2012-01,,70,30,0,CONFIRMED\n",
		 S40_E_CSV_COLUMNS, 4, ""},
		{"wrong header", "option,from,to,member,government,credit,status,note\n" OPT23,
		 S40_E_CSV_HEADER, 1, "from_month"},
		{"header only", HEADER, S40_E_BAD_VALUE, 1, "option"},
		{"empty", "", S40_E_CSV_HEADER, 1, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_rates r = {(struct s40_rate *)1, 99};
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		enum s40_err err = s40_rates_parse(&r, cases[i].text, strlen(cases[i].text), &ctx);
		if (err != cases[i].code || ctx.line != cases[i].line ||
		    strcmp(ctx.field, cases[i].field) != 0)
			fail_msg("%s: %s line %ld field \"%s\" (%s), want %s line %ld field \"%s\"",
				 cases[i].what, s40_errname(err), ctx.line, ctx.field,
				 s40_errmsg(&ctx, S40_LANG_EN), s40_errname(cases[i].code),
				 cases[i].line, cases[i].field);
		assert_int_equal(ctx.code, cases[i].code);
		/* a refused table is left empty */
		assert_null(r.v);
		assert_int_equal(r.n, 0);
		s40_rates_free(&r);
	}
}

/* The message names the line in both languages. */
static void test_rates_message(void **state)
{
	(void)state;
	static const char text[] = HEADER "1,2012-01,2021-07,70,30,0,CONFIRMED,\n"
					  "1,2021-09,,42,21,0,CONFIRMED,\n" OPT23;
	struct s40_rates r;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_rates_parse(&r, text, strlen(text), &ctx), S40_E_BAD_VALUE);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    "rates table line 3: option 1 has no rate from 2021-08 to 2021-08");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH),
			    "ตารางอัตราเงินสมทบ บรรทัด 3: ทางเลือกที่ 1 ไม่มีอัตราตั้งแต่ 2021-08 ถึง 2021-08");

	static const char overlap[] = HEADER "1,2012-01,2021-08,70,30,0,CONFIRMED,\n"
					     "1,2021-08,,42,21,0,CONFIRMED,\n" OPT23;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_rates_parse(&r, overlap, strlen(overlap), &ctx), S40_E_BAD_VALUE);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    "rates table line 3: option 1 from 2021-08 to … overlaps line 2");
	/* a NULL ctx still gives the code */
	assert_int_equal(s40_rates_parse(&r, overlap, strlen(overlap), NULL), S40_E_BAD_VALUE);
}

static void test_option_name(void **state)
{
	(void)state;
	assert_true(s40_option_valid(1));
	assert_true(s40_option_valid(2));
	assert_true(s40_option_valid(3));
	assert_false(s40_option_valid(0));
	assert_false(s40_option_valid(4));
	assert_false(s40_option_valid(-1));
	assert_string_equal(s40_option_name(1, S40_LANG_TH), "ทางเลือกที่ 1");
	assert_string_equal(s40_option_name(3, S40_LANG_TH), "ทางเลือกที่ 3");
	assert_string_equal(s40_option_name(2, S40_LANG_EN), "option 2");
	assert_string_equal(s40_option_name(5, S40_LANG_EN), "invalid option");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates_embedded),
		cmocka_unit_test(test_rates_parse_amounts),
		cmocka_unit_test(test_rates_parse_broken),
		cmocka_unit_test(test_rates_message),
		cmocka_unit_test(test_option_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
