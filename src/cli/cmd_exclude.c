/*
 * cmd_exclude.c — s40 exclude: record that a person is covered by another
 * scheme or status (Section 33, Section 39, civil servant, state enterprise)
 * from a day, perhaps to a day. For a member this also ends the open Section
 * 40 membership from that day, in the same transaction, and the command says so.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/exclusion.h"
#include "rules/eligibility.h"

/* s40 exclude ID --kind K --from D [--to D] [--source TEXT] */
static int cmd_exclude_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "source", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind_text = NULL, *from_text = NULL, *to_text = NULL, *source = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_exclude, argc, argv, opts)) > 0) {
		switch (c) {
		case 'k':
			kind_text = optarg;
			break;
		case 'f':
			from_text = optarg;
			break;
		case 't':
			to_text = optarg;
			break;
		case 's':
			source = optarg;
			break;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_exclude, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (kind_text == NULL || from_text == NULL)
		return cli_usage(cli, &cmd_exclude, "ต้องระบุ %s", "%s is required",
				 kind_text == NULL ? "--kind" : "--from");

	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	x.e.end_day = S40_NO_DAY;
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &x.person)) != 0)
		return rc;
	x.e.kind = s40_excl_kind_parse(kind_text);
	if (x.e.kind == 0)
		return cli_failf(cli, S40_E_BAD_REASON, "kind",
				 "ประเภทต้องเป็น s33, s39, civil_servant หรือ state_enterprise: %s",
				 "the kind is s33, s39, civil_servant or state_enterprise: %s",
				 kind_text);
	if ((rc = cli_parse_date(cli, from_text, "from", &x.e.start_day)) != 0 ||
	    (to_text && (rc = cli_parse_date(cli, to_text, "to", &x.e.end_day)) != 0))
		return rc;
	if (source != NULL && strlen(source) >= sizeof x.source)
		return cli_failf(cli, S40_E_BAD_VALUE, "source", "ยาวเกิน %zu ไบต์",
				 "longer than %zu bytes", sizeof x.source - 1);
	snprintf(x.source, sizeof x.source, "%s", source ? source : "");

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int changed = 0, ended = 0;
	enum s40_err err = s40_exclusion_add(&reg, &x, &changed, &ended, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);

	char idt[32], d_th[64], d_en[64], th[768], en[768];
	s40_natid_format(x.person, idt, sizeof idt);
	s40_date_th_long(x.e.start_day, d_th, sizeof d_th);
	s40_date_en_long(x.e.start_day, d_en, sizeof d_en);
	if (!changed) {
		snprintf(th, sizeof th, "%s: มีบันทึก%s ตั้งแต่วันที่ %s อยู่แล้ว ไม่มีการเปลี่ยนแปลง", idt,
			 s40_excl_kind_name(x.e.kind, S40_LANG_TH), d_th);
		snprintf(en, sizeof en, "%s: %s from %s is recorded already; nothing changed", idt,
			 s40_excl_kind_name(x.e.kind, S40_LANG_EN), d_en);
	} else {
		snprintf(th, sizeof th, "%s: บันทึก%s ตั้งแต่วันที่ %s แล้ว", idt,
			 s40_excl_kind_name(x.e.kind, S40_LANG_TH), d_th);
		snprintf(en, sizeof en, "%s: recorded %s from %s", idt,
			 s40_excl_kind_name(x.e.kind, S40_LANG_EN), d_en);
	}
	/* The membership's end, its own line in text, one message with the above in
	 * JSON and CSV. */
	char end_th[256] = "", end_en[256] = "";
	if (ended) {
		snprintf(end_th, sizeof end_th, "และสิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ %s",
			 d_th);
		snprintf(end_en, sizeof end_en, "and ended the Section 40 membership from %s", d_en);
	}
	if (cli->format == S40_FMT_JSON || cli->format == S40_FMT_CSV) {
		if (ended) {
			size_t a = strlen(th), b = strlen(en);
			snprintf(th + a, sizeof th - a, " %s", end_th);
			snprintf(en + b, sizeof en - b, ", %s", end_en);
		}
		char digits[16], from[16], to[16];
		json_t *facts =
			json_pack("{s:s, s:s, s:s, s:o, s:b, s:b}", "id",
				  s40_natid_digits(x.person, digits, sizeof digits), "kind",
				  s40_excl_kind_key(x.e.kind), "from",
				  s40_date_iso(x.e.start_day, from, sizeof from), "to",
				  x.e.end_day == S40_NO_DAY ?
					  json_null() :
					  json_string(s40_date_iso(x.e.end_day, to, sizeof to)),
				  "changed", changed != 0, "membership_ended", ended != 0);
		return cli_confirm(cli, facts, th, en);
	}
	cli_say_text(cli, th, en);
	if (ended)
		cli_say_text(cli, end_th, end_en);
	return 0;
}

const struct s40_cmd cmd_exclude = {
	.name = "exclude",
	.usage = "exclude ID --kind s33|s39|civil_servant|state_enterprise --from D [--to D] "
		 "[--source TEXT]",
	.help_th = "บันทึกว่าอยู่ในระบบอื่น (มาตรา 33, 39, ข้าราชการ, รัฐวิสาหกิจ) "
		   "ซึ่งทำให้สิ้นสุดการเป็นผู้ประกันตนมาตรา 40",
	.help_en = "record cover by another scheme (s33, s39, civil servant, state enterprise), "
		   "which ends a Section 40 membership",
	.run = cmd_exclude_run,
};
