/*
 * user.h — the people who use the server: users with a role and an area,
 * their passwords, their sessions, and the throttle on failed logins.
 *
 * A role decides what a user may do and its area (a DOPA code prefix, 0 for
 * the whole country) where: an admin does everything; an officer reads and
 * changes persons within its area; a volunteer enrols within its area and sees
 * the people it recruited (its own registered person is user.person); a
 * viewer reads aggregate reports only, never personal data. The server checks
 * this on every route; this module keeps the users and proves who is who.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str, the
 * "interactive" cost unless s40_user_set_hash_cost lowered it for tests); no
 * password is stored, journaled or returned. A session token is 32 random
 * bytes given once to the client as 43 characters of unpadded base64url; the
 * store keeps only its SHA-256.
 */
#ifndef S40_REGISTRY_USER_H
#define S40_REGISTRY_USER_H

#include <stddef.h>
#include <stdint.h>

#include "registry.h"

enum s40_role {
	S40_ROLE_NONE = 0,
	S40_ROLE_ADMIN = 1,
	S40_ROLE_OFFICER = 2,
	S40_ROLE_VOLUNTEER = 3,
	S40_ROLE_VIEWER = 4,
};

#define S40_USER_NAME_MAX 64 /* bytes of a user name, with the NUL */
#define S40_PASSWORD_MIN 8 /* characters (bytes) of a password, at least */
#define S40_PASSWORD_MAX 256 /* bytes of a password, at most */
#define S40_SESSIONS_PER_USER 10 /* live sessions of one user; a new one ends the oldest */
#define S40_TOKEN_TEXT_LEN 43 /* a session token as text, without the NUL */

struct s40_user {
	int64_t user_id;
	char name[S40_USER_NAME_MAX];
	enum s40_role role;
	int32_t area; /* area code prefix; 0 = the whole country */
	int64_t person; /* a volunteer's own national ID; 0 if none */
	int disabled;
	int64_t created_at; /* unix seconds */
};

/* "admin", "officer", "volunteer", "viewer" → role; S40_ROLE_NONE if unknown. */
enum s40_role s40_role_parse(const char *s);

/* "admin" …; "none" for S40_ROLE_NONE. */
const char *s40_role_key(enum s40_role role);

/* "ผู้ดูแลระบบ", "เจ้าหน้าที่", "อาสาสมัคร", "ผู้ดูรายงาน" or the English words. */
const char *s40_role_name(enum s40_role role, enum s40_lang lang);

/*
 * The cost of new password hashes: libsodium's opslimit and memlimit. The
 * default is crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE. Only
 * tests lower it (to crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN), to keep
 * logins fast; a hash records its own cost, so verifying is always right.
 * Process-wide; set it before any thread hashes.
 */
void s40_user_set_hash_cost(unsigned long long opslimit, size_t memlimit);

/*
 * Add a user with a password (NUL-terminated, S40_PASSWORD_MIN to
 * S40_PASSWORD_MAX bytes). The name is 1–63 bytes of letters, digits, '.',
 * '_' and '-'; area a known area code or 0; a volunteer's person, when given,
 * a registered person within area. S40_E_EXISTS when the name is taken.
 * Journaled as "user.add" (the role and area; never the password). u->user_id
 * and u->created_at are set.
 */
enum s40_err s40_user_add(struct s40_reg *reg, struct s40_user *u, const char *password,
			  struct s40_ctx *ctx);

/* Set a new password and end every session of the user. Journaled "user.passwd". */
enum s40_err s40_user_set_password(struct s40_reg *reg, const char *name, const char *password,
				   struct s40_ctx *ctx);

/* Read a user; S40_E_NOT_FOUND when there is none. */
enum s40_err s40_user_get(struct s40_store *st, const char *name, struct s40_user *u,
			  struct s40_ctx *ctx);

/* Every user, by name. *out is allocated (free it). */
enum s40_err s40_user_list(struct s40_store *st, struct s40_user **out, size_t *n,
			   struct s40_ctx *ctx);

/*
 * Check a name and password. S40_OK with *u filled when they match an enabled
 * user, else S40_E_BAD_LOGIN (the same answer and about the same time for an
 * unknown name, a wrong password and a disabled user). Writes nothing.
 */
enum s40_err s40_user_authenticate(struct s40_store *st, const char *name, const char *password,
				   struct s40_user *u, struct s40_ctx *ctx);

/*
 * Open a session for user_id, valid for ttl seconds from reg's clock; addr is
 * the client's address (may be NULL). token receives the token as text
 * (S40_TOKEN_TEXT_LEN characters and a NUL; token_n ≥ 44). Expired sessions are
 * removed on the way. Not journaled: logins are not changes of the register.
 */
enum s40_err s40_session_open(struct s40_reg *reg, int64_t user_id, int64_t ttl, const char *addr,
			      char *token, size_t token_n, int64_t *expires_at,
			      struct s40_ctx *ctx);

/*
 * The user of a live session token at unix time now: S40_OK with *u (and
 * *expires_at, may be NULL), or S40_E_UNAUTHENTICATED for a token that is
 * malformed, unknown, expired or of a disabled user.
 */
enum s40_err s40_session_user(struct s40_store *st, const char *token, int64_t now,
			      struct s40_user *u, int64_t *expires_at, struct s40_ctx *ctx);

/* End a session (nothing happens for an unknown token). */
enum s40_err s40_session_close(struct s40_reg *reg, const char *token, struct s40_ctx *ctx);

/*
 * The login throttle. Failures are counted per user name and client address
 * together ("user:NAME|ADDRESS", s40_throttle_key) and per address alone
 * ("addr:ADDRESS"). For a name at an address: after S40_THROTTLE_FREE failures
 * within S40_THROTTLE_WINDOW seconds, each further failure makes the pair wait
 * 2^(failures - S40_THROTTLE_FREE) seconds before the next attempt (whole
 * seconds from the one after the failure's, so never less); from
 * S40_THROTTLE_LOCK failures on, it waits S40_THROTTLE_LOCK_SECONDS. The same
 * name from another address is not held back: a guesser cannot lock the owner
 * out. An address guessing many names waits too, from S40_THROTTLE_ADDR_FREE
 * failures on, doubling up to S40_THROTTLE_ADDR_MAX_WAIT (an office behind one
 * address is slowed, never locked). A success clears its pair.
 */
#define S40_THROTTLE_FREE 3
#define S40_THROTTLE_LOCK 10
#define S40_THROTTLE_WINDOW 900
#define S40_THROTTLE_LOCK_SECONDS 900
#define S40_THROTTLE_ADDR_FREE 30
#define S40_THROTTLE_ADDR_MAX_WAIT 300

/* The throttle keys of a login by name from addr (each of n ≥ 128 bytes). */
void s40_throttle_keys(const char *name, const char *addr, char *pair, char *by_addr, size_t n);

/* S40_OK when key may try at now; else S40_E_THROTTLED with *retry_after (seconds). */
enum s40_err s40_throttle_check(struct s40_store *st, const char *key, int64_t now,
				int64_t *retry_after, struct s40_ctx *ctx);

/* Count one failure of key at now. */
enum s40_err s40_throttle_fail(struct s40_reg *reg, const char *key, int64_t now,
			       struct s40_ctx *ctx);

/* Forget key's failures (after a successful login). */
enum s40_err s40_throttle_clear(struct s40_reg *reg, const char *key, struct s40_ctx *ctx);

/* Forget the failures of user name from every address (s40 user unlock):
 * *n_cleared the addresses that were counting (may be NULL). */
enum s40_err s40_throttle_unlock(struct s40_reg *reg, const char *name, long *n_cleared,
				 struct s40_ctx *ctx);

#endif
