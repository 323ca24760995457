/*
 * pdf.c — the PDF renderer of the report table: an A4 document for offices
 * that work on paper, drawn with cairo's PDF surface and laid out by pango,
 * which shapes Thai (vowels and tone marks stacked on their consonant, lines
 * broken between words through libthai).
 *
 * The font is the Sarabun built into the program (data/fonts/). Fontconfig
 * reads fonts from files only, so at the first PDF each font's bytes are
 * copied into an anonymous memory file (memfd) that stays open for the life
 * of the process, and a private fontconfig configuration that holds those two
 * files and nothing else backs the pango font map: the PDF looks the same on
 * every machine, whatever fonts it has, and embeds Sarabun itself. The paper
 * documents (receipt.c) draw with the same font map (pdf.h).
 *
 * Two passes over the rows: the first measures the rows and finds the page
 * breaks (so the footer can say "หน้า N / M"), the second draws page by page;
 * cairo writes each page out as it is finished, so memory stays bounded by a
 * page and the per-column layouts whatever the number of rows.
 */
#define _GNU_SOURCE /* memfd_create */

#include "report/table.h"
#include "report/map.h"
#include "report/pdf.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/thai.h"

#define PDF_A4_SHORT S40_PDF_A4_SHORT
#define PDF_A4_LONG S40_PDF_A4_LONG
#define PDF_MARGIN 36.0 /* all round, half an inch */
#define PDF_FOOTER_H 18.0 /* the footer's band above the bottom margin */
#define PDF_PAD_X 4.0 /* inside a cell, left and right */
#define PDF_PAD_Y 2.5 /* inside a cell, above and below */
#define PDF_MIN_TEXT_W 40.0 /* the narrowest a text column is squeezed to */
#define PDF_MAX_LINES 4 /* a cell wraps to this many lines, then "…" */
#define PDF_MEASURE_ROWS 20000 /* rows measured exactly for the column widths */
#define PDF_TEXT_MAX (1 << 20)

#define PDF_SIZE_BODY 9.0
#define PDF_SIZE_TITLE 15.0
#define PDF_SIZE_SUBTITLE 10.5
#define PDF_SIZE_SMALL 7.5

/* The embedded fonts given to fontconfig. */
static const char *const pdf_font_names[] = {
	"fonts/Sarabun-Regular.ttf",
	"fonts/Sarabun-SemiBold.ttf",
};

static pthread_once_t pdf_once = PTHREAD_ONCE_INIT;
/* Pango's font maps are not for several threads at once: one PDF at a time. */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *pdf_fontmap; /* NULL when the fonts could not be set up */

/* A memory file holding the embedded file name; -1 on failure. */
static int pdf_font_fd(const char *name)
{
	const struct s40_embed *e = s40_embed_find(name);
	if (e == NULL)
		return -1;
	int fd = memfd_create("s40-font", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t off = 0;
	while (off < e->len) {
		ssize_t n = write(fd, e->data + off, e->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	return fd;
}

/* Set up pdf_fontmap, once per process: the memory files stay open (their
 * paths are what fontconfig, FreeType and harfbuzz read) and the font map
 * lives until the process ends. */
static void pdf_setup_fonts(void)
{
	FcConfig *cfg = FcConfigCreate();
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < sizeof pdf_font_names / sizeof *pdf_font_names; i++) {
		int fd = pdf_font_fd(pdf_font_names[i]);
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (fd < 0 || !FcConfigAppFontAddFile(cfg, (const FcChar8 *)path)) {
			if (fd >= 0)
				close(fd);
			FcConfigDestroy(cfg);
			return;
		}
	}
	PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (fm == NULL) {
		FcConfigDestroy(cfg);
		return;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	FcConfigDestroy(cfg); /* the font map holds its own reference */
	pdf_fontmap = fm;
}

PangoFontMap *s40_pdf_fonts_take(void)
{
	pthread_once(&pdf_once, pdf_setup_fonts);
	if (pdf_fontmap == NULL)
		return NULL;
	pthread_mutex_lock(&pdf_lock);
	return pdf_fontmap;
}

void s40_pdf_fonts_release(void)
{
	pthread_mutex_unlock(&pdf_lock);
}

PangoContext *s40_pdf_context(PangoFontMap *fm, enum s40_lang lang)
{
	PangoContext *pc = pango_font_map_create_context(fm);
	if (pc == NULL)
		return NULL;
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pc, 72.0);
	pango_context_set_language(pc,
				   pango_language_from_string(lang == S40_LANG_EN ? "en" : "th"));
	return pc;
}

double s40_pdf_text(cairo_t *cr, PangoLayout *l, const PangoFontDescription *font, const char *s,
		    double x, double y, double w, PangoAlignment align)
{
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	int pw, ph;
	pango_layout_get_size(l, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

void s40_pdf_rule(cairo_t *cr, double x0, double x1, double y, double lw, double grey)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, grey, grey, grey);
	cairo_set_line_width(cr, lw);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* One document being made. */
struct pdf_doc {
	const struct s40_table *t;
	enum s40_lang lang;
	int32_t printed_day;
	PangoContext *pc;
	PangoFontDescription *body, *bold, *title, *subtitle, *small;
	PangoLayout *measure; /* for natural widths: no width, no wrap */
	PangoLayout **cell; /* one per shown column, width and alignment set */
	size_t *shown; /* the indices of the columns shown */
	size_t n_shown;
	double *width; /* of each shown column, padding included */
	double page_w, page_h;
	double table_top_first; /* where the header row starts on page 1 */
	double table_top; /* and on the other pages */
	double header_h;
	double rows_bottom; /* rows end above this */
	size_t *page_first; /* the first row of each page; n_pages + 1 entries */
	size_t n_pages; /* of the table */
	const struct s40_map *map; /* a page after the table's; may be NULL */
	size_t n_total; /* pages in all: the table's and the map's */
	char buf[96];
	struct s40_buf scratch;
};

/* Whether a column of this type is right-aligned (as in the human table). */
static int pdf_right_aligned(enum s40_coltype type)
{
	return type == S40_COL_INT || type == S40_COL_MONEY || type == S40_COL_PERCENT;
}

PangoFontDescription *s40_pdf_font(PangoWeight weight, double size)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, S40_PDF_FAMILY);
	pango_font_description_set_weight(d, weight);
	pango_font_description_set_size(d, (gint)(size * PANGO_SCALE));
	return d;
}

/* The logical size of layout in points. */
static void pdf_layout_size(PangoLayout *l, double *w, double *h)
{
	int pw, ph;
	pango_layout_get_size(l, &pw, &ph);
	if (w)
		*w = (double)pw / PANGO_SCALE;
	if (h)
		*h = (double)ph / PANGO_SCALE;
}

/* The natural (unwrapped) width of s in font. */
static double pdf_text_width(struct pdf_doc *d, const PangoFontDescription *font, const char *s)
{
	double w;
	pango_layout_set_font_description(d->measure, font);
	pango_layout_set_text(d->measure, s, -1);
	pdf_layout_size(d->measure, &w, NULL);
	return w;
}

/* The width of the widest unbreakable piece of s (a word) in font. */
static double pdf_word_width(struct pdf_doc *d, const PangoFontDescription *font, const char *s)
{
	double w;
	pango_layout_set_font_description(d->measure, font);
	pango_layout_set_width(d->measure, 1);
	pango_layout_set_wrap(d->measure, PANGO_WRAP_WORD);
	pango_layout_set_text(d->measure, s, -1);
	pdf_layout_size(d->measure, &w, NULL);
	pango_layout_set_width(d->measure, -1);
	return w;
}

static const char *pdf_label(const struct pdf_doc *d, size_t i)
{
	const struct s40_column *col = &d->t->cols[d->shown[i]];
	return s40_table_pick(col->label_th, col->label_en, d->lang, col->key);
}

/* Give each shown column its width and choose the page's orientation. */
static enum s40_err pdf_columns(struct pdf_doc *d)
{
	const struct s40_table *t = d->t;
	size_t n = d->n_shown;
	double *want = calloc(n ? n : 1, sizeof *want);
	double *keep = calloc(n ? n : 1, sizeof *keep);
	int *max_dw = calloc(n ? n : 1, sizeof *max_dw);
	size_t *widest = calloc(n ? n : 1, sizeof *widest);
	if (!want || !keep || !max_dw || !widest) {
		free(want);
		free(keep);
		free(max_dw);
		free(widest);
		return S40_E_NOMEM;
	}
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < n; i++) {
		size_t c = d->shown[i];
		const char *label = pdf_label(d, i);
		double cells = 0;
		/* The first rows exactly; past them only the row whose text is
		 * widest by display width, measured when it passes those rows'. */
		int measured_dw = 0;
		for (size_t r = 0; r < t->n_rows; r++) {
			const char *s;
			if ((rc = s40_table_human_cell(t, r, c, d->lang, d->buf, sizeof d->buf,
						       &d->scratch, &s)))
				goto out;
			int dw = s40_display_width(s);
			if (r < PDF_MEASURE_ROWS) {
				double w = pdf_text_width(d, d->body, s);
				if (w > cells)
					cells = w;
				if (dw > measured_dw)
					measured_dw = dw;
			} else if (dw > max_dw[i]) {
				max_dw[i] = dw;
				widest[i] = r;
			}
		}
		if (max_dw[i] > measured_dw) {
			const char *s;
			if ((rc = s40_table_human_cell(t, widest[i], c, d->lang, d->buf,
						       sizeof d->buf, &d->scratch, &s)))
				goto out;
			double w = pdf_text_width(d, d->body, s);
			if (w > cells)
				cells = w;
		}
		double lab = pdf_text_width(d, d->bold, label);
		double lab_word = pdf_word_width(d, d->bold, label);
		want[i] = (cells > lab ? cells : lab) + 2 * PDF_PAD_X + 0.5;
		keep[i] = (cells > lab_word ? cells : lab_word) + 2 * PDF_PAD_X + 0.5;
	}

	double sum_want = 0, sum_keep = 0;
	for (size_t i = 0; i < n; i++) {
		sum_want += want[i];
		sum_keep += keep[i];
	}
	double avail_p = PDF_A4_SHORT - 2 * PDF_MARGIN;
	double avail_l = PDF_A4_LONG - 2 * PDF_MARGIN;
	int landscape = sum_keep > avail_p;
	double avail = landscape ? avail_l : avail_p;
	d->page_w = landscape ? PDF_A4_LONG : PDF_A4_SHORT;
	d->page_h = landscape ? PDF_A4_SHORT : PDF_A4_LONG;

	if (sum_want <= avail) {
		for (size_t i = 0; i < n; i++)
			d->width[i] = want[i];
	} else if (sum_keep <= avail) {
		/* Labels wrap between their words; the room left goes to the columns
		 * in proportion to what wrapping took from them. */
		double spare = avail - sum_keep, taken = sum_want - sum_keep;
		for (size_t i = 0; i < n; i++)
			d->width[i] =
				keep[i] + (taken > 0 ? spare * (want[i] - keep[i]) / taken : 0);
	} else {
		/* Text columns share what the others leave, fairly: one that needs
		 * less than an equal share keeps its width, the others split the
		 * rest equally, each at least PDF_MIN_TEXT_W; if even that does not
		 * fit, every column shrinks alike and its text wraps. */
		double room = avail;
		size_t n_open = 0;
		for (size_t i = 0; i < n; i++) {
			d->width[i] = keep[i];
			if (t->cols[d->shown[i]].type == S40_COL_TEXT) {
				d->width[i] = -1; /* not given yet */
				n_open++;
			} else {
				room -= keep[i];
			}
		}
		for (int changed = 1; changed && n_open > 0;) {
			changed = 0;
			double share = room / (double)n_open;
			for (size_t i = 0; i < n; i++) {
				if (d->width[i] < 0 && keep[i] <= share) {
					d->width[i] = keep[i];
					room -= keep[i];
					n_open--;
					changed = 1;
				}
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (d->width[i] < 0) {
				double share = room / (double)n_open;
				d->width[i] = share < PDF_MIN_TEXT_W ? PDF_MIN_TEXT_W : share;
			}
		}
		double total = 0;
		for (size_t i = 0; i < n; i++)
			total += d->width[i];
		if (total > avail)
			for (size_t i = 0; i < n; i++)
				d->width[i] *= avail / total;
	}
out:
	free(want);
	free(keep);
	free(max_dw);
	free(widest);
	return rc;
}

/* Set layout l to draw text inside a column of width w (padding included). */
static void pdf_fit_layout(PangoLayout *l, const PangoFontDescription *font, double w, int right)
{
	double inner = w - 2 * PDF_PAD_X;
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)((inner > 1 ? inner : 1) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(l, -PDF_MAX_LINES);
	pango_layout_set_alignment(l, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

/* Put row r's cells in the column layouts; *h the row's height. */
static enum s40_err pdf_row(struct pdf_doc *d, size_t r, double *h)
{
	double tallest = 0;
	for (size_t i = 0; i < d->n_shown; i++) {
		const char *s;
		enum s40_err rc = s40_table_human_cell(d->t, r, d->shown[i], d->lang, d->buf,
						       sizeof d->buf, &d->scratch, &s);
		if (rc)
			return rc;
		pango_layout_set_text(d->cell[i], s, -1);
		double ch;
		pdf_layout_size(d->cell[i], NULL, &ch);
		if (ch > tallest)
			tallest = ch;
	}
	*h = tallest + 2 * PDF_PAD_Y;
	return S40_OK;
}

/* Put the labels in the column layouts (in the header's font); *h the
 * header row's height. The caller puts the body font back. */
static void pdf_header_layouts(struct pdf_doc *d, double *h)
{
	double tallest = 0;
	for (size_t i = 0; i < d->n_shown; i++) {
		pango_layout_set_font_description(d->cell[i], d->bold);
		pango_layout_set_text(d->cell[i], pdf_label(d, i), -1);
		double ch;
		pdf_layout_size(d->cell[i], NULL, &ch);
		if (ch > tallest)
			tallest = ch;
	}
	*h = tallest + 2 * PDF_PAD_Y;
}

static void pdf_body_font(struct pdf_doc *d)
{
	for (size_t i = 0; i < d->n_shown; i++)
		pango_layout_set_font_description(d->cell[i], d->body);
}

/* The height of the title block on page 1 (title, subtitle and a gap). */
static double pdf_title_height(struct pdf_doc *d)
{
	double h = 0, lh;
	double inner = d->page_w - 2 * PDF_MARGIN;
	const char *title = s40_table_pick(d->t->title_th, d->t->title_en, d->lang, NULL);
	const char *sub = s40_table_pick(d->t->subtitle_th, d->t->subtitle_en, d->lang, NULL);
	pango_layout_set_width(d->measure, (int)(inner * PANGO_SCALE));
	pango_layout_set_wrap(d->measure, PANGO_WRAP_WORD_CHAR);
	if (title) {
		pango_layout_set_font_description(d->measure, d->title);
		pango_layout_set_text(d->measure, title, -1);
		pdf_layout_size(d->measure, NULL, &lh);
		h += lh + 4;
	}
	if (sub) {
		pango_layout_set_font_description(d->measure, d->subtitle);
		pango_layout_set_text(d->measure, sub, -1);
		pdf_layout_size(d->measure, NULL, &lh);
		h += lh;
	}
	pango_layout_set_width(d->measure, -1);
	return h > 0 ? h + 8 : 0;
}

/* The running head of the pages after the first: the title, small. */
static double pdf_running_height(struct pdf_doc *d)
{
	double lh;
	pango_layout_set_font_description(d->measure, d->small);
	pango_layout_set_text(d->measure, "ก", -1);
	pdf_layout_size(d->measure, NULL, &lh);
	return lh + 4;
}

/* Pass one: the page on which each row starts. */
static enum s40_err pdf_paginate(struct pdf_doc *d)
{
	size_t cap = 8;
	d->page_first = malloc(cap * sizeof *d->page_first);
	if (d->page_first == NULL)
		return S40_E_NOMEM;
	d->page_first[0] = 0;
	d->n_pages = 1;
	double y = d->table_top_first + d->header_h;
	int rows_on_page = 0;
	for (size_t r = 0; r < d->t->n_rows; r++) {
		double h;
		enum s40_err rc = pdf_row(d, r, &h);
		if (rc)
			return rc;
		if (y + h > d->rows_bottom && rows_on_page > 0) {
			if (d->n_pages + 1 >= cap) {
				size_t *p = realloc(d->page_first, 2 * cap * sizeof *p);
				if (p == NULL)
					return S40_E_NOMEM;
				d->page_first = p;
				cap *= 2;
			}
			d->page_first[d->n_pages++] = r;
			y = d->table_top + d->header_h;
			rows_on_page = 0;
		}
		y += h;
		rows_on_page++;
	}
	d->page_first[d->n_pages] = d->t->n_rows;
	return S40_OK;
}

static void pdf_show(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

/* Draw the text s in font at x, y, at most w wide; right-aligned to x + w
 * when right. */
static void pdf_line(struct pdf_doc *d, cairo_t *cr, const PangoFontDescription *font,
		     const char *s, double x, double y, double w, int right)
{
	pango_layout_set_font_description(d->measure, font);
	pango_layout_set_width(d->measure, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(d->measure, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(d->measure, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(d->measure, s, -1);
	pdf_show(cr, d->measure, x, y);
	pango_layout_set_width(d->measure, -1);
	pango_layout_set_alignment(d->measure, PANGO_ALIGN_LEFT);
}

/* The header row at y. */
static void pdf_draw_header(struct pdf_doc *d, cairo_t *cr, double y)
{
	double x = PDF_MARGIN, total = 0;
	for (size_t i = 0; i < d->n_shown; i++)
		total += d->width[i];
	double h;
	pdf_header_layouts(d, &h);
	cairo_set_source_rgb(cr, 0xDD / 255.0, 0xEB / 255.0, 0xF7 / 255.0);
	cairo_rectangle(cr, PDF_MARGIN, y, total, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < d->n_shown; i++) {
		pdf_show(cr, d->cell[i], x + PDF_PAD_X, y + PDF_PAD_Y);
		x += d->width[i];
	}
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, PDF_MARGIN, y + h);
	cairo_line_to(cr, PDF_MARGIN + total, y + h);
	cairo_stroke(cr);
	pdf_body_font(d);
}

/* The footer of page p (from 0): the day printed and "หน้า N / M". */
static void pdf_draw_footer(struct pdf_doc *d, cairo_t *cr, size_t p)
{
	char text[128], day[64];
	double y = d->page_h - PDF_MARGIN - PDF_FOOTER_H + 6;
	double w = d->page_w - 2 * PDF_MARGIN;
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	if (d->lang == S40_LANG_EN)
		snprintf(text, sizeof text, "Page %zu of %zu", p + 1, d->n_total);
	else
		snprintf(text, sizeof text, "หน้า %zu / %zu", p + 1, d->n_total);
	pdf_line(d, cr, d->small, text, PDF_MARGIN, y, w, 1);
	if (d->printed_day != S40_NO_DAY) {
		if (d->lang == S40_LANG_EN)
			snprintf(text, sizeof text, "Printed %s",
				 s40_date_en_long(d->printed_day, day, sizeof day));
		else
			snprintf(text, sizeof text, "พิมพ์วันที่ %s",
				 s40_date_th_long(d->printed_day, day, sizeof day));
		pdf_line(d, cr, d->small, text, PDF_MARGIN, y, w * 0.6, 0);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
}

/* Pass two: draw every page. */
static enum s40_err pdf_draw(struct pdf_doc *d, cairo_t *cr)
{
	const char *title = s40_table_pick(d->t->title_th, d->t->title_en, d->lang, NULL);
	const char *sub = s40_table_pick(d->t->subtitle_th, d->t->subtitle_en, d->lang, NULL);
	double inner = d->page_w - 2 * PDF_MARGIN;
	double total = 0;
	for (size_t i = 0; i < d->n_shown; i++)
		total += d->width[i];
	for (size_t p = 0; p < d->n_pages; p++) {
		double y = PDF_MARGIN;
		if (p == 0) {
			double lh;
			if (title) {
				pdf_line(d, cr, d->title, title, PDF_MARGIN, y, inner, 0);
				pango_layout_set_width(d->measure, (int)(inner * PANGO_SCALE));
				pdf_layout_size(d->measure, NULL, &lh);
				y += lh + 4;
			}
			if (sub) {
				cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
				pdf_line(d, cr, d->subtitle, sub, PDF_MARGIN, y, inner, 0);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			y = d->table_top_first;
		} else {
			if (title) {
				cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
				pdf_line(d, cr, d->small, title, PDF_MARGIN, y, inner, 0);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			y = d->table_top;
		}
		if (d->n_shown > 0) {
			pdf_draw_header(d, cr, y);
			y += d->header_h;
		}
		for (size_t r = d->page_first[p]; r < d->page_first[p + 1]; r++) {
			double h;
			enum s40_err rc = pdf_row(d, r, &h);
			if (rc)
				return rc;
			if (r % 2 == 1) {
				cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
				cairo_rectangle(cr, PDF_MARGIN, y, total, h);
				cairo_fill(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			double x = PDF_MARGIN;
			for (size_t i = 0; i < d->n_shown; i++) {
				pdf_show(cr, d->cell[i], x + PDF_PAD_X, y + PDF_PAD_Y);
				x += d->width[i];
			}
			y += h;
		}
		if (d->t->n_rows == 0) {
			pdf_line(d, cr, d->body, d->lang == S40_LANG_EN ? "No rows." : "ไม่มีข้อมูล",
				 PDF_MARGIN, y + PDF_PAD_Y, inner, 0);
		} else if (d->n_shown > 0) {
			cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
			cairo_set_line_width(cr, 0.4);
			cairo_move_to(cr, PDF_MARGIN, y);
			cairo_line_to(cr, PDF_MARGIN + total, y);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		pdf_draw_footer(d, cr, p);
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			return S40_E_IO;
	}
	if (d->map != NULL) {
		/* The map's page, turned as its points lie. */
		int landscape = s40_pdf_map_landscape(d->map);
		d->page_w = landscape ? PDF_A4_LONG : PDF_A4_SHORT;
		d->page_h = landscape ? PDF_A4_SHORT : PDF_A4_LONG;
		cairo_pdf_surface_set_size(cairo_get_target(cr), d->page_w, d->page_h);
		enum s40_err rc = s40_pdf_map(cr, d->measure, d->map, d->lang, PDF_MARGIN, PDF_MARGIN,
					      d->page_w - 2 * PDF_MARGIN,
					      d->page_h - 2 * PDF_MARGIN - PDF_FOOTER_H);
		if (rc)
			return rc;
		pango_layout_set_width(d->measure, -1);
		pango_layout_set_alignment(d->measure, PANGO_ALIGN_LEFT);
		pdf_draw_footer(d, cr, d->n_pages);
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			return S40_E_IO;
	}
	return S40_OK;
}

cairo_status_t s40_pdf_write_file(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void pdf_doc_free(struct pdf_doc *d)
{
	for (size_t i = 0; d->cell && i < d->n_shown; i++)
		if (d->cell[i])
			g_object_unref(d->cell[i]);
	free(d->cell);
	if (d->measure)
		g_object_unref(d->measure);
	PangoFontDescription *fonts[] = { d->body, d->bold, d->title, d->subtitle, d->small };
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
		if (fonts[i])
			pango_font_description_free(fonts[i]);
	if (d->pc)
		g_object_unref(d->pc);
	free(d->shown);
	free(d->width);
	free(d->page_first);
	s40_buf_free(&d->scratch);
}

/* Make the document into f; the lock is held. */
static enum s40_err pdf_render_locked(struct pdf_doc *d, FILE *f)
{
	const struct s40_table *t = d->t;
	d->pc = s40_pdf_context(pdf_fontmap, d->lang);
	if (d->pc == NULL)
		return S40_E_NOMEM;

	d->body = s40_pdf_font(PANGO_WEIGHT_NORMAL, PDF_SIZE_BODY);
	d->bold = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, PDF_SIZE_BODY);
	d->title = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, PDF_SIZE_TITLE);
	d->subtitle = s40_pdf_font(PANGO_WEIGHT_NORMAL, PDF_SIZE_SUBTITLE);
	d->small = s40_pdf_font(PANGO_WEIGHT_NORMAL, PDF_SIZE_SMALL);
	d->measure = pango_layout_new(d->pc);
	size_t n = t->n_cols ? t->n_cols : 1;
	d->shown = calloc(n, sizeof *d->shown);
	d->width = calloc(n, sizeof *d->width);
	d->cell = calloc(n, sizeof *d->cell);
	if (!d->measure || !d->shown || !d->width || !d->cell)
		return S40_E_NOMEM;
	for (size_t c = 0; c < t->n_cols; c++)
		if (!t->cols[c].machine)
			d->shown[d->n_shown++] = c;

	enum s40_err rc = pdf_columns(d);
	if (rc)
		return rc;
	for (size_t i = 0; i < d->n_shown; i++) {
		if ((d->cell[i] = pango_layout_new(d->pc)) == NULL)
			return S40_E_NOMEM;
		pdf_fit_layout(d->cell[i], d->body, d->width[i],
			       pdf_right_aligned(t->cols[d->shown[i]].type));
	}
	pdf_header_layouts(d, &d->header_h);
	pdf_body_font(d);
	if (d->n_shown == 0)
		d->header_h = 0;
	d->table_top_first = PDF_MARGIN + pdf_title_height(d);
	d->table_top = PDF_MARGIN + pdf_running_height(d);
	d->rows_bottom = d->page_h - PDF_MARGIN - PDF_FOOTER_H;
	if ((rc = pdf_paginate(d)))
		return rc;
	d->n_total = d->n_pages + (d->map != NULL);

	cairo_surface_t *surface =
		cairo_pdf_surface_create_for_stream(s40_pdf_write_file, f, d->page_w, d->page_h);
	const char *title = s40_table_pick(t->title_th, t->title_en, d->lang, NULL);
	if (title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	const char *sub = s40_table_pick(t->subtitle_th, t->subtitle_en, d->lang, NULL);
	if (sub)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, sub);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "s40");
	cairo_t *cr = cairo_create(surface);
	pango_cairo_update_context(cr, d->pc);
	rc = pdf_draw(d, cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (rc == S40_OK && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		rc = S40_E_IO;
	cairo_surface_destroy(surface);
	return rc;
}

enum s40_err s40_table_render_pdf(const struct s40_table *t, enum s40_lang lang,
				  int32_t printed_day, FILE *f, struct s40_ctx *ctx)
{
	return s40_table_render_pdf_map(t, NULL, lang, printed_day, f, ctx);
}

enum s40_err s40_table_render_pdf_map(const struct s40_table *t, const struct s40_map *map,
				      enum s40_lang lang, int32_t printed_day, FILE *f,
				      struct s40_ctx *ctx)
{
	if (s40_pdf_fonts_take() == NULL)
		return s40_errorf(ctx, S40_E_IO, NULL, "เตรียมแบบอักษรสำหรับ PDF ไม่ได้ (fontconfig)",
				  "the fonts for the PDF could not be set up (fontconfig)");
	struct pdf_doc d = { .t = t, .lang = lang, .printed_day = printed_day, .map = map };
	s40_buf_init(&d.scratch, PDF_TEXT_MAX);
	enum s40_err rc = pdf_render_locked(&d, f);
	s40_pdf_fonts_release();
	pdf_doc_free(&d);
	if (rc == S40_OK && (fflush(f) != 0 || ferror(f)))
		rc = S40_E_IO;
	switch (rc) {
	case S40_OK:
		return S40_OK;
	case S40_E_NOMEM:
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	case S40_E_LIMIT:
		return s40_errorf(ctx, rc, NULL, "ข้อความในตารางยาวเกิน %d ไบต์",
				  "a text cell is longer than %d bytes", PDF_TEXT_MAX);
	default:
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนรายงาน PDF ไม่ได้",
				  "the PDF report could not be written");
	}
}

enum s40_err s40_pdf_page(FILE *f, enum s40_lang lang, const char *title, s40_pdf_page_fn draw,
			  void *arg, const char *what_th, const char *what_en,
			  struct s40_ctx *ctx)
{
	PangoFontMap *fm = s40_pdf_fonts_take();
	if (fm == NULL)
		return s40_errorf(ctx, S40_E_IO, NULL, "เตรียมแบบอักษรสำหรับ PDF ไม่ได้ (fontconfig)",
				  "the fonts for the PDF could not be set up (fontconfig)");
	enum s40_err rc = S40_OK;
	PangoContext *pc = s40_pdf_context(fm, lang);
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
		s40_pdf_write_file, f, S40_PDF_A4_SHORT, S40_PDF_A4_LONG);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "s40");
	cairo_t *cr = cairo_create(surface);
	PangoLayout *l = pc != NULL ? pango_layout_new(pc) : NULL;
	if (l == NULL) {
		rc = S40_E_NOMEM;
	} else {
		pango_cairo_update_context(cr, pc);
		draw(cr, l, arg);
		cairo_show_page(cr);
		g_object_unref(l);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (rc == S40_OK && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		rc = S40_E_IO;
	cairo_surface_destroy(surface);
	if (pc)
		g_object_unref(pc);
	s40_pdf_fonts_release();
	if (rc == S40_OK && (fflush(f) != 0 || ferror(f)))
		rc = S40_E_IO;
	if (rc == S40_E_NOMEM)
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	if (rc != S40_OK)
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียน%s%.0s PDF ไม่ได้",
				  "the PDF %.0s%s could not be written", what_th, what_en);
	return S40_OK;
}
