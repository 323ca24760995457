/*
 * world.c — random spells for the tests of lib/stats (world.h).
 */
#include "world.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/areas.h"
#include "rules/eligibility.h"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

/* A small deterministic generator (xorshift64*), so that a failure repeats. */
static uint64_t rng_state = 0x5340u;

uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/*
 * Fill the store with n_persons people, each with one to three spells one
 * after the other in random villages of Samut Songkhram and Bangkok (and a
 * few elsewhere), straight through the named queries in one transaction.
 */
void make_world(struct testdb *t, int n_persons, struct world *w)
{
	memset(w, 0, sizeof *w);
	struct s40_area_rec *a;
	size_t na;
	static const int32_t areas[] = { 75, 10, 5024 };
	for (size_t k = 0; k < sizeof areas / sizeof areas[0]; k++) {
		testdb_ok(s40_area_descendants(t->st, areas[k], S40_LEVEL_VILLAGE, &a, &na,
					       &t->ctx),
			  &t->ctx);
		w->villages = realloc(w->villages, (w->n_villages + na) * sizeof *w->villages);
		assert_non_null(w->villages);
		for (size_t i = 0; i < na; i++)
			w->villages[w->n_villages++] = a[i].code;
		free(a);
	}
	w->s = calloc((size_t)n_persons * 3, sizeof *w->s);
	assert_non_null(w->s);

	const int32_t first = ymd(2012, 1, 1), last = ymd(2025, 12, 31);
	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	for (int p = 0; p < n_persons; p++) {
		int64_t id = 1000000000000 + p;
		int32_t home = w->villages[rnd((uint32_t)w->n_villages)];
		world_person(t, id, "ทดสอบ", "ดัชนี", ymd(1980, 1, 1), 1, home);

		int32_t day = first + (int32_t)rnd((uint32_t)(last - first));
		int k = 1 + (int)rnd(3);
		for (int j = 0; j < k && day <= last; j++) {
			struct spell_row *r = &w->s[w->n++];
			/* Mostly the home village; sometimes a move. */
			r->village = rnd(4) ? home : w->villages[rnd((uint32_t)w->n_villages)];
			r->start = day;
			int open = j == k - 1 && rnd(10) < 4;
			r->end = open ? S40_NO_DAY : day + (int32_t)rnd(1500); /* may be 0 days */
			world_spell(t, id, r->village, r->start, 1 + (int)rnd(3), r->end);
			if (!open)
				day = r->end + (int32_t)rnd(400);
		}
	}
	testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
}

void world_person(struct testdb *t, int64_t id, const char *first_th, const char *last_th,
		  int32_t birth, int thai, int32_t village)
{
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_PERSON_INSERT, &t->ctx);
	s40_stmt_int64(s, 1, id);
	s40_stmt_null(s, 2);
	s40_stmt_text(s, 3, first_th);
	s40_stmt_text(s, 4, last_th);
	s40_stmt_null(s, 5);
	s40_stmt_null(s, 6);
	s40_stmt_int64_or_null(s, 7, birth, S40_NO_DAY);
	s40_stmt_null(s, 8);
	s40_stmt_int64(s, 9, thai);
	s40_stmt_int64(s, 10, village);
	s40_stmt_null(s, 11);
	s40_stmt_null(s, 12);
	s40_stmt_int64(s, 13, 1);
	testdb_ok(s40_stmt_exec(s, &t->ctx), &t->ctx);
}

int64_t world_spell(struct testdb *t, int64_t person, int32_t village, int32_t start, int option,
		    int32_t end)
{
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_SPELL_INSERT, &t->ctx);
	s40_stmt_int64(s, 1, person);
	s40_stmt_int64(s, 2, village / 1000000);
	s40_stmt_int64(s, 3, village);
	s40_stmt_int64(s, 4, start);
	s40_stmt_int64(s, 5, option);
	s40_stmt_null(s, 6);
	s40_stmt_null(s, 7);
	s40_stmt_int64(s, 8, 1);
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	int64_t spell_id = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	if (end != S40_NO_DAY) {
		s = s40_store_stmt(t->st, S40_Q_SPELL_END, &t->ctx);
		s40_stmt_int64(s, 1, spell_id);
		s40_stmt_int64(s, 2, end);
		s40_stmt_int64(s, 3, S40_END_RESIGNED);
		s40_stmt_int64(s, 4, 1);
		testdb_ok(s40_stmt_exec(s, &t->ctx), &t->ctx);
	}
	return spell_id;
}

void world_free(struct world *w)
{
	free(w->s);
	free(w->villages);
}
