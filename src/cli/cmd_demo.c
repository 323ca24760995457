/*
 * cmd_demo.c — s40 demo: create (or initialise) the database, build the
 * synthetic Samut Songkhram from a seed (lib/io/demo.h) and show the as-of
 * report of province 75 on 31 October 2019, which reads 17,093. A database
 * that already holds persons is refused and left as it was.
 *
 * On PostgreSQL the demo's registry operations would cost some three million
 * round trips to the server (minutes, where SQLite takes seconds): a new, empty
 * PostgreSQL database gets the demo built in a temporary SQLite file and copied
 * over whole (s40_store_copy), which writes the same rows and the same journal.
 * One that holds data already (s40 init's areas) is built in directly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/date.h"
#include "core/thai.h"
#include "io/demo.h"
#include "registry/areas.h"
#include "report/asof.h"
#include "stats/asof.h"
#include "store/copy.h"

/* The report as a JSON value (rendered by the table's own JSON renderer). */
static json_t *report_json(struct s40_store *st, int32_t day, struct s40_ctx *ctx)
{
	struct s40_asof *ix = NULL;
	if (s40_asof_build(st, &ix, ctx) != S40_OK)
		return NULL;
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	char *text = NULL;
	size_t len = 0;
	json_t *v = NULL;
	FILE *m = open_memstream(&text, &len);
	if (m != NULL &&
	    s40_report_asof(st, ix, S40_DEMO_PROVINCE, S40_LEVEL_NONE, day, &t, ctx) == S40_OK &&
	    s40_table_render(&t, S40_FMT_JSON, S40_LANG_TH, m, ctx) == S40_OK) {
		fclose(m);
		m = NULL;
		v = json_loadb(text, len, 0, NULL);
		if (v == NULL)
			s40_errorf(ctx, S40_E_INTERNAL, NULL, "อ่าน JSON ของรายงานไม่ได้",
				   "the report's JSON could not be read");
	}
	if (m != NULL)
		fclose(m);
	free(text);
	s40_table_free(&t);
	s40_asof_free(ix);
	return v;
}

/* Remove a temporary SQLite file and its companions. */
static void temp_remove(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[600];
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* Build the demo into dest (a new PostgreSQL database) through a temporary
 * SQLite file, then copy it over whole. */
static enum s40_err build_by_copy(struct s40_cli *cli, struct s40_store *dest, uint64_t seed,
				  struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/s40-demo-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return s40_errorf(ctx, S40_E_IO, NULL, "สร้างไฟล์ชั่วคราว %s ไม่ได้",
				  "cannot create the temporary file %s", path);
	close(fd);
	struct s40_store *tmp = NULL;
	enum s40_err rc = s40_store_open(path, true, &tmp, ctx);
	if (rc == S40_OK) {
		struct s40_reg reg;
		s40_reg_init(&reg, tmp, cli->user, cli->today);
		if ((rc = s40_areas_load(&reg, ctx)) == S40_OK &&
		    (rc = s40_demo_build(&reg, seed, sum, ctx)) == S40_OK)
			rc = s40_store_copy(tmp, dest, NULL, NULL, NULL, ctx);
	}
	s40_store_close(tmp);
	temp_remove(path);
	return rc;
}

/* s40 demo [--seed N] */
static int cmd_demo_run(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	long seed = 1;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_demo, argc, argv, opts)) > 0)
		if (c == 's' && (rc = cli_parse_long(cli, optarg, "seed", 0, 0x7fffffffL, &seed)))
			return rc;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_demo, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, true, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_demo_summary sum;
	const char *full = NULL;
	enum s40_err e = S40_OK;
	if (strcmp(s40_store_engine_name(st), "postgres") == 0 &&
	    (e = s40_store_has_data(st, &full, &ctx)) == S40_OK && full == NULL)
		e = build_by_copy(cli, st, (uint64_t)seed, &sum, &ctx);
	else if (e == S40_OK && (s40_areas_load(&reg, &ctx) != S40_OK ||
				 s40_demo_build(&reg, (uint64_t)seed, &sum, &ctx) != S40_OK))
		e = ctx.code ? ctx.code : S40_E_INTERNAL;
	if (e != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	int32_t day = s40_day_from_ymd(2019, 10, 31);

	if (cli->format == S40_FMT_JSON) {
		json_t *report = report_json(st, day, &ctx);
		s40_store_close(st);
		if (report == NULL)
			return cli_fail(cli, &ctx);
		return cli_json_print(json_pack(
			"{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "db",
			cli_db_shown(cli), "seed", (json_int_t)seed, "persons", (json_int_t)sum.persons,
			"spells", (json_int_t)sum.spells, "ended", (json_int_t)sum.ended,
			"exclusions", (json_int_t)sum.exclusions, "option_changes",
			(json_int_t)sum.option_changes, "reenrolled", (json_int_t)sum.reenrolled,
			"volunteers", (json_int_t)sum.volunteers, "members_2019_10_31",
			(json_int_t)sum.members_on_day, "journal_seq", (json_int_t)sum.journal_seq,
			"report", report));
	}
	s40_store_close(st);

	if (cli->format == S40_FMT_TABLE) {
		char persons[32], spells[32], ended[32], excl[32], opt[32], re[32], vol[32],
			mem[32];
		s40_format_int(sum.persons, persons, sizeof persons);
		s40_format_int(sum.spells, spells, sizeof spells);
		s40_format_int(sum.ended, ended, sizeof ended);
		s40_format_int(sum.exclusions, excl, sizeof excl);
		s40_format_int(sum.option_changes, opt, sizeof opt);
		s40_format_int(sum.reenrolled, re, sizeof re);
		s40_format_int(sum.volunteers, vol, sizeof vol);
		s40_format_int(sum.members_on_day, mem, sizeof mem);
		cli_say(cli, "สร้างข้อมูลสาธิตจังหวัดสมุทรสงคราม (seed %ld) ใน %s แล้ว",
			"built the Samut Songkhram demo (seed %ld) in %s", seed, cli_db_shown(cli));
		cli_say(cli,
			"บุคคล %s คน สมัคร %s ครั้ง สิ้นสุด %s ครั้ง การยกเว้น %s รายการ "
			"เปลี่ยนทางเลือก %s ครั้ง สมัครซ้ำ %s คน ผู้ชักชวน %s คน",
			"%s persons, %s enrolments, %s ended, %s exclusions, %s option changes, "
			"%s enrolled twice, %s recruiters",
			persons, spells, ended, excl, opt, re, vol);
		cli_say(cli, "ผู้ประกันตนมาตรา 40 ณ วันที่ 31 ตุลาคม 2562: %s คน",
			"Section 40 members on 31 October 2019: %s", mem);
		putchar('\n');
	}
	return cli_report_asof(cli, S40_DEMO_PROVINCE, S40_LEVEL_NONE, day);
}

const struct s40_cmd cmd_demo = {
	.name = "demo",
	.usage = "demo [--seed N]",
	.help_th = "สร้างข้อมูลสาธิตจังหวัดสมุทรสงครามในฐานข้อมูลใหม่ "
		   "และแสดงรายงาน ณ วันที่ 31 ตุลาคม 2562",
	.help_en = "build the synthetic Samut Songkhram in a new database and show the report "
		   "on 31 October 2019",
	.run = cmd_demo_run,
};
