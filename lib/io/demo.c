/*
 * demo.c — the synthetic Samut Songkhram: people, memberships and exclusions
 * for province 75, made deterministically from a seed and written through the
 * registry operations, with exactly 17,093 members active on 31 Oct 2019.
 *
 * The demo is planned in memory first, then written. The plan decides each
 * person's fate before any date is drawn: a fixed number of persons are members
 * on 31 Oct 2019 (the count day), the others ended before it, joined after it,
 * or never joined. So the figure is exact by construction; the as-of index
 * checks it again before the commit. Each phase draws from its own random
 * stream (xoshiro256** seeded through splitmix64 from the seed and the phase),
 * so that a later phase (payments, surveys, the network) can be added without
 * changing what the earlier ones make.
 *
 * Every date but those of the payments from 2020 on lies between 2012-01-01
 * and 2019-12-31, so the register does not depend on the day it is built, and
 * every enrolment falls under the age rule of 15–60 full years (the 65 limit
 * came in on 24 Jun 2020). The members who still pay at the end of 2019 go on
 * paying up to the month before the day the demo is built (reg->today), so
 * that the follow-up lists on that day hold those who stopped, not everyone.
 *
 * This file builds the demo (s40_demo_build) and writes the register: the
 * persons, their enrolments, option changes, ends and exclusions. The plan is
 * made in demo_plan.c and demo_people.c, the later phases are written by
 * demo_campaign.c and demo_payments.c; demo_int.h is what they share.
 */
#include "demo.h"

#include "demo_int.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/membership.h"
#include "stats/asof.h"

/* The registry's channel of each enum demo_channel. */
static const char *const channel_key[] = { "office", "event", "volunteer", "counter" };

/* ------------------------------------------------------------------------ */
/* Writing the register. */

static const char *excl_source(int kind)
{
	switch (kind) {
	case S40_EXCL_S33:
		return "demo: SSO Section 33 register";
	case S40_EXCL_S39:
		return "demo: SSO Section 39 register";
	case S40_EXCL_CIVIL_SERVANT:
		return "demo: civil service register";
	default:
		return "demo: state enterprise register";
	}
}

static enum s40_err write_exclusion(struct s40_reg *reg, int64_t person, int kind, int32_t start,
				    int32_t end, int *ended, struct s40_demo_summary *sum,
				    struct s40_ctx *ctx)
{
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	x.person = person;
	x.e.kind = kind;
	x.e.start_day = start;
	x.e.end_day = end;
	snprintf(x.source, sizeof x.source, "%s", excl_source(kind));
	int changed = 0;
	enum s40_err rc = s40_exclusion_add(reg, &x, &changed, ended, ctx);
	if (rc == S40_OK && !changed)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "บันทึกการยกเว้นซ้ำ",
				  "an exclusion was there already");
	if (rc == S40_OK)
		sum->exclusions++;
	return rc;
}

/* Write one person's spells, option changes and exclusions, in date order. */
static enum s40_err write_memberships(struct s40_reg *reg, const struct demo_plan *p,
				      const struct demo_person *a, struct s40_demo_summary *sum,
				      struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (int k = 0; k < a->n_spells && rc == S40_OK; k++) {
		const struct demo_spell *sp = &a->spell[k];
		struct s40_enrol e = {
			.person = a->id,
			.option = sp->option,
			.day = sp->start_day,
			.recruited_by = sp->recruiter == NO_PERSON ? 0 :
								     p->people[sp->recruiter].id,
			.channel = channel_key[sp->channel],
			.idempotent = 0,
		};
		int64_t spell_id = 0;
		int changed = 0;
		rc = s40_membership_enrol(reg, &e, &spell_id, &changed, ctx);
		if (rc)
			break;
		if (!changed)
			return s40_errorf(ctx, S40_E_INTERNAL, NULL, "การสมัครไม่ได้บันทึก",
					  "an enrolment wrote nothing");
		sum->spells++;
		if (sp->change_day != S40_NO_DAY) {
			rc = s40_membership_change_option(reg, a->id, sp->change_option,
							  sp->change_day, NULL, ctx);
			if (rc)
				break;
			sum->option_changes++;
		}
		if (sp->end_day == S40_NO_DAY)
			continue;
		if (sp->excl_kind) {
			int ended = 0;
			rc = write_exclusion(reg, a->id, sp->excl_kind, sp->end_day, sp->excl_end,
					     &ended, sum, ctx);
			if (rc == S40_OK && !ended)
				rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
						"การยกเว้นไม่ได้สิ้นสุดสมาชิกภาพ",
						"an exclusion did not end the membership");
		} else {
			rc = s40_membership_end(reg, a->id, sp->end_day, sp->end_reason, ctx);
		}
		if (rc == S40_OK)
			sum->ended++;
	}
	if (rc == S40_OK && a->fate == FATE_EXCLUDED)
		rc = write_exclusion(reg, a->id, a->excl_kind, a->excl_start, S40_NO_DAY, NULL, sum,
				     ctx);
	if (rc == S40_OK && a->n_spells == 2)
		sum->reenrolled++;
	return rc;
}

/* The number of persons in the store, and the last journal entry. */
static enum s40_err read_counts(struct s40_store *st, int64_t *n_persons, int64_t *last_seq,
				struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PERSON_COUNT, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return rc == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL) :
				      (enum s40_err)rc;
	*n_persons = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	rc = s40_stmt_step(s, ctx);
	*last_seq = 0;
	if (rc == S40_ROW)
		*last_seq = s40_col_int64(s, 0);
	else if (rc != S40_OK)
		return (enum s40_err)rc;
	s40_stmt_reset(s);
	return S40_OK;
}

/* Count the members on the count day through the as-of index. */
static enum s40_err check_count(struct s40_reg *reg, const struct demo_plan *p,
				struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	struct s40_asof *ix = NULL;
	enum s40_err rc = s40_asof_build(reg->store, &ix, ctx);
	if (rc)
		return rc;
	int64_t n = s40_asof_count(ix, S40_DEMO_PROVINCE, p->count_day);
	s40_asof_free(ix);
	sum->members_on_day = (long)n;
	if (n != S40_DEMO_MEMBERS_2019_10_31)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL,
				  "ข้อมูลสาธิตมีสมาชิก %lld คน ณ 31 ตุลาคม 2562 แทนที่จะเป็น %d คน",
				  "the demo has %lld members on 2019-10-31 instead of %d",
				  (long long)n, S40_DEMO_MEMBERS_2019_10_31);
	return S40_OK;
}

/* Write the plan inside the caller's transaction and batch. */
static enum s40_err plan_write(struct s40_reg *reg, const struct demo_plan *p,
			       struct s40_demo_summary *sum, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++) {
		struct s40_person person;
		demo_person_fill(&p->people[i], &person);
		int changed = 0;
		rc = s40_person_add(reg, &person, &changed, ctx);
		if (rc == S40_OK && !changed)
			rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "เพิ่มบุคคลไม่สำเร็จ",
					"a person was not added");
		sum->persons += rc == S40_OK;
	}
	for (size_t i = 0; i < p->n_people && rc == S40_OK; i++)
		rc = write_memberships(reg, p, &p->people[i], sum, ctx);
	sum->volunteers = p->n_recruiters;
	return rc;
}

enum s40_err s40_demo_build(struct s40_reg *reg, uint64_t seed, struct s40_demo_summary *sum,
			    struct s40_ctx *ctx)
{
	struct s40_demo_summary local;
	if (sum == NULL)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	struct demo_plan plan;
	memset(&plan, 0, sizeof plan);
	plan.seed = seed;
	plan.first_day = s40_day_from_ymd(2012, 1, 1);
	plan.count_day = s40_day_from_ymd(2019, 10, 31);
	plan.last_day = s40_day_from_ymd(S40_DEMO_LAST_YMD);
	plan.event_day = s40_day_from_ymd(S40_DEMO_EVENT_YMD);
	char d1[64];
	if (reg->today < s40_day_from_ymd(S40_DEMO_MIN_TODAY_YMD))
		return s40_errorf(ctx, S40_E_USAGE, "today",
				  "ข้อมูลสาธิตต้องสร้างในวันที่ 1 มกราคม 2563 หรือหลังจากนั้น (วันนี้ %s)",
				  "the demo is built on 2020-01-01 or later (today is %s)",
				  s40_date_iso(reg->today, d1, sizeof d1));
	if (reg->batch_seq != 0)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "สร้างข้อมูลสาธิตภายในชุดงานอื่นไม่ได้",
				  "the demo cannot be built inside another batch");

	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	int64_t n_persons = 0, last_seq = 0;
	rc = read_counts(reg->store, &n_persons, &last_seq, ctx);
	if (rc == S40_OK && n_persons > 0)
		rc = s40_errorf(ctx, S40_E_EXISTS, NULL,
				"ฐานข้อมูลมีบุคคลอยู่แล้ว %lld คน: ข้อมูลสาธิตต้องสร้างในทะเบียนว่าง",
				"the database holds %lld persons already: the demo needs an empty "
				"register",
				(long long)n_persons);
	if (rc == S40_OK)
		rc = demo_plan_build(&plan, reg->store, ctx);
	if (rc == S40_OK) {
		reg->batch_seq = last_seq + 1;
		s40_store_bulk(reg->store, true);
		/* The names' index is built from the persons in one statement at the end,
		 * as the persons import does: kept row by row, each person costs an
		 * update of it, and every later write in the transaction a savepoint of
		 * it (a third of the demo's time on SQLite). Nothing in the demo searches
		 * by name. */
		rc = s40_store_name_index(reg->store, S40_NAME_INDEX_DEFER, ctx);
		if (rc == S40_OK) {
			rc = plan_write(reg, &plan, sum, ctx);
			if (rc == S40_OK)
				rc = demo_campaign_write(reg, &plan, sum, ctx);
			if (rc == S40_OK)
				rc = demo_network_write(reg, &plan, sum, ctx);
			if (rc == S40_OK)
				rc = demo_payments_write(reg, &plan, sum, ctx);
			rc = s40_store_name_index_end(reg->store, rc, ctx);
		}
		reg->batch_seq = 0;
	}
	if (rc == S40_OK)
		rc = check_count(reg, &plan, sum, ctx);
	if (rc == S40_OK) {
		char detail[512];
		snprintf(detail, sizeof detail,
			 "{\"seed\":\"%llu\",\"province\":%d,\"persons\":%ld,\"spells\":%ld,"
			 "\"ended\":%ld,\"exclusions\":%ld,\"option_changes\":%ld,"
			 "\"reenrolled\":%ld,\"volunteers\":%ld,\"members_2019_10_31\":%ld}",
			 (unsigned long long)seed, S40_DEMO_PROVINCE, sum->persons, sum->spells,
			 sum->ended, sum->exclusions, sum->option_changes, sum->reenrolled,
			 sum->volunteers, sum->members_on_day);
		char entity[32];
		snprintf(entity, sizeof entity, "area:%d", S40_DEMO_PROVINCE);
		int64_t seq = 0;
		rc = s40_journal_append(reg, "demo.build", entity, detail, &seq, ctx);
		if (rc == S40_OK && seq != last_seq + 1)
			rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
					"รายการ journal ของข้อมูลสาธิตได้ลำดับ %lld แทน %lld",
					"the demo's journal entry got seq %lld instead of %lld",
					(long long)seq, (long long)(last_seq + 1));
		sum->journal_seq = seq;
	}
	demo_plan_free(&plan);
	rc = s40_reg_end(reg, rc, ctx);
	s40_store_bulk(reg->store, false);
	if (rc != S40_OK) {
		struct s40_demo_summary zero;
		memset(&zero, 0, sizeof zero);
		*sum = zero;
	}
	return rc;
}
