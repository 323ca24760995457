/*
 * geo.c — the points of areas: the embedded data/geo/subdistrict_points.csv
 * read once into a sorted table of subdistricts, and from it the districts',
 * provinces' and the country's points as means (geo.h says of what).
 */
#include "registry/geo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/csv.h"
#include "core/embed.h"

struct geo_point {
	int32_t code;
	double lat, lon;
};

/* One table per level, each by code; filled once by geo_load. */
static struct geo_point *geo_sub, *geo_dist, *geo_prov;
static size_t n_geo_sub, n_geo_dist, n_geo_prov;
static struct geo_point geo_country;
static bool geo_country_known;
static pthread_once_t geo_once = PTHREAD_ONCE_INIT;

/*
 * Parse a degree value written with at most 3 decimals ("13.4", "-0.125",
 * "100.06") into thousandths, exactly and whatever the locale. -1 if it is
 * not such a number or lies outside [-180, 180].
 */
static int parse_millideg(const char *s, int32_t *v)
{
	bool neg = *s == '-';
	if (neg)
		s++;
	int32_t whole = 0, frac = 0;
	int n_whole = 0, n_frac = 0;
	for (; *s >= '0' && *s <= '9'; s++, n_whole++) {
		if (n_whole == 3)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, n_frac++) {
			if (n_frac == 3)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
	if (*s != '\0' || n_whole == 0)
		return -1;
	for (int i = n_frac; i < 3; i++)
		frac *= 10;
	int32_t x = whole * 1000 + frac;
	if (x > 180000)
		return -1;
	*v = neg ? -x : x;
	return 0;
}

static int point_cmp(const void *a, const void *b)
{
	int32_t x = ((const struct geo_point *)a)->code, y = ((const struct geo_point *)b)->code;
	return (x > y) - (x < y);
}

/*
 * The means of in[0 … n) grouped by parent code (in sorted by code, so each
 * group is a run) into *out, sorted by code as well. -1 out of memory.
 */
static int geo_means(const struct geo_point *in, size_t n, struct geo_point **out, size_t *n_out)
{
	*out = calloc(n ? n : 1, sizeof **out);
	if (*out == NULL)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		int32_t parent = s40_area_parent(in[i].code);
		double lat = 0, lon = 0;
		size_t j = i;
		for (; j < n && s40_area_parent(in[j].code) == parent; j++) {
			lat += in[j].lat;
			lon += in[j].lon;
		}
		(*out)[k++] =
			(struct geo_point){ parent, lat / (double)(j - i), lon / (double)(j - i) };
		i = j;
	}
	*n_out = k;
	return 0;
}

/*
 * Read the embedded points. A row that is not "subdistrict code, lat, lon"
 * is skipped rather than failing the whole table: the file is ours, and the
 * unit tests check that every row of it loads.
 */
static void geo_load(void)
{
	const struct s40_embed *e = s40_embed_find("geo/subdistrict_points.csv");
	if (e == NULL)
		return;
	struct s40_csv *r = s40_csv_open_mem(e->data, e->len);
	if (r == NULL)
		return;
	size_t cap = 8192, n = 0, n_fields;
	struct geo_point *v = malloc(cap * sizeof *v);
	bool header = true;
	while (v != NULL && s40_csv_next(r, &n_fields, NULL) == S40_OK && n_fields > 0) {
		if (header) {
			header = false;
			continue;
		}
		int32_t code, lat, lon;
		char *end;
		const char *c = s40_csv_field(r, 0);
		if (n_fields != 3 || strlen(c) != 6)
			continue;
		long x = strtol(c, &end, 10);
		if (*end != '\0' || s40_area_level((int32_t)x) != S40_LEVEL_SUBDISTRICT)
			continue;
		code = (int32_t)x;
		if (parse_millideg(s40_csv_field(r, 1), &lat) != 0 ||
		    parse_millideg(s40_csv_field(r, 2), &lon) != 0 || lat > 90000 || lat < -90000)
			continue;
		if (n == cap) {
			struct geo_point *w = realloc(v, 2 * cap * sizeof *v);
			if (w == NULL) {
				free(v);
				v = NULL;
				break;
			}
			v = w;
			cap *= 2;
		}
		v[n++] = (struct geo_point){ code, lat / 1000.0, lon / 1000.0 };
	}
	s40_csv_close(r);
	if (v == NULL)
		return;
	qsort(v, n, sizeof *v, point_cmp);
	struct geo_point *d = NULL, *p = NULL;
	size_t n_d = 0, n_p = 0;
	if (geo_means(v, n, &d, &n_d) != 0 || geo_means(d, n_d, &p, &n_p) != 0) {
		free(v);
		free(d);
		return;
	}
	geo_sub = v;
	n_geo_sub = n;
	geo_dist = d;
	n_geo_dist = n_d;
	geo_prov = p;
	n_geo_prov = n_p;
	if (n_p > 0) {
		double lat = 0, lon = 0;
		for (size_t i = 0; i < n_p; i++) {
			lat += p[i].lat;
			lon += p[i].lon;
		}
		geo_country = (struct geo_point){ 0, lat / (double)n_p, lon / (double)n_p };
		geo_country_known = true;
	}
}

bool s40_geo_point(int32_t code, double *lat, double *lon)
{
	pthread_once(&geo_once, geo_load);
	const struct geo_point *t;
	size_t n;
	switch (s40_area_level(code)) {
	case S40_LEVEL_VILLAGE:
		code = s40_area_parent(code);
		/* fall through */
	case S40_LEVEL_SUBDISTRICT:
		t = geo_sub, n = n_geo_sub;
		break;
	case S40_LEVEL_DISTRICT:
		t = geo_dist, n = n_geo_dist;
		break;
	case S40_LEVEL_PROVINCE:
		t = geo_prov, n = n_geo_prov;
		break;
	default:
		if (code != 0 || !geo_country_known)
			return false;
		*lat = geo_country.lat;
		*lon = geo_country.lon;
		return true;
	}
	if (n == 0)
		return false;
	struct geo_point key = { .code = code };
	const struct geo_point *hit = bsearch(&key, t, n, sizeof *t, point_cmp);
	if (hit == NULL)
		return false;
	*lat = hit->lat;
	*lon = hit->lon;
	return true;
}
