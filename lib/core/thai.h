/*
 * thai.h — Thai text: normalisation, display width, digits and collation.
 *
 * Collation is ICU's Thai collator (Thai dictionary order, where the leading
 * vowels เ แ โ ใ ไ are skipped for the first comparison). A collator is not
 * thread-safe: one per thread.
 */
#ifndef S40_CORE_THAI_H
#define S40_CORE_THAI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct s40_collator;

/* Open a Thai collator. NULL with ctx set if ICU fails. Free with _close. */
struct s40_collator *s40_collator_open(struct s40_ctx *ctx);
void s40_collator_close(struct s40_collator *c);

/* Compare two UTF-8 strings in Thai order: <0, 0, >0. */
int s40_collate(struct s40_collator *c, const char *a, const char *b);

/*
 * The sort key of a UTF-8 string: bytes that compare with memcmp/strcmp in
 * Thai order. Writes at most n bytes (NUL-terminated) and returns the full
 * length needed (including the NUL); a larger buffer is needed when that is > n.
 */
size_t s40_collate_key(struct s40_collator *c, const char *s, uint8_t *key, size_t n);

/*
 * Normalise a name as typed, so that spellings that look the same are the same
 * bytes: NFC; the invisible characters U+200B ZERO WIDTH SPACE, U+200C ZWNJ,
 * U+200D ZWJ, U+2060 WORD JOINER and U+FEFF removed; leading and trailing white
 * space removed, runs of white space made one space; "เ" "เ" typed for "แ"
 * joined; the Thai marks on one letter put in one order (thai.c says which);
 * NIKHAHIT + SARA AA (U+0E4D U+0E32) made SARA AM (U+0E33), and a tone mark
 * typed after SARA AM put before it (นำ้ -> น้ำ); Thai digits kept. Search text
 * goes through the same function as the names it looks for. Idempotent.
 * Writes into out (size n) and returns S40_OK, S40_E_LIMIT if it does not fit,
 * S40_E_CSV_UTF8 if s is not UTF-8. It refuses nothing else: whether the result
 * is a name at all is s40_thai_name_flaw's question.
 */
enum s40_err s40_thai_normalize(const char *s, char *out, size_t n);

/* What s40_thai_name_flaw finds wrong with a normalised name. */
enum s40_name_flaw_kind {
	S40_NAME_OK = 0,
	S40_NAME_NO_LETTER,    /* no letter (and no digit, when digits count) */
	S40_NAME_DOUBLED_MARK, /* the same mark twice on one letter (ก้้) */
	S40_NAME_TWO_TONES,    /* two different tone marks on one letter (ก่้) */
};

struct s40_name_flaw {
	enum s40_name_flaw_kind kind;
	uint32_t mark, mark2; /* the mark doubled; the two tone marks */
};

/*
 * Check a name that s40_thai_normalize gave: it must hold a letter (any
 * script; with digits_count, a digit will do, as in an address "12/3"), and
 * no letter may carry the same mark twice or two tone marks. Returns the
 * kind of the first flaw found (S40_NAME_OK when none), details in *flaw
 * (may be NULL). "" has no letter.
 */
enum s40_name_flaw_kind s40_thai_name_flaw(const char *s, bool digits_count,
					   struct s40_name_flaw *flaw);

/* The bytes of s[0..len) without the spaces, tabs and no-break spaces (U+00A0, as a
 * spreadsheet leaves them) around them: *start and *out_len. */
void s40_trim_space(const char *s, size_t len, const char **start, size_t *out_len);

/* Whether s holds nothing but white space (what s40_thai_normalize trims). */
bool s40_thai_blank(const char *s);

/* Whether s (len bytes) is valid UTF-8 (no overlongs, no surrogates). */
bool s40_utf8_valid(const char *s, size_t len);

/* Columns a UTF-8 string takes on a terminal: Thai above and below vowels
 * and tone marks take none. */
int s40_display_width(const char *s);

/*
 * The bytes of the longest beginning of the UTF-8 string s that holds at most
 * max_units UTF-16 code units (how Excel counts a sheet name's 31) and ends
 * between two user-perceived characters (ICU's grapheme clusters), so that a
 * Thai consonant never loses the vowel or tone mark above or below it:
 * ค้างชำระเงิน cut at 10 units is ค้างชำระเ, not ค้างชำระเง without its sara i.
 * Bytes that are not UTF-8 end the beginning there.
 */
size_t s40_utf8_cut_clusters(const char *s, size_t max_units);

/* Copy s into out replacing Thai digits ๐–๙ with ASCII 0–9. */
enum s40_err s40_thai_digits_to_ascii(const char *s, char *out, size_t n);

/* English's singular or plural of a count: one when n is 1, else many ("1 row",
 * "2 rows"). Thai counts take no plural. */
const char *s40_en_plural(int64_t n, const char *one, const char *many);

/* Group an integer by threes with commas, as ICU th-TH prints: 17,093. */
char *s40_format_int(int64_t v, char *buf, size_t n);

/* Baht from satang: 1,234.50. */
char *s40_format_baht(int64_t satang, char *buf, size_t n);

/*
 * An amount in Thai words, as a receipt writes it beside the figures: 140.00 →
 * "หนึ่งร้อยสี่สิบบาทถ้วน", 1,234.50 → "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์",
 * 21 → "ยี่สิบเอ็ดบาทถ้วน", 0 → "ศูนย์บาทถ้วน"; a negative amount starts with
 * "ลบ". Into buf of size n (512 holds any amount); returns buf.
 */
char *s40_baht_words_th(int64_t satang, char *buf, size_t n);

#endif
