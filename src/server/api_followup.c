/*
 * api_followup.c — following members up over HTTP (lib/registry/followup.c):
 *
 *   GET  /api/v1/persons/{id}/followup           the assignment, the calls (newest
 *                                                first) and, for those who may assign,
 *                                                the network members who may be assigned
 *   PUT  /api/v1/persons/{id}/followup/assignee  {"assignee": ID or null, "date"}
 *   POST /api/v1/persons/{id}/followup/calls     {"outcome", "date", "by", "note"}
 *
 * The member must be in the caller's sight (srv_person_visible: a volunteer
 * sees its recruits and the members assigned to it); the GET is a read of the
 * member, journaled as the person reads are. Officers and admins assign; a
 * volunteer records its own calls (by is itself).
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "registry/followup.h"
#include "registry/person.h"
#include "server.h"

/* "นายสมชาย ใจดี" */
static json_t *name_json(const struct s40_person *p)
{
	char nm[600];
	snprintf(nm, sizeof nm, "%s%s %s", p->title, p->first_th, p->last_th);
	return json_string(nm);
}

/* {"id", "name", "phone"} of a person, or null when it cannot be read. */
static json_t *who_json(struct s40_store *st, int64_t id, bool masked)
{
	struct s40_person p;
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	if (s40_person_get(st, id, &p, &c2) != S40_OK)
		return json_pack("{s:o, s:n, s:n}", "id", srv_json_natid(id, masked), "name",
				 "phone");
	return json_pack("{s:o, s:o, s:o}", "id", srv_json_natid(id, masked), "name",
			 name_json(&p), "phone", p.phone[0] ? json_string(p.phone) : json_null());
}

/* ---- GET ---- */

struct fu_read {
	json_t *out;
	int64_t id;
};

static void fu_read_free(void *ptr)
{
	struct fu_read *r = ptr;
	json_decref(r->out);
	free(r);
}

static enum s40_err fu_read_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				  struct s40_ctx *ctx)
{
	(void)job;
	struct fu_read *r = arg;
	return srv_journal_reads(reg, "followup", &r->id, 1, ctx);
}

static void fu_read_after(struct srv_req *req)
{
	struct fu_read *r = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 200, json_incref(r->out));
}

/* The network members active on day whose area holds village: those the
 * member may be assigned to. */
static enum s40_err candidates(struct s40_store *st, int32_t village, int32_t day, bool masked,
			       json_t *arr, struct s40_ctx *ctx)
{
	struct s40_followup_candidate *v;
	size_t n;
	enum s40_err rc = s40_followup_candidates(st, village, day, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		json_t *o = who_json(st, v[i].person, masked);
		json_object_set_new(o, "role", json_string(v[i].role_key));
		json_object_set_new(o, "role_th", json_string(v[i].role_th));
		json_object_set_new(o, "role_en", json_string(v[i].role_en));
		json_object_set_new(o, "area", json_integer(v[i].area));
		json_array_append_new(arr, o);
	}
	free(v);
	return S40_OK;
}

/* GET /api/v1/persons/{id}/followup?date= (date: the candidates' day, default today) */
static void followup_get(struct srv_req *req)
{
	int64_t id;
	int32_t day = srv_today(req->srv);
	if (!srv_param_id_or_reply(req, 0, &id) || !srv_query_date_or_reply(req, "date", &day))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	struct s40_assignment a;
	int found;
	struct s40_call *calls = NULL;
	size_t n = 0;
	if (srv_person_get_visible(st, &req->user, id, &p, &ctx) != S40_OK ||
	    s40_followup_assignment(st, id, &a, &found, &ctx) != S40_OK ||
	    s40_followup_calls(st, id, SIZE_MAX, &calls, &n, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	bool masked = srv_mask_ids(req);
	json_t *assignee = json_null();
	if (found) {
		assignee = who_json(st, a.assignee, masked);
		json_object_set_new(assignee, "from_date", srv_json_date(a.from_day));
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct s40_call *c = &calls[i];
		json_array_append_new(
			arr, json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:o}", "call",
				       (json_int_t)c->call_id, "date", srv_json_date(c->day),
				       "outcome", s40_call_outcome_key(c->outcome), "outcome_th",
				       s40_call_outcome_name(c->outcome, S40_LANG_TH), "outcome_en",
				       s40_call_outcome_name(c->outcome, S40_LANG_EN), "by",
				       c->caller ? who_json(st, c->caller, masked) : json_null(),
				       "note", c->note[0] ? json_string(c->note) : json_null()));
	}
	free(calls);
	json_t *outcomes = json_array();
	for (int k = 1; k <= S40_CALL_OUTCOME_MAX; k++)
		json_array_append_new(outcomes,
				      json_pack("{s:s, s:s, s:s}", "key", s40_call_outcome_key(k),
						"th", s40_call_outcome_name(k, S40_LANG_TH), "en",
						s40_call_outcome_name(k, S40_LANG_EN)));
	json_t *out = json_pack("{s:o, s:o, s:o, s:o}", "id", srv_json_natid(id, masked),
				"assignee", assignee, "calls", arr, "outcomes", outcomes);
	/* Who may be assigned: for those who assign. */
	if (req->user.role == S40_ROLE_ADMIN || req->user.role == S40_ROLE_OFFICER) {
		json_t *cand = json_array();
		if (candidates(st, p.village, day, masked, cand, &ctx) != S40_OK) {
			json_decref(cand);
			json_decref(out);
			srv_reply_problem(req, &ctx);
			return;
		}
		json_object_set_new(out, "candidates", cand);
	}
	struct fu_read *r = srv_zalloc(sizeof *r);
	r->out = out;
	r->id = id;
	req->state_ptr = r;
	req->state_free = fu_read_free;
	srv_write(req, fu_read_write, r, fu_read_after);
}

/* ---- PUT …/assignee ---- */

struct fu_assign {
	struct s40_user user;
	int64_t person, assignee;
	int32_t day;
	int changed;
};

static enum s40_err assign_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			       struct s40_ctx *ctx)
{
	(void)job;
	struct fu_assign *w = arg;
	struct s40_person p;
	enum s40_err rc = srv_person_get_visible(reg->store, &w->user, w->person, &p, ctx);
	if (rc)
		return rc;
	return s40_followup_assign(reg, w->person, w->assignee, w->day, &w->changed, ctx);
}

static void assign_after(struct srv_req *req)
{
	struct fu_assign *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 200,
		       json_pack("{s:o, s:o, s:o, s:b}", "id", srv_json_natid(w->person, false),
				 "assignee",
				 w->assignee ? srv_json_natid(w->assignee, false) : json_null(),
				 "date", srv_json_date(w->day), "changed", w->changed));
}

/* PUT /api/v1/persons/{id}/followup/assignee {"assignee": ID or null, "date"} */
static void followup_assignee_put(struct srv_req *req)
{
	static const char *const keys[] = { "assignee", "date", NULL };
	int64_t id;
	if (!srv_param_id_or_reply(req, 0, &id))
		return;
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct fu_assign *w = srv_zalloc(sizeof *w);
	req->state_ptr = w;
	req->state_free = free;
	w->user = req->user;
	w->person = id;
	w->day = srv_today(req->srv);
	bool ok = srv_keys_or_reply(req, body, keys);
	if (ok && json_object_get(body, "assignee") == NULL) {
		srv_reply_errorf(req, S40_E_MISSING, "assignee",
				 "ต้องระบุ assignee (เลขประจำตัวผู้ติดตาม หรือ null เพื่อยกเลิก)",
				 "assignee is required (the network member's ID, or null to "
				 "remove the assignment)");
		ok = false;
	}
	ok = ok && (json_is_null(json_object_get(body, "assignee")) ||
		    srv_json_id_or_reply(req, body, "assignee", true, &w->assignee)) &&
	     srv_json_date_or_reply(req, body, "date", false, &w->day);
	json_decref(body);
	if (ok)
		srv_write(req, assign_run, w, assign_after);
}

/* ---- POST …/calls ---- */

struct fu_call {
	struct s40_user user;
	struct s40_call c;
};

static enum s40_err call_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			     struct s40_ctx *ctx)
{
	(void)job;
	struct fu_call *w = arg;
	struct s40_person p;
	enum s40_err rc = srv_person_get_visible(reg->store, &w->user, w->c.person, &p, ctx);
	if (rc)
		return rc;
	return s40_followup_call(reg, &w->c, ctx);
}

static void call_after(struct srv_req *req)
{
	struct fu_call *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	const struct s40_call *c = &w->c;
	srv_reply_json(req, 201,
		       json_pack("{s:I, s:o, s:o, s:s, s:o, s:o}", "call", (json_int_t)c->call_id,
				 "id", srv_json_natid(c->person, false), "date",
				 srv_json_date(c->day), "outcome", s40_call_outcome_key(c->outcome),
				 "by", c->caller ? srv_json_natid(c->caller, false) : json_null(),
				 "note", c->note[0] ? json_string(c->note) : json_null()));
}

/* POST /api/v1/persons/{id}/followup/calls {"outcome", "date", "by", "note"} */
static void followup_calls_post(struct srv_req *req)
{
	static const char *const keys[] = { "outcome", "date", "by", "note", NULL };
	int64_t id;
	if (!srv_param_id_or_reply(req, 0, &id))
		return;
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct fu_call *w = srv_zalloc(sizeof *w);
	req->state_ptr = w;
	req->state_free = free;
	w->user = req->user;
	w->c.person = id;
	w->c.day = srv_today(req->srv);
	const char *outcome = NULL, *note = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_str_or_reply(req, body, "outcome", true, &outcome) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->c.day) &&
		  srv_json_id_or_reply(req, body, "by", false, &w->c.caller) &&
		  srv_json_str_or_reply(req, body, "note", false, &note);
	if (ok && (w->c.outcome = s40_call_outcome_parse(outcome)) == 0) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "outcome",
				 "outcome ต้องเป็น reached, promised, refused, moved, died หรือ "
				 "wrong_number",
				 "outcome is reached, promised, refused, moved, died or "
				 "wrong_number");
		ok = false;
	}
	if (ok && note != NULL && strlen(note) > S40_CALL_NOTE_MAX) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "note", "บันทึกยาวเกิน %d ไบต์",
				 "the note is longer than %d bytes", S40_CALL_NOTE_MAX);
		ok = false;
	}
	/* A volunteer records its own calls. */
	if (ok && req->user.role == S40_ROLE_VOLUNTEER) {
		if (w->c.caller != 0 && w->c.caller != req->user.person) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "by",
					 "อาสาสมัครบันทึกได้เฉพาะการติดตามของตนเอง",
					 "a volunteer records its own calls only");
			ok = false;
		}
		w->c.caller = req->user.person;
	}
	if (ok)
		snprintf(w->c.note, sizeof w->c.note, "%s", note ? note : "");
	json_decref(body);
	if (ok)
		srv_write(req, call_run, w, call_after);
}

/* The routes of this file (listed in srv_route_tables, router.c). */
const struct srv_route api_followup_routes[] = {
	{ "GET", "/api/v1/persons/{id}/followup", followup_get,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "PUT", "/api/v1/persons/{id}/followup/assignee", followup_assignee_put,
	  SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ "POST", "/api/v1/persons/{id}/followup/calls", followup_calls_post,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
