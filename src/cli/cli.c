/*
 * cli.c — the helpers every command of the s40 program shares: the exit status
 * of an error code, the one-line error report, option parsing with the global
 * options, opening the store, rendering a table, and the parsers of IDs,
 * dates, areas and numbers that report their own failure.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/area.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/person.h"
#include "registry/upgrade.h"
#include "rules/rates.h"

/* The global options, also accepted after the command. Values above any char. */
enum {
	GOPT_DB = 0x1001,
	GOPT_FORMAT,
	GOPT_LANG,
	GOPT_USER,
	GOPT_TODAY,
	GOPT_CSV,
	GOPT_OUTPUT, /* keep last: cli_getopt takes GOPT_DB … GOPT_OUTPUT as global */
};

static const struct option global_opts[] = {
	{ "db", required_argument, NULL, GOPT_DB },
	{ "format", required_argument, NULL, GOPT_FORMAT },
	{ "lang", required_argument, NULL, GOPT_LANG },
	{ "user", required_argument, NULL, GOPT_USER },
	{ "today", required_argument, NULL, GOPT_TODAY },
	{ "csv", required_argument, NULL, GOPT_CSV },
	{ "output", required_argument, NULL, GOPT_OUTPUT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct s40_cmd *cli_cmd_find(const char *name)
{
	for (size_t i = 0; s40_cmds[i] != NULL; i++)
		if (strcmp(s40_cmds[i]->name, name) == 0)
			return s40_cmds[i];
	return NULL;
}

int cli_exit_code(enum s40_err code)
{
	if (code == S40_OK)
		return CLI_EXIT_OK;
	if (code == S40_E_USAGE)
		return CLI_EXIT_USAGE;
	if (code == S40_E_NOT_FOUND)
		return CLI_EXIT_NOT_FOUND;
	if (code >= 10 && code <= 29)
		return CLI_EXIT_INVALID;
	if (code >= 30 && code <= 49)
		return CLI_EXIT_REFUSED;
	if (code >= 130 && code <= 149) /* network and events: refused by a rule */
		return CLI_EXIT_REFUSED;
	if (code >= 50 && code <= 69)
		return CLI_EXIT_REJECTED;
	if (code >= 90 && code <= 109)
		return CLI_EXIT_REFUSED; /* contributions and benefits */
	if (code == S40_E_NO_TARGET || code == S40_E_NO_SURVEY) /* campaign: nothing there */
		return CLI_EXIT_NOT_FOUND;
	if (code >= 110 && code <= 129)
		return CLI_EXIT_REFUSED; /* campaign: an allocation that does not add up … */
	return CLI_EXIT_SYSTEM; /* 1–9 but usage, 70–89 storage, anything unknown */
}

int cli_fail(const struct s40_cli *cli, const struct s40_ctx *ctx)
{
	enum s40_err code = ctx->code == S40_OK ? S40_E_INTERNAL : ctx->code;
	fflush(stdout);
	fprintf(stderr, "%s: %s (%d): ", cli->prog, s40_errname(code), (int)code);
	if (cli->lang == S40_LANG_EN)
		fputs(s40_errmsg(ctx, S40_LANG_EN), stderr);
	else
		fprintf(stderr, "%s / %s", s40_errmsg(ctx, S40_LANG_TH),
			s40_errmsg(ctx, S40_LANG_EN));
	if (ctx->field[0] != '\0')
		fprintf(stderr, " [field %s]", ctx->field);
	if (ctx->line > 0)
		fprintf(stderr, " [line %ld]", ctx->line);
	fputc('\n', stderr);
	return cli_exit_code(code);
}

int cli_failf(const struct s40_cli *cli, enum s40_err code, const char *field, const char *fmt_th,
	      const char *fmt_en, ...)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	va_list ap;
	va_start(ap, fmt_en);
	s40_verrorf(&ctx, code, field, fmt_th, fmt_en, ap);
	va_end(ap);
	return cli_fail(cli, &ctx);
}

/* snprintf into buf, truncating silently (messages are one line and short). */
static void text_format(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void text_format(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

int cli_usage(const struct s40_cli *cli, const struct s40_cmd *cmd, const char *fmt_th,
	      const char *fmt_en, ...)
{
	char th[256], en[256];
	va_list ap, ap2;
	va_start(ap, fmt_en);
	va_copy(ap2, ap);
	vsnprintf(th, sizeof th, fmt_th, ap);
	vsnprintf(en, sizeof en, fmt_en, ap2);
	va_end(ap2);
	va_end(ap);
	const char *sep = cmd ? " " : "";
	const char *name = cmd ? cmd->name : "";
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	s40_errorf(&ctx, S40_E_USAGE, NULL, NULL, "%s (see %s help%s%s)", en, cli->prog, sep, name);
	text_format(ctx.msg_th, sizeof ctx.msg_th, "%s (ดู %s help%s%s)", th, cli->prog, sep, name);
	return cli_fail(cli, &ctx);
}

void cli_say(const struct s40_cli *cli, const char *fmt_th, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	if (cli->lang == S40_LANG_EN) {
		vprintf(fmt_en, ap);
	} else {
		va_list ap2;
		va_copy(ap2, ap);
		vprintf(fmt_th, ap);
		fputs(" / ", stdout);
		vprintf(fmt_en, ap2);
		va_end(ap2);
	}
	va_end(ap);
	putchar('\n');
}

void cli_say_text(const struct s40_cli *cli, const char *th, const char *en)
{
	if (cli->lang == S40_LANG_EN)
		printf("%s\n", en);
	else
		printf("%s / %s\n", th, en);
}

const char *cli_tr(const struct s40_cli *cli, const char *th, const char *en)
{
	return cli->lang == S40_LANG_EN ? en : th;
}

double cli_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(struct cli_progress *p, const struct s40_cli *cli, const char *verb_th,
		       const char *verb_en, const char *unit_th, const char *unit_en)
{
	memset(p, 0, sizeof *p);
	p->cli = cli;
	p->verb_th = verb_th;
	p->verb_en = verb_en;
	p->unit_th = unit_th;
	p->unit_en = unit_en;
	p->start = cli_clock();
}

#define PROGRESS_BAR 20

void cli_progress_show(struct cli_progress *p, int64_t done, int64_t total, int64_t count,
		       const char *label)
{
	double now = cli_clock();
	if (p->shown && now - p->last < 0.25)
		return;
	p->last = now;
	p->shown = true;
	const struct s40_cli *cli = p->cli;
	double secs = now - p->start;
	fprintf(stderr, "\r%s", cli_tr(cli, p->verb_th, p->verb_en));
	if (label != NULL)
		fprintf(stderr, " %s", label);
	if (total > 0) {
		if (done > total)
			done = total;
		int filled = (int)(done * PROGRESS_BAR / total);
		fputc(' ', stderr);
		for (int i = 0; i < PROGRESS_BAR; i++)
			fputs(i < filled ? "█" : "░", stderr);
		fprintf(stderr, " %3d%%", (int)(done * 100 / total));
	}
	char n[32];
	const char *unit = p->unit_th ? cli_tr(cli, p->unit_th, p->unit_en) : NULL;
	if (count >= 0 && unit != NULL) {
		s40_format_int(count, n, sizeof n);
		fprintf(stderr, " %s %s", n, unit);
	}
	int64_t of = count >= 0 ? count : done;
	if (secs >= 1.0 && of > 0 && unit != NULL) {
		s40_format_int((int64_t)((double)of / secs), n, sizeof n);
		fprintf(stderr, " %s %s/%s", n, unit, cli_tr(cli, "วินาที", "s"));
	}
	if (secs >= 1.0 && total > 0 && done > 0 && done < total) {
		long left = (long)(secs * (double)(total - done) / (double)done + 0.5);
		fprintf(stderr, " %s ", cli_tr(cli, "เหลืออีก", "left"));
		if (left >= 3600)
			fprintf(stderr, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60, left % 60);
		else
			fprintf(stderr, "%ld:%02ld", left / 60, left % 60);
	}
	fputs("\033[K", stderr);
	fflush(stderr);
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}

int cli_global_option(struct s40_cli *cli, const char *name, const char *arg)
{
	if (strcmp(name, "db") == 0) {
		if (arg[0] == '\0')
			return cli_usage(cli, NULL, "--db ต้องระบุไฟล์ฐานข้อมูล",
					 "--db needs a database file");
		cli->db = arg;
	} else if (strcmp(name, "format") == 0) {
		int f = s40_format_parse(arg);
		if (f < 0)
			return cli_usage(cli, NULL,
					 "--format ต้องเป็น table, json, csv, xlsx หรือ pdf: %s",
					 "--format is table, json, csv, xlsx or pdf: %s", arg);
		cli->format = (enum s40_format)f;
	} else if (strcmp(name, "lang") == 0) {
		if (strcmp(arg, "th") == 0)
			cli->lang = S40_LANG_TH;
		else if (strcmp(arg, "en") == 0)
			cli->lang = S40_LANG_EN;
		else
			return cli_usage(cli, NULL, "--lang ต้องเป็น th หรือ en: %s",
					 "--lang is th or en: %s", arg);
	} else if (strcmp(name, "user") == 0) {
		if (arg[0] == '\0')
			return cli_usage(cli, NULL, "--user ต้องระบุชื่อผู้ใช้", "--user needs a name");
		cli->user = arg;
	} else if (strcmp(name, "today") == 0) {
		int rc = cli_parse_date(cli, arg, "today", &cli->today);
		if (rc != 0)
			return rc;
	} else if (strcmp(name, "csv") == 0) {
		int style = s40_csv_style_parse(arg);
		if (style < 0)
			return cli_usage(cli, NULL, "--csv ต้องเป็น excel หรือ plain: %s",
					 "--csv is excel or plain: %s", arg);
		cli->csv = style;
	} else if (strcmp(name, "output") == 0) {
		if (arg[0] == '\0')
			return cli_usage(cli, NULL, "--output ต้องระบุชื่อไฟล์", "--output needs a file");
		cli->output = strcmp(arg, "-") == 0 ? NULL : arg;
	} else {
		return cli_usage(cli, NULL, "ไม่รู้จักตัวเลือก --%s", "unknown option --%s", name);
	}
	return 0;
}

void cli_usage_lines(const struct s40_cli *cli, const struct s40_cmd *cmd, FILE *f,
		     const char *indent)
{
	const char *p = cmd->usage;
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");
		fprintf(f, "%s%s %.*s\n", indent, cli->prog, (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

void cli_cmd_help(const struct s40_cli *cli, const struct s40_cmd *cmd, FILE *f)
{
	fprintf(f, "%s:\n", cli_tr(cli, "วิธีใช้ / usage", "usage"));
	cli_usage_lines(cli, cmd, f, "  ");
	fputc('\n', f);
	if (cli->lang != S40_LANG_EN)
		fprintf(f, "  %s\n", cmd->help_th);
	fprintf(f, "  %s\n", cmd->help_en);
	if (cmd->more_th != NULL && cli->lang != S40_LANG_EN)
		fprintf(f, "\n%s", cmd->more_th);
	if (cmd->more_en != NULL)
		fprintf(f, "\n%s", cmd->more_en);
}

/* Fill cli->opts_all with the command's options and then the global ones. */
static int opts_merge(struct s40_cli *cli, const struct option *opts)
{
	size_t n = 0, max = sizeof cli->opts_all / sizeof cli->opts_all[0];
	for (size_t i = 0; opts != NULL && opts[i].name != NULL; i++) {
		if (n + 1 >= max)
			return -1;
		cli->opts_all[n++] = opts[i];
	}
	for (size_t i = 0; global_opts[i].name != NULL; i++) {
		if (n + 1 >= max)
			return -1;
		cli->opts_all[n++] = global_opts[i];
	}
	memset(&cli->opts_all[n], 0, sizeof cli->opts_all[n]);
	return 0;
}

/* The long name of the option whose val is val, for messages. */
static const char *opt_name(const struct s40_cli *cli, int val)
{
	for (size_t i = 0; cli->opts_all[i].name != NULL; i++)
		if (cli->opts_all[i].val == val)
			return cli->opts_all[i].name;
	return "?";
}

int cli_getopt(struct s40_cli *cli, const struct s40_cmd *cmd, int argc, char **argv,
	       const struct option *opts)
{
	if (!cli->opt_active) {
		if (opts_merge(cli, opts) != 0) {
			cli->opt_rc = cli_usage(cli, cmd, "ตัวเลือกมากเกินไป", "too many options");
			return CLI_OPT_FAIL;
		}
		cli->opt_active = true;
		cli->opt_help = false;
		optind = 0; /* glibc: start afresh on this argv */
	}
	opterr = 0;
	for (;;) {
		int idx = -1;
		int c = getopt_long(argc, argv, ":h", cli->opts_all, &idx);
		if (c == -1) {
			cli->opt_active = false;
			if (!cli->opt_help)
				return CLI_OPT_END;
			/* Help waits for the end, so that a later --lang applies to it. */
			cli->opt_help = false;
			cli_cmd_help(cli, cmd, stdout);
			cli->opt_rc = 0;
			return CLI_OPT_HELP;
		}
		if (c == 'h') {
			cli->opt_help = true;
			continue;
		}
		if (c == ':') {
			cli->opt_rc = cli_usage(cli, cmd, "ตัวเลือก --%s ต้องมีค่า",
						"option --%s needs a value", opt_name(cli, optopt));
			cli->opt_active = false;
			return CLI_OPT_FAIL;
		}
		if (c == '?') {
			const char *bad = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
			if (optopt != 0 && optopt < 256 && optopt != '?')
				cli->opt_rc = cli_usage(cli, cmd, "ไม่รู้จักตัวเลือก -%c",
							"unknown option -%c", optopt);
			else
				cli->opt_rc = cli_usage(cli, cmd, "ไม่รู้จักตัวเลือก %s",
							"unknown option %s", bad);
			cli->opt_active = false;
			return CLI_OPT_FAIL;
		}
		if (c >= GOPT_DB && c <= GOPT_OUTPUT) {
			cli->opt_rc = cli_global_option(cli, cli->opts_all[idx].name, optarg);
			if (cli->opt_rc != 0) {
				cli->opt_active = false;
				return CLI_OPT_FAIL;
			}
			continue;
		}
		return c;
	}
}

const char *cli_db_shown(struct s40_cli *cli)
{
	return s40_store_uri_safe(cli->db, cli->db_shown, sizeof cli->db_shown);
}

int cli_open(struct s40_cli *cli, bool create, struct s40_store **st, struct s40_reg *reg)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc = s40_store_open(cli->db, create, st, &ctx);
	if (rc != S40_OK) {
		*st = NULL;
		if (ctx.code == S40_OK)
			s40_errorf(&ctx, rc, "db", NULL, NULL);
		return cli_fail(cli, &ctx);
	}
	/* What a migration left to the registry (registry/upgrade.h) is done
	 * here, by the first command that opens the database after it, and told. */
	struct s40_reg own;
	struct s40_reg *r = reg != NULL ? reg : &own;
	s40_reg_init(r, *st, cli->user, cli->today);
	struct s40_upgrade_report up;
	if (s40_reg_upgrade(r, &up, &ctx) != S40_OK) {
		s40_store_close(*st);
		*st = NULL;
		return cli_fail(cli, &ctx);
	}
	if (up.names) {
		char n1[32], n2[32], n3[32], n4[32];
		s40_format_int(up.persons, n1, sizeof n1);
		s40_format_int(up.changed, n2, sizeof n2);
		s40_format_int(up.fields, n3, sizeof n3);
		s40_format_int(up.left, n4, sizeof n4);
		fprintf(stderr,
			"%s: ปรับชื่อในทะเบียนเป็นรูปมาตรฐาน: ตรวจ %s คน แก้ %s คน (%s ชื่อ) "
			"คงไว้ตามเดิม %s ชื่อ / names in the register normalised: %s persons "
			"looked at, %s changed (%s names), %s names left as they were\n",
			cli->prog, n1, n2, n3, n4, n1, n2, n3, n4);
	}
	return 0;
}

int cli_confirm(const struct s40_cli *cli, json_t *facts, const char *th, const char *en)
{
	if (cli->format != S40_FMT_JSON && cli->format != S40_FMT_CSV) {
		json_decref(facts);
		cli_say_text(cli, th, en);
		return 0;
	}
	if (facts == NULL || json_object_set_new(facts, "message_th", json_string(th)) != 0 ||
	    json_object_set_new(facts, "message_en", json_string(en)) != 0) {
		json_decref(facts);
		return cli_json_print(NULL);
	}
	if (cli->format == S40_FMT_JSON)
		return cli_json_print(facts);
	/* CSV: the keys, then the values in the same order (null empty). */
	const char *key;
	json_t *v;
	int first = 1;
	json_object_foreach(facts, key, v) {
		if (!first)
			putchar(',');
		s40_csv_write_field(stdout, key);
		first = 0;
	}
	putchar('\n');
	first = 1;
	json_object_foreach(facts, key, v) {
		char num[32];
		const char *text = "";
		if (json_is_string(v)) {
			text = json_string_value(v);
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			text = num;
		} else if (json_is_true(v))
			text = "true";
		else if (json_is_false(v))
			text = "false";
		if (!first)
			putchar(',');
		s40_csv_write_field(stdout, text);
		first = 0;
	}
	putchar('\n');
	json_decref(facts);
	return 0;
}

int cli_json_print(json_t *v)
{
	if (v == NULL) {
		fputs("s40: nomem (1): out of memory\n", stderr);
		return CLI_EXIT_SYSTEM;
	}
	json_dumpf(v, stdout, JSON_PRESERVE_ORDER | JSON_COMPACT);
	putchar('\n');
	json_decref(v);
	return 0;
}

/* The refusal of a PDF to a terminal: it is binary. */
static int refuse_pdf_on_terminal(const struct s40_cli *cli)
{
	return cli_failf(cli, S40_E_USAGE, "output",
			 "ไฟล์ PDF เป็นข้อมูลไบนารี แสดงบนจอไม่ได้: ใช้ --output ไฟล์.pdf "
			 "หรือส่งต่อไปยังไฟล์ (> ไฟล์.pdf)",
			 "PDF is binary and is not written to a terminal: give --output "
			 "FILE.pdf or redirect to a file (> FILE.pdf)");
}

/* Render t to the stream f in the chosen format; a PDF's footer carries the
 * day printed (today, or --today). A CSV is Excel's (a BOM, CRLF, labels, dashed
 * IDs) into a file, which people open, and plain on standard output, which
 * scripts read, unless --csv says which. */
static enum s40_err cli_render_stream(const struct s40_cli *cli, const struct s40_table *t,
				      const struct s40_map *map, FILE *f, bool to_file,
				      struct s40_ctx *ctx)
{
	if (cli->format == S40_FMT_PDF)
		return s40_table_render_pdf_map(t, map, cli->lang, cli->today, f, ctx);
	if (cli->format == S40_FMT_CSV) {
		enum s40_csv_style style = cli->csv >= 0 ? (enum s40_csv_style)cli->csv :
					   to_file	 ? S40_CSV_EXCEL :
							   S40_CSV_PLAIN;
		return s40_table_render_csv(t, style, cli->lang, f, ctx);
	}
	return s40_table_render(t, cli->format, cli->lang, f, ctx);
}

/* A new file beside path under a temporary name (*tmp, to free), with the mode
 * of any file the user writes; its descriptor, or -1 with ctx set. */
static int open_beside(const char *path, char **tmp, struct s40_ctx *ctx)
{
	size_t n = strlen(path) + 16;
	*tmp = malloc(n);
	if (*tmp == NULL) {
		s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		return -1;
	}
	snprintf(*tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(*tmp);
	if (fd < 0) {
		s40_errorf(ctx, S40_E_IO, "output", "สร้างไฟล์ %s ไม่ได้: %s",
			   "cannot create %s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	/* mkstemp makes the file 0600; the report gets the mode of any file the user
	 * writes (0666 less the umask), as the shell's > would give it. */
	mode_t mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	return fd;
}

/* Render t into the file path: under a temporary name beside it, renamed over
 * path when complete. */
static enum s40_err render_to_file(const struct s40_cli *cli, const struct s40_table *t,
				   const struct s40_map *map, const char *path, struct s40_ctx *ctx)
{
	char *tmp;
	int fd = open_beside(path, &tmp, ctx);
	if (fd < 0)
		return ctx->code;
	enum s40_err rc;
	if (cli->format == S40_FMT_XLSX) {
		close(fd);
		rc = s40_table_write_xlsx(t, tmp, cli->lang, ctx);
	} else {
		FILE *f = fdopen(fd, "w");
		if (f == NULL) {
			close(fd);
			rc = s40_errorf(ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่ได้",
					"cannot write %s", path);
		} else {
			rc = cli_render_stream(cli, t, map, f, true, ctx);
			if (fclose(f) != 0 && rc == S40_OK)
				rc = s40_errorf(ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่สำเร็จ",
						"could not finish writing %s", path);
		}
	}
	if (rc == S40_OK && rename(tmp, path) != 0)
		rc = s40_errorf(ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่ได้: %s",
				"cannot write %s: %s", path, strerror(errno));
	if (rc != S40_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

int cli_render(const struct s40_cli *cli, const struct s40_table *t)
{
	return cli_render_map(cli, t, NULL);
}

int cli_render_map(const struct s40_cli *cli, const struct s40_table *t, const struct s40_map *map)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc;
	if (cli->output != NULL) {
		rc = render_to_file(cli, t, map, cli->output, &ctx);
	} else if (cli->format == S40_FMT_XLSX && isatty(fileno(stdout))) {
		return cli_failf(cli, S40_E_USAGE, "output",
				 "ไฟล์ XLSX เป็นข้อมูลไบนารี แสดงบนจอไม่ได้: ใช้ --output ไฟล์.xlsx "
				 "หรือส่งต่อไปยังไฟล์ (> ไฟล์.xlsx)",
				 "XLSX is binary and is not written to a terminal: give --output "
				 "FILE.xlsx or redirect to a file (> FILE.xlsx)");
	} else if (cli->format == S40_FMT_PDF && isatty(fileno(stdout))) {
		return refuse_pdf_on_terminal(cli);
	} else {
		rc = cli_render_stream(cli, t, map, stdout, false, &ctx);
	}
	if (rc != S40_OK) {
		if (ctx.code == S40_OK)
			s40_errorf(&ctx, rc, NULL, NULL, NULL);
		return cli_fail(cli, &ctx);
	}
	return 0;
}

int cli_write_pdf(const struct s40_cli *cli, const char *path,
		  enum s40_err (*write)(void *arg, FILE *f, struct s40_ctx *ctx), void *arg)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	enum s40_err rc;
	if (path == NULL) {
		if (isatty(fileno(stdout)))
			return refuse_pdf_on_terminal(cli);
		rc = write(arg, stdout, &ctx);
	} else {
		char *tmp;
		int fd = open_beside(path, &tmp, &ctx);
		if (fd < 0)
			return cli_fail(cli, &ctx);
		FILE *f = fdopen(fd, "w");
		if (f == NULL) {
			close(fd);
			rc = s40_errorf(&ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่ได้",
					"cannot write %s", path);
		} else {
			rc = write(arg, f, &ctx);
			if (fclose(f) != 0 && rc == S40_OK)
				rc = s40_errorf(&ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่สำเร็จ",
						"could not finish writing %s", path);
		}
		if (rc == S40_OK && rename(tmp, path) != 0)
			rc = s40_errorf(&ctx, S40_E_IO, "output", "เขียนไฟล์ %s ไม่ได้: %s",
					"cannot write %s: %s", path, strerror(errno));
		if (rc != S40_OK)
			unlink(tmp);
		free(tmp);
	}
	if (rc != S40_OK) {
		if (ctx.code == S40_OK)
			s40_errorf(&ctx, rc, NULL, NULL, NULL);
		return cli_fail(cli, &ctx);
	}
	return 0;
}

int cli_parse_id(const struct s40_cli *cli, const char *text, const char *field, int64_t *id)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_natid_parse(text, field, id, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	return 0;
}

int cli_parse_date(const struct s40_cli *cli, const char *text, const char *field, int32_t *day)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_date_parse(text, field, day, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	return 0;
}

int cli_parse_area(const struct s40_cli *cli, const char *text, const char *field, int32_t *code)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_area_parse(text, field, code, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	return 0;
}

int cli_parse_long(const struct s40_cli *cli, const char *text, const char *field, long min,
		   long max, long *v)
{
	/* Thai digits (๒๕๖๒) read as in files. */
	char ascii[64];
	if (s40_thai_digits_to_ascii(text, ascii, sizeof ascii) != S40_OK)
		ascii[0] = '\0';
	char *end = NULL;
	errno = 0;
	long x = strtol(ascii, &end, 10);
	if (ascii[0] == '\0' || end == NULL || *end != '\0' || errno != 0 || x < min || x > max)
		return cli_failf(cli, S40_E_BAD_VALUE, field, "ต้องเป็นจำนวนเต็มตั้งแต่ %ld ถึง %ld: %s",
				 "must be a whole number from %ld to %ld: %s", min, max, text);
	*v = x;
	return 0;
}

int cli_parse_option(const struct s40_cli *cli, const char *text, int *option)
{
	char ascii[8];
	if (s40_thai_digits_to_ascii(text, ascii, sizeof ascii) == S40_OK && ascii[0] >= '1' &&
	    ascii[0] <= '3' && ascii[1] == '\0') {
		*option = ascii[0] - '0';
		return 0;
	}
	return cli_failf(cli, S40_E_BAD_OPTION, "option",
			 "ทางเลือกการจ่ายเงินสมทบต้องเป็น 1, 2 หรือ 3: %s",
			 "the contribution option is 1, 2 or 3: %s", text);
}

/* Append s to buf (at *len), with a space before it when buf is not empty and sep. */
static void name_append(char *buf, size_t n, size_t *len, const char *s, int sep)
{
	if (s[0] == '\0' || *len >= n)
		return;
	int w = snprintf(buf + *len, n - *len, "%s%s", sep && *len > 0 ? " " : "", s);
	if (w > 0)
		*len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
}

char *cli_person_name_th(const struct s40_person *p, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	/* Thai titles join the first name: นายสมชาย. */
	name_append(buf, n, &len, p->title, 0);
	name_append(buf, n, &len, p->first_th, 0);
	name_append(buf, n, &len, p->last_th, 1);
	return buf;
}

char *cli_person_name_en(const struct s40_person *p, char *buf, size_t n)
{
	if (p->first_en[0] == '\0' && p->last_en[0] == '\0')
		return cli_person_name_th(p, buf, n);
	size_t len = 0;
	buf[0] = '\0';
	name_append(buf, n, &len, p->first_en, 1);
	name_append(buf, n, &len, p->last_en, 1);
	return buf;
}

char *cli_person_name(const struct s40_cli *cli, const struct s40_person *p, char *buf, size_t n)
{
	if (cli->lang == S40_LANG_EN)
		return cli_person_name_en(p, buf, n);
	return cli_person_name_th(p, buf, n);
}

char *cli_month_name(enum s40_lang lang, int32_t month, char *buf, size_t n)
{
	static const char *const en[] = { "January",   "February", "March",    "April",
					  "May",       "June",	   "July",     "August",
					  "September", "October",  "November", "December" };
	if (lang == S40_LANG_TH)
		return s40_month_th_long(month, buf, n);
	int y, m;
	s40_month_to_ym(month, &y, &m);
	snprintf(buf, n, "%s %d", en[(m - 1) % 12], y);
	return buf;
}

char *cli_date_long(enum s40_lang lang, int32_t day, char *buf, size_t n)
{
	if (lang == S40_LANG_TH)
		return s40_date_th_long(day, buf, n);
	return s40_date_en_long(day, buf, n);
}
