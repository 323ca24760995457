/*
 * xlsx.c — unit tests of lib/io/xlsx_read.c: workbooks written by
 * libxlsxwriter (as Excel writes them: shared strings, cell styles with
 * number formats; and, in its constant-memory mode, inline strings) read
 * back as the CSV the import reads, compared whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "io/xlsx_read.h"

/* The bytes of a file; *len its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *b = NULL;
	size_t cap = 0;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			b = realloc(b, cap);
			assert_non_null(b);
		}
		size_t n = fread(b + *len, 1, cap - *len, f);
		if (n == 0)
			break;
		*len += n;
	}
	fclose(f);
	return b;
}

/* Write the test's workbook to path: "ทะเบียน" first, "อื่น" second. */
static void write_book(const char *path, int constant_memory)
{
	lxw_workbook_options opt = { .constant_memory = (uint8_t)constant_memory };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_format *iso = workbook_add_format(wb), *thai = workbook_add_format(wb),
		   *sci = workbook_add_format(wb), *builtin = workbook_add_format(wb),
		   *money = workbook_add_format(wb);
	format_set_num_format(iso, "yyyy-mm-dd");
	/* A Thai date format: the day in the Buddhist era, as Thai Excel shows it. */
	format_set_num_format(thai, "[$-th-TH,107]d mmmm yyyy");
	format_set_num_format(sci, "0.00E+00");
	format_set_num_format_index(builtin, 14); /* the short date */
	format_set_num_format(money, "#,##0.00\" บาท\"");

	lxw_worksheet *ws = workbook_add_worksheet(wb, "ทะเบียน");
	const char *head[] = { "เลขประจำตัวประชาชน", "ชื่อ", "วันเกิด", "จำนวนเงิน", "หมายเหตุ" };
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	/* row 2: an ID as a number, a name with a comma and quotes, an Excel date */
	worksheet_write_number(ws, 1, 0, 3750300012345.0, NULL);
	worksheet_write_string(ws, 1, 1, "สมชาย \"ชาย\", ใจดี", NULL);
	lxw_datetime born = { 1980, 2, 29, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 2, &born, iso);
	worksheet_write_number(ws, 1, 3, 100, money);
	worksheet_write_string(ws, 1, 4, "บ้าน\nเลขที่ 5", NULL);
	/* row 3: a date shown in the Buddhist era, a fraction, a boolean */
	worksheet_write_string(ws, 2, 0, "3750300012346", NULL);
	worksheet_write_string(ws, 2, 1, "กิ่งแก้ว", NULL);
	lxw_datetime day = { 2019, 10, 31, 13, 30, 0 };
	worksheet_write_datetime(ws, 2, 2, &day, thai);
	worksheet_write_number(ws, 2, 3, 0.5, NULL);
	worksheet_write_boolean(ws, 2, 4, 1, NULL);
	/* row 4 left out; row 5: a rounded ID in a scientific format, the short date,
	 * an empty cell in the middle, nothing after the third column */
	worksheet_write_number(ws, 4, 0, 1100000000000.0, sci);
	lxw_datetime d2 = { 1900, 1, 15, 0, 0, 0 };
	worksheet_write_datetime(ws, 4, 2, &d2, builtin);
	/* row 6: a negative whole number and a large one (not whole digits) */
	worksheet_write_number(ws, 5, 0, -42, NULL);
	worksheet_write_number(ws, 5, 3, 1e20, NULL);

	lxw_worksheet *other = workbook_add_worksheet(wb, "อื่น");
	worksheet_write_string(other, 0, 0, "code", NULL);
	worksheet_write_string(other, 0, 1, "name_th", NULL);
	worksheet_write_number(other, 1, 0, 75030101, NULL);
	worksheet_write_string(other, 1, 1, "บ้านบางช้าง", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* The bytes of the test's workbook (write_book), *len its size. */
static char *book(int constant_memory, size_t *len)
{
	char path[] = "/tmp/s40-xlsx-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_book(path, constant_memory);
	char *data = slurp(path, len);
	unlink(path);
	return data;
}

static const char want_first[] =
	"เลขประจำตัวประชาชน,ชื่อ,วันเกิด,จำนวนเงิน,หมายเหตุ\n"
	"3750300012345,\"สมชาย \"\"ชาย\"\", ใจดี\",1980-02-29,100,บ้าน เลขที่ 5\n"
	"3750300012346,กิ่งแก้ว,2019-10-31,0.5,TRUE\n"
	"\n"
	"1.10E+12,,1900-01-15,,\n"
	"-42,,,1E+20,\n";

static void read_book(int constant_memory, const char *sheet, const char *want,
		      const char *want_name)
{
	size_t len;
	char *data = book(constant_memory, &len);
	struct s40_buf csv;
	s40_buf_init(&csv, S40_XLSX_MAX_CSV);
	char name[128];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_true(s40_xlsx_magic(data, len));
	enum s40_err rc = s40_xlsx_to_csv(data, len, sheet, &csv, name, sizeof name, &ctx);
	if (rc)
		fprintf(stderr, "%s\n", s40_errmsg(&ctx, S40_LANG_EN));
	assert_int_equal(rc, S40_OK);
	assert_string_equal(s40_buf_str(&csv), want);
	assert_string_equal(name, want_name);
	s40_buf_free(&csv);
	free(data);
}

/* The first sheet, every kind of cell, as the header file says. */
static void test_first_sheet(void **state)
{
	(void)state;
	read_book(0, NULL, want_first, "ทะเบียน");
}

/* Inline strings (constant-memory mode) read as the shared ones do. */
static void test_inline_strings(void **state)
{
	(void)state;
	read_book(1, "", want_first, "ทะเบียน");
}

/* Another sheet by its name. */
static void test_named_sheet(void **state)
{
	(void)state;
	read_book(0, "อื่น", "code,name_th\n75030101,บ้านบางช้าง\n", "อื่น");
}

/* A sheet the workbook does not have: not found, naming those it has. */
static void test_unknown_sheet(void **state)
{
	(void)state;
	size_t len;
	char *data = book(0, &len);
	struct s40_buf csv;
	s40_buf_init(&csv, S40_XLSX_MAX_CSV);
	char name[128];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_xlsx_to_csv(data, len, "Sheet1", &csv, name, sizeof name, &ctx),
			 S40_E_NOT_FOUND);
	assert_string_equal(ctx.field, "sheet");
	assert_string_equal(s40_errmsg(&ctx, S40_LANG_EN),
			    "the workbook has no sheet named Sheet1 (it has ทะเบียน, อื่น)");
	assert_int_equal(csv.len, 0);
	/* The same bytes cut short: a damaged file, not a crash. */
	for (size_t cut = 0; cut < len; cut += len / 64 + 1) {
		s40_ctx_clear(&ctx);
		s40_buf_reset(&csv);
		enum s40_err rc = s40_xlsx_to_csv(data, cut, NULL, &csv, name, sizeof name, &ctx);
		assert_int_equal(rc, S40_E_CSV_ENCODING);
		assert_non_null(strstr(s40_errmsg(&ctx, S40_LANG_EN), "cannot be read"));
	}
	s40_buf_free(&csv);
	free(data);
}

/* Not a zip at all. */
static void test_not_a_workbook(void **state)
{
	(void)state;
	struct s40_buf csv;
	s40_buf_init(&csv, 1024);
	char name[16];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	static const char text[] = "id,first_name\n";
	assert_false(s40_xlsx_magic(text, sizeof text - 1));
	assert_int_equal(s40_xlsx_to_csv(text, sizeof text - 1, NULL, &csv, name, sizeof name,
					 &ctx),
			 S40_E_CSV_ENCODING);
	assert_string_equal(name, "");
	s40_buf_free(&csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_sheet),    cmocka_unit_test(test_inline_strings),
		cmocka_unit_test(test_named_sheet),    cmocka_unit_test(test_unknown_sheet),
		cmocka_unit_test(test_not_a_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
