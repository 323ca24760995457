/*
 * cmd_enrol.c — s40 enrol: a registered person joins Section 40 with a
 * contribution option on a day (today unless --date), recruited by someone
 * and through a channel. Every rule (eligibility with all its reasons, one open
 * membership, no overlap) is the registry's; a refusal writes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "rules/rates.h"

/* s40 enrol ID --option N [--date D] [--by ID] [--channel C] */
static int cmd_enrol_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "option", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, 'D' },
		{ "by", required_argument, NULL, 'b' },
		{ "channel", required_argument, NULL, 'c' },
		{ "event", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	const char *option_text = NULL, *date_text = NULL, *by_text = NULL, *channel = NULL,
		   *event_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_enrol, argc, argv, opts)) > 0) {
		switch (c) {
		case 'o':
			option_text = optarg;
			break;
		case 'D':
			date_text = optarg;
			break;
		case 'b':
			by_text = optarg;
			break;
		case 'c':
			channel = optarg;
			break;
		case 'e':
			event_text = optarg;
			break;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_enrol, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (option_text == NULL)
		return cli_usage(cli, &cmd_enrol, "ต้องระบุ --option 1, 2 หรือ 3",
				 "--option 1, 2 or 3 is required");

	struct s40_enrol e = { .channel = channel, .day = cli->today };
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &e.person)) != 0 ||
	    (rc = cli_parse_option(cli, option_text, &e.option)) != 0 ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &e.day)) != 0) ||
	    (by_text && (rc = cli_parse_id(cli, by_text, "recruited_by", &e.recruited_by)) != 0))
		return rc;
	if (event_text) {
		long ev;
		if ((rc = cli_parse_long(cli, event_text, "event", 1, 0x7fffffffL, &ev)) != 0)
			return rc;
		e.event = ev;
	}

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	int64_t spell_id = 0;
	if (s40_membership_enrol(&reg, &e, &spell_id, NULL, &ctx) != S40_OK ||
	    s40_person_get(st, e.person, &p, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);

	char id[32], name_th[512], name_en[512], d_th[64], d_en[64], th[1024], en[1024];
	s40_natid_format(e.person, id, sizeof id);
	cli_person_name_th(&p, name_th, sizeof name_th);
	cli_person_name_en(&p, name_en, sizeof name_en);
	snprintf(th, sizeof th, "%s %s เป็นผู้ประกันตนมาตรา 40 %s ตั้งแต่วันที่ %s", id, name_th,
		 s40_option_name(e.option, S40_LANG_TH),
		 s40_date_th_long(e.day, d_th, sizeof d_th));
	snprintf(en, sizeof en, "%s %s enrolled in Section 40, %s, from %s", id, name_en,
		 s40_option_name(e.option, S40_LANG_EN),
		 s40_date_en_long(e.day, d_en, sizeof d_en));
	char digits[16], start[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:i, s:s, s:I, s:i}", "id",
				     s40_natid_digits(e.person, digits, sizeof digits), "option",
				     e.option, "start", s40_date_iso(e.day, start, sizeof start),
				     "spell_id", (json_int_t)spell_id, "village", (int)p.village),
			   th, en);
}

const struct s40_cmd cmd_enrol = {
	.name = "enrol",
	.usage = "enrol ID --option 1|2|3 [--date D] [--by RECRUITER_ID] "
		 "[--channel office|event|volunteer|online|counter] [--event EVENT_NUMBER]",
	.help_th = "สมัครเป็นผู้ประกันตนมาตรา 40 (ค่าเริ่มต้นวันนี้)",
	.help_en = "enrol a registered person in Section 40 (on today unless --date)",
	.run = cmd_enrol_run,
};
