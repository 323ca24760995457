/*
 * import_persons.c — the persons import into an empty register, in two passes.
 *
 * A file in no ID order written row by row into the person table makes every
 * insert land on a different leaf of the table's B-tree: past the page cache
 * each row costs page reads and writes (docs/PERFORMANCE.md, "Validated
 * import"). When the register holds nobody at the start, nothing needs looking
 * up in it either, only in the file itself. So:
 *
 * 1. Read: the file is read, hashed and split into records on a second
 *    thread (import_reader.c). Here every row is parsed and checked as the
 *    row-by-row import checks it (the ID's check digit, the names normalised,
 *    the birth date, sex, nationality, phone) and its village looked up in a
 *    bitmap of the register's village codes loaded once. A bad row goes to the
 *    rejects at once. A good row is packed into a run buffer; a full buffer is
 *    sorted by (ID, line) and, when more is to come, written to a temporary
 *    file. A row keeps its raw text only if its ID's bit in a bitset of the
 *    IDs read so far was set already (a repeat, or a harmless collision): only
 *    a repeated ID can be rejected in the second pass.
 * 2. Write: the village index is dropped, the runs merged in (ID, line) order
 *    and each person inserted with no lookup, so the table only grows at its
 *    right edge; then the index is built from the rows in one sort, in the same
 *    transaction. The same ID twice in the file comes out as neighbours: the
 *    later row goes through s40_person_add, which finds the earlier one just
 *    written and says "unchanged" or S40_E_EXISTS exactly as the row-by-row
 *    import would.
 *
 * Rejects stay in line order: those of the first pass go to a temporary file
 * as they come, those of the second (a repeated ID with other data) are kept
 * in memory and merged in by line at the end. Memory: the run buffer (256 MB
 * at most) and its sort keys, the ID bitset (32 MB), the village bitmap
 * (12.5 MB, touched only where villages are), the reader's blocks and the
 * second pass's rejects; the runs themselves are in temporary files. Progress
 * counts the reading as the first half of the file's bytes, the writing as
 * the second.
 */
#include "import_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/person.h"
#include "store/store.h"

#define RUN_BYTES ((size_t)256 << 20) /* packed rows sorted in memory at once */
#define VILLAGE_BITS 100000000 /* village codes have 8 digits */
#define SEEN_BITS ((size_t)1 << 28) /* the IDs' bitset (32 MB) */

/* The strings of a packed row, in this order. */
enum {
	PS_TITLE,
	PS_FIRST,
	PS_LAST,
	PS_FIRST_EN,
	PS_LAST_EN,
	PS_PHONE,
	PS_ADDRESS,
	PS__N
};

/* A packed row: this, then the PS__N strings and the raw record, no NULs. */
struct prow {
	int64_t id;
	long line;
	int32_t birth_day;
	int32_t village;
	int8_t sex;
	int8_t thai;
	uint8_t len[PS__N]; /* every field of s40_person here is under 256 bytes */
	uint32_t raw_len;
};

/* A row of the run buffer, to sort. */
struct pkey {
	int64_t id;
	long line;
	size_t off; /* of its struct prow in the buffer */
};

/* One run of sorted rows, in memory or in a temporary file. */
struct prun {
	FILE *f;
	struct s40_buf rec; /* the current row, packed */
	int have;
};

/* A reject of the second pass: written in line order at the end. */
struct preject {
	struct s40_ctx ctx;
	char *raw;
	size_t raw_len;
};

struct pimp {
	struct imp *im;
	uint8_t *villages; /* bitmap of the register's village codes */
	uint8_t *seen; /* a bit for each ID's hash: an ID read before has it set */
	char *buf; /* the run buffer */
	size_t buf_len;
	struct pkey *keys;
	size_t n_keys, cap_keys;
	struct prun *runs;
	size_t n_runs;
	long long bytes_read; /* at the end of the first pass */
	long n_packed; /* good rows of the first pass */
	struct preject *rej;
	size_t n_rej, cap_rej;
};

/* ---- the villages ---- */

static enum s40_err villages_load(struct pimp *pi, struct s40_ctx *ctx)
{
	pi->villages = calloc(VILLAGE_BITS / 8 + 1, 1);
	if (pi->villages == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct s40_stmt *s = s40_store_stmt(pi->im->reg->store, S40_Q_AREA_ALL, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int64_t code = s40_col_int64(s, 0);
		if (code >= 0 && code < VILLAGE_BITS &&
		    s40_area_level((int32_t)code) == S40_LEVEL_VILLAGE)
			pi->villages[code >> 3] |= (uint8_t)(1u << (code & 7));
	}
	return (enum s40_err)rc;
}

static int village_known(const struct pimp *pi, int32_t code)
{
	return code >= 0 && code < VILLAGE_BITS && (pi->villages[code >> 3] >> (code & 7)) & 1;
}

/* ---- packing ---- */

static const char *pstr(const struct s40_person *p, int i)
{
	switch (i) {
	case PS_TITLE:
		return p->title;
	case PS_FIRST:
		return p->first_th;
	case PS_LAST:
		return p->last_th;
	case PS_FIRST_EN:
		return p->first_en;
	case PS_LAST_EN:
		return p->last_en;
	case PS_PHONE:
		return p->phone;
	default:
		return p->address;
	}
}

static char *pstr_dst(struct s40_person *p, int i)
{
	return (char *)pstr(p, i);
}

/* The bytes of the packed row at r. */
static size_t prow_size(const struct prow *r)
{
	size_t n = sizeof *r + r->raw_len;
	for (int i = 0; i < PS__N; i++)
		n += r->len[i];
	return n;
}

/* Unpack r into p. */
static void prow_unpack(const struct prow *r, struct s40_person *p)
{
	s40_person_clear(p);
	p->id = r->id;
	p->birth_day = r->birth_day;
	p->village = r->village;
	p->sex = r->sex;
	p->thai = r->thai;
	const char *s = (const char *)(r + 1);
	for (int i = 0; i < PS__N; i++) {
		char *d = pstr_dst(p, i);
		memcpy(d, s, r->len[i]);
		d[r->len[i]] = '\0';
		s += r->len[i];
	}
}

/* The raw record of r. */
static const char *prow_raw(const struct prow *r)
{
	const char *s = (const char *)(r + 1);
	for (int i = 0; i < PS__N; i++)
		s += r->len[i];
	return s;
}

static int pkey_cmp(const void *a, const void *b)
{
	const struct pkey *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Sort the run buffer and write it to a temporary file of its own. */
static enum s40_err run_spill(struct pimp *pi, struct s40_ctx *ctx)
{
	if (pi->n_keys == 0)
		return S40_OK;
	qsort(pi->keys, pi->n_keys, sizeof *pi->keys, pkey_cmp);
	struct prun *v = realloc(pi->runs, (pi->n_runs + 1) * sizeof *v);
	if (v == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	pi->runs = v;
	struct prun *run = &pi->runs[pi->n_runs];
	memset(run, 0, sizeof *run);
	s40_buf_init(&run->rec, sizeof(struct prow) + PS__N * 255 + S40_CSV_MAX_ROW);
	run->f = tmpfile();
	if (run->f == NULL)
		return s40_errorf(ctx, S40_E_IO, NULL, "สร้างไฟล์ชั่วคราวไม่ได้",
				  "could not make a temporary file");
	pi->n_runs++;
	for (size_t i = 0; i < pi->n_keys; i++) {
		const struct prow *r = (const struct prow *)(pi->buf + pi->keys[i].off);
		if (fwrite(r, 1, prow_size(r), run->f) != prow_size(r))
			return s40_errorf(ctx, S40_E_IO, NULL, "เขียนไฟล์ชั่วคราวไม่ได้",
					  "could not write a temporary file");
	}
	if (fflush(run->f) != 0)
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนไฟล์ชั่วคราวไม่ได้",
				  "could not write a temporary file");
	rewind(run->f);
	pi->n_keys = 0;
	pi->buf_len = 0;
	return S40_OK;
}

/* Pack a checked person p, read from raw (len bytes) on line, into the run. */
static enum s40_err run_add(struct pimp *pi, const struct s40_person *p, long line, const char *raw,
			    size_t raw_len, struct s40_ctx *ctx)
{
	/* A row's raw record is only needed if it is rejected in the second pass,
	 * which only a repeated ID can be: keep it when the ID's bit was set. */
	uint64_t h = (uint64_t)p->id * 0x9e3779b97f4a7c15u;
	size_t bit = (size_t)(h >> 36) & (SEEN_BITS - 1);
	if (!((pi->seen[bit >> 3] >> (bit & 7)) & 1)) {
		pi->seen[bit >> 3] |= (uint8_t)(1u << (bit & 7));
		raw_len = 0;
	}
	struct prow r = { .id = p->id,
			  .line = line,
			  .birth_day = p->birth_day,
			  .village = p->village,
			  .sex = (int8_t)p->sex,
			  .thai = (int8_t)p->thai,
			  .raw_len = (uint32_t)raw_len };
	size_t need = sizeof r + raw_len;
	for (int i = 0; i < PS__N; i++) {
		size_t l = strlen(pstr(p, i));
		r.len[i] = (uint8_t)(l > 255 ? 255 : l);
		need += r.len[i];
	}
	need = (need + 7) & ~(size_t)7;
	enum s40_err rc;
	if (pi->buf_len + need > RUN_BYTES && (rc = run_spill(pi, ctx)))
		return rc;
	if (pi->n_keys == pi->cap_keys) {
		size_t cap = pi->cap_keys ? pi->cap_keys * 2 : 65536;
		struct pkey *k = realloc(pi->keys, cap * sizeof *k);
		if (k == NULL)
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		pi->keys = k;
		pi->cap_keys = cap;
	}
	char *d = pi->buf + pi->buf_len;
	memcpy(d, &r, sizeof r);
	d += sizeof r;
	for (int i = 0; i < PS__N; i++) {
		memcpy(d, pstr(p, i), r.len[i]);
		d += r.len[i];
	}
	memcpy(d, raw, raw_len);
	pi->keys[pi->n_keys++] = (struct pkey){ p->id, line, pi->buf_len };
	pi->buf_len += need;
	pi->n_packed++;
	return S40_OK;
}

/* ---- the first pass ---- */

/* Parse and check the current row (n fields) into p, as imp_row_person and
 * s40_person_add check it, with the village found in the bitmap. */
static enum s40_err row_check(struct pimp *pi, size_t n, long line, struct s40_person *p,
			      struct s40_ctx *ctx)
{
	struct imp *im = pi->im;
	if (n != im->n_cols)
		return s40_errorf(ctx, S40_E_CSV_COLUMNS, NULL,
				  "แถวที่บรรทัด %ld มี %zu คอลัมน์ แต่หัวตารางมี %zu คอลัมน์",
				  "the row on line %ld has %zu columns; the header has %zu", line,
				  n, im->n_cols);
	s40_person_clear(p);
	enum s40_err rc = S40_OK;
	struct s40_ctx imp_c;
	IMP_CHECK(imp_id(im, COL_ID, &p->id, &imp_c));
	rc = imp_person_fill(im, p, rc, ctx);
	/* A good row is checked once; a bad one again for all its faults. */
	if (rc == S40_OK)
		rc = s40_person_check_fields(im->reg, p, ctx);
	if (rc != S40_OK)
		return imp_person_faults(im, p, rc, ctx);
	if (!village_known(pi, p->village)) {
		s40_errorf(ctx, S40_E_UNKNOWN_AREA, "village", "ไม่พบพื้นที่รหัส %d",
			   "there is no area with code %d", (int)p->village);
		return S40_E_UNKNOWN_AREA;
	}
	return S40_OK;
}

static void progress(struct pimp *pi, long long bytes)
{
	struct imp *im = pi->im;
	if (im->o->progress)
		im->o->progress(im->o->progress_arg, bytes, im->res->rows);
}

/* Read every row: the good ones into runs, the bad ones to the rejects. The
 * file is read and split on the reader thread (import_reader.c). */
static enum s40_err pass_read(struct pimp *pi, struct s40_ctx *ctx)
{
	struct imp *im = pi->im;
	struct s40_import_result *res = im->res;
	struct imp_reader *rd;
	enum s40_err rc = imp_reader_start(im, &rd, ctx);
	if (rc)
		return rc;
	struct s40_ctx rctx;
	struct s40_person p;
	struct imp_rec rec;
	int got;
	while ((got = imp_reader_next(rd, &rec, ctx)) > 0) {
		long rows_before = res->rows;
		s40_ctx_clear(&rctx);
		pi->bytes_read = rec.offset;
		if (rec.rc != S40_OK) {
			if (rec.rc == S40_E_IO || rec.rc == S40_E_NOMEM) {
				*ctx = *rec.err;
				rc = rec.rc;
				break;
			}
			res->rows++;
			imp_reject(im, rec.err->line ? rec.err->line : rec.line, rec.err, rec.raw,
				   rec.raw_len);
			if (rec.rc == S40_E_CSV_QUOTE && imp_raw_quote_open(rec.raw, rec.raw_len)) {
				*ctx = *rec.err;
				rc = rec.rc;
				break;
			}
		} else if (!rec.blank) {
			res->rows++;
			im->row_f = rec.f;
			im->row_len = rec.len;
			im->row_line = rec.line;
			im->n_more = 0;
			rc = row_check(pi, rec.n, rec.line, &p, &rctx);
			im->row_f = NULL;
			if (rc == S40_OK)
				rc = run_add(pi, &p, rec.line, rec.raw, rec.raw_len, &rctx);
			if (rc == S40_OK) {
				/* packed: written in the second pass */
			} else if (imp_fatal(rc)) {
				*ctx = rctx;
				if (ctx->line == 0)
					ctx->line = rec.line;
				break;
			} else {
				imp_reject(im, rec.line, &rctx, rec.raw, rec.raw_len);
				rc = S40_OK;
			}
		}
		/* The reading is the first half of the work, the writing the second. */
		if (res->rows != rows_before && res->rows % IMP_PROGRESS_EVERY == 0)
			progress(pi, rec.offset / 2);
	}
	if (got < 0)
		rc = ctx->code ? ctx->code : S40_E_NOMEM;
	imp_reader_stop(rd);
	return rc;
}

/* ---- the second pass ---- */

/* Read the next row of a run into its rec; run->have 0 at its end. */
static enum s40_err run_next(struct prun *run, struct s40_ctx *ctx)
{
	struct prow r;
	run->have = 0;
	size_t got = fread(&r, 1, sizeof r, run->f);
	if (got == 0 && feof(run->f))
		return S40_OK;
	if (got != sizeof r)
		goto bad;
	size_t size = prow_size(&r);
	s40_buf_reset(&run->rec);
	if (s40_buf_add(&run->rec, (const char *)&r, sizeof r))
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	size_t rest = size - sizeof r;
	while (rest > 0) {
		char chunk[4096];
		size_t k = rest < sizeof chunk ? rest : sizeof chunk;
		if (fread(chunk, 1, k, run->f) != k)
			goto bad;
		if (s40_buf_add(&run->rec, chunk, k))
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		rest -= k;
	}
	run->have = 1;
	return S40_OK;
bad:
	return s40_errorf(ctx, S40_E_IO, NULL, "อ่านไฟล์ชั่วคราวไม่ได้",
			  "could not read a temporary file");
}

/* Keep a second-pass reject of row r for the end. */
static enum s40_err reject_keep(struct pimp *pi, const struct prow *r, const struct s40_ctx *c,
				struct s40_ctx *ctx)
{
	if (pi->n_rej == pi->cap_rej) {
		size_t cap = pi->cap_rej ? pi->cap_rej * 2 : 16;
		struct preject *v = realloc(pi->rej, cap * sizeof *v);
		if (v == NULL)
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		pi->rej = v;
		pi->cap_rej = cap;
	}
	struct preject *j = &pi->rej[pi->n_rej];
	j->raw = malloc(r->raw_len + 1);
	if (j->raw == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	memcpy(j->raw, prow_raw(r), r->raw_len);
	j->raw[r->raw_len] = '\0';
	j->raw_len = r->raw_len;
	j->ctx = *c;
	j->ctx.line = r->line;
	pi->n_rej++;
	return S40_OK;
}

/* Write the packed row r; prev_id is the ID written or seen just before. */
static enum s40_err row_write(struct pimp *pi, const struct prow *r, int64_t prev_id,
			      struct s40_ctx *ctx)
{
	struct imp *im = pi->im;
	struct s40_person p;
	struct s40_ctx rctx;
	s40_ctx_clear(&rctx);
	prow_unpack(r, &p);
	enum s40_err rc;
	int changed = 0;
	if (r->id != prev_id) {
		rc = s40_person_insert_new(im->reg, &p, &rctx);
		changed = 1;
	} else {
		rc = s40_person_add(im->reg, &p, &changed, &rctx);
	}
	if (rc == S40_OK) {
		imp_good(im->res, changed);
		return S40_OK;
	}
	if (imp_fatal(rc)) {
		*ctx = rctx;
		ctx->line = r->line;
		return rc;
	}
	return reject_keep(pi, r, &rctx, ctx);
}

/* Merge the runs in (ID, line) order and write each row. */
static enum s40_err pass_write(struct pimp *pi, struct s40_ctx *ctx)
{
	enum s40_err rc;
	long done = 0;
	int64_t prev_id = -1;
	long long half = pi->bytes_read / 2;
	for (size_t i = 0; i < pi->n_runs; i++)
		if ((rc = run_next(&pi->runs[i], ctx)))
			return rc;
	for (;;) {
		struct prun *min = NULL;
		const struct prow *mr = NULL;
		for (size_t i = 0; i < pi->n_runs; i++) {
			struct prun *run = &pi->runs[i];
			if (!run->have)
				continue;
			const struct prow *r = (const struct prow *)run->rec.data;
			if (mr == NULL || r->id < mr->id ||
			    (r->id == mr->id && r->line < mr->line)) {
				min = run;
				mr = r;
			}
		}
		if (min == NULL)
			return S40_OK;
		if ((rc = row_write(pi, mr, prev_id, ctx)))
			return rc;
		prev_id = mr->id;
		if (++done % IMP_PROGRESS_EVERY == 0)
			progress(pi, half + (pi->bytes_read - half) * done / pi->n_packed);
		if ((rc = run_next(min, ctx)))
			return rc;
	}
}

/* The same as pass_write for a single run still in memory. */
static enum s40_err pass_write_mem(struct pimp *pi, struct s40_ctx *ctx)
{
	qsort(pi->keys, pi->n_keys, sizeof *pi->keys, pkey_cmp);
	int64_t prev_id = -1;
	long long half = pi->bytes_read / 2;
	for (size_t i = 0; i < pi->n_keys; i++) {
		const struct prow *r = (const struct prow *)(pi->buf + pi->keys[i].off);
		enum s40_err rc = row_write(pi, r, prev_id, ctx);
		if (rc)
			return rc;
		prev_id = r->id;
		if ((i + 1) % IMP_PROGRESS_EVERY == 0)
			progress(pi, half + (pi->bytes_read - half) * (long long)(i + 1) /
						     pi->n_packed);
	}
	return S40_OK;
}

/* ---- the rejects in line order ---- */

static int preject_cmp(const void *a, const void *b)
{
	const struct preject *x = a, *y = b;
	return (x->ctx.line > y->ctx.line) - (x->ctx.line < y->ctx.line);
}

/* Write the second pass's rejects (from j, those before line; all if line < 0). */
static void rejects_emit(struct pimp *pi, size_t *j, long line)
{
	struct imp *im = pi->im;
	for (; *j < pi->n_rej && (line < 0 || pi->rej[*j].ctx.line < line); (*j)++) {
		struct preject *r = &pi->rej[*j];
		if (im->first_bad.code != S40_OK && r->ctx.line < im->first_bad.line)
			im->first_bad.code = S40_OK; /* an earlier line than the first pass's */
		imp_reject(im, r->ctx.line, &r->ctx, r->raw, r->raw_len);
	}
}

/* Copy the first pass's rejects (tmp) to the reject file, the second pass's
 * merged in by line. */
static enum s40_err rejects_merge(struct pimp *pi, FILE *tmp, struct s40_ctx *ctx)
{
	struct imp *im = pi->im;
	FILE *out = im->o->rejects;
	if (pi->n_rej > 1)
		qsort(pi->rej, pi->n_rej, sizeof *pi->rej, preject_cmp);
	size_t j = 0;
	if (tmp != NULL && fflush(tmp) == 0)
		rewind(tmp);
	if (tmp != NULL && pi->n_rej == 0) {
		char b[65536];
		size_t got;
		while ((got = fread(b, 1, sizeof b, tmp)) > 0)
			if (fwrite(b, 1, got, out) != got)
				break;
	} else if (tmp != NULL) {
		struct s40_csv *c = s40_csv_open(tmp);
		if (c == NULL)
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		size_t n;
		struct s40_ctx cc;
		s40_ctx_clear(&cc);
		im->rejects = out;
		while (s40_csv_next(c, &n, &cc) == S40_OK && n > 0) {
			const char *f[6];
			for (size_t i = 0; i < 6; i++)
				f[i] = i < n ? s40_csv_field(c, i) : "";
			rejects_emit(pi, &j, strtol(f[0], NULL, 10));
			s40_csv_write_record(out, f, 6, true);
		}
		s40_csv_close(c);
	}
	im->rejects = out;
	rejects_emit(pi, &j, -1);
	if (tmp != NULL && ferror(tmp))
		return s40_errorf(ctx, S40_E_IO, NULL, "อ่านไฟล์ชั่วคราวไม่ได้",
				  "could not read a temporary file");
	return S40_OK;
}

/* ---- the import ---- */

/* Run the named query q, which returns nothing. */
static enum s40_err store_run(struct imp *im, enum s40_q q, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(im->reg->store, q, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	return s40_stmt_exec(s, ctx);
}

enum s40_err imp_persons_empty_ok(struct imp *im, int *yes, struct s40_ctx *ctx)
{
	*yes = 0;
	struct s40_stmt *s = s40_store_stmt(im->reg->store, S40_Q_PERSON_COUNT, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return (enum s40_err)rc;
	*yes = s40_col_int64(s, 0) == 0;
	s40_stmt_reset(s);
	return S40_OK;
}

enum s40_err imp_persons_rows(struct imp *im, struct s40_ctx *ctx)
{
	struct pimp pi = { .im = im };
	FILE *tmp = NULL;
	enum s40_err rc = villages_load(&pi, ctx);
	if (rc)
		goto out;
	pi.buf = malloc(RUN_BYTES);
	pi.seen = calloc(SEEN_BITS / 8, 1);
	if (pi.buf == NULL || pi.seen == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	if (im->o->rejects) {
		tmp = tmpfile();
		if (tmp == NULL) {
			rc = s40_errorf(ctx, S40_E_IO, NULL, "สร้างไฟล์ชั่วคราวไม่ได้",
					"could not make a temporary file");
			goto out;
		}
		im->rejects = tmp;
	}
	if ((rc = pass_read(&pi, ctx))) {
		/* Stopped while reading (an unterminated quote, a fault): the rows
		 * checked so far count as the row-by-row import counts them before the
		 * same stop, as good and written (the transaction is rolled back). */
		im->res->good += pi.n_packed;
		im->res->changed += pi.n_packed;
		/* The rejects so far (the stop's own row among them) still go out. */
		struct s40_ctx mctx;
		s40_ctx_clear(&mctx);
		rejects_merge(&pi, tmp, &mctx);
		goto out;
	}
	/* The village bitmap is not needed any more: give its pages back. */
	free(pi.villages);
	pi.villages = NULL;
	free(pi.seen);
	pi.seen = NULL;
	/* The village index is built after the rows, from them in one sort, rather
	 * than one insert a row at a random place of it. */
	if ((rc = store_run(im, S40_Q_PERSON_VILLAGE_INDEX_DROP, ctx)))
		goto out;
	/* The names' index likewise: built from the rows in one go after them. */
	if ((rc = s40_store_name_index(im->reg->store, S40_NAME_INDEX_DEFER, ctx)))
		goto out;
	if (pi.n_runs == 0)
		rc = pass_write_mem(&pi, ctx);
	else if ((rc = run_spill(&pi, ctx)) == S40_OK) {
		free(pi.buf);
		pi.buf = NULL;
		rc = pass_write(&pi, ctx);
	}
	if (rc == S40_OK)
		rc = store_run(im, S40_Q_PERSON_VILLAGE_INDEX_BUILD, ctx);
	rc = s40_store_name_index_end(im->reg->store, rc, ctx);
	if (rc == S40_OK)
		rc = rejects_merge(&pi, tmp, ctx);
out:
	im->rejects = im->o->rejects;
	if (tmp)
		fclose(tmp);
	for (size_t i = 0; i < pi.n_runs; i++) {
		if (pi.runs[i].f)
			fclose(pi.runs[i].f);
		s40_buf_free(&pi.runs[i].rec);
	}
	free(pi.runs);
	for (size_t i = 0; i < pi.n_rej; i++)
		free(pi.rej[i].raw);
	free(pi.rej);
	free(pi.keys);
	free(pi.buf);
	free(pi.villages);
	free(pi.seen);
	return rc;
}
