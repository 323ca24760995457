/*
 * runner.c — runs the API tests (the .t files of tests/api, format in tests/api/README.md)
 * against a real s40 serve: for each file a copy of a fresh database built by
 * tests/api/setup.sh, a server on 127.0.0.1 on a free port, the requests of
 * the file over plain sockets, the expected status, JSON (subset match) and
 * patterns checked, then SIGTERM and exit status 0 required. A few checks that
 * are code rather than data (concurrency, keep-alive, a signal during a
 * request, the OpenAPI document against the route table) are "@" lines.
 *
 *   api-runner S40 TESTS_DIR [FILE.t ...]
 *
 * Prints "ok NAME" or "FAIL NAME: why" per file; the last line is
 * "api: N passed, N failed"; TESTS_COUNTS_FILE (when set) gets "N N".
 *
 * With S40_TEST_PG (a libpq URI of a PostgreSQL cluster's maintenance database,
 * as tests/pg.sh exports it) the databases are on that cluster: setup.sh builds
 * one, and each file's server runs on a copy made with CREATE DATABASE …
 * TEMPLATE, dropped afterwards (psql does both). KEEP=1 keeps a failed run's
 * databases, files or PostgreSQL's.
 *
 * With S40_API_RECORD=FILE every exchange is appended to FILE as one JSON line
 * (the test file and line, method, path with its query, status, content type,
 * and the body when it is JSON): tests/api/schema-check.mjs checks each against
 * the OpenAPI document.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <jansson.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *s40_path;

/* A number at the start of s (0 if none); the banned atoi without its traps. */
static long to_long(const char *s)
{
	return strtol(s, NULL, 10);
}

static int to_int(const char *s)
{
	return (int)strtol(s, NULL, 10);
}
static char template_db[1200];
static char work_dir[256];

/* ---- PostgreSQL: the cluster the databases are on, when S40_TEST_PG is set ---- */

static const char *pg_maint; /* the cluster's maintenance database, or NULL */
static char pg_template[64]; /* the database setup.sh built there */

/* s in single quotes for the shell. */
static void shell_quote(const char *s, char *out, size_t n)
{
	size_t j = 0;
	if (n < 3)
		return;
	out[j++] = '\'';
	for (; *s && j + 5 < n; s++) {
		if (*s == '\'') {
			memcpy(out + j, "'\\''", 4);
			j += 4;
		} else {
			out[j++] = *s;
		}
	}
	out[j++] = '\'';
	out[j] = '\0';
}

/* The URI of database name on the cluster: S40_TEST_PG with its database
 * replaced (a URI's path; in the key=value form a last dbname, which wins). */
static void pg_uri(const char *name, char *out, size_t n)
{
	const char *m = pg_maint, *sep = strstr(m, "://");
	if (strncmp(m, "postgres", 8) != 0 || sep == NULL) {
		snprintf(out, n, "%s dbname=%s", m, name);
		return;
	}
	const char *auth = sep + 3;
	size_t auth_len = strcspn(auth, "/?");
	const char *query = strchr(auth, '?');
	snprintf(out, n, "%.*s/%s%s", (int)(auth + auth_len - m), m, name, query ? query : "");
}

/* Runs one statement on the maintenance database with psql; 0 on success. */
static int pg_admin(const char *sql)
{
	char q_uri[1200], q_sql[600], cmd[2048];
	shell_quote(pg_maint, q_uri, sizeof q_uri);
	shell_quote(sql, q_sql, sizeof q_sql);
	snprintf(cmd, sizeof cmd,
		 "PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d %s "
		 "-c %s >/dev/null </dev/null",
		 q_uri, q_sql);
	return system(cmd) == 0 ? 0 : -1;
}

/* A database name of letters, digits and "_": s40_api_PID_WHAT, at most 63 bytes. */
static void pg_name(const char *what, char *out, size_t n)
{
	char buf[64];
	int k = snprintf(buf, sizeof buf, "s40_api_%ld_", (long)getpid());
	for (const char *c = what; *c && k < 63; c++)
		buf[k++] = (char)((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ? *c
				  : (*c >= 'A' && *c <= 'Z')		    ? *c - 'A' + 'a'
									    : '_');
	buf[k] = '\0';
	snprintf(out, n, "%s", buf);
}

static int pg_create(const char *name, const char *template)
{
	char sql[256];
	/* FILE_COPY: the files copied whole, three times sooner for the demo's
	 * 140 MB than PostgreSQL 15's default of writing them through its log. */
	snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\" TEMPLATE \"%s\" STRATEGY FILE_COPY",
		 name, template);
	return pg_admin(sql);
}

static void pg_drop(const char *name)
{
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", name);
	if (pg_admin(sql) != 0)
		fprintf(stderr, "note: could not drop the test database %s\n", name);
}

/* ---- one server ---- */

struct server {
	pid_t pid;
	int port;
	char db[1200];	  /* its database: a file, or a URI on PostgreSQL */
	char pg_name[64]; /* on PostgreSQL: that database's name, while it exists */
	FILE *out;
};

static int copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	if (a == NULL || b == NULL) {
		if (a)
			fclose(a);
		if (b)
			fclose(b);
		return -1;
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, a)) > 0)
		fwrite(buf, 1, n, b);
	fclose(a);
	return fclose(b);
}

static int server_start(struct server *s, const char *name)
{
	if (pg_maint) {
		pg_name(name, s->pg_name, sizeof s->pg_name);
		if (pg_create(s->pg_name, pg_template) != 0) {
			s->pg_name[0] = '\0';
			return -1;
		}
		pg_uri(s->pg_name, s->db, sizeof s->db);
	} else {
		snprintf(s->db, sizeof s->db, "%s/%s.db", work_dir, name);
		if (copy_file(template_db, s->db) != 0)
			return -1;
	}
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	char log[600];
	snprintf(log, sizeof log, "%s/%s.log", work_dir, name);
	s->pid = fork();
	if (s->pid == 0) {
		dup2(fds[1], 1);
		int lf = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (lf >= 0)
			dup2(lf, 2);
		close(fds[0]);
		close(fds[1]);
		execl(s40_path, s40_path, "serve", "--db", s->db, "--listen", "127.0.0.1:0",
		      "--today", "2026-01-01", "--threads", "2", "--log", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	s->out = fdopen(fds[0], "r");
	char line[512];
	if (s->out == NULL || fgets(line, sizeof line, s->out) == NULL)
		return -1;
	const char *p = strstr(line, "127.0.0.1:");
	if (p == NULL)
		return -1;
	s->port = to_int(p + 10);
	return s->port > 0 ? 0 : -1;
}

/* SIGTERM and wait; the exit status (or -1). */
static int server_stop(struct server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	int st = 0;
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	if (s->out)
		fclose(s->out);
	s->out = NULL;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- HTTP over a socket ---- */

struct response {
	int status;
	char headers[16384];
	char *body;
	size_t body_len;
	bool closed; /* the server said Connection: close, or closed */
};

static int connect_to(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	/* Long enough for GET /journal/verify?data=true, which reads every row of
	 * the demo (about 40 s on PostgreSQL on a loaded machine). */
	struct timeval tv = { 120, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void response_free(struct response *r)
{
	free(r->body);
	r->body = NULL;
}

/* Read one response (Content-Length bodies; MHD's buffer responses carry it). */
static int read_response(int fd, struct response *r)
{
	memset(r, 0, sizeof *r);
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	char *hdr_end = NULL;
	while (hdr_end == NULL) {
		if (len + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		ssize_t n = recv(fd, buf + len, cap - len - 1, 0);
		if (n <= 0) {
			free(buf);
			return -1;
		}
		len += (size_t)n;
		buf[len] = '\0';
		hdr_end = strstr(buf, "\r\n\r\n");
	}
	size_t hlen = (size_t)(hdr_end - buf) + 4;
	snprintf(r->headers, sizeof r->headers, "%.*s", (int)hlen, buf);
	r->status = to_int(buf + 9);
	long clen = 0;
	for (char *p = r->headers; (p = strchr(p, '\n')) != NULL; p++) {
		if (strncasecmp(p + 1, "Content-Length:", 15) == 0)
			clen = to_long(p + 16);
		if (strncasecmp(p + 1, "Connection: close", 17) == 0)
			r->closed = true;
	}
	while (len - hlen < (size_t)clen) {
		if (len + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		ssize_t n = recv(fd, buf + len, cap - len - 1, 0);
		if (n <= 0) {
			free(buf);
			return -1;
		}
		len += (size_t)n;
	}
	r->body = malloc((size_t)clen + 1);
	memcpy(r->body, buf + hlen, (size_t)clen);
	r->body[clen] = '\0';
	r->body_len = (size_t)clen;
	free(buf);
	return 0;
}

/* Build a request into a malloc'd string. */
static char *build_request(const char *method, const char *path, const char *token,
			   const char *headers, const char *body, size_t body_len, bool keep,
			   size_t *out_len)
{
	size_t cap = strlen(path) + strlen(headers) + body_len + 1024;
	char *req = malloc(cap);
	int n = snprintf(req, cap,
			 "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s%sContent-Length: %zu\r\n"
			 "Connection: %s\r\n\r\n",
			 method, path, token ? "Authorization: Bearer " : "", token ? token : "",
			 token ? "\r\n" : "", headers, body_len, keep ? "keep-alive" : "close");
	memcpy(req + n, body, body_len);
	*out_len = (size_t)n + body_len;
	return req;
}

/* ---- the record of every exchange (S40_API_RECORD) ---- */

static FILE *record; /* S40_API_RECORD opened for appending, or NULL */
static const char *record_file; /* the .t file being run */
static int record_line; /* its line being run */
static pthread_mutex_t record_lock = PTHREAD_MUTEX_INITIALIZER; /* @concurrent's threads */

/* The value of header name (with its colon, in any case) in r's headers, into out. */
static void header_value(const struct response *r, const char *name, char *out, size_t n)
{
	out[0] = '\0';
	size_t k = strlen(name);
	for (const char *p = r->headers; (p = strchr(p, '\n')) != NULL; p++)
		if (strncasecmp(p + 1, name, k) == 0) {
			const char *v = p + 1 + k;
			v += strspn(v, " ");
			snprintf(out, n, "%.*s", (int)strcspn(v, "\r\n"), v);
			return;
		}
}

/* Appends one exchange to the record: a JSON line; the body only when its type is
 * JSON (application/json, application/problem+json), as it was sent. */
static void record_exchange(const char *method, const char *path, const struct response *r)
{
	if (record == NULL)
		return;
	char type[256];
	header_value(r, "Content-Type:", type, sizeof type);
	json_t *body = NULL;
	if (strstr(type, "json") != NULL)
		body = json_loadb(r->body, r->body_len, 0, NULL);
	/* A JSON type with a body that does not parse is kept as the text itself, which
	 * no schema of an object matches. */
	if (body == NULL && strstr(type, "json") != NULL)
		body = json_stringn(r->body, r->body_len);
	json_t *j = json_pack("{s:s, s:i, s:s, s:s, s:i, s:s, s:o*}", "file",
			      record_file ? record_file : "", "line", record_line, "method", method,
			      "path", path, "status", r->status, "type", type, "body", body);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (text) {
		pthread_mutex_lock(&record_lock);
		fprintf(record, "%s\n", text);
		fflush(record);
		pthread_mutex_unlock(&record_lock);
	}
	free(text);
	json_decref(j);
}

/* One request on its own connection. A large body is sent as curl does, after
 * "Expect: 100-continue": a server refusing it at once (413) answers before the
 * body, instead of closing a connection the client is still writing to. */
static int http(int port, const char *method, const char *path, const char *token,
		const char *headers, const char *body, size_t body_len, struct response *r)
{
	int fd = connect_to(port);
	if (fd < 0)
		return -1;
	bool expect = body_len > 65536;
	char hdrs[70000];
	snprintf(hdrs, sizeof hdrs, "%s%s", headers, expect ? "Expect: 100-continue\r\n" : "");
	size_t n;
	char *req = build_request(method, path, token, hdrs, body, body_len, false, &n);
	int rc = send_all(fd, req, expect ? n - body_len : n);
	if (rc == 0)
		rc = read_response(fd, r);
	if (rc == 0 && expect && r->status == 100) {
		response_free(r);
		rc = send_all(fd, req + n - body_len, body_len);
		if (rc == 0)
			rc = read_response(fd, r);
	}
	free(req);
	close(fd);
	if (rc == 0)
		record_exchange(method, path, r);
	return rc;
}

/* ---- tokens of the test users ---- */

struct token {
	char user[64];
	char token[128];
};
static struct token tokens[16];
static int n_tokens;

static const char *token_of(int port, const char *user)
{
	for (int i = 0; i < n_tokens; i++)
		if (strcmp(tokens[i].user, user) == 0)
			return tokens[i].token;
	char body[256];
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s-secret\"}", user, user);
	struct response r;
	if (http(port, "POST", "/api/v1/auth/login", NULL, "Content-Type: application/json\r\n",
		 body, strlen(body), &r) != 0)
		return NULL;
	json_t *j = json_loads(r.body, 0, NULL);
	const char *t = json_string_value(json_object_get(j, "token"));
	if (t == NULL || n_tokens == 16) {
		json_decref(j);
		response_free(&r);
		return NULL;
	}
	snprintf(tokens[n_tokens].user, sizeof tokens[n_tokens].user, "%s", user);
	snprintf(tokens[n_tokens].token, sizeof tokens[n_tokens].token, "%s", t);
	json_decref(j);
	response_free(&r);
	return tokens[n_tokens++].token;
}

/* ---- checks ---- */

static char why[4096];

static bool failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool failf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	return false;
}

/* Whether actual holds expected: objects by their keys (others may be there),
 * arrays element by element with the same length, "*" for any value. */
static bool json_subset(json_t *exp, json_t *act)
{
	if (json_is_string(exp) && strcmp(json_string_value(exp), "*") == 0)
		return act != NULL;
	if (act == NULL)
		return false;
	if (json_is_object(exp)) {
		if (!json_is_object(act))
			return false;
		const char *k;
		json_t *v;
		json_object_foreach(exp, k,
				    v) if (!json_subset(v, json_object_get(act, k))) return false;
		return true;
	}
	if (json_is_array(exp)) {
		if (!json_is_array(act) || json_array_size(exp) != json_array_size(act))
			return false;
		for (size_t i = 0; i < json_array_size(exp); i++)
			if (!json_subset(json_array_get(exp, i), json_array_get(act, i)))
				return false;
		return true;
	}
	if (json_is_number(exp) && json_is_number(act))
		return json_number_value(exp) == json_number_value(act);
	return json_equal(exp, act);
}

/* The value at a dotted path ("items.0.id", "rows.-1.members"). */
static json_t *json_path(json_t *v, const char *path)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *tok = strtok(buf, "."); tok && v; tok = strtok(NULL, ".")) {
		if (json_is_array(v)) {
			long i = to_long(tok);
			if (i < 0)
				i += (long)json_array_size(v);
			v = json_array_get(v, (size_t)i);
		} else {
			v = json_object_get(v, tok);
		}
	}
	return v;
}

/* ---- variables ---- */

struct var {
	char name[32];
	char value[256];
};
static struct var vars[64];
static int n_vars;

static void var_set(const char *name, const char *value)
{
	for (int i = 0; i < n_vars; i++)
		if (strcmp(vars[i].name, name) == 0) {
			snprintf(vars[i].value, sizeof vars[i].value, "%s", value);
			return;
		}
	if (n_vars < 64) {
		snprintf(vars[n_vars].name, sizeof vars[n_vars].name, "%s", name);
		snprintf(vars[n_vars].value, sizeof vars[n_vars].value, "%s", value);
		n_vars++;
	}
}

/* Replace ${NAME} in line. */
static void substitute(const char *in, char *out, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; in[i] && j + 1 < n;) {
		if (in[i] == '$' && in[i + 1] == '{') {
			const char *close = strchr(in + i, '}');
			if (close) {
				char name[32];
				snprintf(name, sizeof name, "%.*s", (int)(close - in - i - 2),
					 in + i + 2);
				for (int k = 0; k < n_vars; k++)
					if (strcmp(vars[k].name, name) == 0)
						for (const char *c = vars[k].value; *c && j + 1 < n;
						     c++)
							out[j++] = *c;
				i = (size_t)(close - in) + 1;
				continue;
			}
		}
		out[j++] = in[i++];
	}
	out[j] = '\0';
}

/* ---- a national ID with its check digit ---- */

static int64_t natid(int64_t d12)
{
	char d[16];
	snprintf(d, sizeof d, "%012lld", (long long)d12);
	int sum = 0;
	for (int i = 0; i < 12; i++)
		sum += (d[i] - '0') * (13 - i);
	return d12 * 10 + (11 - sum % 11) % 10;
}

static char *person_body(int64_t id, const char *extra)
{
	char *b = malloc(512);
	snprintf(b, 512,
		 "{\"person\":{\"id\":\"%lld\",\"first_th\":\"ทดสอบ\",\"last_th\":\"พร้อมกัน\","
		 "\"birth_date\":\"1990-01-01\",\"sex\":\"F\",\"thai\":true,\"village\":75030702},"
		 "\"option\":1,\"date\":\"2025-12-01\"%s}",
		 (long long)id, extra);
	return b;
}

/* ---- the coded checks ---- */

static long members_on(int port, const char *token)
{
	struct response r;
	if (http(port, "GET", "/api/v1/reports/asof?date=2025-12-31&area=75", token, "", "", 0,
		 &r) != 0)
		return -1;
	json_t *j = json_loads(r.body, 0, NULL);
	json_t *v = json_path(j, "rows.-1.members");
	long n = json_is_integer(v) ? (long)json_integer_value(v) : -1;
	json_decref(j);
	response_free(&r);
	return n;
}

struct enrol_arg {
	int port;
	const char *token;
	int64_t id;
	pthread_barrier_t *barrier;
	int status;
	char code[64];
};

static void *enrol_thread(void *p)
{
	struct enrol_arg *a = p;
	char *body = person_body(a->id, "");
	pthread_barrier_wait(a->barrier);
	struct response r;
	if (http(a->port, "POST", "/api/v1/enrolments", a->token,
		 "Content-Type: application/json\r\n", body, strlen(body), &r) == 0) {
		a->status = r.status;
		json_t *j = json_loads(r.body, 0, NULL);
		const char *c = json_string_value(json_object_get(j, "code"));
		snprintf(a->code, sizeof a->code, "%s", c ? c : "");
		json_decref(j);
		response_free(&r);
	}
	free(body);
	return NULL;
}

/* n clients enrol at once: distinct people (all must succeed) or one person
 * (exactly one may). */
static bool check_concurrent(struct server *s, int n, bool same)
{
	const char *tok = token_of(s->port, "admin");
	if (tok == NULL)
		return failf("admin could not log in");
	long before = members_on(s->port, tok);
	struct enrol_arg *args = calloc((size_t)n, sizeof *args);
	pthread_t *th = calloc((size_t)n, sizeof *th);
	pthread_barrier_t barrier;
	pthread_barrier_init(&barrier, NULL, (unsigned)n);
	static int64_t next = 100000000;
	int64_t base = 575010100000LL + (next += 1000);
	for (int i = 0; i < n; i++) {
		args[i] = (struct enrol_arg){ s->port,	tok, natid(same ? base : base + i),
					      &barrier, 0,   "" };
		pthread_create(&th[i], NULL, enrol_thread, &args[i]);
	}
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&barrier);
	int ok = 0, already = 0;
	for (int i = 0; i < n; i++) {
		if (args[i].status == 201)
			ok++;
		else if (args[i].status == 409 && strcmp(args[i].code, "already_member") == 0)
			already++;
	}
	free(args);
	free(th);
	long after = members_on(s->port, tok);
	int want_ok = same ? 1 : n;
	if (ok != want_ok || ok + already != n)
		return failf("%d of %d enrolments succeeded (%d refused as already_member); "
			     "expected %d",
			     ok, n, already, want_ok);
	if (after - before != want_ok)
		return failf("members went from %ld to %ld, expected +%d", before, after, want_ok);
	return true;
}

/* Two requests, one of them a write, on one connection. */
static bool check_keepalive(struct server *s)
{
	const char *tok = token_of(s->port, "admin");
	int fd = connect_to(s->port);
	if (fd < 0 || tok == NULL)
		return failf("cannot connect or log in");
	static int64_t seq = 575030000000LL;
	char *body = person_body(natid(seq++), "");
	struct {
		const char *method, *path, *body;
		int status;
	} steps[] = {
		{ "GET", "/api/v1/health", "", 200 },
		{ "POST", "/api/v1/enrolments", body, 201 },
		{ "GET", "/api/v1/auth/me", "", 200 },
		{ "POST", "/api/v1/enrolments", "{bad json", 400 },
		{ "GET", "/api/v1/version", "", 200 },
	};
	bool ok = true;
	for (size_t i = 0; ok && i < sizeof steps / sizeof steps[0]; i++) {
		size_t n;
		char *req = build_request(steps[i].method, steps[i].path, tok,
					  "Content-Type: application/json\r\n", steps[i].body,
					  strlen(steps[i].body), true, &n);
		struct response r;
		if (send_all(fd, req, n) != 0 || read_response(fd, &r) != 0)
			ok = failf("request %zu (%s %s) on the same connection got no answer: the "
				   "connection was not kept alive",
				   i + 1, steps[i].method, steps[i].path);
		else {
			record_exchange(steps[i].method, steps[i].path, &r);
			if (r.status != steps[i].status || r.closed)
				ok = failf("request %zu: status %d%s, expected %d kept alive",
					   i + 1, r.status,
					   r.closed ? " and Connection: close" : "",
					   steps[i].status);
			response_free(&r);
		}
		free(req);
	}
	free(body);
	close(fd);
	return ok;
}

/* SIGTERM while a request's body is half sent: the request completes, then
 * the server exits 0. */
static bool check_sigterm(struct server *s)
{
	const char *tok = token_of(s->port, "admin");
	static int64_t seq = 575040000000LL;
	char *body = person_body(natid(seq++), "");
	size_t blen = strlen(body), n;
	char *req = build_request("POST", "/api/v1/enrolments", tok,
				  "Content-Type: application/json\r\n", body, blen, true, &n);
	int fd = connect_to(s->port);
	bool ok = fd >= 0 && tok != NULL;
	size_t head = n - blen + blen / 2;
	if (ok && send_all(fd, req, head) != 0)
		ok = failf("could not send the first half");
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	kill(s->pid, SIGTERM);
	nanosleep(&ts, NULL);
	struct response r;
	memset(&r, 0, sizeof r);
	if (ok && (send_all(fd, req + head, n - head) != 0 || read_response(fd, &r) != 0))
		ok = failf("the request in flight got no answer after SIGTERM");
	else if (ok)
		record_exchange("POST", "/api/v1/enrolments", &r);
	else if (ok && r.status != 201)
		ok = failf("the request in flight got %d, expected 201: %s", r.status, r.body);
	response_free(&r);
	free(req);
	free(body);
	if (fd >= 0)
		close(fd);
	int st = 0;
	waitpid(s->pid, &st, 0);
	s->pid = 0;
	if (ok && !(WIFEXITED(st) && WEXITSTATUS(st) == 0))
		ok = failf("the server did not exit 0 after SIGTERM (status %d)", st);
	return ok;
}

/* The routes of the program and the paths of the OpenAPI document agree. */
static bool check_openapi(struct server *s)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "'%s' serve --routes", s40_path);
	FILE *p = popen(cmd, "r");
	char routes[128][160];
	int nr = 0;
	while (p && nr < 128 && fgets(routes[nr], sizeof routes[nr], p))
		routes[nr][strcspn(routes[nr], "\n")] = '\0', nr++;
	if (p)
		pclose(p);
	struct response r;
	if (nr == 0 || http(s->port, "GET", "/api/v1/openapi.json", NULL, "", "", 0, &r) != 0)
		return failf("no routes or no document");
	json_t *doc = json_loads(r.body, 0, NULL);
	response_free(&r);
	json_t *paths = json_object_get(doc, "paths");
	if (!json_is_object(paths) ||
	    strcmp(json_string_value(json_object_get(doc, "openapi")) ?: "", "3.1.0") != 0) {
		json_decref(doc);
		return failf("the document is not OpenAPI 3.1.0 with paths");
	}
	bool ok = true;
	int documented = 0;
	const char *path;
	json_t *item;
	json_object_foreach(paths, path, item)
	{
		const char *m;
		json_t *o;
		json_object_foreach(item, m, o)
		{
			char line[160], up[16];
			size_t k;
			for (k = 0; m[k] && k < sizeof up - 1; k++)
				up[k] = (char)(m[k] >= 'a' && m[k] <= 'z' ? m[k] - 32 : m[k]);
			up[k] = '\0';
			snprintf(line, sizeof line, "%s %s", up, path);
			documented++;
			bool found = false;
			for (int i = 0; i < nr; i++)
				found |= strcmp(routes[i], line) == 0;
			if (!found && ok)
				ok = failf("documented but not a route: %s", line);
		}
	}
	for (int i = 0; ok && i < nr; i++) {
		char method[16], pth[160];
		if (sscanf(routes[i], "%15s %159s", method, pth) != 2)
			continue;
		for (char *c = method; *c; c++)
			*c = (char)(*c - 'A' + 'a');
		if (json_object_get(json_object_get(paths, pth), method) == NULL)
			ok = failf("a route the document does not describe: %s", routes[i]);
	}
	if (ok && documented != nr)
		ok = failf("%d routes, %d documented operations", nr, documented);
	json_decref(doc);
	return ok;
}

/* ---- one test file ---- */

/* The URI of a failed file's database kept on PostgreSQL (KEEP), else "". */
static char kept_db[1200];

struct request {
	char method[16];
	char path[8192];
	char headers[65536];
	char *body;
	size_t body_len;
	const char *token;
};

/* Convert the body so far from UTF-8 to the character set cs (iconv's names:
 * CP874, UTF-16): the .t file stays UTF-8, the upload is as an office saves it. */
static bool body_encode(struct request *rq, const char *cs)
{
	iconv_t cd = iconv_open(cs, "UTF-8");
	if (cd == (iconv_t)-1)
		return false;
	size_t cap = rq->body_len * 4 + 16, left = cap, in_left = rq->body_len;
	char *out = malloc(cap), *o = out, *in = rq->body ? rq->body : (char *)"";
	bool ok = out != NULL && iconv(cd, &in, &in_left, &o, &left) != (size_t)-1;
	iconv_close(cd);
	if (!ok) {
		free(out);
		return false;
	}
	free(rq->body);
	rq->body = out;
	rq->body_len = cap - left;
	return true;
}

/* Add the bytes of the file at path (relative to dir, the tests' folder) to the
 * body: a binary upload such as an .xlsx workbook. */
static bool body_file(struct request *rq, const char *dir, const char *path)
{
	char full[4096];
	snprintf(full, sizeof full, "%s/%s", dir, path);
	FILE *f = fopen(full, "rb");
	if (f == NULL)
		return false;
	char chunk[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		char *b = realloc(rq->body, rq->body_len + n + 1);
		if (b == NULL) {
			ok = false;
			break;
		}
		rq->body = b;
		memcpy(rq->body + rq->body_len, chunk, n);
		rq->body_len += n;
	}
	ok = ok && !ferror(f);
	fclose(f);
	return ok;
}

static bool run_file(const char *dir, const char *file, char *name, size_t name_n)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	snprintf(name, name_n, "%s", file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return failf("cannot open %s", path);
	struct server s = { 0 };
	n_tokens = 0;
	n_vars = 0;
	/* The engine of the database the server is given, as /api/v1/health names it. */
	var_set("ENGINE", pg_maint ? "postgres" : "sqlite");
	char sname[256];
	snprintf(sname, sizeof sname, "%.*s", (int)(strcspn(file, ".")), file);
	kept_db[0] = '\0';
	if (server_start(&s, sname) != 0) {
		fclose(f);
		if (s.pid > 0)
			server_stop(&s);
		if (s.pg_name[0])
			pg_drop(s.pg_name);
		return failf(pg_maint && !s.pg_name[0] ? "could not copy the database on S40_TEST_PG"
							: "the server did not start");
	}
	static struct request rq;
	struct response resp = { 0 };
	bool have_resp = false, ok = true, stopped = false;
	const char *token = NULL;
	char raw[65536], line[65536];
	int lineno = 0;
	memset(&rq, 0, sizeof rq);
	record_file = file;
	while (ok && fgets(raw, sizeof raw, f)) {
		lineno++;
		record_line = lineno;
		raw[strcspn(raw, "\n")] = '\0';
		substitute(raw, line, sizeof line);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "name: ", 6) == 0) {
			snprintf(name, name_n, "%s (%s)", line + 6, file);
		} else if (strncmp(line, "as: ", 4) == 0) {
			token = strcmp(line + 4, "-") == 0 ? NULL : token_of(s.port, line + 4);
			if (strcmp(line + 4, "-") != 0 && token == NULL)
				ok = failf("line %d: %s could not log in", lineno, line + 4);
		} else if (strncmp(line, "> ", 2) == 0) {
			free(rq.body);
			memset(&rq, 0, sizeof rq);
			if (sscanf(line + 2, "%15s %8191s", rq.method, rq.path) != 2)
				ok = failf("line %d: bad request line", lineno);
			rq.token = token;
		} else if (strncmp(line, "H: ", 3) == 0) {
			size_t u = strlen(rq.headers);
			snprintf(rq.headers + u, sizeof rq.headers - u, "%s\r\n", line + 3);
		} else if (strncmp(line, "B: ", 3) == 0) {
			size_t add = strlen(line + 3);
			rq.body = realloc(rq.body, rq.body_len + add + 2);
			if (rq.body_len)
				rq.body[rq.body_len++] = '\n';
			memcpy(rq.body + rq.body_len, line + 3, add);
			rq.body_len += add;
		} else if (strncmp(line, "body-file: ", 11) == 0) {
			if (!body_file(&rq, dir, line + 11))
				ok = failf("line %d: cannot read %s", lineno, line + 11);
		} else if (strncmp(line, "body-encoding: ", 15) == 0) {
			if (!body_encode(&rq, line + 15))
				ok = failf("line %d: cannot convert the body to %s", lineno, line + 15);
		} else if (strncmp(line, "pad-headers: ", 13) == 0) {
			for (int i = 0, n = to_int(line + 13); i < n; i++) {
				size_t u = strlen(rq.headers);
				snprintf(rq.headers + u, sizeof rq.headers - u, "X-Pad-%d: v\r\n",
					 i);
			}
		} else if (strncmp(line, "pad-body: ", 10) == 0) {
			size_t add = (size_t)to_long(line + 10);
			rq.body = realloc(rq.body, rq.body_len + add + 1);
			memset(rq.body + rq.body_len, 'x', add);
			rq.body_len += add;
		} else if (strncmp(line, "pad-path: ", 10) == 0) {
			size_t u = strlen(rq.path);
			for (int i = 0, n = to_int(line + 10); i < n && u + 1 < sizeof rq.path; i++)
				rq.path[u++] = 'a';
			rq.path[u] = '\0';
		} else if (strncmp(line, "< ", 2) == 0) {
			if (have_resp)
				response_free(&resp);
			have_resp = false;
			if (http(s.port, rq.method, rq.path, rq.token, rq.headers,
				 rq.body ? rq.body : "", rq.body_len, &resp) != 0) {
				ok = failf("line %d: %s %s got no answer", lineno, rq.method,
					   rq.path);
				break;
			}
			have_resp = true;
			int want = to_int(line + 2);
			if (resp.status != want)
				ok = failf("line %d: %s %.200s: status %d, expected %d: %.1500s",
					   lineno, rq.method, rq.path, resp.status, want,
					   resp.body);
			else if (resp.status >= 400 &&
				 strstr(resp.headers, "application/problem+json") == NULL)
				ok = failf("line %d: a %d that is not problem+json", lineno,
					   resp.status);
		} else if (strncmp(line, "= ", 2) == 0) {
			json_error_t e;
			json_t *exp = json_loads(line + 2, 0, &e);
			json_t *act = have_resp ? json_loads(resp.body, 0, NULL) : NULL;
			if (exp == NULL)
				ok = failf("line %d: bad expected JSON: %s", lineno, e.text);
			else if (!json_subset(exp, act))
				ok = failf("line %d: the body does not hold %s: %.1500s", lineno,
					   line + 2, have_resp ? resp.body : "(none)");
			json_decref(exp);
			json_decref(act);
		} else if (strncmp(line, "~ ", 2) == 0 || strncmp(line, "! ", 2) == 0) {
			regex_t re;
			if (regcomp(&re, line + 2, REG_EXTENDED | REG_NOSUB) != 0) {
				ok = failf("line %d: bad regex", lineno);
				break;
			}
			/* The whole body, NUL bytes and all (a PDF's streams hold some). */
			regmatch_t whole = { .rm_so = 0,
					     .rm_eo = have_resp ? (regoff_t)resp.body_len : 0 };
			bool m = have_resp && regexec(&re, resp.body, 1, &whole, REG_STARTEND) == 0;
			regfree(&re);
			if (m != (line[0] == '~'))
				ok = failf("line %d: the body %s /%s/: %.1500s", lineno,
					   line[0] == '~' ? "does not match" : "matches", line + 2,
					   have_resp ? resp.body : "");
		} else if (strncmp(line, "h: ", 3) == 0) {
			regex_t re;
			if (regcomp(&re, line + 3,
				    REG_EXTENDED | REG_NOSUB | REG_ICASE | REG_NEWLINE) != 0) {
				ok = failf("line %d: bad regex", lineno);
				break;
			}
			bool m = have_resp && regexec(&re, resp.headers, 0, NULL, 0) == 0;
			regfree(&re);
			if (!m)
				ok = failf("line %d: no header matches /%s/: %s", lineno, line + 3,
					   resp.headers);
		} else if (strncmp(line, "save: ", 6) == 0) {
			char var[32], jp[256];
			json_t *act = have_resp ? json_loads(resp.body, 0, NULL) : NULL;
			if (sscanf(line + 6, "%31s %255s", var, jp) != 2)
				ok = failf("line %d: save NAME PATH", lineno);
			json_t *v = json_path(act, jp);
			char *text = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
			if (ok && text == NULL)
				ok = failf("line %d: nothing at %s", lineno, jp);
			else if (text) {
				/* Strings are saved without their quotes. */
				if (json_is_string(v))
					var_set(var, json_string_value(v));
				else
					var_set(var, text);
			}
			free(text);
			json_decref(act);
		} else if (strncmp(line, "poll: ", 6) == 0) {
			/* poll: PATH KEY VALUE — GET PATH until KEY holds the string VALUE
			 * (a number or true/false as JSON writes it). */
			char ppath[1024], key[128], want[128];
			if (sscanf(line + 6, "%1023s %127s %127s", ppath, key, want) != 3) {
				ok = failf("line %d: poll PATH KEY VALUE", lineno);
				break;
			}
			bool got = false;
			for (int i = 0; i < 200 && !got; i++) {
				struct response pr;
				if (http(s.port, "GET", ppath, token, "", "", 0, &pr) == 0) {
					json_t *j = json_loads(pr.body, 0, NULL);
					json_t *jv = json_path(j, key);
					char num[32];
					const char *v = json_string_value(jv);
					if (json_is_integer(jv)) {
						snprintf(num, sizeof num, "%lld",
							 (long long)json_integer_value(jv));
						v = num;
					} else if (json_is_boolean(jv)) {
						v = json_is_true(jv) ? "true" : "false";
					}
					got = v && strcmp(v, want) == 0;
					json_decref(j);
					response_free(&pr);
				}
				if (!got) {
					struct timespec ts = { 0, 50 * 1000 * 1000 };
					nanosleep(&ts, NULL);
				}
			}
			if (!got)
				ok = failf("line %d: %s never had %s = %s", lineno, ppath, key,
					   want);
		} else if (strncmp(line, "$ ", 2) == 0) {
			/* $ ARGS — run s40 ARGS on the server's database beside it, as an
			 * office would run an import while the server is up; it must
			 * succeed. ARGS are passed to the shell as written. */
			char cmd[8192], q_db[1300];
			shell_quote(s.db, q_db, sizeof q_db);
			snprintf(cmd, sizeof cmd, "'%s' %s --db %s --today 2026-01-01 >/dev/null",
				 s40_path, line + 2, q_db);
			int st = system(cmd);
			if (st != 0)
				ok = failf("line %d: s40 %s exited with status %d", lineno, line + 2,
					   WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		} else if (strncmp(line, "@concurrent-distinct ", 21) == 0) {
			ok = check_concurrent(&s, to_int(line + 21), false);
		} else if (strncmp(line, "@concurrent-same ", 17) == 0) {
			ok = check_concurrent(&s, to_int(line + 17), true);
		} else if (strcmp(line, "@keepalive") == 0) {
			ok = check_keepalive(&s);
		} else if (strcmp(line, "@openapi") == 0) {
			ok = check_openapi(&s);
		} else if (strcmp(line, "@sigterm-in-flight") == 0) {
			ok = check_sigterm(&s);
			stopped = true;
		} else {
			ok = failf("line %d: not understood: %s", lineno, line);
		}
	}
	fclose(f);
	free(rq.body);
	rq.body = NULL;
	if (have_resp)
		response_free(&resp);
	if (!stopped) {
		int st = server_stop(&s);
		if (ok && st != 0)
			ok = failf("the server exited %d after SIGTERM, not 0", st);
	}
	if (s.pg_name[0]) {
		if (!ok && getenv("KEEP") != NULL)
			snprintf(kept_db, sizeof kept_db, "%s", s.db);
		else
			pg_drop(s.pg_name);
	}
	return ok;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: api-runner S40 TESTS_DIR [FILE.t ...]\n");
		return 2;
	}
	s40_path = argv[1];
	const char *dir = argv[2];
	signal(SIGPIPE, SIG_IGN);
	snprintf(work_dir, sizeof work_dir, "%s/s40-api.XXXXXX", getenv("TMPDIR") ?: "/tmp");
	if (mkdtemp(work_dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	int passed = 0, failed = 0;
	const char *record_path = getenv("S40_API_RECORD");
	if (record_path && record_path[0]) {
		record = fopen(record_path, "a");
		if (record == NULL) {
			perror(record_path);
			return 2;
		}
	}
	pg_maint = getenv("S40_TEST_PG");
	if (pg_maint && pg_maint[0] == '\0')
		pg_maint = NULL;
	if (pg_maint) {
		/* An empty database that setup.sh fills, the template of every file's. */
		pg_name("setup", pg_template, sizeof pg_template);
		pg_uri(pg_template, template_db, sizeof template_db);
		if (pg_create(pg_template, "template0") != 0) {
			printf("FAIL api setup: could not create a database on S40_TEST_PG (%s)\n",
			       pg_maint);
			pg_template[0] = '\0';
			failed = 1;
			goto out;
		}
	} else {
		snprintf(template_db, sizeof template_db, "%s/template.db", work_dir);
	}
	char cmd[4096], q_dir[1100], q_s40[1100], q_db[1300];
	shell_quote(dir, q_dir, sizeof q_dir);
	shell_quote(s40_path, q_s40, sizeof q_s40);
	shell_quote(template_db, q_db, sizeof q_db);
	snprintf(cmd, sizeof cmd, "%s/setup.sh %s %s", q_dir, q_s40, q_db);
	if (system(cmd) != 0) {
		printf("FAIL api setup: %s\n", cmd);
		failed = 1;
		goto out;
	}
	char *files[512];
	int nf = 0;
	if (argc > 3) {
		for (int i = 3; i < argc && nf < 512; i++)
			files[nf++] = strdup(argv[i]);
	} else {
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL && nf < 512) {
			size_t l = strlen(e->d_name);
			if (l > 2 && strcmp(e->d_name + l - 2, ".t") == 0)
				files[nf++] = strdup(e->d_name);
		}
		if (d)
			closedir(d);
		qsort(files, (size_t)nf, sizeof files[0], cmp_names);
	}
	for (int i = 0; i < nf; i++) {
		char name[512];
		why[0] = '\0';
		if (run_file(dir, files[i], name, sizeof name)) {
			printf("ok api %s\n", name);
			passed++;
		} else {
			printf("FAIL api %s: %s\n", name, why);
			if (kept_db[0])
				printf("  kept database: %s\n", kept_db);
			failed++;
		}
		fflush(stdout);
		free(files[i]);
	}
out:
	if (getenv("KEEP") == NULL || failed == 0) {
		char rm[512];
		snprintf(rm, sizeof rm, "rm -rf '%s'", work_dir);
		if (system(rm) != 0)
			fprintf(stderr, "could not remove %s\n", work_dir);
		if (pg_template[0])
			pg_drop(pg_template);
	} else {
		printf("kept %s\n", work_dir);
		if (pg_template[0])
			printf("kept database: %s\n", template_db);
	}
	if (record)
		fclose(record);
	printf("api: %d passed, %d failed\n", passed, failed);
	const char *counts = getenv("TESTS_COUNTS_FILE");
	if (counts) {
		FILE *c = fopen(counts, "w");
		if (c) {
			fprintf(c, "%d %d\n", passed, failed);
			fclose(c);
		}
	}
	return failed ? 1 : 0;
}
