/*
 * world.h — random spells for the tests of lib/stats: people with one to three
 * spells each in random villages, written straight into the store, and kept
 * in memory so that a test can count by brute force what an index answers.
 */
#ifndef S40_TEST_STATS_WORLD_H
#define S40_TEST_STATS_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "testdb.h"

struct spell_row {
	int32_t village, start, end; /* end S40_NO_DAY while open */
};

struct world {
	struct spell_row *s;
	size_t n;
	int32_t *villages; /* the villages spells were drawn from */
	size_t n_villages;
};

/* A number in [0, n) from a small deterministic generator (xorshift64*), so
 * that a failure repeats. */
uint32_t rnd(uint32_t n);

/*
 * Fill the store with n_persons people (IDs 1000000000000 + i), each with one
 * to three spells one after the other in random villages of Samut Songkhram
 * and Bangkok (and a few elsewhere), some ended on their first day, straight
 * through the named queries in one transaction. Free w with world_free.
 */
void make_world(struct testdb *t, int n_persons, struct world *w);
void world_free(struct world *w);

/* Insert a person living in village, through the named queries (journal_seq 1);
 * birth may be S40_NO_DAY. */
void world_person(struct testdb *t, int64_t id, const char *first_th, const char *last_th,
		  int32_t birth, int thai, int32_t village);

/* Insert a spell of person in village from start with option, through the named
 * queries (journal_seq 1), ended on end unless that is S40_NO_DAY; its ID. */
int64_t world_spell(struct testdb *t, int64_t person, int32_t village, int32_t start, int option,
		    int32_t end);

#endif
