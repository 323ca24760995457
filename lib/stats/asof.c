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
 * The code is in four files: this one (the parts every other one uses, and
 * freeing), asof_build.c, asof_write.c and asof_query.c; asof_int.h holds the
 * layout and the small helpers they share.
 *
 * The build reads the spells in batches whose villages a second thread
 * numbers meanwhile, sorts their starts and ends by day by counting (days
 * since 2012 are a few thousand), and fills the villages' days and the totals
 * from that order while the second thread cuts the timeline from it.
 */
#include "asof_int.h"

int asof_total_resize(struct total *t, uint32_t cap)
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

void asof_total_free(struct total *t)
{
	if (t == NULL)
		return;
	free(t->day);
	free(t->cum);
}

/* The total at *slot, created if missing; NULL when out of memory. */
struct total *asof_total_get(struct total **slot)
{
	if (*slot == NULL)
		*slot = calloc(1, sizeof **slot);
	return *slot;
}

/* Events a chunk is cut at: twice the villages, so that the snapshots cost about
 * two bytes an event and a query handles about as many events as villages. */
uint32_t asof_chunk_target(const struct s40_asof *ix)
{
	uint32_t t = 2 * ix->n_slots;
	return t < MIN_CHUNK ? MIN_CHUNK : t;
}

void asof_chunk_free(struct chunk *k)
{
	free(k->snap);
	free(k->ev);
	free(k->day);
	free(k->upto);
}

void asof_chunks_free(struct chunk *ck, size_t n)
{
	for (size_t i = 0; i < n; i++)
		asof_chunk_free(&ck[i]);
	free(ck);
}

/* The last chunk whose first day is ≤ day. */
size_t asof_chunk_of(const struct s40_asof *ix, int32_t day)
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
void asof_apply_events(int32_t *cnt, const uint32_t *ev, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t e = ev[i];
		cnt[e & ~END_BIT] += 1 - (int32_t)((e >> 31) << 1);
	}
}

/*
 * Cut the events ev (sorted by day; day[0..n_day) their distinct days, ev up to
 * upto[i] on days ≤ day[i]) into chunks whose snapshots hold cap slots, in
 * place of ix's chunks. -1 when out of memory (ix unchanged).
 */
int asof_timeline_cut(struct s40_asof *ix, const uint32_t *ev, const int32_t *day,
		      const uint32_t *upto, uint32_t n_day, uint32_t cap)
{
	uint32_t target = asof_chunk_target(ix);
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
		asof_apply_events(cnt, k->ev, n);
		d = e;
	} while (d < n_day && n_ck < max_ck);
	free(cnt);
	asof_chunks_free(ix->ck, ix->n_ck);
	ix->ck = ck;
	ix->n_ck = n_ck;
	ix->cap_ck = max_ck;
	ix->slot_cap = cap;
	return 0;
nomem:
	free(cnt);
	if (ck)
		asof_chunks_free(ck, n_ck);
	return -1;
}

/* Cut the timeline again for snapshots of cap slots (more villages than it was
 * made for): the chunks' events end to end are all the events by day. */
int asof_timeline_recut(struct s40_asof *ix, uint32_t cap)
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
		rc = asof_timeline_cut(ix, ev, day, upto, d, cap);
	}
	free(ev);
	free(day);
	free(upto);
	return rc;
}

/* An empty index: one chunk with no event, no village. */
struct s40_asof *asof_new(void)
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
	asof_total_free(&ix->country);
	for (int i = 0; i < N_PROVINCE_CODES; i++) {
		asof_total_free(ix->province[i]);
		free(ix->province[i]);
	}
	if (ix->district)
		for (int i = 0; i < N_DISTRICT_CODES; i++) {
			asof_total_free(ix->district[i]);
			free(ix->district[i]);
		}
	free(ix->district);
	free(ix->first_of);
	asof_chunks_free(ix->ck, ix->n_ck);
	free(ix);
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
