/*
 * demo.h — a synthetic Samut Songkhram (province 75) for demonstration and
 * tests, built deterministically from a seed through the same registry
 * operations as real data.
 */
#ifndef S40_IO_DEMO_H
#define S40_IO_DEMO_H

#include <stdint.h>

#include "core/error.h"
#include "registry/registry.h"

/* The figure the seed article gives: Section 40 members in Samut Songkhram on
 * 31 October 2019 (31 ตุลาคม 2562). */
#define S40_DEMO_MEMBERS_2019_10_31 17093

/* The province the demo fills. */
#define S40_DEMO_PROVINCE 75

/* Every date the demo writes lies in 2012-01-01 … S40_DEMO_LAST_DAY, so the
 * demo is the same whatever day it is built on, from S40_DEMO_MIN_TODAY on,
 * except for the payments it adds from January 2020 up to the month before
 * that day's. */
#define S40_DEMO_LAST_YMD 2019, 12, 31
#define S40_DEMO_MIN_TODAY_YMD 2020, 1, 1

/* The village the demo makes fully covered on 31 October 2019: every resident
 * it registers there is an active member that day or not eligible (หมู่ 2
 * ตำบลแควอ้อม อำเภออัมพวา, the seed article's หมู่บ้านประกันสังคมถ้วนหน้า). */
#define S40_DEMO_FULL_VILLAGE 75030702

/* The registration event of 8 November 2019 at หมู่ 5 ตำบลเหมืองใหม่: the demo
 * enrols some residents there on that day through channel "event". */
#define S40_DEMO_EVENT_VILLAGE 75030505
#define S40_DEMO_EVENT_YMD 2019, 11, 8

struct s40_demo_summary {
	long persons; /* persons registered */
	long spells; /* membership spells (enrolments) */
	long ended; /* spells ended, by s40_membership_end or by an exclusion */
	long exclusions; /* exclusion records */
	long option_changes; /* option changes */
	long reenrolled; /* persons enrolled twice (ended, then enrolled again) */
	long volunteers; /* persons who recruit others (recruited_by) */
	long members_on_day; /* active in province 75 on 2019-10-31, read back */
	int64_t journal_seq; /* the one journal entry "demo.build" */
	long surveys; /* village surveys (two rounds: 2018 and 2019) */
	long surveyed; /* residents recorded in them */
	long network_members; /* network periods: staff, representatives, leaders, volunteers */
	long network_ended; /* volunteers who left the network (Oct–Dec 2019) */
	long events; /* field events: a campaign per subdistrict in FY2562, 8 Nov 2019 */
	long event_enrolments; /* enrolments linked to the event they were made at */
	long payments; /* contribution payments, up to the month before reg->today's */
	long ledger_months; /* contribution months they paid */
};

/*
 * Fill a database that holds the geography (s40_areas_load) and no persons
 * with the demo: people with valid synthetic IDs in every village of province
 * 75, memberships from 2012 on (some ended, some twice), exclusions, option
 * changes, such that exactly S40_DEMO_MEMBERS_2019_10_31 are active on
 * 2019-10-31, which is checked through the as-of index before committing
 * (S40_E_INTERNAL if not). The same seed gives the same persons, spells and
 * exclusions whatever reg->today is, as long as it is on or after
 * S40_DEMO_MIN_TODAY (else S40_E_USAGE), and the same payments for the months
 * up to December 2019; the members who still pay then go on paying for every
 * month before the month of reg->today, but for a few who stop or leave a
 * batch unpaid. The campaign phase (issue 5) then surveys every
 * village twice (August–September 2018 and September 2019) and sets the FY2562
 * target of 2,878 for province 75, allocated to its districts by the 2018 surveys;
 * S40_DEMO_FULL_VILLAGE is fully covered on 31 October 2019 (lib/stats/coverage.h). One transaction and one journal entry
 * "demo.build" that every written row carries; on any failure nothing is
 * written. S40_E_EXISTS if the database has persons already,
 * S40_E_UNKNOWN_AREA if province 75 is not loaded. sum may be NULL.
 */
enum s40_err s40_demo_build(struct s40_reg *reg, uint64_t seed, struct s40_demo_summary *sum,
			    struct s40_ctx *ctx);

#endif
