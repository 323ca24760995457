/*
 * csv.c — a libFuzzer target for the CSV reader (lib/core/csv.c).
 *
 * The input is read through fmemopen, with a block size taken from its first
 * byte so that records also split across reads, and the reader is stepped to
 * the end. Every record's fields must be NUL-terminated at their length and
 * hold no NUL, the raw record must be no longer than the cap, and the line
 * numbers must never go back.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Ilib \
 *     fuzz/csv.c lib/core/csv.c lib/core/buf.c lib/core/error.c -o fuzz-csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t block = data[0] % 9; /* 0 is the default block */
	data++;
	size--;
	if (size == 0)
		return 0; /* fmemopen refuses an empty buffer */
	FILE *f = fmemopen((void *)data, size, "r");
	if (f == NULL)
		return 0;
	struct s40_csv *r = s40_csv_open_sized(f, block);
	if (r == NULL) {
		fclose(f);
		return 0;
	}
	long last_line = 0;
	for (;;) {
		struct s40_ctx ctx;
		s40_ctx_clear(&ctx);
		size_t n = 0, raw_len = 0;
		enum s40_err rc = s40_csv_next(r, &n, &ctx);
		const char *raw = s40_csv_raw(r, &raw_len);
		if (raw_len > S40_CSV_MAX_ROW || strlen(raw) > raw_len)
			abort();
		if (s40_csv_offset(r) > (long long)size)
			abort();
		if (rc != S40_OK) {
			if (n != 0 || ctx.code != rc || ctx.line < 1)
				abort();
			continue;
		}
		if (n == 0)
			break;
		if (s40_csv_line(r) <= last_line)
			abort();
		last_line = s40_csv_line(r);
		for (size_t i = 0; i < n; i++) {
			const char *s = s40_csv_field(r, i);
			if (s == NULL || strlen(s) != s40_csv_field_len(r, i))
				abort();
		}
	}
	s40_csv_close(r);
	fclose(f);
	return 0;
}
