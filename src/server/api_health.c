/*
 * api_health.c — what anyone may ask without logging in: whether the server
 * and its database answer, the program's version, and the OpenAPI document
 * (docs/openapi.json, built into the program).
 */
#include <time.h>

#include "core/embed.h"
#include "server.h"

#ifndef S40_VERSION
#define S40_VERSION "0.1.0"
#endif

/* GET /api/v1/health */
static void health_get(struct srv_req *req)
{
	/* A round trip to each database the server uses, so that a load
	 * balancer takes a server whose database is away out of its pool (503
	 * db_unavailable) rather than sending it requests it cannot answer. */
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t v;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	if (s40_store_data_version(st, &v, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	if (req->srv->cfg.read_db != NULL && !req->primary) {
		req->primary = true;
		struct s40_store *primary = srv_store_or_reply(req);
		if (primary == NULL)
			return;
		if (s40_store_data_version(primary, &v, &ctx) != S40_OK) {
			srv_reply_problem(req, &ctx);
			return;
		}
	}
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	size_t spells = s40_asof_n_spells(req->srv->ix);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	/* Whether GET /reports/coverage answers from the coverage index now. */
	int64_t head = 0;
	bool cov_current = false;
	if (srv_journal_head(st, &head, &ctx) == S40_OK) {
		const struct s40_cov_ix *cov = srv_cov_acquire(req->srv, head);
		if (cov != NULL) {
			cov_current = true;
			srv_cov_release(req->srv);
		}
	}
	json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:I, s:I, s:b, s:b}", "status", "ok", "version",
			      S40_VERSION, "db", s40_store_engine_name(st), "schema",
			      s40_store_schema_version(st), "uptime_s",
			      (json_int_t)((int64_t)time(NULL) - req->srv->started_at),
			      "index_spells", (json_int_t)spells, "coverage_index_current",
			      cov_current, "stopping", atomic_load(&req->srv->stopping));
	/* The server's day (--today or the clock): the web UI's default "as of". */
	if (o != NULL)
		json_object_set_new(o, "today", srv_json_date(srv_today(req->srv)));
	srv_reply_json(req, 200, o);
}

/* GET /api/v1/version */
static void version_get(struct srv_req *req)
{
	srv_reply_json(req, 200,
		       json_pack("{s:s, s:s, s:s}", "name", "s40", "version", S40_VERSION, "api",
				 "v1"));
}

/* GET /api/v1/openapi.json */
static void openapi_get(struct srv_req *req)
{
	const struct s40_embed *e = s40_embed_find("docs/openapi.json");
	if (e == NULL) {
		srv_reply_errorf(req, S40_E_INTERNAL, NULL, "ไม่มีเอกสาร OpenAPI ในโปรแกรม",
				 "the OpenAPI document is not built in");
		return;
	}
	srv_reply_embed(req, e, "application/json; charset=utf-8");
}

const struct srv_route api_health_routes[] = {
	{ "GET", "/api/v1/health", health_get, SRV_PUBLIC, SRV_BODY_NONE },
	{ "GET", "/api/v1/version", version_get, SRV_PUBLIC, SRV_BODY_NONE },
	{ "GET", "/api/v1/openapi.json", openapi_get, SRV_PUBLIC, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
