/*
 * Unit tests of the URI helpers of lib/store/store.c: which engine a database
 * location names (s40_store_uri_is_pg), and the same location with its
 * password masked for printing (s40_store_uri_safe). Tables of cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"

static void test_uri_is_pg(void **state)
{
	(void)state;
	static const struct {
		const char *uri;
		bool pg;
	} cases[] = {
		{ "postgresql:///s40", true },
		{ "postgres://u:p@db.example:5433/s40?sslmode=require", true },
		{ "host=/tmp dbname=s40", true },
		{ "  dbname = s40", true },
		{ "service=s40", true },
		{ "office.db", false },
		{ "/var/lib/s40/office.db", false },
		{ "./a=b.db", false },
		{ "postgresql.db", false },
		{ "Host=/tmp", false }, /* libpq's keywords are lower case */
		{ "", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (s40_store_uri_is_pg(cases[i].uri) != cases[i].pg)
			fail_msg("s40_store_uri_is_pg(\"%s\") should be %d", cases[i].uri,
				 (int)cases[i].pg);
	}
	assert_false(s40_store_uri_is_pg(NULL));
}

static void test_uri_safe(void **state)
{
	(void)state;
	static const struct {
		const char *uri, *shown;
	} cases[] = {
		{ "postgresql://s40:secret@db.example/s40?sslmode=require",
		  "postgresql://s40:***@db.example/s40?sslmode=require" },
		{ "postgres://s40:p%40ss@h:5432/db", "postgres://s40:***@h:5432/db" },
		{ "postgresql://user@h/db", "postgresql://user@h/db" },
		{ "postgresql:///x?host=/tmp&password=abc&port=5",
		  "postgresql:///x?host=/tmp&password=***&port=5" },
		{ "host=/tmp password='a b\\'c' dbname=x", "host=/tmp password=*** dbname=x" },
		{ "password=zz dbname=y", "password=*** dbname=y" },
		{ "host=/tmp dbname=s40", "host=/tmp dbname=s40" },
		{ "office.db", "office.db" },
		{ "/srv/my password=x.db", "/srv/my password=x.db" }, /* a file: as it is */
	};
	char buf[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(s40_store_uri_safe(cases[i].uri, buf, sizeof buf),
				    cases[i].shown);
	/* A small buffer is cut, never overrun, and still never shows the password. */
	char small[20];
	const char *s = s40_store_uri_safe("postgresql://u:topsecret@host/db", small, sizeof small);
	assert_true(strlen(s) < sizeof small);
	assert_null(strstr(s, "topsecret"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uri_is_pg),
		cmocka_unit_test(test_uri_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
