/*
 * area.h — DOPA area codes (DOMAIN.md §6). No I/O.
 *
 * An area code is held as an int32: province 2 digits (10–99), district 4
 * (1000–9999), subdistrict 6, village 8 (subdistrict code × 100 + หมู่ที่).
 * Village part 00 means "in the subdistrict, in no village". Every code starts
 * with its parent's code, so the parent is code / 100.
 */
#ifndef S40_CORE_AREA_H
#define S40_CORE_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

enum s40_level {
	S40_LEVEL_NONE = 0, /* not a code */
	S40_LEVEL_PROVINCE = 1,
	S40_LEVEL_DISTRICT = 2,
	S40_LEVEL_SUBDISTRICT = 3,
	S40_LEVEL_VILLAGE = 4,
};

/* The level of a code by its digits, S40_LEVEL_NONE if it is not a code. */
enum s40_level s40_area_level(int32_t code);

/* The parent code, 0 for a province. */
int32_t s40_area_parent(int32_t code);

/* The ancestor of code at level (code itself at its own level), 0 if above. */
int32_t s40_area_at_level(int32_t code, enum s40_level level);

/* Whether outer is code or one of its ancestors. */
bool s40_area_contains(int32_t outer, int32_t code);

/*
 * The village codes inside area, as the range [*lo, *hi]: the villages of an
 * area are contiguous by code. 0 is the whole country; a number that is not a
 * code gives an empty range (*lo > *hi).
 */
void s40_area_village_range(int32_t area, int32_t *lo, int32_t *hi);

/* The หมู่ที่ of a village code (0 for "in no village"), -1 if not a village. */
int s40_area_moo(int32_t code);

/* Whether a village code is the "in no village" code (part 00). */
bool s40_area_no_village(int32_t code);

/* Read "75", "7503", "750307", "75030702" (ASCII or Thai digits, no other
 * characters). S40_E_BAD_AREA with the reason on ctx. */
enum s40_err s40_area_parse(const char *text, const char *field, int32_t *code,
			    struct s40_ctx *ctx);

/* Parse a level word: province|district|subdistrict|village (and the Thai
 * จังหวัด|อำเภอ|ตำบล|หมู่บ้าน). S40_LEVEL_NONE if unknown. */
enum s40_level s40_level_parse(const char *text);

/* "province", … and "จังหวัด", "อำเภอ", "ตำบล", "หมู่บ้าน". */
const char *s40_level_name(enum s40_level level, enum s40_lang lang);

#endif
