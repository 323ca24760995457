/*
 * table.c — unit tests of lib/report/table.c: one small table, rendered in
 * each format and language, compared byte for byte with the expected text.
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
#include "core/natid.h"
#include "report/table.h"

/* Day 18200 is 2019-10-31; month 597 is 2019-10; day 18000 is 2019-04-14. */
static void table_fill(struct s40_table *t)
{
	s40_table_init(t, "ผู้ประกันตนมาตรา 40", "Section 40 members");
	assert_int_equal(s40_table_subtitle(t, "จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562",
					    "Samut Songkhram as of 31 October 2019"),
			 S40_OK);
	assert_int_equal(s40_table_add_col(t, "code", "รหัส", "Code", S40_COL_CODE), S40_OK);
	assert_int_equal(s40_table_add_col(t, "district", "อำเภอ", "District", S40_COL_TEXT),
			 S40_OK);
	assert_int_equal(s40_table_add_col(t, "members", "ผู้ประกันตน", "Members", S40_COL_INT),
			 S40_OK);
	assert_int_equal(s40_table_add_col(t, "paid", "เงินสมทบ", "Paid", S40_COL_MONEY), S40_OK);
	assert_int_equal(s40_table_add_col(t, "since", "ตั้งแต่", "Since", S40_COL_DATE), S40_OK);
	assert_int_equal(s40_table_add_col(t, "month", "เดือน", "Month", S40_COL_MONTH), S40_OK);
	assert_int_equal(s40_table_add_col(t, "pct", "ร้อยละ", "Percent", S40_COL_PERCENT), S40_OK);
	assert_int_equal(s40_table_add_col(t, "contact", "ผู้ประสานงาน", "Contact", S40_COL_NATID),
			 S40_OK);
	assert_int_equal(s40_table_add_col(t, "full", "ครบ", "Full", S40_COL_BOOL), S40_OK);

	assert_int_equal(s40_table_add_row(t), S40_OK);
	s40_table_set_int(t, 0, 750100);
	assert_int_equal(s40_table_set_text(t, 1, "เมืองสมุทรสงคราม"), S40_OK);
	s40_table_set_int(t, 2, 17093);
	s40_table_set_int(t, 3, 123450);
	s40_table_set_int(t, 4, 18200);
	s40_table_set_int(t, 5, 597);
	s40_table_set_int(t, 6, 10000);
	s40_table_set_int(t, 7, 1112034563562);
	s40_table_set_int(t, 8, 1);

	assert_int_equal(s40_table_add_row(t), S40_OK);
	s40_table_set_int(t, 0, 750200);
	assert_int_equal(s40_table_set_text(t, 1, "อัมพวา, \"ตลาดน้ำ\""), S40_OK);
	s40_table_set_int(t, 2, 5);
	s40_table_set_int(t, 4, 18000);
	s40_table_set_int(t, 5, 597);
	s40_table_set_int(t, 6, 4567);
	s40_table_set_int(t, 8, 0);

	assert_int_equal(s40_table_add_row(t), S40_OK);
	s40_table_set_int(t, 0, 750300);
	assert_int_equal(s40_table_set_text(t, 1, "บางคนที\nสอง"), S40_OK);
	s40_table_set_int(t, 2, 1234567);
	s40_table_set_int(t, 3, 5);
	s40_table_set_int(t, 6, 0);
	s40_table_set_int(t, 7, 3100600123450);
}

/* Render t in fmt and lang into a new string the caller frees. */
static char *table_render_str(const struct s40_table *t, enum s40_format fmt, enum s40_lang lang)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_table_render(t, fmt, lang, f, &ctx), S40_OK);
	fclose(f);
	return out;
}

/* Render t as CSV in style and lang into a new string the caller frees. */
static char *table_csv_str(const struct s40_table *t, enum s40_csv_style style, enum s40_lang lang)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_table_render_csv(t, style, lang, f, &ctx), S40_OK);
	fclose(f);
	return out;
}

struct table_case {
	const char *name;
	enum s40_format fmt;
	enum s40_lang lang;
	int mask_ids;
	const char *want;
};

/* clang-format off */
static const struct table_case table_cases[] = {
	{"table th", S40_FMT_TABLE, S40_LANG_TH, 0,
	 "ผู้ประกันตนมาตรา 40\n"
	 "จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562\n"
	 "รหัส     อำเภอ             ผู้ประกันตน   เงินสมทบ  ตั้งแต่           "
	 "เดือน         ร้อยละ  ผู้ประสานงาน         ครบ\n"
	 "------  ---------------  ---------  --------  -------------  ---------  "
	 "-------  -----------------  ----\n"
	 "750100  เมืองสมุทรสงคราม      17,093  1,234.50  31 ต.ค. 2562   ต.ค. 2562  "
	 "100.00%  1-1120-34563-56-2  ใช่\n"
	 "750200  อัมพวา, \"ตลาดน้ำ\"          5         -  14 เม.ย. 2562  ต.ค. 2562   "
	 "45.67%  -                  ไม่ใช่\n"
	 "750300  บางคนที สอง       1,234,567      0.05  -              -            "
	 "0.00%  3-1006-00123-45-0  -\n"},
	{"table en masked", S40_FMT_TABLE, S40_LANG_EN, 1,
	 "Section 40 members\n"
	 "Samut Songkhram as of 31 October 2019\n"
	 "Code    District           Members      Paid  Since       Month    Percent  "
	 "Contact            Full\n"
	 "------  ---------------  ---------  --------  ----------  -------  -------  "
	 "-----------------  ----\n"
	 "750100  เมืองสมุทรสงคราม      17,093  1,234.50  2019-10-31  2019-10  100.00%  "
	 "{M1}  yes\n"
	 "750200  อัมพวา, \"ตลาดน้ำ\"          5         -  2019-04-14  2019-10   "
	 "45.67%  -                  no\n"
	 "750300  บางคนที สอง       1,234,567      0.05  -           -          0.00%  "
	 "{M2}  -\n"},
	{"csv", S40_FMT_CSV, S40_LANG_TH, 0,
	 "code,district,members,paid,since,month,pct,contact,full\n"
	 "750100,เมืองสมุทรสงคราม,17093,1234.50,2019-10-31,2019-10,100.00,1112034563562,"
	 "true\n"
	 "750200,\"อัมพวา, \"\"ตลาดน้ำ\"\"\",5,,2019-04-14,2019-10,45.67,,false\n"
	 "750300,\"บางคนที\n"
	 "สอง\",1234567,0.05,,,0.00,3100600123450,\n"},
	{"csv masked", S40_FMT_CSV, S40_LANG_EN, 1,
	 "code,district,members,paid,since,month,pct,contact,full\n"
	 "750100,เมืองสมุทรสงคราม,17093,1234.50,2019-10-31,2019-10,100.00,{M1},true\n"
	 "750200,\"อัมพวา, \"\"ตลาดน้ำ\"\"\",5,,2019-04-14,2019-10,45.67,,false\n"
	 "750300,\"บางคนที\n"
	 "สอง\",1234567,0.05,,,0.00,{M2},\n"},
	{"json", S40_FMT_JSON, S40_LANG_TH, 0,
	 "{\"title_th\":\"ผู้ประกันตนมาตรา 40\",\"title_en\":\"Section 40 members\","
	 "\"subtitle_th\":\"จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562\","
	 "\"subtitle_en\":\"Samut Songkhram as of 31 October 2019\","
	 "\"columns\":[{\"key\":\"code\",\"label_th\":\"รหัส\",\"label_en\":\"Code\","
	 "\"type\":\"code\"},{\"key\":\"district\",\"label_th\":\"อำเภอ\","
	 "\"label_en\":\"District\",\"type\":\"text\"},{\"key\":\"members\","
	 "\"label_th\":\"ผู้ประกันตน\",\"label_en\":\"Members\",\"type\":\"int\"},"
	 "{\"key\":\"paid\",\"label_th\":\"เงินสมทบ\",\"label_en\":\"Paid\","
	 "\"type\":\"money\"},{\"key\":\"since\",\"label_th\":\"ตั้งแต่\","
	 "\"label_en\":\"Since\",\"type\":\"date\"},{\"key\":\"month\","
	 "\"label_th\":\"เดือน\",\"label_en\":\"Month\",\"type\":\"month\"},"
	 "{\"key\":\"pct\",\"label_th\":\"ร้อยละ\",\"label_en\":\"Percent\","
	 "\"type\":\"percent\"},{\"key\":\"contact\",\"label_th\":\"ผู้ประสานงาน\","
	 "\"label_en\":\"Contact\",\"type\":\"natid\"},{\"key\":\"full\","
	 "\"label_th\":\"ครบ\",\"label_en\":\"Full\",\"type\":\"bool\"}],"
	 "\"rows\":[{\"code\":750100,\"district\":\"เมืองสมุทรสงคราม\","
	 "\"members\":17093,\"paid\":123450,\"since\":\"2019-10-31\","
	 "\"month\":\"2019-10\",\"pct\":10000,\"contact\":\"1112034563562\","
	 "\"full\":true},{\"code\":750200,\"district\":\"อัมพวา, \\\"ตลาดน้ำ\\\"\","
	 "\"members\":5,\"paid\":null,\"since\":\"2019-04-14\",\"month\":\"2019-10\","
	 "\"pct\":4567,\"contact\":null,\"full\":false},{\"code\":750300,"
	 "\"district\":\"บางคนที\\nสอง\",\"members\":1234567,\"paid\":5,\"since\":null,"
	 "\"month\":null,\"pct\":0,\"contact\":\"3100600123450\",\"full\":null}],"
	 "\"n_rows\":3}\n"},
	{"json masked", S40_FMT_JSON, S40_LANG_EN, 1,
	 "{\"title_th\":\"ผู้ประกันตนมาตรา 40\",\"title_en\":\"Section 40 members\","
	 "\"subtitle_th\":\"จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562\","
	 "\"subtitle_en\":\"Samut Songkhram as of 31 October 2019\","
	 "\"columns\":[{\"key\":\"code\",\"label_th\":\"รหัส\",\"label_en\":\"Code\","
	 "\"type\":\"code\"},{\"key\":\"district\",\"label_th\":\"อำเภอ\","
	 "\"label_en\":\"District\",\"type\":\"text\"},{\"key\":\"members\","
	 "\"label_th\":\"ผู้ประกันตน\",\"label_en\":\"Members\",\"type\":\"int\"},"
	 "{\"key\":\"paid\",\"label_th\":\"เงินสมทบ\",\"label_en\":\"Paid\","
	 "\"type\":\"money\"},{\"key\":\"since\",\"label_th\":\"ตั้งแต่\","
	 "\"label_en\":\"Since\",\"type\":\"date\"},{\"key\":\"month\","
	 "\"label_th\":\"เดือน\",\"label_en\":\"Month\",\"type\":\"month\"},"
	 "{\"key\":\"pct\",\"label_th\":\"ร้อยละ\",\"label_en\":\"Percent\","
	 "\"type\":\"percent\"},{\"key\":\"contact\",\"label_th\":\"ผู้ประสานงาน\","
	 "\"label_en\":\"Contact\",\"type\":\"natid\"},{\"key\":\"full\","
	 "\"label_th\":\"ครบ\",\"label_en\":\"Full\",\"type\":\"bool\"}],"
	 "\"rows\":[{\"code\":750100,\"district\":\"เมืองสมุทรสงคราม\","
	 "\"members\":17093,\"paid\":123450,\"since\":\"2019-10-31\","
	 "\"month\":\"2019-10\",\"pct\":10000,\"contact\":\"{M1}\",\"full\":true},"
	 "{\"code\":750200,\"district\":\"อัมพวา, \\\"ตลาดน้ำ\\\"\",\"members\":5,"
	 "\"paid\":null,\"since\":\"2019-04-14\",\"month\":\"2019-10\",\"pct\":4567,"
	 "\"contact\":null,\"full\":false},{\"code\":750300,"
	 "\"district\":\"บางคนที\\nสอง\",\"members\":1234567,\"paid\":5,\"since\":null,"
	 "\"month\":null,\"pct\":0,\"contact\":\"{M2}\",\"full\":null}],\"n_rows\":3}\n"},
};
/* clang-format on */

/*
 * The expected text with {M1} and {M2} replaced by the masked forms of the
 * two IDs, as natid.c masks them: the test checks that the table masks, not
 * how natid.c does it.
 */
static char *table_expand(const char *want)
{
	char m1[32], m2[32];
	s40_natid_mask(1112034563562, m1, sizeof m1);
	s40_natid_mask(3100600123450, m2, sizeof m2);
	struct s40_buf b;
	s40_buf_init(&b, 1 << 16);
	for (const char *p = want; *p;) {
		if (strncmp(p, "{M1}", 4) == 0) {
			s40_buf_adds(&b, m1);
			p += 4;
		} else if (strncmp(p, "{M2}", 4) == 0) {
			s40_buf_adds(&b, m2);
			p += 4;
		} else {
			s40_buf_add(&b, p++, 1);
		}
	}
	return s40_buf_take(&b);
}

static void test_table_render(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof table_cases / sizeof table_cases[0]; k++) {
		const struct table_case *c = &table_cases[k];
		struct s40_table t;
		table_fill(&t);
		t.mask_ids = c->mask_ids;
		char *want = table_expand(c->want);
		char *got = table_render_str(&t, c->fmt, c->lang);
		if (strcmp(got, want) != 0) {
			/* cmocka cuts long messages: print the whole of both. */
			fprintf(stderr, "case \"%s\":\nwant:\n%s\ngot:\n%s\n", c->name, want, got);
			fail_msg("case \"%s\" differs", c->name);
		}
		if (c->mask_ids)
			assert_null(strstr(got, "1112034563562"));
		free(want);
		free(got);
		s40_table_free(&t);
	}
}

static void test_table_empty_and_nulls(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, NULL, "Only English");
	assert_int_equal(s40_table_add_col(&t, "n", NULL, "N", S40_COL_INT), S40_OK);
	assert_int_equal(s40_table_add_col(&t, "name", "ชื่อ", NULL, S40_COL_TEXT), S40_OK);
	char *got = table_render_str(&t, S40_FMT_TABLE, S40_LANG_TH);
	assert_string_equal(got, "Only English\nN  ชื่อ\n-  --\n");
	free(got);
	got = table_render_str(&t, S40_FMT_JSON, S40_LANG_TH);
	assert_string_equal(got,
			    "{\"title_th\":null,\"title_en\":\"Only English\","
			    "\"subtitle_th\":null,\"subtitle_en\":null,\"columns\":["
			    "{\"key\":\"n\",\"label_th\":null,\"label_en\":\"N\",\"type\":\"int\"},"
			    "{\"key\":\"name\",\"label_th\":\"ชื่อ\",\"label_en\":null,"
			    "\"type\":\"text\"}],\"rows\":[],\"n_rows\":0}\n");
	free(got);
	got = table_render_str(&t, S40_FMT_CSV, S40_LANG_TH);
	assert_string_equal(got, "n,name\n");
	free(got);

	/* A row of NULLs; a text set and then cleared to NULL. */
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 1, "x"), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 1, NULL), S40_OK);
	got = table_render_str(&t, S40_FMT_TABLE, S40_LANG_EN);
	assert_string_equal(got, "Only English\nN  ชื่อ\n-  --\n-  -\n");
	free(got);
	s40_table_free(&t);
}

static void test_table_model(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "ท", "t");
	/* No row before a column; no cell before a row. */
	assert_int_equal(s40_table_add_row(&t), S40_E_USAGE);
	assert_int_equal(s40_table_add_col(&t, "a", "ก", "A", S40_COL_INT), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 0, "x"), S40_E_USAGE);
	for (int i = 0; i < 100; i++) {
		assert_int_equal(s40_table_add_row(&t), S40_OK);
		s40_table_set_int(&t, 0, i * 7);
	}
	/* No column after the first row; no cell past the last column. */
	assert_int_equal(s40_table_add_col(&t, "b", "ข", "B", S40_COL_INT), S40_E_USAGE);
	assert_int_equal(s40_table_set_text(&t, 1, "x"), S40_E_USAGE);
	assert_int_equal(t.n_rows, 100);
	assert_int_equal(s40_table_cell(&t, 99, 0)->i, 693);
	assert_int_equal(s40_table_cell(&t, 42, 0)->is_null, 0);
	assert_null(s40_table_cell(&t, 100, 0));
	assert_null(s40_table_cell(&t, 0, 1));
	s40_table_free(&t);

	assert_int_equal(s40_format_parse("table"), S40_FMT_TABLE);
	assert_int_equal(s40_format_parse("csv"), S40_FMT_CSV);
	assert_int_equal(s40_format_parse("json"), S40_FMT_JSON);
	assert_int_equal(s40_format_parse("xml"), -1);
	assert_int_equal(s40_format_parse(NULL), -1);
}

static void test_table_json_bad_utf8(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "t", "t");
	assert_int_equal(s40_table_add_col(&t, "a", "ก", "A", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 0, "\xff"), S40_OK);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_table_render(&t, S40_FMT_JSON, S40_LANG_TH, f, &ctx), S40_E_BAD_VALUE);
	assert_int_equal(ctx.code, S40_E_BAD_VALUE);
	fclose(f);
	assert_int_equal(len, 0);
	free(out);
	s40_table_free(&t);
}

/* Words for codes 1 … 3 (code 2 has no key and is skipped). */
static const char *word_key(int code)
{
	static const char *const k[] = { "", "paying", "", "lapsed" };
	return code >= 0 && code <= 3 ? k[code] : "";
}

static const char *word_name(int code, enum s40_lang lang)
{
	if (code == 1)
		return lang == S40_LANG_TH ? "ชำระปกติ" : "paying";
	return lang == S40_LANG_TH ? "ขาดส่ง" : "lapsed (6+ months)";
}

static void test_table_words(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "ส", "s");
	assert_int_equal(s40_table_add_col(&t, "n", "จำนวน", "n", S40_COL_INT), S40_OK);
	assert_int_equal(s40_table_add_col(&t, "status", "สถานะ", "status", S40_COL_TEXT), S40_OK);
	/* Only a text column takes words. */
	assert_int_equal(s40_table_col_words(&t, 0, word_key, word_name, 1, 3), S40_E_USAGE);
	assert_int_equal(s40_table_col_words(&t, 5, word_key, word_name, 1, 3), S40_E_USAGE);
	assert_int_equal(s40_table_col_words(&t, 1, word_key, word_name, 1, 3), S40_OK);
	assert_int_equal(t.cols[1].n_words, 2);
	const char *keys[] = { "lapsed", "paying", "unknown" };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s40_table_add_row(&t), S40_OK);
		s40_table_set_int(&t, 0, i);
		assert_int_equal(s40_table_set_text(&t, 1, keys[i]), S40_OK);
	}
	/* People read the name in their language; a key outside the set is shown as it is. */
	char *got = table_render_str(&t, S40_FMT_TABLE, S40_LANG_TH);
	assert_string_equal(got, "ส\nจำนวน  สถานะ\n-----  -------\n    0  ขาดส่ง\n    1  ชำระปกติ\n"
				 "    2  unknown\n");
	free(got);
	got = table_render_str(&t, S40_FMT_TABLE, S40_LANG_EN);
	assert_non_null(strstr(got, "0  lapsed (6+ months)\n"));
	free(got);
	/* Machines read the key, and the JSON lists every key with both names. */
	got = table_render_str(&t, S40_FMT_CSV, S40_LANG_TH);
	assert_string_equal(got, "n,status\n0,lapsed\n1,paying\n2,unknown\n");
	free(got);
	got = table_render_str(&t, S40_FMT_JSON, S40_LANG_TH);
	assert_non_null(strstr(got, "\"words\":{\"paying\":{\"th\":\"ชำระปกติ\",\"en\":\"paying\"},"
				    "\"lapsed\":{\"th\":\"ขาดส่ง\",\"en\":\"lapsed (6+ months)\"}}"));
	assert_non_null(strstr(got, "{\"n\":0,\"status\":\"lapsed\"}"));
	free(got);
	assert_string_equal(s40_table_word(&t.cols[1], "paying", S40_LANG_TH), "ชำระปกติ");
	assert_string_equal(s40_table_word(&t.cols[0], "paying", S40_LANG_TH), "paying");
	s40_table_free(&t);
}

/* A column for programs (a name's parts): in CSV and JSON, not in the terminal table, which
 * pads and separates the columns it shows as if the other were not there. */
static void test_table_machine(void **state)
{
	(void)state;
	struct s40_table t;
	s40_table_init(&t, "ส", "s");
	assert_int_equal(s40_table_add_col(&t, "name", "ชื่อ-นามสกุล", "name", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_add_col(&t, "first_name", "ชื่อ", "first", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_add_col(&t, "n", "จำนวน", "n", S40_COL_INT), S40_OK);
	assert_int_equal(s40_table_add_col(&t, "last_name", "นามสกุล", "last", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_col_machine(&t, 4), S40_E_USAGE);
	assert_int_equal(s40_table_col_machine(&t, 1), S40_OK);
	assert_int_equal(s40_table_col_machine(&t, 3), S40_OK);
	assert_int_equal(s40_table_add_row(&t), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 0, "นายกา ใจดี"), S40_OK);
	assert_int_equal(s40_table_set_text(&t, 1, "กา"), S40_OK);
	s40_table_set_int(&t, 2, 7);
	assert_int_equal(s40_table_set_text(&t, 3, "ใจดี"), S40_OK);
	char *got = table_render_str(&t, S40_FMT_TABLE, S40_LANG_TH);
	assert_string_equal(got, "ส\nชื่อ-นามสกุล  จำนวน\n---------  -----\nนายกา ใจดี      7\n");
	free(got);
	got = table_render_str(&t, S40_FMT_CSV, S40_LANG_TH);
	assert_string_equal(got, "name,first_name,n,last_name\nนายกา ใจดี,กา,7,ใจดี\n");
	free(got);
	got = table_render_str(&t, S40_FMT_JSON, S40_LANG_TH);
	assert_non_null(strstr(got, "{\"key\":\"first_name\",\"label_th\":\"ชื่อ\",\"label_en\":\"first\","
				    "\"type\":\"text\",\"machine\":true}"));
	assert_null(strstr(got, "{\"key\":\"n\",\"label_th\":\"จำนวน\",\"label_en\":\"n\",\"type\":\"int\",\"machine\""));
	assert_non_null(strstr(got, "{\"name\":\"นายกา ใจดี\",\"first_name\":\"กา\",\"n\":7,\"last_name\":\"ใจดี\"}"));
	free(got);
	s40_table_free(&t);
}

/* The CSV for people: a BOM, CRLF, the labels in the language asked for, words by their
 * names, IDs dashed so that Excel keeps them as text; the plain CSV is the scripts' form
 * whatever the language. */
static void test_table_csv_styles(void **state)
{
	(void)state;
	assert_int_equal(s40_csv_style_parse("excel"), S40_CSV_EXCEL);
	assert_int_equal(s40_csv_style_parse("plain"), S40_CSV_PLAIN);
	assert_int_equal(s40_csv_style_parse("Excel"), -1);
	assert_int_equal(s40_csv_style_parse(NULL), -1);

	struct s40_table t;
	table_fill(&t);
	char *got = table_csv_str(&t, S40_CSV_EXCEL, S40_LANG_TH);
	assert_string_equal(
		got, "\xEF\xBB\xBFรหัส,อำเภอ,ผู้ประกันตน,เงินสมทบ,ตั้งแต่,เดือน,ร้อยละ,ผู้ประสานงาน,ครบ\r\n"
		     "750100,เมืองสมุทรสงคราม,17093,1234.50,2019-10-31,2019-10,100.00,"
		     "1-1120-34563-56-2,true\r\n"
		     "750200,\"อัมพวา, \"\"ตลาดน้ำ\"\"\",5,,2019-04-14,2019-10,45.67,,false\r\n"
		     "750300,\"บางคนที\nสอง\",1234567,0.05,,,0.00,3-1006-00123-45-0,\r\n");
	free(got);
	got = table_csv_str(&t, S40_CSV_EXCEL, S40_LANG_EN);
	static const char en_head[] = "\xEF\xBB\xBF"
				      "Code,District,Members,Paid,Since,Month,Percent,Contact,Full\r\n";
	assert_memory_equal(got, en_head, strlen(en_head));
	free(got);
	/* Plain: the same bytes whatever the language, and as s40_table_render writes. */
	got = table_csv_str(&t, S40_CSV_PLAIN, S40_LANG_EN);
	char *th = table_csv_str(&t, S40_CSV_PLAIN, S40_LANG_TH);
	char *rendered = table_render_str(&t, S40_FMT_CSV, S40_LANG_TH);
	assert_string_equal(got, th);
	assert_string_equal(got, rendered);
	assert_true(strncmp(got, "code,district,", 14) == 0);
	assert_non_null(strstr(got, ",1112034563562,true\n"));
	free(got);
	free(th);
	free(rendered);
	/* Masked IDs stay masked. */
	t.mask_ids = 1;
	got = table_csv_str(&t, S40_CSV_EXCEL, S40_LANG_TH);
	assert_null(strstr(got, "1-1120-34563-56-2"));
	assert_non_null(strstr(got, ",1-xxxx-xxxxx-56-2,"));
	free(got);
	s40_table_free(&t);

	/* Words by their names in the reader's language; a key outside the set as it is. */
	s40_table_init(&t, "ส", "s");
	assert_int_equal(s40_table_add_col(&t, "status", "สถานะ", "status", S40_COL_TEXT), S40_OK);
	assert_int_equal(s40_table_col_words(&t, 0, word_key, word_name, 1, 3), S40_OK);
	const char *keys[] = { "lapsed", "unknown" };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(s40_table_add_row(&t), S40_OK);
		assert_int_equal(s40_table_set_text(&t, 0, keys[i]), S40_OK);
	}
	got = table_csv_str(&t, S40_CSV_EXCEL, S40_LANG_TH);
	assert_string_equal(got, "\xEF\xBB\xBFสถานะ\r\nขาดส่ง\r\nunknown\r\n");
	free(got);
	got = table_csv_str(&t, S40_CSV_EXCEL, S40_LANG_EN);
	assert_string_equal(got, "\xEF\xBB\xBFstatus\r\nlapsed (6+ months)\r\nunknown\r\n");
	free(got);
	got = table_csv_str(&t, S40_CSV_PLAIN, S40_LANG_TH);
	assert_string_equal(got, "status\nlapsed\nunknown\n");
	free(got);
	s40_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_render),
		cmocka_unit_test(test_table_empty_and_nulls),
		cmocka_unit_test(test_table_model),
		cmocka_unit_test(test_table_json_bad_utf8),
		cmocka_unit_test(test_table_words),
		cmocka_unit_test(test_table_machine),
		cmocka_unit_test(test_table_csv_styles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
