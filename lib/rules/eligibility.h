/*
 * eligibility.h — who may join Section 40 on a day (DOMAIN.md §2).
 *
 * The check returns every rule that fails, not just the first, so that a
 * refusal can give all its reasons. The age limits by date are data
 * (data/eligibility.csv, embedded), not constants in code.
 */
#ifndef S40_RULES_ELIGIBILITY_H
#define S40_RULES_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Kinds of exclusion: cover under another scheme or status. Stable numbers
 * (stored in the database). */
enum s40_excl_kind {
	S40_EXCL_S33 = 1,              /* insured under Section 33 (employee) */
	S40_EXCL_S39 = 2,              /* insured under Section 39 */
	S40_EXCL_CIVIL_SERVANT = 3,    /* ข้าราชการ */
	S40_EXCL_STATE_ENTERPRISE = 4, /* พนักงานรัฐวิสาหกิจ */
};

/* "s33", "s39", "civil_servant", "state_enterprise" (and Thai words
 * มาตรา33, ข้าราชการ, รัฐวิสาหกิจ …) → kind; 0 if unknown. */
int s40_excl_kind_parse(const char *s);
const char *s40_excl_kind_key(int kind);              /* "s33" */
const char *s40_excl_kind_name(int kind, enum s40_lang lang); /* "ผู้ประกันตนมาตรา 33" */

struct s40_exclusion {
	int kind;
	int32_t start_day; /* S40_NO_DAY: since always */
	int32_t end_day;   /* S40_NO_DAY: still in force; else the last day covered */
};

struct s40_applicant {
	int32_t birth_day; /* S40_NO_DAY when unknown */
	int thai;          /* 1 Thai nationality recorded from the card, 0 not, -1 unknown */
	const struct s40_exclusion *excl;
	size_t n_excl;
};

/* Reasons, as bits. */
enum s40_inelig {
	S40_INELIG_NO_BIRTH = 1u << 0,   /* birth date unknown */
	S40_INELIG_TOO_YOUNG = 1u << 1,  /* under the minimum age that day */
	S40_INELIG_TOO_OLD = 1u << 2,    /* over the maximum age that day */
	S40_INELIG_NOT_THAI = 1u << 3,   /* not of Thai nationality (or unknown) */
	S40_INELIG_S33 = 1u << 4,
	S40_INELIG_S39 = 1u << 5,
	S40_INELIG_CIVIL_SERVANT = 1u << 6,
	S40_INELIG_STATE_ENTERPRISE = 1u << 7,
	S40_INELIG_BEFORE_BIRTH = 1u << 8, /* the day is before the birth date */
};

struct s40_age_rule {
	int32_t from_day; /* in force from */
	int32_t to_day;   /* to (inclusive), S40_NO_DAY = open */
	int min_age;
	int max_age;      /* completed years, inclusive */
};

/* The age rule in force on day (from the embedded table); NULL if none. */
const struct s40_age_rule *s40_age_rule_on(int32_t day);

/*
 * The reasons a may not join on day (0 = eligible). *age is set to the
 * completed years on day (-1 if unknown). Exclusions count when in force on
 * day.
 */
unsigned s40_eligibility(const struct s40_applicant *a, int32_t day, int *age);

/*
 * Put a refusal on ctx: S40_E_INELIGIBLE with every reason, in Thai and
 * English ("อายุ 66 ปี เกิน 65 ปี; เป็นผู้ประกันตนมาตรา 33"). Returns the code.
 */
enum s40_err s40_eligibility_refuse(unsigned reasons, int age, int32_t day,
				    struct s40_ctx *ctx);

/* The text of one reason bit. */
const char *s40_inelig_text(unsigned bit, enum s40_lang lang);

/* Reasons a membership ends (DOMAIN.md §2). Stable numbers. */
enum s40_end_reason {
	S40_END_DEATH = 1,
	S40_END_TO_S33 = 2,
	S40_END_TO_S39 = 3,
	S40_END_CIVIL_SERVANT = 4,
	S40_END_STATE_ENTERPRISE = 5,
	S40_END_RESIGNED = 6,
	S40_END_CORRECTION = 7,
};

/* "death", "s33", "s39", "civil_servant", "state_enterprise", "resigned",
 * "correction" (and Thai words) → reason; 0 if unknown. */
int s40_end_reason_parse(const char *s);
const char *s40_end_reason_key(int reason);
const char *s40_end_reason_name(int reason, enum s40_lang lang);

#endif
