/*
 * Unit tests of lib/registry/journal.c (and the journal side of registry.c):
 * the hashing rule against a fixed vector, a chain of operations that
 * verifies, entries by entity, batch mode, and tampering found by verify.
 *
 * Tampering needs SQL the store does not offer, so these tests run it on the
 * database through a connection of their own, sqlite3 or libpq
 * (testdb_exec: tests may; lib/ may not), on either engine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "testdb.h"

#define ID1 1112034563562
#define ID2 3100600445635
/* 32 zero bytes in hexadecimal: a hash that is nobody's. */
#define ZEROS_HEX "0000000000000000000000000000000000000000000000000000000000000000"

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static void unhex(const char *hex, uint8_t out[S40_HASH_LEN])
{
	for (int i = 0; i < S40_HASH_LEN; i++) {
		unsigned v;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
}

/* The rule of journal.c's header, computed once outside s40 (Python hashlib)
 * and written here, so that any change to the rule is caught. */
static void test_hash_vector(void **state)
{
	(void)state;
	uint8_t zero[S40_HASH_LEN] = { 0 }, h1[S40_HASH_LEN], h2[S40_HASH_LEN], want[S40_HASH_LEN];
	s40_journal_hash(zero, 1, 1767225600, "tester", "person.add", "person:1112034563562",
			 "{\"village\":75030702}", h1);
	unhex("38b3a3e96010905543f37a330e43afc907ed002c3c3292979d59348af00f6be0", want);
	assert_memory_equal(h1, want, S40_HASH_LEN);
	s40_journal_hash(h1, 2, 1767225601, "ผู้ทดสอบ", "membership.enrol", "person:1112034563562",
			 "{}", h2);
	unhex("86946362d086104592f4f610fc596cacd3061f8c7e2a10bddbe2c2848f2b96f0", want);
	assert_memory_equal(h2, want, S40_HASH_LEN);

	/* Every field counts, and field boundaries are kept. */
	uint8_t o[S40_HASH_LEN];
	s40_journal_hash(h1, 2, 1767225601, "ผู้ทดสอบ", "membership.enrol", "person:1112034563562",
			 "{} ", o);
	assert_memory_not_equal(o, h2, S40_HASH_LEN);
	s40_journal_hash(zero, 2, 1767225601, "ผู้ทดสอบ", "membership.enrol", "person:1112034563562",
			 "{}", o);
	assert_memory_not_equal(o, h2, S40_HASH_LEN);
	s40_journal_hash(h1, 3, 1767225601, "ผู้ทดสอบ", "membership.enrol", "person:1112034563562",
			 "{}", o);
	assert_memory_not_equal(o, h2, S40_HASH_LEN);
	s40_journal_hash(h1, 2, 1767225602, "ผู้ทดสอบ", "membership.enrol", "person:1112034563562",
			 "{}", o);
	assert_memory_not_equal(o, h2, S40_HASH_LEN);
	uint8_t a[S40_HASH_LEN], b[S40_HASH_LEN];
	s40_journal_hash(zero, 1, 0, "ab", "c", "e", "d", a);
	s40_journal_hash(zero, 1, 0, "a", "bc", "e", "d", b);
	assert_memory_not_equal(a, b, S40_HASH_LEN);
	/* The same input, the same hash. */
	s40_journal_hash(zero, 1, 0, "ab", "c", "e", "d", b);
	assert_memory_equal(a, b, S40_HASH_LEN);
}

/* A day of work: people, enrolment, an option change, an exclusion, an end, a
 * village name. Returns the number of journal entries it made. */
static int64_t some_operations(struct testdb *t)
{
	int64_t before = testdb_journal_last(t->st);
	testdb_add_person(t, ID1, "สมชาย", "ใจดี", ymd(1980, 5, 1), 75030702);
	testdb_add_person(t, ID2, "สมหญิง", "รักไทย", ymd(1985, 2, 3), 75030702);
	struct s40_enrol e = { .person = ID1, .option = 1, .day = ymd(2025, 1, 15) };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	t->reg.now++;
	testdb_ok(s40_membership_change_option(&t->reg, ID1, 2, ymd(2025, 3, 1), NULL, &t->ctx),
		  &t->ctx);
	e.person = ID2;
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	struct s40_excl_rec x = { .person = ID2,
				  .e = { S40_EXCL_S33, ymd(2025, 9, 1), S40_NO_DAY } };
	testdb_ok(s40_exclusion_add(&t->reg, &x, NULL, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_membership_end(&t->reg, ID1, ymd(2025, 12, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	testdb_ok(s40_area_set_village(&t->reg, 75030702, "บ้านแควอ้อม", NULL, NULL, &t->ctx),
		  &t->ctx);
	return testdb_journal_last(t->st) - before;
}

static void test_chain(void **state)
{
	struct testdb *t = *state;
	/* 2 persons, 2 enrolments, 1 option, 1 exclusion + its end, 1 end, 1 area. */
	assert_int_equal(some_operations(t), 9);
	int64_t n = 0, bad = -1;
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &t->ctx), &t->ctx);
	assert_int_equal(n, 10);
	assert_int_equal(bad, 0);

	/* The stored chain is the rule applied in order from 32 zero bytes. */
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_JOURNAL_ALL, &t->ctx);
	uint8_t prev[S40_HASH_LEN] = { 0 };
	int64_t seq = 0;
	int rc;
	while ((rc = s40_stmt_step(s, &t->ctx)) == S40_ROW) {
		assert_int_equal(s40_col_int64(s, 0), ++seq);
		assert_string_equal(s40_col_text(s, 2), "tester");
		assert_true(s40_col_int64(s, 1) >= TESTDB_NOW);
		size_t np, nh;
		const void *p = s40_col_blob(s, 6, &np);
		const void *h = s40_col_blob(s, 7, &nh);
		assert_int_equal(np, S40_HASH_LEN);
		assert_int_equal(nh, S40_HASH_LEN);
		assert_memory_equal(p, prev, S40_HASH_LEN);
		uint8_t calc[S40_HASH_LEN];
		s40_journal_hash(prev, seq, s40_col_int64(s, 1), s40_col_text(s, 2),
				 s40_col_text(s, 3), s40_col_text(s, 4), s40_col_text(s, 5), calc);
		assert_memory_equal(h, calc, S40_HASH_LEN);
		memcpy(prev, calc, S40_HASH_LEN);
	}
	assert_int_equal(rc, S40_OK);
	assert_int_equal(seq, 10);
}

static void test_of_entity(void **state)
{
	struct testdb *t = *state;
	some_operations(t);
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "person:1112034563562", &e, &n, &t->ctx), &t->ctx);
	static const char *const ops1[] = { "person.add", "membership.enrol", "membership.option",
					    "membership.end" };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(e[i].op, ops1[i]);
		assert_string_equal(e[i].entity, "person:1112034563562");
		assert_string_equal(e[i].user, "tester");
		if (i)
			assert_true(e[i].seq > e[i - 1].seq);
	}
	assert_int_equal(e[0].at, TESTDB_NOW);
	assert_int_equal(e[2].at, TESTDB_NOW + 1);
	assert_string_equal(e[2].detail, "{\"old\":1,\"new\":2,\"from\":\"2025-04\"}");
	s40_journal_entries_free(e, n);

	testdb_ok(s40_journal_of_entity(t->st, "person:3100600445635", &e, &n, &t->ctx), &t->ctx);
	static const char *const ops2[] = { "person.add", "membership.enrol", "exclusion.add",
					    "membership.end" };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(e[i].op, ops2[i]);
	assert_string_equal(e[3].detail, "{\"end\":\"2025-09-01\",\"reason\":\"s33\"}");
	s40_journal_entries_free(e, n);

	testdb_ok(s40_journal_of_entity(t->st, "person:1234545678781", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	s40_journal_entries_free(e, n);
}

/* An import appends one entry for the batch; the operations in it append
 * none and their rows carry the batch's entry. */
static void test_batch(void **state)
{
	struct testdb *t = *state;
	int64_t batch = 0;
	testdb_ok(s40_reg_begin(&t->reg, &t->ctx), &t->ctx);
	testdb_ok(s40_journal_append(&t->reg, "import.persons", "file:persons.csv", "{\"rows\":2}",
				     &batch, &t->ctx),
		  &t->ctx);
	assert_int_equal(batch, 2);
	t->reg.batch_seq = batch;
	testdb_add_person(t, ID1, "สมชาย", "ใจดี", ymd(1980, 5, 1), 75030702);
	testdb_add_person(t, ID2, "สมหญิง", "รักไทย", ymd(1985, 2, 3), 75030702);
	struct s40_enrol e = { .person = ID1, .option = 3, .day = ymd(2025, 1, 15) };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	assert_true(s40_store_in_tx(t->st)); /* the operations joined the batch */
	testdb_ok(s40_reg_end(&t->reg, S40_OK, &t->ctx), &t->ctx);
	t->reg.batch_seq = 0;
	assert_false(s40_store_in_tx(t->st));

	assert_int_equal(testdb_journal_last(t->st), batch);
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID2, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.journal_seq, batch);
	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, ID1, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].journal_seq, batch);
	free(v);
	int64_t nj, bad;
	testdb_ok(s40_journal_verify(t->st, &nj, &bad, &t->ctx), &t->ctx);
	assert_int_equal(nj, 2);

	/* Out of the batch, operations journal themselves again. */
	testdb_ok(s40_membership_end(&t->reg, ID1, ymd(2025, 6, 1), S40_END_RESIGNED, &t->ctx),
		  &t->ctx);
	assert_int_equal(testdb_journal_last(t->st), batch + 1);

	/* A batch that fails writes nothing, its entry included. */
	testdb_ok(s40_reg_begin(&t->reg, &t->ctx), &t->ctx);
	testdb_ok(s40_journal_append(&t->reg, "import.persons", "file:b.csv", NULL, &batch,
				     &t->ctx),
		  &t->ctx);
	t->reg.batch_seq = batch;
	testdb_add_person(t, 1234545678781, "กมล", "สมใจ", ymd(1990, 1, 1), 75030702);
	assert_int_equal(s40_reg_end(&t->reg, S40_E_REJECTED, &t->ctx), S40_E_REJECTED);
	t->reg.batch_seq = 0;
	assert_int_equal(testdb_journal_last(t->st), batch - 1);
	assert_int_equal(s40_person_get(t->st, 1234545678781, &p, &t->ctx), S40_E_NOT_FOUND);
}

static void test_append_outside_tx(void **state)
{
	struct testdb *t = *state;
	int64_t seq = -1;
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_journal_append(&t->reg, "x", "y", NULL, &seq, &t->ctx),
			 S40_E_INTERNAL);
	assert_int_equal(testdb_journal_last(t->st), 1);
	assert_int_equal(s40_reg_end(&t->reg, S40_OK, &t->ctx), S40_E_INTERNAL);
}

/* The database of test_tamper's current case, torn down even if it fails. */
static void *tamper_db;

static int tamper_teardown(void **state)
{
	(void)state;
	return testdb_teardown(&tamper_db);
}

/* In sql, the journal's triggers dropped (SQLite) or disabled (PostgreSQL)
 * and then what, where ZERO32 is written as 32 zero bytes in t's dialect. */
static void tamper_sql(const struct testdb *t, const char *what, char *sql, size_t n)
{
	const bool pg = testdb_is_pg(t);
	size_t len = (size_t)snprintf(sql, n, "%s",
				      pg ? "ALTER TABLE journal DISABLE TRIGGER USER; " :
					   "DROP TRIGGER journal_no_update; "
					   "DROP TRIGGER journal_no_delete; ");
	while (*what && len < n) {
		if (strncmp(what, "ZERO32", 6) == 0) {
			len += (size_t)snprintf(sql + len, n - len, "%s",
						pg ? "'\\x" ZEROS_HEX "'::bytea" :
						     "x'" ZEROS_HEX "'");
			what += 6;
		} else {
			sql[len++] = *what++;
		}
	}
	assert_true(len < n);
	sql[len] = '\0';
}

/* Tampering, each on a fresh database: the SQL run with the journal's
 * triggers dropped, and the first entry verify must name. ZERO32 stands for
 * 32 zero bytes, written in each engine's dialect. */
static void test_tamper(void **state)
{
	(void)state;
	static const struct {
		const char *what, *sql;
		int64_t bad; /* the entry verify must name */
		int64_t n; /* the entries found good before it */
	} cases[] = {
		{ "detail changed", "UPDATE journal SET detail = '{}' WHERE seq = 4", 4, 3 },
		{ "user changed", "UPDATE journal SET \"user\" = 'mallory' WHERE seq = 2", 2, 1 },
		{ "time changed", "UPDATE journal SET at = at + 1 WHERE seq = 10", 10, 9 },
		{ "op and hash changed", "UPDATE journal SET op = 'x', hash = ZERO32 WHERE seq = 3",
		  3, 2 },
		{ "prev_hash changed", "UPDATE journal SET prev_hash = ZERO32 WHERE seq = 5", 5,
		  4 },
		{ "entry removed", "DELETE FROM journal WHERE seq = 6", 7, 5 },
		{ "entries swapped",
		  "UPDATE journal SET seq = -seq WHERE seq IN (7, 8);"
		  "UPDATE journal SET seq = 8 WHERE seq = -7; UPDATE journal SET seq = 7 WHERE seq = -8",
		  7, 6 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(testdb_setup(&tamper_db), 0);
		struct testdb *t = tamper_db;
		assert_int_equal(some_operations(t), 9);
		char sql[512], err[512];
		tamper_sql(t, cases[i].sql, sql, sizeof sql);
		int rc = testdb_exec(t, sql, err, sizeof err);
		if (rc != 0)
			print_error("case '%s': %s\n", cases[i].what, err);
		assert_int_equal(rc, 0);

		int64_t n = -1, bad = -1;
		s40_ctx_clear(&t->ctx);
		rc = s40_journal_verify(t->st, &n, &bad, &t->ctx);
		if (rc != S40_E_JOURNAL || bad != cases[i].bad)
			print_error("case '%s': %s bad %lld\n", cases[i].what, s40_errname(rc),
				    (long long)bad);
		assert_int_equal(rc, S40_E_JOURNAL);
		assert_int_equal(bad, cases[i].bad);
		assert_int_equal(n, cases[i].n);
		assert_true(t->ctx.msg_en[0] != '\0');
		testdb_teardown(&tamper_db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_vector),
		cmocka_unit_test_setup_teardown(test_chain, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_of_entity, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_batch, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_append_outside_tx, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_teardown(test_tamper, tamper_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
