/*
 * xlsx_read.c — s40_xlsx_to_csv (xlsx_read.h): the parts of the workbook
 * found through its relationships (_rels/.rels names the workbook, the
 * workbook's own .rels its sheets, shared strings and styles), each read by
 * expat with the handlers of one small state machine per part. Element and
 * attribute names are compared by their local name (after any "x:" prefix),
 * so that a workbook written with prefixes, or in the strict dialect, reads
 * the same.
 */
#include "xlsx_read.h"

#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/date.h"

#define PATH_MAX_XLSX 512
#define MAX_STRINGS_BYTES ((size_t)1 << 30) /* the shared strings kept in memory */
#define MAX_COLS 16384 /* Excel's: column XFD */

enum fmt_kind {
	FMT_OTHER,
	FMT_DATE,
	FMT_SCI
};

struct fmt {
	unsigned char kind; /* enum fmt_kind */
	unsigned char decimals; /* FMT_SCI: digits after the point */
};

/* ---- small helpers ---- */

static const char *local_name(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Room for one more element in the array *v of *n elements of size elem
 * (*cap allocated, doubling from first); false when out of memory. */
static bool grow(void *v, size_t n, size_t *cap, size_t elem, size_t first)
{
	void **pv = v;
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : first;
	void *w = realloc(*pv, c * elem);
	if (w == NULL)
		return false;
	*pv = w;
	*cap = c;
	return true;
}

static enum s40_err damaged(struct s40_ctx *ctx, const char *part, const char *why)
{
	return s40_errorf(ctx, S40_E_CSV_ENCODING, NULL,
			  "อ่านไฟล์ .xlsx ไม่ได้ ไฟล์เสียหายหรือไม่ใช่สมุดงาน Excel (%s: %s)",
			  "the .xlsx file cannot be read: it is damaged or not an Excel workbook "
			  "(%s: %s)",
			  part, why);
}

/* Read the zip entry path through parser p. */
static enum s40_err parse_entry(zip_t *za, const char *path, XML_Parser p, struct s40_ctx *ctx)
{
	zip_file_t *zf = zip_fopen(za, path, ZIP_FL_NOCASE);
	if (zf == NULL)
		return damaged(ctx, path, "ไม่มีในไฟล์ / missing");
	enum {
		CHUNK = 1 << 16
	};
	char *chunk = malloc(CHUNK);
	if (chunk == NULL) {
		zip_fclose(zf);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	enum s40_err rc = S40_OK;
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, CHUNK);
		if (n < 0) {
			rc = damaged(ctx, path, zip_strerror(za));
			break;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			/* A handler that stopped the parser left its reason on ctx. */
			if (ctx->code == S40_OK) {
				char why[160];
				snprintf(why, sizeof why, "XML line %lu: %s",
					 (unsigned long)XML_GetCurrentLineNumber(p),
					 XML_ErrorString(XML_GetErrorCode(p)));
				rc = damaged(ctx, path, why);
			} else {
				rc = ctx->code;
			}
			break;
		}
		if (n == 0)
			break;
	}
	free(chunk);
	zip_fclose(zf);
	return rc;
}

/* A relationship's target as a path in the zip: relative to base (the folder of
 * the part that names it, with its '/'), or from the root when it starts with '/'. */
static void resolve(char *out, size_t size, const char *base, const char *target)
{
	if (target[0] == '/')
		snprintf(out, size, "%s", target + 1);
	else
		snprintf(out, size, "%s%s", base, target);
}

/* ---- _rels/.rels and the workbook's .rels ---- */

struct rel {
	char id[64];
	char type[32]; /* the last segment of its Type: "worksheet", "styles" … */
	char target[PATH_MAX_XLSX];
};

struct rels {
	struct rel *v;
	size_t n, cap;
	int oom;
};

static void rels_start(void *arg, const char *el, const char **atts)
{
	struct rels *r = arg;
	if (strcmp(local_name(el), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
		   *target = attr(atts, "Target");
	if (id == NULL || type == NULL || target == NULL)
		return;
	if (!grow(&r->v, r->n, &r->cap, sizeof *r->v, 16)) {
		r->oom = 1;
		return;
	}
	struct rel *x = &r->v[r->n++];
	const char *slash = strrchr(type, '/');
	snprintf(x->id, sizeof x->id, "%s", id);
	snprintf(x->type, sizeof x->type, "%s", slash ? slash + 1 : type);
	snprintf(x->target, sizeof x->target, "%s", target);
}

static const struct rel *rel_of_type(const struct rels *r, const char *type)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].type, type) == 0)
			return &r->v[i];
	return NULL;
}

static const struct rel *rel_of_id(const struct rels *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

static enum s40_err read_rels(zip_t *za, const char *path, struct rels *r, struct s40_ctx *ctx)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (p == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	XML_SetUserData(p, r);
	XML_SetStartElementHandler(p, rels_start);
	enum s40_err rc = parse_entry(za, path, p, ctx);
	XML_ParserFree(p);
	if (rc == S40_OK && r->oom)
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	return rc;
}

/* ---- the workbook: its sheets in order, and its date system ---- */

struct sheet_ref {
	char name[128];
	char rid[64];
};

struct workbook {
	struct sheet_ref *v;
	size_t n, cap;
	int date1904;
	int oom;
};

static void wb_start(void *arg, const char *el, const char **atts)
{
	struct workbook *w = arg;
	const char *name = local_name(el);
	if (strcmp(name, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
		return;
	}
	if (strcmp(name, "sheet") != 0)
		return;
	const char *sname = attr(atts, "name"), *rid = attr(atts, "id");
	if (sname == NULL || rid == NULL)
		return;
	if (!grow(&w->v, w->n, &w->cap, sizeof *w->v, 8)) {
		w->oom = 1;
		return;
	}
	snprintf(w->v[w->n].name, sizeof w->v[w->n].name, "%s", sname);
	snprintf(w->v[w->n].rid, sizeof w->v[w->n].rid, "%s", rid);
	w->n++;
}

/* ---- text of strings: shared (sharedStrings.xml) and inline ---- */

/* Text as a cell shows it: OOXML's escapes _xHHHH_ decoded (Excel writes a line
 * break as _x000D_), and line breaks and tabs read as one space each. */
static void clean_text(struct s40_buf *b, size_t from)
{
	char *s = b->data ? b->data + from : NULL;
	if (s == NULL)
		return;
	size_t n = b->len - from, o = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		int used = 0;
		if (s[i] == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_' &&
		    sscanf(s + i + 2, "%4x%n", &cp, &used) == 1 && used == 4) {
			/* UTF-8 of cp (a BMP code point): never longer than the 7 bytes it replaces */
			char u[3];
			int k;
			if (cp < 0x80) {
				u[0] = (char)cp;
				k = 1;
			} else if (cp < 0x800) {
				u[0] = (char)(0xC0 | cp >> 6);
				u[1] = (char)(0x80 | (cp & 0x3F));
				k = 2;
			} else {
				u[0] = (char)(0xE0 | cp >> 12);
				u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
				u[2] = (char)(0x80 | (cp & 0x3F));
				k = 3;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF) {
				s[o++] = s[i++]; /* not a character: left as written */
				continue;
			}
			for (int j = 0; j < k; j++)
				s[o++] = u[j];
			i += 7;
			continue;
		}
		s[o++] = s[i++];
	}
	for (size_t i = 0; i < o; i++)
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\t')
			s[i] = ' ';
	b->len = from + o;
	b->data[b->len] = '\0';
}

struct strings {
	struct s40_buf text; /* every string, NUL-terminated, one after another */
	size_t *off;
	size_t n, cap;
	int in_si, in_t, in_rph;
	size_t si_from;
	int oom, limit;
};

static void sst_start(void *arg, const char *el, const char **atts)
{
	(void)atts;
	struct strings *s = arg;
	const char *name = local_name(el);
	if (strcmp(name, "si") == 0) {
		s->in_si = 1;
		s->si_from = s->text.len;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 1;
	} else if (strcmp(name, "t") == 0 && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void sst_end(void *arg, const char *el)
{
	struct strings *s = arg;
	const char *name = local_name(el);
	if (strcmp(name, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(name, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(name, "si") == 0 && s->in_si) {
		s->in_si = 0;
		clean_text(&s->text, s->si_from);
		enum s40_err e = s40_buf_add(&s->text, "", 1);
		if (e == S40_E_LIMIT)
			s->limit = 1;
		else if (e != S40_OK)
			s->oom = 1;
		if (!grow(&s->off, s->n, &s->cap, sizeof *s->off, 1024)) {
			s->oom = 1;
			return;
		}
		s->off[s->n++] = s->si_from;
	}
}

static void sst_text(void *arg, const char *t, int len)
{
	struct strings *s = arg;
	if (!s->in_t)
		return;
	enum s40_err e = s40_buf_add(&s->text, t, (size_t)len);
	if (e == S40_E_LIMIT)
		s->limit = 1;
	else if (e != S40_OK)
		s->oom = 1;
}

/* ---- styles: the number format of each cell style ---- */

/* In a format code, p at an opening character: the matching close, or the
 * last character when the code ends first. */
static const char *skip_to(const char *p, char close)
{
	while (p[1] && p[1] != close)
		p++;
	return p[1] ? p + 1 : p;
}

/* The kind of a format code: scientific when it has E+ or E-, a date or time
 * when it has d, m, y, h or s; both outside quoted text, escaped characters
 * and [brackets] (colours, conditions, locales and calendars). */
static struct fmt fmt_of_code(const char *code)
{
	struct fmt f = { FMT_OTHER, 0 };
	int after_point = -1, datey = 0;
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			p = skip_to(p, '"');
			continue;
		case '\\':
		case '_':
		case '*':
			if (p[1])
				p++;
			continue;
		case '[':
			p = skip_to(p, ']');
			continue;
		case ';':
			p += strlen(p) - 1; /* the first section decides */
			continue;
		case '.':
			after_point = 0;
			continue;
		case '0':
		case '#':
		case '?':
			if (after_point >= 0)
				after_point++;
			continue;
		case 'E':
		case 'e':
			if (p[1] == '+' || p[1] == '-') {
				f.kind = FMT_SCI;
				f.decimals = (unsigned char)(after_point > 0 ? after_point : 0);
				return f;
			}
			continue;
		default:
			if (strchr("dDmMyYhHsS", *p))
				datey = 1;
		}
	}
	if (datey)
		f.kind = FMT_DATE;
	return f;
}

/* The built-in formats (ECMA-376 part 1, 18.8.30, with the Thai ones, 59–81). */
static struct fmt fmt_builtin(long id)
{
	struct fmt f = { FMT_OTHER, 0 };
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	    (id >= 50 && id <= 58) || (id >= 71 && id <= 81))
		f.kind = FMT_DATE;
	else if (id == 11)
		f = (struct fmt){ FMT_SCI, 2 };
	else if (id == 48)
		f = (struct fmt){ FMT_SCI, 1 };
	return f;
}

struct custom_fmt {
	long id;
	struct fmt f;
};

struct styles {
	struct custom_fmt *cust;
	size_t n_cust, cap_cust;
	struct fmt *xf; /* by cell style index */
	size_t n_xf, cap_xf;
	int in_cellxfs;
	int oom;
};

static struct fmt fmt_of_id(const struct styles *st, long id)
{
	for (size_t i = 0; i < st->n_cust; i++)
		if (st->cust[i].id == id)
			return st->cust[i].f;
	return fmt_builtin(id);
}

static void styles_start(void *arg, const char *el, const char **atts)
{
	struct styles *st = arg;
	const char *name = local_name(el);
	if (strcmp(name, "cellXfs") == 0) {
		st->in_cellxfs = 1;
	} else if (strcmp(name, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (id == NULL || code == NULL)
			return;
		if (!grow(&st->cust, st->n_cust, &st->cap_cust, sizeof *st->cust, 16)) {
			st->oom = 1;
			return;
		}
		st->cust[st->n_cust++] =
			(struct custom_fmt){ strtol(id, NULL, 10), fmt_of_code(code) };
	} else if (strcmp(name, "xf") == 0 && st->in_cellxfs) {
		const char *id = attr(atts, "numFmtId");
		if (!grow(&st->xf, st->n_xf, &st->cap_xf, sizeof *st->xf, 64)) {
			st->oom = 1;
			return;
		}
		/* The custom formats come before cellXfs in styles.xml. */
		st->xf[st->n_xf++] = fmt_of_id(st, id ? strtol(id, NULL, 10) : 0);
	}
}

static void styles_end(void *arg, const char *el)
{
	struct styles *st = arg;
	if (strcmp(local_name(el), "cellXfs") == 0)
		st->in_cellxfs = 0;
}

/* ---- the sheet ---- */

struct sheet {
	const struct strings *sst;
	const struct styles *styles;
	int date1904;
	struct s40_buf *csv;
	long line; /* CSV lines written */
	long row; /* the row being read (1-based) */
	/* the row's cells: their text in one buffer, by column */
	struct s40_buf cells;
	size_t *cell_off; /* (size_t)-1: no cell */
	size_t n_cols, cap_cols;
	size_t width; /* the header's columns: the first row with a value */
	/* the cell being read */
	int in_cell, in_v, in_is, in_t, in_rph;
	long col;
	char type[16];
	long style;
	struct s40_buf v; /* its <v>, or its inline string */
	long next_col;
	enum s40_err err;
	struct s40_ctx *ctx;
	XML_Parser parser;
};

static void sheet_fail(struct sheet *sh, enum s40_err e)
{
	if (sh->err != S40_OK)
		return;
	sh->err = e;
	if (e == S40_E_LIMIT)
		s40_errorf(sh->ctx, S40_E_LIMIT, NULL, "แผ่นงานใหญ่เกินกว่าที่นำเข้าได้",
			   "the sheet is larger than an import can read");
	else
		s40_errorf(sh->ctx, e, NULL, NULL, NULL);
	XML_StopParser(sh->parser, XML_FALSE);
}

/* "BC12" → column 54 (0-based); -1 if not a cell reference. */
static long ref_col(const char *r)
{
	long c = 0;
	int k = 0;
	for (; (*r >= 'A' && *r <= 'Z') || (*r >= 'a' && *r <= 'z'); r++, k++) {
		c = c * 26 + ((*r | 0x20) - 'a' + 1);
		if (c > MAX_COLS)
			return -1;
	}
	return k == 0 ? -1 : c - 1;
}

/* The number text v as the import should read it (see xlsx_read.h). */
static void render_number(const struct sheet *sh, const char *v, struct fmt f, char *out,
			  size_t size)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(x)) {
		snprintf(out, size, "%s", v);
		return;
	}
	if (f.kind == FMT_DATE && x >= 0 && x < 2958466) { /* up to 9999-12-31 */
		long serial = (long)floor(x);
		int32_t day;
		if (sh->date1904)
			day = s40_day_from_ymd(1904, 1, 1) + (int32_t)serial;
		else if (serial ==
			 60) { /* 29 February 1900, which Excel counts and no calendar has */
			snprintf(out, size, "1900-02-29");
			return;
		} else
			day = s40_day_from_ymd(1899, 12, serial < 60 ? 31 : 30) + (int32_t)serial;
		int y, m, d;
		s40_day_to_ymd(day, &y, &m, &d);
		snprintf(out, size, "%04d-%02d-%02d", y, m, d);
	} else if (f.kind == FMT_SCI) {
		snprintf(out, size, "%.*E", f.decimals, x);
	} else if (x == floor(x) && fabs(x) < 1e15) {
		snprintf(out, size, "%.0f", x == 0 ? 0.0 : x);
	} else {
		snprintf(out, size, "%s", v);
	}
}

static void cell_end(struct sheet *sh)
{
	const char *v = s40_buf_str(&sh->v);
	char num[64];
	const char *text = v;
	if (strcmp(sh->type, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (end == v || *end || i < 0 || (size_t)i >= sh->sst->n) {
			s40_errorf(sh->ctx, S40_E_CSV_ENCODING, NULL,
				   "อ่านไฟล์ .xlsx ไม่ได้ ไฟล์เสียหาย (แถว %ld อ้างถึงข้อความที่ไม่มี)",
				   "the .xlsx file cannot be read: it is damaged (row %ld refers "
				   "to a string it does not have)",
				   sh->row);
			sheet_fail(sh, S40_E_CSV_ENCODING);
			return;
		}
		text = sh->sst->text.data + sh->sst->off[i];
	} else if (strcmp(sh->type, "b") == 0) {
		text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	} else if (strcmp(sh->type, "n") == 0 || sh->type[0] == '\0') {
		struct fmt f = { FMT_OTHER, 0 };
		if (sh->style >= 0 && (size_t)sh->style < sh->styles->n_xf)
			f = sh->styles->xf[sh->style];
		render_number(sh, v, f, num, sizeof num);
		text = num;
	} else if (strcmp(sh->type, "d") == 0) {
		/* an ISO 8601 date and time (the strict dialect): the day */
		snprintf(num, sizeof num, "%.10s", v);
		text = num;
	}
	/* "str", "inlineStr" and "e" are their text */
	if (text[0] == '\0' || sh->col < 0)
		return;
	while (sh->n_cols <= (size_t)sh->col) {
		if (!grow(&sh->cell_off, sh->n_cols, &sh->cap_cols, sizeof *sh->cell_off, 64)) {
			sheet_fail(sh, S40_E_NOMEM);
			return;
		}
		sh->cell_off[sh->n_cols++] = (size_t)-1;
	}
	sh->cell_off[sh->col] = sh->cells.len;
	enum s40_err e = s40_buf_add(&sh->cells, text, strlen(text) + 1);
	if (e)
		sheet_fail(sh, e);
}

static void csv_field(struct s40_buf *b, const char *s, enum s40_err *e)
{
	if (strpbrk(s, ",\"") == NULL) {
		if (*e == S40_OK)
			*e = s40_buf_adds(b, s);
		return;
	}
	if (*e == S40_OK)
		*e = s40_buf_add(b, "\"", 1);
	for (const char *q; *e == S40_OK && (q = strchr(s, '"')) != NULL; s = q + 1) {
		*e = s40_buf_add(b, s, (size_t)(q - s) + 1);
		if (*e == S40_OK)
			*e = s40_buf_add(b, "\"", 1);
	}
	if (*e == S40_OK)
		*e = s40_buf_adds(b, s);
	if (*e == S40_OK)
		*e = s40_buf_add(b, "\"", 1);
}

/* Write the row read: the header's width (cells past it only when they hold a
 * value, which the CSV reader then refuses as an extra column). */
static void row_end(struct sheet *sh)
{
	size_t last = sh->n_cols;
	while (last > 0 && sh->cell_off[last - 1] == (size_t)-1)
		last--;
	if (last == 0)
		goto done;
	if (sh->width == 0)
		sh->width = last;
	size_t n = last > sh->width ? last : sh->width;
	enum s40_err e = S40_OK;
	while (sh->line < sh->row - 1 && e == S40_OK) { /* rows the sheet leaves out */
		e = s40_buf_add(sh->csv, "\n", 1);
		sh->line++;
	}
	for (size_t i = 0; i < n && e == S40_OK; i++) {
		if (i > 0)
			e = s40_buf_add(sh->csv, ",", 1);
		if (i < sh->n_cols && sh->cell_off[i] != (size_t)-1)
			csv_field(sh->csv, sh->cells.data + sh->cell_off[i], &e);
	}
	if (e == S40_OK)
		e = s40_buf_add(sh->csv, "\n", 1);
	sh->line++;
	if (e)
		sheet_fail(sh, e);
done:
	sh->n_cols = 0;
	s40_buf_reset(&sh->cells);
}

static void sheet_start(void *arg, const char *el, const char **atts)
{
	struct sheet *sh = arg;
	const char *name = local_name(el);
	if (strcmp(name, "row") == 0) {
		const char *r = attr(atts, "r");
		long n = r ? strtol(r, NULL, 10) : 0;
		sh->row = n > sh->row ? n : sh->row + 1;
		sh->n_cols = 0;
		sh->next_col = 0;
		s40_buf_reset(&sh->cells);
	} else if (strcmp(name, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		sh->in_cell = 1;
		sh->col = r ? ref_col(r) : sh->next_col;
		if (sh->col >= 0)
			sh->next_col = sh->col + 1;
		snprintf(sh->type, sizeof sh->type, "%s", t ? t : "");
		sh->style = s ? strtol(s, NULL, 10) : -1;
		s40_buf_reset(&sh->v);
	} else if (sh->in_cell) {
		if (strcmp(name, "v") == 0)
			sh->in_v = 1;
		else if (strcmp(name, "is") == 0)
			sh->in_is = 1;
		else if (strcmp(name, "rPh") == 0)
			sh->in_rph = 1;
		else if (strcmp(name, "t") == 0 && sh->in_is && !sh->in_rph)
			sh->in_t = 1;
	}
}

static void sheet_end(void *arg, const char *el)
{
	struct sheet *sh = arg;
	const char *name = local_name(el);
	if (strcmp(name, "c") == 0) {
		if (strcmp(sh->type, "inlineStr") == 0)
			clean_text(&sh->v, 0);
		cell_end(sh);
		sh->in_cell = sh->in_v = sh->in_is = sh->in_t = sh->in_rph = 0;
	} else if (strcmp(name, "row") == 0) {
		row_end(sh);
	} else if (strcmp(name, "v") == 0) {
		sh->in_v = 0;
	} else if (strcmp(name, "is") == 0) {
		sh->in_is = 0;
	} else if (strcmp(name, "rPh") == 0) {
		sh->in_rph = 0;
	} else if (strcmp(name, "t") == 0) {
		sh->in_t = 0;
	}
}

static void sheet_text(void *arg, const char *t, int len)
{
	struct sheet *sh = arg;
	/* <v> is the value but for inline strings, whose text is in <is><t> */
	if (!(sh->in_v && strcmp(sh->type, "inlineStr") != 0) && !sh->in_t)
		return;
	enum s40_err e = s40_buf_add(&sh->v, t, (size_t)len);
	if (e)
		sheet_fail(sh, e);
}

/* ---- the whole ---- */

bool s40_xlsx_magic(const void *head, size_t n)
{
	return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

/* The folder of a part's path, with its '/', into out ("" at the root). */
static void folder_of(char *out, size_t size, const char *path)
{
	const char *slash = strrchr(path, '/');
	snprintf(out, size, "%.*s", slash ? (int)(slash - path + 1) : 0, path);
}

enum s40_err s40_xlsx_to_csv(const void *data, size_t len, const char *sheet, struct s40_buf *csv,
			     char *name, size_t name_size, struct s40_ctx *ctx)
{
	if (name_size)
		name[0] = '\0';
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (za == NULL) {
		enum s40_err rc = damaged(ctx, "zip", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(src);
		return rc;
	}
	zip_error_fini(&ze);

	struct rels root = { 0 }, wrels = { 0 };
	struct workbook wb = { 0 };
	struct strings sst = { 0 };
	struct styles styles = { 0 };
	struct sheet sh = { 0 };
	s40_buf_init(&sst.text, MAX_STRINGS_BYTES);
	s40_buf_init(&sh.cells, (size_t)MAX_COLS << 10);
	s40_buf_init(&sh.v, 1 << 21);
	XML_Parser p = NULL;
	char wb_path[PATH_MAX_XLSX], base[PATH_MAX_XLSX], path[PATH_MAX_XLSX * 2];

	/* The workbook, as the package's relationships name it. */
	enum s40_err rc = read_rels(za, "_rels/.rels", &root, ctx);
	const struct rel *office = rc ? NULL : rel_of_type(&root, "officeDocument");
	if (rc == S40_OK && office == NULL)
		rc = damaged(ctx, "_rels/.rels", "ไม่มีสมุดงาน / no workbook");
	if (rc)
		goto out;
	resolve(wb_path, sizeof wb_path, "", office->target);
	folder_of(base, sizeof base, wb_path);
	const char *wb_file = strrchr(wb_path, '/');
	if (snprintf(path, sizeof path, "%s_rels/%s.rels", base, wb_file ? wb_file + 1 : wb_path) >=
	    (int)sizeof path) {
		rc = damaged(ctx, "_rels/.rels", "ชื่อยาวเกิน / name too long");
		goto out;
	}
	if ((rc = read_rels(za, path, &wrels, ctx)))
		goto out;
	if ((p = XML_ParserCreate("UTF-8")) == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	XML_SetUserData(p, &wb);
	XML_SetStartElementHandler(p, wb_start);
	if ((rc = parse_entry(za, wb_path, p, ctx)))
		goto out;
	if (wb.oom) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}

	/* The sheet asked for. */
	const struct sheet_ref *want = NULL;
	for (size_t i = 0; i < wb.n && want == NULL; i++)
		if (sheet == NULL || sheet[0] == '\0' || strcmp(wb.v[i].name, sheet) == 0)
			want = &wb.v[i];
	if (want == NULL && sheet && sheet[0]) {
		struct s40_buf names;
		s40_buf_init(&names, 512);
		for (size_t i = 0; i < wb.n; i++)
			s40_buf_addf(&names, "%s%s", i ? ", " : "", wb.v[i].name);
		rc = s40_errorf(ctx, S40_E_NOT_FOUND, "sheet", "สมุดงานไม่มีแผ่นงานชื่อ %s (มี %s)",
				"the workbook has no sheet named %s (it has %s)", sheet,
				s40_buf_str(&names));
		s40_buf_free(&names);
		goto out;
	}
	const struct rel *sheet_rel = want ? rel_of_id(&wrels, want->rid) : NULL;
	if (sheet_rel == NULL) {
		rc = damaged(ctx, wb_path, "ไม่มีแผ่นงาน / no sheet");
		goto out;
	}
	if (name_size)
		snprintf(name, name_size, "%s", want->name);

	/* Its shared strings and styles, when it has them. */
	const struct rel *r = rel_of_type(&wrels, "sharedStrings");
	if (r) {
		resolve(path, sizeof path, base, r->target);
		XML_ParserReset(p, "UTF-8");
		XML_SetUserData(p, &sst);
		XML_SetElementHandler(p, sst_start, sst_end);
		XML_SetCharacterDataHandler(p, sst_text);
		if ((rc = parse_entry(za, path, p, ctx)))
			goto out;
		if (sst.oom || sst.limit) {
			rc = sst.limit ? s40_errorf(ctx, S40_E_LIMIT, NULL,
						    "ข้อความในสมุดงานมีมากเกินกว่าที่นำเข้าได้",
						    "the workbook holds more text than an import "
						    "can read") :
					 s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			goto out;
		}
	}
	if ((r = rel_of_type(&wrels, "styles")) != NULL) {
		resolve(path, sizeof path, base, r->target);
		XML_ParserReset(p, "UTF-8");
		XML_SetUserData(p, &styles);
		XML_SetElementHandler(p, styles_start, styles_end);
		if ((rc = parse_entry(za, path, p, ctx)))
			goto out;
		if (styles.oom) {
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			goto out;
		}
	}

	/* The sheet, row by row. */
	resolve(path, sizeof path, base, sheet_rel->target);
	XML_ParserReset(p, "UTF-8");
	sh.sst = &sst;
	sh.styles = &styles;
	sh.date1904 = wb.date1904;
	sh.csv = csv;
	sh.ctx = ctx;
	sh.parser = p;
	XML_SetUserData(p, &sh);
	XML_SetElementHandler(p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(p, sheet_text);
	rc = parse_entry(za, path, p, ctx);
	if (rc == S40_OK && sh.err != S40_OK)
		rc = sh.err;
out:
	if (p)
		XML_ParserFree(p);
	free(root.v);
	free(wrels.v);
	free(wb.v);
	s40_buf_free(&sst.text);
	free(sst.off);
	free(styles.cust);
	free(styles.xf);
	s40_buf_free(&sh.cells);
	s40_buf_free(&sh.v);
	free(sh.cell_off);
	zip_discard(za);
	return rc;
}
