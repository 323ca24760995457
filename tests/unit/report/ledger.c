/*
 * Unit tests of lib/report/ledger.c: the lapsed follow-up list (worst first,
 * arrears and lapsed, the recruiter's name and phone, IDs masked), the
 * list's pages against the whole list, the contributions per area per month
 * with their totals, the member's ledger and a benefit check as tables.
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
#include "registry/followup.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/network.h"
#include "registry/person.h"
#include "report/ledger.h"
#include "stats/asof.h"
#include "rules/eligibility.h"
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

/* Person n in village, enrolled with option 1 on day. */
static int64_t member_on(struct testdb *t, int n, int32_t village, int32_t day)
{
	int64_t id = testdb_natid(150000000000 + n);
	struct s40_person p;
	char first[32];
	snprintf(first, sizeof first, "ค%d", n);
	testdb_person(&p, id, first, "หน้า", ymd(1980, 1, 1), village);
	int changed;
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	struct s40_enrol e = { .person = id, .option = 1, .day = day };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	return id;
}

/* Whether village is inside area (0: everywhere). */
static int in_area(int64_t village, int32_t area)
{
	int64_t scale = area == 0	 ? 0 :
			area < 100	 ? 1000000 :
			area < 10000	 ? 10000 :
			area < 1000000 ? 100 :
					   1;
	return scale == 0 || village / scale == area;
}

static void lapsed_pages_match(struct testdb *t, int32_t day, bool statuses_too);
struct want_row;
/* Who test_lapsed_page assigned to whom. */
struct followed {
	int64_t net[3]; /* network members of 75, 30 and 7503 */
	int64_t person[8], assignee[8];
	size_t n;
};

static void followed_assign(struct testdb *t, struct followed *fl, int64_t away);
static void assignee_views_match(struct testdb *t, int32_t day, const struct followed *fl);
static void view_pages_match(struct testdb *t, int32_t day, int32_t area, int status,
			     int newest, const struct want_row *worked, size_t n_worked);

/* One row of the lapsed list as the test works it out. */
struct want_row {
	int64_t person;
	int64_t village;
	int64_t unpaid;
	int64_t last_paid; /* -1: never */
};

static int want_cmp(const void *pa, const void *pb)
{
	const struct want_row *a = pa, *b = pb;
	if (a->unpaid != b->unpaid)
		return a->unpaid > b->unpaid ? -1 : 1;
	if (a->village != b->village)
		return a->village < b->village ? -1 : 1;
	return a->person < b->person ? -1 : a->person > b->person;
}

/* The whole country's lapsed list on day, worked out member by member from
 * each one's spells and months paid (member_on's persons n of ns), as the
 * rules say and not as the report reads it: the spell active on day; the
 * unpaid months count from the later of its start month and the month after
 * the last month paid before the day's month M; listed when that is before M;
 * the most unpaid first, then by village and ID. Returns the rows' number. */
static size_t lapsed_worked_out(struct testdb *t, int32_t day, const int *ns, size_t n_ns,
				struct want_row *out, size_t cap)
{
	int32_t M = s40_day_month(day);
	size_t n = 0;
	for (size_t k = 0; k < n_ns; k++) {
		int64_t id = testdb_natid(150000000000 + ns[k]);
		struct s40_spell *sp;
		size_t n_sp;
		testdb_ok(s40_membership_list(t->st, id, &sp, &n_sp, &t->ctx), &t->ctx);
		int32_t *paid;
		size_t n_paid;
		testdb_ok(s40_ledger_paid_months(t->st, id, &paid, &n_paid, &t->ctx), &t->ctx);
		int64_t last = -1;
		for (size_t i = 0; i < n_paid; i++)
			if (paid[i] < M)
				last = paid[i];
		for (size_t i = 0; i < n_sp; i++) {
			if (!s40_spell_active(&sp[i], day))
				continue;
			int32_t from = s40_day_month(sp[i].start_day);
			if (last >= 0 && last + 1 > from)
				from = (int32_t)last + 1;
			if (from >= M)
				continue;
			assert_true(n < cap);
			out[n++] = (struct want_row){ id, sp[i].village, M - from, last };
		}
		free(sp);
		free(paid);
	}
	qsort(out, n, sizeof *out, want_cmp);
	return n;
}

/* A page of the lapsed list of an area is the same rows, in the same order, as
 * the whole country's list keeps for that area (the country's own pages too),
 * and its total is their number;
 * whatever the page, for members who started month after month, paid or not,
 * and one who moved to another district in the month before the day after
 * paying that month there. */
static void test_lapsed_page(void **state)
{
	struct testdb *t = *state;
	static const int32_t villages[] = { 75030702, 75030505, 75010201, 75020101 };
	for (int n = 0; n < 40; n++) {
		int32_t start = ymd(2018 + n / 12, 1 + n % 12, 1 + n % 20);
		int64_t id = member_on(t, n, villages[n % 4], start);
		int32_t first = s40_day_month(start);
		if (n % 3 == 1) /* paid a few months from the start */
			pay(t, id, first, first + n % 5);
		else if (n % 3 == 2 && first <= ym(2019, 12)) /* paid up to December 2019 */
			for (int32_t m = first; m <= ym(2019, 12); m += 12)
				pay(t, id, m, m + 11 < ym(2019, 12) ? m + 11 : ym(2019, 12));
	}
	/* The mover: paid December 2019 in Amphawa, left, and enrolled again in
	 * Mueang from 20 December. */
	int64_t mover = member_on(t, 99, 75030702, ymd(2019, 1, 1));
	pay(t, mover, ym(2019, 1), ym(2019, 12));
	testdb_ok(s40_membership_end(&t->reg, mover, ymd(2019, 12, 20), S40_END_RESIGNED,
				     &t->ctx),
		  &t->ctx);
	struct s40_person p;
	int changed;
	testdb_ok(s40_person_get(t->st, mover, &p, &t->ctx), &t->ctx);
	p.village = 75010201;
	testdb_ok(s40_person_update(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	struct s40_enrol e = { .person = mover, .option = 1, .day = ymd(2019, 12, 20) };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);

	/* Paid ahead after a gap (their last run of months paid starts in the
	 * month of 15 January 2020 or later: their ledger is read), and one
	 * whose months recorded late joined two runs (Dec 2019 and Jan 2020 paid,
	 * Nov 2019 recorded last). */
	int64_t ahead = member_on(t, 60, 75030702, ymd(2019, 1, 1));
	pay(t, ahead, ym(2019, 1), ym(2019, 3));
	pay(t, ahead, ym(2020, 1), ym(2020, 3));
	int64_t later = member_on(t, 61, 75030505, ymd(2019, 1, 1));
	pay(t, later, ym(2019, 1), ym(2019, 10));
	pay(t, later, ym(2020, 2), ym(2020, 2));
	int64_t gap = member_on(t, 63, 75030702, ymd(2019, 1, 1)); /* Dec paid, Jan not */
	pay(t, gap, ym(2019, 1), ym(2019, 12));
	pay(t, gap, ym(2020, 2), ym(2020, 2));
	int64_t joined = member_on(t, 62, 75010201, ymd(2019, 1, 1));
	pay(t, joined, ym(2019, 1), ym(2019, 10));
	pay(t, joined, ym(2019, 12), ym(2020, 1));
	pay(t, joined, ym(2019, 11), ym(2019, 11));

	/* Members in two other provinces: the country's pages take each
	 * province's first rows. */
	static const int32_t elsewhere[] = { 76010301, 30010201 };
	for (int n = 0; n < 8; n++) {
		int32_t start = ymd(2018 + n / 4, 1 + (n * 3) % 12, 1 + n);
		int64_t id = member_on(t, 70 + n, elsewhere[n % 2], start);
		if (n % 3 == 0)
			pay(t, id, s40_day_month(start), s40_day_month(start) + n);
	}

	/* A member of province 30 who moved to province 75 without leaving: the
	 * spell stays in 30, the person (and an assignment) in 75. */
	int64_t away = member_on(t, 80, 30010201, ymd(2019, 1, 1));
	testdb_ok(s40_person_get(t->st, away, &p, &t->ctx), &t->ctx);
	p.village = 75030505;
	testdb_ok(s40_person_update(&t->reg, &p, &changed, &t->ctx), &t->ctx);

	/* The day of the list in January 2020, and two others: a month whose
	 * members nearly all paid later months, and one after every payment. */
	static const int32_t days[][3] = { { 2020, 1, 15 }, { 2019, 6, 1 }, { 2020, 6, 30 } };
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		lapsed_pages_match(t, ymd(days[d][0], days[d][1], days[d][2]), d == 0);

	/* Members assigned for follow-up: the views of an assignee's members
	 * and of those assigned to no one, in the country and in areas. */
	struct followed fl;
	followed_assign(t, &fl, away);
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		assignee_views_match(t, ymd(days[d][0], days[d][1], days[d][2]), &fl);
}

/* The whole country's list on day compared with the one worked out member by
 * member, and the pages of the lapsed list with it; with statuses, the newest
 * first and one status too. */
static void lapsed_pages_match(struct testdb *t, int32_t day, bool statuses_too)
{
	struct s40_table all;
	s40_table_init(&all, NULL, NULL);
	testdb_ok(s40_report_lapsed(t->st, 0, day, 6, 0, &all, &t->ctx), &t->ctx);
	assert_true(all.n_rows > 10);
	/* The country's whole list is the one worked out member by member. */
	static const int ns[] = { 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14,
				  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
				  30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 60, 61, 62, 63, 70,
				  71, 72, 73, 74, 75, 76, 77, 80, 99 };
	struct want_row worked[128];
	size_t n_worked = lapsed_worked_out(t, day, ns, sizeof ns / sizeof ns[0], worked, 128);
	assert_int_equal(all.n_rows, n_worked);
	for (size_t r = 0; r < n_worked; r++) {
		assert_int_equal(cell_int(&all, r, 0), worked[r].person);
		assert_int_equal(cell_int(&all, r, 2), worked[r].village);
		assert_int_equal(cell_int(&all, r, 5), worked[r].unpaid);
		assert_int_equal(cell_int(&all, r, 6), worked[r].last_paid);
	}
	static const int32_t areas[] = { 0, 75, 7501, 7503, 750307, 75030702, 76, 30 };
	static const size_t offsets[] = { 0, 1, 3, 7, 50 }, limits[] = { 1, 2, 5, SIZE_MAX };
	/* The total counted from the store, and from an as-of index (the server's
	 * way) less the spells started in the day's month. */
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	for (size_t a = 0; a < 2 * sizeof areas / sizeof areas[0]; a++) {
		int32_t area = areas[a / 2];
		int64_t active = a % 2 ? s40_asof_count(ix, area, day) : -1;
		size_t want[128], n_want = 0;
		for (size_t r = 0; r < all.n_rows; r++)
			if (in_area(cell_int(&all, r, 2), area)) {
				assert_true(n_want < 128);
				want[n_want++] = r;
			}
		for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++)
			for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
				struct s40_table tb;
				s40_table_init(&tb, NULL, NULL);
				int64_t total = -1;
				testdb_ok(s40_report_lapsed_page(t->st, active, area, day, 6, 0, NULL,
								 offsets[o], limits[l], &tb, &total,
								 &t->ctx),
					  &t->ctx);
				assert_int_equal(total, n_want);
				size_t first = offsets[o] < n_want ? offsets[o] : n_want;
				size_t n = n_want - first < limits[l] ? n_want - first : limits[l];
				assert_int_equal(tb.n_rows, n);
				for (size_t r = 0; r < n; r++)
					for (size_t c = 0; c < all.n_cols; c++) {
						const struct s40_cell *x = s40_table_cell(&tb, r, c);
						const struct s40_cell *y =
							s40_table_cell(&all, want[first + r], c);
						assert_int_equal(x->is_null, y->is_null);
						assert_int_equal(x->i, y->i);
						if (x->s != NULL || y->s != NULL)
							assert_string_equal(x->s, y->s);
					}
				s40_table_free(&tb);
			}
	}
	s40_asof_free(ix);
	if (!statuses_too) {
		s40_table_free(&all);
		return;
	}

	/* The newest lapses first, and one status: the same members of the list,
	 * filtered, in the other order, with the total of those kept. */
	static const int statuses[] = { 0, S40_STANDING_ARREARS, S40_STANDING_LAPSED };
	for (size_t k = 0; k < 3; k++) {
		struct s40_lapsed_view view = { statuses[k], 1, 0 };
		struct s40_table tb;
		s40_table_init(&tb, NULL, NULL);
		int64_t total = -1;
		testdb_ok(s40_report_lapsed_page(t->st, -1, 75, day, 6, 0, &view, 0, SIZE_MAX, &tb,
						 &total, &t->ctx),
			  &t->ctx);
		size_t want = 0;
		for (size_t r = 0; r < all.n_rows; r++) {
			const char *st = s40_table_cell(&all, r, 4)->s;
			if (in_area(cell_int(&all, r, 2), 75) &&
			    (k == 0 || strcmp(st, k == 1 ? "arrears" : "lapsed") == 0))
				want++;
		}
		assert_true(want > 0);
		assert_int_equal(total, want);
		assert_int_equal(tb.n_rows, want);
		for (size_t r = 0; r < tb.n_rows; r++) {
			if (k)
				assert_string_equal(s40_table_cell(&tb, r, 4)->s,
						    k == 1 ? "arrears" : "lapsed");
			if (r > 0)
				assert_true(cell_int(&tb, r - 1, 5) <= cell_int(&tb, r, 5));
		}
		s40_table_free(&tb);
	}

	/* The views' pages, the country's too (each province's whole list read,
	 * filtered and cut to the page's end): the worked-out list filtered and in
	 * the view's order. */
	static const int32_t view_areas[] = { 0, 75, 30 };
	for (size_t a = 0; a < sizeof view_areas / sizeof view_areas[0]; a++)
		for (size_t k = 0; k < 3; k++)
			for (int newest = 0; newest < 2; newest++)
				view_pages_match(t, day, view_areas[a], statuses[k], newest, worked,
						 n_worked);
	s40_table_free(&all);
}

static int want_cmp_newest(const void *pa, const void *pb)
{
	const struct want_row *a = pa, *b = pb;
	if (a->unpaid != b->unpaid)
		return a->unpaid < b->unpaid ? -1 : 1;
	if (a->village != b->village)
		return a->village < b->village ? -1 : 1;
	return a->person < b->person ? -1 : a->person > b->person;
}

/* The pages of one view (status, newest first or not) of area's list against
 * the worked-out list (worst first), filtered and ordered as the view says. */
static void view_pages_match(struct testdb *t, int32_t day, int32_t area, int status,
			     int newest, const struct want_row *worked, size_t n_worked)
{
	struct want_row exp[128];
	size_t n_exp = 0;
	for (size_t r = 0; r < n_worked; r++)
		if (in_area(worked[r].village, area) &&
		    (status == 0 || s40_standing_of_run((int)worked[r].unpaid, 6) == status))
			exp[n_exp++] = worked[r];
	qsort(exp, n_exp, sizeof *exp, newest ? want_cmp_newest : want_cmp);
	static const size_t offsets[] = { 0, 1, 3, 7 }, limits[] = { 1, 2, 5, SIZE_MAX };
	for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++)
		for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
			struct s40_lapsed_view view = { status, newest, 0 };
			struct s40_table tb;
			s40_table_init(&tb, NULL, NULL);
			int64_t total = -1;
			testdb_ok(s40_report_lapsed_page(t->st, -1, area, day, 6, 0, &view,
							 offsets[o], limits[l], &tb, &total,
							 &t->ctx),
				  &t->ctx);
			assert_int_equal(total, n_exp);
			size_t first = offsets[o] < n_exp ? offsets[o] : n_exp;
			size_t n = n_exp - first < limits[l] ? n_exp - first : limits[l];
			assert_int_equal(tb.n_rows, n);
			for (size_t r = 0; r < n; r++) {
				assert_int_equal(cell_int(&tb, r, 0), exp[first + r].person);
				assert_int_equal(cell_int(&tb, r, 5), exp[first + r].unpaid);
				assert_int_equal(cell_int(&tb, r, 6), exp[first + r].last_paid);
			}
			s40_table_free(&tb);
		}
}

/* Network members for provinces 75 and 30 and for Amphawa (7503), and members
 * of the list assigned to each: away, whose spell is in 30 and who lives in
 * 75, among those of 75. */
static void followed_assign(struct testdb *t, struct followed *fl, int64_t away)
{
	static const int32_t areas[] = { 75, 30, 7503 };
	for (int i = 0; i < 3; i++) {
		fl->net[i] = testdb_natid(160000000000 + i);
		testdb_add_person(t, fl->net[i], "ผู้", "ติดตาม", ymd(1980, 2, 2),
				  i == 1 ? 30010201 : 75030702);
		struct s40_net_add a = { .person = fl->net[i], .role = S40_ROLE_STAFF,
					 .area = areas[i], .from_day = ymd(2019, 1, 1) };
		testdb_ok(s40_network_add(&t->reg, &a, NULL, &t->ctx), &t->ctx);
	}
	/* member_on's n, and the network member (index of net); n 80 is away */
	static const int who[][2] = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 80, 0 },
				      { 71, 1 }, { 4, 2 }, { 8, 2 } };
	fl->n = 0;
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		int64_t id = who[i][0] == 80 ? away : testdb_natid(150000000000 + who[i][0]);
		testdb_ok(s40_followup_assign(&t->reg, id, fl->net[who[i][1]], ymd(2019, 2, 1),
					      NULL, &t->ctx),
			  &t->ctx);
		fl->person[fl->n] = id;
		fl->assignee[fl->n++] = fl->net[who[i][1]];
	}
}

/* The member's assignee in fl, 0 if none. */
static int64_t followed_by(const struct followed *fl, int64_t person)
{
	for (size_t i = 0; i < fl->n; i++)
		if (fl->person[i] == person)
			return fl->assignee[i];
	return 0;
}

/* The views of an assignee's members and of the members assigned to no one:
 * the list's members in the area so assigned, in the view's order, whole and a
 * page of it. */
static void assignee_views_match(struct testdb *t, int32_t day, const struct followed *fl)
{
	struct s40_table all;
	s40_table_init(&all, NULL, NULL);
	testdb_ok(s40_report_lapsed(t->st, 0, day, 6, 0, &all, &t->ctx), &t->ctx);
	static const int32_t areas[] = { 0, 75, 7503, 7501, 30, 3001, 76 };
	const int64_t assignees[] = { -1, fl->net[0], fl->net[1], fl->net[2] };
	int none_seen = 0, some_seen = 0;
	for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++)
		for (size_t k = 0; k < sizeof assignees / sizeof assignees[0]; k++)
			for (int newest = 0; newest < 2; newest++) {
				/* The whole list's rows so assigned, in the view's order. */
				struct want_row exp[128];
				size_t n_exp = 0;
				for (size_t r = 0; r < all.n_rows; r++) {
					int64_t id = cell_int(&all, r, 0);
					int64_t by = followed_by(fl, id);
					if (!in_area(cell_int(&all, r, 2), areas[a]) ||
					    (assignees[k] < 0 ? by != 0 : by != assignees[k]))
						continue;
					exp[n_exp++] = (struct want_row){ id, cell_int(&all, r, 2),
									  cell_int(&all, r, 5),
									  cell_int(&all, r, 6) };
				}
				qsort(exp, n_exp, sizeof *exp, newest ? want_cmp_newest : want_cmp);
				if (assignees[k] < 0)
					none_seen += n_exp > 0;
				else
					some_seen += n_exp > 0;
				static const size_t pages[][2] = { { 0, SIZE_MAX }, { 1, 2 } };
				for (size_t g = 0; g < 2; g++) {
					struct s40_lapsed_view view = { 0, newest, assignees[k] };
					struct s40_table tb;
					s40_table_init(&tb, NULL, NULL);
					int64_t total = -1;
					testdb_ok(s40_report_lapsed_page(t->st, -1, areas[a], day, 6, 0,
									 &view, pages[g][0],
									 pages[g][1], &tb, &total,
									 &t->ctx),
						  &t->ctx);
					assert_int_equal(total, n_exp);
					size_t first = pages[g][0] < n_exp ? pages[g][0] : n_exp;
					size_t n = n_exp - first < pages[g][1] ? n_exp - first :
										 pages[g][1];
					assert_int_equal(tb.n_rows, n);
					for (size_t r = 0; r < n; r++) {
						assert_int_equal(cell_int(&tb, r, 0),
								 exp[first + r].person);
						assert_int_equal(cell_int(&tb, r, 5),
								 exp[first + r].unpaid);
					}
					s40_table_free(&tb);
				}
			}
	/* The views were not all empty. */
	assert_true(none_seen > 0);
	assert_true(some_seen > 0);
	s40_table_free(&all);
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
		cmocka_unit_test_setup_teardown(test_lapsed_page, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_contributions, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_ledger_and_benefit, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
