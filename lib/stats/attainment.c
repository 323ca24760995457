/*
 * attainment.c — new Section 40 memberships by village and start day, and
 * attainment of fiscal-year targets.
 *
 * The index is one array of (village, start day) pairs sorted by village and
 * then day, and a sorted array of the distinct villages with the offset of
 * each one's run. Spells started in an area between two days are, for each
 * village of the area (a contiguous run of villages, found by binary search),
 * the difference of two binary searches in its run of days.
 */
#include "attainment.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "registry/target.h"

struct vrun {
	int32_t village;
	uint32_t first, n; /* into days */
};

struct s40_attain_ix {
	int32_t *days; /* start days, grouped by village, sorted within */
	struct vrun *v; /* by village */
	size_t n_v, n_days;
};

struct pair {
	int32_t village, day;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->village != y->village)
		return (x->village > y->village) - (x->village < y->village);
	return (x->day > y->day) - (x->day < y->day);
}

void s40_attain_free(struct s40_attain_ix *ix)
{
	if (ix == NULL)
		return;
	free(ix->days);
	free(ix->v);
	free(ix);
}

enum s40_err s40_attain_build(struct s40_store *st, struct s40_attain_ix **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_attain_ix *ix = calloc(1, sizeof *ix);
	if (ix == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_ALL, ctx);
	if (s == NULL) {
		free(ix);
		return ctx && ctx->code ? ctx->code : S40_E_DB;
	}
	struct pair *p = NULL;
	size_t n = 0, cap = 0;
	int r;
	enum s40_err rc = S40_OK;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t start = (int32_t)s40_col_int64(s, 1);
		int32_t end = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		if (end == start)
			continue; /* ended on its first day: a correction, not a membership */
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			struct pair *np = realloc(p, cap * sizeof *np);
			if (np == NULL) {
				s40_stmt_reset(s);
				rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
				goto fail;
			}
			p = np;
		}
		p[n].village = (int32_t)s40_col_int64(s, 0);
		p[n].day = start;
		n++;
	}
	if (r != S40_OK) {
		rc = (enum s40_err)r;
		goto fail;
	}
	if (n > 1)
		qsort(p, n, sizeof *p, cmp_pair);
	ix->days = malloc((n ? n : 1) * sizeof *ix->days);
	size_t n_v = 0;
	for (size_t i = 0; i < n; i++)
		n_v += i == 0 || p[i].village != p[i - 1].village;
	ix->v = malloc((n_v ? n_v : 1) * sizeof *ix->v);
	if (ix->days == NULL || ix->v == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || p[i].village != p[i - 1].village) {
			ix->v[ix->n_v].village = p[i].village;
			ix->v[ix->n_v].first = (uint32_t)i;
			ix->v[ix->n_v].n = 0;
			ix->n_v++;
		}
		ix->days[i] = p[i].day;
		ix->v[ix->n_v - 1].n++;
	}
	ix->n_days = n;
	free(p);
	*out = ix;
	return S40_OK;
fail:
	free(p);
	s40_attain_free(ix);
	return rc;
}

/* Count of days ≤ day in the sorted v[0..n). */
static uint32_t count_le(const int32_t *v, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The village-code range [lo, hi] of an area (0: every code). */
static void village_range(int32_t area, int32_t *lo, int32_t *hi)
{
	int32_t scale = 1;
	switch (s40_area_level(area)) {
	case S40_LEVEL_PROVINCE:
		scale = 1000000;
		break;
	case S40_LEVEL_DISTRICT:
		scale = 10000;
		break;
	case S40_LEVEL_SUBDISTRICT:
		scale = 100;
		break;
	case S40_LEVEL_VILLAGE:
		break;
	default:
		*lo = 0;
		*hi = INT32_MAX;
		return;
	}
	*lo = area * scale;
	*hi = *lo + scale - 1;
}

int64_t s40_attain_count(const struct s40_attain_ix *ix, int32_t area, int32_t from_day,
			 int32_t to_day)
{
	if (to_day < from_day)
		return 0;
	int32_t lo, hi;
	village_range(area, &lo, &hi);
	size_t a = 0, b = ix->n_v;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (ix->v[mid].village < lo)
			a = mid + 1;
		else
			b = mid;
	}
	int64_t total = 0;
	for (size_t i = a; i < ix->n_v && ix->v[i].village <= hi; i++) {
		const int32_t *d = ix->days + ix->v[i].first;
		total += (int64_t)count_le(d, ix->v[i].n, to_day) -
			 (int64_t)count_le(d, ix->v[i].n, from_day - 1);
	}
	return total;
}

enum s40_err s40_attainment(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			    int32_t area, int32_t day, struct s40_attainment *out,
			    struct s40_ctx *ctx)
{
	memset(out, 0, sizeof *out);
	if (fy < 2400 || fy > 2800)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "fy",
				  "ปีงบประมาณเขียนเป็นปีพุทธศักราช เช่น 2562 (ได้ %d)",
				  "a fiscal year is a Buddhist-era year such as 2562 (got %d)", fy);
	struct s40_attain_ix *own = NULL;
	enum s40_err rc;
	if (ix == NULL) {
		if ((rc = s40_attain_build(st, &own, ctx)))
			return rc;
		ix = own;
	}
	out->fy = fy;
	out->area = area;
	out->day = day;
	out->from_day = s40_fiscal_year_first_day(fy);
	int32_t last = s40_fiscal_year_last_day(fy);
	out->to_day = day < last ? day : last;
	out->achieved = s40_attain_count(ix, area, out->from_day, out->to_day);
	s40_attain_free(own);
	struct s40_target t;
	int found = 0;
	if ((rc = s40_target_get(st, fy, area, &t, &found, ctx)))
		return rc;
	out->has_target = found;
	out->target = found ? t.n : 0;
	out->pct = found && t.n > 0 ? (int32_t)(out->achieved * 10000 / t.n) : -1;
	out->remaining = out->target > out->achieved ? out->target - out->achieved : 0;
	return S40_OK;
}
