/*
 * digest.h — a digest of every row of the register's tables, kept up to date
 * by each commit, so that a row changed, inserted or deleted by anything other
 * than s40 (a database shell, an editor of the file) shows as a difference
 * between the data and the digest s40 wrote.
 *
 * The digest of a table is the sum of its rows' digests (a multiset hash):
 * adding a row adds its digest, deleting it subtracts it, an update does both,
 * so a commit updates the stored digest with what it changed alone, and
 * s40_store_digest_check recomputes it from all rows in one read. The sum is
 * LtHash (Bellare–Micciancio's lattice hash, as in Lewi et al., "Securing
 * Update Propagation with Homomorphic Hashing", 2019): a row's digest is 1024
 * 16-bit numbers drawn from ChaCha20 keyed with the BLAKE2b hash of the row,
 * and sums are taken number by number modulo 2^16. Unlike a sum of plain
 * hashes, finding other rows with the same sum is as hard as a lattice problem.
 *
 * A row is hashed as its table's name and its columns sorted by name, each as
 * name, type (integer, text, null) and value, so SQLite and PostgreSQL give
 * the same digest for the same rows (s40 copy moves them unchanged).
 *
 * libsodium has the hash and the stream cipher but no homomorphic hash, hence
 * the few lines of sums here.
 */
#ifndef S40_STORE_DIGEST_H
#define S40_STORE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define S40_DIGEST_DIM 1024
#define S40_DIGEST_BYTES (2 * S40_DIGEST_DIM)

/* The tables digested, in a fixed order (their index is the digest's). */
enum {
	S40_DT_AREA,
	S40_DT_PERSON,
	S40_DT_SPELL,
	S40_DT_OPTION_CHANGE,
	S40_DT_EXCLUSION,
	S40_DT_PAYMENT,
	S40_DT_LEDGER,
	S40_DT_BENEFIT,
	S40_DT_SURVEY,
	S40_DT_SURVEY_RESIDENT,
	S40_DT_TARGET,
	S40_DT_APP_USER,
	S40_DT_NETWORK_MEMBER,
	S40_DT_FIELD_EVENT,
	S40_DT_EVENT_STAFF,
	S40_DT_FOLLOWUP_ASSIGN,
	S40_DT_FOLLOWUP_CALL,
	S40_DT__N
};

extern const char *const s40_digest_tables[S40_DT__N];

/* The index of table name, or -1 when it is not digested. */
int s40_digest_table(const char *name);

struct s40_lthash {
	uint16_t v[S40_DIGEST_DIM];
};

/* One column of a row. type: 'I' integer, 'T' text, 'N' null, 'R' real, 'B' blob. */
struct s40_digest_col {
	const char *name;
	char type;
	int64_t i;
	const char *p; /* text or blob bytes ('T', 'B', 'R' as text) */
	size_t n;
};

/* acc += sign × the digest of the row of table made of cols (any order; the
 * array is sorted by name in place). */
void s40_lthash_row(struct s40_lthash *acc, int sign, const char *table,
		    struct s40_digest_col *cols, size_t n);

/* s40_lthash_row in its two steps: the row's key (the BLAKE2b hash of its
 * canonical bytes; cols sorted in place), then acc += sign × the 1024 numbers
 * drawn from the key. The second is most of the work and needs nothing but
 * the key, so a bulk load can hand it to another thread (sqlite_digest.c). */
#define S40_DIGEST_KEY_BYTES 32
void s40_digest_row_key(const char *table, struct s40_digest_col *cols, size_t n,
			uint8_t key[S40_DIGEST_KEY_BYTES]);
void s40_lthash_add_key(struct s40_lthash *acc, int sign, const uint8_t key[S40_DIGEST_KEY_BYTES]);

/* The same for a row given as a JSON object ({"col": value, …}: PostgreSQL's
 * row_to_json); *journal_seq gets its journal_seq column (INT64_MIN when it
 * has none). false when json is not such an object. */
bool s40_lthash_row_json(struct s40_lthash *acc, int sign, const char *table, const char *json,
			 int64_t *journal_seq);

void s40_lthash_add(struct s40_lthash *acc, const struct s40_lthash *d);
bool s40_lthash_is_zero(const struct s40_lthash *d);

/* The digest as the 2048 bytes stored (little-endian numbers), and back. */
void s40_lthash_pack(const struct s40_lthash *d, uint8_t out[S40_DIGEST_BYTES]);
bool s40_lthash_unpack(struct s40_lthash *d, const void *p, size_t n);

/* What a commit has changed and not yet added to the stored digests. */
struct s40_digest_pending {
	struct s40_lthash t[S40_DT__N];
	uint32_t touched; /* bit i: t[i] may be non-zero */
};

/* A table's digest recomputed from its rows (s40_store_digest_check). */
struct s40_digest_sum {
	struct s40_lthash d;
	int64_t rows;
	/* Rows whose journal_seq names no entry of the journal (below 1 or above
	 * its head): rows no journal entry wrote. */
	int64_t unjournaled;
};

#endif
