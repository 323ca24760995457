/*
 * survey.c — village surveys: recording what a surveyor found for each
 * working-age resident of a village on a day, and reading the survey in force.
 */
#include "survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "areas.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) && (ctx)->code ? (ctx)->code : S40_E_DB)

struct word {
	const char *w; /* folded: see fold() */
	int v;
};

static const struct word status_words[] = {
	{ "member", S40_SURVEY_MEMBER },
	{ "s40", S40_SURVEY_MEMBER },
	{ "section40", S40_SURVEY_MEMBER },
	{ "มาตรา40", S40_SURVEY_MEMBER },
	{ "ม40", S40_SURVEY_MEMBER },
	{ "ผู้ประกันตนมาตรา40", S40_SURVEY_MEMBER },
	{ "s33", S40_SURVEY_S33 },
	{ "section33", S40_SURVEY_S33 },
	{ "มาตรา33", S40_SURVEY_S33 },
	{ "ม33", S40_SURVEY_S33 },
	{ "ผู้ประกันตนมาตรา33", S40_SURVEY_S33 },
	{ "s39", S40_SURVEY_S39 },
	{ "section39", S40_SURVEY_S39 },
	{ "มาตรา39", S40_SURVEY_S39 },
	{ "ม39", S40_SURVEY_S39 },
	{ "ผู้ประกันตนมาตรา39", S40_SURVEY_S39 },
	{ "civilservant", S40_SURVEY_CIVIL_SERVANT },
	{ "civil", S40_SURVEY_CIVIL_SERVANT },
	{ "ข้าราชการ", S40_SURVEY_CIVIL_SERVANT },
	{ "stateenterprise", S40_SURVEY_STATE_ENTERPRISE },
	{ "state", S40_SURVEY_STATE_ENTERPRISE },
	{ "รัฐวิสาหกิจ", S40_SURVEY_STATE_ENTERPRISE },
	{ "พนักงานรัฐวิสาหกิจ", S40_SURVEY_STATE_ENTERPRISE },
	{ "uninsured", S40_SURVEY_UNINSURED },
	{ "eligible", S40_SURVEY_UNINSURED },
	{ "ไม่มีหลักประกัน", S40_SURVEY_UNINSURED },
	{ "ยังไม่มีหลักประกัน", S40_SURVEY_UNINSURED },
	{ "ยังไม่เป็นผู้ประกันตน", S40_SURVEY_UNINSURED },
	{ "ineligible", S40_SURVEY_INELIGIBLE },
	{ "noteligible", S40_SURVEY_INELIGIBLE },
	{ "ไม่มีสิทธิ", S40_SURVEY_INELIGIBLE },
	{ "ไม่มีสิทธิสมัคร", S40_SURVEY_INELIGIBLE },
};

static const struct word reason_words[] = {
	{ "student", S40_SURVEY_R_STUDENT },
	{ "นักเรียน", S40_SURVEY_R_STUDENT },
	{ "นักศึกษา", S40_SURVEY_R_STUDENT },
	{ "age", S40_SURVEY_R_AGE },
	{ "อายุ", S40_SURVEY_R_AGE },
	{ "อายุไม่ถึงหรือเกิน", S40_SURVEY_R_AGE },
	{ "notthai", S40_SURVEY_R_NOT_THAI },
	{ "foreign", S40_SURVEY_R_NOT_THAI },
	{ "ไม่ใช่สัญชาติไทย", S40_SURVEY_R_NOT_THAI },
	{ "ต่างด้าว", S40_SURVEY_R_NOT_THAI },
	{ "other", S40_SURVEY_R_OTHER },
	{ "อื่น", S40_SURVEY_R_OTHER },
	{ "อื่นๆ", S40_SURVEY_R_OTHER },
};

static const char *const status_key[] = { "",	       "member",	"s33",
					  "s39",       "civil_servant", "state_enterprise",
					  "uninsured", "ineligible" };
static const char *const status_th[] = {
	"",	    "ผู้ประกันตนมาตรา 40", "ผู้ประกันตนมาตรา 33",	    "ผู้ประกันตนมาตรา 39",
	"ข้าราชการ", "พนักงานรัฐวิสาหกิจ",	"ยังไม่มีหลักประกัน (มีสิทธิสมัคร)", "ไม่มีสิทธิสมัคร"
};
static const char *const status_en[] = { "",
					 "Section 40 member",
					 "Section 33",
					 "Section 39",
					 "civil servant",
					 "state enterprise",
					 "uninsured, eligible",
					 "not eligible" };
static const char *const reason_key[] = { "", "student", "age", "not_thai", "other" };
static const char *const reason_th[] = { "", "นักเรียน/นักศึกษา", "อายุ", "ไม่ใช่สัญชาติไทย", "อื่น ๆ" };
static const char *const reason_en[] = { "", "student", "age", "not Thai", "other" };

/* Fold a typed word into out (size n): ASCII lower case, spaces, '_', '-' and
 * '.' dropped. -1 when it does not fit. */
static int fold(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (o + 1 >= n)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

static int word_lookup(const struct word *v, size_t n, const char *s)
{
	char f[96];
	if (s == NULL || fold(s, f, sizeof f) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].w, f) == 0)
			return v[i].v;
	return 0;
}

int s40_survey_status_parse(const char *s)
{
	return word_lookup(status_words, sizeof status_words / sizeof status_words[0], s);
}

const char *s40_survey_status_key(int status)
{
	return status >= 1 && status <= 7 ? status_key[status] : "";
}

const char *s40_survey_status_name(int status, enum s40_lang lang)
{
	if (status < 1 || status > 7)
		return "";
	return lang == S40_LANG_TH ? status_th[status] : status_en[status];
}

int s40_survey_reason_parse(const char *s)
{
	return word_lookup(reason_words, sizeof reason_words / sizeof reason_words[0], s);
}

const char *s40_survey_reason_key(int reason)
{
	return reason >= 1 && reason <= 4 ? reason_key[reason] : "";
}

const char *s40_survey_reason_name(int reason, enum s40_lang lang)
{
	if (reason < 1 || reason > 4)
		return "";
	return lang == S40_LANG_TH ? reason_th[reason] : reason_en[reason];
}

/* Every check of one call, before anything is written. */
static enum s40_err check_all(struct s40_reg *reg, int32_t village, int32_t day,
			      const struct s40_survey_entry *v, size_t n, struct s40_ctx *ctx)
{
	char d1[64], d2[64], idf[32];
	if (s40_area_level(village) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "village",
				  "การสำรวจเป็นรายหมู่บ้าน: รหัสหมู่บ้านมี 8 หลัก (%d)",
				  "a survey is of a village: a village code has 8 digits (%d)",
				  (int)village);
	struct s40_area_rec a;
	enum s40_err rc = s40_area_get(reg->store, village, &a, ctx);
	if (rc)
		return rc;
	if (day == S40_NO_DAY)
		return s40_errorf(ctx, S40_E_MISSING, "date", "ต้องระบุวันที่สำรวจ",
				  "the survey day is required");
	if (day > reg->today)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date", "วันที่สำรวจ %s อยู่หลังวันนี้ (%s)",
				  "the survey day %s is after today (%s)",
				  s40_date_th_long(day, d1, sizeof d1),
				  s40_date_th_long(reg->today, d2, sizeof d2));
	if (n == 0)
		return s40_errorf(ctx, S40_E_MISSING, "resident", "ไม่มีรายชื่อผู้อยู่อาศัยที่สำรวจ",
				  "no surveyed resident was given");
	for (size_t i = 0; i < n; i++) {
		const struct s40_survey_entry *e = &v[i];
		if (!s40_natid_valid(e->person))
			return s40_errorf(ctx, S40_E_BAD_ID, "resident",
					  "เลข %lld ไม่ใช่เลขประจำตัวประชาชนที่ถูกต้อง",
					  "%lld is not a valid national ID", (long long)e->person);
		s40_natid_format(e->person, idf, sizeof idf);
		if (e->status < S40_SURVEY_MEMBER || e->status > S40_SURVEY_INELIGIBLE)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "status",
					  "%s: สถานะ %d ไม่อยู่ในรายการ", "%s: there is no status %d",
					  idf, e->status);
		if (e->status == S40_SURVEY_INELIGIBLE &&
		    (e->reason < S40_SURVEY_R_STUDENT || e->reason > S40_SURVEY_R_OTHER))
			return s40_errorf(
				ctx, S40_E_BAD_REASON, "reason",
				"%s: ไม่มีสิทธิสมัครต้องระบุเหตุผล (นักเรียน, อายุ, "
				"ไม่ใช่สัญชาติไทย, อื่น ๆ)",
				"%s: not eligible needs a reason (student, age, not_thai, "
				"other)",
				idf);
		if (e->status != S40_SURVEY_INELIGIBLE && e->reason != 0)
			return s40_errorf(ctx, S40_E_BAD_REASON, "reason",
					  "%s: เหตุผลใช้ได้เฉพาะสถานะไม่มีสิทธิสมัคร",
					  "%s: a reason goes only with not eligible", idf);
		for (size_t j = 0; j < i; j++)
			if (v[j].person == e->person)
				return s40_errorf(ctx, S40_E_BAD_VALUE, "resident",
						  "%s มีสองครั้งในการสำรวจเดียวกัน",
						  "%s appears twice in one survey", idf);
		struct s40_person p;
		rc = s40_person_get(reg->store, e->person, &p, ctx);
		if (rc == S40_OK && !s40_reg_sees(reg, p.village))
			rc = S40_E_NOT_FOUND; /* out of the user's sight: as if unknown */
		if (rc == S40_E_NOT_FOUND)
			return s40_errorf(
				ctx, S40_E_NOT_FOUND, "resident",
				"%s ยังไม่อยู่ในทะเบียนบุคคล (เพิ่มด้วย s40 person add "
				"หรือ s40 import persons)",
				"%s is not in the person register (add with s40 person add "
				"or s40 import persons)",
				idf);
		if (rc)
			return rc;
	}
	return S40_OK;
}

/* The survey of village on day, created when new; *seq its journal entry. */
static enum s40_err survey_open(struct s40_reg *reg, int32_t village, int32_t day, int64_t seq,
				int64_t *survey_id, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SURVEY_GET_AT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, village);
	s40_stmt_int64(s, 2, day);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		*survey_id = s40_col_int64(s, 0);
		s40_stmt_reset(s);
		s = s40_store_stmt(reg->store, S40_Q_SURVEY_TOUCH, ctx);
		if (s == NULL)
			return STORE_ERR(ctx);
		s40_stmt_int64(s, 1, *survey_id);
		s40_stmt_int64(s, 2, seq);
		return s40_stmt_exec(s, ctx);
	}
	if (rc != S40_OK)
		return (enum s40_err)rc;
	s = s40_store_stmt(reg->store, S40_Q_SURVEY_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, village);
	s40_stmt_int64(s, 2, day);
	s40_stmt_int64(s, 3, seq);
	rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return rc == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL) :
				      (enum s40_err)rc;
	*survey_id = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return S40_OK;
}

/* The current status of person in an existing survey: 0 when not in it. */
static enum s40_err entry_get(struct s40_store *st, int64_t survey_id, int64_t person, int *status,
			      int *reason, struct s40_ctx *ctx)
{
	*status = 0;
	*reason = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SURVEY_RES_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, survey_id);
	s40_stmt_int64(s, 2, person);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		*status = (int)s40_col_int64(s, 0);
		*reason = (int)s40_col_int64_or(s, 1, 0);
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

static enum s40_err add_in_tx(struct s40_reg *reg, int32_t village, int32_t day,
			      const struct s40_survey_entry *v, size_t n,
			      struct s40_survey_result *res, struct s40_ctx *ctx)
{
	enum s40_err rc = check_all(reg, village, day, v, n, ctx);
	if (rc)
		return rc;
	/* What would change: an existing survey is read before the journal entry is
	 * written, so that a call that changes nothing writes nothing. */
	int64_t existing = 0;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SURVEY_GET_AT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, village);
	s40_stmt_int64(s, 2, day);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		existing = s40_col_int64(s, 0);
		s40_stmt_reset(s);
	} else if (r != S40_OK) {
		return (enum s40_err)r;
	}
	unsigned char *what = calloc(n, 1); /* 0 unchanged, 1 added, 2 updated */
	if (what == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	long n_add = 0, n_upd = 0;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		int st = 0, re = 0;
		if (existing)
			rc = entry_get(reg->store, existing, v[i].person, &st, &re, ctx);
		if (st == 0)
			what[i] = 1, n_add++;
		else if (st != v[i].status || re != v[i].reason)
			what[i] = 2, n_upd++;
	}
	res->survey_id = existing;
	res->added = n_add;
	res->updated = n_upd;
	res->unchanged = (long)n - n_add - n_upd;
	if (rc || n_add + n_upd == 0) {
		free(what);
		return rc;
	}
	char entity[96], detail[192], d[64];
	s40_date_iso(day, d, sizeof d);
	snprintf(entity, sizeof entity, "survey:%d:%s", (int)village, d);
	snprintf(detail, sizeof detail,
		 "{\"village\":%d,\"day\":\"%s\",\"added\":%ld,\"updated\":%ld,\"unchanged\":%ld}",
		 (int)village, d, n_add, n_upd, res->unchanged);
	int64_t seq = 0, sid = 0;
	rc = s40_reg_journal(reg, "survey.add", entity, detail, &seq, ctx);
	if (rc == S40_OK)
		rc = survey_open(reg, village, day, seq, &sid, ctx);
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if (what[i] == 0)
			continue;
		s = s40_store_stmt(reg->store, S40_Q_SURVEY_RES_PUT, ctx);
		if (s == NULL) {
			rc = STORE_ERR(ctx);
			break;
		}
		s40_stmt_int64(s, 1, sid);
		s40_stmt_int64(s, 2, v[i].person);
		s40_stmt_int64(s, 3, v[i].status);
		s40_stmt_int64_or_null(s, 4, v[i].reason, 0);
		s40_stmt_int64(s, 5, seq);
		rc = s40_stmt_exec(s, ctx);
	}
	free(what);
	res->survey_id = sid;
	return rc;
}

enum s40_err s40_survey_add(struct s40_reg *reg, int32_t village, int32_t day,
			    const struct s40_survey_entry *v, size_t n,
			    struct s40_survey_result *res, struct s40_ctx *ctx)
{
	struct s40_survey_result local;
	if (res == NULL)
		res = &local;
	memset(res, 0, sizeof *res);
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	rc = s40_reg_end(reg, add_in_tx(reg, village, day, v, n, res, ctx), ctx);
	if (rc)
		memset(res, 0, sizeof *res);
	return rc;
}

static void survey_from_row(struct s40_stmt *s, struct s40_survey *sv)
{
	sv->survey_id = s40_col_int64(s, 0);
	sv->village = (int32_t)s40_col_int64(s, 1);
	sv->day = (int32_t)s40_col_int64(s, 2);
	sv->n_residents = s40_col_int64(s, 3);
	sv->journal_seq = s40_col_int64(s, 4);
}

enum s40_err s40_survey_in_force(struct s40_store *st, int32_t village, int32_t day,
				 struct s40_survey *sv, int *found, struct s40_ctx *ctx)
{
	*found = 0;
	memset(sv, 0, sizeof *sv);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SURVEY_IN_FORCE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, village);
	s40_stmt_int64(s, 2, day);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		survey_from_row(s, sv);
		*found = 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_survey_list(struct s40_store *st, int32_t village, struct s40_survey **out,
			     size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SURVEY_OF_VILLAGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, village);
	struct s40_survey *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			struct s40_survey *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		survey_from_row(s, &v[len++]);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_survey_entries(struct s40_store *st, int64_t survey_id,
				struct s40_survey_entry **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SURVEY_RES_OF, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, survey_id);
	struct s40_survey_entry *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 32;
			struct s40_survey_entry *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		v[len].person = s40_col_int64(s, 0);
		v[len].status = (int)s40_col_int64(s, 1);
		v[len].reason = (int)s40_col_int64_or(s, 2, 0);
		len++;
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}
