/*
 * asof.h — the as-of index: active Section 40 members by area on any day.
 *
 * Spells are the truth; this index is derived and can always be rebuilt. Per
 * village it keeps the start days and the end days of its spells in two sorted
 * arrays, so that the members active on day D are the starts ≤ D less the ends
 * ≤ D; per district, province and the country the running count of members
 * on each day one of its spells started or ended, so that an area's total is
 * one binary search (a subdistrict sums its villages); and the spells' starts
 * and ends in day order with periodic snapshots of every village's count, so
 * that every village of the country on one day is one pass (asof.c). It is
 * built from the store in one pass and kept current by the write path
 * (s40_asof_add / s40_asof_end), which keeps every part exact.
 *
 * One writer at a time; readers may share it while no one writes.
 */
#ifndef S40_STATS_ASOF_H
#define S40_STATS_ASOF_H

#include <stddef.h>
#include <stdint.h>

#include "core/area.h"
#include "core/error.h"
#include "store/store.h"

struct s40_asof;

/*
 * Build the index from every spell in the store. Free with s40_asof_free. It
 * runs a second thread of its own while it builds; the store is used from the
 * calling thread only.
 */
enum s40_err s40_asof_build(struct s40_store *st, struct s40_asof **out, struct s40_ctx *ctx);
void s40_asof_free(struct s40_asof *ix);

/*
 * The same from the spells of area's villages only (area 0: every spell),
 * read through its province's index (spell_province_start): right for area
 * and every area below it, 0 elsewhere. For one answer about an area (a
 * command, a report) without reading the country's spells.
 */
enum s40_err s40_asof_build_area(struct s40_store *st, int32_t area, struct s40_asof **out,
				 struct s40_ctx *ctx);

/*
 * s40_asof_build, handing each batch of spells it reads to each(arg, village,
 * start, end, n) as well (end S40_NO_DAY while open; on the calling thread,
 * before the index uses the batch), so that another index is built from the
 * same read of the store. A nonzero return fails the build with S40_E_NOMEM.
 */
typedef int (*s40_asof_each_fn)(void *arg, const int32_t *village, const int32_t *start,
				const int32_t *end, size_t n);
enum s40_err s40_asof_build_each(struct s40_store *st, struct s40_asof **out, s40_asof_each_fn each,
				 void *arg, struct s40_ctx *ctx);

/*
 * Record a new spell starting on start_day in village, and the end of one: a
 * few microseconds, more for a day long past. S40_E_NOMEM leaves every count
 * as it was (a village seen for the first time may stay, with no spell).
 */
enum s40_err s40_asof_add(struct s40_asof *ix, int32_t village, int32_t start_day);
enum s40_err s40_asof_end(struct s40_asof *ix, int32_t village, int32_t end_day);

/* Members active on day in area (any level; 0 = the whole country). */
int64_t s40_asof_count(const struct s40_asof *ix, int32_t area, int32_t day);

struct s40_area_count {
	int32_t code;
	int64_t n;
};

/*
 * Members active on day in each area at level inside area (0 = everywhere),
 * by code, areas with none included only when they have had a spell. *out is
 * allocated (free it).
 */
enum s40_err s40_asof_by_level(const struct s40_asof *ix, int32_t area, enum s40_level level,
			       int32_t day, struct s40_area_count **out, size_t *n);

/* Number of villages and spells held (for tests and memory figures). */
size_t s40_asof_n_villages(const struct s40_asof *ix);
size_t s40_asof_n_spells(const struct s40_asof *ix);

/* Bytes the index holds on the heap (allocated capacity), by part. */
struct s40_asof_mem {
	size_t villages; /* the villages and their sorted start and end days */
	size_t totals; /* the running counts of districts, provinces and the country */
	size_t events; /* the starts and ends in day order */
	size_t snapshots; /* every village's count at the start of each chunk of events */
	size_t n_chunks;
	size_t total;
};

void s40_asof_memory(const struct s40_asof *ix, struct s40_asof_mem *m);

#endif
