/*
 * report_campaign.c — the campaign's reports under s40 report: villages,
 * tambons, prospects, attainment and trend. Each parses its options, opens the
 * store read-only in spirit (no change is made), fills the report's table from
 * lib/report/campaign.c and renders it in the chosen format (--format,
 * --output, as every report).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/area.h"
#include "core/date.h"
#include "report/campaign.h"
#include "stats/attainment.h"

enum kind {
	K_VILLAGES,
	K_TAMBONS,
	K_PROSPECTS,
	K_ATTAINMENT,
	K_TREND,
	K_COVERAGE
};

struct args {
	int32_t day, area, village;
	long fy;
	enum s40_level level;
	enum s40_trend_period period;
	int has_area, has_village, has_fy;
};

/* Parse the options every campaign report shares; the caller checks which it
 * needs. Returns 0 or the exit status. */
static int parse(struct s40_cli *cli, int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "area", required_argument, NULL, 'a' },
		{ "village", required_argument, NULL, 'v' },
		{ "fy", required_argument, NULL, 'y' },
		{ "level", required_argument, NULL, 'l' },
		{ "period", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL, *area = NULL, *village = NULL, *fy = NULL, *level = NULL,
		   *period = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		switch (c) {
		case 'D':
			date = optarg;
			break;
		case 'a':
			area = optarg;
			break;
		case 'v':
			village = optarg;
			break;
		case 'y':
			fy = optarg;
			break;
		case 'l':
			level = optarg;
			break;
		case 'p':
			period = optarg;
			break;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_report, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	memset(a, 0, sizeof *a);
	a->day = cli->today;
	int rc;
	if ((date && (rc = cli_parse_date(cli, date, "date", &a->day)) != 0) ||
	    (area && (rc = cli_parse_area(cli, area, "area", &a->area)) != 0) ||
	    (village && (rc = cli_parse_area(cli, village, "village", &a->village)) != 0) ||
	    (fy && (rc = cli_parse_long(cli, fy, "fy", S40_FY_MIN, S40_FY_MAX, &a->fy)) != 0))
		return rc;
	a->has_area = area != NULL;
	a->has_village = village != NULL;
	a->has_fy = fy != NULL;
	if (level) {
		a->level = s40_level_parse(level);
		if (a->level == S40_LEVEL_NONE)
			return cli_failf(
				cli, S40_E_BAD_VALUE, "level",
				"ระดับต้องเป็น province, district, subdistrict หรือ village: %s",
				"the level is province, district, subdistrict or village: %s",
				level);
	}
	if (period) {
		if (strcmp(period, "week") == 0 || strcmp(period, "สัปดาห์") == 0)
			a->period = S40_TREND_WEEK;
		else if (strcmp(period, "month") == 0 || strcmp(period, "เดือน") == 0)
			a->period = S40_TREND_MONTH;
		else
			return cli_failf(cli, S40_E_BAD_VALUE, "period",
					 "--period ต้องเป็น week หรือ month: %s",
					 "--period is week or month: %s", period);
	}
	return 0;
}

static int run(struct s40_cli *cli, enum kind k, const struct args *a)
{
	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	enum s40_err e = S40_OK;
	int fy = a->has_fy ? (int)a->fy : s40_fiscal_year(a->day);
	switch (k) {
	case K_VILLAGES:
		e = s40_report_villages(st, a->area, a->day, &t, &ctx);
		break;
	case K_TAMBONS:
		e = s40_report_tambons(st, a->area, a->day, &t, &ctx);
		break;
	case K_PROSPECTS:
		e = s40_report_prospects(st, a->village, a->day, 0, &t, &ctx);
		break;
	case K_ATTAINMENT:
		e = s40_report_attainment(st, NULL, fy, a->area, a->level, a->day, &t, &ctx);
		break;
	case K_TREND:
		e = s40_report_trend(st, NULL, fy, a->area, a->day, a->period, &t, &ctx);
		break;
	case K_COVERAGE:
		e = s40_report_coverage(st, NULL, a->area, a->level, a->day, &t, &ctx);
		break;
	}
	rc = e != S40_OK ? cli_fail(cli, &ctx) : cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

int cli_report_campaign(struct s40_cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		enum kind k;
	} kinds[] = {
		{ "villages", K_VILLAGES },	{ "tambons", K_TAMBONS },
		{ "subdistricts", K_TAMBONS },	{ "prospects", K_PROSPECTS },
		{ "attainment", K_ATTAINMENT }, { "trend", K_TREND },
		{ "coverage", K_COVERAGE },
	};
	size_t i = 0;
	while (i < sizeof kinds / sizeof kinds[0] && strcmp(kinds[i].name, argv[0]) != 0)
		i++;
	if (i == sizeof kinds / sizeof kinds[0])
		return -1;
	enum kind k = kinds[i].k;
	struct args a;
	int rc = parse(cli, argc, argv, &a);
	if (rc != 0)
		return rc;
	if (k == K_PROSPECTS && !a.has_village)
		return cli_usage(cli, &cmd_report, "รายงาน prospects ต้องระบุ --village รหัสหมู่บ้าน",
				 "report prospects needs --village CODE");
	if (k == K_PROSPECTS && s40_area_level(a.village) != S40_LEVEL_VILLAGE)
		return cli_failf(cli, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %d",
				 "a village code has 8 digits: %d", (int)a.village);
	if (k != K_PROSPECTS && a.has_village)
		return cli_usage(cli, &cmd_report, "--village ใช้กับรายงาน prospects เท่านั้น",
				 "--village goes only with report prospects");
	if (k == K_TREND && !a.has_fy)
		return cli_usage(cli, &cmd_report, "รายงาน trend ต้องระบุ --fy ปีงบประมาณ เช่น 2562",
				 "report trend needs --fy, e.g. 2562");
	if (a.level != S40_LEVEL_NONE && k != K_ATTAINMENT && k != K_COVERAGE)
		return cli_usage(cli, &cmd_report, "--level ใช้กับรายงาน attainment และ coverage",
				 "--level goes with report attainment and coverage");
	if (a.level != S40_LEVEL_NONE && a.area != 0 && a.level <= s40_area_level(a.area))
		return cli_failf(cli, S40_E_BAD_VALUE, "level", "ระดับต้องต่ำกว่าพื้นที่ %d",
				 "the level must be below area %d", (int)a.area);
	return run(cli, k, &a);
}
