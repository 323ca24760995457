/*
 * rates.h — contribution options and the monthly rates by date (DOMAIN.md §3).
 *
 * The rates are a table (data/rates.csv, embedded): option, first and last
 * contribution month, member and government share in satang, the old-age
 * savings credit per month, and a note. Money is int64 satang.
 */
#ifndef S40_RULES_RATES_H
#define S40_RULES_RATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct s40_rate {
	int option;          /* 1, 2, 3 */
	int32_t from_month;  /* month numbers (core/date.h) */
	int32_t to_month;    /* inclusive; INT32_MAX for open */
	int64_t member;      /* satang per month */
	int64_t government;  /* satang per month */
	int64_t oldage_credit; /* satang per month counted to old-age savings */
};

struct s40_rates {
	struct s40_rate *v;
	size_t n;
};

/* Load the embedded table. Free with s40_rates_free. */
enum s40_err s40_rates_load(struct s40_rates *r, struct s40_ctx *ctx);

/* Parse a rates CSV held in memory (the same columns as data/rates.csv). */
enum s40_err s40_rates_parse(struct s40_rates *r, const char *text, size_t len,
			     struct s40_ctx *ctx);
void s40_rates_free(struct s40_rates *r);

/* The rate of option in month, or NULL if the table has none. */
const struct s40_rate *s40_rate_for(const struct s40_rates *r, int option, int32_t month);

/* The first month the built-in table has a rate for option (1–3): no one joins
 * before Section 40's contributions began. INT32_MIN if the table cannot be read. */
int32_t s40_option_first_month(int option);

/* Whether option is 1, 2 or 3. */
int s40_option_valid(int option);

/* A person's option as a short text: "ทางเลือกที่ 1 (70 บาท)". */
const char *s40_option_name(int option, enum s40_lang lang);

#endif
