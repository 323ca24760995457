/*
 * coverage.c — the server's coverage index (stats/coverage.h): the coverage of
 * surveyed villages as totals of any area on any day, for GET
 * /api/v1/reports/coverage and the dashboard.
 *
 * A thread of its own, on a connection of its own, builds the index from one
 * snapshot and remembers the journal entry it reflects (cov_seq). It then
 * reads each entry after that, its own connection's way, as the writer's
 * follower does: an entry that cannot change the coverage (a payment, a
 * person read, a target) or that is about a person no survey names moves
 * cov_seq on; any other (a survey, the threshold, an import, a membership or
 * exclusion or birth day of a surveyed resident) builds the index again. The
 * build takes seconds at national size and never holds up the writer.
 *
 * A reader uses the index only when cov_seq has reached the journal's head as
 * its own connection sees it: otherwise (the build running, or the newest
 * entries not read yet) it wakes the thread and builds an index of the area
 * asked about from the store, which gives the same figures, so that an answer
 * never leaves out a write that was committed before it was asked for.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"

/* How often the thread looks for entries when nobody wakes it (seconds). */
#define COV_WATCH_S 1
/* Journal entries read at once. */
#define COV_PAGE 512

struct srv_cov {
	struct srv *srv;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop, due;
	struct s40_store *st;
};

/* Entries that change nothing the coverage reads. */
static const char *const cov_neutral[] = {
	"person.read",	    "ledger.pay",      "user.add",	   "user.passwd",
	"event.add",	    "network.add",     "network.end",	   "target.set",
	"target.allocate",  "benefit.record",  "membership.option", "area.rename",
	"names.normalize",  "receipt.block",   "followup.assign",  "followup.call",
	NULL,
};

/* Entries about one person ("person:ID") that change a resident's standing. */
static const char *const cov_person[] = {
	"person.add",	    "person.update",   "membership.enrol", "membership.end",
	"exclusion.add",    "exclusion.update", NULL,
};

static bool listed(const char *const *list, const char *op)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], op) == 0)
			return true;
	return false;
}

/* Whether the entry (op, entity) may change what ix says. */
static bool cov_touches(const struct s40_cov_ix *ix, const char *op, const char *entity)
{
	if (listed(cov_neutral, op))
		return false;
	int64_t person = listed(cov_person, op) ? srv_entity_person(entity) : 0;
	return person == 0 || s40_cov_ix_has_person(ix, person);
}

/* Build the index from one snapshot and put it in place. */
static enum s40_err cov_build(struct srv_cov *c, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_store_begin_read(c->st, ctx);
	if (rc)
		return rc;
	int64_t head = 0;
	struct s40_cov_ix *ix = NULL;
	rc = srv_journal_head(c->st, &head, ctx);
	if (rc == S40_OK)
		rc = s40_cov_ix_build(c->st, &ix, ctx);
	s40_store_rollback(c->st);
	if (rc)
		return rc;
	struct srv *srv = c->srv;
	pthread_rwlock_wrlock(&srv->cov_lock);
	struct s40_cov_ix *old = srv->cov;
	srv->cov = ix;
	atomic_store(&srv->cov_seq, head);
	pthread_rwlock_unlock(&srv->cov_lock);
	s40_cov_ix_free(old);
	return S40_OK;
}

/*
 * Read the entries after cov_seq: move cov_seq past those that leave the
 * index as it is; *stale when one does not (cov_seq then stays before it).
 */
static enum s40_err cov_follow(struct srv_cov *c, bool *stale, struct s40_ctx *ctx)
{
	struct srv *srv = c->srv;
	*stale = false;
	int64_t head;
	enum s40_err rc = srv_journal_head(c->st, &head, ctx);
	if (rc)
		return rc;
	int64_t seq = atomic_load(&srv->cov_seq);
	if (head < seq) {
		*stale = true; /* the journal went back: another database is in place */
		return S40_OK;
	}
	while (seq < head && !*stale) {
		struct s40_stmt *s = s40_store_stmt(c->st, S40_Q_JOURNAL_PAGE, ctx);
		if (s == NULL)
			return ctx->code ? ctx->code : S40_E_DB;
		s40_stmt_text(s, 1, NULL);
		s40_stmt_int64(s, 2, seq);
		s40_stmt_int64(s, 3, COV_PAGE);
		int n = 0, step;
		/* Only this thread replaces srv->cov: reading it needs no lock here. */
		while ((step = s40_stmt_step(s, ctx)) == S40_ROW) {
			n++;
			const char *op = s40_col_text(s, 3), *entity = s40_col_text(s, 4);
			if (cov_touches(srv->cov, op ? op : "", entity ? entity : "")) {
				*stale = true;
				break;
			}
			seq = s40_col_int64(s, 0);
		}
		s40_stmt_reset(s);
		if (step != S40_ROW && step != S40_OK)
			return (enum s40_err)step;
		atomic_store(&srv->cov_seq, seq);
		if (n < COV_PAGE)
			break;
	}
	return S40_OK;
}

static void *cov_main(void *arg)
{
	struct srv_cov *c = arg;
	bool stale = true;
	for (;;) {
		pthread_mutex_lock(&c->mu);
		if (!stale && !c->due && !c->stop) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += COV_WATCH_S;
			pthread_cond_timedwait(&c->cv, &c->mu, &until);
		}
		bool stop = c->stop;
		c->due = false;
		pthread_mutex_unlock(&c->mu);
		if (stop)
			break;
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		enum s40_err rc = S40_OK;
		if (c->st == NULL)
			rc = s40_store_open(c->srv->cfg.db, false, &c->st, &ctx);
		if (rc == S40_OK && !stale)
			rc = cov_follow(c, &stale, &ctx);
		if (rc == S40_OK && stale) {
			rc = cov_build(c, &ctx);
			stale = rc != S40_OK;
		}
		if (rc != S40_OK) {
			/* The database away, or out of memory: readers go to the
			 * store meanwhile; try again in a while. */
			stale = true;
			struct timespec ts = { COV_WATCH_S, 0 };
			nanosleep(&ts, NULL);
		}
	}
	if (c->st)
		s40_store_close(c->st);
	return NULL;
}

enum s40_err srv_cov_start(struct srv *srv, struct s40_ctx *ctx)
{
	struct srv_cov *c = calloc(1, sizeof *c);
	if (c == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	c->srv = srv;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->thread, NULL, cov_main, c) != 0) {
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		free(c);
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่มเธรดดัชนีความครอบคลุมไม่ได้",
				  "the coverage index's thread could not start");
	}
	srv->covb = c;
	return S40_OK;
}

void srv_cov_poke(struct srv *srv)
{
	struct srv_cov *c = srv->covb;
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->due = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

void srv_cov_stop(struct srv *srv)
{
	struct srv_cov *c = srv->covb;
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
	srv->covb = NULL;
}

const struct s40_cov_ix *srv_cov_acquire(struct srv *srv, int64_t head)
{
	pthread_rwlock_rdlock(&srv->cov_lock);
	if (srv->cov != NULL && atomic_load(&srv->cov_seq) >= head)
		return srv->cov;
	pthread_rwlock_unlock(&srv->cov_lock);
	srv_cov_poke(srv);
	return NULL;
}

void srv_cov_release(struct srv *srv)
{
	pthread_rwlock_unlock(&srv->cov_lock);
}
