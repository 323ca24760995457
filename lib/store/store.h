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
#include "digest.h"

/* s40_stmt_step returns this when a row is ready (S40_OK when done). */
#define S40_ROW (-1)

/* The named queries. Each comment gives the parameters (?) and the columns (→). */
enum s40_q {
	/* meta */
	S40_Q_META_GET,  /* key → value */
	S40_Q_META_SET,  /* key, value */

	/* areas */
	S40_Q_AREA_INSERT,     /* code, level, parent, moo, name_th, name_en, postcode */
	S40_Q_AREA_INSERT_MANY, /* JSON text: an array of [code, level, parent, moo, name_th,
				   name_en, postcode] arrays (null for none) */
	S40_Q_AREA_GET,        /* code → code, level, parent, moo, name_th, name_en, postcode */
	S40_Q_AREA_RENAME,     /* code, name_th, name_en */
	S40_Q_AREA_CHILDREN,   /* parent (NULL for the provinces) → area columns */
	S40_Q_AREA_RANGE,      /* lo, hi, level → area columns with lo <= code <= hi, by code */
	S40_Q_AREA_COUNT_RANGE, /* lo, hi, level → n: areas of level with lo <= code <= hi */
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
	S40_Q_PERSON_FIND_INDEXED, /* the same, the names looked up in their index: ?7 the
				      full-text query (registry/person.h, s40_name_query;
				      PostgreSQL's trigram indexes serve FIND_NAME as it is) */
	S40_Q_PERSON_COUNT,  /* → n */
	S40_Q_PERSON_AFTER,  /* id, limit → person columns of the persons after id, by id
				(a walk over the register in pages: registry/upgrade.c) */
	/* An import into an empty register drops the village index before its rows
	 * and builds it after them, in its transaction (lib/io/import_persons.c). */
	S40_Q_PERSON_VILLAGE_INDEX_DROP,
	S40_Q_PERSON_VILLAGE_INDEX_BUILD,

	/* memberships (spells) */
	S40_Q_SPELL_INSERT,     /* person, province, village, start_day, option, recruited_by,
				   channel, journal_seq → spell_id */
	S40_Q_SPELL_OPEN,       /* person → spell columns (the spell with no end) */
	S40_Q_SPELL_OF_PERSON,  /* person → spell columns, by start_day */
	S40_Q_SPELL_END,        /* spell_id, end_day, end_reason, journal_seq */
	S40_Q_SPELL_ALL,        /* → village, start_day, end_day (every spell: the as-of index) */
	S40_Q_SPELL_IN_PROVINCE, /* province, lo, hi → village, start_day, end_day (the spells
				   of the villages lo..hi of one province) */
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
	S40_Q_JOURNAL_HASH_AT, /* seq → hash */
	S40_Q_JOURNAL_ALL,    /* → seq, at, user, op, entity, detail, prev_hash, hash */
	S40_Q_JOURNAL_OF_ENTITY, /* entity → seq, at, user, op, entity, detail */

	/* reports */
	S40_Q_ASOF_BY_VILLAGE, /* day → village, active (SQL count: the index's cross-check) */

	/* contributions (issue 3: lib/registry/ledger.c, benefit.c, lib/report/ledger.c) */
	S40_Q_PAY_BY_RECEIPT, /* receipt → payment_id, person, paid_day, channel, first_month,
				 last_month, total, extra, journal_seq */
	S40_Q_PAY_INSERT,     /* person, province, receipt, paid_day, channel, first_month,
				 last_month, total, extra, journal_seq → payment_id */
	S40_Q_LEDGER_INSERT,  /* person, month, province, village, spell_id, option, member,
				 government, extra, payment_id */
	S40_Q_LEDGER_OF_PERSON, /* person, from_month, to_month → month, spell_id, option,
				   member, government, extra, payment_id, receipt, paid_day,
				   channel (by month) */
	S40_Q_LEDGER_BY_VILLAGE, /* from_month, to_month, village_lo, village_hi → month,
				    village, member, government, extra, n_paying (the sums of
				    migration 0013's ledger_sum, in no order) */
	S40_Q_BENEFIT_INSERT, /* person, kind, event_day, units, amount, journal_seq
				 → benefit_id */
	S40_Q_BENEFIT_OF_PERSON, /* person → benefit_id, kind, event_day, units, amount,
				    journal_seq (by event_day) */

	/* campaign: village surveys and fiscal-year targets (registry/survey.c, target.c,
	   stats/coverage.c) */
	S40_Q_SURVEY_GET_AT,      /* village, day → survey_id (the survey of that exact day) */
	S40_Q_SURVEY_INSERT,      /* village, day, journal_seq → survey_id */
	S40_Q_SURVEY_TOUCH,       /* survey_id, journal_seq (the last change of the survey) */
	S40_Q_SURVEY_IN_FORCE,    /* village, day → survey columns (latest day <= day) */
	S40_Q_SURVEY_OF_VILLAGE,  /* village → survey columns, by day */
	S40_Q_SURVEY_RANGE,       /* lo, hi (village codes) → survey columns, by village, day */
	/* survey columns: survey_id, village, day, n_residents, journal_seq */
	S40_Q_SURVEY_RES_GET,     /* survey_id, person → status, reason */
	S40_Q_SURVEY_RES_PUT,     /* survey_id, person, status, reason, journal_seq (insert or
				     replace the status) */
	S40_Q_SURVEY_RES_OF,      /* survey_id → person, status, reason, by person */
	S40_Q_SURVEY_RES_RANGE,   /* lo, hi → survey_id, person, status, reason, by survey_id,
				     person (residents of every survey of villages lo..hi) */
	S40_Q_SURVEY_PERSONS_RANGE, /* lo, hi → person, birth_day, thai (each person surveyed
				       in villages lo..hi once, by person) */
	S40_Q_SURVEY_SPELLS_RANGE,  /* lo, hi → person, start_day, end_day (their spells), by
				       person, start_day */
	S40_Q_SURVEY_EXCL_RANGE,    /* lo, hi → person, kind, start_day, end_day (their
				       exclusions), by person */
	S40_Q_TARGET_GET,         /* fy, area → n, how, journal_seq */
	S40_Q_TARGET_PUT,         /* fy, area, n, how, journal_seq (insert or replace) */
	S40_Q_TARGET_DELETE,      /* fy, area */
	S40_Q_TARGET_OF_FY,       /* fy → area, n, how, journal_seq, by area */
	S40_Q_TARGET_LATEST_FY,   /* area, max_fy → fy (the latest fy <= max_fy with a target) */

	/* network and field events (issue 5 second half: lib/registry/network.c, event.c,
	   lib/report/network.c); network columns: member_id, person, role, area,
	   supervisor, from_day, end_day, journal_seq; event columns: event_id, day, village,
	   kind, place, note, journal_seq */
	S40_Q_NET_INSERT,      /* person, province, role, area, supervisor, from_day,
				  journal_seq → member_id */
	S40_Q_NET_OPEN,        /* person → network columns (the open period) */
	S40_Q_NET_OF_PERSON,   /* person → network columns, by from_day */
	S40_Q_NET_END,         /* member_id, end_day, journal_seq */
	S40_Q_NET_ALL,         /* province (NULL: all) → network columns, by person, from_day */
	S40_Q_NET_RECRUITS,    /* from_day, to_day → recruited_by, spell_id, person, start_day,
				  end_day: spells with a recruiter started in [from, to] */
	S40_Q_EVENT_INSERT,    /* day, village, province, kind, place, note, journal_seq
				  → event_id */
	S40_Q_EVENT_GET,       /* event_id → event columns */
	S40_Q_EVENT_LIST,      /* from_day, to_day, village_lo, village_hi → event columns,
				  by day, event_id */
	S40_Q_EVENT_STAFF_ADD, /* event_id, person */
	S40_Q_EVENT_STAFF_OF,  /* event_id → person, by person */
	S40_Q_EVENT_N_ENROL,   /* event_id → n (spells made at the event) */
	S40_Q_SPELL_SET_EVENT, /* spell_id, event_id */
	S40_Q_FU_ASSIGN_GET,   /* person → assignee, from_day, journal_seq */
	S40_Q_FU_ASSIGN_SET,   /* person, province, assignee, from_day, journal_seq (insert or
				  replace the member's assignment) */
	S40_Q_FU_ASSIGN_DEL,   /* person */
	S40_Q_FU_ASSIGNED_TO,  /* assignee → person, by person */
	S40_Q_FU_ASSIGNED,     /* → person: every member assigned to anyone, by person */
	S40_Q_FU_ASSIGNED_AMONG, /* a JSON array of IDs → person: those of them assigned */
	S40_Q_FU_CALL_ADD,     /* person, province, day, outcome, caller, note, journal_seq
				  → call_id */
	S40_Q_FU_CALLS,        /* person → call_id, day, outcome, caller, note, journal_seq,
				  newest first */

	/* server: users, sessions, login throttle, paged searches (issue 4: registry/user.c) */
	S40_Q_USER_INSERT,      /* name, role, area, person, pw_hash, created_at, journal_seq
				   → user_id */
	S40_Q_USER_GET,         /* name → user columns */
	S40_Q_USER_ALL,         /* → user columns, by name */
	/* user columns: user_id, name, role, area, person, pw_hash, disabled, created_at */
	S40_Q_USER_SET_PASSWORD, /* name, pw_hash, journal_seq */
	S40_Q_SESSION_INSERT,   /* token_hash, user_id, created_at, expires_at, addr */
	S40_Q_SESSION_GET,      /* token_hash, now → user columns, expires_at (live only) */
	S40_Q_SESSION_DELETE,   /* token_hash */
	S40_Q_SESSION_DELETE_USER, /* user_id (every session of the user) */
	S40_Q_SESSION_PURGE,    /* now (expired sessions) */
	S40_Q_SESSION_TRIM,     /* user_id, token_hash kept, n: all but it and the n newest (by the second) */
	S40_Q_THROTTLE_GET,     /* key → failures, window_start, locked_until */
	S40_Q_THROTTLE_PUT,     /* key, failures, window_start, locked_until */
	S40_Q_THROTTLE_CLEAR,   /* key */
	S40_Q_THROTTLE_CLEAR_RANGE, /* lo, hi: keys lo ≤ key < hi → each key removed */
	/* the keys of repeated writes (migration 0014: the Idempotency-Key header) */
	S40_Q_IDEM_GET,         /* user_name, key → fingerprint, status (NULL: no answer yet),
				   content_type, location, body */
	S40_Q_IDEM_INSERT,      /* user_name, key, fingerprint, method, path, created_at → 1
				   when inserted, no row when the key is there already */
	S40_Q_IDEM_ANSWER,      /* user_name, key, status, content_type, location, body */
	S40_Q_IDEM_DELETE,      /* user_name, key */
	S40_Q_IDEM_EXPIRE,      /* before: the rows created before it removed */
	S40_Q_PERSON_SEARCH,    /* pattern (LIKE on names), lo, hi (village codes), recruiter
				   (NULL: anyone's), limit, offset → person columns, by id */
	S40_Q_PERSON_SEARCH_COUNT, /* pattern, lo, hi, recruiter, cap → n: the matches
				      counted up to cap (NULL: all) */
	S40_Q_PERSON_SEARCH_INDEXED, /* PERSON_SEARCH from the names' index: ?7 the full-text
					query, as for PERSON_FIND_INDEXED */
	S40_Q_PERSON_SEARCH_INDEXED_COUNT, /* PERSON_SEARCH_COUNT likewise */
	S40_Q_AREA_SEARCH,      /* pattern (LIKE on name_th, name_en), limit, offset → area
				   columns, by level, code */
	S40_Q_AREA_SEARCH_COUNT, /* pattern → n */
	S40_Q_JOURNAL_PAGE,     /* entity (NULL: every entity), after_seq, limit → seq, at,
				   user, op, entity, detail, by seq */

	/* one province's rows by its own index (migration 0007: spell_province_start,
	   ledger_province_month); village_lo … village_hi inside that province */
	S40_Q_LEDGER_BY_VILLAGE_PROV, /* from_month, to_month, village_lo, village_hi,
					 province → as S40_Q_LEDGER_BY_VILLAGE */
	S40_Q_LAPSED_ACTIVE, /* day, first day of day's month, village_lo, village_hi,
				province → n: the spells active on day started before its
				month (those the lapsed list looks at) */
	S40_Q_LAPSED_PAID, /* as S40_Q_LAPSED_ACTIVE's, and the day's month → n: of its
			      spells, those whose member paid the month before the day's
			      month (from spell_paid: the month in the member's last run
			      of months paid, or paid before a last run that starts in the
			      day's month or later) */
	S40_Q_LAPSED_NEW, /* day, first day of day's month, village_lo, village_hi,
			     province → n: the spells active on day started in its month,
			     on or before it (an as-of count less these is
			     S40_Q_LAPSED_ACTIVE's) */
	S40_Q_LAPSED_SINCE, /* as S40_Q_LAPSED_PAID's → person, spell_id, start_day,
			       village, recruited_by, last month paid before the day's month
			       (NULL if none), from migration 0015's spell_paid: of
			       S40_Q_LAPSED_ACTIVE's spells, those whose member's greatest
			       month paid is before the day's month minus one, in the list's
			       order (worst first, village, person) */
	S40_Q_LAPSED_RUN, /* as S40_Q_LAPSED_SINCE's: the spells whose member's last run of
			     months paid starts in the day's month or later, the month paid
			     before the day's month read from the ledger, in no order */
	/* spell_paid during a load (migration 0017: s40_store_spell_paid_load) */
	S40_Q_PAID_LOAD_MARK,  /* the mark 0 in spell_paid_load: the triggers defer */
	S40_Q_PAID_LOAD_UNDO,  /* their rows whose spell is gone or another's */
	S40_Q_PAID_LOAD_MEND,  /* their rows' end and months paid set anew */
	S40_Q_PAID_LOAD_FILL,  /* the rows of their spells still missing added */
	S40_Q_PAID_LOAD_CLEAR, /* spell_paid_load emptied, the mark with it */
	S40_Q_PAID_LOAD_SIZE,  /* the members written down; the greatest spell ID */

	S40_Q__END
};

struct s40_store;
struct s40_stmt;

/* The steps of s40_store_name_index. */
enum s40_name_index {
	S40_NAME_INDEX_DEFER, /* stop keeping it row by row */
	S40_NAME_INDEX_BUILD, /* build it from every person, and keep it again */
	S40_NAME_INDEX_ABANDON, /* keep it again without building (the load failed) */
};

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
	/* Savepoints inside a transaction (names: letters, digits, '_'). */
	enum s40_err (*savepoint)(struct s40_store *st, const char *name, struct s40_ctx *ctx);
	enum s40_err (*release)(struct s40_store *st, const char *name, struct s40_ctx *ctx);
	enum s40_err (*rollback_to)(struct s40_store *st, const char *name, struct s40_ctx *ctx);
	/* A number that changes when another connection commits (see below). */
	enum s40_err (*data_version)(struct s40_store *st, int64_t *v, struct s40_ctx *ctx);
	/* Tune the connection for a bulk load, or back (see below). */
	void (*bulk)(struct s40_store *st, bool on);
	/* The connection's everyday page cache (see below). */
	void (*cache)(struct s40_store *st, int mib);
	/* The names' index set aside for a load into an empty register (see below). */
	enum s40_err (*name_index)(struct s40_store *st, enum s40_name_index step,
				   struct s40_ctx *ctx);
	/* An ad-hoc statement of lib/store's own engine-neutral code (copy.c), freed
	 * with finalize; SQL written so that both dialects read it alike. */
	enum s40_err (*prepare)(struct s40_store *st, const char *sql, struct s40_stmt **out,
				struct s40_ctx *ctx);
	void (*finalize)(struct s40_stmt *s);
	/* After rows were written with their keys given (a copy): move each key
	 * generator past the largest key, so the next insert gets a new one. */
	enum s40_err (*sync_keys)(struct s40_store *st, struct s40_ctx *ctx);
	/* Servers following each other (see below). */
	enum s40_err (*begin_read)(struct s40_store *st, struct s40_ctx *ctx);
	enum s40_err (*wait_change)(struct s40_store *st, int timeout_ms, unsigned *what,
				    struct s40_ctx *ctx);
	enum s40_err (*position)(struct s40_store *st, char *pos, size_t n, struct s40_ctx *ctx);
	enum s40_err (*reached)(struct s40_store *st, const char *pos, bool *yes,
				struct s40_ctx *ctx);
	/* Every row of spell_paid made anew with its indexes built after the rows,
	 * inside a transaction; NULL where the engine has no such way (a load's
	 * members are then made anew one by one: s40_store_spell_paid_load). */
	enum s40_err (*paid_anew)(struct s40_store *st, struct s40_ctx *ctx);
	/* Table t's digest (digest.h) recomputed from its rows; as stored. */
	enum s40_err (*digest_scan)(struct s40_store *st, int t, int64_t head,
				    struct s40_digest_sum *out, struct s40_ctx *ctx);
	enum s40_err (*digest_stored)(struct s40_store *st, int t, struct s40_lthash *d,
				      bool *found, struct s40_ctx *ctx);
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
extern const struct s40_store_engine s40_store_pg;

/*
 * Whether uri names a PostgreSQL database: a libpq URI (postgresql://… or
 * postgres://…) or libpq's key=value form ("host=/tmp dbname=s40"). Anything
 * else is a SQLite file path.
 */
bool s40_store_uri_is_pg(const char *uri);

/*
 * uri as it may be shown or logged: a password in it (postgresql://u:PW@h/…,
 * ?password=PW, password=PW) replaced by "***". Written into buf (n bytes) and
 * returned; a file path comes back as it is.
 */
const char *s40_store_uri_safe(const char *uri, char *buf, size_t n);

/*
 * Open uri: a file path (SQLite) or a PostgreSQL URI (s40_store_uri_is_pg).
 * With create, a missing SQLite file is made, and a missing PostgreSQL
 * database is created on its server; without create, either is
 * S40_E_NOT_FOUND (and so is a PostgreSQL database with no s40 schema).
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

/*
 * Savepoints, for undoing one part of an open transaction (the server's group
 * commit runs each request in its own). name is letters, digits and '_'
 * (S40_E_INTERNAL otherwise). rollback_to undoes what was done since the
 * savepoint and keeps it open; release forgets it (its work stays, to be
 * committed or rolled back with the transaction). A savepoint outside a
 * transaction is S40_E_INTERNAL: callers begin first.
 */
enum s40_err s40_store_savepoint(struct s40_store *st, const char *name, struct s40_ctx *ctx);
enum s40_err s40_store_release(struct s40_store *st, const char *name, struct s40_ctx *ctx);
enum s40_err s40_store_rollback_to(struct s40_store *st, const char *name, struct s40_ctx *ctx);

/*
 * A number that changes whenever another connection — another process such as
 * `s40 import`, or another thread's connection — commits a change to the
 * database; this connection's own commits leave it as it is. The server reads
 * it to notice writes it did not make (SQLite: PRAGMA data_version).
 */
enum s40_err s40_store_data_version(struct s40_store *st, int64_t *v, struct s40_ctx *ctx);

/*
 * A read-only transaction that sees one snapshot of the database throughout
 * (SQLite: a deferred BEGIN in WAL mode; PostgreSQL: REPEATABLE READ, READ
 * ONLY), taking no write lock: what the server reads to build its as-of index
 * and the journal's head at the same instant. End it with s40_store_rollback.
 */
enum s40_err s40_store_begin_read(struct s40_store *st, struct s40_ctx *ctx);

/*
 * Wait up to timeout_ms for another connection to commit something this one
 * listens for; *what gets S40_CHANGE_… bits (0: the time passed). PostgreSQL
 * listens (LISTEN) on the channels the schema's triggers notify on each
 * commit that appends to the journal or removes a session; the first call,
 * and the first after the connection was re-established, reports every bit
 * (something may have been missed meanwhile). A standby cannot listen: there,
 * and on SQLite, which has no notifications, it only sleeps, and callers
 * poll. Use a connection of its own: it holds the connection while it waits.
 */
#define S40_CHANGE_JOURNAL 1u /* the journal grew */
#define S40_CHANGE_SESSIONS 2u /* a session ended (logout, password change) */
enum s40_err s40_store_wait_change(struct s40_store *st, int timeout_ms, unsigned *what,
				   struct s40_ctx *ctx);

/*
 * Read your own writes on a replica. position: where this connection's last
 * commit is in the primary's history, as text (PostgreSQL: the WAL position,
 * "0/16B3748"; SQLite and a standby: ""). reached: whether the database of st
 * (a standby) has replayed history up to pos ("" or a primary: yes).
 */
#define S40_POSITION_LEN 32
enum s40_err s40_store_position(struct s40_store *st, char *pos, size_t n, struct s40_ctx *ctx);
enum s40_err s40_store_reached(struct s40_store *st, const char *pos, bool *yes,
			       struct s40_ctx *ctx);

/*
 * Tune the connection for a bulk load (an import) while on, and back to its
 * everyday settings after: SQLite keeps a page cache of S40_STORE_BULK_CACHE_MIB
 * instead of its default 2 MB, so rows that arrive in no key order do not make
 * it evict and reread pages all along the transaction. A hint: nothing fails.
 */
#define S40_STORE_BULK_CACHE_MIB 256
void s40_store_bulk(struct s40_store *st, bool on);

/*
 * The connection's everyday page cache, mib MiB (SQLite's default is 2 MB): a
 * long-lived connection that answers many reads (a server's) keeps the pages
 * it reads often in memory instead of reading them again through the file
 * system. PostgreSQL keeps its cache in the database server: nothing. A hint:
 * nothing fails.
 */
void s40_store_cache(struct s40_store *st, int mib);

/*
 * The names' index (migration 0010) during a load into a register that held no
 * person, inside that load's transaction: DEFER before the rows, then BUILD
 * after them, or ABANDON when the load fails (before its rollback); the two
 * are chosen by s40_store_name_index_end below. Kept row
 * by row, the index costs far more than built once: on SQLite each row's
 * insert through the trigger makes FTS5 write its pending terms out (the
 * statement's savepoint), on PostgreSQL each row enters two GIN indexes
 * (PostgreSQL's manual advises dropping a GIN index for a bulk load). SQLite:
 * the connection's triggers are off from DEFER to BUILD or ABANDON (the others
 * forbid changing the journal, which a load only appends to, and keep the
 * ledger's sums of migration 0013), and BUILD fills the index in one statement
 * and makes the ledger's sums anew from the ledger; PostgreSQL: DEFER drops the two
 * indexes and BUILD creates them again (ABANDON leaves it to the rollback).
 */
enum s40_err s40_store_name_index(struct s40_store *st, enum s40_name_index step,
				  struct s40_ctx *ctx);
/* The end of a load that deferred the names' index: BUILD when rc is S40_OK,
 * else ABANDON (its own errors set aside, rc's detail kept on ctx). Returns rc,
 * or BUILD's error. */
enum s40_err s40_store_name_index_end(struct s40_store *st, enum s40_err rc, struct s40_ctx *ctx);

/*
 * Each spell's months paid (spell_paid, migration 0015) during a load into a
 * register (an import of enrolments, exclusions or payments), inside that
 * load's transaction: DEFER before the rows, then BUILD after them, or ABANDON
 * when the load fails (before its rollback, which undoes DEFER); the two are
 * chosen by s40_store_spell_paid_load_end below. Kept row by row by 0015's
 * triggers, spell_paid's rows and their three indexes took more than half of
 * an import of enrolments. DEFER puts the mark 0 in spell_paid_load (0017):
 * while it is there, those triggers write down only the member whose spells or
 * months paid changed; BUILD mends those members' rows (the same values as the
 * triggers': migration 0015) and empties the table. Both engines, by their
 * named queries; other connections never see the mark, which lives and dies in
 * the load's transaction. When the members are half the spells or more
 * and the engine has paid_anew, BUILD makes every row anew by it instead.
 */
enum s40_err s40_store_spell_paid_load(struct s40_store *st, enum s40_name_index step,
				       struct s40_ctx *ctx);
/* The end of a load that deferred spell_paid: BUILD when rc is S40_OK, else
 * ABANDON. Returns rc, or BUILD's error. */
enum s40_err s40_store_spell_paid_load_end(struct s40_store *st, enum s40_err rc,
					   struct s40_ctx *ctx);

/* The prepared statement of query q, reset and with no bindings. NULL and
 * ctx set on failure. Do not keep it across another s40_store_stmt(q). */
struct s40_stmt *s40_store_stmt(struct s40_store *st, enum s40_q q, struct s40_ctx *ctx);

/* The spells (village, start_day, end_day) of the villages of area, or of the
 * whole country for area 0: S40_Q_SPELL_IN_PROVINCE with the area's province
 * and village range bound, or S40_Q_SPELL_ALL. NULL and ctx set when area is
 * no area code (S40_E_BAD_AREA, field "area") or on failure. */
struct s40_stmt *s40_store_spells_of_area(struct s40_store *st, int32_t area, struct s40_ctx *ctx);

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

/*
 * An ad-hoc statement of sql, for lib/store's own engine-neutral code (copy.c)
 * and nowhere else: the text must read alike in every engine's dialect
 * (identifiers in double quotes, parameters $1, $2 … numbered in order).
 * Bound, stepped and read like a named query's. NULL with ctx set on failure;
 * the caller frees it with s40_stmt_finalize before closing the connection.
 */
struct s40_stmt *s40_store_prepare(struct s40_store *st, const char *sql, struct s40_ctx *ctx);
void s40_stmt_finalize(struct s40_stmt *s);

/*
 * After rows were written with their keys given (a copy), move each key
 * generator past the largest key in its table, so that the next insert that
 * leaves the key out gets a new one (PostgreSQL's identity sequences; nothing
 * to do on SQLite). Inside or outside a transaction.
 */
enum s40_err s40_store_sync_keys(struct s40_store *st, struct s40_ctx *ctx);

/* One table's line of s40_store_digest_check. */
struct s40_digest_check {
	const char *table;
	int64_t rows;
	int64_t unjournaled; /* rows whose journal_seq is below 1 or above head */
	bool stored;         /* the database has a digest of the table */
	bool match;          /* the rows give the stored digest */
};

/*
 * Recompute the digest of every digested table (digest.h) from its rows, in
 * one read transaction, and compare it with the digest the commits stored.
 * head is the journal's last entry, for the count of rows no entry wrote (-1:
 * do not count). out has a line per table, in s40_digest_tables' order;
 * *differ counts the tables whose rows do not give the stored digest, or that
 * have none, or that hold unjournaled rows.
 */
enum s40_err s40_store_digest_check(struct s40_store *st, int64_t head,
				    struct s40_digest_check out[S40_DT__N], int *differ,
				    struct s40_ctx *ctx);

/* The BLAKE2b-256 of every stored digest in s40_digest_tables' order (2048
 * bytes each, zeros for one missing): what an anchor signs of the data. */
enum s40_err s40_store_digest_hash(struct s40_store *st, uint8_t out[32], struct s40_ctx *ctx);

#endif
