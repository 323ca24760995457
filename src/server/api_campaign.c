/*
 * api_campaign.c — the campaign over HTTP (issue 5): village coverage, One
 * Tambon One Village, attainment of the fiscal-year targets and its trend, the
 * network's results, field events, the progress statement, the door-to-door
 * list of a village, and recording a village survey.
 *
 * Each report goes through the same lib/report function as s40 report and
 * srv_reply_table (JSON, or ?format=csv|xlsx|pdf&lang=). Who may read what:
 *
 *   villages, tambons, attainment, trend, statement  every role, within its area
 *                                                   (aggregates: viewers too)
 *   network, events (names of network members)      admin, officer
 *   prospects (names, phones, addresses)            admin, officer, volunteer;
 *                                                   IDs always masked, and each
 *                                                   person listed is journaled
 *                                                   "person.read" {"via":"prospects"}
 *
 * A survey (POST /surveys) is one write in the group commit; it changes no
 * membership, so the as-of index is untouched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/areas.h"
#include "registry/survey.h"
#include "report/campaign.h"
#include "report/network.h"
#include "report/statement.h"
#include "server.h"
#include "stats/coverage.h"

#define FY_MIN S40_FY_MIN /* fiscal years (BE) a request may name */
#define FY_MAX S40_FY_MAX
#define SURVEY_RESIDENTS_MAX 20000 /* residents in one request */

/*
 * ?area= (default the caller's area) inside the caller's scope (403 naming the
 * field otherwise) and existing (404 unknown_area). key names the parameter.
 */
static bool area_query_or_reply(struct srv_req *req, struct s40_store *st, const char *key,
				bool required, int32_t *area)
{
	int32_t a = -1;
	if (!srv_query_area_or_reply(req, key, &a))
		return false;
	if (a == -1 && required) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "ต้องระบุ %s", "%s is required", key);
		return false;
	}
	int32_t root = srv_scope_root(req);
	if (a == -1)
		a = root;
	else if (!srv_scope_area(req, a)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, key, "พื้นที่ %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
				 "area %ld is outside the user's area %ld", (long)a, (long)root);
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	if (a != 0 && s40_area_get(st, a, &rec, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	*area = a;
	return true;
}

/* ?fy= (BE) into *fy, which keeps its value when absent. */
static bool fy_query_or_reply(struct srv_req *req, int *fy)
{
	long long v = *fy;
	if (!srv_query_int_or_reply(req, "fy", FY_MIN, FY_MAX, &v))
		return false;
	*fy = (int)v;
	return true;
}

/* Reply with the table the report filled, or the problem; frees t. */
static void reply_report(struct srv_req *req, enum s40_err rc, struct s40_table *t,
			 const struct s40_ctx *ctx, const char *name)
{
	if (rc != S40_OK)
		srv_reply_problem(req, ctx);
	else
		srv_reply_table(req, t, name);
	s40_table_free(t);
}

/* GET /api/v1/reports/villages?date=&area= and /reports/tambons?date=&area= */
static void coverage_report(struct srv_req *req, bool tambons)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day) ||
	    !area_query_or_reply(req, st, "area", false, &area))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_err rc = tambons ? s40_report_tambons(st, area, day, &t, &ctx) :
				    s40_report_villages(st, area, day, &t, &ctx);
	reply_report(req, rc, &t, &ctx, tambons ? "tambons" : "villages");
}

static void report_villages(struct srv_req *req)
{
	coverage_report(req, false);
}

static void report_tambons(struct srv_req *req)
{
	coverage_report(req, true);
}

/* GET /api/v1/reports/attainment?fy=&date=&area=&level= */
static void report_attainment(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day))
		return;
	int fy = s40_fiscal_year(day);
	if (!fy_query_or_reply(req, &fy) || !area_query_or_reply(req, st, "area", false, &area))
		return;
	enum s40_level level;
	if (!srv_query_level_or_reply(req, area, &level))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	enum s40_err rc =
		s40_report_attainment(st, req->srv->attain, fy, area, level, day, &t, &ctx);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	reply_report(req, rc, &t, &ctx, "attainment");
}

/* GET /api/v1/reports/coverage?date=&area=&level= — from the coverage index
 * when it has every entry of the journal this connection sees, else from an
 * index of the area built for the request (the same figures). */
static void report_coverage(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day) ||
	    !area_query_or_reply(req, st, "area", false, &area))
		return;
	enum s40_level level;
	if (!srv_query_level_or_reply(req, area, &level))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t head = 0;
	if (srv_journal_head(st, &head, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	const struct s40_cov_ix *ix = srv_cov_acquire(req->srv, head);
	enum s40_err rc = s40_report_coverage(st, ix, area, level, day, &t, &ctx);
	if (ix != NULL)
		srv_cov_release(req->srv);
	reply_report(req, rc, &t, &ctx, "coverage");
}

/* GET /api/v1/reports/trend?fy=&date=&area=&period=month|week */
static void report_trend(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day))
		return;
	int fy = s40_fiscal_year(day);
	if (!fy_query_or_reply(req, &fy) || !area_query_or_reply(req, st, "area", false, &area))
		return;
	enum s40_trend_period period = S40_TREND_MONTH;
	const char *pq = srv_query(req, "period");
	if (pq != NULL && pq[0] != '\0') {
		if (strcmp(pq, "week") == 0)
			period = S40_TREND_WEEK;
		else if (strcmp(pq, "month") != 0) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "period",
					 "period ต้องเป็น month หรือ week", "period is month or week");
			return;
		}
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	enum s40_err rc = s40_report_trend(st, req->srv->attain, fy, area, day, period, &t, &ctx);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	reply_report(req, rc, &t, &ctx, "trend");
}

/* GET /api/v1/reports/network?fy=&area=&date= (date: default the year's last
 * day, or today while the year runs) */
static void report_network(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t today = srv_today(req->srv), area = 0, day = S40_NO_DAY;
	int fy = s40_fiscal_year(today);
	if (st == NULL || !fy_query_or_reply(req, &fy) ||
	    !srv_query_date_or_reply(req, "date", &day) ||
	    !area_query_or_reply(req, st, "area", false, &area))
		return;
	if (day == S40_NO_DAY) {
		int32_t last = s40_fiscal_year_last_day(fy);
		day = today < last ? today : last;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_err rc = s40_report_network(st, fy, area, day, &t, &ctx);
	reply_report(req, rc, &t, &ctx, "network");
}

/* GET /api/v1/reports/events?area=&fy= (no fy: every year) */
static void report_events(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t area = 0;
	int fy = 0;
	if (st == NULL || !fy_query_or_reply(req, &fy) ||
	    !area_query_or_reply(req, st, "area", false, &area))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_err rc = s40_report_events(st, area, fy, &t, &ctx);
	reply_report(req, rc, &t, &ctx, "events");
}

/* GET /api/v1/reports/statement?area=&date=: the facts as a one-row table whose
 * text_th and text_en are the paragraphs. */
static void report_statement(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), area = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day) ||
	    !area_query_or_reply(req, st, "area", false, &area))
		return;
	if (s40_area_level(area) == S40_LEVEL_VILLAGE) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "area",
				 "ข้อความสรุปผลทำได้สำหรับจังหวัด อำเภอ หรือตำบล ไม่ใช่หมู่บ้าน",
				 "a statement is for a province, district or subdistrict, not a "
				 "village");
		return;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_statement s;
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	enum s40_err built =
		s40_statement_build(st, req->srv->ix, req->srv->attain, area, day, &s, &ctx);
	pthread_rwlock_unlock(&req->srv->ix_lock);
	if (built != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_err rc = s40_statement_table(st, &s, &t, &ctx);
	s40_statement_free(&s);
	reply_report(req, rc, &t, &ctx, "statement");
}

/* ---- GET /api/v1/reports/prospects?village=&date= ---- */

struct prospects_read {
	struct s40_table t;
	int64_t *ids; /* the persons listed */
	size_t n_ids;
};

static void prospects_free(void *ptr)
{
	struct prospects_read *r = ptr;
	s40_table_free(&r->t);
	free(r->ids);
	free(r);
}

static enum s40_err prospects_journal(struct srv_job *job, struct s40_reg *reg, void *arg,
				      struct s40_ctx *ctx)
{
	(void)job;
	struct prospects_read *r = arg;
	return srv_journal_reads(reg, "prospects", r->ids, r->n_ids, ctx);
}

static void prospects_after(struct srv_req *req)
{
	struct prospects_read *r = req->state_ptr;
	if (req->job.rc != S40_OK)
		srv_reply_problem(req, &req->job.ctx);
	else
		srv_reply_table(req, &r->t, "prospects");
}

static void report_prospects(struct srv_req *req)
{
	struct s40_store *st = srv_store_or_reply(req);
	int32_t day = srv_today(req->srv), village = 0;
	if (st == NULL || !srv_query_date_or_reply(req, "date", &day) ||
	    !area_query_or_reply(req, st, "village", true, &village) ||
	    !srv_query_format_or_reply(req))
		return;
	if (s40_area_level(village) != S40_LEVEL_VILLAGE) {
		srv_reply_errorf(req, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %ld",
				 "a village code has 8 digits: %ld", (long)village);
		return;
	}
	struct prospects_read *r = srv_zalloc(sizeof *r);
	req->state_ptr = r;
	req->state_free = prospects_free;
	s40_table_init(&r->t, NULL, NULL);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_resident_cov *res = NULL;
	size_t n = 0;
	if (s40_report_prospects(st, village, day, srv_scope_root(req), &r->t, &ctx) != S40_OK ||
	    s40_coverage_residents(st, village, day, &res, &n, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	r->ids = srv_zalloc((n ? n : 1) * sizeof *r->ids);
	for (size_t i = 0; i < n; i++)
		if (res[i].cls == S40_COV_UNINSURED)
			r->ids[r->n_ids++] = res[i].person;
	free(res);
	if (r->n_ids == 0) {
		srv_reply_table(req, &r->t, "prospects");
		return;
	}
	/* The reads are journaled, committed, before the list is sent. */
	srv_write(req, prospects_journal, r, prospects_after);
}

/* ---- POST /api/v1/surveys ---- */

struct survey_write {
	int32_t village;
	int32_t day;
	struct s40_survey_entry *v;
	size_t n;
	struct s40_survey_result res;
};

static void survey_free(void *ptr)
{
	struct survey_write *w = ptr;
	free(w->v);
	free(w);
}

static enum s40_err survey_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			       struct s40_ctx *ctx)
{
	(void)job;
	struct survey_write *w = arg;
	return s40_survey_add(reg, w->village, w->day, w->v, w->n, &w->res, ctx);
}

static void survey_after(struct srv_req *req)
{
	struct survey_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 201,
		       json_pack("{s:I, s:i, s:o, s:I, s:i, s:i, s:i}", "survey_id",
				 (json_int_t)w->res.survey_id, "village", (int)w->village, "date",
				 srv_json_date(w->day), "residents", (json_int_t)w->n, "added",
				 (int)w->res.added, "updated", (int)w->res.updated, "unchanged",
				 (int)w->res.unchanged));
}

/* Reply 400 naming residents[i].key. */
static bool resident_bad(struct srv_req *req, size_t i, const char *key, const char *th,
			 const char *en)
{
	char field[48];
	snprintf(field, sizeof field, "residents[%zu].%s", i, key);
	enum s40_err code = strcmp(key, "reason") == 0 ? S40_E_BAD_REASON :
			    strcmp(key, "id") == 0     ? S40_E_BAD_ID :
							 S40_E_BAD_VALUE;
	srv_reply_errorf(req, code, field, "ผู้อยู่อาศัยลำดับที่ %zu: %s%.0s", "resident %zu: %.0s%s",
			 i + 1, th, en);
	return false;
}

/*
 * One resident {"id", "status", "reason"}. The status may also be a reason
 * ("student", "age", "not_thai", "other": not eligible for that reason), as the
 * web form sends it.
 */
static bool resident_or_reply(struct srv_req *req, json_t *o, size_t i, struct s40_survey_entry *e)
{
	static const char *const keys[] = { "id", "status", "reason", NULL };
	if (!json_is_object(o))
		return resident_bad(req, i, "status", "ต้องเป็นออบเจกต์ {id, status, reason}",
				    "must be an object {id, status, reason}");
	const char *key;
	json_t *val;
	json_object_foreach(o, key, val)
	{
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], key) != 0)
			k++;
		if (keys[k] == NULL)
			return resident_bad(req, i, key, "มีช่องที่ไม่รู้จัก", "unknown field");
	}
	json_t *id = json_object_get(o, "id");
	const char *idt = json_is_string(id) ? json_string_value(id) : NULL;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (idt == NULL || s40_natid_parse(idt, "id", &e->person, &ctx) != S40_OK)
		return resident_bad(req, i, "id", "เลขประจำตัวประชาชนไม่ถูกต้อง",
				    "the national ID is not valid");
	json_t *sv = json_object_get(o, "status"), *rv = json_object_get(o, "reason");
	const char *s = json_is_string(sv) ? json_string_value(sv) : NULL;
	const char *r = json_is_string(rv) ? json_string_value(rv) : NULL;
	if (rv != NULL && !json_is_null(rv) && r == NULL)
		return resident_bad(req, i, "reason", "เหตุผลต้องเป็นข้อความ", "the reason is text");
	e->status = s40_survey_status_parse(s);
	e->reason = r != NULL && r[0] ? s40_survey_reason_parse(r) : 0;
	if (e->status == 0 && s != NULL && r == NULL && (e->reason = s40_survey_reason_parse(s)))
		e->status = S40_SURVEY_INELIGIBLE;
	if (e->status == 0)
		return resident_bad(req, i, "status",
				    "สถานะต้องเป็น member, s33, s39, civil_servant, "
				    "state_enterprise, uninsured หรือ ineligible",
				    "the status is member, s33, s39, civil_servant, "
				    "state_enterprise, uninsured or ineligible");
	if (r != NULL && r[0] && e->reason == 0)
		return resident_bad(req, i, "reason",
				    "เหตุผลต้องเป็น student, age, not_thai หรือ other",
				    "the reason is student, age, not_thai or other");
	return true;
}

/* {"village": 75030702, "date": "2019-10-01" (today), "residents": [{"id", "status",
 *  "reason"}, …]} */
static void surveys_post(struct srv_req *req)
{
	static const char *const keys[] = { "village", "date", "residents", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct survey_write *w = srv_zalloc(sizeof *w);
	req->state_ptr = w;
	req->state_free = survey_free;
	w->day = srv_today(req->srv);
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_area_or_reply(req, body, "village", true, &w->village) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->day);
	json_t *rs = json_object_get(body, "residents");
	if (ok && s40_area_level(w->village) != S40_LEVEL_VILLAGE) {
		srv_reply_errorf(req, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %ld",
				 "a village code has 8 digits: %ld", (long)w->village);
		ok = false;
	} else if (ok && !srv_scope_area(req, w->village)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, "village", "หมู่บ้าน %ld ไม่อยู่ในพื้นที่ของผู้ใช้",
				 "village %ld is outside the user's area", (long)w->village);
		ok = false;
	} else if (ok && (!json_is_array(rs) || json_array_size(rs) == 0 ||
			  json_array_size(rs) > SURVEY_RESIDENTS_MAX)) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "residents",
				 "residents ต้องเป็นรายการผู้อยู่อาศัย 1 ถึง %d คน",
				 "residents is a list of 1 to %d residents", SURVEY_RESIDENTS_MAX);
		ok = false;
	}
	if (ok) {
		w->n = json_array_size(rs);
		w->v = srv_zalloc(w->n * sizeof *w->v);
		for (size_t i = 0; i < w->n && ok; i++)
			ok = resident_or_reply(req, json_array_get(rs, i), i, &w->v[i]);
	}
	json_decref(body);
	if (ok)
		srv_write(req, survey_run, w, survey_after);
}

const struct srv_route api_campaign_routes[] = {
	{ "GET", "/api/v1/reports/villages", report_villages, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/tambons", report_tambons, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/attainment", report_attainment, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/coverage", report_coverage, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/trend", report_trend, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/statement", report_statement, SRV_ANY_USER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/network", report_network, SRV_ADMIN | SRV_OFFICER,
	  SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/events", report_events, SRV_ADMIN | SRV_OFFICER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/prospects", report_prospects,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "POST", "/api/v1/surveys", surveys_post, SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
