/*
 * map.c — the proportional-symbol map of the report PDF (map.h): the
 * projection and scaling of the areas' points into a frame, and the page
 * drawn with cairo and pango in the built-in Sarabun: frame, circles,
 * labels, legend and the list of areas without a point.
 *
 * Circles are drawn largest first, so that a small one is never hidden
 * under a large one, each outlined in black. Labels are placed greedily, the
 * largest value first, at the first of a few spots around (or inside) the
 * circle that stays in the frame and covers no label and no other circle's
 * middle; a name that finds no spot becomes a number beside the circle,
 * keyed under the map, so that no area is left unnamed.
 */
#include "report/map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/thai.h"
#include "report/pdf.h"
#include "report/table.h"

#define MAP_R_FLOOR 7.0 /* the largest circle is at least this radius */
#define MAP_R_CAP 46.0 /* and at most this, or an eighth of the frame */
#define MAP_R_MIN 1.6 /* the smallest radius of a value above 0 */
#define MAP_ZERO_R 2.2 /* the open marker of a value of 0 */
#define MAP_LEGEND_W 150.0 /* the legend's column at the right */
#define MAP_GAP 12.0
#define MAP_SIZE_TITLE 15.0
#define MAP_SIZE_SUBTITLE 10.5
#define MAP_SIZE_HEAD 9.0
#define MAP_SIZE_LABEL 8.5
#define MAP_VALUES_UP_TO 30 /* labels carry the values on maps of this many circles or fewer */
#define MAP_INSET 6.0 /* between the frame and the circles */
#define MAP_SIZE_NUMBER 7.0
#define MAP_SIZE_NOTE 8.0

/* ColorBrewer YlGnBu, 5 classes: light to dark, safe for colour-blind readers. */
static const double map_palette[5][3] = {
	{ 0xff / 255.0, 0xff / 255.0, 0xcc / 255.0 }, { 0xa1 / 255.0, 0xda / 255.0, 0xb4 / 255.0 },
	{ 0x41 / 255.0, 0xb6 / 255.0, 0xc4 / 255.0 }, { 0x2c / 255.0, 0x7f / 255.0, 0xb8 / 255.0 },
	{ 0x25 / 255.0, 0x34 / 255.0, 0x94 / 255.0 },
};
/* The fill when there is no share: a light blue that prints light grey. */
static const double map_one_colour[3] = { 0x9e / 255.0, 0xca / 255.0, 0xe1 / 255.0 };
/* The sizes' legend on a map coloured by shares: no class's colour. */
static const double map_neutral[3] = { 0.9, 0.9, 0.9 };

void s40_map_free(struct s40_map *m)
{
	free(m->areas);
	m->areas = NULL;
	m->n_areas = 0;
}

/* The projected point of a: x east, y south, in degrees of latitude. */
static void map_project(const struct s40_map_area *a, double k, double *px, double *py)
{
	*px = a->lon * k;
	*py = -a->lat;
}

/* The cosine of the mean latitude of m's points (1 without points). */
static double map_xscale(const struct s40_map *m)
{
	double sum = 0;
	size_t n = 0;
	for (size_t i = 0; i < m->n_areas; i++)
		if (m->areas[i].has_point) {
			sum += m->areas[i].lat;
			n++;
		}
	return n ? cos(sum / (double)n * M_PI / 180.0) : 1.0;
}

/* The extent of m's projected points; the number of points. */
static size_t map_extent(const struct s40_map *m, double k, double *x0, double *y0, double *x1,
			 double *y1)
{
	size_t n = 0;
	*x0 = *y0 = INFINITY;
	*x1 = *y1 = -INFINITY;
	for (size_t i = 0; i < m->n_areas; i++) {
		if (!m->areas[i].has_point)
			continue;
		double px, py;
		map_project(&m->areas[i], k, &px, &py);
		*x0 = fmin(*x0, px);
		*x1 = fmax(*x1, px);
		*y0 = fmin(*y0, py);
		*y1 = fmax(*y1, py);
		n++;
	}
	return n;
}

static int map_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median distance from a point to its nearest other point (projected
 * degrees); 0 with fewer than two distinct points or without memory. */
static double map_spacing(const struct s40_map *m, double k)
{
	double *nn = malloc((m->n_areas ? m->n_areas : 1) * sizeof *nn);
	if (nn == NULL)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < m->n_areas; i++) {
		if (!m->areas[i].has_point)
			continue;
		double xi, yi, best = INFINITY;
		map_project(&m->areas[i], k, &xi, &yi);
		for (size_t j = 0; j < m->n_areas; j++) {
			if (j == i || !m->areas[j].has_point)
				continue;
			double xj, yj;
			map_project(&m->areas[j], k, &xj, &yj);
			double d = hypot(xi - xj, yi - yj);
			if (d > 0 && d < best)
				best = d;
		}
		if (isfinite(best))
			nn[n++] = best;
	}
	double med = 0;
	if (n > 0) {
		qsort(nn, n, sizeof *nn, map_cmp_double);
		med = nn[n / 2];
	}
	free(nn);
	return med;
}

/* The scale (points per projected degree) that fits extent dx × dy into
 * w × h; INFINITY when both are 0. */
static double map_fit(double dx, double dy, double w, double h)
{
	double s = INFINITY;
	if (dx > 0)
		s = fmin(s, w / dx);
	if (dy > 0)
		s = fmin(s, h / dy);
	return s;
}

void s40_map_place(const struct s40_map *m, double x, double y, double w, double h,
		   struct s40_map_circle *out, double *r_max)
{
	double k = map_xscale(m), x0, y0, x1, y1;
	size_t n = map_extent(m, k, &x0, &y0, &x1, &y1);
	double dx = n ? x1 - x0 : 0, dy = n ? y1 - y0 : 0;
	double cap = fmin(MAP_R_CAP, fmin(w, h) / 8);
	double rmax = cap;
	double s0 = map_fit(dx, dy, w, h), spacing = map_spacing(m, k);
	if (isfinite(s0) && spacing > 0)
		rmax = fmax(MAP_R_FLOOR, fmin(cap, 0.6 * spacing * s0));
	if (rmax < MAP_ZERO_R)
		rmax = MAP_ZERO_R;
	double s = map_fit(dx, dy, fmax(w - 2 * rmax, 0), fmax(h - 2 * rmax, 0));
	if (!isfinite(s))
		s = 0;
	int64_t vmax = 0;
	for (size_t i = 0; i < m->n_areas; i++)
		if (m->areas[i].has_point && m->areas[i].value > vmax)
			vmax = m->areas[i].value;
	for (size_t i = 0; i < m->n_areas; i++) {
		const struct s40_map_area *a = &m->areas[i];
		out[i] = (struct s40_map_circle){ 0 };
		if (!a->has_point)
			continue;
		double px, py;
		map_project(a, k, &px, &py);
		out[i].x = x + w / 2 + s * (px - (x0 + x1) / 2);
		out[i].y = y + h / 2 + s * (py - (y0 + y1) / 2);
		out[i].r = a->value > 0 && vmax > 0 ?
				   fmax(MAP_R_MIN, rmax * sqrt((double)a->value / (double)vmax)) :
				   0;
		out[i].placed = 1;
	}
	if (r_max)
		*r_max = rmax;
}

int s40_pdf_map_landscape(const struct s40_map *m)
{
	double k = map_xscale(m), x0, y0, x1, y1;
	if (map_extent(m, k, &x0, &y0, &x1, &y1) < 2)
		return 0;
	/* The frame beside the legend on each page, less a title's height. */
	double pw = S40_PDF_A4_SHORT - 72 - MAP_LEGEND_W - MAP_GAP, ph = S40_PDF_A4_LONG - 72 - 120;
	double lw = S40_PDF_A4_LONG - 72 - MAP_LEGEND_W - MAP_GAP, lh = S40_PDF_A4_SHORT - 72 - 120;
	return map_fit(x1 - x0, y1 - y0, lw, lh) > map_fit(x1 - x0, y1 - y0, pw, ph) * 1.05;
}

/* ---- drawing ---- */

struct map_rect {
	double x, y, w, h;
};

/* One drawing in progress. */
struct map_draw {
	cairo_t *cr;
	PangoLayout *l;
	const struct s40_map *m;
	enum s40_lang lang;
	PangoFontDescription *title, *subtitle, *head, *label, *number, *note;
	struct s40_map_circle *c;
	struct map_rect *box; /* each area's label, w 0 when none */
	int *number_of; /* an area's number in the key, 0 for none */
	size_t n_numbered;
	struct map_rect frame;
	double r_max;
	int with_values; /* labels carry the values too */
	char text[320]; /* a label */
};

static const char *map_pick(const char *th, const char *en, enum s40_lang lang)
{
	return s40_table_pick(th, en, lang, "");
}

static const char *map_name(const struct map_draw *d, size_t i)
{
	const struct s40_map_area *a = &d->m->areas[i];
	return map_pick(a->name_th, a->name_en, d->lang);
}

/* The label of area i: its name, and its value on a second line on a map of
 * few circles; in d->text. */
static const char *map_label(struct map_draw *d, size_t i)
{
	char v[32];
	if (d->with_values)
		snprintf(d->text, sizeof d->text, "%s\n%s", map_name(d, i),
			 s40_format_int(d->m->areas[i].value, v, sizeof v));
	else
		snprintf(d->text, sizeof d->text, "%s", map_name(d, i));
	return d->text;
}

/* The size of s in font, unwrapped. */
static void map_measure(struct map_draw *d, const PangoFontDescription *font, const char *s,
			double *w, double *h)
{
	int pw, ph;
	pango_layout_set_font_description(d->l, font);
	pango_layout_set_width(d->l, -1);
	pango_layout_set_alignment(d->l, PANGO_ALIGN_LEFT);
	pango_layout_set_text(d->l, s, -1);
	pango_layout_get_size(d->l, &pw, &ph);
	*w = (double)pw / PANGO_SCALE;
	*h = (double)ph / PANGO_SCALE;
}

/* The height of s in font wrapped to width w. */
static double map_wrapped_height(struct map_draw *d, const PangoFontDescription *font,
				 const char *s, double w)
{
	int pw, ph;
	pango_layout_set_font_description(d->l, font);
	pango_layout_set_width(d->l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(d->l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(d->l, s, -1);
	pango_layout_get_size(d->l, &pw, &ph);
	pango_layout_set_width(d->l, -1);
	return (double)ph / PANGO_SCALE;
}

/* Draw s in font at x, y (top left), unwrapped, in black on a white halo
 * that keeps it readable over a circle. */
static void map_halo_text(struct map_draw *d, const PangoFontDescription *font, const char *s,
			  double x, double y)
{
	cairo_t *cr = d->cr;
	pango_layout_set_font_description(d->l, font);
	pango_layout_set_width(d->l, -1);
	pango_layout_set_alignment(d->l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(d->l, s, -1);
	cairo_save(cr);
	cairo_move_to(cr, x, y);
	pango_cairo_layout_path(cr, d->l);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 2.4);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, d->l);
	pango_layout_set_alignment(d->l, PANGO_ALIGN_LEFT);
}

static int map_rects_meet(const struct map_rect *a, const struct map_rect *b, double pad)
{
	return a->x < b->x + b->w + pad && b->x < a->x + a->w + pad && a->y < b->y + b->h + pad &&
	       b->y < a->y + a->h + pad;
}

/* Whether rectangle r meets the disc at x, y of radius rad. */
static int map_rect_meets_disc(const struct map_rect *r, double x, double y, double rad)
{
	double nx = fmax(r->x, fmin(x, r->x + r->w)), ny = fmax(r->y, fmin(y, r->y + r->h));
	return hypot(nx - x, ny - y) < rad;
}

/* The part of a circle a label may not cover: most of a large circle's
 * middle, all of a small one and a little round it. */
static double map_keep_clear(const struct s40_map_circle *c)
{
	double r = c->r > 0 ? c->r : MAP_ZERO_R;
	return r >= 8 ? 0.8 * r : r + 1.2;
}

/* Whether r is a free spot for area i's label: inside the frame, clear of
 * every label placed and (strict) of the middle of every other circle. */
static int map_spot_free(const struct map_draw *d, size_t i, const struct map_rect *r, int strict)
{
	const struct map_rect *f = &d->frame;
	if (r->x < f->x + 1 || r->y < f->y + 1 || r->x + r->w > f->x + f->w - 1 ||
	    r->y + r->h > f->y + f->h - 1)
		return 0;
	for (size_t j = 0; j < d->m->n_areas; j++) {
		if (d->box[j].w > 0 && map_rects_meet(r, &d->box[j], 0.8))
			return 0;
		if (strict && j != i && d->c[j].placed &&
		    map_rect_meets_disc(r, d->c[j].x, d->c[j].y, map_keep_clear(&d->c[j])))
			return 0;
	}
	return 1;
}

/* Find a spot for a label of w × h at circle i: inside it when it fits
 * (inside), else right, left, above, below, then the four diagonals. */
static int map_find_spot(const struct map_draw *d, size_t i, double w, double h, int inside,
			 int strict, struct map_rect *out)
{
	const struct s40_map_circle *c = &d->c[i];
	double r = (c->r > 0 ? c->r : MAP_ZERO_R) + 1.5, q = r * 0.72;
	struct map_rect spots[] = {
		{ c->x - w / 2, c->y - h / 2, w, h }, /* inside */
		{ c->x + r, c->y - h / 2, w, h },
		{ c->x - r - w, c->y - h / 2, w, h },
		{ c->x - w / 2, c->y - r - h, w, h },
		{ c->x - w / 2, c->y + r, w, h },
		{ c->x + q, c->y - q - h * 0.7, w, h },
		{ c->x + q, c->y + q - h * 0.3, w, h },
		{ c->x - q - w, c->y - q - h * 0.7, w, h },
		{ c->x - q - w, c->y + q - h * 0.3, w, h },
	};
	for (size_t s = inside ? 0 : 1; s < sizeof spots / sizeof *spots; s++) {
		int ok = s == 0 ? map_spot_free(d, i, &spots[0], 0) :
				  map_spot_free(d, i, &spots[s], strict);
		/* Inside, the label must clear the other circles' middles all the same. */
		if (s == 0 && ok)
			for (size_t j = 0; j < d->m->n_areas && ok; j++)
				if (j != i && d->c[j].placed &&
				    map_rect_meets_disc(&spots[0], d->c[j].x, d->c[j].y,
							map_keep_clear(&d->c[j])))
					ok = 0;
		if (ok) {
			*out = spots[s];
			return 1;
		}
	}
	return 0;
}

/* The order to label and draw in: placed circles by value, largest first,
 * then by code. */
struct map_order {
	int64_t value;
	int32_t code;
	size_t i;
};

static int map_cmp_value(const void *a, const void *b)
{
	const struct map_order *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? 1 : -1;
	return (x->code > y->code) - (x->code < y->code);
}

/* Fill order with the indices of m's areas that have a point, in drawing
 * order; returns how many, or SIZE_MAX without memory. */
static size_t map_order(const struct s40_map *m, size_t *order)
{
	struct map_order *keys = malloc((m->n_areas ? m->n_areas : 1) * sizeof *keys);
	if (keys == NULL)
		return SIZE_MAX;
	size_t n = 0;
	for (size_t i = 0; i < m->n_areas; i++)
		if (m->areas[i].has_point)
			keys[n++] = (struct map_order){ m->areas[i].value, m->areas[i].code, i };
	qsort(keys, n, sizeof *keys, map_cmp_value);
	for (size_t k = 0; k < n; k++)
		order[k] = keys[k].i;
	free(keys);
	return n;
}

/* Place the labels: names where they fit, numbers for the others (in the
 * table's order). Fills d->box and d->number_of. */
static void map_place_labels(struct map_draw *d, const size_t *order, size_t n_order)
{
	size_t n = d->m->n_areas;
	for (size_t i = 0; i < n; i++) {
		d->box[i] = (struct map_rect){ 0 };
		d->number_of[i] = 0;
	}
	d->n_numbered = 0;
	for (size_t k = 0; k < n_order; k++) {
		size_t i = order[k];
		double w, h;
		map_measure(d, d->label, map_label(d, i), &w, &h);
		int inside = d->c[i].r > 0 && w < 1.6 * d->c[i].r && h < 1.2 * d->c[i].r;
		struct map_rect r;
		if (map_find_spot(d, i, w, h, inside, 1, &r))
			d->box[i] = r;
	}
	for (size_t i = 0; i < n; i++)
		if (d->c[i].placed && d->box[i].w == 0)
			d->number_of[i] = (int)++d->n_numbered;
	for (size_t k = 0; k < n_order; k++) {
		size_t i = order[k];
		if (d->number_of[i] == 0)
			continue;
		char num[16];
		double w, h;
		snprintf(num, sizeof num, "%d", d->number_of[i]);
		map_measure(d, d->number, num, &w, &h);
		struct map_rect r;
		if (!map_find_spot(d, i, w, h, 0, 1, &r) && !map_find_spot(d, i, w, h, 0, 0, &r)) {
			double rr = (d->c[i].r > 0 ? d->c[i].r : MAP_ZERO_R) + 1;
			r = (struct map_rect){ d->c[i].x + rr, d->c[i].y - h / 2, w, h };
		}
		d->box[i] = r;
	}
}

/* The text of the key of the numbers: "1 name, 2 name"; NULL without any. */
static char *map_key_text(struct map_draw *d)
{
	if (d->n_numbered == 0)
		return NULL;
	size_t cap = 64;
	for (size_t i = 0; i < d->m->n_areas; i++)
		if (d->number_of[i])
			cap += strlen(map_name(d, i)) + 16;
	char *s = malloc(cap);
	if (s == NULL)
		return NULL;
	size_t len = (size_t)snprintf(
		s, cap, "%s", d->lang == S40_LANG_EN ? "Numbers on the map: " : "เลขบนแผนที่: ");
	for (int k = 1; k <= (int)d->n_numbered; k++)
		for (size_t i = 0; i < d->m->n_areas; i++)
			if (d->number_of[i] == k)
				len += (size_t)snprintf(s + len, cap - len, "%s%d\u00a0%s",
							k > 1 ? ", " : "", k, map_name(d, i));
	return s;
}

/* The text of the areas without a point, with their values; NULL without any. */
static char *map_nopoint_text(struct map_draw *d)
{
	size_t cap = 64, n = 0;
	for (size_t i = 0; i < d->m->n_areas; i++)
		if (!d->m->areas[i].has_point) {
			cap += strlen(map_name(d, i)) + 48;
			n++;
		}
	if (n == 0)
		return NULL;
	char *s = malloc(cap);
	if (s == NULL)
		return NULL;
	size_t len =
		(size_t)snprintf(s, cap, "%s", d->lang == S40_LANG_EN ? "No point: " : "ไม่มีพิกัด: ");
	int first = 1;
	for (size_t i = 0; i < d->m->n_areas; i++) {
		const struct s40_map_area *a = &d->m->areas[i];
		if (a->has_point)
			continue;
		char v[32];
		len += (size_t)snprintf(s + len, cap - len, "%s%s (%ld) %s", first ? "" : ", ",
					map_name(d, i), (long)a->code,
					s40_format_int(a->value, v, sizeof v));
		first = 0;
	}
	return s;
}

/* The fill of an area: its share's class, or the one colour. */
static const double *map_fill(const struct map_draw *d, const struct s40_map_area *a)
{
	if (d->m->share_th == NULL && d->m->share_en == NULL)
		return map_one_colour;
	if (a->share < 0)
		return NULL; /* unknown: white, hatched */
	int k = a->share >= 10000 ? 4 : a->share / 2000;
	return map_palette[k < 0 ? 0 : k];
}

/* A circle at x, y of radius r filled with rgb (NULL: white with a hatch). */
static void map_circle(cairo_t *cr, double x, double y, double r, const double *rgb)
{
	cairo_new_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	if (rgb)
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	else
		cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	if (rgb == NULL) {
		cairo_save(cr);
		cairo_clip_preserve(cr);
		cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
		cairo_set_line_width(cr, 0.5);
		for (double t = -r; t < r; t += 3) {
			cairo_move_to(cr, x + t - r, y + r);
			cairo_line_to(cr, x + t + r, y - r);
		}
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.7);
	cairo_stroke(cr);
}

/* The open marker of a value of 0. */
static void map_zero_marker(cairo_t *cr, double x, double y)
{
	cairo_new_path(cr);
	cairo_arc(cr, x, y, MAP_ZERO_R, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_set_line_width(cr, 0.7);
	cairo_stroke(cr);
}

/* A round number at most v: 1, 2 or 5 times a power of ten; 0 for v < 1. */
static int64_t map_nice(double v)
{
	if (v < 1)
		return 0;
	double p = pow(10, floor(log10(v)));
	double f = v / p;
	return (int64_t)((f >= 5 ? 5 : f >= 2 ? 2 : 1) * p + 0.5);
}

/* Draw text s in font at x, y wrapped to w; returns its height. */
static double map_text(struct map_draw *d, const PangoFontDescription *font, const char *s,
		       double x, double y, double w)
{
	return s40_pdf_text(d->cr, d->l, font, s, x, y, w, PANGO_ALIGN_LEFT);
}

/* The legend in the column at x, y of width w. */
static void map_legend(struct map_draw *d, double x, double y, double w, int64_t vmax, int any_zero,
		       int any_unknown)
{
	cairo_t *cr = d->cr;
	const struct s40_map *m = d->m;
	int en = d->lang == S40_LANG_EN;
	cairo_set_source_rgb(cr, 0, 0, 0);
	y += map_text(d, d->head, map_pick(m->value_th, m->value_en, d->lang), x, y, w) + 6;
	/* Nested circles on one base line, each value at the end of a line from
	 * its circle's top. */
	int64_t vals[3];
	size_t nv = 0;
	double div[] = { 1, 4, 16 };
	for (size_t i = 0; i < 3; i++) {
		int64_t v = map_nice((double)vmax / div[i]);
		if (v > 0 && (nv == 0 || v < vals[nv - 1]))
			vals[nv++] = v;
	}
	if (nv > 0) {
		const double *fill = m->share_th || m->share_en ? map_neutral : map_one_colour;
		double rl = d->r_max, cx = x + rl + 1, base = y + 2 * rl, last = -INFINITY, th = 0;
		for (size_t i = 0; i < nv; i++) {
			double r = fmax(MAP_R_MIN, rl * sqrt((double)vals[i] / (double)vmax));
			map_circle(cr, cx, base - r, r, fill);
		}
		for (size_t i = 0; i < nv; i++) {
			double r = fmax(MAP_R_MIN, rl * sqrt((double)vals[i] / (double)vmax));
			double ty = base - 2 * r, tw;
			char v[32];
			map_measure(d, d->note, s40_format_int(vals[i], v, sizeof v), &tw, &th);
			/* the values stay a line apart however close the circles' tops */
			double ly = fmax(ty, last + th);
			last = ly;
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			cairo_set_line_width(cr, 0.4);
			cairo_move_to(cr, cx, ty);
			cairo_line_to(cr, cx + rl + 6, ly);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_move_to(cr, cx + rl + 8, ly - th / 2);
			pango_cairo_show_layout(cr, d->l);
		}
		y = fmax(base, last + th / 2) + 8;
	}
	if (any_zero) {
		map_zero_marker(cr, x + MAP_ZERO_R + 1, y + 5);
		cairo_set_source_rgb(cr, 0, 0, 0);
		y += map_text(d, d->note, "0", x + 10, y - 0.5, w - 10) + 4;
	}
	if (m->share_th || m->share_en) {
		y += 6;
		y += map_text(d, d->head, map_pick(m->share_th, m->share_en, d->lang), x, y, w) + 4;
		for (int k = 4; k >= 0; k--) {
			char range[32];
			snprintf(range, sizeof range, "%d–%d%%", k * 20, k * 20 + 20);
			map_circle(cr, x + 6, y + 6, 5, map_palette[k]);
			cairo_set_source_rgb(cr, 0, 0, 0);
			y += map_text(d, d->note, range, x + 16, y, w - 16) + 2;
		}
		if (any_unknown) {
			map_circle(cr, x + 6, y + 6, 5, NULL);
			cairo_set_source_rgb(cr, 0, 0, 0);
			y += map_text(d, d->note, en ? "no survey" : "ไม่มีการสำรวจ", x + 16, y,
				      w - 16) +
			     2;
		}
	}
	y += 10;
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	map_text(
		d, d->number,
		en ? "Each circle stands at a point inside its area (a district at the mean of its "
		     "subdistricts' points), not on its boundary; a circle's area is in proportion "
		     "to its value." :
		     "วงกลมอยู่ที่จุดในพื้นที่ (อำเภอ: ค่าเฉลี่ยของจุดของตำบล) ไม่ใช่ขอบเขต "
		     "พื้นที่ของวงกลมเป็นสัดส่วนกับค่า",
		x, y, w);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static void map_draw_free(struct map_draw *d)
{
	PangoFontDescription *fonts[] = { d->title, d->subtitle, d->head,
					  d->label, d->number,	 d->note };
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
		if (fonts[i])
			pango_font_description_free(fonts[i]);
	free(d->c);
	free(d->box);
	free(d->number_of);
}

enum s40_err s40_pdf_map(cairo_t *cr, PangoLayout *l, const struct s40_map *m, enum s40_lang lang,
			 double x, double y, double w, double h)
{
	size_t n = m->n_areas;
	struct map_draw d = {
		.cr = cr,
		.l = l,
		.m = m,
		.lang = lang,
		.title = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, MAP_SIZE_TITLE),
		.subtitle = s40_pdf_font(PANGO_WEIGHT_NORMAL, MAP_SIZE_SUBTITLE),
		.head = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, MAP_SIZE_HEAD),
		.label = s40_pdf_font(PANGO_WEIGHT_NORMAL, MAP_SIZE_LABEL),
		.number = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, MAP_SIZE_NUMBER),
		.note = s40_pdf_font(PANGO_WEIGHT_NORMAL, MAP_SIZE_NOTE),
		.c = calloc(n ? n : 1, sizeof *d.c),
		.box = calloc(n ? n : 1, sizeof *d.box),
		.number_of = calloc(n ? n : 1, sizeof *d.number_of),
	};
	size_t *order = calloc(n ? n : 1, sizeof *order);
	char *nopoint = NULL, *key = NULL;
	enum s40_err rc = S40_OK;
	if (!d.c || !d.box || !d.number_of || !order) {
		rc = S40_E_NOMEM;
		goto out;
	}

	/* Title and subtitle. */
	double top = y;
	cairo_set_source_rgb(cr, 0, 0, 0);
	top += map_text(&d, d.title, map_pick(m->title_th, m->title_en, lang), x, top, w) + 2;
	const char *sub = map_pick(m->subtitle_th, m->subtitle_en, lang);
	if (sub[0]) {
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		top += map_text(&d, d.subtitle, sub, x, top, w);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	top += 8;

	/* The frame, above the notes, beside the legend; the key of numbers
	 * takes room from the frame, so place twice when there is one. */
	nopoint = map_nopoint_text(&d);
	for (size_t i = 0; i < n && nopoint == NULL; i++)
		if (!m->areas[i].has_point) {
			rc = S40_E_NOMEM; /* the list may not be left out */
			goto out;
		}
	double fw = w - MAP_LEGEND_W - MAP_GAP;
	double notes_h = nopoint ? map_wrapped_height(&d, d.note, nopoint, w) + 6 : 0;
	size_t n_order = map_order(m, order);
	if (n_order == SIZE_MAX) {
		rc = S40_E_NOMEM;
		goto out;
	}
	d.with_values = n_order <= MAP_VALUES_UP_TO;
	double key_h = 0;
	for (int pass = 0; pass < 3; pass++) {
		double fh = y + h - top - notes_h - key_h - 6;
		d.frame = (struct map_rect){ x, top, fw, fh > 40 ? fh : 40 };
		s40_map_place(m, x + MAP_INSET, top + MAP_INSET, fw - 2 * MAP_INSET,
			      d.frame.h - 2 * MAP_INSET, d.c, &d.r_max);
		map_place_labels(&d, order, n_order);
		free(key);
		key = map_key_text(&d);
		if (key == NULL && d.n_numbered > 0) {
			rc = S40_E_NOMEM;
			goto out;
		}
		double need = key ? map_wrapped_height(&d, d.note, key, w) + 6 : 0;
		if (need <= key_h)
			break;
		key_h = need;
	}

	/* Frame, circles (largest first), labels. */
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, d.frame.x, d.frame.y, d.frame.w, d.frame.h);
	cairo_stroke(cr);
	int64_t vmax = 0;
	int any_zero = 0, any_unknown = 0;
	for (size_t i = 0; i < n; i++) {
		const struct s40_map_area *a = &m->areas[i];
		if (!a->has_point)
			continue;
		if (a->value > vmax)
			vmax = a->value;
		if (a->value <= 0)
			any_zero = 1;
		if (a->share < 0)
			any_unknown = 1;
	}
	for (size_t k = 0; k < n_order; k++) {
		size_t i = order[k];
		if (d.c[i].r > 0)
			map_circle(cr, d.c[i].x, d.c[i].y, d.c[i].r, map_fill(&d, &m->areas[i]));
		else
			map_zero_marker(cr, d.c[i].x, d.c[i].y);
	}
	for (size_t k = 0; k < n_order; k++) {
		size_t i = order[k];
		if (d.number_of[i]) {
			char num[16];
			snprintf(num, sizeof num, "%d", d.number_of[i]);
			map_halo_text(&d, d.number, num, d.box[i].x, d.box[i].y);
		} else if (d.box[i].w > 0) {
			map_halo_text(&d, d.label, map_label(&d, i), d.box[i].x, d.box[i].y);
		}
	}
	if (n_order == 0) {
		cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
		map_text(&d, d.note, lang == S40_LANG_EN ? "No area has a point." : "ไม่มีพื้นที่ใดมีพิกัด",
			 d.frame.x + 8, d.frame.y + 8, d.frame.w - 16);
	}

	/* Legend, then the notes under the frame. */
	map_legend(&d, x + fw + MAP_GAP, top, MAP_LEGEND_W, vmax, any_zero,
		   (m->share_th || m->share_en) && any_unknown);
	double ny = d.frame.y + d.frame.h + 6;
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (key)
		ny += map_text(&d, d.note, key, x, ny, w) + 6;
	if (nopoint)
		map_text(&d, d.note, nopoint, x, ny, w);
out:
	free(order);
	free(nopoint);
	free(key);
	map_draw_free(&d);
	return rc;
}
