/*
 * Unit tests of lib/registry/network.c: adding network members with their
 * checks (registered, role, area, dates, one open period, supervisor active,
 * covering the area and not a loop), ending a period, reading periods back and
 * listing by area and days; every refusal leaves the database as it was.
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
#include "registry/network.h"
#include "testdb.h"

#define VILLAGE 75030505

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t person(struct testdb *t, int n)
{
	int64_t id = testdb_natid(130000000000 + n);
	testdb_add_person(t, id, "อาสา", "เครือข่าย", ymd(1980, 1, 1), VILLAGE);
	return id;
}

static enum s40_err add(struct testdb *t, int64_t id, int role, int32_t area, int64_t sup,
			int32_t from)
{
	struct s40_net_add a = {
		.person = id, .role = role, .area = area, .supervisor = sup, .from_day = from
	};
	s40_ctx_clear(&t->ctx);
	return s40_network_add(&t->reg, &a, NULL, &t->ctx);
}

static int64_t n_periods(struct testdb *t)
{
	struct s40_net_member *v;
	size_t n;
	testdb_ok(s40_network_list(t->st, 0, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	free(v);
	return (int64_t)n;
}

static void test_roles(void **state)
{
	(void)state;
	assert_int_equal(s40_net_role_parse("volunteer"), S40_ROLE_VOLUNTEER);
	assert_int_equal(s40_net_role_parse("ผู้นำชุมชน"), S40_ROLE_LEADER);
	assert_int_equal(s40_net_role_parse("local-leader"), S40_ROLE_LEADER);
	assert_int_equal(s40_net_role_parse("staff"), S40_ROLE_STAFF);
	assert_int_equal(s40_net_role_parse("representative"), S40_ROLE_REPRESENTATIVE);
	assert_int_equal(s40_net_role_parse("boss"), 0);
	assert_string_equal(s40_net_role_key(S40_ROLE_LEADER), "leader");
	assert_string_equal(s40_net_role_name(S40_ROLE_VOLUNTEER, S40_LANG_TH), "อาสาสมัครแรงงาน");
	assert_string_equal(s40_net_role_key(9), "");
}

static void test_add_end_list(void **state)
{
	struct testdb *t = *state;
	int64_t staff = person(t, 1), rep = person(t, 2), vol = person(t, 3);
	testdb_ok(add(t, staff, S40_ROLE_STAFF, 75, 0, ymd(2018, 1, 1)), &t->ctx);
	testdb_ok(add(t, rep, S40_ROLE_REPRESENTATIVE, 7503, staff, ymd(2018, 2, 1)), &t->ctx);
	int64_t seq = testdb_journal_last(t->st);
	testdb_ok(add(t, vol, S40_ROLE_VOLUNTEER, 750305, rep, ymd(2018, 3, 1)), &t->ctx);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	struct s40_net_member m;
	int found = 0;
	testdb_ok(s40_network_on(t->st, vol, ymd(2018, 3, 1), &m, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	assert_int_equal(m.role, S40_ROLE_VOLUNTEER);
	assert_int_equal(m.area, 750305);
	assert_true(m.supervisor == rep);
	assert_int_equal(m.end_day, S40_NO_DAY);
	testdb_ok(s40_network_on(t->st, vol, ymd(2018, 2, 28), &m, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 0);

	/* Ended: the end day is the first day not active. */
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_network_end(&t->reg, vol, ymd(2019, 6, 1), &t->ctx), &t->ctx);
	testdb_ok(s40_network_on(t->st, vol, ymd(2019, 5, 31), &m, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 1);
	testdb_ok(s40_network_on(t->st, vol, ymd(2019, 6, 1), &m, &found, &t->ctx), &t->ctx);
	assert_int_equal(found, 0);
	/* A new period from the end on, in another role. */
	testdb_ok(add(t, vol, S40_ROLE_LEADER, 750305, rep, ymd(2019, 6, 1)), &t->ctx);

	/* By area: the province holds all; the district the two below it; a
	 * subdistrict only its own; by days, the ended period drops out. */
	struct s40_net_member *v;
	size_t n;
	testdb_ok(s40_network_list(t->st, 75, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 4);
	free(v);
	testdb_ok(s40_network_list(t->st, 7503, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 3);
	free(v);
	testdb_ok(s40_network_list(t->st, 750305, ymd(2019, 7, 1), ymd(2019, 7, 1), &v, &n,
				   &t->ctx),
		  &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].role, S40_ROLE_LEADER);
	free(v);
	testdb_ok(s40_network_list(t->st, 7501, S40_NO_DAY, S40_NO_DAY, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	free(v);
}

static void test_refusals(void **state)
{
	struct testdb *t = *state;
	int64_t staff = person(t, 1), rep = person(t, 2), vol = person(t, 3), other = person(t, 4);
	testdb_ok(add(t, staff, S40_ROLE_STAFF, 75, 0, ymd(2018, 1, 1)), &t->ctx);
	testdb_ok(add(t, rep, S40_ROLE_REPRESENTATIVE, 7503, staff, ymd(2018, 2, 1)), &t->ctx);
	int64_t seq = testdb_journal_last(t->st), n0 = n_periods(t);

	/* not registered */
	assert_int_equal(add(t, testdb_natid(139999999999), S40_ROLE_VOLUNTEER, 750305, 0,
			     ymd(2018, 3, 1)),
			 S40_E_NOT_FOUND);
	/* unknown role, unknown area, a day after today */
	assert_int_equal(add(t, vol, 7, 750305, 0, ymd(2018, 3, 1)), S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "role");
	assert_int_equal(add(t, vol, S40_ROLE_VOLUNTEER, 759999, 0, ymd(2018, 3, 1)),
			 S40_E_UNKNOWN_AREA);
	assert_int_equal(add(t, vol, S40_ROLE_VOLUNTEER, 750305, 0, ymd(2026, 1, 2)),
			 S40_E_BAD_VALUE);
	/* already active */
	assert_int_equal(add(t, rep, S40_ROLE_VOLUNTEER, 750305, staff, ymd(2018, 3, 1)),
			 S40_E_NETWORK_OPEN);
	/* supervisor: not in the network that day, outside the area, themself */
	assert_int_equal(add(t, vol, S40_ROLE_VOLUNTEER, 750305, rep, ymd(2018, 1, 15)),
			 S40_E_NOT_NETWORK);
	assert_string_equal(t->ctx.field, "supervisor");
	assert_int_equal(add(t, vol, S40_ROLE_VOLUNTEER, 750101, rep, ymd(2018, 3, 1)),
			 S40_E_SUPERVISOR);
	assert_int_equal(add(t, vol, S40_ROLE_VOLUNTEER, 750305, vol, ymd(2018, 3, 1)),
			 S40_E_SUPERVISOR);
	assert_int_equal(add(t, other, S40_ROLE_VOLUNTEER, 750305, other, ymd(2018, 3, 1)),
			 S40_E_SUPERVISOR);
	/* ending: not in the network, before the start */
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_network_end(&t->reg, vol, ymd(2019, 1, 1), &t->ctx),
			 S40_E_NOT_NETWORK);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_network_end(&t->reg, rep, ymd(2018, 1, 1), &t->ctx),
			 S40_E_BEFORE_START);
	/* nothing was written */
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_int_equal(n_periods(t), n0);

	/* A loop: the staff member's new period under the representative, who
	 * reports to the staff member. */
	s40_ctx_clear(&t->ctx);
	testdb_ok(s40_network_end(&t->reg, staff, ymd(2019, 1, 1), &t->ctx), &t->ctx);
	assert_int_equal(add(t, staff, S40_ROLE_STAFF, 7503, rep, ymd(2019, 1, 1)),
			 S40_E_SUPERVISOR);
	/* and an overlap with the ended period */
	assert_int_equal(add(t, staff, S40_ROLE_STAFF, 75, 0, ymd(2018, 12, 31)), S40_E_OVERLAP);
	testdb_ok(add(t, staff, S40_ROLE_STAFF, 75, 0, ymd(2019, 1, 1)), &t->ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_add_end_list, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
