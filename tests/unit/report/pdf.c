/*
 * pdf.c — unit tests of lib/report/pdf.c: the PDF's page size and orientation,
 * its page count for a long table, text far wider than a page, an empty table,
 * and a stream that cannot be written. The text itself is read back with
 * pdftotext by tests/cmd/340-report-pdf.t.
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
#include "report/table.h"

#define PORTRAIT "/MediaBox [ 0 0 595.2756 841.8898 ]"
#define LANDSCAPE "/MediaBox [ 0 0 841.8898 595.2756 ]"

/* A rendered PDF in memory. */
struct pdf_out {
	char *data;
	size_t len;
};

static enum s40_err render(const struct s40_table *t, enum s40_lang lang, struct pdf_out *out)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	FILE *m = open_memstream(&out->data, &out->len);
	assert_non_null(m);
	enum s40_err rc = s40_table_render_pdf(t, lang, s40_day_from_ymd(2026, 12, 6), m, &ctx);
	fclose(m);
	return rc;
}

/* Whether the bytes hold s. */
static int has(const struct pdf_out *o, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= o->len; i++)
		if (memcmp(o->data + i, s, n) == 0)
			return 1;
	return 0;
}

/* The number after "/Count " in the page tree. */
static long page_count(const struct pdf_out *o)
{
	const char *key = "/Count ";
	size_t n = strlen(key);
	for (size_t i = 0; i + n < o->len; i++)
		if (memcmp(o->data + i, key, n) == 0)
			return strtol(o->data + i + n, NULL, 10);
	return -1;
}

static void small_table(struct s40_table *t, size_t rows)
{
	s40_table_init(t, "ผู้ประกันตนมาตรา 40", "Section 40 members");
	assert_int_equal(s40_table_subtitle(t, "จังหวัดสมุทรสงคราม", "Samut Songkhram"), S40_OK);
	assert_int_equal(s40_table_add_col(t, "code", "รหัส", "Code", S40_COL_CODE), S40_OK);
	assert_int_equal(s40_table_add_col(t, "name", "พื้นที่", "Area", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_add_col(t, "members", "ผู้ประกันตน", "Members", S40_COL_INT),
			 S40_OK);
	assert_int_equal(s40_table_add_col(t, "paid", "เงินสมทบ", "Paid", S40_COL_MONEY), S40_OK);
	for (size_t r = 0; r < rows; r++) {
		assert_int_equal(s40_table_add_row(t), S40_OK);
		s40_table_set_int(t, 0, 750100 + (int64_t)r);
		assert_int_equal(s40_table_set_text(t, 1, r % 2 ? "อัมพวา" : "เมืองสมุทรสงคราม"),
				 S40_OK);
		s40_table_set_int(t, 2, 17093 + (int64_t)r);
		s40_table_set_int(t, 3, 123450);
	}
}

/* A narrow table: portrait A4, one page, the font embedded, titled. */
static void test_pdf_portrait(void **state)
{
	(void)state;
	struct s40_table t;
	small_table(&t, 5);
	struct pdf_out o = { 0 };
	assert_int_equal(render(&t, S40_LANG_TH, &o), S40_OK);
	assert_true(o.len > 5 && memcmp(o.data, "%PDF-", 5) == 0);
	assert_true(has(&o, PORTRAIT));
	assert_false(has(&o, LANDSCAPE));
	assert_int_equal(page_count(&o), 1);
	assert_true(has(&o, "Sarabun-Regular"));
	assert_true(has(&o, "Sarabun-SemiBold"));
	assert_true(has(&o, "/FontFile2"));
	free(o.data);
	o = (struct pdf_out){ 0 };
	/* English: the title is plain ASCII in the metadata. */
	assert_int_equal(render(&t, S40_LANG_EN, &o), S40_OK);
	assert_true(has(&o, "/Title (Section 40 members)"));
	free(o.data);
	s40_table_free(&t);
}

/* 200 rows take more than one page; 2 rows take one. */
static void test_pdf_pages(void **state)
{
	(void)state;
	struct s40_table t;
	small_table(&t, 200);
	struct pdf_out o = { 0 };
	assert_int_equal(render(&t, S40_LANG_TH, &o), S40_OK);
	long n = page_count(&o);
	assert_true(n >= 4 && n <= 8);
	free(o.data);
	s40_table_free(&t);
}

/* Twelve columns of long text, and one cell of 20,000 characters: landscape,
 * the text wrapped and cut in its column, still one page for one row. */
static void test_pdf_wide(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "ตารางกว้าง", "A wide table");
	char key[16];
	for (int c = 0; c < 12; c++) {
		snprintf(key, sizeof key, "c%d", c);
		assert_int_equal(s40_table_add_col(&t, key, "ที่อยู่ตามทะเบียนบ้าน",
						   "Registered address", S40_COL_TEXT),
				 S40_OK);
	}
	size_t big = 20000;
	char *s = malloc(big + 1);
	assert_non_null(s);
	for (size_t i = 0; i < big; i++)
		s[i] = (char)('a' + i % 26);
	s[big] = '\0';
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	for (int c = 0; c < 12; c++)
		assert_int_equal(s40_table_set_text(&t, (size_t)c,
						    c == 3 ? s : "บ้านเลขที่ 99/1 หมู่ 3 ตำบลแควอ้อม"),
				 S40_OK);
	struct pdf_out o = { 0 };
	assert_int_equal(render(&t, S40_LANG_TH, &o), S40_OK);
	assert_true(has(&o, LANDSCAPE));
	assert_int_equal(page_count(&o), 1);
	free(o.data);
	free(s);
	s40_table_free(&t);
}

/* No rows: one page with the header and a line saying so; no columns shown
 * at all: the title alone. */
static void test_pdf_empty(void **state)
{
	(void)state;
	struct s40_table t;
	small_table(&t, 0);
	struct pdf_out o = { 0 };
	assert_int_equal(render(&t, S40_LANG_TH, &o), S40_OK);
	assert_int_equal(page_count(&o), 1);
	free(o.data);
	s40_table_free(&t);

	s40_table_init(&t, NULL, NULL);
	assert_int_equal(s40_table_add_col(&t, "x", NULL, NULL, S40_COL_INT), S40_OK);
	assert_int_equal(s40_table_col_machine(&t, 0), S40_OK);
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	o = (struct pdf_out){ 0 };
	assert_int_equal(render(&t, S40_LANG_EN, &o), S40_OK);
	assert_int_equal(page_count(&o), 1);
	free(o.data);
	s40_table_free(&t);
}

/* A stream that fails: S40_E_IO with a message in both languages; and the
 * format's name parses. */
static void test_pdf_io_error(void **state)
{
	(void)state;
	assert_int_equal(s40_format_parse("pdf"), S40_FMT_PDF);
	FILE *f = fopen("/dev/full", "w");
	if (f == NULL)
		skip();
	struct s40_table t;
	small_table(&t, 50);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_table_render_pdf(&t, S40_LANG_TH, S40_NO_DAY, f, &ctx), S40_E_IO);
	assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_TH), "PDF"));
	assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "PDF"));
	fclose(f);
	s40_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_portrait), cmocka_unit_test(test_pdf_pages),
		cmocka_unit_test(test_pdf_wide),     cmocka_unit_test(test_pdf_empty),
		cmocka_unit_test(test_pdf_io_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
