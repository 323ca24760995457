/*
 * Unit tests of lib/registry/membership.c: enrolment (twice, idempotent,
 * overlapping, half-open spells), the age rules of DOMAIN.md §2 by date,
 * option changes (next month, once a calendar year), ends with their reasons,
 * and reading spells. After every refusal the database must be as before: the
 * journal's last entry and the person's spells unchanged.
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
#include "registry/person.h"
#include "rules/eligibility.h"
#include "testdb.h"

#define VILLAGE 75030702

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/* Register person n (1, 2, …) born on birth; returns the ID. */
static int64_t person(struct testdb *t, int n, int32_t birth)
{
	int64_t id = testdb_natid(110000000000 + n);
	char first[32];
	snprintf(first, sizeof first, "สมาชิก%d", n);
	testdb_add_person(t, id, first, "ทดสอบ", birth, VILLAGE);
	return id;
}

static enum s40_err enrol(struct testdb *t, int64_t id, int option, int32_t day, int64_t *spell_id,
			  int *changed)
{
	struct s40_enrol e = { .person = id, .option = option, .day = day };
	s40_ctx_clear(&t->ctx);
	return s40_membership_enrol(&t->reg, &e, spell_id, changed, &t->ctx);
}

/* What a refusal must not change. */
struct snap {
	int64_t last_seq;
	struct s40_spell *v;
	size_t n;
	int64_t n_all;
};

static void snap_take(struct testdb *t, int64_t id, struct snap *s)
{
	s->last_seq = testdb_journal_last(t->st);
	testdb_ok(s40_membership_list(t->st, id, &s->v, &s->n, &t->ctx), &t->ctx);
	s->n_all = testdb_n_spells(t->st, 0);
}

static void snap_check(struct testdb *t, int64_t id, struct snap *s)
{
	struct s40_spell *v;
	size_t n;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_false(s40_store_in_tx(t->st));
	assert_int_equal(testdb_journal_last(t->st), s->last_seq);
	assert_int_equal(testdb_n_spells(t->st, 0), s->n_all);
	testdb_ok(s40_membership_list(t->st, id, &v, &n, &ctx), &ctx);
	assert_int_equal(n, s->n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].spell_id, s->v[i].spell_id);
		assert_int_equal(v[i].start_day, s->v[i].start_day);
		assert_int_equal(v[i].end_day, s->v[i].end_day);
		assert_int_equal(v[i].end_reason, s->v[i].end_reason);
		assert_int_equal(v[i].option, s->v[i].option);
		assert_int_equal(v[i].journal_seq, s->v[i].journal_seq);
	}
	free(v);
	free(s->v);
	s->v = NULL;
}

/* Assert a refusal: its code, field, and that nothing changed. */
#define REFUSED(t, id, snap, call, want, fld)               \
	do {                                                \
		snap_take((t), (id), &(snap));              \
		s40_ctx_clear(&(t)->ctx);                   \
		assert_int_equal((call), (want));           \
		assert_int_equal((t)->ctx.code, (want));    \
		assert_string_equal((t)->ctx.field, (fld)); \
		snap_check((t), (id), &(snap));             \
	} while (0)

static void test_enrol(void **state)
{
	struct testdb *t = *state;
	int64_t recruiter = person(t, 1, ymd(1970, 1, 1));
	int64_t id = person(t, 2, ymd(1990, 5, 10));
	struct snap sn;
	int64_t sid = 0, sid2 = 0;
	int changed = -1;
	struct s40_enrol e = { .person = id,
			       .option = 1,
			       .day = ymd(2025, 3, 1),
			       .recruited_by = recruiter,
			       .channel = "volunteer" };
	int64_t seq = testdb_journal_last(t->st);
	testdb_ok(s40_membership_enrol(&t->reg, &e, &sid, &changed, &t->ctx), &t->ctx);
	assert_true(sid > 0);
	assert_int_equal(changed, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].spell_id, sid);
	assert_int_equal(v[0].person, id);
	assert_int_equal(v[0].province, 75);
	assert_int_equal(v[0].village, VILLAGE);
	assert_int_equal(v[0].start_day, ymd(2025, 3, 1));
	assert_int_equal(v[0].end_day, S40_NO_DAY);
	assert_int_equal(v[0].end_reason, 0);
	assert_int_equal(v[0].option, 1);
	assert_int_equal(v[0].recruited_by, recruiter);
	assert_string_equal(v[0].channel, "volunteer");
	assert_int_equal(v[0].journal_seq, seq + 1);
	assert_true(s40_spell_active(&v[0], ymd(2025, 3, 1)));
	assert_false(s40_spell_active(&v[0], ymd(2025, 2, 28)));
	assert_true(s40_spell_active(&v[0], ymd(2100, 1, 1)));
	free(v);

	struct s40_journal_entry *je;
	char entity[40];
	snprintf(entity, sizeof entity, "person:%lld", (long long)id);
	testdb_ok(s40_journal_of_entity(t->st, entity, &je, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 2);
	assert_string_equal(je[1].op, "membership.enrol");
	assert_string_equal(je[1].detail,
			    "{\"option\":1,\"start\":\"2025-03-01\",\"village\":75030702}");
	s40_journal_entries_free(je, n);

	struct s40_spell sp;
	int found = -1;
	testdb_ok(s40_membership_on(t->st, id, ymd(2025, 2, 28), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 0);
	testdb_ok(s40_membership_on(t->st, id, ymd(2025, 3, 1), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	assert_int_equal(sp.spell_id, sid);

	/* Twice: refused, whatever the day or option. */
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2025, 6, 1), NULL, NULL), S40_E_ALREADY_MEMBER,
		"id");
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2025, 3, 1), NULL, NULL), S40_E_ALREADY_MEMBER,
		"id");
	REFUSED(t, id, sn, enrol(t, id, 2, ymd(2024, 1, 1), NULL, NULL), S40_E_ALREADY_MEMBER,
		"id");

	/* Idempotent: the same start and option is not an error and writes nothing. */
	e.idempotent = 1;
	changed = -1;
	snap_take(t, id, &sn);
	testdb_ok(s40_membership_enrol(&t->reg, &e, &sid2, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(sid2, sid);
	snap_check(t, id, &sn);
	/* … but another option or day is still a second enrolment. */
	e.option = 2;
	snap_take(t, id, &sn);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx),
			 S40_E_ALREADY_MEMBER);
	snap_check(t, id, &sn);
	e.option = 1;
	e.day = ymd(2025, 3, 2);
	snap_take(t, id, &sn);
	assert_int_equal(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx),
			 S40_E_ALREADY_MEMBER);
	snap_check(t, id, &sn);

	/* Enrolling today is allowed; no recruiter and no channel are fine. */
	int64_t other = person(t, 3, ymd(1990, 1, 1));
	testdb_ok(enrol(t, other, 3, ymd(2026, 1, 1), &sid2, &changed), &t->ctx);
	assert_int_equal(changed, 1);
	testdb_ok(s40_membership_list(t->st, other, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(v[0].recruited_by, 0);
	assert_string_equal(v[0].channel, "");
	free(v);
}

static void test_enrol_refusals(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1990, 5, 10));
	struct snap sn;
	struct s40_enrol e = { .person = id, .option = 1, .day = ymd(2025, 3, 1) };

	/* A day after today. */
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2026, 1, 2), NULL, NULL), S40_E_BAD_VALUE, "date");
	/* Options 0 and 4. */
	REFUSED(t, id, sn, enrol(t, id, 0, ymd(2025, 3, 1), NULL, NULL), S40_E_BAD_OPTION,
		"option");
	REFUSED(t, id, sn, enrol(t, id, 4, ymd(2025, 3, 1), NULL, NULL), S40_E_BAD_OPTION,
		"option");
	/* A recruiter not in the register, and oneself. */
	e.recruited_by = testdb_natid(110000000099);
	snap_take(t, id, &sn);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), S40_E_NOT_FOUND);
	assert_string_equal(t->ctx.field, "recruited_by");
	snap_check(t, id, &sn);
	e.recruited_by = id;
	snap_take(t, id, &sn);
	assert_int_equal(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "recruited_by");
	snap_check(t, id, &sn);
	/* A channel not in the list. */
	e.recruited_by = 0;
	e.channel = "television";
	snap_take(t, id, &sn);
	assert_int_equal(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "channel");
	snap_check(t, id, &sn);
	/* Someone not registered. */
	int64_t nobody = testdb_natid(110000000098);
	REFUSED(t, nobody, sn, enrol(t, nobody, 1, ymd(2025, 3, 1), NULL, NULL), S40_E_NOT_FOUND,
		"id");
	/* Not recorded as Thai. */
	struct s40_person p;
	testdb_person(&p, testdb_natid(110000000097), "ต่างชาติ", "ทดสอบ", ymd(1990, 1, 1), VILLAGE);
	p.thai = 0;
	testdb_ok(s40_person_add(&t->reg, &p, NULL, &t->ctx), &t->ctx);
	REFUSED(t, p.id, sn, enrol(t, p.id, 1, ymd(2025, 3, 1), NULL, NULL), S40_E_INELIGIBLE,
		"nationality");
	assert_non_null(strstr(t->ctx.msg_en, "not recorded as Thai nationality"));
}

/* Ages by the rule in force on the day (DOMAIN.md §2). */
static void test_ages(void **state)
{
	struct testdb *t = *state;
	static const struct {
		const char *what;
		int by, bm, bd; /* birth */
		int y, m, d; /* refused on */
		const char *why; /* in the English refusal */
		int ay, am, ad; /* then allowed on */
	} cases[] = {
		{ "14 the day before 15", 2010, 6, 1, 2025, 5, 31,
		  "aged 14 full years, under the minimum of 15", 2025, 6, 1 },
		{ "66 on the 66th birthday", 1959, 12, 1, 2025, 12, 1,
		  "aged 66 full years, over the maximum of 65", 2025, 11, 30 },
		{ "61 before 24 Jun 2020", 1959, 1, 1, 2020, 6, 23,
		  "aged 61 full years, over the maximum of 60", 2020, 6, 24 },
		{ "66 after 24 Jun 2020", 1954, 7, 1, 2020, 7, 1,
		  "aged 66 full years, over the maximum of 65", 2020, 6, 30 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct snap sn;
		int64_t id = person(t, (int)i + 1, ymd(cases[i].by, cases[i].bm, cases[i].bd));
		snap_take(t, id, &sn);
		enum s40_err rc =
			enrol(t, id, 1, ymd(cases[i].y, cases[i].m, cases[i].d), NULL, NULL);
		if (rc != S40_E_INELIGIBLE || strstr(t->ctx.msg_en, cases[i].why) == NULL)
			print_error("case '%s': %s: %s\n", cases[i].what, s40_errname(rc),
				    t->ctx.msg_en);
		assert_int_equal(rc, S40_E_INELIGIBLE);
		assert_string_equal(t->ctx.field, "birth_date");
		assert_non_null(strstr(t->ctx.msg_en, cases[i].why));
		assert_true(t->ctx.msg_th[0] != '\0');
		snap_check(t, id, &sn);
		int changed = 0;
		testdb_ok(enrol(t, id, 1, ymd(cases[i].ay, cases[i].am, cases[i].ad), NULL,
				&changed),
			  &t->ctx);
		assert_int_equal(changed, 1);
	}

	/* Every reason is given, not just the first: 14 and not Thai. */
	struct s40_person p;
	struct snap sn;
	testdb_person(&p, testdb_natid(110000000050), "เด็ก", "ต่างชาติ", ymd(2011, 1, 1), VILLAGE);
	p.thai = 0;
	testdb_ok(s40_person_add(&t->reg, &p, NULL, &t->ctx), &t->ctx);
	REFUSED(t, p.id, sn, enrol(t, p.id, 1, ymd(2025, 12, 31), NULL, NULL), S40_E_INELIGIBLE,
		"birth_date");
	assert_non_null(strstr(t->ctx.msg_en, "aged 14 full years"));
	assert_non_null(strstr(t->ctx.msg_en, "; not recorded as Thai nationality"));
}

static void test_overlap(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1980, 1, 1));
	struct snap sn;
	int64_t s1, s2;
	testdb_ok(enrol(t, id, 1, ymd(2024, 1, 1), &s1, NULL), &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2024, 6, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);

	/* Any start before the end of the ended spell overlaps it. */
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2024, 5, 31), NULL, NULL), S40_E_OVERLAP, "date");
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2024, 1, 1), NULL, NULL), S40_E_OVERLAP, "date");
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2023, 12, 1), NULL, NULL), S40_E_OVERLAP, "date");

	/* Spells are half-open: a new one may start on the end day. */
	testdb_ok(enrol(t, id, 2, ymd(2024, 6, 1), &s2, NULL), &t->ctx);
	assert_true(s2 != s1);
	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].spell_id, s1);
	assert_int_equal(v[0].end_day, ymd(2024, 6, 1));
	assert_int_equal(v[0].end_reason, S40_END_RESIGNED);
	assert_int_equal(v[1].spell_id, s2);
	assert_int_equal(v[1].end_day, S40_NO_DAY);
	free(v);

	struct s40_spell sp;
	int found;
	testdb_ok(s40_membership_on(t->st, id, ymd(2024, 5, 31), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	assert_int_equal(sp.spell_id, s1);
	testdb_ok(s40_membership_on(t->st, id, ymd(2024, 6, 1), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	assert_int_equal(sp.spell_id, s2);
	testdb_ok(s40_membership_on(t->st, id, ymd(2023, 12, 31), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 0);
}

static void test_option_change(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1980, 1, 1));
	struct snap sn;
	int64_t sid;
	testdb_ok(enrol(t, id, 1, ymd(2025, 3, 1), &sid, NULL), &t->ctx);
	struct s40_spell sp;
	int found, opt;
	testdb_ok(s40_membership_on(t->st, id, ymd(2025, 3, 1), &sp, &found, &t->ctx), &t->ctx);

	int32_t from = 0;
	testdb_ok(s40_membership_change_option(&t->reg, id, 2, ymd(2025, 4, 15), &from, &t->ctx),
		  &t->ctx);
	assert_int_equal(from, s40_month_from_ym(2025, 5));
	static const struct {
		int y, m, want;
	} in1[] = {
		{ 2025, 3, 1 }, { 2025, 4, 1 }, { 2025, 5, 2 }, { 2025, 12, 2 }, { 2030, 1, 2 }
	};
	for (size_t i = 0; i < sizeof in1 / sizeof in1[0]; i++) {
		testdb_ok(s40_membership_option_in(
				  t->st, &sp, s40_month_from_ym(in1[i].y, in1[i].m), &opt, &t->ctx),
			  &t->ctx);
		assert_int_equal(opt, in1[i].want);
	}
	struct s40_journal_entry *je;
	size_t n;
	char entity[40];
	snprintf(entity, sizeof entity, "person:%lld", (long long)id);
	testdb_ok(s40_journal_of_entity(t->st, entity, &je, &n, &t->ctx), &t->ctx);
	assert_string_equal(je[n - 1].op, "membership.option");
	assert_string_equal(je[n - 1].detail, "{\"old\":1,\"new\":2,\"from\":\"2025-05\"}");
	s40_journal_entries_free(je, n);

	/* A second change in 2025, even to another option, is refused. */
	REFUSED(t, id, sn,
		s40_membership_change_option(&t->reg, id, 3, ymd(2025, 11, 20), NULL, &t->ctx),
		S40_E_OPTION_YEARLY, "option");
	REFUSED(t, id, sn,
		s40_membership_change_option(&t->reg, id, 1, ymd(2025, 12, 31), NULL, &t->ctx),
		S40_E_OPTION_YEARLY, "option");
	/* In 2026 it is allowed again, from February. */
	testdb_ok(s40_membership_change_option(&t->reg, id, 3, ymd(2026, 1, 1), &from, &t->ctx),
		  &t->ctx);
	assert_int_equal(from, s40_month_from_ym(2026, 2));
	static const struct {
		int y, m, want;
	} in2[] = { { 2025, 4, 1 }, { 2025, 5, 2 }, { 2026, 1, 2 }, { 2026, 2, 3 }, { 2027, 6, 3 } };
	for (size_t i = 0; i < sizeof in2 / sizeof in2[0]; i++) {
		testdb_ok(s40_membership_option_in(
				  t->st, &sp, s40_month_from_ym(in2[i].y, in2[i].m), &opt, &t->ctx),
			  &t->ctx);
		assert_int_equal(opt, in2[i].want);
	}
	REFUSED(t, id, sn,
		s40_membership_change_option(&t->reg, id, 1, ymd(2026, 1, 1), NULL, &t->ctx),
		S40_E_OPTION_YEARLY, "option");

	/* The option in force: no change to make. */
	int64_t b = person(t, 2, ymd(1985, 1, 1));
	testdb_ok(enrol(t, b, 2, ymd(2025, 6, 1), NULL, NULL), &t->ctx);
	REFUSED(t, b, sn,
		s40_membership_change_option(&t->reg, b, 2, ymd(2025, 8, 1), NULL, &t->ctx),
		S40_E_SAME_OPTION, "option");
	/* Before the spell began, in the future, option 5, not a member. */
	REFUSED(t, b, sn,
		s40_membership_change_option(&t->reg, b, 3, ymd(2025, 5, 31), NULL, &t->ctx),
		S40_E_BEFORE_START, "date");
	REFUSED(t, b, sn,
		s40_membership_change_option(&t->reg, b, 3, ymd(2026, 1, 2), NULL, &t->ctx),
		S40_E_BAD_VALUE, "date");
	REFUSED(t, b, sn,
		s40_membership_change_option(&t->reg, b, 5, ymd(2025, 8, 1), NULL, &t->ctx),
		S40_E_BAD_OPTION, "option");
	int64_t c = person(t, 3, ymd(1985, 1, 1));
	REFUSED(t, c, sn,
		s40_membership_change_option(&t->reg, c, 3, ymd(2025, 8, 1), NULL, &t->ctx),
		S40_E_NOT_MEMBER, "id");
	/* A request in December is in force from January. */
	testdb_ok(s40_membership_change_option(&t->reg, b, 3, ymd(2025, 12, 15), &from, &t->ctx),
		  &t->ctx);
	assert_int_equal(from, s40_month_from_ym(2026, 1));
}

static void test_end(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1980, 1, 1));
	struct snap sn;

	/* Each reason, on spells one after the other, death last. */
	static const int reasons[] = { S40_END_TO_S33,	      S40_END_TO_S39,
				       S40_END_CIVIL_SERVANT, S40_END_STATE_ENTERPRISE,
				       S40_END_RESIGNED,      S40_END_CORRECTION,
				       S40_END_DEATH };
	static const char *const keys[] = {
		"s33", "s39", "civil_servant", "state_enterprise", "resigned", "correction", "death"
	};
	const size_t n_reasons = sizeof reasons / sizeof reasons[0];
	int32_t day = ymd(2020, 7, 1);
	for (size_t i = 0; i < n_reasons; i++) {
		testdb_ok(enrol(t, id, 1, day, NULL, NULL), &t->ctx);
		int64_t seq = testdb_journal_last(t->st);
		testdb_ok(s40_membership_end(&t->reg, id, day + 100, reasons[i], &t->ctx), &t->ctx);
		assert_int_equal(testdb_journal_last(t->st), seq + 1);
		day += 100;
	}
	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, id, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, n_reasons);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].start_day, ymd(2020, 7, 1) + 100 * (int32_t)i);
		assert_int_equal(v[i].end_day, v[i].start_day + 100);
		assert_int_equal(v[i].end_reason, reasons[i]);
	}
	free(v);
	struct s40_journal_entry *je;
	char entity[40];
	snprintf(entity, sizeof entity, "person:%lld", (long long)id);
	testdb_ok(s40_journal_of_entity(t->st, entity, &je, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1 + 2 * n_reasons);
	for (size_t i = 0; i < n_reasons; i++) {
		char want[96], iso[16];
		int y, m, d;
		s40_day_to_ymd(ymd(2020, 7, 1) + 100 * (int32_t)(i + 1), &y, &m, &d);
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
		snprintf(want, sizeof want, "{\"end\":\"%s\",\"reason\":\"%s\"}", iso, keys[i]);
		assert_string_equal(je[2 + 2 * i].op, "membership.end");
		assert_string_equal(je[2 + 2 * i].detail, want);
	}
	s40_journal_entries_free(je, n);

	/* Refusals on an open spell. */
	int64_t b = person(t, 2, ymd(1980, 1, 1));
	testdb_ok(enrol(t, b, 1, ymd(2025, 3, 1), NULL, NULL), &t->ctx);
	REFUSED(t, b, sn,
		s40_membership_end(&t->reg, b, ymd(2025, 2, 28), S40_END_RESIGNED, &t->ctx),
		S40_E_BEFORE_START, "date");
	REFUSED(t, b, sn,
		s40_membership_end(&t->reg, b, ymd(2026, 1, 2), S40_END_RESIGNED, &t->ctx),
		S40_E_BAD_VALUE, "date");
	REFUSED(t, b, sn, s40_membership_end(&t->reg, b, ymd(2025, 6, 1), 8, &t->ctx),
		S40_E_BAD_REASON, "reason");
	REFUSED(t, b, sn, s40_membership_end(&t->reg, b, ymd(2025, 6, 1), 0, &t->ctx),
		S40_E_BAD_REASON, "reason");
	REFUSED(t, b, sn, s40_membership_end(&t->reg, b, ymd(2025, 6, 1), -1, &t->ctx),
		S40_E_BAD_REASON, "reason");
	/* No open spell; not registered. */
	REFUSED(t, id, sn,
		s40_membership_end(&t->reg, id, ymd(2025, 6, 1), S40_END_RESIGNED, &t->ctx),
		S40_E_NOT_MEMBER, "id");
	int64_t nobody = testdb_natid(110000000099);
	REFUSED(t, nobody, sn,
		s40_membership_end(&t->reg, nobody, ymd(2025, 6, 1), S40_END_RESIGNED, &t->ctx),
		S40_E_NOT_FOUND, "id");

	/* Ending on the start day is allowed: a spell of no days, never active. */
	testdb_ok(s40_membership_end(&t->reg, b, ymd(2025, 3, 1), S40_END_CORRECTION, &t->ctx),
		  &t->ctx);
	struct s40_spell sp;
	int found;
	testdb_ok(s40_membership_on(t->st, b, ymd(2025, 3, 1), &sp, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 0);
	/* And after the end, no option change either. */
	REFUSED(t, b, sn,
		s40_membership_change_option(&t->reg, b, 2, ymd(2025, 6, 1), NULL, &t->ctx),
		S40_E_NOT_MEMBER, "id");
}

/* Once a calendar year per person: ending and joining again grants no second
 * change in the same year. */
static void test_option_yearly_across_spells(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1980, 1, 1));
	struct snap sn;
	testdb_ok(enrol(t, id, 1, ymd(2025, 1, 10), NULL, NULL), &t->ctx);
	testdb_ok(s40_membership_change_option(&t->reg, id, 2, ymd(2025, 2, 1), NULL, &t->ctx),
		  &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, id, ymd(2025, 5, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	testdb_ok(enrol(t, id, 1, ymd(2025, 7, 1), NULL, NULL), &t->ctx);
	REFUSED(t, id, sn,
		s40_membership_change_option(&t->reg, id, 3, ymd(2025, 8, 1), NULL, &t->ctx),
		S40_E_OPTION_YEARLY, "option");
	testdb_ok(s40_membership_change_option(&t->reg, id, 3, ymd(2026, 1, 1), NULL, &t->ctx),
		  &t->ctx);
}

/* Cover elsewhere recorded from a day after the enrolment, up to today, would
 * overlap the new spell: refused. Cover starting after today is not in force
 * yet and does not stop it. */
static void test_enrol_before_recorded_cover(void **state)
{
	struct testdb *t = *state;
	int64_t id = person(t, 1, ymd(1980, 1, 1));
	struct snap sn;
	struct s40_excl_rec x = { .person = id,
				  .e = { .kind = S40_EXCL_S39,
					 .start_day = ymd(2024, 1, 1),
					 .end_day = S40_NO_DAY } };
	testdb_ok(s40_exclusion_add(&t->reg, &x, NULL, NULL, &t->ctx), &t->ctx);
	REFUSED(t, id, sn, enrol(t, id, 1, ymd(2023, 6, 1), NULL, NULL), S40_E_INELIGIBLE,
		"exclusion");
	assert_non_null(strstr(t->ctx.msg_en, "1 January 2024"));

	int64_t b = person(t, 2, ymd(1980, 1, 1));
	struct s40_excl_rec y = { .person = b,
				  .e = { .kind = S40_EXCL_S33,
					 .start_day = ymd(2026, 6, 1),
					 .end_day = S40_NO_DAY } };
	testdb_ok(s40_exclusion_add(&t->reg, &y, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(enrol(t, b, 1, ymd(2025, 6, 1), NULL, NULL), &t->ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enrol, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_enrol_refusals, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_ages, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_overlap, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_option_change, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_end, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_option_yearly_across_spells, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_enrol_before_recorded_cover, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
