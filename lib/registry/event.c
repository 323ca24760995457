/*
 * event.c — field events: recording one with the network members present,
 * reading and listing them, and the link from an enrolment to its event.
 */
#include "event.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "areas.h"
#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "network.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

struct kind_entry {
	const char *key;
	const char *th;
	const char *en;
	const char *th_short;
};

static const struct kind_entry kinds[] = {
	[S40_EVENT_CAMPAIGN] = { "campaign", "รณรงค์ประชาสัมพันธ์", "campaign", "รณรงค์" },
	[S40_EVENT_VISIT] = { "visit", "ลงพื้นที่ตรวจเยี่ยม", "visit", "ตรวจเยี่ยม" },
	[S40_EVENT_REGISTRATION] = { "registration", "วันรับสมัคร", "registration day", "รับสมัคร" },
};
#define N_KINDS ((int)(sizeof kinds / sizeof kinds[0]))

int s40_event_kind_parse(const char *text)
{
	if (text == NULL)
		return 0;
	for (int k = 1; k < N_KINDS; k++)
		if (strcmp(text, kinds[k].key) == 0 || strcmp(text, kinds[k].th) == 0 ||
		    strcmp(text, kinds[k].th_short) == 0 || strcmp(text, kinds[k].en) == 0)
			return k;
	return 0;
}

const char *s40_event_kind_key(int kind)
{
	return kind > 0 && kind < N_KINDS ? kinds[kind].key : "";
}

const char *s40_event_kind_name(int kind, enum s40_lang lang)
{
	if (kind <= 0 || kind >= N_KINDS)
		return "";
	return lang == S40_LANG_EN ? kinds[kind].en : kinds[kind].th;
}

static void event_from_row(struct s40_stmt *s, struct s40_event *e)
{
	memset(e, 0, sizeof *e);
	e->event_id = s40_col_int64(s, 0);
	e->day = (int32_t)s40_col_int64(s, 1);
	e->village = (int32_t)s40_col_int64(s, 2);
	e->kind = (int)s40_col_int64(s, 3);
	const char *place = s40_col_text(s, 4), *note = s40_col_text(s, 5);
	snprintf(e->place, sizeof e->place, "%s", place ? place : "");
	snprintf(e->note, sizeof e->note, "%s", note ? note : "");
	e->journal_seq = s40_col_int64(s, 6);
}

/* Normalise a free text field in place; "" stays "". */
static enum s40_err text_field(char *s, size_t n, const char *field, struct s40_ctx *ctx)
{
	char *tmp = malloc(n);
	if (tmp == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = s40_thai_normalize(s, tmp, n);
	if (rc == S40_OK)
		memcpy(s, tmp, n);
	free(tmp);
	if (rc == S40_E_LIMIT)
		return s40_errorf(ctx, S40_E_BAD_VALUE, field, "ข้อความยาวเกิน %zu ไบต์",
				  "the text is longer than %zu bytes", n - 1);
	if (rc)
		return s40_errorf(ctx, S40_E_BAD_VALUE, field, "ข้อความไม่ใช่ UTF-8",
				  "the text is not UTF-8");
	return S40_OK;
}

static enum s40_err add_in_tx(struct s40_reg *reg, struct s40_event *e, const int64_t *staff,
			      size_t n_staff, struct s40_ctx *ctx)
{
	char id[32], d1[64];
	enum s40_err rc;
	struct s40_area_rec village;
	if (e->kind <= 0 || e->kind >= N_KINDS)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "kind",
				  "ชนิดกิจกรรม %d ไม่มี (campaign, visit, registration)",
				  "there is no event kind %d (campaign, visit, registration)",
				  e->kind);
	if (s40_area_level(e->village) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "village",
				  "กิจกรรมจัดในหมู่บ้าน: ต้องเป็นรหัส 8 หลัก (%d)",
				  "an event is held in a village: an 8-digit code (%d)",
				  (int)e->village);
	if ((rc = s40_area_get(reg->store, e->village, &village, ctx)))
		return rc;
	struct s40_day2 dd;
	s40_day2(e->day, &dd);
	if (e->day > reg->today)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
				  S40_D_EN " is after today: it cannot be recorded in advance",
				  S40_D_ARGS(dd));
	if ((rc = text_field(e->place, sizeof e->place, "place", ctx)) ||
	    (rc = text_field(e->note, sizeof e->note, "note", ctx)))
		return rc;
	if (n_staff > S40_EVENT_STAFF_MAX)
		return s40_errorf(ctx, S40_E_LIMIT, "staff", "บันทึกผู้ร่วมงานได้ไม่เกิน %d คน",
				  "at most %d staff may be recorded", S40_EVENT_STAFF_MAX);
	for (size_t i = 0; i < n_staff; i++) {
		for (size_t j = 0; j < i; j++)
			if (staff[j] == staff[i])
				return s40_errorf(ctx, S40_E_BAD_VALUE, "staff", "ระบุ %s ซ้ำ",
						  "%s is given twice",
						  s40_natid_format(staff[i], id, sizeof id));
		struct s40_net_member m;
		int found;
		if ((rc = s40_network_on(reg->store, staff[i], e->day, &m, &found, ctx)))
			return rc;
		if (!found)
			return s40_errorf(ctx, S40_E_NOT_NETWORK, "staff",
					  "%s ไม่ได้เป็นสมาชิกเครือข่าย ณ วันที่ " S40_D_TH,
					  "%s is not in the network on " S40_D_EN,
					  s40_natid_format(staff[i], id, sizeof id),
					  S40_D_ARGS(dd));
	}

	json_t *st = json_array();
	char digits[16];
	for (size_t i = 0; st && i < n_staff; i++)
		json_array_append_new(
			st, json_string(s40_natid_digits(staff[i], digits, sizeof digits)));
	json_t *d = st ? json_pack("{s:s, s:i, s:s, s:s, s:o}", "day",
				   s40_date_iso(e->day, d1, sizeof d1), "village", (int)e->village,
				   "kind", s40_event_kind_key(e->kind), "place", e->place, "staff",
				   st) :
			 NULL;
	char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(d);
	if (detail == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	char entity[40];
	snprintf(entity, sizeof entity, "area:%d", (int)e->village);
	int64_t seq;
	rc = s40_reg_journal(reg, "event.add", entity, detail, &seq, ctx);
	free(detail);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_EVENT_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, e->day);
	s40_stmt_int64(s, 2, e->village);
	s40_stmt_int64(s, 3, s40_area_at_level(e->village, S40_LEVEL_PROVINCE));
	s40_stmt_int64(s, 4, e->kind);
	s40_stmt_text(s, 5, e->place[0] ? e->place : NULL);
	s40_stmt_text(s, 6, e->note[0] ? e->note : NULL);
	s40_stmt_int64(s, 7, seq);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสกิจกรรม",
						"no event id returned") :
				     (enum s40_err)r;
	e->event_id = s40_col_int64(s, 0);
	e->journal_seq = seq;
	s40_stmt_reset(s);
	for (size_t i = 0; i < n_staff; i++) {
		s = s40_store_stmt(reg->store, S40_Q_EVENT_STAFF_ADD, ctx);
		if (s == NULL)
			return STORE_ERR(ctx);
		s40_stmt_int64(s, 1, e->event_id);
		s40_stmt_int64(s, 2, staff[i]);
		if ((rc = s40_stmt_exec(s, ctx)))
			return rc;
	}
	return S40_OK;
}

enum s40_err s40_event_add(struct s40_reg *reg, struct s40_event *e, const int64_t *staff,
			   size_t n_staff, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, add_in_tx(reg, e, staff, n_staff, ctx), ctx);
}

enum s40_err s40_event_get(struct s40_store *st, int64_t event_id, struct s40_event *e,
			   struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_EVENT_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, event_id);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		event_from_row(s, e);
		s40_stmt_reset(s);
		return S40_OK;
	}
	if (r != S40_OK)
		return (enum s40_err)r;
	return s40_errorf(ctx, S40_E_NOT_FOUND, "event", "ไม่พบกิจกรรมหมายเลข %lld",
			  "there is no event %lld", (long long)event_id);
}

enum s40_err s40_event_staff(struct s40_store *st, int64_t event_id, int64_t **out, size_t *n,
			     struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_EVENT_STAFF_OF, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, event_id);
	return s40_reg_read_ids(s, out, n, ctx);
}

enum s40_err s40_event_n_enrolments(struct s40_store *st, int64_t event_id, int64_t *n,
				    struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_EVENT_N_ENROL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, event_id);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL) :
				     (enum s40_err)r;
	*n = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return S40_OK;
}

/* The range of 8-digit village codes inside area (0: all). */
static void village_range(int32_t area, int64_t *lo, int64_t *hi)
{
	int64_t scale = 1;
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
	*lo = (int64_t)area * scale;
	*hi = *lo + scale - 1;
}

enum s40_err s40_event_list(struct s40_store *st, int32_t area, int32_t from_day, int32_t to_day,
			    struct s40_event **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_EVENT_LIST, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	int64_t lo, hi;
	village_range(area, &lo, &hi);
	s40_stmt_int64(s, 1, from_day == S40_NO_DAY ? INT32_MIN : from_day);
	s40_stmt_int64(s, 2, to_day == S40_NO_DAY ? INT32_MAX : to_day);
	s40_stmt_int64(s, 3, lo);
	s40_stmt_int64(s, 4, hi);
	struct s40_event *v = NULL;
	size_t cap = 0, len = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			struct s40_event *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		event_from_row(s, &v[len++]);
	}
	if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_event_check_enrol(struct s40_store *st, int64_t event_id, int32_t day,
				   struct s40_ctx *ctx)
{
	struct s40_event e;
	enum s40_err rc = s40_event_get(st, event_id, &e, ctx);
	if (rc)
		return rc;
	if (e.day != day) {
		struct s40_day2 d1, d2;
		return s40_errorf(ctx, S40_E_EVENT_DAY, "event",
				  "กิจกรรมหมายเลข %lld จัดวันที่ " S40_D_TH " ไม่ใช่วันที่สมัคร " S40_D_TH,
				  "event %lld was held on " S40_D_EN
				  ", not on the day of enrolment " S40_D_EN,
				  (long long)event_id, S40_D_ARGS(*s40_day2(e.day, &d1)),
				  S40_D_ARGS(*s40_day2(day, &d2)));
	}
	return S40_OK;
}

enum s40_err s40_event_link_spell(struct s40_store *st, int64_t spell_id, int64_t event_id,
				  struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SPELL_SET_EVENT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, spell_id);
	s40_stmt_int64(s, 2, event_id);
	return s40_stmt_exec(s, ctx);
}
