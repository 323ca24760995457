/*
 * cmd_pay.c — s40 pay: record one contribution payment (a receipt) for the
 * months it covers. Every rule (no past month, at most 12 months ahead, the
 * exact amount due, a membership in every month, no month paid twice, extra
 * savings at most 1,000 baht a month) is the registry's (lib/registry/ledger.c);
 * a refusal writes nothing. The same receipt again with the same content
 * changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/ledger.h"
#include "registry/person.h"

/* s40 pay ID --months M[..M] --amount BAHT [--extra BAHT] [--date D] [--channel C]
 * --receipt REF */
static int cmd_pay_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "months", required_argument, NULL, 'm' },
		{ "amount", required_argument, NULL, 'a' },
		{ "extra", required_argument, NULL, 'x' },
		{ "date", required_argument, NULL, 'D' },
		{ "channel", required_argument, NULL, 'c' },
		{ "receipt", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *months = NULL, *amount = NULL, *extra = NULL, *date = NULL;
	const char *channel = "office", *receipt = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_pay, argc, argv, opts)) > 0) {
		switch (c) {
		case 'm':
			months = optarg;
			break;
		case 'a':
			amount = optarg;
			break;
		case 'x':
			extra = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'c':
			channel = optarg;
			break;
		case 'r':
			receipt = optarg;
			break;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_pay, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (months == NULL || amount == NULL || receipt == NULL)
		return cli_usage(cli, &cmd_pay, "ต้องระบุ --months, --amount และ --receipt",
				 "--months, --amount and --receipt are required");

	struct s40_payment p;
	memset(&p, 0, sizeof p);
	p.paid_day = cli->today;
	int64_t extra_month = 0;
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &p.person)) != 0 ||
	    (date && (rc = cli_parse_date(cli, date, "date", &p.paid_day)) != 0))
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_month_range_parse(months, "months", &p.first_month, &p.last_month, &ctx) ||
	    s40_baht_parse(amount, "amount", &p.total, &ctx) ||
	    (extra && s40_baht_parse(extra, "extra", &extra_month, &ctx)))
		return cli_fail(cli, &ctx);
	p.channel = s40_pay_channel_parse(channel);
	if (p.channel == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "channel",
				 "ช่องทางต้องเป็น office, counter, bank, app หรือ representative: %s",
				 "the channel is office, counter, bank, app or representative: %s",
				 channel);
	if (strlen(receipt) > S40_RECEIPT_MAX)
		return cli_failf(cli, S40_E_BAD_VALUE, "receipt",
				 "เลขที่ใบเสร็จยาวเกิน %d ไบต์", "the receipt is longer than %d bytes",
				 S40_RECEIPT_MAX);
	snprintf(p.receipt, sizeof p.receipt, "%s", receipt);

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	int changed = 0;
	struct s40_person per;
	if (s40_ledger_pay(&reg, NULL, &p, extra_month, &changed, &ctx) != S40_OK ||
	    s40_person_get(st, p.person, &per, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);

	char id[32], nth[512], nen[512], m1[64], m2[64], m3[16], m4[16], baht[32];
	char th[1400], en[1200];
	s40_natid_format(p.person, id, sizeof id);
	s40_format_baht(p.total, baht, sizeof baht);
	if (!changed) {
		snprintf(th, sizeof th, "ใบเสร็จ %s บันทึกไว้แล้ว ไม่มีการเปลี่ยนแปลง", p.receipt);
		snprintf(en, sizeof en, "receipt %s was recorded already: nothing changed",
			 p.receipt);
	} else {
		snprintf(th, sizeof th, "%s %s ชำระเงินสมทบเดือน %s ถึง %s จำนวน %s บาท ใบเสร็จ %s",
			 id, cli_person_name_th(&per, nth, sizeof nth),
			 s40_month_th_short(p.first_month, m1, sizeof m1),
			 s40_month_th_short(p.last_month, m2, sizeof m2), baht, p.receipt);
		snprintf(en, sizeof en, "%s %s paid contributions for %s to %s, %s baht, receipt %s",
			 id, cli_person_name_en(&per, nen, sizeof nen),
			 s40_month_iso(p.first_month, m3, sizeof m3),
			 s40_month_iso(p.last_month, m4, sizeof m4), baht, p.receipt);
	}
	if (cli->format == S40_FMT_JSON || cli->format == S40_FMT_CSV) {
		/* The keys of the API's answer to the same payment (api_ledger.c); money
		 * in satang, and as baht text. */
		char digits[16], d[16];
		return cli_confirm(
			cli,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:b}", "id",
				  s40_natid_digits(p.person, digits, sizeof digits), "receipt",
				  p.receipt, "first_month", s40_month_iso(p.first_month, m3, sizeof m3),
				  "last_month", s40_month_iso(p.last_month, m4, sizeof m4), "date",
				  s40_date_iso(p.paid_day, d, sizeof d), "channel",
				  s40_pay_channel_key(p.channel), "total", (json_int_t)p.total, "extra",
				  (json_int_t)p.extra, "total_baht", baht, "changed", changed != 0),
			th, en);
	}
	cli_say_text(cli, th, en);
	return 0;
}

const struct s40_cmd cmd_pay = {
	.name = "pay",
	.usage = "pay ID --months M[..M] --amount BAHT [--extra BAHT_A_MONTH] [--date D] "
		 "[--channel office|counter|bank|app|representative] --receipt REF",
	.help_th = "บันทึกการชำระเงินสมทบ (เดือนปัจจุบันและล่วงหน้าได้ไม่เกิน 12 เดือน)",
	.help_en = "record a contribution payment (the current month and up to 12 ahead)",
	.run = cmd_pay_run,
};
