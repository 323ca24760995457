/*
 * search.c — paged reads for the server's lists: persons, areas, journal
 * entries, each page with its total.
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/thai.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

/* The columns of S40_Q_PERSON_GET, in its order. */
static void person_from_row(struct s40_stmt *s, struct s40_person *p)
{
	s40_person_clear(p);
	p->id = s40_col_int64(s, 0);
#define TXT(i, f) snprintf(p->f, sizeof p->f, "%s", s40_col_text(s, i) ? s40_col_text(s, i) : "")
	TXT(1, title);
	TXT(2, first_th);
	TXT(3, last_th);
	TXT(4, first_en);
	TXT(5, last_en);
	p->birth_day = (int32_t)s40_col_int64_or(s, 6, S40_NO_DAY);
	p->sex = (int)s40_col_int64_or(s, 7, 0);
	p->thai = (int)s40_col_int64(s, 8);
	p->village = (int32_t)s40_col_int64(s, 9);
	TXT(10, phone);
	TXT(11, address);
#undef TXT
	p->journal_seq = s40_col_int64(s, 12);
}

static void person_bind(struct s40_stmt *s, const struct s40_name_query *nq, int64_t recruiter)
{
	s40_name_query_bind(s, nq);
	s40_stmt_int64_or_null(s, 4, recruiter, 0);
}

/* One count(*) row. */
static enum s40_err count_row(struct s40_stmt *s, int64_t *total, struct s40_ctx *ctx)
{
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		*total = s40_col_int64(s, 0);
		s40_stmt_reset(s);
		return S40_OK;
	}
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

enum s40_err s40_person_search(struct s40_store *st, const struct s40_person_query *q,
			       struct s40_person **out, size_t *n, int64_t *total, bool *exact,
			       struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	if (exact != NULL)
		*exact = true;
	struct s40_name_query nq;
	enum s40_err rc = s40_name_query_make(q->text, q->area, &nq, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(
		st, nq.indexed ? S40_Q_PERSON_SEARCH_INDEXED_COUNT : S40_Q_PERSON_SEARCH_COUNT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	person_bind(s, &nq, q->recruited_by);
	/* One past the cap, to know whether more match. */
	int64_t cap = (int64_t)q->offset + S40_SEARCH_COUNT_MAX;
	if (exact != NULL)
		s40_stmt_int64(s, 5, cap + 1);
	else
		s40_stmt_null(s, 5);
	if ((rc = count_row(s, total, ctx)))
		return rc;
	if (exact != NULL && *total > cap) {
		*total = cap;
		*exact = false;
	}
	size_t limit = q->limit < 1 ? 1 : q->limit > 1000 ? 1000 : q->limit;
	struct s40_person *v = calloc(limit, sizeof *v);
	if (v == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if ((s = s40_store_stmt(st, nq.indexed ? S40_Q_PERSON_SEARCH_INDEXED : S40_Q_PERSON_SEARCH,
				ctx)) == NULL) {
		free(v);
		return STORE_ERR(ctx);
	}
	person_bind(s, &nq, q->recruited_by);
	s40_stmt_int64(s, 5, (int64_t)limit);
	s40_stmt_int64(s, 6, (int64_t)q->offset);
	size_t len = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW && len < limit)
		person_from_row(s, &v[len++]);
	if (r == S40_ROW)
		s40_stmt_reset(s);
	else if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* The columns of S40_Q_AREA_GET, in its order. */
static void area_from_row(struct s40_stmt *s, struct s40_area_rec *a)
{
	memset(a, 0, sizeof *a);
	a->code = (int32_t)s40_col_int64(s, 0);
	a->level = (enum s40_level)s40_col_int64(s, 1);
	a->parent = (int32_t)s40_col_int64_or(s, 2, 0);
	a->moo = (int)s40_col_int64_or(s, 3, 0);
	const char *t;
	snprintf(a->name_th, sizeof a->name_th, "%s", (t = s40_col_text(s, 4)) ? t : "");
	snprintf(a->name_en, sizeof a->name_en, "%s", (t = s40_col_text(s, 5)) ? t : "");
	snprintf(a->postcode, sizeof a->postcode, "%s", (t = s40_col_text(s, 6)) ? t : "");
}

enum s40_err s40_area_search(struct s40_store *st, const char *text, size_t limit, size_t offset,
			     struct s40_area_rec **out, size_t *n, int64_t *total,
			     struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	struct s40_name_query nq;
	enum s40_err rc = s40_name_query_make(text, 0, &nq, ctx);
	if (rc)
		return rc;
	const char *pattern = nq.like;
	if (pattern[0] == '\0')
		return s40_errorf(ctx, S40_E_MISSING, "q", "ไม่ได้ระบุคำค้น", "no search text");
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_SEARCH_COUNT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, pattern);
	if ((rc = count_row(s, total, ctx)))
		return rc;
	if (limit < 1)
		limit = 1;
	if (limit > 1000)
		limit = 1000;
	struct s40_area_rec *v = calloc(limit, sizeof *v);
	if (v == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if ((s = s40_store_stmt(st, S40_Q_AREA_SEARCH, ctx)) == NULL) {
		free(v);
		return STORE_ERR(ctx);
	}
	s40_stmt_text(s, 1, pattern);
	s40_stmt_int64(s, 2, (int64_t)limit);
	s40_stmt_int64(s, 3, (int64_t)offset);
	size_t len = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW && len < limit)
		area_from_row(s, &v[len++]);
	if (r == S40_ROW)
		s40_stmt_reset(s);
	else if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_journal_page(struct s40_store *st, const char *entity, int64_t after_seq,
			      size_t limit, struct s40_journal_entry **out, size_t *n,
			      struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	if (limit < 1)
		limit = 1;
	if (limit > 1000)
		limit = 1000;
	struct s40_journal_entry *v = calloc(limit, sizeof *v);
	if (v == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_PAGE, ctx);
	if (s == NULL) {
		free(v);
		return STORE_ERR(ctx);
	}
	s40_stmt_text(s, 1, entity);
	s40_stmt_int64(s, 2, after_seq);
	s40_stmt_int64(s, 3, (int64_t)limit);
	size_t len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW && len < limit) {
		struct s40_journal_entry *e = &v[len];
		const char *t;
		e->seq = s40_col_int64(s, 0);
		e->at = s40_col_int64(s, 1);
		snprintf(e->user, sizeof e->user, "%s", (t = s40_col_text(s, 2)) ? t : "");
		snprintf(e->op, sizeof e->op, "%s", (t = s40_col_text(s, 3)) ? t : "");
		snprintf(e->entity, sizeof e->entity, "%s", (t = s40_col_text(s, 4)) ? t : "");
		e->detail = strdup((t = s40_col_text(s, 5)) ? t : "{}");
		if (e->detail == NULL) {
			s40_stmt_reset(s);
			s40_journal_entries_free(v, len);
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
		len++;
	}
	if (rc == S40_ROW)
		s40_stmt_reset(s);
	else if (rc != S40_OK) {
		s40_journal_entries_free(v, len);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}
