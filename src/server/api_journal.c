/*
 * api_journal.c — the audit journal for administrators: entries by entity
 * ("who looked at person:1112034563562, who changed it"), paged by sequence
 * number, and the verification of the hash chain.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "registry/journal.h"
#include "registry/search.h"
#include "server.h"

/* GET /api/v1/journal?entity=&after=&limit= */
static void journal_list(struct srv_req *req)
{
	long long after = 0, limit = 100;
	if (!srv_query_int_or_reply(req, "after", 0, INT64_MAX, &after) ||
	    !srv_query_int_or_reply(req, "limit", 1, 1000, &limit))
		return;
	const char *entity = srv_query(req, "entity");
	if (entity != NULL && entity[0] == '\0')
		entity = NULL;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_journal_entry *v;
	size_t n;
	if (s40_journal_page(st, entity, after, (size_t)limit, &v, &n, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[32];
		time_t t = (time_t)v[i].at;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_t *detail = json_loads(v[i].detail, 0, NULL);
		json_array_append_new(items,
				      json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "seq",
						(json_int_t)v[i].seq, "at", at, "user", v[i].user,
						"op", v[i].op, "entity", v[i].entity, "detail",
						detail ? detail : json_string(v[i].detail)));
	}
	long long next = n == (size_t)limit ? (long long)v[n - 1].seq : -1;
	s40_journal_entries_free(v, n);
	srv_reply_json(req, 200,
		       json_pack("{s:o, s:I, s:o}", "items", items, "limit", (json_int_t)limit,
				 "next_after", next >= 0 ? json_integer(next) : json_null()));
}

/* GET /api/v1/journal/verify[?data=true]: the chain, and with data=true the
 * rows against their digests too (a read of every row: seconds for a
 * province, minutes for the country). */
static void journal_verify(struct srv_req *req)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	const char *d = srv_query(req, "data");
	if (d != NULL && strcmp(d, "true") != 0 && strcmp(d, "false") != 0) {
		s40_errorf(&ctx, S40_E_BAD_VALUE, "data", "data ต้องเป็น true หรือ false",
			   "data must be true or false");
		srv_reply_problem(req, &ctx);
		return;
	}
	bool with_data = d != NULL && strcmp(d, "true") == 0;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	int64_t n = 0, bad = 0, rows = 0;
	struct s40_digest_check dc[S40_DT__N];
	bool checked = false;
	enum s40_err rc = s40_journal_verify(st, &n, &bad, &ctx);
	if (rc == S40_OK && with_data)
		rc = s40_journal_verify_data(st, n, dc, &rows, &checked, &ctx);
	json_t *data = checked ? s40_journal_data_json(dc) : NULL;
	if (rc == S40_OK)
		srv_reply_json(req, 200,
			       json_pack("{s:b, s:I, s:o*}", "ok", 1, "entries", (json_int_t)n,
					 "data", data));
	else if (rc == S40_E_JOURNAL)
		srv_reply_json(req, 200,
			       json_pack("{s:b, s:I, s:I, s:o, s:o*}", "ok", 0, "entries",
					 (json_int_t)n, "first_bad_seq", (json_int_t)bad, "problem",
					 srv_problem_json(&ctx, req->url), "data", data));
	else {
		json_decref(data);
		srv_reply_problem(req, &ctx);
	}
}

const struct srv_route api_journal_routes[] = {
	{ "GET", "/api/v1/journal", journal_list, SRV_ADMIN, SRV_BODY_NONE },
	{ "GET", "/api/v1/journal/verify", journal_verify, SRV_ADMIN, SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
