/*
 * registry.h — the context every registry operation takes, and its
 * transactions.
 *
 * An operation (person_add, membership_enrol, …) is all or nothing: it opens a
 * transaction, checks, writes its rows and its journal entry, and commits; on
 * any failure nothing is written. An import wraps many operations in one outer
 * transaction: s40_reg_begin/s40_reg_end nest, and only the outermost commits.
 * In a batch (batch_seq set) operations write no journal entry of their own:
 * the rows they write carry the batch's journal entry, which the import appends
 * with the file's hash and its counts.
 */
#ifndef S40_REGISTRY_REGISTRY_H
#define S40_REGISTRY_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "store/store.h"

struct s40_reg {
	struct s40_store *store; /* not owned */
	char user[64];           /* who acts, written in the journal */
	int32_t today;           /* the day it is, as the program says */
	int64_t now;             /* unix seconds for the journal; 0 = read the clock */
	int64_t batch_seq;       /* non-zero inside a batch: the batch's journal entry */
	int depth;               /* nesting of s40_reg_begin */
	int savepoints;          /* inner levels run in savepoints (s40_reg_join) */
	/* The journal entries appended through reg (0: none): what a server's
	 * writer has applied itself and need not follow (server/writer.c). */
	int64_t first_seq, last_seq;
	/* The area the acting user is confined to (0: everywhere). A person
	 * registered outside it is, to whatever reg does on the user's behalf, a
	 * person who does not exist: no write names them or accepts them as a
	 * survey resident or a recruiter (docs/SECURITY.md). */
	int32_t scope;
	/* Set for a volunteer: it sees by name only the people it recruited, so
	 * no refusal names anyone else. */
	bool sees_recruits_only;
};

/* Whether a person registered in village is within reg's scope. */
bool s40_reg_sees(const struct s40_reg *reg, int32_t village);

/* Set reg up for store, acting as user, on day today (scope: everywhere). */
void s40_reg_init(struct s40_reg *reg, struct s40_store *store, const char *user,
		  int32_t today);

/*
 * Begin a transaction, or join the one already open. When reg->savepoints is
 * set, an inner level opens a savepoint, so that s40_reg_end undoes that level
 * alone when it fails (the outer transaction and what it did stay).
 */
enum s40_err s40_reg_begin(struct s40_reg *reg, struct s40_ctx *ctx);

/*
 * Make reg's operations nest inside a transaction the caller has opened on
 * reg->store itself (s40_store_begin) and will commit or roll back itself: the
 * server's group commit, where many requests share one transaction. With
 * savepoints, every operation runs in its own savepoint and a failed one is
 * undone alone, even when it fails after writing.
 */
void s40_reg_join(struct s40_reg *reg, int savepoints);

/*
 * End what s40_reg_begin began: with rc == S40_OK the outermost level
 * commits; otherwise the outermost level rolls back (an inner level leaves the
 * decision to the outer one, after rolling back to its savepoint when
 * reg->savepoints is set). Returns rc, or the commit's error.
 */
enum s40_err s40_reg_end(struct s40_reg *reg, enum s40_err rc, struct s40_ctx *ctx);

/*
 * Journal one change inside the caller's transaction: in a batch, *seq is the
 * batch's entry and nothing is appended; otherwise an entry is appended
 * (journal.h). detail is a JSON object as text, or NULL.
 */
enum s40_err s40_reg_journal(struct s40_reg *reg, const char *op, const char *entity,
			     const char *detail, int64_t *seq, struct s40_ctx *ctx);

/* Step s (bound by the caller) to its end, gathering its first column's
 * integers (IDs) into *out (allocated, free it; NULL when none), *n of them. */
enum s40_err s40_reg_read_ids(struct s40_stmt *s, int64_t **out, size_t *n,
			      struct s40_ctx *ctx);

/* The unix time to write in the journal. */
int64_t s40_reg_now(const struct s40_reg *reg);

#endif
