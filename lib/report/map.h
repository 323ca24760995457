/*
 * map.h — a proportional-symbol map of areas on a PDF page (map.c): a circle
 * per area at its point, its area in proportion to a count, filled by a share
 * on a sequential palette (or one colour when there is none), with a legend,
 * a label per circle and the list of the areas that have no point. There are
 * no boundaries: a point per subdistrict (data/geo), a district's the mean of
 * its subdistricts'. The report PDF (pdf.c) draws it on a page of its own.
 */
#ifndef S40_REPORT_MAP_H
#define S40_REPORT_MAP_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/error.h"

/* One area on the map. The strings are borrowed (the caller keeps them). */
struct s40_map_area {
	int32_t code;
	const char *name_th;
	const char *name_en; /* NULL or "": the Thai name is used */
	int has_point; /* lat and lon hold its point; else it is listed under the map */
	double lat, lon; /* WGS 84 degrees */
	int64_t value; /* sizes the circle (0: an open marker) */
	int32_t share; /* colours it: hundredths of a per cent, 0 … 10000; -1 unknown */
};

/*
 * A map: its title and subtitle, what the sizes count and what the colours
 * show, and its areas (in the order of the report's table). With share_th
 * NULL every circle is one colour and the shares are not read. The strings
 * are borrowed; areas is owned by whoever made the map (s40_map_free frees it).
 */
struct s40_map {
	const char *title_th, *title_en;
	const char *subtitle_th, *subtitle_en;
	const char *value_th, *value_en; /* "ผู้ประกันตน (คน)" */
	const char *share_th, *share_en; /* NULL: one colour */
	struct s40_map_area *areas;
	size_t n_areas;
};

/* Free m's areas; m is left empty. */
void s40_map_free(struct s40_map *m);

/* Where an area's circle is drawn: centre and radius in points; r 0 for a
 * value of 0 (drawn as a small open marker); placed 0 for an area without a point. */
struct s40_map_circle {
	double x, y, r;
	int placed;
};

/*
 * Place m's areas in the frame x, y, w, h (points, y down): an equirectangular
 * projection (x scaled by the cosine of the points' mean latitude) scaled
 * alike in both directions to the points' extent and centred, so that every
 * circle lies inside the frame. The largest value gets the largest radius
 * (*r_max, chosen from the spacing of the points and the frame's size) and
 * the radii go as the square root of the values. out has m->n_areas entries.
 */
void s40_map_place(const struct s40_map *m, double x, double y, double w, double h,
		   struct s40_map_circle *out, double *r_max);

/* Whether m fits a landscape page better than a portrait one (its points
 * wider than tall); 0 for a map with fewer than two points. */
int s40_pdf_map_landscape(const struct s40_map *m);

/*
 * Draw m with layout l in lang inside the box x, y, w, h of the current page
 * (the page's footer is the caller's): the title and subtitle, the frame with
 * its circles (outlined, largest first) and labels (the area's name beside
 * its circle, or inside it, where it does not cover another label or circle;
 * else a number keyed in a list under the map), the legend (sizes and
 * colours with their values) and "ไม่มีพิกัด" (No point) with every area
 * that has no point and its value. Grey and black but for the fill, whose
 * palette (ColorBrewer YlGnBu) is safe for colour-blind readers and darkens
 * steadily, so that it prints on a black-and-white printer. S40_E_NOMEM.
 */
enum s40_err s40_pdf_map(cairo_t *cr, PangoLayout *l, const struct s40_map *m, enum s40_lang lang,
			 double x, double y, double w, double h);

#endif
