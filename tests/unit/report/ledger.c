/*
 * Unit tests of lib/report/ledger.c: the lapsed follow-up list (worst first,
 * arrears and lapsed, the recruiter's name and phone, IDs masked), the
 * contributions per area per month with their totals, the member's ledger and
 * a benefit check as tables.
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
#include "registry/benefit.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "report/ledger.h"
#include "testdb.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int32_t ym(int y, int m)
{
	return s40_month_from_ym(y, m);
}

/* Person n in village, enrolled with option on 1 Jan 2019 by recruiter (0: none). */
static int64_t member(struct testdb *t, int n, int32_t village, int64_t recruiter)
{
	int64_t id = testdb_natid(140000000000 + n);
	struct s40_person p;
	char first[32];
	snprintf(first, sizeof first, "คน%d", n);
	testdb_person(&p, id, first, "ทดสอบ", ymd(1980, 1, 1), village);
	snprintf(p.phone, sizeof p.phone, "08100000%02d", n);
	int changed;
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	struct s40_enrol e = { .person = id, .option = 1, .day = ymd(2019, 1, 1),
			       .recruited_by = recruiter };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	return id;
}

/* Pay months first..last (option 1) on the first day of first. */
static void pay(struct testdb *t, int64_t id, int32_t first, int32_t last)
{
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	p.person = id;
	snprintf(p.receipt, sizeof p.receipt, "T%lld-%d", (long long)id, (int)first);
	p.paid_day = s40_month_first_day(first);
	p.channel = S40_PAY_OFFICE;
	p.first_month = first;
	p.last_month = last;
	p.total = 7000 * (last - first + 1);
	testdb_ok(s40_ledger_pay(&t->reg, NULL, &p, 0, NULL, &t->ctx), &t->ctx);
}

static int64_t cell_int(const struct s40_table *t, size_t r, size_t c)
{
	const struct s40_cell *x = s40_table_cell(t, r, c);
	assert_non_null(x);
	return x->is_null ? -1 : x->i;
}

static const char *cell_text(const struct s40_table *t, size_t r, size_t c)
{
	const struct s40_cell *x = s40_table_cell(t, r, c);
	assert_non_null(x);
	return x->is_null ? NULL : x->s;
}

static void test_lapsed(void **state)
{
	struct testdb *t = *state;
	int64_t vol = member(t, 1, 75030702, 0);
	int64_t a = member(t, 2, 75030702, vol); /* paid to Oct 2019: 2 unpaid on 15 Jan 2020 */
	int64_t b = member(t, 3, 75030505, 0);   /* paid to May 2019: 7 unpaid */
	int64_t c = member(t, 4, 75030505, vol); /* paid to Dec 2019: paying */
	int64_t d = member(t, 5, 75010201, 0);   /* never paid: 12 unpaid, outside 7503 */
	pay(t, vol, ym(2019, 1), ym(2019, 12));
	pay(t, a, ym(2019, 1), ym(2019, 10));
	pay(t, b, ym(2019, 1), ym(2019, 5));
	pay(t, c, ym(2019, 1), ym(2019, 12));
	(void)d;
	struct s40_table tb;
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_lapsed(t->st, 7503, ymd(2020, 1, 15), 6, 0, &tb, &t->ctx), &t->ctx);
	assert_int_equal(tb.n_rows, 2);
	assert_true(tb.mask_ids);
	assert_int_equal(cell_int(&tb, 0, 0), b);
	assert_string_equal(cell_text(&tb, 0, 4), "lapsed");
	assert_int_equal(cell_int(&tb, 0, 5), 7);
	assert_int_equal(cell_int(&tb, 0, 6), ym(2019, 5));
	assert_null(cell_text(&tb, 0, 8)); /* no recruiter */
	assert_int_equal(cell_int(&tb, 1, 0), a);
	assert_string_equal(cell_text(&tb, 1, 4), "arrears");
	assert_int_equal(cell_int(&tb, 1, 5), 2);
	assert_string_equal(cell_text(&tb, 1, 7), "0810000002");
	assert_string_equal(cell_text(&tb, 1, 8), "คน1 ทดสอบ");
	assert_string_equal(cell_text(&tb, 1, 9), "0810000001");
	s40_table_free(&tb);
	/* the whole province: d (12 months) first */
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_lapsed(t->st, 75, ymd(2020, 1, 15), 6, 0, &tb, &t->ctx), &t->ctx);
	assert_int_equal(tb.n_rows, 3);
	assert_int_equal(cell_int(&tb, 0, 0), d);
	assert_int_equal(cell_int(&tb, 0, 5), 12);
	assert_int_equal(cell_int(&tb, 0, 6), -1); /* never paid */
	s40_table_free(&tb);
}

static void test_contributions(void **state)
{
	struct testdb *t = *state;
	int64_t a = member(t, 11, 75030702, 0);
	int64_t b = member(t, 12, 75030702, 0);
	int64_t c = member(t, 13, 75030505, 0);
	pay(t, a, ym(2019, 1), ym(2019, 3));
	pay(t, b, ym(2019, 2), ym(2019, 2));
	pay(t, c, ym(2019, 1), ym(2019, 1));
	struct s40_table tb;
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_contributions(t->st, 7503, S40_LEVEL_SUBDISTRICT, ym(2019, 1),
					   ym(2019, 2), &tb, &t->ctx),
		  &t->ctx);
	/* 2 months × (subdistricts of Amphawa + a total row) */
	size_t per_month = tb.n_rows / 2;
	assert_int_equal(tb.n_rows % 2, 0);
	int found_0505 = 0, found_0507 = 0;
	for (size_t r = 0; r < tb.n_rows; r++) {
		int64_t month = cell_int(&tb, r, 0), code = cell_int(&tb, r, 1);
		if (month == ym(2019, 1) && code == 750305) {
			assert_int_equal(cell_int(&tb, r, 4), 7000);
			assert_int_equal(cell_int(&tb, r, 5), 3000);
			assert_int_equal(cell_int(&tb, r, 7), 1);
			found_0505 = 1;
		}
		if (month == ym(2019, 2) && code == 750307) {
			assert_int_equal(cell_int(&tb, r, 4), 14000);
			assert_int_equal(cell_int(&tb, r, 7), 2);
			found_0507 = 1;
		}
	}
	assert_true(found_0505 && found_0507);
	/* the total rows: January 2 paying, February 2 paying */
	assert_int_equal(cell_int(&tb, per_month - 1, 1), 7503);
	assert_int_equal(cell_int(&tb, per_month - 1, 7), 2);
	assert_int_equal(cell_int(&tb, per_month - 1, 4), 14000);
	assert_int_equal(cell_int(&tb, tb.n_rows - 1, 7), 2);
	s40_table_free(&tb);
	/* a level above the area is refused */
	s40_table_init(&tb, NULL, NULL);
	assert_int_equal(s40_report_contributions(t->st, 7503, S40_LEVEL_PROVINCE, ym(2019, 1),
						  ym(2019, 2), &tb, &t->ctx),
			 S40_E_BAD_VALUE);
	s40_table_free(&tb);
}

static void test_ledger_and_benefit(void **state)
{
	struct testdb *t = *state;
	int64_t a = member(t, 21, 75030702, 0);
	pay(t, a, ym(2019, 1), ym(2019, 3));
	struct s40_table tb;
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_ledger(t->st, NULL, a, ym(2019, 1), ym(2019, 5), ymd(2019, 5, 10), 6,
				    &tb, &t->ctx),
		  &t->ctx);
	assert_int_equal(tb.n_rows, 5);
	assert_int_equal(cell_int(&tb, 0, 3), 7000); /* due */
	assert_int_equal(cell_int(&tb, 0, 4), 7000); /* paid */
	assert_string_equal(cell_text(&tb, 2, 9), "office");
	assert_int_equal(cell_int(&tb, 3, 4), -1); /* April unpaid */
	assert_non_null(strstr(tb.subtitle_en, "in arrears"));
	assert_non_null(strstr(tb.subtitle_en, "1 consecutive months unpaid"));
	s40_table_free(&tb);

	struct s40_benefit_ask ask = { .person = a, .kind = S40_CASE_INPATIENT,
				       .day = ymd(2019, 5, 10), .units = 2 };
	struct s40_benefit_check c;
	testdb_ok(s40_benefit_check(t->st, NULL, NULL, &ask, &c, &t->ctx), &t->ctx);
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_benefit(t->st, a, &c, &tb, &t->ctx), &t->ctx);
	assert_string_equal(cell_text(&tb, tb.n_rows - 1, 0), "result");
	assert_int_equal(cell_int(&tb, tb.n_rows - 1, 7), 1);
	assert_int_equal(cell_int(&tb, tb.n_rows - 1, 8), 60000);
	assert_non_null(strstr(tb.subtitle_en, "eligible: 600.00 baht"));
	s40_table_free(&tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lapsed, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_contributions, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_ledger_and_benefit, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
