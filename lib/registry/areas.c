/*
 * areas.c — the DOPA area tree in the store: loading the geography built into
 * the program, naming villages, and reading areas.
 */
#include "areas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/csv.h"
#include "core/embed.h"
#include "core/thai.h"
#include "journal.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

static void area_from_row(struct s40_stmt *s, struct s40_area_rec *a)
{
	memset(a, 0, sizeof *a);
	a->code = (int32_t)s40_col_int64(s, 0);
	a->level = (enum s40_level)s40_col_int64(s, 1);
	a->parent = (int32_t)s40_col_int64_or(s, 2, 0);
	a->moo = (int)s40_col_int64_or(s, 3, 0);
	const char *t;
	snprintf(a->name_th, sizeof a->name_th, "%s", (t = s40_col_text(s, 4)) ? t : "");
	snprintf(a->name_en, sizeof a->name_en, "%s", (t = s40_col_text(s, 5)) ? t : "");
	snprintf(a->postcode, sizeof a->postcode, "%s", (t = s40_col_text(s, 6)) ? t : "");
}

static enum s40_err area_insert(struct s40_store *st, int32_t code, enum s40_level level,
				int32_t parent, int moo, const char *th, const char *en,
				const char *postcode, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, code);
	s40_stmt_int64(s, 2, level);
	s40_stmt_int64_or_null(s, 3, parent, 0);
	if (level == S40_LEVEL_VILLAGE)
		s40_stmt_int64(s, 4, moo);
	else
		s40_stmt_null(s, 4);
	s40_stmt_text(s, 5, th);
	s40_stmt_text(s, 6, en && en[0] ? en : NULL);
	s40_stmt_text(s, 7, postcode && postcode[0] ? postcode : NULL);
	return s40_stmt_exec(s, ctx);
}

/*
 * The geography's load: its some 91,000 rows go in batches, each one statement
 * (S40_Q_AREA_INSERT_MANY, the rows as a JSON array), so that a server's round
 * trip, and on PostgreSQL the digest's statement trigger, come once a batch
 * rather than once a row.
 */
#define AREA_BATCH 8192

struct area_batch {
	struct s40_store *st;
	json_t *rows;
};

static enum s40_err batch_flush(struct area_batch *b, struct s40_ctx *ctx)
{
	if (json_array_size(b->rows) == 0)
		return S40_OK;
	char *text = json_dumps(b->rows, JSON_COMPACT);
	if (text == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc;
	struct s40_stmt *s = s40_store_stmt(b->st, S40_Q_AREA_INSERT_MANY, ctx);
	if (s == NULL) {
		rc = STORE_ERR(ctx);
	} else {
		s40_stmt_text(s, 1, text);
		rc = s40_stmt_exec(s, ctx);
	}
	free(text);
	json_array_clear(b->rows);
	return rc;
}

/* A text, or JSON null for none or empty. */
static json_t *text_or_null(const char *t)
{
	return t && t[0] ? json_string(t) : json_null();
}

static enum s40_err batch_add(struct area_batch *b, int32_t code, enum s40_level level,
			      int32_t parent, int moo, const char *th, const char *en,
			      const char *postcode, struct s40_ctx *ctx)
{
	/* json_string refuses text that is not UTF-8: the files are ours, but say so. */
	json_t *name = json_string(th ? th : "");
	json_t *row = name == NULL ? NULL
				   : json_pack("[i, i, o, o, o, o, o]", (json_int_t)code, (int)level,
					       parent ? json_integer(parent) : json_null(),
					       level == S40_LEVEL_VILLAGE ? json_integer(moo)
									  : json_null(),
					       name, text_or_null(en), text_or_null(postcode));
	if (row == NULL || json_array_append_new(b->rows, row) != 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ชื่อพื้นที่รหัส %d ไม่ใช่ UTF-8",
				  "the name of area %d is not UTF-8", (int)code);
	return json_array_size(b->rows) >= AREA_BATCH ? batch_flush(b, ctx) : S40_OK;
}

/* Village names before an office imports its own: "หมู่ 3" / "Moo 3", and
 * the part-00 code for people in the subdistrict but in no village. */
static enum s40_err add_villages(struct area_batch *b, int32_t subdistrict, int n,
				 long *n_villages, struct s40_ctx *ctx)
{
	enum s40_err rc = batch_add(b, subdistrict * 100, S40_LEVEL_VILLAGE, subdistrict, 0,
				    "นอกเขตหมู่บ้าน", "Not in a village", NULL, ctx);
	for (int moo = 1; rc == S40_OK && moo <= n; moo++) {
		char th[32], en[32];
		snprintf(th, sizeof th, "หมู่ %d", moo);
		snprintf(en, sizeof en, "Moo %d", moo);
		rc = batch_add(b, subdistrict * 100 + moo, S40_LEVEL_VILLAGE, subdistrict, moo, th,
			       en, NULL, ctx);
		(*n_villages)++;
	}
	return rc;
}

/* One geography file: its code column, its parent column (or -1), name columns. */
struct geo_file {
	const char *name;
	enum s40_level level;
	int parent_col;
	int th_col, en_col, post_col;
	int n_cols;
};

static const struct geo_file geo_files[] = {
	{"geo/provinces.csv", S40_LEVEL_PROVINCE, -1, 1, 2, -1, 3},
	{"geo/districts.csv", S40_LEVEL_DISTRICT, 1, 2, 3, -1, 4},
	{"geo/subdistricts.csv", S40_LEVEL_SUBDISTRICT, 1, 2, 3, 4, 5},
};

/* Open the embedded file name as a CSV reader past its header. */
static enum s40_err geo_open(const char *name, struct s40_csv **r, struct s40_ctx *ctx)
{
	const struct s40_embed *e = s40_embed_find(name);
	if (e == NULL)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีไฟล์ %s ในโปรแกรม",
				  "%s is not built into the program", name);
	*r = s40_csv_open_mem(e->data, e->len);
	if (*r == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	size_t nf;
	enum s40_err rc = s40_csv_next(*r, &nf, ctx); /* the header */
	if (rc == S40_OK && nf == 0)
		rc = s40_errorf(ctx, S40_E_CSV_HEADER, NULL, "%s ว่างเปล่า", "%s is empty", name);
	if (rc)
		s40_csv_close(*r);
	return rc;
}

static enum s40_err geo_bad(const char *name, long line, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_errorf(ctx, S40_E_INTERNAL, NULL, "%s บรรทัด %ld ไม่ถูกต้อง",
				     "%s line %ld is malformed", name, line);
	if (ctx)
		ctx->line = line;
	return rc;
}

static enum s40_err load_geo_file(struct area_batch *b, const struct geo_file *g, long *count,
				  struct s40_ctx *ctx)
{
	struct s40_csv *r;
	enum s40_err rc = geo_open(g->name, &r, ctx);
	if (rc)
		return rc;
	size_t nf;
	while ((rc = s40_csv_next(r, &nf, ctx)) == S40_OK && nf > 0) {
		struct s40_ctx c2;
		int32_t code, parent = 0;
		s40_ctx_clear(&c2);
		if (nf != (size_t)g->n_cols ||
		    s40_area_parse(s40_csv_field(r, 0), "code", &code, &c2) != S40_OK ||
		    s40_area_level(code) != g->level ||
		    (g->parent_col >= 0 &&
		     (s40_area_parse(s40_csv_field(r, (size_t)g->parent_col), "parent", &parent,
				     &c2) != S40_OK ||
		      parent != s40_area_parent(code)))) {
			rc = geo_bad(g->name, s40_csv_line(r), ctx);
			break;
		}
		rc = batch_add(b, code, g->level, s40_area_parent(code), 0,
			       s40_csv_field(r, (size_t)g->th_col), s40_csv_field(r, (size_t)g->en_col),
			       g->post_col >= 0 ? s40_csv_field(r, (size_t)g->post_col) : NULL, ctx);
		if (rc)
			break;
		(*count)++;
	}
	s40_csv_close(r);
	return rc;
}

static enum s40_err load_villages(struct area_batch *b, long *count, struct s40_ctx *ctx)
{
	struct s40_csv *r;
	const char *name = "geo/village_counts.csv";
	enum s40_err rc = geo_open(name, &r, ctx);
	if (rc)
		return rc;
	size_t nf;
	while ((rc = s40_csv_next(r, &nf, ctx)) == S40_OK && nf > 0) {
		struct s40_ctx c2;
		int32_t code;
		s40_ctx_clear(&c2);
		char *end;
		long n = strtol(s40_csv_field(r, 1), &end, 10);
		if (nf != 2 || s40_area_parse(s40_csv_field(r, 0), "code", &code, &c2) != S40_OK ||
		    s40_area_level(code) != S40_LEVEL_SUBDISTRICT || *end != '\0' || n < 0 ||
		    n > 99) {
			rc = geo_bad(name, s40_csv_line(r), ctx);
			break;
		}
		if ((rc = add_villages(b, code, (int)n, count, ctx)))
			break;
	}
	s40_csv_close(r);
	return rc;
}

static enum s40_err load_in_tx(struct s40_reg *reg, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_AREA_COUNT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	int rc = s40_stmt_step(s, ctx);
	if (rc != S40_ROW)
		return rc == S40_OK ? S40_E_INTERNAL : (enum s40_err)rc;
	int64_t have = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	if (have > 0)
		return S40_OK;
	long counts[4] = {0};
	struct area_batch b = {reg->store, json_array()};
	if (b.rows == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	rc = S40_OK;
	/* A level's rows go in before the next level's, whose parents they are. */
	for (size_t i = 0; rc == S40_OK && i < sizeof geo_files / sizeof geo_files[0]; i++)
		if ((rc = load_geo_file(&b, &geo_files[i], &counts[i], ctx)) == S40_OK)
			rc = batch_flush(&b, ctx);
	if (rc == S40_OK && (rc = load_villages(&b, &counts[3], ctx)) == S40_OK)
		rc = batch_flush(&b, ctx);
	json_decref(b.rows);
	if (rc)
		return (enum s40_err)rc;
	char detail[160];
	snprintf(detail, sizeof detail,
		 "{\"provinces\":%ld,\"districts\":%ld,\"subdistricts\":%ld,\"villages\":%ld}",
		 counts[0], counts[1], counts[2], counts[3]);
	int64_t seq;
	return s40_reg_journal(reg, "areas.load", "areas", detail, &seq, ctx);
}

enum s40_err s40_areas_load(struct s40_reg *reg, struct s40_ctx *ctx)
{
	/* Some 84,000 rows: a bulk load, unless it is part of one already. */
	bool outer = reg->depth == 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	if (outer)
		s40_store_bulk(reg->store, true);
	rc = s40_reg_end(reg, load_in_tx(reg, ctx), ctx);
	if (outer)
		s40_store_bulk(reg->store, false);
	return rc;
}

enum s40_err s40_area_get(struct s40_store *st, int32_t code, struct s40_area_rec *a,
			  struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, code);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		area_from_row(s, a);
		s40_stmt_reset(s);
		return S40_OK;
	}
	if (rc != S40_OK)
		return (enum s40_err)rc;
	return s40_errorf(ctx, S40_E_UNKNOWN_AREA, "area", "ไม่พบพื้นที่รหัส %d",
			  "there is no area with code %d", (int)code);
}

static enum s40_err area_list(struct s40_stmt *s, struct s40_area_rec **out, size_t *n,
			      struct s40_ctx *ctx)
{
	struct s40_area_rec *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			struct s40_area_rec *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		area_from_row(s, &v[len++]);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	*out = v;
	*n = len;
	return S40_OK;
}

enum s40_err s40_area_children(struct s40_store *st, int32_t code, struct s40_area_rec **out,
			       size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_CHILDREN, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64_or_null(s, 1, code, 0);
	return area_list(s, out, n, ctx);
}

/* The range of codes lo..hi that holds code's areas of level; S40_E_BAD_VALUE
 * when level is not at or below code's. */
static enum s40_err level_range(int32_t code, enum s40_level level, int64_t *lo, int64_t *hi,
				struct s40_ctx *ctx)
{
	static const int digits[] = {0, 2, 4, 6, 8};
	enum s40_level at = s40_area_level(code);
	if (level < S40_LEVEL_PROVINCE || level > S40_LEVEL_VILLAGE || (code && level < at))
		return s40_errorf(ctx, S40_E_BAD_VALUE, "level", "ระดับพื้นที่ไม่ถูกต้อง",
				  "the level is not below the area");
	int64_t scale = 1;
	for (int i = code ? digits[at] : 0; i < digits[level]; i++)
		scale *= 10;
	*lo = code ? (int64_t)code * scale : 0;
	*hi = code ? *lo + scale - 1 : scale - 1;
	return S40_OK;
}

enum s40_err s40_area_descendants(struct s40_store *st, int32_t code, enum s40_level level,
				  struct s40_area_rec **out, size_t *n, struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	int64_t lo = 0, hi = 0;
	enum s40_err rc = level_range(code, level, &lo, &hi, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	s40_stmt_int64(s, 3, level);
	return area_list(s, out, n, ctx);
}

enum s40_err s40_area_count_below(struct s40_store *st, int32_t code, enum s40_level level,
				  int64_t *n, struct s40_ctx *ctx)
{
	*n = 0;
	int64_t lo = 0, hi = 0;
	enum s40_err rc = level_range(code, level, &lo, &hi, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_AREA_COUNT_RANGE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, lo);
	s40_stmt_int64(s, 2, hi);
	s40_stmt_int64(s, 3, level);
	int step = s40_stmt_step(s, ctx);
	if (step == S40_ROW)
		*n = s40_col_int64(s, 0);
	s40_stmt_reset(s);
	return step == S40_ROW ? S40_OK : STORE_ERR(ctx);
}

static enum s40_err set_village_in_tx(struct s40_reg *reg, int32_t code, const char *name_th,
				      const char *name_en, int *changed, struct s40_ctx *ctx)
{
	char th[160], en[160];
	if (s40_area_level(code) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "code",
				  "รหัสหมู่บ้านต้องมี 8 หลัก: %d", "a village code has 8 digits: %d",
				  (int)code);
	if (s40_area_no_village(code))
		return s40_errorf(ctx, S40_E_BAD_AREA, "code",
				  "หมู่ที่ 00 หมายถึงนอกเขตหมู่บ้าน ตั้งชื่อไม่ได้",
				  "part 00 means 'in no village' and takes no name");
	if (s40_thai_normalize(name_th ? name_th : "", th, sizeof th) != S40_OK ||
	    s40_thai_normalize(name_en ? name_en : "", en, sizeof en) != S40_OK)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "name_th", "ชื่อหมู่บ้านยาวเกินหรือไม่ใช่ UTF-8",
				  "the village name is too long or not UTF-8");
	if (th[0] == '\0')
		return s40_errorf(ctx, S40_E_MISSING, "name_th", "ไม่ได้ระบุชื่อหมู่บ้าน",
				  "the village name is required");
	struct s40_area_rec a;
	struct s40_ctx c2;
	s40_ctx_clear(&c2);
	enum s40_err rc = s40_area_get(reg->store, code / 100, &a, &c2);
	if (rc == S40_E_UNKNOWN_AREA)
		return s40_errorf(ctx, S40_E_UNKNOWN_AREA, "code", "ไม่พบตำบลรหัส %d",
				  "there is no subdistrict %d", (int)(code / 100));
	if (rc) {
		if (ctx)
			*ctx = c2;
		return rc;
	}
	rc = s40_area_get(reg->store, code, &a, &c2);
	int exists = rc == S40_OK;
	if (rc && rc != S40_E_UNKNOWN_AREA) {
		if (ctx)
			*ctx = c2;
		return rc;
	}
	if (exists && strcmp(a.name_th, th) == 0 && strcmp(a.name_en, en) == 0)
		return S40_OK;
	char entity[32], detail[64];
	snprintf(entity, sizeof entity, "area:%d", (int)code);
	snprintf(detail, sizeof detail, "{\"moo\":%d}", (int)(code % 100));
	int64_t seq;
	if ((rc = s40_reg_journal(reg, exists ? "area.rename" : "area.add", entity, detail, &seq,
				  ctx)))
		return rc;
	if (exists) {
		struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_AREA_RENAME, ctx);
		if (s == NULL)
			return STORE_ERR(ctx);
		s40_stmt_int64(s, 1, code);
		s40_stmt_text(s, 2, th);
		s40_stmt_text(s, 3, en[0] ? en : NULL);
		rc = s40_stmt_exec(s, ctx);
	} else {
		rc = area_insert(reg->store, code, S40_LEVEL_VILLAGE, code / 100, code % 100, th, en,
				 NULL, ctx);
	}
	if (rc == S40_OK && changed)
		*changed = 1;
	return rc;
}

enum s40_err s40_area_set_village(struct s40_reg *reg, int32_t code, const char *name_th,
				  const char *name_en, int *changed, struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	return s40_reg_end(reg, set_village_in_tx(reg, code, name_th, name_en, changed, ctx), ctx);
}

enum s40_err s40_area_full_name(struct s40_store *st, int32_t code, enum s40_lang lang,
				char *buf, size_t n, struct s40_ctx *ctx)
{
	struct s40_area_rec a[4];
	int depth = 0;
	enum s40_err rc;
	buf[0] = '\0';
	for (int32_t c = code; c && depth < 4; c = s40_area_parent(c))
		if ((rc = s40_area_get(st, c, &a[depth++], ctx)))
			return rc;
	int bangkok = s40_area_at_level(code, S40_LEVEL_PROVINCE) == 10;
	size_t len = 0;
	for (int i = 0; i < depth; i++) {
		const struct s40_area_rec *r = &a[i];
		char part[256];
		if (lang == S40_LANG_TH) {
			const char *pre = "";
			switch (r->level) {
			case S40_LEVEL_VILLAGE:
				if (r->moo == 0)
					snprintf(part, sizeof part, "นอกเขตหมู่บ้าน");
				else if (strncmp(r->name_th, "หมู่ ", strlen("หมู่ ")) == 0)
					snprintf(part, sizeof part, "%s", r->name_th);
				else
					snprintf(part, sizeof part, "หมู่ %d %s", r->moo, r->name_th);
				break;
			case S40_LEVEL_SUBDISTRICT:
				pre = bangkok ? "แขวง" : "ตำบล";
				break;
			case S40_LEVEL_DISTRICT:
				pre = bangkok ? "เขต" : "อำเภอ";
				break;
			default:
				pre = bangkok ? "" : "จังหวัด";
			}
			if (r->level != S40_LEVEL_VILLAGE)
				snprintf(part, sizeof part, "%s%s", pre, r->name_th);
		} else {
			int named = r->name_en[0] && strncmp(r->name_en, "Moo ", 4) != 0;
			if (r->level == S40_LEVEL_VILLAGE && r->moo == 0)
				snprintf(part, sizeof part, "Not in a village");
			else if (r->level == S40_LEVEL_VILLAGE)
				snprintf(part, sizeof part, "Moo %d%s%s", r->moo, named ? " " : "",
					 named ? r->name_en : "");
			else
				snprintf(part, sizeof part, "%s", r->name_en[0] ? r->name_en : r->name_th);
		}
		int w = snprintf(buf + len, n - len, "%s%s", i ? (lang == S40_LANG_TH ? " " : ", ") : "",
				 part);
		if (w < 0 || (size_t)w >= n - len)
			return s40_errorf(ctx, S40_E_LIMIT, NULL, NULL, NULL);
		len += (size_t)w;
	}
	return S40_OK;
}

void s40_area_total_label(const struct s40_area_rec *area, char *th, size_t th_len, char *en,
			  size_t en_len)
{
	static const char *const kind[2][5] = {
		{"", "จังหวัด", "อำเภอ", "ตำบล", ""},
		{"", "", "เขต", "แขวง", ""},
	};
	if (area == NULL || area->code == 0) {
		snprintf(th, th_len, "รวมทั้งประเทศ");
		snprintf(en, en_len, "Total, whole country");
		return;
	}
	int bangkok = s40_area_at_level(area->code, S40_LEVEL_PROVINCE) == 10;
	int level = area->level >= S40_LEVEL_PROVINCE && area->level <= S40_LEVEL_VILLAGE
			    ? (int)area->level
			    : 0;
	snprintf(th, th_len, "รวม%s%s", kind[bangkok][level], area->name_th);
	snprintf(en, en_len, "Total %s", area->name_en[0] ? area->name_en : area->name_th);
}
