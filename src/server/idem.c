/*
 * idem.c — the Idempotency-Key request header (IETF draft
 * draft-ietf-httpapi-idempotency-key-header): a write sent again with the key
 * it was sent with the first time is applied once, and its repeat gets the
 * first answer back.
 *
 * The life of a key, for an authenticated POST, PUT, PATCH or DELETE:
 *
 *   1. Before the handler (srv_idem_begin_or_reply): the key is read (a
 *      Structured Field string "…" or a bare value: 1–255 printable ASCII
 *      characters), the request's fingerprint made (SHA-256 of the method,
 *      the path with its query, and the body), and the key's row looked for
 *      on the primary database: none, the handler runs; another fingerprint,
 *      422 idempotency_key_reused; no answer stored yet, 409
 *      idempotency_in_progress; else the stored answer, with
 *      Idempotency-Replayed: true, and the handler does not run.
 *   2. In the writer (srv_idem_insert, from run_group): once the job's run
 *      succeeded, the key's row is inserted inside the job's savepoint, so
 *      that it is committed with the write or not at all. A row there already
 *      (a duplicate in flight, another server) fails the job with
 *      idempotency_in_progress and the write is rolled back: of two
 *      identical requests at once, one is applied. A write that failed keeps
 *      no key: sent again, it runs again (it changed nothing).
 *   3. When the answer is made (srv_idem_answer, from req_finish): status,
 *      content type, Location and body are stored on the row by a small job
 *      of the writer's of its own, which also removes the rows older than
 *      SRV_IDEM_KEEP_S once an hour.
 *
 * The login and logout routes ignore the header: a stored login answer would
 * hold a session token.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "server.h"

/* How often the writer removes the keys older than SRV_IDEM_KEEP_S (seconds). */
#define IDEM_PURGE_EVERY_S 3600

static bool write_method(const char *m)
{
	return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0 ||
	       strcmp(m, "DELETE") == 0;
}

/*
 * The key of a header value into key (SRV_IDEM_KEY_MAX + 1 bytes): a
 * Structured Field string ("…", with \" and \\ escapes, RFC 8941 3.3.3) or
 * the bare value; either way 1–255 characters from space to '~'.
 */
static bool key_parse(const char *v, char *key)
{
	size_t n = 0;
	if (v[0] == '"') {
		const char *p = v + 1;
		for (;; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '\0')
				return false; /* no closing quote */
			if (c == '"')
				break;
			if (c == '\\') {
				c = (unsigned char)*++p;
				if (c != '"' && c != '\\')
					return false;
			}
			if (c < 0x20 || c > 0x7e || n == SRV_IDEM_KEY_MAX)
				return false;
			key[n++] = (char)c;
		}
		if (p[1] != '\0')
			return false; /* something after the string */
	} else {
		for (const char *p = v; *p; p++) {
			unsigned char c = (unsigned char)*p;
			if (c < 0x20 || c > 0x7e || n == SRV_IDEM_KEY_MAX)
				return false;
			key[n++] = (char)c;
		}
	}
	key[n] = '\0';
	return n > 0;
}

/* The fingerprint of req (its path with the query in target) into hex. */
static void fingerprint(struct srv_req *req, const char *target, char hex[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)req->method, strlen(req->method) + 1);
	crypto_hash_sha256_update(&h, (const unsigned char *)target, strlen(target) + 1);
	if (req->upload != NULL) {
		unsigned char buf[65536];
		size_t n;
		rewind(req->upload);
		while ((n = fread(buf, 1, sizeof buf, req->upload)) > 0)
			crypto_hash_sha256_update(&h, buf, n);
		fseek(req->upload, 0, SEEK_END);
	} else if (req->body.len > 0) {
		crypto_hash_sha256_update(&h, (const unsigned char *)req->body.data, req->body.len);
	}
	unsigned char out[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, out);
	sodium_bin2hex(hex, 65, out, sizeof out);
}

/* The answer of a request, stored on its key's row by the writer; until it
 * is committed, on the list of answers on their way (pending), where a repeat
 * finds it. */
struct answer_job {
	struct srv_job job;
	const struct srv *srv;
	char key[SRV_IDEM_KEY_MAX + 1];
	char fingerprint[65];
	bool forget;
	unsigned status;
	char *type, *location, *body;
	size_t len;
	struct answer_job *next_pending;
};

static pthread_mutex_t pending_mu = PTHREAD_MUTEX_INITIALIZER;
static struct answer_job *pending;

/*
 * Answer req from the answer of its key on its way to the database, if there
 * is one: true after replying (the answer, or 422 for another request).
 * Looked at before the database: an answer leaves this list only once it is
 * committed there.
 */
static bool pending_reply(struct srv_req *req, const struct srv_idem *idem)
{
	bool found = false;
	pthread_mutex_lock(&pending_mu);
	for (struct answer_job *a = pending; a != NULL; a = a->next_pending) {
		if (a->srv != req->srv || a->forget || strcmp(a->job.user, idem->user) != 0 ||
		    strcmp(a->key, idem->key) != 0)
			continue;
		found = true;
		if (strcmp(a->fingerprint, idem->fingerprint) != 0) {
			found = false; /* answered below, from the database's row */
			break;
		}
		srv_reply_bytes(req, a->status, a->type, a->body, a->len);
		if (a->location != NULL)
			srv_reply_header(req, MHD_HTTP_HEADER_LOCATION, a->location);
		srv_reply_header(req, "Idempotency-Replayed", "true");
		break;
	}
	pthread_mutex_unlock(&pending_mu);
	return found;
}

static void reply_in_progress(struct srv_req *req)
{
	srv_reply_errorf(req, S40_E_IDEM_IN_PROGRESS, "Idempotency-Key",
			 "คำขอที่ใช้ Idempotency-Key นี้กำลังบันทึกอยู่และยังไม่มีคำตอบ "
			 "โปรดลองใหม่ในอีกครู่",
			 "the request with this Idempotency-Key is being written and has no "
			 "answer yet; try again in a moment");
	srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "1");
}

bool srv_idem_begin_or_reply(struct srv_req *req)
{
	if (!req->authed || req->route == NULL || !write_method(req->method) ||
	    strcmp(req->route->pattern, "/api/v1/auth/login") == 0 ||
	    strcmp(req->route->pattern, "/api/v1/auth/logout") == 0)
		return true;
	const char *v = srv_req_value(req, SRV_VALUE_HEADER, "Idempotency-Key");
	if (v == NULL)
		return true;
	struct srv_idem *idem = srv_must(calloc(1, sizeof *idem));
	if (!key_parse(v, idem->key)) {
		free(idem);
		srv_reply_errorf(req, S40_E_BAD_VALUE, "Idempotency-Key",
				 "Idempotency-Key ต้องเป็นอักขระ ASCII ที่พิมพ์ได้ 1–%d ตัว "
				 "(ในเครื่องหมายคำพูดหรือไม่ก็ได้)",
				 "the Idempotency-Key is 1 to %d printable ASCII characters "
				 "(quoted or not)",
				 SRV_IDEM_KEY_MAX);
		return false;
	}
	snprintf(idem->user, sizeof idem->user, "%s", req->user.name);
	snprintf(idem->method, sizeof idem->method, "%s", req->method);
	idem->path = srv_req_target(req);
	fingerprint(req, idem->path, idem->fingerprint);

	req->primary = true; /* the key is looked for where it is written */
	struct s40_store *st = NULL;
	if (pending_reply(req, idem) || (st = srv_store_or_reply(req)) == NULL) {
		free(idem->path);
		free(idem);
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_IDEM_GET, &ctx);
	int rc = S40_E_DB;
	if (s != NULL) {
		s40_stmt_text(s, 1, idem->user);
		s40_stmt_text(s, 2, idem->key);
		rc = s40_stmt_step(s, &ctx);
	}
	if (rc == S40_OK) { /* a new key: the handler runs, and the writer records it */
		req->idem = idem;
		return true;
	}
	if (rc != S40_ROW) {
		if (ctx.code == S40_OK)
			s40_errorf(&ctx, S40_E_DB, NULL, NULL, NULL);
		srv_reply_problem(req, &ctx);
	} else if (strcmp(s40_col_text(s, 0) ? s40_col_text(s, 0) : "", idem->fingerprint) != 0) {
		srv_reply_errorf(
			req, S40_E_IDEM_REUSED, "Idempotency-Key",
			"Idempotency-Key \"%s\" ใช้กับคำขออื่นไปแล้ว "
			"(วิธี ที่อยู่ หรือข้อมูลที่ส่งต่างกัน): ใช้คีย์ใหม่",
			"the Idempotency-Key \"%s\" was used with another request (another "
			"method, path or body): use a new key",
			idem->key);
	} else if (s40_col_null(s, 1)) {
		reply_in_progress(req);
	} else {
		size_t n = 0;
		const void *body = s40_col_blob(s, 4, &n);
		srv_reply_bytes(req, (unsigned)s40_col_int64(s, 1), s40_col_text(s, 2),
				body ? body : "", body ? n : 0);
		const char *loc = s40_col_text(s, 3);
		if (loc != NULL)
			srv_reply_header(req, MHD_HTTP_HEADER_LOCATION, loc);
		srv_reply_header(req, "Idempotency-Replayed", "true");
	}
	if (s != NULL)
		s40_stmt_reset(s);
	free(idem->path);
	free(idem);
	return false;
}

enum s40_err srv_idem_insert(struct s40_store *st, struct srv_job *job, struct s40_ctx *ctx)
{
	const struct srv_idem *idem = job->idem;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_IDEM_INSERT, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	s40_stmt_text(s, 1, idem->user);
	s40_stmt_text(s, 2, idem->key);
	s40_stmt_text(s, 3, idem->fingerprint);
	s40_stmt_text(s, 4, idem->method);
	s40_stmt_text(s, 5, idem->path);
	s40_stmt_int64(s, 6, (int64_t)time(NULL));
	int rc = s40_stmt_step(s, ctx);
	s40_stmt_reset(s);
	if (rc == S40_ROW) {
		job->idem_inserted = true;
		return S40_OK;
	}
	if (rc != S40_OK)
		return (enum s40_err)rc;
	/* The key is there already: an identical request went first. */
	return s40_errorf(ctx, S40_E_IDEM_IN_PROGRESS, "Idempotency-Key",
			  "คำขอที่ใช้ Idempotency-Key นี้บันทึกไปแล้วหรือกำลังบันทึกอยู่ "
			  "โปรดลองใหม่ในอีกครู่",
			  "a request with this Idempotency-Key was written already or is being "
			  "written; try again in a moment");
}

/* When the writer last removed the expired keys (seconds; 0: not yet). */
static _Atomic int64_t last_purge;

static enum s40_err answer_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			       struct s40_ctx *ctx)
{
	(void)job;
	struct answer_job *a = arg;
	struct s40_stmt *s =
		s40_store_stmt(reg->store, a->forget ? S40_Q_IDEM_DELETE : S40_Q_IDEM_ANSWER, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	s40_stmt_text(s, 1, a->job.user);
	s40_stmt_text(s, 2, a->key);
	if (!a->forget) {
		s40_stmt_int64(s, 3, a->status);
		s40_stmt_text(s, 4, a->type);
		s40_stmt_text(s, 5, a->location);
		s40_stmt_blob(s, 6, a->body ? a->body : "", a->len);
	}
	enum s40_err rc = s40_stmt_exec(s, ctx);
	int64_t now = (int64_t)time(NULL), last = atomic_load(&last_purge);
	if (rc == S40_OK && now - last >= IDEM_PURGE_EVERY_S &&
	    atomic_compare_exchange_strong(&last_purge, &last, now)) {
		s = s40_store_stmt(reg->store, S40_Q_IDEM_EXPIRE, ctx);
		if (s == NULL)
			return ctx->code ? ctx->code : S40_E_DB;
		s40_stmt_int64(s, 1, now - SRV_IDEM_KEEP_S);
		rc = s40_stmt_exec(s, ctx);
	}
	return rc;
}

static void answer_done(struct srv_job *job)
{
	struct answer_job *a = job->done_arg;
	pthread_mutex_lock(&pending_mu);
	for (struct answer_job **p = &pending; *p != NULL; p = &(*p)->next_pending)
		if (*p == a) {
			*p = a->next_pending;
			break;
		}
	pthread_mutex_unlock(&pending_mu);
	if (job->rc != S40_OK)
		fprintf(stderr,
			"s40 serve: the answer of Idempotency-Key \"%s\" was not stored: %s\n",
			a->key, s40_errmsg(&job->ctx, S40_LANG_EN));
	free(a->type);
	free(a->location);
	free(a->body);
	free(a);
}

void srv_idem_answer(struct srv_req *req)
{
	struct srv_idem *idem = req->idem;
	if (idem == NULL)
		return;
	if (req->job.rc == S40_E_IDEM_IN_PROGRESS &&
	    srv_resp_header(&req->resp, MHD_HTTP_HEADER_RETRY_AFTER) == NULL)
		srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "1");
	if (!idem->recorded || req->resp.status == 0)
		return;
	idem->recorded = false; /* stored once */
	struct answer_job *a = srv_must(calloc(1, sizeof *a));
	a->srv = req->srv;
	snprintf(a->key, sizeof a->key, "%s", idem->key);
	snprintf(a->fingerprint, sizeof a->fingerprint, "%s", idem->fingerprint);
	a->forget = idem->forget;
	a->status = req->resp.status;
	if (!a->forget) {
		const char *loc = srv_resp_header(&req->resp, MHD_HTTP_HEADER_LOCATION);
		a->type = req->resp.type ? srv_must(strdup(req->resp.type)) : NULL;
		a->location = loc ? srv_must(strdup(loc)) : NULL;
		a->body = srv_must(malloc(req->resp.len + 1));
		memcpy(a->body, req->resp.body ? req->resp.body : "", req->resp.len);
		a->len = req->resp.len;
	}
	struct srv_job *j = &a->job;
	j->run = answer_run;
	j->arg = a;
	snprintf(j->user, sizeof j->user, "%s", idem->user);
	j->today = srv_today(req->srv);
	j->done = answer_done;
	j->done_arg = a;
	pthread_mutex_lock(&pending_mu);
	a->next_pending = pending;
	pending = a;
	pthread_mutex_unlock(&pending_mu);
	srv_writer_submit(req->srv->writer, j);
}

void srv_idem_forget(struct srv_req *req)
{
	if (req->idem != NULL)
		req->idem->forget = true;
}

void srv_idem_free(struct srv_idem *idem)
{
	if (idem == NULL)
		return;
	free(idem->path);
	free(idem);
}
