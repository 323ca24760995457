/*
 * textenc.h — the character encoding of an import file, found and converted
 * to UTF-8 as the file streams.
 *
 * Offices' files are UTF-8 (with or without a byte-order mark), UTF-16 (Excel's
 * "Unicode text", with a byte-order mark, sometimes without) or Windows-874 /
 * TIS-620 (Excel's "CSV" on Thai Windows). A decoder reads a FILE and gives a
 * FILE of UTF-8 in its place, so that the CSV reader, its line numbers and its
 * messages see the same rows whatever the file was saved as. The encoding is
 * decided once for the whole file, not row by row: by its byte-order mark, by
 * the NUL bytes of UTF-16 without one, else on the first 64 KiB after the
 * first byte that is not ASCII (ASCII reads the same in all of them). The
 * conversion itself is ICU's; a Windows-874 file is checked all the way
 * through, and a byte Windows-874 does not define stops the reading.
 */
#ifndef S40_CORE_TEXTENC_H
#define S40_CORE_TEXTENC_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum s40_enc {
	S40_ENC_AUTO = 0, /* decide from the bytes (only as a forced value: "auto") */
	S40_ENC_UTF8, /* also plain ASCII */
	S40_ENC_UTF8_BOM,
	S40_ENC_UTF16, /* forced only: little- or big-endian by its BOM, else little */
	S40_ENC_UTF16LE,
	S40_ENC_UTF16BE,
	S40_ENC_WINDOWS_874, /* Windows-874, a superset of TIS-620 */
};

/* The stable key of enc: "utf-8", "utf-8-bom", "utf-16", "utf-16le",
 * "utf-16be", "windows-874", "auto". */
const char *s40_enc_name(enum s40_enc enc);

/* The encoding a user names (case-blind: "utf-8", "utf8", "utf-16",
 * "utf-16le", "utf-16be", "windows-874", "cp874", "tis-620", "auto"); -1 if
 * unknown. */
int s40_enc_parse(const char *s);

struct s40_textdec;

/*
 * A decoder reading in (not closed by it), detecting the encoding when force
 * is S40_ENC_AUTO, else reading in as force says. NULL when out of memory or
 * when ICU has no converter. s40_textdec_open_sized reads chunk bytes at a
 * time and converts at most chunk bytes a step (0 = 64 KiB), for tests that
 * split characters across reads.
 */
struct s40_textdec *s40_textdec_open(FILE *in, enum s40_enc force);
struct s40_textdec *s40_textdec_open_sized(FILE *in, enum s40_enc force, size_t chunk);

/* The file's text as UTF-8, for reading; owned by d (closed by
 * s40_textdec_close). A conversion failure shows as a read error on it
 * (ferror), with its detail from s40_textdec_error. */
FILE *s40_textdec_stream(struct s40_textdec *d);

/* The encoding read: the one decided, S40_ENC_UTF8 while only ASCII has been
 * read, S40_ENC_AUTO when the file was refused before a decision. */
enum s40_enc s40_textdec_encoding(const struct s40_textdec *d);

/* S40_OK, or S40_E_CSV_ENCODING with its detail (the byte, its line) copied
 * to ctx when the text could not be read as the encoding. A read error of the
 * file itself is not the decoder's: S40_OK. */
enum s40_err s40_textdec_error(const struct s40_textdec *d, struct s40_ctx *ctx);

/* Where the reading is, in bytes of the file, for n bytes of UTF-8 given out
 * (in proportion when converting): progress is measured in the file's bytes. */
long long s40_textdec_file_offset(const struct s40_textdec *d, long long n);

/* Free d and its stream (NULL is fine); the FILE it reads stays open. */
void s40_textdec_close(struct s40_textdec *d);

#endif
