/*
 * engine.h — what the engines (sqlite.c, pg.c) share and callers of store.h
 * never see (as SQLite keeps btreeInt.h beside btree.h): the migration loop
 * and the check of a savepoint's name.
 */
#ifndef S40_STORE_ENGINE_H
#define S40_STORE_ENGINE_H

#include <stdbool.h>

#include "store.h"

/* Apply migration number n, whose SQL text is sql, together with writing n as
 * the schema version, in one transaction of the engine's. */
typedef enum s40_err (*s40_store_apply_fn)(struct s40_store *st, const char *sql, int n,
					   struct s40_ctx *ctx);

/*
 * Bring a database at *version up to the newest embedded migration whose name
 * starts with prefix ("migrations/sqlite/"), calling apply for each one above
 * *version in order; *version follows. A database newer than the program is
 * S40_E_SCHEMA, a gap in the numbers S40_E_INTERNAL.
 */
enum s40_err s40_store_migrate(struct s40_store *st, const char *prefix, int *version,
			       s40_store_apply_fn apply, struct s40_ctx *ctx);

/* The newest migration number under prefix (0 when there is none). */
int s40_store_migration_latest(const char *prefix);

/* S40_OK when name may be a savepoint's (letters, digits and '_', 1 to 48 of
 * them) and a transaction is open; S40_E_INTERNAL otherwise. */
enum s40_err s40_store_savepoint_check(const char *name, bool in_tx, struct s40_ctx *ctx);

#endif
