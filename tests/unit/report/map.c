/*
 * map.c — unit tests of lib/report/map.c: the projection and scaling of the
 * points into the frame (sizes by the square root of the values, every circle
 * inside the frame, x shrunk by the cosine of the latitude), areas without a
 * point, and the map's page after the table in the PDF (its orientation and
 * the page count). The page's text is read back by tests/cmd/345-report-map.t.
 */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "report/map.h"
#include "report/table.h"

/* Samut Songkhram's three districts (the means of their subdistricts' points)
 * and their members on 31 October 2562. */
static struct s40_map_area three[] = {
	{ 7501, "เมืองสมุทรสงคราม", "Mueang Samut Songkhram", 1, 13.405, 100.000, 5358, -1 },
	{ 7502, "บางคนที", "Bang Khonthi", 1, 13.470, 99.940, 5657, -1 },
	{ 7503, "อัมพวา", "Amphawa", 1, 13.420, 99.940, 6078, -1 },
};

static struct s40_map map_of(struct s40_map_area *areas, size_t n)
{
	return (struct s40_map){ .title_th = "แผนที่",
				 .title_en = "Map",
				 .value_th = "ผู้ประกันตน",
				 .value_en = "Members",
				 .areas = areas,
				 .n_areas = n };
}

static void assert_inside(const struct s40_map_circle *c, double x, double y, double w, double h)
{
	assert_true(c->x - c->r >= x - 1e-9);
	assert_true(c->x + c->r <= x + w + 1e-9);
	assert_true(c->y - c->r >= y - 1e-9);
	assert_true(c->y + c->r <= y + h + 1e-9);
}

/* Three points: the largest value the largest circle, radii as the square
 * roots of the values, every circle inside the frame, north up. */
static void test_place_three(void **state)
{
	(void)state;
	struct s40_map m = map_of(three, 3);
	struct s40_map_circle c[3];
	double rmax = 0;
	s40_map_place(&m, 50, 80, 400, 300, c, &rmax);
	for (size_t i = 0; i < 3; i++) {
		assert_true(c[i].placed);
		assert_inside(&c[i], 50, 80, 400, 300);
	}
	assert_true(c[2].r > c[1].r && c[1].r > c[0].r);
	assert_true(fabs(c[2].r - rmax) < 1e-9);
	assert_true(fabs(c[0].r / c[2].r - sqrt(5358.0 / 6078.0)) < 1e-9);
	/* บางคนที is north of อัมพวา (smaller y), west of the town. */
	assert_true(c[1].y < c[2].y);
	assert_true(c[1].x < c[0].x);
	assert_true(fabs(c[1].x - c[2].x) < 1e-9);
	/* the points span the frame in one direction at least (less the largest radius) */
	double sx = fabs(c[0].x - c[1].x) + 2 * rmax, sy = fabs(c[1].y - c[0].y) + 2 * rmax;
	assert_true(fabs(sx - 400) < 1e-6 || fabs(sy - 300) < 1e-6);
}

/* x is shrunk by the cosine of the mean latitude: a degree east is shorter
 * than a degree north, at 60° half as long. */
static void test_place_cosine(void **state)
{
	(void)state;
	struct s40_map_area a[] = {
		{ 1, "ก", NULL, 1, 60.0, 10.0, 10, -1 },
		{ 2, "ข", NULL, 1, 60.0, 11.0, 10, -1 },
		{ 3, "ค", NULL, 1, 59.0, 10.0, 10, -1 },
		{ 4, "ง", NULL, 1, 61.0, 10.0, 10, -1 },
	};
	struct s40_map m = map_of(a, 4);
	struct s40_map_circle c[4];
	s40_map_place(&m, 0, 0, 500, 500, c, NULL);
	double east = c[1].x - c[0].x, north = (c[2].y - c[3].y) / 2;
	assert_true(east > 0 && north > 0);
	assert_true(fabs(east / north - cos(60.0 * M_PI / 180.0)) < 1e-6);
}

/* Areas without a point are not placed; one point is centred; a value of 0
 * gets radius 0 (an open marker); nothing leaves the frame. */
static void test_place_missing_single_zero(void **state)
{
	(void)state;
	struct s40_map_area a[] = {
		{ 750101, "แม่กลอง", NULL, 1, 13.41, 100.0, 0, -1 },
		{ 750102, "บางขันแตก", NULL, 0, 0, 0, 25, -1 },
	};
	struct s40_map m = map_of(a, 2);
	struct s40_map_circle c[2];
	double rmax;
	s40_map_place(&m, 10, 20, 200, 100, c, &rmax);
	assert_true(c[0].placed);
	assert_false(c[1].placed);
	assert_true(fabs(c[0].x - 110) < 1e-9 && fabs(c[0].y - 70) < 1e-9);
	assert_true(c[0].r == 0);
	assert_true(rmax > 0 && rmax <= 100 / 2.0);
	a[0].value = 7;
	s40_map_place(&m, 10, 20, 200, 100, c, &rmax);
	assert_true(fabs(c[0].r - rmax) < 1e-9);
	assert_inside(&c[0], 10, 20, 200, 100);
}

/* Many points, spread wide: circles smaller (by the points' spacing) and all
 * inside the frame. */
static void test_place_many(void **state)
{
	(void)state;
	struct s40_map_area a[77];
	for (size_t i = 0; i < 77; i++)
		a[i] = (struct s40_map_area){ (int32_t)(10 + i),
					      "จังหวัด",
					      NULL,
					      1,
					      5.6 + 15.0 * (double)(i % 11) / 10.0,
					      97.3 + 8.3 * (double)(i / 11) / 6.0,
					      (int64_t)(i * 37 % 500),
					      -1 };
	struct s40_map m = map_of(a, 77);
	struct s40_map_circle c[77];
	double rmax;
	s40_map_place(&m, 0, 0, 360, 600, c, &rmax);
	assert_true(rmax < 45);
	for (size_t i = 0; i < 77; i++)
		assert_inside(&c[i], 0, 0, 360, 600);
}

/* The map is a page after the table's, numbered with them; wide points turn
 * it landscape; a map whose areas have no point at all is still drawn. */
static void test_pdf_page(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "ผู้ประกันตน", "Members");
	assert_int_equal(s40_table_add_col(&t, "code", "รหัส", "code", S40_COL_CODE), S40_OK);
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	s40_table_set_int(&t, 0, 75);
	struct s40_map_area wide[] = {
		{ 1, "ตะวันตก", "West", 1, 13.0, 99.0, 100, -1 },
		{ 2, "ตะวันออก", "East", 1, 13.5, 103.0, 50, -1 },
		{ 3, "ไม่มี", "None", 0, 0, 0, 1, -1 },
	};
	struct s40_map m = map_of(wide, 3);
	assert_true(s40_pdf_map_landscape(&m));
	assert_false(s40_pdf_map_landscape(&(struct s40_map){ .areas = three, .n_areas = 1 }));
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 2)
			wide[0].has_point = wide[1].has_point = 0;
		char *data = NULL;
		size_t len = 0;
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		FILE *f = open_memstream(&data, &len);
		assert_non_null(f);
		enum s40_err rc =
			pass == 0 ?
				s40_table_render_pdf(&t, S40_LANG_TH, S40_NO_DAY, f, &ctx) :
				s40_table_render_pdf_map(&t, &m, S40_LANG_EN, S40_NO_DAY, f, &ctx);
		fclose(f);
		assert_int_equal(rc, S40_OK);
		assert_non_null(memmem(data, len, pass == 0 ? "/Count 1" : "/Count 2", 8));
		if (pass == 1)
			assert_non_null(
				memmem(data, len, "/MediaBox [ 0 0 841.8898 595.2756 ]", 35));
		free(data);
	}
	s40_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place_three),
		cmocka_unit_test(test_place_cosine),
		cmocka_unit_test(test_place_missing_single_zero),
		cmocka_unit_test(test_place_many),
		cmocka_unit_test(test_pdf_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
