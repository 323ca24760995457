/*
 * table.c — the report table model and its renderers: the human table for a
 * terminal (columns aligned by display width, so Thai vowels and tone marks
 * above and below the line take no room), CSV for spreadsheets and scripts,
 * and JSON through jansson; XLSX is in xlsx.c, PDF in pdf.c.
 *
 * Values are formatted by the core: grouped numbers and baht (thai.h), dates
 * (date.h), national IDs (natid.h). What people read is Thai first; what
 * machines read (CSV, JSON) is the same in both languages.
 */
#include "report/table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"

#define TABLE_CELL_MAX 96 /* room for any formatted non-text value */
#define TABLE_TEXT_MAX (1 << 20) /* the longest text cell the human table shows */
#define TABLE_GAP "  " /* between the columns of the human table */

/* A copy of s, or NULL for NULL; *ok cleared when the copy fails. */
static char *table_strdup(const char *s, int *ok)
{
	if (s == NULL)
		return NULL;
	char *p = strdup(s);
	if (p == NULL)
		*ok = 0;
	return p;
}

void s40_table_init(struct s40_table *t, const char *title_th, const char *title_en)
{
	int ok = 1;
	memset(t, 0, sizeof *t);
	/* A title that cannot be copied is left out: init cannot fail. */
	t->title_th = table_strdup(title_th, &ok);
	t->title_en = table_strdup(title_en, &ok);
}

void s40_table_free(struct s40_table *t)
{
	free(t->title_th);
	free(t->title_en);
	free(t->subtitle_th);
	free(t->subtitle_en);
	for (size_t c = 0; c < t->n_cols; c++) {
		free(t->cols[c].key);
		free(t->cols[c].label_th);
		free(t->cols[c].label_en);
		free(t->cols[c].words);
	}
	free(t->cols);
	for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
		free(t->cells[i].s);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* Replace the pair of strings *th_p, *en_p with copies of th and en. */
static enum s40_err table_set_pair(char **th_p, char **en_p, const char *th, const char *en)
{
	int ok = 1;
	char *sth = table_strdup(th, &ok);
	char *sen = table_strdup(en, &ok);
	if (!ok) {
		free(sth);
		free(sen);
		return S40_E_NOMEM;
	}
	free(*th_p);
	free(*en_p);
	*th_p = sth;
	*en_p = sen;
	return S40_OK;
}

enum s40_err s40_table_subtitle(struct s40_table *t, const char *th, const char *en)
{
	return table_set_pair(&t->subtitle_th, &t->subtitle_en, th, en);
}

enum s40_err s40_table_title(struct s40_table *t, const char *th, const char *en)
{
	return table_set_pair(&t->title_th, &t->title_en, th, en);
}

enum s40_err s40_table_add_col(struct s40_table *t, const char *key, const char *label_th,
			       const char *label_en, enum s40_coltype type)
{
	if (t->n_rows > 0 || key == NULL)
		return S40_E_USAGE;
	struct s40_column *cols = realloc(t->cols, (t->n_cols + 1) * sizeof *cols);
	if (cols == NULL)
		return S40_E_NOMEM;
	t->cols = cols;
	int ok = 1;
	struct s40_column col = {
		.key = table_strdup(key, &ok),
		.label_th = table_strdup(label_th, &ok),
		.label_en = table_strdup(label_en, &ok),
		.type = type,
	};
	if (!ok) {
		free(col.key);
		free(col.label_th);
		free(col.label_en);
		return S40_E_NOMEM;
	}
	t->cols[t->n_cols++] = col;
	return S40_OK;
}

enum s40_err s40_table_col_words(struct s40_table *t, size_t col, const char *(*key)(int),
				 const char *(*name)(int, enum s40_lang), int lo, int hi)
{
	if (col >= t->n_cols || t->cols[col].type != S40_COL_TEXT || lo > hi)
		return S40_E_USAGE;
	struct s40_word *w = calloc((size_t)(hi - lo + 1), sizeof *w);
	if (w == NULL)
		return S40_E_NOMEM;
	size_t n = 0;
	for (int code = lo; code <= hi; code++) {
		const char *k = key(code);
		if (k == NULL || k[0] == '\0')
			continue;
		w[n++] = (struct s40_word){ k, name(code, S40_LANG_TH), name(code, S40_LANG_EN) };
	}
	free(t->cols[col].words);
	t->cols[col].words = w;
	t->cols[col].n_words = n;
	return S40_OK;
}

enum s40_err s40_table_col_machine(struct s40_table *t, size_t col)
{
	if (col >= t->n_cols)
		return S40_E_USAGE;
	t->cols[col].machine = 1;
	return S40_OK;
}

const char *s40_table_word(const struct s40_column *col, const char *key, enum s40_lang lang)
{
	for (size_t i = 0; key && i < col->n_words; i++)
		if (strcmp(col->words[i].key, key) == 0)
			return s40_table_pick(col->words[i].th, col->words[i].en, lang, key);
	return key;
}

enum s40_err s40_table_add_row(struct s40_table *t)
{
	if (t->n_cols == 0)
		return S40_E_USAGE;
	if (t->n_rows == t->cap_rows) {
		size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
		if (cap > SIZE_MAX / sizeof *t->cells / t->n_cols)
			return S40_E_LIMIT;
		struct s40_cell *cells = realloc(t->cells, cap * t->n_cols * sizeof *cells);
		if (cells == NULL)
			return S40_E_NOMEM;
		t->cells = cells;
		t->cap_rows = cap;
	}
	struct s40_cell *row = t->cells + t->n_rows * t->n_cols;
	for (size_t c = 0; c < t->n_cols; c++)
		row[c] = (struct s40_cell){ .is_null = 1, .i = 0, .s = NULL };
	t->n_rows++;
	return S40_OK;
}

/* The cell of the last row in column col, or NULL when there is none. */
static struct s40_cell *table_last_cell(struct s40_table *t, size_t col)
{
	if (t->n_rows == 0 || col >= t->n_cols)
		return NULL;
	return &t->cells[(t->n_rows - 1) * t->n_cols + col];
}

enum s40_err s40_table_set_text(struct s40_table *t, size_t col, const char *s)
{
	struct s40_cell *cell = table_last_cell(t, col);
	if (cell == NULL)
		return S40_E_USAGE;
	char *copy = NULL;
	if (s != NULL && (copy = strdup(s)) == NULL)
		return S40_E_NOMEM;
	free(cell->s);
	cell->s = copy;
	cell->is_null = s == NULL;
	return S40_OK;
}

void s40_table_set_int(struct s40_table *t, size_t col, int64_t v)
{
	struct s40_cell *cell = table_last_cell(t, col);
	if (cell == NULL)
		return;
	free(cell->s);
	cell->s = NULL;
	cell->i = v;
	cell->is_null = 0;
}

void s40_table_set_clear(struct s40_table *t, size_t col)
{
	struct s40_cell *cell = table_last_cell(t, col);
	if (cell != NULL)
		cell->clear = 1;
}

const struct s40_cell *s40_table_cell(const struct s40_table *t, size_t r, size_t c)
{
	if (r >= t->n_rows || c >= t->n_cols)
		return NULL;
	return &t->cells[r * t->n_cols + c];
}

int s40_format_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "table") == 0)
		return S40_FMT_TABLE;
	if (strcmp(s, "csv") == 0)
		return S40_FMT_CSV;
	if (strcmp(s, "json") == 0)
		return S40_FMT_JSON;
	if (strcmp(s, "xlsx") == 0)
		return S40_FMT_XLSX;
	if (strcmp(s, "pdf") == 0)
		return S40_FMT_PDF;
	return -1;
}

/* The stable name of a column type, as JSON gives it. */
static const char *table_type_name(enum s40_coltype type)
{
	switch (type) {
	case S40_COL_TEXT:
		return "text";
	case S40_COL_INT:
		return "int";
	case S40_COL_MONEY:
		return "money";
	case S40_COL_DATE:
		return "date";
	case S40_COL_MONTH:
		return "month";
	case S40_COL_PERCENT:
		return "percent";
	case S40_COL_CODE:
		return "code";
	case S40_COL_NATID:
		return "natid";
	case S40_COL_BOOL:
		return "bool";
	}
	return "text";
}

/* Whether the human table right-aligns a column of this type. */
static int table_right_aligned(enum s40_coltype type)
{
	return type == S40_COL_INT || type == S40_COL_MONEY || type == S40_COL_PERCENT;
}

/* v / 100 with two decimals, no grouping, and suffix: 1234.50, -0.05, 100.00%. */
static char *table_fixed2(int64_t v, const char *suffix, char *buf, size_t n)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(buf, n, "%s%" PRIu64 ".%02" PRIu64 "%s", v < 0 ? "-" : "", mag / 100, mag % 100,
		 suffix);
	return buf;
}

const char *s40_table_pick(const char *th, const char *en, enum s40_lang lang, const char *dflt)
{
	const char *first = lang == S40_LANG_EN ? en : th;
	const char *second = lang == S40_LANG_EN ? th : en;
	if (first && first[0])
		return first;
	if (second && second[0])
		return second;
	return dflt;
}

/*
 * A non-text, non-null cell as a string. human selects the human table's
 * forms (grouped, Thai dates in Thai); otherwise the machine forms of CSV.
 */
static const char *table_format_value(const struct s40_table *t, enum s40_coltype type,
				      const struct s40_cell *cell, int human, enum s40_lang lang,
				      char *buf, size_t n)
{
	int64_t v = cell->i;
	int th = human && lang == S40_LANG_TH;
	switch (type) {
	case S40_COL_TEXT: /* an int put in a text column: plain digits */
	case S40_COL_CODE:
		snprintf(buf, n, "%" PRId64, v);
		return buf;
	case S40_COL_INT:
		if (human)
			return s40_format_int(v, buf, n);
		snprintf(buf, n, "%" PRId64, v);
		return buf;
	case S40_COL_MONEY:
		return human ? s40_format_baht(v, buf, n) : table_fixed2(v, "", buf, n);
	case S40_COL_DATE:
		return th ? s40_date_th_short((int32_t)v, buf, n) :
			    s40_date_iso((int32_t)v, buf, n);
	case S40_COL_MONTH:
		return th ? s40_month_th_short((int32_t)v, buf, n) :
			    s40_month_iso((int32_t)v, buf, n);
	case S40_COL_PERCENT:
		return table_fixed2(v, human ? "%" : "", buf, n);
	case S40_COL_NATID:
		if (t->mask_ids && !cell->clear)
			return s40_natid_mask(v, buf, n);
		return human ? s40_natid_format(v, buf, n) : s40_natid_digits(v, buf, n);
	case S40_COL_BOOL:
		if (!human)
			return v ? "true" : "false";
		if (lang == S40_LANG_EN)
			return v ? "yes" : "no";
		return v ? "ใช่" : "ไม่ใช่";
	}
	return "";
}

/* The human form of a cell (a line break in a text would tear the table, so
 * control characters become spaces). */
enum s40_err s40_table_human_cell(const struct s40_table *t, size_t r, size_t c, enum s40_lang lang,
				  char *buf, size_t n, struct s40_buf *scratch, const char **out)
{
	const struct s40_cell *cell = s40_table_cell(t, r, c);
	enum s40_coltype type = t->cols[c].type;
	if (cell->is_null) {
		*out = "-";
		return S40_OK;
	}
	if (type != S40_COL_TEXT || cell->s == NULL) {
		*out = table_format_value(t, type, cell, 1, lang, buf, n);
		return S40_OK;
	}
	const char *s = s40_table_word(&t->cols[c], cell->s, lang);
	const char *p = s;
	while (*p && (unsigned char)*p >= 0x20 && *p != 0x7f)
		p++;
	if (*p == '\0') {
		*out = s;
		return S40_OK;
	}
	s40_buf_reset(scratch);
	enum s40_err rc = s40_buf_adds(scratch, s);
	if (rc)
		return rc;
	for (char *q = scratch->data; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			*q = ' ';
	*out = s40_buf_str(scratch);
	return S40_OK;
}

/* Write s padded to width columns (its own display width is w). The last
 * column of a row is not padded on the right, so lines carry no trailing blanks. */
static void table_put_padded(FILE *f, const char *s, int w, int width, int right, int last)
{
	if (right)
		for (int k = w; k < width; k++)
			fputc(' ', f);
	fputs(s, f);
	if (!right && !last)
		for (int k = w; k < width; k++)
			fputc(' ', f);
}

/* The human table: title, subtitle, labels, a rule of dashes, rows. */
static enum s40_err table_render_human(const struct s40_table *t, enum s40_lang lang, FILE *f,
				       struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	char buf[TABLE_CELL_MAX];
	struct s40_buf scratch;
	s40_buf_init(&scratch, TABLE_TEXT_MAX);
	int *width = calloc(t->n_cols ? t->n_cols : 1, sizeof *width);
	if (width == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);

	/* The last column shown: it is not padded. */
	size_t last = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		if (!t->cols[c].machine)
			last = c;
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct s40_column *col = &t->cols[c];
		if (col->machine)
			continue;
		width[c] = s40_display_width(
			s40_table_pick(col->label_th, col->label_en, lang, col->key));
		for (size_t r = 0; r < t->n_rows; r++) {
			const char *s;
			if ((rc = s40_table_human_cell(t, r, c, lang, buf, sizeof buf, &scratch,
						       &s)))
				goto fail;
			int w = s40_display_width(s);
			if (w > width[c])
				width[c] = w;
		}
	}

	const char *title = s40_table_pick(t->title_th, t->title_en, lang, NULL);
	const char *subtitle = s40_table_pick(t->subtitle_th, t->subtitle_en, lang, NULL);
	if (title)
		fprintf(f, "%s\n", title);
	if (subtitle)
		fprintf(f, "%s\n", subtitle);

	int gap = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct s40_column *col = &t->cols[c];
		if (col->machine)
			continue;
		const char *label = s40_table_pick(col->label_th, col->label_en, lang, col->key);
		if (gap++)
			fputs(TABLE_GAP, f);
		table_put_padded(f, label, s40_display_width(label), width[c],
				 table_right_aligned(col->type), c == last);
	}
	fputc('\n', f);
	gap = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (t->cols[c].machine)
			continue;
		if (gap++)
			fputs(TABLE_GAP, f);
		for (int k = 0; k < width[c]; k++)
			fputc('-', f);
	}
	fputc('\n', f);

	for (size_t r = 0; r < t->n_rows; r++) {
		gap = 0;
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *s;
			if (t->cols[c].machine)
				continue;
			if ((rc = s40_table_human_cell(t, r, c, lang, buf, sizeof buf, &scratch,
						       &s)))
				goto fail;
			if (gap++)
				fputs(TABLE_GAP, f);
			table_put_padded(f, s, s40_display_width(s), width[c],
					 table_right_aligned(t->cols[c].type), c == last);
		}
		fputc('\n', f);
	}
	free(width);
	s40_buf_free(&scratch);
	return S40_OK;

fail:
	free(width);
	s40_buf_free(&scratch);
	if (rc == S40_E_LIMIT)
		return s40_errorf(ctx, rc, NULL, "ข้อความในตารางยาวเกิน %d ไบต์",
				  "a text cell is longer than %d bytes", TABLE_TEXT_MAX);
	return s40_errorf(ctx, rc, NULL, NULL, NULL);
}

int s40_csv_style_parse(const char *s)
{
	if (s != NULL && strcmp(s, "excel") == 0)
		return S40_CSV_EXCEL;
	if (s != NULL && strcmp(s, "plain") == 0)
		return S40_CSV_PLAIN;
	return -1;
}

/* CSV (see table.h): a header, then one line per row (NULL as empty). */
enum s40_err s40_table_render_csv(const struct s40_table *t, enum s40_csv_style style,
				  enum s40_lang lang, FILE *f, struct s40_ctx *ctx)
{
	int excel = style == S40_CSV_EXCEL;
	size_t n = t->n_cols ? t->n_cols : 1;
	const char **fields = calloc(n, sizeof *fields);
	char *bufs = malloc(n * TABLE_CELL_MAX);
	if (fields == NULL || bufs == NULL) {
		free(fields);
		free(bufs);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	if (excel)
		fputs(S40_CSV_BOM, f);
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct s40_column *col = &t->cols[c];
		fields[c] = excel ? s40_table_pick(col->label_th, col->label_en, lang, col->key) :
				    col->key;
	}
	s40_csv_write_record(f, fields, t->n_cols, excel);
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t c = 0; c < t->n_cols; c++) {
			const struct s40_cell *cell = s40_table_cell(t, r, c);
			const struct s40_column *col = &t->cols[c];
			if (cell->is_null)
				fields[c] = "";
			else if (col->type == S40_COL_TEXT && cell->s != NULL)
				fields[c] = excel ? s40_table_word(col, cell->s, lang) : cell->s;
			else if (excel && col->type == S40_COL_NATID && !(t->mask_ids && !cell->clear))
				fields[c] = s40_natid_format(cell->i, bufs + c * TABLE_CELL_MAX,
							     TABLE_CELL_MAX);
			else
				fields[c] = table_format_value(t, col->type, cell, 0, S40_LANG_EN,
							       bufs + c * TABLE_CELL_MAX,
							       TABLE_CELL_MAX);
		}
		s40_csv_write_record(f, fields, t->n_cols, excel);
	}
	free(fields);
	free(bufs);
	if (ferror(f))
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนรายงานไม่ได้",
				  "the report could not be written");
	return S40_OK;
}

/* A JSON string of s, or JSON null for NULL; NULL when s is not UTF-8 or memory ran out. */
static json_t *table_json_str(const char *s)
{
	return s == NULL ? json_null() : json_string(s);
}

/* The JSON value of a cell (see table.h); NULL on failure. */
static json_t *table_json_cell(const struct s40_table *t, const struct s40_cell *cell,
			       enum s40_coltype type)
{
	char buf[TABLE_CELL_MAX];
	if (cell->is_null)
		return json_null();
	switch (type) {
	case S40_COL_TEXT:
		if (cell->s)
			return json_string(cell->s);
		return json_integer((json_int_t)cell->i);
	case S40_COL_INT:
	case S40_COL_MONEY:
	case S40_COL_PERCENT:
	case S40_COL_CODE:
		return json_integer((json_int_t)cell->i);
	case S40_COL_BOOL:
		return json_boolean(cell->i != 0);
	case S40_COL_DATE:
	case S40_COL_MONTH:
	case S40_COL_NATID:
		return json_string(
			table_format_value(t, type, cell, 0, S40_LANG_EN, buf, sizeof buf));
	}
	return json_null();
}

/* Set key of obj to v, taking v; 0 when v is NULL or the set fails. */
static int table_json_set(json_t *obj, const char *key, json_t *v)
{
	return v != NULL && json_object_set_new(obj, key, v) == 0;
}

/* The table as one JSON object (see table.h); NULL when a string is not
 * UTF-8 or memory ran out. */
static json_t *table_json(const struct s40_table *t)
{
	json_t *root = json_object();
	json_t *cols = json_array();
	json_t *rows = json_array();
	int ok = root && cols && rows;
	ok = ok && table_json_set(root, "title_th", table_json_str(t->title_th));
	ok = ok && table_json_set(root, "title_en", table_json_str(t->title_en));
	ok = ok && table_json_set(root, "subtitle_th", table_json_str(t->subtitle_th));
	ok = ok && table_json_set(root, "subtitle_en", table_json_str(t->subtitle_en));
	for (size_t c = 0; ok && c < t->n_cols; c++) {
		const struct s40_column *col = &t->cols[c];
		json_t *o = json_object();
		ok = o && json_array_append_new(cols, o) == 0;
		ok = ok && table_json_set(o, "key", table_json_str(col->key));
		ok = ok && table_json_set(o, "label_th", table_json_str(col->label_th));
		ok = ok && table_json_set(o, "label_en", table_json_str(col->label_en));
		ok = ok && table_json_set(o, "type", json_string(table_type_name(col->type)));
		if (ok && col->machine)
			ok = table_json_set(o, "machine", json_true());
		if (ok && col->words) {
			json_t *w = json_object();
			ok = w && json_object_set_new(o, "words", w) == 0;
			for (size_t i = 0; ok && i < col->n_words; i++)
				ok = json_object_set_new(w, col->words[i].key,
							 json_pack("{s:s?, s:s?}", "th",
								   col->words[i].th, "en",
								   col->words[i].en)) == 0;
		}
	}
	for (size_t r = 0; ok && r < t->n_rows; r++) {
		json_t *o = json_object();
		ok = o && json_array_append_new(rows, o) == 0;
		for (size_t c = 0; ok && c < t->n_cols; c++)
			ok = table_json_set(o, t->cols[c].key,
					    table_json_cell(t, s40_table_cell(t, r, c),
							    t->cols[c].type));
	}
	if (ok) {
		ok = json_object_set(root, "columns", cols) == 0 &&
		     json_object_set(root, "rows", rows) == 0 &&
		     table_json_set(root, "n_rows", json_integer((json_int_t)t->n_rows));
	}
	json_decref(cols);
	json_decref(rows);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

enum s40_err s40_table_render(const struct s40_table *t, enum s40_format fmt, enum s40_lang lang,
			      FILE *f, struct s40_ctx *ctx)
{
	enum s40_err rc;
	switch (fmt) {
	case S40_FMT_TABLE:
		rc = table_render_human(t, lang, f, ctx);
		break;
	case S40_FMT_CSV:
		rc = s40_table_render_csv(t, S40_CSV_PLAIN, lang, f, ctx);
		break;
	case S40_FMT_JSON: {
		json_t *root = table_json(t);
		if (root == NULL)
			return s40_errorf(ctx, S40_E_BAD_VALUE, NULL,
					  "สร้าง JSON ของตารางไม่ได้ (ข้อความไม่ใช่ UTF-8 "
					  "หรือหน่วยความจำไม่พอ)",
					  "the table cannot be made JSON (text that is not UTF-8, "
					  "or out of memory)");
		int bad = json_dumpf(root, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(root);
		fputc('\n', f);
		rc = bad ? S40_E_IO : S40_OK;
		break;
	}
	case S40_FMT_XLSX:
		rc = s40_table_render_xlsx(t, lang, f, ctx);
		if (rc != S40_OK)
			return rc;
		break;
	case S40_FMT_PDF:
		rc = s40_table_render_pdf(t, lang, S40_NO_DAY, f, ctx);
		if (rc != S40_OK)
			return rc;
		break;
	default:
		return s40_errorf(ctx, S40_E_USAGE, "format", "ไม่รู้จักรูปแบบ %d", "unknown format %d",
				  (int)fmt);
	}
	if (rc != S40_OK && rc != S40_E_IO)
		return rc;
	if (rc == S40_E_IO || ferror(f))
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนรายงานไม่ได้",
				  "the report could not be written");
	return S40_OK;
}
