/*
 * followup.c — following members up: assigning a member to a network member
 * and recording the outcome of each call (followup.h).
 */
#include "followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/area.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "membership.h"
#include "network.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

struct outcome_entry {
	const char *key;
	const char *th;
	const char *en;
};

static const struct outcome_entry outcomes[] = {
	[S40_CALL_REACHED] = { "reached", "ติดต่อได้", "reached" },
	[S40_CALL_PROMISED] = { "promised", "รับปากว่าจะชำระ", "promised to pay" },
	[S40_CALL_REFUSED] = { "refused", "ปฏิเสธ", "refused" },
	[S40_CALL_MOVED] = { "moved", "ย้ายที่อยู่", "moved" },
	[S40_CALL_DIED] = { "died", "เสียชีวิต", "died" },
	[S40_CALL_WRONG_NUMBER] = { "wrong_number", "เบอร์ผิด", "wrong number" },
};

int s40_call_outcome_parse(const char *text)
{
	if (text == NULL)
		return 0;
	for (int k = 1; k <= S40_CALL_OUTCOME_MAX; k++)
		if (strcmp(text, outcomes[k].key) == 0 || strcmp(text, outcomes[k].th) == 0 ||
		    strcmp(text, outcomes[k].en) == 0)
			return k;
	return 0;
}

const char *s40_call_outcome_key(int outcome)
{
	return outcome >= 1 && outcome <= S40_CALL_OUTCOME_MAX ? outcomes[outcome].key : "";
}

const char *s40_call_outcome_name(int outcome, enum s40_lang lang)
{
	if (outcome < 1 || outcome > S40_CALL_OUTCOME_MAX)
		return "";
	return lang == S40_LANG_EN ? outcomes[outcome].en : outcomes[outcome].th;
}

/* The person with id, registered and in reg's sight (else unknown, named by
 * field). */
static enum s40_err person_in_sight(struct s40_reg *reg, int64_t id, const char *field,
				    struct s40_person *p, struct s40_ctx *ctx)
{
	char idtxt[32];
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	enum s40_err rc = s40_person_get(reg->store, id, p, &c2);
	if (rc == S40_OK && s40_reg_sees(reg, p->village))
		return S40_OK;
	if (rc != S40_OK && rc != S40_E_NOT_FOUND) {
		*ctx = c2;
		return rc;
	}
	return s40_errorf(ctx, S40_E_NOT_FOUND, field, "ไม่พบเลขประจำตัว %s ในทะเบียน",
			  "no person with ID %s in the register",
			  s40_natid_format(id, idtxt, sizeof idtxt));
}

/* The member: in sight and with a membership now or before. */
static enum s40_err member_in_sight(struct s40_reg *reg, int64_t id, struct s40_person *p,
				    struct s40_ctx *ctx)
{
	enum s40_err rc = person_in_sight(reg, id, "id", p, ctx);
	if (rc)
		return rc;
	struct s40_spell *v;
	size_t n;
	if ((rc = s40_membership_list(reg->store, id, &v, &n, ctx)))
		return rc;
	free(v);
	if (n == 0) {
		char idtxt[32];
		return s40_errorf(ctx, S40_E_NOT_MEMBER, "id",
				  "%s ไม่เคยเป็นผู้ประกันตนมาตรา 40: ไม่มีอะไรให้ติดตาม",
				  "%s has never been a Section 40 member: there is nothing to "
				  "follow up",
				  s40_natid_format(id, idtxt, sizeof idtxt));
	}
	return S40_OK;
}

/* A network member in sight and active on day, into *m. */
static enum s40_err network_in_sight(struct s40_reg *reg, int64_t id, int32_t day,
				     const char *field, struct s40_net_member *m,
				     struct s40_ctx *ctx)
{
	struct s40_person p;
	enum s40_err rc = person_in_sight(reg, id, field, &p, ctx);
	if (rc)
		return rc;
	int found;
	if ((rc = s40_network_on(reg->store, id, day, m, &found, ctx)))
		return rc;
	if (!found) {
		char idtxt[32];
		struct s40_day2 dd;
		s40_day2(day, &dd);
		return s40_errorf(ctx, S40_E_NOT_NETWORK, field,
				  "%s ไม่ได้เป็นสมาชิกเครือข่าย ณ วันที่ " S40_D_TH,
				  "%s is not in the network on " S40_D_EN,
				  s40_natid_format(id, idtxt, sizeof idtxt), S40_D_ARGS(dd));
	}
	return S40_OK;
}

static enum s40_err day_not_future(struct s40_reg *reg, int32_t day, struct s40_ctx *ctx)
{
	if (day <= reg->today)
		return S40_OK;
	struct s40_day2 dd;
	s40_day2(day, &dd);
	return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
			  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
			  S40_D_EN " is after today: it cannot be recorded in advance",
			  S40_D_ARGS(dd));
}

/* Append a journal entry op about person with detail d (taken). */
static enum s40_err journal(struct s40_reg *reg, const char *op, int64_t person, json_t *d,
			    int64_t *seq, struct s40_ctx *ctx)
{
	char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(d);
	if (detail == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	char digits[16], entity[40];
	snprintf(entity, sizeof entity, "person:%s",
		 s40_natid_digits(person, digits, sizeof digits));
	enum s40_err rc = s40_reg_journal(reg, op, entity, detail, seq, ctx);
	free(detail);
	return rc;
}

static enum s40_err assign_in_tx(struct s40_reg *reg, int64_t person, int64_t assignee,
				 int32_t day, int *changed, struct s40_ctx *ctx)
{
	struct s40_person p;
	enum s40_err rc;
	if ((rc = member_in_sight(reg, person, &p, ctx)) || (rc = day_not_future(reg, day, ctx)))
		return rc;
	struct s40_assignment cur;
	int found;
	if ((rc = s40_followup_assignment(reg->store, person, &cur, &found, ctx)))
		return rc;
	if ((assignee == 0 && !found) || (found && cur.assignee == assignee))
		return S40_OK;
	char idtxt[32], aidtxt[32], digits[16], iso[16];
	if (assignee != 0) {
		if (assignee == person)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "assignee",
					  "มอบหมายให้ผู้ประกันตนติดตามตนเองไม่ได้",
					  "a member cannot be assigned to follow themself up");
		struct s40_net_member m;
		if ((rc = network_in_sight(reg, assignee, day, "assignee", &m, ctx)))
			return rc;
		if (!s40_area_contains(m.area, p.village))
			return s40_errorf(ctx, S40_E_BAD_VALUE, "assignee",
					  "%s ดูแลพื้นที่ %d ซึ่งไม่รวมหมู่บ้าน %d ของ %s",
					  "%s works in area %d, which does not hold village %d of %s",
					  s40_natid_format(assignee, aidtxt, sizeof aidtxt),
					  (int)m.area, (int)p.village,
					  s40_natid_format(person, idtxt, sizeof idtxt));
	}
	json_t *d = json_pack("{s:o, s:s}", "assignee",
			      assignee ? json_string(s40_natid_digits(assignee, digits,
								      sizeof digits)) :
					 json_null(),
			      "day", s40_date_iso(day, iso, sizeof iso));
	int64_t seq;
	if ((rc = journal(reg, "followup.assign", person, d, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(
		reg->store, assignee ? S40_Q_FU_ASSIGN_SET : S40_Q_FU_ASSIGN_DEL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	if (assignee) {
		s40_stmt_int64(s, 2, s40_area_at_level(p.village, S40_LEVEL_PROVINCE));
		s40_stmt_int64(s, 3, assignee);
		s40_stmt_int64(s, 4, day);
		s40_stmt_int64(s, 5, seq);
	}
	if ((rc = s40_stmt_exec(s, ctx)))
		return rc;
	if (changed)
		*changed = 1;
	return S40_OK;
}

enum s40_err s40_followup_assign(struct s40_reg *reg, int64_t person, int64_t assignee,
				 int32_t day, int *changed, struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, assign_in_tx(reg, person, assignee, day, changed, ctx), ctx);
}

static enum s40_err call_in_tx(struct s40_reg *reg, struct s40_call *c, struct s40_ctx *ctx)
{
	struct s40_person p;
	enum s40_err rc;
	if ((rc = member_in_sight(reg, c->person, &p, ctx)))
		return rc;
	if (c->outcome < 1 || c->outcome > S40_CALL_OUTCOME_MAX)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "outcome",
				  "ผลการติดตามต้องเป็น reached, promised, refused, moved, died "
				  "หรือ wrong_number",
				  "the outcome is reached, promised, refused, moved, died or "
				  "wrong_number");
	if ((rc = day_not_future(reg, c->day, ctx)))
		return rc;
	if (c->caller != 0) {
		struct s40_net_member m;
		if ((rc = network_in_sight(reg, c->caller, c->day, "by", &m, ctx)))
			return rc;
	}
	char tmp[sizeof c->note];
	rc = s40_thai_normalize(c->note, tmp, sizeof tmp);
	if (rc == S40_E_LIMIT)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "note", "บันทึกยาวเกิน %d ไบต์",
				  "the note is longer than %d bytes", S40_CALL_NOTE_MAX);
	if (rc)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "note", "บันทึกไม่ใช่ UTF-8",
				  "the note is not UTF-8");
	memcpy(c->note, tmp, sizeof tmp);

	char digits[16], iso[16];
	json_t *d = json_pack("{s:s, s:s, s:o, s:s}", "day", s40_date_iso(c->day, iso, sizeof iso),
			      "outcome", s40_call_outcome_key(c->outcome), "by",
			      c->caller ? json_string(s40_natid_digits(c->caller, digits,
								       sizeof digits)) :
					  json_null(),
			      "note", c->note);
	int64_t seq;
	if ((rc = journal(reg, "followup.call", c->person, d, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_FU_CALL_ADD, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, c->person);
	s40_stmt_int64(s, 2, s40_area_at_level(p.village, S40_LEVEL_PROVINCE));
	s40_stmt_int64(s, 3, c->day);
	s40_stmt_int64(s, 4, c->outcome);
	s40_stmt_int64_or_null(s, 5, c->caller, 0);
	s40_stmt_text(s, 6, c->note[0] ? c->note : NULL);
	s40_stmt_int64(s, 7, seq);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสการติดตาม",
						"no call id returned") :
				     (enum s40_err)r;
	c->call_id = s40_col_int64(s, 0);
	c->journal_seq = seq;
	s40_stmt_reset(s);
	return S40_OK;
}

enum s40_err s40_followup_call(struct s40_reg *reg, struct s40_call *c, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, call_in_tx(reg, c, ctx), ctx);
}

enum s40_err s40_followup_assignment(struct s40_store *st, int64_t person,
				     struct s40_assignment *a, int *found, struct s40_ctx *ctx)
{
	memset(a, 0, sizeof *a);
	*found = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_FU_ASSIGN_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		a->person = person;
		a->assignee = s40_col_int64(s, 0);
		a->from_day = (int32_t)s40_col_int64(s, 1);
		a->journal_seq = s40_col_int64(s, 2);
		*found = 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)r;
}

enum s40_err s40_followup_calls(struct s40_store *st, int64_t person, size_t max,
				struct s40_call **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_FU_CALLS, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	struct s40_call *v = NULL;
	size_t cap = 0, len = 0;
	int r = S40_OK;
	while (len < max && (r = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			struct s40_call *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		struct s40_call *c = &v[len++];
		memset(c, 0, sizeof *c);
		c->person = person;
		c->call_id = s40_col_int64(s, 0);
		c->day = (int32_t)s40_col_int64(s, 1);
		c->outcome = (int)s40_col_int64(s, 2);
		c->caller = s40_col_int64(s, 3);
		const char *note = s40_col_text(s, 4);
		snprintf(c->note, sizeof c->note, "%s", note ? note : "");
		c->journal_seq = s40_col_int64(s, 5);
	}
	if (r == S40_ROW) /* stopped at max */
		r = S40_OK;
	s40_stmt_reset(s);
	if (r != S40_OK) {
		free(v);
		return (enum s40_err)r;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_followup_assigned_to(struct s40_store *st, int64_t assignee, int64_t **out,
				      size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s =
		s40_store_stmt(st, assignee ? S40_Q_FU_ASSIGNED_TO : S40_Q_FU_ASSIGNED, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	if (assignee)
		s40_stmt_int64(s, 1, assignee);
	return s40_reg_read_ids(s, out, n, ctx);
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* IDs asked at once: a statement's JSON text stays under 64 KB. */
#define AMONG_CHUNK 4096

enum s40_err s40_followup_assigned_among(struct s40_store *st, const int64_t *persons, size_t n,
					 int64_t **out, size_t *n_out, struct s40_ctx *ctx)
{
	*out = NULL;
	*n_out = 0;
	int64_t *v = NULL;
	size_t len = 0;
	struct s40_buf js;
	s40_buf_init(&js, (size_t)AMONG_CHUNK * 24 + 16);
	enum s40_err rc = S40_OK;
	for (size_t at = 0; at < n && rc == S40_OK; at += AMONG_CHUNK) {
		size_t k = n - at < AMONG_CHUNK ? n - at : AMONG_CHUNK;
		s40_buf_reset(&js);
		rc = s40_buf_adds(&js, "[");
		for (size_t i = 0; i < k && rc == S40_OK; i++)
			rc = s40_buf_addf(&js, i ? ",%lld" : "%lld", (long long)persons[at + i]);
		if (rc == S40_OK)
			rc = s40_buf_adds(&js, "]");
		if (rc != S40_OK) {
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			break;
		}
		struct s40_stmt *s = s40_store_stmt(st, S40_Q_FU_ASSIGNED_AMONG, ctx);
		if (s == NULL) {
			rc = STORE_ERR(ctx);
			break;
		}
		s40_stmt_text(s, 1, s40_buf_str(&js));
		int64_t *got;
		size_t n_got;
		if ((rc = s40_reg_read_ids(s, &got, &n_got, ctx)) != S40_OK)
			break;
		int64_t *nv = n_got ? realloc(v, (len + n_got) * sizeof *v) : v;
		if (n_got && nv == NULL) {
			free(got);
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			break;
		}
		v = nv;
		if (n_got)
			memcpy(v + len, got, n_got * sizeof *v);
		len += n_got;
		free(got);
	}
	s40_buf_free(&js);
	if (rc != S40_OK) {
		free(v);
		return rc;
	}
	if (len > 1)
		qsort(v, len, sizeof *v, id_cmp);
	*out = v;
	*n_out = len;
	return S40_OK;
}

enum s40_err s40_followup_candidates(struct s40_store *st, int32_t village, int32_t day,
				     struct s40_followup_candidate **out, size_t *n,
				     struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_net_member *v;
	size_t nv;
	/* The periods inside the village's province, active that day; those
	 * whose area holds the village are kept. */
	enum s40_err rc = s40_network_list(st, s40_area_at_level(village, S40_LEVEL_PROVINCE),
					   day, day, &v, &nv, ctx);
	if (rc)
		return rc;
	struct s40_followup_candidate *c = calloc(nv ? nv : 1, sizeof *c);
	if (c == NULL) {
		free(v);
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	}
	size_t k = 0;
	for (size_t i = 0; i < nv; i++) {
		if (!s40_net_active(&v[i], day) || !s40_area_contains(v[i].area, village))
			continue;
		c[k].person = v[i].person;
		c[k].area = v[i].area;
		c[k].role_key = s40_net_role_key(v[i].role);
		c[k].role_th = s40_net_role_name(v[i].role, S40_LANG_TH);
		c[k].role_en = s40_net_role_name(v[i].role, S40_LANG_EN);
		k++;
	}
	free(v);
	*out = c;
	*n = k;
	return S40_OK;
}
