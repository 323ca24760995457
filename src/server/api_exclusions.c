/*
 * api_exclusions.c — cover under another scheme or status (Section 33/39,
 * civil servant, state enterprise) over HTTP. Recording one for a member ends
 * the membership it replaces in the same write (lib/registry/exclusion.c); the
 * as-of index takes the end after the commit.
 */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "registry/exclusion.h"
#include "registry/person.h"
#include "server.h"

struct excl_write {
	struct s40_user user;
	struct s40_excl_rec x;
	int changed;
	int ended;
};

static enum s40_err excl_write_run(struct srv_job *job, struct s40_reg *reg, void *arg,
				   struct s40_ctx *ctx)
{
	struct excl_write *w = arg;
	struct s40_person p;
	enum s40_err rc;
	/* An admin may record cover for someone not registered (lists of other
	 * agencies); anyone else only for a registered person in sight. */
	if (w->user.role != S40_ROLE_ADMIN &&
	    (rc = srv_person_get_visible(reg->store, &w->user, w->x.person, &p, ctx)))
		return rc;
	struct srv_spells before;
	if ((rc = srv_spells_read(reg->store, w->x.person, &before, ctx)))
		return rc;
	rc = s40_exclusion_add(reg, &w->x, &w->changed, &w->ended, ctx);
	if (rc == S40_OK)
		rc = srv_job_spell_deltas(job, reg->store, &before, ctx);
	srv_spells_free(&before);
	return rc;
}

static void excl_after(struct srv_req *req)
{
	struct excl_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, w->changed ? 201 : 200,
		       json_pack("{s:o, s:s, s:o, s:o, s:s, s:b, s:b}", "id",
				 srv_json_natid(w->x.person, false), "kind",
				 s40_excl_kind_key(w->x.e.kind), "start_date",
				 srv_json_date(w->x.e.start_day), "end_date",
				 srv_json_date(w->x.e.end_day), "source", w->x.source, "changed",
				 w->changed, "ended_membership", w->ended));
}

/* POST /api/v1/exclusions {"id", "kind", "start_date", "end_date", "source"} */
static void exclusions_post(struct srv_req *req)
{
	static const char *const keys[] = { "id", "kind", "start_date", "end_date", "source", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct excl_write *w = calloc(1, sizeof *w);
	if (w == NULL)
		abort();
	req->state_ptr = w;
	req->state_free = free;
	w->user = req->user;
	w->x.e.start_day = S40_NO_DAY;
	w->x.e.end_day = S40_NO_DAY;
	const char *kind = NULL, *source = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_id_or_reply(req, body, "id", true, &w->x.person) &&
		  srv_json_str_or_reply(req, body, "kind", true, &kind) &&
		  srv_json_date_or_reply(req, body, "start_date", false, &w->x.e.start_day) &&
		  srv_json_date_or_reply(req, body, "end_date", false, &w->x.e.end_day) &&
		  srv_json_str_or_reply(req, body, "source", false, &source);
	if (ok && (w->x.e.kind = s40_excl_kind_parse(kind)) == 0) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "kind",
				 "kind ต้องเป็น s33, s39, civil_servant หรือ state_enterprise",
				 "kind is s33, s39, civil_servant or state_enterprise");
		ok = false;
	}
	if (ok && source != NULL) {
		if (strlen(source) >= sizeof w->x.source) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "source", "source ยาวเกินไป",
					 "source is too long");
			ok = false;
		} else {
			snprintf(w->x.source, sizeof w->x.source, "%s", source);
		}
	}
	json_decref(body);
	if (ok)
		srv_write(req, excl_write_run, w, excl_after);
}

const struct srv_route api_exclusions_routes[] = {
	{ "POST", "/api/v1/exclusions", exclusions_post, SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
