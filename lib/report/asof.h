/*
 * asof.h — the as-of report: active Section 40 members per area on a day.
 */
#ifndef S40_REPORT_ASOF_H
#define S40_REPORT_ASOF_H

#include <stdint.h>

#include "core/area.h"
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

#endif
