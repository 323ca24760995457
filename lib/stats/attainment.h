/*
 * attainment.h — new Section 40 memberships in a fiscal year against its
 * target, at every level of the area tree.
 *
 * A new membership is a spell that started in the fiscal year on or before the
 * day asked (a spell ended on its own start day, a record correction, does not
 * count); it counts for the village the member lived in at enrolment, which the
 * spell keeps. The index holds, per village, the sorted start days of its
 * spells, so the count for any area and any span of days is two binary searches
 * per village of the area (villages are contiguous by code). Built from the
 * store in one pass; derived, never stored.
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
void s40_attain_free(struct s40_attain_ix *ix);

/* Spells started in area (any level, 0 = the country) from from_day to to_day,
 * both included. */
int64_t s40_attain_count(const struct s40_attain_ix *ix, int32_t area, int32_t from_day,
			 int32_t to_day);

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
 * built for this call, which reads every spell: pass one for many calls).
 * A day before the year begins gives 0 achieved.
 */
enum s40_err s40_attainment(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			    int32_t area, int32_t day, struct s40_attainment *out,
			    struct s40_ctx *ctx);

#endif
