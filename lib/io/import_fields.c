/*
 * import_fields.c — the import's columns: the table of our column keys and the
 * Thai labels offices write, the header and the column map matched against it,
 * and the readers of one field of the current row (import_int.h).
 */
#include "import_int.h"

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/area.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/natid.h"
#include "core/thai.h"
#include "registry/areas.h"
#include "registry/exclusion.h"
#include "registry/journal.h"
#include "registry/ledger.h"
#include "registry/membership.h"
#include "registry/person.h"
#include "registry/survey.h"
#include "rules/eligibility.h"
#include "store/store.h"


/*
 * Header names are compared folded (hdr_fold): surrounding white space gone,
 * ASCII lower case, spaces and '-' read as '_'. So "Birth Date", "birth-date"
 * and "BIRTH_DATE" are all birth_date. A kind only looks at its own columns,
 * which is why ชื่อ can mean a first name for persons and a village name for
 * villages.
 */
const struct imp_col_def col_defs[COL__N] = {
	[COL_ID] = { "id",
		     "เลขประจำตัวประชาชน",
		     { "เลขบัตรประชาชน", "เลขที่บัตรประชาชน", "เลขบัตร", "เลขประจำตัว", "national_id",
		       "citizen_id", "pid", NULL } },
	[COL_TITLE] = { "title", "คำนำหน้า", { "คำนำหน้าชื่อ", "prefix", NULL } },
	[COL_FIRST] = { "first_name",
			"ชื่อ",
			{ "ชื่อจริง", "first_name_th", "firstname", "first_th", NULL } },
	[COL_LAST] = { "last_name",
		       "นามสกุล",
		       { "last_name_th", "lastname", "surname", "last_th", NULL } },
	[COL_FIRST_EN] = { "first_name_en",
			   "ชื่อภาษาอังกฤษ",
			   { "ชื่อ (อังกฤษ)", "ชื่อ(อังกฤษ)", "ชื่ออังกฤษ", "first_en",
			     "first name (English)", NULL } },
	[COL_LAST_EN] = { "last_name_en",
			  "นามสกุลภาษาอังกฤษ",
			  { "นามสกุล (อังกฤษ)", "นามสกุล(อังกฤษ)", "นามสกุลอังกฤษ", "last_en",
			    "last name (English)", NULL } },
	[COL_BIRTH] = { "birth_date",
			"วันเกิด",
			{ "วันเดือนปีเกิด", "วัน/เดือน/ปีเกิด", "birthdate", "dob", NULL } },
	[COL_SEX] = { "sex", "เพศ", { "gender", NULL } },
	[COL_THAI] = { "thai", "สัญชาติไทย", { "สัญชาติ", "nationality", NULL } },
	[COL_VILLAGE] = { "village", "รหัสหมู่บ้าน", { "village_code", NULL } },
	[COL_PHONE] = { "phone",
			"โทรศัพท์",
			{ "เบอร์โทรศัพท์", "เบอร์โทร", "หมายเลขโทรศัพท์", "tel", "telephone", NULL } },
	[COL_ADDRESS] = { "address", "ที่อยู่", { NULL } },
	[COL_OPTION] = { "option", "ทางเลือก", { "ทางเลือกที่", "ทางเลือกการจ่ายเงินสมทบ", NULL } },
	[COL_DATE] = { "date",
		       "วันที่สมัคร",
		       { "enrol_date", "วันที่", "วันที่สำรวจ", "survey_date", NULL } },
	[COL_RECRUITED_BY] = { "recruited_by",
			       "ผู้แนะนำ",
			       { "เลขบัตรผู้แนะนำ", "เลขประจำตัวผู้แนะนำ", "recruiter", NULL } },
	[COL_CHANNEL] = { "channel", "ช่องทาง", { "ช่องทางการสมัคร", NULL } },
	[COL_KIND] = { "kind", "ประเภท", { "ประเภทการยกเว้น", "สิทธิ", NULL } },
	[COL_START] = { "start_date", "วันเริ่ม", { "วันที่เริ่ม", "start", NULL } },
	[COL_END] = { "end_date", "วันสิ้นสุด", { "วันที่สิ้นสุด", "end", NULL } },
	[COL_SOURCE] = { "source", "แหล่งข้อมูล", { "ที่มา", NULL } },
	[COL_CODE] = { "code",
		       "รหัสหมู่บ้าน",
		       { "รหัส", "รหัสพื้นที่", "รหัสตำบล", "village_code", "village", NULL } },
	[COL_MOO] = { "moo", "หมู่ที่", { "หมู่", "village_no", NULL } },
	[COL_NAME_TH] = { "name_th", "ชื่อหมู่บ้าน", { "ชื่อ", "name", NULL } },
	[COL_NAME_EN] = { "name_en",
			  "ชื่อหมู่บ้านภาษาอังกฤษ",
			  { "ชื่อหมู่บ้าน (อังกฤษ)", "ชื่อภาษาอังกฤษ", NULL } },
	[COL_RECEIPT] = { "receipt",
			  "เลขที่ใบเสร็จ",
			  { "ใบเสร็จ", "เลขที่อ้างอิง", "reference", "ref", "receipt_no", NULL } },
	[COL_PAID_DATE] = { "paid_date",
			    "วันที่ชำระ",
			    { "วันที่จ่าย", "วันที่รับชำระ", "paid_on", "payment_date", NULL } },
	[COL_FROM_MONTH] = { "from_month",
			     "งวดเดือน",
			     { "เดือน", "ตั้งแต่เดือน", "งวด", "month", "months", NULL } },
	[COL_TO_MONTH] = { "to_month", "ถึงเดือน", { "ถึงงวดเดือน", "ถึงงวด", NULL } },
	[COL_AMOUNT] = { "amount", "จำนวนเงิน", { "ยอดเงิน", "ยอดชำระ", "total", NULL } },
	[COL_EXTRA] = { "extra", "เงินออมเพิ่ม", { "ออมเพิ่ม", "extra_savings", NULL } },
	[COL_STATUS] = { "status",
			 "สถานะ",
			 { "ผลสำรวจ", "สถานะการประกัน", "สิทธิ", "survey_status", NULL } },
	[COL_REASON] = { "reason", "เหตุผล", { "เหตุที่ไม่มีสิทธิ", "หมายเหตุ", NULL } },
};


const struct imp_kind_def imp_kind_defs[] = {
	[S40_IMPORT_PERSONS] = { "persons", PERSON_COLS,
				 BIT(COL_ID) | BIT(COL_FIRST) | BIT(COL_LAST) | BIT(COL_BIRTH) |
					 BIT(COL_VILLAGE) },
	[S40_IMPORT_ENROLMENTS] = { "enrolments",
				    PERSON_COLS | BIT(COL_OPTION) | BIT(COL_DATE) |
					    BIT(COL_RECRUITED_BY) | BIT(COL_CHANNEL),
				    BIT(COL_ID) | BIT(COL_OPTION) | BIT(COL_DATE) },
	[S40_IMPORT_EXCLUSIONS] = { "exclusions",
				    BIT(COL_ID) | BIT(COL_KIND) | BIT(COL_START) | BIT(COL_END) |
					    BIT(COL_SOURCE),
				    BIT(COL_ID) | BIT(COL_KIND) },
	[S40_IMPORT_VILLAGES] = { "villages",
				  BIT(COL_CODE) | BIT(COL_MOO) | BIT(COL_NAME_TH) |
					  BIT(COL_NAME_EN),
				  BIT(COL_CODE) | BIT(COL_NAME_TH) },
	[S40_IMPORT_PAYMENTS] = { "payments",
				  BIT(COL_ID) | BIT(COL_RECEIPT) | BIT(COL_PAID_DATE) |
					  BIT(COL_FROM_MONTH) | BIT(COL_TO_MONTH) | BIT(COL_AMOUNT) |
					  BIT(COL_EXTRA) | BIT(COL_CHANNEL),
				  BIT(COL_ID) | BIT(COL_RECEIPT) | BIT(COL_PAID_DATE) |
					  BIT(COL_FROM_MONTH) | BIT(COL_AMOUNT) },
	[S40_IMPORT_SURVEY] = { "survey",
				BIT(COL_VILLAGE) | BIT(COL_DATE) | BIT(COL_ID) | BIT(COL_STATUS) |
					BIT(COL_REASON),
				BIT(COL_VILLAGE) | BIT(COL_DATE) | BIT(COL_ID) | BIT(COL_STATUS) },
};


/* Field names the registry and the rules put on a context, and our column. */
static const struct {
	const char *field;
	enum imp_col col;
} field_alias[] = {
	{ "first_th", COL_FIRST },  { "last_th", COL_LAST },	       { "first_en", COL_FIRST_EN },
	{ "last_en", COL_LAST_EN }, { "birth_day", COL_BIRTH },	       { "day", COL_DATE },
	{ "person", COL_ID },	    { "start_day", COL_START },	       { "start_day", COL_DATE },
	{ "end_day", COL_END },	    { "name", COL_NAME_TH },	       { "village", COL_CODE },
	{ "code", COL_VILLAGE },    { "recruiter", COL_RECRUITED_BY }, { "nationality", COL_THAI },
};

/* Registry channels, and the Thai words an office writes for them. The
 * registry's list is in lib/registry/membership.c; the import checks a channel
 * before a new person is written (see the file comment), so it keeps a copy. */
static const struct {
	const char *word; /* folded */
	const char *key;
} channel_words[] = {
	{ "office", "office" },
	{ "สำนักงาน", "office" },
	{ "สำนักงานประกันสังคม", "office" },
	{ "event", "event" },
	{ "กิจกรรม", "event" },
	{ "งาน", "event" },
	{ "volunteer", "volunteer" },
	{ "อาสาสมัคร", "volunteer" },
	{ "online", "online" },
	{ "ออนไลน์", "online" },
	{ "counter", "counter" },
	{ "เคาน์เตอร์", "counter" },
	{ "เคาน์เตอร์เซอร์วิส", "counter" },
	{ "representative", "representative" },
	{ "ตัวแทน", "representative" },
	{ "ตัวแทนประกันสังคม", "representative" },
	{ "import", "import" },
	{ "demo", "demo" },
};
/* ---- small text helpers ---- */

/* Copy s into dst (size n ≥ 1), cutting at a UTF-8 character boundary. */
void imp_text_copy(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* Append s to the NUL-terminated dst (size n), cutting as text_copy does. */
void imp_text_append(char *dst, size_t n, const char *s)
{
	size_t len = strlen(dst);
	if (len + 1 < n)
		imp_text_copy(dst + len, n - len, s);
}

/* Whether s holds nothing but ASCII white space. */
int imp_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/*
 * Fold a header name (s, len bytes) for comparison into out (size n): trimmed,
 * ASCII lower-cased, inner spaces and '-' read as '_'. -1 when it does not fit.
 */
static int hdr_fold(const char *s, size_t len, char *out, size_t n)
{
	const char *b;
	size_t l;
	s40_trim_space(s, len, &b, &l);
	if (l >= n)
		return -1;
	for (size_t i = 0; i < l; i++) {
		char c = b[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == ' ' || c == '-')
			c = '_';
		out[i] = c;
	}
	out[l] = '\0';
	return 0;
}

/* Whether the folded name h is name (any spelling hdr_fold accepts). */
static int hdr_is(const char *h, const char *name)
{
	char f[IMP_HDR_MAX];
	return hdr_fold(name, strlen(name), f, sizeof f) == 0 && strcmp(h, f) == 0;
}

/*
 * Fold a typed word into out (size n): all white space dropped, ASCII
 * lower-cased, Thai digits read as ASCII. -1 when it does not fit.
 */
int imp_word_fold(const char *s, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		char c;
		if (p[0] == 0xe0 && p[1] == 0xb9 && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else if (p[0] == 0xc2 && p[1] == 0xa0) {
			p += 2;
			continue;
		} else if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		} else {
			c = (char)*p++;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
		}
		if (o + 1 >= n)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

/* If w starts with prefix, skip it. */
const char *imp_skip_prefix(const char *w, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(w, prefix, n) == 0 ? w + n : w;
}

/* A folded string of 1–4 ASCII digits as a number, or -1. */
int imp_small_number(const char *w)
{
	int v = 0;
	size_t i = 0;
	for (; w[i]; i++) {
		if (w[i] < '0' || w[i] > '9' || i >= 4)
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	return i ? v : -1;
}

/* Append ": " and the detail of why to ctx's messages, cut at a character
 * boundary when it does not fit (the formats of s40_errorf cut at a byte). */
void imp_msg_append(struct s40_ctx *ctx, const struct s40_ctx *why)
{
	imp_text_append(ctx->msg_th, sizeof ctx->msg_th, ": ");
	imp_text_append(ctx->msg_th, sizeof ctx->msg_th, s40_errmsg(why, S40_LANG_TH));
	imp_text_append(ctx->msg_en, sizeof ctx->msg_en, ": ");
	imp_text_append(ctx->msg_en, sizeof ctx->msg_en, s40_errmsg(why, S40_LANG_EN));
}

/* ---- the header ---- */

/* Column i's header name as written in the file. */
static const char *imp_header_name(const struct imp *im, size_t i)
{
	return im->hdr_text.data + im->hdr_off[i];
}

/* The file's header name for a field named on a context, or the field itself. */
const char *imp_column_of(const struct imp *im, const char *field)
{
	if (field == NULL || field[0] == '\0')
		return "";
	if (strncmp(field, "column ", 7) == 0) {
		long n = strtol(field + 7, NULL, 10);
		if (n >= 1 && (size_t)n <= im->n_cols && im->hdr_text.data)
			return imp_header_name(im, (size_t)n - 1);
		return field;
	}
	for (int c = 0; c < COL__N; c++)
		if (im->pos[c] >= 0 && strcmp(col_defs[c].key, field) == 0)
			return imp_header_name(im, (size_t)im->pos[c]);
	for (size_t i = 0; i < sizeof field_alias / sizeof field_alias[0]; i++)
		if (strcmp(field_alias[i].field, field) == 0 && im->pos[field_alias[i].col] >= 0)
			return imp_header_name(im, (size_t)im->pos[field_alias[i].col]);
	return field;
}

/*
 * Read the column map "key=header,key=header" for this kind. A key that the
 * kind does not read, or an entry without '=', is S40_E_USAGE.
 */
enum s40_err imp_map_parse(struct imp *im, struct s40_ctx *ctx)
{
	const char *m = im->o->map;
	if (m == NULL || m[0] == '\0')
		return S40_OK;
	/* Each folded name fits in its source length plus a NUL. */
	size_t need = strlen(m) + 1;
	s40_buf_init(&im->map_text, need + COL__N);
	size_t offs[COL__N];
	int have[COL__N] = { 0 };
	while (*m) {
		const char *end = strchr(m, ',');
		size_t len = end ? (size_t)(end - m) : strlen(m);
		const char *eq = memchr(m, '=', len);
		char key[IMP_HDR_MAX], name[IMP_HDR_MAX];
		if (eq == NULL || hdr_fold(m, (size_t)(eq - m), key, sizeof key) != 0 ||
		    hdr_fold(eq + 1, len - (size_t)(eq - m) - 1, name, sizeof name) != 0 ||
		    key[0] == '\0' || name[0] == '\0')
			return s40_errorf(ctx, S40_E_USAGE, "map",
					  "การจับคู่คอลัมน์ต้องเขียนเป็น คอลัมน์=หัวตาราง,… (พบ '%.*s')",
					  "a column map is key=header,… (found '%.*s')", (int)len,
					  m);
		int col = -1;
		for (int c = 0; c < COL__N; c++)
			if ((im->kd->allowed & BIT(c)) && strcmp(col_defs[c].key, key) == 0)
				col = c;
		if (col < 0)
			return s40_errorf(ctx, S40_E_USAGE, "map", "ไฟล์ประเภท %s ไม่มีคอลัมน์ '%s'",
					  "a %s file has no column '%s'", im->kd->name, key);
		enum s40_err rc = s40_buf_add(&im->map_text, name, strlen(name) + 1);
		if (rc)
			return s40_errorf(ctx, rc, "map", NULL, NULL);
		offs[col] = im->map_text.len - strlen(name) - 1;
		have[col] = 1;
		m += len;
		if (*m == ',')
			m++;
	}
	for (int c = 0; c < COL__N; c++)
		if (have[c])
			im->map[c] = im->map_text.data + offs[c];
	return S40_OK;
}

/* Whether the first row looks like data rather than a header: a field that is
 * a national ID or holds digits only. */
static int imp_row_looks_like_data(const struct imp *im, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *f = s40_csv_field(im->csv, i);
		int64_t id;
		if (s40_natid_parse(f, NULL, &id, NULL) == S40_OK)
			return 1;
		char w[64];
		if (imp_word_fold(f, w, sizeof w) == 0 && w[0] && strspn(w, "0123456789") == strlen(w))
			return 1;
	}
	return 0;
}

/*
 * Match the header row (the current record, n fields) to our columns: set
 * pos[], keep the names as written, and check that every required column is
 * there. S40_E_CSV_HEADER names what is wrong.
 */
enum s40_err imp_header(struct imp *im, size_t n, struct s40_ctx *ctx)
{
	im->n_cols = n;
	s40_buf_init(&im->hdr_text, S40_CSV_MAX_ROW + S40_CSV_MAX_FIELDS);
	for (size_t i = 0; i < n; i++) {
		const char *b;
		size_t l;
		s40_trim_space(s40_csv_field(im->csv, i), s40_csv_field_len(im->csv, i), &b, &l);
		im->hdr_off[i] = im->hdr_text.len;
		enum s40_err rc = s40_buf_add(&im->hdr_text, b, l);
		if (rc == S40_OK)
			rc = s40_buf_add(&im->hdr_text, "", 1);
		if (rc)
			return s40_errorf(ctx, rc, NULL, NULL, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		char h[IMP_HDR_MAX];
		const char *name = imp_header_name(im, i);
		if (hdr_fold(name, strlen(name), h, sizeof h) != 0 || h[0] == '\0')
			continue;
		int col = -1;
		for (int c = 0; c < COL__N && col < 0; c++)
			if (im->map[c] && strcmp(im->map[c], h) == 0)
				col = c;
		for (int c = 0; c < COL__N && col < 0; c++) {
			if (!(im->kd->allowed & BIT(c)) || im->map[c])
				continue;
			if (hdr_is(h, col_defs[c].key) || hdr_is(h, col_defs[c].label_th))
				col = c;
			for (int a = 0; col < 0 && col_defs[c].aliases[a]; a++)
				if (hdr_is(h, col_defs[c].aliases[a]))
					col = c;
		}
		if (col < 0)
			continue; /* a column we do not read */
		if (im->pos[col] >= 0)
			return s40_errorf(
				ctx, S40_E_CSV_HEADER, name,
				"คอลัมน์ %s (%s) มีสองครั้งในหัวตาราง: '%s' และ '%s'",
				"column %s (%s) appears twice in the header: '%s' and '%s'",
				col_defs[col].key, col_defs[col].label_th,
				imp_header_name(im, (size_t)im->pos[col]), name);
		im->pos[col] = (int)i;
	}
	for (int c = 0; c < COL__N; c++)
		if (im->map[c] && im->pos[c] < 0)
			return s40_errorf(
				ctx, S40_E_CSV_HEADER, col_defs[c].key,
				"การจับคู่คอลัมน์ระบุหัวตาราง '%s' สำหรับ %s แต่ไฟล์ไม่มีคอลัมน์นี้",
				"the column map names '%s' for %s, which is not in the header",
				im->map[c], col_defs[c].key);
	char miss_th[256] = "", miss_en[192] = "";
	for (int c = 0; c < COL__N; c++) {
		if (!(im->kd->required & BIT(c)) || im->pos[c] >= 0)
			continue;
		if (miss_en[0]) {
			imp_text_append(miss_th, sizeof miss_th, ", ");
			imp_text_append(miss_en, sizeof miss_en, ", ");
		}
		imp_text_append(miss_th, sizeof miss_th, col_defs[c].label_th);
		imp_text_append(miss_th, sizeof miss_th, " (");
		imp_text_append(miss_th, sizeof miss_th, col_defs[c].key);
		imp_text_append(miss_th, sizeof miss_th, ")");
		imp_text_append(miss_en, sizeof miss_en, col_defs[c].key);
	}
	if (miss_en[0]) {
		if (imp_row_looks_like_data(im, n))
			return s40_errorf(
				ctx, S40_E_CSV_HEADER, NULL,
				"ไม่มีหัวตาราง: แถวแรกเป็นข้อมูล ต้องมีคอลัมน์ %s%.0s",
				"no header row: the first row is data; the header needs %.0s%s",
				miss_th, miss_en);
		return s40_errorf(ctx, S40_E_CSV_HEADER, NULL, "หัวตารางไม่มีคอลัมน์ที่ต้องมี: %s%.0s",
				  "the header lacks required columns: %.0s%s", miss_th, miss_en);
	}
	im->person_cols = (im->kd->allowed & ENROL_PERSON_NEEDS) == ENROL_PERSON_NEEDS;
	for (int c = 0; c < COL__N; c++)
		if ((ENROL_PERSON_NEEDS & BIT(c)) && im->pos[c] < 0)
			im->person_cols = 0;
	return S40_OK;
}

/* ---- fields ---- */

/* The text of our column c in the current row ("" when the file has none). */
const char *imp_get(const struct imp *im, enum imp_col c)
{
	if (im->pos[c] < 0)
		return "";
	if (im->row_f)
		return im->row_f[im->pos[c]];
	return s40_csv_field(im->csv, (size_t)im->pos[c]);
}

/* Copy column c into dst (size n); too long is S40_E_BAD_VALUE. */
enum s40_err imp_copy(const struct imp *im, enum imp_col c, char *dst, size_t n,
			     struct s40_ctx *ctx)
{
	if (im->pos[c] < 0) {
		dst[0] = '\0';
		return S40_OK;
	}
	size_t len = im->row_f ? im->row_len[im->pos[c]]
			       : s40_csv_field_len(im->csv, (size_t)im->pos[c]);
	if (len >= n)
		return s40_errorf(ctx, S40_E_BAD_VALUE, col_defs[c].key, "ยาว %zu ไบต์ เกิน %zu ไบต์",
				  "%zu bytes long, more than %zu", len, n - 1);
	memcpy(dst, imp_get(im, c), len + 1);
	return S40_OK;
}

/* A required value: blank is S40_E_MISSING. */
enum s40_err imp_need(const struct imp *im, enum imp_col c, struct s40_ctx *ctx)
{
	if (!imp_is_blank(imp_get(im, c)))
		return S40_OK;
	return s40_errorf(ctx, S40_E_MISSING, col_defs[c].key, "ไม่ได้ระบุ%s (%s)",
			  "%.0s%s is required", col_defs[c].label_th, col_defs[c].key);
}

/* A national ID in column c (required). */
enum s40_err imp_id(const struct imp *im, enum imp_col c, int64_t *id, struct s40_ctx *ctx)
{
	enum s40_err rc = imp_need(im, c, ctx);
	return rc ? rc : s40_natid_parse(imp_get(im, c), col_defs[c].key, id, ctx);
}

/* A date in column c; blank is none (S40_NO_DAY), or S40_E_MISSING if required. */
enum s40_err imp_date(const struct imp *im, enum imp_col c, int required, int32_t *day,
			     struct s40_ctx *ctx)
{
	*day = S40_NO_DAY;
	if (imp_is_blank(imp_get(im, c)))
		return required ? imp_need(im, c, ctx) : S40_OK;
	return s40_date_parse(imp_get(im, c), col_defs[c].key, day, ctx);
}

/* Sex: M/F, male/female, ชาย/หญิง, ช/ญ, 1/2; blank is not recorded (0). */
enum s40_err imp_sex(const struct imp *im, int *sex, struct s40_ctx *ctx)
{
	static const struct {
		const char *w;
		int v;
	} words[] = { { "m", 1 },   { "male", 1 }, { "ชาย", 1 }, { "ช", 1 },
		      { "1", 1 },   { "ช.", 1 },   { "f", 2 },	 { "female", 2 },
		      { "หญิง", 2 }, { "ญ", 2 },	   { "2", 2 },	 { "ญ.", 2 } };
	char w[32];
	*sex = 0;
	const char *s = imp_get(im, COL_SEX);
	if (imp_word_fold(s, w, sizeof w) == 0) {
		if (w[0] == '\0')
			return S40_OK;
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strcmp(words[i].w, w) == 0) {
				*sex = words[i].v;
				return S40_OK;
			}
	}
	return s40_errorf(ctx, S40_E_BAD_VALUE, "sex", "เพศ '%s' ไม่ถูกต้อง (ชาย/หญิง, M/F, 1/2)",
			  "sex '%s' is not one of M/F, male/female, 1/2", s);
}

/* Thai nationality: yes/no, 1/0, ใช่/ไม่ใช่, ไทย; blank is not recorded (-1). */
enum s40_err imp_thai(const struct imp *im, int *thai, struct s40_ctx *ctx)
{
	static const struct {
		const char *w;
		int v;
	} words[] = { { "1", 1 },    { "y", 1 },       { "yes", 1 }, { "true", 1 },
		      { "thai", 1 }, { "ใช่", 1 },      { "ไทย", 1 }, { "สัญชาติไทย", 1 },
		      { "0", 0 },    { "n", 0 },       { "no", 0 },  { "false", 0 },
		      { "ไม่ใช่", 0 }, { "ไม่ใช่ไทย", 0 }, { "ไม่", 0 },  { "ไม่ใช่สัญชาติไทย", 0 } };
	char w[64];
	*thai = -1;
	const char *s = imp_get(im, COL_THAI);
	if (imp_word_fold(s, w, sizeof w) == 0) {
		if (w[0] == '\0')
			return S40_OK;
		for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strcmp(words[i].w, w) == 0) {
				*thai = words[i].v;
				return S40_OK;
			}
	}
	return s40_errorf(ctx, S40_E_BAD_VALUE, "thai",
			  "สัญชาติไทย '%s' ไม่ถูกต้อง (ใช่/ไม่ใช่, ไทย, yes/no, 1/0)",
			  "Thai nationality '%s' is not one of yes/no, 1/0, ใช่/ไม่ใช่, ไทย", s);
}

/* Option: 1, 2 or 3 (Thai digits, "ทางเลือกที่ 2" and "option 2" too). */
enum s40_err imp_option(const struct imp *im, int *option, struct s40_ctx *ctx)
{
	enum s40_err rc = imp_need(im, COL_OPTION, ctx);
	if (rc)
		return rc;
	char w[64];
	const char *s = imp_get(im, COL_OPTION);
	int v = -1;
	if (imp_word_fold(s, w, sizeof w) == 0) {
		const char *p = imp_skip_prefix(w, "ทางเลือกที่");
		p = imp_skip_prefix(p, "ทางเลือก");
		p = imp_skip_prefix(p, "option");
		v = imp_small_number(p);
	}
	if (v < 1 || v > 3)
		return s40_errorf(ctx, S40_E_BAD_OPTION, "option", "ทางเลือก '%s' ไม่มี (1, 2 หรือ 3)",
				  "option '%s' is not 1, 2 or 3", s);
	*option = v;
	return S40_OK;
}

/* Channel: a registry key or its Thai word; blank is none. *key is static. */
enum s40_err imp_channel(const struct imp *im, const char **key, struct s40_ctx *ctx)
{
	char w[96];
	*key = NULL;
	const char *s = imp_get(im, COL_CHANNEL);
	if (imp_word_fold(s, w, sizeof w) == 0) {
		if (w[0] == '\0')
			return S40_OK;
		for (size_t i = 0; i < sizeof channel_words / sizeof channel_words[0]; i++)
			if (strcmp(channel_words[i].word, w) == 0) {
				*key = channel_words[i].key;
				return S40_OK;
			}
	}
	return s40_errorf(ctx, S40_E_BAD_VALUE, "channel",
			  "ช่องทาง '%s' ไม่อยู่ในรายการ (สำนักงาน, กิจกรรม, อาสาสมัคร, ออนไลน์, "
			  "เคาน์เตอร์, ตัวแทน)",
			  "channel '%s' is not one of office, event, volunteer, online, counter, "
			  "representative",
			  s);
}

enum s40_err imp_fault(struct imp *im, enum s40_err *rc, struct s40_ctx *ctx, enum s40_err e,
		       const struct s40_ctx *c)
{
	if (e == S40_OK)
		return e;
	if (*rc == S40_OK) {
		*rc = e;
		*ctx = *c;
	} else if (im->n_more < sizeof im->more / sizeof im->more[0]) {
		im->more[im->n_more++] = *c;
	}
	return e;
}

/* The person columns of the current row into p (id set by the caller), every
 * fault recorded (imp_fault) after those of the row so far (rc): returns the
 * row's first fault, S40_OK if none. */
enum s40_err imp_person_fill(struct imp *im, struct s40_person *p, enum s40_err rc,
			     struct s40_ctx *ctx)
{
	struct s40_ctx imp_c;
	IMP_CHECK(imp_copy(im, COL_TITLE, p->title, sizeof p->title, &imp_c));
	IMP_CHECK(imp_copy(im, COL_FIRST, p->first_th, sizeof p->first_th, &imp_c));
	IMP_CHECK(imp_copy(im, COL_LAST, p->last_th, sizeof p->last_th, &imp_c));
	IMP_CHECK(imp_copy(im, COL_FIRST_EN, p->first_en, sizeof p->first_en, &imp_c));
	IMP_CHECK(imp_copy(im, COL_LAST_EN, p->last_en, sizeof p->last_en, &imp_c));
	IMP_CHECK(imp_date(im, COL_BIRTH, 1, &p->birth_day, &imp_c));
	IMP_CHECK(imp_sex(im, &p->sex, &imp_c));
	IMP_CHECK(imp_thai(im, &p->thai, &imp_c));
	if (IMP_CHECK(imp_need(im, COL_VILLAGE, &imp_c)) == S40_OK &&
	    IMP_CHECK(s40_area_parse(imp_get(im, COL_VILLAGE), "village", &p->village, &imp_c)) ==
		    S40_OK &&
	    s40_area_level(p->village) != S40_LEVEL_VILLAGE)
		IMP_CHECK(s40_errorf(&imp_c, S40_E_BAD_AREA, "village",
				     "รหัสหมู่บ้านต้องมี 8 หลัก (รหัสตำบล 6 หลักและหมู่ที่ 2 หลัก): %s",
				     "a village code has 8 digits (subdistrict and moo): %s",
				     imp_get(im, COL_VILLAGE)));
	IMP_CHECK(imp_copy(im, COL_PHONE, p->phone, sizeof p->phone, &imp_c));
	IMP_CHECK(imp_copy(im, COL_ADDRESS, p->address, sizeof p->address, &imp_c));
	return rc;
}

enum s40_err imp_person_faults(struct imp *im, struct s40_person *p, enum s40_err rc,
			       struct s40_ctx *ctx)
{
	/* The fields at fault already: the first (on ctx) and the others. */
	const char *skip[IMP_MAX_FAULTS + 1];
	size_t n_skip = 0;
	if (rc != S40_OK)
		skip[n_skip++] = ctx->field;
	for (size_t i = 0; i < im->n_more && n_skip < IMP_MAX_FAULTS; i++)
		skip[n_skip++] = im->more[i].field;
	skip[n_skip] = NULL;
	struct s40_ctx v[IMP_MAX_FAULTS];
	size_t n = s40_person_faults(im->reg, p, skip, v, IMP_MAX_FAULTS);
	for (size_t i = 0; i < n; i++)
		imp_fault(im, &rc, ctx, v[i].code, &v[i]);
	return rc;
}

