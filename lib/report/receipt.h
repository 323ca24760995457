/*
 * receipt.h — a payment's receipt on paper: what the counter hands the member
 * who paid (the office, the receipt number and day, the payer's name and
 * masked national ID, the months paid with the amount of each, the total in
 * figures and in Thai words, the channel), as an A4 PDF.
 */
#ifndef S40_REPORT_RECEIPT_H
#define S40_REPORT_RECEIPT_H

#include <stdint.h>
#include <stdio.h>

#include "registry/ledger.h"
#include "registry/person.h"
#include "store/store.h"

/* One month a receipt covers: the member's share and the extra savings. */
struct s40_receipt_month {
	int32_t month;
	int option;
	int64_t member; /* satang */
	int64_t extra; /* satang */
};

struct s40_receipt {
	struct s40_payment pay;
	struct s40_person person;
	char address_th[768]; /* "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม" */
	char address_en[768];
	char office_th[256]; /* "สำนักงานประกันสังคมจังหวัดสมุทรสงคราม" */
	char office_en[256]; /* "Social Security Office, Samut Songkhram" */
	struct s40_receipt_month *months; /* n_months, by month */
	size_t n_months;
};

/*
 * Read the receipt with reference ref from st into r: the payment, its payer,
 * the payer's village as an address, the office of the payer's province, and
 * the months the payment covers from the ledger. S40_E_NOT_FOUND (field
 * "receipt") when there is no such receipt. Free r with s40_receipt_free.
 */
enum s40_err s40_receipt_read(struct s40_store *st, const char *ref, struct s40_receipt *r,
			      struct s40_ctx *ctx);

/* Free what s40_receipt_read allocated; r is left empty. */
void s40_receipt_free(struct s40_receipt *r);

/*
 * Write r to f as a one-page A4 PDF in lang (Thai: labels in Thai, the amount
 * in Thai words; English: labels in English), in the built-in Sarabun (pdf.h):
 * the office and the title, the receipt number and the day paid in the
 * Buddhist era, the payer (name, national ID masked, address), the channel, a
 * table of the months paid with the option and the amounts, the total in
 * figures and words, a line for the receiver's signature, and the day printed
 * (unless printed_day is S40_NO_DAY). S40_E_IO with a message when the PDF
 * cannot be made or written.
 */
enum s40_err s40_receipt_write_pdf(const struct s40_receipt *r, enum s40_lang lang,
				   int32_t printed_day, FILE *f, struct s40_ctx *ctx);

#endif
