/*
 * date.h — calendar days, Buddhist-era dates, fiscal years and ages. No I/O.
 *
 * A day is an int32 counting days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before). A month is an int32 counting months since
 * January 1970 (year * 12 + month - 1 - 1970 * 12): contribution months are
 * months. The Buddhist era (BE) year is the CE year + 543. A fiscal year is
 * named by the BE year in which it ends: ปีงบประมาณ 2562 = 1 Oct 2018 – 30 Sep 2019.
 */
#ifndef S40_CORE_DATE_H
#define S40_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "error.h"

#define S40_BE_OFFSET 543
#define S40_NO_DAY INT32_MIN /* "no day": an open end, an unknown date */

/* Day of y-m-d (CE). The caller has checked the date exists. */
int32_t s40_day_from_ymd(int y, int m, int d);

/* The CE year, month (1–12) and day (1–31) of a day. */
void s40_day_to_ymd(int32_t day, int *y, int *m, int *d);

/* Whether y-m-d (CE) exists. */
bool s40_ymd_valid(int y, int m, int d);

/* Days in month m of CE year y. */
int s40_days_in_month(int y, int m);

/* Day of the week, 0 = Sunday … 6 = Saturday. */
int s40_day_weekday(int32_t day);

/* Month number of a day; first day of a month; CE year and month of a month. */
int32_t s40_day_month(int32_t day);
int32_t s40_month_first_day(int32_t month);
int32_t s40_month_last_day(int32_t month);
int32_t s40_month_from_ym(int y, int m);
void s40_month_to_ym(int32_t month, int *y, int *m);

/*
 * Parse a date as people type it (DOMAIN.md §7): 31/10/2562, 31/10/62,
 * 2562-10-31, 2019-10-31, 31 ต.ค. 2562, 31 ตุลาคม 2562, 31-10-2562, with
 * Thai digits anywhere and surrounding spaces. A four-digit year ≥ 2400 is BE,
 * otherwise CE; a two-digit year is BE (62 = 2562). Impossible dates (31/02)
 * fail with S40_E_IMPOSSIBLE_DATE, unreadable text with S40_E_BAD_DATE, both
 * with the reason on ctx (field as given). Years outside 1857–2200 CE (2400–2743 BE) fail.
 */
enum s40_err s40_date_parse(const char *text, const char *field, int32_t *day,
			    struct s40_ctx *ctx);

/*
 * Parse a month: 2019-10, 2562-10, 10/2562, ต.ค. 2562, ตุลาคม 2562.
 */
enum s40_err s40_month_parse(const char *text, const char *field, int32_t *month,
			     struct s40_ctx *ctx);

/* Formats. Each writes a NUL-terminated string into buf (size n ≥ 64 is always
 * enough) and returns buf. */
char *s40_date_iso(int32_t day, char *buf, size_t n);      /* 2019-11-08 */
char *s40_date_th_long(int32_t day, char *buf, size_t n);  /* 8 พฤศจิกายน 2562 */
char *s40_date_th_short(int32_t day, char *buf, size_t n); /* 8 พ.ย. 2562 */
char *s40_date_en_long(int32_t day, char *buf, size_t n);  /* 8 November 2019 */
char *s40_month_iso(int32_t month, char *buf, size_t n);     /* 2019-11 */
char *s40_month_th_long(int32_t month, char *buf, size_t n); /* พฤศจิกายน 2562 */
char *s40_month_th_short(int32_t month, char *buf, size_t n); /* พ.ย. 2562 */

/*
 * A day in both languages' long forms, for a message that takes the same
 * arguments in its Thai and English formats (s40_errorf): put S40_D_TH in the
 * Thai format and S40_D_EN in the English one at the same place, and pass
 * S40_D_ARGS(d). Each prints its own language and skips the other.
 */
struct s40_day2 {
	char th[64];
	char en[64];
};
#define S40_D_TH "%s%.0s"
#define S40_D_EN "%.0s%s"
#define S40_D_ARGS(d) (d).th, (d).en

/* Fill d with the Thai and English long forms of day; returns d. */
struct s40_day2 *s40_day2(int32_t day, struct s40_day2 *d);

/* Thai month names, m = 1–12. */
const char *s40_month_name_th(int m);
const char *s40_month_abbr_th(int m);

/* The fiscal year (BE) a day falls in, and its first and last day. */
int s40_fiscal_year(int32_t day);
int32_t s40_fiscal_year_first_day(int fy_be);
int32_t s40_fiscal_year_last_day(int fy_be);

/* Completed years of age (ปีบริบูรณ์) on day of someone born on birth_day.
 * Someone born on 29 Feb completes a year on 1 Mar in common years. */
int s40_age_on(int32_t birth_day, int32_t day);

/* The fiscal years (BE) a command or request may name: from FY2555, in which
 * Section 40's contributions began (January 2012), to 2700. */
#define S40_FY_MIN 2555
#define S40_FY_MAX 2700

/* Thailand's clock: UTC+7 all year (no summer time since 1920). Today and the
 * times people read are Thailand's whatever the machine's time zone. */
#define S40_TH_UTC_OFFSET (7 * 3600)

/* Today in Thailand, from the clock — the one function here that reads the
 * system. The programs pass today to the library; the library never asks. */
int32_t s40_day_today(void);

/* The broken-down time in Thailand of t (seconds since 1970). */
struct tm *s40_th_time(int64_t t, struct tm *tm);

#endif
