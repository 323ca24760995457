/*
 * csv.c — unit tests of lib/core/csv.c: input text in, records or errors out.
 *
 * Each case of the table is read through fmemopen with several block sizes,
 * down to one byte, so that every record is also split across reads. The
 * result of each s40_csv_next is written as one line of text — "3:[a][b]" for
 * a record starting on line 3, "!csv_quote@7 column 2" for an error on line 7
 * — and the whole is compared with the expected text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/csv.h"

struct csv_case {
	const char *name;
	const char *in;
	size_t in_len; /* 0: strlen(in) */
	const char *want;
};

/* Read all of in[0..len) with the given block size and describe what came out. */
static char *csv_read_all(const char *in, size_t len, size_t block)
{
	FILE *f = fmemopen((void *)in, len, "r");
	if (len == 0)
		f = fopen("/dev/null", "r");
	assert_non_null(f);
	struct s40_csv *r = s40_csv_open_sized(f, block);
	assert_non_null(r);
	struct s40_buf out;
	s40_buf_init(&out, 1 << 20);
	for (int guard = 0; guard < 1000; guard++) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		size_t n = 99;
		enum s40_err rc = s40_csv_next(r, &n, &ctx);
		if (rc != S40_OK) {
			assert_int_equal(n, 0);
			assert_int_equal(ctx.code, rc);
			s40_buf_addf(&out, "!%s@%ld %s\n", s40_errname(rc), ctx.line, ctx.field);
			continue;
		}
		if (n == 0)
			break;
		s40_buf_addf(&out, "%ld:", s40_csv_line(r));
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(strlen(s40_csv_field(r, i)), s40_csv_field_len(r, i));
			s40_buf_addf(&out, "[%s]", s40_csv_field(r, i));
		}
		s40_buf_adds(&out, "\n");
	}
	/* The end stays the end. */
	size_t n = 99;
	assert_int_equal(s40_csv_next(r, &n, NULL), S40_OK);
	assert_int_equal(n, 0);
	s40_csv_close(r);
	fclose(f);
	return s40_buf_take(&out);
}

/* clang-format off */
static const struct csv_case csv_cases[] = {
	{"simple", "a,b,c\n1,2,3\n", 0, "1:[a][b][c]\n2:[1][2][3]\n"},
	{"no final newline", "a,b\n1,2", 0, "1:[a][b]\n2:[1][2]\n"},
	{"crlf", "a,b\r\n1,2\r\n", 0, "1:[a][b]\n2:[1][2]\n"},
	{"lone cr", "a\rb\r\rc", 0, "1:[a]\n2:[b]\n4:[c]\n"},
	{"bom", "\xef\xbb\xbf" "id,name\n1,x\n", 0, "1:[id][name]\n2:[1][x]\n"},
	{"bom only", "\xef\xbb\xbf", 0, ""},
	{"bom not at start is text", "a\n\xef\xbb\xbf" "b\n", 0, "1:[a]\n2:[\xef\xbb\xbf" "b]\n"},
	{"empty", "", 0, ""},
	{"blank lines skipped", "\n\na\n\r\n\nb\n\n", 0, "3:[a]\n6:[b]\n"},
	{"empty fields", ",a,,\n", 0, "1:[][a][][]\n"},
	{"quoted comma", "\"a,b\",c\n", 0, "1:[a,b][c]\n"},
	{"doubled quote", "\"say \"\"hi\"\"\",x\n", 0, "1:[say \"hi\"][x]\n"},
	{"empty quoted", "\"\",\"\"\n", 0, "1:[][]\n"},
	{"only quotes", "\"\"\"\"\n", 0, "1:[\"]\n"},
	{"quoted last no newline", "a,\"b\"", 0, "1:[a][b]\n"},
	{"quoted line breaks", "id,addr\n1,\"12 หมู่ 3\nตำบลบางขันแตก\nเมือง\"\n2,x\n", 0,
	 "1:[id][addr]\n2:[1][12 หมู่ 3\nตำบลบางขันแตก\nเมือง]\n5:[2][x]\n"},
	{"three-line quoted field then line 4", "\"a\nb\nc\"\nnext\n", 0,
	 "1:[a\nb\nc]\n4:[next]\n"},
	{"quoted crlf", "\"a\r\nb\"\r\nc\r\n", 0, "1:[a\r\nb]\n3:[c]\n"},
	{"thai", "ชื่อ,นามสกุล\nสมชาย,ใจดี\n", 0, "1:[ชื่อ][นามสกุล]\n2:[สมชาย][ใจดี]\n"},
	{"spaces kept", " a , b \n", 0, "1:[ a ][ b ]\n"},
	{"whitespace line is a record", "a\n   \nb\n", 0, "1:[a]\n2:[   ]\n3:[b]\n"},

	{"quote inside unquoted", "a,b\"c,d\nx\n", 0, "!csv_quote@1 column 2\n2:[x]\n"},
	{"text after closing quote", "\"ab\"c,d\nx\n", 0, "!csv_quote@1 column 1\n2:[x]\n"},
	{"misplaced quote after multi-line field", "\"a\nb\" x\ny\n", 0,
	 "!csv_quote@2 column 1\n3:[y]\n"},
	{"eof inside quotes", "a\nb,\"cd\nef\ngh\n", 0, "1:[a]\n!csv_quote@2 column 2\n"},
	{"eof inside quotes after doubled", "\"a\"\"", 0, "!csv_quote@1 column 1\n"},

	{"overlong 2-byte", "a\n\xc0\x80\nb\n", 0, "1:[a]\n!csv_utf8@2 column 1\n3:[b]\n"},
	{"overlong 3-byte", "x,\xe0\x80\xaf\n", 0, "!csv_utf8@1 column 2\n"},
	{"overlong 4-byte", "\xf0\x8f\xbf\xbf\n", 0, "!csv_utf8@1 column 1\n"},
	{"surrogate", "a,b,\xed\xa0\x80\n", 0, "!csv_utf8@1 column 3\n"},
	{"past U+10FFFF", "\xf4\x90\x80\x80\n", 0, "!csv_utf8@1 column 1\n"},
	{"f5", "\xf5\x80\x80\x80\n", 0, "!csv_utf8@1 column 1\n"},
	{"lone continuation", "ab\x80\n", 0, "!csv_utf8@1 column 1\n"},
	{"truncated at field end", "\xe0\xb8,ok\n", 0, "!csv_utf8@1 column 1\n"},
	{"truncated at eof", "ok,\xe0\xb8", 0, "!csv_utf8@1 column 2\n"},
	{"latin-1", "Jos\xe9\n", 0, "!csv_utf8@1 column 1\n"},
	{"nul byte", "a\0b\nc\n", 5, "!csv_utf8@1 column 1\n2:[c]\n"},
	{"bad byte on third line of quoted field", "x,\"1\n2\n\xff\"\ny\n", 0,
	 "!csv_utf8@3 column 2\n4:[y]\n"},
	{"valid 4-byte", "\xf0\x9f\x98\x80,\xe0\xb8\x81\n", 0, "1:[\xf0\x9f\x98\x80][ก]\n"},
	{"max 3-byte and 4-byte", "\xef\xbf\xbf,\xf4\x8f\xbf\xbf\n", 0,
	 "1:[\xef\xbf\xbf][\xf4\x8f\xbf\xbf]\n"},
	{"first error wins", "\xff,a\"b\nz\n", 0, "!csv_utf8@1 column 1\n2:[z]\n"},
};
/* clang-format on */

static void test_csv_table(void **state)
{
	(void)state;
	static const size_t blocks[] = { 0, 1, 2, 3, 5, 7, 64 };
	for (size_t k = 0; k < sizeof csv_cases / sizeof csv_cases[0]; k++) {
		const struct csv_case *c = &csv_cases[k];
		size_t len = c->in_len ? c->in_len : strlen(c->in);
		for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
			char *got = csv_read_all(c->in, len, blocks[b]);
			if (strcmp(got, c->want) != 0)
				fail_msg("case \"%s\", block %zu:\nwant:\n%s\ngot:\n%s", c->name,
					 blocks[b], c->want, got);
			free(got);
		}
	}
}

/* Open a reader on a string with the given block size. */
static struct s40_csv *csv_open_text(const char *in, size_t block, FILE **f)
{
	*f = fmemopen((void *)in, strlen(in), "r");
	assert_non_null(*f);
	struct s40_csv *r = s40_csv_open_sized(*f, block);
	assert_non_null(r);
	return r;
}

static void test_csv_raw(void **state)
{
	(void)state;
	static const size_t blocks[] = { 0, 1, 4 };
	const char *in = "\xef\xbb\xbf"
			 "a,\"b\r\nc\"\r\n\r\nx,\"y\"z,w\r\nlast";
	for (size_t b = 0; b < 3; b++) {
		FILE *f;
		struct s40_csv *r = csv_open_text(in, blocks[b], &f);
		struct s40_ctx ctx;
		size_t n, len;
		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
		assert_int_equal(n, 2);
		const char *raw = s40_csv_raw(r, &len);
		assert_int_equal(len, 8);
		assert_memory_equal(raw, "a,\"b\r\nc\"", 8);
		assert_int_equal(raw[len], '\0');

		s40_ctx_clear(&ctx);
		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_E_CSV_QUOTE);
		assert_int_equal(ctx.line, 4);
		assert_string_equal(ctx.field, "column 2");
		assert_int_equal(s40_csv_line(r), 4);
		raw = s40_csv_raw(r, &len);
		assert_string_equal(raw, "x,\"y\"z,w");
		assert_int_equal(len, strlen("x,\"y\"z,w"));
		assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "line 4"));
		assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_TH), "บรรทัด 4"));

		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
		assert_int_equal(n, 1);
		assert_string_equal(s40_csv_raw(r, &len), "last");
		assert_int_equal(s40_csv_line(r), 5);
		assert_int_equal(s40_csv_offset(r), (long long)strlen(in));

		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
		assert_int_equal(n, 0);
		s40_csv_close(r);
		fclose(f);
	}
}

static void test_csv_eof_quote_message(void **state)
{
	(void)state;
	FILE *f;
	struct s40_csv *r = csv_open_text("a\n\"open\n\n\nmore", 0, &f);
	struct s40_ctx ctx;
	size_t n;
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_E_CSV_QUOTE);
	assert_int_equal(ctx.line, 2);
	assert_string_equal(ctx.field, "column 1");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    "the quote opened on line 2, column 1 is not closed before the end of "
			    "the file");
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
	assert_int_equal(n, 0);
	s40_csv_close(r);
	fclose(f);
}

static void test_csv_too_many_fields(void **state)
{
	(void)state;
	struct s40_buf in;
	s40_buf_init(&in, 1 << 20);
	/* 256 fields is allowed, 257 is not; the reader goes on after. */
	for (int i = 0; i < S40_CSV_MAX_FIELDS; i++)
		s40_buf_addf(&in, "%s%d", i ? "," : "", i);
	s40_buf_adds(&in, "\n");
	for (int i = 0; i <= S40_CSV_MAX_FIELDS; i++)
		s40_buf_addf(&in, "%s%d", i ? "," : "", i);
	s40_buf_adds(&in, "\nok\n");
	for (size_t block = 0; block < 4; block += 3) {
		FILE *f;
		struct s40_csv *r = csv_open_text(s40_buf_str(&in), block, &f);
		struct s40_ctx ctx;
		size_t n;
		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
		assert_int_equal(n, S40_CSV_MAX_FIELDS);
		assert_string_equal(s40_csv_field(r, 255), "255");
		s40_ctx_clear(&ctx);
		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_E_CSV_COLUMNS);
		assert_int_equal(n, 0);
		assert_int_equal(ctx.line, 2);
		assert_string_equal(ctx.field, "column 257");
		assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
		assert_int_equal(n, 1);
		assert_string_equal(s40_csv_field(r, 0), "ok");
		assert_int_equal(s40_csv_line(r), 3);
		s40_csv_close(r);
		fclose(f);
	}
	s40_buf_free(&in);
}

static void test_csv_too_long(void **state)
{
	(void)state;
	/* A row of exactly S40_CSV_MAX_ROW bytes passes; one byte more fails,
	 * quoted or not, and the next record is read. */
	size_t max = S40_CSV_MAX_ROW;
	size_t cap = 3 * max + 64;
	char *in = malloc(cap);
	assert_non_null(in);
	size_t k = 0;
	memset(in + k, 'a', max);
	k += max;
	in[k++] = '\n';
	in[k++] = 'b';
	memset(in + k, 'x', max);
	k += max;
	in[k++] = '\n';
	in[k++] = '"';
	memset(in + k, '\n', max);
	k += max;
	memcpy(in + k, "\"\nend\n", 6);
	k += 6;
	FILE *f = fmemopen(in, k, "r");
	assert_non_null(f);
	struct s40_csv *r = s40_csv_open(f);
	struct s40_ctx ctx;
	size_t n;
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
	assert_int_equal(n, 1);
	assert_int_equal(s40_csv_field_len(r, 0), max);
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_E_CSV_FIELD_LONG);
	assert_int_equal(ctx.line, 2);
	assert_string_equal(ctx.field, "column 1");
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_E_CSV_FIELD_LONG);
	assert_int_equal(s40_csv_line(r), 3);
	assert_int_equal(s40_csv_next(r, &n, &ctx), S40_OK);
	assert_int_equal(n, 1);
	assert_string_equal(s40_csv_field(r, 0), "end");
	assert_int_equal(s40_csv_line(r), 3 + (long)max + 1);
	s40_csv_close(r);
	fclose(f);
	free(in);
}

struct csv_write_case {
	const char *fields[4];
	size_t n;
	const char *want;
};

/* A reader over memory owns its stream; an empty text is an empty table. */
static void test_csv_mem(void **state)
{
	(void)state;
	static const char text[] = "รหัส,ชื่อ\n75,\"สมุทร, สงคราม\"\n";
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_csv *r = s40_csv_open_mem(text, sizeof text - 1);
	assert_non_null(r);
	size_t nf;
	assert_int_equal(s40_csv_next(r, &nf, &ctx), S40_OK);
	assert_int_equal(nf, 2);
	assert_string_equal(s40_csv_field(r, 0), "รหัส");
	assert_int_equal(s40_csv_next(r, &nf, &ctx), S40_OK);
	assert_int_equal(nf, 2);
	assert_string_equal(s40_csv_field(r, 1), "สมุทร, สงคราม");
	assert_int_equal(s40_csv_line(r), 2);
	assert_int_equal(s40_csv_next(r, &nf, &ctx), S40_OK);
	assert_int_equal(nf, 0);
	s40_csv_close(r);

	r = s40_csv_open_mem("", 0);
	assert_non_null(r);
	assert_int_equal(s40_csv_next(r, &nf, &ctx), S40_OK);
	assert_int_equal(nf, 0);
	s40_csv_close(r);
}

static void test_csv_write(void **state)
{
	(void)state;
	static const struct csv_write_case cases[] = {
		{ { "a", "b", "c" }, 3, "a,b,c\n" },
		{ { "a,b", "say \"hi\"", "x\ny" }, 3, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\n" },
		{ { "", NULL, "cr\r" }, 3, ",,\"cr\r\"\n" },
		{ { "สมุทรสงคราม" }, 1, "สมุทรสงคราม\n" },
		{ { NULL }, 0, "\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		assert_non_null(f);
		s40_csv_write_row(f, cases[i].fields, cases[i].n);
		fclose(f);
		assert_string_equal(out, cases[i].want);
		/* What is written reads back the same (NULL as empty). */
		if (cases[i].n > 0) {
			FILE *g = fmemopen(out, len, "r");
			struct s40_csv *r = s40_csv_open_sized(g, 2);
			size_t n;
			assert_int_equal(s40_csv_next(r, &n, NULL), S40_OK);
			assert_int_equal(n, cases[i].n);
			for (size_t j = 0; j < n; j++)
				assert_string_equal(s40_csv_field(r, j),
						    cases[i].fields[j] ? cases[i].fields[j] : "");
			s40_csv_close(r);
			fclose(g);
		}
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_table),
		cmocka_unit_test(test_csv_raw),
		cmocka_unit_test(test_csv_eof_quote_message),
		cmocka_unit_test(test_csv_too_many_fields),
		cmocka_unit_test(test_csv_too_long),
		cmocka_unit_test(test_csv_write),
		cmocka_unit_test(test_csv_mem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
