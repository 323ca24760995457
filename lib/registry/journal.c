/*
 * journal.c — appending to and verifying the hash-chained journal.
 *
 * The hash of entry n is SHA-256 over: the hash of entry n-1 (32 zero bytes for
 * the first), then seq and at as 8-byte big-endian integers, then user, op,
 * entity and detail, each as a 4-byte big-endian length and its bytes. Lengths
 * keep field boundaries unambiguous.
 */
#include "journal.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/thai.h"

static void put_be64(crypto_hash_sha256_state *h, int64_t v)
{
	uint8_t b[8];
	for (int i = 7; i >= 0; i--) {
		b[i] = (uint8_t)(v & 0xff);
		v = (int64_t)((uint64_t)v >> 8);
	}
	crypto_hash_sha256_update(h, b, sizeof b);
}

static void put_str(crypto_hash_sha256_state *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	uint8_t b[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
	crypto_hash_sha256_update(h, b, sizeof b);
	if (n)
		crypto_hash_sha256_update(h, (const unsigned char *)s, n);
}

void s40_journal_hash(const uint8_t prev[S40_HASH_LEN], int64_t seq, int64_t at,
		      const char *user, const char *op, const char *entity, const char *detail,
		      uint8_t out[S40_HASH_LEN])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, prev, S40_HASH_LEN);
	put_be64(&h, seq);
	put_be64(&h, at);
	put_str(&h, user);
	put_str(&h, op);
	put_str(&h, entity);
	put_str(&h, detail);
	crypto_hash_sha256_final(&h, out);
}

enum s40_err s40_journal_append(struct s40_reg *reg, const char *op, const char *entity,
				const char *detail, int64_t *seq, struct s40_ctx *ctx)
{
	if (reg->depth == 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "บันทึก journal นอกธุรกรรม",
				  "journal append outside a transaction");
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	uint8_t prev[S40_HASH_LEN] = {0};
	int64_t last = 0;
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		last = s40_col_int64(s, 0);
		size_t n;
		const void *h = s40_col_blob(s, 1, &n);
		if (h == NULL || n != S40_HASH_LEN) {
			s40_stmt_reset(s);
			return s40_errorf(ctx, S40_E_JOURNAL, NULL, "รายการ %lld ไม่มีค่า hash",
					  "entry %lld has no hash", (long long)last);
		}
		memcpy(prev, h, S40_HASH_LEN);
	} else if (rc != S40_OK) {
		return (enum s40_err)rc;
	}
	s40_stmt_reset(s);

	int64_t next = last + 1;
	int64_t at = s40_reg_now(reg);
	if (detail == NULL)
		detail = "{}";
	uint8_t hash[S40_HASH_LEN];
	s40_journal_hash(prev, next, at, reg->user, op, entity, detail, hash);

	s = s40_store_stmt(reg->store, S40_Q_JOURNAL_APPEND, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	s40_stmt_int64(s, 1, next);
	s40_stmt_int64(s, 2, at);
	s40_stmt_text(s, 3, reg->user);
	s40_stmt_text(s, 4, op);
	s40_stmt_text(s, 5, entity);
	s40_stmt_text(s, 6, detail);
	s40_stmt_blob(s, 7, prev, S40_HASH_LEN);
	s40_stmt_blob(s, 8, hash, S40_HASH_LEN);
	enum s40_err e = s40_stmt_exec(s, ctx);
	if (e)
		return e;
	if (seq)
		*seq = next;
	if (reg->first_seq == 0)
		reg->first_seq = next;
	reg->last_seq = next;
	return S40_OK;
}

enum s40_err s40_journal_verify(struct s40_store *st, int64_t *n_entries, int64_t *bad_seq,
				struct s40_ctx *ctx)
{
	*n_entries = 0;
	*bad_seq = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_ALL, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	uint8_t prev[S40_HASH_LEN] = {0};
	int64_t expect = 1;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		int64_t seq = s40_col_int64(s, 0);
		size_t np, nh;
		const void *p = s40_col_blob(s, 6, &np);
		const void *h = s40_col_blob(s, 7, &nh);
		uint8_t calc[S40_HASH_LEN];
		s40_journal_hash(prev, seq, s40_col_int64(s, 1), s40_col_text(s, 2),
				 s40_col_text(s, 3), s40_col_text(s, 4), s40_col_text(s, 5), calc);
		const char *why_th = NULL, *why_en = NULL;
		if (seq != expect) {
			why_th = "ลำดับขาดหายหรือไม่ต่อเนื่อง";
			why_en = "a sequence number is missing";
		} else if (p == NULL || np != S40_HASH_LEN || memcmp(p, prev, S40_HASH_LEN) != 0) {
			why_th = "ค่า hash ของรายการก่อนหน้าไม่ตรง";
			why_en = "the previous hash does not match";
		} else if (h == NULL || nh != S40_HASH_LEN || memcmp(h, calc, S40_HASH_LEN) != 0) {
			why_th = "เนื้อหาของรายการถูกแก้ไข";
			why_en = "the entry's content was changed";
		}
		if (why_th) {
			*bad_seq = seq;
			s40_stmt_reset(s);
			return s40_errorf(ctx, S40_E_JOURNAL, NULL, "รายการที่ %lld: %s%.0s",
					  "entry %lld: %.0s%s", (long long)seq, why_th, why_en);
		}
		memcpy(prev, calc, S40_HASH_LEN);
		expect = seq + 1;
		(*n_entries)++;
	}
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

void s40_journal_entries_free(struct s40_journal_entry *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i].detail);
	free(v);
}

enum s40_err s40_journal_of_entity(struct s40_store *st, const char *entity,
				   struct s40_journal_entry **out, size_t *n,
				   struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_JOURNAL_OF_ENTITY, ctx);
	if (s == NULL)
		return ctx ? ctx->code : S40_E_DB;
	s40_stmt_text(s, 1, entity);
	struct s40_journal_entry *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			struct s40_journal_entry *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				s40_journal_entries_free(v, len);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		struct s40_journal_entry *e = &v[len];
		e->seq = s40_col_int64(s, 0);
		e->at = s40_col_int64(s, 1);
		snprintf(e->user, sizeof e->user, "%s", s40_col_text(s, 2));
		snprintf(e->op, sizeof e->op, "%s", s40_col_text(s, 3));
		snprintf(e->entity, sizeof e->entity, "%s", s40_col_text(s, 4));
		e->detail = strdup(s40_col_text(s, 5) ? s40_col_text(s, 5) : "{}");
		if (e->detail == NULL) {
			s40_stmt_reset(s);
			s40_journal_entries_free(v, len);
			return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		}
		len++;
	}
	if (rc != S40_OK) {
		s40_journal_entries_free(v, len);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

/* Put on ctx what the digest check found: the tables whose rows differ from
 * their digest, and those with rows no journal entry wrote. */
static enum s40_err data_differs(const struct s40_digest_check *dc, struct s40_ctx *ctx)
{
	char changed[384] = "", changed_en[384] = "", unjournaled[256] = "",
	     unjournaled_en[256] = "";
	for (int t = 0; t < S40_DT__N; t++) {
		size_t k;
		if (!dc[t].match) {
			k = strlen(changed);
			snprintf(changed + k, sizeof changed - k, "%s%s%s", k ? ", " : "", dc[t].table,
				 dc[t].stored ? "" : " (ไม่มีค่าสรุปที่บันทึกไว้)");
			k = strlen(changed_en);
			snprintf(changed_en + k, sizeof changed_en - k, "%s%s%s", k ? ", " : "",
				 dc[t].table, dc[t].stored ? "" : " (its digest is missing)");
		}
		if (dc[t].unjournaled > 0) {
			k = strlen(unjournaled);
			snprintf(unjournaled + k, sizeof unjournaled - k, "%s%s %lld แถว", k ? ", " : "",
				 dc[t].table, (long long)dc[t].unjournaled);
			k = strlen(unjournaled_en);
			snprintf(unjournaled_en + k, sizeof unjournaled_en - k, "%s%s %lld %s",
				 k ? ", " : "", dc[t].table, (long long)dc[t].unjournaled,
				 s40_en_plural(dc[t].unjournaled, "row", "rows"));
		}
	}
	if (changed[0] && unjournaled[0])
		return s40_errorf(ctx, S40_E_JOURNAL, NULL,
				  "ข้อมูลไม่ตรงกับที่ s40 บันทึกไว้ในตาราง %s%.0s (ฐานข้อมูลถูกแก้ไขโดยไม่ผ่าน "
				  "s40) และมีแถวที่ไม่มีรายการในบันทึก: %s%.0s",
				  "the rows of %.0s%s differ from what s40 wrote (the database was changed "
				  "other than through s40), and rows no journal entry wrote: %.0s%s",
				  changed, changed_en, unjournaled, unjournaled_en);
	if (changed[0])
		return s40_errorf(ctx, S40_E_JOURNAL, NULL,
				  "ข้อมูลไม่ตรงกับที่ s40 บันทึกไว้ในตาราง %s%.0s (ฐานข้อมูลถูกแก้ไขโดยไม่ผ่าน "
				  "s40)",
				  "the rows of %.0s%s differ from what s40 wrote (the database was changed "
				  "other than through s40)",
				  changed, changed_en);
	return s40_errorf(ctx, S40_E_JOURNAL, NULL, "มีแถวที่ไม่มีรายการในบันทึก: %s%.0s",
			  "rows no journal entry wrote: %.0s%s", unjournaled, unjournaled_en);
}

enum s40_err s40_journal_verify_data(struct s40_store *st, int64_t head,
				     struct s40_digest_check dc[S40_DT__N], int64_t *rows,
				     bool *checked, struct s40_ctx *ctx)
{
	int differ = 0;
	*rows = 0;
	enum s40_err rc = s40_store_digest_check(st, head, dc, &differ, ctx);
	*checked = rc == S40_OK;
	for (int t = 0; *checked && t < S40_DT__N; t++)
		*rows += dc[t].rows;
	if (rc == S40_OK && differ > 0)
		rc = data_differs(dc, ctx);
	return rc;
}

json_t *s40_journal_data_json(const struct s40_digest_check *dc)
{
	json_t *tables = json_array();
	json_int_t rows = 0;
	for (int t = 0; t < S40_DT__N; t++) {
		rows += dc[t].rows;
		json_array_append_new(tables, json_pack("{s:s, s:I, s:b, s:I}", "table", dc[t].table,
							"rows", (json_int_t)dc[t].rows, "match",
							dc[t].match, "unjournaled",
							(json_int_t)dc[t].unjournaled));
	}
	return json_pack("{s:I, s:o}", "rows", rows, "tables", tables);
}
