/*
 * network.h — the social-security network (เครือข่ายประกันสังคม): registered
 * persons who recruit and follow up members, each with a role in an area, a
 * supervisor and the days they are active.
 *
 * A person's time in the network is a list of periods, half-open as spells
 * are: active from from_day until the day before end_day, or still active when
 * end_day is S40_NO_DAY. A person has at most one open period and periods never
 * overlap; a change of role or area is an end and a new period. The supervisor
 * is the national ID of another network member who is active on the day the
 * period starts, whose area contains the member's area, and who does not
 * (through their own supervisors) report to the member. The recruits of a
 * member are the enrolments whose recruited_by is the member's person
 * (membership.h); nothing here copies them.
 */
#ifndef S40_REGISTRY_NETWORK_H
#define S40_REGISTRY_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

enum s40_net_role {
	S40_ROLE_VOLUNTEER = 1, /* อาสาสมัครแรงงาน / volunteer */
	S40_ROLE_REPRESENTATIVE = 2, /* ผู้แทนเครือข่ายประกันสังคม / network representative */
	S40_ROLE_LEADER = 3, /* ผู้นำชุมชน / local leader */
	S40_ROLE_STAFF = 4, /* เจ้าหน้าที่สำนักงานประกันสังคม / SSO staff */
};

struct s40_net_member {
	int64_t member_id; /* the period's number */
	int64_t person; /* national ID */
	int role; /* enum s40_net_role */
	int32_t area; /* any level: province, district, subdistrict or village */
	int64_t supervisor; /* national ID, 0 if none */
	int32_t from_day;
	int32_t end_day; /* first day no longer active; S40_NO_DAY while active */
	int64_t journal_seq;
};

/* "volunteer", "representative", "leader", "staff" → role (Thai names too:
 * อาสาสมัคร, ผู้แทนเครือข่าย, ผู้นำชุมชน, เจ้าหน้าที่); 0 if unknown. */
int s40_net_role_parse(const char *text);

/* The stable key of a role ("volunteer"), "" if none. */
const char *s40_net_role_key(int role);

/* The role's name for people: "อาสาสมัครแรงงาน" / "volunteer". */
const char *s40_net_role_name(int role, enum s40_lang lang);

/* What s40_network_add takes. */
struct s40_net_add {
	int64_t person;
	int role;
	int32_t area;
	int64_t supervisor; /* 0 if none */
	int32_t from_day;
};

/*
 * Start a period in the network: the person registered, the role known, the
 * area existing, from_day not after reg->today and not before the end of the
 * person's last period, no open period (S40_E_NETWORK_OPEN), the supervisor as
 * the header says (S40_E_SUPERVISOR, or S40_E_NOT_NETWORK when not in the
 * network on that day). One journal entry "network.add". *member_id may be NULL.
 */
enum s40_err s40_network_add(struct s40_reg *reg, const struct s40_net_add *a, int64_t *member_id,
			     struct s40_ctx *ctx);

/* End the person's open period on day (the first day not active): not after
 * today, not before it started. S40_E_NOT_NETWORK if none is open. */
enum s40_err s40_network_end(struct s40_reg *reg, int64_t person, int32_t day, struct s40_ctx *ctx);

/* The period of person active on day: S40_OK with *found 0 or 1. */
enum s40_err s40_network_on(struct s40_store *st, int64_t person, int32_t day,
			    struct s40_net_member *m, int *found, struct s40_ctx *ctx);

/* Every period of person, oldest first. *out is allocated (free it). */
enum s40_err s40_network_of_person(struct s40_store *st, int64_t person,
				   struct s40_net_member **out, size_t *n, struct s40_ctx *ctx);

/*
 * The periods whose area lies inside area (0: everywhere; an area contains
 * itself) and that are active at some day of [from_day, to_day] (S40_NO_DAY
 * for either: unbounded), by person and from_day. *out is allocated (free it).
 */
enum s40_err s40_network_list(struct s40_store *st, int32_t area, int32_t from_day, int32_t to_day,
			      struct s40_net_member **out, size_t *n, struct s40_ctx *ctx);

/* Whether period m is active on day. */
int s40_net_active(const struct s40_net_member *m, int32_t day);

#endif
