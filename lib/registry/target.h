/*
 * target.h — fiscal-year targets of new Section 40 enrolments per area, and
 * their allocation down the area tree.
 *
 * A target is a number of new enrolments for one fiscal year (named by its BE
 * year, ปีงบประมาณ 2562 = 1 Oct 2018 – 30 Sep 2019) and one area. A target set on
 * an area can be allocated to the area's children (one level down) by their
 * share of surveyed eligible residents, or by hand. The invariant, checked on
 * every change: an area's children either hold no target, or their targets add
 * up exactly to the area's. A refused change leaves everything as it was.
 * When an area's target changes, the allocation below it no longer fits and is
 * removed in the same transaction (reported through *cleared). Every change is
 * one journal entry ("target.set", "target.allocate"; entity
 * "target:<fy>:<area>").
 */
#ifndef S40_REGISTRY_TARGET_H
#define S40_REGISTRY_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

/* How a target came to be. Stable numbers (stored). */
enum s40_target_how {
	S40_TARGET_SET = 1, /* set on the area itself */
	S40_TARGET_SHARE =
		2, /* allocated from the parent by share of surveyed eligible residents */
	S40_TARGET_HAND = 3, /* allocated from the parent by hand */
};

/* "set", "share", "hand" and Thai names. */
const char *s40_target_how_key(int how);
const char *s40_target_how_name(int how, enum s40_lang lang);

struct s40_target {
	int fy; /* BE year the fiscal year ends in */
	int32_t area;
	int64_t n; /* new enrolments aimed at */
	int how; /* enum s40_target_how */
	int64_t journal_seq;
};

/* One child's share in a hand allocation. */
struct s40_alloc {
	int32_t area;
	int64_t n;
};

/* The target of area for fy: S40_OK with *found 0 when there is none. */
enum s40_err s40_target_get(struct s40_store *st, int fy, int32_t area, struct s40_target *t,
			    int *found, struct s40_ctx *ctx);

/*
 * Set the target of area for fy to n (≥ 0). Refused when the area's parent
 * holds a target for fy (S40_E_TARGET_ALLOCATED: change it by allocating from
 * the parent). Targets below area for fy are removed; *cleared gets how many
 * (may be NULL). Setting the same number again changes nothing.
 */
enum s40_err s40_target_set(struct s40_reg *reg, int fy, int32_t area, int64_t n, long *cleared,
			    struct s40_ctx *ctx);

/*
 * Allocate area's target for fy to its children in proportion to weights
 * (w[i].area a child of area, w[i].n its weight ≥ 0; children not named weigh
 * 0), by the largest-remainder method so that the parts add up exactly (ties
 * to the lower code); recorded as S40_TARGET_SHARE. S40_E_NO_TARGET when area
 * has none; S40_E_NO_SHARE when the weights add up to 0. The share of surveyed
 * eligible residents is computed in lib/stats (s40_coverage_allocate_target),
 * which calls this. Each child whose target changes loses the allocation below
 * it (*cleared, may be NULL).
 */
enum s40_err s40_target_allocate_weighted(struct s40_reg *reg, int fy, int32_t area,
					  const struct s40_alloc *w, size_t n, long *cleared,
					  struct s40_ctx *ctx);

/*
 * Allocate by hand: each v[i].area (a child of area) takes v[i].n; children not
 * named keep theirs (none counts as 0). The children's targets must then add
 * up to area's (S40_E_ALLOC_SUM, with both sums, otherwise: nothing written).
 */
enum s40_err s40_target_allocate(struct s40_reg *reg, int fy, int32_t area,
				 const struct s40_alloc *v, size_t n, long *cleared,
				 struct s40_ctx *ctx);

/* The targets of fy in area and below it (area 0: everywhere), by area code.
 * *out allocated (free it). */
enum s40_err s40_target_list(struct s40_store *st, int fy, int32_t area, struct s40_target **out,
			     size_t *n, struct s40_ctx *ctx);

/*
 * The latest fiscal year that has a target for area and has begun by day
 * (its first day ≤ day): S40_OK with *found 0 when there is none.
 */
enum s40_err s40_target_latest_fy(struct s40_store *st, int32_t area, int32_t day, int *fy,
				  int *found, struct s40_ctx *ctx);

#endif
