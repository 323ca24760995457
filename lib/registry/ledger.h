/*
 * ledger.h — Section 40 contributions: payments, the month-by-month ledger and
 * a member's standing (DOMAIN.md §3).
 *
 * A payment is one receipt: a person, the contribution months it covers (the
 * month of the paid day and up to 12 months ahead, 13 periods at most; a month
 * before the paid day's month cannot be paid), the amount (the member's share
 * of the option in force in each month, from data/rates.csv, plus the extra
 * savings), a channel and the paid day. Each month it covers becomes one
 * ledger row holding the member's and the government's share. A payment is
 * idempotent by its receipt reference: the same receipt with the same content
 * again changes nothing; with other content it is refused.
 *
 * A contribution month belongs to a membership spell when the person is a
 * member on at least one day of it. Windows: "paid in the last N months" on
 * day D counts the N contribution months before the month of D (M-N … M-1),
 * the same months a benefit's window holds (rules/benefits.h).
 */
#ifndef S40_REGISTRY_LEDGER_H
#define S40_REGISTRY_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"
#include "rules/rates.h"

/* The most months one payment covers: the current month and 12 ahead. */
#define S40_PAY_MAX_AHEAD 12
/* Voluntary extra savings: at most this many satang a month (1,000 baht). */
#define S40_PAY_MAX_EXTRA 100000
/* A setting: a member with this many consecutive unpaid months or more is
 * lapsed (ขาดส่ง); fewer is in arrears. Callers may pass another value. */
#define S40_LAPSE_MONTHS 6
/* The longest receipt reference, in bytes. */
#define S40_RECEIPT_MAX 64

/* Payment channels (DOMAIN.md §9). Stable numbers (stored). */
enum s40_pay_channel {
	S40_PAY_OFFICE = 1,         /* SSO office */
	S40_PAY_COUNTER = 2,        /* counter service: 7-Eleven, Big C, BAAC … */
	S40_PAY_BANK = 3,           /* bank auto-debit */
	S40_PAY_APP = 4,            /* mobile app, sso.go.th */
	S40_PAY_REPRESENTATIVE = 5, /* network representative */
};

/* "office", "counter", "bank", "app", "representative" and Thai words
 * (สำนักงาน, เคาน์เตอร์เซอร์วิส, ธนาคาร, แอป, ตัวแทน …) → channel; 0 if unknown. */
int s40_pay_channel_parse(const char *s);
const char *s40_pay_channel_key(int channel);
const char *s40_pay_channel_name(int channel, enum s40_lang lang);

struct s40_payment {
	int64_t payment_id;   /* set when read or recorded */
	int64_t person;
	char receipt[S40_RECEIPT_MAX + 1];
	int32_t paid_day;
	int channel;          /* enum s40_pay_channel */
	int32_t first_month;  /* month numbers (core/date.h) */
	int32_t last_month;
	int64_t total;        /* satang: member shares + extra savings */
	int64_t extra;        /* satang of extra savings in total (all months) */
	int64_t journal_seq;  /* read only */
};

/*
 * Record payment p: person, receipt, paid_day, channel, first and last month
 * and total (satang, everything paid) are given; extra_month is the extra
 * savings per month in satang, and p->extra is set to extra_month × months.
 * Checked in this order, each refusal naming the field and the value:
 * registered person; receipt given; paid day not after reg->today; months in
 * order, none before the paid day's month (S40_E_PAY_PAST), none after 12
 * months ahead (S40_E_PAY_AHEAD); extra at most 1,000 baht a month
 * (S40_E_PAY_EXTRA); a receipt already recorded: same content → *changed 0,
 * other content → S40_E_PAY_RECEIPT; each month in a membership spell
 * (S40_E_PAY_NOT_MEMBER) and not paid already (S40_E_PAY_PAID); the total
 * equal to the member shares due plus the extra (S40_E_PAY_AMOUNT, with the
 * amount due in baht). rates may be NULL (loaded for the call). One journal
 * entry "ledger.pay"; nothing written on failure. changed may be NULL.
 */
enum s40_err s40_ledger_pay(struct s40_reg *reg, const struct s40_rates *rates,
			    struct s40_payment *p, int64_t extra_month, int *changed,
			    struct s40_ctx *ctx);

/* The payment with receipt: S40_OK with *found 0 or 1. */
enum s40_err s40_ledger_payment_get(struct s40_store *st, const char *receipt,
				    struct s40_payment *p, int *found, struct s40_ctx *ctx);

/* One ledger row: a contribution month paid. */
struct s40_ledger_row {
	int32_t month;
	int64_t spell_id;
	int option;
	int64_t member;      /* satang */
	int64_t government;  /* satang */
	int64_t extra;       /* satang */
	int64_t payment_id;
	char receipt[S40_RECEIPT_MAX + 1];
	int32_t paid_day;
	int channel;
};

/* A person's ledger rows with from ≤ month ≤ to, by month. *out allocated. */
enum s40_err s40_ledger_rows(struct s40_store *st, int64_t person, int32_t from, int32_t to,
			     struct s40_ledger_row **out, size_t *n, struct s40_ctx *ctx);

/* One month of a member's statement: due and paid. */
struct s40_ledger_month {
	int32_t month;
	int member;          /* a membership month (a spell covers a day of it) */
	int option;          /* in force that month (0 when not a member) */
	int64_t due;         /* the member's share due, satang (0 when not a member) */
	int paid;            /* a ledger row exists */
	struct s40_ledger_row row; /* when paid */
};

/*
 * The months from … to of a person, each with what was due and what was paid
 * and by which payment. rates may be NULL. *out allocated (free it).
 */
enum s40_err s40_ledger_statement(struct s40_store *st, const struct s40_rates *rates,
				  int64_t person, int32_t from, int32_t to,
				  struct s40_ledger_month **out, size_t *n, struct s40_ctx *ctx);

enum s40_standing_status {
	S40_STANDING_NEVER = 0,   /* never a member */
	S40_STANDING_PAYING = 1,  /* no unpaid month before the day's month */
	S40_STANDING_ARREARS = 2, /* 1 … lapse-1 consecutive unpaid months */
	S40_STANDING_LAPSED = 3,  /* lapse or more: follow-up; still a member */
	S40_STANDING_ENDED = 4,   /* no membership on the day */
};

const char *s40_standing_key(int status);                     /* "paying" */
const char *s40_standing_name(int status, enum s40_lang lang); /* "ชำระปกติ" */

struct s40_standing {
	int32_t day;
	int32_t month;           /* the month of day */
	int status;              /* enum s40_standing_status */
	int64_t spell_id;        /* the spell on day, else the last one; 0 if none */
	int option;              /* in force in the month of day (the last spell's otherwise) */
	int paid_4, paid_10, paid_12, paid_36; /* months paid in the N months before month */
	int unpaid_run;          /* consecutive unpaid months before month, back to the
				    later of the last paid month and the spell's first month */
	int32_t last_paid;       /* the last month paid before month; INT32_MIN if none */
	int32_t paid_through;    /* the last month paid at all (ahead too); INT32_MIN */
	int64_t months_paid;     /* months paid in all */
};

/*
 * A person's standing on day with lapse months as the lapsed threshold (use
 * S40_LAPSE_MONTHS). Lapsed does not end membership: it is a follow-up status.
 */
enum s40_err s40_ledger_standing(struct s40_store *st, int64_t person, int32_t day, int lapse,
				 struct s40_standing *out, struct s40_ctx *ctx);

/* One month a payment made on a day may cover: the day's month and the
 * S40_PAY_MAX_AHEAD after it. */
struct s40_payable {
	int32_t month;
	int option;     /* the option in force that month; 0: not a member then */
	int64_t member; /* the member's share of the month, satang (0 when not a member) */
	int paid;       /* the month is paid already */
};

/*
 * What person may pay on day, month by month, into out[0 … S40_PAY_MAX_AHEAD]
 * (the day's month first): the option and member's share of each month as a
 * payment would be charged them (option changes and the rates table, rates;
 * NULL: the embedded table), and whether it is paid. For a payment form that
 * suggests the months due and the amount.
 */
enum s40_err s40_ledger_payable(struct s40_store *st, const struct s40_rates *rates,
				int64_t person, int32_t day,
				struct s40_payable out[S40_PAY_MAX_AHEAD + 1], struct s40_ctx *ctx);

/* The status of a standing given its unpaid run, for lapse months. */
int s40_standing_of_run(int unpaid_run, int lapse);

/*
 * Count months in sorted months[0..n) that lie in [from, to]: the paid months
 * of a window.
 */
int s40_months_count(const int32_t *months, size_t n, int32_t from, int32_t to);

/* A person's paid months, sorted. *out allocated. */
enum s40_err s40_ledger_paid_months(struct s40_store *st, int64_t person, int32_t **out,
				    size_t *n, struct s40_ctx *ctx);

/*
 * Read a baht amount as people type it: "210", "210.50", "1,050", Thai digits,
 * an optional "บาท" or "baht" after it. At most 2 decimals, not negative, at
 * most 100,000,000 baht. S40_E_BAD_VALUE with field on failure.
 */
enum s40_err s40_baht_parse(const char *text, const char *field, int64_t *satang,
			    struct s40_ctx *ctx);

/*
 * Read contribution months: one month ("2019-10", "10/2562", "ต.ค. 2562") or a
 * range "A..B" (also "A-B" when both are YYYY-MM). S40_E_BAD_VALUE when the
 * last is before the first.
 */
enum s40_err s40_month_range_parse(const char *text, const char *field, int32_t *first,
				   int32_t *last, struct s40_ctx *ctx);

#endif
