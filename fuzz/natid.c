/*
 * natid.c — a libFuzzer target for the national ID and area code parsers
 * (lib/core/natid.c, lib/core/area.c).
 *
 * An accepted ID must be valid, and its formatted and masked forms must read
 * back (the formatted one to the same ID); an accepted area code must have a
 * level and print back to the digits it was read from.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Ilib \
 *     fuzz/natid.c lib/core/natid.c lib/core/area.c lib/core/error.c -o fuzz-natid
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/area.h"
#include "core/natid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[256];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int64_t id;
	enum s40_err rc = s40_natid_parse(text, "id", &id, &ctx);
	if (rc == S40_OK) {
		char buf[32];
		int64_t back;
		if (!s40_natid_valid(id))
			abort();
		if (s40_natid_parse(s40_natid_format(id, buf, sizeof buf), "id", &back, &ctx) !=
			    S40_OK ||
		    back != id)
			abort();
		s40_natid_mask(id, buf, sizeof buf);
		if (strlen(buf) != 17 || strstr(buf, "xxxx") == NULL)
			abort();
	} else if (rc != S40_E_BAD_ID && rc != S40_E_ID_CHECK && rc != S40_E_ID_TYPE) {
		abort();
	}

	s40_ctx_clear(&ctx);
	int32_t code;
	rc = s40_area_parse(text, "area", &code, &ctx);
	if (rc == S40_OK) {
		if (s40_area_level(code) == S40_LEVEL_NONE)
			abort();
		char buf[16];
		snprintf(buf, sizeof buf, "%d", (int)code);
		int32_t back;
		if (s40_area_parse(buf, "area", &back, &ctx) != S40_OK || back != code)
			abort();
	} else if (rc != S40_E_BAD_AREA) {
		abort();
	}
	return 0;
}
