/*
 * anchor.c — signed anchors of the journal's head (anchor.h).
 */
#include "anchor.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

static enum s40_err ready(struct s40_ctx *ctx)
{
	if (sodium_init() < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่ม libsodium ไม่ได้",
				  "libsodium could not start");
	return S40_OK;
}

static enum s40_err write_key(const char *path, int mode, const uint8_t *key, size_t n,
			      struct s40_ctx *ctx)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (fd < 0)
		return s40_errorf(ctx, errno == EEXIST ? S40_E_EXISTS : S40_E_IO, "key",
				  "สร้างไฟล์กุญแจ %s ไม่ได้: %s", "cannot create the key file %s: %s",
				  path, strerror(errno));
	char hex[2 * S40_ANCHOR_SK_LEN + 2];
	sodium_bin2hex(hex, sizeof hex - 1, key, n);
	size_t len = strlen(hex);
	hex[len++] = '\n';
	bool ok = write(fd, hex, len) == (ssize_t)len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	sodium_memzero(hex, sizeof hex);
	if (!ok)
		return s40_errorf(ctx, S40_E_IO, "key", "เขียนไฟล์กุญแจ %s ไม่ได้",
				  "cannot write the key file %s", path);
	return S40_OK;
}

enum s40_err s40_anchor_keygen(const char *secret_path, const char *public_path,
			       struct s40_ctx *ctx)
{
	enum s40_err rc = ready(ctx);
	if (rc)
		return rc;
	uint8_t pk[S40_ANCHOR_PK_LEN], sk[S40_ANCHOR_SK_LEN];
	crypto_sign_keypair(pk, sk);
	rc = write_key(secret_path, 0600, sk, sizeof sk, ctx);
	sodium_memzero(sk, sizeof sk);
	if (rc == S40_OK && (rc = write_key(public_path, 0644, pk, sizeof pk, ctx)))
		unlink(secret_path); /* not half a pair */
	return rc;
}

enum s40_err s40_anchor_key_read(const char *path, uint8_t *key, size_t n, struct s40_ctx *ctx)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return s40_errorf(ctx, S40_E_IO, "key", "เปิดไฟล์กุญแจ %s ไม่ได้: %s",
				  "cannot open the key file %s: %s", path, strerror(errno));
	char line[2 * S40_ANCHOR_SK_LEN + 8] = "";
	bool got = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	size_t len = got ? strcspn(line, "\r\n") : 0;
	size_t out = 0;
	bool ok = got && len == 2 * n &&
		  sodium_hex2bin(key, n, line, len, NULL, &out, NULL) == 0 && out == n;
	sodium_memzero(line, sizeof line);
	if (!ok)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "key",
				  "ไฟล์ %s ไม่ใช่กุญแจที่ถูกต้อง (ต้องเป็นเลขฐานสิบหก %zu ตัว)",
				  "%s is not a valid key (%zu hex digits)", path, 2 * n);
	return S40_OK;
}

/* The signed part of an anchor: every line before the signature. */
static int body_text(int64_t seq, const uint8_t hash[S40_HASH_LEN], int64_t at,
		     const uint8_t data[32], char *out, size_t n)
{
	char hex[2 * S40_HASH_LEN + 1], dhex[65];
	sodium_bin2hex(hex, sizeof hex, hash, S40_HASH_LEN);
	sodium_bin2hex(dhex, sizeof dhex, data, 32);
	char when[32];
	time_t t = (time_t)at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return snprintf(out, n, "s40-anchor 1\nseq %lld\nhash %s\nat %s\ndata %s\n",
			(long long)seq, hex, when, dhex);
}

enum s40_err s40_anchor_make(struct s40_store *st, const uint8_t sk[S40_ANCHOR_SK_LEN],
			     int64_t now, char *out, size_t out_n, int64_t *seq,
			     struct s40_ctx *ctx)
{
	enum s40_err rc = ready(ctx);
	if (rc)
		return rc;
	uint8_t hash[S40_HASH_LEN] = { 0 }, data[32];
	*seq = 0;
	/* The head and the data's digests of one moment. */
	if ((rc = s40_store_begin_read(st, ctx)) != S40_OK)
		return rc;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL) {
		s40_store_rollback(st);
		return STORE_ERR(ctx);
	}
	int r = s40_stmt_step(s, ctx);
	if (r == S40_ROW) {
		size_t nh = 0;
		const void *h = s40_col_blob(s, 1, &nh);
		*seq = s40_col_int64(s, 0);
		if (h != NULL && nh == S40_HASH_LEN)
			memcpy(hash, h, S40_HASH_LEN);
		s40_stmt_reset(s);
		r = S40_OK;
	}
	if (r == S40_OK)
		r = s40_store_digest_hash(st, data, ctx);
	s40_store_rollback(st);
	if (r != S40_OK)
		return (enum s40_err)r;
	char body[384];
	int len = body_text(*seq, hash, now, data, body, sizeof body);
	uint8_t sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)body, (unsigned long long)len, sk);
	char sighex[2 * crypto_sign_BYTES + 1];
	sodium_bin2hex(sighex, sizeof sighex, sig, sizeof sig);
	if (out_n < S40_ANCHOR_TEXT_MAX)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
	snprintf(out, out_n, "%ssig %s\n", body, sighex);
	return S40_OK;
}

/* The journal's last entry (0 when empty or on failure). */
static int64_t head_seq(struct s40_store *st)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_LAST, NULL);
	if (s == NULL)
		return 0;
	int64_t seq = s40_stmt_step(s, NULL) == S40_ROW ? s40_col_int64(s, 0) : 0;
	s40_stmt_reset(s);
	return seq;
}

static enum s40_err bad_anchor(struct s40_ctx *ctx, const char *th, const char *en)
{
	return s40_errorf(ctx, S40_E_BAD_VALUE, "anchor", "หลักยึดไม่ถูกต้อง: %s%.0s",
			  "the anchor is not valid: %.0s%s", th, en);
}

enum s40_err s40_anchor_check(struct s40_store *st, const char *text,
			      const uint8_t pk[S40_ANCHOR_PK_LEN], int64_t *seq,
			      struct s40_ctx *ctx)
{
	enum s40_err rc = ready(ctx);
	if (rc)
		return rc;
	long long sq = -1;
	char hashhex[2 * S40_HASH_LEN + 2] = "", when[32] = "", sighex[2 * crypto_sign_BYTES + 2] = "";
	int used = 0;
	if (sscanf(text, "s40-anchor 1\nseq %lld\nhash %65s\nat %31s\n%n", &sq, hashhex, when,
		   &used) != 3 ||
	    used <= 0 || sq < 0 || strlen(hashhex) != 2 * S40_HASH_LEN)
		return bad_anchor(ctx, "ไม่ใช่ข้อความหลักยึดของ s40", "not an s40 anchor");
	/* Anchors since the data's digests (migration 8) sign them too. */
	char datahex[66] = "";
	int dused = 0;
	if (sscanf(text + used, "data %65s\n%n", datahex, &dused) == 1 && dused > 0) {
		if (strlen(datahex) != 64)
			return bad_anchor(ctx, "ค่าสรุปข้อมูลไม่ถูกต้อง", "its data digest is malformed");
		used += dused;
	}
	if (sscanf(text + used, "sig %129s", sighex) != 1 ||
	    strlen(sighex) != 2 * crypto_sign_BYTES)
		return bad_anchor(ctx, "ไม่มีลายเซ็น", "it has no signature");
	uint8_t hash[S40_HASH_LEN], sig[crypto_sign_BYTES];
	size_t n1 = 0, n2 = 0;
	if (sodium_hex2bin(hash, sizeof hash, hashhex, strlen(hashhex), NULL, &n1, NULL) ||
	    n1 != sizeof hash ||
	    sodium_hex2bin(sig, sizeof sig, sighex, strlen(sighex), NULL, &n2, NULL) ||
	    n2 != sizeof sig)
		return bad_anchor(ctx, "ค่าแฮชหรือลายเซ็นไม่ใช่เลขฐานสิบหก",
				  "its hash or signature is not hex");
	if (crypto_sign_verify_detached(sig, (const unsigned char *)text, (unsigned long long)used,
					pk) != 0)
		return bad_anchor(ctx, "ลายเซ็นไม่ตรงกับกุญแจสาธารณะ",
				  "the signature does not match the public key");
	*seq = sq;
	uint8_t data[32];
	size_t nd = 0;
	if (datahex[0] && (sodium_hex2bin(data, sizeof data, datahex, 64, NULL, &nd, NULL) ||
			   nd != sizeof data))
		return bad_anchor(ctx, "ค่าสรุปข้อมูลไม่ใช่เลขฐานสิบหก", "its data digest is not hex");
	if (sq == 0)
		return S40_OK; /* taken of an empty journal: everything extends it */
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_HASH_AT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, sq);
	int r = s40_stmt_step(s, ctx);
	if (r == S40_OK)
		return s40_errorf(ctx, S40_E_JOURNAL, "anchor",
				  "บันทึกการเปลี่ยนแปลงไม่มีรายการที่ %lld ของหลักยึด "
				  "(รายการท้ายถูกตัดออก)",
				  "the journal has no entry %lld, which the anchor holds "
				  "(its last entries were cut off)",
				  sq);
	if (r != S40_ROW)
		return (enum s40_err)r;
	size_t nh = 0;
	const void *h = s40_col_blob(s, 0, &nh);
	bool same = h != NULL && nh == S40_HASH_LEN && sodium_memcmp(h, hash, S40_HASH_LEN) == 0;
	s40_stmt_reset(s);
	if (!same)
		return s40_errorf(ctx, S40_E_JOURNAL, "anchor",
				  "รายการที่ %lld ไม่ตรงกับหลักยึด (บันทึกการเปลี่ยนแปลงถูกเขียนใหม่)",
				  "entry %lld differs from the anchor (the journal was rewritten)",
				  sq);
	/* Nothing written through s40 since the anchor: the data's digests must
	 * be those it signed (s40 journal verify compares the rows with them). */
	if (datahex[0] && sq == head_seq(st)) {
		uint8_t now_data[32];
		if ((rc = s40_store_digest_hash(st, now_data, ctx)) != S40_OK)
			return rc;
		if (sodium_memcmp(now_data, data, sizeof data) != 0)
			return s40_errorf(ctx, S40_E_JOURNAL, "anchor",
					  "ข้อมูลต่างจากเมื่อทำหลักยึด ทั้งที่ไม่มีรายการใหม่ในบันทึกตั้งแต่นั้น "
					  "(ข้อมูลถูกแก้ไขโดยไม่ผ่าน s40)",
					  "the data differs from what it was at the anchor, and the journal "
					  "has no entry since (the data was changed other than through s40)");
	}
	return S40_OK;
}
