/*
 * Unit tests of lib/registry/user.c: users and roles, passwords (argon2id at
 * libsodium's minimum cost, as tests may), sessions and the login throttle.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "registry/user.h"
#include "testdb.h"

static int setup(void **state)
{
	s40_user_set_hash_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	return testdb_setup(state);
}

static void add(struct testdb *t, const char *name, enum s40_role role, int32_t area,
		const char *pw)
{
	struct s40_user u;
	memset(&u, 0, sizeof u);
	snprintf(u.name, sizeof u.name, "%s", name);
	u.role = role;
	u.area = area;
	testdb_ok(s40_user_add(&t->reg, &u, pw, &t->ctx), &t->ctx);
	assert_true(u.user_id > 0);
}

static void test_roles(void **state)
{
	(void)state;
	assert_int_equal(s40_role_parse("officer"), S40_ROLE_OFFICER);
	assert_int_equal(s40_role_parse("emperor"), S40_ROLE_NONE);
	assert_int_equal(s40_role_parse(NULL), S40_ROLE_NONE);
	assert_string_equal(s40_role_key(S40_ROLE_VIEWER), "viewer");
	assert_string_equal(s40_role_name(S40_ROLE_ADMIN, S40_LANG_TH), "ผู้ดูแลระบบ");
}

static void test_add_and_authenticate(void **state)
{
	struct testdb *t = *state;
	int64_t before = testdb_journal_last(t->st);
	add(t, "officer75", S40_ROLE_OFFICER, 75, "long-enough-1");
	assert_int_equal(testdb_journal_last(t->st), before + 1);
	struct s40_user u;
	testdb_ok(s40_user_authenticate(t->st, "officer75", "long-enough-1", &u, &t->ctx), &t->ctx);
	assert_int_equal(u.role, S40_ROLE_OFFICER);
	assert_int_equal(u.area, 75);
	/* Wrong password, unknown name, bad name: one answer. */
	assert_int_equal(s40_user_authenticate(t->st, "officer75", "long-enough-2", &u, &t->ctx),
			 S40_E_BAD_LOGIN);
	assert_int_equal(s40_user_authenticate(t->st, "nobody", "long-enough-1", &u, &t->ctx),
			 S40_E_BAD_LOGIN);
	assert_int_equal(s40_user_authenticate(t->st, "a b", "long-enough-1", &u, &t->ctx),
			 S40_E_BAD_LOGIN);
	/* The same name again, a short password, a bad area, a bad name: refused, nothing
	 * written. */
	int64_t seq = testdb_journal_last(t->st);
	struct s40_user v;
	memset(&v, 0, sizeof v);
	snprintf(v.name, sizeof v.name, "officer75");
	v.role = S40_ROLE_VIEWER;
	assert_int_equal(s40_user_add(&t->reg, &v, "long-enough-1", &t->ctx), S40_E_EXISTS);
	snprintf(v.name, sizeof v.name, "other");
	assert_int_equal(s40_user_add(&t->reg, &v, "short", &t->ctx), S40_E_WEAK_PASSWORD);
	v.area = 99;
	assert_int_equal(s40_user_add(&t->reg, &v, "long-enough-1", &t->ctx), S40_E_UNKNOWN_AREA);
	v.area = 0;
	snprintf(v.name, sizeof v.name, "semi;colon");
	assert_int_equal(s40_user_add(&t->reg, &v, "long-enough-1", &t->ctx), S40_E_BAD_VALUE);
	assert_int_equal(testdb_journal_last(t->st), seq);
	struct s40_user *list;
	size_t n;
	testdb_ok(s40_user_list(t->st, &list, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	free(list);
}

static void test_sessions(void **state)
{
	struct testdb *t = *state;
	add(t, "admin", S40_ROLE_ADMIN, 0, "long-enough-1");
	struct s40_user u;
	testdb_ok(s40_user_get(t->st, "admin", &u, &t->ctx), &t->ctx);
	char token[S40_TOKEN_TEXT_LEN + 1], token2[S40_TOKEN_TEXT_LEN + 1];
	int64_t expires;
	testdb_ok(s40_session_open(&t->reg, u.user_id, 3600, "127.0.0.1", token, sizeof token,
				   &expires, &t->ctx),
		  &t->ctx);
	assert_int_equal(strlen(token), S40_TOKEN_TEXT_LEN);
	assert_int_equal(expires, TESTDB_NOW + 3600);
	testdb_ok(s40_session_open(&t->reg, u.user_id, 3600, NULL, token2, sizeof token2, NULL,
				   &t->ctx),
		  &t->ctx);
	assert_string_not_equal(token, token2);
	struct s40_user who;
	testdb_ok(s40_session_user(t->st, token, TESTDB_NOW + 10, &who, NULL, &t->ctx), &t->ctx);
	assert_string_equal(who.name, "admin");
	/* Expired, malformed, unknown. */
	assert_int_equal(s40_session_user(t->st, token, TESTDB_NOW + 3600, &who, NULL, &t->ctx),
			 S40_E_UNAUTHENTICATED);
	assert_int_equal(s40_session_user(t->st, "short", TESTDB_NOW, &who, NULL, &t->ctx),
			 S40_E_UNAUTHENTICATED);
	char other[S40_TOKEN_TEXT_LEN + 1];
	memcpy(other, token, sizeof other);
	other[0] = other[0] == 'A' ? 'B' : 'A';
	assert_int_equal(s40_session_user(t->st, other, TESTDB_NOW, &who, NULL, &t->ctx),
			 S40_E_UNAUTHENTICATED);
	/* Logout ends one; a new password ends the rest. */
	testdb_ok(s40_session_close(&t->reg, token, &t->ctx), &t->ctx);
	assert_int_equal(s40_session_user(t->st, token, TESTDB_NOW, &who, NULL, &t->ctx),
			 S40_E_UNAUTHENTICATED);
	testdb_ok(s40_session_user(t->st, token2, TESTDB_NOW, &who, NULL, &t->ctx), &t->ctx);
	testdb_ok(s40_user_set_password(&t->reg, "admin", "another-one-2", &t->ctx), &t->ctx);
	assert_int_equal(s40_session_user(t->st, token2, TESTDB_NOW, &who, NULL, &t->ctx),
			 S40_E_UNAUTHENTICATED);
	testdb_ok(s40_user_authenticate(t->st, "admin", "another-one-2", &who, &t->ctx), &t->ctx);
}

static void test_throttle(void **state)
{
	struct testdb *t = *state;
	int64_t retry = 0, now = 1000000;
	const char *key = "user:admin";
	testdb_ok(s40_throttle_check(t->st, key, now, &retry, &t->ctx), &t->ctx);
	for (int i = 1; i < S40_THROTTLE_FREE; i++) {
		testdb_ok(s40_throttle_fail(&t->reg, key, now, &t->ctx), &t->ctx);
		testdb_ok(s40_throttle_check(t->st, key, now, &retry, &t->ctx), &t->ctx);
	}
	/* The third failure: wait 1 s, then 2 s after the fourth … Clocks here are
	 * whole seconds: a failure at `now` may have come at its last
	 * millisecond, so the wait runs from the second after it — still refused
	 * at now + 1, however early in that second. */
	testdb_ok(s40_throttle_fail(&t->reg, key, now, &t->ctx), &t->ctx);
	assert_int_equal(s40_throttle_check(t->st, key, now, &retry, &t->ctx), S40_E_THROTTLED);
	assert_int_equal(retry, 2);
	assert_int_equal(s40_throttle_check(t->st, key, now + 1, &retry, &t->ctx), S40_E_THROTTLED);
	assert_int_equal(retry, 1);
	testdb_ok(s40_throttle_check(t->st, key, now + 2, &retry, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_fail(&t->reg, key, now + 2, &t->ctx), &t->ctx);
	assert_int_equal(s40_throttle_check(t->st, key, now + 4, &retry, &t->ctx), S40_E_THROTTLED);
	assert_int_equal(retry, 1);
	testdb_ok(s40_throttle_check(t->st, key, now + 5, &retry, &t->ctx), &t->ctx);
	/* … and from the tenth on, refused for the lock time. */
	for (int i = 4; i < S40_THROTTLE_LOCK; i++)
		testdb_ok(s40_throttle_fail(&t->reg, key, now + 5, &t->ctx), &t->ctx);
	assert_int_equal(s40_throttle_check(t->st, key, now + 5, &retry, &t->ctx), S40_E_THROTTLED);
	assert_int_equal(retry, S40_THROTTLE_LOCK_SECONDS + 1);
	assert_int_equal(s40_throttle_check(t->st, key, now + 5 + S40_THROTTLE_LOCK_SECONDS, &retry,
					     &t->ctx),
			 S40_E_THROTTLED);
	s40_ctx_clear(&t->ctx);
	/* Another key is not affected; a success clears. */
	testdb_ok(s40_throttle_check(t->st, "user:other", now, &retry, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_clear(&t->reg, key, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_check(t->st, key, now + 5, &retry, &t->ctx), &t->ctx);
	/* Failures older than the window start a new count. */
	testdb_ok(s40_throttle_fail(&t->reg, key, now, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_fail(&t->reg, key, now, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_fail(&t->reg, key, now + S40_THROTTLE_WINDOW, &t->ctx), &t->ctx);
	testdb_ok(s40_throttle_check(t->st, key, now + S40_THROTTLE_WINDOW, &retry, &t->ctx),
		  &t->ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles),
		cmocka_unit_test_setup_teardown(test_add_and_authenticate, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_throttle, setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
