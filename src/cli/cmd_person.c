/*
 * cmd_person.c — s40 person add|update|show|find: the person register from the
 * command line. add and update take the same options (update changes only the
 * fields given); show prints one person with their memberships and
 * exclusions; find lists people by name in Thai dictionary order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "rules/eligibility.h"
#include "rules/rates.h"

/* The options of add and update, as given (NULL: not given). */
struct person_args {
	const char *title, *first, *last, *first_en, *last_en;
	const char *birth, *sex, *thai, *village, *phone, *address;
};

enum {
	OPT_TITLE = 't',
	OPT_FIRST = 'f',
	OPT_LAST = 'l',
	OPT_FIRST_EN = 'F',
	OPT_LAST_EN = 'L',
	OPT_BIRTH = 'b',
	OPT_SEX = 's',
	OPT_THAI = 'n',
	OPT_VILLAGE = 'v',
	OPT_PHONE = 'p',
	OPT_ADDRESS = 'a',
	OPT_AREA = 'A',
	OPT_LIMIT = 'N',
};

static const struct option person_opts[] = {
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "first", required_argument, NULL, OPT_FIRST },
	{ "last", required_argument, NULL, OPT_LAST },
	{ "first-en", required_argument, NULL, OPT_FIRST_EN },
	{ "last-en", required_argument, NULL, OPT_LAST_EN },
	{ "birth", required_argument, NULL, OPT_BIRTH },
	{ "sex", required_argument, NULL, OPT_SEX },
	{ "thai", required_argument, NULL, OPT_THAI },
	{ "village", required_argument, NULL, OPT_VILLAGE },
	{ "phone", required_argument, NULL, OPT_PHONE },
	{ "address", required_argument, NULL, OPT_ADDRESS },
	{ NULL, 0, NULL, 0 },
};

/* Format a message taking two strings (the formats are ours, in this file; none is
 * an empty message). */
static void text_2(char *buf, size_t n, const char *fmt, const char *a, const char *b)
{
	if (fmt == NULL) {
		buf[0] = '\0';
		return;
	}
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(buf, n, fmt, a, b);
#pragma GCC diagnostic pop
}

/* Whether s is one of the words in list (ASCII case ignored). */
static int word_in(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcasecmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Copy a value into a fixed field; a value too long is refused. */
static int field_copy(const struct s40_cli *cli, char *dst, size_t n, const char *src,
		      const char *field)
{
	size_t len = strlen(src);
	if (len >= n)
		return cli_failf(cli, S40_E_BAD_VALUE, field, "ยาวเกิน %zu ไบต์",
				 "longer than %zu bytes", n - 1);
	memcpy(dst, src, len + 1);
	return 0;
}

/* Apply the options given to p. Returns 0 or the exit status after the error. */
static int person_apply(const struct s40_cli *cli, const struct person_args *a,
			struct s40_person *p)
{
	static const char *const male[] = { "M", "male", "ชาย", "1", NULL };
	static const char *const female[] = { "F", "female", "หญิง", "2", NULL };
	static const char *const yes[] = { "yes", "y", "ใช่", "1", "true", "thai", "ไทย", NULL };
	static const char *const no[] = { "no", "n", "ไม่ใช่", "0", "false", NULL };
	int rc = 0;
	if (a->title && (rc = field_copy(cli, p->title, sizeof p->title, a->title, "title")))
		return rc;
	if (a->first &&
	    (rc = field_copy(cli, p->first_th, sizeof p->first_th, a->first, "first_th")))
		return rc;
	if (a->last && (rc = field_copy(cli, p->last_th, sizeof p->last_th, a->last, "last_th")))
		return rc;
	if (a->first_en &&
	    (rc = field_copy(cli, p->first_en, sizeof p->first_en, a->first_en, "first_en")))
		return rc;
	if (a->last_en &&
	    (rc = field_copy(cli, p->last_en, sizeof p->last_en, a->last_en, "last_en")))
		return rc;
	if (a->phone && (rc = field_copy(cli, p->phone, sizeof p->phone, a->phone, "phone")))
		return rc;
	if (a->address &&
	    (rc = field_copy(cli, p->address, sizeof p->address, a->address, "address")))
		return rc;
	if (a->birth && (rc = cli_parse_date(cli, a->birth, "birth_date", &p->birth_day)))
		return rc;
	if (a->village && (rc = cli_parse_area(cli, a->village, "village", &p->village)))
		return rc;
	if (a->village && s40_area_level(p->village) != S40_LEVEL_VILLAGE)
		return cli_failf(cli, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %s",
				 "a village code has 8 digits: %s", a->village);
	if (a->sex) {
		if (word_in(a->sex, male))
			p->sex = 1;
		else if (word_in(a->sex, female))
			p->sex = 2;
		else
			return cli_failf(cli, S40_E_BAD_VALUE, "sex",
					 "เพศต้องเป็น M (ชาย) หรือ F (หญิง): %s", "sex is M or F: %s",
					 a->sex);
	}
	if (a->thai) {
		if (word_in(a->thai, yes))
			p->thai = 1;
		else if (word_in(a->thai, no))
			p->thai = 0;
		else
			return cli_failf(cli, S40_E_BAD_VALUE, "thai",
					 "สัญชาติไทยต้องเป็น yes หรือ no: %s", "thai is yes or no: %s",
					 a->thai);
	}
	return 0;
}

/* Parse the options of add/update into a and the ID operand. */
static int person_args_parse(struct s40_cli *cli, int argc, char **argv, struct person_args *a,
			     int64_t *id)
{
	memset(a, 0, sizeof *a);
	int c;
	while ((c = cli_getopt(cli, &cmd_person, argc, argv, person_opts)) > 0) {
		switch (c) {
		case OPT_TITLE:
			a->title = optarg;
			break;
		case OPT_FIRST:
			a->first = optarg;
			break;
		case OPT_LAST:
			a->last = optarg;
			break;
		case OPT_FIRST_EN:
			a->first_en = optarg;
			break;
		case OPT_LAST_EN:
			a->last_en = optarg;
			break;
		case OPT_BIRTH:
			a->birth = optarg;
			break;
		case OPT_SEX:
			a->sex = optarg;
			break;
		case OPT_THAI:
			a->thai = optarg;
			break;
		case OPT_VILLAGE:
			a->village = optarg;
			break;
		case OPT_PHONE:
			a->phone = optarg;
			break;
		case OPT_ADDRESS:
			a->address = optarg;
			break;
		}
	}
	if (c == CLI_OPT_HELP)
		return -1;
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (optind >= argc)
		return cli_usage(cli, &cmd_person, "ไม่ได้ระบุเลขประจำตัวประชาชน",
				 "the national ID is missing");
	if (argc - optind > 1)
		return cli_usage(cli, &cmd_person, "มีอาร์กิวเมนต์เกิน: %s", "extra argument: %s",
				 argv[optind + 1]);
	return cli_parse_id(cli, argv[optind], "id", id);
}

/*
 * Say what add or update did to p: the formats take the formatted ID and the
 * name (Thai in the Thai text, English in the English one).
 */
static void person_say(const struct s40_cli *cli, const struct s40_person *p, int changed,
		       const char *th_done, const char *en_done, const char *th_same,
		       const char *en_same)
{
	char idtext[32], name_th[512], name_en[512], th[1200], en[1200];
	s40_natid_format(p->id, idtext, sizeof idtext);
	cli_person_name_th(p, name_th, sizeof name_th);
	cli_person_name_en(p, name_en, sizeof name_en);
	text_2(th, sizeof th, changed ? th_done : th_same, idtext, name_th);
	text_2(en, sizeof en, changed ? en_done : en_same, idtext, name_en);
	char digits[16];
	cli_confirm(cli,
		    json_pack("{s:s, s:b, s:i}", "id", s40_natid_digits(p->id, digits, sizeof digits),
			      "changed", changed != 0, "village", (int)p->village),
		    th, en);
}

/* s40 person add ID … */
static int person_add(struct s40_cli *cli, int argc, char **argv)
{
	struct person_args a;
	int64_t id;
	int rc = person_args_parse(cli, argc, argv, &a, &id);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	const char *missing = !a.first	 ? "--first" :
			      !a.last	 ? "--last" :
			      !a.birth	 ? "--birth" :
			      !a.village ? "--village" :
					   NULL;
	if (missing != NULL)
		return cli_usage(cli, &cmd_person, "ต้องระบุ %s", "%s is required", missing);

	struct s40_person p;
	s40_person_clear(&p);
	p.id = id;
	/* Nationality stays "not recorded" (-1) unless --thai says it: it is a fact read
	 * from the card, never assumed (docs/DECISIONS.md), as in the import. */
	if ((rc = person_apply(cli, &a, &p)) != 0)
		return rc;

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int changed = 0;
	enum s40_err err = s40_person_add(&reg, &p, &changed, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	person_say(cli, &p, changed, "เพิ่มบุคคล %s %s แล้ว", "added %s %s",
		   "มีบุคคล %s %s อยู่แล้วด้วยข้อมูลเดียวกัน ไม่มีการเปลี่ยนแปลง",
		   "%s %s is registered already with the same data; nothing changed");
	return 0;
}

/* s40 person update ID … */
static int person_update(struct s40_cli *cli, int argc, char **argv)
{
	struct person_args a;
	int64_t id;
	int rc = person_args_parse(cli, argc, argv, &a, &id);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	static const struct person_args none;
	if (memcmp(&a, &none, sizeof a) == 0)
		return cli_usage(cli, &cmd_person, "ไม่ได้ระบุข้อมูลที่จะแก้ไข",
				 "nothing to change was given");

	struct s40_store *st;
	struct s40_reg reg;
	if ((rc = cli_open(cli, false, &st, &reg)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	if (s40_person_get(st, id, &p, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}
	if ((rc = person_apply(cli, &a, &p)) != 0) {
		s40_store_close(st);
		return rc;
	}
	int changed = 0;
	enum s40_err err = s40_person_update(&reg, &p, &changed, &ctx);
	s40_store_close(st);
	if (err != S40_OK)
		return cli_fail(cli, &ctx);
	person_say(cli, &p, changed, "แก้ไขข้อมูล %s %s แล้ว", "updated %s %s",
		   "ข้อมูล %s %s เหมือนเดิม ไม่มีการเปลี่ยนแปลง",
		   "%s %s: the data is the same; nothing changed");
	return 0;
}

/* Everything person show prints, read once. */
struct person_view {
	struct s40_person p;
	char village_name[512];
	struct s40_spell *spells;
	size_t n_spells;
	int *option_now; /* per spell: the option in force this month or in its last month */
	struct s40_excl_rec *excl;
	size_t n_excl;
};

static void person_view_free(struct person_view *v)
{
	free(v->spells);
	free(v->option_now);
	free(v->excl);
}

/* The month whose option a spell shows: this month, or its last month if ended. */
static int32_t spell_show_month(const struct s40_spell *sp, int32_t today)
{
	int32_t day = today;
	if (sp->end_day != S40_NO_DAY && sp->end_day <= today)
		day = sp->end_day - 1;
	if (day < sp->start_day)
		day = sp->start_day;
	return s40_day_month(day);
}

static enum s40_err person_view_read(const struct s40_cli *cli, struct s40_store *st, int64_t id,
				     struct person_view *v, struct s40_ctx *ctx)
{
	memset(v, 0, sizeof *v);
	enum s40_err err = s40_person_get(st, id, &v->p, ctx);
	if (err != S40_OK)
		return err;
	if (s40_area_full_name(st, v->p.village,
			       cli->lang == S40_LANG_EN ? S40_LANG_EN : S40_LANG_TH,
			       v->village_name, sizeof v->village_name, ctx) != S40_OK) {
		s40_ctx_clear(ctx); /* a name is a nicety: show the code alone */
		v->village_name[0] = '\0';
	}
	if ((err = s40_membership_list(st, id, &v->spells, &v->n_spells, ctx)) != S40_OK)
		return err;
	v->option_now = calloc(v->n_spells + 1, sizeof *v->option_now);
	if (v->option_now == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t i = 0; i < v->n_spells; i++) {
		v->option_now[i] = v->spells[i].option;
		int32_t month = spell_show_month(&v->spells[i], cli->today);
		if (s40_membership_option_in(st, &v->spells[i], month, &v->option_now[i], ctx) !=
		    S40_OK)
			return ctx->code;
	}
	return s40_exclusion_list(st, id, &v->excl, &v->n_excl, ctx);
}

/* The option changes of a spell as JSON, or into a table (t not NULL). */
static enum s40_err option_changes(struct s40_store *st, const struct s40_spell *sp, json_t *arr,
				   struct s40_table *t, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_OPTCHG_OF_SPELL, ctx);
	if (s == NULL)
		return ctx->code;
	s40_stmt_int64(s, 1, sp->spell_id);
	int rc;
	char a[32], b[32];
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t req = (int32_t)s40_col_int64(s, 0);
		int32_t from = (int32_t)s40_col_int64(s, 1);
		int old = (int)s40_col_int64(s, 2), new = (int)s40_col_int64(s, 3);
		if (arr != NULL)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:i}", "requested",
							     s40_date_iso(req, a, sizeof a),
							     "from_month",
							     s40_month_iso(from, b, sizeof b),
							     "old_option", old, "new_option", new));
		if (t != NULL && s40_table_add_row(t) == S40_OK) {
			s40_table_set_int(t, 0, sp->start_day);
			s40_table_set_int(t, 1, req);
			s40_table_set_int(t, 2, from);
			s40_table_set_int(t, 3, old);
			s40_table_set_int(t, 4, new);
		}
	}
	s40_stmt_reset(s);
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

static const char *sex_key(int sex)
{
	return sex == 1 ? "M" : sex == 2 ? "F" : NULL;
}

/* person show --format json: one object. */
static int person_show_json(const struct s40_cli *cli, struct s40_store *st,
			    const struct person_view *v)
{
	const struct s40_person *p = &v->p;
	char idd[32], idf[32], d1[64], d2[64];
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(s40_natid_digits(p->id, idd, sizeof idd)));
	json_object_set_new(o, "id_formatted",
			    json_string(s40_natid_format(p->id, idf, sizeof idf)));
	json_object_set_new(o, "title", json_string(p->title));
	json_object_set_new(o, "first_th", json_string(p->first_th));
	json_object_set_new(o, "last_th", json_string(p->last_th));
	json_object_set_new(o, "first_en", json_string(p->first_en));
	json_object_set_new(o, "last_en", json_string(p->last_en));
	if (p->birth_day != S40_NO_DAY) {
		json_object_set_new(o, "birth_date",
				    json_string(s40_date_iso(p->birth_day, d1, sizeof d1)));
		json_object_set_new(o, "age", json_integer(s40_age_on(p->birth_day, cli->today)));
	} else {
		json_object_set_new(o, "birth_date", json_null());
		json_object_set_new(o, "age", json_null());
	}
	json_object_set_new(o, "sex", sex_key(p->sex) ? json_string(sex_key(p->sex)) : json_null());
	json_object_set_new(o, "thai", p->thai < 0 ? json_null() : json_boolean(p->thai));
	json_object_set_new(o, "village", json_integer(p->village));
	json_object_set_new(o, "village_name", json_string(v->village_name));
	json_object_set_new(o, "phone", json_string(p->phone));
	json_object_set_new(o, "address", json_string(p->address));
	json_object_set_new(o, "today", json_string(s40_date_iso(cli->today, d1, sizeof d1)));
	int member_today = 0;
	json_t *spells = json_array();
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	for (size_t i = 0; i < v->n_spells; i++) {
		const struct s40_spell *sp = &v->spells[i];
		if (s40_spell_active(sp, cli->today))
			member_today = 1;
		json_t *s = json_object();
		json_object_set_new(s, "spell_id", json_integer(sp->spell_id));
		json_object_set_new(s, "start",
				    json_string(s40_date_iso(sp->start_day, d1, sizeof d1)));
		json_object_set_new(s, "end",
				    sp->end_day == S40_NO_DAY ?
					    json_null() :
					    json_string(s40_date_iso(sp->end_day, d2, sizeof d2)));
		json_object_set_new(s, "end_reason",
				    sp->end_reason ?
					    json_string(s40_end_reason_key(sp->end_reason)) :
					    json_null());
		json_object_set_new(s, "option", json_integer(sp->option));
		json_object_set_new(s, "option_now", json_integer(v->option_now[i]));
		json_object_set_new(s, "village", json_integer(sp->village));
		json_object_set_new(s, "channel",
				    sp->channel[0] ? json_string(sp->channel) : json_null());
		json_object_set_new(s, "recruited_by",
				    sp->recruited_by ? json_string(s40_natid_digits(
							       sp->recruited_by, idd, sizeof idd)) :
						       json_null());
		json_t *changes = json_array();
		if (option_changes(st, sp, changes, NULL, &ctx) != S40_OK) {
			json_decref(changes);
			json_decref(s);
			json_decref(spells);
			json_decref(o);
			return cli_fail(cli, &ctx);
		}
		json_object_set_new(s, "option_changes", changes);
		json_array_append_new(spells, s);
	}
	json_object_set_new(o, "member_today", json_boolean(member_today));
	json_object_set_new(o, "memberships", spells);
	json_t *ex = json_array();
	for (size_t i = 0; i < v->n_excl; i++) {
		const struct s40_excl_rec *x = &v->excl[i];
		json_array_append_new(
			ex,
			json_pack("{s:s, s:o, s:o, s:s}", "kind", s40_excl_kind_key(x->e.kind),
				  "from",
				  x->e.start_day == S40_NO_DAY ?
					  json_null() :
					  json_string(s40_date_iso(x->e.start_day, d1, sizeof d1)),
				  "to",
				  x->e.end_day == S40_NO_DAY ?
					  json_null() :
					  json_string(s40_date_iso(x->e.end_day, d2, sizeof d2)),
				  "source", x->source));
	}
	json_object_set_new(o, "exclusions", ex);
	return cli_json_print(o);
}

/* One "label  value" line, labels padded to a column. */
static void show_line(const char *label, const char *value)
{
	int w = s40_display_width(label);
	fputs(label, stdout);
	for (; w < 22; w++)
		putchar(' ');
	puts(value);
}

/* The person's fields as a one-row table (person show --format csv): a file that
 * s40 import persons reads back, by the keys (plain) or by the labels (Excel's,
 * in Thai or English). */
static int person_show_csv(const struct s40_cli *cli, const struct person_view *v)
{
	const struct s40_person *p = &v->p;
	struct s40_table t;
	s40_table_init(&t, "บุคคล", "person");
	s40_table_add_col(&t, "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID);
	s40_table_add_col(&t, "title", "คำนำหน้า", "title", S40_COL_TEXT);
	s40_table_add_col(&t, "first_th", "ชื่อ", "first name", S40_COL_TEXT);
	s40_table_add_col(&t, "last_th", "นามสกุล", "last name", S40_COL_TEXT);
	s40_table_add_col(&t, "first_en", "ชื่อภาษาอังกฤษ", "first name (English)", S40_COL_TEXT);
	s40_table_add_col(&t, "last_en", "นามสกุลภาษาอังกฤษ", "last name (English)", S40_COL_TEXT);
	s40_table_add_col(&t, "birth_date", "วันเกิด", "birth date", S40_COL_DATE);
	s40_table_add_col(&t, "sex", "เพศ", "sex", S40_COL_TEXT);
	s40_table_add_col(&t, "thai", "สัญชาติไทย", "Thai", S40_COL_BOOL);
	s40_table_add_col(&t, "village", "รหัสหมู่บ้าน", "village", S40_COL_CODE);
	s40_table_add_col(&t, "phone", "โทรศัพท์", "phone", S40_COL_TEXT);
	s40_table_add_col(&t, "address", "ที่อยู่", "address", S40_COL_TEXT);
	s40_table_add_row(&t);
	s40_table_set_int(&t, 0, p->id);
	s40_table_set_text(&t, 1, p->title);
	s40_table_set_text(&t, 2, p->first_th);
	s40_table_set_text(&t, 3, p->last_th);
	s40_table_set_text(&t, 4, p->first_en);
	s40_table_set_text(&t, 5, p->last_en);
	if (p->birth_day != S40_NO_DAY)
		s40_table_set_int(&t, 6, p->birth_day);
	if (sex_key(p->sex))
		s40_table_set_text(&t, 7, sex_key(p->sex));
	if (p->thai >= 0)
		s40_table_set_int(&t, 8, p->thai);
	s40_table_set_int(&t, 9, p->village);
	s40_table_set_text(&t, 10, p->phone);
	s40_table_set_text(&t, 11, p->address);
	int rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

/* person show for people: labelled lines, then the spells and exclusions as tables. */
static int person_show_text(const struct s40_cli *cli, struct s40_store *st,
			    const struct person_view *v)
{
	const struct s40_person *p = &v->p;
	int en = cli->lang == S40_LANG_EN;
	char buf[640], name[512], d[64];
	show_line(en ? "national ID" : "เลขประจำตัวประชาชน",
		  s40_natid_format(p->id, buf, sizeof buf));
	show_line(en ? "name (Thai)" : "ชื่อ", cli_person_name_th(p, name, sizeof name));
	if (p->first_en[0] || p->last_en[0])
		show_line(en ? "name" : "ชื่อภาษาอังกฤษ", cli_person_name_en(p, name, sizeof name));
	if (p->birth_day != S40_NO_DAY) {
		cli_date_long(cli->lang, p->birth_day, d, sizeof d);
		int age = s40_age_on(p->birth_day, cli->today);
		if (en)
			snprintf(buf, sizeof buf, "%s (age %d)", d, age);
		else
			snprintf(buf, sizeof buf, "%s (อายุ %d ปี)", d, age);
		show_line(en ? "born" : "วันเกิด", buf);
	} else {
		show_line(en ? "born" : "วันเกิด", en ? "unknown" : "ไม่ทราบ");
	}
	const char *sex = p->sex == 1 ? (en ? "male" : "ชาย") :
			  p->sex == 2 ? (en ? "female" : "หญิง") :
					(en ? "not recorded" : "ไม่ได้บันทึก");
	show_line(en ? "sex" : "เพศ", sex);
	const char *thai = p->thai == 1 ? (en ? "yes" : "ใช่") :
			   p->thai == 0 ? (en ? "no" : "ไม่ใช่") :
					  (en ? "not recorded" : "ไม่ได้บันทึก");
	show_line(en ? "Thai nationality" : "สัญชาติไทย", thai);
	snprintf(buf, sizeof buf, "%08d %s", (int)p->village, v->village_name);
	show_line(en ? "village" : "หมู่บ้าน", buf);
	if (p->phone[0])
		show_line(en ? "phone" : "โทรศัพท์", p->phone);
	if (p->address[0])
		show_line(en ? "address" : "ที่อยู่", p->address);

	/* Status today. */
	const struct s40_spell *now = NULL;
	int option_now = 0;
	for (size_t i = 0; i < v->n_spells; i++)
		if (s40_spell_active(&v->spells[i], cli->today)) {
			now = &v->spells[i];
			option_now = v->option_now[i];
		}
	cli_date_long(cli->lang, cli->today, d, sizeof d);
	if (now != NULL)
		snprintf(buf, sizeof buf,
			 en ? "Section 40 member, %s (on %s)" : "เป็นผู้ประกันตนมาตรา 40 %s (ณ วันที่ %s)",
			 s40_option_name(option_now, cli->lang), d);
	else
		snprintf(buf, sizeof buf,
			 en ? "not a Section 40 member (on %s)" :
			      "ไม่ได้เป็นผู้ประกันตนมาตรา 40 (ณ วันที่ %s)",
			 d);
	show_line(en ? "status" : "สถานะ", buf);

	int rc = 0;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	putchar('\n');
	if (v->n_spells == 0) {
		puts(en ? "memberships: none" : "การเป็นผู้ประกันตนมาตรา 40: ไม่มี");
	} else {
		struct s40_table t;
		s40_table_init(&t, "การเป็นผู้ประกันตนมาตรา 40", "Section 40 memberships");
		s40_table_add_col(&t, "start", "เริ่ม", "start", S40_COL_DATE);
		s40_table_add_col(&t, "end", "สิ้นสุด", "end", S40_COL_DATE);
		s40_table_add_col(&t, "end_reason", "เหตุที่สิ้นสุด", "end reason", S40_COL_TEXT);
		s40_table_add_col(&t, "option", "ทางเลือกเมื่อสมัคร", "option at start", S40_COL_INT);
		s40_table_add_col(&t, "option_now", "ทางเลือกปัจจุบัน", "option now", S40_COL_INT);
		s40_table_add_col(&t, "channel", "ช่องทาง", "channel", S40_COL_TEXT);
		s40_table_add_col(&t, "recruited_by", "ผู้ชักชวน", "recruited by", S40_COL_NATID);
		struct s40_table oc;
		s40_table_init(&oc, "การเปลี่ยนทางเลือก", "option changes");
		s40_table_add_col(&oc, "spell_start", "ช่วงที่เริ่ม", "spell from", S40_COL_DATE);
		s40_table_add_col(&oc, "requested", "วันที่ขอ", "requested", S40_COL_DATE);
		s40_table_add_col(&oc, "from_month", "มีผลตั้งแต่", "from", S40_COL_MONTH);
		s40_table_add_col(&oc, "old_option", "ทางเลือกเดิม", "old option", S40_COL_INT);
		s40_table_add_col(&oc, "new_option", "ทางเลือกใหม่", "new option", S40_COL_INT);
		for (size_t i = 0; i < v->n_spells && rc == 0; i++) {
			const struct s40_spell *sp = &v->spells[i];
			s40_table_add_row(&t);
			s40_table_set_int(&t, 0, sp->start_day);
			if (sp->end_day != S40_NO_DAY)
				s40_table_set_int(&t, 1, sp->end_day);
			if (sp->end_reason)
				s40_table_set_text(&t, 2,
						   s40_end_reason_name(sp->end_reason, cli->lang));
			s40_table_set_int(&t, 3, sp->option);
			s40_table_set_int(&t, 4, v->option_now[i]);
			if (sp->channel[0])
				s40_table_set_text(&t, 5, sp->channel);
			if (sp->recruited_by)
				s40_table_set_int(&t, 6, sp->recruited_by);
			if (option_changes(st, sp, NULL, &oc, &ctx) != S40_OK)
				rc = cli_fail(cli, &ctx);
		}
		if (rc == 0)
			rc = cli_render(cli, &t);
		if (rc == 0 && oc.n_rows > 0) {
			putchar('\n');
			rc = cli_render(cli, &oc);
		}
		s40_table_free(&oc);
		s40_table_free(&t);
	}
	if (rc == 0 && v->n_excl > 0) {
		putchar('\n');
		struct s40_table t;
		s40_table_init(&t, "การยกเว้น (อยู่ในระบบอื่น)", "exclusions (other schemes)");
		s40_table_add_col(&t, "kind", "ประเภท", "kind", S40_COL_TEXT);
		s40_table_add_col(&t, "from", "ตั้งแต่", "from", S40_COL_DATE);
		s40_table_add_col(&t, "to", "ถึง", "to", S40_COL_DATE);
		s40_table_add_col(&t, "source", "ที่มา", "source", S40_COL_TEXT);
		for (size_t i = 0; i < v->n_excl; i++) {
			const struct s40_excl_rec *x = &v->excl[i];
			s40_table_add_row(&t);
			s40_table_set_text(&t, 0, s40_excl_kind_name(x->e.kind, cli->lang));
			if (x->e.start_day != S40_NO_DAY)
				s40_table_set_int(&t, 1, x->e.start_day);
			if (x->e.end_day != S40_NO_DAY)
				s40_table_set_int(&t, 2, x->e.end_day);
			s40_table_set_text(&t, 3, x->source);
		}
		rc = cli_render(cli, &t);
		s40_table_free(&t);
	}
	return rc;
}

/* s40 person show ID */
static int person_show(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	int c = cli_getopt(cli, &cmd_person, argc, argv, opts);
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_person, "ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข",
				 "give one national ID");
	int64_t id;
	int rc = cli_parse_id(cli, argv[optind], "id", &id);
	if (rc != 0)
		return rc;
	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct person_view v;
	if (person_view_read(cli, st, id, &v, &ctx) != S40_OK) {
		rc = cli_fail(cli, &ctx);
	} else if (cli->format == S40_FMT_JSON) {
		rc = person_show_json(cli, st, &v);
	} else if (cli->format == S40_FMT_CSV) {
		rc = person_show_csv(cli, &v);
	} else {
		rc = person_show_text(cli, st, &v);
	}
	person_view_free(&v);
	s40_store_close(st);
	return rc;
}

/* s40 person find TEXT [--area CODE] [--limit N] */
static int person_find(struct s40_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "area", required_argument, NULL, OPT_AREA },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ NULL, 0, NULL, 0 },
	};
	const char *area_text = NULL;
	long limit = 100;
	int c, rc;
	while ((c = cli_getopt(cli, &cmd_person, argc, argv, opts)) > 0) {
		if (c == OPT_AREA) {
			area_text = optarg;
		} else if (c == OPT_LIMIT) {
			if ((rc = cli_parse_long(cli, optarg, "limit", 1, 1000000, &limit)) != 0)
				return rc;
		}
	}
	if (c != CLI_OPT_END)
		return cli->opt_rc;
	if (argc - optind != 1)
		return cli_usage(cli, &cmd_person, "ต้องระบุข้อความที่จะค้นหาหนึ่งข้อความ",
				 "give one text to search for");
	const char *text = argv[optind];
	int32_t area = 0;
	if (area_text != NULL && (rc = cli_parse_area(cli, area_text, "area", &area)) != 0)
		return rc;

	struct s40_store *st;
	if ((rc = cli_open(cli, false, &st, NULL)) != 0)
		return rc;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec ar;
	struct s40_person *found = NULL;
	size_t n = 0;
	if ((area != 0 && s40_area_get(st, area, &ar, &ctx) != S40_OK) ||
	    s40_person_find(st, text, area, (size_t)limit, &found, &n, &ctx) != S40_OK) {
		s40_store_close(st);
		return cli_fail(cli, &ctx);
	}

	struct s40_table t;
	char th[256], en[256], count[32];
	snprintf(th, sizeof th, "ค้นหาบุคคล \"%s\"", text);
	snprintf(en, sizeof en, "people matching \"%s\"", text);
	s40_table_init(&t, th, en);
	s40_format_int((int64_t)n, count, sizeof count);
	if ((size_t)limit == n) {
		snprintf(th, sizeof th, "%s คนแรก (--limit)", count);
		snprintf(en, sizeof en, "the first %s (--limit)", count);
	} else {
		snprintf(th, sizeof th, "พบ %s คน", count);
		snprintf(en, sizeof en, "%s found", count);
	}
	s40_table_subtitle(&t, th, en);
	s40_table_add_col(&t, "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID);
	s40_table_add_col(&t, "name_th", "ชื่อ-นามสกุล", "name (Thai)", S40_COL_TEXT);
	s40_table_add_col(&t, "name_en", "ชื่อภาษาอังกฤษ", "name", S40_COL_TEXT);
	s40_table_add_col(&t, "birth_date", "วันเกิด", "born", S40_COL_DATE);
	s40_table_add_col(&t, "village", "รหัสหมู่บ้าน", "village", S40_COL_CODE);
	s40_table_add_col(&t, "village_name", "หมู่บ้าน", "village name", S40_COL_TEXT);
	int32_t last_village = 0;
	char vname[512] = "";
	for (size_t i = 0; i < n; i++) {
		const struct s40_person *p = &found[i];
		char name[512];
		s40_table_add_row(&t);
		s40_table_set_int(&t, 0, p->id);
		s40_table_set_text(&t, 1, cli_person_name_th(p, name, sizeof name));
		if (p->first_en[0] || p->last_en[0])
			s40_table_set_text(&t, 2, cli_person_name_en(p, name, sizeof name));
		if (p->birth_day != S40_NO_DAY)
			s40_table_set_int(&t, 3, p->birth_day);
		s40_table_set_int(&t, 4, p->village);
		if (p->village != last_village) {
			last_village = p->village;
			if (s40_area_full_name(st, p->village, cli->lang, vname, sizeof vname,
					       &ctx) != S40_OK)
				vname[0] = '\0';
		}
		s40_table_set_text(&t, 5, vname);
	}
	free(found);
	s40_store_close(st);
	rc = cli_render(cli, &t);
	s40_table_free(&t);
	return rc;
}

/* s40 person add|update|show|find … */
static int cmd_person_run(struct s40_cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		if (argc < 2)
			return cli_usage(cli, &cmd_person, "ต้องระบุ add, update, show หรือ find",
					 "give add, update, show or find");
		cli_cmd_help(cli, &cmd_person, stdout);
		return 0;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return person_add(cli, argc - 1, argv + 1);
	if (strcmp(sub, "update") == 0)
		return person_update(cli, argc - 1, argv + 1);
	if (strcmp(sub, "show") == 0)
		return person_show(cli, argc - 1, argv + 1);
	if (strcmp(sub, "find") == 0)
		return person_find(cli, argc - 1, argv + 1);
	return cli_usage(cli, &cmd_person, "ไม่รู้จักคำสั่งย่อย %s", "unknown subcommand %s", sub);
}

const struct s40_cmd cmd_person = {
	.name = "person",
	.usage = "person add ID --first ชื่อ --last นามสกุล --birth DATE --village CODE "
		 "[--title นาย] [--first-en NAME] [--last-en NAME] [--sex M|F] [--thai yes|no] "
		 "[--phone N] [--address TEXT]\n"
		 "person update ID [the options of add: only those given change]\n"
		 "person show ID\n"
		 "person find TEXT [--area CODE] [--limit N]",
	.help_th = "ทะเบียนบุคคล: เพิ่ม แก้ไข ดูข้อมูล (การเป็นผู้ประกันตนและการยกเว้น) และค้นหาตามชื่อ",
	.help_en = "the person register: add, update, show (with memberships and exclusions) "
		   "and find by name",
	.run = cmd_person_run,
};
