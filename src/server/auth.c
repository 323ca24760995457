/*
 * auth.c — who is asking and what they may see: the session from a bearer
 * token or the s40_session cookie, the route's roles, and the scope of a
 * user's area (an officer of province 75 sees nothing of province 10: a person
 * out of scope is answered exactly as a person who does not exist).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/area.h"
#include "registry/followup.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "server.h"

/* The token of req: "Authorization: Bearer T" first, then the cookie. */
static const char *request_token(struct srv_req *req)
{
	const char *h = srv_req_value(req, SRV_VALUE_HEADER, MHD_HTTP_HEADER_AUTHORIZATION);
	if (h != NULL && strncasecmp(h, "Bearer ", 7) == 0) {
		h += 7;
		while (*h == ' ')
			h++;
		return h;
	}
	return srv_req_value(req, SRV_VALUE_COOKIE, "s40_session");
}

/*
 * Sessions seen in the last few seconds, so that a busy client does not cost a
 * database read per request. An entry is trusted for SESSION_CACHE_SECONDS
 * at most; logging out and changing a password through the server drop it at
 * once (srv_session_forget), and so does a session ended by another process
 * (below).
 */
#define SESSION_CACHE_SLOTS 256
#define SESSION_CACHE_SECONDS 5

struct cached_session {
	char token[S40_TOKEN_TEXT_LEN + 1];
	struct s40_user user;
	int64_t expires_at;
	int64_t cached_at;
	uint64_t epoch; /* sessions_epoch when the row was read */
};

static struct cached_session sessions[SESSION_CACHE_SLOTS];
static pthread_mutex_t sessions_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * A cached session is trusted only within the epoch it was read in. On SQLite
 * another process's commit (s40 user passwd, another server on the same file)
 * shows in a connection's data_version: the first thread to see it change
 * starts a new epoch, and every cached session is read again. On PostgreSQL
 * the follower hears the session's end at once (writer.c) and forgets it.
 */
static atomic_uint_fast64_t sessions_epoch;
static _Thread_local const struct s40_store *seen_store;
static _Thread_local int64_t seen_version;

static void epoch_check(struct s40_store *st)
{
	if (strcmp(s40_store_engine_name(st), "sqlite") != 0)
		return;
	int64_t v;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_store_data_version(st, &v, &ctx) != S40_OK) {
		atomic_fetch_add(&sessions_epoch, 1);
		return;
	}
	if (seen_store != st || seen_version != v) {
		atomic_fetch_add(&sessions_epoch, 1);
		seen_store = st;
		seen_version = v;
	}
}

size_t srv_slot_of(const char *key, size_t n_slots)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const char *c = key; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ull;
	return (size_t)(h % n_slots);
}

static size_t session_slot(const char *token)
{
	return srv_slot_of(token, SESSION_CACHE_SLOTS);
}

static bool session_cached(const char *token, int64_t now, struct s40_user *u)
{
	if (strlen(token) != S40_TOKEN_TEXT_LEN)
		return false;
	bool hit = false;
	pthread_mutex_lock(&sessions_mu);
	struct cached_session *c = &sessions[session_slot(token)];
	if (strcmp(c->token, token) == 0 && c->expires_at > now &&
	    now - c->cached_at < SESSION_CACHE_SECONDS &&
	    c->epoch == atomic_load(&sessions_epoch)) {
		*u = c->user;
		hit = true;
	}
	pthread_mutex_unlock(&sessions_mu);
	return hit;
}

static void session_keep(const char *token, int64_t now, const struct s40_user *u,
			 int64_t expires_at, uint64_t epoch)
{
	if (strlen(token) != S40_TOKEN_TEXT_LEN)
		return;
	pthread_mutex_lock(&sessions_mu);
	struct cached_session *c = &sessions[session_slot(token)];
	memcpy(c->token, token, S40_TOKEN_TEXT_LEN + 1);
	c->user = *u;
	c->expires_at = expires_at;
	c->cached_at = now;
	c->epoch = epoch;
	pthread_mutex_unlock(&sessions_mu);
}

void srv_session_forget(const char *token)
{
	pthread_mutex_lock(&sessions_mu);
	if (token == NULL) {
		memset(sessions, 0, sizeof sessions);
	} else {
		struct cached_session *c = &sessions[session_slot(token)];
		if (strcmp(c->token, token) == 0)
			memset(c, 0, sizeof *c);
	}
	pthread_mutex_unlock(&sessions_mu);
}

bool srv_auth_or_reply(struct srv_req *req)
{
	const char *token = request_token(req);
	unsigned roles = req->route->roles;
	if (token == NULL || token[0] == '\0') {
		if (roles == SRV_PUBLIC)
			return true;
		srv_reply_errorf(req, S40_E_UNAUTHENTICATED, NULL, NULL, NULL);
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t now = (int64_t)time(NULL), expires = 0;
	enum s40_err rc = S40_OK;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return false;
	epoch_check(st);
	uint64_t epoch = atomic_load(&sessions_epoch);
	if (!session_cached(token, now, &req->user)) {
		rc = s40_session_user(st, token, now, &req->user, &expires, &ctx);
		if (rc == S40_E_UNAUTHENTICATED && req->srv->cfg.read_db != NULL && !req->primary) {
			/* A session made a moment ago may not be on the replica yet. */
			req->primary = true;
			if ((st = srv_store_or_reply(req)) == NULL)
				return false;
			s40_ctx_clear(&ctx);
			rc = s40_session_user(st, token, now, &req->user, &expires, &ctx);
			if (rc == S40_OK && req->route->body == SRV_BODY_NONE)
				req->primary = false; /* its reads may go to the replica again */
		}
		if (rc == S40_OK)
			session_keep(token, now, &req->user, expires, epoch);
	}
	if (rc == S40_OK) {
		req->authed = true;
		snprintf(req->token, sizeof req->token, "%s", token);
	} else if (rc != S40_E_UNAUTHENTICATED) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	if (roles == SRV_PUBLIC)
		return true;
	if (!req->authed) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	if ((roles & (1u << req->user.role)) == 0) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, NULL, "ผู้ใช้บทบาท %s ไม่มีสิทธิใช้ %s %s",
				 "a user with role %s may not use %s %s",
				 s40_role_key(req->user.role), req->method, req->route->pattern);
		return false;
	}
	return true;
}

bool srv_scope_area(const struct srv_req *req, int32_t area)
{
	return req->user.role == S40_ROLE_ADMIN || req->user.area == 0 ||
	       (area != 0 && s40_area_contains(req->user.area, area));
}

int32_t srv_scope_root(const struct srv_req *req)
{
	return req->user.role == S40_ROLE_ADMIN ? 0 : req->user.area;
}

bool srv_mask_ids(const struct srv_req *req)
{
	return req->user.role != S40_ROLE_ADMIN && req->user.role != S40_ROLE_OFFICER;
}

static enum s40_err not_found(int64_t id, struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOT_FOUND, "id", "ไม่พบบุคคลเลขประจำตัว %lld ในทะเบียน",
			  "no person %lld in the register", (long long)id);
}

enum s40_err srv_person_visible(struct s40_store *st, const struct s40_user *u,
				const struct s40_person *p, struct s40_ctx *ctx)
{
	if (u->role == S40_ROLE_ADMIN)
		return S40_OK;
	if (u->role != S40_ROLE_OFFICER && u->role != S40_ROLE_VOLUNTEER)
		return not_found(p->id, ctx);
	/* A volunteer's own record is its own to read, wherever it lives. */
	if (u->role == S40_ROLE_VOLUNTEER && u->person != 0 && p->id == u->person)
		return S40_OK;
	if (u->area != 0 && !s40_area_contains(u->area, p->village))
		return not_found(p->id, ctx);
	if (u->role == S40_ROLE_OFFICER)
		return S40_OK;
	if (u->person == 0)
		return not_found(p->id, ctx);
	struct s40_spell *v;
	size_t n;
	enum s40_err rc = s40_membership_list(st, p->id, &v, &n, ctx);
	if (rc)
		return rc;
	bool mine = false;
	for (size_t i = 0; i < n; i++)
		if (v[i].recruited_by == u->person)
			mine = true;
	free(v);
	/* ... or a member it is assigned to follow up. */
	if (!mine) {
		struct s40_assignment a;
		int found;
		if ((rc = s40_followup_assignment(st, p->id, &a, &found, ctx)))
			return rc;
		mine = found && a.assignee == u->person;
	}
	return mine ? S40_OK : not_found(p->id, ctx);
}

enum s40_err srv_person_get_visible(struct s40_store *st, const struct s40_user *u, int64_t id,
				    struct s40_person *p, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_person_get(st, id, p, ctx);
	if (rc == S40_E_NOT_FOUND)
		return not_found(id, ctx);
	if (rc)
		return rc;
	return srv_person_visible(st, u, p, ctx);
}

void srv_cookie(const struct srv_req *req, const char *token, int64_t max_age, char *buf, size_t n)
{
	snprintf(buf, n, "s40_session=%s; Max-Age=%lld; Path=/; HttpOnly; SameSite=Strict%s", token,
		 (long long)max_age, req->secure ? "; Secure" : "");
}
