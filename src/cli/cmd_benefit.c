/*
 * cmd_benefit.c — s40 benefit check|record|list: whether a member is entitled
 * to a benefit on a day and how much (each condition with its window, the
 * months found and whether it holds), recording a benefit paid so that the
 * yearly caps count it, and the benefits recorded. The rules are the
 * registry's (lib/registry/benefit.c) over the versions in data/benefits.csv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/benefit.h"
#include "registry/ledger.h"
#include "report/ledger.h"

/* The options of check and record. */
struct benefit_args {
	struct s40_benefit_ask ask;
	const char *amount; /* record only */
};

/* Parse check's or record's operands into a: 0 to go on, -1 after --help, else
 * the exit status of the error reported. */
static int benefit_parse(struct s40_cli *cli, int argc, char **argv, int record,
			 struct benefit_args *a)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "date", required_argument, NULL, 'D' },
		{ "days", required_argument, NULL, 'd' },
		{ "visits", required_argument, NULL, 'v' },
		{ "children", required_argument, NULL, 'k' },
		{ "amount", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *case_text = NULL, *date = NULL, *units = NULL;
	int c;
	memset(a, 0, sizeof *a);
	a->ask.day = cli->today;
	while ((c = cli_getopt(cli, &cmd_benefit, argc, argv, opts)) > 0) {
		switch (c) {
		case 'c':
			case_text = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'd':
		case 'v':
		case 'k':
			units = optarg;
			break;
		case 'a':
			if (!record)
				return cli_usage(cli, &cmd_benefit,
						 "--amount ใช้กับ benefit record เท่านั้น",
						 "--amount is for benefit record only");
			a->amount = optarg;
			break;
		}
	}
	if (c == CLI_OPT_HELP)
		return -1;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_benefit, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (case_text == NULL)
		return cli_usage(cli, &cmd_benefit,
				 "ต้องระบุ --case inpatient|rest|outpatient|disability|death|child|oldage",
				 "--case inpatient|rest|outpatient|disability|death|child|oldage is "
				 "required");
	int rc;
	long n = 0;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &a->ask.person)) != 0 ||
	    (date && (rc = cli_parse_date(cli, date, "date", &a->ask.day)) != 0) ||
	    (units && (rc = cli_parse_long(cli, units, "days", 1, 366, &n)) != 0))
		return rc;
	a->ask.units = n;
	a->ask.kind = s40_case_parse(case_text);
	if (a->ask.kind == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "case",
				 "กรณีต้องเป็น inpatient, rest, outpatient, disability, death, child "
				 "หรือ oldage: %s",
				 "the case is inpatient, rest, outpatient, disability, death, child or "
				 "oldage: %s",
				 case_text);
	return 0;
}

/* Render check c of person as a table. */
static int benefit_render(struct s40_cli *cli, struct s40_store *st, int64_t person,
			  const struct s40_benefit_check *c)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, "ตรวจสิทธิประโยชน์ทดแทน", "benefit check");
	int rc;
	if (s40_report_benefit(st, person, c, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

static int benefit_check(struct s40_cli *cli, int argc, char **argv)
{
	struct benefit_args a;
	int rc = benefit_parse(cli, argc, argv, 0, &a);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_benefit_check c;
	if (s40_benefit_check(st, NULL, NULL, &a.ask, &c, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = benefit_render(cli, st, a.ask.person, &c);
	s40_store_close(st);
	return rc;
}

static int benefit_record(struct s40_cli *cli, int argc, char **argv)
{
	struct benefit_args a;
	int rc = benefit_parse(cli, argc, argv, 1, &a);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t amount = -1;
	if (a.amount && s40_baht_parse(a.amount, "amount", &amount, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_benefit_check c;
	if (s40_benefit_record(&reg, NULL, NULL, &a.ask, amount, &c, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	char id[32], baht[32], d_th[64], d_en[64];
	s40_natid_format(a.ask.person, id, sizeof id);
	s40_format_baht(amount >= 0 ? amount : c.amount, baht, sizeof baht);
	cli_say(cli, "บันทึกประโยชน์ทดแทนกรณี%s%.0s ของ %s วันที่ %s%.0s จำนวน %s บาท (%lld หน่วย)",
		"recorded %.0s%s for %s on %.0s%s: %s baht (%lld units)",
		s40_case_name(a.ask.kind, S40_LANG_TH), s40_case_name(a.ask.kind, S40_LANG_EN),
		id, cli_date_long(S40_LANG_TH, a.ask.day, d_th, sizeof d_th),
		cli_date_long(S40_LANG_EN, a.ask.day, d_en, sizeof d_en), baht,
		(long long)c.units_paid);
	return 0;
}

static int benefit_list(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_benefit, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_benefit, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	int64_t person;
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &person)) != 0)
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_benefit_rec *v = NULL;
	size_t n = 0;
	struct s40_table t;
	s40_table_init(&t, "ประโยชน์ทดแทนที่บันทึก", "benefits recorded");
	if (s40_benefit_list(st, person, &v, &n, &ctx) != S40_OK ||
	    s40_table_add_col(&t, "case", "กรณี", "case", S40_COL_TEXT) ||
	    s40_table_add_col(&t, "case_th", "ชื่อกรณี", "case (Thai)", S40_COL_TEXT) ||
	    s40_table_add_col(&t, "date", "วันที่", "day", S40_COL_DATE) ||
	    s40_table_add_col(&t, "units", "จำนวน (วัน ครั้ง คน)", "units", S40_COL_INT) ||
	    s40_table_add_col(&t, "amount", "จำนวนเงิน", "amount", S40_COL_MONEY)) {
		rc = cli_fail(cli, &ctx);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (s40_table_add_row(&t) || s40_table_set_text(&t, 0, s40_case_key(v[i].kind)) ||
		    s40_table_set_text(&t, 1, s40_case_name(v[i].kind, S40_LANG_TH))) {
			rc = cli_failf(cli, S40_E_NOMEM, NULL, NULL, NULL);
			goto out;
		}
		s40_table_set_int(&t, 2, v[i].event_day);
		s40_table_set_int(&t, 3, v[i].units);
		s40_table_set_int(&t, 4, v[i].amount);
	}
	rc = cli_render(cli, &t);
out:
	free(v);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

/* s40 benefit check|record|list … */
static int cmd_benefit_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_benefit, "ต้องระบุ check, record หรือ list",
				 "give check, record or list");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_benefit, stdout);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return benefit_check(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "record") == 0)
		return benefit_record(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return benefit_list(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_benefit, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s",
			 argv[1]);
}

const struct s40_cmd cmd_benefit = {
	.name = "benefit",
	.usage = "benefit check ID --case inpatient|rest|outpatient|disability|death|child|oldage "
		 "[--date D] [--days N] [--visits N] [--children N]\n"
		 "benefit record ID --case CASE [--date D] [--days N] [--visits N] "
		 "[--children N] [--amount BAHT]\n"
		 "benefit list ID",
	.help_th = "ตรวจสิทธิประโยชน์ทดแทน (เงื่อนไข ช่วงเดือน จำนวนเงิน) และบันทึกการจ่ายเพื่อนับเพดานต่อปี",
	.help_en = "check a benefit (conditions, windows, amount) and record benefits paid for "
		   "the yearly caps",
	.run = cmd_benefit_run,
};
