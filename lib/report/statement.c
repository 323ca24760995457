/*
 * statement.c — the progress statement of an area on a day: the facts from the
 * as-of index, the targets and attainment, the field events and the coverage
 * of villages, written as one Thai and one English paragraph.
 */
#include "report/statement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/event.h"
#include "registry/target.h"
#include "stats/asof.h"
#include "stats/attainment.h"
#include "stats/coverage.h"

#define STATEMENT_TEXT_MAX (64 * 1024)

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

void s40_statement_free(struct s40_statement *s)
{
	free(s->districts);
	free(s->full);
	free(s->text_th);
	free(s->text_en);
	memset(s, 0, sizeof *s);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

/* The districts of the events in area from first to day, distinct, by code. */
static enum s40_err event_districts(struct s40_store *st, struct s40_statement *s, int32_t first,
				    struct s40_ctx *ctx)
{
	struct s40_event *ev;
	size_t n;
	enum s40_err rc = s40_event_list(st, s->area, first, s->day, &ev, &n, ctx);
	if (rc)
		return rc;
	s->n_events = (int64_t)n;
	s->districts = malloc((n ? n : 1) * sizeof *s->districts);
	if (s->districts == NULL) {
		free(ev);
		return nomem(ctx);
	}
	for (size_t i = 0; i < n; i++)
		s->districts[i] = s40_area_at_level(ev[i].village, S40_LEVEL_DISTRICT);
	free(ev);
	qsort(s->districts, n, sizeof *s->districts, cmp_i32);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (m == 0 || s->districts[m - 1] != s->districts[i])
			s->districts[m++] = s->districts[i];
	s->n_districts = m;
	return S40_OK;
}

/* A village's name without the area's own tail: "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา"
 * in province 75. */
static enum s40_err village_name(struct s40_store *st, int32_t village, const char *area_name,
				 enum s40_lang lang, char *buf, size_t n, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_area_full_name(st, village, lang, buf, n, ctx);
	if (rc)
		return rc;
	size_t len = strlen(buf), tail = strlen(area_name);
	const char *sep = lang == S40_LANG_EN ? ", " : " ";
	size_t sl = strlen(sep);
	if (tail > 0 && len > tail + sl && strcmp(buf + len - tail, area_name) == 0 &&
	    strncmp(buf + len - tail - sl, sep, sl) == 0)
		buf[len - tail - sl] = '\0';
	return S40_OK;
}

/* "อำเภออัมพวา" / "Amphawa" (Bangkok: "เขต…"). */
static enum s40_err district_name(struct s40_store *st, int32_t code, enum s40_lang lang, char *buf,
				  size_t n, struct s40_ctx *ctx)
{
	struct s40_area_rec a;
	enum s40_err rc = s40_area_get(st, code, &a, ctx);
	if (rc)
		return rc;
	if (lang == S40_LANG_EN)
		snprintf(buf, n, "%s", a.name_en[0] ? a.name_en : a.name_th);
	else
		snprintf(buf, n, "%s%s",
			 s40_area_at_level(code, S40_LEVEL_PROVINCE) == 10 ? "เขต" : "อำเภอ",
			 a.name_th);
	return S40_OK;
}

/* Append a list: "A B และC" in Thai (the seed's form), "A; B and C" in English
 * (names hold commas). */
static enum s40_err add_list_item(struct s40_buf *b, size_t i, size_t n, const char *item,
				  enum s40_lang lang)
{
	const char *sep = "";
	if (i > 0)
		sep = lang == S40_LANG_EN ? (i + 1 == n ? " and " : "; ") :
					    (i + 1 == n ? " และ" : " ");
	enum s40_err rc = s40_buf_adds(b, sep);
	return rc ? rc : s40_buf_adds(b, item);
}

/* "105.42" from hundredths. */
static void pct_text(int32_t pct, char *buf, size_t n)
{
	snprintf(buf, n, "%d.%02d", (int)(pct / 100), (int)(pct % 100));
}

/* Write one paragraph in lang. */
static enum s40_err write_text(struct s40_store *st, const struct s40_statement *s,
			       enum s40_lang lang, char **out, struct s40_ctx *ctx)
{
	int en = lang == S40_LANG_EN;
	char place[512], day[64], num[32], num2[32], f1[64], f2[64], pct[32], name[640];
	enum s40_err rc;
	if ((rc = s40_area_full_name(st, s->area, lang, place, sizeof place, ctx)))
		return rc;
	struct s40_buf b;
	s40_buf_init(&b, STATEMENT_TEXT_MAX);
	if (en)
		rc = s40_buf_addf(&b, "On %s, %s had %s Section 40 %s.",
				  s40_date_en_long(s->day, day, sizeof day), place,
				  s40_format_int(s->members, num, sizeof num),
				  s40_en_plural(s->members, "member", "members"));
	else
		rc = s40_buf_addf(&b, "ณ วันที่ %s %sมีผู้ประกันตนตามมาตรา 40 จำนวน %s คน",
				  s40_date_th_long(s->day, day, sizeof day), place,
				  s40_format_int(s->members, num, sizeof num));
	if (rc == S40_OK && s->has_target) {
		int ongoing = s->counted_to < s->fy_last;
		if (en) {
			rc = s40_buf_addf(
				&b,
				" For fiscal year %d (BE; %s to %s) the target was %s new "
				"Section 40 members;",
				s->fy, s40_date_en_long(s->fy_first, f1, sizeof f1),
				s40_date_en_long(s->fy_last, f2, sizeof f2),
				s40_format_int(s->target, num, sizeof num));
			if (rc == S40_OK && ongoing)
				rc = s40_buf_addf(&b, " up to %s,",
						  s40_date_en_long(s->counted_to, f1, sizeof f1));
			if (rc == S40_OK)
				rc = s40_buf_addf(&b, " %s joined",
						  s40_format_int(s->achieved, num2, sizeof num2));
			if (rc == S40_OK && s->pct >= 0) {
				pct_text(s->pct, pct, sizeof pct);
				rc = s40_buf_addf(&b, ", %s%% of the target", pct);
			}
			if (rc == S40_OK)
				rc = s40_buf_adds(&b, ".");
		} else {
			rc = s40_buf_addf(&b,
					  " ปีงบประมาณ %d (%s ถึง %s) กำหนดเป้าหมายแรงงานอิสระเข้าสู่"
					  "การประกันสังคมมาตรา 40 จำนวน %s คน",
					  s->fy, s40_date_th_long(s->fy_first, f1, sizeof f1),
					  s40_date_th_long(s->fy_last, f2, sizeof f2),
					  s40_format_int(s->target, num, sizeof num));
			if (rc == S40_OK && ongoing)
				rc = s40_buf_addf(&b, " ถึงวันที่ %s",
						  s40_date_th_long(s->counted_to, f1, sizeof f1));
			if (rc == S40_OK)
				rc = s40_buf_addf(&b, " มีผู้สมัครใหม่ %s คน",
						  s40_format_int(s->achieved, num2, sizeof num2));
			if (rc == S40_OK && s->pct >= 0) {
				pct_text(s->pct, pct, sizeof pct);
				rc = s40_buf_addf(&b, " คิดเป็นร้อยละ %s ของเป้าหมาย", pct);
			}
		}
	}
	if (rc == S40_OK && s->n_districts > 0) {
		if (en)
			rc = s40_buf_addf(&b, " Field events were held in %zu district%s: ",
					  s->n_districts, s->n_districts == 1 ? "" : "s");
		else
			rc = s40_buf_addf(&b, " ได้ดำเนินการลงพื้นที่ใน %zu อำเภอ คือ ", s->n_districts);
		for (size_t i = 0; i < s->n_districts && rc == S40_OK; i++) {
			if ((rc = district_name(st, s->districts[i], lang, name, sizeof name, ctx)))
				break;
			rc = add_list_item(&b, i, s->n_districts, name, lang);
		}
		if (rc == S40_OK && en)
			rc = s40_buf_adds(&b, ".");
	}
	if (rc == S40_OK) {
		size_t named = s->n_full < S40_STATEMENT_VILLAGES_NAMED ?
				       s->n_full :
				       S40_STATEMENT_VILLAGES_NAMED;
		if (s->n_full == 0)
			rc = s40_buf_adds(&b, en ? " No village was fully covered yet." :
						   " ยังไม่มีหมู่บ้านประกันสังคมถ้วนหน้า");
		else if (en)
			rc = s40_buf_addf(&b,
					  " %s village%s fully covered (every eligible resident "
					  "a member): ",
					  s40_format_int((int64_t)s->n_full, num, sizeof num),
					  s->n_full == 1 ? " was" : "s were");
		else
			rc = s40_buf_addf(&b, " และมีหมู่บ้านประกันสังคมถ้วนหน้าแล้ว %s หมู่บ้าน คือ ",
					  s40_format_int((int64_t)s->n_full, num, sizeof num));
		size_t shown = named < s->n_full ? named + 1 : named;
		for (size_t i = 0; i < named && rc == S40_OK; i++) {
			if ((rc = village_name(st, s->full[i], place, lang, name, sizeof name,
					       ctx)))
				break;
			rc = add_list_item(&b, i, shown, name, lang);
		}
		if (rc == S40_OK && named < s->n_full) {
			s40_format_int((int64_t)(s->n_full - named), num, sizeof num);
			if (en)
				rc = s40_buf_addf(&b, " and %s more", num);
			else
				rc = s40_buf_addf(&b, " และอีก %s หมู่บ้าน", num);
		}
		if (rc == S40_OK && en && s->n_full > 0)
			rc = s40_buf_adds(&b, ".");
	}
	if (rc) {
		s40_buf_free(&b);
		if (rc == S40_E_NOMEM || rc == S40_E_LIMIT)
			return s40_errorf(ctx, rc, NULL, NULL, NULL);
		return rc;
	}
	*out = s40_buf_take(&b);
	return *out ? S40_OK : nomem(ctx);
}

enum s40_err s40_statement_build(struct s40_store *st, const struct s40_asof *ix,
				 const struct s40_attain_ix *attain, int32_t area, int32_t day,
				 struct s40_statement *s, struct s40_ctx *ctx)
{
	memset(s, 0, sizeof *s);
	s->area = area;
	s->day = day;
	s->pct = -1;
	struct s40_area_rec rec;
	enum s40_err rc;
	if (s40_area_level(area) == S40_LEVEL_NONE || s40_area_level(area) == S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "area",
				  "แถลงผลได้สำหรับจังหวัด อำเภอ หรือตำบล: %d",
				  "a statement is for a province, district or subdistrict: %d",
				  (int)area);
	if ((rc = s40_area_get(st, area, &rec, ctx)))
		return rc;

	struct s40_asof *own = NULL;
	if (ix == NULL) {
		if ((rc = s40_asof_build_area(st, area, &own, ctx)))
			return rc;
		ix = own;
	}
	s->members = s40_asof_count(ix, area, day);
	s40_asof_free(own);

	int found = 0, fy = 0;
	if ((rc = s40_target_latest_fy(st, area, day, &fy, &found, ctx)))
		goto fail;
	s->fy = found ? fy : s40_fiscal_year(day);
	s->fy_first = s40_fiscal_year_first_day(s->fy);
	s->fy_last = s40_fiscal_year_last_day(s->fy);
	s->counted_to = day < s->fy_last ? day : s->fy_last;
	if (found) {
		struct s40_attainment at;
		if ((rc = s40_attainment(st, attain, fy, area, day, &at, ctx)))
			goto fail;
		s->has_target = at.has_target;
		s->target = at.target;
		s->achieved = at.achieved;
		s->pct = at.pct;
	}
	if ((rc = event_districts(st, s, s->fy_first, ctx)))
		goto fail;

	struct s40_village_cov *full = NULL;
	size_t n_full = 0;
	if ((rc = s40_coverage_fully_covered_list(st, area, day, &full, &n_full, ctx)))
		goto fail;
	s->full = malloc((n_full ? n_full : 1) * sizeof *s->full);
	if (s->full == NULL) {
		free(full);
		rc = nomem(ctx);
		goto fail;
	}
	for (size_t i = 0; i < n_full; i++)
		s->full[i] = full[i].village;
	s->n_full = n_full;
	free(full);

	if ((rc = write_text(st, s, S40_LANG_TH, &s->text_th, ctx)) ||
	    (rc = write_text(st, s, S40_LANG_EN, &s->text_en, ctx)))
		goto fail;
	return S40_OK;
fail:
	s40_statement_free(s);
	return rc;
}

/* Append the names of codes[0..n) to b, separated by sep (villages, districts). */
static enum s40_err add_names(struct s40_store *st, struct s40_buf *b, const int32_t *codes,
			      size_t n, int districts, const char *area_name, struct s40_ctx *ctx)
{
	char name[640];
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		rc = districts ? district_name(st, codes[i], S40_LANG_TH, name, sizeof name, ctx) :
				 village_name(st, codes[i], area_name, S40_LANG_TH, name,
					      sizeof name, ctx);
		if (rc == S40_OK)
			rc = s40_buf_addf(b, "%s%s", i ? "; " : "", name);
	}
	return rc;
}

enum s40_err s40_statement_table(struct s40_store *st, const struct s40_statement *s,
				 struct s40_table *t, struct s40_ctx *ctx)
{
	char place_th[512], place_en[512], d_th[64], d_en[64], sub_th[700], sub_en[700];
	enum s40_err rc;
	if ((rc = s40_area_full_name(st, s->area, S40_LANG_TH, place_th, sizeof place_th, ctx)) ||
	    (rc = s40_area_full_name(st, s->area, S40_LANG_EN, place_en, sizeof place_en, ctx)))
		return rc;
	snprintf(sub_th, sizeof sub_th, "%s ณ วันที่ %s", place_th,
		 s40_date_th_long(s->day, d_th, sizeof d_th));
	snprintf(sub_en, sizeof sub_en, "%s on %s", place_en,
		 s40_date_en_long(s->day, d_en, sizeof d_en));
	free(t->title_th);
	free(t->title_en);
	t->title_th = strdup("แถลงผลการดำเนินงาน ประกันสังคมมาตรา 40");
	t->title_en = strdup("Section 40 progress statement");
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = s40_table_add_col(t, "area", "พื้นที่", "area", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "date", "วันที่", "date", S40_COL_DATE)) ||
	    (rc = s40_table_add_col(t, "members", "ผู้ประกันตนมาตรา 40", "members", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "fy", "ปีงบประมาณ", "fiscal year", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "target", "เป้าหมาย", "target", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "achieved", "ผู้สมัครใหม่", "new members", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "pct", "ร้อยละของเป้าหมาย", "% of target", S40_COL_PERCENT)) ||
	    (rc = s40_table_add_col(t, "events", "กิจกรรมภาคสนาม", "field events", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "districts", "อำเภอที่ลงพื้นที่", "districts visited",
				    S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "fully_covered", "หมู่บ้านประกันสังคมถ้วนหน้า (จำนวน)",
				    "fully covered villages", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "fully_covered_names", "หมู่บ้านประกันสังคมถ้วนหน้า",
				    "fully covered villages (names)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "text_th", "ข้อความ", "text (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "text_en", "ข้อความภาษาอังกฤษ", "text", S40_COL_TEXT)) ||
	    (rc = s40_table_add_row(t)))
		return rc == S40_E_NOMEM ? nomem(ctx) : rc;
	s40_table_set_int(t, 0, s->area);
	s40_table_set_int(t, 1, s->day);
	s40_table_set_int(t, 2, s->members);
	if (s->has_target) {
		s40_table_set_int(t, 3, s->fy);
		s40_table_set_int(t, 4, s->target);
		s40_table_set_int(t, 5, s->achieved);
		if (s->pct >= 0)
			s40_table_set_int(t, 6, s->pct);
	}
	s40_table_set_int(t, 7, s->n_events);
	struct s40_buf b;
	s40_buf_init(&b, STATEMENT_TEXT_MAX);
	if ((rc = add_names(st, &b, s->districts, s->n_districts, 1, place_th, ctx)) == S40_OK)
		rc = s40_table_set_text(t, 8, s40_buf_str(&b));
	s40_table_set_int(t, 9, (int64_t)s->n_full);
	s40_buf_reset(&b);
	if (rc == S40_OK &&
	    (rc = add_names(st, &b, s->full, s->n_full, 0, place_th, ctx)) == S40_OK)
		rc = s40_table_set_text(t, 10, s40_buf_str(&b));
	s40_buf_free(&b);
	if (rc == S40_OK && ((rc = s40_table_set_text(t, 11, s->text_th)) ||
			     (rc = s40_table_set_text(t, 12, s->text_en))))
		return nomem(ctx);
	return rc;
}
