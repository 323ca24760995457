/*
 * copy.h — copying a whole s40 database into another one, of the same engine
 * or the other (s40 copy: a SQLite file to PostgreSQL and back): every table,
 * the journal included, so that the copy verifies and answers every report
 * as the original does.
 *
 * The catalogue lists every table of the schema in foreign-key order (a table
 * after the tables it refers to), with its columns, their kinds and its key.
 * It is the one place outside the migrations that knows the whole schema: a
 * migration that adds a table or a column adds it here too, and the unit test
 * tests/unit/store/copy.c fails until it does.
 */
#ifndef S40_STORE_COPY_H
#define S40_STORE_COPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store.h"

/* How a column's values are read and bound. */
enum s40_copy_kind {
	S40_COPY_INT, /* INTEGER / bigint */
	S40_COPY_TEXT, /* TEXT / text */
	S40_COPY_BLOB, /* BLOB / bytea */
};

struct s40_copy_col {
	const char *name;
	enum s40_copy_kind kind;
};

/* The most columns a key has. */
#define S40_COPY_KEY_MAX 2

/* One table: its columns in the order of its CREATE TABLE, and its primary
 * key (names ended by NULL), the order its rows are read in. */
struct s40_copy_table {
	const char *name;
	const struct s40_copy_col *cols;
	size_t n_cols;
	const char *key[S40_COPY_KEY_MAX + 1];
};

/* The catalogue: s40_copy_n_tables tables in foreign-key order, meta first. */
extern const struct s40_copy_table s40_copy_tables[];
extern const size_t s40_copy_n_tables;

/* The catalogue's table called name, or NULL. */
const struct s40_copy_table *s40_copy_table_find(const char *name);

/* Whether name is a table the copy leaves out on purpose: data_digest, the
 * digests of the rows, which the destination's commits compute for the rows
 * they receive (store/digest.h), so that they are its own; and the names'
 * index (person_name and its shadow tables, migration 0010), which the
 * destination's triggers fill from the persons it receives. */
bool s40_copy_table_skipped(const char *name);

/*
 * Whether st holds data: a row in any table but meta (a database made by
 * s40_store_open(create) holds only meta; one made by s40 init holds the
 * areas). *table is set to the first such table's name (static), or NULL.
 */
enum s40_err s40_store_has_data(struct s40_store *st, const char **table, struct s40_ctx *ctx);

/* How often s40_store_copy calls its progress function, in rows. */
#define S40_COPY_PROGRESS_ROWS 10000

/*
 * Copy every row of every table of from into to, which must be an s40
 * database at the same schema version holding no data (s40_store_has_data):
 * S40_E_EXISTS otherwise, S40_E_SCHEMA when the versions differ. The rows of
 * meta are copied over to's own (the schema version is the same; a setting
 * such as campaign.full_threshold takes from's value).
 *
 * from is read in one snapshot (a read transaction), so a copy taken while
 * others write holds one consistent state. Everything is written in one
 * transaction on to, with the bulk hint on (s40_store_bulk), rows streamed
 * one at a time from a read of from into an insert on to, so that memory does
 * not grow with the database; then the key generators of to are moved past
 * the copied keys (s40_store_sync_keys) and the transaction commits. On any
 * failure it is rolled back: to is exactly as it was.
 *
 * progress (may be NULL) is called with arg, a table's name and its rows
 * copied so far every S40_COPY_PROGRESS_ROWS rows and once when the table is
 * done (also with 0). rows, when not NULL, has s40_copy_n_tables entries
 * and receives each table's count, by the catalogue's order. Neither store
 * may be in a transaction.
 */
enum s40_err s40_store_copy(struct s40_store *from, struct s40_store *to,
			    void (*progress)(void *arg, const char *table, int64_t rows), void *arg,
			    int64_t *rows, struct s40_ctx *ctx);

#endif
