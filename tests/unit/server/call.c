/*
 * Unit tests of srv_call (src/server/server.c): a request answered in process
 * goes the way a connection's does — the route, the session from a bearer
 * token or a cookie, the query decoded as libmicrohttpd decodes it, a write
 * committed by the writer thread — and its answer carries the headers every
 * answer carries.
 */
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
