/*
 * sqlite_int.h — what sqlite.c and sqlite_digest.c share: the SQLite engine's
 * connection and statement, and the digest's hooks into its transactions.
 */
#ifndef S40_STORE_SQLITE_INT_H
#define S40_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "digest.h"
#include "store.h"

struct s40_stmt {
	struct s40_stmt_base base;
	sqlite3_stmt *st;
	struct s40_store *owner;
};

/* The digests' worker thread of a bulk load (sqlite_digest.c). */
struct sqd_worker;

/* The digest of the connection's writes (sqlite_digest.c). */
struct sq_digest {
	bool on; /* the schema has data_digest: changes are digested */
	int migrated_from; /* the schema version this open found */
	struct s40_digest_pending cur; /* this transaction's changes, not yet stored */
	/* cur as it was when each open savepoint began, the innermost last. */
	struct s40_digest_pending *saved;
	int n_saved, cap_saved;
	/* The column names of each digested table, in the table's order. */
	char **cols[S40_DT__N];
	int ncols[S40_DT__N];
	sqlite3_stmt *get, *put;
	/* While a bulk load writes outside any savepoint, each row's numbers are
	 * drawn and summed on this thread (NULL: not started, or could not be). */
	struct sqd_worker *w;
	bool bulk;
};

struct s40_store {
	struct s40_store_base base;
	sqlite3 *db;
	struct s40_stmt stmts[S40_Q__END];
	int version;
	bool bulk; /* the page cache is the bulk load's (sq_bulk) */
	int cache_kib; /* the everyday page cache (sq_cache; 0: SQLite's default) */
	/* The greatest spell and payment IDs when a load turned the triggers off
	 * (sq_name_index): their rows are made anew only if it added any. */
	int64_t load_mark;
	struct sq_digest dg;
};

/*
 * sqlite_digest.c. sqd_open reads the digested tables' columns, hooks every
 * row change of the connection, and computes the digests of a database that
 * has none yet (just migrated). sqd_commit adds the transaction's changes to
 * the stored digests (inside it, before COMMIT); sqd_reset forgets them (a
 * begin, a rollback). sqd_savepoint/sqd_release/sqd_rollback_to follow the
 * savepoints of the same names.
 */
enum s40_err sqd_open(struct s40_store *st, struct s40_ctx *ctx);
void sqd_close(struct s40_store *st);
enum s40_err sqd_commit(struct s40_store *st, struct s40_ctx *ctx);
void sqd_reset(struct s40_store *st);
enum s40_err sqd_savepoint(struct s40_store *st, struct s40_ctx *ctx);
void sqd_release(struct s40_store *st);
void sqd_rollback_to(struct s40_store *st);
/* A bulk load begins (on) or ends: while on, the digests' main work is done on
 * a second thread; off waits for it and stops it. */
void sqd_bulk(struct s40_store *st, bool on);
enum s40_err sqd_scan(struct s40_store *st, int t, int64_t head, struct s40_digest_sum *out,
		      struct s40_ctx *ctx);
enum s40_err sqd_stored(struct s40_store *st, int t, struct s40_lthash *d, bool *found,
			struct s40_ctx *ctx);

/* sqlite.c */
enum s40_err sq_error(sqlite3 *db, int rc, struct s40_ctx *ctx);

#endif
