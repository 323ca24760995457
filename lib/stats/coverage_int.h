/*
 * coverage_int.h — what coverage.c (each village on a day, from the store)
 * and coverage_index.c (the totals of every area on every day) share: an
 * area's surveys, their residents and those residents' person rows, spells
 * and exclusions read into memory, and a resident's class on a day. Not for
 * use outside lib/stats/coverage*.c.
 */
#ifndef S40_STATS_COVERAGE_INT_H
#define S40_STATS_COVERAGE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "coverage.h"
#include "rules/eligibility.h"

/* A spell: [start, end); end S40_NO_DAY while open. */
struct span {
	int32_t start, end;
};

struct cv_survey {
	int64_t id;
	int32_t village, day;
	size_t first, n; /* into residents */
};

struct cv_resident {
	int64_t survey_id, person;
	int status, reason;
};

struct cv_person {
	int64_t id;
	int32_t birth;
	int thai;
	size_t sp_first, sp_n, ex_first, ex_n;
};

struct cv_data {
	struct cv_survey *sv; /* by village, day */
	size_t n_sv;
	struct cv_resident *res; /* by survey_id, person */
	size_t n_res;
	struct cv_person *pp; /* by id */
	size_t n_pp;
	struct span *sp;
	size_t n_sp;
	struct s40_exclusion *ex;
	size_t n_ex;
	int32_t threshold;
};

/* Read everything about the villages lo..hi (codes; 0, INT32_MAX for every
 * village) and the threshold. Free with cv_free, also after a failure. */
enum s40_err cv_load(struct s40_store *st, int32_t lo, int32_t hi, struct cv_data *d,
		     struct s40_ctx *ctx);
void cv_free(struct cv_data *d);

/* Grow *v (of elements of size sz) to hold one more; -1 when out of memory. */
int cv_grow(void **v, size_t *cap, size_t len, size_t sz);

/* The person row of id, NULL when it was not read. */
struct cv_person *cv_person_find(const struct cv_data *d, int64_t id);

/* The surveys of village: d->sv[*first .. *first + *n), by day. */
void cv_village_surveys(const struct cv_data *d, int32_t village, size_t *first, size_t *n);

/* One resident of a survey on day: standing by the register, class, whether the
 * survey and the register disagree. */
void cv_resident_on(const struct cv_data *d, const struct cv_resident *r, int32_t day,
		    struct s40_resident_cov *out);

/* The day someone born on birth completes age years (29 Feb → 1 Mar). */
int32_t cv_birthday(int32_t birth, int age);

/* Days, in no order. */
struct cv_days {
	int32_t *v;
	size_t n, cap;
};

/* Add day to x when it is in (lo, hi] (and not S40_NO_DAY); -1 when out of memory. */
int cv_days_add(struct cv_days *x, int32_t day, int32_t lo, int32_t hi);

/* Add to x each day in (lo, hi] on which the register can change p's standing:
 * a spell's start or end, an exclusion's start or the day after its end, the
 * birthdays at the ages given (entering or leaving an age rule's limits).
 * -1 when out of memory. */
int cv_person_days(const struct cv_data *d, const struct cv_person *p, const int *ages,
		   size_t n_ages, struct cv_days *x, int32_t lo, int32_t hi);

#endif
