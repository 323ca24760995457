/*
 * Unit tests of lib/registry/ledger.c: payments at every boundary of DOMAIN.md
 * §3 (the current month and 12 ahead, no past month, the exact amount with the
 * expected one in the message, the 2021–2022 reductions charging 42/60/180,
 * extra savings up to 1,000 baht a month, months inside a membership, no month
 * twice, the same receipt once), and the standing on a day (windows of 4, 10,
 * 12, 36 months before the day's month, the unpaid run, arrears, lapsed,
 * ended). Every refusal must leave the database as it was.
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
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "rules/eligibility.h"
#include "testdb.h"

#define VILLAGE 75030702

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int32_t ym(int y, int m)
{
	return s40_month_from_ym(y, m);
}

/* Register person n and enrol it with option on day; returns the ID. */
static int64_t member(struct testdb *t, int n, int option, int32_t day)
{
	int64_t id = testdb_natid(120000000000 + n);
	char first[32];
	snprintf(first, sizeof first, "ผู้จ่าย%d", n);
	testdb_add_person(t, id, first, "ทดสอบ", ymd(1980, 1, 1), VILLAGE);
	struct s40_enrol e = { .person = id, .option = option, .day = day };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	return id;
}

/* Pay months first..last on paid_day for total satang with extra a month. */
static enum s40_err pay(struct testdb *t, int64_t id, const char *receipt, int32_t paid_day,
			int32_t first, int32_t last, int64_t total, int64_t extra, int *changed)
{
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	p.person = id;
	snprintf(p.receipt, sizeof p.receipt, "%s", receipt);
	p.paid_day = paid_day;
	p.channel = S40_PAY_COUNTER;
	p.first_month = first;
	p.last_month = last;
	p.total = total;
	s40_ctx_clear(&t->ctx);
	return s40_ledger_pay(&t->reg, NULL, &p, extra, changed, &t->ctx);
}

/* Rows in a table, through a person's ledger (all months) and the journal. */
static size_t ledger_count(struct testdb *t, int64_t id)
{
	struct s40_ledger_row *v;
	size_t n;
	testdb_ok(s40_ledger_rows(t->st, id, INT32_MIN, INT32_MAX, &v, &n, &t->ctx), &t->ctx);
	free(v);
	return n;
}

/* One payment attempt and what it must give. */
struct pay_case {
	const char *what;
	const char *receipt;
	int32_t paid_day;
	int32_t first, last;
	int64_t total, extra;
	enum s40_err rc;
	int changed;
	const char *msg_en; /* a part of the English message, or NULL */
	const char *field;
};

static void test_pay_boundaries(void **state)
{
	struct testdb *t = *state;
	int64_t id = member(t, 1, 1, ymd(2019, 10, 1));
	const struct pay_case cases[] = {
		{ "three months from the paid day's month", "R1", ymd(2019, 10, 5), ym(2019, 10),
		  ym(2019, 12), 21000, 0, S40_OK, 1, NULL, NULL },
		{ "the same receipt again: nothing changes", "R1", ymd(2019, 10, 5), ym(2019, 10),
		  ym(2019, 12), 21000, 0, S40_OK, 0, NULL, NULL },
		{ "the same receipt with another amount", "R1", ymd(2019, 10, 5), ym(2019, 10),
		  ym(2019, 12), 20000, 0, S40_E_PAY_RECEIPT, 0, "other content", "receipt" },
		{ "a month already paid", "R2", ymd(2019, 12, 2), ym(2019, 12), ym(2019, 12), 7000,
		  0, S40_E_PAY_PAID, 0, "2019-12 is paid already by receipt R1", "months" },
		{ "a past month", "R3", ymd(2020, 1, 5), ym(2019, 12), ym(2020, 1), 14000, 0,
		  S40_E_PAY_PAST, 0, "2019-12 is before the month of payment (2020-01)", "months" },
		{ "a month before the membership", "R4", ymd(2019, 9, 30), ym(2019, 9), ym(2019, 9),
		  7000, 0, S40_E_PAY_NOT_MEMBER, 0, "not a Section 40 member in 2019-09", "months" },
		{ "a 14th period (13 months ahead)", "R5", ymd(2020, 1, 5), ym(2020, 1), ym(2021, 2),
		  98000, 0, S40_E_PAY_AHEAD, 0, "months up to 2021-01 may be paid", "months" },
		{ "the wrong amount gives the amount due", "R6", ymd(2020, 1, 5), ym(2020, 1),
		  ym(2020, 3), 20000, 0, S40_E_PAY_AMOUNT, 0, "210.00 baht is due for 2020-01 to 2020-03",
		  "amount" },
		{ "extra savings over 1,000 baht a month", "R7", ymd(2020, 1, 5), ym(2020, 1),
		  ym(2020, 1), 7000 + 100001, 100001, S40_E_PAY_EXTRA, 0, "over 1,000 baht", "extra" },
		{ "a paid day after today", "R8", ymd(2026, 1, 2), ym(2026, 1), ym(2026, 1), 7000, 0,
		  S40_E_BAD_VALUE, 0, "after today", "date" },
		{ "13 periods: the current month and 12 ahead", "R9", ymd(2020, 1, 5), ym(2020, 1),
		  ym(2021, 1), 13 * 7000, 0, S40_OK, 1, NULL, NULL },
		{ "extra savings of exactly 1,000 baht a month", "R10", ymd(2021, 2, 1), ym(2021, 2),
		  ym(2021, 3), 2 * (7000 + 100000), 100000, S40_OK, 1, NULL, NULL },
		{ "the reduction months charge 42 baht (option 1)", "R11", ymd(2021, 7, 15),
		  ym(2021, 7), ym(2021, 8), 7000 + 4200, 0, S40_OK, 1, NULL, NULL },
		{ "the full rate in a reduction month is refused", "R12", ymd(2021, 9, 1),
		  ym(2021, 9), ym(2021, 9), 7000, 0, S40_E_PAY_AMOUNT, 0, "42.00 baht is due",
		  "amount" },
	};
	size_t rows_before = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct pay_case *c = &cases[i];
		int64_t seq = testdb_journal_last(t->st);
		size_t rows = ledger_count(t, id);
		int changed = -1;
		enum s40_err rc = pay(t, id, c->receipt, c->paid_day, c->first, c->last, c->total,
				      c->extra, &changed);
		if (rc != c->rc)
			fail_msg("%s: got %s (%s), want %s", c->what, s40_errname(rc),
				 s40_errmsg(&t->ctx, S40_LANG_EN), s40_errname(c->rc));
		if (rc == S40_OK) {
			assert_int_equal(changed, c->changed);
			assert_int_equal(testdb_journal_last(t->st), seq + c->changed);
			assert_int_equal(ledger_count(t, id),
					 rows + (c->changed ? (size_t)(c->last - c->first + 1) : 0));
		} else {
			/* refused: nothing written */
			assert_int_equal(testdb_journal_last(t->st), seq);
			assert_int_equal(ledger_count(t, id), rows);
			assert_string_equal(t->ctx.field, c->field);
		}
		if (c->msg_en && strstr(s40_errmsg(&t->ctx, S40_LANG_EN), c->msg_en) == NULL)
			fail_msg("%s: message \"%s\" lacks \"%s\"", c->what,
				 s40_errmsg(&t->ctx, S40_LANG_EN), c->msg_en);
		rows_before = ledger_count(t, id);
	}
	/* 3 + 13 + 2 + 2 months paid, the same receipt counted once */
	assert_int_equal(rows_before, 20);
	struct s40_payment p;
	int found = 0;
	testdb_ok(s40_ledger_payment_get(t->st, "R1", &p, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	assert_int_equal(p.total, 21000);
	assert_int_equal(p.channel, S40_PAY_COUNTER);
}

/* The reductions of Aug 2021 – Jul 2022: 42 / 60 / 180 baht, government 21 / 30 / 90. */
static void test_pay_reductions(void **state)
{
	struct testdb *t = *state;
	static const struct {
		int option;
		int64_t member, government, full, gov_full;
	} opts[] = { { 1, 4200, 2100, 7000, 3000 },
		     { 2, 6000, 3000, 10000, 5000 },
		     { 3, 18000, 9000, 30000, 15000 } };
	for (int i = 0; i < 3; i++) {
		int64_t id = member(t, 10 + i, opts[i].option, ymd(2021, 7, 1));
		char r[16];
		snprintf(r, sizeof r, "RED%d", i);
		/* July 2021 full, August 2021 – July 2022 reduced, August 2022 full */
		int64_t total = 2 * opts[i].full + 12 * opts[i].member;
		int changed = 0;
		/* 14 months are too many for one payment: two payments. */
		testdb_ok(pay(t, id, r, ymd(2021, 7, 20), ym(2021, 7), ym(2022, 7),
			      opts[i].full + 12 * opts[i].member, 0, &changed),
			  &t->ctx);
		snprintf(r, sizeof r, "RED%dB", i);
		testdb_ok(pay(t, id, r, ymd(2022, 8, 1), ym(2022, 8), ym(2022, 8), opts[i].full, 0,
			      &changed),
			  &t->ctx);
		struct s40_ledger_row *v;
		size_t n;
		testdb_ok(s40_ledger_rows(t->st, id, INT32_MIN, INT32_MAX, &v, &n, &t->ctx),
			  &t->ctx);
		assert_int_equal(n, 14);
		int64_t sum = 0;
		for (size_t k = 0; k < n; k++) {
			int reduced = v[k].month >= ym(2021, 8) && v[k].month <= ym(2022, 7);
			assert_int_equal(v[k].member, reduced ? opts[i].member : opts[i].full);
			assert_int_equal(v[k].government,
					 reduced ? opts[i].government : opts[i].gov_full);
			assert_int_equal(v[k].option, opts[i].option);
			sum += v[k].member;
		}
		assert_int_equal(sum, total);
		free(v);
	}
}

/* An option change holds from the month after the request: the amount follows. */
static void test_pay_option_change(void **state)
{
	struct testdb *t = *state;
	int64_t id = member(t, 20, 1, ymd(2019, 1, 1));
	int32_t from = 0;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_membership_change_option(&t->reg, id, 3, ymd(2019, 3, 10), &from, &t->ctx),
		  &t->ctx);
	assert_int_equal(from, ym(2019, 4));
	int changed = 0;
	/* March at 70, April and May at 300 */
	assert_int_equal(pay(t, id, "OC1", ymd(2019, 3, 20), ym(2019, 3), ym(2019, 5), 21000, 0,
			     &changed),
			 S40_E_PAY_AMOUNT);
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "670.00 baht is due"));
	testdb_ok(pay(t, id, "OC1", ymd(2019, 3, 20), ym(2019, 3), ym(2019, 5), 67000, 0,
		      &changed),
		  &t->ctx);
}

/* A member who left: months after the spell are refused; the spell's last
 * month (a member on one day of it) may be paid. */
static void test_pay_after_leaving(void **state)
{
	struct testdb *t = *state;
	int64_t id = member(t, 30, 1, ymd(2019, 1, 1));
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2019, 3, 15), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	int changed = 0;
	testdb_ok(pay(t, id, "L1", ymd(2019, 3, 1), ym(2019, 3), ym(2019, 3), 7000, 0, &changed),
		  &t->ctx);
	assert_int_equal(pay(t, id, "L2", ymd(2019, 3, 1), ym(2019, 4), ym(2019, 4), 7000, 0,
			     &changed),
			 S40_E_PAY_NOT_MEMBER);
	assert_int_equal(pay(t, 1234545678781, "L3", ymd(2019, 3, 1), ym(2019, 3), ym(2019, 3),
			     7000, 0, &changed),
			 S40_E_NOT_FOUND);
}

/* What a payment on a day may cover, month by month: the reduced rates of
 * 2021–2022, an option change from the month after it, months paid, and none
 * after the membership ends; every amount is the one a payment is charged. */
static void test_payable(void **state)
{
	struct testdb *t = *state;
	int64_t id = member(t, 40, 1, ymd(2021, 1, 1));
	int32_t from = 0, day = ymd(2021, 7, 10);
	testdb_ok(s40_membership_change_option(&t->reg, id, 2, day, &from, &t->ctx), &t->ctx);
	assert_int_equal(from, ym(2021, 8));
	int changed = 0;
	testdb_ok(pay(t, id, "PY1", day, ym(2021, 9), ym(2021, 9), 6000, 0, &changed), &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2022, 5, 20), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	struct s40_payable v[S40_PAY_MAX_AHEAD + 1];
	testdb_ok(s40_ledger_payable(t->st, NULL, id, day, v, &t->ctx), &t->ctx);
	/* July 2021 at 70 (option 1), August 2021 – May 2022 at 60 (option 2,
	 * reduced), September paid, June and July 2022 not a member. */
	int64_t due = 0;
	for (int i = 0; i <= S40_PAY_MAX_AHEAD; i++) {
		int32_t m = ym(2021, 7) + i;
		assert_int_equal(v[i].month, m);
		assert_int_equal(v[i].paid, m == ym(2021, 9));
		assert_int_equal(v[i].option, m == ym(2021, 7) ? 1 : m <= ym(2022, 5) ? 2 : 0);
		assert_int_equal(v[i].member, m == ym(2021, 7) ? 7000 : m <= ym(2022, 5) ? 6000 : 0);
		if (i < 2)
			due += v[i].member;
	}
	/* The charge for the first two months is that sum. */
	testdb_ok(pay(t, id, "PY2", day, ym(2021, 7), ym(2021, 8), due, 0, &changed), &t->ctx);
	testdb_ok(s40_ledger_payable(t->st, NULL, id, day, v, &t->ctx), &t->ctx);
	assert_true(v[0].paid && v[1].paid && v[2].paid && !v[3].paid);
}

/* Pay each month of pattern (from month first, '1' paid) on its first day. */
static void pay_pattern(struct testdb *t, int64_t id, int32_t first, const char *pattern)
{
	for (size_t i = 0; pattern[i]; i++) {
		if (pattern[i] != '1')
			continue;
		int32_t m = first + (int32_t)i;
		char r[48];
		snprintf(r, sizeof r, "P%lld-%d", (long long)id, (int)m);
		int changed = 0;
		testdb_ok(pay(t, id, r, s40_month_first_day(m), m, m, 7000, 0, &changed), &t->ctx);
	}
}

static void test_standing(void **state)
{
	struct testdb *t = *state;
	/* Member from January 2016; the day is 15 January 2019 (M = 2019-01). */
	static const struct {
		const char *pattern; /* from 2016-01 to 2018-12: 36 months */
		int paid_4, paid_10, paid_12, paid_36, run, status;
	} cases[] = {
		{ "111111111111111111111111111111111111", 4, 10, 12, 36, 0, S40_STANDING_PAYING },
		{ "111111111111111111111111111111111110", 3, 9, 11, 35, 1, S40_STANDING_ARREARS },
		{ "111111111111111111111111111111000000", 0, 4, 6, 30, 6, S40_STANDING_LAPSED },
		{ "111111111111111111111111111111100000", 0, 5, 7, 31, 5, S40_STANDING_ARREARS },
		{ "000000000000000000000000000000000000", 0, 0, 0, 0, 36, S40_STANDING_LAPSED },
		{ "000000000000000000000000100000000001", 1, 1, 2, 2, 0, S40_STANDING_PAYING },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t id = member(t, 40 + (int)i, 1, ymd(2016, 1, 1));
		pay_pattern(t, id, ym(2016, 1), cases[i].pattern);
		struct s40_standing sd;
		testdb_ok(s40_ledger_standing(t->st, id, ymd(2019, 1, 15), S40_LAPSE_MONTHS, &sd,
					      &t->ctx),
			  &t->ctx);
		if (sd.paid_4 != cases[i].paid_4 || sd.paid_10 != cases[i].paid_10 ||
		    sd.paid_12 != cases[i].paid_12 || sd.paid_36 != cases[i].paid_36 ||
		    sd.unpaid_run != cases[i].run || sd.status != cases[i].status)
			fail_msg("case %zu: %d %d %d %d run %d status %d", i, sd.paid_4, sd.paid_10,
				 sd.paid_12, sd.paid_36, sd.unpaid_run, sd.status);
		assert_int_equal(sd.option, 1);
	}
	/* The lapse setting moves the line between arrears and lapsed. */
	int64_t id = member(t, 60, 1, ymd(2018, 1, 1));
	pay_pattern(t, id, ym(2018, 1), "111111100000"); /* unpaid Aug – Dec 2018 */
	struct s40_standing sd;
	testdb_ok(s40_ledger_standing(t->st, id, ymd(2019, 1, 1), 5, &sd, &t->ctx), &t->ctx);
	assert_int_equal(sd.unpaid_run, 5);
	assert_int_equal(sd.status, S40_STANDING_LAPSED);
	testdb_ok(s40_ledger_standing(t->st, id, ymd(2019, 1, 1), 6, &sd, &t->ctx), &t->ctx);
	assert_int_equal(sd.status, S40_STANDING_ARREARS);
	/* Lapsed is not an end; leaving is. A new member has no month due yet. */
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2019, 2, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	testdb_ok(s40_ledger_standing(t->st, id, ymd(2019, 2, 1), 6, &sd, &t->ctx), &t->ctx);
	assert_int_equal(sd.status, S40_STANDING_ENDED);
	int64_t fresh = member(t, 61, 2, ymd(2019, 5, 20));
	testdb_ok(s40_ledger_standing(t->st, fresh, ymd(2019, 5, 25), 6, &sd, &t->ctx), &t->ctx);
	assert_int_equal(sd.status, S40_STANDING_PAYING);
	assert_int_equal(sd.unpaid_run, 0);
	testdb_ok(s40_ledger_standing(t->st, fresh, ymd(2019, 6, 1), 6, &sd, &t->ctx), &t->ctx);
	assert_int_equal(sd.unpaid_run, 1);
	assert_int_equal(sd.status, S40_STANDING_ARREARS);
}

static void test_parsers(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int64_t satang; /* -1: refused */
	} money[] = {
		{ "210", 21000 },    { "210.5", 21050 },   { "1,050.50", 105050 }, { "๒๑๐", 21000 },
		{ "70 บาท", 7000 },   { "0", 0 },		  { "-5", -1 },	       { "1,05", -1 },
		{ "12.345", -1 },    { "", -1 },	   { "abc", -1 },	       { "210.", -1 },
	};
	struct s40_ctx ctx;
	for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
		int64_t v = -1;
		s40_ctx_clear(&ctx);
		enum s40_err rc = s40_baht_parse(money[i].text, "amount", &v, &ctx);
		if (money[i].satang < 0) {
			assert_int_equal(rc, S40_E_BAD_VALUE);
			assert_string_equal(ctx.field, "amount");
		} else {
			assert_int_equal(rc, S40_OK);
			assert_int_equal(v, money[i].satang);
		}
	}
	int32_t a, b;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_month_range_parse("2019-10..2019-12", "months", &a, &b, &ctx), S40_OK);
	assert_int_equal(a, ym(2019, 10));
	assert_int_equal(b, ym(2019, 12));
	assert_int_equal(s40_month_range_parse("2019-10", "months", &a, &b, &ctx), S40_OK);
	assert_int_equal(a, b);
	assert_int_equal(s40_month_range_parse("2019-12..2019-10", "months", &a, &b, &ctx),
			 S40_E_BAD_VALUE);
	assert_int_equal(s40_pay_channel_parse("bank"), S40_PAY_BANK);
	assert_int_equal(s40_pay_channel_parse("เคาน์เตอร์เซอร์วิส"), S40_PAY_COUNTER);
	assert_int_equal(s40_pay_channel_parse("pigeon"), 0);
	int32_t months[] = { 1, 3, 4, 7, 9 };
	assert_int_equal(s40_months_count(months, 5, 3, 7), 3);
	assert_int_equal(s40_months_count(months, 5, 8, 8), 0);
	assert_int_equal(s40_months_count(months, 5, INT32_MIN, INT32_MAX), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pay_boundaries, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pay_reductions, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pay_option_change, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_pay_after_leaving, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_payable, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_standing, testdb_setup, testdb_teardown),
		cmocka_unit_test(test_parsers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
