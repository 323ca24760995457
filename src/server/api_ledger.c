/*
 * api_ledger.c — Section 40 contributions over HTTP (issue 3): recording a
 * payment (a receipt) in the group commit, a payment's receipt and a person's
 * application form สปส. 1-40 as PDFs (the journaled reads of one person), a
 * member's month-by-month ledger, standing and benefit check, and the two
 * contribution reports (the lapsed
 * follow-up list and the contributions collected per area per month). Every
 * rule is the registry's (lib/registry/ledger.c, benefit.c) and every table the
 * report library's (lib/report/ledger.c), as for s40 pay, s40 ledger, s40
 * benefit check and s40 report lapsed|contributions.
 *
 * Scope: a payment is recorded by an admin, an officer for a person of its
 * area, a volunteer for a person of its area (as it enrols). The receipt,
 * form, ledger, standing and benefit check are reads of one person: the same sight as GET
 * /persons/{id} (a person out of sight is 404 not_found) and each is journaled
 * "person.read" before the answer is sent. The lapsed list holds names and
 * phones: not for viewers, IDs masked for volunteers, each person on it
 * journaled. The contributions report is an aggregate: every role, within its
 * own area.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/benefit.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "report/form.h"
#include "report/ledger.h"
#include "report/receipt.h"
#include "server.h"

/* ---- reads journaled before the answer ---- */

/* A read of persons' data: the answer (a table or JSON) and the persons read. */
struct ledger_read {
	struct s40_table t;
	bool has_table;
	const char *name; /* the download's name: s40-NAME.csv */
	json_t *out; /* or this JSON */
	struct s40_receipt *receipt; /* or this receipt, as a PDF */
	struct s40_form *form; /* or this application form, as a PDF */
	int64_t *ids;
	size_t n_ids;
	const char *via; /* the journal's "via": "ledger", "standing", … */
	bool paged; /* a page of the table: JSON gets total, limit, offset, next_offset */
	long long total, limit, offset;
};

static void ledger_read_free(void *ptr)
{
	struct ledger_read *r = ptr;
	if (r->has_table)
		s40_table_free(&r->t);
	json_decref(r->out);
	if (r->receipt)
		s40_receipt_free(r->receipt);
	free(r->receipt);
	free(r->form);
	free(r->ids);
	free(r);
}

static struct ledger_read *ledger_read_new(struct srv_req *req, const char *via, const char *name)
{
	struct ledger_read *r = srv_zalloc(sizeof *r);
	r->via = via;
	r->name = name;
	req->state_ptr = r;
	req->state_free = ledger_read_free;
	return r;
}

/* The read is of one person: journaled as theirs. */
static void ledger_read_one(struct ledger_read *r, int64_t person)
{
	r->ids = srv_zalloc(sizeof *r->ids);
	r->ids[0] = person;
	r->n_ids = 1;
}

static enum s40_err ledger_read_write(struct srv_job *job, struct s40_reg *reg, void *arg,
				      struct s40_ctx *ctx)
{
	(void)job;
	struct ledger_read *r = arg;
	return srv_journal_reads(reg, r->via, r->ids, r->n_ids, ctx);
}

/* Whether req asks for JSON (no ?format= or json). */
static bool is_json(struct srv_req *req)
{
	const char *f = srv_query(req, "format");
	return f == NULL || f[0] == '\0' || strcmp(f, "json") == 0;
}

/* Reply with the page of r's table as JSON, with the page's place in the whole
 * list: {…the table…, "total", "limit", "offset", "next_offset"}. */
static void reply_table_page(struct srv_req *req, struct ledger_read *r)
{
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	char *text = NULL;
	size_t len = 0;
	FILE *m = srv_memstream(&text, &len);
	enum s40_lang lang = srv_query_lang(req);
	enum s40_err rc = s40_table_render(&r->t, S40_FMT_JSON, lang, m, &ctx);
	fclose(m);
	json_t *v = rc == S40_OK ? json_loadb(text, len, 0, NULL) : NULL;
	free(text);
	if (v == NULL) {
		if (rc == S40_OK)
			s40_errorf(&ctx, S40_E_INTERNAL, NULL, "สร้างคำตอบไม่ได้",
				   "cannot build the answer");
		srv_reply_problem(req, &ctx);
		return;
	}
	long long next = r->offset + (long long)r->t.n_rows;
	json_object_set_new(v, "total", json_integer(r->total));
	json_object_set_new(v, "limit", json_integer(r->limit));
	json_object_set_new(v, "offset", json_integer(r->offset));
	json_object_set_new(v, "next_offset", next < r->total ? json_integer(next) : json_null());
	srv_reply_json(req, 200, v);
}

/* Reply with r's receipt as a PDF download s40-receipt-REF.pdf (the
 * reference's characters other than letters, digits, '.', '-' and '_' made
 * '_' in the file name), or r's form as s40-form-ID.pdf. */
static void reply_receipt(struct srv_req *req, struct ledger_read *r)
{
	enum s40_lang lang = srv_query_lang(req);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	char *data = NULL;
	size_t len = 0;
	FILE *m = srv_memstream(&data, &len);
	enum s40_err rc =
		r->form ? s40_form_write_pdf(r->form, lang, srv_today(req->srv), m, &ctx) :
			  s40_receipt_write_pdf(r->receipt, lang, srv_today(req->srv), m, &ctx);
	fclose(m);
	if (rc != S40_OK) {
		srv_reply_problem(req, &ctx);
		free(data);
		return;
	}
	srv_reply_bytes(req, 200, "application/pdf", data, len);
	free(data);
	char name[S40_RECEIPT_MAX + 1], cd[160];
	if (r->form) {
		snprintf(cd, sizeof cd, "attachment; filename=\"s40-form-%lld.pdf\"",
			 (long long)r->form->person.id);
		srv_reply_header(req, "Content-Disposition", cd);
		return;
	}
	snprintf(name, sizeof name, "%s", r->receipt->pay.receipt);
	for (char *c = name; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_'))
			*c = '_';
	snprintf(cd, sizeof cd, "attachment; filename=\"s40-receipt-%s.pdf\"", name);
	srv_reply_header(req, "Content-Disposition", cd);
}

static void ledger_read_after(struct srv_req *req)
{
	struct ledger_read *r = req->state_ptr;
	if (req->job.rc != S40_OK)
		srv_reply_problem(req, &req->job.ctx);
	else if (r->receipt || r->form)
		reply_receipt(req, r);
	else if (r->has_table && r->paged && is_json(req))
		reply_table_page(req, r);
	else if (r->has_table)
		srv_reply_table(req, &r->t, r->name);
	else
		srv_reply_json(req, 200, json_incref(r->out));
}

/* Journal the reads of r, then answer (no persons: answer at once). */
static void ledger_read_send(struct srv_req *req, struct ledger_read *r)
{
	if (r->n_ids == 0) {
		req->job.rc = S40_OK;
		ledger_read_after(req);
		return;
	}
	srv_write(req, ledger_read_write, r, ledger_read_after);
}

/* ?KEY= a contribution month ("2019-10", "10/2562"); absent leaves *out. */
static bool query_month_or_reply(struct srv_req *req, const char *key, int32_t *out, bool *given)
{
	const char *v = srv_query(req, key);
	if (given)
		*given = false;
	if (v == NULL || v[0] == '\0')
		return true;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_month_parse(v, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	if (given)
		*given = true;
	return true;
}

/* The person of path parameter 0 in the user's sight, on the worker's store. */
static struct s40_store *person_or_reply(struct srv_req *req, int64_t *id, struct s40_person *p)
{
	if (!srv_param_id_or_reply(req, 0, id))
		return NULL;
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return NULL;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (srv_person_get_visible(st, &req->user, *id, p, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return NULL;
	}
	return st;
}

/* ---- GET /api/v1/persons/{id}/ledger?from=&to=&date=&lapse= ---- */

static void person_ledger(struct srv_req *req)
{
	int32_t day = srv_today(req->srv), from = 0, to = 0;
	long long lapse = S40_LAPSE_MONTHS;
	bool has_from, has_to;
	int64_t id;
	struct s40_person p;
	if (!srv_query_date_or_reply(req, "date", &day) ||
	    !query_month_or_reply(req, "from", &from, &has_from) ||
	    !query_month_or_reply(req, "to", &to, &has_to) ||
	    !srv_query_int_or_reply(req, "lapse", 1, 120, &lapse) ||
	    !srv_query_format_or_reply(req))
		return;
	struct s40_store *st = person_or_reply(req, &id, &p);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	/* By default (as s40 ledger): from the first membership month to the later
	 * of the day's month and the last month paid ahead. */
	struct s40_standing sd;
	struct s40_spell *spells = NULL;
	size_t n_spells = 0;
	if (s40_ledger_standing(st, id, day, (int)lapse, &sd, &ctx) != S40_OK ||
	    s40_membership_list(st, id, &spells, &n_spells, &ctx) != S40_OK) {
		free(spells);
		srv_reply_problem(req, &ctx);
		return;
	}
	if (!has_from)
		from = n_spells ? s40_day_month(spells[0].start_day) : s40_day_month(day) - 11;
	if (!has_to)
		to = sd.paid_through > s40_day_month(day) ? sd.paid_through : s40_day_month(day);
	free(spells);
	if (to < from) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "to", "เดือนสุดท้ายต้องไม่ก่อนเดือนแรก",
				 "the last month is before the first");
		return;
	}
	if (to - from > 1200) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "from", "ช่วงเดือนยาวเกิน 100 ปี",
				 "the months span more than 100 years");
		return;
	}
	struct ledger_read *r = ledger_read_new(req, "ledger", "ledger");
	s40_table_init(&r->t, "บัญชีเงินสมทบรายเดือน", "monthly contribution ledger");
	r->has_table = true;
	if (s40_report_ledger(st, NULL, id, from, to, day, (int)lapse, &r->t, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	ledger_read_one(r, id);
	ledger_read_send(req, r);
}

/* ---- GET /api/v1/payments/receipt?receipt=&lang= ---- */

/* A payment's receipt as a PDF (s40 receipt): a read of the payer, who must be
 * in the user's sight (else 404, as the person would be). The reference is a
 * query parameter: receipt numbers may hold a '/', which a path cannot. */
static void payment_receipt(struct srv_req *req)
{
	const char *ref = srv_query(req, "receipt");
	if (ref == NULL || ref[0] == '\0') {
		srv_reply_errorf(req, S40_E_MISSING, "receipt", "ต้องระบุเลขที่ใบเสร็จ (receipt)",
				 "the receipt is required");
		return;
	}
	if (strlen(ref) > S40_RECEIPT_MAX) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "receipt",
				 "เลขที่ใบเสร็จต้องยาว 1 ถึง %d ไบต์",
				 "the receipt is 1 to %d bytes long", S40_RECEIPT_MAX);
		return;
	}
	struct s40_store *st = srv_store_or_reply(req);
	if (st == NULL)
		return;
	struct ledger_read *r = ledger_read_new(req, "receipt", "receipt");
	r->receipt = srv_zalloc(sizeof *r->receipt);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_person p;
	if (s40_receipt_read(st, ref, r->receipt, &ctx) != S40_OK ||
	    srv_person_get_visible(st, &req->user, r->receipt->pay.person, &p, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	ledger_read_one(r, r->receipt->pay.person);
	ledger_read_send(req, r);
}

/* ---- GET /api/v1/persons/{id}/form?lang= ---- */

/* The person's application on the form สปส. 1-40 as a PDF (s40 form): a read of
 * the person, within the user's sight. */
static void person_form(struct srv_req *req)
{
	int64_t id;
	struct s40_person p;
	struct s40_store *st = person_or_reply(req, &id, &p);
	if (st == NULL)
		return;
	struct ledger_read *r = ledger_read_new(req, "form", "form");
	r->form = srv_zalloc(sizeof *r->form);
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_form_read(st, id, srv_today(req->srv), r->form, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	ledger_read_one(r, id);
	ledger_read_send(req, r);
}

/* ---- GET /api/v1/persons/{id}/standing?date=&lapse= ---- */

static json_t *month_json(int32_t month)
{
	char m[32];
	return month == INT32_MIN ? json_null() : json_string(s40_month_iso(month, m, sizeof m));
}

static void person_standing(struct srv_req *req)
{
	int32_t day = srv_today(req->srv);
	long long lapse = S40_LAPSE_MONTHS;
	int64_t id;
	struct s40_person p;
	if (!srv_query_date_or_reply(req, "date", &day) ||
	    !srv_query_int_or_reply(req, "lapse", 1, 120, &lapse))
		return;
	struct s40_store *st = person_or_reply(req, &id, &p);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_standing sd;
	if (s40_ledger_standing(st, id, day, (int)lapse, &sd, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	struct ledger_read *r = ledger_read_new(req, "standing", "standing");
	r->out = json_pack("{s:o, s:o, s:o, s:s, s:s, s:s, s:i, s:I, s:i, s:{s:i, s:i, s:i, s:i}, "
			   "s:i, s:o, s:o, s:I}",
			   "id", srv_json_natid(id, false), "date", srv_json_date(day), "month",
			   month_json(sd.month), "status", s40_standing_key(sd.status), "status_th",
			   s40_standing_name(sd.status, S40_LANG_TH), "status_en",
			   s40_standing_name(sd.status, S40_LANG_EN), "option", sd.option,
			   "spell_id", (json_int_t)sd.spell_id, "lapse_months", (int)lapse, "paid",
			   "last_4", sd.paid_4, "last_10", sd.paid_10, "last_12", sd.paid_12,
			   "last_36", sd.paid_36, "unpaid_run", sd.unpaid_run, "last_paid",
			   month_json(sd.last_paid), "paid_through", month_json(sd.paid_through),
			   "months_paid", (json_int_t)sd.months_paid);
	if (r->out == NULL) {
		srv_reply_errorf(req, S40_E_NOMEM, NULL, "หน่วยความจำไม่พอ", "out of memory");
		return;
	}
	/* What a payment made on the day may cover: the payment form suggests
	 * the months due and their amount from it. */
	struct s40_payable pay[S40_PAY_MAX_AHEAD + 1];
	if (s40_ledger_payable(st, NULL, id, day, pay, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	json_t *months = json_array();
	for (size_t i = 0; i < S40_PAY_MAX_AHEAD + 1 && months != NULL; i++) {
		json_t *m = json_pack("{s:o, s:o, s:o, s:b}", "month", month_json(pay[i].month),
				      "option", pay[i].option ? json_integer(pay[i].option) : json_null(),
				      "member", pay[i].option ? json_integer(pay[i].member) : json_null(),
				      "paid", pay[i].paid != 0);
		if (m == NULL || json_array_append_new(months, m) != 0) {
			json_decref(months);
			months = NULL;
		}
	}
	if (months == NULL || json_object_set_new(r->out, "payable", months) != 0) {
		srv_reply_errorf(req, S40_E_NOMEM, NULL, "หน่วยความจำไม่พอ", "out of memory");
		return;
	}
	ledger_read_one(r, id);
	ledger_read_send(req, r);
}

/* ---- GET /api/v1/persons/{id}/benefit?case=&date=&days=|visits=|children= ---- */

static void person_benefit(struct srv_req *req)
{
	struct s40_benefit_ask ask;
	memset(&ask, 0, sizeof ask);
	ask.day = srv_today(req->srv);
	long long units = 0;
	const char *kind = srv_query(req, "case");
	static const char *const unit_keys[] = { "days", "visits", "children" };
	if (!srv_query_date_or_reply(req, "date", &ask.day))
		return;
	const char *unit_key = NULL;
	for (size_t i = 0; i < 3; i++) {
		const char *v = srv_query(req, unit_keys[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		if (unit_key != NULL) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, unit_keys[i],
					 "ระบุได้เพียงหนึ่งอย่าง: days, visits หรือ children",
					 "give one of days, visits or children");
			return;
		}
		unit_key = unit_keys[i];
		if (!srv_query_int_or_reply(req, unit_key, 1, 366, &units))
			return;
	}
	if (kind == NULL || kind[0] == '\0' || (ask.kind = s40_case_parse(kind)) == 0) {
		srv_reply_errorf(
			req, S40_E_BAD_VALUE, "case",
			"กรณีต้องเป็น inpatient, rest, outpatient, disability, death, child "
			"หรือ oldage",
			"the case is inpatient, rest, outpatient, disability, death, child or "
			"oldage");
		return;
	}
	if (!srv_query_format_or_reply(req))
		return;
	ask.units = units;
	struct s40_person p;
	struct s40_store *st = person_or_reply(req, &ask.person, &p);
	if (st == NULL)
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_benefit_check *c = srv_zalloc(sizeof *c);
	struct ledger_read *r = ledger_read_new(req, "benefit", "benefit");
	s40_table_init(&r->t, "ตรวจสิทธิประโยชน์ทดแทน", "benefit check");
	r->has_table = true;
	enum s40_err rc = s40_benefit_check(st, NULL, NULL, &ask, c, &ctx);
	if (rc == S40_OK)
		rc = s40_report_benefit(st, ask.person, c, &r->t, &ctx);
	free(c);
	if (rc != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	ledger_read_one(r, ask.person);
	ledger_read_send(req, r);
}

/* ---- reports ---- */

/* ?area= within the user's own (default: its own); false after replying. */
static bool report_area_or_reply(struct srv_req *req, struct s40_store **st, int32_t *area)
{
	*area = -1;
	if (!srv_query_area_or_reply(req, "area", area))
		return false;
	int32_t root = srv_scope_root(req);
	if (*area == -1) {
		*area = root;
	} else if (!srv_scope_area(req, *area)) {
		srv_reply_errorf(req, S40_E_FORBIDDEN, "area", "พื้นที่ %ld ไม่อยู่ในพื้นที่ %ld ของผู้ใช้",
				 "area %ld is outside the user's area %ld", (long)*area,
				 (long)root);
		return false;
	}
	if ((*st = srv_store_or_reply(req)) == NULL)
		return false;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_area_rec rec;
	if (*area != 0 && s40_area_get(*st, *area, &rec, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

/*
 * GET /api/v1/reports/lapsed?date=&area=&lapse=&order=&status=&assignee=&limit=&offset=&format=&lang=
 * order=newest puts the newest lapses first; status=arrears|lapsed keeps those;
 * assignee=ID those assigned to that network member, none those assigned to no one.
 * JSON is a page (limit 50 by default, at most 500); CSV and XLSX are the
 * whole list unless limit is given. Only the persons sent are journaled.
 */
/* The recruiter whose members a volunteer's lists hold: its own person (a
 * volunteer without one recruited nobody: -1 matches no member). */
static int64_t volunteer_self(const struct srv_req *req)
{
	return req->user.person != 0 ? req->user.person : -1;
}

/* The view of the list a request asks for (order=worst|newest,
 * status=arrears|lapsed, assignee=ID|none); false when it has replied a 400. */
static bool lapsed_view_or_reply(struct srv_req *req, struct s40_lapsed_view *view)
{
	const char *order = srv_query(req, "order"), *status = srv_query(req, "status");
	memset(view, 0, sizeof *view);
	if (order != NULL && order[0] != '\0' && strcmp(order, "worst") != 0) {
		if (strcmp(order, "newest") != 0) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "order",
					 "order ต้องเป็น worst (ค้างนานที่สุดก่อน) หรือ newest "
					 "(เพิ่งค้างก่อน): %s",
					 "order is worst (most months unpaid first) or newest (the "
					 "newest lapses first): %s",
					 order);
			return false;
		}
		view->newest = 1;
	}
	if (status != NULL && status[0] != '\0') {
		if (strcmp(status, "arrears") == 0) {
			view->status = S40_STANDING_ARREARS;
		} else if (strcmp(status, "lapsed") == 0) {
			view->status = S40_STANDING_LAPSED;
		} else {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "status",
					 "status ต้องเป็น arrears (ค้างชำระ) หรือ lapsed (ขาดส่ง): %s",
					 "status is arrears or lapsed: %s", status);
			return false;
		}
	}
	/* assignee=ID (the members assigned to that network member) or none. */
	const char *assignee = srv_query(req, "assignee");
	if (assignee != NULL && assignee[0] != '\0') {
		if (strcmp(assignee, "none") == 0) {
			view->assignee = -1;
		} else {
			struct s40_ctx ctx;
			s40_ctx_clear(&ctx);
			if (s40_natid_parse(assignee, "assignee", &view->assignee, &ctx) != S40_OK) {
				srv_reply_problem(req, &ctx);
				return false;
			}
		}
	}
	return true;
}

static void report_lapsed(struct srv_req *req)
{
	int32_t day = srv_today(req->srv), area;
	long long lapse = S40_LAPSE_MONTHS, offset = 0;
	bool json = is_json(req);
	long long limit = json ? 50 : LLONG_MAX;
	struct s40_store *st;
	struct s40_lapsed_view view;
	if (!srv_query_date_or_reply(req, "date", &day) ||
	    !lapsed_view_or_reply(req, &view) ||
	    !srv_query_int_or_reply(req, "lapse", 1, 120, &lapse) ||
	    !srv_query_format_or_reply(req) ||
	    !srv_query_int_or_reply(req, "limit", 1, json ? 500 : 1000000, &limit) ||
	    !srv_query_int_or_reply(req, "offset", 0, 1000000000LL, &offset) ||
	    !report_area_or_reply(req, &st, &area))
		return;
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct ledger_read *r = ledger_read_new(req, "lapsed", "lapsed");
	s40_table_init(&r->t, "รายชื่อผู้ประกันตนที่ค้างชำระเงินสมทบ", "members in arrears");
	r->has_table = true;
	/* Only the page is read: the list of a province may hold hundreds of
	 * thousands of members. */
	int64_t total = 0;
	int64_t recruiter = req->user.role == S40_ROLE_VOLUNTEER ? volunteer_self(req) : 0;
	/* The server's as-of index counts the area's members (read under its
	 * lock, as the reports read it). */
	pthread_rwlock_rdlock(&req->srv->ix_lock);
	int64_t active = area != 0 ? s40_asof_count(req->srv->ix, area, day) : -1;
	pthread_rwlock_unlock(&req->srv->ix_lock);
	if (s40_report_lapsed_page(st, active, area, day, (int)lapse, recruiter, &view,
				   (size_t)offset, limit == LLONG_MAX ? SIZE_MAX : (size_t)limit,
				   &r->t, &total, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return;
	}
	/* Officers and admins follow members up by their full ID; volunteers see
	 * them masked. */
	r->t.mask_ids = srv_mask_ids(req);
	r->paged = true;
	r->total = (long long)total;
	r->limit = limit;
	r->offset = offset;
	/* Every person on the list is a read of that person's data. */
	size_t col = r->t.n_cols;
	for (size_t c = 0; c < r->t.n_cols; c++)
		if (r->t.cols[c].type == S40_COL_NATID) {
			col = c;
			break;
		}
	if (col < r->t.n_cols) {
		r->ids = srv_zalloc(r->t.n_rows * sizeof *r->ids);
		for (size_t i = 0; i < r->t.n_rows; i++) {
			const struct s40_cell *cell = s40_table_cell(&r->t, i, col);
			if (cell != NULL && !cell->is_null)
				r->ids[r->n_ids++] = cell->i;
		}
	}
	ledger_read_send(req, r);
}

/* GET /api/v1/reports/contributions?from=&to=&area=&level=&format=&lang= */
static void report_contributions(struct srv_req *req)
{
	int32_t area, to = s40_day_month(srv_today(req->srv)), from;
	bool has_from;
	if (!query_month_or_reply(req, "to", &to, NULL))
		return;
	from = to - 11;
	if (!query_month_or_reply(req, "from", &from, &has_from))
		return;
	if (to < from) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "to", "เดือนสุดท้ายต้องไม่ก่อนเดือนแรก",
				 "the last month is before the first");
		return;
	}
	if (to - from > 1200) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "from", "ช่วงเดือนยาวเกิน 100 ปี",
				 "the months span more than 100 years");
		return;
	}
	struct s40_store *st;
	if (!report_area_or_reply(req, &st, &area))
		return;
	enum s40_level level = S40_LEVEL_NONE;
	const char *lv = srv_query(req, "level");
	if (lv != NULL && lv[0] != '\0') {
		level = s40_level_parse(lv);
		if (level == S40_LEVEL_NONE || (area != 0 && level < s40_area_level(area))) {
			srv_reply_errorf(req, S40_E_BAD_VALUE, "level",
					 "ระดับต้องเป็น province, district, subdistrict หรือ village "
					 "และไม่สูงกว่าพื้นที่",
					 "the level is province, district, subdistrict or village, "
					 "not above the area");
			return;
		}
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	struct s40_table t;
	s40_table_init(&t, "เงินสมทบที่เก็บได้รายเดือน", "contributions collected by month");
	if (s40_report_contributions(st, area, level, from, to, &t, &ctx) != S40_OK)
		srv_reply_problem(req, &ctx);
	else
		srv_reply_table(req, &t, "contributions");
	s40_table_free(&t);
}

/* ---- POST /api/v1/payments ---- */

struct pay_write {
	struct s40_user user;
	struct s40_payment p;
	int64_t extra_month;
	int changed;
	json_t *out;
};

static void pay_free(void *ptr)
{
	struct pay_write *w = ptr;
	json_decref(w->out);
	free(w);
}

static enum s40_err pay_run(struct srv_job *job, struct s40_reg *reg, void *arg,
			    struct s40_ctx *ctx)
{
	(void)job;
	struct pay_write *w = arg;
	struct s40_person per;
	/* Officers and volunteers record payments of the people of their area. */
	struct s40_user u = w->user;
	if (u.role == S40_ROLE_VOLUNTEER)
		u.role = S40_ROLE_OFFICER;
	enum s40_err rc = srv_person_get_visible(reg->store, &u, w->p.person, &per, ctx);
	if (rc == S40_OK)
		rc = s40_ledger_pay(reg, NULL, &w->p, w->extra_month, &w->changed, ctx);
	if (rc)
		return rc;
	struct s40_payment got;
	int found = 0;
	if ((rc = s40_ledger_payment_get(reg->store, w->p.receipt, &got, &found, ctx)))
		return rc;
	if (!found)
		return s40_errorf(ctx, S40_E_INTERNAL, "receipt", "ไม่พบใบเสร็จที่เพิ่งบันทึก",
				  "the receipt just recorded is not found");
	char m1[16], m2[16], baht[32];
	w->out = json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:I, s:I, s:s, s:b, s:I}",
			   "payment_id", (json_int_t)got.payment_id, "id",
			   srv_json_natid(got.person, false), "receipt", got.receipt, "first_month",
			   s40_month_iso(got.first_month, m1, sizeof m1), "last_month",
			   s40_month_iso(got.last_month, m2, sizeof m2), "date",
			   srv_json_date(got.paid_day), "channel", s40_pay_channel_key(got.channel),
			   "total", (json_int_t)got.total, "extra", (json_int_t)got.extra,
			   "total_baht", s40_format_baht(got.total, baht, sizeof baht), "changed",
			   w->changed != 0, "journal_seq", (json_int_t)got.journal_seq);
	return w->out ? S40_OK : s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

static void pay_after(struct srv_req *req)
{
	struct pay_write *w = req->state_ptr;
	if (req->job.rc != S40_OK) {
		srv_reply_problem(req, &req->job.ctx);
		return;
	}
	srv_reply_json(req, w->changed ? 201 : 200, json_incref(w->out));
	char loc[80];
	snprintf(loc, sizeof loc, "/api/v1/persons/%lld/ledger", (long long)w->p.person);
	srv_reply_header(req, MHD_HTTP_HEADER_LOCATION, loc);
}

/* A baht amount of body key: a string as people type it ("210", "1,050.50 บาท")
 * or a JSON number. */
static bool json_baht_or_reply(struct srv_req *req, json_t *obj, const char *key, bool required,
			       int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
		if (!required)
			return true;
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "ต้องระบุ %s (บาท)",
				 "%s (baht) is required", key);
		return false;
	}
	char text[64];
	if (json_is_string(v)) {
		snprintf(text, sizeof text, "%s", json_string_value(v));
	} else if (json_is_integer(v)) {
		snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		snprintf(text, sizeof text, "%.15g", json_real_value(v));
	} else {
		srv_reply_errorf(req, S40_E_BAD_VALUE, key, "%s ต้องเป็นจำนวนเงินบาท",
				 "%s must be an amount in baht", key);
		return false;
	}
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_baht_parse(text, key, out, &ctx) != S40_OK) {
		srv_reply_problem(req, &ctx);
		return false;
	}
	return true;
}

/*
 * {"id", "months": "2026-01..2026-03" (or one month), "amount": "315" | 315
 *  (baht, everything paid), "extra": baht a month, "date" (today), "channel"
 *  ("office"), "receipt"}
 */
static void payments_post(struct srv_req *req)
{
	static const char *const keys[] = { "id",   "months",  "amount",  "extra",
					    "date", "channel", "receipt", NULL };
	json_t *body;
	if (!srv_body_json_or_reply(req, &body))
		return;
	struct pay_write *w = srv_zalloc(sizeof *w);
	w->user = req->user;
	w->p.paid_day = srv_today(req->srv);
	req->state_ptr = w;
	req->state_free = pay_free;
	const char *months = NULL, *channel = NULL, *receipt = NULL;
	bool ok = srv_keys_or_reply(req, body, keys) &&
		  srv_json_id_or_reply(req, body, "id", true, &w->p.person) &&
		  srv_json_str_or_reply(req, body, "months", true, &months) &&
		  json_baht_or_reply(req, body, "amount", true, &w->p.total) &&
		  json_baht_or_reply(req, body, "extra", false, &w->extra_month) &&
		  srv_json_date_or_reply(req, body, "date", false, &w->p.paid_day) &&
		  srv_json_str_or_reply(req, body, "channel", false, &channel) &&
		  srv_json_str_or_reply(req, body, "receipt", true, &receipt);
	if (ok) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		if (s40_month_range_parse(months, "months", &w->p.first_month, &w->p.last_month,
					  &ctx) != S40_OK) {
			srv_reply_problem(req, &ctx);
			ok = false;
		}
	}
	if (ok) {
		/* "network" is the web form's word for a network representative. */
		if (channel == NULL || channel[0] == '\0')
			w->p.channel = S40_PAY_OFFICE;
		else if (strcmp(channel, "network") == 0)
			w->p.channel = S40_PAY_REPRESENTATIVE;
		else
			w->p.channel = s40_pay_channel_parse(channel);
		if (w->p.channel == 0) {
			srv_reply_errorf(
				req, S40_E_BAD_VALUE, "channel",
				"ช่องทางต้องเป็น office, counter, bank, app หรือ "
				"representative",
				"the channel is office, counter, bank, app or representative");
			ok = false;
		}
	}
	if (ok && (receipt[0] == '\0' || strlen(receipt) > S40_RECEIPT_MAX)) {
		srv_reply_errorf(req, S40_E_BAD_VALUE, "receipt", "เลขที่ใบเสร็จต้องมี 1 ถึง %d ไบต์",
				 "the receipt reference is 1 to %d bytes", S40_RECEIPT_MAX);
		ok = false;
	}
	if (ok)
		snprintf(w->p.receipt, sizeof w->p.receipt, "%s", receipt);
	json_decref(body);
	if (!ok)
		return;
	srv_write(req, pay_run, w, pay_after);
}

/* The routes of this file (listed in srv_route_tables, router.c). */
const struct srv_route api_ledger_routes[] = {
	{ "POST", "/api/v1/payments", payments_post, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_JSON },
	{ "GET", "/api/v1/payments/receipt", payment_receipt,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "GET", "/api/v1/persons/{id}/form", person_form, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_NONE },
	{ "GET", "/api/v1/persons/{id}/ledger", person_ledger,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "GET", "/api/v1/persons/{id}/standing", person_standing,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "GET", "/api/v1/persons/{id}/benefit", person_benefit,
	  SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER, SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/lapsed", report_lapsed, SRV_ADMIN | SRV_OFFICER | SRV_VOLUNTEER,
	  SRV_BODY_NONE },
	{ "GET", "/api/v1/reports/contributions", report_contributions, SRV_ANY_USER,
	  SRV_BODY_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};
