/*
 * registry.c — the registry context and its nesting transactions.
 */
#include "registry.h"

#include "core/area.h"
#include "journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void s40_reg_init(struct s40_reg *reg, struct s40_store *store, const char *user,
		  int32_t today)
{
	reg->store = store;
	snprintf(reg->user, sizeof reg->user, "%s", user && user[0] ? user : "system");
	reg->today = today;
	reg->now = 0;
	reg->batch_seq = 0;
	reg->depth = 0;
	reg->savepoints = 0;
	reg->first_seq = reg->last_seq = 0;
	reg->scope = 0;
	reg->sees_recruits_only = false;
}

bool s40_reg_sees(const struct s40_reg *reg, int32_t village)
{
	return reg->scope == 0 || s40_area_contains(reg->scope, village);
}

void s40_reg_join(struct s40_reg *reg, int savepoints)
{
	reg->depth = 1;
	reg->savepoints = savepoints;
}

/* The savepoint of nesting level depth (1 = the first inner level). */
static void savepoint_name(int depth, char *buf, size_t n)
{
	snprintf(buf, n, "s40_reg_%d", depth);
}

enum s40_err s40_reg_begin(struct s40_reg *reg, struct s40_ctx *ctx)
{
	if (reg->depth == 0) {
		enum s40_err rc = s40_store_begin(reg->store, ctx);
		if (rc)
			return rc;
	} else if (reg->savepoints) {
		char name[32];
		savepoint_name(reg->depth, name, sizeof name);
		enum s40_err rc = s40_store_savepoint(reg->store, name, ctx);
		if (rc)
			return rc;
	}
	reg->depth++;
	return S40_OK;
}

enum s40_err s40_reg_end(struct s40_reg *reg, enum s40_err rc, struct s40_ctx *ctx)
{
	if (reg->depth <= 0)
		return rc ? rc : s40_errorf(ctx, S40_E_INTERNAL, NULL, "จบธุรกรรมที่ไม่ได้เริ่ม",
					    "ending a transaction that was not begun");
	reg->depth--;
	if (reg->depth > 0) {
		if (!reg->savepoints)
			return rc;
		/* The failure's detail stays on ctx: the savepoint's own errors go on a
		 * scratch context unless the level succeeded. */
		char name[32];
		struct s40_ctx scratch;
		s40_ctx_clear(&scratch);
		savepoint_name(reg->depth, name, sizeof name);
		if (rc != S40_OK)
			s40_store_rollback_to(reg->store, name, &scratch);
		enum s40_err rrc = s40_store_release(reg->store, name, rc ? &scratch : ctx);
		return rc != S40_OK ? rc : rrc;
	}
	if (rc != S40_OK) {
		s40_store_rollback(reg->store);
		return rc;
	}
	/* The commit's own error must not overwrite nothing: keep rc's detail when
	 * rc failed, else report the commit's. */
	enum s40_err crc = s40_store_commit(reg->store, ctx);
	if (crc) {
		s40_store_rollback(reg->store);
		return crc;
	}
	return S40_OK;
}

int64_t s40_reg_now(const struct s40_reg *reg)
{
	return reg->now ? reg->now : (int64_t)time(NULL);
}

enum s40_err s40_reg_journal(struct s40_reg *reg, const char *op, const char *entity,
			     const char *detail, int64_t *seq, struct s40_ctx *ctx)
{
	if (reg->batch_seq) {
		*seq = reg->batch_seq;
		return S40_OK;
	}
	return s40_journal_append(reg, op, entity, detail, seq, ctx);
}

enum s40_err s40_reg_read_ids(struct s40_stmt *s, int64_t **out, size_t *n,
			      struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	int64_t *v = NULL;
	size_t cap = 0, len = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			int64_t *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		v[len++] = s40_col_int64(s, 0);
	}
	if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	*out = v;
	*n = len;
	return S40_OK;
}
