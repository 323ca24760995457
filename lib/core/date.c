/*
 * date.c — calendar arithmetic on day numbers (days since 1970-01-01), the
 * reading of dates as people in Thailand type them, and Thai and English date
 * formats. The Thai formats come from the tables below and match, byte for
 * byte, what ICU prints for "th_TH@calendar=buddhist" (UDAT_LONG, UDAT_MEDIUM);
 * ICU is not called here because this is on the report path.
 */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* clang-format off */
static const char *const month_th[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};
/* clang-format on */

/* clang-format off */
static const char *const month_th_abbr[12] = {
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
	"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};
/* clang-format on */

/* The abbreviations as typed without dots ("ตค"). */
static const char *const month_th_nodot[12] = {
	"มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค",
};

/* clang-format off */
static const char *const month_en[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};
/* clang-format on */

/* The forms named in the message for a date that cannot be read. */
#define DATE_FORMS "31/10/2562, 31/10/62, 31-10-2562, 2562-10-31, 2019-10-31, 31 ต.ค. 2562"
#define MONTH_FORMS "10/2562, 2562-10, 2019-10, ต.ค. 2562, ตุลาคม 2562"

/* From 1857 CE (2400 BE) on, so that every accepted date's Thai form has a
 * year of 2400 or more, which reads back as BE: a lower bound of 1800 let
 * "5 ส.ค. 1837" in while its own Thai form, "5 สิงหาคม 2380", read as CE 2380.
 * Also written in the message of year_to_ce. */
#define YEAR_MIN_CE 1857
#define YEAR_MAX_CE 2200

/* Floor division and modulo, for days and months before 1970. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/* Days from civil (H. Hinnant's algorithm), in 64 bits so no input overflows. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t s40_day_from_ymd(int y, int m, int d)
{
	return (int32_t)days_from_civil(y, m, d);
}

void s40_day_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int s40_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool s40_ymd_valid(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= s40_days_in_month(y, m);
}

int s40_day_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday. */
	return (int)floor_mod((int64_t)day + 4, 7);
}

int32_t s40_month_from_ym(int y, int m)
{
	return (int32_t)(((int64_t)y - 1970) * 12 + m - 1);
}

void s40_month_to_ym(int32_t month, int *y, int *m)
{
	*y = (int)(1970 + floor_div(month, 12));
	*m = (int)floor_mod(month, 12) + 1;
}

int32_t s40_day_month(int32_t day)
{
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	return s40_month_from_ym(y, m);
}

int32_t s40_month_first_day(int32_t month)
{
	int y, m;
	s40_month_to_ym(month, &y, &m);
	return s40_day_from_ymd(y, m, 1);
}

int32_t s40_month_last_day(int32_t month)
{
	int y, m;
	s40_month_to_ym(month, &y, &m);
	return s40_day_from_ymd(y, m, s40_days_in_month(y, m));
}

const char *s40_month_name_th(int m)
{
	return m >= 1 && m <= 12 ? month_th[m - 1] : "";
}

const char *s40_month_abbr_th(int m)
{
	return m >= 1 && m <= 12 ? month_th_abbr[m - 1] : "";
}

/* ---- reading ---- */

/* The text being read: ASCII digits in place of Thai ones, NBSP as a space. */
struct scan {
	char s[128];
	const char *p;
};

/* Copy text for quoting in a message into out (n bytes), cut on a character
 * boundary with "…" when it is longer. */
static void quote_text(const char *text, char *out, size_t n)
{
	size_t len = strlen(text);
	size_t max = n - 4; /* room for "…" (3 bytes) and the NUL */
	if (len <= n - 1) {
		memcpy(out, text, len + 1);
		return;
	}
	len = max;
	while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--;
	memcpy(out, text, len);
	memcpy(out + len, "…", 4);
}

/*
 * Fill sc from text: Thai digits become ASCII, NBSP a space, and the white
 * space around is dropped. False when the text is too long to be a date.
 */
static bool scan_init(struct scan *sc, const char *text)
{
	size_t o = 0;
	const unsigned char *t = (const unsigned char *)text;
	while (*t) {
		if (o + 2 > sizeof sc->s)
			return false;
		if (t[0] == 0xE0 && t[1] == 0xB9 && t[2] >= 0x90 && t[2] <= 0x99) {
			sc->s[o++] = (char)('0' + (t[2] - 0x90));
			t += 3;
		} else if (t[0] == 0xC2 && t[1] == 0xA0) {
			sc->s[o++] = ' ';
			t += 2;
		} else {
			sc->s[o++] = (char)*t++;
		}
	}
	while (o > 0 && (sc->s[o - 1] == ' ' || sc->s[o - 1] == '\t' || sc->s[o - 1] == '\r' ||
			 sc->s[o - 1] == '\n'))
		o--;
	sc->s[o] = '\0';
	sc->p = sc->s;
	while (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\r' || *sc->p == '\n')
		sc->p++;
	return true;
}

static void scan_spaces(struct scan *sc)
{
	while (*sc->p == ' ' || *sc->p == '\t')
		sc->p++;
}

/* Read a run of digits: its value and how many digits. False if none. */
static bool scan_number(struct scan *sc, int *value, int *n_digits)
{
	int v = 0, n = 0;
	while (*sc->p >= '0' && *sc->p <= '9') {
		if (n < 9)
			v = v * 10 + (*sc->p - '0');
		n++;
		sc->p++;
	}
	*value = v;
	*n_digits = n;
	return n > 0;
}

static bool ascii_prefix_ci(const char *s, const char *word, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char a = s[i], b = word[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b || a == '\0')
			return false;
	}
	return true;
}

/* Whether a month word may end at p: end, space, digit or ASCII punctuation. */
static bool word_end(const char *p)
{
	unsigned char c = (unsigned char)*p;
	return c == '\0' || c == ' ' || c == '\t' || (c >= '0' && c <= '9') || c == ',' ||
	       c == '-' || c == '/';
}

/*
 * Read a month name: Thai full ("ตุลาคม"), abbreviated with or without dots
 * ("ต.ค.", "ต.ค", "ตค"), or English full or three letters ("October", "Oct").
 * Returns 1–12 and advances, or 0.
 */
static int scan_month_word(struct scan *sc)
{
	const char *p = sc->p;
	for (int i = 0; i < 12; i++) {
		size_t len = strlen(month_th[i]);
		if (strncmp(p, month_th[i], len) == 0 && word_end(p + len)) {
			sc->p = p + len;
			return i + 1;
		}
	}
	for (int i = 0; i < 12; i++) {
		size_t len = strlen(month_th_abbr[i]);
		if (strncmp(p, month_th_abbr[i], len) == 0 && word_end(p + len)) {
			sc->p = p + len;
			return i + 1;
		}
		/* without the final dot */
		if (strncmp(p, month_th_abbr[i], len - 1) == 0 && word_end(p + len - 1)) {
			sc->p = p + len - 1;
			return i + 1;
		}
	}
	for (int i = 0; i < 12; i++) {
		size_t len = strlen(month_th_nodot[i]);
		if (strncmp(p, month_th_nodot[i], len) == 0 && word_end(p + len)) {
			sc->p = p + len;
			return i + 1;
		}
	}
	for (int i = 0; i < 12; i++) {
		size_t len = strlen(month_en[i]);
		if (ascii_prefix_ci(p, month_en[i], len) && word_end(p + len)) {
			sc->p = p + len;
			return i + 1;
		}
		if (ascii_prefix_ci(p, month_en[i], 3)) {
			size_t l3 = p[3] == '.' ? 4 : 3;
			if (word_end(p + l3)) {
				sc->p = p + l3;
				return i + 1;
			}
		}
	}
	return 0;
}

/* Skip an era word before a year: "พ.ศ." means BE, "ค.ศ." CE. */
enum era {
	ERA_ANY,
	ERA_BE,
	ERA_CE
};

static enum era scan_era(struct scan *sc)
{
	static const struct {
		const char *word;
		enum era era;
	} eras[] = {
		{ "พ.ศ.", ERA_BE }, { "พ.ศ", ERA_BE }, { "พศ", ERA_BE },
		{ "ค.ศ.", ERA_CE }, { "ค.ศ", ERA_CE }, { "คศ", ERA_CE },
	};
	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
		size_t len = strlen(eras[i].word);
		if (strncmp(sc->p, eras[i].word, len) == 0) {
			sc->p += len;
			scan_spaces(sc);
			return eras[i].era;
		}
	}
	return ERA_ANY;
}

/*
 * Turn a typed year into a CE year: four digits ≥ 2400 are BE, other four
 * digits CE, two digits BE (62 = 2562). Fails on other digit counts, on an era
 * word that contradicts the year, and outside 1857–2200 CE (2400–2743 BE).
 */
static enum s40_err year_to_ce(int year, int n_digits, enum era era, const char *text,
			       const char *field, int *ce, struct s40_ctx *ctx)
{
	char q[48];
	quote_text(text, q, sizeof q);
	if (n_digits == 2) {
		year += 2500;
		n_digits = 4;
		if (era == ERA_CE)
			return s40_errorf(ctx, S40_E_AMBIGUOUS_DATE, field,
					  "ปี ค.ศ. ต้องเขียน 4 หลัก: \"%s\"",
					  "a CE year must have 4 digits: \"%s\"", q);
		era = ERA_BE;
	}
	if (n_digits != 4)
		return s40_errorf(ctx, S40_E_BAD_DATE, field,
				  "ปีต้องเขียน 4 หลัก (2562 หรือ 2019) "
				  "หรือ 2 หลัก (62 = 2562): \"%s\"",
				  "the year has 4 digits (2562 or 2019) or 2 (62 = 2562): \"%s\"",
				  q);
	if (era == ERA_ANY)
		era = year >= 2400 ? ERA_BE : ERA_CE;
	int y = era == ERA_BE ? year - S40_BE_OFFSET : year;
	if (y < YEAR_MIN_CE || y > YEAR_MAX_CE)
		return s40_errorf(ctx, S40_E_BAD_DATE, field,
				  "ปี %d อยู่นอกช่วงที่รับได้ (พ.ศ. 2400–2743 หรือ ค.ศ. 1857–2200): "
				  "\"%s\"",
				  "the year %d is outside the range accepted "
				  "(1857–2200 CE, 2400–2743 BE): \"%s\"",
				  year, q);
	*ce = y;
	return S40_OK;
}

static enum s40_err month_check(int m, const char *text, const char *field, struct s40_ctx *ctx)
{
	if (m >= 1 && m <= 12)
		return S40_OK;
	char q[48];
	quote_text(text, q, sizeof q);
	return s40_errorf(ctx, S40_E_IMPOSSIBLE_DATE, field, "ไม่มีเดือนที่ %d (เดือนคือ 1–12): \"%s\"",
			  "there is no month %d (months are 1–12): \"%s\"", m, q);
}

/*
 * Check y-m-d exists; the reason names the month and its days, in Thai with
 * the BE year and in English with the CE year.
 */
static enum s40_err ymd_check(int y, int m, int d, const char *text, const char *field,
			      struct s40_ctx *ctx)
{
	enum s40_err rc = month_check(m, text, field, ctx);
	if (rc)
		return rc;
	if (s40_ymd_valid(y, m, d))
		return S40_OK;
	char q[48], th[256], en[192];
	quote_text(text, q, sizeof q);
	snprintf(th, sizeof th, "ไม่มีวันที่ %d ในเดือน%s %d (เดือนนี้มี %d วัน): \"%s\"", d, month_th[m - 1],
		 y + S40_BE_OFFSET, s40_days_in_month(y, m), q);
	snprintf(en, sizeof en, "there is no day %d in %s %d (that month has %d days): \"%s\"", d,
		 month_en[m - 1], y, s40_days_in_month(y, m), q);
	/* Each format prints its own string and skips the other's. */
	return s40_errorf(ctx, S40_E_IMPOSSIBLE_DATE, field, "%s%.0s", "%.0s%s", th, en);
}

static enum s40_err date_unreadable(const char *text, const char *field, struct s40_ctx *ctx)
{
	char q[48];
	quote_text(text, q, sizeof q);
	return s40_errorf(ctx, S40_E_BAD_DATE, field, "อ่านวันที่ \"%s\" ไม่ได้ ใช้รูปแบบ " DATE_FORMS,
			  "cannot read the date \"%s\"; use " DATE_FORMS, q);
}

static bool is_sep(char c)
{
	return c == '/' || c == '-' || c == '.';
}

enum s40_err s40_date_parse(const char *text, const char *field, int32_t *day, struct s40_ctx *ctx)
{
	struct scan sc;
	if (text == NULL)
		text = "";
	if (!scan_init(&sc, text))
		return date_unreadable(text, field, ctx);
	if (*sc.p == '\0')
		return s40_errorf(ctx, S40_E_BAD_DATE, field, "ไม่ได้ระบุวันที่ ใช้รูปแบบ " DATE_FORMS,
				  "no date given; use " DATE_FORMS);

	int a, na, b, nb, c, nc, y, ny, m, d;
	enum era era = ERA_ANY;
	if (!scan_number(&sc, &a, &na))
		return date_unreadable(text, field, ctx);
	if (is_sep(*sc.p)) {
		char sep = *sc.p++;
		if (!scan_number(&sc, &b, &nb) || *sc.p != sep)
			return date_unreadable(text, field, ctx);
		sc.p++;
		if (!scan_number(&sc, &c, &nc) || *sc.p != '\0' || nb > 2)
			return date_unreadable(text, field, ctx);
		if ((na == 4 || na == 3) && nc <= 2) { /* 2562-10-31; 3 digits refused below */
			y = a;
			ny = na;
			m = b;
			d = c;
		} else if (na <= 2) { /* 31/10/2562, 31/10/62 */
			d = a;
			m = b;
			y = c;
			ny = nc;
		} else {
			return date_unreadable(text, field, ctx);
		}
	} else {
		/* 31 ต.ค. 2562, 31 ตุลาคม พ.ศ. 2562 */
		if (na > 2)
			return date_unreadable(text, field, ctx);
		d = a;
		scan_spaces(&sc);
		m = scan_month_word(&sc);
		if (m == 0)
			return date_unreadable(text, field, ctx);
		scan_spaces(&sc);
		if (*sc.p == ',')
			sc.p++;
		scan_spaces(&sc);
		era = scan_era(&sc);
		if (!scan_number(&sc, &y, &ny) || *sc.p != '\0')
			return date_unreadable(text, field, ctx);
	}
	int ce;
	enum s40_err rc = year_to_ce(y, ny, era, text, field, &ce, ctx);
	if (rc)
		return rc;
	rc = ymd_check(ce, m, d, text, field, ctx);
	if (rc)
		return rc;
	*day = s40_day_from_ymd(ce, m, d);
	return S40_OK;
}

static enum s40_err month_unreadable(const char *text, const char *field, struct s40_ctx *ctx)
{
	char q[48];
	quote_text(text, q, sizeof q);
	return s40_errorf(ctx, S40_E_BAD_DATE, field, "อ่านเดือน \"%s\" ไม่ได้ ใช้รูปแบบ " MONTH_FORMS,
			  "cannot read the month \"%s\"; use " MONTH_FORMS, q);
}

enum s40_err s40_month_parse(const char *text, const char *field, int32_t *month,
			     struct s40_ctx *ctx)
{
	struct scan sc;
	if (text == NULL)
		text = "";
	if (!scan_init(&sc, text))
		return month_unreadable(text, field, ctx);
	if (*sc.p == '\0')
		return s40_errorf(ctx, S40_E_BAD_DATE, field, "ไม่ได้ระบุเดือน ใช้รูปแบบ " MONTH_FORMS,
				  "no month given; use " MONTH_FORMS);

	int a, na, b, nb, y, ny, m;
	enum era era = ERA_ANY;
	if (scan_number(&sc, &a, &na)) {
		if (!is_sep(*sc.p))
			return month_unreadable(text, field, ctx);
		sc.p++;
		if (!scan_number(&sc, &b, &nb) || *sc.p != '\0')
			return month_unreadable(text, field, ctx);
		if (na == 4 && nb <= 2) { /* 2562-10 */
			y = a;
			ny = na;
			m = b;
		} else if (na <= 2) { /* 10/2562 */
			m = a;
			y = b;
			ny = nb;
		} else {
			return month_unreadable(text, field, ctx);
		}
	} else {
		m = scan_month_word(&sc);
		if (m == 0)
			return month_unreadable(text, field, ctx);
		scan_spaces(&sc);
		era = scan_era(&sc);
		if (!scan_number(&sc, &y, &ny) || *sc.p != '\0')
			return month_unreadable(text, field, ctx);
	}
	int ce;
	enum s40_err rc = year_to_ce(y, ny, era, text, field, &ce, ctx);
	if (rc)
		return rc;
	rc = month_check(m, text, field, ctx);
	if (rc)
		return rc;
	*month = s40_month_from_ym(ce, m);
	return S40_OK;
}

/* ---- formats ---- */

/* Write "" for S40_NO_DAY; true when the day is to be formatted. */
static bool fmt_start(int32_t day, char *buf, size_t n)
{
	if (n > 0)
		buf[0] = '\0';
	return day != S40_NO_DAY && n > 0;
}

char *s40_date_iso(int32_t day, char *buf, size_t n)
{
	int y, m, d;
	if (!fmt_start(day, buf, n))
		return buf;
	s40_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *s40_date_th_long(int32_t day, char *buf, size_t n)
{
	int y, m, d;
	if (!fmt_start(day, buf, n))
		return buf;
	s40_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, n, "%d %s %d", d, month_th[m - 1], y + S40_BE_OFFSET);
	return buf;
}

char *s40_date_th_short(int32_t day, char *buf, size_t n)
{
	int y, m, d;
	if (!fmt_start(day, buf, n))
		return buf;
	s40_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, n, "%d %s %d", d, month_th_abbr[m - 1], y + S40_BE_OFFSET);
	return buf;
}

char *s40_date_en_long(int32_t day, char *buf, size_t n)
{
	int y, m, d;
	if (!fmt_start(day, buf, n))
		return buf;
	s40_day_to_ymd(day, &y, &m, &d);
	snprintf(buf, n, "%d %s %d", d, month_en[m - 1], y);
	return buf;
}

char *s40_month_iso(int32_t month, char *buf, size_t n)
{
	int y, m;
	if (!fmt_start(month, buf, n))
		return buf;
	s40_month_to_ym(month, &y, &m);
	snprintf(buf, n, "%04d-%02d", y, m);
	return buf;
}

char *s40_month_th_long(int32_t month, char *buf, size_t n)
{
	int y, m;
	if (!fmt_start(month, buf, n))
		return buf;
	s40_month_to_ym(month, &y, &m);
	snprintf(buf, n, "%s %d", month_th[m - 1], y + S40_BE_OFFSET);
	return buf;
}

char *s40_month_th_short(int32_t month, char *buf, size_t n)
{
	int y, m;
	if (!fmt_start(month, buf, n))
		return buf;
	s40_month_to_ym(month, &y, &m);
	snprintf(buf, n, "%s %d", month_th_abbr[m - 1], y + S40_BE_OFFSET);
	return buf;
}

/* ---- fiscal years and ages ---- */

int s40_fiscal_year(int32_t day)
{
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	return (m >= 10 ? y + 1 : y) + S40_BE_OFFSET;
}

int32_t s40_fiscal_year_first_day(int fy_be)
{
	return s40_day_from_ymd(fy_be - S40_BE_OFFSET - 1, 10, 1);
}

int32_t s40_fiscal_year_last_day(int fy_be)
{
	return s40_day_from_ymd(fy_be - S40_BE_OFFSET, 9, 30);
}

int s40_age_on(int32_t birth_day, int32_t day)
{
	int by, bm, bd, y, m, d;
	if (birth_day == S40_NO_DAY || day == S40_NO_DAY)
		return -1;
	s40_day_to_ymd(birth_day, &by, &bm, &bd);
	s40_day_to_ymd(day, &y, &m, &d);
	/* Comparing (month, day) makes a 29 Feb birthday complete on 1 Mar in
	 * common years: 28 Feb is still before (2, 29). */
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

struct tm *s40_th_time(int64_t t, struct tm *tm)
{
	time_t th = (time_t)(t + S40_TH_UTC_OFFSET);
	return gmtime_r(&th, tm);
}

int32_t s40_day_today(void)
{
	struct tm tm;
	if (s40_th_time((int64_t)time(NULL), &tm) == NULL)
		return S40_NO_DAY;
	return s40_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

struct s40_day2 *s40_day2(int32_t day, struct s40_day2 *d)
{
	s40_date_th_long(day, d->th, sizeof d->th);
	s40_date_en_long(day, d->en, sizeof d->en);
	return d;
}
