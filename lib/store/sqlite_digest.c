/*
 * sqlite_digest.c — the digests of digest.h on SQLite: SQLite's pre-update
 * hook shows every row the connection inserts, deletes or updates (old and
 * new values), whatever statement does it; their digests are summed per table
 * in memory, follow savepoints, and are added to data_digest just before the
 * transaction commits, so the stored digests move with the data or not at all.
 *
 * The hook's functions are declared only under SQLITE_ENABLE_PREUPDATE_HOOK;
 * Debian's libsqlite3 is built with it (PRAGMA compile_options lists it).
 */
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

#define COLS_MAX 32

static void digest_col(sqlite3_value *v, const char *name, struct s40_digest_col *c,
		       char real[32])
{
	c->name = name;
	c->i = 0;
	c->p = NULL;
	c->n = 0;
	switch (v ? sqlite3_value_type(v) : SQLITE_NULL) {
	case SQLITE_INTEGER:
		c->type = 'I';
		c->i = sqlite3_value_int64(v);
		break;
	case SQLITE_TEXT:
		c->type = 'T';
		c->p = (const char *)sqlite3_value_text(v);
		c->n = (size_t)sqlite3_value_bytes(v);
		break;
	case SQLITE_FLOAT:
		c->type = 'R';
		snprintf(real, 32, "%.17g", sqlite3_value_double(v));
		c->p = real;
		c->n = strlen(real);
		break;
	case SQLITE_BLOB:
		c->type = 'B';
		c->p = sqlite3_value_blob(v);
		c->n = (size_t)sqlite3_value_bytes(v);
		break;
	default:
		c->type = 'N';
	}
}

/* ---- the worker of a bulk load ----
 *
 * A row's digest is its key (a hash of its bytes, made here as the hook sees
 * the row) and then 2 KB drawn from the key and summed, most of the work. In
 * a bulk load the second part goes to a thread of its own, in batches of
 * keys: a persons' import otherwise spends about a seventh of its time on
 * digests, on one core while the other waits. The worker sums into sums of
 * its own; they join the transaction's (dg.cur) when the worker has caught up,
 * which every point that reads or keeps dg.cur waits for first (sqd_drain):
 * a commit, a savepoint, a begin or rollback, the load's end. Inside a
 * savepoint rows are summed here as before (a load with one savepoint a row
 * would wait for the worker at every row). */

#define DQ_BATCH 1024 /* keys a batch */
#define DQ_AHEAD 64 /* batches handed over and not yet summed, at most */

struct dq_item {
	uint8_t key[S40_DIGEST_KEY_BYTES];
	int8_t sign;
	uint8_t t;
};

struct dq_batch {
	struct dq_batch *next;
	int n;
	struct dq_item it[DQ_BATCH];
};

struct sqd_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct dq_batch *head, *tail; /* handed over, not yet summed */
	struct dq_batch *fill; /* the batch being filled (the connection's thread) */
	struct dq_batch *spare; /* a summed batch to fill again */
	long handed, summed;
	bool stop;
	/* The worker's sums; read by the connection's thread only when summed
	 * has reached handed (under mu). */
	struct s40_lthash acc[S40_DT__N];
	uint32_t touched;
};

static void *worker_main(void *arg)
{
	struct sqd_worker *w = arg;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->head == NULL && !w->stop)
			pthread_cond_wait(&w->work, &w->mu);
		if (w->head == NULL)
			break;
		struct dq_batch *b = w->head;
		w->head = b->next;
		if (w->head == NULL)
			w->tail = NULL;
		pthread_mutex_unlock(&w->mu);
		for (int i = 0; i < b->n; i++) {
			s40_lthash_add_key(&w->acc[b->it[i].t], b->it[i].sign, b->it[i].key);
			w->touched |= 1u << b->it[i].t;
		}
		pthread_mutex_lock(&w->mu);
		b->n = 0;
		if (w->spare == NULL) {
			w->spare = b;
			b = NULL;
		}
		w->summed++;
		pthread_cond_signal(&w->done);
		if (b != NULL) {
			pthread_mutex_unlock(&w->mu);
			free(b);
			pthread_mutex_lock(&w->mu);
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static struct sqd_worker *worker_start(void)
{
	struct sqd_worker *w = calloc(1, sizeof *w);
	if (w == NULL)
		return NULL;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->done, NULL);
	if (pthread_create(&w->th, NULL, worker_main, w) != 0) {
		pthread_cond_destroy(&w->done);
		pthread_cond_destroy(&w->work);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return NULL;
	}
	return w;
}

/* Hand the batch being filled to the worker. */
static void worker_hand(struct sqd_worker *w)
{
	struct dq_batch *b = w->fill;
	if (b == NULL || b->n == 0)
		return;
	pthread_mutex_lock(&w->mu);
	/* At most DQ_AHEAD batches wait: the connection's thread waits for the
	 * worker rather than the queue growing without end. */
	while (w->handed - w->summed >= DQ_AHEAD)
		pthread_cond_wait(&w->done, &w->mu);
	b->next = NULL;
	if (w->tail)
		w->tail->next = b;
	else
		w->head = b;
	w->tail = b;
	w->handed++;
	w->fill = w->spare;
	w->spare = NULL;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
}

/* Wait for the worker to sum everything handed to it, then add its sums to
 * the transaction's. */
static void sqd_drain(struct s40_store *st)
{
	struct sqd_worker *w = st->dg.w;
	if (w == NULL)
		return;
	worker_hand(w);
	pthread_mutex_lock(&w->mu);
	while (w->summed < w->handed)
		pthread_cond_wait(&w->done, &w->mu);
	pthread_mutex_unlock(&w->mu);
	for (int t = 0; t < S40_DT__N; t++)
		if (w->touched & (1u << t)) {
			s40_lthash_add(&st->dg.cur.t[t], &w->acc[t]);
			memset(&w->acc[t], 0, sizeof w->acc[t]);
		}
	w->touched = 0;
}

static void worker_stop(struct s40_store *st)
{
	struct sqd_worker *w = st->dg.w;
	if (w == NULL)
		return;
	sqd_drain(st);
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	pthread_cond_destroy(&w->done);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->mu);
	free(w->fill);
	free(w->spare);
	free(w);
	st->dg.w = NULL;
}

/* Give the worker the key of a row of table t; false when there is no
 * worker to take it (the caller sums it itself). */
static bool worker_take(struct s40_store *st, int t, int sign, const uint8_t *key)
{
	if (!st->dg.bulk || st->dg.n_saved > 0)
		return false;
	if (st->dg.w == NULL && (st->dg.w = worker_start()) == NULL)
		return false;
	struct sqd_worker *w = st->dg.w;
	if (w->fill == NULL) {
		if ((w->fill = malloc(sizeof *w->fill)) == NULL)
			return false;
		w->fill->n = 0;
	}
	struct dq_item *it = &w->fill->it[w->fill->n++];
	memcpy(it->key, key, S40_DIGEST_KEY_BYTES);
	it->sign = (int8_t)sign;
	it->t = (uint8_t)t;
	if (w->fill->n == DQ_BATCH)
		worker_hand(w);
	return true;
}

void sqd_bulk(struct s40_store *st, bool on)
{
	st->dg.bulk = on;
	if (!on)
		worker_stop(st);
}

typedef int (*preupdate_value_fn)(sqlite3 *, int, sqlite3_value **);

static void digest_change(struct s40_store *st, int t, int sign, preupdate_value_fn get)
{
	int n = sqlite3_preupdate_count(st->db);
	if (n != st->dg.ncols[t] || n > COLS_MAX)
		return; /* cannot happen: the schema changes only in migrations, before sqd_open */
	struct s40_digest_col cols[COLS_MAX];
	char reals[COLS_MAX][32];
	for (int i = 0; i < n; i++) {
		sqlite3_value *v = NULL;
		get(st->db, i, &v);
		digest_col(v, st->dg.cols[t][i], &cols[i], reals[i]);
	}
	uint8_t key[S40_DIGEST_KEY_BYTES];
	s40_digest_row_key(s40_digest_tables[t], cols, (size_t)n, key);
	if (!worker_take(st, t, sign, key))
		s40_lthash_add_key(&st->dg.cur.t[t], sign, key);
	st->dg.cur.touched |= 1u << t;
}

static void preupdate(void *arg, sqlite3 *db, int op, const char *zdb, const char *ztab,
		      sqlite3_int64 key1, sqlite3_int64 key2)
{
	(void)db;
	(void)key1;
	(void)key2;
	struct s40_store *st = arg;
	if (!st->dg.on || strcmp(zdb, "main") != 0)
		return;
	int t = s40_digest_table(ztab);
	if (t < 0)
		return;
	if (op == SQLITE_DELETE || op == SQLITE_UPDATE)
		digest_change(st, t, -1, sqlite3_preupdate_old);
	if (op == SQLITE_INSERT || op == SQLITE_UPDATE)
		digest_change(st, t, 1, sqlite3_preupdate_new);
}

static enum s40_err load_columns(struct s40_store *st, int t, struct s40_ctx *ctx)
{
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", s40_digest_tables[t]);
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	char **cols = NULL;
	int n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char **nc = realloc(cols, (size_t)(n + 1) * sizeof *cols);
		const char *name = (const char *)sqlite3_column_text(q, 1);
		if (nc == NULL || name == NULL || (nc[n] = strdup(name)) == NULL) {
			cols = nc ? nc : cols;
			for (int i = 0; i < n; i++)
				free(cols[i]);
			free(cols);
			sqlite3_finalize(q);
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
		cols = nc;
		n++;
	}
	sqlite3_finalize(q);
	st->dg.cols[t] = cols;
	st->dg.ncols[t] = n;
	if (rc != SQLITE_DONE)
		return sq_error(st->db, rc, ctx);
	return S40_OK;
}

enum s40_err sqd_stored(struct s40_store *st, int t, struct s40_lthash *d, bool *found,
			struct s40_ctx *ctx)
{
	memset(d, 0, sizeof *d);
	*found = false;
	if (st->dg.get == NULL) {
		int rc = sqlite3_prepare_v3(st->db, "SELECT v FROM data_digest WHERE tbl = ?1", -1,
					    SQLITE_PREPARE_PERSISTENT, &st->dg.get, NULL);
		if (rc != SQLITE_OK)
			return sq_error(st->db, rc, ctx);
	}
	sqlite3_bind_text(st->dg.get, 1, s40_digest_tables[t], -1, SQLITE_STATIC);
	int rc = sqlite3_step(st->dg.get);
	enum s40_err e = S40_OK;
	if (rc == SQLITE_ROW) {
		*found = s40_lthash_unpack(d, sqlite3_column_blob(st->dg.get, 0),
					   (size_t)sqlite3_column_bytes(st->dg.get, 0));
		if (!*found)
			e = s40_errorf(ctx, S40_E_JOURNAL, NULL, "ค่าสรุปข้อมูลของตาราง %s เสียหาย",
				       "the stored digest of table %s is damaged",
				       s40_digest_tables[t]);
	} else if (rc != SQLITE_DONE) {
		e = sq_error(st->db, rc, ctx);
	}
	sqlite3_reset(st->dg.get);
	return e;
}

static enum s40_err store_digest(struct s40_store *st, int t, const struct s40_lthash *d,
				 struct s40_ctx *ctx)
{
	if (st->dg.put == NULL) {
		int rc = sqlite3_prepare_v3(st->db,
					    "INSERT INTO data_digest(tbl, v) VALUES (?1, ?2) "
					    "ON CONFLICT(tbl) DO UPDATE SET v = excluded.v",
					    -1, SQLITE_PREPARE_PERSISTENT, &st->dg.put, NULL);
		if (rc != SQLITE_OK)
			return sq_error(st->db, rc, ctx);
	}
	uint8_t b[S40_DIGEST_BYTES];
	s40_lthash_pack(d, b);
	sqlite3_bind_text(st->dg.put, 1, s40_digest_tables[t], -1, SQLITE_STATIC);
	sqlite3_bind_blob(st->dg.put, 2, b, sizeof b, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st->dg.put);
	sqlite3_reset(st->dg.put);
	return rc == SQLITE_DONE ? S40_OK : sq_error(st->db, rc, ctx);
}

enum s40_err sqd_scan(struct s40_store *st, int t, int64_t head, struct s40_digest_sum *out,
		      struct s40_ctx *ctx)
{
	memset(out, 0, sizeof *out);
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", s40_digest_tables[t]);
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	int n = sqlite3_column_count(q), jcol = -1;
	if (n > COLS_MAX) {
		sqlite3_finalize(q);
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ตาราง %s มีคอลัมน์มากเกินไป",
				  "table %s has too many columns", s40_digest_tables[t]);
	}
	for (int i = 0; i < n; i++)
		if (strcmp(sqlite3_column_name(q, i), "journal_seq") == 0)
			jcol = i;
	struct s40_digest_col cols[COLS_MAX];
	char reals[COLS_MAX][32];
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			digest_col(sqlite3_column_value(q, i), sqlite3_column_name(q, i), &cols[i],
				   reals[i]);
		s40_lthash_row(&out->d, 1, s40_digest_tables[t], cols, (size_t)n);
		out->rows++;
		if (jcol >= 0 && head >= 0) {
			sqlite3_int64 j = sqlite3_column_int64(q, jcol);
			if (j < 1 || j > head)
				out->unjournaled++;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? S40_OK : sq_error(st->db, rc, ctx);
}

/* Compute and store the digest of every table that has none, in one write
 * transaction: only for a database this open brought to version 8 (created,
 * or migrated from an older s40). Later, a missing digest is a difference for
 * s40 journal verify to report, not something to recompute: else deleting
 * them would make any rows the ones s40 wrote. */
static enum s40_err seed(struct s40_store *st, struct s40_ctx *ctx)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM data_digest", -1, &q, NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	int have = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (have == S40_DT__N)
		return S40_OK;
	if ((rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	enum s40_err e = S40_OK;
	for (int t = 0; t < S40_DT__N && e == S40_OK; t++) {
		struct s40_lthash d;
		bool found;
		struct s40_digest_sum sum;
		if ((e = sqd_stored(st, t, &d, &found, ctx)) != S40_OK || found)
			continue;
		if ((e = sqd_scan(st, t, -1, &sum, ctx)) == S40_OK)
			e = store_digest(st, t, &sum.d, ctx);
	}
	if (e == S40_OK && (rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		e = sq_error(st->db, rc, ctx);
	if (e != S40_OK && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return e;
}

enum s40_err sqd_open(struct s40_store *st, struct s40_ctx *ctx)
{
	if (st->version < 8)
		return S40_OK;
	enum s40_err e;
	for (int t = 0; t < S40_DT__N; t++)
		if ((e = load_columns(st, t, ctx)) != S40_OK)
			return e;
	if (st->dg.migrated_from < 8 && (e = seed(st, ctx)) != S40_OK)
		return e;
	st->dg.on = true;
	sqlite3_preupdate_hook(st->db, preupdate, st);
	return S40_OK;
}

void sqd_close(struct s40_store *st)
{
	worker_stop(st);
	sqlite3_preupdate_hook(st->db, NULL, NULL);
	sqlite3_finalize(st->dg.get);
	sqlite3_finalize(st->dg.put);
	for (int t = 0; t < S40_DT__N; t++) {
		for (int i = 0; i < st->dg.ncols[t]; i++)
			free(st->dg.cols[t][i]);
		free(st->dg.cols[t]);
	}
	free(st->dg.saved);
}

void sqd_reset(struct s40_store *st)
{
	sqd_drain(st);
	if (st->dg.cur.touched)
		memset(&st->dg.cur, 0, sizeof st->dg.cur);
	st->dg.n_saved = 0;
}

enum s40_err sqd_commit(struct s40_store *st, struct s40_ctx *ctx)
{
	sqd_drain(st);
	for (int t = 0; t < S40_DT__N; t++) {
		if (!(st->dg.cur.touched & (1u << t)) || s40_lthash_is_zero(&st->dg.cur.t[t]))
			continue;
		struct s40_lthash d;
		bool found;
		enum s40_err e = sqd_stored(st, t, &d, &found, ctx);
		if (e != S40_OK)
			return e;
		s40_lthash_add(&d, &st->dg.cur.t[t]);
		if ((e = store_digest(st, t, &d, ctx)) != S40_OK)
			return e;
	}
	sqd_reset(st);
	return S40_OK;
}

enum s40_err sqd_savepoint(struct s40_store *st, struct s40_ctx *ctx)
{
	sqd_drain(st);
	if (st->dg.n_saved == st->dg.cap_saved) {
		int cap = st->dg.cap_saved ? 2 * st->dg.cap_saved : 4;
		struct s40_digest_pending *p = realloc(st->dg.saved, (size_t)cap * sizeof *p);
		if (p == NULL)
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		st->dg.saved = p;
		st->dg.cap_saved = cap;
	}
	struct s40_digest_pending *p = &st->dg.saved[st->dg.n_saved++];
	p->touched = st->dg.cur.touched;
	for (int t = 0; t < S40_DT__N; t++)
		if (p->touched & (1u << t))
			p->t[t] = st->dg.cur.t[t];
	return S40_OK;
}

void sqd_release(struct s40_store *st)
{
	if (st->dg.n_saved > 0)
		st->dg.n_saved--;
}

void sqd_rollback_to(struct s40_store *st)
{
	if (st->dg.n_saved == 0)
		return;
	const struct s40_digest_pending *p = &st->dg.saved[st->dg.n_saved - 1];
	for (int t = 0; t < S40_DT__N; t++) {
		if (p->touched & (1u << t))
			st->dg.cur.t[t] = p->t[t];
		else if (st->dg.cur.touched & (1u << t))
			memset(&st->dg.cur.t[t], 0, sizeof st->dg.cur.t[t]);
	}
	st->dg.cur.touched = p->touched;
}
