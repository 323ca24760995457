/*
 * cmd_help.c — s40 help [COMMAND] and s40 --help: the usage of the program
 * (global options, the commands, the exit statuses) or of one command, Thai
 * first and then English (English only with --lang en).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/thai.h"

struct help_line {
	const char *key;
	const char *th;
	const char *en;
};

static const struct help_line global_lines[] = {
	{ "--db FILE", "ไฟล์ฐานข้อมูล (ถ้าไม่ระบุใช้ $S40_DB หรือ ./s40.db)",
	  "the database (else $S40_DB, else ./s40.db)" },
	{ "--format F", "รูปแบบผลลัพธ์ table (ค่าเริ่มต้น), json, csv, xlsx หรือ pdf",
	  "output format: table (default), json, csv, xlsx or pdf" },
	{ "--output FILE", "เขียนรายงานลงไฟล์ FILE แทนหน้าจอ (xlsx และ pdf ต้องใช้ไฟล์หรือไพป์)",
	  "write the report to FILE instead of standard output (xlsx and pdf need a file or a pipe)" },
	{ "--csv C", "CSV แบบ excel (BOM, CRLF, หัวตารางตามภาษา; ค่าเริ่มต้นเมื่อเขียนลงไฟล์) หรือ plain",
	  "CSV as excel (a BOM, CRLF, labels; the default into a file) or plain (for scripts)" },
	{ "--lang L", "ภาษา th (ไทยก่อนแล้วอังกฤษ, ค่าเริ่มต้น) หรือ en",
	  "language: th (Thai first, then English; default) or en" },
	{ "--user NAME", "ผู้ดำเนินการที่บันทึกในบันทึกการเปลี่ยนแปลง (ค่าเริ่มต้น $USER หรือ cli)",
	  "who acts, written in the journal (default $USER, else cli)" },
	{ "--today DATE", "ถือว่าวันนี้คือวันที่ DATE (สำหรับการทดสอบและข้อมูลสาธิต)",
	  "pretend today is DATE (for tests and the demo)" },
	{ "-h, --help", "แสดงวิธีใช้", "show this help" },
	{ "--version", "แสดงรุ่นของโปรแกรม", "show the version" },
};

static const struct help_line exit_lines[] = {
	{ "0", "สำเร็จ", "success" },
	{ "1", "ระบบขัดข้อง: ฐานข้อมูล ไฟล์ หรือข้อผิดพลาดภายใน (รหัส 1–9, 70–89)",
	  "failure of the system: database, file, internal (codes 1–9, 70–89)" },
	{ "2", "ใช้คำสั่งไม่ถูกต้อง (usage, 4)", "wrong usage (usage, 4)" },
	{ "3", "ข้อมูลที่ระบุไม่ถูกต้อง (รหัสข้อผิดพลาด 10–29 ยกเว้น 20)",
	  "an invalid input value (codes 10–29 but 20)" },
	{ "4", "ไม่เป็นไปตามหลักเกณฑ์มาตรา 40 (รหัส 30–49)",
	  "refused by a Section 40 rule (codes 30–49)" },
	{ "5", "ไม่พบสิ่งที่ขอ เช่น บุคคลหรือฐานข้อมูล (not_found, 20)",
	  "not found: the person, the database… (not_found, 20)" },
	{ "6", "การนำเข้าถูกปฏิเสธ (รหัส 50–69)", "an import was rejected (codes 50–69)" },
};

/* Print key padded to width columns, then text. */
static void help_item(FILE *f, const char *key, int width, const char *text)
{
	int w = s40_display_width(key);
	fprintf(f, "  %s", key);
	for (; w < width; w++)
		fputc(' ', f);
	fprintf(f, "  %s\n", text);
}

/* An item in the output language(s): Thai then English under it, or English. */
static void help_pair(const struct s40_cli *cli, FILE *f, const char *key, int width,
		      const char *th, const char *en)
{
	if (cli->lang == S40_LANG_EN) {
		help_item(f, key, width, en);
		return;
	}
	help_item(f, key, width, th);
	help_item(f, "", width, en);
}

void cli_help_program(const struct s40_cli *cli, FILE *f)
{
	int th = cli->lang != S40_LANG_EN;
	if (th)
		fputs("s40 — ทะเบียนผู้ประกันตนมาตรา 40 และการรณรงค์ "
		      "\"หนึ่งตำบล หนึ่งหมู่บ้าน ประกันสังคมถ้วนหน้า\"\n",
		      f);
	fputs("s40 — the Section 40 registry and the \"One Tambon, One Village, Universal "
	      "Social Security\" campaign\n\n",
	      f);
	if (th)
		fputs("วิธีใช้: s40 [ตัวเลือกทั่วไป] คำสั่ง [อาร์กิวเมนต์]\n", f);
	fputs("usage: s40 [global options] COMMAND [ARGS]\n\n", f);

	fputs(th ? "ตัวเลือกทั่วไป (ใส่ก่อนหรือหลังคำสั่งก็ได้) / global options (before or after "
		   "the command):\n" :
		   "global options (before or after the command):\n",
	      f);
	for (size_t i = 0; i < sizeof global_lines / sizeof global_lines[0]; i++)
		help_pair(cli, f, global_lines[i].key, 12, global_lines[i].th, global_lines[i].en);

	fputs(th ? "\nคำสั่ง / commands:\n" : "\ncommands:\n", f);
	for (size_t i = 0; s40_cmds[i] != NULL; i++)
		cli_usage_lines(cli, s40_cmds[i], f, "  ");
	fputs(th ? "\nคำอธิบายคำสั่ง / what each command does:\n" : "\nwhat each command does:\n", f);
	for (size_t i = 0; s40_cmds[i] != NULL; i++)
		help_pair(cli, f, s40_cmds[i]->name, 8, s40_cmds[i]->help_th, s40_cmds[i]->help_en);

	fputs(th ? "\nรหัสสถานะเมื่อจบ / exit status:\n" : "\nexit status:\n", f);
	for (size_t i = 0; i < sizeof exit_lines / sizeof exit_lines[0]; i++)
		help_pair(cli, f, exit_lines[i].key, 1, exit_lines[i].th, exit_lines[i].en);

	fputs(th ? "\nข้อผิดพลาดพิมพ์ทาง stderr หนึ่งบรรทัด / errors are one line on stderr:\n" :
		   "\nerrors are one line on stderr:\n",
	      f);
	fputs("  s40: <name> (<code>): <ไทย> / <English> [field <f>] [line <n>]\n", f);
	fputs(th ? "\nดูรายละเอียดคำสั่ง: s40 help คำสั่ง / more on a command: s40 help COMMAND\n" :
		   "\nmore on a command: s40 help COMMAND\n",
	      f);
}

/* s40 help [COMMAND] */
static int cmd_help_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_help, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind >= argc) {
		cli_help_program(cli, stdout);
		return 0;
	}
	if (argc - optind > 1)
		return cli_usage(cli, &cmd_help, "ระบุได้คำสั่งเดียว", "give one command");
	const struct s40_cmd *cmd = cli_cmd_find(argv[optind]);
	if (cmd == NULL)
		return cli_usage(cli, &cmd_help, "ไม่รู้จักคำสั่ง %s", "unknown command %s",
				 argv[optind]);
	cli_cmd_help(cli, cmd, stdout);
	return 0;
}

const struct s40_cmd cmd_help = {
	.name = "help",
	.usage = "help [COMMAND]",
	.help_th = "แสดงวิธีใช้ของโปรแกรมหรือของคำสั่ง",
	.help_en = "show the usage of the program or of a command",
	.run = cmd_help_run,
};
