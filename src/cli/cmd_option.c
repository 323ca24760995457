/*
 * cmd_option.c — s40 option: change a member's contribution option, requested
 * on a day (today unless --date). The change is allowed once a calendar year
 * and is in force from the next month, which the command says.
 */
#include <stdio.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/membership.h"
#include "rules/rates.h"

/* s40 option ID --option N [--date D] */
static int cmd_option_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "option", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *option_text = NULL, *date_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_option, argc, argv, opts)) > 0) {
		if (c == 'o')
			option_text = optarg;
		else if (c == 'D')
			date_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_option, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (option_text == NULL)
		return cli_usage(cli, &cmd_option, "ต้องระบุ --option 1, 2 หรือ 3",
				 "--option 1, 2 or 3 is required");
	int64_t id;
	int option, rc;
	int32_t day = cli->today;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &id)) != 0 ||
	    (rc = cli_parse_option(cli, option_text, &option)) != 0 ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int32_t from = 0;
	enum s40_err err = s40_membership_change_option(&reg, id, option, day, &from, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);

	char idt[32], m_th[64], m_en[64], th[512], en[512];
	s40_natid_format(id, idt, sizeof idt);
	snprintf(th, sizeof th, "%s เปลี่ยนเป็น%s ตั้งแต่เดือน%s", idt,
		 s40_option_name(option, S40_LANG_TH),
		 cli_month_name(S40_LANG_TH, from, m_th, sizeof m_th));
	snprintf(en, sizeof en, "%s changes to %s from %s", idt,
		 s40_option_name(option, S40_LANG_EN),
		 cli_month_name(S40_LANG_EN, from, m_en, sizeof m_en));
	char digits[16], month[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:i, s:s}", "id",
				     s40_natid_digits(id, digits, sizeof digits), "option", option,
				     "from_month", s40_month_iso(from, month, sizeof month)),
			   th, en);
}

const struct s40_cmd cmd_option = {
	.name = "option",
	.usage = "option ID --option 1|2|3 [--date D]",
	.help_th = "เปลี่ยนทางเลือกการจ่ายเงินสมทบ (ปีละครั้ง มีผลเดือนถัดไป)",
	.help_en = "change the contribution option (once a year, in force from the next month)",
	.run = cmd_option_run,
};
