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

/*
 * Checking a password (argon2id) holds a worker thread for a tenth of a second
 * or so. Logins from one address are checked one at a time, and at most
 * threads - 1 at once overall, so that a flood of logins always leaves a
 * thread for everyone else: a login beyond that is answered at once (429 for
 * the address already being checked, 503 when every checking slot is busy),
 * with Retry-After: 1.
 */
#define LOGIN_GATE_ADDRS 64

static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static char gate_addr[LOGIN_GATE_ADDRS][80];
static unsigned gate_busy;

/* 0: entered (leave with login_gate_leave); else the error to answer with. */
static enum s40_err login_gate_enter(const struct srv_req *req)
{
	unsigned max = req->srv->cfg.threads > 1 ? req->srv->cfg.threads - 1 : 1;
	enum s40_err rc = S40_OK;
	pthread_mutex_lock(&gate_mu);
	size_t free_slot = LOGIN_GATE_ADDRS;
	for (size_t i = 0; i < LOGIN_GATE_ADDRS && rc == S40_OK; i++) {
		if (gate_addr[i][0] == '\0')
			free_slot = free_slot < LOGIN_GATE_ADDRS ? free_slot : i;
		else if (strcmp(gate_addr[i], req->addr) == 0)
			rc = S40_E_THROTTLED;
	}
	if (rc == S40_OK && (gate_busy >= max || free_slot == LOGIN_GATE_ADDRS))
		rc = S40_E_BUSY;
	if (rc == S40_OK) {
		snprintf(gate_addr[free_slot], sizeof gate_addr[free_slot], "%s", req->addr);
		gate_busy++;
	}
	pthread_mutex_unlock(&gate_mu);
	return rc;
}

static void login_gate_leave(const struct srv_req *req)
{
	pthread_mutex_lock(&gate_mu);
	for (size_t i = 0; i < LOGIN_GATE_ADDRS; i++)
		if (strcmp(gate_addr[i], req->addr) == 0) {
			gate_addr[i][0] = '\0';
			gate_busy--;
			break;
		}
	pthread_mutex_unlock(&gate_mu);
}

/* Check name's password through the gate: S40_OK, S40_E_BAD_LOGIN, or an error
 * already answered (false then). */
bool api_password_check(struct srv_req *req, struct s40_store *st, const char *name,
			const char *password, struct s40_user *u, bool *right)
{
	enum s40_err g = login_gate_enter(req);
	if (g != S40_OK) {
		if (g == S40_E_THROTTLED)
			srv_reply_errorf(req, g, NULL,
					 "กำลังตรวจรหัสผ่านอีกรายการจากที่อยู่นี้ โปรดลองใหม่ในอีกครู่",
					 "another login from this address is being checked: try "
					 "again in a moment");
		else
			srv_reply_errorf(req, g, NULL, NULL, NULL);
		srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "1");
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = s40_user_authenticate(st, name, password, u, &ctx);
	login_gate_leave(req);
	if (rc != S40_OK && rc != S40_E_BAD_LOGIN) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	*right = rc == S40_OK;
	return true;
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
	struct login *l = srv_zalloc(sizeof *l);
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
	bool checked = api_password_check(req, st, name, password, &l->user, &l->ok);
	json_decref(body); /* the password goes with it */
	if (checked)
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

/* GET /api/v1/auth/me: the user, and how many days the web UI may keep the
 * personal data of their area on the device for use without a network
 * (s40 serve --offline-days). */
static void me_get(struct srv_req *req)
{
	json_t *o = api_user_json(&req->user);
	if (o != NULL)
		json_object_set_new(o, "offline_days",
				    json_integer((json_int_t)req->srv->cfg.offline_days));
	srv_reply_json(req, 200, o);
}

const struct srv_route api_auth_routes[] = {
	{ "POST", "/api/v1/auth/login", login_post, SRV_PUBLIC, SRV_BODY_JSON },
	{ "POST", "/api/v1/auth/logout", logout_post, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/auth/me", me_get, SRV_ANY_USER, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
