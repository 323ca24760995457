/*
 * network.c — periods of persons in the social-security network: adding one
 * with its checks (registered, role, area, dates, supervisor), ending one, and
 * reading them back.
 */
#include "network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)
#define NET_CHAIN_MAX 64 /* the longest supervisor chain followed */

struct role_entry {
	const char *key;
	const char *th;
	const char *en;
	const char *th_short; /* accepted when parsing */
};

static const struct role_entry roles[] = {
	[S40_ROLE_VOLUNTEER] = { "volunteer", "อาสาสมัครแรงงาน", "volunteer", "อาสาสมัคร" },
	[S40_ROLE_REPRESENTATIVE] = { "representative", "ผู้แทนเครือข่ายประกันสังคม",
				      "network representative", "ผู้แทนเครือข่าย" },
	[S40_ROLE_LEADER] = { "leader", "ผู้นำชุมชน", "local leader", "ผู้นำ" },
	[S40_ROLE_STAFF] = { "staff", "เจ้าหน้าที่สำนักงานประกันสังคม", "SSO staff", "เจ้าหน้าที่" },
};
#define N_ROLES ((int)(sizeof roles / sizeof roles[0]))

int s40_net_role_parse(const char *text)
{
	if (text == NULL)
		return 0;
	for (int r = 1; r < N_ROLES; r++)
		if (strcmp(text, roles[r].key) == 0 || strcmp(text, roles[r].th) == 0 ||
		    strcmp(text, roles[r].th_short) == 0 || strcmp(text, roles[r].en) == 0)
			return r;
	if (strcmp(text, "local-leader") == 0 || strcmp(text, "local_leader") == 0)
		return S40_ROLE_LEADER;
	return 0;
}

const char *s40_net_role_key(int role)
{
	return role > 0 && role < N_ROLES ? roles[role].key : "";
}

const char *s40_net_role_name(int role, enum s40_lang lang)
{
	if (role <= 0 || role >= N_ROLES)
		return "";
	return lang == S40_LANG_EN ? roles[role].en : roles[role].th;
}

int s40_net_active(const struct s40_net_member *m, int32_t day)
{
	return m->from_day <= day && (m->end_day == S40_NO_DAY || day < m->end_day);
}

static void member_from_row(struct s40_stmt *s, struct s40_net_member *m)
{
	memset(m, 0, sizeof *m);
	m->member_id = s40_col_int64(s, 0);
	m->person = s40_col_int64(s, 1);
	m->role = (int)s40_col_int64(s, 2);
	m->area = (int32_t)s40_col_int64(s, 3);
	m->supervisor = s40_col_int64_or(s, 4, 0);
	m->from_day = (int32_t)s40_col_int64(s, 5);
	m->end_day = (int32_t)s40_col_int64_or(s, 6, S40_NO_DAY);
	m->journal_seq = s40_col_int64(s, 7);
}

/* Read every row of s (bound by the caller) into a new array; keep(m, arg)
 * decides which rows are kept (NULL: all). */
static enum s40_err members_read(struct s40_stmt *s,
				 int (*keep)(const struct s40_net_member *, const void *),
				 const void *arg, struct s40_net_member **out, size_t *n,
				 struct s40_ctx *ctx)
{
	struct s40_net_member *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		struct s40_net_member m;
		member_from_row(s, &m);
		if (keep && !keep(&m, arg))
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			struct s40_net_member *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		v[len++] = m;
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_network_of_person(struct s40_store *st, int64_t person,
				   struct s40_net_member **out, size_t *n, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_NET_OF_PERSON, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	return members_read(s, NULL, NULL, out, n, ctx);
}

enum s40_err s40_network_on(struct s40_store *st, int64_t person, int32_t day,
			    struct s40_net_member *m, int *found, struct s40_ctx *ctx)
{
	struct s40_net_member *v;
	size_t n;
	*found = 0;
	enum s40_err rc = s40_network_of_person(st, person, &v, &n, ctx);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (s40_net_active(&v[i], day)) {
			*m = v[i];
			*found = 1;
		}
	free(v);
	return S40_OK;
}

struct list_filter {
	int32_t area, from_day, to_day;
};

static int list_keep(const struct s40_net_member *m, const void *arg)
{
	const struct list_filter *f = arg;
	if (f->area && !s40_area_contains(f->area, m->area))
		return 0;
	if (f->to_day != S40_NO_DAY && m->from_day > f->to_day)
		return 0;
	if (f->from_day != S40_NO_DAY && m->end_day != S40_NO_DAY && m->end_day <= f->from_day)
		return 0;
	return 1;
}

enum s40_err s40_network_list(struct s40_store *st, int32_t area, int32_t from_day, int32_t to_day,
			      struct s40_net_member **out, size_t *n, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_NET_ALL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	int32_t province = area ? s40_area_at_level(area, S40_LEVEL_PROVINCE) : 0;
	s40_stmt_int64_or_null(s, 1, province, 0);
	struct list_filter f = { .area = area, .from_day = from_day, .to_day = to_day };
	return members_read(s, list_keep, &f, out, n, ctx);
}

/* Refuse a day after today. */
static enum s40_err check_not_future(struct s40_reg *reg, int32_t day, struct s40_ctx *ctx)
{
	struct s40_day2 d;
	if (day <= reg->today)
		return S40_OK;
	s40_day2(day, &d);
	return s40_errorf(ctx, S40_E_BAD_VALUE, "date", "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
			  S40_D_EN " is after today: it cannot be recorded in advance",
			  S40_D_ARGS(d));
}

/*
 * The supervisor of a new period of person in area from day: a network member
 * active that day, whose area contains area, and whose chain of supervisors
 * (their periods active that day) does not lead back to person.
 */
static enum s40_err check_supervisor(struct s40_store *st, int64_t person, int32_t area,
				     int64_t supervisor, int32_t day, struct s40_ctx *ctx)
{
	char id[32];
	struct s40_day2 d;
	struct s40_net_member sup;
	int found;
	if (supervisor == person)
		return s40_errorf(ctx, S40_E_SUPERVISOR, "supervisor",
				  "สมาชิกเครือข่ายเป็นผู้กำกับดูแลของตนเองไม่ได้",
				  "a network member cannot supervise themself");
	enum s40_err rc = s40_network_on(st, supervisor, day, &sup, &found, ctx);
	if (rc)
		return rc;
	if (!found)
		return s40_errorf(ctx, S40_E_NOT_NETWORK, "supervisor",
				  "ผู้กำกับดูแล %s ไม่ได้เป็นสมาชิกเครือข่าย ณ วันที่ " S40_D_TH,
				  "the supervisor %s is not in the network on " S40_D_EN,
				  s40_natid_format(supervisor, id, sizeof id),
				  S40_D_ARGS(*s40_day2(day, &d)));
	if (!s40_area_contains(sup.area, area))
		return s40_errorf(ctx, S40_E_SUPERVISOR, "supervisor",
				  "ผู้กำกับดูแล %s ดูแลพื้นที่ %d ซึ่งไม่ครอบคลุมพื้นที่ %d",
				  "the supervisor %s covers area %d, which does not contain %d",
				  s40_natid_format(supervisor, id, sizeof id), (int)sup.area,
				  (int)area);
	/* Follow the chain upwards: it must not reach person. */
	for (int k = 0; k < NET_CHAIN_MAX && sup.supervisor != 0; k++) {
		if (sup.supervisor == person)
			return s40_errorf(
				ctx, S40_E_SUPERVISOR, "supervisor",
				"ผู้กำกับดูแล %s อยู่ภายใต้การกำกับดูแลของสมาชิกคนนี้เอง",
				"the supervisor %s reports (through others) to this member",
				s40_natid_format(supervisor, id, sizeof id));
		int64_t next = sup.supervisor;
		if ((rc = s40_network_on(st, next, day, &sup, &found, ctx)))
			return rc;
		if (!found)
			break;
	}
	return S40_OK;
}

static enum s40_err add_in_tx(struct s40_reg *reg, const struct s40_net_add *a, int64_t *member_id,
			      struct s40_ctx *ctx)
{
	char id[32];
	struct s40_day2 d1, d2;
	struct s40_person p;
	struct s40_area_rec area;
	enum s40_err rc;
	if ((rc = s40_person_get(reg->store, a->person, &p, ctx)))
		return rc;
	if (a->role <= 0 || a->role >= N_ROLES)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "role",
				  "บทบาท %d ไม่มี (volunteer, representative, leader, staff)",
				  "there is no role %d (volunteer, representative, leader, staff)",
				  a->role);
	if (s40_area_level(a->area) == S40_LEVEL_NONE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "area", "รหัสพื้นที่ %d ไม่ถูกต้อง",
				  "%d is not an area code", (int)a->area);
	if ((rc = s40_area_get(reg->store, a->area, &area, ctx)))
		return rc;
	if ((rc = check_not_future(reg, a->from_day, ctx)))
		return rc;

	struct s40_net_member *v;
	size_t n;
	if ((rc = s40_network_of_person(reg->store, a->person, &v, &n, ctx)))
		return rc;
	for (size_t i = 0; i < n && rc == S40_OK; i++) {
		if (v[i].end_day == S40_NO_DAY)
			rc = s40_errorf(ctx, S40_E_NETWORK_OPEN, "id",
					"%s เป็นสมาชิกเครือข่าย (%s%.0s) อยู่แล้วตั้งแต่ " S40_D_TH,
					"%s has been in the network (%.0s%s) since " S40_D_EN,
					s40_natid_format(a->person, id, sizeof id),
					s40_net_role_name(v[i].role, S40_LANG_TH),
					s40_net_role_name(v[i].role, S40_LANG_EN),
					S40_D_ARGS(*s40_day2(v[i].from_day, &d1)));
		else if (a->from_day < v[i].end_day)
			rc = s40_errorf(ctx, S40_E_OVERLAP, "date",
					"ช่วงใหม่ที่เริ่ม " S40_D_TH " ซ้อนกับช่วงเดิมที่สิ้นสุด " S40_D_TH,
					"a period from " S40_D_EN
					" would overlap the one that ended on " S40_D_EN,
					S40_D_ARGS(*s40_day2(a->from_day, &d1)),
					S40_D_ARGS(*s40_day2(v[i].end_day, &d2)));
	}
	free(v);
	if (rc)
		return rc;
	if (a->supervisor && (rc = check_supervisor(reg->store, a->person, a->area, a->supervisor,
						    a->from_day, ctx)))
		return rc;

	char entity[40], detail[256], digits[16], sup[16], iso[16];
	snprintf(entity, sizeof entity, "person:%s",
		 s40_natid_digits(a->person, digits, sizeof digits));
	if (a->supervisor)
		s40_natid_digits(a->supervisor, sup, sizeof sup);
	snprintf(detail, sizeof detail,
		 "{\"role\":\"%s\",\"area\":%d,\"supervisor\":%s%s%s,\"from\":\"%s\"}",
		 s40_net_role_key(a->role), (int)a->area, a->supervisor ? "\"" : "",
		 a->supervisor ? sup : "null", a->supervisor ? "\"" : "",
		 s40_date_iso(a->from_day, iso, sizeof iso));
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "network.add", entity, detail, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_NET_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, a->person);
	s40_stmt_int64(s, 2, s40_area_at_level(a->area, S40_LEVEL_PROVINCE));
	s40_stmt_int64(s, 3, a->role);
	s40_stmt_int64(s, 4, a->area);
	s40_stmt_int64_or_null(s, 5, a->supervisor, 0);
	s40_stmt_int64(s, 6, a->from_day);
	s40_stmt_int64(s, 7, seq);
	int r = s40_stmt_step(s, ctx);
	if (r != S40_ROW)
		return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่ได้รหัสสมาชิกเครือข่าย",
						"no network member id returned") :
				     (enum s40_err)r;
	if (member_id)
		*member_id = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return S40_OK;
}

enum s40_err s40_network_add(struct s40_reg *reg, const struct s40_net_add *a, int64_t *member_id,
			     struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, add_in_tx(reg, a, member_id, ctx), ctx);
}

static enum s40_err end_in_tx(struct s40_reg *reg, int64_t person, int32_t day, struct s40_ctx *ctx)
{
	char id[32], d1[64];
	struct s40_net_member m;
	enum s40_err rc;
	int found = 0;
	if ((rc = check_not_future(reg, day, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_NET_OPEN, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, person);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		member_from_row(s, &m);
		found = 1;
		s40_stmt_reset(s);
	} else if (r != S40_OK) {
		return (enum s40_err)r;
	}
	if (!found) {
		struct s40_person p;
		if ((rc = s40_person_get(reg->store, person, &p, ctx)))
			return rc;
		return s40_errorf(ctx, S40_E_NOT_NETWORK, "id", "%s ไม่ได้เป็นสมาชิกเครือข่ายประกันสังคมอยู่",
				  "%s is not an active network member",
				  s40_natid_format(person, id, sizeof id));
	}
	struct s40_day2 d2;
	if (day < m.from_day)
		return s40_errorf(ctx, S40_E_BEFORE_START, "date",
				  "วันสิ้นสุดอยู่ก่อนวันเริ่มเป็นสมาชิกเครือข่าย " S40_D_TH,
				  "the end is before the network period started on " S40_D_EN,
				  S40_D_ARGS(*s40_day2(m.from_day, &d2)));
	char entity[40], detail[96], digits[16];
	snprintf(entity, sizeof entity, "person:%s",
		 s40_natid_digits(person, digits, sizeof digits));
	snprintf(detail, sizeof detail, "{\"end\":\"%s\",\"member_id\":%lld}",
		 s40_date_iso(day, d1, sizeof d1), (long long)m.member_id);
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "network.end", entity, detail, &seq, ctx)))
		return rc;
	s = s40_store_stmt(reg->store, S40_Q_NET_END, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, m.member_id);
	s40_stmt_int64(s, 2, day);
	s40_stmt_int64(s, 3, seq);
	return s40_stmt_exec(s, ctx);
}

enum s40_err s40_network_end(struct s40_reg *reg, int64_t person, int32_t day, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, end_in_tx(reg, person, day, ctx), ctx);
}
