/*
 * Unit tests of lib/core/buf.c: appends up to and past the cap (which must
 * leave the buffer as it was), formatted appends, reset, take and free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"

static void test_empty(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
	assert_string_equal(s40_buf_str(&b), "");
	s40_buf_reset(&b); /* on a buffer that never allocated */
	assert_string_equal(s40_buf_str(&b), "");
	s40_buf_free(&b);
	s40_buf_free(&b); /* twice is harmless */
}

static void test_cap(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 10);
	assert_int_equal(s40_buf_adds(&b, "12345"), S40_OK);
	assert_int_equal(s40_buf_add(&b, "67890", 5), S40_OK); /* exactly at the cap */
	assert_int_equal(b.len, 10);
	assert_string_equal(s40_buf_str(&b), "1234567890");
	assert_true(b.cap <= 11);

	/* one byte past: refused, nothing changed */
	assert_int_equal(s40_buf_adds(&b, "x"), S40_E_LIMIT);
	assert_int_equal(b.len, 10);
	assert_string_equal(s40_buf_str(&b), "1234567890");
	assert_int_equal(s40_buf_addf(&b, "%d", 7), S40_E_LIMIT);
	assert_string_equal(s40_buf_str(&b), "1234567890");
	/* an empty append still fits */
	assert_int_equal(s40_buf_add(&b, "", 0), S40_OK);
	assert_int_equal(s40_buf_addf(&b, "%s", ""), S40_OK);
	assert_int_equal(b.len, 10);
	s40_buf_free(&b);

	/* an append bigger than the whole cap, on an empty buffer */
	s40_buf_init(&b, 4);
	assert_int_equal(s40_buf_adds(&b, "abc"), S40_OK);
	assert_int_equal(s40_buf_adds(&b, "de"), S40_E_LIMIT);
	assert_string_equal(s40_buf_str(&b), "abc");
	assert_int_equal(s40_buf_add(&b, "x", SIZE_MAX), S40_E_LIMIT); /* no overflow */
	assert_string_equal(s40_buf_str(&b), "abc");
	s40_buf_free(&b);

	/* a zero cap holds nothing but is still a string */
	s40_buf_init(&b, 0);
	assert_int_equal(s40_buf_adds(&b, "a"), S40_E_LIMIT);
	assert_int_equal(s40_buf_adds(&b, ""), S40_OK);
	assert_string_equal(s40_buf_str(&b), "");
	s40_buf_free(&b);
}

static void test_growth(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 1 << 20);
	char expect[10001];
	for (int i = 0; i < 10000; i++) {
		char c = (char)('a' + i % 26);
		assert_int_equal(s40_buf_add(&b, &c, 1), S40_OK);
		expect[i] = c;
	}
	expect[10000] = '\0';
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > b.len);
	assert_string_equal(s40_buf_str(&b), expect);
	s40_buf_free(&b);

	/* bytes with NULs inside are kept and counted */
	s40_buf_init(&b, 64);
	assert_int_equal(s40_buf_add(&b, "a\0b", 3), S40_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	s40_buf_free(&b);
}

static void test_addf(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 1000);
	assert_int_equal(s40_buf_addf(&b, "%s มี %d คน", "สมุทรสงคราม", 17093), S40_OK);
	assert_int_equal(s40_buf_addf(&b, ", %05.1f%%", 2.5), S40_OK);
	assert_string_equal(s40_buf_str(&b), "สมุทรสงคราม มี 17093 คน, 002.5%");
	assert_int_equal(b.len, strlen("สมุทรสงคราม มี 17093 คน, 002.5%"));

	/* a long formatted append that makes the buffer grow */
	s40_buf_reset(&b);
	assert_int_equal(s40_buf_addf(&b, "%0500d", 1), S40_OK);
	assert_int_equal(b.len, 500);
	assert_int_equal(b.data[499], '1');
	assert_int_equal(b.data[0], '0');
	/* and one that would pass the cap: refused whole */
	assert_int_equal(s40_buf_addf(&b, "%0501d", 1), S40_E_LIMIT);
	assert_int_equal(b.len, 500);
	assert_int_equal(b.data[500], '\0');
	s40_buf_free(&b);
}

static void test_reset(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 100);
	assert_int_equal(s40_buf_adds(&b, "hello"), S40_OK);
	char *data = b.data;
	size_t cap = b.cap;
	s40_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(s40_buf_str(&b), "");
	assert_ptr_equal(b.data, data); /* memory kept */
	assert_int_equal(b.cap, cap);
	assert_int_equal(s40_buf_adds(&b, "again"), S40_OK);
	assert_string_equal(s40_buf_str(&b), "again");
	s40_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	/* usable after free, with the same cap */
	assert_int_equal(s40_buf_adds(&b, "x"), S40_OK);
	assert_string_equal(s40_buf_str(&b), "x");
	s40_buf_free(&b);
}

static void test_take(void **state)
{
	(void)state;
	struct s40_buf b;
	s40_buf_init(&b, 100);
	assert_int_equal(s40_buf_adds(&b, "ตำบลแควอ้อม"), S40_OK);
	char *s = s40_buf_take(&b);
	assert_string_equal(s, "ตำบลแควอ้อม");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_string_equal(s40_buf_str(&b), "");
	free(s);

	/* take of an empty buffer still gives a string to free */
	s = s40_buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);

	/* the buffer is usable after take */
	assert_int_equal(s40_buf_adds(&b, "next"), S40_OK);
	assert_string_equal(s40_buf_str(&b), "next");
	s40_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),  cmocka_unit_test(test_cap),
		cmocka_unit_test(test_growth), cmocka_unit_test(test_addf),
		cmocka_unit_test(test_reset),  cmocka_unit_test(test_take),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
