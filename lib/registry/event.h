/*
 * event.h — field events: a day in a village when staff and network members
 * campaign, visit or hold a registration day, with who was present; an
 * enrolment may point to the event at which it was made (s40_enrol.event).
 */
#ifndef S40_REGISTRY_EVENT_H
#define S40_REGISTRY_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

enum s40_event_kind {
	S40_EVENT_CAMPAIGN = 1, /* รณรงค์ประชาสัมพันธ์ / campaign */
	S40_EVENT_VISIT = 2, /* ลงพื้นที่ตรวจเยี่ยม / visit */
	S40_EVENT_REGISTRATION = 3, /* วันรับสมัคร / registration day */
};

#define S40_EVENT_STAFF_MAX 64 /* network members recorded present at one event */

struct s40_event {
	int64_t event_id;
	int32_t day;
	int32_t village; /* 8-digit village code */
	int kind; /* enum s40_event_kind */
	char place[256]; /* where in the village; may be empty */
	char note[512]; /* may be empty */
	int64_t journal_seq;
};

/* "campaign", "visit", "registration" (Thai: รณรงค์, ตรวจเยี่ยม, รับสมัคร) → kind;
 * 0 if unknown. */
int s40_event_kind_parse(const char *text);

/* The stable key ("registration"), "" if none. */
const char *s40_event_kind_key(int kind);

/* The kind's name for people: "วันรับสมัคร" / "registration day". */
const char *s40_event_kind_name(int kind, enum s40_lang lang);

/*
 * Record an event: e->day not after today, e->village an existing village,
 * e->kind known; staff (n_staff ≤ S40_EVENT_STAFF_MAX, national IDs, no
 * repeats) each a network member active on the day (S40_E_NOT_NETWORK).
 * e->event_id and e->journal_seq are set. One journal entry "event.add".
 */
enum s40_err s40_event_add(struct s40_reg *reg, struct s40_event *e, const int64_t *staff,
			   size_t n_staff, struct s40_ctx *ctx);

/* Read an event; S40_E_NOT_FOUND if there is none. */
enum s40_err s40_event_get(struct s40_store *st, int64_t event_id, struct s40_event *e,
			   struct s40_ctx *ctx);

/* The staff of an event (national IDs, ascending). *out is allocated (free it). */
enum s40_err s40_event_staff(struct s40_store *st, int64_t event_id, int64_t **out, size_t *n,
			     struct s40_ctx *ctx);

/* The enrolments made at an event. */
enum s40_err s40_event_n_enrolments(struct s40_store *st, int64_t event_id, int64_t *n,
				    struct s40_ctx *ctx);

/* The events in villages inside area (0: everywhere) held from from_day to
 * to_day inclusive (S40_NO_DAY: unbounded), by day. *out is allocated (free it). */
enum s40_err s40_event_list(struct s40_store *st, int32_t area, int32_t from_day, int32_t to_day,
			    struct s40_event **out, size_t *n, struct s40_ctx *ctx);

/*
 * Whether an enrolment of person on day may point to event_id: the event
 * exists (S40_E_NOT_FOUND, field "event") and was held on that day
 * (S40_E_EVENT_DAY). Called by s40_membership_enrol.
 */
enum s40_err s40_event_check_enrol(struct s40_store *st, int64_t event_id, int32_t day,
				   struct s40_ctx *ctx);

/* Record that spell_id was made at event_id (inside the caller's transaction). */
enum s40_err s40_event_link_spell(struct s40_store *st, int64_t spell_id, int64_t event_id,
				  struct s40_ctx *ctx);

#endif
