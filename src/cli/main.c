/*
 * main.c — the s40 program: reads the global options, the environment and the
 * clock, finds the command in the table and runs it. The exit status is the
 * command's (see enum cli_exit in cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"

#ifndef S40_VERSION
#define S40_VERSION "0.1.0"
#endif

/* The commands, in the order s40 --help lists them. */
const struct s40_cmd *const s40_cmds[] = {
	&cmd_init,   &cmd_person, &cmd_enrol,	&cmd_option, &cmd_leave, &cmd_exclude,
	&cmd_import, &cmd_report, &cmd_survey, &cmd_target,
	&cmd_network, &cmd_event, &cmd_followup,
	&cmd_pay, &cmd_ledger, &cmd_receipt, &cmd_form, &cmd_benefit,
	&cmd_serve, &cmd_user,
	&cmd_journal, &cmd_copy, &cmd_backup, &cmd_demo,   &cmd_help,	 NULL,
};

/* The global options before the command (stop at the first operand: "+"). */
static const struct option main_opts[] = {
	{ "db", required_argument, NULL, 'd' },	   { "format", required_argument, NULL, 'f' },
	{ "lang", required_argument, NULL, 'l' },  { "user", required_argument, NULL, 'u' },
	{ "today", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },	   { "output", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

/* Defaults from the environment and the clock. */
static void cli_defaults(struct s40_cli *cli)
{
	memset(cli, 0, sizeof *cli);
	cli->prog = "s40";
	const char *db = getenv("S40_DB");
	cli->db = db != NULL && db[0] != '\0' ? db : "s40.db";
	cli->format = S40_FMT_TABLE;
	cli->lang = S40_LANG_TH;
	cli->csv = -1;
	const char *user = getenv("USER");
	cli->user = user != NULL && user[0] != '\0' ? user : "cli";
	cli->today = s40_day_today();
}

/* Check that everything printed reached stdout (a full disk, a closed pipe). */
static int stdout_close(const struct s40_cli *cli, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int rc2 = cli_failf(cli, S40_E_IO, NULL, "เขียนผลลัพธ์ไม่สำเร็จ",
				    "could not write the output");
		return rc != 0 ? rc : rc2;
	}
	return rc;
}

/* s40 [global options] COMMAND [ARGS]: returns the command's exit status. */
int main(int argc, char **argv)
{
	struct s40_cli cli;
	cli_defaults(&cli);

	int help = 0;
	opterr = 0;
	for (;;) {
		int idx = -1;
		int c = getopt_long(argc, argv, "+:hV", main_opts, &idx);
		if (c == -1)
			break;
		switch (c) {
		case 'h':
			help = 1; /* after the loop, so that a later --lang applies */
			break;
		case 'V':
			printf("s40 %s\n", S40_VERSION);
			return stdout_close(&cli, 0);
		case ':':
			return cli_usage(&cli, NULL, "ตัวเลือก %s ต้องมีค่า", "option %s needs a value",
					 argv[optind - 1]);
		case '?':
			return cli_usage(&cli, NULL, "ไม่รู้จักตัวเลือก %s", "unknown option %s",
					 argv[optind - 1]);
		default: {
			int rc = cli_global_option(&cli, main_opts[idx].name, optarg);
			if (rc != 0)
				return rc;
		}
		}
	}
	if (help) {
		cli_help_program(&cli, stdout);
		return stdout_close(&cli, 0);
	}
	if (optind >= argc)
		return cli_usage(&cli, NULL, "ไม่ได้ระบุคำสั่ง", "no command given");
	const struct s40_cmd *cmd = cli_cmd_find(argv[optind]);
	if (cmd == NULL)
		return cli_usage(&cli, NULL, "ไม่รู้จักคำสั่ง %s", "unknown command %s", argv[optind]);
	int rc = cmd->run(&cli, argc - optind, argv + optind);
	return stdout_close(&cli, rc);
}
