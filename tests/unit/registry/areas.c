/*
 * Unit tests of lib/registry/areas.c: the geography built into the program as
 * loaded into the store (counts that hold on the shipped data/geo files, Samut
 * Songkhram and Bangkok in detail), full names in Thai and English, loading
 * twice, and naming and adding villages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "registry/areas.h"
#include "registry/journal.h"
#include "testdb.h"

static size_t n_children(struct testdb *t, int32_t code)
{
	struct s40_area_rec *v;
	size_t n;
	testdb_ok(s40_area_children(t->st, code, &v, &n, &t->ctx), &t->ctx);
	free(v);
	return n;
}

static void test_provinces(void **state)
{
	struct testdb *t = *state;
	struct s40_area_rec *v;
	size_t n;
	testdb_ok(s40_area_children(t->st, 0, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 77);
	assert_int_equal(v[0].code, 10);
	assert_string_equal(v[0].name_th, "กรุงเทพมหานคร");
	assert_string_equal(v[0].name_en, "Bangkok");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].level, S40_LEVEL_PROVINCE);
		assert_int_equal(v[i].parent, 0);
		if (i)
			assert_true(v[i].code > v[i - 1].code);
	}
	free(v);

	struct s40_area_rec a;
	testdb_ok(s40_area_get(t->st, 75, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "สมุทรสงคราม");
	assert_string_equal(a.name_en, "Samut Songkhram");
	assert_int_equal(a.level, S40_LEVEL_PROVINCE);

	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_area_get(t->st, 9, &a, &t->ctx), S40_E_UNKNOWN_AREA);
	assert_int_equal(s40_area_get(t->st, 75039901, &a, &t->ctx), S40_E_UNKNOWN_AREA);
	assert_int_equal(t->ctx.code, S40_E_UNKNOWN_AREA);
}

static void test_samut_songkhram(void **state)
{
	struct testdb *t = *state;
	static const struct {
		int32_t code;
		const char *th, *en;
		size_t n_sub;
	} districts[] = {
		{ 7501, "เมืองสมุทรสงคราม", "Mueang Samut Songkhram", 11 },
		{ 7502, "บางคนที", "Bang Khonthi", 13 },
		{ 7503, "อัมพวา", "Amphawa", 12 },
	};
	struct s40_area_rec *v;
	size_t n;
	testdb_ok(s40_area_children(t->st, 75, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(v[i].code, districts[i].code);
		assert_string_equal(v[i].name_th, districts[i].th);
		assert_string_equal(v[i].name_en, districts[i].en);
		assert_int_equal(v[i].level, S40_LEVEL_DISTRICT);
		assert_int_equal(v[i].parent, 75);
		assert_int_equal(n_children(t, districts[i].code), districts[i].n_sub);
	}
	free(v);
	testdb_ok(s40_area_descendants(t->st, 75, S40_LEVEL_SUBDISTRICT, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 36);
	free(v);

	/* Villages: 284 หมู่ and one part-00 code per subdistrict. */
	testdb_ok(s40_area_descendants(t->st, 75, S40_LEVEL_VILLAGE, &v, &n, &t->ctx), &t->ctx);
	size_t moo = 0, part00 = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].level, S40_LEVEL_VILLAGE);
		assert_int_equal(v[i].parent, v[i].code / 100);
		assert_int_equal(v[i].moo, v[i].code % 100);
		if (v[i].moo >= 1)
			moo++;
		else
			part00++;
	}
	free(v);
	assert_int_equal(moo, 284);
	assert_int_equal(part00, 36);

	/* เหมืองใหม่ has 10 villages, แควอ้อม 8, each with หมู่ 1 … N in order. */
	static const struct {
		int32_t code;
		const char *th;
		int villages;
	} subs[] = { { 750305, "เหมืองใหม่", 10 }, { 750307, "แควอ้อม", 8 } };
	for (size_t i = 0; i < 2; i++) {
		struct s40_area_rec a;
		testdb_ok(s40_area_get(t->st, subs[i].code, &a, &t->ctx), &t->ctx);
		assert_string_equal(a.name_th, subs[i].th);
		assert_string_equal(a.postcode, "75110");
		testdb_ok(s40_area_children(t->st, subs[i].code, &v, &n, &t->ctx), &t->ctx);
		assert_int_equal(n, (size_t)subs[i].villages + 1);
		assert_int_equal(v[0].code, subs[i].code * 100);
		assert_int_equal(v[0].moo, 0);
		for (int k = 1; k <= subs[i].villages; k++) {
			char name[32];
			snprintf(name, sizeof name, "หมู่ %d", k);
			assert_int_equal(v[k].code, subs[i].code * 100 + k);
			assert_int_equal(v[k].moo, k);
			assert_string_equal(v[k].name_th, name);
		}
		free(v);
	}
	/* Descendants of a district and of a subdistrict agree with the children. */
	testdb_ok(s40_area_descendants(t->st, 750307, S40_LEVEL_VILLAGE, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 9);
	free(v);
	testdb_ok(s40_area_descendants(t->st, 7503, S40_LEVEL_SUBDISTRICT, &v, &n, &t->ctx),
		  &t->ctx);
	assert_int_equal(n, 12);
	free(v);
	/* A level above the area is refused. */
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_area_descendants(t->st, 7503, S40_LEVEL_PROVINCE, &v, &n, &t->ctx),
			 S40_E_BAD_VALUE);
	assert_null(v);
}

static void test_bangkok(void **state)
{
	struct testdb *t = *state;
	struct s40_area_rec *v;
	size_t n;
	testdb_ok(s40_area_descendants(t->st, 10, S40_LEVEL_DISTRICT, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 50);
	free(v);
	testdb_ok(s40_area_descendants(t->st, 10, S40_LEVEL_SUBDISTRICT, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 180);
	free(v);
	testdb_ok(s40_area_descendants(t->st, 10, S40_LEVEL_VILLAGE, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 180); /* only the part-00 code of each khwaeng */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].moo, 0);
	free(v);

	/* The whole country, as data/geo/README.md counts what ships: 878 amphoe and
	 * 50 khet, 7,256 tambon and 180 khwaeng, 75,206 villages. */
	testdb_ok(s40_area_descendants(t->st, 0, S40_LEVEL_DISTRICT, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 878 + 50);
	free(v);
	testdb_ok(s40_area_descendants(t->st, 0, S40_LEVEL_SUBDISTRICT, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 7256 + 180);
	free(v);
	testdb_ok(s40_area_descendants(t->st, 0, S40_LEVEL_VILLAGE, &v, &n, &t->ctx), &t->ctx);
	size_t moo = 0;
	for (size_t i = 0; i < n; i++)
		moo += v[i].moo >= 1;
	assert_int_equal(moo, 75206);
	assert_int_equal(n - moo, 7256 + 180);
	free(v);
}

static void test_full_names(void **state)
{
	struct testdb *t = *state;
	static const struct {
		int32_t code;
		enum s40_lang lang;
		const char *want;
	} cases[] = {
		{ 75030702, S40_LANG_TH, "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" },
		{ 75030702, S40_LANG_EN, "Moo 2, Khwae Om, Amphawa, Samut Songkhram" },
		{ 75030700, S40_LANG_TH, "นอกเขตหมู่บ้าน ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" },
		{ 75030700, S40_LANG_EN, "Not in a village, Khwae Om, Amphawa, Samut Songkhram" },
		{ 750307, S40_LANG_TH, "ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" },
		{ 7503, S40_LANG_TH, "อำเภออัมพวา จังหวัดสมุทรสงคราม" },
		{ 75, S40_LANG_TH, "จังหวัดสมุทรสงคราม" },
		{ 75, S40_LANG_EN, "Samut Songkhram" },
		{ 100101, S40_LANG_TH, "แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร" },
		{ 100101, S40_LANG_EN, "Phra Borom Maha Ratchawang, Phra Nakhon, Bangkok" },
		{ 10010100, S40_LANG_TH, "นอกเขตหมู่บ้าน แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร" },
		{ 10, S40_LANG_TH, "กรุงเทพมหานคร" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[512];
		testdb_ok(s40_area_full_name(t->st, cases[i].code, cases[i].lang, buf, sizeof buf,
					     &t->ctx),
			  &t->ctx);
		assert_string_equal(buf, cases[i].want);
	}
	char buf[512], small[16];
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_area_full_name(t->st, 75039901, S40_LANG_TH, buf, sizeof buf, &t->ctx),
			 S40_E_UNKNOWN_AREA);
	assert_int_equal(s40_area_full_name(t->st, 75030702, S40_LANG_TH, small, sizeof small,
					    &t->ctx),
			 S40_E_LIMIT);
}

static void test_load_twice(void **state)
{
	struct testdb *t = *state;
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_AREA_COUNT, &t->ctx);
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	int64_t before = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	/* Provinces, districts, subdistricts, villages and one part-00 code per
	 * subdistrict (data/geo/README.md). */
	assert_int_equal(before, 77 + 928 + 7436 + 75206 + 7436);
	int64_t seq = testdb_journal_last(t->st);
	assert_int_equal(seq, 1);

	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "areas", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].op, "areas.load");
	assert_non_null(strstr(e[0].detail, "\"provinces\":77"));
	assert_non_null(strstr(e[0].detail, "\"subdistricts\":7436"));
	assert_non_null(strstr(e[0].detail, "\"villages\":75206"));
	s40_journal_entries_free(e, n);

	testdb_ok(s40_areas_load(&t->reg, &t->ctx), &t->ctx);
	s = s40_store_stmt(t->st, S40_Q_AREA_COUNT, &t->ctx);
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	assert_int_equal(s40_col_int64(s, 0), before);
	s40_stmt_reset(s);
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_false(s40_store_in_tx(t->st));
}

static void test_set_village(void **state)
{
	struct testdb *t = *state;
	struct s40_area_rec a;
	char buf[512];
	int changed = -1;
	int64_t seq = testdb_journal_last(t->st);

	/* Rename หมู่ 2 แควอ้อม. */
	testdb_ok(s40_area_set_village(&t->reg, 75030702, "  บ้านแควอ้อม ", "Ban Khwae Om", &changed,
				       &t->ctx),
		  &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);
	testdb_ok(s40_area_get(t->st, 75030702, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "บ้านแควอ้อม"); /* normalised */
	assert_string_equal(a.name_en, "Ban Khwae Om");
	assert_int_equal(a.moo, 2);
	testdb_ok(s40_area_full_name(t->st, 75030702, S40_LANG_TH, buf, sizeof buf, &t->ctx),
		  &t->ctx);
	assert_string_equal(buf, "หมู่ 2 บ้านแควอ้อม ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม");
	testdb_ok(s40_area_full_name(t->st, 75030702, S40_LANG_EN, buf, sizeof buf, &t->ctx),
		  &t->ctx);
	assert_string_equal(buf, "Moo 2 Ban Khwae Om, Khwae Om, Amphawa, Samut Songkhram");

	/* The same name again changes nothing. */
	testdb_ok(s40_area_set_village(&t->reg, 75030702, "บ้านแควอ้อม", "Ban Khwae Om", &changed,
				       &t->ctx),
		  &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	/* A new หมู่ 9 in แควอ้อม is added. */
	testdb_ok(s40_area_set_village(&t->reg, 75030709, "บ้านใหม่", NULL, &changed, &t->ctx),
		  &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 2);
	testdb_ok(s40_area_get(t->st, 75030709, &a, &t->ctx), &t->ctx);
	assert_int_equal(a.level, S40_LEVEL_VILLAGE);
	assert_int_equal(a.parent, 750307);
	assert_int_equal(a.moo, 9);
	assert_string_equal(a.name_th, "บ้านใหม่");
	assert_string_equal(a.name_en, "");
	assert_int_equal(n_children(t, 750307), 10);

	/* Each change has its journal entry. */
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "area:75030702", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].op, "area.rename");
	assert_string_equal(e[0].user, "tester");
	assert_int_equal(e[0].at, TESTDB_NOW);
	s40_journal_entries_free(e, n);
	testdb_ok(s40_journal_of_entity(t->st, "area:75030709", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].op, "area.add");
	assert_string_equal(e[0].detail, "{\"moo\":9}");
	s40_journal_entries_free(e, n);

	/* Refusals write nothing. */
	static const struct {
		int32_t code;
		const char *name;
		enum s40_err want;
		const char *field;
	} bad[] = {
		{ 75030700, "นอกเขต", S40_E_BAD_AREA, "code" }, /* part 00 takes no name */
		{ 75039901, "บ้านไม่มี", S40_E_UNKNOWN_AREA, "code" }, /* no subdistrict 750399 */
		{ 750307, "ตำบล", S40_E_BAD_AREA, "code" }, /* not a village code */
		{ 75030703, "   ", S40_E_MISSING, "name_th" }, /* no name */
	};
	int64_t last = testdb_journal_last(t->st);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s40_ctx_clear(&t->ctx);
		changed = -1;
		assert_int_equal(s40_area_set_village(&t->reg, bad[i].code, bad[i].name, NULL,
						      &changed, &t->ctx),
				 bad[i].want);
		assert_int_equal(t->ctx.code, bad[i].want);
		assert_string_equal(t->ctx.field, bad[i].field);
		assert_int_equal(changed, 0);
		assert_int_equal(testdb_journal_last(t->st), last);
		assert_false(s40_store_in_tx(t->st));
	}
	assert_int_equal(s40_area_get(t->st, 75039901, &a, &t->ctx), S40_E_UNKNOWN_AREA);
	testdb_ok(s40_area_get(t->st, 75030703, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "หมู่ 3");
	testdb_ok(s40_area_get(t->st, 75030700, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "นอกเขตหมู่บ้าน");

	int64_t nj, badseq;
	testdb_ok(s40_journal_verify(t->st, &nj, &badseq, &t->ctx), &t->ctx);
	assert_int_equal(nj, last);
}

/* Inside an outer transaction (an import), naming joins it: a rollback of the
 * outer one takes the name back. */
static void test_set_village_in_batch(void **state)
{
	struct testdb *t = *state;
	int changed;
	testdb_ok(s40_reg_begin(&t->reg, &t->ctx), &t->ctx);
	testdb_ok(s40_area_set_village(&t->reg, 75030501, "บ้านเหมืองใหม่", NULL, &changed, &t->ctx),
		  &t->ctx);
	assert_int_equal(changed, 1);
	assert_true(s40_store_in_tx(t->st));
	assert_int_equal(s40_reg_end(&t->reg, S40_E_REJECTED, &t->ctx), S40_E_REJECTED);
	assert_false(s40_store_in_tx(t->st));
	struct s40_area_rec a;
	testdb_ok(s40_area_get(t->st, 75030501, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "หมู่ 1");
	assert_int_equal(testdb_journal_last(t->st), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_provinces, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_samut_songkhram, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bangkok, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_full_names, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_load_twice, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_set_village, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_set_village_in_batch, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
