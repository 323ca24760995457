/*
 * cmd_ledger.c — s40 ledger: a member's contributions month by month (due,
 * paid, by which payment) with their standing on a day, as a table in the
 * chosen format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "report/ledger.h"

/* s40 ledger ID [--from M] [--to M] [--date D] [--lapse N] */
static int cmd_ledger_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'D' },
		{ "lapse", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from_text = NULL, *to_text = NULL, *date = NULL, *lapse_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_ledger, argc, argv, opts)) > 0) {
		if (c == 'f')
			from_text = optarg;
		else if (c == 't')
			to_text = optarg;
		else if (c == 'D')
			date = optarg;
		else if (c == 'l')
			lapse_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_ledger, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	int64_t person;
	int32_t day = cli->today, from = 0, to = 0;
	long lapse = S40_LAPSE_MONTHS;
	int rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if ((rc = cli_parse_id(cli, argv[optind], "id", &person)) != 0 ||
	    (date && (rc = cli_parse_date(cli, date, "date", &day)) != 0) ||
	    (lapse_text && (rc = cli_parse_long(cli, lapse_text, "lapse", 1, 120, &lapse)) != 0))
		return rc;
	if ((from_text && s40_month_parse(from_text, "from", &from, &ctx)) ||
	    (to_text && s40_month_parse(to_text, "to", &to, &ctx)))
		return cli_fail(cli, &ctx);

	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	/* By default: from the first membership month to the later of the day's
	 * month and the last month paid ahead. */
	struct s40_standing sd;
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	if (s40_ledger_standing(st, person, day, (int)lapse, &sd, &ctx) != S40_OK ||
	    s40_membership_list(st, person, &spells, &n_spells, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	if (from_text == NULL)
		from = n_spells ? s40_day_month(spells[0].start_day) : s40_day_month(day) - 11;
	if (to_text == NULL)
		to = sd.paid_through > s40_day_month(day) ? sd.paid_through : s40_day_month(day);
	free(spells);
	struct s40_table t;
	s40_table_init(&t, "บัญชีเงินสมทบรายเดือน", "monthly contribution ledger");
	if (s40_report_ledger(st, NULL, person, from, to, day, (int)lapse, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

const struct s40_cmd cmd_ledger = {
	.name = "ledger",
	.usage = "ledger ID [--from M] [--to M] [--date D] [--lapse MONTHS]",
	.help_th = "บัญชีเงินสมทบรายเดือนของผู้ประกันตน (ต้องชำระ ชำระแล้ว ใบเสร็จ) และสถานะการชำระ",
	.help_en = "a member's contributions month by month (due, paid, receipt) and standing",
	.run = cmd_ledger_run,
};
