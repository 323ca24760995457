/*
 * digest.c — the row digests of digest.h: a row's canonical bytes, its
 * LtHash, sums of them, and a row given as PostgreSQL's JSON.
 */
#include "digest.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>


const char *const s40_digest_tables[S40_DT__N] = {
	[S40_DT_AREA] = "area",
	[S40_DT_PERSON] = "person",
	[S40_DT_SPELL] = "spell",
	[S40_DT_OPTION_CHANGE] = "option_change",
	[S40_DT_EXCLUSION] = "exclusion",
	[S40_DT_PAYMENT] = "payment",
	[S40_DT_LEDGER] = "ledger",
	[S40_DT_BENEFIT] = "benefit",
	[S40_DT_SURVEY] = "survey",
	[S40_DT_SURVEY_RESIDENT] = "survey_resident",
	[S40_DT_TARGET] = "target",
	[S40_DT_APP_USER] = "app_user",
	[S40_DT_NETWORK_MEMBER] = "network_member",
	[S40_DT_FIELD_EVENT] = "field_event",
	[S40_DT_EVENT_STAFF] = "event_staff",
	[S40_DT_FOLLOWUP_ASSIGN] = "followup_assign",
	[S40_DT_FOLLOWUP_CALL] = "followup_call",
};

int s40_digest_table(const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < S40_DT__N; i++)
		if (strcmp(name, s40_digest_tables[i]) == 0)
			return i;
	return -1;
}

/* Columns by name; insertion sort, as callers mostly give them sorted. */
static void sort_cols(struct s40_digest_col *cols, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct s40_digest_col c = cols[i];
		size_t j = i;
		for (; j > 0 && strcmp(cols[j - 1].name, c.name) > 0; j--)
			cols[j] = cols[j - 1];
		cols[j] = c;
	}
}

/* The row's canonical bytes, appended to a buffer that grows past its stack
 * part only for an unusually long row. */
struct image {
	uint8_t *p;
	size_t n, cap;
	uint8_t stack[2048];
	bool failed;
};

static void put(struct image *im, const void *p, size_t n)
{
	if (im->n + n > im->cap) {
		size_t cap = 2 * (im->n + n);
		uint8_t *q = im->p == im->stack ? malloc(cap) : realloc(im->p, cap);
		if (q == NULL) {
			im->failed = true;
			return;
		}
		if (im->p == im->stack)
			memcpy(q, im->stack, im->n);
		im->p = q;
		im->cap = cap;
	}
	memcpy(im->p + im->n, p, n);
	im->n += n;
}

static void put_len(struct image *im, size_t n)
{
	uint8_t b[4] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
	put(im, b, sizeof b);
}

static void put_bytes(struct image *im, const void *p, size_t n)
{
	put_len(im, n);
	if (n)
		put(im, p, n);
}

/* acc += sign × expand(key): 1024 numbers from ChaCha20 keyed with key. */
static void add_expanded(struct s40_lthash *acc, int sign, const uint8_t key[32])
{
	static const uint8_t nonce[crypto_stream_chacha20_NONCEBYTES];
	uint16_t x[S40_DIGEST_DIM];
	crypto_stream_chacha20((uint8_t *)x, sizeof x, nonce, key);
	/* The numbers are little-endian; so is every machine s40 runs on, and a
	 * big-endian one would swap them here. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	for (size_t i = 0; i < S40_DIGEST_DIM; i++)
		x[i] = (uint16_t)((x[i] >> 8) | (x[i] << 8));
#endif
	if (sign > 0)
		for (size_t i = 0; i < S40_DIGEST_DIM; i++)
			acc->v[i] = (uint16_t)(acc->v[i] + x[i]);
	else
		for (size_t i = 0; i < S40_DIGEST_DIM; i++)
			acc->v[i] = (uint16_t)(acc->v[i] - x[i]);
}

void s40_digest_row_key(const char *table, struct s40_digest_col *cols, size_t n,
			uint8_t key[S40_DIGEST_KEY_BYTES])
{
	sort_cols(cols, n);
	struct image im = { .n = 0, .cap = sizeof im.stack, .failed = false };
	im.p = im.stack;
	put_bytes(&im, table, strlen(table));
	put_len(&im, n);
	for (size_t i = 0; i < n; i++) {
		const struct s40_digest_col *c = &cols[i];
		put_bytes(&im, c->name, strlen(c->name));
		uint8_t t = (uint8_t)c->type;
		put(&im, &t, 1);
		if (c->type == 'I') {
			uint8_t b[8];
			uint64_t v = (uint64_t)c->i;
			for (int k = 7; k >= 0; k--, v >>= 8)
				b[k] = (uint8_t)(v & 0xff);
			put(&im, b, sizeof b);
		} else if (c->type != 'N') {
			put_bytes(&im, c->p, c->n);
		}
	}
	/* Out of memory for a huge row: its digest is of what fitted, and the
	 * check that recomputes it will say the table differs. */
	crypto_generichash(key, S40_DIGEST_KEY_BYTES, im.p, im.n, NULL, 0);
	if (im.p != im.stack)
		free(im.p);
}

void s40_lthash_add_key(struct s40_lthash *acc, int sign, const uint8_t key[S40_DIGEST_KEY_BYTES])
{
	add_expanded(acc, sign, key);
}

void s40_lthash_row(struct s40_lthash *acc, int sign, const char *table,
		    struct s40_digest_col *cols, size_t n)
{
	uint8_t key[S40_DIGEST_KEY_BYTES];
	s40_digest_row_key(table, cols, n, key);
	add_expanded(acc, sign, key);
}

bool s40_lthash_row_json(struct s40_lthash *acc, int sign, const char *table, const char *json,
			 int64_t *journal_seq)
{
	*journal_seq = INT64_MIN;
	json_t *o = json_loads(json, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return false;
	}
	size_t n = json_object_size(o), k = 0;
	struct s40_digest_col stack[32], *cols = n <= 32 ? stack : calloc(n, sizeof *cols);
	char reals[32][32];
	if (cols == NULL) {
		json_decref(o);
		return false;
	}
	bool ok = true;
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		struct s40_digest_col *c = &cols[k];
		c->name = key;
		c->i = 0;
		c->p = NULL;
		c->n = 0;
		switch (json_typeof(v)) {
		case JSON_INTEGER:
			c->type = 'I';
			c->i = (int64_t)json_integer_value(v);
			if (strcmp(key, "journal_seq") == 0)
				*journal_seq = c->i;
			break;
		case JSON_STRING:
			c->type = 'T';
			c->p = json_string_value(v);
			c->n = json_string_length(v);
			break;
		case JSON_NULL:
			c->type = 'N';
			break;
		case JSON_TRUE:
		case JSON_FALSE:
			c->type = 'I';
			c->i = json_is_true(v);
			break;
		case JSON_REAL:
			/* No digested column is real; written as SQLite would show it. */
			c->type = 'R';
			if (k < 32) {
				snprintf(reals[k], sizeof reals[k], "%.17g", json_real_value(v));
				c->p = reals[k];
				c->n = strlen(reals[k]);
			}
			break;
		default:
			ok = false;
		}
		k++;
	}
	if (ok)
		s40_lthash_row(acc, sign, table, cols, k);
	if (cols != stack)
		free(cols);
	json_decref(o);
	return ok;
}

void s40_lthash_add(struct s40_lthash *acc, const struct s40_lthash *d)
{
	for (size_t i = 0; i < S40_DIGEST_DIM; i++)
		acc->v[i] = (uint16_t)(acc->v[i] + d->v[i]);
}

bool s40_lthash_is_zero(const struct s40_lthash *d)
{
	for (size_t i = 0; i < S40_DIGEST_DIM; i++)
		if (d->v[i])
			return false;
	return true;
}

void s40_lthash_pack(const struct s40_lthash *d, uint8_t out[S40_DIGEST_BYTES])
{
	for (size_t i = 0; i < S40_DIGEST_DIM; i++) {
		out[2 * i] = (uint8_t)(d->v[i] & 0xff);
		out[2 * i + 1] = (uint8_t)(d->v[i] >> 8);
	}
}

bool s40_lthash_unpack(struct s40_lthash *d, const void *p, size_t n)
{
	if (p == NULL || n != S40_DIGEST_BYTES)
		return false;
	const uint8_t *b = p;
	for (size_t i = 0; i < S40_DIGEST_DIM; i++)
		d->v[i] = (uint16_t)(b[2 * i] | (b[2 * i + 1] << 8));
	return true;
}
