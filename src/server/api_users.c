/*
 * api_users.c — users for administrators: list, add, set a password (a user
 * may also set its own). Through the same library calls as s40 user.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/area.h"
#include "server.h"

/* GET /api/v1/users */
static void users_list(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_user *v;
	size_t n;
	if (s40_user_list(st, &v, &n, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_user_json(&v[i]));
	free(v);
	srv_reply_json(req, 200, srv_json_page(items, (long long)n, (long long)n, 0));
}

struct user_write {
	struct s40_user u;
	char password[S40_PASSWORD_MAX + 2];
	bool self; /* a user setting its own password */
	bool current_ok; /* and the current one it gave is right */
	char addr[80];
};

static void user_write_free(void *p)
{
	struct user_write *w = p;
	memset(w->password, 0, sizeof w->password);
	free(w);
}

static struct user_write *user_write_new(struct srv_req *req)
{
	struct user_write *w = calloc(1, sizeof *w);
	if (w == NULL)
		abort();
	req->state_ptr = w;
	req->state_free = user_write_free;
	return w;
}

static enum s40_err add_write(struct srv_job *job, struct s40_reg *reg, void *arg,
			      struct s40_ctx *ctx)
{
	(void)job;
	struct user_write *w = arg;
	return s40_user_add(reg, &w->u, w->password, ctx);
}

static void add_after(struct srv_req *req)
{
	struct user_write *w = req->state_ptr;
	if (req->job.rc != S40_OK)
		srv_reply_problem(req, &req->job.ctx);
	else
		srv_reply_json(req, 201, api_user_json(&w->u));
}

/* Copy the password; one longer than allowed is kept as too long, for the
 * library to refuse. */
static void take_password(struct user_write *w, const char *pw)
{
	size_t n = strlen(pw);
	if (n > S40_PASSWORD_MAX) {
		memset(w->password, 'x', S40_PASSWORD_MAX + 1);
		w->password[S40_PASSWORD_MAX + 1] = '\0';
		return;
	}
	memcpy(w->password, pw, n + 1);
}

/* POST /api/v1/users {"name", "role", "area", "person", "password"} */
static void users_post(struct srv_req *req)
{
	static const char *const keys[] = { "name", "role", "area", "person", "password", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct user_write *w = user_write_new(req);
	const char *name = NULL, *role = NULL, *pw = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_str_or_reply(req, body, "name", true, &name) &&
		  srv_json_str_or_reply(req, body, "role", true, &role) &&
		  srv_json_area_or_reply(req, body, "area", false, &w->u.area) &&
		  srv_json_id_or_reply(req, body, "person", false, &w->u.person) &&
		  srv_json_str_or_reply(req, body, "password", true, &pw);
	if (ok && (w->u.role = s40_role_parse(role)) == S40_ROLE_NONE) {
		srv_reply_errorf(req, S40_E_BAD_ROLE, "role", NULL, NULL);
		ok = false;
	}
	if (ok && strlen(name) >= sizeof w->u.name) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "name", "ชื่อผู้ใช้ยาวเกินไป",
				 "the user name is too long");
		ok = false;
	}
	if (ok) {
		snprintf(w->u.name, sizeof w->u.name, "%s", name);
		take_password(w, pw);
	}
	json_decref(body);
	if (ok)
		srv_write(req, add_write, w, add_after);
}

static enum s40_err passwd_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	struct user_write *w = arg;
	if (w->self && !w->current_ok) {
		/* A wrong current password is a failed login (a stolen token does
		 * not buy unlimited guesses); it is counted, and the answer is made
		 * after, so that the count is kept. */
		char pair[160], by_addr[160];
		s40_throttle_keys(w->u.name, w->addr, pair, by_addr, sizeof pair);
		int64_t now = s40_reg_now(reg);
		enum s40_err rc = s40_throttle_fail(reg, pair, now, ctx);
		return rc ? rc : s40_throttle_fail(reg, by_addr, now, ctx);
	}
	return s40_user_set_password(reg, w->u.name, w->password, ctx);
}

static void passwd_after(struct srv_req *req)
{
	struct user_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	if (w->self && !w->current_ok) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, "current_password",
				 "รหัสผ่านปัจจุบันไม่ถูกต้อง", "the current password is wrong");
		return;
	}
	srv_session_forget(NULL); /* the user's sessions are ended */
	srv_reply_empty(req, 204);
}

/* POST /api/v1/users/{name}/password {"password", "current_password"}: a user
 * setting its own password gives the current one too (an administrator
 * setting another's does not). Every session of the user ends. */
static void passwd_post(struct srv_req *req)
{
	if (req->user.role != S40_ROLE_ADMIN && strcmp(req->user.name, req->params[0]) != 0) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, NULL,
				 "ตั้งรหัสผ่านได้เฉพาะของตนเอง (หรือผู้ดูแลระบบ)",
				 "only an administrator may set another user's password");
		return;
	}
	static const char *const keys[] = { "password", "current_password", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct user_write *w = user_write_new(req);
	w->self = strcmp(req->user.name, req->params[0]) == 0;
	snprintf(w->addr, sizeof w->addr, "%s", req->addr);
	const char *pw = NULL, *current = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_str_or_reply(req, body, "password", true, &pw) &&
		  srv_json_str_or_reply(req, body, "current_password", w->self, &current);
	if (ok && w->self) {
		char pair[160], by_addr[160];
		s40_throttle_keys(req->user.name, req->addr, pair, by_addr, sizeof pair);
		struct s40_store *st = srv_store_or_reply(req);
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		int64_t retry = 0, now = (int64_t)time(NULL);
		enum s40_err rc = S40_OK;
		if (st == NULL)
			ok = false;
		else if ((rc = s40_throttle_check(st, pair, now, &retry, &ctx)) == S40_OK &&
			 (rc = s40_throttle_check(st, by_addr, now, &retry, &ctx)) == S40_OK) {
			struct s40_user who;
			ok = api_password_check(req, st, req->user.name, current, &who,
						&w->current_ok);
		}
		if (ok && rc != S40_OK) {
			srv_reply_problem(req, &ctx);
			if (rc == S40_E_THROTTLED) {
				char b[32];
				snprintf(b, sizeof b, "%lld", (long long)retry);
				srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, b);
			}
			ok = false;
		}
	}
	if (ok && strlen(req->params[0]) >= sizeof w->u.name) {
		srv_reply_errorf(req, S40_E_NOT_FOUND, "name", "ไม่พบผู้ใช้นี้", "no such user");
		ok = false;
	}
	if (ok) {
		memcpy(w->u.name, req->params[0], strlen(req->params[0]) + 1);
		take_password(w, pw);
	}
	json_decref(body);
	if (ok)
		srv_write(req, passwd_write, w, passwd_after);
}

const struct srv_route api_users_routes[] = {
	{ "GET", "/api/v1/users", users_list, SRV_ADMIN, SRV_BODY_NONE },
	{ "POST", "/api/v1/users", users_post, SRV_ADMIN, SRV_BODY_JSON },
	{ "POST", "/api/v1/users/{name}/password", passwd_post, SRV_ANY_USER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
