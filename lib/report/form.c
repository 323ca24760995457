/*
 * form.c — a person's registration on the form สปส. 1-40 as an A4 PDF
 * (form.h): read from the register and drawn with cairo and pango in the
 * built-in Sarabun (pdf.h), ready to sign or to take a thumbprint.
 *
 * The layout follows the public copies of the Social Security Office's form:
 * its code at the top right with the office's "received" lines, the title,
 * the applicant's details (the national ID in thirteen boxes), the three
 * options with their monthly contributions as tick boxes, the declaration,
 * the applicant's signature beside a box for the left thumbprint, and the
 * office's part at the foot. Parts of the paper form that s40 does not record
 * (occupation, a contact address other than the registered one) are left as
 * lines to fill by hand.
 */
#include "report/form.h"

#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "report/pdf.h"
#include "rules/rates.h"

#define FORM_MARGIN 42.0
#define FORM_SIZE_BODY 11.0
#define FORM_SIZE_TITLE 15.0
#define FORM_SIZE_SMALL 8.0
#define FORM_DOTS "........................................"

enum s40_err s40_form_read(struct s40_store *st, int64_t id, int32_t today, struct s40_form *fm,
			   struct s40_ctx *ctx)
{
	memset(fm, 0, sizeof *fm);
	enum s40_err rc = s40_person_get(st, id, &fm->person, ctx);
	if (rc)
		return rc;
	int32_t village = fm->person.village;
	if ((rc = s40_area_full_name(st, village, S40_LANG_TH, fm->area_th, sizeof fm->area_th,
				     ctx)) ||
	    (rc = s40_area_full_name(st, village, S40_LANG_EN, fm->area_en, sizeof fm->area_en,
				     ctx)))
		return rc;
	/* The postcode is kept at the subdistrict or the district. */
	static const enum s40_level levels[] = { S40_LEVEL_SUBDISTRICT, S40_LEVEL_DISTRICT };
	for (size_t i = 0; i < 2 && fm->postcode[0] == '\0'; i++) {
		struct s40_area_rec a;
		if (s40_area_get(st, s40_area_at_level(village, levels[i]), &a, ctx) == S40_OK)
			snprintf(fm->postcode, sizeof fm->postcode, "%s", a.postcode);
	}
	s40_ctx_clear(ctx);

	struct s40_spell *spells = NULL;
	size_t n = 0;
	if ((rc = s40_membership_list(st, id, &spells, &n, ctx)))
		return rc;
	fm->day = today;
	if (n > 0) {
		fm->has_spell = 1;
		fm->spell = spells[n - 1];
		fm->day = fm->spell.start_day;
	}
	free(spells);

	struct s40_rates rates;
	if (s40_rates_load(&rates, ctx) == S40_OK) {
		for (int opt = 1; opt <= 3; opt++) {
			const struct s40_rate *r =
				s40_rate_for(&rates, opt, s40_day_month(fm->day));
			fm->rate[opt] = r ? r->member : 0;
		}
		s40_rates_free(&rates);
	}
	s40_ctx_clear(ctx);
	return S40_OK;
}

/* What drawing needs at hand. */
struct form_draw {
	cairo_t *cr;
	PangoLayout *l;
	PangoFontDescription *body, *bold, *title, *small;
	int en;
};

static double form_text(struct form_draw *d, const PangoFontDescription *font, const char *s,
			double x, double y, double w, PangoAlignment align)
{
	return s40_pdf_text(d->cr, d->l, font, s, x, y, w, align);
}

/* The width of s in font, unwrapped. */
static double form_width(struct form_draw *d, const PangoFontDescription *font, const char *s)
{
	pango_layout_set_font_description(d->l, font);
	pango_layout_set_width(d->l, -1);
	pango_layout_set_text(d->l, s, -1);
	int pw, ph;
	pango_layout_get_size(d->l, &pw, &ph);
	return (double)pw / PANGO_SCALE;
}

/* The label in the reader's language. */
static const char *L(const struct form_draw *d, const char *th, const char *en)
{
	return d->en ? en : th;
}

/* "label value" on one line: the label in semibold, the value after it; the
 * height used. */
static double form_field(struct form_draw *d, const char *label, const char *value, double x,
			 double y, double w)
{
	double lw = form_width(d, d->bold, label) + 6;
	double h1 = form_text(d, d->bold, label, x, y, lw, PANGO_ALIGN_LEFT);
	double h2 = form_text(d, d->body, value, x + lw, y, w - lw, PANGO_ALIGN_LEFT);
	return h1 > h2 ? h1 : h2;
}

/* A tick box of side s at x, y; ticked when on. */
static void form_box(cairo_t *cr, double x, double y, double s, int on)
{
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, x, y, s, s);
	cairo_stroke(cr);
	if (on) {
		cairo_set_line_width(cr, 1.6);
		cairo_move_to(cr, x + s * 0.18, y + s * 0.55);
		cairo_line_to(cr, x + s * 0.42, y + s * 0.82);
		cairo_line_to(cr, x + s * 0.85, y + s * 0.15);
		cairo_stroke(cr);
	}
}

/* The national ID in 13 boxes grouped 1-4-5-2-1, as the form prints them. */
static double form_id_boxes(struct form_draw *d, int64_t id, double x, double y)
{
	char digits[16];
	s40_natid_digits(id, digits, sizeof digits);
	const double s = 15, gap = 6;
	double cx = x;
	for (int i = 0; i < 13; i++) {
		if (i == 1 || i == 5 || i == 10 || i == 12)
			cx += gap;
		cairo_set_line_width(d->cr, 0.7);
		cairo_rectangle(d->cr, cx, y, s, s + 2);
		cairo_stroke(d->cr);
		char c[2] = { digits[i], '\0' };
		form_text(d, d->body, c, cx, y - 1, s, PANGO_ALIGN_CENTER);
		cx += s;
	}
	return s + 4;
}

static void form_draw_page(struct form_draw *d, const struct s40_form *fm, int32_t printed_day)
{
	const double left = FORM_MARGIN, w = S40_PDF_A4_SHORT - 2 * FORM_MARGIN;
	const struct s40_person *p = &fm->person;
	char buf[1024], a[128];
	double y = FORM_MARGIN;

	/* The code of the form in a box, and the office's "received" lines. */
	const double cw = 120;
	cairo_set_line_width(d->cr, 1);
	cairo_rectangle(d->cr, left + w - cw, y, cw, 24);
	cairo_stroke(d->cr);
	form_text(d, d->title, "สปส. 1-40", left + w - cw, y + 2, cw, PANGO_ALIGN_CENTER);
	form_text(
		d, d->small,
		L(d,
		  "สำหรับเจ้าหน้าที่\nเลขที่รับ ........................\nวันที่รับ ........................",
		  "For the office\nReceived no. ....................\nReceived on ....................."),
		left, y, 200, PANGO_ALIGN_LEFT);
	y += 44;

	y += form_text(d, d->title,
		       L(d, "แบบคำขอสมัครเป็นผู้ประกันตนตามมาตรา 40",
			 "Application to be insured under Section 40"),
		       left, y, w, PANGO_ALIGN_CENTER);
	y += form_text(d, d->body,
		       L(d, "แห่งพระราชบัญญัติประกันสังคม พ.ศ. 2533",
			 "of the Social Security Act B.E. 2533 (1990)"),
		       left, y, w, PANGO_ALIGN_CENTER) +
	     8;
	if (d->en)
		snprintf(buf, sizeof buf, "Written at %s\nDate %s", FORM_DOTS,
			 s40_date_en_long(fm->day, a, sizeof a));
	else
		snprintf(buf, sizeof buf, "เขียนที่ %s\nวันที่ %s", FORM_DOTS,
			 s40_date_th_long(fm->day, a, sizeof a));
	y += form_text(d, d->body, buf, left + w * 0.5, y, w * 0.5, PANGO_ALIGN_RIGHT) + 10;

	/* 1. The applicant. */
	y += form_text(d, d->bold, L(d, "1. ข้อมูลผู้สมัคร", "1. The applicant"), left, y, w,
		       PANGO_ALIGN_LEFT) +
	     4;
	const double in = left + 14, iw = w - 14;
	if (d->en && p->first_en[0])
		snprintf(buf, sizeof buf, "%s %s", p->first_en, p->last_en);
	else
		snprintf(buf, sizeof buf, "%s%s %s", p->title, p->first_th, p->last_th);
	y += form_field(d, L(d, "ชื่อ-นามสกุล", "Name"), buf, in, y, iw) + 6;
	double lw = form_width(d, d->bold, L(d, "เลขประจำตัวประชาชน", "National ID")) + 10;
	form_text(d, d->bold, L(d, "เลขประจำตัวประชาชน", "National ID"), in, y, lw,
		  PANGO_ALIGN_LEFT);
	y += form_id_boxes(d, p->id, in + lw, y + 1) + 8;
	if (p->birth_day != S40_NO_DAY) {
		if (d->en)
			snprintf(buf, sizeof buf, "%s    Age %d years",
				 s40_date_en_long(p->birth_day, a, sizeof a),
				 s40_age_on(p->birth_day, fm->day));
		else
			snprintf(buf, sizeof buf, "%s    อายุ %d ปี",
				 s40_date_th_long(p->birth_day, a, sizeof a),
				 s40_age_on(p->birth_day, fm->day));
	} else {
		snprintf(buf, sizeof buf, "%s", FORM_DOTS);
	}
	y += form_field(d, L(d, "วันเดือนปีเกิด", "Born"), buf, in, y, iw) + 6;
	const char *nat = p->thai == 1 ? L(d, "ไทย", "Thai") :
			  p->thai == 0 ? L(d, "ไม่ใช่ไทย", "not Thai") :
					 FORM_DOTS;
	y += form_field(d, L(d, "สัญชาติ", "Nationality"), nat, in, y, iw) + 6;
	snprintf(buf, sizeof buf, "%s%s%s%s%s", p->address, p->address[0] ? " " : "",
		 d->en ? fm->area_en : fm->area_th, fm->postcode[0] ? " " : "", fm->postcode);
	y += form_field(d, L(d, "ที่อยู่ตามทะเบียนบ้าน", "Registered address"), buf, in, y, iw) + 6;
	y += form_field(d, L(d, "โทรศัพท์", "Phone"), p->phone[0] ? p->phone : FORM_DOTS, in, y, iw) +
	     6;
	y += form_field(d, L(d, "อาชีพ", "Occupation"), FORM_DOTS FORM_DOTS, in, y, iw) + 14;

	/* 2. The option. */
	y += form_text(d, d->bold,
		       L(d, "2. ข้าพเจ้าประสงค์จะจ่ายเงินสมทบตามทางเลือก",
			 "2. I choose to contribute under option"),
		       left, y, w, PANGO_ALIGN_LEFT) +
	     4;
	static const char *const cover_th[] = { "", "คุ้มครอง 3 กรณี", "คุ้มครอง 4 กรณี",
						"คุ้มครอง 5 กรณี" };
	static const char *const cover_en[] = { "", "3 kinds of benefit", "4 kinds of benefit",
						"5 kinds of benefit" };
	for (int opt = 1; opt <= 3; opt++) {
		int on = fm->has_spell && fm->spell.option == opt;
		form_box(d->cr, in, y + 3, 11, on);
		char baht[32] = "…";
		if (fm->rate[opt] > 0)
			s40_format_baht(fm->rate[opt], baht, sizeof baht);
		if (d->en)
			snprintf(buf, sizeof buf, "Option %d: %s baht a month (%s)", opt, baht,
				 cover_en[opt]);
		else
			snprintf(buf, sizeof buf, "ทางเลือกที่ %d จ่าย %s บาทต่อเดือน (%s)", opt, baht,
				 cover_th[opt]);
		y += form_text(d, on ? d->bold : d->body, buf, in + 18, y, iw - 18,
			       PANGO_ALIGN_LEFT) +
		     4;
	}
	y += 6;
	if (fm->has_spell && fm->spell.recruited_by != 0) {
		s40_natid_format(fm->spell.recruited_by, a, sizeof a);
		y += form_field(d, L(d, "ผู้แนะนำ (เลขประจำตัวประชาชน)", "Recruited by (national ID)"),
				a, in, y, iw) +
		     6;
	}
	y += 8;

	/* 3. The declaration, the signature and the thumbprint. */
	y += form_text(d, d->body,
		       L(d,
			 "ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นความจริงทุกประการ "
			 "และข้าพเจ้ามิได้เป็นผู้ประกันตนตามมาตรา 33 หรือมาตรา 39 "
			 "แห่งพระราชบัญญัติประกันสังคม พ.ศ. 2533",
			 "I certify that the above is true in every respect, and that I am not "
			 "insured under Section 33 or Section 39 of the Social Security Act."),
		       left, y, w, PANGO_ALIGN_LEFT) +
	     28;
	const double bx = left + 10, bs = 78;
	cairo_set_line_width(d->cr, 0.8);
	cairo_rectangle(d->cr, bx, y, bs, bs);
	cairo_stroke(d->cr);
	form_text(d, d->small,
		  L(d, "ลายพิมพ์นิ้วหัวแม่มือซ้าย\n(กรณีลงลายมือชื่อไม่ได้)",
		    "Left thumbprint\n(if unable to sign)"),
		  bx - 10, y + bs + 3, bs + 20, PANGO_ALIGN_CENTER);
	const double sx = left + w * 0.4, sw = w * 0.6;
	double sy = y + 14;
	sy += form_text(d, d->body,
			L(d, "ลงชื่อ .............................................. ผู้สมัคร",
			  "Signed .............................................. applicant"),
			sx, sy, sw, PANGO_ALIGN_CENTER) +
	      4;
	if (d->en && p->first_en[0])
		snprintf(buf, sizeof buf, "(%s %s)", p->first_en, p->last_en);
	else
		snprintf(buf, sizeof buf, "(%s%s %s)", p->title, p->first_th, p->last_th);
	sy += form_text(d, d->body, buf, sx, sy, sw, PANGO_ALIGN_CENTER) + 4;
	form_text(d, d->body,
		  L(d, "วันที่ ........ / ........ / ............",
		    "Date ........ / ........ / ............"),
		  sx, sy, sw, PANGO_ALIGN_CENTER);
	y += bs + 40;

	/* The office's part. */
	const double oh = 92;
	cairo_set_line_width(d->cr, 0.8);
	cairo_rectangle(d->cr, left, y, w, oh);
	cairo_stroke(d->cr);
	form_text(d, d->bold, L(d, "สำหรับเจ้าหน้าที่", "For the office"), left + 8, y + 6, w - 16,
		  PANGO_ALIGN_LEFT);
	form_text(d, d->body,
		  L(d,
		    "ตรวจสอบหลักฐานแล้ว  [  ] ถูกต้อง  [  ] ไม่ถูกต้อง ......................\n"
		    "ลงชื่อ .............................................. ผู้รับคำขอ   "
		    "วันที่ ........ / ........ / ............",
		    "Documents checked  [  ] in order  [  ] not in order ......................\n"
		    "Signed .............................................. received by   "
		    "Date ........ / ........ / ............"),
		  left + 8, y + 28, w - 16, PANGO_ALIGN_LEFT);

	if (printed_day != S40_NO_DAY) {
		cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
		if (d->en)
			snprintf(buf, sizeof buf, "Printed %s from the register",
				 s40_date_en_long(printed_day, a, sizeof a));
		else
			snprintf(buf, sizeof buf, "พิมพ์จากทะเบียนวันที่ %s",
				 s40_date_th_long(printed_day, a, sizeof a));
		form_text(d, d->small, buf, left, S40_PDF_A4_LONG - FORM_MARGIN, w,
			  PANGO_ALIGN_LEFT);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
}

/* What s40_form_write_pdf hands to its page. */
struct form_job {
	const struct s40_form *fm;
	int32_t printed_day;
	int en;
};

static void form_page(cairo_t *cr, PangoLayout *l, void *arg)
{
	const struct form_job *j = arg;
	struct form_draw d = { .cr = cr, .l = l, .en = j->en };
	d.body = s40_pdf_font(PANGO_WEIGHT_NORMAL, FORM_SIZE_BODY);
	d.bold = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, FORM_SIZE_BODY);
	d.title = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, FORM_SIZE_TITLE);
	d.small = s40_pdf_font(PANGO_WEIGHT_NORMAL, FORM_SIZE_SMALL);
	form_draw_page(&d, j->fm, j->printed_day);
	PangoFontDescription *fonts[] = { d.body, d.bold, d.title, d.small };
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
		pango_font_description_free(fonts[i]);
}

enum s40_err s40_form_write_pdf(const struct s40_form *fm, enum s40_lang lang, int32_t printed_day,
				FILE *f, struct s40_ctx *ctx)
{
	char title[160], id[32];
	s40_natid_digits(fm->person.id, id, sizeof id);
	snprintf(title, sizeof title, "%s %s",
		 lang == S40_LANG_EN ? "Application SSO 1-40" : "แบบคำขอ สปส. 1-40", id);
	struct form_job j = { fm, printed_day, lang == S40_LANG_EN };
	return s40_pdf_page(f, lang, title, form_page, &j, "แบบคำขอ", "form", ctx);
}
