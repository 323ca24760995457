/*
 * network.c — the network and events reports: members of the network, their
 * results in a fiscal year ranked within the area, and the field events.
 * Names are read from the person register and sorted in Thai dictionary order
 * (ICU sort keys); recruits are the spells whose recruited_by is the member.
 */
#include "report/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/event.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/network.h"
#include "registry/person.h"

#define NAME_MAX_LEN 640
#define KEY_MAX 512

/* "นายสมชาย ใจดี" and "Somchai Jaidee" (the Thai name when no English one). */
static void person_names(const struct s40_person *p, char *th, char *en, size_t n)
{
	snprintf(th, n, "%s%s %s", p->title, p->first_th, p->last_th);
	if (p->first_en[0] || p->last_en[0])
		snprintf(en, n, "%s%s%s", p->first_en, p->first_en[0] && p->last_en[0] ? " " : "",
			 p->last_en);
	else
		snprintf(en, n, "%s", th);
}

/* The Thai and English names of person, or "" when not registered. */
static enum s40_err names_of(struct s40_store *st, int64_t person, char *th, char *en, size_t n,
			     struct s40_ctx *ctx)
{
	struct s40_person p;
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	th[0] = en[0] = '\0';
	enum s40_err rc = s40_person_get(st, person, &p, &c2);
	if (rc == S40_E_NOT_FOUND)
		return S40_OK;
	if (rc) {
		if (ctx)
			*ctx = c2;
		return rc;
	}
	person_names(&p, th, en, n);
	return S40_OK;
}

/* The place line of the subtitle: "จังหวัดสมุทรสงคราม" / "the whole country". */
static enum s40_err place_names(struct s40_store *st, int32_t area, char *th, char *en, size_t n,
				struct s40_ctx *ctx)
{
	enum s40_err rc;
	if (area == 0) {
		snprintf(th, n, "ทั้งประเทศ");
		snprintf(en, n, "the whole country");
		return S40_OK;
	}
	if ((rc = s40_area_full_name(st, area, S40_LANG_TH, th, n, ctx)) ||
	    (rc = s40_area_full_name(st, area, S40_LANG_EN, en, n, ctx)))
		return rc;
	return S40_OK;
}

static enum s40_err nomem(struct s40_ctx *ctx)
{
	return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------ */
/* Members. */

struct member_row {
	struct s40_net_member m;
	char name_th[NAME_MAX_LEN], name_en[NAME_MAX_LEN];
	char key[KEY_MAX];
	long recruits, active, paying;
	long rank;
};

static int role_order(int role)
{
	/* staff, representatives, leaders, volunteers */
	return role == S40_ROLE_STAFF	       ? 0 :
	       role == S40_ROLE_REPRESENTATIVE ? 1 :
	       role == S40_ROLE_LEADER	       ? 2 :
						 3;
}

static int member_cmp_area(const void *a, const void *b)
{
	const struct member_row *x = a, *y = b;
	if (x->m.area != y->m.area)
		return x->m.area < y->m.area ? -1 : 1;
	if (role_order(x->m.role) != role_order(y->m.role))
		return role_order(x->m.role) - role_order(y->m.role);
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->m.person != y->m.person)
		return x->m.person < y->m.person ? -1 : 1;
	return x->m.from_day < y->m.from_day ? -1 : x->m.from_day > y->m.from_day;
}

static int member_cmp_rank(const void *a, const void *b)
{
	const struct member_row *x = a, *y = b;
	if (x->recruits != y->recruits)
		return x->recruits > y->recruits ? -1 : 1;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->m.person < y->m.person ? -1 : x->m.person > y->m.person;
}

/* Rows for periods v[0..n): names and sort keys filled. */
static enum s40_err member_rows(struct s40_store *st, const struct s40_net_member *v, size_t n,
				struct member_row **out, struct s40_ctx *ctx)
{
	struct member_row *rows = calloc(n ? n : 1, sizeof *rows);
	if (rows == NULL)
		return nomem(ctx);
	struct s40_collator *coll = s40_collator_open(ctx);
	if (coll == NULL) {
		free(rows);
		return ctx ? ctx->code : S40_E_INTERNAL;
	}
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		rows[i].m = v[i];
		rc = names_of(st, v[i].person, rows[i].name_th, rows[i].name_en, NAME_MAX_LEN, ctx);
		/* A key that does not fit is cut: the order of very long names
		 * past KEY_MAX bytes of key is by ID. */
		s40_collate_key(coll, rows[i].name_th, (uint8_t *)rows[i].key, KEY_MAX);
	}
	s40_collator_close(coll);
	if (rc) {
		free(rows);
		return rc;
	}
	*out = rows;
	return S40_OK;
}

enum s40_err s40_report_network_members(struct s40_store *st, int32_t area, int32_t day,
					struct s40_table *t, struct s40_ctx *ctx)
{
	char place_th[512], place_en[512], d_th[64], d_en[64], sub_th[700], sub_en[700];
	enum s40_err rc;
	if ((rc = place_names(st, area, place_th, place_en, sizeof place_th, ctx)))
		return rc;
	if (day == S40_NO_DAY) {
		snprintf(sub_th, sizeof sub_th, "%s ทุกช่วงเวลา", place_th);
		snprintf(sub_en, sizeof sub_en, "%s, all periods", place_en);
	} else {
		snprintf(sub_th, sizeof sub_th, "%s ณ วันที่ %s", place_th,
			 s40_date_th_long(day, d_th, sizeof d_th));
		snprintf(sub_en, sizeof sub_en, "%s on %s", place_en,
			 s40_date_en_long(day, d_en, sizeof d_en));
	}
	free(t->title_th);
	free(t->title_en);
	t->title_th = strdup("สมาชิกเครือข่ายประกันสังคม");
	t->title_en = strdup("Social security network members");
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = s40_table_add_col(t, "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID)) ||
	    (rc = s40_table_add_col(t, "name_th", "ชื่อ", "name (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "name_en", "ชื่อภาษาอังกฤษ", "name", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "role", "บทบาท (รหัส)", "role", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "role_th", "บทบาท", "role (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "area", "พื้นที่", "area", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "area_name", "ชื่อพื้นที่", "area name", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "supervisor", "ผู้กำกับดูแล", "supervisor", S40_COL_NATID)) ||
	    (rc = s40_table_add_col(t, "supervisor_name", "ชื่อผู้กำกับดูแล", "supervisor name",
				    S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "from", "ตั้งแต่", "from", S40_COL_DATE)) ||
	    (rc = s40_table_add_col(t, "end", "สิ้นสุด", "end", S40_COL_DATE)))
		return rc == S40_E_NOMEM ? nomem(ctx) : rc;
	t->mask_ids = 1;

	struct s40_net_member *v;
	size_t n;
	if ((rc = s40_network_list(st, area, day, day, &v, &n, ctx)))
		return rc;
	struct member_row *rows;
	rc = member_rows(st, v, n, &rows, ctx);
	free(v);
	if (rc)
		return rc;
	qsort(rows, n, sizeof *rows, member_cmp_area);
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		const struct s40_net_member *m = &rows[i].m;
		struct s40_area_rec a;
		char sup_th[NAME_MAX_LEN], sup_en[NAME_MAX_LEN];
		if ((rc = s40_area_get(st, m->area, &a, ctx)))
			break;
		sup_th[0] = '\0';
		if (m->supervisor &&
		    (rc = names_of(st, m->supervisor, sup_th, sup_en, sizeof sup_th, ctx)))
			break;
		if ((rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, m->person);
		s40_table_set_text(t, 1, rows[i].name_th);
		s40_table_set_text(t, 2, rows[i].name_en);
		s40_table_set_text(t, 3, s40_net_role_key(m->role));
		s40_table_set_text(t, 4, s40_net_role_name(m->role, S40_LANG_TH));
		s40_table_set_int(t, 5, m->area);
		s40_table_set_text(t, 6, a.name_th);
		if (m->supervisor) {
			s40_table_set_int(t, 7, m->supervisor);
			s40_table_set_text(t, 8, sup_th);
		}
		s40_table_set_int(t, 9, m->from_day);
		if (m->end_day != S40_NO_DAY)
			s40_table_set_int(t, 10, m->end_day);
	}
	free(rows);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Results in a fiscal year. */

/* Count each member's recruits started in [from, to], active on to, paying on to. */
static enum s40_err count_recruits(struct s40_store *st, struct member_row *rows, size_t n,
				   int32_t from, int32_t to, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_NET_RECRUITS, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	s40_stmt_int64(s, 1, from);
	s40_stmt_int64(s, 2, to);
	/* Read the recruits first: the standing below runs other statements. */
	struct rec {
		int64_t by, person;
		int32_t start, end;
	} *v = NULL;
	size_t cap = 0, len = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			struct rec *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return nomem(ctx);
			}
			v = nv;
		}
		v[len].by = s40_col_int64(s, 0);
		v[len].person = s40_col_int64(s, 2);
		v[len].start = (int32_t)s40_col_int64(s, 3);
		v[len].end = (int32_t)s40_col_int64_or(s, 4, S40_NO_DAY);
		len++;
	}
	if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	/* rows are sorted by person here; v by recruiter. */
	enum s40_err rc = S40_OK;
	size_t j = 0;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		while (j < len && v[j].by < rows[i].m.person)
			j++;
		for (; j < len && v[j].by == rows[i].m.person && rc == S40_OK; j++) {
			/* A spell ended on its own start day (a correction) is no recruit. */
			if (v[j].end != S40_NO_DAY && v[j].end <= v[j].start)
				continue;
			rows[i].recruits++;
			if (v[j].end != S40_NO_DAY && v[j].end <= to)
				continue;
			rows[i].active++;
			struct s40_standing sd;
			rc = s40_ledger_standing(st, v[j].person, to, S40_LAPSE_MONTHS, &sd, ctx);
			if (rc == S40_OK && sd.status == S40_STANDING_PAYING)
				rows[i].paying++;
		}
	}
	free(v);
	return rc;
}

static int member_cmp_person(const void *a, const void *b)
{
	const struct member_row *x = a, *y = b;
	if (x->m.person != y->m.person)
		return x->m.person < y->m.person ? -1 : 1;
	return x->m.from_day < y->m.from_day ? -1 : x->m.from_day > y->m.from_day;
}

enum s40_err s40_report_network(struct s40_store *st, int fy, int32_t area, int32_t day,
				struct s40_table *t, struct s40_ctx *ctx)
{
	char place_th[512], place_en[512], d_th[64], d_en[64], sub_th[800], sub_en[800];
	char title_th[160], title_en[160];
	enum s40_err rc;
	int32_t from = s40_fiscal_year_first_day(fy), last = s40_fiscal_year_last_day(fy);
	struct s40_day2 dd;
	if (day < from)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ " S40_D_TH " อยู่ก่อนปีงบประมาณ %d เริ่ม",
				  S40_D_EN " is before fiscal year %d begins",
				  S40_D_ARGS(*s40_day2(day, &dd)), fy);
	int32_t to = day < last ? day : last;
	if ((rc = place_names(st, area, place_th, place_en, sizeof place_th, ctx)))
		return rc;
	snprintf(title_th, sizeof title_th, "ผลงานเครือข่ายประกันสังคม ปีงบประมาณ %d", fy);
	snprintf(title_en, sizeof title_en, "Network results, fiscal year %d (BE)", fy);
	snprintf(sub_th, sizeof sub_th, "%s ผู้สมัครตั้งแต่วันที่ %s ถึง %s", place_th,
		 s40_date_th_long(from, d_th, sizeof d_th),
		 s40_date_th_long(to, d_en, sizeof d_en));
	char f_en[64];
	snprintf(sub_en, sizeof sub_en, "%s, enrolments from %s to %s", place_en,
		 s40_date_en_long(from, f_en, sizeof f_en),
		 s40_date_en_long(to, d_en, sizeof d_en));
	free(t->title_th);
	free(t->title_en);
	t->title_th = strdup(title_th);
	t->title_en = strdup(title_en);
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = s40_table_add_col(t, "rank", "อันดับ", "rank", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "id", "เลขประจำตัวประชาชน", "national ID", S40_COL_NATID)) ||
	    (rc = s40_table_add_col(t, "name_th", "ชื่อ", "name (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "name_en", "ชื่อภาษาอังกฤษ", "name", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "role", "บทบาท (รหัส)", "role", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "role_th", "บทบาท", "role (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "area", "พื้นที่", "area", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "area_name", "ชื่อพื้นที่", "area name", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "recruits", "ผู้สมัครที่ชักชวน", "recruits", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "recruits_active", "ยังเป็นผู้ประกันตน", "still members",
				    S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "recruits_paying", "ยังส่งเงินสมทบ", "still paying",
				    S40_COL_INT)))
		return rc == S40_E_NOMEM ? nomem(ctx) : rc;
	t->mask_ids = 1;

	struct s40_net_member *v;
	size_t n;
	if ((rc = s40_network_list(st, area, from, to, &v, &n, ctx)))
		return rc;
	struct member_row *rows;
	rc = member_rows(st, v, n, &rows, ctx);
	free(v);
	if (rc)
		return rc;
	/* One row per person: their latest period in the span. */
	qsort(rows, n, sizeof *rows, member_cmp_person);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && rows[m - 1].m.person == rows[i].m.person)
			rows[m - 1] = rows[i];
		else
			rows[m++] = rows[i];
	}
	n = m;
	if ((rc = count_recruits(st, rows, n, from, to, ctx))) {
		free(rows);
		return rc;
	}
	qsort(rows, n, sizeof *rows, member_cmp_rank);
	long tot_r = 0, tot_a = 0, tot_p = 0;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		struct member_row *r = &rows[i];
		r->rank = i > 0 && r->recruits == rows[i - 1].recruits ? rows[i - 1].rank :
									 (long)i + 1;
		tot_r += r->recruits;
		tot_a += r->active;
		tot_p += r->paying;
		struct s40_area_rec a;
		if ((rc = s40_area_get(st, r->m.area, &a, ctx)) || (rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, r->rank);
		s40_table_set_int(t, 1, r->m.person);
		s40_table_set_text(t, 2, r->name_th);
		s40_table_set_text(t, 3, r->name_en);
		s40_table_set_text(t, 4, s40_net_role_key(r->m.role));
		s40_table_set_text(t, 5, s40_net_role_name(r->m.role, S40_LANG_TH));
		s40_table_set_int(t, 6, r->m.area);
		s40_table_set_text(t, 7, a.name_th);
		s40_table_set_int(t, 8, r->recruits);
		s40_table_set_int(t, 9, r->active);
		s40_table_set_int(t, 10, r->paying);
	}
	free(rows);
	if (rc)
		return rc;
	if ((rc = s40_table_add_row(t)))
		return rc;
	s40_table_set_text(t, 2, "รวม");
	s40_table_set_text(t, 3, "Total");
	if (area)
		s40_table_set_int(t, 6, area);
	s40_table_set_int(t, 8, tot_r);
	s40_table_set_int(t, 9, tot_a);
	s40_table_set_int(t, 10, tot_p);
	return S40_OK;
}

/* ------------------------------------------------------------------------ */
/* Events. */

enum s40_err s40_report_events(struct s40_store *st, int32_t area, int fy, struct s40_table *t,
			       struct s40_ctx *ctx)
{
	char place_th[512], place_en[512], sub_th[700], sub_en[700];
	enum s40_err rc;
	if ((rc = place_names(st, area, place_th, place_en, sizeof place_th, ctx)))
		return rc;
	int32_t from = S40_NO_DAY, to = S40_NO_DAY;
	if (fy) {
		from = s40_fiscal_year_first_day(fy);
		to = s40_fiscal_year_last_day(fy);
		snprintf(sub_th, sizeof sub_th, "%s ปีงบประมาณ %d", place_th, fy);
		snprintf(sub_en, sizeof sub_en, "%s, fiscal year %d (BE)", place_en, fy);
	} else {
		snprintf(sub_th, sizeof sub_th, "%s ทุกปี", place_th);
		snprintf(sub_en, sizeof sub_en, "%s, all years", place_en);
	}
	free(t->title_th);
	free(t->title_en);
	t->title_th = strdup("กิจกรรมภาคสนาม");
	t->title_en = strdup("Field events");
	if ((rc = s40_table_subtitle(t, sub_th, sub_en)) ||
	    (rc = s40_table_add_col(t, "event", "กิจกรรม", "event", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "date", "วันที่", "date", S40_COL_DATE)) ||
	    (rc = s40_table_add_col(t, "village", "หมู่บ้าน", "village", S40_COL_CODE)) ||
	    (rc = s40_table_add_col(t, "village_name", "ชื่อหมู่บ้าน", "village name", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "kind", "ชนิด (รหัส)", "kind", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "kind_th", "ชนิดกิจกรรม", "kind (Thai)", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "place", "สถานที่", "place", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "n_staff", "ผู้ร่วมงาน", "staff", S40_COL_INT)) ||
	    (rc = s40_table_add_col(t, "staff", "รายชื่อผู้ร่วมงาน", "staff names", S40_COL_TEXT)) ||
	    (rc = s40_table_add_col(t, "enrolments", "ผู้สมัครในงาน", "enrolments", S40_COL_INT)))
		return rc == S40_E_NOMEM ? nomem(ctx) : rc;

	struct s40_event *ev;
	size_t n;
	if ((rc = s40_event_list(st, area, from, to, &ev, &n, ctx)))
		return rc;
	char *staff_text = NULL;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		char vname[512];
		int64_t *staff = NULL, n_enrol = 0;
		size_t n_staff = 0;
		if ((rc = s40_area_full_name(st, ev[i].village, S40_LANG_TH, vname, sizeof vname,
					     ctx)) ||
		    (rc = s40_event_staff(st, ev[i].event_id, &staff, &n_staff, ctx)) ||
		    (rc = s40_event_n_enrolments(st, ev[i].event_id, &n_enrol, ctx))) {
			free(staff);
			break;
		}
		size_t cap = n_staff * (NAME_MAX_LEN + 96) + 1;
		free(staff_text);
		staff_text = malloc(cap);
		if (staff_text == NULL) {
			free(staff);
			rc = nomem(ctx);
			break;
		}
		size_t len = 0;
		staff_text[0] = '\0';
		for (size_t k = 0; k < n_staff && rc == S40_OK; k++) {
			char th[NAME_MAX_LEN], en[NAME_MAX_LEN];
			struct s40_net_member m;
			int found = 0;
			if ((rc = names_of(st, staff[k], th, en, sizeof th, ctx)) ||
			    (rc = s40_network_on(st, staff[k], ev[i].day, &m, &found, ctx)))
				break;
			int w = snprintf(staff_text + len, cap - len, "%s%s%s%s%s", k ? ", " : "",
					 th, found ? " (" : "",
					 found ? s40_net_role_name(m.role, S40_LANG_TH) : "",
					 found ? ")" : "");
			if (w > 0)
				len += (size_t)w < cap - len ? (size_t)w : cap - len - 1;
		}
		free(staff);
		if (rc || (rc = s40_table_add_row(t)))
			break;
		s40_table_set_int(t, 0, ev[i].event_id);
		s40_table_set_int(t, 1, ev[i].day);
		s40_table_set_int(t, 2, ev[i].village);
		s40_table_set_text(t, 3, vname);
		s40_table_set_text(t, 4, s40_event_kind_key(ev[i].kind));
		s40_table_set_text(t, 5, s40_event_kind_name(ev[i].kind, S40_LANG_TH));
		if (ev[i].place[0])
			s40_table_set_text(t, 6, ev[i].place);
		s40_table_set_int(t, 7, (int64_t)n_staff);
		if (n_staff)
			s40_table_set_text(t, 8, staff_text);
		s40_table_set_int(t, 9, n_enrol);
	}
	free(staff_text);
	free(ev);
	return rc;
}
