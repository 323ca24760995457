/*
 * asof_build.c — the as-of index built from every spell in the store: the
 * spells read in batches whose villages a second thread numbers meanwhile,
 * their starts and ends sorted by day by counting, the villages' days laid
 * out in one block by code, the totals filled in day order while the second
 * thread cuts the timeline (asof.c has the layout and its reasons).
 */
#include <pthread.h>

#include "core/date.h"

#include "asof_int.h"

/* The build's form of total_apply: days come in ascending order. */
static int total_append(struct total *t, int32_t day, int32_t delta)
{
	if (t->n && t->day[t->n - 1] == day) {
		t->cum[t->n - 1] += delta;
		return 0;
	}
	if (t->n == t->cap && asof_total_resize(t, t->cap ? t->cap * 2 : 16))
		return -1;
	t->day[t->n] = day;
	t->cum[t->n] = (t->n ? t->cum[t->n - 1] : 0) + delta;
	t->n++;
	return 0;
}

/* Village code → slot while reading, open addressing; one cache line a look-up. */
struct code_slot {
	int32_t code;
	uint32_t slot; /* slot + 1 in the map; 0 is empty */
};

struct code_map {
	struct code_slot *e;
	uint32_t mask, n;
};

static uint32_t map_hash(int32_t code, uint32_t mask)
{
	uint32_t h = (uint32_t)code * 0x9E3779B1u;
	return (h ^ h >> 15) & mask;
}

static int map_grow(struct code_map *m)
{
	uint32_t cap = m->mask ? (m->mask + 1) * 2 : 1024;
	struct code_slot *e = calloc(cap, sizeof *e);
	if (e == NULL)
		return -1;
	for (uint32_t i = 0; m->mask && i <= m->mask; i++)
		if (m->e[i].slot) {
			uint32_t h = map_hash(m->e[i].code, cap - 1);
			while (e[h].slot)
				h = (h + 1) & (cap - 1);
			e[h] = m->e[i];
		}
	free(m->e);
	m->e = e;
	m->mask = cap - 1;
	return 0;
}

/* The slot of code, a new one (the next number) when first seen; -1 when out of memory. */
static int64_t map_slot(struct code_map *m, int32_t code)
{
	if (m->e == NULL && map_grow(m))
		return -1;
	uint32_t h = map_hash(code, m->mask);
	while (m->e[h].slot) {
		if (m->e[h].code == code)
			return m->e[h].slot - 1;
		h = (h + 1) & m->mask;
	}
	if (4 * (m->n + 1) > 3 * (m->mask + 1)) {
		if (map_grow(m))
			return -1;
		h = map_hash(code, m->mask);
		while (m->e[h].slot)
			h = (h + 1) & m->mask;
	}
	m->e[h].code = code;
	m->e[h].slot = ++m->n;
	return m->n - 1;
}

/*
 * The spells as read, in batches: the calling thread steps the statement and
 * fills them; a second thread numbers their villages behind it (a look-up in
 * the map, which misses the cache most times) and counts each village's days,
 * so that the two costs overlap.
 */
#define FIRST_BATCH 4096 /* rows; each batch twice the last, up to MAX_BATCH */
#define MAX_BATCH 65536 /* 768 KB: the system's own pages, given back when freed */

struct batch {
	uint32_t n, cap;
	int32_t *village; /* the code as read, then its slot */
	int32_t *start;
	int32_t *end; /* S40_NO_DAY while open */
	int32_t v[]; /* the three arrays */
};

static struct batch *batch_new(uint32_t cap)
{
	struct batch *b = malloc(sizeof *b + 3 * (size_t)cap * sizeof *b->v);
	if (b) {
		b->n = 0;
		b->cap = cap;
		b->village = b->v;
		b->start = b->v + cap;
		b->end = b->v + 2 * (size_t)cap;
	}
	return b;
}

struct rows {
	struct batch **b;
	size_t n_b, cap_b; /* under mu while reading */
	bool done, failed; /* under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* the numbering thread's (the caller's once it is joined): */
	struct code_map map;
	uint32_t *n_days; /* by slot: starts at 2 × slot, ends at 2 × slot + 1 */
	uint32_t room; /* slots n_days has room for */
	size_t n, n_ev; /* spells and their starts and ends mapped */
	int32_t min_day, max_day;
};

static void rows_free(struct rows *r)
{
	for (size_t i = 0; i < r->n_b; i++)
		free(r->b[i]);
	free(r->b);
	free(r->map.e);
	free(r->n_days);
}

static void widen(struct rows *r, int32_t day)
{
	if (r->n_ev == 0)
		r->min_day = r->max_day = day;
	r->min_day = day < r->min_day ? day : r->min_day;
	r->max_day = day > r->max_day ? day : r->max_day;
}

/* Number the villages of b (codes become slots) and count their days. */
static int map_batch(struct rows *r, struct batch *b)
{
	struct code_map *m = &r->map;
	for (uint32_t i = 0; i < b->n; i++) {
		if (i + 16 < b->n && m->e)
			__builtin_prefetch(&m->e[map_hash(b->village[i + 16], m->mask)]);
		int64_t slot = map_slot(m, b->village[i]);
		if (slot < 0)
			return -1;
		if ((uint32_t)slot >= r->room) {
			uint32_t room = r->room ? r->room * 2 : 1024;
			uint32_t *nd = realloc(r->n_days, 2 * (size_t)room * sizeof *nd);
			if (nd == NULL)
				return -1;
			memset(nd + 2 * (size_t)r->room, 0,
			       2 * (size_t)(room - r->room) * sizeof *nd);
			r->n_days = nd;
			r->room = room;
		}
		b->village[i] = (int32_t)slot;
		widen(r, b->start[i]);
		r->n_days[2 * slot]++;
		r->n_ev++;
		if (b->end[i] != S40_NO_DAY) {
			widen(r, b->end[i]);
			r->n_days[2 * slot + 1]++;
			r->n_ev++;
		}
	}
	r->n += b->n;
	return 0;
}

static void *map_thread(void *arg)
{
	struct rows *r = arg;
	for (size_t k = 0;; k++) {
		pthread_mutex_lock(&r->mu);
		while (k == r->n_b && !r->done && !r->failed)
			pthread_cond_wait(&r->cv, &r->mu);
		struct batch *b = k < r->n_b && !r->failed ? r->b[k] : NULL;
		pthread_mutex_unlock(&r->mu);
		if (b == NULL)
			break;
		if (map_batch(r, b)) {
			pthread_mutex_lock(&r->mu);
			r->failed = true;
			pthread_mutex_unlock(&r->mu);
			break;
		}
	}
	return NULL;
}

/* Hand a full batch to the numbering thread (or number it here without one);
 * r owns b from then on, whatever the outcome. */
static int publish(struct rows *r, struct batch *b, bool threaded)
{
	int rc = 0;
	pthread_mutex_lock(&r->mu);
	if (r->n_b == r->cap_b) {
		size_t cap = r->cap_b ? r->cap_b * 2 : 64;
		struct batch **nb = realloc(r->b, cap * sizeof *nb);
		if (nb == NULL) {
			r->failed = true;
		} else {
			r->b = nb;
			r->cap_b = cap;
		}
	}
	if (r->failed) {
		free(b);
		rc = -1;
	} else {
		r->b[r->n_b++] = b;
		pthread_cond_signal(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	if (rc == 0 && !threaded && map_batch(r, b))
		rc = -1;
	return rc;
}

/* Read every spell of the store into r, its villages numbered in r->map. */
/* The other reader of each batch (s40_asof_build_each), or NULL. */
struct tap {
	s40_asof_each_fn fn;
	void *arg;
};

/* The spells of area (0: every spell); below the country from the province's
 * own, not the whole table's. */
static enum s40_err read_spells(struct s40_store *st, int32_t area, struct rows *r,
				const struct tap *tap, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_spells_of_area(st, area, ctx);
	if (s == NULL)
		return ctx && ctx->code ? ctx->code : S40_E_DB;
	pthread_t th;
	bool threaded = pthread_create(&th, NULL, map_thread, r) == 0;
	struct batch *cur = NULL;
	bool nomem = false;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cur == NULL || cur->n == cur->cap) {
			uint32_t cap = cur ? cur->cap * 2 : FIRST_BATCH;
			if (cur && tap->fn &&
			    tap->fn(tap->arg, cur->village, cur->start, cur->end, cur->n)) {
				nomem = true; /* cur is freed below */
				break;
			}
			if (cur && publish(r, cur, threaded)) {
				cur = NULL; /* publish took it, and freed it */
				nomem = true;
				break;
			}
			if ((cur = batch_new(cap < MAX_BATCH ? cap : MAX_BATCH)) == NULL) {
				nomem = true;
				break;
			}
		}
		cur->village[cur->n] = (int32_t)s40_col_int64(s, 0);
		cur->start[cur->n] = (int32_t)s40_col_int64(s, 1);
		cur->end[cur->n] = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		cur->n++;
	}
	if (nomem)
		s40_stmt_reset(s);
	if (!nomem && cur && cur->n) {
		if (tap->fn && tap->fn(tap->arg, cur->village, cur->start, cur->end, cur->n)) {
			nomem = true; /* cur is freed below */
		} else {
			nomem = publish(r, cur, threaded) != 0;
			cur = NULL; /* publish took it */
		}
	}
	free(cur);
	pthread_mutex_lock(&r->mu);
	r->done = true;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	if (threaded)
		pthread_join(th, NULL);
	if (nomem || r->failed)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

static int cmp_code_slot(const void *a, const void *b)
{
	const struct code_slot *x = a, *y = b;
	return (x->code > y->code) - (x->code < y->code);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* All the events by day (events as slot | END_BIT), their distinct days and
 * where each day's events end. */
struct by_day {
	uint32_t *ev;
	int32_t *day;
	uint32_t *upto;
	uint32_t n_ev, n_day;
};

static void by_day_free(struct by_day *b)
{
	free(b->ev);
	free(b->day);
	free(b->upto);
}

/* Day span up to which the events are sorted by counting (a 4-byte counter a day). */
#define COUNTING_SPAN (1u << 22)

/* Sort the rows' events by day, the slots renumbered by rank. */
static int sort_by_day(const struct rows *r, const uint32_t *rank, struct by_day *b)
{
	size_t n_ev = r->n_ev;
	b->n_ev = (uint32_t)n_ev;
	b->ev = malloc((n_ev ? n_ev : 1) * sizeof *b->ev);
	if (b->ev == NULL)
		return -1;
	if (n_ev == 0)
		return 0;
	int32_t lo = r->min_day;
	uint64_t span = (uint64_t)((int64_t)r->max_day - lo) + 1;
	if (span <= COUNTING_SPAN) {
		uint32_t *at = calloc(span, sizeof *at);
		if (at == NULL)
			return -1;
		for (size_t k = 0; k < r->n_b; k++) {
			const struct batch *t = r->b[k];
			for (uint32_t i = 0; i < t->n; i++) {
				at[t->start[i] - lo]++;
				if (t->end[i] != S40_NO_DAY)
					at[t->end[i] - lo]++;
			}
		}
		uint32_t n_day = 0;
		for (uint64_t d = 0; d < span; d++)
			n_day += at[d] != 0;
		b->day = malloc(n_day * sizeof *b->day);
		b->upto = malloc(n_day * sizeof *b->upto);
		if (b->day == NULL || b->upto == NULL) {
			free(at);
			return -1;
		}
		uint32_t pos = 0;
		for (uint64_t d = 0; d < span; d++)
			if (at[d]) {
				uint32_t k = at[d];
				at[d] = pos;
				pos += k;
				b->day[b->n_day] = lo + (int32_t)d;
				b->upto[b->n_day++] = pos;
			}
		for (size_t k = 0; k < r->n_b; k++) {
			const struct batch *t = r->b[k];
			for (uint32_t i = 0; i < t->n; i++) {
				uint32_t s = rank[t->village[i]];
				b->ev[at[t->start[i] - lo]++] = s;
				if (t->end[i] != S40_NO_DAY)
					b->ev[at[t->end[i] - lo]++] = s | END_BIT;
			}
		}
		free(at);
		return 0;
	}
	/* Days too far apart to count: sort (day, event) pairs. */
	uint64_t *p = malloc(n_ev * sizeof *p);
	if (p == NULL)
		return -1;
	size_t n = 0;
	for (size_t k = 0; k < r->n_b; k++) {
		const struct batch *t = r->b[k];
		for (uint32_t i = 0; i < t->n; i++) {
			uint32_t s = rank[t->village[i]];
			p[n++] = (uint64_t)((uint32_t)t->start[i] ^ 0x80000000u) << 32 | s;
			if (t->end[i] != S40_NO_DAY)
				p[n++] = (uint64_t)((uint32_t)t->end[i] ^ 0x80000000u) << 32 | s |
					 END_BIT;
		}
	}
	qsort(p, n_ev, sizeof *p, cmp_u64);
	b->day = malloc(n_ev * sizeof *b->day);
	b->upto = malloc(n_ev * sizeof *b->upto);
	if (b->day == NULL || b->upto == NULL) {
		free(p);
		return -1;
	}
	for (uint32_t i = 0; i < n_ev; i++) {
		int32_t day = (int32_t)((uint32_t)(p[i] >> 32) ^ 0x80000000u);
		b->ev[i] = (uint32_t)p[i];
		if (b->n_day == 0 || b->day[b->n_day - 1] != day)
			b->day[b->n_day++] = day;
		b->upto[b->n_day - 1] = i + 1;
	}
	free(p);
	return 0;
}

/* Make the villages (slot = rank of the code) from the map, sized for the rows. */
static int make_villages(struct s40_asof *ix, const struct rows *r, uint32_t **rank_out)
{
	const struct code_map *m = &r->map;
	uint32_t n = m->n;
	struct code_slot *cs = malloc((n ? n : 1) * sizeof *cs);
	uint32_t *rank = malloc((n ? n : 1) * sizeof *rank);
	*rank_out = rank;
	if (cs == NULL || rank == NULL) {
		free(cs);
		return -1;
	}
	for (uint32_t i = 0, k = 0; m->mask && i <= m->mask; i++)
		if (m->e[i].slot) {
			cs[k].code = m->e[i].code;
			cs[k++].slot = m->e[i].slot - 1;
		}
	qsort(cs, n, sizeof *cs, cmp_code_slot);
	uint32_t cap = n + n / 8 + MIN_CHUNK; /* room for new villages before a recut */
	ix->v = calloc(n ? n : 1, sizeof *ix->v);
	ix->slot_code = malloc(cap * sizeof *ix->slot_code);
	if (ix->v == NULL || ix->slot_code == NULL) {
		free(cs);
		return -1;
	}
	ix->cap = n ? n : 1;
	ix->slot_cap = cap;
	for (uint32_t i = 0; i < n; i++) {
		int32_t code = cs[i].code;
		struct village *v = &ix->v[ix->n++];
		uint32_t old = cs[i].slot;
		rank[old] = i;
		v->code = code;
		v->slot = i;
		ix->slot_code[ix->n_slots++] = code;
		v->starts.cap = r->n_days[2 * old]; /* the block is laid out by lay_out_block */
		v->ends.cap = r->n_days[2 * old + 1];
		ix->block_len += v->starts.cap + v->ends.cap;
		if (is_village(code)) {
			struct total *tp = asof_total_get(&ix->province[code / 1000000]);
			struct total *td = asof_total_get(&ix->district[code / 10000]);
			if (tp == NULL || td == NULL)
				goto nomem;
			tp->n_villages++;
			td->n_villages++;
		} else {
			ix->n_other++;
		}
		ix->country.n_villages++;
	}
	for (uint32_t d = 0, i = 0; d <= N_DISTRICT_CODES; d++) {
		while (i < n && ix->v[i].code < (int32_t)d * 10000)
			i++;
		ix->first_of[d] = i;
	}
	free(cs);
	return 0;
nomem:
	free(cs);
	return -1;
}

/* One block for every village's days, each village's two arrays in it by code
 * (an empty array stays NULL, out of the block). */
static int lay_out_block(struct s40_asof *ix)
{
	if (ix->block_len == 0)
		return 0;
	if ((ix->block = malloc(ix->block_len * sizeof *ix->block)) == NULL) {
		ix->block_len = 0;
		return -1;
	}
	size_t at = 0;
	for (size_t i = 0; i < ix->n; i++) {
		struct village *v = &ix->v[i];
		v->starts.v = v->starts.cap ? ix->block + at : NULL;
		at += v->starts.cap;
		v->ends.v = v->ends.cap ? ix->block + at : NULL;
		at += v->ends.cap;
	}
	return 0;
}

/* Fill the villages' arrays and the totals from the events by day, in order:
 * each village's days come in order, and each total gains one entry a day,
 * with the day's net change (none on a day of no net change). */
static int fill_by_day(struct s40_asof *ix, const struct by_day *b)
{
	uint32_t n = ix->n_slots;
	uint32_t *wp = malloc(2 * (n ? n : 1) * sizeof *wp); /* next day of slot s: 2s starts */
	uint16_t *dist = malloc((n ? n : 1) * sizeof *dist); /* district code, 0: none */
	int32_t *dd = calloc(N_DISTRICT_CODES, sizeof *dd); /* the day's change by district */
	uint32_t *seen = calloc(N_DISTRICT_CODES, sizeof *seen); /* last day index + 1 */
	uint16_t *touched = malloc(N_DISTRICT_CODES * sizeof *touched);
	int rc = -1;
	if (wp == NULL || dist == NULL || dd == NULL || seen == NULL || touched == NULL)
		goto done;
	for (uint32_t k = 0; k < n; k++) {
		const struct village *v = &ix->v[k]; /* slot k after the build */
		wp[2 * k] = v->starts.v ? (uint32_t)(v->starts.v - ix->block) : 0;
		wp[2 * k + 1] = v->ends.v ? (uint32_t)(v->ends.v - ix->block) : 0;
		dist[k] = is_village(v->code) ? (uint16_t)(v->code / 10000) : 0;
	}
	for (uint32_t d = 0, i = 0; d < b->n_day; d++) {
		int32_t day = b->day[d], country = 0, pd[N_PROVINCE_CODES] = { 0 };
		uint32_t n_touched = 0;
		for (; i < b->upto[d]; i++) {
			uint32_t e = b->ev[i], k = e & ~END_BIT, end = e >> 31;
			int32_t delta = 1 - 2 * (int32_t)end;
			ix->block[wp[2 * k + end]++] = day;
			if (ix->n_other == 0 || ix->slot_code[k] >= 0)
				country += delta;
			uint16_t t = dist[k];
			if (t) {
				if (seen[t] != d + 1) {
					seen[t] = d + 1;
					touched[n_touched++] = t;
				}
				dd[t] += delta;
			}
		}
		for (uint32_t j = 0; j < n_touched; j++) {
			uint16_t t = touched[j];
			if (dd[t] && total_append(ix->district[t], day, dd[t]))
				goto done;
			pd[t / 100] += dd[t];
			dd[t] = 0;
		}
		for (int p = 10; p < N_PROVINCE_CODES; p++)
			if (pd[p] && total_append(ix->province[p], day, pd[p]))
				goto done;
		if (country && total_append(&ix->country, day, country))
			goto done;
	}
	for (uint32_t k = 0; k < n; k++) {
		ix->v[k].starts.n = ix->v[k].starts.cap;
		ix->v[k].ends.n = ix->v[k].ends.cap;
	}
	/* The totals grew by doubling: keep room for a few months of new days. */
	for (int p = 0; p < N_PROVINCE_CODES; p++)
		if (ix->province[p])
			(void)asof_total_resize(ix->province[p], ix->province[p]->n + 64);
	for (int t = 0; t < N_DISTRICT_CODES; t++)
		if (ix->district[t])
			(void)asof_total_resize(ix->district[t], ix->district[t]->n + 64);
	(void)asof_total_resize(&ix->country, ix->country.n + 64);
	rc = 0;
done:
	free(wp);
	free(dist);
	free(dd);
	free(seen);
	free(touched);
	return rc;
}

struct cut_job {
	struct s40_asof *ix;
	const struct by_day *b;
	int rc;
};

static void *cut_thread(void *arg)
{
	struct cut_job *j = arg;
	j->rc = asof_timeline_cut(j->ix, j->b->ev, j->b->day, j->b->upto, j->b->n_day,
				  j->ix->slot_cap);
	return NULL;
}

static enum s40_err build(struct s40_store *st, int32_t area, struct s40_asof **out,
			  s40_asof_each_fn each, void *arg, struct s40_ctx *ctx)
{
	struct tap tap = { each, arg };
	*out = NULL;
	struct s40_asof *ix = asof_new();
	if (ix == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct rows r = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
	struct by_day b = { 0 };
	uint32_t *rank = NULL;
	enum s40_err rc = read_spells(st, area, &r, &tap, ctx);
	if (rc)
		goto fail;
	/* Villages by code, then the events by day (which is also each village's
	 * order of days), then the villages' days and the totals from one ordered
	 * pass while a second thread cuts the timeline. */
	if (make_villages(ix, &r, &rank) || sort_by_day(&r, rank, &b))
		goto nomem;
	ix->n_spells = r.n;
	rows_free(&r);
	memset(&r, 0, sizeof r);
	if (lay_out_block(ix))
		goto nomem;
	struct cut_job job = { .ix = ix, .b = &b };
	pthread_t th;
	bool threaded = pthread_create(&th, NULL, cut_thread, &job) == 0;
	int filled = fill_by_day(ix, &b);
	if (threaded)
		pthread_join(th, NULL);
	else
		cut_thread(&job);
	if (filled || job.rc)
		goto nomem;
	by_day_free(&b);
	free(rank);
	*out = ix;
	return S40_OK;
nomem:
	rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
fail:
	rows_free(&r);
	by_day_free(&b);
	free(rank);
	s40_asof_free(ix);
	return rc;
}

enum s40_err s40_asof_build_each(struct s40_store *st, struct s40_asof **out, s40_asof_each_fn each,
				 void *arg, struct s40_ctx *ctx)
{
	return build(st, 0, out, each, arg, ctx);
}

enum s40_err s40_asof_build(struct s40_store *st, struct s40_asof **out, struct s40_ctx *ctx)
{
	return build(st, 0, out, NULL, NULL, ctx);
}

enum s40_err s40_asof_build_area(struct s40_store *st, int32_t area, struct s40_asof **out,
				 struct s40_ctx *ctx)
{
	return build(st, area, out, NULL, NULL, ctx);
}
