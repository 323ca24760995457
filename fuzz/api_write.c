/*
 * api_write.c — a libFuzzer target for the JSON bodies of the API's write
 * routes: each input is one POST, PUT or PATCH with its body, by one of the
 * users, answered in process by the real handlers on a small register
 * (fuzz/api.h says how an input is read, fuzz/api.c what every answer must be:
 * no 5xx, a well-formed problem for a refusal, nothing written by a refusal).
 *
 * Built by fuzz/meson.build (meson setup -Dfuzz=true with clang; fuzz/run.sh).
 */
#include <stdint.h>
#include <stdlib.h>

#include "api.h"

/* The routes fuzzed, in a fixed order (the first byte of an input picks one):
 * new routes go at the end, so that the seeds keep their meaning. */
static const struct fuzz_route routes[] = {
	{ "POST", "/api/v1/auth/login" },
	{ "POST", "/api/v1/users" },
	{ "POST", "/api/v1/users/{name}/password" },
	{ "POST", "/api/v1/persons" },
	{ "PATCH", "/api/v1/persons/{id}" },
	{ "PUT", "/api/v1/persons/{id}" },
	{ "POST", "/api/v1/enrolments" },
	{ "POST", "/api/v1/memberships/{id}/option" },
	{ "POST", "/api/v1/memberships/{id}/end" },
	{ "POST", "/api/v1/exclusions" },
	{ "POST", "/api/v1/payments" },
	{ "POST", "/api/v1/surveys" },
	{ "POST", "/api/v1/targets" },
	{ "POST", "/api/v1/targets/allocate" },
	{ "PUT", "/api/v1/persons/{id}/followup/assignee" },
	{ "POST", "/api/v1/persons/{id}/followup/calls" },
	{ "POST", "/api/v1/receipt-blocks" },
};

/* Writes left out, and why. */
static const struct fuzz_route left_out[] = {
	/* No body; it ends the session it is sent with (the tests of auth
	 * cover it). */
	{ "POST", "/api/v1/auth/logout" },
	/* A CSV upload, answered before its import runs on the import thread:
	 * the CSV reader is fuzz/csv.c's. */
	{ "POST", "/api/v1/imports" },
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_api_check_routes(false, routes, sizeof routes / sizeof routes[0], left_out,
			      sizeof left_out / sizeof left_out[0]);
	fuzz_api_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_api_one(routes, sizeof routes / sizeof routes[0], false, data, size);
	return 0;
}
