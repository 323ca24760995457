/*
 * api_persons.c — the person register over HTTP: register a person, read one
 * (with memberships and exclusions), search by national ID or name within the
 * caller's scope, and update. Every read of a person's data — one person or
 * each person of a page of results — is journaled "person.read" with the
 * user, in the same commit as nothing else, before the data is sent, so "who
 * looked at this person" always has an answer (GET /journal?entity=person:ID).
 */
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/person.h"
#include "registry/search.h"
#include "rules/eligibility.h"
#include "server.h"

json_t *api_spell_json(const struct s40_spell *sp)
{
	json_t *o = json_pack(
		"{s:I, s:i, s:o, s:o, s:o, s:i, s:o, s:s, s:I}", "spell_id",
		(json_int_t)sp->spell_id, "village", (int)sp->village, "start_date",
		srv_json_date(sp->start_day), "end_date", srv_json_date(sp->end_day), "end_reason",
		sp->end_reason ? json_string(s40_end_reason_key(sp->end_reason)) : json_null(),
		"option", sp->option, "recruited_by",
		sp->recruited_by ? srv_json_natid(sp->recruited_by, false) : json_null(), "channel",
		sp->channel, "journal_seq", (json_int_t)sp->journal_seq);
	return o;
}

json_t *api_person_json(struct s40_store *st, const struct s40_person *p, bool full, bool masked,
			struct s40_ctx *ctx)
{
	char disp[32];
	if (masked)
		s40_natid_mask(p->id, disp, sizeof disp);
	else
		s40_natid_format(p->id, disp, sizeof disp);
	json_t *o = json_pack(
		"{s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:s, s:s, s:I}", "id",
		srv_json_natid(p->id, masked), "id_display", disp, "title", p->title, "first_th",
		p->first_th, "last_th", p->last_th, "first_en", p->first_en, "last_en", p->last_en,
		"birth_date", srv_json_date(p->birth_day), "sex",
		p->sex == 1 ? json_string("M") :
		p->sex == 2 ? json_string("F") :
			      json_null(),
		"thai", p->thai < 0 ? json_null() : json_boolean(p->thai), "village",
		(int)p->village, "phone", p->phone, "address", p->address, "journal_seq",
		(json_int_t)p->journal_seq);
	if (o == NULL || !full)
		return o;
	struct s40_spell *sp;
	size_t n;
	if (s40_membership_list(st, p->id, &sp, &n, ctx) != S40_OK) {
		json_decref(o);
		return NULL;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, api_spell_json(&sp[i]));
	free(sp);
	json_object_set_new(o, "memberships", a);
	struct s40_excl_rec *x;
	if (s40_exclusion_list(st, p->id, &x, &n, ctx) != S40_OK) {
		json_decref(o);
		return NULL;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:o, s:o, s:s}", "kind", s40_excl_kind_key(x[i].e.kind),
				     "start_date", srv_json_date(x[i].e.start_day), "end_date",
				     srv_json_date(x[i].e.end_day), "source", x[i].source));
	free(x);
	json_object_set_new(o, "exclusions", a);
	return o;
}

/* Copy a JSON string field into a fixed array; absent leaves it. */
static enum s40_err text_field(json_t *obj, const char *key, char *dst, size_t n,
			       struct s40_ctx *ctx)
{
	json_t *v = json_object_get(obj, key);
	if (v == NULL)
		return S40_OK;
	if (json_is_null(v)) {
		dst[0] = '\0';
		return S40_OK;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return s40_errorf(ctx, S40_E_BAD_VALUE, key, "%s ต้องเป็นข้อความ",
				  "%s must be a string", key);
	if (json_string_length(v) >= n)
		return s40_errorf(ctx, S40_E_BAD_VALUE, key, "%s ยาวเกิน %zu ไบต์",
				  "%s is longer than %zu bytes", key, n - 1);
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return S40_OK;
}

static const char *const person_keys[] = { "id",       "title",	  "first_th",	"last_th",
					   "first_en", "last_en", "birth_date", "sex",
					   "thai",     "village", "phone",	"address",
					   NULL };

/*
 * Apply the fields present in obj to p. With all, every required field must
 * be there (a new person, or PUT). The ID is read only when with_id.
 */
static enum s40_err person_apply(json_t *obj, struct s40_person *p, bool all, bool with_id,
				 struct s40_ctx *ctx)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool known = false;
		for (size_t i = 0; person_keys[i]; i++)
			known |= strcmp(key, person_keys[i]) == 0;
		if (!known || (!with_id && strcmp(key, "id") == 0))
			return s40_errorf(ctx, S40_E_BAD_VALUE, key, "ไม่รู้จักช่องข้อมูล %s",
					  "unknown field %s", key);
	}
	static const char *const required[] = { "first_th", "last_th", "village", NULL };
	for (size_t i = 0; all && required[i]; i++) {
		v = json_object_get(obj, required[i]);
		if (v == NULL || json_is_null(v))
			return s40_errorf(ctx, S40_E_MISSING, required[i], "ไม่ได้ระบุ %s",
					  "%s is required", required[i]);
	}
	enum s40_err rc;
	if (with_id) {
		v = json_object_get(obj, "id");
		if (v == NULL || json_is_null(v))
			return s40_errorf(ctx, S40_E_MISSING, "id", "ไม่ได้ระบุ id", "id is required");
		if (!json_is_string(v))
			return s40_errorf(ctx, S40_E_BAD_VALUE, "id",
					  "id ต้องเป็นเลขประจำตัวประชาชน 13 หลัก (ข้อความ)",
					  "id must be a 13-digit national ID (a string)");
		if ((rc = s40_natid_parse(json_string_value(v), "id", &p->id, ctx)))
			return rc;
	}
	if ((rc = text_field(obj, "title", p->title, sizeof p->title, ctx)) ||
	    (rc = text_field(obj, "first_th", p->first_th, sizeof p->first_th, ctx)) ||
	    (rc = text_field(obj, "last_th", p->last_th, sizeof p->last_th, ctx)) ||
	    (rc = text_field(obj, "first_en", p->first_en, sizeof p->first_en, ctx)) ||
	    (rc = text_field(obj, "last_en", p->last_en, sizeof p->last_en, ctx)) ||
	    (rc = text_field(obj, "phone", p->phone, sizeof p->phone, ctx)) ||
	    (rc = text_field(obj, "address", p->address, sizeof p->address, ctx)))
		return rc;
	if ((v = json_object_get(obj, "birth_date")) != NULL) {
		if (json_is_null(v))
			p->birth_day = S40_NO_DAY;
		else if (!json_is_string(v))
			return s40_errorf(ctx, S40_E_BAD_VALUE, "birth_date",
					  "birth_date ต้องเป็นวันที่ เช่น 1987-05-12",
					  "birth_date must be a date such as 1987-05-12");
		else if ((rc = s40_date_parse(json_string_value(v), "birth_date", &p->birth_day,
					      ctx)))
			return rc;
	}
	if ((v = json_object_get(obj, "sex")) != NULL) {
		const char *s = json_string_value(v);
		if (json_is_null(v))
			p->sex = 0;
		else if (s && (strcmp(s, "M") == 0 || strcmp(s, "F") == 0))
			p->sex = s[0] == 'M' ? 1 : 2;
		else
			return s40_errorf(ctx, S40_E_BAD_VALUE, "sex", "sex ต้องเป็น \"M\" หรือ \"F\"",
					  "sex must be \"M\" or \"F\"");
	}
	if ((v = json_object_get(obj, "thai")) != NULL) {
		if (json_is_null(v))
			p->thai = -1;
		else if (json_is_boolean(v))
			p->thai = json_is_true(v) ? 1 : 0;
		else
			return s40_errorf(ctx, S40_E_BAD_VALUE, "thai",
					  "thai ต้องเป็น true หรือ false",
					  "thai must be true or false");
	}
	if ((v = json_object_get(obj, "village")) != NULL && !json_is_null(v)) {
		char digits[32];
		const char *text = json_string_value(v);
		if (json_is_integer(v)) {
			snprintf(digits, sizeof digits, "%lld", (long long)json_integer_value(v));
			text = digits;
		}
		if (text == NULL)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "village",
					  "village ต้องเป็นรหัสหมู่บ้าน 8 หลัก",
					  "village must be an 8-digit village code");
		if ((rc = s40_area_parse(text, "village", &p->village, ctx)))
			return rc;
	}
	return S40_OK;
}

enum s40_err api_person_from_json(json_t *obj, struct s40_person *p, struct s40_ctx *ctx)
{
	s40_person_clear(p);
	return person_apply(obj, p, true, true, ctx);
}

/* Refuse a village outside the user's area: the caller's own input, so 403. */
static enum s40_err village_in_scope(const struct s40_user *u, int32_t village, struct s40_ctx *ctx)
{
	if (u->role == S40_ROLE_ADMIN || u->area == 0 || s40_area_contains(u->area, village))
		return S40_OK;
	return s40_errorf(ctx, S40_E_FORBIDDEN, "village", "หมู่บ้าน %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
			  "village %ld is outside the user's area %ld", (long)village,
			  (long)u->area);
}

/* ---- POST /api/v1/persons ---- */

struct person_write {
	struct s40_user user;
	struct s40_person p;
	json_t *body; /* PATCH/PUT: applied in the write */
	bool all;
	int changed;
	json_t *out;
};

static void person_write_free(void *ptr)
{
	struct person_write *w = ptr;
	json_decref(w->body);
	json_decref(w->out);
	free(w);
}

static struct person_write *person_write_new(struct srv_req *req)
{
	struct person_write *w = calloc(1, sizeof *w);
	if (w == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	w->user = req->user;
	req->state_ptr = w;
	req->state_free = person_write_free;
	return w;
}

static enum s40_err create_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	struct person_write *w = arg;
	enum s40_err rc = s40_person_add(reg, &w->p, &w->changed, ctx);
	if (rc == S40_OK) {
		rc = s40_person_get(reg->store, w->p.id, &w->p, ctx);
		if (rc == S40_OK &&
		    (w->out = api_person_json(reg->store, &w->p, false, false, ctx)) == NULL)
			rc = ctx->code ? ctx->code : S40_E_NOMEM;
	}
	return rc;
}

static void write_after(struct srv_req *req)
{
	struct person_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, w->changed ? 201 : 200, json_incref(w->out));
}

static void persons_post(struct srv_req *req)
{
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct person_write *w = person_write_new(req);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	s40_person_clear(&w->p);
	enum s40_err rc = person_apply(body, &w->p, true, true, &ctx);
	json_decref(body);
	if (rc == S40_OK)
		rc = village_in_scope(&req->user, w->p.village, &ctx);
	if (rc != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	srv_write(req, create_write, w, write_after);
}

/* ---- PATCH and PUT /api/v1/persons/{id} ---- */

static enum s40_err update_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				 struct s40_ctx *ctx)
{
	(void)job;
	struct person_write *w = arg;
	int64_t id = w->p.id;
	enum s40_err rc = srv_person_get_visible(reg->store, &w->user, id, &w->p, ctx);
	if (rc)
		return rc;
	if (w->all) {
		struct s40_person fresh;
		s40_person_clear(&fresh);
		fresh.id = id;
		w->p = fresh;
	}
	if ((rc = person_apply(w->body, &w->p, w->all, false, ctx)) ||
	    (rc = village_in_scope(&w->user, w->p.village, ctx)) ||
	    (rc = s40_person_update(reg, &w->p, &w->changed, ctx)) ||
	    (rc = s40_person_get(reg->store, id, &w->p, ctx)))
		return rc;
	w->changed = 1; /* an update answers 200 either way */
	if ((w->out = api_person_json(reg->store, &w->p, true, false, ctx)) == NULL)
		return ctx->code ? ctx->code : S40_E_NOMEM;
	return S40_OK;
}

static void update_after(struct srv_req *req)
{
	struct person_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, 200, json_incref(w->out));
}

static void person_update(struct srv_req *req, bool all)
{
	int64_t id;
	if (!srv_param_id_or_reply(req, 0, &id))
		return;
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct person_write *w = person_write_new(req);
	w->p.id = id;
	w->body = body;
	w->all = all;
	srv_write(req, update_write, w, update_after);
}

static void person_patch(struct srv_req *req)
{
	person_update(req, false);
}

static void person_put(struct srv_req *req)
{
	person_update(req, true);
}

/* ---- reading: the journal of each read ---- */

struct person_read {
	json_t *out; /* the answer, made before the journal entries are written */
	int64_t *ids; /* the persons read */
	size_t n_ids;
	const char *via; /* "get" or "search" */
	unsigned status;
};

static void person_read_free(void *ptr)
{
	struct person_read *r = ptr;
	json_decref(r->out);
	free(r->ids);
	free(r);
}

static enum s40_err read_write(struct srv_job *job, struct s40_reg *reg, void *arg,
			       struct s40_ctx *ctx)
{
	(void)job;
	struct person_read *r = arg;
	return srv_journal_reads(reg, r->via, r->ids, r->n_ids, ctx);
}

static void read_after(struct srv_req *req)
{
	struct person_read *r = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, r->status, json_incref(r->out));
}

static struct person_read *person_read_new(struct srv_req *req, size_t n, const char *via)
{
	struct person_read *r = calloc(1, sizeof *r);
	int64_t *ids = calloc(n ? n : 1, sizeof *ids);
	if (r == NULL || ids == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	r->ids = ids;
	r->via = via;
	r->status = 200;
	req->state_ptr = r;
	req->state_free = person_read_free;
	return r;
}

/* GET /api/v1/persons/{id} */
static void person_get(struct srv_req *req)
{
	int64_t id;
	if (!srv_param_id_or_reply(req, 0, &id))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	json_t *out = NULL;
	if (srv_person_get_visible(st, &req->user, id, &p, &ctx) != S40_OK ||
	    (out = api_person_json(st, &p, true, false, &ctx)) == NULL) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct person_read *r = person_read_new(req, 1, "get");
	r->out = out;
	r->ids[0] = id;
	r->n_ids = 1;
	srv_write(req, read_write, r, read_after);
}

/* GET /api/v1/persons?q=&area=&date=&limit=&offset= */
/*
 * A listed person's cover on day, added to its list item o: "cover" is "s40"
 * (a Section 40 member; "option" in force that month), "excluded" (another
 * scheme; "exclusion" its kind, with "cover_th"/"cover_en" naming it) or
 * "none". The village page groups its residents by it.
 */
static enum s40_err person_cover(struct s40_store *st, int64_t id, int32_t day, json_t *o,
				 struct s40_ctx *ctx)
{
	struct s40_spell sp;
	int found = 0, option = 0;
	enum s40_err rc = s40_membership_on(st, id, day, &sp, &found, ctx);
	if (rc == S40_OK && found)
		rc = s40_membership_option_in(st, &sp, s40_day_month(day), &option, ctx);
	if (rc)
		return rc;
	if (found) {
		json_object_set_new(o, "cover", json_string("s40"));
		json_object_set_new(o, "option", json_integer(option));
		return S40_OK;
	}
	struct s40_excl_rec *x;
	size_t n;
	if ((rc = s40_exclusion_list(st, id, &x, &n, ctx)))
		return rc;
	const struct s40_exclusion *in = NULL;
	for (size_t i = 0; i < n && in == NULL; i++)
		if ((x[i].e.start_day == S40_NO_DAY || x[i].e.start_day <= day) &&
		    (x[i].e.end_day == S40_NO_DAY || day <= x[i].e.end_day))
			in = &x[i].e;
	if (in) {
		json_object_set_new(o, "cover", json_string("excluded"));
		json_object_set_new(o, "exclusion", json_string(s40_excl_kind_key(in->kind)));
		json_object_set_new(o, "cover_th",
				    json_string(s40_excl_kind_name(in->kind, S40_LANG_TH)));
		json_object_set_new(o, "cover_en",
				    json_string(s40_excl_kind_name(in->kind, S40_LANG_EN)));
	} else {
		json_object_set_new(o, "cover", json_string("none"));
	}
	free(x);
	return S40_OK;
}

static void persons_search(struct srv_req *req)
{
	long long limit, offset;
	int32_t area = 0;
	int32_t day = srv_today(req->srv);
	if (!srv_query_page_or_reply(req, &limit, &offset) ||
	    !srv_query_area_or_reply(req, "area", &area) ||
	    !srv_query_date_or_reply(req, "date", &day))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	const char *q = srv_query(req, "q");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	/* The area searched: the one asked for within the user's own. */
	int32_t root = srv_scope_root(req);
	if (area == 0 || (root != 0 && s40_area_contains(area, root))) {
		area = root;
	} else if (root != 0 && !s40_area_contains(root, area)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, "area", "พื้นที่ %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
				 "area %ld is outside the user's area %ld", (long)area, (long)root);
		return;
	}
	/* An area that does not exist: 404 unknown_area, as the reports answer, rather
	 * than an empty page that reads as "nobody lives there". */
	struct s40_area_rec rec;
	if (area != 0 && area != root && s40_area_get(st, area, &rec, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	bool masked = srv_mask_ids(req);
	struct s40_person *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	bool exact = true;
	int64_t id;
	struct s40_ctx idctx;
	s40_ctx_clear(&idctx);
	if (q != NULL && q[0] >= '0' && q[0] <= '9' &&
	    s40_natid_parse(q, "q", &id, &idctx) == S40_OK) {
		/* A national ID: that person, if in sight. */
		v = calloc(1, sizeof *v);
		if (v == NULL)
			abort();
		if (srv_person_get_visible(st, &req->user, id, &v[0], &ctx) == S40_OK &&
		    s40_area_contains(area ? area : v[0].village, v[0].village) && offset == 0) {
			n = 1;
			total = 1;
		} else if (ctx.code != S40_E_NOT_FOUND && ctx.code != S40_OK) {
			free(v);
			srv_reply_problem(req, &ctx);
			return;
		}
	} else {
		if (req->user.role == S40_ROLE_VOLUNTEER && req->user.person == 0) {
			json_t *page = srv_json_page(json_array(), 0, limit, offset);
			json_object_set_new(page, "total_exact", json_true());
			srv_reply_json(req, 200, page);
			return;
		}
		struct s40_person_query pq = {
			.text = q,
			.area = area,
			.recruited_by = req->user.role == S40_ROLE_VOLUNTEER ? req->user.person : 0,
			.limit = (size_t)limit,
			.offset = (size_t)offset,
		};
		if (s40_person_search(st, &pq, &v, &n, &total, &exact, &ctx) != S40_OK) {
			srv_reply_problem(req, &ctx);
			return;
		}
	}
	json_t *items = json_array();
	struct person_read *r = person_read_new(req, n, "search");
	for (size_t i = 0; i < n; i++) {
		json_t *o = api_person_json(st, &v[i], false, masked, &ctx);
		if (o == NULL || person_cover(st, v[i].id, day, o, &ctx) != S40_OK) {
			json_decref(o);
			json_decref(items);
			free(v); /* r is the request's, freed with it */
			if (ctx.code == S40_OK)
				s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
			srv_reply_problem(req, &ctx);
			return;
		}
		json_array_append_new(items, o);
		r->ids[r->n_ids++] = v[i].id;
	}
	free(v);
	r->out = srv_json_page(items, total, limit, offset);
	/* total_exact false: more than total match (search.h), so a page follows
	 * this one whatever its length. */
	json_object_set_new(r->out, "total_exact", json_boolean(exact));
	if (!exact)
		json_object_set_new(r->out, "next_offset", json_integer(offset + (long long)n));
	if (r->n_ids == 0) {
		srv_reply_json(req, 200, json_incref(r->out));
		return;
	}
	srv_write(req, read_write, r, read_after);
}

const struct srv_route api_persons_routes[] = {
	{ "GET", "/api/v1/persons", persons_search, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_NONE },
	{ "POST", "/api/v1/persons", persons_post, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_JSON },
	{ "GET", "/api/v1/persons/{id}", person_get, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_NONE },
	{ "PATCH", "/api/v1/persons/{id}", person_patch, SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ "PUT", "/api/v1/persons/{id}", person_put, SRV_ADMIN | SRV_OFFICER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
