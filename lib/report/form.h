/*
 * form.h — a person's registration for Section 40 on paper, in the layout of
 * the Social Security Office's application form สปส. 1-40 (docs/DECISIONS.md
 * says which parts of it are followed): the applicant's details from the
 * register, the option chosen, and the lines to sign or to put a thumbprint,
 * as an A4 PDF ready to sign.
 */
#ifndef S40_REPORT_FORM_H
#define S40_REPORT_FORM_H

#include <stdint.h>
#include <stdio.h>

#include "registry/membership.h"
#include "registry/person.h"
#include "store/store.h"

struct s40_form {
	struct s40_person person;
	char area_th[512]; /* "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" */
	char area_en[512];
	char postcode[8];
	int has_spell; /* the latest membership spell, when there is one */
	struct s40_spell spell;
	int64_t rate[4]; /* the member's share of options 1–3 in the spell's first
				 * month (or the day's month), satang; 0 unknown */
	int32_t day; /* the day of the application: the spell's start, or today */
};

/*
 * Read what the form of person id shows from st: the person, the address, the
 * latest membership spell (its option and start day are the application's) and
 * the options' monthly shares in that month; without a spell, the day is today
 * and no option is marked. S40_E_NOT_FOUND when the person is not registered.
 */
enum s40_err s40_form_read(struct s40_store *st, int64_t id, int32_t today, struct s40_form *fm,
			   struct s40_ctx *ctx);

/*
 * Write fm to f as a one-page A4 PDF in lang (Thai; English labels with
 * S40_LANG_EN), in the built-in Sarabun (pdf.h): the form's code สปส. 1-40,
 * its title, the applicant (name, national ID in 13 boxes, birth day and age,
 * nationality, address, phone), the three options with the chosen one ticked,
 * the recruiter, the declaration, the applicant's signature with a box for a
 * thumbprint, the office's part, and the day printed (unless printed_day is
 * S40_NO_DAY). S40_E_IO with a message when the PDF cannot be made or written.
 */
enum s40_err s40_form_write_pdf(const struct s40_form *fm, enum s40_lang lang, int32_t printed_day,
				FILE *f, struct s40_ctx *ctx);

#endif
