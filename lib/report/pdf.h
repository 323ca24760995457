/*
 * pdf.h — what the PDF documents of lib/report share (pdf.c): the pango font
 * map of the Sarabun built into the program, one document at a time, and the
 * small helpers every document needs. The table renderer (pdf.c) and the
 * paper documents (receipt.c) use it; programs call their renderers.
 */
#ifndef S40_REPORT_PDF_H
#define S40_REPORT_PDF_H

#include <cairo.h>
#include <stdio.h>
#include <pango/pangocairo.h>

#include "core/error.h"

/* A4 in points (1/72 inch): 210 × 297 mm. */
#define S40_PDF_A4_SHORT 595.2756
#define S40_PDF_A4_LONG 841.8898
/* The family of the built-in fonts: Regular (400) and SemiBold (600). */
#define S40_PDF_FAMILY "Sarabun"

/*
 * Take the PDF lock (pango's font maps are not for several threads at once)
 * and return the font map of the built-in fonts, set up at the first call: a
 * private fontconfig configuration with those fonts and no other. NULL, with
 * the lock not taken, when the fonts cannot be set up. The map is the
 * program's: give it back with s40_pdf_fonts_release.
 */
PangoFontMap *s40_pdf_fonts_take(void);
void s40_pdf_fonts_release(void);

/* A pango context on fm for lang: 72 dpi (a unit is a point), no hinting, so
 * that widths measured are the widths drawn. NULL when out of memory; the
 * caller unrefs it (g_object_unref). */
PangoContext *s40_pdf_context(PangoFontMap *fm, enum s40_lang lang);

/* A font of the built-in family: weight (PANGO_WEIGHT_NORMAL or _SEMIBOLD)
 * and size in points; free with pango_font_description_free. */
PangoFontDescription *s40_pdf_font(PangoWeight weight, double size);

/* Draw s with layout l in font at x, y (the top of the first line), wrapped
 * within width w and aligned by align; returns the height drawn. */
double s40_pdf_text(cairo_t *cr, PangoLayout *l, const PangoFontDescription *font, const char *s,
		    double x, double y, double w, PangoAlignment align);

/* A horizontal rule from x0 to x1 at y, of width lw, in grey (0 black, 1 white). */
void s40_pdf_rule(cairo_t *cr, double x0, double x1, double y, double lw, double grey);

/* cairo's output callback writing to the FILE closure. */
cairo_status_t s40_pdf_write_file(void *closure, const unsigned char *data, unsigned int n);

/* Draws one page on cr with layout l (its fonts are the drawer's to make). */
typedef void (*s40_pdf_page_fn)(cairo_t *cr, PangoLayout *l, void *arg);

/*
 * Write to f a one-page portrait A4 document titled title, in lang: the fonts,
 * context and surface set up, draw(cr, l, arg) called once, all released, f
 * flushed. what_th / what_en name the document in the failure's message
 * ("ใบเสร็จ", "receipt"): S40_E_IO, or S40_E_NOMEM.
 */
enum s40_err s40_pdf_page(FILE *f, enum s40_lang lang, const char *title, s40_pdf_page_fn draw,
			  void *arg, const char *what_th, const char *what_en,
			  struct s40_ctx *ctx);

#endif
