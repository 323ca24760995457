/*
 * ledger.c — payments, the month-by-month contribution ledger and a member's
 * standing (ledger.h). A payment is checked whole before anything is written:
 * every month it covers must lie in a membership spell and be unpaid, and the
 * amount must be exactly what those months are due under data/rates.csv (the
 * 2021–2022 reductions included) plus the extra savings.
 */
#include "ledger.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "membership.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)

static const struct {
	const char *key;
	const char *th;
	const char *en;
} channel_names[] = {
	{ "", "", "" },
	{ "office", "สำนักงานประกันสังคม", "SSO office" },
	{ "counter", "เคาน์เตอร์เซอร์วิส", "counter service" },
	{ "bank", "หักบัญชีธนาคาร", "bank debit" },
	{ "app", "แอปพลิเคชัน", "app" },
	{ "representative", "ตัวแทนเครือข่าย", "network representative" },
};

int s40_pay_channel_parse(const char *s)
{
	static const struct {
		const char *w;
		int c;
	} words[] = {
		{ "สำนักงาน", S40_PAY_OFFICE },	       { "สำนักงานประกันสังคม", S40_PAY_OFFICE },
		{ "เคาน์เตอร์", S40_PAY_COUNTER },	       { "เคาน์เตอร์เซอร์วิส", S40_PAY_COUNTER },
		{ "counter_service", S40_PAY_COUNTER }, { "ธนาคาร", S40_PAY_BANK },
		{ "หักบัญชี", S40_PAY_BANK },	       { "หักบัญชีธนาคาร", S40_PAY_BANK },
		{ "bank_debit", S40_PAY_BANK },	       { "แอป", S40_PAY_APP },
		{ "แอปพลิเคชัน", S40_PAY_APP },	       { "online", S40_PAY_APP },
		{ "ออนไลน์", S40_PAY_APP },	       { "ตัวแทน", S40_PAY_REPRESENTATIVE },
		{ "ตัวแทนเครือข่าย", S40_PAY_REPRESENTATIVE },
	};
	if (s == NULL || s[0] == '\0')
		return 0;
	for (int c = S40_PAY_OFFICE; c <= S40_PAY_REPRESENTATIVE; c++)
		if (strcmp(channel_names[c].key, s) == 0)
			return c;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].w, s) == 0)
			return words[i].c;
	return 0;
}

const char *s40_pay_channel_key(int channel)
{
	return channel >= S40_PAY_OFFICE && channel <= S40_PAY_REPRESENTATIVE ?
		       channel_names[channel].key :
		       "";
}

const char *s40_pay_channel_name(int channel, enum s40_lang lang)
{
	if (channel < S40_PAY_OFFICE || channel > S40_PAY_REPRESENTATIVE)
		return lang == S40_LANG_TH ? "ไม่ทราบช่องทาง" : "unknown channel";
	return lang == S40_LANG_TH ? channel_names[channel].th : channel_names[channel].en;
}

const char *s40_standing_key(int status)
{
	static const char *const keys[] = { "never", "paying", "arrears", "lapsed", "ended" };
	return status >= 0 && status <= S40_STANDING_ENDED ? keys[status] : "";
}

const char *s40_standing_name(int status, enum s40_lang lang)
{
	static const char *const th[] = { "ไม่เคยเป็นผู้ประกันตน", "ชำระปกติ", "ค้างชำระ",
					  "ขาดส่ง", "สิ้นสุดการเป็นผู้ประกันตน" };
	static const char *const en[] = { "never a member", "paying", "in arrears", "lapsed",
					  "ended" };
	if (status < 0 || status > S40_STANDING_ENDED)
		return "";
	return lang == S40_LANG_TH ? th[status] : en[status];
}

int s40_standing_of_run(int unpaid_run, int lapse)
{
	if (unpaid_run <= 0)
		return S40_STANDING_PAYING;
	return unpaid_run >= lapse ? S40_STANDING_LAPSED : S40_STANDING_ARREARS;
}

int s40_months_count(const int32_t *months, size_t n, int32_t from, int32_t to)
{
	/* Lower bound of from, then of to + 1. */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (months[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t a = lo;
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (months[mid] <= to)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)(lo - a);
}

/* Whether spell sp covers at least one day of month. */
static int spell_in_month(const struct s40_spell *sp, int32_t month)
{
	return sp->start_day <= s40_month_last_day(month) &&
	       (sp->end_day == S40_NO_DAY || sp->end_day > s40_month_first_day(month));
}

/* The spell covering month (the latest to start when two do), or NULL. */
static const struct s40_spell *spell_of_month(const struct s40_spell *v, size_t n, int32_t month)
{
	const struct s40_spell *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (spell_in_month(&v[i], month) && (best == NULL || v[i].start_day > best->start_day))
			best = &v[i];
	return best;
}

enum s40_err s40_ledger_rows(struct s40_store *st, int64_t person, int32_t from, int32_t to,
			     struct s40_ledger_row **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_LEDGER_OF_PERSON, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	s40_stmt_int64(s, 2, from);
	s40_stmt_int64(s, 3, to);
	struct s40_ledger_row *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			struct s40_ledger_row *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		struct s40_ledger_row *r = &v[len++];
		r->month = (int32_t)s40_col_int64(s, 0);
		r->spell_id = s40_col_int64(s, 1);
		r->option = (int)s40_col_int64(s, 2);
		r->member = s40_col_int64(s, 3);
		r->government = s40_col_int64(s, 4);
		r->extra = s40_col_int64(s, 5);
		r->payment_id = s40_col_int64(s, 6);
		const char *rc_text = s40_col_text(s, 7);
		snprintf(r->receipt, sizeof r->receipt, "%s", rc_text ? rc_text : "");
		r->paid_day = (int32_t)s40_col_int64(s, 8);
		r->channel = (int)s40_col_int64(s, 9);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_ledger_paid_months(struct s40_store *st, int64_t person, int32_t **out,
				    size_t *n, struct s40_ctx *ctx)
{
	struct s40_ledger_row *rows;
	size_t nr;
	*out = NULL;
	*n = 0;
	enum s40_err rc = s40_ledger_rows(st, person, INT32_MIN, INT32_MAX, &rows, &nr, ctx);
	if (rc)
		return rc;
	int32_t *m = malloc((nr ? nr : 1) * sizeof *m);
	if (m == NULL) {
		free(rows);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < nr; i++)
		m[i] = rows[i].month;
	free(rows);
	*out = m;
	*n = nr;
	return S40_OK;
}

enum s40_err s40_ledger_payment_get(struct s40_store *st, const char *receipt,
				    struct s40_payment *p, int *found, struct s40_ctx *ctx)
{
	*found = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PAY_BY_RECEIPT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, receipt);
	int rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return (enum s40_err)rc;
	memset(p, 0, sizeof *p);
	p->payment_id = s40_col_int64(s, 0);
	p->person = s40_col_int64(s, 1);
	snprintf(p->receipt, sizeof p->receipt, "%s", receipt);
	p->paid_day = (int32_t)s40_col_int64(s, 2);
	p->channel = (int)s40_col_int64(s, 3);
	p->first_month = (int32_t)s40_col_int64(s, 4);
	p->last_month = (int32_t)s40_col_int64(s, 5);
	p->total = s40_col_int64(s, 6);
	p->extra = s40_col_int64(s, 7);
	p->journal_seq = s40_col_int64(s, 8);
	s40_stmt_reset(s);
	*found = 1;
	return S40_OK;
}

/* Both forms of a month for a message: Thai short and ISO. */
struct month2 {
	char th[64];
	char iso[16];
};

static struct month2 *month2(int32_t month, struct month2 *m)
{
	s40_month_th_short(month, m->th, sizeof m->th);
	s40_month_iso(month, m->iso, sizeof m->iso);
	return m;
}

/* A receipt reference: given, one line of UTF-8, at most S40_RECEIPT_MAX bytes. */
static enum s40_err check_receipt(const char *r, struct s40_ctx *ctx)
{
	size_t len = strlen(r);
	if (len == 0)
		return s40_errorf(ctx, S40_E_MISSING, "receipt", "ไม่ได้ระบุเลขที่ใบเสร็จ",
				  "the receipt reference is required");
	if (len > S40_RECEIPT_MAX || !s40_utf8_valid(r, len))
		return s40_errorf(ctx, S40_E_BAD_VALUE, "receipt",
				  "เลขที่ใบเสร็จต้องเป็นข้อความไม่เกิน %d ไบต์",
				  "a receipt reference is text of at most %d bytes", S40_RECEIPT_MAX);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)r[i] < 0x20 || r[i] == 0x7f)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "receipt",
					  "เลขที่ใบเสร็จมีอักขระควบคุม",
					  "the receipt reference holds a control character");
	return S40_OK;
}

/* Whether a recorded payment has the content of the one asked for. */
static int payment_same(const struct s40_payment *a, const struct s40_payment *b)
{
	return a->person == b->person && a->paid_day == b->paid_day && a->channel == b->channel &&
	       a->first_month == b->first_month && a->last_month == b->last_month &&
	       a->total == b->total && a->extra == b->extra;
}

/* The checks that need no store, in the order ledger.h gives. */
static enum s40_err pay_check_form(const struct s40_reg *reg, const struct s40_payment *p,
				   int64_t extra_month, struct s40_ctx *ctx)
{
	struct month2 a, b;
	struct s40_day2 d;
	enum s40_err rc = check_receipt(p->receipt, ctx);
	if (rc)
		return rc;
	if (s40_pay_channel_key(p->channel)[0] == '\0')
		return s40_errorf(ctx, S40_E_BAD_VALUE, "channel", "ไม่รู้จักช่องทางการชำระ %d",
				  "there is no payment channel %d", p->channel);
	if (p->paid_day > reg->today)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ชำระ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
				  "the paid day " S40_D_EN " is after today: it cannot be recorded "
				  "in advance",
				  S40_D_ARGS(*s40_day2(p->paid_day, &d)));
	if (p->first_month > p->last_month)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "months",
				  "เดือนแรก %s อยู่หลังเดือนสุดท้าย %s%.0s%.0s",
				  "%.0s%.0sthe first month %s is after the last %s",
				  month2(p->first_month, &a)->th, month2(p->last_month, &b)->th,
				  a.iso, b.iso);
	int32_t pm = s40_day_month(p->paid_day);
	struct month2 c;
	month2(pm, &c);
	if (p->first_month < pm)
		return s40_errorf(ctx, S40_E_PAY_PAST, "months",
				  "เดือน %s อยู่ก่อนเดือนที่ชำระ (%s) ชำระเงินสมทบย้อนหลังไม่ได้%.0s%.0s",
				  "%.0s%.0s%s is before the month of payment (%s): past months "
				  "cannot be paid",
				  month2(p->first_month, &a)->th, c.th, a.iso, c.iso);
	if (p->last_month > pm + S40_PAY_MAX_AHEAD) {
		struct month2 lim;
		month2(pm + S40_PAY_MAX_AHEAD, &lim);
		return s40_errorf(ctx, S40_E_PAY_AHEAD, "months",
				  "ชำระได้ถึงเดือน %s (เดือนปัจจุบันและล่วงหน้า 12 เดือน) แต่ระบุถึง %s"
				  "%.0s%.0s",
				  "%.0s%.0smonths up to %s may be paid (the current month and 12 "
				  "ahead), not %s",
				  lim.th, month2(p->last_month, &a)->th, lim.iso, a.iso);
	}
	if (extra_month < 0 || extra_month > S40_PAY_MAX_EXTRA) {
		char baht[32];
		return s40_errorf(ctx, S40_E_PAY_EXTRA, "extra",
				  "เงินออมเพิ่มเดือนละ %s บาท เกิน 1,000 บาท",
				  "extra savings of %s baht a month are over 1,000 baht",
				  s40_format_baht(extra_month, baht, sizeof baht));
	}
	return S40_OK;
}

/* The journal detail of a payment, as JSON text (caller frees), or NULL. */
static char *pay_detail(const struct s40_payment *p)
{
	char m1[16], m2[16], d[16];
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "receipt", p->receipt, "paid",
			      s40_date_iso(p->paid_day, d, sizeof d), "from",
			      s40_month_iso(p->first_month, m1, sizeof m1), "to",
			      s40_month_iso(p->last_month, m2, sizeof m2), "channel",
			      s40_pay_channel_key(p->channel), "total", (json_int_t)p->total,
			      "extra", (json_int_t)p->extra);
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	return s;
}

/* One month to write: its spell and rate. */
struct pay_month {
	const struct s40_spell *sp;
	int option;
	int64_t member, government;
};

static enum s40_err pay_in_tx(struct s40_reg *reg, const struct s40_rates *rates,
			      struct s40_payment *p, int64_t extra_month, int *changed,
			      struct s40_ctx *ctx)
{
	char idtxt[32];
	struct s40_person per;
	enum s40_err rc = s40_person_get(reg->store, p->person, &per, ctx);
	if (rc)
		return rc;
	if ((rc = pay_check_form(reg, p, extra_month, ctx)))
		return rc;
	int n_months = (int)(p->last_month - p->first_month + 1);
	p->extra = extra_month * n_months;

	struct s40_payment old;
	int found = 0;
	if ((rc = s40_ledger_payment_get(reg->store, p->receipt, &old, &found, ctx)))
		return rc;
	if (found) {
		if (payment_same(&old, p)) {
			p->payment_id = old.payment_id;
			p->journal_seq = old.journal_seq;
			return S40_OK;
		}
		/* The refusal names the other payer only to a user who may see them. */
		struct s40_person other;
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		bool named = old.person == p->person ||
			     (!reg->sees_recruits_only &&
			      s40_person_get(reg->store, old.person, &other, &c2) == S40_OK &&
			      s40_reg_sees(reg, other.village));
		struct s40_day2 d;
		if (!named)
			return s40_errorf(ctx, S40_E_PAY_RECEIPT, "receipt",
					  "ใบเสร็จ %s ใช้แล้วกับการชำระเงินอื่น",
					  "receipt %s was used already for another payment", p->receipt);
		return s40_errorf(ctx, S40_E_PAY_RECEIPT, "receipt",
				  "ใบเสร็จ %s บันทึกแล้วเมื่อชำระวันที่ " S40_D_TH
				  " สำหรับ %s ด้วยข้อมูลอื่น",
				  "receipt %s was recorded already, paid on " S40_D_EN
				  " for %s, with other content",
				  p->receipt, S40_D_ARGS(*s40_day2(old.paid_day, &d)),
				  s40_natid_format(old.person, idtxt, sizeof idtxt));
	}

	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	struct s40_ledger_row *paid = NULL;
	size_t n_paid = 0;
	struct pay_month pm[S40_PAY_MAX_AHEAD + 1];
	int options[S40_PAY_MAX_AHEAD + 1];
	if ((rc = s40_membership_list(reg->store, p->person, &spells, &n_spells, ctx)) ||
	    (rc = s40_ledger_rows(reg->store, p->person, p->first_month, p->last_month, &paid,
				  &n_paid, ctx)))
		goto out;
	int64_t due = 0;
	struct month2 a;
	for (int i = 0; i < n_months && rc == S40_OK; i++) {
		int32_t month = p->first_month + i;
		pm[i].sp = spell_of_month(spells, n_spells, month);
		if (pm[i].sp == NULL) {
			rc = s40_errorf(ctx, S40_E_PAY_NOT_MEMBER, "months",
					"%s ไม่ได้เป็นผู้ประกันตนมาตรา 40 ในเดือน %s%.0s",
					"%s is not a Section 40 member in %.0s%s",
					s40_natid_format(p->person, idtxt, sizeof idtxt),
					month2(month, &a)->th, a.iso);
			break;
		}
		for (size_t k = 0; k < n_paid; k++)
			if (paid[k].month == month) {
				struct s40_day2 d;
				rc = s40_errorf(ctx, S40_E_PAY_PAID, "months",
						"เดือน %s%.0s ชำระแล้วตามใบเสร็จ %s วันที่ " S40_D_TH,
						"%.0s%s is paid already by receipt %s of " S40_D_EN,
						month2(month, &a)->th, a.iso, paid[k].receipt,
						S40_D_ARGS(*s40_day2(paid[k].paid_day, &d)));
			}
		if (rc)
			break;
		/* The options of this spell's months are read once, at its first month. */
		if ((i == 0 || pm[i].sp != pm[i - 1].sp) &&
		    (rc = s40_membership_option_months(reg->store, pm[i].sp, month, n_months - i,
						       &options[i], ctx)))
			break;
		pm[i].option = options[i];
		const struct s40_rate *rate = s40_rate_for(rates, pm[i].option, month);
		if (rate == NULL) {
			rc = s40_errorf(ctx, S40_E_INTERNAL, "months",
					"ไม่มีอัตราเงินสมทบของทางเลือกที่ %d เดือน %s%.0s",
					"no rate for option %d in %.0s%s", pm[i].option,
					month2(month, &a)->th, a.iso);
			break;
		}
		pm[i].member = rate->member;
		pm[i].government = rate->government;
		due += rate->member + extra_month;
	}
	if (rc)
		goto out;
	if (p->total != due) {
		char got[32], want[32], extra[32];
		struct month2 b;
		month2(p->first_month, &a);
		month2(p->last_month, &b);
		s40_format_baht(p->extra, extra, sizeof extra);
		rc = s40_errorf(ctx, S40_E_PAY_AMOUNT, "amount",
				"จำนวนเงิน %s บาท ไม่ถูกต้อง ต้องชำระ %s บาท สำหรับ %s%.0s ถึง %s%.0s "
				"(%d เดือน รวมเงินออมเพิ่ม %s บาท)",
				"%s baht is wrong: %s baht is due for %.0s%s to %.0s%s (%d months, "
				"with %s baht of extra savings)",
				s40_format_baht(p->total, got, sizeof got),
				s40_format_baht(due, want, sizeof want), a.th, a.iso, b.th, b.iso,
				n_months, extra);
		goto out;
	}

	char entity[40], digits[16];
	snprintf(entity, sizeof entity, "person:%s", s40_natid_digits(p->person, digits, sizeof digits));
	/* In an import (or the demo) the rows carry its one entry: no detail to make. */
	char *detail = NULL;
	if (reg->batch_seq == 0 && (detail = pay_detail(p)) == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	int64_t seq = 0;
	rc = s40_reg_journal(reg, "ledger.pay", entity, detail, &seq, ctx);
	free(detail);
	if (rc)
		goto out;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_PAY_INSERT, ctx);
	if (s == NULL) {
		rc = STORE_ERR(ctx);
		goto out;
	}
	s40_stmt_int64(s, 1, p->person);
	s40_stmt_int64(s, 2, per.village / 1000000);
	s40_stmt_text(s, 3, p->receipt);
	s40_stmt_int64(s, 4, p->paid_day);
	s40_stmt_int64(s, 5, p->channel);
	s40_stmt_int64(s, 6, p->first_month);
	s40_stmt_int64(s, 7, p->last_month);
	s40_stmt_int64(s, 8, p->total);
	s40_stmt_int64(s, 9, p->extra);
	s40_stmt_int64(s, 10, seq);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW) {
		rc = r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสการชำระ",
					      "no payment id returned") :
				   (enum s40_err)r;
		goto out;
	}
	p->payment_id = s40_col_int64(s, 0);
	p->journal_seq = seq;
	s40_stmt_reset(s);
	for (int i = 0; i < n_months && rc == S40_OK; i++) {
		s = s40_store_stmt(reg->store, S40_Q_LEDGER_INSERT, ctx);
		if (s == NULL) {
			rc = STORE_ERR(ctx);
			break;
		}
		s40_stmt_int64(s, 1, p->person);
		s40_stmt_int64(s, 2, p->first_month + i);
		s40_stmt_int64(s, 3, pm[i].sp->province);
		s40_stmt_int64(s, 4, pm[i].sp->village);
		s40_stmt_int64(s, 5, pm[i].sp->spell_id);
		s40_stmt_int64(s, 6, pm[i].option);
		s40_stmt_int64(s, 7, pm[i].member);
		s40_stmt_int64(s, 8, pm[i].government);
		s40_stmt_int64(s, 9, extra_month);
		s40_stmt_int64(s, 10, p->payment_id);
		rc = s40_stmt_exec(s, ctx);
	}
	if (rc == S40_OK && changed)
		*changed = 1;
out:
	free(spells);
	free(paid);
	return rc;
}

enum s40_err s40_ledger_pay(struct s40_reg *reg, const struct s40_rates *rates,
			    struct s40_payment *p, int64_t extra_month, int *changed,
			    struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	struct s40_rates own = { 0 };
	enum s40_err rc;
	if (rates == NULL) {
		if ((rc = s40_rates_load(&own, ctx)))
			return rc;
		rates = &own;
	}
	rc = s40_reg_begin(reg, ctx);
	if (rc == S40_OK)
		rc = s40_reg_end(reg, pay_in_tx(reg, rates, p, extra_month, changed, ctx), ctx);
	s40_rates_free(&own);
	return rc;
}

enum s40_err s40_ledger_payable(struct s40_store *st, const struct s40_rates *rates,
				int64_t person, int32_t day,
				struct s40_payable out[S40_PAY_MAX_AHEAD + 1], struct s40_ctx *ctx)
{
	enum { N = S40_PAY_MAX_AHEAD + 1 };
	int32_t first = s40_day_month(day);
	memset(out, 0, N * sizeof *out);
	for (int i = 0; i < N; i++)
		out[i].month = first + i;
	struct s40_rates own = { 0 };
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	struct s40_ledger_row *paid = NULL;
	size_t n_paid = 0;
	enum s40_err rc;
	if (rates == NULL) {
		if ((rc = s40_rates_load(&own, ctx)))
			return rc;
		rates = &own;
	}
	if ((rc = s40_membership_list(st, person, &spells, &n_spells, ctx)) ||
	    (rc = s40_ledger_rows(st, person, first, first + N - 1, &paid, &n_paid, ctx)))
		goto out;
	for (size_t k = 0; k < n_paid; k++)
		if (paid[k].month >= first && paid[k].month < first + N)
			out[paid[k].month - first].paid = 1;
	int options[N];
	const struct s40_spell *prev = NULL;
	for (int i = 0; i < N; i++) {
		const struct s40_spell *sp = spell_of_month(spells, n_spells, first + i);
		if (sp == NULL)
			continue;
		/* The options of a spell's months are read once, at its first month. */
		if (sp != prev &&
		    (rc = s40_membership_option_months(st, sp, first + i, N - i, &options[i], ctx)))
			goto out;
		prev = sp;
		out[i].option = options[i];
		const struct s40_rate *rate = s40_rate_for(rates, options[i], first + i);
		out[i].member = rate != NULL ? rate->member : 0;
		if (rate == NULL)
			out[i].option = 0;
	}
out:
	free(spells);
	free(paid);
	s40_rates_free(&own);
	return rc;
}

enum s40_err s40_ledger_statement(struct s40_store *st, const struct s40_rates *rates,
				  int64_t person, int32_t from, int32_t to,
				  struct s40_ledger_month **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	if (to < from)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "to", "เดือนสุดท้ายอยู่ก่อนเดือนแรก",
				  "the last month is before the first");
	if ((int64_t)to - from >= 1200)
		return s40_errorf(ctx, S40_E_LIMIT, "from", "ช่วงเดือนยาวเกิน 100 ปี",
				  "more than 100 years of months");
	struct s40_rates own = { 0 };
	enum s40_err rc;
	if (rates == NULL) {
		if ((rc = s40_rates_load(&own, ctx)))
			return rc;
		rates = &own;
	}
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	struct s40_ledger_row *rows = NULL;
	size_t n_rows = 0;
	size_t nm = (size_t)(to - from + 1);
	struct s40_ledger_month *v = calloc(nm, sizeof *v);
	if (v == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	if ((rc = s40_membership_list(st, person, &spells, &n_spells, ctx)) ||
	    (rc = s40_ledger_rows(st, person, from, to, &rows, &n_rows, ctx)))
		goto out;
	size_t k = 0;
	for (size_t i = 0; i < nm && rc == S40_OK; i++) {
		struct s40_ledger_month *m = &v[i];
		m->month = from + (int32_t)i;
		const struct s40_spell *sp = spell_of_month(spells, n_spells, m->month);
		if (sp) {
			m->member = 1;
			if ((rc = s40_membership_option_in(st, sp, m->month, &m->option, ctx)))
				break;
			const struct s40_rate *rate = s40_rate_for(rates, m->option, m->month);
			m->due = rate ? rate->member : 0;
		}
		while (k < n_rows && rows[k].month < m->month)
			k++;
		if (k < n_rows && rows[k].month == m->month) {
			m->paid = 1;
			m->row = rows[k];
		}
	}
out:
	free(spells);
	free(rows);
	s40_rates_free(&own);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = nm;
	return S40_OK;
}

enum s40_err s40_ledger_standing(struct s40_store *st, int64_t person, int32_t day, int lapse,
				 struct s40_standing *out, struct s40_ctx *ctx)
{
	memset(out, 0, sizeof *out);
	out->day = day;
	out->month = s40_day_month(day);
	out->last_paid = INT32_MIN;
	out->paid_through = INT32_MIN;
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	int32_t *months = NULL;
	size_t n = 0;
	enum s40_err rc;
	if ((rc = s40_membership_list(st, person, &spells, &n_spells, ctx)) ||
	    (rc = s40_ledger_paid_months(st, person, &months, &n, ctx)))
		goto out;
	int32_t M = out->month;
	out->paid_4 = s40_months_count(months, n, M - 4, M - 1);
	out->paid_10 = s40_months_count(months, n, M - 10, M - 1);
	out->paid_12 = s40_months_count(months, n, M - 12, M - 1);
	out->paid_36 = s40_months_count(months, n, M - 36, M - 1);
	out->months_paid = (int64_t)n;
	for (size_t i = 0; i < n; i++) {
		if (months[i] < M)
			out->last_paid = months[i];
		out->paid_through = months[i];
	}
	const struct s40_spell *now = NULL, *last = NULL;
	for (size_t i = 0; i < n_spells; i++) {
		if (s40_spell_active(&spells[i], day))
			now = &spells[i];
		if (spells[i].start_day <= day)
			last = &spells[i];
	}
	if (now == NULL) {
		out->status = last ? S40_STANDING_ENDED : S40_STANDING_NEVER;
		if (last) {
			out->spell_id = last->spell_id;
			rc = s40_membership_option_in(st, last, s40_day_month(last->start_day),
						      &out->option, ctx);
		}
		goto out;
	}
	out->spell_id = now->spell_id;
	if ((rc = s40_membership_option_in(st, now, M, &out->option, ctx)))
		goto out;
	int32_t from = s40_day_month(now->start_day);
	if (out->last_paid != INT32_MIN && out->last_paid + 1 > from)
		from = out->last_paid + 1;
	out->unpaid_run = from < M ? (int)(M - from) : 0;
	out->status = s40_standing_of_run(out->unpaid_run, lapse);
out:
	free(spells);
	free(months);
	return rc;
}

enum s40_err s40_baht_parse(const char *text, const char *field, int64_t *satang,
			    struct s40_ctx *ctx)
{
	char buf[96];
	if (text == NULL || s40_thai_digits_to_ascii(text, buf, sizeof buf) != S40_OK)
		goto bad;
	/* Drop a unit word and white space at the ends. */
	size_t len = strlen(buf);
	static const char *const units[] = { "บาท", "baht", "฿" };
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		size_t ul = strlen(units[u]);
		while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
			len--;
		if (len >= ul && memcmp(buf + len - ul, units[u], ul) == 0)
			len -= ul;
	}
	while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\t'))
		len--;
	buf[len] = '\0';
	const char *p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	int64_t baht = 0, sub = 0;
	int n_int = 0, since_comma = -1;
	for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
		if (*p == ',') {
			if (n_int == 0 || (since_comma >= 0 && since_comma != 3))
				goto bad;
			since_comma = 0;
			continue;
		}
		if (++n_int > 9)
			goto bad;
		if (since_comma >= 0)
			since_comma++;
		baht = baht * 10 + (*p - '0');
	}
	if (n_int == 0 || (since_comma >= 0 && since_comma != 3))
		goto bad;
	if (*p == '.') {
		int n_dec = 0;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++n_dec > 2)
				goto bad;
			sub = sub * 10 + (*p - '0');
		}
		if (n_dec == 0)
			goto bad;
		if (n_dec == 1)
			sub *= 10;
	}
	if (*p != '\0' || baht > 100000000)
		goto bad;
	*satang = baht * 100 + sub;
	return S40_OK;
bad:
	return s40_errorf(ctx, S40_E_BAD_VALUE, field,
			  "จำนวนเงิน '%s' ไม่ถูกต้อง (เช่น 210 หรือ 1,050.50 บาท)",
			  "'%s' is not an amount of baht (such as 210 or 1,050.50)",
			  text ? text : "");
}

enum s40_err s40_month_range_parse(const char *text, const char *field, int32_t *first,
				   int32_t *last, struct s40_ctx *ctx)
{
	char a[96], b[96];
	const char *dots = text ? strstr(text, "..") : NULL;
	size_t la;
	const char *rest = NULL;
	if (text == NULL)
		return s40_errorf(ctx, S40_E_MISSING, field, NULL, NULL);
	if (dots) {
		la = (size_t)(dots - text);
		rest = dots + 2;
	} else if (strlen(text) == 15 && text[4] == '-' && text[7] == '-' && text[12] == '-') {
		la = 7; /* 2019-10-2019-12 */
		rest = text + 8;
	} else {
		la = strlen(text);
	}
	if (la >= sizeof a || (rest && strlen(rest) >= sizeof b))
		return s40_errorf(ctx, S40_E_BAD_VALUE, field, "เดือน '%s' ยาวเกินไป",
				  "months '%s' are too long", text);
	memcpy(a, text, la);
	a[la] = '\0';
	enum s40_err rc = s40_month_parse(a, field, first, ctx);
	if (rc)
		return rc;
	*last = *first;
	if (rest) {
		memcpy(b, rest, strlen(rest) + 1);
		if ((rc = s40_month_parse(b, field, last, ctx)))
			return rc;
	}
	if (*last < *first) {
		struct month2 x, y;
		return s40_errorf(ctx, S40_E_BAD_VALUE, field,
				  "เดือนสุดท้าย %s อยู่ก่อนเดือนแรก %s%.0s%.0s",
				  "%.0s%.0sthe last month %s is before the first %s",
				  month2(*last, &x)->th, month2(*first, &y)->th, x.iso, y.iso);
	}
	return S40_OK;
}
