/*
 * request.c — a request's values: its headers, query parameters and cookies,
 * and its path with the query (srv_req_value, srv_req_target), read from
 * libmicrohttpd for a connection, or for a request in process (srv_call)
 * from the call's own, decoded here as libmicrohttpd decodes a connection's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode %XX in place, as libmicrohttpd would, except that a byte decoding to
 * a control character (%00, %0A …) becomes DEL (0x7f), which srv_path_check
 * and every value parser refuse: "/persons/1%00.json" must not be read as
 * "/persons/1".
 */
size_t srv_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	char *w = s;
	for (const char *r = s; *r;) {
		int hi, lo;
		if (r[0] == '%' && r[1] && r[2] && (hi = hexval(r[1])) >= 0 &&
		    (lo = hexval(r[2])) >= 0) {
			unsigned char c = (unsigned char)(hi * 16 + lo);
			*w++ = (char)(c < 0x20 || c == 0x7f ? 0x7f : c);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

void srv_local_free(struct srv_local *l)
{
	if (l == NULL)
		return;
	free(l->path);
	free(l->headers);
	free(l->query_text);
	free(l->cookie_text);
	free(l->query);
	free(l->cookie);
	free(l);
}

static void kv_add(struct local_kv **v, size_t *n, const char *key, const char *value)
{
	*v = srv_must(realloc(*v, (*n + 1) * sizeof **v));
	(*v)[(*n)++] = (struct local_kv){ key, value };
}

/* Decode a key or value of a query string in place: '+' is a space, then %XX
 * as the server decodes them (srv_unescape). */
static void query_decode(char *s)
{
	for (char *c = s; *c; c++)
		if (*c == '+')
			*c = ' ';
	srv_unescape(NULL, NULL, s);
}

/* Split args ("a=1&b&c=3", clobbered) into l's query parameters, as
 * libmicrohttpd's MHD_parse_arguments_ does. */
static void query_parse(struct srv_local *l, char *args)
{
	while (args != NULL && args[0] != '\0') {
		char *equals = strchr(args, '='), *amper = strchr(args, '&');
		if (amper != NULL)
			*amper++ = '\0';
		if (equals != NULL && (amper == NULL || equals < amper)) {
			*equals++ = '\0';
			query_decode(equals);
		} else {
			equals = NULL;
		}
		query_decode(args);
		kv_add(&l->query, &l->n_query, args, equals);
		args = amper;
	}
}

/* Split a Cookie header (copied into l) into l's cookies, as libmicrohttpd
 * does: "a=1; b=\"2\"", a quoted value without its quotes. */
static void cookie_parse(struct srv_local *l, const char *header)
{
	char *pos = l->cookie_text = srv_must(strdup(header));
	while (pos != NULL && *pos != '\0') {
		while (*pos == ' ')
			pos++;
		char *name = pos, *sep = pos + strcspn(pos, ",;=");
		for (char *t = sep - 1; t >= name && *t == ' '; t--)
			*t = '\0';
		char old = *sep;
		*sep = '\0';
		if (old != '=') {
			kv_add(&l->cookie, &l->n_cookie, name, "");
			pos = old == '\0' ? NULL : sep + 1;
			continue;
		}
		char *value = sep + 1, *end = value;
		bool quoted = false;
		while (*end != '\0' && (quoted || (*end != ';' && *end != ','))) {
			if (*end == '"')
				quoted = !quoted;
			end++;
		}
		pos = *end != '\0' ? end + 1 : NULL;
		*end = '\0';
		if (value[0] == '"' && end > value + 1 && end[-1] == '"') {
			value++;
			end[-1] = '\0';
		}
		kv_add(&l->cookie, &l->n_cookie, name, value);
	}
}

static const char *header_find(const char *const *h, const char *key)
{
	for (; h && h[0] && h[1]; h += 2)
		if (strcasecmp(h[0], key) == 0)
			return h[1];
	return NULL;
}

static const char *kv_find(const struct local_kv *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

/* The path (decoded), query parameters and cookies of call. */
struct srv_local *srv_local_new(const struct srv_call *call)
{
	struct srv_local *l = srv_must(calloc(1, sizeof *l));
	/* A client sending a body says how long it is (or that it is chunked). */
	size_t n = 0;
	for (const char *const *h = call->headers; h && h[0] && h[1]; h += 2)
		n += 2;
	l->headers = srv_must(calloc(n + 3, sizeof *l->headers));
	if (n > 0)
		memcpy(l->headers, call->headers, n * sizeof *l->headers);
	if (call->body_len > 0 &&
	    header_find(call->headers, MHD_HTTP_HEADER_CONTENT_LENGTH) == NULL &&
	    header_find(call->headers, MHD_HTTP_HEADER_TRANSFER_ENCODING) == NULL) {
		snprintf(l->content_length, sizeof l->content_length, "%zu", call->body_len);
		l->headers[n++] = MHD_HTTP_HEADER_CONTENT_LENGTH;
		l->headers[n++] = l->content_length;
	}
	const char *target = call->target ? call->target : "";
	size_t path_len = strcspn(target, "?");
	l->path = srv_must(strndup(target, path_len));
	srv_unescape(NULL, NULL, l->path);
	if (target[path_len] == '?') {
		l->query_text = srv_must(strdup(target + path_len + 1));
		query_parse(l, l->query_text);
	}
	const char *cookies = header_find(l->headers, "Cookie");
	if (cookies != NULL)
		cookie_parse(l, cookies);
	return l;
}

const char *srv_req_value(struct srv_req *req, enum srv_value kind, const char *key)
{
	if (req->call == NULL) {
		enum MHD_ValueKind k = kind == SRV_VALUE_HEADER ? MHD_HEADER_KIND :
				       kind == SRV_VALUE_COOKIE ? MHD_COOKIE_KIND :
								  MHD_GET_ARGUMENT_KIND;
		return MHD_lookup_connection_value(req->conn, k, key);
	}
	switch (kind) {
	case SRV_VALUE_HEADER:
		return header_find(req->local->headers, key);
	case SRV_VALUE_COOKIE:
		return kv_find(req->local->cookie, req->local->n_cookie, key);
	case SRV_VALUE_QUERY:
		return kv_find(req->local->query, req->local->n_query, key);
	}
	return NULL;
}

static enum MHD_Result target_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	(void)kind;
	struct s40_buf *b = cls;
	s40_buf_addf(b, "%s%s%s%s", strchr(b->data, '?') ? "&" : "?", key, value ? "=" : "",
		     value ? value : "");
	return MHD_YES;
}

char *srv_req_target(struct srv_req *req)
{
	struct s40_buf b;
	s40_buf_init(&b, (size_t)1 << 20); /* more than a connection's memory holds */
	if (s40_buf_addf(&b, "%s", req->url) != S40_OK)
		srv_must(NULL);
	if (req->call == NULL)
		MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, target_arg, &b);
	else
		for (size_t i = 0; i < req->local->n_query; i++)
			target_arg(&b, MHD_GET_ARGUMENT_KIND, req->local->query[i].key,
				   req->local->query[i].value);
	return b.data;
}
