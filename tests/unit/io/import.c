/*
 * import.c — unit tests of lib/io/import.c: CSV text in, register, counts,
 * journal and reject file out.
 *
 * Each test gets a fresh database with the geography (testdb.h) and feeds CSV
 * text through fmemopen. The bad-input table runs every case twice: without
 * partial it must be refused with the database exactly as before (a digest of
 * every table, read through the store's named queries), and the reject file
 * must name the line, the column and the code; with partial the good rows
 * of the same file must be written and the bad one must not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "io/import.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "testdb.h"

/* The IDs the fixtures use (valid unless said otherwise). */
#define ID1 1101000000017LL
#define ID2 1101000000025LL
#define ID3 1101000000033LL
#define ID4 1101000000041LL

/* One import's outcome: the code, the result, the detail and the reject file. */
struct run {
	enum s40_err rc;
	struct s40_import_result res;
	struct s40_ctx ctx;
	char *rejects;
	size_t rejects_len;
	int n_progress;
	long last_progress_rows;
};

static void on_progress(void *arg, long long bytes, long rows)
{
	struct run *r = arg;
	assert_true(bytes > 0);
	r->n_progress++;
	r->last_progress_rows = rows;
}

/* Import text (len bytes, 0 = strlen) as kind into t's database, applying
 * enrolments and exclusions in ID order window rows at a time (0: the default). */
static void run_import_w(struct testdb *t, enum s40_import_kind kind, const char *text, size_t len,
			 int partial, const char *map, size_t window, struct run *r)
{
	memset(r, 0, sizeof *r);
	if (len == 0)
		len = strlen(text);
	FILE *in = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
	assert_non_null(in);
	FILE *rej = open_memstream(&r->rejects, &r->rejects_len);
	assert_non_null(rej);
	struct s40_import_opts o = {
		.kind = kind,
		.partial = partial,
		.rejects = rej,
		.map = map,
		.name = "/data/field-day/persons.csv",
		.progress = on_progress,
		.progress_arg = r,
		.window_rows = window,
	};
	r->rc = s40_import_run(&t->reg, in, &o, &r->res, &r->ctx);
	fclose(rej);
	fclose(in);
	assert_int_equal(t->reg.batch_seq, 0);
	assert_int_equal(t->reg.depth, 0);
	assert_int_equal(r->res.rows, r->res.good + r->res.bad);
	assert_int_equal(r->res.good, r->res.changed + r->res.unchanged);
}

static void run_import(struct testdb *t, enum s40_import_kind kind, const char *text, size_t len,
		       int partial, const char *map, struct run *r)
{
	run_import_w(t, kind, text, len, partial, map, 0, r);
}

static void run_free(struct run *r)
{
	free(r->rejects);
	r->rejects = NULL;
}

/* Hash every row of a query (its parameter, if any, is p1). cols gives each
 * column's type: 'i' an integer, 't' text or a blob. */
static void digest_query(crypto_hash_sha256_state *h, struct s40_store *st, enum s40_q q,
			 const char *cols, const int64_t *p1)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, q, &ctx);
	assert_non_null(s);
	if (p1)
		s40_stmt_int64(s, 1, *p1);
	int rc;
	while ((rc = s40_stmt_step(s, &ctx)) == S40_ROW) {
		for (int i = 0; cols[i]; i++) {
			uint8_t tag = s40_col_null(s, i) ? 'n' : (uint8_t)cols[i];
			crypto_hash_sha256_update(h, &tag, 1);
			if (tag == 'i') {
				int64_t v = s40_col_int64(s, i);
				crypto_hash_sha256_update(h, (const uint8_t *)&v, sizeof v);
			} else if (tag == 't') {
				size_t n = 0;
				const void *b = s40_col_blob(s, i, &n);
				uint64_t len = n;
				crypto_hash_sha256_update(h, (const uint8_t *)&len, sizeof len);
				crypto_hash_sha256_update(h, b, n);
			}
		}
	}
	assert_int_equal(rc, S40_OK);
}

/*
 * A digest of the whole register: journal, areas, every spell, every person
 * with their spells and exclusions, and the exclusions of the fixture IDs
 * (exclusions need no registered person). Equal digests: the same database.
 */
static void db_digest(struct testdb *t, uint8_t out[32])
{
	static const int64_t ids[] = { ID1, ID2, ID3, ID4 };
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	digest_query(&h, t->st, S40_Q_JOURNAL_ALL, "iitttttt", NULL);
	digest_query(&h, t->st, S40_Q_AREA_ALL, "iiiittt", NULL);
	digest_query(&h, t->st, S40_Q_SPELL_ALL, "iii", NULL);
	digest_query(&h, t->st, S40_Q_PERSON_COUNT, "i", NULL);
	struct s40_person *v;
	size_t n;
	testdb_ok(s40_person_find(t->st, "", 0, 1000000, &v, &n, &t->ctx), &t->ctx);
	for (size_t i = 0; i < n; i++) {
		crypto_hash_sha256_update(&h, (const uint8_t *)&v[i], sizeof v[i]);
		digest_query(&h, t->st, S40_Q_SPELL_OF_PERSON, "iiiiiiiiiti", &v[i].id);
		digest_query(&h, t->st, S40_Q_EXCL_OF_PERSON, "iiiit", &v[i].id);
	}
	free(v);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		digest_query(&h, t->st, S40_Q_EXCL_OF_PERSON, "iiiit", &ids[i]);
	crypto_hash_sha256_final(&h, out);
}

/* Whether id is registered. */
static int registered(struct testdb *t, int64_t id)
{
	struct s40_person p;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = s40_person_get(t->st, id, &p, &ctx);
	assert_true(rc == S40_OK || rc == S40_E_NOT_FOUND);
	return rc == S40_OK;
}

/* Field i of reject row k (0 = the first after the header) of a reject file. */
static char *reject_field(const struct run *r, int k, size_t i)
{
	FILE *f = fmemopen(r->rejects, r->rejects_len, "r");
	assert_non_null(f);
	struct s40_csv *c = s40_csv_open(f);
	size_t n;
	char *out = NULL;
	for (int row = -1; row <= k; row++) {
		assert_int_equal(s40_csv_next(c, &n, NULL), S40_OK);
		assert_int_equal(n, 6);
		if (row == -1)
			assert_string_equal(s40_csv_field(c, 0), "line");
	}
	out = strdup(s40_csv_field(c, i));
	s40_csv_close(c);
	fclose(f);
	return out;
}

/* Reject rows in a reject file (records after the header). */
static int n_rejects(const struct run *r)
{
	FILE *f = fmemopen(r->rejects, r->rejects_len, "r");
	assert_non_null(f);
	struct s40_csv *c = s40_csv_open(f);
	size_t n;
	int k = -1;
	while (s40_csv_next(c, &n, NULL) == S40_OK && n)
		k++;
	s40_csv_close(c);
	fclose(f);
	return k;
}

/* ---- good files ---- */

static const char persons_good[] =
	"id,title,first_name,last_name,birth_date,sex,thai,village,phone\n"
	"1101000000017,นาย,สมชาย,ใจดี,1980-05-01,M,yes,75010201,081-234-5678\n"
	"1-1010-00000-02-5,นาง,สมหญิง,รักไทย,15/03/2525,หญิง,ใช่,75010202,\n"
	"๑๑๐๑๐๐๐๐๐๐๐๓๓,นางสาว,มาลี,ศรีสุข,๑ ม.ค. ๒๕๓๐,2,1,75010203,\n";

static void test_persons_good(void **state)
{
	struct testdb *t = *state;
	int64_t last = testdb_journal_last(t->st);
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, persons_good, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.rows, 3);
	assert_int_equal(r.res.good, 3);
	assert_int_equal(r.res.changed, 3);
	assert_int_equal(r.res.bad, 0);
	assert_true(r.res.committed);
	assert_int_equal(r.res.journal_seq, last + 1);
	assert_int_equal(testdb_journal_last(t->st), last + 1);
	assert_string_equal(r.rejects, "\xEF\xBB\xBF"
				       "line,column,code,message_th,message_en,row\r\n");
	assert_int_equal(r.n_progress, 1);
	assert_int_equal(r.last_progress_rows, 3);

	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	assert_string_equal(p.title, "นาย");
	assert_string_equal(p.first_th, "สมชาย");
	assert_int_equal(p.birth_day, s40_day_from_ymd(1980, 5, 1));
	assert_int_equal(p.sex, 1);
	assert_int_equal(p.thai, 1);
	assert_int_equal(p.village, 75010201);
	assert_string_equal(p.phone, "0812345678");
	assert_int_equal(p.journal_seq, r.res.journal_seq);
	testdb_ok(s40_person_get(t->st, ID2, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.birth_day, s40_day_from_ymd(1982, 3, 15));
	assert_int_equal(p.sex, 2);
	testdb_ok(s40_person_get(t->st, ID3, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.birth_day, s40_day_from_ymd(1987, 1, 1));
	assert_int_equal(p.village, 75010203);

	/* One journal entry, holding the SHA-256 of the file's bytes and the counts. */
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "import:persons.csv", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].op, "import.persons");
	assert_int_equal(e[0].seq, r.res.journal_seq);
	uint8_t sha[32];
	char hex[65], want[200];
	crypto_hash_sha256(sha, (const uint8_t *)persons_good, strlen(persons_good));
	sodium_bin2hex(hex, sizeof hex, sha, sizeof sha);
	snprintf(want, sizeof want,
		 "{\"kind\":\"persons\",\"file\":\"/data/field-day/persons.csv\",\"sha256\":\"%s\","
		 "\"partial\":false,\"rows\":3,",
		 hex);
	assert_non_null(strstr(e[0].detail, want));
	assert_non_null(strstr(e[0].detail, "\"good\":3,\"bad\":0,\"changed\":3,\"unchanged\":0"));
	s40_journal_entries_free(e, n);
	int64_t n_entries, bad_seq;
	testdb_ok(s40_journal_verify(t->st, &n_entries, &bad_seq, &t->ctx), &t->ctx);
	run_free(&r);
}

/* How many persons s40_person_find finds for text in area (all of them). */
static size_t found(struct testdb *t, const char *text, int32_t area)
{
	struct s40_person *v = NULL;
	size_t n = 0;
	testdb_ok(s40_person_find(t->st, text, area, 100000, &v, &n, &t->ctx), &t->ctx);
	free(v);
	return n;
}

/* A file of n persons, every third named ทดสอบนาม (the rest ทดลองสกุล), in
 * villages of 75 and 10. */
static char *names_file(int n, int first)
{
	struct s40_buf b;
	s40_buf_init(&b, 1 << 24);
	assert_int_equal(s40_buf_adds(&b, "id,title,first_name,last_name,birth_date,sex,thai,"
					  "village\n"),
			 0);
	for (int i = 0; i < n; i++) {
		char line[200];
		snprintf(line, sizeof line, "%lld,นาย,%s,คนที่%d,1980-05-01,M,yes,%d\n",
			 (long long)testdb_natid(200000000000LL + first + i),
			 i % 3 == 0 ? "ทดสอบนาม" : "ทดลองสกุล", first + i,
			 i % 2 ? 75010201 : 10010100);
		assert_int_equal(s40_buf_adds(&b, line), 0);
	}
	return s40_buf_take(&b);
}

/*
 * Into an empty register the persons go in two passes with the names' index
 * built once after the rows (s40_store_name_index): it must then find exactly
 * what the rows hold, and be kept row by row again after the import, also
 * after an import that failed in the middle of its writing (SQLite: the file
 * grown past max_page_count).
 */
static void test_persons_name_index(void **state)
{
	struct testdb *t = *state;
	char *text = names_file(300, 0);
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, text, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.good, 300);
	run_free(&r);
	free(text);
	assert_int_equal(found(t, "ทดสอบนาม", 0), 100);
	assert_int_equal(found(t, "ทดสอบนาม", 75), 50);
	assert_int_equal(found(t, "ทดลองสกุล", 1001), 100);
	assert_int_equal(found(t, "คนที่29", 0), 11); /* 29, 290–299 */
	assert_int_equal(found(t, "ไม่มีชื่อนี้", 0), 0);
	/* Kept row by row again: a person added after the import is found. */
	testdb_add_person(t, testdb_natid(210000000001LL), "ทดสอบนาม", "หลังนำเข้า",
			  s40_day_from_ymd(1990, 1, 1), 75010202);
	assert_int_equal(found(t, "หลังนำเข้า", 75), 1);
	assert_int_equal(found(t, "ทดสอบนาม", 0), 101);

	if (testdb_is_pg(t))
		return;
	/* A register that held nobody, an import that fails while writing: the
	 * triggers are on again after it, and nothing of it is left. */
	void *ustate = NULL;
	assert_int_equal(testdb_setup_sqlite(&ustate), 0);
	struct testdb *u = ustate;
	struct s40_stmt *q = s40_store_prepare(u->st, "PRAGMA page_count", &u->ctx);
	assert_non_null(q);
	assert_int_equal(s40_stmt_step(q, &u->ctx), S40_ROW);
	int64_t pages = s40_col_int64(q, 0);
	s40_stmt_finalize(q);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages + 3);
	q = s40_store_prepare(u->st, sql, &u->ctx);
	assert_non_null(q);
	assert_int_equal(s40_stmt_step(q, &u->ctx), S40_ROW);
	s40_stmt_finalize(q);
	text = names_file(3000, 1000);
	FILE *in = fmemopen(text, strlen(text), "r");
	assert_non_null(in);
	struct s40_import_opts o = { .kind = S40_IMPORT_PERSONS, .name = "big.csv" };
	struct s40_import_result res;
	struct s40_ctx c;
	s40_ctx_clear(&c);
	assert_int_equal(s40_import_run(&u->reg, in, &o, &res, &c), S40_E_DB);
	assert_false(res.committed);
	fclose(in);
	free(text);
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", 1 << 30);
	q = s40_store_prepare(u->st, sql, &u->ctx);
	assert_non_null(q);
	assert_int_equal(s40_stmt_step(q, &u->ctx), S40_ROW);
	s40_stmt_finalize(q);
	assert_int_equal(found(u, "ทดสอบนาม", 0), 0);
	testdb_add_person(u, testdb_natid(210000000002LL), "ทดสอบนาม", "หลังล้มเหลว",
			  s40_day_from_ymd(1990, 1, 1), 75010202);
	assert_int_equal(found(u, "หลังล้มเหลว", 0), 1);
	assert_int_equal(found(u, "ทดสอบนาม", 75), 1);
	testdb_teardown(&ustate);
}

static void test_persons_twice(void **state)
{
	struct testdb *t = *state;
	int64_t last = testdb_journal_last(t->st);
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, persons_good, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	run_free(&r);
	uint8_t before[32], after[32];
	db_digest(t, before);
	run_import(t, S40_IMPORT_PERSONS, persons_good, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.rows, 3);
	assert_int_equal(r.res.changed, 0);
	assert_int_equal(r.res.unchanged, 3);
	assert_false(r.res.committed);
	assert_int_equal(r.res.journal_seq, 0);
	assert_int_equal(testdb_journal_last(t->st), last + 1);
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.journal_seq, last + 1); /* not rewritten */
	run_free(&r);
	/* Nothing moved at all, not even the journal. */
	db_digest(t, after);
	assert_memory_equal(before, after, 32);
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "import:persons.csv", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	s40_journal_entries_free(e, n);
}

/* Thai header names, a BOM, CRLF, a quoted field with a comma, quote and line break. */
static void test_persons_thai_header(void **state)
{
	struct testdb *t = *state;
	static const char csv[] = "\xef\xbb\xbf"
				  "เลขประจำตัวประชาชน,คำนำหน้า,ชื่อ,นามสกุล,วันเกิด,เพศ,สัญชาติไทย,รหัสหมู่บ้าน,"
				  "โทรศัพท์,ที่อยู่, หมายเหตุ \r\n"
				  "1101000000017,นาย,สมชาย,ใจดี,31 ต.ค. 2520,ชาย,ไทย,75010201,,"
				  "\"12/3 หมู่ 1, ถนน \"\"สายหลัก\"\"\r\nซอย 2\",ไม่เกี่ยว\r\n";
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.good, 1);
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.birth_day, s40_day_from_ymd(1977, 10, 31));
	assert_non_null(strstr(p.address, "\"สายหลัก\""));
	run_free(&r);
}

static void test_column_map(void **state)
{
	struct testdb *t = *state;
	static const char csv[] = "ลำดับ,เลขบัตร,ชื่อต้น,สกุล,เกิด,บ้าน\n"
				  "1,1101000000017,สมชาย,ใจดี,1980-05-01,75010201\n";
	static const char map[] =
		"id=เลขบัตร, first_name=ชื่อต้น,last_name=สกุล,birth_date=เกิด,village=บ้าน";
	struct run r;
	uint8_t before[32], after[32];

	/* Without the map the header lacks columns, and names them. */
	db_digest(t, before);
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, NULL, &r);
	assert_int_equal(r.rc, S40_E_CSV_HEADER);
	assert_non_null(strstr(s40_errmsg(&r.ctx, S40_LANG_EN), "first_name, last_name"));
	run_free(&r);
	/* A map key the kind does not have; a map header not in the file. */
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, "option=ทางเลือก", &r);
	assert_int_equal(r.rc, S40_E_USAGE);
	run_free(&r);
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, "id=เลขบัตร,first_name=ชื่อเล่น", &r);
	assert_int_equal(r.rc, S40_E_CSV_HEADER);
	run_free(&r);
	db_digest(t, after);
	assert_memory_equal(before, after, 32);

	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, map, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 1);
	assert_true(registered(t, ID1));
	run_free(&r);
}

/* An enrolment adds a person who is not registered; a registered person's
 * columns are not read; the same file again changes nothing. */
static void test_enrolments(void **state)
{
	struct testdb *t = *state;
	testdb_add_person(t, ID2, "สมหญิง", "รักไทย", s40_day_from_ymd(1982, 3, 15), 75010202);
	static const char csv[] =
		"id,first_name,last_name,birth_date,thai,village,option,date,channel,recruited_by\n"
		"1101000000017,สมชาย,ใจดี,1980-05-01,yes,75010201,ทางเลือกที่ ๒,1/12/2568,"
		"อาสาสมัคร,1101000000025\n"
		"1101000000025,สมหญิง,ชื่อในไฟล์ไม่ตรง,1990-01-01,yes,75010201,3,2025-12-01,,\n"
		"1101000000033,,,,,,1,2025-12-02,office,\n";
	testdb_add_person(t, ID3, "มาลี", "ศรีสุข", s40_day_from_ymd(1987, 1, 1), 75010203);
	struct run r;
	run_import(t, S40_IMPORT_ENROLMENTS, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.good, 3);
	assert_int_equal(r.res.changed, 3);
	run_free(&r);

	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID2, &p, &t->ctx), &t->ctx);
	assert_string_equal(p.last_th, "รักไทย");
	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, ID1, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].option, 2);
	assert_int_equal(v[0].start_day, s40_day_from_ymd(2025, 12, 1));
	assert_int_equal(v[0].recruited_by, ID2);
	assert_string_equal(v[0].channel, "volunteer");
	int64_t seq = v[0].journal_seq;
	free(v);
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	assert_int_equal(p.journal_seq, seq);
	assert_int_equal(testdb_journal_last(t->st), seq);

	run_import(t, S40_IMPORT_ENROLMENTS, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 0);
	assert_int_equal(r.res.unchanged, 3);
	run_free(&r);
	assert_int_equal(testdb_n_spells(t->st, 0), 3);
}

static void test_exclusions(void **state)
{
	struct testdb *t = *state;
	testdb_add_person(t, ID1, "สมชาย", "ใจดี", s40_day_from_ymd(1980, 5, 1), 75010201);
	struct s40_enrol e = { .person = ID1, .option = 1, .day = s40_day_from_ymd(2024, 1, 1) };
	testdb_ok(s40_membership_enrol(&t->reg, &e, NULL, NULL, &t->ctx), &t->ctx);
	static const char csv[] = "เลขบัตรประชาชน,ประเภท,วันเริ่ม,วันสิ้นสุด\n"
				  "1101000000017,มาตรา 33,1 มี.ค. 2568,\n"
				  "1101000000025,ข้าราชการ,,\n";
	struct run r;
	run_import(t, S40_IMPORT_EXCLUSIONS, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 2);
	run_free(&r);
	struct s40_excl_rec *x;
	size_t n;
	testdb_ok(s40_exclusion_list(t->st, ID1, &x, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(x[0].e.kind, S40_EXCL_S33);
	assert_string_equal(x[0].source, "persons.csv"); /* no source column: the file */
	free(x);
	struct s40_spell *v;
	testdb_ok(s40_membership_list(t->st, ID1, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(v[0].end_day, s40_day_from_ymd(2025, 3, 1));
	assert_int_equal(v[0].end_reason, S40_END_TO_S33);
	free(v);
	run_import(t, S40_IMPORT_EXCLUSIONS, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.unchanged, 2);
	run_free(&r);
}

/*
 * Enrolments and exclusions are applied in ID order a window of rows at a time
 * (import_sorted.c): what comes out must be what the rows in file order give.
 * Rows out of ID order; the same person twice, where the second row's outcome
 * depends on the first's; rows refused by their checks, by the register and by
 * the CSV reader, in different windows; a blank row. Windows of 1 (file
 * order), 2 and 3 rows and the default; the same rows with the person's
 * columns (blank), which go row by row; all or nothing and partial.
 */
static const char order_enrol[] =
	"id,option,date\n"
	"1101000000033,1,2025-01-10\n" /* 2: ID3 */
	"1101000000017,2,2025-02-01\n" /* 3: ID1 */
	"1101000000025,9,2025-02-01\n" /* 4: no option 9 */
	"1101000000017,1,2025-03-01\n" /* 5: ID1 is a member since line 3 */
	"1101000000018,1,2025-02-01\n" /* 6: check digit */
	",,\n" /* 7: blank */
	"3301000000018,1,2025-02-01,x\n" /* 8: four columns */
	"1101000000041,3,2025-01-05\n"; /* 9: ID4 */

static const char order_enrol_person_cols[] =
	"id,first_name,last_name,birth_date,village,option,date\n"
	"1101000000033,,,,,1,2025-01-10\n"
	"1101000000017,,,,,2,2025-02-01\n"
	"1101000000025,,,,,9,2025-02-01\n"
	"1101000000017,,,,,1,2025-03-01\n"
	"1101000000018,,,,,1,2025-02-01\n"
	",,,,,,\n"
	"3301000000018,,,,,1,2025-02-01,x\n"
	"1101000000041,,,,,3,2025-01-05\n";

static void order_people(struct testdb *t)
{
	static const int64_t ids[] = { ID1, ID2, ID3, ID4 };
	for (size_t i = 0; i < 4; i++)
		testdb_add_person(t, ids[i], "ลำดับ", "ทดสอบ", s40_day_from_ymd(1980, 5, 1),
				  75010201);
}

/* The line, column and code of each reject, "4 option bad_option|5 …". */
static void reject_summary(const struct run *r, char *out, size_t n)
{
	out[0] = '\0';
	int k = n_rejects(r);
	for (int i = 0; i < k; i++) {
		char *a = reject_field(r, i, 0), *b = reject_field(r, i, 1),
		     *c = reject_field(r, i, 2);
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s %s %s", i ? "|" : "", a, b, c);
		free(a);
		free(b);
		free(c);
	}
}

/* One import of the order's tests: its outcome, its rejects (the first run's,
 * want[0] == 0, give want) and the register unchanged since before. */
static void order_check(struct testdb *t, struct run *r, enum s40_err rc, long line, long rows,
			long good, long bad, char *want, size_t n_want, const uint8_t before[32])
{
	assert_int_equal(r->rc, rc);
	if (line)
		assert_int_equal(r->ctx.line, line);
	assert_int_equal(r->res.rows, rows);
	assert_int_equal(r->res.good, good);
	assert_int_equal(r->res.bad, bad);
	char got[512];
	reject_summary(r, got, sizeof got);
	if (want[0] == '\0')
		snprintf(want, n_want, "%s", got);
	assert_string_equal(got, want);
	run_free(r);
	uint8_t after[32];
	db_digest(t, after);
	assert_memory_equal(before, after, 32);
}

static void test_enrolments_id_order(void **state)
{
	struct testdb *t = *state;
	order_people(t);
	uint8_t before[32];
	db_digest(t, before);
	static const size_t windows[] = { 1, 2, 3, 0 };
	char want[512] = "", got[512];
	for (size_t w = 0; w < 5; w++) {
		/* All or nothing: refused, nothing written, the first bad line named. */
		struct run r;
		if (w < 4)
			run_import_w(t, S40_IMPORT_ENROLMENTS, order_enrol, 0, 0, NULL, windows[w],
				     &r);
		else
			run_import(t, S40_IMPORT_ENROLMENTS, order_enrol_person_cols, 0, 0, NULL,
				   &r);
		order_check(t, &r, S40_E_REJECTED, 4, 7, 3, 4, want, sizeof want, before);
	}
	assert_string_equal(want,
			    "4 option bad_option|5 id already_member|6 id id_check|8  csv_columns");
	/* A row's message names its own line, whichever row was read last. */
	struct run r8;
	run_import_w(t, S40_IMPORT_ENROLMENTS, order_enrol, 0, 0, NULL, 0, &r8);
	char *msg = reject_field(&r8, 3, 4);
	assert_string_equal(msg, "the row on line 8 has 4 columns; the header has 3");
	free(msg);
	run_free(&r8);

	/* Partial, two rows a window: the good rows written as in file order. */
	struct run r;
	run_import_w(t, S40_IMPORT_ENROLMENTS, order_enrol, 0, 1, NULL, 2, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 3);
	reject_summary(&r, got, sizeof got);
	assert_string_equal(got, want);
	run_free(&r);
	struct s40_spell *v;
	size_t n;
	testdb_ok(s40_membership_list(t->st, ID1, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].option, 2);
	assert_int_equal(v[0].start_day, s40_day_from_ymd(2025, 2, 1));
	free(v);
	assert_int_equal(testdb_n_spells(t->st, ID3), 1);
	assert_int_equal(testdb_n_spells(t->st, ID4), 1);
	assert_int_equal(testdb_n_spells(t->st, ID2), 0);
}

static void test_exclusions_id_order(void **state)
{
	struct testdb *t = *state;
	order_people(t);
	static const char csv[] =
		"id,kind,start_date,end_date\n"
		"1101000000025,s33,2025-03-01,\n" /* 2 */
		"1101000000017,civil_servant,,\n" /* 3 */
		"1101000000017,xyz,,\n" /* 4: no such kind */
		"1101000000033,s33,2025-02-01,2025-01-01\n" /* 5: ends before */
		"1101000000017,civil_servant,,2025-06-30\n" /* 6: line 3's, ended */
		"\"1101000000041,s39,2025-01-01,\n"; /* 7: an open quote */
	uint8_t before[32];
	db_digest(t, before);
	char want[512] = "", got[512];
	static const size_t windows[] = { 1, 2, 3, 0 };
	for (size_t w = 0; w < 4; w++) {
		struct run r;
		run_import_w(t, S40_IMPORT_EXCLUSIONS, csv, 0, 1, NULL, windows[w], &r);
		/* The open quote stops the import, after the rows before it. */
		order_check(t, &r, S40_E_CSV_QUOTE, 0, 6, 3, 3, want, sizeof want, before);
	}
	assert_string_equal(want, "4 kind bad_reason|5 end_date bad_value|7 id csv_quote");

	static const char good[] = "id,kind,start_date,end_date\n"
				   "1101000000025,s33,2025-03-01,\n"
				   "1101000000017,civil_servant,,\n"
				   "1101000000017,xyz,,\n"
				   "1101000000017,civil_servant,,2025-06-30\n"
				   "1101000000033,s39,2025-01-01,\n";
	struct run r;
	run_import_w(t, S40_IMPORT_EXCLUSIONS, good, 0, 1, NULL, 2, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.good, 4);
	assert_int_equal(r.res.bad, 1);
	reject_summary(&r, got, sizeof got);
	assert_non_null(strstr(got, "4 kind "));
	run_free(&r);
	/* Line 5 came after line 3: the cover ended on 30 June. */
	struct s40_excl_rec *x;
	size_t n;
	testdb_ok(s40_exclusion_list(t->st, ID1, &x, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(x[0].e.kind, S40_EXCL_CIVIL_SERVANT);
	assert_int_equal(x[0].e.end_day, s40_day_from_ymd(2025, 6, 30));
	free(x);
}

static void test_villages(void **state)
{
	struct testdb *t = *state;
	static const char csv[] = "รหัสหมู่บ้าน,หมู่ที่,ชื่อหมู่บ้าน,name_en\n"
				  "75010201,,บ้านคลองโคน,Ban Khlong Khon\n"
				  "750102,หมู่ ๑๓,บ้านใหม่,\n";
	struct run r;
	run_import(t, S40_IMPORT_VILLAGES, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 2);
	run_free(&r);
	struct s40_area_rec a;
	testdb_ok(s40_area_get(t->st, 75010201, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "บ้านคลองโคน");
	assert_string_equal(a.name_en, "Ban Khlong Khon");
	testdb_ok(s40_area_get(t->st, 75010213, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "บ้านใหม่");
	assert_int_equal(a.moo, 13);
	run_import(t, S40_IMPORT_VILLAGES, csv, 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.unchanged, 2);
	run_free(&r);
	/* Without a name_en column the English name stays. */
	run_import(t, S40_IMPORT_VILLAGES, "code,name_th\n75010201,คลองโคน\n", 0, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	run_free(&r);
	testdb_ok(s40_area_get(t->st, 75010201, &a, &t->ctx), &t->ctx);
	assert_string_equal(a.name_th, "คลองโคน");
	assert_string_equal(a.name_en, "Ban Khlong Khon");
}

/* ---- bad input ---- */

#define P_HEAD "id,first_name,last_name,birth_date,village\n"
#define P_GOOD "1101000000017,สมชาย,ใจดี,1980-05-01,75010201\n"
#define P_GOOD2 "1101000000041,มานะ,อดทน,1985-07-07,75010201\n"
#define E_HEAD "id,first_name,last_name,birth_date,thai,village,option,date\n"
#define E_GOOD "1101000000017,สมชาย,ใจดี,1980-05-01,yes,75010201,1,2025-12-01\n"
#define E_GOOD2 "1101000000041,มานะ,อดทน,1985-07-07,yes,75010201,2,2025-12-01\n"

struct bad_case {
	const char *name;
	enum s40_import_kind kind;
	const char *csv;
	size_t len; /* 0: strlen */
	enum s40_err rc; /* without partial */
	long line; /* the first reject */
	const char *column; /* its column */
	const char *code; /* its code */
	int64_t good_id; /* a good row's ID that partial writes (0: none) */
};

static const struct bad_case bad_cases[] = {
	{ "unterminated quote", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,\"สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_CSV_QUOTE, 3, "first_name", "csv_quote", 0 },
	{ "wrong column count", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สมหญิง,1982-01-01,75010201\n" P_GOOD2, 0, S40_E_REJECTED, 3,
	  "", "csv_columns", ID1 },
	{ "misplaced quote", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สม\"หญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "first_name", "csv_quote", ID1 },
	{ "invalid utf-8", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,\xff\xfe,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "first_name", "csv_utf8", ID1 },
	{ "no header", S40_IMPORT_PERSONS, P_GOOD P_GOOD2, 0, S40_E_CSV_HEADER, 1, "", "csv_header",
	  0 },
	{ "header lacks a column", S40_IMPORT_PERSONS,
	  "id,first_name,last_name,village\n1101000000017,สมชาย,ใจดี,75010201\n", 0,
	  S40_E_CSV_HEADER, 1, "", "csv_header", 0 },
	{ "header twice", S40_IMPORT_PERSONS,
	  "id,first_name,last_name,birth_date,village,เลขบัตรประชาชน\n", 0, S40_E_CSV_HEADER, 1,
	  "เลขบัตรประชาชน", "csv_header", 0 },
	{ "empty file", S40_IMPORT_PERSONS, "", 0, S40_E_CSV_HEADER, 1, "", "csv_header", 0 },
	{ "malformed id", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "110100000002,สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0, S40_E_REJECTED,
	  3, "id", "bad_id", ID1 },
	{ "wrong check digit", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000018,สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "id", "id_check", ID1 },
	{ "id starting with 0", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "0101000000141,สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "id", "id_type", ID1 },
	{ "id starting with 9", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "9101000000152,สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "id", "id_type", ID1 },
	{ "missing id", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD ",สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0, S40_E_REJECTED, 3, "id",
	  "missing", ID1 },
	{ "unknown village", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สมหญิง,รักไทย,1982-01-01,75010299\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "village", "unknown_area", ID1 },
	{ "village of 7 digits", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สมหญิง,รักไทย,1982-01-01,7501020\n" P_GOOD2, 0, S40_E_REJECTED,
	  3, "village", "bad_area", ID1 },
	{ "impossible date", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สมหญิง,รักไทย,31/02/2530,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "birth_date", "impossible_date", ID1 },
	{ "unreadable date", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025,สมหญิง,รักไทย,เมื่อวาน,75010201\n" P_GOOD2, 0, S40_E_REJECTED, 3,
	  "birth_date", "bad_date", ID1 },
	{ "missing first name", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000025, ,รักไทย,1982-01-01,75010201\n" P_GOOD2, 0, S40_E_REJECTED, 3,
	  "first_name", "missing", ID1 },
	{ "same id, other data", S40_IMPORT_PERSONS,
	  P_HEAD P_GOOD "1101000000017,สมชาย,ใจร้าย,1980-05-01,75010201\n" P_GOOD2, 0,
	  S40_E_REJECTED, 3, "id", "exists", ID1 },
	{ "age 14", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,เด็ก,ชาย,2011-06-01,yes,75010201,1,2025-12-01\n" E_GOOD2, 0,
	  S40_E_REJECTED, 3, "birth_date", "ineligible", ID1 },
	{ "age 66", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,สมศักดิ์,ชรา,1959-06-01,yes,75010201,1,2025-12-01\n" E_GOOD2, 0,
	  S40_E_REJECTED, 3, "birth_date", "ineligible", ID1 },
	{ "age 61 before 24 Jun 2020", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,สมศักดิ์,ชรา,1958-05-05,yes,75010201,1,2020-01-10\n" E_GOOD2, 0,
	  S40_E_REJECTED, 3, "birth_date", "ineligible", ID1 },
	{ "not Thai", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,สมหญิง,รักไทย,1982-01-01,no,75010201,1,2025-12-01\n" E_GOOD2,
	  0, S40_E_REJECTED, 3, "thai", "ineligible", ID1 },
	{ "option 4", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,สมหญิง,รักไทย,1982-01-01,yes,75010201,4,2025-12-01\n" E_GOOD2,
	  0, S40_E_REJECTED, 3, "option", "bad_option", ID1 },
	{ "enrolment in the future", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000025,สมหญิง,รักไทย,1982-01-01,yes,75010201,1,2026-02-01\n" E_GOOD2,
	  0, S40_E_REJECTED, 3, "date", "bad_value", ID1 },
	{ "bad channel", S40_IMPORT_ENROLMENTS,
	  "id,first_name,last_name,birth_date,thai,village,option,date,channel\n"
	  "1101000000025,สมหญิง,รักไทย,1982-01-01,yes,75010201,1,2025-12-01,โทรเลข\n",
	  0, S40_E_REJECTED, 2, "channel", "bad_value", 0 },
	{ "enrolled twice", S40_IMPORT_ENROLMENTS,
	  E_HEAD E_GOOD "1101000000017,สมชาย,ใจดี,1980-05-01,yes,75010201,2,2025-12-05\n" E_GOOD2, 0,
	  S40_E_REJECTED, 3, "id", "already_member", ID1 },
	{ "not registered, no person columns", S40_IMPORT_ENROLMENTS,
	  "id,option,date\n1101000000025,1,2025-12-01\n", 0, S40_E_REJECTED, 2, "id", "not_found",
	  0 },
	{ "header without option", S40_IMPORT_ENROLMENTS, "id,date\n1101000000025,2025-12-01\n", 0,
	  S40_E_CSV_HEADER, 1, "", "csv_header", 0 },
	{ "unknown exclusion kind", S40_IMPORT_EXCLUSIONS,
	  "id,kind,start_date,end_date\n1101000000017,s33,2025-01-01,\n"
	  "1101000000025,s99,2025-01-01,\n",
	  0, S40_E_REJECTED, 3, "kind", "bad_reason", 0 },
	{ "exclusion ends before it starts", S40_IMPORT_EXCLUSIONS,
	  "id,kind,start_date,end_date\n1101000000017,s33,2025-01-01,\n"
	  "1101000000025,s39,2025-01-01,2024-12-31\n",
	  0, S40_E_REJECTED, 3, "end_date", "bad_value", 0 },
	{ "village in an unknown subdistrict", S40_IMPORT_VILLAGES,
	  "code,moo,name_th\n750102,1,บ้านเก่า\n759999,1,ไม่มี\n", 0, S40_E_REJECTED, 3, "code",
	  "unknown_area", 0 },
	{ "subdistrict code without moo", S40_IMPORT_VILLAGES,
	  "code,moo,name_th\n750102,1,บ้านเก่า\n750102,,ไม่มีหมู่\n", 0, S40_E_REJECTED, 3, "moo",
	  "missing", 0 },
};

static void test_bad_input(void **state)
{
	struct testdb *t = *state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		print_message("  bad input: %s\n", c->name);
		uint8_t before[32], after[32];
		int64_t last = testdb_journal_last(t->st);
		db_digest(t, before);
		struct run r;
		run_import(t, c->kind, c->csv, c->len, 0, NULL, &r);
		if (r.rc != c->rc)
			print_error("%s: got %s: %s\n", c->name, s40_errname(r.rc),
				    s40_errmsg(&r.ctx, S40_LANG_EN));
		assert_int_equal(r.rc, c->rc);
		assert_int_equal(r.ctx.code, c->rc);
		assert_false(r.res.committed);
		assert_int_equal(r.res.journal_seq, 0);
		assert_int_equal(testdb_journal_last(t->st), last);
		db_digest(t, after);
		assert_memory_equal(before, after, 32);
		assert_true(n_rejects(&r) >= 1);
		char *f = reject_field(&r, 0, 0);
		assert_int_equal(strtol(f, NULL, 10), c->line);
		free(f);
		f = reject_field(&r, 0, 1);
		assert_string_equal(f, c->column);
		free(f);
		f = reject_field(&r, 0, 2);
		assert_string_equal(f, c->code);
		free(f);
		if (c->code && strcmp(c->code, "csv_utf8") == 0) {
			/* The row as it was, with the bad bytes as U+FFFD. */
			f = reject_field(&r, 0, 5);
			assert_non_null(strstr(f, ",\xef\xbf\xbd\xef\xbf\xbd,รักไทย,"));
			free(f);
		}
		if (c->rc == S40_E_REJECTED) {
			assert_int_equal(r.ctx.line, c->line);
			assert_int_equal(r.res.bad, 1);
		}
		run_free(&r);

		/* With partial: the good rows and only them; a fatal fault still
		 * writes nothing. */
		run_import(t, c->kind, c->csv, c->len, 1, NULL, &r);
		if (c->rc == S40_E_REJECTED) {
			testdb_ok(r.rc, &r.ctx);
			/* Committed, with its journal entry, exactly when a good row
			 * changed something. */
			assert_int_equal(r.res.committed, r.res.changed > 0);
			assert_int_equal(r.res.bad, 1);
			assert_int_equal(r.res.good, r.res.rows - 1);
			assert_int_equal(testdb_journal_last(t->st), last + (r.res.changed > 0));
			if (c->good_id)
				assert_true(registered(t, c->good_id));
			if (c->kind != S40_IMPORT_VILLAGES && c->kind != S40_IMPORT_EXCLUSIONS &&
			    strcmp(c->name, "same id, other data") != 0 &&
			    strcmp(c->name, "enrolled twice") != 0)
				assert_false(registered(t, ID2));
		} else {
			assert_int_equal(r.rc, c->rc);
			db_digest(t, after);
			assert_memory_equal(before, after, 32);
		}
		run_free(&r);
		/* Next case from a fresh database. */
		testdb_teardown(state);
		assert_int_equal(testdb_setup(state), 0);
		t = *state;
	}
}

/* The reject file, byte for byte: a CSV for Excel (a BOM, CRLF after each record). */
static void test_reject_file(void **state)
{
	struct testdb *t = *state;
	static const char csv[] = "id,first_name,last_name,birth_date,sex,village\n"
				  "1101000000017,สมชาย,ใจดี,1980-05-01,M,75010201\n"
				  "1101000000025,สมหญิง,1982-01-01,F,75010201\n"
				  "1101000000033,\"มาลี \"\"แม่\"\"\",ศรีสุข,1990-01-01,X,75010201\n";
	static const char want[] =
		"\xEF\xBB\xBF"
		"line,column,code,message_th,message_en,row\r\n"
		"3,,csv_columns,แถวที่บรรทัด 3 มี 5 คอลัมน์ แต่หัวตารางมี 6 คอลัมน์,"
		"the row on line 3 has 5 columns; the header has 6,"
		"\"1101000000025,สมหญิง,1982-01-01,F,75010201\"\r\n"
		"4,sex,bad_value,\"เพศ 'X' ไม่ถูกต้อง (ชาย/หญิง, M/F, 1/2)\","
		"\"sex 'X' is not one of M/F, male/female, 1/2\","
		"\"1101000000033,\"\"มาลี \"\"\"\"แม่\"\"\"\"\"\",ศรีสุข,1990-01-01,X,75010201\"\r\n";
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 0, NULL, &r);
	assert_int_equal(r.rc, S40_E_REJECTED);
	assert_int_equal(r.res.bad, 2);
	assert_int_equal(r.res.good, 1);
	assert_string_equal(r.rejects, want);
	assert_int_equal(r.ctx.line, 3);
	assert_non_null(strstr(s40_errmsg(&r.ctx, S40_LANG_EN), "2 bad rows"));
	assert_false(registered(t, ID1));
	run_free(&r);
}

/* Partial: exactly the good rows, the counts in the result and the journal. */
static void test_partial(void **state)
{
	struct testdb *t = *state;
	static const char csv[] = P_HEAD P_GOOD
		"1101000000018,สมหญิง,รักไทย,1982-01-01,75010201\n" P_GOOD2 ",,,,\n"
		"1101000000017,สมชาย,ใจร้าย,1980-05-01,75010201\n"
		"1101000000033,มาลี,ศรีสุข,1990-01-01,75010299\n";
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, csv, 0, 1, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.rows, 5); /* the blank row is not a row */
	assert_int_equal(r.res.good, 2);
	assert_int_equal(r.res.bad, 3);
	assert_int_equal(n_rejects(&r), 3);
	assert_true(registered(t, ID1));
	assert_true(registered(t, ID4));
	assert_false(registered(t, ID3));
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, ID1, &p, &t->ctx), &t->ctx);
	assert_string_equal(p.last_th, "ใจดี");
	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "import:persons.csv", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_non_null(strstr(e[0].detail, "\"partial\":true,\"rows\":5,\"good\":2,\"bad\":3"));
	s40_journal_entries_free(e, n);
	run_free(&r);
}

/* Progress every 4096 rows and at the end, over a file of 5000 persons; into an
 * empty register (read, then written in ID order) every 4096 rows of each pass. */
static void test_progress(void **state)
{
	struct testdb *t = *state;
	struct s40_buf b;
	s40_buf_init(&b, 1 << 22);
	s40_buf_adds(&b, P_HEAD);
	for (int i = 0; i < 5000; i++)
		s40_buf_addf(&b, "%lld,คน%d,ทดสอบ,1980-01-01,75010201\n",
			     (long long)testdb_natid(310100000000LL + i), i);
	struct run r;
	run_import(t, S40_IMPORT_PERSONS, s40_buf_str(&b), b.len, 0, NULL, &r);
	testdb_ok(r.rc, &r.ctx);
	assert_int_equal(r.res.changed, 5000);
	assert_int_equal(r.n_progress, 3);
	assert_int_equal(r.last_progress_rows, 5000);
	run_free(&r);
	s40_buf_free(&b);
}

static void test_kind_parse(void **state)
{
	(void)state;
	assert_int_equal(s40_import_kind_parse("persons"), S40_IMPORT_PERSONS);
	assert_int_equal(s40_import_kind_parse("enrolments"), S40_IMPORT_ENROLMENTS);
	assert_int_equal(s40_import_kind_parse("exclusions"), S40_IMPORT_EXCLUSIONS);
	assert_int_equal(s40_import_kind_parse("villages"), S40_IMPORT_VILLAGES);
	assert_int_equal(s40_import_kind_parse("survey"), S40_IMPORT_SURVEY);
	assert_int_equal(s40_import_kind_parse("payments"), S40_IMPORT_PAYMENTS);
	assert_int_equal(s40_import_kind_parse("receipts"), -1);
	assert_int_equal(s40_import_kind_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_parse),
		cmocka_unit_test_setup_teardown(test_persons_good, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_persons_name_index, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_persons_twice, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_persons_thai_header, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_column_map, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_enrolments, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_exclusions, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_enrolments_id_order, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_exclusions_id_order, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_villages, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_reject_file, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_partial, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_progress, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
