/*
 * anchors.c — s40 serve --anchor-dir DIR --anchor-key FILE: an anchor of the
 * journal's head (registry/anchor.h) written into DIR when the server starts
 * and then every --anchor-every minutes when the journal has grown, by a thread
 * with a connection of its own. Each file is written under a temporary name
 * and renamed, so DIR never holds half an anchor. Copying DIR somewhere the
 * database's administrator cannot rewrite is the operator's part.
 */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "registry/anchor.h"
#include "server.h"

struct srv_anchors {
	struct srv *srv;
	uint8_t sk[S40_ANCHOR_SK_LEN];
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	int64_t last_seq; /* the entry of the last anchor written (-1: none) */
};

/* Write one anchor if the journal moved since the last; a failure is said on
 * stderr and tried again at the next turn. */
static void anchor_once(struct srv_anchors *a, struct s40_store **st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (*st == NULL && s40_store_open(a->srv->cfg.db, false, st, &ctx) != S40_OK) {
		fprintf(stderr, "s40 serve: anchor: %s\n", s40_errmsg(&ctx, S40_LANG_EN));
		return;
	}
	char text[S40_ANCHOR_TEXT_MAX];
	int64_t seq = 0, now = (int64_t)time(NULL);
	if (s40_anchor_make(*st, a->sk, now, text, sizeof text, &seq, &ctx) != S40_OK) {
		fprintf(stderr, "s40 serve: anchor: %s\n", s40_errmsg(&ctx, S40_LANG_EN));
		s40_store_close(*st); /* opened again at the next turn */
		*st = NULL;
		return;
	}
	if (seq == a->last_seq)
		return;
	char when[32], path[4096], tmp[4200];
	struct tm tm;
	time_t t = (time_t)now;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(path, sizeof path, "%s/s40-anchor-%s-%lld.txt", a->srv->cfg.anchor_dir, when,
		 (long long)seq);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL && fputs(text, f) >= 0;
	ok = f != NULL && fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
	ok = (f == NULL || fclose(f) == 0) && ok && rename(tmp, path) == 0;
	if (!ok) {
		fprintf(stderr, "s40 serve: anchor: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return;
	}
	a->last_seq = seq;
}

static void *anchors_main(void *arg)
{
	struct srv_anchors *a = arg;
	struct s40_store *st = NULL;
	pthread_mutex_lock(&a->mu);
	while (!a->stop) {
		pthread_mutex_unlock(&a->mu);
		anchor_once(a, &st);
		pthread_mutex_lock(&a->mu);
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += (time_t)a->srv->cfg.anchor_minutes * 60;
		while (!a->stop && pthread_cond_timedwait(&a->cv, &a->mu, &ts) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&a->mu);
	s40_store_close(st);
	return NULL;
}

enum s40_err srv_anchors_start(struct srv *srv, struct s40_ctx *ctx)
{
	if (srv->cfg.anchor_dir == NULL)
		return S40_OK;
	struct srv_anchors *a = calloc(1, sizeof *a);
	if (a == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = s40_anchor_key_read(srv->cfg.anchor_key, a->sk, sizeof a->sk, ctx);
	if (rc == S40_OK && access(srv->cfg.anchor_dir, W_OK) != 0)
		rc = s40_errorf(ctx, S40_E_IO, "anchor-dir", "เขียนลงโฟลเดอร์ %s ไม่ได้",
				"cannot write into the folder %s", srv->cfg.anchor_dir);
	if (rc) {
		sodium_memzero(a->sk, sizeof a->sk);
		free(a);
		return rc;
	}
	a->srv = srv;
	a->last_seq = -1;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if (pthread_create(&a->thread, NULL, anchors_main, a) != 0) {
		sodium_memzero(a->sk, sizeof a->sk);
		free(a);
		return s40_errorf(ctx, S40_E_IO, NULL, "เริ่มเธรดไม่ได้", "could not start a thread");
	}
	srv->anchors = a;
	return S40_OK;
}

void srv_anchors_stop(struct srv *srv)
{
	struct srv_anchors *a = srv->anchors;
	if (a == NULL)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = true;
	pthread_cond_signal(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	sodium_memzero(a->sk, sizeof a->sk);
	free(a);
	srv->anchors = NULL;
}
