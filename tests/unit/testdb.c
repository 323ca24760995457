/*
 * testdb.c — a fresh database per unit test (testdb.h): the loaded geography
 * is built once per program into a template file and copied for each test.
 */
#include "testdb.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/natid.h"
#include "registry/areas.h"

static char template_path[64];

static void template_remove(void)
{
	if (template_path[0])
		testdb_remove(template_path);
}

int testdb_tempfile(char *path, size_t n)
{
	if (snprintf(path, n, "/tmp/s40-test-XXXXXX") >= (int)n)
		return -1;
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

void testdb_remove(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[96];
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* Make the template once: open with create, load the areas, close (which
 * checkpoints the WAL into the file). A template that could not be made is
 * removed, so that every test's setup fails rather than use it. */
static int template_make(void)
{
	static int registered;
	if (template_path[0])
		return 0;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (testdb_tempfile(template_path, sizeof template_path)) {
		template_path[0] = '\0';
		return -1;
	}
	if (!registered++)
		atexit(template_remove);
	struct s40_store *st;
	enum s40_err rc = s40_store_open(template_path, true, &st, &ctx);
	if (rc == S40_OK) {
		struct s40_reg reg;
		s40_reg_init(&reg, st, "tester", s40_day_from_ymd(2026, 1, 1));
		reg.now = TESTDB_NOW;
		rc = s40_areas_load(&reg, &ctx);
		s40_store_close(st);
	}
	if (rc != S40_OK) {
		fprintf(stderr, "testdb: template %s: %s\n", template_path,
			s40_errmsg(&ctx, S40_LANG_EN));
		testdb_remove(template_path);
		template_path[0] = '\0';
		return -1;
	}
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	int rc = in && out ? 0 : -1;
	char buf[1 << 16];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in && ferror(in))
		rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

int testdb_setup(void **state)
{
	struct testdb *t = calloc(1, sizeof *t);
	if (t == NULL || template_make() || testdb_tempfile(t->path, sizeof t->path) ||
	    copy_file(template_path, t->path)) {
		free(t);
		return -1;
	}
	s40_ctx_clear(&t->ctx);
	if (s40_store_open(t->path, false, &t->st, &t->ctx) != S40_OK) {
		fprintf(stderr, "testdb: open %s: %s\n", t->path, s40_errmsg(&t->ctx, S40_LANG_EN));
		testdb_remove(t->path);
		free(t);
		return -1;
	}
	s40_reg_init(&t->reg, t->st, "tester", s40_day_from_ymd(2026, 1, 1));
	t->reg.now = TESTDB_NOW;
	*state = t;
	return 0;
}

int testdb_teardown(void **state)
{
	struct testdb *t = *state;
	if (t == NULL)
		return 0;
	s40_store_close(t->st);
	testdb_remove(t->path);
	free(t);
	*state = NULL;
	return 0;
}

int64_t testdb_natid(int64_t d12)
{
	char d[16];
	snprintf(d, sizeof d, "%012lld", (long long)d12);
	return d12 * 10 + s40_natid_check_digit(d);
}

int64_t testdb_journal_last(struct s40_store *st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, &ctx);
	assert_non_null(s);
	int rc = s40_stmt_step(s, &ctx);
	int64_t seq = rc == S40_ROW ? s40_col_int64(s, 0) : 0;
	assert_true(rc == S40_ROW || rc == S40_OK);
	s40_stmt_reset(s);
	return seq;
}

int64_t testdb_n_spells(struct s40_store *st, int64_t person)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_stmt *s =
		s40_store_stmt(st, person ? S40_Q_SPELL_OF_PERSON : S40_Q_SPELL_ALL, &ctx);
	assert_non_null(s);
	if (person)
		s40_stmt_int64(s, 1, person);
	int64_t n = 0;
	int rc;
	while ((rc = s40_stmt_step(s, &ctx)) == S40_ROW)
		n++;
	assert_int_equal(rc, S40_OK);
	return n;
}

void testdb_person(struct s40_person *p, int64_t id, const char *first_th, const char *last_th,
		   int32_t birth_day, int32_t village)
{
	s40_person_clear(p);
	p->id = id;
	snprintf(p->first_th, sizeof p->first_th, "%s", first_th);
	snprintf(p->last_th, sizeof p->last_th, "%s", last_th);
	p->birth_day = birth_day;
	p->thai = 1;
	p->village = village;
}

void testdb_add_person(struct testdb *t, int64_t id, const char *first_th, const char *last_th,
		       int32_t birth_day, int32_t village)
{
	struct s40_person p;
	testdb_person(&p, id, first_th, last_th, birth_day, village);
	int changed = -1;
	testdb_ok(s40_person_add(&t->reg, &p, &changed, &t->ctx), &t->ctx);
	assert_int_equal(changed, 1);
}

void testdb_ok_at(enum s40_err rc, const struct s40_ctx *ctx, const char *file, int line)
{
	if (rc == S40_OK)
		return;
	print_error("expected S40_OK, got %d (%s): %s\n", (int)rc, s40_errname(rc),
		    ctx ? s40_errmsg(ctx, S40_LANG_EN) : "");
	_fail(file, line);
}
