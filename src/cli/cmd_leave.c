/*
 * cmd_leave.c — s40 leave: end a member's open Section 40 membership on a day
 * (the first day no longer a member) for one of the reasons of DOMAIN.md §2.
 */
#include <stdio.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/membership.h"
#include "rules/eligibility.h"

/* s40 leave ID --date D --reason R */
static int cmd_leave_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date_text = NULL, *reason_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_leave, argc, argv, opts)) > 0) {
		if (c == 'D')
			date_text = optarg;
		else if (c == 'r')
			reason_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_leave, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (date_text == NULL || reason_text == NULL)
		return cli_usage(cli, &cmd_leave, "ต้องระบุ %s", "%s is required",
				 date_text == NULL ? "--date" : "--reason");
	int64_t id;
	int32_t day;
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &id)) != 0 ||
	    (rc = cli_parse_date(cli, date_text, "date", &day)) != 0)
		return rc;
	int reason = s40_end_reason_parse(reason_text);
	if (reason == 0)
		return cli_failf(cli, S40_E_BAD_REASON, "reason",
				 "เหตุที่สิ้นสุดต้องเป็น death, s33, s39, civil_servant, "
				 "state_enterprise, resigned หรือ correction: %s",
				 "the reason is death, s33, s39, civil_servant, state_enterprise, "
				 "resigned or correction: %s",
				 reason_text);

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err err = s40_membership_end(&reg, id, day, reason, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);

	char idt[32], d_th[64], d_en[64], th[512], en[512];
	s40_natid_format(id, idt, sizeof idt);
	snprintf(th, sizeof th, "%s สิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ %s (%s)", idt,
		 s40_date_th_long(day, d_th, sizeof d_th),
		 s40_end_reason_name(reason, S40_LANG_TH));
	snprintf(en, sizeof en, "%s left Section 40 from %s (%s)", idt,
		 s40_date_en_long(day, d_en, sizeof d_en),
		 s40_end_reason_name(reason, S40_LANG_EN));
	char digits[16], end[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:s, s:s}", "id",
				     s40_natid_digits(id, digits, sizeof digits), "end",
				     s40_date_iso(day, end, sizeof end), "reason",
				     s40_end_reason_key(reason)),
			   th, en);
}

const struct s40_cmd cmd_leave = {
	.name = "leave",
	.usage = "leave ID --date D --reason "
		 "death|s33|s39|civil_servant|state_enterprise|resigned|correction",
	.help_th = "สิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ระบุ พร้อมเหตุ",
	.help_en = "end a Section 40 membership from a day, with the reason",
	.run = cmd_leave_run,
};
