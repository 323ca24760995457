/*
 * coverage_index.c — the coverage of surveyed villages as totals of any area
 * on any day (coverage.h, s40_cov_ix_*).
 *
 * A resident of a survey counts in one class (member, uninsured, other scheme,
 * not eligible) from the survey's day until the village's next survey, and
 * the class can change only on the days coverage.c's "since" walk lists: a
 * spell's start or end, an exclusion's start or the day after its end, the
 * resident's birth and the birthdays on which they enter or leave an age
 * rule's limits, the days an age rule begins. The build evaluates each
 * resident on its survey's day and on each of those days inside the survey's
 * time with the reports' own function (cv_resident_on), and keeps each change
 * as a delta of the village's counts on that day. A village's deltas summed in
 * day order are its counts on every day, and from them whether it is fully
 * covered (at the threshold of the build), which adds a delta of fully
 * covered villages on the days that changes. Every area of every level (the
 * village itself, its subdistrict, district, province, the country) then
 * holds the running sums of its villages' deltas on the distinct days they
 * fall on, and a subdistrict's days on which it gains or loses its last fully
 * covered village add a delta of tambons achieved to itself and the areas
 * above it. A total is one binary search among the level's areas and one
 * among the area's days.
 *
 * The store is read one province at a time (cv_load over its village codes),
 * so the build holds one province's residents and register rows at once, not
 * the country's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "coverage.h"
#include "coverage_int.h"
#include "sorted.h"

enum {
	F_VILLAGES,
	F_FULL,
	F_TAMBONS,
	F_SURVEYED,
	F_MEMBERS,
	F_UNINSURED,
	F_OTHER,
	F_INELIGIBLE,
	F_DISAGREE,
	NF
};

/* A change of an area's counts on a day. */
struct ev {
	int32_t code, day;
	int32_t d[NF];
};

struct evs {
	struct ev *v;
	size_t n, cap;
};

/* The running counts of the areas of one level. */
struct series {
	int32_t *code; /* the areas, ascending */
	uint32_t *first; /* [n_areas + 1]: area i's days are day[first[i] .. first[i + 1]) */
	size_t n_areas;
	int32_t *day; /* ascending within an area */
	int32_t (*cum)[NF]; /* the counts from day[j] until the area's next day */
	size_t n_days;
};

struct s40_cov_ix {
	struct series lv[S40_LEVEL_VILLAGE + 1]; /* by level; S40_LEVEL_NONE: the country */
	int32_t threshold;
	size_t n_residents;
	int64_t *persons; /* every resident's person, ascending, each once */
	size_t n_persons;
};

/* The ages at which someone enters or leaves an age rule's limits, and the
 * days the rules begin. */
struct rules {
	int ages[32];
	size_t n_ages;
	int32_t days[16];
	size_t n_days;
};

static void rules_read(struct rules *ru)
{
	memset(ru, 0, sizeof *ru);
	int32_t at = INT32_MIN + 1;
	while (ru->n_days < 16 && ru->n_ages + 2 <= 32) {
		const struct s40_age_rule *r = s40_age_rule_on(at);
		if (r == NULL)
			break;
		ru->ages[ru->n_ages++] = r->min_age;
		ru->ages[ru->n_ages++] = r->max_age + 1;
		if (r->from_day != S40_NO_DAY)
			ru->days[ru->n_days++] = r->from_day;
		if (r->to_day == S40_NO_DAY || r->to_day >= INT32_MAX - 1)
			break;
		at = r->to_day + 1;
	}
}

/* One more event of code on day, its deltas 0; NULL when out of memory. */
static int32_t *push(struct evs *e, int32_t code, int32_t day)
{
	if (cv_grow((void **)&e->v, &e->cap, e->n, sizeof *e->v))
		return NULL;
	struct ev *x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->code = code;
	x->day = day;
	return x->d;
}

static int field_of(int cls)
{
	switch (cls) {
	case S40_COV_MEMBER:
		return F_MEMBERS;
	case S40_COV_UNINSURED:
		return F_UNINSURED;
	case S40_COV_OTHER_SCHEME:
		return F_OTHER;
	default:
		return F_INELIGIBLE;
	}
}

static int cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The changes of one resident of a survey in force from from until to. */
static int resident_events(const struct cv_data *d, const struct cv_resident *r, int32_t village,
			   int32_t from, int32_t to, const struct rules *ru, struct cv_days *cand,
			   struct evs *out)
{
	struct s40_resident_cov c, x;
	cv_resident_on(d, r, from, &c);
	int32_t *e = push(out, village, from);
	if (e == NULL)
		return -1;
	e[F_SURVEYED] = 1;
	e[field_of(c.cls)] = 1;
	e[F_DISAGREE] = c.disagree;

	/* The candidates inside the survey's time (from, to). */
	int32_t last = to == S40_NO_DAY ? INT32_MAX : to - 1;
	int fail = 0;
	cand->n = 0;
	const struct cv_person *p = cv_person_find(d, r->person);
	if (p) {
		fail |= cv_person_days(d, p, ru->ages, ru->n_ages, cand, from, last);
		fail |= cv_days_add(cand, p->birth, from, last);
	}
	for (size_t i = 0; i < ru->n_days; i++)
		fail |= cv_days_add(cand, ru->days[i], from, last);
	if (fail)
		return -1;
	if (cand->n > 1)
		qsort(cand->v, cand->n, sizeof *cand->v, cmp_day);
	for (size_t i = 0; i < cand->n; i++) {
		if (i > 0 && cand->v[i] == cand->v[i - 1])
			continue;
		cv_resident_on(d, r, cand->v[i], &x);
		if (x.cls == c.cls && x.disagree == c.disagree)
			continue;
		if ((e = push(out, village, cand->v[i])) == NULL)
			return -1;
		e[field_of(c.cls)] -= 1;
		e[field_of(x.cls)] += 1;
		e[F_DISAGREE] = x.disagree - c.disagree;
		c = x;
	}
	if (to != S40_NO_DAY) {
		if ((e = push(out, village, to)) == NULL)
			return -1;
		e[F_SURVEYED] = -1;
		e[field_of(c.cls)] = -1;
		e[F_DISAGREE] = -c.disagree;
	}
	return 0;
}

static int cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->code != y->code)
		return (x->code > y->code) - (x->code < y->code);
	return (x->day > y->day) - (x->day < y->day);
}

static int full_of(const int32_t *cum, int32_t threshold)
{
	int64_t eligible = (int64_t)cum[F_MEMBERS] + cum[F_UNINSURED];
	return eligible > 0 && (int64_t)cum[F_MEMBERS] * 10000 >= (int64_t)threshold * eligible;
}

/*
 * One village (its surveys d->sv[first .. first + n)): its residents' changes
 * gathered in tmp, summed by day into out with the days it becomes or stops
 * being fully covered.
 */
static int village_events(const struct cv_data *d, size_t first, size_t n, const struct rules *ru,
			  int32_t threshold, struct cv_days *cand, struct evs *tmp, struct evs *out)
{
	int32_t village = d->sv[first].village;
	tmp->n = 0;
	int32_t *e = push(tmp, village, d->sv[first].day);
	if (e == NULL)
		return -1;
	e[F_VILLAGES] = 1;
	for (size_t i = first; i < first + n; i++) {
		int32_t to = i + 1 < first + n ? d->sv[i + 1].day : S40_NO_DAY;
		for (size_t k = 0; k < d->sv[i].n; k++)
			if (resident_events(d, &d->res[d->sv[i].first + k], village, d->sv[i].day,
					    to, ru, cand, tmp))
				return -1;
	}
	qsort(tmp->v, tmp->n, sizeof *tmp->v, cmp_ev);
	int32_t cum[NF] = { 0 };
	int full = 0;
	for (size_t i = 0; i < tmp->n;) {
		int32_t sum[NF] = { 0 };
		size_t j = i;
		for (; j < tmp->n && tmp->v[j].day == tmp->v[i].day; j++)
			for (int f = 0; f < NF; f++)
				sum[f] += tmp->v[j].d[f];
		int any = 0;
		for (int f = 0; f < NF; f++) {
			cum[f] += sum[f];
			any |= sum[f] != 0;
		}
		int now = full_of(cum, threshold);
		sum[F_FULL] = now - full;
		full = now;
		if (any) {
			if ((e = push(out, village, tmp->v[i].day)) == NULL)
				return -1;
			memcpy(e, sum, sizeof sum);
		}
		i = j;
	}
	return 0;
}

static void series_free(struct series *s)
{
	free(s->code);
	free(s->first);
	free(s->day);
	free(s->cum);
	memset(s, 0, sizeof *s);
}

/* An event of an area at some level, by day, for the sort of that area's own. */
struct dk {
	int32_t day;
	uint32_t i; /* into the events: below n_a in a, else in b */
};

static int cmp_dk(const void *x, const void *y)
{
	const struct dk *p = x, *q = y;
	return (p->day > q->day) - (p->day < q->day);
}

static int32_t area_of(int32_t code, enum s40_level level)
{
	return level == S40_LEVEL_NONE ? 0 : s40_area_at_level(code, level);
}

/*
 * The running sums at level of the events a[0..na) and b[0..nb) (villages' and
 * subdistricts', each array in code order, so that an area's events are one
 * stretch of each): for each area in turn its events sorted by day (only
 * their days and places, not the events themselves), summed by day, then added
 * up in day order.
 */
static int series_build(struct series *s, const struct ev *a, size_t na, const struct ev *b,
			size_t nb, enum s40_level level)
{
	memset(s, 0, sizeof *s);
	size_t n = na + nb, cap_areas = 64;
	struct dk *k = malloc((n ? n : 1) * sizeof *k);
	s->code = malloc(cap_areas * sizeof *s->code);
	s->first = malloc((cap_areas + 1) * sizeof *s->first);
	s->day = malloc((n ? n : 1) * sizeof *s->day); /* at most one day an event */
	s->cum = malloc((n ? n : 1) * sizeof *s->cum);
	if (k == NULL || s->code == NULL || s->first == NULL || s->day == NULL || s->cum == NULL ||
	    n > UINT32_MAX) {
		free(k);
		series_free(s);
		return -1;
	}
	size_t ia = 0, ib = 0, n_days = 0;
	while (ia < na || ib < nb) {
		int32_t code = ia < na ? area_of(a[ia].code, level) : INT32_MAX;
		if (ib < nb && area_of(b[ib].code, level) < code)
			code = area_of(b[ib].code, level);
		size_t nk = 0;
		for (; ia < na && area_of(a[ia].code, level) == code; ia++)
			k[nk++] = (struct dk){ a[ia].day, (uint32_t)ia };
		for (; ib < nb && area_of(b[ib].code, level) == code; ib++)
			k[nk++] = (struct dk){ b[ib].day, (uint32_t)(na + ib) };
		qsort(k, nk, sizeof *k, cmp_dk);
		if (s->n_areas == cap_areas) {
			cap_areas *= 2;
			int32_t *c = realloc(s->code, cap_areas * sizeof *c);
			if (c)
				s->code = c;
			uint32_t *f = realloc(s->first, (cap_areas + 1) * sizeof *f);
			if (f)
				s->first = f;
			if (c == NULL || f == NULL) {
				free(k);
				series_free(s);
				return -1;
			}
		}
		s->code[s->n_areas] = code;
		s->first[s->n_areas++] = (uint32_t)n_days;
		size_t first = n_days;
		for (size_t j = 0; j < nk; j++) {
			const struct ev *e = k[j].i < na ? &a[k[j].i] : &b[k[j].i - na];
			if (j == 0 || k[j].day != k[j - 1].day) {
				s->day[n_days] = k[j].day;
				for (int f = 0; f < NF; f++)
					s->cum[n_days][f] = n_days > first ? s->cum[n_days - 1][f] :
									     0;
				n_days++;
			}
			for (int f = 0; f < NF; f++)
				s->cum[n_days - 1][f] += e->d[f];
		}
	}
	free(k);
	s->first[s->n_areas] = (uint32_t)n_days;
	s->n_days = n_days;
	/* Give back what the bound over-counted. */
	if (n_days > 0) {
		int32_t *d = realloc(s->day, n_days * sizeof *d);
		if (d)
			s->day = d;
		int32_t(*c)[NF] = realloc(s->cum, n_days * sizeof *c);
		if (c)
			s->cum = c;
	}
	return 0;
}

/* The days on which each subdistrict gains its first fully covered village or
 * loses its last, as deltas of tambons achieved, appended to out (in code
 * order, as the subdistricts are). */
static int tambon_events(const struct series *sub, struct evs *out)
{
	for (size_t a = 0; a < sub->n_areas; a++) {
		int achieved = 0;
		for (uint32_t j = sub->first[a]; j < sub->first[a + 1]; j++) {
			int now = sub->cum[j][F_FULL] > 0;
			if (now == achieved)
				continue;
			int32_t *e = push(out, sub->code[a], sub->day[j]);
			if (e == NULL)
				return -1;
			e[F_TAMBONS] = now - achieved;
			achieved = now;
		}
	}
	return 0;
}

void s40_cov_ix_free(struct s40_cov_ix *ix)
{
	if (ix == NULL)
		return;
	for (int l = 0; l <= S40_LEVEL_VILLAGE; l++)
		series_free(&ix->lv[l]);
	free(ix->persons);
	free(ix);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Keep d's residents' persons (those the register holds or not) in
 * ix->persons; -1 when out of memory. */
static int persons_add(struct s40_cov_ix *ix, const struct cv_data *d, size_t *cap)
{
	for (size_t i = 0; i < d->n_res; i++) {
		if (ix->n_persons == *cap &&
		    cv_grow((void **)&ix->persons, cap, ix->n_persons, sizeof *ix->persons))
			return -1;
		ix->persons[ix->n_persons++] = d->res[i].person;
	}
	return 0;
}

/* The village codes lo..hi inside area (0: every province). */
static void area_range(int32_t area, int32_t *lo, int32_t *hi)
{
	int32_t span = 1;
	switch (s40_area_level(area)) {
	case S40_LEVEL_PROVINCE: span = 1000000; break;
	case S40_LEVEL_DISTRICT: span = 10000; break;
	case S40_LEVEL_SUBDISTRICT: span = 100; break;
	default: break;
	}
	*lo = area * span;
	*hi = *lo + span - 1;
}

enum s40_err s40_cov_ix_build(struct s40_store *st, struct s40_cov_ix **out, struct s40_ctx *ctx)
{
	return s40_cov_ix_build_area(st, 0, out, ctx);
}

enum s40_err s40_cov_ix_build_area(struct s40_store *st, int32_t area, struct s40_cov_ix **out,
				   struct s40_ctx *ctx)
{
	*out = NULL;
	if (area != 0 && s40_area_level(area) == S40_LEVEL_NONE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "area", "รหัสพื้นที่ %d ไม่ถูกต้อง",
				  "%d is not an area code", (int)area);
	struct s40_cov_ix *ix = calloc(1, sizeof *ix);
	if (ix == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = s40_coverage_threshold(st, &ix->threshold, ctx);
	struct rules ru;
	rules_read(&ru);
	struct evs ev = { 0 }, tmp = { 0 };
	struct cv_days cand = { 0 };
	int fail = 0;
	size_t pcap = 0;
	/* One province's villages at a time (codes 10–99), or the area's. */
	int32_t p_lo = 10, p_hi = 99;
	if (area != 0)
		p_lo = p_hi = area;
	for (int32_t prov = p_lo; prov <= p_hi && rc == S40_OK && !fail; prov++) {
		struct cv_data d;
		int32_t lo, hi;
		area_range(area != 0 ? area : prov, &lo, &hi);
		rc = cv_load(st, lo, hi, &d, ctx);
		if (rc == S40_OK)
			d.threshold = ix->threshold;
		for (size_t i = 0; rc == S40_OK && !fail && i < d.n_sv;) {
			size_t first, n;
			cv_village_surveys(&d, d.sv[i].village, &first, &n);
			fail = village_events(&d, first, n, &ru, ix->threshold, &cand, &tmp, &ev);
			i = first + n;
		}
		ix->n_residents += d.n_res;
		if (rc == S40_OK && !fail)
			fail = persons_add(ix, &d, &pcap);
		cv_free(&d);
	}
	free(tmp.v);
	free(cand.v);
	/* A person may live in two provinces' surveys (moved between them). */
	if (ix->n_persons > 0) {
		qsort(ix->persons, ix->n_persons, sizeof *ix->persons, cmp_i64);
		size_t k = 1;
		for (size_t i = 1; i < ix->n_persons; i++)
			if (ix->persons[i] != ix->persons[k - 1])
				ix->persons[k++] = ix->persons[i];
		ix->n_persons = k;
	}
	/* The villages' own counts (ev is in village code order: the provinces,
	 * their villages and each village's days were taken in order), the
	 * subdistricts' for their days of One Tambon, One Village, then every level
	 * with those. */
	struct evs tev = { 0 };
	if (rc == S40_OK && !fail)
		fail = series_build(&ix->lv[S40_LEVEL_VILLAGE], ev.v, ev.n, NULL, 0,
				    S40_LEVEL_VILLAGE) ||
		       series_build(&ix->lv[S40_LEVEL_SUBDISTRICT], ev.v, ev.n, NULL, 0,
				    S40_LEVEL_SUBDISTRICT);
	if (rc == S40_OK && !fail) {
		fail = tambon_events(&ix->lv[S40_LEVEL_SUBDISTRICT], &tev);
		series_free(&ix->lv[S40_LEVEL_SUBDISTRICT]);
		for (int l = S40_LEVEL_NONE; l < S40_LEVEL_VILLAGE && !fail; l++)
			fail = series_build(&ix->lv[l], ev.v, ev.n, tev.v, tev.n,
					    (enum s40_level)l);
	}
	free(tev.v);
	free(ev.v);
	if (rc == S40_OK && fail)
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if (rc) {
		s40_cov_ix_free(ix);
		return rc;
	}
	*out = ix;
	return S40_OK;
}

void s40_cov_ix_total(const struct s40_cov_ix *ix, int32_t area, int32_t day,
		      struct s40_cov_total *out)
{
	memset(out, 0, sizeof *out);
	enum s40_level level = area == 0 ? S40_LEVEL_NONE : s40_area_level(area);
	if (area != 0 && level == S40_LEVEL_NONE)
		return;
	const struct series *s = &ix->lv[level];
	uint32_t i = lower_bound(s->code, (uint32_t)s->n_areas, area);
	if (i == s->n_areas || s->code[i] != area)
		return;
	uint32_t a = s->first[i], k = count_le(s->day + a, s->first[i + 1] - a, day);
	if (k == 0)
		return;
	const int32_t *c = s->cum[a + k - 1];
	out->villages_surveyed = c[F_VILLAGES];
	out->villages_full = c[F_FULL];
	out->tambons_achieved = c[F_TAMBONS];
	out->surveyed = c[F_SURVEYED];
	out->members = c[F_MEMBERS];
	out->uninsured = c[F_UNINSURED];
	out->other_scheme = c[F_OTHER];
	out->ineligible = c[F_INELIGIBLE];
	out->disagree = c[F_DISAGREE];
}

bool s40_cov_ix_has_person(const struct s40_cov_ix *ix, int64_t person)
{
	size_t lo = 0, hi = ix->n_persons;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->persons[mid] < person)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n_persons && ix->persons[lo] == person;
}

int32_t s40_cov_ix_threshold(const struct s40_cov_ix *ix)
{
	return ix->threshold;
}

void s40_cov_ix_memory(const struct s40_cov_ix *ix, struct s40_cov_ix_mem *m)
{
	memset(m, 0, sizeof *m);
	m->bytes = sizeof *ix + ix->n_persons * sizeof *ix->persons;
	m->residents = ix->n_residents;
	for (int l = 0; l <= S40_LEVEL_VILLAGE; l++) {
		const struct series *s = &ix->lv[l];
		m->bytes += s->n_areas * (sizeof *s->code + sizeof *s->first) + sizeof *s->first +
			    s->n_days * (sizeof *s->day + sizeof *s->cum);
		if (l == S40_LEVEL_VILLAGE)
			m->village_days = s->n_days;
		else
			m->area_days += s->n_days;
	}
}
