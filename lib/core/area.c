/*
 * area.c — DOPA area codes (DOMAIN.md §6): the level of a code from its
 * number of digits, the walk up to its ancestors, and reading a code as typed.
 * Whether a code exists is not known here; that is the geo data's business.
 */
#include "area.h"

#include <stddef.h>
#include <string.h>

#include "thai.h"

enum s40_level s40_area_level(int32_t code)
{
	if (code >= 10 && code <= 99)
		return S40_LEVEL_PROVINCE;
	if (code >= 1000 && code <= 9999)
		return S40_LEVEL_DISTRICT;
	if (code >= 100000 && code <= 999999)
		return S40_LEVEL_SUBDISTRICT;
	if (code >= 10000000 && code <= 99999999)
		return S40_LEVEL_VILLAGE;
	return S40_LEVEL_NONE;
}

int32_t s40_area_parent(int32_t code)
{
	enum s40_level level = s40_area_level(code);
	if (level == S40_LEVEL_NONE || level == S40_LEVEL_PROVINCE)
		return 0;
	return code / 100;
}

int32_t s40_area_at_level(int32_t code, enum s40_level level)
{
	enum s40_level own = s40_area_level(code);
	if (own == S40_LEVEL_NONE || level < S40_LEVEL_PROVINCE || level > own)
		return 0;
	for (int i = (int)own; i > (int)level; i--)
		code /= 100;
	return code;
}

bool s40_area_contains(int32_t outer, int32_t code)
{
	enum s40_level level = s40_area_level(outer);
	if (level == S40_LEVEL_NONE)
		return false;
	return s40_area_at_level(code, level) == outer;
}

int s40_area_moo(int32_t code)
{
	if (s40_area_level(code) != S40_LEVEL_VILLAGE)
		return -1;
	return code % 100;
}

bool s40_area_no_village(int32_t code)
{
	return s40_area_moo(code) == 0;
}

enum s40_err s40_area_parse(const char *text, const char *field, int32_t *code, struct s40_ctx *ctx)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	int32_t value = 0;
	int n_digits = 0;
	char first = 0;

	/* White space around the code is trimmed, as in every other field. */
	const char *start;
	size_t len;
	s40_trim_space((const char *)p, strlen((const char *)p), &start, &len);
	p = (const unsigned char *)start;
	const unsigned char *end = p + len;

	while (p < end) {
		int digit;
		if (*p >= '0' && *p <= '9') {
			digit = *p - '0';
			p++;
		} else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			digit = p[2] - 0x90; /* ๐–๙ */
			p += 3;
		} else {
			return s40_errorf(
				ctx, S40_E_BAD_AREA, field,
				"รหัสพื้นที่ต้องเป็นตัวเลขเท่านั้น (2, 4, 6 หรือ 8 หลัก "
				"เช่น 75, 7503, 750307, 75030702)",
				"an area code has digits only (2, 4, 6 or 8, as 75, 7503, "
				"750307, 75030702)");
		}
		if (n_digits == 0)
			first = (char)('0' + digit);
		if (n_digits < 9)
			value = value * 10 + digit;
		n_digits++;
	}
	if (n_digits == 0)
		return s40_errorf(ctx, S40_E_BAD_AREA, field, "ไม่ได้ระบุรหัสพื้นที่",
				  "no area code given");
	if (n_digits % 2 != 0 || n_digits > 8)
		return s40_errorf(ctx, S40_E_BAD_AREA, field,
				  "รหัสพื้นที่ต้องมี 2, 4, 6 หรือ 8 หลัก แต่พบ %d หลัก",
				  "an area code has 2, 4, 6 or 8 digits; %d found", n_digits);
	if (first == '0')
		return s40_errorf(ctx, S40_E_BAD_AREA, field,
				  "รหัสพื้นที่ขึ้นต้นด้วย 0 ไม่ได้ (รหัสจังหวัดคือ 10–99)",
				  "an area code cannot start with 0 (provinces are 10–99)");
	*code = value;
	return S40_OK;
}

static const struct {
	const char *word;
	enum s40_level level;
} level_words[] = {
	{ "province", S40_LEVEL_PROVINCE },
	{ "district", S40_LEVEL_DISTRICT },
	{ "subdistrict", S40_LEVEL_SUBDISTRICT },
	{ "village", S40_LEVEL_VILLAGE },
	{ "จังหวัด", S40_LEVEL_PROVINCE },
	{ "อำเภอ", S40_LEVEL_DISTRICT },
	{ "เขต", S40_LEVEL_DISTRICT }, /* Bangkok khet */
	{ "ตำบล", S40_LEVEL_SUBDISTRICT },
	{ "แขวง", S40_LEVEL_SUBDISTRICT }, /* Bangkok khwaeng */
	{ "หมู่บ้าน", S40_LEVEL_VILLAGE },
};

/* Equal ignoring ASCII case only, whatever the process locale. */
static bool equal_ascii_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (ca != cb)
			return false;
	}
	return *a == *b;
}

enum s40_level s40_level_parse(const char *text)
{
	if (text == NULL)
		return S40_LEVEL_NONE;
	for (size_t i = 0; i < sizeof level_words / sizeof level_words[0]; i++)
		if (equal_ascii_ci(text, level_words[i].word))
			return level_words[i].level;
	return S40_LEVEL_NONE;
}

const char *s40_level_name(enum s40_level level, enum s40_lang lang)
{
	static const char *const en[] = { "", "province", "district", "subdistrict", "village" };
	static const char *const th[] = { "", "จังหวัด", "อำเภอ", "ตำบล", "หมู่บ้าน" };
	if (level < S40_LEVEL_NONE || level > S40_LEVEL_VILLAGE)
		return "";
	return lang == S40_LANG_TH ? th[level] : en[level];
}

void s40_area_village_range(int32_t area, int32_t *lo, int32_t *hi)
{
	static const int32_t scale[] = {0, 1000000, 10000, 100, 1};
	enum s40_level level = s40_area_level(area);
	if (level == S40_LEVEL_NONE) {
		*lo = area == 0 ? 0 : 1;
		*hi = area == 0 ? INT32_MAX : 0;
		return;
	}
	*lo = area * scale[level];
	*hi = *lo + scale[level] - 1;
}
