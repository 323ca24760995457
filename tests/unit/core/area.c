/*
 * Unit tests of lib/core/area.c: levels, ancestors and containment on the
 * Samut Songkhram codes of the seed, and a table of codes as typed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/area.h"

static void test_levels(void **state)
{
	(void)state;
	static const struct {
		int32_t code;
		enum s40_level level;
		int32_t parent;
		int moo;
	} rows[] = {
		{ 75, S40_LEVEL_PROVINCE, 0, -1 },
		{ 7503, S40_LEVEL_DISTRICT, 75, -1 },
		{ 750307, S40_LEVEL_SUBDISTRICT, 7503, -1 },
		{ 75030702, S40_LEVEL_VILLAGE, 750307, 2 },
		{ 75030700, S40_LEVEL_VILLAGE, 750307, 0 },
		{ 10, S40_LEVEL_PROVINCE, 0, -1 },
		{ 99999999, S40_LEVEL_VILLAGE, 999999, 99 },
		{ 0, S40_LEVEL_NONE, 0, -1 },
		{ 9, S40_LEVEL_NONE, 0, -1 },
		{ 100, S40_LEVEL_NONE, 0, -1 },
		{ 999, S40_LEVEL_NONE, 0, -1 },
		{ 75030, S40_LEVEL_NONE, 0, -1 },
		{ 7503070, S40_LEVEL_NONE, 0, -1 },
		{ 100000000, S40_LEVEL_NONE, 0, -1 },
		{ -75, S40_LEVEL_NONE, 0, -1 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(s40_area_level(rows[i].code), rows[i].level);
		assert_int_equal(s40_area_parent(rows[i].code), rows[i].parent);
		assert_int_equal(s40_area_moo(rows[i].code), rows[i].moo);
	}
	assert_true(s40_area_no_village(75030700));
	assert_false(s40_area_no_village(75030702));
	assert_false(s40_area_no_village(750307));
}

static void test_at_level_contains(void **state)
{
	(void)state;
	int32_t v = 75030702;
	assert_int_equal(s40_area_at_level(v, S40_LEVEL_PROVINCE), 75);
	assert_int_equal(s40_area_at_level(v, S40_LEVEL_DISTRICT), 7503);
	assert_int_equal(s40_area_at_level(v, S40_LEVEL_SUBDISTRICT), 750307);
	assert_int_equal(s40_area_at_level(v, S40_LEVEL_VILLAGE), v);
	assert_int_equal(s40_area_at_level(7503, S40_LEVEL_VILLAGE), 0);
	assert_int_equal(s40_area_at_level(7503, S40_LEVEL_NONE), 0);
	assert_int_equal(s40_area_at_level(123, S40_LEVEL_PROVINCE), 0);

	assert_true(s40_area_contains(75, v));
	assert_true(s40_area_contains(7503, v));
	assert_true(s40_area_contains(750307, v));
	assert_true(s40_area_contains(v, v));
	assert_true(s40_area_contains(75, 75));
	assert_false(s40_area_contains(7501, v));
	assert_false(s40_area_contains(76, v));
	assert_false(s40_area_contains(v, 750307)); /* inner does not contain outer */
	assert_false(s40_area_contains(0, v));
	assert_false(s40_area_contains(75, 0));
}

static void test_parse_table(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		enum s40_err code;
		int32_t value;
		enum s40_level level;
	} rows[] = {
		{ "75", S40_OK, 75, S40_LEVEL_PROVINCE },
		{ "7503", S40_OK, 7503, S40_LEVEL_DISTRICT },
		{ "750307", S40_OK, 750307, S40_LEVEL_SUBDISTRICT },
		{ "75030702", S40_OK, 75030702, S40_LEVEL_VILLAGE },
		{ "75030700", S40_OK, 75030700, S40_LEVEL_VILLAGE },
		{ "๗๕๐๓", S40_OK, 7503, S40_LEVEL_DISTRICT },
		{ "๗๕๐๓๐๗๐๒", S40_OK, 75030702, S40_LEVEL_VILLAGE },
		{ "10", S40_OK, 10, S40_LEVEL_PROVINCE },
		{ "7", S40_E_BAD_AREA, 0, 0 },
		{ "750", S40_E_BAD_AREA, 0, 0 },
		{ "75030", S40_E_BAD_AREA, 0, 0 },
		{ "7503070", S40_E_BAD_AREA, 0, 0 },
		{ "750307021", S40_E_BAD_AREA, 0, 0 },
		{ "7503070212", S40_E_BAD_AREA, 0, 0 },
		{ "", S40_E_BAD_AREA, 0, 0 },
		{ "05", S40_E_BAD_AREA, 0, 0 },
		{ "0503", S40_E_BAD_AREA, 0, 0 },
		{ "75-03", S40_E_BAD_AREA, 0, 0 },
		/* surrounding white space is trimmed, as in every other field */
		{ " 75", S40_OK, 75, S40_LEVEL_PROVINCE },
		{ "75030702 ", S40_OK, 75030702, S40_LEVEL_VILLAGE },
		{ "\t7503\xc2\xa0", S40_OK, 7503, S40_LEVEL_DISTRICT },
		{ "  ", S40_E_BAD_AREA, 0, 0 },
		{ "75 03", S40_E_BAD_AREA, 0, 0 },
		{ "7a", S40_E_BAD_AREA, 0, 0 },
		{ "สส", S40_E_BAD_AREA, 0, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct s40_ctx ctx;
		int32_t code = -3;
		s40_ctx_clear(&ctx);
		enum s40_err rc = s40_area_parse(rows[i].text, "area", &code, &ctx);
		if (rc != rows[i].code)
			fail_msg("\"%s\": got %s", rows[i].text, s40_errname(rc));
		if (rc == S40_OK) {
			assert_int_equal(code, rows[i].value);
			assert_int_equal(s40_area_level(code), rows[i].level);
		} else {
			assert_int_equal(code, -3);
			assert_string_equal(ctx.field, "area");
			assert_true(ctx.msg_th[0] && ctx.msg_en[0]);
		}
	}
	struct s40_ctx ctx;
	int32_t code;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_area_parse("75030", "area", &code, &ctx), S40_E_BAD_AREA);
	assert_non_null(strstr(ctx.msg_th, "พบ 5 หลัก"));
	assert_non_null(strstr(ctx.msg_en, "5 found"));
	assert_int_equal(s40_area_parse(NULL, "area", &code, NULL), S40_E_BAD_AREA);
}

static void test_level_words(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		enum s40_level level;
	} rows[] = {
		{ "province", S40_LEVEL_PROVINCE },
		{ "District", S40_LEVEL_DISTRICT },
		{ "SUBDISTRICT", S40_LEVEL_SUBDISTRICT },
		{ "village", S40_LEVEL_VILLAGE },
		{ "จังหวัด", S40_LEVEL_PROVINCE },
		{ "อำเภอ", S40_LEVEL_DISTRICT },
		{ "เขต", S40_LEVEL_DISTRICT },
		{ "ตำบล", S40_LEVEL_SUBDISTRICT },
		{ "แขวง", S40_LEVEL_SUBDISTRICT },
		{ "หมู่บ้าน", S40_LEVEL_VILLAGE },
		{ "", S40_LEVEL_NONE },
		{ "provinces", S40_LEVEL_NONE },
		{ "prov", S40_LEVEL_NONE },
		{ "หมู่", S40_LEVEL_NONE },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(s40_level_parse(rows[i].word), rows[i].level);
	assert_int_equal(s40_level_parse(NULL), S40_LEVEL_NONE);

	for (int l = S40_LEVEL_PROVINCE; l <= S40_LEVEL_VILLAGE; l++) {
		assert_int_equal(s40_level_parse(s40_level_name(l, S40_LANG_EN)), l);
		assert_int_equal(s40_level_parse(s40_level_name(l, S40_LANG_TH)), l);
	}
	assert_string_equal(s40_level_name(S40_LEVEL_DISTRICT, S40_LANG_TH), "อำเภอ");
	assert_string_equal(s40_level_name(S40_LEVEL_VILLAGE, S40_LANG_EN), "village");
	assert_string_equal(s40_level_name(S40_LEVEL_NONE, S40_LANG_EN), "");
}

/* The villages of an area are one range of codes. */
static void test_village_range(void **state)
{
	(void)state;
	static const struct {
		int32_t area, lo, hi;
	} t[] = {
		{75, 75000000, 75999999}, {7503, 75030000, 75039999},
		{750307, 75030700, 75030799}, {75030702, 75030702, 75030702},
		{0, 0, INT32_MAX}, {123, 1, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int32_t lo, hi;
		s40_area_village_range(t[i].area, &lo, &hi);
		assert_int_equal(lo, t[i].lo);
		assert_int_equal(hi, t[i].hi);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_at_level_contains),
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_level_words),
		cmocka_unit_test(test_village_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
