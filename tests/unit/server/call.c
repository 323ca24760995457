/*
 * Unit tests of srv_call (src/server/server.c): a request answered in process
 * goes the way a connection's does — the route, the session from a bearer
 * token or a cookie, the query decoded as libmicrohttpd decodes it, a write
 * committed by the writer thread — and its answer carries the headers every
 * answer carries.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "core/date.h"
#include "registry/user.h"
#include "server.h"
#include "testdb.h"

struct fixture {
	struct testdb *t;
	struct srv *srv;
	char token[S40_TOKEN_TEXT_LEN + 1];
};

static int setup(void **state)
{
	s40_user_set_hash_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	void *tdb;
	if (testdb_setup(&tdb))
		return -1;
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->t = tdb;
	struct testdb *t = f->t;
	testdb_add_person(t, 3100600445635, "มาลี", "กรุงเทพ", s40_day_from_ymd(1980, 3, 1),
			  10010100);
	struct s40_user u;
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "officer10");
	u.role = S40_ROLE_OFFICER;
	u.area = 10;
	testdb_ok(s40_user_add(&t->reg, &u, "officer10-secret", &t->ctx), &t->ctx);
	t->reg.now = (int64_t)time(NULL); /* the session lives from now on */
	int64_t expires;
	testdb_ok(s40_session_open(&t->reg, u.user_id, 3600, NULL, f->token, sizeof f->token,
				   &expires, &t->ctx),
		  &t->ctx);
	struct srv_config cfg;
	srv_config_defaults(&cfg);
	cfg.db = t->uri;
	cfg.threads = 2;
	cfg.today = s40_day_from_ymd(2026, 1, 1);
	testdb_ok(srv_open(&cfg, &f->srv, &t->ctx), &t->ctx);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	srv_close(f->srv);
	void *tdb = f->t;
	free(f);
	return testdb_teardown(&tdb);
}

/* Call method target with headers and body; *out the JSON answer (NULL if
 * none). Returns the status. */
static unsigned call(struct fixture *f, const char *method, const char *target,
		     const char *const *headers, const char *body, struct srv_resp *r, json_t **out)
{
	struct srv_call c = { method, target, headers, body, body ? strlen(body) : 0, NULL };
	srv_call(f->srv, &c, r);
	*out = r->len ? json_loadb(r->body, r->len, 0, NULL) : NULL;
	assert_string_equal(srv_resp_header(r, "cache-control"), "no-store");
	assert_string_equal(srv_resp_header(r, "X-Content-Type-Options"), "nosniff");
	return r->status;
}

static void test_public_and_unauthenticated(void **state)
{
	struct fixture *f = *state;
	struct srv_resp r;
	json_t *j;
	assert_int_equal(call(f, "GET", "/api/v1/health", NULL, NULL, &r, &j), 200);
	assert_string_equal(srv_resp_header(&r, "Content-Type"), "application/json; charset=utf-8");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
	json_decref(j);
	srv_resp_free(&r);

	assert_int_equal(call(f, "GET", "/api/v1/auth/me", NULL, NULL, &r, &j), 401);
	assert_string_equal(srv_resp_header(&r, "Content-Type"),
			    "application/problem+json; charset=utf-8");
	assert_non_null(srv_resp_header(&r, "WWW-Authenticate"));
	assert_string_equal(json_string_value(json_object_get(j, "code")), "unauthenticated");
	json_decref(j);
	srv_resp_free(&r);

	/* A path with %00 is a bad path, not /api/v1/health. */
	assert_int_equal(call(f, "GET", "/api/v1/health%00x", NULL, NULL, &r, &j), 400);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "bad_path");
	json_decref(j);
	srv_resp_free(&r);

	assert_int_equal(call(f, "DELETE", "/api/v1/health", NULL, NULL, &r, &j), 405);
	assert_string_equal(srv_resp_header(&r, "Allow"), "GET");
	json_decref(j);
	srv_resp_free(&r);
}

static void test_session_by_token_and_cookie(void **state)
{
	struct fixture *f = *state;
	char bearer[96], cookie[128];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	snprintf(cookie, sizeof cookie, "theme=dark; s40_session=\"%s\"", f->token);
	const char *const by_token[] = { "Authorization", bearer, NULL };
	const char *const by_cookie[] = { "cookie", cookie, NULL };
	struct srv_resp r;
	json_t *j;
	assert_int_equal(call(f, "GET", "/api/v1/auth/me", by_token, NULL, &r, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "officer10");
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(call(f, "GET", "/api/v1/auth/me", by_cookie, NULL, &r, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "officer10");
	json_decref(j);
	srv_resp_free(&r);
}

static void test_query_decoded(void **state)
{
	struct fixture *f = *state;
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	const char *const h[] = { "Authorization", bearer, NULL };
	struct srv_resp r;
	json_t *j;
	/* q=มาลี %-encoded, '+' a space, a parameter's name in any case. */
	assert_int_equal(call(f, "GET",
			      "/api/v1/persons?Q=%E0%B8%A1%E0%B8%B2%E0%B8%A5%E0%B8%B5&limit=5&x", h,
			      NULL, &r, &j),
			 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(call(f, "GET", "/api/v1/persons?limit=5+", h, NULL, &r, &j), 400);
	assert_string_equal(json_string_value(json_object_get(j, "field")), "limit");
	json_decref(j);
	srv_resp_free(&r);
}

static void test_write_committed_or_refused(void **state)
{
	struct fixture *f = *state;
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	const char *const h[] = { "Authorization", bearer, "Content-Type", "application/json",
				  NULL };
	struct srv_resp r;
	json_t *j;
	int64_t head = testdb_journal_last(f->t->st);
	assert_int_equal(call(f, "POST", "/api/v1/persons", h, "{\"first_th\": ", &r, &j), 400);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "bad_json");
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(testdb_journal_last(f->t->st), head);

	const char *body = "{\"id\": \"1-1020-00001-05-7\", \"first_th\": \"สมชาย\", "
			   "\"last_th\": \"ใจดี\", \"birth_date\": \"1990-01-02\", "
			   "\"village\": 10010100}";
	const char *const plain[] = { "Authorization", bearer, "Content-Type", "text/plain", NULL };
	assert_int_equal(call(f, "POST", "/api/v1/persons", plain, body, &r, &j), 415);
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(call(f, "POST", "/api/v1/persons", h, body, &r, &j), 201);
	assert_string_equal(json_string_value(json_object_get(j, "first_th")), "สมชาย");
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(testdb_journal_last(f->t->st), head + 1);
}

/* The row of officer10's key, read on the test's own connection: true with
 * *status (0: no answer stored) when there is one. */
static bool idem_row(struct fixture *f, const char *key, long long *status)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(f->t->st, S40_Q_IDEM_GET, &ctx);
	assert_non_null(s);
	s40_stmt_text(s, 1, "officer10");
	s40_stmt_text(s, 2, key);
	int rc = s40_stmt_step(s, &ctx);
	assert_true(rc == S40_ROW || rc == S40_OK);
	if (rc == S40_ROW)
		*status = s40_col_null(s, 1) ? 0 : s40_col_int64(s, 1);
	s40_stmt_reset(s);
	return rc == S40_ROW;
}

static const char idem_person[] = "{\"id\": \"1-1020-00001-05-7\", \"first_th\": \"สมชาย\", "
				  "\"last_th\": \"ใจดี\", \"birth_date\": \"1990-01-02\", "
				  "\"village\": 10010100}";

/*
 * A key is committed with its write, in the write's transaction, and not with
 * a write refused; a key whose answer was never stored (the server stopped
 * between the commit and the answer) is answered 409 idempotency_in_progress,
 * and the write is not applied again.
 */
static void test_idempotency_key_with_the_write(void **state)
{
	struct fixture *f = *state;
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	const char *const h[] = { "Authorization", bearer, "Content-Type", "application/json",
				  "Idempotency-Key", "\"k-1\"", NULL };
	const char *const h2[] = { "Authorization", bearer, "Content-Type", "application/json",
				   "Idempotency-Key", "k-2", NULL };
	struct srv_resp r;
	json_t *j;
	long long status = -1;
	int64_t head = testdb_journal_last(f->t->st);

	/* Refused in the writer (the ID is there with other names): no key kept. */
	testdb_add_person(f->t, 1102000001057, "สมหญิง", "ใจดี", s40_day_from_ymd(1990, 1, 2),
			  10010100);
	head = testdb_journal_last(f->t->st);
	assert_int_equal(call(f, "POST", "/api/v1/persons", h2, idem_person, &r, &j), 409);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "exists");
	json_decref(j);
	srv_resp_free(&r);
	assert_false(idem_row(f, "k-2", &status));
	assert_int_equal(testdb_journal_last(f->t->st), head);

	/* Applied: the key's row is there; its answer is stored by a later write,
	 * done once the next write through the writer (queued after it) is. */
	const char *person = "{\"phone\": \"0811111111\"}";
	assert_int_equal(call(f, "PATCH", "/api/v1/persons/3100600445635", h, person, &r, &j),
			 200);
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(testdb_journal_last(f->t->st), head + 1);
	assert_true(idem_row(f, "k-1", &status));
	const char *const plain[] = { "Authorization", bearer, "Content-Type", "application/json",
				      NULL };
	assert_int_equal(call(f, "PATCH", "/api/v1/persons/3100600445635", plain,
			      "{\"phone\": \"0822222222\"}", &r, &j),
			 200);
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(testdb_journal_last(f->t->st), head + 2);
	assert_true(idem_row(f, "k-1", &status));
	assert_int_equal(status, 200);

	/* The server stopped between the commit and the answer: the key is there
	 * without one. The repeat is told to wait, and nothing is applied again. */
	char err[256];
	if (testdb_exec(f->t, "UPDATE idempotency SET status = NULL, body = NULL", err,
			sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(call(f, "PATCH", "/api/v1/persons/3100600445635", h, person, &r, &j),
			 409);
	assert_string_equal(json_string_value(json_object_get(j, "code")),
			    "idempotency_in_progress");
	assert_string_equal(json_string_value(json_object_get(j, "field")), "Idempotency-Key");
	assert_string_equal(srv_resp_header(&r, "Retry-After"), "1");
	json_decref(j);
	srv_resp_free(&r);
	assert_int_equal(testdb_journal_last(f->t->st), head + 2);
	assert_int_equal(call(f, "GET", "/api/v1/persons/3100600445635", plain, NULL, &r, &j),
			 200);
	assert_string_equal(json_string_value(json_object_get(j, "phone")), "0822222222");
	json_decref(j);
	srv_resp_free(&r);
}

/* A job that holds the writer until released. */
struct blocker {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool running, release, done;
};

static enum s40_err block_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			      struct s40_ctx *ctx)
{
	(void)job;
	(void)reg;
	(void)ctx;
	struct blocker *b = arg;
	pthread_mutex_lock(&b->mu);
	b->running = true;
	pthread_cond_broadcast(&b->cv);
	while (!b->release)
		pthread_cond_wait(&b->cv, &b->mu);
	pthread_mutex_unlock(&b->mu);
	return S40_OK;
}

static void block_done(struct srv_job *job)
{
	struct blocker *b = job->done_arg;
	pthread_mutex_lock(&b->mu);
	b->done = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

struct dup_call {
	struct fixture *f;
	const char *const *headers;
	struct srv_resp r;
};

static void *dup_main(void *arg)
{
	struct dup_call *d = arg;
	struct srv_call c = { "POST", "/api/v1/persons", d->headers, idem_person,
			      strlen(idem_person), NULL };
	srv_call(d->f->srv, &c, &d->r);
	return NULL;
}

/*
 * Two identical requests with one key at once: one is applied, the other is
 * answered with its answer or 409 idempotency_in_progress. The writer is held
 * while both are looked up and queued, so that usually both find no key and
 * the key's unique row in the writer decides.
 */
static void test_idempotency_key_twice_at_once(void **state)
{
	struct fixture *f = *state;
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	const char *const h[] = { "Authorization", bearer, "Content-Type", "application/json",
				  "Idempotency-Key", "twice", NULL };
	int64_t head = testdb_journal_last(f->t->st);
	struct blocker b = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false,
			     false };
	struct srv_job job;
	memset(&job, 0, sizeof job);
	job.run = block_run;
	job.arg = &b;
	snprintf(job.user, sizeof job.user, "test");
	job.done = block_done;
	job.done_arg = &b;
	srv_writer_submit(f->srv->writer, &job);
	pthread_mutex_lock(&b.mu);
	while (!b.running)
		pthread_cond_wait(&b.cv, &b.mu);
	pthread_mutex_unlock(&b.mu);

	struct dup_call d[2] = { { f, h, { 0 } }, { f, h, { 0 } } };
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, dup_main, &d[i]), 0);
	struct timespec ts = { 0, 200 * 1000 * 1000 }; /* time to be queued (not asserted) */
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&b.mu);
	b.release = true;
	pthread_cond_broadcast(&b.cv);
	while (!b.done)
		pthread_cond_wait(&b.cv, &b.mu);
	pthread_mutex_unlock(&b.mu);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);

	int applied = 0, other = 0;
	for (int i = 0; i < 2; i++) {
		json_t *j = json_loadb(d[i].r.body, d[i].r.len, 0, NULL);
		const char *replayed = srv_resp_header(&d[i].r, "Idempotency-Replayed");
		if (d[i].r.status == 201 && replayed == NULL)
			applied++;
		else if ((d[i].r.status == 201 && strcmp(replayed, "true") == 0) ||
			 (d[i].r.status == 409 &&
			  strcmp(json_string_value(json_object_get(j, "code")),
				 "idempotency_in_progress") == 0))
			other++;
		json_decref(j);
		srv_resp_free(&d[i].r);
	}
	assert_int_equal(applied, 1);
	assert_int_equal(other, 1);
	assert_int_equal(testdb_journal_last(f->t->st), head + 1);
}

/* A report's CSV is Excel's by default (the web's download button asks so): a BOM, CRLF,
 * the labels in ?lang=; ?csv=plain is the scripts' form whatever the language. */
static void test_report_csv_styles(void **state)
{
	struct fixture *f = *state;
	char bearer[96];
	snprintf(bearer, sizeof bearer, "Bearer %s", f->token);
	const char *const auth[] = { "Authorization", bearer, NULL };
	struct srv_resp r;
	json_t *j;
	static const struct {
		const char *query;
		const char *head;
	} cases[] = {
		{ "", "\xEF\xBB\xBF"
		      "รหัส,พื้นที่,ชื่อภาษาอังกฤษ,ผู้ประกันตน\r\n" },
		{ "&lang=th&csv=excel", "\xEF\xBB\xBF"
					"รหัส,พื้นที่,ชื่อภาษาอังกฤษ,ผู้ประกันตน\r\n" },
		{ "&lang=en", "\xEF\xBB\xBF"
			      "code,area (Thai),area,members\r\n" },
		{ "&csv=plain", "code,name_th,name_en,members\n" },
		{ "&csv=plain&lang=en", "code,name_th,name_en,members\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char target[160];
		snprintf(target, sizeof target,
			 "/api/v1/reports/asof?area=10&date=2026-01-01&format=csv%s",
			 cases[i].query);
		assert_int_equal(call(f, "GET", target, auth, NULL, &r, &j), 200);
		assert_string_equal(srv_resp_header(&r, "Content-Type"), "text/csv; charset=utf-8");
		size_t n = strlen(cases[i].head);
		if (r.len < n || memcmp(r.body, cases[i].head, n) != 0)
			fail_msg("%s: the CSV begins \"%.*s\", want \"%s\"", target,
				 (int)(r.len < n ? r.len : n), r.body, cases[i].head);
		json_decref(j);
		srv_resp_free(&r);
	}
	assert_int_equal(call(f, "GET", "/api/v1/reports/asof?area=10&format=csv&csv=xls", auth,
			      NULL, &r, &j),
			 400);
	assert_string_equal(json_string_value(json_object_get(j, "code")), "bad_value");
	assert_string_equal(json_string_value(json_object_get(j, "field")), "csv");
	json_decref(j);
	srv_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_public_and_unauthenticated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_by_token_and_cookie, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_decoded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_committed_or_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_csv_styles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idempotency_key_with_the_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idempotency_key_twice_at_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
