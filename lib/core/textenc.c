/*
 * textenc.c — the decoder declared in textenc.h: an import file's encoding
 * found once, and its text converted to UTF-8 by ICU as it streams.
 *
 * The decoder is a read-only stdio cookie (glibc fopencookie) over the file,
 * so that the CSV reader keeps reading a FILE and its block reads stream as
 * before. It holds one buffer of the file's bytes (a chunk, or the 64 KiB
 * window of the decision) and, while converting, one buffer of UTF-16 code
 * units between ICU's two converters (the file's encoding to Unicode, Unicode
 * to UTF-8), so memory does not grow with the file. ICU keeps a character
 * split across two reads in its converter's state.
 *
 * How a file without a byte-order mark is decided, and why. ASCII is the same
 * bytes in UTF-8 and Windows-874, so bytes up to the first one above 0x7F are
 * passed on as they are. From that byte, a window of 64 KiB is read and looked
 * at twice: as UTF-8 (ICU's U8_NEXT counts the characters that are well
 * formed and the places that are not) and as Windows-874 (ICU's converter,
 * Microsoft's table). ICU's windows-874 maps every byte, giving the bytes
 * Windows-874 leaves undefined (0x81–0x84, 0x86–0x90, 0x98–0x9F, 0xDB–0xDE,
 * 0xFC–0xFF) as C1 controls or private-use code points, so those code points
 * are what "not Windows-874" means here: no Thai text holds them.
 *   - Well-formed UTF-8 throughout: UTF-8.
 *   - Not UTF-8, but Windows-874 throughout: Windows-874 (Thai text in TIS-620
 *     is almost never well-formed UTF-8: its vowels and tone marks are lead
 *     bytes without continuation bytes after them).
 *   - Neither, with more well-formed UTF-8 characters than faults: UTF-8 with
 *     damaged rows, which the CSV reader refuses one by one as csv_utf8, as it
 *     always did.
 *   - Otherwise (mixed encodings, a damaged Windows-874 file, not text): the
 *     file is refused, naming the likelier encoding and its first bad byte.
 * After a decision of Windows-874, every later byte is checked the same way,
 * and one that is not Windows-874 stops the reading with that error.
 * UTF-16 without a byte-order mark is recognised by its NUL bytes: in the
 * first 4 KiB, at least one code unit in four with a NUL high byte (the
 * digits, commas and line ends of a CSV file) and at most an eighth as many
 * with a NUL low byte (U+0100, U+DE00 … have one).
 * No UTF-8 or Windows-874 file holds a NUL, and the CSV reader refuses them,
 * so no file that could be read before reads differently now.
 */
#define _GNU_SOURCE /* fopencookie */

#include "textenc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#define DEC_CHUNK_DEFAULT (64 * 1024)
#define DEC_WINDOW (64 * 1024) /* bytes looked at to decide */
#define DEC_NUL_PREFIX 4096 /* bytes looked at for UTF-16 without a BOM */
#define DEC_UCAP 4096 /* UTF-16 code units between the converters */

enum dec_phase {
	PH_START, /* nothing read yet */
	PH_ASCII, /* undecided: only ASCII so far, passed on as it is */
	PH_PASS, /* UTF-8: passed on as it is (the CSV reader checks it) */
	PH_CONVERT, /* through ICU */
	PH_FAILED, /* an encoding fault or a read error: nothing more */
};

struct s40_textdec {
	FILE *in;
	FILE *out; /* the cookie stream */
	enum s40_enc force;
	enum s40_enc enc;
	enum dec_phase phase;
	size_t chunk;

	/* the file's bytes read and not yet used: buf[pos..len) */
	char *buf;
	size_t cap, pos, len;
	int eof;
	long long used; /* bytes of the file used so far */
	long long given; /* bytes of UTF-8 given out */

	/* lines, counted as the CSV reader counts them (LF, CRLF or a lone CR) */
	long line;
	int prev_cr;

	/* ICU: the file's encoding to UTF-16, and UTF-16 to UTF-8 */
	UConverter *from, *to;
	UChar u[DEC_UCAP];
	int32_t uoff[DEC_UCAP];
	const UChar *up, *ue; /* code units converted and not yet given out */
	int src_done; /* the file's converter has been flushed */
	int flushed; /* and the UTF-8 converter too */
	int fail_after; /* give out up..ue, then fail */

	struct s40_ctx err; /* the encoding fault, if any */
};

const char *s40_enc_name(enum s40_enc enc)
{
	switch (enc) {
	case S40_ENC_AUTO:
		return "auto";
	case S40_ENC_UTF8:
		return "utf-8";
	case S40_ENC_UTF8_BOM:
		return "utf-8-bom";
	case S40_ENC_UTF16:
		return "utf-16";
	case S40_ENC_UTF16LE:
		return "utf-16le";
	case S40_ENC_UTF16BE:
		return "utf-16be";
	case S40_ENC_WINDOWS_874:
		return "windows-874";
	}
	return "";
}

int s40_enc_parse(const char *s)
{
	static const struct {
		const char *name;
		enum s40_enc enc;
	} names[] = {
		{ "auto", S40_ENC_AUTO },
		{ "utf-8", S40_ENC_UTF8 },
		{ "utf8", S40_ENC_UTF8 },
		{ "utf-8-bom", S40_ENC_UTF8 },
		{ "utf-16", S40_ENC_UTF16 },
		{ "utf16", S40_ENC_UTF16 },
		{ "utf-16le", S40_ENC_UTF16LE },
		{ "utf-16be", S40_ENC_UTF16BE },
		{ "windows-874", S40_ENC_WINDOWS_874 },
		{ "cp874", S40_ENC_WINDOWS_874 },
		{ "tis-620", S40_ENC_WINDOWS_874 },
		{ "tis620", S40_ENC_WINDOWS_874 },
	};
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(names[i].name, s) == 0)
			return (int)names[i].enc;
	return -1;
}

/* The name of enc as people write it, for messages. */
static const char *enc_title(enum s40_enc enc)
{
	switch (enc) {
	case S40_ENC_UTF16LE:
		return "UTF-16LE";
	case S40_ENC_UTF16BE:
		return "UTF-16BE";
	case S40_ENC_WINDOWS_874:
		return "Windows-874";
	default:
		return "UTF-8";
	}
}

/* Count the line breaks of the bytes s[0..n). */
static void count_lines(struct s40_textdec *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			d->line++;
		else if (s[i] == '\n' && !d->prev_cr)
			d->line++;
		d->prev_cr = s[i] == '\r';
	}
}

/* The same for code units. */
static void count_lines_u(struct s40_textdec *d, const UChar *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (u[i] == '\r')
			d->line++;
		else if (u[i] == '\n' && !d->prev_cr)
			d->line++;
		d->prev_cr = u[i] == '\r';
	}
}

/* Whether code unit c is what ICU's windows-874 gives for a byte that
 * Windows-874 does not define: a C1 control or a private-use code point. */
static int not_874(UChar c)
{
	return (c >= 0x80 && c <= 0x9f) || (c >= 0xe000 && c <= 0xf8ff);
}

/* Read more of the file, after moving what is unused to the front. Returns -1
 * on a read error (the phase is then PH_FAILED). */
static int dec_fill(struct s40_textdec *d, size_t want)
{
	if (d->pos > 0) {
		memmove(d->buf, d->buf + d->pos, d->len - d->pos);
		d->len -= d->pos;
		d->pos = 0;
	}
	while (!d->eof && d->len < want) {
		size_t room = d->cap - d->len;
		size_t ask = room < d->chunk ? room : d->chunk;
		size_t n = fread(d->buf + d->len, 1, ask, d->in);
		if (n == 0) {
			d->eof = 1;
			if (ferror(d->in)) {
				d->phase = PH_FAILED;
				return -1;
			}
		}
		d->len += n;
	}
	return 0;
}

/* Use n bytes of the buffer. */
static void dec_use(struct s40_textdec *d, size_t n)
{
	d->pos += n;
	d->used += (long long)n;
}

/* Open ICU's converters for d->enc and go on converting. */
static int dec_convert_begin(struct s40_textdec *d)
{
	const char *name = d->enc == S40_ENC_UTF16LE ? "UTF-16LE" :
			   d->enc == S40_ENC_UTF16BE ? "UTF-16BE" :
						       "windows-874";
	UErrorCode e = U_ZERO_ERROR;
	d->from = ucnv_open(name, &e);
	if (U_SUCCESS(e))
		d->to = ucnv_open("UTF-8", &e);
	if (U_SUCCESS(e))
		ucnv_setToUCallBack(d->from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
	if (U_SUCCESS(e))
		ucnv_setFromUCallBack(d->to, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
	if (U_FAILURE(e)) {
		s40_errorf(&d->err, S40_E_INTERNAL, NULL, "ICU ไม่มีตัวแปลง %s",
			   "ICU has no converter for %s", name);
		d->phase = PH_FAILED;
		return -1;
	}
	d->up = d->ue = d->u;
	d->phase = PH_CONVERT;
	return 0;
}

/* Take a byte-order mark of n bytes and read on as enc. */
static int dec_take_bom(struct s40_textdec *d, enum s40_enc enc, size_t n)
{
	d->enc = enc;
	dec_use(d, n);
	return dec_convert_begin(d);
}

/* Whether the first bytes are UTF-16 without a BOM; *enc gets which. */
static int dec_nul_pattern(const struct s40_textdec *d, enum s40_enc *enc)
{
	size_t n = d->len < DEC_NUL_PREFIX ? d->len : DEC_NUL_PREFIX;
	size_t units = n / 2, nul_lo = 0, nul_hi = 0;
	const unsigned char *s = (const unsigned char *)d->buf;
	for (size_t i = 0; i < units; i++) {
		nul_lo += s[2 * i] == 0;
		nul_hi += s[2 * i + 1] == 0;
	}
	if (units < 2)
		return 0;
	if (nul_hi * 4 >= units && nul_lo * 8 <= nul_hi) {
		*enc = S40_ENC_UTF16LE;
		return 1;
	}
	if (nul_lo * 4 >= units && nul_hi * 8 <= nul_lo) {
		*enc = S40_ENC_UTF16BE;
		return 1;
	}
	return 0;
}

/* The first read: the byte-order mark, a forced encoding, the NULs of UTF-16. */
static int dec_start(struct s40_textdec *d)
{
	if (dec_fill(d, DEC_WINDOW))
		return -1;
	const unsigned char *s = (const unsigned char *)d->buf;
	int bom8 = d->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf;
	int bom_le = d->len >= 2 && s[0] == 0xff && s[1] == 0xfe;
	int bom_be = d->len >= 2 && s[0] == 0xfe && s[1] == 0xff;
	enum s40_enc enc;
	switch (d->force) {
	case S40_ENC_UTF8:
	case S40_ENC_UTF8_BOM:
		/* The CSV reader skips the BOM itself. */
		d->enc = bom8 ? S40_ENC_UTF8_BOM : S40_ENC_UTF8;
		d->phase = PH_PASS;
		return 0;
	case S40_ENC_UTF16:
		return dec_take_bom(d, bom_be ? S40_ENC_UTF16BE : S40_ENC_UTF16LE,
				    bom_le || bom_be ? 2 : 0);
	case S40_ENC_UTF16LE:
		return dec_take_bom(d, S40_ENC_UTF16LE, bom_le ? 2 : 0);
	case S40_ENC_UTF16BE:
		return dec_take_bom(d, S40_ENC_UTF16BE, bom_be ? 2 : 0);
	case S40_ENC_WINDOWS_874:
		return dec_take_bom(d, S40_ENC_WINDOWS_874, 0);
	case S40_ENC_AUTO:
		break;
	}
	if (bom8) {
		d->enc = S40_ENC_UTF8_BOM;
		d->phase = PH_PASS;
		return 0;
	}
	if (bom_le)
		return dec_take_bom(d, S40_ENC_UTF16LE, 2);
	if (bom_be)
		return dec_take_bom(d, S40_ENC_UTF16BE, 2);
	if (dec_nul_pattern(d, &enc))
		return dec_take_bom(d, enc, 0);
	d->phase = PH_ASCII;
	return 0;
}

/* The line of w[off] in the window that starts at the buffer's pos. */
static long window_line(const struct s40_textdec *d, const char *w, size_t off)
{
	struct s40_textdec t = { .line = d->line, .prev_cr = d->prev_cr };
	count_lines(&t, w, off);
	return t.line;
}

/*
 * At the first byte that is not ASCII: read the window and decide (see the
 * top of the file). Returns -1 with d->err set when the file is refused.
 */
static int dec_decide(struct s40_textdec *d)
{
	if (dec_fill(d, DEC_WINDOW))
		return -1;
	const char *w = d->buf + d->pos;
	size_t wn = d->len - d->pos;
	/* A character cut by the window's end is not a fault. */
	if (!d->eof)
		for (size_t back = 1; back <= 3 && back <= wn; back++) {
			unsigned char c = (unsigned char)w[wn - back];
			if (c >= 0xc0) {
				if ((size_t)U8_COUNT_TRAIL_BYTES(c) + 1 > back)
					wn -= back;
				break;
			}
			if (c < 0x80)
				break;
		}

	/* As UTF-8. */
	long n_good = 0, n_bad = 0;
	size_t bad8 = wn;
	for (int32_t i = 0; i < (int32_t)wn;) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT((const uint8_t *)w, i, (int32_t)wn, c);
		if (c < 0) {
			if (n_bad++ == 0)
				bad8 = (size_t)at;
		} else if (c >= 0x80) {
			n_good++;
		}
	}
	if (n_bad == 0) {
		d->enc = S40_ENC_UTF8;
		d->phase = PH_PASS;
		return 0;
	}

	/* As Windows-874. */
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open("windows-874", &e);
	if (U_FAILURE(e)) {
		s40_errorf(&d->err, S40_E_INTERNAL, NULL, "ICU ไม่มีตัวแปลง windows-874",
			   "ICU has no converter for windows-874");
		d->phase = PH_FAILED;
		return -1;
	}
	long n_not874 = 0;
	size_t bad874 = wn;
	const char *s = w, *end = w + wn;
	while (s < end) {
		const char *s0 = s;
		UChar *t = d->u;
		e = U_ZERO_ERROR;
		ucnv_toUnicode(cnv, &t, d->u + DEC_UCAP, &s, end, d->uoff, 1, &e);
		for (UChar *p = d->u; p < t; p++)
			if (not_874(*p) && n_not874++ == 0)
				bad874 = (size_t)(s0 - w) + (size_t)d->uoff[p - d->u];
		if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR)
			break; /* windows-874 maps every byte: not reached */
	}
	ucnv_close(cnv);
	if (n_not874 == 0) {
		d->enc = S40_ENC_WINDOWS_874;
		return dec_convert_begin(d);
	}
	if (n_good > n_bad) {
		d->enc = S40_ENC_UTF8;
		d->phase = PH_PASS;
		return 0;
	}

	/* Neither: name the likelier, and its first fault. */
	int likely874 = n_not874 < n_bad;
	size_t off = likely874 ? bad874 : bad8;
	const char *name = likely874 ? "Windows-874" : "UTF-8";
	s40_errorf(&d->err, S40_E_CSV_ENCODING, NULL,
		   "ไฟล์ไม่ใช่ทั้ง UTF-8 และ Windows-874 (น่าจะเป็น %s แต่ไบต์ 0x%02X "
		   "ที่บรรทัด %ld ไม่ใช่ %s) ให้บันทึกเป็น CSV UTF-8 แล้วนำเข้าใหม่",
		   "the file is neither UTF-8 nor Windows-874 (most likely %s, but byte 0x%02X "
		   "on line %ld is not %s): save it as CSV UTF-8 and import it again",
		   name, (unsigned char)w[off], window_line(d, w, off), name);
	d->err.line = window_line(d, w, off);
	d->phase = PH_FAILED;
	return -1;
}

/* Record a fault of the conversion: byte at file offset, on line. */
static void dec_convert_fault(struct s40_textdec *d, unsigned byte, long long offset, long line)
{
	s40_errorf(&d->err, S40_E_CSV_ENCODING, NULL,
		   "ไฟล์อ่านเป็น %s แต่ไบต์ 0x%02X (ตำแหน่ง %lld) ที่บรรทัด %ld ไม่ใช่ %s "
		   "(ข้อความหลายแบบปนกันหรือไฟล์เสียหาย)",
		   "the file reads as %s, but byte 0x%02X (offset %lld) on line %ld is not %s "
		   "(mixed encodings or a damaged file)",
		   enc_title(d->enc), byte, offset, line, enc_title(d->enc));
	d->err.line = line;
}

/*
 * Convert into out[0..n): UTF-16 code units from the file, checked, then
 * UTF-8. Returns the bytes written (0: the end, or the phase is PH_FAILED).
 */
static size_t dec_convert(struct s40_textdec *d, char *out, size_t n)
{
	char *t = out, *tl = out + n;
	for (;;) {
		UErrorCode e = U_ZERO_ERROR;
		if (d->up < d->ue) {
			ucnv_fromUnicode(d->to, &t, tl, &d->up, d->ue, NULL, 0, &e);
			if (e == U_BUFFER_OVERFLOW_ERROR)
				break;
			if (U_FAILURE(e)) {
				s40_errorf(&d->err, S40_E_INTERNAL, NULL, "แปลงเป็น UTF-8 ไม่ได้",
					   "could not convert to UTF-8");
				d->phase = PH_FAILED;
				break;
			}
			continue;
		}
		if (d->fail_after) {
			d->phase = PH_FAILED;
			break;
		}
		if (d->src_done) {
			if (!d->flushed) {
				const UChar *none = d->u;
				ucnv_fromUnicode(d->to, &t, tl, &none, none, NULL, 1, &e);
				if (e == U_BUFFER_OVERFLOW_ERROR)
					break;
				d->flushed = 1;
			}
			break;
		}
		if (d->pos == d->len && !d->eof) {
			if (dec_fill(d, d->chunk))
				break;
			continue;
		}
		size_t avail = d->len - d->pos;
		size_t take = avail < d->chunk ? avail : d->chunk;
		int flush = d->eof && take == avail;
		const char *s0 = d->buf + d->pos, *s = s0;
		UChar *ut = d->u;
		ucnv_toUnicode(d->from, &ut, d->u + DEC_UCAP, &s, s0 + take, d->uoff, (UBool)flush,
			       &e);
		long long base = d->used;
		dec_use(d, (size_t)(s - s0));
		size_t nu = (size_t)(ut - d->u), ok = nu;
		if (d->enc == S40_ENC_WINDOWS_874)
			for (size_t k = 0; k < nu; k++)
				if (not_874(d->u[k])) {
					ok = k;
					break;
				}
		count_lines_u(d, d->u, ok);
		d->up = d->u;
		d->ue = d->u + ok;
		if (ok < nu) {
			dec_convert_fault(d, (unsigned char)s0[d->uoff[ok]], base + d->uoff[ok],
					  d->line);
			d->fail_after = 1;
		} else if (U_FAILURE(e) && e != U_BUFFER_OVERFLOW_ERROR) {
			char bad[32];
			int8_t bad_len = (int8_t)sizeof bad;
			UErrorCode e2 = U_ZERO_ERROR;
			ucnv_getInvalidChars(d->from, bad, &bad_len, &e2);
			if (U_FAILURE(e2) || bad_len <= 0) {
				bad[0] = 0;
				bad_len = 0;
			}
			dec_convert_fault(d, (unsigned char)bad[0], d->used - bad_len, d->line);
			d->fail_after = 1;
		} else if (flush && e != U_BUFFER_OVERFLOW_ERROR && d->pos == d->len) {
			d->src_done = 1;
		}
	}
	return (size_t)(t - out);
}

/* The cookie's read: up to n bytes of UTF-8 into out. */
static ssize_t dec_read(void *cookie, char *out, size_t n)
{
	struct s40_textdec *d = cookie;
	size_t got = 0;
	if (d->phase == PH_START)
		dec_start(d);
	while (got < n) {
		if (d->phase == PH_FAILED)
			break;
		if (d->phase == PH_CONVERT) {
			size_t k = dec_convert(d, out + got, n - got);
			got += k;
			if (k == 0)
				break;
			continue;
		}
		/* PH_ASCII or PH_PASS: the bytes as they are. */
		if (d->pos == d->len) {
			if (d->eof || dec_fill(d, d->chunk))
				break;
			continue;
		}
		size_t k = d->len - d->pos;
		if (k > n - got)
			k = n - got;
		const char *s = d->buf + d->pos;
		if (d->phase == PH_ASCII) {
			size_t a = 0;
			while (a < k && (unsigned char)s[a] < 0x80)
				a++;
			count_lines(d, s, a);
			if (a == 0) {
				dec_decide(d);
				continue;
			}
			k = a;
		}
		memcpy(out + got, s, k);
		dec_use(d, k);
		got += k;
	}
	d->given += (long long)got;
	if (got == 0 && d->phase == PH_FAILED) {
		errno = d->err.code ? EILSEQ : EIO;
		return -1;
	}
	return (ssize_t)got;
}

static int dec_close(void *cookie)
{
	(void)cookie;
	return 0;
}

struct s40_textdec *s40_textdec_open(FILE *in, enum s40_enc force)
{
	return s40_textdec_open_sized(in, force, 0);
}

struct s40_textdec *s40_textdec_open_sized(FILE *in, enum s40_enc force, size_t chunk)
{
	struct s40_textdec *d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->in = in;
	d->force = force;
	d->chunk = chunk ? chunk : DEC_CHUNK_DEFAULT;
	d->cap = DEC_WINDOW + d->chunk;
	d->buf = malloc(d->cap);
	d->line = 1;
	s40_ctx_clear(&d->err);
	cookie_io_functions_t fns = { .read = dec_read, .close = dec_close };
	if (d->buf != NULL)
		d->out = fopencookie(d, "r", fns);
	if (d->out == NULL) {
		free(d->buf);
		free(d);
		return NULL;
	}
	return d;
}

FILE *s40_textdec_stream(struct s40_textdec *d)
{
	return d->out;
}

enum s40_enc s40_textdec_encoding(const struct s40_textdec *d)
{
	if (d->phase == PH_START || d->phase == PH_ASCII)
		return S40_ENC_UTF8;
	return d->enc;
}

enum s40_err s40_textdec_error(const struct s40_textdec *d, struct s40_ctx *ctx)
{
	if (d->err.code == S40_OK)
		return S40_OK;
	if (ctx)
		*ctx = d->err;
	return d->err.code;
}

long long s40_textdec_file_offset(const struct s40_textdec *d, long long n)
{
	if (d->given <= 0 || n >= d->given)
		return d->used;
	return (long long)((double)d->used * (double)n / (double)d->given);
}

void s40_textdec_close(struct s40_textdec *d)
{
	if (d == NULL)
		return;
	if (d->out)
		fclose(d->out);
	if (d->from)
		ucnv_close(d->from);
	if (d->to)
		ucnv_close(d->to);
	free(d->buf);
	free(d);
}
