/*
 * journal.h — the append-only, hash-chained journal of every change.
 *
 * Each entry holds its sequence number, the time, the user, the operation
 * ("person.add"), the entity ("person:1112034563562") and a JSON detail, and
 * the SHA-256 of the entry before it. The hash of an entry covers all of these
 * fields and the previous hash, so changing, removing or reordering any entry
 * breaks the chain from there on, which s40_journal_verify finds.
 */
#ifndef S40_REGISTRY_JOURNAL_H
#define S40_REGISTRY_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "registry.h"

#define S40_HASH_LEN 32

/*
 * Append an entry inside the caller's transaction (s40_reg_begin). detail is a
 * JSON object as text ("{}" if NULL). *seq receives the new entry's number.
 */
enum s40_err s40_journal_append(struct s40_reg *reg, const char *op, const char *entity,
				const char *detail, int64_t *seq, struct s40_ctx *ctx);

/* The hash of one entry (the chain's rule, exposed for tests). */
void s40_journal_hash(const uint8_t prev[S40_HASH_LEN], int64_t seq, int64_t at,
		      const char *user, const char *op, const char *entity, const char *detail,
		      uint8_t out[S40_HASH_LEN]);

/*
 * Walk the whole chain. S40_OK with *n_entries when every hash holds;
 * S40_E_JOURNAL with *bad_seq (the first entry that does not) otherwise.
 */
enum s40_err s40_journal_verify(struct s40_store *st, int64_t *n_entries, int64_t *bad_seq,
				struct s40_ctx *ctx);

struct s40_journal_entry {
	int64_t seq;
	int64_t at;
	char user[64];
	char op[48];
	char entity[64];
	char *detail; /* owned by the list */
};

/* The entries about entity, oldest first. Free with s40_journal_entries_free. */
enum s40_err s40_journal_of_entity(struct s40_store *st, const char *entity,
				   struct s40_journal_entry **out, size_t *n,
				   struct s40_ctx *ctx);
void s40_journal_entries_free(struct s40_journal_entry *v, size_t n);

/*
 * The data against the digests its commits stored (store/digest.h): every
 * table's rows digested again and compared, rows whose journal entry is past
 * head counted. S40_OK when all agree; S40_E_JOURNAL naming the tables that
 * differ otherwise. dc gets a line per table and *checked is set whenever it
 * was filled (even when they differ); *rows is the rows read.
 */
enum s40_err s40_journal_verify_data(struct s40_store *st, int64_t head,
				     struct s40_digest_check dc[S40_DT__N], int64_t *rows,
				     bool *checked, struct s40_ctx *ctx);

/* dc as JSON: {"rows": N, "tables": [{"table", "rows", "match", "unjournaled"}…]}. */
struct json_t;
struct json_t *s40_journal_data_json(const struct s40_digest_check *dc);

#endif
