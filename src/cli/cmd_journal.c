/*
 * cmd_journal.c — s40 journal verify|show: check the hash chain of the
 * journal from its first entry, or list the entries about one entity
 * ("person:1112034563562"; a national ID alone means that person).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/journal.h"

/* s40 journal verify */
static int journal_verify(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_journal, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_journal, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t n = 0, bad = 0;
	enum s40_err err = s40_journal_verify(st, &n, &bad, &ctx);
	s40_store_close(st);
	if (err != S40_OK) {
		if (cli->format == S40_FMT_JSON)
			cli_json_print(json_pack("{s:b, s:I, s:I}", "intact", 0, "entries",
						 (json_int_t)n, "first_bad", (json_int_t)bad));
		return cli_fail(cli, &ctx);
	}
	if (cli->format == S40_FMT_JSON)
		return cli_json_print(
			json_pack("{s:b, s:I}", "intact", 1, "entries", (json_int_t)n));
	char count[32];
	s40_format_int(n, count, sizeof count);
	cli_say(cli, "บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน %s รายการ", "journal intact, %s entries", count);
	return 0;
}

/* s40 journal show ENTITY */
static int journal_show(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_journal, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_journal, "ต้องระบุสิ่งที่จะดู เช่น person:1112034563562",
				 "give one entity, e.g. person:1112034563562");
	const char *arg = argv[optind];
	char entity[96];
	int64_t id;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (strchr(arg, ':') == NULL && s40_natid_parse(arg, "entity", &id, &ctx) == S40_OK) {
		char digits[32];
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(id, digits, sizeof digits));
	} else if (strncmp(arg, "person:", 7) == 0) {
		/* The ID as people type it: normalise it to the stored digits. */
		int rc = cli_parse_id(cli, arg + 7, "entity", &id);
		if (rc != 0)
			return rc;
		char digits[32];
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(id, digits, sizeof digits));
	} else if (strlen(arg) < sizeof entity) {
		snprintf(entity, sizeof entity, "%s", arg);
	} else {
		return cli_failf(cli, S40_E_BAD_VALUE, "entity", "ยาวเกินไป", "too long");
	}
	s40_ctx_clear(&ctx);

	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	struct s40_journal_entry *v = NULL;
	size_t n = 0;
	enum s40_err err = s40_journal_of_entity(st, entity, &v, &n, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);

	struct s40_table t;
	char th[256], en[256];
	snprintf(th, sizeof th, "บันทึกการเปลี่ยนแปลงของ %s", entity);
	snprintf(en, sizeof en, "journal entries about %s", entity);
	s40_table_init(&t, th, en);
	s40_table_add_col(&t, "seq", "ลำดับ", "seq", S40_COL_CODE);
	s40_table_add_col(&t, "at", "เวลา", "time", S40_COL_TEXT);
	s40_table_add_col(&t, "user", "ผู้ดำเนินการ", "user", S40_COL_TEXT);
	s40_table_add_col(&t, "op", "การดำเนินการ", "operation", S40_COL_TEXT);
	s40_table_add_col(&t, "detail", "รายละเอียด", "detail", S40_COL_TEXT);
	for (size_t i = 0; i < n; i++) {
		char at[64];
		time_t sec = (time_t)v[i].at;
		struct tm tm;
		if (localtime_r(&sec, &tm) == NULL ||
		    strftime(at, sizeof at, "%Y-%m-%d %H:%M:%S", &tm) == 0)
			snprintf(at, sizeof at, "%lld", (long long)v[i].at);
		s40_table_add_row(&t);
		s40_table_set_int(&t, 0, v[i].seq);
		s40_table_set_text(&t, 1, at);
		s40_table_set_text(&t, 2, v[i].user);
		s40_table_set_text(&t, 3, v[i].op);
		s40_table_set_text(&t, 4, v[i].detail ? v[i].detail : "");
	}
	s40_journal_entries_free(v, n);
	rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

/* s40 journal verify|show … */
static int cmd_journal_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_journal, "ต้องระบุ verify หรือ show",
				 "give verify or show");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_journal, stdout);
		return 0;
	}
	if (strcmp(argv[1], "verify") == 0)
		return journal_verify(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return journal_show(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_journal, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", argv[1]);
}

const struct s40_cmd cmd_journal = {
	.name = "journal",
	.usage = "journal verify\n"
		 "journal show ENTITY   (person:1112034563562, or the ID alone)",
	.help_th = "ตรวจสอบความครบถ้วนของบันทึกการเปลี่ยนแปลง หรือดูบันทึกของบุคคลหรือสิ่งหนึ่ง",
	.help_en = "check the journal's hash chain, or list the entries about one entity",
	.run = cmd_journal_run,
};
