/*
 * anchor.h — the journal's head kept outside the database, signed.
 *
 * An anchor is a short text file: the number and hash of the journal's last
 * entry at a moment, signed with an Ed25519 key (libsodium) whose secret half
 * the database never holds. Whoever holds the file and the public key can
 * later prove that the journal still extends it: the entry is there and has
 * the same hash. A journal rewritten with its chain recomputed, or with its
 * last entries cut off, fails against any anchor taken after the change point.
 *
 *   s40-anchor 1
 *   seq 1234
 *   hash 64 hex digits
 *   at 2026-12-05T09:14:00Z
 *   data 64 hex digits
 *   sig 128 hex digits (Ed25519 over the lines above, newlines included)
 *
 * data is the hash of the data's digests at that moment (store/digest.h,
 * s40_store_digest_hash): while no entry is appended after the anchor, the
 * digests must stay those, so rows changed behind s40's back with the digests
 * recomputed to match are found too. Anchors made before the digests have no
 * data line and still verify.
 */
#ifndef S40_REGISTRY_ANCHOR_H
#define S40_REGISTRY_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/store.h"

#define S40_ANCHOR_PK_LEN 32
#define S40_ANCHOR_SK_LEN 64
#define S40_ANCHOR_TEXT_MAX 512

/* A new key pair, written as one line of hex each: the secret file made with
 * mode 0600 (refused if it exists), the public file beside it. */
enum s40_err s40_anchor_keygen(const char *secret_path, const char *public_path,
			       struct s40_ctx *ctx);

/* Read a key file written by s40_anchor_keygen (n: its length in bytes). */
enum s40_err s40_anchor_key_read(const char *path, uint8_t *key, size_t n, struct s40_ctx *ctx);

/* The anchor of st's journal head at unix time now, signed with sk, as text
 * (out_n ≥ S40_ANCHOR_TEXT_MAX). *seq gets the entry anchored (0: an empty
 * journal). */
enum s40_err s40_anchor_make(struct s40_store *st, const uint8_t sk[S40_ANCHOR_SK_LEN],
			     int64_t now, char *out, size_t out_n, int64_t *seq,
			     struct s40_ctx *ctx);

/* Check the anchor text against pk and st's journal: S40_OK with *seq when its
 * signature holds and the journal's entry seq has the anchored hash;
 * S40_E_BAD_VALUE for a malformed anchor or a bad signature (field "anchor");
 * S40_E_JOURNAL when the journal does not extend it (its end is before seq,
 * or the entry differs). The chain itself is s40_journal_verify's. */
enum s40_err s40_anchor_check(struct s40_store *st, const char *text,
			      const uint8_t pk[S40_ANCHOR_PK_LEN], int64_t *seq,
			      struct s40_ctx *ctx);

#endif
