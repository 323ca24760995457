/*
 * cli.h — what the commands of the s40 program share: the global options, the
 * command table entry, option parsing that also accepts the global options
 * after the command, the one mapping from error codes to exit statuses, the
 * one-line error report, and opening the store.
 *
 * The program, not the library, reads the environment and the clock, prints
 * and decides exit statuses; every command goes through these helpers so that
 * all of them behave alike.
 */
#ifndef S40_CLI_CLI_H
#define S40_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/area.h"
#include "core/error.h"
#include "registry/registry.h"
#include "report/table.h"
#include "store/store.h"

/* Exit statuses (documented in s40 --help and docs/CLI.md). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_SYSTEM = 1, /* database, file, internal */
	CLI_EXIT_USAGE = 2, /* wrong usage */
	CLI_EXIT_INVALID = 3, /* an input value is invalid (codes 10–23) */
	CLI_EXIT_REFUSED = 4, /* refused by a Section 40 rule (codes 30–49) */
	CLI_EXIT_NOT_FOUND = 5, /* the person or thing asked for does not exist */
	CLI_EXIT_REJECTED = 6, /* an import was rejected (codes 50–55) */
};

/* The global options of one run. */
struct s40_cli {
	const char *db; /* --db, else $S40_DB, else ./s40.db */
	char db_shown[512]; /* db as printed: any password masked (cli_db_shown) */
	enum s40_format format; /* --format */
	enum s40_lang lang; /* --lang: TH prints Thai first (and English), EN English only */
	const char *user; /* --user, else $USER, else "cli" */
	int32_t today; /* --today, else the clock */
	const char *output; /* --output FILE: where cli_render writes; NULL: stdout */
	int csv; /* --csv excel|plain (enum s40_csv_style); -1: Excel into a file, plain on
		    standard output */
	const char *prog; /* "s40" */

	/* Option parsing state (cli_getopt). */
	bool opt_active;
	bool opt_help; /* -h/--help seen: print the help at the end */
	int opt_rc; /* after CLI_OPT_FAIL or CLI_OPT_HELP: the exit status */
	struct option opts_all[64];
};

/* One command: an entry of the table in main.c. */
struct s40_cmd {
	const char *name; /* "enrol" */
	const char *usage; /* "enrol ID --option 1|2|3 [--date D] …" (without "s40 "; one
				line per form) */
	const char *help_th; /* one line of what it does, Thai */
	const char *help_en; /* the same in English */
	/* Optional: each option explained, with examples, for "s40 COMMAND --help";
	 * lines of text, Thai and English (the English alone with --lang en). */
	const char *more_th;
	const char *more_en;
	/* Run with argv[0] the command's name; returns the exit status. */
	int (*run)(struct s40_cli *cli, int argc, char **argv);
};

extern const struct s40_cmd cmd_init;
extern const struct s40_cmd cmd_person;
extern const struct s40_cmd cmd_enrol;
extern const struct s40_cmd cmd_option;
extern const struct s40_cmd cmd_leave;
extern const struct s40_cmd cmd_exclude;
extern const struct s40_cmd cmd_import;
extern const struct s40_cmd cmd_report;
extern const struct s40_cmd cmd_survey;
extern const struct s40_cmd cmd_target;
extern const struct s40_cmd cmd_journal;
extern const struct s40_cmd cmd_copy;
extern const struct s40_cmd cmd_backup;
extern const struct s40_cmd cmd_demo;
extern const struct s40_cmd cmd_help;
extern const struct s40_cmd cmd_network;
extern const struct s40_cmd cmd_followup;
extern const struct s40_cmd cmd_event;
extern const struct s40_cmd cmd_pay;
extern const struct s40_cmd cmd_ledger;
extern const struct s40_cmd cmd_receipt;
extern const struct s40_cmd cmd_form;
extern const struct s40_cmd cmd_benefit;
extern const struct s40_cmd cmd_serve;
extern const struct s40_cmd cmd_user;

/* The command table (main.c), ended by NULL. */
extern const struct s40_cmd *const s40_cmds[];

/* The command called name, or NULL. */
const struct s40_cmd *cli_cmd_find(const char *name);

/* The exit status that answers an error code: the one mapping, see enum cli_exit. */
int cli_exit_code(enum s40_err code);

/*
 * Print the failure on ctx to stderr as one line,
 * "s40: <name> (<code>): <Thai> / <English> [field <f>] [line <n>]" (English only
 * with --lang en), and return its exit status.
 */
int cli_fail(const struct s40_cli *cli, const struct s40_ctx *ctx);

/*
 * Record an error on a fresh context and report it as cli_fail does; fmt_th and
 * fmt_en take the same arguments. Returns the exit status.
 */
int cli_failf(const struct s40_cli *cli, enum s40_err code, const char *field, const char *fmt_th,
	      const char *fmt_en, ...) __attribute__((format(printf, 5, 6)));

/* Report wrong usage of cmd (NULL: of the program) with a hint to its help; returns 2. */
int cli_usage(const struct s40_cli *cli, const struct s40_cmd *cmd, const char *fmt_th,
	      const char *fmt_en, ...) __attribute__((format(printf, 4, 5)));

/*
 * Print one line of a message to stdout: "<Thai> / <English>", or only the
 * English with --lang en. The formats take the same arguments.
 */
void cli_say(const struct s40_cli *cli, const char *fmt_th, const char *fmt_en, ...)
	__attribute__((format(printf, 3, 4)));

/* As cli_say with texts already formatted. */
void cli_say_text(const struct s40_cli *cli, const char *th, const char *en);

/*
 * A change's confirmation in the chosen format: the text th / en, or with
 * --format json the object facts (stable keys: IDs, codes, ISO dates) with the
 * text added under "message_th" and "message_en", or with --format csv the same
 * as a header and one row. Takes facts (NULL: out of memory). Returns 0 or the
 * exit status.
 */
int cli_confirm(const struct s40_cli *cli, json_t *facts, const char *th, const char *en);

/* Pick the text for the language of output: th with --lang th, else en. */
const char *cli_tr(const struct s40_cli *cli, const char *th, const char *en);

/* Seconds on the monotonic clock. */
double cli_clock(void);

/*
 * A progress line on stderr, kept up to date in place ("\r" … erase to the end
 * of the line), for long commands on a terminal (the caller decides: isatty):
 *
 *   กำลังนำเข้า ██████░░░░░░░░░░░░░░  31% 3,100,000 แถว 412,000 แถว/วินาที เหลืออีก 0:17
 *
 * done of total is the work (bytes read, pages copied; total 0: unknown, no
 * bar and no time left), count the things done (rows; -1: none, the rate is
 * then of the work's units) and label a word after the verb (a table's name;
 * NULL: none). At most four updates a second.
 */
struct cli_progress {
	const struct s40_cli *cli;
	const char *verb_th, *verb_en; /* "กำลังนำเข้า", "importing" */
	const char *unit_th, *unit_en; /* what count counts: "แถว", "rows" */
	double start, last;
	bool shown;
};
void cli_progress_init(struct cli_progress *p, const struct s40_cli *cli, const char *verb_th,
		       const char *verb_en, const char *unit_th, const char *unit_en);
void cli_progress_show(struct cli_progress *p, int64_t done, int64_t total, int64_t count,
		       const char *label);
/* Clear the line, if one was shown. */
void cli_progress_end(struct cli_progress *p);

/* What cli_getopt returns besides an option's val. */
#define CLI_OPT_END (-1) /* no more options; operands start at optind */
#define CLI_OPT_FAIL (-2) /* wrong usage, reported; the command returns cli->opt_rc */
#define CLI_OPT_HELP (-3) /* -h/--help: the command's help was printed; return 0 */

/*
 * getopt_long for command cmd over its options opts (ended by a zero entry;
 * val > 0 and < 256 for each). The global options (--db, --format, --lang,
 * --user, --today) and -h/--help are accepted too and handled here, so they
 * may follow the command. Returns the val of the next option of the command
 * (its argument in optarg), CLI_OPT_END, CLI_OPT_FAIL or CLI_OPT_HELP.
 * Operands may come between options; after CLI_OPT_END they are
 * argv[optind..argc-1]. After CLI_OPT_FAIL or CLI_OPT_HELP the command returns
 * cli->opt_rc (the status of the reported error, or 0 after help).
 */
int cli_getopt(struct s40_cli *cli, const struct s40_cmd *cmd, int argc, char **argv,
	       const struct option *opts);

/*
 * Apply one global option (its long name, its argument) to cli. Returns 0, or
 * the exit status after reporting a bad value.
 */
int cli_global_option(struct s40_cli *cli, const char *name, const char *arg);

/* Print the program's help (usage, global options, commands, exit statuses) to f. */
void cli_help_program(const struct s40_cli *cli, FILE *f);

/* Print cmd's usage lines (usage may hold several, one per line), each as
 * "<indent>s40 <usage>". */
void cli_usage_lines(const struct s40_cli *cli, const struct s40_cmd *cmd, FILE *f,
		     const char *indent);

/* Print cmd's help (usage, Thai and English) to f. */
void cli_cmd_help(const struct s40_cli *cli, const struct s40_cmd *cmd, FILE *f);

/* The database as it may be printed: a password in a PostgreSQL URI masked. */
const char *cli_db_shown(struct s40_cli *cli);

/*
 * Open the database named by cli (creating it with create) and, when reg is
 * not NULL, set up a registry context on it acting as cli->user on cli->today.
 * Returns 0 with *st set, or the exit status after reporting the failure.
 * Close with s40_store_close.
 */
int cli_open(struct s40_cli *cli, bool create, struct s40_store **st, struct s40_reg *reg);

/* Print a JSON value (taking its reference) as one line on stdout; NULL is
 * out of memory. Returns 0 or an exit status. */
int cli_json_print(json_t *v);

/*
 * Render t in cli's format and language to stdout, or to --output FILE (written
 * beside it under a temporary name and renamed when complete, so a failure
 * leaves no half file). XLSX is refused to a terminal (it is binary) and
 * allowed to a pipe or a file. Returns 0 or an exit status.
 */
int cli_render(const struct s40_cli *cli, const struct s40_table *t);

struct s40_map;
/* The same, with map (NULL for none) on a page after the table's when the
 * format is PDF; the other formats leave it out. */
int cli_render_map(const struct s40_cli *cli, const struct s40_table *t, const struct s40_map *map);

/*
 * Write a PDF document (a receipt) through write(arg, f, ctx) to the file path
 * (beside it under a temporary name, renamed when complete) or, when path is
 * NULL, to stdout, which is refused when it is a terminal. Returns 0 or an
 * exit status after printing the error.
 */
int cli_write_pdf(const struct s40_cli *cli, const char *path,
		  enum s40_err (*write)(void *arg, FILE *f, struct s40_ctx *ctx), void *arg);

/*
 * Parsers for operands and option values that report their own failure: each
 * returns 0 with the value set, or the exit status after printing the error.
 * field names the value in the message ("id", "date").
 */
int cli_parse_id(const struct s40_cli *cli, const char *text, const char *field, int64_t *id);
int cli_parse_date(const struct s40_cli *cli, const char *text, const char *field, int32_t *day);
int cli_parse_area(const struct s40_cli *cli, const char *text, const char *field, int32_t *code);
int cli_parse_long(const struct s40_cli *cli, const char *text, const char *field, long min,
		   long max, long *v);
int cli_parse_option(const struct s40_cli *cli, const char *text, int *option);

/*
 * Print the as-of report of area (0: the country) at level (S40_LEVEL_NONE:
 * one below area) on day, in cli's format. Shared by report asof and demo.
 * Returns 0 or the exit status after the error.
 */
int cli_report_asof(struct s40_cli *cli, int32_t area, enum s40_level level, int32_t day);

/*
 * s40 report villages|tambons|prospects|attainment|trend … (report_campaign.c),
 * argv[0] the report's name: the exit status, or -1 when argv[0] is none of these.
 */
int cli_report_campaign(struct s40_cli *cli, int argc, char **argv);

/*
 * report lapsed and report contributions (report_ledger.c), argv[0] the
 * report's name. Return the exit status.
 */
int cli_report_lapsed(struct s40_cli *cli, int argc, char **argv);
int cli_report_contributions(struct s40_cli *cli, int argc, char **argv);

/*
 * The reports of the network and events (report_network.c): report network,
 * report events (also event list: cmd is the command whose help applies) and
 * report statement, each with argv[0] the report's name. Return the exit status.
 */
int cli_report_network(struct s40_cli *cli, int argc, char **argv);
int cli_report_events(struct s40_cli *cli, int argc, char **argv, const struct s40_cmd *cmd);
int cli_report_statement(struct s40_cli *cli, int argc, char **argv);

/* "นายสมชาย ใจดี" (title, first, last) into buf of size n; returns buf. */
struct s40_person;
char *cli_person_name_th(const struct s40_person *p, char *buf, size_t n);

/* The English name, or the Thai name when no English name is recorded. */
char *cli_person_name_en(const struct s40_person *p, char *buf, size_t n);

/* The name in the language of output: Thai with --lang th, else English. */
char *cli_person_name(const struct s40_cli *cli, const struct s40_person *p, char *buf, size_t n);

/* "พฤศจิกายน 2562" or "November 2019" for a month number, into buf (n ≥ 64). */
char *cli_month_name(enum s40_lang lang, int32_t month, char *buf, size_t n);

/* "8 พฤศจิกายน 2562" or "8 November 2019" for a day, into buf (n ≥ 64). */
char *cli_date_long(enum s40_lang lang, int32_t day, char *buf, size_t n);

#endif
