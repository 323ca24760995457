/*
 * Unit tests of lib/registry/benefit.c: every benefit rule of DOMAIN.md §4 at
 * its boundary, table-driven over payment patterns — sickness 3 of the 4
 * months before the month of the event (and 2 of 4 not), each disability tier
 * and the edge of its window, death 6 of 12 with the 2018 and 2020 amounts,
 * child allowance 24 of 36 and a gap while receiving, the yearly caps against
 * recorded benefits, the No. 5 decree's version, and old-age savings marked
 * provisional.
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

static int n_people;

/* A member with option from day, born on birth, paying the months marked '1'
 * in pattern, which ends with the month before the month of event. */
static int64_t member_paying(struct testdb *t, int option, int32_t from, int32_t birth,
			     int32_t event, const char *pattern)
{
	int64_t id = testdb_natid(130000000000 + ++n_people);
	testdb_add_person(t, id, "ผู้ขอรับ", "ทดสอบ", birth, VILLAGE);
	struct s40_enrol e = { .person = id, .option = option, .day = from };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	struct s40_rates rates;
	testdb_ok(s40_rates_load(&rates, &t->ctx), &t->ctx);
	size_t len = strlen(pattern);
	int32_t first = s40_day_month(event) - (int32_t)len;
	for (size_t i = 0; i < len; i++) {
		if (pattern[i] != '1')
			continue;
		int32_t m = first + (int32_t)i;
		struct s40_payment p;
		memset(&p, 0, sizeof p);
		p.person = id;
		snprintf(p.receipt, sizeof p.receipt, "B%lld-%d", (long long)id, (int)m);
		p.paid_day = s40_month_first_day(m) > from ? s40_month_first_day(m) : from;
		p.channel = S40_PAY_APP;
		p.first_month = p.last_month = m;
		p.total = s40_rate_for(&rates, option, m)->member;
		s40_ctx_clear(&t->ctx);
		testdb_ok(s40_ledger_pay(&t->reg, &rates, &p, 0, NULL, &t->ctx), &t->ctx);
	}
	s40_rates_free(&rates);
	return id;
}

/* n '1's after k '0's, then m more '0's: a pattern string in buf. */
static const char *pat(char *buf, size_t size, int zeros_before, int ones, int zeros_after)
{
	size_t i = 0;
	for (int k = 0; k < zeros_before && i + 1 < size; k++)
		buf[i++] = '0';
	for (int k = 0; k < ones && i + 1 < size; k++)
		buf[i++] = '1';
	for (int k = 0; k < zeros_after && i + 1 < size; k++)
		buf[i++] = '0';
	buf[i] = '\0';
	return buf;
}

static struct s40_benefit_check check(struct testdb *t, int64_t id, int kind, int32_t day,
				      int64_t units)
{
	struct s40_benefit_ask a = { .person = id, .kind = kind, .day = day, .units = units };
	struct s40_benefit_check c;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_benefit_check(t->st, NULL, NULL, &a, &c, &t->ctx), &t->ctx);
	return c;
}

/* The condition called key in c, or NULL. */
static const struct s40_benefit_cond *cond(const struct s40_benefit_check *c, const char *key)
{
	for (size_t i = 0; i < c->n_cond; i++)
		if (strcmp(c->cond[i].key, key) == 0)
			return &c->cond[i];
	return NULL;
}

struct rule_case {
	const char *what;
	int kind, option;
	int zeros_before, ones, zeros_after; /* the months before the event's month */
	int64_t units;
	int eligible;
	int64_t amount; /* satang */
};

static void run_cases(struct testdb *t, const struct rule_case *cases, size_t n, int32_t event)
{
	for (size_t i = 0; i < n; i++) {
		const struct rule_case *rc = &cases[i];
		char buf[128];
		pat(buf, sizeof buf, rc->zeros_before, rc->ones, rc->zeros_after);
		int64_t id = member_paying(t, rc->option, ymd(2012, 1, 1), ymd(1975, 5, 5), event, buf);
		struct s40_benefit_check c = check(t, id, rc->kind, event, rc->units);
		if (c.eligible != rc->eligible || c.amount != rc->amount)
			fail_msg("%s: eligible %d amount %lld, want %d and %lld", rc->what,
				 c.eligible, (long long)c.amount, rc->eligible,
				 (long long)rc->amount);
		assert_true(c.covered);
	}
}

static void test_sickness(void **state)
{
	struct testdb *t = *state;
	/* Event 10 June 2019: the window is February – May 2019. */
	const struct rule_case cases[] = {
		{ "3 of 4, in-patient 5 days", S40_CASE_INPATIENT, 1, 0, 3, 0, 5, 1, 5 * 30000 },
		{ "2 of 4 is not enough", S40_CASE_INPATIENT, 1, 0, 2, 0, 5, 0, 0 },
		{ "3 paid, two of them before the window", S40_CASE_INPATIENT, 1, 0, 3, 2, 1, 0,
		  0 },
		{ "rest of 3 days", S40_CASE_REST, 2, 0, 4, 0, 3, 1, 3 * 20000 },
		{ "rest of 2 days is too short under the 2018 rules", S40_CASE_REST, 2, 0, 4, 0, 2, 0,
		  0 },
		{ "out-patient, option 1", S40_CASE_OUTPATIENT, 1, 0, 4, 0, 1, 1, 5000 },
	};
	run_cases(t, cases, sizeof cases / sizeof cases[0], ymd(2019, 6, 10));
	/* 3 of 4 with a gap in the middle: "1101" */
	int64_t id = member_paying(t, 1, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 6, 10), "1101");
	struct s40_benefit_check c = check(t, id, S40_CASE_INPATIENT, ymd(2019, 6, 10), 2);
	assert_true(c.eligible);
	const struct s40_benefit_cond *w = cond(&c, "window");
	assert_non_null(w);
	assert_int_equal(w->from_month, ym(2019, 2));
	assert_int_equal(w->to_month, ym(2019, 5));
	assert_int_equal(w->needed, 3);
	assert_int_equal(w->found, 3);
	/* Option 3 has no out-patient benefit under the 2018 rules. */
	id = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 6, 10), "1111");
	c = check(t, id, S40_CASE_OUTPATIENT, ymd(2019, 6, 10), 1);
	assert_false(c.covered);
	assert_false(c.eligible);
}

static void test_disability(void **state)
{
	struct testdb *t = *state;
	/* Event 15 June 2019; tiers 6/10 → 500, 12/20 → 650, 24/40 → 800, 36/60 → 1,000. */
	const struct rule_case cases[] = {
		{ "6 of 10", S40_CASE_DISABILITY, 1, 0, 6, 0, 0, 1, 50000 },
		{ "5 of 10", S40_CASE_DISABILITY, 1, 0, 5, 0, 0, 0, 0 },
		{ "6 paid but one before the 10-month window", S40_CASE_DISABILITY, 1, 0, 6, 5, 0, 0,
		  0 },
		{ "12 of 20", S40_CASE_DISABILITY, 1, 0, 12, 0, 0, 1, 65000 },
		{ "11 of 20 stays at 500", S40_CASE_DISABILITY, 1, 0, 11, 0, 0, 1, 50000 },
		{ "24 of 40", S40_CASE_DISABILITY, 2, 0, 24, 0, 0, 1, 80000 },
		{ "23 of 40 stays at 650", S40_CASE_DISABILITY, 2, 0, 23, 0, 0, 1, 65000 },
		{ "36 of 60", S40_CASE_DISABILITY, 3, 0, 36, 0, 0, 1, 100000 },
		{ "36 paid ending 24 months ago: only the 60-month window", S40_CASE_DISABILITY, 3, 0,
		  36, 24, 0, 1, 100000 },
		{ "35 of 60 stays at 800", S40_CASE_DISABILITY, 3, 0, 35, 0, 0, 1, 80000 },
	};
	run_cases(t, cases, sizeof cases / sizeof cases[0], ymd(2019, 6, 15));
	/* Under the No. 5 decree (from 1 Jan 2026) option 3 pays 3,000 at the top tier. */
	char buf[80];
	int64_t id = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2026, 1, 1),
				   pat(buf, sizeof buf, 0, 60, 0));
	struct s40_benefit_check c = check(t, id, S40_CASE_DISABILITY, ymd(2026, 1, 1), 0);
	assert_string_equal(c.version, "2568");
	assert_int_equal(c.amount, 300000);
	assert_int_equal(c.duration_months, 0);
	c = check(t, id, S40_CASE_DISABILITY, ymd(2025, 12, 31), 0);
	assert_string_equal(c.version, "2563");
	assert_int_equal(c.amount, 100000);
}

static void test_death(void **state)
{
	struct testdb *t = *state;
	/* 2018 rules (event 20 June 2019): options 1–2 20,000 + 3,000; option 3 40,000. */
	const struct rule_case cases[] = {
		{ "6 of 12", S40_CASE_DEATH, 1, 0, 6, 0, 0, 1, 2300000 },
		{ "5 of 12", S40_CASE_DEATH, 1, 0, 5, 0, 0, 0, 0 },
		{ "6 paid, one outside the 12 months", S40_CASE_DEATH, 2, 0, 6, 7, 0, 0, 0 },
		{ "option 3", S40_CASE_DEATH, 3, 0, 12, 0, 0, 1, 4000000 },
	};
	run_cases(t, cases, sizeof cases / sizeof cases[0], ymd(2019, 6, 20));
	/* Cabinet 13 Oct 2020: 25,000, and 8,000 more with 60 months paid before. */
	const struct rule_case later[] = {
		{ "2020: 60 months paid", S40_CASE_DEATH, 1, 0, 60, 0, 0, 1, 3300000 },
		{ "2020: 59 months paid", S40_CASE_DEATH, 1, 0, 59, 0, 0, 1, 2500000 },
		{ "2020: option 3", S40_CASE_DEATH, 3, 0, 6, 0, 0, 1, 5000000 },
	};
	run_cases(t, later, sizeof later / sizeof later[0], ymd(2020, 10, 13));
	/* The day before the change, the 2018 amounts. */
	run_cases(t, cases, 1, ymd(2020, 10, 12));
}

static void test_child(void **state)
{
	struct testdb *t = *state;
	const struct rule_case cases[] = {
		{ "24 of 36, one child", S40_CASE_CHILD, 3, 0, 24, 0, 1, 1, 20000 },
		{ "23 of 36", S40_CASE_CHILD, 3, 0, 23, 0, 1, 0, 0 },
		{ "24 of 36, three children: two paid", S40_CASE_CHILD, 3, 12, 24, 0, 3, 1, 40000 },
	};
	run_cases(t, cases, sizeof cases / sizeof cases[0], ymd(2019, 6, 5));
	/* Not under option 1. */
	char buf[64];
	int64_t id = member_paying(t, 1, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 6, 5),
				   pat(buf, sizeof buf, 0, 36, 0));
	struct s40_benefit_check c = check(t, id, S40_CASE_CHILD, ymd(2019, 6, 5), 1);
	assert_false(c.covered);
	/* Receiving from June 2019: paying every month keeps it, a gap stops it. */
	id = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 10, 5),
			   "111111111111111111111111111111111111" "1101");
	struct s40_benefit_ask a = { .person = id, .kind = S40_CASE_CHILD, .day = ymd(2019, 6, 5),
				     .units = 1 };
	struct s40_benefit_check rec;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &rec, &t->ctx), &t->ctx);
	assert_int_equal(rec.amount, 20000);
	c = check(t, id, S40_CASE_CHILD, ymd(2019, 8, 5), 1); /* June, July paid */
	assert_true(c.eligible);
	c = check(t, id, S40_CASE_CHILD, ymd(2019, 10, 5), 1); /* August unpaid */
	assert_false(c.eligible);
	const struct s40_benefit_cond *x = cond(&c, "continuous");
	assert_non_null(x);
	assert_false(x->holds);
	assert_int_equal(x->from_month, ym(2019, 6));
	assert_int_equal(x->to_month, ym(2019, 9));
	assert_int_equal(x->needed, 4);
	assert_int_equal(x->found, 3);
	assert_true(cond(&c, "window")->holds); /* 24 of 36 still holds */
	/* No. 5 decree: 300 a month per child. */
	id = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2026, 1, 1),
			   pat(buf, sizeof buf, 0, 36, 0));
	c = check(t, id, S40_CASE_CHILD, ymd(2026, 1, 1), 2);
	assert_int_equal(c.amount, 60000);
}

/* The yearly caps: 30 paid sickness days (options 1–2), 90 (option 3), 3 out-patient visits. */
static void test_caps(void **state)
{
	struct testdb *t = *state;
	int64_t id = member_paying(t, 1, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 3, 1), "1111");
	/* paying on, so that later events in 2019 qualify */
	char buf[16];
	for (int m = 3; m <= 11; m++) {
		struct s40_payment p;
		memset(&p, 0, sizeof p);
		p.person = id;
		snprintf(buf, sizeof buf, "C%d", m);
		snprintf(p.receipt, sizeof p.receipt, "%s", buf);
		p.paid_day = ymd(2019, m, 1);
		p.channel = S40_PAY_BANK;
		p.first_month = p.last_month = ym(2019, m);
		p.total = 7000;
		s40_ctx_clear(&t->ctx);
		testdb_ok(s40_ledger_pay(&t->reg, NULL, &p, 0, NULL, &t->ctx), &t->ctx);
	}
	struct s40_benefit_ask a = { .person = id, .kind = S40_CASE_INPATIENT, .day = ymd(2019, 3, 10),
				     .units = 25 };
	struct s40_benefit_check c;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx), &t->ctx);
	assert_int_equal(c.units_paid, 25);
	/* 10 days asked, 5 left (rest counts against the same 30 days) */
	c = check(t, id, S40_CASE_REST, ymd(2019, 6, 10), 10);
	assert_true(c.eligible);
	assert_int_equal(c.cap, 30);
	assert_int_equal(c.cap_used, 25);
	assert_int_equal(c.units_paid, 5);
	assert_int_equal(c.amount, 5 * 20000);
	a.kind = S40_CASE_REST;
	a.day = ymd(2019, 6, 10);
	a.units = 10;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx), &t->ctx);
	/* used up: refused, database unchanged */
	int64_t seq = testdb_journal_last(t->st);
	a.kind = S40_CASE_INPATIENT;
	a.day = ymd(2019, 9, 1);
	a.units = 1;
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx),
			 S40_E_BENEFIT_CAP);
	assert_int_equal(testdb_journal_last(t->st), seq);
	/* the next calendar year starts again */
	c = check(t, id, S40_CASE_INPATIENT, ymd(2020, 1, 5), 3);
	assert_true(c.eligible);
	assert_int_equal(c.cap_used, 0);
	/* three out-patient visits, the fourth refused */
	for (int v = 1; v <= 3; v++) {
		a.kind = S40_CASE_OUTPATIENT;
		a.day = ymd(2019, 7, v);
		a.units = 1;
		s40_ctx_clear(&t->ctx);
		testdb_ok(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx), &t->ctx);
	}
	a.day = ymd(2019, 7, 4);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx),
			 S40_E_BENEFIT_CAP);
	/* the same case on the same day twice */
	a.day = ymd(2019, 7, 3);
	a.kind = S40_CASE_INPATIENT;
	s40_ctx_clear(&t->ctx);
	/* (cap used up, so this is the cap first) */
	assert_int_equal(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx),
			 S40_E_BENEFIT_CAP);
	struct s40_benefit_rec *v;
	size_t n;
	testdb_ok(s40_benefit_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 5);
	free(v);

	/* Option 3: 90 days */
	int64_t id3 = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 3, 1), "1111");
	a.person = id3;
	a.kind = S40_CASE_INPATIENT;
	a.day = ymd(2019, 3, 2);
	a.units = 60;
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx), &t->ctx);
	c = check(t, id3, S40_CASE_INPATIENT, ymd(2019, 3, 20), 40);
	assert_int_equal(c.cap, 90);
	assert_int_equal(c.units_paid, 30);
}

static void test_refusals(void **state)
{
	struct testdb *t = *state;
	int64_t id = member_paying(t, 1, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 6, 10), "0011");
	struct s40_benefit_ask a = { .person = id, .kind = S40_CASE_INPATIENT, .day = ymd(2019, 6, 10),
				     .units = 2 };
	struct s40_benefit_check c;
	int64_t seq = testdb_journal_last(t->st);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx),
			 S40_E_BENEFIT_INELIGIBLE);
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "at least 3 months paid"));
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "(found 2)"));
	assert_int_equal(testdb_journal_last(t->st), seq);
	a.kind = S40_CASE_OUTPATIENT;
	a.person = member_paying(t, 3, ymd(2012, 1, 1), ymd(1975, 5, 5), ymd(2019, 6, 10), "1111");
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_benefit_record(&t->reg, NULL, NULL, &a, -1, &c, &t->ctx),
			 S40_E_BENEFIT_NOT_COVERED);
	a.person = 1234545678781;
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_benefit_check(t->st, NULL, NULL, &a, &c, &t->ctx), S40_E_NOT_FOUND);
	/* a member who left is not covered after leaving */
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2019, 6, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	c = check(t, id, S40_CASE_DISABILITY, ymd(2019, 6, 10), 0);
	assert_false(cond(&c, "member")->holds);
	assert_false(c.eligible);
}

static void test_oldage(void **state)
{
	struct testdb *t = *state;
	/* Option 2, 12 months paid: 12 × 50 baht credited, provisional. Born 1959:
	 * 60 on 1 March 2019. */
	int64_t id = member_paying(t, 2, ymd(2012, 1, 1), ymd(1959, 3, 1), ymd(2019, 3, 1),
				   "111111111111");
	struct s40_benefit_check c = check(t, id, S40_CASE_OLDAGE, ymd(2019, 3, 1), 0);
	assert_true(c.provisional);
	assert_true(c.eligible);
	assert_int_equal(c.amount, 12 * 5000);
	c = check(t, id, S40_CASE_OLDAGE, ymd(2019, 2, 28), 0);
	assert_false(c.eligible); /* 59 */
	assert_false(cond(&c, "age")->holds);
	/* Option 1 has no old-age savings. */
	id = member_paying(t, 1, ymd(2012, 1, 1), ymd(1959, 3, 1), ymd(2019, 3, 1), "1111");
	c = check(t, id, S40_CASE_OLDAGE, ymd(2019, 3, 1), 0);
	assert_false(c.covered);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sickness, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_disability, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_death, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_child, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_caps, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_oldage, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
