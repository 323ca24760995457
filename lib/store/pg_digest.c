/*
 * pg_digest.c — the digests of digest.h on PostgreSQL. The statement
 * triggers of migrations/pg/0008_digest.sql copy every row a statement
 * inserts, deletes or updates into the session's temporary table s40_delta;
 * pgd_commit empties it just before COMMIT, sums the rows' digests per table
 * and adds them to data_digest, in the same transaction. Rows are read as
 * row_to_json text and digested from the JSON (s40_lthash_row_json), which
 * gives what SQLite's typed values give for the same row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_int.h"

/* Run sql (no parameters) in single-row mode and call fn for each row;
 * the connection must be idle. */
static enum s40_err stream(struct s40_store *st, const char *sql,
			   bool (*fn)(void *arg, PGresult *r), void *arg, struct s40_ctx *ctx)
{
	if (!PQsendQuery(st->conn, sql))
		return pg_error(st, NULL, ctx);
	PQsetSingleRowMode(st->conn);
	enum s40_err rc = S40_OK;
	PGresult *r;
	while ((r = PQgetResult(st->conn)) != NULL) {
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_SINGLE_TUPLE) {
			if (rc == S40_OK && !fn(arg, r))
				rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
						"อ่านแถวเพื่อคำนวณค่าสรุปข้อมูลไม่ได้",
						"a row could not be read for its digest");
		} else if (t != PGRES_TUPLES_OK && rc == S40_OK) {
			rc = pg_error(st, r, ctx);
		}
		PQclear(r);
	}
	return rc;
}

struct scan {
	int t;
	int64_t head;
	struct s40_digest_sum *sum;
};

static bool scan_row(void *arg, PGresult *r)
{
	struct scan *s = arg;
	int64_t seq;
	if (!s40_lthash_row_json(&s->sum->d, 1, s40_digest_tables[s->t], PQgetvalue(r, 0, 0), &seq))
		return false;
	s->sum->rows++;
	if (s->head >= 0 && seq != INT64_MIN && (seq < 1 || seq > s->head))
		s->sum->unjournaled++;
	return true;
}

enum s40_err pgd_scan(struct s40_store *st, int t, int64_t head, struct s40_digest_sum *out,
		      struct s40_ctx *ctx)
{
	memset(out, 0, sizeof *out);
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT row_to_json(s40_row)::text FROM \"%s\" s40_row",
		 s40_digest_tables[t]);
	struct scan s = { t, head, out };
	return stream(st, sql, scan_row, &s, ctx);
}

/* Every stored digest, read in one query; found[t] says which are there. */
static enum s40_err read_stored(struct s40_store *st, struct s40_lthash d[S40_DT__N],
				bool found[S40_DT__N], struct s40_ctx *ctx)
{
	memset(d, 0, S40_DT__N * sizeof *d);
	memset(found, 0, S40_DT__N * sizeof *found);
	PGresult *r = PQexecParams(st->conn, "SELECT tbl, v FROM data_digest", 0, NULL, NULL,
				   NULL, NULL, 1);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		enum s40_err rc = pg_error(st, r, ctx);
		PQclear(r);
		return rc;
	}
	enum s40_err rc = S40_OK;
	for (int i = 0; i < PQntuples(r); i++) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", PQgetlength(r, i, 0), PQgetvalue(r, i, 0));
		int t = s40_digest_table(name);
		if (t < 0)
			continue;
		found[t] = s40_lthash_unpack(&d[t], PQgetvalue(r, i, 1),
					     (size_t)PQgetlength(r, i, 1));
		if (!found[t])
			rc = s40_errorf(ctx, S40_E_JOURNAL, NULL, "ค่าสรุปข้อมูลของตาราง %s เสียหาย",
					"the stored digest of table %s is damaged", name);
	}
	PQclear(r);
	return rc;
}

enum s40_err pgd_stored(struct s40_store *st, int t, struct s40_lthash *d, bool *found,
			struct s40_ctx *ctx)
{
	enum s40_err rc = pg_idle(st, ctx);
	if (rc)
		return rc;
	struct s40_lthash all[S40_DT__N];
	bool have[S40_DT__N];
	rc = read_stored(st, all, have, ctx);
	*d = all[t];
	*found = have[t];
	return rc;
}

static enum s40_err write_stored(struct s40_store *st, int t, const struct s40_lthash *d,
				 struct s40_ctx *ctx)
{
	uint8_t b[S40_DIGEST_BYTES];
	s40_lthash_pack(d, b);
	const char *vals[2] = { s40_digest_tables[t], (const char *)b };
	int lens[2] = { 0, (int)sizeof b }, fmts[2] = { 0, 1 };
	PGresult *r = PQexecParams(st->conn,
				   "INSERT INTO data_digest(tbl, v) VALUES ($1::text, $2::bytea) "
				   "ON CONFLICT (tbl) DO UPDATE SET v = excluded.v",
				   2, NULL, vals, lens, fmts, 0);
	enum s40_err rc = PQresultStatus(r) == PGRES_COMMAND_OK ? S40_OK : pg_error(st, r, ctx);
	PQclear(r);
	return rc;
}

static bool delta_row(void *arg, PGresult *r)
{
	struct s40_digest_pending *p = arg;
	int t = s40_digest_table(PQgetvalue(r, 0, 1));
	if (t < 0)
		return true;
	int64_t seq;
	int sign = PQgetvalue(r, 0, 0)[0] == '-' ? -1 : 1; /* 1 or -1 */
	if (!s40_lthash_row_json(&p->t[t], sign, s40_digest_tables[t], PQgetvalue(r, 0, 2), &seq))
		return false;
	p->touched |= 1u << t;
	return true;
}

enum s40_err pgd_commit(struct s40_store *st, struct s40_ctx *ctx)
{
	if (st->version < 8)
		return S40_OK;
	/* The triggers make s40_delta on a session's first change. */
	PGresult *r = PQexec(st->conn, "SELECT to_regclass('pg_temp.s40_delta') IS NOT NULL");
	bool exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
		      PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	if (!exists)
		return S40_OK;
	struct s40_digest_pending *p = calloc(1, sizeof *p);
	if (p == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = stream(st, "DELETE FROM pg_temp.s40_delta RETURNING sign, tbl, img",
				 delta_row, p, ctx);
	if (rc == S40_OK && p->touched) {
		struct s40_lthash d[S40_DT__N];
		bool found[S40_DT__N];
		rc = read_stored(st, d, found, ctx);
		for (int t = 0; t < S40_DT__N && rc == S40_OK; t++) {
			if (!(p->touched & (1u << t)) || s40_lthash_is_zero(&p->t[t]))
				continue;
			s40_lthash_add(&d[t], &p->t[t]);
			rc = write_stored(st, t, &d[t], ctx);
		}
	}
	free(p);
	return rc;
}

enum s40_err pgd_seed(struct s40_store *st, struct s40_ctx *ctx)
{
	if (st->version < 8)
		return S40_OK;
	struct s40_lthash d[S40_DT__N];
	bool found[S40_DT__N];
	enum s40_err rc = read_stored(st, d, found, ctx);
	if (rc)
		return rc;
	bool all = true;
	for (int t = 0; t < S40_DT__N; t++)
		all = all && found[t];
	if (all)
		return S40_OK;
	/* Under the writers' lock, so no commit adds to a digest not yet there. */
	char sql[96];
	snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%d)", PG_WRITER_LOCK);
	if ((rc = pg_exec(st, sql, ctx)) || (rc = read_stored(st, d, found, ctx))) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		return rc;
	}
	for (int t = 0; t < S40_DT__N && rc == S40_OK; t++) {
		if (found[t])
			continue;
		struct s40_digest_sum sum;
		if ((rc = pgd_scan(st, t, -1, &sum, ctx)) == S40_OK)
			rc = write_stored(st, t, &sum.d, ctx);
	}
	if (rc == S40_OK)
		rc = pg_exec(st, "COMMIT", ctx);
	if (rc)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	return rc;
}
