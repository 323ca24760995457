/*
 * eligibility.c — who may join Section 40 on a day (DOMAIN.md §2): the age
 * limits by date, read once from the embedded data/eligibility.csv, the
 * nationality and exclusion checks, the refusal text in Thai and English, and
 * the words for exclusion kinds and the reasons a membership ends.
 */
#include "rules/eligibility.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/embed.h"

/* The age table: a handful of rows, filled once by age_rules_load. */
#define AGE_RULES_MAX 16

static struct s40_age_rule age_rules[AGE_RULES_MAX];
static size_t n_age_rules;
static pthread_once_t age_rules_once = PTHREAD_ONCE_INIT;

/* Parse "YYYY-MM-DD" exactly into *day; an empty field is S40_NO_DAY. */
static int parse_iso_day(const char *s, int32_t *day)
{
	if (s[0] == '\0') {
		*day = S40_NO_DAY;
		return 0;
	}
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!s40_ymd_valid(y, m, d))
		return -1;
	*day = s40_day_from_ymd(y, m, d);
	return 0;
}

/* Parse a small non-negative age ("15") into *v. */
static int parse_age(const char *s, int *v)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3)
		return -1;
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 0;
}

/*
 * Read the embedded table into age_rules. The rows must follow each other
 * without gap or overlap, the first open at its start and the last open at its
 * end, so that every day has exactly one rule. On any fault the table is left
 * empty: no day then has a rule, and every applicant is refused (fail closed);
 * the unit tests check the shipped table loads.
 */
static void age_rules_load(void)
{
	const struct s40_embed *e = s40_embed_find("eligibility.csv");
	if (e == NULL || e->len == 0)
		return;
	struct s40_csv *r = s40_csv_open_mem(e->data, e->len);
	if (r == NULL)
		return;
	struct s40_age_rule v[AGE_RULES_MAX];
	size_t n = 0;
	bool ok = true;
	bool header = true;
	for (;;) {
		size_t n_fields = 0;
		if (s40_csv_next(r, &n_fields, NULL) != S40_OK) {
			ok = false;
			break;
		}
		if (n_fields == 0)
			break;
		if (n_fields != 5) {
			ok = false;
			break;
		}
		if (header) {
			header = false;
			static const char *const cols[] = {"from_day", "to_day", "min_age",
							   "max_age", "source"};
			for (size_t i = 0; i < 5; i++)
				if (strcmp(s40_csv_field(r, i), cols[i]) != 0)
					ok = false;
			if (!ok)
				break;
			continue;
		}
		if (n == AGE_RULES_MAX) {
			ok = false;
			break;
		}
		struct s40_age_rule *a = &v[n];
		if (parse_iso_day(s40_csv_field(r, 0), &a->from_day) != 0 ||
		    parse_iso_day(s40_csv_field(r, 1), &a->to_day) != 0 ||
		    parse_age(s40_csv_field(r, 2), &a->min_age) != 0 ||
		    parse_age(s40_csv_field(r, 3), &a->max_age) != 0 ||
		    a->min_age > a->max_age ||
		    (a->to_day != S40_NO_DAY && a->from_day != S40_NO_DAY &&
		     a->to_day < a->from_day)) {
			ok = false;
			break;
		}
		n++;
	}
	s40_csv_close(r);
	if (!ok || n == 0)
		return;
	/* The rows must tile time: open start, each next row the day after, open end. */
	if (v[0].from_day != S40_NO_DAY || v[n - 1].to_day != S40_NO_DAY)
		return;
	for (size_t i = 0; i + 1 < n; i++)
		if (v[i].to_day == S40_NO_DAY || v[i + 1].from_day != v[i].to_day + 1)
			return;
	memcpy(age_rules, v, n * sizeof v[0]);
	n_age_rules = n;
}

/* From the embedded table, loaded at first use; NULL when no rule covers day. */
const struct s40_age_rule *s40_age_rule_on(int32_t day)
{
	pthread_once(&age_rules_once, age_rules_load);
	for (size_t i = 0; i < n_age_rules; i++) {
		const struct s40_age_rule *a = &age_rules[i];
		if ((a->from_day == S40_NO_DAY || a->from_day <= day) &&
		    (a->to_day == S40_NO_DAY || day <= a->to_day))
			return a;
	}
	return NULL;
}

/* The reason bit of an exclusion kind; 0 for a kind not in the list. */
static unsigned excl_kind_bit(int kind)
{
	switch (kind) {
	case S40_EXCL_S33:
		return S40_INELIG_S33;
	case S40_EXCL_S39:
		return S40_INELIG_S39;
	case S40_EXCL_CIVIL_SERVANT:
		return S40_INELIG_CIVIL_SERVANT;
	case S40_EXCL_STATE_ENTERPRISE:
		return S40_INELIG_STATE_ENTERPRISE;
	default:
		return 0;
	}
}

/*
 * Every failing reason, as bits. Age is in completed years (s40_age_on).
 * Without an age rule on day (a broken table) both age bits are set, so that
 * nobody is let in unchecked. An exclusion of an unknown kind is ignored.
 */
unsigned s40_eligibility(const struct s40_applicant *a, int32_t day, int *age)
{
	unsigned reasons = 0;
	int years = -1;

	if (a->birth_day == S40_NO_DAY) {
		reasons |= S40_INELIG_NO_BIRTH;
	} else if (day < a->birth_day) {
		reasons |= S40_INELIG_BEFORE_BIRTH;
	} else {
		years = s40_age_on(a->birth_day, day);
		const struct s40_age_rule *rule = s40_age_rule_on(day);
		if (rule == NULL)
			reasons |= S40_INELIG_TOO_YOUNG | S40_INELIG_TOO_OLD;
		else if (years < rule->min_age)
			reasons |= S40_INELIG_TOO_YOUNG;
		else if (years > rule->max_age)
			reasons |= S40_INELIG_TOO_OLD;
	}

	if (a->thai != 1)
		reasons |= S40_INELIG_NOT_THAI;

	for (size_t i = 0; i < a->n_excl; i++) {
		const struct s40_exclusion *x = &a->excl[i];
		bool started = x->start_day == S40_NO_DAY || x->start_day <= day;
		bool not_ended = x->end_day == S40_NO_DAY || x->end_day >= day;
		if (started && not_ended)
			reasons |= excl_kind_bit(x->kind);
	}

	if (age != NULL)
		*age = years;
	return reasons;
}

struct reason_text {
	unsigned bit;
	const char *field;
	const char *th;
	const char *en;
};

/* In the order a refusal lists them: the age first, then nationality, then cover. */
static const struct reason_text reason_texts[] = {
	{S40_INELIG_NO_BIRTH, "birth_date", "ไม่ทราบวันเกิด จึงคำนวณอายุไม่ได้",
	 "birth date unknown, so the age cannot be worked out"},
	{S40_INELIG_BEFORE_BIRTH, "birth_date", "วันที่สมัครอยู่ก่อนวันเกิด",
	 "the day is before the birth date"},
	{S40_INELIG_TOO_YOUNG, "birth_date", "อายุยังไม่ถึงเกณฑ์", "under the minimum age"},
	{S40_INELIG_TOO_OLD, "birth_date", "อายุเกินเกณฑ์", "over the maximum age"},
	{S40_INELIG_NOT_THAI, "nationality", "ไม่ได้บันทึกว่ามีสัญชาติไทยตามบัตรประชาชน",
	 "not recorded as Thai nationality on the ID card"},
	{S40_INELIG_S33, "exclusion", "เป็นผู้ประกันตนมาตรา 33", "insured under Section 33"},
	{S40_INELIG_S39, "exclusion", "เป็นผู้ประกันตนมาตรา 39", "insured under Section 39"},
	{S40_INELIG_CIVIL_SERVANT, "exclusion", "เป็นข้าราชการ", "a civil servant"},
	{S40_INELIG_STATE_ENTERPRISE, "exclusion", "เป็นพนักงานรัฐวิสาหกิจ",
	 "a state-enterprise employee"},
};

#define N_REASON_TEXTS (sizeof reason_texts / sizeof reason_texts[0])

/* The static text of one reason bit; "" for a bit not in use. */
const char *s40_inelig_text(unsigned bit, enum s40_lang lang)
{
	for (size_t i = 0; i < N_REASON_TEXTS; i++)
		if (reason_texts[i].bit == bit)
			return lang == S40_LANG_TH ? reason_texts[i].th : reason_texts[i].en;
	return "";
}

/*
 * Write the text of one reason into buf, with the age, the limit in force and
 * the day where they apply (Thai dates short BE, English ISO).
 */
static void reason_format(const struct reason_text *t, int age, int32_t day,
			  enum s40_lang lang, char *buf, size_t n)
{
	char date[64];
	if (lang == S40_LANG_TH)
		s40_date_th_short(day, date, sizeof date);
	else
		s40_date_iso(day, date, sizeof date);
	const struct s40_age_rule *rule = s40_age_rule_on(day);
	bool th = lang == S40_LANG_TH;

	switch (t->bit) {
	case S40_INELIG_TOO_YOUNG:
	case S40_INELIG_TOO_OLD:
		if (rule == NULL) {
			snprintf(buf, n,
				 th ? "ไม่มีเกณฑ์อายุที่ใช้ในวันที่ %s" : "no age rule in force on %s",
				 date);
		} else if (age < 0) {
			snprintf(buf, n, th ? "%s (วันที่ %s)" : "%s (on %s)", th ? t->th : t->en,
				 date);
		} else if (t->bit == S40_INELIG_TOO_YOUNG) {
			snprintf(buf, n,
				 th ? "อายุ %d ปีบริบูรณ์ ยังไม่ถึง %d ปี (วันที่ %s)"
				    : "aged %d full years, under the minimum of %d (on %s)",
				 age, rule->min_age, date);
		} else {
			snprintf(buf, n,
				 th ? "อายุ %d ปีบริบูรณ์ เกินกว่า %d ปี (วันที่ %s)"
				    : "aged %d full years, over the maximum of %d (on %s)",
				 age, rule->max_age, date);
		}
		break;
	case S40_INELIG_BEFORE_BIRTH:
		snprintf(buf, n, th ? "วันที่สมัคร %s อยู่ก่อนวันเกิด" : "%s is before the birth date",
			 date);
		break;
	default:
		snprintf(buf, n, "%s", th ? t->th : t->en);
		break;
	}
}

/*
 * Copy src into dst (size n ≥ 1), cutting a text that does not fit before a
 * whole UTF-8 character so that a long refusal stays valid text.
 */
static void utf8_copy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* src[len] is the first byte left out; back up to a character start. */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* All reasons in lang joined by "; " into b. */
static enum s40_err reasons_join(unsigned reasons, int age, int32_t day, enum s40_lang lang,
				 struct s40_buf *b)
{
	bool first = true;
	for (size_t i = 0; i < N_REASON_TEXTS; i++) {
		if (!(reasons & reason_texts[i].bit))
			continue;
		/* Without an age rule both age bits are set; say so once. */
		if (reason_texts[i].bit == S40_INELIG_TOO_OLD && (reasons & S40_INELIG_TOO_YOUNG) &&
		    s40_age_rule_on(day) == NULL)
			continue;
		char one[256];
		reason_format(&reason_texts[i], age, day, lang, one, sizeof one);
		enum s40_err err = s40_buf_adds(b, first ? "" : "; ");
		if (err == S40_OK)
			err = s40_buf_adds(b, one);
		if (err != S40_OK)
			return err;
		first = false;
	}
	return S40_OK;
}

/*
 * S40_E_INELIGIBLE on ctx with every reason in reasons, Thai and English.
 * The field is that of the first reason listed. reasons == 0 is a caller bug
 * (S40_E_INTERNAL).
 */
enum s40_err s40_eligibility_refuse(unsigned reasons, int age, int32_t day,
				    struct s40_ctx *ctx)
{
	const struct reason_text *first = NULL;
	for (size_t i = 0; i < N_REASON_TEXTS && first == NULL; i++)
		if (reasons & reason_texts[i].bit)
			first = &reason_texts[i];
	if (first == NULL)
		return s40_errorf(ctx, S40_E_INTERNAL, NULL, "ไม่มีเหตุผลในการปฏิเสธ",
				  "a refusal without a reason");
	if (ctx == NULL)
		return S40_E_INELIGIBLE;

	struct s40_buf th, en;
	s40_buf_init(&th, 4096);
	s40_buf_init(&en, 4096);
	enum s40_err err = reasons_join(reasons, age, day, S40_LANG_TH, &th);
	if (err == S40_OK)
		err = reasons_join(reasons, age, day, S40_LANG_EN, &en);
	if (err != S40_OK) {
		s40_buf_free(&th);
		s40_buf_free(&en);
		return s40_errorf(ctx, err, first->field, NULL, NULL);
	}
	s40_errorf(ctx, S40_E_INELIGIBLE, first->field, NULL, NULL);
	utf8_copy(ctx->msg_th, sizeof ctx->msg_th, s40_buf_str(&th));
	utf8_copy(ctx->msg_en, sizeof ctx->msg_en, s40_buf_str(&en));
	ctx->line = 0;
	s40_buf_free(&th);
	s40_buf_free(&en);
	return S40_E_INELIGIBLE;
}

/*
 * Make a typed word comparable: surrounding and inner white space dropped,
 * ASCII lower-cased, '-' read as '_', Thai digits ๐–๙ read as 0–9. Returns -1
 * when it does not fit out.
 */
static int word_fold(const char *s, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		char c;
		size_t step = 1;
		/* Thai digits are U+0E50..U+0E59: E0 B9 90..99. */
		if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90));
			step = 3;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
			continue;
		} else if (*p >= 'A' && *p <= 'Z') {
			c = (char)(*p - 'A' + 'a');
		} else if (*p == '-') {
			c = '_';
		} else {
			c = (char)*p;
		}
		if (o + 1 >= n)
			return -1;
		out[o++] = c;
		p += step;
	}
	out[o] = '\0';
	return 0;
}

struct word {
	const char *word; /* folded: no spaces, lower case */
	int value;
};

/* The value of s in a table of words; 0 if not there. */
static int word_lookup(const struct word *t, size_t n, const char *s)
{
	if (s == NULL)
		return 0;
	char folded[256];
	if (word_fold(s, folded, sizeof folded) != 0 || folded[0] == '\0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].word, folded) == 0)
			return t[i].value;
	return 0;
}

static const struct word excl_words[] = {
	{"s33", S40_EXCL_S33},
	{"section33", S40_EXCL_S33},
	{"มาตรา33", S40_EXCL_S33},
	{"ม.33", S40_EXCL_S33},
	{"ผู้ประกันตนมาตรา33", S40_EXCL_S33},
	{"s39", S40_EXCL_S39},
	{"section39", S40_EXCL_S39},
	{"มาตรา39", S40_EXCL_S39},
	{"ม.39", S40_EXCL_S39},
	{"ผู้ประกันตนมาตรา39", S40_EXCL_S39},
	{"civil_servant", S40_EXCL_CIVIL_SERVANT},
	{"ข้าราชการ", S40_EXCL_CIVIL_SERVANT},
	{"state_enterprise", S40_EXCL_STATE_ENTERPRISE},
	{"รัฐวิสาหกิจ", S40_EXCL_STATE_ENTERPRISE},
	{"พนักงานรัฐวิสาหกิจ", S40_EXCL_STATE_ENTERPRISE},
};

struct named {
	const char *key;
	const char *th;
	const char *en;
};

/* Indexed by enum s40_excl_kind. */
static const struct named excl_names[] = {
	[S40_EXCL_S33] = {"s33", "ผู้ประกันตนมาตรา 33", "insured under Section 33"},
	[S40_EXCL_S39] = {"s39", "ผู้ประกันตนมาตรา 39", "insured under Section 39"},
	[S40_EXCL_CIVIL_SERVANT] = {"civil_servant", "ข้าราชการ", "civil servant"},
	[S40_EXCL_STATE_ENTERPRISE] = {"state_enterprise", "พนักงานรัฐวิสาหกิจ",
				       "state-enterprise employee"},
};

/* The kind named by s (English key or Thai word, spaces and case ignored); 0 if none. */
int s40_excl_kind_parse(const char *s)
{
	return word_lookup(excl_words, sizeof excl_words / sizeof excl_words[0], s);
}

/* The stable key of a kind ("s33"); "" for a kind not in the list. */
const char *s40_excl_kind_key(int kind)
{
	if (kind < S40_EXCL_S33 || kind > S40_EXCL_STATE_ENTERPRISE)
		return "";
	return excl_names[kind].key;
}

/* The name of a kind to show a person; "" for a kind not in the list. */
const char *s40_excl_kind_name(int kind, enum s40_lang lang)
{
	if (kind < S40_EXCL_S33 || kind > S40_EXCL_STATE_ENTERPRISE)
		return "";
	return lang == S40_LANG_TH ? excl_names[kind].th : excl_names[kind].en;
}

static const struct word end_words[] = {
	{"death", S40_END_DEATH},
	{"died", S40_END_DEATH},
	{"dead", S40_END_DEATH},
	{"เสียชีวิต", S40_END_DEATH},
	{"ตาย", S40_END_DEATH},
	{"s33", S40_END_TO_S33},
	{"to_s33", S40_END_TO_S33},
	{"section33", S40_END_TO_S33},
	{"มาตรา33", S40_END_TO_S33},
	{"ม.33", S40_END_TO_S33},
	{"ย้ายไปมาตรา33", S40_END_TO_S33},
	{"ย้ายไปเป็นผู้ประกันตนมาตรา33", S40_END_TO_S33},
	{"s39", S40_END_TO_S39},
	{"to_s39", S40_END_TO_S39},
	{"section39", S40_END_TO_S39},
	{"มาตรา39", S40_END_TO_S39},
	{"ม.39", S40_END_TO_S39},
	{"ย้ายไปมาตรา39", S40_END_TO_S39},
	{"ย้ายไปเป็นผู้ประกันตนมาตรา39", S40_END_TO_S39},
	{"civil_servant", S40_END_CIVIL_SERVANT},
	{"ข้าราชการ", S40_END_CIVIL_SERVANT},
	{"รับราชการ", S40_END_CIVIL_SERVANT},
	{"เข้ารับราชการ", S40_END_CIVIL_SERVANT},
	{"state_enterprise", S40_END_STATE_ENTERPRISE},
	{"รัฐวิสาหกิจ", S40_END_STATE_ENTERPRISE},
	{"พนักงานรัฐวิสาหกิจ", S40_END_STATE_ENTERPRISE},
	{"เป็นพนักงานรัฐวิสาหกิจ", S40_END_STATE_ENTERPRISE},
	{"resigned", S40_END_RESIGNED},
	{"resign", S40_END_RESIGNED},
	{"ลาออก", S40_END_RESIGNED},
	{"correction", S40_END_CORRECTION},
	{"record_correction", S40_END_CORRECTION},
	{"แก้ไข", S40_END_CORRECTION},
	{"แก้ไขข้อมูล", S40_END_CORRECTION},
	{"แก้ไขข้อมูลที่บันทึกผิด", S40_END_CORRECTION},
};

/* Indexed by enum s40_end_reason. */
static const struct named end_names[] = {
	[S40_END_DEATH] = {"death", "เสียชีวิต", "death"},
	[S40_END_TO_S33] = {"s33", "ย้ายไปเป็นผู้ประกันตนมาตรา 33", "moved to Section 33"},
	[S40_END_TO_S39] = {"s39", "ย้ายไปเป็นผู้ประกันตนมาตรา 39", "moved to Section 39"},
	[S40_END_CIVIL_SERVANT] = {"civil_servant", "เข้ารับราชการ", "became a civil servant"},
	[S40_END_STATE_ENTERPRISE] = {"state_enterprise", "เป็นพนักงานรัฐวิสาหกิจ",
				      "became state-enterprise staff"},
	[S40_END_RESIGNED] = {"resigned", "ลาออก", "resigned"},
	[S40_END_CORRECTION] = {"correction", "แก้ไขข้อมูลที่บันทึกผิด", "record correction"},
};

/* The end reason named by s (English key or Thai word); 0 if none. */
int s40_end_reason_parse(const char *s)
{
	return word_lookup(end_words, sizeof end_words / sizeof end_words[0], s);
}

/* The stable key of an end reason ("death"); "" for one not in the list. */
const char *s40_end_reason_key(int reason)
{
	if (reason < S40_END_DEATH || reason > S40_END_CORRECTION)
		return "";
	return end_names[reason].key;
}

/* The name of an end reason to show a person; "" for one not in the list. */
const char *s40_end_reason_name(int reason, enum s40_lang lang)
{
	if (reason < S40_END_DEATH || reason > S40_END_CORRECTION)
		return "";
	return lang == S40_LANG_TH ? end_names[reason].th : end_names[reason].en;
}
