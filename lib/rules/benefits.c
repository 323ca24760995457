/*
 * benefits.c — the benefit rules by date (DOMAIN.md §4), read from a CSV table
 * (data/benefits.csv, embedded) through the core CSV reader and checked whole
 * before use, as rates.c does for the rates: a wrong edit fails the tests, not
 * a member's benefit check.
 */
#include "rules/benefits.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/embed.h"

#define BR_N_COLUMNS 18
#define BR_MAX_ROWS 10000

static const char *const br_columns[BR_N_COLUMNS] = {
	"version",   "from_day",	"case",		  "part",	  "options",
	"amount_baht", "per",		"window_months",  "min_paid",	  "min_total_paid",
	"min_units", "max_units",	"age",		  "cap_per_year", "cap_group",
	"duration_months", "status",	"source",
};

static const struct {
	const char *key;
	const char *th;
	const char *en;
} case_names[S40_CASE__END] = {
	[S40_CASE_INPATIENT] = { "inpatient", "เจ็บป่วย (ผู้ป่วยใน)", "sickness (in-patient)" },
	[S40_CASE_REST] = { "rest", "เจ็บป่วย (แพทย์สั่งให้หยุดพัก)", "sickness (ordered rest)" },
	[S40_CASE_OUTPATIENT] = { "outpatient", "เจ็บป่วย (ผู้ป่วยนอก ไม่หยุดพัก)",
				  "sickness (out-patient, no rest)" },
	[S40_CASE_DISABILITY] = { "disability", "ทุพพลภาพ", "disability" },
	[S40_CASE_DEATH] = { "death", "ตาย", "death" },
	[S40_CASE_CHILD] = { "child", "สงเคราะห์บุตร", "child allowance" },
	[S40_CASE_OLDAGE] = { "oldage", "ชราภาพ", "old age" },
};

int s40_case_parse(const char *s)
{
	static const struct {
		const char *w;
		int c;
	} words[] = {
		{ "ผู้ป่วยใน", S40_CASE_INPATIENT },  { "นอนโรงพยาบาล", S40_CASE_INPATIENT },
		{ "หยุดพัก", S40_CASE_REST },	     { "ผู้ป่วยนอก", S40_CASE_OUTPATIENT },
		{ "ทุพพลภาพ", S40_CASE_DISABILITY }, { "ตาย", S40_CASE_DEATH },
		{ "เสียชีวิต", S40_CASE_DEATH },     { "บุตร", S40_CASE_CHILD },
		{ "สงเคราะห์บุตร", S40_CASE_CHILD }, { "ชราภาพ", S40_CASE_OLDAGE },
		{ "old_age", S40_CASE_OLDAGE },
	};
	if (s == NULL)
		return 0;
	for (int c = 1; c < S40_CASE__END; c++)
		if (strcmp(case_names[c].key, s) == 0)
			return c;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].w, s) == 0)
			return words[i].c;
	return 0;
}

const char *s40_case_key(int c)
{
	return c > 0 && c < S40_CASE__END ? case_names[c].key : "";
}

const char *s40_case_name(int c, enum s40_lang lang)
{
	if (c <= 0 || c >= S40_CASE__END)
		return lang == S40_LANG_TH ? "กรณีที่ไม่รู้จัก" : "unknown case";
	return lang == S40_LANG_TH ? case_names[c].th : case_names[c].en;
}

/* Record a table fault at line on ctx ("benefits table line N: …"). */
static enum s40_err br_fail(struct s40_ctx *ctx, enum s40_err code, const char *field, long line,
			    const char *fmt_th, const char *fmt_en, ...)
	__attribute__((format(printf, 6, 7)));

static enum s40_err br_fail(struct s40_ctx *ctx, enum s40_err code, const char *field, long line,
			    const char *fmt_th, const char *fmt_en, ...)
{
	if (ctx == NULL)
		return code;
	char th[300], en[200];
	va_list ap, ap2;
	va_start(ap, fmt_en);
	va_copy(ap2, ap);
	vsnprintf(th, sizeof th, fmt_th, ap);
	vsnprintf(en, sizeof en, fmt_en, ap2);
	va_end(ap2);
	va_end(ap);
	s40_errorf(ctx, code, field, "ตารางประโยชน์ทดแทน บรรทัด %ld: %s%.0s",
		   "benefits table line %ld: %.0s%s", line, th, en);
	ctx->line = line;
	return code;
}

/* A whole number 0 … 100000 written in ASCII digits. */
static int parse_count(const char *s, int *v)
{
	long x = 0;
	size_t i = 0;
	for (; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 6)
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	if (i == 0 || x > 100000)
		return -1;
	*v = (int)x;
	return 0;
}

/* A non-negative baht amount with at most two decimals, exactly into satang. */
static int parse_baht(const char *s, int64_t *satang)
{
	int64_t baht = 0, sub = 0;
	size_t n_int = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++n_int > 12)
			return -1;
		baht = baht * 10 + (*p - '0');
	}
	if (n_int == 0)
		return -1;
	if (*p == '.') {
		int n_dec = 0;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++n_dec > 2)
				return -1;
			sub = sub * 10 + (*p - '0');
		}
		if (n_dec == 0)
			return -1;
		if (n_dec == 1)
			sub *= 10;
	}
	if (*p != '\0')
		return -1;
	*satang = baht * 100 + sub;
	return 0;
}

/* "YYYY-MM-DD" (CE), a day that exists. */
static int parse_iso_day(const char *s, int32_t *day)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1800 || y >= 2400 || !s40_ymd_valid(y, m, d))
		return -1;
	*day = s40_day_from_ymd(y, m, d);
	return 0;
}

/* "1", "3", "1-2", "2-3", "1-3". */
static int parse_options(const char *s, int *lo, int *hi)
{
	if (s[0] >= '1' && s[0] <= '3' && s[1] == '\0') {
		*lo = *hi = s[0] - '0';
		return 0;
	}
	if (s[0] >= '1' && s[0] <= '3' && s[1] == '-' && s[2] >= '1' && s[2] <= '3' &&
	    s[3] == '\0' && s[0] < s[2]) {
		*lo = s[0] - '0';
		*hi = s[2] - '0';
		return 0;
	}
	return -1;
}

static int parse_per(const char *s)
{
	static const char *const pers[] = { NULL, "day", "visit", "month", "once" };
	for (int i = 1; i <= S40_PER_ONCE; i++)
		if (strcmp(s, pers[i]) == 0)
			return i;
	return 0;
}

/* Copy s into dst (size n) when it fits and is a plain word; -1 otherwise. */
static int copy_word(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n)
		return -1;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return -1;
	memcpy(dst, s, len + 1);
	return 0;
}

static enum s40_err parse_row(struct s40_csv *csv, size_t n_fields, struct s40_benefit_rule *b,
			      struct s40_ctx *ctx)
{
	long line = s40_csv_line(csv);
	memset(b, 0, sizeof *b);
	b->line = line;
	if (n_fields != BR_N_COLUMNS)
		return br_fail(ctx, S40_E_CSV_COLUMNS, NULL, line, "มี %zu คอลัมน์ ต้องมี %d",
			       "%zu columns, expected %d", n_fields, BR_N_COLUMNS);
#define F(i) s40_csv_field(csv, (i))
	if (F(0)[0] == '\0' || copy_word(b->version, sizeof b->version, F(0)) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "version", line, "ชื่อรุ่น \"%s\" ไม่ถูกต้อง",
			       "version \"%s\" is not a short word", F(0));
	if (parse_iso_day(F(1), &b->from_day) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "from_day", line,
			       "วันที่มีผล \"%s\" ต้องอยู่ในรูป YYYY-MM-DD (ค.ศ.)",
			       "from_day \"%s\" must be YYYY-MM-DD (CE)", F(1));
	b->kind = s40_case_parse(F(2));
	if (b->kind == 0 || strcmp(F(2), s40_case_key(b->kind)) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "case", line, "กรณี \"%s\" ไม่รู้จัก",
			       "case \"%s\" is not known", F(2));
	if (F(3)[0] == '\0' || copy_word(b->part, sizeof b->part, F(3)) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "part", line, "ส่วน \"%s\" ไม่ถูกต้อง",
			       "part \"%s\" is not a short word", F(3));
	if (parse_options(F(4), &b->option_lo, &b->option_hi) != 0)
		return br_fail(ctx, S40_E_BAD_OPTION, "options", line,
			       "ทางเลือก \"%s\" ต้องเป็น 1, 2, 3 หรือช่วงเช่น 1-2",
			       "options \"%s\" must be 1, 2, 3 or a range such as 1-2", F(4));
	if (parse_baht(F(5), &b->amount) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "amount_baht", line,
			       "จำนวนเงิน \"%s\" ต้องเป็นบาทไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง",
			       "amount_baht \"%s\" must be non-negative baht with at most 2 decimals",
			       F(5));
	b->per = parse_per(F(6));
	if (b->per == 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "per", line,
			       "หน่วย \"%s\" ต้องเป็น day, visit, month หรือ once",
			       "per \"%s\" must be day, visit, month or once", F(6));
	int *nums[] = { &b->window,    &b->min_paid, &b->min_total_paid, &b->min_units,
			&b->max_units, &b->age,	     &b->cap_per_year };
	for (int i = 0; i < 7; i++)
		if (parse_count(F(7 + (size_t)i), nums[i]) != 0)
			return br_fail(ctx, S40_E_BAD_VALUE, br_columns[7 + i], line,
				       "%s \"%s\" ต้องเป็นจำนวนเต็มไม่ติดลบ",
				       "%s \"%s\" must be a whole number", br_columns[7 + i],
				       F(7 + (size_t)i));
	if (b->min_paid > b->window)
		return br_fail(ctx, S40_E_BAD_VALUE, "min_paid", line,
			       "ต้องจ่าย %d เดือนในช่วง %d เดือน เป็นไปไม่ได้",
			       "%d months paid in a window of %d cannot be", b->min_paid, b->window);
	if (F(14)[0] != '\0' && copy_word(b->cap_group, sizeof b->cap_group, F(14)) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "cap_group", line, "กลุ่มเพดาน \"%s\" ไม่ถูกต้อง",
			       "cap_group \"%s\" is not a short word", F(14));
	if ((b->cap_per_year > 0) != (b->cap_group[0] != '\0'))
		return br_fail(ctx, S40_E_BAD_VALUE, "cap_group", line,
			       "เพดานต่อปีต้องมีกลุ่มเพดาน และกลุ่มเพดานต้องมีเพดาน",
			       "a yearly cap needs a cap group and a cap group a cap");
	if (parse_count(F(15), &b->duration_months) != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "duration_months", line,
			       "ระยะเวลา \"%s\" ต้องเป็นจำนวนเต็มไม่ติดลบ",
			       "duration_months \"%s\" must be a whole number", F(15));
	if (strcmp(F(16), "CONFIRMED") != 0 && strcmp(F(16), "SECONDARY") != 0 &&
	    strcmp(F(16), "DECIDED") != 0)
		return br_fail(ctx, S40_E_BAD_VALUE, "status", line,
			       "สถานะ \"%s\" ต้องเป็น CONFIRMED, SECONDARY หรือ DECIDED",
			       "status \"%s\" must be CONFIRMED, SECONDARY or DECIDED", F(16));
	snprintf(b->status, sizeof b->status, "%s", F(16));
#undef F
	return S40_OK;
}

static int rule_cmp(const void *pa, const void *pb)
{
	const struct s40_benefit_rule *a = pa, *b = pb;
	if (a->from_day != b->from_day)
		return a->from_day < b->from_day ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = strcmp(a->part, b->part);
	if (c != 0)
		return c;
	if (a->option_lo != b->option_lo)
		return a->option_lo < b->option_lo ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The checks across rows (v sorted): one day per version, no overlap of options. */
static enum s40_err check_table(const struct s40_benefit_rule *v, size_t n, struct s40_ctx *ctx)
{
	if (n == 0)
		return br_fail(ctx, S40_E_CSV_HEADER, NULL, 1, "ไม่มีกฎ", "no rules");
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++) {
			if (strcmp(v[i].version, v[j].version) == 0 && v[i].from_day != v[j].from_day)
				return br_fail(ctx, S40_E_BAD_VALUE, "from_day", v[i].line,
					       "รุ่น %s มีวันที่มีผลสองวัน (ดูบรรทัด %ld)",
					       "version %s has two effective days (see line %ld)",
					       v[i].version, v[j].line);
			if (strcmp(v[i].version, v[j].version) != 0 && v[i].from_day == v[j].from_day)
				return br_fail(ctx, S40_E_BAD_VALUE, "version", v[i].line,
					       "รุ่น %s และ %s มีผลวันเดียวกัน",
					       "versions %s and %s start on the same day",
					       v[i].version, v[j].version);
			if (v[i].from_day == v[j].from_day && v[i].kind == v[j].kind &&
			    strcmp(v[i].part, v[j].part) == 0 && v[i].option_lo <= v[j].option_hi &&
			    v[j].option_lo <= v[i].option_hi)
				return br_fail(ctx, S40_E_BAD_VALUE, "options", v[i].line,
					       "ซ้ำกับบรรทัด %ld (กรณี ส่วน และทางเลือกเดียวกัน)",
					       "repeats line %ld (same case, part and option)",
					       v[j].line);
		}
	return S40_OK;
}

static enum s40_err rules_read(struct s40_csv *csv, struct s40_benefit_rules *r,
			       struct s40_ctx *ctx)
{
	struct s40_benefit_rule *v = NULL;
	size_t n = 0, cap = 0;
	bool header = true;
	enum s40_err err = S40_OK;
	for (;;) {
		size_t n_fields = 0;
		if ((err = s40_csv_next(csv, &n_fields, ctx)) != S40_OK)
			goto fail;
		if (n_fields == 0)
			break;
		long line = s40_csv_line(csv);
		if (header) {
			if (n_fields != BR_N_COLUMNS) {
				err = br_fail(ctx, S40_E_CSV_HEADER, NULL, line,
					      "หัวตารางต้องมี %d คอลัมน์ แต่มี %zu",
					      "the header must have %d columns, not %zu",
					      BR_N_COLUMNS, n_fields);
				goto fail;
			}
			for (size_t i = 0; i < BR_N_COLUMNS; i++)
				if (strcmp(s40_csv_field(csv, i), br_columns[i]) != 0) {
					err = br_fail(ctx, S40_E_CSV_HEADER, br_columns[i], line,
						      "คอลัมน์ที่ %zu ต้องชื่อ %s",
						      "column %zu must be called %s", i + 1,
						      br_columns[i]);
					goto fail;
				}
			header = false;
			continue;
		}
		if (n == cap) {
			if (cap >= BR_MAX_ROWS) {
				err = br_fail(ctx, S40_E_LIMIT, NULL, line, "มีแถวเกิน %d แถว",
					      "more than %d rows", BR_MAX_ROWS);
				goto fail;
			}
			size_t ncap = cap ? cap * 2 : 64;
			struct s40_benefit_rule *nv = realloc(v, ncap * sizeof *nv);
			if (nv == NULL) {
				err = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
				goto fail;
			}
			v = nv;
			cap = ncap;
		}
		if ((err = parse_row(csv, n_fields, &v[n], ctx)) != S40_OK)
			goto fail;
		n++;
	}
	if (header) {
		err = br_fail(ctx, S40_E_CSV_HEADER, NULL, 1, "ไม่มีหัวตาราง", "no header row");
		goto fail;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, rule_cmp);
	if ((err = check_table(v, n, ctx)) != S40_OK)
		goto fail;
	r->v = v;
	r->n = n;
	return S40_OK;
fail:
	free(v);
	return err;
}

/* Parse text (len bytes of CSV) into *r; the caller frees it. */
enum s40_err s40_benefit_rules_parse(struct s40_benefit_rules *r, const char *text, size_t len,
				     struct s40_ctx *ctx)
{
	r->v = NULL;
	r->n = 0;
	if (len == 0)
		return br_fail(ctx, S40_E_CSV_HEADER, NULL, 1, "ตารางว่าง", "the table is empty");
	struct s40_csv *csv = s40_csv_open_mem(text, len);
	if (csv == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err err = rules_read(csv, r, ctx);
	s40_csv_close(csv);
	return err;
}

/* Load the table built into the program (data/benefits.csv). */
enum s40_err s40_benefit_rules_load(struct s40_benefit_rules *r, struct s40_ctx *ctx)
{
	const struct s40_embed *e = s40_embed_find("benefits.csv");
	if (e == NULL) {
		r->v = NULL;
		r->n = 0;
		return s40_errorf(ctx, S40_E_INTERNAL, NULL,
				  "ไม่มีตารางประโยชน์ทดแทน (benefits.csv) ในโปรแกรม",
				  "the benefits table (benefits.csv) is not built into the program");
	}
	return s40_benefit_rules_parse(r, (const char *)e->data, e->len, ctx);
}

/* Release the table; *r is empty afterwards. */
void s40_benefit_rules_free(struct s40_benefit_rules *r)
{
	if (r == NULL)
		return;
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* The first row of the latest version starting on or before day. */
const struct s40_benefit_rule *s40_benefit_version_on(const struct s40_benefit_rules *r,
						      int32_t day)
{
	const struct s40_benefit_rule *best = NULL;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].from_day <= day && (best == NULL || r->v[i].from_day > best->from_day))
			best = &r->v[i];
	return best;
}

/* The rows of kind for option in the version in force on day. */
size_t s40_benefit_rules_for(const struct s40_benefit_rules *r, int32_t day, int kind, int option,
			     const struct s40_benefit_rule **out, size_t max)
{
	const struct s40_benefit_rule *ver = s40_benefit_version_on(r, day);
	if (ver == NULL)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < r->n && n < max; i++) {
		const struct s40_benefit_rule *b = &r->v[i];
		if (b->from_day == ver->from_day && b->kind == kind && option >= b->option_lo &&
		    option <= b->option_hi)
			out[n++] = b;
	}
	return n;
}
