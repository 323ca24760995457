/*
 * testdb.c — a fresh database per unit test (testdb.h): the loaded geography
 * is built once per program into a template, a SQLite file or a PostgreSQL
 * database, and copied for each test.
 */
#include "testdb.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/embed.h"
#include "core/natid.h"
#include "registry/areas.h"

/* ---- SQLite files ---- */

int testdb_tempfile(char *path, size_t n)
{
	if (snprintf(path, n, "/tmp/s40-test-XXXXXX") >= (int)n)
		return -1;
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

void testdb_remove(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[TESTDB_URI_MAX + 16];
		if (snprintf(p, sizeof p, "%s%s", path, suffix[i]) < (int)sizeof p)
			unlink(p);
	}
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int rc = in && out ? 0 : -1;
	char buf[1 << 16];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in && ferror(in))
		rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

/* ---- PostgreSQL databases on the cluster of S40_TEST_PG ---- */

const char *testdb_pg_base(void)
{
	const char *base = getenv("S40_TEST_PG");
	return base && base[0] ? base : NULL;
}

int testdb_pg_uri(const char *name, char *uri, size_t n)
{
	const char *base = testdb_pg_base();
	int len;
	if (base == NULL)
		return -1;
	const char *scheme = strstr(base, "://");
	if (scheme == NULL) {
		/* key=value: a later dbname wins. */
		len = snprintf(uri, n, "%s dbname=%s", base, name);
	} else {
		/* scheme://[authority][/dbname][?query]: replace the dbname. */
		const char *auth = scheme + 3;
		const char *end = auth + strcspn(auth, "/?#");
		const char *query = strchr(auth, '?');
		len = snprintf(uri, n, "%.*s/%s%s", (int)(end - base), base, name,
			       query ? query : "");
	}
	return len > 0 && (size_t)len < n ? 0 : -1;
}

/* A number of this process's own, so that names never meet a database a
 * crashed program left on the cluster under the same process ID. */
static unsigned process_random(void)
{
	static unsigned r;
	static pid_t r_pid;
	if (r_pid != getpid()) {
		r_pid = getpid();
		r = 0;
		int fd = open("/dev/urandom", O_RDONLY);
		if (fd >= 0) {
			if (read(fd, &r, sizeof r) != (ssize_t)sizeof r)
				r = 0;
			close(fd);
		}
		if (r == 0)
			r = (unsigned)time(NULL) ^ ((unsigned)r_pid << 16);
	}
	return r % 1000000u;
}

void testdb_pg_name(const char *prefix, char *name, size_t n)
{
	static unsigned counter;
	snprintf(name, n, "s40_%s_%ld_%06u_%u", prefix, (long)getpid(), process_random(),
		 ++counter);
}

static void pg_notice_ignore(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A connection to database name (NULL: the maintenance database), notices
 * silenced; NULL with the reason on stderr. */
static PGconn *pg_connect(const char *name)
{
	char uri[TESTDB_URI_MAX];
	const char *base = testdb_pg_base();
	if (base == NULL) {
		fprintf(stderr, "testdb: S40_TEST_PG is not set\n");
		return NULL;
	}
	if (name && testdb_pg_uri(name, uri, sizeof uri)) {
		fprintf(stderr, "testdb: S40_TEST_PG is too long\n");
		return NULL;
	}
	PGconn *c = PQconnectdb(name ? uri : base);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "testdb: cannot connect to %s: %s", name ? uri : base,
			PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, pg_notice_ignore, NULL);
	return c;
}

/* The maintenance connection that creates and drops the tests' databases,
 * one per process (a forked child makes its own, leaving its parent's alone). */
static PGconn *maint;
static pid_t maint_pid;

static void maint_close(void)
{
	if (maint && maint_pid == getpid())
		PQfinish(maint);
	maint = NULL;
}

static PGconn *maint_conn(void)
{
	if (maint && maint_pid == getpid() && PQstatus(maint) == CONNECTION_OK)
		return maint;
	maint_close();
	maint = pg_connect(NULL);
	maint_pid = getpid();
	return maint;
}

/* Run sql on c; 0 on success, else -1 with the message in err. */
static int pg_run(PGconn *c, const char *sql, char *err, size_t n)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;
	if (err && n) {
		err[0] = '\0';
		if (rc)
			snprintf(err, n, "%s", PQresultErrorMessage(r));
	}
	PQclear(r);
	return rc;
}

int testdb_pg_exec(const char *name, const char *sql, char *err, size_t n)
{
	PGconn *c = pg_connect(name);
	if (c == NULL) {
		snprintf(err, n, "no connection");
		return -1;
	}
	int rc = pg_run(c, sql, err, n);
	PQfinish(c);
	return rc;
}

int testdb_pg_create(const char *name, const char *template_name)
{
	PGconn *c = maint_conn();
	if (c == NULL)
		return -1;
	char sql[256], err[512];
	/* FILE_COPY copies the template's files: for a database of some MB it
	 * takes half the time of PostgreSQL 15's default, which writes every
	 * page into the WAL. */
	if (template_name)
		snprintf(sql, sizeof sql,
			 "CREATE DATABASE \"%s\" TEMPLATE \"%s\" STRATEGY FILE_COPY", name,
			 template_name);
	else
		snprintf(sql, sizeof sql, "CREATE DATABASE \"%s\"", name);
	if (pg_run(c, sql, err, sizeof err) == 0)
		return 0;
	fprintf(stderr, "testdb: %s: %s", sql, err);
	return -1;
}

void testdb_pg_drop(const char *name)
{
	PGconn *c = maint_conn();
	if (c == NULL || name == NULL || name[0] == '\0')
		return;
	char sql[160], err[512];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", name);
	if (pg_run(c, sql, err, sizeof err))
		fprintf(stderr, "testdb: %s: %s", sql, err);
}

/* ---- the templates ---- */

/*
 * SQLite's is a file made once per program and removed at exit.
 *
 * PostgreSQL's is made once per cluster and left there for every program
 * after (tests/pg.sh removes the cluster at the end): loading the geography
 * row by row takes PostgreSQL some seconds, which each of the twenty-odd
 * programs, run twice in a build's tests, would otherwise spend again. Its
 * name holds a hash of every file built into the program (the migrations,
 * the geography), so a program whose schema or data differ makes its own.
 * The first program builds it under a name of its own, holding an advisory
 * lock that the others wait on, and then renames it: a template is either
 * there whole or not there. It takes no connections, so that a session on it
 * can never stop a copy.
 */
static struct {
	char uri[TESTDB_URI_MAX]; /* "" until made */
	char pg_name[64];
	pid_t pid; /* the process that made it, the one to remove it (SQLite) */
	bool failed; /* tried and failed: every setup fails at once */
} tpl[2]; /* [0] SQLite, [1] PostgreSQL */

#define TESTDB_TEMPLATE_LOCK 0x53343054 /* "S40T", an advisory lock key */

static void template_remove(void)
{
	if (tpl[0].uri[0] && tpl[0].pid == getpid())
		testdb_remove(tpl[0].uri);
	maint_close();
}

/* Build the template at uri: open with create, load the areas, close (which
 * checkpoints SQLite's WAL into the file, or ends PostgreSQL's session). */
static int template_build(const char *uri)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_store *st;
	enum s40_err rc = s40_store_open(uri, true, &st, &ctx);
	if (rc == S40_OK) {
		struct s40_reg reg;
		s40_reg_init(&reg, st, "tester", s40_day_from_ymd(2026, 1, 1));
		reg.now = TESTDB_NOW;
		rc = s40_areas_load(&reg, &ctx);
		s40_store_close(st);
	}
	if (rc != S40_OK) {
		fprintf(stderr, "testdb: template %s: %s\n", uri, s40_errmsg(&ctx, S40_LANG_EN));
		return -1;
	}
	return 0;
}

/* FNV-1a of every embedded file's name and bytes. */
static uint64_t embedded_hash(void)
{
	uint64_t h = 14695981039346656037u;
	for (const struct s40_embed *e = s40_embedded; e->name; e++) {
		for (const char *p = e->name; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211u;
		h = (h ^ 0xff) * 1099511628211u;
		for (size_t i = 0; i < e->len; i++)
			h = (h ^ e->data[i]) * 1099511628211u;
	}
	return h;
}

/* Whether database name exists: 1, 0, or -1 when that cannot be asked. */
static int pg_exists(PGconn *c, const char *name)
{
	const char *vals[1] = { name };
	PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL, vals,
				   NULL, NULL, 0);
	int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) > 0 : -1;
	PQclear(r);
	return rc;
}

/* Build PostgreSQL's template into a database of its own name, and publish it
 * as tpl[1].pg_name; called holding TESTDB_TEMPLATE_LOCK. */
static int pg_template_publish(PGconn *c)
{
	char building[64], uri[TESTDB_URI_MAX], sql[256], err[512];
	testdb_pg_name("tplb", building, sizeof building);
	if (testdb_pg_uri(building, uri, sizeof uri) || template_build(uri))
		goto failed;
	/* The store's session may still be ending: RENAME does not wait for it. */
	snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" RENAME TO \"%s\"", building,
		 tpl[1].pg_name);
	for (int attempt = 0; pg_run(c, sql, err, sizeof err); attempt++) {
		if (strstr(err, "being accessed by other users") == NULL || attempt == 100) {
			fprintf(stderr, "testdb: %s: %s", sql, err);
			goto failed;
		}
		usleep(50 * 1000);
	}
	snprintf(sql, sizeof sql, "ALTER DATABASE \"%s\" WITH ALLOW_CONNECTIONS false",
		 tpl[1].pg_name);
	if (pg_run(c, sql, err, sizeof err) == 0)
		return 0;
	fprintf(stderr, "testdb: %s: %s", sql, err);
	testdb_pg_drop(tpl[1].pg_name);
failed:
	testdb_pg_drop(building);
	return -1;
}

static int pg_template_make(void)
{
	PGconn *c = maint_conn();
	if (c == NULL)
		return -1;
	snprintf(tpl[1].pg_name, sizeof tpl[1].pg_name, "s40_tpl_%016llx",
		 (unsigned long long)embedded_hash());
	if (testdb_pg_uri(tpl[1].pg_name, tpl[1].uri, sizeof tpl[1].uri))
		return -1;
	char sql[128], err[512];
	snprintf(sql, sizeof sql, "SELECT pg_advisory_lock(%d)", TESTDB_TEMPLATE_LOCK);
	if (pg_run(c, sql, err, sizeof err)) {
		fprintf(stderr, "testdb: %s: %s", sql, err);
		return -1;
	}
	int rc = pg_exists(c, tpl[1].pg_name);
	if (rc == 0)
		rc = pg_template_publish(c) ? -1 : 1;
	snprintf(sql, sizeof sql, "SELECT pg_advisory_unlock(%d)", TESTDB_TEMPLATE_LOCK);
	pg_run(c, sql, err, sizeof err);
	return rc > 0 ? 0 : -1;
}

/* Make engine pg's template once. A template that could not be made is
 * removed, so that every test's setup fails rather than use it. */
static int template_make(int pg)
{
	static int registered;
	if (tpl[pg].uri[0])
		return 0;
	if (tpl[pg].failed)
		return -1;
	if (!registered++)
		atexit(template_remove);
	tpl[pg].pid = getpid();
	int rc;
	if (pg)
		rc = pg_template_make();
	else if ((rc = testdb_tempfile(tpl[0].uri, sizeof tpl[0].uri)) == 0 &&
		 (rc = template_build(tpl[0].uri)) != 0)
		testdb_remove(tpl[0].uri);
	if (rc) {
		tpl[pg].uri[0] = tpl[pg].pg_name[0] = '\0';
		tpl[pg].failed = true;
	}
	return rc;
}

/* Make t's database as a copy of the template of its engine. */
static int copy_template(struct testdb *t, int pg)
{
	if (template_make(pg))
		return -1;
	if (!pg)
		return testdb_tempfile(t->uri, sizeof t->uri) || copy_file(tpl[0].uri, t->uri);
	testdb_pg_name("t", t->pg_name, sizeof t->pg_name);
	if (testdb_pg_uri(t->pg_name, t->uri, sizeof t->uri) ||
	    testdb_pg_create(t->pg_name, tpl[1].pg_name)) {
		t->pg_name[0] = '\0';
		return -1;
	}
	return 0;
}

static void remove_db(struct testdb *t)
{
	if (testdb_is_pg(t))
		testdb_pg_drop(t->pg_name);
	else if (t->uri[0])
		testdb_remove(t->uri);
}

static int setup(void **state, int pg)
{
	struct testdb *t = calloc(1, sizeof *t);
	if (t == NULL)
		return -1;
	if (copy_template(t, pg)) {
		remove_db(t);
		free(t);
		return -1;
	}
	s40_ctx_clear(&t->ctx);
	if (s40_store_open(t->uri, false, &t->st, &t->ctx) != S40_OK) {
		fprintf(stderr, "testdb: open %s: %s\n", t->uri, s40_errmsg(&t->ctx, S40_LANG_EN));
		remove_db(t);
		free(t);
		return -1;
	}
	s40_reg_init(&t->reg, t->st, "tester", s40_day_from_ymd(2026, 1, 1));
	t->reg.now = TESTDB_NOW;
	*state = t;
	return 0;
}

int testdb_setup(void **state)
{
	return setup(state, testdb_pg_base() != NULL);
}

int testdb_setup_sqlite(void **state)
{
	return setup(state, 0);
}

int testdb_teardown(void **state)
{
	struct testdb *t = *state;
	if (t == NULL)
		return 0;
	s40_store_close(t->st);
	remove_db(t);
	free(t);
	*state = NULL;
	return 0;
}

int testdb_exec(const struct testdb *t, const char *sql, char *err, size_t n)
{
	if (testdb_is_pg(t))
		return testdb_pg_exec(t->pg_name, sql, err, n);
	sqlite3 *db;
	int rc = sqlite3_open_v2(t->uri, &db, SQLITE_OPEN_READWRITE, NULL);
	char *msg = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	snprintf(err, n, "%s", msg ? msg : rc == SQLITE_OK ? "" : sqlite3_errmsg(db));
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

/* ---- the register ---- */

int64_t testdb_natid(int64_t d12)
{
	char d[16];
	snprintf(d, sizeof d, "%012lld", (long long)d12);
	return d12 * 10 + s40_natid_check_digit(d);
}

int64_t testdb_journal_last(struct s40_store *st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, &ctx);
	assert_non_null(s);
	int rc = s40_stmt_step(s, &ctx);
	int64_t seq = rc == S40_ROW ? s40_col_int64(s, 0) : 0;
	assert_true(rc == S40_ROW || rc == S40_OK);
	s40_stmt_reset(s);
	return seq;
}

int64_t testdb_n_spells(struct s40_store *st, int64_t person)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s =
		s40_store_stmt(st, person ? S40_Q_SPELL_OF_PERSON : S40_Q_SPELL_ALL, &ctx);
	assert_non_null(s);
	if (person)
		s40_stmt_int64(s, 1, person);
	int64_t n = 0;
	int rc;
	while ((rc = s40_stmt_step(s, &ctx)) == S40_ROW)
		n++;
	assert_int_equal(rc, S40_OK);
	return n;
}

void testdb_person(struct s40_person *p, int64_t id, const char *first_th, const char *last_th,
		   int32_t birth_day, int32_t village)
{
	s40_person_clear(p);
	p->id = id;
	snprintf(p->first_th, sizeof p->first_th, "%s", first_th);
	snprintf(p->last_th, sizeof p->last_th, "%s", last_th);
	p->birth_day = birth_day;
	p->thai = 1;
	p->village = village;
}

void testdb_add_person(struct testdb *t, int64_t id, const char *first_th, const char *last_th,
		       int32_t birth_day, int32_t village)
{
	struct s40_person p;
	testdb_person(&p, id, first_th, last_th, birth_day, village);
	int changed = -1;
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 1);
}

void testdb_ok_at(enum s40_err rc, const struct s40_ctx *ctx, const char *file, int line)
{
	if (rc == S40_OK)
		return;
	print_error("expected S40_OK, got %d (%s): %s\n", (int)rc, s40_errname(rc),
		    ctx ? s40_errmsg(ctx, S40_LANG_EN) : "");
	_fail(file, line);
}
