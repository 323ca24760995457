/*
 * cmd_init.c — s40 init: create the database (schema by migration) and load
 * the geography built into the program, then say what the database holds.
 * Running it again on a database that holds the geography changes nothing.
 */
#include <stdio.h>

#include <jansson.h>

#include "cli.h"
#include "core/area.h"
#include "core/thai.h"
#include "registry/areas.h"

/* Count the areas of the store by level (villages: real หมู่ only, not part 00). */
static enum s40_err areas_count(struct s40_store *st, long n[5], struct s40_ctx *ctx)
{
	for (int i = 0; i < 5; i++)
		n[i] = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_ALL, ctx);
	if (s == NULL)
		return ctx->code;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t code = (int32_t)s40_col_int64(s, 0);
		enum s40_level level = s40_area_level(code);
		if (level == S40_LEVEL_VILLAGE && s40_area_no_village(code))
			continue;
		if (level >= S40_LEVEL_PROVINCE && level <= S40_LEVEL_VILLAGE)
			n[level]++;
	}
	s40_stmt_reset(s);
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

/*
 * Print the counts (after "loaded" or "holds"): with --format json or csv one
 * record for scripts, else a line in Thai or English.
 */
static void counts_print(struct s40_cli *cli, const long n[5], int loaded)
{
	char a[32], b[32], c[32], d[32];
	s40_format_int(n[1], a, sizeof a);
	s40_format_int(n[2], b, sizeof b);
	s40_format_int(n[3], c, sizeof c);
	s40_format_int(n[4], d, sizeof d);
	if (cli->format == S40_FMT_JSON) {
		cli_json_print(json_pack("{s:s, s:b, s:I, s:I, s:I, s:I}", "db", cli_db_shown(cli), "loaded",
					 loaded, "provinces", (json_int_t)n[1], "districts",
					 (json_int_t)n[2], "subdistricts", (json_int_t)n[3],
					 "villages", (json_int_t)n[4]));
		return;
	}
	if (cli->format == S40_FMT_CSV) {
		printf("loaded,provinces,districts,subdistricts,villages\n%d,%ld,%ld,%ld,%ld\n",
		       loaded, n[1], n[2], n[3], n[4]);
		return;
	}
	if (cli->lang == S40_LANG_EN)
		printf("%s: %s provinces, %s districts, %s subdistricts, %s villages\n",
		       loaded ? "loaded areas" : "areas held", a, b, c, d);
	else
		printf("%s: %s จังหวัด %s อำเภอ %s ตำบล %s หมู่บ้าน\n",
		       loaded ? "โหลดข้อมูลพื้นที่แล้ว" : "ข้อมูลพื้นที่ที่มีอยู่", a, b, c, d);
}

/* s40 init */
static int cmd_init_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_init, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_init, "ไม่ต้องมีอาร์กิวเมนต์: %s", "takes no arguments: %s",
				 argv[optind]);

	struct s40_store *st;
	struct s40_reg reg;
	int rc = cli_open(cli, true, &st, &reg);
	if (rc != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	long before[5], after[5];
	if (areas_count(st, before, &ctx) != S40_OK || s40_areas_load(&reg, &ctx) != S40_OK ||
	    areas_count(st, after, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);

	int loaded = before[1] == 0 && after[1] > 0;
	if (cli->format == S40_FMT_TABLE) {
		if (loaded)
			cli_say(cli, "สร้างฐานข้อมูล %s แล้ว", "created the database %s", cli_db_shown(cli));
		else
			cli_say(cli, "ฐานข้อมูล %s มีข้อมูลพื้นที่อยู่แล้ว ไม่มีการเปลี่ยนแปลง",
				"the database %s holds the areas already; nothing changed",
				cli_db_shown(cli));
	}
	counts_print(cli, after, loaded);
	return 0;
}

const struct s40_cmd cmd_init = {
	.name = "init",
	.usage = "init [--db FILE]",
	.help_th = "สร้างฐานข้อมูลและโหลดข้อมูลจังหวัด อำเภอ ตำบล หมู่บ้าน",
	.help_en = "create the database and load the provinces, districts, subdistricts and "
		   "villages",
	.run = cmd_init_run,
};
