/*
 * person.h — the person register, keyed by the 13-digit national ID.
 *
 * Strings live in fixed arrays inside struct s40_person, so a person is a
 * plain value: no allocation, nothing to free.
 */
#ifndef S40_REGISTRY_PERSON_H
#define S40_REGISTRY_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry.h"

#define S40_NAME_MAX 192 /* bytes of one name, UTF-8 */

struct s40_person {
	int64_t id;               /* national ID */
	char title[64];           /* นาย, นาง, นางสาว … (may be empty) */
	char first_th[S40_NAME_MAX];
	char last_th[S40_NAME_MAX];
	char first_en[S40_NAME_MAX]; /* may be empty */
	char last_en[S40_NAME_MAX];  /* may be empty */
	int32_t birth_day;        /* S40_NO_DAY if unknown */
	int sex;                  /* 1 male, 2 female, 0 not recorded */
	int thai;                 /* 1 Thai, 0 not Thai, -1 not recorded */
	int32_t village;          /* 8-digit village code (part 00: in no village) */
	char phone[32];           /* digits as typed, may be empty */
	char address[256];        /* house number and street, may be empty */
	int64_t journal_seq;      /* the journal entry that last wrote it (read only) */
};

/* Clear p to an empty person (unknown birth, nationality not recorded). */
void s40_person_clear(struct s40_person *p);

/*
 * Check a person's fields without writing: names present and normalised, birth
 * day not in the future and not before 1900, village a known village code, sex
 * and nationality in range, phone digits only. The first failure is on ctx
 * with its field.
 */
enum s40_err s40_person_check(struct s40_reg *reg, struct s40_person *p, struct s40_ctx *ctx);

/*
 * s40_person_check without the village's lookup in the database: the code must
 * still be a village code, but whether that village exists is the caller's to
 * know (an import holds the set of villages in memory). Reads only reg->today,
 * so that several threads may check at once.
 */
enum s40_err s40_person_check_fields(const struct s40_reg *reg, struct s40_person *p,
				     struct s40_ctx *ctx);

/*
 * Every fault s40_person_check_fields would find, not only the first: each on
 * its own context in v, in the order of the fields (ID, names, address, phone,
 * birth date, sex, nationality, village), at most max; returns how many. The
 * fields named in skip (a NULL-terminated list of field names, may be NULL)
 * are not checked: an import skips those it already found wrong. Names are
 * normalised in p as s40_person_check_fields does.
 */
size_t s40_person_faults(const struct s40_reg *reg, struct s40_person *p, const char *const *skip,
			 struct s40_ctx *v, size_t max);

/*
 * Add a person. If the ID is registered already with exactly the same data,
 * nothing is written and *changed is 0; with other data it fails with
 * S40_E_EXISTS (use s40_person_update). changed may be NULL.
 */
enum s40_err s40_person_add(struct s40_reg *reg, struct s40_person *p, int *changed,
			    struct s40_ctx *ctx);

/*
 * Insert a person the caller has checked (s40_person_check) and knows is not
 * registered (an import into an empty register, in ID order): no lookup first.
 * An ID registered after all fails on the primary key (S40_E_CONSTRAINT).
 */
enum s40_err s40_person_insert_new(struct s40_reg *reg, struct s40_person *p, struct s40_ctx *ctx);

/* Replace a registered person's data (the ID stays). *changed as above. */
enum s40_err s40_person_update(struct s40_reg *reg, struct s40_person *p, int *changed,
			       struct s40_ctx *ctx);

/* Read a person; S40_E_NOT_FOUND if the ID is not registered. */
enum s40_err s40_person_get(struct s40_store *st, int64_t id, struct s40_person *p,
			    struct s40_ctx *ctx);

/* The order of v[0..n) by Thai name in Thai dictionary order (first name, then
 * last name, each keyed on its own, then as given): order[k] is the index of
 * the k-th. */
enum s40_err s40_person_order_th(const struct s40_person *v, size_t n, size_t *order,
				 struct s40_ctx *ctx);

/*
 * A name search, text within area (0 for the whole country), as the store's
 * statements take it (store.h, S40_Q_PERSON_FIND_NAME and the others):
 * like is "%text%" for LIKE (the text normalised, LIKE's own wildcards
 * dropped: the search is "contains"; "" when there is no text), lo and hi the
 * area's villages. When the text has three characters or more, indexed is set
 * and match is the full-text query that answers the same from the names'
 * index (the *_INDEXED statements: migrations 0010): the text as one phrase
 * in the names, and the area's token.
 */
struct s40_name_query {
	char like[S40_NAME_MAX + 3];
	char match[2 * S40_NAME_MAX + 64];
	bool indexed;
	int32_t lo, hi;
};

enum s40_err s40_name_query_make(const char *text, int32_t area, struct s40_name_query *q,
				 struct s40_ctx *ctx);

/* Bind q to s: like to ?1 (NULL when empty), lo to ?2, hi to ?3, match to ?7. */
void s40_name_query_bind(struct s40_stmt *s, const struct s40_name_query *q);

/*
 * Find people whose Thai or English name contains text, within area (0 for
 * all): the first limit in Thai dictionary order (exact when the matches are
 * no more than 10,000 or than limit; a wider search sorts the first of them by
 * ID). *out is allocated (free it); *n is the count.
 */
enum s40_err s40_person_find(struct s40_store *st, const char *text, int32_t area,
			     size_t limit, struct s40_person **out, size_t *n,
			     struct s40_ctx *ctx);

/*
 * Bring p's text fields (title, Thai and English names, address) to the form
 * s40_person_check would store them in, for a row stored before the check
 * normalised as it does now (registry/upgrade.c). A field that the check would
 * refuse (only invisible characters, a mark typed twice, not UTF-8, too long)
 * is left as it is. *changed and *left (either may be NULL) get the number of
 * fields changed and left as they were.
 */
void s40_person_normalize_names(struct s40_person *p, int *changed, int *left);

/*
 * Read up to n persons with an ID above after, by ID, into out (n of them);
 * *got is how many. A walk over the whole register in pages of the caller's
 * size: after = the last ID of the page before (0 to start).
 */
enum s40_err s40_person_page(struct s40_store *st, int64_t after, struct s40_person *out,
			     size_t n, size_t *got, struct s40_ctx *ctx);

/*
 * Write p over the registered person of its ID as journal entry seq, with no
 * check and no entry of its own: for an upgrade that journals once for all
 * the rows it rewrites, inside the caller's transaction.
 */
enum s40_err s40_person_rewrite(struct s40_reg *reg, const struct s40_person *p, int64_t seq,
				struct s40_ctx *ctx);

/* Whether two persons hold the same data (journal_seq aside). */
int s40_person_same(const struct s40_person *a, const struct s40_person *b);

#endif
