/*
 * exclusion.c — recording cover under another scheme or status, and ending the
 * Section 40 membership it replaces.
 */
#include "exclusion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "membership.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

enum s40_err s40_exclusion_list(struct s40_store *st, int64_t person, struct s40_excl_rec **out,
				size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_EXCL_OF_PERSON, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	struct s40_excl_rec *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			struct s40_excl_rec *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		struct s40_excl_rec *x = &v[len++];
		memset(x, 0, sizeof *x);
		x->excl_id = s40_col_int64(s, 0);
		x->person = person;
		x->e.kind = (int)s40_col_int64(s, 1);
		x->e.start_day = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		x->e.end_day = (int32_t)s40_col_int64_or(s, 3, S40_NO_DAY);
		const char *src = s40_col_text(s, 4);
		snprintf(x->source, sizeof x->source, "%s", src ? src : "");
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* The end reason a kind of exclusion gives a membership. */
static int end_reason_of(int kind)
{
	switch (kind) {
	case S40_EXCL_S33:
		return S40_END_TO_S33;
	case S40_EXCL_S39:
		return S40_END_TO_S39;
	case S40_EXCL_CIVIL_SERVANT:
		return S40_END_CIVIL_SERVANT;
	default:
		return S40_END_STATE_ENTERPRISE;
	}
}

/* End the open membership that the exclusion x replaces, if any. */
static enum s40_err end_replaced(struct s40_reg *reg, const struct s40_excl_rec *x, int *ended,
				 struct s40_ctx *ctx)
{
	struct s40_spell *v;
	size_t n;
	enum s40_err rc = s40_membership_list(reg->store, x->person, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		const struct s40_spell *sp = &v[i];
		if (sp->end_day != S40_NO_DAY)
			continue;
		/* Cover elsewhere that ended before the spell began leaves it alone;
		 * cover starting in the future is not in force yet. */
		if (x->e.end_day != S40_NO_DAY && x->e.end_day < sp->start_day)
			continue;
		int32_t day = x->e.start_day == S40_NO_DAY || x->e.start_day < sp->start_day
				      ? sp->start_day
				      : x->e.start_day;
		if (day > reg->today)
			continue;
		rc = s40_membership_end_spell(reg, sp, day, end_reason_of(x->e.kind), ctx);
		if (rc == S40_OK && ended)
			*ended = 1;
	}
	free(v);
	return rc;
}

static enum s40_err add_in_tx(struct s40_reg *reg, const struct s40_excl_rec *x, int *changed,
			      int *ended, struct s40_ctx *ctx)
{
	char d1[64], d2[64], digits[16];
	if (!s40_natid_valid(x->person))
		return s40_errorf(ctx, S40_E_BAD_ID, "id", "เลข %lld ไม่ใช่เลขประจำตัวประชาชนที่ถูกต้อง",
				  "%lld is not a valid national ID", (long long)x->person);
	/* The key of a kind not in the list is "", which parses back to 0. */
	const char *key = s40_excl_kind_key(x->e.kind);
	if (key == NULL || key[0] == '\0' || s40_excl_kind_parse(key) != x->e.kind)
		return s40_errorf(ctx, S40_E_BAD_REASON, "kind", "ไม่มีประเภทการยกเว้นรหัส %d",
				  "there is no exclusion kind %d", x->e.kind);
	if (x->e.start_day != S40_NO_DAY && x->e.end_day != S40_NO_DAY &&
	    x->e.end_day < x->e.start_day) {
		struct s40_day2 a, b;
		s40_day2(x->e.end_day, &a);
		s40_day2(x->e.start_day, &b);
		return s40_errorf(ctx, S40_E_BAD_VALUE, "end_date",
				  "วันสิ้นสุด " S40_D_TH " อยู่ก่อนวันเริ่ม " S40_D_TH,
				  "the end " S40_D_EN " is before the start " S40_D_EN, S40_D_ARGS(a),
				  S40_D_ARGS(b));
	}
	char source[sizeof x->source * 2];
	if (s40_thai_normalize(x->source, source, sizeof source) != S40_OK ||
	    strlen(source) >= sizeof x->source)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "source", "แหล่งข้อมูลยาวเกินหรือไม่ใช่ UTF-8",
				  "the source is too long or not UTF-8");

	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_EXCL_SAME, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, x->person);
	s40_stmt_int64(s, 2, x->e.kind);
	s40_stmt_int64_or_null(s, 3, x->e.start_day, S40_NO_DAY);
	int64_t same_id = 0;
	int same = 0;
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		same_id = s40_col_int64(s, 0);
		int32_t end = (int32_t)s40_col_int64_or(s, 1, S40_NO_DAY);
		const char *src = s40_col_text(s, 2);
		same = end == x->e.end_day && strcmp(src ? src : "", source) == 0;
		s40_stmt_reset(s);
	} else if (r != S40_OK) {
		return (enum s40_err)r;
	}
	enum s40_err rc = S40_OK;
	if (!same) {
		char entity[40], detail[160];
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(x->person, digits, sizeof digits));
		snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"start\":\"%s\",\"end\":\"%s\"}",
			 s40_excl_kind_key(x->e.kind),
			 x->e.start_day == S40_NO_DAY ? "" : s40_date_iso(x->e.start_day, d1, sizeof d1),
			 x->e.end_day == S40_NO_DAY ? "" : s40_date_iso(x->e.end_day, d2, sizeof d2));
		int64_t seq;
		rc = s40_reg_journal(reg, same_id ? "exclusion.update" : "exclusion.add", entity,
				     detail, &seq, ctx);
		if (rc)
			return rc;
		if (same_id) {
			s = s40_store_stmt(reg->store, S40_Q_EXCL_UPDATE, ctx);
			if (s == NULL)
				return STORE_ERR(ctx);
			s40_stmt_int64(s, 1, same_id);
			s40_stmt_int64_or_null(s, 2, x->e.end_day, S40_NO_DAY);
			s40_stmt_text(s, 3, source[0] ? source : NULL);
			s40_stmt_int64(s, 4, seq);
		} else {
			s = s40_store_stmt(reg->store, S40_Q_EXCL_INSERT, ctx);
			if (s == NULL)
				return STORE_ERR(ctx);
			s40_stmt_int64(s, 1, x->person);
			s40_stmt_int64(s, 2, x->e.kind);
			s40_stmt_int64_or_null(s, 3, x->e.start_day, S40_NO_DAY);
			s40_stmt_int64_or_null(s, 4, x->e.end_day, S40_NO_DAY);
			s40_stmt_text(s, 5, source[0] ? source : NULL);
			s40_stmt_int64(s, 6, seq);
		}
		if ((rc = s40_stmt_exec(s, ctx)))
			return rc;
		if (changed)
			*changed = 1;
	}
	return end_replaced(reg, x, ended, ctx);
}

enum s40_err s40_exclusion_add(struct s40_reg *reg, const struct s40_excl_rec *x, int *changed,
			       int *ended, struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	if (ended)
		*ended = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, add_in_tx(reg, x, changed, ended, ctx), ctx);
}
