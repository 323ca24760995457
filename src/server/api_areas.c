/*
 * api_areas.c — the DOPA area tree: the children of an area (the provinces
 * without one), one area with its full name, and a search by Thai or English
 * name, each with its point (lat, lon). Geography is public knowledge: every
 * logged-in role may read all of it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "registry/areas.h"
#include "registry/geo.h"
#include "registry/search.h"
#include "server.h"

/* A degree value rounded to 4 decimals (some 11 m; the points are not finer). */
static json_t *degrees_json(double v)
{
	return json_real(round(v * 1e4) / 1e4);
}

/* An area; its lat and lon (registry/geo.h) null when no point is known. */
static json_t *area_json(const struct s40_area_rec *a)
{
	double lat, lon;
	bool known = s40_geo_point(a->code, &lat, &lon);
	return json_pack("{s:i, s:s, s:s, s:o, s:i, s:s, s:s, s:s, s:o, s:o}", "code", (int)a->code,
			 "level", s40_level_name(a->level, S40_LANG_EN), "level_th",
			 s40_level_name(a->level, S40_LANG_TH), "parent",
			 a->parent ? json_integer(a->parent) : json_null(), "moo", a->moo,
			 "name_th", a->name_th, "name_en", a->name_en, "postcode", a->postcode,
			 "lat", known ? degrees_json(lat) : json_null(), "lon",
			 known ? degrees_json(lon) : json_null());
}

/* GET /api/v1/areas?parent=CODE | ?q=TEXT, &limit=&offset= */
static void areas_list(struct srv_req *req)
{
	long long limit, offset;
	int32_t parent = 0;
	if (!srv_query_page_or_reply(req, &limit, &offset) ||
	    !srv_query_area_or_reply(req, "parent", &parent))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	const char *q = srv_query(req, "q");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	json_t *items = json_array();
	if (q != NULL && q[0] != '\0') {
		if (s40_area_search(st, q, (size_t)limit, (size_t)offset, &v, &n, &total, &ctx)) {
			json_decref(items);
			srv_reply_problem(req, &ctx);
			return;
		}
		for (size_t i = 0; i < n; i++)
			json_array_append_new(items, area_json(&v[i]));
	} else {
		struct s40_area_rec a;
		if ((parent != 0 && s40_area_get(st, parent, &a, &ctx) != S40_OK) ||
		    s40_area_children(st, parent, &v, &n, &ctx) != S40_OK) {
			json_decref(items);
			srv_reply_problem(req, &ctx);
			return;
		}
		total = (int64_t)n;
		for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++)
			json_array_append_new(items, area_json(&v[i]));
	}
	free(v);
	srv_reply_json(req, 200, srv_json_page(items, total, limit, offset));
}

/* GET /api/v1/areas/{code} */
static void area_get(struct srv_req *req)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int32_t code;
	if (s40_area_parse(req->params[0], "code", &code, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_area_rec a;
	char th[512], en[512];
	if (s40_area_get(st, code, &a, &ctx) != S40_OK ||
	    s40_area_full_name(st, code, S40_LANG_TH, th, sizeof th, &ctx) != S40_OK ||
	    s40_area_full_name(st, code, S40_LANG_EN, en, sizeof en, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	json_t *o = area_json(&a);
	json_object_set_new(o, "full_name_th", json_string(th));
	json_object_set_new(o, "full_name_en", json_string(en));
	srv_reply_json(req, 200, o);
}

const struct srv_route api_areas_routes[] = {
	{ "GET", "/api/v1/areas", areas_list, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/areas/{code}", area_get, SRV_ANY_USER, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
