/*
 * natid.h — Thai national ID numbers (เลขประจำตัวประชาชน), DOMAIN.md §5.
 *
 * Held as an int64 of 13 digits (the first digit is never 0 once valid).
 * People type them with dashes, spaces or Thai digits: all are accepted.
 */
#ifndef S40_CORE_NATID_H
#define S40_CORE_NATID_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/*
 * Read an ID as typed: ASCII or Thai digits, with any dashes and spaces
 * (ASCII, NBSP) between them. Fails with S40_E_BAD_ID (not 13 digits, or other
 * characters), S40_E_ID_TYPE (first digit 0 or 9) or S40_E_ID_CHECK (check
 * digit), the reason and the expected check digit on ctx, field as given.
 */
enum s40_err s40_natid_parse(const char *text, const char *field, int64_t *id,
			     struct s40_ctx *ctx);

/* The check digit of the first 12 digits of d (ASCII digits). */
int s40_natid_check_digit(const char *d12);

/* Whether a 13-digit number is a valid ID (type and check digit). */
int s40_natid_valid(int64_t id);

/* "1112034563562". buf ≥ 14. */
char *s40_natid_digits(int64_t id, char *buf, size_t n);

/* "1-1120-34563-56-2". buf ≥ 18. */
char *s40_natid_format(int64_t id, char *buf, size_t n);

/* Masked for readers with no need to see it: the type digit and the last
 * group and check digit stay, "1-xxxx-xxxxx-56-2". buf ≥ 18. */
char *s40_natid_mask(int64_t id, char *buf, size_t n);

#endif
