/*
 * Unit tests of lib/registry/person.c: adding (and adding the same again),
 * updating, reading, every field check with its field name, and finding by
 * name in Thai dictionary order within an area. Every refusal must leave the
 * database as it was: no journal entry, no person.
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
#include "registry/journal.h"
#include "registry/person.h"
#include "registry/search.h"
#include "testdb.h"

#define ID1 1112034563562 /* DOMAIN.md §5 */
#define ID2 3100600445635
#define ID3 1234545678781

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static void somchai(struct s40_person *p)
{
	testdb_person(p, ID1, "สมชาย", "ใจดี", ymd(1980, 5, 1), 75030702);
	snprintf(p->title, sizeof p->title, "นาย");
	snprintf(p->first_en, sizeof p->first_en, "Somchai");
	snprintf(p->last_en, sizeof p->last_en, "Jaidee");
	p->sex = 1;
	snprintf(p->phone, sizeof p->phone, "081-234-5678");
	snprintf(p->address, sizeof p->address, "12/3 ถนนเพชรสมุทร");
}

static void test_add_get(void **state)
{
	struct testdb *t = *state;
	struct s40_person p, q;
	int changed = -1;
	somchai(&p);
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(p.journal_seq, 2);
	assert_string_equal(p.phone, "0812345678"); /* normalised in place */
	assert_false(s40_store_in_tx(t->st));

	testdb_ok(s40_person_get(t->st, ID1, &q, &t->ctx), &t->ctx);
	assert_int_equal(q.id, ID1);
	assert_string_equal(q.title, "นาย");
	assert_string_equal(q.first_th, "สมชาย");
	assert_string_equal(q.last_th, "ใจดี");
	assert_string_equal(q.first_en, "Somchai");
	assert_string_equal(q.last_en, "Jaidee");
	assert_int_equal(q.birth_day, ymd(1980, 5, 1));
	assert_int_equal(q.sex, 1);
	assert_int_equal(q.thai, 1);
	assert_int_equal(q.village, 75030702);
	assert_string_equal(q.phone, "0812345678");
	assert_string_equal(q.address, "12/3 ถนนเพชรสมุทร");
	assert_int_equal(q.journal_seq, 2);
	assert_true(s40_person_same(&p, &q));

	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "person:1112034563562", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].seq, 2);
	assert_string_equal(e[0].op, "person.add");
	assert_string_equal(e[0].detail, "{\"village\":75030702}");
	s40_journal_entries_free(e, n);

	/* Optional fields may stay empty; an unrecorded sex reads back as 0. */
	struct s40_person r;
	testdb_person(&r, ID2, "สมหญิง", "รักไทย", ymd(1990, 1, 31), 75030700);
	r.thai = -1;
	testdb_ok(s40_person_add(&t->reg, &r, &changed, &t->ctx), &t->ctx);
	testdb_ok(s40_person_get(t->st, ID2, &q, &t->ctx), &t->ctx);
	assert_true(s40_person_same(&r, &q));
	assert_int_equal(q.sex, 0);
	assert_int_equal(q.thai, -1);
	assert_string_equal(q.phone, "");
	assert_string_equal(q.first_en, "");

	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_person_get(t->st, ID3, &q, &t->ctx), S40_E_NOT_FOUND);
	assert_string_equal(t->ctx.field, "id");
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "1-2345-45678-78-1"));
}

static void test_add_again(void **state)
{
	struct testdb *t = *state;
	struct s40_person p, q;
	int changed = -1;
	somchai(&p);
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	int64_t seq = testdb_journal_last(t->st);

	/* The same data, typed differently (spaces, dashes), changes nothing. */
	somchai(&p);
	snprintf(p.first_th, sizeof p.first_th, "  สมชาย ");
	snprintf(p.phone, sizeof p.phone, "081 234 5678");
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(testdb_journal_last(t->st), seq);

	/* Other data under the same ID is refused; nothing is written. */
	somchai(&p);
	snprintf(p.last_th, sizeof p.last_th, "ใจงาม");
	s40_ctx_clear(&t->ctx);
	changed = -1;
	assert_int_equal(s40_person_add(&t->reg, &p, &changed, &t->ctx), S40_E_EXISTS);
	assert_int_equal(changed, 0);
	assert_string_equal(t->ctx.field, "id");
	assert_int_equal(testdb_journal_last(t->st), seq);
	assert_false(s40_store_in_tx(t->st));
	testdb_ok(s40_person_get(t->st, ID1, &q, &t->ctx), &t->ctx);
	assert_string_equal(q.last_th, "ใจดี");

	/* changed may be NULL. */
	somchai(&p);
	testdb_ok(s40_person_add(&t->reg, &p, NULL, &t->ctx), &t->ctx);
}

static void test_update(void **state)
{
	struct testdb *t = *state;
	struct s40_person p, q;
	int changed = -1;
	somchai(&p);
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	int64_t seq = testdb_journal_last(t->st);

	snprintf(p.phone, sizeof p.phone, "๐๓๔-๗๑๑๑๑๑"); /* Thai digits, 9 of them */
	p.village = 75030501;
	testdb_ok(s40_person_update(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 1);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);
	assert_int_equal(p.journal_seq, seq + 1);
	testdb_ok(s40_person_get(t->st, ID1, &q, &t->ctx), &t->ctx);
	assert_string_equal(q.phone, "034711111");
	assert_int_equal(q.village, 75030501);
	assert_int_equal(q.journal_seq, seq + 1);

	/* The same again: nothing. */
	testdb_ok(s40_person_update(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 0);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	struct s40_journal_entry *e;
	size_t n;
	testdb_ok(s40_journal_of_entity(t->st, "person:1112034563562", &e, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].op, "person.add");
	assert_string_equal(e[1].op, "person.update");
	assert_string_equal(e[1].detail, "{\"village\":75030501}");
	s40_journal_entries_free(e, n);

	/* An update that fails a check keeps the old data. */
	p.birth_day = ymd(2030, 1, 1);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_person_update(&t->reg, &p, &changed, &t->ctx), S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "birth_date");
	assert_int_equal(changed, 0);
	testdb_ok(s40_person_get(t->st, ID1, &q, &t->ctx), &t->ctx);
	assert_int_equal(q.birth_day, ymd(1980, 5, 1));
	assert_int_equal(testdb_journal_last(t->st), seq + 1);

	/* Nobody to update. */
	testdb_person(&p, ID2, "สมหญิง", "รักไทย", ymd(1990, 1, 31), 75030702);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_person_update(&t->reg, &p, &changed, &t->ctx), S40_E_NOT_FOUND);
	assert_int_equal(testdb_journal_last(t->st), seq + 1);
	assert_int_equal(s40_person_get(t->st, ID2, &q, &t->ctx), S40_E_NOT_FOUND);
	assert_false(s40_store_in_tx(t->st));
}

/* A change made to a valid person, the code and the field it must fail with. */
struct bad_case {
	const char *what;
	void (*spoil)(struct s40_person *p);
	enum s40_err want;
	const char *field;
};

static void bad_id(struct s40_person *p)
{
	p->id = 1112034563561;
}
static void id_type9(struct s40_person *p)
{
	p->id = 9112034563565;
}
static void no_first(struct s40_person *p)
{
	p->first_th[0] = '\0';
}
static void blank_last(struct s40_person *p)
{
	snprintf(p->last_th, sizeof p->last_th, " \t ");
}
static void bad_utf8(struct s40_person *p)
{
	snprintf(p->first_th, sizeof p->first_th, "สม\xff");
}
static void control(struct s40_person *p)
{
	snprintf(p->last_th, sizeof p->last_th, "ใจ\x01ดี");
}
static void no_birth(struct s40_person *p)
{
	p->birth_day = S40_NO_DAY;
}
static void born_tomorrow(struct s40_person *p)
{
	p->birth_day = ymd(2026, 1, 2);
}
static void born_1899(struct s40_person *p)
{
	p->birth_day = ymd(1899, 12, 31);
}
static void sex3(struct s40_person *p)
{
	p->sex = 3;
}
static void thai2(struct s40_person *p)
{
	p->thai = 2;
}
static void village6(struct s40_person *p)
{
	p->village = 750307;
}
static void village0(struct s40_person *p)
{
	p->village = 0;
}
static void village_unknown(struct s40_person *p)
{
	p->village = 75030799;
}
static void village_no_sub(struct s40_person *p)
{
	p->village = 75039901;
}
static void phone_short(struct s40_person *p)
{
	snprintf(p->phone, sizeof p->phone, "08123");
}
static void phone_letter(struct s40_person *p)
{
	snprintf(p->phone, sizeof p->phone, "081-234-567x");
}
static void phone_no0(struct s40_person *p)
{
	snprintf(p->phone, sizeof p->phone, "8123456789");
}
static void phone_long(struct s40_person *p)
{
	snprintf(p->phone, sizeof p->phone, "081234567890");
}

static const struct bad_case bad_cases[] = {
	{ "check digit", bad_id, S40_E_BAD_ID, "id" },
	{ "first digit 9", id_type9, S40_E_BAD_ID, "id" },
	{ "no first name", no_first, S40_E_MISSING, "first_name" },
	{ "blank last name", blank_last, S40_E_MISSING, "last_name" },
	{ "not UTF-8", bad_utf8, S40_E_BAD_VALUE, "first_name" },
	{ "control character", control, S40_E_BAD_VALUE, "last_name" },
	{ "no birth date", no_birth, S40_E_MISSING, "birth_date" },
	{ "born tomorrow", born_tomorrow, S40_E_BAD_VALUE, "birth_date" },
	{ "born before 1900", born_1899, S40_E_BAD_VALUE, "birth_date" },
	{ "sex 3", sex3, S40_E_BAD_VALUE, "sex" },
	{ "nationality 2", thai2, S40_E_BAD_VALUE, "thai" },
	{ "6-digit village", village6, S40_E_BAD_AREA, "village" },
	{ "no village", village0, S40_E_BAD_AREA, "village" },
	{ "unknown village", village_unknown, S40_E_UNKNOWN_AREA, "village" },
	{ "village of no subdistrict", village_no_sub, S40_E_UNKNOWN_AREA, "village" },
	{ "phone 5 digits", phone_short, S40_E_BAD_VALUE, "phone" },
	{ "phone letter", phone_letter, S40_E_BAD_VALUE, "phone" },
	{ "phone not 0", phone_no0, S40_E_BAD_VALUE, "phone" },
	{ "phone 12 digits", phone_long, S40_E_BAD_VALUE, "phone" },
};

static void test_checks(void **state)
{
	struct testdb *t = *state;
	int64_t seq = testdb_journal_last(t->st);
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct s40_person p, q;
		somchai(&p);
		c->spoil(&p);
		s40_ctx_clear(&t->ctx);
		enum s40_err rc = s40_person_check(&t->reg, &p, &t->ctx);
		if (rc != c->want || strcmp(t->ctx.field, c->field) != 0)
			print_error("case '%s': got %s field '%s'\n", c->what, s40_errname(rc),
				    t->ctx.field);
		assert_int_equal(rc, c->want);

		somchai(&p);
		c->spoil(&p);
		s40_ctx_clear(&t->ctx);
		int changed = -1;
		assert_int_equal(s40_person_add(&t->reg, &p, &changed, &t->ctx), c->want);
		assert_int_equal(t->ctx.code, c->want);
		assert_string_equal(t->ctx.field, c->field);
		assert_true(t->ctx.msg_th[0] != '\0' && t->ctx.msg_en[0] != '\0');
		assert_int_equal(changed, 0);
		/* Nothing written. */
		assert_int_equal(testdb_journal_last(t->st), seq);
		assert_false(s40_store_in_tx(t->st));
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		assert_int_equal(s40_person_get(t->st, p.id, &q, &c2), S40_E_NOT_FOUND);
		assert_int_equal(s40_person_get(t->st, ID1, &q, &c2), S40_E_NOT_FOUND);
	}
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_PERSON_COUNT, &t->ctx);
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	assert_int_equal(s40_col_int64(s, 0), 0);
	s40_stmt_reset(s);

	/* The limits themselves are allowed: born today, born 1 Jan 1900, a
	 * 9-digit phone, the part-00 village. */
	struct s40_person p;
	somchai(&p);
	p.birth_day = ymd(2026, 1, 1);
	testdb_ok(s40_person_check(&t->reg, &p, &t->ctx), &t->ctx);
	p.birth_day = ymd(1900, 1, 1);
	snprintf(p.phone, sizeof p.phone, "034-711-111");
	p.village = 75030700;
	testdb_ok(s40_person_check(&t->reg, &p, &t->ctx), &t->ctx);
	assert_string_equal(p.phone, "034711111");
}

static void add(struct testdb *t, int64_t id, const char *first, const char *last,
		const char *first_en, int32_t village)
{
	struct s40_person p;
	testdb_person(&p, id, first, last, ymd(1970, 1, 1), village);
	if (first_en)
		snprintf(p.first_en, sizeof p.first_en, "%s", first_en);
	int changed;
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
}

/* A letter in a phone number is quoted whole: the first byte of a Thai letter
 * alone is not UTF-8, and the server could not send the message as JSON. */
static void test_phone_letter_quoted(void **state)
{
	struct testdb *t = *state;
	struct s40_person p;
	somchai(&p);
	snprintf(p.phone, sizeof p.phone, "081-234-567ก");
	assert_int_equal(s40_person_check(&t->reg, &p, &t->ctx), S40_E_BAD_VALUE);
	assert_string_equal(t->ctx.field, "phone");
	assert_string_equal(t->ctx.msg_en, "the phone number holds 'ก', not a digit");
	assert_non_null(strstr(t->ctx.msg_th, "'ก'"));
}

/* Every fault of a person's fields, in the order of the fields; the first is
 * s40_person_check_fields's; skipped fields are not checked; max is kept. */
static void test_all_faults(void **state)
{
	struct testdb *t = *state;
	struct s40_person p;
	somchai(&p);
	p.id = 1234545678789; /* wrong check digit */
	p.first_th[0] = '\0';
	snprintf(p.phone, sizeof p.phone, "12");
	p.birth_day = t->reg.today + 1;
	p.sex = 7;
	p.village = 750307;
	struct s40_ctx v[16];
	memset(v, 0xab, sizeof v); /* each fault's context is made whole, nothing left over */
	size_t n = s40_person_faults(&t->reg, &p, NULL, v, 16);
	static const char *const fields[] = { "id",	    "first_name", "phone", "birth_date",
					      "sex", "village" };
	static const enum s40_err codes[] = { S40_E_BAD_ID,    S40_E_MISSING, S40_E_BAD_VALUE,
					      S40_E_BAD_VALUE, S40_E_BAD_VALUE, S40_E_BAD_AREA };
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].field, fields[i]);
		assert_int_equal(v[i].code, codes[i]);
		assert_int_equal(v[i].line, 0);
	}
	struct s40_ctx first;
	s40_ctx_clear(&first);
	assert_int_equal(s40_person_check_fields(&t->reg, &p, &first), S40_E_BAD_ID);
	assert_string_equal(first.msg_en, v[0].msg_en);
	/* the fields an import found wrong already are left out */
	static const char *const skip[] = { "id", "birth_date", "village", NULL };
	n = s40_person_faults(&t->reg, &p, skip, v, 16);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].field, "first_name");
	assert_string_equal(v[1].field, "phone");
	assert_string_equal(v[2].field, "sex");
	/* at most max */
	assert_int_equal(s40_person_faults(&t->reg, &p, NULL, v, 2), 2);
	assert_string_equal(v[1].field, "first_name");
	/* a good person has none */
	somchai(&p);
	assert_int_equal(s40_person_faults(&t->reg, &p, NULL, v, 16), 0);
}

static void test_find(void **state)
{
	struct testdb *t = *state;
	/* IDs in an order that is neither byte order of the names nor Thai
	 * order, so that only a Thai sort gives the expected lists. */
	add(t, testdb_natid(110000000001), "สมชาย", "ใจดี", "Somchai", 75030702);
	add(t, testdb_natid(110000000002), "เกษม", "สมบูรณ์", NULL, 75030702);
	add(t, testdb_natid(110000000003), "กมล", "สมใจ", NULL, 75020101);
	add(t, testdb_natid(110000000004), "ประยุทธ์", "มั่นคง", "Prayut", 75030501);
	add(t, testdb_natid(110000000005), "แก้ว", "สมศรี", NULL, 10010100);

	static const struct {
		const char *text;
		int32_t area;
		size_t limit;
		const char *want[6]; /* first names in order */
	} cases[] = {
		{ "สม", 0, 100, { "กมล", "เกษม", "แก้ว", "สมชาย" } }, /* เก before แก */
		{ "สม", 75, 100, { "กมล", "เกษม", "สมชาย" } },
		{ "สม", 7503, 100, { "เกษม", "สมชาย" } },
		{ "สม", 750307, 100, { "เกษม", "สมชาย" } },
		{ "สม", 75030702, 100, { "เกษม", "สมชาย" } },
		{ "สม", 750305, 100, { NULL } },
		{ "สม", 10, 100, { "แก้ว" } },
		{ " ใจดี ", 0, 100, { "สมชาย" } },
		{ "สมชาย ใจ", 0, 100, { "สมชาย" } }, /* first and last name together */
		{ "somchai", 0, 100, { "สมชาย" } }, /* English, any case */
		{ "PRAY", 0, 100, { "ประยุทธ์" } },
		{ "", 7503, 100, { "เกษม", "ประยุทธ์", "สมชาย" } },
		{ "ไม่มีใคร", 0, 100, { NULL } },
		{ "สม", 0, 1, { NULL } }, /* one of them: checked apart */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_person *v;
		size_t n;
		testdb_ok(s40_person_find(t->st, cases[i].text, cases[i].area, cases[i].limit, &v,
					  &n, &t->ctx),
			  &t->ctx);
		if (cases[i].limit == 1) {
			assert_int_equal(n, 1);
			free(v);
			continue;
		}
		size_t want_n = 0;
		while (cases[i].want[want_n])
			want_n++;
		int ok = n == want_n;
		for (size_t k = 0; ok && k < n; k++)
			ok = strcmp(v[k].first_th, cases[i].want[k]) == 0;
		if (!ok)
			print_error("find '%s' in %d\n", cases[i].text, (int)cases[i].area);
		assert_int_equal(n, want_n);
		for (size_t k = 0; k < n; k++)
			assert_string_equal(v[k].first_th, cases[i].want[k]);
		free(v);
	}
}

/* A search counts its matches up to S40_SEARCH_COUNT_MAX past the page's
 * offset and says whether that was all (search.h): by the names' index (a text
 * of three characters) and by LIKE (two), a common name's count stops at the
 * cap, the page is still the first IDs, and a count asked for in full, or from
 * an offset that brings the cap past the matches, is exact. */
static void test_search_count_capped(void **state)
{
	struct testdb *t = *state;
	size_t many = S40_SEARCH_COUNT_MAX + 3;
	testdb_ok(s40_reg_begin(&t->reg, &t->ctx), &t->ctx);
	for (size_t i = 0; i < many; i++)
		add(t, testdb_natid(130000000000 + (int64_t)i), "สมศรี", "มีสุข", NULL, 75030702);
	add(t, testdb_natid(140000000001), "บุญมา", "ใจดี", NULL, 75030702);
	testdb_ok(s40_reg_end(&t->reg, S40_OK, &t->ctx), &t->ctx);
	static const char *texts[] = { "สมศรี", "สม" };
	for (size_t k = 0; k < 2; k++) {
		struct s40_person_query q = { .text = texts[k], .area = 75, .limit = 50 };
		struct s40_person *v;
		size_t n;
		int64_t total;
		bool exact;
		testdb_ok(s40_person_search(t->st, &q, &v, &n, &total, &exact, &t->ctx), &t->ctx);
		assert_int_equal(n, 50);
		assert_int_equal(total, S40_SEARCH_COUNT_MAX);
		assert_false(exact);
		assert_int_equal(v[0].id, testdb_natid(130000000000));
		free(v);
		testdb_ok(s40_person_search(t->st, &q, &v, &n, &total, NULL, &t->ctx), &t->ctx);
		assert_int_equal(total, (int64_t)many);
		free(v);
		q.offset = 10;
		testdb_ok(s40_person_search(t->st, &q, &v, &n, &total, &exact, &t->ctx), &t->ctx);
		assert_int_equal(total, (int64_t)many);
		assert_true(exact);
		assert_int_equal(v[0].id, testdb_natid(130000000010));
		free(v);
	}
	struct s40_person_query q = { .text = "บุญมา", .area = 75, .limit = 50 };
	struct s40_person *v;
	size_t n;
	int64_t total;
	bool exact = false;
	testdb_ok(s40_person_search(t->st, &q, &v, &n, &total, &exact, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_true(exact);
	free(v);
}

/* The IDs a name search finds (a page of up to 100, by ID) and its count, by
 * the names' index (indexed) or by LIKE over the area's persons. */
static size_t search_ids(struct testdb *t, const struct s40_name_query *nq, bool indexed,
			 int64_t ids[100], int64_t *total)
{
	struct s40_stmt *s = s40_store_stmt(
		t->st, indexed ? S40_Q_PERSON_SEARCH_INDEXED_COUNT : S40_Q_PERSON_SEARCH_COUNT,
		&t->ctx);
	assert_non_null(s);
	s40_name_query_bind(s, nq);
	s40_stmt_int64_or_null(s, 4, 0, 0);
	s40_stmt_null(s, 5); /* every match counted */
	assert_int_equal(s40_stmt_step(s, &t->ctx), S40_ROW);
	*total = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	s = s40_store_stmt(t->st, indexed ? S40_Q_PERSON_SEARCH_INDEXED : S40_Q_PERSON_SEARCH,
			   &t->ctx);
	assert_non_null(s);
	s40_name_query_bind(s, nq);
	s40_stmt_int64_or_null(s, 4, 0, 0);
	s40_stmt_int64(s, 5, 100);
	s40_stmt_int64(s, 6, 0);
	size_t n = 0;
	int rc;
	while ((rc = s40_stmt_step(s, &t->ctx)) == S40_ROW && n < 100)
		ids[n++] = s40_col_int64(s, 0);
	assert_int_equal(rc, S40_OK);
	return n;
}

/* A text of three characters or more is looked up in the names' index
 * (migration 0010) with the area's token: it finds what LIKE over the area's
 * persons finds, row for row, and follows a change of name or village. */
static void test_find_index(void **state)
{
	struct testdb *t = *state;
	add(t, testdb_natid(120000000001), "สมชาย", "ใจดี", "Somchai", 75030702);
	add(t, testdb_natid(120000000002), "สมชาย", "รักไทย", NULL, 75010201);
	add(t, testdb_natid(120000000003), "สมหญิง", "ใจดี", NULL, 75030501);
	add(t, testdb_natid(120000000004), "สมชาย", "ใจดี", "Somchai", 10010100);
	add(t, testdb_natid(120000000005), "เกษม", "สมชายดี", NULL, 75030702);
	add(t, testdb_natid(120000000006), "มาลี", "ศรีสุข", "Malee", 75020101);

	static const struct {
		const char *text;
		int32_t area;
		int64_t want; /* how many */
	} cases[] = {
		{ "สมชาย", 0, 4 },	  { "สมชาย", 75, 3 },	  { "สมชาย", 7503, 2 },
		{ "สมชาย", 750307, 2 },  { "สมชาย", 75030702, 2 }, { "สมชาย", 7501, 1 },
		{ "สมชาย", 10, 1 },	  { "สมชาย", 7502, 0 },	  { "ใจดี", 75, 2 },
		{ "มชา", 0, 4 },	  { "สมชาย ใจดี", 0, 2 },   { "ชาย ใจ", 75, 1 },
		{ "somchai", 0, 2 },	  { "SOMCH", 75, 1 },	  { "alee", 7502, 1 },
		{ "สม\"ชาย", 0, 0 },	  { "ไม่มีใคร", 0, 0 },	  { "สม%ชาย", 75, 3 },
		{ "ชายดี", 75030702, 1 }, { "ศรีสุข", 75020101, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct s40_name_query nq;
		testdb_ok(s40_name_query_make(cases[i].text, cases[i].area, &nq, &t->ctx), &t->ctx);
		assert_true(nq.indexed);
		int64_t a[100], b[100], ta, tb;
		size_t na = search_ids(t, &nq, true, a, &ta), nb = search_ids(t, &nq, false, b, &tb);
		if (ta != cases[i].want || tb != cases[i].want)
			print_error("'%s' in %d: index %lld, LIKE %lld, want %lld\n", cases[i].text,
				    (int)cases[i].area, (long long)ta, (long long)tb,
				    (long long)cases[i].want);
		assert_int_equal(ta, cases[i].want);
		assert_int_equal(tb, cases[i].want);
		assert_int_equal(na, nb);
		for (size_t k = 0; k < na; k++)
			assert_int_equal(a[k], b[k]);
	}
	/* Two characters: LIKE alone. */
	struct s40_name_query nq;
	testdb_ok(s40_name_query_make("สม", 75, &nq, &t->ctx), &t->ctx);
	assert_false(nq.indexed);

	/* A new name and a new village: the old ones find the person no more. */
	struct s40_person p;
	testdb_ok(s40_person_get(t->st, testdb_natid(120000000001), &p, &t->ctx), &t->ctx);
	snprintf(p.last_th, sizeof p.last_th, "มีสุข");
	p.village = 75010201;
	int changed;
	testdb_ok(s40_person_update(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	struct s40_person *v;
	size_t n;
	testdb_ok(s40_person_find(t->st, "สมชาย ใจดี", 75, 100, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 0);
	free(v);
	testdb_ok(s40_person_find(t->st, "สมชาย", 7503, 100, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].first_th, "เกษม");
	free(v);
	testdb_ok(s40_person_find(t->st, "สมชาย มีสุข", 7501, 100, &v, &n, &t->ctx), &t->ctx);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, testdb_natid(120000000001));
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_get, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_add_again, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_update, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_checks, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_phone_letter_quoted, testdb_setup,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_all_faults, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_find, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_find_index, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_search_count_capped, testdb_setup,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
