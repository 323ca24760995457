/*
 * textenc.c — unit tests of lib/core/textenc.c: bytes in, the encoding found
 * and the UTF-8 out (or the refusal, with its byte and line).
 *
 * Each case is read through fmemopen with several chunk sizes, down to one
 * byte, so that every multi-byte character (a Thai letter in UTF-8, a
 * surrogate pair in UTF-16) is also split across reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/textenc.h"

struct dec_out {
	char *text;
	size_t len;
	enum s40_enc enc;
	enum s40_err err;
	struct s40_ctx ctx;
};

/* Decode in[0..len) with the given chunk size and forced encoding. */
static void decode(const char *in, size_t len, enum s40_enc force, size_t chunk, struct dec_out *o)
{
	FILE *f = fmemopen((void *)in, len, "r");
	assert_non_null(f);
	struct s40_textdec *d = s40_textdec_open_sized(f, force, chunk);
	assert_non_null(d);
	FILE *u = s40_textdec_stream(d);
	size_t cap = 3 * len + 16;
	o->text = malloc(cap);
	assert_non_null(o->text);
	o->len = 0;
	size_t got;
	/* small reads too, as the CSV reader's are not always whole blocks */
	while ((got = fread(o->text + o->len, 1, chunk < 7 ? 7 : 4096, u)) > 0)
		o->len += got;
	assert_true(o->len < cap);
	o->text[o->len] = '\0';
	s40_ctx_clear(&o->ctx);
	o->err = s40_textdec_error(d, &o->ctx);
	assert_int_equal(ferror(u) != 0, o->err != S40_OK);
	o->enc = s40_textdec_encoding(d);
	s40_textdec_close(d);
	fclose(f);
}

static const size_t chunks[] = { 1, 2, 3, 5, 7, 64, 0 };

/* in decodes, at every chunk size, to want as enc. */
static void expect_text(const char *in, size_t len, enum s40_enc force, enum s40_enc enc,
			const char *want)
{
	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		struct dec_out o;
		decode(in, len, force, chunks[i], &o);
		if (o.err != S40_OK)
			fail_msg("chunk %zu: %s", chunks[i], s40_errmsg(&o.ctx, S40_LANG_EN));
		assert_string_equal(s40_enc_name(o.enc), s40_enc_name(enc));
		assert_int_equal(o.len, strlen(want));
		assert_memory_equal(o.text, want, o.len);
		free(o.text);
	}
}

/* in is refused, at every chunk size, on line with the byte named. */
static void expect_refused(const char *in, size_t len, long line, const char *want_msg)
{
	for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		struct dec_out o;
		decode(in, len, S40_ENC_AUTO, chunks[i], &o);
		assert_int_equal(o.err, S40_E_CSV_ENCODING);
		assert_int_equal(o.ctx.line, line);
		if (strstr(s40_errmsg(&o.ctx, S40_LANG_EN), want_msg) == NULL)
			fail_msg("chunk %zu: %s", chunks[i], s40_errmsg(&o.ctx, S40_LANG_EN));
		free(o.text);
	}
}

#define UTF8_TEXT "id,ชื่อ,นามสกุล\r\n1,สมชาย,ใจดี\n2,\"มาลี, สุข\",ศรี\n"
/* The same in Windows-874 (TIS-620 bytes). */
#define CP874_TEXT                                                                            \
	"id,\xaa\xd7\xe8\xcd,\xb9\xd2\xc1\xca\xa1\xd8\xc5\r\n1,\xca\xc1\xaa\xd2\xc2,\xe3\xa8" \
	"\xb4\xd5\n2,\"\xc1\xd2\xc5\xd5, \xca\xd8\xa2\",\xc8\xc3\xd5\n"

static void test_utf8(void **state)
{
	(void)state;
	expect_text(UTF8_TEXT, strlen(UTF8_TEXT), S40_ENC_AUTO, S40_ENC_UTF8, UTF8_TEXT);
	/* ASCII alone is UTF-8; nothing at all too */
	expect_text("id,name\n1,x\n", 12, S40_ENC_AUTO, S40_ENC_UTF8, "id,name\n1,x\n");
	expect_text("", 0, S40_ENC_AUTO, S40_ENC_UTF8, "");
}

static void test_utf8_bom(void **state)
{
	(void)state;
	/* The BOM is passed on: the CSV reader skips it. */
	const char *in = "\xef\xbb\xbf" UTF8_TEXT;
	expect_text(in, strlen(in), S40_ENC_AUTO, S40_ENC_UTF8_BOM, in);
}

/* text (UTF-8) as UTF-16, big- or little-endian, with a BOM or not. */
static size_t to_utf16(const char *text, int be, int bom, char *out)
{
	size_t n = 0;
	if (bom) {
		out[n++] = be ? '\xfe' : '\xff';
		out[n++] = be ? '\xff' : '\xfe';
	}
	const unsigned char *s = (const unsigned char *)text;
	while (*s) {
		uint32_t c;
		if (*s < 0x80) {
			c = *s++;
		} else if (*s < 0xe0) {
			c = (uint32_t)(*s++ & 0x1f) << 6;
			c |= *s++ & 0x3f;
		} else if (*s < 0xf0) {
			c = (uint32_t)(*s++ & 0x0f) << 12;
			c |= (uint32_t)(*s++ & 0x3f) << 6;
			c |= *s++ & 0x3f;
		} else {
			c = (uint32_t)(*s++ & 0x07) << 18;
			c |= (uint32_t)(*s++ & 0x3f) << 12;
			c |= (uint32_t)(*s++ & 0x3f) << 6;
			c |= *s++ & 0x3f;
		}
		uint16_t units[2];
		int k = 1;
		if (c >= 0x10000) {
			units[0] = (uint16_t)(0xd800 + ((c - 0x10000) >> 10));
			units[1] = (uint16_t)(0xdc00 + ((c - 0x10000) & 0x3ff));
			k = 2;
		} else {
			units[0] = (uint16_t)c;
		}
		for (int i = 0; i < k; i++) {
			out[n++] = (char)(be ? units[i] >> 8 : units[i] & 0xff);
			out[n++] = (char)(be ? units[i] & 0xff : units[i] >> 8);
		}
	}
	return n;
}

static void test_utf16(void **state)
{
	(void)state;
	/* with a character outside the BMP, whose surrogate pair chunks split */
	const char *text = UTF8_TEXT "3,\xf0\x9f\x98\x80,x\n";
	char buf[512];
	size_t n = to_utf16(text, 0, 1, buf);
	expect_text(buf, n, S40_ENC_AUTO, S40_ENC_UTF16LE, text);
	n = to_utf16(text, 1, 1, buf);
	expect_text(buf, n, S40_ENC_AUTO, S40_ENC_UTF16BE, text);
	/* without a BOM: the NULs of the ASCII tell */
	n = to_utf16(text, 0, 0, buf);
	expect_text(buf, n, S40_ENC_AUTO, S40_ENC_UTF16LE, text);
	n = to_utf16(text, 1, 0, buf);
	expect_text(buf, n, S40_ENC_AUTO, S40_ENC_UTF16BE, text);
	/* forced: "utf-16" takes the BOM's order, little-endian without one */
	n = to_utf16(text, 1, 1, buf);
	expect_text(buf, n, S40_ENC_UTF16, S40_ENC_UTF16BE, text);
	n = to_utf16(text, 0, 0, buf);
	expect_text(buf, n, S40_ENC_UTF16, S40_ENC_UTF16LE, text);
}

static void test_utf16_broken(void **state)
{
	(void)state;
	/* a lone high surrogate on line 2 */
	char buf[64];
	size_t n = to_utf16("a,b\nx", 0, 1, buf);
	buf[n++] = '\x00';
	buf[n++] = '\xd8';
	buf[n++] = 'y';
	buf[n++] = '\0';
	struct dec_out o;
	decode(buf, n, S40_ENC_AUTO, 3, &o);
	assert_int_equal(o.err, S40_E_CSV_ENCODING);
	assert_int_equal(o.ctx.line, 2);
	assert_int_equal(o.enc, S40_ENC_UTF16LE);
	assert_string_equal(o.text, "a,b\nx"); /* what came before it */
	free(o.text);
}

static void test_windows_874(void **state)
{
	(void)state;
	expect_text(CP874_TEXT, strlen(CP874_TEXT), S40_ENC_AUTO, S40_ENC_WINDOWS_874, UTF8_TEXT);
	/* Windows' additions to TIS-620: the euro, the ellipsis, curly quotes */
	const char *in = "a,b\n\xa1\x80,\x85\x91\xa1\x92\x93\x94\x96\x97\n";
	expect_text(in, strlen(in), S40_ENC_AUTO, S40_ENC_WINDOWS_874, "a,b\nก€,…‘ก’“”–—\n");
	/* forced */
	expect_text(CP874_TEXT, strlen(CP874_TEXT), S40_ENC_WINDOWS_874, S40_ENC_WINDOWS_874,
		    UTF8_TEXT);
}

/* A file of n bytes: ASCII rows, then tail. The caller frees it. */
static char *long_file(size_t n_ascii, const char *tail, size_t *len)
{
	size_t tl = strlen(tail);
	char *s = malloc(n_ascii + tl + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n_ascii; i++)
		s[i] = i % 10 == 9 ? '\n' : 'a';
	memcpy(s + n_ascii, tail, tl + 1);
	*len = n_ascii + tl;
	return s;
}

static void test_decided_late(void **state)
{
	(void)state;
	/* 100 KB of ASCII (10,000 lines), then Thai in Windows-874: decided there */
	size_t len;
	char *in = long_file(100000, "\xca\xc1\xaa\xd2\xc2\n", &len);
	struct dec_out o;
	decode(in, len, S40_ENC_AUTO, 0, &o);
	assert_int_equal(o.err, S40_OK);
	assert_int_equal(o.enc, S40_ENC_WINDOWS_874);
	assert_int_equal(o.len, 100000 + strlen("สมชาย\n"));
	assert_string_equal(o.text + 100000, "สมชาย\n");
	free(o.text);
	free(in);
}

static void test_undecidable(void **state)
{
	(void)state;
	/* 0xFC is neither UTF-8 nor Windows-874, among Windows-874 Thai */
	const char *in = "a,b\n\xca\xc1,\xaa\xd2\xc2\n\xe3\xa8\xfc,x\n";
	expect_refused(in, strlen(in), 3, "most likely Windows-874, but byte 0xFC on line 3");
	/* mixed: a Windows-874 row, then a UTF-8 one */
	const char *mixed = "a,b\n\xca\xc1\xaa\xd2\xc2,\xe3\xa8\xb4\xd5\r\n"
			    "\xc1\xd2\xc5\xd5,\xca\xd8\xa2\nสมชาย,x\n";
	expect_refused(mixed, strlen(mixed), 4, "most likely Windows-874, but byte 0x8A on line 4");
	/* not text at all */
	const char *bin = "\x81\x82\x83\xfd\xfe";
	expect_refused(bin, 5, 1, "byte 0x81 on line 1");

	/* Windows-874 decided in the first 64 KiB, a bad byte far after it */
	size_t len;
	char *tail = long_file(100000, "x\xfdx\n", &len);
	char *in2 = malloc(len + 8);
	assert_non_null(in2);
	memcpy(in2, "\xca\xc1\n", 3);
	memcpy(in2 + 3, tail, len + 1);
	struct dec_out o;
	decode(in2, len + 3, S40_ENC_AUTO, 0, &o);
	assert_int_equal(o.err, S40_E_CSV_ENCODING);
	assert_int_equal(o.enc, S40_ENC_WINDOWS_874);
	assert_int_equal(o.ctx.line, 10002);
	assert_non_null(
		strstr(s40_errmsg(&o.ctx, S40_LANG_EN),
		       "reads as Windows-874, but byte 0xFD (offset 100004) on line 10002"));
	free(o.text);
	free(in2);
	free(tail);
}

static void test_utf8_damaged(void **state)
{
	(void)state;
	/* Mostly UTF-8 with one bad byte: still UTF-8, the CSV reader refuses that
	 * row (csv_utf8), as it always did. */
	const char *in = "id,first_name\n1,\xe0\xb8,บี\n2,สมชาย\n";
	expect_text(in, strlen(in), S40_ENC_AUTO, S40_ENC_UTF8, in);
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(s40_enc_parse("windows-874"), S40_ENC_WINDOWS_874);
	assert_int_equal(s40_enc_parse("TIS-620"), S40_ENC_WINDOWS_874);
	assert_int_equal(s40_enc_parse("cp874"), S40_ENC_WINDOWS_874);
	assert_int_equal(s40_enc_parse("UTF-8"), S40_ENC_UTF8);
	assert_int_equal(s40_enc_parse("utf-16"), S40_ENC_UTF16);
	assert_int_equal(s40_enc_parse("utf-16le"), S40_ENC_UTF16LE);
	assert_int_equal(s40_enc_parse("auto"), S40_ENC_AUTO);
	assert_int_equal(s40_enc_parse("latin1"), -1);
	assert_int_equal(s40_enc_parse(NULL), -1);
	assert_string_equal(s40_enc_name(S40_ENC_UTF8_BOM), "utf-8-bom");
	assert_string_equal(s40_enc_name(S40_ENC_UTF16BE), "utf-16be");
	assert_string_equal(s40_enc_name(S40_ENC_WINDOWS_874), "windows-874");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),	    cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_utf16),	    cmocka_unit_test(test_utf16_broken),
		cmocka_unit_test(test_windows_874), cmocka_unit_test(test_decided_late),
		cmocka_unit_test(test_undecidable), cmocka_unit_test(test_utf8_damaged),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
