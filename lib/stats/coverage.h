/*
 * coverage.h — village coverage, fully covered villages (หมู่บ้านประกันสังคม
 * ถ้วนหน้า) and the One Tambon, One Village achievement, computed for any day
 * from the surveys and the register; never stored as a flag.
 *
 * The residents of a village on day D are those of its survey in force on D
 * (survey.h). Each resident's standing on D comes from the register itself:
 * an active membership makes a member; cover under Section 33/39, civil service
 * or a state enterprise in force (exclusions), or the age or nationality rule,
 * makes them not eligible. The survey's own word counts where the register has
 * nothing to say against it: a resident the register finds eligible but the
 * survey recorded as covered elsewhere or not eligible is not eligible. Where
 * the survey and the register disagree, the resident is flagged.
 *
 * DOMAIN.md §1: a village is fully covered on D when it has at least one
 * surveyed eligible resident and members / eligible reaches the threshold
 * (100% by default; meta key "campaign.full_threshold", hundredths of a per
 * cent: 10000). A subdistrict achieves One Tambon, One Village on D when at
 * least one of its villages is fully covered on D. "Since" is the first day of
 * the current unbroken run of being fully covered.
 */
#ifndef S40_STATS_COVERAGE_H
#define S40_STATS_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "registry/registry.h"
#include "store/store.h"

#define S40_COVERAGE_THRESHOLD_KEY "campaign.full_threshold"
#define S40_COVERAGE_THRESHOLD_DEFAULT 10000 /* 100.00% */

/* A resident's standing on a day by the register. */
enum s40_reg_standing {
	S40_STAND_MEMBER = 1, /* an active Section 40 spell */
	S40_STAND_EXCLUDED = 2, /* Section 33/39, civil servant, state enterprise in force */
	S40_STAND_INELIGIBLE = 3, /* the age or nationality rule (or birth unknown) */
	S40_STAND_UNINSURED = 4, /* eligible and not a member */
};

/* How a resident counts for the village on the day. */
enum s40_cov_class {
	S40_COV_MEMBER = 1, /* eligible and a member: counts for */
	S40_COV_UNINSURED = 2, /* eligible and not a member: counts against (a prospect) */
	S40_COV_OTHER_SCHEME = 3, /* covered by Section 33/39, civil servant, state enterprise */
	S40_COV_INELIGIBLE = 4, /* not eligible otherwise: counts neither way */
};

struct s40_resident_cov {
	int64_t person;
	int survey_status; /* enum s40_survey_status */
	int survey_reason;
	int standing; /* enum s40_reg_standing */
	int excl_kind; /* with S40_STAND_EXCLUDED: enum s40_excl_kind */
	unsigned inelig; /* with S40_STAND_INELIGIBLE: enum s40_inelig bits */
	int cls; /* enum s40_cov_class */
	int disagree; /* the survey and the register say different things */
};

struct s40_village_cov {
	int32_t village;
	int64_t survey_id; /* 0 when no survey is in force */
	int32_t survey_day; /* S40_NO_DAY when no survey is in force */
	long n_surveyed;
	long n_eligible; /* members + uninsured */
	long n_members;
	long n_uninsured;
	long n_other_scheme;
	long n_ineligible;
	long n_disagree;
	int32_t coverage; /* members / eligible in hundredths of a per cent; -1: none eligible */
	int32_t any_scheme; /* (members + other scheme) / surveyed, hundredths; -1: none */
	int full; /* fully covered on the day */
	int32_t full_since; /* first day of the current run; S40_NO_DAY when not full */
};

/* The threshold in hundredths of a per cent (meta, else the default). */
enum s40_err s40_coverage_threshold(struct s40_store *st, int32_t *bp, struct s40_ctx *ctx);

/* Set the threshold (1–10000), journaled ("coverage.threshold"). */
enum s40_err s40_coverage_set_threshold(struct s40_reg *reg, int32_t bp, struct s40_ctx *ctx);

/* A person's standing on day by the register. excl_kind and inelig may be NULL. */
enum s40_err s40_coverage_standing(struct s40_store *st, int64_t person, int32_t day, int *standing,
				   int *excl_kind, unsigned *inelig, struct s40_ctx *ctx);

/* The coverage of one village on day, with since when it is fully covered. */
enum s40_err s40_coverage_village_on(struct s40_store *st, int32_t village, int32_t day,
				     struct s40_village_cov *out, struct s40_ctx *ctx);

/*
 * Every village in area (any level; a village code gives one) on day, by code:
 * the villages of the area tree except the part-00 codes, plus any part-00 code
 * that has a survey. *out allocated (free it).
 */
enum s40_err s40_coverage_villages(struct s40_store *st, int32_t area, int32_t day,
				   struct s40_village_cov **out, size_t *n, struct s40_ctx *ctx);

/* Only the villages of area fully covered on day, by code. *out allocated. */
enum s40_err s40_coverage_fully_covered_list(struct s40_store *st, int32_t area, int32_t day,
					     struct s40_village_cov **out, size_t *n,
					     struct s40_ctx *ctx);

/* The residents of village's survey in force on day with their standing and
 * class, by national ID; *n 0 when no survey is in force. *out allocated. */
enum s40_err s40_coverage_residents(struct s40_store *st, int32_t village, int32_t day,
				    struct s40_resident_cov **out, size_t *n, struct s40_ctx *ctx);

struct s40_tambon_cov {
	int32_t subdistrict;
	long n_villages; /* villages (part 00 aside) */
	long n_surveyed; /* with a survey in force */
	long n_full; /* fully covered on the day */
	int achieved; /* n_full > 0 */
};

/* Every subdistrict in area on day, by code. *out allocated (free it). */
enum s40_err s40_coverage_tambons(struct s40_store *st, int32_t area, int32_t day,
				  struct s40_tambon_cov **out, size_t *n, struct s40_ctx *ctx);

/*
 * Allocate area's target for fy (registry/target.h) to its children by their
 * share of surveyed eligible residents in the surveys in force on day:
 * s40_target_allocate_weighted with each child's count of eligible residents.
 */
enum s40_err s40_coverage_allocate_target(struct s40_reg *reg, int fy, int32_t area, int32_t day,
					  long *cleared, struct s40_ctx *ctx);

/*
 * The coverage index (coverage_index.c): the totals of any area (0 the
 * country, a province, district, subdistrict or village) on any day, from one
 * read of every survey and its residents' register rows, so that a total is
 * two binary searches, never a walk over villages. Built for the threshold in
 * force; it does not follow writes: build it again after a survey, a
 * membership, an exclusion, a person's birth day or nationality, or the
 * threshold changes. Readers may share it.
 */
struct s40_cov_ix;

struct s40_cov_total {
	int64_t villages_surveyed; /* villages with a survey in force */
	int64_t villages_full; /* fully covered */
	int64_t tambons_achieved; /* subdistricts with a fully covered village */
	int64_t surveyed; /* residents of the surveys in force */
	int64_t members;
	int64_t uninsured;
	int64_t other_scheme;
	int64_t ineligible;
	int64_t disagree; /* the survey and the register say different things */
};

enum s40_err s40_cov_ix_build(struct s40_store *st, struct s40_cov_ix **out, struct s40_ctx *ctx);

/* The same for the villages of area only (0: the country, as above): its
 * totals and those of the areas inside it are the whole index's; the areas
 * above it count only what is inside it. S40_E_BAD_AREA for a code of no level. */
enum s40_err s40_cov_ix_build_area(struct s40_store *st, int32_t area, struct s40_cov_ix **out,
				   struct s40_ctx *ctx);
void s40_cov_ix_free(struct s40_cov_ix *ix);

/* Whether person is a resident of some survey the index read: a change to
 * anyone else's memberships, exclusions, birth day or nationality leaves the
 * index as it is. */
bool s40_cov_ix_has_person(const struct s40_cov_ix *ix, int64_t person);

/* The totals of area on day (all 0 for an area without a survey). */
void s40_cov_ix_total(const struct s40_cov_ix *ix, int32_t area, int32_t day,
		      struct s40_cov_total *out);

/* The threshold the index was built with (hundredths of a per cent). */
int32_t s40_cov_ix_threshold(const struct s40_cov_ix *ix);

/* Bytes the index holds on the heap, and the residents and days it holds. */
struct s40_cov_ix_mem {
	size_t bytes;
	size_t residents; /* rows of the surveys read */
	size_t village_days; /* days on which some village's counts change */
	size_t area_days; /* the same for every area above the villages, added up */
};

void s40_cov_ix_memory(const struct s40_cov_ix *ix, struct s40_cov_ix_mem *m);

#endif
