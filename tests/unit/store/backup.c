/*
 * Unit tests of lib/store/backup.c: a backup is the database as it was when
 * its read began, even when another connection commits between two of its
 * steps (the write is in the database, not in the copy, and the copy is not
 * started over); the copy verifies and opens as an s40 database; a PostgreSQL
 * URI and a DEST that exists are refused and a failure leaves no temporary
 * file. SQLite files whatever the environment (testdb_setup_sqlite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/date.h"
#include "registry/journal.h"
#include "store/backup.h"
#include "store/store.h"
#include "testdb.h"

#define VILLAGE 75030702 /* หมู่ 2 แควอ้อม, อัมพวา, สมุทรสงคราม */

/* What the progress function saw and did. */
struct writer {
	struct testdb *t;
	int calls;
	int64_t first_done, first_total; /* the pages at its first call */
};

/* The first time it is called, between two steps of the copy, another
 * connection (the test's own store) registers a person and commits. */
static void write_between_steps(void *arg, int64_t done, int64_t total)
{
	struct writer *w = arg;
	if (w->calls++ == 0) {
		w->first_done = done;
		w->first_total = total;
		testdb_add_person(w->t, testdb_natid(375030700002), "ระหว่าง", "สำรอง",
				  s40_day_from_ymd(1985, 2, 3), VILLAGE);
	}
}

/* A fresh file name beside the test's database, that does not exist yet. */
static void dest_path(const struct testdb *t, const char *suffix, char *out, size_t n)
{
	snprintf(out, n, "%s%s", t->uri, suffix);
	testdb_remove(out);
}

static void test_backup_snapshot(void **state)
{
	struct testdb *t = *state;
	testdb_add_person(t, testdb_natid(375030700001), "ก่อน", "สำรอง",
			  s40_day_from_ymd(1980, 5, 1), VILLAGE);
	int64_t head = testdb_journal_last(t->st);
	assert_true(head > 0);

	char dest[TESTDB_URI_MAX + 16];
	dest_path(t, ".backup", dest, sizeof dest);
	struct writer w = { .t = t };
	struct s40_backup_info info;
	testdb_ok(s40_store_backup(t->uri, dest, 0, write_between_steps, &w, &info, &t->ctx),
		  &t->ctx);
	/* The write came in the middle of the copy: the geography alone is more
	 * pages than one step. */
	assert_true(w.calls >= 2);
	assert_true(w.first_done > 0 && w.first_done < w.first_total);
	assert_int_equal(testdb_journal_last(t->st), head + 1);

	/* The copy ends where the database was when the backup began. */
	assert_int_equal(info.journal_seq, head);
	assert_int_equal(strlen(info.journal_hash), 64);
	assert_string_equal(info.check, "integrity_check");
	assert_int_equal(info.pages, w.first_total);
	struct stat sb;
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(info.bytes, (int64_t)sb.st_size);
	assert_int_equal(sb.st_mode & 0777, 0600);

	struct s40_store *copy;
	testdb_ok(s40_store_open(dest, false, &copy, &t->ctx), &t->ctx);
	assert_int_equal(info.schema_version, s40_store_schema_version(copy));
	int64_t n = 0, bad = 0;
	testdb_ok(s40_journal_verify(copy, &n, &bad, &t->ctx), &t->ctx);
	assert_int_equal(n, head);
	assert_int_equal(testdb_journal_last(copy), head);
	s40_store_close(copy);
	testdb_remove(dest);
}

/* Whether a file whose name starts with dest ".tmp" is beside dest. */
static bool temp_left(const char *dest)
{
	char cmd[TESTDB_URI_MAX + 64];
	snprintf(cmd, sizeof cmd, "ls '%s'.tmp* > /dev/null 2>&1", dest);
	return system(cmd) == 0;
}

static void test_backup_refused(void **state)
{
	struct testdb *t = *state;
	struct s40_backup_info info;
	char dest[TESTDB_URI_MAX + 16];
	dest_path(t, ".backup", dest, sizeof dest);

	/* PostgreSQL: its own tools, before any connection is tried. */
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_store_backup("postgresql://nowhere.invalid/s40", dest, 0, NULL, NULL,
					  &info, &t->ctx),
			 S40_E_USAGE);
	assert_string_equal(t->ctx.field, "db");
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_EN), "pg_basebackup"));
	assert_non_null(strstr(s40_errmsg(&t->ctx, S40_LANG_TH), "docs/DEPLOY.md"));

	/* A DEST that exists is left as it is, unless forced. */
	FILE *f = fopen(dest, "w");
	assert_non_null(f);
	fputs("keep me\n", f);
	fclose(f);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_store_backup(t->uri, dest, 0, NULL, NULL, &info, &t->ctx),
			 S40_E_EXISTS);
	assert_string_equal(t->ctx.field, "dest");
	struct stat sb;
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_size, 8);
	assert_false(temp_left(dest));
	testdb_ok(s40_store_backup(t->uri, dest, S40_BACKUP_FORCE | S40_BACKUP_QUICK, NULL, NULL,
				   &info, &t->ctx),
		  &t->ctx);
	assert_string_equal(info.check, "quick_check");
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(info.bytes, (int64_t)sb.st_size);
	testdb_remove(dest);

	/* No database there. */
	char missing[TESTDB_URI_MAX + 16];
	dest_path(t, ".missing", missing, sizeof missing);
	s40_ctx_clear(&t->ctx);
	assert_int_equal(s40_store_backup(missing, dest, 0, NULL, NULL, &info, &t->ctx),
			 S40_E_NOT_FOUND);
	assert_string_equal(t->ctx.field, "db");
	assert_int_equal(stat(dest, &sb), -1);
	assert_int_equal(stat(missing, &sb), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_backup_snapshot, testdb_setup_sqlite,
						testdb_teardown),
		cmocka_unit_test_setup_teardown(test_backup_refused, testdb_setup_sqlite,
						testdb_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
