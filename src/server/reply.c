/*
 * reply.c — answers (JSON, bytes, RFC 9457 problems) and the validate-or-reply
 * helpers that read a request's body, path parameters and query: each either
 * gives the value or has already answered 4xx naming the field, so handlers
 * stay flat (Redis's getLongLongFromObjectOrReply).
 */
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/area.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/natid.h"
#include "server.h"

void *srv_must(void *p)
{
	if (p == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *srv_zalloc(size_t n)
{
	return srv_must(calloc(1, n ? n : 1));
}

void srv_resp_free(struct srv_resp *r)
{
	free(r->type);
	free(r->body);
	for (size_t i = 0; i < r->n_header; i++) {
		free(r->header[i].name);
		free(r->header[i].value);
	}
	free(r->header);
	memset(r, 0, sizeof *r);
}

const char *srv_resp_header(const struct srv_resp *r, const char *name)
{
	if (r->type != NULL && strcasecmp(name, MHD_HTTP_HEADER_CONTENT_TYPE) == 0)
		return r->type;
	for (size_t i = 0; i < r->n_header; i++)
		if (strcasecmp(r->header[i].name, name) == 0)
			return r->header[i].value;
	return NULL;
}

/* Make req's answer status with body (taken: malloc'd, len bytes and a NUL
 * after them) of type (copied; NULL for none), in place of any made before. */
static void set_response(struct srv_req *req, unsigned status, const char *type, char *body,
			 size_t len)
{
	srv_resp_free(&req->resp);
	req->resp.status = status;
	req->resp.type = type ? srv_must(strdup(type)) : NULL;
	req->resp.body = body;
	req->resp.len = len;
}

void srv_reply_bytes(struct srv_req *req, unsigned status, const char *type, const void *data,
		     size_t n)
{
	char *copy = srv_must(malloc(n + 1));
	if (n > 0)
		memcpy(copy, data, n);
	copy[n] = '\0';
	set_response(req, status, type, copy, n);
}

/*
 * Reals (an area's lat and lon, rounded to 4 decimals) with 15 significant
 * digits, so that 13.4284 is written so and not as 13.428399999999999.
 */
static void reply_json_type(struct srv_req *req, unsigned status, json_t *v, const char *type)
{
	char *text =
		v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) :
		    NULL;
	json_decref(v);
	srv_must(text);
	set_response(req, status, type, text, strlen(text));
}

void srv_reply_json(struct srv_req *req, unsigned status, json_t *v)
{
	reply_json_type(req, status, v, "application/json; charset=utf-8");
}

/* The ETags of the embedded files served so far, each made once. */
#define ETAG_FILES 128
static pthread_mutex_t etag_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const struct s40_embed *e;
	char tag[36]; /* "…": 32 hex digits of a 16-byte BLAKE2b */
} etags[ETAG_FILES];

/* e's ETag into tag (36 bytes). */
static void embed_etag(const struct s40_embed *e, char tag[36])
{
	pthread_mutex_lock(&etag_mu);
	size_t i = 0;
	while (i < ETAG_FILES && etags[i].e != NULL && etags[i].e != e)
		i++;
	if (i < ETAG_FILES && etags[i].e == e) {
		memcpy(tag, etags[i].tag, 36);
		pthread_mutex_unlock(&etag_mu);
		return;
	}
	unsigned char h[16];
	crypto_generichash(h, sizeof h, e->data, e->len, NULL, 0);
	tag[0] = '"';
	sodium_bin2hex(tag + 1, 33, h, sizeof h);
	tag[33] = '"';
	tag[34] = '\0';
	if (i < ETAG_FILES) {
		etags[i].e = e;
		memcpy(etags[i].tag, tag, 36);
	}
	pthread_mutex_unlock(&etag_mu);
}

/* Whether an If-None-Match value names tag: "*", or tag in its list (a weak
 * W/"…" matches too, as RFC 9110 says for If-None-Match). */
static bool etag_matches(const char *header, const char *tag)
{
	if (header == NULL)
		return false;
	size_t n = strlen(tag);
	for (const char *p = header; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, tag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
		while (*p && *p != ',')
			p++;
	}
	return false;
}

void srv_reply_embed(struct srv_req *req, const struct s40_embed *e, const char *type)
{
	char tag[36];
	embed_etag(e, tag);
	/* A 304 carries the file too: libmicrohttpd sends only its headers, as for
	 * HEAD, so that Content-Length is the file's (RFC 9110, 8.6), not 0. */
	bool same = etag_matches(srv_req_value(req, SRV_VALUE_HEADER, "If-None-Match"), tag);
	srv_reply_bytes(req, same ? 304 : 200, type, e->data, e->len);
	srv_reply_header(req, MHD_HTTP_HEADER_ETAG, tag);
	srv_reply_header(req, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
}

void srv_reply_empty(struct srv_req *req, unsigned status)
{
	srv_reply_bytes(req, status, NULL, "", 0);
}

void srv_reply_header(struct srv_req *req, const char *name, const char *value)
{
	struct srv_resp *r = &req->resp;
	if (r->status == 0)
		return;
	r->header = srv_must(realloc(r->header, (r->n_header + 1) * sizeof *r->header));
	r->header[r->n_header].name = srv_must(strdup(name));
	r->header[r->n_header].value = srv_must(strdup(value));
	r->n_header++;
}

json_t *srv_problem_json(const struct s40_ctx *ctx, const char *instance)
{
	enum s40_err code = ctx->code == S40_OK ? S40_E_INTERNAL : ctx->code;
	char type[96];
	snprintf(type, sizeof type, "urn:s40:problem:%s", s40_errname(code));
	json_t *p = json_pack("{s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:s}", "type", type, "title",
			      s40_strerror(code, S40_LANG_TH), "detail",
			      s40_errmsg(ctx, S40_LANG_TH), "status", s40_err_http_status(code),
			      "code", s40_errname(code), "code_number", (int)code, "message_th",
			      s40_errmsg(ctx, S40_LANG_TH), "message_en",
			      s40_errmsg(ctx, S40_LANG_EN));
	if (p == NULL)
		return NULL;
	json_object_set_new(p, "field", ctx->field[0] ? json_string(ctx->field) : json_null());
	if (ctx->line > 0)
		json_object_set_new(p, "line", json_integer(ctx->line));
	if (instance)
		json_object_set_new(p, "instance", json_string(instance));
	return p;
}

void srv_reply_problem(struct srv_req *req, const struct s40_ctx *ctx)
{
	enum s40_err code = ctx->code == S40_OK ? S40_E_INTERNAL : ctx->code;
	json_t *p = srv_problem_json(ctx, req->url);
	/* A path holding bytes that are not UTF-8 cannot be a JSON string. */
	if (p != NULL && json_object_get(p, "instance") == NULL)
		json_object_set_new(p, "instance", json_null());
	reply_json_type(req, (unsigned)s40_err_http_status(code), p,
			"application/problem+json; charset=utf-8");
	if (code == S40_E_UNAUTHENTICATED || code == S40_E_BAD_LOGIN)
		srv_reply_header(req, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"s40\"");
	/* Failures that pass by themselves: when to ask again (seconds). A
	 * database that went away is usually back within a restart's time; a
	 * busy one or a stopping server within a moment. */
	if (code == S40_E_DB_UNAVAILABLE)
		srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "2");
	else if (code == S40_E_DB_BUSY || code == S40_E_STOPPING)
		srv_reply_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "1");
}

void srv_reply_errorf(struct srv_req *req, enum s40_err code, const char *field, const char *fmt_th,
		      const char *fmt_en, ...)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	va_list ap;
	va_start(ap, fmt_en);
	s40_verrorf(&ctx, code, field, fmt_th, fmt_en, ap);
	va_end(ap);
	srv_reply_problem(req, &ctx);
}

/* ---- values in JSON ---- */

json_t *srv_json_date(int32_t day)
{
	if (day == S40_NO_DAY)
		return json_null();
	char b[64];
	return json_string(s40_date_iso(day, b, sizeof b));
}

json_t *srv_json_natid(int64_t id, bool masked)
{
	char b[32];
	return json_string(masked ? s40_natid_mask(id, b, sizeof b) :
				    s40_natid_digits(id, b, sizeof b));
}

json_t *srv_json_page(json_t *items, long long total, long long limit, long long offset)
{
	long long n = (long long)json_array_size(items);
	json_t *next = offset + n < total ? json_integer(offset + n) : json_null();
	return json_pack("{s:o, s:I, s:I, s:I, s:o}", "items", items, "total", (json_int_t)total,
			 "limit", (json_int_t)limit, "offset", (json_int_t)offset, "next_offset",
			 next);
}

/* ---- the body ---- */

bool srv_body_json_or_reply(struct srv_req *req, json_t **obj)
{
	json_error_t err;
	if (req->body.len == 0) {
		srv_reply_errorf(req, S40_E_BAD_JSON, NULL, "ไม่มีข้อมูล JSON ในคำขอ",
				 "the request has no JSON body");
		return false;
	}
	json_t *v = json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES, &err);
	if (v == NULL) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		s40_errorf(&ctx, S40_E_BAD_JSON, NULL, "JSON ไม่ถูกต้องที่บรรทัด %d คอลัมน์ %d: %s",
			   "invalid JSON at line %d column %d: %s", err.line, err.column, err.text);
		ctx.line = err.line > 0 ? err.line : 0;
		srv_reply_problem(req, &ctx);
		return false;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		srv_reply_errorf(req, S40_E_BAD_JSON, NULL, "ข้อมูล JSON ต้องเป็นออบเจกต์ {…}",
				 "the JSON body must be an object {…}");
		return false;
	}
	*obj = v;
	return true;
}

bool srv_keys_or_reply(struct srv_req *req, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		bool ok = false;
		for (size_t i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				ok = true;
		if (!ok) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, key, "ไม่รู้จักช่องข้อมูล %s",
					 "unknown field %s", key);
			return false;
		}
	}
	return true;
}

/* The value of key: NULL (missing or null) is an error only when required. */
static bool get_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			 json_t **v)
{
	*v = json_object_get(obj, key);
	if (*v != NULL && json_is_null(*v))
		*v = NULL;
	if (*v == NULL && required) {
		srv_reply_errorf(req, S40_E_MISSING, key, "ไม่ได้ระบุ %s", "%s is required", key);
		return false;
	}
	return true;
}

static bool wrong_type(struct srv_req *req, const char *key, const char *th, const char *en)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	ctx.code = S40_E_BAD_VALUE;
	snprintf(ctx.field, sizeof ctx.field, "%s", key);
	snprintf(ctx.msg_th, sizeof ctx.msg_th, "%s ต้องเป็น%s", key, th);
	snprintf(ctx.msg_en, sizeof ctx.msg_en, "%s must be %s", key, en);
	srv_reply_problem(req, &ctx);
	return false;
}

bool srv_json_str_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			   const char **out)
{
	json_t *v;
	if (!get_or_reply(req, obj, key, required, &v))
		return false;
	if (v == NULL)
		return true;
	if (!json_is_string(v)) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "%s ต้องเป็นข้อความ",
				 "%s must be a string", key);
		return false;
	}
	*out = json_string_value(v);
	if (strlen(*out) != json_string_length(v)) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "%s มีอักขระ NUL", "%s holds a NUL", key);
		return false;
	}
	return true;
}

bool srv_json_id_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			  int64_t *out)
{
	json_t *v;
	if (!get_or_reply(req, obj, key, required, &v))
		return false;
	if (v == NULL)
		return true;
	char digits[64];
	const char *text;
	if (json_is_integer(v)) {
		snprintf(digits, sizeof digits, "%lld", (long long)json_integer_value(v));
		text = digits;
	} else if (json_is_string(v)) {
		text = json_string_value(v);
	} else {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key,
				 "%s ต้องเป็นเลขประจำตัวประชาชน 13 หลัก (ข้อความ)",
				 "%s must be a 13-digit national ID (a string)", key);
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_natid_parse(text, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

bool srv_json_date_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			    int32_t *out)
{
	json_t *v;
	if (!get_or_reply(req, obj, key, required, &v))
		return false;
	if (v == NULL)
		return true;
	if (!json_is_string(v))
		return wrong_type(req, key, "วันที่ (ข้อความ เช่น 2019-10-31)",
				  "a date (a string such as 2019-10-31)");
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_date_parse(json_string_value(v), key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

bool srv_json_int_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			   long long min, long long max, long long *out)
{
	json_t *v;
	if (!get_or_reply(req, obj, key, required, &v))
		return false;
	if (v == NULL)
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "%s ต้องเป็นจำนวนเต็มตั้งแต่ %lld ถึง %lld",
				 "%s must be a whole number from %lld to %lld", key, min, max);
		return false;
	}
	*out = json_integer_value(v);
	return true;
}

bool srv_json_area_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			    int32_t *out)
{
	json_t *v;
	if (!get_or_reply(req, obj, key, required, &v))
		return false;
	if (v == NULL)
		return true;
	char digits[32];
	const char *text;
	if (json_is_integer(v)) {
		snprintf(digits, sizeof digits, "%lld", (long long)json_integer_value(v));
		text = digits;
	} else if (json_is_string(v)) {
		text = json_string_value(v);
	} else {
		return wrong_type(req, key, "รหัสพื้นที่", "an area code");
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_area_parse(text, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

/* ---- the path and the query ---- */

bool srv_param_id_or_reply(struct srv_req *req, int i, int64_t *out)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_natid_parse(req->params[i], "id", out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

const char *srv_query(struct srv_req *req, const char *key)
{
	return srv_req_value(req, SRV_VALUE_QUERY, key);
}

bool srv_query_date_or_reply(struct srv_req *req, const char *key, int32_t *out)
{
	const char *v = srv_query(req, key);
	if (v == NULL || v[0] == '\0')
		return true;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_date_parse(v, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

bool srv_query_level_or_reply(struct srv_req *req, int32_t area, enum s40_level *out)
{
	*out = S40_LEVEL_NONE;
	const char *lv = srv_query(req, "level");
	if (lv == NULL || lv[0] == '\0')
		return true;
	*out = s40_level_parse(lv);
	if (*out == S40_LEVEL_NONE || (area != 0 && *out <= s40_area_level(area))) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "level",
				 "ระดับต้องเป็น province, district, subdistrict หรือ village "
				 "และต่ำกว่าพื้นที่",
				 "the level is province, district, subdistrict or village, below "
				 "the area");
		return false;
	}
	return true;
}

bool srv_query_area_or_reply(struct srv_req *req, const char *key, int32_t *out)
{
	const char *v = srv_query(req, key);
	if (v == NULL || v[0] == '\0')
		return true;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_area_parse(v, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

bool srv_query_int_or_reply(struct srv_req *req, const char *key, long long min, long long max,
			    long long *out)
{
	const char *v = srv_query(req, key);
	if (v == NULL || v[0] == '\0')
		return true;
	char *end = NULL;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || x < min || x > max) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "%s ต้องเป็นจำนวนเต็มตั้งแต่ %lld ถึง %lld",
				 "%s must be a whole number from %lld to %lld", key, min, max);
		return false;
	}
	*out = x;
	return true;
}

bool srv_query_format_or_reply(struct srv_req *req)
{
	const char *f = srv_query(req, "format");
	if (!(f == NULL || f[0] == '\0' || strcmp(f, "json") == 0 || strcmp(f, "csv") == 0 ||
	      strcmp(f, "xlsx") == 0 || strcmp(f, "pdf") == 0)) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "format",
				 "format ต้องเป็น json, csv, xlsx หรือ pdf",
				 "format is json, csv, xlsx or pdf");
		return false;
	}
	const char *c = srv_query(req, "csv");
	if (c != NULL && c[0] != '\0' && s40_csv_style_parse(c) < 0) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "csv", "csv ต้องเป็น excel หรือ plain",
				 "csv is excel or plain");
		return false;
	}
	return true;
}

enum s40_csv_style srv_query_csv(struct srv_req *req)
{
	const char *c = srv_query(req, "csv");
	return c != NULL && strcmp(c, "plain") == 0 ? S40_CSV_PLAIN : S40_CSV_EXCEL;
}

enum s40_lang srv_query_lang(struct srv_req *req)
{
	const char *l = srv_query(req, "lang");
	return l != NULL && strcmp(l, "en") == 0 ? S40_LANG_EN : S40_LANG_TH;
}

FILE *srv_memstream(char **data, size_t *len)
{
	FILE *m = open_memstream(data, len);
	if (m == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	return m;
}

bool srv_query_page_or_reply(struct srv_req *req, long long *limit, long long *offset)
{
	*limit = 50;
	*offset = 0;
	return srv_query_int_or_reply(req, "limit", 1, 500, limit) &&
	       srv_query_int_or_reply(req, "offset", 0, 1000000000LL, offset);
}
