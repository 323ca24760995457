/*
 * cmd_followup.c — s40 followup assign|unassign|call|show: following members
 * up, a member assigned to a network member and the outcome of each call.
 * Every rule is the registry's (lib/registry/followup.c); a refusal writes
 * nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/date.h"
#include "core/natid.h"
#include "registry/followup.h"
#include "registry/person.h"
#include "report/table.h"

/* "ID name" of a person for a confirmation, in lang; the ID alone when the
 * person cannot be read. */
static const char *who(struct s40_store *st, int64_t id, enum s40_lang lang, char *buf, size_t n)
{
	struct s40_person p;
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	char idtxt[32], nm[512];
	s40_natid_format(id, idtxt, sizeof idtxt);
	if (s40_person_get(st, id, &p, &c2) != S40_OK)
		snprintf(buf, n, "%s", idtxt);
	else
		snprintf(buf, n, "%s %s", idtxt,
			 lang == S40_LANG_EN ? cli_person_name_en(&p, nm, sizeof nm) :
					       cli_person_name_th(&p, nm, sizeof nm));
	return buf;
}

/* s40 followup assign ID --to ID [--date D] | unassign ID [--date D] */
static int followup_assign(struct s40_cli *cli, int argc, char **argv, bool unassign)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to_text = NULL, *date_text = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_followup, argc, argv, opts)) > 0) {
		if (c == 't')
			to_text = optarg;
		else if (c == 'D')
			date_text = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_followup, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (unassign && to_text != NULL)
		return cli_usage(cli, &cmd_followup, "unassign ไม่รับ --to",
				 "unassign takes no --to");
	if (!unassign && to_text == NULL)
		return cli_usage(cli, &cmd_followup, "ต้องระบุ --to (ผู้ติดตาม)",
				 "--to (the network member) is required");
	int64_t person, assignee = 0;
	int32_t day = cli->today;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &person)) != 0 ||
	    (to_text && (rc = cli_parse_id(cli, to_text, "assignee", &assignee)) != 0) ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &day)) != 0))
		return rc;
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int changed;
	if (s40_followup_assign(&reg, person, assignee, day, &changed, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	char m_th[600], m_en[600], a_th[600], a_en[600], d_th[64], d_en[64], th[1600], en[1600];
	who(st, person, S40_LANG_TH, m_th, sizeof m_th);
	who(st, person, S40_LANG_EN, m_en, sizeof m_en);
	if (assignee) {
		who(st, assignee, S40_LANG_TH, a_th, sizeof a_th);
		who(st, assignee, S40_LANG_EN, a_en, sizeof a_en);
	}
	s40_store_close(st);
	s40_date_th_long(day, d_th, sizeof d_th);
	s40_date_en_long(day, d_en, sizeof d_en);
	if (!changed) {
		snprintf(th, sizeof th, "%s %s: ไม่มีอะไรเปลี่ยน", m_th,
			 assignee ? "อยู่ในความดูแลของผู้ติดตามนี้อยู่แล้ว" :
				  "ไม่ได้มอบหมายให้ใครติดตามอยู่แล้ว");
		snprintf(en, sizeof en, "%s %s: nothing changed", m_en,
			 assignee ? "is already assigned to that network member" :
				  "is already assigned to no one");
	} else if (assignee) {
		snprintf(th, sizeof th, "มอบหมาย %s ให้ %s ติดตาม ตั้งแต่วันที่ %s", m_th, a_th, d_th);
		snprintf(en, sizeof en, "%s assigned to %s for follow-up from %s", m_en, a_en, d_en);
	} else {
		snprintf(th, sizeof th, "ยกเลิกการมอบหมายติดตาม %s ตั้งแต่วันที่ %s", m_th, d_th);
		snprintf(en, sizeof en, "%s assigned to no one from %s", m_en, d_en);
	}
	char digits[16], adigits[16], iso[16];
	return cli_confirm(
		cli,
		json_pack("{s:s, s:o, s:s, s:b}", "id",
			  s40_natid_digits(person, digits, sizeof digits), "assignee",
			  assignee ? json_string(s40_natid_digits(assignee, adigits, sizeof adigits)) :
				     json_null(),
			  "date", s40_date_iso(day, iso, sizeof iso), "changed", changed),
		th, en);
}

/* s40 followup call ID --outcome O [--by ID] [--date D] [--note TEXT] */
static int followup_call(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "outcome", required_argument, NULL, 'o' },
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'D' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outcome_text = NULL, *by_text = NULL, *date_text = NULL, *note = NULL;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_followup, argc, argv, opts)) > 0) {
		if (c == 'o')
			outcome_text = optarg;
		else if (c == 'b')
			by_text = optarg;
		else if (c == 'D')
			date_text = optarg;
		else if (c == 'n')
			note = optarg;
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_followup, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	if (outcome_text == NULL)
		return cli_usage(cli, &cmd_followup, "ต้องระบุ --outcome (ผลการติดตาม)",
				 "--outcome is required");
	struct s40_call call = { .day = cli->today };
	call.outcome = s40_call_outcome_parse(outcome_text);
	if (call.outcome == 0)
		return cli_failf(cli, S40_E_BAD_VALUE, "outcome",
				 "ผลการติดตามต้องเป็น reached, promised, refused, moved, died หรือ "
				 "wrong_number: %s",
				 "the outcome is reached, promised, refused, moved, died or "
				 "wrong_number: %s",
				 outcome_text);
	if (note != NULL && strlen(note) > S40_CALL_NOTE_MAX)
		return cli_failf(cli, S40_E_BAD_VALUE, "note", "บันทึกยาวเกิน %d ไบต์",
				 "the note is longer than %d bytes", S40_CALL_NOTE_MAX);
	snprintf(call.note, sizeof call.note, "%s", note ? note : "");
	if ((rc = cli_parse_id(cli, argv[optind], "id", &call.person)) != 0 ||
	    (by_text && (rc = cli_parse_id(cli, by_text, "by", &call.caller)) != 0) ||
	    (date_text && (rc = cli_parse_date(cli, date_text, "date", &call.day)) != 0))
		return rc;
	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_followup_call(&reg, &call, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	char m_th[600], m_en[600], d_th[64], d_en[64], th[1600], en[1600];
	who(st, call.person, S40_LANG_TH, m_th, sizeof m_th);
	who(st, call.person, S40_LANG_EN, m_en, sizeof m_en);
	s40_store_close(st);
	snprintf(th, sizeof th, "บันทึกการติดตาม %s วันที่ %s: %s", m_th,
		 s40_date_th_long(call.day, d_th, sizeof d_th),
		 s40_call_outcome_name(call.outcome, S40_LANG_TH));
	snprintf(en, sizeof en, "recorded a call on %s, %s: %s", m_en,
		 s40_date_en_long(call.day, d_en, sizeof d_en),
		 s40_call_outcome_name(call.outcome, S40_LANG_EN));
	char digits[16], bdigits[16], iso[16];
	return cli_confirm(
		cli,
		json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}", "call", (json_int_t)call.call_id, "id",
			  s40_natid_digits(call.person, digits, sizeof digits), "date",
			  s40_date_iso(call.day, iso, sizeof iso), "outcome",
			  s40_call_outcome_key(call.outcome), "by",
			  call.caller ? json_string(s40_natid_digits(call.caller, bdigits,
								     sizeof bdigits)) :
					json_null(),
			  "note", call.note),
		th, en);
}

/* s40 followup show ID: the assignment in the subtitle, the calls as rows. */
static int followup_show(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_followup, argc, argv, opts)) > 0)
		;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_followup, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	int64_t person;
	if ((rc = cli_parse_id(cli, argv[optind], "id", &person)) != 0)
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	struct s40_assignment a;
	int found = 0;
	struct s40_call *calls = NULL;
	size_t n = 0;
	struct s40_table t;
	s40_table_init(&t, "การติดตามผู้ประกันตน", "follow-up");
	if (s40_person_get(st, person, &p, &ctx) != S40_OK ||
	    s40_followup_assignment(st, person, &a, &found, &ctx) != S40_OK ||
	    s40_followup_calls(st, person, SIZE_MAX, &calls, &n, &ctx) != S40_OK) {
		s40_table_free(&t);
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	char m_th[600], m_en[600], a_th[600], a_en[600], d_th[64], d_en[64], sub_th[1600],
		sub_en[1600];
	who(st, person, S40_LANG_TH, m_th, sizeof m_th);
	who(st, person, S40_LANG_EN, m_en, sizeof m_en);
	if (found) {
		snprintf(sub_th, sizeof sub_th, "%s: ผู้ติดตาม %s ตั้งแต่วันที่ %s", m_th,
			 who(st, a.assignee, S40_LANG_TH, a_th, sizeof a_th),
			 s40_date_th_long(a.from_day, d_th, sizeof d_th));
		snprintf(sub_en, sizeof sub_en, "%s: assigned to %s from %s", m_en,
			 who(st, a.assignee, S40_LANG_EN, a_en, sizeof a_en),
			 s40_date_en_long(a.from_day, d_en, sizeof d_en));
	} else {
		snprintf(sub_th, sizeof sub_th, "%s: ยังไม่ได้มอบหมายผู้ติดตาม", m_th);
		snprintf(sub_en, sizeof sub_en, "%s: assigned to no one", m_en);
	}
	enum s40_err e;
	if ((e = s40_table_subtitle(&t, sub_th, sub_en)) ||
	    (e = s40_table_add_col(&t, "date", "วันที่", "date", S40_COL_DATE)) ||
	    (e = s40_table_add_col(&t, "outcome", "ผลการติดตาม", "outcome", S40_COL_TEXT)) ||
	    (e = s40_table_add_col(&t, "by", "เลขประจำตัวผู้ติดตาม", "caller's ID",
				   S40_COL_NATID)) ||
	    (e = s40_table_add_col(&t, "by_name", "ผู้ติดตาม", "called by", S40_COL_TEXT)) ||
	    (e = s40_table_add_col(&t, "note", "บันทึก", "note", S40_COL_TEXT)) ||
	    (e = s40_table_col_words(&t, 1, s40_call_outcome_key, s40_call_outcome_name, 1,
				     S40_CALL_OUTCOME_MAX)))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		char nm[600];
		if ((e = s40_table_add_row(&t)))
			goto fail;
		s40_table_set_int(&t, 0, calls[i].day);
		if ((e = s40_table_set_text(&t, 1, s40_call_outcome_key(calls[i].outcome))) ||
		    (e = s40_table_set_text(&t, 4, calls[i].note[0] ? calls[i].note : NULL)))
			goto fail;
		if (calls[i].caller) {
			struct s40_person cp;
			struct s40_ctx c2;
			s40_ctx_clear(&c2);
			s40_table_set_int(&t, 2, calls[i].caller);
			if (s40_person_get(st, calls[i].caller, &cp, &c2) == S40_OK &&
			    (e = s40_table_set_text(&t, 3, cli_person_name_th(&cp, nm, sizeof nm))))
				goto fail;
		}
	}
	free(calls);
	s40_store_close(st);
	rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
fail:
	free(calls);
	s40_table_free(&t);
	s40_store_close(st);
	s40_errorf(&ctx, e, NULL, NULL, NULL);
	return cli_fail(cli, &ctx);
}

/* s40 followup assign|unassign|call|show … */
static int cmd_followup_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli, &cmd_followup, "ต้องระบุ assign, unassign, call หรือ show",
				 "give assign, unassign, call or show");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_cmd_help(cli, &cmd_followup, stdout);
		return 0;
	}
	if (strcmp(argv[1], "assign") == 0)
		return followup_assign(cli, argc - 1, argv + 1, false);
	if (strcmp(argv[1], "unassign") == 0)
		return followup_assign(cli, argc - 1, argv + 1, true);
	if (strcmp(argv[1], "call") == 0)
		return followup_call(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return followup_show(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_followup, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s",
			 argv[1]);
}

const struct s40_cmd cmd_followup = {
	.name = "followup",
	.usage = "followup assign ID --to ID [--date D]\n"
		 "followup unassign ID [--date D]\n"
		 "followup call ID --outcome reached|promised|refused|moved|died|wrong_number "
		 "[--by ID] [--date D] [--note TEXT]\n"
		 "followup show ID",
	.help_th = "ติดตามผู้ประกันตนที่ค้างชำระ: มอบหมายให้สมาชิกเครือข่ายติดตาม "
		   "บันทึกผลการติดตามแต่ละครั้ง และแสดงประวัติการติดตาม",
	.help_en = "follow members up: assign one to a network member, record the outcome of "
		   "each call, show the follow-up",
	.run = cmd_followup_run,
};
