/*
 * Unit tests of lib/core/date.c: day arithmetic against fixed anchors and a
 * round trip over 1800–2200, the date and month readers on tables of typed
 * text, the Thai formats compared byte for byte with what ICU prints for
 * th_TH@calendar=buddhist, fiscal years and ages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "core/date.h"

#define D(y, m, d) s40_day_from_ymd((y), (m), (d))

static void test_day_anchors(void **state)
{
	(void)state;
	static const struct {
		int y, m, d;
		int32_t day;
		int weekday;
	} rows[] = {
		{ 1970, 1, 1, 0, 4 },	    { 1969, 12, 31, -1, 3 },   { 1900, 1, 1, -25567, 1 },
		{ 1800, 1, 1, -62091, 3 },  { 2000, 2, 29, 11016, 2 }, { 2000, 3, 1, 11017, 3 },
		{ 2019, 10, 31, 18200, 4 }, { 2019, 11, 8, 18208, 5 }, { 2038, 1, 19, 24855, 2 },
		{ 2200, 12, 31, 84370, 3 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int y, m, d;
		assert_int_equal(D(rows[i].y, rows[i].m, rows[i].d), rows[i].day);
		s40_day_to_ymd(rows[i].day, &y, &m, &d);
		assert_int_equal(y, rows[i].y);
		assert_int_equal(m, rows[i].m);
		assert_int_equal(d, rows[i].d);
		assert_int_equal(s40_day_weekday(rows[i].day), rows[i].weekday);
	}
}

/* Every day from 1800 to 2200 follows the one before it on the calendar. */
static void test_day_round_trip(void **state)
{
	(void)state;
	int py, pm, pd;
	int32_t first = D(1800, 1, 1), last = D(2200, 12, 31);
	s40_day_to_ymd(first, &py, &pm, &pd);
	for (int32_t day = first + 1; day <= last; day++) {
		int y, m, d;
		s40_day_to_ymd(day, &y, &m, &d);
		assert_true(s40_ymd_valid(y, m, d));
		assert_int_equal(D(y, m, d), day);
		if (d == 1) {
			assert_int_equal(pd, s40_days_in_month(py, pm));
			assert_int_equal(m, pm == 12 ? 1 : pm + 1);
			assert_int_equal(y, pm == 12 ? py + 1 : py);
		} else {
			assert_int_equal(d, pd + 1);
			assert_int_equal(m, pm);
			assert_int_equal(y, py);
		}
		assert_int_equal(s40_day_weekday(day), (s40_day_weekday(day - 1) + 1) % 7);
		py = y;
		pm = m;
		pd = d;
	}
}

static void test_days_in_month(void **state)
{
	(void)state;
	static const struct {
		int y, m, days;
	} rows[] = {
		{ 2019, 1, 31 },  { 2019, 2, 28 }, { 2020, 2, 29 }, { 1900, 2, 28 },
		{ 2000, 2, 29 },  { 2100, 2, 28 }, { 2019, 4, 30 }, { 2019, 9, 30 },
		{ 2019, 12, 31 }, { 2019, 0, 0 },  { 2019, 13, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(s40_days_in_month(rows[i].y, rows[i].m), rows[i].days);
	assert_true(s40_ymd_valid(2020, 2, 29));
	assert_false(s40_ymd_valid(2019, 2, 29));
	assert_false(s40_ymd_valid(2019, 4, 31));
	assert_false(s40_ymd_valid(2019, 1, 0));
	assert_false(s40_ymd_valid(2019, 13, 1));
}

static void test_months(void **state)
{
	(void)state;
	int y, m;
	assert_int_equal(s40_month_from_ym(1970, 1), 0);
	assert_int_equal(s40_month_from_ym(1969, 12), -1);
	assert_int_equal(s40_month_from_ym(2019, 10), 49 * 12 + 9);
	s40_month_to_ym(-1, &y, &m);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	s40_month_to_ym(-13, &y, &m);
	assert_int_equal(y, 1968);
	assert_int_equal(m, 12);
	for (int32_t mo = s40_month_from_ym(1800, 1); mo <= s40_month_from_ym(2200, 12); mo++) {
		s40_month_to_ym(mo, &y, &m);
		assert_int_equal(s40_month_from_ym(y, m), mo);
		assert_int_equal(s40_month_first_day(mo), D(y, m, 1));
		assert_int_equal(s40_month_last_day(mo), D(y, m, s40_days_in_month(y, m)));
		assert_int_equal(s40_day_month(s40_month_first_day(mo)), mo);
		assert_int_equal(s40_day_month(s40_month_last_day(mo)), mo);
	}
	assert_int_equal(s40_month_last_day(s40_month_from_ym(2020, 2)), D(2020, 2, 29));
	assert_int_equal(s40_month_last_day(s40_month_from_ym(2019, 2)), D(2019, 2, 28));
}

/* A date as typed and what it must read as: a day, or an error code. */
struct parse_row {
	const char *text;
	enum s40_err code;
	int y, m, d;
};

static const struct parse_row parse_rows[] = {
	{ "31/10/2562", S40_OK, 2019, 10, 31 },
	{ "31/10/62", S40_OK, 2019, 10, 31 },
	{ "2562-10-31", S40_OK, 2019, 10, 31 },
	{ "2019-10-31", S40_OK, 2019, 10, 31 },
	{ "31-10-2562", S40_OK, 2019, 10, 31 },
	{ "31-10-2019", S40_OK, 2019, 10, 31 },
	{ "31.10.2562", S40_OK, 2019, 10, 31 },
	{ "31 ต.ค. 2562", S40_OK, 2019, 10, 31 },
	{ "31 ต.ค. 62", S40_OK, 2019, 10, 31 },
	{ "31 ต.ค.2562", S40_OK, 2019, 10, 31 },
	{ "31ต.ค.2562", S40_OK, 2019, 10, 31 },
	{ "31 ต.ค 2562", S40_OK, 2019, 10, 31 },
	{ "31 ตค 2562", S40_OK, 2019, 10, 31 },
	{ "31 ตุลาคม 2562", S40_OK, 2019, 10, 31 },
	{ "31 ตุลาคม พ.ศ. 2562", S40_OK, 2019, 10, 31 },
	{ "31 October 2019", S40_OK, 2019, 10, 31 },
	{ "31 oct 2019", S40_OK, 2019, 10, 31 },
	{ "๓๑/๑๐/๒๕๖๒", S40_OK, 2019, 10, 31 },
	{ "๓๑ ต.ค. ๒๕๖๒", S40_OK, 2019, 10, 31 },
	{ "๒๕๖๒-๑๐-๓๑", S40_OK, 2019, 10, 31 },
	{ "  31/10/2562\t", S40_OK, 2019, 10, 31 },
	{ "\xC2\xA0"
	  "31/10/2562"
	  "\xC2\xA0",
	  S40_OK, 2019, 10, 31 },
	{ "8/11/2562", S40_OK, 2019, 11, 8 },
	{ "08/11/2562", S40_OK, 2019, 11, 8 },
	{ "8 พ.ย. 2562", S40_OK, 2019, 11, 8 },
	{ "8 พฤศจิกายน 2562", S40_OK, 2019, 11, 8 },
	{ "1 ม.ค. 2562", S40_OK, 2019, 1, 1 },
	{ "1 มี.ค. 2562", S40_OK, 2019, 3, 1 },
	{ "1 มิ.ย. 2562", S40_OK, 2019, 6, 1 },
	{ "1 มกราคม 2563", S40_OK, 2020, 1, 1 },
	{ "29/02/2563", S40_OK, 2020, 2, 29 },
	{ "29/02/2020", S40_OK, 2020, 2, 29 },
	{ "1/1/2400", S40_OK, 1857, 1, 1 }, /* 2400 is BE */
	{ "1/1/2200", S40_OK, 2200, 1, 1 }, /* 4 digits < 2400 are CE */
	{ "1/1/00", S40_OK, 2500 - 543, 1, 1 },
	{ "1/1/99", S40_OK, 2599 - 543, 1, 1 },
	{ "31/02/2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "29/02/2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "31/04/2019", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "0/10/2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "31/13/2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "31/00/2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "31 ก.พ. 2562", S40_E_IMPOSSIBLE_DATE, 0, 0, 0 },
	{ "31/10/562", S40_E_BAD_DATE, 0, 0, 0 },
	{ "562-10-31", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10/2", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10/25620", S40_E_BAD_DATE, 0, 0, 0 },
	{ "1/1/1799", S40_E_BAD_DATE, 0, 0, 0 },
	/* Before 2400 BE: the Thai form of 1837 would read back as CE 2380. */
	{ "5 ส.ค. 1837", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/12/1856", S40_E_BAD_DATE, 0, 0, 0 },
	{ "1/1/1857", S40_OK, 1857, 1, 1 },
	{ "1/1/2201", S40_E_BAD_DATE, 0, 0, 0 },
	{ "1/1/2399", S40_E_BAD_DATE, 0, 0, 0 }, /* CE 2399 */
	{ "1/1/2744", S40_E_BAD_DATE, 0, 0, 0 },
	{ "", S40_E_BAD_DATE, 0, 0, 0 },
	{ "   ", S40_E_BAD_DATE, 0, 0, 0 },
	{ "yesterday", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10-2562", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31//10/2562", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10/2562 x", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31/10/2562/1", S40_E_BAD_DATE, 0, 0, 0 },
	{ "131/10/2562", S40_E_BAD_DATE, 0, 0, 0 },
	{ "2562-10-31-", S40_E_BAD_DATE, 0, 0, 0 },
	{ "2562-100-31", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31 ตุลา 2562", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31 Octo 2019", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31 ต.ค.", S40_E_BAD_DATE, 0, 0, 0 },
	{ "31 ต.ค. ค.ศ. 62", S40_E_AMBIGUOUS_DATE, 0, 0, 0 },
};

static void test_date_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof parse_rows / sizeof parse_rows[0]; i++) {
		const struct parse_row *r = &parse_rows[i];
		struct s40_ctx ctx;
		int32_t day = 12345;
		s40_ctx_clear(&ctx);
		enum s40_err rc = s40_date_parse(r->text, "birth_date", &day, &ctx);
		if (rc != r->code)
			fail_msg("\"%s\": got %s, want %s (%s)", r->text, s40_errname(rc),
				 s40_errname(r->code), s40_errmsg(&ctx, S40_LANG_EN));
		if (r->code == S40_OK) {
			if (day != D(r->y, r->m, r->d))
				fail_msg("\"%s\": wrong day", r->text);
			assert_int_equal(ctx.code, S40_OK);
		} else {
			assert_int_equal(day, 12345); /* untouched on failure */
			assert_int_equal(ctx.code, r->code);
			assert_string_equal(ctx.field, "birth_date");
			assert_true(ctx.msg_th[0] != '\0');
			assert_true(ctx.msg_en[0] != '\0');
		}
	}
}

/* Every accepted day reads back from its own ISO and Thai forms (1857–2200,
 * every fifth day, and the ends of the range). */
static void test_date_forms_read_back(void **state)
{
	(void)state;
	int32_t first = D(1857, 1, 1), last = D(2200, 12, 31);
	for (int32_t day = first; day <= last; day = day + 5 > last && day != last ? last : day + 5) {
		char buf[64];
		int32_t back = 0;
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		if (s40_date_parse(s40_date_th_long(day, buf, sizeof buf), "d", &back, &ctx) !=
			    S40_OK ||
		    back != day)
			fail_msg("\"%s\" does not read back: %s", buf, s40_errmsg(&ctx, S40_LANG_EN));
		if (s40_date_parse(s40_date_iso(day, buf, sizeof buf), "d", &back, &ctx) != S40_OK ||
		    back != day)
			fail_msg("\"%s\" does not read back", buf);
	}
}

static void test_date_parse_messages(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	int32_t day;

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_date_parse("31/02/2562", "d", &day, &ctx), S40_E_IMPOSSIBLE_DATE);
	assert_string_equal(ctx.msg_th,
			    "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2562 (เดือนนี้มี 28 วัน): \"31/02/2562\"");
	assert_string_equal(ctx.msg_en,
			    "there is no day 31 in February 2019 (that month has 28 days): "
			    "\"31/02/2562\"");

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_date_parse("31/13/2562", "d", &day, &ctx), S40_E_IMPOSSIBLE_DATE);
	assert_non_null(strstr(ctx.msg_en, "no month 13"));
	assert_non_null(strstr(ctx.msg_th, "ไม่มีเดือนที่ 13"));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_date_parse("hello", "d", &day, &ctx), S40_E_BAD_DATE);
	assert_non_null(strstr(ctx.msg_th, "\"hello\""));
	assert_non_null(strstr(ctx.msg_th, "31/10/2562"));
	assert_non_null(strstr(ctx.msg_th, "31 ต.ค. 2562"));
	assert_non_null(strstr(ctx.msg_en, "2019-10-31"));
	/* the whole list of forms fits: the message ends with the last one */
	size_t len = strlen(ctx.msg_th);
	assert_string_equal(ctx.msg_th + len - strlen("31 ต.ค. 2562"), "31 ต.ค. 2562");

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_date_parse("31/10/562", "d", &day, &ctx), S40_E_BAD_DATE);
	assert_non_null(strstr(ctx.msg_en, "4 digits"));

	/* A long Thai input is quoted cut on a character boundary. */
	s40_ctx_clear(&ctx);
	const char *words = "วันที่สามสิบเอ็ดตุลาคมสองพันห้าร้อยหกสิบสอง";
	assert_int_equal(s40_date_parse(words, "d", &day, &ctx), S40_E_BAD_DATE);
	assert_non_null(strstr(ctx.msg_th, "…\""));

	/* NULL ctx: the code is still returned. */
	assert_int_equal(s40_date_parse("31/02/2562", "d", &day, NULL), S40_E_IMPOSSIBLE_DATE);
	assert_int_equal(s40_date_parse(NULL, "d", &day, NULL), S40_E_BAD_DATE);
}

static void test_month_parse_table(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum s40_err code;
		int y, m;
	} rows[] = {
		{ "2019-10", S40_OK, 2019, 10 },
		{ "2562-10", S40_OK, 2019, 10 },
		{ "10/2562", S40_OK, 2019, 10 },
		{ "10/2019", S40_OK, 2019, 10 },
		{ "10/62", S40_OK, 2019, 10 },
		{ "ต.ค. 2562", S40_OK, 2019, 10 },
		{ "ต.ค. 62", S40_OK, 2019, 10 },
		{ "ตุลาคม 2562", S40_OK, 2019, 10 },
		{ "ตุลาคม พ.ศ. 2562", S40_OK, 2019, 10 },
		{ "October 2019", S40_OK, 2019, 10 },
		{ " ๑๐/๒๕๖๒ ", S40_OK, 2019, 10 },
		{ "ม.ค. 2563", S40_OK, 2020, 1 },
		{ "13/2562", S40_E_IMPOSSIBLE_DATE, 0, 0 },
		{ "2562-00", S40_E_IMPOSSIBLE_DATE, 0, 0 },
		{ "10/562", S40_E_BAD_DATE, 0, 0 },
		{ "2562", S40_E_BAD_DATE, 0, 0 },
		{ "31/10/2562", S40_E_BAD_DATE, 0, 0 },
		{ "ตุลาคม", S40_E_BAD_DATE, 0, 0 },
		{ "", S40_E_BAD_DATE, 0, 0 },
		{ "x/2562", S40_E_BAD_DATE, 0, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct s40_ctx ctx;
		int32_t month = 777;
		s40_ctx_clear(&ctx);
		enum s40_err rc = s40_month_parse(rows[i].text, "month", &month, &ctx);
		if (rc != rows[i].code)
			fail_msg("\"%s\": got %s, want %s", rows[i].text, s40_errname(rc),
				 s40_errname(rows[i].code));
		if (rc == S40_OK) {
			assert_int_equal(month, s40_month_from_ym(rows[i].y, rows[i].m));
		} else {
			assert_int_equal(month, 777);
			assert_string_equal(ctx.field, "month");
			assert_true(ctx.msg_th[0] && ctx.msg_en[0]);
		}
	}
}

static void test_formats(void **state)
{
	(void)state;
	static const struct {
		int y, m, d;
		const char *iso, *th_long, *th_short, *en_long;
	} rows[] = {
		{ 2019, 11, 8, "2019-11-08", "8 พฤศจิกายน 2562", "8 พ.ย. 2562", "8 November 2019" },
		{ 2019, 10, 31, "2019-10-31", "31 ตุลาคม 2562", "31 ต.ค. 2562", "31 October 2019" },
		{ 2020, 2, 29, "2020-02-29", "29 กุมภาพันธ์ 2563", "29 ก.พ. 2563",
		  "29 February 2020" },
		{ 2019, 1, 1, "2019-01-01", "1 มกราคม 2562", "1 ม.ค. 2562", "1 January 2019" },
		{ 1969, 12, 31, "1969-12-31", "31 ธันวาคม 2512", "31 ธ.ค. 2512",
		  "31 December 1969" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int32_t day = D(rows[i].y, rows[i].m, rows[i].d);
		assert_string_equal(s40_date_iso(day, buf, sizeof buf), rows[i].iso);
		assert_string_equal(s40_date_th_long(day, buf, sizeof buf), rows[i].th_long);
		assert_string_equal(s40_date_th_short(day, buf, sizeof buf), rows[i].th_short);
		assert_string_equal(s40_date_en_long(day, buf, sizeof buf), rows[i].en_long);
		/* what is printed reads back as the same day */
		int32_t back = 0;
		assert_int_equal(s40_date_parse(rows[i].th_long, "d", &back, NULL), S40_OK);
		assert_int_equal(back, day);
		assert_int_equal(s40_date_parse(rows[i].th_short, "d", &back, NULL), S40_OK);
		assert_int_equal(back, day);
		assert_int_equal(s40_date_parse(rows[i].iso, "d", &back, NULL), S40_OK);
		assert_int_equal(back, day);
	}
	int32_t nov = s40_month_from_ym(2019, 11);
	assert_string_equal(s40_month_iso(nov, buf, sizeof buf), "2019-11");
	assert_string_equal(s40_month_th_long(nov, buf, sizeof buf), "พฤศจิกายน 2562");
	assert_string_equal(s40_month_th_short(nov, buf, sizeof buf), "พ.ย. 2562");
	assert_string_equal(s40_date_iso(S40_NO_DAY, buf, sizeof buf), "");
	assert_string_equal(s40_date_th_long(S40_NO_DAY, buf, sizeof buf), "");
	/* a short buffer is cut, still terminated */
	assert_string_equal(s40_date_iso(D(2019, 11, 8), buf, 5), "2019");
}

static void test_month_names(void **state)
{
	(void)state;
	/* clang-format off */
	static const char *const names[12] = {
		"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
		"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
	};
	static const char *const abbrs[12] = {
		"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
		"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
	};
	/* clang-format on */
	for (int m = 1; m <= 12; m++) {
		assert_string_equal(s40_month_name_th(m), names[m - 1]);
		assert_string_equal(s40_month_abbr_th(m), abbrs[m - 1]);
	}
	assert_string_equal(s40_month_name_th(0), "");
	assert_string_equal(s40_month_abbr_th(13), "");
}

/* ICU's Thai Buddhist long (UDAT_LONG) or medium (UDAT_MEDIUM) date of day. */
static void icu_format(UDateFormat *fmt, int32_t day, char *out, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar u[128];
	udat_format(fmt, (UDate)day * 86400000.0, u, 128, NULL, &st);
	assert_false(U_FAILURE(st));
	u_strToUTF8(out, (int32_t)n, NULL, u, -1, &st);
	assert_false(U_FAILURE(st));
}

static void test_formats_match_icu(void **state)
{
	(void)state;
	UErrorCode st = U_ZERO_ERROR;
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	UDateFormat *lf =
		udat_open(UDAT_NONE, UDAT_LONG, "th_TH@calendar=buddhist", utc, -1, NULL, 0, &st);
	UDateFormat *mf =
		udat_open(UDAT_NONE, UDAT_MEDIUM, "th_TH@calendar=buddhist", utc, -1, NULL, 0, &st);
	assert_false(U_FAILURE(st));

	static const struct {
		int y, m, d;
	} rows[] = {
		{ 2019, 11, 8 },  { 2019, 10, 31 }, { 2019, 1, 1 }, { 2019, 12, 31 },
		{ 2020, 2, 29 },  { 2000, 2, 29 },  { 1970, 1, 1 }, { 1900, 3, 1 },
		{ 2100, 12, 31 }, { 1957, 6, 15 },
	};
	char ours[128], icu[128];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int32_t day = D(rows[i].y, rows[i].m, rows[i].d);
		icu_format(lf, day, icu, sizeof icu);
		assert_string_equal(s40_date_th_long(day, ours, sizeof ours), icu);
		icu_format(mf, day, icu, sizeof icu);
		assert_string_equal(s40_date_th_short(day, ours, sizeof ours), icu);
	}
	/* and every day of a common and a leap year */
	for (int32_t day = D(2019, 1, 1); day <= D(2020, 12, 31); day++) {
		icu_format(lf, day, icu, sizeof icu);
		assert_string_equal(s40_date_th_long(day, ours, sizeof ours), icu);
		icu_format(mf, day, icu, sizeof icu);
		assert_string_equal(s40_date_th_short(day, ours, sizeof ours), icu);
	}
	udat_close(lf);
	udat_close(mf);
}

static void test_fiscal_year(void **state)
{
	(void)state;
	static const struct {
		int y, m, d, fy;
	} rows[] = {
		{ 2018, 9, 30, 2561 }, { 2018, 10, 1, 2562 }, { 2019, 1, 1, 2562 },
		{ 2019, 9, 30, 2562 }, { 2019, 10, 1, 2563 }, { 2019, 12, 31, 2563 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(s40_fiscal_year(D(rows[i].y, rows[i].m, rows[i].d)), rows[i].fy);
	assert_int_equal(s40_fiscal_year_first_day(2562), D(2018, 10, 1));
	assert_int_equal(s40_fiscal_year_last_day(2562), D(2019, 9, 30));
	assert_int_equal(s40_fiscal_year_first_day(2563), s40_fiscal_year_last_day(2562) + 1);
}

static void test_age_on(void **state)
{
	(void)state;
	static const struct {
		int by, bm, bd, y, m, d, age;
	} rows[] = {
		{ 2000, 2, 29, 2001, 2, 28, 0 },    { 2000, 2, 29, 2001, 3, 1, 1 },
		{ 2000, 2, 29, 2004, 2, 28, 3 },    { 2000, 2, 29, 2004, 2, 29, 4 },
		{ 2000, 2, 29, 2000, 2, 29, 0 },    { 1959, 11, 8, 2019, 11, 7, 59 },
		{ 1959, 11, 8, 2019, 11, 8, 60 },   { 2004, 10, 31, 2019, 10, 30, 14 },
		{ 2004, 10, 31, 2019, 10, 31, 15 }, { 1954, 6, 24, 2020, 6, 23, 65 },
		{ 1954, 6, 24, 2020, 6, 24, 66 },   { 2000, 12, 31, 2001, 1, 1, 0 },
		{ 2000, 1, 1, 2000, 12, 31, 0 },    { 2000, 5, 5, 2000, 1, 1, -1 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int32_t birth = D(rows[i].by, rows[i].bm, rows[i].bd);
		int32_t day = D(rows[i].y, rows[i].m, rows[i].d);
		assert_int_equal(s40_age_on(birth, day), rows[i].age);
	}
	assert_int_equal(s40_age_on(S40_NO_DAY, D(2019, 1, 1)), -1);
}

static void test_today(void **state)
{
	(void)state;
	int32_t today = s40_day_today();
	assert_true(today > D(2024, 1, 1));
	assert_true(today < D(2200, 1, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_anchors),
		cmocka_unit_test(test_day_round_trip),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_date_parse_table),
		cmocka_unit_test(test_date_forms_read_back),
		cmocka_unit_test(test_date_parse_messages),
		cmocka_unit_test(test_month_parse_table),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_formats_match_icu),
		cmocka_unit_test(test_fiscal_year),
		cmocka_unit_test(test_age_on),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
