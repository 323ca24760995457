/*
 * Unit tests of lib/registry/upgrade.c: a database written by an older s40
 * (schema 8, names stored as typed) is opened by this one: migration 0009
 * leaves the names' upgrade pending, s40_reg_upgrade brings the names to
 * s40_thai_normalize's form through UPDATEs with one journal entry that counts
 * them, keeps the names it cannot normalise, and the journal and the data
 * digests still verify. On either engine (testdb.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/journal.h"
#include "registry/person.h"
#include "registry/upgrade.h"
#include "testdb.h"

#define ID1 1112034563562
#define ID2 3100600445635
#define ID3 1234545678781
#define ID4 1100000000016
#define ID5 3101200332443
#define ID6 1100000000024

#define ZWSP "\xE2\x80\x8B"

/* What an older s40 stored (NFC and trimmed only), and what it is now. */
static const struct {
	int64_t id;
	const char *first_then, *last_then;
	const char *first_now, *last_now;
} people[] = {
	/* NIKHAHIT + SARA AA */
	{ ID1, "จ\xE0\xB9\x8D\xE0\xB8\xB2เนียร", "ใจดี", "จำเนียร", "ใจดี" },
	/* a zero-width space inside */
	{ ID2, "สม" ZWSP "ชาย", "มีสุข", "สมชาย", "มีสุข" },
	/* the tone before the vowel, in both names */
	{ ID3, "ก\xE0\xB9\x88\xE0\xB8\xB4ง", "น\xE0\xB9\x8D\xE0\xB9\x89\xE0\xB8\xB2ฝน", "กิ่ง",
	  "น้ำฝน" },
	/* only invisible characters: no normal form, left as it was */
	{ ID4, "เอก", ZWSP, "เอก", ZWSP },
	/* a doubled tone: refused now, left as it was */
	{ ID5, "ก\xE0\xB9\x89\xE0\xB9\x89อง", "ทดสอบ", "ก\xE0\xB9\x89\xE0\xB9\x89อง", "ทดสอบ" },
	/* already normal: unchanged */
	{ ID6, "มาลี", "สุขใจ", "มาลี", "สุขใจ" },
};
#define N_PEOPLE (sizeof people / sizeof people[0])

/* Register everyone, then store the older spellings through the store's own
 * statements in a transaction of its own, as an older s40 would have: the
 * digests follow, the rows keep the journal entries that added them. */
static void register_as_before(struct testdb *t)
{
	for (size_t i = 0; i < N_PEOPLE; i++) {
		struct s40_person p;
		testdb_person(&p, people[i].id, "ก", "ข", s40_day_from_ymd(1980, 5, 1), 75030702);
		testdb_ok(s40_person_add(&t->reg, &p, NULL, &t->ctx), &t->ctx);
		snprintf(p.first_th, sizeof p.first_th, "%s", people[i].first_then);
		snprintf(p.last_th, sizeof p.last_th, "%s", people[i].last_then);
		testdb_ok(s40_store_begin(t->st, &t->ctx), &t->ctx);
		testdb_ok(s40_person_rewrite(&t->reg, &p, p.journal_seq, &t->ctx), &t->ctx);
		testdb_ok(s40_store_commit(t->st, &t->ctx), &t->ctx);
	}
}

/* Set the schema back to 8 behind the store's back (meta is not digested),
 * with what the later migrations made taken away (0010: the names' index;
 * 0011: the follow-up tables; 0013: the ledger's sums; 0014: the keys of
 * repeated writes; 0015: the spells' months paid, 0017: its load's table), and open the database again: migration 0009 runs, then
 * the later ones. */
static void reopen_from_8(struct testdb *t)
{
	char err[256];
	const char *undo_later =
		testdb_is_pg(t) ? "DROP INDEX person_name_th; DROP INDEX person_name_en"
				: "DROP TRIGGER person_name_insert; DROP TRIGGER person_name_delete; "
				  "DROP TRIGGER person_name_update; DROP TABLE person_name";
	if (testdb_exec(t, undo_later, err, sizeof err) != 0 ||
	    testdb_exec(t, "DROP TABLE followup_call; DROP TABLE followup_assign", err,
			sizeof err) != 0 ||
	    testdb_exec(t,
			testdb_is_pg(t) ? "DROP TRIGGER ledger_sum ON ledger; "
					  "DROP FUNCTION s40_ledger_sum(); DROP TABLE ledger_sum" :
					  "DROP TRIGGER ledger_sum_insert; DROP TRIGGER "
					  "ledger_sum_delete; DROP TRIGGER ledger_sum_update; "
					  "DROP TABLE ledger_sum",
			err, sizeof err) != 0 ||
	    testdb_exec(t, "DROP TABLE idempotency", err, sizeof err) != 0 ||
	    testdb_exec(t,
			testdb_is_pg(t) ?
				"DROP TRIGGER spell_paid ON spell; DROP TRIGGER spell_paid ON "
				"ledger; DROP FUNCTION s40_spell_paid_spell(); DROP FUNCTION "
				"s40_spell_paid_ledger(); DROP FUNCTION s40_paid_run(bigint); "
				"DROP FUNCTION s40_day_month(integer); DROP TABLE spell_paid; "
				"DROP TABLE spell_paid_load" :
				"DROP TRIGGER spell_paid_spell_insert; DROP TRIGGER "
				"spell_paid_spell_update; DROP TRIGGER spell_paid_spell_delete; "
				"DROP TRIGGER spell_paid_ledger_insert; DROP TRIGGER "
				"spell_paid_ledger_delete; DROP TRIGGER spell_paid_ledger_update; "
				"DROP TRIGGER spell_paid_load_spell_insert; DROP TRIGGER "
				"spell_paid_load_spell_update; DROP TRIGGER "
				"spell_paid_load_spell_delete; DROP TRIGGER "
				"spell_paid_load_ledger_insert; DROP TRIGGER "
				"spell_paid_load_ledger_update; DROP TRIGGER "
				"spell_paid_load_ledger_delete; DROP TABLE spell_paid; "
				"DROP TABLE spell_paid_load",
			err, sizeof err) != 0 ||
	    testdb_exec(t, "UPDATE meta SET value = '8' WHERE key = 'schema_version'", err,
			sizeof err) != 0)
		fail_msg("%s", err);
	s40_store_close(t->st);
	testdb_ok(s40_store_open(t->uri, false, &t->st, &t->ctx), &t->ctx);
	t->reg.store = t->st;
}

/* The value of meta key, "" when absent. */
static void meta_value(struct testdb *t, const char *key, char *out, size_t n)
{
	struct s40_stmt *s = s40_store_stmt(t->st, S40_Q_META_GET, &t->ctx);
	assert_non_null(s);
	s40_stmt_text(s, 1, key);
	out[0] = '\0';
	if (s40_stmt_step(s, &t->ctx) == S40_ROW) {
		snprintf(out, n, "%s", s40_col_text(s, 0));
		s40_stmt_reset(s);
	}
}

static void verify_all(struct testdb *t, int64_t want_entries)
{
	int64_t n = 0, bad = 0, rows = 0;
	testdb_ok(s40_journal_verify(t->st, &n, &bad, &t->ctx), &t->ctx);
	assert_int_equal(n, want_entries);
	struct s40_digest_check dc[S40_DT__N];
	bool checked = false;
	testdb_ok(s40_journal_verify_data(t->st, n, dc, &rows, &checked, &t->ctx), &t->ctx);
	assert_true(checked);
}

static void test_names_upgraded(void **state)
{
	struct testdb *t = *state;
	register_as_before(t);
	int64_t entries = 1 + (int64_t)N_PEOPLE; /* areas.load, person.add each */
	verify_all(t, entries);

	reopen_from_8(t);
	assert_int_equal(s40_store_schema_version(t->st), 17); /* the latest */
	char v[32];
	meta_value(t, "upgrade.names", v, sizeof v);
	assert_string_equal(v, "pending");

	struct s40_upgrade_report rep;
	testdb_ok(s40_reg_upgrade(&t->reg, &rep, &t->ctx), &t->ctx);
	assert_true(rep.names);
	assert_int_equal(rep.persons, N_PEOPLE);
	assert_int_equal(rep.changed, 3);
	assert_int_equal(rep.fields, 4);
	assert_int_equal(rep.left, 2);
	assert_int_equal(rep.seq, entries + 1);
	assert_false(s40_store_in_tx(t->st));
	meta_value(t, "upgrade.names", v, sizeof v);
	assert_string_equal(v, "done");

	for (size_t i = 0; i < N_PEOPLE; i++) {
		struct s40_person p;
		testdb_ok(s40_person_get(t->st, people[i].id, &p, &t->ctx), &t->ctx);
		assert_string_equal(p.first_th, people[i].first_now);
		assert_string_equal(p.last_th, people[i].last_now);
		bool changed = strcmp(people[i].first_then, people[i].first_now) != 0 ||
			       strcmp(people[i].last_then, people[i].last_now) != 0;
		/* a rewritten row carries the upgrade's entry, the others their own */
		if (changed)
			assert_int_equal(p.journal_seq, rep.seq);
		else
			assert_true(p.journal_seq < rep.seq);
	}
	/* the search finds the names typed the usual way */
	struct s40_person *found;
	size_t nf;
	testdb_ok(s40_person_find(t->st, "จำเนียร", 0, 10, &found, &nf, &t->ctx), &t->ctx);
	assert_int_equal(nf, 1);
	free(found);

	struct s40_journal_entry *e;
	size_t ne;
	testdb_ok(s40_journal_of_entity(t->st, "persons", &e, &ne, &t->ctx), &t->ctx);
	assert_int_equal(ne, 1);
	assert_string_equal(e[0].op, "names.normalize");
	assert_string_equal(e[0].detail, "{\"persons\":6,\"changed\":3,\"names\":4,\"left\":2}");
	s40_journal_entries_free(e, ne);
	verify_all(t, entries + 1);

	/* once: the next open and upgrade find nothing to do */
	s40_store_close(t->st);
	testdb_ok(s40_store_open(t->uri, false, &t->st, &t->ctx), &t->ctx);
	t->reg.store = t->st;
	testdb_ok(s40_reg_upgrade(&t->reg, &rep, &t->ctx), &t->ctx);
	assert_false(rep.names);
	assert_int_equal(rep.seq, 0);
	verify_all(t, entries + 1);
}

/* A database with no persons has nothing to upgrade: no note, no entry. */
static void test_no_persons(void **state)
{
	struct testdb *t = *state;
	reopen_from_8(t);
	char v[32];
	meta_value(t, "upgrade.names", v, sizeof v);
	assert_string_equal(v, "");
	struct s40_upgrade_report rep;
	testdb_ok(s40_reg_upgrade(&t->reg, &rep, &t->ctx), &t->ctx);
	assert_false(rep.names);
	verify_all(t, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_names_upgraded, testdb_setup, testdb_teardown),
		cmocka_unit_test_setup_teardown(test_no_persons, testdb_setup, testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
