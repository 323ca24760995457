/*
 * pg.c — the PostgreSQL engine behind store.h, on libpq.
 *
 * One connection per store. Every named query (pg_sql.h) is prepared once per
 * connection, the first time it is asked for, and run with PQexecPrepared:
 * parameters go as text (integers in decimal) or binary (bytea), results come
 * back as text. The numbered migrations in lib/store/migrations/pg are applied
 * at open, under an advisory lock so that processes opening one new database
 * at once do not race.
 *
 * The guarantees are SQLite's (sqlite.c), kept the same way:
 *   - One writer at a time. s40_store_begin takes a transaction-scoped advisory
 *     lock (PG_WRITER_LOCK) as SQLite's BEGIN IMMEDIATE takes the file's write
 *     lock, so the registry's checks and the journal's "read the head, append
 *     the next entry" run alone and the hash chain stays one line however many
 *     processes write (docs/DECISIONS.md). Waiting for it is bounded by
 *     lock_timeout (PG_LOCK_TIMEOUT, SQLite's busy timeout), then S40_E_DB_BUSY.
 *   - Durable commits: synchronous_commit is set on for the session, whatever
 *     the server's default.
 *   - Savepoints for nested work, foreign keys and CHECKs in the schema, and
 *     the one-open-spell rule as a partial unique index (spell_one_open).
 * PostgreSQL aborts a transaction at its first error where SQLite only fails
 * the statement; the registry already undoes a failed step with a savepoint or
 * a rollback, so nothing here depends on the difference.
 *
 * This file holds the connection: opening it (and creating the database),
 * migrations, errors, transactions and savepoints, the data version and key
 * sync; pg_stmt.c holds the statements, their streams (large reads, one row
 * at a time) and the pipeline (bulk writes);
 * pg_int.h what the two share.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "pg_int.h"

#define MIGRATION_PREFIX "migrations/pg/"
/* Advisory lock key: "S40M" migrations ("S40W", the writer's, in pg_int.h). */
#define PG_MIGRATE_LOCK 0x5334304d
#define PG_LOCK_TIMEOUT "10s"

/* ---- errors ---- */

/* First line of a libpq message, without its trailing newline. */
static void first_line(const char *msg, char *out, size_t n)
{
	if (msg == NULL)
		msg = "";
	size_t k = strcspn(msg, "\n");
	if (k >= n)
		k = n - 1;
	memcpy(out, msg, k);
	out[k] = '\0';
}

/* Our code for a SQLSTATE (NULL: no server answer, the connection failed). */
static enum s40_err pg_code(const char *state)
{
	if (state == NULL) /* no answer from the server: the connection failed */
		return S40_E_DB_UNAVAILABLE;
	if (strncmp(state, "23", 2) == 0) /* integrity constraint violation */
		return S40_E_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0) /* serialization, deadlock, lock timeout */
		return S40_E_DB_BUSY;
	if (strcmp(state, "53200") == 0) /* out of memory */
		return S40_E_NOMEM;
	if (strcmp(state, "25006") == 0) /* read-only transaction: a standby */
		return S40_E_READ_ONLY;
	if (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0)
		return S40_E_DB_UNAVAILABLE; /* shutting down, starting, connection failed */
	return S40_E_DB;
}

/* Put the error of res (or of the connection when res has none) on ctx. */
enum s40_err pg_error(struct s40_store *st, const PGresult *res, struct s40_ctx *ctx)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[400];
	if (msg == NULL || msg[0] == '\0')
		msg = PQerrorMessage(st->conn);
	first_line(msg, line, sizeof line);
	/* No SQLSTATE: the server gave no answer (pg_code), which libpq may report
	 * before it marks the connection bad. */
	if (PQstatus(st->conn) == CONNECTION_BAD || (res != NULL && state == NULL))
		return s40_errorf(ctx, S40_E_DB_UNAVAILABLE, "db", "ขาดการเชื่อมต่อกับ PostgreSQL: %s",
				  "the connection to PostgreSQL was lost: %s", line);
	if (line[0] == '\0')
		snprintf(line, sizeof line, "%s", state ? state : "?");
	/* 25P02: the transaction was aborted by an earlier failure; when that was
	 * a pipelined write, report it rather than its consequence. */
	if (state && strcmp(state, "25P02") == 0 && st->pipe_err != S40_OK) {
		if (ctx)
			*ctx = st->pipe_ctx;
		return st->pipe_err;
	}
	return s40_errorf(ctx, pg_code(state), NULL, "ฐานข้อมูล: %s", "database: %s", line);
}

/* Run sql (one or more statements, no parameters); S40_OK when each succeeded. */
enum s40_err pg_exec(struct s40_store *st, const char *sql, struct s40_ctx *ctx)
{
	PGresult *r = PQexec(st->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	enum s40_err rc = S40_OK;
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		rc = pg_error(st, r, ctx);
	PQclear(r);
	return rc;
}

/* ---- migrations ---- */

/* The version written in meta, 0 for a database with no schema yet. */
static enum s40_err pg_read_version(struct s40_store *st, int *version, struct s40_ctx *ctx)
{
	*version = 0;
	PGresult *r = PQexec(st->conn, "SELECT to_regclass('meta') IS NOT NULL");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		enum s40_err rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	bool has_meta = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!has_meta)
		return S40_OK;
	r = PQexec(st->conn, "SELECT value FROM meta WHERE key = 'schema_version'");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		enum s40_err rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	if (PQntuples(r) == 1)
		*version = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return S40_OK;
}

/* Apply migration n (sql) and record n as the version, in one transaction. */
static enum s40_err pg_apply(struct s40_store *st, const char *sql, int n, struct s40_ctx *ctx)
{
	char set[160];
	snprintf(set, sizeof set,
		 "INSERT INTO meta(key, value) VALUES ('schema_version', '%d') "
		 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		 n);
	enum s40_err rc;
	if ((rc = pg_exec(st, "BEGIN", ctx)) || (rc = pg_exec(st, sql, ctx)) ||
	    (rc = pg_exec(st, set, ctx)) || (rc = pg_exec(st, "COMMIT", ctx))) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		return rc;
	}
	return S40_OK;
}

/* Apply every embedded migration numbered above the database's version. */
static enum s40_err pg_migrate_locked(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_read_version(st, &st->version, ctx);
	if (rc)
		return rc;
	int from = st->version;
	rc = s40_store_migrate(st, MIGRATION_PREFIX, &st->version, pg_apply, ctx);
	/* The digests of the rows already there, once, by the open that brings
	 * the database to version 8 (sqlite_digest.c says why only then). */
	return rc || from >= 8 ? rc : pgd_seed(st, ctx);
}

static enum s40_err pg_migrate(struct s40_store *st, struct s40_ctx *ctx)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT pg_advisory_lock(%d)", PG_MIGRATE_LOCK);
	enum s40_err rc = pg_exec(st, sql, ctx);
	if (rc)
		return rc;
	rc = pg_migrate_locked(st, ctx);
	snprintf(sql, sizeof sql, "SELECT pg_advisory_unlock(%d)", PG_MIGRATE_LOCK);
	PQclear(PQexec(st->conn, sql));
	return rc;
}

/* ---- open and close ---- */

/* libpq prints notices (NOTICE, WARNING) on stderr by default; s40 reports
 * errors itself and has nothing to say about notices. */
static void pg_notice_ignore(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void pg_close(struct s40_store *st)
{
	if (st == NULL)
		return;
	pg_stmts_free(st);
	if (st->conn)
		PQfinish(st->conn);
	free(st);
}

/* The database name that conninfo names (libpq's default: the user's name). */
static void conninfo_dbname(const char *uri, char *out, size_t n)
{
	out[0] = '\0';
	PQconninfoOption *o = PQconninfoParse(uri, NULL);
	if (o == NULL)
		return;
	const char *db = NULL, *user = NULL;
	for (PQconninfoOption *p = o; p->keyword; p++) {
		if (strcmp(p->keyword, "dbname") == 0)
			db = p->val;
		else if (strcmp(p->keyword, "user") == 0)
			user = p->val;
	}
	snprintf(out, n, "%s", db && db[0] ? db : user ? user : "");
	PQconninfoFree(o);
}

/* Connect to uri, or to its server's maintenance database "postgres" when
 * maintenance; NULL only when out of memory (else check PQstatus). */
static PGconn *pg_connect(const char *uri, bool maintenance)
{
	const char *keys[] = { "dbname", "fallback_application_name", "dbname", NULL };
	const char *vals[] = { uri, "s40", "postgres", NULL };
	if (!maintenance)
		keys[2] = vals[2] = NULL;
	return PQconnectdbParams(keys, vals, 1);
}

/* Where the connection went, for messages: never the password of the URI. */
static void pg_where(PGconn *c, const char *dbname, char *out, size_t n)
{
	const char *host = c ? PQhost(c) : NULL;
	const char *port = c ? PQport(c) : NULL;
	snprintf(out, n, "%s%s%s/%s", host && host[0] ? host : "localhost",
		 port && port[0] ? ":" : "", port ? port : "", dbname);
}

/*
 * Whether the database named by uri exists on its server, asked of the
 * server's maintenance database: 1 yes, 0 no, -1 when that cannot be asked
 * either (the server is not there, the login is refused).
 */
static int pg_database_exists(const char *uri, const char *dbname)
{
	PGconn *c = pg_connect(uri, true);
	int rc = -1;
	if (c != NULL && PQstatus(c) == CONNECTION_OK) {
		const char *vals[1] = { dbname };
		PGresult *r = PQexecParams(c, "SELECT 1 FROM pg_database WHERE datname = $1", 1,
					   NULL, vals, NULL, NULL, 0);
		if (PQresultStatus(r) == PGRES_TUPLES_OK)
			rc = PQntuples(r) > 0;
		PQclear(r);
	}
	PQfinish(c);
	return rc;
}

/* The database named by uri does not exist: create it on its server. */
static enum s40_err pg_create_database(const char *uri, const char *dbname, struct s40_ctx *ctx)
{
	PGconn *c = pg_connect(uri, true);
	if (c == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	char line[400], where[300];
	if (PQstatus(c) != CONNECTION_OK) {
		first_line(PQerrorMessage(c), line, sizeof line);
		pg_where(c, "postgres", where, sizeof where);
		PQfinish(c);
		return s40_errorf(ctx, S40_E_DB, "db", "สร้างฐานข้อมูล %s ไม่ได้: %s",
				  "cannot create the database %s: %s", dbname, line);
	}
	PQsetNoticeProcessor(c, pg_notice_ignore, NULL);
	char *ident = PQescapeIdentifier(c, dbname, strlen(dbname));
	enum s40_err rc = S40_OK;
	if (ident == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	} else {
		size_t n = strlen(ident) + 32;
		char *sql = malloc(n);
		if (sql == NULL) {
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		} else {
			snprintf(sql, n, "CREATE DATABASE %s", ident);
			PGresult *r = PQexec(c, sql);
			const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
			/* 42P04, or 23505 when both inserted into pg_database at once:
			 * another process created it meanwhile, as wanted. */
			if (PQresultStatus(r) != PGRES_COMMAND_OK &&
			    !(state &&
			      (strcmp(state, "42P04") == 0 || strcmp(state, "23505") == 0))) {
				const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
				first_line(m ? m : PQerrorMessage(c), line, sizeof line);
				rc = s40_errorf(ctx, S40_E_DB, "db", "สร้างฐานข้อมูล %s ไม่ได้: %s",
						"cannot create the database %s: %s", dbname, line);
			}
			PQclear(r);
			free(sql);
		}
		PQfreemem(ident);
	}
	PQfinish(c);
	return rc;
}

/* Set the session as every s40 connection needs it. */
static enum s40_err pg_session_setup(struct s40_store *st, struct s40_ctx *ctx)
{
	/* Durable commits whatever the server's default; a bounded wait for the
	 * writer's lock; byte-order text and UTC whatever the cluster's. */
	return pg_exec(st,
		       "SET synchronous_commit = on; SET lock_timeout = '" PG_LOCK_TIMEOUT "'; "
		       "SET client_min_messages = warning; SET client_encoding = 'UTF8'; "
		       "SET TIME ZONE 'UTC'",
		       ctx);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long a lost connection waits between two attempts to come back. */
#define PG_REVIVE_MS 1000

enum s40_err pg_revive(struct s40_store *st, struct s40_ctx *ctx)
{
	if (st->tx_open)
		return s40_errorf(ctx, S40_E_DB_UNAVAILABLE, "db",
				  "ขาดการเชื่อมต่อกับ PostgreSQL ระหว่างธุรกรรม งานในธุรกรรมนั้นไม่ได้บันทึก",
				  "the connection to PostgreSQL was lost during a transaction: its "
				  "work was not saved");
	int64_t now = now_ms();
	if (now < st->revive_after_ms)
		return s40_errorf(ctx, S40_E_DB_UNAVAILABLE, "db", "ยังติดต่อ PostgreSQL ไม่ได้",
				  "PostgreSQL cannot be reached yet");
	st->revive_after_ms = now + PG_REVIVE_MS;
	PQreset(st->conn);
	if (PQstatus(st->conn) != CONNECTION_OK) {
		char line[400];
		first_line(PQerrorMessage(st->conn), line, sizeof line);
		return s40_errorf(ctx, S40_E_DB_UNAVAILABLE, "db", "ยังติดต่อ PostgreSQL ไม่ได้: %s",
				  "PostgreSQL cannot be reached yet: %s", line);
	}
	/* A new server session: nothing prepared, nothing listened to, nothing
	 * streaming or pipelined on it. */
	st->epoch++;
	st->streaming = NULL;
	st->n_pending = 0;
	st->pipe_err = S40_OK;
	st->listening = false;
	for (int q = 0; q < S40_Q__END; q++)
		st->stmts[q].streaming = false;
	return pg_session_setup(st, ctx);
}

/* ---- servers following each other ---- */

/* The channels the triggers of migration 0006 notify. */
#define PG_LISTEN "LISTEN s40_journal; LISTEN s40_session"

static enum s40_err pg_wait_change(struct s40_store *st, int timeout_ms, unsigned *what,
				   struct s40_ctx *ctx)
{
	*what = 0;
	enum s40_err rc;
	if (PQstatus(st->conn) == CONNECTION_BAD)
		st->listening = false; /* it comes back through pg_idle, and listens again */
	if (!st->listening && now_ms() >= st->listen_retry_ms) {
		if ((rc = pg_idle(st, ctx)))
			return rc;
		PGresult *r = PQexec(st->conn, PG_LISTEN);
		if (PQresultStatus(r) == PGRES_COMMAND_OK) {
			st->listening = true;
			*what = S40_CHANGE_JOURNAL | S40_CHANGE_SESSIONS; /* missed meanwhile */
			PQclear(r);
			return S40_OK;
		}
		rc = pg_error(st, r, ctx);
		PQclear(r);
		if (rc != S40_E_READ_ONLY)
			return rc;
		/* A standby cannot listen; ask again later (it may be promoted). */
		s40_ctx_clear(ctx);
		st->listen_retry_ms = now_ms() + 10000;
	}
	if (!st->listening) {
		struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
		return S40_OK;
	}
	for (int round = 0; round < 2; round++) {
		if (!PQconsumeInput(st->conn))
			return pg_error(st, NULL, ctx);
		PGnotify *n;
		while ((n = PQnotifies(st->conn)) != NULL) {
			if (strcmp(n->relname, "s40_journal") == 0)
				*what |= S40_CHANGE_JOURNAL;
			else if (strcmp(n->relname, "s40_session") == 0)
				*what |= S40_CHANGE_SESSIONS;
			PQfreemem(n);
		}
		if (*what != 0 || round == 1)
			break;
		struct pollfd pfd = { PQsocket(st->conn), POLLIN, 0 };
		if (pfd.fd < 0)
			return pg_error(st, NULL, ctx);
		int k = poll(&pfd, 1, timeout_ms);
		if (k < 0 && errno != EINTR)
			return s40_errorf(ctx, S40_E_IO, NULL, "รอการแจ้งจาก PostgreSQL ไม่ได้: %s",
					  "cannot wait for PostgreSQL's notifications: %s",
					  strerror(errno));
		if (k <= 0)
			break;
	}
	return S40_OK;
}

/* One row, one text column, of sql with at most one text parameter. */
static enum s40_err pg_value(struct s40_store *st, const char *sql, const char *param, char *out,
			     size_t n, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	PGresult *r = PQexecParams(st->conn, sql, param ? 1 : 0, NULL, param ? &param : NULL, NULL,
				   NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	snprintf(out, n, "%s", PQgetisnull(r, 0, 0) ? "" : PQgetvalue(r, 0, 0));
	PQclear(r);
	return S40_OK;
}

static enum s40_err pg_position(struct s40_store *st, char *pos, size_t n, struct s40_ctx *ctx)
{
	/* The end of the WAL written so far covers every commit made until now,
	 * this connection's last one among them; a standby has none of its own. */
	return pg_value(st,
			"SELECT CASE WHEN pg_is_in_recovery() THEN '' "
			"ELSE pg_current_wal_lsn()::text END",
			NULL, pos, n, ctx);
}

static enum s40_err pg_reached(struct s40_store *st, const char *pos, bool *yes,
			       struct s40_ctx *ctx)
{
	char v[8];
	enum s40_err rc = pg_value(st,
				   "SELECT NOT pg_is_in_recovery() OR "
				   "coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)",
				   pos, v, sizeof v, ctx);
	*yes = rc == S40_OK && strcmp(v, "t") == 0;
	return rc;
}

static enum s40_err pg_open(const char *uri, bool create, struct s40_store **out,
			    struct s40_ctx *ctx)
{
	*out = NULL;
	char *perr = NULL;
	PQconninfoOption *opts = PQconninfoParse(uri, &perr);
	if (opts == NULL) {
		char line[300];
		first_line(perr ? perr : "out of memory", line, sizeof line);
		PQfreemem(perr);
		return s40_errorf(ctx, S40_E_USAGE, "db", "ที่อยู่ฐานข้อมูล PostgreSQL ไม่ถูกต้อง: %s",
				  "the PostgreSQL database URI is not valid: %s", line);
	}
	PQconninfoFree(opts);
	char dbname[128];
	conninfo_dbname(uri, dbname, sizeof dbname);

	struct s40_store *st = calloc(1, sizeof *st);
	if (st == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	st->base.engine = &s40_store_pg;
	pg_stmts_init(st);
	for (int attempt = 0;; attempt++) {
		st->conn = pg_connect(uri, false);
		if (st->conn == NULL) {
			free(st);
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
		if (PQstatus(st->conn) == CONNECTION_OK)
			break;
		/* libpq gives no SQLSTATE for a failed connection (3D000 would say
		 * "no such database"), only the server's message in the server's
		 * language: ask the server's maintenance database instead. */
		char line[400], where[300];
		first_line(PQerrorMessage(st->conn), line, sizeof line);
		pg_where(st->conn, dbname, where, sizeof where);
		int exists = dbname[0] ? pg_database_exists(uri, dbname) : -1;
		bool missing = exists == 0;
		PQfinish(st->conn);
		st->conn = NULL;
		enum s40_err rc;
		/* Missing when we connected, there now: another process creating it
		 * at once (s40 init, a server's first start) has just committed. */
		if (exists == 1 && create && attempt == 0)
			continue;
		if (missing && create && attempt == 0) {
			rc = pg_create_database(uri, dbname, ctx);
			if (rc == S40_OK)
				continue;
		} else if (missing) {
			rc = s40_errorf(ctx, S40_E_NOT_FOUND, "db",
					"ไม่พบฐานข้อมูล %s (สร้างด้วย s40 init)",
					"no database at %s (create it with s40 init)", where);
		} else {
			rc = s40_errorf(ctx, S40_E_DB, "db", "เชื่อมต่อ PostgreSQL ที่ %s ไม่ได้: %s",
					"cannot connect to PostgreSQL at %s: %s", where, line);
		}
		free(st);
		return rc;
	}
	PQsetNoticeProcessor(st->conn, pg_notice_ignore, NULL);
	enum s40_err e = pg_session_setup(st, ctx);
	if (e == S40_OK && !create) {
		/* A database with no s40 schema is not an s40 database until init
		 * makes it one (a missing SQLite file likewise). */
		int version = 0;
		e = pg_read_version(st, &version, ctx);
		if (e == S40_OK && version == 0) {
			char where[300];
			pg_where(st->conn, dbname, where, sizeof where);
			e = s40_errorf(
				ctx, S40_E_NOT_FOUND, "db",
				"ฐานข้อมูล %s ยังไม่มีโครงสร้างของ s40 (สร้างด้วย s40 init)",
				"the database %s holds no s40 schema (create it with s40 init)",
				where);
		}
	}
	if (e || (e = pg_migrate(st, ctx))) {
		pg_close(st);
		return e;
	}
	*out = st;
	return S40_OK;
}

/* ---- transactions ---- */

bool pg_in_tx(struct s40_store *st)
{
	PGTransactionStatusType t = PQtransactionStatus(st->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static enum s40_err pg_begin(struct s40_store *st, struct s40_ctx *ctx)
{
	st->tx_open = false; /* whatever came before is over */
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	st->pipe_err = S40_OK;
	char sql[96];
	snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%d)", PG_WRITER_LOCK);
	rc = pg_exec(st, sql, ctx);
	/* A connection found dead only now, by this BEGIN, ran nothing: once it
	 * is back, begin on it (once; when it is not back, that is the answer). */
	if (rc == S40_E_DB_UNAVAILABLE && PQstatus(st->conn) == CONNECTION_BAD &&
	    pg_revive(st, ctx) == S40_OK)
		rc = pg_exec(st, sql, ctx);
	if (rc && pg_in_tx(st))
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->tx_open = rc == S40_OK;
	return rc;
}

static enum s40_err pg_begin_read(struct s40_store *st, struct s40_ctx *ctx)
{
	st->tx_open = false;
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	rc = pg_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", ctx);
	st->tx_open = rc == S40_OK;
	return rc;
}

static enum s40_err pg_commit(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	if (PQtransactionStatus(st->conn) == PQTRANS_INERROR) {
		if (st->pipe_err != S40_OK) {
			if (ctx)
				*ctx = st->pipe_ctx;
			return st->pipe_err;
		}
		return s40_errorf(ctx, S40_E_DB, NULL, "ธุรกรรมล้มเหลวไปก่อนแล้ว จึงบันทึกไม่ได้",
				  "the transaction failed earlier and cannot be committed");
	}
	/* The transaction's changes go into the stored digests just before COMMIT. */
	if ((rc = pgd_commit(st, ctx)) != S40_OK)
		return rc;
	/* Count the commit (s40_store_data_version) in the same round trip. */
	PGresult *r = PQexec(st->conn, "SELECT nextval('s40_commits'); COMMIT");
	ExecStatusType t = PQresultStatus(r);
	if (t != PGRES_COMMAND_OK || strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		rc = t == PGRES_COMMAND_OK ?
			     s40_errorf(ctx, S40_E_DB, NULL, "ฐานข้อมูลยกเลิกธุรกรรม",
					"the database rolled the transaction back") :
			     pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	st->own_commits++;
	st->tx_open = false;
	return S40_OK;
}

static void pg_rollback(struct s40_store *st)
{
	struct s40_ctx scratch;
	s40_ctx_clear(&scratch);
	pg_idle(st, &scratch);
	if (pg_in_tx(st))
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->pipe_err = S40_OK;
	st->tx_open = false;
}

/* Run "VERB name" for a savepoint; the name is checked so it cannot carry SQL. */
static enum s40_err pg_savepoint_exec(struct s40_store *st, const char *verb, const char *name,
				      struct s40_ctx *ctx)
{
	enum s40_err rc = s40_store_savepoint_check(name, pg_in_tx(st), ctx);
	if (rc)
		return rc;
	rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	char sql[96];
	snprintf(sql, sizeof sql, "%s %s", verb, name);
	return pg_exec(st, sql, ctx);
}

static enum s40_err pg_savepoint(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	return pg_savepoint_exec(st, "SAVEPOINT", name, ctx);
}

static enum s40_err pg_release(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	return pg_savepoint_exec(st, "RELEASE SAVEPOINT", name, ctx);
}

static enum s40_err pg_rollback_to(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_savepoint_exec(st, "ROLLBACK TO SAVEPOINT", name, ctx);
	if (rc == S40_OK)
		st->pipe_err = S40_OK; /* what failed since the savepoint is undone */
	return rc;
}

static int pg_schema_version(struct s40_store *st)
{
	return st->version;
}

/* Commits counted in s40_commits, less this connection's own: it moves only
 * when another connection commits (store.h). */
static enum s40_err pg_data_version(struct s40_store *st, int64_t *v, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	PGresult *r = PQexec(st->conn, "SELECT last_value, is_called FROM s40_commits");
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	int64_t last =
		strcmp(PQgetvalue(r, 0, 1), "t") == 0 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
	PQclear(r);
	*v = last - st->own_commits;
	return S40_OK;
}

/* Bulk mode pipelines writes (pg_pipeline_flush); leaving it finishes them. */
static void pg_bulk(struct s40_store *st, bool on)
{
	if (!on) {
		struct s40_ctx scratch;
		s40_ctx_clear(&scratch);
		pg_idle(st, &scratch);
	}
	st->bulk = on;
}

/* PostgreSQL caches pages in the database server (shared_buffers): the
 * connection keeps none of its own. */
static void pg_cache(struct s40_store *st, int mib)
{
	(void)st;
	(void)mib;
}

/* The greatest spell and payment IDs, summed, into *out (see sqlite.c's
 * load_mark). */
static enum s40_err pg_load_mark(struct s40_store *st, int64_t *out, struct s40_ctx *ctx)
{
	PGresult *r = PQexec(st->conn, "SELECT coalesce((SELECT max(spell_id) FROM spell), 0) + "
				       "coalesce((SELECT max(payment_id) FROM payment), 0)");
	enum s40_err rc = S40_OK;
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		rc = pg_error(st, r, ctx);
	else
		*out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return rc;
}

/* The ledger's sums (migration 0013) and each spell's months paid (0015) made
 * anew from the ledger, as the migrations fill them. */
static const char derived_fill[] =
	"DELETE FROM ledger_sum; "
	"INSERT INTO ledger_sum(province, month, village, member, government, extra, paying) "
	"SELECT province, month, village, sum(member), sum(government), sum(extra), count(*) "
	"FROM ledger GROUP BY province, month, village; "
	"DELETE FROM spell_paid; "
	"INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, "
	"recruited_by, start_month, paid_to, run_from, since) "
	"WITH runs AS (SELECT person, max(month) AS paid_to, "
	"max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from "
	"FROM (SELECT person, month, lag(month) OVER (PARTITION BY person ORDER BY month) "
	"AS prev FROM ledger) l GROUP BY person) "
	"SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day, "
	"s.recruited_by, s40_day_month(s.start_day), r.paid_to, r.run_from, "
	"greatest(s40_day_month(s.start_day), r.paid_to + 1) "
	"FROM spell s LEFT JOIN runs r ON r.person = s.person";

/* store.h: the two GIN indexes of migration 0010 dropped before the rows and
 * created again after them (the same definitions); the triggers that keep
 * the ledger's sums and the spells' months paid row by row off meanwhile (in
 * the load's transaction, as the indexes' drop), and their rows made anew
 * after a load that added spells or payments. */
static enum s40_err pg_name_index(struct s40_store *st, enum s40_name_index step,
				  struct s40_ctx *ctx)
{
	if (step == S40_NAME_INDEX_ABANDON)
		return S40_OK; /* the rollback brings them back */
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	if (step == S40_NAME_INDEX_DEFER) {
		st->load_mark = -1;
		if ((rc = pg_load_mark(st, &st->load_mark, ctx)))
			return rc;
		return pg_exec(st,
			       "DROP INDEX IF EXISTS person_name_th, person_name_en; "
			       "ALTER TABLE ledger DISABLE TRIGGER ledger_sum, "
			       "DISABLE TRIGGER spell_paid; "
			       "ALTER TABLE spell DISABLE TRIGGER spell_paid",
			       ctx);
	}
	int64_t mark = -1;
	if ((rc = pg_load_mark(st, &mark, ctx)) ||
	    (mark != st->load_mark && (rc = pg_exec(st, derived_fill, ctx))) ||
	    (rc = pg_exec(st,
			  "ALTER TABLE ledger ENABLE TRIGGER ledger_sum, "
			  "ENABLE TRIGGER spell_paid; "
			  "ALTER TABLE spell ENABLE TRIGGER spell_paid",
			  ctx)))
		return rc;
	rc = pg_exec(st,
		     "CREATE INDEX IF NOT EXISTS person_name_th ON person "
		     "USING gin ((first_th || ' ' || last_th) gin_trgm_ops)",
		     ctx);
	if (rc == S40_OK)
		rc = pg_exec(st,
			     "CREATE INDEX IF NOT EXISTS person_name_en ON person USING gin "
			     "((coalesce(first_en, '') || ' ' || coalesce(last_en, '')) "
			     "gin_trgm_ops)",
			     ctx);
	return rc;
}

/* Every identity column's sequence moved past its table's largest key, so
 * that the next row inserted without a key gets a new one; then the tables
 * analysed. */
static enum s40_err pg_sync_keys(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	PGresult *r = PQexec(st->conn,
			     "SELECT quote_ident(c.relname), quote_ident(a.attname), "
			     "quote_literal(pg_get_serial_sequence(quote_ident(c.relname), "
			     "a.attname)) FROM pg_attribute a "
			     "JOIN pg_class c ON c.oid = a.attrelid "
			     "JOIN pg_namespace n ON n.oid = c.relnamespace "
			     "WHERE a.attidentity <> '' AND c.relkind = 'r' "
			     "AND n.nspname = current_schema() ORDER BY 1");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	for (int i = 0; i < PQntuples(r) && rc == S40_OK; i++) {
		/* Names come quoted by the server itself (quote_ident, quote_literal). */
		char sql[512];
		snprintf(sql, sizeof sql,
			 "SELECT setval(%s, coalesce((SELECT max(%s) FROM %s), 0) + 1, false)",
			 PQgetvalue(r, i, 2), PQgetvalue(r, i, 1), PQgetvalue(r, i, 0));
		rc = pg_exec(st, sql, ctx);
	}
	PQclear(r);
	/* Rows written in bulk leave the planner's statistics behind (until
	 * autovacuum comes by, the journal's last entry is read by a whole-table
	 * scan): gather them now, in the same transaction. */
	if (rc == S40_OK)
		rc = pg_exec(st, "ANALYZE", ctx);
	return rc;
}

const struct s40_store_engine s40_store_pg = {
	.name = "postgres",
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.stmt = pg_stmt,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int64 = pg_col_int64,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_null = pg_col_null,
	.reset = pg_reset,
	.schema_version = pg_schema_version,
	.in_tx = pg_in_tx,
	.savepoint = pg_savepoint,
	.release = pg_release,
	.rollback_to = pg_rollback_to,
	.data_version = pg_data_version,
	.bulk = pg_bulk,
	.cache = pg_cache,
	.name_index = pg_name_index,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.sync_keys = pg_sync_keys,
	.begin_read = pg_begin_read,
	.digest_scan = pgd_scan,
	.digest_stored = pgd_stored,
	.wait_change = pg_wait_change,
	.position = pg_position,
	.reached = pg_reached,
};
