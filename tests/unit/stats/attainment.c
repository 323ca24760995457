/*
 * Unit tests of lib/stats/attainment.c: new memberships counted at the
 * fiscal-year boundaries (30 Sep and 1 Oct), by the village at enrolment,
 * against the target, at every level; the index against a brute-force count
 * over random spells for many areas and spans of days, kept current by
 * s40_attain_add / s40_attain_remove as a rebuild would be.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/membership.h"
#include "registry/target.h"
#include "rules/eligibility.h"
#include "stats/asof.h"
#include "stats/attainment.h"
#include "testdb.h"
#include "world.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t pid(int n)
{
	return testdb_natid(120000000000LL + n);
}

static void member(struct testdb *t, int i, int32_t village, int32_t day)
{
	testdb_add_person(t, pid(i), "ทดสอบ", "เป้าหมาย", ymd(1990, 3, 3), village);
	struct s40_enrol e = { .person = pid(i), .option = 1, .day = day };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
}

static struct s40_attainment att(struct testdb *t, int fy, int32_t area, int32_t day)
{
	struct s40_attainment a;
	testdb_ok(s40_attainment(t->st, NULL, fy, area, day, &a, &t->ctx), &t->ctx);
	return a;
}

static void test_fiscal_year_boundaries(void **state)
{
	struct testdb *t = *state;
	member(t, 1, 75030702, ymd(2018, 9, 30)); /* last day of FY2561 */
	member(t, 2, 75030702, ymd(2018, 10, 1)); /* first day of FY2562 */
	member(t, 3, 75010201, ymd(2019, 9, 30)); /* last day of FY2562 */
	member(t, 4, 75030702, ymd(2019, 10, 1)); /* first day of FY2563 */
	testdb_ok(s40_target_set(&t->reg, 2562, 75, 10, NULL, &t->ctx), &t->ctx);

	assert_int_equal(att(t, 2562, 75, ymd(2018, 9, 30)).achieved, 0);
	assert_int_equal(att(t, 2562, 75, ymd(2018, 10, 1)).achieved, 1);
	assert_int_equal(att(t, 2562, 75, ymd(2019, 9, 29)).achieved, 1);
	assert_int_equal(att(t, 2562, 75, ymd(2019, 9, 30)).achieved, 2);
	struct s40_attainment a = att(t, 2562, 75, ymd(2019, 10, 31));
	assert_int_equal(a.achieved, 2); /* the 1 Oct 2019 enrolment is FY2563's */
	assert_int_equal(a.to_day, ymd(2019, 9, 30));
	assert_true(a.has_target);
	assert_int_equal(a.target, 10);
	assert_int_equal(a.pct, 2000);
	assert_int_equal(a.remaining, 8);
	assert_int_equal(att(t, 2561, 75, ymd(2019, 10, 31)).achieved, 1);
	assert_false(att(t, 2561, 75, ymd(2019, 10, 31)).has_target);
	assert_int_equal(att(t, 2561, 75, ymd(2019, 10, 31)).pct, -1);
	assert_int_equal(att(t, 2563, 75, ymd(2019, 10, 1)).achieved, 1);
	/* Every level: district, subdistrict, village; another district. */
	assert_int_equal(att(t, 2562, 7503, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 750307, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 75030702, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 7501, ymd(2019, 10, 31)).achieved, 1);
	assert_int_equal(att(t, 2562, 10, ymd(2019, 10, 31)).achieved, 0);
	assert_int_equal(att(t, 2562, 0, ymd(2019, 10, 31)).achieved, 2);
	assert_int_equal(s40_attainment(t->st, NULL, 2019, 75, ymd(2019, 10, 31), &a, &t->ctx),
			 S40_E_BAD_VALUE);
}

static void test_village_at_enrolment_and_index(void **state)
{
	struct testdb *t = *state;
	member(t, 1, 75030702, ymd(2019, 1, 10));
	/* The member moves away later: the spell keeps 75030702. */
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, pid(1), &p, &t->ctx), &t->ctx);
	p.village = 75010201;
	testdb_ok(s40_person_update(&t->reg, &p, NULL, &t->ctx), &t->ctx);
	struct s40_attain_ix *ix;
	testdb_ok(s40_attain_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_attain_count(ix, 7503, ymd(2018, 10, 1), ymd(2019, 9, 30)), 1);
	assert_int_equal(s40_attain_count(ix, 7501, ymd(2018, 10, 1), ymd(2019, 9, 30)), 0);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 1, 11), ymd(2019, 9, 30)), 0);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 1, 10), ymd(2019, 1, 10)), 1);
	assert_int_equal(s40_attain_count(ix, 75, ymd(2019, 2, 1), ymd(2019, 1, 1)), 0);
	s40_attain_free(ix);
}

/* New memberships of w started in area from from to to: spells not ended on
 * their first day. */
static int64_t brute_starts(const struct world *w, int32_t area, int32_t from, int32_t to)
{
	int64_t n = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct spell_row *r = &w->s[i];
		if (r->start >= from && r->start <= to && r->end != r->start &&
		    (area == 0 || s40_area_contains(area, r->village)))
			n++;
	}
	return n;
}

/* The areas to look at: the country, fixed ones of every level, every
 * subdistrict of Samut Songkhram, and villages of w. */
static size_t areas_to_check(struct testdb *t, const struct world *w, int32_t *areas, size_t cap)
{
	size_t n = 0;
	static const int32_t fixed[] = { 0, 75, 10, 50, 11, 5024, 7501, 7502, 7503, 1001, 750307 };
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		areas[n++] = fixed[i];
	struct s40_area_rec *a;
	size_t na;
	testdb_ok(s40_area_descendants(t->st, 75, S40_LEVEL_SUBDISTRICT, &a, &na, &t->ctx),
		  &t->ctx);
	for (size_t i = 0; i < na && n < cap; i++)
		areas[n++] = a[i].code;
	free(a);
	for (size_t i = 0; i < w->n && n < cap; i += 5)
		areas[n++] = w->s[i].village;
	return n;
}

/* ix against the brute-force count for every area, over every fiscal year
 * 2555–2570, random spans and single days of starts. */
static void check_model(const struct s40_attain_ix *ix, const struct world *w, const int32_t *areas,
			size_t n_areas)
{
	int32_t from[80], to[80];
	size_t n = 0;
	for (int fy = 2555; fy <= 2570; fy++, n++) {
		from[n] = s40_fiscal_year_first_day(fy);
		to[n] = s40_fiscal_year_last_day(fy);
	}
	from[n] = INT32_MIN; /* everything */
	to[n++] = INT32_MAX;
	from[n] = ymd(2019, 2, 1); /* an empty span */
	to[n++] = ymd(2019, 1, 1);
	for (size_t i = 0; i < w->n && n < 60; i += w->n / 20 + 1, n++)
		from[n] = to[n] = w->s[i].start;
	while (n < sizeof from / sizeof from[0]) {
		from[n] = ymd(2011, 6, 1) + (int32_t)rnd(15 * 366);
		to[n] = from[n] + (int32_t)rnd(800);
		n++;
	}
	int64_t nonzero = 0;
	for (size_t k = 0; k < n_areas; k++)
		for (size_t i = 0; i < n; i++) {
			int64_t want = brute_starts(w, areas[k], from[i], to[i]);
			int64_t got = s40_attain_count(ix, areas[k], from[i], to[i]);
			if (want != got)
				print_error("area %d %d..%d: want %lld got %lld\n", (int)areas[k],
					    (int)from[i], (int)to[i], (long long)want,
					    (long long)got);
			assert_int_equal(got, want);
			nonzero += want > 0;
		}
	/* The test data must be rich enough to mean something. */
	assert_true(nonzero > (int64_t)(n * n_areas) / 5);
}

/* Random spells: the index built from the store, then random new members
 * and corrections told to it and to the model alike, checked again and again. */
static void test_against_model(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 600, &w);
	int32_t areas[400];
	size_t n_areas = areas_to_check(t, &w, areas, sizeof areas / sizeof areas[0]);
	struct s40_attain_ix *ix;
	testdb_ok(s40_attain_build(t->st, &ix, &t->ctx), &t->ctx);
	size_t n_starts = 0;
	for (size_t i = 0; i < w.n; i++)
		n_starts += w.s[i].end != w.s[i].start;
	assert_int_equal(s40_attain_n_starts(ix), n_starts);
	check_model(ix, &w, areas, n_areas);

	size_t cap = w.n + 4000;
	w.s = realloc(w.s, cap * sizeof *w.s);
	assert_non_null(w.s);
	for (int op = 1; op <= 3000; op++) {
		if (rnd(3)) {
			/* Mostly recent, some long past, some in a village new to it. */
			int32_t village = rnd(50) ?
						  w.villages[rnd((uint32_t)w.n_villages)] :
						  (rnd(2) ? 90010101 : 91010101) + (int32_t)rnd(9);
			int32_t day = rnd(10) ? ymd(2025, 12, 1) + (int32_t)rnd(30) :
						ymd(2012, 1, 1) + (int32_t)rnd(5000);
			assert_int_equal(s40_attain_add(ix, village, day), S40_OK);
			w.s[w.n++] = (struct spell_row){ village, day, S40_NO_DAY };
		} else {
			struct spell_row *r = &w.s[rnd((uint32_t)w.n)];
			if (r->end == r->start)
				continue;
			assert_int_equal(s40_attain_remove(ix, r->village, r->start), S40_OK);
			r->end = r->start;
		}
		if (op % 500 == 0)
			check_model(ix, &w, areas, n_areas);
	}
	/* A start the index does not hold: refused, nothing changed. */
	size_t before = s40_attain_n_starts(ix);
	int64_t all = s40_attain_count(ix, 0, INT32_MIN, INT32_MAX);
	assert_int_equal(s40_attain_remove(ix, 75030702, ymd(1999, 1, 1)), S40_E_NOT_FOUND);
	assert_int_equal(s40_attain_remove(ix, 12345678, ymd(2019, 1, 1)), S40_E_NOT_FOUND);
	assert_int_equal(s40_attain_n_starts(ix), before);
	assert_int_equal(s40_attain_count(ix, 0, INT32_MIN, INT32_MAX), all);
	check_model(ix, &w, areas, n_areas);
	s40_attain_free(ix);
	world_free(&w);
}

/* Through the registry: enrolments and corrections (ended on the first day)
 * told to the index leave it equal to one rebuilt from the store. */
static void test_writes_equal_rebuild(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 150, &w);
	struct s40_attain_ix *ix;
	testdb_ok(s40_attain_build(t->st, &ix, &t->ctx), &t->ctx);
	static const int32_t villages[] = { 75030702, 75030501, 75010201, 10010100, 75030700 };
	for (int i = 0; i < 30; i++) {
		int64_t id = testdb_natid(130000000000 + i);
		int32_t village = villages[i % 5];
		testdb_add_person(t, id, "ใหม่", "เป้าหมาย", ymd(1960 + i % 20, 1 + i % 12, 1),
				  village);
		int32_t start = ymd(2012, 1, 1) + (int32_t)rnd(5000);
		struct s40_enrol e = { .person = id, .option = 1, .day = start };
		testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
		assert_int_equal(s40_attain_add(ix, village, start), S40_OK);
		if (i % 3 == 0) {
			testdb_ok(s40_membership_end(&t->reg, id, start, S40_END_CORRECTION,
						     &t->ctx),
				  &t->ctx);
			assert_int_equal(s40_attain_remove(ix, village, start), S40_OK);
		}
	}
	struct s40_attain_ix *rebuilt;
	testdb_ok(s40_attain_build(t->st, &rebuilt, &t->ctx), &t->ctx);
	assert_int_equal(s40_attain_n_starts(rebuilt), s40_attain_n_starts(ix));
	static const int32_t areas[] = { 0, 75, 10, 7501, 7503, 750305, 750307, 75030702, 10010100 };
	for (int fy = 2555; fy <= 2570; fy++)
		for (size_t k = 0; k < sizeof areas / sizeof areas[0]; k++) {
			int32_t a = s40_fiscal_year_first_day(fy), b = s40_fiscal_year_last_day(fy);
			assert_int_equal(s40_attain_count(ix, areas[k], a, b),
					 s40_attain_count(rebuilt, areas[k], a, b));
		}
	s40_attain_free(rebuilt);
	s40_attain_free(ix);
	world_free(&w);
}

/* Built from one area's spells only, the index holds just those and counts
 * as the whole index does for that area and every area below it, nothing
 * elsewhere; a code that is no area is refused. */
static void test_build_area(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 600, &w);
	int32_t areas[400];
	size_t n_areas = areas_to_check(t, &w, areas, sizeof areas / sizeof areas[0]);
	struct s40_attain_ix *all;
	testdb_ok(s40_attain_build(t->st, &all, &t->ctx), &t->ctx);
	size_t checked = 0, nonzero = 0;
	for (size_t a = 0; a < n_areas; a += 7) {
		int32_t area = areas[a];
		if (area == 0)
			continue;
		struct s40_attain_ix *ix;
		testdb_ok(s40_attain_build_area(t->st, area, &ix, &t->ctx), &t->ctx);
		size_t n_starts = 0;
		for (size_t i = 0; i < w.n; i++)
			n_starts += w.s[i].end != w.s[i].start &&
				    s40_area_contains(area, w.s[i].village);
		assert_int_equal(s40_attain_n_starts(ix), n_starts);
		for (size_t k = 0; k < n_areas; k++)
			for (int fy = 2555; fy <= 2570; fy += 3) {
				int32_t d1 = s40_fiscal_year_first_day(fy);
				int32_t d2 = s40_fiscal_year_last_day(fy);
				int64_t got = s40_attain_count(ix, areas[k], d1, d2);
				if (s40_area_contains(area, areas[k])) {
					int64_t want = s40_attain_count(all, areas[k], d1, d2);
					assert_int_equal(got, want);
					nonzero += want > 0;
				} else if (areas[k] != 0 && !s40_area_contains(areas[k], area))
					assert_int_equal(got, 0);
				checked++;
			}
		s40_attain_free(ix);
	}
	assert_true(checked > 1000);
	assert_true(nonzero > 50);
	struct s40_attain_ix *ix = (struct s40_attain_ix *)&checked;
	assert_int_equal(s40_attain_build_area(t->st, 123, &ix, &t->ctx), S40_E_BAD_AREA);
	assert_null(ix);
	s40_attain_free(all);
	world_free(&w);
}

static int add_batch(void *arg, const int32_t *village, const int32_t *start, const int32_t *end,
		     size_t n)
{
	return s40_attain_builder_add(arg, village, start, end, n);
}

static int refuse_batch(void *arg, const int32_t *village, const int32_t *start, const int32_t *end,
			size_t n)
{
	(void)village, (void)start, (void)end, (void)n;
	++*(int *)arg;
	return -1;
}

/* Built from the as-of build's own read (more spells than its first batch of
 * 4,096), the index equals one built from the store; a reader that fails
 * fails the as-of build. */
static void test_builder_from_asof_read(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 3000, &w);
	assert_true(w.n > 4096);
	struct s40_attain_builder *b = s40_attain_builder_new();
	assert_non_null(b);
	struct s40_asof *asof;
	testdb_ok(s40_asof_build_each(t->st, &asof, add_batch, b, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(asof), w.n);
	struct s40_attain_ix *ix, *direct;
	testdb_ok(s40_attain_builder_finish(b, &ix, &t->ctx), &t->ctx);
	testdb_ok(s40_attain_build(t->st, &direct, &t->ctx), &t->ctx);
	assert_int_equal(s40_attain_n_starts(ix), s40_attain_n_starts(direct));
	int32_t areas[400];
	size_t n_areas = areas_to_check(t, &w, areas, sizeof areas / sizeof areas[0]);
	check_model(ix, &w, areas, n_areas);
	for (int fy = 2555; fy <= 2570; fy++)
		for (size_t k = 0; k < n_areas; k++) {
			int32_t a = s40_fiscal_year_first_day(fy), z = s40_fiscal_year_last_day(fy);
			assert_int_equal(s40_attain_count(ix, areas[k], a, z),
					 s40_attain_count(direct, areas[k], a, z));
		}
	s40_attain_free(direct);
	s40_attain_free(ix);
	s40_asof_free(asof);

	int calls = 0;
	asof = (struct s40_asof *)&calls;
	assert_int_equal(s40_asof_build_each(t->st, &asof, refuse_batch, &calls, &t->ctx),
			 S40_E_NOMEM);
	assert_null(asof);
	assert_int_equal(calls, 1);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fiscal_year_boundaries, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_village_at_enrolment_and_index, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_against_model, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_writes_equal_rebuild, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_build_area, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_builder_from_asof_read, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
