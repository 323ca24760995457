/*
 * table.h — the one table model every report fills, and its renderers.
 *
 * A report builds a struct s40_table (a title, typed columns, rows of cells)
 * and hands it to a renderer: a human table for a terminal (aligned by the
 * display width of Thai text), CSV, JSON, XLSX (xlsx.c) and an A4 PDF
 * (pdf.c). Column keys are stable English identifiers for scripts (JSON keys,
 * the CSV header); labels are for people, in Thai and English.
 *
 * Ownership: the table copies every string it is given and frees them all in
 * s40_table_free.
 */
#ifndef S40_REPORT_TABLE_H
#define S40_REPORT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

enum s40_coltype {
	S40_COL_TEXT,    /* UTF-8 text */
	S40_COL_INT,     /* int64, shown grouped: 17,093 */
	S40_COL_MONEY,   /* int64 satang, shown as baht 1,234.50 */
	S40_COL_DATE,    /* day number, shown "31 ต.ค. 2562" / ISO in JSON and CSV */
	S40_COL_MONTH,   /* month number, shown "ต.ค. 2562" / "2019-10" */
	S40_COL_PERCENT, /* int64 hundredths of a percent: 10000 = 100.00% */
	S40_COL_CODE,    /* int64 shown as plain digits (area codes): 750307 */
	S40_COL_NATID,   /* int64 national ID: 1-1120-34563-56-2 (text in JSON) */
	S40_COL_BOOL,    /* 0/1: ใช่/ไม่ใช่, true/false in JSON */
};

/* One word of a fixed set (a status, a channel, a role): the key machines
 * read, and its name in each language. The strings are static. */
struct s40_word {
	const char *key;
	const char *th;
	const char *en;
};

struct s40_column {
	char *key;
	char *label_th;
	char *label_en;
	enum s40_coltype type;
	struct s40_word *words; /* a TEXT column of keys: their names (may be NULL) */
	size_t n_words;
	int machine; /* for programs and spreadsheets: left out of the terminal table */
};

struct s40_cell {
	int is_null;
	int clear; /* a NATID shown whole even in a table that masks them (s40_table_set_clear) */
	int64_t i; /* INT, MONEY, DATE, MONTH, PERCENT, CODE, NATID, BOOL */
	char *s;   /* TEXT */
};

struct s40_table {
	char *title_th;
	char *title_en;
	char *subtitle_th; /* e.g. "จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562"; may be NULL */
	char *subtitle_en;
	struct s40_column *cols;
	size_t n_cols;
	struct s40_cell *cells; /* n_rows × n_cols, row-major */
	size_t n_rows;
	size_t cap_rows;
	int mask_ids; /* NATID columns are masked when rendered */
};

/* Start an empty table; titles may be NULL. */
void s40_table_init(struct s40_table *t, const char *title_th, const char *title_en);

/* Free every string and cell of t; t is left empty. */
void s40_table_free(struct s40_table *t);

/* Set (or replace) the title; either may be NULL. S40_E_NOMEM on failure. */
enum s40_err s40_table_title(struct s40_table *t, const char *th, const char *en);

/* Set (or replace) the subtitle; either may be NULL. S40_E_NOMEM on failure. */
enum s40_err s40_table_subtitle(struct s40_table *t, const char *th, const char *en);

/* Add a column; all columns come before the first row (S40_E_USAGE after). */
enum s40_err s40_table_add_col(struct s40_table *t, const char *key, const char *label_th,
			       const char *label_en, enum s40_coltype type);

/* Start a new row of NULL cells; fill it with the setters (col by index).
 * The setters fill the last row; set_text copies s (NULL makes the cell NULL)
 * and returns S40_E_USAGE when there is no such cell; set_int ignores a cell
 * that does not exist. */
/*
 * Make TEXT column col a column of keys from a fixed set: CSV and JSON keep the
 * key ("lapsed"), the human table and Excel show its name in the reader's
 * language ("ขาดส่ง"), and the JSON column lists every key with both names.
 * The words are those of codes lo … hi through key(code) and name(code, lang),
 * which return static strings (codes whose key is "" are skipped).
 */
enum s40_err s40_table_col_words(struct s40_table *t, size_t col, const char *(*key)(int),
				 const char *(*name)(int, enum s40_lang), int lo, int hi);

/*
 * Make column col one for programs and spreadsheets only: CSV, JSON ("machine":
 * true in its column) and XLSX carry it, the terminal table leaves it out. For
 * the parts of a value shown whole in another column, such as a person's first
 * and last names beside "name", which lists sort on. S40_E_USAGE without col.
 */
enum s40_err s40_table_col_machine(struct s40_table *t, size_t col);
/* The name in lang of key in column col's words, or key itself. */
const char *s40_table_word(const struct s40_column *col, const char *key, enum s40_lang lang);

enum s40_err s40_table_add_row(struct s40_table *t);
/* Show the NATID in column col of the last row whole, even when t->mask_ids:
 * a person the reader has reason to address by number. */
void s40_table_set_clear(struct s40_table *t, size_t col);
enum s40_err s40_table_set_text(struct s40_table *t, size_t col, const char *s);
void s40_table_set_int(struct s40_table *t, size_t col, int64_t v);

/* The cell at row r, column c; NULL outside the table. */
const struct s40_cell *s40_table_cell(const struct s40_table *t, size_t r, size_t c);

enum s40_format { S40_FMT_TABLE, S40_FMT_CSV, S40_FMT_JSON, S40_FMT_XLSX, S40_FMT_PDF };

/* "table", "csv", "json", "xlsx", "pdf" → format; -1 if unknown. */
int s40_format_parse(const char *s);

/*
 * Render to f; S40_E_IO when f fails. NULL cells show as "-" in the table, empty
 * in CSV, null in JSON.
 *
 * The human table prints the title and subtitle, each on its own line, then
 * the labels, a rule and the rows, all in lang (the other language where one
 * is missing); numbers grouped (17,093), money in baht (1,234.50), percent
 * 100.00%, dates "31 ต.ค. 2562" / months "ต.ค. 2562" in Thai and ISO in
 * English, booleans ใช่/ไม่ใช่ or yes/no, national IDs 1-1120-34563-56-2.
 *
 * CSV is written as s40_table_render_csv does in the plain style (for
 * scripts).
 *
 * JSON prints one compact object and a newline:
 *   {"title_th","title_en","subtitle_th","subtitle_en",
 *    "columns":[{"key","label_th","label_en","type"}],"rows":[{key:value}],"n_rows"}
 * where type is "text", "int", "money", "date", "month", "percent", "code",
 * "natid" or "bool", and values are: INT and CODE integers; MONEY an integer
 * of satang (123450 = 1,234.50 baht); PERCENT an integer of hundredths
 * (10000 = 100.00%); DATE "2019-10-31"; MONTH "2019-10"; NATID a string of 13
 * digits; BOOL true/false; NULL null.
 *
 * XLSX writes a workbook (binary) as s40_table_render_xlsx does; PDF writes a
 * document (binary) as s40_table_render_pdf does, without a printed date.
 *
 * With t->mask_ids, national IDs are masked in every format: "1-1120-xxxxx-xx-2".
 */
enum s40_err s40_table_render(const struct s40_table *t, enum s40_format fmt,
			      enum s40_lang lang, FILE *f, struct s40_ctx *ctx);

/*
 * The two forms of CSV. Plain is for scripts: UTF-8 without a byte-order mark,
 * LF line ends, a header of column keys, words as their keys, national IDs as
 * 13 digits, whatever the language. Excel is for people, the file Excel opens
 * right by a double click: a UTF-8 byte-order mark (else Excel on Windows reads
 * the Thai as the local code page), CRLF line ends (RFC 4180), a header of the
 * column labels in the language asked for, words in that language, national
 * IDs in their dashed form 1-1120-34563-56-2 (Excel turns 13 bare digits into
 * 1.11203E+12, losing digits). Values are otherwise the same in both: 17093,
 * 1234.50 (baht), 100.00, 2019-10-31, 2019-10, true/false, NULL empty.
 */
enum s40_csv_style {
	S40_CSV_EXCEL,
	S40_CSV_PLAIN
};

/* "excel", "plain" → style; -1 if unknown. */
int s40_csv_style_parse(const char *s);

/* Write t to f as CSV in style; labels and words in lang for the Excel style.
 * S40_E_IO when f fails. */
enum s40_err s40_table_render_csv(const struct s40_table *t, enum s40_csv_style style,
				  enum s40_lang lang, FILE *f, struct s40_ctx *ctx);

/*
 * Write t as an XLSX workbook to the file path (created or replaced) through
 * libxlsxwriter: one sheet named after the title; row 1 the title, row 2 the
 * subtitle (the area and the day), row 3 the column labels in lang (frozen,
 * with an autofilter), then the rows. INT, CODE, MONEY (baht), PERCENT (a
 * fraction: 10000 → 1.0 shown 100.00%) are numbers; DATE and MONTH are Excel
 * date serials shown in Thai with the Buddhist-era year ("31 ตุลาคม 2562",
 * number format [$-107041E]d mmmm yyyy; English: d mmmm yyyy); BOOL is 1/0
 * shown ใช่/ไม่ใช่ (yes/no); NATID and TEXT are text; NULL cells are empty.
 * Column widths fit the widest cell by display width. On failure the file is
 * removed and S40_E_IO (S40_E_LIMIT past Excel's row or string limits) is set.
 */
enum s40_err s40_table_write_xlsx(const struct s40_table *t, const char *path,
				  enum s40_lang lang, struct s40_ctx *ctx);

/* Write t as XLSX to the stream f, through a temporary file in P_tmpdir that is
 * removed. The stream may be a pipe. */
enum s40_err s40_table_render_xlsx(const struct s40_table *t, enum s40_lang lang, FILE *f,
				   struct s40_ctx *ctx);

/*
 * Write t to f as a PDF for A4 paper, laid out with pango in the Sarabun font
 * built into the program (embedded in the PDF; the fonts of the machine are
 * never used): the title and subtitle on the first page, the column labels in
 * lang as a header row repeated on every page, then the rows, with the values
 * in the forms of the human table (machine columns are left out). Portrait,
 * or landscape when the columns do not fit; long text wraps inside its column
 * (at most a few lines, then an ellipsis). Every page has a footer "หน้า N / M"
 * ("Page N of M") and, unless printed_day is S40_NO_DAY, the day printed in
 * the Buddhist era. The document's title metadata is the table's title.
 * S40_E_IO (with a message) when the PDF cannot be made or written.
 * Safe to call from several threads (they take turns).
 */
enum s40_err s40_table_render_pdf(const struct s40_table *t, enum s40_lang lang,
				  int32_t printed_day, FILE *f, struct s40_ctx *ctx);

struct s40_map;
/* The same, with map (report/map.h; NULL for none) drawn on a page of its own
 * after the table's, portrait or landscape as its points lie, with the same
 * footer; the pages are numbered over both. */
enum s40_err s40_table_render_pdf_map(const struct s40_table *t, const struct s40_map *map,
				      enum s40_lang lang, int32_t printed_day, FILE *f,
				      struct s40_ctx *ctx);

/* The string in lang, falling back to the other language, then to dflt. */
const char *s40_table_pick(const char *th, const char *en, enum s40_lang lang, const char *dflt);

struct s40_buf;
/*
 * The cell at row r, column c as the human table shows it, in *out: "-" for
 * NULL, a word of the column in lang, text with control characters made
 * spaces (the copy in scratch), or a formatted value in buf (n bytes; 96 is
 * room for any). *out points into t, buf, scratch or a static string.
 * S40_E_LIMIT when a text passes scratch's cap, S40_E_NOMEM.
 */
enum s40_err s40_table_human_cell(const struct s40_table *t, size_t r, size_t c,
				  enum s40_lang lang, char *buf, size_t n,
				  struct s40_buf *scratch, const char **out);

#endif
