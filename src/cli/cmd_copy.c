/*
 * cmd_copy.c — s40 copy SOURCE DEST: a whole database into another, of either
 * engine (a SQLite file, a PostgreSQL URI), through s40_store_copy; then DEST's
 * journal is verified and its head compared with SOURCE's, and the rows copied
 * per table are printed. A DEST that holds data is refused and left as it was.
 * On a terminal a progress line is kept up to date on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/thai.h"
#include "registry/journal.h"
#include "store/copy.h"

/* Called by the copy every few thousand rows. */
static void progress_cb(void *arg, const char *table, int64_t rows)
{
	cli_progress_show(arg, 0, 0, rows, table);
}

/* Whether a and b name the same database: the same text, or for two SQLite
 * paths the same file. */
static bool same_database(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	if (s40_store_uri_is_pg(a) || s40_store_uri_is_pg(b))
		return false;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Open one side of the copy; a failure names it by field ("source", "dest"). */
static int open_side(const struct s40_cli *cli, const char *uri, bool create, const char *field,
		     struct s40_store **st)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_store_open(uri, create, st, &ctx) == S40_OK)
		return 0;
	*st = NULL;
	if (ctx.code == S40_OK)
		s40_errorf(&ctx, S40_E_DB, NULL, NULL, NULL);
	snprintf(ctx.field, sizeof ctx.field, "%s", field);
	return cli_fail(cli, &ctx);
}

/* The journal's last entry: its number and hash as hex (0 and "" when empty). */
static enum s40_err journal_head(struct s40_store *st, int64_t *seq, char hex[2 * S40_HASH_LEN + 1],
				 struct s40_ctx *ctx)
{
	*seq = 0;
	hex[0] = '\0';
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx->code;
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		*seq = s40_col_int64(s, 0);
		size_t n = 0;
		const unsigned char *h = s40_col_blob(s, 1, &n);
		for (size_t i = 0; h != NULL && i < n && i < S40_HASH_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", h[i]);
		rc = S40_OK;
	}
	s40_stmt_reset(s);
	return (enum s40_err)rc;
}

/* Print what was copied: per table and in all, and DEST's journal. */
static int summary_print(const struct s40_cli *cli, const char *src, const char *dst,
			 const int64_t *rows, double seconds, int64_t entries, int64_t head,
			 const char *hash)
{
	int64_t total = 0;
	for (size_t i = 0; i < s40_copy_n_tables; i++)
		total += rows[i];
	if (cli->format == S40_FMT_JSON) {
		json_t *tables = json_array();
		for (size_t i = 0; tables != NULL && i < s40_copy_n_tables; i++)
			json_array_append_new(tables, json_pack("{s:s, s:I}", "table",
								s40_copy_tables[i].name, "rows",
								(json_int_t)rows[i]));
		return cli_json_print(json_pack("{s:s, s:s, s:o, s:I, s:{s:b, s:I, s:I, s:s}}",
						"source", src, "dest", dst, "tables", tables,
						"rows", (json_int_t)total, "journal", "intact", 1,
						"entries", (json_int_t)entries, "head_seq",
						(json_int_t)head, "head_hash", hash));
	}
	if (cli->format == S40_FMT_CSV) {
		printf("table,rows\n");
		for (size_t i = 0; i < s40_copy_n_tables; i++)
			printf("%s,%lld\n", s40_copy_tables[i].name, (long long)rows[i]);
		return 0;
	}
	char n_rows[32], n_entries[32], n_head[32];
	s40_format_int(total, n_rows, sizeof n_rows);
	s40_format_int(entries, n_entries, sizeof n_entries);
	s40_format_int(head, n_head, sizeof n_head);
	cli_say(cli, "คัดลอก %s ไปยัง %s แล้ว: %zu ตาราง%.0s %s แถว%.0s ใน %.1f วินาที",
		"copied %s to %s: %zu %s, %s %s in %.1f s", src, dst, s40_copy_n_tables,
		s40_en_plural((int64_t)s40_copy_n_tables, "table", "tables"), n_rows,
		s40_en_plural(total, "row", "rows"), seconds);
	for (size_t i = 0; i < s40_copy_n_tables; i++) {
		char n[32];
		s40_format_int(rows[i], n, sizeof n);
		printf("  %-16s %12s\n", s40_copy_tables[i].name, n);
	}
	if (entries == 0)
		cli_say(cli, "บันทึกการเปลี่ยนแปลงของ %s ถูกต้องครบถ้วน 0 รายการ",
			"the journal of %s is intact, 0 entries", dst);
	else
		cli_say(cli,
			"บันทึกการเปลี่ยนแปลงของ %s ถูกต้องครบถ้วน %s รายการ%.0s ล่าสุดลำดับที่ %s "
			"hash %s",
			"the journal of %s is intact, %s %s, the last number %s hash %s", dst,
			n_entries, s40_en_plural(entries, "entry", "entries"), n_head, hash);
	return 0;
}

/* s40 copy SOURCE DEST */
static int cmd_copy_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_copy, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 2)
		return cli_usage(cli, &cmd_copy, "ต้องระบุฐานข้อมูลต้นทางและปลายทาง",
				 "give the source and the destination databases");
	const char *source = argv[optind], *dest = argv[optind + 1];
	char src_shown[512], dst_shown[512];
	s40_store_uri_safe(source, src_shown, sizeof src_shown);
	s40_store_uri_safe(dest, dst_shown, sizeof dst_shown);
	if (same_database(source, dest))
		return cli_usage(cli, &cmd_copy, "ต้นทางและปลายทางเป็นฐานข้อมูลเดียวกัน: %s",
				 "the source and the destination are the same database: %s",
				 src_shown);

	struct s40_store *from, *to;
	int rc = open_side(cli, source, false, "source", &from);
	if (rc != 0)
		return rc;
	if ((rc = open_side(cli, dest, true, "dest", &to)) != 0) {
		s40_store_close(from);
		return rc;
	}

	struct cli_progress prog;
	cli_progress_init(&prog, cli, "กำลังคัดลอก", "copying", "แถว", "rows");
	bool show = isatty(STDERR_FILENO) && cli->format == S40_FMT_TABLE;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t rows[64] = { 0 };
	if (s40_copy_n_tables > sizeof rows / sizeof rows[0]) {
		s40_store_close(to);
		s40_store_close(from);
		return cli_failf(cli, S40_E_INTERNAL, NULL, "ตารางมากเกินไป", "too many tables");
	}
	double t0 = cli_clock();
	enum s40_err err = s40_store_copy(from, to, show ? progress_cb : NULL, &prog, rows, &ctx);
	double seconds = cli_clock() - t0;
	cli_progress_end(&prog);
	if (err != S40_OK) {
		s40_store_close(to);
		s40_store_close(from);
		if (err == S40_E_EXISTS) {
			/* Name DEST: the library's message knows no names. */
			struct s40_ctx why = ctx;
			s40_errorf(&ctx, err, "dest", "%s: %s%.0s", "%s: %.0s%s", dst_shown,
				   s40_errmsg(&why, S40_LANG_TH), s40_errmsg(&why, S40_LANG_EN));
		}
		return cli_fail(cli, &ctx);
	}

	/* The copy verifies, and ends where the original does. */
	int64_t entries = 0, bad = 0, src_head = 0, dst_head = 0;
	char src_hash[2 * S40_HASH_LEN + 1], dst_hash[2 * S40_HASH_LEN + 1];
	err = s40_journal_verify(to, &entries, &bad, &ctx);
	if (err == S40_OK)
		err = journal_head(from, &src_head, src_hash, &ctx);
	if (err == S40_OK)
		err = journal_head(to, &dst_head, dst_hash, &ctx);
	if (err == S40_OK && (src_head != dst_head || strcmp(src_hash, dst_hash) != 0))
		err = s40_errorf(
			&ctx, S40_E_JOURNAL, "dest",
			"บันทึกการเปลี่ยนแปลงของ %s จบที่ลำดับ %lld ไม่ตรงกับต้นทาง (%lld)",
			"the journal of %s ends at %lld, not where the source's does (%lld)",
			dst_shown, (long long)dst_head, (long long)src_head);
	s40_store_close(to);
	s40_store_close(from);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	return summary_print(cli, src_shown, dst_shown, rows, seconds, entries, dst_head, dst_hash);
}

const struct s40_cmd cmd_copy = {
	.name = "copy",
	.usage = "copy SOURCE DEST   (a SQLite file or a postgresql:// URI each)",
	.help_th = "คัดลอกฐานข้อมูลทั้งหมดรวมบันทึกการเปลี่ยนแปลงไปยังฐานข้อมูลใหม่หรือว่าง "
		   "ระหว่าง SQLite และ PostgreSQL",
	.help_en = "copy a whole database, journal included, into a new or empty one, "
		   "between SQLite and PostgreSQL",
	.run = cmd_copy_run,
};
