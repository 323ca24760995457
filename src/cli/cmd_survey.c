/*
 * cmd_survey.c — s40 survey: record a village survey (residents given on the
 * command line, or one per line from a file or standard input), show the
 * survey in force with what the register says of each resident, and read or
 * set the fully covered threshold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/areas.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "rules/eligibility.h"
#include "stats/coverage.h"

#define MAX_LINE 1024

struct entries {
	struct s40_survey_entry *v;
	size_t n, cap;
};

/*
 * Read "ID:STATUS[:REASON]" (also with ',' or tabs or spaces between) into e.
 * field names the source in messages. Returns 0 or the exit status.
 */
static int parse_entry(struct s40_cli *cli, char *text, const char *source, long line,
		       struct entries *e)
{
	char *parts[3] = { NULL, NULL, NULL };
	int k = 0;
	/* Separators: ':' ',' or tab; spaces only on a line with none of those. */
	const char *seps = strpbrk(text, ":,\t") ? ":,\t" : " ";
	char *save = NULL;
	for (char *tok = strtok_r(text, seps, &save); tok && k < 3;
	     tok = strtok_r(NULL, seps, &save)) {
		while (*tok == ' ')
			tok++;
		size_t len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = '\0';
		if (len)
			parts[k++] = tok;
	}
	char where[96] = "";
	if (line > 0)
		snprintf(where, sizeof where, "%s บรรทัด %ld: ", source, line);
	if (k < 2)
		return cli_failf(cli, S40_E_BAD_VALUE, "resident",
				 "%sต้องเขียนเป็น เลขประจำตัว:สถานะ[:เหตุผล] (%s)",
				 "%.0swrite ID:STATUS[:REASON] (%s)", where, text);
	struct s40_survey_entry x = { 0, 0, 0 };
	int rc = cli_parse_id(cli, parts[0], "resident", &x.person);
	if (rc)
		return rc;
	x.status = s40_survey_status_parse(parts[1]);
	if (x.status == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "status",
				 "%sสถานะ '%s' ไม่อยู่ในรายการ (member, s33, s39, civil_servant, "
				 "state_enterprise, uninsured, ineligible)",
				 "%.0sstatus '%s' is not one of member, s33, s39, civil_servant, "
				 "state_enterprise, uninsured, ineligible",
				 where, parts[1]);
	if (parts[2]) {
		x.reason = s40_survey_reason_parse(parts[2]);
		if (x.reason == 0)
			return cli_failf(
				cli, S40_E_BAD_REASON, "reason",
				"%sเหตุผล '%s' ไม่อยู่ในรายการ (student, age, not_thai, other)",
				"%.0sreason '%s' is not one of student, age, not_thai, other",
				where, parts[2]);
	}
	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 32;
		struct s40_survey_entry *nv = realloc(e->v, cap * sizeof *nv);
		if (nv == NULL)
			return cli_failf(cli, S40_E_NOMEM, NULL, NULL, NULL);
		e->v = nv;
		e->cap = cap;
	}
	e->v[e->n++] = x;
	return 0;
}

/* Read entries, one a line, from path ("-": standard input). */
static int read_entries(struct s40_cli *cli, const char *path, struct entries *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (f == NULL)
		return cli_failf(cli, S40_E_IO, "from", "เปิดไฟล์ %s ไม่ได้", "cannot open %s", path);
	char buf[MAX_LINE];
	long line = 0;
	int rc = 0;
	while (rc == 0 && fgets(buf, sizeof buf, f)) {
		line++;
		size_t len = strlen(buf);
		if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
			rc = cli_failf(cli, S40_E_CSV_FIELD_LONG, "from", "%s บรรทัด %ld ยาวเกิน",
				       "%s line %ld is too long", path, line);
			break;
		}
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
			buf[--len] = '\0';
		char *p = buf;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		/* A header line an editor wrote: id,status,reason. */
		if (line == 1 && (strncmp(p, "id", 2) == 0 || strncmp(p, "เลข", 6) == 0))
			continue;
		rc = parse_entry(cli, p, path, line, e);
	}
	if (rc == 0 && ferror(f))
		rc = cli_failf(cli, S40_E_IO, "from", "อ่านไฟล์ %s ไม่ได้", "cannot read %s", path);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* s40 survey add VILLAGE --date D [--resident ID:STATUS[:REASON]]… [--from FILE|-] */
static int survey_add(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "resident", required_argument, NULL, 'r' },
		{ "from", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct entries e = { NULL, 0, 0 };
	const char *date = NULL, *from = NULL;
	int c, rc = 0;
	while (rc == 0 && (c = cli_getopt(cli, &cmd_survey, argc, argv, opts)) > 0) {
		if (c == 'D')
			date = optarg;
		else if (c == 'f')
			from = optarg;
		else if (c == 'r') {
			char buf[MAX_LINE];
			snprintf(buf, sizeof buf, "%s", optarg);
			rc = parse_entry(cli, buf, "--resident", 0, &e);
		}
	}
	if (rc == 0 && c != CLI_OPT_END)
		rc = cli->opt_rc;
	if (rc == 0 && argc - optind != 1)
		rc = cli_usage(cli, &cmd_survey, "ต้องระบุรหัสหมู่บ้านหนึ่งรหัส", "give one village code");
	if (rc == 0 && date == NULL)
		rc = cli_usage(cli, &cmd_survey, "ต้องระบุ --date วันที่สำรวจ", "--date is required");
	int32_t village = 0, day = 0;
	if (rc == 0)
		rc = cli_parse_area(cli, argv[optind], "village", &village);
	if (rc == 0)
		rc = cli_parse_date(cli, date, "date", &day);
	if (rc == 0 && from)
		rc = read_entries(cli, from, &e);
	if (rc == 0 && e.n == 0)
		rc = cli_usage(cli, &cmd_survey, "ไม่มีผู้อยู่อาศัย: ใช้ --resident หรือ --from",
			       "no residents: give --resident or --from");
	struct s40_store *st = NULL;
	struct s40_reg reg;
	if (rc == 0)
		rc = cli_open(cli, false, &st, &reg);
	if (rc) {
		free(e.v);
		return rc;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_survey_result res;
	char place_th[512], place_en[512];
	if (s40_survey_add(&reg, village, day, e.v, e.n, &res, &ctx) != S40_OK ||
	    s40_area_full_name(st, village, S40_LANG_TH, place_th, sizeof place_th, &ctx) ||
	    s40_area_full_name(st, village, S40_LANG_EN, place_en, sizeof place_en, &ctx)) {
		free(e.v);
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	free(e.v);
	s40_store_close(st);
	char d_th[64], d_en[64], th[768], en[768], iso[16];
	snprintf(th, sizeof th, "ผลสำรวจ%s วันที่ %s: เพิ่ม %ld คน แก้ไข %ld คน ไม่เปลี่ยน %ld คน",
		 place_th, s40_date_th_long(day, d_th, sizeof d_th), res.added, res.updated,
		 res.unchanged);
	snprintf(en, sizeof en, "survey of %s on %s: %ld added, %ld changed, %ld unchanged",
		 place_en, s40_date_en_long(day, d_en, sizeof d_en), res.added, res.updated,
		 res.unchanged);
	return cli_confirm(cli,
			   json_pack("{s:i, s:s, s:I, s:I, s:I}", "village", (int)village, "date",
				     s40_date_iso(day, iso, sizeof iso), "added",
				     (json_int_t)res.added, "changed", (json_int_t)res.updated,
				     "unchanged", (json_int_t)res.unchanged),
			   th, en);
}

/* The register's standing in words. */
/* What the register says of a resident, as the survey status it would agree with
 * (the same keys: "member", "s33", …, "uninsured", "ineligible"); 0 if nothing. */
static int standing_status(const struct s40_resident_cov *r)
{
	switch (r->standing) {
	case S40_STAND_MEMBER:
		return S40_SURVEY_MEMBER;
	case S40_STAND_EXCLUDED:
		switch (r->excl_kind) {
		case S40_EXCL_S33:
			return S40_SURVEY_S33;
		case S40_EXCL_S39:
			return S40_SURVEY_S39;
		case S40_EXCL_CIVIL_SERVANT:
			return S40_SURVEY_CIVIL_SERVANT;
		case S40_EXCL_STATE_ENTERPRISE:
			return S40_SURVEY_STATE_ENTERPRISE;
		}
		return 0;
	case S40_STAND_INELIGIBLE:
		return S40_SURVEY_INELIGIBLE;
	case S40_STAND_UNINSURED:
		return S40_SURVEY_UNINSURED;
	default:
		return 0;
	}
}

/* s40 survey show VILLAGE [--date D] */
static int survey_show(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL;
	int c;
	while ((c = cli_getopt(cli, &cmd_survey, argc, argv, opts)) > 0)
		if (c == 'D')
			date = optarg;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_survey, "ต้องระบุรหัสหมู่บ้านหนึ่งรหัส", "give one village code");
	int32_t village = 0, day = cli->today;
	int rc;
	if ((rc = cli_parse_area(cli, argv[optind], "village", &village)) ||
	    (date && (rc = cli_parse_date(cli, date, "date", &day))))
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_resident_cov *r = NULL;
	size_t n = 0;
	struct s40_survey sv;
	int found = 0;
	struct s40_table t;
	s40_table_init(&t, "ผลสำรวจหมู่บ้าน", "Village survey");
	char place[512], d1[64], d2[64], sub_th[700], sub_en[700];
	enum s40_err e;
	if ((e = s40_survey_in_force(st, village, day, &sv, &found, &ctx)) == S40_OK && !found)
		e = s40_errorf(&ctx, S40_E_NO_SURVEY, "village", "หมู่บ้าน %d ยังไม่มีผลสำรวจ ณ วันที่ %s",
			       "village %d has no survey in force on %s", (int)village,
			       s40_date_th_long(day, d1, sizeof d1));
	if (e == S40_OK)
		e = s40_coverage_residents(st, village, day, &r, &n, &ctx);
	if (e == S40_OK)
		e = s40_area_full_name(st, village, S40_LANG_TH, place, sizeof place, &ctx);
	if (e == S40_OK) {
		snprintf(sub_th, sizeof sub_th, "%s สำรวจวันที่ %s ทะเบียน ณ วันที่ %s", place,
			 s40_date_th_long(sv.day, d1, sizeof d1),
			 s40_date_th_long(day, d2, sizeof d2));
		snprintf(sub_en, sizeof sub_en, "village %d, surveyed %s, register on %s",
			 (int)village, s40_date_iso(sv.day, d1, sizeof d1),
			 s40_date_iso(day, d2, sizeof d2));
		if (s40_table_subtitle(&t, sub_th, sub_en) ||
		    s40_table_add_col(&t, "id", "เลขประจำตัวประชาชน", "national ID",
				      S40_COL_NATID) ||
		    s40_table_add_col(&t, "name", "ชื่อ-นามสกุล", "name", S40_COL_TEXT) ||
		    s40_table_add_col(&t, "survey", "ผลสำรวจ", "survey", S40_COL_TEXT) ||
		    s40_table_add_col(&t, "reason", "เหตุที่ไม่มีสิทธิ", "why ineligible",
				      S40_COL_TEXT) ||
		    s40_table_add_col(&t, "register", "ทะเบียน", "register", S40_COL_TEXT) ||
		    s40_table_add_col(&t, "differs", "ไม่ตรงกัน", "differs", S40_COL_BOOL) ||
		    /* keys in CSV and JSON, their names in the table */
		    s40_table_col_words(&t, 2, s40_survey_status_key, s40_survey_status_name, 1,
					7) ||
		    s40_table_col_words(&t, 3, s40_survey_reason_key, s40_survey_reason_name, 1,
					4) ||
		    s40_table_col_words(&t, 4, s40_survey_status_key, s40_survey_status_name, 1,
					7))
			e = s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	/* The residents in Thai order of their names, as a list to read. */
	struct s40_person *pv = calloc(n + 1, sizeof *pv);
	size_t *order = calloc(n + 1, sizeof *order);
	if (e == S40_OK && (pv == NULL || order == NULL))
		e = s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t i = 0; i < n && e == S40_OK; i++)
		e = s40_person_get(st, r[i].person, &pv[i], &ctx);
	if (e == S40_OK)
		e = s40_person_order_th(pv, n, order, &ctx);
	for (size_t k = 0; k < n && e == S40_OK; k++) {
		size_t i = order[k];
		const struct s40_person *pp = &pv[i];
		char name[640];
		snprintf(name, sizeof name, "%s%s %s", pp->title, pp->first_th, pp->last_th);
		const char *reason = s40_survey_reason_key(r[i].survey_reason);
		const char *standing = s40_survey_status_key(standing_status(&r[i]));
		if (s40_table_add_row(&t) || s40_table_set_text(&t, 1, name) ||
		    s40_table_set_text(&t, 2, s40_survey_status_key(r[i].survey_status)) ||
		    (reason && reason[0] && s40_table_set_text(&t, 3, reason)) ||
		    (standing[0] && s40_table_set_text(&t, 4, standing))) {
			e = s40_errorf(&ctx, S40_E_NOMEM, NULL, NULL, NULL);
			break;
		}
		s40_table_set_int(&t, 0, r[i].person);
		s40_table_set_int(&t, 5, r[i].disagree);
	}
	free(pv);
	free(order);
	free(r);
	rc = e ? cli_fail(cli, &ctx) : cli_render(cli, &t);
	s40_table_free(&t);
	s40_store_close(st);
	return rc;
}

/* s40 survey threshold [PERCENT] */
static int survey_threshold(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c;
	while ((c = cli_getopt(cli, &cmd_survey, argc, argv, opts)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind > 1)
		return cli_usage(cli, &cmd_survey, "ระบุเกณฑ์ได้ค่าเดียว", "give one threshold");
	int32_t bp = 0;
	if (argc - optind == 1) {
		char *end = NULL;
		double pct = strtod(argv[optind], &end);
		if (end == argv[optind] || (*end != '\0' && strcmp(end, "%") != 0) || pct <= 0 ||
		    pct > 100)
			return cli_failf(cli, S40_E_BAD_VALUE, "threshold",
					 "เกณฑ์ต้องเป็นร้อยละมากกว่า 0 ถึง 100: %s",
					 "the threshold is a percentage above 0 up to 100: %s",
					 argv[optind]);
		bp = (int32_t)(pct * 100 + 0.5);
	}
	struct s40_store *st;
	struct s40_reg reg;
	int rc = cli_open(cli, false, &st, &reg);
	if (rc)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if ((bp && s40_coverage_set_threshold(&reg, bp, &ctx)) ||
	    s40_coverage_threshold(st, &bp, &ctx)) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	s40_store_close(st);
	cli_say(cli, "เกณฑ์หมู่บ้านประกันสังคมถ้วนหน้า: ผู้มีสิทธิเป็นผู้ประกันตนอย่างน้อย %d.%02d%%",
		"fully covered village threshold: at least %d.%02d%% of the eligible are members",
		(int)(bp / 100), (int)(bp % 100));
	return 0;
}

/* s40 survey add|show|threshold … */
static int cmd_survey_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_survey, "ต้องระบุ add, show หรือ threshold",
				 "give add, show or threshold");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_survey, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return survey_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return survey_show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "threshold") == 0)
		return survey_threshold(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_survey, "ไม่รู้จัก survey %s", "unknown survey %s", argv[1]);
}

const struct s40_cmd cmd_survey = {
	.name = "survey",
	.usage = "survey add VILLAGE --date D [--resident ID:STATUS[:REASON]]... "
		 "[--from FILE|-]\n"
		 "survey show VILLAGE [--date D]\n"
		 "survey threshold [PERCENT]",
	.help_th = "บันทึกผลสำรวจผู้อยู่อาศัยวัยทำงานของหมู่บ้าน (สถานะ: member, s33, s39, "
		   "civil_servant, state_enterprise, uninsured, ineligible:student|age|not_thai|"
		   "other) ดูผลสำรวจเทียบทะเบียน และเกณฑ์หมู่บ้านถ้วนหน้า",
	.help_en = "record a village survey of working-age residents (status: member, s33, s39, "
		   "civil_servant, state_enterprise, uninsured, ineligible:student|age|not_thai|"
		   "other), show it against the register, read or set the fully covered "
		   "threshold",
	.run = cmd_survey_run,
};
