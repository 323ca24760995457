/*
 * Unit tests of lib/core/natid.c: a table of IDs as typed with the code each
 * must give, the check digit, and the digit, dashed and masked forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/natid.h"

struct id_row {
	const char *text;
	enum s40_err code;
	int64_t id;
};

static const struct id_row id_rows[] = {
	{ "1112034563562", S40_OK, 1112034563562LL },
	{ "3100600445635", S40_OK, 3100600445635LL },
	{ "1234545678781", S40_OK, 1234545678781LL },
	{ "1-1120-34563-56-2", S40_OK, 1112034563562LL },
	{ "1 1120 34563 56 2", S40_OK, 1112034563562LL },
	{ "  1112034563562  ", S40_OK, 1112034563562LL },
	{ "1\xC2\xA0"
	  "1120\xC2\xA0"
	  "34563\xC2\xA0"
	  "56\xC2\xA0"
	  "2",
	  S40_OK, 1112034563562LL },
	{ "1\xE2\x80\x93"
	  "1120\xE2\x80\x93"
	  "34563-56-2",
	  S40_OK, 1112034563562LL }, /* en dash */
	{ "๑๑๑๒๐๓๔๕๖๓๕๖๒", S40_OK, 1112034563562LL },
	{ "๑-๑๑๒๐-๓๔๕๖๓-๕๖-๒", S40_OK, 1112034563562LL },
	{ "3-1006-00445-63-5", S40_OK, 3100600445635LL },
	{ "1234545678789", S40_E_ID_CHECK, 0 },
	{ "1112034563563", S40_E_ID_CHECK, 0 },
	{ "0112034563562", S40_E_ID_TYPE, 0 },
	{ "9112034563562", S40_E_ID_TYPE, 0 },
	{ "111203456356", S40_E_BAD_ID, 0 },
	{ "11120345635620", S40_E_BAD_ID, 0 },
	{ "", S40_E_BAD_ID, 0 },
	{ "1112034563562x", S40_E_BAD_ID, 0 },
	{ "1.1120.34563.56.2", S40_E_BAD_ID, 0 },
	{ "l112034563562", S40_E_BAD_ID, 0 },
	{ "ก112034563562", S40_E_BAD_ID, 0 },
	{ "1112034563562\n", S40_E_BAD_ID, 0 },
};

static void test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof id_rows / sizeof id_rows[0]; i++) {
		const struct id_row *r = &id_rows[i];
		struct s40_ctx ctx;
		int64_t id = -7;
		s40_ctx_clear(&ctx);
		enum s40_err rc = s40_natid_parse(r->text, "id", &id, &ctx);
		if (rc != r->code)
			fail_msg("\"%s\": got %s, want %s (%s)", r->text, s40_errname(rc),
				 s40_errname(r->code), s40_errmsg(&ctx, S40_LANG_EN));
		if (rc == S40_OK) {
			assert_int_equal(id, r->id);
			assert_true(s40_natid_valid(id));
		} else {
			assert_int_equal(id, -7);
			assert_int_equal(ctx.code, r->code);
			assert_string_equal(ctx.field, "id");
			assert_true(ctx.msg_th[0] && ctx.msg_en[0]);
		}
	}
}

static void test_parse_messages(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	int64_t id;

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("1234545678789", "id", &id, &ctx), S40_E_ID_CHECK);
	assert_non_null(strstr(ctx.msg_th, "ควรเป็น 1 แต่เป็น 9"));
	assert_non_null(strstr(ctx.msg_en, "should be 1, not 9"));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("1-1120-3456", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_th, "พบ 9 หลัก"));
	assert_non_null(strstr(ctx.msg_en, "9 found"));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("11120345635621234", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_en, "17 found"));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("11120/34563562", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_en, "\"/\""));
	assert_non_null(strstr(ctx.msg_th, "\"/\""));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("ก112034563562", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_th, "\"ก\""));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("1\t\x01", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_en, "\"\\x01\""));

	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("9-1120-34563-56-2", "id", &id, &ctx), S40_E_ID_TYPE);
	assert_non_null(strstr(ctx.msg_en, "starting with 9"));

	assert_int_equal(s40_natid_parse(NULL, "id", &id, NULL), S40_E_BAD_ID);

	/* An ID Excel showed (and saved into CSV) in scientific notation has lost
	 * its digits: said so, whichever way it was written. */
	static const char *const sci[] = { "3.75035E+12", "1.10E+12", " 3.75035e+12 ", "1E12",
					   "3,75035E+12" };
	for (size_t i = 0; i < sizeof sci / sizeof sci[0]; i++) {
		s40_ctx_clear(&ctx);
		assert_int_equal(s40_natid_parse(sci[i], "id", &id, &ctx), S40_E_BAD_ID);
		assert_non_null(strstr(ctx.msg_en, "scientific notation that Excel rounded"));
		assert_non_null(strstr(ctx.msg_th, "Excel ปัดเศษ"));
		assert_string_equal(ctx.field, "id");
	}
	/* Not scientific: an E among the digits is a wrong character as before. */
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_natid_parse("3750-E-0012345", "id", &id, &ctx), S40_E_BAD_ID);
	assert_non_null(strstr(ctx.msg_en, "\"E\""));
}

static void test_check_digit(void **state)
{
	(void)state;
	static const struct {
		const char *d12;
		int check;
	} rows[] = {
		{ "111203456356", 2 }, { "310060044563", 5 }, { "123454567878", 1 },
		{ "000000000000", 1 }, { "100000000000", 9 }, { "12345x678901", -1 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(s40_natid_check_digit(rows[i].d12), rows[i].check);
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(s40_natid_valid(1112034563562LL));
	assert_true(s40_natid_valid(3100600445635LL));
	assert_false(s40_natid_valid(1234545678789LL));
	assert_false(s40_natid_valid(112034563562LL)); /* 12 digits */
	assert_false(s40_natid_valid(0));
	assert_false(s40_natid_valid(-1112034563562LL));
	assert_false(s40_natid_valid(11112034563562LL));
	/* a 9 ID with a right check digit is still not valid */
	char d[14] = "911203456356";
	d[12] = (char)('0' + s40_natid_check_digit(d));
	d[13] = '\0';
	int64_t nine = 0;
	for (int i = 0; i < 13; i++)
		nine = nine * 10 + (d[i] - '0');
	assert_false(s40_natid_valid(nine));
}

static void test_formats(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(s40_natid_digits(1112034563562LL, buf, sizeof buf), "1112034563562");
	assert_string_equal(s40_natid_format(1112034563562LL, buf, sizeof buf),
			    "1-1120-34563-56-2");
	assert_string_equal(s40_natid_mask(1112034563562LL, buf, sizeof buf), "1-xxxx-xxxxx-56-2");
	assert_string_equal(s40_natid_format(3100600445635LL, buf, sizeof buf),
			    "3-1006-00445-63-5");
	assert_string_equal(s40_natid_mask(3100600445635LL, buf, sizeof buf), "3-xxxx-xxxxx-63-5");
	/* the sizes the header promises are enough */
	assert_string_equal(s40_natid_digits(1112034563562LL, buf, 14), "1112034563562");
	assert_string_equal(s40_natid_format(1112034563562LL, buf, 18), "1-1120-34563-56-2");
	assert_string_equal(s40_natid_mask(1112034563562LL, buf, 18), "1-xxxx-xxxxx-56-2");
	/* not 13 digits: nothing */
	assert_string_equal(s40_natid_format(42, buf, sizeof buf), "");
	assert_string_equal(s40_natid_mask(-1, buf, sizeof buf), "");
	assert_string_equal(s40_natid_digits(10000000000000LL, buf, sizeof buf), "");
	/* what is written reads back */
	int64_t id = 0;
	s40_natid_format(1234545678781LL, buf, sizeof buf);
	assert_int_equal(s40_natid_parse(buf, "id", &id, NULL), S40_OK);
	assert_int_equal(id, 1234545678781LL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table), cmocka_unit_test(test_parse_messages),
		cmocka_unit_test(test_check_digit), cmocka_unit_test(test_valid),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
