/*
 * asof_write.c — s40_asof_add and s40_asof_end: one start or end put into
 * every view of the index (a village's days, three totals, one chunk of the
 * timeline and the later snapshots), every allocation made first so that a
 * failure leaves every count as it was.
 */
#include "asof_int.h"

/* Room for one more day in d (out of the block, where it has none). */
static int days_reserve(const struct s40_asof *ix, struct days *d)
{
	if (d->n < d->cap)
		return 0;
	uint32_t cap = grown(d->cap);
	int32_t *nv;
	if (in_block(ix, d->v)) {
		nv = malloc(cap * sizeof *nv);
		if (nv)
			memcpy(nv, d->v, d->n * sizeof *nv);
	} else {
		nv = realloc(d->v, cap * sizeof *nv);
	}
	if (nv == NULL)
		return -1;
	d->v = nv;
	d->cap = cap;
	return 0;
}

/* Insert day keeping d sorted; room was reserved. */
static void days_insert(struct days *d, int32_t day)
{
	uint32_t i = count_le(d->v, d->n, day);
	memmove(&d->v[i + 1], &d->v[i], (d->n - i) * sizeof *d->v);
	d->v[i] = day;
	d->n++;
}

static int total_reserve(struct total *t)
{
	return t->n < t->cap ? 0 : asof_total_resize(t, grown(t->cap));
}

/* delta members from day on; room for a new day was reserved. */
static void total_apply(struct total *t, int32_t day, int32_t delta)
{
	uint32_t i = lower_bound(t->day, t->n, day);
	if (i == t->n || t->day[i] != day) {
		memmove(&t->day[i + 1], &t->day[i], (t->n - i) * sizeof *t->day);
		memmove(&t->cum[i + 1], &t->cum[i], (t->n - i) * sizeof *t->cum);
		t->day[i] = day;
		t->cum[i] = i ? t->cum[i - 1] : 0;
		t->n++;
	}
	for (uint32_t j = i; j < t->n; j++)
		t->cum[j] += delta;
}

/* Room for one more event and one more day in k. */
static int chunk_reserve(struct chunk *k)
{
	if (k->n_ev == k->cap_ev) {
		uint32_t cap = grown(k->cap_ev);
		uint32_t *nv = realloc(k->ev, cap * sizeof *nv);
		if (nv == NULL)
			return -1;
		k->ev = nv;
		k->cap_ev = cap;
	}
	if (k->n_day == k->cap_day) {
		uint32_t cap = grown(k->cap_day);
		int32_t *nd = realloc(k->day, cap * sizeof *nd);
		if (nd == NULL)
			return -1;
		k->day = nd;
		uint32_t *nu = realloc(k->upto, cap * sizeof *nu);
		if (nu == NULL)
			return -1;
		k->upto = nu;
		k->cap_day = cap;
	}
	return 0;
}

/* Insert event e on day after the events of that day; room was reserved. */
static void chunk_insert(struct chunk *k, uint32_t e, int32_t day)
{
	uint32_t i = lower_bound(k->day, k->n_day, day);
	if (i == k->n_day || k->day[i] != day) {
		memmove(&k->day[i + 1], &k->day[i], (k->n_day - i) * sizeof *k->day);
		memmove(&k->upto[i + 1], &k->upto[i], (k->n_day - i) * sizeof *k->upto);
		k->day[i] = day;
		k->upto[i] = i ? k->upto[i - 1] : 0;
		k->n_day++;
	}
	uint32_t pos = k->upto[i];
	memmove(&k->ev[pos + 1], &k->ev[pos], (k->n_ev - pos) * sizeof *k->ev);
	k->ev[pos] = e;
	k->n_ev++;
	for (uint32_t j = i; j < k->n_day; j++)
		k->upto[j]++;
}

/* Split chunk c in two at the day nearest its middle event. Left as it is when
 * it holds one day or memory is short: only the cost of queries depends on it. */
static void chunk_split(struct s40_asof *ix, size_t c)
{
	struct chunk *k = &ix->ck[c];
	if (k->n_day < 2)
		return;
	uint32_t m = 1;
	while (m < k->n_day - 1 && k->upto[m - 1] < k->n_ev / 2)
		m++;
	uint32_t base = k->upto[m - 1], n = k->n_ev - base, nd = k->n_day - m;
	if (ix->n_ck == ix->cap_ck) {
		size_t cap = ix->cap_ck * 2;
		struct chunk *nc = realloc(ix->ck, cap * sizeof *nc);
		if (nc == NULL)
			return;
		ix->ck = nc;
		ix->cap_ck = cap;
		k = &ix->ck[c];
	}
	struct chunk h = {
		.first_day = k->day[m], .n_ev = n, .cap_ev = n, .n_day = nd, .cap_day = nd
	};
	h.snap = malloc(ix->slot_cap * sizeof *h.snap);
	h.ev = malloc(n * sizeof *h.ev);
	h.day = malloc(nd * sizeof *h.day);
	h.upto = malloc(nd * sizeof *h.upto);
	if (h.snap == NULL || h.ev == NULL || h.day == NULL || h.upto == NULL) {
		asof_chunk_free(&h);
		return;
	}
	if (k->snap)
		memcpy(h.snap, k->snap, ix->slot_cap * sizeof *h.snap);
	else
		memset(h.snap, 0, ix->slot_cap * sizeof *h.snap);
	asof_apply_events(h.snap, k->ev, base);
	memcpy(h.ev, k->ev + base, n * sizeof *h.ev);
	for (uint32_t i = 0; i < nd; i++) {
		h.day[i] = k->day[m + i];
		h.upto[i] = k->upto[m + i] - base;
	}
	k->n_ev = base;
	k->n_day = m;
	memmove(&ix->ck[c + 2], &ix->ck[c + 1], (ix->n_ck - c - 1) * sizeof *ix->ck);
	ix->ck[c + 1] = h;
	ix->n_ck++;
}

/* The village with code, created (in order, with a new slot) if missing; NULL
 * when out of memory. */
static struct village *village_get(struct s40_asof *ix, int32_t code)
{
	size_t i = village_lower(ix, code);
	if (i < ix->n && ix->v[i].code == code)
		return &ix->v[i];
	if (ix->n_slots == ix->slot_cap) {
		uint32_t cap = ix->slot_cap ? ix->slot_cap * 2 : MIN_CHUNK;
		int32_t *nc = realloc(ix->slot_code, cap * sizeof *nc);
		if (nc == NULL)
			return NULL;
		ix->slot_code = nc;
		if (asof_timeline_recut(ix, cap))
			return NULL;
	}
	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 1024;
		struct village *nv = realloc(ix->v, cap * sizeof *nv);
		if (nv == NULL)
			return NULL;
		ix->v = nv;
		ix->cap = cap;
	}
	if (is_village(code) && (asof_total_get(&ix->province[code / 1000000]) == NULL ||
				 asof_total_get(&ix->district[code / 10000]) == NULL))
		return NULL;
	struct total *tp, *td;
	village_totals(ix, code, &tp, &td);
	if (tp) {
		tp->n_villages++;
		td->n_villages++;
	} else {
		ix->n_other++;
	}
	ix->country.n_villages++;
	memmove(&ix->v[i + 1], &ix->v[i], (ix->n - i) * sizeof *ix->v);
	memset(&ix->v[i], 0, sizeof ix->v[i]);
	for (int32_t d = code < 0 ? 0 : code / 10000 + 1; d <= N_DISTRICT_CODES; d++)
		ix->first_of[d]++;
	ix->v[i].code = code;
	ix->v[i].slot = ix->n_slots;
	ix->slot_code[ix->n_slots++] = code;
	ix->n++;
	return &ix->v[i];
}

/* A spell starting (end false) or ending on day in village, in every view. */
static enum s40_err asof_event(struct s40_asof *ix, int32_t village, int32_t day, bool end)
{
	struct village *v = village_get(ix, village);
	if (v == NULL)
		return S40_E_NOMEM;
	struct days *a = end ? &v->ends : &v->starts;
	struct total *tp, *td;
	village_totals(ix, village, &tp, &td);
	size_t c = asof_chunk_of(ix, day);
	struct chunk *k = &ix->ck[c];
	/* Every allocation first, so that a failure leaves the counts as they were. */
	if (days_reserve(ix, a) || (village >= 0 && total_reserve(&ix->country)) ||
	    (tp && (total_reserve(tp) || total_reserve(td))) || chunk_reserve(k))
		return S40_E_NOMEM;
	int32_t delta = end ? -1 : 1;
	days_insert(a, day);
	if (village >= 0)
		total_apply(&ix->country, day, delta);
	if (tp) {
		total_apply(tp, day, delta);
		total_apply(td, day, delta);
	}
	chunk_insert(k, v->slot | (end ? END_BIT : 0), day);
	for (size_t j = c + 1; j < ix->n_ck; j++)
		ix->ck[j].snap[v->slot] += delta;
	if (k->n_ev > 2 * asof_chunk_target(ix))
		chunk_split(ix, c);
	return S40_OK;
}

enum s40_err s40_asof_add(struct s40_asof *ix, int32_t village, int32_t start_day)
{
	enum s40_err rc = asof_event(ix, village, start_day, false);
	if (rc == S40_OK)
		ix->n_spells++;
	return rc;
}

enum s40_err s40_asof_end(struct s40_asof *ix, int32_t village, int32_t end_day)
{
	return asof_event(ix, village, end_day, true);
}
