/*
 * ledger.h — the contribution reports as tables (report/table.h): a member's
 * month-by-month ledger, the lapsed follow-up list, the contributions collected
 * per area per month, and a benefit check.
 *
 * Each function fills a table the caller initialised with s40_table_init and
 * frees with s40_table_free.
 */
#ifndef S40_REPORT_LEDGER_H
#define S40_REPORT_LEDGER_H

#include <stdint.h>

#include "core/area.h"
#include "registry/benefit.h"
#include "report/table.h"
#include "rules/rates.h"
#include "store/store.h"

/*
 * One row per month from … to of person: whether a member, the option, the
 * member's share due, what was paid (member and government shares, extra
 * savings) and by which payment (receipt, paid day, channel). The subtitle
 * gives the person and the standing on day (months paid in the last 4, 10,
 * 12, 36 months, consecutive unpaid months, status) with lapse months as the
 * lapsed threshold. rates may be NULL.
 */
enum s40_err s40_report_ledger(struct s40_store *st, const struct s40_rates *rates,
			       int64_t person, int32_t from, int32_t to, int32_t day, int lapse,
			       struct s40_table *t, struct s40_ctx *ctx);

/*
 * The follow-up list: members of area (0: everywhere) on day who are in
 * arrears or lapsed (lapse months or more unpaid), worst first (most unpaid
 * months, then village, then ID), with the months unpaid, the last month paid,
 * their phone, the volunteer who recruited them with a phone, the network
 * member they are assigned to for follow-up and the outcome and day of the
 * latest call (followup.h). National IDs are masked (t->mask_ids). With
 * recruiter (non-zero), only the members that person recruited (in any spell)
 * or that are assigned to them: a volunteer's list.
 */
enum s40_err s40_report_lapsed(struct s40_store *st, int32_t area, int32_t day, int lapse,
			       int64_t recruiter, struct s40_table *t, struct s40_ctx *ctx);

/* Which members of the follow-up list a page shows, and in which order. */
struct s40_lapsed_view {
	int status; /* 0: all; S40_STANDING_ARREARS or S40_STANDING_LAPSED: those only */
	int newest; /* the newest lapses first: fewest unpaid months, then village, ID */
	int64_t assignee; /* 0: all; a national ID: the members assigned to that network
			     member (followup.h); -1: those assigned to no one */
};

/*
 * The rows offset … offset + limit - 1 of that list (view: which members and
 * in which order; NULL: all, worst first) (recruiter as above;
 * limit SIZE_MAX: to the end), with the whole list's length in *total (may be
 * NULL). For an area
 * (not 0) it reads that province's memberships by start day and stops once
 * the page is known, so a page costs the earliest starts of the area, not
 * the whole list. active: the members active on day in area from an as-of
 * index of the same spells (the server's: s40_asof_count), which *total
 * counts from without reading them from the store; -1 to read them.
 */
enum s40_err s40_report_lapsed_page(struct s40_store *st, int64_t active, int32_t area,
				    int32_t day, int lapse, int64_t recruiter,
				    const struct s40_lapsed_view *view, size_t offset,
				    size_t limit, struct s40_table *t, int64_t *total,
				    struct s40_ctx *ctx);

/*
 * Contributions collected for the contribution months from … to in each area
 * at level inside area (S40_LEVEL_NONE: one below area; area 0: provinces),
 * month by month: member shares, government shares, extra savings and the
 * members paying; then a total row for area in each month. Areas are those of
 * the member's spell (the village of enrolment), as in the as-of counts.
 */
enum s40_err s40_report_contributions(struct s40_store *st, int32_t area, enum s40_level level,
				      int32_t from, int32_t to, struct s40_table *t,
				      struct s40_ctx *ctx);

/*
 * A benefit check as a table: one row per condition (its window, needed,
 * found, holds, and what it pays when it does), then a row "result" with
 * eligible and the amount. The subtitle names the person, the day, the
 * option, the rule version and the outcome; old-age savings are marked
 * provisional.
 */
enum s40_err s40_report_benefit(struct s40_store *st, int64_t person,
				const struct s40_benefit_check *c, struct s40_table *t,
				struct s40_ctx *ctx);

#endif
