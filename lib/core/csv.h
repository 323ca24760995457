/*
 * csv.h — a streaming CSV reader and writer (RFC 4180 as offices' files are).
 *
 * The reader reads from a FILE* in blocks and hands out one record at a time:
 * it never holds more than one record. It accepts UTF-8 with or without a BOM,
 * CRLF or LF line ends, quoted fields holding commas, doubled quotes and line
 * breaks. Each record carries the physical line it started on. Errors (an
 * unterminated or misplaced quote, invalid UTF-8, an over-long field or row)
 * name the line and, where known, the column.
 */
#ifndef S40_CORE_CSV_H
#define S40_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define S40_CSV_MAX_FIELDS 256
#define S40_CSV_MAX_ROW (1 << 20) /* bytes of one record */

struct s40_csv;

/* Open a reader on f (not closed by the reader). NULL when out of memory. */
struct s40_csv *s40_csv_open(FILE *f);

/* As s40_csv_open, reading block bytes at a time (0 = the default, 64 KiB).
 * Tests and fuzzers use small blocks to split records across reads. */
struct s40_csv *s40_csv_open_sized(FILE *f, size_t block);

/* A reader over len bytes of memory (a table built into the program, a text
 * already read): the reader owns the stream and s40_csv_close closes it. NULL
 * when out of memory. */
struct s40_csv *s40_csv_open_mem(const void *data, size_t len);

/* Free the reader (NULL is fine); the FILE of s40_csv_open stays open. */
void s40_csv_close(struct s40_csv *r);

/*
 * Read the next record. Returns S40_OK with *n_fields set and the fields
 * readable by s40_csv_field until the next call; S40_OK with *n_fields = 0 at
 * the end of input (a blank line is skipped, not a record); an error code with
 * ctx->line (and ctx->field "column N" where known) set. After a record-level
 * error (columns, UTF-8, a misplaced quote, too long) the reader has skipped
 * to the next record and may go on; after an unterminated quote it is at end
 * of input. ctx->line is the physical line of the fault (for an unterminated
 * quote, the line the quoted field began on); s40_csv_line gives the line the
 * record began on.
 */
enum s40_err s40_csv_next(struct s40_csv *r, size_t *n_fields, struct s40_ctx *ctx);

/* Field i of the current record, NUL-terminated, and its length (NULL and 0
 * past the last field). The text may hold no NUL: a NUL byte in the file is
 * reported as S40_E_CSV_UTF8. */
const char *s40_csv_field(const struct s40_csv *r, size_t i);
size_t s40_csv_field_len(const struct s40_csv *r, size_t i);

/* The physical line the current record started on (1-based). */
long s40_csv_line(const struct s40_csv *r);

/* The current record as it was in the file, for a reject file (without its
 * line break), NUL-terminated, also after a record-level error. Valid until
 * the next call. A record over S40_CSV_MAX_ROW keeps only its beginning. */
const char *s40_csv_raw(const struct s40_csv *r, size_t *len);

/* Bytes read so far (for progress lines). */
long long s40_csv_offset(const struct s40_csv *r);

/* Write one field to f, quoted when it holds a comma, quote, CR or LF (NULL
 * writes nothing). Errors show on ferror(f). */
void s40_csv_write_field(FILE *f, const char *s);

/* Write a record of n fields and a CRLF-free "\n" line end. */
void s40_csv_write_row(FILE *f, const char *const *fields, size_t n);

/* As s40_csv_write_row, ending the record with CRLF when crlf (RFC 4180, as
 * Excel writes), else LF. */
void s40_csv_write_record(FILE *f, const char *const *fields, size_t n, bool crlf);

/* The UTF-8 byte-order mark that makes Excel read a CSV file as UTF-8. */
#define S40_CSV_BOM "\xEF\xBB\xBF"

#endif
