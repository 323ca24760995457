/*
 * server.c — the core of s40 serve: libmicrohttpd with its internal thread
 * pool, the life of one request (limits, path checks, the body, routing,
 * authentication, the handler, suspension while a write is committed, the
 * response), one store connection per worker thread, the shared as-of index,
 * and the clean stop on SIGINT/SIGTERM.
 */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/date.h"

void srv_config_defaults(struct srv_config *c)
{
	memset(c, 0, sizeof *c);
	c->host = "127.0.0.1";
	c->port = 8040;
	c->threads = 0;
	c->cache_mib = 64;
	c->body_max = 1u << 20;
	c->upload_max = 256u << 20;
	c->conn_limit = 1024;
	c->per_ip_limit = 0; /* conn_limit / 16: room for 16 addresses at their limit */
	c->timeout_s = 30;
	c->header_timeout_s = 10;
	c->anchor_minutes = 60;
	c->headers_max = 100;
	c->header_bytes_max = 16384;
	c->mem_limit = 64 * 1024;
	c->session_ttl = 12 * 3600;
	c->offline_days = 7;
	c->today = S40_NO_DAY;
}

int32_t srv_today(const struct srv *srv)
{
	return srv->cfg.today != S40_NO_DAY ? srv->cfg.today : s40_day_today();
}

/* ---- the worker threads' store connections ---- */

static void store_close_at_exit(void *p)
{
	s40_store_close(p);
}

/* The calling thread's connection to uri under key, opened on first use. */
static struct s40_store *thread_store(struct srv_req *req, pthread_key_t key, const char *uri)
{
	struct s40_store *st = pthread_getspecific(key);
	if (st != NULL)
		return st;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_store_open(uri, false, &st, &ctx) != S40_OK) {
		/* It opened when the server started: it is away for now. */
		ctx.code = S40_E_DB_UNAVAILABLE;
		srv_reply_problem(req, &ctx);
		return NULL;
	}
	/* A worker answers reads all day: the pages of its last answers stay in
	 * memory, so a list asked again (the next page, the same province) reads
	 * them from there rather than through the file system. */
	s40_store_cache(st, (int)req->srv->cfg.cache_mib);
	pthread_setspecific(key, st);
	return st;
}

struct s40_store *srv_store_or_reply(struct srv_req *req)
{
	struct srv *srv = req->srv;
	if (srv->cfg.read_db == NULL)
		return thread_store(req, srv->store_key, srv->cfg.db);
	/* Reads go to the replica, but what this request wrote, and what its
	 * user wrote and the replica has not replayed yet, is read from the
	 * primary. */
	if (!req->primary) {
		struct s40_store *replica = thread_store(req, srv->read_key, srv->cfg.read_db);
		if (replica == NULL)
			return NULL;
		if (!req->authed || !srv_primary_needed(srv, req->user.name, replica))
			return replica;
		req->primary = true;
	}
	return thread_store(req, srv->store_key, srv->cfg.db);
}

/* ---- one request ---- */

static void req_free(struct srv_req *req)
{
	if (req == NULL)
		return;
	s40_buf_free(&req->body);
	if (req->upload)
		fclose(req->upload);
	srv_resp_free(&req->resp);
	srv_idem_free(req->idem);
	if (req->state_free && req->state_ptr)
		req->state_free(req->state_ptr);
	srv_local_free(req->local);
	free(req);
}

static void client_addr(struct MHD_Connection *conn, char *buf, size_t n)
{
	snprintf(buf, n, "?");
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
			  (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  buf, (socklen_t)n);
}

struct header_tally {
	unsigned n;
	size_t bytes;
};

static enum MHD_Result header_count(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	(void)kind;
	struct header_tally *t = cls;
	t->n++;
	t->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/*
 * Behind the trusted proxy (--trust-proxy), the client is the address the
 * proxy put last in X-Forwarded-For (nginx's $proxy_add_x_forwarded_for
 * appends the address it was connected from; whatever came before it was
 * written by the client and proves nothing). Without a valid one, the
 * proxy's own address stays.
 */
static void forwarded_addr(struct srv_req *req)
{
	const char *h = srv_req_value(req, SRV_VALUE_HEADER, "X-Forwarded-For");
	if (h == NULL)
		return;
	const char *last = strrchr(h, ',');
	last = last ? last + 1 : h;
	while (*last == ' ' || *last == '\t')
		last++;
	char a[64];
	size_t n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof a)
		return;
	memcpy(a, last, n);
	a[n] = '\0';
	unsigned char bin[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1)
		snprintf(req->addr, sizeof req->addr, "%s", a);
}

/* Whether the request's Content-Type is type (the media type before any ';'). */
static bool content_type_is(struct srv_req *req, const char *type)
{
	const char *ct = srv_req_value(req, SRV_VALUE_HEADER, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct == NULL)
		return false;
	size_t n = strlen(type);
	return strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static void req_early(struct srv_req *req, enum s40_err code, const char *field, const char *th,
		      const char *en)
{
	if (req->early != S40_OK)
		return;
	req->early = code;
	s40_errorf(&req->early_ctx, code, field, NULL, NULL);
	if (th)
		snprintf(req->early_ctx.msg_th, sizeof req->early_ctx.msg_th, "%s", th);
	if (en)
		snprintf(req->early_ctx.msg_en, sizeof req->early_ctx.msg_en, "%s", en);
}

/* Whether a body of kind (one is sent: has_body) has the type its route takes;
 * 415 otherwise. */
static bool body_type_or_reply(struct srv_req *req, enum srv_body kind, bool has_body)
{
	if (kind == SRV_BODY_JSON && has_body && !content_type_is(req, "application/json")) {
		srv_reply_errorf(req, S40_E_MEDIA_TYPE, NULL, "ต้องส่งข้อมูลแบบ application/json",
				 "the body must be application/json");
		return false;
	}
	if (kind == SRV_BODY_CSV && !content_type_is(req, "text/csv") &&
	    !content_type_is(req, SRV_XLSX_TYPE)) {
		srv_reply_errorf(req, S40_E_MEDIA_TYPE, NULL,
				 "ต้องส่งไฟล์แบบ text/csv หรือสมุดงาน .xlsx (" SRV_XLSX_TYPE ")",
				 "the body must be text/csv or an .xlsx workbook (" SRV_XLSX_TYPE ")");
		return false;
	}
	return true;
}

/* The first call: everything that can be decided from the request line and the
 * headers. Returns false when a 413 must be answered at once (the body is not
 * read: the connection closes). */
static bool req_begin(struct srv_req *req)
{
	struct srv *srv = req->srv;
	if (req->call == NULL)
		client_addr(req->conn, req->addr, sizeof req->addr);
	else
		snprintf(req->addr, sizeof req->addr, "%s",
			 req->call->addr ? req->call->addr : "127.0.0.1");
	if (srv->cfg.trust_proxy != NULL && strcmp(req->addr, srv->cfg.trust_proxy) == 0)
		forwarded_addr(req);
	const char *proto = srv_req_value(req, SRV_VALUE_HEADER, "X-Forwarded-Proto");
	req->secure = proto != NULL && strcasecmp(proto, "https") == 0;

	struct header_tally t = { 0, 0 };
	if (req->call == NULL)
		MHD_get_connection_values(req->conn, MHD_HEADER_KIND, header_count, &t);
	else
		for (const char *const *h = req->local->headers; h[0] && h[1]; h += 2)
			header_count(&t, MHD_HEADER_KIND, h[0], h[1]);
	if (t.n > srv->cfg.headers_max || t.bytes > srv->cfg.header_bytes_max)
		req_early(req, S40_E_HEADERS, NULL, NULL, NULL);

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (req->early == S40_OK && srv_path_check(req->url, &ctx) != S40_OK) {
		req->early = ctx.code;
		req->early_ctx = ctx;
	}
	if (req->early == S40_OK && srv_route_find(req->method, req->url, &req->route, req->params,
						   req->allow, sizeof req->allow, &ctx) != S40_OK) {
		req->early = ctx.code;
		req->early_ctx = ctx;
		req->route = NULL;
	}
	if (atomic_load(&srv->stopping))
		req_early(req, S40_E_STOPPING, NULL, NULL, NULL);

	enum srv_body kind = req->route ? req->route->body : SRV_BODY_NONE;
	size_t max = kind == SRV_BODY_CSV ? srv->cfg.upload_max : srv->cfg.body_max;
	s40_buf_init(&req->body, max);
	const char *cl = srv_req_value(req, SRV_VALUE_HEADER, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL) {
		char *end = NULL;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno == 0 && end != cl && *end == '\0' && n > max) {
			s40_errorf(&req->early_ctx, S40_E_TOO_LARGE, NULL,
				   "ข้อมูลที่ส่งมา %llu ไบต์ เกินขนาดที่รับได้ %zu ไบต์",
				   "the body of %llu bytes is larger than the %zu allowed", n, max);
			req->early = S40_E_TOO_LARGE;
			return false;
		}
	}
	/* A route that takes a body checks its type, the session and the role
	 * before reading a byte of it: an upload nobody may make is never
	 * spooled, and a client that waits for "100 Continue" sends nothing. */
	if (req->early == S40_OK && kind != SRV_BODY_NONE) {
		bool declared = (cl != NULL && strcmp(cl, "0") != 0) ||
				srv_req_value(req, SRV_VALUE_HEADER,
					      MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
		if (!body_type_or_reply(req, kind, declared) || !srv_auth_or_reply(req))
			return false;
		req->checked = true;
	}
	if (req->early == S40_OK && kind == SRV_BODY_CSV) {
		req->upload = tmpfile();
		if (req->upload == NULL)
			req_early(req, S40_E_IO, NULL, "สร้างไฟล์ชั่วคราวไม่ได้",
				  "could not create a temporary file");
	}
	return true;
}

/* Collect a piece of the body. */
static void req_body(struct srv_req *req, const char *data, size_t n)
{
	if (req->body_over)
		return;
	if (req->upload != NULL) {
		if ((unsigned long long)req->upload_len + n > req->srv->cfg.upload_max) {
			req->body_over = true;
		} else if (fwrite(data, 1, n, req->upload) != n) {
			req_early(req, S40_E_IO, NULL, "เขียนไฟล์ชั่วคราวไม่ได้",
				  "could not write the temporary file");
			req->body_over = true;
		}
		req->upload_len += (long long)n;
		return;
	}
	enum s40_err rc = s40_buf_add(&req->body, data, n);
	if (rc == S40_E_NOMEM) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	if (rc != S40_OK) {
		req->body_over = true;
		s40_buf_free(&req->body);
	}
}

/* The request is complete: answer early failures, check the body's type,
 * authenticate, run the handler. */
static void req_dispatch(struct srv_req *req)
{
	if (req->body_over)
		req_early(req, S40_E_TOO_LARGE, NULL, NULL, NULL);
	if (req->early != S40_OK) {
		srv_reply_problem(req, &req->early_ctx);
		if (req->early == S40_E_METHOD)
			srv_reply_header(req, MHD_HTTP_HEADER_ALLOW, req->allow);
		return;
	}
	bool has_body = req->body.len > 0 || req->upload_len > 0;
	if (!req->checked && (!body_type_or_reply(req, req->route->body, has_body) ||
			      !srv_auth_or_reply(req)))
		return;
	if (!srv_idem_begin_or_reply(req))
		return;
	req->route->handler(req);
}

static void access_log(struct srv_req *req)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - req->t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - req->t0.tv_nsec) / 1e6;
	fprintf(stderr, "%s %s %s %u %.1fms %s\n", req->addr, req->method, req->url,
		req->resp.status, ms, req->authed ? req->user.name : "-");
}

/* The response is final: one is made if the handler made none, and the
 * headers every response carries are added. */
static void req_finish(struct srv_req *req)
{
	if (req->resp.status == 0)
		srv_reply_errorf(req, S40_E_INTERNAL, NULL, "ไม่มีคำตอบ", "no response was made");
	srv_idem_answer(req); /* before the headers every response carries */
	/* Nothing is kept by a browser or a proxy but what says otherwise (the
	 * files built into the program: srv_reply_embed). */
	if (srv_resp_header(&req->resp, "Cache-Control") == NULL)
		srv_reply_header(req, "Cache-Control", "no-store");
	srv_reply_header(req, "X-Content-Type-Options", "nosniff");
	if (atomic_load(&req->srv->stopping))
		srv_reply_header(req, MHD_HTTP_HEADER_CONNECTION, "close");
	req->state = SRV_REQ_DONE;
}

/* Bodies from this size are compressed for a client that takes gzip (smaller
 * ones gain less than the header costs). */
#define GZIP_MIN 1024

/* Whether a body of this media type is text worth compressing (not a
 * workbook or a font, which are compressed already). */
static bool gzip_type(const char *type)
{
	return strncmp(type, "text/", 5) == 0 || strncmp(type, "application/json", 16) == 0 ||
	       strncmp(type, "application/problem+json", 24) == 0 ||
	       strncmp(type, "image/svg+xml", 13) == 0;
}

/* Whether an Accept-Encoding value takes gzip: "gzip" (or "x-gzip") among its
 * codings, and not with q=0. */
static bool accepts_gzip(const char *v)
{
	while (v != NULL && *v) {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		size_t n = strcspn(v, ",; \t");
		bool gzip = (n == 4 && strncasecmp(v, "gzip", 4) == 0) ||
			    (n == 6 && strncasecmp(v, "x-gzip", 6) == 0);
		const char *end = v + strcspn(v, ",");
		const char *q = strstr(v, "q=");
		bool zero = q != NULL && q < end && strtod(q + 2, NULL) == 0.0;
		if (gzip && !zero)
			return true;
		v = end;
	}
	return false;
}

/*
 * Compress the body with gzip (zlib) when the client takes it: the national
 * tambons report is 1.25 MB of JSON, a tenth of that compressed. A strong ETag
 * becomes weak, as the compressed bytes are not the file's (nginx does the
 * same); Vary tells caches that the answer depends on Accept-Encoding.
 */
static void req_gzip(struct srv_req *req)
{
	struct srv_resp *resp = &req->resp;
	if (resp->len < GZIP_MIN || resp->len > UINT_MAX / 2 || resp->type == NULL ||
	    !gzip_type(resp->type) || srv_resp_header(resp, "Content-Encoding") != NULL)
		return;
	srv_reply_header(req, "Vary", "Accept-Encoding");
	if (!accepts_gzip(srv_req_value(req, SRV_VALUE_HEADER, "Accept-Encoding")))
		return;
	z_stream z;
	memset(&z, 0, sizeof z);
	/* 15 + 16: the largest window, with a gzip header and trailer. */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		return;
	uLong cap = deflateBound(&z, (uLong)resp->len);
	unsigned char *out = malloc(cap);
	int rc = Z_MEM_ERROR;
	if (out != NULL) {
		z.next_in = (Bytef *)resp->body;
		z.avail_in = (uInt)resp->len;
		z.next_out = out;
		z.avail_out = (uInt)cap;
		rc = deflate(&z, Z_FINISH);
	}
	size_t n = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END || n >= resp->len) {
		free(out); /* not compressed: sent as it is */
		return;
	}
	free(resp->body);
	resp->body = (char *)out;
	resp->len = n;
	srv_reply_header(req, "Content-Encoding", "gzip");
	for (size_t i = 0; i < resp->n_header; i++) {
		struct srv_header *h = &resp->header[i];
		if (strcasecmp(h->name, "ETag") == 0 && h->value[0] == '"') {
			size_t len = strlen(h->value) + 3;
			char *weak = malloc(len);
			if (weak == NULL)
				continue;
			snprintf(weak, len, "W/%s", h->value);
			free(h->value);
			h->value = weak;
		}
	}
}

/* Queue the response the handler made; its body goes to libmicrohttpd. */
static enum MHD_Result req_respond(struct srv_req *req)
{
	req_finish(req);
	req_gzip(req);
	struct srv_resp *resp = &req->resp;
	struct MHD_Response *r =
		MHD_create_response_from_buffer_with_free_callback(resp->len, resp->body, free);
	if (r == NULL) {
		fputs("s40 serve: out of memory\n", stderr);
		abort();
	}
	resp->body = NULL;
	resp->len = 0;
	if (resp->type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->type);
	for (size_t i = 0; i < resp->n_header; i++)
		MHD_add_response_header(r, resp->header[i].name, resp->header[i].value);
	enum MHD_Result ret = MHD_queue_response(req->conn, resp->status, r);
	MHD_destroy_response(r);
	if (req->srv->cfg.access_log)
		access_log(req);
	srv_resp_free(resp);
	return ret;
}

/* Hand the pending write to the writer; the connection sleeps until it is done. */
static void job_resume(struct srv_job *job)
{
	struct srv_req *req = job->done_arg;
	MHD_resume_connection(req->conn);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct srv *srv = cls;
	struct srv_req *req = *con_cls;
	if (req == NULL) {
		req = calloc(1, sizeof *req);
		if (req == NULL) {
			fputs("s40 serve: out of memory\n", stderr);
			abort();
		}
		req->srv = srv;
		req->conn = conn;
		req->url = url;
		req->method = method;
		req->state = SRV_REQ_BODY;
		clock_gettime(CLOCK_MONOTONIC, &req->t0);
		s40_ctx_clear(&req->early_ctx);
		*con_cls = req;
		atomic_fetch_add(&srv->in_flight, 1);
		srv_conn_mark(srv, conn, true);
		if (!req_begin(req)) {
			if (req->resp.status == 0) /* not answered already by a check */
				srv_reply_problem(req, &req->early_ctx);
			return req_respond(req);
		}
		/* Answer only once the request is complete: see server.h. */
		return MHD_YES;
	}
	if (req->state == SRV_REQ_DONE)
		return MHD_YES;
	if (req->state == SRV_REQ_BODY) {
		if (*upload_size > 0) {
			req_body(req, upload_data, *upload_size);
			*upload_size = 0;
			return MHD_YES;
		}
		if (req->upload)
			fflush(req->upload);
		req_dispatch(req);
	} else if (req->state == SRV_REQ_WAITING) {
		void (*after)(struct srv_req *) = req->after;
		req->after = NULL;
		req->state = SRV_REQ_BODY;
		after(req);
	}
	if (req->job_pending) {
		req->job_pending = false;
		req->state = SRV_REQ_WAITING;
		req->job.done = job_resume;
		req->job.done_arg = req;
		MHD_suspend_connection(conn);
		srv_writer_submit(srv->writer, &req->job);
		return MHD_YES;
	}
	return req_respond(req);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)toe;
	struct srv *srv = cls;
	struct srv_req *req = *con_cls;
	if (req == NULL)
		return;
	*con_cls = NULL;
	req_free(req);
	srv_conn_mark(srv, conn, false);
	atomic_fetch_sub(&srv->in_flight, 1);
}

/* ---- requests in process (srv_call) ---- */

void srv_call(struct srv *srv, const struct srv_call *call, struct srv_resp *resp)
{
	struct srv_req *req = srv_must(calloc(1, sizeof *req));
	req->srv = srv;
	req->call = call;
	req->local = srv_local_new(call);
	req->url = req->local->path;
	req->method = call->method;
	req->state = SRV_REQ_BODY;
	clock_gettime(CLOCK_MONOTONIC, &req->t0);
	s40_ctx_clear(&req->early_ctx);
	atomic_fetch_add(&srv->in_flight, 1);
	/* The steps of on_request, without the connection: the headers, the
	 * body in one piece, the handler, and each write it hands the writer. */
	if (req_begin(req)) {
		if (call->body_len > 0)
			req_body(req, call->body, call->body_len);
		if (req->upload)
			fflush(req->upload);
		req_dispatch(req);
		while (req->job_pending) {
			req->job_pending = false;
			req->state = SRV_REQ_WAITING;
			srv_write_wait(srv, &req->job);
			void (*after)(struct srv_req *) = req->after;
			req->after = NULL;
			req->state = SRV_REQ_BODY;
			after(req);
		}
	} else if (req->resp.status == 0) {
		srv_reply_problem(req, &req->early_ctx);
	}
	req_finish(req);
	*resp = req->resp;
	memset(&req->resp, 0, sizeof req->resp);
	req_free(req);
	atomic_fetch_sub(&srv->in_flight, 1);
}

/* ---- start and stop ---- */

static enum s40_err listen_socket(struct srv *srv, struct s40_ctx *ctx)
{
	char port[16];
	snprintf(port, sizeof port, "%u", srv->cfg.port);
	struct addrinfo hints, *ai = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	int rc = getaddrinfo(srv->cfg.host, port, &hints, &ai);
	if (rc != 0)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "listen", "ที่อยู่ %s ไม่ถูกต้อง: %s",
				  "bad address %s: %s", srv->cfg.host, gai_strerror(rc));
	int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int one = 1;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return s40_errorf(ctx, S40_E_IO, "listen", "รอรับการเชื่อมต่อที่ %s:%s ไม่ได้: %s",
				  "cannot listen on %s:%s: %s", srv->cfg.host, port, strerror(e));
	}
	freeaddrinfo(ai);
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &len);
	srv->port = ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) :
					       ntohs(((struct sockaddr_in *)&ss)->sin_port);
	srv->listen_fd = fd;
	return S40_OK;
}

static unsigned n_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* Wait until the requests in flight are done, at most limit_ms. */
static void drain(struct srv *srv, int limit_ms)
{
	for (int waited = 0; waited < limit_ms; waited += 10) {
		if (atomic_load(&srv->in_flight) == 0)
			return;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
}

enum s40_err srv_open(const struct srv_config *cfg, struct srv **out, struct s40_ctx *ctx)
{
	*out = NULL;
	struct srv *srv = calloc(1, sizeof *srv);
	if (srv == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	srv->cfg = *cfg;
	srv->listen_fd = -1;
	srv->started_at = (int64_t)time(NULL);
	if (srv->cfg.threads == 0)
		srv->cfg.threads = n_cores();
	if (srv->cfg.per_ip_limit == 0)
		srv->cfg.per_ip_limit = srv->cfg.conn_limit >= 16 ? srv->cfg.conn_limit / 16 : 1;
	atomic_init(&srv->in_flight, 0);
	atomic_init(&srv->stopping, false);
	atomic_init(&srv->ix_gen, 0);
	pthread_rwlock_init(&srv->ix_lock, NULL);
	pthread_rwlock_init(&srv->cov_lock, NULL);
	atomic_init(&srv->cov_seq, 0);
	pthread_key_create(&srv->store_key, store_close_at_exit);
	pthread_key_create(&srv->read_key, store_close_at_exit);
	/* The writer builds the as-of index before it starts. */
	enum s40_err rc;
	if ((rc = srv_writer_start(srv, &srv->writer, ctx)) || (rc = srv_jobs_start(srv, ctx)) ||
	    (rc = srv_cov_start(srv, ctx))) {
		srv_close(srv);
		return rc;
	}
	*out = srv;
	return S40_OK;
}

void srv_close(struct srv *srv)
{
	if (srv == NULL)
		return;
	if (srv->jobs)
		srv_jobs_stop(srv);
	srv_cov_stop(srv);
	if (srv->writer)
		srv_writer_stop(srv->writer);
	/* The calling thread's connections: the key closes only other threads'. */
	struct s40_store *mine = pthread_getspecific(srv->store_key);
	if (mine)
		s40_store_close(mine);
	mine = pthread_getspecific(srv->read_key);
	if (mine)
		s40_store_close(mine);
	pthread_key_delete(srv->store_key);
	pthread_key_delete(srv->read_key);
	s40_asof_free(srv->ix);
	s40_attain_free(srv->attain);
	s40_cov_ix_free(srv->cov);
	pthread_rwlock_destroy(&srv->ix_lock);
	pthread_rwlock_destroy(&srv->cov_lock);
	free(srv);
}

enum s40_err srv_run(const struct srv_config *cfg, FILE *out, struct s40_ctx *ctx)
{
	/* Every thread started from here on inherits the blocked signals; this
	 * thread takes them with sigwait. */
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	signal(SIGPIPE, SIG_IGN);

	struct srv *srv = NULL;
	enum s40_err rc;
	if ((rc = srv_open(cfg, &srv, ctx)) || (rc = listen_socket(srv, ctx)) ||
	    (rc = srv_conns_start(srv, ctx)) || (rc = srv_anchors_start(srv, ctx)))
		goto out;

	srv->mhd = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0,
				    NULL, NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET,
				    (MHD_socket)srv->listen_fd, MHD_OPTION_THREAD_POOL_SIZE,
				    (unsigned int)srv->cfg.threads, MHD_OPTION_CONNECTION_LIMIT,
				    (unsigned int)srv->cfg.conn_limit,
				    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
				    (unsigned int)srv->cfg.per_ip_limit,
				    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->cfg.timeout_s,
				    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)srv->cfg.mem_limit,
				    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
				    MHD_OPTION_NOTIFY_CONNECTION, srv_conn_notify, srv,
				    MHD_OPTION_UNESCAPE_CALLBACK, srv_unescape, NULL, MHD_OPTION_END);
	if (srv->mhd == NULL) {
		rc = s40_errorf(ctx, S40_E_IO, "listen", "เริ่มเซิร์ฟเวอร์ HTTP ไม่ได้",
				"the HTTP server could not start");
		goto out;
	}
	const char *h = srv->cfg.host;
	char shown[512];
	char shown_read[512] = "";
	if (srv->cfg.read_db != NULL) {
		char r[480];
		snprintf(shown_read, sizeof shown_read, ", reads from %s",
			 s40_store_uri_safe(srv->cfg.read_db, r, sizeof r));
	}
	fprintf(out, "s40: listening on http://%s%s%s:%u (%u threads, db %s%s)\n",
		strchr(h, ':') ? "[" : "", h, strchr(h, ':') ? "]" : "", srv->port,
		srv->cfg.threads, s40_store_uri_safe(srv->cfg.db, shown, sizeof shown), shown_read);
	fflush(out);

	int sig = 0;
	while (sigwait(&sigs, &sig) != 0)
		;
	fprintf(out, "s40: signal %d: finishing the requests in flight\n", sig);
	fflush(out);
	atomic_store(&srv->stopping, true);
	MHD_quiesce_daemon(srv->mhd);
	drain(srv, 30000);
	srv_jobs_stop(srv);
	drain(srv, 5000);
	MHD_stop_daemon(srv->mhd);
	srv->mhd = NULL;
	fprintf(out, "s40: stopped\n");
	fflush(out);
	rc = S40_OK;
out:
	if (srv != NULL) {
		if (srv->mhd)
			MHD_stop_daemon(srv->mhd);
		if (srv->jobs)
			srv_jobs_stop(srv);
		srv_conns_stop(srv);
		srv_anchors_stop(srv);
		if (srv->listen_fd >= 0)
			close(srv->listen_fd);
		srv_close(srv);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
