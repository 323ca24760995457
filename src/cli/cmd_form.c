/*
 * cmd_form.c — s40 form: a person's registration on the form สปส. 1-40 as an
 * A4 PDF to sign (lib/report/form.c), to --output FILE.pdf or a pipe.
 */
#include <stdio.h>

#include "cli.h"
#include "report/form.h"

/* What the PDF writer needs. */
struct form_job {
	const struct s40_form *fm;
	enum s40_lang lang;
	int32_t today;
};

static enum s40_err form_write(void *arg, FILE *f, struct s40_ctx *ctx)
{
	const struct form_job *job = arg;
	return s40_form_write_pdf(job->fm, job->lang, job->today, f, ctx);
}

/* s40 form ID [--output FILE.pdf] */
static int cmd_form_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = cli_getopt(cli, &cmd_form, argc, argv, opts)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_form, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (cli->format != S40_FMT_TABLE && cli->format != S40_FMT_PDF)
		return cli_usage(cli, &cmd_form, "แบบคำขอมีรูปแบบ pdf เท่านั้น",
				 "the form is a PDF only");
	int64_t id;
	int rc;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &id)) != 0)
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_form fm;
	if (s40_form_read(st, id, cli->today, &fm, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	struct form_job job = { .fm = &fm, .lang = cli->lang, .today = cli->today };
	return cli_write_pdf(cli, cli->output, form_write, &job);
}

const struct s40_cmd cmd_form = {
	.name = "form",
	.usage = "form ID --output FILE.pdf",
	.help_th =
		"พิมพ์แบบคำขอสมัครเป็นผู้ประกันตนมาตรา 40 (สปส. 1-40) ของบุคคลจากทะเบียน เป็น PDF เพื่อลงนาม",
	.help_en =
		"print a person's application form (SSO 1-40) from the register as a PDF to sign",
	.more_th = "  ID               เลขประจำตัวประชาชนของผู้สมัครที่อยู่ในทะเบียน\n"
		   "  --output FILE    ไฟล์ PDF ที่จะเขียน (หรือส่งต่อไปยังไฟล์ด้วย >)\n"
		   "\n"
		   "ตัวอย่าง:\n"
		   "  s40 form 1-1001-00000-01-8 --output สปส1-40.pdf\n",
	.more_en = "  ID               the applicant's national ID, in the register\n"
		   "  --output FILE    the PDF file to write (or redirect with >)\n"
		   "\n"
		   "example:\n"
		   "  s40 --lang en form 1-1001-00000-01-8 --output sso-1-40.pdf\n",
	.run = cmd_form_run,
};
