/*
 * asof.h — the as-of report: active Section 40 members per area on a day.
 */
#ifndef S40_REPORT_ASOF_H
#define S40_REPORT_ASOF_H

#include <stdbool.h>
#include <stdint.h>

#include "core/area.h"
#include "report/map.h"
#include "report/table.h"
#include "stats/asof.h"
#include "store/store.h"

/*
 * Fill t (initialised by the caller with s40_table_init) with one row per area
 * at level inside area (level S40_LEVEL_NONE: one level below area; area 0:
 * the provinces), with code, Thai and English names and active members on day,
 * then a total row for area itself. Areas with no member show 0.
 */
enum s40_err s40_report_asof(struct s40_store *st, const struct s40_asof *ix, int32_t area,
			     enum s40_level level, int32_t day, struct s40_table *t,
			     struct s40_ctx *ctx);

/* A point lookup: an area's point in WGS 84 degrees, or false when it has none. */
typedef bool (*s40_point_fn)(int32_t code, double *lat, double *lon);

/*
 * The map of the as-of table t that s40_report_asof made for area at level
 * (S40_LEVEL_NONE: one level below area): when its rows are the children of
 * area and have points (the country's provinces, a province's districts, a
 * district's subdistricts), m gets one area per row but the total, in the
 * table's order, sized by its members, one colour, its point from point(code);
 * otherwise m is left empty (n_areas 0: no map). m's names are borrowed from
 * t (keep t while m is used); free m with s40_map_free. S40_E_NOMEM.
 */
enum s40_err s40_report_asof_map(const struct s40_table *t, int32_t area, enum s40_level level,
				 s40_point_fn point, struct s40_map *m, struct s40_ctx *ctx);

#endif
