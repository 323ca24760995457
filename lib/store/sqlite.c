/*
 * sqlite.c — the SQLite engine behind store.h: one database file in WAL mode
 * with foreign keys on, every named query prepared once per connection, and
 * the numbered migrations in lib/store/migrations/sqlite applied at open.
 */
#include "store.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "engine.h"
#include "sqlite_int.h"
#include "sqlite_sql.h"

#define MIGRATION_PREFIX "migrations/sqlite/"

/* Put the connection's last error on ctx, mapped to our codes. */
enum s40_err sq_error(sqlite3 *db, int rc, struct s40_ctx *ctx)
{
	enum s40_err code = S40_E_DB;
	int prim = rc & 0xff;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		code = S40_E_DB_BUSY;
	else if (prim == SQLITE_CONSTRAINT)
		code = S40_E_CONSTRAINT;
	else if (prim == SQLITE_NOMEM)
		code = S40_E_NOMEM;
	const char *m = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	return s40_errorf(ctx, code, NULL, "ฐานข้อมูล: %s", "database: %s", m);
}

static enum s40_err sq_exec(struct s40_store *st, const char *sql, struct s40_ctx *ctx)
{
	char *err = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		enum s40_err code = sq_error(st->db, rc, ctx);
		sqlite3_free(err);
		return code;
	}
	return S40_OK;
}

/* The version written in meta, 0 for a database with no schema yet. */
static enum s40_err sq_read_version(struct s40_store *st, int *version, struct s40_ctx *ctx)
{
	sqlite3_stmt *s;
	*version = 0;
	int rc = sqlite3_prepare_v2(st->db,
				    "SELECT count(*) FROM sqlite_schema WHERE name = 'meta'", -1, &s,
				    NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	int has_meta = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
	sqlite3_finalize(s);
	if (!has_meta)
		return S40_OK;
	rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1,
				&s, NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		*version = v ? (int)strtol(v, NULL, 10) : 0;
	}
	sqlite3_finalize(s);
	return S40_OK;
}

/* Apply migration n (sql) and record n as the version, in one transaction. */
static enum s40_err sq_apply(struct s40_store *st, const char *sql, int n, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_exec(st, "BEGIN IMMEDIATE", ctx);
	if (rc)
		return rc;
	char set[96];
	snprintf(set, sizeof set,
		 "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '%d')", n);
	if ((rc = sq_exec(st, sql, ctx)) || (rc = sq_exec(st, set, ctx)) ||
	    (rc = sq_exec(st, "COMMIT", ctx))) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return S40_OK;
}

/* Apply every embedded migration numbered above the database's version. */
static enum s40_err sq_migrate(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_read_version(st, &st->version, ctx);
	if (rc)
		return rc;
	st->dg.migrated_from = st->version;
	return s40_store_migrate(st, MIGRATION_PREFIX, &st->version, sq_apply, ctx);
}

static void sq_close(struct s40_store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < S40_Q__END; i++)
		sqlite3_finalize(st->stmts[i].st);
	sqd_close(st);
	sqlite3_close(st->db);
	free(st);
}

/* A statement's or savepoint's journal (the pages it changed, as they were)
 * is kept in memory up to this many bytes and written to a temporary file
 * beyond. SQLite allocates it in pieces of this size and writes them to the
 * file in one call each when it spills, and its Unix file layer writes at most
 * 128 KiB in one call (a larger spill fails as "database or disk is full"): so
 * under that. */
#define SQ_STMT_JOURNAL_MEM (120 << 10)

/* SQLite's process-wide settings, before its first use.
 *
 * Its count of the memory it holds (SQLITE_CONFIG_MEMSTATUS, on by default)
 * takes one mutex of the whole process at every allocation: the server's
 * worker threads, each on its own connection, spent a third of a report's
 * time waiting on one another there. s40 never reads that count.
 *
 * Inside a transaction, every statement that writes and could fail halfway
 * (an INSERT or UPDATE with constraints or triggers: each row of an import)
 * journals the pages it changes, so that it can be undone alone. SQLite keeps
 * that journal in memory up to 64 KiB by default; past that it moves it to a
 * temporary file, and the file stays for the rest of the transaction, so that
 * after the first statement of 17 pages or more every statement's pages were
 * written to disk (5.7 M writes for 499,534 enrolments). With
 * SQ_STMT_JOURNAL_MEM a row's journal stays in memory. It is freed when the
 * statement ends, and glibc gave the top of its heap back to the kernel each
 * time (more than 128 KiB free at the top): a system call and fresh zeroed
 * pages for every statement. M_TRIM_THRESHOLD keeps up to 64 MiB of free heap
 * in the process instead. */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, SQ_STMT_JOURNAL_MEM);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

/* s40_day_month(day): core/date.c's month of a day (months since January
 * 1970), for the statements of this file only (SQLITE_DIRECTONLY: no schema
 * may use it, as another connection might not have it). NULL for NULL or a
 * value outside the days the store keeps (int32). */
static void sq_day_month(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_int64 d = sqlite3_value_int64(argv[0]);
	if (d < INT32_MIN || d > INT32_MAX) {
		sqlite3_result_null(c);
		return;
	}
	sqlite3_result_int64(c, s40_day_month((int32_t)d));
}

static enum s40_err sq_open(const char *uri, bool create, struct s40_store **out,
			    struct s40_ctx *ctx)
{
	static pthread_once_t configured = PTHREAD_ONCE_INIT;
	pthread_once(&configured, sq_configure);
	*out = NULL;
	struct s40_store *st = calloc(1, sizeof *st);
	if (st == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	st->base.engine = &s40_store_sqlite;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(uri, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		enum s40_err code;
		if (!create && (rc & 0xff) == SQLITE_CANTOPEN)
			code = s40_errorf(ctx, S40_E_NOT_FOUND, "db",
					  "ไม่พบฐานข้อมูล %s (สร้างด้วย s40 init)",
					  "no database at %s (create it with s40 init)", uri);
		else
			code = sq_error(st->db, rc, ctx);
		sq_close(st);
		return code;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);
	enum s40_err e;
	if (sqlite3_create_function(st->db, "s40_day_month", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
				    sq_day_month, NULL, NULL) != SQLITE_OK) {
		e = sq_error(st->db, sqlite3_errcode(st->db), ctx);
		sq_close(st);
		return e;
	}
	if ((e = sq_exec(st, "PRAGMA journal_mode = WAL", ctx)) ||
	    (e = sq_exec(st, "PRAGMA synchronous = FULL", ctx)) ||
	    (e = sq_exec(st, "PRAGMA foreign_keys = ON", ctx)) || (e = sq_migrate(st, ctx)) ||
	    (e = sqd_open(st, ctx))) {
		sq_close(st);
		return e;
	}
	for (int i = 0; i < S40_Q__END; i++) {
		st->stmts[i].base.engine = &s40_store_sqlite;
		st->stmts[i].owner = st;
	}
	*out = st;
	return S40_OK;
}

static enum s40_err sq_begin(struct s40_store *st, struct s40_ctx *ctx)
{
	sqd_reset(st);
	return sq_exec(st, "BEGIN IMMEDIATE", ctx);
}

/* The transaction's changes go into the stored digests just before COMMIT. */
static enum s40_err sq_commit(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = sqd_commit(st, ctx);
	return rc ? rc : sq_exec(st, "COMMIT", ctx);
}

static void sq_rollback(struct s40_store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	sqd_reset(st);
}

/* In WAL mode a read transaction keeps the snapshot of its first read; the
 * read is made here, so the snapshot is the one of this instant. */
static enum s40_err sq_begin_read(struct s40_store *st, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_exec(st, "BEGIN; SELECT count(*) FROM meta", ctx);
	if (rc && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* SQLite tells no one of a commit: the caller polls, so this only waits. */
static enum s40_err sq_wait_change(struct s40_store *st, int timeout_ms, unsigned *what,
				   struct s40_ctx *ctx)
{
	(void)st;
	(void)ctx;
	*what = 0;
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
	return S40_OK;
}

/* One file, no replicas: every position is reached. */
static enum s40_err sq_position(struct s40_store *st, char *pos, size_t n, struct s40_ctx *ctx)
{
	(void)st;
	(void)ctx;
	if (n > 0)
		pos[0] = '\0';
	return S40_OK;
}

static enum s40_err sq_reached(struct s40_store *st, const char *pos, bool *yes,
			       struct s40_ctx *ctx)
{
	(void)st;
	(void)pos;
	(void)ctx;
	*yes = true;
	return S40_OK;
}

static enum s40_err sq_stmt(struct s40_store *st, enum s40_q q, struct s40_stmt **out,
			    struct s40_ctx *ctx)
{
	*out = NULL;
	if ((unsigned)q >= S40_Q__END || sql_text[q] == NULL)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีคำสั่ง %d", "no query %d", q);
	struct s40_stmt *s = &st->stmts[q];
	if (s->st == NULL) {
		int rc = sqlite3_prepare_v3(st->db, sql_text[q], -1, SQLITE_PREPARE_PERSISTENT,
					    &s->st, NULL);
		if (rc != SQLITE_OK)
			return sq_error(st->db, rc, ctx);
	} else {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
	}
	*out = s;
	return S40_OK;
}

static void sq_bind_int64(struct s40_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s->st, i, v);
}

static void sq_bind_text(struct s40_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s->st, i);
	else
		sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT);
}

static void sq_bind_blob(struct s40_stmt *s, int i, const void *v, size_t n)
{
	sqlite3_bind_blob64(s->st, i, v, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct s40_stmt *s, int i)
{
	sqlite3_bind_null(s->st, i);
}

static int sq_step(struct s40_stmt *s, struct s40_ctx *ctx)
{
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return S40_ROW;
	if (rc == SQLITE_DONE)
		return S40_OK;
	enum s40_err e = sq_error(s->owner->db, rc, ctx);
	sqlite3_reset(s->st);
	return e;
}

static int64_t sq_col_int64(struct s40_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

static const char *sq_col_text(struct s40_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

static const void *sq_col_blob(struct s40_stmt *s, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(s->st, i);
	*n = (size_t)sqlite3_column_bytes(s->st, i);
	return p;
}

static bool sq_col_null(struct s40_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static void sq_reset(struct s40_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

static int sq_schema_version(struct s40_store *st)
{
	return st->version;
}

static bool sq_in_tx(struct s40_store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

static enum s40_err sq_data_version(struct s40_store *st, int64_t *v, struct s40_ctx *ctx)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &q, NULL);
	if (rc != SQLITE_OK)
		return sq_error(st->db, rc, ctx);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? S40_OK : sq_error(st->db, rc, ctx);
}

/* Set the connection's page cache to kib KiB; whether SQLite took it. */
static bool sq_cache_kib(struct s40_store *st, int kib)
{
	char sql[64];
	/* A negative cache_size is KiB; the default is -2000 (about 2 MB). */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -kib);
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static void sq_bulk(struct s40_store *st, bool on)
{
	sqd_bulk(st, on);
	if (on == st->bulk)
		return;
	if (sq_cache_kib(st, on ? 1024 * S40_STORE_BULK_CACHE_MIB
				: st->cache_kib ? st->cache_kib : 2000))
		st->bulk = on;
}

static void sq_cache(struct s40_store *st, int mib)
{
	int kib = mib > 0 && mib <= 1 << 20 ? mib * 1024 : 2000;
	if (st->bulk || sq_cache_kib(st, kib))
		st->cache_kib = kib;
}

/* The names' index of every person, as migration 0010 fills it for the persons
 * registered before it (the same expressions as its triggers). */
static const char name_index_fill[] =
	"INSERT INTO person_name(rowid, p, d, s, v, th, en) SELECT id, "
	"'p' || char(19968 + village / 1000000 / 10000, 19968 + village / 1000000 % 10000), "
	"'d' || char(19968 + village / 10000 / 10000, 19968 + village / 10000 % 10000), "
	"'s' || char(19968 + village / 100 / 10000, 19968 + village / 100 % 10000), "
	"'v' || char(19968 + village / 10000, 19968 + village % 10000), "
	"first_th || ' ' || last_th, coalesce(first_en, '') || ' ' || coalesce(last_en, '') "
	"FROM person";

/* The ledger's sums (migration 0013) made anew from the ledger: their
 * triggers were off with the names' while a load wrote (the demo writes
 * payments so). */
static const char ledger_sum_fill[] =
	"DELETE FROM ledger_sum; INSERT INTO ledger_sum(province, month, village, member, "
	"government, extra, paying) SELECT province, month, village, sum(member), "
	"sum(government), sum(extra), count(*) FROM ledger GROUP BY province, month, village";

/* Each spell with its member's months paid (migration 0015) made anew, as
 * the ledger's sums: the migration's statement, with the month of a start day
 * from core/date.c's s40_day_month (registered on every connection) where the
 * migration, which cannot count on it, works it out in integer arithmetic. */
static const char spell_paid_fill[] =
	"DELETE FROM spell_paid; "
	"INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, "
	"recruited_by, start_month, paid_to, run_from, since) "
	"WITH runs AS (SELECT person, max(month) AS paid_to, "
	"max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from "
	"FROM (SELECT person, month, lag(month) OVER (PARTITION BY person ORDER BY month) "
	"AS prev FROM ledger) GROUP BY person), "
	"spells AS (SELECT spell_id, person, province, village, start_day, end_day, "
	"recruited_by, s40_day_month(start_day) AS sm FROM spell) "
	"SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day, "
	"s.recruited_by, s.sm, r.paid_to, r.run_from, max(s.sm, coalesce(r.paid_to + 1, s.sm)) "
	"FROM spells s LEFT JOIN runs r ON r.person = s.person";

/* Every row of spell_paid made anew (spell_paid_fill) with its indexes set
 * aside: each dropped before the rows and created again after them from its
 * own statement in the schema, so the rows go in unindexed and each index is
 * built by one sort (filled with them in place, each row enters three indexes
 * at random places: 5,000,650 spells took 120.5 s so in the sqlite3 shell,
 * 53.7 s dropped and created again). Inside the caller's transaction, whose rollback
 * brings everything back. */
static int spell_paid_anew(struct s40_store *st)
{
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(st->db,
				    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
				    "AND tbl_name = 'spell_paid' AND sql IS NOT NULL",
				    -1, &q, NULL);
	if (rc != SQLITE_OK)
		return rc;
	struct {
		char *drop, *create;
	} *ix = NULL;
	size_t n = 0;
	/* Read whole before the first drop: the schema may not change under it. */
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		void *more = realloc(ix, (n + 1) * sizeof *ix);
		if (more == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		ix = more;
		char *drop = sqlite3_mprintf("DROP INDEX \"%w\"", sqlite3_column_text(q, 0));
		char *create = sqlite3_mprintf("%s", sqlite3_column_text(q, 1));
		ix[n].drop = drop;
		ix[n++].create = create;
		if (drop == NULL || create == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		rc = sqlite3_exec(st->db, ix[i].drop, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, spell_paid_fill, NULL, NULL, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		rc = sqlite3_exec(st->db, ix[i].create, NULL, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		sqlite3_free(ix[i].drop);
		sqlite3_free(ix[i].create);
	}
	free(ix);
	return rc;
}

/* store.h: paid_anew. */
static enum s40_err sq_paid_anew(struct s40_store *st, struct s40_ctx *ctx)
{
	int rc = spell_paid_anew(st);
	return rc == SQLITE_OK ? S40_OK : sq_error(st->db, rc, ctx);
}

/* A mark of the spells and payments there are (the greatest IDs, summed):
 * the loads that turn the triggers off (a persons' import, the demo, a copy)
 * add spells and payments and change none already there, so a mark that did
 * not move means the ledger's sums and the spells' months paid are still
 * right (a persons' import into a national database then does not read its
 * millions of ledger rows again). -1 when it cannot be read. */
static int64_t load_mark(struct s40_store *st)
{
	sqlite3_stmt *q;
	int64_t m = -1;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT coalesce((SELECT max(spell_id) FROM spell), 0) + "
			       "coalesce((SELECT max(payment_id) FROM payment), 0)",
			       -1, &q, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW)
		m = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return m;
}

/* store.h: the triggers off while the rows go in (changing the setting
 * expires the prepared statements, which SQLite prepares again with or
 * without them), the index filled after them in one statement, and the
 * ledger's sums and the spells' months paid, which are kept by triggers too,
 * made anew. */
static enum s40_err sq_name_index(struct s40_store *st, enum s40_name_index step,
				  struct s40_ctx *ctx)
{
	int rc = SQLITE_OK, was;
	if (step == S40_NAME_INDEX_BUILD) {
		sqlite3_stmt *q;
		rc = sqlite3_prepare_v2(st->db, name_index_fill, -1, &q, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(q);
			sqlite3_finalize(q);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
		int64_t mark = load_mark(st);
		if (rc == SQLITE_OK && (mark < 0 || mark != st->load_mark))
			rc = sqlite3_exec(st->db, ledger_sum_fill, NULL, NULL, NULL);
		if (rc == SQLITE_OK && (mark < 0 || mark != st->load_mark))
			rc = spell_paid_anew(st);
	} else if (step == S40_NAME_INDEX_DEFER) {
		st->load_mark = load_mark(st);
	}
	enum s40_err e = rc == SQLITE_OK ? S40_OK : sq_error(st->db, rc, ctx);
	if (sqlite3_db_config(st->db, SQLITE_DBCONFIG_ENABLE_TRIGGER,
			      step == S40_NAME_INDEX_DEFER ? 0 : 1, &was) != SQLITE_OK &&
	    e == S40_OK)
		e = s40_errorf(ctx, S40_E_DB, NULL, "เปิดหรือปิดทริกเกอร์ไม่ได้",
			       "could not turn the triggers on or off");
	return e;
}

/* An ad-hoc statement (copy.c): its own sqlite3_stmt, not one of the named
 * queries, freed with sq_finalize. */
static enum s40_err sq_prepare(struct s40_store *st, const char *sql, struct s40_stmt **out,
			       struct s40_ctx *ctx)
{
	*out = NULL;
	struct s40_stmt *s = calloc(1, sizeof *s);
	if (s == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s->st, NULL);
	if (rc != SQLITE_OK) {
		free(s);
		return sq_error(st->db, rc, ctx);
	}
	s->base.engine = &s40_store_sqlite;
	s->owner = st;
	*out = s;
	return S40_OK;
}

static void sq_finalize(struct s40_stmt *s)
{
	if (s == NULL)
		return;
	sqlite3_finalize(s->st);
	free(s);
}

/* Nothing to do: an INTEGER PRIMARY KEY gives a new row the largest key + 1,
 * whatever keys were written before. */
static enum s40_err sq_sync_keys(struct s40_store *st, struct s40_ctx *ctx)
{
	(void)st;
	(void)ctx;
	return S40_OK;
}

/* Run "VERB name" for a savepoint; the name is checked so it cannot carry SQL. */
static enum s40_err sq_savepoint_exec(struct s40_store *st, const char *verb, const char *name,
				      struct s40_ctx *ctx)
{
	enum s40_err rc = s40_store_savepoint_check(name, !sqlite3_get_autocommit(st->db), ctx);
	if (rc)
		return rc;
	char sql[96];
	snprintf(sql, sizeof sql, "%s %s", verb, name);
	return sq_exec(st, sql, ctx);
}

static enum s40_err sq_savepoint(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_savepoint_exec(st, "SAVEPOINT", name, ctx);
	return rc ? rc : sqd_savepoint(st, ctx);
}

static enum s40_err sq_release(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_savepoint_exec(st, "RELEASE", name, ctx);
	if (rc == S40_OK)
		sqd_release(st);
	return rc;
}

static enum s40_err sq_rollback_to(struct s40_store *st, const char *name, struct s40_ctx *ctx)
{
	enum s40_err rc = sq_savepoint_exec(st, "ROLLBACK TO", name, ctx);
	if (rc == S40_OK)
		sqd_rollback_to(st);
	return rc;
}

const struct s40_store_engine s40_store_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.stmt = sq_stmt,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_int64 = sq_col_int64,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.col_null = sq_col_null,
	.reset = sq_reset,
	.schema_version = sq_schema_version,
	.in_tx = sq_in_tx,
	.savepoint = sq_savepoint,
	.release = sq_release,
	.rollback_to = sq_rollback_to,
	.data_version = sq_data_version,
	.bulk = sq_bulk,
	.cache = sq_cache,
	.name_index = sq_name_index,
	.paid_anew = sq_paid_anew,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.sync_keys = sq_sync_keys,
	.begin_read = sq_begin_read,
	.wait_change = sq_wait_change,
	.position = sq_position,
	.reached = sq_reached,
	.digest_scan = sqd_scan,
	.digest_stored = sqd_stored,
};
