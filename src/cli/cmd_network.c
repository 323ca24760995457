/*
 * cmd_network.c — s40 network add|end|list: the social-security network, a
 * registered person with a role in an area, a supervisor and the days they
 * are active. Every rule is the registry's (lib/registry/network.c); a refusal
 * writes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/network.h"
#include "registry/person.h"
#include "report/network.h"

/* s40 network add ID --role R --area CODE [--supervisor ID] [--date D] */
static int network_add(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "area", required_argument, NULL, 'a' },
		{ "supervisor", required_argument, NULL, 's' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role_text = NULL, *area_text = NULL, *sup_text = NULL, *date_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_network, argc, argv, opts)) > 0) {
		if (c == 'r')
			role_text = optarg;
		else if (c == 'a')
			area_text = optarg;
		else if (c == 's')
			sup_text = optarg;
		else if (c == 'D')
			date_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_network, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (role_text == NULL || area_text == NULL)
		return cli_usage(cli, &cmd_network, "ต้องระบุ --role และ --area",
				 "--role and --area are required");
	struct s40_net_add a = { .from_day = cli->today };
	a.role = s40_net_role_parse(role_text);
	if (a.role == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "role",
				 "บทบาทต้องเป็น volunteer, representative, leader หรือ staff: %s",
				 "the role is volunteer, representative, leader or staff: %s",
				 role_text);
	if ((rc = cli_parse_id(cli, argv[optind], "id", &a.person)) != 0 ||
	    (rc = cli_parse_area(cli, area_text, "area", &a.area)) != 0 ||
	    (sup_text && (rc = cli_parse_id(cli, sup_text, "supervisor", &a.supervisor)) != 0) ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &a.from_day)) != 0))
		return rc;

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	if (s40_network_add(&reg, &a, NULL, &ctx) != S40_OK ||
	    s40_person_get(st, a.person, &p, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	char id[32], name_th[512], name_en[512], d_th[64], d_en[64], th[1024], en[1024];
	s40_natid_format(a.person, id, sizeof id);
	snprintf(th, sizeof th, "%s %s เป็น%s พื้นที่ %d ตั้งแต่วันที่ %s", id,
		 cli_person_name_th(&p, name_th, sizeof name_th),
		 s40_net_role_name(a.role, S40_LANG_TH), (int)a.area,
		 s40_date_th_long(a.from_day, d_th, sizeof d_th));
	snprintf(en, sizeof en, "%s %s joined the network as %s, area %d, from %s", id,
		 cli_person_name_en(&p, name_en, sizeof name_en),
		 s40_net_role_name(a.role, S40_LANG_EN), (int)a.area,
		 s40_date_en_long(a.from_day, d_en, sizeof d_en));
	char digits[16], from[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:s, s:i, s:s}", "id",
				     s40_natid_digits(a.person, digits, sizeof digits), "role",
				     s40_net_role_key(a.role), "area", (int)a.area, "from",
				     s40_date_iso(a.from_day, from, sizeof from)),
			   th, en);
}

/* s40 network end ID [--date D] */
static int network_end(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_network, argc, argv, opts)) > 0)
		if (c == 'D')
			date_text = optarg;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_network, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	int64_t person;
	int32_t day = cli->today;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &person)) != 0 ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_network_end(&reg, person, day, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	char id[32], d_th[64], d_en[64], th[512], en[512];
	s40_natid_format(person, id, sizeof id);
	snprintf(th, sizeof th, "%s พ้นจากเครือข่ายประกันสังคมตั้งแต่วันที่ %s", id,
		 s40_date_th_long(day, d_th, sizeof d_th));
	snprintf(en, sizeof en, "%s left the network on %s", id,
		 s40_date_en_long(day, d_en, sizeof d_en));
	char digits[16], end[16];
	return cli_confirm(cli,
			   json_pack("{s:s, s:s}", "id", s40_natid_digits(person, digits, sizeof digits),
				     "end", s40_date_iso(day, end, sizeof end)),
			   th, en);
}

/* s40 network list [--area CODE] [--date D | --all] */
static int network_list(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "area", required_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'D' },
		{ "all", no_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	const char *area_text = NULL, *date_text = NULL;
	int all = 0, c, rc;
	while ((c = cli_getopt(cli, &cmd_network, argc, argv, opts)) > 0) {
		if (c == 'a')
			area_text = optarg;
		else if (c == 'D')
			date_text = optarg;
		else if (c == 'A')
			all = 1;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_network, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	if (all && date_text)
		return cli_usage(cli, &cmd_network, "ใช้ --all กับ --date พร้อมกันไม่ได้",
				 "--all and --date do not go together");
	int32_t area = 0, day = cli->today;
	if ((area_text && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0) ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, NULL, NULL);
	if (s40_report_network_members(st, area, all ? S40_NO_DAY : day, &t, &ctx) != S40_OK)
		rc = cli_fail(cli, &ctx);
	else
		rc = cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

/* s40 network add|end|list … */
static int cmd_network_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_network, "ต้องระบุ add, end หรือ list",
				 "give add, end or list");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_network, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return network_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "end") == 0)
		return network_end(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return network_list(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_network, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", argv[1]);
}

const struct s40_cmd cmd_network = {
	.name = "network",
	.usage = "network add ID --role volunteer|representative|leader|staff --area CODE "
		 "[--supervisor ID] [--date D]\n"
		 "network end ID [--date D]\n"
		 "network list [--area CODE] [--date D | --all]",
	.help_th = "เครือข่ายประกันสังคม: เพิ่มสมาชิกเครือข่าย (บทบาท พื้นที่ ผู้กำกับดูแล) "
		   "สิ้นสุด และแสดงรายชื่อ",
	.help_en = "the social-security network: add a member (role, area, supervisor), end "
		   "one, list them",
	.run = cmd_network_run,
};
