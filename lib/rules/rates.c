/*
 * rates.c — the contribution rates by option and month (DOMAIN.md §3), read
 * from a CSV table (data/rates.csv, embedded) through the core CSV reader.
 *
 * The table is checked as a whole before it is used: for each option the rows
 * must cover every month from S40_RATES_FIRST_MONTH on, without gap or
 * overlap, the last one open. A faulty table is refused naming its line, so a
 * wrong edit to data/rates.csv fails the build's tests rather than a payment.
 */
#include "rules/rates.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/embed.h"

/* The first month the table must cover (the demo has memberships from 2012). */
#define RATES_FIRST_YEAR 2012
#define RATES_FIRST_MON 1

#define RATES_N_COLUMNS 8
#define RATES_MAX_ROWS 10000

static const char *const rates_columns[RATES_N_COLUMNS] = {
	"option", "from_month", "to_month", "member_baht",
	"government_baht", "oldage_credit_baht", "status", "note",
};

/* A row while the table is read: the rate and the line it came from. */
struct rate_row {
	struct s40_rate rate;
	long line;
};

/* Parse "YYYY-MM" (CE) exactly into *month. */
static int parse_month(const char *s, int32_t *month)
{
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	/* A year from 2400 on is a Buddhist-era year typed by mistake. */
	if (y < 1800 || y >= 2400 || m < 1 || m > 12)
		return -1;
	*month = s40_month_from_ym(y, m);
	return 0;
}

/*
 * Parse a non-negative baht amount with at most two decimals ("42", "42.5",
 * "42.50") into satang, exactly: no floating point. At most 12 digits of baht.
 */
static int parse_baht(const char *s, int64_t *satang)
{
	int64_t baht = 0;
	size_t n_int = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++n_int > 12)
			return -1;
		baht = baht * 10 + (*p - '0');
	}
	if (n_int == 0)
		return -1;
	int64_t sub = 0;
	if (*p == '.') {
		p++;
		int n_dec = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
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

/*
 * Record a table fault at line on ctx: the code, the field, and the detail in
 * Thai and English after "rates table line N: ". Returns code.
 */
static enum s40_err rates_fail(struct s40_ctx *ctx, enum s40_err code, const char *field,
			       long line, const char *fmt_th, const char *fmt_en, ...)
	__attribute__((format(printf, 6, 7)));

static enum s40_err rates_fail(struct s40_ctx *ctx, enum s40_err code, const char *field,
			       long line, const char *fmt_th, const char *fmt_en, ...)
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
	s40_errorf(ctx, code, field, "ตารางอัตราเงินสมทบ บรรทัด %ld: %s%.0s",
		   "rates table line %ld: %.0s%s", line, th, en);
	ctx->line = line;
	return code;
}

/* Check the header row against rates_columns. */
static enum s40_err check_header(struct s40_csv *r, size_t n_fields, struct s40_ctx *ctx)
{
	long line = s40_csv_line(r);
	if (n_fields != RATES_N_COLUMNS)
		return rates_fail(ctx, S40_E_CSV_HEADER, NULL, line,
				  "หัวตารางต้องมี %d คอลัมน์ แต่มี %zu",
				  "the header must have %d columns, not %zu", RATES_N_COLUMNS,
				  n_fields);
	for (size_t i = 0; i < RATES_N_COLUMNS; i++)
		if (strcmp(s40_csv_field(r, i), rates_columns[i]) != 0)
			return rates_fail(ctx, S40_E_CSV_HEADER, rates_columns[i], line,
					  "คอลัมน์ที่ %zu ต้องชื่อ %s",
					  "column %zu must be called %s", i + 1, rates_columns[i]);
	return S40_OK;
}

/* Read one data row into *row, checking each value. */
static enum s40_err parse_row(struct s40_csv *r, size_t n_fields, struct rate_row *row,
			      struct s40_ctx *ctx)
{
	long line = s40_csv_line(r);
	row->line = line;
	if (n_fields != RATES_N_COLUMNS)
		return rates_fail(ctx, S40_E_CSV_COLUMNS, NULL, line, "มี %zu คอลัมน์ ต้องมี %d",
				  "%zu columns, expected %d", n_fields, RATES_N_COLUMNS);

	const char *opt = s40_csv_field(r, 0);
	if (!(opt[0] >= '1' && opt[0] <= '3' && opt[1] == '\0'))
		return rates_fail(ctx, S40_E_BAD_OPTION, "option", line,
				  "ทางเลือก \"%s\" ต้องเป็น 1, 2 หรือ 3",
				  "option \"%s\" must be 1, 2 or 3", opt);
	row->rate.option = opt[0] - '0';

	const char *from = s40_csv_field(r, 1);
	if (parse_month(from, &row->rate.from_month) != 0)
		return rates_fail(ctx, S40_E_BAD_VALUE, "from_month", line,
				  "เดือนเริ่ม \"%s\" ต้องอยู่ในรูป YYYY-MM (ค.ศ.)",
				  "from_month \"%s\" must be YYYY-MM (CE)", from);
	const char *to = s40_csv_field(r, 2);
	if (to[0] == '\0') {
		row->rate.to_month = INT32_MAX;
	} else if (parse_month(to, &row->rate.to_month) != 0) {
		return rates_fail(ctx, S40_E_BAD_VALUE, "to_month", line,
				  "เดือนสุดท้าย \"%s\" ต้องอยู่ในรูป YYYY-MM (ค.ศ.) หรือว่าง",
				  "to_month \"%s\" must be YYYY-MM (CE) or empty", to);
	} else if (row->rate.to_month < row->rate.from_month) {
		return rates_fail(ctx, S40_E_BAD_VALUE, "to_month", line,
				  "เดือนสุดท้าย %s อยู่ก่อนเดือนเริ่ม %s",
				  "to_month %s is before from_month %s", to, from);
	}

	int64_t *amounts[3] = {&row->rate.member, &row->rate.government,
			       &row->rate.oldage_credit};
	for (int i = 0; i < 3; i++) {
		const char *s = s40_csv_field(r, 3 + (size_t)i);
		if (parse_baht(s, amounts[i]) != 0)
			return rates_fail(ctx, S40_E_BAD_VALUE, rates_columns[3 + i], line,
					  "%s \"%s\" ต้องเป็นจำนวนเงินบาทไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง",
					  "%s \"%s\" must be a non-negative baht amount with "
					  "at most 2 decimals",
					  rates_columns[3 + i], s);
	}

	const char *status = s40_csv_field(r, 6);
	if (strcmp(status, "CONFIRMED") != 0 && strcmp(status, "DECIDED") != 0 &&
	    strcmp(status, "SECONDARY") != 0)
		return rates_fail(ctx, S40_E_BAD_VALUE, "status", line,
				  "สถานะ \"%s\" ต้องเป็น CONFIRMED, SECONDARY หรือ DECIDED",
				  "status \"%s\" must be CONFIRMED, SECONDARY or DECIDED", status);
	return S40_OK;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct rate_row *a = pa, *b = pb;
	if (a->rate.option != b->rate.option)
		return a->rate.option < b->rate.option ? -1 : 1;
	if (a->rate.from_month != b->rate.from_month)
		return a->rate.from_month < b->rate.from_month ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Format a month for a message, ISO (the table's own form). */
static const char *month_text(int32_t month, char *buf, size_t n)
{
	if (month == INT32_MAX)
		return "…";
	return s40_month_iso(month, buf, n);
}

/*
 * Check that rows (sorted by option, then month) cover every month of each
 * option from the first month on, without gap or overlap, the last one open.
 * last_line is the table's last line, named when an option is missing.
 */
static enum s40_err check_cover(const struct rate_row *v, size_t n, long last_line,
				struct s40_ctx *ctx)
{
	int32_t first = s40_month_from_ym(RATES_FIRST_YEAR, RATES_FIRST_MON);
	char m1[64], m2[64];
	size_t i = 0;
	for (int option = 1; option <= 3; option++) {
		if (i == n || v[i].rate.option != option)
			return rates_fail(ctx, S40_E_BAD_VALUE, "option", last_line,
					  "ไม่มีอัตราของทางเลือกที่ %d", "no rates for option %d",
					  option);
		if (v[i].rate.from_month > first)
			return rates_fail(ctx, S40_E_BAD_VALUE, "from_month", v[i].line,
					  "ทางเลือกที่ %d ไม่มีอัตราตั้งแต่ %s ถึง %s",
					  "option %d has no rate from %s to %s", option,
					  month_text(first, m1, sizeof m1),
					  month_text(v[i].rate.from_month - 1, m2, sizeof m2));
		for (; i + 1 < n && v[i + 1].rate.option == option; i++) {
			const struct rate_row *a = &v[i], *b = &v[i + 1];
			if (a->rate.to_month >= b->rate.from_month) {
				/* Name the later line of the two, and the other. */
				const struct rate_row *at = b->line > a->line ? b : a;
				const struct rate_row *other = at == b ? a : b;
				return rates_fail(ctx, S40_E_BAD_VALUE, "from_month", at->line,
						  "ทางเลือกที่ %d ช่วง %s ถึง %s ซ้อนกับบรรทัด %ld",
						  "option %d from %s to %s overlaps line %ld",
						  option,
						  month_text(at->rate.from_month, m1, sizeof m1),
						  month_text(at->rate.to_month, m2, sizeof m2),
						  other->line);
			}
			if (a->rate.to_month + 1 != b->rate.from_month)
				return rates_fail(ctx, S40_E_BAD_VALUE, "from_month", b->line,
						  "ทางเลือกที่ %d ไม่มีอัตราตั้งแต่ %s ถึง %s",
						  "option %d has no rate from %s to %s", option,
						  month_text(a->rate.to_month + 1, m1, sizeof m1),
						  month_text(b->rate.from_month - 1, m2,
							     sizeof m2));
		}
		if (v[i].rate.to_month != INT32_MAX)
			return rates_fail(ctx, S40_E_BAD_VALUE, "to_month", v[i].line,
					  "ทางเลือกที่ %d ไม่มีอัตราหลัง %s (แถวสุดท้ายต้องเว้นเดือนสุดท้ายว่าง)",
					  "option %d has no rate after %s (the last row must "
					  "have an empty to_month)",
					  option, month_text(v[i].rate.to_month, m1, sizeof m1));
		i++;
	}
	return S40_OK;
}

/* Read every row of the reader into a checked table in *r. */
static enum s40_err rates_read(struct s40_csv *csv, struct s40_rates *r, struct s40_ctx *ctx)
{
	struct rate_row *v = NULL;
	size_t n = 0, cap = 0;
	bool header = true;
	long last_line = 1;
	enum s40_err err = S40_OK;

	for (;;) {
		size_t n_fields = 0;
		err = s40_csv_next(csv, &n_fields, ctx);
		if (err != S40_OK)
			goto out;
		if (n_fields == 0)
			break;
		last_line = s40_csv_line(csv);
		if (header) {
			err = check_header(csv, n_fields, ctx);
			if (err != S40_OK)
				goto out;
			header = false;
			continue;
		}
		if (n == cap) {
			if (cap == RATES_MAX_ROWS) {
				err = rates_fail(ctx, S40_E_LIMIT, NULL, last_line,
						 "มีแถวเกิน %d แถว", "more than %d rows",
						 RATES_MAX_ROWS);
				goto out;
			}
			size_t ncap = cap ? cap * 2 : 32;
			if (ncap > RATES_MAX_ROWS)
				ncap = RATES_MAX_ROWS;
			struct rate_row *nv = realloc(v, ncap * sizeof *nv);
			if (nv == NULL) {
				err = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
				goto out;
			}
			v = nv;
			cap = ncap;
		}
		err = parse_row(csv, n_fields, &v[n], ctx);
		if (err != S40_OK)
			goto out;
		n++;
	}
	if (header) {
		err = rates_fail(ctx, S40_E_CSV_HEADER, NULL, 1, "ไม่มีหัวตาราง", "no header row");
		goto out;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, row_cmp);
	err = check_cover(v, n, last_line, ctx);
	if (err != S40_OK)
		goto out;

	r->v = malloc(n * sizeof *r->v);
	if (r->v == NULL) {
		err = s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		r->v[i] = v[i].rate;
	r->n = n;
out:
	free(v);
	return err;
}

/*
 * Parse text (len bytes, UTF-8 CSV with the columns of data/rates.csv) into
 * *r, which the caller frees with s40_rates_free. On failure *r is empty and
 * ctx names the line and the column at fault.
 */
enum s40_err s40_rates_parse(struct s40_rates *r, const char *text, size_t len,
			     struct s40_ctx *ctx)
{
	r->v = NULL;
	r->n = 0;
	if (len == 0)
		return rates_fail(ctx, S40_E_CSV_HEADER, NULL, 1, "ตารางว่าง", "the table is empty");
	struct s40_csv *csv = s40_csv_open_mem(text, len);
	if (csv == NULL)
		return s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
	enum s40_err err = rates_read(csv, r, ctx);
	s40_csv_close(csv);
	return err;
}

/* Load the table built into the program (data/rates.csv). */
enum s40_err s40_rates_load(struct s40_rates *r, struct s40_ctx *ctx)
{
	const struct s40_embed *e = s40_embed_find("rates.csv");
	if (e == NULL) {
		r->v = NULL;
		r->n = 0;
		return s40_errorf(ctx, S40_E_INTERNAL, NULL,
				  "ไม่มีตารางอัตราเงินสมทบ (rates.csv) ในโปรแกรม",
				  "the rates table (rates.csv) is not built into the program");
	}
	return s40_rates_parse(r, (const char *)e->data, e->len, ctx);
}

/* The first months of the built-in table, read once for the process. */
static int32_t first_month[4] = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN};
static pthread_once_t first_once = PTHREAD_ONCE_INIT;

static void first_months_read(void)
{
	struct s40_rates r;
	if (s40_rates_load(&r, NULL) != S40_OK)
		return;
	for (int o = 1; o <= 3; o++) {
		int32_t m = INT32_MAX;
		for (size_t i = 0; i < r.n; i++)
			if (r.v[i].option == o && r.v[i].from_month < m)
				m = r.v[i].from_month;
		first_month[o] = m;
	}
	s40_rates_free(&r);
}

int32_t s40_option_first_month(int option)
{
	pthread_once(&first_once, first_months_read);
	return option >= 1 && option <= 3 ? first_month[option] : INT32_MIN;
}

/* Release the table; *r is empty afterwards. */
void s40_rates_free(struct s40_rates *r)
{
	if (r == NULL)
		return;
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/*
 * The rate of option in month. The table is sorted by option and month, so a
 * binary search finds the last row starting at or before month.
 */
const struct s40_rate *s40_rate_for(const struct s40_rates *r, int option, int32_t month)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct s40_rate *x = &r->v[mid];
		if (x->option < option || (x->option == option && x->from_month <= month))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	const struct s40_rate *x = &r->v[lo - 1];
	if (x->option != option || month < x->from_month || month > x->to_month)
		return NULL;
	return x;
}

/* 1 when option is 1, 2 or 3, else 0. */
int s40_option_valid(int option)
{
	return option >= 1 && option <= 3;
}

/*
 * The option as a short text ("ทางเลือกที่ 1" / "option 1"). Static: the amount
 * depends on the month, so it is not part of the name.
 */
const char *s40_option_name(int option, enum s40_lang lang)
{
	static const char *const th[] = {"ทางเลือกไม่ถูกต้อง", "ทางเลือกที่ 1", "ทางเลือกที่ 2",
					 "ทางเลือกที่ 3"};
	static const char *const en[] = {"invalid option", "option 1", "option 2", "option 3"};
	int i = s40_option_valid(option) ? option : 0;
	return lang == S40_LANG_TH ? th[i] : en[i];
}
