/*
 * target.c — fiscal-year targets per area and their allocation to the
 * children of an area, keeping every allocation adding up exactly.
 */
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "core/area.h"
#include "core/buf.h"
#include "core/date.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)
#define DETAIL_MAX 65536 /* bytes of one journal detail */

const char *s40_target_how_key(int how)
{
	switch (how) {
	case S40_TARGET_SET:
		return "set";
	case S40_TARGET_SHARE:
		return "share";
	case S40_TARGET_HAND:
		return "hand";
	default:
		return "";
	}
}

const char *s40_target_how_name(int how, enum s40_lang lang)
{
	switch (how) {
	case S40_TARGET_SET:
		return lang == S40_LANG_TH ? "กำหนดเอง" : "set";
	case S40_TARGET_SHARE:
		return lang == S40_LANG_TH ? "จัดสรรตามสัดส่วนผู้มีสิทธิที่สำรวจ" :
					     "allocated by share of surveyed eligible";
	case S40_TARGET_HAND:
		return lang == S40_LANG_TH ? "จัดสรรโดยผู้ใช้" : "allocated by hand";
	default:
		return "";
	}
}

static enum s40_err check_fy(int fy, struct s40_ctx *ctx)
{
	if (fy < S40_FY_MIN || fy > S40_FY_MAX)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "fy",
				  "ปีงบประมาณเขียนเป็นปีพุทธศักราช ตั้งแต่ %d ถึง %d เช่น 2562 (ได้ %d)",
				  "a fiscal year is a Buddhist-era year from %d to %d such as 2562 "
				  "(got %d)",
				  S40_FY_MIN, S40_FY_MAX, fy);
	return S40_OK;
}

enum s40_err s40_target_get(struct s40_store *st, int fy, int32_t area, struct s40_target *t,
			    int *found, struct s40_ctx *ctx)
{
	*found = 0;
	memset(t, 0, sizeof *t);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_TARGET_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, fy);
	s40_stmt_int64(s, 2, area);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		t->fy = fy;
		t->area = area;
		t->n = s40_col_int64(s, 0);
		t->how = (int)s40_col_int64(s, 1);
		t->journal_seq = s40_col_int64(s, 2);
		*found = 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_target_list(struct s40_store *st, int fy, int32_t area, struct s40_target **out,
			     size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_TARGET_OF_FY, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, fy);
	struct s40_target *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t code = (int32_t)s40_col_int64(s, 0);
		if (area && !s40_area_contains(area, code))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			struct s40_target *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		v[len].fy = fy;
		v[len].area = code;
		v[len].n = s40_col_int64(s, 1);
		v[len].how = (int)s40_col_int64(s, 2);
		v[len].journal_seq = s40_col_int64(s, 3);
		len++;
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_target_latest_fy(struct s40_store *st, int32_t area, int32_t day, int *fy,
				  int *found, struct s40_ctx *ctx)
{
	*found = 0;
	*fy = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_TARGET_LATEST_FY, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, area);
	s40_stmt_int64(s, 2, s40_fiscal_year(day));
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		if (!s40_col_null(s, 0)) {
			*fy = (int)s40_col_int64(s, 0);
			*found = 1;
		}
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

static enum s40_err put(struct s40_reg *reg, int fy, int32_t area, int64_t n, int how, int64_t seq,
			struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_TARGET_PUT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, fy);
	s40_stmt_int64(s, 2, area);
	s40_stmt_int64(s, 3, n);
	s40_stmt_int64(s, 4, how);
	s40_stmt_int64(s, 5, seq);
	return s40_stmt_exec(s, ctx);
}

/* Remove every target of fy strictly below area; *cleared += how many. */
static enum s40_err clear_below(struct s40_reg *reg, int fy, int32_t area, long *cleared,
				struct s40_ctx *ctx)
{
	struct s40_target *v;
	size_t n;
	enum s40_err rc = s40_target_list(reg->store, fy, area, &v, &n, ctx);
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if (v[i].area == area)
			continue;
		struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_TARGET_DELETE, ctx);
		if (s == NULL) {
			rc = STORE_ERR(ctx);
			break;
		}
		s40_stmt_int64(s, 1, fy);
		s40_stmt_int64(s, 2, v[i].area);
		rc = s40_stmt_exec(s, ctx);
		(*cleared)++;
	}
	free(v);
	return rc;
}

static enum s40_err set_in_tx(struct s40_reg *reg, int fy, int32_t area, int64_t n, long *cleared,
			      struct s40_ctx *ctx)
{
	enum s40_err rc;
	struct s40_area_rec a;
	if ((rc = check_fy(fy, ctx)) || (rc = s40_area_get(reg->store, area, &a, ctx)))
		return rc;
	if (n < 0)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "target", "เป้าหมายต้องไม่ติดลบ (%lld)",
				  "a target is not negative (%lld)", (long long)n);
	struct s40_target cur, par;
	int found = 0, pfound = 0;
	int32_t parent = s40_area_parent(area);
	if (parent && (rc = s40_target_get(reg->store, fy, parent, &par, &pfound, ctx)))
		return rc;
	if (pfound)
		return s40_errorf(
			ctx, S40_E_TARGET_ALLOCATED, "area",
			"พื้นที่ %d ได้รับการจัดสรรจากเป้าหมายของพื้นที่ %d ปีงบประมาณ %d: "
			"แก้ด้วย s40 target allocate --area %d",
			"area %d takes its target by allocation from area %d in fiscal year "
			"%d: change it with s40 target allocate --area %d",
			(int)area, (int)parent, fy, (int)parent);
	if ((rc = s40_target_get(reg->store, fy, area, &cur, &found, ctx)))
		return rc;
	if (found && cur.n == n && cur.how == S40_TARGET_SET)
		return S40_OK;
	char entity[48], detail[96];
	snprintf(entity, sizeof entity, "target:%d:%d", fy, (int)area);
	snprintf(detail, sizeof detail, "{\"fy\":%d,\"area\":%d,\"n\":%lld}", fy, (int)area,
		 (long long)n);
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "target.set", entity, detail, &seq, ctx)) ||
	    (rc = put(reg, fy, area, n, S40_TARGET_SET, seq, ctx)))
		return rc;
	if (!found || cur.n != n)
		rc = clear_below(reg, fy, area, cleared, ctx);
	return rc;
}

enum s40_err s40_target_set(struct s40_reg *reg, int fy, int32_t area, int64_t n, long *cleared,
			    struct s40_ctx *ctx)
{
	long local = 0;
	if (cleared == NULL)
		cleared = &local;
	*cleared = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	rc = s40_reg_end(reg, set_in_tx(reg, fy, area, n, cleared, ctx), ctx);
	if (rc)
		*cleared = 0;
	return rc;
}

/*
 * Apply new targets to the children of area: v (n entries, each a child, each
 * once) take their numbers; the others keep theirs. Refused unless the
 * children then add up to area's target. how is recorded on the children named.
 */
static enum s40_err alloc_in_tx(struct s40_reg *reg, int fy, int32_t area,
				const struct s40_alloc *v, size_t n, int how, long *cleared,
				struct s40_ctx *ctx)
{
	enum s40_err rc;
	struct s40_area_rec a;
	if ((rc = check_fy(fy, ctx)) || (rc = s40_area_get(reg->store, area, &a, ctx)))
		return rc;
	if (s40_area_level(area) == S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "area", "หมู่บ้าน %d ไม่มีพื้นที่ย่อยให้จัดสรร",
				  "village %d has no areas below it to allocate to", (int)area);
	struct s40_target par;
	int found = 0;
	if ((rc = s40_target_get(reg->store, fy, area, &par, &found, ctx)))
		return rc;
	if (!found)
		return s40_errorf(
			ctx, S40_E_NO_TARGET, "area",
			"พื้นที่ %d ยังไม่มีเป้าหมายปีงบประมาณ %d: กำหนดก่อนด้วย s40 target set",
			"area %d has no target for fiscal year %d: set one with s40 target "
			"set first",
			(int)area, fy);
	struct s40_area_rec *kids = NULL;
	size_t n_kids = 0;
	if ((rc = s40_area_children(reg->store, area, &kids, &n_kids, ctx)))
		return rc;
	int64_t *now = calloc(n_kids + 1, sizeof *now); /* current, -1 = none */
	int64_t *next = calloc(n_kids + 1, sizeof *next); /* after, -1 = unchanged */
	struct s40_target *cur = NULL;
	size_t n_cur = 0;
	if (now == NULL || next == NULL)
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if (rc == S40_OK)
		rc = s40_target_list(reg->store, fy, area, &cur, &n_cur, ctx);
	for (size_t k = 0; k < n_kids && rc == S40_OK; k++) {
		now[k] = -1;
		next[k] = -1;
		for (size_t j = 0; j < n_cur; j++)
			if (cur[j].area == kids[k].code)
				now[k] = cur[j].n;
	}
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		size_t k = 0;
		while (k < n_kids && kids[k].code != v[i].area)
			k++;
		if (k == n_kids)
			rc = s40_errorf(ctx, S40_E_BAD_AREA, "area", "%d ไม่ใช่พื้นที่ย่อยของ %d",
					"%d is not an area directly under %d", (int)v[i].area,
					(int)area);
		else if (next[k] != -1)
			rc = s40_errorf(ctx, S40_E_BAD_VALUE, "area", "ระบุพื้นที่ %d สองครั้ง",
					"area %d is given twice", (int)v[i].area);
		else if (v[i].n < 0)
			rc = s40_errorf(ctx, S40_E_BAD_VALUE, "target",
					"เป้าหมายของ %d ต้องไม่ติดลบ (%lld)",
					"the target of %d is not negative (%lld)", (int)v[i].area,
					(long long)v[i].n);
		else
			next[k] = v[i].n;
	}
	int64_t sum = 0;
	for (size_t k = 0; k < n_kids && rc == S40_OK; k++)
		sum += next[k] >= 0 ? next[k] : now[k] > 0 ? now[k] : 0;
	if (rc == S40_OK && sum != par.n)
		rc = s40_errorf(
			ctx, S40_E_ALLOC_SUM, "target",
			"เป้าหมายของพื้นที่ย่อยรวมกันได้ %lld แต่เป้าหมายของพื้นที่ %d "
			"ปีงบประมาณ %d คือ %lld (ต่างกัน %+lld)",
			"the areas under it would add up to %lld, but the target of area %d "
			"for fiscal year %d is %lld (%+lld)",
			(long long)sum, (int)area, fy, (long long)par.n, (long long)(sum - par.n));
	/* The journal detail: the parent's target and every child's new number. */
	struct s40_buf det;
	s40_buf_init(&det, DETAIL_MAX);
	int changes = 0;
	if (rc == S40_OK)
		rc = s40_buf_addf(&det,
				  "{\"fy\":%d,\"area\":%d,\"target\":%lld,\"how\":\"%s\","
				  "\"children\":{",
				  fy, (int)area, (long long)par.n, s40_target_how_key(how));
	for (size_t k = 0; k < n_kids && rc == S40_OK; k++) {
		if (next[k] < 0)
			continue;
		rc = s40_buf_addf(&det, "%s\"%d\":%lld", changes ? "," : "", (int)kids[k].code,
				  (long long)next[k]);
		changes++;
	}
	if (rc == S40_OK)
		rc = s40_buf_adds(&det, "}}");
	if (rc && ctx && ctx->code == S40_OK)
		s40_errorf(ctx, rc, NULL, NULL, NULL);
	/* Nothing to do when every named child has that number by that means. */
	int any = 0;
	for (size_t k = 0; k < n_kids && rc == S40_OK; k++) {
		if (next[k] < 0)
			continue;
		int same_how = 0;
		for (size_t j = 0; j < n_cur; j++)
			if (cur[j].area == kids[k].code)
				same_how = cur[j].how == how;
		if (next[k] != now[k] || !same_how)
			any = 1;
	}
	if (rc == S40_OK && any) {
		char entity[48];
		snprintf(entity, sizeof entity, "target:%d:%d", fy, (int)area);
		int64_t seq;
		rc = s40_reg_journal(reg, "target.allocate", entity, s40_buf_str(&det), &seq, ctx);
		for (size_t k = 0; k < n_kids && rc == S40_OK; k++) {
			if (next[k] < 0)
				continue;
			rc = put(reg, fy, kids[k].code, next[k], how, seq, ctx);
			if (rc == S40_OK && next[k] != now[k])
				rc = clear_below(reg, fy, kids[k].code, cleared, ctx);
		}
	}
	s40_buf_free(&det);
	free(cur);
	free(now);
	free(next);
	free(kids);
	return rc;
}

static enum s40_err allocate(struct s40_reg *reg, int fy, int32_t area, const struct s40_alloc *v,
			     size_t n, int how, long *cleared, struct s40_ctx *ctx)
{
	long local = 0;
	if (cleared == NULL)
		cleared = &local;
	*cleared = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	rc = s40_reg_end(reg, alloc_in_tx(reg, fy, area, v, n, how, cleared, ctx), ctx);
	if (rc)
		*cleared = 0;
	return rc;
}

enum s40_err s40_target_allocate(struct s40_reg *reg, int fy, int32_t area,
				 const struct s40_alloc *v, size_t n, long *cleared,
				 struct s40_ctx *ctx)
{
	return allocate(reg, fy, area, v, n, S40_TARGET_HAND, cleared, ctx);
}

struct share {
	size_t i;
	int64_t rem;
	int32_t code;
};

static int cmp_share(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

enum s40_err s40_target_allocate_weighted(struct s40_reg *reg, int fy, int32_t area,
					  const struct s40_alloc *w, size_t n, long *cleared,
					  struct s40_ctx *ctx)
{
	enum s40_err rc;
	struct s40_target par;
	int found = 0;
	if ((rc = check_fy(fy, ctx)) ||
	    (rc = s40_target_get(reg->store, fy, area, &par, &found, ctx)))
		return rc;
	if (!found)
		return s40_errorf(
			ctx, S40_E_NO_TARGET, "area",
			"พื้นที่ %d ยังไม่มีเป้าหมายปีงบประมาณ %d: กำหนดก่อนด้วย s40 target set",
			"area %d has no target for fiscal year %d: set one with s40 target "
			"set first",
			(int)area, fy);
	struct s40_area_rec *kids = NULL;
	size_t n_kids = 0;
	if ((rc = s40_area_children(reg->store, area, &kids, &n_kids, ctx)))
		return rc;
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i].n < 0) {
			free(kids);
			return s40_errorf(ctx, S40_E_BAD_VALUE, "weight", "น้ำหนักของ %d ติดลบ",
					  "the weight of %d is negative", (int)w[i].area);
		}
		for (size_t k = 0; k < n_kids; k++)
			if (w[i].area == kids[k].code)
				total += w[i].n;
	}
	if (total == 0) {
		free(kids);
		return s40_errorf(
			ctx, S40_E_NO_SHARE, "area",
			"พื้นที่ย่อยของ %d ไม่มีผู้มีสิทธิที่สำรวจแล้ว จึงแบ่งตามสัดส่วนไม่ได้: "
			"บันทึกผลสำรวจก่อน หรือจัดสรรเองด้วย --set",
			"the areas under %d have no surveyed eligible resident to share by: "
			"record surveys first, or allocate by hand with --set",
			(int)area);
	}
	struct s40_alloc *out = calloc(n_kids + 1, sizeof *out);
	struct share *sh = calloc(n_kids + 1, sizeof *sh);
	if (out == NULL || sh == NULL) {
		free(out);
		free(sh);
		free(kids);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	int64_t given = 0;
	for (size_t k = 0; k < n_kids; k++) {
		int64_t wk = 0;
		for (size_t i = 0; i < n; i++)
			if (w[i].area == kids[k].code)
				wk += w[i].n;
		/* target × weight / total without overflow for any real figures:
		 * targets and weights stay far below 2^31. */
		out[k].area = kids[k].code;
		out[k].n = par.n * wk / total;
		sh[k] = (struct share){ k, par.n * wk % total, kids[k].code };
		given += out[k].n;
	}
	qsort(sh, n_kids, sizeof *sh, cmp_share);
	for (size_t j = 0; given < par.n && j < n_kids; j++, given++)
		out[sh[j].i].n++;
	rc = allocate(reg, fy, area, out, n_kids, S40_TARGET_SHARE, cleared, ctx);
	free(out);
	free(sh);
	free(kids);
	return rc;
}
