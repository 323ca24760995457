/*
 * Unit tests of lib/registry/event.c: recording events with their staff,
 * refusing bad ones without writing, listing by area and days, and enrolments
 * pointing to the event at which they were made (s40_enrol.event).
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
#include "registry/event.h"
#include "registry/membership.h"
#include "registry/network.h"
#include "testdb.h"

#define VILLAGE 75030505

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t person(struct testdb *t, int n)
{
	int64_t id = testdb_natid(140000000000 + n);
	testdb_add_person(t, id, "ผู้ร่วม", "กิจกรรม", ymd(1985, 5, 5), VILLAGE);
	return id;
}

static enum s40_err add_event(struct testdb *t, struct s40_event *e, int kind, int32_t village,
			      int32_t day, const int64_t *staff, size_t n)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->village = village;
	e->day = day;
	snprintf(e->place, sizeof e->place, "  ศาลาประชาคม   (สะพานบุญยินดี) ");
	s40_ctx_clear(&t->ctx);
	return s40_event_add(&t->reg, e, staff, n, &t->ctx);
}

static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(s40_event_kind_parse("registration"), S40_EVENT_REGISTRATION);
	assert_int_equal(s40_event_kind_parse("รณรงค์"), S40_EVENT_CAMPAIGN);
	assert_int_equal(s40_event_kind_parse("visit"), S40_EVENT_VISIT);
	assert_int_equal(s40_event_kind_parse("party"), 0);
	assert_string_equal(s40_event_kind_name(S40_EVENT_REGISTRATION, S40_LANG_TH), "วันรับสมัคร");
}

static void test_event_and_enrolments(void **state)
{
	struct testdb *t = *state;
	int64_t staff = person(t, 1), member = person(t, 2), late = person(t, 3);
	struct s40_net_add a = {
		.person = staff, .role = S40_ROLE_STAFF, .area = 75, .from_day = ymd(2019, 1, 1)
	};
	testdb_ok(s40_network_add(&t->reg, &a, NULL, &t->ctx), &t->ctx);

	struct s40_event e;
	int64_t ids[1] = { staff };
	testdb_ok(add_event(t, &e, S40_EVENT_REGISTRATION, VILLAGE, ymd(2019, 11, 8), ids, 1),
		  &t->ctx);
	assert_true(e.event_id > 0);
	struct s40_event got;
	testdb_ok(s40_event_get(t->st, e.event_id, &got, &t->ctx), &t->ctx);
	assert_int_equal(got.day, ymd(2019, 11, 8));
	assert_int_equal(got.village, VILLAGE);
	assert_string_equal(got.place, "ศาลาประชาคม (สะพานบุญยินดี)");
	int64_t *st;
	size_t n;
	testdb_ok(s40_event_staff(t->st, e.event_id, &st, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_true(st[0] == staff);
	free(st);

	/* An enrolment at the event points to it; one on another day is refused
	 * and writes nothing. */
	struct s40_enrol en = { .person = member,
				.option = 1,
				.day = ymd(2019, 11, 8),
				.channel = "event",
				.event = e.event_id };
	testdb_ok(s40_membership_enrol(&t->reg, &en, NULL, NULL, &t->ctx), &t->ctx);
	int64_t k = 0;
	testdb_ok(s40_event_n_enrolments(t->st, e.event_id, &k, &t->ctx), &t->ctx);
	assert_int_equal(k, 1);
	int64_t seq = testdb_journal_last(t->st);
	struct s40_enrol bad = {
		.person = late, .option = 1, .day = ymd(2019, 11, 9), .event = e.event_id
	};
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_membership_enrol(&t->reg, &bad, NULL, NULL, &t->ctx), S40_E_EVENT_DAY);
	bad.day = ymd(2019, 11, 8);
	bad.event = e.event_id + 100;
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_membership_enrol(&t->reg, &bad, NULL, NULL, &t->ctx), S40_E_NOT_FOUND);
	assert_string_equal(t->ctx.field, "event");
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_int_equal(testdb_n_spells(t->st, late), 0);
	testdb_ok(s40_event_n_enrolments(t->st, e.event_id, &k, &t->ctx), &t->ctx);
	assert_int_equal(k, 1);

	/* Listing by area and days. */
	struct s40_event *v;
	testdb_ok(s40_event_list(t->st, 7503, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	free(v);
	testdb_ok(s40_event_list(t->st, 7501, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	free(v);
	testdb_ok(s40_event_list(t->st, 75, ymd(2018, 10, 1), ymd(2019, 9, 30), &v, &n, &t->ctx),
		  &t->ctx);
	assert_int_equal(n, 0);
	free(v);
}

static void test_refusals(void **state)
{
	struct testdb *t = *state;
	int64_t staff = person(t, 1), outsider = person(t, 2);
	struct s40_net_add a = {
		.person = staff, .role = S40_ROLE_STAFF, .area = 75, .from_day = ymd(2019, 1, 1)
	};
	testdb_ok(s40_network_add(&t->reg, &a, NULL, &t->ctx), &t->ctx);
	int64_t seq = testdb_journal_last(t->st);
	struct s40_event e;
	int64_t ids[2] = { staff, outsider }, twice[2] = { staff, staff };
	assert_int_equal(add_event(t, &e, 9, VILLAGE, ymd(2019, 11, 8), NULL, 0), S40_E_BAD_VALUE);
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, 750305, ymd(2019, 11, 8), NULL, 0),
			 S40_E_BAD_AREA);
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, 75030599, ymd(2019, 11, 8), NULL, 0),
			 S40_E_UNKNOWN_AREA);
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, VILLAGE, ymd(2026, 1, 2), NULL, 0),
			 S40_E_BAD_VALUE);
	/* staff not in the network, or before they joined, or twice */
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, VILLAGE, ymd(2019, 11, 8), ids, 2),
			 S40_E_NOT_NETWORK);
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, VILLAGE, ymd(2018, 11, 8), ids, 1),
			 S40_E_NOT_NETWORK);
	assert_int_equal(add_event(t, &e, S40_EVENT_VISIT, VILLAGE, ymd(2019, 11, 8), twice, 2),
			 S40_E_BAD_VALUE);
	assert_int_equal(testdb_journal_last(t->st), seq);
	struct s40_event *v;
	size_t n;
	testdb_ok(s40_event_list(t->st, 0, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test_setup_teardown(test_event_and_enrolments, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
