/*
 * demo_plan.c — the demo's plan: the villages of province 75 read from the
 * store, how many people live in each, every person's fate (member on the
 * count day or not, and how), the volunteers of each subdistrict, and the
 * dates, options and channels of every spell. Who the people are is
 * demo_people.c's. Nothing here writes to the store.
 */
#include "demo_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/membership.h"

#define MIN_PER_VILLAGE 20 /* persons in every village and every town area */
#define EVENT_ENROLMENTS 30 /* enrolled at the 8 Nov 2019 event */

/* How many persons have each fate. The first three are the members on the
 * count day and add up to the seed's figure. */
#define N_ACTIVE_LEAVES 350
#define N_ACTIVE_RETURNED 250
static const long fate_count[FATE__N] = {
	[FATE_ACTIVE] = S40_DEMO_MEMBERS_2019_10_31 - N_ACTIVE_LEAVES - N_ACTIVE_RETURNED,
	[FATE_ACTIVE_LEAVES] = N_ACTIVE_LEAVES,
	[FATE_ACTIVE_RETURNED] = N_ACTIVE_RETURNED,
	[FATE_ENDED] = 2600,
	[FATE_ENDED_RETURNS] = 200,
	[FATE_LATE] = 500,
	[FATE_REGISTERED] = 4200,
	[FATE_EXCLUDED] = 1900,
	[FATE_INELIGIBLE] = 650,
};

static bool fate_active_on_count_day(int fate)
{
	return fate == FATE_ACTIVE || fate == FATE_ACTIVE_LEAVES || fate == FATE_ACTIVE_RETURNED;
}

/* Free what demo_plan_build allocated in *p and clear it. */
void demo_plan_free(struct demo_plan *p)
{
	free(p->villages);
	free(p->subs);
	free(p->people);
	free(p->volunteers);
	free(p->day_cum);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------------ */
/* Villages from the store. */

static enum s40_err plan_add_village(struct demo_plan *p, size_t *cap, const struct s40_area_rec *a,
				     struct s40_ctx *ctx)
{
	if (p->n_villages == *cap) {
		*cap = *cap ? *cap * 2 : 512;
		struct demo_village *nv = realloc(p->villages, *cap * sizeof *nv);
		if (nv == NULL)
			return nomem(ctx);
		p->villages = nv;
	}
	struct demo_village *v = &p->villages[p->n_villages++];
	memset(v, 0, sizeof *v);
	v->code = a->code;
	v->subdistrict = s40_area_parent(a->code);
	v->moo = s40_area_moo(a->code);
	return S40_OK;
}

/* Read the districts, subdistricts and villages of province 75, by code. */
static enum s40_err plan_load_villages(struct demo_plan *p, struct s40_store *st,
				       struct s40_ctx *ctx)
{
	struct s40_area_rec prov;
	enum s40_err rc = s40_area_get(st, S40_DEMO_PROVINCE, &prov, ctx);
	if (rc == S40_E_UNKNOWN_AREA)
		return s40_errorf(
			ctx, rc, "area", "ไม่พบจังหวัด %d ในฐานข้อมูล: ต้องโหลดข้อมูลพื้นที่ก่อนสร้างข้อมูลสาธิต",
			"province %d is not in the database: load the areas before the demo",
			S40_DEMO_PROVINCE);
	if (rc)
		return rc;
	struct s40_area_rec *dist = NULL, *sub = NULL, *vil = NULL;
	size_t n_dist = 0, n_sub = 0, n_vil = 0, cap = 0, sub_cap = 0;
	rc = s40_area_children(st, S40_DEMO_PROVINCE, &dist, &n_dist, ctx);
	for (size_t i = 0; rc == S40_OK && i < n_dist; i++) {
		rc = s40_area_children(st, dist[i].code, &sub, &n_sub, ctx);
		for (size_t j = 0; rc == S40_OK && j < n_sub; j++) {
			if (p->n_subs == sub_cap) {
				sub_cap = sub_cap ? sub_cap * 2 : 64;
				struct demo_sub *ns = realloc(p->subs, sub_cap * sizeof *ns);
				if (ns == NULL) {
					rc = nomem(ctx);
					break;
				}
				p->subs = ns;
			}
			memset(&p->subs[p->n_subs], 0, sizeof p->subs[0]);
			p->subs[p->n_subs++].code = sub[j].code;
			rc = s40_area_children(st, sub[j].code, &vil, &n_vil, ctx);
			for (size_t k = 0; rc == S40_OK && k < n_vil; k++)
				if (vil[k].level == S40_LEVEL_VILLAGE)
					rc = plan_add_village(p, &cap, &vil[k], ctx);
			free(vil);
			vil = NULL;
		}
		free(sub);
		sub = NULL;
	}
	free(dist);
	if (rc == S40_OK && p->n_villages == 0)
		rc = s40_errorf(ctx, S40_E_UNKNOWN_AREA, "area", "จังหวัด %d ไม่มีหมู่บ้าน",
				"province %d has no villages", S40_DEMO_PROVINCE);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Where people live. */

/*
 * Every village and every town area (a subdistrict with no villages, whose
 * people all have the 00 code) gets MIN_PER_VILLAGE persons; the rest are
 * spread by weight: villages of different sizes, a few big ones, the town areas
 * big, and a few people in the 00 codes of the other subdistricts.
 */
static enum s40_err plan_villages(struct demo_plan *p, long n_people, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_VILLAGES);
	long left = n_people;
	for (size_t i = 0; i < p->n_villages; i++) {
		struct demo_village *v = &p->villages[i];
		bool town = false;
		if (v->moo == 0) {
			town = true;
			for (size_t j = 0; j < p->n_villages; j++)
				if (p->villages[j].subdistrict == v->subdistrict &&
				    p->villages[j].moo > 0)
					town = false;
		}
		if (v->moo > 0) {
			v->weight = (int)rng_range(&r, 60, 200);
			if (rng_pct(&r, 12))
				v->weight *= 3;
		} else {
			v->weight = town ? 1500 : 4;
		}
		if (v->moo > 0 || town) {
			v->n_persons = MIN_PER_VILLAGE;
			left -= MIN_PER_VILLAGE;
		}
	}
	if (left < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "หมู่บ้านมากเกินกว่าจำนวนคนในข้อมูลสาธิต",
				  "more villages than the demo has people for");
	int64_t total = 0;
	int64_t *cum = malloc((p->n_villages + 1) * sizeof *cum);
	if (cum == NULL)
		return nomem(ctx);
	cum[0] = 0;
	for (size_t i = 0; i < p->n_villages; i++)
		cum[i + 1] = total += p->villages[i].weight;
	for (long k = 0; k < left; k++) {
		int64_t x = (int64_t)rng_below(&r, (uint64_t)total);
		size_t lo = 0, hi = p->n_villages; /* the first i with cum[i + 1] > x */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (cum[mid + 1] > x)
				hi = mid;
			else
				lo = mid + 1;
		}
		p->villages[lo].n_persons++;
	}
	free(cum);

	p->people = calloc((size_t)n_people, sizeof *p->people);
	if (p->people == NULL)
		return nomem(ctx);
	p->n_people = (size_t)n_people;
	size_t at = 0, s = 0;
	for (size_t i = 0; i < p->n_villages; i++) {
		while (s < p->n_subs && p->subs[s].code != p->villages[i].subdistrict)
			s++;
		if (s == p->n_subs)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ลำดับหมู่บ้านผิด",
					  "villages out of order");
		if (p->subs[s].n_persons == 0)
			p->subs[s].first_person = at;
		p->subs[s].n_persons += (size_t)p->villages[i].n_persons;
		for (long k = 0; k < p->villages[i].n_persons; k++)
			p->people[at++].village = p->villages[i].code;
	}
	return S40_OK;
}

/* ------------------------------------------------------------------------ */
/* Fates. */

struct fate_key {
	int64_t key;
	size_t i;
};

static int fate_key_cmp(const void *a, const void *b)
{
	const struct fate_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void shuffle_u8(struct demo_rng *r, uint8_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)rng_below(r, i);
		uint8_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Whether a fate may be given to a resident of the fully covered village. */
static bool fate_fits_full_village(int fate)
{
	return fate_active_on_count_day(fate) || fate == FATE_EXCLUDED || fate == FATE_INELIGIBLE;
}

/*
 * Give every person a fate, in exact numbers. Villages differ: each has a bias,
 * and persons sorted by bias plus noise take the member fates first, so that
 * coverage runs from about a quarter to nearly all. Then the fully covered
 * village trades its eligible non-members for members elsewhere, and the event
 * village trades some for persons who join after the count day.
 */
static enum s40_err plan_fates(struct demo_plan *p, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_FATES);
	size_t n = p->n_people;
	uint8_t *fates = malloc(n);
	struct fate_key *keys = malloc(n * sizeof *keys);
	int *bias = malloc(p->n_villages * sizeof *bias);
	if (fates == NULL || keys == NULL || bias == NULL) {
		free(fates);
		free(keys);
		free(bias);
		return nomem(ctx);
	}
	size_t at = 0, n_active = 0;
	for (int f = 0; f < FATE__N; f++)
		for (long k = 0; k < fate_count[f]; k++)
			fates[at++] = (uint8_t)f;
	for (int f = 0; f < FATE__N; f++)
		if (fate_active_on_count_day(f))
			n_active += (size_t)fate_count[f];
	shuffle_u8(&r, fates, n_active);
	shuffle_u8(&r, fates + n_active, n - n_active);

	for (size_t i = 0; i < p->n_villages; i++)
		bias[i] = (int)rng_below(&r, 700);
	size_t v = 0;
	for (size_t i = 0; i < n; i++) {
		while (p->villages[v].code != p->people[i].village)
			v++;
		keys[i].key = (int64_t)rng_below(&r, 1000) + bias[v];
		keys[i].i = i;
	}
	qsort(keys, n, sizeof *keys, fate_key_cmp);
	for (size_t j = 0; j < n; j++)
		p->people[keys[j].i].fate = fates[j];
	free(fates);
	free(keys);
	free(bias);

	/* The fully covered village: swap with members elsewhere. */
	size_t scan = 0;
	for (size_t i = 0; i < n; i++) {
		struct demo_person *a = &p->people[i];
		if (a->village != S40_DEMO_FULL_VILLAGE || fate_fits_full_village(a->fate))
			continue;
		while (scan < n && (p->people[scan].fate != FATE_ACTIVE ||
				    p->people[scan].village == S40_DEMO_FULL_VILLAGE))
			scan++;
		if (scan == n)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีสมาชิกให้สลับ",
					  "no member left to swap with");
		p->people[scan].fate = a->fate;
		a->fate = FATE_ACTIVE;
	}
	/* The event village: some eligible non-members there join at the event. */
	long late_there = 0;
	for (size_t i = 0; i < n; i++)
		if (p->people[i].village == S40_DEMO_EVENT_VILLAGE &&
		    p->people[i].fate == FATE_LATE)
			late_there++;
	scan = 0;
	for (size_t i = 0; i < n && late_there < EVENT_ENROLMENTS; i++) {
		struct demo_person *a = &p->people[i];
		if (a->village != S40_DEMO_EVENT_VILLAGE || a->fate != FATE_REGISTERED)
			continue;
		while (scan < n && (p->people[scan].fate != FATE_LATE ||
				    p->people[scan].village == S40_DEMO_EVENT_VILLAGE))
			scan++;
		if (scan == n)
			break;
		p->people[scan].fate = FATE_REGISTERED;
		a->fate = FATE_LATE;
		late_there++;
	}
	return S40_OK;
}

/* Choose the volunteers of each subdistrict among its members. */
static enum s40_err plan_volunteers(struct demo_plan *p, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_FATES + 100);
	p->volunteers = malloc(p->n_people * sizeof *p->volunteers);
	if (p->volunteers == NULL)
		return nomem(ctx);
	for (size_t s = 0; s < p->n_subs; s++) {
		struct demo_sub *sub = &p->subs[s];
		sub->first_vol = p->n_volunteers;
		size_t want = 2 + sub->n_persons / 250;
		size_t n_members = 0;
		for (size_t k = 0; k < sub->n_persons; k++)
			if (p->people[sub->first_person + k].fate == FATE_ACTIVE)
				n_members++;
		if (want > n_members)
			want = n_members;
		/* Selection sampling (Knuth's algorithm S): want of n_members, in order. */
		size_t seen = 0;
		for (size_t k = 0; k < sub->n_persons && sub->n_vol < want; k++) {
			size_t i = sub->first_person + k;
			if (p->people[i].fate != FATE_ACTIVE)
				continue;
			if (rng_below(&r, n_members - seen) < want - sub->n_vol) {
				p->people[i].volunteer = 1;
				p->volunteers[p->n_volunteers++] = (int32_t)i;
				sub->n_vol++;
			}
			seen++;
		}
	}
	return S40_OK;
}

/* ------------------------------------------------------------------------ */
/* Dates. */

/* The enrolment weight of a day: modest growth from 2012, more in the
 * campaign years (FY2561–2562 = Oct 2017 – Sep 2019), less at weekends. */
static int64_t day_weight(int32_t day)
{
	int y, m, d;
	s40_day_to_ymd(day, &y, &m, &d);
	int k = (y - 2012) * 12 + (m - 1); /* months since January 2012 */
	int64_t w;
	if (k < 69) /* to September 2017 */
		w = 80 + 30 * k / 68;
	else if (k < 93) /* the campaign, October 2017 – September 2019 */
		w = 140;
	else
		w = 100;
	int wd = s40_day_weekday(day);
	if (wd == 0 || wd == 6)
		w /= 5;
	return w;
}

static enum s40_err plan_days(struct demo_plan *p, struct s40_ctx *ctx)
{
	p->n_days = (size_t)(p->last_day - p->first_day + 1);
	p->day_cum = malloc((p->n_days + 1) * sizeof *p->day_cum);
	if (p->day_cum == NULL)
		return nomem(ctx);
	p->day_cum[0] = 0;
	for (size_t i = 0; i < p->n_days; i++)
		p->day_cum[i + 1] = p->day_cum[i] + day_weight(p->first_day + (int32_t)i);
	return S40_OK;
}

/* An enrolment day in [lo, hi], by the day weights. */
static int32_t draw_enrol_day(const struct demo_plan *p, struct demo_rng *r, int32_t lo, int32_t hi)
{
	if (lo < p->first_day)
		lo = p->first_day;
	if (hi > p->last_day)
		hi = p->last_day;
	if (hi <= lo)
		return lo;
	size_t a = (size_t)(lo - p->first_day), b = (size_t)(hi - p->first_day) + 1;
	int64_t base = p->day_cum[a];
	int64_t x = base + (int64_t)rng_below(r, (uint64_t)(p->day_cum[b] - base));
	while (a + 1 < b) { /* the last i in [a, b) with day_cum[i] <= x */
		size_t mid = (a + b) / 2;
		if (p->day_cum[mid] <= x)
			a = mid;
		else
			b = mid;
	}
	return p->first_day + (int32_t)a;
}

static int draw_option(struct demo_rng *r)
{
	int x = (int)rng_below(r, 100);
	return x < 55 ? 1 : x < 90 ? 2 : 3;
}

/* A volunteer of person i's subdistrict other than i, or NO_PERSON. */
static int32_t draw_recruiter(const struct demo_plan *p, struct demo_rng *r, size_t i)
{
	int32_t sub = s40_area_parent(p->people[i].village);
	for (size_t s = 0; s < p->n_subs; s++) {
		if (p->subs[s].code != sub)
			continue;
		const struct demo_sub *ds = &p->subs[s];
		if (ds->n_vol == 0 ||
		    (ds->n_vol == 1 && p->volunteers[ds->first_vol] == (int32_t)i))
			return NO_PERSON;
		for (;;) {
			int32_t v = p->volunteers[ds->first_vol + rng_below(r, ds->n_vol)];
			if (v != (int32_t)i)
				return v;
		}
	}
	return NO_PERSON;
}

/* Channel and recruiter of an enrolment on day: networks and events carry
 * the campaign years; offices and counters the rest. */
static void draw_channel(const struct demo_plan *p, struct demo_rng *r, size_t i,
			 struct demo_spell *sp)
{
	bool campaign = sp->start_day >= s40_day_from_ymd(2017, 10, 1) &&
			sp->start_day <= s40_day_from_ymd(2019, 9, 30);
	int x = (int)rng_below(r, 100);
	if (campaign)
		sp->channel = x < 25 ? CH_OFFICE :
			      x < 40 ? CH_COUNTER :
			      x < 60 ? CH_EVENT :
				       CH_VOLUNTEER;
	else
		sp->channel = x < 50 ? CH_OFFICE :
			      x < 75 ? CH_COUNTER :
			      x < 80 ? CH_EVENT :
				       CH_VOLUNTEER;
	sp->recruiter = NO_PERSON;
	if (sp->channel == CH_VOLUNTEER || (sp->channel == CH_EVENT && rng_pct(r, 50)))
		sp->recruiter = draw_recruiter(p, r, i);
	if (sp->channel == CH_VOLUNTEER && sp->recruiter == NO_PERSON)
		sp->channel = CH_OFFICE;
}

static void spell_open(struct demo_spell *sp, int32_t start, int option)
{
	memset(sp, 0, sizeof *sp);
	sp->start_day = start;
	sp->end_day = S40_NO_DAY;
	sp->excl_end = S40_NO_DAY;
	sp->change_day = S40_NO_DAY;
	sp->option = option;
	sp->recruiter = NO_PERSON;
}

/* End sp on day for a reason drawn from pct[] (resigned, s33, death, civil
 * servant, in percent); s33 and civil servant are recorded as exclusions. */
static void spell_close(struct demo_rng *r, struct demo_spell *sp, int32_t day, const int pct[4])
{
	static const int reasons[4] = { S40_END_RESIGNED, S40_END_TO_S33, S40_END_DEATH,
					S40_END_CIVIL_SERVANT };
	int x = (int)rng_below(r, 100), k = 0;
	while (k < 3 && x >= pct[k]) {
		x -= pct[k];
		k++;
	}
	sp->end_day = day;
	sp->end_reason = reasons[k];
	if (reasons[k] == S40_END_TO_S33)
		sp->excl_kind = S40_EXCL_S33;
	else if (reasons[k] == S40_END_CIVIL_SERVANT)
		sp->excl_kind = S40_EXCL_CIVIL_SERVANT;
}

/* The spells of every person, by fate (dates only; birth days come after). */
static void plan_spells(struct demo_plan *p)
{
	static const int leave_pct[4] = { 40, 30, 15, 15 };
	static const int ended_pct[4] = { 45, 30, 15, 10 };
	static const int back_pct[4] = { 65, 35, 0, 0 }; /* people who come back are alive */
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_SPELLS);
	const int32_t D = p->count_day, L = p->last_day, F = p->first_day;
	const int32_t vol_last = s40_day_from_ymd(2016, 12, 31);
	for (size_t i = 0; i < p->n_people; i++) {
		struct demo_person *a = &p->people[i];
		struct demo_spell *s1 = &a->spell[0], *s2 = &a->spell[1];
		a->n_spells = 0;
		switch (a->fate) {
		case FATE_ACTIVE:
			spell_open(s1, draw_enrol_day(p, &r, F, a->volunteer ? vol_last : D),
				   draw_option(&r));
			a->n_spells = 1;
			if (rng_pct(&r, 4) && s1->start_day + 60 <= L) {
				s1->change_day = draw_day(&r, s1->start_day + 60, L);
				s1->change_option = 1 + (s1->option + (int)rng_below(&r, 2)) % 3;
			}
			break;
		case FATE_ACTIVE_LEAVES:
			spell_open(s1, draw_enrol_day(p, &r, F, D), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, D + 1, L), leave_pct);
			a->n_spells = 1;
			break;
		case FATE_ACTIVE_RETURNED:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 400), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 60, D - 60), back_pct);
			spell_open(s2, draw_enrol_day(p, &r, s1->end_day + 30, D), draw_option(&r));
			a->n_spells = 2;
			break;
		case FATE_ENDED:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 90), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 30, D), ended_pct);
			a->n_spells = 1;
			break;
		case FATE_ENDED_RETURNS:
			spell_open(s1, draw_enrol_day(p, &r, F, D - 90), draw_option(&r));
			spell_close(&r, s1, draw_day(&r, s1->start_day + 30, D), back_pct);
			spell_open(s2, draw_enrol_day(p, &r, D + 1, L), draw_option(&r));
			a->n_spells = 2;
			break;
		case FATE_LATE:
			if (a->village == S40_DEMO_EVENT_VILLAGE)
				spell_open(s1, p->event_day, draw_option(&r));
			else
				spell_open(s1, draw_enrol_day(p, &r, D + 1, L), draw_option(&r));
			a->n_spells = 1;
			break;
		case FATE_EXCLUDED: {
			int x = (int)rng_below(&r, 100);
			a->excl_kind = x < 65 ? S40_EXCL_S33 :
				       x < 85 ? S40_EXCL_S39 :
				       x < 95 ? S40_EXCL_CIVIL_SERVANT :
						S40_EXCL_STATE_ENTERPRISE;
			a->excl_start = draw_day(&r, s40_day_from_ymd(2008, 1, 1), D - 120);
			break;
		}
		default:
			break;
		}
		for (int k = 0; k < a->n_spells; k++) {
			struct demo_spell *sp = &a->spell[k];
			draw_channel(p, &r, i, sp);
			if (a->fate == FATE_LATE && a->village == S40_DEMO_EVENT_VILLAGE)
				sp->channel = CH_EVENT;
			/* An exclusion that ended a spell is over before the next one. */
			if (k == 0 && a->n_spells == 2 && sp->excl_kind)
				sp->excl_end = draw_day(&r, sp->end_day, s2->start_day - 1);
		}
	}
}

/* The members on the count day by the plan: must be the seed's figure. */
static long plan_members_on(const struct demo_plan *p, int32_t day)
{
	long n = 0;
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			const struct demo_spell *sp = &p->people[i].spell[k];
			if (sp->start_day <= day &&
			    (sp->end_day == S40_NO_DAY || sp->end_day > day))
				n++;
		}
	return n;
}

/* Plan the whole demo in memory (demo_int.h). */
enum s40_err demo_plan_build(struct demo_plan *p, struct s40_store *st, struct s40_ctx *ctx)
{
	long n_people = 0;
	for (int f = 0; f < FATE__N; f++)
		n_people += fate_count[f];
	enum s40_err rc;
	if ((rc = plan_load_villages(p, st, ctx)) || (rc = plan_days(p, ctx)) ||
	    (rc = plan_villages(p, n_people, ctx)) || (rc = plan_fates(p, ctx)) ||
	    (rc = plan_volunteers(p, ctx)))
		return rc;
	plan_spells(p);
	if ((rc = demo_plan_people(p, ctx)))
		return rc;
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			int32_t v = p->people[i].spell[k].recruiter;
			if (v != NO_PERSON && !p->people[v].recruited) {
				p->people[v].recruited = 1;
				p->n_recruiters++;
			}
		}
	long n = plan_members_on(p, p->count_day);
	if (n != S40_DEMO_MEMBERS_2019_10_31)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "แผนข้อมูลสาธิตมีสมาชิก %ld คน",
				  "the demo's plan has %ld members", n);
	return S40_OK;
}
