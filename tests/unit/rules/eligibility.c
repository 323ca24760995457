/*
 * Unit tests of lib/rules/eligibility.c: the age rules by date from the
 * embedded table, every reason returned, exclusions in force on the day, the
 * refusal text, and the words for exclusion kinds and end reasons.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "rules/eligibility.h"

#define NOBIRTH 0, 0, 0

static int32_t ymd(int y, int m, int d)
{
	if (y == 0)
		return S40_NO_DAY;
	return s40_day_from_ymd(y, m, d);
}

static void test_age_rule_on(void **state)
{
	(void)state;
	static const struct {
		int y, m, d;
		int min, max;
	} cases[] = {
		{1990, 1, 1, 15, 60},  {2019, 12, 24, 15, 60}, {2020, 6, 23, 15, 60},
		{2020, 6, 24, 15, 65}, {2021, 6, 15, 15, 65},  {2100, 1, 1, 15, 65},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct s40_age_rule *r =
			s40_age_rule_on(ymd(cases[i].y, cases[i].m, cases[i].d));
		assert_non_null(r);
		assert_int_equal(r->min_age, cases[i].min);
		assert_int_equal(r->max_age, cases[i].max);
	}
	const struct s40_age_rule *old = s40_age_rule_on(ymd(2020, 6, 23));
	assert_int_equal(old->from_day, S40_NO_DAY);
	assert_int_equal(old->to_day, ymd(2020, 6, 23));
	const struct s40_age_rule *now = s40_age_rule_on(ymd(2020, 6, 24));
	assert_int_equal(now->from_day, ymd(2020, 6, 24));
	assert_int_equal(now->to_day, S40_NO_DAY);
}

/* Age and nationality, no exclusions. */
static void test_eligibility_age(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		int by, bm, bd; /* 0 = unknown */
		int thai;
		int y, m, d;
		unsigned want;
		int want_age;
	} cases[] = {
		{"15th birthday", 2005, 6, 1, 1, 2020, 6, 1, 0, 15},
		{"day before 15th birthday", 2005, 6, 1, 1, 2020, 5, 31, S40_INELIG_TOO_YOUNG, 14},
		{"60th birthday, old rule", 1960, 6, 23, 1, 2020, 6, 23, 0, 60},
		{"60, last day of old rule", 1959, 6, 24, 1, 2020, 6, 23, 0, 60},
		{"61st birthday, old rule", 1959, 6, 23, 1, 2020, 6, 23, S40_INELIG_TOO_OLD, 61},
		{"61, first day of new rule", 1959, 6, 23, 1, 2020, 6, 24, 0, 61},
		{"61st birthday on first day of new rule", 1959, 6, 24, 1, 2020, 6, 24, 0, 61},
		{"65th birthday", 1956, 7, 1, 1, 2021, 7, 1, 0, 65},
		{"day before 66th birthday", 1955, 7, 2, 1, 2021, 7, 1, 0, 65},
		{"66th birthday", 1955, 7, 1, 1, 2021, 7, 1, S40_INELIG_TOO_OLD, 66},
		{"66 on 2020-07-01", 1954, 5, 1, 1, 2020, 7, 1, S40_INELIG_TOO_OLD, 66},
		{"29 Feb, 28 Feb of 15th year", 2000, 2, 29, 1, 2015, 2, 28, S40_INELIG_TOO_YOUNG,
		 14},
		{"29 Feb, 1 Mar of 15th year", 2000, 2, 29, 1, 2015, 3, 1, 0, 15},
		{"29 Feb, leap year birthday", 2000, 2, 29, 1, 2016, 2, 29, 0, 16},
		{"birth unknown", NOBIRTH, 1, 2020, 1, 1, S40_INELIG_NO_BIRTH, -1},
		{"day before birth", 2021, 1, 1, 1, 2020, 1, 1, S40_INELIG_BEFORE_BIRTH, -1},
		{"not Thai", 1990, 1, 1, 0, 2020, 1, 1, S40_INELIG_NOT_THAI, 30},
		{"nationality unknown", 1990, 1, 1, -1, 2020, 1, 1, S40_INELIG_NOT_THAI, 30},
		{"too old and not Thai", 1940, 1, 1, 0, 2020, 1, 1,
		 S40_INELIG_TOO_OLD | S40_INELIG_NOT_THAI, 80},
		{"unknown birth and nationality", NOBIRTH, -1, 2020, 1, 1,
		 S40_INELIG_NO_BIRTH | S40_INELIG_NOT_THAI, -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_applicant a = {
			.birth_day = ymd(cases[i].by, cases[i].bm, cases[i].bd),
			.thai = cases[i].thai,
		};
		int age = -99;
		unsigned got = s40_eligibility(&a, ymd(cases[i].y, cases[i].m, cases[i].d), &age);
		if (got != cases[i].want || age != cases[i].want_age)
			fail_msg("%s: reasons %#x age %d, want %#x age %d", cases[i].what, got, age,
				 cases[i].want, cases[i].want_age);
	}
}

/* Exclusions count when in force on the day, ends inclusive. */
static void test_eligibility_exclusions(void **state)
{
	(void)state;
	int32_t day = ymd(2021, 3, 15);
	static const struct {
		const char *what;
		int kind;
		int sy, sm, sd; /* 0 = since always */
		int ey, em, ed; /* 0 = still in force */
		unsigned want;
	} cases[] = {
		{"open s33", S40_EXCL_S33, 0, 0, 0, 0, 0, 0, S40_INELIG_S33},
		{"s39 ended the day before", S40_EXCL_S39, 2019, 1, 1, 2021, 3, 14, 0},
		{"s39 ends on the day", S40_EXCL_S39, 2019, 1, 1, 2021, 3, 15, S40_INELIG_S39},
		{"civil servant from the day", S40_EXCL_CIVIL_SERVANT, 2021, 3, 15, 0, 0, 0,
		 S40_INELIG_CIVIL_SERVANT},
		{"civil servant from the day after", S40_EXCL_CIVIL_SERVANT, 2021, 3, 16, 0, 0, 0,
		 0},
		{"state enterprise around the day", S40_EXCL_STATE_ENTERPRISE, 2020, 1, 1, 2022, 1,
		 1, S40_INELIG_STATE_ENTERPRISE},
		{"unknown kind", 99, 0, 0, 0, 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_exclusion x = {
			.kind = cases[i].kind,
			.start_day = ymd(cases[i].sy, cases[i].sm, cases[i].sd),
			.end_day = ymd(cases[i].ey, cases[i].em, cases[i].ed),
		};
		struct s40_applicant a = {
			.birth_day = ymd(1990, 1, 1), .thai = 1, .excl = &x, .n_excl = 1};
		int age = 0;
		unsigned got = s40_eligibility(&a, day, &age);
		if (got != cases[i].want)
			fail_msg("%s: reasons %#x, want %#x", cases[i].what, got, cases[i].want);
		assert_int_equal(age, 31);
	}
}

/* Several reasons at once are all returned. */
static void test_eligibility_all_reasons(void **state)
{
	(void)state;
	struct s40_exclusion x[] = {
		{S40_EXCL_S33, S40_NO_DAY, S40_NO_DAY},
		{S40_EXCL_S39, ymd(2020, 1, 1), ymd(2020, 12, 31)}, /* over */
		{S40_EXCL_CIVIL_SERVANT, ymd(2000, 1, 1), S40_NO_DAY},
		{S40_EXCL_STATE_ENTERPRISE, S40_NO_DAY, ymd(2021, 7, 1)},
	};
	struct s40_applicant a = {
		.birth_day = ymd(1955, 7, 1), .thai = -1, .excl = x, .n_excl = 4};
	int age = 0;
	unsigned got = s40_eligibility(&a, ymd(2021, 7, 1), &age);
	assert_int_equal(got, S40_INELIG_TOO_OLD | S40_INELIG_NOT_THAI | S40_INELIG_S33 |
				      S40_INELIG_CIVIL_SERVANT | S40_INELIG_STATE_ENTERPRISE);
	assert_int_equal(age, 66);
	/* age may be NULL */
	assert_int_equal(s40_eligibility(&a, ymd(2021, 7, 1), NULL), got);
}

static void test_refuse_text(void **state)
{
	(void)state;
	static const struct {
		unsigned reasons;
		int age;
		int y, m, d;
		const char *field, *th, *en;
	} cases[] = {
		{S40_INELIG_TOO_OLD, 66, 2020, 7, 1, "birth_date",
		 "อายุ 66 ปีบริบูรณ์ เกินกว่า 65 ปี (วันที่ 1 ก.ค. 2563)",
		 "aged 66 full years, over the maximum of 65 (on 2020-07-01)"},
		{S40_INELIG_TOO_OLD, 61, 2020, 6, 23, "birth_date",
		 "อายุ 61 ปีบริบูรณ์ เกินกว่า 60 ปี (วันที่ 23 มิ.ย. 2563)",
		 "aged 61 full years, over the maximum of 60 (on 2020-06-23)"},
		{S40_INELIG_TOO_YOUNG, 14, 2020, 5, 31, "birth_date",
		 "อายุ 14 ปีบริบูรณ์ ยังไม่ถึง 15 ปี (วันที่ 31 พ.ค. 2563)",
		 "aged 14 full years, under the minimum of 15 (on 2020-05-31)"},
		{S40_INELIG_TOO_OLD | S40_INELIG_NOT_THAI | S40_INELIG_S33, 66, 2020, 7, 1,
		 "birth_date",
		 "อายุ 66 ปีบริบูรณ์ เกินกว่า 65 ปี (วันที่ 1 ก.ค. 2563); "
		 "ไม่ได้บันทึกว่ามีสัญชาติไทยตามบัตรประชาชน; เป็นผู้ประกันตนมาตรา 33",
		 "aged 66 full years, over the maximum of 65 (on 2020-07-01); "
		 "not recorded as Thai nationality on the ID card; insured under Section 33"},
		{S40_INELIG_NOT_THAI | S40_INELIG_S39, 30, 2020, 7, 1, "nationality",
		 "ไม่ได้บันทึกว่ามีสัญชาติไทยตามบัตรประชาชน; เป็นผู้ประกันตนมาตรา 39",
		 "not recorded as Thai nationality on the ID card; insured under Section 39"},
		{S40_INELIG_CIVIL_SERVANT | S40_INELIG_STATE_ENTERPRISE, 30, 2020, 7, 1,
		 "exclusion", "เป็นข้าราชการ; เป็นพนักงานรัฐวิสาหกิจ",
		 "a civil servant; a state-enterprise employee"},
		{S40_INELIG_NO_BIRTH, -1, 2020, 7, 1, "birth_date", "ไม่ทราบวันเกิด จึงคำนวณอายุไม่ได้",
		 "birth date unknown, so the age cannot be worked out"},
		{S40_INELIG_BEFORE_BIRTH, -1, 2020, 7, 1, "birth_date",
		 "วันที่สมัคร 1 ก.ค. 2563 อยู่ก่อนวันเกิด", "2020-07-01 is before the birth date"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		enum s40_err err = s40_eligibility_refuse(
			cases[i].reasons, cases[i].age, ymd(cases[i].y, cases[i].m, cases[i].d),
			&ctx);
		assert_int_equal(err, S40_E_INELIGIBLE);
		assert_int_equal(ctx.code, S40_E_INELIGIBLE);
		assert_string_equal(ctx.field, cases[i].field);
		assert_string_equal(s40_errmsg(&ctx, S40_LANG_TH), cases[i].th);
		assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN), cases[i].en);
	}
}

/* Whether s is whole UTF-8 (no character cut short). */
static int utf8_whole(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4;
		for (int k = 1; k < n; k++)
			if ((p[k] & 0xC0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

static void test_refuse_edge(void **state)
{
	(void)state;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	/* every bit: the text is cut to fit, never inside a character */
	unsigned all = S40_INELIG_NO_BIRTH | S40_INELIG_TOO_YOUNG | S40_INELIG_TOO_OLD |
		       S40_INELIG_NOT_THAI | S40_INELIG_S33 | S40_INELIG_S39 |
		       S40_INELIG_CIVIL_SERVANT | S40_INELIG_STATE_ENTERPRISE |
		       S40_INELIG_BEFORE_BIRTH;
	assert_int_equal(s40_eligibility_refuse(all, 70, ymd(2020, 7, 1), &ctx),
			 S40_E_INELIGIBLE);
	assert_true(utf8_whole(ctx.msg_th));
	assert_true(utf8_whole(ctx.msg_en));
	assert_true(strncmp(ctx.msg_th, "ไม่ทราบวันเกิด", strlen("ไม่ทราบวันเกิด")) == 0);
	assert_string_equal(ctx.field, "birth_date");

	/* no reason is a caller bug */
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_eligibility_refuse(0, 30, ymd(2020, 7, 1), &ctx), S40_E_INTERNAL);
	assert_int_equal(ctx.code, S40_E_INTERNAL);
	/* a NULL ctx still gives the code */
	assert_int_equal(s40_eligibility_refuse(S40_INELIG_S33, 30, ymd(2020, 7, 1), NULL),
			 S40_E_INELIGIBLE);
}

static void test_inelig_text(void **state)
{
	(void)state;
	assert_string_equal(s40_inelig_text(S40_INELIG_S33, S40_LANG_TH), "เป็นผู้ประกันตนมาตรา 33");
	assert_string_equal(s40_inelig_text(S40_INELIG_TOO_OLD, S40_LANG_EN),
			    "over the maximum age");
	assert_string_equal(s40_inelig_text(S40_INELIG_NOT_THAI, S40_LANG_EN),
			    "not recorded as Thai nationality on the ID card");
	assert_string_equal(s40_inelig_text(1u << 20, S40_LANG_TH), "");
	/* every bit in use has a text in both languages */
	for (unsigned b = 0; b <= 8; b++) {
		assert_true(s40_inelig_text(1u << b, S40_LANG_TH)[0] != '\0');
		assert_true(s40_inelig_text(1u << b, S40_LANG_EN)[0] != '\0');
	}
}

static void test_excl_kind_words(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{"s33", S40_EXCL_S33},
		{"S33", S40_EXCL_S33},
		{" มาตรา 33 ", S40_EXCL_S33},
		{"มาตรา ๓๓", S40_EXCL_S33},
		{"ม.33", S40_EXCL_S33},
		{"ผู้ประกันตนมาตรา 33", S40_EXCL_S33},
		{"s39", S40_EXCL_S39},
		{"มาตรา39", S40_EXCL_S39},
		{"civil_servant", S40_EXCL_CIVIL_SERVANT},
		{"civil-servant", S40_EXCL_CIVIL_SERVANT},
		{"ข้าราชการ", S40_EXCL_CIVIL_SERVANT},
		{"state_enterprise", S40_EXCL_STATE_ENTERPRISE},
		{"รัฐวิสาหกิจ", S40_EXCL_STATE_ENTERPRISE},
		{"พนักงาน รัฐวิสาหกิจ", S40_EXCL_STATE_ENTERPRISE},
		{"s40", 0},
		{"death", 0},
		{"", 0},
		{"   ", 0},
		{NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (s40_excl_kind_parse(cases[i].s) != cases[i].want)
			fail_msg("\"%s\": %d, want %d", cases[i].s ? cases[i].s : "(null)",
				 s40_excl_kind_parse(cases[i].s), cases[i].want);

	static const char *const keys[] = {"", "s33", "s39", "civil_servant", "state_enterprise"};
	for (int k = S40_EXCL_S33; k <= S40_EXCL_STATE_ENTERPRISE; k++) {
		assert_string_equal(s40_excl_kind_key(k), keys[k]);
		assert_int_equal(s40_excl_kind_parse(s40_excl_kind_key(k)), k);
		assert_int_equal(s40_excl_kind_parse(s40_excl_kind_name(k, S40_LANG_TH)), k);
		assert_true(s40_excl_kind_name(k, S40_LANG_EN)[0] != '\0');
	}
	assert_string_equal(s40_excl_kind_name(S40_EXCL_S33, S40_LANG_TH), "ผู้ประกันตนมาตรา 33");
	assert_string_equal(s40_excl_kind_name(S40_EXCL_CIVIL_SERVANT, S40_LANG_EN),
			    "civil servant");
	assert_string_equal(s40_excl_kind_key(0), "");
	assert_string_equal(s40_excl_kind_key(5), "");
	assert_string_equal(s40_excl_kind_name(-1, S40_LANG_TH), "");
}

static void test_end_reason_words(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{"death", S40_END_DEATH},
		{"Death", S40_END_DEATH},
		{"เสียชีวิต", S40_END_DEATH},
		{"s33", S40_END_TO_S33},
		{"ย้ายไปมาตรา 33", S40_END_TO_S33},
		{"มาตรา ๓๙", S40_END_TO_S39},
		{"s39", S40_END_TO_S39},
		{"civil_servant", S40_END_CIVIL_SERVANT},
		{"รับราชการ", S40_END_CIVIL_SERVANT},
		{"state-enterprise", S40_END_STATE_ENTERPRISE},
		{"รัฐวิสาหกิจ", S40_END_STATE_ENTERPRISE},
		{"resigned", S40_END_RESIGNED},
		{"ลาออก", S40_END_RESIGNED},
		{"correction", S40_END_CORRECTION},
		{"แก้ไขข้อมูล", S40_END_CORRECTION},
		/* not paying does not end a membership */
		{"arrears", 0},
		{"lapsed", 0},
		{"ขาดส่ง", 0},
		{"", 0},
		{NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (s40_end_reason_parse(cases[i].s) != cases[i].want)
			fail_msg("\"%s\": %d, want %d", cases[i].s ? cases[i].s : "(null)",
				 s40_end_reason_parse(cases[i].s), cases[i].want);

	static const char *const keys[] = {"",         "death",    "s33",       "s39",
					   "civil_servant", "state_enterprise", "resigned",
					   "correction"};
	for (int k = S40_END_DEATH; k <= S40_END_CORRECTION; k++) {
		assert_string_equal(s40_end_reason_key(k), keys[k]);
		assert_int_equal(s40_end_reason_parse(s40_end_reason_key(k)), k);
		assert_int_equal(s40_end_reason_parse(s40_end_reason_name(k, S40_LANG_TH)), k);
		assert_true(s40_end_reason_name(k, S40_LANG_EN)[0] != '\0');
	}
	assert_string_equal(s40_end_reason_name(S40_END_DEATH, S40_LANG_TH), "เสียชีวิต");
	assert_string_equal(s40_end_reason_name(S40_END_TO_S33, S40_LANG_EN),
			    "moved to Section 33");
	assert_string_equal(s40_end_reason_key(8), "");
	assert_string_equal(s40_end_reason_name(0, S40_LANG_EN), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_rule_on),
		cmocka_unit_test(test_eligibility_age),
		cmocka_unit_test(test_eligibility_exclusions),
		cmocka_unit_test(test_eligibility_all_reasons),
		cmocka_unit_test(test_refuse_text),
		cmocka_unit_test(test_refuse_edge),
		cmocka_unit_test(test_inelig_text),
		cmocka_unit_test(test_excl_kind_words),
		cmocka_unit_test(test_end_reason_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
