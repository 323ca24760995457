/*
 * cmd_backup.c — s40 backup DEST: a consistent copy of the SQLite database
 * (--db) into the file DEST while the database may be served and written,
 * through s40_store_backup; then what the checked copy holds is printed: its
 * size, the check it passed, its schema version and its journal's last entry.
 * A PostgreSQL database is refused: it is backed up with pg_basebackup and WAL
 * archiving (docs/DEPLOY.md). On a terminal a progress line is kept on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/thai.h"
#include "store/backup.h"

/* Called after each step of the copy (pages). */
static void progress_cb(void *arg, int64_t done, int64_t total)
{
	cli_progress_show(arg, done, total, -1, NULL);
}

/* Print what the copy holds, in the output format. */
static int summary_print(const struct s40_cli *cli, const char *db, const char *dest,
			 const struct s40_backup_info *info, double seconds)
{
	if (cli->format == S40_FMT_JSON)
		return cli_json_print(
			json_pack("{s:s, s:s, s:I, s:I, s:s, s:b, s:i, s:{s:I, s:s}}", "db", db,
				  "dest", dest, "bytes", (json_int_t)info->bytes, "pages",
				  (json_int_t)info->pages, "check", info->check, "ok", 1,
				  "schema_version", info->schema_version, "journal", "head_seq",
				  (json_int_t)info->journal_seq, "head_hash", info->journal_hash));
	if (cli->format == S40_FMT_CSV) {
		printf("bytes,pages,check,schema_version,head_seq,head_hash\n");
		printf("%lld,%lld,%s,%d,%lld,%s\n", (long long)info->bytes, (long long)info->pages,
		       info->check, info->schema_version, (long long)info->journal_seq,
		       info->journal_hash);
		return 0;
	}
	char n_bytes[32], n_pages[32], n_seq[32];
	s40_format_int(info->bytes, n_bytes, sizeof n_bytes);
	s40_format_int(info->pages, n_pages, sizeof n_pages);
	s40_format_int(info->journal_seq, n_seq, sizeof n_seq);
	cli_say(cli, "สำรองฐานข้อมูล %s ไปยัง %s แล้ว: %s ไบต์ %s หน้า ใน %.1f วินาที",
		"backed up %s to %s: %s bytes, %s pages in %.1f s", db, dest, n_bytes, n_pages,
		seconds);
	if (info->journal_seq == 0)
		cli_say(cli, "สำเนาผ่านการตรวจ %s โครงสร้างรุ่น %d บันทึกการเปลี่ยนแปลงยังไม่มีรายการ",
			"the copy passed %s: schema version %d, no journal entry yet", info->check,
			info->schema_version);
	else
		cli_say(cli,
			"สำเนาผ่านการตรวจ %s โครงสร้างรุ่น %d บันทึกการเปลี่ยนแปลงล่าสุดลำดับที่ %s "
			"hash %s",
			"the copy passed %s: schema version %d, the journal's last number %s hash %s",
			info->check, info->schema_version, n_seq, info->journal_hash);
	return 0;
}

/* s40 backup [--force] [--quick] DEST */
static int cmd_backup_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'F' },
		{ "quick", no_argument, NULL, 'Q' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned flags = 0;
	int c;
	while ((c = cli_getopt(cli, &cmd_backup, argc, argv, opts)) > 0)
		flags |= c == 'F' ? S40_BACKUP_FORCE : S40_BACKUP_QUICK;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_backup, "ต้องระบุไฟล์ปลายทางของสำเนาหนึ่งไฟล์",
				 "give the one file to write the copy to");
	const char *dest = argv[optind];

	struct cli_progress prog;
	cli_progress_init(&prog, cli, "กำลังสำรองข้อมูล", "backing up", NULL, NULL);
	bool show = isatty(STDERR_FILENO) && cli->format == S40_FMT_TABLE;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_backup_info info;
	double t0 = cli_clock();
	enum s40_err err = s40_store_backup(cli->db, dest, flags, show ? progress_cb : NULL, &prog,
					    &info, &ctx);
	double seconds = cli_clock() - t0;
	cli_progress_end(&prog);
	if (err == S40_E_EXISTS && !(flags & S40_BACKUP_FORCE)) {
		struct s40_ctx why = ctx;
		s40_errorf(&ctx, err, why.field, "%s (ใช้ --force เพื่อเขียนทับ)%.0s",
			   "%.0s%s (give --force to replace it)", s40_errmsg(&why, S40_LANG_TH),
			   s40_errmsg(&why, S40_LANG_EN));
	}
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	return summary_print(cli, cli_db_shown(cli), dest, &info, seconds);
}

const struct s40_cmd cmd_backup = {
	.name = "backup",
	.usage = "backup [--force] [--quick] DEST   (the --db SQLite file, copied while served)",
	.help_th = "สำรองฐานข้อมูล SQLite ไปยังไฟล์ DEST ขณะที่ยังให้บริการอยู่ได้ แล้วตรวจสอบสำเนา "
		   "(PostgreSQL ใช้ pg_basebackup ดู docs/DEPLOY.md)",
	.help_en = "back up the SQLite database into the file DEST, also while it is served, and "
		   "check the copy (PostgreSQL: pg_basebackup, see docs/DEPLOY.md)",
	.run = cmd_backup_run,
};
