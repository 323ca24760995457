/*
 * copy.c — s40_store_copy: a whole database into another through the engine
 * interface, with the SQL generated from the catalogue of tables in copy.h in
 * the subset both dialects read alike (every identifier in double quotes, so
 * that "user" and "key" are names in PostgreSQL too; parameters $1, $2 …).
 */
#include "copy.h"

#include <jansson.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

/* clang-format off */
#define INT(n) { n, S40_COPY_INT }
#define TEXT(n) { n, S40_COPY_TEXT }
#define BLOB(n) { n, S40_COPY_BLOB }
#define COLS(a) a, sizeof a / sizeof a[0]

/* The columns of each table as lib/store/migrations/sqlite creates them. */
static const struct s40_copy_col meta_cols[] = { TEXT("key"), TEXT("value") };
static const struct s40_copy_col area_cols[] = {
	INT("code"), INT("level"), INT("parent"), INT("moo"), TEXT("name_th"), TEXT("name_en"),
	TEXT("postcode"),
};
static const struct s40_copy_col person_cols[] = {
	INT("id"), TEXT("title"), TEXT("first_th"), TEXT("last_th"), TEXT("first_en"),
	TEXT("last_en"), INT("birth_day"), INT("sex"), INT("thai"), INT("province"),
	INT("village"), TEXT("phone"), TEXT("address"), INT("journal_seq"),
};
static const struct s40_copy_col field_event_cols[] = {
	INT("event_id"), INT("day"), INT("village"), INT("province"), INT("kind"),
	TEXT("place"), TEXT("note"), INT("journal_seq"),
};
static const struct s40_copy_col spell_cols[] = {
	INT("spell_id"), INT("person"), INT("province"), INT("village"), INT("start_day"),
	INT("end_day"), INT("end_reason"), INT("option"), INT("recruited_by"), TEXT("channel"),
	INT("journal_seq"), INT("event"),
};
static const struct s40_copy_col option_change_cols[] = {
	INT("spell_id"), INT("request_day"), INT("from_month"), INT("old_option"),
	INT("new_option"), INT("journal_seq"),
};
static const struct s40_copy_col exclusion_cols[] = {
	INT("excl_id"), INT("person"), INT("province"), INT("kind"), INT("start_day"),
	INT("end_day"), TEXT("source"), INT("journal_seq"),
};
static const struct s40_copy_col journal_cols[] = {
	INT("seq"), INT("at"), TEXT("user"), TEXT("op"), TEXT("entity"), TEXT("detail"),
	BLOB("prev_hash"), BLOB("hash"),
};
static const struct s40_copy_col payment_cols[] = {
	INT("payment_id"), INT("person"), INT("province"), TEXT("receipt"), INT("paid_day"),
	INT("channel"), INT("first_month"), INT("last_month"), INT("total"), INT("extra"),
	INT("journal_seq"),
};
static const struct s40_copy_col ledger_cols[] = {
	INT("person"), INT("month"), INT("province"), INT("village"), INT("spell_id"),
	INT("option"), INT("member"), INT("government"), INT("extra"), INT("payment_id"),
};
static const struct s40_copy_col benefit_cols[] = {
	INT("benefit_id"), INT("person"), INT("province"), INT("kind"), INT("event_day"),
	INT("units"), INT("amount"), INT("journal_seq"),
};
static const struct s40_copy_col survey_cols[] = {
	INT("survey_id"), INT("village"), INT("province"), INT("day"), INT("journal_seq"),
};
static const struct s40_copy_col survey_resident_cols[] = {
	INT("survey_id"), INT("person"), INT("status"), INT("reason"), INT("journal_seq"),
};
static const struct s40_copy_col target_cols[] = {
	INT("fy"), INT("area"), INT("province"), INT("n"), INT("how"), INT("journal_seq"),
};
static const struct s40_copy_col app_user_cols[] = {
	INT("user_id"), TEXT("name"), INT("role"), INT("area"), INT("person"), TEXT("pw_hash"),
	INT("disabled"), INT("created_at"), INT("journal_seq"),
};
static const struct s40_copy_col session_cols[] = {
	BLOB("token_hash"), INT("user_id"), INT("created_at"), INT("expires_at"), TEXT("addr"),
};
static const struct s40_copy_col login_throttle_cols[] = {
	TEXT("key"), INT("failures"), INT("window_start"), INT("locked_until"),
};
static const struct s40_copy_col network_member_cols[] = {
	INT("member_id"), INT("person"), INT("province"), INT("role"), INT("area"),
	INT("supervisor"), INT("from_day"), INT("end_day"), INT("journal_seq"),
};
static const struct s40_copy_col event_staff_cols[] = { INT("event_id"), INT("person") };
static const struct s40_copy_col followup_assign_cols[] = {
	INT("person"), INT("province"), INT("assignee"), INT("from_day"), INT("journal_seq"),
};
static const struct s40_copy_col followup_call_cols[] = {
	INT("call_id"), INT("person"), INT("province"), INT("day"), INT("outcome"), INT("caller"),
	TEXT("note"), INT("journal_seq"),
};
/* clang-format on */

/* Foreign-key order: area before what lies in an area, person before what is
 * about a person, field_event before the spells made at one, spell and payment
 * before the ledger, survey before its residents, app_user before sessions.
 * area refers to itself (parent): read by code, a parent comes first. */
const struct s40_copy_table s40_copy_tables[] = {
	{ "meta", COLS(meta_cols), { "key" } },
	{ "area", COLS(area_cols), { "code" } },
	{ "person", COLS(person_cols), { "id" } },
	{ "field_event", COLS(field_event_cols), { "event_id" } },
	{ "spell", COLS(spell_cols), { "spell_id" } },
	{ "option_change", COLS(option_change_cols), { "spell_id", "from_month" } },
	{ "exclusion", COLS(exclusion_cols), { "excl_id" } },
	{ "journal", COLS(journal_cols), { "seq" } },
	{ "payment", COLS(payment_cols), { "payment_id" } },
	{ "ledger", COLS(ledger_cols), { "person", "month" } },
	{ "benefit", COLS(benefit_cols), { "benefit_id" } },
	{ "survey", COLS(survey_cols), { "survey_id" } },
	{ "survey_resident", COLS(survey_resident_cols), { "survey_id", "person" } },
	{ "target", COLS(target_cols), { "fy", "area" } },
	{ "app_user", COLS(app_user_cols), { "user_id" } },
	{ "session", COLS(session_cols), { "token_hash" } },
	{ "login_throttle", COLS(login_throttle_cols), { "key" } },
	{ "network_member", COLS(network_member_cols), { "member_id" } },
	{ "event_staff", COLS(event_staff_cols), { "event_id", "person" } },
	{ "followup_assign", COLS(followup_assign_cols), { "person" } },
	{ "followup_call", COLS(followup_call_cols), { "call_id" } },
};

const size_t s40_copy_n_tables = sizeof s40_copy_tables / sizeof s40_copy_tables[0];

/* The table whose rows are merged into the destination's instead of added. */
#define META_TABLE 0

bool s40_copy_table_skipped(const char *name)
{
	/* The digests are made anew by the copy's writes; so are the names' index
	 * (person_name and its own tables, filled by person's triggers on
	 * SQLite; PostgreSQL's trigram indexes are no tables) and the ledger's
	 * sums (ledger_sum, filled by the ledger's triggers: migration 0013) and the
	 * spells' months paid (spell_paid, by spell's and ledger's: 0015, with
	 * spell_paid_load, empty outside a load's transaction: 0017). The
	 * keys of repeated writes (idempotency, migration 0014) are the state of
	 * the server that wrote them, not the registry's: a copy starts without. */
	return strcmp(name, "data_digest") == 0 || strcmp(name, "person_name") == 0 ||
	       strncmp(name, "person_name_", 12) == 0 || strcmp(name, "ledger_sum") == 0 ||
	       strcmp(name, "spell_paid") == 0 || strcmp(name, "spell_paid_load") == 0 ||
	       strcmp(name, "idempotency") == 0;
}

const struct s40_copy_table *s40_copy_table_find(const char *name)
{
	for (size_t i = 0; i < s40_copy_n_tables; i++)
		if (strcmp(s40_copy_tables[i].name, name) == 0)
			return &s40_copy_tables[i];
	return NULL;
}

/* Generated statements are a few hundred bytes. */
#define SQL_MAX 4096

/* Append "name", "name", … (sep between) to b. */
static enum s40_err sql_names(struct s40_buf *b, const char *const *names, size_t n,
			      const char *sep)
{
	enum s40_err rc = S40_OK;
	for (size_t i = 0; i < n && rc == S40_OK; i++)
		rc = s40_buf_addf(b, "%s\"%s\"", i ? sep : "", names[i]);
	return rc;
}

/* SELECT "c1", "c2", … FROM "t" ORDER BY "k1", "k2" */
static enum s40_err sql_select(const struct s40_copy_table *t, struct s40_buf *b)
{
	const char *names[64];
	size_t n_key = 0;
	if (t->n_cols > sizeof names / sizeof names[0])
		return S40_E_INTERNAL;
	for (size_t i = 0; i < t->n_cols; i++)
		names[i] = t->cols[i].name;
	while (n_key < S40_COPY_KEY_MAX && t->key[n_key])
		n_key++;
	enum s40_err rc;
	if ((rc = s40_buf_adds(b, "SELECT ")) || (rc = sql_names(b, names, t->n_cols, ", ")) ||
	    (rc = s40_buf_addf(b, " FROM \"%s\" ORDER BY ", t->name)) ||
	    (rc = sql_names(b, t->key, n_key, ", ")))
		return rc;
	return S40_OK;
}

/* INSERT INTO "t" ("c1", …) VALUES ($1, …); for meta an upsert on its key, so
 * that the destination's rows of the same keys take the source's values. */
static enum s40_err sql_insert(const struct s40_copy_table *t, bool upsert, struct s40_buf *b)
{
	const char *names[64];
	if (t->n_cols > sizeof names / sizeof names[0])
		return S40_E_INTERNAL;
	for (size_t i = 0; i < t->n_cols; i++)
		names[i] = t->cols[i].name;
	enum s40_err rc;
	if ((rc = s40_buf_addf(b, "INSERT INTO \"%s\" (", t->name)) ||
	    (rc = sql_names(b, names, t->n_cols, ", ")) || (rc = s40_buf_adds(b, ") VALUES (")))
		return rc;
	for (size_t i = 0; i < t->n_cols; i++)
		if ((rc = s40_buf_addf(b, "%s$%zu", i ? ", " : "", i + 1)))
			return rc;
	if ((rc = s40_buf_adds(b, ")")))
		return rc;
	if (!upsert)
		return S40_OK;
	/* meta: the key is the first column, the rest are set from the source. */
	if ((rc = s40_buf_addf(b, " ON CONFLICT (\"%s\") DO UPDATE SET ", t->key[0])))
		return rc;
	for (size_t i = 1; i < t->n_cols; i++)
		if ((rc = s40_buf_addf(b, "%s\"%s\" = excluded.\"%s\"", i > 1 ? ", " : "", names[i],
				       names[i])))
			return rc;
	return S40_OK;
}

/*
 * INSERT INTO "t" ("c1", …) SELECT (r->>0)::bigint, r->>1, decode(r->>2, 'hex'), …
 * FROM json_array_elements($1::json) AS r: a batch of rows as one JSON array of
 * arrays, for a PostgreSQL destination. Each statement there costs a round trip
 * and a run of the digest's statement trigger (migrations/pg/0008_digest.sql),
 * which a row at a time made most of a copy's time (as for the areas of init:
 * registry/areas.c). Bigint and text are assigned to the column's own type.
 */
static enum s40_err sql_insert_json(const struct s40_copy_table *t, struct s40_buf *b)
{
	enum s40_err rc;
	if ((rc = s40_buf_addf(b, "INSERT INTO \"%s\" (", t->name)))
		return rc;
	for (size_t i = 0; i < t->n_cols; i++)
		if ((rc = s40_buf_addf(b, "%s\"%s\"", i ? ", " : "", t->cols[i].name)))
			return rc;
	if ((rc = s40_buf_adds(b, ") SELECT ")))
		return rc;
	for (size_t i = 0; i < t->n_cols; i++) {
		const char *sep = i ? ", " : "";
		switch (t->cols[i].kind) {
		case S40_COPY_INT:
			rc = s40_buf_addf(b, "%s(r->>%zu)::bigint", sep, i);
			break;
		case S40_COPY_TEXT:
			rc = s40_buf_addf(b, "%sr->>%zu", sep, i);
			break;
		case S40_COPY_BLOB:
			rc = s40_buf_addf(b, "%sdecode(r->>%zu, 'hex')", sep, i);
			break;
		}
		if (rc)
			return rc;
	}
	return s40_buf_adds(b, " FROM json_array_elements($1::json) AS r");
}

/* Prepare the statement of one generated SQL text on st. */
static struct s40_stmt *prepare_built(struct s40_store *st, struct s40_buf *b, enum s40_err built,
				      struct s40_ctx *ctx)
{
	if (built != S40_OK) {
		s40_errorf(ctx, S40_E_INTERNAL, NULL, "สร้างคำสั่ง SQL ของการคัดลอกไม่ได้",
			   "could not build the copy's SQL");
		return NULL;
	}
	return s40_store_prepare(st, s40_buf_str(b), ctx);
}

/* Run one ad-hoc statement that returns no rows. */
static enum s40_err exec_sql(struct s40_store *st, const char *sql, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_prepare(st, sql, ctx);
	if (s == NULL)
		return ctx->code;
	enum s40_err rc = s40_stmt_exec(s, ctx);
	s40_stmt_finalize(s);
	return rc;
}

/* End from's read snapshot. Nothing was written there, so a failure to end it
 * changes nothing the caller could act on (closing the connection ends it). */
static void snapshot_end(struct s40_store *from)
{
	struct s40_ctx ignored;
	s40_ctx_clear(&ignored);
	exec_sql(from, "COMMIT", &ignored);
}

enum s40_err s40_store_has_data(struct s40_store *st, const char **table, struct s40_ctx *ctx)
{
	*table = NULL;
	for (size_t i = 0; i < s40_copy_n_tables; i++) {
		if (i == META_TABLE)
			continue;
		struct s40_buf b;
		s40_buf_init(&b, SQL_MAX);
		struct s40_stmt *s = prepare_built(st, &b,
						   s40_buf_addf(&b, "SELECT 1 FROM \"%s\" LIMIT 1",
								s40_copy_tables[i].name),
						   ctx);
		s40_buf_free(&b);
		if (s == NULL)
			return ctx->code;
		int rc = s40_stmt_step(s, ctx);
		s40_stmt_finalize(s);
		if (rc == S40_ROW) {
			*table = s40_copy_tables[i].name;
			return S40_OK;
		}
		if (rc != S40_OK)
			return (enum s40_err)rc;
	}
	return S40_OK;
}

/* Bind column i of the row src is on to parameter i + 1 of dst. */
static void bind_col(struct s40_stmt *dst, struct s40_stmt *src, int i, enum s40_copy_kind kind)
{
	if (s40_col_null(src, i)) {
		s40_stmt_null(dst, i + 1);
		return;
	}
	switch (kind) {
	case S40_COPY_INT:
		s40_stmt_int64(dst, i + 1, s40_col_int64(src, i));
		break;
	case S40_COPY_TEXT:
		s40_stmt_text(dst, i + 1, s40_col_text(src, i));
		break;
	case S40_COPY_BLOB: {
		size_t n = 0;
		const void *p = s40_col_blob(src, i, &n);
		/* An empty blob may come as a NULL pointer, which would bind NULL. */
		s40_stmt_blob(dst, i + 1, p != NULL ? p : "", n);
		break;
	}
	}
}

/* Rows per batched statement (PostgreSQL), and the JSON text at which a batch
 * is sent sooner: a few megabytes at most. */
#define BATCH_ROWS 4096
#define BATCH_BYTES (4u << 20)

/* Column i of the row src is on as JSON: a number, a string, null, or a blob's
 * bytes as a string of hex digits. NULL when text is not UTF-8 (JSON cannot
 * carry it, nor can PostgreSQL's text) or memory ran out. */
static json_t *json_col(struct s40_stmt *src, int i, enum s40_copy_kind kind, size_t *bytes)
{
	if (s40_col_null(src, i))
		return json_null();
	switch (kind) {
	case S40_COPY_INT:
		*bytes += 20;
		return json_integer((json_int_t)s40_col_int64(src, i));
	case S40_COPY_TEXT: {
		const char *v = s40_col_text(src, i);
		size_t n = strlen(v);
		*bytes += n + 2;
		return json_stringn(v, n);
	}
	case S40_COPY_BLOB: {
		size_t n = 0;
		const unsigned char *p = s40_col_blob(src, i, &n);
		char *hex = malloc(2 * n + 1);
		if (hex == NULL)
			return NULL;
		sodium_bin2hex(hex, 2 * n + 1, p, n);
		*bytes += 2 * n + 2;
		json_t *j = json_stringn_nocheck(hex, 2 * n);
		free(hex);
		return j;
	}
	}
	return NULL;
}

/* Send the rows of batch as one statement, and empty it. */
static enum s40_err batch_send(struct s40_stmt *ins, json_t *batch, size_t *bytes,
			       struct s40_ctx *ctx)
{
	if (json_array_size(batch) == 0)
		return S40_OK;
	char *text = json_dumps(batch, JSON_COMPACT);
	if (text == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	s40_stmt_text(ins, 1, text);
	free(text);
	json_array_clear(batch);
	*bytes = 0;
	return s40_stmt_exec(ins, ctx);
}

/* Copy the rows of table t in batches (sql_insert_json); *n counts those read. */
static enum s40_err copy_rows_batched(struct s40_stmt *sel, struct s40_stmt *ins,
				      const struct s40_copy_table *t,
				      void (*progress)(void *arg, const char *table, int64_t rows),
				      void *arg, int64_t *n, struct s40_ctx *ctx)
{
	json_t *batch = json_array();
	if (batch == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	size_t bytes = 0;
	int rc;
	while ((rc = s40_stmt_step(sel, ctx)) == S40_ROW) {
		++*n;
		json_t *row = json_array();
		for (size_t i = 0; row != NULL && i < t->n_cols; i++)
			if (json_array_append_new(row, json_col(sel, (int)i, t->cols[i].kind,
								&bytes)) != 0) {
				json_decref(row);
				row = NULL;
			}
		if (row == NULL || json_array_append_new(batch, row) != 0) {
			rc = s40_errorf(ctx, S40_E_BAD_VALUE, NULL,
					"แถวที่ %lld ของตาราง %s มีข้อความที่ไม่ใช่ UTF-8",
					"row %lld of table %s holds text that is not UTF-8",
					(long long)*n, t->name);
			break;
		}
		if ((json_array_size(batch) >= BATCH_ROWS || bytes >= BATCH_BYTES) &&
		    (rc = batch_send(ins, batch, &bytes, ctx)) != S40_OK)
			break;
		if (*n % S40_COPY_PROGRESS_ROWS == 0 && progress)
			progress(arg, t->name, *n);
	}
	if (rc == S40_OK)
		rc = batch_send(ins, batch, &bytes, ctx);
	json_decref(batch);
	return (enum s40_err)rc;
}

/* Copy the rows of table t, one at a time, or in batches into PostgreSQL; *n
 * counts those read. */
static enum s40_err copy_table(struct s40_store *from, struct s40_store *to,
			       const struct s40_copy_table *t, bool upsert,
			       void (*progress)(void *arg, const char *table, int64_t rows),
			       void *arg, int64_t *n, struct s40_ctx *ctx)
{
	*n = 0;
	struct s40_buf b;
	s40_buf_init(&b, SQL_MAX);
	struct s40_stmt *sel = prepare_built(from, &b, sql_select(t, &b), ctx);
	s40_buf_reset(&b);
	bool batched = !upsert && strcmp(s40_store_engine_name(to), "sqlite") != 0;
	struct s40_stmt *ins =
		sel ? prepare_built(to, &b,
				    batched ? sql_insert_json(t, &b) : sql_insert(t, upsert, &b), ctx)
		    : NULL;
	s40_buf_free(&b);
	if (ins == NULL) {
		s40_stmt_finalize(sel);
		return ctx->code;
	}
	int rc = batched ? copy_rows_batched(sel, ins, t, progress, arg, n, ctx) : S40_OK;
	while (!batched && (rc = s40_stmt_step(sel, ctx)) == S40_ROW) {
		++*n;
		for (size_t i = 0; i < t->n_cols; i++)
			bind_col(ins, sel, (int)i, t->cols[i].kind);
		if ((rc = s40_stmt_exec(ins, ctx)) != S40_OK)
			break;
		if (*n % S40_COPY_PROGRESS_ROWS == 0 && progress)
			progress(arg, t->name, *n);
	}
	s40_stmt_finalize(ins);
	s40_stmt_finalize(sel);
	if (rc != S40_OK) {
		/* Say where: the engine's message alone names no table. The rows read
		 * are not all written: an engine may report a write's failure later. */
		struct s40_ctx why = *ctx;
		return s40_errorf(ctx, why.code, why.field[0] ? why.field : NULL,
				  "คัดลอกตาราง %s ไม่สำเร็จ (อ่านแล้ว %lld แถว): %s%.0s",
				  "copying table %s failed (%lld rows read): %.0s%s", t->name,
				  (long long)*n, s40_errmsg(&why, S40_LANG_TH),
				  s40_errmsg(&why, S40_LANG_EN));
	}
	if (progress)
		progress(arg, t->name, *n);
	return S40_OK;
}

/* The statement that starts from's read snapshot. PostgreSQL reads each
 * statement in its own snapshot unless asked for one per transaction; SQLite
 * keeps the first read's snapshot until the transaction ends. */
static const char *snapshot_sql(const struct s40_store *from)
{
	if (strcmp(s40_store_engine_name(from), "sqlite") == 0)
		return "BEGIN";
	return "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
}

enum s40_err s40_store_copy(struct s40_store *from, struct s40_store *to,
			    void (*progress)(void *arg, const char *table, int64_t rows), void *arg,
			    int64_t *rows, struct s40_ctx *ctx)
{
	if (rows)
		for (size_t i = 0; i < s40_copy_n_tables; i++)
			rows[i] = 0;
	if (s40_store_in_tx(from) || s40_store_in_tx(to))
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "คัดลอกภายในธุรกรรมไม่ได้",
				  "a copy cannot run inside a transaction");
	int v_from = s40_store_schema_version(from), v_to = s40_store_schema_version(to);
	if (v_from != v_to)
		return s40_errorf(ctx, S40_E_SCHEMA, NULL, "ฐานข้อมูลต้นทางรุ่น %d แต่ปลายทางรุ่น %d",
				  "the source's schema is %d but the destination's %d", v_from,
				  v_to);

	enum s40_err rc = exec_sql(from, snapshot_sql(from), ctx);
	if (rc != S40_OK)
		return rc;
	if ((rc = s40_store_begin(to, ctx)) != S40_OK) {
		snapshot_end(from);
		return rc;
	}
	/* Checked inside the transaction, which holds the write lock on SQLite:
	 * nothing can land in to between the check and the copy. */
	const char *held = NULL;
	rc = s40_store_has_data(to, &held, ctx);
	if (rc == S40_OK && held != NULL)
		rc = s40_errorf(ctx, S40_E_EXISTS, "dest",
				"ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (ตาราง %s) จึงไม่ได้คัดลอก: "
				"ต้องคัดลอกลงฐานข้อมูลใหม่หรือว่าง",
				"the destination holds data already (table %s), so nothing was "
				"copied: copy into a new or empty database",
				held);
	s40_store_bulk(to, true);
	/* The destination holds no person: its names' index is built once, after
	 * the rows (store.h), not row by row through its triggers. */
	bool deferred = false;
	if (rc == S40_OK)
		deferred = (rc = s40_store_name_index(to, S40_NAME_INDEX_DEFER, ctx)) == S40_OK;
	for (size_t i = 0; rc == S40_OK && i < s40_copy_n_tables; i++) {
		int64_t n = 0;
		rc = copy_table(from, to, &s40_copy_tables[i], i == META_TABLE, progress, arg, &n,
				ctx);
		if (rows)
			rows[i] = n;
	}
	if (deferred)
		rc = s40_store_name_index_end(to, rc, ctx);
	if (rc == S40_OK)
		rc = s40_store_sync_keys(to, ctx);
	if (rc == S40_OK)
		rc = s40_store_commit(to, ctx);
	if (rc != S40_OK) {
		s40_store_rollback(to);
		if (rows)
			for (size_t i = 0; i < s40_copy_n_tables; i++)
				rows[i] = 0;
	}
	s40_store_bulk(to, false);
	snapshot_end(from);
	return rc;
}
