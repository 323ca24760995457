/*
 * cmd_event.c — s40 event add|list: field events (a campaign, a visit, a
 * registration day) in a village on a day, with the network members present.
 * Enrolments made at an event point to it with s40 enrol … --event N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/event.h"
#include "report/network.h"

/* Parse "ID,ID,…" into ids (at most max); returns 0 or the exit status. */
static int parse_staff(const struct s40_cli *cli, const char *text, int64_t *ids, size_t max,
		       size_t *n)
{
	char buf[64];
	const char *p = text;
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof buf)
			return cli_failf(cli, S40_E_BAD_VALUE, "staff",
					 "รายชื่อผู้ร่วมงานต้องเป็นเลขประจำตัวประชาชนคั่นด้วยจุลภาค: %s",
					 "staff are national IDs separated by commas: %s", text);
		if (*n >= max)
			return cli_failf(cli, S40_E_LIMIT, "staff", "บันทึกผู้ร่วมงานได้ไม่เกิน %zu คน",
					 "at most %zu staff may be recorded", max);
		memcpy(buf, p, len);
		buf[len] = '\0';
		int rc = cli_parse_id(cli, buf, "staff", &ids[*n]);
		if (rc != 0)
			return rc;
		(*n)++;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* s40 event add --village CODE --kind K [--date D] [--staff ID,…] [--place TEXT] [--note TEXT] */
static int event_add(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "village", required_argument, NULL, 'v' },
		{ "kind", required_argument, NULL, 'k' },
		{ "date", required_argument, NULL, 'D' },
		{ "staff", required_argument, NULL, 's' },
		{ "place", required_argument, NULL, 'p' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *village_text = NULL, *kind_text = NULL, *date_text = NULL, *place = "",
		   *note = "";
	int64_t staff[S40_EVENT_STAFF_MAX];
	size_t n_staff = 0;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_event, argc, argv, opts)) > 0) {
		switch (c) {
		case 'v':
			village_text = optarg;
			break;
		case 'k':
			kind_text = optarg;
			break;
		case 'D':
			date_text = optarg;
			break;
		case 's':
			if ((rc = parse_staff(cli, optarg, staff, S40_EVENT_STAFF_MAX, &n_staff)))
				return rc;
			break;
		case 'p':
			place = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind < argc)
		return cli_usage(cli, &cmd_event, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind]);
	if (village_text == NULL || kind_text == NULL)
		return cli_usage(cli, &cmd_event, "ต้องระบุ --village และ --kind",
				 "--village and --kind are required");
	struct s40_event e;
	memset(&e, 0, sizeof e);
	e.day = cli->today;
	e.kind = s40_event_kind_parse(kind_text);
	if (e.kind == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "kind",
				 "ชนิดกิจกรรมต้องเป็น campaign, visit หรือ registration: %s",
				 "the kind is campaign, visit or registration: %s", kind_text);
	if ((rc = cli_parse_area(cli, village_text, "village", &e.village)) != 0 ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &e.day)) != 0))
		return rc;
	if (strlen(place) >= sizeof e.place || strlen(note) >= sizeof e.note)
		return cli_failf(cli, S40_E_BAD_VALUE,
				 strlen(place) >= sizeof e.place ? "place" : "note",
				 "ข้อความยาวเกินไป", "the text is too long");
	snprintf(e.place, sizeof e.place, "%s", place);
	snprintf(e.note, sizeof e.note, "%s", note);

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	char vth[512], ven[512];
	if (s40_event_add(&reg, &e, staff, n_staff, &ctx) != S40_OK ||
	    s40_area_full_name(st, e.village, S40_LANG_TH, vth, sizeof vth, &ctx) != S40_OK ||
	    s40_area_full_name(st, e.village, S40_LANG_EN, ven, sizeof ven, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	char d_th[64], d_en[64], th[1024], en[1024];
	snprintf(th, sizeof th, "บันทึกกิจกรรมหมายเลข %lld: %s %s วันที่ %s ผู้ร่วมงาน %zu คน",
		 (long long)e.event_id, s40_event_kind_name(e.kind, S40_LANG_TH), vth,
		 s40_date_th_long(e.day, d_th, sizeof d_th), n_staff);
	snprintf(en, sizeof en, "recorded event %lld: %s, %s, %s, %zu staff", (long long)e.event_id,
		 s40_event_kind_name(e.kind, S40_LANG_EN), ven,
		 s40_date_en_long(e.day, d_en, sizeof d_en), n_staff);
	char day[16];
	return cli_confirm(cli,
			   json_pack("{s:I, s:s, s:i, s:s, s:I}", "event", (json_int_t)e.event_id,
				     "kind", s40_event_kind_key(e.kind), "village", (int)e.village,
				     "date", s40_date_iso(e.day, day, sizeof day), "n_staff",
				     (json_int_t)n_staff),
			   th, en);
}

/* s40 event list [--area CODE] [--fy FY]: the events report. */
static int event_list(struct s40_cli *cli, int argc, char **argv)
{
	return cli_report_events(cli, argc, argv, &cmd_event);
}

/* s40 event add|list … */
static int cmd_event_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_event, "ต้องระบุ add หรือ list", "give add or list");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_event, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return event_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return event_list(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_event, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", argv[1]);
}

const struct s40_cmd cmd_event = {
	.name = "event",
	.usage = "event add --village CODE --kind campaign|visit|registration [--date D] "
		 "[--staff ID,ID,…] [--place TEXT] [--note TEXT]\n"
		 "event list [--area CODE] [--fy FY]",
	.help_th = "กิจกรรมภาคสนาม (รณรงค์ ตรวจเยี่ยม วันรับสมัคร) ในหมู่บ้าน พร้อมผู้ร่วมงาน",
	.help_en = "field events (campaign, visit, registration day) in a village, with the "
		   "network members present",
	.run = cmd_event_run,
};
