/*
 * Unit tests of lib/registry/exclusion.c: recording cover under another
 * scheme (the same again, a changed end or source), refusing bad records,
 * ending the open Section 40 membership it replaces, and its effect on
 * enrolment while in force and after it ended.
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
#include "registry/journal.h"
#include "registry/membership.h"
#include "testdb.h"

#define VILLAGE 75030501

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t person(struct testdb *t, int n)
{
	int64_t id = testdb_natid(120000000000 + n);
	testdb_add_person(t, id, "ผู้ทดสอบ", "ยกเว้น", ymd(1980, 1, 1), VILLAGE);
	return id;
}

static struct s40_excl_rec excl(int64_t id, int kind, int32_t start, int32_t end,
				const char *source)
{
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	x.person = id;
	x.e.kind = kind;
	x.e.start_day = start;
	x.e.end_day = end;
	snprintf(x.source, sizeof x.source, "%s", source);
	return x;
}

static enum s40_err add(struct testdb *t, const struct s40_excl_rec *x, int *changed, int *ended)
{
	s40_ctx_clear(&t->ctx);
	return s40_exclusion_add(&t->reg, x, changed, ended, &t->ctx);
}

static enum s40_err enrol(struct testdb *t, int64_t id, int32_t day)
{
	struct s40_enrol e = { .person = id, .option = 1, .day = day };
	s40_ctx_clear(&t->ctx);
	return s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx);
}

static void test_add_same_update(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1);
	int changed = -1, ended = -1;
	struct s40_excl_rec x =
		excl(id, S40_EXCL_S33, ymd(2024, 1, 1), S40_NO_DAY, "สปส. ม.33 ธ.ค. 2568");
	int64_t seq = testdb_journal_last(t->st);
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(ended, 0);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	struct s40_excl_rec *v;
	size_t n;
	testdb_ok(s40_exclusion_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	int64_t xid = v[0].excl_id;
	assert_true(xid > 0);
	assert_int_equal(v[0].person, id);
	assert_int_equal(v[0].e.kind, S40_EXCL_S33);
	assert_int_equal(v[0].e.start_day, ymd(2024, 1, 1));
	assert_int_equal(v[0].e.end_day, S40_NO_DAY);
	assert_string_equal(v[0].source, "สปส. ม.33 ธ.ค. 2568");
	free(v);

	/* The same again: nothing. */
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(ended, 0);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	/* A changed end updates that record. */
	x.e.end_day = ymd(2025, 6, 30);
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 2);
	testdb_ok(s40_exclusion_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].excl_id, xid);
	assert_int_equal(v[0].e.end_day, ymd(2025, 6, 30));
	free(v);
	/* So does a changed source. */
	snprintf(x.source, sizeof x.source, "สปส. ม.33 ม.ค. 2569");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	testdb_ok(s40_exclusion_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].source, "สปส. ม.33 ม.ค. 2569");
	free(v);

	char entity[40];
	snprintf(entity, sizeof entity, "person:%lld", (long long)id);
	struct s40_journal_entry *je;
	testdb_ok(s40_journal_of_entity(t->st, entity, &je, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 4);
	assert_string_equal(je[1].op, "exclusion.add");
	assert_string_equal(je[1].detail,
			    "{\"kind\":\"s33\",\"start\":\"2024-01-01\",\"end\":\"\"}");
	assert_string_equal(je[2].op, "exclusion.update");
	assert_string_equal(je[2].detail,
			    "{\"kind\":\"s33\",\"start\":\"2024-01-01\",\"end\":\"2025-06-30\"}");
	assert_string_equal(je[3].op, "exclusion.update");
	s40_journal_entries_free(je, n);

	/* Another kind, or another start, is another record; so is one with no
	 * start. Someone not (yet) in the register may be recorded too. */
	struct s40_excl_rec y = excl(id, S40_EXCL_CIVIL_SERVANT, ymd(2024, 1, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &y, &changed, NULL), &t->ctx);
	assert_int_equal(changed, 1);
	y.e.start_day = S40_NO_DAY;
	testdb_ok(add(t, &y, &changed, NULL), &t->ctx);
	assert_int_equal(changed, 1);
	testdb_ok(add(t, &y, &changed, NULL), &t->ctx);
	assert_int_equal(changed, 0);
	testdb_ok(s40_exclusion_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 3);
	free(v);
	int64_t stranger = testdb_natid(120000000099);
	struct s40_excl_rec z = excl(stranger, S40_EXCL_S39, ymd(2020, 1, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &z, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(ended, 0);
	testdb_ok(s40_exclusion_list(t->st, stranger, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	free(v);
}

static void test_refusals(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1);
	static const struct {
		const char *what;
		int64_t person;
		int kind;
		int sy, sm, sd, ey, em, ed;
		enum s40_err want;
		const char *field;
	} cases[] = {
		{ "check digit", 1112034563561, S40_EXCL_S33, 2024, 1, 1, 0, 0, 0, S40_E_BAD_ID,
		  "id" },
		{ "kind 0", 0, 0, 2024, 1, 1, 0, 0, 0, S40_E_BAD_REASON, "kind" },
		{ "kind 5", 0, 5, 2024, 1, 1, 0, 0, 0, S40_E_BAD_REASON, "kind" },
		{ "end before start", 0, S40_EXCL_S39, 2024, 1, 1, 2023, 12, 31, S40_E_BAD_VALUE,
		  "end_date" },
	};
	int64_t seq = testdb_journal_last(t->st);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_excl_rec x = excl(
			cases[i].person ? cases[i].person : id, cases[i].kind,
			ymd(cases[i].sy, cases[i].sm, cases[i].sd),
			cases[i].ey ? ymd(cases[i].ey, cases[i].em, cases[i].ed) : S40_NO_DAY, "");
		int changed = -1, ended = -1;
		enum s40_err rc = add(t, &x, &changed, &ended);
		if (rc != cases[i].want)
			print_error("case '%s': %s: %s\n", cases[i].what, s40_errname(rc),
				    t->ctx.msg_en);
		assert_int_equal(rc, cases[i].want);
		assert_string_equal(t->ctx.field, cases[i].field);
		assert_int_equal(changed, 0);
		assert_int_equal(ended, 0);
		assert_int_equal(testdb_journal_last(t->st), seq);
		assert_false(s40_store_in_tx(t->st));
		struct s40_excl_rec *v;
		size_t n;
		testdb_ok(s40_exclusion_list(t->st, x.person, &v, &n, &t->ctx), &t->ctx);
		assert_int_equal(n, 0);
		free(v);
	}
}

static void test_ends_membership(void **state)
{
	struct testdb *t = *state;
	int changed, ended;
	struct s40_spell *v;
	size_t n;

	/* A member moves to Section 33 on 1 Jul 2025: the spell ends that day. */
	int64_t a = person(t, 1);
	testdb_ok(enrol(t, a, ymd(2024, 1, 1)), &t->ctx);
	int64_t seq = testdb_journal_last(t->st);
	struct s40_excl_rec x = excl(a, S40_EXCL_S33, ymd(2025, 7, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(ended, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 2);
	testdb_ok(s40_membership_list(t->st, a, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].end_day, ymd(2025, 7, 1));
	assert_int_equal(v[0].end_reason, S40_END_TO_S33);
	assert_int_equal(v[0].journal_seq, seq + 2);
	free(v);
	char entity[40];
	snprintf(entity, sizeof entity, "person:%lld", (long long)a);
	struct s40_journal_entry *je;
	testdb_ok(s40_journal_of_entity(t->st, entity, &je, &n, &t->ctx), &t->ctx);
	assert_string_equal(je[n - 2].op, "exclusion.add");
	assert_string_equal(je[n - 1].op, "membership.end");
	assert_string_equal(je[n - 1].detail, "{\"end\":\"2025-07-01\",\"reason\":\"s33\"}");
	s40_journal_entries_free(je, n);

	/* While it is in force, enrolment is refused with the reason. */
	seq = testdb_journal_last(t->st);
	assert_int_equal(enrol(t, a, ymd(2025, 8, 1)), S40_E_INELIGIBLE);
	assert_string_equal(t->ctx.field, "exclusion");
	assert_non_null(strstr(t->ctx.msg_en, "insured under Section 33"));
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_int_equal(testdb_n_spells(t->st, a), 1);
	/* Recording it again ends nothing more. */
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(ended, 0);

	/* Cover that began before the spell ends it on its first day. */
	int64_t b = person(t, 2);
	testdb_ok(enrol(t, b, ymd(2025, 1, 1)), &t->ctx);
	x = excl(b, S40_EXCL_S39, ymd(2024, 1, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(ended, 1);
	testdb_ok(s40_membership_list(t->st, b, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(v[0].end_day, ymd(2025, 1, 1));
	assert_int_equal(v[0].end_reason, S40_END_TO_S39);
	free(v);

	/* Cover that ended before the spell began leaves it alone; so does cover
	 * that starts after today. */
	int64_t c = person(t, 3);
	testdb_ok(enrol(t, c, ymd(2025, 1, 1)), &t->ctx);
	x = excl(c, S40_EXCL_CIVIL_SERVANT, ymd(2010, 1, 1), ymd(2015, 12, 31), "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(ended, 0);
	x = excl(c, S40_EXCL_STATE_ENTERPRISE, ymd(2026, 2, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(ended, 0);
	testdb_ok(s40_membership_list(t->st, c, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(v[0].end_day, S40_NO_DAY);
	free(v);

	/* The reason each kind gives. */
	static const struct {
		int kind, reason;
	} kinds[] = { { S40_EXCL_CIVIL_SERVANT, S40_END_CIVIL_SERVANT },
		      { S40_EXCL_STATE_ENTERPRISE, S40_END_STATE_ENTERPRISE } };
	for (size_t i = 0; i < 2; i++) {
		int64_t d = person(t, 10 + (int)i);
		testdb_ok(enrol(t, d, ymd(2025, 1, 1)), &t->ctx);
		x = excl(d, kinds[i].kind, ymd(2025, 10, 1), S40_NO_DAY, "");
		testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
		assert_int_equal(ended, 1);
		testdb_ok(s40_membership_list(t->st, d, &v, &n, &t->ctx), &t->ctx);
		assert_int_equal(v[0].end_day, ymd(2025, 10, 1));
		assert_int_equal(v[0].end_reason, kinds[i].reason);
		free(v);
	}
}

static void test_enrol_after_cover_ended(void **state)
{
	struct testdb *t = *state;
	int changed, ended;
	int64_t a = person(t, 1);
	struct s40_excl_rec x =
		excl(a, S40_EXCL_STATE_ENTERPRISE, ymd(2018, 1, 1), ymd(2020, 12, 31), "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	/* The end day is the last day covered: refused on it, allowed after. */
	assert_int_equal(enrol(t, a, ymd(2020, 12, 31)), S40_E_INELIGIBLE);
	assert_non_null(strstr(t->ctx.msg_en, "state-enterprise"));
	assert_int_equal(enrol(t, a, ymd(2018, 1, 1)), S40_E_INELIGIBLE);
	testdb_ok(enrol(t, a, ymd(2021, 1, 1)), &t->ctx);
	assert_int_equal(testdb_n_spells(t->st, a), 1);

	/* Cover with no end refuses every day from its start. */
	int64_t b = person(t, 2);
	x = excl(b, S40_EXCL_S39, ymd(2024, 1, 1), S40_NO_DAY, "");
	testdb_ok(add(t, &x, &changed, &ended), &t->ctx);
	assert_int_equal(enrol(t, b, ymd(2024, 1, 1)), S40_E_INELIGIBLE);
	assert_int_equal(enrol(t, b, ymd(2026, 1, 1)), S40_E_INELIGIBLE);
	assert_non_null(strstr(t->ctx.msg_en, "insured under Section 39"));
	assert_int_equal(testdb_n_spells(t->st, b), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_same_update, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_ends_membership, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_enrol_after_cover_ended, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
