/*
 * report_ledger.c — s40 report lapsed and s40 report contributions: the
 * follow-up list of members in arrears or lapsed, and the contributions
 * collected per area per month (lib/report/ledger.c), in the chosen format.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/ledger.h"
#include "report/ledger.h"

/* Check that area (0: everywhere) exists; 0 or the exit status. */
static int area_known(struct s40_cli *cli, struct s40_store *st, int32_t area)
{
	if (area == 0)
		return 0;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	return s40_area_get(st, area, &rec, &ctx) == S40_OK ? 0 : cli_fail(cli, &ctx);
}

/* s40 report lapsed [--date D] [--area CODE] [--lapse N] [--order worst|newest]
 * [--status arrears|lapsed] [--assignee ID|none] */
int cli_report_lapsed(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "area", required_argument, NULL, 'a' },
		{ "lapse", required_argument, NULL, 'l' },
		{ "order", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "assignee", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL, *area_text = NULL, *lapse_text = NULL, *order = NULL,
		   *status = NULL, *assignee = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		if (c == 'D')
			date = optarg;
		else if (c == 'a')
			area_text = optarg;
		else if (c == 'l')
			lapse_text = optarg;
		else if (c == 'o')
			order = optarg;
		else if (c == 's')
			status = optarg;
		else if (c == 'A')
			assignee = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_report, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	int32_t day = cli->today, area = 0;
	long lapse = S40_LAPSE_MONTHS;
	int rc;
	struct s40_lapsed_view view = { 0, 0, 0 };
	if (order != NULL && strcmp(order, "worst") != 0) {
		if (strcmp(order, "newest") != 0)
			return cli_failf(cli, S40_E_BAD_VALUE, "order",
					 "order ต้องเป็น worst (ค้างนานที่สุดก่อน) หรือ newest "
					 "(เพิ่งค้างก่อน): %s",
					 "order is worst (most months unpaid first) or newest (the "
					 "newest lapses first): %s",
					 order);
		view.newest = 1;
	}
	if (status != NULL) {
		if (strcmp(status, "arrears") == 0)
			view.status = S40_STANDING_ARREARS;
		else if (strcmp(status, "lapsed") == 0)
			view.status = S40_STANDING_LAPSED;
		else
			return cli_failf(cli, S40_E_BAD_VALUE, "status",
					 "status ต้องเป็น arrears (ค้างชำระ) หรือ lapsed (ขาดส่ง): %s",
					 "status is arrears or lapsed: %s", status);
	}
	if (assignee != NULL) {
		if (strcmp(assignee, "none") == 0)
			view.assignee = -1;
		else if ((rc = cli_parse_id(cli, assignee, "assignee", &view.assignee)) != 0)
			return rc;
	}
	if ((date && (rc = cli_parse_date(cli, date, "date", &day)) != 0) ||
	    (area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0) ||
	    (lapse_text && (rc = cli_parse_long(cli, lapse_text, "lapse", 1, 120, &lapse)) != 0))
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	if ((rc = area_known(cli, st, area)) != 0) {
		s40_store_close(st);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, "รายชื่อผู้ประกันตนที่ค้างชำระเงินสมทบ", "members in arrears");
	if (s40_report_lapsed_page(st, -1, area, day, (int)lapse, 0, &view, 0, SIZE_MAX, &t,
				   NULL, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

/* s40 report contributions --from M --to M [--area CODE] [--level L] */
int cli_report_contributions(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "area", required_argument, NULL, 'a' },
		{ "level", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from_text = NULL, *to_text = NULL, *area_text = NULL, *level_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		if (c == 'f')
			from_text = optarg;
		else if (c == 't')
			to_text = optarg;
		else if (c == 'a')
			area_text = optarg;
		else if (c == 'l')
			level_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_report, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	int32_t area = 0, from, to;
	int rc;
	if (area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	/* Default: the twelve months up to the month of today. */
	to = s40_day_month(cli->today);
	if ((to_text && s40_month_parse(to_text, "to", &to, &ctx)) ||
	    (from = to - 11, from_text && s40_month_parse(from_text, "from", &from, &ctx)))
		return cli_fail(cli, &ctx);
	enum s40_level level = S40_LEVEL_NONE;
	if (level_text != NULL) {
		level = s40_level_parse(level_text);
		if (level == S40_LEVEL_NONE)
			return cli_failf(cli, S40_E_BAD_VALUE, "level",
					 "ระดับต้องเป็น province, district, subdistrict หรือ "
					 "village: %s",
					 "the level is province, district, subdistrict or village: %s",
					 level_text);
		if (area != 0 && level < s40_area_level(area))
			return cli_failf(cli, S40_E_BAD_VALUE, "level",
					 "ระดับต้องไม่สูงกว่าพื้นที่ %s",
					 "the level must not be above area %s", area_text);
	}
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	if ((rc = area_known(cli, st, area)) != 0) {
		s40_store_close(st);
		return rc;
	}
	struct s40_table t;
	s40_table_init(&t, "เงินสมทบที่เก็บได้รายเดือน", "contributions collected by month");
	if (s40_report_contributions(st, area, level, from, to, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}
