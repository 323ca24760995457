/*
 * network.h — the reports of the social-security network and of field events:
 * who is in the network, what each member achieved in a fiscal year (recruits,
 * recruits still members, recruits still paying, ranked within the area), and
 * the events held with their staff and the enrolments made at them.
 *
 * Each fills a table the caller initialised with s40_table_init (titles are
 * set here) and frees with s40_table_free.
 */
#ifndef S40_REPORT_NETWORK_H
#define S40_REPORT_NETWORK_H

#include <stdint.h>

#include "report/table.h"
#include "store/store.h"

/*
 * The network members of area (0: everywhere; a member counts for the area
 * that contains theirs) active on day, or every period ever when day is
 * S40_NO_DAY: national ID, names, role, area, supervisor, from and end days.
 * By area, then role (staff first), then Thai name.
 */
enum s40_err s40_report_network_members(struct s40_store *st, int32_t area, int32_t day,
					struct s40_table *t, struct s40_ctx *ctx);

/*
 * The results of each network member of area in fiscal year fy (BE) as of day
 * (counted from the year's first day to the earlier of day and its last day):
 * recruits (enrolments recruited by the member that started then), of them
 * still members on that day, and of those still paying (ledger standing
 * "paying": no unpaid month before that day's month). Members are those active
 * at some day of that span; one row per person (their latest period). Ranked
 * by recruits within the area (equal recruits share a rank: 1, 1, 3), then by
 * Thai name; a last row holds the totals. National IDs are masked.
 * S40_E_BAD_VALUE when day is before the year's first day.
 */
enum s40_err s40_report_network(struct s40_store *st, int fy, int32_t area, int32_t day,
				struct s40_table *t, struct s40_ctx *ctx);

/*
 * The field events in villages of area (0: everywhere) in fiscal year fy (0:
 * every year), by day: number, day, village code and full name, kind, place,
 * staff present (how many, and their names and roles), and the enrolments made
 * at the event.
 */
enum s40_err s40_report_events(struct s40_store *st, int32_t area, int fy, struct s40_table *t,
			       struct s40_ctx *ctx);

#endif
