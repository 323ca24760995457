/*
 * import_int.h — what the files of the CSV import share (not part of libs40's
 * interface): the table of our columns, one import in progress (struct imp),
 * and the helpers that read the current row's fields. import.c runs the
 * pipeline, import_fields.c reads the header and the fields, import_rows.c
 * applies a row of each kind through the registry, import_persons.c is the
 * persons importer's block path.
 */
#ifndef S40_IO_IMPORT_INT_H
#define S40_IO_IMPORT_INT_H

#include <sodium.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/csv.h"
#include "import.h"
#include "registry/ledger.h"
#include "registry/person.h"

#define IMP_PROGRESS_EVERY 4096 /* rows between progress calls */
#define IMP_MAX_EXCL 32 /* exclusions of one person read without allocating */
#define IMP_HDR_MAX 256 /* bytes of a folded header name */
#define IMP_MAX_FAULTS 16 /* the faults of one row the reject file lists */

/* Our columns, over all kinds. */
enum imp_col {
	COL_ID,
	COL_TITLE,
	COL_FIRST,
	COL_LAST,
	COL_FIRST_EN,
	COL_LAST_EN,
	COL_BIRTH,
	COL_SEX,
	COL_THAI,
	COL_VILLAGE,
	COL_PHONE,
	COL_ADDRESS,
	COL_OPTION,
	COL_DATE,
	COL_RECRUITED_BY,
	COL_CHANNEL,
	COL_KIND,
	COL_START,
	COL_END,
	COL_SOURCE,
	COL_CODE,
	COL_MOO,
	COL_NAME_TH,
	COL_NAME_EN,
	COL_RECEIPT, /* payments */
	COL_PAID_DATE,
	COL_FROM_MONTH,
	COL_TO_MONTH,
	COL_AMOUNT,
	COL_EXTRA,
	COL_STATUS, /* survey */
	COL_REASON,
	COL__N
};

#define BIT(c) (1u << (c))
_Static_assert(COL__N <= 32, "the column sets are 32-bit masks");

struct imp_col_def {
	const char *key; /* our English key, as in the map and in messages */
	const char *label_th; /* the Thai label used in messages (also accepted) */
	const char *aliases[8]; /* other header names accepted, NULL-terminated */
};
#define PERSON_COLS                                                                            \
	(BIT(COL_ID) | BIT(COL_TITLE) | BIT(COL_FIRST) | BIT(COL_LAST) | BIT(COL_FIRST_EN) |   \
	 BIT(COL_LAST_EN) | BIT(COL_BIRTH) | BIT(COL_SEX) | BIT(COL_THAI) | BIT(COL_VILLAGE) | \
	 BIT(COL_PHONE) | BIT(COL_ADDRESS))

struct imp_kind_def {
	const char *name; /* "persons": the op is "import.persons" */
	unsigned allowed; /* columns this kind reads */
	unsigned required; /* columns the header must have */
};

/* The person columns an enrolment row needs to add a person not yet registered. */
#define ENROL_PERSON_NEEDS (BIT(COL_FIRST) | BIT(COL_LAST) | BIT(COL_BIRTH) | BIT(COL_VILLAGE))

/* The file being read, hashed on the way. */
struct imp_hash_reader {
	FILE *in;
	crypto_hash_sha256_state sha;
	unsigned char head[4]; /* the file's first bytes, read to tell a workbook */
	size_t head_n, head_at;
};

/* One import in progress. */
struct imp {
	struct s40_reg *reg;
	const struct s40_import_opts *o;
	const struct imp_kind_def *kd;
	struct s40_import_result *res;
	struct s40_textdec *dec; /* the file's text as UTF-8, which csv reads */
	struct s40_buf xlsx_csv; /* a workbook's sheet as CSV (xlsx_read.h), which dec reads */
	double xlsx_scale; /* a workbook: its bytes per byte of that CSV (progress) */
	struct s40_csv *csv;
	int pos[COL__N]; /* the file column of each of ours, -1 if absent */
	const char *map[COL__N]; /* folded header names from the column map */
	struct s40_buf map_text; /* what map[] points into */
	size_t n_cols; /* columns in the header */
	struct s40_buf hdr_text; /* the header names as written, NUL-separated */
	size_t hdr_off[S40_CSV_MAX_FIELDS];
	int person_cols; /* enrolments: the file can add persons */
	char source[96]; /* exclusions: the default source */
	struct s40_ctx first_bad; /* the first rejected row, field = its column */
	/* The current row's faults after its first (which the row returns): each
	 * is a line of its own in the reject file (imp_fault, imp_reject). */
	struct s40_ctx more[IMP_MAX_FAULTS - 1];
	size_t n_more;
	struct s40_buf clean; /* a reject's row made UTF-8 */
	struct s40_rates rates; /* payments: loaded with the first row */
	FILE *rejects; /* where imp_reject writes: o->rejects, or a stage of it */
	/* The current row when it was read by another thread (import_persons.c):
	 * its fields and their lengths; NULL: the row is the reader's (csv). */
	const char *const *row_f;
	const size_t *row_len;
	long row_line; /* with row_f: the row's line */
};

/* The columns, their names and the kinds (import_fields.c). */
extern const struct imp_col_def col_defs[COL__N];
extern const struct imp_kind_def imp_kind_defs[];

/* ---- text helpers (import_fields.c) ---- */
void imp_text_copy(char *dst, size_t n, const char *s);
void imp_text_append(char *dst, size_t n, const char *s);
int imp_is_blank(const char *s);
int imp_word_fold(const char *s, char *out, size_t n);
const char *imp_skip_prefix(const char *w, const char *prefix);
int imp_small_number(const char *w);
void imp_msg_append(struct s40_ctx *ctx, const struct s40_ctx *why);

/* ---- the header (import_fields.c) ---- */
const char *imp_column_of(const struct imp *im, const char *field);
enum s40_err imp_map_parse(struct imp *im, struct s40_ctx *ctx);
enum s40_err imp_header(struct imp *im, size_t n, struct s40_ctx *ctx);

/* ---- the current row's fields (import_fields.c); each failure is on ctx with
 * its column ---- */
const char *imp_get(const struct imp *im, enum imp_col c);
enum s40_err imp_copy(const struct imp *im, enum imp_col c, char *dst, size_t n,
		      struct s40_ctx *ctx);
enum s40_err imp_need(const struct imp *im, enum imp_col c, struct s40_ctx *ctx);
enum s40_err imp_id(const struct imp *im, enum imp_col c, int64_t *id, struct s40_ctx *ctx);
enum s40_err imp_date(const struct imp *im, enum imp_col c, int required, int32_t *day,
		      struct s40_ctx *ctx);
enum s40_err imp_sex(const struct imp *im, int *sex, struct s40_ctx *ctx);
enum s40_err imp_thai(const struct imp *im, int *thai, struct s40_ctx *ctx);
enum s40_err imp_option(const struct imp *im, int *option, struct s40_ctx *ctx);
enum s40_err imp_channel(const struct imp *im, const char **key, struct s40_ctx *ctx);
enum s40_err imp_person_fill(struct imp *im, struct s40_person *p, enum s40_err rc,
			     struct s40_ctx *ctx);
/* The person's checks (s40_person_check_fields) after imp_person_fill: every
 * fault of a field not found wrong already, recorded by imp_fault. */
enum s40_err imp_person_faults(struct imp *im, struct s40_person *p, enum s40_err rc,
			       struct s40_ctx *ctx);

/*
 * A row is checked field by field and every fault is reported, not only the
 * first: imp_fault records fault e (its detail on c) of the current row, the
 * first on ctx and into *rc (what the row returns), the others in im->more.
 * Returns e. IMP_CHECK(call) runs one check with its detail on the scratch
 * context imp_c and records it; it needs `struct s40_ctx imp_c;` and `enum
 * s40_err rc` in scope, with im and ctx.
 */
enum s40_err imp_fault(struct imp *im, enum s40_err *rc, struct s40_ctx *ctx, enum s40_err e,
		       const struct s40_ctx *c);
#define IMP_CHECK(call) (s40_ctx_clear(&imp_c), imp_fault(im, &rc, ctx, (call), &imp_c))

/* ---- rows (import_rows.c) ---- */
int imp_fatal(enum s40_err rc);
enum s40_err imp_half_written(const struct imp *im, enum s40_err rc, struct s40_ctx *ctx);
enum s40_err imp_row(struct imp *im, size_t n, int *changed, struct s40_ctx *ctx);

/* ---- the pipeline (import.c) ---- */
/* Whether every field of the current record (n fields) is blank. */
int imp_row_blank(const struct imp *im, size_t n);
/* How far through the file's bytes the CSV reader is (for progress). */
long long imp_offset(const struct imp *im);
/* Whether the raw record ends inside a quoted field. */
int imp_raw_quote_open(const char *raw, size_t len);
/* Count a good row, changed or not. */
static inline void imp_good(struct s40_import_result *res, int changed)
{
	res->good++;
	if (changed)
		res->changed++;
	else
		res->unchanged++;
}

/* Count a bad row, remember the first, write it to im->rejects (if any). */
void imp_reject(struct imp *im, long line, const struct s40_ctx *c, const char *raw, size_t len);

/* ---- the file read on a second thread (import_reader.c) ---- */
struct imp_reader;
/* A record as the reader thread read it; valid until the next call. */
struct imp_rec {
	long line;
	long long offset; /* bytes of the file read after it */
	enum s40_err rc; /* the CSV reader's verdict; its detail in *err */
	const struct s40_ctx *err;
	int blank; /* every field blank */
	size_t n; /* fields */
	const char *const *f; /* the fields, NUL-terminated */
	const size_t *len;
	const char *raw; /* the record as it was */
	size_t raw_len;
};
/* Start reading im->csv on a thread of its own; im->csv is the thread's until
 * imp_reader_stop. */
enum s40_err imp_reader_start(struct imp *im, struct imp_reader **out, struct s40_ctx *ctx);
/* The next record: 1, 0 at the end of the file, -1 with ctx set (no memory). */
int imp_reader_next(struct imp_reader *r, struct imp_rec *rec, struct s40_ctx *ctx);
/* Stop the thread (wherever it is), wait for it and free r. NULL is fine. */
void imp_reader_stop(struct imp_reader *r);

/* ---- enrolments and exclusions in ID order (import_sorted.c) ---- */
/* Read the rows after the header and apply them a window at a time in (ID,
 * line) order, as imp_rows would one by one (import.c). */
enum s40_err imp_rows_by_id(struct imp *im, struct s40_ctx *ctx);

/* ---- persons into an empty register (import_persons.c) ---- */
/* *yes: whether the register holds no person (inside the import's transaction). */
enum s40_err imp_persons_empty_ok(struct imp *im, int *yes, struct s40_ctx *ctx);
/* Read and write every row of a persons file in two passes (see the file). */
enum s40_err imp_persons_rows(struct imp *im, struct s40_ctx *ctx);

#endif
