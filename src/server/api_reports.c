/*
 * api_reports.c — reports over HTTP, through the same report functions and
 * table renderer as s40 report. The as-of report reads the server's shared
 * as-of index (under its read lock), never scanning spells. Reports are
 * aggregates: every role may read them, within its own area. Each is JSON, or
 * a download with ?format=csv|xlsx|pdf (srv_reply_table; ?lang=en for English
 * labels). The as-of report's PDF has the map of its areas after the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "registry/areas.h"
#include "registry/geo.h"
#include "report/asof.h"
#include "server.h"

/* Reply with t as JSON, CSV, XLSX or PDF by ?format= (see server.h), a CSV in
 * the style of ?csv= (Excel's by default); t stays the caller's. */
void srv_reply_table(struct srv_req *req, const struct s40_table *t, const char *name)
{
	srv_reply_table_map(req, t, NULL, name);
}

void srv_reply_table_map(struct srv_req *req, const struct s40_table *t, const struct s40_map *map,
			 const char *name)
{
	if (!srv_query_format_or_reply(req))
		return;
	const char *fq = srv_query(req, "format");
	int fmt = fq == NULL || fq[0] == '\0' ? S40_FMT_JSON : s40_format_parse(fq);
	enum s40_lang lang = srv_query_lang(req);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	char *data = NULL;
	size_t len = 0;
	FILE *m = srv_memstream(&data, &len);
	enum s40_err rc;
	if (fmt == S40_FMT_XLSX)
		rc = s40_table_render_xlsx(t, lang, m, &ctx);
	else if (fmt == S40_FMT_PDF)
		rc = s40_table_render_pdf_map(t, map, lang, srv_today(req->srv), m, &ctx);
	else if (fmt == S40_FMT_CSV)
		rc = s40_table_render_csv(t, srv_query_csv(req), lang, m, &ctx);
	else
		rc = s40_table_render(t, (enum s40_format)fmt, lang, m, &ctx);
	fclose(m);
	if (rc != S40_OK) {
		srv_reply_problem(req, &ctx);
		free(data);
		return;
	}
	static const char *const types[] = {
		[S40_FMT_JSON] = "application/json; charset=utf-8",
		[S40_FMT_CSV] = "text/csv; charset=utf-8",
		[S40_FMT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		[S40_FMT_PDF] = "application/pdf",
	};
	srv_reply_bytes(req, 200, types[fmt], data, len);
	free(data);
	if (fmt != S40_FMT_JSON) {
		char cd[160];
		snprintf(cd, sizeof cd, "attachment; filename=\"s40-%s.%s\"", name,
			 fmt == S40_FMT_CSV ? "csv" : fmt == S40_FMT_PDF ? "pdf" : "xlsx");
		srv_reply_header(req, "Content-Disposition", cd);
	}
}

/*
 * A rendered JSON report is kept in a small cache keyed by (area, level, day)
 * and the index's generation: any committed change of the index makes every
 * kept report stale, so an answer from the cache is the one a fresh rendering
 * would give, at the cost of a copy. Only the default form (JSON, Thai) is
 * kept; CSV, XLSX and PDF downloads are rendered each time.
 */
#define CACHE_SLOTS 64

struct cached_report {
	int32_t area;
	int level;
	int32_t day;
	uint64_t gen;
	char *json;
	size_t len;
};

static struct cached_report cache[CACHE_SLOTS];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

static size_t cache_slot(int32_t area, int level, int32_t day)
{
	uint64_t h = (uint64_t)(uint32_t)area * 0x9E3779B97F4A7C15ull ^
		     (uint64_t)(uint32_t)day * 0xC2B2AE3D27D4EB4Full ^ (uint64_t)level;
	return (size_t)(h >> 32) % CACHE_SLOTS;
}

/* Whether req asks for the default form (no format or lang other than JSON, Thai). */
static bool cacheable(struct srv_req *req)
{
	const char *f = srv_query(req, "format"), *l = srv_query(req, "lang");
	return (f == NULL || f[0] == '\0' || strcmp(f, "json") == 0) &&
	       (l == NULL || l[0] == '\0' || strcmp(l, "th") == 0);
}

/* Reply from the cache when it holds this report of this generation. */
static bool cache_reply(struct srv_req *req, int32_t area, int level, int32_t day, uint64_t gen)
{
	if (!cacheable(req))
		return false;
	bool hit = false;
	pthread_mutex_lock(&cache_mu);
	struct cached_report *c = &cache[cache_slot(area, level, day)];
	if (c->json && c->area == area && c->level == level && c->day == day && c->gen == gen) {
		srv_reply_bytes(req, 200, "application/json; charset=utf-8", c->json, c->len);
		hit = true;
	}
	pthread_mutex_unlock(&cache_mu);
	return hit;
}

/* Render t as JSON (Thai), reply with it and keep it for (area, level, day, gen). */
static void cache_reply_new(struct srv_req *req, const struct s40_table *t, int32_t area,
			    int level, int32_t day, uint64_t gen)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	char *text = NULL;
	size_t len = 0;
	FILE *m = srv_memstream(&text, &len);
	enum s40_err rc = s40_table_render(t, S40_FMT_JSON, S40_LANG_TH, m, &ctx);
	fclose(m);
	if (rc != S40_OK) {
		srv_reply_problem(req, &ctx);
		free(text);
		return;
	}
	srv_reply_bytes(req, 200, "application/json; charset=utf-8", text, len);
	pthread_mutex_lock(&cache_mu);
	struct cached_report *c = &cache[cache_slot(area, level, day)];
	free(c->json);
	*c = (struct cached_report){area, level, day, gen, text, len};
	pthread_mutex_unlock(&cache_mu);
}

/* GET /api/v1/reports/asof?date=&area=&level=&format=&lang= */
static void report_asof(struct srv_req *req)
{
	int32_t day = srv_today(req->srv), area = -1;
	if (!srv_query_date_or_reply(req, "date", &day) ||
	    !srv_query_area_or_reply(req, "area", &area))
		return;
	int32_t root = srv_scope_root(req);
	if (area == -1)
		area = root;
	else if (!srv_scope_area(req, area)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, "area", "พื้นที่ %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
				 "area %ld is outside the user's area %ld", (long)area, (long)root);
		return;
	}
	enum s40_level level;
	if (!srv_query_level_or_reply(req, area, &level))
		return;
	uint64_t gen = atomic_load(&req->srv->ix_gen);
	if (cache_reply(req, area, (int)level, day, gen))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	if (area != 0 && s40_area_get(st, area, &rec, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	gen = atomic_load(&req->srv->ix_gen); /* the generation this rendering reads */
	enum s40_err rc = s40_report_asof(st, req->srv->ix, area, level, day, &t, &ctx);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	const char *fq = srv_query(req, "format");
	struct s40_map map = { 0 };
	if (rc == S40_OK && fq != NULL && strcmp(fq, "pdf") == 0)
		rc = s40_report_asof_map(&t, area, level, s40_geo_point, &map, &ctx);
	if (rc != S40_OK)
		srv_reply_problem(req, &ctx);
	else if (cacheable(req))
		cache_reply_new(req, &t, area, (int)level, day, gen);
	else
		srv_reply_table_map(req, &t, map.n_areas > 0 ? &map : NULL, "asof");
	s40_map_free(&map);
	s40_table_free(&t);
}

const struct srv_route api_reports_routes[] = {
	{"GET", "/api/v1/reports/asof", report_asof, SRV_ANY_USER, SRV_BODY_NONE},
	{NULL, NULL, NULL, 0, 0},
};
