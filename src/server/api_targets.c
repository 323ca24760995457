/*
 * api_targets.c — fiscal-year targets of new Section 40 enrolments over HTTP:
 * the targets of an area with their attainment (a report table, every role
 * within its area), setting an area's target and allocating it to the areas
 * one level down, by share of surveyed eligible residents or by hand (admin;
 * officer within its area). Writes go through the group commit; a refused
 * allocation (one that does not add up: 422 alloc_sum) writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/target.h"
#include "report/table.h"
#include "server.h"
#include "stats/attainment.h"
#include "stats/coverage.h"

#define FY_MIN S40_FY_MIN
#define FY_MAX S40_FY_MAX
#define ALLOC_MAX 512 /* children named in one hand allocation */

/* ---- GET /api/v1/targets?fy=&area=&date= ---- */

/* The table of the targets of fy in area and below, attainment as of day from
 * the server's index ix (the caller holds its read lock); how they came to be
 * in lang. */
static enum s40_err targets_table(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
				  int32_t area, int32_t day, enum s40_lang lang,
				  struct s40_table *t, struct s40_ctx *ctx)
{
	struct s40_target *v = NULL;
	size_t n = 0;
	char sub_th[256], sub_en[256], d[64];
	snprintf(sub_th, sizeof sub_th, "ปีงบประมาณ %d ผลงานถึงวันที่ %s", fy,
		 s40_date_th_long(day, d, sizeof d));
	snprintf(sub_en, sizeof sub_en, "fiscal year %d, attainment as of %s", fy,
		 s40_date_iso(day, d, sizeof d));
	enum s40_err e = s40_target_list(st, fy, area, &v, &n, ctx);
	if (e == S40_OK &&
	    (s40_table_title(t, "เป้าหมายผู้ประกันตนมาตรา 40 รายใหม่",
			     "Targets of new Section 40 members") ||
	     s40_table_subtitle(t, sub_th, sub_en) ||
	     s40_table_add_col(t, "code", "รหัส", "code", S40_COL_CODE) ||
	     s40_table_add_col(t, "name", "พื้นที่", "area", S40_COL_TEXT) ||
	     s40_table_add_col(t, "target", "เป้าหมาย", "target", S40_COL_INT) ||
	     s40_table_add_col(t, "how", "ที่มา", "how", S40_COL_TEXT) ||
	     s40_table_add_col(t, "allocated", "จัดสรรลงพื้นที่ย่อย", "allocated below", S40_COL_INT) ||
	     s40_table_add_col(t, "new_members", "ผู้ประกันตนรายใหม่", "new members", S40_COL_INT) ||
	     s40_table_add_col(t, "attainment", "ผลงานเทียบเป้าหมาย", "attainment", S40_COL_PERCENT)))
		e = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t i = 0; i < n && e == S40_OK; i++) {
		struct s40_area_rec ar;
		int64_t below = -1;
		for (size_t j = 0; j < n; j++)
			if (s40_area_parent(v[j].area) == v[i].area)
				below = (below < 0 ? 0 : below) + v[j].n;
		struct s40_attainment at;
		if ((e = s40_area_get(st, v[i].area, &ar, ctx)) ||
		    (e = s40_attainment(st, ix, fy, v[i].area, day, &at, ctx)))
			break;
		if (s40_table_add_row(t) || s40_table_set_text(t, 1, ar.name_th) ||
		    s40_table_set_text(t, 3, s40_target_how_name(v[i].how, lang))) {
			e = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			break;
		}
		s40_table_set_int(t, 0, v[i].area);
		s40_table_set_int(t, 2, v[i].n);
		if (below >= 0)
			s40_table_set_int(t, 4, below);
		s40_table_set_int(t, 5, at.achieved);
		if (at.pct >= 0)
			s40_table_set_int(t, 6, at.pct);
	}
	free(v);
	return e;
}

/* An area inside the caller's scope (403 naming the field) that exists. */
static bool area_in_scope_or_reply(struct srv_req *req, struct s40_store *st, int32_t area,
				   const char *field)
{
	if (!srv_scope_area(req, area)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, field, "พื้นที่ %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
				 "area %ld is outside the user's area %ld", (long)area,
				 (long)srv_scope_root(req));
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	if (area == 0 || s40_area_get(st, area, &rec, &ctx) != S40_OK) {
		if (area == 0)
			s40_errorf(&ctx, S40_E_BAD_AREA, field, "ต้องระบุรหัสพื้นที่",
				   "an area code is required");
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

static void targets_get(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = -1;
	long long fy = s40_fiscal_year(day);
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day) ||
	    !srv_query_int_or_reply(req, "fy", FY_MIN, FY_MAX, &fy) ||
	    !srv_query_area_or_reply(req, "area", &area))
		return;
	if (area == -1)
		area = srv_scope_root(req);
	else if (!area_in_scope_or_reply(req, st, area, "area"))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_lang lang = srv_query_lang(req);
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	enum s40_err rc = targets_table(st, req->srv->attain, (int)fy, area, day, lang, &t, &ctx);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	if (rc != S40_OK)
		srv_reply_problem(req, &ctx);
	else
		srv_reply_table(req, &t, "targets");
	s40_table_free(&t);
}

/* ---- the writes ---- */

struct target_write {
	int fy;
	int32_t area;
	int64_t n; /* set: the target */
	bool share; /* allocate: by share (else by hand, v) */
	int32_t day; /* allocate by share: the surveys in force on it */
	struct s40_alloc v[ALLOC_MAX];
	size_t n_v;
	long cleared;
	json_t *out;
};

static void tw_free(void *ptr)
{
	struct target_write *w = ptr;
	json_decref(w->out);
	free(w);
}

static struct target_write *tw_new(struct srv_req *req)
{
	struct target_write *w = calloc(1, sizeof *w);
	if (w == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	req->state_ptr = w;
	req->state_free = tw_free;
	return w;
}

/* The JSON of a target. */
static json_t *target_json(const struct s40_target *t)
{
	return json_pack("{s:i, s:i, s:I, s:s, s:I}", "fy", t->fy, "area", (int)t->area, "target",
			 (json_int_t)t->n, "how", s40_target_how_key(t->how), "journal_seq",
			 (json_int_t)t->journal_seq);
}

/* w->out: {fy, area, target, how, cleared, children: [targets one level down]}. */
static enum s40_err tw_answer(struct s40_store *st, struct target_write *w, struct s40_ctx *ctx)
{
	struct s40_target *v = NULL;
	size_t n = 0;
	enum s40_err rc = s40_target_list(st, w->fy, w->area, &v, &n, ctx);
	if (rc)
		return rc;
	json_t *kids = json_array();
	w->out = json_pack("{s:i, s:i, s:n, s:n, s:i}", "fy", w->fy, "area", (int)w->area, "target",
			   "how", "cleared", (int)w->cleared);
	for (size_t i = 0; i < n; i++) {
		if (v[i].area == w->area) {
			json_object_set_new(w->out, "target", json_integer(v[i].n));
			json_object_set_new(w->out, "how",
					    json_string(s40_target_how_key(v[i].how)));
		} else if (s40_area_parent(v[i].area) == w->area) {
			json_array_append_new(kids, target_json(&v[i]));
		}
	}
	json_object_set_new(w->out, "children", kids);
	free(v);
	return S40_OK;
}

static void tw_after(struct srv_req *req)
{
	struct target_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 200, json_incref(w->out));
}

static enum s40_err set_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			    struct s40_ctx *ctx)
{
	(void)job;
	struct target_write *w = arg;
	enum s40_err rc = s40_target_set(reg, w->fy, w->area, w->n, &w->cleared, ctx);
	return rc ? rc : tw_answer(reg->store, w, ctx);
}

/* The fiscal year and the area of a target write; the area within scope. */
static bool fy_area_or_reply(struct srv_req *req, json_t *body, struct target_write *w)
{
	long long fy = 0;
	if (!srv_json_int_or_reply(req, body, "fy", true, FY_MIN, FY_MAX, &fy) ||
	    !srv_json_area_or_reply(req, body, "area", true, &w->area))
		return false;
	w->fy = (int)fy;
	struct s40_store *st = srv_store_or_reply(req);
	return st != NULL && area_in_scope_or_reply(req, st, w->area, "area");
}

/* POST /api/v1/targets {"fy": 2562, "area": 75, "target": 2878} */
static void targets_post(struct srv_req *req)
{
	static const char *const keys[] = { "fy", "area", "target", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct target_write *w = tw_new(req);
	long long n = 0;
	bool ok = srv_keys_or_reply(req, body, keys) && fy_area_or_reply(req, body, w) &&
		  srv_json_int_or_reply(req, body, "target", true, 0, 100000000LL, &n);
	json_decref(body);
	if (!ok)
		return;
	w->n = n;
	srv_write(req, set_run, w, tw_after);
}

static enum s40_err allocate_run(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	struct target_write *w = arg;
	enum s40_err rc =
		w->share ? s40_coverage_allocate_target(reg, w->fy, w->area, w->day, &w->cleared,
							ctx) :
			   s40_target_allocate(reg, w->fy, w->area, w->v, w->n_v, &w->cleared, ctx);
	return rc ? rc : tw_answer(reg->store, w, ctx);
}

/* One child of a hand allocation: its code (within scope, existing, a child
 * of the area) and its target. */
static bool child_or_reply(struct srv_req *req, struct target_write *w, const char *code_text,
			   json_t *n, size_t i)
{
	char field[48];
	snprintf(field, sizeof field, "set[%zu]", i);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int32_t code;
	if (s40_area_parse(code_text, field, &code, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	if (s40_area_parent(code) != w->area) {
		srv_reply_errorf(req, S40_E_BAD_AREA, field, "พื้นที่ %ld ไม่ใช่พื้นที่ย่อยลำดับถัดไปของ %ld",
				 "area %ld is not one level below %ld", (long)code, (long)w->area);
		return false;
	}
	if (!json_is_integer(n) || json_integer_value(n) < 0 ||
	    json_integer_value(n) > 100000000LL) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, field,
				 "เป้าหมายของพื้นที่ %ld ต้องเป็นจำนวนเต็มไม่ติดลบ",
				 "the target of area %ld is a whole number, not negative",
				 (long)code);
		return false;
	}
	for (size_t j = 0; j < w->n_v; j++)
		if (w->v[j].area == code) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, field, "พื้นที่ %ld ซ้ำ",
					 "area %ld is given twice", (long)code);
			return false;
		}
	w->v[w->n_v].area = code;
	w->v[w->n_v].n = json_integer_value(n);
	w->n_v++;
	return true;
}

/* "set": [{"area": 7501, "target": 900}, …] or {"7501": 900, …}. */
static bool set_or_reply(struct srv_req *req, json_t *set, struct target_write *w)
{
	size_t size = json_is_array(set) ? json_array_size(set) : json_object_size(set);
	if ((!json_is_array(set) && !json_is_object(set)) || size == 0 || size > ALLOC_MAX) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "set",
				 "set ต้องเป็นรายการ [{\"area\", \"target\"}] 1 ถึง %d พื้นที่",
				 "set is a list [{\"area\", \"target\"}] of 1 to %d areas",
				 ALLOC_MAX);
		return false;
	}
	if (json_is_object(set)) {
		const char *key;
		json_t *val;
		size_t i = 0;
		json_object_foreach(set, key, val)
		{
			if (!child_or_reply(req, w, key, val, i++))
				return false;
		}
		return true;
	}
	for (size_t i = 0; i < size; i++) {
		json_t *o = json_array_get(set, i);
		json_t *a = json_object_get(o, "area");
		char code[32];
		if (json_is_integer(a))
			snprintf(code, sizeof code, "%lld", (long long)json_integer_value(a));
		else if (json_is_string(a))
			snprintf(code, sizeof code, "%s", json_string_value(a));
		else
			code[0] = '\0';
		if (!json_is_object(o) || json_object_size(o) != 2 ||
		    json_object_get(o, "target") == NULL) {
			char field[48];
			snprintf(field, sizeof field, "set[%zu]", i);
			srv_reply_errorf(req, S40_E_BAD_VALUE, field,
					 "แต่ละรายการต้องเป็น {\"area\", \"target\"}",
					 "each item is {\"area\", \"target\"}");
			return false;
		}
		if (!child_or_reply(req, w, code, json_object_get(o, "target"), i))
			return false;
	}
	return true;
}

/*
 * POST /api/v1/targets/allocate {"fy", "area", "by": "share" (default without
 * set) | "hand", "date" (share: the surveys in force then; default the year's
 * last day or today if earlier), "set": […] (by hand)}
 */
static void allocate_post(struct srv_req *req)
{
	static const char *const keys[] = { "fy", "area", "by", "date", "set", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct target_write *w = tw_new(req);
	const char *by = NULL;
	w->day = S40_NO_DAY;
	bool ok = srv_keys_or_reply(req, body, keys) && fy_area_or_reply(req, body, w) &&
		  srv_json_str_or_reply(req, body, "by", false, &by) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->day);
	json_t *set = json_object_get(body, "set");
	if (ok) {
		bool hand = set != NULL && !json_is_null(set);
		if (by != NULL && strcmp(by, "share") != 0 && strcmp(by, "hand") != 0) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "by", "by ต้องเป็น share หรือ hand",
					 "by is share or hand");
			ok = false;
		} else if (by != NULL && (strcmp(by, "hand") == 0) != hand) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "set",
					 "จัดสรรเองต้องระบุ set; จัดสรรตามสัดส่วนไม่ใช้ set",
					 "by hand needs set; by share takes no set");
			ok = false;
		} else if (hand && w->day != S40_NO_DAY) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "date",
					 "date ใช้กับการจัดสรรตามสัดส่วนเท่านั้น",
					 "date goes only with an allocation by share");
			ok = false;
		} else if (hand) {
			ok = set_or_reply(req, set, w);
		} else {
			w->share = true;
		}
	}
	json_decref(body);
	if (!ok)
		return;
	if (w->share && w->day == S40_NO_DAY) {
		int32_t today = srv_today(req->srv), last = s40_fiscal_year_last_day(w->fy);
		w->day = today < last ? today : last;
	}
	srv_write(req, allocate_run, w, tw_after);
}

const struct srv_route api_targets_routes[] = {
	{ "GET", "/api/v1/targets", targets_get, SRV_ANY_USER, SRV_BODY_NONE },
	{ "POST", "/api/v1/targets", targets_post, SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ "POST", "/api/v1/targets/allocate", allocate_post, SRV_ADMIN | SRV_OFFICER,
	  SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
