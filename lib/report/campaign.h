/*
 * campaign.h — the campaign's reports: village coverage, the One Tambon, One
 * Village achievement, the door-to-door list of a village, attainment of the
 * fiscal-year targets and the enrolment trend against the target line.
 *
 * Each fills a table initialised by the caller (s40_table_init(t, NULL, NULL));
 * the report sets the title and the subtitle (the area and the day) itself.
 */
#ifndef S40_REPORT_CAMPAIGN_H
#define S40_REPORT_CAMPAIGN_H

#include <stdint.h>

#include "core/area.h"
#include "report/table.h"
#include "stats/attainment.h"
#include "stats/coverage.h"
#include "store/store.h"

/* Per village of area on day: surveyed residents, eligible, members, uninsured
 * eligible, covered elsewhere, coverage %, covered by any scheme %, fully
 * covered and since when, residents on whom survey and register disagree; then
 * a total row. */
enum s40_err s40_report_villages(struct s40_store *st, int32_t area, int32_t day,
				 struct s40_table *t, struct s40_ctx *ctx);

/* Per subdistrict of area on day: villages, surveyed, fully covered (and which),
 * whether it achieves One Tambon, One Village; then a total row. */
enum s40_err s40_report_tambons(struct s40_store *st, int32_t area, int32_t day,
				struct s40_table *t, struct s40_ctx *ctx);

/* The uninsured eligible residents of village on day, by address then name,
 * with age, phone and address (IDs masked), leaving out anyone registered
 * outside area scope (0: no one is left out). S40_E_NO_SURVEY when no survey
 * is in force. */
enum s40_err s40_report_prospects(struct s40_store *st, int32_t village, int32_t day,
				  int32_t scope, struct s40_table *t, struct s40_ctx *ctx);

/* Attainment of fiscal year fy as of day: a row per area at level inside area
 * (S40_LEVEL_NONE: one below), then area itself. ix may be NULL. */
enum s40_err s40_report_attainment(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
				   int32_t area, enum s40_level level, int32_t day,
				   struct s40_table *t, struct s40_ctx *ctx);

/* The coverage of surveyed villages as of day, from the coverage index ix (NULL:
 * one built for area alone, from the store): a row per area at level inside
 * area (S40_LEVEL_NONE: one below; part-00 areas only when surveyed), then
 * area itself: its subdistricts, those with a fully covered village (One
 * Tambon, One Village), villages with a survey in force, fully covered
 * villages, surveyed residents by class, coverage % (members / eligible) and
 * residents on whom survey and register disagree. */
enum s40_err s40_report_coverage(struct s40_store *st, const struct s40_cov_ix *ix, int32_t area,
				 enum s40_level level, int32_t day, struct s40_table *t,
				 struct s40_ctx *ctx);

enum s40_trend_period {
	S40_TREND_MONTH = 0,
	S40_TREND_WEEK = 1
};

/* New enrolments in area per month (or week, Monday to Sunday) of fiscal year
 * fy up to day, cumulative, against the target line: a straight line from 0
 * before the year's first day to the target on its last. ix may be NULL. */
enum s40_err s40_report_trend(struct s40_store *st, const struct s40_attain_ix *ix, int fy,
			      int32_t area, int32_t day, enum s40_trend_period period,
			      struct s40_table *t, struct s40_ctx *ctx);

#endif
