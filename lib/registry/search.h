/*
 * search.h — paged reads for the server's lists: persons by name within an
 * area (and, for a volunteer, among the people it recruited), areas by Thai or
 * English name, and journal entries by entity. Each page comes with the total
 * count, so a client can show "1–50 of 1,234".
 *
 * Pages are in a stable order the store can give (persons by national ID,
 * areas by level and code, the journal by sequence), so that offsets do not
 * skip or repeat rows between pages.
 */
#ifndef S40_REGISTRY_SEARCH_H
#define S40_REGISTRY_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "areas.h"
#include "journal.h"
#include "person.h"

struct s40_person_query {
	const char *text; /* contained in the Thai or English name; NULL or "": any */
	int32_t area; /* any level; 0: everywhere */
	int64_t recruited_by; /* only persons with a spell recruited by this ID; 0: anyone */
	size_t limit; /* at most this many (1–1000) */
	size_t offset; /* after skipping this many */
};

/* How far past a page's offset a search counts its matches. A common name
 * has tens of thousands of matches in a large province, and counting them all
 * was most of a search's time; past this many, "more than" is what a reader
 * needs, as search engines answer. */
#define S40_SEARCH_COUNT_MAX 1000

/* A page of persons matching q, by national ID. *total counts the matches:
 * with exact NULL, every one; otherwise up to q->offset + S40_SEARCH_COUNT_MAX,
 * *exact telling whether that was all of them (when not, *total is that number
 * and more match). *out is allocated (free it). */
enum s40_err s40_person_search(struct s40_store *st, const struct s40_person_query *q,
			       struct s40_person **out, size_t *n, int64_t *total, bool *exact,
			       struct s40_ctx *ctx);

/* A page of areas whose Thai or English name contains text (required), by level
 * then code; *total counts every match. *out is allocated (free it). */
enum s40_err s40_area_search(struct s40_store *st, const char *text, size_t limit, size_t offset,
			     struct s40_area_rec **out, size_t *n, int64_t *total,
			     struct s40_ctx *ctx);

/* Up to limit journal entries after sequence number after_seq, of entity (NULL:
 * of every entity), oldest first. Free with s40_journal_entries_free. */
enum s40_err s40_journal_page(struct s40_store *st, const char *entity, int64_t after_seq,
			      size_t limit, struct s40_journal_entry **out, size_t *n,
			      struct s40_ctx *ctx);

#endif
