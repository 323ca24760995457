/*
 * server.h — the HTTP server of s40 (s40 serve): what the server core, the
 * group-commit writer, the import jobs and the api_*.c resource files share.
 *
 * The shape, in the order a request meets it:
 *
 *   libmicrohttpd (internal thread pool) → server.c access callback: limits,
 *   path checks, body collected (JSON in memory with a cap, CSV uploads to a
 *   temporary file) → router.c: the route table, {id} parameters, 404/405 →
 *   auth.c: the session from the cookie or the bearer token, the route's
 *   roles (401/403) → the route's handler (api_*.c), which validates its input
 *   with the …_or_reply helpers (reply.c) and either replies at once (reads,
 *   on the worker thread's own store connection) or hands a write to the
 *   writer (writer.c) with srv_write: the connection is suspended until the
 *   group of writes holding it is committed, then the handler's "after"
 *   function builds the answer.
 *
 * Responses are queued only once a request is complete (never on the first
 * call of the access callback): with libmicrohttpd 0.9.75 a response queued
 * before the body was read closes the connection instead of keeping it alive.
 *
 * Errors are RFC 9457 problem+json built from a struct s40_ctx: type, title
 * (Thai), detail, status, code, code_number, message_th, message_en, field.
 *
 * Memory: a struct srv_req lives from the first call of the access callback to
 * libmicrohttpd's "completed" notification; everything hung on it (the body,
 * the upload file, the handler's state, the job) is freed there.
 */
#ifndef S40_SERVER_SERVER_H
#define S40_SERVER_SERVER_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "registry/registry.h"
#include "registry/user.h"
#include "report/table.h"
#include "stats/asof.h"
#include "stats/attainment.h"
#include "stats/coverage.h"
#include "store/store.h"

#define SRV_PATH_MAX 1024 /* bytes of a request path, at most */
#define SRV_PARAMS_MAX 4 /* {…} parameters in a route pattern */
#define SRV_PARAM_LEN 128 /* bytes of one parameter value */
#define SRV_DELTAS_MAX 8 /* as-of index changes one write may make */

/* Settings of one server (s40 serve's options). */
struct srv_config {
	const char *db; /* the database (path or URI): writes, and reads without read_db */
	const char *read_db; /* NULL, or a replica of db for reads (--read-db) */
	const char *trust_proxy; /* NULL, or the proxy whose X-Forwarded-For is believed */
	const char *host; /* address to listen on: "127.0.0.1", "::1", "0.0.0.0" */
	unsigned port; /* 0: any free port (printed at start) */
	unsigned threads; /* worker threads (0: the number of cores) */
	unsigned cache_mib; /* each reading connection's page cache (s40_store_cache) */
	size_t body_max; /* bytes of a JSON body */
	size_t upload_max; /* bytes of a CSV upload */
	unsigned conn_limit; /* connections at once */
	unsigned per_ip_limit; /* connections at once from one address (0: conn_limit / 16) */
	unsigned timeout_s; /* idle seconds before a connection is closed */
	unsigned header_timeout_s; /* seconds for a request's line and headers */
	unsigned headers_max; /* request headers, at most */
	size_t header_bytes_max; /* bytes of all request headers together */
	size_t mem_limit; /* libmicrohttpd's memory per connection */
	int64_t session_ttl; /* seconds a session lives */
	unsigned offline_days; /* days the web UI may keep personal data on a device */
	int32_t today; /* S40_NO_DAY: the clock's day */
	bool access_log; /* one line per request on stderr */
	const char *anchor_dir; /* NULL, or where anchors of the journal go (anchors.c) */
	const char *anchor_key; /* the secret key that signs them */
	unsigned anchor_minutes; /* between two anchors */
};

/* Fill c with the defaults (documented in docs/API.md). */
void srv_config_defaults(struct srv_config *c);

/* Role bits of a route: who may call it. 0 = anyone, no session needed. */
#define SRV_ADMIN (1u << S40_ROLE_ADMIN)
#define SRV_OFFICER (1u << S40_ROLE_OFFICER)
#define SRV_VOLUNTEER (1u << S40_ROLE_VOLUNTEER)
#define SRV_VIEWER (1u << S40_ROLE_VIEWER)
#define SRV_ANY_USER (SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER | SRV_VIEWER)
#define SRV_PUBLIC 0u

/* What a route's body is. */
enum srv_body {
	SRV_BODY_NONE = 0, /* a body is refused (GET …) */
	SRV_BODY_JSON, /* application/json, up to body_max, kept in memory */
	SRV_BODY_CSV, /* text/csv or SRV_XLSX_TYPE, up to upload_max, spooled to a temporary file */
};

/* The media type of an .xlsx workbook, which an import upload may be. */
#define SRV_XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


struct srv_req;
typedef void (*srv_handler)(struct srv_req *req);

/* One entry of the route table. */
struct srv_route {
	const char *method; /* "GET", "POST", "PATCH", "PUT", "DELETE" */
	const char *pattern; /* "/api/v1/persons/{id}" — as in docs/openapi.json */
	srv_handler handler;
	unsigned roles; /* SRV_… bits; SRV_PUBLIC for no session */
	enum srv_body body;
};

/*
 * The route tables, one per resource file, each ended by an entry whose method
 * is NULL; router.c lists them in srv_route_tables. To add a resource: write
 * api_x.c with its handlers and `const struct srv_route api_x_routes[]`,
 * declare it here, add it to srv_route_tables in router.c, add the file to
 * src/server/meson.build, and describe its paths in docs/openapi.json (the
 * API test "openapi" fails until the two agree).
 */
extern const struct srv_route api_health_routes[];
extern const struct srv_route api_auth_routes[];
extern const struct srv_route api_users_routes[];
extern const struct srv_route api_areas_routes[];
extern const struct srv_route api_persons_routes[];
extern const struct srv_route api_memberships_routes[];
extern const struct srv_route api_exclusions_routes[];
extern const struct srv_route api_followup_routes[]; /* assignment and calls (followup.h) */
extern const struct srv_route api_reports_routes[];
extern const struct srv_route api_imports_routes[];
extern const struct srv_route api_journal_routes[];
extern const struct srv_route api_ledger_routes[]; /* payments, ledger, benefit (issue 3) */
extern const struct srv_route api_campaign_routes[]; /* campaign reports, surveys (issue 5) */
extern const struct srv_route api_targets_routes[]; /* fiscal-year targets (issue 5) */
extern const struct srv_route api_static_routes[]; /* the web UI (web/) */
extern const struct srv_route api_sync_routes[]; /* changes since a cursor, receipt blocks */
extern const struct srv_route *const srv_route_tables[];

/* The import jobs (jobs.c). */
struct srv_jobs;

/* One server. */
struct srv {
	struct srv_config cfg;
	struct MHD_Daemon *mhd;
	int listen_fd;
	unsigned port; /* the port bound */
	pthread_key_t store_key; /* each worker thread's store connection (to db) */
	pthread_key_t read_key; /* and to read_db, when there is one */
	struct srv_writer *writer;
	pthread_rwlock_t ix_lock; /* guards ix: readers share, the writer applies */
	struct s40_asof *ix;
	struct s40_attain_ix *attain; /* new members by area and start day, beside ix */
	atomic_uint_fast64_t
		ix_gen; /* bumped by every change of ix or attain (report caches key on it) */
	/* The coverage index (coverage.c): replaced whole by its thread. */
	pthread_rwlock_t cov_lock;
	struct s40_cov_ix *cov;
	atomic_int_fast64_t cov_seq; /* the last journal entry cov reflects */
	struct srv_cov *covb; /* its thread */
	struct srv_jobs *jobs;
	struct srv_conns *conns; /* the header deadline (conns.c) */
	struct srv_anchors *anchors; /* NULL, or the anchor writer (anchors.c) */
	atomic_int in_flight; /* requests begun and not yet completed */
	atomic_bool stopping;
	int64_t started_at;
};

/* A write handed to the writer thread (writer.c). */
struct srv_job;
typedef enum s40_err (*srv_write_fn)(struct srv_job *job, struct s40_reg *reg, void *arg,
				     struct s40_ctx *ctx);

struct srv_delta {
	int32_t village;
	int32_t day;
	bool end; /* false: a spell starts on day; true: one ends on day */
	int32_t start; /* the spell's start day (an end on it takes a new member back out) */
};

struct srv_idem;

struct srv_job {
	srv_write_fn run;
	void *arg;
	char user[S40_USER_NAME_MAX];
	int32_t today;
	int32_t scope; /* the area the user is confined to (s40_reg.scope) */
	bool recruits_only; /* a volunteer (s40_reg.sees_recruits_only) */
	bool no_tx; /* run outside any transaction (index rebuild) */
	enum s40_err rc; /* the outcome, once done */
	struct s40_ctx ctx; /* its detail */
	struct srv_delta delta[SRV_DELTAS_MAX];
	int n_delta;
	bool rebuild_index; /* after commit, rebuild the indexes (as-of, attainment) from the store */
	int64_t first_seq, last_seq; /* the journal entries it appended (0: none) */
	/* The request's Idempotency-Key (idem.c), or NULL: its row is inserted in
	 * the job's savepoint once run succeeded (a key there already fails the job
	 * with S40_E_IDEM_IN_PROGRESS); idem->recorded once the group committed. */
	struct srv_idem *idem;
	bool idem_inserted;
	/* Called by the writer when the job is committed (or failed); the job is
	 * not touched by the writer afterwards. */
	void (*done)(struct srv_job *job);
	void *done_arg;
	struct srv_job *next;
};

/* A header of a response. */
struct srv_header {
	char *name;
	char *value;
};

/*
 * A response as the handler made it (reply.c): what server.c hands to
 * libmicrohttpd, and srv_call to its caller. Everything in it is the
 * response's own (srv_resp_free).
 */
struct srv_resp {
	unsigned status; /* 0: no answer made yet */
	char *type; /* the Content-Type, or NULL for none */
	char *body; /* len bytes, NUL-terminated after them */
	size_t len;
	struct srv_header *header; /* more headers, in the order added */
	size_t n_header;
};

/* Free what r holds and clear it (r itself stays the caller's). */
void srv_resp_free(struct srv_resp *r);

/* The value of a header of r (any case), or NULL. */
const char *srv_resp_header(const struct srv_resp *r, const char *name);

/*
 * A request made in process, without libmicrohttpd or a socket (srv_call):
 * what a connection would have carried.
 */
struct srv_call {
	const char *method; /* "GET", "POST" … */
	const char *target; /* the request target: "/api/v1/persons?q=%E0%B8%AA" (%-encoded) */
	const char *const *headers; /* NULL, or name, value, name, value …, NULL */
	const void *body; /* body_len bytes (may be NULL when 0) */
	size_t body_len;
	const char *addr; /* the client's address; NULL: "127.0.0.1" */
};

/* Where a value of a request comes from (srv_req_value). */
enum srv_value {
	SRV_VALUE_HEADER, /* a request header, by its name in any case */
	SRV_VALUE_COOKIE, /* a cookie of the Cookie header */
	SRV_VALUE_QUERY, /* a parameter of the query string, decoded */
};

enum srv_req_state {
	SRV_REQ_BODY, /* reading the body */
	SRV_REQ_WAITING, /* suspended, its write in the writer's queue */
	SRV_REQ_DONE, /* the response is queued */
};

/* One request. */
struct srv_req {
	struct srv *srv;
	struct MHD_Connection *conn; /* NULL for an in-process request */
	const struct srv_call *call; /* the in-process request, or NULL */
	struct srv_local *local; /* its path, query and cookies, decoded (server.c) */
	const char *method;
	const char *url;
	enum srv_req_state state;
	const struct srv_route *route;
	char params[SRV_PARAMS_MAX][SRV_PARAM_LEN];
	/* A failure found before the body was read, answered once it is. */
	enum s40_err early;
	struct s40_ctx early_ctx;
	unsigned allow_status; /* 405: set with the allowed methods */
	char allow[64];
	/* The body. */
	struct s40_buf body;
	FILE *upload;
	long long upload_len;
	bool body_over; /* the body passed its limit: the rest is discarded */
	/* Who asks. */
	struct s40_user user;
	bool authed;
	bool checked; /* type, session and role checked before the body was read */
	char token[S40_TOKEN_TEXT_LEN + 1];
	char addr[64];
	bool secure; /* came over TLS through a proxy (X-Forwarded-Proto: https) */
	bool primary; /* read from db, not read_db: the request writes or wrote */
	/* The response, queued by the access callback. */
	struct srv_resp resp;
	/* A write in flight: the job and what to do when it is done. */
	struct srv_job job;
	bool job_pending;
	void (*after)(struct srv_req *req);
	struct srv_idem *idem; /* its Idempotency-Key, when it has one to record (idem.c) */
	void *state_ptr; /* the handler's own state */
	void (*state_free)(void *p); /* frees it (may be NULL) */
	struct timespec t0;
};

/* ---- server.c ---- */

/*
 * Run a server with cfg until SIGINT or SIGTERM: builds the as-of index,
 * starts the writer and libmicrohttpd, prints "listening on http://HOST:PORT"
 * on out, and on the signal stops accepting, lets the requests in flight
 * finish, and returns S40_OK. ctx has the failure otherwise.
 */
enum s40_err srv_run(const struct srv_config *cfg, FILE *out, struct s40_ctx *ctx);

/*
 * Start a server's core without the network: the writer on its own store
 * connection (which builds the as-of and attainment indexes first) and the
 * import jobs. *out is freed by srv_close. srv_run is this, plus libmicrohttpd.
 */
enum s40_err srv_open(const struct srv_config *cfg, struct srv **out, struct s40_ctx *ctx);

/* Finish the queued writes and imports and free srv (NULL: nothing), and the
 * calling thread's store connections with it. */
void srv_close(struct srv *srv);

/*
 * Answer one request in process, on srv from srv_open: call goes the way a
 * connection's request goes (the path checks, the route, the body's size and
 * type, the session and the role, the handler, a write's group commit on the
 * writer thread), and *resp gets the answer that would have been sent, its
 * headers too. Blocks while a write is committed. The caller frees resp with
 * srv_resp_free. Used by the fuzz targets and the tests; s40 serve does not
 * call it.
 */
void srv_call(struct srv *srv, const struct srv_call *call, struct srv_resp *resp);

/* A header, cookie or query parameter of req (libmicrohttpd's, or the
 * in-process request's), or NULL when it has none. */
const char *srv_req_value(struct srv_req *req, enum srv_value kind, const char *key);

/* The path of req with its query parameters (decoded, in their order:
 * "/api/v1/imports?kind=persons"), malloc'd. */
char *srv_req_target(struct srv_req *req);

/* The calling worker thread's store connection (opened on first use), or NULL
 * with a 503 problem replied. With --read-db, the replica's, unless req or
 * its user's recent write needs the primary (srv_primary_needed). */
struct s40_store *srv_store_or_reply(struct srv_req *req);

/* The day it is for the server (--today or the clock). */
int32_t srv_today(const struct srv *srv);

/* ---- idem.c: the Idempotency-Key request header ---- */

#define SRV_IDEM_KEY_MAX 255 /* characters of a key */
#define SRV_IDEM_KEEP_S (30 * 86400) /* seconds a key is kept */

/* A request's key, from the header to the answer stored. */
struct srv_idem {
	char user[S40_USER_NAME_MAX];
	char key[SRV_IDEM_KEY_MAX + 1];
	char fingerprint[65]; /* SHA-256 of method, path with query and body, in hex */
	char method[8];
	char *path; /* with the query */
	bool recorded; /* its row is committed with the request's write */
	bool forget; /* remove the row rather than store the answer (idem_forget) */
};

/*
 * Before the handler of an authenticated POST, PUT, PATCH or DELETE (not the
 * login and logout routes, which ignore the header): false after replying
 * when the request's Idempotency-Key is bad (400), used with another request
 * (422), taken by a write with no answer yet (409, Retry-After: 1), or a
 * repeat (the stored answer, Idempotency-Replayed: true); true to run the
 * handler, with req->idem set when there is a key to record.
 */
bool srv_idem_begin_or_reply(struct srv_req *req);

/* When the answer is made: a key recorded gets the answer stored on its row
 * (status, content type, Location, body), by a later write of the writer. */
void srv_idem_answer(struct srv_req *req);

/* The key recorded with the request's write is taken back: the answer made
 * is not one to repeat (an import refused after its key was recorded). */
void srv_idem_forget(struct srv_req *req);

/* The key's row in the writer's transaction (from run_group): after the
 * job's run succeeded, inside its savepoint. */
void srv_idem_free(struct srv_idem *idem);

enum s40_err srv_idem_insert(struct s40_store *st, struct srv_job *job, struct s40_ctx *ctx);

/* ---- anchors.c ---- */

/* Start (when cfg.anchor_dir is set) and stop the thread writing anchors. */
enum s40_err srv_anchors_start(struct srv *srv, struct s40_ctx *ctx);
void srv_anchors_stop(struct srv *srv);

/* ---- conns.c ---- */

/* Start and stop the reaper of connections past the header deadline. */
enum s40_err srv_conns_start(struct srv *srv, struct s40_ctx *ctx);
void srv_conns_stop(struct srv *srv);

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback (cls: the srv). */
void srv_conn_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
		     enum MHD_ConnectionNotificationCode toe);

/* A request on conn has its headers (true) or has been answered (false). */
void srv_conn_mark(struct srv *srv, struct MHD_Connection *conn, bool in_request);

/* ---- router.c ---- */

/*
 * Find the route of method and path. S40_OK with *route and params filled;
 * S40_E_NO_ROUTE when no pattern matches; S40_E_METHOD when one matches with
 * other methods (allow gets them, "GET, POST"). A parameter longer than
 * SRV_PARAM_LEN is S40_E_BAD_PATH.
 */
enum s40_err srv_route_find(const char *method, const char *path, const struct srv_route **route,
			    char params[][SRV_PARAM_LEN], char *allow, size_t allow_n,
			    struct s40_ctx *ctx);

/* Check a decoded path: length, control bytes, "." and ".." segments, "//". */
enum s40_err srv_path_check(const char *path, struct s40_ctx *ctx);

/* Print every route as "METHOD PATTERN" lines (s40 serve --routes). */
void srv_routes_print(FILE *f);

/* ---- api_auth.c ---- */

/* Check name's password, one at a time per client address and never on every
 * worker thread at once: true with *right (and *u when right), false after
 * answering (429/503 with Retry-After, or the store's error). */
bool api_password_check(struct srv_req *req, struct s40_store *st, const char *name,
			const char *password, struct s40_user *u, bool *right);

/* ---- auth.c ---- */

/* Find the session of req (bearer token, then the s40_session cookie) and check
 * the route's roles: true when the handler may run, false after replying
 * 401 or 403. */
bool srv_auth_or_reply(struct srv_req *req);

/* A slot for key among n_slots (the session cache, the writer's read-your-writes
 * table). */
size_t srv_slot_of(const char *key, size_t n_slots);

/* Drop a session from the server's short cache of sessions (NULL: all of them):
 * after a logout or a password change. */
void srv_session_forget(const char *token);

/* Whether req's user may see and change things in area (any level). */
bool srv_scope_area(const struct srv_req *req, int32_t area);

/* The area code prefix req's user is confined to (0: everywhere). */
int32_t srv_scope_root(const struct srv_req *req);

/* Whether req's user needs national IDs masked in lists. */
bool srv_mask_ids(const struct srv_req *req);

/*
 * Whether the user of req may see person p: admin always; officer when p
 * lives in its area; volunteer when p is its own record, or lives in its area
 * and was recruited by the volunteer or is assigned to it for follow-up
 * (followup.h); viewer never. The answer for a person out of sight is the one
 * for a person who does not exist: S40_E_NOT_FOUND on ctx.
 */
enum s40_err srv_person_visible(struct s40_store *st, const struct s40_user *u,
				const struct s40_person *p, struct s40_ctx *ctx);

/* The same for a person by ID (reads it into *p). */
enum s40_err srv_person_get_visible(struct s40_store *st, const struct s40_user *u, int64_t id,
				    struct s40_person *p, struct s40_ctx *ctx);

/* The Set-Cookie value for a session token (max_age 0 clears it). */
void srv_cookie(const struct srv_req *req, const char *token, int64_t max_age, char *buf, size_t n);

/* ---- reply.c: answers and the validate-or-reply helpers ---- */

/* p, or the end of the server when it is NULL ("out of memory" and abort):
 * a request half answered for want of memory helps no one. */
void *srv_must(void *p);
/* n bytes zeroed (calloc), or the end of the server as srv_must. */
void *srv_zalloc(size_t n);

/* Reply with a JSON value (taking its reference; NULL is out of memory). */
void srv_reply_json(struct srv_req *req, unsigned status, json_t *v);

/* Reply with bytes of a content type (copied). */
void srv_reply_bytes(struct srv_req *req, unsigned status, const char *type, const void *data,
		     size_t n);

/* Reply with the problem on ctx (status from its code). */
void srv_reply_problem(struct srv_req *req, const struct s40_ctx *ctx);

/* Reply with a problem built here; formats as s40_errorf. */
void srv_reply_errorf(struct srv_req *req, enum s40_err code, const char *field, const char *fmt_th,
		      const char *fmt_en, ...) __attribute__((format(printf, 5, 6)));

/* Reply with a report table: JSON, or with ?format=csv|xlsx|pdf a download
 * named s40-NAME.csv|.xlsx|.pdf (?lang=en: English labels; a PDF's footer
 * carries the server's today). t stays the caller's. */
struct s40_table;
void srv_reply_table(struct srv_req *req, const struct s40_table *t, const char *name);
/* The same, with map (NULL for none) on a page after the table's in the PDF. */
struct s40_map;
void srv_reply_table_map(struct srv_req *req, const struct s40_table *t, const struct s40_map *map,
			 const char *name);

/*
 * Reply with a file built into the program (the web UI, the OpenAPI document),
 * which changes only with the program: its ETag is a digest of its bytes, and
 * a request whose If-None-Match names it gets 304 Not Modified and no body.
 * Cache-Control: no-cache lets a browser keep the file and ask each time.
 */
struct s40_embed;
void srv_reply_embed(struct srv_req *req, const struct s40_embed *e, const char *type);

/* Reply 204 No Content. */
void srv_reply_empty(struct srv_req *req, unsigned status);

/* Add a header to the reply already made (no-op without one). */
void srv_reply_header(struct srv_req *req, const char *name, const char *value);

/* The problem document of ctx for req's path (a new reference). */
json_t *srv_problem_json(const struct s40_ctx *ctx, const char *instance);

/*
 * The validate-or-reply helpers: each returns true with the value set, or
 * false after replying with a 4xx problem naming the field; the handler then
 * just returns. A missing optional value leaves *out as it was.
 */
bool srv_body_json_or_reply(struct srv_req *req, json_t **obj);
bool srv_keys_or_reply(struct srv_req *req, json_t *obj, const char *const *allowed);
bool srv_json_str_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			   const char **out);
bool srv_json_id_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			  int64_t *out);
bool srv_json_date_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			    int32_t *out);
bool srv_json_int_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			   long long min, long long max, long long *out);
bool srv_json_area_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			    int32_t *out);
bool srv_param_id_or_reply(struct srv_req *req, int i, int64_t *out);
bool srv_query_date_or_reply(struct srv_req *req, const char *key, int32_t *out);
bool srv_query_area_or_reply(struct srv_req *req, const char *key, int32_t *out);
/* ?level=province|district|subdistrict|village, below area (0: any); absent:
 * S40_LEVEL_NONE. */
bool srv_query_level_or_reply(struct srv_req *req, int32_t area, enum s40_level *out);
bool srv_query_int_or_reply(struct srv_req *req, const char *key, long long min, long long max,
			    long long *out);
bool srv_query_page_or_reply(struct srv_req *req, long long *limit, long long *offset);
/* ?format= absent, json, csv, xlsx or pdf, and ?csv= absent, excel or plain:
 * one srv_reply_table renders. A handler that journals what it shows checks
 * them before journaling anything, so that no read is journaled for an answer
 * refused afterwards. */
bool srv_query_format_or_reply(struct srv_req *req);

/* The CSV ?csv= asks for: plain for "plain", else Excel's (a download for
 * people, as the web's CSV button fetches it). */
enum s40_csv_style srv_query_csv(struct srv_req *req);

/* A query parameter, or NULL. */
const char *srv_query(struct srv_req *req, const char *key);

/* The language ?lang= asks for: English for "en", Thai otherwise. */
enum s40_lang srv_query_lang(struct srv_req *req);

/* A stream writing into *data (*len bytes; the caller frees *data after
 * fclose), as open_memstream; out of memory aborts the server. */
FILE *srv_memstream(char **data, size_t *len);

/* A JSON string of an ISO date, or null for S40_NO_DAY. */
json_t *srv_json_date(int32_t day);

/* A JSON string of a national ID (13 digits, or masked). */
json_t *srv_json_natid(int64_t id, bool masked);

/* { "items": items, "total", "limit", "offset", "next_offset" } (takes items). */
json_t *srv_json_page(json_t *items, long long total, long long limit, long long offset);

/* ---- writer.c: the group commit ---- */

struct srv_writer;

/* Start the writer on its own store connection to db. */
enum s40_err srv_writer_start(struct srv *srv, struct srv_writer **out, struct s40_ctx *ctx);

/* Finish the queued jobs and stop. */
void srv_writer_stop(struct srv_writer *w);

/* Queue a job (its run, arg, user, today and done set). */
void srv_writer_submit(struct srv_writer *w, struct srv_job *job);

/*
 * From a handler: run fn(job, reg, arg, ctx) on the writer, inside the group
 * transaction, in its own savepoint, as req's user; when the group is
 * committed, after(req) runs on a worker thread to reply, with req->job.rc and
 * req->job.ctx holding the outcome (a failed write was undone alone). arg
 * belongs to the handler (keep it in req->state_ptr to have it freed).
 */
void srv_write(struct srv_req *req, srv_write_fn fn, void *arg, void (*after)(struct srv_req *req));

/* request.c: decode %XX in place as libmicrohttpd would, but a byte decoding to a
 * control character becomes DEL, which every check refuses (the connections'
 * unescape callback, and the in-process requests' decoding). */
size_t srv_unescape(void *cls, struct MHD_Connection *conn, char *s);
struct local_kv {
	const char *key;
	const char *value; /* NULL: a query parameter without "=" */
};

/* An in-process request's path, query parameters and cookies, decoded as
 * libmicrohttpd decodes a connection's. */
struct srv_local {
	char *path;
	const char **headers; /* the call's headers, and Content-Length for a body */
	char content_length[24];
	char *query_text, *cookie_text; /* the bytes the pairs point into */
	struct local_kv *query, *cookie;
	size_t n_query, n_cookie;
};

/* request.c: an in-process request's values, made from its call and freed. */
struct srv_local *srv_local_new(const struct srv_call *call);
void srv_local_free(struct srv_local *l);

/* The sequence number of the journal's last entry (0: none). */
enum s40_err srv_journal_head(struct s40_store *st, int64_t *head, struct s40_ctx *ctx);

/* The person of a journal entity "person:DIGITS" (0: another kind of entity). */
int64_t srv_entity_person(const char *entity);

/* The receipt numbers' prefix of receipt block (api_sync.c): "B000123-". */
void srv_receipt_block_prefix(int64_t block, char *buf, size_t n);

/* Journal a "person.read" entry {"via": via} for each of ids[0..n): what a
 * response showed of whom, written by the writer before the answer is sent. */
enum s40_err srv_journal_reads(struct s40_reg *reg, const char *via, const int64_t *ids, size_t n,
			       struct s40_ctx *ctx);

/*
 * With a replica for reads (--read-db): whether user's last write may not be
 * on the replica yet, so that user's reads go to the primary. Asks the
 * replica once per write; forgets the write once the replica has it.
 */
bool srv_primary_needed(struct srv *srv, const char *user, struct s40_store *replica);

/* Run a job and wait for it (for threads that are not request handlers). */
enum s40_err srv_write_wait(struct srv *srv, struct srv_job *job);

/* A person's spells, read inside a write before the operation. */
struct srv_spells {
	int64_t person;
	struct s40_spell *v;
	size_t n;
};

enum s40_err srv_spells_read(struct s40_store *st, int64_t person, struct srv_spells *s,
			     struct s40_ctx *ctx);
void srv_spells_free(struct srv_spells *s);

/*
 * Inside a write, after the operation: compare the person's spells now with
 * before; new spells and spells that ended become the job's deltas, applied to
 * the as-of index once the group is committed (too many: a rebuild).
 */
enum s40_err srv_job_spell_deltas(struct srv_job *job, struct s40_store *st,
				  const struct srv_spells *before, struct s40_ctx *ctx);

/* ---- the JSON of resources, shared between api_*.c ---- */

/* A user (never its password hash). */
json_t *api_user_json(const struct s40_user *u);

/* A person; with full, also the memberships and exclusions (read from st).
 * masked: the national ID masked. NULL on a store error (on ctx). */
json_t *api_person_json(struct s40_store *st, const struct s40_person *p, bool full, bool masked,
			struct s40_ctx *ctx);

/* A new person from a JSON object (id, names, village … as POST /persons
 * takes them); the first bad field on ctx. */
enum s40_err api_person_from_json(json_t *obj, struct s40_person *p, struct s40_ctx *ctx);

/* A spell. */
json_t *api_spell_json(const struct s40_spell *sp);

/* ---- api_imports.c: the import jobs ---- */

/* The coverage index's thread (coverage.c): started once the writer is, it
 * builds srv->cov and follows the journal. */
enum s40_err srv_cov_start(struct srv *srv, struct s40_ctx *ctx);
void srv_cov_stop(struct srv *srv);
/* Wake it: the journal may have grown. */
void srv_cov_poke(struct srv *srv);
/* The index, read-locked, when it reflects every entry up to head (the
 * journal's head as the caller's connection sees it); NULL otherwise (then
 * build one for the area: s40_report_coverage with NULL). Release a non-NULL
 * index with srv_cov_release. */
const struct s40_cov_ix *srv_cov_acquire(struct srv *srv, int64_t head);
void srv_cov_release(struct srv *srv);

enum s40_err srv_jobs_start(struct srv *srv, struct s40_ctx *ctx);
void srv_jobs_stop(struct srv *srv);

#endif
