/*
 * Unit tests of lib/stats/asof*.c: the as-of index against a brute-force count
 * over random spells for many days and areas (and against the store's own SQL
 * count), kept current by s40_asof_add/s40_asof_end as a rebuild would be, the
 * half-open boundaries, and the per-level counts.
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
#include "rules/eligibility.h"
#include "stats/asof.h"
#include "testdb.h"
#include "world.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/*
 * A model of the index for the write path: every start and end told to it, as
 * (village, day, end). A village's count on D is its starts ≤ D less its ends
 * ≤ D; an area's, the sum over the village codes in its range (area.h) — the
 * index's own definition, whatever the codes and days.
 */
struct event {
	int32_t village, day;
	int end;
};

struct model {
	struct event *e;
	size_t n, cap;
	int32_t *vill; /* the distinct villages told, by code */
	size_t n_vill;
	struct spell_row *open; /* spells started and not yet ended */
	size_t n_open, cap_open;
};

static void model_push(struct model *m, int32_t village, int32_t day, int end)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->e = realloc(m->e, m->cap * sizeof *m->e);
		assert_non_null(m->e);
	}
	m->e[m->n++] = (struct event){ village, day, end };
	size_t i = 0;
	while (i < m->n_vill && m->vill[i] < village)
		i++;
	if (i == m->n_vill || m->vill[i] != village) {
		m->vill = realloc(m->vill, (m->n_vill + 1) * sizeof *m->vill);
		assert_non_null(m->vill);
		memmove(&m->vill[i + 1], &m->vill[i], (m->n_vill - i) * sizeof *m->vill);
		m->vill[i] = village;
		m->n_vill++;
	}
}

static void model_free(struct model *m)
{
	free(m->e);
	free(m->vill);
	free(m->open);
}

/* Each of m's villages' count on day, by position in m->vill. */
static void model_counts(const struct model *m, int32_t day, int64_t *vc)
{
	memset(vc, 0, m->n_vill * sizeof *vc);
	for (size_t i = 0; i < m->n; i++) {
		if (m->e[i].day > day)
			continue;
		size_t lo = 0, hi = m->n_vill;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (m->vill[mid] < m->e[i].village)
				lo = mid + 1;
			else
				hi = mid;
		}
		vc[lo] += m->e[i].end ? -1 : 1;
	}
}

static int in_area(int32_t area, int32_t code)
{
	int32_t lo, hi;
	s40_area_village_range(area, &lo, &hi);
	return lo <= code && code <= hi;
}

static int64_t model_area(const struct model *m, const int64_t *vc, int32_t area)
{
	int64_t n = 0;
	for (size_t i = 0; i < m->n_vill; i++)
		if (in_area(area, m->vill[i]))
			n += vc[i];
	return n;
}

/* s40_asof_by_level as specified: the villages of area held, by code, grouped
 * by their code at level where consecutive ones share it. */
static void check_by_level(const struct s40_asof *ix, const struct model *m, const int64_t *vc,
			   int32_t area, int level, int32_t day)
{
	struct s40_area_count *want = calloc(m->n_vill + 1, sizeof *want);
	assert_non_null(want);
	size_t n_want = 0;
	for (size_t i = 0; i < m->n_vill; i++) {
		if (!in_area(area, m->vill[i]))
			continue;
		int32_t code = s40_area_at_level(m->vill[i], (enum s40_level)level);
		if (n_want == 0 || want[n_want - 1].code != code)
			want[n_want++] = (struct s40_area_count){ code, 0 };
		want[n_want - 1].n += vc[i];
	}
	struct s40_area_count *got;
	size_t n_got;
	assert_int_equal(s40_asof_by_level(ix, area, (enum s40_level)level, day, &got, &n_got),
			 S40_OK);
	if (n_got != n_want)
		print_error("by level: area %d level %d day %d: %zu areas, want %zu\n", (int)area,
			    level, (int)day, n_got, n_want);
	assert_int_equal(n_got, n_want);
	for (size_t k = 0; k < n_want; k++) {
		if (got[k].code != want[k].code || got[k].n != want[k].n)
			print_error("by level: area %d level %d day %d: [%zu] %d:%lld, want "
				    "%d:%lld\n",
				    (int)area, level, (int)day, k, (int)got[k].code,
				    (long long)got[k].n, (int)want[k].code, (long long)want[k].n);
		assert_int_equal(got[k].code, want[k].code);
		assert_int_equal(got[k].n, want[k].n);
	}
	free(got);
	free(want);
}

/* Compare ix with m on days around some of m's event days, before and after
 * everything: the count of every area of every level that m's villages lie
 * in (and some that none does), and by level for areas of each level. */
static void check_model(const struct s40_asof *ix, const struct model *m)
{
	assert_int_equal(s40_asof_n_villages(ix), m->n_vill);
	int32_t days[40];
	size_t n_days = 0;
	days[n_days++] = INT32_MIN + 1;
	days[n_days++] = INT32_MAX;
	days[n_days++] = ymd(1900, 1, 1);
	days[n_days++] = ymd(2200, 1, 1);
	while (n_days < sizeof days / sizeof days[0]) {
		if (m->n == 0) {
			days[n_days++] = ymd(2012, 1, 1) + (int32_t)rnd(6000);
			continue;
		}
		int32_t d = m->e[rnd((uint32_t)m->n)].day;
		days[n_days++] = d - 1;
		days[n_days++] = d;
		if (n_days < sizeof days / sizeof days[0])
			days[n_days++] = d + 1;
	}
	int32_t *areas = malloc((5 * m->n_vill + 16) * sizeof *areas);
	assert_non_null(areas);
	size_t n_areas = 0;
	static const int32_t extra[] = { 0, 76, 7509, 750399, 75039999, 123, -5, 99999999 };
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		areas[n_areas++] = extra[i];
	for (size_t i = 0; i < m->n_vill; i++)
		for (int l = S40_LEVEL_PROVINCE; l <= S40_LEVEL_VILLAGE; l++) {
			int32_t a = s40_area_at_level(m->vill[i], (enum s40_level)l);
			if (a)
				areas[n_areas++] = a;
		}
	int64_t *vc = malloc((m->n_vill + 1) * sizeof *vc);
	assert_non_null(vc);
	for (size_t d = 0; d < n_days; d++) {
		model_counts(m, days[d], vc);
		for (size_t k = 0; k < n_areas; k++) {
			int64_t want = model_area(m, vc, areas[k]);
			int64_t got = s40_asof_count(ix, areas[k], days[d]);
			if (want != got)
				print_error("area %d day %d: want %lld got %lld\n", (int)areas[k],
					    (int)days[d], (long long)want, (long long)got);
			assert_int_equal(got, want);
		}
		/* By level: the country, and one area of each level in turn. */
		int32_t pick = m->n_vill ? m->vill[rnd((uint32_t)m->n_vill)] : 75030701;
		int32_t of[] = { 0,  pick / 1000000, pick / 10000, pick / 100, pick, 7509, -5,
				 75, 7503,	     750307,	   10,	       1001 };
		for (size_t k = 0; k < sizeof of / sizeof of[0]; k++)
			for (int level = 0; level <= S40_LEVEL_VILLAGE + 1; level++)
				check_by_level(ix, m, vc, of[k], level, days[d]);
	}
	free(vc);
	free(areas);
	struct s40_asof_mem mem;
	s40_asof_memory(ix, &mem);
	assert_true(mem.n_chunks >= 1);
	assert_int_equal(mem.total, mem.villages + mem.totals + mem.events + mem.snapshots);
}

/* m as the spells of w. */
static void model_of_world(struct model *m, const struct world *w)
{
	for (size_t i = 0; i < w->n; i++) {
		model_push(m, w->s[i].village, w->s[i].start, 0);
		if (w->s[i].end != S40_NO_DAY)
			model_push(m, w->s[i].village, w->s[i].end, 1);
	}
}

static void test_against_brute_force(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 600, &w);
	assert_true(w.n > 600);
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(ix), w.n);
	struct model m = { 0 };
	model_of_world(&m, &w);
	check_model(ix, &m);
	model_free(&m);
	assert_true(s40_asof_count(ix, 0, ymd(2019, 10, 31)) >
		    100); /* rich enough to mean something */

	/* The store's SQL count by village agrees, village by village. */
	static const int y[] = { 2013, 2016, 2019, 2022, 2025 };
	for (size_t i = 0; i < sizeof y / sizeof y[0]; i++) {
		int32_t day = ymd(y[i], 10, 31);
		struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_ASOF_BY_VILLAGE, &t->ctx);
		s40_stmt_int64(s, 1, day);
		int64_t sum = 0;
		int rc;
		while ((rc = s40_stmt_step(s, &t->ctx)) == S40_ROW) {
			int32_t v = (int32_t)s40_col_int64(s, 0);
			assert_int_equal(s40_asof_count(ix, v, day), s40_col_int64(s, 1));
			sum += s40_col_int64(s, 1);
		}
		assert_int_equal(rc, S40_OK);
		assert_int_equal(s40_asof_count(ix, 0, day), sum);
	}
	s40_asof_free(ix);
	world_free(&w);
}

/* Built from one area's spells only (a province, a district, a subdistrict,
 * a village), the index holds just those and answers as the whole index does
 * for that area and every area below it, 0 for an area beside it; a code that
 * is no area is refused. */
static void test_build_area(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 600, &w);
	struct s40_asof *all;
	testdb_ok(s40_asof_build(t->st, &all, &t->ctx), &t->ctx);
	int32_t pick = w.villages[0];
	const int32_t areas[] = { 75, 7503, 750307, 75030702, 10, pick / 10000, pick };
	const int32_t beside[] = { 7501, 750305, 75030701, 11, 1002 };
	const int32_t days[] = { ymd(2013, 10, 31), ymd(2019, 10, 31), ymd(2025, 12, 31) };
	int64_t seen = 0;
	for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++) {
		struct s40_asof *ix;
		testdb_ok(s40_asof_build_area(t->st, areas[a], &ix, &t->ctx), &t->ctx);
		size_t n = 0;
		for (size_t i = 0; i < w.n; i++)
			n += s40_area_contains(areas[a], w.s[i].village);
		assert_int_equal(s40_asof_n_spells(ix), n);
		for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
			int64_t want = s40_asof_count(all, areas[a], days[d]);
			assert_int_equal(s40_asof_count(ix, areas[a], days[d]), want);
			seen += want;
			for (int level = s40_area_level(areas[a]) + 1; level <= S40_LEVEL_VILLAGE;
			     level++) {
				struct s40_area_count *va, *vb;
				size_t na, nb;
				assert_int_equal(s40_asof_by_level(all, areas[a], level, days[d],
								   &va, &na),
						 S40_OK);
				assert_int_equal(s40_asof_by_level(ix, areas[a], level, days[d],
								   &vb, &nb),
						 S40_OK);
				assert_int_equal(na, nb);
				for (size_t k = 0; k < na; k++) {
					assert_int_equal(va[k].code, vb[k].code);
					assert_int_equal(va[k].n, vb[k].n);
				}
				free(va);
				free(vb);
			}
			for (size_t b = 0; b < sizeof beside / sizeof beside[0]; b++)
				if (!s40_area_contains(beside[b], areas[a]) &&
				    !s40_area_contains(areas[a], beside[b]))
					assert_int_equal(s40_asof_count(ix, beside[b], days[d]), 0);
		}
		s40_asof_free(ix);
	}
	assert_true(seen > 100);
	struct s40_asof *ix = (struct s40_asof *)&seen;
	assert_int_equal(s40_asof_build_area(t->st, 123, &ix, &t->ctx), S40_E_BAD_AREA);
	assert_null(ix);
	s40_asof_free(all);
	world_free(&w);
}

static void test_by_level(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 400, &w);
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	struct model m = { 0 };
	model_of_world(&m, &w);
	check_model(ix, &m); /* every level of the country and of fixed areas of each level */
	model_free(&m);
	/* Samut Songkhram by district: exactly the districts that had a spell. */
	struct s40_area_count *v;
	size_t n;
	assert_int_equal(s40_asof_by_level(ix, 75, S40_LEVEL_DISTRICT, ymd(2019, 10, 31), &v, &n),
			 S40_OK);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].code, 7501);
	assert_int_equal(v[2].code, 7503);
	free(v);
	s40_asof_free(ix);
	world_free(&w);
}

/* The write path: each spell added or ended through the registry is told to
 * the index; the index must then equal one rebuilt from the store. */
static void test_add_end_equals_rebuild(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 200, &w);
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	size_t n0 = s40_asof_n_spells(ix);

	static const int32_t villages[] = { 75030702, 75030501, 75010201, 10010100, 75030700 };
	int n_new = 0;
	for (int i = 0; i < 40; i++) {
		int64_t id = testdb_natid(130000000000 + i);
		int32_t village = villages[i % 5];
		testdb_add_person(t, id, "ใหม่", "ดัชนี", ymd(1960 + i % 20, 1 + i % 12, 1), village);
		int32_t start = ymd(2012, 1, 1) + (int32_t)rnd(5000);
		struct s40_enrol e = { .person = id, .option = 1, .day = start };
		testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
		assert_int_equal(s40_asof_add(ix, village, start), S40_OK);
		n_new++;
		if (i % 3 == 0) {
			int32_t end = start + (int32_t)rnd(2000);
			if (end > t->reg.today)
				end = t->reg.today;
			testdb_ok(s40_membership_end(&t->reg, id, end, S40_END_RESIGNED, &t->ctx),
				  &t->ctx);
			assert_int_equal(s40_asof_end(ix, village, end), S40_OK);
			/* And back again from the end day, half-open. */
			if (i % 2 == 0) {
				e.day = end;
				testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx),
					  &t->ctx);
				assert_int_equal(s40_asof_add(ix, village, end), S40_OK);
				n_new++;
			}
		}
	}
	/* Ends of spells the index held from the start. */
	struct s40_spell *sp;
	size_t nsp;
	for (int p = 0; p < 200; p++) {
		int64_t id = 1000000000000 + p;
		testdb_ok(s40_membership_list(t->st, id, &sp, &nsp, &t->ctx), &t->ctx);
		if (nsp && sp[nsp - 1].end_day == S40_NO_DAY && p % 2) {
			int32_t end = sp[nsp - 1].start_day + (int32_t)rnd(300);
			if (end > t->reg.today)
				end = t->reg.today;
			testdb_ok(s40_membership_end(&t->reg, id, end, S40_END_DEATH, &t->ctx),
				  &t->ctx);
			assert_int_equal(s40_asof_end(ix, sp[nsp - 1].village, end), S40_OK);
		}
		free(sp);
	}
	assert_int_equal(s40_asof_n_spells(ix), n0 + (size_t)n_new);

	struct s40_asof *rebuilt;
	testdb_ok(s40_asof_build(t->st, &rebuilt, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(rebuilt), s40_asof_n_spells(ix));
	assert_int_equal(s40_asof_n_villages(rebuilt), s40_asof_n_villages(ix));
	static const int32_t areas[] = { 0, 75, 10, 7501, 7503, 750305, 750307, 75030702, 10010100 };
	for (int32_t day = ymd(2011, 12, 1); day <= ymd(2026, 2, 1); day += 17)
		for (size_t k = 0; k < sizeof areas / sizeof areas[0]; k++)
			assert_int_equal(s40_asof_count(ix, areas[k], day),
					 s40_asof_count(rebuilt, areas[k], day));
	s40_asof_free(rebuilt);
	s40_asof_free(ix);
	world_free(&w);
}

static void test_boundaries(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix;
	/* Empty. */
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(ix), 0);
	assert_int_equal(s40_asof_n_villages(ix), 0);
	assert_int_equal(s40_asof_count(ix, 0, ymd(2019, 10, 31)), 0);
	struct s40_area_count *v;
	size_t n = 99;
	assert_int_equal(s40_asof_by_level(ix, 75, S40_LEVEL_DISTRICT, ymd(2019, 10, 31), &v, &n),
			 S40_OK);
	assert_int_equal(n, 0);
	free(v);
	s40_asof_free(ix);

	/* One spell from 1 Mar 2019 to 1 Nov 2019 (not a member on 1 Nov), one of
	 * no days on 1 Jun 2019, one open from 31 Oct 2019. */
	const int32_t d0 = ymd(2019, 3, 1), d1 = ymd(2019, 11, 1);
	int64_t a = testdb_natid(140000000001), b = testdb_natid(140000000002),
		c = testdb_natid(140000000003);
	testdb_add_person(t, a, "ก", "ขอบ", ymd(1980, 1, 1), 75030702);
	testdb_add_person(t, b, "ข", "ขอบ", ymd(1980, 1, 1), 75030702);
	testdb_add_person(t, c, "ค", "ขอบ", ymd(1980, 1, 1), 75010201);
	struct s40_enrol e = { .person = a, .option = 1, .day = d0 };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, a, d1, S40_END_RESIGNED, &t->ctx), &t->ctx);
	e.person = b;
	e.day = ymd(2019, 6, 1);
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, b, e.day, S40_END_CORRECTION, &t->ctx), &t->ctx);
	e.person = c;
	e.day = ymd(2019, 10, 31);
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(ix), 3);
	assert_int_equal(s40_asof_n_villages(ix), 2);

	static const int32_t in_a[] = { 75030702, 750307, 7503, 75, 0 };
	for (size_t i = 0; i < sizeof in_a / sizeof in_a[0]; i++) {
		int32_t area = in_a[i];
		int64_t with_c = area == 75 || area == 0; /* c is in 7501 */
		assert_int_equal(s40_asof_count(ix, area, d0 - 1), 0);
		assert_int_equal(s40_asof_count(ix, area, d0), 1);
		assert_int_equal(s40_asof_count(ix, area, ymd(2019, 6, 1)), 1); /* b: no day */
		assert_int_equal(s40_asof_count(ix, area, ymd(2019, 10, 30)), 1);
		assert_int_equal(s40_asof_count(ix, area, ymd(2019, 10, 31)), 1 + with_c);
		assert_int_equal(s40_asof_count(ix, area, d1 - 1), 1 + with_c);
		assert_int_equal(s40_asof_count(ix, area, d1), with_c);
		assert_int_equal(s40_asof_count(ix, area, ymd(2100, 1, 1)), with_c);
	}
	assert_int_equal(s40_asof_count(ix, 7501, ymd(2019, 10, 30)), 0);
	assert_int_equal(s40_asof_count(ix, 7501, ymd(2019, 10, 31)), 1);
	assert_int_equal(s40_asof_count(ix, 75030701, d0), 0);
	assert_int_equal(s40_asof_count(ix, 10, d0), 0);
	assert_int_equal(s40_asof_count(ix, 76, ymd(2020, 1, 1)), 0);
	s40_asof_free(ix);
}

/* Villages to draw from: three provinces, three districts in each, three
 * subdistricts in each of those with one to five villages (a part-00 code in
 * some), so that every level has several areas. */
static size_t village_pool(int32_t *v, size_t cap)
{
	static const int32_t prov[] = { 75, 10, 50 };
	size_t n = 0;
	for (size_t p = 0; p < 3; p++)
		for (int d = 1; d <= 3; d++)
			for (int s = 1; s <= 3; s++) {
				int32_t sub = prov[p] * 10000 + d * 100 + s;
				int k = 1 + (int)rnd(5);
				for (int moo = (s == 2 ? 0 : 1); moo <= k && n < cap; moo++)
					v[n++] = sub * 100 + moo;
			}
	return n;
}

/* A random day: mostly 2012–2026, some on a day already used, some far off. */
static int32_t random_day(const struct model *m)
{
	uint32_t r = rnd(100);
	if (r < 15 && m->n)
		return m->e[rnd((uint32_t)m->n)].day;
	if (r < 18)
		return ymd(1950, 1, 1) + (int32_t)rnd(3000);
	if (r < 20)
		return ymd(2100, 1, 1) + (int32_t)rnd(3000);
	return ymd(2012, 1, 1) + (int32_t)rnd(15 * 365);
}

/* n_ops random starts and ends told to ix and m alike, checked every check_every. */
static void random_writes(struct s40_asof *ix, struct model *m, const int32_t *pool, size_t n_pool,
			  int n_ops, int check_every)
{
	for (int op = 1; op <= n_ops; op++) {
		if (m->n_open == 0 || rnd(100) < 60) {
			int32_t village = pool[rnd((uint32_t)n_pool)];
			int32_t day = random_day(m);
			assert_int_equal(s40_asof_add(ix, village, day), S40_OK);
			model_push(m, village, day, 0);
			if (m->n_open == m->cap_open) {
				m->cap_open = m->cap_open ? m->cap_open * 2 : 256;
				m->open = realloc(m->open, m->cap_open * sizeof *m->open);
				assert_non_null(m->open);
			}
			m->open[m->n_open++] = (struct spell_row){ village, day, S40_NO_DAY };
		} else {
			/* End an open spell: on its start day now and then, else later. */
			size_t i = rnd((uint32_t)m->n_open);
			struct spell_row s = m->open[i];
			m->open[i] = m->open[--m->n_open];
			int32_t end = rnd(100) < 15 ? s.start : s.start + (int32_t)rnd(2000);
			assert_int_equal(s40_asof_end(ix, s.village, end), S40_OK);
			model_push(m, s.village, end, 1);
		}
		if (op % check_every == 0)
			check_model(ix, m);
	}
}

/* The write path alone, from an empty index: thousands of starts and ends in
 * random order of days (the timeline's chunks split many times, its slots
 * grow), every view checked against the model again and again. */
static void test_writes_against_model(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	struct model m = { 0 };
	check_model(ix, &m);
	int32_t pool[200];
	size_t n_pool = village_pool(pool, 200);
	assert_true(n_pool > 64); /* more than the first snapshots' slots */
	random_writes(ix, &m, pool, n_pool, 6000, 500);
	struct s40_asof_mem mem;
	s40_asof_memory(ix, &mem);
	assert_true(mem.n_chunks > 10);
	s40_asof_free(ix);
	model_free(&m);
}

/* A build from the store, then writes on top of it, checked as above. */
static void test_build_then_writes(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 300, &w);
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	struct model m = { 0 };
	model_of_world(&m, &w);
	check_model(ix, &m);
	int32_t pool[200];
	size_t n_pool = village_pool(pool, 200);
	random_writes(ix, &m, pool, n_pool, 3000, 750);
	s40_asof_free(ix);
	model_free(&m);
	world_free(&w);
}

/* A build from more spells than the build reads in one batch (it reads in
 * batches of 4,096 rows, then 8,192…, numbering their villages in a second
 * thread). */
static void test_build_many(void **state)
{
	struct testdb *t = *state;
	struct world w;
	make_world(t, 5000, &w);
	assert_true(w.n > 4096 + 4096); /* two batches at least */
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	assert_int_equal(s40_asof_n_spells(ix), w.n);
	struct model m = { 0 };
	model_of_world(&m, &w);
	check_model(ix, &m);
	s40_asof_free(ix);
	model_free(&m);
	world_free(&w);
}

/* Codes that are not village codes (the index takes any), among villages:
 * by level then groups them as their codes say, and area 0 counts codes ≥ 0. */
static void test_other_codes(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	struct model m = { 0 };
	int32_t pool[200];
	size_t n_pool = village_pool(pool, 190);
	static const int32_t odd[] = { 7503, 5, 0, -3, 750307, 75 };
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
		pool[n_pool++] = odd[i];
	random_writes(ix, &m, pool, n_pool, 1500, 500);
	s40_asof_free(ix);
	model_free(&m);
}

/* Spells in the store on days further apart than the build counts days over,
 * and on one day many. */
static void test_far_days(void **state)
{
	struct testdb *t = *state;
	static const struct spell_row rows[] = {
		{ 75030702, -2500000, S40_NO_DAY }, { 75030702, 2500000, S40_NO_DAY },
		{ 75030501, 0, 2400000 },	    { 10010100, -2500000, -2500000 },
		{ 75030702, 18000, 18000 },	    { 75030702, 18000, 19000 },
	};
	struct model m = { 0 };
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0] + 200; i++) {
		struct spell_row r = i < sizeof rows / sizeof rows[0] ?
					     rows[i] :
					     (struct spell_row){ 75010201, 18000, S40_NO_DAY };
		int64_t id = 1000000000000 + (int64_t)i;
		world_person(t, id, "ไกล", "วัน", ymd(1980, 1, 1), 1, r.village);
		world_spell(t, id, r.village, r.start, 1, r.end);
		model_push(&m, r.village, r.start, 0);
		if (r.end != S40_NO_DAY)
			model_push(&m, r.village, r.end, 1);
	}
	testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	check_model(ix, &m);
	assert_int_equal(s40_asof_count(ix, 0, -2500001), 0);
	assert_int_equal(s40_asof_count(ix, 0, -2500000), 1);
	assert_int_equal(s40_asof_count(ix, 7501, 18000), 200);
	assert_int_equal(s40_asof_count(ix, 0, INT32_MAX), 202);
	int32_t pool[200];
	size_t n_pool = village_pool(pool, 200);
	random_writes(ix, &m, pool, n_pool, 1000, 500);
	s40_asof_free(ix);
	model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_against_brute_force, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_build_area, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_by_level, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_add_end_equals_rebuild, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_boundaries, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_writes_against_model, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_build_then_writes, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_build_many, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_other_codes, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_far_days, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
