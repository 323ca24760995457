/*
 * asof_query.c — the as-of index's answers: an area's members on a day (one
 * binary search in a total, or a walk over a subdistrict's villages) and the
 * members of every area of a level inside another (from the totals, the
 * timeline's snapshot and chunk, or the villages).
 */
#include "asof_int.h"

/* Members per slot on day, into cnt[0..n_slots). */
static void timeline_counts(const struct s40_asof *ix, int32_t day, int32_t *cnt)
{
	const struct chunk *k = &ix->ck[asof_chunk_of(ix, day)];
	if (k->snap)
		memcpy(cnt, k->snap, ix->n_slots * sizeof *cnt);
	else
		memset(cnt, 0, ix->n_slots * sizeof *cnt);
	uint32_t i = count_le(k->day, k->n_day, day);
	asof_apply_events(cnt, k->ev, i ? k->upto[i - 1] : 0);
}

/* Events of day's chunk that a timeline query on day would apply. */
static uint32_t timeline_work(const struct s40_asof *ix, int32_t day)
{
	const struct chunk *k = &ix->ck[asof_chunk_of(ix, day)];
	uint32_t i = count_le(k->day, k->n_day, day);
	return i ? k->upto[i - 1] : 0;
}

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
