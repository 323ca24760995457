/*
 * attainment.h — new Section 40 memberships in a fiscal year against its
 * target, at every level of the area tree.
 *
 * A new membership is a spell that started in the fiscal year on or before the
 * day asked (a spell ended on its own start day, a record correction, does not
 * count); it counts for the village the member lived in at enrolment, which the
 * spell keeps. The index holds, for every area of every level that has had
 * one (the country, each province, district, subdistrict and village), its
 * start days, so the count for any area and any span of days is two binary
 * searches in that area's own days (attainment.c), never a walk over villages.
 * Built from the store in one pass and kept current by the write path
 * (s40_attain_add / s40_attain_remove); derived, never stored.
 *
 * One writer at a time; readers may share it while no one writes.
 */
#ifndef S40_STATS_ATTAINMENT_H
#define S40_STATS_ATTAINMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/area.h"
#include "core/error.h"
#include "store/store.h"

struct s40_attain_ix;

/* Build the index from every spell. Free with s40_attain_free. */
enum s40_err s40_attain_build(struct s40_store *st, struct s40_attain_ix **out,
			      struct s40_ctx *ctx);

/*
 * The same from the spells of area's villages only (area 0: every spell, as
 * s40_attain_build), read through the province's index: its counts are right
 * for area and every area below it, and 0 elsewhere. For one answer about an
 * area (a command, a report) without reading the country's spells.
 */
enum s40_err s40_attain_build_area(struct s40_store *st, int32_t area, struct s40_attain_ix **out,
				   struct s40_ctx *ctx);
void s40_attain_free(struct s40_attain_ix *ix);

/*
 * The same build from spells another reader hands over, so that one read of
 * the store serves two indexes (s40_asof_build_each): new, then add every
 * spell (village, start and end days, end S40_NO_DAY while open) in batches,
 * then finish, which frees the builder whatever it returns. add returns -1
 * when out of memory (then free the builder).
 */
struct s40_attain_builder;
struct s40_attain_builder *s40_attain_builder_new(void);
int s40_attain_builder_add(struct s40_attain_builder *b, const int32_t *village,
			   const int32_t *start, const int32_t *end, size_t n);
enum s40_err s40_attain_builder_finish(struct s40_attain_builder *b, struct s40_attain_ix **out,
				       struct s40_ctx *ctx);
void s40_attain_builder_free(struct s40_attain_builder *b);

/*
 * Record a new membership starting on start_day in village; take one back out
 * (its spell was ended on its own start day, a correction). S40_E_NOMEM
 * leaves every count as it was (an area seen for the first time may stay,
 * with no start); remove answers S40_E_NOT_FOUND, changing nothing, when the
 * index holds no such start (it does not reflect the store: rebuild it).
 */
enum s40_err s40_attain_add(struct s40_attain_ix *ix, int32_t village, int32_t start_day);
enum s40_err s40_attain_remove(struct s40_attain_ix *ix, int32_t village, int32_t start_day);

/* Spells started in area (any level, 0 = the country) from from_day to to_day,
 * both included. */
int64_t s40_attain_count(const struct s40_attain_ix *ix, int32_t area, int32_t from_day,
			 int32_t to_day);

/* Memberships the index holds (for tests). */
size_t s40_attain_n_starts(const struct s40_attain_ix *ix);

/* Bytes the index holds on the heap (allocated capacity), by part. */
struct s40_attain_mem {
	size_t areas; /* the sorted array of areas */
	size_t every_start; /* the start days of villages and subdistricts */
	size_t counted; /* the days and running counts of districts, provinces, the country */
	size_t total;
};

void s40_attain_memory(const struct s40_attain_ix *ix, struct s40_attain_mem *m);

struct s40_attainment {
	int fy;
	int32_t area;
	int32_t day; /* as of */
	int32_t from_day; /* the fiscal year's first day */
	int32_t to_day; /* min(day, the fiscal year's last day) */
	int has_target;
	int64_t target; /* 0 without one */
	int64_t achieved; /* new memberships from from_day to to_day */
	int32_t pct; /* achieved / target in hundredths of a per cent; -1 without target
			       or with target 0 */
	int64_t remaining; /* target − achieved, not below 0 */
};

/*
 * Attainment of area in fiscal year fy as of day. ix may be NULL (then it is
 * built for this call from area's own spells: pass one for many calls).
 * A day before the year begins gives 0 achieved.
 */
enum s40_err s40_attainment(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			    int32_t area, int32_t day, struct s40_attainment *out,
			    struct s40_ctx *ctx);

#endif
