/*
 * pg_stmt.c — the statements of the PostgreSQL engine (pg.c): every named
 * query (pg_sql.h) prepared on its connection the first time it is asked for
 * and run with PQexecPrepared, parameters as text (integers in decimal) or
 * binary (bytea), results as text.
 *
 * Large reads (every spell, the whole journal, a copied table) stream one row
 * at a time (libpq's single-row mode) instead of holding the whole result. A
 * connection runs one query at a time, so when another statement is run while
 * a stream is open, the rest of the stream is read into memory first.
 *
 * In bulk mode writes that return no rows are pipelined (libpq's pipeline
 * mode) and their results read at the next query or the commit (pg_idle).
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"
#include "pg_sql.h"

/* The queries read in streaming mode: whole tables, or a province of one, read in
 * one pass. */
static bool pg_streamed(enum s40_q q)
{
	return q == S40_Q_SPELL_ALL || q == S40_Q_SPELL_IN_PROVINCE || q == S40_Q_JOURNAL_ALL ||
	       q == S40_Q_AREA_ALL;
}

/* ---- streams ---- */

static void stmt_clear_result(struct s40_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	for (size_t i = s->spill_at; i < s->n_spill; i++)
		PQclear(s->spill[i]);
	free(s->spill);
	s->spill = NULL;
	s->n_spill = s->spill_at = 0;
	s->row = -1;
	s->n_rows = 0;
}

/* Read whatever the connection still has of the current query, dropping it. */
static void pg_drain_discard(struct s40_store *st)
{
	PGresult *r;
	while ((r = PQgetResult(st->conn)) != NULL)
		PQclear(r);
}

/* Another statement is about to run: read the open stream's remaining rows
 * into its spill list, so that both can go on. */
static enum s40_err pg_spill_stream(struct s40_store *st, struct s40_ctx *ctx)
{
	struct s40_stmt *s = st->streaming;
	if (s == NULL)
		return S40_OK;
	st->streaming = NULL;
	s->streaming = false;
	size_t cap = 0;
	enum s40_err rc = S40_OK;
	PGresult *r;
	while ((r = PQgetResult(st->conn)) != NULL) {
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_SINGLE_TUPLE && rc == S40_OK) {
			if (s->n_spill == cap) {
				cap = cap ? cap * 2 : 256;
				PGresult **nv = realloc(s->spill, cap * sizeof *nv);
				if (nv == NULL) {
					rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
					PQclear(r);
					continue;
				}
				s->spill = nv;
			}
			s->spill[s->n_spill++] = r;
			continue;
		}
		if (t != PGRES_TUPLES_OK && t != PGRES_SINGLE_TUPLE && rc == S40_OK)
			rc = pg_error(st, r, ctx);
		PQclear(r);
	}
	return rc;
}

/* ---- pipelined writes (bulk mode) ---- */

/* Writes sent before their results are read, at most this many at once: their
 * answers (a few dozen bytes each) stay far below what the socket buffers
 * hold, so the server never waits on us while we wait on it. */
#define PG_PIPELINE_MAX 512

/*
 * Read the results of every pipelined write and leave pipeline mode. The first
 * failure is reported here, at the next operation after the write that caused
 * it: in bulk mode (an import, the demo, a copy) any database error ends the
 * whole operation, which then rolls back, so no caller needs it earlier.
 */
static enum s40_err pg_pipeline_flush(struct s40_store *st, struct s40_ctx *ctx)
{
	if (PQpipelineStatus(st->conn) == PQ_PIPELINE_OFF)
		return S40_OK;
	enum s40_err rc = S40_OK;
	if (!PQpipelineSync(st->conn)) {
		rc = pg_error(st, NULL, ctx);
	} else {
		for (;;) {
			PGresult *r = PQgetResult(st->conn);
			if (r == NULL) {
				/* The end of one write's results; a lost connection has no more. */
				if (PQstatus(st->conn) == CONNECTION_BAD) {
					if (rc == S40_OK)
						rc = pg_error(st, NULL, ctx);
					break;
				}
				continue;
			}
			ExecStatusType t = PQresultStatus(r);
			if (t == PGRES_PIPELINE_SYNC) {
				PQclear(r);
				break;
			}
			if (t == PGRES_FATAL_ERROR && rc == S40_OK) {
				rc = pg_error(st, r, ctx);
				if (st->pipe_err == S40_OK) {
					st->pipe_err = rc;
					if (ctx)
						st->pipe_ctx = *ctx;
					else
						pg_error(st, r, &st->pipe_ctx);
				}
			}
			PQclear(r);
		}
	}
	st->n_pending = 0;
	if (!PQexitPipelineMode(st->conn) && rc == S40_OK)
		rc = pg_error(st, NULL, ctx);
	return rc;
}

/* Make the connection free for a query of its own: an open stream is read
 * into memory, pipelined writes are finished. */
enum s40_err pg_idle(struct s40_store *st, struct s40_ctx *ctx)
{
	/* An idle connection the server has written to is one it has ended (a
	 * restart, a failover: its goodbye or the closed socket), unless it is a
	 * notification; reading it now finds the end before a statement is lost
	 * to it. */
	if (PQstatus(st->conn) == CONNECTION_OK && st->streaming == NULL && st->n_pending == 0 &&
	    PQtransactionStatus(st->conn) == PQTRANS_IDLE) {
		/* Its goodbye and the end of the socket may take two reads. */
		for (int i = 0; i < 3 && PQstatus(st->conn) == CONNECTION_OK; i++) {
			struct pollfd pfd = { PQsocket(st->conn), POLLIN, 0 };
			if (pfd.fd < 0 || poll(&pfd, 1, 0) <= 0 || !PQconsumeInput(st->conn))
				break;
		}
	}
	if (PQstatus(st->conn) == CONNECTION_BAD) {
		enum s40_err rc = pg_revive(st, ctx);
		if (rc)
			return rc;
	}
	enum s40_err rc = pg_spill_stream(st, ctx);
	enum s40_err prc = pg_pipeline_flush(st, ctx);
	return rc ? rc : prc;
}

static void stmt_free_params(struct s40_stmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->val[i]);
		s->val[i] = NULL;
		s->len[i] = 0;
		s->fmt[i] = 0;
	}
}

static void stmt_free_blobs(struct s40_stmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->blob[i]);
		s->blob[i] = NULL;
		s->blob_len[i] = 0;
	}
}

/* ---- statements ---- */

/* The highest $n in sql: the number of parameters to send. */
static int count_params(const char *sql)
{
	int max = 0;
	for (const char *p = sql; *p; p++)
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			int n = (int)strtol(p + 1, NULL, 10);
			if (n > max)
				max = n;
		}
	return max;
}

/* If s's stream is open, read the rest of it and drop it: the connection is
 * free again. */
static void stmt_end_stream(struct s40_stmt *s)
{
	struct s40_store *st = s->owner;
	if (st->streaming != s)
		return;
	pg_drain_discard(st);
	st->streaming = NULL;
	s->streaming = false;
}

/* Reset s for a new run: end its stream, drop its result and bindings. */
static void stmt_reset(struct s40_stmt *s)
{
	stmt_end_stream(s);
	stmt_clear_result(s);
	stmt_free_params(s);
	s->ran = false;
}

/* Prepare s on its connection if it is not yet. */
static enum s40_err stmt_prepare(struct s40_stmt *s, struct s40_ctx *ctx)
{
	struct s40_store *st = s->owner;
	if (s->name[0] && s->epoch == st->epoch)
		return S40_OK;
	s->name[0] = '\0';
	char name[24];
	if (s->adhoc)
		snprintf(name, sizeof name, "s40_a%d", ++st->n_adhoc);
	else
		snprintf(name, sizeof name, "s40_q%d", (int)(s - st->stmts));
	s->n_params = count_params(s->sql);
	s->deferrable = (strncmp(s->sql, "INSERT", 6) == 0 || strncmp(s->sql, "UPDATE", 6) == 0 ||
			 strncmp(s->sql, "DELETE", 6) == 0) &&
			strstr(s->sql, "RETURNING") == NULL;
	if (s->n_params > MAX_PARAMS)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "คำสั่งมีพารามิเตอร์มากเกินไป",
				  "a statement has too many parameters");
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	PGresult *r = PQprepare(st->conn, name, s->sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	snprintf(s->name, sizeof s->name, "%s", name);
	s->epoch = st->epoch;
	return S40_OK;
}

enum s40_err pg_stmt(struct s40_store *st, enum s40_q q, struct s40_stmt **out, struct s40_ctx *ctx)
{
	*out = NULL;
	if ((unsigned)q >= S40_Q__END || pg_sql_text[q] == NULL)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีคำสั่ง %d", "no query %d", q);
	struct s40_stmt *s = &st->stmts[q];
	stmt_reset(s);
	enum s40_err rc = stmt_prepare(s, ctx);
	if (rc)
		return rc;
	*out = s;
	return S40_OK;
}

enum s40_err pg_prepare(struct s40_store *st, const char *sql, struct s40_stmt **out,
			struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_stmt *s = calloc(1, sizeof *s);
	char *text = strdup(sql);
	if (s == NULL || text == NULL) {
		free(s);
		free(text);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	s->base.engine = &s40_store_pg;
	s->owner = st;
	s->sql = s->sql_owned = text;
	s->adhoc = true;
	/* Ad-hoc statements are copy.c's whole-table reads and writes. */
	s->stream = strncmp(sql, "SELECT", 6) == 0;
	s->row = -1;
	enum s40_err rc = stmt_prepare(s, ctx);
	if (rc) {
		free(text);
		free(s);
		return rc;
	}
	*out = s;
	return S40_OK;
}

void pg_finalize(struct s40_stmt *s)
{
	if (s == NULL)
		return;
	stmt_reset(s);
	stmt_free_blobs(s);
	struct s40_store *st = s->owner;
	struct s40_ctx scratch;
	s40_ctx_clear(&scratch);
	pg_idle(st, &scratch);
	if (s->name[0] && PQstatus(st->conn) == CONNECTION_OK &&
	    PQtransactionStatus(st->conn) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(st->conn, sql));
	}
	free(s->sql_owned);
	free(s);
}

static void bind_set(struct s40_stmt *s, int i, char *v, int len, int fmt)
{
	if (i < 1 || i > MAX_PARAMS) {
		free(v);
		return;
	}
	if (s->ran) {
		/* Binding after a run starts a new one with the other bindings kept,
		 * as sqlite3_reset does. */
		stmt_end_stream(s);
		stmt_clear_result(s);
		s->ran = false;
	}
	free(s->val[i - 1]);
	s->val[i - 1] = v;
	s->len[i - 1] = len;
	s->fmt[i - 1] = fmt;
}

void pg_bind_int64(struct s40_stmt *s, int i, int64_t v)
{
	char *t = malloc(24);
	if (t)
		snprintf(t, 24, "%lld", (long long)v);
	bind_set(s, i, t, 0, 0);
}

void pg_bind_text(struct s40_stmt *s, int i, const char *v)
{
	bind_set(s, i, v ? strdup(v) : NULL, 0, 0);
}

void pg_bind_blob(struct s40_stmt *s, int i, const void *v, size_t n)
{
	char *b = malloc(n ? n : 1);
	if (b && n)
		memcpy(b, v, n);
	bind_set(s, i, b, (int)n, 1);
}

void pg_bind_null(struct s40_stmt *s, int i)
{
	bind_set(s, i, NULL, 0, 0);
}

/* Send s's query; its rows come with the next steps. */
static enum s40_err stmt_run(struct s40_stmt *s, struct s40_ctx *ctx)
{
	struct s40_store *st = s->owner;
	const char *vals[MAX_PARAMS];
	for (int i = 0; i < s->n_params; i++)
		vals[i] = s->val[i];
	s->ran = true;
	s->row = -1;
	/* Make the connection ready first (it may come back as a new one), then
	 * prepare s on it if it was not prepared there. */
	bool pipelined = s->deferrable && st->bulk && pg_in_tx(st);
	enum s40_err prc;
	if (!pipelined && (prc = pg_idle(st, ctx)))
		return prc;
	if (pipelined && PQstatus(st->conn) == CONNECTION_BAD && (prc = pg_revive(st, ctx)))
		return prc;
	if ((prc = stmt_prepare(s, ctx)))
		return prc;
	if (pipelined) {
		enum s40_err rc = pg_spill_stream(st, ctx);
		if (rc)
			return rc;
		if (PQpipelineStatus(st->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(st->conn))
			return pg_error(st, NULL, ctx);
		if (!PQsendQueryPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0))
			return pg_error(st, NULL, ctx);
		if (++st->n_pending >= PG_PIPELINE_MAX)
			return pg_pipeline_flush(st, ctx);
		return S40_OK;
	}
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	if (s->stream) {
		if (!PQsendQueryPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0))
			return pg_error(st, NULL, ctx);
		if (!PQsetSingleRowMode(st->conn)) {
			pg_drain_discard(st);
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เปิดการอ่านทีละแถวไม่ได้",
					  "single-row mode could not be set");
		}
		st->streaming = s;
		s->streaming = true;
		return S40_OK;
	}
	bool autocommit = !pg_in_tx(st);
	PGresult *r = PQexecPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0);
	ExecStatusType t = PQresultStatus(r);
	if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	/* A write outside a transaction committed on its own: count it as a
	 * commit (s40_store_data_version), as pg_commit counts the others. */
	if (autocommit && (s->deferrable || strstr(s->sql, "RETURNING") != NULL) &&
	    strcmp(PQcmdTuples(r), "0") != 0 && PQcmdTuples(r)[0] != '\0') {
		PGresult *c = PQexec(st->conn, "SELECT nextval('s40_commits')");
		if (PQresultStatus(c) == PGRES_TUPLES_OK)
			st->own_commits++;
		PQclear(c);
	}
	s->res = r;
	s->n_rows = t == PGRES_TUPLES_OK ? PQntuples(r) : 0;
	return S40_OK;
}

/* The next row of a stream (or of its spilled rest) into s->res. */
static int stream_next(struct s40_stmt *s, struct s40_ctx *ctx)
{
	struct s40_store *st = s->owner;
	PQclear(s->res);
	s->res = NULL;
	if (!s->streaming) {
		if (s->spill_at < s->n_spill) {
			s->res = s->spill[s->spill_at++];
			s->row = 0;
			s->n_rows = 1;
			return S40_ROW;
		}
		return S40_OK;
	}
	PGresult *r = PQgetResult(st->conn);
	ExecStatusType t = PQresultStatus(r);
	if (r != NULL && t == PGRES_SINGLE_TUPLE) {
		s->res = r;
		s->row = 0;
		s->n_rows = 1;
		return S40_ROW;
	}
	/* The end (PGRES_TUPLES_OK with no row) or an error; then NULL. */
	enum s40_err rc = S40_OK;
	if (r != NULL && t != PGRES_TUPLES_OK)
		rc = pg_error(st, r, ctx);
	PQclear(r);
	pg_drain_discard(st);
	st->streaming = NULL;
	s->streaming = false;
	return rc;
}

int pg_step(struct s40_stmt *s, struct s40_ctx *ctx)
{
	for (int i = 0; i < MAX_PARAMS; i++)
		s->blob_len[i] = 0;
	if (!s->ran) {
		enum s40_err rc = stmt_run(s, ctx);
		if (rc)
			return rc;
	}
	if (s->stream)
		return stream_next(s, ctx);
	if (s->res == NULL)
		return S40_OK;
	if (s->row + 1 < s->n_rows) {
		s->row++;
		return S40_ROW;
	}
	return S40_OK;
}

int64_t pg_col_int64(struct s40_stmt *s, int i)
{
	if (s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i))
		return 0;
	return strtoll(PQgetvalue(s->res, s->row, i), NULL, 10);
}

const char *pg_col_text(struct s40_stmt *s, int i)
{
	if (s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

const void *pg_col_blob(struct s40_stmt *s, int i, size_t *n)
{
	*n = 0;
	if (s->res == NULL || s->row < 0 || i < 0 || i >= MAX_PARAMS ||
	    PQgetisnull(s->res, s->row, i))
		return NULL;
	free(s->blob[i]);
	size_t len = 0;
	s->blob[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), &len);
	if (s->blob[i] == NULL)
		return NULL;
	s->blob_len[i] = len;
	*n = len;
	return s->blob[i];
}

bool pg_col_null(struct s40_stmt *s, int i)
{
	return s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i);
}

void pg_reset(struct s40_stmt *s)
{
	stmt_reset(s);
}

void pg_stmts_init(struct s40_store *st)
{
	for (int i = 0; i < S40_Q__END; i++) {
		st->stmts[i].base.engine = &s40_store_pg;
		st->stmts[i].owner = st;
		st->stmts[i].sql = pg_sql_text[i];
		st->stmts[i].stream = pg_streamed((enum s40_q)i);
		st->stmts[i].row = -1;
	}
}

void pg_stmts_free(struct s40_store *st)
{
	for (int i = 0; i < S40_Q__END; i++) {
		stmt_clear_result(&st->stmts[i]);
		stmt_free_params(&st->stmts[i]);
		stmt_free_blobs(&st->stmts[i]);
	}
}
