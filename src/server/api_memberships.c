/*
 * api_memberships.c — Section 40 membership over HTTP: enrolment (of a
 * registered person, or registering and enrolling in one request, as a
 * volunteer in the field does), option changes and ends. Each is one write in
 * the group commit, answered only once its commit is on disk; the as-of index
 * takes the change right after.
 */
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/person.h"
#include "rules/eligibility.h"
#include "server.h"

struct membership_write {
	struct s40_user user;
	int64_t id;
	struct s40_person person; /* with has_person: register first */
	bool has_person;
	struct s40_enrol e;
	char channel[32];
	int option;
	int32_t day;
	int reason;
	int64_t spell_id;
	int32_t from_month;
	json_t *out;
};

static void mw_free(void *ptr)
{
	struct membership_write *w = ptr;
	json_decref(w->out);
	free(w);
}

static struct membership_write *mw_new(struct srv_req *req)
{
	struct membership_write *w = calloc(1, sizeof *w);
	if (w == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	w->user = req->user;
	w->day = srv_today(req->srv);
	req->state_ptr = w;
	req->state_free = mw_free;
	return w;
}

/* The person for a change: in the user's sight (officer: the area; volunteer
 * enrolling: the area, as it recruits) or "not found". */
static enum s40_err person_for_change(struct s40_store *st, const struct s40_user *u, int64_t id,
				      struct s40_person *p, struct s40_ctx *ctx)
{
	if (u->role == S40_ROLE_VOLUNTEER) {
		struct s40_user as_officer = *u;
		as_officer.role = S40_ROLE_OFFICER;
		return srv_person_get_visible(st, &as_officer, id, p, ctx);
	}
	return srv_person_get_visible(st, u, id, p, ctx);
}

static void mw_after(struct srv_req *req)
{
	struct membership_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 200, json_incref(w->out));
}

/* ---- POST /api/v1/enrolments ---- */

static enum s40_err enrol_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				struct s40_ctx *ctx)
{
	struct membership_write *w = arg;
	enum s40_err rc;
	if (w->has_person && (rc = s40_person_add(reg, &w->person, NULL, ctx)))
		return rc;
	struct s40_person p;
	if ((rc = person_for_change(reg->store, &w->user, w->e.person, &p, ctx)))
		return rc;
	struct srv_spells before;
	if ((rc = srv_spells_read(reg->store, w->e.person, &before, ctx)))
		return rc;
	rc = s40_membership_enrol(reg, &w->e, &w->spell_id, NULL, ctx);
	if (rc == S40_OK)
		rc = srv_job_spell_deltas(job, reg->store, &before, ctx);
	srv_spells_free(&before);
	if (rc)
		return rc;
	struct srv_spells now;
	if ((rc = srv_spells_read(reg->store, w->e.person, &now, ctx)))
		return rc;
	for (size_t i = 0; i < now.n; i++)
		if (now.v[i].spell_id == w->spell_id) {
			w->out = api_spell_json(&now.v[i]);
			json_object_set_new(w->out, "id", srv_json_natid(w->e.person, false));
		}
	srv_spells_free(&now);
	return w->out ? S40_OK : s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
}

static void enrol_after(struct srv_req *req)
{
	struct membership_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 201, json_incref(w->out));
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/persons/%lld", (long long)w->e.person);
	srv_reply_header(req, MHD_HTTP_HEADER_LOCATION, loc);
}

/*
 * {"id": "…" | "person": {…}, "option": 1–3, "date": "2019-10-01" (today),
 *  "channel": "office", "recruited_by": "…"}
 */
static void enrolments_post(struct srv_req *req)
{
	static const char *const keys[] = { "id",      "person",       "option", "date",
					    "channel", "recruited_by", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct membership_write *w = mw_new(req);
	long long option = 0;
	const char *channel = NULL;
	w->e.day = w->day;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_int_or_reply(req, body, "option", true, 1, 3, &option) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->e.day) &&
		  srv_json_str_or_reply(req, body, "channel", false, &channel) &&
		  srv_json_id_or_reply(req, body, "recruited_by", false, &w->e.recruited_by);
	json_t *pobj = json_object_get(body, "person");
	if (ok && pobj != NULL && !json_is_null(pobj)) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		if (!json_is_object(pobj)) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "person", "person ต้องเป็นออบเจกต์",
					 "person must be an object");
			ok = false;
		} else if (api_person_from_json(pobj, &w->person, &ctx) != S40_OK) {
			srv_reply_problem(req, &ctx);
			ok = false;
		} else if (req->user.role != S40_ROLE_ADMIN && req->user.area != 0 &&
			   !s40_area_contains(req->user.area, w->person.village)) {
			srv_reply_errorf(req, S40_E_FORBIDDEN, "village",
					 "หมู่บ้าน %ld ไม่อยู่ในพื้นที่ของผู้ใช้",
					 "village %ld is outside the user's area",
					 (long)w->person.village);
			ok = false;
		}
		w->has_person = true;
		w->e.person = w->person.id;
		if (ok && json_object_get(body, "id") != NULL) {
			int64_t id = 0;
			ok = srv_json_id_or_reply(req, body, "id", false, &id);
			if (ok && id != w->e.person) {
				srv_reply_errorf(req, S40_E_BAD_VALUE, "id", "id ไม่ตรงกับ person.id",
						 "id differs from person.id");
				ok = false;
			}
		}
	} else if (ok) {
		ok = srv_json_id_or_reply(req, body, "id", true, &w->e.person);
	}
	if (ok && channel != NULL)
		snprintf(w->channel, sizeof w->channel, "%s", channel);
	json_decref(body);
	if (!ok)
		return;
	w->e.option = (int)option;
	w->e.channel = w->channel[0] ? w->channel : NULL;
	if (req->user.role == S40_ROLE_VOLUNTEER) {
		/* A volunteer enrols as the recruiter, through the volunteer channel. */
		w->e.recruited_by = req->user.person;
		if (w->e.channel == NULL)
			w->e.channel = "volunteer";
	}
	srv_write(req, enrol_write, w, enrol_after);
}

/* ---- POST /api/v1/memberships/{id}/option ---- */

static enum s40_err option_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	struct membership_write *w = arg;
	struct s40_person p;
	enum s40_err rc = person_for_change(reg->store, &w->user, w->id, &p, ctx);
	if (rc == S40_OK)
		rc = s40_membership_change_option(reg, w->id, w->option, w->day, &w->from_month,
						  ctx);
	if (rc)
		return rc;
	char m[32];
	w->out = json_pack("{s:o, s:i, s:o, s:s}", "id", srv_json_natid(w->id, false), "option",
			   w->option, "request_date", srv_json_date(w->day), "from_month",
			   s40_month_iso(w->from_month, m, sizeof m));
	return S40_OK;
}

static void option_post(struct srv_req *req)
{
	static const char *const keys[] = { "option", "date", NULL };
	struct membership_write *w = mw_new(req);
	if (!srv_param_id_or_reply(req, 0, &w->id))
		return;
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	long long option = 0;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_int_or_reply(req, body, "option", true, 1, 3, &option) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->day);
	json_decref(body);
	if (!ok)
		return;
	w->option = (int)option;
	srv_write(req, option_write, w, mw_after);
}

/* ---- POST /api/v1/memberships/{id}/end ---- */

static enum s40_err end_write(struct srv_job *job, struct s40_reg *reg, void *arg,
			      struct s40_ctx *ctx)
{
	struct membership_write *w = arg;
	struct s40_person p;
	enum s40_err rc = person_for_change(reg->store, &w->user, w->id, &p, ctx);
	if (rc)
		return rc;
	struct srv_spells before;
	if ((rc = srv_spells_read(reg->store, w->id, &before, ctx)))
		return rc;
	rc = s40_membership_end(reg, w->id, w->day, w->reason, ctx);
	if (rc == S40_OK)
		rc = srv_job_spell_deltas(job, reg->store, &before, ctx);
	srv_spells_free(&before);
	if (rc)
		return rc;
	w->out = json_pack("{s:o, s:o, s:s}", "id", srv_json_natid(w->id, false), "end_date",
			   srv_json_date(w->day), "end_reason", s40_end_reason_key(w->reason));
	return S40_OK;
}

static void end_post(struct srv_req *req)
{
	static const char *const keys[] = { "date", "reason", NULL };
	struct membership_write *w = mw_new(req);
	if (!srv_param_id_or_reply(req, 0, &w->id))
		return;
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	const char *reason = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->day) &&
		  srv_json_str_or_reply(req, body, "reason", true, &reason);
	if (ok && (w->reason = s40_end_reason_parse(reason)) == 0) {
		srv_reply_errorf(req, S40_E_BAD_REASON, "reason",
				 "เหตุผลต้องเป็น death, s33, s39, civil_servant, state_enterprise, "
				 "resigned หรือ correction",
				 "the reason is death, s33, s39, civil_servant, state_enterprise, "
				 "resigned or correction");
		ok = false;
	}
	json_decref(body);
	if (!ok)
		return;
	srv_write(req, end_write, w, mw_after);
}

const struct srv_route api_memberships_routes[] = {
	{ "POST", "/api/v1/enrolments", enrolments_post, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_JSON },
	{ "POST", "/api/v1/memberships/{id}/option", option_post, SRV_ADMIN | SRV_OFFICER,
	  SRV_BODY_JSON },
	{ "POST", "/api/v1/memberships/{id}/end", end_post, SRV_ADMIN | SRV_OFFICER,
	  SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
