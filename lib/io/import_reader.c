/*
 * import_reader.c — the import's file read on a second thread: the bytes read
 * and hashed, the records split into fields, handed over in blocks of records
 * through a bounded queue, while the import's own thread checks and writes.
 *
 * The reader thread owns im->csv (and through it the hashing cookie) from
 * imp_reader_start to imp_reader_stop; the import's thread reads only the
 * copies in the blocks. A block holds up to READER_BLOCK_ROWS records: their
 * raw text and fields in one arena, and the detail of a CSV error where a
 * record had one. At most READER_BLOCKS blocks are in flight, so the memory is
 * bounded whatever the file's size.
 */
#include "import_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define READER_BLOCK_ROWS 4096
#define READER_BLOCKS 4

/* One record as read. */
struct rrec {
	long line;
	long long offset; /* bytes of the file read after it */
	enum s40_err rc; /* s40_csv_next's; its ctx in errs[err] */
	int blank;
	size_t n; /* fields */
	size_t f0; /* its first field in foff/flen */
	size_t raw_off, raw_len;
	size_t err;
};

struct rblock {
	struct rrec *recs;
	size_t n, cap;
	char *text; /* raw records and NUL-terminated fields */
	size_t text_len, text_cap;
	size_t *foff, *flen;
	size_t nf, capf;
	struct s40_ctx *errs;
	size_t n_err, cap_err;
	int last; /* the end of the file, or a fault that stops the reading */
	int oom;
};

struct imp_reader {
	struct imp *im;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv_full, cv_free;
	struct rblock blocks[READER_BLOCKS];
	size_t w, r; /* blocks written and taken, counting up */
	int stop; /* the import's thread gives up */
	/* the import's thread: the block it reads and the record in it */
	struct rblock *cur;
	size_t at;
	const char *f[S40_CSV_MAX_FIELDS];
	size_t len[S40_CSV_MAX_FIELDS];
};

/* Make room for need more bytes of text, n more fields, one more record. */
static int block_room(struct rblock *b, size_t need, size_t nf)
{
	if (b->text_len + need > b->text_cap) {
		size_t cap = b->text_cap ? b->text_cap : 1 << 20;
		while (cap < b->text_len + need)
			cap *= 2;
		char *t = realloc(b->text, cap);
		if (t == NULL)
			return -1;
		b->text = t;
		b->text_cap = cap;
	}
	if (b->nf + nf > b->capf) {
		size_t cap = b->capf ? b->capf : 65536;
		while (cap < b->nf + nf)
			cap *= 2;
		size_t *o = realloc(b->foff, cap * sizeof *o);
		if (o == NULL)
			return -1;
		b->foff = o;
		size_t *l = realloc(b->flen, cap * sizeof *l);
		if (l == NULL)
			return -1;
		b->flen = l;
		b->capf = cap;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : READER_BLOCK_ROWS;
		struct rrec *v = realloc(b->recs, cap * sizeof *v);
		if (v == NULL)
			return -1;
		b->recs = v;
		b->cap = cap;
	}
	return 0;
}

/* Copy the reader's current record (rc, n fields, its error on c) into b. */
static int block_add(struct rblock *b, struct imp *im, enum s40_err rc, size_t n,
		     const struct s40_ctx *c)
{
	size_t raw_len;
	const char *raw = s40_csv_raw(im->csv, &raw_len);
	size_t need = raw_len + 1;
	if (rc == S40_OK)
		for (size_t i = 0; i < n; i++)
			need += s40_csv_field_len(im->csv, i) + 1;
	else
		n = 0;
	if (block_room(b, need, n))
		return -1;
	struct rrec *r = &b->recs[b->n];
	r->line = s40_csv_line(im->csv);
	r->offset = imp_offset(im);
	r->rc = rc;
	r->n = n;
	r->f0 = b->nf;
	r->raw_off = b->text_len;
	r->raw_len = raw_len;
	memcpy(b->text + b->text_len, raw, raw_len);
	b->text[b->text_len + raw_len] = '\0';
	b->text_len += raw_len + 1;
	for (size_t i = 0; i < n; i++) {
		size_t l = s40_csv_field_len(im->csv, i);
		b->foff[b->nf] = b->text_len;
		b->flen[b->nf++] = l;
		memcpy(b->text + b->text_len, s40_csv_field(im->csv, i), l + 1);
		b->text_len += l + 1;
	}
	r->blank = rc == S40_OK && imp_row_blank(im, n);
	if (rc != S40_OK) {
		if (b->n_err == b->cap_err) {
			size_t cap = b->cap_err ? b->cap_err * 2 : 16;
			struct s40_ctx *v = realloc(b->errs, cap * sizeof *v);
			if (v == NULL)
				return -1;
			b->errs = v;
			b->cap_err = cap;
		}
		r->err = b->n_err;
		b->errs[b->n_err++] = *c;
	}
	b->n++;
	return 0;
}

static void *reader_main(void *arg)
{
	struct imp_reader *rd = arg;
	struct imp *im = rd->im;
	for (;;) {
		pthread_mutex_lock(&rd->mu);
		while (rd->w - rd->r == READER_BLOCKS && !rd->stop)
			pthread_cond_wait(&rd->cv_free, &rd->mu);
		int stop = rd->stop;
		pthread_mutex_unlock(&rd->mu);
		if (stop)
			return NULL;
		struct rblock *b = &rd->blocks[rd->w % READER_BLOCKS];
		b->n = b->text_len = b->nf = b->n_err = 0;
		b->last = b->oom = 0;
		while (b->n < READER_BLOCK_ROWS) {
			size_t n;
			struct s40_ctx c;
			s40_ctx_clear(&c);
			enum s40_err rc = s40_csv_next(im->csv, &n, &c);
			if (rc == S40_OK && n == 0) {
				b->last = 1;
				break;
			}
			if (block_add(b, im, rc, n, &c)) {
				b->oom = b->last = 1;
				break;
			}
			if (rc == S40_E_IO || rc == S40_E_NOMEM) {
				b->last = 1;
				break;
			}
		}
		pthread_mutex_lock(&rd->mu);
		rd->w++;
		pthread_cond_signal(&rd->cv_full);
		pthread_mutex_unlock(&rd->mu);
		if (b->last)
			return NULL;
	}
}

enum s40_err imp_reader_start(struct imp *im, struct imp_reader **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct imp_reader *rd = calloc(1, sizeof *rd);
	if (rd == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	rd->im = im;
	pthread_mutex_init(&rd->mu, NULL);
	pthread_cond_init(&rd->cv_full, NULL);
	pthread_cond_init(&rd->cv_free, NULL);
	if (pthread_create(&rd->thread, NULL, reader_main, rd) != 0) {
		free(rd);
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่มเธรดอ่านไฟล์ไม่ได้",
				  "could not start the thread that reads the file");
	}
	*out = rd;
	return S40_OK;
}

int imp_reader_next(struct imp_reader *rd, struct imp_rec *rec, struct s40_ctx *ctx)
{
	if (rd->cur && rd->at == rd->cur->n) {
		int last = rd->cur->last, oom = rd->cur->oom;
		pthread_mutex_lock(&rd->mu);
		rd->r++;
		rd->cur = NULL;
		pthread_cond_signal(&rd->cv_free);
		pthread_mutex_unlock(&rd->mu);
		if (oom) {
			s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			return -1;
		}
		if (last)
			return 0;
	}
	if (rd->cur == NULL) {
		pthread_mutex_lock(&rd->mu);
		while (rd->w == rd->r)
			pthread_cond_wait(&rd->cv_full, &rd->mu);
		pthread_mutex_unlock(&rd->mu);
		rd->cur = &rd->blocks[rd->r % READER_BLOCKS];
		rd->at = 0;
		if (rd->cur->n == 0)
			return imp_reader_next(rd, rec, ctx);
	}
	struct rblock *b = rd->cur;
	const struct rrec *r = &b->recs[rd->at++];
	for (size_t i = 0; i < r->n; i++) {
		rd->f[i] = b->text + b->foff[r->f0 + i];
		rd->len[i] = b->flen[r->f0 + i];
	}
	rec->line = r->line;
	rec->offset = r->offset;
	rec->rc = r->rc;
	rec->blank = r->blank;
	rec->n = r->n;
	rec->f = rd->f;
	rec->len = rd->len;
	rec->raw = b->text + r->raw_off;
	rec->raw_len = r->raw_len;
	rec->err = r->rc != S40_OK ? &b->errs[r->err] : NULL;
	return 1;
}

void imp_reader_stop(struct imp_reader *rd)
{
	if (rd == NULL)
		return;
	pthread_mutex_lock(&rd->mu);
	rd->stop = 1;
	pthread_cond_signal(&rd->cv_free);
	pthread_mutex_unlock(&rd->mu);
	pthread_join(rd->thread, NULL);
	for (size_t i = 0; i < READER_BLOCKS; i++) {
		struct rblock *b = &rd->blocks[i];
		free(b->recs);
		free(b->text);
		free(b->foff);
		free(b->flen);
		free(b->errs);
	}
	pthread_mutex_destroy(&rd->mu);
	pthread_cond_destroy(&rd->cv_full);
	pthread_cond_destroy(&rd->cv_free);
	free(rd);
}
