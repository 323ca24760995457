/*
 * csv.c — the streaming CSV reader and writer declared in csv.h.
 *
 * The reader pulls the file in blocks and runs a small state machine over
 * them, copying whole spans of field text at a time into one buffer of
 * NUL-separated fields (offsets kept beside it) and the record's raw bytes
 * into another, so that only the current record is ever held. A line break
 * is LF, CRLF or a lone CR, inside quotes as outside, so that the physical
 * line numbers stay right after a quoted field that spans lines.
 *
 * Errors put the physical line of the fault on ctx->line (for an unterminated
 * quote, the line the quoted field began on) and "column N" on ctx->field.
 * A NUL byte is reported as not UTF-8: no office file holds one, and a file
 * full of them is UTF-16, which must be converted first.
 */
#include "csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define CSV_BLOCK_DEFAULT (64 * 1024)
#define CSV_BLOCK_MIN 4 /* room for the BOM check */

enum csv_state {
	CSV_FIELD_START, /* at the first byte of a field */
	CSV_UNQUOTED, /* inside a field without quotes */
	CSV_QUOTED, /* inside a quoted field */
	CSV_QUOTE_SEEN, /* a quote inside a quoted field: closing or doubled */
	CSV_SKIP, /* after a misplaced quote: up to the next line break */
};

struct s40_csv {
	FILE *f;
	FILE *own; /* a stream the reader opened itself (s40_csv_open_mem), closed with it */
	char *block; /* the bytes read and not yet consumed: block[pos..len) */
	size_t block_size; /* bytes asked of fread at a time */
	size_t block_cap; /* bytes allocated for block */
	size_t pos;
	size_t len;
	long long base; /* file offset of block[0] */
	int eof; /* fread has returned 0 */
	int started; /* the BOM check is done */
	int done; /* nothing more to read (end of input or an unterminated quote) */
	int prev_cr; /* the last byte consumed was a CR (so an LF after it is no new line) */
	long line; /* the physical line of block[pos] */
	int raw_full; /* the raw record overflowed: keep no more of it */

	/* the current record */
	long rec_line;
	size_t raw_start; /* where the record's bytes not yet copied to raw begin in block */
	struct s40_buf raw;
	struct s40_buf text; /* the fields, each followed by a NUL */
	size_t n_fields;
	size_t off[S40_CSV_MAX_FIELDS];
	size_t flen[S40_CSV_MAX_FIELDS];
	long fline[S40_CSV_MAX_FIELDS]; /* the line each field began on */
};

struct s40_csv *s40_csv_open(FILE *f)
{
	return s40_csv_open_sized(f, 0);
}

struct s40_csv *s40_csv_open_mem(const void *data, size_t len)
{
	/* fmemopen may refuse a size of 0 (older C libraries do): an empty text is
	 * read as a one-byte buffer already at its end. */
	static const char nothing[1];
	FILE *f = fmemopen((void *)(len ? data : nothing), len ? len : 1, "r");
	if (f == NULL)
		return NULL;
	if (len == 0)
		fseek(f, 0, SEEK_END);
	struct s40_csv *r = s40_csv_open(f);
	if (r == NULL) {
		fclose(f);
		return NULL;
	}
	r->own = f;
	return r;
}

struct s40_csv *s40_csv_open_sized(FILE *f, size_t block)
{
	struct s40_csv *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->f = f;
	r->block_size = block ? block : CSV_BLOCK_DEFAULT;
	r->block_cap = r->block_size < CSV_BLOCK_MIN ? CSV_BLOCK_MIN : r->block_size;
	r->block = malloc(r->block_cap);
	if (r->block == NULL) {
		free(r);
		return NULL;
	}
	r->line = 1;
	s40_buf_init(&r->raw, S40_CSV_MAX_ROW);
	/* Field text is never longer than the raw record; the NULs are extra. */
	s40_buf_init(&r->text, S40_CSV_MAX_ROW + S40_CSV_MAX_FIELDS + 1);
	return r;
}

void s40_csv_close(struct s40_csv *r)
{
	if (r == NULL)
		return;
	s40_buf_free(&r->raw);
	s40_buf_free(&r->text);
	free(r->block);
	if (r->own)
		fclose(r->own);
	free(r);
}

/*
 * Offset of the first byte of s[0..len) that is not UTF-8 (an overlong form,
 * a surrogate, a code point past U+10FFFF, a stray or missing continuation
 * byte, or NUL), or len when all of it is.
 */
static size_t utf8_bad_offset(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x01 && c <= 0x7f) {
			i++;
			continue;
		}
		size_t need;
		unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c == 0xe0)
				lo = 0xa0; /* overlong */
			else if (c == 0xed)
				hi = 0x9f; /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c == 0xf0)
				lo = 0x90; /* overlong */
			else if (c == 0xf4)
				hi = 0x8f; /* past U+10FFFF */
		} else {
			return i; /* NUL, a continuation byte, C0, C1, F5–FF */
		}
		if (len - i <= need)
			return i; /* truncated */
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k <= need; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return i;
		i += need + 1;
	}
	return len;
}

/* Line breaks in s[0..len) under the reader's rule (LF, CRLF or a lone CR). */
static long count_breaks(const char *s, size_t len)
{
	long n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r')
			n++;
		else if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			n++;
	}
	return n;
}

/* The first fault of a record: later ones are dropped. */
struct csv_fault {
	enum s40_err code;
	long line;
	size_t col; /* 1-based CSV column, 0 when not known */
	unsigned byte; /* the byte that is not UTF-8 */
};

/* Record a fault unless the record has one already. */
static void csv_fail(struct csv_fault *e, enum s40_err code, long line, size_t col)
{
	if (e->code != S40_OK)
		return;
	e->code = code;
	e->line = line;
	e->col = col;
}

/* The CSV error for a failed buffer append. */
static enum s40_err csv_buf_err(enum s40_err rc)
{
	return rc == S40_E_LIMIT ? S40_E_CSV_FIELD_LONG : S40_E_NOMEM;
}

/* Copy the record's bytes block[raw_start..end) to raw; col is the column
 * being read, for the fault. Once raw has overflowed it keeps what it has, so
 * that it stays the record's beginning. */
static void csv_keep_raw(struct s40_csv *r, size_t end, size_t col, struct csv_fault *e)
{
	if (end > r->raw_start && !r->raw_full) {
		enum s40_err rc = s40_buf_add(&r->raw, r->block + r->raw_start, end - r->raw_start);
		if (rc) {
			r->raw_full = 1;
			csv_fail(e, csv_buf_err(rc), r->line, col);
		}
	}
	r->raw_start = end;
}

/*
 * Read the next block once block[pos..len) is used up, keeping the record's
 * raw bytes first when in_record. Sets r->eof at the end of the file and
 * returns S40_E_IO on a read error.
 */
static enum s40_err csv_fill(struct s40_csv *r, int in_record, struct csv_fault *e)
{
	if (in_record)
		csv_keep_raw(r, r->len, r->n_fields + 1, e);
	r->base += (long long)r->len;
	r->pos = 0;
	r->len = 0;
	r->raw_start = 0;
	if (r->eof)
		return S40_OK;
	size_t n = fread(r->block, 1, r->block_size, r->f);
	if (n == 0) {
		r->eof = 1;
		if (ferror(r->f))
			return S40_E_IO;
	}
	r->len = n;
	return S40_OK;
}

/* At the start of input: read until three bytes are there, and skip a BOM. */
static enum s40_err csv_start(struct s40_csv *r)
{
	r->started = 1;
	while (r->len < 3 && !r->eof) {
		size_t room = r->block_cap - r->len;
		size_t want = room < r->block_size ? room : r->block_size;
		size_t n = fread(r->block + r->len, 1, want, r->f);
		if (n == 0) {
			r->eof = 1;
			if (ferror(r->f))
				return S40_E_IO;
		}
		r->len += n;
	}
	if (r->len >= 3 && memcmp(r->block, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	return S40_OK;
}

/* Consume the line-break byte c at pos, counting the line. */
static void csv_take_break(struct s40_csv *r, char c)
{
	if (c == '\r' || !r->prev_cr)
		r->line++;
	r->prev_cr = c == '\r';
	r->pos++;
}

/* Begin a field at the current text length, on the current line. */
static void csv_field_begin(struct s40_csv *r)
{
	if (r->n_fields < S40_CSV_MAX_FIELDS) {
		r->off[r->n_fields] = r->text.len;
		r->fline[r->n_fields] = r->line;
	}
}

/* Append field text unless the record is bad already. */
static void csv_field_add(struct s40_csv *r, const char *p, size_t n, struct csv_fault *e)
{
	if (e->code != S40_OK || n == 0 || r->n_fields >= S40_CSV_MAX_FIELDS)
		return;
	enum s40_err rc = s40_buf_add(&r->text, p, n);
	if (rc)
		csv_fail(e, csv_buf_err(rc), r->line, r->n_fields + 1);
}

/* End the current field: count it, NUL-terminate it and check its UTF-8. */
static void csv_field_end(struct s40_csv *r, struct csv_fault *e)
{
	size_t i = r->n_fields++;
	if (e->code != S40_OK)
		return;
	if (i >= S40_CSV_MAX_FIELDS) {
		csv_fail(e, S40_E_CSV_COLUMNS, r->line, i + 1);
		return;
	}
	size_t len = r->text.len - r->off[i];
	enum s40_err rc = s40_buf_add(&r->text, "", 1);
	if (rc) {
		csv_fail(e, csv_buf_err(rc), r->line, i + 1);
		return;
	}
	r->flen[i] = len;
	const char *s = r->text.data + r->off[i];
	size_t bad = utf8_bad_offset((const unsigned char *)s, len);
	if (bad < len) {
		csv_fail(e, S40_E_CSV_UTF8, r->fline[i] + count_breaks(s, bad), i + 1);
		e->byte = (unsigned char)s[bad];
	}
}

/* Whether c ends a span of unquoted text. */
static inline int csv_special(unsigned char c)
{
	return c == ',' || c == '"' || c == '\r' || c == '\n';
}

/* Put the record's fault on ctx, with its line and column, and return its code. */
static enum s40_err csv_report(const struct s40_csv *r, const struct csv_fault *e, int eof_quote,
			       struct s40_ctx *ctx)
{
	char field[32];
	field[0] = '\0';
	if (e->col)
		snprintf(field, sizeof field, "column %zu", e->col);
	switch (e->code) {
	case S40_E_CSV_UTF8:
		s40_errorf(ctx, e->code, field, "บรรทัด %ld คอลัมน์ %zu มีไบต์ที่ไม่ใช่ UTF-8 (0x%02X)",
			   "line %ld, column %zu: byte 0x%02X is not UTF-8", e->line, e->col,
			   e->byte);
		break;
	case S40_E_CSV_COLUMNS:
		s40_errorf(ctx, e->code, field, "บรรทัด %ld มีมากกว่า %d คอลัมน์",
			   "line %ld has more than %d columns", e->line, S40_CSV_MAX_FIELDS);
		break;
	case S40_E_CSV_FIELD_LONG:
		s40_errorf(ctx, e->code, field, "แถวที่เริ่มบรรทัด %ld ยาวเกิน %d ไบต์",
			   "the record starting on line %ld is longer than %d bytes", r->rec_line,
			   S40_CSV_MAX_ROW);
		break;
	case S40_E_CSV_QUOTE:
		if (eof_quote)
			s40_errorf(ctx, e->code, field,
				   "เครื่องหมายคำพูดเปิดที่บรรทัด %ld คอลัมน์ %zu ไม่มีคู่ปิดจนจบไฟล์",
				   "the quote opened on line %ld, column %zu is not closed before "
				   "the end of the file",
				   e->line, e->col);
		else
			s40_errorf(ctx, e->code, field, "บรรทัด %ld คอลัมน์ %zu มีเครื่องหมายคำพูดผิดที่",
				   "line %ld, column %zu: misplaced quote", e->line, e->col);
		break;
	case S40_E_IO:
		s40_errorf(ctx, e->code, NULL, "อ่านไฟล์ CSV ไม่ได้ที่บรรทัด %ld",
			   "could not read the CSV file at line %ld", e->line);
		break;
	default:
		s40_errorf(ctx, e->code, field, NULL, NULL);
		break;
	}
	if (ctx)
		ctx->line = e->line;
	return e->code;
}

/* A read error: the reader stops there. */
static enum s40_err csv_io_error(struct s40_csv *r, struct s40_ctx *ctx)
{
	struct csv_fault e = { S40_E_IO, r->line, 0, 0 };
	r->done = 1;
	r->n_fields = 0;
	return csv_report(r, &e, 0, ctx);
}

enum s40_err s40_csv_next(struct s40_csv *r, size_t *n_fields, struct s40_ctx *ctx)
{
	struct csv_fault e = { S40_OK, 0, 0, 0 };

	*n_fields = 0;
	r->n_fields = 0;
	r->raw_full = 0;
	s40_buf_reset(&r->raw);
	s40_buf_reset(&r->text);
	if (r->done)
		return S40_OK;
	if (!r->started && csv_start(r) != S40_OK)
		return csv_io_error(r, ctx);

	/* Skip blank lines (and the LF of a CRLF that ended the last record). */
	for (;;) {
		if (r->pos == r->len) {
			if (csv_fill(r, 0, &e) != S40_OK)
				return csv_io_error(r, ctx);
			if (r->len == 0) {
				r->done = 1;
				return S40_OK;
			}
			continue;
		}
		char c = r->block[r->pos];
		if (c != '\r' && c != '\n')
			break;
		csv_take_break(r, c);
	}

	r->rec_line = r->line;
	r->raw_start = r->pos;
	enum csv_state st = CSV_FIELD_START;
	long quote_line = 0;
	csv_field_begin(r);

	for (;;) {
		if (r->pos == r->len) {
			if (csv_fill(r, 1, &e) != S40_OK)
				return csv_io_error(r, ctx);
			if (r->len == 0)
				break; /* end of input */
			continue;
		}
		const char *p = r->block + r->pos;
		const char *end = r->block + r->len;
		const char *q = p;
		unsigned char c = (unsigned char)*p;

		switch (st) {
		case CSV_FIELD_START:
			if (c == '"') {
				quote_line = r->line;
				r->prev_cr = 0;
				r->pos++;
				st = CSV_QUOTED;
				continue;
			}
			st = CSV_UNQUOTED;
			/* fall through */
		case CSV_UNQUOTED:
			while (q < end && !csv_special((unsigned char)*q))
				q++;
			if (q > p) {
				r->prev_cr = 0;
				csv_field_add(r, p, (size_t)(q - p), &e);
				r->pos += (size_t)(q - p);
				continue;
			}
			if (c == '"') {
				csv_fail(&e, S40_E_CSV_QUOTE, r->line, r->n_fields + 1);
				r->pos++;
				st = CSV_SKIP;
				continue;
			}
			break;
		case CSV_QUOTED:
			while (q < end && *q != '"') {
				if (*q == '\r' || (*q == '\n' && !r->prev_cr))
					r->line++;
				r->prev_cr = *q == '\r';
				q++;
			}
			csv_field_add(r, p, (size_t)(q - p), &e);
			r->pos += (size_t)(q - p);
			if (q < end) {
				r->prev_cr = 0;
				r->pos++;
				st = CSV_QUOTE_SEEN;
			}
			continue;
		case CSV_QUOTE_SEEN:
			if (c == '"') {
				csv_field_add(r, "\"", 1, &e);
				r->pos++;
				st = CSV_QUOTED;
				continue;
			}
			if (!csv_special(c)) {
				csv_fail(&e, S40_E_CSV_QUOTE, r->line, r->n_fields + 1);
				st = CSV_SKIP;
				continue;
			}
			break;
		case CSV_SKIP:
			while (q < end && *q != '\r' && *q != '\n')
				q++;
			r->prev_cr = 0;
			r->pos += (size_t)(q - p);
			if (q < end)
				goto record_end;
			continue;
		}

		/* c is a comma, CR or LF at pos, ending the field. */
		csv_field_end(r, &e);
		if (c != ',')
			goto record_end;
		r->prev_cr = 0;
		r->pos++;
		st = CSV_FIELD_START;
		csv_field_begin(r);
	}

	/* End of input inside a record. An unterminated quote outranks other
	 * faults: it swallowed the rest of the file. */
	if (st == CSV_QUOTED) {
		r->done = 1;
		e.code = S40_OK;
		csv_fail(&e, S40_E_CSV_QUOTE, quote_line, r->n_fields + 1);
		r->n_fields = 0;
		return csv_report(r, &e, 1, ctx);
	}
	if (st != CSV_SKIP)
		csv_field_end(r, &e);
	goto finish;

record_end:
	/* At the CR or LF that ends the record: keep the raw bytes before it. */
	csv_keep_raw(r, r->pos, r->n_fields, &e);
	csv_take_break(r, r->block[r->pos]);
	r->raw_start = r->pos;

finish:
	if (e.code != S40_OK) {
		r->n_fields = 0;
		return csv_report(r, &e, 0, ctx);
	}
	*n_fields = r->n_fields;
	return S40_OK;
}

const char *s40_csv_field(const struct s40_csv *r, size_t i)
{
	if (i >= r->n_fields)
		return NULL;
	return r->text.data + r->off[i];
}

size_t s40_csv_field_len(const struct s40_csv *r, size_t i)
{
	return i < r->n_fields ? r->flen[i] : 0;
}

long s40_csv_line(const struct s40_csv *r)
{
	return r->rec_line;
}

const char *s40_csv_raw(const struct s40_csv *r, size_t *len)
{
	if (len)
		*len = r->raw.len;
	return s40_buf_str(&r->raw);
}

long long s40_csv_offset(const struct s40_csv *r)
{
	return r->base + (long long)r->pos;
}

void s40_csv_write_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

void s40_csv_write_row(FILE *f, const char *const *fields, size_t n)
{
	s40_csv_write_record(f, fields, n, false);
}

void s40_csv_write_record(FILE *f, const char *const *fields, size_t n, bool crlf)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		s40_csv_write_field(f, fields[i]);
	}
	fputs(crlf ? "\r\n" : "\n", f);
}
