/*
 * xlsx.c — the XLSX renderer of the report table, through libxlsxwriter.
 *
 * One worksheet: a title row naming the report, a row naming the area and the
 * day (the table's subtitle), the column labels, then the rows. The labels row
 * is frozen and carries an autofilter, so that the header stays in view and
 * the rows can be filtered. Values keep their type: numbers are numbers (with
 * a grouped number format), money is baht with two decimals, percentages are
 * fractions shown as 0.00%, dates and months are Excel date serials shown in
 * the Thai Buddhist-era form ("31 ตุลาคม 2562"), booleans are 1/0 shown as
 * ใช่/ไม่ใช่, national IDs are text (13 digits would lose nothing as a number
 * but would show in exponent form). Column widths fit the widest cell by its
 * display width (Thai vowels and tone marks above and below take no room).
 *
 * libxlsxwriter writes to a file name only (1.1.4 has no memory output), so
 * rendering to a stream goes through a temporary file that is copied and
 * removed.
 */
#include "report/table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"

#define XLSX_HEADER_ROW 2 /* title, subtitle, then the labels */
#define XLSX_MAX_WIDTH 60 /* the widest column, in characters */
#define XLSX_MIN_WIDTH 6
#define XLSX_EXCEL_EPOCH 25569 /* the Excel serial of 1970-01-01 (1900 date system) */

/*
 * The number formats. Dates and months carry the Thai locale with the Thai
 * Buddhist calendar: [$-107041E] is LCID 041E (th-TH) with calendar type 07
 * (Thai Buddhist) and the Western digits (00), what Excel itself writes for
 * "th-TH, Buddhist calendar"; LibreOffice reads it as [$-41E][~buddhist]. Both
 * show 31 ตุลาคม 2562.
 */
#define XLSX_FMT_DATE_TH "[$-107041E]d mmmm yyyy"
#define XLSX_FMT_MONTH_TH "[$-107041E]mmmm yyyy"
#define XLSX_FMT_DATE_EN "d mmmm yyyy"
#define XLSX_FMT_MONTH_EN "mmmm yyyy"

/* The formats of one workbook. */
struct xlsx_formats {
	lxw_format *title, *subtitle, *header, *integer, *money, *percent, *code, *date, *month,
		*boolean, *text;
};

/* The string in lang, falling back to the other language, then to dflt. */
static const char *xlsx_pick(const char *th, const char *en, enum s40_lang lang, const char *dflt)
{
	const char *first = lang == S40_LANG_EN ? en : th;
	const char *second = lang == S40_LANG_EN ? th : en;
	if (first && first[0])
		return first;
	if (second && second[0])
		return second;
	return dflt;
}

static void xlsx_make_formats(lxw_workbook *wb, enum s40_lang lang, struct xlsx_formats *fm)
{
	fm->title = workbook_add_format(wb);
	format_set_bold(fm->title);
	format_set_font_size(fm->title, 14);
	fm->subtitle = workbook_add_format(wb);
	format_set_italic(fm->subtitle);
	fm->header = workbook_add_format(wb);
	format_set_bold(fm->header);
	format_set_bottom(fm->header, LXW_BORDER_THIN);
	format_set_bg_color(fm->header, 0xDDEBF7);
	format_set_text_wrap(fm->header);
	format_set_align(fm->header, LXW_ALIGN_VERTICAL_TOP);
	fm->integer = workbook_add_format(wb);
	format_set_num_format(fm->integer, "#,##0");
	fm->money = workbook_add_format(wb);
	format_set_num_format(fm->money, "#,##0.00");
	fm->percent = workbook_add_format(wb);
	format_set_num_format(fm->percent, "0.00%");
	fm->code = workbook_add_format(wb);
	format_set_num_format(fm->code, "0");
	format_set_align(fm->code, LXW_ALIGN_LEFT);
	fm->date = workbook_add_format(wb);
	format_set_num_format(fm->date, lang == S40_LANG_EN ? XLSX_FMT_DATE_EN : XLSX_FMT_DATE_TH);
	format_set_align(fm->date, LXW_ALIGN_LEFT);
	fm->month = workbook_add_format(wb);
	format_set_num_format(fm->month,
			      lang == S40_LANG_EN ? XLSX_FMT_MONTH_EN : XLSX_FMT_MONTH_TH);
	format_set_align(fm->month, LXW_ALIGN_LEFT);
	fm->boolean = workbook_add_format(wb);
	format_set_num_format(fm->boolean, lang == S40_LANG_EN ? "\"yes\";\"yes\";\"no\"" :
								 "\"ใช่\";\"ใช่\";\"ไม่ใช่\"");
	format_set_align(fm->boolean, LXW_ALIGN_LEFT);
	fm->text = workbook_add_format(wb);
	format_set_num_format(fm->text, "@");
}

/* The display width of a cell as the sheet shows it (an estimate for the
 * column width; formats are those of the human table). */
static int xlsx_cell_width(const struct s40_table *t, const struct s40_column *c,
			   const struct s40_cell *cell, enum s40_lang lang)
{
	char buf[96];
	if (cell->is_null)
		return 0;
	switch (c->type) {
	case S40_COL_TEXT:
		if (cell->s)
			return s40_display_width(s40_table_word(c, cell->s, lang));
		return snprintf(buf, sizeof buf, "%" PRId64, cell->i);
	case S40_COL_CODE:
		return snprintf(buf, sizeof buf, "%" PRId64, cell->i);
	case S40_COL_INT:
		return (int)strlen(s40_format_int(cell->i, buf, sizeof buf));
	case S40_COL_MONEY:
		return (int)strlen(s40_format_baht(cell->i, buf, sizeof buf));
	case S40_COL_PERCENT:
		return 8;
	case S40_COL_DATE:
		return s40_display_width(
			lang == S40_LANG_EN ? s40_date_en_long((int32_t)cell->i, buf, sizeof buf) :
					      s40_date_th_long((int32_t)cell->i, buf, sizeof buf));
	case S40_COL_MONTH:
		return s40_display_width(s40_month_th_long((int32_t)cell->i, buf, sizeof buf)) + 2;
	case S40_COL_NATID:
		return t->mask_ids && !cell->clear ? (int)strlen(s40_natid_mask(cell->i, buf, sizeof buf)) :
						   17;
	case S40_COL_BOOL:
		return 6;
	}
	return 8;
}

/* A worksheet name from the title: at most 31 UTF-16 units (Excel's limit),
 * cut between two characters so that no Thai consonant loses its vowel or
 * tone mark, none of []:*?/\' (each a space). */
static void xlsx_sheet_name(const char *title, char *out, size_t n)
{
	snprintf(out, n, "%s", title ? title : "");
	for (char *p = out; *p; p++)
		if (strchr("[]:*?/\\'", *p))
			*p = ' ';
	size_t o = s40_utf8_cut_clusters(out, 31);
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	if (o == 0)
		snprintf(out, n, "%s", "report");
}

/* Write one cell of the table at (row, col). */
static lxw_error xlsx_write_cell(lxw_worksheet *ws, const struct s40_table *t, lxw_row_t row,
				 lxw_col_t col, const struct s40_cell *cell, const struct s40_column *c,
				 enum s40_lang lang, const struct xlsx_formats *fm)
{
	char buf[96];
	if (cell->is_null)
		return LXW_NO_ERROR;
	switch (c->type) {
	case S40_COL_TEXT:
		if (cell->s)
			return worksheet_write_string(ws, row, col, s40_table_word(c, cell->s, lang),
						      NULL);
		return worksheet_write_number(ws, row, col, (double)cell->i, fm->integer);
	case S40_COL_INT:
		return worksheet_write_number(ws, row, col, (double)cell->i, fm->integer);
	case S40_COL_MONEY:
		return worksheet_write_number(ws, row, col, (double)cell->i / 100.0, fm->money);
	case S40_COL_PERCENT:
		return worksheet_write_number(ws, row, col, (double)cell->i / 10000.0, fm->percent);
	case S40_COL_CODE:
		return worksheet_write_number(ws, row, col, (double)cell->i, fm->code);
	case S40_COL_DATE:
		return worksheet_write_number(ws, row, col, (double)(cell->i + XLSX_EXCEL_EPOCH),
					      fm->date);
	case S40_COL_MONTH:
		return worksheet_write_number(
			ws, row, col,
			(double)(s40_month_first_day((int32_t)cell->i) + XLSX_EXCEL_EPOCH),
			fm->month);
	case S40_COL_NATID:
		if (t->mask_ids && !cell->clear)
			s40_natid_mask(cell->i, buf, sizeof buf);
		else
			s40_natid_format(cell->i, buf, sizeof buf);
		return worksheet_write_string(ws, row, col, buf, fm->text);
	case S40_COL_BOOL:
		return worksheet_write_number(ws, row, col, cell->i ? 1 : 0, fm->boolean);
	}
	return LXW_NO_ERROR;
}

/* Fill the worksheet; returns the first libxlsxwriter error. */
static lxw_error xlsx_fill(lxw_workbook *wb, const struct s40_table *t, enum s40_lang lang)
{
	struct xlsx_formats fm;
	xlsx_make_formats(wb, lang, &fm);
	char name[128];
	const char *title = xlsx_pick(t->title_th, t->title_en, lang, NULL);
	const char *subtitle = xlsx_pick(t->subtitle_th, t->subtitle_en, lang, NULL);
	xlsx_sheet_name(title, name, sizeof name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (ws == NULL)
		ws = workbook_add_worksheet(wb, NULL);
	if (ws == NULL)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;

	lxw_doc_properties props = {
		.title = (char *)(title ? title : ""),
		.subject = (char *)(subtitle ? subtitle : ""),
		.company = (char *)"s40",
	};
	lxw_error err = workbook_set_properties(wb, &props);
	if (err)
		return err;
	if (title && (err = worksheet_write_string(ws, 0, 0, title, fm.title)))
		return err;
	if (subtitle && (err = worksheet_write_string(ws, 1, 0, subtitle, fm.subtitle)))
		return err;

	for (size_t c = 0; c < t->n_cols; c++) {
		const struct s40_column *col = &t->cols[c];
		const char *label = xlsx_pick(col->label_th, col->label_en, lang, col->key);
		if ((err = worksheet_write_string(ws, XLSX_HEADER_ROW, (lxw_col_t)c, label,
						  fm.header)))
			return err;
		int w = s40_display_width(label);
		for (size_t r = 0; r < t->n_rows; r++) {
			int cw = xlsx_cell_width(t, col, s40_table_cell(t, r, c), lang);
			if (cw > w)
				w = cw;
		}
		w += 2;
		if (w < XLSX_MIN_WIDTH)
			w = XLSX_MIN_WIDTH;
		if (w > XLSX_MAX_WIDTH)
			w = XLSX_MAX_WIDTH;
		if ((err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL)))
			return err;
	}
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t c = 0; c < t->n_cols; c++)
			if ((err = xlsx_write_cell(ws, t, (lxw_row_t)(XLSX_HEADER_ROW + 1 + r),
						   (lxw_col_t)c, s40_table_cell(t, r, c),
						   &t->cols[c], lang, &fm)))
				return err;
	worksheet_freeze_panes(ws, XLSX_HEADER_ROW + 1, 0);
	if (t->n_cols > 0 && (err = worksheet_autofilter(ws, XLSX_HEADER_ROW, 0,
							 (lxw_row_t)(XLSX_HEADER_ROW + t->n_rows),
							 (lxw_col_t)(t->n_cols - 1))))
		return err;
	return LXW_NO_ERROR;
}

enum s40_err s40_table_write_xlsx(const struct s40_table *t, const char *path, enum s40_lang lang,
				  struct s40_ctx *ctx)
{
	if (t->n_rows + XLSX_HEADER_ROW + 1 > LXW_ROW_MAX)
		return s40_errorf(ctx, S40_E_LIMIT, NULL,
				  "รายงานมี %zu แถว เกินกว่าที่แผ่นงาน Excel รับได้ (%d แถว)",
				  "the report has %zu rows, more than an Excel sheet holds (%d)",
				  t->n_rows, LXW_ROW_MAX - XLSX_HEADER_ROW - 1);
	if (t->n_cols > LXW_COL_MAX)
		return s40_errorf(ctx, S40_E_LIMIT, NULL, "รายงานมีคอลัมน์มากเกินไป",
				  "the report has too many columns");
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return s40_errorf(ctx, S40_E_IO, "output", "สร้างไฟล์ XLSX %s ไม่ได้",
				  "the XLSX file %s cannot be created", path);
	lxw_error err = xlsx_fill(wb, t, lang);
	/* workbook_close writes the file and frees the workbook, also after an error. */
	lxw_error cerr = workbook_close(wb);
	if (err == LXW_NO_ERROR)
		err = cerr;
	if (err != LXW_NO_ERROR) {
		unlink(path);
		enum s40_err code = err == LXW_ERROR_MEMORY_MALLOC_FAILED	? S40_E_NOMEM :
				    err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? S40_E_LIMIT :
										  S40_E_IO;
		return s40_errorf(ctx, code, "output", "เขียนไฟล์ XLSX %s ไม่ได้: %s",
				  "the XLSX file %s could not be written: %s", path,
				  lxw_strerror(err));
	}
	return S40_OK;
}

enum s40_err s40_table_render_xlsx(const struct s40_table *t, enum s40_lang lang, FILE *f,
				   struct s40_ctx *ctx)
{
	char path[] = P_tmpdir "/s40-xlsx-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return s40_errorf(ctx, S40_E_IO, NULL, "สร้างไฟล์ชั่วคราวใน %s ไม่ได้",
				  "no temporary file could be made in %s", P_tmpdir);
	close(fd);
	enum s40_err rc = s40_table_write_xlsx(t, path, lang, ctx);
	if (rc != S40_OK) {
		unlink(path);
		return rc;
	}
	FILE *in = fopen(path, "rb");
	unlink(path);
	if (in == NULL)
		return s40_errorf(ctx, S40_E_IO, NULL, "อ่านไฟล์ XLSX ชั่วคราวไม่ได้",
				  "the temporary XLSX file could not be read");
	char buf[65536];
	size_t n;
	int bad = 0;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, f) != n) {
			bad = 1;
			break;
		}
	bad = bad || ferror(in);
	fclose(in);
	if (bad)
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนไฟล์ XLSX ไม่ได้",
				  "the XLSX output could not be written");
	return S40_OK;
}
