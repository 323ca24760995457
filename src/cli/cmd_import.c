/*
 * cmd_import.c — s40 import persons|enrolments|exclusions|villages FILE: load a
 * CSV file through the import pipeline (lib/io/import.h), all or nothing unless
 * --partial. Bad rows go to a reject file, FILE with ".csv" replaced by
 * ".rejects.csv" unless --rejects names one, written only when there are bad
 * rows. On a terminal a progress line is kept up to date on stderr.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/csv.h"
#include "core/thai.h"
#include "io/import.h"

/* The progress line, and the file's size (0 if unknown). */
struct import_progress {
	struct cli_progress line;
	long long size;
};

/* Called by the import every few thousand rows. */
static void progress_cb(void *arg, long long bytes, long rows)
{
	struct import_progress *p = arg;
	cli_progress_show(&p->line, bytes, p->size, rows, NULL);
}

/* The default reject file: FILE less ".csv", then ".rejects.csv". */
static char *rejects_path(const char *file)
{
	size_t n = strlen(file);
	if (n > 4 && strcasecmp(file + n - 4, ".csv") == 0)
		n -= 4;
	else if (n > 5 && strcasecmp(file + n - 5, ".xlsx") == 0)
		n -= 5;
	size_t len = n + sizeof ".rejects.csv";
	char *p = malloc(len);
	if (p != NULL)
		snprintf(p, len, "%.*s.rejects.csv", (int)n, file);
	return p;
}

/* The reject file's own header line, as the import writes it first; NULL when out
 * of memory. Free it. */
static char *rejects_header(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (m == NULL)
		return NULL;
	s40_import_rejects_header(m);
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Copy the temporary rejects to path. Returns 0 or the exit status. */
static int rejects_save(const struct s40_cli *cli, FILE *tmp, const char *path)
{
	FILE *out = fopen(path, "w");
	if (out == NULL)
		return cli_failf(cli, S40_E_IO, "rejects", "เขียนไฟล์ %s ไม่ได้: %s",
				 "cannot write %s: %s", path, strerror(errno));
	rewind(tmp);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, tmp)) > 0)
		if (fwrite(buf, 1, got, out) != got)
			break;
	int bad = ferror(tmp) || ferror(out);
	if (fclose(out) != 0 || bad)
		return cli_failf(cli, S40_E_IO, "rejects", "เขียนไฟล์ %s ไม่สำเร็จ",
				 "could not write %s", path);
	return 0;
}

/* The encoding as the text summary names it, or NULL for UTF-8 (said by no line). */
static const char *encoding_title(const char *enc)
{
	if (enc == NULL || strcmp(enc, "utf-8") == 0 || strcmp(enc, "utf-8-bom") == 0)
		return NULL;
	if (strcmp(enc, "windows-874") == 0)
		return "Windows-874 (TIS-620)";
	if (strcmp(enc, "utf-16le") == 0)
		return "UTF-16LE";
	if (strcmp(enc, "utf-16be") == 0)
		return "UTF-16BE";
	return enc;
}

/* Print what the import did, in the chosen format. */
static void summary_print(const struct s40_cli *cli, const char *kind, const char *file,
			  const struct s40_import_result *r, const char *rejects,
			  const char *removed)
{
	if (cli->format == S40_FMT_JSON) {
		cli_json_print(json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:b, s:I, s:o, s:s?, "
					 "s:o, s:s?}",
					 "kind", kind, "file", file, "rows", (json_int_t)r->rows,
					 "good", (json_int_t)r->good, "bad", (json_int_t)r->bad,
					 "changed", (json_int_t)r->changed, "unchanged",
					 (json_int_t)r->unchanged, "committed", r->committed,
					 "journal_seq", (json_int_t)r->journal_seq, "rejects",
					 rejects ? json_string(rejects) : json_null(), "encoding",
					 r->encoding, "rejects_removed",
					 removed ? json_string(removed) : json_null(), "sheet",
					 r->sheet[0] ? r->sheet : NULL));
		return;
	}
	if (cli->format == S40_FMT_CSV) {
		printf("kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,"
		       "encoding,sheet\n");
		s40_csv_write_field(stdout, kind);
		putchar(',');
		s40_csv_write_field(stdout, file);
		printf(",%ld,%ld,%ld,%ld,%ld,%d,%lld,", r->rows, r->good, r->bad, r->changed,
		       r->unchanged, r->committed, (long long)r->journal_seq);
		s40_csv_write_field(stdout, rejects ? rejects : "");
		putchar(',');
		s40_csv_write_field(stdout, r->encoding ? r->encoding : "");
		putchar(',');
		s40_csv_write_field(stdout, r->sheet);
		putchar('\n');
		return;
	}
	char rows[32], good[32], bad[32], changed[32], unchanged[32];
	s40_format_int(r->rows, rows, sizeof rows);
	s40_format_int(r->good, good, sizeof good);
	s40_format_int(r->bad, bad, sizeof bad);
	s40_format_int(r->changed, changed, sizeof changed);
	s40_format_int(r->unchanged, unchanged, sizeof unchanged);
	cli_say(cli, "นำเข้า %s จาก %s", "import of %s from %s", kind, file);
	const char *enc = encoding_title(r->encoding);
	if (r->sheet[0])
		cli_say(cli, "อ่านแผ่นงาน %s ของสมุดงาน Excel", "read sheet %s of the Excel workbook",
			r->sheet);
	else if (enc != NULL)
		cli_say(cli, "อ่านไฟล์เป็น %s แปลงเป็น UTF-8 แล้ว", "read as %s, converted to UTF-8",
			enc);
	cli_say(cli, "แถวทั้งหมด %s ถูกต้อง %s ไม่ถูกต้อง %s เปลี่ยนแปลง %s ไม่เปลี่ยนแปลง %s",
		"rows %s, good %s, bad %s, changed %s, unchanged %s", rows, good, bad, changed,
		unchanged);
	if (!r->committed && r->rows > 0 && r->bad == 0 && r->changed == 0)
		cli_say(cli, "ข้อมูลมีอยู่แล้วทั้งหมด ไม่มีการเปลี่ยนแปลง",
			"everything was there already; nothing changed");
	else if (r->committed)
		cli_say(cli, "บันทึกแล้ว (บันทึกการเปลี่ยนแปลงลำดับที่ %lld)",
			"committed (journal entry %lld)", (long long)r->journal_seq);
	else
		cli_say(cli, "ไม่ได้บันทึกข้อมูลใด", "nothing was written");
	if (rejects != NULL)
		cli_say(cli, "แถวที่ไม่ถูกต้องอยู่ในไฟล์ %s", "the bad rows are in %s", rejects);
	if (removed != NULL)
		cli_say(cli, "ลบไฟล์ %s ซึ่งเป็นแถวที่ไม่ถูกต้องของการนำเข้าครั้งก่อนแล้ว",
			"removed %s, the bad rows of an earlier import", removed);
}

/* The first line of a reject file (changed in place) without its BOM and line
 * end, so that a reject file an earlier s40 wrote without them is known too. */
static const char *rejects_line_bare(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	return strncmp(line, S40_CSV_BOM, strlen(S40_CSV_BOM)) == 0 ? line + strlen(S40_CSV_BOM) :
								      line;
}

/* Whether path is a reject file: it begins with the reject file's header. */
static bool is_rejects_file(const char *path, const char *header)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL || header == NULL) {
		if (f)
			fclose(f);
		return false;
	}
	char line[128], want[128];
	snprintf(want, sizeof want, "%s", header);
	bool yes = fgets(line, sizeof line, f) != NULL &&
		   strcmp(rejects_line_bare(line), rejects_line_bare(want)) == 0;
	fclose(f);
	return yes;
}

/* s40 import KIND FILE [--partial] [--rejects FILE] [--map MAP] [--encoding ENC] [--sheet NAME] */
static int cmd_import_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "partial", no_argument, NULL, 'p' },
		{ "rejects", required_argument, NULL, 'r' },
		{ "map", required_argument, NULL, 'm' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "sheet", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct s40_import_opts o;
	memset(&o, 0, sizeof o);
	const char *rejects_opt = NULL, *encoding = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_import, argc, argv, opts)) > 0) {
		if (c == 'p')
			o.partial = 1;
		else if (c == 'r')
			rejects_opt = optarg;
		else if (c == 'm')
			o.map = optarg;
		else if (c == 'e')
			encoding = optarg;
		else if (c == 's')
			o.sheet = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (encoding != NULL) {
		int enc = s40_enc_parse(encoding);
		if (enc < 0)
			return cli_usage(cli, &cmd_import,
					 "การเข้ารหัสต้องเป็น auto, utf-8, utf-16, utf-16le, utf-16be "
					 "หรือ windows-874: %s",
					 "the encoding is auto, utf-8, utf-16, utf-16le, utf-16be or "
					 "windows-874: %s",
					 encoding);
		o.encoding = (enum s40_enc)enc;
	}
	if (argc - optind != 2)
		return cli_usage(cli, &cmd_import, "ต้องระบุชนิดและไฟล์", "give the kind and the file");
	const char *kind_text = argv[optind], *file = argv[optind + 1];
	int kind = s40_import_kind_parse(kind_text);
	if (kind < 0)
		return cli_usage(cli, &cmd_import,
				 "ชนิดต้องเป็น persons, enrolments, exclusions, villages หรือ payments: %s",
				 "the kind is persons, enrolments, exclusions, villages or payments: %s",
				 kind_text);
	o.kind = (enum s40_import_kind)kind;
	o.name = file;

	FILE *in = fopen(file, "rb");
	if (in == NULL)
		return cli_failf(cli, S40_E_IO, "file", "เปิดไฟล์ %s ไม่ได้: %s", "cannot open %s: %s",
				 file, strerror(errno));
	char *rpath = rejects_opt ? strdup(rejects_opt) : rejects_path(file);
	/* The reject file must not be the input itself (by name, link or path). */
	struct stat in_sb, rej_sb;
	if (rpath != NULL && fstat(fileno(in), &in_sb) == 0 && stat(rpath, &rej_sb) == 0 &&
	    in_sb.st_dev == rej_sb.st_dev && in_sb.st_ino == rej_sb.st_ino) {
		fclose(in);
		int urc = cli_failf(cli, S40_E_USAGE, "rejects",
			       "ไฟล์แถวที่ไม่ถูกต้อง %s คือไฟล์ที่นำเข้าเอง: ต้องระบุไฟล์อื่น",
			       "the reject file %s is the input file itself: name another", rpath);
		free(rpath);
		return urc;
	}
	FILE *tmp = tmpfile();
	if (rpath == NULL || tmp == NULL) {
		fclose(in);
		free(rpath);
		if (tmp)
			fclose(tmp);
		return cli_failf(cli, S40_E_IO, "rejects", "สร้างไฟล์ชั่วคราวไม่ได้",
				 "cannot create a temporary file");
	}
	o.rejects = tmp;

	struct import_progress prog = { .size = 0 };
	cli_progress_init(&prog.line, cli, "กำลังนำเข้า", "importing", "แถว", "rows");
	struct stat sb;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		prog.size = (long long)sb.st_size;
	if (isatty(STDERR_FILENO)) {
		o.progress = progress_cb;
		o.progress_arg = &prog;
	}

	struct s40_store *st;
	struct s40_reg reg;
	int rc = cli_open(cli, false, &st, &reg);
	if (rc != 0) {
		fclose(in);
		fclose(tmp);
		free(rpath);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_import_result res;
	enum s40_err err = s40_import_run(&reg, in, &o, &res, &ctx);
	s40_store_close(st);
	fclose(in);
	cli_progress_end(&prog.line);

	/* The reject file: only when more than its header was written. */
	const char *saved = NULL;
	fflush(tmp);
	char *header = rejects_header();
	if (header != NULL && ftell(tmp) > (long)strlen(header)) {
		if ((rc = rejects_save(cli, tmp, rpath)) != 0) {
			fclose(tmp);
			free(header);
			free(rpath);
			return rc;
		}
		saved = rpath;
	}
	fclose(tmp);
	/* A clean import of the file removes the reject file an earlier run left, so that
	 * no one fixes rows that are in already (only a file that is a reject file). */
	const char *removed = NULL;
	if (err == S40_OK && res.bad == 0 && saved == NULL && is_rejects_file(rpath, header) &&
	    unlink(rpath) == 0)
		removed = rpath;
	free(header);
	/* A summary when rows were read or refused; not after a wrong map or a database
	 * failure, where the error line says it all. */
	if (err == S40_OK || err == S40_E_REJECTED || res.rows > 0 || saved != NULL)
		summary_print(cli, kind_text, file, &res, saved, removed);
	free(rpath);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	/* --partial writes the good rows: none at all is a failure, as without it. */
	if (o.partial && res.good == 0 && res.bad > 0)
		return cli_failf(cli, S40_E_REJECTED, "file",
				 "ไม่มีแถวที่ถูกต้องเลย จึงไม่ได้บันทึกข้อมูลใด (--partial บันทึกเฉพาะแถวที่ถูกต้อง "
				 "ซึ่งไม่มี)",
				 "no row was good, so nothing was written (--partial writes the good "
				 "rows, and there were none)");
	return 0;
}

const struct s40_cmd cmd_import = {
	.name = "import",
	.usage = "import persons|enrolments|exclusions|villages|payments FILE [--partial] "
		 "[--rejects FILE] [--map \"id=เลขบัตร,…\"] "
		 "[--encoding auto|utf-8|utf-16|utf-16le|utf-16be|windows-874] [--sheet NAME]",
	.help_th = "นำเข้าไฟล์ CSV หรือสมุดงาน Excel (.xlsx) ทั้งหมดหรือไม่นำเข้าเลย (--partial: "
		   "เฉพาะแถวที่ถูกต้อง) แถวที่ไม่ถูกต้องเขียนลงไฟล์ .rejects.csv อ่านได้ทั้ง UTF-8, "
		   "UTF-16 และ Windows-874 (TIS-620) โดยดูจากไฟล์เอง หรือกำหนดด้วย --encoding",
	.help_en = "import a CSV file or an Excel workbook (.xlsx), all or nothing (--partial: "
		   "the good rows); bad rows go to a .rejects.csv file; UTF-8, UTF-16 and "
		   "Windows-874 (TIS-620) are told from the file, or named with --encoding",
	.more_th = "ตัวเลือก:\n"
		   "  --partial        บันทึกเฉพาะแถวที่ถูกต้อง (ถ้าไม่มีแถวที่ถูกต้องเลย ไม่บันทึกและออกด้วยรหัส 6)\n"
		   "  --rejects FILE   ไฟล์แถวที่ไม่ถูกต้อง (ค่าเริ่มต้น: ชื่อไฟล์.rejects.csv) ต้องไม่ใช่ไฟล์ที่นำเข้า\n"
		   "  --map MAP        ชื่อหัวตารางของไฟล์สำหรับคอลัมน์ของ s40 เช่น\n"
		   "                   --map \"id=เลขบัตร,birth_date=วันเดือนปีเกิด\"\n"
		   "  --encoding ENC   การเข้ารหัสของไฟล์ ถ้าไม่ให้โปรแกรมดูเอง เช่น --encoding windows-874\n"
		   "  --sheet NAME     แผ่นงานของสมุดงาน .xlsx ที่จะอ่าน (ค่าเริ่มต้น: แผ่นแรก) เช่น --sheet \"ผู้สมัคร\"\n"
		   "คอลัมน์ที่จำเป็น (หัวตารางภาษาไทยหรืออังกฤษ รายการเต็มใน docs/FORMATS.md):\n"
		   "  persons     เลขประจำตัวประชาชน (id), ชื่อ (first_name), นามสกุล (last_name),\n"
		   "              วันเกิด (birth_date), รหัสหมู่บ้าน (village)\n"
		   "  enrolments  เลขประจำตัวประชาชน (id), ทางเลือก (option), วันที่สมัคร (date)\n"
		   "  exclusions  เลขประจำตัวประชาชน (id), ประเภท (kind)\n"
		   "  villages    รหัสหมู่บ้าน (code), ชื่อหมู่บ้าน (name_th)\n"
		   "  payments    เลขประจำตัวประชาชน (id), เลขที่ใบเสร็จ (receipt), วันที่ชำระ (paid_date),\n"
		   "              งวดเดือน (from_month), จำนวนเงิน (amount)\n"
		   "ตัวอย่าง:\n"
		   "  s40 import persons บุคคล.csv\n"
		   "  s40 import enrolments สมัคร.csv --partial --rejects แก้ไข.csv\n"
		   "  s40 import persons ทะเบียน.xlsx --sheet \"หมู่ 3\"\n",
	.more_en = "options:\n"
		   "  --partial        write the good rows only (when none is good, nothing is written: exit 6)\n"
		   "  --rejects FILE   the reject file (default FILE.rejects.csv); never the input itself\n"
		   "  --map MAP        the file's own header names for s40's columns, e.g.\n"
		   "                   --map \"id=เลขบัตร,birth_date=วันเดือนปีเกิด\"\n"
		   "  --encoding ENC   the file's encoding instead of telling it from the bytes,\n"
		   "                   e.g. --encoding windows-874\n"
		   "  --sheet NAME     the sheet of an .xlsx workbook to read (default: the first),\n"
		   "                   e.g. --sheet \"ผู้สมัคร\"\n"
		   "required columns (Thai or English headers; every column in docs/FORMATS.md):\n"
		   "  persons     id, first_name, last_name, birth_date, village\n"
		   "  enrolments  id, option, date\n"
		   "  exclusions  id, kind\n"
		   "  villages    code, name_th\n"
		   "  payments    id, receipt, paid_date, from_month, amount\n"
		   "examples:\n"
		   "  s40 import persons people.csv\n"
		   "  s40 import enrolments enrolments.csv --partial --rejects to-fix.csv\n"
		   "  s40 import persons register.xlsx --sheet \"Moo 3\"\n",
	.run = cmd_import_run,
};
