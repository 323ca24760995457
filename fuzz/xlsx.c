/*
 * xlsx.c — a libFuzzer target for the workbook reader (lib/io/xlsx_read.c):
 * a zip of XML from anyone who can upload an import.
 *
 * The input is read as a workbook, its first sheet and then a sheet by name.
 * Whatever the bytes, the reader must return (no crash, no leak, no read out
 * of bounds), and what it gives on success must be text a CSV reader can take:
 * no NUL byte, every line ended.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Ilib fuzz/xlsx.c \
 *     lib/io/xlsx_read.c lib/core/buf.c lib/core/error.c lib/core/date.c \
 *     $(pkg-config --cflags --libs libzip expat) -lm -o fuzz-xlsx
 * The seeds in fuzz/corpus/xlsx are stored (not deflated), so that a mutation
 * reaches the XML inside.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_sheet(const uint8_t *data, size_t size, const char *sheet)
{
	struct s40_buf csv;
	s40_buf_init(&csv, (size_t)64 << 20);
	char name[128];
	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	if (s40_xlsx_to_csv(data, size, sheet, &csv, name, sizeof name, &ctx) == S40_OK) {
		if (memchr(csv.data ? csv.data : "", '\0', csv.len) != NULL)
			abort();
		if (csv.len > 0 && csv.data[csv.len - 1] != '\n')
			abort();
		if (memchr(name, '\0', sizeof name) == NULL)
			abort();
	} else if (ctx.code == S40_OK) {
		abort(); /* a failure says why */
	}
	s40_buf_free(&csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_sheet(data, size, NULL);
	read_sheet(data, size, "อื่น");
	return 0;
}
