/*
 * user.c — users, passwords (argon2id), sessions (random tokens kept as their
 * SHA-256) and the throttle on failed logins.
 */
#include "user.h"

#include <pwquality.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "areas.h"
#include "core/area.h"
#include "core/natid.h"
#include "person.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

static unsigned long long hash_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t hash_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

static const char *const role_keys[] = { "none", "admin", "officer", "volunteer", "viewer" };
static const char *const role_th[] = { "ไม่มี", "ผู้ดูแลระบบ", "เจ้าหน้าที่", "อาสาสมัคร", "ผู้ดูรายงาน" };
static const char *const role_en[] = { "none", "administrator", "officer", "volunteer",
				       "report viewer" };

enum s40_role s40_role_parse(const char *s)
{
	for (int r = S40_ROLE_ADMIN; r <= S40_ROLE_VIEWER; r++)
		if (s != NULL && strcmp(s, role_keys[r]) == 0)
			return (enum s40_role)r;
	return S40_ROLE_NONE;
}

const char *s40_role_key(enum s40_role role)
{
	return (unsigned)role <= S40_ROLE_VIEWER ? role_keys[role] : "none";
}

const char *s40_role_name(enum s40_role role, enum s40_lang lang)
{
	if ((unsigned)role > S40_ROLE_VIEWER)
		role = S40_ROLE_NONE;
	return lang == S40_LANG_TH ? role_th[role] : role_en[role];
}

void s40_user_set_hash_cost(unsigned long long opslimit, size_t memlimit)
{
	hash_ops = opslimit;
	hash_mem = memlimit;
}

static enum s40_err sodium_ready(struct s40_ctx *ctx)
{
	if (sodium_init() < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่ม libsodium ไม่ได้",
				  "libsodium could not start");
	return S40_OK;
}

static void user_from_row(struct s40_stmt *s, struct s40_user *u)
{
	memset(u, 0, sizeof *u);
	u->user_id = s40_col_int64(s, 0);
	const char *name = s40_col_text(s, 1);
	snprintf(u->name, sizeof u->name, "%s", name ? name : "");
	u->role = (enum s40_role)s40_col_int64(s, 2);
	u->area = (int32_t)s40_col_int64(s, 3);
	u->person = s40_col_int64_or(s, 4, 0);
	u->disabled = (int)s40_col_int64(s, 6);
	u->created_at = s40_col_int64(s, 7);
}

static enum s40_err check_name(const char *name, struct s40_ctx *ctx)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0)
		return s40_errorf(ctx, S40_E_MISSING, "name", "ไม่ได้ระบุชื่อผู้ใช้",
				  "the user name is missing");
	if (n >= S40_USER_NAME_MAX ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "name",
				  "ชื่อผู้ใช้ต้องยาว 1–63 ตัวอักษร ใช้ได้เฉพาะ a–z A–Z 0–9 . _ -",
				  "a user name is 1–63 characters of a–z A–Z 0–9 . _ -");
	return S40_OK;
}

/* Why libpwquality refused a password, in Thai (its own messages are English). */
static const char *pwq_reason_th(int code)
{
	switch (code) {
	case PWQ_ERROR_CRACKLIB_CHECK:
		return "เป็นคำในพจนานุกรมหรือเรียงกันเป็นแบบแผน";
	case PWQ_ERROR_PALINDROME:
		return "อ่านกลับหลังได้เหมือนเดิม";
	case PWQ_ERROR_MIN_CLASSES:
	case PWQ_ERROR_MIN_DIGITS:
	case PWQ_ERROR_MIN_UPPERS:
	case PWQ_ERROR_MIN_LOWERS:
	case PWQ_ERROR_MIN_OTHERS:
		return "มีชนิดตัวอักษรน้อยเกินไป";
	case PWQ_ERROR_MAX_CONSECUTIVE:
	case PWQ_ERROR_MAX_CLASS_REPEAT:
	case PWQ_ERROR_MAX_SEQUENCE:
		return "มีตัวอักษรซ้ำหรือเรียงกันมากเกินไป";
	case PWQ_ERROR_MIN_LENGTH:
		return "สั้นเกินไป";
	case PWQ_ERROR_BAD_WORDS:
		return "มีคำที่ห้ามใช้";
	case PWQ_ERROR_GECOS_CHECK:
	case PWQ_ERROR_USER_CHECK:
		return "มีชื่อผู้ใช้อยู่";
	default:
		return "ไม่ผ่านการตรวจความแข็งแรง";
	}
}

/*
 * A password libpwquality finds weak (its dictionary, sequences, palindromes,
 * and the administrator's /etc/security/pwquality.conf) is refused. Written on
 * the library rather than a list of our own: its dictionary and rules are
 * Debian's, kept up to date with the system. The user name is not given to it:
 * offices name passwords after places and years ("admin-2562-maeklong"), which
 * the dictionary judges on their own.
 */
static enum s40_err check_strength(const char *pw, struct s40_ctx *ctx)
{
	pwquality_settings_t *pq = pwquality_default_settings();
	if (pq == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	void *aux = NULL;
	(void)pwquality_read_config(pq, NULL, &aux); /* no file: the library's defaults */
	aux = NULL;
	int q = pwquality_check(pq, pw, NULL, NULL, &aux);
	enum s40_err rc = S40_OK;
	if (q < 0) {
		char en[PWQ_MAX_ERROR_MESSAGE_LEN];
		const char *why = pwquality_strerror(en, sizeof en, q, aux);
		rc = s40_errorf(ctx, S40_E_WEAK_PASSWORD, "password", "รหัสผ่านเดาง่ายเกินไป: %s%.0s",
				"the password is too easy to guess: %.0s%s", pwq_reason_th(q),
				why ? why : "it fails the strength check");
	}
	pwquality_free_settings(pq);
	return rc;
}

static enum s40_err check_password(const char *pw, struct s40_ctx *ctx)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < S40_PASSWORD_MIN)
		return s40_errorf(ctx, S40_E_WEAK_PASSWORD, "password",
				  "รหัสผ่านต้องยาวอย่างน้อย %d ตัวอักษร",
				  "a password has at least %d characters", S40_PASSWORD_MIN);
	if (n > S40_PASSWORD_MAX)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "password", "รหัสผ่านยาวเกิน %d ไบต์",
				  "a password has at most %d bytes", S40_PASSWORD_MAX);
	return check_strength(pw, ctx);
}

static enum s40_err hash_password(const char *pw, char out[crypto_pwhash_STRBYTES],
				  struct s40_ctx *ctx)
{
	if (crypto_pwhash_str(out, pw, strlen(pw), hash_ops, hash_mem) != 0)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, "หน่วยความจำไม่พอสำหรับเข้ารหัสรหัสผ่าน",
				  "out of memory hashing the password");
	return S40_OK;
}

static enum s40_err check_user(struct s40_reg *reg, const struct s40_user *u, struct s40_ctx *ctx)
{
	enum s40_err rc = check_name(u->name, ctx);
	if (rc)
		return rc;
	if (u->role < S40_ROLE_ADMIN || u->role > S40_ROLE_VIEWER)
		return s40_errorf(ctx, S40_E_BAD_ROLE, "role", NULL, NULL);
	struct s40_area_rec a;
	if (u->area != 0 && (rc = s40_area_get(reg->store, u->area, &a, ctx)) != S40_OK)
		return rc;
	if (u->person != 0) {
		struct s40_person p;
		if ((rc = s40_person_get(reg->store, u->person, &p, ctx)) != S40_OK) {
			snprintf(ctx->field, sizeof ctx->field, "person");
			return rc;
		}
		if (u->area != 0 && !s40_area_contains(u->area, p.village))
			return s40_errorf(ctx, S40_E_BAD_VALUE, "person",
					  "บุคคลนี้ไม่ได้อยู่ในพื้นที่ %d ของผู้ใช้",
					  "that person does not live in the user's area %d",
					  u->area);
	}
	return S40_OK;
}

static enum s40_err user_add_in_tx(struct s40_reg *reg, struct s40_user *u, const char *hash,
				   struct s40_ctx *ctx)
{
	struct s40_user old;
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	if (s40_user_get(reg->store, u->name, &old, &c2) == S40_OK)
		return s40_errorf(ctx, S40_E_EXISTS, "name", "มีผู้ใช้ชื่อ %s อยู่แล้ว",
				  "there is a user called %s already", u->name);
	char detail[160], entity[96];
	snprintf(detail, sizeof detail, "{\"role\":\"%s\",\"area\":%ld,\"person\":%lld}",
		 s40_role_key(u->role), (long)u->area, (long long)u->person);
	snprintf(entity, sizeof entity, "user:%s", u->name);
	int64_t seq;
	enum s40_err rc = s40_reg_journal(reg, "user.add", entity, detail, &seq, ctx);
	if (rc)
		return rc;
	u->created_at = s40_reg_now(reg);
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_USER_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, u->name);
	s40_stmt_int64(s, 2, u->role);
	s40_stmt_int64(s, 3, u->area);
	s40_stmt_int64_or_null(s, 4, u->person, 0);
	s40_stmt_text(s, 5, hash);
	s40_stmt_int64(s, 6, u->created_at);
	s40_stmt_int64(s, 7, seq);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		u->user_id = s40_col_int64(s, 0);
		s40_stmt_reset(s);
		return S40_OK;
	}
	return r == S40_OK ? s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL) : (enum s40_err)r;
}

enum s40_err s40_user_add(struct s40_reg *reg, struct s40_user *u, const char *password,
			  struct s40_ctx *ctx)
{
	enum s40_err rc;
	if ((rc = sodium_ready(ctx)) || (rc = check_password(password, ctx)))
		return rc;
	/* Hash before the transaction: it takes a while and needs no lock. */
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(password, hash, ctx)))
		return rc;
	if ((rc = s40_reg_begin(reg, ctx)))
		return rc;
	rc = check_user(reg, u, ctx);
	if (rc == S40_OK)
		rc = user_add_in_tx(reg, u, hash, ctx);
	sodium_memzero(hash, sizeof hash);
	return s40_reg_end(reg, rc, ctx);
}

static enum s40_err set_password_in_tx(struct s40_reg *reg, const char *name, const char *hash,
				       struct s40_ctx *ctx)
{
	struct s40_user u;
	enum s40_err rc = s40_user_get(reg->store, name, &u, ctx);
	if (rc)
		return rc;
	char entity[96];
	snprintf(entity, sizeof entity, "user:%s", name);
	int64_t seq;
	if ((rc = s40_reg_journal(reg, "user.passwd", entity, NULL, &seq, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_USER_SET_PASSWORD, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, name);
	s40_stmt_text(s, 2, hash);
	s40_stmt_int64(s, 3, seq);
	if ((rc = s40_stmt_exec(s, ctx)))
		return rc;
	if ((s = s40_store_stmt(reg->store, S40_Q_SESSION_DELETE_USER, ctx)) == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, u.user_id);
	return s40_stmt_exec(s, ctx);
}

enum s40_err s40_user_set_password(struct s40_reg *reg, const char *name, const char *password,
				   struct s40_ctx *ctx)
{
	enum s40_err rc;
	if ((rc = sodium_ready(ctx)) || (rc = check_name(name, ctx)) ||
	    (rc = check_password(password, ctx)))
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(password, hash, ctx)))
		return rc;
	if ((rc = s40_reg_begin(reg, ctx)) == S40_OK)
		rc = s40_reg_end(reg, set_password_in_tx(reg, name, hash, ctx), ctx);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* Read a user and its hash (hash_n ≥ crypto_pwhash_STRBYTES, or hash NULL). */
static enum s40_err user_get_hash(struct s40_store *st, const char *name, struct s40_user *u,
				  char *hash, size_t hash_n, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_USER_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, name);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		user_from_row(s, u);
		if (hash != NULL) {
			const char *h = s40_col_text(s, 5);
			snprintf(hash, hash_n, "%s", h ? h : "");
		}
		s40_stmt_reset(s);
		return S40_OK;
	}
	if (rc != S40_OK)
		return (enum s40_err)rc;
	return s40_errorf(ctx, S40_E_NOT_FOUND, "name", "ไม่พบผู้ใช้ %s", "no user called %s", name);
}

enum s40_err s40_user_get(struct s40_store *st, const char *name, struct s40_user *u,
			  struct s40_ctx *ctx)
{
	return user_get_hash(st, name, u, NULL, 0, ctx);
}

enum s40_err s40_user_list(struct s40_store *st, struct s40_user **out, size_t *n,
			   struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_USER_ALL, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	struct s40_user *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			struct s40_user *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		user_from_row(s, &v[len++]);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_user_authenticate(struct s40_store *st, const char *name, const char *password,
				   struct s40_user *u, struct s40_ctx *ctx)
{
	enum s40_err rc = sodium_ready(ctx);
	if (rc)
		return rc;
	size_t pw_len = password ? strlen(password) : 0;
	char hash[crypto_pwhash_STRBYTES];
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	int known = name != NULL && check_name(name, &c2) == S40_OK &&
		    user_get_hash(st, name, u, hash, sizeof hash, &c2) == S40_OK;
	if (!known && c2.code != S40_OK && c2.code != S40_E_NOT_FOUND &&
	    c2.code != S40_E_BAD_VALUE && c2.code != S40_E_MISSING) {
		if (ctx)
			*ctx = c2;
		return c2.code;
	}
	int ok = 0;
	if (known && pw_len <= S40_PASSWORD_MAX) {
		ok = crypto_pwhash_str_verify(hash, password, pw_len) == 0 && !u->disabled;
	} else {
		/* Spend the same work for an unknown name, so timing tells nothing. */
		char dummy[crypto_pwhash_STRBYTES];
		if (crypto_pwhash_str(dummy, "s40-no-such-user", 16, hash_ops, hash_mem) != 0)
			dummy[0] = '\0';
	}
	sodium_memzero(hash, sizeof hash);
	if (!ok) {
		memset(u, 0, sizeof *u);
		return s40_errorf(ctx, S40_E_BAD_LOGIN, "password", NULL, NULL);
	}
	return S40_OK;
}

/* base64url without padding of 32 bytes: 43 characters. */
static void token_text(const unsigned char raw[32], char *out, size_t n)
{
	sodium_bin2base64(out, n, raw, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The SHA-256 of a token given as text; -1 when it is not a token's form. */
static int token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	if (token == NULL || strlen(token) != S40_TOKEN_TEXT_LEN)
		return -1;
	unsigned char raw[32];
	size_t raw_len = 0;
	if (sodium_base642bin(raw, sizeof raw, token, S40_TOKEN_TEXT_LEN, NULL, &raw_len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    raw_len != sizeof raw)
		return -1;
	crypto_hash_sha256(out, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

static enum s40_err session_open_in_tx(struct s40_reg *reg, int64_t user_id, int64_t now,
				       int64_t expires, const char *addr,
				       const unsigned char hash[crypto_hash_sha256_BYTES],
				       struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SESSION_PURGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, now);
	enum s40_err rc = s40_stmt_exec(s, ctx);
	if (rc)
		return rc;
	if ((s = s40_store_stmt(reg->store, S40_Q_SESSION_INSERT, ctx)) == NULL)
		return STORE_ERR(ctx);
	s40_stmt_blob(s, 1, hash, crypto_hash_sha256_BYTES);
	s40_stmt_int64(s, 2, user_id);
	s40_stmt_int64(s, 3, now);
	s40_stmt_int64(s, 4, expires);
	s40_stmt_text(s, 5, addr);
	if ((rc = s40_stmt_exec(s, ctx)))
		return rc;
	/* At most S40_SESSIONS_PER_USER: a flood of logins ends its own oldest
	 * sessions and costs no one else a row. */
	if ((s = s40_store_stmt(reg->store, S40_Q_SESSION_TRIM, ctx)) == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, user_id);
	s40_stmt_blob(s, 2, hash, crypto_hash_sha256_BYTES);
	s40_stmt_int64(s, 3, S40_SESSIONS_PER_USER - 1);
	return s40_stmt_exec(s, ctx);
}

enum s40_err s40_session_open(struct s40_reg *reg, int64_t user_id, int64_t ttl, const char *addr,
			      char *token, size_t token_n, int64_t *expires_at, struct s40_ctx *ctx)
{
	enum s40_err rc = sodium_ready(ctx);
	if (rc)
		return rc;
	if (token_n < S40_TOKEN_TEXT_LEN + 1 || ttl <= 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
	unsigned char raw[32], hash[crypto_hash_sha256_BYTES];
	randombytes_buf(raw, sizeof raw);
	crypto_hash_sha256(hash, raw, sizeof raw);
	int64_t now = s40_reg_now(reg);
	int64_t expires = now + ttl;
	if ((rc = s40_reg_begin(reg, ctx)) == S40_OK)
		rc = s40_reg_end(
			reg, session_open_in_tx(reg, user_id, now, expires, addr, hash, ctx), ctx);
	if (rc == S40_OK) {
		token_text(raw, token, token_n);
		if (expires_at)
			*expires_at = expires;
	}
	sodium_memzero(raw, sizeof raw);
	return rc;
}

enum s40_err s40_session_user(struct s40_store *st, const char *token, int64_t now,
			      struct s40_user *u, int64_t *expires_at, struct s40_ctx *ctx)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	if (sodium_ready(ctx) != S40_OK || token_hash(token, hash) != 0)
		return s40_errorf(ctx, S40_E_UNAUTHENTICATED, NULL, NULL, NULL);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_SESSION_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_blob(s, 1, hash, sizeof hash);
	s40_stmt_int64(s, 2, now);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		user_from_row(s, u);
		if (expires_at)
			*expires_at = s40_col_int64(s, 8);
		s40_stmt_reset(s);
		if (u->disabled)
			return s40_errorf(ctx, S40_E_UNAUTHENTICATED, NULL, NULL, NULL);
		return S40_OK;
	}
	if (rc != S40_OK)
		return (enum s40_err)rc;
	return s40_errorf(ctx, S40_E_UNAUTHENTICATED, NULL, "การเข้าสู่ระบบหมดอายุหรือไม่ถูกต้อง",
			  "the session has expired or is not valid");
}

enum s40_err s40_session_close(struct s40_reg *reg, const char *token, struct s40_ctx *ctx)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	if (sodium_ready(ctx) != S40_OK || token_hash(token, hash) != 0)
		return S40_OK;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_SESSION_DELETE, ctx);
	if (s == NULL)
		return s40_reg_end(reg, STORE_ERR(ctx), ctx);
	s40_stmt_blob(s, 1, hash, sizeof hash);
	return s40_reg_end(reg, s40_stmt_exec(s, ctx), ctx);
}

struct throttle_row {
	int64_t failures, window_start, locked_until;
};

static enum s40_err throttle_get(struct s40_store *st, const char *key, struct throttle_row *t,
				 int *found, struct s40_ctx *ctx)
{
	*found = 0;
	memset(t, 0, sizeof *t);
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_THROTTLE_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, key);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		t->failures = s40_col_int64(s, 0);
		t->window_start = s40_col_int64(s, 1);
		t->locked_until = s40_col_int64(s, 2);
		*found = 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_throttle_check(struct s40_store *st, const char *key, int64_t now,
				int64_t *retry_after, struct s40_ctx *ctx)
{
	struct throttle_row t;
	int found;
	*retry_after = 0;
	enum s40_err rc = throttle_get(st, key, &t, &found, ctx);
	if (rc || !found || now >= t.locked_until)
		return rc;
	*retry_after = t.locked_until - now;
	if (*retry_after < 60)
		return s40_errorf(ctx, S40_E_THROTTLED, NULL,
				  "เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดรอ %lld วินาทีแล้วลองใหม่",
				  "too many failed logins: try again in %lld seconds",
				  (long long)*retry_after);
	long long min = (long long)((*retry_after + 59) / 60);
	return s40_errorf(ctx, S40_E_THROTTLED, NULL,
			  "เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดรอ %lld นาทีแล้วลองใหม่",
			  "too many failed logins: try again in %lld minute%s", min,
			  min == 1 ? "" : "s");
}

void s40_throttle_keys(const char *name, const char *addr, char *pair, char *by_addr, size_t n)
{
	snprintf(pair, n, "user:%s|%s", name, addr ? addr : "");
	snprintf(by_addr, n, "addr:%s", addr ? addr : "");
}

static enum s40_err throttle_fail_in_tx(struct s40_reg *reg, const char *key, int64_t now,
					struct s40_ctx *ctx)
{
	struct throttle_row t;
	int found;
	enum s40_err rc = throttle_get(reg->store, key, &t, &found, ctx);
	if (rc)
		return rc;
	if (!found || now - t.window_start >= S40_THROTTLE_WINDOW) {
		t.failures = 0;
		t.window_start = now;
	}
	t.failures++;
	int64_t wait = 0;
	if (strncmp(key, "addr:", 5) == 0) {
		/* An address: slowed, never locked (an office shares one). */
		int64_t over = t.failures - S40_THROTTLE_ADDR_FREE;
		if (over >= 0)
			wait = over >= 9 ? S40_THROTTLE_ADDR_MAX_WAIT : (int64_t)1 << over;
		if (wait > S40_THROTTLE_ADDR_MAX_WAIT)
			wait = S40_THROTTLE_ADDR_MAX_WAIT;
	} else if (t.failures >= S40_THROTTLE_LOCK) {
		wait = S40_THROTTLE_LOCK_SECONDS;
	} else if (t.failures >= S40_THROTTLE_FREE) {
		wait = (int64_t)1 << (t.failures - S40_THROTTLE_FREE);
	}
	/* now is the failure's whole second, which may be about to end: the wait
	 * runs from the second after it, so that at least wait seconds pass (a
	 * 1-second wait from 12:00:00.999 would end a millisecond later). */
	t.locked_until = wait ? now + 1 + wait : 0;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_THROTTLE_PUT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_text(s, 1, key);
	s40_stmt_int64(s, 2, t.failures);
	s40_stmt_int64(s, 3, t.window_start);
	s40_stmt_int64(s, 4, t.locked_until);
	return s40_stmt_exec(s, ctx);
}

enum s40_err s40_throttle_fail(struct s40_reg *reg, const char *key, int64_t now,
			       struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, throttle_fail_in_tx(reg, key, now, ctx), ctx);
}

enum s40_err s40_throttle_clear(struct s40_reg *reg, const char *key, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_THROTTLE_CLEAR, ctx);
	if (s == NULL)
		return s40_reg_end(reg, STORE_ERR(ctx), ctx);
	s40_stmt_text(s, 1, key);
	return s40_reg_end(reg, s40_stmt_exec(s, ctx), ctx);
}

enum s40_err s40_throttle_unlock(struct s40_reg *reg, const char *name, long *n_cleared,
				 struct s40_ctx *ctx)
{
	enum s40_err rc = check_name(name, ctx);
	struct s40_user u;
	if (rc || (rc = s40_user_get(reg->store, name, &u, ctx)))
		return rc;
	/* Every key "user:NAME|…": the range from "user:NAME|" up to "user:NAME}" ('|' + 1). */
	char lo[96], hi[96];
	snprintf(lo, sizeof lo, "user:%s|", name);
	snprintf(hi, sizeof hi, "user:%s}", name);
	if ((rc = s40_reg_begin(reg, ctx)))
		return rc;
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_THROTTLE_CLEAR_RANGE, ctx);
	if (s == NULL)
		return s40_reg_end(reg, STORE_ERR(ctx), ctx);
	s40_stmt_text(s, 1, lo);
	s40_stmt_text(s, 2, hi);
	long n = 0;
	int r;
	while ((r = s40_stmt_step(s, ctx)) == S40_ROW)
		n++;
	if (n_cleared)
		*n_cleared = n;
	return s40_reg_end(reg, (enum s40_err)r, ctx);
}
