/*
 * Unit tests of the row digests (lib/store/digest.h) on every engine: the
 * stored digests follow commits, savepoints and rollbacks; a row changed,
 * inserted or deleted behind the store's back is found, and so is a row no
 * journal entry wrote; both engines digest a row as the C code does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/digest.h"
#include "store/store.h"
#include "testdb.h"

static int check(struct testdb *t, struct s40_digest_check dc[S40_DT__N])
{
	int differ = -1;
	testdb_ok(s40_store_digest_check(t->st, testdb_journal_last(t->st), dc, &differ, &t->ctx),
		  &t->ctx);
	for (int i = 0; i < S40_DT__N; i++)
		if (!dc[i].match || dc[i].unjournaled)
			print_message("  %s: match %d, unjournaled %lld\n", dc[i].table, dc[i].match,
				      (long long)dc[i].unjournaled);
	return differ;
}

static void assert_clean(struct testdb *t)
{
	struct s40_digest_check dc[S40_DT__N];
	assert_int_equal(check(t, dc), 0);
}

static void exec1(struct testdb *t, const char *sql, int64_t a, int64_t b)
{
	struct s40_stmt *s = s40_store_prepare(t->st, sql, &t->ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, a);
	if (b >= 0)
		s40_stmt_int64(s, 2, b);
	testdb_ok(s40_stmt_exec(s, &t->ctx), &t->ctx);
	s40_stmt_finalize(s);
}

static void test_fresh_matches(void **state)
{
	struct testdb *t = *state;
	struct s40_digest_check dc[S40_DT__N];
	assert_int_equal(check(t, dc), 0);
	assert_true(dc[S40_DT_AREA].rows > 80000);
	assert_int_equal(dc[S40_DT_PERSON].rows, 0);
}

/* The digest a person row has, built here from its typed columns. */
static void person_digest(struct s40_lthash *d, int64_t id, const char *phone, int64_t seq)
{
	struct s40_digest_col c[] = {
		{ "id", 'I', id, NULL, 0 },
		{ "title", 'N', 0, NULL, 0 },
		{ "first_th", 'T', 0, "สมใจ", strlen("สมใจ") },
		{ "last_th", 'T', 0, "รักดี", strlen("รักดี") },
		{ "first_en", 'N', 0, NULL, 0 },
		{ "last_en", 'N', 0, NULL, 0 },
		{ "birth_day", 'I', 9000, NULL, 0 },
		{ "sex", 'N', 0, NULL, 0 },
		{ "thai", 'I', 1, NULL, 0 },
		{ "province", 'I', 75, NULL, 0 },
		{ "village", 'I', 75030701, NULL, 0 },
		{ "phone", phone ? 'T' : 'N', 0, phone, phone ? strlen(phone) : 0 },
		{ "address", 'N', 0, NULL, 0 },
		{ "journal_seq", 'I', seq, NULL, 0 },
	};
	memset(d, 0, sizeof *d);
	s40_lthash_row(d, 1, "person", c, sizeof c / sizeof c[0]);
}

/* Each engine stores, for a row it wrote, the digest the C code gives the
 * same typed columns: so SQLite and PostgreSQL agree, and a JSON row
 * (PostgreSQL's form) digests as its typed columns do. */
static void test_row_digest_is_the_same_everywhere(void **state)
{
	struct testdb *t = *state;
	int64_t id = testdb_natid(110000000001);
	testdb_add_person(t, id, "สมใจ", "รักดี", 9000, 75030701);
	int64_t seq = testdb_journal_last(t->st);
	struct s40_lthash want, stored, sum;
	person_digest(&want, id, NULL, seq);

	struct s40_digest_check dc[S40_DT__N];
	assert_int_equal(check(t, dc), 0);
	struct s40_stmt *s = s40_store_prepare(t->st, "SELECT v FROM data_digest WHERE tbl = 'person'",
					       &t->ctx);
	assert_non_null(s);
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	size_t n;
	const void *p = s40_col_blob(s, 0, &n);
	assert_true(s40_lthash_unpack(&stored, p, n));
	s40_stmt_finalize(s);
	assert_memory_equal(&stored, &want, sizeof want);

	char json[512];
	snprintf(json, sizeof json,
		 "{\"id\":%lld,\"title\":null,\"first_th\":\"สมใจ\",\"last_th\":\"รักดี\","
		 "\"first_en\":null,\"last_en\":null,\"birth_day\":9000,\"sex\":null,\"thai\":1,"
		 "\"village\":75030701,\"phone\":null,\"address\":null,\"journal_seq\":%lld,"
		 "\"province\":75}",
		 (long long)id, (long long)seq);
	memset(&sum, 0, sizeof sum);
	int64_t jseq = 0;
	assert_true(s40_lthash_row_json(&sum, 1, "person", json, &jseq));
	assert_int_equal(jseq, seq);
	assert_memory_equal(&sum, &want, sizeof want);
	/* A row and its removal sum to nothing; a different phone does not. */
	struct s40_lthash other;
	person_digest(&other, id, "0812345678", seq);
	assert_memory_not_equal(&other, &want, sizeof want);
	assert_true(s40_lthash_row_json(&sum, -1, "person", json, &jseq));
	assert_true(s40_lthash_is_zero(&sum));
	assert_false(s40_lthash_row_json(&sum, 1, "person", "[1,2]", &jseq));
}

/* Commits, savepoints undone or kept, and rollbacks: after each, the rows
 * give the stored digests. */
static void test_digests_follow_transactions(void **state)
{
	struct testdb *t = *state;
	int64_t ids[8];
	for (int i = 0; i < 8; i++) {
		ids[i] = testdb_natid(110000000100 + i);
		testdb_add_person(t, ids[i], "สมใจ", "รักดี", 9000 + i, 75030701);
	}
	assert_clean(t);
	const char *upd = "UPDATE person SET phone = $1 WHERE id = $2";
	const char *del = "DELETE FROM person WHERE id = $1";

	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	exec1(t, upd, 812345670, ids[0]);
	testdb_ok(s40_store_savepoint(t->st, "a", &t->ctx), &t->ctx);
	exec1(t, del, ids[1], -1);
	exec1(t, upd, 812345671, ids[2]);
	testdb_ok(s40_store_rollback_to(t->st, "a", &t->ctx), &t->ctx);
	testdb_ok(s40_store_release(t->st, "a", &t->ctx), &t->ctx);
	testdb_ok(s40_store_savepoint(t->st, "b", &t->ctx), &t->ctx);
	exec1(t, del, ids[3], -1);
	testdb_ok(s40_store_savepoint(t->st, "c", &t->ctx), &t->ctx);
	exec1(t, upd, 812345672, ids[4]);
	testdb_ok(s40_store_rollback_to(t->st, "c", &t->ctx), &t->ctx);
	testdb_ok(s40_store_release(t->st, "c", &t->ctx), &t->ctx);
	testdb_ok(s40_store_release(t->st, "b", &t->ctx), &t->ctx);
	testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
	assert_clean(t);

	testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
	exec1(t, del, ids[5], -1);
	exec1(t, upd, 812345673, ids[6]);
	s40_store_rollback(t->st);
	assert_clean(t);

	/* A run of random changes, some undone. */
	srand(40);
	for (int round = 0; round < 12; round++) {
		testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
		int depth = 0;
		for (int k = 0; k < 6; k++) {
			int r = rand() % 6;
			if (r == 0 && depth < 3) {
				char name[16];
				snprintf(name, sizeof name, "s%d", depth);
				testdb_ok(s40_store_savepoint(t->st, name, &t->ctx), &t->ctx);
				depth++;
			} else if (r == 1 && depth > 0) {
				char name[16];
				snprintf(name, sizeof name, "s%d", depth - 1);
				if (rand() % 2)
					testdb_ok(s40_store_rollback_to(t->st, name, &t->ctx), &t->ctx);
				testdb_ok(s40_store_release(t->st, name, &t->ctx), &t->ctx);
				depth--;
			} else {
				exec1(t, upd, rand() % 1000000, ids[rand() % 8]);
			}
		}
		if (rand() % 4 == 0)
			s40_store_rollback(t->st);
		else
			testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
		assert_clean(t);
	}
}

/* A change behind the store's back: an update, an insert with a journal
 * entry that does not exist, a delete; each is found, in its table alone. */
static void test_changes_behind_the_back_are_found(void **state)
{
	struct testdb *t = *state;
	int64_t a = testdb_natid(110000000201), b = testdb_natid(110000000202);
	testdb_add_person(t, a, "สมใจ", "รักดี", 9000, 75030701);
	testdb_add_person(t, b, "สมศรี", "รักดี", 9001, 75030701);
	assert_clean(t);
	char sql[512], err[256];
	struct s40_digest_check dc[S40_DT__N];

	snprintf(sql, sizeof sql, "UPDATE person SET phone = '0899999999' WHERE id = %lld",
		 (long long)a);
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_equal(check(t, dc), 1);
	assert_false(dc[S40_DT_PERSON].match);
	assert_int_equal(dc[S40_DT_PERSON].unjournaled, 0);
	assert_true(dc[S40_DT_SPELL].match);
	/* Put back as it was: the digest matches again. */
	snprintf(sql, sizeof sql, "UPDATE person SET phone = NULL WHERE id = %lld", (long long)a);
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_equal(check(t, dc), 0);

	snprintf(sql, sizeof sql,
		 "INSERT INTO person(id, first_th, last_th, thai, province, village, "
		 "journal_seq) VALUES (%lld, 'แทรก', 'เข้ามา', 1, 75, 75030701, 999999)",
		 (long long)testdb_natid(110000000203));
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_equal(check(t, dc), 1);
	assert_false(dc[S40_DT_PERSON].match);
	assert_int_equal(dc[S40_DT_PERSON].unjournaled, 1);
	assert_int_equal(dc[S40_DT_PERSON].rows, 3);

	snprintf(sql, sizeof sql, "DELETE FROM person WHERE journal_seq = 999999");
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_equal(check(t, dc), 0);
	snprintf(sql, sizeof sql, "DELETE FROM person WHERE id = %lld", (long long)b);
	assert_int_equal(testdb_exec(t, sql, err, sizeof err), 0);
	assert_int_equal(check(t, dc), 1);
	assert_false(dc[S40_DT_PERSON].match);

	/* A deleted digest is a difference too. */
	assert_int_equal(testdb_exec(t, "DELETE FROM data_digest WHERE tbl = 'spell'", err,
				     sizeof err),
			 0);
	assert_int_equal(check(t, dc), 2);
	assert_false(dc[S40_DT_SPELL].stored);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh_matches, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_row_digest_is_the_same_everywhere, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_digests_follow_transactions, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_changes_behind_the_back_are_found, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
