/*
 * receipt.c — a payment's receipt as an A4 PDF (receipt.h): read from the
 * ledger (the payment, its payer, the months it covers) and drawn with cairo
 * and pango in the built-in Sarabun (pdf.h), Thai first.
 *
 * The layout follows what a counter's receipt carries: who issues it (the
 * Social Security Office of the payer's province), its number and day, who
 * paid, for which months and how much, in figures and in words, by which
 * channel, and a line for the receiver's signature.
 */
#include "report/receipt.h"

#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "report/pdf.h"

#define RECEIPT_MARGIN 56.0 /* about 2 cm */
#define RECEIPT_SIZE_BODY 11.0
#define RECEIPT_SIZE_OFFICE 13.0
#define RECEIPT_SIZE_TITLE 17.0
#define RECEIPT_SIZE_SMALL 8.0

/* "นายหนึ่ง อาสา": the title joins the first name, as Thai writes it. */
static void receipt_name_th(const struct s40_person *p, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s", p->title, p->first_th, p->last_th[0] ? " " : "", p->last_th);
}

/* The English name, or the Thai one when none is recorded. */
static void receipt_name_en(const struct s40_person *p, char *buf, size_t n)
{
	if (p->first_en[0] == '\0') {
		receipt_name_th(p, buf, n);
		return;
	}
	snprintf(buf, n, "%s%s%s", p->first_en, p->last_en[0] ? " " : "", p->last_en);
}

enum s40_err s40_receipt_read(struct s40_store *st, const char *ref, struct s40_receipt *r,
			      struct s40_ctx *ctx)
{
	memset(r, 0, sizeof *r);
	int found = 0;
	enum s40_err rc = s40_ledger_payment_get(st, ref, &r->pay, &found, ctx);
	if (rc)
		return rc;
	if (!found)
		return s40_errorf(ctx, S40_E_NOT_FOUND, "receipt", "ไม่พบใบเสร็จเลขที่ %s",
				  "there is no receipt %s", ref);
	if ((rc = s40_person_get(st, r->pay.person, &r->person, ctx)))
		return rc;

	/* The address: the house and street recorded, then the village and up. */
	char area_th[400] = "", area_en[400] = "";
	int32_t province = s40_area_at_level(r->person.village, S40_LEVEL_PROVINCE);
	if ((rc = s40_area_full_name(st, r->person.village, S40_LANG_TH, area_th, sizeof area_th,
				     ctx)) ||
	    (rc = s40_area_full_name(st, r->person.village, S40_LANG_EN, area_en, sizeof area_en,
				     ctx)))
		return rc;
	const char *sep = r->person.address[0] ? " " : "";
	snprintf(r->address_th, sizeof r->address_th, "%s%s%s", r->person.address, sep, area_th);
	snprintf(r->address_en, sizeof r->address_en, "%s%s%s", r->person.address,
		 r->person.address[0] ? ", " : "", area_en);
	struct s40_area_rec prov;
	if ((rc = s40_area_get(st, province, &prov, ctx)))
		return rc;
	if (province == 10)
		snprintf(r->office_th, sizeof r->office_th, "สำนักงานประกันสังคม%s", prov.name_th);
	else
		snprintf(r->office_th, sizeof r->office_th, "สำนักงานประกันสังคมจังหวัด%s",
			 prov.name_th);
	snprintf(r->office_en, sizeof r->office_en, "Social Security Office, %s", prov.name_en);

	/* The months: the ledger rows of this payment. */
	struct s40_ledger_row *rows = NULL;
	size_t n = 0;
	if ((rc = s40_ledger_rows(st, r->pay.person, r->pay.first_month, r->pay.last_month, &rows,
				  &n, ctx)))
		return rc;
	r->months = calloc(n ? n : 1, sizeof *r->months);
	if (r->months == NULL) {
		free(rows);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		if (rows[i].payment_id != r->pay.payment_id)
			continue;
		r->months[r->n_months++] = (struct s40_receipt_month){
			.month = rows[i].month,
			.option = rows[i].option,
			.member = rows[i].member,
			.extra = rows[i].extra,
		};
	}
	free(rows);
	return S40_OK;
}

void s40_receipt_free(struct s40_receipt *r)
{
	free(r->months);
	memset(r, 0, sizeof *r);
}

/* What drawing needs at hand. */
struct receipt_draw {
	cairo_t *cr;
	PangoLayout *l;
	PangoFontDescription *body, *bold, *office, *title, *small;
};

/* Draw s in font at x, y within width w (aligned by align); the height used. */
static double receipt_text(struct receipt_draw *d, const PangoFontDescription *font, const char *s,
			   double x, double y, double w, PangoAlignment align)
{
	return s40_pdf_text(d->cr, d->l, font, s, x, y, w, align);
}

static void receipt_rule(cairo_t *cr, double x0, double x1, double y, double width, double grey)
{
	s40_pdf_rule(cr, x0, x1, y, width, grey);
}

/* A line "label value": the label in semibold in a column of width lw. */
static double receipt_field(struct receipt_draw *d, const char *label, const char *value, double x,
			    double y, double lw, double w)
{
	double h1 = receipt_text(d, d->bold, label, x, y, lw, PANGO_ALIGN_LEFT);
	double h2 = receipt_text(d, d->body, value, x + lw, y, w - lw, PANGO_ALIGN_LEFT);
	return (h1 > h2 ? h1 : h2) + 3;
}

/* The page of receipt r. */
static void receipt_draw_page(struct receipt_draw *d, const struct s40_receipt *r,
			      enum s40_lang lang, int32_t printed_day)
{
	int en = lang == S40_LANG_EN;
	const double left = RECEIPT_MARGIN, w = S40_PDF_A4_SHORT - 2 * RECEIPT_MARGIN;
	char buf[1024], a[128], b[128];
	double y = RECEIPT_MARGIN;

	/* The office, left; the number and the day, right. */
	double h = receipt_text(d, d->office, en ? r->office_en : r->office_th, left, y, w * 0.6,
				PANGO_ALIGN_LEFT);
	snprintf(buf, sizeof buf, en ? "No. %s" : "เลขที่ %s", r->pay.receipt);
	double hr = receipt_text(d, d->bold, buf, left + w * 0.6, y, w * 0.4, PANGO_ALIGN_RIGHT);
	if (en)
		snprintf(buf, sizeof buf, "Date %s",
			 s40_date_en_long(r->pay.paid_day, a, sizeof a));
	else
		snprintf(buf, sizeof buf, "วันที่ %s", s40_date_th_long(r->pay.paid_day, a, sizeof a));
	hr += receipt_text(d, d->body, buf, left + w * 0.6, y + hr, w * 0.4, PANGO_ALIGN_RIGHT);
	y += (h > hr ? h : hr) + 18;

	y += receipt_text(d, d->title,
			  en ? "Receipt for Section 40 contributions" :
			       "ใบเสร็จรับเงินสมทบ ผู้ประกันตนมาตรา 40",
			  left, y, w, PANGO_ALIGN_CENTER);
	y += 6;
	receipt_rule(d->cr, left, left + w, y, 0.8, 0.3);
	y += 14;

	/* The payer and the channel. */
	double lw = en ? 120 : 130;
	char name[512];
	if (en)
		receipt_name_en(&r->person, name, sizeof name);
	else
		receipt_name_th(&r->person, name, sizeof name);
	y += receipt_field(d, en ? "Received from" : "ได้รับเงินจาก", name, left, y, lw, w);
	y += receipt_field(d, en ? "National ID" : "เลขประจำตัวประชาชน",
			   s40_natid_mask(r->pay.person, a, sizeof a), left, y, lw, w);
	y += receipt_field(d, en ? "Address" : "ที่อยู่", en ? r->address_en : r->address_th, left, y,
			   lw, w);
	y += receipt_field(d, en ? "Paid through" : "ช่องทางการชำระ",
			   s40_pay_channel_name(r->pay.channel, lang), left, y, lw, w);
	if (r->pay.first_month == r->pay.last_month) {
		if (en)
			s40_month_iso(r->pay.first_month, buf, sizeof buf);
		else
			s40_month_th_long(r->pay.first_month, buf, sizeof buf);
	} else if (en) {
		snprintf(buf, sizeof buf, "%s to %s (%zu months)",
			 s40_month_iso(r->pay.first_month, a, sizeof a),
			 s40_month_iso(r->pay.last_month, b, sizeof b), r->n_months);
	} else {
		snprintf(buf, sizeof buf, "%s ถึง %s (%zu เดือน)",
			 s40_month_th_long(r->pay.first_month, a, sizeof a),
			 s40_month_th_long(r->pay.last_month, b, sizeof b), r->n_months);
	}
	y += receipt_field(d, en ? "For the months" : "เงินสมทบเดือน", buf, left, y, lw, w);
	y += 12;

	/* The months: month, option, member's share, extra savings, amount. */
	static const double share[] = { 0.27, 0.12, 0.20, 0.22, 0.19 };
	const char *head_th[] = { "เดือน", "ทางเลือก", "เงินสมทบ (บาท)", "เงินออมเพิ่ม (บาท)",
				  "รวม (บาท)" };
	const char *head_en[] = { "Month", "Option", "Contribution (baht)", "Extra savings (baht)",
				  "Amount (baht)" };
	double cx[6];
	cx[0] = left;
	for (int i = 0; i < 5; i++)
		cx[i + 1] = cx[i] + share[i] * w;
	const double pad = 5;
	double hh = 0;
	for (int i = 0; i < 5; i++) {
		pango_layout_set_font_description(d->l, d->bold);
		pango_layout_set_width(d->l, (int)((cx[i + 1] - cx[i] - 2 * pad) * PANGO_SCALE));
		pango_layout_set_text(d->l, en ? head_en[i] : head_th[i], -1);
		int pw, ph;
		pango_layout_get_size(d->l, &pw, &ph);
		if ((double)ph / PANGO_SCALE > hh)
			hh = (double)ph / PANGO_SCALE;
	}
	cairo_set_source_rgb(d->cr, 0xDD / 255.0, 0xEB / 255.0, 0xF7 / 255.0);
	cairo_rectangle(d->cr, left, y, w, hh + 2 * 3);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (int i = 0; i < 5; i++)
		receipt_text(d, d->bold, en ? head_en[i] : head_th[i], cx[i] + pad, y + 3,
			     cx[i + 1] - cx[i] - 2 * pad,
			     i < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
	y += hh + 6;
	receipt_rule(d->cr, left, left + w, y, 0.6, 0);
	int64_t sum_member = 0, sum_extra = 0;
	for (size_t m = 0; m < r->n_months; m++) {
		const struct s40_receipt_month *rm = &r->months[m];
		char cell[5][64];
		if (en)
			s40_month_iso(rm->month, cell[0], sizeof cell[0]);
		else
			s40_month_th_long(rm->month, cell[0], sizeof cell[0]);
		snprintf(cell[1], sizeof cell[1], "%d", rm->option);
		s40_format_baht(rm->member, cell[2], sizeof cell[2]);
		s40_format_baht(rm->extra, cell[3], sizeof cell[3]);
		s40_format_baht(rm->member + rm->extra, cell[4], sizeof cell[4]);
		sum_member += rm->member;
		sum_extra += rm->extra;
		double rh = 0;
		for (int i = 0; i < 5; i++) {
			double ch = receipt_text(d, d->body, cell[i], cx[i] + pad, y + 3,
						 cx[i + 1] - cx[i] - 2 * pad,
						 i < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
			if (ch > rh)
				rh = ch;
		}
		y += rh + 6;
		receipt_rule(d->cr, left, left + w, y, 0.3, 0.75);
	}
	/* The total row. */
	{
		char cell[3][64];
		s40_format_baht(sum_member, cell[0], sizeof cell[0]);
		s40_format_baht(sum_extra, cell[1], sizeof cell[1]);
		s40_format_baht(r->pay.total, cell[2], sizeof cell[2]);
		double rh = receipt_text(d, d->bold, en ? "Total" : "รวม", cx[0] + pad, y + 3,
					 cx[2] - cx[0] - 2 * pad, PANGO_ALIGN_LEFT);
		for (int i = 0; i < 3; i++)
			receipt_text(d, d->bold, cell[i], cx[i + 2] + pad, y + 3,
				     cx[i + 3] - cx[i + 2] - 2 * pad, PANGO_ALIGN_RIGHT);
		y += rh + 6;
		receipt_rule(d->cr, left, left + w, y, 0.8, 0);
		y += 16;
	}

	/* The amount in figures and, in Thai, in words. */
	s40_format_baht(r->pay.total, a, sizeof a);
	if (en) {
		snprintf(buf, sizeof buf, "Amount received: %s baht", a);
	} else {
		char words[512];
		snprintf(buf, sizeof buf, "จำนวนเงินที่ได้รับ %s บาท (%s)", a,
			 s40_baht_words_th(r->pay.total, words, sizeof words));
	}
	y += receipt_text(d, d->bold, buf, left, y, w, PANGO_ALIGN_LEFT) + 48;

	/* The receiver's signature, right. */
	double sx = left + w * 0.45, sw = w * 0.55;
	y += receipt_text(d, d->body,
			  en ? "Signed ................................................ receiver" :
			       "ลงชื่อ ................................................ ผู้รับเงิน",
			  sx, y, sw, PANGO_ALIGN_CENTER) +
	     6;
	receipt_text(d, d->body, "(................................................)", sx, y, sw,
		     PANGO_ALIGN_CENTER);

	/* The footer: the day printed. */
	if (printed_day != S40_NO_DAY) {
		cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
		if (en)
			snprintf(buf, sizeof buf, "Printed %s",
				 s40_date_en_long(printed_day, a, sizeof a));
		else
			snprintf(buf, sizeof buf, "พิมพ์วันที่ %s",
				 s40_date_th_long(printed_day, a, sizeof a));
		receipt_text(d, d->small, buf, left, S40_PDF_A4_LONG - RECEIPT_MARGIN, w,
			     PANGO_ALIGN_LEFT);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
}

/* What s40_receipt_write_pdf hands to its page. */
struct receipt_job {
	const struct s40_receipt *r;
	enum s40_lang lang;
	int32_t printed_day;
};

static void receipt_page(cairo_t *cr, PangoLayout *l, void *arg)
{
	const struct receipt_job *j = arg;
	struct receipt_draw d = { .cr = cr, .l = l };
	d.body = s40_pdf_font(PANGO_WEIGHT_NORMAL, RECEIPT_SIZE_BODY);
	d.bold = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, RECEIPT_SIZE_BODY);
	d.office = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, RECEIPT_SIZE_OFFICE);
	d.title = s40_pdf_font(PANGO_WEIGHT_SEMIBOLD, RECEIPT_SIZE_TITLE);
	d.small = s40_pdf_font(PANGO_WEIGHT_NORMAL, RECEIPT_SIZE_SMALL);
	receipt_draw_page(&d, j->r, j->lang, j->printed_day);
	PangoFontDescription *fonts[] = { d.body, d.bold, d.office, d.title, d.small };
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
		pango_font_description_free(fonts[i]);
}

enum s40_err s40_receipt_write_pdf(const struct s40_receipt *r, enum s40_lang lang,
				   int32_t printed_day, FILE *f, struct s40_ctx *ctx)
{
	char title[160];
	snprintf(title, sizeof title, lang == S40_LANG_EN ? "Receipt %s" : "ใบเสร็จรับเงิน %s",
		 r->pay.receipt);
	struct receipt_job j = { r, lang, printed_day };
	return s40_pdf_page(f, lang, title, receipt_page, &j, "ใบเสร็จ", "receipt", ctx);
}
