/*
 * cmd_receipt.c — s40 receipt: a payment's receipt as an A4 PDF to print and
 * hand over (lib/report/receipt.c), to --output FILE.pdf or a pipe.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "registry/ledger.h"
#include "report/receipt.h"

/* What the PDF writer needs. */
struct receipt_job {
	const struct s40_receipt *r;
	enum s40_lang lang;
	int32_t today;
};

static enum s40_err receipt_write(void *arg, FILE *f, struct s40_ctx *ctx)
{
	const struct receipt_job *job = arg;
	return s40_receipt_write_pdf(job->r, job->lang, job->today, f, ctx);
}

/* s40 receipt REF [--output FILE.pdf] */
static int cmd_receipt_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = cli_getopt(cli, &cmd_receipt, argc, argv, opts)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_receipt, "ต้องระบุเลขที่ใบเสร็จหนึ่งเลข",
				 "give one receipt number");
	const char *ref = argv[optind];
	if (strlen(ref) > S40_RECEIPT_MAX)
		return cli_failf(cli, S40_E_BAD_VALUE, "receipt", "เลขที่ใบเสร็จยาวเกิน %d ไบต์",
				 "the receipt is longer than %d bytes", S40_RECEIPT_MAX);
	if (cli->format != S40_FMT_TABLE && cli->format != S40_FMT_PDF)
		return cli_usage(cli, &cmd_receipt, "ใบเสร็จมีรูปแบบ pdf เท่านั้น",
				 "a receipt is a PDF only");

	struct s40_store *st;
	int rc;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_receipt r;
	if (s40_receipt_read(st, ref, &r, &ctx) != S40_OK) {
		s40_receipt_free(&r);
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	struct receipt_job job = { .r = &r, .lang = cli->lang, .today = cli->today };
	rc = cli_write_pdf(cli, cli->output, receipt_write, &job);
	s40_receipt_free(&r);
	return rc;
}

const struct s40_cmd cmd_receipt = {
	.name = "receipt",
	.usage = "receipt REF --output FILE.pdf",
	.help_th = "พิมพ์ใบเสร็จรับเงินสมทบของการชำระครั้งหนึ่งเป็น PDF ขนาด A4",
	.help_en = "print a payment's receipt as an A4 PDF",
	.more_th = "  REF              เลขที่ใบเสร็จที่บันทึกด้วย s40 pay หรือการนำเข้า\n"
		   "  --output FILE    ไฟล์ PDF ที่จะเขียน (หรือส่งต่อไปยังไฟล์ด้วย >)\n"
		   "\n"
		   "ตัวอย่าง:\n"
		   "  s40 receipt OF-1 --output ใบเสร็จ-OF-1.pdf\n",
	.more_en = "  REF              the receipt number recorded by s40 pay or an import\n"
		   "  --output FILE    the PDF file to write (or redirect with >)\n"
		   "\n"
		   "example:\n"
		   "  s40 --lang en receipt OF-1 --output receipt-OF-1.pdf\n",
	.run = cmd_receipt_run,
};
