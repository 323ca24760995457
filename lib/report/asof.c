/*
 * asof.c — the as-of report: active Section 40 members per area on a day,
 * from the as-of index, named from the area tree.
 */
#include "asof.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"
#include "registry/areas.h"

enum s40_err s40_report_asof(struct s40_store *st, const struct s40_asof *ix, int32_t area,
			     enum s40_level level, int32_t day, struct s40_table *t,
			     struct s40_ctx *ctx)
{
	struct s40_area_rec self;
	enum s40_err rc;
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	if (area && (rc = s40_area_get(st, area, &self, ctx)))
		return rc;
	if (level == S40_LEVEL_NONE)
		level = at == S40_LEVEL_VILLAGE ? S40_LEVEL_VILLAGE : (enum s40_level)(at + 1);
	if (level < at || level > S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "level",
				  "ระดับ %s ไม่ได้อยู่ภายใต้พื้นที่ %d", "level %s is not below area %d",
				  s40_level_name(level, S40_LANG_TH), (int)area);

	char place_th[512] = "ทั้งประเทศ", place_en[512] = "the whole country";
	if (area && ((rc = s40_area_full_name(st, area, S40_LANG_TH, place_th, sizeof place_th,
					      ctx)) ||
		     (rc = s40_area_full_name(st, area, S40_LANG_EN, place_en, sizeof place_en,
					      ctx))))
		return rc;
	char d_th[64], d_en[64], sub_th[640], sub_en[640];
	snprintf(sub_th, sizeof sub_th, "%s ณ วันที่ %s", place_th,
		 s40_date_th_long(day, d_th, sizeof d_th));
	snprintf(sub_en, sizeof sub_en, "%s on %s", place_en, s40_date_en_long(day, d_en, sizeof d_en));
	if ((rc = s40_table_title(t, "ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่",
				  "Active Section 40 members")) ||
	    (rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = s40_table_add_col(t, "code", "รหัส", "code", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "name_th", "พื้นที่", "area (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "name_en", "ชื่อภาษาอังกฤษ", "area", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "members", "ผู้ประกันตน", "members", S40_COL_INT)))
		return rc;

	struct s40_area_rec *areas;
	size_t n_areas;
	if ((rc = s40_area_descendants(st, area, level, &areas, &n_areas, ctx)))
		return rc;
	struct s40_area_count *counts = NULL;
	size_t n_counts = 0;
	if (s40_asof_by_level(ix, area, level, day, &counts, &n_counts)) {
		free(areas);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	int64_t total = 0;
	size_t j = 0;
	for (size_t i = 0; i < n_areas && rc == S40_OK; i++) {
		while (j < n_counts && counts[j].code < areas[i].code)
			j++;
		int64_t n = j < n_counts && counts[j].code == areas[i].code ? counts[j].n : 0;
		total += n;
		if ((rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, areas[i].code);
		if ((rc = s40_table_set_text(t, 1, areas[i].name_th)) ||
		    (rc = s40_table_set_text(t, 2, areas[i].name_en)))
			break;
		s40_table_set_int(t, 3, n);
	}
	free(areas);
	free(counts);
	if (rc)
		return rc;
	/* Members in villages the tree does not hold would be missed by the sum
	 * above; count the total from the index itself. */
	total = s40_asof_count(ix, area, day);
	if ((rc = s40_table_add_row(t)))
		return rc;
	char tot_th[600], tot_en[600];
	s40_area_total_label(area ? &self : NULL, tot_th, sizeof tot_th, tot_en, sizeof tot_en);
	if (area)
		s40_table_set_int(t, 0, area);
	if ((rc = s40_table_set_text(t, 1, tot_th)) || (rc = s40_table_set_text(t, 2, tot_en)))
		return rc;
	s40_table_set_int(t, 3, total);
	return S40_OK;
}

enum s40_err s40_report_asof_map(const struct s40_table *t, int32_t area, enum s40_level level,
				 s40_point_fn point, struct s40_map *m, struct s40_ctx *ctx)
{
	static const char *const title_th[] = {
		[S40_LEVEL_PROVINCE] = "แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายจังหวัด",
		[S40_LEVEL_DISTRICT] = "แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายอำเภอ",
		[S40_LEVEL_SUBDISTRICT] = "แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายตำบล",
	};
	static const char *const title_en[] = {
		[S40_LEVEL_PROVINCE] = "Map of active Section 40 members by province",
		[S40_LEVEL_DISTRICT] = "Map of active Section 40 members by district",
		[S40_LEVEL_SUBDISTRICT] = "Map of active Section 40 members by subdistrict",
	};
	*m = (struct s40_map){ 0 };
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	if (level == S40_LEVEL_NONE)
		level = at == S40_LEVEL_VILLAGE ? S40_LEVEL_VILLAGE : (enum s40_level)(at + 1);
	if (level != at + 1 || level > S40_LEVEL_SUBDISTRICT || t->n_cols < 4 || t->n_rows < 1)
		return S40_OK;
	size_t n = t->n_rows - 1; /* the last row is the total */
	struct s40_map_area *areas = calloc(n ? n : 1, sizeof *areas);
	if (areas == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t r = 0; r < n; r++) {
		struct s40_map_area *a = &areas[r];
		a->code = (int32_t)s40_table_cell(t, r, 0)->i;
		a->name_th = s40_table_cell(t, r, 1)->s;
		a->name_en = s40_table_cell(t, r, 2)->s;
		a->value = s40_table_cell(t, r, 3)->i;
		a->share = -1;
		a->has_point = point != NULL && point(a->code, &a->lat, &a->lon);
	}
	*m = (struct s40_map){
		.title_th = title_th[level],
		.title_en = title_en[level],
		.subtitle_th = t->subtitle_th,
		.subtitle_en = t->subtitle_en,
		.value_th = "ผู้ประกันตน (คน)",
		.value_en = "Members",
		.areas = areas,
		.n_areas = n,
	};
	return S40_OK;
}
