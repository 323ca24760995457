/*
 * import.c — the CSV import pipelines declared in import.h: persons,
 * enrolments, exclusions and village names (formats in docs/FORMATS.md).
 *
 * One import is one pass over the file and one outer transaction. The header
 * is matched against a table of our column keys and the Thai labels offices
 * write; then each record is parsed into a registry value on the stack and
 * handed to the same registry operation the command line uses. Inside the
 * outer transaction those operations write no journal entry of their own: the
 * rows carry the sequence number of the import's single entry, appended at the
 * end with the file's SHA-256 and the counts, once they are known.
 *
 * The file is hashed as it is read, through a read-only stdio cookie wrapped
 * around the caller's FILE (glibc fopencookie), so the hash is that of the
 * bytes of the file — what sha256sum prints — and the reader still streams.
 *
 * Partial mode needs every bad row to have written nothing. Registry
 * operations check before they write, so a refused row leaves the outer
 * transaction as it was. The two places where a row takes two operations
 * (an enrolment that first adds its person) or where an operation could fail
 * after it wrote are guarded: every check of the second step is made before
 * the first writes, and should the registry still refuse afterwards, a
 * partial import is abandoned whole rather than left half-written.
 */
#define _GNU_SOURCE /* fopencookie */

#include "import.h"

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

#define IMP_PROGRESS_EVERY 4096 /* rows between progress calls */
#define IMP_MAX_EXCL 32 /* exclusions of one person read without allocating */
#define IMP_HDR_MAX 256 /* bytes of a folded header name */

/* Our columns, over all kinds. */
enum imp_col {
	COL_ID,
	COL_TITLE,
	COL_FIRST,
	COL_LAST,
	COL_FIRST_EN,
	COL_LAST_EN,
	COL_BIRTH,
	COL_SEX,
	COL_THAI,
	COL_VILLAGE,
	COL_PHONE,
	COL_ADDRESS,
	COL_OPTION,
	COL_DATE,
	COL_RECRUITED_BY,
	COL_CHANNEL,
	COL_KIND,
	COL_START,
	COL_END,
	COL_SOURCE,
	COL_CODE,
	COL_MOO,
	COL_NAME_TH,
	COL_NAME_EN,
	COL_RECEIPT, /* payments */
	COL_PAID_DATE,
	COL_FROM_MONTH,
	COL_TO_MONTH,
	COL_AMOUNT,
	COL_EXTRA,
	COL_STATUS, /* survey */
	COL_REASON,
	COL__N
};

#define BIT(c) (1u << (c))
_Static_assert(COL__N <= 32, "the column sets are 32-bit masks");

struct imp_col_def {
	const char *key; /* our English key, as in the map and in messages */
	const char *label_th; /* the Thai label used in messages (also accepted) */
	const char *aliases[8]; /* other header names accepted, NULL-terminated */
};

/*
 * Header names are compared folded (hdr_fold): surrounding white space gone,
 * ASCII lower case, spaces and '-' read as '_'. So "Birth Date", "birth-date"
 * and "BIRTH_DATE" are all birth_date. A kind only looks at its own columns,
 * which is why ชื่อ can mean a first name for persons and a village name for
 * villages.
 */
static const struct imp_col_def col_defs[COL__N] = {
	[COL_ID] = { "id",
		     "เลขประจำตัวประชาชน",
		     { "เลขบัตรประชาชน", "เลขที่บัตรประชาชน", "เลขบัตร", "เลขประจำตัว", "national_id",
		       "citizen_id", "pid", NULL } },
	[COL_TITLE] = { "title", "คำนำหน้า", { "คำนำหน้าชื่อ", "prefix", NULL } },
	[COL_FIRST] = { "first_name", "ชื่อ", { "ชื่อจริง", "first_name_th", "firstname", NULL } },
	[COL_LAST] = { "last_name", "นามสกุล", { "last_name_th", "lastname", "surname", NULL } },
	[COL_FIRST_EN] = { "first_name_en",
			   "ชื่อภาษาอังกฤษ",
			   { "ชื่อ (อังกฤษ)", "ชื่อ(อังกฤษ)", "ชื่ออังกฤษ", NULL } },
	[COL_LAST_EN] = { "last_name_en",
			  "นามสกุลภาษาอังกฤษ",
			  { "นามสกุล (อังกฤษ)", "นามสกุล(อังกฤษ)", "นามสกุลอังกฤษ", NULL } },
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

#define PERSON_COLS                                                                            \
	(BIT(COL_ID) | BIT(COL_TITLE) | BIT(COL_FIRST) | BIT(COL_LAST) | BIT(COL_FIRST_EN) |   \
	 BIT(COL_LAST_EN) | BIT(COL_BIRTH) | BIT(COL_SEX) | BIT(COL_THAI) | BIT(COL_VILLAGE) | \
	 BIT(COL_PHONE) | BIT(COL_ADDRESS))

struct imp_kind_def {
	const char *name; /* "persons": the op is "import.persons" */
	unsigned allowed; /* columns this kind reads */
	unsigned required; /* columns the header must have */
};

static const struct imp_kind_def kind_defs[] = {
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

/* The person columns an enrolment row needs to add a person not yet registered. */
#define ENROL_PERSON_NEEDS (BIT(COL_FIRST) | BIT(COL_LAST) | BIT(COL_BIRTH) | BIT(COL_VILLAGE))

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

/* The file being read, hashed on the way. */
struct imp_hash_reader {
	FILE *in;
	crypto_hash_sha256_state sha;
};

/* One import in progress. */
struct imp {
	struct s40_reg *reg;
	const struct s40_import_opts *o;
	const struct imp_kind_def *kd;
	struct s40_import_result *res;
	struct s40_csv *csv;
	int pos[COL__N]; /* the file column of each of ours, -1 if absent */
	const char *map[COL__N]; /* folded header names from the column map */
	struct s40_buf map_text; /* what map[] points into */
	size_t n_cols; /* columns in the header */
	struct s40_buf hdr_text; /* the header names as written, NUL-separated */
	size_t hdr_off[S40_CSV_MAX_FIELDS];
	int person_cols; /* enrolments: the file can add persons */
	char source[96]; /* exclusions: the default source */
	struct s40_ctx first_bad; /* the first rejected row, field = its column */
	struct s40_buf clean; /* a reject's row made UTF-8 */
	struct s40_rates rates; /* payments: loaded with the first row */
};

/* ---- small text helpers ---- */

/* Copy s into dst (size n ≥ 1), cutting at a UTF-8 character boundary. */
static void text_copy(char *dst, size_t n, const char *s)
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
static void text_append(char *dst, size_t n, const char *s)
{
	size_t len = strlen(dst);
	if (len + 1 < n)
		text_copy(dst + len, n - len, s);
}

/* Whether s holds nothing but ASCII white space. */
static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* The bytes of s without surrounding ASCII white space and NBSP: *start, *len. */
static void trim(const char *s, size_t len, const char **start, size_t *out_len)
{
	const unsigned char *b = (const unsigned char *)s, *e = b + len;
	for (;;) {
		if (b < e && (*b == ' ' || *b == '\t'))
			b++;
		else if (e - b >= 2 && b[0] == 0xc2 && b[1] == 0xa0)
			b += 2;
		else
			break;
	}
	for (;;) {
		if (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - b >= 2 && e[-2] == 0xc2 && e[-1] == 0xa0)
			e -= 2;
		else
			break;
	}
	*start = (const char *)b;
	*out_len = (size_t)(e - b);
}

/*
 * Fold a header name (s, len bytes) for comparison into out (size n): trimmed,
 * ASCII lower-cased, inner spaces and '-' read as '_'. -1 when it does not fit.
 */
static int hdr_fold(const char *s, size_t len, char *out, size_t n)
{
	const char *b;
	size_t l;
	trim(s, len, &b, &l);
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
static int word_fold(const char *s, char *out, size_t n)
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
static const char *skip_prefix(const char *w, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(w, prefix, n) == 0 ? w + n : w;
}

/* A folded string of 1–4 ASCII digits as a number, or -1. */
static int small_number(const char *w)
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
static void imp_msg_append(struct s40_ctx *ctx, const struct s40_ctx *why)
{
	text_append(ctx->msg_th, sizeof ctx->msg_th, ": ");
	text_append(ctx->msg_th, sizeof ctx->msg_th, s40_errmsg(why, S40_LANG_TH));
	text_append(ctx->msg_en, sizeof ctx->msg_en, ": ");
	text_append(ctx->msg_en, sizeof ctx->msg_en, s40_errmsg(why, S40_LANG_EN));
}

/* ---- the header ---- */

/* Column i's header name as written in the file. */
static const char *imp_header_name(const struct imp *im, size_t i)
{
	return im->hdr_text.data + im->hdr_off[i];
}

/* The file's header name for a field named on a context, or the field itself. */
static const char *imp_column_of(const struct imp *im, const char *field)
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
static enum s40_err imp_map_parse(struct imp *im, struct s40_ctx *ctx)
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
		if (word_fold(f, w, sizeof w) == 0 && w[0] && strspn(w, "0123456789") == strlen(w))
			return 1;
	}
	return 0;
}

/*
 * Match the header row (the current record, n fields) to our columns: set
 * pos[], keep the names as written, and check that every required column is
 * there. S40_E_CSV_HEADER names what is wrong.
 */
static enum s40_err imp_header(struct imp *im, size_t n, struct s40_ctx *ctx)
{
	im->n_cols = n;
	s40_buf_init(&im->hdr_text, S40_CSV_MAX_ROW + S40_CSV_MAX_FIELDS);
	for (size_t i = 0; i < n; i++) {
		const char *b;
		size_t l;
		trim(s40_csv_field(im->csv, i), s40_csv_field_len(im->csv, i), &b, &l);
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
			text_append(miss_th, sizeof miss_th, ", ");
			text_append(miss_en, sizeof miss_en, ", ");
		}
		text_append(miss_th, sizeof miss_th, col_defs[c].label_th);
		text_append(miss_th, sizeof miss_th, " (");
		text_append(miss_th, sizeof miss_th, col_defs[c].key);
		text_append(miss_th, sizeof miss_th, ")");
		text_append(miss_en, sizeof miss_en, col_defs[c].key);
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
static const char *imp_get(const struct imp *im, enum imp_col c)
{
	return im->pos[c] < 0 ? "" : s40_csv_field(im->csv, (size_t)im->pos[c]);
}

/* Copy column c into dst (size n); too long is S40_E_BAD_VALUE. */
static enum s40_err imp_copy(const struct imp *im, enum imp_col c, char *dst, size_t n,
			     struct s40_ctx *ctx)
{
	if (im->pos[c] < 0) {
		dst[0] = '\0';
		return S40_OK;
	}
	size_t len = s40_csv_field_len(im->csv, (size_t)im->pos[c]);
	if (len >= n)
		return s40_errorf(ctx, S40_E_BAD_VALUE, col_defs[c].key, "ยาว %zu ไบต์ เกิน %zu ไบต์",
				  "%zu bytes long, more than %zu", len, n - 1);
	memcpy(dst, imp_get(im, c), len + 1);
	return S40_OK;
}

/* A required value: blank is S40_E_MISSING. */
static enum s40_err imp_need(const struct imp *im, enum imp_col c, struct s40_ctx *ctx)
{
	if (!is_blank(imp_get(im, c)))
		return S40_OK;
	return s40_errorf(ctx, S40_E_MISSING, col_defs[c].key, "ไม่ได้ระบุ%s (%s)",
			  "%.0s%s is required", col_defs[c].label_th, col_defs[c].key);
}

/* A national ID in column c (required). */
static enum s40_err imp_id(const struct imp *im, enum imp_col c, int64_t *id, struct s40_ctx *ctx)
{
	enum s40_err rc = imp_need(im, c, ctx);
	return rc ? rc : s40_natid_parse(imp_get(im, c), col_defs[c].key, id, ctx);
}

/* A date in column c; blank is none (S40_NO_DAY), or S40_E_MISSING if required. */
static enum s40_err imp_date(const struct imp *im, enum imp_col c, int required, int32_t *day,
			     struct s40_ctx *ctx)
{
	*day = S40_NO_DAY;
	if (is_blank(imp_get(im, c)))
		return required ? imp_need(im, c, ctx) : S40_OK;
	return s40_date_parse(imp_get(im, c), col_defs[c].key, day, ctx);
}

/* Sex: M/F, male/female, ชาย/หญิง, ช/ญ, 1/2; blank is not recorded (0). */
static enum s40_err imp_sex(const struct imp *im, int *sex, struct s40_ctx *ctx)
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
	if (word_fold(s, w, sizeof w) == 0) {
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
static enum s40_err imp_thai(const struct imp *im, int *thai, struct s40_ctx *ctx)
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
	if (word_fold(s, w, sizeof w) == 0) {
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
static enum s40_err imp_option(const struct imp *im, int *option, struct s40_ctx *ctx)
{
	enum s40_err rc = imp_need(im, COL_OPTION, ctx);
	if (rc)
		return rc;
	char w[64];
	const char *s = imp_get(im, COL_OPTION);
	int v = -1;
	if (word_fold(s, w, sizeof w) == 0) {
		const char *p = skip_prefix(w, "ทางเลือกที่");
		p = skip_prefix(p, "ทางเลือก");
		p = skip_prefix(p, "option");
		v = small_number(p);
	}
	if (v < 1 || v > 3)
		return s40_errorf(ctx, S40_E_BAD_OPTION, "option", "ทางเลือก '%s' ไม่มี (1, 2 หรือ 3)",
				  "option '%s' is not 1, 2 or 3", s);
	*option = v;
	return S40_OK;
}

/* Channel: a registry key or its Thai word; blank is none. *key is static. */
static enum s40_err imp_channel(const struct imp *im, const char **key, struct s40_ctx *ctx)
{
	char w[96];
	*key = NULL;
	const char *s = imp_get(im, COL_CHANNEL);
	if (word_fold(s, w, sizeof w) == 0) {
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

/* The person columns of the current row into p (id set by the caller). */
static enum s40_err imp_person_fill(const struct imp *im, struct s40_person *p, struct s40_ctx *ctx)
{
	enum s40_err rc;
	if ((rc = imp_copy(im, COL_TITLE, p->title, sizeof p->title, ctx)) ||
	    (rc = imp_copy(im, COL_FIRST, p->first_th, sizeof p->first_th, ctx)) ||
	    (rc = imp_copy(im, COL_LAST, p->last_th, sizeof p->last_th, ctx)) ||
	    (rc = imp_copy(im, COL_FIRST_EN, p->first_en, sizeof p->first_en, ctx)) ||
	    (rc = imp_copy(im, COL_LAST_EN, p->last_en, sizeof p->last_en, ctx)) ||
	    (rc = imp_date(im, COL_BIRTH, 1, &p->birth_day, ctx)) ||
	    (rc = imp_sex(im, &p->sex, ctx)) || (rc = imp_thai(im, &p->thai, ctx)) ||
	    (rc = imp_need(im, COL_VILLAGE, ctx)) ||
	    (rc = s40_area_parse(imp_get(im, COL_VILLAGE), "village", &p->village, ctx)) ||
	    (rc = imp_copy(im, COL_PHONE, p->phone, sizeof p->phone, ctx)) ||
	    (rc = imp_copy(im, COL_ADDRESS, p->address, sizeof p->address, ctx)))
		return rc;
	if (s40_area_level(p->village) != S40_LEVEL_VILLAGE)
		return s40_errorf(ctx, S40_E_BAD_AREA, "village",
				  "รหัสหมู่บ้านต้องมี 8 หลัก (รหัสตำบล 6 หลักและหมู่ที่ 2 หลัก): %s",
				  "a village code has 8 digits (subdistrict and moo): %s",
				  imp_get(im, COL_VILLAGE));
	return S40_OK;
}

/* ---- rows ---- */

/* Whether an error stops the whole import rather than rejecting one row. */
static int imp_fatal(enum s40_err rc)
{
	switch (rc) {
	case S40_E_NOMEM:
	case S40_E_IO:
	case S40_E_INTERNAL:
	case S40_E_DB:
	case S40_E_DB_BUSY:
	case S40_E_DB_UNAVAILABLE:
	case S40_E_READ_ONLY:
	case S40_E_SCHEMA:
	case S40_E_JOURNAL:
	case S40_E_CONSTRAINT:
		return 1;
	default:
		return 0;
	}
}

/* A registry operation failed after it or the row had written: in partial mode
 * the row cannot be dropped alone, so the import stops. */
static enum s40_err imp_half_written(const struct imp *im, enum s40_err rc, struct s40_ctx *ctx)
{
	if (!im->o->partial || imp_fatal(rc))
		return rc;
	struct s40_ctx why = *ctx;
	s40_errorf(ctx, S40_E_INTERNAL, why.field, "แถวถูกปฏิเสธหลังบันทึกไปบางส่วน จึงยกเลิกการนำเข้าทั้งหมด",
		   "a row was refused after part of it was written, so the whole import "
		   "is abandoned");
	imp_msg_append(ctx, &why);
	return S40_E_INTERNAL;
}

static enum s40_err imp_row_person(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_person p;
	s40_person_clear(&p);
	enum s40_err rc = imp_id(im, COL_ID, &p.id, ctx);
	if (rc == S40_OK)
		rc = imp_person_fill(im, &p, ctx);
	if (rc == S40_OK)
		rc = s40_person_add(im->reg, &p, changed, ctx);
	return rc;
}

/* Read a person's exclusions into v (at most max) without allocating. */
static enum s40_err imp_exclusions(struct imp *im, int64_t id, struct s40_exclusion *v, size_t max,
				   size_t *n, struct s40_ctx *ctx)
{
	*n = 0;
	struct s40_stmt *s = s40_store_stmt(im->reg->store, S40_Q_EXCL_OF_PERSON, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	s40_stmt_int64(s, 1, id);
	int rc;
	while ((rc = s40_stmt_step(s, ctx)) == S40_ROW) {
		if (*n == max)
			continue; /* the registry reads them all and refuses what we miss */
		v[*n].kind = (int)s40_col_int64(s, 1);
		v[*n].start_day = (int32_t)s40_col_int64_or(s, 2, S40_NO_DAY);
		v[*n].end_day = (int32_t)s40_col_int64_or(s, 3, S40_NO_DAY);
		(*n)++;
	}
	return rc == S40_OK ? S40_OK : (enum s40_err)rc;
}

/*
 * Every check s40_membership_enrol makes, for a person not yet registered
 * whose data is p: made before p is written, so that a refused row writes
 * nothing (see the file comment).
 */
static enum s40_err imp_enrol_precheck(struct imp *im, const struct s40_person *p,
				       const struct s40_enrol *e, struct s40_ctx *ctx)
{
	struct s40_day2 d;
	if (e->day > im->reg->today)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "date",
				  "วันที่ " S40_D_TH " อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้",
				  S40_D_EN " is after today: it cannot be recorded in advance",
				  S40_D_ARGS(*s40_day2(e->day, &d)));
	if (e->recruited_by) {
		if (e->recruited_by == e->person)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "recruited_by",
					  "ผู้แนะนำต้องไม่ใช่ผู้สมัครเอง",
					  "a person cannot recruit themself");
		struct s40_person r;
		enum s40_err rc = s40_person_get(im->reg->store, e->recruited_by, &r, ctx);
		if (rc == S40_E_NOT_FOUND)
			snprintf(ctx->field, sizeof ctx->field, "recruited_by");
		if (rc)
			return rc;
	}
	struct s40_exclusion ex[IMP_MAX_EXCL];
	size_t nx;
	enum s40_err rc = imp_exclusions(im, p->id, ex, IMP_MAX_EXCL, &nx, ctx);
	if (rc)
		return rc;
	struct s40_applicant a = {
		.birth_day = p->birth_day, .thai = p->thai, .excl = ex, .n_excl = nx
	};
	int age;
	unsigned why = s40_eligibility(&a, e->day, &age);
	return why ? s40_eligibility_refuse(why, age, e->day, ctx) : S40_OK;
}

static enum s40_err imp_row_enrol(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_enrol e = { .idempotent = 1 };
	enum s40_err rc;
	if ((rc = imp_id(im, COL_ID, &e.person, ctx)) || (rc = imp_option(im, &e.option, ctx)) ||
	    (rc = imp_date(im, COL_DATE, 1, &e.day, ctx)) ||
	    (rc = imp_channel(im, &e.channel, ctx)))
		return rc;
	if (!is_blank(imp_get(im, COL_RECRUITED_BY)) &&
	    (rc = imp_id(im, COL_RECRUITED_BY, &e.recruited_by, ctx)))
		return rc;

	int added = 0;
	if (im->person_cols &&
	    !(is_blank(imp_get(im, COL_FIRST)) && is_blank(imp_get(im, COL_LAST)) &&
	      is_blank(imp_get(im, COL_VILLAGE)))) {
		/* A registered person's columns are not read: the register stands,
		 * and changes to it go through a persons import. */
		struct s40_person p;
		rc = s40_person_get(im->reg->store, e.person, &p, ctx);
		if (rc == S40_E_NOT_FOUND) {
			s40_ctx_clear(ctx);
			s40_person_clear(&p);
			p.id = e.person;
			if ((rc = imp_person_fill(im, &p, ctx)) ||
			    (rc = s40_person_check(im->reg, &p, ctx)) ||
			    (rc = imp_enrol_precheck(im, &p, &e, ctx)) ||
			    (rc = s40_person_add(im->reg, &p, &added, ctx)))
				return rc;
		} else if (rc) {
			return rc;
		}
	}
	int enrolled = 0;
	rc = s40_membership_enrol(im->reg, &e, NULL, &enrolled, ctx);
	if (rc && added)
		return imp_half_written(im, rc, ctx);
	*changed = added || enrolled;
	return rc;
}

static enum s40_err imp_row_exclusion(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_excl_rec x;
	memset(&x, 0, sizeof x);
	enum s40_err rc;
	if ((rc = imp_id(im, COL_ID, &x.person, ctx)) || (rc = imp_need(im, COL_KIND, ctx)))
		return rc;
	x.e.kind = s40_excl_kind_parse(imp_get(im, COL_KIND));
	if (x.e.kind == 0)
		return s40_errorf(
			ctx, S40_E_BAD_REASON, "kind",
			"ประเภท '%s' ไม่อยู่ในรายการ (มาตรา 33, มาตรา 39, ข้าราชการ, "
			"รัฐวิสาหกิจ)",
			"kind '%s' is not one of s33, s39, civil_servant, state_enterprise",
			imp_get(im, COL_KIND));
	if ((rc = imp_date(im, COL_START, 0, &x.e.start_day, ctx)) ||
	    (rc = imp_date(im, COL_END, 0, &x.e.end_day, ctx)) ||
	    (rc = imp_copy(im, COL_SOURCE, x.source, sizeof x.source, ctx)))
		return rc;
	if (is_blank(x.source))
		text_copy(x.source, sizeof x.source, im->source);
	int ended = 0;
	rc = s40_exclusion_add(im->reg, &x, changed, &ended, ctx);
	if (rc && (*changed || ended))
		return imp_half_written(im, rc, ctx);
	return rc;
}

static enum s40_err imp_row_village(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	enum s40_err rc;
	int32_t code;
	if ((rc = imp_need(im, COL_CODE, ctx)) ||
	    (rc = s40_area_parse(imp_get(im, COL_CODE), "code", &code, ctx)) ||
	    (rc = imp_need(im, COL_NAME_TH, ctx)))
		return rc;
	int moo = -1;
	const char *ms = imp_get(im, COL_MOO);
	if (!is_blank(ms)) {
		char w[64];
		if (word_fold(ms, w, sizeof w) == 0) {
			const char *p = skip_prefix(w, "หมู่ที่");
			p = skip_prefix(p, "หมู่");
			p = skip_prefix(p, "ม.");
			p = skip_prefix(p, "moo");
			moo = small_number(p);
		}
		if (moo < 1 || moo > 99)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "moo", "หมู่ที่ '%s' ต้องเป็นเลข 1 ถึง 99",
					  "moo '%s' is not a number from 1 to 99", ms);
	}
	enum s40_level level = s40_area_level(code);
	if (level == S40_LEVEL_SUBDISTRICT) {
		if (moo < 0)
			return s40_errorf(ctx, S40_E_MISSING, "moo", "รหัส %d เป็นรหัสตำบล ต้องระบุหมู่ที่",
					  "%d is a subdistrict code: the moo is required",
					  (int)code);
		code = code * 100 + moo;
	} else if (level == S40_LEVEL_VILLAGE) {
		if (moo >= 0 && moo != code % 100)
			return s40_errorf(ctx, S40_E_BAD_VALUE, "moo", "หมู่ที่ %d ไม่ตรงกับรหัสหมู่บ้าน %d",
					  "moo %d does not match village code %d", moo, (int)code);
	} else {
		return s40_errorf(ctx, S40_E_BAD_AREA, "code",
				  "รหัส %d ไม่ใช่รหัสหมู่บ้าน 8 หลัก หรือรหัสตำบล 6 หลักกับหมู่ที่",
				  "%d is neither an 8-digit village code nor a 6-digit subdistrict "
				  "code with a moo",
				  (int)code);
	}
	/* Without a name_en column the English name stays as it is. */
	const char *name_en = imp_get(im, COL_NAME_EN);
	struct s40_area_rec a;
	if (im->pos[COL_NAME_EN] < 0) {
		struct s40_ctx c2;
		s40_ctx_clear(&c2);
		rc = s40_area_get(im->reg->store, code, &a, &c2);
		if (rc == S40_OK)
			name_en = a.name_en;
		else if (rc != S40_E_UNKNOWN_AREA) {
			*ctx = c2;
			return rc;
		}
	}
	return s40_area_set_village(im->reg, code, imp_get(im, COL_NAME_TH), name_en, changed, ctx);
}

/*
 * A payment row: the person's ID, the receipt, the paid day, the first
 * contribution month (and the last, else the same), the amount in baht, the
 * extra savings a month (blank 0) and the channel (blank: counter service, the
 * usual source of such files). The ledger checks every rule before it writes.
 */
static enum s40_err imp_row_payment(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	struct s40_payment p;
	memset(&p, 0, sizeof p);
	int64_t extra = 0;
	enum s40_err rc;
	if (im->rates.v == NULL && s40_rates_load(&im->rates, ctx) != S40_OK) {
		ctx->code = S40_E_INTERNAL; /* the built-in table: a bug, not a bad row */
		return S40_E_INTERNAL;
	}
	if ((rc = imp_id(im, COL_ID, &p.person, ctx)) || (rc = imp_need(im, COL_RECEIPT, ctx)) ||
	    (rc = imp_copy(im, COL_RECEIPT, p.receipt, sizeof p.receipt, ctx)) ||
	    (rc = imp_date(im, COL_PAID_DATE, 1, &p.paid_day, ctx)) ||
	    (rc = imp_need(im, COL_FROM_MONTH, ctx)) ||
	    (rc = s40_month_range_parse(imp_get(im, COL_FROM_MONTH), "from_month", &p.first_month,
					&p.last_month, ctx)) ||
	    (!is_blank(imp_get(im, COL_TO_MONTH)) &&
	     (rc = s40_month_parse(imp_get(im, COL_TO_MONTH), "to_month", &p.last_month, ctx))) ||
	    (rc = imp_need(im, COL_AMOUNT, ctx)) ||
	    (rc = s40_baht_parse(imp_get(im, COL_AMOUNT), "amount", &p.total, ctx)) ||
	    (!is_blank(imp_get(im, COL_EXTRA)) &&
	     (rc = s40_baht_parse(imp_get(im, COL_EXTRA), "extra", &extra, ctx))))
		return rc;
	char w[96];
	const char *ch = imp_get(im, COL_CHANNEL);
	p.channel = S40_PAY_COUNTER;
	if (!is_blank(ch) &&
	    (word_fold(ch, w, sizeof w) != 0 || (p.channel = s40_pay_channel_parse(w)) == 0))
		return s40_errorf(ctx, S40_E_BAD_VALUE, "channel",
				  "ช่องทาง '%s' ไม่อยู่ในรายการ (สำนักงาน, เคาน์เตอร์เซอร์วิส, ธนาคาร, "
				  "แอป, ตัวแทน)",
				  "channel '%s' is not one of office, counter, bank, app, "
				  "representative",
				  ch);
	return s40_ledger_pay(im->reg, &im->rates, &p, extra, changed, ctx);
}

/* A survey row: one resident of the survey of a village on a day, added to
 * that survey (registry/survey.h), so that a file may hold many villages. */
static enum s40_err imp_row_survey(struct imp *im, int *changed, struct s40_ctx *ctx)
{
	enum s40_err rc;
	int32_t village, day;
	struct s40_survey_entry e = { 0, 0, 0 };
	if ((rc = imp_need(im, COL_VILLAGE, ctx)) ||
	    (rc = s40_area_parse(imp_get(im, COL_VILLAGE), "village", &village, ctx)) ||
	    (rc = imp_date(im, COL_DATE, 1, &day, ctx)) || (rc = imp_id(im, COL_ID, &e.person, ctx)) ||
	    (rc = imp_need(im, COL_STATUS, ctx)))
		return rc;
	e.status = s40_survey_status_parse(imp_get(im, COL_STATUS));
	if (e.status == 0)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "status",
				  "สถานะ '%s' ไม่อยู่ในรายการ (มาตรา40, มาตรา33, มาตรา39, ข้าราชการ, "
				  "รัฐวิสาหกิจ, ไม่มีหลักประกัน, ไม่มีสิทธิ)",
				  "status '%s' is not one of member, s33, s39, civil_servant, "
				  "state_enterprise, uninsured, ineligible",
				  imp_get(im, COL_STATUS));
	if (!is_blank(imp_get(im, COL_REASON))) {
		e.reason = s40_survey_reason_parse(imp_get(im, COL_REASON));
		if (e.reason == 0)
			return s40_errorf(ctx, S40_E_BAD_REASON, "reason",
					  "เหตุผล '%s' ไม่อยู่ในรายการ (นักเรียน, อายุ, ไม่ใช่สัญชาติไทย, อื่นๆ)",
					  "reason '%s' is not one of student, age, not_thai, other",
					  imp_get(im, COL_REASON));
	}
	struct s40_survey_result res;
	rc = s40_survey_add(im->reg, village, day, &e, 1, &res, ctx);
	*changed = rc == S40_OK && res.unchanged == 0;
	return rc;
}

/* Check and apply the current row (n fields). *changed: whether it wrote. */
static enum s40_err imp_row(struct imp *im, size_t n, int *changed, struct s40_ctx *ctx)
{
	*changed = 0;
	if (n != im->n_cols)
		return s40_errorf(ctx, S40_E_CSV_COLUMNS, NULL,
				  "แถวที่บรรทัด %ld มี %zu คอลัมน์ แต่หัวตารางมี %zu คอลัมน์",
				  "the row on line %ld has %zu columns; the header has %zu",
				  s40_csv_line(im->csv), n, im->n_cols);
	switch (im->o->kind) {
	case S40_IMPORT_PERSONS:
		return imp_row_person(im, changed, ctx);
	case S40_IMPORT_ENROLMENTS:
		return imp_row_enrol(im, changed, ctx);
	case S40_IMPORT_EXCLUSIONS:
		return imp_row_exclusion(im, changed, ctx);
	case S40_IMPORT_VILLAGES:
		return imp_row_village(im, changed, ctx);
	case S40_IMPORT_SURVEY:
		return imp_row_survey(im, changed, ctx);
	case S40_IMPORT_PAYMENTS:
		return imp_row_payment(im, changed, ctx);
	}
	return s40_errorf(ctx, S40_E_INTERNAL, NULL, NULL, NULL);
}

/* Whether every field of the current record (n fields) is blank: a row an
 * editor left behind (",,,"), skipped and not counted. */
static int imp_row_blank(const struct imp *im, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank(s40_csv_field(im->csv, i)))
			return 0;
	return 1;
}

/*
 * Whether the raw record ends inside a quoted field: the reader's quote error
 * was then an unterminated quote that ran to the end of the file, not a
 * misplaced one inside a line. Follows the reader's own states.
 */
static int raw_quote_open(const char *raw, size_t len)
{
	enum {
		START,
		UNQUOTED,
		QUOTED,
		QUOTE_SEEN
	} st = START;
	for (size_t i = 0; i < len; i++) {
		char c = raw[i];
		switch (st) {
		case START:
			st = c == '"' ? QUOTED : (c == ',' ? START : UNQUOTED);
			break;
		case UNQUOTED:
			if (c == ',')
				st = START;
			break;
		case QUOTED:
			if (c == '"')
				st = QUOTE_SEEN;
			break;
		case QUOTE_SEEN:
			if (c == '"')
				st = QUOTED;
			else if (c == ',')
				st = START;
			else
				return 0; /* misplaced: the reader skips the rest of the line */
			break;
		}
	}
	return st == QUOTED;
}

/* Bytes of the UTF-8 sequence at s[0..len), or 0 if it is not one (or NUL). */
static size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need;
	if (c >= 0x01 && c <= 0x7f)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed)
			hi = 0x9f; /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* past U+10FFFF */
	} else {
		return 0;
	}
	if (len <= need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k <= need; k++)
		if (s[k] < 0x80 || s[k] > 0xbf)
			return 0;
	return need + 1;
}

/*
 * The raw record as it goes in a reject file: as it was, except that bytes
 * which are not UTF-8 (and NUL) become U+FFFD, so that a reject file is always
 * UTF-8 and opens anywhere; the message names the byte.
 */
static const char *imp_reject_row(struct imp *im, const char *raw, size_t len)
{
	if (strlen(raw) == len && s40_utf8_valid(raw, len))
		return raw;
	s40_buf_reset(&im->clean);
	const unsigned char *s = (const unsigned char *)raw;
	for (size_t i = 0; i < len;) {
		size_t k = utf8_seq_len(s + i, len - i);
		if (s40_buf_add(&im->clean, k ? raw + i : "\xef\xbf\xbd", k ? k : 3))
			break; /* over the cap: the beginning will do */
		i += k ? k : 1;
	}
	return s40_buf_str(&im->clean);
}

/* Write one reject line (raw: the record, len bytes) and remember the first. */
static void imp_reject(struct imp *im, long line, const struct s40_ctx *c, const char *raw,
		       size_t len)
{
	const char *column = imp_column_of(im, c->field);
	im->res->bad++;
	if (im->first_bad.code == S40_OK) {
		im->first_bad = *c;
		im->first_bad.line = line;
		text_copy(im->first_bad.field, sizeof im->first_bad.field, column);
	}
	if (im->o->rejects == NULL)
		return;
	char num[24];
	snprintf(num, sizeof num, "%ld", line);
	const char *f[6] = { num,
			     column,
			     s40_errname(c->code),
			     s40_errmsg(c, S40_LANG_TH),
			     s40_errmsg(c, S40_LANG_EN),
			     imp_reject_row(im, raw, len) };
	s40_csv_write_row(im->o->rejects, f, 6);
}

/* ---- the file ---- */

static ssize_t imp_hash_read(void *cookie, char *buf, size_t n)
{
	struct imp_hash_reader *h = cookie;
	size_t got = fread(buf, 1, n, h->in);
	if (got == 0 && ferror(h->in))
		return -1;
	crypto_hash_sha256_update(&h->sha, (const unsigned char *)buf, got);
	return (ssize_t)got;
}

int s40_import_kind_parse(const char *s)
{
	static const struct {
		const char *name;
		int kind;
	} names[] = {
		{ "persons", S40_IMPORT_PERSONS },	 { "person", S40_IMPORT_PERSONS },
		{ "enrolments", S40_IMPORT_ENROLMENTS }, { "enrollments", S40_IMPORT_ENROLMENTS },
		{ "enrolment", S40_IMPORT_ENROLMENTS },	 { "exclusions", S40_IMPORT_EXCLUSIONS },
		{ "exclusion", S40_IMPORT_EXCLUSIONS },	 { "villages", S40_IMPORT_VILLAGES },
		{ "village", S40_IMPORT_VILLAGES },	 { "payments", S40_IMPORT_PAYMENTS },
		{ "payment", S40_IMPORT_PAYMENTS },
		{ "survey", S40_IMPORT_SURVEY },	 { "surveys", S40_IMPORT_SURVEY },
	};
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, s) == 0)
			return names[i].kind;
	return -1;
}

const char *s40_import_kind_name(enum s40_import_kind kind)
{
	static const char *const names[] = { "persons",  "enrolments", "exclusions",
					     "villages", "payments",   "survey" };
	return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "";
}

/* The last path component of name. */
static const char *base_name(const char *name)
{
	const char *slash = strrchr(name, '/');
	return slash ? slash + 1 : name;
}

/*
 * The import's journal entry: op "import.<kind>", entity "import:<file>", and a
 * JSON detail with the file, its SHA-256 and the counts. *seq gets its number,
 * which must be the one the rows carry.
 */
static enum s40_err imp_journal(struct imp *im, const uint8_t sha[32], int64_t *seq,
				struct s40_ctx *ctx)
{
	char hex[65];
	sodium_bin2hex(hex, sizeof hex, sha, 32);
	const char *name = im->o->name ? im->o->name : "-";
	if (!s40_utf8_valid(name, strlen(name)))
		name = "?";
	char op[48], entity[64];
	snprintf(op, sizeof op, "import.%s", im->kd->name);
	snprintf(entity, sizeof entity, "import:");
	text_append(entity, sizeof entity, base_name(name));
	const struct s40_import_result *r = im->res;
	json_t *d = json_pack("{s:s, s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I}", "kind", im->kd->name,
			      "file", name, "sha256", hex, "partial", im->o->partial != 0, "rows",
			      (json_int_t)r->rows, "good", (json_int_t)r->good, "bad",
			      (json_int_t)r->bad, "changed", (json_int_t)r->changed, "unchanged",
			      (json_int_t)r->unchanged);
	char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(d);
	if (detail == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err rc = s40_journal_append(im->reg, op, entity, detail, seq, ctx);
	free(detail);
	return rc;
}

/* The sequence number the import's journal entry will get. */
static enum s40_err imp_next_seq(struct imp *im, int64_t *seq, struct s40_ctx *ctx)
{
	struct s40_stmt *s = s40_store_stmt(im->reg->store, S40_Q_JOURNAL_LAST, ctx);
	if (s == NULL)
		return ctx->code ? ctx->code : S40_E_DB;
	int rc = s40_stmt_step(s, ctx);
	*seq = 1;
	if (rc == S40_ROW) {
		*seq = s40_col_int64(s, 0) + 1;
		s40_stmt_reset(s);
		return S40_OK;
	}
	return (enum s40_err)rc;
}

/*
 * Read the rows after the header, in the outer transaction. Returns S40_OK when
 * every row was read (bad ones rejected), or the error that stops the import
 * (an unterminated quote, a database failure) with its detail on ctx.
 */
static enum s40_err imp_rows(struct imp *im, struct s40_ctx *ctx)
{
	struct s40_import_result *res = im->res;
	struct s40_ctx rctx;
	for (;;) {
		size_t n;
		long rows_before = res->rows;
		s40_ctx_clear(&rctx);
		enum s40_err rc = s40_csv_next(im->csv, &n, &rctx);
		if (rc == S40_OK && n == 0)
			return S40_OK;
		size_t raw_len;
		const char *raw = s40_csv_raw(im->csv, &raw_len);
		if (rc != S40_OK) {
			if (rc == S40_E_IO || rc == S40_E_NOMEM) {
				*ctx = rctx;
				return rc;
			}
			res->rows++;
			imp_reject(im, rctx.line ? rctx.line : s40_csv_line(im->csv), &rctx, raw,
				   raw_len);
			if (rc == S40_E_CSV_QUOTE && raw_quote_open(raw, raw_len)) {
				*ctx = rctx;
				return rc;
			}
		} else if (!imp_row_blank(im, n)) {
			res->rows++;
			int changed = 0;
			rc = imp_row(im, n, &changed, &rctx);
			if (rc == S40_OK) {
				res->good++;
				if (changed)
					res->changed++;
				else
					res->unchanged++;
			} else if (imp_fatal(rc)) {
				*ctx = rctx;
				if (ctx->line == 0)
					ctx->line = s40_csv_line(im->csv);
				return rc;
			} else {
				imp_reject(im, s40_csv_line(im->csv), &rctx, raw, raw_len);
			}
		}
		if (im->o->progress && res->rows != rows_before &&
		    res->rows % IMP_PROGRESS_EVERY == 0)
			im->o->progress(im->o->progress_arg, s40_csv_offset(im->csv), res->rows);
	}
}

/* Read the header and match it; a fault is written to the rejects as line 1. */
static enum s40_err imp_read_header(struct imp *im, struct s40_ctx *ctx)
{
	size_t n;
	enum s40_err rc = s40_csv_next(im->csv, &n, ctx);
	if (rc == S40_OK && n == 0)
		rc = s40_errorf(ctx, S40_E_CSV_HEADER, NULL, "ไฟล์ว่าง ไม่มีหัวตาราง",
				"the file is empty: there is no header row");
	else if (rc == S40_OK)
		rc = imp_header(im, n, ctx);
	if (rc && rc != S40_E_IO && rc != S40_E_NOMEM) {
		if (ctx->line == 0)
			ctx->line = n ? s40_csv_line(im->csv) : 1;
		size_t raw_len;
		const char *raw = s40_csv_raw(im->csv, &raw_len);
		imp_reject(im, ctx->line, ctx, raw, raw_len);
		im->res->bad = 0; /* a header is not a row */
	}
	return rc;
}

/* The commit: the journal entry with the hash and counts, then the outer end. */
static enum s40_err imp_commit(struct imp *im, struct imp_hash_reader *h, struct s40_ctx *ctx)
{
	if (im->o->rejects && (fflush(im->o->rejects) != 0 || ferror(im->o->rejects)))
		return s40_errorf(ctx, S40_E_IO, NULL, "เขียนไฟล์แถวที่ถูกปฏิเสธไม่ได้",
				  "could not write the reject file");
	uint8_t sha[32];
	crypto_hash_sha256_final(&h->sha, sha);
	int64_t seq = 0;
	enum s40_err rc = imp_journal(im, sha, &seq, ctx);
	if (rc == S40_OK && seq != im->reg->batch_seq)
		rc = s40_errorf(ctx, S40_E_INTERNAL, NULL,
				"รายการ journal ของการนำเข้าได้ลำดับ %lld แต่แถวใช้ลำดับ %lld",
				"the import's journal entry got seq %lld but its rows carry %lld",
				(long long)seq, (long long)im->reg->batch_seq);
	if (rc == S40_OK)
		im->res->journal_seq = seq;
	return rc;
}

enum s40_err s40_import_run(struct s40_reg *reg, FILE *in, const struct s40_import_opts *o,
			    struct s40_import_result *res, struct s40_ctx *ctx)
{
	struct s40_import_result res_local;
	struct s40_ctx ctx_local;
	if (res == NULL)
		res = &res_local;
	if (ctx == NULL)
		ctx = &ctx_local;
	memset(res, 0, sizeof *res);
	s40_ctx_clear(ctx);
	if (o == NULL || (unsigned)o->kind > S40_IMPORT_SURVEY || in == NULL)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "เรียกใช้การนำเข้าไม่ถูกต้อง",
				  "the import was called wrongly");
	if (reg->batch_seq != 0)
		return s40_errorf(ctx, S40_E_USAGE, NULL, "การนำเข้าซ้อนกันไม่ได้",
				  "imports do not nest");
	if (sodium_init() < 0)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "เริ่ม libsodium ไม่ได้",
				  "libsodium could not start");

	struct imp *im = calloc(1, sizeof *im);
	if (im == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	im->reg = reg;
	im->o = o;
	im->kd = &kind_defs[o->kind];
	im->res = res;
	for (int c = 0; c < COL__N; c++)
		im->pos[c] = -1;
	s40_buf_init(&im->clean, S40_CSV_MAX_ROW * 3);
	text_copy(im->source, sizeof im->source, o->name ? base_name(o->name) : "");

	struct imp_hash_reader h = { .in = in };
	crypto_hash_sha256_init(&h.sha);
	cookie_io_functions_t fns = { .read = imp_hash_read };
	FILE *f = fopencookie(&h, "r", fns);
	enum s40_err rc = S40_OK;
	if (f == NULL || (im->csv = s40_csv_open(f)) == NULL) {
		rc = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	if (o->rejects) {
		static const char *const head[6] = { "line",	   "column",	 "code",
						     "message_th", "message_en", "row" };
		s40_csv_write_row(o->rejects, head, 6);
	}
	if ((rc = imp_map_parse(im, ctx)) || (rc = imp_read_header(im, ctx)))
		goto out;

	if ((rc = s40_reg_begin(reg, ctx)))
		goto out;
	s40_store_bulk(reg->store, true);
	int64_t seq = 0;
	rc = imp_next_seq(im, &seq, ctx);
	if (rc == S40_OK) {
		reg->batch_seq = seq;
		rc = imp_rows(im, ctx);
	}
	if (o->progress)
		o->progress(o->progress_arg, s40_csv_offset(im->csv), res->rows);
	if (rc == S40_OK && res->bad && !o->partial) {
		const struct s40_ctx *b = &im->first_bad;
		rc = s40_errorf(ctx, S40_E_REJECTED, b->field,
				"%ld แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด %ld",
				"%ld bad rows, so nothing was written; the first, on line %ld",
				res->bad, b->line);
		imp_msg_append(ctx, b);
		ctx->line = b->line;
	}
	/* A file that changes nothing (imported before) writes nothing, not even a
	 * journal entry: the database stays exactly as it was. */
	if (rc == S40_OK && res->changed > 0)
		rc = imp_commit(im, &h, ctx);
	/* The outer end: commit when rc is S40_OK, else roll back. Its own
	 * failure (a commit that failed) replaces rc; a rollback keeps ctx. */
	struct s40_ctx ectx;
	s40_ctx_clear(&ectx);
	enum s40_err erc = s40_reg_end(reg, rc, &ectx);
	s40_store_bulk(reg->store, false);
	reg->batch_seq = 0;
	if (rc == S40_OK && erc != S40_OK) {
		*ctx = ectx;
		rc = erc;
		res->journal_seq = 0;
	}
	res->committed = rc == S40_OK && res->changed > 0;
	if (rc != S40_OK)
		res->journal_seq = 0;
out:
	s40_csv_close(im->csv);
	if (f)
		fclose(f);
	s40_buf_free(&im->map_text);
	s40_buf_free(&im->hdr_text);
	s40_buf_free(&im->clean);
	s40_rates_free(&im->rates);
	free(im);
	return rc;
}
