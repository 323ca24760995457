/*
 * benefits.h — Section 40 benefit rules by date (DOMAIN.md §4), as data.
 *
 * The rules are a table (data/benefits.csv, embedded): each row is one part of
 * one case for a range of options, in one rule version. A version is every row
 * with the same effective day; the version in force on a day is the latest
 * that starts on or before it, and each version is complete (it repeats what
 * did not change), so a check reads one version only. Money is int64 satang.
 *
 * A contribution window of N months before an event on day D is the N months
 * before the month of D: months M-N … M-1 where M is the month of D. The same
 * definition is used for a member's standing (lib/registry/ledger.h).
 */
#ifndef S40_RULES_BENEFITS_H
#define S40_RULES_BENEFITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Benefit cases. Stable numbers (stored in the benefit table). */
enum s40_case {
	S40_CASE_INPATIENT = 1,  /* in hospital, per day */
	S40_CASE_REST = 2,       /* doctor-ordered rest, per day */
	S40_CASE_OUTPATIENT = 3, /* out-patient visit with a certificate, no rest */
	S40_CASE_DISABILITY = 4, /* monthly, by tier */
	S40_CASE_DEATH = 5,      /* funeral and survivor grants */
	S40_CASE_CHILD = 6,      /* child allowance, per child per month (option 3) */
	S40_CASE_OLDAGE = 7,     /* old-age lump sum / savings (options 2 and 3) */
	S40_CASE__END
};

/* "inpatient", "rest", "outpatient", "disability", "death", "child", "oldage"
 * (and Thai words: ผู้ป่วยใน, หยุดพัก, ผู้ป่วยนอก, ทุพพลภาพ, ตาย, บุตร, ชราภาพ) → case;
 * 0 if unknown. */
int s40_case_parse(const char *s);
const char *s40_case_key(int c);                       /* "inpatient"; "" if none */
const char *s40_case_name(int c, enum s40_lang lang);  /* "เจ็บป่วย (ผู้ป่วยใน)" */

/* What a rule's amount is paid for. */
enum s40_per {
	S40_PER_DAY = 1,
	S40_PER_VISIT = 2,
	S40_PER_MONTH = 3,
	S40_PER_ONCE = 4,
};

struct s40_benefit_rule {
	char version[16];      /* "2561", "2563", "2568" */
	int32_t from_day;      /* the version's effective day */
	int kind;              /* enum s40_case */
	char part[16];         /* "main", "tier1"…"tier4", "funeral", "survivor" */
	int option_lo, option_hi;
	int64_t amount;        /* satang per unit (per day, visit, month or once) */
	int per;               /* enum s40_per */
	int window;            /* months before the event's month; 0: no window */
	int min_paid;          /* months paid in the window at least */
	int min_total_paid;    /* months paid in all before the event's month at least */
	int min_units;         /* least days/visits/children for the case (rest: 3, then 1) */
	int max_units;         /* most units paid for at once (children: 2); 0: no limit */
	int age;               /* child: the children's greatest age; old age: the member's age */
	int cap_per_year;      /* units per calendar year; 0: no cap */
	char cap_group[24];    /* rules sharing one yearly cap ("sick_days"); "" */
	int duration_months;   /* how long a monthly benefit is paid; 0: for life */
	char status[12];       /* CONFIRMED, SECONDARY, DECIDED */
	long line;             /* the table's line */
};

struct s40_benefit_rules {
	struct s40_benefit_rule *v; /* sorted by from_day, case, part, option_lo */
	size_t n;
};

/* Load the embedded table. Free with s40_benefit_rules_free. */
enum s40_err s40_benefit_rules_load(struct s40_benefit_rules *r, struct s40_ctx *ctx);

/*
 * Parse a table held in memory (the columns of data/benefits.csv). The table is
 * checked whole: known cases and units, options 1–3, one effective day per
 * version, no two rows of one version for the same case, part and option. A
 * fault is refused naming its line. On failure *r is empty.
 */
enum s40_err s40_benefit_rules_parse(struct s40_benefit_rules *r, const char *text, size_t len,
				     struct s40_ctx *ctx);
void s40_benefit_rules_free(struct s40_benefit_rules *r);

/* The first row of the version in force on day, or NULL before the first. */
const struct s40_benefit_rule *s40_benefit_version_on(const struct s40_benefit_rules *r,
						      int32_t day);

/*
 * The rows of case kind for option in the version in force on day, in the
 * table's order (tiers in order), at most max into out. Returns how many
 * (0: the option is not covered, or no version on day).
 */
size_t s40_benefit_rules_for(const struct s40_benefit_rules *r, int32_t day, int kind, int option,
			     const struct s40_benefit_rule **out, size_t max);

#endif
