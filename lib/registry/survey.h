/*
 * survey.h — village surveys: the denominator of the campaign.
 *
 * A survey records, for one village on one day, each working-age resident (by
 * national ID, registered in the person register) with what the surveyor found:
 * a Section 40 member, covered by Section 33 or 39, a civil servant, a
 * state-enterprise employee, uninsured and eligible, or not eligible with a
 * reason (student, age, not Thai, other). Surveys repeat: the latest survey of
 * a village on or before a day is the one in force on that day.
 *
 * A survey is keyed by (village, day). Adding residents to a village on a day
 * that already has a survey adds to it (a resident already in it takes the new
 * status), so a survey can be entered in parts and an import of the same file
 * twice changes nothing the second time. Every call is all or nothing and
 * journaled ("survey.add", entity "survey:<village>:<ISO day>").
 */
#ifndef S40_REGISTRY_SURVEY_H
#define S40_REGISTRY_SURVEY_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

/* What the surveyor recorded. Stable numbers (stored in the database). */
enum s40_survey_status {
	S40_SURVEY_MEMBER = 1, /* Section 40 member */
	S40_SURVEY_S33 = 2, /* insured under Section 33 */
	S40_SURVEY_S39 = 3, /* insured under Section 39 */
	S40_SURVEY_CIVIL_SERVANT = 4, /* ข้าราชการ */
	S40_SURVEY_STATE_ENTERPRISE = 5, /* พนักงานรัฐวิสาหกิจ */
	S40_SURVEY_UNINSURED = 6, /* uninsured and eligible */
	S40_SURVEY_INELIGIBLE = 7, /* not eligible, with a reason */
};

/* Why a surveyed resident is not eligible (status S40_SURVEY_INELIGIBLE). */
enum s40_survey_reason {
	S40_SURVEY_R_STUDENT = 1,
	S40_SURVEY_R_AGE = 2,
	S40_SURVEY_R_NOT_THAI = 3,
	S40_SURVEY_R_OTHER = 4,
};

/* "member", "s33", "s39", "civil_servant", "state_enterprise", "uninsured",
 * "ineligible" and the Thai words (มาตรา40, มาตรา33, ข้าราชการ, รัฐวิสาหกิจ,
 * ไม่มีหลักประกัน, ไม่มีสิทธิ …) → status; 0 if unknown. */
int s40_survey_status_parse(const char *s);
const char *s40_survey_status_key(int status); /* "uninsured"; "" if none */
const char *s40_survey_status_name(int status, enum s40_lang lang); /* "ยังไม่มีหลักประกัน" */

/* "student", "age", "not_thai", "other" and Thai (นักเรียน, อายุ, ไม่ใช่สัญชาติไทย,
 * อื่นๆ …) → reason; 0 if unknown. */
int s40_survey_reason_parse(const char *s);
const char *s40_survey_reason_key(int reason);
const char *s40_survey_reason_name(int reason, enum s40_lang lang);

/* One resident of a survey. reason is 0 unless status is S40_SURVEY_INELIGIBLE. */
struct s40_survey_entry {
	int64_t person;
	int status;
	int reason;
};

struct s40_survey {
	int64_t survey_id;
	int32_t village;
	int32_t day;
	int64_t n_residents;
	int64_t journal_seq;
};

struct s40_survey_result {
	int64_t survey_id;
	long added; /* residents new to the survey */
	long updated; /* residents whose status changed */
	long unchanged; /* residents recorded already with that status */
};

/*
 * Record residents of village (8 digits, an existing village, not part 00) as
 * found on day (not after reg->today). Each person must be registered
 * (S40_E_NOT_FOUND, field "resident"), each status and reason valid (reason
 * required with S40_SURVEY_INELIGIBLE and refused otherwise: S40_E_BAD_REASON),
 * and a person may appear once per call (S40_E_BAD_VALUE). Every check is made
 * before anything is written; on failure nothing is. res may be NULL.
 */
enum s40_err s40_survey_add(struct s40_reg *reg, int32_t village, int32_t day,
			    const struct s40_survey_entry *v, size_t n,
			    struct s40_survey_result *res, struct s40_ctx *ctx);

/* The survey of village in force on day: the latest on or before it.
 * S40_OK with *found 0 when there is none. */
enum s40_err s40_survey_in_force(struct s40_store *st, int32_t village, int32_t day,
				 struct s40_survey *sv, int *found, struct s40_ctx *ctx);

/* Every survey of village, oldest first. *out allocated (free it). */
enum s40_err s40_survey_list(struct s40_store *st, int32_t village, struct s40_survey **out,
			     size_t *n, struct s40_ctx *ctx);

/* The residents of a survey, by national ID. *out allocated (free it). */
enum s40_err s40_survey_entries(struct s40_store *st, int64_t survey_id,
				struct s40_survey_entry **out, size_t *n, struct s40_ctx *ctx);

#endif
