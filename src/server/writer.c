/*
 * writer.c — the group commit: one thread owns the one store connection that
 * writes. Handlers queue their writes (struct srv_job); the writer takes every
 * job queued, opens one transaction, runs each job in its own savepoint (a
 * failed job is rolled back to its savepoint alone and keeps its own error),
 * commits once — with synchronous=FULL the commit is on disk — applies the
 * jobs' changes to the as-of index and the attainment index (new members by
 * start day: a start is one more, an end on the spell's own start day, a
 * correction, one less), and wakes every handler. Many concurrent
 * requests then share one fsync instead of queueing for the write lock with
 * one fsync each.
 *
 * Following the others. Any number of servers (and `s40` commands beside
 * them) may write to one database; the journal is the one line they all
 * append to, under the store's one-writer lock. Each writer remembers the
 * last journal entry its indexes reflect (applied_seq) and follows the
 * entries after it: a membership.enrol entry names its village and start
 * day, a membership.end entry's spell carries its village, start and end day, so
 * those become the same deltas the writer applies for its own writes; entries
 * that change no spell are passed over; anything else (an import, a reload of
 * the areas, an operation this code does not know) rebuilds both indexes
 * from one snapshot. The follower thread waits on a connection of its own for the
 * database's notifications (PostgreSQL LISTEN: each commit to the journal,
 * each ended session) and wakes the writer; every WRITER_WATCH_S the writer
 * also compares the journal's head with applied_seq, which is all a SQLite
 * file or a standby can offer. A group's own entries form one run of
 * sequence numbers (the lock is held from begin to commit), so after a
 * commit the writer follows the entries before that run, applies its own
 * deltas, and moves applied_seq past the run.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "registry/upgrade.h"
#include "server.h"

/* How often the writer looks for writes it did not make (seconds). */
#define WRITER_WATCH_S 1
/* Users whose last write a read server remembers (a hash table that forgets
 * on collision: a forgotten user reads the replica a moment early). */
#define RYW_SLOTS 1024
/* Journal entries read at once when following. */
#define FOLLOW_PAGE 512

struct srv_writer {
	struct srv *srv;
	struct s40_store *st;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct srv_job *head, *tail;
	bool stop;
	int64_t applied_seq; /* the last journal entry the indexes reflect */
	bool need_rebuild; /* a rebuild failed (the database away): try again */
	bool follow_due; /* the follower heard of a commit to the journal */
	bool started; /* the first index is built (or failed: start_rc) */
	enum s40_err start_rc;
	struct s40_ctx start_ctx;
	/* The follower: a thread waiting for the database's notifications. */
	pthread_t follower;
	bool follower_started;
	atomic_bool follower_stop;
	/* Read your own writes on a replica (--read-db): where each user's last
	 * write is in the primary's history, until the replica has it. */
	pthread_mutex_t ryw_mu;
	struct ryw_slot {
		char user[S40_USER_NAME_MAX];
		char pos[S40_POSITION_LEN];
	} ryw[RYW_SLOTS];
};

static size_t ryw_slot_of(const char *user)
{
	return srv_slot_of(user, RYW_SLOTS);
}

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
	job->scope = req->authed ? srv_scope_root(req) : 0;
	job->recruits_only = req->authed && req->user.role == S40_ROLE_VOLUNTEER;
	job->idem = req->idem != NULL && !req->idem->recorded ? req->idem : NULL;
	req->after = after;
	req->job_pending = true;
	req->primary = true; /* the answer reads what was written */
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

static void add_delta(struct srv_job *job, int32_t village, int32_t day, bool end, int32_t start)
{
	if (job->n_delta >= SRV_DELTAS_MAX) {
		job->rebuild_index = true;
		return;
	}
	job->delta[job->n_delta++] = (struct srv_delta){ village, day, end, start };
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
			add_delta(job, a->village, a->start_day, false, a->start_day);
			if (a->end_day != S40_NO_DAY)
				add_delta(job, a->village, a->end_day, true, a->start_day);
		} else if (b->end_day == S40_NO_DAY && a->end_day != S40_NO_DAY) {
			add_delta(job, a->village, a->end_day, true, a->start_day);
		} else if (b->end_day != a->end_day || b->start_day != a->start_day) {
			job->rebuild_index = true; /* a change the deltas cannot say */
		}
	}
	srv_spells_free(&now);
	return S40_OK;
}

/* ---- the writer thread ---- */

enum s40_err srv_journal_head(struct s40_store *st, int64_t *head, struct s40_ctx *ctx)
{
	*head = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW)
		*head = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return rc == S40_ROW || rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

static int attain_each(void *arg, const int32_t *village, const int32_t *start, const int32_t *end,
		       size_t n)
{
	return s40_attain_builder_add(arg, village, start, end, n);
}

/* Build the as-of and attainment indexes from the store and put them in place
 * of the old ones. */
static enum s40_err index_build(struct srv_writer *w, struct s40_ctx *ctx)
{
	/* The spells and the journal's head from one snapshot: the indexes then
	 * reflect exactly the entries up to that head, and following goes on
	 * from there without counting a commit twice or missing one. */
	enum s40_err rc = s40_store_begin_read(w->st, ctx);
	if (rc)
		return rc;
	int64_t head = 0;
	struct s40_asof *nix = NULL;
	struct s40_attain_ix *nat = NULL;
	/* One read of the spells for both: the attainment index takes each
	 * batch the as-of build reads. */
	struct s40_attain_builder *ab = s40_attain_builder_new();
	rc = ab ? srv_journal_head(w->st, &head, ctx) : s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	if (rc == S40_OK)
		rc = s40_asof_build_each(w->st, &nix, attain_each, ab, ctx);
	s40_store_rollback(w->st);
	if (rc == S40_OK) {
		rc = s40_attain_builder_finish(ab, &nat, ctx);
		ab = NULL;
	}
	s40_attain_builder_free(ab);
	if (rc) {
		s40_asof_free(nix);
		return rc;
	}
	pthread_rwlock_wrlock(&w->srv->ix_lock);
	struct s40_asof *old = w->srv->ix;
	struct s40_attain_ix *old_at = w->srv->attain;
	w->srv->ix = nix;
	w->srv->attain = nat;
	atomic_fetch_add(&w->srv->ix_gen, 1);
	pthread_rwlock_unlock(&w->srv->ix_lock);
	s40_asof_free(old);
	s40_attain_free(old_at);
	w->applied_seq = head;
	w->need_rebuild = false;
	return S40_OK;
}

static void index_rebuild(struct srv_writer *w)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (index_build(w, &ctx) != S40_OK) {
		w->need_rebuild = true;
		fprintf(stderr, "s40 serve: rebuilding the indexes failed: %s\n",
			s40_errmsg(&ctx, S40_LANG_EN));
	}
}

/* Apply one delta to both indexes; the write lock is held. A failure asks
 * for a rebuild (an index may then hold the delta and the other not). */
static enum s40_err delta_apply(struct srv *srv, const struct srv_delta *d)
{
	if (!d->end) {
		enum s40_err rc = s40_asof_add(srv->ix, d->village, d->day);
		return rc ? rc : s40_attain_add(srv->attain, d->village, d->day);
	}
	enum s40_err rc = s40_asof_end(srv->ix, d->village, d->day);
	if (rc == S40_OK && d->day == d->start) /* ended on its first day: not a new member */
		rc = s40_attain_remove(srv->attain, d->village, d->start);
	return rc;
}

/* ---- following the journal ---- */

/* Operations that change no spell: following passes them over. */
static const char *const follow_neutral[] = {
	"person.add",	      "person.update",	 "person.read",	     "ledger.pay",
	"user.add",	      "user.passwd",	 "event.add",	     "network.add",
	"network.end",	      "exclusion.add",	 "exclusion.update", "survey.add",
	"target.set",	      "target.allocate", "benefit.record",   "membership.option",
	"coverage.threshold", "area.add",	 "area.rename",	     "names.normalize",
	NULL,
};

struct follow_entry {
	int64_t seq;
	char op[40];
	char entity[48];
	char *detail;
};

struct follow_deltas {
	struct srv_delta *v;
	size_t n, cap;
	bool rebuild;
};

static void deltas_add(struct follow_deltas *d, int32_t village, int32_t day, bool end,
		       int32_t start)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct srv_delta *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL) {
			d->rebuild = true;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n++] = (struct srv_delta){ village, day, end, start };
}

int64_t srv_entity_person(const char *entity)
{
	if (strncmp(entity, "person:", 7) != 0)
		return 0;
	char *end = NULL;
	long long id = strtoll(entity + 7, &end, 10);
	return end != entity + 7 && *end == '\0' ? (int64_t)id : 0;
}

/* What entry e did to the spells, as deltas (or d->rebuild). */
static void follow_one(struct s40_store *st, const struct follow_entry *e, struct follow_deltas *d)
{
	for (size_t i = 0; follow_neutral[i]; i++)
		if (strcmp(e->op, follow_neutral[i]) == 0)
			return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (strcmp(e->op, "membership.enrol") == 0) {
		/* {"option":1,"start":"2026-12-05","village":75030101} */
		json_t *j = json_loads(e->detail ? e->detail : "", 0, NULL);
		json_t *start = json_object_get(j, "start"),
		       *village = json_object_get(j, "village");
		int32_t day;
		if (json_is_string(start) && json_is_integer(village) &&
		    s40_date_parse(json_string_value(start), "start", &day, &ctx) == S40_OK)
			deltas_add(d, (int32_t)json_integer_value(village), day, false, day);
		else
			d->rebuild = true;
		json_decref(j);
		return;
	}
	if (strcmp(e->op, "membership.end") == 0) {
		/* The spell it ended carries the entry's number, its village and day. */
		int64_t person = srv_entity_person(e->entity);
		struct s40_spell *v = NULL;
		size_t n = 0;
		bool found = false;
		if (person != 0 && s40_membership_list(st, person, &v, &n, &ctx) == S40_OK)
			for (size_t i = 0; i < n && !found; i++)
				if (v[i].journal_seq == e->seq && v[i].end_day != S40_NO_DAY) {
					deltas_add(d, v[i].village, v[i].end_day, true,
						   v[i].start_day);
					found = true;
				}
		free(v);
		if (!found)
			d->rebuild = true;
		return;
	}
	d->rebuild = true; /* an import, a reload of the areas, an unknown operation */
}

/* Read the journal entries after applied_seq up to upto into *out. */
static enum s40_err follow_page(struct srv_writer *w, int64_t upto, struct follow_entry *out,
				size_t *n, struct s40_ctx *ctx)
{
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(w->st, S40_Q_JOURNAL_PAGE, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	s40_stmt_text(s, 1, NULL);
	s40_stmt_int64(s, 2, w->applied_seq);
	s40_stmt_int64(s, 3, FOLLOW_PAGE);
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int64_t seq = s40_col_int64(s, 0);
		if (seq > upto)
			break;
		struct follow_entry *e = &out[(*n)++];
		e->seq = seq;
		const char *op = s40_col_text(s, 3), *entity = s40_col_text(s, 4),
			   *detail = s40_col_text(s, 5);
		snprintf(e->op, sizeof e->op, "%s", op ? op : "");
		snprintf(e->entity, sizeof e->entity, "%s", entity ? entity : "");
		e->detail = detail ? strdup(detail) : NULL;
	}
	s40_stmt_reset(s);
	return rc == S40_ROW || rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

/*
 * Apply the journal entries after applied_seq, up to upto, that other
 * connections wrote. A failure to read leaves applied_seq at the last entry
 * whose change is applied; the next check goes on from there.
 */
static void follow(struct srv_writer *w, int64_t upto)
{
	struct follow_entry *page = calloc(FOLLOW_PAGE, sizeof *page);
	struct follow_deltas d = { NULL, 0, 0, page == NULL };
	int64_t applied = w->applied_seq;
	while (!d.rebuild && w->applied_seq < upto) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		size_t n = 0;
		enum s40_err rc = follow_page(w, upto, page, &n, &ctx);
		for (size_t i = 0; i < n; i++) {
			if (rc == S40_OK && !d.rebuild)
				follow_one(w->st, &page[i], &d);
			if (rc == S40_OK)
				w->applied_seq = page[i].seq;
			free(page[i].detail);
		}
		if (rc != S40_OK || n < FOLLOW_PAGE)
			break;
	}
	free(page);
	if (d.rebuild) {
		free(d.v);
		index_rebuild(w);
		return;
	}
	if (d.n > 0) {
		bool failed = false;
		pthread_rwlock_wrlock(&w->srv->ix_lock);
		for (size_t i = 0; i < d.n; i++)
			failed |= delta_apply(w->srv, &d.v[i]) != S40_OK;
		atomic_fetch_add(&w->srv->ix_gen, 1);
		pthread_rwlock_unlock(&w->srv->ix_lock);
		if (failed)
			index_rebuild(w);
	} else if (w->applied_seq != applied) {
		atomic_fetch_add(&w->srv->ix_gen, 1); /* report caches key on it */
	}
	free(d.v);
}

/* Check the journal's head and follow it: after a notification, and every
 * WRITER_WATCH_S in any case. */
static void catch_up(struct srv_writer *w)
{
	if (w->need_rebuild) {
		index_rebuild(w);
		return;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t head;
	if (srv_journal_head(w->st, &head, &ctx) != S40_OK)
		return;
	if (head == w->applied_seq)
		return;
	if (head < w->applied_seq)
		index_rebuild(w); /* the journal went back: another database is in place */
	else
		follow(w, head);
	srv_cov_poke(w->srv); /* the coverage index's thread reads on */
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
		for (int k = 0; k < j->n_delta; k++)
			if (delta_apply(w->srv, &j->delta[k]) != S40_OK)
				rebuild = true;
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
		reg.scope = j->scope;
		reg.sees_recruits_only = j->recruits_only;
		s40_reg_join(&reg, 1);
		j->first_seq = j->last_seq = 0;
		j->rc = s40_store_savepoint(w->st, "srv_job", &j->ctx);
		if (j->rc == S40_OK) {
			j->rc = j->run(j, &reg, j->arg, &j->ctx);
			j->idem_inserted = false;
			/* The request's key, with its write or not at all. */
			if (j->rc == S40_OK && j->idem != NULL)
				j->rc = srv_idem_insert(w->st, j, &j->ctx);
			if (j->rc == S40_OK) {
				j->first_seq = reg.first_seq;
				j->last_seq = reg.last_seq;
			}
			if (j->rc == S40_OK && j->ctx.code == S40_OK)
				s40_ctx_clear(&j->ctx);
			if (!s40_store_in_tx(w->st)) {
				/* The whole transaction is gone: SQLite rolled it back (an I/O
				 * error, a full disk) or PostgreSQL went away with it. The jobs
				 * before this one are lost with it. */
				enum s40_err lost = j->rc == S40_E_DB_UNAVAILABLE ?
							    S40_E_DB_UNAVAILABLE :
							    S40_E_DB;
				for (size_t k = 0; k < i; k++)
					if (jobs[k]->rc == S40_OK)
						job_fail(jobs[k], lost, "rolled back");
				if (j->rc == S40_OK)
					job_fail(j, lost, "rolled back");
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
	for (size_t i = 0; i < n; i++)
		if (jobs[i]->rc == S40_OK && jobs[i]->idem_inserted)
			jobs[i]->idem->recorded = true;
}

/* Run a job that needs no transaction of the writer's (an index rebuild). */
static void run_alone(struct srv_writer *w, struct srv_job *j)
{
	struct s40_reg reg;
	s40_reg_init(&reg, w->st, j->user, j->today);
	reg.scope = j->scope;
	reg.sees_recruits_only = j->recruits_only;
	s40_ctx_clear(&j->ctx);
	j->rc = j->run ? j->run(j, &reg, j->arg, &j->ctx) : S40_OK;
	if (j->rc == S40_OK && j->rebuild_index)
		index_rebuild(w);
}

#define GROUP_MAX 1024

/* After a group's commit: follow the others' entries before the group's own
 * run of entries, apply the group's deltas, and move past the run. */
static void group_applied(struct srv_writer *w, struct srv_job **jobs, size_t n)
{
	int64_t lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (jobs[i]->rc != S40_OK || jobs[i]->last_seq == 0)
			continue;
		if (lo == 0 || jobs[i]->first_seq < lo)
			lo = jobs[i]->first_seq;
		if (jobs[i]->last_seq > hi)
			hi = jobs[i]->last_seq;
	}
	if (hi == 0) {
		index_apply(w, jobs, n); /* nothing journaled: nothing to follow */
		return;
	}
	if (lo - 1 > w->applied_seq)
		follow(w, lo - 1);
	/* A rebuild while following read this group's commit already. */
	if (w->applied_seq >= hi)
		return;
	index_apply(w, jobs, n);
	if (w->applied_seq < hi)
		w->applied_seq = hi;
}

/* Remember where each user's write of this group is in the primary's
 * history, for reads on the replica (srv_primary_needed). */
static void ryw_note(struct srv_writer *w, struct srv_job **jobs, size_t n)
{
	char pos[S40_POSITION_LEN];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_store_position(w->st, pos, sizeof pos, &ctx) != S40_OK || pos[0] == '\0')
		return;
	pthread_mutex_lock(&w->ryw_mu);
	for (size_t i = 0; i < n; i++) {
		if (jobs[i]->rc != S40_OK || jobs[i]->last_seq == 0)
			continue;
		struct ryw_slot *r = &w->ryw[ryw_slot_of(jobs[i]->user)];
		snprintf(r->user, sizeof r->user, "%s", jobs[i]->user);
		snprintf(r->pos, sizeof r->pos, "%s", pos);
	}
	pthread_mutex_unlock(&w->ryw_mu);
}

bool srv_primary_needed(struct srv *srv, const char *user, struct s40_store *replica)
{
	struct srv_writer *w = srv->writer;
	char pos[S40_POSITION_LEN] = "";
	pthread_mutex_lock(&w->ryw_mu);
	struct ryw_slot *r = &w->ryw[ryw_slot_of(user)];
	if (strcmp(r->user, user) == 0)
		snprintf(pos, sizeof pos, "%s", r->pos);
	pthread_mutex_unlock(&w->ryw_mu);
	if (pos[0] == '\0')
		return false;
	bool yes = false;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_store_reached(replica, pos, &yes, &ctx) != S40_OK)
		return true;
	if (yes) {
		pthread_mutex_lock(&w->ryw_mu);
		if (strcmp(r->user, user) == 0 && strcmp(r->pos, pos) == 0)
			r->user[0] = r->pos[0] = '\0';
		pthread_mutex_unlock(&w->ryw_mu);
	}
	return !yes;
}

/* The follower thread: waits for the database to say the journal grew or a
 * session ended, on a connection of its own. */
static void *follower_main(void *arg)
{
	struct srv_writer *w = arg;
	struct s40_store *st = NULL;
	while (!atomic_load(&w->follower_stop)) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		unsigned what = 0;
		enum s40_err rc = st ? s40_store_wait_change(st, 1000, &what, &ctx) :
				       s40_store_open(w->srv->cfg.db, false, &st, &ctx);
		if (rc != S40_OK) {
			struct timespec ts = { 1, 0 };
			nanosleep(&ts, NULL);
			continue;
		}
		if (what & S40_CHANGE_SESSIONS)
			srv_session_forget(NULL);
		if (what & S40_CHANGE_JOURNAL) {
			pthread_mutex_lock(&w->mu);
			w->follow_due = true;
			pthread_cond_signal(&w->cv);
			pthread_mutex_unlock(&w->mu);
		}
	}
	if (st)
		s40_store_close(st);
	return NULL;
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
			if (w->follow_due) {
				w->follow_due = false;
				pthread_mutex_unlock(&w->mu);
				catch_up(w);
				pthread_mutex_lock(&w->mu);
				continue;
			}
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += WRITER_WATCH_S;
			if (pthread_cond_timedwait(&w->cv, &w->mu, &until) != 0 &&
			    w->head == NULL && !w->stop && !w->follow_due) {
				pthread_mutex_unlock(&w->mu);
				catch_up(w);
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
				group_applied(w, group, n);
				srv_cov_poke(w->srv); /* the coverage index's thread reads on */
				if (w->srv->cfg.read_db != NULL)
					ryw_note(w, group, n);
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
	if (rc == S40_OK) {
		/* What a migration left to the registry (registry/upgrade.h), before
		 * the index is built; `s40 serve` has done it already in cli_open,
		 * a server opened in process (tests, fuzzers) has not. */
		struct s40_reg reg;
		struct s40_upgrade_report up;
		s40_reg_init(&reg, w->st, "serve", srv_today(srv));
		if ((rc = s40_reg_upgrade(&reg, &up, ctx)) != S40_OK)
			s40_store_close(w->st);
	}
	if (rc) {
		free(w);
		return rc;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_mutex_init(&w->ryw_mu, NULL);
	atomic_init(&w->follower_stop, false);
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
	w->follower_started = pthread_create(&w->follower, NULL, follower_main, w) == 0;
	if (!w->follower_started)
		fputs("s40 serve: the follower thread could not start: other servers' writes "
		      "are seen by the check every second only\n",
		      stderr);
	*out = w;
	return S40_OK;
}

void srv_writer_stop(struct srv_writer *w)
{
	if (w == NULL)
		return;
	atomic_store(&w->follower_stop, true);
	if (w->follower_started)
		pthread_join(w->follower, NULL);
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->ryw_mu);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	s40_store_close(w->st);
	free(w);
}
