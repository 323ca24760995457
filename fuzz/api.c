/*
 * api.c — the harness of the API's fuzz targets (api.h): the register they
 * run against, the users who call it, and the checks of every answer.
 *
 * The register is small, so that a call takes a millisecond and not a report
 * over the demo's 27,000 persons: the geography of Bangkok and Samut Songkhram
 * (the shipped one, less the other provinces), seven persons of Samut
 * Songkhram and Bangkok (members, a former member, an excluded one, one never
 * enrolled, the volunteer's own record), payments, a survey, targets, a network
 * member and an event, and one user per role. All but the first user and the
 * network are made through the API itself (srv_call), so that the bodies the
 * seeds start from are known to be accepted. It is kept in memory and put back
 * after each input that changed it (register_restore).
 *
 * What every answer must be, whatever the input:
 *   - not a 5xx (a failure of the server is a bug, not an answer);
 *   - a 2xx of JSON parses as JSON, a 204 has no body;
 *   - any other is application/problem+json: an object whose "status" is the
 *     answer's, whose "code" is the name of its "code_number" in the error
 *     table (lib/core/error.c) with that HTTP status, "type" urn:s40:problem:
 *     CODE, "title" the code's Thai text, "message_th" holding Thai letters
 *     and "message_en" English words;
 *   - a refusal (not 2xx) writes nothing: no row of any table is inserted,
 *     updated or deleted (triggers of the fuzz database count them), but for
 *     a failed login or a wrong current password, which the login throttle
 *     counts by design (its own table, and nothing else);
 *   - a 2xx answer to a user names no person of the register out of that
 *     user's sight by full national ID (a viewer sees no one; an officer and a
 *     volunteer no one outside their area), unless the request named them.
 * A check that fails prints the request and the answer and aborts, so that
 * libFuzzer keeps the input.
 */
#include "api.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/area.h"
#include "core/date.h"
#include "core/error.h"
#include "registry/areas.h"
#include "registry/user.h"
#include "server.h"

/* The day the server says it is. */
#define FUZZ_TODAY_YMD 2026, 1, 1

/* The persons of the register. */
#define ID_VOLUNTEER "1234545678781" /* the volunteer's own record, 75030702 */
#define ID_MEMBER "1112034563562" /* a member recruited by the volunteer, paying */
#define ID_MEMBER2 "3750300000012" /* a member of 75030505, option changed */
#define ID_NEVER "3750300000021" /* registered, never enrolled */
#define ID_ENDED "3750300000039" /* a former member (resigned) */
#define ID_EXCLUDED "3750300000047" /* covered by Section 33 since 2025-05-01 */
#define ID_BANGKOK "3100600445635" /* a member in Bangkok (province 10) */

static const char *const world_ids[] = { ID_VOLUNTEER, ID_MEMBER,   ID_MEMBER2, ID_NEVER,
					 ID_ENDED,     ID_EXCLUDED, ID_BANGKOK };

/* Who may ask: the users of the register and, last, nobody (no session). */
struct fuzz_user {
	const char *name;
	enum s40_role role;
	int32_t area;
	const char *person; /* a volunteer's own record */
	char bearer[S40_TOKEN_TEXT_LEN + 16]; /* "Bearer TOKEN" */
};

static struct fuzz_user users[] = {
	{ "admin", S40_ROLE_ADMIN, 0, NULL, "" },
	{ "officer75", S40_ROLE_OFFICER, 75, NULL, "" },
	{ "officer10", S40_ROLE_OFFICER, 10, NULL, "" },
	{ "volunteer", S40_ROLE_VOLUNTEER, 7503, ID_VOLUNTEER, "" },
	{ "viewer", S40_ROLE_VIEWER, 0, NULL, "" },
	{ NULL, S40_ROLE_NONE, 0, NULL, "" },
};
#define N_USERS (sizeof users / sizeof users[0])

/* The values a {…} of a path takes, by the parameter's name. */
static const char *const param_id[] = {
	ID_MEMBER,
	ID_MEMBER2,
	ID_NEVER,
	ID_ENDED,
	ID_EXCLUDED,
	ID_BANGKOK,
	ID_VOLUNTEER,
	"1234567890121", /* valid, not registered */
	"1-1120-34563-56-2", /* ID_MEMBER with dashes */
	("%E0%B9%91%E0%B9%91%E0%B9%91%E0%B9%92%E0%B9%90%E0%B9%93%E0%B9%94%E0%B9%95%E0%B9%96"
	 "%E0%B9%93%E0%B9%95%E0%B9%96%E0%B9%92"), /* ID_MEMBER in Thai digits */
	"3750300000013", /* a wrong check digit */
	"0000000000000",
	"12345",
	"%FF%FE",
};
static const char *const param_name[] = {
	"admin",
	"officer75",
	"officer10",
	"volunteer",
	"viewer",
	"nobody",
	"a-name-that-is-longer-than-any-user-name-may-be-in-the-register-at-all",
};
static const char *const param_code[] = {
	"75", "7503", "750307", "75030702", "10", "10010100", "99", "7", "abc", "%E0%B9%97%E0%B9%95"
};
static const char *const param_file[] = { "index.html", "app.js", "app.css",
					  "nope.js",	"..",	  "%2E%2E" };
static const char *const param_dir[] = { "js", "fonts", "nope" };

static struct {
	const char *name;
	const char *const *v;
	size_t n;
} params[] = {
#define PARAM(name, v)                          \
	{                                       \
		name, v, sizeof v / sizeof v[0] \
	}
	PARAM("id", param_id),	   PARAM("name", param_name), PARAM("code", param_code),
	PARAM("file", param_file), PARAM("dir", param_dir),
#undef PARAM
};

static struct srv *server;
static bool trace; /* S40_FUZZ_TRACE set: each request and its status on stderr */
static sqlite3 *watch; /* the harness's own connection: the change counters */
static struct s40_store *own; /* and its store connection: sessions */
static char dir[256], db[300];

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-api: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(2);
}

static void remove_db(void)
{
	if (db[0] == '\0')
		return;
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[320];
		snprintf(p, sizeof p, "%s%s", db, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
	db[0] = '\0';
}

/*
 * Remove the folders under parent of fuzz targets that have ended without
 * removing theirs (a sanitizer's report or a deadly signal ends the process at
 * once): "s40-fuzz-PID-…" of a process that is no more.
 */
static void remove_stale(const char *parent)
{
	DIR *d = opendir(parent);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char *end = NULL;
		if (strncmp(e->d_name, "s40-fuzz-", 9) != 0)
			continue;
		long pid = strtol(e->d_name + 9, &end, 10);
		if (end == e->d_name + 9 || *end != '-' || pid <= 0 || kill((pid_t)pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		char path[512];
		static const char *const files[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm",
						     "fuzz.db-journal" };
		for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
			snprintf(path, sizeof path, "%s/%s/%s", parent, e->d_name, files[i]);
			unlink(path);
		}
		snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
		rmdir(path);
	}
	closedir(d);
}

/* ---- the register ---- */

/* Call the server as user u (NULL: nobody); the answer in *r. */
static void call(const struct fuzz_user *u, const char *method, const char *target,
		 const void *body, size_t body_len, struct srv_resp *r)
{
	const char *headers[5] = { NULL };
	size_t n = 0;
	if (u != NULL && u->name != NULL) {
		headers[n++] = "Authorization";
		headers[n++] = u->bearer;
	}
	if (body_len > 0 || strcmp(method, "GET") != 0) {
		headers[n++] = "Content-Type";
		headers[n++] = "application/json";
	}
	struct srv_call c = { method, target, headers, body, body_len, "127.0.0.1" };
	srv_call(server, &c, r);
}

/* A step of the register through the API, as the admin: it must succeed. */
static void world_call(const char *method, const char *target, const char *body)
{
	struct srv_resp r;
	call(&users[0], method, target, body, strlen(body), &r);
	if (r.status < 200 || r.status > 299) {
		fprintf(stderr, "fuzz-api: building the register: %s %s %s: %u %s\n", method,
			target, body, r.status, r.body);
		exit(2);
	}
	srv_resp_free(&r);
}

/* Open a session of each of the first n users (again, after a password change
 * ended them). */
static void sessions_open(size_t n)
{
	struct s40_reg reg;
	s40_reg_init(&reg, own, "fuzz", s40_day_from_ymd(FUZZ_TODAY_YMD));
	for (size_t i = 0; i < n && users[i].name; i++) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		struct s40_user u;
		char token[S40_TOKEN_TEXT_LEN + 1];
		int64_t expires;
		if (s40_user_get(own, users[i].name, &u, &ctx) != S40_OK ||
		    s40_session_open(&reg, u.user_id, 7 * 86400, "127.0.0.1", token, sizeof token,
				     &expires, &ctx) != S40_OK)
			die("opening a session", s40_errmsg(&ctx, S40_LANG_EN));
		snprintf(users[i].bearer, sizeof users[i].bearer, "Bearer %s", token);
	}
	srv_session_forget(NULL);
}

static void sql(const char *text)
{
	char *err = NULL;
	if (sqlite3_exec(watch, text, NULL, NULL, &err) != SQLITE_OK)
		die(text, err);
}

/*
 * Count every row inserted, updated or deleted in any table: the login
 * throttle's in row "throttle", every other table's in row "register". A
 * write rolled back takes its counts back with it, so the counters move only
 * when a change is committed.
 */
static void counters_install(void)
{
	sql("CREATE TABLE fuzz_changes (what TEXT PRIMARY KEY, n INTEGER NOT NULL);"
	    "INSERT INTO fuzz_changes VALUES ('register', 0), ('throttle', 0);");
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(watch,
			       "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table' AND "
			       "t.name NOT LIKE 'sqlite%' AND t.name <> 'fuzz_changes' "
			       /* Neither a virtual table (the names' index, which takes no
				* trigger) nor the tables it keeps itself (person_name_data
				* …): they change only with person, which is counted. */
			       "AND t.sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND NOT EXISTS "
			       "(SELECT 1 FROM sqlite_schema v WHERE v.sql LIKE "
			       "'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\\_%' "
			       "ESCAPE '\\')",
			       -1, &s, NULL) != SQLITE_OK)
		die("listing the tables", sqlite3_errmsg(watch));
	char **names = NULL;
	size_t n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		names = realloc(names, (n + 1) * sizeof *names);
		if (names == NULL ||
		    (names[n] = strdup((const char *)sqlite3_column_text(s, 0))) == NULL)
			die("out of memory", NULL);
		n++;
	}
	sqlite3_finalize(s);
	static const char *const ops[] = { "INSERT", "UPDATE", "DELETE" };
	for (size_t i = 0; i < n; i++) {
		const char *what = strcmp(names[i], "login_throttle") == 0 ? "throttle" :
									     "register";
		for (size_t k = 0; k < 3; k++) {
			char *q = sqlite3_mprintf(
				"CREATE TRIGGER \"fuzz_%w_%s\" AFTER %s ON \"%w\" BEGIN UPDATE "
				"fuzz_changes SET n = n + 1 WHERE what = '%s'; END;",
				names[i], ops[k], ops[k], names[i], what);
			sql(q);
			sqlite3_free(q);
		}
		free(names[i]);
	}
	free(names);
}

struct counts {
	int64_t reg, throttle;
};

static struct counts counts_now(void)
{
	static sqlite3_stmt *s;
	if (s == NULL && sqlite3_prepare_v2(watch, "SELECT what, n FROM fuzz_changes", -1, &s,
					    NULL) != SQLITE_OK)
		die("reading the counters", sqlite3_errmsg(watch));
	struct counts c = { -1, -1 };
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(s, 0), "throttle") == 0)
			c.throttle = sqlite3_column_int64(s, 1);
		else
			c.reg = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (c.reg < 0 || c.throttle < 0)
		die("reading the counters", sqlite3_errmsg(watch));
	return c;
}

/*
 * The register as it is once built, kept in memory, and put back after every
 * input that changed it: each input then meets the same register (an
 * enrolment of a person is not refused because an input before enrolled
 * them, and a failing input fails again alone), sessions and throttle
 * included. The server's indexes are rebuilt from it, and its caches of
 * sessions forgotten.
 */
static sqlite3 *pristine;

static void register_keep(void)
{
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		die("opening a database in memory", NULL);
	sqlite3_backup *b = sqlite3_backup_init(pristine, "main", watch, "main");
	if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		die("keeping the register", sqlite3_errmsg(pristine));
	sqlite3_backup_finish(b);
}

static void register_restore(void)
{
	sqlite3_backup *b = sqlite3_backup_init(watch, "main", pristine, "main");
	if (b == NULL)
		die("putting the register back", sqlite3_errmsg(watch));
	int rc;
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		usleep(1000);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		die("putting the register back", sqlite3_errstr(rc));
	struct srv_job job = { .no_tx = true, .rebuild_index = true };
	snprintf(job.user, sizeof job.user, "fuzz");
	job.today = s40_day_from_ymd(FUZZ_TODAY_YMD);
	srv_write_wait(server, &job);
	srv_session_forget(NULL);
}

static void world_build(void)
{
	/* A person a body: {"id", names, birth date, sex, village}. */
	static const char *const persons[] = {
		"{\"id\": \"" ID_VOLUNTEER "\", \"title\": \"นาย\", \"first_th\": \"อาสา\", "
		"\"last_th\": \"ช่วยงาน\", \"birth_date\": \"1985-06-15\", \"sex\": \"M\", "
		"\"thai\": true, \"village\": 75030702}",
		"{\"id\": \"" ID_MEMBER "\", \"title\": \"นาย\", \"first_th\": \"สมชาย\", "
		"\"last_th\": \"ใจดี\", \"first_en\": \"Somchai\", \"last_en\": \"Jaidee\", "
		"\"birth_date\": \"1987-05-12\", \"sex\": \"M\", \"thai\": true, "
		"\"village\": 75030702, \"phone\": \"081-234-5678\"}",
		"{\"id\": \"" ID_MEMBER2 "\", \"first_th\": \"สมหญิง\", \"last_th\": \"ทดสอบ\", "
		"\"birth_date\": \"1988-02-02\", \"sex\": \"F\", \"thai\": true, "
		"\"village\": 75030505}",
		"{\"id\": \"" ID_NEVER "\", \"first_th\": \"สมศรี\", \"last_th\": \"ทดสอบ\", "
		"\"birth_date\": \"1990-03-03\", \"sex\": \"F\", \"thai\": true, "
		"\"village\": 75030702}",
		"{\"id\": \"" ID_ENDED "\", \"first_th\": \"สมปอง\", \"last_th\": \"ทดสอบ\", "
		"\"birth_date\": \"1979-04-04\", \"sex\": \"M\", \"thai\": true, "
		"\"village\": 75030505}",
		"{\"id\": \"" ID_EXCLUDED "\", \"first_th\": \"สมพร\", \"last_th\": \"ทดสอบ\", "
		"\"birth_date\": \"1982-05-05\", \"sex\": \"F\", \"thai\": true, "
		"\"village\": 75030702}",
		"{\"id\": \"" ID_BANGKOK "\", \"title\": \"นาง\", \"first_th\": \"มาลี\", "
		"\"last_th\": \"กรุงเทพ\", \"birth_date\": \"1980-03-01\", \"sex\": \"F\", "
		"\"thai\": true, \"village\": 10010100}",
	};
	for (size_t i = 0; i < sizeof persons / sizeof persons[0]; i++)
		world_call("POST", "/api/v1/persons", persons[i]);
	world_call("POST", "/api/v1/enrolments",
		   "{\"id\": \"" ID_MEMBER "\", \"option\": 1, \"date\": \"2025-06-01\", "
		   "\"channel\": \"volunteer\", \"recruited_by\": \"" ID_VOLUNTEER "\"}");
	world_call("POST", "/api/v1/enrolments",
		   "{\"id\": \"" ID_MEMBER2 "\", \"option\": 2, \"date\": \"2024-03-01\"}");
	world_call("POST", "/api/v1/memberships/" ID_MEMBER2 "/option",
		   "{\"option\": 3, \"date\": \"2025-02-10\"}");
	world_call("POST", "/api/v1/enrolments",
		   "{\"id\": \"" ID_ENDED "\", \"option\": 1, \"date\": \"2023-01-01\"}");
	world_call("POST", "/api/v1/memberships/" ID_ENDED "/end",
		   "{\"date\": \"2025-10-01\", \"reason\": \"resigned\"}");
	world_call("POST", "/api/v1/enrolments",
		   "{\"id\": \"" ID_EXCLUDED "\", \"option\": 1, \"date\": \"2024-01-01\"}");
	world_call("POST", "/api/v1/exclusions",
		   "{\"id\": \"" ID_EXCLUDED "\", \"kind\": \"s33\", \"start_date\": "
		   "\"2025-05-01\", \"source\": \"SSO s33 list\"}");
	world_call("POST", "/api/v1/enrolments",
		   "{\"id\": \"" ID_BANGKOK "\", \"option\": 1, \"date\": \"2025-12-01\"}");
	world_call("POST", "/api/v1/payments",
		   "{\"id\": \"" ID_MEMBER "\", \"months\": \"2025-06..2025-08\", \"amount\": "
		   "\"210\", \"date\": \"2025-06-05\", \"receipt\": \"AMP-1\"}");
	world_call("POST", "/api/v1/payments",
		   "{\"id\": \"" ID_MEMBER2
		   "\", \"months\": \"2025-12\", \"amount\": 300, \"date\": \"2025-12-05\", "
		   "\"channel\": \"counter\", \"receipt\": \"AMP-2\"}");
	world_call("POST", "/api/v1/surveys",
		   "{\"village\": 75030702, \"date\": \"2025-12-01\", \"residents\": ["
		   "{\"id\": \"" ID_VOLUNTEER "\", \"status\": \"uninsured\"}, "
		   "{\"id\": \"" ID_MEMBER "\", \"status\": \"member\"}, "
		   "{\"id\": \"" ID_NEVER "\", \"status\": \"ineligible\", \"reason\": "
		   "\"student\"}, {\"id\": \"" ID_EXCLUDED "\", \"status\": \"s33\"}]}");
	world_call("POST", "/api/v1/targets", "{\"fy\": 2569, \"area\": 75, \"target\": 60}");
	world_call("POST", "/api/v1/targets/allocate",
		   "{\"fy\": 2569, \"area\": 75, \"by\": \"hand\", \"set\": "
		   "{\"7501\": 10, \"7502\": 10, \"7503\": 40}}");
	world_call("POST", "/api/v1/targets", "{\"fy\": 2569, \"area\": 10, \"target\": 5}");
	world_call("POST", "/api/v1/users",
		   "{\"name\": \"officer75\", \"role\": \"officer\", \"area\": 75, "
		   "\"password\": \"officer75-secret\"}");
	world_call("POST", "/api/v1/users",
		   "{\"name\": \"officer10\", \"role\": \"officer\", \"area\": \"10\", "
		   "\"password\": \"officer10-secret\"}");
	world_call("POST", "/api/v1/users",
		   "{\"name\": \"volunteer\", \"role\": \"volunteer\", \"area\": 7503, "
		   "\"person\": \"" ID_VOLUNTEER "\", \"password\": \"volunteer-secret\"}");
	world_call("POST", "/api/v1/users",
		   "{\"name\": \"viewer\", \"role\": \"viewer\", \"password\": \"viewer-secret\"}");
}

void fuzz_api_init(void)
{
	/* Checking passwords at libsodium's interactive cost would take most of
	 * every login's time. */
	s40_user_set_hash_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	const char *parent = getenv("S40_FUZZ_DIR"), *tmp = getenv("TMPDIR");
	if (parent == NULL || parent[0] == '\0')
		parent = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && tmp[0] ? tmp : "/tmp";
	remove_stale(parent);
	snprintf(dir, sizeof dir, "%s/s40-fuzz-%ld-XXXXXX", parent, (long)getpid());
	if (mkdtemp(dir) == NULL)
		die("cannot make a folder for the database", dir);
	snprintf(db, sizeof db, "%s/fuzz.db", dir);
	atexit(remove_db);
	trace = getenv("S40_FUZZ_TRACE") != NULL;

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_reg reg;
	struct s40_user admin = { .role = S40_ROLE_ADMIN };
	snprintf(admin.name, sizeof admin.name, "admin");
	if (s40_store_open(db, true, &own, &ctx) != S40_OK)
		die("opening the database", s40_errmsg(&ctx, S40_LANG_EN));
	s40_reg_init(&reg, own, "fuzz", s40_day_from_ymd(FUZZ_TODAY_YMD));
	if (s40_areas_load(&reg, &ctx) != S40_OK ||
	    s40_user_add(&reg, &admin, "admin-secret", &ctx) != S40_OK)
		die("building the register", s40_errmsg(&ctx, S40_LANG_EN));
	/* The geography of Bangkok and Samut Songkhram only: a report of every
	 * village of the country takes seconds under the sanitizers, and would be
	 * most of what the fuzzer does. */
	if (sqlite3_open(db, &watch) != SQLITE_OK)
		die("opening the database", sqlite3_errmsg(watch));
	sqlite3_busy_timeout(watch, 10000);
	sql("DELETE FROM area WHERE NOT ((level = 1 AND code IN (10, 75)) OR (level = 2 AND "
	    "code / 100 IN (10, 75)) OR (level = 3 AND code / 10000 IN (10, 75)) OR "
	    "(level = 4 AND code / 1000000 IN (10, 75)))");
	sql("VACUUM"); /* a smaller file is put back faster (register_restore) */

	struct srv_config cfg;
	srv_config_defaults(&cfg);
	cfg.db = db;
	cfg.threads = 2;
	cfg.today = s40_day_from_ymd(FUZZ_TODAY_YMD);
	if (srv_open(&cfg, &server, &ctx) != S40_OK)
		die("starting the server", s40_errmsg(&ctx, S40_LANG_EN));
	sessions_open(1); /* the admin's, to build the rest */
	world_build();
	if (fuzz_world_network(&reg, 1234545678781, &ctx) != S40_OK)
		die("adding the network", s40_errmsg(&ctx, S40_LANG_EN));
	sessions_open(N_USERS);
	counters_install();

	/* The counters see a committed write, and not a refused one. */
	struct counts c0 = counts_now();
	world_call("POST", "/api/v1/targets", "{\"fy\": 2570, \"area\": 10, \"target\": 1}");
	struct counts c1 = counts_now();
	struct srv_resp r;
	const char *refused = "{\"fy\": 2570, \"area\": 10, \"target\": -1}";
	call(&users[0], "POST", "/api/v1/targets", refused, strlen(refused), &r);
	struct counts c2 = counts_now();
	if (c1.reg == c0.reg || c2.reg != c1.reg || r.status != 400)
		die("the change counters do not count", NULL);
	srv_resp_free(&r);
	register_keep();
}

void fuzz_api_check_routes(bool reads, const struct fuzz_route *list, size_t n,
			   const struct fuzz_route *skip, size_t n_skip)
{
	for (size_t t = 0; srv_route_tables[t] != NULL; t++)
		for (const struct srv_route *r = srv_route_tables[t]; r->method; r++) {
			if ((strcmp(r->method, "GET") == 0) != reads)
				continue;
			bool found = false;
			for (size_t i = 0; i < n + n_skip && !found; i++) {
				const struct fuzz_route *f = i < n ? &list[i] : &skip[i - n];
				found = strcmp(f->method, r->method) == 0 &&
					strcmp(f->pattern, r->pattern) == 0;
			}
			if (!found) {
				fprintf(stderr,
					"fuzz-api: the route %s %s is not fuzzed: add it to the "
					"end of the list of routes of fuzz/api_%s.c, or to its "
					"routes left out, saying why\n",
					r->method, r->pattern, reads ? "read" : "write");
				exit(2);
			}
		}
}

/* ---- one input ---- */

struct fuzz_case {
	const struct fuzz_route *route;
	const struct fuzz_user *user;
	char *target;
	const uint8_t *body;
	size_t body_len;
	bool body_is_query;
};

/* Print s (n bytes) with bytes that are not printable ASCII or UTF-8 escaped. */
static void print_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n && i < 4000; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			fputs("\\\\", stderr);
		else if (c >= 0x20 && c != 0x7f)
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	if (n > 4000)
		fputs("…", stderr);
	fputc('\n', stderr);
}

static void fail(const struct fuzz_case *c, const struct srv_resp *r, const char *why)
{
	remove_db();
	fprintf(stderr, "\nfuzz-api: %s\n  request: %s %s as %s\n  body: ", why, c->route->method,
		c->target, c->user->name ? c->user->name : "nobody");
	print_bytes((const char *)c->body, c->body_is_query ? 0 : c->body_len);
	fprintf(stderr, "  answer: %u %s\n  ", r->status, r->type ? r->type : "(no type)");
	print_bytes(r->body ? r->body : "", r->len);
	abort();
}

/* Whether s holds a Thai letter (U+0E00–U+0E7F: E0 B8 xx or E0 B9 xx). */
static bool has_thai(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)s[0] == 0xE0 &&
		    ((unsigned char)s[1] == 0xB8 || (unsigned char)s[1] == 0xB9))
			return true;
	return false;
}

static bool has_latin(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return true;
	return false;
}

/* The checks of a refusal's problem document. */
static void check_problem(const struct fuzz_case *c, const struct srv_resp *r)
{
	if (r->type == NULL || strcmp(r->type, "application/problem+json; charset=utf-8") != 0)
		fail(c, r, "a refusal that is not application/problem+json");
	json_error_t err;
	json_t *p = json_loadb(r->body, r->len, 0, &err);
	if (!json_is_object(p))
		fail(c, r, "a refusal whose body is not a JSON object");
	json_t *number = json_object_get(p, "code_number");
	const char *code = json_string_value(json_object_get(p, "code"));
	const char *type = json_string_value(json_object_get(p, "type"));
	const char *title = json_string_value(json_object_get(p, "title"));
	const char *th = json_string_value(json_object_get(p, "message_th"));
	const char *en = json_string_value(json_object_get(p, "message_en"));
	json_t *field = json_object_get(p, "field");
	if (!json_is_integer(number) || code == NULL || type == NULL || title == NULL ||
	    th == NULL || en == NULL ||
	    (field != NULL && !json_is_string(field) && !json_is_null(field)))
		fail(c, r, "a problem without its code, type, title, messages or field");
	enum s40_err e = (enum s40_err)json_integer_value(number);
	char want_type[96];
	snprintf(want_type, sizeof want_type, "urn:s40:problem:%s", code);
	if (strcmp(code, s40_errname(e)) != 0 || strcmp(code, "unknown") == 0)
		fail(c, r, "a problem whose code is not the name of its code_number");
	if ((json_int_t)r->status != json_integer_value(json_object_get(p, "status")) ||
	    s40_err_http_status(e) != (int)r->status)
		fail(c, r, "a problem whose status is not its answer's or its code's");
	if (strcmp(type, want_type) != 0 || strcmp(title, s40_strerror(e, S40_LANG_TH)) != 0)
		fail(c, r, "a problem whose type or title is not its code's");
	if (!has_thai(th))
		fail(c, r, "a problem whose message_th holds no Thai");
	if (!has_latin(en))
		fail(c, r, "a problem whose message_en holds no English");
	json_decref(p);
}

/* The village a person of the register lives in now (a write may have moved
 * them); 0 when not registered. */
static int32_t village_of(const char *id)
{
	static sqlite3_stmt *s;
	if (s == NULL && sqlite3_prepare_v2(watch, "SELECT village FROM person WHERE id = ?", -1,
					    &s, NULL) != SQLITE_OK)
		die("reading a person", sqlite3_errmsg(watch));
	sqlite3_bind_int64(s, 1, strtoll(id, NULL, 10));
	int32_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	return v;
}

/* Whether the n bytes at s hold the string word. */
static bool bytes_hold(const uint8_t *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(s + i, word, w) == 0)
			return true;
	return false;
}

/* Whether route is open to anyone (the same answer for everyone). */
static bool route_public(const struct fuzz_route *route)
{
	for (size_t t = 0; srv_route_tables[t] != NULL; t++)
		for (const struct srv_route *r = srv_route_tables[t]; r->method; r++)
			if (strcmp(r->method, route->method) == 0 &&
			    strcmp(r->pattern, route->pattern) == 0)
				return r->roles == SRV_PUBLIC;
	return false;
}

/* A 2xx answer names no person out of its user's sight (see the top). The
 * public routes (the OpenAPI document's examples) say the same to everyone. */
static void check_sight(const struct fuzz_case *c, const struct srv_resp *r)
{
	const struct fuzz_user *u = c->user;
	if (u->name == NULL || u->role == S40_ROLE_ADMIN || r->len == 0 || route_public(c->route))
		return;
	for (size_t i = 0; i < sizeof world_ids / sizeof world_ids[0]; i++) {
		const char *id = world_ids[i];
		if (strstr(r->body, id) == NULL || strstr(c->target, id) != NULL ||
		    (u->person != NULL && strcmp(u->person, id) == 0))
			continue;
		if (!c->body_is_query && bytes_hold(c->body, c->body_len, id))
			continue;
		int32_t v = village_of(id);
		if (v == 0)
			continue;
		if (u->role == S40_ROLE_VIEWER || (u->area != 0 && !s40_area_contains(u->area, v)))
			fail(c, r, "an answer names a person out of the user's sight");
	}
}

static void check_answer(const struct fuzz_case *c, const struct srv_resp *r, struct counts before,
			 struct counts after)
{
	if (r->status >= 500)
		fail(c, r, "a 5xx answer");
	if (r->status < 200 || r->status >= 600)
		fail(c, r, "an answer that is not a status");
	if (r->status >= 300) {
		check_problem(c, r);
		/* A failed login, or a wrong current password, is counted. */
		bool counted = strcmp(c->route->pattern, "/api/v1/auth/login") == 0 ||
			       strcmp(c->route->pattern, "/api/v1/users/{name}/password") == 0;
		if (after.reg != before.reg || (!counted && after.throttle != before.throttle))
			fail(c, r, "a refused request changed the database");
		return;
	}
	if (r->status == 204 && r->len != 0)
		fail(c, r, "a 204 answer with a body");
	if (r->type != NULL && strncmp(r->type, "application/json", 16) == 0) {
		json_t *v = json_loadb(r->body, r->len, 0, NULL);
		if (v == NULL)
			fail(c, r, "a JSON answer that is not JSON");
		json_decref(v);
	}
	check_sight(c, r);
}

/* The path of route with each {…} replaced by a value of its list, the
 * choice-th (the k-th parameter of a path takes choice / 7^k). */
static char *path_of(const struct fuzz_route *route, unsigned choice)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (m == NULL)
		die("out of memory", NULL);
	for (const char *p = route->pattern; *p;) {
		if (*p != '{') {
			fputc(*p++, m);
			continue;
		}
		size_t n = strcspn(p + 1, "}");
		const char *v = "x";
		for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
			if (strlen(params[i].name) == n && strncmp(params[i].name, p + 1, n) == 0)
				v = params[i].v[choice % params[i].n];
		fputs(v, m);
		choice /= 7;
		p += n + (p[n + 1] == '}' ? 2 : 1);
	}
	fclose(m);
	return out;
}

/* target + "?" + the query's bytes, those a request line cannot carry
 * (NUL, CR, LF, space) %-encoded. */
static char *with_query(char *path, const uint8_t *q, size_t n)
{
	if (n == 0)
		return path;
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (m == NULL)
		die("out of memory", NULL);
	fprintf(m, "%s?", path);
	for (size_t i = 0; i < n; i++) {
		if (q[i] == 0 || q[i] == '\r' || q[i] == '\n' || q[i] == ' ')
			fprintf(m, "%%%02X", q[i]);
		else
			fputc(q[i], m);
	}
	fclose(m);
	free(path);
	return out;
}

void fuzz_api_one(const struct fuzz_route *list, size_t n, bool body_is_query, const uint8_t *data,
		  size_t size)
{
	if (size < 3)
		return;
	struct fuzz_case c = {
		.route = &list[data[0] % n],
		.user = &users[data[1] % N_USERS],
		.body = data + 3,
		.body_len = size - 3,
		.body_is_query = body_is_query,
	};
	c.target = path_of(c.route, data[2]);
	if (body_is_query)
		c.target = with_query(c.target, c.body, c.body_len);
	struct counts before = counts_now();
	struct srv_resp r;
	call(c.user, c.route->method, c.target, body_is_query ? NULL : c.body,
	     body_is_query ? 0 : c.body_len, &r);
	struct counts after = counts_now();
	if (trace)
		fprintf(stderr, "fuzz-api: %u %s %s as %s %s\n", r.status, c.route->method,
			c.target, c.user->name ? c.user->name : "nobody",
			r.status >= 300 ? r.body : "");
	check_answer(&c, &r, before, after);
	if (after.reg != before.reg || after.throttle != before.throttle)
		register_restore();
	srv_resp_free(&r);
	free(c.target);
}
