/*
 * thai.c — Thai text: ICU's Thai collator for ordering names, NFC
 * normalisation of names as typed, UTF-8 checking, terminal display width,
 * Thai digits, and numbers grouped as ICU th-TH prints them.
 */
#include "thai.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

struct s40_collator {
	UCollator *ucol;
};

struct s40_collator *s40_collator_open(struct s40_ctx *ctx)
{
	struct s40_collator *c = malloc(sizeof *c);
	if (c == NULL) {
		s40_errorf(ctx, S40_E_NOMEM, NULL, NULL, NULL);
		return NULL;
	}
	UErrorCode st = U_ZERO_ERROR;
	c->ucol = ucol_open("th", &st);
	if (U_FAILURE(st)) {
		free(c);
		s40_errorf(ctx, S40_E_INTERNAL, NULL, "เปิดตัวเรียงลำดับภาษาไทยของ ICU ไม่ได้ (%s)",
			   "cannot open ICU's Thai collator (%s)", u_errorName(st));
		return NULL;
	}
	return c;
}

void s40_collator_close(struct s40_collator *c)
{
	if (c == NULL)
		return;
	ucol_close(c->ucol);
	free(c);
}

int s40_collate(struct s40_collator *c, const char *a, const char *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r = ucol_strcollUTF8(c->ucol, a, -1, b, -1, &st);
	if (U_FAILURE(st))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/*
 * UTF-8 (s_len bytes, -1 for NUL-terminated) to UTF-16, bad bytes as U+FFFD.
 * Returns stack (n_stack units) when the text fits, else memory from malloc
 * that the caller frees when it is not stack; NULL on failure. *len gets the
 * length in UTF-16 units.
 */
static UChar *to_utf16(const char *s, int32_t s_len, UChar *stack, int32_t n_stack, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t need = 0;
	u_strFromUTF8WithSub(stack, n_stack, &need, s, s_len, 0xFFFD, NULL, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && st != U_STRING_NOT_TERMINATED_WARNING) {
		if (U_FAILURE(st))
			return NULL;
		*len = need;
		return stack;
	}
	UChar *heap = malloc(((size_t)need + 1) * sizeof *heap);
	if (heap == NULL)
		return NULL;
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(heap, need + 1, &need, s, s_len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st)) {
		free(heap);
		return NULL;
	}
	*len = need;
	return heap;
}

size_t s40_collate_key(struct s40_collator *c, const char *s, uint8_t *key, size_t n)
{
	UChar stack[256];
	int32_t len = 0;
	UChar *u = to_utf16(s, -1, stack, 256, &len);
	if (u == NULL) {
		if (n > 0)
			key[0] = '\0';
		return 1;
	}
	int32_t cap = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	int32_t need = ucol_getSortKey(c->ucol, u, len, key, cap);
	if (need <= 0) {
		if (n > 0)
			key[0] = '\0';
		need = 1;
	} else if (need > cap && n > 0) {
		/* ICU leaves key undefined when it is short: give a proper prefix. */
		uint8_t *full = malloc((size_t)need);
		if (full != NULL) {
			ucol_getSortKey(c->ucol, u, len, full, need);
			memcpy(key, full, n - 1);
			free(full);
		} else {
			n = 1;
		}
		key[n - 1] = '\0';
	}
	if (u != stack)
		free(u);
	return (size_t)need;
}

bool s40_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			cp = c & 0x1F;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			cp = c & 0x0F;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return false;
		}
		if (len - i < n)
			return false;
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

/* Decode one UTF-8 character at *p (valid or not) and advance; bad bytes are
 * returned one at a time as U+FFFD. */
static uint32_t utf8_next(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	size_t n = p[0] < 0x80 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
	if (n > 1 && !s40_utf8_valid((const char *)p, n)) {
		*pp = p + 1;
		return 0xFFFD;
	}
	uint32_t cp = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu : n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
	for (size_t k = 1; k < n; k++)
		cp = (cp << 6) | (p[k] & 0x3Fu);
	*pp = p + n;
	return cp;
}

/* Whether cp takes no column: Thai above/below vowels and tone marks, and the
 * general combining marks and zero-width characters. */
static bool zero_width(uint32_t cp)
{
	return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
	       (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF;
}

int s40_display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int width = 0;
	while (*p) {
		/* s40_utf8_valid over n bytes never reads past a NUL: a NUL is
		 * not a continuation byte, so it stops there. */
		uint32_t cp = utf8_next(&p);
		if (!zero_width(cp))
			width++;
	}
	return width;
}

enum s40_err s40_thai_digits_to_ascii(const char *s, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	if (n == 0)
		return S40_E_LIMIT;
	while (*p) {
		if (o + 1 >= n) {
			out[0] = '\0';
			return S40_E_LIMIT;
		}
		if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			out[o++] = (char)('0' + (p[2] - 0x90));
			p += 3;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	return S40_OK;
}

/* White space in a name: what ICU calls white space, NBSP included. */
static bool name_space(UChar c)
{
	return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C ||
	       c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	       c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that show nothing and that a name never needs: pasted from web
 * pages and word processors (ZWSP marks Thai word breaks), they make two
 * names that look the same differ. U+00AD SOFT HYPHEN is left: it shows at a
 * line break. */
static bool invisible(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

#define THAI_NIKHAHIT 0x0E4D
#define THAI_SARA_AA 0x0E32
#define THAI_SARA_AM 0x0E33

/* A Thai mark written above or below its letter. */
static bool thai_mark(uint32_t c)
{
	return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

static bool thai_tone(uint32_t c)
{
	return c >= 0x0E48 && c <= 0x0E4B;
}

/*
 * The canonical order of the Thai marks on one letter, as a sort key: first
 * the vowels above and below and MAITAIKHU (U+0E31, U+0E34–U+0E3A, U+0E47),
 * then the tone marks (U+0E48–U+0E4B), then THANTHAKHAT, NIKHAHIT and
 * YAMAKKAN (U+0E4C–U+0E4E). This is the order Thai keyboards type and the
 * order of the Thai Industrial Standard TIS 620's "well-formed" text (กี่,
 * กุ้ง, น้ำ as น ้ ำ): a letter, its vowel, then its tone. Unicode's canonical
 * reordering (NFC) does not make it: of these marks only U+0E38, U+0E39
 * (class 103), U+0E3A (9) and the tones (107) have a combining class, so
 * NFC swaps กุ่ and กุ่ but leaves ก่ิ and กิ่ apart. Within a group the marks
 * go by combining class, then code point, so the result is still NFC and
 * any two orders of the same marks give the same text.
 */
static uint32_t mark_key(uint32_t c)
{
	uint32_t group = thai_tone(c) ? 1 : c >= 0x0E4C ? 2 : 0;
	uint32_t ccc = c == 0x0E38 || c == 0x0E39 ? 103 : c == 0x0E3A ? 9 : thai_tone(c) ? 107 : 0;
	return group << 24 | ccc << 16 | c;
}

/* Put each run of Thai marks in u[0..len) in canonical order (insertion sort:
 * a run is two or three marks). */
static void sort_marks(UChar *u, int32_t len)
{
	for (int32_t i = 1; i < len; i++) {
		if (!thai_mark(u[i]) || !thai_mark(u[i - 1]))
			continue;
		UChar c = u[i];
		int32_t j = i;
		for (; j > 0 && thai_mark(u[j - 1]) && mark_key(u[j - 1]) > mark_key(c); j--)
			u[j] = u[j - 1];
		u[j] = c;
	}
}

/*
 * SARA AM, in place in u[0..*len): NIKHAHIT + SARA AA typed as two characters
 * (what some keyboards and PDF text give) made U+0E33, which NFC does not do
 * (U+0E33's decomposition is a compatibility one); then a tone mark typed
 * after SARA AM moved before it (นำ้, which many fonts draw like น้ำ), where
 * it joins the marks of the letter before and is sorted again with them.
 */
static void sara_am(UChar *u, int32_t *len)
{
	int32_t o = 0;
	for (int32_t i = 0; i < *len; i++) {
		if (u[i] == THAI_NIKHAHIT && i + 1 < *len && u[i + 1] == THAI_SARA_AA) {
			u[o++] = THAI_SARA_AM;
			i++;
		} else {
			u[o++] = u[i];
		}
	}
	*len = o;
	bool moved = false;
	for (int32_t i = 0; i < o; i++) {
		if (u[i] != THAI_SARA_AM)
			continue;
		int32_t k = i + 1;
		while (k < o && thai_tone(u[k]))
			k++;
		if (k == i + 1)
			continue;
		/* u[i] = AM, u[i+1..k) tones: rotate AM to the end of the run. */
		memmove(&u[i], &u[i + 1], (size_t)(k - i - 1) * sizeof *u);
		u[k - 1] = THAI_SARA_AM;
		i = k - 1;
		moved = true;
	}
	if (moved)
		sort_marks(u, o);
}

enum s40_err s40_thai_normalize(const char *s, char *out, size_t n)
{
	size_t s_len = strlen(s);
	if (n == 0)
		return S40_E_LIMIT;
	out[0] = '\0';
	if (!s40_utf8_valid(s, s_len))
		return S40_E_CSV_UTF8;
	if (s_len > INT32_MAX / 4)
		return S40_E_LIMIT;

	UChar stack_in[256], stack_nfc[512];
	UChar *in = NULL, *nfc = stack_nfc;
	int32_t in_len = 0;
	enum s40_err rc = S40_OK;

	in = to_utf16(s, (int32_t)s_len, stack_in, 256, &in_len);
	if (in == NULL)
		return S40_E_NOMEM;

	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *norm = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st)) {
		rc = S40_E_INTERNAL;
		goto out;
	}
	int32_t nfc_len = unorm2_normalize(norm, in, in_len, stack_nfc, 512, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		nfc = malloc(((size_t)nfc_len + 1) * sizeof *nfc);
		if (nfc == NULL) {
			rc = S40_E_NOMEM;
			goto out;
		}
		st = U_ZERO_ERROR;
		nfc_len = unorm2_normalize(norm, in, in_len, nfc, nfc_len + 1, &st);
	}
	if (U_FAILURE(st)) {
		rc = S40_E_INTERNAL;
		goto out;
	}

	/* In place: invisible characters out (first, so that what they kept
	 * apart joins), then trim, one space for a run of spaces, เ+เ typed for
	 * แ. None of these is in NFC's compositions, so the text stays NFC. */
	int32_t o = 0;
	for (int32_t i = 0; i < nfc_len; i++)
		if (!invisible(nfc[i]))
			nfc[o++] = nfc[i];
	nfc_len = o;
	o = 0;
	bool pending_space = false;
	for (int32_t i = 0; i < nfc_len; i++) {
		UChar c = nfc[i];
		if (name_space(c)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			nfc[o++] = 0x20;
			pending_space = false;
		}
		if (c == 0x0E40 && i + 1 < nfc_len && nfc[i + 1] == 0x0E40) {
			c = 0x0E41;
			i++;
		}
		nfc[o++] = c;
	}
	/* The marks first, so that NIKHAHIT typed before a tone (น ํ ้ า) is
	 * next to its SARA AA. */
	sort_marks(nfc, o);
	sara_am(nfc, &o);

	int32_t need = 0;
	st = U_ZERO_ERROR;
	int32_t cap = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	u_strToUTF8(out, cap, &need, nfc, o, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING ||
	    (size_t)need >= n) {
		out[0] = '\0';
		rc = S40_E_LIMIT;
	} else if (U_FAILURE(st)) {
		out[0] = '\0';
		rc = S40_E_INTERNAL;
	}
out:
	if (in != stack_in)
		free(in);
	if (nfc != stack_nfc)
		free(nfc);
	return rc;
}

enum s40_name_flaw_kind s40_thai_name_flaw(const char *s, bool digits_count,
					   struct s40_name_flaw *flaw)
{
	struct s40_name_flaw f = { S40_NAME_OK, 0, 0 };
	const unsigned char *p = (const unsigned char *)s;
	bool letter = false;
	uint32_t prev = 0, tone = 0;
	while (*p && f.kind == S40_NAME_OK) {
		uint32_t c = utf8_next(&p);
		if (u_isalpha((UChar32)c) || (digits_count && u_isdigit((UChar32)c)))
			letter = true;
		if (thai_mark(c) && thai_mark(prev) && c == prev) {
			f.kind = S40_NAME_DOUBLED_MARK;
			f.mark = c;
		} else if (c == THAI_SARA_AM && prev == THAI_NIKHAHIT) {
			/* ํ + ำ: the NIKHAHIT of SARA AM typed twice. */
			f.kind = S40_NAME_DOUBLED_MARK;
			f.mark = THAI_NIKHAHIT;
		} else if (thai_tone(c) && tone != 0) {
			f.kind = S40_NAME_TWO_TONES;
			f.mark = tone;
			f.mark2 = c;
		}
		/* The tone of the current letter: marks follow their letter
		 * directly (sorted), so a run of marks is one letter's. */
		if (thai_tone(c))
			tone = c;
		else if (!thai_mark(c))
			tone = 0;
		prev = c;
	}
	if (f.kind == S40_NAME_OK && !letter)
		f.kind = S40_NAME_NO_LETTER;
	if (flaw)
		*flaw = f;
	return f.kind;
}

bool s40_thai_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c = utf8_next(&p);
		if (c > 0xFFFF || !name_space((UChar)c))
			return false;
	}
	return true;
}

char *s40_format_int(int64_t v, char *buf, size_t n)
{
	char digits[24], grouped[32];
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
	size_t o = 0;
	if (v < 0)
		grouped[o++] = '-';
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			grouped[o++] = ',';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	if (n > 0)
		snprintf(buf, n, "%s", grouped);
	return buf;
}

char *s40_format_baht(int64_t satang, char *buf, size_t n)
{
	char baht[32];
	uint64_t mag = satang < 0 ? (uint64_t)0 - (uint64_t)satang : (uint64_t)satang;
	/* Group the baht with a positive value; the sign is written here so that
	 * -50 satang reads "-0.50". */
	s40_format_int((int64_t)(mag / 100), baht, sizeof baht);
	if (n > 0)
		snprintf(buf, n, "%s%s.%02u", satang < 0 ? "-" : "", baht, (unsigned)(mag % 100));
	return buf;
}

/* Append the Thai words of v (1 ≤ v < 1,000,000) to buf: 1 in the tens is สิบ,
 * 2 there ยี่สิบ, and 1 in the units after a higher digit is เอ็ด. */
static void thai_words_below_million(uint64_t v, char *buf, size_t n)
{
	static const char *const digit[] = { "",   "หนึ่ง", "สอง", "สาม", "สี่",
					     "ห้า", "หก",  "เจ็ด", "แปด", "เก้า" };
	static const char *const place[] = { "", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน" };
	int d[6];
	for (int i = 0; i < 6; i++, v /= 10)
		d[i] = (int)(v % 10);
	int higher = 0;
	for (int i = 5; i >= 0; i--) {
		if (d[i] == 0)
			continue;
		size_t len = strlen(buf);
		if (i == 1 && d[i] == 1)
			snprintf(buf + len, n - len, "สิบ");
		else if (i == 1 && d[i] == 2)
			snprintf(buf + len, n - len, "ยี่สิบ");
		else if (i == 0 && d[i] == 1 && higher)
			snprintf(buf + len, n - len, "เอ็ด");
		else
			snprintf(buf + len, n - len, "%s%s", digit[d[i]], place[i]);
		higher = 1;
	}
}

/* Append the words of v ≥ 1, millions by millions: 2,000,001 → สองล้านหนึ่ง. */
static void thai_words(uint64_t v, char *buf, size_t n)
{
	if (v >= 1000000) {
		thai_words(v / 1000000, buf, n);
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "ล้าน");
		v %= 1000000;
	}
	if (v > 0)
		thai_words_below_million(v, buf, n);
}

char *s40_baht_words_th(int64_t satang, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	uint64_t mag = satang < 0 ? (uint64_t)0 - (uint64_t)satang : (uint64_t)satang;
	uint64_t baht = mag / 100, st = mag % 100;
	if (satang < 0)
		snprintf(buf, n, "ลบ");
	size_t len;
	if (baht > 0) {
		thai_words(baht, buf, n);
		len = strlen(buf);
		snprintf(buf + len, n - len, "บาท");
	} else if (st == 0) {
		len = strlen(buf);
		snprintf(buf + len, n - len, "ศูนย์บาท");
	}
	len = strlen(buf);
	if (st == 0) {
		snprintf(buf + len, n - len, "ถ้วน");
	} else {
		thai_words(st, buf, n);
		len = strlen(buf);
		snprintf(buf + len, n - len, "สตางค์");
	}
	return buf;
}

const char *s40_en_plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void s40_trim_space(const char *s, size_t len, const char **start, size_t *out_len)
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

size_t s40_utf8_cut_clusters(const char *s, size_t max_units)
{
	/* The longest beginning that is whole UTF-8 sequences, and its UTF-16 length. */
	size_t len = 0, units = 0;
	while (s[len] != '\0') {
		unsigned char b = (unsigned char)s[len];
		size_t k = b < 0x80		 ? 1 :
			   b >= 0xC2 && b < 0xE0 ? 2 :
			   b >= 0xE0 && b < 0xF0 ? 3 :
			   b >= 0xF0 && b < 0xF5 ? 4 :
						   0;
		if (k == 0 || strnlen(s + len, k) < k || !s40_utf8_valid(s + len, k))
			break;
		len += k;
		units += k == 4 ? 2 : 1;
	}
	if (units <= max_units)
		return len;

	UChar stack[256];
	int32_t n = 0;
	UChar *u = to_utf16(s, (int32_t)len, stack, 256, &n);
	if (u == NULL)
		return 0;
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "th", u, n, &st);
	int32_t cut = 0;
	if (U_SUCCESS(st)) {
		int32_t at = ubrk_preceding(bi, (int32_t)max_units + 1);
		cut = at == UBRK_DONE ? 0 : at;
		ubrk_close(bi);
	}
	/* Back to bytes: the UTF-8 length of the first cut units. */
	int32_t bytes = 0;
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &bytes, u, cut, &st);
	if (u != stack)
		free(u);
	return bytes < 0 ? 0 : (size_t)bytes;
}
