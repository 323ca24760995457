/*
 * natid.c — reading, checking and writing Thai national ID numbers
 * (DOMAIN.md §5): 13 digits, the last a mod-11 check digit over the first 12.
 */
#include "natid.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define NATID_MIN 1000000000000LL /* the smallest 13-digit number */
#define NATID_END 10000000000000LL /* one past the largest */

int s40_natid_check_digit(const char *d12)
{
	int sum = 0;
	for (int i = 0; i < 12; i++) {
		if (d12[i] < '0' || d12[i] > '9')
			return -1;
		sum += (13 - i) * (d12[i] - '0');
	}
	return (11 - sum % 11) % 10;
}

/*
 * The length of a separator at p that may stand between digits: ASCII space,
 * tab, '-', NBSP, the Unicode dashes U+2010–U+2015 and the minus U+2212 (what
 * word processors put in place of '-'). 0 if p is not one.
 */
static size_t separator_len(const unsigned char *p)
{
	if (p[0] == ' ' || p[0] == '\t' || p[0] == '-')
		return 1;
	if (p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95)
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return 3;
	return 0;
}

/* The length of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const unsigned char *p)
{
	size_t len = 1;
	if (p[0] >= 0xF0)
		len = 4;
	else if (p[0] >= 0xE0)
		len = 3;
	else if (p[0] >= 0xC0)
		len = 2;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 1;
	return len;
}

/* Whether s is a number in scientific notation, as Excel shows a long number
 * in a General cell and saves it so into CSV: 3.75035E+12. */
static bool scientific(const char *s)
{
	while (*s == ' ')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == '.' || *s == ',')
		for (s++; isdigit((unsigned char)*s); s++)
			;
	if (*s != 'E' && *s != 'e')
		return false;
	s++;
	if (*s == '+' || *s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	while (*s == ' ')
		s++;
	return *s == '\0';
}

enum s40_err s40_natid_parse(const char *text, const char *field, int64_t *id, struct s40_ctx *ctx)
{
	char digits[14];
	int n_digits = 0;
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	if (scientific((const char *)p))
		return s40_errorf(ctx, S40_E_BAD_ID, field,
				  "เลขประจำตัวประชาชน %.40s เป็นตัวเลขแบบวิทยาศาสตร์ที่ Excel ปัดเศษแล้ว "
				  "หลักที่หายไปกู้คืนไม่ได้: จัดรูปแบบคอลัมน์เป็นข้อความ (Text) "
				  "แล้วใส่เลขประจำตัวใหม่",
				  "the national ID %.40s is a number in scientific notation that Excel "
				  "rounded, so its lost digits cannot be recovered: format the column "
				  "as Text and enter the IDs again",
				  (const char *)p);

	while (*p) {
		int digit = -1;
		size_t len;
		if (*p >= '0' && *p <= '9') {
			digit = *p - '0';
			len = 1;
		} else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			digit = p[2] - 0x90; /* ๐–๙ */
			len = 3;
		} else if ((len = separator_len(p)) == 0) {
			char bad[8];
			size_t blen = char_len(p);
			memcpy(bad, p, blen);
			bad[blen] = '\0';
			if (blen == 1 && (*p < 0x20 || *p >= 0x7F))
				snprintf(bad, sizeof bad, "\\x%02X", *p);
			return s40_errorf(ctx, S40_E_BAD_ID, field,
					  "เลขประจำตัวประชาชนมีอักขระ \"%s\" ซึ่งไม่ใช่ตัวเลข "
					  "(ใช้ได้เฉพาะตัวเลข ขีด และช่องว่าง)",
					  "the national ID contains \"%s\", which is not a digit "
					  "(only digits, dashes and spaces are allowed)",
					  bad);
		}
		if (digit >= 0) {
			if (n_digits < 13)
				digits[n_digits] = (char)('0' + digit);
			n_digits++;
		}
		p += len;
	}
	if (n_digits != 13)
		return s40_errorf(ctx, S40_E_BAD_ID, field,
				  "เลขประจำตัวประชาชนต้องมี 13 หลัก แต่พบ %d หลัก",
				  "a national ID has 13 digits; %d found", n_digits);
	digits[13] = '\0';
	if (digits[0] == '0' || digits[0] == '9')
		return s40_errorf(ctx, S40_E_ID_TYPE, field,
				  "เลขที่ขึ้นต้นด้วย %c ไม่ใช่เลขประจำตัวประชาชนตามบัตรประชาชน "
				  "(ขึ้นต้นด้วย 0 หรือ 9 ไม่ได้)",
				  "an ID starting with %c is not a personal ID card number "
				  "(0 and 9 are not accepted)",
				  digits[0]);
	int check = s40_natid_check_digit(digits);
	if (check != digits[12] - '0')
		return s40_errorf(ctx, S40_E_ID_CHECK, field,
				  "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น %d แต่เป็น %c "
				  "(ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก)",
				  "the national ID is wrong: the check digit should be %d, not %c "
				  "(check every digit was typed right)",
				  check, digits[12]);
	int64_t v = 0;
	for (int i = 0; i < 13; i++)
		v = v * 10 + (digits[i] - '0');
	*id = v;
	return S40_OK;
}

/* The 13 digits of id into d (14 bytes); false if id is not 13 digits. */
static bool natid_to_digits(int64_t id, char d[14])
{
	if (id < NATID_MIN || id >= NATID_END)
		return false;
	for (int i = 12; i >= 0; i--) {
		d[i] = (char)('0' + id % 10);
		id /= 10;
	}
	d[13] = '\0';
	return true;
}

int s40_natid_valid(int64_t id)
{
	char d[14];
	if (!natid_to_digits(id, d) || d[0] == '9')
		return 0;
	return s40_natid_check_digit(d) == d[12] - '0';
}

char *s40_natid_digits(int64_t id, char *buf, size_t n)
{
	char d[14];
	if (n == 0)
		return buf;
	if (!natid_to_digits(id, d))
		d[0] = '\0';
	snprintf(buf, n, "%s", d);
	return buf;
}

char *s40_natid_format(int64_t id, char *buf, size_t n)
{
	char d[14];
	if (n == 0)
		return buf;
	if (!natid_to_digits(id, d)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, n, "%.1s-%.4s-%.5s-%.2s-%.1s", d, d + 1, d + 5, d + 10, d + 12);
	return buf;
}

char *s40_natid_mask(int64_t id, char *buf, size_t n)
{
	char d[14];
	if (n == 0)
		return buf;
	if (!natid_to_digits(id, d)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, n, "%.1s-xxxx-xxxxx-%.2s-%.1s", d, d + 10, d + 12);
	return buf;
}
