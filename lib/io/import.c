/*
 * import.c — the CSV import pipelines declared in import.h: persons,
 * enrolments, exclusions and village names (formats in docs/FORMATS.md).
 *
 * One import is one pass over the file and one outer transaction. The header
 * is matched against a table of our column keys and the Thai labels offices
 * write; then each record is parsed into a registry value on the stack and
 * handed to the same registry operation the command line uses. Inside the
 * outer transaction those operations write no journal entry of their own: the
 * rows carry the sequence number of the import's single entry, appended at the
 * end with the file's SHA-256 and the counts, once they are known.
 *
 * The file is hashed as it is read, through a read-only stdio cookie wrapped
 * around the caller's FILE (glibc fopencookie), so the hash is that of the
 * bytes of the file — what sha256sum prints — and the reader still streams.
 * Between the two sits the decoder (core/textenc.h): the CSV reader reads the
 * file's text as UTF-8 whatever encoding it was saved in, so its lines and
 * rejects are the file's; a file the decoder refuses stops the reader with a
 * read error, which the import reports as the decoder's csv_encoding.
 *
 * Partial mode needs every bad row to have written nothing. Registry
 * operations check before they write, so a refused row leaves the outer
 * transaction as it was. The two places where a row takes two operations
 * (an enrolment that first adds its person) or where an operation could fail
 * after it wrote are guarded: every check of the second step is made before
 * the first writes, and should the registry still refuse afterwards, a
 * partial import is abandoned whole rather than left half-written.
 */
#define _GNU_SOURCE /* fopencookie */

#include "import.h"

#include "import_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/area.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "io/xlsx_read.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "rules/eligibility.h"
#include "store/store.h"

/* Whether every field of the current record (n fields) is blank: a row an
 * editor left behind (",,,"), skipped and not counted. */
int imp_row_blank(const struct imp *im, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!imp_is_blank(s40_csv_field(im->csv, i)))
			return 0;
	return 1;
}

long long imp_offset(const struct imp *im)
{
	long long at = s40_textdec_file_offset(im->dec, s40_csv_offset(im->csv));
	return im->xlsx_scale > 0 ? (long long)((double)at * im->xlsx_scale) : at;
}

static ssize_t imp_hash_read(void *cookie, char *buf, size_t n);

/* A workbook: read whole through h (hashed as it is), its sheet made CSV in
 * im->xlsx_csv, and *f a stream of that CSV. */
static enum s40_err imp_xlsx_open(struct imp *im, struct imp_hash_reader *h, FILE **f,
				  struct s40_ctx *ctx)
{
	*f = NULL;
	struct s40_buf raw;
	s40_buf_init(&raw, S40_XLSX_MAX_CSV);
	char chunk[1 << 16];
	enum s40_err rc = S40_OK;
	ssize_t n;
	while (rc == S40_OK && (n = imp_hash_read(h, chunk, sizeof chunk)) > 0)
		rc = s40_buf_add(&raw, chunk, (size_t)n);
	if (rc == S40_OK && ferror(h->in))
		rc = s40_errorf(ctx, S40_E_IO, NULL, "อ่านไฟล์ไม่สำเร็จ", "could not read the file");
	else if (rc == S40_E_LIMIT)
		rc = s40_errorf(ctx, S40_E_LIMIT, NULL, "สมุดงานใหญ่เกินกว่าที่นำเข้าได้",
				"the workbook is larger than an import can read");
	if (rc == S40_OK)
		rc = s40_xlsx_to_csv(raw.data, raw.len, im->o->sheet, &im->xlsx_csv, im->res->sheet,
				     sizeof im->res->sheet, ctx);
	/* An empty sheet is a file with no header, as an empty CSV file is. */
	if (rc == S40_OK && im->xlsx_csv.len == 0)
		rc = s40_buf_add(&im->xlsx_csv, "\n", 1);
	if (rc == S40_OK) {
		im->xlsx_scale = (double)raw.len / (double)im->xlsx_csv.len;
		*f = fmemopen(im->xlsx_csv.data, im->xlsx_csv.len, "r");
		if (*f == NULL)
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	s40_buf_free(&raw);
	return rc;
}

/*
 * Whether the raw record ends inside a quoted field: the reader's quote error
 * was then an unterminated quote that ran to the end of the file, not a
 * misplaced one inside a line. Follows the reader's own states.
 */
int imp_raw_quote_open(const char *raw, size_t len)
{
	enum {
		START,
		UNQUOTED,
		QUOTED,
		QUOTE_SEEN
	} st = START;
	for (size_t i = 0; i < len; i++) {
		char c = raw[i];
		switch (st) {
		case START:
			st = c == '"' ? QUOTED : (c == ',' ? START : UNQUOTED);
			break;
		case UNQUOTED:
			if (c == ',')
				st = START;
			break;
		case QUOTED:
			if (c == '"')
				st = QUOTE_SEEN;
			break;
		case QUOTE_SEEN:
			if (c == '"')
				st = QUOTED;
			else if (c == ',')
				st = START;
			else
				return 0; /* misplaced: the reader skips the rest of the line */
			break;
		}
	}
	return st == QUOTED;
}

/* Bytes of the UTF-8 sequence at s[0..len), or 0 if it is not one (or NUL). */
static size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need;
	if (c >= 0x01 && c <= 0x7f)
		return 1;
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
		return 0;
	}
	if (len <= need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k <= need; k++)
		if (s[k] < 0x80 || s[k] > 0xbf)
			return 0;
	return need + 1;
}

/*
 * The raw record as it goes in a reject file: as it was, except that bytes
 * which are not UTF-8 (and NUL) become U+FFFD, so that a reject file is always
 * UTF-8 and opens anywhere; the message names the byte.
 */
static const char *imp_reject_row(struct imp *im, const char *raw, size_t len)
{
	if (strlen(raw) == len && s40_utf8_valid(raw, len))
		return raw;
	s40_buf_reset(&im->clean);
	const unsigned char *s = (const unsigned char *)raw;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(s + i, len - i);
		if (s40_buf_add(&im->clean, k ? raw + i : "\xef\xbf\xbd", k ? k : 3))
			break; /* over the cap: the beginning will do */
		i += k ? k : 1;
	}
	return s40_buf_str(&im->clean);
}

/* Write a rejected row (raw: the record, len bytes), a line for each of its
 * faults (c, then im->more), and remember the first. */
void imp_reject(struct imp *im, long line, const struct s40_ctx *c, const char *raw, size_t len)
{
	const char *column = imp_column_of(im, c->field);
	im->res->bad++;
	if (im->first_bad.code == S40_OK) {
		im->first_bad = *c;
		im->first_bad.line = line;
		imp_text_copy(im->first_bad.field, sizeof im->first_bad.field, column);
	}
	size_t n_more = im->n_more;
	im->n_more = 0;
	if (im->rejects == NULL)
		return;
	char num[24];
	snprintf(num, sizeof num, "%ld", line);
	const char *row = imp_reject_row(im, raw, len);
	/* A line for each fault of the row: the first, then the others. */
	for (size_t i = 0; i <= n_more; i++) {
		const struct s40_ctx *x = i == 0 ? c : &im->more[i - 1];
		const char *f[6] = { num,
				     i == 0 ? column : imp_column_of(im, x->field),
				     s40_errname(x->code),
				     s40_errmsg(x, S40_LANG_TH),
				     s40_errmsg(x, S40_LANG_EN),
				     row };
		s40_csv_write_record(im->rejects, f, 6, true);
	}
}

void s40_import_rejects_header(FILE *f)
{
	static const char *const head[6] = { "line",	   "column",	 "code",
					     "message_th", "message_en", "row" };
	fputs(S40_CSV_BOM, f);
	s40_csv_write_record(f, head, 6, true);
}

/* ---- the file ---- */

static ssize_t imp_hash_read(void *cookie, char *buf, size_t n)
{
	struct imp_hash_reader *h = cookie;
	size_t got = 0;
	while (h->head_at < h->head_n && got < n)
		buf[got++] = (char)h->head[h->head_at++];
	if (got < n)
		got += fread(buf + got, 1, n - got, h->in);
	if (got == 0 && ferror(h->in))
		return -1;
	crypto_hash_sha256_update(&h->sha, (const unsigned char *)buf, got);
	return (ssize_t)got;
}

int s40_import_kind_parse(const char *s)
{
	static const struct {
		const char *name;
		int kind;
	} names[] = {
		{ "persons", S40_IMPORT_PERSONS },	 { "person", S40_IMPORT_PERSONS },
		{ "enrolments", S40_IMPORT_ENROLMENTS }, { "enrollments", S40_IMPORT_ENROLMENTS },
		{ "enrolment", S40_IMPORT_ENROLMENTS },	 { "exclusions", S40_IMPORT_EXCLUSIONS },
		{ "exclusion", S40_IMPORT_EXCLUSIONS },	 { "villages", S40_IMPORT_VILLAGES },
		{ "village", S40_IMPORT_VILLAGES },	 { "payments", S40_IMPORT_PAYMENTS },
		{ "payment", S40_IMPORT_PAYMENTS },	 { "survey", S40_IMPORT_SURVEY },
		{ "surveys", S40_IMPORT_SURVEY },
	};
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, s) == 0)
			return names[i].kind;
	return -1;
}

const char *s40_import_kind_name(enum s40_import_kind kind)
{
	static const char *const names[] = { "persons",	 "enrolments", "exclusions",
					     "villages", "payments",   "survey" };
	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "";
}

/* The last path component of name. */
static const char *base_name(const char *name)
{
	const char *slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

/*
 * The import's journal entry: op "import.<kind>", entity "import:<file>", and a
 * JSON detail with the file, its SHA-256 and the counts. *seq gets its number,
 * which must be the one the rows carry.
 */
static enum s40_err imp_journal(struct imp *im, const uint8_t sha[32], int64_t *seq,
				struct s40_ctx *ctx)
{
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, sha, 32);
	const char *name = im->o->name ? im->o->name : "-";
	if (!s40_utf8_valid(name, strlen(name)))
		name = "?";
	char op[48], entity[64];
	snprintf(op, sizeof op, "import.%s", im->kd->name);
	snprintf(entity, sizeof entity, "import:");
	imp_text_append(entity, sizeof entity, base_name(name));
	const struct s40_import_result *r = im->res;
	json_t *d = json_pack("{s:s, s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I}", "kind", im->kd->name,
			      "file", name, "sha256", hex, "partial", im->o->partial != 0, "rows",
			      (json_int_t)r->rows, "good", (json_int_t)r->good, "bad",
			      (json_int_t)r->bad, "changed", (json_int_t)r->changed, "unchanged",
			      (json_int_t)r->unchanged);
	char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(d);
	if (detail == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = s40_journal_append(im->reg, op, entity, detail, seq, ctx);
	free(detail);
	return rc;
}

/* The sequence number the import's journal entry will get. */
static enum s40_err imp_next_seq(struct imp *im, int64_t *seq, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(im->reg->store, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	*seq = 1;
	if (rc == S40_ROW) {
		*seq = s40_col_int64(s, 0) + 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

/*
 * Read the rows after the header, in the outer transaction. Returns S40_OK when
 * every row was read (bad ones rejected), or the error that stops the import
 * (an unterminated quote, a database failure) with its detail on ctx.
 */
static enum s40_err imp_rows(struct imp *im, struct s40_ctx *ctx)
{
	struct s40_import_result *res = im->res;
	struct s40_ctx rctx;
	for (;;) {
		size_t n;
		long rows_before = res->rows;
		s40_ctx_clear(&rctx);
		enum s40_err rc = s40_csv_next(im->csv, &n, &rctx);
		if (rc == S40_OK && n == 0)
			return S40_OK;
		size_t raw_len;
		const char *raw = s40_csv_raw(im->csv, &raw_len);
		if (rc != S40_OK) {
			if (rc == S40_E_IO || rc == S40_E_NOMEM) {
				*ctx = rctx;
				return rc;
			}
			res->rows++;
			imp_reject(im, rctx.line ? rctx.line : s40_csv_line(im->csv), &rctx, raw,
				   raw_len);
			if (rc == S40_E_CSV_QUOTE && imp_raw_quote_open(raw, raw_len)) {
				*ctx = rctx;
				return rc;
			}
		} else if (!imp_row_blank(im, n)) {
			res->rows++;
			int changed = 0;
			im->n_more = 0;
			rc = imp_row(im, n, &changed, &rctx);
			if (rc == S40_OK) {
				imp_good(res, changed);
			} else if (imp_fatal(rc)) {
				*ctx = rctx;
				if (ctx->line == 0)
					ctx->line = s40_csv_line(im->csv);
				return rc;
			} else {
				imp_reject(im, s40_csv_line(im->csv), &rctx, raw, raw_len);
			}
		}
		if (im->o->progress && res->rows != rows_before &&
		    res->rows % IMP_PROGRESS_EVERY == 0)
			im->o->progress(im->o->progress_arg, imp_offset(im), res->rows);
	}
}

/* Read the header and match it; a fault is written to the rejects as line 1. */
static enum s40_err imp_read_header(struct imp *im, struct s40_ctx *ctx)
{
	size_t n;
	enum s40_err rc = s40_csv_next(im->csv, &n, ctx);
	if (rc == S40_OK && n == 0)
		rc = s40_errorf(ctx, S40_E_CSV_HEADER, NULL, "ไฟล์ว่าง ไม่มีหัวตาราง",
				"the file is empty: there is no header row");
	else if (rc == S40_OK)
		rc = imp_header(im, n, ctx);
	if (rc && rc != S40_E_IO && rc != S40_E_NOMEM) {
		if (ctx->line == 0)
			ctx->line = n ? s40_csv_line(im->csv) : 1;
		size_t raw_len;
		const char *raw = s40_csv_raw(im->csv, &raw_len);
		imp_reject(im, ctx->line, ctx, raw, raw_len);
		im->res->bad = 0; /* a header is not a row */
	}
	return rc;
}

/* The commit: the journal entry with the hash and counts, then the outer end. */
static enum s40_err imp_commit(struct imp *im, struct imp_hash_reader *h, struct s40_ctx *ctx)
{
	if (im->o->rejects && (fflush(im->o->rejects) != 0 || ferror(im->o->rejects)))
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนไฟล์แถวที่ถูกปฏิเสธไม่ได้",
				  "could not write the reject file");
	uint8_t sha[32];
	crypto_hash_sha256_final(&h->sha, sha);
	int64_t seq = 0;
	enum s40_err rc = imp_journal(im, sha, &seq, ctx);
	if (rc == S40_OK && seq != im->reg->batch_seq)
		rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
				"รายการ journal ของการนำเข้าได้ลำดับ %lld แต่แถวใช้ลำดับ %lld",
				"the import's journal entry got seq %lld but its rows carry %lld",
				(long long)seq, (long long)im->reg->batch_seq);
	if (rc == S40_OK)
		im->res->journal_seq = seq;
	return rc;
}

enum s40_err s40_import_run(struct s40_reg *reg, FILE *in, const struct s40_import_opts *o,
			    struct s40_import_result *res, struct s40_ctx *ctx)
{
	struct s40_import_result res_local;
	struct s40_ctx ctx_local;
	if (res == NULL)
		res = &res_local;
	if (ctx == NULL)
		ctx = &ctx_local;
	memset(res, 0, sizeof *res);
	s40_ctx_clear(ctx);
	if (o == NULL || (unsigned)o->kind > S40_IMPORT_SURVEY || in == NULL)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "เรียกใช้การนำเข้าไม่ถูกต้อง",
				  "the import was called wrongly");
	if (reg->batch_seq != 0)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "การนำเข้าซ้อนกันไม่ได้",
				  "imports do not nest");
	if (sodium_init() < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่ม libsodium ไม่ได้",
				  "libsodium could not start");

	struct imp *im = calloc(1, sizeof *im);
	if (im == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	im->reg = reg;
	im->o = o;
	im->kd = &imp_kind_defs[o->kind];
	im->res = res;
	im->rejects = o->rejects;
	for (int c = 0; c < COL__N; c++)
		im->pos[c] = -1;
	s40_buf_init(&im->clean, S40_CSV_MAX_ROW * 3);
	imp_text_copy(im->source, sizeof im->source, o->name ? base_name(o->name) : "");

	struct imp_hash_reader h = { .in = in };
	crypto_hash_sha256_init(&h.sha);
	s40_buf_init(&im->xlsx_csv, S40_XLSX_MAX_CSV);
	h.head_n = fread(h.head, 1, sizeof h.head, in);
	enum s40_err rc = S40_OK;
	FILE *f = NULL;
	enum s40_enc enc = o->encoding;
	if (s40_xlsx_magic(h.head, h.head_n)) {
		enc = S40_ENC_UTF8;
		if ((rc = imp_xlsx_open(im, &h, &f, ctx)))
			goto out;
	} else {
		cookie_io_functions_t fns = { .read = imp_hash_read };
		f = fopencookie(&h, "r", fns);
	}
	if (f == NULL || (im->dec = s40_textdec_open(f, enc)) == NULL ||
	    (im->csv = s40_csv_open(s40_textdec_stream(im->dec))) == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	if (o->rejects)
		s40_import_rejects_header(o->rejects);
	if ((rc = imp_map_parse(im, ctx)) || (rc = imp_read_header(im, ctx)))
		goto out;

	if ((rc = s40_reg_begin(reg, ctx)))
		goto out;
	s40_store_bulk(reg->store, true);
	bool paid_deferred = false;
	int64_t seq = 0;
	rc = imp_next_seq(im, &seq, ctx);
	if (rc == S40_OK) {
		reg->batch_seq = seq;
		int empty = 0;
		if (o->kind == S40_IMPORT_PERSONS)
			rc = imp_persons_empty_ok(im, &empty, ctx);
		/* Enrolments, exclusions and payments change spells and months
		 * paid: spell_paid is made anew for their members after the rows
		 * (store.h). */
		if (rc == S40_OK &&
		    (o->kind == S40_IMPORT_ENROLMENTS || o->kind == S40_IMPORT_EXCLUSIONS ||
		     o->kind == S40_IMPORT_PAYMENTS))
			paid_deferred = (rc = s40_store_spell_paid_load(
						 reg->store, S40_NAME_INDEX_DEFER, ctx)) == S40_OK;
		/* Enrolments and exclusions in ID order (import_sorted.c), unless an
		 * enrolment may add the person another row names as its recruiter. */
		int by_id = o->kind == S40_IMPORT_EXCLUSIONS ||
			    (o->kind == S40_IMPORT_ENROLMENTS && !im->person_cols);
		if (rc == S40_OK)
			rc = empty ? imp_persons_rows(im, ctx) :
			     by_id ? imp_rows_by_id(im, ctx) :
				     imp_rows(im, ctx);
	}
	if (o->progress)
		o->progress(o->progress_arg, imp_offset(im), res->rows);
	if (rc == S40_OK && res->bad && !o->partial) {
		const struct s40_ctx *b = &im->first_bad;
		rc = s40_errorf(ctx, S40_E_REJECTED, b->field,
				"%ld แถวไม่ถูกต้อง%.0s จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด %ld",
				"%ld %s, so nothing was written; the first, on line %ld", res->bad,
				s40_en_plural(res->bad, "bad row", "bad rows"), b->line);
		imp_msg_append(ctx, b);
		ctx->line = b->line;
	}
	if (paid_deferred)
		rc = s40_store_spell_paid_load_end(reg->store, rc, ctx);
	/* A file that changes nothing (imported before) writes nothing, not even a
	 * journal entry: the database stays exactly as it was. */
	if (rc == S40_OK && res->changed > 0)
		rc = imp_commit(im, &h, ctx);
	/* The outer end: commit when rc is S40_OK, else roll back. Its own
	 * failure (a commit that failed) replaces rc; a rollback keeps ctx. */
	struct s40_ctx ectx;
	s40_ctx_clear(&ectx);
	enum s40_err erc = s40_reg_end(reg, rc, &ectx);
	s40_store_bulk(reg->store, false);
	reg->batch_seq = 0;
	if (rc == S40_OK && erc != S40_OK) {
		*ctx = ectx;
		rc = erc;
		res->journal_seq = 0;
	}
	res->committed = rc == S40_OK && res->changed > 0;
	if (rc != S40_OK)
		res->journal_seq = 0;
out:
	/* A file the decoder could not read stopped the CSV reader with a read
	 * error: say why instead. */
	if (im->dec && rc != S40_OK && s40_textdec_error(im->dec, NULL) != S40_OK) {
		rc = s40_textdec_error(im->dec, ctx);
		res->committed = 0;
		res->journal_seq = 0;
	}
	if (im->dec && s40_textdec_encoding(im->dec) != S40_ENC_AUTO && res->sheet[0] == '\0')
		res->encoding = s40_enc_name(s40_textdec_encoding(im->dec));
	s40_csv_close(im->csv);
	s40_textdec_close(im->dec);
	if (f)
		fclose(f);
	s40_buf_free(&im->map_text);
	s40_buf_free(&im->hdr_text);
	s40_buf_free(&im->clean);
	s40_buf_free(&im->xlsx_csv);
	s40_rates_free(&im->rates);
	free(im);
	return rc;
}
