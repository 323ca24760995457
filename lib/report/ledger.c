/*
 * ledger.c — the contribution reports (report/ledger.h): a member's ledger,
 * the lapsed follow-up list, contributions per area per month, and a benefit
 * check, each as one table for the renderers.
 */
#include "ledger.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/followup.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)

/* Add columns from a list; stops at the first failure. */
struct col_def {
	const char *key, *th, *en;
	enum s40_coltype type;
};

static enum s40_err add_cols(struct s40_table *t, const struct col_def *c, size_t n)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < n && rc == S40_OK; i++)
		rc = s40_table_add_col(t, c[i].key, c[i].th, c[i].en, c[i].type);
	return rc;
}

/* "นายสมชาย ใจดี" into buf. */
static char *name_th(const struct s40_person *p, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s %s", p->title, p->first_th, p->last_th);
	return buf;
}

/* The English name, or the Thai one when none is recorded. */
static char *name_en(const struct s40_person *p, char *buf, size_t n)
{
	if (p->first_en[0] == '\0' && p->last_en[0] == '\0')
		return name_th(p, buf, n);
	snprintf(buf, n, "%s %s", p->first_en, p->last_en);
	return buf;
}

/* The village codes inside area: [lo, hi]. */
static void area_villages(int32_t area, int32_t *lo, int32_t *hi)
{
	int32_t scale = 1;
	switch (s40_area_level(area)) {
	case S40_LEVEL_PROVINCE:
		scale = 1000000;
		break;
	case S40_LEVEL_DISTRICT:
		scale = 10000;
		break;
	case S40_LEVEL_SUBDISTRICT:
		scale = 100;
		break;
	case S40_LEVEL_VILLAGE:
		scale = 1;
		break;
	default:
		*lo = 0;
		*hi = 99999999;
		return;
	}
	*lo = area * scale;
	*hi = area * scale + scale - 1;
}

enum s40_err s40_report_ledger(struct s40_store *st, const struct s40_rates *rates,
			       int64_t person, int32_t from, int32_t to, int32_t day, int lapse,
			       struct s40_table *t, struct s40_ctx *ctx)
{
	struct s40_person p;
	struct s40_standing sd;
	enum s40_err rc;
	if ((rc = s40_person_get(st, person, &p, ctx)) ||
	    (rc = s40_ledger_standing(st, person, day, lapse, &sd, ctx)))
		return rc;
	char id[32], nth[600], nen[600], d_th[64], d_en[64], sub_th[1400], sub_en[1200];
	s40_natid_format(person, id, sizeof id);
	snprintf(sub_th, sizeof sub_th,
		 "%s %s ณ วันที่ %s: %s จ่ายเงินสมทบ %d ใน 4 เดือน, %d ใน 10 เดือน, %d ใน 12 "
		 "เดือน, %d ใน 36 เดือนก่อนเดือนนี้; ค้างติดต่อกัน %d เดือน",
		 id, name_th(&p, nth, sizeof nth), s40_date_th_long(day, d_th, sizeof d_th),
		 s40_standing_name(sd.status, S40_LANG_TH), sd.paid_4, sd.paid_10, sd.paid_12,
		 sd.paid_36, sd.unpaid_run);
	snprintf(sub_en, sizeof sub_en,
		 "%s %s on %s: %s; paid %d of 4, %d of 10, %d of 12, %d of 36 months before "
		 "this month; %d consecutive months unpaid",
		 id, name_en(&p, nen, sizeof nen), s40_date_en_long(day, d_en, sizeof d_en),
		 s40_standing_name(sd.status, S40_LANG_EN), sd.paid_4, sd.paid_10, sd.paid_12,
		 sd.paid_36, sd.unpaid_run);
	static const struct col_def cols[] = {
		{ "month", "เดือน", "month", S40_COL_MONTH },
		{ "member", "เป็นผู้ประกันตน", "member", S40_COL_BOOL },
		{ "option", "ทางเลือก", "option", S40_COL_INT },
		{ "due", "ต้องชำระ", "due", S40_COL_MONEY },
		{ "paid", "ชำระแล้ว", "paid", S40_COL_MONEY },
		{ "government", "รัฐสมทบ", "government", S40_COL_MONEY },
		{ "extra", "ออมเพิ่ม", "extra savings", S40_COL_MONEY },
		{ "receipt", "ใบเสร็จ", "receipt", S40_COL_TEXT },
		{ "paid_day", "วันที่ชำระ", "paid on", S40_COL_DATE },
		{ "channel", "ช่องทาง", "channel", S40_COL_TEXT },
	};
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0])) ||
	    (rc = s40_table_col_words(t, 9, s40_pay_channel_key, s40_pay_channel_name,
				      S40_PAY_OFFICE, S40_PAY_REPRESENTATIVE)))
		return rc;
	struct s40_ledger_month *v;
	size_t n;
	if ((rc = s40_ledger_statement(st, rates, person, from, to, &v, &n, ctx)))
		return rc;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if ((rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, v[i].month);
		s40_table_set_int(t, 1, v[i].member);
		if (v[i].member) {
			s40_table_set_int(t, 2, v[i].option);
			s40_table_set_int(t, 3, v[i].due);
		}
		if (v[i].paid) {
			s40_table_set_int(t, 4, v[i].row.member);
			s40_table_set_int(t, 5, v[i].row.government);
			s40_table_set_int(t, 6, v[i].row.extra);
			s40_table_set_int(t, 8, v[i].row.paid_day);
			if ((rc = s40_table_set_text(t, 7, v[i].row.receipt)) ||
			    (rc = s40_table_set_text(t, 9, s40_pay_channel_key(v[i].row.channel))))
				break;
		}
	}
	free(v);
	return rc;
}

/* One member of the follow-up list. */
struct lapse_row {
	int64_t person;
	int32_t village;
	int64_t recruited_by;
	int unpaid;
	int32_t last_paid; /* INT32_MIN: never */
};

static int lapse_cmp(const void *pa, const void *pb)
{
	const struct lapse_row *a = pa, *b = pb;
	if (a->unpaid != b->unpaid)
		return a->unpaid > b->unpaid ? -1 : 1;
	if (a->village != b->village)
		return a->village < b->village ? -1 : 1;
	return a->person < b->person ? -1 : a->person > b->person;
}

/* The newest lapses first: fewest unpaid months, then village, then ID. */
static int lapse_cmp_newest(const void *pa, const void *pb)
{
	const struct lapse_row *a = pa, *b = pb;
	if (a->unpaid != b->unpaid)
		return a->unpaid < b->unpaid ? -1 : 1;
	if (a->village != b->village)
		return a->village < b->village ? -1 : 1;
	return a->person < b->person ? -1 : a->person > b->person;
}

/* Whether any membership spell of person was recruited by recruiter: who a
 * volunteer may see (server/auth.c, docs/SECURITY.md). */
static enum s40_err recruited_by(struct s40_store *st, int64_t person, int64_t recruiter,
				 bool *mine, struct s40_ctx *ctx)
{
	struct s40_spell *v;
	size_t n;
	*mine = false;
	enum s40_err rc = s40_membership_list(st, person, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (v[i].recruited_by == recruiter)
			*mine = true;
	free(v);
	return S40_OK;
}

/* The rows of the list, read from s (bound; columns as S40_Q_LAPSED_SINCE) with
 * M the day's month, into *out (caller frees), *n of them. With want not SIZE_MAX,
 * s gives the rows in the list's order (worst first, village, person) and the read
 * stops after want of them; *all tells whether every row was read. */
static enum s40_err lapse_read(struct s40_stmt *s, int32_t M, size_t want,
			       struct lapse_row **out, size_t *n, bool *all, struct s40_ctx *ctx)
{
	struct lapse_row *v = NULL;
	size_t len = 0, cap = 0;
	enum s40_err rc = S40_OK;
	int r;
	*all = true;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == want) {
			*all = false;
			break;
		}
		int32_t last = (int32_t)s40_col_int64_or(s, 5, INT32_MIN);
		int32_t from = s40_day_month((int32_t)s40_col_int64(s, 2));
		if (last != INT32_MIN && last + 1 > from)
			from = last + 1;
		if (from >= M)
			continue; /* nothing unpaid */
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			struct lapse_row *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
				break;
			}
			v = nv;
		}
		v[len].person = s40_col_int64(s, 0);
		v[len].village = (int32_t)s40_col_int64(s, 3);
		v[len].recruited_by = s40_col_int64_or(s, 4, 0);
		v[len].unpaid = (int)(M - from);
		v[len].last_paid = last;
		len++;
	}
	if (r == S40_ROW)
		s40_stmt_reset(s);
	else if (r != S40_OK && rc == S40_OK)
		rc = (enum s40_err)r;
	if (rc) {
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* Appends w's nw rows to *v's *n and frees w; on failure *v is freed as well. */
static enum s40_err lapse_append(struct lapse_row **v, size_t *n, struct lapse_row *w,
				 size_t nw, struct s40_ctx *ctx)
{
	if (nw > 0) {
		struct lapse_row *nv = realloc(*v, (*n + nw) * sizeof *nv);
		if (nv == NULL) {
			free(*v);
			free(w);
			*v = NULL;
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
		memcpy(nv + *n, w, nw * sizeof *w);
		*v = nv;
		*n += nw;
	}
	free(w);
	return S40_OK;
}

/* Statement q with the lapsed list's first n_arg parameters bound (lapse_province
 * says which), or NULL (ctx says why). */
static struct s40_stmt *lapse_stmt(struct s40_store *st, enum s40_q q, const int64_t *arg,
				   int n_arg, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, q, ctx);
	for (int i = 0; s != NULL && i < n_arg; i++)
		s40_stmt_int64(s, i + 1, arg[i]);
	return s;
}

/* The first want rows of the list of one province's area [lo, hi] on day, and
 * maybe more, unsorted, from migration 0015's spell_paid (the worst first by
 * its index: see the migration): the spells whose member's greatest month paid
 * is before M - 1, in the list's order, up to want; and every spell whose
 * member's last run of months paid starts at M or later, whose month paid
 * before M is read from the ledger. Any other spell has M - 1 paid. *all tells
 * whether every row of the list was read. */
static enum s40_err lapse_indexed(struct s40_store *st, const int64_t *arg, int32_t M,
				  size_t want, struct lapse_row **out, size_t *n, bool *all,
				  struct s40_ctx *ctx)
{
	struct s40_stmt *s = lapse_stmt(st, S40_Q_LAPSED_SINCE, arg, 6, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	struct lapse_row *v, *w;
	size_t nv, nw;
	enum s40_err rc = lapse_read(s, M, want, &v, &nv, all, ctx);
	if (rc)
		return rc;
	bool all_w;
	if ((s = lapse_stmt(st, S40_Q_LAPSED_RUN, arg, 6, ctx)) == NULL) {
		free(v);
		return STORE_ERR(ctx);
	}
	if ((rc = lapse_read(s, M, SIZE_MAX, &w, &nw, &all_w, ctx))) {
		free(v);
		return rc;
	}
	if ((rc = lapse_append(&v, &nv, w, nw, ctx)))
		return rc;
	*out = v;
	*n = nv;
	return S40_OK;
}

/* One count(*) of statement q with the lapsed list's parameters. */
static enum s40_err lapse_count(struct s40_store *st, enum s40_q q, const int64_t *arg,
				int n_arg, int64_t *out, struct s40_ctx *ctx)
{
	struct s40_stmt *s = lapse_stmt(st, q, arg, n_arg, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้ผลนับ",
						"no count returned") :
				     (enum s40_err)r;
	*out = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return S40_OK;
}

/* The members of the list inside one province's area [lo, hi] on day: the
 * first want rows from spell_paid (lapse_indexed; every row when want is
 * SIZE_MAX), and *total, counted without reading them all when the read
 * stopped early: the spells started before the day's month less those whose
 * member paid the month before it (a member counts exactly when they did not;
 * from spell_paid's index by month paid, not a look at each payment of that
 * month). The spells started before the month are those active on day
 * (active_on_day, when not -1: an as-of index's count) less those started in
 * the month: counting a province's hundreds of thousands of memberships from
 * the store was most of a page's time. */
static enum s40_err lapse_province(struct s40_store *st, int64_t active_on_day, int32_t lo,
				   int32_t hi, int32_t day, size_t want, struct lapse_row **out,
				   size_t *n, int64_t *total, struct s40_ctx *ctx)
{
	int32_t M = s40_day_month(day);
	int64_t arg[6] = { day, s40_month_first_day(M), lo, hi, lo / 1000000, M };
	bool all;
	enum s40_err rc = lapse_indexed(st, arg, M, want, out, n, &all, ctx);
	if (rc || all) {
		*total = (int64_t)*n;
		return rc;
	}
	int64_t active = 0, paid = 0, fresh = 0;
	if (active_on_day >= 0) {
		rc = lapse_count(st, S40_Q_LAPSED_NEW, arg, 5, &fresh, ctx);
		active = active_on_day - fresh;
	} else {
		rc = lapse_count(st, S40_Q_LAPSED_ACTIVE, arg, 5, &active, ctx);
	}
	if (rc || (rc = lapse_count(st, S40_Q_LAPSED_PAID, arg, 6, &paid, ctx))) {
		free(*out);
		*out = NULL;
		*n = 0;
		return rc;
	}
	*total = active - paid;
	return S40_OK;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Whether id is in v (n IDs, sorted; v may be NULL when n is 0, which
 * bsearch may not be given). */
static bool id_in(int64_t id, const int64_t *v, size_t n)
{
	return n > 0 && bsearch(&id, v, n, sizeof *v, id_cmp) != NULL;
}

/* Those of the n rows' members of v who are assigned to anyone, by ID. */
static enum s40_err assigned_among(struct s40_store *st, const struct lapse_row *v, size_t n,
				   int64_t **out, size_t *n_out, struct s40_ctx *ctx)
{
	*out = NULL;
	*n_out = 0;
	int64_t *ids = malloc((n ? n : 1) * sizeof *ids);
	if (ids == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].person;
	/* In key order, the look-ups walk the table's pages in order. */
	qsort(ids, n, sizeof *ids, id_cmp);
	enum s40_err rc = s40_followup_assigned_among(st, ids, n, out, n_out, ctx);
	free(ids);
	return rc;
}

/* What a view keeps of the list, and its order (s40_report_lapsed_page). */
struct lapse_filter {
	int64_t recruiter;     /* 0: any member; else the volunteer's recruits and */
	const int64_t *mine;   /* the members assigned to them (n_mine, sorted) */
	size_t n_mine;
	int64_t assignee;      /* 0: any; > 0 that assignee's, -1 no one's: */
	const int64_t *as;     /* the members assigned to that one or to anyone */
	size_t n_as;
	int status;            /* 0: any standing; else that one's, */
	int lapse;             /* with the months of arrears that lapse */
	int (*cmp)(const void *, const void *); /* the view's order */
};

/* Keeps the rows of v (*n of them) that filter f lets through, in place. */
static enum s40_err lapse_keep(struct s40_store *st, const struct lapse_filter *f,
			       struct lapse_row *v, size_t *n, struct s40_ctx *ctx)
{
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		if (f->recruiter != 0) {
			bool mine = v[i].recruited_by == f->recruiter ||
				    id_in(v[i].person, f->mine, f->n_mine);
			enum s40_err rc;
			if (!mine && (rc = recruited_by(st, v[i].person, f->recruiter, &mine, ctx)))
				return rc;
			if (!mine)
				continue;
		}
		if (f->assignee != 0 && id_in(v[i].person, f->as, f->n_as) != (f->assignee > 0))
			continue;
		if (f->status && s40_standing_of_run(v[i].unpaid, f->lapse) != f->status)
			continue;
		v[kept++] = v[i];
	}
	*n = kept;
	return S40_OK;
}

/* The first want rows of the country's list on day, and maybe more, unsorted:
 * each province's first want rows (any row of the country's first want is
 * among its own province's), and *total, the provinces' totals added up.
 * With f (a view that filters or orders after the read), each province's
 * whole list is read, filtered and cut to its first want rows in f's order:
 * the country's whole list at once took about 265 MB for one request on the
 * national database of bench/national.sh. */
static enum s40_err lapse_country(struct s40_store *st, int32_t day, size_t want,
				  const struct lapse_filter *f, struct lapse_row **out,
				  size_t *n, int64_t *total, struct s40_ctx *ctx)
{
	struct s40_area_rec *prov = NULL;
	size_t n_prov = 0;
	enum s40_err rc = s40_area_descendants(st, 0, S40_LEVEL_PROVINCE, &prov, &n_prov, ctx);
	if (rc)
		return rc;
	struct lapse_row *v = NULL;
	size_t len = 0;
	*total = 0;
	for (size_t i = 0; i < n_prov && rc == S40_OK; i++) {
		int32_t lo, hi;
		area_villages(prov[i].code, &lo, &hi);
		struct lapse_row *w = NULL;
		size_t nw = 0;
		int64_t tw = 0;
		if ((rc = lapse_province(st, -1, lo, hi, day, f ? SIZE_MAX : want, &w, &nw, &tw,
					 ctx)))
			break;
		if (f) {
			if ((rc = lapse_keep(st, f, w, &nw, ctx))) {
				free(w);
				break;
			}
			tw = (int64_t)nw;
			if (nw > want) {
				qsort(w, nw, sizeof *w, f->cmp);
				nw = want;
			}
		}
		if ((rc = lapse_append(&v, &len, w, nw, ctx)))
			break;
		*total += tw;
	}
	free(prov);
	if (rc) {
		free(v); /* NULL when lapse_append failed */
		return rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* The follow-up cells (12–15) of the last row of the lapsed list: the
 * member's assignee and the latest call. In a volunteer's list (recruiter),
 * a member assigned to that volunteer shows its whole ID: the volunteer has
 * been given the member to call and records each call under that number. */
static enum s40_err followup_cells(struct s40_store *st, struct s40_table *t, int64_t person,
				   int64_t recruiter, struct s40_ctx *ctx)
{
	struct s40_assignment a;
	int found;
	enum s40_err rc = s40_followup_assignment(st, person, &a, &found, ctx);
	if (rc == S40_OK && found && recruiter != 0 && a.assignee == recruiter)
		s40_table_set_clear(t, 0);
	if (rc == S40_OK && found) {
		struct s40_person ap;
		char nm[600];
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		s40_table_set_int(t, 12, a.assignee);
		if (s40_person_get(st, a.assignee, &ap, &c2) == S40_OK)
			rc = s40_table_set_text(t, 13, name_th(&ap, nm, sizeof nm));
	}
	struct s40_call *calls;
	size_t n;
	if (rc == S40_OK && (rc = s40_followup_calls(st, person, 1, &calls, &n, ctx)) == S40_OK) {
		if (n == 1) {
			rc = s40_table_set_text(t, 14, s40_call_outcome_key(calls[0].outcome));
			s40_table_set_int(t, 15, calls[0].day);
		}
		free(calls);
	}
	return rc;
}

enum s40_err s40_report_lapsed_page(struct s40_store *st, int64_t active, int32_t area,
				    int32_t day, int lapse, int64_t recruiter,
				    const struct s40_lapsed_view *view, size_t offset,
				    size_t limit, struct s40_table *t, int64_t *total,
				    struct s40_ctx *ctx)
{
	static const struct s40_lapsed_view all_worst = { 0, 0, 0 };
	if (view == NULL)
		view = &all_worst;
	enum s40_err rc;
	char place_th[512] = "ทั้งประเทศ", place_en[512] = "the whole country";
	if (area && ((rc = s40_area_full_name(st, area, S40_LANG_TH, place_th, sizeof place_th,
					      ctx)) ||
		     (rc = s40_area_full_name(st, area, S40_LANG_EN, place_en, sizeof place_en,
					      ctx))))
		return rc;
	char d_th[64], d_en[64], sub_th[800], sub_en[800];
	snprintf(sub_th, sizeof sub_th,
		 "%s ณ วันที่ %s: ผู้ประกันตนที่ค้างชำระ (ขาดส่งเมื่อค้าง %d เดือนขึ้นไป)", place_th,
		 s40_date_th_long(day, d_th, sizeof d_th), lapse);
	snprintf(sub_en, sizeof sub_en, "%s on %s: members in arrears (lapsed from %d months)",
		 place_en, s40_date_en_long(day, d_en, sizeof d_en), lapse);
	static const struct col_def cols[] = {
		{ "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID },
		{ "name", "ชื่อ-นามสกุล", "name", S40_COL_TEXT },
		{ "village", "หมู่บ้าน", "village", S40_COL_CODE },
		{ "village_name", "ชื่อหมู่บ้าน", "village name", S40_COL_TEXT },
		{ "status", "สถานะ", "status", S40_COL_TEXT },
		{ "unpaid_months", "ค้าง (เดือน)", "months unpaid", S40_COL_INT },
		{ "last_paid", "ชำระล่าสุด", "last month paid", S40_COL_MONTH },
		{ "phone", "โทรศัพท์", "phone", S40_COL_TEXT },
		{ "recruiter_name", "ผู้แนะนำ", "recruited by", S40_COL_TEXT },
		{ "recruiter_phone", "โทรศัพท์ผู้แนะนำ", "recruiter's phone", S40_COL_TEXT },
		/* The name's parts, which a list sorted by name orders on (the title
		 * leads "name"): for programs and spreadsheets. */
		{ "first_name", "ชื่อ", "first name", S40_COL_TEXT },
		{ "last_name", "นามสกุล", "last name", S40_COL_TEXT },
		/* Follow-up (followup.h): who is to call, and the latest call. */
		{ "assignee", "เลขประจำตัวผู้ติดตาม", "assignee's ID", S40_COL_NATID },
		{ "assignee_name", "ผู้ติดตาม", "assigned to", S40_COL_TEXT },
		{ "last_call", "ผลการติดตามล่าสุด", "latest call", S40_COL_TEXT },
		{ "last_call_date", "วันที่ติดตาม", "called on", S40_COL_DATE },
	};
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0])) ||
	    (rc = s40_table_col_machine(t, 10)) || (rc = s40_table_col_machine(t, 11)) ||
	    (rc = s40_table_col_machine(t, 12)) ||
	    (rc = s40_table_col_words(t, 4, s40_standing_key, s40_standing_name,
				      S40_STANDING_NEVER, S40_STANDING_ENDED)) ||
	    (rc = s40_table_col_words(t, 14, s40_call_outcome_key, s40_call_outcome_name, 1,
				      S40_CALL_OUTCOME_MAX)))
		return rc;
	t->mask_ids = 1;

	int32_t lo, hi;
	area_villages(area, &lo, &hi);
	struct lapse_row *v = NULL;
	size_t n = 0;
	size_t want = limit > SIZE_MAX - offset ? SIZE_MAX : offset + limit;
	/* A volunteer's list, one status, an assignee's and the newest first are
	 * filtered or ordered after the read: every row is read (in the country,
	 * each province's in turn). */
	bool whole = recruiter != 0 || view->status || view->newest || view->assignee;
	struct lapse_filter f = { .recruiter = recruiter, .assignee = view->assignee,
				  .status = view->status, .lapse = lapse,
				  .cmp = view->newest ? lapse_cmp_newest : lapse_cmp };
	int64_t *mine_v = NULL, *as_v = NULL;
	rc = S40_OK;
	/* The volunteer's recruits, and the members assigned to them; an
	 * assignee's members, or for none (-1) in the country every member
	 * assigned, read once (a look-up a row through the registry took 1.5 s
	 * for a province of 333,000). An area's list for none asks about its own
	 * members after reading them (below): every assignment of the country
	 * took 0.2 s to read at 2.5 M of them, whatever the area. */
	if (recruiter != 0)
		rc = s40_followup_assigned_to(st, recruiter, &mine_v, &f.n_mine, ctx);
	if (rc == S40_OK && view->assignee > 0)
		rc = s40_followup_assigned_to(st, view->assignee, &as_v, &f.n_as, ctx);
	else if (rc == S40_OK && view->assignee < 0 && !area)
		rc = s40_followup_assigned_to(st, 0, &as_v, &f.n_as, ctx);
	f.mine = mine_v;
	f.as = as_v;
	int64_t all_n = 0;
	if (rc == S40_OK && area) {
		/* One province (or an area inside one): its own index. */
		rc = lapse_province(st, active, lo, hi, day, whole ? SIZE_MAX : want, &v, &n,
				    &all_n, ctx);
		if (rc == S40_OK && view->assignee < 0) {
			rc = assigned_among(st, v, n, &as_v, &f.n_as, ctx);
			f.as = as_v;
		}
		if (rc == S40_OK && whole) {
			rc = lapse_keep(st, &f, v, &n, ctx);
			all_n = (int64_t)n;
		}
	} else if (rc == S40_OK) {
		/* The country: each province's index in turn. */
		rc = lapse_country(st, day, want, whole ? &f : NULL, &v, &n, &all_n, ctx);
	}
	free(mine_v);
	free(as_v);
	if (rc) {
		free(v);
		return rc;
	}
	if (total != NULL)
		*total = all_n;
	if (n > 1)
		qsort(v, n, sizeof *v, f.cmp);
	struct s40_area_rec vil = { 0 };
	size_t end = want < n ? want : n;
	for (size_t i = offset; i < end && rc == S40_OK; i++) {
		struct s40_person p, rp;
		char nm[600], rname[600];
		if ((rc = s40_person_get(st, v[i].person, &p, ctx)))
			break;
		if (vil.code != v[i].village && (rc = s40_area_get(st, v[i].village, &vil, ctx)))
			break;
		int has_r = 0;
		if (v[i].recruited_by) {
			struct s40_ctx c2;
			s40_ctx_clear(&c2);
			has_r = s40_person_get(st, v[i].recruited_by, &rp, &c2) == S40_OK;
		}
		int status = s40_standing_of_run(v[i].unpaid, lapse);
		if ((rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, v[i].person);
		s40_table_set_int(t, 2, v[i].village);
		s40_table_set_int(t, 5, v[i].unpaid);
		if (v[i].last_paid != INT32_MIN)
			s40_table_set_int(t, 6, v[i].last_paid);
		if ((rc = s40_table_set_text(t, 1, name_th(&p, nm, sizeof nm))) ||
		    (rc = s40_table_set_text(t, 3, vil.name_th)) ||
		    (rc = s40_table_set_text(t, 4, s40_standing_key(status))) ||
		    (rc = s40_table_set_text(t, 7, p.phone[0] ? p.phone : NULL)) ||
		    (rc = s40_table_set_text(t, 10, p.first_th)) ||
		    (rc = s40_table_set_text(t, 11, p.last_th)))
			break;
		if (has_r && ((rc = s40_table_set_text(t, 8, name_th(&rp, rname, sizeof rname))) ||
			      (rc = s40_table_set_text(t, 9, rp.phone[0] ? rp.phone : NULL))))
			break;
		if ((rc = followup_cells(st, t, v[i].person, recruiter, ctx)))
			break;
	}
	free(v);
	return rc;
}

enum s40_err s40_report_lapsed(struct s40_store *st, int32_t area, int32_t day, int lapse,
			       int64_t recruiter, struct s40_table *t, struct s40_ctx *ctx)
{
	return s40_report_lapsed_page(st, -1, area, day, lapse, recruiter, NULL, 0, SIZE_MAX, t,
				      NULL, ctx);
}

/* One (month, area) sum. */
struct contrib {
	int32_t month;
	int32_t code;
	int64_t member, government, extra, paying;
};

static int contrib_find(const struct contrib *v, size_t n, int32_t month, int32_t code)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].month < month || (v[mid].month == month && v[mid].code < code))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].month == month && v[lo].code == code ? (int)lo : -1;
}

enum s40_err s40_report_contributions(struct s40_store *st, int32_t area, enum s40_level level,
				      int32_t from, int32_t to, struct s40_table *t,
				      struct s40_ctx *ctx)
{
	enum s40_err rc;
	struct s40_area_rec self;
	enum s40_level at = area ? s40_area_level(area) : S40_LEVEL_NONE;
	if (area && (rc = s40_area_get(st, area, &self, ctx)))
		return rc;
	if (level == S40_LEVEL_NONE)
		level = at == S40_LEVEL_VILLAGE ? S40_LEVEL_VILLAGE : (enum s40_level)(at + 1);
	if (level < at || level > S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "level",
				  "ระดับ %s ไม่ได้อยู่ภายใต้พื้นที่ %d", "level %s is not below area %d",
				  s40_level_name(level, S40_LANG_TH), (int)area);
	if (to < from)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "to", "เดือนสุดท้ายอยู่ก่อนเดือนแรก",
				  "the last month is before the first");
	if ((int64_t)to - from >= 120)
		return s40_errorf(ctx, S40_E_LIMIT, "to", "รายงานได้ไม่เกิน 120 เดือน",
				  "at most 120 months in one report");
	char place_th[512] = "ทั้งประเทศ", place_en[512] = "the whole country";
	if (area && ((rc = s40_area_full_name(st, area, S40_LANG_TH, place_th, sizeof place_th,
					      ctx)) ||
		     (rc = s40_area_full_name(st, area, S40_LANG_EN, place_en, sizeof place_en,
					      ctx))))
		return rc;
	char m1[64], m2[64], m3[16], m4[16], sub_th[800], sub_en[800];
	snprintf(sub_th, sizeof sub_th, "%s เดือนที่ส่งเงินสมทบ %s ถึง %s", place_th,
		 s40_month_th_long(from, m1, sizeof m1), s40_month_th_long(to, m2, sizeof m2));
	snprintf(sub_en, sizeof sub_en, "%s, contribution months %s to %s", place_en,
		 s40_month_iso(from, m3, sizeof m3), s40_month_iso(to, m4, sizeof m4));
	static const struct col_def cols[] = {
		{ "month", "เดือน", "month", S40_COL_MONTH },
		{ "code", "รหัส", "code", S40_COL_CODE },
		{ "name_th", "พื้นที่", "area (Thai)", S40_COL_TEXT },
		{ "name_en", "ชื่อภาษาอังกฤษ", "area", S40_COL_TEXT },
		{ "member", "เงินสมทบผู้ประกันตน", "member share", S40_COL_MONEY },
		{ "government", "เงินสมทบรัฐ", "government share", S40_COL_MONEY },
		{ "extra", "เงินออมเพิ่ม", "extra savings", S40_COL_MONEY },
		{ "paying", "ผู้ประกันตนที่ชำระ", "members paying", S40_COL_INT },
	};
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0])))
		return rc;

	struct s40_area_rec *areas = NULL;
	size_t n_areas = 0;
	if ((rc = s40_area_descendants(st, area, level, &areas, &n_areas, ctx)))
		return rc;
	size_t n_months = (size_t)(to - from + 1);
	/* Rows: every area at level in every month, sorted by month then code. */
	struct contrib *v = calloc(n_months * (n_areas ? n_areas : 1), sizeof *v);
	int64_t(*tot)[4] = calloc(n_months, sizeof *tot);
	if (v == NULL || tot == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	size_t nv = 0;
	for (size_t m = 0; m < n_months; m++)
		for (size_t a = 0; a < n_areas; a++) {
			v[nv].month = from + (int32_t)m;
			v[nv].code = areas[a].code;
			nv++;
		}
	int32_t lo, hi;
	area_villages(area, &lo, &hi);
	/* An area inside one province reads that province's months only. */
	struct s40_stmt *s = s40_store_stmt(
		st, area ? S40_Q_LEDGER_BY_VILLAGE_PROV : S40_Q_LEDGER_BY_VILLAGE, ctx);
	if (s == NULL) {
		rc = STORE_ERR(ctx);
		goto out;
	}
	s40_stmt_int64(s, 1, from);
	s40_stmt_int64(s, 2, to);
	s40_stmt_int64(s, 3, lo);
	s40_stmt_int64(s, 4, hi);
	if (area)
		s40_stmt_int64(s, 5, lo / 1000000);
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		int32_t month = (int32_t)s40_col_int64(s, 0);
		int32_t village = (int32_t)s40_col_int64(s, 1);
		int64_t x[4] = { s40_col_int64(s, 2), s40_col_int64(s, 3), s40_col_int64(s, 4),
				 s40_col_int64(s, 5) };
		int64_t *tt = tot[month - from];
		for (int k = 0; k < 4; k++)
			tt[k] += x[k];
		int i = contrib_find(v, nv, month, s40_area_at_level(village, level));
		if (i < 0)
			continue; /* a village the tree does not hold: in the total only */
		v[i].member += x[0];
		v[i].government += x[1];
		v[i].extra += x[2];
		v[i].paying += x[3];
	}
	if (r != S40_OK) {
		rc = (enum s40_err)r;
		goto out;
	}
	char tot_th[600], tot_en[600];
	s40_area_total_label(area ? &self : NULL, tot_th, sizeof tot_th, tot_en,
			     sizeof tot_en);
	size_t i = 0;
	for (size_t m = 0; m < n_months && rc == S40_OK; m++) {
		for (size_t a = 0; a < n_areas && rc == S40_OK; a++, i++) {
			if ((rc = s40_table_add_row(t)))
				break;
			s40_table_set_int(t, 0, v[i].month);
			s40_table_set_int(t, 1, v[i].code);
			s40_table_set_int(t, 4, v[i].member);
			s40_table_set_int(t, 5, v[i].government);
			s40_table_set_int(t, 6, v[i].extra);
			s40_table_set_int(t, 7, v[i].paying);
			if ((rc = s40_table_set_text(t, 2, areas[a].name_th)) ||
			    (rc = s40_table_set_text(t, 3, areas[a].name_en)))
				break;
		}
		if (rc || (rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, from + (int32_t)m);
		if (area)
			s40_table_set_int(t, 1, area);
		for (int k = 0; k < 4; k++)
			s40_table_set_int(t, 4 + (size_t)k, tot[m][k]);
		if ((rc = s40_table_set_text(t, 2, tot_th)) || (rc = s40_table_set_text(t, 3, tot_en)))
			break;
	}
out:
	free(areas);
	free(v);
	free(tot);
	return rc;
}

enum s40_err s40_report_benefit(struct s40_store *st, int64_t person,
				const struct s40_benefit_check *c, struct s40_table *t,
				struct s40_ctx *ctx)
{
	struct s40_person p;
	enum s40_err rc = s40_person_get(st, person, &p, ctx);
	if (rc)
		return rc;
	char id[32], nth[600], nen[600], d_th[64], d_en[64], v_th[64], v_en[64];
	char amt[32], sub_th[1600], sub_en[1400];
	s40_natid_format(person, id, sizeof id);
	s40_format_baht(c->amount, amt, sizeof amt);
	const char *per_th = c->per == S40_PER_MONTH ? " ต่อเดือน" : "";
	const char *per_en = c->per == S40_PER_MONTH ? " a month" : "";
	char out_th[400], out_en[300];
	if (!c->covered)
		snprintf(out_th, sizeof out_th, "ไม่คุ้มครองกรณีนี้");
	else if (c->kind == S40_CASE_OLDAGE)
		snprintf(out_th, sizeof out_th, "%s; เงินออมชราภาพสะสม %s บาท (ยอดประมาณการ รอยืนยันสูตร)",
			 c->eligible ? "ถึงกำหนดรับ" : "ยังไม่ถึงกำหนดรับ", amt);
	else if (c->eligible)
		snprintf(out_th, sizeof out_th, "มีสิทธิ %s บาท%s", amt, per_th);
	else
		snprintf(out_th, sizeof out_th, "ไม่มีสิทธิ");
	if (!c->covered)
		snprintf(out_en, sizeof out_en, "not covered");
	else if (c->kind == S40_CASE_OLDAGE)
		snprintf(out_en, sizeof out_en, "%s; old-age savings %s baht (provisional: formula "
						"to be confirmed)",
			 c->eligible ? "due" : "not yet due", amt);
	else if (c->eligible)
		snprintf(out_en, sizeof out_en, "eligible: %s baht%s", amt, per_en);
	else
		snprintf(out_en, sizeof out_en, "not eligible");
	if (c->version[0]) {
		snprintf(v_th, sizeof v_th, "กฎรุ่น %s", c->version);
		snprintf(v_en, sizeof v_en, "rules %s", c->version);
	} else {
		snprintf(v_th, sizeof v_th, "ไม่มีกฎที่มีผล");
		snprintf(v_en, sizeof v_en, "no rules in force");
	}
	snprintf(sub_th, sizeof sub_th, "%s %s กรณี%s วันที่ %s %s %s: %s", id,
		 name_th(&p, nth, sizeof nth), s40_case_name(c->kind, S40_LANG_TH),
		 s40_date_th_long(c->day, d_th, sizeof d_th),
		 c->option ? s40_option_name(c->option, S40_LANG_TH) : "-", v_th, out_th);
	snprintf(sub_en, sizeof sub_en, "%s %s, %s on %s, %s, %s: %s", id,
		 name_en(&p, nen, sizeof nen), s40_case_name(c->kind, S40_LANG_EN),
		 s40_date_en_long(c->day, d_en, sizeof d_en),
		 c->option ? s40_option_name(c->option, S40_LANG_EN) : "-", v_en, out_en);
	static const struct col_def cols[] = {
		{ "condition", "เงื่อนไข", "condition", S40_COL_TEXT },
		{ "text_th", "รายละเอียด", "detail (Thai)", S40_COL_TEXT },
		{ "text_en", "รายละเอียดภาษาอังกฤษ", "detail", S40_COL_TEXT },
		{ "window_from", "ตั้งแต่เดือน", "from", S40_COL_MONTH },
		{ "window_to", "ถึงเดือน", "to", S40_COL_MONTH },
		{ "needed", "ต้องมี", "needed", S40_COL_INT },
		{ "found", "พบ", "found", S40_COL_INT },
		{ "holds", "ผ่าน", "holds", S40_COL_BOOL },
		{ "amount", "จำนวนเงิน", "amount", S40_COL_MONEY },
	};
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = add_cols(t, cols, sizeof cols / sizeof cols[0])))
		return rc;
	for (size_t i = 0; i < c->n_cond && rc == S40_OK; i++) {
		const struct s40_benefit_cond *x = &c->cond[i];
		if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 0, x->key)) ||
		    (rc = s40_table_set_text(t, 1, x->label_th)) ||
		    (rc = s40_table_set_text(t, 2, x->label_en)))
			break;
		if (x->from_month != INT32_MIN) {
			s40_table_set_int(t, 3, x->from_month);
			s40_table_set_int(t, 4, x->to_month);
		}
		if (x->needed >= 0) {
			s40_table_set_int(t, 5, x->needed);
			s40_table_set_int(t, 6, x->found);
		}
		s40_table_set_int(t, 7, x->holds);
		if (x->amount)
			s40_table_set_int(t, 8, x->amount);
	}
	if (rc)
		return rc;
	char res_th[160], res_en[160];
	if (c->units_asked > 0) {
		snprintf(res_th, sizeof res_th, "ผลการตรวจสิทธิ (ขอ %lld จ่าย %lld)",
			 (long long)c->units_asked, (long long)c->units_paid);
		snprintf(res_en, sizeof res_en, "result (%lld asked, %lld paid)",
			 (long long)c->units_asked, (long long)c->units_paid);
	} else {
		snprintf(res_th, sizeof res_th, "%s", c->provisional ? "ผลการตรวจสิทธิ (ประมาณการ)" :
								       "ผลการตรวจสิทธิ");
		snprintf(res_en, sizeof res_en, "%s", c->provisional ? "result (provisional)" :
								       "result");
	}
	if ((rc = s40_table_add_row(t)) || (rc = s40_table_set_text(t, 0, "result")) ||
	    (rc = s40_table_set_text(t, 1, res_th)) || (rc = s40_table_set_text(t, 2, res_en)))
		return rc;
	if (c->units_asked > 0) {
		s40_table_set_int(t, 5, c->units_asked);
		s40_table_set_int(t, 6, c->units_paid);
	}
	s40_table_set_int(t, 7, c->eligible);
	s40_table_set_int(t, 8, c->amount);
	return S40_OK;
}
