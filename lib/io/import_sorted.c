/*
 * import_sorted.c — enrolments and exclusions applied in ID order, a window of
 * rows at a time.
 *
 * A file in no ID order applied row by row reads each member's person row,
 * spells and exclusions, and writes the new rows, at a random place of the
 * tables' B-trees: past the page cache every row costs page reads
 * (docs/PERFORMANCE.md, "Enrolments and exclusions in ID order"). The rows of
 * different persons do not depend on each other in these two imports (an
 * enrolment's recruiter is only looked up; a file of enrolments that can add
 * persons is applied row by row, import.c), so the rows of each window are
 * applied in (ID, line) order: the B-trees are walked once a window from left
 * to right instead of at random, and one person's rows keep their order.
 *
 * The file is read and split on the second thread (import_reader.c); a window
 * holds up to WIN_ROWS rows or about WIN_BYTES of their text. What the import
 * reports stays as the row-by-row import reports it: each row is checked and
 * written by the same function (imp_row), the counts are the same, and the
 * reject file is in line order: a window's rejects (each as the lines
 * imp_reject writes for it) are kept and written sorted by line once the
 * window is applied. The first bad row named in the message is the first by
 * line.
 */
#include "import_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIN_ROWS ((size_t)2 << 20)
#define WIN_BYTES ((size_t)128 << 20) /* well under 4 GB: offsets are 32 bits */

/* A row of the window: 32 bytes, its text apart. */
struct wrow {
	int64_t id; /* INT64_MIN when it does not read as an ID: rejected when applied */
	long line;
	uint32_t f0; /* its fields: foff/flen[f0 .. f0 + n) */
	uint32_t raw_off, raw_len; /* in text */
	uint16_t n;
};

/* A rejected row's lines of the reject file, in rej_text. */
struct wrej {
	long line;
	size_t off, len;
};

struct win {
	struct wrow *rows;
	size_t n, cap;
	struct s40_buf text; /* the rows' fields (each NUL-terminated) and raw text */
	uint32_t *foff, *flen;
	size_t nf, capf;
	struct wrej *rej;
	size_t n_rej, cap_rej;
	struct s40_buf rej_text;
	long long off0, off1; /* the file's bytes read before its first row, after its last */
};

static void win_free(struct win *w)
{
	free(w->rows);
	free(w->foff);
	free(w->flen);
	free(w->rej);
	s40_buf_free(&w->text);
	s40_buf_free(&w->rej_text);
}

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/*
 * Count and keep a rejected row: imp_reject writes its lines into memory, to
 * go out in line order after the window. The first bad row stays the first by
 * line.
 */
static enum s40_err reject_keep(struct win *w, struct imp *im, long line, const struct s40_ctx *c,
				const char *raw, size_t len, struct s40_ctx *ctx)
{
	struct s40_ctx first = im->first_bad;
	im->first_bad.code = S40_OK;
	FILE *out = im->rejects;
	char *mem = NULL;
	size_t mem_len = 0;
	FILE *f = NULL;
	if (out != NULL && (f = open_memstream(&mem, &mem_len)) == NULL)
		return nomem(ctx);
	im->rejects = f;
	imp_reject(im, line, c, raw, len);
	im->rejects = out;
	if (first.code != S40_OK && first.line < line)
		im->first_bad = first;
	if (f == NULL)
		return S40_OK;
	int bad = fclose(f) != 0;
	if (!bad && w->n_rej == w->cap_rej) {
		size_t cap = w->cap_rej ? w->cap_rej * 2 : 64;
		struct wrej *v = realloc(w->rej, cap * sizeof *v);
		if (v == NULL)
			bad = 1;
		else {
			w->rej = v;
			w->cap_rej = cap;
		}
	}
	if (!bad) {
		w->rej[w->n_rej++] = (struct wrej){ line, w->rej_text.len, mem_len };
		bad = s40_buf_add(&w->rej_text, mem, mem_len) != S40_OK;
	}
	free(mem);
	return bad ? nomem(ctx) : S40_OK;
}

static int wrej_cmp(const void *a, const void *b)
{
	const struct wrej *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

/* Write the window's rejects to the reject file by line, and forget them. */
static void rejects_emit(struct win *w, struct imp *im)
{
	if (w->n_rej > 1)
		qsort(w->rej, w->n_rej, sizeof *w->rej, wrej_cmp);
	for (size_t i = 0; i < w->n_rej && im->rejects; i++)
		fwrite(w->rej_text.data + w->rej[i].off, 1, w->rej[i].len, im->rejects);
	w->n_rej = 0;
	s40_buf_reset(&w->rej_text);
}

/* Keep the record rec in the window, with its ID as the row reads it. */
static enum s40_err win_add(struct win *w, struct imp *im, const struct imp_rec *rec,
			    struct s40_ctx *ctx)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 4096;
		struct wrow *v = realloc(w->rows, cap * sizeof *v);
		if (v == NULL)
			return nomem(ctx);
		w->rows = v;
		w->cap = cap;
	}
	if (w->nf + rec->n > w->capf) {
		size_t cap = w->capf ? w->capf : 16384;
		while (cap < w->nf + rec->n)
			cap *= 2;
		uint32_t *o = realloc(w->foff, cap * sizeof *o);
		if (o == NULL)
			return nomem(ctx);
		w->foff = o;
		uint32_t *l = realloc(w->flen, cap * sizeof *l);
		if (l == NULL)
			return nomem(ctx);
		w->flen = l;
		w->capf = cap;
	}
	struct wrow *r = &w->rows[w->n];
	r->line = rec->line;
	r->f0 = (uint32_t)w->nf;
	r->n = (uint16_t)rec->n; /* at most S40_CSV_MAX_FIELDS */
	for (size_t i = 0; i < rec->n; i++) {
		w->foff[w->nf] = (uint32_t)w->text.len;
		w->flen[w->nf++] = (uint32_t)rec->len[i];
		if (s40_buf_add(&w->text, rec->f[i], rec->len[i] + 1))
			return nomem(ctx);
	}
	r->raw_off = (uint32_t)w->text.len;
	r->raw_len = (uint32_t)rec->raw_len;
	if (s40_buf_add(&w->text, rec->raw, rec->raw_len))
		return nomem(ctx);
	/* The ID as the row's own check reads it; one that does not read sorts
	 * first and is rejected when the row is applied. */
	struct s40_ctx c;
	s40_ctx_clear(&c);
	im->row_f = rec->f;
	im->row_len = rec->len;
	if (imp_id(im, COL_ID, &r->id, &c) != S40_OK)
		r->id = INT64_MIN;
	im->row_f = NULL;
	w->n++;
	return S40_OK;
}

static int wrow_cmp(const void *a, const void *b)
{
	const struct wrow *x = a, *y = b;
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	return (x->line > y->line) - (x->line < y->line);
}

/* Apply the window's rows in (ID, line) order, then write its rejects. */
static enum s40_err win_apply(struct win *w, struct imp *im, struct s40_ctx *ctx)
{
	struct s40_import_result *res = im->res;
	qsort(w->rows, w->n, sizeof *w->rows, wrow_cmp);
	const char *f[S40_CSV_MAX_FIELDS];
	size_t len[S40_CSV_MAX_FIELDS];
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < w->n && rc == S40_OK; i++) {
		const struct wrow *r = &w->rows[i];
		for (size_t k = 0; k < r->n; k++) {
			f[k] = w->text.data + w->foff[r->f0 + k];
			len[k] = w->flen[r->f0 + k];
		}
		struct s40_ctx rctx;
		s40_ctx_clear(&rctx);
		im->row_f = f;
		im->row_len = len;
		im->row_line = r->line;
		im->n_more = 0;
		int changed = 0;
		rc = imp_row(im, r->n, &changed, &rctx);
		im->row_f = NULL;
		if (rc == S40_OK) {
			imp_good(res, changed);
		} else if (imp_fatal(rc)) {
			*ctx = rctx;
			if (ctx->line == 0)
				ctx->line = r->line;
		} else {
			rc = reject_keep(w, im, r->line, &rctx, w->text.data + r->raw_off,
					 r->raw_len, ctx);
		}
		if (im->o->progress && (i + 1) % IMP_PROGRESS_EVERY == 0)
			im->o->progress(im->o->progress_arg,
					w->off0 + (w->off1 - w->off0) * (long long)(i + 1) /
							  (long long)w->n,
					res->rows);
	}
	if (rc == S40_OK || !imp_fatal(rc))
		rejects_emit(w, im);
	w->n = w->nf = 0;
	s40_buf_reset(&w->text);
	w->off0 = w->off1;
	return rc;
}

enum s40_err imp_rows_by_id(struct imp *im, struct s40_ctx *ctx)
{
	struct s40_import_result *res = im->res;
	struct win w;
	memset(&w, 0, sizeof w);
	s40_buf_init(&w.text, (size_t)1 << 40);
	s40_buf_init(&w.rej_text, (size_t)1 << 40);
	struct imp_reader *rd;
	enum s40_err rc = imp_reader_start(im, &rd, ctx);
	if (rc) {
		win_free(&w);
		return rc;
	}
	size_t max_rows = im->o->window_rows ? im->o->window_rows : WIN_ROWS;
	enum s40_err stop = S40_OK; /* a fault that ends the reading after this window */
	struct imp_rec rec;
	int got = 0;
	while (rc == S40_OK && stop == S40_OK && (got = imp_reader_next(rd, &rec, ctx)) > 0) {
		if (rec.rc != S40_OK) {
			if (rec.rc == S40_E_IO || rec.rc == S40_E_NOMEM) {
				*ctx = *rec.err;
				stop = rec.rc;
				break;
			}
			res->rows++;
			rc = reject_keep(&w, im, rec.err->line ? rec.err->line : rec.line, rec.err,
					 rec.raw, rec.raw_len, ctx);
			if (rc == S40_OK && rec.rc == S40_E_CSV_QUOTE &&
			    imp_raw_quote_open(rec.raw, rec.raw_len)) {
				*ctx = *rec.err;
				stop = rec.rc;
			}
		} else if (!rec.blank) {
			res->rows++;
			rc = win_add(&w, im, &rec, ctx);
		}
		w.off1 = rec.offset;
		if (rc == S40_OK && (w.n >= max_rows || w.text.len >= WIN_BYTES))
			rc = win_apply(&w, im, ctx);
	}
	if (rc == S40_OK && got < 0)
		rc = ctx->code ? ctx->code : S40_E_NOMEM;
	imp_reader_stop(rd);
	if (rc == S40_OK) {
		/* The stop's own message stays on ctx: the window's rows before it are
		 * applied (and counted) as the row-by-row import applies them. */
		struct s40_ctx keep = *ctx;
		rc = win_apply(&w, im, ctx);
		if (rc == S40_OK && stop != S40_OK) {
			*ctx = keep;
			rc = stop;
		}
	}
	win_free(&w);
	return rc;
}
