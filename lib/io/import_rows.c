/*
 * import_rows.c — one row of each kind applied through the registry: persons,
 * enrolments (adding the person first when the file can), exclusions, village
 * names, payments and surveys. Each checks before it writes (see import.c's
 * opening comment for partial imports).
 */
#include "import_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/area.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "rules/eligibility.h"
#include "store/store.h"

/* ---- rows ---- */

/* Whether an error stops the whole import rather than rejecting one row. */
int imp_fatal(enum s40_err rc)
{
	switch (rc) {
	case S40_E_NOMEM:
	case S40_E_IO:
	case S40_E_INTERNAL:
	case S40_E_DB:
	case S40_E_DB_BUSY:
	case S40_E_DB_UNAVAILABLE:
	case S40_E_READ_ONLY:
	case S40_E_SCHEMA:
	case S40_E_JOURNAL:
	case S40_E_CONSTRAINT:
		return 1;
	default:
		return 0;
	}
}

/* A registry operation failed after it or the row had written: in partial mode
 * the row cannot be dropped alone, so the import stops. */
enum s40_err imp_half_written(const struct imp *im, enum s40_err rc, struct s40_ctx *ctx)
{
	if (!im->o->partial || imp_fatal(rc))
		return rc;
	struct s40_ctx why = *ctx;
	s40_errorf(ctx, S40_E_INTERNAL, why.field, "แถวถูกปฏิเสธหลังบันทึกไปบางส่วน จึงยกเลิกการนำเข้าทั้งหมด",
		   "a row was refused after part of it was written, so the whole import "
		   "is abandoned");
	imp_msg_append(ctx, &why);
	return S40_E_INTERNAL;
}

static enum s40_err imp_row_person(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_person p;
	s40_person_clear(&p);
	enum s40_err rc = S40_OK;
	struct s40_ctx imp_c;
	IMP_CHECK(imp_id(im, COL_ID, &p.id, &imp_c));
	rc = imp_person_fill(im, &p, rc, ctx);
	if (rc != S40_OK)
		return imp_person_faults(im, &p, rc, ctx);
	rc = s40_person_add(im->reg, &p, changed, ctx);
	/* Refused by a check of its fields: the others are checked too. */
	if (rc != S40_OK && rc != S40_E_EXISTS && !imp_fatal(rc))
		rc = imp_person_faults(im, &p, rc, ctx);
	return rc;
}

/* Read a person's exclusions into v (at most max) without allocating. */
static enum s40_err imp_exclusions(struct imp *im, int64_t id, struct s40_exclusion *v, size_t max,
				   size_t *n, struct s40_ctx *ctx)
{
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(im->reg->store, S40_Q_EXCL_OF_PERSON, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	s40_stmt_int64(s, 1, id);
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (*n == max)
			continue; /* the registry reads them all and refuses what we miss */
		v[*n].kind = (int)s40_col_int64(s, 1);
		v[*n].start_day = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		v[*n].end_day = (int32_t)s40_col_int64_or(s, 3, S40_NO_DAY);
		(*n)++;
	}
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

/*
 * Every check s40_membership_enrol makes, for a person not yet registered
 * whose data is p: made before p is written, so that a refused row writes
 * nothing (see the file comment).
 */
static enum s40_err imp_enrol_precheck(struct imp *im, const struct s40_person *p,
				       const struct s40_enrol *e, struct s40_ctx *ctx)
{
	struct s40_day2 d;
	if (e->day > im->reg->today)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
				  S40_D_EN " is after today: it cannot be recorded in advance",
				  S40_D_ARGS(*s40_day2(e->day, &d)));
	if (e->recruited_by) {
		if (e->recruited_by == e->person)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "recruited_by",
					  "ผู้แนะนำต้องไม่ใช่ผู้สมัครเอง",
					  "a person cannot recruit themself");
		struct s40_person r;
		enum s40_err rc = s40_person_get(im->reg->store, e->recruited_by, &r, ctx);
		if (rc == S40_E_NOT_FOUND)
			snprintf(ctx->field, sizeof ctx->field, "recruited_by");
		if (rc)
			return rc;
	}
	struct s40_exclusion ex[IMP_MAX_EXCL];
	size_t nx;
	enum s40_err rc = imp_exclusions(im, p->id, ex, IMP_MAX_EXCL, &nx, ctx);
	if (rc)
		return rc;
	struct s40_applicant a = {
		.birth_day = p->birth_day, .thai = p->thai, .excl = ex, .n_excl = nx
	};
	int age;
	unsigned why = s40_eligibility(&a, e->day, &age);
	return why ? s40_eligibility_refuse(why, age, e->day, ctx) : S40_OK;
}

static enum s40_err imp_row_enrol(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_enrol e = { .idempotent = 1 };
	enum s40_err rc = S40_OK;
	struct s40_ctx imp_c;
	IMP_CHECK(imp_id(im, COL_ID, &e.person, &imp_c));
	IMP_CHECK(imp_option(im, &e.option, &imp_c));
	IMP_CHECK(imp_date(im, COL_DATE, 1, &e.day, &imp_c));
	IMP_CHECK(imp_channel(im, &e.channel, &imp_c));
	if (!imp_is_blank(imp_get(im, COL_RECRUITED_BY)))
		IMP_CHECK(imp_id(im, COL_RECRUITED_BY, &e.recruited_by, &imp_c));
	if (rc)
		return rc;

	int added = 0;
	if (im->person_cols &&
	    !(imp_is_blank(imp_get(im, COL_FIRST)) && imp_is_blank(imp_get(im, COL_LAST)) &&
	      imp_is_blank(imp_get(im, COL_VILLAGE)))) {
		/* A registered person's columns are not read: the register stands,
		 * and changes to it go through a persons import. */
		struct s40_person p;
		rc = s40_person_get(im->reg->store, e.person, &p, ctx);
		if (rc == S40_E_NOT_FOUND) {
			s40_ctx_clear(ctx);
			s40_person_clear(&p);
			p.id = e.person;
			if ((rc = imp_person_fill(im, &p, S40_OK, ctx)))
				return imp_person_faults(im, &p, rc, ctx);
			if ((rc = s40_person_check(im->reg, &p, ctx)) ||
			    (rc = imp_enrol_precheck(im, &p, &e, ctx)) ||
			    (rc = s40_person_add(im->reg, &p, &added, ctx)))
				return rc;
		} else if (rc) {
			return rc;
		}
	}
	int enrolled = 0;
	rc = s40_membership_enrol(im->reg, &e, NULL, &enrolled, ctx);
	if (rc && added)
		return imp_half_written(im, rc, ctx);
	*changed = added || enrolled;
	return rc;
}

static enum s40_err imp_row_exclusion(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	enum s40_err rc = S40_OK;
	struct s40_ctx imp_c;
	IMP_CHECK(imp_id(im, COL_ID, &x.person, &imp_c));
	if (IMP_CHECK(imp_need(im, COL_KIND, &imp_c)) == S40_OK &&
	    (x.e.kind = s40_excl_kind_parse(imp_get(im, COL_KIND))) == 0)
		IMP_CHECK(s40_errorf(&imp_c, S40_E_BAD_REASON, "kind",
				     "ประเภท '%s' ไม่อยู่ในรายการ (มาตรา 33, มาตรา 39, ข้าราชการ, "
				     "รัฐวิสาหกิจ)",
				     "kind '%s' is not one of s33, s39, civil_servant, "
				     "state_enterprise",
				     imp_get(im, COL_KIND)));
	IMP_CHECK(imp_date(im, COL_START, 0, &x.e.start_day, &imp_c));
	IMP_CHECK(imp_date(im, COL_END, 0, &x.e.end_day, &imp_c));
	IMP_CHECK(imp_copy(im, COL_SOURCE, x.source, sizeof x.source, &imp_c));
	if (rc)
		return rc;
	if (imp_is_blank(x.source))
		imp_text_copy(x.source, sizeof x.source, im->source);
	int ended = 0;
	rc = s40_exclusion_add(im->reg, &x, changed, &ended, ctx);
	if (rc && (*changed || ended))
		return imp_half_written(im, rc, ctx);
	return rc;
}

static enum s40_err imp_row_village(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	enum s40_err rc;
	int32_t code;
	if ((rc = imp_need(im, COL_CODE, ctx)) ||
	    (rc = s40_area_parse(imp_get(im, COL_CODE), "code", &code, ctx)) ||
	    (rc = imp_need(im, COL_NAME_TH, ctx)))
		return rc;
	int moo = -1;
	const char *ms = imp_get(im, COL_MOO);
	if (!imp_is_blank(ms)) {
		char w[64];
		if (imp_word_fold(ms, w, sizeof w) == 0) {
			const char *p = imp_skip_prefix(w, "หมู่ที่");
			p = imp_skip_prefix(p, "หมู่");
			p = imp_skip_prefix(p, "ม.");
			p = imp_skip_prefix(p, "moo");
			moo = imp_small_number(p);
		}
		if (moo < 1 || moo > 99)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "moo", "หมู่ที่ '%s' ต้องเป็นเลข 1 ถึง 99",
					  "moo '%s' is not a number from 1 to 99", ms);
	}
	enum s40_level level = s40_area_level(code);
	if (level == S40_LEVEL_SUBDISTRICT) {
		if (moo < 0)
			return s40_errorf(ctx, S40_E_MISSING, "moo", "รหัส %d เป็นรหัสตำบล ต้องระบุหมู่ที่",
					  "%d is a subdistrict code: the moo is required",
					  (int)code);
		code = code * 100 + moo;
	} else if (level == S40_LEVEL_VILLAGE) {
		if (moo >= 0 && moo != code % 100)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "moo", "หมู่ที่ %d ไม่ตรงกับรหัสหมู่บ้าน %d",
					  "moo %d does not match village code %d", moo, (int)code);
	} else {
		return s40_errorf(ctx, S40_E_BAD_AREA, "code",
				  "รหัส %d ไม่ใช่รหัสหมู่บ้าน 8 หลัก หรือรหัสตำบล 6 หลักกับหมู่ที่",
				  "%d is neither an 8-digit village code nor a 6-digit subdistrict "
				  "code with a moo",
				  (int)code);
	}
	/* Without a name_en column the English name stays as it is. */
	const char *name_en = imp_get(im, COL_NAME_EN);
	struct s40_area_rec a;
	if (im->pos[COL_NAME_EN] < 0) {
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		rc = s40_area_get(im->reg->store, code, &a, &c2);
		if (rc == S40_OK)
			name_en = a.name_en;
		else if (rc != S40_E_UNKNOWN_AREA) {
			*ctx = c2;
			return rc;
		}
	}
	return s40_area_set_village(im->reg, code, imp_get(im, COL_NAME_TH), name_en, changed, ctx);
}

/*
 * A payment row: the person's ID, the receipt, the paid day, the first
 * contribution month (and the last, else the same), the amount in baht, the
 * extra savings a month (blank 0) and the channel (blank: counter service, the
 * usual source of such files). The ledger checks every rule before it writes.
 */
static enum s40_err imp_row_payment(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	int64_t extra = 0;
	enum s40_err rc;
	if (im->rates.v == NULL && s40_rates_load(&im->rates, ctx) != S40_OK) {
		ctx->code = S40_E_INTERNAL; /* the built-in table: a bug, not a bad row */
		return S40_E_INTERNAL;
	}
	struct s40_ctx imp_c;
	rc = S40_OK;
	IMP_CHECK(imp_id(im, COL_ID, &p.person, &imp_c));
	if (IMP_CHECK(imp_need(im, COL_RECEIPT, &imp_c)) == S40_OK)
		IMP_CHECK(imp_copy(im, COL_RECEIPT, p.receipt, sizeof p.receipt, &imp_c));
	IMP_CHECK(imp_date(im, COL_PAID_DATE, 1, &p.paid_day, &imp_c));
	if (IMP_CHECK(imp_need(im, COL_FROM_MONTH, &imp_c)) == S40_OK &&
	    IMP_CHECK(s40_month_range_parse(imp_get(im, COL_FROM_MONTH), "from_month",
					    &p.first_month, &p.last_month, &imp_c)) == S40_OK &&
	    !imp_is_blank(imp_get(im, COL_TO_MONTH)))
		IMP_CHECK(s40_month_parse(imp_get(im, COL_TO_MONTH), "to_month", &p.last_month,
					  &imp_c));
	if (IMP_CHECK(imp_need(im, COL_AMOUNT, &imp_c)) == S40_OK)
		IMP_CHECK(s40_baht_parse(imp_get(im, COL_AMOUNT), "amount", &p.total, &imp_c));
	if (!imp_is_blank(imp_get(im, COL_EXTRA)))
		IMP_CHECK(s40_baht_parse(imp_get(im, COL_EXTRA), "extra", &extra, &imp_c));
	char w[96];
	const char *ch = imp_get(im, COL_CHANNEL);
	p.channel = S40_PAY_COUNTER;
	if (!imp_is_blank(ch) &&
	    (imp_word_fold(ch, w, sizeof w) != 0 || (p.channel = s40_pay_channel_parse(w)) == 0))
		IMP_CHECK(s40_errorf(&imp_c, S40_E_BAD_VALUE, "channel",
				     "ช่องทาง '%s' ไม่อยู่ในรายการ (สำนักงาน, เคาน์เตอร์เซอร์วิส, "
				     "ธนาคาร, แอป, ตัวแทน)",
				     "channel '%s' is not one of office, counter, bank, app, "
				     "representative",
				     ch));
	if (rc)
		return rc;
	return s40_ledger_pay(im->reg, &im->rates, &p, extra, changed, ctx);
}

/* A survey row: one resident of the survey of a village on a day, added to
 * that survey (registry/survey.h), so that a file may hold many villages. */
static enum s40_err imp_row_survey(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	enum s40_err rc = S40_OK;
	struct s40_ctx imp_c;
	int32_t village = 0, day = S40_NO_DAY;
	struct s40_survey_entry e = { 0, 0, 0 };
	if (IMP_CHECK(imp_need(im, COL_VILLAGE, &imp_c)) == S40_OK)
		IMP_CHECK(s40_area_parse(imp_get(im, COL_VILLAGE), "village", &village, &imp_c));
	IMP_CHECK(imp_date(im, COL_DATE, 1, &day, &imp_c));
	IMP_CHECK(imp_id(im, COL_ID, &e.person, &imp_c));
	if (IMP_CHECK(imp_need(im, COL_STATUS, &imp_c)) == S40_OK &&
	    (e.status = s40_survey_status_parse(imp_get(im, COL_STATUS))) == 0)
		IMP_CHECK(s40_errorf(&imp_c, S40_E_BAD_VALUE, "status",
				     "สถานะ '%s' ไม่อยู่ในรายการ (มาตรา40, มาตรา33, มาตรา39, "
				     "ข้าราชการ, รัฐวิสาหกิจ, ไม่มีหลักประกัน, ไม่มีสิทธิ)",
				     "status '%s' is not one of member, s33, s39, civil_servant, "
				     "state_enterprise, uninsured, ineligible",
				     imp_get(im, COL_STATUS)));
	if (!imp_is_blank(imp_get(im, COL_REASON)) &&
	    (e.reason = s40_survey_reason_parse(imp_get(im, COL_REASON))) == 0)
		IMP_CHECK(s40_errorf(&imp_c, S40_E_BAD_REASON, "reason",
				     "เหตุผล '%s' ไม่อยู่ในรายการ (นักเรียน, อายุ, ไม่ใช่สัญชาติไทย, อื่นๆ)",
				     "reason '%s' is not one of student, age, not_thai, other",
				     imp_get(im, COL_REASON)));
	if (rc)
		return rc;
	struct s40_survey_result res;
	rc = s40_survey_add(im->reg, village, day, &e, 1, &res, ctx);
	*changed = rc == S40_OK && res.unchanged == 0;
	return rc;
}

/* Check and apply the current row (n fields). *changed: whether it wrote. */
enum s40_err imp_row(struct imp *im, size_t n, int *changed, struct s40_ctx *ctx)
{
	*changed = 0;
	if (n != im->n_cols)
		return s40_errorf(ctx, S40_E_CSV_COLUMNS, NULL,
				  "แถวที่บรรทัด %ld มี %zu คอลัมน์ แต่หัวตารางมี %zu คอลัมน์",
				  "the row on line %ld has %zu columns; the header has %zu",
				  im->row_f ? im->row_line : s40_csv_line(im->csv), n, im->n_cols);
	switch (im->o->kind) {
	case S40_IMPORT_PERSONS:
		return imp_row_person(im, changed, ctx);
	case S40_IMPORT_ENROLMENTS:
		return imp_row_enrol(im, changed, ctx);
	case S40_IMPORT_EXCLUSIONS:
		return imp_row_exclusion(im, changed, ctx);
	case S40_IMPORT_VILLAGES:
		return imp_row_village(im, changed, ctx);
	case S40_IMPORT_SURVEY:
		return imp_row_survey(im, changed, ctx);
	case S40_IMPORT_PAYMENTS:
		return imp_row_payment(im, changed, ctx);
	}
	return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
}
