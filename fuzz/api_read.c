/*
 * api_read.c — a libFuzzer target for the query strings of the API's read
 * routes: each input is one GET with its query string, by one of the users,
 * answered in process by the real handlers on a small register (fuzz/api.h
 * says how an input is read, fuzz/api.c what every answer must be: no 5xx, a
 * well-formed problem for a refusal, nothing written by a refusal, no person
 * named to a user who may not see them).
 *
 * Built by fuzz/meson.build (meson setup -Dfuzz=true with clang; fuzz/run.sh).
 */
#include <stdint.h>
#include <stdlib.h>

#include "api.h"

/* The routes fuzzed, in a fixed order (the first byte of an input picks one):
 * new routes go at the end, so that the seeds keep their meaning. */
static const struct fuzz_route routes[] = {
	{ "GET", "/api/v1/persons" },
	{ "GET", "/api/v1/persons/{id}" },
	{ "GET", "/api/v1/persons/{id}/ledger" },
	{ "GET", "/api/v1/persons/{id}/standing" },
	{ "GET", "/api/v1/persons/{id}/benefit" },
	{ "GET", "/api/v1/areas" },
	{ "GET", "/api/v1/areas/{code}" },
	{ "GET", "/api/v1/reports/asof" },
	{ "GET", "/api/v1/reports/villages" },
	{ "GET", "/api/v1/reports/tambons" },
	{ "GET", "/api/v1/reports/attainment" },
	{ "GET", "/api/v1/reports/trend" },
	{ "GET", "/api/v1/reports/statement" },
	{ "GET", "/api/v1/reports/network" },
	{ "GET", "/api/v1/reports/events" },
	{ "GET", "/api/v1/reports/prospects" },
	{ "GET", "/api/v1/reports/lapsed" },
	{ "GET", "/api/v1/reports/contributions" },
	{ "GET", "/api/v1/targets" },
	{ "GET", "/api/v1/journal" },
	{ "GET", "/api/v1/journal/verify" },
	{ "GET", "/api/v1/users" },
	{ "GET", "/api/v1/auth/me" },
	{ "GET", "/api/v1/imports/{id}" },
	{ "GET", "/api/v1/imports/{id}/rejects" },
	{ "GET", "/api/v1/health" },
	{ "GET", "/api/v1/version" },
	{ "GET", "/api/v1/openapi.json" },
	{ "GET", "/" },
	{ "GET", "/sw.js" },
	{ "GET", "/ui/{file}" },
	{ "GET", "/ui/{dir}/{file}" },
	{ "GET", "/api/v1/payments/receipt" },
	{ "GET", "/api/v1/persons/{id}/form" },
	{ "GET", "/api/v1/persons/{id}/followup" },
	{ "GET", "/api/v1/changes" },
	{ "GET", "/api/v1/reports/coverage" },
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_api_check_routes(true, routes, sizeof routes / sizeof routes[0], NULL, 0);
	fuzz_api_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_api_one(routes, sizeof routes / sizeof routes[0], true, data, size);
	return 0;
}
