/*
 * pg_int.h — what the two halves of the PostgreSQL engine share (pg.c, the
 * connection; pg_stmt.c, the statements): the connection and statement
 * structures and the functions one calls in the other. Nothing outside
 * lib/store/pg*.c includes it.
 */
#ifndef S40_STORE_PG_INT_H
#define S40_STORE_PG_INT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* Advisory lock key of the one writer ("S40W"). */
#define PG_WRITER_LOCK 0x53343057

#define MAX_PARAMS 32 /* parameters of a statement, and bytea columns of a row */

struct s40_stmt {
	struct s40_stmt_base base;
	struct s40_store *owner;
	char name[24]; /* the prepared statement's name; "" before it is prepared */
	unsigned epoch; /* the connection's epoch it was prepared in (pg_revive) */
	const char *sql; /* its text (a named query's, or an ad-hoc one's copy) */
	char *sql_owned; /* the ad-hoc text, freed with the statement */
	bool adhoc;
	bool stream; /* read in single-row mode */
	bool deferrable; /* a write with no result rows: may be pipelined in bulk mode */
	int n_params;
	/* Bound parameters: text (owned) or binary. */
	char *val[MAX_PARAMS];
	int len[MAX_PARAMS];
	int fmt[MAX_PARAMS];
	/* The result: buffered (res, row of n_rows) or streaming (one row in res). */
	bool ran;
	bool streaming; /* a single-row stream is open on the connection */
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
	bool bulk; /* s40_store_bulk: writes are pipelined */
	/* The greatest spell and payment IDs, summed, when a load turned the
	 * derived rows' triggers off (pg_name_index): -1 when unread. */
	int64_t load_mark;
	int n_pending; /* pipelined writes whose results are not read yet */
	/* The first failure of a pipelined write in this transaction, kept so that a
	 * later "transaction is aborted" is reported as what caused it. */
	enum s40_err pipe_err;
	struct s40_ctx pipe_ctx;
	/* Reconnection (pg_revive). */
	bool tx_open; /* a transaction was begun and not yet ended by the caller */
	unsigned epoch; /* bumped each time the connection is re-established */
	int64_t revive_after_ms; /* no new attempt before this (monotonic ms) */
	/* s40_store_wait_change. */
	bool listening; /* LISTEN done on this connection (this epoch) */
	int64_t listen_retry_ms; /* a standby refused LISTEN: ask again after this */
};

/* pg.c. pg_error puts the error of res (or of the connection when res has
 * none) on ctx and returns its code; pg_exec runs sql (no parameters) and
 * returns S40_OK when every statement in it succeeded; pg_in_tx says whether a
 * transaction is open (or aborted and not yet rolled back). */
enum s40_err pg_error(struct s40_store *st, const PGresult *res, struct s40_ctx *ctx);
enum s40_err pg_exec(struct s40_store *st, const char *sql, struct s40_ctx *ctx);
bool pg_in_tx(struct s40_store *st);

/* pg.c. The connection was lost: re-establish it (libpq's PQreset, which
 * with a multi-host URI and target_session_attrs=read-write finds the
 * primary of the moment), at most once a second, and never inside a
 * transaction the caller has not ended (its work is gone: it must learn so
 * and roll back). S40_E_DB_UNAVAILABLE when the database is still away. */
enum s40_err pg_revive(struct s40_store *st, struct s40_ctx *ctx);

/* pg_stmt.c. pg_idle makes the connection free for a query of its own (an
 * open stream read into memory, pipelined writes finished; their first failure
 * is returned). pg_stmts_init fills the named statements of a new connection,
 * pg_stmts_free frees what they hold (not the connection). */
enum s40_err pg_idle(struct s40_store *st, struct s40_ctx *ctx);
void pg_stmts_init(struct s40_store *st);
void pg_stmts_free(struct s40_store *st);

/* pg_stmt.c: the statement entries of the engine table (store.h says what
 * each does). */
enum s40_err pg_stmt(struct s40_store *st, enum s40_q q, struct s40_stmt **out,
		     struct s40_ctx *ctx);
enum s40_err pg_prepare(struct s40_store *st, const char *sql, struct s40_stmt **out,
			struct s40_ctx *ctx);
void pg_finalize(struct s40_stmt *s);
void pg_bind_int64(struct s40_stmt *s, int i, int64_t v);
void pg_bind_text(struct s40_stmt *s, int i, const char *v);
void pg_bind_blob(struct s40_stmt *s, int i, const void *v, size_t n);
void pg_bind_null(struct s40_stmt *s, int i);
int pg_step(struct s40_stmt *s, struct s40_ctx *ctx);
int64_t pg_col_int64(struct s40_stmt *s, int i);
const char *pg_col_text(struct s40_stmt *s, int i);
const void *pg_col_blob(struct s40_stmt *s, int i, size_t *n);
bool pg_col_null(struct s40_stmt *s, int i);
void pg_reset(struct s40_stmt *s);

/* pg_digest.c: the digests (digest.h) of the rows the triggers of
 * migrations/pg/0008_digest.sql collect. pgd_commit adds the transaction's to
 * the stored ones, inside it, before COMMIT; pgd_seed computes those a
 * database just migrated lacks; pgd_scan and pgd_stored are the engine's
 * digest_scan and digest_stored. */
enum s40_err pgd_commit(struct s40_store *st, struct s40_ctx *ctx);
enum s40_err pgd_seed(struct s40_store *st, struct s40_ctx *ctx);
enum s40_err pgd_scan(struct s40_store *st, int t, int64_t head, struct s40_digest_sum *out,
		      struct s40_ctx *ctx);
enum s40_err pgd_stored(struct s40_store *st, int t, struct s40_lthash *d, bool *found,
			struct s40_ctx *ctx);

#endif
