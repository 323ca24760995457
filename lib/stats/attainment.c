/*
 * attainment.c — new Section 40 memberships by area and start day, and
 * attainment of fiscal-year targets.
 *
 * Every area that has had a new member (each village, and each subdistrict,
 * district and province above one, and the country as code 0) has a "run" of
 * its start days, and one sorted array of the areas by code (the digits of a
 * code say its level, so codes of different levels never collide). Spells
 * started in an area from day a to day b are starts ≤ b less starts < a: two
 * binary searches in the area's run, whatever its level, after one in the
 * areas. A total is never a walk over villages.
 *
 * A run has one of two forms, chosen by level for memory:
 *
 * - villages and subdistricts: every start day, sorted, one entry a spell
 *   (starts ≤ D is the position of D). A village has some 150 starts at
 *   national size and nearly all on distinct days, a subdistrict some 1,500
 *   over 5,000 days: one int32 a start is less than a day and a count.
 * - districts, provinces and the country: the distinct days, ascending, with
 *   the number of starts on or before each (cum), 8 bytes a day, at most the
 *   5,000-odd days since 2012 where a province has 150,000 starts.
 *
 * A write (s40_attain_add, s40_attain_remove) changes five runs, one per
 * level: an insertion into a village's and a subdistrict's array, and one
 * more (or less) in the running counts of the district, the province and the
 * country from the day on. Room is reserved in every run first, so that a
 * failure changes no count.
 */
#include "attainment.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "registry/target.h"
#include "sorted.h"

#define N_LEVELS 5 /* country, province, district, subdistrict, village */

struct run {
	int32_t *day; /* ascending; every start, or the distinct days when cum */
	int32_t *cum; /* NULL, or the starts on or before day[i] */
	uint32_t n, cap;
};

struct area {
	int32_t code;
	struct run r;
};

struct s40_attain_ix {
	struct area *a; /* by code */
	size_t n, cap;
	size_t n_starts;
};

/* --- runs --------------------------------------------------------------- */

/* Starts on or before day. */
static int64_t run_le(const struct run *r, int32_t day)
{
	uint32_t i = count_le(r->day, r->n, day);
	if (r->cum == NULL)
		return i;
	return i ? r->cum[i - 1] : 0;
}

/* Runs of villages and subdistricts hold every start; the others count. */
static bool level_counts(int32_t code)
{
	enum s40_level l = s40_area_level(code);
	return l != S40_LEVEL_VILLAGE && l != S40_LEVEL_SUBDISTRICT;
}

static int run_resize(struct run *r, uint32_t cap)
{
	int32_t *nd = realloc(r->day, (cap ? cap : 1) * sizeof *nd);
	if (nd == NULL)
		return -1;
	r->day = nd;
	if (cap < r->cap)
		r->cap = cap; /* smaller: day holds no more than cap even if cum stays larger */
	if (r->cum) {
		int32_t *nc = realloc(r->cum, (cap ? cap : 1) * sizeof *nc);
		if (nc == NULL)
			return -1;
		r->cum = nc;
	}
	r->cap = cap;
	return 0;
}

/* Room for one more entry. */
static int run_reserve(struct run *r)
{
	return r->n < r->cap ? 0 : run_resize(r, r->cap + r->cap / 4 + 8);
}

/* One more start on day; room was reserved. */
static void run_add(struct run *r, int32_t day)
{
	uint32_t i = count_le(r->day, r->n, day);
	if (r->cum == NULL) {
		memmove(&r->day[i + 1], &r->day[i], (r->n - i) * sizeof *r->day);
		r->day[i] = day;
		r->n++;
		return;
	}
	/* i entries are ≤ day: day[i - 1] == day when the day is there already. */
	if (i == 0 || r->day[i - 1] != day) {
		memmove(&r->day[i + 1], &r->day[i], (r->n - i) * sizeof *r->day);
		memmove(&r->cum[i + 1], &r->cum[i], (r->n - i) * sizeof *r->cum);
		r->day[i] = day;
		r->cum[i] = i ? r->cum[i - 1] : 0;
		r->n++;
		i++;
	}
	for (uint32_t j = i - 1; j < r->n; j++)
		r->cum[j]++;
}

/* One start less on day; there is one (run_le(day) > run_le(day - 1)). */
static void run_remove(struct run *r, int32_t day)
{
	uint32_t i = count_le(r->day, r->n, day); /* day[i - 1] == day */
	if (r->cum == NULL) {
		memmove(&r->day[i - 1], &r->day[i], (r->n - i) * sizeof *r->day);
		r->n--;
		return;
	}
	for (uint32_t j = i - 1; j < r->n; j++)
		r->cum[j]--;
}

/* The build's form of run_add: days come in ascending order. */
static int run_append(struct run *r, int32_t day)
{
	if (r->cum && r->n && r->day[r->n - 1] == day) {
		r->cum[r->n - 1]++;
		return 0;
	}
	if (r->n == r->cap && run_resize(r, r->cap ? r->cap * 2 : 16))
		return -1;
	r->day[r->n] = day;
	if (r->cum)
		r->cum[r->n] = (r->n ? r->cum[r->n - 1] : 0) + 1;
	r->n++;
	return 0;
}

/* --- areas -------------------------------------------------------------- */

/* Index of the first area with code ≥ code. */
static size_t area_lower(const struct s40_attain_ix *ix, int32_t code)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->a[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct area *area_find(const struct s40_attain_ix *ix, int32_t code)
{
	size_t i = area_lower(ix, code);
	return i < ix->n && ix->a[i].code == code ? &ix->a[i] : NULL;
}

/* The areas a start in village counts for, the country first; their number. */
static int chain(int32_t village, int32_t out[N_LEVELS])
{
	int n = 0;
	out[n++] = 0;
	if (s40_area_level(village) == S40_LEVEL_VILLAGE) {
		out[n++] = village / 1000000;
		out[n++] = village / 10000;
		out[n++] = village / 100;
	}
	if (village != 0)
		out[n++] = village;
	return n;
}

static void area_free_runs(struct s40_attain_ix *ix)
{
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->a[i].r.day);
		free(ix->a[i].r.cum);
	}
}

void s40_attain_free(struct s40_attain_ix *ix)
{
	if (ix == NULL)
		return;
	area_free_runs(ix);
	free(ix->a);
	free(ix);
}

/* A new area with an empty run of the form its level takes; -1 when out of memory. */
static int area_init(struct area *a, int32_t code)
{
	memset(a, 0, sizeof *a);
	a->code = code;
	if (level_counts(code) && (a->r.cum = malloc(sizeof *a->r.cum)) == NULL)
		return -1;
	return 0;
}

/* --- the build ---------------------------------------------------------- */

/* Village code → number while reading, open addressing. */
struct code_map {
	int32_t *code;
	uint32_t *num; /* num + 1; 0 is empty */
	uint32_t mask, n;
};

static uint32_t map_hash(int32_t code, uint32_t mask)
{
	uint32_t h = (uint32_t)code * 0x9E3779B1u;
	return (h ^ h >> 15) & mask;
}

static void map_free(struct code_map *m)
{
	free(m->code);
	free(m->num);
}

static int map_grow(struct code_map *m)
{
	uint32_t cap = m->mask ? (m->mask + 1) * 2 : 1024;
	int32_t *code = malloc(cap * sizeof *code);
	uint32_t *num = calloc(cap, sizeof *num);
	if (code == NULL || num == NULL) {
		free(code);
		free(num);
		return -1;
	}
	for (uint32_t i = 0; m->num && i <= m->mask; i++)
		if (m->num[i]) {
			uint32_t h = map_hash(m->code[i], cap - 1);
			while (num[h])
				h = (h + 1) & (cap - 1);
			code[h] = m->code[i];
			num[h] = m->num[i];
		}
	map_free(m);
	m->code = code;
	m->num = num;
	m->mask = cap - 1;
	return 0;
}

/* The number of code, the next one when first seen; -1 when out of memory. */
static int64_t map_num(struct code_map *m, int32_t code)
{
	if (m->num == NULL && map_grow(m))
		return -1;
	if (4 * (m->n + 1) > 3 * (m->mask + 1) && map_grow(m))
		return -1;
	uint32_t h = map_hash(code, m->mask);
	while (m->num[h]) {
		if (m->code[h] == code)
			return m->num[h] - 1;
		h = (h + 1) & m->mask;
	}
	m->code[h] = code;
	m->num[h] = ++m->n;
	return m->n - 1;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The spells' villages (numbered) and start days, corrections left out: the
 * builder (attainment.h). */
struct s40_attain_builder {
	uint32_t *num;
	int32_t *day;
	size_t n, cap;
	int32_t min_day, max_day;
	struct code_map map;
};

void s40_attain_builder_free(struct s40_attain_builder *s)
{
	if (s == NULL)
		return;
	free(s->num);
	free(s->day);
	map_free(&s->map);
	free(s);
}

struct s40_attain_builder *s40_attain_builder_new(void)
{
	struct s40_attain_builder *s = calloc(1, sizeof *s);
	if (s) {
		s->min_day = INT32_MAX;
		s->max_day = INT32_MIN;
	}
	return s;
}

/* One spell into s; -1 when out of memory. */
static int starts_push(struct s40_attain_builder *s, int32_t village, int32_t start, int32_t end)
{
	if (end == start)
		return 0; /* ended on its first day: a correction, not a membership */
	int64_t num = map_num(&s->map, village);
	if (num < 0)
		return -1;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		uint32_t *nn = realloc(s->num, cap * sizeof *nn);
		if (nn)
			s->num = nn;
		int32_t *nd = realloc(s->day, cap * sizeof *nd);
		if (nd)
			s->day = nd;
		if (nn == NULL || nd == NULL)
			return -1;
		s->cap = cap;
	}
	s->num[s->n] = (uint32_t)num;
	s->day[s->n] = start;
	s->n++;
	if (start < s->min_day)
		s->min_day = start;
	if (start > s->max_day)
		s->max_day = start;
	return 0;
}

int s40_attain_builder_add(struct s40_attain_builder *b, const int32_t *village,
			   const int32_t *start, const int32_t *end, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts_push(b, village[i], start[i], end[i]))
			return -1;
	return 0;
}

/* The spells of area (0: every spell) into the builder. Below the country
 * they are read from the province's own (spell_province_start), not the
 * whole table's. */
static enum s40_err read_starts(struct s40_store *st, int32_t area, struct s40_attain_builder *s,
				struct s40_ctx *ctx)
{
	struct s40_stmt *q = s40_store_spells_of_area(st, area, ctx);
	if (q == NULL)
		return ctx && ctx->code ? ctx->code : S40_E_DB;
	int r;
	while ((r = s40_stmt_step(q, ctx)) == S40_ROW)
		if (starts_push(s, (int32_t)s40_col_int64(q, 0), (int32_t)s40_col_int64(q, 1),
				(int32_t)s40_col_int64_or(q, 2, S40_NO_DAY))) {
			s40_stmt_reset(q);
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
	return r == S40_OK ? S40_OK : (enum s40_err)r;
}

/* The areas of every village seen, sorted and distinct, into ix; the index in
 * ix->a of each level of each village's chain into anc[num * N_LEVELS + k]
 * (unused levels -1). */
static int make_areas(struct s40_attain_ix *ix, const struct s40_attain_builder *s,
		      int32_t **anc_out)
{
	uint32_t n_v = s->map.n;
	int32_t *vcode = malloc((n_v ? n_v : 1) * sizeof *vcode);
	int32_t *codes = malloc(((size_t)n_v * N_LEVELS + 1) * sizeof *codes);
	int32_t *anc = malloc(((size_t)n_v * N_LEVELS + 1) * sizeof *anc);
	if (vcode == NULL || codes == NULL || anc == NULL)
		goto fail;
	for (uint32_t i = 0; s->map.num && i <= s->map.mask; i++)
		if (s->map.num[i])
			vcode[s->map.num[i] - 1] = s->map.code[i];
	size_t n = 0;
	codes[n++] = 0;
	for (uint32_t v = 0; v < n_v; v++) {
		int32_t c[N_LEVELS];
		int k = chain(vcode[v], c);
		for (int j = 1; j < k; j++)
			codes[n++] = c[j];
	}
	qsort(codes, n, sizeof *codes, cmp_i32);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (m == 0 || codes[m - 1] != codes[i])
			codes[m++] = codes[i];
	ix->a = calloc(m, sizeof *ix->a);
	if (ix->a == NULL)
		goto fail;
	ix->cap = m;
	for (size_t i = 0; i < m; i++, ix->n++)
		if (area_init(&ix->a[i], codes[i]))
			goto fail;
	for (uint32_t v = 0; v < n_v; v++) {
		int32_t c[N_LEVELS];
		int k = chain(vcode[v], c);
		for (int j = 0; j < N_LEVELS; j++)
			anc[(size_t)v * N_LEVELS + j] = j < k ? (int32_t)area_lower(ix, c[j]) : -1;
	}
	free(vcode);
	free(codes);
	*anc_out = anc;
	return 0;
fail:
	free(vcode);
	free(codes);
	free(anc);
	return -1;
}

/* Append every start to its areas' runs in day order (a counting sort: the
 * days span a few thousand). */
static int fill_runs(struct s40_attain_ix *ix, const struct s40_attain_builder *s,
		     const int32_t *anc)
{
	if (s->n == 0)
		return 0;
	size_t span = (size_t)((int64_t)s->max_day - s->min_day) + 1;
	uint32_t *first = calloc(span + 1, sizeof *first);
	uint32_t *order = malloc(s->n * sizeof *order);
	if (first == NULL || order == NULL) {
		free(first);
		free(order);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++)
		first[s->day[i] - s->min_day + 1]++;
	for (size_t d = 0; d < span; d++)
		first[d + 1] += first[d];
	for (size_t i = 0; i < s->n; i++)
		order[first[s->day[i] - s->min_day]++] = s->num[i];
	/* first[d] is now the end of day d's stretch of order. */
	int rc = 0;
	size_t i = 0;
	for (size_t d = 0; d < span && rc == 0; d++) {
		int32_t day = s->min_day + (int32_t)d;
		for (; i < first[d] && rc == 0; i++) {
			const int32_t *c = &anc[(size_t)order[i] * N_LEVELS];
			for (int k = 0; k < N_LEVELS && c[k] >= 0 && rc == 0; k++)
				rc = run_append(&ix->a[c[k]].r, day);
		}
	}
	free(first);
	free(order);
	/* The runs grew by doubling: give back what they will not use before a write. */
	for (size_t k = 0; k < ix->n && rc == 0; k++)
		if (ix->a[k].r.cap > ix->a[k].r.n + ix->a[k].r.n / 8 + 8)
			rc = run_resize(&ix->a[k].r, ix->a[k].r.n + ix->a[k].r.n / 8 + 8);
	return rc;
}

enum s40_err s40_attain_builder_finish(struct s40_attain_builder *b, struct s40_attain_ix **out,
				       struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_attain_ix *ix = calloc(1, sizeof *ix);
	int32_t *anc = NULL;
	enum s40_err rc = S40_OK;
	if (ix == NULL || make_areas(ix, b, &anc) || fill_runs(ix, b, anc))
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if (ix)
		ix->n_starts = b->n;
	s40_attain_builder_free(b);
	free(anc);
	if (rc) {
		s40_attain_free(ix);
		return rc;
	}
	*out = ix;
	return S40_OK;
}

enum s40_err s40_attain_build(struct s40_store *st, struct s40_attain_ix **out, struct s40_ctx *ctx)
{
	return s40_attain_build_area(st, 0, out, ctx);
}

enum s40_err s40_attain_build_area(struct s40_store *st, int32_t area, struct s40_attain_ix **out,
				   struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_attain_builder *b = s40_attain_builder_new();
	if (b == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = read_starts(st, area, b, ctx);
	if (rc) {
		s40_attain_builder_free(b);
		return rc;
	}
	return s40_attain_builder_finish(b, out, ctx);
}

/* --- writes ------------------------------------------------------------- */

enum s40_err s40_attain_add(struct s40_attain_ix *ix, int32_t village, int32_t start_day)
{
	int32_t c[N_LEVELS];
	int k = chain(village, c);
	/* Every area first, then room in every run: a failure changes no count. */
	for (int j = 0; j < k; j++) {
		size_t i = area_lower(ix, c[j]);
		if (i < ix->n && ix->a[i].code == c[j])
			continue;
		if (ix->n == ix->cap) {
			size_t cap = ix->cap + ix->cap / 4 + 8;
			struct area *na = realloc(ix->a, cap * sizeof *na);
			if (na == NULL)
				return S40_E_NOMEM;
			ix->a = na;
			ix->cap = cap;
		}
		struct area a;
		if (area_init(&a, c[j])) {
			free(a.r.cum);
			return S40_E_NOMEM;
		}
		memmove(&ix->a[i + 1], &ix->a[i], (ix->n - i) * sizeof *ix->a);
		ix->a[i] = a;
		ix->n++;
	}
	struct run *r[N_LEVELS];
	for (int j = 0; j < k; j++) {
		r[j] = &ix->a[area_lower(ix, c[j])].r;
		if (run_reserve(r[j]))
			return S40_E_NOMEM;
	}
	for (int j = 0; j < k; j++)
		run_add(r[j], start_day);
	ix->n_starts++;
	return S40_OK;
}

enum s40_err s40_attain_remove(struct s40_attain_ix *ix, int32_t village, int32_t start_day)
{
	int32_t c[N_LEVELS];
	int k = chain(village, c);
	struct run *r[N_LEVELS];
	for (int j = 0; j < k; j++) {
		size_t i = area_lower(ix, c[j]);
		if (i == ix->n || ix->a[i].code != c[j] ||
		    run_le(&ix->a[i].r, start_day) == run_le(&ix->a[i].r, start_day - 1))
			return S40_E_NOT_FOUND;
		r[j] = &ix->a[i].r;
	}
	for (int j = 0; j < k; j++)
		run_remove(r[j], start_day);
	ix->n_starts--;
	return S40_OK;
}

/* --- reads -------------------------------------------------------------- */

int64_t s40_attain_count(const struct s40_attain_ix *ix, int32_t area, int32_t from_day,
			 int32_t to_day)
{
	if (to_day < from_day)
		return 0;
	const struct area *a = area_find(ix, area);
	if (a == NULL)
		return 0;
	return run_le(&a->r, to_day) - (from_day == INT32_MIN ? 0 : run_le(&a->r, from_day - 1));
}

size_t s40_attain_n_starts(const struct s40_attain_ix *ix)
{
	return ix->n_starts;
}

void s40_attain_memory(const struct s40_attain_ix *ix, struct s40_attain_mem *m)
{
	memset(m, 0, sizeof *m);
	m->areas = ix->cap * sizeof *ix->a;
	for (size_t i = 0; i < ix->n; i++) {
		const struct run *r = &ix->a[i].r;
		size_t b = (size_t)(r->cap ? r->cap : 1) * sizeof *r->day * (r->cum ? 2 : 1);
		if (level_counts(ix->a[i].code))
			m->counted += b;
		else
			m->every_start += b;
	}
	m->total = sizeof *ix + m->areas + m->counted + m->every_start;
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
		if ((rc = s40_attain_build_area(st, area, &own, ctx)))
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
