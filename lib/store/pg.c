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
 * Large reads (every spell, the whole journal, a copied table) stream one row
 * at a time (libpq's single-row mode) instead of holding the whole result. A
 * connection runs one query at a time, so when another statement is run while
 * a stream is open, the rest of the stream is read into memory first.
 */
#include "store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "pg_sql.h"

#define MIGRATION_PREFIX "migrations/pg/"
#define MAX_PARAMS 32 /* parameters of a statement, and bytea columns of a row */
/* Advisory lock keys: "S40W" the one writer, "S40M" migrations. */
#define PG_WRITER_LOCK 0x53343057
#define PG_MIGRATE_LOCK 0x5334304d
#define PG_LOCK_TIMEOUT "10s"

/* The queries read in streaming mode: whole tables, read in one pass. */
static bool pg_streamed(enum s40_q q)
{
	return q == S40_Q_SPELL_ALL || q == S40_Q_JOURNAL_ALL || q == S40_Q_AREA_ALL;
}

struct s40_stmt {
	struct s40_stmt_base base;
	struct s40_store *owner;
	char name[24];     /* the prepared statement's name; "" before it is prepared */
	const char *sql;   /* its text (a named query's, or an ad-hoc one's copy) */
	char *sql_owned;   /* the ad-hoc text, freed with the statement */
	bool adhoc;
	bool stream;       /* read in single-row mode */
	bool deferrable;   /* a write with no result rows: may be pipelined in bulk mode */
	int n_params;
	/* Bound parameters: text (owned) or binary. */
	char *val[MAX_PARAMS];
	int len[MAX_PARAMS];
	int fmt[MAX_PARAMS];
	/* The result: buffered (res, row of n_rows) or streaming (one row in res). */
	bool ran;
	bool streaming;    /* a single-row stream is open on the connection */
	PGresult *res;
	int row;
	int n_rows;
	/* The rest of a stream, read into memory when another statement ran. */
	PGresult **spill;
	size_t n_spill, spill_at;
	/* Decoded bytea of the current row, one buffer per column. */
	unsigned char *blob[MAX_PARAMS];
	size_t blob_len[MAX_PARAMS];
};

struct s40_store {
	struct s40_store_base base;
	PGconn *conn;
	struct s40_stmt stmts[S40_Q__END];
	struct s40_stmt *streaming; /* the statement whose stream is open, or NULL */
	int version;
	int n_adhoc;
	int64_t own_commits; /* commits counted in s40_commits by this connection */
	bool bulk;           /* s40_store_bulk: writes are pipelined */
	int n_pending;       /* pipelined writes whose results are not read yet */
	/* The first failure of a pipelined write in this transaction, kept so that a
	 * later "transaction is aborted" is reported as what caused it. */
	enum s40_err pipe_err;
	struct s40_ctx pipe_ctx;
};

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
	if (state == NULL)
		return S40_E_DB;
	if (strncmp(state, "23", 2) == 0) /* integrity constraint violation */
		return S40_E_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0) /* serialization, deadlock, lock timeout */
		return S40_E_DB_BUSY;
	if (strcmp(state, "53200") == 0) /* out of memory */
		return S40_E_NOMEM;
	return S40_E_DB;
}

/* Put the error of res (or of the connection when res has none) on ctx. */
static enum s40_err pg_error(struct s40_store *st, const PGresult *res, struct s40_ctx *ctx)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char line[400];
	if (msg == NULL || msg[0] == '\0')
		msg = PQerrorMessage(st->conn);
	first_line(msg, line, sizeof line);
	if (PQstatus(st->conn) == CONNECTION_BAD)
		return s40_errorf(ctx, S40_E_DB, "db", "ขาดการเชื่อมต่อกับ PostgreSQL: %s",
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
static enum s40_err pg_exec(struct s40_store *st, const char *sql, struct s40_ctx *ctx)
{
	PGresult *r = PQexec(st->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	enum s40_err rc = S40_OK;
	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK)
		rc = pg_error(st, r, ctx);
	PQclear(r);
	return rc;
}

/* ---- streams ---- */

static void stmt_clear_result(struct s40_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	for (size_t i = s->spill_at; i < s->n_spill; i++)
		PQclear(s->spill[i]);
	free(s->spill);
	s->spill = NULL;
	s->n_spill = s->spill_at = 0;
	s->row = -1;
	s->n_rows = 0;
}

/* Read whatever the connection still has of the current query, dropping it. */
static void pg_drain_discard(struct s40_store *st)
{
	PGresult *r;
	while ((r = PQgetResult(st->conn)) != NULL)
		PQclear(r);
}

/* Another statement is about to run: read the open stream's remaining rows
 * into its spill list, so that both can go on. */
static enum s40_err pg_spill_stream(struct s40_store *st, struct s40_ctx *ctx)
{
	struct s40_stmt *s = st->streaming;
	if (s == NULL)
		return S40_OK;
	st->streaming = NULL;
	s->streaming = false;
	size_t cap = 0;
	enum s40_err rc = S40_OK;
	PGresult *r;
	while ((r = PQgetResult(st->conn)) != NULL) {
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_SINGLE_TUPLE && rc == S40_OK) {
			if (s->n_spill == cap) {
				cap = cap ? cap * 2 : 256;
				PGresult **nv = realloc(s->spill, cap * sizeof *nv);
				if (nv == NULL) {
					rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
					PQclear(r);
					continue;
				}
				s->spill = nv;
			}
			s->spill[s->n_spill++] = r;
			continue;
		}
		if (t != PGRES_TUPLES_OK && t != PGRES_SINGLE_TUPLE && rc == S40_OK)
			rc = pg_error(st, r, ctx);
		PQclear(r);
	}
	return rc;
}

/* ---- pipelined writes (bulk mode) ---- */

/* Writes sent before their results are read, at most this many at once: their
 * answers (a few dozen bytes each) stay far below what the socket buffers
 * hold, so the server never waits on us while we wait on it. */
#define PG_PIPELINE_MAX 512

/*
 * Read the results of every pipelined write and leave pipeline mode. The first
 * failure is reported here, at the next operation after the write that caused
 * it: in bulk mode (an import, the demo, a copy) any database error ends the
 * whole operation, which then rolls back, so no caller needs it earlier.
 */
static enum s40_err pg_pipeline_flush(struct s40_store *st, struct s40_ctx *ctx)
{
	if (PQpipelineStatus(st->conn) == PQ_PIPELINE_OFF)
		return S40_OK;
	enum s40_err rc = S40_OK;
	if (!PQpipelineSync(st->conn)) {
		rc = pg_error(st, NULL, ctx);
	} else {
		for (;;) {
			PGresult *r = PQgetResult(st->conn);
			if (r == NULL) {
				/* The end of one write's results; a lost connection has no more. */
				if (PQstatus(st->conn) == CONNECTION_BAD) {
					if (rc == S40_OK)
						rc = pg_error(st, NULL, ctx);
					break;
				}
				continue;
			}
			ExecStatusType t = PQresultStatus(r);
			if (t == PGRES_PIPELINE_SYNC) {
				PQclear(r);
				break;
			}
			if (t == PGRES_FATAL_ERROR && rc == S40_OK) {
				rc = pg_error(st, r, ctx);
				if (st->pipe_err == S40_OK) {
					st->pipe_err = rc;
					if (ctx)
						st->pipe_ctx = *ctx;
					else
						pg_error(st, r, &st->pipe_ctx);
				}
			}
			PQclear(r);
		}
	}
	st->n_pending = 0;
	if (!PQexitPipelineMode(st->conn) && rc == S40_OK)
		rc = pg_error(st, NULL, ctx);
	return rc;
}

/* Make the connection free for a query of its own: an open stream is read
 * into memory, pipelined writes are finished. */
static enum s40_err pg_idle(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_spill_stream(st, ctx);
	enum s40_err prc = pg_pipeline_flush(st, ctx);
	return rc ? rc : prc;
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
	return s40_store_migrate(st, MIGRATION_PREFIX, &st->version, pg_apply, ctx);
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

static void stmt_free_params(struct s40_stmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->val[i]);
		s->val[i] = NULL;
		s->len[i] = 0;
		s->fmt[i] = 0;
	}
}

static void stmt_free_blobs(struct s40_stmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->blob[i]);
		s->blob[i] = NULL;
		s->blob_len[i] = 0;
	}
}

static void pg_close(struct s40_store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < S40_Q__END; i++) {
		stmt_clear_result(&st->stmts[i]);
		stmt_free_params(&st->stmts[i]);
		stmt_free_blobs(&st->stmts[i]);
	}
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
static enum s40_err pg_create_database(const char *uri, const char *dbname,
				       struct s40_ctx *ctx)
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
			    !(state && (strcmp(state, "42P04") == 0 || strcmp(state, "23505") == 0))) {
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
	for (int i = 0; i < S40_Q__END; i++) {
		st->stmts[i].base.engine = &s40_store_pg;
		st->stmts[i].owner = st;
		st->stmts[i].sql = pg_sql_text[i];
		st->stmts[i].stream = pg_streamed((enum s40_q)i);
		st->stmts[i].row = -1;
	}
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
		bool missing = dbname[0] && pg_database_exists(uri, dbname) == 0;
		PQfinish(st->conn);
		st->conn = NULL;
		enum s40_err rc;
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
			e = s40_errorf(ctx, S40_E_NOT_FOUND, "db",
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

static bool pg_in_tx(struct s40_store *st)
{
	PGTransactionStatusType t = PQtransactionStatus(st->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static enum s40_err pg_begin(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	st->pipe_err = S40_OK;
	char sql[96];
	snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%d)", PG_WRITER_LOCK);
	rc = pg_exec(st, sql, ctx);
	if (rc && pg_in_tx(st))
		PQclear(PQexec(st->conn, "ROLLBACK"));
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

/* ---- statements ---- */

/* The highest $n in sql: the number of parameters to send. */
static int count_params(const char *sql)
{
	int max = 0;
	for (const char *p = sql; *p; p++)
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			int n = (int)strtol(p + 1, NULL, 10);
			if (n > max)
				max = n;
		}
	return max;
}

/* Reset s for a new run: end its stream, drop its result and bindings. */
static void stmt_reset(struct s40_stmt *s)
{
	struct s40_store *st = s->owner;
	if (st->streaming == s) {
		/* Read the rest of the stream and drop it: the connection is free again. */
		pg_drain_discard(st);
		st->streaming = NULL;
		s->streaming = false;
	}
	stmt_clear_result(s);
	stmt_free_params(s);
	s->ran = false;
}

/* Prepare s on its connection if it is not yet. */
static enum s40_err stmt_prepare(struct s40_stmt *s, struct s40_ctx *ctx)
{
	if (s->name[0])
		return S40_OK;
	struct s40_store *st = s->owner;
	char name[24];
	if (s->adhoc)
		snprintf(name, sizeof name, "s40_a%d", ++st->n_adhoc);
	else
		snprintf(name, sizeof name, "s40_q%d", (int)(s - st->stmts));
	s->n_params = count_params(s->sql);
	s->deferrable = (strncmp(s->sql, "INSERT", 6) == 0 || strncmp(s->sql, "UPDATE", 6) == 0 ||
			 strncmp(s->sql, "DELETE", 6) == 0) &&
			strstr(s->sql, "RETURNING") == NULL;
	if (s->n_params > MAX_PARAMS)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "คำสั่งมีพารามิเตอร์มากเกินไป",
				  "a statement has too many parameters");
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	PGresult *r = PQprepare(st->conn, name, s->sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	snprintf(s->name, sizeof s->name, "%s", name);
	return S40_OK;
}

static enum s40_err pg_stmt(struct s40_store *st, enum s40_q q, struct s40_stmt **out,
			    struct s40_ctx *ctx)
{
	*out = NULL;
	if ((unsigned)q >= S40_Q__END || pg_sql_text[q] == NULL)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีคำสั่ง %d", "no query %d", q);
	struct s40_stmt *s = &st->stmts[q];
	stmt_reset(s);
	enum s40_err rc = stmt_prepare(s, ctx);
	if (rc)
		return rc;
	*out = s;
	return S40_OK;
}

static enum s40_err pg_prepare(struct s40_store *st, const char *sql, struct s40_stmt **out,
			       struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_stmt *s = calloc(1, sizeof *s);
	char *text = strdup(sql);
	if (s == NULL || text == NULL) {
		free(s);
		free(text);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	s->base.engine = &s40_store_pg;
	s->owner = st;
	s->sql = s->sql_owned = text;
	s->adhoc = true;
	/* Ad-hoc statements are copy.c's whole-table reads and writes. */
	s->stream = strncmp(sql, "SELECT", 6) == 0;
	s->row = -1;
	enum s40_err rc = stmt_prepare(s, ctx);
	if (rc) {
		free(text);
		free(s);
		return rc;
	}
	*out = s;
	return S40_OK;
}

static void pg_finalize(struct s40_stmt *s)
{
	if (s == NULL)
		return;
	stmt_reset(s);
	stmt_free_blobs(s);
	struct s40_store *st = s->owner;
	struct s40_ctx scratch;
	s40_ctx_clear(&scratch);
	pg_idle(st, &scratch);
	if (s->name[0] && PQstatus(st->conn) == CONNECTION_OK &&
	    PQtransactionStatus(st->conn) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(st->conn, sql));
	}
	free(s->sql_owned);
	free(s);
}

static void bind_set(struct s40_stmt *s, int i, char *v, int len, int fmt)
{
	if (i < 1 || i > MAX_PARAMS) {
		free(v);
		return;
	}
	if (s->ran) {
		/* Binding after a run starts a new one with the other bindings kept,
		 * as sqlite3_reset does. */
		struct s40_store *st = s->owner;
		if (st->streaming == s) {
			pg_drain_discard(st);
			st->streaming = NULL;
			s->streaming = false;
		}
		stmt_clear_result(s);
		s->ran = false;
	}
	free(s->val[i - 1]);
	s->val[i - 1] = v;
	s->len[i - 1] = len;
	s->fmt[i - 1] = fmt;
}

static void pg_bind_int64(struct s40_stmt *s, int i, int64_t v)
{
	char *t = malloc(24);
	if (t)
		snprintf(t, 24, "%lld", (long long)v);
	bind_set(s, i, t, 0, 0);
}

static void pg_bind_text(struct s40_stmt *s, int i, const char *v)
{
	bind_set(s, i, v ? strdup(v) : NULL, 0, 0);
}

static void pg_bind_blob(struct s40_stmt *s, int i, const void *v, size_t n)
{
	char *b = malloc(n ? n : 1);
	if (b && n)
		memcpy(b, v, n);
	bind_set(s, i, b, (int)n, 1);
}

static void pg_bind_null(struct s40_stmt *s, int i)
{
	bind_set(s, i, NULL, 0, 0);
}

/* Send s's query; its rows come with the next steps. */
static enum s40_err stmt_run(struct s40_stmt *s, struct s40_ctx *ctx)
{
	struct s40_store *st = s->owner;
	const char *vals[MAX_PARAMS];
	for (int i = 0; i < s->n_params; i++)
		vals[i] = s->val[i];
	s->ran = true;
	s->row = -1;
	if (s->deferrable && st->bulk && pg_in_tx(st)) {
		enum s40_err rc = pg_spill_stream(st, ctx);
		if (rc)
			return rc;
		if (PQpipelineStatus(st->conn) == PQ_PIPELINE_OFF && !PQenterPipelineMode(st->conn))
			return pg_error(st, NULL, ctx);
		if (!PQsendQueryPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0))
			return pg_error(st, NULL, ctx);
		if (++st->n_pending >= PG_PIPELINE_MAX)
			return pg_pipeline_flush(st, ctx);
		return S40_OK;
	}
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	if (s->stream) {
		if (!PQsendQueryPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0))
			return pg_error(st, NULL, ctx);
		if (!PQsetSingleRowMode(st->conn)) {
			pg_drain_discard(st);
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เปิดการอ่านทีละแถวไม่ได้",
					  "single-row mode could not be set");
		}
		st->streaming = s;
		s->streaming = true;
		return S40_OK;
	}
	bool autocommit = !pg_in_tx(st);
	PGresult *r = PQexecPrepared(st->conn, s->name, s->n_params, vals, s->len, s->fmt, 0);
	ExecStatusType t = PQresultStatus(r);
	if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK) {
		rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	/* A write outside a transaction committed on its own: count it as a
	 * commit (s40_store_data_version), as pg_commit counts the others. */
	if (autocommit && (s->deferrable || strstr(s->sql, "RETURNING") != NULL) &&
	    strcmp(PQcmdTuples(r), "0") != 0 && PQcmdTuples(r)[0] != '\0') {
		PGresult *c = PQexec(st->conn, "SELECT nextval('s40_commits')");
		if (PQresultStatus(c) == PGRES_TUPLES_OK)
			st->own_commits++;
		PQclear(c);
	}
	s->res = r;
	s->n_rows = t == PGRES_TUPLES_OK ? PQntuples(r) : 0;
	return S40_OK;
}

/* The next row of a stream (or of its spilled rest) into s->res. */
static int stream_next(struct s40_stmt *s, struct s40_ctx *ctx)
{
	struct s40_store *st = s->owner;
	PQclear(s->res);
	s->res = NULL;
	if (!s->streaming) {
		if (s->spill_at < s->n_spill) {
			s->res = s->spill[s->spill_at++];
			s->row = 0;
			s->n_rows = 1;
			return S40_ROW;
		}
		return S40_OK;
	}
	PGresult *r = PQgetResult(st->conn);
	ExecStatusType t = PQresultStatus(r);
	if (r != NULL && t == PGRES_SINGLE_TUPLE) {
		s->res = r;
		s->row = 0;
		s->n_rows = 1;
		return S40_ROW;
	}
	/* The end (PGRES_TUPLES_OK with no row) or an error; then NULL. */
	enum s40_err rc = S40_OK;
	if (r != NULL && t != PGRES_TUPLES_OK)
		rc = pg_error(st, r, ctx);
	PQclear(r);
	pg_drain_discard(st);
	st->streaming = NULL;
	s->streaming = false;
	return rc;
}

static int pg_step(struct s40_stmt *s, struct s40_ctx *ctx)
{
	for (int i = 0; i < MAX_PARAMS; i++)
		s->blob_len[i] = 0;
	if (!s->ran) {
		enum s40_err rc = stmt_run(s, ctx);
		if (rc)
			return rc;
	}
	if (s->stream)
		return stream_next(s, ctx);
	if (s->res == NULL)
		return S40_OK;
	if (s->row + 1 < s->n_rows) {
		s->row++;
		return S40_ROW;
	}
	return S40_OK;
}

static int64_t pg_col_int64(struct s40_stmt *s, int i)
{
	if (s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i))
		return 0;
	return strtoll(PQgetvalue(s->res, s->row, i), NULL, 10);
}

static const char *pg_col_text(struct s40_stmt *s, int i)
{
	if (s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

static const void *pg_col_blob(struct s40_stmt *s, int i, size_t *n)
{
	*n = 0;
	if (s->res == NULL || s->row < 0 || i < 0 || i >= MAX_PARAMS ||
	    PQgetisnull(s->res, s->row, i))
		return NULL;
	free(s->blob[i]);
	size_t len = 0;
	s->blob[i] = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), &len);
	if (s->blob[i] == NULL)
		return NULL;
	s->blob_len[i] = len;
	*n = len;
	return s->blob[i];
}

static bool pg_col_null(struct s40_stmt *s, int i)
{
	return s->res == NULL || s->row < 0 || PQgetisnull(s->res, s->row, i);
}

static void pg_reset(struct s40_stmt *s)
{
	stmt_reset(s);
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
	int64_t last = strcmp(PQgetvalue(r, 0, 1), "t") == 0 ?
			       strtoll(PQgetvalue(r, 0, 0), NULL, 10) :
			       0;
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
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.sync_keys = pg_sync_keys,
};
