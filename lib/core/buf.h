/*
 * buf.h — a growing byte buffer with a hard size cap (as curl's dynbuf).
 *
 * The buffer owns its memory; s40_buf_free releases it and s40_buf_take hands
 * it to the caller. The content is always NUL-terminated. An append that would
 * pass the cap fails with S40_E_LIMIT and leaves the buffer as it was.
 */
#ifndef S40_CORE_BUF_H
#define S40_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

struct s40_buf {
	char *data;  /* NUL-terminated; NULL until the first append */
	size_t len;  /* bytes in use, without the NUL */
	size_t cap;  /* bytes allocated */
	size_t max;  /* the most len may reach */
};

/* Start an empty buffer that may hold up to max bytes. */
void s40_buf_init(struct s40_buf *b, size_t max);

/* Release the memory; the buffer is empty and usable again. */
void s40_buf_free(struct s40_buf *b);

/* Empty the buffer, keeping its memory. */
void s40_buf_reset(struct s40_buf *b);

/* Append n bytes. S40_E_LIMIT past the cap, S40_E_NOMEM when malloc fails. */
enum s40_err s40_buf_add(struct s40_buf *b, const void *p, size_t n);

/* Append a NUL-terminated string. */
enum s40_err s40_buf_adds(struct s40_buf *b, const char *s);

/* Append printf-formatted text. */
enum s40_err s40_buf_addf(struct s40_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum s40_err s40_buf_vaddf(struct s40_buf *b, const char *fmt, va_list ap);

/* The content ("" when empty); owned by the buffer. */
const char *s40_buf_str(const struct s40_buf *b);

/* Hand the content over: the caller frees it; the buffer is left empty. */
char *s40_buf_take(struct s40_buf *b);

#endif
