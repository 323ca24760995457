/*
 * statement.h — the progress statement: a paragraph in Thai (and English) of
 * the kind a press release quotes, written from the data of an area on a day:
 *
 *   ณ วันที่ 31 ตุลาคม 2562 จังหวัดสมุทรสงครามมีผู้ประกันตนตามมาตรา 40 จำนวน
 *   17,093 คน …
 *
 * The facts: members on the day (the as-of index); the target and attainment
 * of the latest fiscal year that has a target for the area and has begun by the
 * day (registry/target.h, stats/attainment.h), counted up to the earlier of the
 * day and the year's end; the districts where field events were held from the
 * first day of that fiscal year (the day's fiscal year without a target) up to
 * the day; and the villages fully covered on the day (stats/coverage.h).
 * Numbers are grouped as ICU th-TH prints them (17,093), dates are long Thai
 * dates with the Buddhist-era year.
 */
#ifndef S40_REPORT_STATEMENT_H
#define S40_REPORT_STATEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "report/table.h"
#include "stats/asof.h"
#include "stats/attainment.h"
#include "store/store.h"

/* How many fully covered villages the paragraph names before "and N more". */
#define S40_STATEMENT_VILLAGES_NAMED 10

struct s40_statement {
	int32_t area;
	int32_t day;
	int64_t members; /* active Section 40 members on day */
	int has_target; /* a fiscal year with a target has begun by day */
	int fy; /* that fiscal year (BE); the day's fiscal year without one */
	int32_t fy_first, fy_last;
	int32_t counted_to; /* min(day, fy_last): attainment is counted up to it */
	int64_t target;
	int64_t achieved; /* new memberships from fy_first to counted_to */
	int32_t pct; /* achieved / target, hundredths of a per cent; -1 none */
	int32_t *districts; /* districts with a field event from fy_first to day, by code */
	size_t n_districts;
	int64_t n_events;
	int32_t *full; /* villages fully covered on day, by code */
	size_t n_full;
	char *text_th; /* the paragraph */
	char *text_en;
};

/*
 * Gather the facts for area (any level but a village) on day and write the
 * paragraphs. The members come from ix and the attainment from attain; either
 * may be NULL (then it is built for this call, which reads every spell: a
 * server passes its own). out is owned by the caller: free with
 * s40_statement_free. S40_E_UNKNOWN_AREA for an area that does not exist.
 */
enum s40_err s40_statement_build(struct s40_store *st, const struct s40_asof *ix,
				 const struct s40_attain_ix *attain, int32_t area, int32_t day,
				 struct s40_statement *out, struct s40_ctx *ctx);

/* Free what s40_statement_build allocated; s is left empty. */
void s40_statement_free(struct s40_statement *s);

/*
 * The facts as a one-row table (for JSON, CSV and XLSX): area, date, members,
 * fiscal year, target, achieved, percent, districts, events, fully covered
 * villages (codes and names), and both paragraphs. t is initialised by the
 * caller; titles are set here.
 */
enum s40_err s40_statement_table(struct s40_store *st, const struct s40_statement *s,
				 struct s40_table *t, struct s40_ctx *ctx);

#endif
