/*
 * Unit tests of lib/core/thai.c: Thai dictionary order as ICU's Thai collator
 * gives it (by comparison and by sort key), name normalisation, UTF-8 checks,
 * display width, Thai digits, and number grouping checked against ICU th_TH.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "core/thai.h"

/*
 * Names in the order ICU 72's "th" collator puts them. The leading vowels
 * เ แ โ ใ ไ are passed over for the first comparison, so เกษม sorts among
 * the ก names (after กมล, before ขวัญ), and ใจดี among the จ names. Digits
 * come first, Latin after Thai, lower case before upper.
 */
/* clang-format off */
static const char *const thai_order[] = {
	"123",    "กมล",    "กรุงเทพ", "กา",    "ก่า",    "ก้า",
	"ก๊า",     "เก",     "เกษม",   "แก",      "แก้ว",   "โกวิท",  "ไก่",
	"ข",      "ขวัญ",    "ใจดี",    "รัก",      "ฤดี",    "ฤๅษี",    "ลือ",
	"ฦๅ",      "ศรี",     "สมชาย",  "สมศรี",    "somchai", "Somchai",
};
/* clang-format on */

static void test_collate_order(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_collator *c = s40_collator_open(&ctx);
	assert_non_null(c);
	size_t n = sizeof thai_order / sizeof thai_order[0];
	for (size_t i = 0; i + 1 < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			if (s40_collate(c, thai_order[i], thai_order[j]) >= 0)
				fail_msg("\"%s\" should sort before \"%s\"", thai_order[i],
					 thai_order[j]);
			assert_true(s40_collate(c, thai_order[j], thai_order[i]) > 0);
		}
		assert_int_equal(s40_collate(c, thai_order[i], thai_order[i]), 0);
	}
	assert_true(s40_collate(c, "กมล", "เกษม") < 0);
	assert_true(s40_collate(c, "เกษม", "ขวัญ") < 0);
	/* plain byte order would put เกษม (U+0E40) after ขวัญ (U+0E02) */
	assert_true(strcmp("เกษม", "ขวัญ") > 0);
	/* ICU's default (tertiary) strength holds Thai and ASCII digits equal:
	 * callers that need a total order break the tie themselves. */
	assert_int_equal(s40_collate(c, "123", "๑๒๓"), 0);
	assert_int_equal(s40_collate(c, "บ้าน 5", "บ้าน ๕"), 0);
	s40_collator_close(c);
	s40_collator_close(NULL);
}

static void test_collate_keys(void **state)
{
	(void)state;
	struct s40_collator *c = s40_collator_open(NULL);
	assert_non_null(c);
	size_t n = sizeof thai_order / sizeof thai_order[0];
	uint8_t a[128], b[128];
	for (size_t i = 0; i + 1 < n; i++) {
		size_t la = s40_collate_key(c, thai_order[i], a, sizeof a);
		size_t lb = s40_collate_key(c, thai_order[i + 1], b, sizeof b);
		assert_true(la <= sizeof a && lb <= sizeof b);
		assert_int_equal(a[la - 1], 0);
		assert_int_equal(strlen((char *)a) + 1, la);
		if (strcmp((char *)a, (char *)b) >= 0)
			fail_msg("key of \"%s\" should sort before \"%s\"", thai_order[i],
				 thai_order[i + 1]);
	}
	/* keys agree with s40_collate on a tie too */
	s40_collate_key(c, "123", a, sizeof a);
	s40_collate_key(c, "๑๒๓", b, sizeof b);
	assert_string_equal((char *)a, (char *)b);

	/* A short buffer: the full length is returned and the prefix is ended. */
	size_t full = s40_collate_key(c, "สมชาย ใจดี", a, sizeof a);
	assert_true(full > 8);
	memset(b, 0xAA, sizeof b);
	assert_int_equal(s40_collate_key(c, "สมชาย ใจดี", b, 8), full);
	assert_int_equal(b[7], 0);
	assert_memory_equal(a, b, 7);
	assert_int_equal(b[8], 0xAA); /* nothing written past n */
	s40_collator_close(c);
}

static void test_normalize(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		enum s40_err code;
		const char *out;
	} rows[] = {
		{ "สมชาย ใจดี", S40_OK, "สมชาย ใจดี" },
		{ "  สมชาย   ใจดี  ", S40_OK, "สมชาย ใจดี" },
		{ "\xC2\xA0สมชาย\tใจดี\r\n", S40_OK, "สมชาย ใจดี" },
		{ "สมชาย\xE3\x80\x80ใจดี", S40_OK, "สมชาย ใจดี" }, /* ideographic space */
		{ "เเก้ว", S40_OK, "แก้ว" },
		{ "นางสาวเเสงเดือน", S40_OK, "นางสาวแสงเดือน" },
		{ "ก\xE0\xB9\x88\xE0\xB8\xB8", S40_OK, "ก\xE0\xB8\xB8\xE0\xB9\x88" }, /* กุ่ -> กุ่ */
		{ "e\xCC\x81", S40_OK, "\xC3\xA9" }, /* e + acute -> é */
		{ "บ้านเลขที่ ๑๒", S40_OK, "บ้านเลขที่ ๑๒" },
		{ "", S40_OK, "" },
		{ "   ", S40_OK, "" },
		{ "\xFF", S40_E_CSV_UTF8, "" },
		{ "ab\xC0\xAF", S40_E_CSV_UTF8, "" },
		{ "\xE0\xB8", S40_E_CSV_UTF8, "" },
	};
	char out[128];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		memset(out, 'z', sizeof out);
		enum s40_err rc = s40_thai_normalize(rows[i].in, out, sizeof out);
		if (rc != rows[i].code)
			fail_msg("row %zu: got %s", i, s40_errname(rc));
		assert_string_equal(out, rows[i].out);
	}
	/* exactly fits, and one byte short */
	assert_int_equal(s40_thai_normalize(" แก้ว ", out, strlen("แก้ว") + 1), S40_OK);
	assert_string_equal(out, "แก้ว");
	assert_int_equal(s40_thai_normalize(" แก้ว ", out, strlen("แก้ว")), S40_E_LIMIT);
	assert_string_equal(out, "");

	/* a long name goes past the stack buffers */
	char big[4000], big_out[4000];
	size_t o = 0;
	while (o + 20 < sizeof big) {
		memcpy(big + o, "เเก้ว  ", strlen("เเก้ว  "));
		o += strlen("เเก้ว  ");
	}
	big[o] = '\0';
	assert_int_equal(s40_thai_normalize(big, big_out, sizeof big_out), S40_OK);
	assert_null(strstr(big_out, "เเ"));
	assert_null(strstr(big_out, "  "));
	assert_true(strncmp(big_out, "แก้ว แก้ว ", strlen("แก้ว แก้ว ")) == 0);
}

/* Thai code points as UTF-8 escapes, so that the rows show what is typed. */
#define NIKHAHIT "\xE0\xB9\x8D"  /* U+0E4D */
#define SARA_AA "\xE0\xB8\xB2"   /* U+0E32 */
#define SARA_AM "\xE0\xB8\xB3"   /* U+0E33 */
#define SARA_I "\xE0\xB8\xB4"    /* U+0E34 */
#define SARA_U "\xE0\xB8\xB8"    /* U+0E38 */
#define MAI_EK "\xE0\xB9\x88"    /* U+0E48 */
#define MAI_THO "\xE0\xB9\x89"   /* U+0E49 */
#define THANTHAKHAT "\xE0\xB9\x8C" /* U+0E4C */
#define ZWSP "\xE2\x80\x8B"      /* U+200B */
#define ZWNJ "\xE2\x80\x8C"      /* U+200C */
#define ZWJ "\xE2\x80\x8D"       /* U+200D */
#define BOM "\xEF\xBB\xBF"       /* U+FEFF */

/* Spellings that look the same come out as one (issue 13), and a second pass
 * changes nothing. */
static void test_normalize_lookalikes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} rows[] = {
		/* SARA AM typed as NIKHAHIT + SARA AA */
		{ "จ" NIKHAHIT SARA_AA "เนียร", "จ" SARA_AM "เนียร" },
		{ "จำเนียร", "จำเนียร" },
		/* the NIKHAHIT typed before the tone: น ํ ้ า is น้ำ */
		{ "น" NIKHAHIT MAI_THO SARA_AA, "น" MAI_THO SARA_AM },
		{ "น" MAI_THO NIKHAHIT SARA_AA, "น" MAI_THO SARA_AM },
		/* the tone typed after SARA AM (นำ้), composed or not */
		{ "น" SARA_AM MAI_THO, "น" MAI_THO SARA_AM },
		{ "น" NIKHAHIT SARA_AA MAI_THO, "น" MAI_THO SARA_AM },
		/* invisible characters */
		{ "สม" ZWSP "ชาย", "สมชาย" },
		{ ZWNJ "สม" ZWJ "ชาย" BOM, "สมชาย" },
		{ "สมชาย " ZWSP " ใจดี", "สมชาย ใจดี" },
		{ "เ" ZWSP "เก้ว", "แก้ว" },
		{ ZWSP ZWNJ, "" },
		/* vowel and tone in either order: the vowel first */
		{ "ก" MAI_EK SARA_I "ง", "ก" SARA_I MAI_EK "ง" },
		{ "ก" SARA_I MAI_EK "ง", "ก" SARA_I MAI_EK "ง" },
		{ "ก" MAI_THO SARA_U "ง", "ก" SARA_U MAI_THO "ง" },
		/* THANTHAKHAT after the vowel: สิทธิ์ */
		{ "สิทธ" THANTHAKHAT SARA_I, "สิทธ" SARA_I THANTHAKHAT },
		/* a doubled mark is kept (s40_thai_name_flaw refuses it), next to its twin */
		{ "ก" MAI_THO SARA_I MAI_THO, "ก" SARA_I MAI_THO MAI_THO },
	};
	char out[128], again[128];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (s40_thai_normalize(rows[i].in, out, sizeof out) != S40_OK)
			fail_msg("row %zu: refused", i);
		if (strcmp(out, rows[i].out) != 0)
			fail_msg("row %zu: got \"%s\", want \"%s\"", i, out, rows[i].out);
		assert_int_equal(s40_thai_normalize(out, again, sizeof again), S40_OK);
		assert_string_equal(again, out);
	}
}

/* What is not a name: no letter, a mark typed twice, two tone marks. */
static void test_name_flaw(void **state)
{
	(void)state;
	static const struct {
		const char *in; /* as typed: normalised first */
		bool digits_count;
		enum s40_name_flaw_kind kind;
		uint32_t mark, mark2;
	} rows[] = {
		{ "สมชาย", false, S40_NAME_OK, 0, 0 },
		{ "น้ำ", false, S40_NAME_OK, 0, 0 },
		{ "กิ่ง", false, S40_NAME_OK, 0, 0 },
		{ "Somchai", false, S40_NAME_OK, 0, 0 },
		{ "", false, S40_NAME_NO_LETTER, 0, 0 },
		{ ZWSP ZWNJ ZWJ BOM, false, S40_NAME_NO_LETTER, 0, 0 },
		{ MAI_EK, false, S40_NAME_NO_LETTER, 0, 0 },
		{ SARA_I, false, S40_NAME_NO_LETTER, 0, 0 },
		{ "\xCC\x81", false, S40_NAME_NO_LETTER, 0, 0 }, /* U+0301 alone */
		{ "12/3", false, S40_NAME_NO_LETTER, 0, 0 },
		{ "12/3", true, S40_NAME_OK, 0, 0 },
		{ "๑๒", true, S40_NAME_OK, 0, 0 },
		{ "ก" MAI_THO MAI_THO "องภพ", false, S40_NAME_DOUBLED_MARK, 0x0E49, 0 },
		{ "ก" MAI_THO SARA_I MAI_THO, false, S40_NAME_DOUBLED_MARK, 0x0E49, 0 },
		{ "ก" SARA_I SARA_I, false, S40_NAME_DOUBLED_MARK, 0x0E34, 0 },
		{ "น" NIKHAHIT SARA_AM, false, S40_NAME_DOUBLED_MARK, 0x0E4D, 0 },
		{ "ก" MAI_EK MAI_THO, false, S40_NAME_TWO_TONES, 0x0E48, 0x0E49 },
		/* two letters with the same tone each are fine */
		{ "ก" MAI_EK "ก" MAI_EK, false, S40_NAME_OK, 0, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char norm[128];
		assert_int_equal(s40_thai_normalize(rows[i].in, norm, sizeof norm), S40_OK);
		struct s40_name_flaw f;
		enum s40_name_flaw_kind k = s40_thai_name_flaw(norm, rows[i].digits_count, &f);
		if (k != rows[i].kind || f.kind != k)
			fail_msg("row %zu: got flaw %d, want %d", i, (int)k, (int)rows[i].kind);
		assert_int_equal(f.mark, rows[i].mark);
		assert_int_equal(f.mark2, rows[i].mark2);
	}
	assert_true(s40_thai_blank(""));
	assert_true(s40_thai_blank(" \t\xC2\xA0\xE3\x80\x80"));
	assert_false(s40_thai_blank(ZWSP));
	assert_false(s40_thai_blank(MAI_EK));
}

static void test_utf8_valid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool ok;
	} rows[] = {
		{ "", true },
		{ "abc", true },
		{ "สมชาย", true },
		{ "\xC3\xA9", true },
		{ "\xF0\x9F\x98\x80", true }, /* U+1F600 */
		{ "\xF4\x8F\xBF\xBF", true }, /* U+10FFFF */
		{ "\xEF\xBB\xBF", true }, /* BOM is a character */
		{ "\x80", false }, /* lone continuation */
		{ "\xC2", false }, /* truncated */
		{ "\xE0\xB8", false }, /* truncated Thai */
		{ "\xC0\xAF", false }, /* overlong '/' */
		{ "\xE0\x80\xAF", false }, /* overlong */
		{ "\xF0\x80\x80\xAF", false }, /* overlong */
		{ "\xED\xA0\x80", false }, /* surrogate D800 */
		{ "\xF4\x90\x80\x80", false }, /* past U+10FFFF */
		{ "\xF8\x88\x80\x80\x80", false }, /* five bytes */
		{ "\xFF", false },
		{ "ok\xE0\xB8x", false }, /* bad continuation */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (s40_utf8_valid(rows[i].s, strlen(rows[i].s)) != rows[i].ok)
			fail_msg("row %zu", i);
	/* len is honoured: a cut in the middle of a character is invalid */
	assert_true(s40_utf8_valid("ก", 3));
	assert_false(s40_utf8_valid("ก", 2));
	assert_true(s40_utf8_valid("ก\xFF", 3));
}

static void test_display_width(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int width;
	} rows[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "17,093", 6 },
		{ "สมชาย", 5 },
		{ "ใจดี", 3 },
		{ "น้ำ", 2 },
		{ "ที่", 1 },
		{ "กุ่", 1 },
		{ "ผู้ประกันตน", 8 },
		{ "สมุทรสงคราม", 10 },
		{ "ตำบลแควอ้อม", 10 },
		{ "๑๒๓", 3 },
		{ "ก็", 1 },
		{ "\xC3\xA9", 1 },
		{ "e\xCC\x81", 1 },
		{ "\xFF\x61", 2 }, /* a stray byte, then 'a' */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (s40_display_width(rows[i].s) != rows[i].width)
			fail_msg("\"%s\": %d, want %d", rows[i].s, s40_display_width(rows[i].s),
				 rows[i].width);
}

/* A cut at most N UTF-16 units long never splits a character from its marks. */
static void test_cut_clusters(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t units;
		const char *want;
	} rows[] = {
		{ "ค้างชำระเงิน", 10, "ค้างชำระเ" }, /* not ค้างชำระเง without its sara i */
		{ "ค้างชำระเงิน", 11, "ค้างชำระเงิ" }, /* ง and its sara i together */
		{ "ค้างชำระเงิน", 12, "ค้างชำระเงิน" },
		{ "ค้างชำระเงิน", 99, "ค้างชำระเงิน" },
		{ "ค้าง", 1, "" }, /* ค้ is two units: nothing fits */
		{ "ค้าง", 2, "ค้" },
		{ "ผู้ประกันตน", 3, "ผู้" }, /* two marks on one consonant */
		{ "ผู้ประกันตน", 2, "" },
		{ "ที่ทำการ", 4, "ที่" },
		{ "abcdef", 4, "abcd" },
		{ "e\xCC\x81"
		  "e",
		  1, "" }, /* e and a combining acute */
		{ "a\xF0\x9F\x98\x80"
		  "b",
		  2, "a" }, /* an emoji is two UTF-16 units */
		{ "a\xF0\x9F\x98\x80"
		  "b",
		  3, "a\xF0\x9F\x98\x80" },
		{ "ab\xFF"
		  "cd",
		  9, "ab" }, /* not UTF-8: cut before the bad byte */
		{ "", 31, "" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t n = s40_utf8_cut_clusters(rows[i].s, rows[i].units);
		if (n != strlen(rows[i].want) || memcmp(rows[i].s, rows[i].want, n) != 0)
			fail_msg("\"%s\" cut at %zu: \"%.*s\", want \"%s\"", rows[i].s,
				 rows[i].units, (int)n, rows[i].s, rows[i].want);
	}
}

static void test_digits_to_ascii(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(s40_thai_digits_to_ascii("๓๑/๑๐/๒๕๖๒", out, sizeof out), S40_OK);
	assert_string_equal(out, "31/10/2562");
	assert_int_equal(s40_thai_digits_to_ascii("หมู่ ๕ ตำบล", out, sizeof out), S40_OK);
	assert_string_equal(out, "หมู่ 5 ตำบล");
	assert_int_equal(s40_thai_digits_to_ascii("๐๙", out, 3), S40_OK);
	assert_string_equal(out, "09");
	assert_int_equal(s40_thai_digits_to_ascii("๐๙", out, 2), S40_E_LIMIT);
	assert_int_equal(s40_thai_digits_to_ascii("abc", out, 3), S40_E_LIMIT);
	assert_int_equal(s40_thai_digits_to_ascii("", out, 1), S40_OK);
	assert_string_equal(out, "");
}

/* clang-format off */
static const int64_t int_values[] = {
	0, 7, -7, 999, 1000, -1000, 17093, -1234, 1234567, 1000000, -999, 100000,
	INT64_MAX, INT64_MIN,
};
/* clang-format on */

static void test_format_int(void **state)
{
	(void)state;
	static const struct {
		int64_t v;
		const char *s;
	} rows[] = {
		{ 0, "0" },
		{ 17093, "17,093" },
		{ -1234, "-1,234" },
		{ 2878, "2,878" },
		{ 1000000, "1,000,000" },
		{ 999, "999" },
		{ INT64_MIN, "-9,223,372,036,854,775,808" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_string_equal(s40_format_int(rows[i].v, buf, sizeof buf), rows[i].s);
	assert_string_equal(s40_format_int(17093, buf, 4), "17,");

	/* the same as ICU th_TH prints */
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, "th_TH", NULL, &st);
	assert_false(U_FAILURE(st));
	for (size_t i = 0; i < sizeof int_values / sizeof int_values[0]; i++) {
		UChar u[64];
		char icu[64];
		unum_formatInt64(nf, int_values[i], u, 64, NULL, &st);
		u_strToUTF8(icu, sizeof icu, NULL, u, -1, &st);
		assert_false(U_FAILURE(st));
		assert_string_equal(s40_format_int(int_values[i], buf, sizeof buf), icu);
	}
	unum_close(nf);
}

static void test_format_baht(void **state)
{
	(void)state;
	static const struct {
		int64_t satang;
		const char *s;
	} rows[] = {
		{ 123450, "1,234.50" },
		{ 0, "0.00" },
		{ 5, "0.05" },
		{ -50, "-0.50" },
		{ 100, "1.00" },
		{ 1709300, "17,093.00" },
		{ -123456, "-1,234.56" },
		{ 7000, "70.00" },
		{ 2000000, "20,000.00" },
		{ INT64_MIN, "-92,233,720,368,547,758.08" },
	};
	char buf[64];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_string_equal(s40_format_baht(rows[i].satang, buf, sizeof buf), rows[i].s);
}

static void test_baht_words(void **state)
{
	(void)state;
	static const struct {
		int64_t satang;
		const char *s;
	} rows[] = {
		{ 14000, "หนึ่งร้อยสี่สิบบาทถ้วน" },
		{ 7000, "เจ็ดสิบบาทถ้วน" },
		{ 123450, "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์" },
		{ 2100, "ยี่สิบเอ็ดบาทถ้วน" },
		{ 1100, "สิบเอ็ดบาทถ้วน" },
		{ 1000, "สิบบาทถ้วน" },
		{ 10100, "หนึ่งร้อยเอ็ดบาทถ้วน" },
		{ 100, "หนึ่งบาทถ้วน" },
		{ 0, "ศูนย์บาทถ้วน" },
		{ 25, "ยี่สิบห้าสตางค์" },
		{ 1, "หนึ่งสตางค์" },
		{ 2500000000, "ยี่สิบห้าล้านบาทถ้วน" },
		{ 210000000000, "สองพันหนึ่งร้อยล้านบาทถ้วน" },
		{ 120345600, "หนึ่งล้านสองแสนสามพันสี่ร้อยห้าสิบหกบาทถ้วน" },
		{ -5050, "ลบห้าสิบบาทห้าสิบสตางค์" },
	};
	char buf[512];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_string_equal(s40_baht_words_th(rows[i].satang, buf, sizeof buf), rows[i].s);
	/* The most negative amount fits in 512 bytes. */
	assert_true(strlen(s40_baht_words_th(INT64_MIN, buf, sizeof buf)) < sizeof buf - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collate_order),	cmocka_unit_test(test_collate_keys),
		cmocka_unit_test(test_normalize),	cmocka_unit_test(test_normalize_lookalikes),
		cmocka_unit_test(test_name_flaw),	cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_display_width),	cmocka_unit_test(test_cut_clusters),
		cmocka_unit_test(test_digits_to_ascii), cmocka_unit_test(test_format_int),
		cmocka_unit_test(test_format_baht),	cmocka_unit_test(test_baht_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
