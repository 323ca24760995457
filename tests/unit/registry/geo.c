/*
 * Unit tests of lib/registry/geo.c: the points of Samut Songkhram's areas
 * (a subdistrict's from the file, a district's and the province's as means),
 * a village, areas with no point, numbers that are not codes, every shipped
 * row loaded, and the first calls made from several threads at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"
#include "core/embed.h"
#include "registry/geo.h"

#define EPS 1e-9

/* Run first, before any other test has loaded the points. */
static void *point_of_7503(void *arg)
{
	double *v = arg;
	v[2] = s40_geo_point(7503, &v[0], &v[1]);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t th[4];
	double v[4][3];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, point_of_7503, v[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(v[i][2] == 1.0);
		assert_true(v[i][0] == v[0][0] && v[i][1] == v[0][1]);
	}
}

static void test_subdistrict(void **state)
{
	(void)state;
	double lat = 0, lon = 0;
	assert_true(s40_geo_point(750307, &lat, &lon)); /* แควอ้อม: 750307,13.436,99.937 */
	assert_float_equal(lat, 13.436, EPS);
	assert_float_equal(lon, 99.937, EPS);
	assert_true(s40_geo_point(750101, &lat, &lon)); /* written "13.4" in the file */
	assert_float_equal(lat, 13.4, EPS);
	assert_float_equal(lon, 99.994, EPS);
	/* A village is at its subdistrict's point, หมู่ 2 as "in no village". */
	lat = lon = 0;
	assert_true(s40_geo_point(75030702, &lat, &lon));
	assert_float_equal(lat, 13.436, EPS);
	assert_float_equal(lon, 99.937, EPS);
	assert_true(s40_geo_point(75030700, &lat, &lon));
	assert_float_equal(lat, 13.436, EPS);
}

static void test_means(void **state)
{
	(void)state;
	double lat = 0, lon = 0;
	/* อัมพวา: the mean of its 12 subdistricts' points. */
	assert_true(s40_geo_point(7503, &lat, &lon));
	assert_float_equal(lat, 160.839 / 12, EPS);
	assert_float_equal(lon, 1199.115 / 12, EPS);
	/* สมุทรสงคราม: the mean of its 3 districts' points, not of its 36 subdistricts'. */
	double d[3][2];
	assert_true(s40_geo_point(7501, &d[0][0], &d[0][1]));
	assert_true(s40_geo_point(7502, &d[1][0], &d[1][1]));
	assert_true(s40_geo_point(7503, &d[2][0], &d[2][1]));
	assert_float_equal(d[0][0], 147.479 / 11, EPS);
	assert_float_equal(d[1][0], 175.173 / 13, EPS);
	assert_true(s40_geo_point(75, &lat, &lon));
	assert_float_equal(lat, (d[0][0] + d[1][0] + d[2][0]) / 3, EPS);
	assert_float_equal(lon, (d[0][1] + d[1][1] + d[2][1]) / 3, EPS);
	assert_float_equal(lat, 13.428426, 1e-6);
	assert_float_equal(lon, 99.956678, 1e-6);
	/* The country: the mean of the 77 provinces' points, inside Thailand. */
	assert_true(s40_geo_point(0, &lat, &lon));
	assert_float_equal(lat, 14.227421, 1e-6);
	assert_float_equal(lon, 101.038266, 1e-6);
}

static void test_no_point(void **state)
{
	(void)state;
	double lat = -1, lon = -1;
	/* สะพานไกร (Phetchaburi) and Bangkok's บางนาเหนือ have none in the source. */
	assert_false(s40_geo_point(760611, &lat, &lon));
	assert_false(s40_geo_point(104702, &lat, &lon));
	assert_false(s40_geo_point(76061101, &lat, &lon));
	/* บางนา (1047): none of its subdistricts has a point; its province has one. */
	assert_false(s40_geo_point(1047, &lat, &lon));
	assert_true(s40_geo_point(10, &lat, &lon));
	lat = lon = -1;
	/* Not areas: no such subdistrict, district or province; not codes at all. */
	assert_false(s40_geo_point(750399, &lat, &lon));
	assert_false(s40_geo_point(7509, &lat, &lon));
	assert_false(s40_geo_point(99, &lat, &lon));
	assert_false(s40_geo_point(7, &lat, &lon));
	assert_false(s40_geo_point(-75, &lat, &lon));
	assert_false(s40_geo_point(123456789, &lat, &lon));
	assert_float_equal(lat, -1, 0);
	assert_float_equal(lon, -1, 0);
}

/* Every subdistrict of the shipped geography: 7,351 of the 7,436 have a point. */
static void test_every_row(void **state)
{
	(void)state;
	const struct s40_embed *e = s40_embed_find("geo/subdistricts.csv");
	assert_non_null(e);
	struct s40_csv *r = s40_csv_open_mem(e->data, e->len);
	assert_non_null(r);
	size_t nf, n = 0, n_point = 0;
	assert_int_equal(s40_csv_next(r, &nf, NULL), S40_OK); /* the header */
	while (s40_csv_next(r, &nf, NULL) == S40_OK && nf > 0) {
		int32_t code = (int32_t)strtol(s40_csv_field(r, 0), NULL, 10);
		double lat, lon;
		n++;
		if (s40_geo_point(code, &lat, &lon)) {
			n_point++;
			assert_true(lat > 5 && lat < 21 && lon > 97 && lon < 106);
		}
	}
	s40_csv_close(r);
	assert_int_equal(n, 7436);
	assert_int_equal(n_point, 7351);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),	  cmocka_unit_test(test_subdistrict),
		cmocka_unit_test(test_means),	  cmocka_unit_test(test_no_point),
		cmocka_unit_test(test_every_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
