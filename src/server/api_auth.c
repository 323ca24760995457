/*
 * api_auth.c — logging in and out. A login checks the throttle (per user name
 * at the client's address, and per address: lib/registry/user.h), the argon2id
 * password, then opens a session: the
 * token is returned once in the body (for scripts: Authorization: Bearer) and
 * in an HttpOnly, SameSite=Strict cookie (for the browser; Secure when the
 * request came over TLS through a proxy). Failures are counted; repeated ones
 * are slowed, then refused for a while (429 with Retry-After).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/natid.h"
#include "server.h"

json_t *api_user_json(const struct s40_user *u)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:b}", "name", u->name, "role",
			      s40_role_key(u->role), "role_th", s40_role_name(u->role, S40_LANG_TH),
			      "role_en", s40_role_name(u->role, S40_LANG_EN), "area", (int)u->area,
			      "disabled", u->disabled);
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "person",
			    u->person ? srv_json_natid(u->person, false) : json_null());
	return o;
}

struct login {
	char name[S40_USER_NAME_MAX];
	char addr[80];
	bool ok;
	struct s40_user user;
	char token[S40_TOKEN_TEXT_LEN + 1];
	int64_t ttl;
	int64_t expires;
};

static enum s40_err login_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				struct s40_ctx *ctx)
{
	(void)job;
	struct login *l = arg;
	char ukey[160], akey[160];
	s40_throttle_keys(l->name, l->addr, ukey, akey, sizeof ukey);
	int64_t now = s40_reg_now(reg);
	enum s40_err rc;
	if (!l->ok) {
		if ((rc = s40_throttle_fail(reg, ukey, now, ctx)))
			return rc;
		return s40_throttle_fail(reg, akey, now, ctx);
	}
	if ((rc = s40_throttle_clear(reg, ukey, ctx)))
		return rc;
	return s40_session_open(reg, l->user.user_id, l->ttl, l->addr, l->token, sizeof l->token,
				&l->expires, ctx);
}

static void login_after(struct srv_req *req)
{
	struct login *l = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	if (!l->ok) {
		srv_reply_errorf(req, S40_E_BAD_LOGIN, "password", NULL, NULL);
		return;
	}
	char expires[32];
	time_t t = (time_t)l->expires;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(expires, sizeof expires, "%Y-%m-%dT%H:%M:%SZ", &tm);
	srv_reply_json(req, 200,
		       json_pack("{s:s, s:s, s:s, s:o}", "token", l->token, "token_type", "Bearer",
				 "expires_at", expires, "user", api_user_json(&l->user)));
	char cookie[256];
	srv_cookie(req, l->token, l->ttl, cookie, sizeof cookie);
	srv_reply_header(req, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	memset(l->token, 0, sizeof l->token);
}

/* Reply 429 when key is throttled; false then. */
static bool throttle_or_reply(struct srv_req *req, struct s40_store *st, const char *key)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t retry = 0;
	enum s40_err rc = s40_throttle_check(st, key, (int64_t)time(NULL), &retry, &ctx);
	if (rc == S40_OK)
		return true;
	srv_reply_problem(req, &ctx);
	if (rc == S40_E_THROTTLED) {
		char b[32];
		snprintf(b, sizeof b, "%lld", (long long)retry);
		srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, b);
	}
	return false;
}

/* POST /api/v1/auth/login {"name", "password"} */
static void login_post(struct srv_req *req)
{
	static const char *const keys[] = { "name", "password", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	const char *name = NULL, *password = NULL;
	if (!srv_keys_or_reply(req, body, keys) ||
	    !srv_json_str_or_reply(req, body, "name", true, &name) ||
	    !srv_json_str_or_reply(req, body, "password", true, &password)) {
		json_decref(body);
		return;
	}
	struct s40_store *st = srv_store_or_reply(req);
	struct login *l = calloc(1, sizeof *l);
	if (l == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	req->state_ptr = l;
	req->state_free = free;
	snprintf(l->name, sizeof l->name, "%s", name);
	snprintf(l->addr, sizeof l->addr, "%s", req->addr);
	l->ttl = req->srv->cfg.session_ttl;
	char ukey[160], akey[160];
	s40_throttle_keys(l->name, l->addr, ukey, akey, sizeof ukey);
	if (st == NULL || !throttle_or_reply(req, st, ukey) || !throttle_or_reply(req, st, akey)) {
		json_decref(body);
		return;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = s40_user_authenticate(st, name, password, &l->user, &ctx);
	json_decref(body); /* the password goes with it */
	if (rc != S40_OK && rc != S40_E_BAD_LOGIN) {
		srv_reply_problem(req, &ctx);
		return;
	}
	l->ok = rc == S40_OK;
	srv_write(req, login_write, l, login_after);
}

static enum s40_err logout_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	return s40_session_close(reg, arg, ctx);
}

static void logout_after(struct srv_req *req)
{
	srv_session_forget(req->token);
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_empty(req, 204);
	char cookie[128];
	srv_cookie(req, "", 0, cookie, sizeof cookie);
	srv_reply_header(req, MHD_HTTP_HEADER_SET_COOKIE, cookie);
}

/* POST /api/v1/auth/logout */
static void logout_post(struct srv_req *req)
{
	srv_write(req, logout_write, req->token, logout_after);
}

/* GET /api/v1/auth/me */
static void me_get(struct srv_req *req)
{
	srv_reply_json(req, 200, api_user_json(&req->user));
}

const struct srv_route api_auth_routes[] = {
	{ "POST", "/api/v1/auth/login", login_post, SRV_PUBLIC, SRV_BODY_JSON },
	{ "POST", "/api/v1/auth/logout", logout_post, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/auth/me", me_get, SRV_ANY_USER, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
