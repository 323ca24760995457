/*
 * coverage.c — village coverage and fully covered villages for any day, from
 * the surveys and the register.
 *
 * For an area, everything the computation needs is read in five range queries
 * over the area's village codes (its surveys, their residents, and those
 * residents' person rows, spells and exclusions) into sorted arrays; then each
 * village on each day is a walk over the residents of its survey in force.
 * "Since when" walks back from the day over the days on which anything that
 * decides the status can change — survey days, spell starts and ends,
 * exclusion starts and ends, the birthdays on which a resident enters or
 * leaves the age limits, and the days the age rule itself changes — and stops
 * at the first change before which the village was not fully covered.
 */
#include "coverage.h"
#include "coverage_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "registry/target.h"
#include "rules/eligibility.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)

/* ---- the threshold ---- */

enum s40_err s40_coverage_threshold(struct s40_store *st, int32_t *bp, struct s40_ctx *ctx)
{
	*bp = S40_COVERAGE_THRESHOLD_DEFAULT;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_META_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, S40_COVERAGE_THRESHOLD_KEY);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		const char *v = s40_col_text(s, 0);
		char *end = NULL;
		long x = v ? strtol(v, &end, 10) : 0;
		if (v && end != v && *end == '\0' && x >= 1 && x <= 10000)
			*bp = (int32_t)x;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_coverage_set_threshold(struct s40_reg *reg, int32_t bp, struct s40_ctx *ctx)
{
	if (bp < 1 || bp > 10000)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "threshold",
				  "เกณฑ์หมู่บ้านถ้วนหน้าต้องอยู่ระหว่าง 0.01%% ถึง 100%%",
				  "the fully covered threshold is from 0.01%% to 100%%");
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	char detail[64], value[16];
	snprintf(detail, sizeof detail, "{\"threshold\":%d}", (int)bp);
	snprintf(value, sizeof value, "%d", (int)bp);
	int64_t seq;
	rc = s40_reg_journal(reg, "coverage.threshold", "meta:" S40_COVERAGE_THRESHOLD_KEY, detail,
			     &seq, ctx);
	if (rc == S40_OK) {
		struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_META_SET, ctx);
		if (s == NULL)
			rc = STORE_ERR(ctx);
		else {
			s40_stmt_text(s, 1, S40_COVERAGE_THRESHOLD_KEY);
			s40_stmt_text(s, 2, value);
			rc = s40_stmt_exec(s, ctx);
		}
	}
	return s40_reg_end(reg, rc, ctx);
}

/* ---- one person's standing ---- */

/* The standing on day of a person born on birth with nationality thai, whose
 * spells and exclusions are given. */
static int standing_of(int32_t birth, int thai, const struct span *sp, size_t n_sp,
		       const struct s40_exclusion *ex, size_t n_ex, int32_t day, int *kind,
		       unsigned *inelig)
{
	*kind = 0;
	*inelig = 0;
	for (size_t i = 0; i < n_sp; i++)
		if (sp[i].start <= day && (sp[i].end == S40_NO_DAY || day < sp[i].end))
			return S40_STAND_MEMBER;
	for (size_t i = 0; i < n_ex; i++)
		if ((ex[i].start_day == S40_NO_DAY || ex[i].start_day <= day) &&
		    (ex[i].end_day == S40_NO_DAY || day <= ex[i].end_day)) {
			*kind = ex[i].kind;
			return S40_STAND_EXCLUDED;
		}
	struct s40_applicant a = { .birth_day = birth, .thai = thai, .excl = NULL, .n_excl = 0 };
	int age;
	unsigned why = s40_eligibility(&a, day, &age);
	if (why) {
		*inelig = why;
		return S40_STAND_INELIGIBLE;
	}
	return S40_STAND_UNINSURED;
}

enum s40_err s40_coverage_standing(struct s40_store *st, int64_t person, int32_t day, int *standing,
				   int *excl_kind, unsigned *inelig, struct s40_ctx *ctx)
{
	struct s40_person p;
	enum s40_err rc = s40_person_get(st, person, &p, ctx);
	if (rc)
		return rc;
	struct s40_spell *spells = NULL;
	struct s40_excl_rec *xs = NULL;
	size_t n_sp = 0, n_x = 0;
	if ((rc = s40_membership_list(st, person, &spells, &n_sp, ctx)) ||
	    (rc = s40_exclusion_list(st, person, &xs, &n_x, ctx))) {
		free(spells);
		return rc;
	}
	struct span *sp = malloc((n_sp + 1) * sizeof *sp);
	struct s40_exclusion *ex = malloc((n_x + 1) * sizeof *ex);
	if (sp == NULL || ex == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	} else {
		for (size_t i = 0; i < n_sp; i++)
			sp[i] = (struct span){ spells[i].start_day, spells[i].end_day };
		for (size_t i = 0; i < n_x; i++)
			ex[i] = xs[i].e;
		int k;
		unsigned w;
		*standing = standing_of(p.birth_day, p.thai, sp, n_sp, ex, n_x, day, &k, &w);
		if (excl_kind)
			*excl_kind = k;
		if (inelig)
			*inelig = w;
	}
	free(sp);
	free(ex);
	free(spells);
	free(xs);
	return rc;
}

/* ---- an area's data in memory ---- */

void cv_free(struct cv_data *d)
{
	free(d->sv);
	free(d->res);
	free(d->pp);
	free(d->sp);
	free(d->ex);
	memset(d, 0, sizeof *d);
}

/* Grow *v (of elements of size sz) to hold one more; -1 when out of memory. */
int cv_grow(void **v, size_t *cap, size_t len, size_t sz)
{
	if (len < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	void *nv = realloc(*v, nc * sz);
	if (nv == NULL)
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

/* The village-code range [lo, hi] of an area (0: every code). */
static void village_range(int32_t area, int32_t *lo, int32_t *hi)
{
	int32_t scale = 1;
	switch (s40_area_level(area)) {
	case S40_LEVEL_PROVINCE:
		scale = 1000000;
		break;
	case S40_LEVEL_DISTRICT:
		scale = 10000;
		break;
	case S40_LEVEL_SUBDISTRICT:
		scale = 100;
		break;
	case S40_LEVEL_VILLAGE:
		break;
	default:
		*lo = 0;
		*hi = INT32_MAX;
		return;
	}
	*lo = area * scale;
	*hi = *lo + scale - 1;
}

struct cv_person *cv_person_find(const struct cv_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n_pp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->pp[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n_pp && d->pp[lo].id == id ? &d->pp[lo] : NULL;
}

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/* Read everything about the villages lo..hi. */
enum s40_err cv_load(struct s40_store *st, int32_t lo, int32_t hi, struct cv_data *d,
		     struct s40_ctx *ctx)
{
	memset(d, 0, sizeof *d);
	enum s40_err rc = s40_coverage_threshold(st, &d->threshold, ctx);
	if (rc)
		return rc;
	size_t cap;
	int r;
	struct s40_stmt *s;

	s = s40_store_stmt(st, S40_Q_SURVEY_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	cap = 0;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cv_grow((void **)&d->sv, &cap, d->n_sv, sizeof *d->sv)) {
			s40_stmt_reset(s);
			return nomem(ctx);
		}
		struct cv_survey *v = &d->sv[d->n_sv++];
		v->id = s40_col_int64(s, 0);
		v->village = (int32_t)s40_col_int64(s, 1);
		v->day = (int32_t)s40_col_int64(s, 2);
		v->first = v->n = 0;
	}
	if (r != S40_OK)
		return (enum s40_err)r;
	if (d->n_sv == 0)
		return S40_OK;

	s = s40_store_stmt(st, S40_Q_SURVEY_RES_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	cap = 0;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cv_grow((void **)&d->res, &cap, d->n_res, sizeof *d->res)) {
			s40_stmt_reset(s);
			return nomem(ctx);
		}
		struct cv_resident *v = &d->res[d->n_res++];
		v->survey_id = s40_col_int64(s, 0);
		v->person = s40_col_int64(s, 1);
		v->status = (int)s40_col_int64(s, 2);
		v->reason = (int)s40_col_int64_or(s, 3, 0);
	}
	if (r != S40_OK)
		return (enum s40_err)r;
	/* Each survey's residents: a run of res (sorted by survey_id). */
	for (size_t i = 0; i < d->n_sv; i++) {
		size_t a = 0, b = d->n_res;
		while (a < b) {
			size_t mid = a + (b - a) / 2;
			if (d->res[mid].survey_id < d->sv[i].id)
				a = mid + 1;
			else
				b = mid;
		}
		d->sv[i].first = a;
		while (a < d->n_res && d->res[a].survey_id == d->sv[i].id)
			a++;
		d->sv[i].n = a - d->sv[i].first;
	}

	s = s40_store_stmt(st, S40_Q_SURVEY_PERSONS_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	cap = 0;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cv_grow((void **)&d->pp, &cap, d->n_pp, sizeof *d->pp)) {
			s40_stmt_reset(s);
			return nomem(ctx);
		}
		struct cv_person *v = &d->pp[d->n_pp++];
		memset(v, 0, sizeof *v);
		v->id = s40_col_int64(s, 0);
		v->birth = (int32_t)s40_col_int64_or(s, 1, S40_NO_DAY);
		v->thai = (int)s40_col_int64(s, 2);
	}
	if (r != S40_OK)
		return (enum s40_err)r;

	s = s40_store_stmt(st, S40_Q_SURVEY_SPELLS_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	cap = 0;
	struct cv_person *cur = NULL;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cv_grow((void **)&d->sp, &cap, d->n_sp, sizeof *d->sp)) {
			s40_stmt_reset(s);
			return nomem(ctx);
		}
		int64_t id = s40_col_int64(s, 0);
		if (cur == NULL || cur->id != id) {
			cur = cv_person_find(d, id);
			if (cur)
				cur->sp_first = d->n_sp;
		}
		if (cur == NULL)
			continue;
		d->sp[d->n_sp].start = (int32_t)s40_col_int64(s, 1);
		d->sp[d->n_sp].end = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		d->n_sp++;
		cur->sp_n++;
	}
	if (r != S40_OK)
		return (enum s40_err)r;

	s = s40_store_stmt(st, S40_Q_SURVEY_EXCL_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	cap = 0;
	cur = NULL;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (cv_grow((void **)&d->ex, &cap, d->n_ex, sizeof *d->ex)) {
			s40_stmt_reset(s);
			return nomem(ctx);
		}
		int64_t id = s40_col_int64(s, 0);
		if (cur == NULL || cur->id != id) {
			cur = cv_person_find(d, id);
			if (cur)
				cur->ex_first = d->n_ex;
		}
		if (cur == NULL)
			continue;
		d->ex[d->n_ex].kind = (int)s40_col_int64(s, 1);
		d->ex[d->n_ex].start_day = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		d->ex[d->n_ex].end_day = (int32_t)s40_col_int64_or(s, 3, S40_NO_DAY);
		d->n_ex++;
		cur->ex_n++;
	}
	return r == S40_OK ? S40_OK : (enum s40_err)r;
}

/* The index of the first survey of village in d->sv, and how many it has. */
void cv_village_surveys(const struct cv_data *d, int32_t village, size_t *first, size_t *n)
{
	size_t lo = 0, hi = d->n_sv;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sv[mid].village < village)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo < d->n_sv && d->sv[lo].village == village)
		lo++;
	*n = lo - *first;
}

/* The survey of the village (its surveys sv[first .. first+n)) in force on day. */
static const struct cv_survey *cv_in_force(const struct cv_data *d, size_t first, size_t n,
					   int32_t day)
{
	const struct cv_survey *best = NULL;
	for (size_t i = first; i < first + n && d->sv[i].day <= day; i++)
		best = &d->sv[i];
	return best;
}

/* The survey status a standing agrees with. */
static int agrees(int status, int standing, int kind)
{
	switch (status) {
	case S40_SURVEY_MEMBER:
		return standing == S40_STAND_MEMBER;
	case S40_SURVEY_S33:
		return standing == S40_STAND_EXCLUDED && kind == S40_EXCL_S33;
	case S40_SURVEY_S39:
		return standing == S40_STAND_EXCLUDED && kind == S40_EXCL_S39;
	case S40_SURVEY_CIVIL_SERVANT:
		return standing == S40_STAND_EXCLUDED && kind == S40_EXCL_CIVIL_SERVANT;
	case S40_SURVEY_STATE_ENTERPRISE:
		return standing == S40_STAND_EXCLUDED && kind == S40_EXCL_STATE_ENTERPRISE;
	case S40_SURVEY_UNINSURED:
		return standing == S40_STAND_UNINSURED;
	default:
		return standing == S40_STAND_INELIGIBLE;
	}
}

/* One resident on day. */
void cv_resident_on(const struct cv_data *d, const struct cv_resident *r, int32_t day,
		    struct s40_resident_cov *out)
{
	memset(out, 0, sizeof *out);
	out->person = r->person;
	out->survey_status = r->status;
	out->survey_reason = r->reason;
	const struct cv_person *p = cv_person_find(d, r->person);
	if (p == NULL) { /* cannot happen: a foreign key holds it; count it by the survey */
		out->standing = 0;
		out->cls = r->status == S40_SURVEY_UNINSURED || r->status == S40_SURVEY_MEMBER ?
				   S40_COV_UNINSURED :
				   S40_COV_INELIGIBLE;
		return;
	}
	out->standing = standing_of(p->birth, p->thai, d->sp + p->sp_first, p->sp_n,
				    d->ex + p->ex_first, p->ex_n, day, &out->excl_kind,
				    &out->inelig);
	switch (out->standing) {
	case S40_STAND_MEMBER:
		out->cls = S40_COV_MEMBER;
		break;
	case S40_STAND_EXCLUDED:
		out->cls = S40_COV_OTHER_SCHEME;
		break;
	case S40_STAND_INELIGIBLE:
		out->cls = S40_COV_INELIGIBLE;
		break;
	default:
		if (r->status == S40_SURVEY_MEMBER || r->status == S40_SURVEY_UNINSURED)
			out->cls = S40_COV_UNINSURED;
		else if (r->status == S40_SURVEY_INELIGIBLE)
			out->cls = S40_COV_INELIGIBLE;
		else
			out->cls = S40_COV_OTHER_SCHEME;
		break;
	}
	out->disagree = !agrees(r->status, out->standing, out->excl_kind);
}

static int32_t ratio_bp(long num, long den)
{
	return den > 0 ? (int32_t)((num * 10000L) / den) : -1;
}

/* The counts of the village (surveys sv[first .. first+n)) on day, without since. */
static void cv_village_on(const struct cv_data *d, int32_t village, size_t first, size_t n,
			  int32_t day, struct s40_village_cov *c)
{
	memset(c, 0, sizeof *c);
	c->village = village;
	c->survey_day = S40_NO_DAY;
	c->full_since = S40_NO_DAY;
	c->coverage = c->any_scheme = -1;
	const struct cv_survey *sv = cv_in_force(d, first, n, day);
	if (sv == NULL)
		return;
	c->survey_id = sv->id;
	c->survey_day = sv->day;
	for (size_t i = 0; i < sv->n; i++) {
		struct s40_resident_cov rc;
		cv_resident_on(d, &d->res[sv->first + i], day, &rc);
		c->n_surveyed++;
		c->n_disagree += rc.disagree;
		switch (rc.cls) {
		case S40_COV_MEMBER:
			c->n_members++;
			break;
		case S40_COV_UNINSURED:
			c->n_uninsured++;
			break;
		case S40_COV_OTHER_SCHEME:
			c->n_other_scheme++;
			break;
		default:
			c->n_ineligible++;
			break;
		}
	}
	c->n_eligible = c->n_members + c->n_uninsured;
	c->coverage = ratio_bp(c->n_members, c->n_eligible);
	c->any_scheme = ratio_bp(c->n_members + c->n_other_scheme, c->n_surveyed);
	c->full = c->n_eligible > 0 &&
		  (int64_t)c->n_members * 10000 >= (int64_t)d->threshold * c->n_eligible;
}

/* The day someone born on birth completes age years (29 Feb → 1 Mar). */
int32_t cv_birthday(int32_t birth, int age)
{
	int y, m, dd;
	s40_day_to_ymd(birth, &y, &m, &dd);
	if (!s40_ymd_valid(y + age, m, dd))
		return s40_day_from_ymd(y + age, 3, 1);
	return s40_day_from_ymd(y + age, m, dd);
}

int cv_days_add(struct cv_days *x, int32_t day, int32_t lo, int32_t hi)
{
	if (day == S40_NO_DAY || day <= lo || day > hi)
		return 0;
	if (cv_grow((void **)&x->v, &x->cap, x->n, sizeof *x->v))
		return -1;
	x->v[x->n++] = day;
	return 0;
}

int cv_person_days(const struct cv_data *d, const struct cv_person *p, const int *ages,
		   size_t n_ages, struct cv_days *x, int32_t lo, int32_t hi)
{
	int fail = 0;
	for (size_t s = 0; s < p->sp_n; s++) {
		fail |= cv_days_add(x, d->sp[p->sp_first + s].start, lo, hi);
		fail |= cv_days_add(x, d->sp[p->sp_first + s].end, lo, hi);
	}
	for (size_t s = 0; s < p->ex_n; s++) {
		const struct s40_exclusion *e = &d->ex[p->ex_first + s];
		fail |= cv_days_add(x, e->start_day, lo, hi);
		if (e->end_day != S40_NO_DAY)
			fail |= cv_days_add(x, e->end_day + 1, lo, hi);
	}
	if (p->birth != S40_NO_DAY)
		for (size_t a = 0; a < n_ages; a++)
			fail |= cv_days_add(x, cv_birthday(p->birth, ages[a]), lo, hi);
	return fail ? -1 : 0;
}

static int cmp_desc(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x < y) - (x > y);
}

/*
 * The first day of the current run of full coverage of a village fully covered
 * on day. The status can change only on the days collected here; walking them
 * from the latest back, the run began on the first change before which the
 * village was not fully covered.
 */
static enum s40_err cv_since(const struct cv_data *d, int32_t village, size_t first, size_t n,
			     int32_t day, int32_t *since, struct s40_ctx *ctx)
{
	struct cv_days ch = { NULL, 0, 0 };
	int32_t earliest = d->sv[first].day;
	int fail = 0;
	/* The age limits in force from the first survey on, and when they change. */
	int ages[16];
	size_t n_ages = 0;
	for (int32_t at = day; at >= earliest && n_ages + 2 <= 16;) {
		const struct s40_age_rule *rule = s40_age_rule_on(at);
		if (rule == NULL)
			break;
		ages[n_ages++] = rule->min_age;
		ages[n_ages++] = rule->max_age + 1;
		fail |= cv_days_add(&ch, rule->from_day, earliest, day);
		if (rule->from_day == S40_NO_DAY || rule->from_day <= earliest)
			break;
		at = rule->from_day - 1;
	}
	for (size_t i = first; i < first + n && d->sv[i].day <= day && !fail; i++) {
		fail |= cv_days_add(&ch, d->sv[i].day, earliest - 1, day);
		for (size_t k = 0; k < d->sv[i].n && !fail; k++) {
			const struct cv_person *p =
				cv_person_find(d, d->res[d->sv[i].first + k].person);
			if (p)
				fail |= cv_person_days(d, p, ages, n_ages, &ch, earliest, day);
		}
	}
	if (fail) {
		free(ch.v);
		return nomem(ctx);
	}
	if (ch.n > 1)
		qsort(ch.v, ch.n, sizeof *ch.v, cmp_desc);
	*since = earliest;
	int32_t last = S40_NO_DAY;
	for (size_t i = 0; i < ch.n; i++) {
		if (ch.v[i] == last)
			continue;
		last = ch.v[i];
		struct s40_village_cov c;
		cv_village_on(d, village, first, n, ch.v[i] - 1, &c);
		if (!c.full) {
			*since = ch.v[i];
			break;
		}
	}
	free(ch.v);
	return S40_OK;
}

/* The full figures of a village on day, since included. */
static enum s40_err cv_village(const struct cv_data *d, int32_t village, int32_t day,
			       struct s40_village_cov *c, struct s40_ctx *ctx)
{
	size_t first, n;
	cv_village_surveys(d, village, &first, &n);
	cv_village_on(d, village, first, n, day, c);
	if (c->full)
		return cv_since(d, village, first, n, day, &c->full_since, ctx);
	return S40_OK;
}

enum s40_err s40_coverage_village_on(struct s40_store *st, int32_t village, int32_t day,
				     struct s40_village_cov *out, struct s40_ctx *ctx)
{
	if (s40_area_level(village) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %d",
				  "a village code has 8 digits: %d", (int)village);
	struct s40_area_rec a;
	enum s40_err rc = s40_area_get(st, village, &a, ctx);
	if (rc)
		return rc;
	struct cv_data d;
	rc = cv_load(st, village, village, &d, ctx);
	if (rc == S40_OK)
		rc = cv_village(&d, village, day, out, ctx);
	cv_free(&d);
	return rc;
}

static enum s40_err villages_in(struct s40_store *st, int32_t area, int32_t day, int only_full,
				struct s40_village_cov **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_area_rec self;
	enum s40_err rc;
	if (area && (rc = s40_area_get(st, area, &self, ctx)))
		return rc;
	struct s40_area_rec *areas = NULL;
	size_t n_areas = 0;
	if ((rc = s40_area_descendants(st, area, S40_LEVEL_VILLAGE, &areas, &n_areas, ctx)))
		return rc;
	int32_t lo, hi;
	village_range(area, &lo, &hi);
	struct cv_data d;
	rc = cv_load(st, lo, hi, &d, ctx);
	struct s40_village_cov *v = NULL;
	size_t len = 0;
	if (rc == S40_OK && n_areas > 0 && (v = malloc(n_areas * sizeof *v)) == NULL)
		rc = nomem(ctx);
	for (size_t i = 0; i < n_areas && rc == S40_OK; i++) {
		size_t first, k;
		cv_village_surveys(&d, areas[i].code, &first, &k);
		if (s40_area_no_village(areas[i].code) && k == 0)
			continue;
		struct s40_village_cov c;
		rc = cv_village(&d, areas[i].code, day, &c, ctx);
		if (rc == S40_OK && (!only_full || c.full))
			v[len++] = c;
	}
	cv_free(&d);
	free(areas);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_coverage_villages(struct s40_store *st, int32_t area, int32_t day,
				   struct s40_village_cov **out, size_t *n, struct s40_ctx *ctx)
{
	return villages_in(st, area, day, 0, out, n, ctx);
}

enum s40_err s40_coverage_fully_covered_list(struct s40_store *st, int32_t area, int32_t day,
					     struct s40_village_cov **out, size_t *n,
					     struct s40_ctx *ctx)
{
	return villages_in(st, area, day, 1, out, n, ctx);
}

enum s40_err s40_coverage_residents(struct s40_store *st, int32_t village, int32_t day,
				    struct s40_resident_cov **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	if (s40_area_level(village) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "village", "รหัสหมู่บ้านต้องมี 8 หลัก: %d",
				  "a village code has 8 digits: %d", (int)village);
	struct s40_area_rec a;
	enum s40_err rc = s40_area_get(st, village, &a, ctx);
	if (rc)
		return rc;
	struct cv_data d;
	rc = cv_load(st, village, village, &d, ctx);
	const struct cv_survey *sv = NULL;
	if (rc == S40_OK) {
		size_t first, k;
		cv_village_surveys(&d, village, &first, &k);
		sv = cv_in_force(&d, first, k, day);
	}
	if (rc == S40_OK && sv && sv->n > 0) {
		struct s40_resident_cov *v = malloc(sv->n * sizeof *v);
		if (v == NULL)
			rc = nomem(ctx);
		else {
			for (size_t i = 0; i < sv->n; i++)
				cv_resident_on(&d, &d.res[sv->first + i], day, &v[i]);
			*out = v;
			*n = sv->n;
		}
	}
	cv_free(&d);
	return rc;
}

enum s40_err s40_coverage_tambons(struct s40_store *st, int32_t area, int32_t day,
				  struct s40_tambon_cov **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	if (area && s40_area_level(area) == S40_LEVEL_VILLAGE)
		return s40_errorf(
			ctx, S40_E_BAD_AREA, "area", "รายงานตำบลต้องใช้รหัสจังหวัด อำเภอ หรือตำบล: %d",
			"the subdistrict report takes a province, district or subdistrict: %d",
			(int)area);
	struct s40_area_rec *subs = NULL;
	size_t n_subs = 0;
	struct s40_village_cov *vil = NULL;
	size_t n_vil = 0;
	enum s40_err rc = s40_coverage_villages(st, area, day, &vil, &n_vil, ctx);
	if (rc == S40_OK)
		rc = s40_area_descendants(st, area, S40_LEVEL_SUBDISTRICT, &subs, &n_subs, ctx);
	struct s40_tambon_cov *v = NULL;
	if (rc == S40_OK && n_subs > 0 && (v = calloc(n_subs, sizeof *v)) == NULL)
		rc = nomem(ctx);
	size_t j = 0;
	for (size_t i = 0; i < n_subs && rc == S40_OK; i++) {
		v[i].subdistrict = subs[i].code;
		while (j < n_vil && s40_area_parent(vil[j].village) < subs[i].code)
			j++;
		for (; j < n_vil && s40_area_parent(vil[j].village) == subs[i].code; j++) {
			if (!s40_area_no_village(vil[j].village))
				v[i].n_villages++;
			v[i].n_surveyed += vil[j].survey_id != 0;
			v[i].n_full += vil[j].full;
		}
		v[i].achieved = v[i].n_full > 0;
	}
	free(subs);
	free(vil);
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = n_subs;
	return S40_OK;
}

enum s40_err s40_coverage_allocate_target(struct s40_reg *reg, int fy, int32_t area, int32_t day,
					  long *cleared, struct s40_ctx *ctx)
{
	enum s40_level level = s40_area_level(area);
	if (level == S40_LEVEL_NONE || level == S40_LEVEL_VILLAGE)
		return s40_errorf(
			ctx, S40_E_BAD_AREA, "area", "จัดสรรเป้าหมายได้จากจังหวัด อำเภอ หรือตำบล: %d",
			"a target is allocated from a province, district or subdistrict: %d",
			(int)area);
	struct s40_area_rec *kids = NULL;
	size_t n_kids = 0;
	struct s40_village_cov *vil = NULL;
	size_t n_vil = 0;
	enum s40_err rc = s40_area_children(reg->store, area, &kids, &n_kids, ctx);
	if (rc == S40_OK)
		rc = s40_coverage_villages(reg->store, area, day, &vil, &n_vil, ctx);
	struct s40_alloc *w = NULL;
	if (rc == S40_OK && (w = calloc(n_kids + 1, sizeof *w)) == NULL)
		rc = nomem(ctx);
	for (size_t k = 0; k < n_kids && rc == S40_OK; k++) {
		w[k].area = kids[k].code;
		for (size_t i = 0; i < n_vil; i++)
			if (s40_area_contains(kids[k].code, vil[i].village))
				w[k].n += vil[i].n_eligible;
	}
	if (rc == S40_OK)
		rc = s40_target_allocate_weighted(reg, fy, area, w, n_kids, cleared, ctx);
	free(w);
	free(vil);
	free(kids);
	return rc;
}
