/*
 * demo_payments.c — the demo's contributions (issue 3): a payment history for
 * every member up to December 2019, the same whatever day the demo is built,
 * then up to the month before that day's.
 */
#include "demo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "registry/ledger.h"
#include "rules/rates.h"

/* ------------------------------------------------------------------------ */
/* Contributions (issue 3): a payment history for every member. */

/* The first contribution month the demo records payments for (October 2016,
 * so that the 36-month windows of late 2019 are full), and the share of
 * spells by behaviour up to December 2019: most pay, some stop, a few pay
 * ahead. */
#define PAY_FIRST_YM 2016, 10
#define PAY_PCT_STOP 18  /* stop paying at a drawn month and never again */
#define PAY_PCT_AHEAD 6  /* open spells: in December 2019 pay up to 12 months ahead */
#define PAY_PCT_MISS 3   /* a batch of months left unpaid now and then */

/* From January 2020 to the month before today's, the spells that still pay go
 * on. Few of them stop for good: the PAY_PCT_STOP spells stay stopped, and
 * they alone make nearly a fifth of the open spells lapsed. A later stop's
 * month is drawn in a fixed span, not up to today, so that a demo built on a
 * later day has the same payments as one built earlier, but for the batch
 * the earlier one cut at its today. */
#define PAY_LATER_YM 2020, 1
#define PAY_LATER_STOP_MONTHS 120 /* later stops fall in January 2020 … December 2029 */
#define PAY_PCT_LATER_STOP 3 /* of the spells still paying in 2020 */
#define PAY_PCT_YEARLY 10 /* pay 12 months at a time by bank debit */

/* The option of demo spell sp in month (an option change holds from the
 * month after its request). */
static int pay_option(const struct demo_spell *sp, int32_t month)
{
	if (sp->change_day != S40_NO_DAY && month > s40_day_month(sp->change_day))
		return sp->change_option;
	return sp->option;
}

/* A payment channel: mostly counter services. */
static int pay_channel(struct demo_rng *r)
{
	int x = (int)rng_below(r, 100);
	return x < 50 ? S40_PAY_COUNTER :
	       x < 65 ? S40_PAY_BANK :
	       x < 80 ? S40_PAY_APP :
	       x < 90 ? S40_PAY_OFFICE :
			S40_PAY_REPRESENTATIVE;
}

/* Pay months first … last of spell sp of person i, on a day of the first month
 * (not before the spell starts, not after it ends or after last_day), through
 * channel (0: drawn). */
static enum s40_err pay_batch(struct s40_reg *reg, const struct s40_rates *rates,
			      struct demo_rng *r, size_t i, const struct demo_person *a,
			      const struct demo_spell *sp, int32_t first, int32_t last,
			      int32_t last_day, int channel, long *n_rec,
			      struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	int32_t lo = s40_month_first_day(first), hi = s40_month_last_day(first);
	if (lo < sp->start_day)
		lo = sp->start_day;
	if (hi > last_day)
		hi = last_day;
	if (sp->end_day != S40_NO_DAY && hi >= sp->end_day)
		hi = sp->end_day - 1;
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	p.person = a->id;
	p.paid_day = draw_day(r, lo, hi);
	p.channel = channel ? channel : pay_channel(r);
	p.first_month = first;
	p.last_month = last;
	for (int32_t m = first; m <= last; m++) {
		const struct s40_rate *rate = s40_rate_for(rates, pay_option(sp, m), m);
		if (rate == NULL)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีอัตราเงินสมทบ",
					  "no contribution rate");
		p.total += rate->member;
	}
	snprintf(p.receipt, sizeof p.receipt, "DEMO-%zu-%ld", i, (*n_rec)++);
	int changed = 0;
	enum s40_err rc = s40_ledger_pay(reg, rates, &p, 0, &changed, ctx);
	if (rc == S40_OK && !changed)
		rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "การชำระซ้ำ", "a payment was there already");
	if (rc == S40_OK) {
		sum->payments++;
		sum->ledger_months += last - first + 1;
	}
	return rc;
}

/* Where a person's payments up to December 2019 leave off. */
struct pay_state {
	int32_t paid_to; /* the last month paid; INT32_MIN if none */
	long n_rec; /* receipts so far (DEMO-i-0, DEMO-i-1 …) */
	bool stopped[2]; /* spell k stopped paying for good */
};

/*
 * The payments up to December 2019, from the stream PHASE_PAYMENTS. Each
 * spell pays for its months from the later of its start and PAY_FIRST_YM to
 * the earlier of its last month and December 2019, in batches of one to six
 * months paid in the batch's first month; some stop for good at a drawn month,
 * some batches are left unpaid, and a few open spells pay in December 2019
 * for up to 12 months of 2020 as well. ps[i] gets where person i left off.
 */
static enum s40_err payments_to_2019(struct s40_reg *reg, const struct demo_plan *p,
				     const struct s40_rates *rates, struct pay_state *ps,
				     struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_PAYMENTS);
	int32_t first_month = s40_month_from_ym(PAY_FIRST_YM);
	int32_t last_day = s40_day_from_ymd(S40_DEMO_LAST_YMD);
	int32_t demo_last = s40_day_month(last_day);
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		long n_rec = 0;
		int32_t paid_to = INT32_MIN; /* a month two spells share is paid once */
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			const struct demo_spell *sp = &a->spell[k];
			int32_t m0 = s40_day_month(sp->start_day);
			int32_t m1 = sp->end_day == S40_NO_DAY ? demo_last :
								 s40_day_month(sp->end_day - 1);
			if (m1 > demo_last)
				m1 = demo_last;
			if (m0 < first_month)
				m0 = first_month;
			if (paid_to != INT32_MIN && m0 <= paid_to)
				m0 = paid_to + 1;
			int stop = rng_pct(&r, PAY_PCT_STOP);
			ps[i].stopped[k] = stop;
			int32_t stop_at = m1 + 1;
			if (stop && m1 >= m0)
				stop_at = (int32_t)rng_range(&r, m0, m1);
			int ahead = sp->end_day == S40_NO_DAY && !stop && rng_pct(&r, PAY_PCT_AHEAD);
			int32_t m = m0;
			while (m <= m1 && m < stop_at && rc == S40_OK) {
				/* December 2019 is paid together with 2020 (below). */
				if (ahead && m == demo_last)
					break;
				int32_t last = m + (int32_t)rng_range(&r, 1, 6) - 1;
				if (last > m1)
					last = m1;
				if (last >= stop_at)
					last = stop_at - 1;
				if (ahead && last >= demo_last)
					last = demo_last - 1;
				if (!rng_pct(&r, PAY_PCT_MISS)) {
					rc = pay_batch(reg, rates, &r, i, a, sp, m, last, last_day,
						       0, &n_rec, sum, ctx);
					paid_to = last;
				}
				m = last + 1;
			}
			if (rc == S40_OK && ahead && m1 == demo_last && demo_last >= m0) {
				int32_t last = demo_last + (int32_t)rng_range(&r, 1, S40_PAY_MAX_AHEAD);
				rc = pay_batch(reg, rates, &r, i, a, sp, demo_last, last, last_day,
					       0, &n_rec, sum, ctx);
				paid_to = last;
			}
		}
		ps[i].paid_to = paid_to;
		ps[i].n_rec = n_rec;
	}
	return rc;
}

/*
 * The payments from January 2020 up to the month before today's, after all
 * those up to 2019 so that these keep their row numbers. Each person draws
 * from a stream of its own, seeded from PHASE_PAYMENTS_LATER in person order,
 * so that how far one person's history goes (today) draws nothing from
 * another's. A spell that did not stop before 2020 goes on from the month
 * after the last one paid (later than December 2019 for those who paid
 * ahead), in batches of one to six months or, by bank debit, twelve, paid in
 * the batch's first month; a batch is left unpaid now and then, and a few stop
 * for good at a drawn month. The batch that reaches today's month is cut at
 * the month before.
 */
static enum s40_err payments_later(struct s40_reg *reg, const struct demo_plan *p,
				   const struct s40_rates *rates, struct pay_state *ps,
				   struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	struct demo_rng keys;
	rng_init(&keys, p->seed, PHASE_PAYMENTS_LATER);
	int32_t from = s40_month_from_ym(PAY_LATER_YM);
	int32_t to = s40_day_month(reg->today) - 1; /* the last month wholly past */
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		struct demo_rng r;
		rng_init(&r, rng_next(&keys), PHASE_PAYMENTS_LATER);
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			const struct demo_spell *sp = &a->spell[k];
			int32_t m1 = sp->end_day == S40_NO_DAY ? INT32_MAX :
								 s40_day_month(sp->end_day - 1);
			if (m1 < from || ps[i].stopped[k])
				continue;
			int32_t m0 = s40_day_month(sp->start_day);
			if (m0 < from)
				m0 = from;
			if (ps[i].paid_to != INT32_MIN && m0 <= ps[i].paid_to)
				m0 = ps[i].paid_to + 1;
			int32_t stop_at = INT32_MAX;
			if (rng_pct(&r, PAY_PCT_LATER_STOP))
				stop_at = from + (int32_t)rng_below(&r, PAY_LATER_STOP_MONTHS);
			int yearly = rng_pct(&r, PAY_PCT_YEARLY);
			if (m1 > to)
				m1 = to;
			int32_t m = m0;
			while (m <= m1 && m < stop_at && rc == S40_OK) {
				int32_t last = m + (yearly ? 12 : (int32_t)rng_range(&r, 1, 6)) - 1;
				if (last > m1)
					last = m1;
				if (last >= stop_at)
					last = stop_at - 1;
				if (!rng_pct(&r, PAY_PCT_MISS)) {
					rc = pay_batch(reg, rates, &r, i, a, sp, m, last,
						       reg->today, yearly ? S40_PAY_BANK : 0,
						       &ps[i].n_rec, sum, ctx);
					ps[i].paid_to = last;
				}
				m = last + 1;
			}
		}
	}
	return rc;
}

/*
 * The payments of every member, from streams of their own so that the earlier
 * phases make the same data with or without them: up to December 2019 from
 * PHASE_PAYMENTS, the same whatever today is; then up to the month before
 * today's from PHASE_PAYMENTS_LATER.
 */
enum s40_err demo_payments_write(struct s40_reg *reg, const struct demo_plan *p,
				 struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_rates rates;
	enum s40_err rc = s40_rates_load(&rates, ctx);
	if (rc)
		return rc;
	struct pay_state *ps = calloc(p->n_people ? p->n_people : 1, sizeof *ps);
	if (ps == NULL)
		rc = nomem(ctx);
	if (rc == S40_OK)
		rc = payments_to_2019(reg, p, &rates, ps, sum, ctx);
	if (rc == S40_OK)
		rc = payments_later(reg, p, &rates, ps, sum, ctx);
	free(ps);
	s40_rates_free(&rates);
	return rc;
}
