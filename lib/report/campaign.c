/*
 * campaign.c — the campaign's reports as tables: villages, tambons, prospects,
 * attainment and trend, from lib/stats (coverage, attainment) and the area tree.
 */
#include "campaign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "registry/target.h"
#include "stats/coverage.h"

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/* Replace t's titles. */
static enum s40_err set_title(struct s40_table *t, const char *th, const char *en)
{
	char *a = strdup(th), *b = strdup(en);
	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		return S40_E_NOMEM;
	}
	free(t->title_th);
	free(t->title_en);
	t->title_th = a;
	t->title_en = b;
	return S40_OK;
}

/* Titles and "<area> ณ วันที่ <day>" as the subtitle (area 0: the country). */
static enum s40_err heading(struct s40_store *st, struct s40_table *t, const char *title_th,
			    const char *title_en, const char *extra_th, const char *extra_en,
			    int32_t area, int32_t day, struct s40_ctx *ctx)
{
	char place_th[512] = "ทั้งประเทศ", place_en[512] = "the whole country";
	enum s40_err rc;
	if (area &&
	    ((rc = s40_area_full_name(st, area, S40_LANG_TH, place_th, sizeof place_th, ctx)) ||
	     (rc = s40_area_full_name(st, area, S40_LANG_EN, place_en, sizeof place_en, ctx))))
		return rc;
	char d_th[64], d_en[64], sub_th[800], sub_en[800];
	snprintf(sub_th, sizeof sub_th, "%s ณ วันที่ %s%s%s", place_th,
		 s40_date_th_long(day, d_th, sizeof d_th), extra_th ? " " : "",
		 extra_th ? extra_th : "");
	snprintf(sub_en, sizeof sub_en, "%s on %s%s%s", place_en,
		 s40_date_en_long(day, d_en, sizeof d_en), extra_en ? ", " : "",
		 extra_en ? extra_en : "");
	if (set_title(t, title_th, title_en) || s40_table_subtitle(t, sub_th, sub_en))
		return nomem(ctx);
	return S40_OK;
}

struct col {
	const char *key, *th, *en;
	enum s40_coltype type;
};

static enum s40_err add_cols(struct s40_table *t, const struct col *c, size_t n,
			     struct s40_ctx *ctx)
{
	for (size_t i = 0; i < n; i++) {
		enum s40_err rc = s40_table_add_col(t, c[i].key, c[i].th, c[i].en, c[i].type);
		if (rc)
			return s40_errorf(ctx, rc, NULL, NULL, NULL);
	}
	return S40_OK;
}

/* Set an INT/PERCENT cell, leaving it NULL when v is negative. */
static void set_nonneg(struct s40_table *t, size_t col, int64_t v)
{
	if (v >= 0)
		s40_table_set_int(t, col, v);
}

/* The name of an area, or "" when it is not in the tree. */
static void area_name(struct s40_store *st, int32_t code, char *th, size_t n)
{
	struct s40_area_rec a;
	struct s40_ctx c;
	s40_ctx_clear(&c);
	th[0] = '\0';
	if (s40_area_get(st, code, &a, &c) == S40_OK)
		snprintf(th, n, "%s", a.name_th);
}

enum s40_err s40_report_villages(struct s40_store *st, int32_t area, int32_t day,
				 struct s40_table *t, struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "code", "รหัส", "code", S40_COL_CODE },
		{ "village", "หมู่บ้าน", "village", S40_COL_TEXT },
		{ "subdistrict", "ตำบล", "subdistrict", S40_COL_TEXT },
		{ "survey_date", "วันที่สำรวจ", "survey date", S40_COL_DATE },
		{ "surveyed", "ผู้อยู่อาศัยวัยทำงานที่สำรวจ", "surveyed", S40_COL_INT },
		{ "eligible", "ผู้มีสิทธิ ม.40", "eligible", S40_COL_INT },
		{ "members", "ผู้ประกันตน ม.40", "members", S40_COL_INT },
		{ "uninsured", "ยังไม่มีหลักประกัน", "uninsured eligible", S40_COL_INT },
		{ "other_scheme", "มีสิทธิอื่น (ม.33/39/ข้าราชการ/รัฐวิสาหกิจ)", "other scheme",
		  S40_COL_INT },
		{ "coverage", "ความครอบคลุม ม.40", "coverage", S40_COL_PERCENT },
		{ "any_scheme", "มีหลักประกันใดก็ได้", "covered by any scheme", S40_COL_PERCENT },
		{ "fully_covered", "หมู่บ้านถ้วนหน้า", "fully covered", S40_COL_BOOL },
		{ "since", "ถ้วนหน้าตั้งแต่", "since", S40_COL_DATE },
		{ "differs", "ผลสำรวจต่างจากทะเบียน", "survey differs from register", S40_COL_INT },
	};
	struct s40_village_cov *v = NULL;
	size_t n = 0;
	int32_t bp = 0;
	enum s40_err rc;
	if ((rc = s40_coverage_threshold(st, &bp, ctx)) ||
	    (rc = s40_coverage_villages(st, area, day, &v, &n, ctx)))
		return rc;
	char thr_th[96], thr_en[96];
	snprintf(thr_th, sizeof thr_th, "(เกณฑ์ถ้วนหน้า %d.%02d%%)", (int)(bp / 100), (int)(bp % 100));
	snprintf(thr_en, sizeof thr_en, "(fully covered at %d.%02d%%)", (int)(bp / 100),
		 (int)(bp % 100));
	if ((rc = heading(st, t, "ความครอบคลุมรายหมู่บ้าน", "Coverage by village", thr_th, thr_en, area,
			  day, ctx)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx))) {
		free(v);
		return rc;
	}
	long tot[7] = { 0 }, n_full = 0;
	int32_t sub_code = 0;
	char sub_name[160] = "";
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		char name[160];
		area_name(st, v[i].village, name, sizeof name);
		if (s40_area_parent(v[i].village) != sub_code) {
			sub_code = s40_area_parent(v[i].village);
			area_name(st, sub_code, sub_name, sizeof sub_name);
		}
		if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, name)) ||
		    (rc = s40_table_set_text(t, 2, sub_name)))
			break;
		s40_table_set_int(t, 0, v[i].village);
		if (v[i].survey_id == 0)
			continue; /* not surveyed: the rest stays empty */
		s40_table_set_int(t, 3, v[i].survey_day);
		long f[7] = { v[i].n_surveyed,
			      v[i].n_eligible,
			      v[i].n_members,
			      v[i].n_uninsured,
			      v[i].n_other_scheme,
			      v[i].n_disagree,
			      0 };
		for (int k = 0; k < 5; k++) {
			s40_table_set_int(t, 4 + (size_t)k, f[k]);
			tot[k] += f[k];
		}
		tot[5] += f[5];
		set_nonneg(t, 9, v[i].coverage);
		set_nonneg(t, 10, v[i].any_scheme);
		s40_table_set_int(t, 11, v[i].full);
		if (v[i].full)
			s40_table_set_int(t, 12, v[i].full_since);
		s40_table_set_int(t, 13, v[i].n_disagree);
		n_full += v[i].full;
	}
	free(v);
	if (rc)
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	char tot_th[160];
	snprintf(tot_th, sizeof tot_th, "รวม (ถ้วนหน้า %ld หมู่บ้าน)", n_full);
	if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, tot_th)))
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	if (area)
		s40_table_set_int(t, 0, area);
	for (int k = 0; k < 5; k++)
		s40_table_set_int(t, 4 + (size_t)k, tot[k]);
	set_nonneg(t, 9, tot[1] ? tot[2] * 10000 / tot[1] : -1);
	set_nonneg(t, 10, tot[0] ? (tot[2] + tot[4]) * 10000 / tot[0] : -1);
	s40_table_set_int(t, 13, tot[5]);
	return S40_OK;
}

enum s40_err s40_report_tambons(struct s40_store *st, int32_t area, int32_t day,
				struct s40_table *t, struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "code", "รหัส", "code", S40_COL_CODE },
		{ "subdistrict", "ตำบล", "subdistrict", S40_COL_TEXT },
		{ "district", "อำเภอ", "district", S40_COL_TEXT },
		{ "villages", "หมู่บ้าน", "villages", S40_COL_INT },
		{ "surveyed", "สำรวจแล้ว", "surveyed", S40_COL_INT },
		{ "fully_covered", "หมู่บ้านถ้วนหน้า", "fully covered villages", S40_COL_INT },
		{ "achieved", "หนึ่งตำบล หนึ่งหมู่บ้าน", "one tambon one village", S40_COL_BOOL },
		{ "which", "หมู่บ้านที่ถ้วนหน้า", "which villages", S40_COL_TEXT },
	};
	struct s40_tambon_cov *v = NULL;
	size_t n = 0;
	struct s40_village_cov *full = NULL;
	size_t n_full = 0;
	enum s40_err rc;
	if ((rc = s40_coverage_tambons(st, area, day, &v, &n, ctx)))
		return rc;
	if ((rc = s40_coverage_fully_covered_list(st, area, day, &full, &n_full, ctx))) {
		free(v);
		return rc;
	}
	long n_ach = 0;
	for (size_t i = 0; i < n; i++)
		n_ach += v[i].achieved;
	char ex_th[160], ex_en[160];
	snprintf(ex_th, sizeof ex_th, "(ตำบลที่มีหมู่บ้านถ้วนหน้า %ld จาก %zu ตำบล)", n_ach, n);
	snprintf(ex_en, sizeof ex_en, "(%ld of %zu subdistricts with a fully covered village)",
		 n_ach, n);
	if ((rc = heading(st, t, "หนึ่งตำบล หนึ่งหมู่บ้าน ประกันสังคมถ้วนหน้า", "One Tambon, One Village",
			  ex_th, ex_en, area, day, ctx)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx)))
		goto out;
	long tot[3] = { 0 };
	size_t j = 0;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		char name[160], dist[160], which[1024] = "";
		area_name(st, v[i].subdistrict, name, sizeof name);
		area_name(st, s40_area_parent(v[i].subdistrict), dist, sizeof dist);
		while (j < n_full && s40_area_parent(full[j].village) < v[i].subdistrict)
			j++;
		for (; j < n_full && s40_area_parent(full[j].village) == v[i].subdistrict; j++) {
			char vn[160];
			area_name(st, full[j].village, vn, sizeof vn);
			size_t len = strlen(which);
			snprintf(which + len, sizeof which - len, "%s%s", len ? ", " : "", vn);
		}
		if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, name)) ||
		    (rc = s40_table_set_text(t, 2, dist)) ||
		    (which[0] && (rc = s40_table_set_text(t, 7, which))))
			break;
		s40_table_set_int(t, 0, v[i].subdistrict);
		s40_table_set_int(t, 3, v[i].n_villages);
		s40_table_set_int(t, 4, v[i].n_surveyed);
		s40_table_set_int(t, 5, v[i].n_full);
		s40_table_set_int(t, 6, v[i].achieved);
		tot[0] += v[i].n_villages;
		tot[1] += v[i].n_surveyed;
		tot[2] += v[i].n_full;
	}
	if (rc == S40_OK) {
		char tot_th[160];
		snprintf(tot_th, sizeof tot_th, "รวม (%ld ตำบลมีหมู่บ้านถ้วนหน้า)", n_ach);
		if ((rc = s40_table_add_row(t)) == S40_OK &&
		    (rc = s40_table_set_text(t, 1, tot_th)) == S40_OK) {
			if (area)
				s40_table_set_int(t, 0, area);
			for (int k = 0; k < 3; k++)
				s40_table_set_int(t, 3 + (size_t)k, tot[k]);
		}
	}
	if (rc && ctx->code == S40_OK)
		s40_errorf(ctx, rc, NULL, NULL, NULL);
out:
	free(v);
	free(full);
	return rc;
}

struct prospect {
	struct s40_person p;
	int status;
	int disagree;
};

/* Door-to-door order: the house number's leading digits as a number, then the
 * rest of the address, then the ID. */
static int cmp_prospect(const void *a, const void *b)
{
	const struct prospect *x = a, *y = b;
	long hx = strtol(x->p.address, NULL, 10), hy = strtol(y->p.address, NULL, 10);
	if (hx != hy)
		return hx < hy ? -1 : 1;
	int c = strcmp(x->p.address, y->p.address);
	if (c)
		return c;
	return (x->p.id > y->p.id) - (x->p.id < y->p.id);
}

enum s40_err s40_report_prospects(struct s40_store *st, int32_t village, int32_t day,
				  int32_t scope, struct s40_table *t, struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID },
		{ "name", "ชื่อ-นามสกุล", "name", S40_COL_TEXT },
		{ "age", "อายุ", "age", S40_COL_INT },
		{ "phone", "โทรศัพท์", "phone", S40_COL_TEXT },
		{ "address", "ที่อยู่", "address", S40_COL_TEXT },
		{ "survey_status", "ผลสำรวจ", "survey", S40_COL_TEXT },
		{ "note", "หมายเหตุ", "note", S40_COL_TEXT },
		/* The name's parts, which a list sorted by name orders on (the title
		 * leads "name"): for programs and spreadsheets. */
		{ "first_name", "ชื่อ", "first name", S40_COL_TEXT },
		{ "last_name", "นามสกุล", "last name", S40_COL_TEXT },
	};
	struct s40_resident_cov *r = NULL;
	size_t n = 0;
	struct s40_survey sv;
	int found = 0;
	enum s40_err rc;
	if ((rc = s40_coverage_residents(st, village, day, &r, &n, ctx)) ||
	    (rc = s40_survey_in_force(st, village, day, &sv, &found, ctx))) {
		free(r);
		return rc;
	}
	char d[64];
	if (!found) {
		free(r);
		return s40_errorf(ctx, S40_E_NO_SURVEY, "village", "หมู่บ้าน %d ยังไม่มีผลสำรวจ ณ วันที่ %s",
				  "village %d has no survey in force on %s", (int)village,
				  s40_date_th_long(day, d, sizeof d));
	}
	struct prospect *p = calloc(n + 1, sizeof *p);
	size_t m = 0;
	if (p == NULL)
		rc = nomem(ctx);
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if (r[i].cls != S40_COV_UNINSURED)
			continue;
		rc = s40_person_get(st, r[i].person, &p[m].p, ctx);
		if (rc == S40_OK && scope != 0 && !s40_area_contains(scope, p[m].p.village))
			continue; /* registered where the reader may not look */
		p[m].status = r[i].survey_status;
		p[m].disagree = r[i].disagree;
		m++;
	}
	free(r);
	char ex_th[256], ex_en[128];
	snprintf(ex_th, sizeof ex_th, "ผู้มีสิทธิที่ยังไม่เป็นผู้ประกันตน %zu คน (สำรวจ %s)", m,
		 s40_date_th_long(sv.day, d, sizeof d));
	snprintf(ex_en, sizeof ex_en, "%zu uninsured eligible (surveyed %s)", m,
		 s40_date_iso(sv.day, d, sizeof d));
	if (rc == S40_OK)
		rc = heading(st, t, "รายชื่อเป้าหมายเยี่ยมบ้าน", "Door-to-door list", ex_th, ex_en,
			     village, day, ctx);
	if (rc == S40_OK)
		rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx);
	/* the survey's word as its key in CSV and JSON, its name in the table */
	if (rc == S40_OK && ((rc = s40_table_col_words(t, 5, s40_survey_status_key,
						       s40_survey_status_name, 1, 7)) ||
			     (rc = s40_table_col_machine(t, 7)) ||
			     (rc = s40_table_col_machine(t, 8))))
		s40_errorf(ctx, rc, NULL, NULL, NULL);
	if (rc == S40_OK && m > 1)
		qsort(p, m, sizeof *p, cmp_prospect);
	t->mask_ids = 1;
	for (size_t i = 0; i < m && rc == S40_OK; i++) {
		char name[640];
		snprintf(name, sizeof name, "%s%s %s", p[i].p.title, p[i].p.first_th,
			 p[i].p.last_th);
		const char *note = p[i].disagree ? "ผลสำรวจระบุว่าเป็นผู้ประกันตน แต่ทะเบียนไม่พบ" : NULL;
		if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, name)) ||
		    (p[i].p.phone[0] && (rc = s40_table_set_text(t, 3, p[i].p.phone))) ||
		    (p[i].p.address[0] && (rc = s40_table_set_text(t, 4, p[i].p.address))) ||
		    (rc = s40_table_set_text(t, 5, s40_survey_status_key(p[i].status))) ||
		    (note && (rc = s40_table_set_text(t, 6, note))) ||
		    (rc = s40_table_set_text(t, 7, p[i].p.first_th)) ||
		    (rc = s40_table_set_text(t, 8, p[i].p.last_th))) {
			s40_errorf(ctx, rc, NULL, NULL, NULL);
			break;
		}
		s40_table_set_int(t, 0, p[i].p.id);
		if (p[i].p.birth_day != S40_NO_DAY)
			s40_table_set_int(t, 2, s40_age_on(p[i].p.birth_day, day));
	}
	free(p);
	return rc;
}

/* The area at level inside area, one level below when level is NONE. */
static enum s40_err level_below(int32_t area, enum s40_level *level, struct s40_ctx *ctx)
{
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	if (*level == S40_LEVEL_NONE)
		*level = at == S40_LEVEL_VILLAGE ? S40_LEVEL_VILLAGE : (enum s40_level)(at + 1);
	if (*level < at || *level > S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "level", "ระดับ %s ไม่ได้อยู่ภายใต้พื้นที่ %d",
				  "level %s is not below area %d",
				  s40_level_name(*level, S40_LANG_TH), (int)area);
	return S40_OK;
}

/* One coverage row: the totals of code on day, with its n_sub subdistricts. */
static enum s40_err coverage_row(struct s40_table *t, int32_t code, const char *name_th,
				 const char *name_en, int64_t n_sub, const struct s40_cov_total *c,
				 struct s40_ctx *ctx)
{
	enum s40_err rc;
	if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, name_th)) ||
	    (rc = s40_table_set_text(t, 2, name_en)))
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	if (code)
		s40_table_set_int(t, 0, code);
	const int64_t v[] = { n_sub,	       c->tambons_achieved, c->villages_surveyed,
			      c->villages_full, c->surveyed,	       c->members,
			      c->uninsured,     c->other_scheme,      c->ineligible };
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
		s40_table_set_int(t, 3 + k, v[k]);
	int64_t eligible = c->members + c->uninsured;
	if (eligible > 0)
		s40_table_set_int(t, 12, c->members * 10000 / eligible);
	s40_table_set_int(t, 13, c->disagree);
	return S40_OK;
}

enum s40_err s40_report_coverage(struct s40_store *st, const struct s40_cov_ix *ix, int32_t area,
				 enum s40_level level, int32_t day, struct s40_table *t,
				 struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "code", "รหัส", "code", S40_COL_CODE },
		{ "name_th", "พื้นที่", "area (Thai)", S40_COL_TEXT },
		{ "name_en", "ชื่อภาษาอังกฤษ", "area", S40_COL_TEXT },
		{ "subdistricts", "ตำบล", "subdistricts", S40_COL_INT },
		{ "tambons_achieved", "ตำบลที่มีหมู่บ้านถ้วนหน้า", "subdistricts with a fully covered village",
		  S40_COL_INT },
		{ "villages_surveyed", "หมู่บ้านที่สำรวจแล้ว", "villages surveyed", S40_COL_INT },
		{ "fully_covered", "หมู่บ้านถ้วนหน้า", "fully covered villages", S40_COL_INT },
		{ "surveyed", "ผู้อยู่อาศัยวัยทำงานที่สำรวจ", "surveyed", S40_COL_INT },
		{ "members", "ผู้ประกันตน ม.40", "members", S40_COL_INT },
		{ "uninsured", "ยังไม่มีหลักประกัน", "uninsured eligible", S40_COL_INT },
		{ "other_scheme", "มีสิทธิอื่น (ม.33/39/ข้าราชการ/รัฐวิสาหกิจ)", "other scheme",
		  S40_COL_INT },
		{ "ineligible", "ไม่มีสิทธิ ม.40", "not eligible", S40_COL_INT },
		{ "coverage", "ความครอบคลุม ม.40", "coverage", S40_COL_PERCENT },
		{ "differs", "ผลสำรวจต่างจากทะเบียน", "survey differs from register", S40_COL_INT },
	};
	enum s40_err rc;
	struct s40_area_rec self;
	if ((area && (rc = s40_area_get(st, area, &self, ctx))) ||
	    (rc = level_below(area, &level, ctx)))
		return rc;
	struct s40_cov_ix *own = NULL;
	if (ix == NULL) {
		if ((rc = s40_cov_ix_build_area(st, area, &own, ctx)))
			return rc;
		ix = own;
	}
	struct s40_area_rec *areas = NULL;
	size_t n = 0;
	char ex_th[160], ex_en[160];
	snprintf(ex_th, sizeof ex_th, "(เกณฑ์หมู่บ้านถ้วนหน้า %d.%02d%%)", s40_cov_ix_threshold(ix) / 100,
		 s40_cov_ix_threshold(ix) % 100);
	snprintf(ex_en, sizeof ex_en, "a village fully covered at %d.%02d%%",
		 s40_cov_ix_threshold(ix) / 100, s40_cov_ix_threshold(ix) % 100);
	if ((rc = heading(st, t, "ความครอบคลุมของหมู่บ้านที่สำรวจ", "Coverage of surveyed villages",
			  ex_th, ex_en, area, day, ctx)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx)) ||
	    (rc = s40_area_descendants(st, area, level, &areas, &n, ctx)))
		goto out;
	/* Each row's subdistricts counted by the store (the country's 7,436 are
	 * not read to count them). */
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		struct s40_cov_total c;
		s40_cov_ix_total(ix, areas[i].code, day, &c);
		if (s40_area_no_village(areas[i].code) && c.villages_surveyed == 0)
			continue;
		int64_t n_sub = 0;
		if (level <= S40_LEVEL_SUBDISTRICT &&
		    (rc = s40_area_count_below(st, areas[i].code, S40_LEVEL_SUBDISTRICT, &n_sub, ctx)))
			break;
		rc = coverage_row(t, areas[i].code, areas[i].name_th, areas[i].name_en, n_sub, &c,
				  ctx);
	}
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	int64_t n_sub = 0;
	if (rc == S40_OK && at <= S40_LEVEL_SUBDISTRICT)
		rc = s40_area_count_below(st, area, S40_LEVEL_SUBDISTRICT, &n_sub, ctx);
	if (rc == S40_OK) {
		char tot_th[600], tot_en[600];
		struct s40_cov_total c;
		s40_cov_ix_total(ix, area, day, &c);
		s40_area_total_label(area ? &self : NULL, tot_th, sizeof tot_th, tot_en,
				     sizeof tot_en);
		rc = coverage_row(t, area, tot_th, tot_en, n_sub, &c, ctx);
	}
out:
	free(areas);
	s40_cov_ix_free(own);
	return rc;
}

/* One attainment row. */
static enum s40_err attain_row(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			       int32_t code, const char *name_th, const char *name_en, int32_t day,
			       struct s40_table *t, struct s40_ctx *ctx)
{
	struct s40_attainment a;
	enum s40_err rc = s40_attainment(st, ix, fy, code, day, &a, ctx);
	if (rc)
		return rc;
	if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 1, name_th)) ||
	    (rc = s40_table_set_text(t, 2, name_en)))
		return s40_errorf(ctx, rc, NULL, NULL, NULL);
	if (code)
		s40_table_set_int(t, 0, code);
	if (a.has_target) {
		s40_table_set_int(t, 3, a.target);
		s40_table_set_int(t, 6, a.remaining);
	}
	s40_table_set_int(t, 4, a.achieved);
	set_nonneg(t, 5, a.pct);
	return S40_OK;
}

enum s40_err s40_report_attainment(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
				   int32_t area, enum s40_level level, int32_t day,
				   struct s40_table *t, struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "code", "รหัส", "code", S40_COL_CODE },
		{ "name_th", "พื้นที่", "area (Thai)", S40_COL_TEXT },
		{ "name_en", "ชื่อภาษาอังกฤษ", "area", S40_COL_TEXT },
		{ "target", "เป้าหมาย", "target", S40_COL_INT },
		{ "new_members", "ผู้ประกันตนรายใหม่", "new members", S40_COL_INT },
		{ "attainment", "ผลงานเทียบเป้าหมาย", "attainment", S40_COL_PERCENT },
		{ "remaining", "ยังขาด", "remaining", S40_COL_INT },
	};
	enum s40_err rc;
	struct s40_area_rec self;
	if (fy < 2400 || fy > 2800)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "fy",
				  "ปีงบประมาณเขียนเป็นปีพุทธศักราช เช่น 2562 (ได้ %d)",
				  "a fiscal year is a Buddhist-era year such as 2562 (got %d)", fy);
	if ((area && (rc = s40_area_get(st, area, &self, ctx))) ||
	    (rc = level_below(area, &level, ctx)))
		return rc;
	struct s40_attain_ix *own = NULL;
	if (ix == NULL) {
		if ((rc = s40_attain_build_area(st, area, &own, ctx)))
			return rc;
		ix = own;
	}
	char fy_th[160], fy_en[160], d1[64], d2[64];
	snprintf(fy_th, sizeof fy_th, "ปีงบประมาณ %d (%s – %s)", fy,
		 s40_date_th_long(s40_fiscal_year_first_day(fy), d1, sizeof d1),
		 s40_date_th_long(s40_fiscal_year_last_day(fy), d2, sizeof d2));
	snprintf(fy_en, sizeof fy_en, "fiscal year %d (%s – %s)", fy,
		 s40_date_iso(s40_fiscal_year_first_day(fy), d1, sizeof d1),
		 s40_date_iso(s40_fiscal_year_last_day(fy), d2, sizeof d2));
	struct s40_area_rec *areas = NULL;
	size_t n = 0;
	if ((rc = heading(st, t, "ผลการรับสมัครผู้ประกันตนมาตรา 40 รายใหม่เทียบเป้าหมาย",
			  "New Section 40 members against the target", fy_th, fy_en, area, day,
			  ctx)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx)) ||
	    (rc = s40_area_descendants(st, area, level, &areas, &n, ctx)))
		goto out;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if (s40_area_no_village(areas[i].code) &&
		    s40_attain_count(ix, areas[i].code, s40_fiscal_year_first_day(fy), day) == 0)
			continue;
		rc = attain_row(st, ix, fy, areas[i].code, areas[i].name_th, areas[i].name_en, day,
				t, ctx);
	}
	if (rc == S40_OK) {
		char tot_th[600], tot_en[600];
		s40_area_total_label(area ? &self : NULL, tot_th, sizeof tot_th, tot_en,
				     sizeof tot_en);
		rc = attain_row(st, ix, fy, area, tot_th, tot_en, day, t, ctx);
	}
out:
	free(areas);
	s40_attain_free(own);
	return rc;
}

enum s40_err s40_report_trend(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			      int32_t area, int32_t day, enum s40_trend_period period,
			      struct s40_table *t, struct s40_ctx *ctx)
{
	static const struct col cols[] = {
		{ "period", "ช่วง", "period", S40_COL_TEXT },
		{ "from", "ตั้งแต่", "from", S40_COL_DATE },
		{ "to", "ถึง", "to", S40_COL_DATE },
		{ "new_members", "ผู้ประกันตนรายใหม่", "new members", S40_COL_INT },
		{ "cumulative", "สะสม", "cumulative", S40_COL_INT },
		{ "target_line", "เส้นเป้าหมายสะสม", "target line", S40_COL_INT },
		{ "of_target", "สะสมเทียบเป้าหมายทั้งปี", "cumulative of target", S40_COL_PERCENT },
		{ "ahead", "เร็วกว่า (+) / ช้ากว่า (−) เส้นเป้าหมาย", "ahead of the line", S40_COL_INT },
	};
	enum s40_err rc;
	struct s40_area_rec self;
	if (fy < 2400 || fy > 2800)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "fy",
				  "ปีงบประมาณเขียนเป็นปีพุทธศักราช เช่น 2562 (ได้ %d)",
				  "a fiscal year is a Buddhist-era year such as 2562 (got %d)", fy);
	if (area && (rc = s40_area_get(st, area, &self, ctx)))
		return rc;
	struct s40_target tg;
	int has_target = 0;
	if ((rc = s40_target_get(st, fy, area, &tg, &has_target, ctx)))
		return rc;
	struct s40_attain_ix *own = NULL;
	if (ix == NULL) {
		if ((rc = s40_attain_build_area(st, area, &own, ctx)))
			return rc;
		ix = own;
	}
	int32_t first = s40_fiscal_year_first_day(fy), last = s40_fiscal_year_last_day(fy);
	int32_t upto = day < last ? day : last;
	int64_t n_days = (int64_t)last - first + 1;
	char fy_th[160], fy_en[160];
	if (has_target) {
		char num[32];
		snprintf(fy_th, sizeof fy_th, "ปีงบประมาณ %d เป้าหมาย %s คน", fy,
			 s40_format_int(tg.n, num, sizeof num));
		snprintf(fy_en, sizeof fy_en, "fiscal year %d, target %lld", fy, (long long)tg.n);
	} else {
		snprintf(fy_th, sizeof fy_th, "ปีงบประมาณ %d (ไม่มีเป้าหมาย)", fy);
		snprintf(fy_en, sizeof fy_en, "fiscal year %d (no target)", fy);
	}
	if ((rc = heading(st, t,
			  period == S40_TREND_WEEK ? "ผู้ประกันตนมาตรา 40 รายใหม่รายสัปดาห์" :
						     "ผู้ประกันตนมาตรา 40 รายใหม่รายเดือน",
			  period == S40_TREND_WEEK ? "New Section 40 members by week" :
						     "New Section 40 members by month",
			  fy_th, fy_en, area, day, ctx)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0], ctx)))
		goto out;
	int64_t cum = 0;
	for (int32_t from = first; from <= upto && rc == S40_OK;) {
		int32_t to;
		char label[96];
		if (period == S40_TREND_WEEK) {
			int wd = s40_day_weekday(from); /* 0 Sunday */
			to = from + (wd == 0 ? 0 : 7 - wd);
		} else {
			to = s40_month_last_day(s40_day_month(from));
		}
		if (to > last)
			to = last;
		int32_t shown_to = to > upto ? upto : to;
		int64_t k = s40_attain_count(ix, area, from, shown_to);
		cum += k;
		if (period == S40_TREND_WEEK) {
			char a[64], b[64];
			snprintf(label, sizeof label, "%s – %s",
				 s40_date_th_short(from, a, sizeof a),
				 s40_date_th_short(to, b, sizeof b));
		} else {
			s40_month_th_short(s40_day_month(from), label, sizeof label);
		}
		if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 0, label))) {
			s40_errorf(ctx, rc, NULL, NULL, NULL);
			break;
		}
		s40_table_set_int(t, 1, from);
		s40_table_set_int(t, 2, shown_to);
		s40_table_set_int(t, 3, k);
		s40_table_set_int(t, 4, cum);
		if (has_target) {
			/* Rounded to the nearest person. */
			int64_t line = (tg.n * ((int64_t)shown_to - first + 1) * 2 + n_days) /
				       (2 * n_days);
			s40_table_set_int(t, 5, line);
			if (tg.n > 0)
				s40_table_set_int(t, 6, cum * 10000 / tg.n);
			s40_table_set_int(t, 7, cum - line);
		}
		from = to + 1;
	}
out:
	s40_attain_free(own);
	return rc;
}
