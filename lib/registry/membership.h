/*
 * membership.h — Section 40 membership: spells, option changes, ends.
 *
 * A spell runs from start_day until the day before end_day (half-open); a
 * person has at most one open spell and spells never overlap. The option in
 * force for a month is the one chosen at enrolment or by the latest change in
 * force by that month. A change is allowed once a calendar year and takes
 * effect from the month after the request (DOMAIN.md §3).
 */
#ifndef S40_REGISTRY_MEMBERSHIP_H
#define S40_REGISTRY_MEMBERSHIP_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

struct s40_spell {
	int64_t spell_id;
	int64_t person;
	int32_t province;
	int32_t village;      /* the member's village at enrolment */
	int32_t start_day;
	int32_t end_day;      /* S40_NO_DAY while open */
	int end_reason;       /* enum s40_end_reason, 0 while open */
	int option;           /* chosen at enrolment */
	int64_t recruited_by; /* national ID of the recruiter, 0 if none */
	char channel[32];     /* office, event, volunteer, online … */
	int64_t journal_seq;
};

struct s40_enrol {
	int64_t person;
	int option;
	int32_t day;
	int64_t recruited_by; /* 0 if none */
	const char *channel;  /* may be NULL */
	int idempotent;       /* an open spell with the same start and option is not an error */
	int64_t event;        /* the field event it was made at (event.h), 0 if none */
};

/*
 * Enrol a person: registered, eligible on the day (every reason given),
 * no open spell (S40_E_ALREADY_MEMBER), no overlap with an earlier spell
 * (S40_E_OVERLAP), day not after reg->today, e->event (when set) an event held
 * on that day (s40_event_check_enrol). *spell_id gets the spell;
 * *changed is 0 when e->idempotent and the same spell exists. Either may be NULL.
 */
enum s40_err s40_membership_enrol(struct s40_reg *reg, const struct s40_enrol *e,
				  int64_t *spell_id, int *changed, struct s40_ctx *ctx);

/*
 * Change the option of the open spell, requested on day: in force from the
 * next month. S40_E_OPTION_YEARLY if a change was requested already in that
 * calendar year, S40_E_SAME_OPTION if it is the option in force.
 * *from_month gets the first month of the new option (may be NULL).
 */
enum s40_err s40_membership_change_option(struct s40_reg *reg, int64_t person, int option,
					  int32_t day, int32_t *from_month, struct s40_ctx *ctx);

/* End the open spell on day (the first day not a member) for reason. */
enum s40_err s40_membership_end(struct s40_reg *reg, int64_t person, int32_t day, int reason,
				struct s40_ctx *ctx);

/* End spell sp on day for reason, with its journal entry, inside the caller's
 * transaction; no checks (exclusion.c uses it after its own). */
enum s40_err s40_membership_end_spell(struct s40_reg *reg, const struct s40_spell *sp,
				      int32_t day, int reason, struct s40_ctx *ctx);

/* Every spell of a person, oldest first. *out is allocated (free it). */
enum s40_err s40_membership_list(struct s40_store *st, int64_t person, struct s40_spell **out,
				 size_t *n, struct s40_ctx *ctx);

/* The spell in force on day, if any: S40_OK with *found 0 or 1. */
enum s40_err s40_membership_on(struct s40_store *st, int64_t person, int32_t day,
			       struct s40_spell *sp, int *found, struct s40_ctx *ctx);

/* The option of spell in month (enrolment option or latest change). */
enum s40_err s40_membership_option_in(struct s40_store *st, const struct s40_spell *sp,
				      int32_t month, int *option, struct s40_ctx *ctx);

/* The option of spell in each of the n months from first on (option[k] for
 * month first + k), reading its option changes once. */
enum s40_err s40_membership_option_months(struct s40_store *st, const struct s40_spell *sp,
					  int32_t first, int n, int *option, struct s40_ctx *ctx);

/* Whether the spell covers day. */
int s40_spell_active(const struct s40_spell *sp, int32_t day);

#endif
