/*
 * date.c — a libFuzzer target for the date and month parsers (lib/core/date.c).
 *
 * Every accepted date must be a real day that formats and parses back to the
 * same day in its ISO and Thai long forms; every refusal must carry one of the
 * date codes and a one-line message in both languages.
 *
 *   clang -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -Ilib \
 *     fuzz/date.c lib/core/date.c lib/core/thai.c lib/core/error.c lib/core/buf.c \
 *     $(pkg-config --cflags --libs icu-uc icu-i18n) -o fuzz-date
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_refusal(const struct s40_ctx *ctx, enum s40_err rc)
{
	if (rc != S40_E_BAD_DATE && rc != S40_E_IMPOSSIBLE_DATE && rc != S40_E_AMBIGUOUS_DATE)
		abort();
	if (strchr(ctx->msg_th, '\n') || strchr(ctx->msg_en, '\n') || ctx->msg_en[0] == '\0')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[512];
	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	struct s40_ctx ctx;
	s40_ctx_clear(&ctx);
	int32_t day;
	enum s40_err rc = s40_date_parse(text, "date", &day, &ctx);
	if (rc == S40_OK) {
		int y, m, d;
		s40_day_to_ymd(day, &y, &m, &d);
		if (!s40_ymd_valid(y, m, d))
			abort();
		char buf[64];
		int32_t back;
		if (s40_date_parse(s40_date_iso(day, buf, sizeof buf), "date", &back, &ctx) != S40_OK ||
		    back != day)
			abort();
		if (s40_date_parse(s40_date_th_long(day, buf, sizeof buf), "date", &back, &ctx) !=
			    S40_OK ||
		    back != day)
			abort();
	} else {
		check_refusal(&ctx, rc);
	}

	s40_ctx_clear(&ctx);
	int32_t month;
	rc = s40_month_parse(text, "month", &month, &ctx);
	if (rc == S40_OK) {
		char buf[64];
		int32_t back;
		if (s40_month_parse(s40_month_iso(month, buf, sizeof buf), "month", &back, &ctx) !=
			    S40_OK ||
		    back != month)
			abort();
	} else {
		check_refusal(&ctx, rc);
	}
	return 0;
}
