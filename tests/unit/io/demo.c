/*
 * demo.c — unit tests of lib/io/demo.c: the synthetic Samut Songkhram.
 *
 * One demo is built (seed 1, today 2026-01-01) into a temporary SQLite file
 * for the whole group; the tests read it back through the library: the seed's
 * 17,093 members on 31 Oct 2019 through the as-of index and through the
 * store's own count, every village inhabited, valid and unique IDs, every
 * enrolment eligible, the fully covered village, the journal, the payments
 * going on up to December 2025 with most members paying on 1 January 2026.
 * Further builds check that the same seed gives the same register and the same
 * payments up to December 2019 whatever today is, that another seed gives
 * other people and the same figure, and the refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "io/demo.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "rules/eligibility.h"
#include "stats/asof.h"

/* A demo database in a temporary file. */
struct demo_db {
	char path[64];
	struct s40_store *st;
	struct s40_reg reg;
	struct s40_demo_summary sum;
	enum s40_err rc; /* what s40_demo_build returned */
	struct s40_ctx ctx;
};

/* Open a fresh database with the geography, acting on day today. */
static struct demo_db *db_open(int32_t today)
{
	struct demo_db *db = calloc(1, sizeof *db);
	assert_non_null(db);
	snprintf(db->path, sizeof db->path, "/tmp/s40-demo-test-XXXXXX");
	int fd = mkstemp(db->path);
	assert_true(fd >= 0);
	close(fd);
	s40_ctx_clear(&db->ctx);
	assert_int_equal(s40_store_open(db->path, true, &db->st, &db->ctx), S40_OK);
	s40_reg_init(&db->reg, db->st, "test", today);
	db->reg.now = 1767225600; /* fixed journal time: 2026-01-01 */
	assert_int_equal(s40_areas_load(&db->reg, &db->ctx), S40_OK);
	return db;
}

/* Open and build the demo; the result is left in db->rc. */
static struct demo_db *db_build(uint64_t seed, int32_t today)
{
	struct demo_db *db = db_open(today);
	db->rc = s40_demo_build(&db->reg, seed, &db->sum, &db->ctx);
	if (db->rc)
		fprintf(stderr, "demo build: %s\n", s40_errmsg(&db->ctx, S40_LANG_EN));
	return db;
}

static void db_close(struct demo_db *db)
{
	if (db == NULL)
		return;
	s40_store_close(db->st);
	char p[80];
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", db->path, suffixes[i]);
		unlink(p);
	}
	free(db);
}

static int32_t ymd(int y, int m, int d)
{
	return s40_day_from_ymd(y, m, d);
}

static int32_t count_day(void)
{
	return ymd(2019, 10, 31);
}

static int cmp_person_id(const void *a, const void *b)
{
	const struct s40_person *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Every person of province 75, by ID. */
static struct s40_person *all_persons(struct demo_db *db, size_t *n)
{
	struct s40_person *v = NULL;
	assert_int_equal(s40_person_find(db->st, "", S40_DEMO_PROVINCE, 1000000, &v, n, &db->ctx),
			 S40_OK);
	qsort(v, *n, sizeof *v, cmp_person_id);
	return v;
}

/* The real villages (หมู่ 1 …) of province 75, by code. */
static int32_t *all_villages(struct demo_db *db, size_t *n)
{
	size_t cap = 512;
	int32_t *out = malloc(cap * sizeof *out);
	assert_non_null(out);
	*n = 0;
	struct s40_area_rec *d, *s, *v;
	size_t nd, ns, nv;
	assert_int_equal(s40_area_children(db->st, S40_DEMO_PROVINCE, &d, &nd, &db->ctx), S40_OK);
	for (size_t i = 0; i < nd; i++) {
		assert_int_equal(s40_area_children(db->st, d[i].code, &s, &ns, &db->ctx), S40_OK);
		for (size_t j = 0; j < ns; j++) {
			assert_int_equal(s40_area_children(db->st, s[j].code, &v, &nv, &db->ctx),
					 S40_OK);
			for (size_t k = 0; k < nv; k++) {
				if (v[k].moo == 0)
					continue;
				assert_true(*n < cap);
				out[(*n)++] = v[k].code;
			}
			free(v);
		}
		free(s);
	}
	free(d);
	return out;
}

static int64_t store_count(struct demo_db *db, enum s40_q q)
{
	struct s40_stmt *s = s40_store_stmt(db->st, q, &db->ctx);
	assert_non_null(s);
	assert_int_equal(s40_stmt_step(s, &db->ctx), S40_ROW);
	int64_t n = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return n;
}

static int64_t journal_last(struct demo_db *db)
{
	return store_count(db, S40_Q_JOURNAL_LAST);
}

/* Members of province 75 on day by standing (enum s40_standing_status), through
 * the ledger; the payments written for months after to_month are counted in
 * *after, and every ledger row from 2020 on is checked against the rules of a
 * payment made on or before day. */
static void standing_counts(struct demo_db *db, int32_t day, int32_t to_month, long by[5],
			    long *after)
{
	size_t np = 0;
	struct s40_person *p = all_persons(db, &np);
	memset(by, 0, 5 * sizeof by[0]);
	*after = 0;
	for (size_t i = 0; i < np; i++) {
		struct s40_standing st;
		assert_int_equal(s40_ledger_standing(db->st, p[i].id, day, S40_LAPSE_MONTHS, &st,
						     &db->ctx),
				 S40_OK);
		assert_true(st.status >= 0 && st.status < 5);
		by[st.status]++;
		/* The demo's spells all start before 2020: paying is paid to the end. */
		if (st.status == S40_STANDING_PAYING)
			assert_int_equal(st.last_paid, to_month);
		struct s40_ledger_row *r = NULL;
		size_t n = 0;
		assert_int_equal(s40_ledger_rows(db->st, p[i].id, s40_month_from_ym(2020, 1),
						 to_month + 2 * S40_PAY_MAX_AHEAD, &r, &n, &db->ctx),
				 S40_OK);
		for (size_t k = 0; k < n; k++) {
			int32_t pm = s40_day_month(r[k].paid_day);
			assert_true(r[k].paid_day <= day);
			assert_true(r[k].month >= pm && r[k].month <= pm + S40_PAY_MAX_AHEAD);
			*after += r[k].month > to_month;
		}
		free(r);
	}
	free(p);
}

/* Whether two ledger rows are the same, field by field. */
static bool ledger_row_same(const struct s40_ledger_row *x, const struct s40_ledger_row *y)
{
	return x->month == y->month && x->spell_id == y->spell_id && x->option == y->option &&
	       x->member == y->member && x->government == y->government &&
	       x->extra == y->extra && x->payment_id == y->payment_id &&
	       strcmp(x->receipt, y->receipt) == 0 && x->paid_day == y->paid_day &&
	       x->channel == y->channel;
}

/* ------------------------------------------------------------------------ */

static int group_setup(void **state)
{
	struct demo_db *db = db_build(1, ymd(2026, 1, 1));
	*state = db;
	return db->rc == S40_OK ? 0 : -1;
}

static int group_teardown(void **state)
{
	db_close(*state);
	return 0;
}

static void test_demo_summary(void **state)
{
	struct demo_db *db = *state;
	const struct s40_demo_summary *s = &db->sum;
	assert_int_equal(s->members_on_day, S40_DEMO_MEMBERS_2019_10_31);
	assert_true(s->persons >= 25000 && s->persons <= 30000);
	assert_int_equal(store_count(db, S40_Q_PERSON_COUNT), s->persons);
	assert_true(s->spells > S40_DEMO_MEMBERS_2019_10_31);
	assert_true(s->ended > 1000);
	assert_true(s->exclusions > 1000);
	assert_true(s->option_changes > 100);
	assert_true(s->reenrolled > 100);
	assert_true(s->volunteers > 50);
	assert_int_equal(s->journal_seq, journal_last(db));
}

/* 17,093 on 31 Oct 2019 through the index, through its districts, and through
 * the store's own SQL count. */
static void test_demo_count_exact(void **state)
{
	struct demo_db *db = *state;
	struct s40_asof *ix = NULL;
	assert_int_equal(s40_asof_build(db->st, &ix, &db->ctx), S40_OK);
	int32_t d = count_day();
	assert_int_equal(s40_asof_count(ix, 75, d), 17093);
	assert_int_equal(s40_asof_count(ix, 0, d), 17093);
	int64_t by_district = s40_asof_count(ix, 7501, d) + s40_asof_count(ix, 7502, d) +
			      s40_asof_count(ix, 7503, d);
	assert_int_equal(by_district, 17093);
	struct s40_area_count *c = NULL;
	size_t n = 0;
	assert_int_equal(s40_asof_by_level(ix, 75, S40_LEVEL_DISTRICT, d, &c, &n), S40_OK);
	assert_int_equal(n, 3);
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += c[i].n;
	free(c);
	assert_int_equal(sum, 17093);
	/* The day before the first enrolment and the days around the count day. */
	assert_int_equal(s40_asof_count(ix, 75, ymd(2011, 12, 31)), 0);
	assert_true(s40_asof_count(ix, 75, ymd(2015, 10, 31)) < 17093);
	s40_asof_free(ix);

	struct s40_stmt *s = s40_store_stmt(db->st, S40_Q_ASOF_BY_VILLAGE, &db->ctx);
	assert_non_null(s);
	s40_stmt_int64(s, 1, d);
	int64_t sql = 0;
	int rc;
	while ((rc = s40_stmt_step(s, &db->ctx)) == S40_ROW) {
		assert_true(s40_area_contains(75, (int32_t)s40_col_int64(s, 0)));
		sql += s40_col_int64(s, 1);
	}
	assert_int_equal(rc, S40_OK);
	assert_int_equal(sql, 17093);
}

static void test_demo_every_village(void **state)
{
	struct demo_db *db = *state;
	size_t nv = 0, np = 0;
	int32_t *vil = all_villages(db, &nv);
	assert_int_equal(nv, 284);
	struct s40_person *p = all_persons(db, &np);
	assert_int_equal(np, (size_t)db->sum.persons);
	long *people_in = calloc(nv, sizeof *people_in);
	assert_non_null(people_in);
	long no_village = 0;
	for (size_t i = 0; i < np; i++) {
		assert_true(s40_area_contains(75, p[i].village));
		if (s40_area_no_village(p[i].village)) {
			no_village++;
			continue;
		}
		size_t k = 0;
		while (k < nv && vil[k] != p[i].village)
			k++;
		assert_true(k < nv);
		people_in[k]++;
	}
	for (size_t k = 0; k < nv; k++)
		if (people_in[k] == 0)
			fail_msg("village %d has nobody", (int)vil[k]);
	assert_true(no_village > 0);
	free(people_in);
	free(vil);
	free(p);
}

static void test_demo_ids(void **state)
{
	struct demo_db *db = *state;
	size_t np = 0;
	struct s40_person *p = all_persons(db, &np);
	long type[10] = { 0 };
	for (size_t i = 0; i < np; i++) {
		char d[16];
		s40_natid_digits(p[i].id, d, sizeof d);
		assert_true(s40_natid_valid(p[i].id));
		assert_int_equal(d[12] - '0', s40_natid_check_digit(d));
		assert_true(d[1] == '7' && d[2] == '5');
		type[d[0] - '0']++;
		if (i > 0)
			assert_true(p[i].id != p[i - 1].id);
		assert_true(p[i].first_th[0] && p[i].last_th[0] && p[i].title[0]);
		assert_true(p[i].sex == 1 || p[i].sex == 2);
		assert_true(p[i].phone[0] == '\0' ||
			    (strlen(p[i].phone) == 10 && p[i].phone[0] == '0'));
	}
	/* Mostly 1 and 3, as real cards; none 0 or 9. */
	assert_int_equal(type[0] + type[9], 0);
	assert_true(type[1] + type[3] > (long)np * 9 / 10);
	/* One ID typed as on the card reads back. */
	char f[32];
	int64_t back = 0;
	s40_natid_format(p[np / 2].id, f, sizeof f);
	assert_int_equal(s40_natid_parse(f, "id", &back, &db->ctx), S40_OK);
	assert_true(back == p[np / 2].id);
	free(p);
}

/* Every spell read back: it started when the person could join, it ended
 * after it started, recruiters are other registered persons. Counts per fiscal
 * year go to the output for the record. */
static void test_demo_spells(void **state)
{
	struct demo_db *db = *state;
	size_t np = 0;
	struct s40_person *p = all_persons(db, &np);
	long spells = 0, ended = 0, twice = 0, by_fy[2565] = { 0 }, never = 0, recruited = 0;
	long thai_no = 0;
	for (size_t i = 0; i < np; i++) {
		struct s40_spell *v = NULL;
		size_t n = 0;
		assert_int_equal(s40_membership_list(db->st, p[i].id, &v, &n, &db->ctx), S40_OK);
		if (p[i].thai != 1) {
			thai_no++;
			assert_int_equal(n, 0);
		}
		never += n == 0;
		twice += n == 2;
		for (size_t k = 0; k < n; k++) {
			spells++;
			assert_true(v[k].start_day >= ymd(2012, 1, 1));
			assert_true(v[k].start_day <= ymd(2019, 12, 31));
			int age = s40_age_on(p[i].birth_day, v[k].start_day);
			assert_true(age >= 15 && age <= 60);
			assert_int_equal(v[k].province, 75);
			assert_true(v[k].village == p[i].village);
			if (v[k].end_day != S40_NO_DAY) {
				ended++;
				assert_true(v[k].end_day > v[k].start_day);
				assert_true(v[k].end_day <= ymd(2019, 12, 31));
				assert_true(v[k].end_reason >= 1 && v[k].end_reason <= 7);
			}
			if (k > 0)
				assert_true(v[k].start_day >= v[k - 1].end_day);
			if (v[k].recruited_by) {
				struct s40_person r;
				recruited++;
				assert_true(v[k].recruited_by != p[i].id);
				assert_int_equal(s40_person_get(db->st, v[k].recruited_by, &r,
								&db->ctx),
						 S40_OK);
			}
			by_fy[s40_fiscal_year(v[k].start_day)]++;
			assert_true(strcmp(v[k].channel, "office") == 0 ||
				    strcmp(v[k].channel, "event") == 0 ||
				    strcmp(v[k].channel, "volunteer") == 0 ||
				    strcmp(v[k].channel, "counter") == 0);
		}
		free(v);
	}
	assert_int_equal(spells, db->sum.spells);
	assert_int_equal(ended, db->sum.ended);
	assert_int_equal(twice, db->sum.reenrolled);
	assert_true(thai_no > 0 && thai_no < (long)np / 50);
	assert_true(never > 5000);
	assert_true(recruited > 1000);
	/* The campaign years see more enrolments than the years before. */
	assert_true(by_fy[2561] > by_fy[2560] && by_fy[2562] > by_fy[2560]);
	assert_true(by_fy[2560] > by_fy[2556]);
	fprintf(stderr,
		"demo: %ld persons, %ld spells, %ld ended, %ld twice, %ld never; new by FY:",
		(long)np, spells, ended, twice, never);
	for (int fy = 2555; fy <= 2563; fy++)
		fprintf(stderr, " %d:%ld", fy, by_fy[fy]);
	fprintf(stderr, "\n");
	free(p);
}

/* หมู่ 2 แควอ้อม: every resident is a member on the count day or not eligible;
 * หมู่ 5 เหมืองใหม่: enrolments at the 8 Nov 2019 event. */
static void test_demo_full_and_event_villages(void **state)
{
	struct demo_db *db = *state;
	struct s40_person *v = NULL;
	size_t n = 0;
	int32_t d = count_day();
	assert_int_equal(s40_person_find(db->st, "", S40_DEMO_FULL_VILLAGE, 100000, &v, &n,
					 &db->ctx),
			 S40_OK);
	assert_true(n > 0);
	long members = 0;
	for (size_t i = 0; i < n; i++) {
		struct s40_spell sp;
		int found = 0;
		assert_int_equal(s40_membership_on(db->st, v[i].id, d, &sp, &found, &db->ctx),
				 S40_OK);
		if (found) {
			members++;
			continue;
		}
		struct s40_excl_rec *x = NULL;
		size_t nx = 0;
		assert_int_equal(s40_exclusion_list(db->st, v[i].id, &x, &nx, &db->ctx), S40_OK);
		struct s40_exclusion ex[4];
		assert_true(nx <= 4);
		for (size_t k = 0; k < nx; k++)
			ex[k] = x[k].e;
		free(x);
		struct s40_applicant a = {
			.birth_day = v[i].birth_day, .thai = v[i].thai, .excl = ex, .n_excl = nx
		};
		int age;
		if (s40_eligibility(&a, d, &age) == 0)
			fail_msg("%lld in %d is eligible and not a member", (long long)v[i].id,
				 (int)S40_DEMO_FULL_VILLAGE);
	}
	assert_true(members > 0);
	free(v);

	assert_int_equal(s40_person_find(db->st, "", S40_DEMO_EVENT_VILLAGE, 100000, &v, &n,
					 &db->ctx),
			 S40_OK);
	long at_event = 0;
	for (size_t i = 0; i < n; i++) {
		struct s40_spell *sp = NULL;
		size_t ns = 0;
		assert_int_equal(s40_membership_list(db->st, v[i].id, &sp, &ns, &db->ctx), S40_OK);
		for (size_t k = 0; k < ns; k++)
			at_event += sp[k].start_day == ymd(2019, 11, 8) &&
				    strcmp(sp[k].channel, "event") == 0;
		free(sp);
	}
	assert_true(at_event >= 20);
	free(v);
}

static void test_demo_journal(void **state)
{
	struct demo_db *db = *state;
	int64_t n = 0, bad = 0;
	assert_int_equal(s40_journal_verify(db->st, &n, &bad, &db->ctx), S40_OK);
	assert_int_equal(n, db->sum.journal_seq); /* the areas' entries and the demo's one */
	struct s40_journal_entry *e = NULL;
	size_t ne = 0;
	assert_int_equal(s40_journal_of_entity(db->st, "area:75", &e, &ne, &db->ctx), S40_OK);
	assert_true(ne >= 1);
	assert_string_equal(e[ne - 1].op, "demo.build");
	assert_int_equal(e[ne - 1].seq, db->sum.journal_seq);
	assert_non_null(strstr(e[ne - 1].detail, "\"members_2019_10_31\":17093"));
	s40_journal_entries_free(e, ne);
	/* The rows carry the demo's entry. */
	size_t np = 0;
	struct s40_person *p = all_persons(db, &np);
	assert_int_equal(p[0].journal_seq, db->sum.journal_seq);
	assert_int_equal(p[np - 1].journal_seq, db->sum.journal_seq);
	struct s40_spell *sp = NULL;
	size_t ns = 0;
	for (size_t i = 0; i < np && ns == 0; i++) {
		free(sp);
		assert_int_equal(s40_membership_list(db->st, p[i].id, &sp, &ns, &db->ctx), S40_OK);
	}
	assert_true(ns > 0);
	assert_int_equal(sp[0].journal_seq, db->sum.journal_seq);
	free(sp);
	free(p);
}

/* Built on 1 January 2026, the members who still paid at the end of 2019 go on
 * paying up to December 2025: most are paying that day; those who stopped
 * (most of them before 2020) are lapsed, a few who left a batch unpaid are in
 * arrears. Nothing is paid for January 2026 or later. */
static void test_demo_paying_later(void **state)
{
	struct demo_db *db = *state;
	long by[5], after = 0;
	standing_counts(db, ymd(2026, 1, 1), s40_month_from_ym(2025, 12), by, &after);
	long members = by[S40_STANDING_PAYING] + by[S40_STANDING_ARREARS] +
		       by[S40_STANDING_LAPSED];
	struct s40_asof *ix = NULL;
	assert_int_equal(s40_asof_build(db->st, &ix, &db->ctx), S40_OK);
	assert_int_equal(members, s40_asof_count(ix, 75, ymd(2026, 1, 1)));
	s40_asof_free(ix);
	assert_int_equal(after, 0);
	assert_true(by[S40_STANDING_PAYING] > members * 3 / 4);
	assert_true(by[S40_STANDING_LAPSED] >= members / 10 &&
		    by[S40_STANDING_LAPSED] <= members / 5);
	assert_true(by[S40_STANDING_ARREARS] >= members / 100 &&
		    by[S40_STANDING_ARREARS] <= members / 20);
	assert_true(db->sum.ledger_months > 12 * 6 * by[S40_STANDING_PAYING]);
	fprintf(stderr,
		"demo on 2026-01-01: %ld members, %ld paying, %ld in arrears, %ld lapsed; "
		"%ld payments for %ld months\n",
		members, by[S40_STANDING_PAYING], by[S40_STANDING_ARREARS],
		by[S40_STANDING_LAPSED], db->sum.payments, db->sum.ledger_months);
}

/* A second build into the same database is refused, and changes nothing. */
static void test_demo_refused_twice(void **state)
{
	struct demo_db *db = *state;
	int64_t persons = store_count(db, S40_Q_PERSON_COUNT), last = journal_last(db);
	struct s40_demo_summary sum;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	assert_int_equal(s40_demo_build(&db->reg, 1, &sum, &ctx), S40_E_EXISTS);
	assert_int_equal(ctx.code, S40_E_EXISTS);
	assert_int_equal(db->reg.depth, 0);
	assert_int_equal(db->reg.batch_seq, 0);
	assert_int_equal(store_count(db, S40_Q_PERSON_COUNT), persons);
	assert_int_equal(journal_last(db), last);
}

static void test_demo_too_early(void **state)
{
	(void)state;
	struct demo_db *db = db_open(ymd(2019, 12, 31));
	struct s40_demo_summary sum;
	assert_int_equal(s40_demo_build(&db->reg, 1, &sum, &db->ctx), S40_E_USAGE);
	assert_int_equal(store_count(db, S40_Q_PERSON_COUNT), 0);
	db_close(db);
}

/* Without the geography there is nothing to fill. */
static void test_demo_no_areas(void **state)
{
	(void)state;
	struct demo_db *db = calloc(1, sizeof *db);
	assert_non_null(db);
	snprintf(db->path, sizeof db->path, "/tmp/s40-demo-test-XXXXXX");
	int fd = mkstemp(db->path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(s40_store_open(db->path, true, &db->st, &db->ctx), S40_OK);
	s40_reg_init(&db->reg, db->st, "test", ymd(2026, 1, 1));
	assert_int_equal(s40_demo_build(&db->reg, 1, NULL, &db->ctx), S40_E_UNKNOWN_AREA);
	assert_int_equal(db->reg.depth, 0);
	db_close(db);
}

/* The same seed on another day: the same persons (every field) and spells. */
static void test_demo_same_seed(void **state)
{
	struct demo_db *a = *state;
	struct demo_db *b = db_build(1, ymd(2020, 1, 1));
	assert_int_equal(b->rc, S40_OK);
	assert_int_equal(b->sum.persons, a->sum.persons);
	assert_int_equal(b->sum.spells, a->sum.spells);
	assert_int_equal(b->sum.ended, a->sum.ended);
	assert_int_equal(b->sum.exclusions, a->sum.exclusions);
	assert_int_equal(b->sum.option_changes, a->sum.option_changes);
	assert_int_equal(b->sum.reenrolled, a->sum.reenrolled);
	assert_int_equal(b->sum.volunteers, a->sum.volunteers);
	/* Built on 1 January 2020, no month after 2019 is wholly past: only the
	 * payments up to December 2019 (some paying into 2020 ahead). */
	assert_true(b->sum.payments > 100000 && b->sum.payments < a->sum.payments);
	assert_true(b->sum.ledger_months < a->sum.ledger_months);
	size_t na = 0, nb = 0;
	struct s40_person *pa = all_persons(a, &na), *pb = all_persons(b, &nb);
	assert_int_equal(na, nb);
	long rows = 0;
	for (size_t i = 0; i < na; i++) {
		assert_true(s40_person_same(&pa[i], &pb[i]));
		/* The same ledger up to December 2019, row for row, and b's months
		 * of 2020 (paid ahead in 2019) are a's too. */
		struct s40_ledger_row *ra, *rb;
		size_t nra, nrb;
		assert_int_equal(s40_ledger_rows(a->st, pa[i].id, s40_month_from_ym(2012, 1),
						 s40_month_from_ym(2020, 12), &ra, &nra, &a->ctx),
				 S40_OK);
		assert_int_equal(s40_ledger_rows(b->st, pb[i].id, s40_month_from_ym(2012, 1),
						 s40_month_from_ym(2099, 12), &rb, &nrb, &b->ctx),
				 S40_OK);
		assert_true(nrb <= nra);
		for (size_t k = 0; k < nrb; k++)
			assert_true(ledger_row_same(&ra[k], &rb[k]));
		for (size_t k = nrb; k < nra; k++)
			assert_true(ra[k].month >= s40_month_from_ym(2020, 1) &&
				    ra[k].paid_day >= ymd(2020, 1, 1));
		rows += (long)nrb;
		free(ra);
		free(rb);
		struct s40_spell *sa, *sb;
		size_t ka, kb;
		assert_int_equal(s40_membership_list(a->st, pa[i].id, &sa, &ka, &a->ctx), S40_OK);
		assert_int_equal(s40_membership_list(b->st, pb[i].id, &sb, &kb, &b->ctx), S40_OK);
		assert_int_equal(ka, kb);
		for (size_t k = 0; k < ka; k++) {
			assert_int_equal(sa[k].village, sb[k].village);
			assert_int_equal(sa[k].start_day, sb[k].start_day);
			assert_int_equal(sa[k].end_day, sb[k].end_day);
			assert_int_equal(sa[k].end_reason, sb[k].end_reason);
			assert_int_equal(sa[k].option, sb[k].option);
			assert_true(sa[k].recruited_by == sb[k].recruited_by);
			assert_string_equal(sa[k].channel, sb[k].channel);
		}
		free(sa);
		free(sb);
	}
	/* Per village on a few days, through both indexes. */
	struct s40_asof *ia, *ib;
	assert_int_equal(s40_asof_build(a->st, &ia, &a->ctx), S40_OK);
	assert_int_equal(s40_asof_build(b->st, &ib, &b->ctx), S40_OK);
	const int32_t days[] = { ymd(2014, 1, 1), ymd(2018, 9, 30), count_day(),
				 ymd(2019, 12, 31) };
	for (size_t k = 0; k < sizeof days / sizeof days[0]; k++) {
		struct s40_area_count *ca, *cb;
		size_t nca, ncb;
		assert_int_equal(s40_asof_by_level(ia, 75, S40_LEVEL_VILLAGE, days[k], &ca, &nca),
				 S40_OK);
		assert_int_equal(s40_asof_by_level(ib, 75, S40_LEVEL_VILLAGE, days[k], &cb, &ncb),
				 S40_OK);
		assert_int_equal(nca, ncb);
		for (size_t i = 0; i < nca; i++) {
			assert_int_equal(ca[i].code, cb[i].code);
			assert_int_equal(ca[i].n, cb[i].n);
		}
		free(ca);
		free(cb);
	}
	s40_asof_free(ia);
	s40_asof_free(ib);
	assert_int_equal(rows, b->sum.ledger_months);
	free(pa);
	free(pb);
	db_close(b);
}

/* Another seed: other people, the same figure. */
static void test_demo_other_seed(void **state)
{
	struct demo_db *a = *state;
	struct demo_db *c = db_build(0x5a4d5554u, ymd(2026, 1, 1));
	assert_int_equal(c->rc, S40_OK);
	assert_int_equal(c->sum.members_on_day, 17093);
	struct s40_asof *ix;
	assert_int_equal(s40_asof_build(c->st, &ix, &c->ctx), S40_OK);
	assert_int_equal(s40_asof_count(ix, 75, count_day()), 17093);
	s40_asof_free(ix);
	size_t na = 0, nc = 0;
	struct s40_person *pa = all_persons(a, &na), *pc = all_persons(c, &nc);
	size_t same = 0;
	for (size_t i = 0, j = 0; i < na && j < nc;) {
		if (pa[i].id == pc[j].id) {
			same++;
			i++;
			j++;
		} else if (pa[i].id < pc[j].id) {
			i++;
		} else {
			j++;
		}
	}
	assert_true(same < na / 100);
	/* Its payments go on up to December 2025 as well, within the rules. */
	long by[5], after = 0;
	standing_counts(c, ymd(2026, 1, 1), s40_month_from_ym(2025, 12), by, &after);
	assert_int_equal(after, 0);
	assert_true(by[S40_STANDING_PAYING] > 17093 * 3 / 4);
	assert_true(by[S40_STANDING_ARREARS] > 0 && by[S40_STANDING_LAPSED] > 0);
	free(pa);
	free(pc);
	db_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_summary),
		cmocka_unit_test(test_demo_count_exact),
		cmocka_unit_test(test_demo_every_village),
		cmocka_unit_test(test_demo_ids),
		cmocka_unit_test(test_demo_spells),
		cmocka_unit_test(test_demo_full_and_event_villages),
		cmocka_unit_test(test_demo_journal),
		cmocka_unit_test(test_demo_paying_later),
		cmocka_unit_test(test_demo_refused_twice),
		cmocka_unit_test(test_demo_too_early),
		cmocka_unit_test(test_demo_no_areas),
		cmocka_unit_test(test_demo_same_seed),
		cmocka_unit_test(test_demo_other_seed),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
