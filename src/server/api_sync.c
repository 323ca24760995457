/*
 * api_sync.c — what a device working offline needs from the server besides
 * the API it already uses: the changes in its user's area since it last
 * looked (GET /api/v1/changes, the journal's sequence as the cursor), and
 * blocks of receipt numbers reserved for it (POST /api/v1/receipt-blocks), so
 * that payments typed on two phones without a network never take the same
 * receipt number.
 *
 * The feed is the journal read forward, each entry placed in an area: an entry
 * about a person (enrolment, payment, follow-up, an update) in the person's
 * current village, a survey in its village, a target in its area. Entries the
 * caller's area does not contain are left out; a person the caller may not
 * see (srv_person_visible) is given as a change in the village with no person,
 * so that counts can be refreshed without naming anyone. Reads (person.read)
 * and users' own entries change nothing a device keeps and are left out; an
 * entry that cannot be placed (an import, a reload of the areas) is given with
 * neither village nor person: refresh everything.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/natid.h"
#include "registry/journal.h"
#include "registry/person.h"
#include "registry/search.h"
#include "server.h"

/* Journal entries read per page of the feed, by default and at most. */
#define CHANGES_LIMIT 500
#define CHANGES_LIMIT_MAX 1000
/* The size of a receipt block, at most. */
#define RECEIPT_BLOCK_MAX 1000

/* Whether op changes nothing a device keeps. */
static bool op_ignored(const char *op)
{
	return strcmp(op, "person.read") == 0 || strncmp(op, "user.", 5) == 0 ||
	       strcmp(op, "receipt.block") == 0;
}

/* The change of entry e for req's user, or NULL when it is out of the user's
 * area. */
static json_t *change_json(struct srv_req *req, struct s40_store *st,
			   const struct s40_journal_entry *e, struct s40_ctx *ctx)
{
	int32_t village = 0, area = 0;
	int64_t person = 0;
	long long a = 0, b = 0;
	char tail;
	if (strncmp(e->entity, "person:", 7) == 0) {
		struct s40_person p;
		int64_t id;
		struct s40_ctx scratch;
		s40_ctx_clear(&scratch);
		if (s40_natid_parse(e->entity + 7, "entity", &id, &scratch) != S40_OK ||
		    s40_person_get(st, id, &p, &scratch) != S40_OK)
			return NULL; /* a person not (or no longer) registered: nothing to show */
		village = p.village;
		s40_ctx_clear(&scratch);
		if (srv_person_visible(st, &req->user, &p, &scratch) == S40_OK)
			person = id;
		else if (scratch.code != S40_E_NOT_FOUND) {
			*ctx = scratch;
			return json_null(); /* an error: the caller stops */
		}
		if (person == 0 && !srv_scope_area(req, village))
			return NULL;
	} else if (sscanf(e->entity, "survey:%lld:%c", &a, &tail) == 2) {
		village = (int32_t)a;
		if (!srv_scope_area(req, village))
			return NULL;
	} else if (sscanf(e->entity, "target:%lld:%lld", &a, &b) == 2) {
		area = (int32_t)b;
		/* A target of the user's area, of an area within it, or of an area
		 * above it (an allocation from there changes the user's own). */
		if (!srv_scope_area(req, area) && !s40_area_contains(area, srv_scope_root(req)))
			return NULL;
	}
	return json_pack("{s:I, s:s, s:o, s:o, s:o}", "seq", (json_int_t)e->seq, "op", e->op,
			 "person", person ? srv_json_natid(person, false) : json_null(), "village",
			 village ? json_integer(village) : json_null(), "area",
			 area ? json_integer(area) : json_null());
}

/* GET /api/v1/changes[?since=&limit=] */
static void changes_get(struct srv_req *req)
{
	long long since = -1, limit = CHANGES_LIMIT;
	if (!srv_query_int_or_reply(req, "since", 0, INT64_MAX, &since) ||
	    !srv_query_int_or_reply(req, "limit", 1, CHANGES_LIMIT_MAX, &limit))
		return;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	json_t *changes = json_array();
	int64_t cursor = since;
	bool more = false;
	if (since < 0) {
		/* No cursor yet: where the journal is now, to start from. */
		if (srv_journal_head(st, &cursor, &ctx) != S40_OK) {
			json_decref(changes);
			srv_reply_problem(req, &ctx);
			return;
		}
	} else {
		struct s40_journal_entry *v;
		size_t n;
		if (s40_journal_page(st, NULL, since, (size_t)limit, &v, &n, &ctx) != S40_OK) {
			json_decref(changes);
			srv_reply_problem(req, &ctx);
			return;
		}
		for (size_t i = 0; i < n && ctx.code == S40_OK; i++) {
			cursor = v[i].seq;
			if (op_ignored(v[i].op))
				continue;
			json_t *c = change_json(req, st, &v[i], &ctx);
			if (c != NULL && !json_is_null(c))
				json_array_append_new(changes, c);
		}
		more = n == (size_t)limit;
		s40_journal_entries_free(v, n);
		if (ctx.code != S40_OK) {
			json_decref(changes);
			srv_reply_problem(req, &ctx);
			return;
		}
	}
	srv_reply_json(req, 200,
		       json_pack("{s:I, s:b, s:o}", "cursor", (json_int_t)cursor, "more", more,
				 "changes", changes));
}

/* ---- POST /api/v1/receipt-blocks {"size"} ---- */

struct block_write {
	int64_t size;
	int64_t block; /* the journal entry that reserved it */
};

static enum s40_err block_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			      struct s40_ctx *ctx)
{
	(void)job;
	struct block_write *w = arg;
	char entity[S40_USER_NAME_MAX + 8], detail[48];
	snprintf(entity, sizeof entity, "user:%s", reg->user);
	snprintf(detail, sizeof detail, "{\"size\":%" PRId64 "}", w->size);
	return s40_reg_journal(reg, "receipt.block", entity, detail, &w->block, ctx);
}

static void block_after(struct srv_req *req)
{
	struct block_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	char prefix[32];
	srv_receipt_block_prefix(w->block, prefix, sizeof prefix);
	srv_reply_json(req, 201,
		       json_pack("{s:I, s:s, s:I, s:I}", "block", (json_int_t)w->block, "prefix",
				 prefix, "first", (json_int_t)1, "last", (json_int_t)w->size));
}

static void receipt_blocks_post(struct srv_req *req)
{
	static const char *const keys[] = { "size", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct block_write *w = srv_zalloc(sizeof *w);
	req->state_ptr = w;
	req->state_free = free;
	bool ok = srv_keys_or_reply(req, body, keys);
	json_t *size = json_object_get(body, "size");
	if (ok && (!json_is_integer(size) || json_integer_value(size) < 1 ||
		   json_integer_value(size) > RECEIPT_BLOCK_MAX)) {
		srv_reply_errorf(req, size ? S40_E_BAD_VALUE : S40_E_MISSING, "size",
				 "size ต้องเป็นจำนวนเต็ม 1 ถึง %d", "size is a whole number from 1 to %d",
				 RECEIPT_BLOCK_MAX);
		ok = false;
	}
	if (ok)
		w->size = json_integer_value(size);
	json_decref(body);
	if (ok)
		srv_write(req, block_run, w, block_after);
}

void srv_receipt_block_prefix(int64_t block, char *buf, size_t n)
{
	snprintf(buf, n, "B%06" PRId64 "-", block);
}

const struct srv_route api_sync_routes[] = {
	{ "GET", "/api/v1/changes", changes_get, SRV_ANY_USER, SRV_BODY_NONE },
	{ "POST", "/api/v1/receipt-blocks", receipt_blocks_post,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_JSON },
	{ NULL, NULL, NULL, 0, 0 },
};
