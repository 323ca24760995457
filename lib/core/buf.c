/*
 * buf.c — the capped growing buffer.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void s40_buf_init(struct s40_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void s40_buf_free(struct s40_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void s40_buf_reset(struct s40_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum s40_err buf_reserve(struct s40_buf *b, size_t n)
{
	if (n > b->max || b->len + n > b->max)
		return S40_E_LIMIT;
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return S40_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	char *p = realloc(b->data, cap);
	if (p == NULL)
		return S40_E_NOMEM;
	b->data = p;
	b->cap = cap;
	return S40_OK;
}

enum s40_err s40_buf_add(struct s40_buf *b, const void *p, size_t n)
{
	enum s40_err rc = buf_reserve(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return S40_OK;
}

enum s40_err s40_buf_adds(struct s40_buf *b, const char *s)
{
	return s40_buf_add(b, s, strlen(s));
}

enum s40_err s40_buf_vaddf(struct s40_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return S40_E_INTERNAL;
	enum s40_err rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return S40_OK;
}

enum s40_err s40_buf_addf(struct s40_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	enum s40_err rc = s40_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *s40_buf_str(const struct s40_buf *b)
{
	return b->data ? b->data : "";
}

char *s40_buf_take(struct s40_buf *b)
{
	char *p = b->data;
	if (p == NULL) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	}
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
