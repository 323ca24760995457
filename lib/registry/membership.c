/*
 * membership.c — Section 40 membership spells: enrolment with the eligibility
 * rules, option changes, ends, and reading a person's spells.
 */
#include "membership.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/natid.h"
#include "event.h"
#include "exclusion.h"
#include "person.h"
#include "rules/eligibility.h"
#include "rules/rates.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

int s40_spell_active(const struct s40_spell *sp, int32_t day)
{
	return sp->start_day <= day && (sp->end_day == S40_NO_DAY || day < sp->end_day);
}

static void spell_from_row(struct s40_stmt *s, struct s40_spell *sp)
{
	memset(sp, 0, sizeof *sp);
	sp->spell_id = s40_col_int64(s, 0);
	sp->person = s40_col_int64(s, 1);
	sp->province = (int32_t)s40_col_int64(s, 2);
	sp->village = (int32_t)s40_col_int64(s, 3);
	sp->start_day = (int32_t)s40_col_int64(s, 4);
	sp->end_day = (int32_t)s40_col_int64_or(s, 5, S40_NO_DAY);
	sp->end_reason = (int)s40_col_int64_or(s, 6, 0);
	sp->option = (int)s40_col_int64(s, 7);
	sp->recruited_by = s40_col_int64_or(s, 8, 0);
	const char *ch = s40_col_text(s, 9);
	snprintf(sp->channel, sizeof sp->channel, "%s", ch ? ch : "");
	sp->journal_seq = s40_col_int64(s, 10);
}

enum s40_err s40_membership_list(struct s40_store *st, int64_t person, struct s40_spell **out,
				 size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_OF_PERSON, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	struct s40_spell *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			struct s40_spell *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		spell_from_row(s, &v[len++]);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_membership_on(struct s40_store *st, int64_t person, int32_t day,
			       struct s40_spell *sp, int *found, struct s40_ctx *ctx)
{
	struct s40_spell *v;
	size_t n;
	*found = 0;
	enum s40_err rc = s40_membership_list(st, person, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (s40_spell_active(&v[i], day)) {
			*sp = v[i];
			*found = 1;
		}
	free(v);
	return S40_OK;
}

enum s40_err s40_membership_option_in(struct s40_store *st, const struct s40_spell *sp,
				      int32_t month, int *option, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_OPTCHG_OF_SPELL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, sp->spell_id);
	*option = sp->option;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW)
		if (s40_col_int64(s, 1) <= month)
			*option = (int)s40_col_int64(s, 3);
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

enum s40_err s40_membership_option_months(struct s40_store *st, const struct s40_spell *sp,
					  int32_t first, int n, int *option, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_OPTCHG_OF_SPELL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, sp->spell_id);
	for (int k = 0; k < n; k++)
		option[k] = sp->option;
	/* The changes come by from_month, so a later one overrides an earlier one. */
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t from = (int32_t)s40_col_int64(s, 1);
		int opt = (int)s40_col_int64(s, 3);
		for (int k = from > first ? from - first : 0; k < n; k++)
			option[k] = opt;
	}
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

/* Refuse a day after today. */
static enum s40_err check_not_future(struct s40_reg *reg, int32_t day, const char *field,
				     struct s40_ctx *ctx)
{
	if (day <= reg->today)
		return S40_OK;
	struct s40_day2 d;
	s40_day2(day, &d);
	return s40_errorf(ctx, S40_E_BAD_VALUE, field,
			  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
			  S40_D_EN " is after today: it cannot be recorded in advance", S40_D_ARGS(d));
}

/* The open spell of person: *found 0 or 1. */
static enum s40_err open_spell(struct s40_store *st, int64_t person, struct s40_spell *sp,
			       int *found, struct s40_ctx *ctx)
{
	*found = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_OPEN, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		spell_from_row(s, sp);
		*found = 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

/* Whether person p may join on day: every rule, every reason. */
static enum s40_err check_eligible(struct s40_store *st, const struct s40_person *p,
				   int32_t day, int32_t today, struct s40_ctx *ctx)
{
	struct s40_excl_rec *x;
	size_t nx;
	enum s40_err rc = s40_exclusion_list(st, p->id, &x, &nx, ctx);
	if (rc)
		return rc;
	struct s40_exclusion *ex = calloc(nx ? nx : 1, sizeof *ex);
	if (ex == NULL) {
		free(x);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < nx; i++)
		ex[i] = x[i].e;
	free(x);
	struct s40_applicant a = {
		.birth_day = p->birth_day, .thai = p->thai, .excl = ex, .n_excl = nx};
	int age;
	unsigned why = s40_eligibility(&a, day, &age);
	/* Cover elsewhere recorded to start after the day but by today would cut
	 * the new membership short: the spell would overlap it. */
	int32_t cover_day = S40_NO_DAY;
	int cover_kind = 0;
	for (size_t i = 0; i < nx && !why; i++)
		if (ex[i].start_day != S40_NO_DAY && ex[i].start_day > day &&
		    ex[i].start_day <= today && (cover_day == S40_NO_DAY || ex[i].start_day < cover_day)) {
			cover_day = ex[i].start_day;
			cover_kind = ex[i].kind;
		}
	free(ex);
	if (why)
		return s40_eligibility_refuse(why, age, day, ctx);
	if (cover_day != S40_NO_DAY) {
		struct s40_day2 dc;
		s40_day2(cover_day, &dc);
		return s40_errorf(ctx, S40_E_INELIGIBLE, "exclusion",
				  "มีข้อมูลว่าเป็น%s%.0sตั้งแต่ " S40_D_TH
				  " ช่วงสมาชิกใหม่จะซ้อนกับความคุ้มครองนั้น",
				  "%.0srecorded as %s from " S40_D_EN
				  ", which the new membership would overlap",
				  s40_excl_kind_name(cover_kind, S40_LANG_TH),
				  s40_excl_kind_name(cover_kind, S40_LANG_EN), S40_D_ARGS(dc));
	}
	return S40_OK;
}

static const char *const channels[] = {"office", "event", "volunteer", "online", "counter",
				       "representative", "import", "demo", NULL};

static enum s40_err check_channel(const char *channel, struct s40_ctx *ctx)
{
	if (channel == NULL || channel[0] == '\0')
		return S40_OK;
	for (int i = 0; channels[i]; i++)
		if (strcmp(channel, channels[i]) == 0)
			return S40_OK;
	return s40_errorf(ctx, S40_E_BAD_VALUE, "channel",
			  "ช่องทาง '%s' ไม่อยู่ในรายการ (office, event, volunteer, online, counter, representative)",
			  "channel '%s' is not one of office, event, volunteer, online, counter, representative",
			  channel);
}

/* No one joins before Section 40's contributions began: the first month the rate
 * table has for the option. */
static enum s40_err check_scheme_began(int option, int32_t day, struct s40_ctx *ctx)
{
	int32_t first = s40_option_first_month(option);
	if (s40_day_month(day) >= first)
		return S40_OK;
	struct s40_day2 a, b;
	s40_day2(s40_month_first_day(first), &a);
	s40_day2(day, &b);
	return s40_errorf(ctx, S40_E_INELIGIBLE, "date",
			  "การสมัครมาตรา 40 เริ่มได้ตั้งแต่วันที่ " S40_D_TH
			  " ซึ่งเป็นเดือนแรกที่มีอัตราเงินสมทบของทางเลือกที่ %d (ขอสมัครวันที่ " S40_D_TH ")",
			  "Section 40 enrolments start on " S40_D_EN " or later, the first month with "
			  "contribution rates for option %d (asked for " S40_D_EN ")",
			  S40_D_ARGS(a), option, S40_D_ARGS(b));
}

static enum s40_err enrol_in_tx(struct s40_reg *reg, const struct s40_enrol *e,
				int64_t *spell_id, int *changed, struct s40_ctx *ctx)
{
	char idtxt[32], d1[64];
	struct s40_day2 a, b, c;
	struct s40_person p;
	enum s40_err rc = s40_person_get(reg->store, e->person, &p, ctx);
	if (rc)
		return rc;
	if (!s40_option_valid(e->option))
		return s40_errorf(ctx, S40_E_BAD_OPTION, "option", "ทางเลือก %d ไม่มี",
				  "there is no option %d", e->option);
	if ((rc = check_not_future(reg, e->day, "date", ctx)) ||
	    (rc = check_scheme_began(e->option, e->day, ctx)) || (rc = check_channel(e->channel, ctx)))
		return rc;
	if (e->recruited_by) {
		struct s40_person r;
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		if (e->recruited_by == e->person)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "recruited_by",
					  "ผู้แนะนำต้องไม่ใช่ผู้สมัครเอง", "a person cannot recruit themself");
		/* A recruiter out of the user's sight is answered as an unknown one. */
		if (s40_person_get(reg->store, e->recruited_by, &r, &c2) != S40_OK ||
		    !s40_reg_sees(reg, r.village))
			return s40_errorf(ctx, S40_E_NOT_FOUND, "recruited_by",
					  "ไม่พบผู้แนะนำเลขประจำตัว %s ในทะเบียน",
					  "no recruiter with ID %s in the register",
					  s40_natid_format(e->recruited_by, idtxt, sizeof idtxt));
	}

	struct s40_spell *v;
	size_t n;
	rc = s40_membership_list(reg->store, e->person, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		const struct s40_spell *sp = &v[i];
		if (sp->end_day == S40_NO_DAY) {
			if (e->idempotent && sp->start_day == e->day && sp->option == e->option) {
				if (spell_id)
					*spell_id = sp->spell_id;
				free(v);
				return S40_OK;
			}
			s40_day2(sp->start_day, &a);
			rc = s40_errorf(ctx, S40_E_ALREADY_MEMBER, "id",
					"%s เป็นผู้ประกันตนมาตรา 40 อยู่แล้วตั้งแต่ " S40_D_TH,
					"%s has been a Section 40 member since " S40_D_EN,
					s40_natid_format(e->person, idtxt, sizeof idtxt),
					S40_D_ARGS(a));
		} else if (e->day < sp->end_day) {
			s40_day2(e->day, &a);
			s40_day2(sp->start_day, &b);
			s40_day2(sp->end_day, &c);
			rc = s40_errorf(ctx, S40_E_OVERLAP, "date",
					"ช่วงใหม่ที่เริ่ม " S40_D_TH " ซ้อนกับช่วงเดิม " S40_D_TH
					" ถึง " S40_D_TH,
					"a spell from " S40_D_EN " would overlap the spell from " S40_D_EN
					" to " S40_D_EN,
					S40_D_ARGS(a), S40_D_ARGS(b), S40_D_ARGS(c));
		}
	}
	free(v);
	if (rc)
		return rc;
	if ((rc = check_eligible(reg->store, &p, e->day, reg->today, ctx)))
		return rc;
	if (e->event && (rc = s40_event_check_enrol(reg->store, e->event, e->day, ctx)))
		return rc;

	char entity[40], detail[160], digits[16];
	snprintf(entity, sizeof entity, "person:%s", s40_natid_digits(e->person, digits, sizeof digits));
	snprintf(detail, sizeof detail, "{\"option\":%d,\"start\":\"%s\",\"village\":%d}", e->option,
		 s40_date_iso(e->day, d1, sizeof d1), (int)p.village);
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "membership.enrol", entity, detail, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SPELL_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, e->person);
	s40_stmt_int64(s, 2, p.village / 1000000);
	s40_stmt_int64(s, 3, p.village);
	s40_stmt_int64(s, 4, e->day);
	s40_stmt_int64(s, 5, e->option);
	s40_stmt_int64_or_null(s, 6, e->recruited_by, 0);
	s40_stmt_text(s, 7, e->channel && e->channel[0] ? e->channel : NULL);
	s40_stmt_int64(s, 8, seq);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_E_CONSTRAINT) {
		/* The checks above saw no open spell, yet the database's own rule (one
		 * open spell per person, spell_one_open) refused this one: another
		 * process enrolled the person at the same moment. The same refusal as
		 * the check's, not a failure of the system. */
		s40_ctx_clear(ctx);
		return s40_errorf(ctx, S40_E_ALREADY_MEMBER, "id",
				  "%s เป็นผู้ประกันตนมาตรา 40 อยู่แล้ว (เพิ่งบันทึกพร้อมกันจากที่อื่น)",
				  "%s is a Section 40 member already (just recorded elsewhere)",
				  s40_natid_format(e->person, idtxt, sizeof idtxt));
	}
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสช่วงสมาชิก",
						"no spell id returned")
				   : (enum s40_err)r;
	int64_t new_id = s40_col_int64(s, 0);
	if (spell_id)
		*spell_id = new_id;
	s40_stmt_reset(s);
	if (e->event && (rc = s40_event_link_spell(reg->store, new_id, e->event, ctx)))
		return rc;
	if (changed)
		*changed = 1;
	return S40_OK;
}

enum s40_err s40_membership_enrol(struct s40_reg *reg, const struct s40_enrol *e,
				  int64_t *spell_id, int *changed, struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, enrol_in_tx(reg, e, spell_id, changed, ctx), ctx);
}

static enum s40_err option_in_tx(struct s40_reg *reg, int64_t person, int option, int32_t day,
				 int32_t *from_month, struct s40_ctx *ctx)
{
	char idtxt[32];
	struct s40_spell sp;
	int found;
	enum s40_err rc;
	if (!s40_option_valid(option))
		return s40_errorf(ctx, S40_E_BAD_OPTION, "option", "ทางเลือก %d ไม่มี",
				  "there is no option %d", option);
	if ((rc = check_not_future(reg, day, "date", ctx)))
		return rc;
	if ((rc = open_spell(reg->store, person, &sp, &found, ctx)))
		return rc;
	if (!found)
		return s40_errorf(ctx, S40_E_NOT_MEMBER, "id",
				  "%s ไม่ได้เป็นผู้ประกันตนมาตรา 40 อยู่", "%s is not a Section 40 member",
				  s40_natid_format(person, idtxt, sizeof idtxt));
	struct s40_day2 ds;
	if (day < sp.start_day)
		return s40_errorf(ctx, S40_E_BEFORE_START, "date",
				  "วันที่ขอเปลี่ยนอยู่ก่อนวันเริ่มเป็นผู้ประกันตน " S40_D_TH,
				  "the request is before the membership started on " S40_D_EN,
				  S40_D_ARGS(*s40_day2(sp.start_day, &ds)));
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	/* Once a calendar year for the person, whatever spell the earlier change
	 * was made in: leaving and joining again does not grant another. */
	struct s40_spell *all;
	size_t n_all;
	if ((rc = s40_membership_list(reg->store, person, &all, &n_all, ctx)))
		return rc;
	int32_t earlier = S40_NO_DAY;
	int r = S40_OK;
	for (size_t i = 0; i < n_all && r == S40_OK; i++) {
		struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_OPTCHG_OF_SPELL, ctx);
		if (s == NULL) {
			free(all);
			return STORE_ERR(ctx);
		}
		s40_stmt_int64(s, 1, all[i].spell_id);
		while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
			int32_t req = (int32_t)s40_col_int64(s, 0);
			int ry, rm, rd;
			s40_day_to_ymd(req, &ry, &rm, &rd);
			if (ry == y)
				earlier = req;
		}
	}
	free(all);
	if (r != S40_OK)
		return (enum s40_err)r;
	if (earlier != S40_NO_DAY) {
		char be[16];
		snprintf(be, sizeof be, "%d", y + S40_BE_OFFSET);
		s40_day2(earlier, &ds);
		return s40_errorf(ctx, S40_E_OPTION_YEARLY, "option",
				  "ปี พ.ศ. %s เปลี่ยนทางเลือกไปแล้วเมื่อ " S40_D_TH
				  " เปลี่ยนได้ปีละหนึ่งครั้ง",
				  "%.0sthe option was changed already on " S40_D_EN
				  ": once a calendar year",
				  be, S40_D_ARGS(ds));
	}
	int32_t next = s40_day_month(day) + 1;
	int current;
	if ((rc = s40_membership_option_in(reg->store, &sp, next, &current, ctx)))
		return rc;
	if (current == option)
		return s40_errorf(ctx, S40_E_SAME_OPTION, "option", "ใช้ทางเลือกที่ %d อยู่แล้ว",
				  "option %d is already in force", option);
	char entity[40], detail[128], digits[16], mo[16];
	snprintf(entity, sizeof entity, "person:%s", s40_natid_digits(person, digits, sizeof digits));
	snprintf(detail, sizeof detail, "{\"old\":%d,\"new\":%d,\"from\":\"%s\"}", current, option,
		 s40_month_iso(next, mo, sizeof mo));
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "membership.option", entity, detail, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_OPTCHG_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, sp.spell_id);
	s40_stmt_int64(s, 2, day);
	s40_stmt_int64(s, 3, next);
	s40_stmt_int64(s, 4, current);
	s40_stmt_int64(s, 5, option);
	s40_stmt_int64(s, 6, seq);
	if ((rc = s40_stmt_exec(s, ctx)))
		return rc;
	if (from_month)
		*from_month = next;
	return S40_OK;
}

enum s40_err s40_membership_change_option(struct s40_reg *reg, int64_t person, int option,
					  int32_t day, int32_t *from_month, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, option_in_tx(reg, person, option, day, from_month, ctx), ctx);
}

/* End spell sp on day for reason, with its journal entry (inside a transaction). */
enum s40_err s40_membership_end_spell(struct s40_reg *reg, const struct s40_spell *sp,
				      int32_t day, int reason, struct s40_ctx *ctx)
{
	char entity[40], detail[128], digits[16], d1[64];
	snprintf(entity, sizeof entity, "person:%s", s40_natid_digits(sp->person, digits, sizeof digits));
	snprintf(detail, sizeof detail, "{\"end\":\"%s\",\"reason\":\"%s\"}",
		 s40_date_iso(day, d1, sizeof d1), s40_end_reason_key(reason));
	int64_t seq;
	enum s40_err rc = s40_reg_journal(reg, "membership.end", entity, detail, &seq, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SPELL_END, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, sp->spell_id);
	s40_stmt_int64(s, 2, day);
	s40_stmt_int64(s, 3, reason);
	s40_stmt_int64(s, 4, seq);
	return s40_stmt_exec(s, ctx);
}

static enum s40_err end_in_tx(struct s40_reg *reg, int64_t person, int32_t day, int reason,
			      struct s40_ctx *ctx)
{
	char idtxt[32];
	enum s40_err rc;
	/* The key of a reason not in the list is "", which parses back to 0. */
	const char *key = s40_end_reason_key(reason);
	if (key == NULL || key[0] == '\0' || s40_end_reason_parse(key) != reason)
		return s40_errorf(ctx, S40_E_BAD_REASON, "reason", "ไม่มีเหตุสิ้นสุดรหัส %d",
				  "there is no end reason %d", reason);
	if ((rc = check_not_future(reg, day, "date", ctx)))
		return rc;
	struct s40_spell sp;
	int found;
	if ((rc = open_spell(reg->store, person, &sp, &found, ctx)))
		return rc;
	if (!found) {
		struct s40_person p;
		if ((rc = s40_person_get(reg->store, person, &p, ctx)))
			return rc;
		return s40_errorf(ctx, S40_E_NOT_MEMBER, "id",
				  "%s ไม่ได้เป็นผู้ประกันตนมาตรา 40 อยู่", "%s is not a Section 40 member",
				  s40_natid_format(person, idtxt, sizeof idtxt));
	}
	struct s40_day2 ds;
	if (day < sp.start_day)
		return s40_errorf(ctx, S40_E_BEFORE_START, "date",
				  "วันสิ้นสุดอยู่ก่อนวันเริ่มเป็นผู้ประกันตน " S40_D_TH,
				  "the end is before the membership started on " S40_D_EN,
				  S40_D_ARGS(*s40_day2(sp.start_day, &ds)));
	return s40_membership_end_spell(reg, &sp, day, reason, ctx);
}

enum s40_err s40_membership_end(struct s40_reg *reg, int64_t person, int32_t day, int reason,
				struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, end_in_tx(reg, person, day, reason, ctx), ctx);
}
