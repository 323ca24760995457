/*
 * person.c — the person register: checking, adding, updating, reading and
 * finding people by national ID or name.
 */
#include "person.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "areas.h"

#define STORE_ERR(ctx) ((ctx) ? (ctx)->code : S40_E_DB)

/* The most matches a name search sorts; the first `limit` in Thai order are
 * exact when a search has fewer matches than this. */
#define FIND_SCAN_MAX 10000

void s40_person_clear(struct s40_person *p)
{
	memset(p, 0, sizeof *p);
	p->birth_day = S40_NO_DAY;
	p->thai = -1;
}

/* A Thai mark shown alone, on a dotted circle as Thai books print it: "◌้". */
static const char *mark_shown(uint32_t mark, char *buf, size_t n)
{
	/* U+25CC, then the mark (U+0E00–U+0E7F: three bytes). */
	snprintf(buf, n, "\xE2\x97\x8C%c%c%c", (char)(0xE0 | (mark >> 12)),
		 (char)(0x80 | ((mark >> 6) & 0x3F)), (char)(0x80 | (mark & 0x3F)));
	return buf;
}

/*
 * Normalise one name field in place (s40_thai_normalize: the form every name
 * is stored and searched in), and refuse what is not a name: no letter at all
 * (only invisible characters, marks or tone marks), a mark typed twice on one
 * letter, two tone marks on one letter. A name may be required. The address
 * goes through the same steps, a digit counting as a letter there.
 */
static enum s40_err check_name(char *name, size_t size, const char *field, int required,
			       struct s40_ctx *ctx)
{
	char tmp[S40_NAME_MAX * 2];
	enum s40_err rc = s40_thai_normalize(name, tmp, sizeof tmp);
	if (rc == S40_E_CSV_UTF8)
		return s40_errorf(ctx, S40_E_BAD_VALUE, field, "ข้อความไม่ใช่ UTF-8",
				  "the text is not UTF-8");
	if (rc != S40_OK || strlen(tmp) >= size)
		return s40_errorf(ctx, S40_E_BAD_VALUE, field, "ยาวเกิน %zu ไบต์",
				  "longer than %zu bytes", size - 1);
	for (const unsigned char *c = (const unsigned char *)tmp; *c; c++)
		if (*c < 0x20 || *c == 0x7f)
			return s40_errorf(ctx, S40_E_BAD_VALUE, field, "มีอักขระควบคุม",
					  "it holds a control character");
	if (s40_thai_blank(name)) {
		if (required)
			return s40_errorf(ctx, S40_E_MISSING, field, "ไม่ได้ระบุ %s",
					  "%s is required", field);
		name[0] = '\0';
		return S40_OK;
	}
	bool address = strcmp(field, "address") == 0;
	struct s40_name_flaw f;
	char m1[8], m2[8];
	switch (s40_thai_name_flaw(tmp, address, &f)) {
	case S40_NAME_OK:
		break;
	case S40_NAME_NO_LETTER:
		if (address)
			return s40_errorf(ctx, S40_E_BAD_VALUE, field,
					  "ที่อยู่ต้องมีตัวอักษรหรือตัวเลขอย่างน้อยหนึ่งตัว "
					  "ไม่ใช่มีแต่อักขระที่มองไม่เห็นหรือเครื่องหมาย",
					  "an address must hold a letter or a digit, not only "
					  "invisible characters or marks");
		return s40_errorf(ctx, S40_E_BAD_VALUE, field,
				  "ชื่อต้องมีตัวอักษรอย่างน้อยหนึ่งตัว "
				  "ไม่ใช่มีแต่อักขระที่มองไม่เห็น สระบนล่าง หรือวรรณยุกต์",
				  "a name must hold at least one letter, not only invisible "
				  "characters, vowel marks or tone marks");
	case S40_NAME_DOUBLED_MARK:
		return s40_errorf(ctx, S40_E_BAD_VALUE, field,
				  "มีเครื่องหมาย %s (U+%04X) ซ้ำสองครั้งบนตัวอักษรเดียวกัน",
				  "the mark %s (U+%04X) is typed twice on one letter",
				  mark_shown(f.mark, m1, sizeof m1), (unsigned)f.mark);
	case S40_NAME_TWO_TONES:
		return s40_errorf(ctx, S40_E_BAD_VALUE, field,
				  "มีวรรณยุกต์สองตัว %s และ %s บนตัวอักษรเดียวกัน",
				  "two tone marks, %s and %s, on one letter",
				  mark_shown(f.mark, m1, sizeof m1),
				  mark_shown(f.mark2, m2, sizeof m2));
	}
	memcpy(name, tmp, strlen(tmp) + 1);
	return S40_OK;
}

/* Keep the digits of a phone number; 9 or 10 digits (0 first), or empty. */
static enum s40_err check_phone(char *phone, struct s40_ctx *ctx)
{
	char digits[sizeof((struct s40_person *)0)->phone];
	char ascii[sizeof digits * 3];
	if (s40_thai_digits_to_ascii(phone, ascii, sizeof ascii) != S40_OK)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "phone", "หมายเลขโทรศัพท์ยาวเกินไป",
				  "the phone number is too long");
	size_t n = 0;
	for (const char *c = ascii; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (n + 1 >= sizeof digits)
				break;
			digits[n++] = *c;
		} else if (*c != '-' && *c != ' ' && *c != '(' && *c != ')' && *c != '.') {
			/* The whole character, not the first byte of a Thai letter. */
			unsigned char lead = (unsigned char)*c;
			int len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
			len = (int)strnlen(c, (size_t)len);
			return s40_errorf(ctx, S40_E_BAD_VALUE, "phone",
					  "หมายเลขโทรศัพท์มีอักขระ '%.*s' ที่ไม่ใช่ตัวเลข",
					  "the phone number holds '%.*s', not a digit", len, c);
		}
	}
	digits[n] = '\0';
	if (n != 0 && (n < 9 || n > 10 || digits[0] != '0'))
		return s40_errorf(ctx, S40_E_BAD_VALUE, "phone",
				  "หมายเลขโทรศัพท์ต้องมี 9 หรือ 10 หลักและขึ้นต้นด้วย 0 (พบ %zu หลัก)",
				  "a phone number has 9 or 10 digits starting with 0 (found %zu)", n);
	memcpy(phone, digits, n + 1);
	return S40_OK;
}

/* Whether field is one of the NULL-terminated names in skip. */
static bool skipped(const char *const *skip, const char *field)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, field) == 0)
			return true;
	return false;
}

/* The context the next fault goes on, cleared: v[n], or scratch once v is full. */
static struct s40_ctx *fault_slot(struct s40_ctx *v, size_t n, size_t max, struct s40_ctx *scratch)
{
	struct s40_ctx *c = n < max ? &v[n] : scratch;
	s40_ctx_clear(c);
	return c;
}

size_t s40_person_faults(const struct s40_reg *reg, struct s40_person *p, const char *const *skip,
			 struct s40_ctx *v, size_t max)
{
	size_t n = 0;
	/* A fault into v[n] (a scratch context once v is full: the checks go on
	 * only while there is room). */
	struct s40_ctx scratch;
#define AT() fault_slot(v, n, max, &scratch)
#define FAULT(call) ((call) != S40_OK ? (void)n++ : (void)0)
	if (!skipped(skip, "id") && !s40_natid_valid(p->id))
		FAULT(s40_errorf(AT(), S40_E_BAD_ID, "id", "เลข %lld ไม่ใช่เลขประจำตัวประชาชนที่ถูกต้อง",
				 "%lld is not a valid national ID", (long long)p->id));
	static const struct {
		size_t off, size;
		const char *field;
		int required;
	} names[] = {
		{ offsetof(struct s40_person, title), sizeof p->title, "title", 0 },
		{ offsetof(struct s40_person, first_th), sizeof p->first_th, "first_name", 1 },
		{ offsetof(struct s40_person, last_th), sizeof p->last_th, "last_name", 1 },
		{ offsetof(struct s40_person, first_en), sizeof p->first_en, "first_name_en", 0 },
		{ offsetof(struct s40_person, last_en), sizeof p->last_en, "last_name_en", 0 },
		{ offsetof(struct s40_person, address), sizeof p->address, "address", 0 },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0] && n < max; i++)
		if (!skipped(skip, names[i].field))
			FAULT(check_name((char *)p + names[i].off, names[i].size, names[i].field,
					 names[i].required, AT()));
	if (n < max && !skipped(skip, "phone"))
		FAULT(check_phone(p->phone, AT()));
	struct s40_day2 d1;
	if (n >= max || skipped(skip, "birth_date"))
		;
	else if (p->birth_day == S40_NO_DAY)
		FAULT(s40_errorf(AT(), S40_E_MISSING, "birth_date", "ไม่ได้ระบุวันเกิด",
				 "the birth date is required"));
	else if (p->birth_day > reg->today)
		FAULT(s40_errorf(AT(), S40_E_BAD_VALUE, "birth_date",
				 "วันเกิด " S40_D_TH " อยู่หลังวันนี้", "birth date " S40_D_EN " is after today",
				 S40_D_ARGS(*s40_day2(p->birth_day, &d1))));
	else if (p->birth_day < s40_day_from_ymd(1900, 1, 1))
		FAULT(s40_errorf(AT(), S40_E_BAD_VALUE, "birth_date",
				 "วันเกิด " S40_D_TH " อยู่ก่อน พ.ศ. 2443", "birth date " S40_D_EN " is before 1900",
				 S40_D_ARGS(*s40_day2(p->birth_day, &d1))));
	if (n < max && !skipped(skip, "sex") && (p->sex < 0 || p->sex > 2))
		FAULT(s40_errorf(AT(), S40_E_BAD_VALUE, "sex", "เพศต้องเป็นชายหรือหญิง",
				 "sex is male or female"));
	if (n < max && !skipped(skip, "thai") && (p->thai < -1 || p->thai > 1))
		FAULT(s40_errorf(AT(), S40_E_BAD_VALUE, "thai", "สัญชาติไม่ถูกต้อง",
				 "nationality is yes, no or not recorded"));
	if (n < max && !skipped(skip, "village") && s40_area_level(p->village) != S40_LEVEL_VILLAGE)
		FAULT(s40_errorf(AT(), S40_E_BAD_AREA, "village",
				 "รหัสหมู่บ้านต้องมี 8 หลัก (รหัสตำบล 6 หลักและหมู่ที่ 2 หลัก): %d",
				 "a village code has 8 digits (subdistrict and moo): %d", (int)p->village));
#undef AT
#undef FAULT
	return n < max ? n : max;
}

enum s40_err s40_person_check_fields(const struct s40_reg *reg, struct s40_person *p,
				     struct s40_ctx *ctx)
{
	struct s40_ctx first;
	if (s40_person_faults(reg, p, NULL, &first, 1) == 0)
		return S40_OK;
	if (ctx)
		*ctx = first;
	return first.code;
}

enum s40_err s40_person_check(struct s40_reg *reg, struct s40_person *p, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_person_check_fields(reg, p, ctx);
	if (rc)
		return rc;
	struct s40_area_rec a;
	rc = s40_area_get(reg->store, p->village, &a, ctx);
	if (rc == S40_E_UNKNOWN_AREA && ctx)
		snprintf(ctx->field, sizeof ctx->field, "village");
	return rc;
}

/* Read the person columns of the current row (store.h: person columns). */
static void person_from_row(struct s40_stmt *s, struct s40_person *p)
{
	s40_person_clear(p);
	p->id = s40_col_int64(s, 0);
#define TXT(i, f) snprintf(p->f, sizeof p->f, "%s", s40_col_text(s, i) ? s40_col_text(s, i) : "")
	TXT(1, title);
	TXT(2, first_th);
	TXT(3, last_th);
	TXT(4, first_en);
	TXT(5, last_en);
	p->birth_day = (int32_t)s40_col_int64_or(s, 6, S40_NO_DAY);
	p->sex = (int)s40_col_int64_or(s, 7, 0);
	p->thai = (int)s40_col_int64(s, 8);
	p->village = (int32_t)s40_col_int64(s, 9);
	TXT(10, phone);
	TXT(11, address);
#undef TXT
	p->journal_seq = s40_col_int64(s, 12);
}

/* Read person id into *p: S40_OK with *found 1, or 0 when absent. No message
 * is made for an absent person: an import asks once per new person. */
static enum s40_err person_find(struct s40_store *st, int64_t id, struct s40_person *p,
				int *found, struct s40_ctx *ctx)
{
	*found = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PERSON_GET, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, id);
	int rc = s40_stmt_step(s, ctx);
	if (rc == S40_ROW) {
		person_from_row(s, p);
		s40_stmt_reset(s);
		*found = 1;
		return S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_person_get(struct s40_store *st, int64_t id, struct s40_person *p,
			    struct s40_ctx *ctx)
{
	int found;
	enum s40_err rc = person_find(st, id, p, &found, ctx);
	if (rc || found)
		return rc;
	char idtxt[32];
	return s40_errorf(ctx, S40_E_NOT_FOUND, "id", "ไม่พบบุคคลเลขประจำตัว %s ในทะเบียน",
			  "no person with ID %s in the register",
			  s40_natid_format(id, idtxt, sizeof idtxt));
}

int s40_person_same(const struct s40_person *a, const struct s40_person *b)
{
	return a->id == b->id && strcmp(a->title, b->title) == 0 &&
	       strcmp(a->first_th, b->first_th) == 0 && strcmp(a->last_th, b->last_th) == 0 &&
	       strcmp(a->first_en, b->first_en) == 0 && strcmp(a->last_en, b->last_en) == 0 &&
	       a->birth_day == b->birth_day && a->sex == b->sex && a->thai == b->thai &&
	       a->village == b->village && strcmp(a->phone, b->phone) == 0 &&
	       strcmp(a->address, b->address) == 0;
}

static void bind_person(struct s40_stmt *s, const struct s40_person *p, int64_t seq)
{
	s40_stmt_int64(s, 1, p->id);
	s40_stmt_text(s, 2, p->title[0] ? p->title : NULL);
	s40_stmt_text(s, 3, p->first_th);
	s40_stmt_text(s, 4, p->last_th);
	s40_stmt_text(s, 5, p->first_en[0] ? p->first_en : NULL);
	s40_stmt_text(s, 6, p->last_en[0] ? p->last_en : NULL);
	s40_stmt_int64_or_null(s, 7, p->birth_day, S40_NO_DAY);
	s40_stmt_int64_or_null(s, 8, p->sex, 0);
	s40_stmt_int64(s, 9, p->thai);
	s40_stmt_int64(s, 10, p->village);
	s40_stmt_text(s, 11, p->phone[0] ? p->phone : NULL);
	s40_stmt_text(s, 12, p->address[0] ? p->address : NULL);
	s40_stmt_int64(s, 13, seq);
}

/* Write p (insert or update) with its journal entry, inside a transaction. */
static enum s40_err person_write(struct s40_reg *reg, struct s40_person *p, int update,
				 struct s40_ctx *ctx)
{
	/* In an import the rows carry its one entry: nothing to format. */
	char entity[40] = "", digits[16], detail[64] = "";
	if (reg->batch_seq == 0) {
		snprintf(entity, sizeof entity, "person:%s",
			 s40_natid_digits(p->id, digits, sizeof digits));
		snprintf(detail, sizeof detail, "{\"village\":%d}", (int)p->village);
	}
	int64_t seq;
	enum s40_err rc = s40_reg_journal(reg, update ? "person.update" : "person.add", entity,
					  detail, &seq, ctx);
	if (rc)
		return rc;
	struct s40_stmt *s =
		s40_store_stmt(reg->store, update ? S40_Q_PERSON_UPDATE : S40_Q_PERSON_INSERT, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	bind_person(s, p, seq);
	rc = s40_stmt_exec(s, ctx);
	if (rc == S40_OK)
		p->journal_seq = seq;
	return rc;
}

enum s40_err s40_person_add(struct s40_reg *reg, struct s40_person *p, int *changed,
			    struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	rc = s40_person_check(reg, p, ctx);
	if (rc == S40_OK) {
		struct s40_person old;
		int found;
		rc = person_find(reg->store, p->id, &old, &found, ctx);
		if (rc == S40_OK && found) {
			char idtxt[32];
			if (!s40_person_same(&old, p))
				rc = s40_errorf(ctx, S40_E_EXISTS, "id",
						"เลขประจำตัว %s มีในทะเบียนแล้วด้วยข้อมูลอื่น (แก้ไขข้อมูลของบุคคลนั้น ไม่ใช่ลงทะเบียนใหม่)",
						"ID %s is registered already with other data (change that person's record rather than registering again)",
						s40_natid_format(p->id, idtxt, sizeof idtxt));
		} else if (rc == S40_OK) {
			rc = person_write(reg, p, 0, ctx);
			if (rc == S40_OK && changed)
				*changed = 1;
		}
	}
	return s40_reg_end(reg, rc, ctx);
}

enum s40_err s40_person_insert_new(struct s40_reg *reg, struct s40_person *p, struct s40_ctx *ctx)
{
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	rc = person_write(reg, p, 0, ctx);
	return s40_reg_end(reg, rc, ctx);
}

enum s40_err s40_person_update(struct s40_reg *reg, struct s40_person *p, int *changed,
			       struct s40_ctx *ctx)
{
	if (changed)
		*changed = 0;
	enum s40_err rc = s40_reg_begin(reg, ctx);
	if (rc)
		return rc;
	struct s40_person old;
	rc = s40_person_get(reg->store, p->id, &old, ctx);
	if (rc == S40_OK)
		rc = s40_person_check(reg, p, ctx);
	if (rc == S40_OK && !s40_person_same(&old, p)) {
		rc = person_write(reg, p, 1, ctx);
		if (rc == S40_OK && changed)
			*changed = 1;
	}
	return s40_reg_end(reg, rc, ctx);
}

void s40_person_normalize_names(struct s40_person *p, int *changed, int *left)
{
	struct field {
		char *v;
		size_t size;
		const char *name;
		int required;
	} f[] = {
		{ p->title, sizeof p->title, "title", 0 },
		{ p->first_th, sizeof p->first_th, "first_name", 1 },
		{ p->last_th, sizeof p->last_th, "last_name", 1 },
		{ p->first_en, sizeof p->first_en, "first_name_en", 0 },
		{ p->last_en, sizeof p->last_en, "last_name_en", 0 },
		{ p->address, sizeof p->address, "address", 0 },
	};
	int n_changed = 0, n_left = 0;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		char v[sizeof p->address > S40_NAME_MAX ? sizeof p->address : S40_NAME_MAX];
		snprintf(v, sizeof v, "%s", f[i].v);
		if (check_name(v, f[i].size, f[i].name, f[i].required, NULL) != S40_OK)
			n_left++;
		else if (strcmp(v, f[i].v) != 0) {
			memcpy(f[i].v, v, strlen(v) + 1);
			n_changed++;
		}
	}
	if (changed)
		*changed = n_changed;
	if (left)
		*left = n_left;
}

enum s40_err s40_person_page(struct s40_store *st, int64_t after, struct s40_person *out,
			     size_t n, size_t *got, struct s40_ctx *ctx)
{
	*got = 0;
	struct s40_stmt *s = s40_store_stmt(st, S40_Q_PERSON_AFTER, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_stmt_int64(s, 1, after);
	s40_stmt_int64(s, 2, (int64_t)n);
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW && *got < n)
		person_from_row(s, &out[(*got)++]);
	if (rc == S40_ROW) {
		s40_stmt_reset(s);
		rc = S40_OK;
	}
	return (enum s40_err)rc;
}

enum s40_err s40_person_rewrite(struct s40_reg *reg, const struct s40_person *p, int64_t seq,
				struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(reg->store, S40_Q_PERSON_UPDATE, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	bind_person(s, p, seq);
	return s40_stmt_exec(s, ctx);
}

struct sort_item {
	uint8_t *first, *last; /* ICU sort keys of the first and the last name */
	size_t i;
};

static int sort_item_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c = strcmp((const char *)x->first, (const char *)y->first);
	if (c == 0)
		c = strcmp((const char *)x->last, (const char *)y->last);
	return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* The ICU sort key of s, allocated; NULL when out of memory. */
static uint8_t *sort_key(struct s40_collator *col, const char *s)
{
	size_t need = s40_collate_key(col, s, NULL, 0);
	uint8_t *key = malloc(need ? need : 1);
	if (key == NULL)
		return NULL;
	if (need)
		s40_collate_key(col, s, key, need);
	else
		key[0] = 0;
	return key;
}

/* Sort people by Thai name in Thai dictionary order: first name, then last name,
 * as Thai lists are ordered — each keyed on its own, so that the last name never
 * changes how two first names compare (กา before กาญจนา whatever follows). */
enum s40_err s40_person_order_th(const struct s40_person *v, size_t n, size_t *order,
				 struct s40_ctx *ctx)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (n < 2)
		return S40_OK;
	struct s40_collator *col = s40_collator_open(ctx);
	if (col == NULL)
		return ctx ? ctx->code : S40_E_INTERNAL;
	struct sort_item *items = calloc(n, sizeof *items);
	enum s40_err rc = S40_OK;
	if (items == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		items[i].first = sort_key(col, v[i].first_th);
		items[i].last = sort_key(col, v[i].last_th);
		items[i].i = i;
		if (items[i].first == NULL || items[i].last == NULL) {
			rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			goto out;
		}
	}
	qsort(items, n, sizeof *items, sort_item_cmp);
	for (size_t i = 0; i < n; i++)
		order[i] = items[i].i;
out:
	if (items)
		for (size_t i = 0; i < n; i++) {
			free(items[i].first);
			free(items[i].last);
		}
	free(items);
	s40_collator_close(col);
	return rc;
}

static enum s40_err sort_by_thai_name(struct s40_person *v, size_t n, struct s40_ctx *ctx)
{
	if (n < 2)
		return S40_OK;
	size_t *order = malloc(n * sizeof *order);
	struct s40_person *copy = malloc(n * sizeof *copy);
	enum s40_err rc = S40_OK;
	if (order == NULL || copy == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	} else if ((rc = s40_person_order_th(v, n, order, ctx)) == S40_OK) {
		memcpy(copy, v, n * sizeof *copy);
		for (size_t i = 0; i < n; i++)
			v[i] = copy[order[i]];
	}
	free(order);
	free(copy);
	return rc;
}

/* The token of the names' index for area code at level (migration 0010): a
 * letter, then the code in two characters from U+4E00 (code / 10000, then
 * code % 10000), in UTF-8. */
static size_t area_token(char *out, enum s40_level level, int32_t code)
{
	static const char letter[] = { 0, 'p', 'd', 's', 'v' };
	uint32_t cp[2] = { 0x4E00u + (uint32_t)code / 10000u, 0x4E00u + (uint32_t)code % 10000u };
	size_t j = 0;
	out[j++] = letter[level];
	for (int k = 0; k < 2; k++) { /* both below U+10000: three bytes each */
		out[j++] = (char)(0xE0 | (cp[k] >> 12));
		out[j++] = (char)(0x80 | ((cp[k] >> 6) & 0x3F));
		out[j++] = (char)(0x80 | (cp[k] & 0x3F));
	}
	out[j] = '\0';
	return j;
}

enum s40_err s40_name_query_make(const char *text, int32_t area, struct s40_name_query *q,
				 struct s40_ctx *ctx)
{
	memset(q, 0, sizeof *q);
	s40_area_village_range(area, &q->lo, &q->hi);
	char norm[S40_NAME_MAX], clean[S40_NAME_MAX];
	if (s40_thai_normalize(text ? text : "", norm, sizeof norm) != S40_OK)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "q", "คำค้นยาวเกินไปหรือไม่ใช่ UTF-8",
				  "the search text is too long or not UTF-8");
	size_t len = 0, chars = 0;
	for (const char *c = norm; *c; c++)
		if (*c != '%' && *c != '_') {
			clean[len++] = *c;
			chars += ((unsigned char)*c & 0xC0) != 0x80;
		}
	clean[len] = '\0';
	if (len == 0)
		return S40_OK;
	snprintf(q->like, sizeof q->like, "%%%s%%", clean);
	/* The trigram index answers a text of three characters or more; a
	 * shorter one is looked for by LIKE over the area's persons. An area that
	 * is no code (an empty range) is left to LIKE too. */
	enum s40_level level = s40_area_level(area);
	if (chars < 3 || (level == S40_LEVEL_NONE && area != 0))
		return S40_OK;
	size_t j = 0;
	if (level != S40_LEVEL_NONE) {
		char tok[8];
		area_token(tok, level, area);
		j += (size_t)snprintf(q->match, sizeof q->match, "%c : \"%s\" AND ", tok[0], tok);
	}
	j += (size_t)snprintf(q->match + j, sizeof q->match - j, "{th en} : \"");
	/* A double quote inside an FTS5 string is written twice. */
	for (const char *c = clean; *c && j + 3 < sizeof q->match; c++) {
		if (*c == '"')
			q->match[j++] = '"';
		q->match[j++] = *c;
	}
	q->match[j++] = '"';
	q->match[j] = '\0';
	q->indexed = true;
	return S40_OK;
}

void s40_name_query_bind(struct s40_stmt *s, const struct s40_name_query *q)
{
	s40_stmt_text(s, 1, q->like[0] ? q->like : NULL);
	s40_stmt_int64(s, 2, q->lo);
	s40_stmt_int64(s, 3, q->hi);
	s40_stmt_text(s, 7, q->indexed ? q->match : NULL);
}

enum s40_err s40_person_find(struct s40_store *st, const char *text, int32_t area,
			     size_t limit, struct s40_person **out, size_t *n,
			     struct s40_ctx *ctx)
{
	*out = NULL;
	*n = 0;
	struct s40_name_query nq;
	enum s40_err e = s40_name_query_make(text, area, &nq, ctx);
	if (e)
		return e;
	struct s40_stmt *s = s40_store_stmt(
		st, nq.indexed ? S40_Q_PERSON_FIND_INDEXED : S40_Q_PERSON_FIND_NAME, ctx);
	if (s == NULL)
		return STORE_ERR(ctx);
	s40_name_query_bind(s, &nq);
	/* Without text, "contains" matched every name: so does an empty pattern. */
	if (nq.like[0] == '\0')
		s40_stmt_text(s, 1, "%");
	/* Thai order is not SQL's: read up to FIND_SCAN_MAX matches, sort them,
	 * then keep the first limit. */
	s40_stmt_int64(s, 4, limit > FIND_SCAN_MAX ? (int64_t)limit : FIND_SCAN_MAX);
	struct s40_person *v = NULL;
	size_t cap = 0, len = 0;
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			struct s40_person *nv = realloc(v, cap * sizeof *v);
			if (nv == NULL) {
				s40_stmt_reset(s);
				free(v);
				return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
			}
			v = nv;
		}
		person_from_row(s, &v[len++]);
	}
	if (rc != S40_OK) {
		free(v);
		return (enum s40_err)rc;
	}
	e = sort_by_thai_name(v, len, ctx);
	if (e) {
		free(v);
		return e;
	}
	if (len > limit)
		len = limit;
	*out = v;
	*n = len;
	return S40_OK;
}
