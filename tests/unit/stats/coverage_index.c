/*
 * Unit tests of lib/stats/coverage_index.c: the index's totals of every area
 * of a random register against what the reports compute from the store on
 * that day (s40_coverage_villages, added up area by area; s40_coverage_tambons
 * on some of the days), at two thresholds: on every day of six years at the
 * first, every fifth day at the second. The
 * register has people born so that they cross the age limits in those years
 * (and across the age rule's change on 24 June 2020), people with no birth day
 * and not Thai, spells and Section 33/39, civil service and state enterprise
 * cover starting and ending, and villages surveyed up to three times with
 * every status.
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
#include "registry/exclusion.h"
#include "registry/membership.h"
#include "registry/survey.h"
#include "report/campaign.h"
#include "rules/eligibility.h"
#include "stats/coverage.h"
#include "testdb.h"
#include "world.h"

#define N_PERSONS 260
#define MAX_VILLAGES 12

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int64_t pid(int n)
{
	return testdb_natid(120000000000LL + n);
}

struct fixture {
	int32_t village[MAX_VILLAGES];
	size_t n_villages;
	int32_t first, last; /* the days compared */
	unsigned char resident[N_PERSONS + 1]; /* person i is in some survey */
};

/* Some villages of Samut Songkhram in two districts, and two of district 5024. */
static void pick_villages(struct testdb *t, struct fixture *fx)
{
	static const struct {
		int32_t area;
		size_t take;
	} from[] = { { 750307, 4 }, { 750302, 3 }, { 7502, 3 }, { 5024, 2 } };
	fx->n_villages = 0;
	for (size_t k = 0; k < sizeof from / sizeof from[0]; k++) {
		struct s40_area_rec *a;
		size_t na, took = 0;
		testdb_ok(s40_area_descendants(t->st, from[k].area, S40_LEVEL_VILLAGE, &a, &na,
					       &t->ctx),
			  &t->ctx);
		for (size_t i = 0; i < na && took < from[k].take; i++)
			if (!s40_area_no_village(a[i].code)) {
				fx->village[fx->n_villages++] = a[i].code;
				took++;
			}
		free(a);
		assert_int_equal(took, from[k].take);
	}
}

static int32_t day_in(int32_t lo, int32_t hi)
{
	return lo + (int32_t)rnd((uint32_t)(hi - lo + 1));
}

/* A birth day: most of working age, some who turn 15, 61 or 66 in the years
 * compared, a few with none. */
static int32_t birth_of(void)
{
	switch (rnd(10)) {
	case 0:
		return S40_NO_DAY;
	case 1:
	case 2:
		return day_in(ymd(2002, 1, 1), ymd(2008, 12, 31)); /* turn 15 */
	case 3:
	case 4:
		return day_in(ymd(1953, 1, 1), ymd(1963, 12, 31)); /* turn 61 or 66 */
	case 5:
		return ymd(1956 + (int)rnd(4) * 4, 2, 29); /* 29 February */
	default:
		return day_in(ymd(1965, 1, 1), ymd(2000, 12, 31));
	}
}

static void make_register(struct testdb *t, struct fixture *fx)
{
	memset(fx->resident, 0, sizeof fx->resident);
	fx->first = ymd(2017, 12, 20);
	fx->last = ymd(2024, 1, 10);
	const int32_t lo = ymd(2018, 1, 1), hi = ymd(2023, 12, 31);
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	for (int i = 1; i <= N_PERSONS; i++) {
		int32_t home = fx->village[rnd((uint32_t)fx->n_villages)];
		int32_t birth = birth_of();
		world_person(t, pid(i), "ทดสอบ", "ดัชนีครอบคลุม", birth, rnd(12) != 0, home);

		/* Up to two spells, one after the other, the last often open. */
		int32_t day = day_in(ymd(2016, 1, 1), hi);
		int n_sp = (int)rnd(3);
		for (int j = 0; j < n_sp && day <= hi; j++) {
			int open = j == n_sp - 1 && rnd(2);
			int32_t end = open ? S40_NO_DAY :
					     day + (int32_t)rnd(900); /* may be 0 days */
			world_spell(t, pid(i), home, day, 1 + (int)rnd(3), end);
			if (open)
				break;
			day = end + (int32_t)rnd(300);
		}
		/* Cover under another scheme for one in four, open at either end now and then. */
		if (rnd(4) == 0) {
			int32_t start = rnd(6) ? day_in(lo, hi) : S40_NO_DAY;
			int32_t end = rnd(3) ? day_in(start == S40_NO_DAY ? lo : start, hi + 200) :
					       S40_NO_DAY;
			struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_EXCL_INSERT, &t->ctx);
			s40_stmt_int64(s, 1, pid(i));
			s40_stmt_int64(s, 2, 1 + (int)rnd(4));
			s40_stmt_int64_or_null(s, 3, start, S40_NO_DAY);
			s40_stmt_int64_or_null(s, 4, end, S40_NO_DAY);
			s40_stmt_null(s, 5);
			s40_stmt_int64(s, 6, 1);
			testdb_ok(s40_stmt_exec(s, &t->ctx), &t->ctx);
		}
	}
	testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);

	/* Every village but the last surveyed one to three times: some surveys of one
	 * to four residents (so that some villages are fully covered), the rest of up
	 * to thirty, anyone of the register, every status. */
	for (size_t v = 0; v + 1 < fx->n_villages; v++) {
		int n_sv = 1 + (int)rnd(3);
		int32_t days[3];
		for (int k = 0; k < n_sv; k++)
			days[k] = day_in(lo, hi);
		for (int k = 0; k < n_sv; k++) {
			struct s40_survey_entry e[30];
			int used[N_PERSONS + 1] = { 0 };
			size_t n = 1 + (rnd(2) ? rnd(4) : rnd(30));
			for (size_t j = 0; j < n; j++) {
				int p;
				do
					p = 1 + (int)rnd(N_PERSONS);
				while (used[p]);
				used[p] = 1;
				fx->resident[p] = 1;
				int status = 1 + (int)rnd(7);
				if (rnd(3) == 0)
					status = S40_SURVEY_UNINSURED;
				e[j] = (struct s40_survey_entry){ pid(p), status,
								  status == S40_SURVEY_INELIGIBLE ?
									  1 + (int)rnd(4) :
									  0 };
			}
			/* A day surveyed twice adds to that survey, as the registry does. */
			testdb_ok(s40_survey_add(&t->reg, fx->village[v], days[k], e, n, NULL,
						 &t->ctx),
				  &t->ctx);
		}
	}
}

static void add_village(struct s40_cov_total *x, const struct s40_village_cov *c)
{
	if (c->survey_id == 0)
		return;
	x->villages_surveyed++;
	x->villages_full += c->full;
	x->surveyed += c->n_surveyed;
	x->members += c->n_members;
	x->uninsured += c->n_uninsured;
	x->other_scheme += c->n_other_scheme;
	x->ineligible += c->n_ineligible;
	x->disagree += c->n_disagree;
}

static void assert_same(const struct s40_cov_total *want, const struct s40_cov_total *got,
			int32_t area, int32_t day)
{
	if (memcmp(want, got, sizeof *want) == 0)
		return;
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	print_error("area %d on %04d-%02d-%02d:\n"
		    " want villages %lld full %lld tambons %lld surveyed %lld members %lld"
		    " uninsured %lld other %lld ineligible %lld disagree %lld\n"
		    " got  villages %lld full %lld tambons %lld surveyed %lld members %lld"
		    " uninsured %lld other %lld ineligible %lld disagree %lld\n",
		    (int)area, y, m, d, (long long)want->villages_surveyed,
		    (long long)want->villages_full, (long long)want->tambons_achieved,
		    (long long)want->surveyed, (long long)want->members, (long long)want->uninsured,
		    (long long)want->other_scheme, (long long)want->ineligible,
		    (long long)want->disagree, (long long)got->villages_surveyed,
		    (long long)got->villages_full, (long long)got->tambons_achieved,
		    (long long)got->surveyed, (long long)got->members, (long long)got->uninsured,
		    (long long)got->other_scheme, (long long)got->ineligible,
		    (long long)got->disagree);
	fail();
}

/* The areas compared: the country, every village picked and each of their
 * ancestors. */
static size_t areas_of(const struct fixture *fx, int32_t *out)
{
	size_t n = 0;
	out[n++] = 0;
	for (size_t v = 0; v < fx->n_villages; v++)
		for (int l = S40_LEVEL_PROVINCE; l <= S40_LEVEL_VILLAGE; l++) {
			int32_t a = s40_area_at_level(fx->village[v], (enum s40_level)l);
			size_t k = 0;
			while (k < n && out[k] != a)
				k++;
			if (k == n)
				out[n++] = a;
		}
	return n;
}

/* Every step-th day of the span: the index against the reports' villages,
 * added up. */
static void compare(struct testdb *t, const struct fixture *fx, const struct s40_cov_ix *ix,
		    int32_t step)
{
	int32_t areas[1 + 4 * MAX_VILLAGES];
	size_t n_areas = areas_of(fx, areas);
	long n_full_days = 0, n_compared = 0;
	for (int32_t day = fx->first; day <= fx->last; day += step) {
		struct s40_cov_total want[1 + 4 * MAX_VILLAGES];
		memset(want, 0, sizeof want);
		static const int32_t provinces[] = { 75, 50 };
		for (size_t p = 0; p < 2; p++) {
			struct s40_village_cov *v;
			size_t n;
			testdb_ok(s40_coverage_villages(t->st, provinces[p], day, &v, &n, &t->ctx),
				  &t->ctx);
			int32_t last_sub = -1;
			for (size_t i = 0; i < n; i++) {
				int new_tambon = v[i].full &&
						 s40_area_parent(v[i].village) != last_sub;
				if (v[i].full)
					last_sub = s40_area_parent(v[i].village);
				for (size_t a = 0; a < n_areas; a++)
					if (areas[a] == 0 ||
					    s40_area_contains(areas[a], v[i].village)) {
						add_village(&want[a], &v[i]);
						if (new_tambon &&
						    s40_area_level(areas[a]) != S40_LEVEL_VILLAGE)
							want[a].tambons_achieved++;
					}
				n_full_days += v[i].full;
			}
			free(v);
		}
		for (size_t a = 0; a < n_areas; a++) {
			struct s40_cov_total got;
			s40_cov_ix_total(ix, areas[a], day, &got);
			assert_same(&want[a], &got, areas[a], day);
			n_compared++;
		}
		/* The subdistrict report's own count of achievements, every 97th day. */
		if ((day - fx->first) % 97 == 0) {
			struct s40_tambon_cov *tb;
			size_t n;
			testdb_ok(s40_coverage_tambons(t->st, 75, day, &tb, &n, &t->ctx), &t->ctx);
			long achieved = 0;
			for (size_t i = 0; i < n; i++)
				achieved += tb[i].achieved;
			free(tb);
			struct s40_cov_total got;
			s40_cov_ix_total(ix, 75, day, &got);
			assert_int_equal(got.tambons_achieved, achieved);
		}
	}
	/* The random register must give the comparison something to compare. */
	assert_true(n_full_days > 100);
	assert_true(n_compared > 1000);
}

/* An index of one area at a time (every area compared but the country) gives
 * that area and each area inside it the whole index's totals on every 7th
 * day, and holds only the area's residents. */
static void compare_areas(struct testdb *t, const struct fixture *fx, const struct s40_cov_ix *all)
{
	int32_t areas[1 + 4 * MAX_VILLAGES];
	size_t n_areas = areas_of(fx, areas);
	long n_compared = 0, n_nonzero = 0;
	for (size_t a = 1; a < n_areas; a++) {
		struct s40_cov_ix *ix;
		testdb_ok(s40_cov_ix_build_area(t->st, areas[a], &ix, &t->ctx), &t->ctx);
		for (int32_t day = fx->first; day <= fx->last; day += 7)
			for (size_t b = 1; b < n_areas; b++) {
				if (!s40_area_contains(areas[a], areas[b]))
					continue;
				struct s40_cov_total want, got;
				s40_cov_ix_total(all, areas[b], day, &want);
				s40_cov_ix_total(ix, areas[b], day, &got);
				assert_same(&want, &got, areas[b], day);
				n_compared++;
				n_nonzero += want.surveyed > 0;
			}
		/* Someone the whole index holds is in this one only when a survey
		 * of the area names them. */
		for (int i = 1; i <= N_PERSONS; i++)
			if (s40_cov_ix_has_person(ix, pid(i)))
				assert_true(s40_cov_ix_has_person(all, pid(i)));
		s40_cov_ix_free(ix);
	}
	assert_true(n_compared > 1000 && n_nonzero > 500);
	struct s40_cov_ix *ix = NULL;
	assert_int_equal(s40_cov_ix_build_area(t->st, 123, &ix, &t->ctx), S40_E_BAD_AREA);
	assert_null(ix);
	s40_ctx_clear(&t->ctx);
}

static void assert_tables_same(const struct s40_table *a, const struct s40_table *b)
{
	assert_int_equal(a->n_rows, b->n_rows);
	assert_int_equal(a->n_cols, b->n_cols);
	for (size_t k = 0; k < a->n_rows * a->n_cols; k++) {
		assert_int_equal(a->cells[k].is_null, b->cells[k].is_null);
		assert_int_equal(a->cells[k].i, b->cells[k].i);
		if (a->cells[k].s || b->cells[k].s)
			assert_string_equal(a->cells[k].s, b->cells[k].s);
	}
}

/* The coverage report from the whole index equals the one it builds for the
 * area itself, and its total row says what the subdistricts' report says. */
static void compare_report(struct testdb *t, const struct fixture *fx, const struct s40_cov_ix *ix)
{
	const int32_t areas[] = { 0, 75, 7503, 750307, fx->village[0], 50 };
	long n_checked = 0, n_full = 0;
	for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++)
		for (int32_t day = fx->first; day <= fx->last; day += 61) {
			struct s40_table x, y, tb;
			s40_table_init(&x, NULL, NULL);
			s40_table_init(&y, NULL, NULL);
			s40_table_init(&tb, NULL, NULL);
			testdb_ok(s40_report_coverage(t->st, ix, areas[a], S40_LEVEL_NONE, day, &x,
						      &t->ctx),
				  &t->ctx);
			testdb_ok(s40_report_coverage(t->st, NULL, areas[a], S40_LEVEL_NONE, day, &y,
						      &t->ctx),
				  &t->ctx);
			assert_tables_same(&x, &y);
			/* The total row against the subdistricts' report (its last row is
			 * its total). */
			const struct s40_cell *tot = &x.cells[(x.n_rows - 1) * x.n_cols];
			if (s40_area_level(areas[a]) != S40_LEVEL_VILLAGE) {
				testdb_ok(s40_report_tambons(t->st, areas[a], day, &tb, &t->ctx),
					  &t->ctx);
				long achieved = 0;
				for (size_t r = 0; r + 1 < tb.n_rows; r++)
					achieved += tb.cells[r * tb.n_cols + 6].i;
				const struct s40_cell *ttot = &tb.cells[(tb.n_rows - 1) * tb.n_cols];
				assert_int_equal(tot[3].i, (int64_t)tb.n_rows - 1);
				assert_int_equal(tot[4].i, achieved);
				assert_int_equal(tot[5].i, ttot[4].i);
				assert_int_equal(tot[6].i, ttot[5].i);
				n_full += tot[6].i;
				n_checked++;
			}
			/* The rows add up to the total (one level below); villages
			 * hold no subdistrict to count. */
			int villages = s40_area_level(areas[a]) >= S40_LEVEL_SUBDISTRICT;
			for (size_t c = villages ? 5 : 3; c <= 11; c++) {
				int64_t sum = 0;
				for (size_t r = 0; r + 1 < x.n_rows; r++)
					sum += x.cells[r * x.n_cols + c].i;
				assert_int_equal(sum, tot[c].i);
			}
			s40_table_free(&x);
			s40_table_free(&y);
			s40_table_free(&tb);
		}
	assert_true(n_checked > 100 && n_full > 20);
	/* A level above the area is refused. */
	struct s40_table x;
	s40_table_init(&x, NULL, NULL);
	assert_int_equal(s40_report_coverage(t->st, ix, 7503, S40_LEVEL_PROVINCE, fx->last, &x,
					     &t->ctx),
			 S40_E_BAD_VALUE);
	s40_table_free(&x);
	s40_ctx_clear(&t->ctx);
}

static void test_index_matches_reports(void **state)
{
	struct testdb *t = *state;
	struct fixture fx;
	pick_villages(t, &fx);
	make_register(t, &fx);

	struct s40_cov_ix *ix;
	testdb_ok(s40_cov_ix_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_cov_ix_threshold(ix), S40_COVERAGE_THRESHOLD_DEFAULT);
	struct s40_cov_ix_mem m;
	s40_cov_ix_memory(ix, &m);
	assert_true(m.residents > 100);
	assert_true(m.village_days > 0 && m.area_days > m.village_days);
	compare(t, &fx, ix, 1);
	/* An area without a survey, a code that is no area, a day before any survey. */
	struct s40_cov_total z, zero;
	memset(&zero, 0, sizeof zero);
	s40_cov_ix_total(ix, fx.village[fx.n_villages - 1], fx.last, &z);
	assert_memory_equal(&z, &zero, sizeof z);
	s40_cov_ix_total(ix, 123, fx.last, &z);
	assert_memory_equal(&z, &zero, sizeof z);
	s40_cov_ix_total(ix, 0, ymd(2017, 12, 31), &z);
	assert_memory_equal(&z, &zero, sizeof z);
	/* Its residents, and no one else. */
	int n_res = 0;
	for (int i = 1; i <= N_PERSONS; i++) {
		assert_int_equal(s40_cov_ix_has_person(ix, pid(i)), fx.resident[i] != 0);
		n_res += fx.resident[i];
	}
	assert_true(n_res > 50 && n_res < N_PERSONS);
	assert_false(s40_cov_ix_has_person(ix, pid(N_PERSONS + 1)));
	compare_areas(t, &fx, ix);
	compare_report(t, &fx, ix);
	s40_cov_ix_free(ix);

	/* At 60%, more villages are fully covered and the index built again agrees
	 * (every fifth day: the days themselves were all tried above). */
	testdb_ok(s40_coverage_set_threshold(&t->reg, 6000, &t->ctx), &t->ctx);
	testdb_ok(s40_cov_ix_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_cov_ix_threshold(ix), 6000);
	compare(t, &fx, ix, 5);
	s40_cov_ix_free(ix);
}

/* An empty register: every total 0, and the build still succeeds. */
static void test_index_empty(void **state)
{
	struct testdb *t = *state;
	struct s40_cov_ix *ix;
	testdb_ok(s40_cov_ix_build(t->st, &ix, &t->ctx), &t->ctx);
	struct s40_cov_total z, zero;
	memset(&zero, 0, sizeof zero);
	s40_cov_ix_total(ix, 0, ymd(2025, 1, 1), &z);
	assert_memory_equal(&z, &zero, sizeof z);
	s40_cov_ix_total(ix, 75030702, ymd(2025, 1, 1), &z);
	assert_memory_equal(&z, &zero, sizeof z);
	s40_cov_ix_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_matches_reports, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_index_empty, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
