/*
 * cmd_report.c — s40 report asof: active Section 40 members per area on a day,
 * through the as-of index (built from the store), the report's table and the
 * renderer in the chosen format (the PDF with the map of the areas' points). Later reports join this file's table of kinds.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/area.h"
#include "registry/areas.h"
#include "registry/geo.h"
#include "report/asof.h"
#include "stats/asof.h"

/* s40 report asof [--date D] [--area CODE] [--level L] */
static int report_asof(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "area", required_argument, NULL, 'a' },
		{ "level", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date_text = NULL, *area_text = NULL, *level_text = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_report, argc, argv, opts)) > 0) {
		if (c == 'D')
			date_text = optarg;
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
	int32_t day = cli->today, area = 0;
	enum s40_level level = S40_LEVEL_NONE;
	int rc;
	if ((date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0) ||
	    (area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0))
		return rc;
	if (level_text != NULL) {
		level = s40_level_parse(level_text);
		if (level == S40_LEVEL_NONE)
			return cli_failf(
				cli, S40_E_BAD_VALUE, "level",
				"ระดับต้องเป็น province, district, subdistrict หรือ "
				"village: %s",
				"the level is province, district, subdistrict or village: %s",
				level_text);
		if (area != 0 && level <= s40_area_level(area))
			return cli_failf(cli, S40_E_BAD_VALUE, "level", "ระดับต้องต่ำกว่าพื้นที่ %s",
					 "the level must be below area %s", area_text);
	}
	return cli_report_asof(cli, area, level, day);
}

int cli_report_asof(struct s40_cli *cli, int32_t area, enum s40_level level, int32_t day)
{
	struct s40_store *st;
	int rc = cli_open(cli, false, &st, NULL);
	if (rc != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	struct s40_asof *ix = NULL;
	if ((area != 0 && s40_area_get(st, area, &rec, &ctx) != S40_OK) ||
	    s40_asof_build_area(st, area, &ix, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	struct s40_map map = { 0 };
	if (s40_report_asof(st, ix, area, level, day, &t, &ctx) != S40_OK ||
	    (cli->format == S40_FMT_PDF &&
	     s40_report_asof_map(&t, area, level, s40_geo_point, &map, &ctx) != S40_OK))
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render_map(cli, &t, map.n_areas > 0 ? &map : NULL);
	s40_map_free(&map);
	s40_table_free(&t);
	s40_asof_free(ix);
	s40_store_close(st);
	return rc;
}

/* s40 report KIND … */
static int cmd_report_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_report, "ต้องระบุชนิดของรายงาน เช่น asof",
				 "give the kind of report, e.g. asof");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_report, stdout);
		return 0;
	}
	if (strcmp(argv[1], "asof") == 0)
		return report_asof(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "network") == 0)
		return cli_report_network(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "events") == 0)
		return cli_report_events(cli, argc - 1, argv + 1, &cmd_report);
	if (strcmp(argv[1], "statement") == 0)
		return cli_report_statement(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "lapsed") == 0)
		return cli_report_lapsed(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "contributions") == 0)
		return cli_report_contributions(cli, argc - 1, argv + 1);
	int crc = cli_report_campaign(cli, argc - 1, argv + 1);
	if (crc >= 0)
		return crc;
	return cli_usage(cli, &cmd_report, "ไม่รู้จักรายงาน %s", "unknown report %s", argv[1]);
}

const struct s40_cmd cmd_report = {
	.name = "report",
	.usage = "report asof [--date D] [--area CODE] "
		 "[--level province|district|subdistrict|village]\n"
		 "report villages --date D --area CODE\n"
		 "report tambons --date D --area CODE\n"
		 "report coverage [--date D] [--area CODE] [--level L]\n"
		 "report prospects --village CODE --date D\n"
		 "report attainment --fy 2562 [--date D] [--area CODE] [--level L]\n"
		 "report trend --fy 2562 --area CODE [--date D] [--period month|week]\n"
		 "report network --fy FY [--area CODE] [--date D]\n"
		 "report events [--area CODE] [--fy FY]\n"
		 "report statement --area CODE [--date D]\n"
		 "report lapsed [--date D] [--area CODE] [--lapse MONTHS] [--order worst|newest] "
		 "[--status arrears|lapsed] [--assignee ID|none]\n"
		 "report contributions [--from M] [--to M] [--area CODE] [--level L]",
	.help_th = "รายงานจำนวนผู้ประกันตนมาตรา 40 ที่ยังเป็นสมาชิก ณ วันที่ระบุ ตามพื้นที่",
	.help_en = "active Section 40 members per area on a day (today unless --date)",
	.run = cmd_report_run,
};
