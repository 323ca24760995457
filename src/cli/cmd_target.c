/*
 * cmd_target.c — s40 target: set a fiscal year's target of new Section 40
 * enrolments for an area, allocate it to the areas below (by share of surveyed
 * eligible residents, or by hand), and show the targets with their attainment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/target.h"
#include "stats/attainment.h"
#include "stats/coverage.h"

#define MAX_SET 512

struct targs {
	long fy;
	int32_t area, day;
	long n;
	const char *by;
	struct s40_alloc set[MAX_SET];
	size_t n_set;
	int has_fy, has_area, has_n, has_date;
};

static int parse(struct s40_cli *cli, int argc, char **argv, struct targs *a)
{
	static const struct option opts[] = {
		{ "fy", required_argument, NULL, 'y' },
		{ "area", required_argument, NULL, 'a' },
		{ "target", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ "set", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof *a);
	a->day = cli->today;
	int c, rc = 0;
	while (rc == 0 && (c = cli_getopt(cli, &cmd_target, argc, argv, opts)) > 0) {
		switch (c) {
		case 'y':
			rc = cli_parse_long(cli, optarg, "fy", S40_FY_MIN, S40_FY_MAX, &a->fy);
			a->has_fy = 1;
			break;
		case 'a':
			rc = cli_parse_area(cli, optarg, "area", &a->area);
			a->has_area = 1;
			break;
		case 'n':
			rc = cli_parse_long(cli, optarg, "target", 0, 100000000, &a->n);
			a->has_n = 1;
			break;
		case 'b':
			a->by = optarg;
			break;
		case 'D':
			rc = cli_parse_date(cli, optarg, "date", &a->day);
			a->has_date = 1;
			break;
		case 's': {
			char code[32];
			const char *eq = strchr(optarg, '=');
			long n = 0;
			if (eq == NULL || (size_t)(eq - optarg) >= sizeof code) {
				rc = cli_usage(cli, &cmd_target, "--set ต้องเขียนเป็น รหัส=จำนวน: %s",
					       "--set is CODE=NUMBER: %s", optarg);
				break;
			}
			if (a->n_set == MAX_SET) {
				rc = cli_failf(cli, S40_E_LIMIT, "set", "--set ได้ไม่เกิน %d ครั้ง",
					       "at most %d --set", MAX_SET);
				break;
			}
			memcpy(code, optarg, (size_t)(eq - optarg));
			code[eq - optarg] = '\0';
			if ((rc = cli_parse_area(cli, code, "set", &a->set[a->n_set].area)) ||
			    (rc = cli_parse_long(cli, eq + 1, "set", 0, 100000000, &n)))
				break;
			a->set[a->n_set++].n = n;
			break;
		}
		}
	}
	if (rc)
		return rc;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_target, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	if (!a->has_fy)
		return cli_usage(cli, &cmd_target, "ต้องระบุ --fy ปีงบประมาณ เช่น 2562",
				 "--fy is required, e.g. 2562");
	return 0;
}

static int target_set(struct s40_cli *cli, const struct targs *a)
{
	if (!a->has_area || !a->has_n)
		return cli_usage(cli, &cmd_target, "target set ต้องระบุ --area และ --target",
				 "target set needs --area and --target");
	struct s40_store *st;
	struct s40_reg reg;
	int rc = cli_open(cli, false, &st, &reg);
	if (rc)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	long cleared = 0;
	char place[512];
	if (s40_target_set(&reg, (int)a->fy, a->area, a->n, &cleared, &ctx) ||
	    s40_area_full_name(st, a->area, S40_LANG_TH, place, sizeof place, &ctx)) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	char num[32], th[768], en[768];
	s40_format_int(a->n, num, sizeof num);
	snprintf(th, sizeof th, "เป้าหมายปีงบประมาณ %ld ของ%s: %s คน", a->fy, place, num);
	snprintf(en, sizeof en, "target for fiscal year %ld, %s", a->fy, num);
	if (cli->format == S40_FMT_JSON || cli->format == S40_FMT_CSV)
		return cli_confirm(cli,
				   json_pack("{s:i, s:i, s:I, s:I}", "fy", (int)a->fy, "area",
					     (int)a->area, "target", (json_int_t)a->n,
					     "allocations_removed", (json_int_t)cleared),
				   th, en);
	cli_say_text(cli, th, en);
	if (cleared)
		cli_say(cli, "ลบการจัดสรรเดิมของพื้นที่ย่อย %ld รายการ: จัดสรรใหม่ด้วย s40 target allocate",
			"%ld allocations below were removed: allocate again with s40 target "
			"allocate",
			cleared);
	return 0;
}

/* Print the children's targets after an allocation. */
static int show(struct s40_cli *cli, struct s40_store *st, const struct targs *a,
		int children_only);

static int target_allocate(struct s40_cli *cli, struct targs *a)
{
	if (!a->has_area)
		return cli_usage(cli, &cmd_target, "target allocate ต้องระบุ --area",
				 "target allocate needs --area");
	int share = a->by && (strcmp(a->by, "share") == 0 || strcmp(a->by, "สัดส่วน") == 0);
	if (a->by && !share)
		return cli_usage(cli, &cmd_target, "--by ต้องเป็น share", "--by is share");
	if (share == (a->n_set > 0))
		return cli_usage(cli, &cmd_target,
				 "ระบุ --by share หรือ --set รหัส=จำนวน อย่างใดอย่างหนึ่ง",
				 "give either --by share or --set CODE=NUMBER");
	/* The surveys in force on --date, else on the year's last day or today if earlier. */
	int32_t day = a->day;
	if (!a->has_date) {
		int32_t last = s40_fiscal_year_last_day((int)a->fy);
		day = cli->today < last ? cli->today : last;
	}
	struct s40_store *st;
	struct s40_reg reg;
	int rc = cli_open(cli, false, &st, &reg);
	if (rc)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	long cleared = 0;
	enum s40_err e = share ? s40_coverage_allocate_target(&reg, (int)a->fy, a->area, day,
							      &cleared, &ctx) :
				 s40_target_allocate(&reg, (int)a->fy, a->area, a->set, a->n_set,
						     &cleared, &ctx);
	if (e) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	if (cleared)
		cli_say(cli, "ลบการจัดสรรเดิมที่ต่ำลงไป %ld รายการ",
			"%ld allocations further below removed", cleared);
	rc = show(cli, st, a, 1);
	s40_store_close(st);
	return rc;
}

static int show(struct s40_cli *cli, struct s40_store *st, const struct targs *a, int children_only)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_target *v = NULL;
	size_t n = 0;
	struct s40_attain_ix *ix = NULL;
	struct s40_table t;
	s40_table_init(&t, "เป้าหมายผู้ประกันตนมาตรา 40 รายใหม่", "Targets of new Section 40 members");
	char sub_th[256], sub_en[256], d[64];
	snprintf(sub_th, sizeof sub_th, "ปีงบประมาณ %ld ผลงานถึงวันที่ %s", a->fy,
		 s40_date_th_long(a->day, d, sizeof d));
	snprintf(sub_en, sizeof sub_en, "fiscal year %ld, attainment as of %s", a->fy,
		 s40_date_iso(a->day, d, sizeof d));
	enum s40_err e = s40_target_list(st, (int)a->fy, a->has_area ? a->area : 0, &v, &n, &ctx);
	if (e == S40_OK)
		e = s40_attain_build_area(st, a->has_area ? a->area : 0, &ix, &ctx);
	if (e == S40_OK &&
	    (s40_table_subtitle(&t, sub_th, sub_en) ||
	     s40_table_add_col(&t, "code", "รหัส", "code", S40_COL_CODE) ||
	     s40_table_add_col(&t, "name", "พื้นที่", "area", S40_COL_TEXT) ||
	     s40_table_add_col(&t, "target", "เป้าหมาย", "target", S40_COL_INT) ||
	     s40_table_add_col(&t, "how", "ที่มา", "how", S40_COL_TEXT) ||
	     s40_table_add_col(&t, "allocated", "จัดสรรลงพื้นที่ย่อย", "allocated below", S40_COL_INT) ||
	     s40_table_add_col(&t, "new_members", "ผู้ประกันตนรายใหม่", "new members", S40_COL_INT) ||
	     s40_table_add_col(&t, "attainment", "ผลงานเทียบเป้าหมาย", "attainment",
			       S40_COL_PERCENT)))
		e = s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t i = 0; i < n && e == S40_OK; i++) {
		if (children_only && s40_area_parent(v[i].area) != a->area)
			continue;
		struct s40_area_rec ar;
		int64_t below = -1;
		for (size_t j = 0; j < n; j++)
			if (s40_area_parent(v[j].area) == v[i].area)
				below = (below < 0 ? 0 : below) + v[j].n;
		struct s40_attainment at;
		if ((e = s40_area_get(st, v[i].area, &ar, &ctx)) ||
		    (e = s40_attainment(st, ix, (int)a->fy, v[i].area, a->day, &at, &ctx)))
			break;
		if (s40_table_add_row(&t) || s40_table_set_text(&t, 1, ar.name_th) ||
		    s40_table_set_text(&t, 3, s40_target_how_name(v[i].how, cli->lang))) {
			e = s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
			break;
		}
		s40_table_set_int(&t, 0, v[i].area);
		s40_table_set_int(&t, 2, v[i].n);
		if (below >= 0)
			s40_table_set_int(&t, 4, below);
		s40_table_set_int(&t, 5, at.achieved);
		if (at.pct >= 0)
			s40_table_set_int(&t, 6, at.pct);
	}
	int rc = e ? cli_fail(cli, &ctx) : cli_render(cli, &t);
	s40_table_free(&t);
	s40_attain_free(ix);
	free(v);
	return rc;
}

/* s40 target set|allocate|show … */
static int cmd_target_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_target, "ต้องระบุ set, allocate หรือ show",
				 "give set, allocate or show");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_target, stdout);
		return 0;
	}
	struct targs *a = malloc(sizeof *a);
	if (a == NULL)
		return cli_failf(cli, S40_E_NOMEM, NULL, NULL, NULL);
	int rc;
	if (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "allocate") != 0 &&
	    strcmp(argv[1], "show") != 0)
		rc = cli_usage(cli, &cmd_target, "ไม่รู้จัก target %s", "unknown target %s", argv[1]);
	else if ((rc = parse(cli, argc - 1, argv + 1, a)) != 0)
		;
	else if (strcmp(argv[1], "set") == 0)
		rc = target_set(cli, a);
	else if (strcmp(argv[1], "allocate") == 0)
		rc = target_allocate(cli, a);
	else {
		struct s40_store *st;
		if ((rc = cli_open(cli, false, &st, NULL)) == 0) {
			rc = show(cli, st, a, 0);
			s40_store_close(st);
		}
	}
	free(a);
	return rc;
}

const struct s40_cmd cmd_target = {
	.name = "target",
	.usage = "target set --fy 2562 --area CODE --target N\n"
		 "target allocate --fy 2562 --area CODE --by share [--date D]\n"
		 "target allocate --fy 2562 --area CODE --set CODE=N [--set CODE=N]...\n"
		 "target show --fy 2562 [--area CODE] [--date D]",
	.help_th = "เป้าหมายผู้ประกันตนมาตรา 40 รายใหม่ตามปีงบประมาณ: กำหนด จัดสรรลงพื้นที่ย่อย "
		   "(ตามสัดส่วนผู้มีสิทธิที่สำรวจ หรือกำหนดเอง ต้องรวมได้เท่าเป้าหมาย) และดูผลงาน",
	.help_en = "fiscal-year targets of new Section 40 members: set, allocate to the areas "
		   "below (by share of surveyed eligible residents, or by hand; must add up) "
		   "and show with attainment",
	.run = cmd_target_run,
};
