/*
 * report_network.c — s40 report network|events|statement: the network's
 * results in a fiscal year, the field events, and the progress statement.
 * Tables go through cli_render (every format, --output); the statement prints
 * its paragraph in the table format and its facts in the others.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "registry/areas.h"
#include "report/network.h"
#include "report/statement.h"

/* Read "2562" (a BE fiscal year) into *fy; 0 or the exit status. */
static int parse_fy(const struct s40_cli *cli, const char *text, int *fy)
{
	long v;
	int rc = cli_parse_long(cli, text, "fy", S40_FY_MIN, S40_FY_MAX, &v);
	if (rc == 0)
		*fy = (int)v;
	return rc;
}

/* Check that area exists (0 always does); 0 or the exit status. */
static int check_area(struct s40_cli *cli, struct s40_store *st, int32_t area)
{
	struct s40_area_rec rec;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (area != 0 && s40_area_get(st, area, &rec, &ctx) != S40_OK)
		return cli_fail(cli, &ctx);
	return 0;
}

/* s40 report network --fy FY [--area CODE] [--date D] */
int cli_report_network(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "fy", required_argument, NULL, 'y' },
		{ "area", required_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *fy_text = NULL, *area_text = NULL, *date_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		if (c == 'y')
			fy_text = optarg;
		else if (c == 'a')
			area_text = optarg;
		else if (c == 'D')
			date_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_report, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	int fy = s40_fiscal_year(cli->today);
	int32_t area = 0, day = S40_NO_DAY;
	if ((fy_text && (rc = parse_fy(cli, fy_text, &fy)) != 0) ||
	    (area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0) ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;
	if (day == S40_NO_DAY) {
		/* As of the year's last day, or today while the year runs. */
		int32_t last = s40_fiscal_year_last_day(fy);
		day = cli->today < last ? cli->today : last;
	}
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	if ((rc = check_area(cli, st, area)) != 0) {
		s40_store_close(st);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	if (s40_report_network(st, fy, area, day, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

int cli_report_events(struct s40_cli *cli, int argc, char **argv, const struct s40_cmd *cmd)
{
	static const struct option opts[] = {
		{ "fy", required_argument, NULL, 'y' },
		{ "area", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *fy_text = NULL, *area_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, cmd, argc, argv, opts)) > 0) {
		if (c == 'y')
			fy_text = optarg;
		else if (c == 'a')
			area_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, cmd, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s", argv[optind]);
	int fy = 0;
	int32_t area = 0;
	if ((fy_text && (rc = parse_fy(cli, fy_text, &fy)) != 0) ||
	    (area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0))
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	if ((rc = check_area(cli, st, area)) != 0) {
		s40_store_close(st);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	if (s40_report_events(st, area, fy, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

/* s40 report statement --area CODE [--date D] */
int cli_report_statement(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "area", required_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *area_text = NULL, *date_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		if (c == 'a')
			area_text = optarg;
		else if (c == 'D')
			date_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_report, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	if (area_text == NULL)
		return cli_usage(cli, &cmd_report, "ต้องระบุ --area", "--area is required");
	int32_t area = 0, day = cli->today;
	if ((rc = cli_parse_area(cli, area_text, "area", &area)) != 0 ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_statement s;
	if (s40_statement_build(st, NULL, NULL, area, day, &s, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	if (cli->format == S40_FMT_TABLE && cli->output == NULL) {
		printf("%s\n", cli->lang == S40_LANG_EN ? s.text_en : s.text_th);
		rc = 0;
	} else {
		struct s40_table t;
		s40_table_init(&t, NULL, NULL);
		if (s40_statement_table(st, &s, &t, &ctx) != S40_OK)
			rc = cli_fail(cli, &ctx);
		else
			rc = cli_render(cli, &t);
		s40_table_free(&t);
	}
	s40_statement_free(&s);
	s40_store_close(st);
	return rc;
}
