/*
 * store.c — the engine-neutral face of store.h: picks the engine by the URI
 * and forwards each call to the engine the connection or statement carries.
 */
#include "store.h"

#include <stdlib.h>

#include <sodium.h>
#include <string.h>

#include "core/area.h"
#include "core/embed.h"
#include "engine.h"

#define ENGINE_OF(p) (((const struct s40_store_base *)(const void *)(p))->engine)
#define SENGINE_OF(p) (((const struct s40_stmt_base *)(const void *)(p))->engine)

/* The number of an embedded migration called PREFIX/NNNN_name.sql. */
static int migration_number(const char *name, size_t prefix_len)
{
	return (int)strtol(name + prefix_len, NULL, 10);
}

int s40_store_migration_latest(const char *prefix)
{
	size_t k = strlen(prefix);
	int latest = 0;
	for (const struct s40_embed *e = s40_embedded; e->name; e++)
		if (strncmp(e->name, prefix, k) == 0 && migration_number(e->name, k) > latest)
			latest = migration_number(e->name, k);
	return latest;
}

enum s40_err s40_store_migrate(struct s40_store *st, const char *prefix, int *version,
			       s40_store_apply_fn apply, struct s40_ctx *ctx)
{
	size_t k = strlen(prefix);
	int latest = s40_store_migration_latest(prefix);
	if (*version > latest)
		return s40_errorf(ctx, S40_E_SCHEMA, NULL,
				  "ฐานข้อมูลรุ่น %d ใหม่กว่าโปรแกรมนี้ (รุ่น %d)",
				  "database schema %d is newer than this program's %d", *version,
				  latest);
	for (int n = *version + 1; n <= latest; n++) {
		const struct s40_embed *m = NULL;
		for (const struct s40_embed *e = s40_embedded; e->name; e++)
			if (strncmp(e->name, prefix, k) == 0 && migration_number(e->name, k) == n)
				m = e;
		if (m == NULL)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่พบ migration %d",
					  "migration %d is missing", n);
		/* The embedded text is NUL-terminated (tools/embed.c). */
		enum s40_err rc = apply(st, (const char *)m->data, n, ctx);
		if (rc)
			return rc;
		*version = n;
	}
	return S40_OK;
}

enum s40_err s40_store_savepoint_check(const char *name, bool in_tx, struct s40_ctx *ctx)
{
	size_t n = strlen(name);
	if (n == 0 || n > 48 || strspn(name, "abcdefghijklmnopqrstuvwxyz"
					     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ชื่อ savepoint ไม่ถูกต้อง: %s",
				  "invalid savepoint name: %s", name);
	if (!in_tx)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "savepoint นอกธุรกรรม: %s",
				  "savepoint outside a transaction: %s", name);
	return S40_OK;
}

bool s40_store_uri_is_pg(const char *uri)
{
	if (uri == NULL)
		return false;
	if (strncmp(uri, "postgres://", 11) == 0 || strncmp(uri, "postgresql://", 13) == 0)
		return true;
	/* key=value: a keyword of letters and '_' then '=' (spaces allowed around
	 * it), as libpq's PQconninfoParse reads it. A path has '/' or '.' first. */
	const char *p = uri;
	while (*p == ' ')
		p++;
	const char *k = p;
	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	if (p == k)
		return false;
	while (*p == ' ')
		p++;
	return *p == '=';
}

/* Append src[0..len) to buf (capacity n, used *at), always NUL-terminated. */
static void put(char *buf, size_t n, size_t *at, const char *src, size_t len)
{
	while (len-- > 0 && *at + 1 < n)
		buf[(*at)++] = *src++;
	buf[*at] = '\0';
}

const char *s40_store_uri_safe(const char *uri, char *buf, size_t n)
{
	if (n == 0)
		return "";
	size_t at = 0;
	buf[0] = '\0';
	if (uri == NULL)
		return buf;
	if (!s40_store_uri_is_pg(uri)) {
		put(buf, n, &at, uri, strlen(uri)); /* a file path, shown as it is */
		return buf;
	}
	const char *p = uri;
	if (strstr(uri, "://") != NULL) {
		/* postgresql://user:password@host…: the user info ends at the last '@'
		 * before the path, and its password after its first ':'. */
		const char *auth = strstr(uri, "://") + 3;
		size_t alen = strcspn(auth, "/?");
		const char *at_sign = NULL;
		for (const char *q = auth; q < auth + alen; q++)
			if (*q == '@')
				at_sign = q;
		const char *colon = at_sign ? memchr(auth, ':', (size_t)(at_sign - auth)) : NULL;
		if (colon) {
			put(buf, n, &at, uri, (size_t)(colon + 1 - uri));
			put(buf, n, &at, "***", 3);
			p = at_sign;
		}
	}
	/* password=VALUE, in a query string (…&password=x) or key=value form
	 * (password=x or password='x y'). */
	while (*p) {
		const char *k = strstr(p, "password=");
		if (k == NULL || (k > uri && k[-1] != '?' && k[-1] != '&' && k[-1] != ' ')) {
			if (k == NULL) {
				put(buf, n, &at, p, strlen(p));
				break;
			}
			put(buf, n, &at, p, (size_t)(k + 9 - p));
			p = k + 9;
			continue;
		}
		put(buf, n, &at, p, (size_t)(k + 9 - p));
		put(buf, n, &at, "***", 3);
		const char *v = k + 9;
		if (*v == '\'') {
			for (v++; *v && *v != '\''; v++)
				if (*v == '\\' && v[1])
					v++;
			if (*v)
				v++;
		} else {
			v += strcspn(v, "& ");
		}
		p = v;
	}
	return buf;
}

enum s40_err s40_store_open(const char *uri, bool create, struct s40_store **out,
			    struct s40_ctx *ctx)
{
	*out = NULL;
	if (uri == NULL || uri[0] == '\0')
		return s40_errorf(ctx, S40_E_USAGE, "db", "ไม่ได้ระบุฐานข้อมูล", "no database given");
	/* libsodium picks its fastest ChaCha20 and BLAKE2b for this processor only in
	 * sodium_init(); without it every row's digest runs the portable code, about
	 * three times as slow. It is idempotent and thread-safe. */
	if (sodium_init() < 0)
		return s40_errorf(ctx, S40_E_IO, "db", "เริ่มไลบรารีเข้ารหัสไม่ได้",
				  "the cryptographic library could not start");
	if (s40_store_uri_is_pg(uri))
		return s40_store_pg.open(uri, create, out, ctx);
	return s40_store_sqlite.open(uri, create, out, ctx);
}

enum s40_err s40_store_digest_hash(struct s40_store *st, uint8_t out[32], struct s40_ctx *ctx)
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 32);
	for (int t = 0; t < S40_DT__N; t++) {
		struct s40_lthash d;
		bool found;
		enum s40_err rc = ENGINE_OF(st)->digest_stored(st, t, &d, &found, ctx);
		if (rc)
			return rc;
		uint8_t b[S40_DIGEST_BYTES];
		s40_lthash_pack(&d, b);
		crypto_generichash_update(&h, b, sizeof b);
	}
	crypto_generichash_final(&h, out, 32);
	return S40_OK;
}

void s40_store_close(struct s40_store *st)
{
	if (st)
		ENGINE_OF(st)->close(st);
}

const char *s40_store_engine_name(const struct s40_store *st)
{
	return ENGINE_OF(st)->name;
}

int s40_store_schema_version(struct s40_store *st)
{
	return ENGINE_OF(st)->schema_version(st);
}

enum s40_err s40_store_begin(struct s40_store *st, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->begin(st, ctx);
}

enum s40_err s40_store_commit(struct s40_store *st, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->commit(st, ctx);
}

void s40_store_rollback(struct s40_store *st)
{
	ENGINE_OF(st)->rollback(st);
}

bool s40_store_in_tx(struct s40_store *st)
{
	return ENGINE_OF(st)->in_tx(st);
}

void s40_store_bulk(struct s40_store *st, bool on)
{
	ENGINE_OF(st)->bulk(st, on);
}

void s40_store_cache(struct s40_store *st, int mib)
{
	ENGINE_OF(st)->cache(st, mib);
}

enum s40_err s40_store_name_index(struct s40_store *st, enum s40_name_index step,
				  struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->name_index(st, step, ctx);
}

enum s40_err s40_store_name_index_end(struct s40_store *st, enum s40_err rc, struct s40_ctx *ctx)
{
	if (rc == S40_OK)
		return ENGINE_OF(st)->name_index(st, S40_NAME_INDEX_BUILD, ctx);
	struct s40_ctx scratch;
	s40_ctx_clear(&scratch);
	ENGINE_OF(st)->name_index(st, S40_NAME_INDEX_ABANDON, &scratch);
	return rc;
}

/* A named write with no parameters, run to its end (s40_stmt_exec). */
static enum s40_err store_run(struct s40_store *st, enum s40_q q, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, q, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	return s40_stmt_exec(s, ctx);
}

/* Whether a load's BUILD makes every row of spell_paid anew (the engine's
 * paid_anew) rather than mending its members' rows: when it wrote down at least
 * half as many members as there are spells. Mended, each member's rows move in
 * spell_paid's indexes at random places; made anew, the rows go in unindexed and
 * each index is built by one sort. In the sqlite3 shell on the 10 M bench's
 * register (5,000,650 spells, 256 MB page cache): every spell anew 53.7 s; the
 * ends of 845,779 members mended 19.5 s (23 µs each); the rows of 5,000,650 new
 * spells added one by one 120.5 s (24 µs each). */
static enum s40_err paid_load_whole(struct s40_store *st, bool *whole, struct s40_ctx *ctx)
{
	*whole = false;
	if (ENGINE_OF(st)->paid_anew == NULL)
		return S40_OK;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PAID_LOAD_SIZE, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีผลลัพธ์",
						"no result") : (enum s40_err)r;
	int64_t members = s40_col_int64(s, 0), spells = s40_col_int64(s, 1);
	s40_stmt_reset(s);
	*whole = members > 0 && members >= spells / 2;
	return S40_OK;
}

enum s40_err s40_store_spell_paid_load(struct s40_store *st, enum s40_name_index step,
				       struct s40_ctx *ctx)
{
	if (step == S40_NAME_INDEX_DEFER)
		return store_run(st, S40_Q_PAID_LOAD_MARK, ctx);
	if (step != S40_NAME_INDEX_BUILD)
		return S40_OK; /* ABANDON: the rollback takes the mark away */
	bool whole;
	enum s40_err rc = paid_load_whole(st, &whole, ctx);
	if (rc)
		return rc;
	if (whole)
		rc = ENGINE_OF(st)->paid_anew(st, ctx);
	else if ((rc = store_run(st, S40_Q_PAID_LOAD_UNDO, ctx)) == S40_OK &&
		 (rc = store_run(st, S40_Q_PAID_LOAD_MEND, ctx)) == S40_OK)
		rc = store_run(st, S40_Q_PAID_LOAD_FILL, ctx);
	return rc ? rc : store_run(st, S40_Q_PAID_LOAD_CLEAR, ctx);
}

enum s40_err s40_store_spell_paid_load_end(struct s40_store *st, enum s40_err rc,
					   struct s40_ctx *ctx)
{
	return rc == S40_OK ? s40_store_spell_paid_load(st, S40_NAME_INDEX_BUILD, ctx) : rc;
}

enum s40_err s40_store_data_version(struct s40_store *st, int64_t *v, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->data_version(st, v, ctx);
}

enum s40_err s40_store_savepoint(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->savepoint(st, name, ctx);
}

enum s40_err s40_store_release(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->release(st, name, ctx);
}

enum s40_err s40_store_rollback_to(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->rollback_to(st, name, ctx);
}

struct s40_stmt *s40_store_stmt(struct s40_store *st, enum s40_q q, struct s40_ctx *ctx)
{
	struct s40_stmt *s = NULL;
	if (ENGINE_OF(st)->stmt(st, q, &s, ctx) != S40_OK)
		return NULL;
	return s;
}

struct s40_stmt *s40_store_spells_of_area(struct s40_store *st, int32_t area, struct s40_ctx *ctx)
{
	if (area && s40_area_level(area) == S40_LEVEL_NONE) {
		s40_errorf(ctx, S40_E_BAD_AREA, "area", "ไม่มีรหัสพื้นที่ %d", "no such area code: %d",
			   (int)area);
		return NULL;
	}
	struct s40_stmt *s =
		s40_store_stmt(st, area ? S40_Q_SPELL_IN_PROVINCE : S40_Q_SPELL_ALL, ctx);
	if (s != NULL && area) {
		int32_t lo, hi;
		s40_area_village_range(area, &lo, &hi);
		s40_stmt_int64(s, 1, s40_area_at_level(area, S40_LEVEL_PROVINCE));
		s40_stmt_int64(s, 2, lo);
		s40_stmt_int64(s, 3, hi);
	}
	return s;
}

void s40_stmt_int64(struct s40_stmt *s, int i, int64_t v)
{
	SENGINE_OF(s)->bind_int64(s, i, v);
}

void s40_stmt_text(struct s40_stmt *s, int i, const char *v)
{
	SENGINE_OF(s)->bind_text(s, i, v);
}

void s40_stmt_blob(struct s40_stmt *s, int i, const void *v, size_t n)
{
	SENGINE_OF(s)->bind_blob(s, i, v, n);
}

void s40_stmt_null(struct s40_stmt *s, int i)
{
	SENGINE_OF(s)->bind_null(s, i);
}

void s40_stmt_int64_or_null(struct s40_stmt *s, int i, int64_t v, int64_t none)
{
	if (v == none)
		SENGINE_OF(s)->bind_null(s, i);
	else
		SENGINE_OF(s)->bind_int64(s, i, v);
}

int s40_stmt_step(struct s40_stmt *s, struct s40_ctx *ctx)
{
	return SENGINE_OF(s)->step(s, ctx);
}

enum s40_err s40_stmt_exec(struct s40_stmt *s, struct s40_ctx *ctx)
{
	int rc;
	while ((rc = SENGINE_OF(s)->step(s, ctx)) == S40_ROW)
		;
	SENGINE_OF(s)->reset(s);
	return (enum s40_err)rc;
}

int64_t s40_col_int64(struct s40_stmt *s, int i)
{
	return SENGINE_OF(s)->col_int64(s, i);
}

const char *s40_col_text(struct s40_stmt *s, int i)
{
	return SENGINE_OF(s)->col_text(s, i);
}

const void *s40_col_blob(struct s40_stmt *s, int i, size_t *n)
{
	return SENGINE_OF(s)->col_blob(s, i, n);
}

bool s40_col_null(struct s40_stmt *s, int i)
{
	return SENGINE_OF(s)->col_null(s, i);
}

int64_t s40_col_int64_or(struct s40_stmt *s, int i, int64_t none)
{
	return SENGINE_OF(s)->col_null(s, i) ? none : SENGINE_OF(s)->col_int64(s, i);
}

void s40_stmt_reset(struct s40_stmt *s)
{
	SENGINE_OF(s)->reset(s);
}

struct s40_stmt *s40_store_prepare(struct s40_store *st, const char *sql, struct s40_ctx *ctx)
{
	struct s40_stmt *s = NULL;
	if (ENGINE_OF(st)->prepare(st, sql, &s, ctx) != S40_OK)
		return NULL;
	return s;
}

void s40_stmt_finalize(struct s40_stmt *s)
{
	if (s)
		SENGINE_OF(s)->finalize(s);
}

enum s40_err s40_store_sync_keys(struct s40_store *st, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->sync_keys(st, ctx);
}

enum s40_err s40_store_begin_read(struct s40_store *st, struct s40_ctx *ctx)
{
	return ENGINE_OF(st)->begin_read(st, ctx);
}

enum s40_err s40_store_digest_check(struct s40_store *st, int64_t head,
				    struct s40_digest_check out[S40_DT__N], int *differ,
				    struct s40_ctx *ctx)
{
	*differ = 0;
	enum s40_err rc = s40_store_begin_read(st, ctx);
	for (int t = 0; t < S40_DT__N && rc == S40_OK; t++) {
		struct s40_digest_check *c = &out[t];
		struct s40_digest_sum sum;
		struct s40_lthash stored;
		memset(c, 0, sizeof *c);
		c->table = s40_digest_tables[t];
		if ((rc = ENGINE_OF(st)->digest_stored(st, t, &stored, &c->stored, ctx)) ||
		    (rc = ENGINE_OF(st)->digest_scan(st, t, head, &sum, ctx)))
			break;
		c->rows = sum.rows;
		c->unjournaled = sum.unjournaled;
		c->match = c->stored && memcmp(&stored, &sum.d, sizeof stored) == 0;
		if (!c->match || c->unjournaled > 0)
			(*differ)++;
	}
	s40_store_rollback(st);
	return rc;
}

enum s40_err s40_store_wait_change(struct s40_store *st, int timeout_ms, unsigned *what,
				   struct s40_ctx *ctx)
{
	*what = 0;
	return ENGINE_OF(st)->wait_change(st, timeout_ms, what, ctx);
}

enum s40_err s40_store_position(struct s40_store *st, char *pos, size_t n, struct s40_ctx *ctx)
{
	if (n > 0)
		pos[0] = '\0';
	return ENGINE_OF(st)->position(st, pos, n, ctx);
}

enum s40_err s40_store_reached(struct s40_store *st, const char *pos, bool *yes,
			       struct s40_ctx *ctx)
{
	*yes = true;
	if (pos == NULL || pos[0] == '\0')
		return S40_OK;
	return ENGINE_OF(st)->reached(st, pos, yes, ctx);
}
