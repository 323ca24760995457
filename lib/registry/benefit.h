/*
 * benefit.h — benefit checks and recorded benefits (DOMAIN.md §4).
 *
 * A check answers, for a person, a case and an event day: eligible or not, each
 * condition with its window (the N contribution months before the month of the
 * event), the months needed and found and whether it holds, and the amount
 * under the rule version in force on the day (rules/benefits.h), with the
 * yearly caps applied against the benefits recorded already. Recording a
 * benefit runs the same check and keeps what was paid, so that the caps have
 * something to count.
 */
#ifndef S40_REGISTRY_BENEFIT_H
#define S40_REGISTRY_BENEFIT_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"
#include "rules/benefits.h"
#include "rules/rates.h"

#define S40_BENEFIT_MAX_COND 12

/* One condition of a check. */
struct s40_benefit_cond {
	char key[24];           /* "member", "window", "tier1", "survivor", "continuous", … */
	char label_th[320];
	char label_en[192];
	int32_t from_month;     /* the window; INT32_MIN when the condition has none */
	int32_t to_month;
	int64_t needed;         /* months, days or years needed; -1 when not a count */
	int64_t found;          /* what was found */
	int holds;
	int64_t amount;         /* satang this condition pays when it holds (tiers, grants) */
};

struct s40_benefit_check {
	int kind;               /* enum s40_case */
	int32_t day;            /* the event day */
	int option;             /* in force in the event's month (0 if never a member) */
	char version[16];       /* the rule version in force on day ("" if none) */
	int32_t version_day;
	int covered;            /* the option covers the case in that version */
	int eligible;           /* every condition holds (disability: any tier) */
	int64_t units_asked;    /* days, visits or children asked for */
	int64_t units_paid;     /* after the minimum, the maximum and the yearly cap */
	int64_t rate;           /* satang per unit */
	int per;                /* enum s40_per of the amount */
	int64_t amount;         /* satang: per month for monthly benefits, else in all */
	int cap;                /* units per calendar year, 0 none */
	int64_t cap_used;       /* units recorded already in the event's calendar year */
	int duration_months;    /* monthly benefits: months paid, 0 for life */
	int provisional;        /* old age: the savings formula is not confirmed */
	size_t n_cond;
	struct s40_benefit_cond cond[S40_BENEFIT_MAX_COND];
};

struct s40_benefit_ask {
	int64_t person;
	int kind;               /* enum s40_case */
	int32_t day;            /* the event day */
	int64_t units;          /* days (in-patient, rest), visits (out-patient; 0 = 1),
				   children (child; 0 = 1); ignored otherwise */
};

/*
 * Check a benefit. rules and rates may be NULL (loaded for the call). The
 * person must be registered (S40_E_NOT_FOUND); everything else, eligible or
 * not, is S40_OK with the answer in *out.
 */
enum s40_err s40_benefit_check(struct s40_store *st, const struct s40_benefit_rules *rules,
			       const struct s40_rates *rates, const struct s40_benefit_ask *ask,
			       struct s40_benefit_check *out, struct s40_ctx *ctx);

/*
 * Record a benefit paid: the check must find the person eligible
 * (S40_E_BENEFIT_NOT_COVERED, S40_E_BENEFIT_INELIGIBLE with the conditions
 * that fail) with something left under the yearly cap (S40_E_BENEFIT_CAP);
 * the day must not be after reg->today; the same case on the same day twice is
 * S40_E_EXISTS, a second death S40_E_EXISTS. Recorded are the units paid and
 * amount (satang; -1: the amount the check gives). *out gets the check (may
 * be NULL). One journal entry "benefit.record".
 */
enum s40_err s40_benefit_record(struct s40_reg *reg, const struct s40_benefit_rules *rules,
				const struct s40_rates *rates, const struct s40_benefit_ask *ask,
				int64_t amount, struct s40_benefit_check *out,
				struct s40_ctx *ctx);

struct s40_benefit_rec {
	int64_t benefit_id;
	int kind;
	int32_t event_day;
	int64_t units;
	int64_t amount;
	int64_t journal_seq;
};

/* A person's recorded benefits, by day. *out allocated (free it). */
enum s40_err s40_benefit_list(struct s40_store *st, int64_t person, struct s40_benefit_rec **out,
			      size_t *n, struct s40_ctx *ctx);

#endif
