/*
 * followup.h — following members up (การติดตามผู้ประกันตน): a member in
 * arrears or lapsed is assigned to a network member (network.h) who calls on
 * them, and the outcome of each call is kept with its day.
 *
 * A member has at most one assignment at a time; a new one replaces it (its
 * history is the journal's: "followup.assign"). The assignee is a network
 * member active on the assignment's day whose area contains the member's
 * village. A call names the member, the day, the outcome and, optionally,
 * the network member who called and a note ("followup.call"). A call's
 * outcome is what the caller reports: "died" or "moved" changes nothing else
 * in the register (an end of membership or a new village is recorded as such).
 */
#ifndef S40_REGISTRY_FOLLOWUP_H
#define S40_REGISTRY_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

enum s40_call_outcome {
	S40_CALL_REACHED = 1,  /* ติดต่อได้ / reached */
	S40_CALL_PROMISED = 2, /* รับปากว่าจะชำระ / promised to pay */
	S40_CALL_REFUSED = 3,  /* ปฏิเสธ / refused */
	S40_CALL_MOVED = 4,    /* ย้ายที่อยู่ / moved */
	S40_CALL_DIED = 5,     /* เสียชีวิต / died */
	S40_CALL_WRONG_NUMBER = 6, /* เบอร์ผิด / wrong number */
};
#define S40_CALL_OUTCOME_MAX 6

/* "reached", "promised", "refused", "moved", "died", "wrong_number" (or a
 * name in Thai or English) → outcome; 0 if unknown. */
int s40_call_outcome_parse(const char *text);

/* The stable key of an outcome ("promised"), "" if none. */
const char *s40_call_outcome_key(int outcome);

/* Its name for people: "รับปากว่าจะชำระ" / "promised to pay". */
const char *s40_call_outcome_name(int outcome, enum s40_lang lang);

struct s40_assignment {
	int64_t person;   /* the member */
	int64_t assignee; /* the network member's national ID */
	int32_t from_day;
	int64_t journal_seq;
};

#define S40_CALL_NOTE_MAX 500 /* bytes */

struct s40_call {
	int64_t call_id;
	int64_t person; /* the member */
	int32_t day;
	int outcome;    /* enum s40_call_outcome */
	int64_t caller; /* the network member who called; 0: not said */
	char note[S40_CALL_NOTE_MAX + 1];
	int64_t journal_seq;
};

/*
 * Assign person (a member: one with a membership, now or before) to the
 * network member assignee from day (not after today), or remove the
 * assignment (assignee 0). The assignee must be registered, in the network on
 * day (S40_E_NOT_NETWORK) with an area that contains the member's village
 * (S40_E_BAD_VALUE, field "assignee"). People outside reg's scope are
 * answered as unknown (S40_E_NOT_FOUND). *changed (may be NULL) is 0 when the
 * member was already so assigned (nothing is written). One journal entry
 * "followup.assign".
 */
enum s40_err s40_followup_assign(struct s40_reg *reg, int64_t person, int64_t assignee,
				 int32_t day, int *changed, struct s40_ctx *ctx);

/*
 * Record a call on c->person: c->outcome known, c->day not after today, the
 * caller (if any) in the network on that day, the note normalised and at most
 * S40_CALL_NOTE_MAX bytes. Sets c->call_id and c->journal_seq. One journal
 * entry "followup.call".
 */
enum s40_err s40_followup_call(struct s40_reg *reg, struct s40_call *c, struct s40_ctx *ctx);

/* The member's assignment: S40_OK with *found 0 or 1. */
enum s40_err s40_followup_assignment(struct s40_store *st, int64_t person,
				     struct s40_assignment *a, int *found, struct s40_ctx *ctx);

/* The member's calls, newest first, at most max of them. *out is allocated
 * (free it; NULL when there are none). */
enum s40_err s40_followup_calls(struct s40_store *st, int64_t person, size_t max,
				struct s40_call **out, size_t *n, struct s40_ctx *ctx);

/* A network member who may be assigned a member (the role's names are static
 * strings, so that users of this header need not include network.h). */
struct s40_followup_candidate {
	int64_t person;
	int32_t area;
	const char *role_key, *role_th, *role_en;
};

/* The network members active on day whose area holds village, by person.
 * *out is allocated (free it). */
enum s40_err s40_followup_candidates(struct s40_store *st, int32_t village, int32_t day,
				     struct s40_followup_candidate **out, size_t *n,
				     struct s40_ctx *ctx);

/* The members assigned to assignee (0: to anyone), by ID. *out is allocated
 * (free it). */
enum s40_err s40_followup_assigned_to(struct s40_store *st, int64_t assignee, int64_t **out,
				      size_t *n, struct s40_ctx *ctx);

/* Those of the n members in persons who are assigned to anyone, by ID: a
 * look-up of each by its key, so that an area's list asks about its own
 * members, not every assignment of the country. *out is allocated (free it). */
enum s40_err s40_followup_assigned_among(struct s40_store *st, const int64_t *persons, size_t n,
					 int64_t **out, size_t *n_out, struct s40_ctx *ctx);

#endif
