/*
 * demo_int.h — what the files of the demo share (not part of libs40's
 * interface): the random streams, the plan (every person of the demo with
 * a fate, spells and particulars, decided in memory before anything is
 * written) and the phases that make and write it. demo.c builds the demo and
 * writes the register; demo_plan.c plans where people live, their fates and
 * their spells; demo_people.c who they are (names, births, IDs); demo_campaign.c
 * writes the surveys, the target, the network and the field events;
 * demo_payments.c the contributions.
 */
#ifndef S40_IO_DEMO_INT_H
#define S40_IO_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "demo.h"
#include "registry/person.h"
#include "registry/registry.h"

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman and Vigna), seeded by splitmix64. */

struct demo_rng {
	uint64_t s[4];
};

static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* A stream for one phase of the plan: the same seed and phase, the same numbers. */
static inline void rng_init(struct demo_rng *r, uint64_t seed, uint64_t phase)
{
	uint64_t x = seed ^ (phase * 0xd1b54a32d192ed03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t rng_next(struct demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [0, n), n > 0, without modulo bias. */
static inline uint64_t rng_below(struct demo_rng *r, uint64_t n)
{
	uint64_t floor = (0 - n) % n; /* 2^64 mod n: values below it are rejected */
	for (;;) {
		uint64_t x = rng_next(r);
		if (x >= floor)
			return x % n;
	}
}

/* Uniform in [lo, hi]. */
static inline int64_t rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo + 1));
}

/* True with probability pct / 100. */
static inline bool rng_pct(struct demo_rng *r, int pct)
{
	return (int)rng_below(r, 100) < pct;
}

/* Any day in [lo, hi], uniformly. */
static inline int32_t draw_day(struct demo_rng *r, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : (int32_t)rng_range(r, lo, hi);
}

/* Random-stream phases (never renumber: the demo would change). */
enum demo_phase {
	PHASE_VILLAGES = 1,
	PHASE_FATES = 2,
	PHASE_SPELLS = 3,
	PHASE_PEOPLE = 4,
	PHASE_CAMPAIGN = 5, /* issue 5: surveys and targets (demo_campaign_write) */
	PHASE_NETWORK = 6, /* issue 5: the network and field events (demo_network_write) */
	PHASE_PAYMENTS = 40, /* issue 3: contribution payments up to 2019 (payments_to_2019) */
	PHASE_PAYMENTS_LATER = 41, /* contribution payments from 2020 on (payments_later) */
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* The plan. */

/* What happens to a person, decided before any date is drawn. */
enum demo_fate {
	FATE_ACTIVE, /* one spell from before the count day, still open at the end */
	FATE_ACTIVE_LEAVES, /* one spell from before the count day, ended after it */
	FATE_ACTIVE_RETURNED, /* ended once, enrolled again on or before the count day */
	FATE_ENDED, /* one spell ended on or before the count day */
	FATE_ENDED_RETURNS, /* ended on or before the count day, enrolled again after it */
	FATE_LATE, /* enrolled after the count day */
	FATE_REGISTERED, /* registered, eligible, never a member */
	FATE_EXCLUDED, /* covered by Section 33/39 or a civil servant from the start */
	FATE_INELIGIBLE, /* registered, not eligible (not Thai, or over 60) */
	FATE__N
};

enum demo_channel {
	CH_OFFICE,
	CH_EVENT,
	CH_VOLUNTEER,
	CH_COUNTER
};

#define NO_PERSON (-1)

struct demo_spell {
	int32_t start_day;
	int32_t end_day; /* first day not a member; S40_NO_DAY: open */
	int end_reason; /* enum s40_end_reason; 0 while open */
	int excl_kind; /* ended by recording this exclusion; 0: by membership_end */
	int32_t excl_end; /* that exclusion's last day; S40_NO_DAY: still in force */
	int option;
	int channel;
	int32_t recruiter; /* person index, NO_PERSON */
	int32_t change_day; /* option change requested that day; S40_NO_DAY: none */
	int change_option;
};

struct demo_person {
	int64_t id;
	int32_t village;
	int32_t birth_day;
	uint8_t fate;
	uint8_t sex; /* 1 male, 2 female */
	uint8_t thai; /* 1 Thai, 0 not */
	uint8_t volunteer; /* chosen as a volunteer of the subdistrict */
	uint8_t recruited; /* a volunteer who recruited someone */
	uint8_t married; /* a woman titled นาง */
	uint8_t n_spells;
	uint16_t first, last; /* into the name tables (foreign ones when not Thai) */
	uint16_t house, house_sub;
	int8_t street; /* -1: none */
	char phone[12];
	struct demo_spell spell[2];
	int excl_kind; /* FATE_EXCLUDED: the exclusion from the start */
	int32_t excl_start;
};

struct demo_village {
	int32_t code;
	int32_t subdistrict;
	int moo;
	int weight;
	long n_persons;
};

struct demo_sub {
	int32_t code;
	size_t first_person, n_persons; /* persons are stored village by village */
	size_t first_vol, n_vol; /* into plan.volunteers */
};

/* The whole demo in memory: demo_plan_build fills it, demo_plan_free frees it. */
struct demo_plan {
	uint64_t seed;
	int32_t first_day, count_day, last_day, event_day;
	struct demo_village *villages;
	size_t n_villages;
	struct demo_sub *subs;
	size_t n_subs;
	struct demo_person *people;
	size_t n_people;
	int32_t *volunteers; /* person indices, by subdistrict */
	size_t n_volunteers;
	long n_recruiters; /* volunteers who recruited at least one member */
	int64_t *day_cum; /* enrolment weight of the days before first_day + i */
	size_t n_days;
};

/* Out of memory, on ctx. */
static inline enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/* ---- the plan (demo_plan.c) ---- */
/* Plan the whole demo in memory from p->seed and the days set in *p (first,
 * count, last and event day), reading the villages of province 75 from st.
 * What it allocates in *p is freed by demo_plan_free, also on failure. */
enum s40_err demo_plan_build(struct demo_plan *p, struct s40_store *st, struct s40_ctx *ctx);
/* Free what demo_plan_build allocated in *p and clear it. */
void demo_plan_free(struct demo_plan *p);

/* ---- who the people are (demo_people.c) ---- */
/* Birth, sex, names, nationality, ID, phone and address of everyone in p,
 * whose villages, fates and spells are planned already. */
enum s40_err demo_plan_people(struct demo_plan *p, struct s40_ctx *ctx);
/* The person record of a, written into the caller's *out. */
void demo_person_fill(const struct demo_person *a, struct s40_person *out);

/* ---- the phases written after the register, inside the demo's transaction
 * and batch; each counts what it writes in *sum ---- */
/* Village surveys and the FY2562 target (demo_campaign.c). */
enum s40_err demo_campaign_write(struct s40_reg *reg, const struct demo_plan *p,
				 struct s40_demo_summary *sum, struct s40_ctx *ctx);
/* The network and the field events (demo_campaign.c). */
enum s40_err demo_network_write(struct s40_reg *reg, const struct demo_plan *p,
				struct s40_demo_summary *sum, struct s40_ctx *ctx);
/* The contribution payments of every member (demo_payments.c). */
enum s40_err demo_payments_write(struct s40_reg *reg, const struct demo_plan *p,
				 struct s40_demo_summary *sum, struct s40_ctx *ctx);

#endif
