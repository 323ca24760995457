/*
 * asof_int.h — the as-of index's private parts, shared by its four files:
 * asof.c (the layout and its reasons, what they all share, freeing),
 * asof_build.c (the build from the store), asof_write.c (s40_asof_add and
 * s40_asof_end) and asof_query.c (counts and per-level lists). Not for use
 * outside lib/stats/asof*.c.
 */
#ifndef S40_STATS_ASOF_INT_H
#define S40_STATS_ASOF_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asof.h"
#include "sorted.h"

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

/* Small helpers of every part, inline for the queries' inner loops. */

/* A capacity past n for arrays that grow one element at a time: a quarter more. */
static inline uint32_t grown(uint32_t n)
{
	return n + n / 4 + 8;
}

/* Index of the first village with code ≥ code: within its district's villages
 * for a village code (a few cache lines, where the whole array is megabytes). */
static inline size_t village_lower(const struct s40_asof *ix, int32_t code)
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
static inline size_t village_upper(const struct s40_asof *ix, int32_t code)
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

static inline bool is_village(int32_t code)
{
	return s40_area_level(code) == S40_LEVEL_VILLAGE;
}

static inline bool in_block(const struct s40_asof *ix, const int32_t *p)
{
	return ix->block && p >= ix->block && p < ix->block + ix->block_len;
}

static inline int64_t village_active(const struct village *v, int32_t day)
{
	return (int64_t)count_le(v->starts.v, v->starts.n, day) -
	       (int64_t)count_le(v->ends.v, v->ends.n, day);
}

static inline int64_t total_on(const struct total *t, int32_t day)
{
	uint32_t i = count_le(t->day, t->n, day);
	return i ? t->cum[i - 1] : 0;
}

/* The province and district totals of a village code (NULL for another code). */
static inline void village_totals(const struct s40_asof *ix, int32_t code, struct total **tp,
				  struct total **td)
{
	*tp = *td = NULL;
	if (is_village(code)) {
		*tp = ix->province[code / 1000000];
		*td = ix->district[code / 10000];
	}
}

/* What the build, the writes and the queries share (asof.c). */

int asof_total_resize(struct total *t, uint32_t cap);
void asof_total_free(struct total *t);
struct total *asof_total_get(struct total **slot);
uint32_t asof_chunk_target(const struct s40_asof *ix);
void asof_chunk_free(struct chunk *k);
void asof_chunks_free(struct chunk *ck, size_t n);
size_t asof_chunk_of(const struct s40_asof *ix, int32_t day);
void asof_apply_events(int32_t *cnt, const uint32_t *ev, uint32_t n);
int asof_timeline_cut(struct s40_asof *ix, const uint32_t *ev, const int32_t *day,
		      const uint32_t *upto, uint32_t n_day, uint32_t cap);
int asof_timeline_recut(struct s40_asof *ix, uint32_t cap);
struct s40_asof *asof_new(void);

#endif
