/*
 * demo_campaign.c — the demo's campaign (issue 5), written after the
 * register: village surveys in 2018 and 2019 and the FY2562 target, then the
 * social-security network (a provincial officer, district representatives,
 * subdistrict leaders and the volunteers) and the field events, with the
 * enrolments made at them linked.
 */
#include "demo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/event.h"
#include "registry/exclusion.h"
#include "registry/membership.h"
#include "registry/network.h"
#include "registry/survey.h"
#include "registry/target.h"
#include "stats/coverage.h"

/* ------------------------------------------------------------------------ */
/* The campaign (issue 5): village surveys and the FY2562 target. */

/* The target the Samut Songkhram office set for FY2562 (the seed article). */
#define DEMO_TARGET_FY 2562
#define DEMO_TARGET_N 2878

/* The survey status a surveyor finds for a resident on day: what the register
 * says, with a little of the noise of real field work (a few members not
 * recognised as such, a few young residents recorded as students). */
static enum s40_err survey_status_of(struct s40_store *st, struct demo_rng *r, int64_t person,
				     int32_t birth, int32_t day, struct s40_survey_entry *e,
				     struct s40_ctx *ctx)
{
	int standing = 0, kind = 0;
	unsigned why = 0;
	enum s40_err rc = s40_coverage_standing(st, person, day, &standing, &kind, &why, ctx);
	if (rc)
		return rc;
	e->person = person;
	e->reason = 0;
	int noise = (int)rng_below(r, 100);
	switch (standing) {
	case S40_STAND_MEMBER:
		e->status = noise < 2 ? S40_SURVEY_UNINSURED : S40_SURVEY_MEMBER;
		break;
	case S40_STAND_EXCLUDED:
		e->status = kind == S40_EXCL_S33	   ? S40_SURVEY_S33 :
			    kind == S40_EXCL_S39	   ? S40_SURVEY_S39 :
			    kind == S40_EXCL_CIVIL_SERVANT ? S40_SURVEY_CIVIL_SERVANT :
							     S40_SURVEY_STATE_ENTERPRISE;
		break;
	case S40_STAND_INELIGIBLE:
		e->status = S40_SURVEY_INELIGIBLE;
		e->reason = why & S40_INELIG_NOT_THAI ? S40_SURVEY_R_NOT_THAI :
			    why & (S40_INELIG_TOO_YOUNG | S40_INELIG_TOO_OLD) ? S40_SURVEY_R_AGE :
										  S40_SURVEY_R_OTHER;
		break;
	default:
		if (noise < 4 && s40_age_on(birth, day) <= 22) {
			e->status = S40_SURVEY_INELIGIBLE;
			e->reason = S40_SURVEY_R_STUDENT;
		} else {
			e->status = S40_SURVEY_UNINSURED;
		}
		break;
	}
	return S40_OK;
}

/* One round of surveys: every village (หมู่ 1 … N) on a weekday in [lo, hi]. */
static enum s40_err campaign_survey_round(struct s40_reg *reg, const struct demo_plan *p,
					  struct demo_rng *r, int32_t lo, int32_t hi,
					  struct s40_survey_entry *buf,
					  struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	size_t at = 0;
	for (size_t v = 0; v < p->n_villages && rc == S40_OK; v++) {
		const struct demo_village *dv = &p->villages[v];
		while (at < p->n_people && p->people[at].village < dv->code)
			at++;
		size_t first = at;
		if (dv->moo == 0)
			continue;
		int32_t day;
		do
			day = draw_day(r, lo, hi);
		while (s40_day_weekday(day) == 0 || s40_day_weekday(day) == 6);
		size_t n = 0;
		for (size_t i = first; i < p->n_people && p->people[i].village == dv->code &&
				       rc == S40_OK;
		     i++)
			rc = survey_status_of(reg->store, r, p->people[i].id, p->people[i].birth_day,
					      day, &buf[n++], ctx);
		if (rc == S40_OK && n > 0) {
			struct s40_survey_result res;
			rc = s40_survey_add(reg, dv->code, day, buf, n, &res, ctx);
			sum->surveys++;
			sum->surveyed += (long)n;
		}
	}
	return rc;
}

/*
 * The campaign phase, after the register is written: a survey of every village
 * in August–September 2018, the FY2562 target of 2,878 for the province
 * allocated to its districts by the share of surveyed eligible residents in
 * those surveys, and a second round of surveys in September 2019.
 */
enum s40_err demo_campaign_write(struct s40_reg *reg, const struct demo_plan *p,
				 struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_CAMPAIGN);
	struct s40_survey_entry *buf = malloc((p->n_people + 1) * sizeof *buf);
	if (buf == NULL)
		return nomem(ctx);
	enum s40_err rc = campaign_survey_round(reg, p, &r, s40_day_from_ymd(2018, 8, 1),
						s40_day_from_ymd(2018, 9, 28), buf, sum, ctx);
	if (rc == S40_OK)
		rc = s40_target_set(reg, DEMO_TARGET_FY, S40_DEMO_PROVINCE, DEMO_TARGET_N, NULL,
				    ctx);
	if (rc == S40_OK)
		rc = s40_coverage_allocate_target(reg, DEMO_TARGET_FY, S40_DEMO_PROVINCE,
						  s40_day_from_ymd(2018, 9, 30), NULL, ctx);
	if (rc == S40_OK)
		rc = campaign_survey_round(reg, p, &r, s40_day_from_ymd(2019, 9, 2),
					   s40_day_from_ymd(2019, 9, 27), buf, sum, ctx);
	free(buf);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The network and field events (issue 5): the volunteers as network members
 * under a provincial officer, district representatives and subdistrict
 * leaders; a campaign event per subdistrict in FY2562 and the registration
 * event of 8 Nov 2019, with the enrolments made at them linked. */

#define DEMO_NET_FIRST_YMD 2012, 1, 1
#define DEMO_NET_CAMPAIGN_YMD 2017, 10, 1 /* volunteers join by then at the latest */
#define DEMO_NET_END_PCT 4 /* volunteers who leave the network in Oct–Dec 2019 */
#define DEMO_EVENT_PLACE "ศาลาประชาคม (สะพานบุญยินดี)"

/* The district representatives, one per district, by district code order. */
#define DEMO_NET_MAX_DISTRICTS 16

struct net_plan {
	int32_t staff;                 /* person index of the provincial officer */
	int32_t rep[DEMO_NET_MAX_DISTRICTS];
	int32_t rep_district[DEMO_NET_MAX_DISTRICTS];
	size_t n_rep;
	int32_t *leader;               /* per subdistrict (plan.subs), NO_PERSON if none */
	int32_t *first_recruit;        /* per person: first recruit's start day */
	int32_t *last_recruit;         /* per person: last recruit's start day */
};

static int32_t net_rep_of(const struct net_plan *np, int32_t district)
{
	for (size_t k = 0; k < np->n_rep; k++)
		if (np->rep_district[k] == district)
			return np->rep[k];
	return NO_PERSON;
}

/* Add one network member (inside the demo's batch). */
static enum s40_err net_add(struct s40_reg *reg, const struct demo_plan *p, int32_t who, int role,
			    int32_t area, int32_t sup, int32_t from, struct s40_demo_summary *sum,
			    struct s40_ctx *ctx)
{
	struct s40_net_add a = {
		.person = p->people[who].id,
		.role = role,
		.area = area,
		.supervisor = sup == NO_PERSON ? 0 : p->people[sup].id,
		.from_day = from,
	};
	enum s40_err rc = s40_network_add(reg, &a, NULL, ctx);
	if (rc == S40_OK)
		sum->network_members++;
	return rc;
}

/* Link the enrolments of village on day through channel "event" to event_id. */
static enum s40_err net_link(struct s40_reg *reg, const struct demo_plan *p, int32_t village,
			     int32_t day, int64_t event_id, struct s40_demo_summary *sum,
			     struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		const struct demo_person *a = &p->people[i];
		if (a->village != village)
			continue;
		for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
			if (a->spell[k].start_day != day || a->spell[k].channel != CH_EVENT)
				continue;
			struct s40_spell sp;
			int found = 0;
			rc = s40_membership_on(reg->store, a->id, day, &sp, &found, ctx);
			if (rc == S40_OK && (!found || sp.start_day != day))
				rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่พบการสมัครในงาน",
						"an enrolment at an event was not found");
			if (rc == S40_OK)
				rc = s40_event_link_spell(reg->store, sp.spell_id, event_id, ctx);
			if (rc == S40_OK)
				sum->event_enrolments++;
		}
	}
	return rc;
}

/* Record one event with its staff (person indices, NO_PERSON skipped). */
static enum s40_err net_event(struct s40_reg *reg, const struct demo_plan *p, int kind,
			      int32_t village, int32_t day, const char *place, const char *note,
			      const int32_t *staff, size_t n_staff, int64_t *event_id,
			      struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_event e;
	memset(&e, 0, sizeof e);
	e.kind = kind;
	e.village = village;
	e.day = day;
	snprintf(e.place, sizeof e.place, "%s", place ? place : "");
	snprintf(e.note, sizeof e.note, "%s", note ? note : "");
	int64_t ids[8];
	size_t n = 0;
	for (size_t k = 0; k < n_staff && n < N_OF(ids); k++) {
		if (staff[k] == NO_PERSON)
			continue;
		int64_t id = p->people[staff[k]].id;
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			dup |= ids[j] == id;
		if (!dup)
			ids[n++] = id;
	}
	enum s40_err rc = s40_event_add(reg, &e, ids, n, ctx);
	if (rc == S40_OK) {
		*event_id = e.event_id;
		sum->events++;
	}
	return rc;
}

/* The campaign event of one subdistrict in FY2562: the (village, day) with the
 * most enrolments through channel "event" (the earliest on a tie). */
static enum s40_err net_campaign_event(struct s40_reg *reg, const struct demo_plan *p,
				       const struct net_plan *np, size_t s,
				       struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	const struct demo_sub *sub = &p->subs[s];
	int32_t fy_first = s40_fiscal_year_first_day(2562), fy_last = s40_fiscal_year_last_day(2562);
	int32_t best_village = 0, best_day = 0;
	long best_n = 0;
	for (size_t k = 0; k < sub->n_persons; k++) {
		const struct demo_person *a = &p->people[sub->first_person + k];
		for (int j = 0; j < a->n_spells; j++) {
			const struct demo_spell *sp = &a->spell[j];
			if (sp->channel != CH_EVENT || sp->start_day < fy_first ||
			    sp->start_day > fy_last)
				continue;
			long n = 0;
			for (size_t m = 0; m < sub->n_persons; m++) {
				const struct demo_person *b = &p->people[sub->first_person + m];
				for (int q = 0; q < b->n_spells; q++)
					n += b->village == a->village &&
					     b->spell[q].channel == CH_EVENT &&
					     b->spell[q].start_day == sp->start_day;
			}
			if (n > best_n || (n == best_n && (sp->start_day < best_day ||
							   (sp->start_day == best_day &&
							    a->village < best_village)))) {
				best_n = n;
				best_day = sp->start_day;
				best_village = a->village;
			}
		}
	}
	if (best_n == 0)
		return S40_OK;
	int32_t staff[2] = { np->leader[s], net_rep_of(np, s40_area_parent(sub->code)) };
	int64_t event_id = 0;
	enum s40_err rc = net_event(reg, p, S40_EVENT_CAMPAIGN, best_village, best_day, NULL,
				    "รณรงค์ประชาสัมพันธ์โครงการ 1 ตำบล 1 หมู่บ้าน ประกันสังคมถ้วนหน้า",
				    staff, 2, &event_id, sum, ctx);
	return rc ? rc : net_link(reg, p, best_village, best_day, event_id, sum, ctx);
}

/* Plan who is what in the network. */
static enum s40_err net_plan_build(const struct demo_plan *p, struct net_plan *np,
				   struct s40_ctx *ctx)
{
	np->staff = NO_PERSON;
	np->leader = malloc((p->n_subs ? p->n_subs : 1) * sizeof *np->leader);
	np->first_recruit = malloc(p->n_people * sizeof *np->first_recruit);
	np->last_recruit = malloc(p->n_people * sizeof *np->last_recruit);
	if (np->leader == NULL || np->first_recruit == NULL || np->last_recruit == NULL)
		return nomem(ctx);
	for (size_t i = 0; i < p->n_people; i++) {
		np->first_recruit[i] = INT32_MAX;
		np->last_recruit[i] = INT32_MIN;
	}
	for (size_t i = 0; i < p->n_people; i++)
		for (int k = 0; k < p->people[i].n_spells; k++) {
			int32_t v = p->people[i].spell[k].recruiter, d = p->people[i].spell[k].start_day;
			if (v == NO_PERSON)
				continue;
			if (d < np->first_recruit[v])
				np->first_recruit[v] = d;
			if (d > np->last_recruit[v])
				np->last_recruit[v] = d;
		}
	/* The provincial officer: the first civil servant of the register. */
	for (size_t i = 0; i < p->n_people && np->staff == NO_PERSON; i++)
		if (p->people[i].fate == FATE_EXCLUDED &&
		    p->people[i].excl_kind == S40_EXCL_CIVIL_SERVANT)
			np->staff = (int32_t)i;
	if (np->staff == NO_PERSON)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีข้าราชการในข้อมูลสาธิต",
				  "no civil servant in the demo");
	/* A representative per district: its first volunteer; a leader per
	 * subdistrict: its first other volunteer. */
	for (size_t s = 0; s < p->n_subs; s++) {
		const struct demo_sub *sub = &p->subs[s];
		int32_t district = s40_area_parent(sub->code);
		np->leader[s] = NO_PERSON;
		for (size_t k = 0; k < sub->n_vol; k++) {
			int32_t v = p->volunteers[sub->first_vol + k];
			if (net_rep_of(np, district) == NO_PERSON) {
				if (np->n_rep == DEMO_NET_MAX_DISTRICTS)
					return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
				np->rep_district[np->n_rep] = district;
				np->rep[np->n_rep++] = v;
			} else if (np->leader[s] == NO_PERSON) {
				np->leader[s] = v;
			}
		}
	}
	return S40_OK;
}

static void net_plan_free(struct net_plan *np)
{
	free(np->leader);
	free(np->first_recruit);
	free(np->last_recruit);
}

/* The network phase, after the register and the campaign are written. */
enum s40_err demo_network_write(struct s40_reg *reg, const struct demo_plan *p,
				struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct demo_rng r;
	rng_init(&r, p->seed, PHASE_NETWORK);
	struct net_plan np;
	memset(&np, 0, sizeof np);
	enum s40_err rc = net_plan_build(p, &np, ctx);
	const int32_t first = s40_day_from_ymd(DEMO_NET_FIRST_YMD);
	const int32_t campaign = s40_day_from_ymd(DEMO_NET_CAMPAIGN_YMD);
	if (rc == S40_OK)
		rc = net_add(reg, p, np.staff, S40_ROLE_STAFF, S40_DEMO_PROVINCE, NO_PERSON, first,
			     sum, ctx);
	for (size_t k = 0; k < np.n_rep && rc == S40_OK; k++)
		rc = net_add(reg, p, np.rep[k], S40_ROLE_REPRESENTATIVE, np.rep_district[k],
			     np.staff, first, sum, ctx);
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++)
		if (np.leader[s] != NO_PERSON)
			rc = net_add(reg, p, np.leader[s], S40_ROLE_LEADER, p->subs[s].code,
				     net_rep_of(&np, s40_area_parent(p->subs[s].code)), first, sum,
				     ctx);
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++) {
		const struct demo_sub *sub = &p->subs[s];
		int32_t rep = net_rep_of(&np, s40_area_parent(sub->code));
		int32_t sup = np.leader[s] != NO_PERSON ? np.leader[s] : rep;
		for (size_t k = 0; k < sub->n_vol && rc == S40_OK; k++) {
			int32_t v = p->volunteers[sub->first_vol + k];
			if (v == rep || v == np.leader[s])
				continue;
			int32_t from = np.first_recruit[v] < campaign ? np.first_recruit[v] : campaign;
			rc = net_add(reg, p, v, S40_ROLE_VOLUNTEER, sub->code, sup, from, sum, ctx);
			/* A few leave the network after their last recruit, in Oct–Dec 2019. */
			if (rc == S40_OK && rng_pct(&r, DEMO_NET_END_PCT)) {
				int32_t lo = s40_day_from_ymd(2019, 10, 1);
				if (np.last_recruit[v] >= lo)
					lo = np.last_recruit[v] + 1;
				if (lo <= p->last_day &&
				    (rc = s40_network_end(reg, p->people[v].id,
							  draw_day(&r, lo, p->last_day), ctx)) == S40_OK)
					sum->network_ended++;
			}
		}
	}
	for (size_t s = 0; s < p->n_subs && rc == S40_OK; s++)
		rc = net_campaign_event(reg, p, &np, s, sum, ctx);
	/* The registration day the minister's adviser visited (the seed article). */
	if (rc == S40_OK) {
		size_t s = 0;
		while (s < p->n_subs && p->subs[s].code != s40_area_parent(S40_DEMO_EVENT_VILLAGE))
			s++;
		int32_t staff[3] = { np.staff,
				     net_rep_of(&np, s40_area_at_level(S40_DEMO_EVENT_VILLAGE,
								       S40_LEVEL_DISTRICT)),
				     s < p->n_subs ? np.leader[s] : NO_PERSON };
		int64_t event_id = 0;
		rc = net_event(reg, p, S40_EVENT_REGISTRATION, S40_DEMO_EVENT_VILLAGE,
			       p->event_day, DEMO_EVENT_PLACE,
			       "ติดตามผลการดำเนินงานโครงการ 1 ตำบล 1 หมู่บ้าน ประกันสังคมถ้วนหน้า "
			       "และรับสมัครผู้ประกันตนมาตรา 40",
			       staff, 3, &event_id, sum, ctx);
		if (rc == S40_OK)
			rc = net_link(reg, p, S40_DEMO_EVENT_VILLAGE, p->event_day, event_id, sum,
				      ctx);
	}
	net_plan_free(&np);
	return rc;
}
