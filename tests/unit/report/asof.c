/*
 * Unit tests of lib/report/asof.c: the as-of table for an area at a level,
 * its rows, names and counts, its total row, and its refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/membership.h"
#include "report/asof.h"
#include "report/table.h"
#include "rules/eligibility.h"
#include "stats/asof.h"
#include "testdb.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/* Members on 31 Oct 2019: 3 in เมืองสมุทรสงคราม, 2 in บางคนที, 1 in อัมพวา,
 * 1 in Bangkok; one more in อัมพวา who left before, one who joined after. */
static struct s40_asof *members(struct testdb *t)
{
	static const struct {
		int32_t village;
		int sy, sm, sd;
		int ey, em, ed; /* 0: still a member */
	} m[] = {
		{ 75010201, 2015, 1, 1, 0, 0, 0 },     { 75010201, 2019, 10, 31, 0, 0, 0 },
		{ 75010100, 2018, 5, 5, 2020, 1, 1 },  { 75020101, 2012, 3, 1, 0, 0, 0 },
		{ 75020202, 2019, 1, 1, 2019, 11, 1 }, { 75030702, 2016, 7, 7, 0, 0, 0 },
		{ 10010100, 2017, 1, 1, 0, 0, 0 },     { 75030501, 2014, 1, 1, 2019, 10, 31 },
		{ 75030702, 2019, 11, 1, 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		int64_t id = testdb_natid(150000000000 + (int64_t)i);
		testdb_add_person(t, id, "สมาชิก", "รายงาน", ymd(1975, 1, 1), m[i].village);
		struct s40_enrol e = { .person = id,
				       .option = 1,
				       .day = ymd(m[i].sy, m[i].sm, m[i].sd) };
		testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
		if (m[i].ey)
			testdb_ok(s40_membership_end(&t->reg, id, ymd(m[i].ey, m[i].em, m[i].ed),
						     S40_END_RESIGNED, &t->ctx),
				  &t->ctx);
	}
	struct s40_asof *ix;
	testdb_ok(s40_asof_build(t->st, &ix, &t->ctx), &t->ctx);
	return ix;
}

static int64_t cell_int(const struct s40_table *t, size_t r, size_t c)
{
	const struct s40_cell *x = s40_table_cell(t, r, c);
	assert_non_null(x);
	assert_false(x->is_null);
	return x->i;
}

static const char *cell_text(const struct s40_table *t, size_t r, size_t c)
{
	const struct s40_cell *x = s40_table_cell(t, r, c);
	assert_non_null(x);
	return x->is_null ? NULL : x->s;
}

static void test_province_by_district(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix = members(t);
	const int32_t day = ymd(2019, 10, 31);
	static const struct {
		int32_t code;
		const char *th, *en;
		int64_t n;
	} want[] = {
		{ 7501, "เมืองสมุทรสงคราม", "Mueang Samut Songkhram", 3 },
		{ 7502, "บางคนที", "Bang Khonthi", 2 },
		{ 7503, "อัมพวา", "Amphawa", 1 },
	};
	/* S40_LEVEL_NONE means one level down: the same table. */
	static const enum s40_level levels[] = { S40_LEVEL_DISTRICT, S40_LEVEL_NONE };
	for (size_t l = 0; l < 2; l++) {
		struct s40_table tb;
		s40_table_init(&tb, "ผู้ประกันตนมาตรา 40", "Section 40 members");
		testdb_ok(s40_report_asof(t->st, ix, 75, levels[l], day, &tb, &t->ctx), &t->ctx);
		assert_int_equal(tb.n_cols, 4);
		assert_string_equal(tb.cols[0].key, "code");
		assert_string_equal(tb.cols[3].key, "members");
		assert_int_equal(tb.cols[3].type, S40_COL_INT);
		assert_string_equal(tb.subtitle_th, "จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562");
		assert_non_null(strstr(tb.subtitle_en, "Samut Songkhram"));
		assert_int_equal(tb.n_rows, 4);
		int64_t sum = 0;
		for (size_t i = 0; i < 3; i++) {
			assert_int_equal(cell_int(&tb, i, 0), want[i].code);
			assert_string_equal(cell_text(&tb, i, 1), want[i].th);
			assert_string_equal(cell_text(&tb, i, 2), want[i].en);
			assert_int_equal(cell_int(&tb, i, 3), want[i].n);
			assert_int_equal(cell_int(&tb, i, 3),
					 s40_asof_count(ix, want[i].code, day));
			sum += cell_int(&tb, i, 3);
		}
		/* The total row: the province itself, equal to the index's count. */
		assert_int_equal(cell_int(&tb, 3, 0), 75);
		assert_string_equal(cell_text(&tb, 3, 1), "รวมจังหวัดสมุทรสงคราม");
		assert_string_equal(cell_text(&tb, 3, 2), "Total Samut Songkhram");
		assert_int_equal(cell_int(&tb, 3, 3), s40_asof_count(ix, 75, day));
		assert_int_equal(cell_int(&tb, 3, 3), 6);
		assert_int_equal(sum, 6);
		s40_table_free(&tb);
	}
	s40_asof_free(ix);
}

/* A point for every district but 7502. */
static bool fake_point(int32_t code, double *lat, double *lon)
{
	if (code == 7502)
		return false;
	*lat = 13.0 + code % 100;
	*lon = 100.0;
	return true;
}

/* The map of the report: one area per row but the total, with its members,
 * names and point; none for a report by village. */
static void test_map(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix = members(t);
	const int32_t day = ymd(2019, 10, 31);
	struct s40_table tb;
	struct s40_map m;
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_asof(t->st, ix, 75, S40_LEVEL_NONE, day, &tb, &t->ctx), &t->ctx);
	testdb_ok(s40_report_asof_map(&tb, 75, S40_LEVEL_NONE, fake_point, &m, &t->ctx), &t->ctx);
	assert_int_equal(m.n_areas, 3);
	assert_string_equal(m.title_th, "แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายอำเภอ");
	assert_string_equal(m.subtitle_th, tb.subtitle_th);
	assert_null(m.share_th);
	assert_int_equal(m.areas[0].code, 7501);
	assert_string_equal(m.areas[0].name_th, "เมืองสมุทรสงคราม");
	assert_string_equal(m.areas[0].name_en, "Mueang Samut Songkhram");
	assert_int_equal(m.areas[0].value, 3);
	assert_true(m.areas[0].has_point);
	assert_true(m.areas[0].lat == 14.0);
	assert_false(m.areas[1].has_point);
	assert_int_equal(m.areas[1].value, 2);
	assert_int_equal(m.areas[2].value, 1);
	s40_map_free(&m);
	assert_int_equal(m.n_areas, 0);
	s40_table_free(&tb);

	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_asof(t->st, ix, 7501, S40_LEVEL_VILLAGE, day, &tb, &t->ctx), &t->ctx);
	testdb_ok(s40_report_asof_map(&tb, 7501, S40_LEVEL_VILLAGE, fake_point, &m, &t->ctx),
		  &t->ctx);
	assert_int_equal(m.n_areas, 0);
	s40_table_free(&tb);
	s40_asof_free(ix);
}

static void test_other_levels(void **state)
{
	struct testdb *t = *state;
	struct s40_asof *ix = members(t);
	const int32_t day = ymd(2019, 10, 31);
	struct s40_table tb;

	/* Every village of the province, with 0 where there is no member. */
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_asof(t->st, ix, 75, S40_LEVEL_VILLAGE, day, &tb, &t->ctx), &t->ctx);
	assert_int_equal(tb.n_rows, 284 + 36 + 1);
	int64_t sum = 0;
	for (size_t i = 0; i + 1 < tb.n_rows; i++) {
		int32_t code = (int32_t)cell_int(&tb, i, 0);
		assert_int_equal(cell_int(&tb, i, 3), s40_asof_count(ix, code, day));
		sum += cell_int(&tb, i, 3);
		if (code == 75010201)
			assert_int_equal(cell_int(&tb, i, 3), 2);
	}
	assert_int_equal(sum, 6);
	assert_int_equal(cell_int(&tb, tb.n_rows - 1, 3), 6);
	s40_table_free(&tb);

	/* The whole country by province: 77 rows and a total with no code. */
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_asof(t->st, ix, 0, S40_LEVEL_NONE, day, &tb, &t->ctx), &t->ctx);
	assert_int_equal(tb.n_rows, 78);
	assert_int_equal(cell_int(&tb, 0, 0), 10);
	assert_int_equal(cell_int(&tb, 0, 3), 1);
	assert_true(s40_table_cell(&tb, 77, 0)->is_null);
	assert_int_equal(cell_int(&tb, 77, 3), 7);
	assert_int_equal(cell_int(&tb, 77, 3), s40_asof_count(ix, 0, day));
	assert_string_equal(tb.subtitle_th, "ทั้งประเทศ ณ วันที่ 31 ตุลาคม 2562");
	s40_table_free(&tb);

	/* A day later: the one who left on 1 Nov is gone, the new one is in. */
	s40_table_init(&tb, NULL, NULL);
	testdb_ok(s40_report_asof(t->st, ix, 7503, S40_LEVEL_NONE, ymd(2019, 11, 1), &tb, &t->ctx),
		  &t->ctx);
	assert_int_equal(tb.n_rows, 12 + 1);
	assert_int_equal(cell_int(&tb, 12, 0), 7503);
	assert_int_equal(cell_int(&tb, 12, 3), 2);
	s40_table_free(&tb);

	/* Refusals: a level above the area, an area that does not exist. */
	s40_table_init(&tb, NULL, NULL);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_report_asof(t->st, ix, 7503, S40_LEVEL_PROVINCE, day, &tb, &t->ctx),
			 S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "level");
	assert_int_equal(tb.n_rows, 0);
	s40_table_free(&tb);
	s40_table_init(&tb, NULL, NULL);
	assert_int_equal(s40_report_asof(t->st, ix, 59, S40_LEVEL_NONE, day, &tb, &t->ctx),
			 S40_E_UNKNOWN_AREA); /* there is no province 59 */
	assert_int_equal(tb.n_rows, 0);
	s40_table_free(&tb);
	s40_table_init(&tb, NULL, NULL);
	assert_int_equal(s40_report_asof(t->st, ix, 7504, S40_LEVEL_NONE, day, &tb, &t->ctx),
			 S40_E_UNKNOWN_AREA);
	s40_table_free(&tb);
	s40_asof_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_province_by_district, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_other_levels, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_map, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
