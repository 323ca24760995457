/*
 * exclusion.h — cover under another scheme or status (Section 33, Section 39,
 * civil servant, state enterprise) from other agencies' lists. An exclusion
 * in force makes a person ineligible for Section 40; recording one for a
 * member ends the open membership from the exclusion's start (reason moved to
 * that scheme), in the same transaction.
 */
#ifndef S40_REGISTRY_EXCLUSION_H
#define S40_REGISTRY_EXCLUSION_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"
#include "rules/eligibility.h"

struct s40_excl_rec {
	int64_t excl_id;
	int64_t person;
	struct s40_exclusion e; /* kind, start_day, end_day */
	char source[96];        /* the list it came from */
};

/*
 * Record an exclusion. The same person, kind and start again with the same end
 * and source changes nothing (*changed 0); with another end or source, that
 * record is updated. *ended is 1 when a membership was ended by it. changed and
 * ended may be NULL.
 */
enum s40_err s40_exclusion_add(struct s40_reg *reg, const struct s40_excl_rec *x, int *changed,
			       int *ended, struct s40_ctx *ctx);

/* A person's exclusions. *out is allocated (free it). */
enum s40_err s40_exclusion_list(struct s40_store *st, int64_t person, struct s40_excl_rec **out,
				size_t *n, struct s40_ctx *ctx);

#endif
