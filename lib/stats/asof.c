/*
 * asof.c — the as-of index: per village, the start days and end days of its
 * spells in two sorted arrays. Active on day D = starts ≤ D − ends ≤ D, since a
 * spell that ended by D had started by D. Villages are kept sorted by code, so
 * the villages of any area are one contiguous run found by binary search.
 */
#include "asof.h"

#include "core/date.h"

#include <stdlib.h>
#include <string.h>

struct days {
	int32_t *v;
	uint32_t n, cap;
};

struct village {
	int32_t code;
	struct days starts;
	struct days ends;
};

struct s40_asof {
	struct village *v; /* sorted by code */
	size_t n, cap;
	size_t n_spells;
};

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Count of values ≤ day in a sorted array. */
static uint32_t count_le(const struct days *d, int32_t day)
{
	uint32_t lo = 0, hi = d->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->v[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first village with code ≥ code. */
static size_t village_lower(const struct s40_asof *ix, int32_t code)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int days_push(struct days *d, int32_t day)
{
	if (d->n == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 8;
		int32_t *nv = realloc(d->v, cap * sizeof *nv);
		if (nv == NULL)
			return -1;
		d->v = nv;
		d->cap = cap;
	}
	d->v[d->n++] = day;
	return 0;
}

/* Insert day keeping the array sorted (the write path: one spell at a time). */
static int days_insert(struct days *d, int32_t day)
{
	if (days_push(d, day))
		return -1;
	uint32_t i = d->n - 1;
	while (i > 0 && d->v[i - 1] > day) {
		d->v[i] = d->v[i - 1];
		i--;
	}
	d->v[i] = day;
	return 0;
}

/* The village with code, created (in order) if missing; NULL when out of memory. */
static struct village *village_get(struct s40_asof *ix, int32_t code)
{
	size_t i = village_lower(ix, code);
	if (i < ix->n && ix->v[i].code == code)
		return &ix->v[i];
	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 1024;
		struct village *nv = realloc(ix->v, cap * sizeof *nv);
		if (nv == NULL)
			return NULL;
		ix->v = nv;
		ix->cap = cap;
	}
	memmove(&ix->v[i + 1], &ix->v[i], (ix->n - i) * sizeof *ix->v);
	memset(&ix->v[i], 0, sizeof ix->v[i]);
	ix->v[i].code = code;
	ix->n++;
	return &ix->v[i];
}

struct triple {
	int32_t village, start, end;
};

static int cmp_triple(const void *a, const void *b)
{
	const struct triple *x = a, *y = b;
	return (x->village > y->village) - (x->village < y->village);
}

void s40_asof_free(struct s40_asof *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->v[i].starts.v);
		free(ix->v[i].ends.v);
	}
	free(ix->v);
	free(ix);
}

enum s40_err s40_asof_build(struct s40_store *st, struct s40_asof **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_asof *ix = calloc(1, sizeof *ix);
	struct triple *t = NULL;
	size_t n = 0, cap = 0;
	enum s40_err rc = S40_OK;
	if (ix == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_ALL, ctx);
	if (s == NULL) {
		free(ix);
		return ctx ? ctx->code : S40_E_DB;
	}
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			struct triple *nt = realloc(t, cap * sizeof *nt);
			if (nt == NULL) {
				s40_stmt_reset(s);
				rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
				goto fail;
			}
			t = nt;
		}
		t[n].village = (int32_t)s40_col_int64(s, 0);
		t[n].start = (int32_t)s40_col_int64(s, 1);
		t[n].end = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		n++;
	}
	if (r != S40_OK) {
		rc = (enum s40_err)r;
		goto fail;
	}
	/* Group by village, then fill each village's arrays in one go. With no
	 * spells t is NULL, which qsort must not be given. */
	if (n > 1)
		qsort(t, n, sizeof *t, cmp_triple);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && t[j].village == t[i].village)
			j++;
		if (ix->n == ix->cap) {
			size_t vc = ix->cap ? ix->cap * 2 : 1024;
			struct village *nv = realloc(ix->v, vc * sizeof *nv);
			if (nv == NULL)
				goto nomem;
			ix->v = nv;
			ix->cap = vc;
		}
		struct village *v = &ix->v[ix->n++];
		memset(v, 0, sizeof *v);
		v->code = t[i].village;
		uint32_t k = (uint32_t)(j - i);
		v->starts.v = malloc(k * sizeof(int32_t));
		v->ends.v = malloc(k * sizeof(int32_t));
		if (v->starts.v == NULL || v->ends.v == NULL)
			goto nomem;
		v->starts.cap = v->ends.cap = k;
		for (size_t m = i; m < j; m++) {
			v->starts.v[v->starts.n++] = t[m].start;
			if (t[m].end != S40_NO_DAY)
				v->ends.v[v->ends.n++] = t[m].end;
		}
		qsort(v->starts.v, v->starts.n, sizeof(int32_t), cmp_i32);
		qsort(v->ends.v, v->ends.n, sizeof(int32_t), cmp_i32);
		i = j;
	}
	ix->n_spells = n;
	free(t);
	*out = ix;
	return S40_OK;
nomem:
	rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
fail:
	free(t);
	s40_asof_free(ix);
	return rc;
}

enum s40_err s40_asof_add(struct s40_asof *ix, int32_t village, int32_t start_day)
{
	struct village *v = village_get(ix, village);
	if (v == NULL || days_insert(&v->starts, start_day))
		return S40_E_NOMEM;
	ix->n_spells++;
	return S40_OK;
}

enum s40_err s40_asof_end(struct s40_asof *ix, int32_t village, int32_t end_day)
{
	struct village *v = village_get(ix, village);
	if (v == NULL || days_insert(&v->ends, end_day))
		return S40_E_NOMEM;
	return S40_OK;
}

static int64_t village_active(const struct village *v, int32_t day)
{
	return (int64_t)count_le(&v->starts, day) - (int64_t)count_le(&v->ends, day);
}

int64_t s40_asof_count(const struct s40_asof *ix, int32_t area, int32_t day)
{
	int32_t lo, hi;
	s40_area_village_range(area, &lo, &hi);
	int64_t total = 0;
	for (size_t i = village_lower(ix, lo); i < ix->n && ix->v[i].code <= hi; i++)
		total += village_active(&ix->v[i], day);
	return total;
}

enum s40_err s40_asof_by_level(const struct s40_asof *ix, int32_t area, enum s40_level level,
			       int32_t day, struct s40_area_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int32_t lo, hi;
	s40_area_village_range(area, &lo, &hi);
	size_t first = village_lower(ix, lo), cap = 0, len = 0;
	struct s40_area_count *v = NULL;
	for (size_t i = first; i < ix->n && ix->v[i].code <= hi; i++) {
		int32_t code = s40_area_at_level(ix->v[i].code, level);
		if (len == 0 || v[len - 1].code != code) {
			if (len == cap) {
				cap = cap ? cap * 2 : 64;
				struct s40_area_count *nv = realloc(v, cap * sizeof *nv);
				if (nv == NULL) {
					free(v);
					return S40_E_NOMEM;
				}
				v = nv;
			}
			v[len].code = code;
			v[len].n = 0;
			len++;
		}
		v[len - 1].n += village_active(&ix->v[i], day);
	}
	*out = v;
	*n = len;
	return S40_OK;
}

size_t s40_asof_n_villages(const struct s40_asof *ix)
{
	return ix->n;
}

size_t s40_asof_n_spells(const struct s40_asof *ix)
{
	return ix->n_spells;
}
