/*
 * writer.c — the group commit: one thread owns the one store connection that
 * writes. Handlers queue their writes (struct srv_job); the writer takes every
 * job queued, opens one transaction, runs each job in its own savepoint (a
 * failed job is rolled back to its savepoint alone and keeps its own error),
 * commits once — with synchronous=FULL the commit is on disk — applies the
 * jobs' changes to the as-of index, and wakes every handler. Many concurrent
 * requests then share one fsync instead of queueing for the write lock with
 * one fsync each.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "server.h"

struct srv_writer {
	struct srv *srv;
	struct s40_store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct srv_job *head, *tail;
	bool stop;
	int64_t seen_version; /* the store's data version the index was built at */
	bool started;         /* the first index is built (or failed: start_rc) */
	enum s40_err start_rc;
	struct s40_ctx start_ctx;
};

/* How often the writer looks for writes it did not make (seconds). */
#define WRITER_WATCH_S 1

void srv_writer_submit(struct srv_writer *w, struct srv_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&w->mu);
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void srv_write(struct srv_req *req, srv_write_fn fn, void *arg, void (*after)(struct srv_req *req))
{
	struct srv_job *job = &req->job;
	memset(job, 0, sizeof *job);
	job->run = fn;
	job->arg = arg;
	snprintf(job->user, sizeof job->user, "%s", req->authed ? req->user.name : "anonymous");
	job->today = srv_today(req->srv);
	req->after = after;
	req->job_pending = true;
}

enum s40_err srv_journal_reads(struct s40_reg *reg, const char *via, const int64_t *ids, size_t n,
			       struct s40_ctx *ctx)
{
	char detail[64];
	snprintf(detail, sizeof detail, "{\"via\":\"%s\"}", via);
	for (size_t i = 0; i < n; i++) {
		char entity[48];
		snprintf(entity, sizeof entity, "person:%lld", (long long)ids[i]);
		int64_t seq;
		enum s40_err rc = s40_reg_journal(reg, "person.read", entity, detail, &seq, ctx);
		if (rc)
			return rc;
	}
	return S40_OK;
}

struct waiter {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
};

static void waiter_done(struct srv_job *job)
{
	struct waiter *w = job->done_arg;
	pthread_mutex_lock(&w->mu);
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

enum s40_err srv_write_wait(struct srv *srv, struct srv_job *job)
{
	struct waiter w = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false };
	job->done = waiter_done;
	job->done_arg = &w;
	srv_writer_submit(srv->writer, job);
	pthread_mutex_lock(&w.mu);
	while (!w.done)
		pthread_cond_wait(&w.cv, &w.mu);
	pthread_mutex_unlock(&w.mu);
	pthread_mutex_destroy(&w.mu);
	pthread_cond_destroy(&w.cv);
	return job->rc;
}

/* ---- spells, for the as-of index ---- */

enum s40_err srv_spells_read(struct s40_store *st, int64_t person, struct srv_spells *s,
			     struct s40_ctx *ctx)
{
	s->person = person;
	return s40_membership_list(st, person, &s->v, &s->n, ctx);
}

void srv_spells_free(struct srv_spells *s)
{
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static void add_delta(struct srv_job *job, int32_t village, int32_t day, bool end)
{
	if (job->n_delta >= SRV_DELTAS_MAX) {
		job->rebuild_index = true;
		return;
	}
	job->delta[job->n_delta++] = (struct srv_delta){ village, day, end };
}

enum s40_err srv_job_spell_deltas(struct srv_job *job, struct s40_store *st,
				  const struct srv_spells *before, struct s40_ctx *ctx)
{
	struct srv_spells now;
	enum s40_err rc = srv_spells_read(st, before->person, &now, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < now.n; i++) {
		const struct s40_spell *a = &now.v[i], *b = NULL;
		for (size_t j = 0; j < before->n; j++)
			if (before->v[j].spell_id == a->spell_id)
				b = &before->v[j];
		if (b == NULL) {
			add_delta(job, a->village, a->start_day, false);
			if (a->end_day != S40_NO_DAY)
				add_delta(job, a->village, a->end_day, true);
		} else if (b->end_day == S40_NO_DAY && a->end_day != S40_NO_DAY) {
			add_delta(job, a->village, a->end_day, true);
		} else if (b->end_day != a->end_day || b->start_day != a->start_day) {
			job->rebuild_index = true; /* a change the deltas cannot say */
		}
	}
	srv_spells_free(&now);
	return S40_OK;
}

/* ---- the writer thread ---- */

/* Build the as-of index from the store and put it in place of the old one. */
static enum s40_err index_build(struct srv_writer *w, struct s40_ctx *ctx)
{
	/* Read before building: a commit made during the build is seen next time. */
	int64_t v;
	enum s40_err rc = s40_store_data_version(w->st, &v, ctx);
	if (rc)
		return rc;
	w->seen_version = v;
	struct s40_asof *nix = NULL;
	if ((rc = s40_asof_build(w->st, &nix, ctx)))
		return rc;
	pthread_rwlock_wrlock(&w->srv->ix_lock);
	struct s40_asof *old = w->srv->ix;
	w->srv->ix = nix;
	atomic_fetch_add(&w->srv->ix_gen, 1);
	pthread_rwlock_unlock(&w->srv->ix_lock);
	s40_asof_free(old);
	return S40_OK;
}

static void index_rebuild(struct srv_writer *w)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (index_build(w, &ctx) != S40_OK)
		fprintf(stderr, "s40 serve: rebuilding the as-of index failed: %s\n",
			s40_errmsg(&ctx, S40_LANG_EN));
}

/* Apply the committed jobs' deltas; rebuild instead when one asks for it. */
static void index_apply(struct srv_writer *w, struct srv_job **jobs, size_t n)
{
	bool rebuild = false;
	pthread_rwlock_wrlock(&w->srv->ix_lock);
	for (size_t i = 0; i < n; i++) {
		struct srv_job *j = jobs[i];
		if (j->rc != S40_OK)
			continue;
		rebuild |= j->rebuild_index;
		for (int k = 0; k < j->n_delta; k++) {
			const struct srv_delta *d = &j->delta[k];
			enum s40_err rc = d->end ? s40_asof_end(w->srv->ix, d->village, d->day) :
						   s40_asof_add(w->srv->ix, d->village, d->day);
			if (rc != S40_OK)
				rebuild = true;
		}
		if (j->n_delta > 0)
			atomic_fetch_add(&w->srv->ix_gen, 1);
	}
	pthread_rwlock_unlock(&w->srv->ix_lock);
	if (rebuild)
		index_rebuild(w);
}

static void job_fail(struct srv_job *j, enum s40_err code, const char *en)
{
	j->rc = code;
	s40_errorf(&j->ctx, code, NULL, "การบันทึกทั้งกลุ่มไม่สำเร็จ: %s", "the group's commit failed: %s",
		   en);
	j->n_delta = 0;
}

/* Begin, waiting out another writer (an import on its own connection). */
static enum s40_err begin_patiently(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc;
	for (int i = 0; i < 30; i++) {
		s40_ctx_clear(ctx);
		rc = s40_store_begin(st, ctx);
		if (rc != S40_E_DB_BUSY)
			return rc;
	}
	return rc;
}

/* Run jobs[0..n) in one transaction; each gets its outcome. */
static void run_group(struct srv_writer *w, struct srv_job **jobs, size_t n)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = begin_patiently(w->st, &ctx);
	if (rc != S40_OK) {
		for (size_t i = 0; i < n; i++) {
			jobs[i]->rc = rc;
			jobs[i]->ctx = ctx;
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		struct srv_job *j = jobs[i];
		s40_ctx_clear(&j->ctx);
		struct s40_reg reg;
		s40_reg_init(&reg, w->st, j->user, j->today);
		s40_reg_join(&reg, 1);
		j->rc = s40_store_savepoint(w->st, "srv_job", &j->ctx);
		if (j->rc == S40_OK) {
			j->rc = j->run(j, &reg, j->arg, &j->ctx);
			if (j->rc == S40_OK && j->ctx.code == S40_OK)
				s40_ctx_clear(&j->ctx);
			if (!s40_store_in_tx(w->st)) {
				/* SQLite rolled the whole transaction back (an I/O error, a full
				 * disk): the jobs before this one are lost with it. */
				for (size_t k = 0; k < i; k++)
					if (jobs[k]->rc == S40_OK)
						job_fail(jobs[k], S40_E_DB, "rolled back");
				if (j->rc == S40_OK)
					job_fail(j, S40_E_DB, "rolled back");
				if (i + 1 < n)
					run_group(w, jobs + i + 1, n - i - 1);
				return;
			}
			struct s40_ctx scratch;
			s40_ctx_clear(&scratch);
			if (j->rc != S40_OK) {
				s40_store_rollback_to(w->st, "srv_job", &scratch);
				j->n_delta = 0;
				j->rebuild_index = false;
			}
			s40_store_release(w->st, "srv_job", &scratch);
		}
	}
	s40_ctx_clear(&ctx);
	rc = s40_store_commit(w->st, &ctx);
	if (rc != S40_OK) {
		s40_store_rollback(w->st);
		for (size_t i = 0; i < n; i++)
			if (jobs[i]->rc == S40_OK)
				job_fail(jobs[i], rc, s40_errmsg(&ctx, S40_LANG_EN));
	}
}

/* Run a job that needs no transaction of the writer's (an index rebuild). */
static void run_alone(struct srv_writer *w, struct srv_job *j)
{
	struct s40_reg reg;
	s40_reg_init(&reg, w->st, j->user, j->today);
	s40_ctx_clear(&j->ctx);
	j->rc = j->run ? j->run(j, &reg, j->arg, &j->ctx) : S40_OK;
	if (j->rc == S40_OK && j->rebuild_index)
		index_rebuild(w);
}

#define GROUP_MAX 1024

/*
 * Another process (an `s40 import` or `s40 enrol` run beside the server) or the
 * import job's own connection committed a change the deltas did not carry:
 * rebuild the index from the store, so reports count it without a restart.
 */
static void watch_outside_writes(struct srv_writer *w)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t v;
	if (s40_store_data_version(w->st, &v, &ctx) == S40_OK && v != w->seen_version)
		index_rebuild(w);
}

static void *writer_main(void *arg)
{
	struct srv_writer *w = arg;
	/* The writer builds every index, the first one too, so that no write
	 * slips between the index and the version it was built at. */
	s40_ctx_clear(&w->start_ctx);
	enum s40_err rc = index_build(w, &w->start_ctx);
	pthread_mutex_lock(&w->mu);
	w->start_rc = rc;
	w->started = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	if (rc)
		return NULL;
	struct srv_job **group = malloc(GROUP_MAX * sizeof *group);
	if (group == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	for (;;) {
		pthread_mutex_lock(&w->mu);
		while (w->head == NULL && !w->stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += WRITER_WATCH_S;
			if (pthread_cond_timedwait(&w->cv, &w->mu, &until) != 0 && w->head == NULL &&
			    !w->stop) {
				pthread_mutex_unlock(&w->mu);
				watch_outside_writes(w);
				pthread_mutex_lock(&w->mu);
			}
		}
		struct srv_job *list = w->head;
		w->head = w->tail = NULL;
		bool stop = w->stop;
		pthread_mutex_unlock(&w->mu);
		if (list == NULL && stop)
			break;
		while (list != NULL) {
			size_t n = 0;
			while (list != NULL && n < GROUP_MAX && !list->no_tx) {
				group[n++] = list;
				list = list->next;
			}
			if (n > 0) {
				run_group(w, group, n);
				index_apply(w, group, n);
				/* done() hands the job back: read next before, touch nothing after. */
				for (size_t i = 0; i < n; i++)
					group[i]->done(group[i]);
			}
			if (list != NULL && list->no_tx) {
				struct srv_job *j = list;
				list = list->next;
				run_alone(w, j);
				j->done(j);
			}
		}
	}
	free(group);
	return NULL;
}

enum s40_err srv_writer_start(struct srv *srv, struct srv_writer **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct srv_writer *w = calloc(1, sizeof *w);
	if (w == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	w->srv = srv;
	enum s40_err rc = s40_store_open(srv->cfg.db, false, &w->st, ctx);
	if (rc) {
		free(w);
		return rc;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		s40_store_close(w->st);
		free(w);
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่มเธรดบันทึกข้อมูลไม่ได้",
				  "the writer thread could not start");
	}
	/* Wait for the first as-of index. */
	pthread_mutex_lock(&w->mu);
	while (!w->started)
		pthread_cond_wait(&w->cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
	if (w->start_rc != S40_OK) {
		*ctx = w->start_ctx;
		rc = w->start_rc;
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		s40_store_close(w->st);
		free(w);
		return rc;
	}
	*out = w;
	return S40_OK;
}

void srv_writer_stop(struct srv_writer *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	s40_store_close(w->st);
	free(w);
}
