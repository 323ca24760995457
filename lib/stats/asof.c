/*
 * asof.c — the as-of index: active Section 40 members by area on any day.
 *
 * Three views of the same spells, each for one kind of question (asof.h):
 *
 * - Per village, the start days and the end days of its spells in two sorted
 *   arrays. Active on day D = starts ≤ D − ends ≤ D, since a spell that ended
 *   by D had started by D. Villages are kept sorted by code, so the villages
 *   of any area are one contiguous run found by binary search: a village or a
 *   subdistrict (about ten villages) is counted by walking its villages. The
 *   build lays every village's days out in one block, by code, so that a
 *   subdistrict's villages are one stretch of memory; the last 64 days of a
 *   search are counted in one pass rather than halved (a village has some 150
 *   days at national size: a few cache lines read in order, not as many
 *   misses one after the other). A village that gains a spell later moves its
 *   array out of the block into its own.
 *
 * - Per district, per province and for the country, a "total": the distinct
 *   days on which one of its spells started or ended, ascending, with the
 *   members active on each of them. A total on day D is one binary search.
 *   Starts and ends are merged into one net count per day rather than kept as
 *   two arrays of days (one search instead of two, and one entry per day
 *   instead of one per spell); about 5,000 days since 2012 for the country and
 *   each province, fewer for a district, 8 bytes a day.
 *
 * - A timeline for "every village of the country on day D": all the events
 *   (a spell starting or ending, as its village's slot number) sorted by day
 *   and cut into chunks of about twice as many events as there are villages,
 *   each chunk with a snapshot of every village's count on the eve of its
 *   first day. Every village on D is the snapshot of D's chunk copied, and
 *   that chunk's events up to D applied in order: a sequential pass over
 *   about as many numbers as there are villages, where walking the villages
 *   costs two binary searches in two separate heap blocks each. Snapshots
 *   cost 4 bytes a village a chunk, so about 2 bytes an event.
 *
 * A village's slot is its number in the snapshots; it never changes, so that
 * a village seen for the first time does not renumber the others (after a
 * build the slots follow the codes). Every write (s40_asof_add, s40_asof_end)
 * keeps the three views exact: an insertion into the village's sorted array,
 * into three totals (the entries after the day move by one), into one chunk,
 * and one increment in each later chunk's snapshot.
 *
 * The build reads the spells in batches whose villages a second thread
 * numbers meanwhile, sorts their starts and ends by day by counting (days
 * since 2012 are a few thousand), and fills the villages' days and the totals
 * from that order while the second thread cuts the timeline from it.
 */
#include "asof.h"

#include "core/date.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define END_BIT 0x80000000u /* in a timeline event: an end, not a start */
#define MIN_CHUNK 64u /* events of a chunk at least (small indexes) */
#define N_PROVINCE_CODES 100
#define N_DISTRICT_CODES 10000

struct days {
	int32_t *v;
	uint32_t n, cap;
};

struct village {
	int32_t code;
	uint32_t slot;
	struct days starts;
	struct days ends;
};

/* An area's members on every day: cum[i] are active from day[i] until the next day. */
struct total {
	int32_t *day; /* ascending */
	int32_t *cum;
	uint32_t n, cap;
	uint32_t n_villages; /* villages of the area that the index holds */
};

/* The timeline's events from first_day until the next chunk's first day. */
struct chunk {
	int32_t first_day; /* INT32_MIN for the first chunk */
	int32_t *snap; /* members per slot before first_day; NULL in the first chunk */
	uint32_t *ev; /* slot | END_BIT, by day */
	uint32_t n_ev, cap_ev;
	int32_t *day; /* the distinct days of ev, ascending */
	uint32_t *upto; /* ev[0..upto[i]) fall on days ≤ day[i] */
	uint32_t n_day, cap_day;
};

struct s40_asof {
	struct village *v; /* sorted by code */
	size_t n, cap;
	size_t n_spells;
	size_t n_other; /* villages whose code is not a village code (by_level walks then) */
	int32_t *block; /* the build's days of every village, which point into it */
	size_t block_len;
	int32_t *slot_code; /* the code of each slot */
	uint32_t n_slots, slot_cap; /* snapshots hold slot_cap counts */
	struct total country; /* every code ≥ 0, as area 0's range */
	struct total *province[N_PROVINCE_CODES]; /* by code, NULL until one of its villages */
	struct total **district; /* [N_DISTRICT_CODES] by code, likewise */
	uint32_t *first_of; /* [N_DISTRICT_CODES + 1]: the first village ≥ district × 10000 */
	struct chunk *ck; /* by first_day; at least one */
	size_t n_ck, cap_ck;
};

/* Count of values ≤ day in the sorted v[0..n): halved down to 64 values, then
 * counted in one pass (read in order, without a branch to mispredict). */
static uint32_t count_le(const int32_t *v, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;
	while (hi - lo > 64) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t k = lo;
	for (uint32_t i = lo; i < hi; i++)
		k += v[i] <= day;
	return k;
}

/* Index of the first of the sorted v[0..n) that is ≥ day. */
static uint32_t lower_bound(const int32_t *v, uint32_t n, int32_t day)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A capacity past n for arrays that grow one element at a time: a quarter more. */
static uint32_t grown(uint32_t n)
{
	return n + n / 4 + 8;
}

/* Index of the first village with code ≥ code: within its district's villages
 * for a village code (a few cache lines, where the whole array is megabytes). */
static size_t village_lower(const struct s40_asof *ix, int32_t code)
{
	size_t lo = 0, hi = ix->n;
	if (code >= 10000000 && code <= 99999999) {
		lo = ix->first_of[code / 10000];
		hi = ix->first_of[code / 10000 + 1];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first village with code > code. */
static size_t village_upper(const struct s40_asof *ix, int32_t code)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->v[mid].code <= code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_village(int32_t code)
{
	return s40_area_level(code) == S40_LEVEL_VILLAGE;
}

static bool in_block(const struct s40_asof *ix, const int32_t *p)
{
	return ix->block && p >= ix->block && p < ix->block + ix->block_len;
}

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

static int64_t village_active(const struct village *v, int32_t day)
{
	return (int64_t)count_le(v->starts.v, v->starts.n, day) -
	       (int64_t)count_le(v->ends.v, v->ends.n, day);
}

/* --- totals ------------------------------------------------------------- */

static int64_t total_on(const struct total *t, int32_t day)
{
	uint32_t i = count_le(t->day, t->n, day);
	return i ? t->cum[i - 1] : 0;
}

static int total_resize(struct total *t, uint32_t cap)
{
	int32_t *nd = realloc(t->day, (cap ? cap : 1) * sizeof *nd);
	if (nd == NULL)
		return -1;
	t->day = nd;
	int32_t *nc = realloc(t->cum, (cap ? cap : 1) * sizeof *nc);
	if (nc == NULL)
		return -1;
	t->cum = nc;
	t->cap = cap;
	return 0;
}

static int total_reserve(struct total *t)
{
	return t->n < t->cap ? 0 : total_resize(t, grown(t->cap));
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

/* The build's form of total_apply: days come in ascending order. */
static int total_append(struct total *t, int32_t day, int32_t delta)
{
	if (t->n && t->day[t->n - 1] == day) {
		t->cum[t->n - 1] += delta;
		return 0;
	}
	if (t->n == t->cap && total_resize(t, t->cap ? t->cap * 2 : 16))
		return -1;
	t->day[t->n] = day;
	t->cum[t->n] = (t->n ? t->cum[t->n - 1] : 0) + delta;
	t->n++;
	return 0;
}

static void total_free(struct total *t)
{
	if (t == NULL)
		return;
	free(t->day);
	free(t->cum);
}

/* The total at *slot, created if missing; NULL when out of memory. */
static struct total *total_get(struct total **slot)
{
	if (*slot == NULL)
		*slot = calloc(1, sizeof **slot);
	return *slot;
}

/* The province and district totals of a village code (NULL for another code). */
static void village_totals(const struct s40_asof *ix, int32_t code, struct total **tp,
			   struct total **td)
{
	*tp = *td = NULL;
	if (is_village(code)) {
		*tp = ix->province[code / 1000000];
		*td = ix->district[code / 10000];
	}
}

/* --- the timeline ------------------------------------------------------- */

/* Events a chunk is cut at: twice the villages, so that the snapshots cost about
 * two bytes an event and a query handles about as many events as villages. */
static uint32_t chunk_target(const struct s40_asof *ix)
{
	uint32_t t = 2 * ix->n_slots;
	return t < MIN_CHUNK ? MIN_CHUNK : t;
}

static void chunk_free(struct chunk *k)
{
	free(k->snap);
	free(k->ev);
	free(k->day);
	free(k->upto);
}

static void chunks_free(struct chunk *ck, size_t n)
{
	for (size_t i = 0; i < n; i++)
		chunk_free(&ck[i]);
	free(ck);
}

/* The last chunk whose first day is ≤ day. */
static size_t chunk_of(const struct s40_asof *ix, int32_t day)
{
	size_t lo = 1, hi = ix->n_ck;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->ck[mid].first_day <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* Apply ev[0..n) to the counts by slot. */
static void apply_events(int32_t *cnt, const uint32_t *ev, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t e = ev[i];
		cnt[e & ~END_BIT] += 1 - (int32_t)((e >> 31) << 1);
	}
}

/* Members per slot on day, into cnt[0..n_slots). */
static void timeline_counts(const struct s40_asof *ix, int32_t day, int32_t *cnt)
{
	const struct chunk *k = &ix->ck[chunk_of(ix, day)];
	if (k->snap)
		memcpy(cnt, k->snap, ix->n_slots * sizeof *cnt);
	else
		memset(cnt, 0, ix->n_slots * sizeof *cnt);
	uint32_t i = count_le(k->day, k->n_day, day);
	apply_events(cnt, k->ev, i ? k->upto[i - 1] : 0);
}

/* Events of day's chunk that a timeline query on day would apply. */
static uint32_t timeline_work(const struct s40_asof *ix, int32_t day)
{
	const struct chunk *k = &ix->ck[chunk_of(ix, day)];
	uint32_t i = count_le(k->day, k->n_day, day);
	return i ? k->upto[i - 1] : 0;
}

/*
 * Cut the events ev (sorted by day; day[0..n_day) their distinct days, ev up to
 * upto[i] on days ≤ day[i]) into chunks whose snapshots hold cap slots, in
 * place of ix's chunks. -1 when out of memory (ix unchanged).
 */
static int timeline_cut(struct s40_asof *ix, const uint32_t *ev, const int32_t *day,
			const uint32_t *upto, uint32_t n_day, uint32_t cap)
{
	uint32_t target = chunk_target(ix);
	uint32_t n_ev = n_day ? upto[n_day - 1] : 0;
	size_t max_ck = n_ev / target + 2;
	struct chunk *ck = calloc(max_ck, sizeof *ck);
	int32_t *cnt = calloc(cap ? cap : 1, sizeof *cnt);
	size_t n_ck = 0;
	if (ck == NULL || cnt == NULL)
		goto nomem;
	uint32_t d = 0;
	do {
		/* Days d..e − 1, whole days, at least target events unless the last. */
		uint32_t base = d ? upto[d - 1] : 0, e = d;
		while (e < n_day && (e == d || upto[e - 1] - base < target))
			e++;
		uint32_t n = e > d ? upto[e - 1] - base : 0;
		struct chunk *k = &ck[n_ck++];
		k->first_day = n_ck == 1 ? INT32_MIN : day[d];
		k->cap_ev = n;
		k->cap_day = e - d;
		k->ev = malloc((n ? n : 1) * sizeof *k->ev);
		k->day = malloc((e > d ? e - d : 1) * sizeof *k->day);
		k->upto = malloc((e > d ? e - d : 1) * sizeof *k->upto);
		if (k->ev == NULL || k->day == NULL || k->upto == NULL)
			goto nomem;
		if (n_ck > 1) {
			k->snap = malloc(cap * sizeof *k->snap);
			if (k->snap == NULL)
				goto nomem;
			memcpy(k->snap, cnt, cap * sizeof *cnt);
		}
		memcpy(k->ev, ev + base, n * sizeof *ev);
		for (uint32_t i = d; i < e; i++) {
			k->day[i - d] = day[i];
			k->upto[i - d] = upto[i] - base;
		}
		k->n_ev = n;
		k->n_day = e - d;
		apply_events(cnt, k->ev, n);
		d = e;
	} while (d < n_day && n_ck < max_ck);
	free(cnt);
	chunks_free(ix->ck, ix->n_ck);
	ix->ck = ck;
	ix->n_ck = n_ck;
	ix->cap_ck = max_ck;
	ix->slot_cap = cap;
	return 0;
nomem:
	free(cnt);
	if (ck)
		chunks_free(ck, n_ck);
	return -1;
}

/* Cut the timeline again for snapshots of cap slots (more villages than it was
 * made for): the chunks' events end to end are all the events by day. */
static int timeline_recut(struct s40_asof *ix, uint32_t cap)
{
	size_t n_ev = 0, n_day = 0;
	for (size_t c = 0; c < ix->n_ck; c++) {
		n_ev += ix->ck[c].n_ev;
		n_day += ix->ck[c].n_day;
	}
	uint32_t *ev = malloc((n_ev ? n_ev : 1) * sizeof *ev);
	int32_t *day = malloc((n_day ? n_day : 1) * sizeof *day);
	uint32_t *upto = malloc((n_day ? n_day : 1) * sizeof *upto);
	int rc = -1;
	if (ev && day && upto) {
		uint32_t base = 0, d = 0;
		for (size_t c = 0; c < ix->n_ck; c++) {
			const struct chunk *k = &ix->ck[c];
			memcpy(ev + base, k->ev, k->n_ev * sizeof *ev);
			for (uint32_t i = 0; i < k->n_day; i++, d++) {
				day[d] = k->day[i];
				upto[d] = base + k->upto[i];
			}
			base += k->n_ev;
		}
		rc = timeline_cut(ix, ev, day, upto, d, cap);
	}
	free(ev);
	free(day);
	free(upto);
	return rc;
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
		chunk_free(&h);
		return;
	}
	if (k->snap)
		memcpy(h.snap, k->snap, ix->slot_cap * sizeof *h.snap);
	else
		memset(h.snap, 0, ix->slot_cap * sizeof *h.snap);
	apply_events(h.snap, k->ev, base);
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

/* --- villages ----------------------------------------------------------- */

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
		if (timeline_recut(ix, cap))
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
	if (is_village(code) && (total_get(&ix->province[code / 1000000]) == NULL ||
				 total_get(&ix->district[code / 10000]) == NULL))
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

/* An empty index: one chunk with no event, no village. */
static struct s40_asof *asof_new(void)
{
	struct s40_asof *ix = calloc(1, sizeof *ix);
	if (ix == NULL)
		return NULL;
	ix->district = calloc(N_DISTRICT_CODES, sizeof *ix->district);
	ix->first_of = calloc(N_DISTRICT_CODES + 1, sizeof *ix->first_of);
	ix->ck = calloc(1, sizeof *ix->ck);
	if (ix->district == NULL || ix->first_of == NULL || ix->ck == NULL) {
		free(ix->district);
		free(ix->first_of);
		free(ix->ck);
		free(ix);
		return NULL;
	}
	ix->ck[0].first_day = INT32_MIN;
	ix->n_ck = ix->cap_ck = 1;
	return ix;
}

void s40_asof_free(struct s40_asof *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->n; i++) {
		if (!in_block(ix, ix->v[i].starts.v))
			free(ix->v[i].starts.v);
		if (!in_block(ix, ix->v[i].ends.v))
			free(ix->v[i].ends.v);
	}
	free(ix->block);
	free(ix->v);
	free(ix->slot_code);
	total_free(&ix->country);
	for (int i = 0; i < N_PROVINCE_CODES; i++) {
		total_free(ix->province[i]);
		free(ix->province[i]);
	}
	if (ix->district)
		for (int i = 0; i < N_DISTRICT_CODES; i++) {
			total_free(ix->district[i]);
			free(ix->district[i]);
		}
	free(ix->district);
	free(ix->first_of);
	chunks_free(ix->ck, ix->n_ck);
	free(ix);
}

/* --- the build ---------------------------------------------------------- */

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
static enum s40_err read_spells(struct s40_store *st, struct rows *r, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_ALL, ctx);
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
			if (cur && publish(r, cur, threaded)) {
				cur = NULL; /* r holds it */
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
		nomem = publish(r, cur, threaded) != 0;
		cur = NULL;
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
			struct total *tp = total_get(&ix->province[code / 1000000]);
			struct total *td = total_get(&ix->district[code / 10000]);
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
			(void)total_resize(ix->province[p], ix->province[p]->n + 64);
	for (int t = 0; t < N_DISTRICT_CODES; t++)
		if (ix->district[t])
			(void)total_resize(ix->district[t], ix->district[t]->n + 64);
	(void)total_resize(&ix->country, ix->country.n + 64);
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
	j->rc = timeline_cut(j->ix, j->b->ev, j->b->day, j->b->upto, j->b->n_day, j->ix->slot_cap);
	return NULL;
}

enum s40_err s40_asof_build(struct s40_store *st, struct s40_asof **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_asof *ix = asof_new();
	if (ix == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct rows r = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
	struct by_day b = { 0 };
	uint32_t *rank = NULL;
	enum s40_err rc = read_spells(st, &r, ctx);
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

/* --- writes ------------------------------------------------------------- */

/* A spell starting (end false) or ending on day in village, in every view. */
static enum s40_err asof_event(struct s40_asof *ix, int32_t village, int32_t day, bool end)
{
	struct village *v = village_get(ix, village);
	if (v == NULL)
		return S40_E_NOMEM;
	struct days *a = end ? &v->ends : &v->starts;
	struct total *tp, *td;
	village_totals(ix, village, &tp, &td);
	size_t c = chunk_of(ix, day);
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
	if (k->n_ev > 2 * chunk_target(ix))
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

/* --- reads -------------------------------------------------------------- */

static int64_t walk_count(const struct s40_asof *ix, int32_t lo, int32_t hi, int32_t day)
{
	int64_t total = 0;
	for (size_t i = village_lower(ix, lo); i < ix->n && ix->v[i].code <= hi; i++)
		total += village_active(&ix->v[i], day);
	return total;
}

int64_t s40_asof_count(const struct s40_asof *ix, int32_t area, int32_t day)
{
	const struct total *t = NULL;
	if (area == 0)
		return total_on(&ix->country, day);
	switch (s40_area_level(area)) {
	case S40_LEVEL_PROVINCE:
		t = ix->province[area];
		return t ? total_on(t, day) : 0;
	case S40_LEVEL_DISTRICT:
		t = ix->district[area];
		return t ? total_on(t, day) : 0;
	default:
		break;
	}
	int32_t lo, hi;
	s40_area_village_range(area, &lo, &hi);
	return walk_count(ix, lo, hi, day);
}

/* Append {code, n} to v, or add n to its last entry when it has code. */
static void group_add(struct s40_area_count *v, size_t *len, int32_t code, int64_t n)
{
	if (*len == 0 || v[*len - 1].code != code) {
		v[*len].code = code;
		v[*len].n = 0;
		(*len)++;
	}
	v[*len - 1].n += n;
}

/* By level over the villages first..last − 1, each counted on its own: for
 * codes that are not village codes, whose grouping the totals do not follow. */
static enum s40_err by_level_walk(const struct s40_asof *ix, size_t first, size_t last,
				  enum s40_level level, int32_t day, struct s40_area_count **out,
				  size_t *n)
{
	struct s40_area_count *v = malloc((last - first) * sizeof *v);
	if (v == NULL)
		return S40_E_NOMEM;
	size_t len = 0;
	for (size_t i = first; i < last; i++)
		group_add(v, &len, s40_area_at_level(ix->v[i].code, level),
			  village_active(&ix->v[i], day));
	*out = v;
	*n = len;
	return S40_OK;
}

/* The totals of the areas whose codes are lo..hi and hold a village, by code. */
static enum s40_err by_level_totals(struct total *const *tab, int32_t lo, int32_t hi, int32_t day,
				    struct s40_area_count **out, size_t *n)
{
	size_t len = 0;
	for (int32_t c = lo; c <= hi; c++)
		len += tab[c] && tab[c]->n_villages;
	struct s40_area_count *v = malloc((len ? len : 1) * sizeof *v);
	if (v == NULL)
		return S40_E_NOMEM;
	len = 0;
	for (int32_t c = lo; c <= hi; c++)
		if (tab[c] && tab[c]->n_villages) {
			v[len].code = c;
			v[len++].n = total_on(tab[c], day);
		}
	*out = v;
	*n = len;
	return S40_OK;
}

/* By subdistrict or village over the villages first..last − 1, their counts
 * from the timeline when that is less work than walking them. */
static enum s40_err by_level_villages(const struct s40_asof *ix, size_t first, size_t last,
				      enum s40_level level, int32_t day,
				      struct s40_area_count **out, size_t *n)
{
	/* A walk costs two binary searches a village in two separate blocks (some
	 * 16 cache misses); the timeline a copy of every slot and a pass over some
	 * of one chunk's events, in order. */
	size_t walk = 16 * (last - first), timeline = ix->n_slots + timeline_work(ix, day);
	if (walk <= timeline)
		return by_level_walk(ix, first, last, level, day, out, n);
	int32_t *cnt = malloc((ix->n_slots ? ix->n_slots : 1) * sizeof *cnt);
	struct s40_area_count *v = malloc((last - first) * sizeof *v);
	if (cnt == NULL || v == NULL) {
		free(cnt);
		free(v);
		return S40_E_NOMEM;
	}
	timeline_counts(ix, day, cnt);
	size_t len = 0;
	int div = level == S40_LEVEL_SUBDISTRICT ? 100 : 1;
	for (size_t i = first; i < last; i++)
		group_add(v, &len, ix->v[i].code / div, cnt[ix->v[i].slot]);
	free(cnt);
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_asof_by_level(const struct s40_asof *ix, int32_t area, enum s40_level level,
			       int32_t day, struct s40_area_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	int32_t lo, hi;
	s40_area_village_range(area, &lo, &hi);
	size_t first = village_lower(ix, lo);
	size_t last = lo <= hi ? village_upper(ix, hi) : first;
	if (first >= last)
		return S40_OK;
	if (ix->n_other)
		return by_level_walk(ix, first, last, level, day, out, n);
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	if (level < S40_LEVEL_PROVINCE || level > S40_LEVEL_VILLAGE || level <= at) {
		/* One group: the area itself, or its ancestor at level (0 for no level). */
		struct s40_area_count *v = malloc(sizeof *v);
		if (v == NULL)
			return S40_E_NOMEM;
		v->code = s40_area_at_level(ix->v[first].code, level);
		v->n = s40_asof_count(ix, area, day);
		*out = v;
		*n = 1;
		return S40_OK;
	}
	if (level == S40_LEVEL_PROVINCE)
		return by_level_totals(ix->province, 10, N_PROVINCE_CODES - 1, day, out, n);
	if (level == S40_LEVEL_DISTRICT)
		return area ? by_level_totals(ix->district, area * 100, area * 100 + 99, day, out,
					      n) :
			      by_level_totals(ix->district, 1000, N_DISTRICT_CODES - 1, day, out,
					      n);
	return by_level_villages(ix, first, last, level, day, out, n);
}

size_t s40_asof_n_villages(const struct s40_asof *ix)
{
	return ix->n;
}

size_t s40_asof_n_spells(const struct s40_asof *ix)
{
	return ix->n_spells;
}

void s40_asof_memory(const struct s40_asof *ix, struct s40_asof_mem *m)
{
	memset(m, 0, sizeof *m);
	m->villages = sizeof *ix + ix->cap * sizeof *ix->v + ix->slot_cap * sizeof *ix->slot_code;
	for (size_t i = 0; i < ix->n; i++)
		m->villages += (ix->v[i].starts.cap + ix->v[i].ends.cap) * sizeof(int32_t);
	m->totals = N_DISTRICT_CODES * sizeof *ix->district + ix->country.cap * 2 * sizeof(int32_t);
	for (int p = 0; p < N_PROVINCE_CODES; p++)
		if (ix->province[p])
			m->totals +=
				sizeof(struct total) + ix->province[p]->cap * 2 * sizeof(int32_t);
	for (int d = 0; d < N_DISTRICT_CODES; d++)
		if (ix->district[d])
			m->totals +=
				sizeof(struct total) + ix->district[d]->cap * 2 * sizeof(int32_t);
	m->events = ix->cap_ck * sizeof *ix->ck;
	for (size_t c = 0; c < ix->n_ck; c++) {
		const struct chunk *k = &ix->ck[c];
		m->events +=
			k->cap_ev * sizeof *k->ev + k->cap_day * (sizeof *k->day + sizeof *k->upto);
		if (k->snap)
			m->snapshots += ix->slot_cap * sizeof *k->snap;
	}
	m->n_chunks = ix->n_ck;
	m->total = m->villages + m->totals + m->events + m->snapshots;
}
