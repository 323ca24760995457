/*
 * store.h — the one storage interface of s40, and the named queries.
 *
 * Callers never write SQL. They ask the store for a named query (enum s40_q),
 * bind its parameters by position (1-based), step through its rows and read
 * columns by position (0-based). Each engine holds the SQL text of every
 * query in its own dialect (lib/store/sqlite.c, later lib/store/pg.c) and
 * prepares it once per connection. This keeps every SQL string and every
 * engine call inside lib/store, and lets one registry run on either engine.
 *
 * A connection is used by one thread at a time. A write is done inside
 * s40_store_begin / s40_store_commit (or s40_store_rollback); a failed step
 * inside a transaction leaves it open for the caller to roll back.
 *
 * Ownership: s40_store_open returns a connection the caller closes with
 * s40_store_close, which also finalises its statements. Statements belong to
 * the connection; text read from a row is valid until the next step or reset.
 */
#ifndef S40_STORE_STORE_H
#define S40_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* s40_stmt_step returns this when a row is ready (S40_OK when done). */
#define S40_ROW (-1)

/* The named queries. Each comment gives the parameters (?) and the columns (→). */
enum s40_q {
	/* meta */
	S40_Q_META_GET,  /* key → value */
	S40_Q_META_SET,  /* key, value */

	/* areas */
	S40_Q_AREA_INSERT,     /* code, level, parent, moo, name_th, name_en, postcode */
	S40_Q_AREA_GET,        /* code → code, level, parent, moo, name_th, name_en, postcode */
	S40_Q_AREA_RENAME,     /* code, name_th, name_en */
	S40_Q_AREA_CHILDREN,   /* parent (NULL for the provinces) → area columns */
	S40_Q_AREA_RANGE,      /* lo, hi, level → area columns with lo <= code <= hi, by code */
	S40_Q_AREA_COUNT,      /* → n */
	S40_Q_AREA_ALL,        /* → code, level, parent, moo, name_th, name_en, postcode */

	/* persons */
	S40_Q_PERSON_INSERT, /* id, title, first_th, last_th, first_en, last_en, birth_day,
			        sex, thai, village, phone, address, journal_seq */
	S40_Q_PERSON_UPDATE, /* id, title, first_th, last_th, first_en, last_en, birth_day,
			        sex, thai, village, phone, address, journal_seq */
	S40_Q_PERSON_GET,    /* id → id, title, first_th, last_th, first_en, last_en,
			        birth_day, sex, thai, village, phone, address, journal_seq */
	S40_Q_PERSON_FIND_NAME, /* pattern (LIKE, on first_th||' '||last_th and English),
				   area_lo, area_hi (village codes), limit → person columns */
	S40_Q_PERSON_COUNT,  /* → n */

	/* memberships (spells) */
	S40_Q_SPELL_INSERT,     /* person, province, village, start_day, option, recruited_by,
				   channel, journal_seq → spell_id */
	S40_Q_SPELL_OPEN,       /* person → spell columns (the spell with no end) */
	S40_Q_SPELL_OF_PERSON,  /* person → spell columns, by start_day */
	S40_Q_SPELL_END,        /* spell_id, end_day, end_reason, journal_seq */
	S40_Q_SPELL_ALL,        /* → village, start_day, end_day (every spell: the as-of index) */
	S40_Q_SPELL_GET,        /* spell_id → spell columns */
	/* spell columns: spell_id, person, province, village, start_day, end_day, end_reason,
	   option, recruited_by, channel, journal_seq */

	/* option changes */
	S40_Q_OPTCHG_INSERT,   /* spell_id, request_day, from_month, old_option, new_option,
				  journal_seq */
	S40_Q_OPTCHG_OF_SPELL, /* spell_id → request_day, from_month, old_option, new_option */

	/* exclusions */
	S40_Q_EXCL_INSERT,     /* person, kind, start_day, end_day, source, journal_seq */
	S40_Q_EXCL_OF_PERSON,  /* person → excl_id, kind, start_day, end_day, source */
	S40_Q_EXCL_SAME,       /* person, kind, start_day → excl_id, end_day, source */
	S40_Q_EXCL_UPDATE,     /* excl_id, end_day, source, journal_seq */

	/* journal */
	S40_Q_JOURNAL_APPEND, /* seq, at (unix seconds), user, op, entity, detail, prev_hash,
				 hash */
	S40_Q_JOURNAL_LAST,   /* → seq, hash */
	S40_Q_JOURNAL_ALL,    /* → seq, at, user, op, entity, detail, prev_hash, hash */
	S40_Q_JOURNAL_OF_ENTITY, /* entity → seq, at, user, op, entity, detail */

	/* reports */
	S40_Q_ASOF_BY_VILLAGE, /* day → village, active (SQL count: the index's cross-check) */

	S40_Q__END
};

struct s40_store;
struct s40_stmt;

/* The engine table: filled by each engine (curl vtls style). */
struct s40_store_engine {
	const char *name; /* "sqlite", "postgres" */
	/* Open the database at uri (creating it if create), apply migrations. */
	enum s40_err (*open)(const char *uri, bool create, struct s40_store **out,
			     struct s40_ctx *ctx);
	void (*close)(struct s40_store *st);
	enum s40_err (*begin)(struct s40_store *st, struct s40_ctx *ctx);
	enum s40_err (*commit)(struct s40_store *st, struct s40_ctx *ctx);
	void (*rollback)(struct s40_store *st);
	enum s40_err (*stmt)(struct s40_store *st, enum s40_q q, struct s40_stmt **out,
			     struct s40_ctx *ctx);
	void (*bind_int64)(struct s40_stmt *s, int i, int64_t v);
	void (*bind_text)(struct s40_stmt *s, int i, const char *v);
	void (*bind_blob)(struct s40_stmt *s, int i, const void *v, size_t n);
	void (*bind_null)(struct s40_stmt *s, int i);
	int (*step)(struct s40_stmt *s, struct s40_ctx *ctx);
	int64_t (*col_int64)(struct s40_stmt *s, int i);
	const char *(*col_text)(struct s40_stmt *s, int i);
	const void *(*col_blob)(struct s40_stmt *s, int i, size_t *n);
	bool (*col_null)(struct s40_stmt *s, int i);
	void (*reset)(struct s40_stmt *s);
	int (*schema_version)(struct s40_store *st);
	bool (*in_tx)(struct s40_store *st);
};

/* Every connection starts with a pointer to its engine. */
struct s40_store_base {
	const struct s40_store_engine *engine;
};

/* Every statement too. */
struct s40_stmt_base {
	const struct s40_store_engine *engine;
};

/* The engines linked in. */
extern const struct s40_store_engine s40_store_sqlite;

/*
 * Open uri: a file path (SQLite) or postgres://… (PostgreSQL, when built).
 * With create, a missing SQLite file is made; without, it is S40_E_NOT_FOUND.
 * Migrations are applied; a database newer than the program is S40_E_SCHEMA.
 */
enum s40_err s40_store_open(const char *uri, bool create, struct s40_store **out,
			    struct s40_ctx *ctx);
void s40_store_close(struct s40_store *st);
const char *s40_store_engine_name(const struct s40_store *st);
int s40_store_schema_version(struct s40_store *st);

/* Transactions. begin takes the write lock at once (SQLite BEGIN IMMEDIATE). */
enum s40_err s40_store_begin(struct s40_store *st, struct s40_ctx *ctx);
enum s40_err s40_store_commit(struct s40_store *st, struct s40_ctx *ctx);
void s40_store_rollback(struct s40_store *st);
bool s40_store_in_tx(struct s40_store *st);

/* The prepared statement of query q, reset and with no bindings. NULL and
 * ctx set on failure. Do not keep it across another s40_store_stmt(q). */
struct s40_stmt *s40_store_stmt(struct s40_store *st, enum s40_q q, struct s40_ctx *ctx);

/* Bind parameter i (1-based). NULL text binds NULL. */
void s40_stmt_int64(struct s40_stmt *s, int i, int64_t v);
void s40_stmt_text(struct s40_stmt *s, int i, const char *v);
void s40_stmt_blob(struct s40_stmt *s, int i, const void *v, size_t n);
void s40_stmt_null(struct s40_stmt *s, int i);
/* Bind an int64, or NULL when v == none. */
void s40_stmt_int64_or_null(struct s40_stmt *s, int i, int64_t v, int64_t none);

/* Run to the next row: S40_ROW, S40_OK when done, or an error code (a
 * constraint → S40_E_CONSTRAINT, a lock → S40_E_DB_BUSY). */
int s40_stmt_step(struct s40_stmt *s, struct s40_ctx *ctx);

/* Run a statement that returns no rows (or ignore them): S40_OK or error. */
enum s40_err s40_stmt_exec(struct s40_stmt *s, struct s40_ctx *ctx);

/* Column i (0-based) of the current row. Text is NULL for SQL NULL. */
int64_t s40_col_int64(struct s40_stmt *s, int i);
const char *s40_col_text(struct s40_stmt *s, int i);
const void *s40_col_blob(struct s40_stmt *s, int i, size_t *n);
bool s40_col_null(struct s40_stmt *s, int i);
/* An int64 column, or none when NULL. */
int64_t s40_col_int64_or(struct s40_stmt *s, int i, int64_t none);

/* Reset a statement (clear bindings) when done with it early. */
void s40_stmt_reset(struct s40_stmt *s);

#endif
