/*
 * benefit.c — benefit checks against the contribution ledger and the rule
 * version in force on the event's day, and the record of benefits paid that
 * the yearly caps count (benefit.h). Every window is the N contribution months
 * before the month of the event, as in a member's standing (ledger.h).
 */
#include "benefit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "ledger.h"
#include "membership.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)
#define MAX_RULES 8

/* Append s to the NUL-terminated dst of size n, cut at a UTF-8 character. */
static void text_append(char *dst, size_t n, const char *s)
{
	size_t len = strlen(dst), add = strlen(s);
	if (len + 1 >= n)
		return;
	if (add > n - 1 - len) {
		add = n - 1 - len;
		while (add > 0 && ((unsigned char)s[add] & 0xc0) == 0x80)
			add--;
	}
	memcpy(dst + len, s, add);
	dst[len + add] = '\0';
}

enum s40_err s40_benefit_list(struct s40_store *st, int64_t person, struct s40_benefit_rec **out,
			      size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_BENEFIT_OF_PERSON, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	struct s40_benefit_rec *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			struct s40_benefit_rec *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		struct s40_benefit_rec *b = &v[len++];
		b->benefit_id = s40_col_int64(s, 0);
		b->kind = (int)s40_col_int64(s, 1);
		b->event_day = (int32_t)s40_col_int64(s, 2);
		b->units = s40_col_int64(s, 3);
		b->amount = s40_col_int64(s, 4);
		b->journal_seq = s40_col_int64(s, 5);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* Add a condition to c; returns it (the last slot is reused when full). */
static struct s40_benefit_cond *cond_add(struct s40_benefit_check *c, const char *key)
{
	if (c->n_cond < S40_BENEFIT_MAX_COND)
		c->n_cond++;
	struct s40_benefit_cond *x = &c->cond[c->n_cond - 1];
	memset(x, 0, sizeof *x);
	snprintf(x->key, sizeof x->key, "%s", key);
	x->from_month = INT32_MIN;
	x->to_month = INT32_MIN;
	x->needed = -1;
	return x;
}

/* The condition "at least min of the w months before month M paid". */
static struct s40_benefit_cond *cond_window(struct s40_benefit_check *c, const char *key,
					    const int32_t *months, size_t n, int32_t M, int w,
					    int min)
{
	struct s40_benefit_cond *x = cond_add(c, key);
	x->from_month = M - w;
	x->to_month = M - 1;
	x->needed = min;
	x->found = s40_months_count(months, n, M - w, M - 1);
	x->holds = x->found >= min;
	snprintf(x->label_th, sizeof x->label_th,
		 "จ่ายเงินสมทบอย่างน้อย %d เดือน ใน %d เดือนก่อนเดือนที่เกิดเหตุ", min, w);
	snprintf(x->label_en, sizeof x->label_en,
		 "at least %d months paid in the %d months before the month of the event", min,
		 w);
	return x;
}

/* The units recorded in the calendar year of day for rules sharing cap_group. */
static int64_t cap_used(const struct s40_benefit_rules *rules, const struct s40_benefit_rec *v,
			size_t n, int32_t day, int option, const char *group)
{
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	int64_t used = 0;
	for (size_t i = 0; i < n; i++) {
		int ry, rm, rd;
		s40_day_to_ymd(v[i].event_day, &ry, &rm, &rd);
		if (ry != y)
			continue;
		const struct s40_benefit_rule *r[MAX_RULES];
		size_t nr = s40_benefit_rules_for(rules, day, v[i].kind, option, r, MAX_RULES);
		for (size_t k = 0; k < nr; k++)
			if (strcmp(r[k]->cap_group, group) == 0) {
				used += v[i].units;
				break;
			}
	}
	return used;
}

/* Sickness: in-patient, rest, out-patient. */
static void check_sick(struct s40_benefit_check *c, const struct s40_benefit_rules *rules,
		       const struct s40_benefit_rule *r, const int32_t *months, size_t n,
		       const struct s40_benefit_rec *recs, size_t n_recs, int64_t units)
{
	int32_t M = s40_day_month(c->day);
	int ok = c->cond[0].holds;
	ok &= cond_window(c, "window", months, n, M, r->window, r->min_paid)->holds;
	if (units <= 0)
		units = 1;
	c->units_asked = units;
	if (r->min_units > 1) {
		struct s40_benefit_cond *x = cond_add(c, "min_days");
		x->needed = r->min_units;
		x->found = units;
		x->holds = units >= r->min_units;
		snprintf(x->label_th, sizeof x->label_th, "แพทย์สั่งให้หยุดพักอย่างน้อย %d วัน",
			 r->min_units);
		snprintf(x->label_en, sizeof x->label_en, "rest of at least %d days ordered",
			 r->min_units);
		ok &= x->holds;
	}
	int64_t left = units;
	if (r->cap_per_year > 0) {
		c->cap = r->cap_per_year;
		c->cap_used = cap_used(rules, recs, n_recs, c->day, c->option, r->cap_group);
		struct s40_benefit_cond *x = cond_add(c, "cap");
		x->needed = r->cap_per_year;
		x->found = c->cap_used;
		x->holds = c->cap_used < r->cap_per_year;
		const char *u_th = r->per == S40_PER_VISIT ? "ครั้ง" : "วัน";
		const char *u_en = r->per == S40_PER_VISIT ? "visits" : "days";
		int y, m, d;
		s40_day_to_ymd(c->day, &y, &m, &d);
		snprintf(x->label_th, sizeof x->label_th,
			 "ใช้สิทธิในปี พ.ศ. %d ไม่เกิน %d %s (ใช้ไปแล้ว %lld)", y + S40_BE_OFFSET,
			 r->cap_per_year, u_th, (long long)c->cap_used);
		snprintf(x->label_en, sizeof x->label_en, "at most %d %s paid in %d (%lld used)",
			 r->cap_per_year, u_en, y, (long long)c->cap_used);
		ok &= x->holds;
		left = r->cap_per_year - c->cap_used;
		if (left < 0)
			left = 0;
	}
	c->eligible = ok;
	c->units_paid = ok ? (units < left ? units : left) : 0;
	c->amount = c->units_paid * r->amount;
}

static void check_disability(struct s40_benefit_check *c, const struct s40_benefit_rule **r,
			     size_t nr, const int32_t *months, size_t n)
{
	int32_t M = s40_day_month(c->day);
	int any = 0;
	for (size_t i = 0; i < nr; i++) {
		struct s40_benefit_cond *x =
			cond_window(c, r[i]->part, months, n, M, r[i]->window, r[i]->min_paid);
		x->amount = r[i]->amount;
		char th[96], en[96], baht[32];
		s40_format_baht(r[i]->amount, baht, sizeof baht);
		snprintf(th, sizeof th, ": เดือนละ %s บาท", baht);
		snprintf(en, sizeof en, ": %s baht a month", baht);
		text_append(x->label_th, sizeof x->label_th, th);
		text_append(x->label_en, sizeof x->label_en, en);
		if (x->holds && r[i]->amount >= c->amount) {
			any = 1;
			c->amount = r[i]->amount;
			c->rate = r[i]->amount;
			c->duration_months = r[i]->duration_months;
		}
	}
	c->per = S40_PER_MONTH;
	c->eligible = c->cond[0].holds && any;
	if (!c->eligible)
		c->amount = 0;
}

static void check_death(struct s40_benefit_check *c, const struct s40_benefit_rule **r,
			size_t nr, const int32_t *months, size_t n)
{
	int32_t M = s40_day_month(c->day);
	int funeral = 0;
	int64_t amount = 0;
	for (size_t i = 0; i < nr; i++) {
		struct s40_benefit_cond *x =
			cond_window(c, r[i]->part, months, n, M, r[i]->window, r[i]->min_paid);
		int holds = x->holds;
		if (r[i]->min_total_paid > 0) {
			struct s40_benefit_cond *t = cond_add(c, "survivor_total");
			t->needed = r[i]->min_total_paid;
			t->found = s40_months_count(months, n, INT32_MIN, M - 1);
			t->holds = t->found >= t->needed;
			snprintf(t->label_th, sizeof t->label_th,
				 "จ่ายเงินสมทบรวมอย่างน้อย %d เดือนก่อนเดือนที่ถึงแก่ความตาย (เงินสงเคราะห์)",
				 r[i]->min_total_paid);
			snprintf(t->label_en, sizeof t->label_en,
				 "at least %d months paid in all before the month of death "
				 "(survivor grant)",
				 r[i]->min_total_paid);
			holds &= t->holds;
			t->amount = r[i]->amount;
		}
		char baht[32];
		s40_format_baht(r[i]->amount, baht, sizeof baht);
		int is_funeral = strcmp(r[i]->part, "funeral") == 0;
		char th[160], en[96];
		snprintf(th, sizeof th, ": %s %s บาท", is_funeral ? "ค่าทำศพ" : "เงินสงเคราะห์กรณีตาย",
			 baht);
		snprintf(en, sizeof en, ": %s %s baht", is_funeral ? "funeral grant" : "survivor grant",
			 baht);
		text_append(x->label_th, sizeof x->label_th, th);
		text_append(x->label_en, sizeof x->label_en, en);
		x->amount = r[i]->amount;
		if (is_funeral)
			funeral = holds;
		if (holds)
			amount += r[i]->amount;
	}
	c->per = S40_PER_ONCE;
	c->eligible = c->cond[0].holds && funeral;
	c->amount = c->eligible ? amount : 0;
}

static void check_child(struct s40_benefit_check *c, const struct s40_benefit_rule *r,
			const int32_t *months, size_t n, const struct s40_benefit_rec *recs,
			size_t n_recs, int64_t children)
{
	int32_t M = s40_day_month(c->day);
	int ok = c->cond[0].holds;
	ok &= cond_window(c, "window", months, n, M, r->window, r->min_paid)->holds;
	/* Receiving since the first child allowance recorded on or before the day:
	 * every month from then to the month before the event must be paid. */
	int32_t since = INT32_MIN;
	for (size_t i = 0; i < n_recs; i++)
		if (recs[i].kind == S40_CASE_CHILD && recs[i].event_day <= c->day) {
			since = s40_day_month(recs[i].event_day);
			break;
		}
	if (since != INT32_MIN && since < M) {
		struct s40_benefit_cond *x = cond_add(c, "continuous");
		x->from_month = since;
		x->to_month = M - 1;
		x->needed = M - since;
		x->found = s40_months_count(months, n, since, M - 1);
		x->holds = x->found == x->needed;
		snprintf(x->label_th, sizeof x->label_th,
			 "จ่ายเงินสมทบทุกเดือนตั้งแต่เริ่มรับเงินสงเคราะห์บุตร");
		snprintf(x->label_en, sizeof x->label_en,
			 "paid every month since the allowance began");
		ok &= x->holds;
	}
	if (children <= 0)
		children = 1;
	c->units_asked = children;
	struct s40_benefit_cond *x = cond_add(c, "children");
	x->needed = r->max_units;
	x->found = children;
	x->holds = 1;
	snprintf(x->label_th, sizeof x->label_th, "บุตรอายุไม่เกิน %d ปี คราวละไม่เกิน %d คน",
		 r->age, r->max_units);
	snprintf(x->label_en, sizeof x->label_en, "children aged up to %d, at most %d", r->age,
		 r->max_units);
	c->eligible = ok;
	c->units_paid = ok ? (r->max_units && children > r->max_units ? r->max_units : children) :
			     0;
	c->per = S40_PER_MONTH;
	c->amount = c->units_paid * r->amount;
}

static enum s40_err check_oldage(struct s40_store *st, struct s40_benefit_check *c,
				 const struct s40_benefit_rule *r, const struct s40_rates *rates,
				 const struct s40_person *p, struct s40_ctx *ctx)
{
	struct s40_benefit_cond *x = cond_add(c, "age");
	x->needed = r->age;
	x->found = p->birth_day == S40_NO_DAY ? -1 : s40_age_on(p->birth_day, c->day);
	x->holds = x->found >= r->age;
	snprintf(x->label_th, sizeof x->label_th, "อายุครบ %d ปีบริบูรณ์", r->age);
	snprintf(x->label_en, sizeof x->label_en, "aged %d full years", r->age);
	struct s40_ledger_row *rows;
	size_t n;
	int32_t M = s40_day_month(c->day);
	enum s40_err rc = s40_ledger_rows(st, p->id, INT32_MIN, M - 1, &rows, &n, ctx);
	if (rc)
		return rc;
	int64_t savings = 0, n_credit = 0;
	for (size_t i = 0; i < n; i++) {
		const struct s40_rate *rate = s40_rate_for(rates, rows[i].option, rows[i].month);
		if (rate && rate->oldage_credit > 0) {
			savings += rate->oldage_credit;
			n_credit++;
		}
		savings += rows[i].extra;
	}
	free(rows);
	struct s40_benefit_cond *t = cond_add(c, "paid");
	t->needed = r->min_total_paid;
	t->found = n_credit;
	t->holds = n_credit >= r->min_total_paid;
	snprintf(t->label_th, sizeof t->label_th,
		 "จ่ายเงินสมทบทางเลือกที่ 2 หรือ 3 อย่างน้อย %d เดือน", r->min_total_paid);
	snprintf(t->label_en, sizeof t->label_en, "at least %d months paid under option 2 or 3",
		 r->min_total_paid);
	c->eligible = x->holds && t->holds;
	c->per = S40_PER_ONCE;
	c->amount = savings; /* the balance, shown whether due yet or not */
	c->provisional = 1;
	return S40_OK;
}

/* The check, on an open store (inside or outside a transaction). */
static enum s40_err check_run(struct s40_store *st, const struct s40_benefit_rules *rules,
			      const struct s40_rates *rates, const struct s40_benefit_ask *ask,
			      struct s40_benefit_check *c, struct s40_ctx *ctx)
{
	memset(c, 0, sizeof *c);
	c->kind = ask->kind;
	c->day = ask->day;
	if (ask->kind <= 0 || ask->kind >= S40_CASE__END)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "case", "ไม่มีกรณี %d",
				  "there is no case %d", ask->kind);
	struct s40_person p;
	enum s40_err rc = s40_person_get(st, ask->person, &p, ctx);
	if (rc)
		return rc;
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	int32_t *months = NULL;
	size_t n = 0;
	struct s40_benefit_rec *recs = NULL;
	size_t n_recs = 0;
	if ((rc = s40_membership_list(st, ask->person, &spells, &n_spells, ctx)) ||
	    (rc = s40_ledger_paid_months(st, ask->person, &months, &n, ctx)) ||
	    (rc = s40_benefit_list(st, ask->person, &recs, &n_recs, ctx)))
		goto out;
	int32_t M = s40_day_month(ask->day);
	const struct s40_spell *now = NULL, *last = NULL;
	for (size_t i = 0; i < n_spells; i++) {
		/* Death ends the spell on the day of death: the day before counts. */
		if (s40_spell_active(&spells[i], ask->day) ||
		    (ask->kind == S40_CASE_DEATH && s40_spell_active(&spells[i], ask->day - 1)))
			now = &spells[i];
		if (spells[i].start_day <= ask->day)
			last = &spells[i];
	}
	const struct s40_spell *sp = now ? now : last;
	if (sp && (rc = s40_membership_option_in(st, sp, now ? M : s40_day_month(sp->start_day),
						 &c->option, ctx)))
		goto out;
	const struct s40_benefit_rule *ver = s40_benefit_version_on(rules, ask->day);
	if (ver) {
		snprintf(c->version, sizeof c->version, "%s", ver->version);
		c->version_day = ver->from_day;
	}
	if (ask->kind != S40_CASE_OLDAGE) {
		struct s40_benefit_cond *x = cond_add(c, "member");
		x->holds = now != NULL;
		struct s40_day2 d;
		s40_day2(ask->day, &d);
		snprintf(x->label_th, sizeof x->label_th, "เป็นผู้ประกันตนมาตรา 40 ในวันที่ %s",
			 d.th);
		snprintf(x->label_en, sizeof x->label_en, "a Section 40 member on %s", d.en);
	}
	const struct s40_benefit_rule *r[MAX_RULES];
	size_t nr = c->option ? s40_benefit_rules_for(rules, ask->day, ask->kind, c->option, r,
						      MAX_RULES) :
				0;
	c->covered = nr > 0;
	if (!c->covered) {
		struct s40_benefit_cond *x = cond_add(c, "covered");
		if (ver == NULL) {
			snprintf(x->label_th, sizeof x->label_th, "มีกฎประโยชน์ทดแทนที่มีผลในวันนั้น");
			snprintf(x->label_en, sizeof x->label_en, "a benefit rule in force that day");
		} else {
			snprintf(x->label_th, sizeof x->label_th, "%s คุ้มครองกรณี%s",
				 c->option ? s40_option_name(c->option, S40_LANG_TH) :
					     "ทางเลือกของผู้ประกันตน",
				 s40_case_name(ask->kind, S40_LANG_TH));
			snprintf(x->label_en, sizeof x->label_en, "%s covers %s",
				 c->option ? s40_option_name(c->option, S40_LANG_EN) :
					     "the member's option",
				 s40_case_name(ask->kind, S40_LANG_EN));
		}
		goto out;
	}
	c->per = r[0]->per;
	c->rate = r[0]->amount;
	c->duration_months = r[0]->duration_months;
	switch (ask->kind) {
	case S40_CASE_INPATIENT:
	case S40_CASE_REST:
	case S40_CASE_OUTPATIENT:
		check_sick(c, rules, r[0], months, n, recs, n_recs, ask->units);
		break;
	case S40_CASE_DISABILITY:
		check_disability(c, r, nr, months, n);
		break;
	case S40_CASE_DEATH:
		check_death(c, r, nr, months, n);
		break;
	case S40_CASE_CHILD:
		check_child(c, r[0], months, n, recs, n_recs, ask->units);
		break;
	case S40_CASE_OLDAGE:
		rc = check_oldage(st, c, r[0], rates, &p, ctx);
		break;
	}
out:
	free(spells);
	free(months);
	free(recs);
	return rc;
}

enum s40_err s40_benefit_check(struct s40_store *st, const struct s40_benefit_rules *rules,
			       const struct s40_rates *rates, const struct s40_benefit_ask *ask,
			       struct s40_benefit_check *out, struct s40_ctx *ctx)
{
	struct s40_benefit_rules own_rules = { 0 };
	struct s40_rates own_rates = { 0 };
	enum s40_err rc = S40_OK;
	if (rules == NULL && (rc = s40_benefit_rules_load(&own_rules, ctx)) == S40_OK)
		rules = &own_rules;
	if (rc == S40_OK && rates == NULL && (rc = s40_rates_load(&own_rates, ctx)) == S40_OK)
		rates = &own_rates;
	if (rc == S40_OK)
		rc = check_run(st, rules, rates, ask, out, ctx);
	s40_benefit_rules_free(&own_rules);
	s40_rates_free(&own_rates);
	return rc;
}

/* Refuse a check that does not allow a record, naming the failing conditions. */
static enum s40_err refuse(const struct s40_benefit_check *c, struct s40_ctx *ctx)
{
	if (!c->covered)
		return s40_errorf(ctx, S40_E_BENEFIT_NOT_COVERED, "case", "%s%.0s", "%.0s%s",
				  c->n_cond ? c->cond[c->n_cond - 1].label_th : "",
				  c->n_cond ? c->cond[c->n_cond - 1].label_en : "");
	char th[384] = "", en[256] = "";
	int only_cap = 1;
	for (size_t i = 0; i < c->n_cond; i++) {
		const struct s40_benefit_cond *x = &c->cond[i];
		if (x->holds)
			continue;
		/* Disability: a tier that fails is no refusal while another holds. */
		if (strncmp(x->key, "tier", 4) == 0 || strcmp(x->key, "survivor") == 0 ||
		    strcmp(x->key, "survivor_total") == 0)
			continue;
		if (strcmp(x->key, "cap") != 0)
			only_cap = 0;
		char num_th[64] = "", num_en[64] = "";
		if (x->needed >= 0 && strcmp(x->key, "cap") != 0) {
			snprintf(num_th, sizeof num_th, " (พบ %lld)", (long long)x->found);
			snprintf(num_en, sizeof num_en, " (found %lld)", (long long)x->found);
		}
		text_append(th, sizeof th, th[0] ? "; ไม่ครบเงื่อนไข: " : "ไม่ครบเงื่อนไข: ");
		text_append(th, sizeof th, x->label_th);
		text_append(th, sizeof th, num_th);
		text_append(en, sizeof en, en[0] ? "; not met: " : "not met: ");
		text_append(en, sizeof en, x->label_en);
		text_append(en, sizeof en, num_en);
	}
	if (th[0] == '\0') {
		snprintf(th, sizeof th, "ไม่ครบเงื่อนไขระยะเวลาจ่ายเงินสมทบของทุกขั้น");
		snprintf(en, sizeof en, "no tier's contribution condition is met");
		only_cap = 0;
	}
	return s40_errorf(ctx, only_cap ? S40_E_BENEFIT_CAP : S40_E_BENEFIT_INELIGIBLE, "case",
			  "%s%.0s", "%.0s%s", th, en);
}

static enum s40_err record_in_tx(struct s40_reg *reg, const struct s40_benefit_rules *rules,
				 const struct s40_rates *rates, const struct s40_benefit_ask *ask,
				 int64_t amount, struct s40_benefit_check *c, struct s40_ctx *ctx)
{
	enum s40_err rc = check_run(reg->store, rules, rates, ask, c, ctx);
	if (rc)
		return rc;
	if (ask->day > reg->today) {
		struct s40_day2 d;
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
				  S40_D_EN " is after today: it cannot be recorded in advance",
				  S40_D_ARGS(*s40_day2(ask->day, &d)));
	}
	if (!c->eligible || (c->units_asked > 0 && c->units_paid == 0 && c->cap > 0))
		return refuse(c, ctx);
	struct s40_benefit_rec *recs;
	size_t n_recs;
	if ((rc = s40_benefit_list(reg->store, ask->person, &recs, &n_recs, ctx)))
		return rc;
	for (size_t i = 0; i < n_recs && rc == S40_OK; i++) {
		if (recs[i].kind != ask->kind)
			continue;
		struct s40_day2 d;
		if (recs[i].event_day == ask->day || ask->kind == S40_CASE_DEATH ||
		    ask->kind == S40_CASE_OLDAGE)
			rc = s40_errorf(ctx, S40_E_EXISTS, "date",
					"บันทึกกรณี%s ของวันที่ " S40_D_TH " ไว้แล้ว",
					"%s on " S40_D_EN " is recorded already",
					s40_case_name(ask->kind, S40_LANG_TH),
					S40_D_ARGS(*s40_day2(recs[i].event_day, &d)));
	}
	free(recs);
	if (rc)
		return rc;
	if (amount < 0)
		amount = c->amount;
	char entity[40], digits[16], detail[256], d1[16];
	snprintf(entity, sizeof entity, "person:%s", s40_natid_digits(ask->person, digits, sizeof digits));
	snprintf(detail, sizeof detail,
		 "{\"case\":\"%s\",\"day\":\"%s\",\"units\":%lld,\"amount\":%lld,\"version\":\"%s\"}",
		 s40_case_key(ask->kind), s40_date_iso(ask->day, d1, sizeof d1),
		 (long long)c->units_paid, (long long)amount, c->version);
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "benefit.record", entity, detail, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_BENEFIT_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, ask->person);
	s40_stmt_int64(s, 2, ask->kind);
	s40_stmt_int64(s, 3, ask->day);
	s40_stmt_int64(s, 4, c->units_paid);
	s40_stmt_int64(s, 5, amount);
	s40_stmt_int64(s, 6, seq);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสการบันทึก",
						"no benefit id returned") :
				     (enum s40_err)r;
	s40_stmt_reset(s);
	return S40_OK;
}

enum s40_err s40_benefit_record(struct s40_reg *reg, const struct s40_benefit_rules *rules,
				const struct s40_rates *rates, const struct s40_benefit_ask *ask,
				int64_t amount, struct s40_benefit_check *out,
				struct s40_ctx *ctx)
{
	struct s40_benefit_check local;
	if (out == NULL)
		out = &local;
	struct s40_benefit_rules own_rules = { 0 };
	struct s40_rates own_rates = { 0 };
	enum s40_err rc = S40_OK;
	if (rules == NULL && (rc = s40_benefit_rules_load(&own_rules, ctx)) == S40_OK)
		rules = &own_rules;
	if (rc == S40_OK && rates == NULL && (rc = s40_rates_load(&own_rates, ctx)) == S40_OK)
		rates = &own_rates;
	if (rc == S40_OK && (rc = s40_reg_begin(reg, ctx)) == S40_OK)
		rc = s40_reg_end(reg, record_in_tx(reg, rules, rates, ask, amount, out, ctx), ctx);
	s40_benefit_rules_free(&own_rules);
	s40_rates_free(&own_rates);
	return rc;
}
