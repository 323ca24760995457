/*
 * Unit tests of lib/core/error.c: every code in use has a name, a Thai and an
 * English message and an HTTP status; numbers not in use are "unknown"; the
 * context takes both formats with the same arguments and falls back to the
 * code's message when a format is NULL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/thai.h"

/* Whether s holds at least one character of the Thai block (U+0E00–U+0E7F). */
static bool has_thai(const char *s)
{
	for (; s[0] && s[1]; s++)
		if ((unsigned char)s[0] == 0xE0 &&
		    ((unsigned char)s[1] == 0xB8 || (unsigned char)s[1] == 0xB9))
			return true;
	return false;
}

/* The codes error.h declares, each with the status it should answer. */
static const struct {
	enum s40_err code;
	const char *name;
	int http;
} declared[] = {
	{ S40_OK, "ok", 200 },
	{ S40_E_NOMEM, "nomem", 503 },
	{ S40_E_IO, "io", 500 },
	{ S40_E_INTERNAL, "internal", 500 },
	{ S40_E_USAGE, "usage", 400 },
	{ S40_E_LIMIT, "limit", 413 },
	{ S40_E_BAD_ID, "bad_id", 400 },
	{ S40_E_ID_CHECK, "id_check", 400 },
	{ S40_E_ID_TYPE, "id_type", 400 },
	{ S40_E_BAD_DATE, "bad_date", 400 },
	{ S40_E_IMPOSSIBLE_DATE, "impossible_date", 400 },
	{ S40_E_AMBIGUOUS_DATE, "ambiguous_date", 400 },
	{ S40_E_BAD_AREA, "bad_area", 400 },
	{ S40_E_UNKNOWN_AREA, "unknown_area", 404 },
	{ S40_E_BAD_VALUE, "bad_value", 400 },
	{ S40_E_MISSING, "missing", 400 },
	{ S40_E_NOT_FOUND, "not_found", 404 },
	{ S40_E_EXISTS, "exists", 409 },
	{ S40_E_BAD_OPTION, "bad_option", 400 },
	{ S40_E_BAD_REASON, "bad_reason", 400 },
	{ S40_E_INELIGIBLE, "ineligible", 422 },
	{ S40_E_ALREADY_MEMBER, "already_member", 409 },
	{ S40_E_OVERLAP, "overlap", 409 },
	{ S40_E_OPTION_YEARLY, "option_yearly", 422 },
	{ S40_E_NOT_MEMBER, "not_member", 422 },
	{ S40_E_BEFORE_START, "before_start", 422 },
	{ S40_E_SAME_OPTION, "same_option", 422 },
	{ S40_E_CSV_QUOTE, "csv_quote", 400 },
	{ S40_E_CSV_COLUMNS, "csv_columns", 400 },
	{ S40_E_CSV_UTF8, "csv_utf8", 400 },
	{ S40_E_CSV_HEADER, "csv_header", 400 },
	{ S40_E_CSV_FIELD_LONG, "csv_too_long", 400 },
	{ S40_E_REJECTED, "rejected", 422 },
	{ S40_E_CSV_ENCODING, "csv_encoding", 400 },
	{ S40_E_DB, "db", 500 },
	{ S40_E_DB_BUSY, "db_busy", 503 },
	{ S40_E_SCHEMA, "schema", 500 },
	{ S40_E_JOURNAL, "journal", 500 },
	{ S40_E_CONSTRAINT, "constraint", 409 },
	{ S40_E_DB_UNAVAILABLE, "db_unavailable", 503 },
	{ S40_E_READ_ONLY, "read_only", 503 },
	{ S40_E_PAY_PAST, "pay_past", 422 },
	{ S40_E_PAY_AHEAD, "pay_ahead", 422 },
	{ S40_E_PAY_AMOUNT, "pay_amount", 422 },
	{ S40_E_PAY_PAID, "pay_paid", 409 },
	{ S40_E_PAY_NOT_MEMBER, "pay_not_member", 422 },
	{ S40_E_PAY_EXTRA, "pay_extra", 422 },
	{ S40_E_PAY_RECEIPT, "pay_receipt", 409 },
	{ S40_E_BENEFIT_INELIGIBLE, "benefit_ineligible", 422 },
	{ S40_E_BENEFIT_CAP, "benefit_cap", 422 },
	{ S40_E_BENEFIT_NOT_COVERED, "benefit_not_covered", 422 },
	{ S40_E_ALLOC_SUM, "alloc_sum", 422 },
	{ S40_E_NO_TARGET, "no_target", 404 },
	{ S40_E_NO_SHARE, "no_share", 422 },
	{ S40_E_TARGET_ALLOCATED, "target_allocated", 409 },
	{ S40_E_NO_SURVEY, "no_survey", 404 },
	/* network and events */
	{ S40_E_NOT_NETWORK, "not_network", 422 },
	{ S40_E_NETWORK_OPEN, "network_open", 409 },
	{ S40_E_SUPERVISOR, "supervisor", 422 },
	{ S40_E_EVENT_DAY, "event_day", 422 },
	/* server and users */
	{ S40_E_UNAUTHENTICATED, "unauthenticated", 401 },
	{ S40_E_BAD_LOGIN, "bad_login", 401 },
	{ S40_E_FORBIDDEN, "forbidden", 403 },
	{ S40_E_THROTTLED, "throttled", 429 },
	{ S40_E_NO_ROUTE, "no_route", 404 },
	{ S40_E_METHOD, "method", 405 },
	{ S40_E_BAD_JSON, "bad_json", 400 },
	{ S40_E_TOO_LARGE, "too_large", 413 },
	{ S40_E_HEADERS, "headers", 431 },
	{ S40_E_BAD_PATH, "bad_path", 400 },
	{ S40_E_MEDIA_TYPE, "media_type", 415 },
	{ S40_E_BAD_ROLE, "bad_role", 400 },
	{ S40_E_WEAK_PASSWORD, "weak_password", 400 },
	{ S40_E_STOPPING, "stopping", 503 },
	{ S40_E_BUSY, "busy", 503 },
	{ S40_E_IDEM_IN_PROGRESS, "idempotency_in_progress", 409 },
	{ S40_E_IDEM_REUSED, "idempotency_key_reused", 422 },
};

static void test_declared_codes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof declared / sizeof declared[0]; i++) {
		assert_string_equal(s40_errname(declared[i].code), declared[i].name);
		assert_int_equal(s40_err_http_status(declared[i].code), declared[i].http);
	}
}

/* Every number from 1 to S40_E__END - 1 that has a name is complete. */
static void test_every_code(void **state)
{
	(void)state;
	const char *unknown_th = s40_strerror(S40_E__END, S40_LANG_TH);
	const char *unknown_en = s40_strerror(S40_E__END, S40_LANG_EN);
	int n_named = 0;
	for (int code = 1; code < S40_E__END; code++) {
		const char *name = s40_errname((enum s40_err)code);
		const char *th = s40_strerror((enum s40_err)code, S40_LANG_TH);
		const char *en = s40_strerror((enum s40_err)code, S40_LANG_EN);
		int http = s40_err_http_status((enum s40_err)code);
		assert_non_null(th);
		assert_non_null(en);
		if (strcmp(name, "unknown") == 0) {
			assert_string_equal(th, unknown_th);
			assert_string_equal(en, unknown_en);
			assert_int_equal(http, 500);
			continue;
		}
		n_named++;
		if (!has_thai(th) || strcmp(th, unknown_th) == 0)
			fail_msg("code %d (%s): no Thai message", code, name);
		if (en[0] == '\0' || has_thai(en) || strcmp(en, unknown_en) == 0)
			fail_msg("code %d (%s): no English message", code, name);
		if (http < 400 || http > 599)
			fail_msg("code %d (%s): status %d", code, name, http);
		/* names are unique */
		for (int other = 0; other < code; other++)
			if (strcmp(s40_errname((enum s40_err)other), name) == 0)
				fail_msg("codes %d and %d share the name %s", other, code, name);
	}
	/* every code error.h declares is in the table */
	assert_int_equal(n_named, (int)(sizeof declared / sizeof declared[0]) - 1);
}

static void test_unknown_codes(void **state)
{
	(void)state;
	static const int unused[] = { 6, 9, 24, 29, 37, 49, 57, 69, 77, 89 };
	for (size_t i = 0; i < sizeof unused / sizeof unused[0]; i++) {
		enum s40_err code = (enum s40_err)unused[i];
		assert_string_equal(s40_errname(code), "unknown");
		assert_int_equal(s40_err_http_status(code), 500);
		assert_string_equal(s40_strerror(code, S40_LANG_EN), "unknown error");
		assert_true(has_thai(s40_strerror(code, S40_LANG_TH)));
	}
	assert_string_equal(s40_errname(S40_E__END), "unknown");
	assert_string_equal(s40_errname((enum s40_err) - 1), "unknown");
	assert_string_equal(s40_errname((enum s40_err)100000), "unknown");
	assert_int_equal(s40_err_http_status((enum s40_err) - 1), 500);
}

static void test_errorf_both_formats(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = s40_errorf(&ctx, S40_E_BAD_ID, "id", "ต้องมี 13 หลัก แต่พบ %d หลัก (%s)",
				     "13 digits needed, %d found (%s)", 9, "1-1120");
	assert_int_equal(rc, S40_E_BAD_ID);
	assert_int_equal(ctx.code, S40_E_BAD_ID);
	assert_string_equal(ctx.field, "id");
	assert_int_equal(ctx.line, 0);
	assert_string_equal(ctx.msg_th, "ต้องมี 13 หลัก แต่พบ 9 หลัก (1-1120)");
	assert_string_equal(ctx.msg_en, "13 digits needed, 9 found (1-1120)");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH), ctx.msg_th);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN), ctx.msg_en);

	/* a second failure replaces the first entirely */
	rc = s40_errorf(&ctx, S40_E_BAD_DATE, NULL, "ก", "a");
	assert_int_equal(rc, S40_E_BAD_DATE);
	assert_string_equal(ctx.field, "");
	assert_string_equal(ctx.msg_th, "ก");
	assert_string_equal(ctx.msg_en, "a");
}

/* s40_errorf for S40_E_BAD_AREA without the printf attribute. */
static enum s40_err area_fail(struct s40_ctx *ctx, const char *fmt_th, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	enum s40_err rc = s40_verrorf(ctx, S40_E_BAD_AREA, "area", fmt_th, fmt_en, ap);
	va_end(ap);
	return rc;
}

static void test_errorf_null_formats(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	s40_errorf(&ctx, S40_E_ID_CHECK, "id", NULL, NULL);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH),
			    s40_strerror(S40_E_ID_CHECK, S40_LANG_TH));
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    s40_strerror(S40_E_ID_CHECK, S40_LANG_EN));

	/* Through s40_verrorf: gcc's format check of s40_errorf reads fmt_en, so
	 * a NULL fmt_en with arguments does not compile with -Werror. */
	area_fail(&ctx, "พบ %d หลัก", NULL, 5);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH), "พบ 5 หลัก");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    s40_strerror(S40_E_BAD_AREA, S40_LANG_EN));

	s40_errorf(&ctx, S40_E_BAD_AREA, "area", NULL, "%d found", 5);
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH),
			    s40_strerror(S40_E_BAD_AREA, S40_LANG_TH));
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN), "5 found");

	/* no ctx: the code comes back all the same */
	assert_int_equal(s40_errorf(NULL, S40_E_IO, "x", "%s", "%s", "y"), S40_E_IO);
	assert_string_equal(s40_errmsg(NULL, S40_LANG_EN), "");
}

static void test_errorf_one_line_and_caps(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	s40_errorf(&ctx, S40_E_CSV_QUOTE, "name", "บรรทัด\nที่ %d\r", "line\n%d\r", 4);
	assert_string_equal(ctx.msg_th, "บรรทัด ที่ 4 ");
	assert_string_equal(ctx.msg_en, "line 4 ");

	/* longer than every array of the context */
	char long_en[2 * sizeof ctx.msg_th];
	memset(long_en, 'e', sizeof long_en - 1);
	long_en[sizeof long_en - 1] = '\0';
	char long_field[2 * sizeof ctx.field];
	memset(long_field, 'f', sizeof long_field - 1);
	long_field[sizeof long_field - 1] = '\0';
	s40_errorf(&ctx, S40_E_LIMIT, long_field, "%s", "%s", long_en);
	assert_int_equal(strlen(ctx.msg_en), sizeof ctx.msg_en - 1);
	assert_int_equal(strlen(ctx.msg_th), sizeof ctx.msg_th - 1);
	assert_int_equal(strlen(ctx.field), sizeof ctx.field - 1);

	s40_ctx_clear(&ctx);
	assert_int_equal(ctx.code, S40_OK);
	assert_string_equal(ctx.field, "");
	assert_string_equal(ctx.msg_th, "");
	assert_string_equal(ctx.msg_en, "");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN), "success");
	s40_ctx_clear(NULL);
}

/* s40_verrorf through a helper of the kind other modules write. */
static enum s40_err fail_with(struct s40_ctx *ctx, const char *fmt_th, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	enum s40_err rc = s40_verrorf(ctx, S40_E_BAD_VALUE, "v", fmt_th, fmt_en, ap);
	va_end(ap);
	return rc;
}

/* A message cut at the buffer's end is cut at a whole UTF-8 character. */
static void test_errorf_cut_keeps_utf8(void **state)
{
	(void)state;
	/* longer than the Thai message's array: 3 bytes a letter */
	char thai[3 * sizeof((struct s40_ctx *)0)->msg_th];
	size_t len = 0;
	for (size_t i = 0; i < sizeof thai / 3 - 1; i++, len += 3)
		memcpy(thai + len, i % 2 ? "ก" : "า", 3); /* 3 bytes each */
	thai[len] = '\0';
	for (int shift = 0; shift < 3; shift++) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		s40_errorf(&ctx, S40_E_BAD_VALUE, NULL, "%.*s%s", "%.*s%s", shift, "xx", thai);
		size_t n = strlen(ctx.msg_th);
		assert_true(n > sizeof ctx.msg_th - 5);
		assert_true(s40_utf8_valid(ctx.msg_th, n));
		assert_true(s40_utf8_valid(ctx.msg_en, strlen(ctx.msg_en)));
	}
}

/* A value quoted in a detail need not be UTF-8 (a query string, a command
 * line): what is not becomes '?', so that the detail can go into JSON. */
static void test_errorf_mends_utf8(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	/* a stray byte, a lone lead byte, an overlong '/', a surrogate, a cut
	 * character at the end; Thai kept */
	const char *bad = "a\xff b\xe0 c\xc0\xaf d\xed\xa0\x80 กข \xe0\xb8";
	s40_errorf(&ctx, S40_E_BAD_DATE, "f\xfe", "วันที่ '%s'", "the date '%s'", bad);
	assert_string_equal(ctx.msg_en, "the date 'a? b? c?? d??? กข ?\?'");
	assert_string_equal(ctx.msg_th, "วันที่ 'a? b? c?? d??? กข ?\?'");
	assert_string_equal(ctx.field, "f?");
	assert_true(s40_utf8_valid(ctx.msg_th, strlen(ctx.msg_th)));

	/* A field cut at its array's end is cut at a whole character. */
	char field[2 * sizeof ctx.field] = "";
	for (size_t i = 0; i < sizeof field / 3 - 1; i++)
		strcat(field, "ก");
	s40_errorf(&ctx, S40_E_BAD_VALUE, field, NULL, NULL);
	assert_true(strlen(ctx.field) > sizeof ctx.field - 4);
	assert_true(s40_utf8_valid(ctx.field, strlen(ctx.field)));
}

static void test_verrorf(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(fail_with(&ctx, "ค่า %s ที่ %d", "value %s at %d", "abc", 3),
			 S40_E_BAD_VALUE);
	assert_string_equal(ctx.msg_th, "ค่า abc ที่ 3");
	assert_string_equal(ctx.msg_en, "value abc at 3");
	assert_string_equal(ctx.field, "v");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_declared_codes),
		cmocka_unit_test(test_every_code),
		cmocka_unit_test(test_unknown_codes),
		cmocka_unit_test(test_errorf_both_formats),
		cmocka_unit_test(test_errorf_null_formats),
		cmocka_unit_test(test_errorf_one_line_and_caps),
		cmocka_unit_test(test_verrorf),
		cmocka_unit_test(test_errorf_cut_keeps_utf8),
		cmocka_unit_test(test_errorf_mends_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
